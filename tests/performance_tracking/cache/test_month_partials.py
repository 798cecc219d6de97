"""Month partials: a long window merges whole months, each stored once, dropped exactly when one
of its days' aggregates is.

A year range used to decode and sum 365 day aggregates; now it merges about 12 stored month
partials plus its edge days.  A month partial is the merge of its days' aggregates, so it must be
dropped whenever one of them may have changed, and the answer must stay the one computed from
scratch (a fresh cache) and the one computed without a cache, across any sequence of edits.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trading_bot.performance import PerformanceTracker

from ..conftest import fixed_clock, trade
from .test_cache import append_bytes, line_bytes, stable, trade_part

NOW = "2026-06-01T00:00:00Z"
#: File dates around three month ends, plus mid-month days.
FILE_DAYS = (date(2026, 1, 30), date(2026, 1, 31), date(2026, 2, 1), date(2026, 2, 14),
             date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 15), date(2026, 3, 31),
             date(2026, 4, 1), date(2026, 4, 2))
#: (window, first, last): monthly windows are (kind, day, None).
WINDOWS: tuple[tuple[str, date, date | None], ...] = (
    ("monthly", date(2026, 2, 10), None),
    ("monthly", date(2026, 3, 10), None),
    ("range", date(2026, 1, 15), date(2026, 4, 10)),     # Feb and Mar whole, edges each side
    ("range", date(2026, 2, 10), date(2026, 3, 31)),     # part of Feb, Mar whole
    ("range", date(2026, 2, 1), date(2026, 3, 31)),      # exactly two months
    ("range", date(2025, 1, 1), date(2027, 12, 31)),     # far wider than the logs
)


def summarise(tracker: PerformanceTracker, window: tuple[str, date, date | None]) -> Any:
    kind, first, last = window
    if last is None:
        return tracker.get_summary(kind, on=first)
    return tracker.get_summary(kind, first, last)


def month_rows(cache_dir: Path) -> dict[str, Any]:
    connection = sqlite3.connect(f"file:{cache_dir / 'cache.sqlite3'}?mode=ro", uri=True)
    try:
        return {month: data for month, data in connection.execute(
            "SELECT month, data FROM month_aggregates")}
    finally:
        connection.close()


class Logs:
    """Day files edited by appending, dropping lines and deleting, one line per instant."""

    def __init__(self, root: Path) -> None:
        self.logs = root / "logs"
        self.logs.mkdir(parents=True)
        self.second = 0

    def path(self, day: date) -> Path:
        return self.logs / f"{day.isoformat()}.jsonl"

    def append(self, day: date, hour: int, cents: int, order: str) -> None:
        self.second += 1
        exit_ = datetime.combine(day, datetime.min.time()) + timedelta(hours=hour,
                                                                       seconds=self.second)
        entry = exit_ - timedelta(minutes=30)
        outcome = "win" if cents > 0 else "loss" if cents < 0 else "breakeven"
        net = f"{cents / 100:.2f}"
        append_bytes(self.path(day), line_bytes(trade(
            order, entry=entry.isoformat() + "Z", exit=exit_.isoformat() + "Z",
            outcome=outcome, net=net, strategy="alpha" if cents % 2 else "beta")))

    def drop_first_line(self, day: date) -> None:
        path = self.path(day)
        if path.exists():
            path.write_bytes(b"".join(path.read_bytes().splitlines(keepends=True)[1:]))

    def delete(self, day: date) -> None:
        self.path(day).unlink(missing_ok=True)


steps = st.lists(st.tuples(
    st.sampled_from(["append", "append", "append", "drop", "delete"]),
    st.sampled_from(FILE_DAYS),
    st.sampled_from([0, 2, 4, 12, 23]),          # 00-04 UTC are the previous New York day
    st.integers(-3000, 3000),
    st.integers(0, 3),                            # few order ids: some lines supersede others
), min_size=1, max_size=8)


@settings(max_examples=12, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(history=steps, zone=st.sampled_from(["UTC", "America/New_York"]))
def test_month_partials_across_refreshes_equal_the_answer_from_scratch(
        history: list[tuple[str, date, int, int, int]], zone: str) -> None:
    root = Path(tempfile.mkdtemp(prefix="month-partials-"))
    try:
        logs = Logs(root)
        for day in FILE_DAYS[::3]:
            logs.append(day, 12, 150, f"seed-{day}")
        cached = PerformanceTracker(logs.logs, timezone=zone, clock=fixed_clock(NOW),
                                    cache_dir=root / "cache")
        for step, (action, day, hour, cents, order) in enumerate(history):
            if action == "append":
                logs.append(day, hour, cents, f"O{day:%m%d}-{order}")
            elif action == "drop":
                logs.drop_first_line(day)
            else:
                logs.delete(day)
            fresh = PerformanceTracker(logs.logs, timezone=zone, clock=fixed_clock(NOW),
                                       cache_dir=root / f"fresh-{step}")
            plain = PerformanceTracker(logs.logs, timezone=zone, clock=fixed_clock(NOW),
                                       cache=False)
            for window in WINDOWS:
                got = summarise(cached, window)
                assert cached.last_refresh is not None, "the cached tracker fell back"
                assert stable(got) == stable(summarise(fresh, window)), (step, window)
                assert trade_part(got) == trade_part(summarise(plain, window)), (step, window)
                # served again from the partials just stored: still the same answer
                assert stable(summarise(cached, window)) == stable(got), (step, window)
            shutil.rmtree(root / f"fresh-{step}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_a_month_partial_is_built_once_and_dropped_exactly_with_its_days(tmp_path: Path) -> None:
    logs = Logs(tmp_path)
    for number, day in enumerate(FILE_DAYS):
        logs.append(day, 12, 100 + number, f"T{number}")
    cache_dir = tmp_path / "cache"

    def year_range() -> PerformanceTracker:
        tracker = PerformanceTracker(logs.logs, clock=fixed_clock(NOW), cache_dir=cache_dir)
        tracker.get_summary("range", date(2026, 1, 15), date(2026, 4, 10))
        return tracker

    def counts(tracker: PerformanceTracker) -> tuple[int, int, int]:
        read = tracker.last_read
        assert read is not None
        return read.month_hits, read.months_built, read.day_misses

    first = year_range()
    assert counts(first)[:2] == (0, 2)                        # February and March built
    assert sorted(month_rows(cache_dir)) == ["2026-02", "2026-03"]
    assert counts(year_range()) == (2, 0, 0)                  # both served whole
    february = month_rows(cache_dir)["2026-02"]

    logs.append(date(2026, 3, 15), 13, -250, "late")          # a day of March changes
    assert sorted(month_rows(cache_dir)) == ["2026-02", "2026-03"]   # not yet refreshed
    again = year_range()
    assert counts(again)[:2] == (1, 1)                        # February kept, March rebuilt
    assert month_rows(cache_dir)["2026-02"] == february

    logs.append(date(2026, 4, 2), 9, 75, "edge")              # an edge day: no month touched
    assert counts(year_range())[:2] == (2, 0)

    logs.append(date(2026, 3, 1), 2, 40, "boundary")          # 02:00 UTC on March 1st
    assert counts(year_range())[:2] == (1, 1)
    reference = PerformanceTracker(logs.logs, clock=fixed_clock(NOW), cache=False)
    summary = PerformanceTracker(logs.logs, clock=fixed_clock(NOW), cache_dir=cache_dir
                                 ).get_summary("range", date(2026, 1, 15), date(2026, 4, 10))
    assert trade_part(summary) == trade_part(
        reference.get_summary("range", date(2026, 1, 15), date(2026, 4, 10)))


def test_a_monthly_window_is_one_stored_partial_once_warm(tmp_path: Path) -> None:
    logs = Logs(tmp_path)
    for number, day in enumerate(FILE_DAYS):
        logs.append(day, 12, 100 - 7 * number, f"T{number}")
    cache_dir = tmp_path / "cache"
    first = PerformanceTracker(logs.logs, clock=fixed_clock(NOW), cache_dir=cache_dir)
    want = stable(first.get_summary("monthly", on=date(2026, 3, 5)))
    warm = PerformanceTracker(logs.logs, clock=fixed_clock(NOW), cache_dir=cache_dir)
    assert stable(warm.get_summary("monthly", on=date(2026, 3, 5))) == want
    assert warm.last_read is not None
    assert (warm.last_read.month_hits, warm.last_read.day_hits,
            warm.last_read.day_misses) == (1, 0, 0)
