"""The alert workflow around one summary: find the files, judge the targets, record, acknowledge.

The command line and ``--watch`` call these; the pure judging is the engine's
(:mod:`trading_bot.performance.alerting.engine`), the exactly-once protocol between the alert
state and the alert log is :mod:`~trading_bot.performance.alerting.outbox`'s.  What this module
adds is what needs files and the clock: where the alert log and state live, the targets file
(or none), reading the window again under the state's lock, the rolling trades the rules need,
and the facts of the logs directory the data-health rules judge.

Files:

* the targets file: the one named (``--targets``, else ``$PERFORMANCE_TARGETS``), which must
  exist; else :data:`DEFAULT_TARGETS_PATH` relative to the working directory, else the same
  path in the logs directory's project (``LOGS_DIR/../config/dashboard-targets.yaml``: a cron
  job started in another directory with ``--logs-dir /srv/bot/logs`` still finds
  ``/srv/bot/config/dashboard-targets.yaml``) (:func:`default_targets_paths`).  No default
  file means "no targets": reports say so and the exit code is never 2.  An invalid file is an
  error listing every problem.
* the alert log (default ``LOGS_DIR/performance-alerts.jsonl``), append-only.
* the alert state next to the alert log (``performance-alerts.state.json`` and its ``.lock``),
  not under ``LOGS_DIR/performance/``, which holds the cache that may be deleted at any time:
  losing the state would re-emit every firing alert.

Most runs have no targets file, so the alert room (the YAML loader ~14 ms, the engine, state
and outbox ~14 ms, measured after ``compileall``; the whole CLI import is ~52 ms) is imported
inside the functions below, past the point where targets are known to be configured: a run
without targets imports none of it (a test in ``tests/performance_tracking/cli`` checks).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.ingest.logfiles import ALERT_LOG_NAME, list_day_files
from trading_bot.performance.report.targets_shown import TargetsView
from trading_bot.performance.tracker import PerformanceTracker

if TYPE_CHECKING:
    from trading_bot.performance.alerting.engine import Evaluation
    from trading_bot.performance.alerting.model import Targets
    from trading_bot.performance.alerting.state import AlertRecord, AlertState

#: Named for the operator-facing logger, not the module path: log filters outlive refactors.
LOGGER = logging.getLogger("trading_bot.performance.alerts")
#: The targets file used when none is named: relative to the working directory, and optional.
DEFAULT_TARGETS_PATH = Path("config") / "dashboard-targets.yaml"


@dataclass(frozen=True, slots=True)
class AlertPaths:
    """The alert log and the alert state kept beside it."""

    log: Path
    state: Path


def alert_paths(logs_dir: Path, alert_log: Path | None = None) -> AlertPaths:
    """``alert_log`` (default ``LOGS_DIR/performance-alerts.jsonl``) and its ``STEM.state.json``."""
    log = alert_log or logs_dir / ALERT_LOG_NAME
    return AlertPaths(log, log.with_name(f"{log.stem}.state.json"))


def default_targets_paths(logs_dir: Path | None) -> tuple[Path, ...]:
    """Where the targets file is looked for when none is named, first found wins: the working
    directory's ``config/dashboard-targets.yaml``, then the logs directory's project's (the
    logs directory's parent), when that is another file."""
    candidates = [DEFAULT_TARGETS_PATH]
    if logs_dir is not None:
        project = logs_dir.parent / DEFAULT_TARGETS_PATH
        if project.absolute() != DEFAULT_TARGETS_PATH.absolute():
            candidates.append(project)
    return tuple(candidates)


def load_targets_or_none(path: Path | None, *, logs_dir: Path | None = None,
                         named: str = "with --targets") -> Targets | None:
    """The targets of ``path`` or of a default file; None when no default file exists.

    Without ``path``, the default files' existence is checked first (see
    :func:`default_targets_paths`), so the common run without targets imports no YAML and no
    alert module.  (A file that vanishes between the check and the read is still "missing",
    which the loader reports as None.)
    """
    if path is None:
        candidates = default_targets_paths(logs_dir)
        found = next((candidate for candidate in candidates if candidate.exists()), None)
        if found is None:
            LOGGER.info("no targets: %s%s found; summaries run without targets",
                        "neither " if len(candidates) > 1 else "",
                        " nor ".join(str(candidate) for candidate in candidates)
                        + ("" if len(candidates) > 1 else " not"))
            return None
        chosen = found
    else:
        chosen = path
    # Lazy: the YAML loader and the targets schema cost ~14 ms (see the module docstring).
    from trading_bot.performance.alerting.config import load_targets

    targets = load_targets(chosen, explicit=path is not None, named=named)
    if targets is None:
        LOGGER.info("no targets: %s not found; summaries run without targets", chosen)
    elif targets.empty:
        LOGGER.info("no targets set in %s; summaries run without targets", chosen)
    return targets


