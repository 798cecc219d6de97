"""Performance summaries of a trading bot's JSONL trade logs, with exact Decimal money.

Public API::

    from trading_bot.performance import PerformanceTracker
    summary = PerformanceTracker(logs_dir="logs").get_summary("weekly")
    summary.metrics.values["win_rate"], summary.to_dict()
"""

from .aggregate import Aggregate, ClosedTrade
from .errors import (ConfigError, InvalidLineError, LogsDirectoryError, PerformanceError,
                     StrictModeError, UsageError)
from .records import TradeRecord, trade_from_json
from .summary import PerformanceSummary
from .tracker import PerformanceTracker

__version__ = "0.1.0"

__all__ = [
    "Aggregate", "ClosedTrade", "ConfigError", "InvalidLineError", "LogsDirectoryError",
    "PerformanceError", "PerformanceSummary", "PerformanceTracker", "StrictModeError",
    "TradeRecord", "UsageError", "trade_from_json", "__version__",
]
