"""The mergeable aggregate: every window summary is a merge of day aggregates.

:class:`Aggregate` is a monoid over *consecutive* spans of closed trades in realization order:
``fold(a + b) == fold(a).merge(fold(b))`` for every field, which a hypothesis test checks.  That
is what lets weekly, monthly and all-time summaries cost one merge per day instead of one step per
trade, and lets the cache keep day partials instead of trades.

Order-dependent state (streaks, drawdown, largest win/loss ties, the rolling tail) carries just
enough boundary information to merge exactly; additive state (counts and Decimal sums) merges by
addition.  Pure: no I/O, no clock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from operator import add, attrgetter
from typing import Iterable, Mapping, Sequence

from trading_bot.performance.core.decimals import ZERO, divide, exact_sums

#: How many most-recent closed trades every aggregate keeps for rolling-N windows.
ROLLING_TAIL = 1000

BUILTIN_DIMENSIONS: tuple[str, ...] = (
    "strategy_name", "symbol", "entry_type", "side", "execution_mode", "exit_reasoning", "indicator",
)
#: Dimensions whose rows overlap: one trade appears in several rows.
OVERLAPPING_DIMENSIONS = frozenset({"indicator"})
NO_VALUE = "(none)"
MISSING_FIELD = "(missing)"

OrderKey = tuple[datetime, str, int]


def seconds_between(delta: timedelta) -> Decimal:
    whole = Decimal(delta.days * 86400 + delta.seconds)
    return whole + Decimal(delta.microseconds).scaleb(-6) if delta.microseconds else whole


@dataclass(frozen=True, slots=True)
class ClosedTrade:
    """The part of a closed trade that aggregation needs, in a fixed timezone."""

    key: OrderKey
    local_day: date
    order_id: str
    symbol: str
    outcome: str
    net: Decimal
    commission: Decimal
    hold_seconds: Decimal | None
    planned_rr: Decimal | None
    r_multiple: Decimal | None
    groups: tuple[tuple[str, str], ...]

    @property
    def realized_at(self) -> datetime:
        return self.key[0]


def trade_groups(strategy_name: str, symbol: str, entry_type: str | None, side: str,
                 execution_mode: str, exit_reasoning: str | None, indicators: Sequence[str],
                 extras: Mapping[str, object], group_by: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """The breakdown rows a closed trade belongs to, in one fixed order.

    Shared by the reader path and the cache (which rebuilds trades from stored columns), so
    both put a trade in exactly the same rows.
    """
    groups = [
        ("strategy_name", strategy_name),
        ("symbol", symbol),
        ("entry_type", entry_type or NO_VALUE),
        ("side", side),
        ("execution_mode", execution_mode),
        ("exit_reasoning", exit_reasoning or NO_VALUE),
    ]
    groups.extend(("indicator", name) for name in dict.fromkeys(indicators))
    groups.extend((name, _extra_value(extras, name)) for name in group_by)
    return tuple(groups)


def _extra_value(extras: Mapping[str, object], name: str) -> str:
    if name not in extras:
        return MISSING_FIELD
    value = extras[name]
    if value is None:
        return NO_VALUE
    if isinstance(value, str):
        return value
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return str(value)
    return json.dumps(value, default=str, sort_keys=True)


def planned_risk_reward(action: str, price: Decimal, stop: Decimal | None,
                        target: Decimal | None, stated: Decimal | None) -> Decimal | None:
    """The planned reward:risk: as stated by the bot, else from entry, stop and target.

    For a long (BUY) the reward is ``target - price`` and the risk ``price - stop``; for a short
    (SELL) both are mirrored.  A stop or target on the wrong side of the entry gives None: such a
    plan has no meaningful ratio and averaging it in would mislead.
    """
    if stated is not None:
        return stated
    if stop is None or target is None:
        return None
    if action == "BUY":
        reward, risk = target - price, price - stop
    else:
        reward, risk = price - target, stop - price
    if risk <= 0 or reward <= 0:
        return None
    return divide(reward, risk)


def realized_r_multiple(net: Decimal, price: Decimal, stop: Decimal | None,
                        quantity: Decimal) -> Decimal | None:
    """Net P&L in units of initial risk ``|price - stop| x quantity``; None without a stop."""
    if stop is None:
        return None
    risk = abs(price - stop) * quantity
    if risk == 0:
        return None
    return divide(net, risk)


@dataclass(frozen=True, slots=True)
class CoreStats:
    """Additive counts and Decimal sums; the metrics of any row derive from these alone."""

    closed: int = 0
    wins: int = 0
    losses: int = 0
    breakevens: int = 0
    net: Decimal = ZERO
    gross_profit: Decimal = ZERO
    gross_loss: Decimal = ZERO
    commission: Decimal = ZERO
    hold_sum: Decimal = ZERO
    hold_count: int = 0
    win_hold_sum: Decimal = ZERO
    win_hold_count: int = 0
    loss_hold_sum: Decimal = ZERO
    loss_hold_count: int = 0
    rr_sum: Decimal = ZERO
    rr_count: int = 0
    r_sum: Decimal = ZERO
    r_count: int = 0

    def __add__(self, other: "CoreStats") -> "CoreStats":
        with exact_sums():
            return _sum_cores(self, other)


_CORE_FIELDS = tuple(f.name for f in fields(CoreStats))
_core_values = attrgetter(*_CORE_FIELDS)


def _sum_cores(first: CoreStats, second: CoreStats) -> CoreStats:
    """Field-wise sum for callers already inside :func:`exact_sums` (merges add hundreds of
    breakdown rows; entering the context once per row was a tenth of a warm summary)."""
    return CoreStats(*map(add, _core_values(first), _core_values(second)))
EMPTY_CORE = CoreStats()


class _CoreAccumulator:
    """Mutable twin of :class:`CoreStats` for folding many trades without allocating per trade."""

    __slots__ = _CORE_FIELDS

    def __init__(self) -> None:
        for name in _CORE_FIELDS:
            setattr(self, name, 0)

    def add(self, trade: ClosedTrade) -> None:
        self.closed += 1
        net = trade.net
        self.net += net
        self.commission += trade.commission
        hold = trade.hold_seconds
        if hold is not None:
            self.hold_sum += hold
            self.hold_count += 1
        outcome = trade.outcome
        if outcome == "win":
            self.wins += 1
            self.gross_profit += net
            if hold is not None:
                self.win_hold_sum += hold
                self.win_hold_count += 1
        elif outcome == "loss":
            self.losses += 1
            self.gross_loss += net
            if hold is not None:
                self.loss_hold_sum += hold
                self.loss_hold_count += 1
        else:
            self.breakevens += 1
        if trade.planned_rr is not None:
            self.rr_sum += trade.planned_rr
            self.rr_count += 1
        if trade.r_multiple is not None:
            self.r_sum += trade.r_multiple
            self.r_count += 1

    def freeze(self) -> CoreStats:
        values = [getattr(self, name) for name in _CORE_FIELDS]
        return CoreStats(*(Decimal(v) if isinstance(default, Decimal) else v
                           for v, default in zip(values, _CORE_DEFAULTS)))


_CORE_DEFAULTS = tuple(getattr(EMPTY_CORE, name) for name in _CORE_FIELDS)


@dataclass(frozen=True, slots=True)
class Extreme:
    """The largest win or loss and the trade it came from (earliest wins ties)."""

    net: Decimal
    order_id: str
    symbol: str
    key: OrderKey


def _pick_extreme(current: Extreme | None, candidate: Extreme | None, *, larger: bool) -> Extreme | None:
    if candidate is None:
        return current
    if current is None:
        return candidate
    if candidate.net == current.net:
        return candidate if candidate.key < current.key else current
    better = candidate.net > current.net if larger else candidate.net < current.net
    return candidate if better else current


@dataclass(frozen=True, slots=True)
class Streaks:
    """Run-length boundary state: first run, last run and the longest runs inside.

    A breakeven is its own kind of run, so it ends a winning or losing streak.
    """

    count: int = 0
    first_kind: str | None = None
    first_length: int = 0
    last_kind: str | None = None
    last_length: int = 0
    longest_win: int = 0
    longest_loss: int = 0

    def merge(self, later: "Streaks") -> "Streaks":
        if self.count == 0:
            return later
        if later.count == 0:
            return self
        longest = {"win": max(self.longest_win, later.longest_win),
                   "loss": max(self.longest_loss, later.longest_loss)}
        first_length, last_length = self.first_length, later.last_length
        if self.last_kind == later.first_kind:
            joined = self.last_length + later.first_length
            if self.last_kind in longest:
                longest[self.last_kind] = max(longest[self.last_kind], joined)
            if self.first_length == self.count:
                first_length = self.count + later.first_length
            if later.last_length == later.count:
                last_length = later.count + self.last_length
        return Streaks(self.count + later.count, self.first_kind, first_length, later.last_kind,
                       last_length, longest["win"], longest["loss"])


def _fold_streaks(outcomes: Iterable[str]) -> Streaks:
    count = 0
    first_kind: str | None = None
    first_length = 0
    kind: str | None = None
    length = 0
    longest = {"win": 0, "loss": 0, "breakeven": 0}
    for outcome in outcomes:
        count += 1
        if outcome == kind:
            length += 1
        else:
            kind, length = outcome, 1
        if length > longest[outcome]:
            longest[outcome] = length
        if first_kind is None or (outcome == first_kind and first_length == count - 1):
            first_kind = outcome
            first_length = count
    return Streaks(count, first_kind, first_length, kind, length, longest["win"], longest["loss"])


@dataclass(frozen=True, slots=True)
class Drawdown:
    """Cumulative net P&L boundary state for exact peak-to-trough merging.

    ``peak`` is the highest cumulative value including the zero at the start of the span
    (``peak_key`` None means that start); ``low`` is the lowest cumulative value after a trade.
    ``max_drawdown`` is a non-negative magnitude with the keys of its peak and trough; ties keep
    the earliest trough, then the earliest peak, both when folding and when merging.
    """

    total: Decimal = ZERO
    peak: Decimal = ZERO
    peak_key: OrderKey | None = None
    low: Decimal | None = None
    low_key: OrderKey | None = None
    max_drawdown: Decimal = ZERO
    max_peak_key: OrderKey | None = None
    max_trough_key: OrderKey | None = None

    @property
    def current(self) -> Decimal:
        """How far the end of the span sits below its peak."""
        return self.peak - self.total

    def merge(self, later: "Drawdown") -> "Drawdown":
        if later.low is None:
            return self
        if self.low is None:
            return later
        offset = self.total
        if offset + later.peak > self.peak:
            peak, peak_key = offset + later.peak, later.peak_key
        else:
            peak, peak_key = self.peak, self.peak_key
        assert later.low_key is not None
        if offset + later.low < self.low:
            low, low_key = offset + later.low, later.low_key
        else:
            low, low_key = self.low, self.low_key
        cross = (self.peak - (offset + later.low), self.peak_key, later.low_key)
        inner = (later.max_drawdown, later.max_peak_key, later.max_trough_key)
        # On a tie the cross candidate is the from-scratch answer: its trough (the first low of
        # the later span) can never come after an equally deep inner trough, and its peak is
        # the earlier one.
        candidate = inner if inner[0] > cross[0] else cross
        best = (self.max_drawdown, self.max_peak_key, self.max_trough_key)
        if candidate[0] > best[0]:
            best = candidate
        return Drawdown(offset + later.total, peak, peak_key, low, low_key, *best)


def _fold_drawdown(trades: Sequence[ClosedTrade]) -> Drawdown:
    total = ZERO
    peak = ZERO
    peak_key: OrderKey | None = None
    low: Decimal | None = None
    low_key: OrderKey | None = None
    max_dd = ZERO
    max_peak: OrderKey | None = None
    max_trough: OrderKey | None = None
    for trade in trades:
        total += trade.net
        if total > peak:
            peak, peak_key = total, trade.key
        if low is None or total < low:
            low, low_key = total, trade.key
        drawdown = peak - total
        if drawdown > max_dd:
            max_dd, max_peak, max_trough = drawdown, peak_key, trade.key
    return Drawdown(total, peak, peak_key, low, low_key, max_dd, max_peak, max_trough)


Breakdowns = Mapping[str, Mapping[str, CoreStats]]


@dataclass(frozen=True, slots=True)
class Aggregate:
    """Everything a window summary needs from a consecutive span of closed trades."""

    core: CoreStats = EMPTY_CORE
    largest_win: Extreme | None = None
    largest_loss: Extreme | None = None
    streaks: Streaks = Streaks()
    drawdown: Drawdown = Drawdown()
    days: Mapping[date, CoreStats] | None = None
    breakdowns: Breakdowns | None = None
    tail: tuple[ClosedTrade, ...] = ()

    @property
    def day_stats(self) -> Mapping[date, CoreStats]:
        return self.days or {}

    @property
    def breakdown_stats(self) -> Breakdowns:
        return self.breakdowns or {}

    def merge(self, later: "Aggregate", *, tail_size: int = ROLLING_TAIL) -> "Aggregate":
        """Combine with the aggregate of the span that immediately follows this one."""
        with exact_sums():
            return self._merge(later, tail_size)

    def _merge(self, later: "Aggregate", tail_size: int) -> "Aggregate":
        if later.core.closed == 0:
            return self
        if self.core.closed == 0:
            return later
        return Aggregate(
            core=_sum_cores(self.core, later.core),
            largest_win=_pick_extreme(self.largest_win, later.largest_win, larger=True),
            largest_loss=_pick_extreme(self.largest_loss, later.largest_loss, larger=False),
            streaks=self.streaks.merge(later.streaks),
            drawdown=self.drawdown.merge(later.drawdown),
            days=_add_maps(self.day_stats, later.day_stats),
            breakdowns={
                dimension: _add_maps(self.breakdown_stats.get(dimension, {}),
                                     later.breakdown_stats.get(dimension, {}))
                for dimension in dict.fromkeys([*self.breakdown_stats, *later.breakdown_stats])
            },
            tail=(self.tail + later.tail)[-tail_size:] if tail_size else (),
        )


EMPTY_AGGREGATE = Aggregate()


def _add_maps(first: Mapping[object, CoreStats], second: Mapping[object, CoreStats]) -> dict:
    """Row-wise sum of two breakdowns or day maps; the caller holds :func:`exact_sums`."""
    merged = dict(first)
    for key, stats in second.items():
        merged[key] = _sum_cores(merged[key], stats) if key in merged else stats
    return merged


def fold(trades: Sequence[ClosedTrade], *, tail_size: int = ROLLING_TAIL) -> Aggregate:
    """Aggregate closed trades given in realization order (the from-scratch definition)."""
    with exact_sums():
        return _fold(trades, tail_size)


def _fold(trades: Sequence[ClosedTrade], tail_size: int) -> Aggregate:
    if not trades:
        return EMPTY_AGGREGATE
    core = _CoreAccumulator()
    days: dict[date, _CoreAccumulator] = {}
    breakdowns: dict[str, dict[str, _CoreAccumulator]] = {}
    largest_win: Extreme | None = None
    largest_loss: Extreme | None = None
    for trade in trades:
        core.add(trade)
        day = days.get(trade.local_day)
        if day is None:
            day = days[trade.local_day] = _CoreAccumulator()
        day.add(trade)
        for dimension, value in trade.groups:
            rows = breakdowns.get(dimension)
            if rows is None:
                rows = breakdowns[dimension] = {}
            row = rows.get(value)
            if row is None:
                row = rows[value] = _CoreAccumulator()
            row.add(trade)
        if trade.outcome == "win":
            if largest_win is None or trade.net > largest_win.net:
                largest_win = Extreme(trade.net, trade.order_id, trade.symbol, trade.key)
        elif trade.outcome == "loss":
            if largest_loss is None or trade.net < largest_loss.net:
                largest_loss = Extreme(trade.net, trade.order_id, trade.symbol, trade.key)
    return Aggregate(
        core=core.freeze(),
        largest_win=largest_win,
        largest_loss=largest_loss,
        streaks=_fold_streaks(trade.outcome for trade in trades),
        drawdown=_fold_drawdown(trades),
        days={day: acc.freeze() for day, acc in days.items()},
        breakdowns={dimension: {value: acc.freeze() for value, acc in rows.items()}
                    for dimension, rows in breakdowns.items()},
        tail=tuple(trades[-tail_size:]) if tail_size else (),
    )


def merge_all(aggregates: Iterable[Aggregate], *, tail_size: int = ROLLING_TAIL) -> Aggregate:
    """Merge aggregates of consecutive spans, oldest first."""
    result = EMPTY_AGGREGATE
    for aggregate in aggregates:
        result = result.merge(aggregate, tail_size=tail_size)
    return result


def fold_by_day(trades: Sequence[ClosedTrade], *, tail_size: int = ROLLING_TAIL) -> dict[date, Aggregate]:
    """One aggregate per local day; ``trades`` must be in realization order."""
    by_day: dict[date, list[ClosedTrade]] = {}
    for trade in trades:
        by_day.setdefault(trade.local_day, []).append(trade)
    return {day: fold(day_trades, tail_size=tail_size) for day, day_trades in sorted(by_day.items())}
