"""The cache's figures, in one run, each also given as a ratio to a plain json fold baseline.

Generates DAYS x TRADES lines with the seeded sample generator (every day full, no defects; kept
under benchmarks/data/ and reused on the next run with the same size), then measures, each in a
fresh ``python -m trading_bot.performance`` process:

* cold rebuild (``--rebuild-cache``): records/s, MB/s, peak RSS of the largest process;
* warm daily, weekly and monthly summaries (``--format json``, validated; best of REPEAT);
* refresh after appending 1,000 lines to the newest file, at DAYS and at 7 days of history;
* backfill of DAYS days (daily + weekly + monthly, ``--export``), first run and a second
  (idempotent) run;
* baselines over the same files in this process: a plain single-pass ``json`` fold computing
  count, wins and a Decimal sum, and the same fold with orjson (which the reader uses).

Then the same cold, warm and refresh rows on execution logs (``--executions`` of the sample
generator: the bot's own shape, every BUY and SELL an ``open`` line, DAYS x TRADES fills), whose
round trips the package pairs FIFO.  ``--kinds trades`` or ``--kinds executions`` runs one set.

``--kinds scale`` measures issue 15's write side, each row for this checkout and, with
``--compare PYTHON`` (another checkout's interpreter, e.g. ``/tmp/base/.venv/bin/python``), for
that one too, interleaved row by row and each with its own ``--cache-dir``: the first cached run
and the warm run over 2,000 and 20,000 one-trade day files; the refresh after appending 1,000
lines at DAYS and at 7 days of history, on benchmark and on free-text (upstream) logs; the cold
rebuild's records/s against the stdlib ``json`` fold (count, wins, Decimal net) over the same
files, with its peak RSS.  ``--data DIR`` keeps the data (and the appended lines) elsewhere
than ``benchmarks/data``.

``--kinds upstream`` measures issue 14's bounded answers: upstream-style logs (``--upstream`` of the
sample generator: free-text reasons with prices, about 5% of entries never closed) against tame
logs of the same size, every default answer (daily, rolling-20, monthly, the whole range; JSON and
text) with its size in bytes and lines and its peak RSS.

``--kinds wide`` measures issue 15's read side and issue 14's warm targets, per checkout
(``--compare`` as for scale): ``range 1970-01-01..8999-12-31`` over two day files against the
same files' two-day range, cached and ``--no-cache``, with peak RSS; then the warm monthly and
the warm whole-history range (a year at the default size) over DAYS x TRADES, fresh processes.

The package is byte-compiled first, as ``pip install`` leaves it: with ``PYTHONDONTWRITEBYTECODE``
set (some sandboxes set it) every fresh process would otherwise recompile ~40 modules from
source, about 70 ms that no installed copy pays.

    python benchmarks/cache_benchmark.py [--days 365] [--trades 2000] [--repeat 3]
                                         [--kinds trades,executions,upstream]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson

import trading_bot.performance
from trading_bot.performance.tools.sample import SampleSpec, generate

DATA = Path(__file__).resolve().parent / "data"
START = date(2025, 11, 1)


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float


NEUTRAL_CWD = DATA  # no config/dashboard-targets.yaml here: summaries only, no target evaluation


def run(logs: Path, *args: str, python: str | None = None, limit: float | None = None) -> Run:
    """One fresh process; wall time and the peak RSS of the largest process in its tree.

    The data is generated in another subprocess, so this process stays small: Linux carries a
    child's RSS high-water mark across fork+exec, and a large parent would inflate it.
    """
    command = [python or sys.executable, "-m", "trading_bot.performance", "--logs-dir", str(logs),
               *args]
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               cwd=NEUTRAL_CWD)
    timer = threading.Timer(limit, process.kill) if limit else None
    if timer is not None:
        timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    if timer is not None:
        timer.cancel()
        if os.waitstatus_to_exitcode(status) == -9:
            return Run(float("inf"), usage.ru_maxrss / 1024)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 2):
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr}")
    return Run(seconds, usage.ru_maxrss / 1024)


def best(logs: Path, repeat: int, *args: str, python: str | None = None) -> Run:
    runs = [run(logs, *args, python=python) for _ in range(repeat)]
    return min(runs, key=lambda item: item.seconds)


def dataset(days: int, trades: int, executions: bool = False,
            upstream: bool = False) -> tuple[Path, int, int]:
    """The logs for a size (generated once), their line count and bytes."""
    suffix = "-executions" if executions else "-upstream" if upstream else ""
    logs = DATA / f"{days}x{trades}{suffix}" / "logs"
    if not logs.is_dir() or not any(logs.glob("*.jsonl")):
        shutil.rmtree(logs.parent, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "trading_bot.performance.tools.sample",
                        "--out", str(logs),
                        "--start", START.isoformat(), "--days", str(days), "--trades-per-day",
                        str(trades), "--weekend-trades-per-day", str(trades), "--seed", "11",
                        "--no-defects", *(["--executions"] if executions else []),
                        *(["--upstream"] if upstream else [])],
                       check=True, stdout=subprocess.DEVNULL)
    files = sorted(logs.glob("*.jsonl"))
    lines = sum(path.read_bytes().count(b"\n") for path in files)
    return logs, lines, sum(path.stat().st_size for path in files)


def append_lines(logs: Path, count: int, tag: str, executions: bool = False) -> int:
    """Append ``count`` new closed trades, or executions (fresh order ids), to the newest file;
    how many lines were added."""
    newest = max(logs.glob("*.jsonl"))
    day = date.fromisoformat(newest.stem)
    spec = SampleSpec(day, 1, count, seed=hash(tag) % 1000, defects=False,
                      weekend_trades_per_day=count, executions=executions)
    lines = []
    for number, text in enumerate(generate(spec).get(day, [])[:count]):
        record = json.loads(text)
        record["order_id"] = f"{tag}-{number}"
        lines.append(json.dumps(record) + "\n")
    data = "".join(lines).encode()
    with open(newest, "ab") as handle:
        handle.write(data)
    return len(lines)


def precompile() -> str:
    """Byte-compile the package as installed; what the table header says about it."""
    package = Path(trading_bot.performance.__file__).resolve().parent
    compileall.compile_dir(package, quiet=1)
    flag = "set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "not set"
    return f"package byte-compiled in {package} (PYTHONDONTWRITEBYTECODE {flag})"


def baseline_fold(logs: Path, loads: Callable[[bytes], Any]) -> float:
    """Seconds for one pass: parse every line, count it, count wins, sum net P&L exactly."""
    return fold_files(sorted(logs.glob("*.jsonl")), loads)


def fold_files(paths: list[Path], loads: Callable[[bytes], Any]) -> float:
    """:func:`baseline_fold` over the given files (``line_costs.py`` folds one)."""
    began = time.perf_counter()
    count = wins = 0
    total = Decimal(0)
    for path in paths:
        with open(path, "rb") as handle:
            for line in handle:
                record = loads(line)
                count += 1
                if record.get("outcome") == "win":
                    wins += 1
                net = record.get("net_profit_loss")
                if net is not None:
                    total += Decimal(net)
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--trades", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--kinds", default="trades,executions",
                        help="comma-separated: trades (logged trades), executions (bot fills), "
                             "upstream (bounded answers), scale (many files, refresh, cold), "
                             "wide (any range costs its data; warm monthly and year range)")
    parser.add_argument("--compare", metavar="PYTHON",
                        help="scale rows: also measure the checkout this interpreter imports")
    parser.add_argument("--limit", type=float, default=900.0,
                        help="scale rows: stop a first cached run after this many seconds")
    parser.add_argument("--data", type=Path, default=DATA,
                        help="where the generated logs live (default benchmarks/data)")
    args = parser.parse_args()
    kinds = [kind for kind in args.kinds.split(",") if kind]
    _use_data(args.data.resolve())
    DATA.mkdir(parents=True, exist_ok=True)
    print(precompile())
    for kind in kinds:
        if kind == "trades":
            trades_table(args)
        elif kind == "executions":
            executions_table(args)
        elif kind == "upstream":
            upstream_table(args)
        elif kind == "scale":
            scale_table(args)
        elif kind == "wide":
            wide_table(args)
        else:
            raise SystemExit(f"unknown kind {kind!r}: trades, executions, upstream, scale or "
                             "wide")
    return 0


def print_table(rows: list[tuple[str, float, str]], baseline: float) -> None:
    print(f"\n{'measurement':<58} {'seconds':>9} {'x baseline':>11}  notes")
    for label, seconds, notes in rows:
        if label.startswith("  ratio"):
            print(f"{label:<58} {seconds:>9.2f} {'':>11}  {notes}")
        else:
            print(f"{label:<58} {seconds:>9.3f} {seconds / baseline:>11.2f}  {notes}")


def refresh_rows(args: argparse.Namespace, logs: Path, last: date, small_name: str,
                 executions: bool, prefix: str = "") -> list[tuple[str, float, str]]:
    """Refresh after appending 1,000 lines to the newest file, at DAYS and at 7 days."""
    rows = []
    refreshes = {}
    small_logs = DATA / small_name / "logs"
    if not small_logs.is_dir():
        small_logs.mkdir(parents=True)
        for path in sorted(logs.glob("*.jsonl"))[-7:]:
            shutil.copy2(path, small_logs / path.name)
    for label, directory in ((f"{args.days} days", logs), ("7 days", small_logs)):
        run(directory, "--window", "daily", "--date", last.isoformat(), "--format", "json")
        append_lines(directory, 1000, f"APPEND{time.time_ns()}", executions)
        refreshed = run(directory, "--window", "daily", "--date", last.isoformat(),
                        "--format", "json")
        refreshes[label] = refreshed.seconds
        rows.append((f"{prefix}refresh after +1,000 lines, {label} of history",
                     refreshed.seconds, ""))
    ratio = refreshes[f"{args.days} days"] / refreshes["7 days"]
    rows.append((f"  ratio {args.days}-day / 7-day refresh", ratio, "target <= 1.3"))
    return rows


def executions_table(args: argparse.Namespace) -> None:
    """Cold, warm and refresh rows on the bot's own execution logs, paired FIFO."""
    generated = time.perf_counter()
    logs, lines, size = dataset(args.days, args.trades, executions=True)
    print(f"\nexecution logs: {args.days} days x {args.trades} fills/day = {lines:,} lines, "
          f"{size / 1e6:,.0f} MB in {logs} (ready in {time.perf_counter() - generated:.0f} s)")
    last = date.fromisoformat(max(logs.glob("*.jsonl")).stem)
    baseline = baseline_fold(logs, json.loads)
    rows: list[tuple[str, float, str]] = [
        ("baseline: json fold (count, wins, Decimal sum)", baseline,
         f"{lines / baseline:,.0f} records/s")]
    cold = run(logs, "--rebuild-cache", "--window", "monthly", "--date", last.isoformat(),
               "--format", "json")
    rows.append(("executions: cold rebuild (parse, pair, month)", cold.seconds,
                 f"{lines / cold.seconds:,.0f} records/s, {size / 1e6 / cold.seconds:,.1f} MB/s, "
                 f"peak RSS {cold.peak_rss_mb:,.0f} MB"))
    for window in ("daily", "weekly", "monthly"):
        warm = best(logs, args.repeat, "--window", window, "--date", last.isoformat(),
                    "--format", "json")
        rows.append((f"executions: warm {window} (fresh process, json)", warm.seconds,
                     f"peak RSS {warm.peak_rss_mb:,.0f} MB"))
    rows += refresh_rows(args, logs, last, f"7x{args.trades}-executions", True, "executions: ")
    print_table(rows, baseline)


