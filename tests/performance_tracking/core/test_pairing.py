"""FIFO pairing of executions, pure: hand-computed round trips, open lots and remarks.

Every expected number is worked out by hand in the test's docstring or comments; the property
test at the end compares the package with a deliberately simple FIFO written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trading_bot.performance.core.pairing import (
    Fill,
    KeyState,
    Pairing,
    PairKey,
    classify,
    out_of_order,
    pair,
    split_commission,
    trivial,
    unrealized,
)

D = Decimal
ZERO = Decimal(0)
PAPER: PairKey = ("PAPER", "ACC-1", "AAPL")
T0 = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


def fill(action: str, quantity: str, price: str, minutes: int = 0, *, key: PairKey = PAPER,
         commission: str = "0", file: str = "2026-03-02.jsonl", line: int | None = None,
         order_id: str | None = None, at: datetime | None = None, **extra: object) -> Fill:
    instant = at or T0 + timedelta(minutes=minutes)
    number = line if line is not None else minutes + 1
    return Fill(order=(instant, file, number), key=key, order_id=order_id or f"E{number}",
                action=action, quantity=D(quantity), price=D(price), commission=D(commission),
                strategy_name="manual", **extra)  # type: ignore[arg-type]


def test_round_trip_from_flat_to_flat() -> None:
    """BUY 10 @ 100, SELL 10 @ 103: long, gross (103 - 100) x 10 = 30, hold 5 minutes."""
    result = pair([fill("BUY", "10", "100", 0), fill("SELL", "10", "103", 5)])
    (trip,) = result.round_trips
    assert (trip.side, trip.quantity, trip.gross, trip.net, trip.fills) == \
        ("long", D(10), D(30), D(30), 2)
    assert trip.entry_at == T0 and trip.exit_at == T0 + timedelta(minutes=5)
    assert trip.hold_seconds == 300
    assert result.states[PAPER].position is None


def test_scale_in_averages_the_entry() -> None:
    """BUY 10 @ 100, BUY 10 @ 110, SELL 20 @ 108.

    Entry value 1000 + 1100 = 2100, average 105; exit 20 x 108 = 2160, average 108.
    FIFO: (108 - 100) x 10 + (108 - 110) x 10 = 80 - 20 = 60 = 2160 - 2100.
    """
    (trip,) = pair([fill("BUY", "10", "100", 0), fill("BUY", "10", "110", 1),
                    fill("SELL", "20", "108", 2)]).round_trips
    assert trip.entry_value == 2100 and trip.average_entry == 105
    assert trip.exit_value == 2160 and trip.average_exit == 108
    assert trip.gross == 60 and trip.fills == 3 and trip.opening.order_id == "E1"


def test_partial_exits_belong_to_the_round_trip() -> None:
    """BUY 10 @ 50, SELL 4 @ 55 (+20), SELL 6 @ 45 (-30): one trip, gross -10, exit on the last."""
    result = pair([fill("BUY", "10", "50", 0), fill("SELL", "4", "55", 10),
                   fill("SELL", "6", "45", 20)])
    (trip,) = result.round_trips
    assert trip.gross == -10 and trip.closing.order_id == "E21"
    assert trip.exit_value == 220 + 270 and trip.average_exit == 49


def test_partial_exit_leaves_fifo_lots_open() -> None:
    """BUY 10 @ 100, BUY 10 @ 120, SELL 15 @ 130: the oldest lot goes first.

    Closed: 10 @ 100 and 5 @ 120; open: 5 @ 120 (average cost 120, cost 600); realized so far
    (130 - 100) x 10 + (130 - 120) x 5 = 350; no round trip yet.  Marked at 125: (125 - 120) x 5.
    """
    result = pair([fill("BUY", "10", "100", 0), fill("BUY", "10", "120", 1),
                   fill("SELL", "15", "130", 2)])
    assert result.round_trips == ()
    position = result.states[PAPER].position
    assert position is not None
    assert (position.quantity, position.average_cost, position.cost) == (D(5), D(120), D(600))
    assert position.gross == 350 and position.fills == 3 and not trivial(position)
    assert unrealized(position, D("125")) == 25


def test_short_round_trip_is_mirrored() -> None:
    """SELL 8 @ 200, BUY 3 @ 190 (+30), BUY 5 @ 210 (-50): short, gross -20."""
    (trip,) = pair([fill("SELL", "8", "200", 0), fill("BUY", "3", "190", 1),
                    fill("BUY", "5", "210", 2)]).round_trips
    assert trip.side == "short" and trip.gross == -20 and trip.quantity == 8


def test_a_fill_that_crosses_zero_closes_and_opens_the_next_with_its_remainder() -> None:
    """BUY 10 @ 100 (commission 1), SELL 15 @ 110 (commission 3), BUY 5 @ 105.

    The SELL closes 10 (gross +100) and opens a short of 5.  Its commission 3 is split by
    quantity: 3 x 10/15 = 2.00 to the closing part, 1.00 to the opening part.
    Trip 1: long, net 100 - 1 - 2 = 97.  Trip 2: short 5 @ 110, BUY 5 @ 105: gross 25, net 24.
    """
    result = pair([fill("BUY", "10", "100", 0, commission="1"),
                   fill("SELL", "15", "110", 1, commission="3.00"),
                   fill("BUY", "5", "105", 2)])
    first, second = result.round_trips
    assert (first.side, first.gross, first.commission, first.net) == \
        ("long", D(100), D(3), D(97))
    assert first.flipped_out and not first.flipped_in
    assert (second.side, second.gross, second.commission, second.net) == \
        ("short", D(25), D(1), D(24))
    assert second.flipped_in and second.opened_quantity == 5 and second.quantity == 5
    assert second.opening.order_id == first.closing.order_id == "E2"
    assert second.entry_at == first.exit_at
    (flip,) = result.flips
    assert (flip.closed_side, flip.closed_quantity, flip.opened_quantity) == \
        ("long", D(10), D(5))
    assert first.commission + second.commission == D("1") + D("3.00")


@pytest.mark.parametrize(("commission", "part", "whole", "expected"), [
    ("3.00", "10", "15", ("2.00", "1.00")),
    ("1.00", "1", "3", ("0.33", "0.67")),           # 0.333.. rounds half-even to cents
    ("1", "1", "8", ("0.12", "0.88")),              # 0.125 -> 0.12 (half-even), at least cents
    ("0.00012345", "1", "2", ("0.00006172", "0.00006173")),   # the commission's own places
    ("0", "1", "3", ("0", "0")),
    ("2.50", "4", "4", ("2.50", "0.00")),
])
def test_commission_split_is_exact_and_the_rest_takes_the_rounding(
        commission: str, part: str, whole: str, expected: tuple[str, str]) -> None:
    share, rest = split_commission(D(commission), D(part), D(whole))
    assert (str(share), str(rest)) == expected
    assert share + rest == D(commission)


def test_keys_never_mix() -> None:
    """PAPER and LIVE, and two accounts, on one symbol: three separate positions.

    PAPER/ACC-1: BUY 1 @ 10, SELL 1 @ 12 -> +2.  LIVE/ACC-1: SELL 1 @ 11 (stays open).
    PAPER/ACC-2: BUY 2 @ 10, SELL 2 @ 9 -> -2.  Without keys the SELLs would have paired.
    """
    live: PairKey = ("LIVE", "ACC-1", "AAPL")
    other: PairKey = ("PAPER", "ACC-2", "AAPL")
    result = pair([fill("BUY", "1", "10", 0), fill("SELL", "1", "11", 1, key=live),
                   fill("BUY", "2", "10", 2, key=other), fill("SELL", "1", "12", 3),
                   fill("SELL", "2", "9", 4, key=other)])
    assert sorted((trip.key, trip.gross) for trip in result.round_trips) == [
        (PAPER, D(2)), (other, D(-2))]
    open_live = result.states[live].position
    assert open_live is not None and open_live.side == -1 and open_live.quantity == 1


def test_a_missing_account_is_its_own_key() -> None:
    """account_id null and "" are different accounts: nothing pairs across them."""
    result = pair([fill("BUY", "1", "10", 0, key=("PAPER", None, "X")),
                   fill("SELL", "1", "11", 1, key=("PAPER", "", "X"))])
    assert result.round_trips == ()


def test_decimal_quantities_stay_exact() -> None:
    """BUY 0.1 + 0.2 BTC @ 64000.5 and 64001.25, SELL 0.3 @ 64010.

    Entry 6400.05 + 12800.25 = 19200.30; exit 19203.000; gross 2.700, never 2.6999999.
    """
    (trip,) = pair([fill("BUY", "0.1", "64000.5", 0), fill("BUY", "0.2", "64001.25", 1),
                    fill("SELL", "0.3", "64010", 2)]).round_trips
    assert trip.gross == D("2.700") and str(trip.gross) == "2.700"
    assert trip.quantity == D("0.3")


def test_commissions_on_some_fills_only() -> None:
    """Commissions 0.50 on the entry, none on a scale-in, 0.25 on the exit: 0.75 in all."""
    (trip,) = pair([fill("BUY", "2", "10", 0, commission="0.50"), fill("BUY", "1", "11", 1),
                    fill("SELL", "3", "12", 2, commission="0.25")]).round_trips
    assert trip.commission == D("0.75") and trip.gross == 5 and trip.net == D("4.25")


def test_position_across_days_and_a_month_boundary() -> None:
    """BUY on 03-30, scale in on 03-31, exit on 04-01: one trip, realized on 04-01."""
    days = [datetime(2026, 3, 30, 15, tzinfo=UTC), datetime(2026, 3, 31, 15, tzinfo=UTC),
            datetime(2026, 4, 1, 15, tzinfo=UTC)]
    (trip,) = pair([fill("BUY", "1", "100", at=days[0], file="2026-03-30.jsonl", line=1),
                    fill("BUY", "1", "104", at=days[1], file="2026-03-31.jsonl", line=1),
                    fill("SELL", "2", "103", at=days[2], file="2026-04-01.jsonl",
                         line=1)]).round_trips
    assert trip.entry_at == days[0] and trip.exit_at == days[2]
    assert trip.gross == 2 and trip.hold_seconds == 2 * 86400


def test_resuming_from_a_state_equals_pairing_in_one_go() -> None:
    fills = [fill("BUY", "3", "10", 0), fill("SELL", "5", "12", 1), fill("BUY", "1", "11", 2),
             fill("BUY", "1", "9", 3), fill("SELL", "2", "10", 4)]
    whole = pair(fills)
    first = pair(fills[:2])
    rest = pair(fills[2:], first.states)
    assert first.round_trips + rest.round_trips == whole.round_trips
    assert rest.states == whole.states


def test_fills_are_paired_in_time_order_and_late_ones_reported() -> None:
    """File order: 14:00 BUY, 14:10 SELL, then a 14:05 BUY read last (written late).

    Time order pairs BUY 14:00 + BUY 14:05 (2 long) against SELL 14:10 (2): one trip.
    The 14:05 fill is earlier than the fill read just before it: reported.
    """
    late = fill("BUY", "1", "101", 5, line=3)
    fills = [fill("BUY", "1", "100", 0, line=1), fill("SELL", "2", "103", 10, line=2), late]
    (trip,) = pair(fills).round_trips
    assert trip.gross == 5 and trip.fills == 3
    (found,) = out_of_order(fills)
    assert found.fill == late and found.before.order[2] == 2


def test_equal_instants_keep_file_order() -> None:
    """Same instant: file, then line decide (SELL first here opens a short, BUY closes it)."""
    at = T0
    result = pair([fill("BUY", "1", "10", at=at, line=2), fill("SELL", "1", "11", at=at, line=1)])
    (trip,) = result.round_trips
    assert trip.side == "short" and trip.gross == 1
    assert out_of_order([fill("BUY", "1", "10", at=at, line=2),
                         fill("SELL", "1", "11", at=at, line=1)]) == []


def test_a_fill_before_the_state_is_refused() -> None:
    state = pair([fill("BUY", "1", "10", 5)]).states
    with pytest.raises(ValueError, match="not after"):
        pair([fill("SELL", "1", "10", 1)], state)


@pytest.mark.parametrize(("net", "value", "band", "outcome"), [
    ("0", "100", "0", "breakeven"), ("0.01", "100", "0", "win"), ("-0.01", "100", "0", "loss"),
    ("0.50", "100", "0.005", "breakeven"), ("-0.50", "100", "0.005", "breakeven"),
    ("0.51", "100", "0.005", "win"),
])
def test_outcome_by_sign_with_an_optional_band(net: str, value: str, band: str,
                                               outcome: str) -> None:
    assert classify(D(net), D(value), D(band)) == outcome


def test_an_open_position_of_one_fill_is_trivial() -> None:
    position = pair([fill("BUY", "2", "10", 0)]).states[PAPER].position
    assert position is not None and trivial(position)
    flipped = pair([fill("BUY", "1", "10", 0), fill("SELL", "3", "11", 1)]).states[PAPER].position
    assert flipped is not None and flipped.fills == 1 and not trivial(flipped)


# --------------------------------------------------------------------------------------------
# The property: the package equals a deliberately simple FIFO.


@dataclass
class Book:
    """One key's position in the simple FIFO: lots as [quantity, price], oldest first."""

    sign: int = 0
    lots: list[list[Decimal]] = field(default_factory=list)
    start: datetime | None = None
    gross: Decimal = ZERO
    commission: Decimal = ZERO
    count: int = 0


