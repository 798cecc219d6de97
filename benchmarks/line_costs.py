"""What one trade line costs each step of a cold cache build, against issue 15's budget.

Issue 15 asks a cold rebuild for 0.33x the records/s of a plain stdlib ``json`` fold (count,
wins, a Decimal sum).  This prints, for one day file (by default one generated day of 2,000
trades), the CPU time per line of every step the cache's build does for each line
(best of REPEAT passes over the file, in this process, collector paused as the workers pause
it), the SQLite insert of the rows into a fresh cache, and the fold baseline over the same
file; then the CPU a line may cost for the target on this machine's cores, assuming every
core busy all the time and nothing else (no process start, no transfer, no serial tail).

Usage: ``python benchmarks/line_costs.py [--file DAY.jsonl | --upstream] [--repeat N]
[--target 0.33]``.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import importlib.util
import json
import marshal
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from operator import attrgetter
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

from trading_bot.performance.cache.codec import line_row
from trading_bot.performance.cache.store import CacheStore
from trading_bot.performance.core.aggregate import fold
from trading_bot.performance.core.records import TradeRecord, trade_from_json
from trading_bot.performance.core.templates import reason_template
from trading_bot.performance.core.timestamps import resolve_timezone
from trading_bot.performance.ingest.closed_trades import closed_trade
from trading_bot.performance.ingest.logfiles import DayFile, read_lines
from trading_bot.performance.ingest.reader import decode_line, exact_decode, scan_file

DATA = Path(__file__).resolve().parent / "data"
Result = TypeVar("Result")


def default_file(upstream: bool) -> Path:
    """One day of 2,000 trades from the sample generator, as cache_benchmark generates its sets
    (kept under ``benchmarks/data/line-costs``)."""
    logs = DATA / ("line-costs-upstream" if upstream else "line-costs") / "logs"
    if not logs.is_dir() or not any(logs.glob("*.jsonl")):
        subprocess.run([sys.executable, "-m", "trading_bot.performance.tools.sample",
                        "--out", str(logs), "--start", "2026-10-01", "--days", "1",
                        "--trades-per-day", "2000", "--weekend-trades-per-day", "2000",
                        "--seed", "11", "--no-defects", *(["--upstream"] if upstream else [])],
                       check=True, stdout=subprocess.DEVNULL)
    return max(logs.glob("*.jsonl"))


def per_line(repeat: int, lines: int, step: Callable[[], Result],
             before: Callable[[], None] | None = None) -> tuple[float, Result]:
    """Best CPU microseconds per line of ``step`` over ``repeat`` passes, and its result;
    ``before`` (untimed) runs ahead of each pass."""
    best = float("inf")
    result: Any = None
    for _ in range(repeat):
        if before is not None:
            before()
        began = time.process_time()
        result = step()
        best = min(best, time.process_time() - began)
    return best / lines * 1e6, result


def insert_cost(rows: list[tuple[Any, ...]], repeat: int) -> float:
    """CPU microseconds per row of inserting ``rows`` into a fresh cache (all its indexes)."""
    best = float("inf")
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="line-costs-") as scratch:
            store = CacheStore.open(Path(scratch) / "cache.sqlite3")
            try:
                began = time.process_time()
                with store.write():
                    store.insert_lines(rows)
                best = min(best, time.process_time() - began)
            finally:
                store.close()
    return best / len(rows) * 1e6


def cache_benchmark() -> ModuleType:
    """``cache_benchmark.py`` beside this file: its json fold is the baseline, defined once."""
    spec = importlib.util.spec_from_file_location(
        "cache_benchmark", Path(__file__).with_name("cache_benchmark.py"))
    if spec is None or spec.loader is None:
        raise ImportError("benchmarks/cache_benchmark.py is missing")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, help="a day file (default: generated)")
    parser.add_argument("--upstream", action="store_true",
                        help="generate free-text (upstream-style) lines for the default file")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--target", type=float, default=0.33,
                        help="the cold build's records/s as a fraction of the json fold's")
    args = parser.parse_args()
    path: Path = args.file or default_file(args.upstream)
    repeat: int = args.repeat
    day_file = DayFile(path, date.fromisoformat(path.stem))
    zone = resolve_timezone("UTC")
    gc.disable()   # as the workers parse (indexing.parse_file)

    raw = read_lines(path).lines
    count = len(raw)
    data = [line.data for line in raw]
    rows: list[tuple[str, float, str]] = []

    def step(label: str, cost: float, note: str = "") -> None:
        rows.append((label, cost, note))

    cost, _ = per_line(repeat, count, lambda: read_lines(path))
    step("read the lines (and checksum the file)", cost)
    cost, decoded = per_line(repeat, count, lambda: [decode_line(line) for line in data])
    step("decode (orjson where provably exact)", cost)
    cost, _ = per_line(repeat, count, lambda: [exact_decode(line) for line in data])
    step("  for comparison: the exact stdlib decoder", cost, "not part of the sum")
    cost, _ = per_line(repeat, count, lambda: [hashlib.blake2b(line.strip(), digest_size=16)
                                               .digest() for line in data])
    step("hash the line (duplicate detection)", cost)
    cost, records = per_line(repeat, count, lambda: [trade_from_json(obj) for obj in decoded])
    names = [field.name for field in fields(TradeRecord)]
    arguments = [[getattr(record, name) for name in names] for record in records]
    built, _ = per_line(repeat, count, lambda: [TradeRecord(*values) for values in arguments])
    step("validate (without building the TradeRecord)", cost - built)
    step("build the TradeRecord value", built)
    scanned = scan_file(day_file)
    logged = list(scanned.trades)
    # A build meets each free-text reason once: its template is computed, never remembered.
    cost, trades = per_line(repeat, count, lambda: [
        closed_trade(entry, zone, ()) if entry.record.is_closed else None for entry in logged],
        before=reason_template.cache_clear)
    step("closed-trade values (keys, R, planned R:R, day)", cost)
    cost, stored = per_line(repeat, count, lambda: [
        line_row(entry, trade) for entry, trade in zip(logged, trades, strict=True)])
    step("the row for the store", cost)
    closed = sorted((trade for trade in trades if trade is not None), key=attrgetter("key"))
    cost, _ = per_line(repeat, count, lambda: fold(closed, tail_size=0))
    step("fold into the day aggregate", cost)
    step("SQLite insert of the rows (every index)", insert_cost(stored, repeat))
    cost, _ = per_line(repeat, count, lambda: marshal.loads(marshal.dumps(stored)))
    step("  moving rows between processes (marshal both ways)", cost, "not part of the sum")
    fold_files = cache_benchmark().fold_files
    baseline, _ = per_line(repeat, count, lambda: fold_files([path], json.loads))

    print(f"{path} ({count:,} lines), CPU microseconds per line, best of {repeat}")
    print(f"{'step':<56}{'us/line':>9}  notes")
    total = 0.0
    for label, cost, note in rows:
        print(f"{label:<56}{cost:>9.2f}  {note}")
        if not note:
            total += cost
    cores = os.cpu_count() or 1
    budget = baseline / args.target * cores
    print(f"{'sum of the steps':<56}{total:>9.2f}")
    print(f"{'stdlib json fold (the baseline)':<56}{baseline:>9.2f}")
    print(f"\nbudget for {args.target}x the fold on {cores} core(s), with every core busy and "
          f"no other cost: {budget:.2f} us of CPU per line; the steps alone take "
          f"{total / budget:.2f}x that")
    return 0


if __name__ == "__main__":
    sys.exit(main())
