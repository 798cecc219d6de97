"""A tail decoded on first use (DeferredTrades) and merging value rows (merge_all_values) must
be indistinguishable from a tuple of trades and from merge_all: the cache's warm answer relies
on both to stay byte-identical to the uncached one."""

from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import date, timedelta

import pytest

from trading_bot.performance.core.aggregate import (
    ClosedTrade,
    DeferredTrades,
    aggregate_parts,
    fold,
    fold_by_day,
    merge_all,
    merge_all_values,
)
from trading_bot.performance.core.ratios import account_ratios

from .test_pure_core import closed

TRADES = (closed(1, "win", "12.50"), closed(2, "loss", "-4", minutes=5),
          closed(3, "breakeven", "0.00", minutes=9))


def deferred(trades: tuple[ClosedTrade, ...], calls: list[int]) -> DeferredTrades:
    def decode() -> tuple[ClosedTrade, ...]:
        calls.append(1)
        return trades
    return DeferredTrades(len(trades), decode)


def test_length_needs_no_decoding_and_decoding_happens_once() -> None:
    calls: list[int] = []
    tail = deferred(TRADES, calls)
    assert len(tail) == 3
    assert calls == []
    assert tail[-1] is TRADES[-1] and tail[1:] == TRADES[1:] and list(tail) == list(TRADES)
    assert calls == [1]


def test_equal_hashed_and_pickled_as_the_tuple() -> None:
    tail = deferred(TRADES, [])
    assert tail == TRADES and tail == deferred(TRADES, [])
    assert TRADES == tail  # noqa: SIM300 - the tuple on the left: the reflected comparison
    assert tail != TRADES[:2] and tail != list(TRADES)
    assert hash(tail) == hash(TRADES)
    assert repr(tail) == repr(TRADES)
    assert pickle.loads(pickle.dumps(tail)) == TRADES
    assert type(pickle.loads(pickle.dumps(tail))) is tuple


def test_a_wrong_count_is_an_error_not_a_silent_tail() -> None:
    with pytest.raises(ValueError):
        list(DeferredTrades(2, lambda: TRADES))


def test_aggregates_with_a_deferred_tail_merge_and_compare_as_with_the_tuple() -> None:
    plain = fold(list(TRADES))
    lazy = fold(list(TRADES), tail_size=0)
    lazy = replace(lazy, tail=deferred(TRADES, []))
    assert lazy == plain
    later = fold([closed(4, "win", "1", minutes=20)])
    assert lazy.merge(later) == plain.merge(later)
    assert lazy.merge(later, tail_size=2).tail == plain.merge(later, tail_size=2).tail
    ratios = account_ratios(plain.core.net + 100, 1, plain.core, plain.moments, plain.drawdown,
                            lazy.tail)
    assert ratios == account_ratios(plain.core.net + 100, 1, plain.core, plain.moments,
                                    plain.drawdown, plain.tail)


def test_merging_value_rows_equals_merging_aggregates() -> None:
    trades = [closed(line, ("win", "loss", "breakeven")[line % 3],
                     ("3.10", "-1.5", "0")[line % 3], minutes=line * 300,
                     day=date(2026, 3, 2) + timedelta(days=line // 5),
                     strategy=("alpha", "beta")[line % 2], indicators=("rsi",) * (line % 2),
                     hold=None if line % 4 == 0 else "60")
              for line in range(1, 23)]
    days = list(fold_by_day(trades, tail_size=0).values())
    with_empty = [days[0], fold([], tail_size=0), *days[1:]]
    expected = merge_all(with_empty, tail_size=0)
    merged = merge_all_values([aggregate_parts(day) for day in with_empty], tail_size=0)
    assert merged == expected
    assert list(merged.day_stats) == list(expected.day_stats)
    assert {dimension: list(rows) for dimension, rows in merged.breakdown_stats.items()} == {
        dimension: list(rows) for dimension, rows in expected.breakdown_stats.items()}
    assert merge_all_values([], tail_size=0) == merge_all([], tail_size=0)
