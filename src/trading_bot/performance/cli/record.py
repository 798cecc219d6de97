"""``trading-performance record entry|exit|stats``: recording trades by hand.

A thin shell around :mod:`trading_bot.performance.ingest.recording`: parse the arguments, turn
text into Decimals and instants with the package's own parsers, call
:class:`~trading_bot.performance.ingest.recording.TradeLogWriter`, print the result.  Same exit
codes as the summary command (same parser class, so argparse errors exit 64, not 2): 0 ok, 1 an
error the operator must fix (the message names it; nothing is written), 64 usage error.

Money and timestamps are taken as text and parsed here rather than by argparse, so a bad value is
an exit-1 error with the same wording the reader uses for a bad line, not a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from typing import TextIO

from trading_bot.performance.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    LOG_FORMATS,
    Diagnostics,
    ExitCodeParser,
    add_logs_dir_argument,
    command_name,
    run_reporting_errors,
    wants_json_logs,
)
from trading_bot.performance.core.decimals import canonical, parse_decimal
from trading_bot.performance.core.formatting import duration
from trading_bot.performance.core.timestamps import (
    DEFAULT_TIMEZONE,
    TIMEZONE_ENV,
    format_instant,
    parse_instant,
    resolve_timezone,
)
from trading_bot.performance.errors import PerformanceError
from trading_bot.performance.ingest.logfiles import list_day_files
from trading_bot.performance.ingest.recording import (
    DEFAULT_BREAKEVEN_BAND,
    DEFAULT_ENTRY_REASON,
    DEFAULT_EXIT_REASON,
    MANUAL,
    SIDES,
    EntryRequest,
    ExitRequest,
    TradeLogWriter,
)
from trading_bot.performance.report.text import render_text
from trading_bot.performance.tracker import PerformanceTracker

Clock = Callable[[], datetime]
#: How far ``--at`` may be ahead of this machine's clock (another machine's clock may run fast).
CLOCK_SKEW = timedelta(minutes=5)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def build_parser(prog: str | None = None, *, json_errors: bool = False) -> ExitCodeParser:
    """The ``record`` parser; ``prog`` defaults to how the command was started, plus ``record``.
    ``json_errors``: usage errors as one JSON object (``--log-format json`` was given)."""
    parser = ExitCodeParser(
        prog=prog or f"{command_name()} record",
        description="Record manual trades as the bot's own JSONL lines, and see them in the stats.",
        epilog="Exit codes: 0 ok, 1 error to fix (nothing written), 64 usage error.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="entry|exit|stats")

    entry = commands.add_parser("entry", help="append an open line; prints the new order id",
                                description="Append an open trade line and print its order id.")
    entry.add_argument("--symbol", required=True, help="ticker or pair: AAPL, BTC-USD")
    entry.add_argument("--side", required=True, choices=tuple(SIDES),
                       help="long (BUY) or short (SELL)")
    entry.add_argument("--quantity", required=True, metavar="Q",
                       help="positive integer or decimal (crypto: 0.125)")
    entry.add_argument("--price", required=True, metavar="P", help="entry price")
    entry.add_argument("--stop-loss", metavar="X", help="planned stop price")
    entry.add_argument("--target", metavar="Y", help="planned target price")
    entry.add_argument("--strategy", default=MANUAL, metavar="NAME",
                       help=f"strategy_name (default: {MANUAL})")
    entry.add_argument("--entry-type", default=MANUAL, metavar="T",
                       help=f"entry_type (default: {MANUAL})")
    entry.add_argument("--indicator", action="append", default=[], metavar="I",
                       help="an indicator used (repeatable)")
    entry.add_argument("--reason", default=DEFAULT_ENTRY_REASON, metavar="TEXT",
                       help=f"decision_reasoning (default: {DEFAULT_ENTRY_REASON!r})")
    entry.add_argument("--mode", default="PAPER", type=str.upper, choices=("PAPER", "LIVE"),
                       help="execution_mode (default: PAPER)")
    entry.add_argument("--account", default=MANUAL, metavar="ID",
                       help=f"account_id (default: {MANUAL})")
    entry.add_argument("--order-id", metavar="ID",
                       help="use this order id instead of a generated MAN-... one (must be new)")
    _add_at(entry, "entry")
    _add_logs_dir(entry)

    close = commands.add_parser("exit", help="append the closed line of an open order",
                                description="Close an open order found in any day file.")
    close.add_argument("order_id", metavar="ORDER_ID")
    close.add_argument("--price", required=True, metavar="P", help="exit price")
    close.add_argument("--commission", default="0", metavar="C",
                       help="total commission of the round trip (default: 0)")
    close.add_argument("--reason", default=DEFAULT_EXIT_REASON, metavar="TEXT",
                       help=f"exit_reasoning (default: {DEFAULT_EXIT_REASON!r})")
    close.add_argument("--breakeven-band", default=str(DEFAULT_BREAKEVEN_BAND), metavar="FRACTION",
                       help="|net P&L| up to this fraction of entry price x quantity is breakeven "
                            f"(default: {DEFAULT_BREAKEVEN_BAND} = 0.5%%)")
    _add_at(close, "exit")
    _add_logs_dir(close)

    stats = commands.add_parser("stats", help="all-time summary with open positions",
                                description="All-time text summary, open positions included.")
    stats.add_argument("--tz", metavar="ZONE",
                       help=f"IANA timezone for local days (default: ${TIMEZONE_ENV} or UTC)")
    _add_logs_dir(stats)
    for each in (parser, entry, close, stats):
        each.json_errors = json_errors
    return parser


def _add_at(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--at", metavar="TIMESTAMP",
                        help=f"{what} instant, ISO-8601; no offset means UTC (default: now)")


def _add_logs_dir(parser: argparse.ArgumentParser) -> None:
    """``--logs-dir`` and ``--log-format``, which every ``record`` command takes."""
    add_logs_dir_argument(parser, "directory of YYYY-MM-DD.jsonl files")
    parser.add_argument("--log-format", choices=LOG_FORMATS, default="text",
                        help="stderr (what was recorded where, errors) as text or as JSON "
                             "lines (default: text)")


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None, clock: Clock = _utc_now) -> int:
    """Run ``record ...``; returns the exit code (never raises for operator errors)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        # argparse prints help and errors to sys.stdout/sys.stderr; send them to our streams.
        with redirect_stdout(out), redirect_stderr(err):
            args = build_parser(json_errors=wants_json_logs(arguments)).parse_args(arguments)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    notes = Diagnostics(err, json_lines=args.log_format == "json")
    return run_reporting_errors(lambda: _dispatch(args, out, notes, clock), notes, out)


