"""Backfill: the daily summaries of the last N days plus the weekly and monthly ones covering them.

Operators run it once over months of old logs, and again whenever they like: it is idempotent
(an export whose content did not change is not rewritten, and the closing line says so) and an
interrupted run resumes rather than restarts (the cache keeps every committed batch of parsed
files, and exports already written compare equal and are skipped).

Summaries come from the cache, so after the one refresh at the start each period costs a merge of
day aggregates, not a re-read of its logs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, Sequence, TextIO

from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.tracker import PerformanceTracker

BAR_WIDTH = 30


@dataclass(frozen=True, slots=True)
class Period:
    """One summary to build: a window kind and a date inside it."""

    window: str
    anchor: date


def backfill_periods(last_day: date, days: int) -> list[Period]:
    """Daily periods for the ``days`` days ending ``last_day``, then every ISO week and calendar
    month that covers any of them, oldest first within each kind."""
    first_day = last_day - timedelta(days=days - 1)
    daily = [Period("daily", first_day + timedelta(days=offset)) for offset in range(days)]
    weeks = list(dict.fromkeys(period.anchor - timedelta(days=period.anchor.weekday())
                               for period in daily))
    months = list(dict.fromkeys(period.anchor.replace(day=1) for period in daily))
    return [*daily, *(Period("weekly", week) for week in weeks),
            *(Period("monthly", month) for month in months)]


@dataclass
class BackfillResult:
    """What a backfill did, for its closing line."""

    summaries: dict[str, int] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        kinds = ", ".join(f"{count} {kind}" for kind, count in self.summaries.items())
        if self.written or self.unchanged:
            files = (f"; {len(self.written)} files written, {self.unchanged} unchanged"
                     + ("" if self.written else " (nothing to do: every export is up to date)"))
        else:
            files = " (no --export: nothing written)"
        return f"backfill: {kinds} summaries in {self.seconds:.1f} s{files}"


Render = Callable[[PerformanceSummary, PerformanceSummary | None], tuple[dict, str]]


def run_backfill(tracker: PerformanceTracker, periods: Sequence[Period], *,
                 output_dir: Path | None, render: Render, progress: TextIO | None = None,
                 table: TextIO | None = None) -> BackfillResult:
    """Build every period's summary; with ``output_dir``, export each (only when changed).

    ``render`` turns a summary and its previous period into the JSON document and Markdown,
    exactly as ``--export`` does.  ``progress`` (a terminal) gets a bar, ``table`` one line per
    period.
    """
    from trading_bot.performance.report.export import export_summary
    from trading_bot.performance.report.review import previous_anchor

    began = time.perf_counter()
    result = BackfillResult()
    tracker.refresh_cache()
    for done, period in enumerate(periods, start=1):
        summary = tracker.get_summary(period.window, on=period.anchor)
        result.summaries[period.window] = result.summaries.get(period.window, 0) + 1
        if table is not None:
            table.write(_table_line(summary))
        if output_dir is not None:
            anchor = previous_anchor(summary)
            previous = None if anchor is None else tracker.get_summary(period.window, on=anchor)
            document, markdown = render(summary, previous)
            for export in export_summary(summary, document, markdown, output_dir):
                if export.changed:
                    result.written.append(export.path)
                else:
                    result.unchanged += 1
        if progress is not None:
            _draw_bar(progress, done, len(periods), period)
    if progress is not None:
        progress.write("\n")
    result.seconds = time.perf_counter() - began
    return result


def _table_line(summary: PerformanceSummary) -> str:
    values = summary.metrics.values
    win_rate = values.get("win_rate")
    rate = "-" if win_rate is None else f"{win_rate * 100:.2f}%"
    return (f"{summary.window:<8} {summary.period.label:<24} {summary.aggregate.core.closed:>7} "
            f"{summary.aggregate.core.net:>14} {rate:>8}\n")


def table_header() -> str:
    return f"{'window':<8} {'period':<24} {'closed':>7} {'net P&L':>14} {'win rate':>8}\n"


def _draw_bar(stream: TextIO, done: int, total: int, period: Period) -> None:
    filled = BAR_WIDTH * done // total
    stream.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} "
                 f"{period.window} {period.anchor.isoformat()} ")
    stream.flush()


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


__all__ = ["BackfillResult", "Period", "backfill_periods", "is_terminal", "run_backfill",
           "table_header"]
