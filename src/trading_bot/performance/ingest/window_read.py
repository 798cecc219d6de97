"""What reading one window produced, whichever way it was read (logs directly, or the cache).

The tracker turns a :class:`WindowRead` into a PerformanceSummary; the uncached reader and the
cache both build one, with the example wording defined here once so the two paths describe the
same anomaly in the same words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from trading_bot.performance.core.aggregate import Aggregate
from trading_bot.performance.core.decimals import ZERO, canonical, exact_sums
from trading_bot.performance.core.pairing import (
    Flip,
    OutOfOrder,
    PairKey,
    Position,
    side_name,
    trivial,
)
from trading_bot.performance.core.summary import (
    MAX_EXAMPLES,
    DataQuality,
    MarksReport,
    OpenPosition,
    PairingReport,
)
from trading_bot.performance.core.timestamps import format_instant
from trading_bot.performance.ingest.reader import Ledger


@dataclass(frozen=True, slots=True)
class WindowRead:
    """A window's closed-trade aggregate plus everything its data-quality report needs.

    ``quality`` covers the files read for the window; its ``files_missing`` is filled in by the
    tracker, which knows the calendar.  ``shifted`` counts closed trades in those files whose UTC
    date is in the window but whose local day is not (the "timezone shift" explanation).
    """

    aggregate: Aggregate
    start: date | None
    present_days: frozenset[date]
    quality: DataQuality
    open_positions: tuple[OpenPosition, ...]
    shifted: int
    has_open_lines: bool
    #: What pairing executions contributed (its ``mode`` is set by the tracker); None when off.
    pairing: PairingReport | None = None
    #: With a ``--where`` filter: the window's closed trades and net P&L before filtering (the
    #: filter report's "excluded" is this minus the filtered aggregate); None when unfiltered.
    unfiltered: tuple[int, Decimal] | None = None


def duplicate_example(where: str, order_id: str) -> str:
    return f"{where}: exact duplicate of order {order_id}"


def reopened_example(where: str, order_id: str) -> str:
    return f"{where}: open line for {order_id} after its close (ignored)"


def inconsistent_example(where: str, outcome: str, net: Decimal | str | None) -> str:
    return f"{where}: outcome {outcome} but net P&L {net}"


def misplaced_example(where: str, event_day: date) -> str:
    return f"{where}: event on {event_day} is more than a day from the file's date"


def sort_positions(positions: Sequence[OpenPosition]) -> tuple[OpenPosition, ...]:
    """Oldest first; ties by order id, so both paths list positions in the same order."""
    return tuple(sorted(positions, key=lambda position: (position.entry_at, position.order_id)))


def quality_from_ledger(ledger: Ledger) -> DataQuality:
    """The data-quality report of the files a ledger was built from (uncached path)."""
    misplaced = ledger.misplaced
    inconsistent = ledger.inconsistent
    return DataQuality(
        files_read=ledger.files,
        lines_read=ledger.lines_read,
        valid_lines=ledger.valid_lines,
        bad_lines=len(ledger.bad_lines),
        bad_line_examples=tuple(str(bad) for bad in ledger.bad_lines[:MAX_EXAMPLES]),
        bad_lines_per_file=ledger.bad_lines_per_file,
        duplicates=len(ledger.duplicates),
        duplicate_examples=tuple(duplicate_example(t.where, t.record.order_id)
                                 for t in ledger.duplicates[:MAX_EXAMPLES]),
        superseded=len(ledger.superseded),
        reopened=len(ledger.reopened),
        reopened_examples=tuple(reopened_example(t.where, t.record.order_id)
                                for t in ledger.reopened[:MAX_EXAMPLES]),
        inconsistent=len(inconsistent),
        inconsistent_examples=tuple(inconsistent_example(t.where, t.record.outcome, t.record.net)
                                    for t in inconsistent[:MAX_EXAMPLES]),
        misplaced=len(misplaced),
        misplaced_examples=tuple(misplaced_example(t.where, t.record.realized_at.date())
                                 for t in misplaced[:MAX_EXAMPLES]),
    )


def positions_from_ledger(ledger: Ledger, as_of: datetime, *,
                          include_open: bool = True) -> tuple[OpenPosition, ...]:
    """Trades entered before ``as_of`` and not realized before it (uncached path).

    A trade closed after ``as_of`` was open at ``as_of``: a historical window shows the
    positions it really carried at its end.  ``include_open`` False leaves the open lines out
    (with pairing they are executions, listed as open lots instead).
    """
    positions = []
    for trade in (*(ledger.open if include_open else ()), *ledger.closed):
        record = trade.record
        if record.timestamp < as_of and (not record.is_closed or record.realized_at >= as_of):
            positions.append(OpenPosition(
                order_id=record.order_id,
                symbol=record.symbol,
                side=record.side,
                quantity=record.quantity,
                price=record.price,
                strategy_name=record.strategy_name,
                execution_mode=record.execution_mode,
                entry_at=record.timestamp,
                age_seconds=int((as_of - record.timestamp).total_seconds()),
                source=trade.where,
                account_id=record.account_id,
            ))
    return sort_positions(positions)


# Pairing: examples, open lots and marks, shared by the uncached path and the cache -----------

def flip_example(where: str, action: str, quantity: Decimal, symbol: str, closed_side: str,
                 closed: Decimal, opened: Decimal) -> str:
    other = "short" if closed_side == "long" else "long"
    return (f"{where}: {action} {canonical(quantity)} {symbol} flips the position from "
            f"{closed_side} {canonical(closed)} to {other} {canonical(opened)}: the round trip "
            "closes there and the next opens with the remainder")


def out_of_order_example(where: str, at: datetime, before: str, before_at: datetime) -> str:
    return (f"{where}: fill at {format_instant(at)} is earlier than {before} "
            f"({format_instant(before_at)}), read before it; paired in time order")


def flip_text(flip: Flip) -> str:
    fill = flip.fill
    return flip_example(fill.where, fill.action, fill.quantity, fill.key[2], flip.closed_side,
                        flip.closed_quantity, flip.opened_quantity)


def out_of_order_text(found: OutOfOrder) -> str:
    return out_of_order_example(found.fill.where, found.fill.at, found.before.where,
                                found.before.at)


def lot_position(position: Position, key: PairKey, as_of: datetime) -> OpenPosition:
    """An open lot as an open position: its first fill, what is still open and its FIFO cost."""
    opening = position.opening
    return OpenPosition(
        order_id=opening.order_id,
        symbol=key[2],
        side=side_name(position.side),
        quantity=position.quantity,
        price=position.average_cost,
        strategy_name=opening.strategy_name,
        execution_mode=key[0],
        entry_at=opening.at,
        age_seconds=int((as_of - opening.at).total_seconds()),
        source=opening.where,
        lot=True,
        account_id=key[1],
        fills=position.fills,
        inferred=not trivial(position),
        cost=position.cost,
    )


def mark_positions(positions: Sequence[OpenPosition], marks: Mapping[str, Decimal] | None
                   ) -> tuple[tuple[OpenPosition, ...], MarksReport | None]:
    """Open P&L at the operator's marks: ``mark x quantity - cost`` (the open lots' FIFO cost),
    short mirrored; exact, since the cost is a sum of the lots' values, not an average.

    A position whose symbol has no mark keeps a null open P&L, its symbol is listed as
    unmarked, and the total covers the marked positions only.
    """
    if marks is None:
        return tuple(positions), None
    marked = []
    total = ZERO
    unmarked: dict[str, None] = {}
    with exact_sums():
        for position in positions:
            mark = marks.get(position.symbol)
            if mark is None:
                unmarked[position.symbol] = None
                marked.append(position)
                continue
            cost = position.cost if position.cost is not None else (position.price
                                                                    * position.quantity)
            value = mark * position.quantity - cost
            if position.side == "short":
                value = -value
            total += value
            marked.append(replace(position, mark=mark, unrealized=value))
    return tuple(marked), MarksReport(len(marks), total, tuple(sorted(unmarked)))
