"""The timing and entry x exit breakdowns: keys in the report timezone, and rows that add up
exactly to the window, cached and uncached."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.core.aggregate import EMPTY_CORE, CoreStats
from trading_bot.performance.core.dimensions import NO_VALUE, hold_bucket, trade_time
from trading_bot.performance.tools.sample import SampleSpec, generate

NEW_DIMENSIONS = ("entry_exit", "weekday", "hour", "hold_time", "month")


def test_timing_keys_are_read_in_the_report_timezone() -> None:
    instant = datetime(2024, 3, 31, 23, 30, tzinfo=UTC)        # a Sunday in UTC
    assert trade_time(instant, Decimal(59)) == ("7 Sun", "23:00", "2024-03", "< 5m")
    tokyo = instant.astimezone(ZoneInfo("Asia/Tokyo"))         # Monday 08:30, April
    assert trade_time(tokyo, None) == ("1 Mon", "08:00", "2024-04", NO_VALUE)


def test_hold_buckets_are_closed_below() -> None:
    assert [hold_bucket(Decimal(s)) for s in (0, 299, 300, 899, 900, 3599, 3600, 14399, 14400,
                                               86399, 86400, 259199, 259200, 10 ** 7)] == [
        "< 5m", "< 5m", "5-15m", "5-15m", "15m-1h", "15m-1h", "1-4h", "1-4h", "4h-1d", "4h-1d",
        "1-3d", "1-3d", ">= 3d", ">= 3d"]


def _write(logs: Path, spec: SampleSpec) -> None:
    logs.mkdir(parents=True, exist_ok=True)
    for day, lines in generate(spec).items():
        (logs / f"{day.isoformat()}.jsonl").write_text("".join(line + "\n" for line in lines))


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), days=st.integers(1, 20),
       zone=st.sampled_from(["UTC", "America/New_York", "Asia/Tokyo"]))
def test_new_breakdowns_add_up_to_the_window(tmp_path_factory: object, seed: int, days: int,
                                              zone: str) -> None:
    base = tmp_path_factory.mktemp("logs")  # type: ignore[attr-defined]
    spec = SampleSpec(start=date(2024, 2, 20), days=days, trades_per_day=4, seed=seed)
    _write(base / "logs", spec)
    first, last = spec.start, spec.start + timedelta(days=days - 1)
    documents = []
    for cache in (False, True, True):      # uncached, cold cache, warm cache
        tracker = PerformanceTracker(base / "logs", timezone=zone, cache=cache,
                                     clock=lambda: datetime(2025, 1, 1, tzinfo=UTC))
        summary = tracker.get_summary("range", first, last)
        stats = summary.aggregate.breakdown_stats
        for name in NEW_DIMENSIONS:
            if summary.aggregate.core.closed == 0:
                assert name not in stats
                continue
            total: CoreStats = EMPTY_CORE
            for row in stats[name].values():
                total = total + row
            assert total == summary.aggregate.core, name
        documents.append(summary.to_dict()["breakdowns"])
    assert documents[0] == documents[1] == documents[2]
