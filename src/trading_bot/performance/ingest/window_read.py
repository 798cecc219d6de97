"""What reading one window produced, whichever way it was read (logs directly, or the cache).

The tracker turns a :class:`WindowRead` into a PerformanceSummary; the uncached reader and the
cache both build one, with the example wording defined here once so the two paths describe the
same anomaly in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Sequence

from trading_bot.performance.core.aggregate import Aggregate
from trading_bot.performance.ingest.reader import Ledger
from trading_bot.performance.core.summary import MAX_EXAMPLES, DataQuality, OpenPosition


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


def positions_from_ledger(ledger: Ledger, as_of: datetime) -> tuple[OpenPosition, ...]:
    """Trades entered before ``as_of`` and not realized before it (uncached path).

    A trade closed after ``as_of`` was open at ``as_of``: a historical window shows the
    positions it really carried at its end.
    """
    positions = []
    for trade in (*ledger.open, *ledger.closed):
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
            ))
    return sort_positions(positions)
