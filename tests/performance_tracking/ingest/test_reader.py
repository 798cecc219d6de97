"""Reader and validation on real JSONL files in ``tmp_path``.

Every bad case asserts the exact ``file:line: reason`` an operator sees and that the good lines
around the bad one still count, with exact totals.  Nothing here mocks the reader: files are
written, listed, scanned and folded the way the tracker does it.
"""

from __future__ import annotations

import json
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from trading_bot.performance.core.records import trade_from_json
from trading_bot.performance.errors import InvalidLineError
from trading_bot.performance.ingest.logfiles import (
    MAX_LINE_BYTES,
    DayFile,
    SkippedEntry,
    list_day_files,
    read_lines,
)
from trading_bot.performance.ingest.reader import (
    BadLine,
    FileScan,
    Ledger,
    decode_line,
    read_ledger,
    scan_file,
)

from ..conftest import MakeTracker, fixed_clock, net_of, trade, write_log

DAY = "2026-03-02"
FILE = f"{DAY}.jsonl"


# --------------------------------------------------------------------------- helpers


def day_file(path: Path) -> DayFile:
    return DayFile(path, date.fromisoformat(path.name[:10]))


def scan(path: Path, **kwargs: Any) -> FileScan:
    return scan_file(day_file(path), **kwargs)


def ledger_of(logs: Path) -> Ledger:
    directory = list_day_files(logs)
    return read_ledger(directory.between(date.min, date.max))


def write_bytes(logs: Path, day: str, *lines: bytes, tail: bytes = b"") -> Path:
    """Write raw byte lines (each gets ``\\n``) and an optional unterminated tail."""
    logs.mkdir(parents=True, exist_ok=True)
    path = logs / f"{day}.jsonl"
    with path.open("ab") as handle:
        for line in lines:
            handle.write(line + b"\n")
        handle.write(tail)
    return path


def as_bytes(line: dict[str, Any] | str | bytes) -> bytes:
    if isinstance(line, bytes):
        return line
    if isinstance(line, str):
        return line.encode("utf-8")
    return json.dumps(line).encode("utf-8")


def bad_strings(result: FileScan | Ledger) -> list[str]:
    return [str(bad) for bad in result.bad_lines]


def good_before() -> dict[str, Any]:
    return trade("G1", net="10")


def good_after() -> dict[str, Any]:
    return trade("G3", entry="2026-03-02T16:00:00Z", exit="2026-03-02T17:00:00Z", net="20")


def without(line: dict[str, Any], name: str) -> dict[str, Any]:
    copy = dict(line)
    del copy[name]
    return copy


# --------------------------------------------------------------------------- bad lines, one by one

NAN_LINE = json.dumps(trade("B", quantity=float("nan")))          # writes the bare token NaN
INF_LINE = json.dumps(trade("B", price=float("inf")))             # Infinity
NEG_INF_LINE = json.dumps(trade("B", net=float("-inf")))          # -Infinity in profit_loss
EXPONENT_QTY = json.dumps(trade("B", quantity="@@")).replace('"@@"', "1e5")
EXPONENT_PRICE = json.dumps(trade("B", price="@@")).replace('"@@"', "1.5E2")

