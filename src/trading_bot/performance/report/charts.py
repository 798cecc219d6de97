"""Mermaid ``xychart-beta`` charts for the Markdown report: GitHub draws them, no image files.

Only numbers, dates and fixed titles go into a chart, never logged text, so nothing in a chart
needs escaping.  Values are rounded for display like every other number people read.

Mermaid quirks handled here: its y-axis defaults to the data's own range, which exaggerates small
differences, so the range is pinned to include zero; and its bars rise from the bottom of the plot
rather than from zero, so a chart with losing days also draws a flat zero line and the report
says so in a caption.

Readable at any length (GitHub draws a chart about 700 px wide and Mermaid labels every category
of an x-axis, so 30 day labels run together and 240 make a smear): a window of up to
:data:`MAX_DAY_POINTS` days has a point per day, a longer one a point per ISO week (per month
beyond :data:`MAX_WEEK_POINTS` weeks), and at most :data:`MAX_X_LABELS` categories are labelled,
evenly spaced.  The others get a blank label: Mermaid trims spaces and merges equal categories,
so a blank is a distinct run of zero-width characters (U+200B and U+200C spelling its index in
binary), invisible in the chart and empty-looking in a plain editor.  The HTML report has the
true time axis (:mod:`.svg`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from trading_bot.performance.core.aggregate import CoreStats
from trading_bot.performance.core.decimals import ZERO, exact_sums, quantize_for_display
from trading_bot.performance.core.summary import PerformanceSummary

#: Up to this many closed trades the equity curve has one point per trade; beyond it (or when
#: the aggregate's tail does not hold the whole window) one point per day, week or month.
MAX_TRADE_POINTS = 200
#: At most this many x-axis categories carry a label (8 dates fit GitHub's width).
MAX_X_LABELS = 8
#: A point per day up to this many days from the first to the last traded day, then per week...
MAX_DAY_POINTS = 31
#: ... and per calendar month beyond this many weeks.
MAX_WEEK_POINTS = 104
_ZERO_WIDTH = {"0": "\u200b", "1": "\u200c"}
_X_TITLES = {"day": "Day", "week": "Week (from Monday)", "month": "Month"}


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


def point_unit(days: Sequence[date]) -> str:
    """``day``, ``week`` or ``month``: one chart point per what, for traded ``days`` (sorted)."""
    span = (days[-1] - days[0]).days + 1 if days else 0
    if span <= MAX_DAY_POINTS:
        return "day"
    return "week" if span <= 7 * MAX_WEEK_POINTS else "month"


def _unit_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1) if unit == "month" else day


def net_points(day_stats: Mapping[date, CoreStats]) -> tuple[str, list[tuple[date, Decimal]]]:
    """Net P&L per day, ISO week or month with closed trades (by :func:`point_unit`), oldest
    first, each keyed by its first day."""
    days = sorted(day_stats)
    unit = point_unit(days)
    sums: dict[date, Decimal] = {}
    with exact_sums():
        for day in days:
            start = _unit_start(day, unit)
            sums[start] = sums.get(start, ZERO) + day_stats[day].net
    return unit, sorted(sums.items())


def blank_label(index: int) -> str:
    """An invisible category name, distinct for each ``index`` (see the module docstring)."""
    return "".join(_ZERO_WIDTH[bit] for bit in format(index, "b"))


def x_labels(starts: Sequence[date], unit: str) -> list[str]:
    """Evenly spaced labels, the first included, the rest blank: ``03-10`` (a day, or a week's
    Monday), with the year (``2025-03-10``) on the first label and where the year changes when
    the points span several years; ``2025-03`` for months, of which fewer fit."""
    most = MAX_X_LABELS if unit != "month" else MAX_X_LABELS - 2
    every = -(-len(starts) // most) if starts else 1
    same_year = len({start.year for start in starts}) == 1
    labels = []
    previous: date | None = None
    for index, start in enumerate(starts):
        if index % every:
            labels.append(blank_label(index))
            continue
        if unit == "month":
            labels.append(start.strftime("%Y-%m"))
        elif same_year or (previous is not None and previous.year == start.year):
            labels.append(start.strftime("%m-%d"))
        else:
            labels.append(start.isoformat())
        previous = start
    return labels


def _x_axis(starts: Sequence[date], unit: str) -> str:
    labels = ", ".join(f'"{label}"' for label in x_labels(starts, unit))
    return f'    x-axis "{_X_TITLES[unit]}" [{labels}]'


def _block(*lines: str) -> tuple[str, ...]:
    return ("```mermaid", "xychart-beta", *lines, "```")


def equity_curve(summary: PerformanceSummary) -> Chart | None:
    """Cumulative realized net P&L through the window; None without closed trades.

    Per trade (starting from the window's zero) when the window is small enough to be held
    whole in the aggregate's tail, otherwise at the end of each day (week, month: see
    :func:`point_unit`).
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
        unit, nets = net_points(aggregate.day_stats)
        points = []
        for _, net in nets:
            running += net
            points.append(running)
        x_axis = _x_axis([start for start, _ in nets], unit)
    lines = _block('    title "Equity curve: cumulative net P&L"', x_axis,
                   _y_axis("Net P&L", points), _series("line", points))
    return Chart(lines)


def daily_bars(summary: PerformanceSummary) -> Chart | None:
    """Net P&L of each local day (week, month) with closed trades; None without any."""
    if not summary.aggregate.day_stats:
        return None
    unit, nets = net_points(summary.aggregate.day_stats)
    values = [net for _, net in nets]
    series = [_series("bar", values)]
    caption = ""
    if any(value < 0 for value in values):
        series.append(_series("line", [ZERO] * len(values)))
        caption = ("Bars rise from the bottom of the chart; the flat line marks zero, so a bar "
                   f"ending below it is a losing {unit}.")
    title = {"day": "Daily", "week": "Weekly", "month": "Monthly"}[unit]
    lines = _block(f'    title "{title} net P&L"', _x_axis([start for start, _ in nets], unit),
                   _y_axis("Net P&L", values), *series)
    return Chart(lines, caption)
