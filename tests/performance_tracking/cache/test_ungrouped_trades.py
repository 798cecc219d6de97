"""The per-trade rows read the cache's trades without their breakdown groups
(``trades_by_day(grouped=False)``): the same trades otherwise, and still filtered by ``--where``."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.cache.codec import TRADE_COLUMNS, closed_trade_from_row
from trading_bot.performance.cache.reads import ungrouped_trade_from_row
from trading_bot.performance.cache.store import CACHE_FILE_NAME

from ..conftest import fixed_clock
from ..report.test_reports import CLOCK, write_sample


def test_ungrouped_trades_equal_decoded_ones_but_for_groups(logs: Path, tmp_path: Path) -> None:
    write_sample(logs)
    cache = tmp_path / "cache"
    PerformanceTracker(logs, clock=fixed_clock(CLOCK), cache_dir=cache).get_summary("monthly")
    connection = sqlite3.connect(cache / CACHE_FILE_NAME)
    rows = connection.execute(f"SELECT {', '.join(TRADE_COLUMNS)} FROM lines "
                              "WHERE closed = 1").fetchall()
    connection.close()
    assert len(rows) >= 10
    zone = ZoneInfo("America/New_York")
    for row in rows:
        full = closed_trade_from_row(row, zone, ("account_id",))
        assert full.groups
        assert ungrouped_trade_from_row(row, zone) == replace(full, groups=())


def test_rows_under_a_filter_match_the_uncached_rows(logs: Path, tmp_path: Path) -> None:
    write_sample(logs)
    answers = []
    for cached in (True, False):
        tracker = PerformanceTracker(logs, clock=fixed_clock(CLOCK), cache=cached,
                                     cache_dir=tmp_path / "cache", where=["strategy_name=alpha"])
        answers.append(list(tracker.trade_rows("monthly", on="2025-03-14")))
    assert answers[0] == answers[1]
    assert answers[0] and {row.strategy_name for row in answers[0]} == {"alpha"}
    everything = PerformanceTracker(logs, clock=fixed_clock(CLOCK), cache_dir=tmp_path / "cache")
    assert len(list(everything.trade_rows("monthly", on="2025-03-14"))) > len(answers[0])
