"""The cache's command-line options and ``--backfill``: arguments, the table and the closing line.

The cache itself is the tracker's (:mod:`trading_bot.performance.cache`); the backfill's periods
and loop are :mod:`trading_bot.performance.services.backfill`'s.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from trading_bot.performance.cli.common import (
    EXIT_OK,
    Diagnostics,
    at_least_one,
    bounded_int,
)
from trading_bot.performance.core.timestamps import SUPPORTED_YEARS
from trading_bot.performance.errors import UsageError
from trading_bot.performance.tracker import MAX_WORKERS, PerformanceTracker

#: The first day a backfill can start on: its bound is the days from this one to its last day
#: (:func:`check_backfill_span`, the one bound and the one message of ``--backfill N``).
FIRST_BACKFILL_DAY = date(SUPPORTED_YEARS[0], 1, 1)

if TYPE_CHECKING:
    from trading_bot.performance.services.alert_workflow import LogFacts
    from trading_bot.performance.services.backfill import BuildReport


def add_cache_arguments(parser: argparse.ArgumentParser) -> None:
    """The cache options and ``--backfill``, in their own help group."""
    group = parser.add_argument_group(
        "cache", "Summaries come from a cache of day aggregates under LOGS_DIR/performance/cache "
                 "(deletable at any time); only new bytes in the logs are parsed.")
    group.add_argument("--no-cache", action="store_true",
                       help="read the window's log files directly; the cache is neither read "
                            "nor written")
    group.add_argument("--rebuild-cache", action="store_true",
                       help="discard the cache and rebuild it from the logs")
    group.add_argument("--cache-dir", type=Path, metavar="DIR",
                       help="where the cache lives (default: LOGS_DIR/performance/cache)")
    group.add_argument("--workers", type=bounded_int(MAX_WORKERS), metavar="N",
                       help="processes that parse files in a large rebuild (default: one per "
                            f"core; 1 parses in this process; at most {MAX_WORKERS})")
    # --backfill's ceiling depends on the last day, so check_backfill_span alone states it (one
    # bound, one message); the number never reaches the cache's SQL, only that comparison.
    group.add_argument("--backfill", type=at_least_one, metavar="N",
                       help="build the daily summaries of the N days ending --date (default: "
                            "today) and the weekly and monthly summaries covering them; with "
                            "--export, write their files (only those whose content changed)")


def check_cache_options(args: argparse.Namespace) -> None:
    """Usage errors of the cache options and ``--backfill``, before any file is read."""
    if args.no_cache and (args.rebuild_cache or args.cache_dir is not None):
        raise UsageError("--no-cache cannot be combined with --rebuild-cache or --cache-dir")
    if args.backfill is not None:
        if args.window != "daily" or args.start or args.end or args.trades:
            raise UsageError("--backfill builds daily, weekly and monthly summaries itself; "
                             "give it only --date (its last day)")
        if args.no_cache:
            raise UsageError("--backfill needs the cache; drop --no-cache")
        if args.format not in ("text",):
            raise UsageError("--backfill prints a table; use --export for JSON and Markdown")


def check_backfill_span(last_day: date, days: int) -> None:
    """``--backfill N`` ending ``last_day`` must start within the supported years: at
    most the days from 1970-01-01 to ``last_day`` (its first week and month are clipped at
    1970-01-01 like ``--window weekly``'s, see
    :func:`~trading_bot.performance.services.backfill.backfill_periods`)."""
    allowed = (last_day - FIRST_BACKFILL_DAY).days + 1
    if days > allowed:
        raise UsageError(f"--backfill {days} ending {last_day} would start before "
                         f"{FIRST_BACKFILL_DAY}: at most {allowed:,} days")


def tracker_options(args: argparse.Namespace) -> dict[str, Any]:
    """PerformanceTracker keyword arguments for the cache options."""
    return {"cache": not args.no_cache, "cache_dir": args.cache_dir,
            "rebuild_cache": args.rebuild_cache, "workers": args.workers}


#: Options that do not shape a backfilled period's files: which periods, where the cache and
#: the exports live, how the run talks.  Every other option is part of each period's inputs
#: (an option added later counts too, so it can only cause a rebuild, never a wrong skip).
_NOT_SHAPING_ARGS = frozenset({"backfill", "date", "export", "output_dir", "no_cache",
                               "rebuild_cache", "cache_dir", "workers", "verbose", "strict",
                               "log_format", "color", "watch", "interval", "ack"})


def run_backfill_command(args: argparse.Namespace, tracker: PerformanceTracker,
                         build_report: BuildReport, out: TextIO, err: TextIO, *,
                         targets: object = None, alert_state: Path | None = None,
                         log_facts: LogFacts | None = None) -> int:
    """``--backfill N``: a table of the periods on stdout, a bar on a terminal's stderr, one
    closing line on stderr.

    ``targets``, ``alert_state`` (the state file's path) and ``log_facts`` are what
    ``build_report`` judges the targets with: with ``--export`` they are part of each period's
    inputs, so a period is skipped only when none of them changed since its export.  Of the
    log facts only those a report is judged with count (:meth:`LogFacts.for_report`: not the
    newest file's mtime).  Paths count resolved, not as spelled: ``--logs-dir logs`` and
    ``--logs-dir /abs/logs`` read the same files and write the same reports.  (The targets
    file's path is kept as given inside ``targets``: the JSON report shows it as its source.)
    """
    # Lazy: the backfill loop, its manifest and the exporter (~6 ms measured at start-up,
    # best of 8 under load) run only with --backfill.
    from trading_bot.performance.services.backfill import (
        active_silences,
        backfill_periods,
        is_terminal,
        option_spelling,
        run_backfill,
        state_checksum,
        table_header,
    )

    now = tracker.clock()
    last_day = args.date or now.astimezone(tracker.zone).date()
    check_backfill_span(last_day, args.backfill)
    periods = backfill_periods(last_day, args.backfill)
    out.write(table_header())
    out.flush()
    output_dir = (args.output_dir or args.logs_dir / "performance") if args.export else None
    shown = targets is not None and not getattr(targets, "empty", True)
    report_inputs = {
        "options": {name: option_spelling(value) for name, value in sorted(vars(args).items())
                    if name not in _NOT_SHAPING_ARGS},
        "targets": repr(targets),
        "silences_active": active_silences(targets, now),
        "alert_state": (state_checksum(alert_state)
                        if shown and alert_state is not None else None),
        "log_facts": repr(None if log_facts is None else log_facts.for_report()),
    }
    result = run_backfill(tracker, periods, output_dir=output_dir, build_report=build_report,
                          report_inputs=report_inputs,
                          progress=err if is_terminal(err) else None, table=out)
    # one JSON object with --log-format json, like every other stderr line
    Diagnostics(err, json_lines=args.log_format == "json").say("INFO", result.line(),
                                                               kind="backfill")
    return EXIT_OK


__all__ = ["FIRST_BACKFILL_DAY", "add_cache_arguments", "check_backfill_span",
           "check_cache_options", "run_backfill_command", "tracker_options"]
