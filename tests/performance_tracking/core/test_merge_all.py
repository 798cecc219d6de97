"""merge_all sums the day and breakdown maps in place: it must equal merging pairwise."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trading_bot.performance.core.aggregate import (
    EMPTY_AGGREGATE,
    ClosedTrade,
    fold,
    fold_by_day,
    merge_all,
)

from .test_properties import closed_trades


@given(trades=closed_trades, data=st.data())
def test_merge_all_equals_pairwise_merges(trades: list[ClosedTrade], data: st.DataObject) -> None:
    parts = list(fold_by_day(trades).values())
    if parts:
        parts.insert(data.draw(st.integers(0, len(parts)), label="empty at"), EMPTY_AGGREGATE)
    pairwise = EMPTY_AGGREGATE
    for part in parts:
        pairwise = pairwise.merge(part)
    merged = merge_all(parts)
    assert merged == pairwise == fold(trades)
    assert list(merged.breakdown_stats) == list(pairwise.breakdown_stats)
    for name, rows in merged.breakdown_stats.items():
        assert list(rows) == list(pairwise.breakdown_stats[name])