def _not_configured(targets: Targets | None) -> TargetsView:
    """The view of a report without targets (no file, or a file that sets none)."""
    return TargetsView(configured=False, source=None if targets is None else targets.source)


@dataclass(frozen=True)
class Judged:
    """What :func:`evaluate_targets` judged: the summary (the one read again under the lock
    when another run committed after it was first read) and the report's targets view.  A
    report must show this summary with this view, never the earlier read with a newer view."""

    summary: PerformanceSummary
    view: TargetsView


def evaluate_targets(tracker: PerformanceTracker, summary: PerformanceSummary,
                     targets: Targets | None, paths: AlertPaths) -> Judged:
    """Judge the targets, append and log new events, save the state; the judged summary and
    the report's view.

    Everything between reading and writing the state happens under its lock, so two runs at
    once emit each event once, and events go through the state's outbox: a run killed at any
    point neither loses nor repeats one.

    The data judged is never older than the data the state was last computed from: ``summary``
    was read before the lock, so when another run committed the state after it was read (the
    state's ``committed_at`` is not before ``summary.generated_at``, the instant the tracker
    took before reading), the window is read again under the lock and that summary is judged
    and returned, for the report to show.  Otherwise every earlier commit came from data read
    before ours, which ours contains: the logs only grow.  The rolling trades and the logs
    directory's facts are read under the lock.
    """
    if targets is None or targets.empty:
        return Judged(summary, _not_configured(targets))
    # Lazy: the state's lock and outbox, the alert log and the view of an evaluation (with the
    # engine) cost ~14 ms and more (see the module docstring).
    from trading_bot.performance.alerting.outbox import commit, locked_state
    from trading_bot.performance.report.targets_view import targets_view

    with locked_state(paths.state, paths.log, tracker.clock) as handle:
        if handle.committed_at is not None and handle.committed_at >= summary.generated_at:
            LOGGER.info("another run committed the alert state after this summary was read; "
                        "judging a fresh read")
            summary = _read_again(tracker, summary)
        facts = _log_facts(tracker, targets)
        evaluation = _judge(tracker, summary, targets, handle.state, facts)
        commit(handle, paths.log, evaluation.state, evaluation.events)
    return Judged(summary, targets_view(evaluation, summary, source=str(targets.source)))


def report_targets_view(tracker: PerformanceTracker, summary: PerformanceSummary,
                        targets: Targets | None, paths: AlertPaths, *,
                        first_log_day: date | LogFacts | None = None) -> TargetsView:
    """The targets table of a report built without alerting (``--backfill``).

    The rules are judged against the persisted alert state, which is only read: no event is
    appended, logged or saved (events a killed run left pending stay pending for the next
    alerting run), so rebuilding months of reports never re-raises old alerts, and the alerts
    listed for each period are the ones really raised for it.  ``first_log_day`` spares a
    backfill one directory listing per period (None: list the directory).
    """
    if targets is None or targets.empty:
        return _not_configured(targets)
    # Lazy: the alert state and the view of an evaluation (with the engine) cost ~14 ms and
    # more (see the module docstring).
    from trading_bot.performance.alerting.state import AlertStateStore
    from trading_bot.performance.report.targets_view import targets_view

    if first_log_day is None:
        first_log_day = _log_facts(tracker, targets)
    elif isinstance(first_log_day, date):
        first_log_day = LogFacts(first_day=first_log_day)
    facts = first_log_day.for_report()
    state = AlertStateStore(paths.state).load()
    evaluation = _judge(tracker, summary, targets, state, facts)
    return targets_view(evaluation, summary, source=str(targets.source), state=state)


def _judge(tracker: PerformanceTracker, summary: PerformanceSummary, targets: Targets,
           state: AlertState, facts: LogFacts) -> Evaluation:
    """The engine's verdict on ``summary`` (and the rolling trades the rules need)."""
    # Lazy: the alert engine costs ~14 ms (see the module docstring).
    from trading_bot.performance.alerting.engine import AlertEvaluator

    return AlertEvaluator(targets=targets, state=state).run(
        summary, rolling=_rolling(tracker, summary, targets), newest_log_at=facts.newest_change,
        first_log_day=facts.first_day, weekend_logs=facts.weekend_logs)


def _read_again(tracker: PerformanceTracker, summary: PerformanceSummary) -> PerformanceSummary:
    """The same window as ``summary`` (same period, anchored on its last day), read now."""
    period = summary.period
    if period.window == "range":
        return tracker.get_summary("range", period.start, period.end)
    return tracker.get_summary(period.window, on=period.end, trades=period.trades_requested)


