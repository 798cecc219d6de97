"""The HTML report's charts: what each one plots, taken from a summary; :mod:`.svg` draws them.

* **Equity and drawdown** on a true time axis spanning the whole window (a weekend without
  trades is a flat stretch, not a vanished category): one point per closed trade when the
  aggregate's tail holds the whole window, else one per day at the day's end.
* **Net P&L bars** per day; when days would be thinner than :data:`~.svg.MIN_BAR_PITCH`
  units, per ISO week, then per calendar month (the title says which).
* **Calendar heatmap** of daily net P&L for windows longer than :data:`CALENDAR_MIN_DAYS` days:
  one small calendar per month, or, beyond :data:`MAX_CALENDAR_MONTHS` months, one cell per month.
* **Breakdown bars**: net P&L by strategy and by symbol, in the table's order.

Pure: the summary's timezone names the local days the axis is labelled in.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from trading_bot.performance.core import dimensions
from trading_bot.performance.core.aggregate import CoreStats
from trading_bot.performance.core.decimals import ZERO, exact_sums
from trading_bot.performance.core.formatting import money, plural
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.core.timestamps import resolve_timezone
from trading_bot.performance.report.sections import Rows, days
from trading_bot.performance.report.svg import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MIN_BAR_PITCH,
    MONTH_FULL,
    WEEKDAYS,
    WIDTH,
    Bar,
    BreakdownBar,
    Cell,
    EquityPoint,
    TimeAxis,
    bar_chart,
    breakdown_chart,
    equity_chart,
    esc,
    month_calendar,
    month_grid,
    months_between,
    signed_money,
    underwater,
)

#: Windows longer than this many days also get a calendar heatmap.
CALENDAR_MIN_DAYS = 31
#: Up to this many months the heatmap is a calendar per month; beyond, a cell per month.
MAX_CALENDAR_MONTHS = 24
#: Breakdowns drawn as bars (the others are tables only).
BAR_DIMENSIONS = ("strategy_name", "symbol")
#: A breakdown with more rows draws its best and worst :data:`BAR_ENDS` rows.
MAX_BARS = 12
BAR_ENDS = 6
#: Axis bounds: the years a trade line may have (a range from year 1 would not fit a clock).
FIRST_DAY = date(1970, 1, 1)
LAST_DAY = date(8999, 12, 31)


def _midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


#: How far the axis may reach beyond the first and last day with trades: a window far wider
#: than its data (1970 to 8999 over two files) draws the data's years, not 7,000 empty ones.
AXIS_MARGIN = timedelta(days=366)


def window_days(summary: PerformanceSummary) -> tuple[date, date] | None:
    """First and last local day of the chart axis: the window's own days (a rolling window
    starts on the day of its first trade), at most :data:`AXIS_MARGIN` beyond the days with
    trades; None without closed trades."""
    found = days(summary)
    if not found:
        return None
    first = summary.period.start or found[0][0]
    first = min(max(first, FIRST_DAY, found[0][0] - AXIS_MARGIN), found[0][0])
    last = max(min(summary.period.end, LAST_DAY, found[-1][0] + AXIS_MARGIN), found[-1][0])
    return first, last


def time_axis(summary: PerformanceSummary, zone: tzinfo) -> TimeAxis | None:
    """The charts' time axis: local midnight of the first day to that after the last."""
    bounds = window_days(summary)
    if bounds is None:
        return None
    first, last = bounds
    return TimeAxis(_midnight(first, zone), _midnight(last + timedelta(days=1), zone), zone)


def _local(instant: datetime, zone: tzinfo) -> str:
    return instant.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _day_name(day: date) -> str:
    return f"{day.isoformat()} {WEEKDAYS[day.weekday()]}"


def equity_points(summary: PerformanceSummary, axis: TimeAxis) -> list[EquityPoint]:
    """The window's zero, then cumulative net P&L after each trade (or each day)."""
    aggregate = summary.aggregate
    zone = axis.zone
    points = [EquityPoint(axis.start, ZERO,
                          f"{_local(axis.start, zone)}: 0.00 at the window's start")]
    running = ZERO
    with exact_sums():
        if len(aggregate.tail) == aggregate.core.closed:
            for trade in aggregate.tail:
                running += trade.net
                points.append(EquityPoint(
                    trade.realized_at, running,
                    f"{_local(trade.realized_at, zone)} {trade.order_id} {trade.symbol}: "
                    f"{signed_money(trade.net)}, cumulative {money(running)}"))
        else:
            for day, stats in days(summary):
                running += stats.net
                points.append(EquityPoint(
                    _midnight(day + timedelta(days=1), zone), running,
                    f"{_day_name(day)}: {signed_money(stats.net)} "
                    f"({plural(stats.closed, 'trade')}), cumulative {money(running)}"))
    return points


