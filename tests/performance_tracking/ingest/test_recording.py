"""Recording trades by hand: every line the writer produces is read back by the real reader.

All tests work on real files in ``tmp_path``; summaries come from the real PerformanceTracker.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from trading_bot.performance import PerformanceError, PerformanceTracker
from trading_bot.performance.cli import record as record_cli
from trading_bot.performance.core.records import TRADE_FIELDS, trade_from_json
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.core.timestamps import TIMEZONE_ENV
from trading_bot.performance.errors import InvalidLineError
from trading_bot.performance.ingest.logfiles import DayFile, list_day_files
from trading_bot.performance.ingest.reader import decode_line, scan_file
from trading_bot.performance.ingest.recording import (
    EntryRequest,
    ExitRequest,
    TradeLogWriter,
    classify_outcome,
    entry_line,
    exit_line,
    find_order,
    new_order_id,
    record_line,
    side_pnl,
)

from ..conftest import fixed_clock, trade, write_log

SRC = Path(__file__).resolve().parents[3] / "src"
NOW = "2026-06-01T00:00:00Z"


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------

def run(*argv: str, clock: str = NOW) -> tuple[int, str, str]:
    """Call ``record_cli.main`` in-process with captured streams and a pinned clock."""
    out, err = io.StringIO(), io.StringIO()
    code = record_cli.main(list(argv), stdout=out, stderr=err, clock=fixed_clock(clock))
    return code, out.getvalue(), err.getvalue()


def entry(logs: Path, *extra: str, symbol: str = "AAPL", side: str = "long", quantity: str = "10",
          price: str = "100", at: str = "2026-03-02T14:00:00Z") -> str:
    code, out, err = run("entry", "--logs-dir", str(logs), "--symbol", symbol, "--side", side,
                         "--quantity", quantity, "--price", price, "--at", at, *extra)
    assert code == 0, err
    return out.strip()


def close(logs: Path, order_id: str, price: str, *extra: str,
          at: str = "2026-03-02T15:00:00Z") -> str:
    code, out, err = run("exit", order_id, "--logs-dir", str(logs), "--price", price, "--at", at,
                         *extra)
    assert code == 0, err
    return out


def lines_of(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def all_valid(logs: Path) -> int:
    """Scan every day file with the reader; assert no bad line; return the number of trades."""
    total = 0
    for day_file in list_day_files(logs).files.values():
        scan = scan_file(day_file)
        assert scan.bad_lines == (), scan.bad_lines
        assert scan.torn_tail_bytes == 0
        total += len(scan.trades)
    return total


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` with its bytes (None for directories)."""
    return {str(path.relative_to(root)): (path.read_bytes() if path.is_file() else None)
            for path in sorted(root.rglob("*"))}


def summary(logs: Path, window: str = "daily", *args: Any, **kwargs: Any) -> PerformanceSummary:
    return PerformanceTracker(logs, clock=fixed_clock(NOW)).get_summary(window, *args, **kwargs)


# ---------------------------------------------------------------------------------------------
# pure helpers
# ---------------------------------------------------------------------------------------------

def test_side_pnl_long_and_short() -> None:
    assert side_pnl("BUY", Decimal("100"), Decimal("110"), Decimal("10")) == Decimal("100")
    assert side_pnl("SELL", Decimal("100"), Decimal("110"), Decimal("10")) == Decimal("-100")
    assert side_pnl("SELL", Decimal("200"), Decimal("180"), Decimal("5")) == Decimal("100")


@pytest.mark.parametrize(("net", "expected"), [
    ("5", "breakeven"), ("-5", "breakeven"), ("0", "breakeven"),
    ("5.01", "win"), ("-5.01", "loss"),
])
def test_breakeven_band_boundary_is_inclusive(net: str, expected: str) -> None:
    # position value 100 x 10 = 1000; 0.5% of it = 5
    assert classify_outcome(Decimal(net), Decimal("100"), Decimal("10")) == expected


