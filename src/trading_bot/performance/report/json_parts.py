"""The report-level parts of the JSON document: what the text and Markdown show beyond the
summary itself.

:meth:`PerformanceSummary.to_dict` is the summary's own contract (one window, no neighbours).
The report a person reads adds the weekly and monthly review, which compares with the period
before, and the top and bottom trades (``--top N``); :func:`report_parts` builds both from a
report's summary and previous period, so ``--format json`` and every ``.json`` export carry what
the humans see.  Pure.
"""

from __future__ import annotations

from typing import Any

from trading_bot.performance.core.aggregate import ClosedTrade
from trading_bot.performance.core.decimals import canonical
from trading_bot.performance.core.dimensions import OVERLAPPING_DIMENSIONS
from trading_bot.performance.core.formatting import MIN_SAMPLE
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.core.timestamps import format_instant
from trading_bot.performance.report.review import review_document
from trading_bot.performance.report.sections import HIGHLIGHT_COUNT, highlights


def trade_row(trade: ClosedTrade) -> dict[str, Any]:
    """One closed trade: exact net P&L, instant, ``file:line`` and its breakdown keys (a list
    for a dimension a trade can hold several values of, such as its indicators)."""
    groups: dict[str, Any] = {}
    for name, value in trade.groups:
        if name in OVERLAPPING_DIMENSIONS:
            groups.setdefault(name, []).append(value)
        else:
            groups[name] = value
    _, file_name, line = trade.key
    return {"order_id": trade.order_id, "symbol": trade.symbol, "outcome": trade.outcome,
            "net_profit_loss": canonical(trade.net), "realized_at": format_instant(trade.key[0]),
            "source": f"{file_name}:{line}", "groups": groups}


def top_trades(summary: PerformanceSummary, count: int = HIGHLIGHT_COUNT) -> dict[str, Any]:
    """The JSON ``top_trades``: the same choice as the text's "Top" and "Bottom" tables."""
    chosen = highlights(summary.aggregate, count)
    return {"count": count, "considered": chosen.considered, "total": chosen.total,
            "partial": chosen.partial, "top": [trade_row(trade) for trade in chosen.top],
            "bottom": [trade_row(trade) for trade in chosen.bottom]}


def report_parts(summary: PerformanceSummary, previous: PerformanceSummary | None, *,
                 min_sample: int = MIN_SAMPLE, top: int = HIGHLIGHT_COUNT) -> dict[str, Any]:
    """``review`` (None outside weekly and monthly windows) and ``top_trades``."""
    return {"review": review_document(summary, previous, min_sample=min_sample),
            "top_trades": top_trades(summary, top)}
