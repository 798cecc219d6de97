"""Backfill: the daily summaries of the last N days plus the weekly and monthly ones covering them.

Operators run it once over months of old logs, and again whenever they like (a nightly cron).
With ``--export`` it rebuilds only what changed: each exported period is recorded in a manifest
beside the exports with a fingerprint of everything its report is built from (the log files it
can see, the options that shape it; see :mod:`.backfill_manifest`), and a period whose
fingerprint and files are unchanged is skipped without building its summary.  A rebuilt period
still rewrites only the files whose content changed.  An interrupted run resumes rather than
restarts: the cache keeps every committed batch of parsed files, the manifest is saved every
few rebuilt periods, and exports already written compare equal.

Summaries come from the cache, so after the one refresh at the start each rebuilt period costs
a merge of day aggregates, not a re-read of its logs.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TextIO

from trading_bot.performance.cache.reach import file_reach
from trading_bot.performance.cache.store import CacheCorrupt, CacheStore, CacheUnavailable
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.core.timestamps import SUPPORTED_YEARS, day_end
from trading_bot.performance.core.windows import plan_window
from trading_bot.performance.errors import UsageError
from trading_bot.performance.ingest.logfiles import list_day_files
from trading_bot.performance.report.export import EXTENSIONS
from trading_bot.performance.report.formats import Report
from trading_bot.performance.services.backfill_manifest import (
    MANIFEST_FORMAT,
    LogsSnapshot,
    Manifest,
    active_silences,
    code_fingerprint,
    digest,
    state_checksum,
)
from trading_bot.performance.services.reports import export_report, previous_summary
from trading_bot.performance.tracker import PerformanceTracker
from trading_bot.performance.version import __version__

LOGGER = logging.getLogger("trading_bot.performance")
BAR_WIDTH = 30
#: Save the manifest after this many rebuilt periods, so a killed run loses little.
SAVE_EVERY = 16
#: Erase the terminal line the bar is on: back to its start, clear to its end.
ERASE_LINE = "\r\x1b[K"
#: Tracker attributes that do not shape a report (where the cache lives, how many processes
#: parse, what the last read did); every other attribute is part of a period's inputs, so an
#: option added to the tracker later is taken into account without touching this module.
_NOT_SHAPING = frozenset({"clock", "cache_enabled", "cache_path", "workers", "last_refresh",
                          "last_read"})


@dataclass(frozen=True, slots=True)
class Period:
    """One summary to build: a window kind and a date inside it."""

    window: str
    anchor: date

    @property
    def key(self) -> str:
        """The period's name in the manifest."""
        return f"{self.window} {self.anchor.isoformat()}"


#: The first supported day: the week containing it starts on Monday 1969-12-29, outside the
#: supported years, so that week is anchored on this day instead (``--window weekly --date
#: 1970-01-01`` reads the same week).
FIRST_DAY = date(SUPPORTED_YEARS[0], 1, 1)


def backfill_periods(last_day: date, days: int) -> list[Period]:
    """Daily periods for the ``days`` days ending ``last_day``, then every ISO week and calendar
    month that covers any of them, oldest first within each kind.

    A week is anchored on its Monday, except the week of 1970-01-01, anchored on that day: its
    Monday lies before the supported years (its report is the one ``--window weekly --date
    1970-01-01`` prints)."""
    first_day = last_day - timedelta(days=days - 1)
    daily = [Period("daily", first_day + timedelta(days=offset)) for offset in range(days)]
    weeks = list(dict.fromkeys(max(period.anchor - timedelta(days=period.anchor.weekday()),
                                   FIRST_DAY)
                               for period in daily))
    months = list(dict.fromkeys(period.anchor.replace(day=1) for period in daily))
    return [*daily, *(Period("weekly", week) for week in weeks),
            *(Period("monthly", month) for month in months)]


@dataclass
class BackfillResult:
    """What a backfill did, for its closing line.

    ``rebuilt``: periods whose summary was built; ``skipped``: exported periods whose inputs
    had not changed since their export (their files were checked, not rebuilt).
    """

    summaries: dict[str, int] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    rebuilt: int = 0
    skipped: int = 0
    seconds: float = 0.0
    exported: bool = False

    def line(self) -> str:
        kinds = ", ".join(f"{count} {kind}" for kind, count in self.summaries.items())
        periods = self.rebuilt + self.skipped
        if not self.exported:
            return (f"backfill: {periods} periods built ({kinds} summaries) in "
                    f"{self.seconds:.1f} s (no --export: nothing written)")
        files = (f"{len(self.written)} files written, {self.unchanged} unchanged"
                 + ("" if self.written else " (nothing to do: every export is up to date)"))
        return (f"backfill: {periods} periods, {self.rebuilt} rebuilt, {self.skipped} unchanged "
                f"since their export ({kinds} summaries) in {self.seconds:.1f} s; {files}")


#: A period's report from its summary and the period before it (None when there is none).
BuildReport = Callable[[PerformanceSummary, PerformanceSummary | None], Report]