def equity_figure(summary: PerformanceSummary) -> str:
    """The equity curve with its underwater area; '' without closed trades."""
    zone = resolve_timezone(summary.timezone)
    axis = time_axis(summary, zone)
    if axis is None:
        return ""
    points = equity_points(summary, axis)
    per = "trade" if len(points) - 1 == summary.aggregate.core.closed else "day"
    until = axis.end if summary.period.complete else min(axis.end, max(summary.as_of, axis.start))
    deepest = min(underwater(points))
    title = "Equity curve and drawdown"
    desc = (f"Cumulative net P&L from 0.00 at the window's start, one point per {per}, ending "
            f"at {money(points[-1].equity)}; lowest {money(min(p.equity for p in points))}, "
            f"highest {money(max(p.equity for p in points))}. Below it the drawdown from the "
            f"running peak, deepest {money(deepest)}.")
    chart = equity_chart(points, axis, until, chart_id="chart-equity", title=title, desc=desc)
    dense = " dense" if len(points) > 120 else ""
    return _figure(chart, title, f"Hover a point for its trade and value. {desc}", dense)


def _bucket(day: date, unit: str) -> tuple[date, date]:
    """The day, ISO week or month ``day`` falls in, as ``[first, after)``."""
    if unit == "day":
        return day, day + timedelta(days=1)
    if unit == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=7)
    first = day.replace(day=1)
    after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, after


def bar_unit(first: date, last: date) -> str:
    """``day`` while a day is at least :data:`~.svg.MIN_BAR_PITCH` units wide, then ``week``,
    then ``month``."""
    width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    count = (last - first).days + 1
    if width / count >= MIN_BAR_PITCH:
        return "day"
    return "week" if width / (count / 7) >= MIN_BAR_PITCH else "month"


def _bucket_name(first: date, unit: str) -> str:
    if unit == "day":
        return _day_name(first)
    if unit == "week":
        year, week, _ = first.isocalendar()
        return f"Week {year}-W{week:02d} (from {first.isoformat()})"
    return f"{MONTH_FULL[first.month - 1]} {first.year}"


def pnl_bars(summary: PerformanceSummary, axis: TimeAxis, unit: str) -> list[Bar]:
    """Net P&L per day, week or month with closed trades, oldest first."""
    buckets: dict[date, CoreStats] = {}
    with exact_sums():
        for day, stats in days(summary):
            first = _bucket(day, unit)[0]
            buckets[first] = buckets[first] + stats if first in buckets else stats
    bars = []
    for first, stats in sorted(buckets.items()):
        after = _bucket(first, unit)[1]
        bars.append(Bar(_midnight(first, axis.zone), _midnight(after, axis.zone), stats.net,
                        f"{_bucket_name(first, unit)}: {signed_money(stats.net)} "
                        f"({plural(stats.closed, 'trade')})"))
    return bars


_UNIT_TITLE = {"day": "Daily", "week": "Weekly (ISO weeks)", "month": "Monthly"}
_UNIT_NOUN = {"day": "day", "week": "week", "month": "month"}


def bars_figure(summary: PerformanceSummary) -> str:
    """Net P&L bars per day (week, month); '' without closed trades."""
    zone = resolve_timezone(summary.timezone)
    axis = time_axis(summary, zone)
    bounds = window_days(summary)
    if axis is None or bounds is None:
        return ""
    unit = bar_unit(*bounds)
    bars = pnl_bars(summary, axis, unit)
    noun = _UNIT_NOUN[unit]
    gains = sum(1 for bar in bars if bar.value > 0)
    losses = sum(1 for bar in bars if bar.value < 0)
    best = max(bars, key=lambda bar: bar.value)
    worst = min(bars, key=lambda bar: bar.value)
    title = f"{_UNIT_TITLE[unit]} net P&L"
    desc = (f"{plural(len(bars), noun)} with closed trades: {gains} with a gain (green, above "
            f"zero), {losses} with a loss (red, below zero); best {signed_money(best.value)}, "
            f"worst {signed_money(worst.value)}.")
    chart = bar_chart(bars, axis, chart_id="chart-bars", title=title, desc=desc)
    return _figure(chart, title, f"Hover a bar for its value. {desc}")