#: (key, entry instant, exit instant, gross, commission, fills) of a round trip.
Trip = tuple[PairKey, datetime | None, datetime, Decimal, Decimal, int]


def simple_fifo(fills: list[Fill]) -> tuple[list[Trip], dict[PairKey, Any]]:
    """Pair the obvious way: per key, walk fills in (time, file, line) order; a crossing fill is
    literally cut into a closing fill and an opening fill (commission by quantity, the closing
    part rounded half-even to the commission's places, at least cents; the rest opens)."""
    trips: list[Trip] = []
    books: dict[PairKey, Book] = {}
    for f in sorted(fills, key=lambda item: item.order):
        book = books.setdefault(f.key, Book())
        sign = 1 if f.action == "BUY" else -1
        held = sum((lot[0] for lot in book.lots), D(0))
        pieces = [(f.quantity, f.commission)]
        if book.sign and sign != book.sign and f.quantity > held:
            places = max(-int(f.commission.as_tuple().exponent), 2)
            share = (f.commission * held / f.quantity).quantize(D(1).scaleb(-places),
                                                                  rounding=ROUND_HALF_EVEN)
            pieces = [(held, share), (f.quantity - held, f.commission - share)]
        for quantity, commission in pieces:
            if not book.sign:
                books[f.key] = book = Book(sign, [[quantity, f.price]], f.at, D(0), commission, 1)
                continue
            book.commission += commission
            book.count += 1
            if sign == book.sign:
                book.lots.append([quantity, f.price])
                continue
            left = quantity
            while left:
                take = min(left, book.lots[0][0])
                book.gross += (f.price - book.lots[0][1]) * take * book.sign
                book.lots[0][0] -= take
                left -= take
                if not book.lots[0][0]:
                    book.lots.pop(0)
            if not book.lots:
                trips.append((f.key, book.start, f.at, book.gross, book.commission, book.count))
                book.sign = 0
    open_books = {key: (book.sign, [(lot[0], lot[1]) for lot in book.lots])
                  for key, book in books.items() if book.sign}
    return trips, open_books