def answer(logs: Path, repeat: int, *args: str) -> tuple[Run, int, int]:
    """The best of ``repeat`` fresh runs, and the size of the answer (bytes, lines)."""
    best_run = best(logs, repeat, *args)
    command = [sys.executable, "-m", "trading_bot.performance", "--logs-dir", str(logs), *args]
    output = subprocess.run(command, capture_output=True, cwd=NEUTRAL_CWD, check=False).stdout
    return best_run, len(output), output.count(b"\n")


def upstream_table(args: argparse.Namespace) -> None:
    """Issue 14's targets: answers on upstream-style logs (free-text reasons with prices, about
    5% of entries never closed) against the same size of tame logs: every default JSON answer
    <= 1 MiB, every default text answer <= 300 lines, warm monthly <= 0.2 s and warm year range
    <= 0.5 s, free-text monthly <= 2x tame monthly, peak RSS of a warm answer <= 100 MB."""
    rows: list[tuple[str, float, str]] = []
    monthly: dict[str, float] = {}
    for name, upstream in (("tame", False), ("upstream", True)):
        generated = time.perf_counter()
        logs, lines, size = dataset(args.days, args.trades, upstream=upstream)
        print(f"{name} logs: {args.days} days x {args.trades} trades/day = {lines:,} lines, "
              f"{size / 1e6:,.0f} MB in {logs} (ready in {time.perf_counter() - generated:.0f} s)")
        last = date.fromisoformat(max(logs.glob("*.jsonl")).stem)
        first = date.fromisoformat(min(logs.glob("*.jsonl")).stem)
        cold = run(logs, "--rebuild-cache", "--window", "daily", "--date", last.isoformat(),
                   "--format", "json")
        rows.append((f"{name}: cold rebuild", cold.seconds, f"peak RSS {cold.peak_rss_mb:,.0f} MB"))
        windows = [("daily", ["--window", "daily"]), ("rolling-20", ["--window", "rolling"]),
                   ("monthly", ["--window", "monthly"]),
                   ("year range", ["--window", "range", "--start", first.isoformat(),
                                   "--end", last.isoformat()])]
        for label, window in windows:
            dated = [*window, *([] if label == "year range" else ["--date", last.isoformat()])]
            for fmt in ("json", "text"):
                warm, size_bytes, size_lines = answer(logs, args.repeat, *dated, "--format", fmt)
                if label == "monthly" and fmt == "json":
                    monthly[name] = warm.seconds
                rows.append((f"{name}: warm {label}, {fmt}", warm.seconds,
                             f"{size_bytes / 1024:,.0f} KiB, {size_lines:,} lines, "
                             f"peak RSS {warm.peak_rss_mb:,.0f} MB"))
    print_table(rows, rows[0][1])
    if len(monthly) == 2:
        print(f"\nwarm monthly json, upstream / tame: {monthly['upstream'] / monthly['tame']:.2f}x "
              "(target <= 2)")


