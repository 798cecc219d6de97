"""Any window costs what its data costs, and no argument can cost the cache (issue #15, item 2).

A range from 1970 to 8999 names 2.6 million local days; over two log files it must read,
store and report what those two files hold, cached and uncached.  Every number an operator
types is checked against what the store and the date arithmetic can hold before it reaches
either (exit 64, the bound named), and a query the store refuses is never taken for damage:
the next run still parses nothing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.cache.store import CacheCorrupt, CacheStore
from trading_bot.performance.core.windows import describe_missing, missing_days
from trading_bot.performance.errors import UsageError

from ..conftest import fixed_clock, trade, write_log

NOW = "2026-03-10T12:00:00Z"
FIRST_YEAR, LAST_DAY = date(1970, 1, 1), date(8999, 12, 31)
DAYS = ("2026-03-02", "2026-03-03")


def two_day_logs(logs: Path) -> None:
    """Two day files, a win and a loss each, one trade realized just before midnight UTC."""
    write_log(logs, DAYS[0],
              trade("A1", entry="2026-03-02T10:00:00Z", exit="2026-03-02T11:00:00Z", net="12.50"),
              trade("A2", entry="2026-03-02T12:00:00Z", exit="2026-03-02T23:59:00Z",
                    outcome="loss", net="-4.25"))
    write_log(logs, DAYS[1],
              trade("B1", entry="2026-03-03T09:00:00Z", exit="2026-03-03T10:00:00Z", net="7"),
              trade("B2", entry="2026-03-03T11:00:00Z", exit="2026-03-03T12:00:00Z",
                    outcome="loss", net="-1.75"))


def tracker(logs: Path, cache_dir: Path | None, zone: str = "UTC") -> PerformanceTracker:
    return PerformanceTracker(logs, timezone=zone, clock=fixed_clock(NOW),
                              cache=cache_dir is not None, cache_dir=cache_dir)


def computed(summary: Any) -> dict[str, Any]:
    """What the closed trades decide, without the period's own label and dates."""
    document: dict[str, Any] = summary.to_dict()
    for key in ("generated_at", "period", "data_quality", "as_of"):
        document.pop(key, None)
    return document


def stored_rows(cache_dir: Path, table: str) -> int:
    connection = sqlite3.connect(f"file:{cache_dir / 'cache.sqlite3'}?mode=ro", uri=True)
    try:
        count: int = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return count
    finally:
        connection.close()


def cli(*args: object) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("PERFORMANCE_SUMMARY_TIMEZONE", None)
    with tempfile.TemporaryDirectory() as neutral:
        return subprocess.run([sys.executable, "-m", "trading_bot.performance", *map(str, args)],
                              capture_output=True, text=True, env=env, timeout=120, cwd=neutral)


# --------------------------------------------------------------------------------------------
# any range costs what its data costs


@pytest.mark.parametrize("zone", ["UTC", "America/New_York"])
def test_a_range_far_wider_than_the_logs_reads_only_their_days(tmp_path: Path,
                                                               zone: str) -> None:
    logs, cache_dir = tmp_path / "logs", tmp_path / "cache"
    two_day_logs(logs)
    narrow_first = date(2026, 3, 1) if zone != "UTC" else date(2026, 3, 2)
    cached = tracker(logs, cache_dir, zone)
    narrow = cached.get_summary("range", narrow_first, date(2026, 3, 3))
    wide = cached.get_summary("range", FIRST_YEAR, LAST_DAY)
    assert wide.aggregate.core.closed == narrow.aggregate.core.closed == 4
    assert computed(wide) == computed(narrow)
    assert computed(tracker(logs, None, zone).get_summary("range", FIRST_YEAR, LAST_DAY)) \
        == computed(narrow)
    read = cached.last_read
    assert read is not None
    # only the days holding trades were touched, and nothing was stored for the empty ones
    assert read.day_hits + read.day_misses + read.month_hits <= 3
    assert stored_rows(cache_dir, "day_aggregates") <= 3
    assert stored_rows(cache_dir, "month_aggregates") <= 1
    # the wide window left the cache as it was: the next run parses nothing
    again = tracker(logs, cache_dir, zone)
    assert computed(again.get_summary("range", FIRST_YEAR, LAST_DAY)) == computed(narrow)
    assert again.last_refresh is not None and again.last_refresh.lines_parsed == 0
    assert again.last_read is not None and again.last_read.day_misses == 0


