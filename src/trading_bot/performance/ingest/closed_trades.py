"""From a validated log line to the :class:`ClosedTrade` that aggregation folds.

It lives in ``ingest`` rather than beside :class:`ClosedTrade` in ``core`` because it needs where
the line was read (file and line, the tie-break of realization order), which is the reader's
knowledge; ``core`` stays free of anything that knows about files.
"""

from __future__ import annotations

from datetime import tzinfo
from decimal import Decimal
from typing import Sequence

from trading_bot.performance.core.aggregate import (ClosedTrade, planned_risk_reward,
                                                    realized_r_multiple, seconds_between,
                                                    trade_groups)
from trading_bot.performance.core.decimals import ZERO
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
    groups = trade_groups(record.strategy_name, record.symbol, record.entry_type, record.side,
                          record.execution_mode, record.exit_reasoning,
                          record.indicators_used, record.extras, group_by)
    return ClosedTrade(
        key=(realized_at, logged.file_name, logged.line),
        local_day=realized_at.astimezone(zone).date(),
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