BAD_CASES: list[tuple[str, dict[str, Any] | str | bytes, str]] = [
    # not JSON / not an object / blank
    ("invalid-json", "not json", "invalid JSON: Expecting value at column 1"),
    ("truncated-object", '{"timestamp": "2026-03-02T14:00:00Z"',
     "invalid JSON: Expecting ',' delimiter at column 37"),
    ("single-quotes", "{'order_id': 'B'}",
     "invalid JSON: Expecting property name enclosed in double quotes at column 2"),
    ("trailing-garbage", '{"a": 1}}', "invalid JSON: Extra data at column 9"),
    ("json-array", '[{"order_id": "B"}]', "line is a JSON array, not an object"),
    ("json-number", "42", "line is a JSON number, not an object"),
    ("json-string", '"trade"', "line is a JSON string, not an object"),
    ("blank-line", "", "blank line"),
    ("whitespace-line", "   \t ", "blank line"),
    ("deep-nesting", "[" * 100_000, "invalid JSON: nested too deeply"),
    # required fields
    ("missing-order-id", without(trade("B"), "order_id"), "missing required field order_id"),
    ("missing-timestamp", without(trade("B"), "timestamp"), "missing required field timestamp"),
    ("missing-outcome", without(trade("B"), "outcome"), "missing required field outcome"),
    ("first-missing-reported", without(without(trade("B"), "symbol"), "price"),
     "missing required field symbol"),
    ("null-order-id", trade(None), "order_id must not be null"),
    ("null-quantity", trade("B", quantity=None), "quantity must not be null"),
    ("empty-strategy", trade("B", strategy="  "), "strategy_name must not be empty"),
    # wrong types
    ("symbol-int", trade("B", symbol=123), "symbol must be a string, got int"),
    ("strategy-dict", trade("B", strategy={"name": "alpha"}), "strategy_name must be a string, got dict"),
    ("timestamp-int", trade("B", timestamp=1772460000), "timestamp must be an ISO-8601 string, got int"),
    ("exit-timestamp-int", trade("B", exit_timestamp=1772460000),
     "exit_timestamp must be an ISO-8601 string, got int"),
    ("quantity-list", trade("B", quantity=[10]), "quantity must be a decimal number, got list"),
    ("commission-dict", trade("B", commission={"usd": "1"}), "commission must be a decimal number, got dict"),
    ("indicators-string", trade("B", indicators_used="RSI"), "indicators_used must be a list of strings"),
    ("indicators-mixed", trade("B", indicators_used=["RSI", 14]), "indicators_used must be a list of strings"),
    ("order-id-number", trade(17), "order_id must be a string, got int"),
    ("symbol-with-space", trade("B", symbol="BTC USD"),
     "symbol must be a ticker or pair of letters, digits and . _ : / - (max 32), got 'BTC USD'"),
    # impossible values
    ("zero-quantity", trade("B", quantity="0"), "quantity must be positive, got 0"),
    ("zero-quantity-decimal", trade("B", quantity="0.000"), "quantity must be positive, got 0.000"),
    ("negative-quantity", trade("B", quantity="-3"), "quantity must be positive, got -3"),
    ("zero-price-number", trade("B", price=0), "price must be positive, got 0"),
    ("negative-price", trade("B", price="-100.5"), "price must be positive, got -100.5"),
    ("negative-commission", trade("B", commission="-1"), "commission must not be negative, got -1"),
    ("zero-stop-loss", trade("B", stop_loss="0"), "stop_loss must be positive, got 0"),
    ("negative-target", trade("B", target="-1.5"), "target must be positive, got -1.5"),
    ("negative-hold", trade("B", hold_duration_seconds=-5),
     "hold_duration_seconds must not be negative, got -5"),
    # bad decimal strings
    ("comma-decimal", trade("B", quantity="1,5"), "quantity must be a decimal string like \"150.25\", got '1,5'"),
    ("padded-decimal", trade("B", quantity=" 1"), "quantity must be a decimal string like \"150.25\", got ' 1'"),
    ("exponent-string", trade("B", quantity="1e5"), "quantity must be a decimal string like \"150.25\", got '1e5'"),
    ("empty-string-price", trade("B", price=""), "price must be a decimal string like \"150.25\", got ''"),
    ("plus-sign", trade("B", net="+5"), "profit_loss must be a decimal string like \"150.25\", got '+5'"),
    ("nan-string", trade("B", price="NaN"), "price must be a decimal string like \"150.25\", got 'NaN'"),
    ("currency-symbol", trade("B", net="$12.50"),
     "profit_loss must be a decimal string like \"150.25\", got '$12.50'"),
    # JSON numbers with exponent, NaN/Infinity
    ("exponent-number", EXPONENT_QTY, "numbers must not use exponent notation, got 1e5"),
    ("exponent-number-fraction", EXPONENT_PRICE, "numbers must not use exponent notation, got 1.5E2"),
    ("nan-token", NAN_LINE, "NaN is not a number (NaN/Infinity are invalid)"),
    ("infinity-token", INF_LINE, "Infinity is not a number (NaN/Infinity are invalid)"),
    ("negative-infinity-token", NEG_INF_LINE, "-Infinity is not a number (NaN/Infinity are invalid)"),
    # booleans where numbers belong
    ("boolean-quantity", trade("B", quantity=True), "quantity must be a decimal number, got boolean True"),
    ("boolean-net", trade("B", net=False), "profit_loss must be a decimal number, got boolean False"),
    ("boolean-stop", trade("B", stop_loss=True), "stop_loss must be a decimal number, got boolean True"),
    # unknown enumerations
    ("unknown-outcome", trade("B", outcome="won"), "outcome must be one of breakeven|loss|open|win, got 'won'"),
    ("lowercase-action", trade("B", action="buy"), "action must be one of BUY|SELL, got 'buy'"),
    ("unknown-action", trade("B", action="HOLD"), "action must be one of BUY|SELL, got 'HOLD'"),
    ("unknown-mode", trade("B", mode="SIM"), "execution_mode must be one of LIVE|PAPER, got 'SIM'"),
    # timestamps
    ("malformed-month", trade("B", entry="2026-13-02T14:00:00Z"),
     "timestamp is not an ISO-8601 timestamp: '2026-13-02T14:00:00Z'"),
    ("malformed-words", trade("B", entry="yesterday"),
     "timestamp is not an ISO-8601 timestamp: 'yesterday'"),
    ("date-without-time", trade("B", entry="2026-03-02"),
     "timestamp is not an ISO-8601 timestamp: '2026-03-02'"),
    # shapes datetime.fromisoformat takes but the trade-record schema does not
    ("week-date", trade("B", entry="2026-W10-1T14:00:00Z"),
     "timestamp is not an ISO-8601 timestamp: '2026-W10-1T14:00:00Z'"),
    ("basic-time", trade("B", entry="2026-03-02T140000Z"),
     "timestamp is not an ISO-8601 timestamp: '2026-03-02T140000Z'"),
    ("offset-with-seconds", trade("B", entry="2026-03-02T14:00:00+01:00:30"),
     "timestamp is not an ISO-8601 timestamp: '2026-03-02T14:00:00+01:00:30'"),
    ("comma-fraction", trade("B", entry="2026-03-02T14:00:00,5Z"),
     "timestamp is not an ISO-8601 timestamp: '2026-03-02T14:00:00,5Z'"),
    ("huge-timestamp-is-quoted-short", trade("B", entry="2026-03-02T14:00:00Z" + "0" * 5000),
     "timestamp is not an ISO-8601 timestamp: '2026-03-02T14:00:00Z00000000000000000000'... "
     "(5020 characters)"),
    ("timestamp-overflows-after-offset", trade("B", entry="9999-12-31T23:30:00-01:00", exit=None,
                                               outcome="open"),
     "timestamp is outside the supported years 1970-8999: '9999-12-31T23:30:00-01:00'"),
    ("timestamp-underflows-after-offset", trade("B", entry="0001-01-01T00:30:00+01:00", exit=None,
                                                outcome="open"),
     "timestamp is outside the supported years 1970-8999: '0001-01-01T00:30:00+01:00'"),
    ("timestamp-before-1970", trade("B", entry="1969-12-31T23:00:00Z", exit=None, outcome="open"),
     "timestamp is outside the supported years 1970-8999: '1969-12-31T23:00:00Z'"),
    ("malformed-exit", trade("B", exit="2026-03-02T25:00:00Z"),
     "exit_timestamp is not an ISO-8601 timestamp: '2026-03-02T25:00:00Z'"),
    ("exit-before-entry", trade("B", entry="2026-03-02T14:00:00Z", exit="2026-03-02T13:59:59Z"),
     "exit_timestamp 2026-03-02T13:59:59Z is before timestamp 2026-03-02T14:00:00Z"),
    ("exit-before-entry-offsets", trade("B", entry="2026-03-02T14:00:00Z", exit="2026-03-02T14:30:00+01:00"),
     "exit_timestamp 2026-03-02T14:30:00+01:00 is before timestamp 2026-03-02T14:00:00Z"),
    ("open-with-exit", trade("B", outcome="open", exit_timestamp="2026-03-02T15:00:00Z"),
     "an open trade must not have an exit_timestamp"),
    ("closed-without-pnl", trade("B", net=None), "a closed trade needs net_profit_loss or profit_loss"),
    # encoding
    ("non-utf8", b'{"symbol": "\xff"}', "line is not valid UTF-8 (byte 0xff at column 13)"),
    ("latin1-symbol", as_bytes(trade("B", symbol="ZxRICH")).replace(b"ZxRICH", b"Z\xfcRICH"),
     "line is not valid UTF-8 (byte 0xfc at column "
     + str(json.dumps(trade("B", symbol="ZxRICH")).index("ZxRICH") + 2) + ")"),
    ("bom-not-at-file-start", b"\xef\xbb\xbf" + as_bytes(trade("B")),
     "invalid JSON: Expecting value at column 1"),
]


@pytest.mark.parametrize(("line", "reason"), [case[1:] for case in BAD_CASES],
                         ids=[case[0] for case in BAD_CASES])