def test_missing_days_are_counted_to_today_never_into_the_future(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    two_day_logs(logs)
    for cache_dir in (tmp_path / "cache", None):
        summary = tracker(logs, cache_dir).get_summary("range", FIRST_YEAR, LAST_DAY)
        missing = summary.data_quality.files_missing
        today = date(2026, 3, 10)
        assert len(missing) == (today - FIRST_YEAR).days + 1 - 2
        assert (missing[0], missing[-1]) == ("1970-01-01", "2026-03-10")
        assert "2026-03-02" not in missing and "2026-03-03" not in missing
        assert summary.trading_days == 2


def test_missing_days_walk_the_gaps_and_read_as_ranges_when_many() -> None:
    present = {date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 7)}
    assert missing_days(date(2026, 3, 1), date(2026, 3, 8), present) == (
        "2026-03-01", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-08")
    assert missing_days(date(2026, 3, 2), date(2026, 3, 3), present) == ()
    assert missing_days(date(2026, 3, 5), date(2026, 3, 4), present) == ()
    few = missing_days(date(2026, 3, 1), date(2026, 3, 8), present)
    assert describe_missing(few) == ", ".join(few)       # few: listed as always
    many = missing_days(FIRST_YEAR, date(2026, 3, 10), {date(2026, 3, 2), date(2026, 3, 3)})
    assert describe_missing(many) == (
        f"{len(many):,} days: 1970-01-01..2026-03-01 ({len(many) - 7:,} days), "
        "2026-03-04..2026-03-10 (7 days)")
    scattered = tuple(date.fromordinal(date(2026, 1, 1).toordinal() + 2 * n).isoformat()
                      for n in range(40))
    text = describe_missing(scattered)
    assert text.startswith("40 days: 2026-01-01, 2026-01-03, ")
    assert text.endswith("and 30 more days in 30 ranges")


def test_the_wide_range_on_the_command_line_reads_as_a_page(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    two_day_logs(logs)
    for extra in ((), ("--no-cache",)):
        text = cli("--logs-dir", logs, "--window", "range", "--start", FIRST_YEAR,
                   "--end", LAST_DAY, *extra)
        assert text.returncode == 0, text.stderr
        assert len(text.stdout.splitlines()) <= 300
        assert "Missing day files" in text.stdout and "..2026-03-01 (" in text.stdout
        document = cli("--logs-dir", logs, "--window", "range", "--start", FIRST_YEAR,
                       "--end", LAST_DAY, "--format", "json", *extra)
        assert document.returncode == 0, document.stderr
        assert json.loads(document.stdout)["metrics"]["closed_trades"] == 4


# --------------------------------------------------------------------------------------------
# every number checked before it reaches SQL or date arithmetic


@pytest.mark.parametrize(("args", "bound"), [
    (("--window", "rolling", "--trades", "999999999999999999999"),
     "--trades: must be at most 9,223,372,036,854,775,807"),
    (("--max-rows", "99999999999999999999999"), "--max-rows: must be at most 9,223,372,036"),
    (("--min-sample", "99999999999999999999999"), "--min-sample: must be at most 9,223,372"),
    (("--top", "99999999999999999999999"), "--top: must be at most 9,223,372,036"),
    (("--workers", "257"), "--workers: must be at most 256"),
    (("--backfill", "999999999", "--date", "2026-06-01"),   # one bound, one message
     "--backfill 999999999 ending 2026-06-01 would start before 1970-01-01: at most 20,606 days"),
    (("--backfill", "20607", "--date", "2026-06-01"),
     "--backfill 20607 ending 2026-06-01 would start before 1970-01-01: at most 20,606 days"),
    (("--watch", "--interval", "1e300"), "--interval: must be at most 31622400 seconds"),
    (("--date", "0001-01-01"), "--date: 0001-01-01 is outside the supported years 1970-8999"),
    (("--window", "range", "--start", "2026-01-01", "--end", "9999-12-31"),
     "--end: 9999-12-31 is outside the supported years 1970-8999"),
])
def test_every_number_is_checked_against_its_bound(tmp_path: Path, args: tuple[str, ...],
                                                   bound: str) -> None:
    logs = tmp_path / "logs"
    two_day_logs(logs)
    warm = cli("--logs-dir", logs, "--date", "2026-03-02")
    assert warm.returncode == 0, warm.stderr
    refused = cli("--logs-dir", logs, *args)
    assert refused.returncode == 64, refused.stderr
    assert bound in refused.stderr
    assert "Traceback" not in refused.stderr
    after = cli("--logs-dir", logs, "--date", "2026-03-02", "-v")
    assert after.returncode == 0, after.stderr
    assert " 0 bytes and 0 lines parsed" in after.stderr, after.stderr
    assert "discarding" not in after.stderr


def test_a_huge_trades_count_through_the_api_is_a_usage_error_and_costs_nothing(
        tmp_path: Path) -> None:
    logs, cache_dir = tmp_path / "logs", tmp_path / "cache"
    two_day_logs(logs)
    first = tracker(logs, cache_dir)
    want = computed(first.get_summary("rolling", on=date(2026, 3, 3), trades=10))
    with pytest.raises(UsageError, match="at most 9,223,372,036,854,775,807"):
        first.get_summary("rolling", on=date(2026, 3, 3), trades=10**21)
    with pytest.raises(UsageError, match="workers must be from 1 to 256"):
        PerformanceTracker(logs, workers=10**21)
    # the largest count the store can hold is answered, from the cache, which stays intact
    again = tracker(logs, cache_dir)
    everything = again.get_summary("rolling", on=date(2026, 3, 3), trades=2**63 - 1)
    assert everything.aggregate.core.closed == 4
    assert computed(again.get_summary("rolling", on=date(2026, 3, 3), trades=10)) == want
    assert again.last_refresh is not None and again.last_refresh.lines_parsed == 0


def test_a_query_error_is_never_taken_for_damage(tmp_path: Path) -> None:
    logs, cache_dir = tmp_path / "logs", tmp_path / "cache"
    two_day_logs(logs)
    tracker(logs, cache_dir).get_summary("weekly", on=date(2026, 3, 2))
    path = cache_dir / "cache.sqlite3"
    with CacheStore.open(path) as store:
        with pytest.raises(OverflowError), store.read() as connection:
            connection.execute("SELECT * FROM lines LIMIT ?", (10**21,)).fetchall()
        with pytest.raises(sqlite3.ProgrammingError), store.read() as connection:
            connection.execute("SELECT * FROM lines WHERE file = ?", ("a", "b")).fetchall()
        with pytest.raises((sqlite3.InterfaceError, sqlite3.ProgrammingError)), \
                store.read() as connection:
            connection.execute("SELECT * FROM lines WHERE file = ?", ([1],)).fetchall()
        # a stored value that does not decode is damage
        with pytest.raises(CacheCorrupt), store.read():
            date.fromisoformat("not a day")
    again = tracker(logs, cache_dir)
    again.get_summary("weekly", on=date(2026, 3, 2))
    assert again.last_refresh is not None and again.last_refresh.lines_parsed == 0


@pytest.mark.parametrize("window", ["weekly", "monthly"])
@pytest.mark.parametrize("on", ["1970-01-01", "8999-12-31"])
def test_the_first_and_last_supported_periods_are_answered(tmp_path: Path, window: str,
                                                           on: str) -> None:
    """The week of 1970-01-01 begins in 1969 and has no readable period before it: its review
    simply has no previous period (it was a usage error about 1969-12-28)."""
    logs = tmp_path / "logs"
    two_day_logs(logs)
    for extra in ((), ("--no-cache",)):
        answer = cli("--logs-dir", logs, "--window", window, "--date", on, *extra)
        assert answer.returncode == 0, answer.stderr
        assert "Traceback" not in answer.stderr