def tracker_inputs(tracker: PerformanceTracker) -> dict[str, str]:
    """Every tracker setting that shapes a summary (timezone, group-by, pairing, band, marks,
    starting balance, max rows, stale-after, filters...), spelled by :func:`option_spelling`."""
    return {name: option_spelling(value) for name, value in sorted(vars(tracker).items())
            if not name.startswith("_") and name not in _NOT_SHAPING and not callable(value)}


def option_spelling(value: object) -> str:
    """An option's value as a period's inputs record it: ``repr``, except that a path is
    resolved first (absolute, symlinks followed), so ``logs`` and ``/abs/logs`` naming the same
    directory are the same input: no report shows how a logs directory, marks file or alert
    log was spelled."""
    if isinstance(value, Path):
        try:
            value = value.resolve()
        except (OSError, RuntimeError):   # a symlink loop: the absolute spelling still helps
            value = value.absolute()
    return repr(value)


def run_backfill(tracker: PerformanceTracker, periods: Sequence[Period], *,
                 output_dir: Path | None, build_report: BuildReport,
                 report_inputs: Mapping[str, Any] | None = None,
                 progress: TextIO | None = None, table: TextIO | None = None) -> BackfillResult:
    """Build every period's summary; with ``output_dir``, export each (only when changed).

    ``build_report`` adds what the report shows beside the summary (its targets view, the
    review's threshold), so the files are exactly those ``--export`` writes.
    ``report_inputs`` names everything ``build_report`` depends on besides the summary (the
    options of the command, the targets, the alert state's checksum...); given it, exported
    periods whose inputs did not change since their export are skipped (see
    :mod:`.backfill_manifest`); without it every period is rebuilt.  ``progress`` (a
    terminal) gets a bar with elapsed time and ETA, erased before each line ``table`` gets.
    """
    began = time.perf_counter()
    with _Bar(progress, len(periods), began) as bar:
        result = _run(tracker, periods, output_dir, build_report, report_inputs, bar, table)
    result.seconds = time.perf_counter() - began
    return result


def _run(tracker: PerformanceTracker, periods: Sequence[Period], output_dir: Path | None,
         build_report: BuildReport, report_inputs: Mapping[str, Any] | None, bar: _Bar,
         table: TextIO | None) -> BackfillResult:
    result = BackfillResult(exported=output_dir is not None)
    bar.draw(0, "reading the logs")
    manifest = None
    fingerprints: dict[Period, str | None] = {}
    if output_dir is not None and report_inputs is not None:
        # Stat the files before the refresh: a file that changes later makes the next run
        # rebuild (its stat differs from the one recorded), never skip.
        snapshot = LogsSnapshot.of(list_day_files(
            tracker.logs_dir, follow_external_symlinks=tracker.follow_external_symlinks))
        tracker.refresh_cache()
        fingerprints = _fingerprints(tracker, periods, snapshot, report_inputs)
        manifest = Manifest.load(output_dir)
    else:
        tracker.refresh_cache()
    since_save = 0
    for done, period in enumerate(periods, start=1):
        result.summaries[period.window] = result.summaries.get(period.window, 0) + 1
        inputs = fingerprints.get(period)
        entry, why = (None, "") if manifest is None else manifest.unchanged(period.key, inputs)
        if entry is not None:
            result.skipped += 1
            result.unchanged += len(entry.files)
            bar.row(table, entry.row)
            bar.draw(done, period.key)
            continue
        result.rebuilt += 1
        if why:
            LOGGER.info("backfill: rebuilding %s: %s", period.key, why)
        summary = tracker.get_summary(period.window, on=period.anchor)
        row = _table_line(summary)
        bar.row(table, row)
        if output_dir is not None:
            report = build_report(summary, previous_summary(tracker, summary))
            exports = export_report(report, output_dir)
            for export in exports:
                if export.changed:
                    result.written.append(export.path)
                else:
                    result.unchanged += 1
            if manifest is not None:
                manifest.record(period.key, inputs, [export.path for export in exports], row)
                since_save += 1
                if since_save >= SAVE_EVERY:
                    manifest.save()
                    since_save = 0
        bar.draw(done, period.key)
    if manifest is not None:
        manifest.save()
    return result


def _fingerprints(tracker: PerformanceTracker, periods: Sequence[Period],
                  snapshot: LogsSnapshot, report_inputs: Mapping[str, Any]
                  ) -> dict[Period, str | None]:
    """Each period's inputs fingerprint; None for a period not over yet (its report depends on
    the clock, so it is always rebuilt)."""
    now = tracker.clock()
    today = now.astimezone(tracker.zone).date()
    shared = {"manifest": MANIFEST_FORMAT, "version": __version__, "code": code_fingerprint(),
              "formats": EXTENSIONS,
              "tracker": tracker_inputs(tracker), "report": dict(report_inputs)}
    plans = {period: plan_window(period.window, today=today, on=period.anchor)
             for period in periods}
    if plans:
        oldest = min(plan.end for plan in plans.values())
        snapshot = LogsSnapshot(snapshot.stats, snapshot.skipped,
                                _reach(tracker, oldest))
    found: dict[Period, str | None] = {}
    for period, plan in plans.items():
        if plan.start is None or now < day_end(plan.end, tracker.zone):
            found[period] = None
            continue
        previous_first = None
        if period.window in ("weekly", "monthly"):
            try:
                previous_first = plan_window(period.window, today=today,
                                             on=plan.start - timedelta(days=1)).start
            except UsageError:   # before the first supported day: the review has none either
                previous_first = None
        found[period] = digest({**shared, "period": [period.window, plan.start, plan.end],
                                "logs": snapshot.file_inputs(plan.start, plan.end,
                                                             previous_first)})
    return found


