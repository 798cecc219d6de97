"""Metric computation: pure functions from aggregate state to values.

What each metric is called, what kind of number it is and which way is better is declared in
:mod:`.metric_catalogue`; this module computes the catalogue's ``ROW`` metrics, and the order it
fills them in is the order of the JSON rows and the CSV columns.

An undefined metric is ``None`` with a reason (profit factor with no losses, an average of
nothing), never 0, so a dashboard cannot mistake "no data" for "zero".  Values stay exact
Decimals (or ints for counts); rounding happens only when rendering for people.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from trading_bot.performance.core.aggregate import CoreStats
from trading_bot.performance.core.decimals import divide

MetricValue = Decimal | int | None

NO_CLOSED = "no closed trades"


@dataclass(frozen=True, slots=True)
class MetricSet:
    """Named metric values plus, for each None, why it is undefined."""

    values: Mapping[str, MetricValue]
    null_reasons: Mapping[str, str]


def _ratio(numerator: Decimal | int, denominator: Decimal | int) -> Decimal:
    return divide(Decimal(numerator), Decimal(denominator))


def core_metrics(stats: CoreStats) -> MetricSet:
    """The metrics every row of every table has, from additive state alone.

    Win rate counts breakevens in the denominator (a breakeven is not a win); the decided win
    rate leaves them out.  Gross profit and loss follow the ``outcome`` field, which is
    authoritative even when it contradicts the P&L sign (such lines are reported separately).
    """
    values: dict[str, MetricValue] = {
        "closed_trades": stats.closed,
        "wins": stats.wins,
        "losses": stats.losses,
        "breakevens": stats.breakevens,
        "net_profit_loss": stats.net,
        "gross_profit": stats.gross_profit,
        "gross_loss": stats.gross_loss,
        "commission": stats.commission,
    }
    reasons: dict[str, str] = {}

    def put(name: str, value: MetricValue, reason: str) -> None:
        values[name] = value
        if value is None:
            reasons[name] = reason

    closed, wins, losses = stats.closed, stats.wins, stats.losses
    put("win_rate", _ratio(wins, closed) if closed else None, NO_CLOSED)
    decided = wins + losses
    put("decided_win_rate", _ratio(wins, decided) if decided else None,
        "no wins or losses (only breakevens)" if closed else NO_CLOSED)
    average_win = _ratio(stats.gross_profit, wins) if wins else None
    average_loss = _ratio(stats.gross_loss, losses) if losses else None
    put("average_win", average_win, "no winning trades")
    put("average_loss", average_loss, "no losing trades")
    if average_win is None or average_loss is None or average_loss == 0:
        payoff = None
        payoff_reason = ("no winning trades" if average_win is None else
                         "no losing trades" if average_loss is None else "average loss is zero")
    else:
        payoff, payoff_reason = _ratio(average_win, abs(average_loss)), ""
    put("payoff_ratio", payoff, payoff_reason)
    if stats.gross_loss != 0:
        put("profit_factor", _ratio(stats.gross_profit, abs(stats.gross_loss)), "")
    else:
        put("profit_factor", None, "no losses: profit factor is undefined" if closed else NO_CLOSED)
    put("expectancy", _ratio(stats.net, closed) if closed else None, NO_CLOSED)
    put("average_commission", _ratio(stats.commission, closed) if closed else None, NO_CLOSED)
    put("average_hold_seconds",
        _ratio(stats.hold_sum, stats.hold_count) if stats.hold_count else None,
        "no closed trade has a hold time")
    put("average_win_hold_seconds",
        _ratio(stats.win_hold_sum, stats.win_hold_count) if stats.win_hold_count else None,
        "no winning trade has a hold time")
    put("average_loss_hold_seconds",
        _ratio(stats.loss_hold_sum, stats.loss_hold_count) if stats.loss_hold_count else None,
        "no losing trade has a hold time")
    put("average_planned_rr", _ratio(stats.rr_sum, stats.rr_count) if stats.rr_count else None,
        "no trade has risk_reward_ratio or a usable price/stop_loss/target")
    put("average_r_multiple", _ratio(stats.r_sum, stats.r_count) if stats.r_count else None,
        "no trade has a stop_loss to measure initial risk")
    return MetricSet(values, reasons)

