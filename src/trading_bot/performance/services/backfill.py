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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.report.formats import Report
from trading_bot.performance.services.reports import export_report, previous_summary
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


#: A period's report from its summary and the period before it (None when there is none).
BuildReport = Callable[[PerformanceSummary, PerformanceSummary | None], Report]


def run_backfill(tracker: PerformanceTracker, periods: Sequence[Period], *,
                 output_dir: Path | None, build_report: BuildReport,
                 progress: TextIO | None = None, table: TextIO | None = None) -> BackfillResult:
    """Build every period's summary; with ``output_dir``, export each (only when changed).

    ``build_report`` adds what the report shows beside the summary (its targets view, the
    review's threshold), so the files are exactly those ``--export`` writes.  ``progress`` (a
    terminal) gets a bar, ``table`` one line per period.
    """
    began = time.perf_counter()
    result = BackfillResult()
    tracker.refresh_cache()
    for done, period in enumerate(periods, start=1):
        summary = tracker.get_summary(period.window, on=period.anchor)
        result.summaries[period.window] = result.summaries.get(period.window, 0) + 1
        if table is not None:
            table.write(_table_line(summary))
        if output_dir is not None:
            report = build_report(summary, previous_summary(tracker, summary))
            for export in export_report(report, output_dir):
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
    """The column heads of the lines ``table`` gets."""
    return f"{'window':<8} {'period':<24} {'closed':>7} {'net P&L':>14} {'win rate':>8}\n"


def _draw_bar(stream: TextIO, done: int, total: int, period: Period) -> None:
    filled = BAR_WIDTH * done // total
    stream.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} "
                 f"{period.window} {period.anchor.isoformat()} ")
    stream.flush()


def is_terminal(stream: TextIO) -> bool:
    """Whether a progress bar can be drawn on ``stream`` (a closed or odd stream: no)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


__all__ = ["BackfillResult", "BuildReport", "Period", "backfill_periods", "is_terminal",
           "run_backfill", "table_header"]