def _reach(tracker: PerformanceTracker, oldest_end: date) -> Mapping[str, date] | None:
    """How far back each file after ``oldest_end`` (plus the margin) reaches, from the cache;
    None when the cache cannot say, which makes every file count for every period."""
    if not tracker.cache_enabled:
        return None
    after = f"{(oldest_end + timedelta(days=1)).isoformat()}.jsonl"
    try:
        with CacheStore.open(tracker.cache_path) as store:
            return file_reach(store, after)
    except (CacheCorrupt, CacheUnavailable):
        return None


class _Bar:
    """The progress bar on a terminal: one line, redrawn in place, erased before each table
    row (the table goes to stdout, which may be the same terminal), before each log record
    written to the same stream (redrawn after it) and at the end."""

    def __init__(self, stream: TextIO | None, total: int, began: float) -> None:
        self.stream = stream
        self.total = total
        self.began = began
        self.columns = _columns(stream) if stream is not None else 80
        self.text = ""
        self.drawn = False
        self._guarded: list[tuple[logging.StreamHandler[TextIO], TextIO]] = []

    def __enter__(self) -> _Bar:
        if self.stream is not None:
            guard = _Guarded(self, self.stream)
            for handler in _stream_handlers():
                if handler.stream is self.stream:
                    self._guarded.append((handler, self.stream))
                    handler.setStream(guard)   # type: ignore[arg-type]
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.erase()
        for handler, stream in self._guarded:
            handler.setStream(stream)
        self._guarded.clear()

    def draw(self, done: int, what: str) -> None:
        if self.stream is None:
            return
        elapsed = time.perf_counter() - self.began
        filled = BAR_WIDTH * done // max(self.total, 1)
        eta = ("" if done == 0 or done == self.total
               else f", ETA {_seconds(elapsed / done * (self.total - done))}")
        text = (f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{self.total} {what} "
                f"({_seconds(elapsed)} elapsed{eta})")
        self.text = text[:max(self.columns - 1, 1)]
        self.redraw()

    def redraw(self) -> None:
        if self.stream is not None and self.text:
            self.stream.write(ERASE_LINE + self.text)
            self.stream.flush()
            self.drawn = True

    def erase(self) -> None:
        if self.stream is not None and self.drawn:
            self.stream.write(ERASE_LINE)
            self.stream.flush()
            self.drawn = False

    def row(self, table: TextIO | None, line: str) -> None:
        """Print a table row on a clean line (the caller draws the bar again after it)."""
        if table is None:
            return
        self.erase()
        table.write(line)
        if self.stream is not None:
            table.flush()


class _Guarded:
    """The bar's stream as a log handler sees it: the bar is erased before a record and
    drawn again after it, so a record never starts after the bar's text."""

    def __init__(self, bar: _Bar, stream: TextIO) -> None:
        self.bar = bar
        self.stream = stream

    def write(self, text: str) -> int:
        self.bar.erase()
        written = self.stream.write(text)
        if text.endswith("\n"):
            self.bar.redraw()
        return written

    def flush(self) -> None:
        self.stream.flush()


def _stream_handlers() -> list[logging.StreamHandler[TextIO]]:
    """Every stream handler of the root logger and of the loggers created so far."""
    loggers = [logging.getLogger(), *(logger for logger in
                                      logging.Logger.manager.loggerDict.values()
                                      if isinstance(logger, logging.Logger))]
    return [handler for logger in loggers for handler in logger.handlers
            if isinstance(handler, logging.StreamHandler)]


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


def _seconds(value: float) -> str:
    return f"{value:.1f} s" if value < 120 else f"{int(value) // 60} min {int(value) % 60:02d} s"


def _table_line(summary: PerformanceSummary) -> str:
    values = summary.metrics.values
    win_rate = values.get("win_rate")
    rate = "-" if win_rate is None else f"{win_rate * 100:.2f}%"
    return (f"{summary.window:<8} {summary.period.label:<24} {summary.aggregate.core.closed:>7} "
            f"{summary.aggregate.core.net:>14} {rate:>8}\n")


def table_header() -> str:
    """The column heads of the lines ``table`` gets."""
    return f"{'window':<8} {'period':<24} {'closed':>7} {'net P&L':>14} {'win rate':>8}\n"


def is_terminal(stream: TextIO) -> bool:
    """Whether a progress bar can be drawn on ``stream`` (a closed or odd stream: no)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


__all__ = ["FIRST_DAY", "BackfillResult", "BuildReport", "Period", "active_silences",
           "backfill_periods", "is_terminal", "option_spelling", "run_backfill",
           "state_checksum", "table_header", "tracker_inputs"]
