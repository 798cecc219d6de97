"""What a human report shows, decided once for the text and Markdown renderers.

Selection and ordering only (which breakdowns come in which order, which trades are the top and
bottom three, whether a window spans several days); how it looks is each renderer's job.  Pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from trading_bot.performance.core.aggregate import BUILTIN_DIMENSIONS, ROLLING_TAIL, Aggregate, ClosedTrade, CoreStats
from trading_bot.performance.core.formatting import money, percent, plural
from trading_bot.performance.core.metrics import core_metrics
from trading_bot.performance.core.summary import PerformanceSummary, sorted_rows

#: Reading order of the breakdowns: the comparisons an operator decides on first (strategy A/B,
#: PAPER vs LIVE), then what was traded, then how it was entered and left, then the indicators.
BREAKDOWN_ORDER: tuple[str, ...] = (
    "strategy_name", "execution_mode", "symbol", "side", "entry_type", "exit_reasoning",
    "indicator",
)
assert set(BREAKDOWN_ORDER) == set(BUILTIN_DIMENSIONS), "every built-in breakdown has a place"
#: Dimensions shown side by side (variants as columns) when they have a few variants.
COMPARISON_DIMENSIONS = frozenset({"strategy_name", "execution_mode"})
MAX_COMPARISON_COLUMNS = 4
HIGHLIGHT_COUNT = 3

Rows = list[tuple[str, CoreStats]]


def ranked(rows: dict[str, CoreStats] | Iterable[tuple[str, CoreStats]]) -> Rows:
    """Rows by net P&L, best first, then by key: the order of the JSON breakdowns too."""
    return sorted_rows(dict(rows))


def breakdowns(summary: PerformanceSummary) -> list[tuple[str, Rows]]:
    """Every breakdown with rows, in reading order; ``--group-by`` fields after the built-ins."""
    stats = summary.aggregate.breakdown_stats
    names = [name for name in BREAKDOWN_ORDER if name in stats]
    names += [name for name in stats if name not in names]
    return [(name, ranked(stats[name])) for name in names]


def is_comparison(dimension: str, rows: Rows) -> bool:
    """Strategy and execution mode read best side by side, while a few variants fit in columns."""
    return dimension in COMPARISON_DIMENSIONS and 2 <= len(rows) <= MAX_COMPARISON_COLUMNS


def days(summary: PerformanceSummary) -> list[tuple[date, CoreStats]]:
    """Local days with closed trades, oldest first."""
    return sorted(summary.aggregate.day_stats.items())


def daily_rows(summary: PerformanceSummary) -> list[list[str]]:
    """Date, trades, win rate, net and cumulative net per day: the daily table of every report."""
    rows = []
    running = None
    for day, stats in days(summary):
        running = stats.net if running is None else running + stats.net
        rows.append([day.isoformat(), str(stats.closed),
                     percent(core_metrics(stats).values["win_rate"]), money(stats.net),
                     money(running)])
    return rows


DAILY_HEADERS = ["Date", "Trades", "Win rate", "Net P&L", "Cumulative"]


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
            f"{quality.valid_lines} valid, {quality.bad_lines} bad, {quality.duplicates} duplicates, "
            f"{quality.superseded} superseded, {quality.inconsistent} inconsistent, "
            f"{quality.misplaced} misplaced")


def quality_examples(summary: PerformanceSummary) -> list[tuple[str, tuple[str, ...]]]:
    """Titled ``file:line`` examples of every data problem that has any, in a fixed order."""
    quality = summary.data_quality
    groups = [
        ("Bad lines (skipped)", quality.bad_line_examples),
        ("Duplicates (counted once)", quality.duplicate_examples),
        ("Inconsistent outcome and P&L sign (counted as given)", quality.inconsistent_examples),
        ("Misplaced (more than a day from the file's date)", quality.misplaced_examples),
        ("Reopened (open line after its close, ignored)", quality.reopened_examples),
        ("Missing day files", (", ".join(quality.files_missing),) if quality.files_missing else ()),
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