def test_zero_band_only_zero_is_breakeven_and_negative_band_is_refused() -> None:
    assert classify_outcome(Decimal("0"), Decimal("100"), Decimal("1"), Decimal("0")) == "breakeven"
    assert classify_outcome(Decimal("0.01"), Decimal("100"), Decimal("1"), Decimal("0")) == "win"
    with pytest.raises(PerformanceError, match="breakeven band must not be negative"):
        classify_outcome(Decimal("1"), Decimal("100"), Decimal("1"), Decimal("-0.1"))


def test_order_id_is_readable_time_plus_token() -> None:
    at = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("America/New_York"))
    assert new_order_id(at, "abc123") == "MAN-20260302T140000Z-abc123"


def test_entry_line_has_the_27_fields_in_order_and_is_valid() -> None:
    request = EntryRequest("BTC-USD", "short", Decimal("0.125"), Decimal("64000.50"),
                           datetime(2026, 3, 2, 14, tzinfo=UTC), stop_loss=Decimal("65000"),
                           indicators=("RSI", "MACD"), execution_mode="LIVE")
    line = entry_line(request, "X-1")
    assert tuple(line) == TRADE_FIELDS
    assert line["action"] == "SELL" and line["outcome"] == "open"
    assert line["quantity"] == "0.125" and line["price"] == "64000.50"
    assert line["total_value"] == "8000.06250"
    assert line["timestamp"] == "2026-03-02T14:00:00Z"
    assert (line["strategy_name"], line["entry_type"], line["bot_version"]) == ("manual",) * 3
    assert line["session_id"] == "manual-20260302"
    record = trade_from_json(line)
    assert record.indicators_used == ("RSI", "MACD") and record.execution_mode == "LIVE"


@pytest.mark.parametrize(("changes", "message"), [
    ({"side": "up"}, "side must be one of long|short"),
    ({"quantity": Decimal("0")}, "quantity must be positive"),
    ({"price": Decimal("-1")}, "price must be positive"),
    ({"stop_loss": Decimal("0")}, "stop_loss must be positive"),
    ({"target": Decimal("-3")}, "target must be positive"),
])
def test_entry_line_refuses_impossible_values(changes: dict[str, Any], message: str) -> None:
    fields: dict[str, Any] = dict(symbol="AAPL", side="long", quantity=Decimal("1"),
                                  price=Decimal("1"), at=datetime(2026, 3, 2, tzinfo=UTC))
    fields.update(changes)
    with pytest.raises(PerformanceError, match=message):
        entry_line(EntryRequest(**fields), "X")


def test_exit_line_keeps_entry_fields_and_extras() -> None:
    opened = trade_from_json(decode_line(json.dumps(trade(
        "BOT-7", outcome="open", action="SELL", quantity="3", price="50.10", stop_loss="52",
        confidence="high", score=0.75, meta={"weights": [0.5, 1]})).encode()))
    line = exit_line(opened, ExitRequest("BOT-7", Decimal("48.10"),
                                         datetime(2026, 3, 2, 16, 30, 15, tzinfo=UTC),
                                         commission=Decimal("0.50"), reason="stop moved"))
    assert line["timestamp"] == "2026-03-02T14:00:00Z"
    assert (line["order_id"], line["action"], line["quantity"], line["price"]) == (
        "BOT-7", "SELL", "3", "50.10")
    assert (line["stop_loss"], line["account_id"], line["bot_version"]) == ("52", "ACC-1", "1.0")
    assert line["profit_loss"] == "6.00" and line["net_profit_loss"] == "5.50"
    assert line["commission"] == "0.50" and line["outcome"] == "win"
    assert line["hold_duration_seconds"] == 9015
    assert line["exit_timestamp"] == "2026-03-02T16:30:15Z"
    assert line["exit_reasoning"] == "stop moved"
    assert line["confidence"] == "high" and line["score"] == "0.75"  # never through float
    assert line["meta"] == {"weights": ["0.5", 1]}
    assert trade_from_json(line).is_closed