def _rolling(tracker: PerformanceTracker, summary: PerformanceSummary,
             targets: Targets) -> PerformanceSummary | None:
    """The last closed trades up to the window's end, as many as the rolling rules need."""
    needed = targets.rolling_trades
    if not needed:
        return None
    period = summary.period
    if period.window == "rolling" and (period.trades_requested or 0) >= needed:
        return summary
    return tracker.get_summary("rolling", on=period.end, trades=needed)


@dataclass(frozen=True, slots=True)
class LogFacts:
    """What the data-health rules need to know about the logs directory itself.

    ``first_day``: the date of the oldest day file (``date.max`` when there is none yet: no
    day is expected to have a file before the bot writes its first), for missing_log_file and
    the day rules;
    ``newest_change``: when the newest day file last changed, the bot's last sign of life for
    stale_log.  None when no rule needs it.
    """

    first_day: date | None = None
    newest_change: datetime | None = None
    #: A day file is dated on a Saturday or Sunday: an ``auto`` calendar is every day.
    weekend_logs: bool = False

    def for_report(self) -> LogFacts:
        """The facts a report built without alerting is judged with: the first day and the
        calendar, never ``newest_change``.  stale_log is judged only while a period is live, and
        a report must not change when a log file is merely touched; a backfill fingerprints
        exactly these facts, so touching the newest file rebuilds no finished period."""
        return LogFacts(first_day=self.first_day, weekend_logs=self.weekend_logs)


def first_log_day(tracker: PerformanceTracker, targets: Targets | None) -> LogFacts | None:
    """The oldest day file's date (and whether any is dated on a weekend) when a rule needs
    it (missing_log_file, day rules), else None; a backfill lists the directory once and
    passes it to :func:`report_targets_view`."""
    if targets is None or targets.empty:
        return None
    return _log_facts(tracker, targets)


def _log_facts(tracker: PerformanceTracker, targets: Targets) -> LogFacts:
    """One listing of the logs directory, only when a rule needs it: ``stale_log``, or any rule
    that must know the first day (missing_log_file and every day rule, which do not judge days
    before the bot started, even with missing_log_file turned off)."""
    # Lazy like the rest of the alert room (~14 ms, see the module docstring); targets are
    # configured here, so the engine has loaded it already and this costs a lookup.
    from trading_bot.performance.alerting.model import DAY

    metrics = {rule.metric for rule in targets.health}
    needs_first_day = ("missing_log_file" in metrics
                       or any(rule.window == DAY for rule in targets.rules))
    if not needs_first_day and "stale_log" not in metrics:
        return LogFacts()
    directory = list_day_files(tracker.logs_dir,
                               follow_external_symlinks=tracker.follow_external_symlinks)
    if not directory.files:
        return LogFacts(first_day=date.max)
    newest = None
    if "stale_log" in metrics:
        try:
            mtime = directory.files[max(directory.files)].path.stat().st_mtime
            newest = datetime.fromtimestamp(mtime, UTC)
        except OSError:
            pass
    return LogFacts(first_day=min(directory.files), newest_change=newest,
                    weekend_logs=any(day.weekday() >= 5 for day in directory.files))


def acknowledge_alert(alert_id: str, paths: AlertPaths, now: datetime) -> tuple[AlertRecord, bool]:
    """Record the acknowledgement in the state and the alert log; (record, newly acknowledged).

    ``now`` is cut to whole seconds, as evaluations cut theirs: with its microseconds an ack
    could be logged as later than an evaluation of the same second that comes after it, and
    the alert log's times would go back.  The state's ``committed_at`` is ``now`` as given,
    the caller's clock (not the machine's), like an evaluation's.

    ``now`` is read before the lock, and a run may commit newer events while this one waits
    for it (``--watch`` logging a repeat, say): the ack is then dated that commit, never
    earlier, so it is not logged before the events it came after.
    """
    # Lazy: the state, its outbox and the event builder cost ~14 ms (see the module docstring).
    from trading_bot.performance.alerting.engine import acknowledgement_event
    from trading_bot.performance.alerting.outbox import commit, locked_state
    from trading_bot.performance.alerting.state import acknowledge

    stamp = now
    with locked_state(paths.state, paths.log, lambda: stamp) as handle:
        if handle.committed_at is not None and handle.committed_at > stamp:
            stamp = handle.committed_at                 # committed while this waited
        now = stamp.replace(microsecond=0)
        state, record = acknowledge(handle.state, alert_id, now)
        new = state is not handle.state
        if new:
            commit(handle, paths.log, state, [acknowledgement_event(record, now)])
    return record, new


__all__ = [
    "DEFAULT_TARGETS_PATH",
    "AlertPaths",
    "Judged",
    "LogFacts",
    "acknowledge_alert",
    "alert_paths",
    "default_targets_paths",
    "evaluate_targets",
    "first_log_day",
    "load_targets_or_none",
    "report_targets_view",
]
