"""The fold's row totals agree, digit for digit, with a naive one-trade-at-a-time oracle.

``fold`` files trades under their rows and sums each row once, shares the span's core with a row
that holds every trade, and builds a one-trade row straight from the trade (see
``core.aggregate._core_of``).  These properties pin those shortcuts to the definition: every day
and breakdown row equals the oracle's in value, exponent and sign of zero (compared by ``repr``),
including negative zeros, positive exponents, a trade listed twice in one row and rows that
hold the whole span.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from trading_bot.performance.core.aggregate import (
    FOLD_CHUNK,
    ClosedTrade,
    CoreStats,
    fold,
    merge_all,
)
from trading_bot.performance.core.decimals import exact_sums

BASE = datetime(2026, 3, 6, 12, 0, tzinfo=UTC)

amounts = st.one_of(
    st.sampled_from([Decimal("0.00"), Decimal("-0.00"), Decimal("-0"), Decimal("5E+1"),
                     Decimal("1.5"), Decimal("-2.250"), Decimal("7")]),
    st.integers(-5_000, 5_000).map(lambda cents: Decimal(cents).scaleb(-2)),
)
optional = st.one_of(st.none(), amounts)
GROUP_VALUES = st.sampled_from(["a", "b", "c"])


@st.composite
def trades(draw: st.DrawFn) -> list[ClosedTrade]:
    count = draw(st.integers(1, 12))
    result = []
    for index in range(count):
        realized = BASE + timedelta(hours=draw(st.integers(0, 60)) + index * 0)
        groups: list[tuple[str, str]] = [("same", "all"), ("pick", draw(GROUP_VALUES)),
                                         ("raw", f"text {index}")]
        if draw(st.booleans()):
            # A --group-by field named like a built-in: the trade is in its row twice.
            groups.append(("pick", groups[1][1]))
        result.append(ClosedTrade(
            key=(realized, "f.jsonl", index), local_day=realized.date(),
            order_id=f"o{index}", symbol="BTC",
            outcome=draw(st.sampled_from(["win", "loss", "breakeven"])),
            net=draw(amounts), commission=draw(amounts), hold_seconds=draw(optional),
            planned_rr=draw(optional), r_multiple=draw(optional), groups=tuple(groups)))
    result.sort(key=lambda trade: trade.key)
    return result


def oracle_row(members: list[ClosedTrade]) -> CoreStats:
    """The definition: running totals from the int 0, one trade at a time, then Decimal()."""
    totals: dict[str, Any] = dict.fromkeys(
        ["closed", "wins", "losses", "breakevens", "net", "gross_profit", "gross_loss",
         "commission", "hold_sum", "hold_count", "win_hold_sum", "win_hold_count",
         "loss_hold_sum", "loss_hold_count", "rr_sum", "rr_count", "r_sum", "r_count"], 0)
    with exact_sums():
        for trade in members:
            totals["closed"] += 1
            totals["net"] += trade.net
            totals["commission"] += trade.commission
            kind = {"win": "win", "loss": "loss"}.get(trade.outcome)
            totals[{"win": "wins", "loss": "losses"}.get(trade.outcome, "breakevens")] += 1
            if kind is not None:
                totals["gross_profit" if kind == "win" else "gross_loss"] += trade.net
            if trade.hold_seconds is not None:
                totals["hold_sum"] += trade.hold_seconds
                totals["hold_count"] += 1
                if kind is not None:
                    totals[f"{kind}_hold_sum"] += trade.hold_seconds
                    totals[f"{kind}_hold_count"] += 1
            for field, value in (("rr", trade.planned_rr), ("r", trade.r_multiple)):
                if value is not None:
                    totals[f"{field}_sum"] += value
                    totals[f"{field}_count"] += 1
    values: list[Any] = [Decimal(value) if name.endswith(("sum", "net", "profit", "loss",
                                                          "commission")) else value
                         for name, value in totals.items()]
    return CoreStats(*values)


def oracle_maps(span: list[ClosedTrade]) -> tuple[dict[date, CoreStats],
                                                  dict[str, dict[str, CoreStats]]]:
    days: dict[date, list[ClosedTrade]] = {}
    rows: dict[str, dict[str, list[ClosedTrade]]] = {}
    for trade in span:
        days.setdefault(trade.local_day, []).append(trade)
        for dimension, value in trade.groups:
            rows.setdefault(dimension, {}).setdefault(value, []).append(trade)
    return ({day: oracle_row(members) for day, members in days.items()},
            {dimension: {value: oracle_row(members) for value, members in values.items()}
             for dimension, values in rows.items()})


def assert_fold_equals_the_oracle(span: list[ClosedTrade]) -> None:
    """The fold's core, day rows and breakdown rows spell exactly what the oracle's do."""
    aggregate = fold(span)
    days, breakdowns = oracle_maps(span)
    assert repr(aggregate.core) == repr(oracle_row(span))
    assert repr(dict(aggregate.day_stats)) == repr(days)
    assert repr({d: dict(rows) for d, rows in aggregate.breakdown_stats.items()}) == repr(
        breakdowns)


@settings(max_examples=300, deadline=None)
@given(trades())
def test_fold_rows_equal_the_oracle_digit_for_digit(span: list[ClosedTrade]) -> None:
    assert_fold_equals_the_oracle(span)


@settings(max_examples=200, deadline=None)
@given(trades(), st.integers(0, 12))
def test_merged_rows_equal_the_folded_rows(span: list[ClosedTrade], cut: int) -> None:
    merged = merge_all([fold(span[:cut]), fold(span[cut:])])
    folded = fold(span)
    assert repr(merged.core) == repr(folded.core)
    assert repr(dict(merged.day_stats)) == repr(dict(folded.day_stats))
    assert repr({d: dict(rows) for d, rows in merged.breakdown_stats.items()}) == repr(
        {d: dict(rows) for d, rows in folded.breakdown_stats.items()})


def test_a_row_of_the_whole_span_is_the_span_core() -> None:
    span = [ClosedTrade((BASE + timedelta(minutes=i), "f", i), BASE.date(), f"o{i}", "BTC",
                        "win", Decimal("1.5"), Decimal("0.1"), None, None, None,
                        (("same", "all"),)) for i in range(3)]
    aggregate = fold(span)
    assert aggregate.breakdown_stats["same"]["all"] is aggregate.core
    assert aggregate.day_stats[BASE.date()] is aggregate.core


def test_a_span_longer_than_a_chunk_sums_its_chunks_exactly() -> None:
    """Spans over FOLD_CHUNK trades are summed chunk by chunk; rows crossing chunks, rows of one
    trade and amounts of mixed exponents must still equal the oracle's digit for digit."""
    rng = random.Random(15)
    pool = [Decimal("-0.00"), Decimal("5E+1"), Decimal("0.125"), Decimal("-3"), Decimal("2.50")]
    span = []
    for index in range(2 * FOLD_CHUNK + 7):
        realized = BASE + timedelta(seconds=30 * index)   # a day of 2,880 > FOLD_CHUNK

        def amount() -> Decimal:
            return rng.choice(pool) if rng.random() < 0.2 else Decimal(
                rng.randint(-9999, 9999)).scaleb(-rng.randint(0, 3))

        span.append(ClosedTrade(
            (realized, "f.jsonl", index), realized.date(), f"o{index}", "BTC",
            rng.choice(["win", "loss", "breakeven"]), amount(), amount(),
            None if rng.random() < 0.3 else amount(), None if rng.random() < 0.5 else amount(),
            None if rng.random() < 0.5 else amount(),
            (("same", "all"), ("pick", rng.choice("abcdefg")), ("raw", f"text {index}"),
             ("rare", f"r{rng.randint(0, 3000)}"))))
    assert_fold_equals_the_oracle(span)