def test_record_line_round_trips_a_record() -> None:
    original = trade("R-1", price="100.00", hold_duration_seconds=60)
    record = trade_from_json(decode_line(json.dumps(original).encode()))
    assert trade_from_json(record_line(record)) == record


def test_exact_arithmetic_refuses_to_round() -> None:
    huge = Decimal("1" * 70 + ".5")
    with pytest.raises(PerformanceError, match="cannot be computed exactly"):
        side_pnl("BUY", huge, huge + 1, huge)


# ---------------------------------------------------------------------------------------------
# round trips through the reader and the tracker
# ---------------------------------------------------------------------------------------------

def test_long_round_trip_gives_expected_line_and_metrics(logs: Path) -> None:
    order_id = entry(logs, "--stop-loss", "95", "--target", "120", "--indicator", "RSI",
                     "--indicator", "VWAP", "--strategy", "gut", "--reason", "breakout")
    assert order_id.startswith("MAN-20260302T140000Z-")
    out = close(logs, order_id, "110", "--commission", "1")
    assert out == (f"closed {order_id}: win, net P&L 99 (gross 100, commission 1), "
                   "held 1h 00m\n")
    path = logs / "2026-03-02.jsonl"
    opened, closed = lines_of(path)
    assert opened["outcome"] == "open" and opened["order_id"] == closed["order_id"] == order_id
    assert (closed["profit_loss"], closed["net_profit_loss"], closed["outcome"]) == ("100", "99", "win")
    assert closed["hold_duration_seconds"] == 3600
    assert set(closed) == set(TRADE_FIELDS)
    assert all_valid(logs) == 2
    metrics = summary(logs, on=date(2026, 3, 2)).to_dict()["metrics"]
    assert metrics["closed_trades"] == 1 and metrics["wins"] == 1 and metrics["open_trades"] == 0
    assert metrics["net_profit_loss"] == "99" and metrics["commission"] == "1"
    assert metrics["average_planned_rr"] == "4"        # (120 - 100) / (100 - 95)
    assert metrics["average_hold_seconds"] == "3600"


@pytest.mark.parametrize(("exit_price", "gross", "outcome"), [
    ("180", "100", "win"), ("210", "-50", "loss"), ("200", "0", "breakeven"),
])
def test_short_round_trip(logs: Path, exit_price: str, gross: str, outcome: str) -> None:
    order_id = entry(logs, side="short", quantity="5", price="200")
    close(logs, order_id, exit_price)
    closed = lines_of(logs / "2026-03-02.jsonl")[-1]
    assert (closed["action"], closed["profit_loss"], closed["outcome"]) == ("SELL", gross, outcome)
    assert all_valid(logs) == 2
    document = summary(logs, on=date(2026, 3, 2)).to_dict()
    assert document["metrics"]["net_profit_loss"] == gross
    assert document["breakdowns"]["side"]["rows"][0]["key"] == "short"


@pytest.mark.parametrize(("exit_price", "commission", "outcome"), [
    ("100.5", "0", "breakeven"),    # net 5 = exactly 0.5% of 1000
    ("100.51", "0", "win"),         # net 5.1
    ("99.5", "0", "breakeven"),     # net -5
    ("99.49", "0", "loss"),         # net -5.1
    ("101", "5", "breakeven"),      # commission brings net to 5
    ("101", "4.99", "win"),
])
def test_breakeven_band_boundary_in_files(logs: Path, exit_price: str, commission: str,
                                          outcome: str) -> None:
    order_id = entry(logs)
    close(logs, order_id, exit_price, "--commission", commission)
    assert lines_of(logs / "2026-03-02.jsonl")[-1]["outcome"] == outcome
    metrics = summary(logs, on=date(2026, 3, 2)).to_dict()["metrics"]
    assert metrics[{"win": "wins", "loss": "losses", "breakeven": "breakevens"}[outcome]] == 1


def test_breakeven_band_is_configurable(logs: Path) -> None:
    order_id = entry(logs)
    close(logs, order_id, "102", "--breakeven-band", "0.02")   # net 20 = 2% of 1000
    assert lines_of(logs / "2026-03-02.jsonl")[-1]["outcome"] == "breakeven"


