"""Mermaid ``xychart-beta`` charts for the Markdown report: GitHub draws them, no image files.

Only numbers, dates and fixed titles go into a chart, never logged text, so nothing in a chart
needs escaping.  Values are rounded for display like every other number people read.

Mermaid quirks handled here: its y-axis defaults to the data's own range, which exaggerates small
differences, so the range is pinned to include zero; and its bars rise from the bottom of the plot
rather than from zero, so a chart with losing days also draws a flat zero line and the report
says so in a caption.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Sequence

from trading_bot.performance.core.decimals import ZERO, quantize_for_display
from trading_bot.performance.core.summary import PerformanceSummary

#: Up to this many closed trades the equity curve has one point per trade; beyond it (or when
#: the aggregate's tail does not hold the whole window) one point per day.
MAX_TRADE_POINTS = 200


@dataclass(frozen=True, slots=True)
class Chart:
    """A fenced Mermaid block and the caption a reader needs to interpret it ('' for none)."""

    lines: tuple[str, ...]
    caption: str = ""


def _number(value: Decimal) -> str:
    return quantize_for_display(value, 2)


def _y_axis(title: str, values: Sequence[Decimal]) -> str:
    low = min(ZERO, *values)
    high = max(ZERO, *values)
    if low == high:
        return f'    y-axis "{title}"'
    return f'    y-axis "{title}" {_number(low)} --> {_number(high)}'


def _series(kind: str, values: Sequence[Decimal]) -> str:
    return f"    {kind} [{', '.join(_number(value) for value in values)}]"


def _day_labels(days: Sequence[date]) -> str:
    """Month-day labels when the days share a year (the overview states it), else full dates."""
    same_year = len({day.year for day in days}) == 1
    labels = [day.strftime("%m-%d") if same_year else day.isoformat() for day in days]
    return "[" + ", ".join(f'"{label}"' for label in labels) + "]"


def _block(*lines: str) -> tuple[str, ...]:
    return ("```mermaid", "xychart-beta", *lines, "```")


def equity_curve(summary: PerformanceSummary) -> Chart | None:
    """Cumulative realized net P&L through the window; None without closed trades.

    Per trade (starting from the window's zero) when the window is small enough to be held
    whole in the aggregate's tail, otherwise per day at each day's end.
    """
    aggregate = summary.aggregate
    closed = aggregate.core.closed
    if closed == 0:
        return None
    running = ZERO
    if len(aggregate.tail) == closed <= MAX_TRADE_POINTS:
        points = [ZERO]
        for trade in aggregate.tail:
            running += trade.net
            points.append(running)
        x_axis = f'    x-axis "Closed trade" 0 --> {closed}'
    else:
        days = sorted(aggregate.day_stats)
        points = []
        for day in days:
            running += aggregate.day_stats[day].net
            points.append(running)
        x_axis = f'    x-axis "Day" {_day_labels(days)}'
    lines = _block('    title "Equity curve: cumulative net P&L"', x_axis,
                   _y_axis("Net P&L", points), _series("line", points))
    return Chart(lines)


def daily_bars(summary: PerformanceSummary) -> Chart | None:
    """Net P&L of each local day with closed trades; None without any."""
    days = sorted(summary.aggregate.day_stats.items())
    if not days:
        return None
    values = [stats.net for _, stats in days]
    series = [_series("bar", values)]
    caption = ""
    if any(value < 0 for value in values):
        series.append(_series("line", [ZERO] * len(values)))
        caption = ("Bars rise from the bottom of the chart; the flat line marks zero, so a bar "
                   "ending below it is a losing day.")
    lines = _block('    title "Daily net P&L"', f'    x-axis "Day" {_day_labels([d for d, _ in days])}',
                   _y_axis("Net P&L", values), *series)
    return Chart(lines, caption)
