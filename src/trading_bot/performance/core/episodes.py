"""Drawdown episodes of a window, at day resolution.

An episode starts when the end-of-day equity (cumulative realized net P&L from 0 at the start of
the window) falls below its running peak, reaches its trough at the lowest end-of-day equity
before it gets back, and recovers on the first day whose end-of-day equity is at or above that
peak again (or is "not recovered" at the end of the window).

Why days: the day aggregates the cache merges already hold each local day's net P&L, so the
day-level equity curve of any window is exact and costs one step per day, whereas the
trade-level path is not kept beyond the tail of recent trades.  The consequence, stated in the
README: an intraday dip that is recovered the same day is not an episode, and the deepest
episode can be shallower than the trade-level ``max_drawdown`` of the summary.  Peaks, troughs
and recoveries are therefore dates (the end of that local day), and durations are whole days.
Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from trading_bot.performance.core.aggregate import CoreStats
from trading_bot.performance.core.capital import Capital
from trading_bot.performance.core.decimals import ZERO, canonical, divide

#: How many episodes a summary lists (deepest first).
TOP_EPISODES = 5


@dataclass(frozen=True, slots=True)
class Episode:
    """One drawdown: ``peak`` None means the start of the window (equity 0)."""

    peak: date | None
    peak_equity: Decimal
    trough: date
    trough_equity: Decimal
    recovery: date | None

    @property
    def depth(self) -> Decimal:
        return self.peak_equity - self.trough_equity

    def fraction(self, balance: Decimal | None) -> Decimal | None:
        """Depth as a fraction of the account at the peak (``capital + peak equity``), with
        ``balance`` the contributed capital on the peak's day."""
        return None if balance is None else divide(self.depth, balance + self.peak_equity)

    def days_under_water(self, start: date, end: date) -> int:
        """Days that ended under water: from the day after the peak up to the day before the
        recovery, or to the window's last day (counted) when not recovered."""
        return ((self.recovery or end + timedelta(days=1)) - self._under_from(start)).days

    def _under_from(self, start: date) -> date:
        return start if self.peak is None else self.peak + timedelta(days=1)

    def to_dict(self, start: date, end: date, capital: Capital | None) -> dict[str, Any]:
        """JSON form; ``start`` is the window's first day, ``end`` its last; the depth fraction
        is of the balance at the peak (the capital of the peak's day, cash flows included)."""
        fraction = self.fraction(None if capital is None else capital.at(self.peak or start))
        under_from = self._under_from(start)
        return {
            "peak": None if self.peak is None else self.peak.isoformat(),
            "trough": self.trough.isoformat(),
            "recovery": None if self.recovery is None else self.recovery.isoformat(),
            "recovered": self.recovery is not None,
            "depth": canonical(-self.depth),
            "depth_fraction": None if fraction is None else canonical(-fraction),
            "days_to_trough": (self.trough - under_from).days + 1,
            "days_to_recovery": (None if self.recovery is None
                                 else (self.recovery - self.trough).days),
            "days_under_water": self.days_under_water(start, end),
        }


def drawdown_episodes(days: Mapping[date, CoreStats]) -> list[Episode]:
    """Every episode of the day-level equity curve, in time order."""
    episodes: list[Episode] = []
    equity = peak = ZERO
    peak_day: date | None = None
    trough_day: date | None = None
    trough = ZERO
    for day in sorted(days):
        equity += days[day].net
        if trough_day is not None:
            if equity >= peak:
                episodes.append(Episode(peak_day, peak, trough_day, trough, day))
                trough_day = None
            elif equity < trough:
                trough_day, trough = day, equity
        if trough_day is None:
            if equity > peak:
                peak, peak_day = equity, day
            elif equity < peak:
                trough_day, trough = day, equity
    if trough_day is not None:
        episodes.append(Episode(peak_day, peak, trough_day, trough, None))
    return episodes


def deepest(episodes: list[Episode], count: int = TOP_EPISODES) -> list[Episode]:
    """The ``count`` deepest episodes, deepest first; an earlier one wins a tie."""
    return sorted(episodes, key=lambda episode: -episode.depth)[:count]


def episodes_summary(days: Mapping[date, CoreStats], start: date | None, end: date,
                     balance: Capital | Decimal | None) -> dict[str, Any]:
    """The JSON ``drawdown_episodes`` block: the top episodes, the average depth and the
    longest time under water.  ``balance``: the capital (a bare Decimal is a constant one)."""
    capital = Capital(balance) if isinstance(balance, Decimal) else balance
    episodes = drawdown_episodes(days)
    first = start if start is not None else (min(days) if days else end)
    return {
        "resolution": "day",
        "basis": "end-of-day cumulative realized net P&L within the window, from 0 at its start",
        "count": len(episodes),
        "average_depth": (None if not episodes else canonical(
            -divide(sum((e.depth for e in episodes), ZERO), Decimal(len(episodes))))),
        "longest_days_under_water": max((episode.days_under_water(first, end)
                                         for episode in episodes), default=0),
        "episodes": [episode.to_dict(first, end, capital) for episode in deepest(episodes)],
    }
