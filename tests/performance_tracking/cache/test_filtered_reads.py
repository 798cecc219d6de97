"""``--where`` on both read paths: the filtered summary from the cache (day aggregates folded
from stored trades under the filter's own key), from the logs (``--no-cache``) and the fold
of the unfiltered window's matching trades are one and the same."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.cache.indexing import IndexConfig
from trading_bot.performance.core.aggregate import EMPTY_CORE, fold
from trading_bot.performance.core.filters import parse_where
from trading_bot.performance.tools.sample import SampleSpec, generate

NOW = datetime(2025, 1, 1, tzinfo=UTC)
WHERE = st.lists(st.sampled_from([
    "strategy_name=momentum_breakout", "strategy_name=mean_reversion", "execution_mode=LIVE",
    "execution_mode=PAPER", "side=long", "side=short", "symbol=AAPL", "symbol=BTC-USD",
    "symbol=ETH-USD", "strategy_name=no-such-strategy", "account_id=ACC-LIVE-01",
    "account_id=ACC-EQ-01"]), min_size=1, max_size=3)


def _write(logs: Path, spec: SampleSpec) -> None:
    logs.mkdir(parents=True, exist_ok=True)
    for day, lines in generate(spec).items():
        (logs / f"{day.isoformat()}.jsonl").write_text("".join(line + "\n" for line in lines))


def _tracker(logs: Path, cache: bool, where: list[str] | None = None,
             zone: str = "UTC") -> PerformanceTracker:
    return PerformanceTracker(logs, timezone=zone, cache=cache, clock=lambda: NOW,
                              where=where, workers=1)


def _comparable(document: dict[str, object]) -> dict[str, object]:
    # data_quality covers the files read, not the trades kept (and the cache's rolling answer
    # words supersession across files differently, unfiltered too); generated_at is the clock.
    return {key: value for key, value in document.items()
            if key not in ("generated_at", "data_quality")}


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), days=st.integers(1, 12), where=WHERE,
       executions=st.booleans(), zone=st.sampled_from(["UTC", "America/New_York"]))
def test_filtered_cached_equals_uncached_equals_fold_of_matching(
        tmp_path_factory: object, seed: int, days: int, where: list[str], executions: bool,
        zone: str) -> None:
    base = tmp_path_factory.mktemp("logs")  # type: ignore[attr-defined]
    spec = SampleSpec(start=date(2024, 2, 20), days=days, trades_per_day=6, seed=seed,
                      executions=executions)
    logs = base / "logs"
    _write(logs, spec)
    first, last = spec.start, spec.start + timedelta(days=days - 1)
    chosen = parse_where(where)
    # grouped by account_id, so its trades answer an account_id condition as a filter's do
    everything = PerformanceTracker(logs, timezone=zone, cache=False, clock=lambda: NOW,
                                    workers=1, group_by=["account_id"]).get_summary(
        "range", first, last)
    # The same trades grouped by account too (the last group), for the account_id conditions.
    with_account = PerformanceTracker(logs, timezone=zone, cache=False, clock=lambda: NOW,
                                      group_by=["account_id"]).get_summary("range", first, last)
    assert len(with_account.aggregate.tail) == everything.aggregate.core.closed  # all of them
    matching = [replace(trade, groups=trade.groups[:-1])
                for trade in with_account.aggregate.tail if chosen.matches_groups(trade.groups)]
    expected = fold(matching)
    documents = []
    for cache in (False, True, True):             # uncached, cold cache, warm cache
        summary = _tracker(logs, cache, where, zone).get_summary("range", first, last)
        got = summary.aggregate
        assert got.core == expected.core
        assert got.drawdown == expected.drawdown
        assert got.streaks == expected.streaks
        assert got.breakdown_stats == expected.breakdown_stats
        assert got.day_stats == expected.day_stats
        assert summary.filters is not None
        assert summary.filters.excluded_trades == everything.aggregate.core.closed - len(matching)
        assert summary.filters.excluded_net == (everything.aggregate.core.net
                                                - sum((t.net for t in matching), Decimal(0)))
        kept = [position for position in everything.open_positions
                if chosen.matches(partial(getattr, position))]
        assert summary.open_positions == tuple(kept)
        assert summary.filters.excluded_open_positions == (len(everything.open_positions)
                                                           - len(kept))
        documents.append(_comparable(summary.to_dict()))
    assert documents[0] == documents[1] == documents[2]
    # The rolling window: the last N matching trades, on both paths.
    rolling = [_comparable(_tracker(logs, cache, where, zone).get_summary(
        "rolling", on=last, trades=5).to_dict()) for cache in (False, True)]
    assert rolling[0] == rolling[1]
    assert rolling[0]["metrics"]["closed_trades"] == min(5, len(matching))  # type: ignore[index]


def test_one_field_filter_equals_its_breakdown_row(tmp_path: Path) -> None:
    """An independent check of the fold: --where strategy_name=X has the core figures of the
    unfiltered report's strategy_name row X, and mode plus side those of its mode_side row."""
    spec = SampleSpec(start=date(2024, 3, 1), days=10, trades_per_day=8, seed=3)
    _write(tmp_path / "logs", spec)
    end = date(2024, 3, 10)
    rows = _tracker(tmp_path / "logs", True).get_summary("range", spec.start, end) \
        .aggregate.breakdown_stats
    for strategy, stats in rows["strategy_name"].items():
        for cache in (True, False):
            summary = _tracker(tmp_path / "logs", cache, [f"strategy_name={strategy}"]) \
                .get_summary("range", spec.start, end)
            assert summary.aggregate.core == stats
    for key, stats in rows["mode_side"].items():
        mode, side = key.split(" ")
        summary = _tracker(tmp_path / "logs", True, [f"execution_mode={mode}", f"side={side}"]) \
            .get_summary("range", spec.start, end)
        assert summary.aggregate.core == stats
    both = list(rows["strategy_name"])[:2]
    summary = _tracker(tmp_path / "logs", True, [f"strategy_name={name}" for name in both]) \
        .get_summary("range", spec.start, end)
    assert summary.aggregate.core == rows["strategy_name"][both[0]] + rows["strategy_name"].get(
        both[1], EMPTY_CORE)


def test_filtered_day_aggregates_have_their_own_key(tmp_path: Path) -> None:
    """A filter is part of the configuration: its day aggregates never answer unfiltered
    (nor the other way round), and refreshing stores only unfiltered ones."""
    plain = IndexConfig("UTC")
    live = IndexConfig("UTC", where=parse_where(["execution_mode=LIVE"]))
    paper = IndexConfig("UTC", where=parse_where(["execution_mode=PAPER"]))
    assert len({plain.key, live.key, paper.key}) == 3
    assert IndexConfig("UTC", where=parse_where(["execution_mode=LIVE"])).key == live.key
    spec = SampleSpec(start=date(2024, 3, 1), days=3, trades_per_day=5, seed=5)
    logs = tmp_path / "logs"
    _write(logs, spec)
    unfiltered = _tracker(logs, True).get_summary("range", spec.start, date(2024, 3, 3))
    filtered = _tracker(logs, True, ["execution_mode=LIVE"]).get_summary(
        "range", spec.start, date(2024, 3, 3))
    again = _tracker(logs, True).get_summary("range", spec.start, date(2024, 3, 3))
    assert filtered.aggregate.core.closed < unfiltered.aggregate.core.closed
    assert again.aggregate == unfiltered.aggregate
    assert filtered.filters is not None and unfiltered.filters is None