def _dispatch(args: argparse.Namespace, out: TextIO, err: Diagnostics, clock: Clock) -> int:
    if args.command == "entry":
        return _entry(args, out, err, clock)
    if args.command == "exit":
        return _exit(args, out, err, clock)
    return _stats(args, out, clock)


def _decimal(text: str | None, option: str) -> Decimal | None:
    return None if text is None else parse_decimal(text, option)


def _instant(text: str | None, clock: Clock) -> datetime:
    """``--at`` as a UTC instant, default now; a trade cannot be recorded ahead of time.

    A future instant is almost always a typo (2062 for 2026) and would put the line in a far
    day file, so it is refused, with :data:`CLOCK_SKEW` of tolerance for unsynchronised clocks.
    """
    now = clock()
    if text is None:
        return now
    at = parse_instant(text, "--at")
    if at > now + CLOCK_SKEW:
        raise PerformanceError(f"--at {text} is in the future (now is {format_instant(now)}); "
                               "record a trade once it has happened")
    return at


def _entry(args: argparse.Namespace, out: TextIO, err: Diagnostics, clock: Clock) -> int:
    quantity = _decimal(args.quantity, "--quantity")
    price = _decimal(args.price, "--price")
    assert quantity is not None and price is not None
    request = EntryRequest(
        symbol=args.symbol,
        side=args.side,
        quantity=quantity,
        price=price,
        at=_instant(args.at, clock),
        order_id=args.order_id,
        stop_loss=_decimal(args.stop_loss, "--stop-loss"),
        target=_decimal(args.target, "--target"),
        strategy_name=args.strategy,
        entry_type=args.entry_type,
        indicators=tuple(args.indicator),
        reason=args.reason,
        execution_mode=args.mode,
        account_id=args.account,
    )
    appended = TradeLogWriter(args.logs_dir).record_entry(request)
    record = appended.record
    print(record.order_id, file=out)
    err.say("INFO", f"recorded open {record.side} {record.symbol} {canonical(record.quantity)} "
                    f"@ {canonical(record.price)} in {appended.path}",
            kind="recorded", path=str(appended.path), order_id=record.order_id)
    return EXIT_OK


def _exit(args: argparse.Namespace, out: TextIO, err: Diagnostics, clock: Clock) -> int:
    price = _decimal(args.price, "--price")
    commission = _decimal(args.commission, "--commission")
    band = _decimal(args.breakeven_band, "--breakeven-band")
    assert price is not None and commission is not None and band is not None
    if not Decimal(0) <= band < 1:
        raise PerformanceError(
            f"--breakeven-band is a fraction of the position value (0.005 = 0.5%), got {band}")
    request = ExitRequest(order_id=args.order_id, price=price, at=_instant(args.at, clock),
                          commission=commission, reason=args.reason, breakeven_band=band)
    appended = TradeLogWriter(args.logs_dir).record_exit(request)
    record = appended.record
    assert record.net is not None and record.profit_loss is not None
    assert record.commission is not None
    print(f"closed {record.order_id}: {record.outcome}, net P&L {canonical(record.net)} "
          f"(gross {canonical(record.profit_loss)}, commission {canonical(record.commission)}), "
          f"held {duration(record.hold_duration_seconds)}", file=out)
    err.say("INFO", f"recorded close in {appended.path}", kind="recorded",
            path=str(appended.path), order_id=record.order_id)
    return EXIT_OK


def all_time_span(first_file: date, last_file: date, today: date,
                  zone: tzinfo) -> tuple[date, date]:
    """Local dates covering every line of day files ``first_file..last_file``, through today.

    A UTC file date starts on the previous local date west of UTC, and ends on the next one east
    of it; a file dated after today (an entry recorded with a future ``--at``) extends the end.
    """
    start = datetime.combine(first_file, time(0), tzinfo=UTC).astimezone(zone).date()
    last_local = datetime.combine(last_file, time.max, tzinfo=UTC).astimezone(zone).date()
    return min(start, today), max(last_local, today)


def _stats(args: argparse.Namespace, out: TextIO, clock: Clock) -> int:
    zone_name = args.tz or os.environ.get(TIMEZONE_ENV) or DEFAULT_TIMEZONE
    zone = resolve_timezone(zone_name)
    today = clock().astimezone(zone).date()
    files = list_day_files(args.logs_dir).files
    start, end = all_time_span(min(files), max(files), today, zone) if files else (today, today)
    tracker = PerformanceTracker(args.logs_dir, timezone=zone_name, clock=clock)
    out.write(render_text(tracker.get_summary("range", start, end)))
    return EXIT_OK


__all__ = ["CLOCK_SKEW", "all_time_span", "build_parser", "main"]
