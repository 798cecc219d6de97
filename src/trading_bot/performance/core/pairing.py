"""FIFO pairing: executions (fills) in, round trips and open lots out.

The bot logs every execution, BUY or SELL, as its own line with no outcome.  Per key
(``execution_mode``, ``account_id``, ``symbol``: PAPER and LIVE, and two accounts, never mix) the
fills are replayed in time order (equal instants keep file order) against a FIFO queue of open
lots:

* a fill on the side of the position (or from flat) adds a lot (a scale-in);
* a fill against it closes lots oldest first, realizing ``(exit - lot price) x quantity`` for a
  long and the mirror for a short (a partial exit);
* the fill that brings the position back to flat completes a :class:`RoundTrip` (flat to flat);
* a fill larger than the position *crosses zero*: its first part closes the round trip, the
  remainder opens the next one in the other direction.  Its commission is split by quantity: the
  closing part gets ``commission x part / quantity`` rounded half-even to the commission's own
  decimal places (at least cents), the opening part gets exactly the rest, so the two parts
  always sum to the fill's commission.

Everything is exact Decimal (:func:`~.decimals.exact_sums`).  Pairing is a left fold over the
sorted fills, so the state after any prefix of them is a :class:`KeyState`; the cache stores those
states at file boundaries and resumes from them (see ``cache/pairs.py``).  Pure: no I/O, no
clock; where a fill was read is opaque text here.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal
from types import MappingProxyType
from typing import Any, NamedTuple

from trading_bot.performance.core.aggregate import OrderKey, seconds_between
from trading_bot.performance.core.decimals import ZERO, divide, exact_sums

#: Where positions live: (execution_mode, account_id, symbol).
PairKey = tuple[str, str | None, str]

PAIRING_MODES = ("auto", "order-id", "fifo")
DEFAULT_PAIRING = "auto"
#: Commission shares are rounded to the commission's own decimal places, but never coarser.
MIN_SHARE_PLACES = 2
#: A fill without extra fields (shared and read-only).
NO_EXTRAS: Mapping[str, Any] = MappingProxyType({})

# The values here are NamedTuples (immutable, like the package's frozen dataclasses): every run
# imports this module, and with eight dataclasses its import cost 4.0 ms of a ~100 ms warm
# answer, with NamedTuples 1.4 ms (``python -X importtime``, after compileall).


class Fill(NamedTuple):
    """One execution: the line's facts that pairing and its round trips need.

    ``order`` is (instant, file, line): the pairing order, and where the fill was read.  ``reason``
    is the line's ``exit_reasoning``, else its ``decision_reasoning``: a closing fill's reason is
    its round trip's exit reason.
    """

    order: OrderKey
    key: PairKey
    order_id: str
    action: str
    quantity: Decimal
    price: Decimal
    commission: Decimal = ZERO
    strategy_name: str = ""
    entry_type: str | None = None
    stop_loss: Decimal | None = None
    target: Decimal | None = None
    risk_reward_ratio: Decimal | None = None
    reason: str | None = None
    indicators: tuple[str, ...] = ()
    extras: Mapping[str, Any] = NO_EXTRAS

    @property
    def at(self) -> datetime:
        return self.order[0]

    @property
    def sign(self) -> int:
        return 1 if self.action == "BUY" else -1

    @property
    def where(self) -> str:
        return f"{self.order[1]}:{self.order[2]}"


class Lot(NamedTuple):
    """What is left of one entry fill: quantity still open at its price."""

    quantity: Decimal
    price: Decimal


class Position(NamedTuple):
    """A round trip in progress: from the fill that left flat up to the last fill paired.

    ``opened_quantity``/``opened_commission`` are what the opening fill contributed (for a position
    opened by a crossing fill, the remainder and its share).  Entry and exit sums are of the
    quantities and values (quantity x price) on each side; ``gross`` is what FIFO matching has
    realized so far; ``commission`` the commission shares of every fill so far.
    """

    side: int
    opening: Fill
    opened_quantity: Decimal
    opened_commission: Decimal
    lots: tuple[Lot, ...]
    entry_quantity: Decimal
    entry_value: Decimal
    exit_quantity: Decimal
    exit_value: Decimal
    gross: Decimal
    commission: Decimal
    fills: int
    flipped: bool

    @property
    def quantity(self) -> Decimal:
        with exact_sums():
            return sum((lot.quantity for lot in self.lots), ZERO)

    @property
    def cost(self) -> Decimal:
        """What the lots still open cost: the sum of quantity x price."""
        with exact_sums():
            return sum((lot.quantity * lot.price for lot in self.lots), ZERO)

    @property
    def average_cost(self) -> Decimal:
        """Quantity-weighted price of the lots still open (the FIFO cost basis)."""
        with exact_sums():
            value = sum((lot.quantity * lot.price for lot in self.lots), ZERO)
            quantity = sum((lot.quantity for lot in self.lots), ZERO)
        return divide(value, quantity)


class KeyState(NamedTuple):
    """Pairing state of one key after a prefix of its sorted fills.

    ``last`` is the order of the last fill paired (None before the first); ``position`` is None
    when flat.
    """

    key: PairKey
    position: Position | None = None
    last: OrderKey | None = None


class RoundTrip(NamedTuple):
    """A position from flat back to flat, exactly.

    ``quantity`` is the total bought (for a long; sold for a short), which equals the total
    sold back.  ``flipped_in``: opened by the remainder of a fill that crossed zero;
    ``flipped_out``: closed by a fill that crossed zero.
    """

    key: PairKey
    side: str
    opening: Fill
    closing: Fill
    opened_quantity: Decimal
    quantity: Decimal
    entry_value: Decimal
    exit_value: Decimal
    gross: Decimal
    commission: Decimal
    fills: int
    flipped_in: bool
    flipped_out: bool

    @property
    def net(self) -> Decimal:
        with exact_sums():
            return self.gross - self.commission

    @property
    def entry_at(self) -> datetime:
        return self.opening.at

    @property
    def exit_at(self) -> datetime:
        return self.closing.at

    @property
    def average_entry(self) -> Decimal:
        return divide(self.entry_value, self.quantity)

    @property
    def average_exit(self) -> Decimal:
        return divide(self.exit_value, self.quantity)

    @property
    def hold_seconds(self) -> Decimal:
        return seconds_between(self.exit_at - self.entry_at)


class Flip(NamedTuple):
    """A fill that crossed zero: it closed one round trip and opened the next."""

    fill: Fill
    closed_side: str
    closed_quantity: Decimal
    opened_quantity: Decimal


class OutOfOrder(NamedTuple):
    """A fill earlier in time than a fill of the same key before it in file order."""

    fill: Fill
    before: Fill


def side_name(sign: int) -> str:
    return "long" if sign > 0 else "short"


def split_commission(commission: Decimal, part: Decimal, whole: Decimal) -> tuple[Decimal, Decimal]:
    """The commission of ``part`` of a fill of ``whole``, and the rest; they sum exactly.

    The part's share is rounded half-even to the commission's own decimal places (at least
    cents), so a split reads like money a broker would charge; the rest takes the rounding.
    """
    if part == whole or commission.is_zero():
        return commission, commission - commission
    places = max(-commission.as_tuple().exponent, MIN_SHARE_PLACES)  # type: ignore[operator]
    with exact_sums():
        share = divide(commission * part, whole).quantize(Decimal(1).scaleb(-places),
                                                           rounding=ROUND_HALF_EVEN)
        return share, commission - share


def classify(net: Decimal, entry_value: Decimal, band: Decimal) -> str:
    """Outcome by the sign of net; breakeven within ``band`` x entry value (0: exactly zero).

    The same rule as ``record exit`` (``|net| <= band x entry price x quantity``), with the
    round trip's total entry value.
    """
    with exact_sums():
        if abs(net) <= band * entry_value:
            return "breakeven"
    return "win" if net > 0 else "loss"


def unrealized(position: Position, mark: Decimal) -> Decimal:
    """Open P&L of the lots still open at ``mark``: ``(mark - cost) x quantity``, short mirrored."""
    with exact_sums():
        return sum(((mark - lot.price) * lot.quantity * position.side for lot in position.lots),
                   ZERO)


class KeyPairer:
    """The mutable fold behind :func:`pair`: one key's lots, fed one sorted fill at a time.

    Mutable on purpose: a key that only ever buys holds thousands of lots, and copying a frozen
    tuple per fill would make pairing quadratic.  :meth:`state` freezes it when asked.
    """

    __slots__ = (
        "_commission",
        "_entry_quantity",
        "_entry_value",
        "_exit_quantity",
        "_exit_value",
        "_fills",
        "_flipped",
        "_gross",
        "_lots",
        "_opened_commission",
        "_opened_quantity",
        "_opening",
        "_side",
        "key",
        "last",
    )

    def __init__(self, state: KeyState) -> None:
        self.key = state.key
        self.last = state.last
        self._lots: deque[list[Decimal]] = deque()
        position = state.position
        if position is None:
            self._side = 0
            self._opening: Fill | None = None
            return
        self._side = position.side
        self._opening = position.opening
        self._opened_quantity = position.opened_quantity
        self._opened_commission = position.opened_commission
        self._lots.extend([lot.quantity, lot.price] for lot in position.lots)
        self._entry_quantity = position.entry_quantity
        self._entry_value = position.entry_value
        self._exit_quantity = position.exit_quantity
        self._exit_value = position.exit_value
        self._gross = position.gross
        self._commission = position.commission
        self._fills = position.fills
        self._flipped = position.flipped

    @property
    def flat(self) -> bool:
        return self._side == 0

    def state(self) -> KeyState:
        if self._side == 0 or self._opening is None:
            return KeyState(self.key, None, self.last)
        return KeyState(self.key, Position(
            side=self._side, opening=self._opening, opened_quantity=self._opened_quantity,
            opened_commission=self._opened_commission,
            lots=tuple(Lot(quantity, price) for quantity, price in self._lots),
            entry_quantity=self._entry_quantity, entry_value=self._entry_value,
            exit_quantity=self._exit_quantity, exit_value=self._exit_value, gross=self._gross,
            commission=self._commission, fills=self._fills, flipped=self._flipped), self.last)

    def _open(self, fill: Fill, quantity: Decimal, commission: Decimal, flipped: bool) -> None:
        self._side = fill.sign
        self._opening = fill
        self._opened_quantity = quantity
        self._opened_commission = commission
        self._lots.clear()
        self._lots.append([quantity, fill.price])
        self._entry_quantity = quantity
        self._entry_value = quantity * fill.price
        self._exit_quantity = ZERO
        self._exit_value = ZERO
        self._gross = ZERO
        self._commission = commission
        self._fills = 1
        self._flipped = flipped

    def add(self, fill: Fill) -> tuple[RoundTrip | None, Flip | None]:
        """Pair one fill (later than every fill before it); the round trip it completes, if any.

        The caller holds :func:`exact_sums`.
        """
        self.last = fill.order
        quantity, price = fill.quantity, fill.price
        if self._side == 0:
            self._open(fill, quantity, fill.commission, flipped=False)
            return None, None
        if fill.sign == self._side:
            self._lots.append([quantity, price])
            self._entry_quantity += quantity
            self._entry_value += quantity * price
            self._commission += fill.commission
            self._fills += 1
            return None, None
        remaining = quantity
        lots = self._lots
        gross = ZERO
        while remaining and lots:
            lot = lots[0]
            taken = lot[0] if lot[0] <= remaining else remaining
            gross += (price - lot[1]) * taken
            remaining -= taken
            if taken == lot[0]:
                lots.popleft()
            else:
                lot[0] -= taken
        closed = quantity - remaining
        self._gross += gross * self._side
        self._exit_quantity += closed
        self._exit_value += closed * price
        self._fills += 1
        if lots:
            self._commission += fill.commission
            return None, None
        share, rest = split_commission(fill.commission, closed, quantity)
        self._commission += share
        assert self._opening is not None
        trip = RoundTrip(
            key=self.key, side=side_name(self._side), opening=self._opening, closing=fill,
            opened_quantity=self._opened_quantity, quantity=self._entry_quantity,
            entry_value=self._entry_value, exit_value=self._exit_value, gross=self._gross,
            commission=self._commission, fills=self._fills, flipped_in=self._flipped,
            flipped_out=bool(remaining))
        if not remaining:
            self._side = 0
            self._opening = None
            return trip, None
        flip = Flip(fill, side_name(self._side), closed, remaining)
        self._open(fill, remaining, rest, flipped=True)
        return trip, flip


class Pairing(NamedTuple):
    """What pairing a run of fills produced, per key: round trips, flips and the final states."""

    round_trips: tuple[RoundTrip, ...]
    flips: tuple[Flip, ...]
    states: Mapping[PairKey, KeyState]


def sort_fills(fills: Iterable[Fill]) -> list[Fill]:
    """Pairing order: time, then file order."""
    return sorted(fills, key=_fill_order)


def _fill_order(fill: Fill) -> OrderKey:
    return fill.order


def pair(fills: Iterable[Fill], states: Mapping[PairKey, KeyState] | None = None) -> Pairing:
    """Pair fills (any order, any keys) from ``states`` (default: every key flat).

    Fills are paired per key in time order; each must come after its key's ``last``.
    """
    pairers: dict[PairKey, KeyPairer] = {}
    trips: list[RoundTrip] = []
    flips: list[Flip] = []
    start = states or {}
    with exact_sums():
        for fill in sort_fills(fills):
            pairer = pairers.get(fill.key)
            if pairer is None:
                pairer = pairers[fill.key] = KeyPairer(start.get(fill.key) or KeyState(fill.key))
            if pairer.last is not None and fill.order <= pairer.last:
                raise ValueError(f"fill {fill.where} is not after its key's last paired fill")
            trip, flip = pairer.add(fill)
            if trip is not None:
                trips.append(trip)
            if flip is not None:
                flips.append(flip)
    final = dict(start)
    final.update((key, pairer.state()) for key, pairer in pairers.items())
    return Pairing(tuple(trips), tuple(flips), final)


def out_of_order(fills: Sequence[Fill]) -> list[OutOfOrder]:
    """Fills earlier in time than the fill of the same key read just before them (file, line).

    They are paired in time order anyway; this is what the data-quality report lists: every
    place where a key's log goes back in time.  Comparing with the previous fill only (not the
    latest instant so far) keeps a remark local, so the cache recomputes just the remarks of a
    changed fill and of the fill after it.
    """
    previous: dict[PairKey, Fill] = {}
    found: list[OutOfOrder] = []
    for fill in sorted(fills, key=lambda item: (item.order[1], item.order[2])):
        before = previous.get(fill.key)
        if before is not None and fill.at < before.at:
            found.append(OutOfOrder(fill, before))
        previous[fill.key] = fill
    return found


def trivial(position: Position) -> bool:
    """An open position that is exactly one whole logged fill: pairing inferred nothing."""
    return position.fills == 1 and not position.flipped


__all__ = ["DEFAULT_PAIRING", "PAIRING_MODES", "Fill", "Flip", "KeyPairer", "KeyState", "Lot",
           "OutOfOrder", "PairKey", "Pairing", "Position", "RoundTrip", "classify",
           "out_of_order", "pair", "side_name", "sort_fills", "split_commission", "trivial",
           "unrealized"]
