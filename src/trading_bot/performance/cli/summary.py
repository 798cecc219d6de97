"""The command line: argument parsing, output and exit codes around PerformanceTracker.

Exit codes (DESIGN.md): 0 ok, 1 an error the user must fix, 2 a target breached (an alert rule is
firing for the evaluated window), 64 usage error.  argparse's own exit code 2 would collide with
"target breached", so the parser exits 64 instead.  The targets, alert and watch options are
defined and run in :mod:`.alert_cli`.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence, TextIO

from trading_bot.performance.errors import PerformanceError, StrictModeError, UsageError
from trading_bot.performance.core.formatting import MIN_SAMPLE
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.core.timestamps import DEFAULT_TIMEZONE, TIMEZONE_ENV
from trading_bot.performance.tracker import PerformanceTracker
from trading_bot.performance.core.windows import WINDOW_KINDS

if TYPE_CHECKING:
    from trading_bot.performance.report.targets_view import TargetsView

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_BREACH = 2
EXIT_USAGE = 64
MAX_STDERR_BAD_LINES = 20
LOGGER = logging.getLogger("trading_bot.performance")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m trading_bot.performance",
        description="Performance summaries of trading bot JSONL logs (exact Decimal money).",
        epilog="Exit codes: 0 ok, 1 error to fix (file:line: reason), 2 a target breached "
               "(an alert is firing), 64 usage error (including --format csv without a known "
               "--breakdown). Subcommands: record (manual trades), ack ID (acknowledge an "
               "alert).",
    )
    parser.add_argument("--window", choices=WINDOW_KINDS, default="daily",
                        help="period to summarise (default: daily)")
    parser.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                        help="a day inside the window (default: today in --tz)")
    parser.add_argument("--start", type=_iso_date, metavar="YYYY-MM-DD",
                        help="first day of a range window (with --end)")
    parser.add_argument("--end", type=_iso_date, metavar="YYYY-MM-DD",
                        help="last day of a range window, inclusive")
    parser.add_argument("--trades", type=_positive_int, metavar="N",
                        help="rolling window size in closed trades (default: 20)")
    parser.add_argument("--logs-dir", type=Path, default=Path("logs"),
                        help="directory of YYYY-MM-DD.jsonl files (default: logs)")
    parser.add_argument("--tz", metavar="ZONE",
                        help=f"IANA timezone for local days (default: ${TIMEZONE_ENV} or UTC)")
    parser.add_argument("--format", choices=("text", "json", "markdown", "csv"), default="text",
                        help="stdout format (default: text; colour only on a terminal without "
                             "NO_COLOR); csv writes one breakdown, see --breakdown")
    parser.add_argument("--breakdown", metavar="NAME",
                        help="with --format csv: the breakdown to write (strategy_name, "
                             "execution_mode, symbol, side, entry_type, exit_reasoning, indicator "
                             "or a --group-by field)")
    parser.add_argument("--min-sample", type=_positive_int, default=MIN_SAMPLE, metavar="N",
                        help="rows with fewer closed trades are marked as a small sample and left "
                             f"out of the review (default: {MIN_SAMPLE})")
    parser.add_argument("--group-by", action="append", default=[], metavar="FIELD",
                        help="extra line field to break down by (repeatable)")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when any line is bad instead of reporting and continuing")
    parser.add_argument("--export", action="store_true",
                        help="also write {window}-summary-DATE.json and .md (only when changed)")
    parser.add_argument("--output-dir", type=Path, metavar="DIR",
                        help="where --export writes (default: LOGS_DIR/performance)")
    parser.add_argument("--follow-external-symlinks", action="store_true",
                        help="read log files that are symlinks to outside the logs directory")
    parser.add_argument("-v", "--verbose", action="store_true", help="log INFO records on stderr")
    from trading_bot.performance.cli.alerts import add_alert_arguments
    from trading_bot.performance.cli.cache import add_cache_arguments

    add_alert_arguments(parser)
    add_cache_arguments(parser)
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["record"]:
        from trading_bot.performance.cli.record import main as record_main

        return record_main(arguments[1:], stdout=out, stderr=err)
    if arguments[:1] == ["ack"]:
        from trading_bot.performance.cli.alerts import ack_main

        return ack_main(arguments[1:], stdout=out, stderr=err)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        args = build_parser().parse_args(arguments)
    from trading_bot.performance.cli.alerts import configure_logging

    configure_logging(err, verbose=args.verbose or args.watch, log_format=args.log_format)
    return run_reporting_errors(lambda: _run(args, out, err), err)


def run_reporting_errors(body: Callable[[], int], err: TextIO) -> int:
    """Run a command body, turning the package's errors into a message and their exit code."""
    try:
        return body()
    except UsageError as exc:
        print(f"error: {exc}", file=err)
        return EXIT_USAGE
    except PerformanceError as exc:
        print(f"error: {exc}", file=err)
        return EXIT_ERROR


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from trading_bot.performance.cli import alerts as alert_cli

    from trading_bot.performance.cli.cache import check_cache_options, run_backfill_command, tracker_options

    _check_output_options(args)
    check_cache_options(args)
    alert_cli.check_alert_options(args)
    paths = alert_cli.alert_paths(args.logs_dir, args.alert_log)
    if args.ack is not None:
        from datetime import UTC, datetime

        alert_cli.print_acknowledged(*alert_cli.acknowledge_alert(args.ack, paths,
                                                                  datetime.now(UTC)), out)
        return EXIT_OK
    targets = alert_cli.load_cli_targets(args.targets)
    zone = args.tz or os.environ.get(TIMEZONE_ENV) or DEFAULT_TIMEZONE
    tracker = PerformanceTracker(args.logs_dir, timezone=zone, group_by=args.group_by,
                                 follow_external_symlinks=args.follow_external_symlinks,
                                 **tracker_options(args))
    if args.backfill is not None:
        first_log_day = alert_cli.first_log_day(tracker, targets)   # one listing for all

        def render(summary: PerformanceSummary,
                   previous: PerformanceSummary | None) -> tuple[dict, str]:
            from trading_bot.performance.report.markdown import render_markdown

            view = alert_cli.report_targets_view(tracker, summary, targets, paths,
                                                 first_log_day=first_log_day)
            return _document(summary, view), render_markdown(
                summary, previous=previous, min_sample=args.min_sample, targets=view)
        return run_backfill_command(args, tracker, render, out, err)

    def read() -> PerformanceSummary:
        return tracker.get_summary(args.window, args.start, args.end, on=args.date,
                                   trades=args.trades)

    # The report shows the summary the targets were judged on: evaluate_targets may have read
    # the window again under the alert state's lock (another run committed in between).
    if args.watch:
        def once() -> int:
            judged = alert_cli.evaluate_targets(tracker, read(), targets, paths)
            if args.export:
                _export_reports(args, tracker, judged.summary, judged.view, err)
            return EXIT_BREACH if judged.view.breached else EXIT_OK
        return alert_cli.run_watch(once, args.interval)
    summary = read()
    _check_quality(summary, args.strict, err)
    judged = alert_cli.evaluate_targets(tracker, summary, targets, paths)
    if judged.summary.data_quality != summary.data_quality:
        _check_quality(judged.summary, args.strict, err)   # stderr agrees with the report
    _write_output(args, tracker, judged.summary, out, err, judged.view)
    return EXIT_BREACH if judged.view.breached else EXIT_OK


