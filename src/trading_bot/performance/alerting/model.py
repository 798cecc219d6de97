"""What targets are, once validated: metrics, rules, calendar and silences (values only).

:mod:`.targets` builds these from ``config/dashboard-targets.yaml``; the alert engine
(:mod:`.alert_rules`, :mod:`.alerts`) judges them.  Levels are kept in each metric's internal
unit, the one the summaries use: a win-rate target of 60 (percent, in YAML) is the fraction 0.6
here, converted exactly with Decimal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

DEFAULT_REPEAT_INTERVAL = timedelta(hours=4)
#: Default ``min_trades`` of period rules on sample-sensitive metrics (rates and averages):
#: below about 10 trades one trade moves a win rate by 10 points or more.
DEFAULT_MIN_TRADES = 10
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_TRADING_DAYS = frozenset(range(5))

HIGHER, LOWER = "higher", "lower"
ROLLING, PERIOD, DAY, HEALTH = "rolling", "period", "day", "health"


@dataclass(frozen=True, slots=True)
class MetricSpec:
    """What a rule metric means: its unit, which way is better and where it can be judged.

    ``summary_key`` names the value in :attr:`PerformanceSummary.metrics`; ``sample_sensitive``
    metrics (rates and averages) default to :data:`DEFAULT_MIN_TRADES` on period windows.
    """

    name: str
    unit: str
    better: str
    windows: frozenset[str]
    summary_key: str
    sample_sensitive: bool = False
    scoped_period: bool = True
    minimum: Decimal | None = None
    maximum: Decimal | None = None

    @property
    def default_window(self) -> str:
        return DAY if self.windows == {DAY} else PERIOD


_RATES = frozenset({ROLLING, PERIOD})
METRICS: dict[str, MetricSpec] = {spec.name: spec for spec in (
    MetricSpec("win_rate", "percent", HIGHER, _RATES, "win_rate", True,
               minimum=Decimal(0), maximum=Decimal(100)),
    MetricSpec("avg_risk_reward", "ratio", HIGHER, _RATES, "average_planned_rr", True,
               minimum=Decimal(0)),
    MetricSpec("avg_r_multiple", "ratio", HIGHER, _RATES, "average_r_multiple", True),
    MetricSpec("expectancy", "money", HIGHER, _RATES, "expectancy", True),
    MetricSpec("profit_factor", "ratio", HIGHER, _RATES, "profit_factor", True,
               minimum=Decimal(0)),
    MetricSpec("net_profit_loss", "money", HIGHER, _RATES, "net_profit_loss"),
    MetricSpec("max_drawdown", "money", HIGHER, _RATES, "max_drawdown", scoped_period=False,
               maximum=Decimal(0)),
    MetricSpec("max_consecutive_losses", "count", LOWER, _RATES, "longest_loss_streak",
               scoped_period=False, minimum=Decimal(0)),
    MetricSpec("daily_pl", "money", HIGHER, frozenset({DAY}), "net_profit_loss"),
    MetricSpec("trades_per_day", "count", HIGHER, frozenset({DAY}), "closed_trades",
               minimum=Decimal(0)),
    # Data-health checks: built from the data_health section, not named in rules.
    MetricSpec("missing_log_file", "count", LOWER, frozenset({HEALTH}), ""),
    MetricSpec("stale_log", "seconds", LOWER, frozenset({HEALTH}), ""),
    MetricSpec("bad_line_rate", "percent", LOWER, frozenset({HEALTH}), ""),
)}
HEALTH_METRICS = ("missing_log_file", "stale_log", "bad_line_rate")

#: The operators' existing keys: each is the warn level of one rule named after the key.
LEGACY_KEYS: dict[str, str] = {
    "win_rate_target": "win_rate",
    "daily_pl_target": "daily_pl",
    "trades_per_day_target": "trades_per_day",
    "max_drawdown_target": "max_drawdown",
    "avg_risk_reward_target": "avg_risk_reward",
}


@dataclass(frozen=True, slots=True)
class Scope:
    """Which trades a rule looks at: all of them, or one strategy and/or execution mode."""

    strategy_name: str | None = None
    execution_mode: str | None = None

    @property
    def is_all(self) -> bool:
        return self.strategy_name is None and self.execution_mode is None

    def items(self) -> tuple[tuple[str, str], ...]:
        return tuple((name, value) for name, value in (("strategy_name", self.strategy_name),
                                                       ("execution_mode", self.execution_mode))
                     if value is not None)

    @property
    def label(self) -> str:
        return ", ".join(f"{name}={value}" for name, value in self.items()) or "all trades"

    def to_dict(self) -> dict[str, str]:
        return dict(self.items())


ALL_TRADES = Scope()


@dataclass(frozen=True, slots=True)
class Rule:
    """One alert rule with its levels in the metric's internal unit (rates as fractions).

    A rule breaches when the metric is strictly worse than ``warn`` (``CRITICAL`` when strictly
    worse than ``critical``) and, once firing, resolves only when it is at least as good as
    ``resolve``: the gap between the two is the hysteresis band.
    """

    name: str
    metric: str
    window: str
    warn: Decimal
    resolve: Decimal
    critical: Decimal | None = None
    trades: int | None = None
    min_trades: int = 0
    repeat_interval: timedelta | None = DEFAULT_REPEAT_INTERVAL
    scope: Scope = ALL_TRADES
    source: str = ""

    @property
    def spec(self) -> MetricSpec:
        return METRICS[self.metric]

    def worse(self, value: Decimal, level: Decimal) -> bool:
        """Strictly worse than ``level`` in the metric's direction."""
        return value < level if self.spec.better == HIGHER else value > level

    def severity(self, value: Decimal) -> str | None:
        """``CRITICAL``, ``WARN`` or None (met) for a value."""
        if self.critical is not None and self.worse(value, self.critical):
            return "CRITICAL"
        return "WARN" if self.worse(value, self.warn) else None

    def recovered(self, value: Decimal) -> bool:
        """At least as good as the resolve level: a firing alert resolves."""
        return not self.worse(value, self.resolve)


