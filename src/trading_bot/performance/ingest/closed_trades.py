"""From a validated log line to the :class:`ClosedTrade` that aggregation folds.

It lives in ``ingest`` rather than beside :class:`ClosedTrade` in ``core`` because it needs where
the line was read (file and line, the tie-break of realization order), which is the reader's
knowledge; ``core`` stays free of anything that knows about files.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from decimal import Decimal

from trading_bot.performance.core.aggregate import (
    ClosedTrade,
    planned_risk_reward,
    realized_r_multiple,
    seconds_between,
    trade_groups,
)
from trading_bot.performance.core.decimals import ZERO
from trading_bot.performance.core.pairing import RoundTrip, classify
from trading_bot.performance.core.records import group_fields
from trading_bot.performance.ingest.reader import LoggedTrade


def closed_trade(logged: LoggedTrade, zone: tzinfo, group_by: Sequence[str] = ()) -> ClosedTrade:
    """The closed trade of one line that carries its outcome and P&L, realized in ``zone``.

    The hold time is the logged ``hold_duration_seconds`` when present (the bot measured it),
    else exit minus entry.
    """
    record = logged.record
    net = record.net
    assert net is not None, "validation guarantees a closed trade has a net P&L"
    realized_at = record.realized_at
    if record.hold_duration_seconds is not None:
        hold: Decimal | None = record.hold_duration_seconds
    elif record.exit_timestamp is not None:
        hold = seconds_between(record.exit_timestamp - record.timestamp)
    else:
        hold = None
    realized_local = realized_at.astimezone(zone)   # once: a cold rebuild does this per line
    groups = trade_groups(record.strategy_name, record.symbol, record.entry_type, record.side,
                          record.execution_mode, record.exit_reasoning,
                          record.indicators_used,
                          group_fields(record) if group_by else record.extras, group_by,
                          realized_local=realized_local, hold_seconds=hold)
    return ClosedTrade(
        key=(realized_at, logged.file_name, logged.line),
        local_day=realized_local.date(),
        order_id=record.order_id,
        symbol=record.symbol,
        outcome=record.outcome,
        net=net,
        commission=record.commission or ZERO,
        hold_seconds=hold,
        planned_rr=planned_risk_reward(record.action, record.price, record.stop_loss,
                                       record.target, record.risk_reward_ratio),
        r_multiple=realized_r_multiple(net, record.price, record.stop_loss, record.quantity),
        groups=groups,
    )


def round_trip_trade(trip: RoundTrip, zone: tzinfo, group_by: Sequence[str] = (),
                     band: Decimal = ZERO) -> ClosedTrade:
    """The closed trade of a round trip paired from executions, realized in ``zone``.

    It is realized at the fill that returned the position to flat; strategy, entry type,
    indicators and extra fields come from the opening fill, the exit reason from the closing
    fill.  Planned R:R and the R-multiple use the opening fill's price, stop and target, and the
    quantity it opened (the plan's initial risk).
    """
    opening, closing = trip.opening, trip.closing
    net = trip.net
    groups = trade_groups(opening.strategy_name, closing.key[2], opening.entry_type, trip.side,
                          closing.key[0], closing.reason, opening.indicators, opening.extras,
                          group_by, realized_local=closing.at.astimezone(zone),
                          hold_seconds=trip.hold_seconds)
    action = "BUY" if trip.side == "long" else "SELL"
    return ClosedTrade(
        key=closing.order,
        local_day=closing.at.astimezone(zone).date(),
        order_id=opening.order_id,
        symbol=closing.key[2],
        outcome=classify(net, trip.entry_value, band),
        net=net,
        commission=trip.commission,
        hold_seconds=trip.hold_seconds,
        planned_rr=planned_risk_reward(action, opening.price, opening.stop_loss, opening.target,
                                       opening.risk_reward_ratio),
        r_multiple=realized_r_multiple(net, opening.price, opening.stop_loss,
                                       trip.opened_quantity),
        groups=groups,
    )
