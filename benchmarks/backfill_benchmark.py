"""Backfill figures: first run, idempotent run, run after new lines; this tree against another.

Each row is a fresh ``python -m trading_bot.performance --backfill DAYS --export`` process over
the same logs (a copy under the work directory: every day file hard-linked, the newest copied,
so appending to it never touches the benchmark data), with the cache and the exports in the
work directory:

* **cold**: empty cache, empty output directory (the cache is built, every summary exported);
* **first**: warm cache, empty output directory (every summary built and exported);
* **idempotent**: the same command again (nothing changed);
* **after +1,000 lines**: 1,000 lines appended to the newest day file, then the same command.

With ``--baseline PYTHON`` (for example the session's starting commit,
``/tmp/base/.venv/bin/python``) every row is measured for both interpreters, interleaved, best
of ``--repeat``, so load on the machine hits both alike.  Packages are byte-compiled first (see
``cache_benchmark.py``: ``PYTHONDONTWRITEBYTECODE`` would otherwise add recompiling to every
process).

    python benchmarks/backfill_benchmark.py [--logs benchmarks/data/30x2000/logs] [--days 30]
                                            [--repeat 3] [--python PYTHON]
                                            [--baseline /tmp/base/.venv/bin/python]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
DAY_FILE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\.jsonl\Z")
ROWS = ("cold", "first", "idempotent", "after +1,000 lines")


@dataclass
class Interpreter:
    name: str
    python: str
    best: dict[str, float] = field(default_factory=dict)
    lines: dict[str, str] = field(default_factory=dict)


def precompile(python: str) -> None:
    """Byte-compile the package the interpreter imports (as an installed copy would be)."""
    found = subprocess.run([python, "-c", "import trading_bot.performance as m; print(m.__file__)"],
                           capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([python, "-m", "compileall", "-q", str(Path(found).parent)], check=True)


def copy_logs(source: Path, target: Path) -> Path:
    """Hard-link every day file into ``target``, copying the newest (the one appended to)."""
    target.mkdir(parents=True)
    names = sorted(path.name for path in source.iterdir() if DAY_FILE.match(path.name))
    for name in names[:-1]:
        try:
            os.link(source / name, target / name)
        except OSError:
            shutil.copy2(source / name, target / name)
    shutil.copy2(source / names[-1], target / names[-1])
    return target / names[-1]


def append_lines(path: Path, count: int, tag: str) -> None:
    """``count`` lines of the file itself again, with new order ids (so each is a new trade)."""
    with path.open("rb") as handle:
        lines = [json.loads(line) for _, line in zip(range(count), handle, strict=False)]
    with path.open("a", encoding="utf-8") as handle:
        for number, line in enumerate(lines):
            line["order_id"] = f"{line.get('order_id')}-{tag}-{number}"
            handle.write(json.dumps(line) + "\n")


def backfill(python: str, logs: Path, work: Path, days: int, last: str) -> tuple[float, str]:
    """One run; its wall time and its closing line."""
    began = time.perf_counter()
    result = subprocess.run(
        [python, "-m", "trading_bot.performance", "--logs-dir", str(logs), "--backfill",
         str(days), "--date", last, "--export", "--output-dir", str(work / "out"),
         "--cache-dir", str(work / "cache")],
        capture_output=True, text=True, cwd=work)
    seconds = time.perf_counter() - began
    if result.returncode != 0:
        raise SystemExit(f"{python}: exit {result.returncode}\n{result.stderr[-2000:]}")
    return seconds, result.stderr.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logs", type=Path, default=DATA / "30x2000" / "logs")
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--python", default=sys.executable,
                        help="the interpreter measured as this tree (default: this one)")
    parser.add_argument("--baseline", metavar="PYTHON", help="another interpreter to compare")
    parser.add_argument("--work", type=Path, help="scratch directory (default: a temp dir)")
    args = parser.parse_args()
    interpreters = [Interpreter("this tree", args.python)]
    if args.baseline:
        interpreters.append(Interpreter("baseline", args.baseline))
    for interpreter in interpreters:
        precompile(interpreter.python)
    last = max(path.name for path in args.logs.iterdir() if DAY_FILE.match(path.name))[:10]
    scratch = Path(tempfile.mkdtemp(prefix="backfill-bench-", dir=args.work))
    try:
        for attempt in range(args.repeat):
            for interpreter in interpreters:
                work = scratch / f"{attempt}-{interpreters.index(interpreter)}"
                newest = copy_logs(args.logs, work / "logs")
                for row in ROWS:
                    if row == "first":
                        shutil.rmtree(work / "out")
                    if row.startswith("after"):
                        append_lines(newest, 1000, f"bench{attempt}")
                    seconds, line = backfill(interpreter.python, work / "logs", work,
                                             args.days, last)
                    interpreter.best[row] = min(interpreter.best.get(row, seconds), seconds)
                    interpreter.lines[row] = line
                shutil.rmtree(work)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"backfill {args.days} days --export over {args.logs} (best of {args.repeat}, "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f})")
    heads = "".join(f" | {interpreter.name:>10} | x first" for interpreter in interpreters)
    print(f"| {'run':<20}{heads} |")
    print("|" + "-" * 22 + "|------------:|--------:" * len(interpreters) + "|")
    for row in ROWS:
        cells = "".join(
            f" | {interpreter.best[row]:>8.2f} s | "
            f"{interpreter.best[row] / interpreter.best['first']:>6.2f}x"
            for interpreter in interpreters)
        print(f"| {row:<20}{cells} |")
    for interpreter in interpreters:
        print(f"\n{interpreter.name} ({interpreter.python}):")
        for row in ROWS:
            print(f"  {row}: {interpreter.lines[row]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