@dataclass(frozen=True, slots=True)
class Calendar:
    """When the bot should trade: which days must have a log file and when the market is open.

    Times are wall-clock times in ``timezone`` (None: the report's ``--tz``).  Without market
    hours the market counts as open all day on a trading day, and a day is complete at local
    midnight; with them a day is complete at the close.
    """

    trading_days: frozenset[int] = DEFAULT_TRADING_DAYS
    holidays: frozenset[date] = frozenset()
    open: time | None = None
    close: time | None = None
    timezone: str | None = None

    def is_trading_day(self, day: date) -> bool:
        return day.weekday() in self.trading_days and day not in self.holidays


@dataclass(frozen=True, slots=True)
class Silence:
    """Quiets matching alerts until ``until``; every given matcher must match."""

    until: datetime
    reason: str
    rule: str | None = None
    metric: str | None = None
    strategy_name: str | None = None
    execution_mode: str | None = None
    fingerprint: str | None = None

    def active(self, now: datetime) -> bool:
        return now < self.until

    def matches(self, rule: Rule, fingerprint: str) -> bool:
        checks = ((self.rule, rule.name), (self.metric, rule.metric),
                  (self.strategy_name, rule.scope.strategy_name),
                  (self.execution_mode, rule.scope.execution_mode),
                  (self.fingerprint, fingerprint))
        return all(wanted is None or wanted == actual for wanted, actual in checks)


@dataclass(frozen=True)
class Targets:
    """A validated targets file: metric rules, data-health rules, calendar and silences."""

    rules: tuple[Rule, ...] = ()
    health: tuple[Rule, ...] = ()
    calendar: Calendar = Calendar()
    silences: tuple[Silence, ...] = ()
    source: str | None = None

    @property
    def empty(self) -> bool:
        return not self.rules and not self.health

    @property
    def rolling_trades(self) -> int:
        """How many recent closed trades the rolling rules need (0: none).

        A scoped rolling rule picks its trades out of a longer history, so then the whole
        tail the aggregates keep is asked for.
        """
        from trading_bot.performance.core.aggregate import ROLLING_TAIL

        rolling = [rule for rule in self.rules if rule.window == ROLLING]
        if any(not rule.scope.is_all for rule in rolling):
            return ROLLING_TAIL
        return max((rule.trades or 0 for rule in rolling), default=0)

    def rule(self, name: str) -> Rule | None:
        return next((rule for rule in (*self.rules, *self.health) if rule.name == name), None)
