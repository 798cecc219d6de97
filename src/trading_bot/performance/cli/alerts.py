"""The alerting side of the command line: targets, evaluation, alert log, ``ack``, ``--watch``.

A thin shell, like :mod:`.record_cli`: it finds the files (targets file, alert log, alert state),
reads the clock and the logs directory (the oldest day file, the newest one's mtime), and hands
values to the pure engine (:mod:`.alerts`); the exactly-once protocol between the alert state
and the alert log is :mod:`.alert_outbox`'s.  Heavy modules (YAML, jsonschema, the engine) are
imported only when targets are evaluated, so ``--help``, usage errors and every run without a
targets file stay fast: the default file's existence is checked before anything is imported.

Files:

* ``--targets PATH`` (default ``config/dashboard-targets.yaml`` in the working directory).  A
  missing default file means "no targets": reports say so and the exit code is never 2.  A file
  named with ``--targets`` must exist.  An invalid file is exit 1 with every problem listed.
* ``--alert-log PATH`` (default ``LOGS_DIR/performance-alerts.jsonl``): the append-only event log.
* The alert state lives next to the alert log (``performance-alerts.state.json`` and its
  ``.lock``), not under ``LOGS_DIR/performance/``, which holds the cache that may be deleted at
  any time: losing the state would re-emit every firing alert.
"""

from __future__ import annotations

import argparse
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence, TextIO

from trading_bot.performance.cli.summary import EXIT_BREACH, EXIT_OK, EXIT_USAGE, _Parser, run_reporting_errors
from trading_bot.performance.errors import UsageError
from trading_bot.performance.ingest.logfiles import ALERT_LOG_NAME

if TYPE_CHECKING:
    from trading_bot.performance.alerting.state import AlertRecord
    from trading_bot.performance.core.summary import PerformanceSummary
    from trading_bot.performance.alerting.model import Targets
    from trading_bot.performance.report.targets_view import TargetsView
    from trading_bot.performance.tracker import PerformanceTracker

LOGGER = logging.getLogger("trading_bot.performance.alerts")
ACK_PROG = "python -m trading_bot.performance ack"
#: The targets file used when ``--targets`` is not given: relative to the working directory,
#: and optional (missing means no targets).  Defined here, in the module every run imports
#: anyway, so a run without it never imports the YAML loader or the alert engine.
DEFAULT_TARGETS_PATH = Path("config") / "dashboard-targets.yaml"


def _interval(text: str) -> float:
    from trading_bot.performance.services.watch import MIN_INTERVAL

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= MIN_INTERVAL or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be at least {MIN_INTERVAL} seconds, got {text}")
    return value


def add_alert_arguments(parser: argparse.ArgumentParser) -> None:
    """The targets and alert options of the summary command, in their own help group."""
    group = parser.add_argument_group(
        "targets and alerts",
        "Targets from config/dashboard-targets.yaml are evaluated after every summary; new "
        "alert events go to the alert log and a WARNING record; exit 2 while one is firing.")
    group.add_argument("--targets", type=Path, metavar="PATH",
                        help="targets file (default: config/dashboard-targets.yaml; if that is "
                             "missing, no targets; a named file must exist)")
    group.add_argument("--alert-log", type=Path, metavar="PATH",
                        help=f"alert event log (default: LOGS_DIR/{ALERT_LOG_NAME}); the alert "
                             "state is kept next to it")
    group.add_argument("--ack", metavar="ID",
                        help="acknowledge a firing alert (event id or fingerprint) and exit: "
                             "no more repeats until it resolves")
    group.add_argument("--watch", action="store_true",
                        help="evaluate again every --interval seconds until SIGINT/SIGTERM "
                             "(no report on stdout; --export still writes files)")
    group.add_argument("--interval", type=_interval, metavar="SECONDS",
                        help="with --watch: seconds between evaluations (default: 60)")
    group.add_argument("--log-format", choices=("text", "json"), default="text",
                        help="stderr log records as text or as JSON lines with their extra "
                             "fields (default: text)")


def check_alert_options(args: argparse.Namespace) -> None:
    """Usage errors of the alert options, before any file is read."""
    if args.interval is not None and not args.watch:
        raise UsageError("--interval applies to --watch only")
    if args.ack is not None and args.watch:
        raise UsageError("--ack and --watch do not go together")


def configure_logging(err: TextIO, *, verbose: bool, log_format: str) -> None:
    """Log records on ``err``: text (``LEVEL logger: message``) or one JSON object per line."""
    level = logging.INFO if verbose else logging.WARNING
    if log_format == "json":
        from trading_bot.performance.alerting.log import JsonLogFormatter

        handler = logging.StreamHandler(err)
        handler.setFormatter(JsonLogFormatter())
        logging.basicConfig(level=level, handlers=[handler])
    else:
        logging.basicConfig(level=level, stream=err, format="%(levelname)s %(name)s: %(message)s")


@dataclass(frozen=True, slots=True)
class AlertPaths:
    log: Path
    state: Path