def trades_table(args: argparse.Namespace) -> None:
    generated = time.perf_counter()
    logs, lines, size = dataset(args.days, args.trades)
    print(f"data: {args.days} days x {args.trades} trades/day = {lines:,} lines, "
          f"{size / 1e6:,.0f} MB in {logs} (ready in {time.perf_counter() - generated:.0f} s)")
    last = date.fromisoformat(max(logs.glob("*.jsonl")).stem)
    rows: list[tuple[str, float, str]] = []

    baseline = baseline_fold(logs, json.loads)
    rows.append(("baseline: json fold (count, wins, Decimal sum)", baseline,
                 f"{lines / baseline:,.0f} records/s"))
    fast = baseline_fold(logs, orjson.loads)
    rows.append(("baseline: orjson fold", fast, f"{lines / fast:,.0f} records/s"))

    cold = run(logs, "--rebuild-cache", "--window", "monthly", "--date", last.isoformat(),
               "--format", "json")
    rows.append(("cold rebuild (all files, all day aggregates)", cold.seconds,
                 f"{lines / cold.seconds:,.0f} records/s, {size / 1e6 / cold.seconds:,.1f} MB/s, "
                 f"peak RSS {cold.peak_rss_mb:,.0f} MB"))
    for window in ("daily", "weekly", "monthly"):
        warm = best(logs, args.repeat, "--window", window, "--date", last.isoformat(),
                    "--format", "json")
        rows.append((f"warm {window} (fresh process, --format json)", warm.seconds,
                     f"peak RSS {warm.peak_rss_mb:,.0f} MB"))
    warm_text = best(logs, args.repeat, "--window", "monthly", "--date", last.isoformat())
    rows.append(("warm monthly (fresh process, text + review)", warm_text.seconds, ""))
    targets = Path(__file__).resolve().parent / "benchmark-targets.yaml"
    alert_log = DATA / "benchmark-alerts.jsonl"
    warm_targets = best(logs, args.repeat, "--window", "monthly", "--date", last.isoformat(),
                        "--format", "json", "--targets", str(targets), "--alert-log",
                        str(alert_log))
    rows.append(("warm monthly, json, with targets and alerts (9 rules)", warm_targets.seconds,
                 "benchmarks/benchmark-targets.yaml: rules judged, alert state saved"))

    rows += refresh_rows(args, logs, last, f"7x{args.trades}", False)

    out_dir = DATA / f"{args.days}x{args.trades}" / "exports"
    shutil.rmtree(out_dir, ignore_errors=True)
    first = run(logs, "--backfill", str(args.days), "--date", last.isoformat(), "--export",
                "--output-dir", str(out_dir))
    rows.append((f"backfill {args.days} days (daily+weekly+monthly, --export)", first.seconds,
                 f"{first.seconds / cold.seconds:.2f}x cold rebuild (target <= 2), "
                 f"{len(list(out_dir.iterdir()))} files"))
    again = run(logs, "--backfill", str(args.days), "--date", last.isoformat(), "--export",
                "--output-dir", str(out_dir))
    rows.append(("backfill again (idempotent: nothing rewritten)", again.seconds, ""))

    print_table(rows, baseline)
    print(f"\ncold rebuild records/s vs json baseline: {baseline / cold.seconds:.2f}x"
          f", vs orjson: {fast / cold.seconds:.2f}x (target >= 0.9)")


