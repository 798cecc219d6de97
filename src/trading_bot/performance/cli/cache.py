"""The cache's command-line options and ``--backfill``: arguments, the table and the closing line.

The cache itself is the tracker's (:mod:`trading_bot.performance.cache`); the backfill's periods
and loop are :mod:`trading_bot.performance.services.backfill`'s.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from trading_bot.performance.cli.common import EXIT_OK, positive_int
from trading_bot.performance.errors import UsageError
from trading_bot.performance.tracker import PerformanceTracker

if TYPE_CHECKING:
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
    group.add_argument("--workers", type=positive_int, metavar="N",
                       help="processes that parse files in a large rebuild (default: one per "
                            "core; 1 parses in this process)")
    group.add_argument("--backfill", type=positive_int, metavar="N",
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


def tracker_options(args: argparse.Namespace) -> dict[str, Any]:
    """PerformanceTracker keyword arguments for the cache options."""
    return {"cache": not args.no_cache, "cache_dir": args.cache_dir,
            "rebuild_cache": args.rebuild_cache, "workers": args.workers}


def run_backfill_command(args: argparse.Namespace, tracker: PerformanceTracker,
                         build_report: BuildReport, out: TextIO, err: TextIO) -> int:
    """``--backfill N``: a table of the periods on stdout, a bar or one closing line on stderr."""
    # Lazy: the backfill loop (~0.9 ms measured at start-up) runs only with --backfill.
    from trading_bot.performance.services.backfill import (
        backfill_periods,
        is_terminal,
        run_backfill,
        table_header,
    )

    last_day = args.date or tracker.clock().astimezone(tracker.zone).date()
    periods = backfill_periods(last_day, args.backfill)
    out.write(table_header())
    output_dir = (args.output_dir or args.logs_dir / "performance") if args.export else None
    result = run_backfill(tracker, periods, output_dir=output_dir, build_report=build_report,
                          progress=err if is_terminal(err) else None, table=out)
    print(result.line(), file=err)
    return EXIT_OK


__all__ = ["add_cache_arguments", "check_cache_options", "run_backfill_command",
           "tracker_options"]