def test_crypto_decimal_quantity_round_trip(logs: Path) -> None:
    order_id = entry(logs, symbol="BTC-USD", quantity="0.125", price="64000.50")
    close(logs, order_id, "65000.25", "--commission", "0.80")
    closed = lines_of(logs / "2026-03-02.jsonl")[-1]
    assert (closed["quantity"], closed["total_value"]) == ("0.125", "8000.06250")
    assert (closed["profit_loss"], closed["net_profit_loss"]) == ("124.96875", "124.16875")
    assert all_valid(logs) == 2
    metrics = summary(logs, on=date(2026, 3, 2)).to_dict()["metrics"]
    assert metrics["net_profit_loss"] == "124.16875" and metrics["wins"] == 1


def test_entry_and_exit_on_different_days_count_once_on_the_exit_day(logs: Path) -> None:
    order_id = entry(logs, at="2026-03-02T20:00:00Z")
    close(logs, order_id, "90", at="2026-03-04T15:00:00Z")
    assert [line["outcome"] for line in lines_of(logs / "2026-03-02.jsonl")] == ["open"]
    assert [line["outcome"] for line in lines_of(logs / "2026-03-04.jsonl")] == ["loss"]
    assert all_valid(logs) == 2

    exit_day = summary(logs, on=date(2026, 3, 4)).to_dict()
    assert exit_day["metrics"]["closed_trades"] == 1 and exit_day["metrics"]["losses"] == 1
    assert exit_day["open_positions"] == []
    assert exit_day["metrics"]["net_profit_loss"] == "-100"

    entry_day = summary(logs, on=date(2026, 3, 2)).to_dict()
    assert entry_day["metrics"]["closed_trades"] == 0
    assert [p["order_id"] for p in entry_day["open_positions"]] == [order_id]  # open at its end

    whole = summary(logs, "range", date(2026, 3, 1), date(2026, 3, 5)).to_dict()
    assert whole["metrics"]["closed_trades"] == 1 and whole["open_positions"] == []
    assert whole["data_quality"]["superseded"] == 1
    assert whole["data_quality"]["duplicates"] == 0
    assert [row["date"] for row in whole["daily"]] == ["2026-03-04"]


def test_lines_go_to_the_utc_date_of_their_own_event(logs: Path) -> None:
    order_id = entry(logs, at="2026-03-02T23:30:00-05:00")          # 04:30 UTC on the 3rd
    close(logs, order_id, "101", at="2026-03-03T20:00:00-08:00")    # 04:00 UTC on the 4th
    assert sorted(list_day_files(logs).files) == [date(2026, 3, 3), date(2026, 3, 4)]
    assert lines_of(logs / "2026-03-03.jsonl")[0]["timestamp"] == "2026-03-03T04:30:00Z"
    closed = lines_of(logs / "2026-03-04.jsonl")[0]
    assert closed["exit_timestamp"] == "2026-03-04T04:00:00Z"
    assert closed["hold_duration_seconds"] == 23 * 3600 + 30 * 60


def test_at_may_be_slightly_ahead_of_the_clock(logs: Path) -> None:
    entry(logs, at="2026-06-01T00:05:00Z")      # NOW + the 5 minutes of clock skew allowed
    assert all_valid(logs) == 1


def test_naive_at_is_utc_and_default_at_is_now(logs: Path) -> None:
    naive = entry(logs, at="2026-03-02T14:00:00")
    assert lines_of(logs / "2026-03-02.jsonl")[0]["timestamp"] == "2026-03-02T14:00:00Z"
    code, out, _ = run("exit", naive, "--logs-dir", str(logs), "--price", "100",
                       clock="2026-03-05T10:00:00Z")
    assert code == 0 and "breakeven" in out
    assert lines_of(logs / "2026-03-05.jsonl")[0]["exit_timestamp"] == "2026-03-05T10:00:00Z"