KEYS: list[PairKey] = [("PAPER", "A", "AAPL"), ("LIVE", "A", "AAPL"), ("PAPER", None, "BTC-USD")]
fills_strategy = st.lists(st.tuples(
    st.sampled_from(KEYS), st.sampled_from(["BUY", "SELL"]),
    st.integers(1, 40).map(lambda n: D(n) / 4),                 # 0.25 .. 10: decimal sizes
    st.integers(9000, 11000).map(lambda n: D(n) / 100),         # prices with cents
    st.sampled_from([D("0"), D("0"), D("0.35"), D("1")]),       # commission on some fills
    st.integers(0, 3 * 24 * 60),                                # minutes over three days
), max_size=40)


@settings(max_examples=300, deadline=None)
@given(fills_strategy, st.integers(0, 40))
def test_pairing_equals_a_simple_fifo(
        rows: list[tuple[PairKey, str, Decimal, Decimal, Decimal, int]], split: int) -> None:
    fills = [Fill(order=(T0 + timedelta(minutes=minute),
                         f"2026-03-0{2 + minute // 1440}.jsonl", index + 1),
                  key=key, order_id=f"E{index}", action=action, quantity=quantity, price=price,
                  commission=commission)
             for index, (key, action, quantity, price, commission, minute) in enumerate(rows)]
    expected_trips, expected_open = simple_fifo(fills)
    ordered = sorted(fills, key=lambda item: item.order)
    # in one go, and resumed from the state after any prefix (as the cache does)
    for result in (pair(fills), _resumed(ordered, split)):
        got = [(trip.key, trip.entry_at, trip.exit_at, trip.gross, trip.commission, trip.fills)
               for trip in result.round_trips]
        assert sorted(got, key=repr) == sorted(expected_trips, key=repr)
        got_open = {key: (state.position.side, [(lot.quantity, lot.price)
                                                for lot in state.position.lots])
                    for key, state in result.states.items() if state.position is not None}
        assert got_open == expected_open
        total_commission = sum((f.commission for f in fills), D(0))
        open_commission = sum((state.position.commission for state in result.states.values()
                               if state.position is not None), D(0))
        assert sum((trip.commission for trip in result.round_trips), D(0)) + open_commission \
            == total_commission


def _resumed(ordered: list[Fill], split: int) -> Pairing:
    first = pair(ordered[:split])
    rest = pair(ordered[split:], first.states)
    return Pairing(first.round_trips + rest.round_trips, first.flips + rest.flips, rest.states)


def test_states_compare_equal_after_the_same_fills() -> None:
    fills = [fill("BUY", "1", "10", 0), fill("BUY", "2", "11", 1)]
    assert pair(fills).states == pair(fills).states
    assert pair([]).states == {}
    assert KeyState(PAPER) == KeyState(PAPER, None, None)
