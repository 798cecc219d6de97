"""Performance summaries of a trading bot's JSONL trade logs, with exact Decimal money.

Public API::

    from trading_bot.performance import PerformanceTracker
    summary = PerformanceTracker(logs_dir="logs").get_summary("weekly")
    summary.metrics.values["win_rate"], summary.to_dict()
"""

from trading_bot.performance.core.aggregate import Aggregate, ClosedTrade
from trading_bot.performance.core.records import TradeRecord, trade_from_json
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.errors import (
                     ConfigError,
                     InvalidLineError,
                     LogsDirectoryError,
                     PerformanceError,
                     StrictModeError,
                     UsageError,
)
from trading_bot.performance.tracker import PerformanceTracker
from trading_bot.performance.version import __version__

__all__ = [
                     "Aggregate",
                     "ClosedTrade",
                     "ConfigError",
                     "InvalidLineError",
                     "LogsDirectoryError",
                     "PerformanceError",
                     "PerformanceSummary",
                     "PerformanceTracker",
                     "StrictModeError",
                     "TradeRecord",
                     "UsageError",
                     "__version__",
                     "trade_from_json",
]