def test_exit_closes_an_open_line_written_by_the_bot(logs: Path) -> None:
    write_log(logs, "2026-03-02", trade("BOT-1", outcome="open", confidence="low"))
    close(logs, "BOT-1", "105", at="2026-03-03T10:00:00Z")
    closed = lines_of(logs / "2026-03-03.jsonl")[0]
    assert closed["confidence"] == "low" and closed["bot_version"] == "1.0"
    assert closed["net_profit_loss"] == "50" and closed["outcome"] == "win"
    found = find_order(logs, "BOT-1")
    assert found is not None and found.record.is_closed


def test_explicit_order_id_and_options_are_written(logs: Path) -> None:
    order_id = entry(logs, "--order-id", "MY-1", "--mode", "live", "--account", "IBKR-9",
                     "--entry-type", "limit")
    assert order_id == "MY-1"
    line = lines_of(logs / "2026-03-02.jsonl")[0]
    assert (line["execution_mode"], line["account_id"], line["entry_type"]) == (
        "LIVE", "IBKR-9", "limit")


def test_writer_appends_after_a_torn_line_without_swallowing_it(logs: Path) -> None:
    path = write_log(logs, "2026-03-02", trade("A"), torn='{"timestamp": "2026-03-02T1')
    TradeLogWriter(logs).append(trade("B"))
    scan = scan_file(DayFile(path, date(2026, 3, 2)))
    assert [t.record.order_id for t in scan.trades] == ["A", "B"]
    assert [bad.line for bad in scan.bad_lines] == [2]   # the torn bytes, now a reported line
    assert scan.torn_tail_bytes == 0


