"""Per-trade rows read only the fields they show (``plain_logged_row``) and read each day file
once: the rows must equal those built from the fully validated record of a whole-file scan."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.ingest.closed_trades import closed_trade
from trading_bot.performance.ingest.logfiles import DayFile, list_day_files
from trading_bot.performance.ingest.reader import decode_line, scan_file
from trading_bot.performance.ingest.trade_rows import (
    TradeRowSource,
    logged_row,
    plain_logged_row,
)

from ..conftest import fixed_clock, trade

#: Valid closed lines in the shapes a bot writes (text or number money, offsets or none).
VARIANTS: list[dict[str, Any]] = [
    trade("P1"),
    trade("P2", net="-3.50", outcome="loss", quantity="0.072", price="63468.80"),
    trade("P3", profit_loss=None, net_profit_loss="4.25", commission="0.75"),
    trade("P4", quantity=5, price=120),                          # integers
    trade("P5", entry="2026-03-02T09:00:00-05:00", exit="2026-03-02T16:30:00.250+01:00"),
    trade("P6", entry="2026-03-02T14:00:00", exit=None),         # no offset; exit = entry
    trade("P7", exit_reasoning="=cmd|' /C calc'!A0", entry_type=None, account_id=None),
    trade("P8", action="SELL", outcome="breakeven", net="0", symbol="BTC/USD"),
    trade("P9", strategy=" padded "),
    trade("P10", commission=1, hold_duration_seconds=3600, net="9"),
    trade("P11", exit_reasoning="x" * 4096, confidence="low"),   # longest text, an extra
]


def _numbers_line(order_id: str) -> str:
    """Money as JSON numbers: the decoder makes them Decimals from the line's digits."""
    text = json.dumps(trade(order_id, quantity="Q", price="P", net="N"))
    return (text.replace('"quantity": "Q"', '"quantity": 2.50')
            .replace('"price": "P"', '"price": 101.10')
            .replace('"profit_loss": "N"', '"profit_loss": -1.20')
            .replace('"net_profit_loss": "N"', '"net_profit_loss": -1.20'))


def _write(logs: Path) -> Path:
    logs.mkdir(parents=True)
    path = logs / "2026-03-02.jsonl"
    lines = [json.dumps(line) for line in VARIANTS] + [_numbers_line("P12")]
    # A byte-order mark before the first line and CRLF line ends: read as a scan reads them.
    path.write_bytes(b"\xef\xbb\xbf" + b"\r\n".join(line.encode() for line in lines) + b"\r\n")
    return path


def test_plain_rows_equal_rows_of_validated_records(logs: Path) -> None:
    path = _write(logs)
    scan = scan_file(DayFile(path, date(2026, 3, 2)))
    assert not scan.bad_lines
    directory = list_day_files(logs)
    source = TradeRowSource(directory, datetime(2026, 6, 1, tzinfo=UTC))
    plain_taken = 0
    for logged in scan.trades:
        closed = closed_trade(logged, UTC)
        expected = logged_row(logged, closed)
        assert source.row(closed) == expected, logged.where
        raw = path.read_bytes().split(b"\n")[logged.line - 1].removesuffix(b"\r")
        obj = decode_line(raw.removeprefix(b"\xef\xbb\xbf"))
        assert isinstance(obj, dict)
        plain = plain_logged_row(obj, logged.where, closed)
        if plain is not None:
            plain_taken += 1
            assert plain == expected, logged.where
    assert plain_taken == len(scan.trades)   # every common shape takes the plain path


@pytest.mark.parametrize("cached", [True, False])
def test_rows_through_the_tracker_match_the_validated_records(logs: Path, tmp_path: Path,
                                                             cached: bool) -> None:
    path = _write(logs)
    tracker = PerformanceTracker(logs, clock=fixed_clock(), cache=cached,
                                 cache_dir=tmp_path / "cache")
    rows = list(tracker.trade_rows("daily", on="2026-03-02"))
    scan = scan_file(DayFile(path, date(2026, 3, 2)))
    by_source = {logged.where: logged for logged in scan.trades}
    assert len(rows) == len(VARIANTS) + 1
    for row in rows:
        logged = by_source[row.source]
        assert row.order_id == logged.record.order_id
        assert row.entry_at == logged.record.timestamp
        assert row.exit_at == logged.record.realized_at
        assert row.quantity == logged.record.quantity
        assert str(row.quantity) == str(logged.record.quantity)   # exponent kept too
        assert row.gross == (logged.record.profit_loss
                             if logged.record.profit_loss is not None
                             else row.net + row.commission)
    assert {row.quantity for row in rows} >= {Decimal("2.50"), Decimal("5")}


def test_a_line_changed_to_another_trade_is_not_shown_as_the_old_one(logs: Path) -> None:
    path = _write(logs)
    scan = scan_file(DayFile(path, date(2026, 3, 2)))
    closed = closed_trade(scan.trades[0], UTC)
    # The first line becomes an open entry: its row can no longer be read from the log.
    path.write_text(json.dumps(trade("P1", outcome="open")) + "\n", encoding="utf-8")
    source = TradeRowSource(list_day_files(logs), datetime(2026, 6, 1, tzinfo=UTC))
    with pytest.raises(Exception, match="changed while the per-trade rows were written"):
        source.row(closed)


def test_listed_day_files_equal_made_ones(logs: Path) -> None:
    path = _write(logs)
    listed = list_day_files(logs).files[date(2026, 3, 2)]
    made = DayFile(path, date(2026, 3, 2))
    assert listed == made and hash(listed) == hash(made)
    assert listed.path == path and listed.name == path.name == made.name
    assert listed.fspath == str(path)