def alert_paths(logs_dir: Path, alert_log: Path | None = None) -> AlertPaths:
    log = alert_log or logs_dir / ALERT_LOG_NAME
    return AlertPaths(log, log.with_name(f"{log.stem}.state.json"))


def load_cli_targets(path: Path | None) -> "Targets | None":
    """The targets of ``--targets`` or the default file; None when the default is missing.

    Without ``--targets``, the default file's existence is checked first: the common run
    without targets imports no YAML and no alert module.  (A file that vanishes between the
    check and the read is still "missing", which :func:`.targets.load_targets` reports as None.)
    """
    chosen = path or DEFAULT_TARGETS_PATH
    if path is None and not chosen.exists():
        LOGGER.info("no targets: %s not found; summaries run without targets", chosen)
        return None
    from trading_bot.performance.alerting.config import load_targets

    targets = load_targets(chosen, explicit=path is not None)
    if targets is None:
        LOGGER.info("no targets: %s not found; summaries run without targets", chosen)
    elif targets.empty:
        LOGGER.info("no targets set in %s; summaries run without targets", chosen)
    return targets


@dataclass(frozen=True)
class Judged:
    """What :func:`evaluate_targets` judged: the summary (the one read again under the lock
    when another run committed after it was first read) and the report's targets view.  A
    report must show this summary with this view, never the earlier read with a newer view."""

    summary: "PerformanceSummary"
    view: "TargetsView"


def evaluate_targets(tracker: "PerformanceTracker", summary: "PerformanceSummary",
                     targets: "Targets | None", paths: AlertPaths) -> Judged:
    """Judge the targets, append and log new events, save the state; the judged summary and
    the report's view.

    Everything between reading and writing the state happens under its lock, so two runs at
    once emit each event once, and events go through the state's outbox (see
    :mod:`.alert_outbox`): a run killed at any point neither loses nor repeats one.

    The data judged is never older than the data the state was last computed from: ``summary``
    was read before the lock, so when another run committed the state after it was read (the
    state's ``committed_at`` is not before ``summary.generated_at``, the instant the tracker
    took before reading), the window is read again under the lock and that summary is judged
    and returned, for the report to show.  Otherwise every earlier commit came from data read
    before ours, which ours contains: the logs only grow.  The rolling trades and the logs
    directory's facts are read under the lock.
    """
    from trading_bot.performance.report.targets_view import TargetsView

    if targets is None or targets.empty:
        return Judged(summary, TargetsView(
            configured=False, source=None if targets is None else targets.source))
    from trading_bot.performance.alerting.engine import AlertEvaluator
    from trading_bot.performance.report.targets_view import targets_view

    from trading_bot.performance.alerting.outbox import commit, locked_state

    with locked_state(paths.state, paths.log, tracker.clock) as handle:
        if handle.committed_at is not None and handle.committed_at >= summary.generated_at:
            LOGGER.info("another run committed the alert state after this summary was read; "
                        "judging a fresh read")
            summary = _read_again(tracker, summary)
        rolling = _rolling(tracker, summary, targets)
        facts = _log_facts(tracker, targets)
        evaluation = AlertEvaluator(targets=targets, state=handle.state).run(
            summary, rolling=rolling, newest_log_at=facts.newest_change,
            first_log_day=facts.first_day)
        commit(handle, paths.log, evaluation.state, evaluation.events)
    return Judged(summary, targets_view(evaluation, summary, source=str(targets.source)))


def report_targets_view(tracker: "PerformanceTracker", summary: "PerformanceSummary",
                        targets: "Targets | None", paths: AlertPaths, *,
                        first_log_day: date | None = None) -> "TargetsView":
    """The targets table of a report built without alerting (``--backfill``).

    The rules are judged against the persisted alert state, which is only read: no event is
    appended, logged or saved (events a killed run left pending stay pending for the next
    alerting run), so rebuilding months of reports never re-raises old alerts, and the alerts
    listed for each period are the ones really raised for it.  ``first_log_day`` spares a
    backfill one directory listing per period (None: list the directory).
    """
    from trading_bot.performance.report.targets_view import TargetsView

    if targets is None or targets.empty:
        return TargetsView(configured=False, source=None if targets is None else targets.source)
    from trading_bot.performance.alerting.state import AlertStateStore
    from trading_bot.performance.alerting.engine import AlertEvaluator
    from trading_bot.performance.report.targets_view import targets_view

    if first_log_day is None:
        first_log_day = _log_facts(tracker, targets).first_day
    state = AlertStateStore(paths.state).load()
    evaluation = AlertEvaluator(targets=targets, state=state).run(
        summary, rolling=_rolling(tracker, summary, targets), first_log_day=first_log_day)
    return targets_view(evaluation, summary, source=str(targets.source), state=state)


def _read_again(tracker: "PerformanceTracker",
                summary: "PerformanceSummary") -> "PerformanceSummary":
    """The same window as ``summary`` (same period, anchored on its last day), read now."""
    period = summary.period
    if period.window == "range":
        return tracker.get_summary("range", period.start, period.end)
    return tracker.get_summary(period.window, on=period.end, trades=period.trades_requested)