def test_bad_line_is_reported_exactly_and_neighbours_still_count(
        logs: Path, line: dict[str, Any] | str | bytes, reason: str) -> None:
    path = write_bytes(logs, DAY, as_bytes(good_before()), as_bytes(line), as_bytes(good_after()))

    result = scan(path)
    assert bad_strings(result) == [f"{FILE}:2: {reason}"]
    assert result.bad_lines[0] == BadLine(FILE, date(2026, 3, 2), 2, reason)
    assert [t.line for t in result.trades] == [1, 3]
    assert result.lines_read == 3
    assert result.end_offset == path.stat().st_size

    ledger = ledger_of(logs)
    assert [t.record.order_id for t in ledger.closed] == ["G1", "G3"]
    assert sum(net_of(t.record) for t in ledger.closed) == Decimal("30")
    assert ledger.bad_lines_per_file == {FILE: 1}
    assert ledger.lines_read == 3


def test_bad_lines_reach_summary_data_quality(logs: Path, make_tracker: MakeTracker) -> None:
    write_log(logs, DAY,
              trade("A", net="10"),
              "not json",
              trade("B", quantity="1,5"),
              "",
              trade("C", outcome="loss", net="-4", entry="2026-03-02T16:00:00Z",
                    exit="2026-03-02T17:00:00Z"),
              "[1, 2]")
    summary = make_tracker().get_summary("daily", on=date(2026, 3, 2))
    quality = summary.data_quality
    assert quality.lines_read == 6
    assert quality.valid_lines == 2
    assert quality.bad_lines == 4
    assert quality.bad_line_examples == (
        f"{FILE}:2: invalid JSON: Expecting value at column 1",
        f"{FILE}:3: quantity must be a decimal string like \"150.25\", got '1,5'",
        f"{FILE}:4: blank line",
        f"{FILE}:6: line is a JSON array, not an object",
    )
    assert dict(quality.bad_lines_per_file) == {FILE: 4}
    values = summary.metrics.values
    assert values["closed_trades"] == 2
    assert values["wins"] == 1 and values["losses"] == 1
    assert values["net_profit_loss"] == Decimal("6")


def test_bad_line_examples_are_capped_but_counted(logs: Path, make_tracker: MakeTracker) -> None:
    write_log(logs, DAY, trade("A", net="1"), *(["{"] * 15), trade("Z", net="2"))
    quality = make_tracker().get_summary("daily", on=date(2026, 3, 2)).data_quality
    assert quality.bad_lines == 15
    assert len(quality.bad_line_examples) == 10
    assert quality.bad_line_examples[0] == (
        f"{FILE}:2: invalid JSON: Expecting property name enclosed in double quotes at column 2")
    assert quality.valid_lines == 2


# --------------------------------------------------------------------------- records directly


def test_trade_from_json_rejects_non_objects_with_reason() -> None:
    for value, kind in (([], "array"), (3, "number"), ("x", "string"), (None, "null"),
                        (True, "boolean")):
        with pytest.raises(InvalidLineError) as caught:
            trade_from_json(value)
        assert caught.value.reason == f"line is a JSON {kind}, not an object"


def test_trade_from_json_builds_exact_record() -> None:
    record = trade_from_json(decode_line(json.dumps(trade(
        "X1", quantity="43.481", price="0.0625", symbol="BTCUSDT", net="-1.10",
        commission="0.05", stop_loss="0.06", target="0.07", hold_duration_seconds=3600,
        risk_reward_ratio="2.5", slippage="-0.001", indicators_used=["RSI", "MACD"])).encode()))
    assert record.symbol == "BTCUSDT"
    assert record.quantity == Decimal("43.481") and record.quantity.as_tuple().exponent == -3
    assert record.price == Decimal("0.0625")
    assert record.net == Decimal("-1.10")
    assert record.commission == Decimal("0.05")
    assert record.stop_loss == Decimal("0.06") and record.target == Decimal("0.07")
    assert record.hold_duration_seconds == Decimal(3600)
    assert record.risk_reward_ratio == Decimal("2.5")
    assert record.slippage == Decimal("-0.001")
    assert record.indicators_used == ("RSI", "MACD")
    assert record.timestamp == datetime(2026, 3, 2, 14, tzinfo=UTC)
    assert record.exit_timestamp == datetime(2026, 3, 2, 15, tzinfo=UTC)
    assert record.is_closed and record.side == "long"
    assert record.extras == {}


def test_net_falls_back_to_profit_loss_minus_commission() -> None:
    record = trade_from_json(trade("X", net_profit_loss=None, profit_loss="12.50", commission="1.25"))
    assert record.net == Decimal("11.25")
    only_net = trade_from_json(trade("Y", profit_loss=None, net_profit_loss="-3"))
    assert only_net.net == Decimal("-3")


# --------------------------------------------------------------------------- accepted variants


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-03-02T14:00:00", datetime(2026, 3, 2, 14, tzinfo=UTC)),
    ("2026-03-02T14:00:00.250", datetime(2026, 3, 2, 14, 0, 0, 250000, tzinfo=UTC)),
    ("2026-03-02 14:00:00", datetime(2026, 3, 2, 14, tzinfo=UTC)),
    ("2026-03-02T14:00:00Z", datetime(2026, 3, 2, 14, tzinfo=UTC)),
    ("2026-03-02T09:00:00-05:00", datetime(2026, 3, 2, 14, tzinfo=UTC)),
    ("2026-03-02T15:00:00+01:00", datetime(2026, 3, 2, 14, tzinfo=UTC)),
])
def test_timestamps_naive_means_utc_and_offsets_are_normalised(logs: Path, text: str,
                                                              expected: datetime) -> None:
    path = write_log(logs, DAY, trade("N", entry=text, exit="2026-03-02T20:00:00Z"))
    result = scan(path)
    assert result.bad_lines == ()
    (logged,) = result.trades
    assert logged.record.timestamp == expected
    assert logged.record.timestamp.tzinfo is UTC
    assert logged.record.timestamp.utcoffset() == timedelta(0)


def test_naive_exit_timestamp_is_utc_and_compared_with_aware_entry(logs: Path) -> None:
    path = write_log(logs, DAY, trade("N", entry="2026-03-02T09:00:00-05:00",
                                      exit="2026-03-02T14:30:00"))
    (logged,) = scan(path).trades
    assert logged.record.exit_timestamp == datetime(2026, 3, 2, 14, 30, tzinfo=UTC)
    assert logged.record.realized_at - logged.record.timestamp == timedelta(minutes=30)


