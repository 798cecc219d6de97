"""The main command: a summary of a window, its targets judged, the report on stdout.

``record``, ``ack`` and ``check`` are its subcommands (:mod:`.record`, :mod:`.alerts`,
:mod:`.check`); the cache options
and ``--backfill`` are defined in :mod:`.cache`, the targets, alert and watch options in
:mod:`.alerts`; what every command shares (the parser that exits 64, the exit codes, error
reporting) is in :mod:`.common`.  This module parses, checks the options before any file is
read, calls the tracker and the services, prints and returns the exit code: 0 ok, 1 an error
to fix, 2 a target breached, 64 usage error.

Output formats come from the registry (:mod:`trading_bot.performance.report.formats`): it
says whether a format needs the period before (read only then) or a breakdown name, and renders.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from trading_bot.performance.cli.alerts import (
    ack_main,
    add_alert_arguments,
    check_alert_options,
    print_acknowledged,
    run_watch,
)
from trading_bot.performance.cli.cache import (
    add_cache_arguments,
    check_cache_options,
    run_backfill_command,
    tracker_options,
)
from trading_bot.performance.cli.common import (
    ALERT_LOG_ENV,
    COLOR_MODES,
    EXIT_BREACH,
    EXIT_OK,
    TARGETS_ENV,
    VERSION_TEXT,
    Diagnostics,
    ExitCodeParser,
    add_date_arguments,
    add_logs_dir_argument,
    command_name,
    configure_logging,
    env_path,
    positive_int,
    run_reporting_errors,
    use_color,
    wants_json_logs,
)
from trading_bot.performance.core.capital import (
    DEFAULT_CONVENTION,
    DEFAULT_PERIODS_PER_YEAR,
    PERIODS_PER_YEAR,
    RATIO_CONVENTIONS,
    AccountBasis,
    ratio_options,
)
from trading_bot.performance.core.decimals import ZERO
from trading_bot.performance.core.dimensions import READING_ORDER
from trading_bot.performance.core.filters import FILTER_FIELDS, parse_where
from trading_bot.performance.core.formatting import MIN_SAMPLE
from trading_bot.performance.core.pairing import DEFAULT_PAIRING, PAIRING_MODES
from trading_bot.performance.core.ratios import starting_balance_value
from trading_bot.performance.core.summary import (
    DEFAULT_MAX_ROWS,
    DEFAULT_STALE_AFTER_SECONDS,
    PerformanceSummary,
    age_seconds,
)
from trading_bot.performance.core.timestamps import DEFAULT_TIMEZONE, TIMEZONE_ENV
from trading_bot.performance.core.windows import WINDOW_KINDS
from trading_bot.performance.errors import StrictModeError, UsageError
from trading_bot.performance.ingest.executions import breakeven_band_value
from trading_bot.performance.report.formats import (
    DEFAULT_FORMAT,
    DEFAULT_TOP,
    EXPORT_FORMAT,
    FORMAT_NAMES,
    FORMATS,
    HTML_FORMAT,
    Report,
    check_options,
    write,
)
from trading_bot.performance.report.targets_shown import TargetsView
from trading_bot.performance.services.alert_workflow import (
    Judged,
    acknowledge_alert,
    alert_paths,
    evaluate_targets,
    first_log_day,
    load_targets_or_none,
    report_targets_view,
)
from trading_bot.performance.services.reports import export_report, previous_summary
from trading_bot.performance.tracker import PerformanceTracker

if TYPE_CHECKING:
    from trading_bot.performance.alerting.model import Targets
    from trading_bot.performance.report.export import ExportResult

MAX_STDERR_BAD_LINES = 20


def build_parser(prog: str | None = None) -> ExitCodeParser:
    """The main command's parser; ``prog`` defaults to how the command was started."""
    parser = ExitCodeParser(
        prog=prog or command_name(),
        description="Performance summaries of trading bot JSONL logs (exact Decimal money).",
        epilog="Exit codes: 0 ok, 1 error to fix (file:line: reason), 2 a target breached "
               "(an alert is firing), 64 usage error (including --format csv without a known "
               "--breakdown). Subcommands: record (manual trades), ack ID (acknowledge an "
               "alert), check (list every bad log line).",
    )
    parser.add_argument("--version", action="version", version=VERSION_TEXT,
                        help="print the version and exit")
    parser.add_argument("--window", choices=WINDOW_KINDS, default="daily",
                        help="period to summarise (default: daily)")
    add_date_arguments(
        parser,
        date_help="a day inside the window (default: today in --tz; a future date is warned "
                  "about)",
        start_help="first day of a range window (with --end; --window range only)",
        end_help="last day of a range window, inclusive (--window range only)")
    parser.add_argument("--trades", type=positive_int, metavar="N",
                        help="rolling window size in closed trades (default: 20)")
    add_logs_dir_argument(parser, "directory of YYYY-MM-DD.jsonl files")
    parser.add_argument("--tz", metavar="ZONE",
                        help=f"IANA timezone for local days (default: ${TIMEZONE_ENV} or UTC)")
    parser.add_argument("--format", choices=FORMAT_NAMES, default=DEFAULT_FORMAT,
                        help="stdout format (default: text); csv writes one breakdown, see "
                             "--breakdown, and says on stderr why when it has no rows")
    parser.add_argument("--color", choices=COLOR_MODES, default="auto",
                        help="colour the text report: auto (default: on a terminal, unless "
                             "NO_COLOR is set; FORCE_COLOR colours a pipe too), always, never")
    parser.add_argument("--breakdown", metavar="NAME",
                        help="with --format csv: the breakdown to write "
                             f"({', '.join(READING_ORDER)} or a --group-by field)")
    parser.add_argument("--min-sample", type=positive_int, default=MIN_SAMPLE, metavar="N",
                        help="rows with fewer closed trades are marked as a small sample and left "
                             f"out of the review (default: {MIN_SAMPLE})")
    parser.add_argument("--group-by", action="append", default=[], metavar="FIELD",
                        help="extra line field to break down by (repeatable); "
                             "exit_reasoning_raw: the exit reason as logged, not its template")
    parser.add_argument("--where", action="append", default=[], type=_where_item,
                        metavar="FIELD=VALUE",
                        help="report only the trades and open positions whose FIELD is VALUE "
                             f"({', '.join(FILTER_FIELDS)}); repeatable: AND across fields, OR "
                             "within a field; the report says what was left out")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when any line is bad instead of reporting and continuing")
    parser.add_argument("--export", action="store_true",
                        help="also write {window}-summary-DATE.json, .md and .html (only when "
                             "changed)")
    parser.add_argument("--output-dir", type=Path, metavar="DIR",
                        help="where --export writes (default: LOGS_DIR/performance)")
    parser.add_argument("--follow-external-symlinks", action="store_true",
                        help="read log files that are symlinks to outside the logs directory")
    parser.add_argument("--pairing", choices=PAIRING_MODES, default=None,
                        help="executions (open lines no later line closes by order_id): auto "
                             "pairs them FIFO into round trips and says so when it inferred "
                             "something, fifo always says so, order-id leaves them open "
                             "positions (default: the targets file's pairing, else auto)")
    parser.add_argument("--breakeven-band", type=_band, metavar="FRACTION", default=None,
                        help="a round trip whose |net P&L| is at most this fraction of its entry "
                             "value is breakeven (default 0: exactly zero)")
    parser.add_argument("--marks", type=Path, metavar="FILE",
                        help="CSV of symbol,price: unrealized P&L of the open positions (a "
                             "symbol without a mark has none, and is listed)")
    parser.add_argument("--starting-balance", type=_balance, metavar="AMOUNT", default=None,
                        help="account size at the window's start: return, final balance, "
                             "drawdown %%, CAGR, Sharpe, Sortino, Calmar, SQN and expectancy "
                             "ratio by freqtrade's definitions (JSON 'account'; without it they "
                             "are null); replaces the targets file's accounts and cash flows")
    parser.add_argument("--ratios", choices=RATIO_CONVENTIONS, default=DEFAULT_CONVENTION,
                        help="Sharpe and Sortino from per-trade returns as freqtrade (trades, "
                             "the default) or from daily returns on the running balance as "
                             "quantstats (daily)")
    parser.add_argument("--periods-per-year", type=int, choices=PERIODS_PER_YEAR,
                        default=None, metavar="365|252",
                        help="with --ratios daily: days a year to annualise by (default: "
                             f"{DEFAULT_PERIODS_PER_YEAR}, every calendar day; 252: weekdays "
                             "plus weekend days with trades)")
    parser.add_argument("--top", type=positive_int, default=DEFAULT_TOP, metavar="N",
                        help="best and worst trades every report lists (JSON top_trades; "
                             f"default: {DEFAULT_TOP})")
    rows = parser.add_mutually_exclusive_group()
    rows.add_argument("--max-rows", type=positive_int, default=DEFAULT_MAX_ROWS, metavar="N",
                      help="rows per breakdown before the rest fold into one exact 'other' row, "
                           f"and cap of the open positions listed (default: {DEFAULT_MAX_ROWS}; "
                           "--format csv always writes every row)")
    rows.add_argument("--all-rows", action="store_true",
                      help="every breakdown row and every open position")
    parser.add_argument("--stale-after", type=_age, metavar="AGE", default=None,
                        help="open positions older than this are flagged stale, e.g. 7d, 36h "
                             "(default: the targets file's stale_after, else 7d)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log INFO records on stderr")
    add_alert_arguments(parser)
    add_cache_arguments(parser)
    return parser


