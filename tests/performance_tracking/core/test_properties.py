"""Hypothesis properties: the aggregate is a monoid, agrees with brute force, and parsing is exact.

a. ``merge_all([fold(c) for c in chunks]) == fold(all)`` for any split into consecutive chunks,
   for every field of :class:`Aggregate` (also with a small rolling tail), and day-wise folding
   then merging equals folding.
b. An independent, deliberately naive oracle for drawdown, streaks, extremes and win rate.
c. Money survives ``json.dumps -> decode_line -> trade_from_json`` exactly; arbitrary bytes in a
   real file never make the reader raise and every complete line is accounted for once.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trading_bot.performance.core.aggregate import (
    Aggregate,
    ClosedTrade,
    Drawdown,
    Streaks,
    fold,
    fold_by_day,
    merge_all,
)
from trading_bot.performance.core.metrics import core_metrics
from trading_bot.performance.core.records import trade_from_json
from trading_bot.performance.ingest.logfiles import DayFile
from trading_bot.performance.ingest.reader import build_ledger, decode_line, scan_file

from ..conftest import trade

ZONE = ZoneInfo("America/New_York")
#: Two days before the 2026 US DST change, so some generated spans cross a 23-hour local day.
BASE = datetime(2026, 3, 6, 12, 0, tzinfo=UTC)
FILE = "f.jsonl"

# --------------------------------------------------------------------------- generators: trades

TIE_NETS = [Decimal("-2.50"), Decimal("-1.00"), Decimal("0.00"), Decimal("1.00"), Decimal("2.50")]
nets = st.one_of(
    st.sampled_from(TIE_NETS),
    st.integers(-50_000, 50_000).map(lambda cents: Decimal(cents).scaleb(-2)),
)
optional_amount = st.one_of(
    st.none(), st.integers(0, 100_000).map(lambda n: Decimal(n).scaleb(-2)))
optional_signed = st.one_of(
    st.none(), st.integers(-500, 500).map(lambda n: Decimal(n).scaleb(-2)))

trade_parts = st.fixed_dictionaries({
    # seconds since the previous trade: 0 makes equal instants, ordered by line number
    "gap": st.one_of(st.just(0), st.integers(1, 9 * 3600)),
    "outcome": st.sampled_from(["win", "loss", "breakeven"]),
    "net": nets,
    "commission": st.integers(0, 300).map(lambda n: Decimal(n).scaleb(-2)),
    "hold": optional_amount,
    "rr": optional_amount,
    "r": optional_signed,
    "strategy": st.sampled_from(["alpha", "beta"]),
    "symbol": st.sampled_from(["AAPL", "BTCUSDT", "ETH-USD"]),
    "side": st.sampled_from(["long", "short"]),
    "indicators": st.lists(st.sampled_from(["RSI", "MACD", "EMA"]), unique=True, max_size=3),
    "confidence": st.sampled_from(["high", "low", "(missing)"]),
})


def build_trades(parts: Sequence[dict[str, Any]]) -> list[ClosedTrade]:
    """ClosedTrades with strictly increasing keys (instant, file, line), in realization order."""
    trades = []
    instant = BASE
    for line, part in enumerate(parts, start=1):
        instant += timedelta(seconds=part["gap"])
        groups = [("strategy_name", part["strategy"]), ("symbol", part["symbol"]),
                  ("side", part["side"]), ("execution_mode", "PAPER")]
        groups.extend(("indicator", name) for name in part["indicators"])
        groups.append(("confidence", part["confidence"]))
        trades.append(ClosedTrade(
            key=(instant, FILE, line),
            local_day=instant.astimezone(ZONE).date(),
            order_id=f"O{line}",
            symbol=part["symbol"],
            outcome=part["outcome"],
            net=part["net"],
            commission=part["commission"],
            hold_seconds=part["hold"],
            planned_rr=part["rr"],
            r_multiple=part["r"],
            groups=tuple(groups),
        ))
    return trades


closed_trades = st.lists(trade_parts, max_size=40).map(build_trades)


def chunks_of(items: list[ClosedTrade], cuts: list[int]) -> list[list[ClosedTrade]]:
    """Split at the given cut points (duplicates give empty chunks)."""
    bounds = [0, *sorted(min(cut, len(items)) for cut in cuts), len(items)]
    return [items[start:stop] for start, stop in itertools.pairwise(bounds)]


def assert_same_aggregate(merged: Aggregate, scratch: Aggregate) -> None:
    """Field by field first, so a failure names the part that differs; then the whole value."""
    assert merged.core == scratch.core
    assert merged.largest_win == scratch.largest_win
    assert merged.largest_loss == scratch.largest_loss
    assert merged.streaks == scratch.streaks
    assert merged.drawdown == scratch.drawdown
    assert merged.drawdown.max_peak_key == scratch.drawdown.max_peak_key
    assert merged.drawdown.max_trough_key == scratch.drawdown.max_trough_key
    assert merged.day_stats == scratch.day_stats
    assert merged.breakdown_stats == scratch.breakdown_stats
    assert merged.tail == scratch.tail
    assert merged == scratch


# --------------------------------------------------------------------------- a. monoid


@settings(max_examples=120, deadline=None, database=None)
@given(trades=closed_trades, data=st.data())
def test_merging_chunk_folds_equals_folding_everything(trades: list[ClosedTrade],
                                                      data: st.DataObject) -> None:
    cuts = data.draw(st.lists(st.integers(0, len(trades)), max_size=8), label="cuts")
    parts = chunks_of(trades, cuts)
    assert sum(len(part) for part in parts) == len(trades)
    assert_same_aggregate(merge_all(fold(part) for part in parts), fold(trades))


@settings(max_examples=100, deadline=None, database=None)
@given(trades=closed_trades, data=st.data(), tail_size=st.sampled_from([0, 1, 2, 5]))
def test_merging_with_a_small_tail_equals_folding(trades: list[ClosedTrade], data: st.DataObject,
                                                  tail_size: int) -> None:
    cuts = data.draw(st.lists(st.integers(0, len(trades)), max_size=8), label="cuts")
    parts = chunks_of(trades, cuts)
    merged = merge_all((fold(part, tail_size=tail_size) for part in parts), tail_size=tail_size)
    scratch = fold(trades, tail_size=tail_size)
    assert_same_aggregate(merged, scratch)
    assert merged.tail == tuple(trades[-tail_size:]) if tail_size else merged.tail == ()


@settings(max_examples=100, deadline=None, database=None)
@given(trades=closed_trades)
def test_fold_by_day_then_merge_equals_fold(trades: list[ClosedTrade]) -> None:
    by_day = fold_by_day(trades)
    assert list(by_day) == sorted({t.local_day for t in trades})
    for day, aggregate in by_day.items():
        assert set(aggregate.day_stats) == {day}
    assert_same_aggregate(merge_all(by_day.values()), fold(trades))
    small = fold_by_day(trades, tail_size=3)
    assert_same_aggregate(merge_all(small.values(), tail_size=3), fold(trades, tail_size=3))


@settings(max_examples=100, deadline=None, database=None)
@given(trades=closed_trades, data=st.data())
def test_merge_is_associative(trades: list[ClosedTrade], data: st.DataObject) -> None:
    cuts = data.draw(st.lists(st.integers(0, len(trades)), min_size=2, max_size=2), label="cuts")
    a, b, c = (fold(part) for part in chunks_of(trades, cuts))
    assert_same_aggregate(a.merge(b).merge(c), a.merge(b.merge(c)))


# --------------------------------------------------------------------------- b. brute-force oracle


def oracle_drawdown(trades: Sequence[ClosedTrade]) -> tuple[Decimal, Any, Any, Decimal]:
    """Every (peak, trough) pair; earliest trough then earliest peak win ties. Start = None, 0."""
    cumulative = [Decimal(0)]
    for item in trades:
        cumulative.append(cumulative[-1] + item.net)
    keys = [None] + [item.key for item in trades]
    best: tuple[Decimal, Any, Any] = (Decimal(0), None, None)
    for trough in range(1, len(cumulative)):
        for peak in range(trough):
            depth = cumulative[peak] - cumulative[trough]
            if depth > best[0]:
                best = (depth, keys[peak], keys[trough])
    current = max(cumulative) - cumulative[-1]
    return (*best, current)


def oracle_streaks(outcomes: Sequence[str]) -> dict[str, int]:
    longest = {"win": 0, "loss": 0, "breakeven": 0}
    for start in range(len(outcomes)):
        length = 0
        for outcome in outcomes[start:]:
            if outcome != outcomes[start]:
                break
            length += 1
        longest[outcomes[start]] = max(longest[outcomes[start]], length)
    return longest


@settings(max_examples=150, deadline=None, database=None)
@given(trades=closed_trades)
def test_fold_agrees_with_brute_force(trades: list[ClosedTrade]) -> None:
    aggregate = fold(trades)
    depth, peak_key, trough_key, current = oracle_drawdown(trades)
    assert aggregate.drawdown.max_drawdown == depth
    assert aggregate.drawdown.max_peak_key == peak_key
    assert aggregate.drawdown.max_trough_key == trough_key
    assert aggregate.drawdown.current == current
    assert aggregate.drawdown.total == sum((t.net for t in trades), Decimal(0))

    outcomes = [t.outcome for t in trades]
    longest = oracle_streaks(outcomes)
    assert aggregate.streaks.longest_win == longest["win"]
    assert aggregate.streaks.longest_loss == longest["loss"]
    assert aggregate.streaks.count == len(trades)
    if trades:
        first_run = last_run = 0
        while first_run < len(outcomes) and outcomes[first_run] == outcomes[0]:
            first_run += 1
        while last_run < len(outcomes) and outcomes[-1 - last_run] == outcomes[-1]:
            last_run += 1
        assert (aggregate.streaks.first_kind, aggregate.streaks.first_length) == (outcomes[0], first_run)
        assert (aggregate.streaks.last_kind, aggregate.streaks.last_length) == (outcomes[-1], last_run)

    wins = sum(1 for o in outcomes if o == "win")
    losses = sum(1 for o in outcomes if o == "loss")
    assert (aggregate.core.wins, aggregate.core.losses, aggregate.core.closed) == (
        wins, losses, len(trades))
    win_rate = core_metrics(aggregate.core).values["win_rate"]
    if trades:
        assert isinstance(win_rate, Decimal)
        assert abs(Fraction(win_rate) - Fraction(wins, len(trades))) < Fraction(1, 10 ** 30)
    else:
        assert win_rate is None

    winners = [t for t in trades if t.outcome == "win"]
    if winners:
        top = max(t.net for t in winners)
        first_top = next(t for t in winners if t.net == top)
        assert aggregate.largest_win is not None
        assert (aggregate.largest_win.net, aggregate.largest_win.key) == (top, first_top.key)
    else:
        assert aggregate.largest_win is None
    losers = [t for t in trades if t.outcome == "loss"]
    if losers:
        bottom = min(t.net for t in losers)
        first_bottom = next(t for t in losers if t.net == bottom)
        assert aggregate.largest_loss is not None
        assert (aggregate.largest_loss.net, aggregate.largest_loss.key) == (bottom, first_bottom.key)
    else:
        assert aggregate.largest_loss is None
    assert aggregate.core.gross_profit == sum((t.net for t in winners), Decimal(0))
    assert aggregate.core.gross_loss == sum((t.net for t in losers), Decimal(0))


def test_oracle_on_a_hand_checked_sequence() -> None:
    """The oracle itself, on numbers worked out by hand: +5, -3, -4 (+0), +10, -10, -10."""
    nets = ["5", "-3", "-4", "0", "10", "-10", "-10"]
    outcomes = ["win", "loss", "loss", "breakeven", "win", "loss", "loss"]
    parts: list[dict[str, Any]] = [{"gap": 60, "outcome": o, "net": Decimal(n), "commission": Decimal(0), "hold": None,
              "rr": None, "r": None, "strategy": "alpha", "symbol": "AAPL", "side": "long",
              "indicators": [], "confidence": "high"} for n, o in zip(nets, outcomes, strict=True)]
    trades = build_trades(parts)
    aggregate = fold(trades)
    # cumulative 5, 2, -2, -2, 8, -2, -12: deepest fall is 8 -> -12 = 20
    assert aggregate.drawdown.max_drawdown == Decimal(20)
    assert aggregate.drawdown.max_peak_key == trades[4].key
    assert aggregate.drawdown.max_trough_key == trades[6].key
    assert oracle_drawdown(trades)[:3] == (Decimal(20), trades[4].key, trades[6].key)
    assert aggregate.streaks == Streaks(7, "win", 1, "loss", 2, 1, 2)
    assert oracle_streaks(outcomes) == {"win": 1, "loss": 2, "breakeven": 1}
    assert aggregate.drawdown == Drawdown(Decimal(-12), Decimal(8), trades[4].key, Decimal(-12),
                                          trades[6].key, Decimal(20), trades[4].key, trades[6].key,
                                          Decimal(8))


# --------------------------------------------------------------------------- c. parsing


def money(places: st.SearchStrategy[int], low: Decimal | None, high: Decimal) -> st.SearchStrategy[str]:
    """Decimal strings with a drawn number of places, formatted without exponent."""
    def at(p: int) -> st.SearchStrategy[str]:
        smallest = Decimal(1).scaleb(-p)
        return st.decimals(min_value=smallest if low is None else low, max_value=high, places=p,
                           allow_nan=False, allow_infinity=False).map(lambda d: format(d, "f"))
    return places.flatmap(at)


POSITIVE = ("quantity", "price")
OPTIONAL_POSITIVE = ("stop_loss", "target")
SIGNED = ("profit_loss", "net_profit_loss", "slippage")
NON_NEGATIVE = ("total_value", "risk_reward_ratio", "commission", "hold_duration_seconds")
MONEY_FIELDS = POSITIVE + OPTIONAL_POSITIVE + SIGNED + NON_NEGATIVE
BIG = Decimal(10) ** 12


def money_fields(places: st.SearchStrategy[int]) -> st.SearchStrategy[dict[str, str | None]]:
    fields: dict[str, st.SearchStrategy[str | None]] = {}
    for name in POSITIVE:
        fields[name] = money(places, None, BIG)
    for name in OPTIONAL_POSITIVE:
        fields[name] = st.none() | money(places, None, BIG)
    for name in SIGNED:
        fields[name] = st.none() | money(places, -BIG, BIG)
    for name in NON_NEGATIVE:
        fields[name] = st.none() | money(places, Decimal(0), BIG)
    return st.fixed_dictionaries(fields)


symbols = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9._:/-]{0,31}\Z")
valid_lines = st.fixed_dictionaries({
    "money": money_fields(st.integers(0, 10)),
    "symbol": symbols,
    "closed": st.booleans(),
    "action": st.sampled_from(["BUY", "SELL"]),
    "mode": st.sampled_from(["PAPER", "LIVE"]),
    "extra": st.dictionaries(st.sampled_from(["confidence", "regime", "score"]),
                             st.text(max_size=8), max_size=2),
})


def line_from(drawn: dict[str, Any]) -> dict[str, Any]:
    amounts = dict(drawn["money"])
    closed = drawn["closed"]
    if closed and amounts["profit_loss"] is None and amounts["net_profit_loss"] is None:
        amounts["net_profit_loss"] = "0"
    line = trade("P1", outcome="win" if closed else "open", symbol=drawn["symbol"],
                 action=drawn["action"], mode=drawn["mode"])
    line.update(amounts)
    line.update(drawn["extra"])
    return line


@settings(max_examples=120, deadline=None, database=None)
@given(drawn=valid_lines)
def test_decimal_strings_round_trip_exactly(drawn: dict[str, Any]) -> None:
    line = line_from(drawn)
    record = trade_from_json(decode_line(json.dumps(line).encode("utf-8")))
    for name in MONEY_FIELDS:
        text = line[name]
        value = getattr(record, name)
        if text is None:
            assert value is None, name
            continue
        assert isinstance(value, Decimal), name
        assert value == Decimal(text), name
        assert value.as_tuple() == Decimal(text).as_tuple(), name   # same digits and exponent
        assert format(value, "f") == text, name
    assert record.symbol == drawn["symbol"]
    assert dict(record.extras) == drawn["extra"]


@settings(max_examples=100, deadline=None, database=None)
@given(amounts=money_fields(st.integers(0, 6)))
def test_json_numbers_round_trip_exactly(amounts: dict[str, str | None]) -> None:
    """Money written as JSON numbers (not strings) comes back from its own digits.

    Up to 6 places: smaller magnitudes hit the separate, known exponent check problem covered by
    ``test_reader.py::test_json_number_without_exponent_but_tiny_is_accepted``.
    """
    line = trade("N1", outcome="open")   # open: a line without any P&L is still valid
    line.update({name: None for name in MONEY_FIELDS if name not in POSITIVE})
    placeholders = {}
    for name, text in amounts.items():
        if text is not None:
            line[name] = f"@@{name}@@"
            placeholders[f'"@@{name}@@"'] = text
    raw = json.dumps(line)
    for placeholder, text in placeholders.items():
        raw = raw.replace(placeholder, text)
    record = trade_from_json(decode_line(raw.encode("utf-8")))
    for name, text in amounts.items():
        value = getattr(record, name)
        if text is None:
            assert value is None
        else:
            assert value == Decimal(text), name
            assert value.as_tuple().exponent == Decimal(text).as_tuple().exponent, name


# --------------------------------------------------------------------------- c. arbitrary bytes

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12))
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)
field_names = st.sampled_from(sorted(trade()))


@st.composite
def mutated_trade(draw: st.DrawFn) -> bytes:
    """A trade line with a field replaced, removed or the bytes cut or flipped."""
    line = trade(draw(st.sampled_from(["A", "B", "C"])),
                 outcome=draw(st.sampled_from(["win", "loss", "breakeven", "open"])))
    action = draw(st.sampled_from(["replace", "remove", "cut", "flip", "keep"]))
    if action == "replace":
        line[draw(field_names)] = draw(json_values)
    elif action == "remove":
        line.pop(draw(field_names))
    raw = json.dumps(line).encode("utf-8")
    if action == "cut":
        raw = raw[:draw(st.integers(0, len(raw)))]
    elif action == "flip":
        position = draw(st.integers(0, len(raw) - 1))
        raw = raw[:position] + bytes([draw(st.integers(0, 255))]) + raw[position + 1:]
    return raw


TOKENS = [b"{", b"}", b"[", b"]", b'"', b":", b",", b"NaN", b"-Infinity", b"1e5", b"0.1", b"-0",
          b"true", b"null", b"\xef\xbb\xbf", b"\xff", b"\xc3", b"\r", b" ", b"\t", b'"quantity"',
          b'"timestamp"', b'"2026-03-02T14:00:00Z"', b"\\u0000", b"\x00"]
token_lines = st.lists(st.sampled_from(TOKENS), max_size=12).map(b"".join)
any_line = st.one_of(st.binary(max_size=120), token_lines, mutated_trade(),
                     st.just(json.dumps(trade("OK")).encode()))


@st.composite
def file_bytes(draw: st.DrawFn) -> bytes:
    if draw(st.booleans()):
        return draw(st.binary(max_size=600))
    lines = draw(st.lists(any_line, max_size=12))
    ends = [draw(st.sampled_from([b"\n", b"\r\n"])) for _ in lines]
    body = b"".join(line.replace(b"\n", b"") + end for line, end in zip(lines, ends, strict=True))
    prefix = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    return prefix + body + draw(st.binary(max_size=30).map(lambda b: b.replace(b"\n", b"")))


@pytest.fixture(scope="module")
def fuzz_file(tmp_path_factory: pytest.TempPathFactory) -> DayFile:
    path = tmp_path_factory.mktemp("fuzz") / "2026-03-02.jsonl"
    return DayFile(path, date(2026, 3, 2))


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=file_bytes())
def test_arbitrary_bytes_never_raise_and_every_line_is_accounted(fuzz_file: DayFile,
                                                                  data: bytes) -> None:
    fuzz_file.path.write_bytes(data)
    result = scan_file(fuzz_file)
    complete = data.count(b"\n")
    assert result.lines_read == complete
    good = [t.line for t in result.trades]
    bad = [b.line for b in result.bad_lines]
    assert sorted(good + bad) == list(range(1, complete + 1))
    assert all(isinstance(b.reason, str) and b.reason for b in result.bad_lines)
    assert result.end_offset == data.rfind(b"\n") + 1
    assert result.torn_tail_bytes == len(data) - result.end_offset
    assert result.next_line_number == complete + 1
    ledger = build_ledger([result])
    assert len(ledger.bad_lines) == len(bad)
    assert (len(ledger.closed) + len(ledger.open) + len(ledger.duplicates) + len(ledger.superseded)
            + len(ledger.reopened)) == len(good)


# --------------------------------------------------------------------------------------------
# The cache's spelling of a line's extras: the memoised encoding never mixes up equal values

EXTRA_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=3),
                         st.sampled_from([Decimal("1"), Decimal("1.0"), Decimal("0.10")]),
                         st.lists(st.integers(0, 2), max_size=2))


@given(st.lists(st.dictionaries(st.sampled_from(["confidence", "regime", "tag"]), EXTRA_VALUES,
                                min_size=1, max_size=3), min_size=1, max_size=6))
def test_stored_extras_are_spelled_as_json_would_spell_them(all_extras: list[dict[str, Any]]) -> None:
    """``True``, ``1`` and ``Decimal("1.0")`` are equal dictionary keys, but not equal text."""
    from trading_bot.performance.cache.codec import _encode_extras

    for extras in all_extras:
        assert _encode_extras(extras) == json.dumps(extras, default=str, sort_keys=True)