def test_decimal_quantities_long_symbols_and_pairs(logs: Path) -> None:
    path = write_log(
        logs, DAY,
        trade("C1", symbol="BTCUSDT", quantity="43.481", price="61234.50", net="12.34"),
        trade("C2", symbol="BTC-USD", quantity="0.00012", price="61000"),
        trade("C3", symbol="ETH/USDT", quantity="1.5", price="3000.1"),
        trade("C4", symbol="BRK.B", quantity="3", price="410.12"),
        trade("C5", symbol="EURUSD:FX", quantity="10000", price="1.08765"),
    )
    result = scan(path)
    assert result.bad_lines == ()
    records = {t.record.order_id: t.record for t in result.trades}
    assert records["C1"].symbol == "BTCUSDT"
    assert records["C1"].quantity == Decimal("43.481")
    assert str(records["C1"].quantity) == "43.481"
    assert records["C1"].price == Decimal("61234.50")
    assert records["C2"].quantity == Decimal("0.00012")
    assert [records[k].symbol for k in ("C2", "C3", "C4", "C5")] == [
        "BTC-USD", "ETH/USDT", "BRK.B", "EURUSD:FX"]


def test_extra_keys_are_kept_in_extras(logs: Path) -> None:
    path = write_log(logs, DAY, trade("E", confidence="high", score=0.75, tags=["a", "b"],
                                      meta={"model": "v2", "depth": 3}, note=None))
    (logged,) = scan(path).trades
    extras = logged.record.extras
    assert extras == {"confidence": "high", "score": Decimal("0.75"), "tags": ["a", "b"],
                      "meta": {"model": "v2", "depth": 3}, "note": None}
    assert isinstance(extras["score"], Decimal)
    assert "order_id" not in extras and "timestamp" not in extras


def test_json_numbers_are_kept_exact_as_decimal(logs: Path) -> None:
    path = write_log(logs, DAY,
                     trade("J1", price=150.25, quantity=10, net=0.1, commission=0.05),
                     trade("J2", price=99.99, quantity=2.5, net=0.2, entry="2026-03-02T16:00:00Z",
                           exit="2026-03-02T17:00:00Z"))
    assert b"150.25" in path.read_bytes()  # written as a JSON number, not a string
    result = scan(path)
    assert result.bad_lines == ()
    first, second = (t.record for t in result.trades)
    assert first.price == Decimal("150.25") and isinstance(first.price, Decimal)
    assert first.price.as_tuple() == Decimal("150.25").as_tuple()
    assert first.quantity == Decimal(10)
    assert first.net_profit_loss == Decimal("0.1")
    assert first.commission == Decimal("0.05")
    assert second.quantity == Decimal("2.5")
    # never through float: 0.1 + 0.2 is exactly 0.3
    assert net_of(first) + net_of(second) == Decimal("0.3")
    ledger = ledger_of(logs)
    assert sum(net_of(t.record) for t in ledger.closed) == Decimal("0.3")


def test_json_number_without_exponent_but_tiny_is_accepted(logs: Path) -> None:
    """A plain JSON number such as 0.00000100 (a crypto size) has no exponent in the file.

    The decoder turns it into ``Decimal('0.00000100')``, whose ``str`` happens to be ``1.00E-6``
    style scientific notation; that must not be mistaken for exponent notation in the input.
    """
    line = json.dumps(trade("T", quantity="@@", slippage="@@@")).replace('"@@"', "0.00000100")
    line = line.replace('"@@@"', "-0.0000001")
    path = write_log(logs, DAY, line)
    result = scan(path)
    assert bad_strings(result) == []
    (logged,) = result.trades
    assert logged.record.quantity == Decimal("0.00000100")
    assert logged.record.slippage == Decimal("-0.0000001")


def test_json_number_with_exponent_is_rejected_even_when_it_normalises(logs: Path) -> None:
    """``1500e-2`` is exponent notation in the file even though Decimal shows it as ``15.00``."""
    line = json.dumps(trade("T", price="@@")).replace('"@@"', "1500e-2")
    path = write_log(logs, DAY, good_before(), line)
    result = scan(path)
    assert [t.line for t in result.trades] == [1]
    assert len(result.bad_lines) == 1
    assert result.bad_lines[0].line == 2
    assert "exponent" in result.bad_lines[0].reason


# --------------------------------------------------------------------------- inputs that must not crash


@pytest.mark.parametrize(("name", "raw"), [
    ("integer-over-4300-digits", json.dumps(trade("H", quantity="@@")).replace('"@@"', "9" * 5000)),
    ("huge-exponent", json.dumps(trade("H", price="@@")).replace('"@@"', "1e999999999999999999999")),
    ("huge-exponent-in-extra-field", json.dumps(trade("H", score="@@")).replace('"@@"', "2E+9999999999999999999")),
])
def test_pathological_values_become_bad_lines_not_crashes(logs: Path, name: str, raw: str) -> None:
    path = write_log(logs, DAY, good_before(), raw, good_after())
    result = scan(path)  # must not raise: one bad line must never stop the run
    assert [t.line for t in result.trades] == [1, 3]
    assert [bad.line for bad in result.bad_lines] == [2]
    assert result.bad_lines[0].reason


# --------------------------------------------------------------------------- outcome vs P&L


def test_outcome_contradicting_pnl_is_counted_as_given_and_reported(logs: Path, make_tracker: MakeTracker) -> None:
    write_log(logs, DAY,
              trade("W", outcome="win", net="-5"),
              trade("L", outcome="loss", net="3", entry="2026-03-02T16:00:00Z",
                    exit="2026-03-02T17:00:00Z"),
              trade("OK", outcome="win", net="7", entry="2026-03-02T18:00:00Z",
                    exit="2026-03-02T19:00:00Z"),
              trade("BE", outcome="breakeven", net="0.5", entry="2026-03-02T18:00:00Z",
                    exit="2026-03-02T20:00:00Z"))
    ledger = ledger_of(logs)
    assert ledger.bad_lines == ()
    assert [t.record.order_id for t in ledger.inconsistent] == ["W", "L"]

    summary = make_tracker().get_summary("daily", on=date(2026, 3, 2))
    values = summary.metrics.values
    assert values["closed_trades"] == 4
    assert values["wins"] == 2 and values["losses"] == 1 and values["breakevens"] == 1
    assert values["gross_profit"] == Decimal("2")      # -5 + 7: outcome is authoritative
    assert values["gross_loss"] == Decimal("3")
    assert values["net_profit_loss"] == Decimal("5.5")
    quality = summary.data_quality
    assert quality.inconsistent == 2
    assert quality.inconsistent_examples == (
        f"{FILE}:1: outcome win but net P&L -5",
        f"{FILE}:2: outcome loss but net P&L 3",
    )
    assert quality.bad_lines == 0 and quality.valid_lines == 4


# --------------------------------------------------------------------------- duplicates, supersession


