"""Peak memory of ``check`` over a file of many bad lines: it must not grow with their number.

Writes one day file of SMALL bad lines and one of LARGE bad lines (a mix of the reasons a log
holds: invalid JSON, a missing field, a bad decimal, a duplicated key) plus a valid line every
tenth line, runs ``python -m trading_bot.performance check`` on each in a fresh process with its
listing sent to /dev/null, and prints each child's peak RSS and wall time.  Streaming means the
two peaks are about the same (the interpreter and the package, a few tens of MB), whatever
LARGE is; a list of the bad lines would cost about 200 bytes a line (200 MB for a million).

    python benchmarks/check_memory.py [--small 1000] [--large 1000000] [--keep DIR]

Exits 1 when the large run's peak exceeds the small run's by more than ``--slack`` MB (default
32), so it can guard a release; it is not part of the test suite (timing and memory figures
are too noisy on a shared machine to assert in tests).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_GOOD = ('{"timestamp":"2026-03-02T14:00:00Z","symbol":"AAPL","action":"BUY","quantity":"1",'
         '"price":"10","order_id":"O%d","execution_mode":"PAPER","strategy_name":"s",'
         '"outcome":"win","net_profit_loss":"1.5"}')
_BAD = (
    '{"timestamp":"2026-03-02T14:00:00Z","symbol":',                        # invalid JSON
    '{"symbol":"AAPL","action":"BUY"}',                                       # missing field
    _GOOD.replace('"quantity":"1"', '"quantity":"1,5"'),                      # bad decimal
    _GOOD.replace('"net_profit_loss":"1.5"', '"net_profit_loss":"1.5","net_profit_loss":"9"'),
)


def write_day_file(path: Path, bad_lines: int) -> int:
    """``bad_lines`` bad lines with a valid one after every nine; the lines written."""
    written = 0
    with open(path, "w", encoding="utf-8") as handle:
        for number in range(bad_lines):
            handle.write(_BAD[number % len(_BAD)] + "\n")
            written += 1
            if number % 9 == 8:
                handle.write((_GOOD % number) + "\n")
                written += 1
    return written


def peak_rss_mb(logs: Path) -> tuple[float, float, int]:
    """(peak RSS in MB, wall seconds, exit code) of one ``check`` run in a fresh process."""
    command = [sys.executable, "-c",
               "import resource, subprocess, sys; "
               "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)",
               sys.executable, "-m", "trading_bot.performance", "check", "--logs-dir",
               str(logs)]
    began = time.perf_counter()
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    elapsed = time.perf_counter() - began
    peak_kb, code = result.stdout.split()
    return int(peak_kb) / 1024, elapsed, int(code)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--slack", type=float, default=32.0, help="MB allowed above small")
    parser.add_argument("--keep", type=Path, help="write the logs here instead of a temp dir")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="perf-check-") as scratch:
        root = args.keep or Path(scratch)
        peaks = []
        for label, count in (("small", args.small), ("large", args.large)):
            logs = root / label
            logs.mkdir(parents=True, exist_ok=True)
            lines = write_day_file(logs / "2026-03-02.jsonl", count)
            size_mb = os.path.getsize(logs / "2026-03-02.jsonl") / 1e6
            peak, elapsed, code = peak_rss_mb(logs)
            peaks.append(peak)
            print(f"{label}: {count:,} bad lines of {lines:,} ({size_mb:.1f} MB): exit {code}, "
                  f"peak RSS {peak:.1f} MB, {elapsed:.2f} s ({lines / elapsed:,.0f} lines/s)")
        grown = peaks[1] - peaks[0]
        print(f"peak RSS grew by {grown:.1f} MB from {args.small:,} to {args.large:,} bad lines")
    return 0 if grown <= args.slack else 1


if __name__ == "__main__":
    raise SystemExit(main())