def _rolling(tracker: "PerformanceTracker", summary: "PerformanceSummary",
             targets: "Targets") -> "PerformanceSummary | None":
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


def first_log_day(tracker: "PerformanceTracker", targets: "Targets | None") -> date | None:
    """The oldest day file's date when a rule needs it (missing_log_file, day rules), else
    None."""
    if targets is None or targets.empty:
        return None
    return _log_facts(tracker, targets).first_day


def _log_facts(tracker: "PerformanceTracker", targets: "Targets") -> LogFacts:
    """One listing of the logs directory, only when a rule needs it: ``stale_log``, or any rule
    that must know the first day (missing_log_file and every day rule, which do not judge days
    before the bot started, even with missing_log_file turned off)."""
    from trading_bot.performance.alerting.model import DAY

    metrics = {rule.metric for rule in targets.health}
    needs_first_day = ("missing_log_file" in metrics
                       or any(rule.window == DAY for rule in targets.rules))
    if not needs_first_day and "stale_log" not in metrics:
        return LogFacts()
    from trading_bot.performance.ingest.logfiles import list_day_files

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
    return LogFacts(first_day=min(directory.files), newest_change=newest)


# --------------------------------------------------------------------------------------------
# ack
# --------------------------------------------------------------------------------------------

def acknowledge_alert(alert_id: str, paths: AlertPaths,
                      now: datetime) -> "tuple[AlertRecord, bool]":
    """Record the acknowledgement in the state and the alert log; (record, newly acknowledged).

    ``now`` is cut to whole seconds, as evaluations cut theirs: with its microseconds an ack
    could be logged as later than an evaluation of the same second that comes after it, and
    the alert log's times would go back.  The state's ``committed_at`` is ``now`` as given,
    the caller's clock (not the machine's), like an evaluation's.
    """
    from trading_bot.performance.alerting.outbox import commit, locked_state
    from trading_bot.performance.alerting.state import acknowledge
    from trading_bot.performance.alerting.engine import acknowledgement_event

    stamp = now
    now = now.replace(microsecond=0)
    with locked_state(paths.state, paths.log, lambda: stamp) as handle:
        state, record = acknowledge(handle.state, alert_id, now)
        new = state is not handle.state
        if new:
            commit(handle, paths.log, state, [acknowledgement_event(record, now)])
    return record, new


def print_acknowledged(record: "AlertRecord", new: bool, out: TextIO) -> None:
    from trading_bot.performance.core.timestamps import format_instant

    when = format_instant(record.acknowledged_at)  # type: ignore[arg-type]
    verb = "acknowledged" if new else "already acknowledged"
    print(f"{verb} at {when}: {record.rule} ({record.fingerprint}): {record.message}; no more "
          "repeats until it resolves", file=out)


def ack_main(argv: Sequence[str], *, stdout: TextIO, stderr: TextIO,
             clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> int:
    """``python -m trading_bot.performance ack ID``."""
    parser = _Parser(prog=ACK_PROG,
                     description="Acknowledge a firing alert: it stops repeating until it "
                                 "resolves (escalation and the resolved event still come).",
                     epilog="Exit codes: 0 ok, 1 unknown or not firing alert, 64 usage error.")
    parser.add_argument("id", help="event id from the alert log, or the alert's fingerprint")
    parser.add_argument("--logs-dir", type=Path, default=Path("logs"),
                        help="directory of the alert log (default: logs)")
    parser.add_argument("--alert-log", type=Path, metavar="PATH",
                        help=f"alert event log (default: LOGS_DIR/{ALERT_LOG_NAME})")
    from contextlib import redirect_stderr, redirect_stdout

    with redirect_stdout(stdout), redirect_stderr(stderr):
        args = parser.parse_args(list(argv))

    def body() -> int:
        record, new = acknowledge_alert(args.id, alert_paths(args.logs_dir, args.alert_log),
                                        clock())
        print_acknowledged(record, new, stdout)
        return EXIT_OK

    return run_reporting_errors(body, stderr)


# --------------------------------------------------------------------------------------------
# --watch
# --------------------------------------------------------------------------------------------

def run_watch(once: Callable[[], int], interval: float | None) -> int:
    """Run ``once`` on the interval until SIGINT/SIGTERM (see :mod:`.watch`)."""
    from trading_bot.performance.services.watch import DEFAULT_INTERVAL, Stopper, stop_on_signals, watch

    stopper = Stopper()
    try:
        with stop_on_signals(stopper):
            return watch(once, interval=interval or DEFAULT_INTERVAL, stopper=stopper)
    finally:
        stopper.close()


__all__ = ["DEFAULT_TARGETS_PATH", "EXIT_BREACH", "EXIT_USAGE", "AlertPaths", "Judged",
           "LogFacts", "ack_main", "add_alert_arguments", "alert_paths", "check_alert_options",
           "configure_logging", "evaluate_targets", "load_cli_targets", "run_watch"]