def test_exact_duplicate_line_counts_once_and_is_reported(logs: Path, make_tracker: MakeTracker) -> None:
    line = trade("D1", net="10")
    write_log(logs, DAY, line, trade("D2", net="5"), line)
    ledger = ledger_of(logs)
    assert [t.record.order_id for t in ledger.closed] == ["D1", "D2"]
    assert [(t.file_name, t.line) for t in ledger.duplicates] == [(FILE, 3)]
    assert ledger.superseded == ()

    summary = make_tracker().get_summary("daily", on=date(2026, 3, 2))
    assert summary.metrics.values["closed_trades"] == 2
    assert summary.metrics.values["net_profit_loss"] == Decimal("15")
    quality = summary.data_quality
    assert quality.duplicates == 1
    assert quality.duplicate_examples == (f"{FILE}:3: exact duplicate of order D1",)
    assert quality.valid_lines == 3 and quality.lines_read == 3


def test_duplicate_ignores_line_ending_and_surrounding_whitespace(logs: Path) -> None:
    raw = as_bytes(trade("D1"))
    write_bytes(logs, DAY, raw, raw + b"\r", b"  " + raw + b"  ")
    ledger = ledger_of(logs)
    assert len(ledger.closed) == 1
    assert [t.line for t in ledger.duplicates] == [2, 3]
    assert ledger.bad_lines == ()


def test_exact_duplicate_across_files_counts_once(logs: Path) -> None:
    line = trade("D1", entry="2026-03-02T23:00:00Z", exit="2026-03-02T23:30:00Z")
    write_log(logs, "2026-03-02", line)
    write_log(logs, "2026-03-03", line)
    ledger = ledger_of(logs)
    assert len(ledger.closed) == 1
    assert ledger.closed[0].file_name == "2026-03-02.jsonl"
    assert [t.where for t in ledger.duplicates] == ["2026-03-03.jsonl:1"]


def test_open_then_closed_across_files_counts_once_as_closed(logs: Path, make_tracker: MakeTracker) -> None:
    write_log(logs, "2026-03-02", trade("S1", outcome="open", entry="2026-03-02T14:00:00Z"),
              trade("OTHER", net="1"))
    write_log(logs, "2026-03-03", trade("S1", outcome="loss", net="-8", entry="2026-03-02T14:00:00Z",
                                        exit="2026-03-03T10:00:00Z"))
    ledger = ledger_of(logs)
    assert [t.where for t in ledger.closed] == ["2026-03-02.jsonl:2", "2026-03-03.jsonl:1"]
    assert ledger.open == ()
    assert [t.where for t in ledger.superseded] == ["2026-03-02.jsonl:1"]

    tracker = make_tracker()
    closing_day = tracker.get_summary("daily", on=date(2026, 3, 3))
    assert closing_day.metrics.values["closed_trades"] == 1
    assert closing_day.metrics.values["net_profit_loss"] == Decimal("-8")
    assert closing_day.open_positions == ()
    assert closing_day.data_quality.superseded == 1

    week = tracker.get_summary("weekly", on=date(2026, 3, 2))
    assert week.metrics.values["closed_trades"] == 2
    assert week.metrics.values["losses"] == 1

    # at the end of the entry day the trade was still open
    entry_day = tracker.get_summary("daily", on=date(2026, 3, 2))
    assert [p.order_id for p in entry_day.open_positions] == ["S1"]
    assert entry_day.metrics.values["closed_trades"] == 1


def test_supersession_follows_file_date_not_directory_order(logs: Path) -> None:
    # the later file is written first, so directory order cannot be what decides
    write_log(logs, "2026-03-03", trade("S1", outcome="win", net="4", exit="2026-03-03T09:00:00Z"))
    write_log(logs, "2026-03-02", trade("S1", outcome="open", exit=None))
    ledger = ledger_of(logs)
    assert [t.where for t in ledger.closed] == ["2026-03-03.jsonl:1"]
    assert ledger.open == ()
    assert ledger.reopened == ()
    assert ledger.files == ("2026-03-02.jsonl", "2026-03-03.jsonl")


def test_closed_then_corrected_closed_later_line_wins(logs: Path, make_tracker: MakeTracker) -> None:
    write_log(logs, DAY,
              trade("K", outcome="win", net="10"),
              trade("K", outcome="win", net="12.5", commission="0.5"),
              trade("M", outcome="loss", net="-1", entry="2026-03-02T16:00:00Z",
                    exit="2026-03-02T16:30:00Z"))
    ledger = ledger_of(logs)
    assert [(t.record.order_id, t.line, t.record.net) for t in ledger.closed] == [
        ("K", 2, Decimal("12.5")), ("M", 3, Decimal("-1"))]
    assert [t.line for t in ledger.superseded] == [1]
    assert ledger.duplicates == ()

    summary = make_tracker().get_summary("daily", on=date(2026, 3, 2))
    assert summary.metrics.values["closed_trades"] == 2
    assert summary.metrics.values["net_profit_loss"] == Decimal("11.5")
    assert summary.data_quality.superseded == 1
    assert summary.data_quality.valid_lines == 3


def test_correction_in_next_file_wins(logs: Path) -> None:
    write_log(logs, "2026-03-02", trade("K", outcome="win", net="10"))
    write_log(logs, "2026-03-03", trade("K", outcome="loss", net="-2"))
    ledger = ledger_of(logs)
    assert [(t.where, t.record.outcome) for t in ledger.closed] == [("2026-03-03.jsonl:1", "loss")]
    assert [t.where for t in ledger.superseded] == ["2026-03-02.jsonl:1"]


def test_open_line_after_its_close_is_ignored_and_reported(logs: Path, make_tracker: MakeTracker) -> None:
    write_log(logs, DAY,
              trade("R", outcome="win", net="9"),
              trade("R", outcome="open", exit=None, entry="2026-03-02T14:00:00Z"))
    write_log(logs, "2026-03-03", trade("R", outcome="open", exit=None, entry="2026-03-02T14:00:00Z",
                                        decision_reasoning="replayed"))
    ledger = ledger_of(logs)
    assert [t.where for t in ledger.closed] == [f"{FILE}:1"]
    assert ledger.open == ()
    assert [t.where for t in ledger.reopened] == [f"{FILE}:2", "2026-03-03.jsonl:1"]

    summary = make_tracker().get_summary("daily", on=date(2026, 3, 2))
    assert summary.metrics.values["closed_trades"] == 1
    assert summary.open_positions == ()
    quality = summary.data_quality
    assert quality.reopened == 2
    assert quality.reopened_examples == (
        f"{FILE}:2: open line for R after its close (ignored)",
        "2026-03-03.jsonl:1: open line for R after its close (ignored)",
    )


def test_open_trade_listed_as_open_position(logs: Path, make_tracker: MakeTracker) -> None:
    write_log(logs, DAY, trade("O", outcome="open", exit=None, entry="2026-03-02T14:00:00Z",
                               quantity="0.5", price="100.10"),
              trade("C", net="1"))
    summary = make_tracker().get_summary("daily", on=date(2026, 3, 2))
    (position,) = summary.open_positions
    assert position.order_id == "O"
    assert position.quantity == Decimal("0.5") and position.price == Decimal("100.10")
    assert position.source == f"{FILE}:1"
    assert position.age_seconds == 10 * 3600
    assert summary.metrics.values["closed_trades"] == 1