def _check_quality(summary: PerformanceSummary, strict: bool, err: TextIO) -> None:
    """Name the bad lines on stderr; with ``--strict``, refuse to go on if there are any."""
    _report_bad_lines(summary, err)
    if strict and summary.data_quality.bad_lines:
        raise StrictModeError(f"{summary.data_quality.bad_lines} bad lines (--strict)")


def _check_output_options(args: argparse.Namespace) -> None:
    """Usage errors of the output options, raised before any log is read."""
    if args.format != "csv":
        if args.breakdown is not None:
            raise UsageError("--breakdown applies to --format csv only")
        return
    from trading_bot.performance.report.csv_table import breakdown_names, check_breakdown

    if args.breakdown is None:
        raise UsageError("--format csv needs --breakdown NAME; available: "
                         + ", ".join(breakdown_names(args.group_by)))
    check_breakdown(args.breakdown, args.group_by)


def _write_output(args: argparse.Namespace, tracker: PerformanceTracker,
                  summary: PerformanceSummary, out: TextIO, err: TextIO,
                  view: "TargetsView | None" = None) -> None:
    """Render the chosen format to ``out`` and, with --export, write the report files.

    The previous period (for the weekly and monthly review) is read only when a human report
    is produced: text, Markdown or an export.  ``view`` adds the targets table and the period's
    alerts to the JSON, Markdown and text reports.
    """
    document = _document(summary, view) if args.format == "json" or args.export else None
    previous = None
    if args.format in ("text", "markdown") or args.export:
        previous = _previous_summary(tracker, summary)
    markdown = None
    if args.format == "markdown" or args.export:
        from trading_bot.performance.report.markdown import render_markdown

        markdown = render_markdown(summary, previous=previous, min_sample=args.min_sample,
                                   targets=view)
    if args.format == "json":
        from trading_bot.performance.report.export import summary_json
        from trading_bot.performance.schemas.validation import validate

        assert document is not None
        validate("performance-summary", document)
        out.write(summary_json(document))
    elif args.format == "markdown":
        assert markdown is not None
        out.write(markdown)
    elif args.format == "csv":
        from trading_bot.performance.report.csv_table import render_breakdown_csv

        out.write(render_breakdown_csv(summary, args.breakdown, min_sample=args.min_sample))
    else:
        from trading_bot.performance.report.text import render_text

        out.write(render_text(summary, previous=previous, min_sample=args.min_sample,
                              color=use_color(out), targets=view))
    if args.export:
        assert document is not None and markdown is not None
        _export(summary, document, markdown, args.output_dir or args.logs_dir / "performance",
                err)


