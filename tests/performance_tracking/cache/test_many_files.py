"""The cache's write side at scale (issue 15): many small day files, size per file, transport.

What is checked here cannot be seen in a timing test on a shared machine, so each property is
pinned by something deterministic: SQLite's own count of virtual-machine steps for the work that
used to grow with history, the bytes stored for a one-trade day, and answers equal to the
uncached path and to a cache built from scratch.
"""

from __future__ import annotations

import json
import marshal
import os
import sqlite3
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.cache import indexing
from trading_bot.performance.cache.codec import (
    SAME_AS_CORE,
    aggregate_from_json,
    aggregate_parts_from_json,
    aggregate_to_json,
)
from trading_bot.performance.cache.indexing import IndexConfig, ParseTask, refresh
from trading_bot.performance.cache.store import CacheStore
from trading_bot.performance.core.aggregate import fold
from trading_bot.performance.core.timestamps import resolve_timezone
from trading_bot.performance.ingest.closed_trades import closed_trade
from trading_bot.performance.ingest.logfiles import DayFile, list_day_files
from trading_bot.performance.ingest.reader import scan_file

from ..conftest import fixed_clock, trade

NOW = "2027-06-01T00:00:00Z"
FIRST_DAY = date(2025, 10, 20)   # the files span both 2025 DST changes of America/New_York


def one_trade_line(number: int, day: date, *, net: str | None = None, hour: int = 3,
                   order_id: str | None = None) -> dict[str, Any]:
    entry = datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)
    exit_ = entry + timedelta(minutes=30 + number % 17)
    value = net if net is not None else f"{(number * 37) % 41 - 20}.{number % 100:02d}"
    outcome = "win" if Decimal(value) > 0 else "loss" if Decimal(value) < 0 else "breakeven"
    return trade(order_id or f"N-{number}", entry=entry.isoformat().replace("+00:00", "Z"),
                 exit=exit_.isoformat().replace("+00:00", "Z"), outcome=outcome, net=value,
                 strategy=("alpha", "beta", "gamma")[number % 3],
                 symbol=("AAPL", "MSFT", "BTC-USD")[number % 3 - 1])


def write_one_trade_files(logs: Path, count: int, first: date = FIRST_DAY) -> list[Path]:
    logs.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        day = first + timedelta(days=number)
        path = logs / f"{day.isoformat()}.jsonl"
        path.write_text(json.dumps(one_trade_line(number, day)) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def append_line(path: Path, line: dict[str, Any]) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line) + "\n")


def stable(summary: Any) -> dict[str, Any]:
    document: dict[str, Any] = summary.to_dict()
    document.pop("generated_at")
    return document


WINDOWS: list[tuple[str, dict[str, Any]]] = [
    ("daily", {"on": date(2025, 11, 2)}),            # 25 hours in New York
    ("daily", {"on": date(2026, 3, 8)}),             # 23 hours
    ("weekly", {"on": date(2025, 11, 3)}),
    ("monthly", {"on": date(2026, 1, 15)}),
    ("range", {"start_date": date(2025, 10, 1), "end_date": date(2026, 6, 30)}),
    ("rolling", {"on": date(2026, 5, 1), "trades": 50}),
]


def assert_cached_equals_fresh_and_uncached(logs: Path, cache: Path, zone: str,
                                            tmp_path: Path, tag: str) -> None:
    cached = PerformanceTracker(logs, timezone=zone, clock=fixed_clock(NOW), cache_dir=cache)
    fresh = PerformanceTracker(logs, timezone=zone, clock=fixed_clock(NOW),
                               cache_dir=tmp_path / f"fresh-{tag}")
    plain = PerformanceTracker(logs, timezone=zone, clock=fixed_clock(NOW), cache=False)
    for window, arguments in WINDOWS:
        got = cached.get_summary(window, **arguments)
        assert stable(got) == stable(fresh.get_summary(window, **arguments)), (window, arguments)
        want = plain.get_summary(window, **arguments).to_dict()
        document = got.to_dict()
        for key in ("metrics", "daily", "breakdowns", "drawdown", "streaks", "largest_win",
                    "largest_loss"):
            if key == "metrics":
                assert {k: v for k, v in document[key].items() if k != "open_trades"} == {
                    k: v for k, v in want[key].items() if k != "open_trades"}, (window, key)
            else:
                assert document[key] == want[key], (window, key)