# --------------------------------------------------------------------------- bytes on disk


def test_utf8_bom_at_file_start_is_accepted(logs: Path) -> None:
    path = write_bytes(logs, DAY, b"\xef\xbb\xbf" + as_bytes(trade("A")), as_bytes(trade("B", net="2")))
    result = scan(path)
    assert result.bad_lines == ()
    assert [t.record.order_id for t in result.trades] == ["A", "B"]
    assert result.lines_read == 2


def test_bom_alone_on_first_line_is_a_blank_line(logs: Path) -> None:
    path = write_bytes(logs, DAY, b"\xef\xbb\xbf", as_bytes(trade("B")))
    result = scan(path)
    assert bad_strings(result) == [f"{FILE}:1: blank line"]
    assert [t.line for t in result.trades] == [2]


def test_crlf_line_ends_are_accepted(logs: Path) -> None:
    logs.mkdir()
    path = logs / FILE
    path.write_bytes(as_bytes(trade("A")) + b"\r\n" + as_bytes(trade("B", net="2")) + b"\r\n"
                     + b"\r\n")
    result = scan(path)
    assert [t.record.order_id for t in result.trades] == ["A", "B"]
    assert bad_strings(result) == [f"{FILE}:3: blank line"]
    assert result.lines_read == 3
    assert result.end_offset == path.stat().st_size


def test_bom_and_crlf_together(logs: Path) -> None:
    logs.mkdir()
    path = logs / FILE
    path.write_bytes(b"\xef\xbb\xbf" + as_bytes(trade("A")) + b"\r\n")
    result = scan(path)
    assert result.bad_lines == ()
    assert [t.record.order_id for t in result.trades] == ["A"]


def test_non_utf8_reason_names_byte_and_column(logs: Path, make_tracker: MakeTracker) -> None:
    good = as_bytes(trade("A", net="3"))
    raw = as_bytes(trade("B", decision_reasoning="cafX signal"))
    latin1 = raw.replace(b"cafX", b"caf\xe9")
    column = latin1.index(b"\xe9") + 1
    write_bytes(logs, DAY, good, latin1, b"\x80start")
    result = scan(logs / FILE)
    assert bad_strings(result) == [
        f"{FILE}:2: line is not valid UTF-8 (byte 0xe9 at column {column})",
        f"{FILE}:3: line is not valid UTF-8 (byte 0x80 at column 1)",
    ]
    assert column == raw.index(b"caf") + 4
    summary = make_tracker().get_summary("daily", on=date(2026, 3, 2))
    assert summary.metrics.values["closed_trades"] == 1
    assert summary.metrics.values["net_profit_loss"] == Decimal("3")
    assert summary.data_quality.bad_lines == 2


def test_empty_file(logs: Path, make_tracker: MakeTracker) -> None:
    logs.mkdir()
    path = logs / FILE
    path.write_bytes(b"")
    result = scan(path)
    assert result.trades == () and result.bad_lines == ()
    assert (result.lines_read, result.bytes_read, result.end_offset, result.torn_tail_bytes) == (0, 0, 0, 0)
    assert result.next_line_number == 1
    summary = make_tracker().get_summary("daily", on=date(2026, 3, 2))
    assert summary.data_quality.files_read == (FILE,)
    assert summary.data_quality.lines_read == 0
    assert summary.empty is not None and summary.empty.code == "no_lines"
    assert summary.trading_days == 1


def test_torn_last_line_is_not_counted_then_read_whole(logs: Path, make_tracker: MakeTracker) -> None:
    full = json.dumps(trade("T2", net="5", entry="2026-03-02T16:00:00Z", exit="2026-03-02T17:00:00Z"))
    head, rest = full[:40], full[40:]
    path = write_log(logs, DAY, trade("T1", net="10"), torn=head)
    complete_size = path.stat().st_size - len(head)

    first = scan(path)
    assert [t.record.order_id for t in first.trades] == ["T1"]
    assert first.bad_lines == ()
    assert first.lines_read == 1
    assert first.end_offset == complete_size
    assert first.bytes_read == complete_size
    assert first.torn_tail_bytes == len(head)
    assert first.next_line_number == 2

    # the bot is mid-write on the day itself
    during = make_tracker(clock=fixed_clock("2026-03-02T18:00:00Z"))
    summary = during.get_summary("daily", on=date(2026, 3, 2))
    assert summary.data_quality.lines_read == 1
    assert summary.data_quality.bad_lines == 0
    assert summary.metrics.values["closed_trades"] == 1
    assert summary.period.complete is False

    with path.open("a", encoding="utf-8") as handle:
        handle.write(rest + "\n")

    increment = scan(path, start_offset=first.end_offset, first_line_number=first.next_line_number)
    assert [(t.record.order_id, t.line) for t in increment.trades] == [("T2", 2)]
    assert increment.bad_lines == ()
    assert increment.lines_read == 1
    assert increment.end_offset == path.stat().st_size
    assert increment.torn_tail_bytes == 0

    again = make_tracker().get_summary("daily", on=date(2026, 3, 2))
    assert again.metrics.values["closed_trades"] == 2
    assert again.metrics.values["net_profit_loss"] == Decimal("15")
    assert again.data_quality.lines_read == 2


def test_file_with_only_a_torn_line(logs: Path) -> None:
    path = write_log(logs, DAY, torn='{"timestamp": "2026-03-02T1')
    result = scan(path)
    assert result.trades == () and result.bad_lines == ()
    assert result.lines_read == 0 and result.end_offset == 0
    assert result.torn_tail_bytes == path.stat().st_size


def test_read_lines_reports_offsets_and_numbers(logs: Path) -> None:
    path = write_bytes(logs, DAY, b"a", b"", b"bcd", tail=b"torn")
    batch = read_lines(path)
    assert [(line.number, line.offset, line.data) for line in batch.lines] == [
        (1, 0, b"a"), (2, 2, b""), (3, 3, b"bcd")]
    assert batch.end_offset == 7 and batch.next_line_number == 4 and batch.torn_tail_bytes == 4
    resumed = read_lines(path, start_offset=3, first_line_number=3)
    assert [(line.number, line.offset, line.data) for line in resumed.lines] == [(3, 3, b"bcd")]


