"""What a human report shows, decided once for the text and Markdown renderers.

Selection and ordering only (which breakdowns come in which order, which trades are the top and
bottom three, whether a window spans several days); how it looks is each renderer's job.  Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple, TypeVar

from trading_bot.performance.core import dimensions
from trading_bot.performance.core.aggregate import ROLLING_TAIL, Aggregate, ClosedTrade, CoreStats
from trading_bot.performance.core.formatting import duration, metric, money, plural
from trading_bot.performance.core.metric_catalogue import metric as catalogued
from trading_bot.performance.core.metrics import core_metrics
from trading_bot.performance.core.summary import (
    DEFAULT_MAX_ROWS,
    OpenPosition,
    PerformanceSummary,
    bounded_rows,
    sorted_rows,
    sum_stats,
)
from trading_bot.performance.core.timestamps import format_instant
from trading_bot.performance.core.windows import describe_missing

#: Reading order of the breakdowns (see :mod:`~trading_bot.performance.core.dimensions`).
BREAKDOWN_ORDER: tuple[str, ...] = dimensions.READING_ORDER
#: Dimensions shown side by side (variants as columns) when they have a few variants.
COMPARISON_DIMENSIONS = frozenset(d.name for d in dimensions.DIMENSIONS if d.comparison)
MAX_COMPARISON_COLUMNS = 4
HIGHLIGHT_COUNT = 3

Rows = list[tuple[str, CoreStats]]


def ranked(rows: Mapping[str, CoreStats] | Iterable[tuple[str, CoreStats]]) -> Rows:
    """Rows by net P&L, best first, then by key: the order of the JSON breakdowns too."""
    return sorted_rows(dict(rows))


class Breakdown(NamedTuple):
    """A breakdown as a human report shows it: its rows (the exact remainder row last) and, when
    rows were folded, the note saying so ("top 10 of 34 by closed trades; --all-rows for
    all")."""

    name: str
    rows: Rows
    note: str


def breakdowns(summary: PerformanceSummary) -> list[Breakdown]:
    """Every breakdown with rows, in reading order; ``--group-by`` fields after the built-ins.

    A breakdown longer than :func:`report_rows` shows its top rows and, last, one remainder row
    ("other: 9,812 values") with the exact sum of the rest (see :func:`~.summary.bounded_rows`),
    as the JSON does.  Timing breakdowns read in calendar order (Mon to Sun, 00:00 to 23:00,
    shortest hold first), and one that has a single row is left out: that row is the whole
    window again (the month of a monthly report, the weekday of a daily one); so is the month
    breakdown when the report's P&L table is per month already (a year's range).
    """
    stats = summary.aggregate.breakdown_stats
    names = [name for name in BREAKDOWN_ORDER if name in stats]
    names += [name for name in stats if name not in names]
    shown = []
    for name in names:
        order = dimensions.natural_order(name)
        if order is not None and len(stats[name]) <= 1:
            continue
        if name == "month" and period_unit(summary) == "month":
            continue   # the P&L table lists the months already
        bounded = bounded_rows(stats[name], report_rows(summary, name))
        rows = list(bounded.rows)
        if order is not None:
            keys = {key: order(key) for key, _ in rows}
            rows.sort(key=lambda row: keys[row[0]])
        if bounded.other is not None:
            rows.append((bounded.other_key, bounded.other))
        note = (f"top {len(bounded.rows)} of {bounded.total:,} by closed trades; --all-rows for "
                "all" if bounded.folded else "")
        shown.append(Breakdown(name, rows, note))
    return shown


def report_rows(summary: PerformanceSummary, name: str) -> int | None:
    """Rows a human report shows of breakdown ``name``: the catalogue's default for it (10 for
    the entry type x exit reason cross table) while ``--max-rows`` is at its default, else
    ``--max-rows`` (None: ``--all-rows``)."""
    if summary.max_rows is None:
        return None
    declared = dimensions.report_rows(name)
    if declared is not None and summary.max_rows == DEFAULT_MAX_ROWS:
        return declared
    return summary.max_rows


#: A timing breakdown with more rows than this (the hours of a day) is shown in two halves side
#: by side, with fewer columns, where the format has room.
HALF_AFTER = 12


_Row = TypeVar("_Row")


def halves(rows: Sequence[_Row]) -> tuple[list[_Row], list[_Row]]:
    """The rows of a long table split for two side-by-side halves (the first half gets the odd
    row)."""
    middle = (len(rows) + 1) // 2
    return list(rows[:middle]), list(rows[middle:])


def is_timing(name: str) -> bool:
    return dimensions.natural_order(name) is not None


def day_extremes(summary: PerformanceSummary) -> tuple[tuple[date, CoreStats],
                                                       tuple[date, CoreStats]] | None:
    """The best and the worst local day by net P&L (the earliest on a tie), as the JSON's
    ``best_day`` and ``worst_day``; None unless at least two days closed trades (one day is
    both, and says nothing the totals do not)."""
    found = days(summary)
    if len(found) < 2:
        return None
    return (max(found, key=lambda item: item[1].net), min(found, key=lambda item: item[1].net))


def open_heading(summary: PerformanceSummary) -> str:
    """The open-position section's title: the exact count, and the instant ages are taken at."""
    return (f"Open positions ({summary.open_view.count:,}, "
            f"age at {format_instant(summary.as_of)})")


def open_notes(summary: PerformanceSummary) -> list[str]:
    """Sentences every format shows above the open-position list: exposure, stale positions,
    counts by age, and what the list leaves out."""
    view = summary.open_view
    notes = [f"Exposure (entry cost): {money(view.exposure)}."]
    if view.stale:
        notes.append(f"{plural(view.stale, 'position')} stale: open longer than "
                     f"{duration(view.stale_after_seconds)} (--stale-after); an entry whose exit "
                     "was never logged looks like this.")
    if view.count > 1:
        notes.append("By age: " + ", ".join(f"{label} {count:,}" for label, count in view.by_age
                                            if count) + ".")
    if view.hidden:
        notes.append(f"Listed: the oldest {len(view.oldest)} and the newest {len(view.newest)}; "
                     f"{view.hidden:,} in between not listed (--all-rows lists them).")
    return notes


def is_stale(summary: PerformanceSummary, position: OpenPosition) -> bool:
    return position.age_seconds > summary.stale_after_seconds


def is_comparison(dimension: str, rows: Rows) -> bool:
    """A comparison dimension of the catalogue (strategy A/B, PAPER vs LIVE) reads best side by
    side, while its few variants fit in columns."""
    return dimension in COMPARISON_DIMENSIONS and 2 <= len(rows) <= MAX_COMPARISON_COLUMNS


def title(dimension: str, rows: Rows) -> str:
    """A breakdown's heading: its label, and the comparison note when shown side by side."""
    found = dimensions.dimension(dimension)
    heading = dimensions.label(dimension)
    if found is not None and is_comparison(dimension, rows):
        heading += f" ({found.comparison})"
    return heading


def overlap_note(dimension: str, *, short: bool = False) -> str:
    """Why an overlapping breakdown's rows do not add up ('' for one whose rows do)."""
    if dimension not in dimensions.OVERLAPPING_DIMENSIONS:
        return ""
    noun = dimensions.label(dimension).lower()
    return f" (rows overlap: a trade counts once per {noun}{'' if short else ' it used'})"


def days(summary: PerformanceSummary) -> list[tuple[date, CoreStats]]:
    """Local days with closed trades, oldest first."""
    return sorted(summary.aggregate.day_stats.items())


#: A human report's P&L table has at most this many rows: longer windows show ISO weeks, then
#: months (the JSON ``daily`` keeps every day).
MAX_PERIOD_ROWS = 31


def period_unit(summary: PerformanceSummary) -> str:
    """``day``, ``week`` or ``month``: the finest unit whose rows fit :data:`MAX_PERIOD_ROWS`."""
    found = days(summary)
    if len(found) <= MAX_PERIOD_ROWS:
        return "day"
    weeks = {day.isocalendar()[:2] for day, _ in found}
    return "week" if len(weeks) <= MAX_PERIOD_ROWS else "month"


def _period_key(day: date, unit: str) -> str:
    if unit == "day":
        return day.isoformat()
    if unit == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def daily_rows(summary: PerformanceSummary) -> list[list[str]]:
    """Period, trades, win rate, net and cumulative net per day (per ISO week or month when the
    days would not fit :data:`MAX_PERIOD_ROWS`): the P&L table of every human report."""
    unit = period_unit(summary)
    grouped: dict[str, list[CoreStats]] = {}
    for day, stats in days(summary):
        grouped.setdefault(_period_key(day, unit), []).append(stats)
    rows = []
    running: Decimal | None = None
    for key, parts in grouped.items():
        stats = parts[0] if len(parts) == 1 else sum_stats(parts)
        running = stats.net if running is None else running + stats.net
        rows.append([key, str(stats.closed),
                     metric("win_rate", core_metrics(stats).values["win_rate"]),
                     money(stats.net), money(running)])
    return rows


def daily_title(summary: PerformanceSummary) -> str:
    return {"day": "Daily P&L", "week": "Weekly P&L", "month": "Monthly P&L"}[
        period_unit(summary)]


def daily_headers(summary: PerformanceSummary) -> list[str]:
    return [{"day": "Date", "week": "Week", "month": "Month"}[period_unit(summary)],
            *DAILY_HEADERS[1:]]


DAILY_HEADERS = ["Date", "Trades", catalogued("win_rate").column,
                 catalogued("net_profit_loss").column, "Cumulative"]


def spans_days(summary: PerformanceSummary) -> bool:
    """A daily table and chart say something only when the window covers more than one day."""
    period = summary.period
    return period.start is not None and period.start != period.end


@dataclass(frozen=True, slots=True)
class Highlights:
    """The best and worst closed trades of a window, chosen among the aggregate's tail.

    ``considered`` is how many trades were looked at; it is below ``total`` when the window
    closed more trades than the tail keeps, and the report then says "among the last N".
    """

    top: tuple[ClosedTrade, ...]
    bottom: tuple[ClosedTrade, ...]
    considered: int
    total: int

    @property
    def partial(self) -> bool:
        return self.considered < self.total


def highlights(aggregate: Aggregate, count: int = HIGHLIGHT_COUNT) -> Highlights:
    """Top and bottom ``count`` trades by net P&L; a trade is never in both lists.

    Ties go to the earlier trade (realization order), so the choice is deterministic.
    """
    tail = aggregate.tail
    top = sorted(tail, key=lambda trade: (-trade.net, trade.key))[:count]
    chosen = {trade.key for trade in top}
    bottom = [trade for trade in sorted(tail, key=lambda trade: (trade.net, trade.key))
              if trade.key not in chosen][:count]
    return Highlights(tuple(top), tuple(bottom), len(tail), aggregate.core.closed)


def tail_note(result: Highlights) -> str:
    """The caveat for a window with more closed trades than the aggregate's tail holds."""
    if not result.partial:
        return ""
    return (f"among the last {result.considered} closed trades of the window "
            f"({result.total} in all; the report keeps at most {ROLLING_TAIL})")


def group_value(trade: ClosedTrade, dimension: str) -> str:
    """A closed trade's value for a breakdown dimension (its strategy, its side, ...)."""
    for name, value in trade.groups:
        if name == dimension:
            return value
    return "-"


def completeness(summary: PerformanceSummary) -> str:
    """Whether the window's numbers can still change, in words."""
    period = summary.period
    if period.window == "rolling":
        found = summary.aggregate.core.closed
        if period.complete:
            return f"complete ({found} closed trades found)"
        return f"incomplete: only {found} of {period.trades_requested} closed trades found"
    return "complete" if period.complete else "in progress (the period has not ended)"


def data_line(summary: PerformanceSummary) -> str:
    """The one-line data-quality account every report opens with."""
    quality = summary.data_quality
    return (f"{len(quality.files_read)} log files, {quality.lines_read} lines: "
            f"{quality.valid_lines} valid, {quality.bad_lines} bad, "
            f"{quality.duplicates} duplicates, "
            f"{quality.superseded} superseded, {quality.inconsistent} inconsistent, "
            f"{quality.misplaced} misplaced")


def pairing_line(summary: PerformanceSummary) -> str | None:
    """What pairing executions inferred, when it did (``--pairing``), e.g. "412 executions
    paired FIFO into 198 round trips; 3 positions open"."""
    return None if summary.pairing is None else summary.pairing.sentence


def marks_line(summary: PerformanceSummary,
               escape: Callable[[str], str] = lambda text: text) -> str | None:
    """The open P&L at the operator's marks, and the symbols (``escape``d) that had none."""
    marks = summary.marks
    if marks is None:
        return None
    unmarked = (f"; no mark for {', '.join(escape(symbol) for symbol in marks.unmarked)} "
                "(no open P&L shown)") if marks.unmarked else ""
    return f"Unrealized P&L at the marks: {money(marks.unrealized)}{unmarked}"


def quality_examples(summary: PerformanceSummary) -> list[tuple[str, tuple[str, ...]]]:
    """Titled ``file:line`` examples of every data problem that has any, in a fixed order."""
    quality = summary.data_quality
    groups = [
        ("Bad lines (skipped)", quality.bad_line_examples),
        ("Duplicates (counted once)", quality.duplicate_examples),
        ("Inconsistent outcome and P&L sign (counted as given)", quality.inconsistent_examples),
        ("Misplaced (more than a day from the file's date)", quality.misplaced_examples),
        ("Reopened (open line after its close, ignored)", quality.reopened_examples),
        *(() if summary.pairing is None else (
            ("Fills out of time order (paired in time order)",
             summary.pairing.out_of_order_examples),
            ("Positions that flipped (round trip closed, the next opened with the remainder)",
             summary.pairing.flip_examples))),
        ("Missing day files",
         (describe_missing(quality.files_missing),) if quality.files_missing else ()),
        ("Skipped files", quality.files_skipped),
    ]
    return [(title, examples) for title, examples in groups if examples]


def definitions(min_sample: int) -> list[str]:
    """The footnote: the policies a reader needs to interpret the numbers."""
    return [
        "Win rate = wins / closed trades: breakevens count in the denominator, not as wins "
        "(the decided win rate leaves them out).",
        "A trade counts on the local day (report timezone) of its exit, else of its entry; "
        "net P&L is net_profit_loss, else profit_loss - commission.",
        "Expectancy = net P&L / closed trades. Max drawdown is peak-to-trough of cumulative "
        "realized net P&L within the window, starting from 0 at its start.",
        f"Rows with fewer than {plural(min_sample, 'closed trade')} are marked as a small sample "
        "and left out of the review's rankings and rules.",
    ]
