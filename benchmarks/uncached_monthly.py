"""Wall time of a monthly summary computed straight from the logs (no cache), in fresh processes.

Generates DAYS x TRADES lines with the seeded sample generator (every day full, no defects) into
a scratch directory, then runs ``python -m trading_bot.performance --window monthly`` REPEAT times
as a subprocess and prints the wall times, lines/s and the child's peak RSS.

    python benchmarks/uncached_monthly.py [--days 30] [--trades 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from trading_bot.performance.tools.sample import SampleSpec, generate, write


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--trades", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    start = date(2026, 10, 1)
    with tempfile.TemporaryDirectory(prefix="perf-bench-") as scratch:
        logs = Path(scratch) / "logs"
        spec = SampleSpec(start, args.days, args.trades, seed=11, defects=False,
                          weekend_trades_per_day=args.trades)
        files = generate(spec)
        write(files, logs)
        lines = sum(len(day_lines) for day_lines in files.values())
        size_mb = sum(path.stat().st_size for path in logs.iterdir()) / 1e6
        anchor = start + timedelta(days=args.days // 2)
        command = [sys.executable, "-m", "trading_bot.performance", "--logs-dir", str(logs),
                   "--window", "monthly", "--date", anchor.isoformat()]
        print(f"{args.days} days x {args.trades} trades: {lines} lines, {size_mb:.1f} MB")
        print(f"command: {' '.join(command[1:])}")
        for run in range(1, args.repeat + 1):
            began = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            wall = time.perf_counter() - began
            print(f"run {run}: {wall:.2f} s wall, {lines / wall:,.0f} lines/s")
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(f"peak RSS (largest child): {peak_kb / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