def test_writer_waits_for_a_line_another_writer_is_still_copying(
        logs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_log(logs, "2026-03-02", torn='{"timestamp": ')
    rest = json.dumps(trade("A"))[len('{"timestamp": '):] + "\n"

    def bot_finishes_its_line(seconds: float) -> None:   # what happens while we wait
        with path.open("a", encoding="utf-8") as handle:
            handle.write(rest)

    monkeypatch.setattr(time, "sleep", bot_finishes_its_line)
    TradeLogWriter(logs).append(trade("B"))
    scan = scan_file(DayFile(path, date(2026, 3, 2)))
    assert [t.record.order_id for t in scan.trades] == ["A", "B"] and scan.bad_lines == ()


def test_writer_gives_up_waiting_on_a_tail_that_never_ends(
        logs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_log(logs, "2026-03-02", torn="{")

    def keeps_growing(seconds: float) -> None:
        with path.open("a", encoding="utf-8") as handle:
            handle.write("x")

    monkeypatch.setattr(time, "sleep", keeps_growing)
    TradeLogWriter(logs).append(trade("B"))
    scan = scan_file(DayFile(path, date(2026, 3, 2)))
    assert [t.record.order_id for t in scan.trades] == ["B"] and len(scan.bad_lines) == 1


def test_writer_refuses_an_invalid_line_before_touching_the_disk(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    writer = TradeLogWriter(logs)
    with pytest.raises(InvalidLineError, match="missing required field symbol"):
        writer.append({key: value for key, value in trade().items() if key != "symbol"})
    with pytest.raises(InvalidLineError, match="cannot be written as UTF-8 JSON"):
        writer.append(trade(price=Decimal("100")))   # a Decimal would not survive json.dumps
    with pytest.raises(InvalidLineError, match="longer than"):
        writer.append(trade(padding="x" * (1024 * 1024)))
    assert not logs.exists()


def test_writer_turns_os_errors_into_clear_errors(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "logs"
    not_a_dir.write_text("I am a file\n", encoding="utf-8")
    with pytest.raises(PerformanceError, match=f"^{not_a_dir}: is not a directory$"):
        TradeLogWriter(not_a_dir).append(trade())
    assert not_a_dir.read_text(encoding="utf-8") == "I am a file\n"


def test_writer_result_names_file_record_and_text(logs: Path) -> None:
    appended = TradeLogWriter(logs).append(trade("Z", exit="2026-03-03T01:00:00Z"))
    assert appended.path == logs / "2026-03-03.jsonl"
    assert appended.record.order_id == "Z"
    assert appended.path.read_text(encoding="utf-8") == appended.text + "\n"


def test_generated_ids_use_the_token(logs: Path) -> None:
    writer = TradeLogWriter(logs, token=lambda: "fixed")
    appended = writer.record_entry(EntryRequest("AAPL", "long", Decimal("1"), Decimal("1"),
                                                datetime(2026, 3, 2, 14, tzinfo=UTC)))
    assert appended.record.order_id == "MAN-20260302T140000Z-fixed"


# ---------------------------------------------------------------------------------------------
# errors: exit 1, a clear message, nothing written
# ---------------------------------------------------------------------------------------------

BASE = ("--symbol", "AAPL", "--side", "long", "--quantity", "10", "--price", "100",
        "--at", "2026-03-02T14:00:00Z")


@pytest.mark.parametrize(("argv", "message"), [
    (("exit", "NOPE", "--price", "1"), "unknown order id NOPE"),
    (("exit", "OPEN-1", "--price", "1", "--at", "2026-03-02T13:59:59Z"),
     "exit at 2026-03-02T13:59:59Z is before the entry of order OPEN-1 at 2026-03-02T14:00:00Z"),
    (("exit", "DONE-1", "--price", "1"), "order DONE-1 is already closed"),
    (("exit", "OPEN-1", "--price", "0"), "exit price must be positive, got 0"),
    (("exit", "OPEN-1", "--price", "-5"), "exit price must be positive"),
    (("exit", "OPEN-1", "--price", "abc"), "--price must be a decimal string"),
    (("exit", "OPEN-1", "--price", "1", "--commission", "-1"), "commission must not be negative"),
    (("exit", "OPEN-1", "--price", "1", "--at", "tomorrow"),
     "--at is not an ISO-8601 timestamp: 'tomorrow'"),
    (("exit", "OPEN-1", "--price", "1", "--breakeven-band", "5"), "--breakeven-band is a fraction"),
    (("exit", "OPEN-1", "--price", "1", "--breakeven-band", "-0.1"), "--breakeven-band"),
    (("exit", "OPEN-1", "--price", "1", "--at", "2026-06-01T00:05:01Z"), "is in the future"),
    (("entry", *BASE, "--at", "2026-06-01T00:05:01Z"), "--at 2026-06-01T00:05:01Z is in the future"),
    (("entry", *BASE, "--at", "9999-12-31T23:59:00-05:00"), "--at is outside the supported years 1970-8999"),
    (("entry", *BASE, "--quantity", "0"), "quantity must be positive, got 0"),
    (("entry", *BASE, "--quantity", "-2"), "quantity must be positive"),
    (("entry", *BASE, "--price", "0.00"), "price must be positive"),
    (("entry", *BASE, "--price", "1e3"), "--price must be a decimal string"),
    (("entry", *BASE, "--stop-loss", "0"), "stop_loss must be positive"),
    (("entry", *BASE, "--at", "2026-13-45"), "--at is not an ISO-8601 timestamp"),
    (("entry", *BASE, "--symbol", "AA PL"), "symbol must be a ticker or pair"),
    (("entry", *BASE, "--strategy", " "), "strategy_name must not be empty"),
    (("entry", *BASE, "--reason", "x" * 5000), "decision_reasoning is longer than 4096"),
    (("entry", *BASE, "--order-id", "OPEN-1"), "order id OPEN-1 already exists (2026-03-02.jsonl:1)"),
    (("entry", *BASE, "--order-id", "DONE-1"), "order id DONE-1 already exists"),
    (("entry", *BASE, "--order-id", " "), "order id must not be empty"),
])
def test_errors_exit_1_with_a_clear_message_and_write_nothing(tmp_path: Path, argv: tuple[str, ...],
                                                              message: str) -> None:
    logs = tmp_path / "logs"
    write_log(logs, "2026-03-02", trade("OPEN-1", outcome="open"), trade("DONE-1"))
    before = snapshot(tmp_path)
    code, out, err = run(*argv, "--logs-dir", str(logs))
    assert code == 1
    assert out == ""
    assert err.startswith("error: ") and message in err
    assert snapshot(tmp_path) == before


def test_exit_with_a_missing_logs_dir_creates_nothing(tmp_path: Path) -> None:
    code, _, err = run("exit", "X", "--price", "1", "--logs-dir", str(tmp_path / "nowhere"))
    assert code == 1 and "unknown order id X" in err
    assert list(tmp_path.iterdir()) == []


def test_an_open_line_after_its_close_does_not_reopen_the_order(logs: Path) -> None:
    write_log(logs, "2026-03-02", trade("T1"))
    write_log(logs, "2026-03-03", trade("T1", outcome="open", entry="2026-03-03T09:00:00Z"))
    code, _, err = run("exit", "T1", "--price", "1", "--logs-dir", str(logs))
    assert code == 1 and "already closed" in err


@pytest.mark.parametrize("argv", [
    (),
    ("bogus",),
    ("entry", "--symbol", "AAPL"),
    ("entry", *BASE, "--side", "up"),
    ("entry", *BASE, "--mode", "demo"),
    ("exit", "--price", "1"),
    ("stats", "--tz", "Mars/Olympus"),
])
def test_usage_errors_exit_64(tmp_path: Path, argv: tuple[str, ...]) -> None:
    (tmp_path / "logs").mkdir()
    extra = ("--logs-dir", str(tmp_path / "logs")) if argv[:1] == ("stats",) else ()
    code, out, err = run(*argv, *extra)
    assert code == 64, err
    assert out == "" and "error" in err
    assert list((tmp_path / "logs").iterdir()) == []


def test_help_exits_0_on_our_stdout() -> None:
    code, out, _ = run("entry", "--help")
    assert code == 0 and "--breakeven-band" not in out and "--stop-loss" in out


# ---------------------------------------------------------------------------------------------
# stats
# ---------------------------------------------------------------------------------------------

def test_stats_is_the_all_time_summary_with_open_positions(logs: Path) -> None:
    first = entry(logs, at="2026-01-05T14:00:00Z")
    close(logs, first, "110", "--commission", "1", at="2026-02-10T15:00:00Z")
    entry(logs, symbol="ETH-USD", quantity="0.5", price="3000", at="2026-05-30T09:00:00Z")
    code, out, err = run("stats", "--logs-dir", str(logs))
    assert code == 0, err
    assert "range 2026-01-05..2026-06-01" in out.splitlines()[0]
    assert "Open positions (1" in out and "ETH-USD" in out
    assert "99.00" in out                       # the closed trade's net P&L


def test_stats_of_an_empty_logs_dir_explains_itself(logs: Path) -> None:
    logs.mkdir()
    code, out, _ = run("stats", "--logs-dir", str(logs), "--tz", "Europe/London")
    assert code == 0 and "No log files" in out


def test_stats_without_a_logs_dir_exits_1(tmp_path: Path) -> None:
    code, _, err = run("stats", "--logs-dir", str(tmp_path / "missing"))
    assert code == 1 and "logs directory not found" in err


@pytest.mark.parametrize(("zone", "expected"), [
    ("UTC", (date(2026, 3, 2), date(2026, 6, 1))),
    ("America/New_York", (date(2026, 3, 1), date(2026, 6, 1))),
    ("Asia/Tokyo", (date(2026, 3, 2), date(2026, 6, 1))),
])
def test_all_time_span_covers_every_file_in_the_zone(zone: str, expected: tuple[date, date]) -> None:
    tz = UTC if zone == "UTC" else ZoneInfo(zone)
    assert record_cli.all_time_span(date(2026, 3, 2), date(2026, 5, 30), date(2026, 6, 1),
                                    tz) == expected
    # a file after today (future --at) extends the end; east of UTC by one local day more
    assert record_cli.all_time_span(date(2026, 3, 2), date(2026, 6, 9), date(2026, 6, 1),
                                    ZoneInfo("Asia/Tokyo"))[1] == date(2026, 6, 10)


# ---------------------------------------------------------------------------------------------
# the real command line, in subprocesses
# ---------------------------------------------------------------------------------------------

def cli(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop(TIMEZONE_ENV, None)
    return subprocess.run([sys.executable, "-m", "trading_bot.performance", "record", *argv],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def test_cli_entry_exit_stats_and_exit_codes(tmp_path: Path) -> None:
    opened = cli("entry", "--symbol", "MSFT", "--side", "short", "--quantity", "4", "--price",
                 "410.25", "--at", "2026-03-02T14:00:00Z", cwd=tmp_path)
    assert opened.returncode == 0, opened.stderr
    order_id = opened.stdout.strip()
    assert order_id.startswith("MAN-20260302T140000Z-") and "\n" not in order_id
    assert "logs/2026-03-02.jsonl" in opened.stderr

    closed = cli("exit", order_id, "--price", "400.25", "--commission", "2",
                 "--at", "2026-03-03T10:00:00Z", cwd=tmp_path)
    assert closed.returncode == 0, closed.stderr
    assert "win, net P&L 38.00" in closed.stdout

    stats = cli("stats", cwd=tmp_path)
    assert stats.returncode == 0, stats.stderr
    assert "Net P&L" in stats.stdout and "38.00" in stats.stdout

    again = cli("exit", order_id, "--price", "1", cwd=tmp_path)
    assert again.returncode == 1 and "already closed" in again.stderr
    usage = cli("entry", "--side", "sideways", cwd=tmp_path)
    assert usage.returncode == 64 and "usage:" in usage.stderr
    assert all_valid(tmp_path / "logs") == 2


# ---------------------------------------------------------------------------------------------
# concurrency: several processes appending to the same day file at once
# ---------------------------------------------------------------------------------------------

WRITER = textwrap.dedent("""
    import sys, time
    from datetime import UTC, datetime
    from decimal import Decimal
    from pathlib import Path
    from trading_bot.performance.ingest.recording import EntryRequest, TradeLogWriter

    logs, go, worker, count = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    writer = TradeLogWriter(logs)
    while not go.exists():
        time.sleep(0.001)
    for index in range(count):
        writer.record_entry(EntryRequest(
            symbol="AAPL", side="long", quantity=Decimal(index + 1), price=Decimal("100.25"),
            at=datetime(2026, 3, 2, 12, tzinfo=UTC), strategy_name=f"worker-{worker}",
            reason=f"w{worker} line {index} " + "x" * (100 + 37 * index % 3000)))
""")


def test_concurrent_writer_processes_never_interleave_lines(tmp_path: Path) -> None:
    logs, go = tmp_path / "logs", tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    workers = [subprocess.Popen([sys.executable, "-c", WRITER, str(logs), str(go), str(n), "200"],
                                env=env, stderr=subprocess.PIPE, text=True) for n in range(4)]
    go.touch()
    for process in workers:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
    assert [path.name for path in logs.iterdir()] == ["2026-03-02.jsonl"]
    raw = (logs / "2026-03-02.jsonl").read_bytes()
    assert raw.endswith(b"\n")
    lines = raw.split(b"\n")[:-1]
    assert len(lines) == 800
    decoded = [decode_line(line) for line in lines]          # every line intact JSON
    assert all(isinstance(obj, dict) for obj in decoded)
    scan = scan_file(DayFile(logs / "2026-03-02.jsonl", date(2026, 3, 2)))
    assert scan.bad_lines == () and len(scan.trades) == 800
    assert len({t.record.order_id for t in scan.trades}) == 800
    per_worker: dict[str, list[Decimal]] = {}
    for t in scan.trades:
        per_worker.setdefault(t.record.strategy_name, []).append(t.record.quantity)
    assert {name: len(q) for name, q in per_worker.items()} == {f"worker-{n}": 200 for n in range(4)}
    assert all(q == sorted(q) for q in per_worker.values())  # each writer's lines in its order
