"""The cache's command-line options and the ``--backfill`` command, kept out of cli.py's core."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Callable, TextIO

from trading_bot.performance.cli.summary import EXIT_OK, _positive_int
from trading_bot.performance.errors import UsageError
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.tracker import PerformanceTracker

def add_cache_arguments(parser: argparse.ArgumentParser) -> None:
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
    group.add_argument("--workers", type=_positive_int, metavar="N",
                       help="processes that parse files in a large rebuild (default: one per "
                            "core; 1 parses in this process)")
    group.add_argument("--backfill", type=_positive_int, metavar="N",
                       help="build the daily summaries of the N days ending --date (default: "
                            "today) and the weekly and monthly summaries covering them; with "
                            "--export, write their files (only those whose content changed)")


def check_cache_options(args: argparse.Namespace) -> None:
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


Render = Callable[[PerformanceSummary, PerformanceSummary | None], tuple[dict, str]]


def run_backfill_command(args: argparse.Namespace, tracker: PerformanceTracker, render: Render,
                         out: TextIO, err: TextIO) -> int:
    """``--backfill N``: a table of the periods on stdout, a bar or one closing line on stderr."""
    from trading_bot.performance.services.backfill import backfill_periods, is_terminal, run_backfill, table_header

    last_day = args.date or tracker.clock().astimezone(tracker.zone).date()
    periods = backfill_periods(last_day, args.backfill)
    out.write(table_header())
    output_dir = (args.output_dir or args.logs_dir / "performance") if args.export else None
    result = run_backfill(tracker, periods, output_dir=output_dir, render=render,
                          progress=err if is_terminal(err) else None, table=out)
    print(result.line(), file=err)
    return EXIT_OK


__all__ = ["add_cache_arguments", "check_cache_options", "run_backfill_command",
           "tracker_options"]