def _band(text: str) -> Decimal:
    """``--breakeven-band``: a fraction in [0, 1), else a usage error (exit 64)."""
    try:
        return breakeven_band_value(text)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("--breakeven-band ")) from None


def _balance(text: str) -> Decimal:
    """``--starting-balance``: a positive decimal amount, else a usage error (exit 64)."""
    try:
        balance = starting_balance_value(text)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("--starting-balance ")) from None
    assert balance is not None
    return balance


def _where_item(text: str) -> str:
    """``--where``: FIELD=VALUE with a known field, else a usage error naming the fields."""
    try:
        parse_where([text])
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("--where ")) from None
    return text


def _age(text: str) -> int:
    """``--stale-after``: a positive age (7d, 36h, 90m, 45s; a bare number is days)."""
    try:
        return age_seconds(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _targets_stale_after(targets: object) -> int:
    """The targets file's ``stale_after`` (seconds), else the default."""
    found = getattr(targets, "stale_after_seconds", None)
    return found if isinstance(found, int) else DEFAULT_STALE_AFTER_SECONDS


def _account_basis(args: argparse.Namespace, targets: Targets | None,
                   tracker: PerformanceTracker) -> AccountBasis:
    """The account figures' basis: :meth:`PerformanceTracker.use_accounts` on the targets
    file's accounts (``--starting-balance`` replaces them), with ``--ratios``."""
    if args.periods_per_year is not None and args.ratios != "daily":
        raise UsageError("--periods-per-year applies to --ratios daily only")
    options = ratio_options(args.ratios, args.periods_per_year or DEFAULT_PERIODS_PER_YEAR)
    return tracker.use_accounts(() if targets is None else targets.accounts, options)


def _targets_pairing(targets: object) -> str:
    """The targets file's ``pairing`` setting, else the default."""
    return getattr(targets, "pairing", None) or DEFAULT_PAIRING


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run the command (``argv`` defaults to ``sys.argv[1:]``); returns the exit code.

    Argument errors raise ``SystemExit(64)`` after printing the usage, as argparse does (``--help``
    and ``--version``: ``SystemExit(0)``); every other failure is a message and an exit code.
    """
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["record"]:
        # Lazy: recording brings the log writer (~6.5 ms measured at start-up), which no
        # summary needs.
        from trading_bot.performance.cli.record import main as record_main

        return record_main(arguments[1:], stdout=out, stderr=err)
    if arguments[:1] == ["ack"]:
        return ack_main(arguments[1:], stdout=out, stderr=err)
    if arguments[:1] == ["check"]:
        # Lazy like record: the check command's module (~0.4 ms measured at start-up, after
        # compileall) is needed by no summary.
        from trading_bot.performance.cli.check import main as check_main

        return check_main(arguments[1:], stdout=out, stderr=err)
    parser = build_parser()
    parser.json_errors = wants_json_logs(arguments)
    # argparse prints help and errors to sys.stdout/sys.stderr; send them to our streams.
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        args = parser.parse_args(arguments)
    configure_logging(err, verbose=args.verbose or args.watch, log_format=args.log_format)
    notes = Diagnostics(err, json_lines=args.log_format == "json")
    return run_reporting_errors(lambda: _run(args, out, notes), notes, out)


def _check_dates(args: argparse.Namespace) -> None:
    """``--start``/``--end`` belong to ``--window range``: with another window a lone one
    would be taken for ``--date`` (or dropped), a different window from the one asked for."""
    if args.window != "range" and (args.start is not None or args.end is not None):
        given = " and ".join(name for name, value in (("--start", args.start),
                                                      ("--end", args.end)) if value is not None)
        anchor = "the last day of its trades" if args.window == "rolling" else "a day inside it"
        verb = "apply" if " and " in given else "applies"
        raise UsageError(f"{given} {verb} to --window range only: for a {args.window} window "
                         f"give --date D ({anchor}), or use --window range --start D --end D")


def _warn_future(args: argparse.Namespace, tracker: PerformanceTracker, zone: str,
                 notes: Diagnostics) -> None:
    """A window anchored after today (in the report's timezone) is almost always a typo
    (2062 for 2026); it is answered (empty), and said so."""
    today = tracker.clock().astimezone(tracker.zone).date()
    for option, day in (("--date", args.date), ("--start", args.start)):
        if day is not None and day > today:
            notes.say("WARNING", f"warning: {option} {day} is in the future (today is {today} "
                                 f"in {zone}): the window holds no trades after today",
                      kind="warning", option=option, date=str(day), today=str(today))


def _run(args: argparse.Namespace, out: TextIO, notes: Diagnostics) -> int:
    err = notes.stream
    _check_dates(args)
    check_options(args.format, args.breakdown, args.group_by)
    check_cache_options(args)
    check_alert_options(args)
    trades_format = FORMATS[args.format].trades
    if trades_format is not None:
        _check_trades_options(args)
    if args.where:
        _check_where_options(args)
    paths = alert_paths(args.logs_dir, args.alert_log or env_path(ALERT_LOG_ENV))
    if args.ack is not None:
        print_acknowledged(*acknowledge_alert(args.ack, paths, datetime.now(UTC)), out)
        return EXIT_OK
    targets = load_targets_or_none(args.targets or env_path(TARGETS_ENV),
                                   logs_dir=args.logs_dir,
                                   named=("with --targets" if args.targets is not None
                                          else f"by ${TARGETS_ENV}"))
    marks = None
    if args.marks is not None:
        # Lazy: the marks reader brings csv (0.5 ms measured at start-up); only --marks needs it.
        from trading_bot.performance.ingest.marks import load_marks

        marks = load_marks(args.marks)
    zone = args.tz or os.environ.get(TIMEZONE_ENV) or DEFAULT_TIMEZONE
    tracker = PerformanceTracker(args.logs_dir, timezone=zone, group_by=args.group_by,
                                 follow_external_symlinks=args.follow_external_symlinks,
                                 pairing=args.pairing or _targets_pairing(targets),
                                 breakeven_band=args.breakeven_band or ZERO, marks=marks,
                                 starting_balance=args.starting_balance,
                                 max_rows=None if args.all_rows else args.max_rows,
                                 stale_after_seconds=(args.stale_after
                                                      or _targets_stale_after(targets)),
                                 where=args.where, **tracker_options(args))
    _warn_future(args, tracker, zone, notes)
    if trades_format is not None:
        trades_format(tracker.trade_rows(args.window, args.start, args.end, on=args.date,
                                         trades=args.trades), out)
        return EXIT_OK
    _account_basis(args, targets, tracker)
    if args.backfill is not None:
        first_day = first_log_day(tracker, targets)   # one listing for all the periods

        def build_report(summary: PerformanceSummary,
                         previous: PerformanceSummary | None) -> Report:
            view = report_targets_view(tracker, summary, targets, paths, first_log_day=first_day)
            return Report(summary, targets=view, previous=previous, min_sample=args.min_sample,
                          top=args.top)
        return run_backfill_command(args, tracker, build_report, out, err, targets=targets,
                                    alert_state=paths.state, log_facts=first_day)

    def read() -> PerformanceSummary:
        return tracker.get_summary(args.window, args.start, args.end, on=args.date,
                                   trades=args.trades)

    # The report shows the summary the targets were judged on: evaluate_targets may have read
    # the window again under the alert state's lock (another run committed in between).
    if args.watch:
        def once() -> int:
            judged = evaluate_targets(tracker, read(), targets, paths)
            if args.export:
                _export(args, Report(judged.summary, targets=judged.view,
                                     previous=previous_summary(tracker, judged.summary),
                                     min_sample=args.min_sample, top=args.top), notes)
            return EXIT_BREACH if judged.view.breached else EXIT_OK
        return run_watch(once, args.interval)
    summary = read()
    _check_quality(summary, args.strict, notes)
    judged = (Judged(summary, TargetsView(configured=False, note=FILTERED_TARGETS_NOTE))
              if args.where else evaluate_targets(tracker, summary, targets, paths))
    if judged.summary.data_quality != summary.data_quality:
        _check_quality(judged.summary, args.strict, notes)   # stderr agrees with the report
    _write_output(args, tracker, judged, out, notes)
    return EXIT_BREACH if judged.view.breached else EXIT_OK


#: What a filtered report says instead of judging the targets.
FILTERED_TARGETS_NOTE = ("not judged: --where filters the trades, and targets and alerts are "
                         "about all of them")


def _check_where_options(args: argparse.Namespace) -> None:
    """A filtered report is shown, never exported or alerted on: export names do not carry the
    filter (it would replace the window's report) and alerts judge every trade."""
    clashes = [option for option, given in (("--export", args.export),
                                            ("--backfill", args.backfill is not None),
                                            ("--watch", args.watch)) if given]
    if clashes:
        raise UsageError(f"--where does not combine with {' or '.join(clashes)}: a filtered "
                         "report is printed only (its files would replace the window's report, "
                         "and alerts judge all trades)")


def _check_trades_options(args: argparse.Namespace) -> None:
    """The per-trade formats write one window's trades and nothing else."""
    clashes = [option for option, given in (("--export", args.export),
                                            ("--backfill", args.backfill is not None),
                                            ("--watch", args.watch)) if given]
    if clashes:
        raise UsageError(f"--format {args.format} writes the trades of one window; it does not "
                         f"combine with {' or '.join(clashes)}")


def _check_quality(summary: PerformanceSummary, strict: bool, notes: Diagnostics) -> None:
    """Name the bad lines on stderr; with ``--strict``, refuse to go on if there are any."""
    _report_bad_lines(summary, notes)
    if strict and summary.data_quality.bad_lines:
        raise StrictModeError(f"{summary.data_quality.bad_lines} bad lines (--strict)")


def _write_output(args: argparse.Namespace, tracker: PerformanceTracker, judged: Judged,
                  out: TextIO, notes: Diagnostics) -> None:
    """Render the chosen format to ``out`` and, with ``--export``, write the report files.

    The period before (for the weekly and monthly review) is read only when the format or the
    export needs it.
    """
    chosen = FORMATS[args.format]
    previous = (previous_summary(tracker, judged.summary)
                if chosen.needs_previous or args.export else None)
    report = Report(judged.summary, targets=judged.view, previous=previous,
                    min_sample=args.min_sample, breakdown=args.breakdown,
                    color=use_color(out, args.color), top=args.top)
    # A streamed format (csv) writes row by row and returns None: no text held in memory.
    text = write(chosen.name, report, out)
    if chosen.needs_breakdown and not judged.summary.aggregate.breakdown_stats.get(
            args.breakdown or ""):   # a CSV header and no row
        _explain_empty_csv(judged.summary, args.breakdown, notes)
    if args.export:
        _export(args, report, notes, markdown=text if chosen.name == EXPORT_FORMAT else None,
                html=text if chosen.name == HTML_FORMAT else None)


def _explain_empty_csv(summary: PerformanceSummary, breakdown: str | None,
                       notes: Diagnostics) -> None:
    """A CSV of no rows is a header alone: say why on stderr (the exit code stays 0, an empty
    window is an answer, not an error)."""
    period = summary.period
    if summary.empty is not None:
        why = summary.empty.message.rstrip(".")
        why = f"{why}: {summary.empty.hint}" if summary.empty.hint else why
    else:
        why = f"no closed trade of the {period.window} window {period.label} has a row"
    notes.say("WARNING", f"warning: no rows in the {breakdown} breakdown: {why}",
              kind="warning", breakdown=breakdown, window=period.window, label=period.label)


def _export(args: argparse.Namespace, report: Report, notes: Diagnostics, *,
            markdown: str | None = None, html: str | None = None) -> None:
    """``--export``: the JSON, Markdown and HTML files (``markdown``, ``html``: already
    rendered from ``report`` for stdout, so not rendered twice), one line each on stderr saying
    whether it was written or left unchanged."""
    results: list[ExportResult] = export_report(
        report, args.output_dir or args.logs_dir / "performance", markdown=markdown, html=html)
    for result in results:
        verb = "wrote" if result.changed else "unchanged"
        notes.say("INFO", f"{verb}: {result.path}", kind=verb, path=str(result.path))


def _report_bad_lines(summary: PerformanceSummary, notes: Diagnostics) -> None:
    quality = summary.data_quality
    if not quality.bad_lines:
        return
    for example in quality.bad_line_examples[:MAX_STDERR_BAD_LINES]:
        notes.say("WARNING", f"bad line: {example}", kind="bad_line", **_where(example))
    more = quality.bad_lines - len(quality.bad_line_examples)
    suffix = f" ({more} more not shown)" if more > 0 else ""
    listing = "; the check subcommand lists them all" if more > 0 else ""
    notes.say("WARNING", f"warning: {quality.bad_lines} bad lines skipped and counted{suffix}; "
                         f"see data_quality in the report{listing}",
              kind="warning", bad_lines=quality.bad_lines)


def _where(example: str) -> dict[str, object]:
    """``FILE:LINE: reason`` as fields (the examples are text in the summary)."""
    file_name, _, rest = example.partition(":")
    line, _, reason = rest.partition(": ")
    return ({"file": file_name, "line": int(line), "reason": reason} if line.isdigit()
            else {"reason": example})


__all__ = ["build_parser", "main"]