@pytest.mark.parametrize("zone", ["UTC", "America/New_York"])
def test_many_one_trade_files_cached_equals_uncached_through_changes(
        tmp_path: Path, zone: str) -> None:
    logs = tmp_path / "logs"
    paths = write_one_trade_files(logs, 260)
    cache = tmp_path / "cache"
    assert_cached_equals_fresh_and_uncached(logs, cache, zone, tmp_path, "cold")
    # A correction superseding a trade of the day before, late trades on both DST days, a
    # rewritten file and a deleted one: each refresh touches a few files among many.
    append_line(paths[14], one_trade_line(13, FIRST_DAY + timedelta(days=13), net="99.00"))
    append_line(paths[13], one_trade_line(9000, FIRST_DAY + timedelta(days=13), hour=23))
    append_line(paths[139], one_trade_line(9001, date(2026, 3, 8), hour=6))
    paths[200].write_text(json.dumps(one_trade_line(9002, FIRST_DAY + timedelta(days=200)))
                          + "\n", encoding="utf-8")
    paths[201].unlink()
    assert_cached_equals_fresh_and_uncached(logs, cache, zone, tmp_path, "changed")


def vm_steps_of_refresh(logs: Path, database: Path, config: IndexConfig) -> int:
    """SQLite virtual-machine instructions a refresh executes (counted in hundreds)."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    with CacheStore.open(database) as store:
        store.connection.set_progress_handler(count, 100)
        refresh(store, list_day_files(logs), config, max_workers=1)
        store.connection.set_progress_handler(None, 100)
    return steps


def test_indexing_many_files_costs_the_database_linear_work(tmp_path: Path) -> None:
    """Dropping a refreshed day's aggregates scanned every earlier day and every batch re-read
    every file's state: a first run over N files did O(N^2) database work (25 s at 4,000 files,
    more than 13 minutes at 20,000).  Four times the files must cost about four times the
    steps."""
    config = IndexConfig("America/New_York")
    small, large = tmp_path / "small", tmp_path / "large"
    write_one_trade_files(small, 150)
    write_one_trade_files(large, 600)
    small_steps = vm_steps_of_refresh(small, tmp_path / "s" / "cache.sqlite3", config)
    large_steps = vm_steps_of_refresh(large, tmp_path / "l" / "cache.sqlite3", config)
    assert large_steps <= 5 * small_steps, (small_steps, large_steps)
    # And a warm run with one new file among 600 costs little more than among 150.
    for logs in (small, large):
        newest = max(logs.glob("*.jsonl"))
        day = date.fromisoformat(newest.stem) + timedelta(days=1)
        (logs / f"{day.isoformat()}.jsonl").write_text(
            json.dumps(one_trade_line(7777, day)) + "\n", encoding="utf-8")
    small_again = vm_steps_of_refresh(small, tmp_path / "s" / "cache.sqlite3", config)
    large_again = vm_steps_of_refresh(large, tmp_path / "l" / "cache.sqlite3", config)
    assert large_again <= 2 * small_again + 50, (small_again, large_again)


def test_a_one_trade_day_is_stored_in_proportion_to_its_content(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    write_one_trade_files(logs, 200)
    database = tmp_path / "cache" / "cache.sqlite3"
    with CacheStore.open(database) as store:
        refresh(store, list_day_files(logs), IndexConfig("UTC"), max_workers=1)
    content = sum(path.stat().st_size for path in logs.glob("*.jsonl"))
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        longest, config = connection.execute(
            "SELECT max(length(data)), max(length(config)) FROM day_aggregates").fetchone()
    finally:
        connection.close()
    assert longest < 1000       # 2,475 bytes when every breakdown row spelled its counts out
    assert config <= 24         # the configuration's digest, not its 170-byte spelling
    stored = database.stat().st_size
    assert stored < 4 * content, (stored, content)   # was about 7x (5 KB a one-line file)


def closed_trades_of(lines: list[dict[str, Any]], tmp_path: Path) -> list[Any]:
    path = tmp_path / "2026-03-02.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    scan = scan_file(DayFile(path, date(2026, 3, 2)))
    zone = resolve_timezone("UTC")
    trades = [closed_trade(logged, zone) for logged in scan.trades if logged.record.is_closed]
    return sorted(trades, key=lambda item: item.key)


def test_rows_equal_to_the_core_are_stored_as_a_reference_and_read_back_exactly(
        tmp_path: Path) -> None:
    one = fold(closed_trades_of([trade("A", net="12.50")], tmp_path), tail_size=0)
    text = aggregate_to_json(one)
    document = json.loads(text)
    assert all(stats == SAME_AS_CORE for _, stats in document["days"])
    assert all(stats == SAME_AS_CORE for rows in document["breakdowns"].values()
               for _, stats in rows)
    assert aggregate_from_json(text) == one
    # Same value, different spelling: "10.0" and "10" are equal Decimals but are stored as
    # themselves, so a breakdown row that differs only in exponent is spelled out.
    two = fold(closed_trades_of([trade("A", net="10.0", strategy="alpha"),
                                 trade("B", net="-10", strategy="beta",
                                       entry="2026-03-02T16:00:00Z",
                                       exit="2026-03-02T17:00:00Z", outcome="loss")],
                                tmp_path), tail_size=0)
    decoded = aggregate_from_json(aggregate_to_json(two))
    assert decoded == two
    for dimension, rows in two.breakdown_stats.items():
        for value, stats in rows.items():
            assert str(decoded.breakdown_stats[dimension][value].net) == str(stats.net)
    # Each referenced row is a list of its own: merging sums rows in place.
    aggregate, days, breakdowns = aggregate_parts_from_json(aggregate_to_json(one))
    stored = [values for _, values in days] + [values for _, pairs in breakdowns
                                               for _, values in pairs]
    assert len(stored) > 10 and len({id(values) for values in stored}) == len(stored)
    assert aggregate.core == one.core


def test_a_stored_reference_of_the_wrong_type_is_refused(tmp_path: Path) -> None:
    one = fold(closed_trades_of([trade("A", net="12.50")], tmp_path), tail_size=0)
    document = json.loads(aggregate_to_json(one))
    document["days"][0][1] = False      # equal to 0 in Python, but not what the codec writes
    with pytest.raises((ValueError, TypeError)):
        aggregate_from_json(json.dumps(document))


def test_worker_results_travel_packed_and_unpack_to_the_serial_rows(tmp_path: Path) -> None:
    path = tmp_path / "2026-03-02.jsonl"
    lines = [trade(f"W{n}", net=f"{n - 3}.5", strategy="alpha" if n % 2 else "beta")
             for n in range(6)] + [trade("OPEN", outcome="open", net=None)]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines) + "oops\n",
                    encoding="utf-8")
    task = ParseTask(str(path), path.name, date(2026, 3, 2), 0, 1, "UTC", ())
    serial = indexing.parse_file(task)
    packed = indexing.parse_file_packed(task)
    assert packed.rows == [] and packed.packed_rows is not None
    assert marshal.loads(packed.packed_rows) == serial.rows
    assert indexing._unpack(packed) == serial
    assert serial.bad_rows and serial.bad_rows[0][1] == len(lines) + 1


def test_workers_start_only_for_files_large_enough_to_repay_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each batch waits for its workers: many tiny files go faster in this process (20,000
    one-trade files: 22 s with two workers, 7.8 s without)."""
    monkeypatch.setattr(indexing, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(indexing, "PARALLEL_MIN_BYTES", 64 * 1024)   # 1 KiB a file on average
    tiny, large = tmp_path / "tiny", tmp_path / "large"
    write_one_trade_files(tiny, 120)                                  # about 0.7 KB each
    for number, path in enumerate(write_one_trade_files(large, 40)):  # about 7 KB each
        day = date.fromisoformat(path.stem)
        for extra in range(9):
            append_line(path, one_trade_line(1000 * number + extra + 1, day, hour=4 + extra))
    for logs, workers in ((tiny, 0), (large, 2 if (os.cpu_count() or 1) > 1 else 0)):
        assert sum(path.stat().st_size for path in logs.glob("*.jsonl")) >= 64 * 1024
        with CacheStore.open(tmp_path / logs.name / "cache.sqlite3") as store:
            stats = refresh(store, list_day_files(logs), IndexConfig("UTC"), max_workers=2)
        assert stats.workers == workers, logs.name
        assert stats.files_read == len(list(logs.glob("*.jsonl")))