def _use_data(directory: Path) -> None:
    global DATA, NEUTRAL_CWD
    DATA = NEUTRAL_CWD = directory


def _compile_checkout(python: str) -> str:
    """Byte-compile the package another interpreter imports; its directory."""
    package = subprocess.run(
        [python, "-c", "import trading_bot.performance as p, pathlib; "
                       "print(pathlib.Path(p.__file__).resolve().parent)"],
        capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([python, "-m", "compileall", "-q", package], check=True)
    return package


def one_trade_files(count: int) -> Path:
    """``count`` consecutive day files of about one trade each (generated once)."""
    logs = DATA / f"files{count}" / "logs"
    if not logs.is_dir() or not any(logs.glob("*.jsonl")):
        shutil.rmtree(logs.parent, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "trading_bot.performance.tools.sample",
                        "--out", str(logs), "--start", "1970-01-01", "--days", str(count),
                        "--trades-per-day", "1", "--weekend-trades-per-day", "1", "--seed", "3",
                        "--no-defects"], check=True, stdout=subprocess.DEVNULL)
    return logs


def _cache_size_mb(cache: Path) -> float:
    return sum(path.stat().st_size for path in cache.iterdir() if path.is_file()) / 1e6


def scale_table(args: argparse.Namespace) -> None:
    """Issue 15's write side, per checkout, interleaved row by row (see the module docstring)."""
    pythons = [("this", sys.executable)]
    if args.compare:
        print(f"compared with {_compile_checkout(args.compare)} ({args.compare})")
        pythons.insert(0, ("compared", args.compare))
    names = [name for name, _ in pythons]
    results: dict[str, dict[str, float]] = {name: {} for name in names}
    notes: dict[str, dict[str, str]] = {name: {} for name in names}
    order: list[str] = []

    def record(label: str, name: str, seconds: float, note: str = "") -> None:
        if label not in order:
            order.append(label)
        results[name][label] = seconds
        notes[name][label] = note

    query = ("--window", "daily", "--format", "json")
    for count in (2000, 20000):
        logs = one_trade_files(count)
        for name, python in pythons:
            cache = logs.parent / f"cache-{name}"
            shutil.rmtree(cache, ignore_errors=True)
            first = run(logs, *query, "--cache-dir", str(cache), python=python,
                        limit=args.limit)
            record(f"{count:,} one-trade files: first cached run", name, first.seconds,
                   f"{_cache_size_mb(cache) * 1e6 / count:,.0f} B/file, "
                   f"peak RSS {first.peak_rss_mb:,.0f} MB")
            if first.seconds == float("inf"):
                continue   # killed after --limit seconds: no warm run to speak of
            warm = best(logs, args.repeat, *query, "--cache-dir", str(cache), python=python)
            record(f"{count:,} one-trade files: warm run", name, warm.seconds)
    for name in names:
        for what, target in (("first cached run", 12), ("warm run", 2)):
            if f"20,000 one-trade files: {what}" in results[name]:
                ratio = (results[name][f"20,000 one-trade files: {what}"]
                         / results[name][f"2,000 one-trade files: {what}"])
                record(f"  ratio 20,000 / 2,000 files, {what}", name, ratio,
                       f"target <= {target}")

    for label, upstream in (("benchmark", False), ("free-text", True)):
        logs, lines, size = dataset(args.days, args.trades, upstream=upstream)
        small = DATA / f"7x{args.trades}{'-upstream' if upstream else ''}" / "logs"
        if not small.is_dir():
            small.mkdir(parents=True)
            for path in sorted(logs.glob("*.jsonl"))[-7:]:
                shutil.copy2(path, small / path.name)
        last = date.fromisoformat(max(logs.glob("*.jsonl")).stem)
        daily = ("--window", "daily", "--date", last.isoformat(), "--format", "json")
        for name, python in pythons:
            fold = baseline_fold(logs, json.loads)
            cache = logs.parent / f"cache-{name}"
            cold = run(logs, "--rebuild-cache", *daily, "--cache-dir", str(cache), python=python)
            record(f"{label}: stdlib json fold ({lines:,} lines)", name, fold,
                   f"{lines / fold:,.0f} records/s")
            record(f"{label}: cold rebuild", name, cold.seconds,
                   f"{lines / cold.seconds:,.0f} records/s, {size / 1e6 / cold.seconds:,.1f} "
                   f"MB/s, peak RSS {cold.peak_rss_mb:,.0f} MB (target <= 200)")
            record(f"  ratio {label}: cold records/s / json fold records/s", name,
                   fold / cold.seconds, "target >= 0.33")
            refreshed = {}
            for history, directory in ((f"{args.days} days", logs), ("7 days", small)):
                small_last = date.fromisoformat(max(directory.glob("*.jsonl")).stem)
                query_args = ("--window", "daily", "--date", small_last.isoformat(),
                              "--format", "json", "--cache-dir",
                              str(directory.parent / f"cache-{name}"))
                run(directory, *query_args, python=python)   # brings its own cache up to date
                append_lines(directory, 1000, f"APPEND{time.time_ns()}")
                refreshed[history] = run(directory, *query_args, python=python).seconds
                record(f"{label}: refresh after +1,000 lines, {history} of history", name,
                       refreshed[history])
            record(f"  ratio {label}: {args.days}-day / 7-day refresh", name,
                   refreshed[f"{args.days} days"] / refreshed["7 days"], "target <= 1.3")

    header = "".join(f" {name:>10}" for name in names)
    print(f"\n{'measurement (seconds; ratios unitless)':<62}{header}  notes ({names[-1]})")
    for label in order:
        values = "".join(f" {results[name].get(label, float('nan')):>10.3f}" for name in names)
        print(f"{label:<62}{values}  {notes[names[-1]].get(label, '')}")