def test_line_over_max_bytes_is_rejected_with_reason(logs: Path, make_tracker: MakeTracker) -> None:
    huge = json.dumps(trade("HUGE", decision_reasoning="x", padding="y" * (1536 * 1024)))
    assert len(huge) > MAX_LINE_BYTES
    path = write_log(logs, DAY, trade("A", net="1"), huge, trade("B", net="2"))
    batch = read_lines(path)
    assert [line.oversized for line in batch.lines] == [False, True, False]
    assert batch.lines[1].data == b""          # the line was not loaded
    assert batch.lines[2].offset == len(json.dumps(trade("A", net="1"))) + 1 + len(huge) + 1

    result = scan(path)
    assert bad_strings(result) == [f"{FILE}:2: line is longer than {MAX_LINE_BYTES} bytes (not read)"]
    assert [t.record.order_id for t in result.trades] == ["A", "B"]
    assert result.lines_read == 3
    assert result.end_offset == path.stat().st_size

    summary = make_tracker().get_summary("daily", on=date(2026, 3, 2))
    assert summary.metrics.values["closed_trades"] == 2
    assert summary.metrics.values["net_profit_loss"] == Decimal("3")
    assert summary.data_quality.bad_line_examples == (
        f"{FILE}:2: line is longer than {MAX_LINE_BYTES} bytes (not read)",)


