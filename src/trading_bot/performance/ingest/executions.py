"""From a ledger's executions to round trips and open lots (the uncached path's pairing).

An *execution* is a line whose outcome is ``open`` and that no later line with the same
``order_id`` closes: after :func:`.reader.build_ledger` that is exactly ``Ledger.open``.  The bot's
own writer logs every BUY and SELL so; :mod:`..core.pairing` matches them FIFO into round trips
per (``execution_mode``, ``account_id``, ``symbol``).  Lines that carry an outcome, and open lines
closed by their own ``order_id``, keep their meaning as logged trades whatever the pairing mode.

Pairing modes (CLI ``--pairing``, API ``pairing=``, targets config ``pairing:``):

* ``auto`` (default) pairs executions and reports it when pairing inferred something (a round
  trip, or an open position that is not exactly one logged fill), so a log of logged trades
  reads exactly as before;
* ``fifo`` pairs the same executions and always reports the pairing account;
* ``order-id`` turns pairing off: executions are open positions, one per line (the behaviour
  before pairing existed).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from trading_bot.performance.core.decimals import DECIMAL_TEXT, ZERO
from trading_bot.performance.core.pairing import (
    PAIRING_MODES,
    Fill,
    Flip,
    KeyState,
    OutOfOrder,
    PairKey,
    RoundTrip,
    out_of_order,
    pair,
    sort_fills,
)
from trading_bot.performance.core.records import group_fields
from trading_bot.performance.errors import UsageError
from trading_bot.performance.ingest.reader import Ledger, LoggedTrade


def check_pairing(mode: str) -> str:
    """The pairing mode, or a usage error naming the choices."""
    if mode not in PAIRING_MODES:
        raise UsageError(f"unknown pairing {mode!r}: choose one of {', '.join(PAIRING_MODES)}")
    return mode


def breakeven_band_value(value: Decimal | str | int) -> Decimal:
    """The breakeven band as a Decimal fraction in [0, 1), or a usage error saying what it is."""
    if isinstance(value, bool):
        raise UsageError(f"--breakeven-band must be a decimal fraction, got {value!r}")
    if isinstance(value, Decimal):
        band = value
    else:
        text = str(value)
        if not DECIMAL_TEXT.match(text):
            raise UsageError(
                f"--breakeven-band must be a decimal fraction like 0.005, got {text!r}")
        band = Decimal(text)
    if not band.is_finite() or not ZERO <= band < 1:
        raise UsageError("--breakeven-band is a fraction of a round trip's entry value "
                         f"(0.005 = 0.5%), from 0 up to but not including 1, got {band}")
    return band


def fill_from_logged(logged: LoggedTrade) -> Fill:
    """The fill of an execution line."""
    record = logged.record
    return Fill(
        order=(record.timestamp, logged.file_name, logged.line),
        key=(record.execution_mode, record.account_id, record.symbol),
        order_id=record.order_id,
        action=record.action,
        quantity=record.quantity,
        price=record.price,
        commission=record.commission if record.commission is not None else ZERO,
        strategy_name=record.strategy_name,
        entry_type=record.entry_type,
        stop_loss=record.stop_loss,
        target=record.target,
        risk_reward_ratio=record.risk_reward_ratio,
        reason=record.exit_reasoning or record.decision_reasoning,
        indicators=record.indicators_used,
        extras=group_fields(record),   # what --group-by reads of a round trip's opening
    )


class PairedLedger(NamedTuple):
    """Pairing of every execution of a ledger.

    ``round_trips`` in realization order (exit instant, then the closing fill's file and line);
    ``states_at`` is each key's state after the fills before ``as_of`` (its open lots then).
    """

    fills: tuple[Fill, ...]
    round_trips: tuple[RoundTrip, ...]
    flips: tuple[Flip, ...]
    out_of_order: tuple[OutOfOrder, ...]
    states_at: Mapping[PairKey, KeyState]


def pair_ledger(executions: Iterable[LoggedTrade], as_of: datetime) -> PairedLedger:
    """Pair executions in time order; keep each key's state at ``as_of`` on the way."""
    fills = sort_fills(fill_from_logged(logged) for logged in executions)
    split = next((index for index, fill in enumerate(fills) if fill.at >= as_of), len(fills))
    before = pair(fills[:split])
    after = pair(fills[split:], before.states)
    trips = sorted((*before.round_trips, *after.round_trips), key=lambda trip: trip.closing.order)
    return PairedLedger(tuple(fills), tuple(trips), (*before.flips, *after.flips),
                        tuple(out_of_order(fills)), before.states)


def executions_of(ledger: Ledger) -> Sequence[LoggedTrade]:
    """The ledger's executions: its effective open lines."""
    return ledger.open


__all__ = ["PairedLedger", "breakeven_band_value", "check_pairing", "executions_of",
           "fill_from_logged", "pair_ledger"]