def wide_table(args: argparse.Namespace) -> None:
    """Issue 15's read side and issue 14's warm targets, per checkout (module docstring)."""
    pythons = [("this", sys.executable)]
    if args.compare:
        print(f"compared with {_compile_checkout(args.compare)} ({args.compare})")
        pythons.insert(0, ("compared", args.compare))
    logs, _, _ = dataset(args.days, args.trades)
    two = DATA / f"wide-2x{args.trades}" / "logs"
    if not two.is_dir():
        two.mkdir(parents=True)
        for path in sorted(logs.glob("*.jsonl"))[:2]:
            shutil.copy2(path, two / path.name)
    first, last = sorted(date.fromisoformat(path.stem) for path in two.glob("*.jsonl"))
    history = sorted(date.fromisoformat(path.stem) for path in logs.glob("*.jsonl"))
    json_out = ("--format", "json")
    rows: list[tuple[str, dict[str, Run]]] = []
    for name, python in pythons:
        cache = ("--cache-dir", str(two.parent / f"cache-{name}"))
        big = ("--cache-dir", str(logs.parent / f"cache-wide-{name}"))
        run(two, "--window", "range", "--start", first.isoformat(), "--end", last.isoformat(),
            *json_out, *cache, python=python, limit=args.limit)          # builds the cache
        run(logs, "--window", "monthly", "--date", history[-1].isoformat(), *json_out, *big,
            python=python, limit=args.limit)
        wide_span = ("--start", "1970-01-01", "--end", "8999-12-31")
        two_days = ("--start", first.isoformat(), "--end", last.isoformat())
        measured: dict[str, tuple[Path, tuple[str, ...]]] = {
            "two-day range, cached": (two, (*two_days, *cache)),
            "range 1970..8999 over the same 2 files, cached": (two, (*wide_span, *cache)),
            "two-day range, --no-cache": (two, (*two_days, "--no-cache")),
            "range 1970..8999 over the same 2 files, --no-cache": (
                two, (*wide_span, "--no-cache")),
            f"warm range over all {len(history)} days": (
                logs, ("--start", history[0].isoformat(), "--end", history[-1].isoformat(),
                       *big)),
        }
        for label, (directory, window) in measured.items():
            result = best(directory, args.repeat, "--window", "range", *window, *json_out,
                          python=python)
            _wide_row(rows, label, name, result)
        month = history[len(history) // 2].isoformat()
        _wide_row(rows, "warm monthly (mid-history month)", name,
                  best(logs, args.repeat, "--window", "monthly", "--date", month, *json_out,
                       *big, python=python))
    names = [name for name, _ in pythons]
    header = "".join(f" {name:>10} {'RSS MB':>7}" for name in names)
    print(f"\n{'measurement (seconds, fresh processes, --format json)':<56}{header}")
    for label, by_name in rows:
        values = "".join(f" {by_name[name].seconds:>10.3f} {by_name[name].peak_rss_mb:>7.0f}"
                         if name in by_name else f" {'':>10} {'':>7}" for name in names)
        print(f"{label:<56}{values}")
    for name in names:
        table = dict(rows)
        for kind in ("cached", "--no-cache"):
            wide = table[f"range 1970..8999 over the same 2 files, {kind}"][name]
            narrow = table[f"two-day range, {kind}"][name]
            print(f"{name}: wide / two-day range, {kind}: {wide.seconds / narrow.seconds:.2f}x "
                  f"(target <= 3), peak RSS {wide.peak_rss_mb:.0f} MB (target <= 150)")


def _wide_row(rows: list[tuple[str, dict[str, Run]]], label: str, name: str, result: Run) -> None:
    for known, by_name in rows:
        if known == label:
            by_name[name] = result
            return
    rows.append((label, {name: result}))


if __name__ == "__main__":
    raise SystemExit(main())