def test_oversized_line_memory_is_bounded(logs: Path) -> None:
    line_size = 6 * MAX_LINE_BYTES
    logs.mkdir()
    path = logs / FILE
    with path.open("wb") as handle:
        handle.write(as_bytes(trade("A")) + b"\n")
        chunk = b"z" * MAX_LINE_BYTES
        for _ in range(line_size // MAX_LINE_BYTES):
            handle.write(chunk)
        handle.write(b"\n" + as_bytes(trade("B")) + b"\n")
    tracemalloc.start()
    try:
        result = scan(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [t.record.order_id for t in result.trades] == ["A", "B"]
    assert [bad.line for bad in result.bad_lines] == [2]
    assert peak < 4 * MAX_LINE_BYTES < line_size


def test_line_of_exactly_max_bytes_is_read(logs: Path) -> None:
    base = json.dumps(trade("EDGE", padding=""))
    exact = base.replace('"padding": ""', '"padding": "' + "p" * (MAX_LINE_BYTES - len(base)) + '"')
    assert len(exact.encode()) == MAX_LINE_BYTES
    over = exact.replace('"padding": "', '"padding": "q')
    path = write_log(logs, DAY, exact, over.replace("EDGE", "EDGF"))
    result = scan(path)
    assert [t.record.order_id for t in result.trades] == ["EDGE"]
    assert bad_strings(result) == [f"{FILE}:2: line is longer than {MAX_LINE_BYTES} bytes (not read)"]


# --------------------------------------------------------------------------- directory listing


def test_file_names_that_are_not_dates_are_skipped_with_reason(logs: Path, make_tracker: MakeTracker) -> None:
    write_log(logs, DAY, trade("A"))
    for name in ("notes.jsonl", "2026-02-30.jsonl", "2026-3-2.jsonl", "backup-2026-03-02.jsonl",
                 "2026-03-02.JSONL.jsonl", "9999-01-01.jsonl"):
        (logs / name).write_text("garbage\n")
    for ignored in ("2026-03-02.jsonl.bak", "README.md", "2026-03-03.json"):
        (logs / ignored).write_text("garbage\n")

    directory = list_day_files(logs)
    assert list(directory.files) == [date(2026, 3, 2)]
    assert directory.files[date(2026, 3, 2)].name == FILE
    assert directory.skipped == (
        SkippedEntry("2026-02-30.jsonl", "file name is not a valid calendar date"),
        SkippedEntry("2026-03-02.JSONL.jsonl", "file name is not a date (expected YYYY-MM-DD.jsonl)"),
        SkippedEntry("2026-3-2.jsonl", "file name is not a date (expected YYYY-MM-DD.jsonl)"),
        SkippedEntry("9999-01-01.jsonl", "file date is outside the years 1970-8999"),
        SkippedEntry("backup-2026-03-02.jsonl", "file name is not a date (expected YYYY-MM-DD.jsonl)"),
        SkippedEntry("notes.jsonl", "file name is not a date (expected YYYY-MM-DD.jsonl)"),
    )
    summary = make_tracker().get_summary("daily", on=date(2026, 3, 2))
    assert summary.data_quality.files_read == (FILE,)
    assert summary.data_quality.bad_lines == 0
    assert "notes.jsonl: file name is not a date (expected YYYY-MM-DD.jsonl)" in (
        summary.data_quality.files_skipped)


def test_non_ascii_digits_are_not_a_date(logs: Path) -> None:
    """``２０２６-03-02.jsonl`` (full-width digits) is not ``YYYY-MM-DD.jsonl``.

    Parsing it as 2026-03-02 would let it replace the real day file in the listing.
    """
    write_log(logs, DAY, trade("REAL"))
    (logs / "\uff12\uff10\uff12\uff16-03-02.jsonl").write_text("not the log\n", encoding="utf-8")
    directory = list_day_files(logs)
    assert directory.files[date(2026, 3, 2)].path == logs / FILE
    assert [entry.name for entry in directory.skipped] == ["\uff12\uff10\uff12\uff16-03-02.jsonl"]


def test_directory_named_like_a_log_file_is_skipped(logs: Path, make_tracker: MakeTracker) -> None:
    write_log(logs, DAY, trade("A"))
    (logs / "2026-03-03.jsonl").mkdir()
    directory = list_day_files(logs)
    assert list(directory.files) == [date(2026, 3, 2)]
    assert directory.skipped == (SkippedEntry("2026-03-03.jsonl", "not a regular file"),)
    summary = make_tracker().get_summary("daily", on=date(2026, 3, 2))
    assert summary.data_quality.files_read == (FILE,)
    assert summary.data_quality.files_skipped == ("2026-03-03.jsonl: not a regular file",)
    assert summary.metrics.values["closed_trades"] == 1


def test_symlink_outside_logs_dir_is_skipped_unless_allowed(tmp_path: Path, logs: Path,
                                                            make_tracker: MakeTracker) -> None:
    write_log(logs, DAY, trade("A", net="1"))
    outside = tmp_path / "elsewhere"
    write_log(outside, "2026-03-03", trade("EXT", net="100", exit="2026-03-02T18:00:00Z"))
    (logs / "2026-03-03.jsonl").symlink_to(outside / "2026-03-03.jsonl")

    directory = list_day_files(logs)
    assert list(directory.files) == [date(2026, 3, 2)]
    assert directory.skipped == (
        SkippedEntry("2026-03-03.jsonl", "symlink points outside the logs directory (not followed)"),)
    summary = make_tracker().get_summary("daily", on=date(2026, 3, 2))
    assert summary.metrics.values["closed_trades"] == 1
    assert summary.data_quality.files_read == (FILE,)
    assert summary.data_quality.files_skipped == (
        "2026-03-03.jsonl: symlink points outside the logs directory (not followed)",)

    allowed = list_day_files(logs, follow_external_symlinks=True)
    assert sorted(allowed.files) == [date(2026, 3, 2), date(2026, 3, 3)]
    assert allowed.skipped == ()
    ledger = read_ledger(allowed.between(date.min, date.max))
    assert [t.record.order_id for t in ledger.closed] == ["A", "EXT"]

    followed = make_tracker(follow_external_symlinks=True).get_summary("daily", on=date(2026, 3, 2))
    assert followed.metrics.values["closed_trades"] == 2
    assert followed.metrics.values["net_profit_loss"] == Decimal("101")
    assert followed.data_quality.files_read == (FILE, "2026-03-03.jsonl")


def test_symlink_inside_logs_dir_is_followed(logs: Path) -> None:
    archive = logs / "archive"
    archive.mkdir(parents=True)
    (archive / "day-two.txt").write_text(json.dumps(trade("IN", net="4")) + "\n")
    (logs / FILE).symlink_to(Path("archive") / "day-two.txt")   # relative target
    write_log(logs, "2026-03-03", trade("NEXT", net="1", exit="2026-03-03T10:00:00Z"))

    directory = list_day_files(logs)
    assert sorted(directory.files) == [date(2026, 3, 2), date(2026, 3, 3)]
    assert directory.skipped == ()
    ledger = read_ledger(directory.between(date.min, date.max))
    assert [t.where for t in ledger.closed] == [f"{FILE}:1", "2026-03-03.jsonl:1"]


def test_symlink_inside_to_a_directory_or_nowhere_is_skipped(logs: Path) -> None:
    (logs / "sub").mkdir(parents=True)
    (logs / "2026-03-04.jsonl").symlink_to(logs / "sub")
    (logs / "2026-03-05.jsonl").symlink_to(logs / "missing.jsonl")
    directory = list_day_files(logs)
    assert directory.files == {}
    assert directory.skipped == (
        SkippedEntry("2026-03-04.jsonl", "symlink does not point to a regular file"),
        SkippedEntry("2026-03-05.jsonl", "symlink does not point to a regular file"),
    )


# --------------------------------------------------------------------------- misplaced lines


def test_misplaced_lines_are_valid_counted_and_reported(logs: Path, make_tracker: MakeTracker) -> None:
    write_log(logs, "2026-03-02",
              trade("ON_DAY", net="1"),
              trade("NEXT_DAY", net="2", entry="2026-03-03T10:00:00Z", exit="2026-03-03T11:00:00Z"),
              trade("FAR", net="4", entry="2026-03-05T10:00:00Z", exit="2026-03-05T11:00:00Z"),
              trade("EARLY", net="8", entry="2026-02-27T10:00:00Z", exit="2026-02-28T23:00:00Z"),
              trade("OPEN_FAR", outcome="open", exit=None, entry="2026-03-04T09:00:00Z"))
    ledger = ledger_of(logs)
    assert ledger.bad_lines == ()
    assert [t.record.order_id for t in ledger.misplaced] == ["EARLY", "FAR", "OPEN_FAR"]

    summary = make_tracker().get_summary("range", date(2026, 2, 28), date(2026, 3, 6))
    values = summary.metrics.values
    assert values["closed_trades"] == 4
    assert values["net_profit_loss"] == Decimal("15")
    quality = summary.data_quality
    assert quality.bad_lines == 0
    assert quality.misplaced == 3
    assert quality.misplaced_examples == (
        "2026-03-02.jsonl:4: event on 2026-02-28 is more than a day from the file's date",
        "2026-03-02.jsonl:3: event on 2026-03-05 is more than a day from the file's date",
        "2026-03-02.jsonl:5: event on 2026-03-04 is more than a day from the file's date",
    )


# --------------------------------------------------------------------------- which files a window opens


def test_tracker_opens_only_window_files_plus_margin(logs: Path, make_tracker: MakeTracker) -> None:
    for day in ("2026-02-20", "2026-03-01", "2026-03-02", "2026-03-03", "2026-03-20"):
        write_log(logs, day, trade(f"T{day}", entry=f"{day}T10:00:00Z", exit=f"{day}T11:00:00Z"))
    # far-away files full of garbage: reading them would show up as bad lines
    write_log(logs, "2026-02-20", "{garbage")
    write_log(logs, "2026-03-20", "{garbage")
    summary = make_tracker().get_summary("daily", on=date(2026, 3, 2))
    quality = summary.data_quality
    assert "2026-02-20.jsonl" not in quality.files_read
    assert "2026-03-20.jsonl" not in quality.files_read
    assert quality.files_read == ("2026-03-01.jsonl", "2026-03-02.jsonl", "2026-03-03.jsonl")
    assert quality.bad_lines == 0
    assert summary.metrics.values["closed_trades"] == 1


def test_utc_daily_window_does_not_open_the_file_two_days_later(logs: Path, make_tracker: MakeTracker) -> None:
    """UTC window 2026-03-02: events are on UTC date 03-02, so files 03-01..03-03 suffice.

    README: "only the day files that can hold the window's trades, i.e. the window's dates plus
    one day each side".  2026-03-04.jsonl cannot hold a trade of 2026-03-02 (UTC).
    """
    for day in ("2026-03-01", "2026-03-02", "2026-03-03"):
        write_log(logs, day, trade(f"T{day}", entry=f"{day}T10:00:00Z", exit=f"{day}T11:00:00Z"))
    write_log(logs, "2026-03-04", "{garbage")
    summary = make_tracker().get_summary("daily", on=date(2026, 3, 2))
    assert summary.data_quality.files_read == (
        "2026-03-01.jsonl", "2026-03-02.jsonl", "2026-03-03.jsonl")
    assert summary.data_quality.bad_lines == 0


def test_new_york_window_opens_utc_dates_it_spans_plus_margin(logs: Path, make_tracker: MakeTracker) -> None:
    for day in ("2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02", "2026-03-03",
                "2026-03-04", "2026-03-05"):
        write_log(logs, day, trade(f"T{day}", entry=f"{day}T10:00:00Z", exit=f"{day}T11:00:00Z"))
    # a trade realized 2026-03-03T02:00Z is still 2026-03-02 in New York (UTC-5)
    write_log(logs, "2026-03-03", trade("LATE", entry="2026-03-03T01:00:00Z",
                                        exit="2026-03-03T02:00:00Z", net="7"))
    summary = make_tracker(timezone="America/New_York").get_summary("daily", on=date(2026, 3, 2))
    assert summary.data_quality.files_read == (
        "2026-03-01.jsonl", "2026-03-02.jsonl", "2026-03-03.jsonl", "2026-03-04.jsonl")
    assert sorted(t.order_id for t in summary.aggregate.tail) == ["LATE", "T2026-03-02"]