def calendar_figure(summary: PerformanceSummary) -> str:
    """The heatmap of daily (or, over long windows, monthly) net P&L; '' for windows of a month
    or less."""
    bounds = window_days(summary)
    if bounds is None or (bounds[1] - bounds[0]).days + 1 <= CALENDAR_MIN_DAYS:
        return ""
    first, last = bounds
    cells = {day: Cell(stats.net, stats.closed) for day, stats in days(summary)}
    months = months_between(first, last)
    legend = ('<p class="legend"><span class="swatch l4"></span><span class="swatch l2"></span>'
              ' loss, <span class="swatch z"></span> breakeven, <span class="swatch g2"></span>'
              '<span class="swatch g4"></span> gain, <span class="swatch none"></span> no '
              "closed trades; the deeper the colour, the larger the amount (by quarter of the "
              "largest)</p>\n")
    if len(months) <= MAX_CALENDAR_MONTHS:
        largest = max((abs(cell.value) for cell in cells.values()), default=ZERO)
        calendars = "".join(
            month_calendar(year, month, cells, first, last, largest, f"calendar-{year}-{month:02d}")
            + "\n" for year, month in months)
        title = "Daily net P&L calendar"
        return (f'<figure class="heatmap"><figcaption>{esc(title)}</figcaption>\n'
                f'<div class="calendars">\n{calendars}</div>\n{legend}</figure>\n')
    by_month: dict[tuple[int, int], Cell] = {}
    with exact_sums():
        for day, cell in cells.items():
            key = (day.year, day.month)
            found = by_month.get(key)
            by_month[key] = (cell if found is None
                             else Cell(found.value + cell.value, found.trades + cell.trades))
    title = "Monthly net P&L by year"
    desc = (f"{len(by_month)} of {len(months)} months with closed trades; each cell is a month's "
            "net P&L (hover for the exact value).")
    chart = month_grid(by_month, first, last, chart_id="chart-months", title=title, desc=desc)
    return _figure(chart, title, desc, " months", after=legend)


def breakdown_figure(dimension: str, rows: Rows, min_sample: int, index: int) -> str:
    """Bars of net P&L by strategy or symbol (the table's rows, in its order); '' for other
    dimensions and for empty breakdowns."""
    if dimension not in BAR_DIMENSIONS or not rows:
        return ""
    shown = list(rows)
    note = ""
    if len(shown) > MAX_BARS:
        shown = shown[:BAR_ENDS] + shown[-BAR_ENDS:]
        note = f" The {BAR_ENDS} best and {BAR_ENDS} worst of {len(rows)} rows; the table has all."
    bars = [BreakdownBar(key, stats.net,
                         f"{key}: net {signed_money(stats.net)} over "
                         f"{plural(stats.closed, 'closed trade')}"
                         + (" (small sample)" if stats.closed < min_sample else ""),
                         small=stats.closed < min_sample) for key, stats in shown]
    label = dimensions.label(dimension).lower()
    title = f"Net P&L by {label}"
    best, worst = bars[0], bars[-1]
    desc = (f"{plural(len(rows), 'row')}; best {best.label} {signed_money(best.value)}, "
            f"worst {worst.label} {signed_money(worst.value)}. Paler bars have fewer than "
            f"{plural(min_sample, 'closed trade')}.{note}")
    chart = breakdown_chart(bars, chart_id=f"chart-breakdown-{index}", title=title, desc=desc)
    return _figure(chart, title, desc, " breakdown")


def _figure(chart: str, title: str, caption: str, extra_class: str = "", after: str = "") -> str:
    """A chart with its visible title and caption (the same words as its text alternative)."""
    return (f'<figure class="figure{extra_class}"><figcaption><strong>{esc(title)}</strong> '
            f'<span class="note">{esc(caption)}</span></figcaption>'
            f'\n<div class="scroll">\n{chart}\n</div>{after}</figure>\n')
