"""The alert side of the command line: the targets and alert options, ``ack``, ``--watch``.

Arguments, printing and exit codes only: the workflow (the targets file, judging under the
alert state's lock, acknowledging) is :mod:`trading_bot.performance.services.alert_workflow`'s,
the loop of ``--watch`` :mod:`trading_bot.performance.services.watch`'s.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from trading_bot.performance.cli.common import (
    ALERT_LOG_ENV,
    EXIT_OK,
    LOG_FORMATS,
    TARGETS_ENV,
    Diagnostics,
    ExitCodeParser,
    add_logs_dir_argument,
    command_name,
    env_path,
    run_reporting_errors,
    wants_json_logs,
)
from trading_bot.performance.core.timestamps import format_instant
from trading_bot.performance.errors import UsageError
from trading_bot.performance.ingest.logfiles import ALERT_LOG_NAME
from trading_bot.performance.services.alert_workflow import acknowledge_alert, alert_paths

if TYPE_CHECKING:
    from trading_bot.performance.alerting.state import AlertRecord

#: ``--interval``: the default, and the least accepted (a shorter one would spin the loop).
DEFAULT_INTERVAL = 60.0
MIN_INTERVAL = 0.05
#: The longest accepted (366 days): a longer wait overflows the platform's timeout arithmetic
#: (1e300 ended in a traceback) and is never what an operator meant.
MAX_INTERVAL = 366 * 86400.0


def interval(text: str) -> float:
    """An argparse type: seconds between ``--watch`` evaluations, at least :data:`MIN_INTERVAL`."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= MIN_INTERVAL or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be at least {MIN_INTERVAL} seconds, got {text}")
    if value > MAX_INTERVAL:
        raise argparse.ArgumentTypeError(
            f"must be at most {MAX_INTERVAL:.0f} seconds (366 days), got {text}")
    return value


def add_alert_arguments(parser: argparse.ArgumentParser) -> None:
    """The targets and alert options of the summary command, in their own help group."""
    group = parser.add_argument_group(
        "targets and alerts",
        "Targets from config/dashboard-targets.yaml are evaluated after every summary; new "
        "alert events go to the alert log and a WARNING record; exit 2 while one is firing.")
    group.add_argument("--targets", type=Path, metavar="PATH",
                       help=f"targets file (default: ${TARGETS_ENV}, else "
                            "config/dashboard-targets.yaml in the working directory, else in "
                            "the logs directory's project, LOGS_DIR/../config/; if none "
                            "exists, no targets; a named file must exist)")
    group.add_argument("--alert-log", type=Path, metavar="PATH",
                       help=f"alert event log (default: ${ALERT_LOG_ENV}, else "
                            f"LOGS_DIR/{ALERT_LOG_NAME}); the alert state is kept next to it")
    group.add_argument("--ack", metavar="ID",
                       help="acknowledge a firing alert (event id or fingerprint) and exit: "
                            "no more repeats until it resolves")
    group.add_argument("--watch", action="store_true",
                       help="evaluate again every --interval seconds until SIGINT/SIGTERM "
                            "(no report on stdout; --export still writes files)")
    group.add_argument("--interval", type=interval, metavar="SECONDS",
                       help="with --watch: seconds between evaluations (default: 60)")
    group.add_argument("--log-format", choices=LOG_FORMATS, default="text",
                       help="stderr as text, or every stderr line (log records, bad lines, "
                            "warnings, wrote:, errors) as one JSON object (default: text)")


def check_alert_options(args: argparse.Namespace) -> None:
    """Usage errors of the alert options, before any file is read."""
    if args.interval is not None and not args.watch:
        raise UsageError("--interval applies to --watch only")
    if args.ack is not None and args.watch:
        raise UsageError("--ack and --watch do not go together")


def print_acknowledged(record: AlertRecord, new: bool, out: TextIO) -> None:
    """The line ``ack`` and ``--ack`` print: when, which alert, and what it means."""
    assert record.acknowledged_at is not None   # acknowledge_alert just set it
    verb = "acknowledged" if new else "already acknowledged"
    print(f"{verb} at {format_instant(record.acknowledged_at)}: {record.identity.rule} "
          f"({record.fingerprint}): {record.message}; no more repeats until it resolves",
          file=out)


def ack_main(argv: Sequence[str], *, stdout: TextIO, stderr: TextIO,
             clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> int:
    """The ``ack ID`` subcommand."""
    parser = ExitCodeParser(prog=f"{command_name()} ack",
                            description="Acknowledge a firing alert: it stops repeating until it "
                                        "resolves (escalation and the resolved event still come).",
                            epilog="Exit codes: 0 ok, 1 unknown or not firing alert, 64 usage "
                                   "error.")
    parser.add_argument("id", help="event id from the alert log, or the alert's fingerprint")
    add_logs_dir_argument(parser, "directory of the alert log")
    parser.add_argument("--alert-log", type=Path, metavar="PATH",
                        help=f"alert event log (default: ${ALERT_LOG_ENV}, else "
                             f"LOGS_DIR/{ALERT_LOG_NAME})")
    parser.add_argument("--log-format", choices=LOG_FORMATS, default="text",
                        help="stderr (errors) as text or as JSON lines (default: text)")
    parser.json_errors = wants_json_logs(list(argv))
    # argparse prints help and errors to sys.stdout/sys.stderr; send them to our streams.
    with redirect_stdout(stdout), redirect_stderr(stderr):
        args = parser.parse_args(list(argv))

    def body() -> int:
        paths = alert_paths(args.logs_dir, args.alert_log or env_path(ALERT_LOG_ENV))
        record, new = acknowledge_alert(args.id, paths, clock())
        print_acknowledged(record, new, stdout)
        return EXIT_OK

    return run_reporting_errors(body, Diagnostics(stderr, json_lines=args.log_format == "json"),
                                stdout)


def run_watch(once: Callable[[], int], seconds: float | None) -> int:
    """Run ``once`` every ``seconds`` (default 60) until SIGINT/SIGTERM; exit code 0."""
    # Lazy: the loop's module brings select and signal (~0.8 ms measured), for --watch only.
    from trading_bot.performance.services.watch import Stopper, stop_on_signals, watch

    stopper = Stopper()
    try:
        with stop_on_signals(stopper):
            return watch(once, interval=seconds or DEFAULT_INTERVAL, stopper=stopper)
    finally:
        stopper.close()


__all__ = ["DEFAULT_INTERVAL", "MIN_INTERVAL", "ack_main", "add_alert_arguments",
           "check_alert_options", "interval", "print_acknowledged", "run_watch"]