def _document(summary: PerformanceSummary, view: "TargetsView | None") -> dict:
    """The report JSON: the summary plus, when targets were evaluated, ``targets``/``alerts``."""
    document = summary.to_dict()
    if view is not None:
        document.update(view.to_dict())
    return document


def _export_reports(args: argparse.Namespace, tracker: PerformanceTracker,
                    summary: PerformanceSummary, view: "TargetsView", err: TextIO) -> None:
    """--export in watch mode: the files only, no report on stdout."""
    from trading_bot.performance.report.markdown import render_markdown

    markdown = render_markdown(summary, previous=_previous_summary(tracker, summary),
                               min_sample=args.min_sample, targets=view)
    _export(summary, _document(summary, view), markdown,
            args.output_dir or args.logs_dir / "performance", err)


def _previous_summary(tracker: PerformanceTracker,
                      summary: PerformanceSummary) -> PerformanceSummary | None:
    """The period before a weekly or monthly summary, read with the same tracker; else None."""
    from trading_bot.performance.report.review import previous_anchor

    anchor = previous_anchor(summary)
    return None if anchor is None else tracker.get_summary(summary.window, on=anchor)


def use_color(stream: TextIO) -> bool:
    """Colour only on a terminal: ``stream`` is a TTY, ``NO_COLOR`` is not set (to anything,
    even empty) and ``TERM`` is not ``dumb``; pipes, files and CI logs get plain text."""
    try:
        is_tty = stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
    return is_tty and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _report_bad_lines(summary: PerformanceSummary, err: TextIO) -> None:
    quality = summary.data_quality
    if not quality.bad_lines:
        return
    for example in quality.bad_line_examples[:MAX_STDERR_BAD_LINES]:
        print(f"bad line: {example}", file=err)
    more = quality.bad_lines - len(quality.bad_line_examples)
    suffix = f" ({more} more not shown)" if more > 0 else ""
    print(f"warning: {quality.bad_lines} bad lines skipped and counted{suffix}; "
          "see data_quality in the report", file=err)


def _export(summary: PerformanceSummary, document: dict, markdown: str, output_dir: Path,
            err: TextIO) -> None:
    from trading_bot.performance.report.export import export_summary

    for result in export_summary(summary, document, markdown, output_dir):
        print(f"{'wrote' if result.changed else 'unchanged'}: {result.path}", file=err)
