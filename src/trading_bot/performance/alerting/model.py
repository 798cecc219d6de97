"""What targets are, once validated: metrics, rules, calendar and silences (values only).

:mod:`.config` builds these from ``config/dashboard-targets.yaml``; the alert engine
(:mod:`.rules`, :mod:`.engine`) judges them.  Levels are kept in each metric's internal
unit, the one the summaries use: a win-rate target of 60 (percent, in YAML) is the fraction 0.6
here, converted exactly with Decimal.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from trading_bot.performance.core import metric_catalogue as catalogue
from trading_bot.performance.core.aggregate import ROLLING_TAIL
from trading_bot.performance.core.capital import Account

DEFAULT_REPEAT_INTERVAL = timedelta(hours=4)
#: Default ``min_trades`` of period rules on sample-sensitive metrics (rates and averages):
#: below about 10 trades one trade moves a win rate by 10 points or more.
DEFAULT_MIN_TRADES = 10
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_TRADING_DAYS = frozenset(range(5))
EVERY_DAY = frozenset(range(7))
#: ``trading_days`` spellings besides a list: ``auto`` (the default) infers the calendar from
#: the logs, since a crypto bot trades every day and a stock bot Mon-Fri.
AUTO_DAYS, WEEKDAY_DAYS, EVERY_DAY_DAYS = "auto", "weekdays", "every_day"

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


def _target(name: str, measured: str, windows: frozenset[str], *, sample_sensitive: bool = False,
            scoped_period: bool = True, minimum: Decimal | None = None,
            maximum: Decimal | None = None) -> MetricSpec:
    """A target metric judging catalogue metric ``measured``.

    The unit its levels are written in and the direction that is better come from the metric
    catalogue; the windows a rule may use, sample sensitivity and the allowed levels are target
    policy and stay here.  A health measure is not in a summary, so it has no summary key.
    """
    entry = catalogue.metric(measured)
    if entry.better is None:
        raise ValueError(f"target {name}: catalogue metric {measured} has no better direction")
    return MetricSpec(name, entry.target_unit, entry.better, windows,
                      "" if entry.scope == catalogue.HEALTH else entry.name,
                      sample_sensitive, scoped_period, minimum, maximum)


_RATES = frozenset({ROLLING, PERIOD})
_DAY = frozenset({DAY})
_HEALTH = frozenset({HEALTH})
METRICS: dict[str, MetricSpec] = {spec.name: spec for spec in (
    _target("win_rate", "win_rate", _RATES, sample_sensitive=True,
            minimum=Decimal(0), maximum=Decimal(100)),
    _target("avg_risk_reward", "average_planned_rr", _RATES, sample_sensitive=True,
            minimum=Decimal(0)),
    _target("avg_r_multiple", "average_r_multiple", _RATES, sample_sensitive=True),
    _target("expectancy", "expectancy", _RATES, sample_sensitive=True),
    _target("profit_factor", "profit_factor", _RATES, sample_sensitive=True, minimum=Decimal(0)),
    _target("net_profit_loss", "net_profit_loss", _RATES),
    _target("max_drawdown", "max_drawdown", _RATES, scoped_period=False, maximum=Decimal(0)),
    _target("max_consecutive_losses", "longest_loss_streak", _RATES, scoped_period=False,
            minimum=Decimal(0)),
    _target("daily_pl", "net_profit_loss", _DAY),
    _target("trades_per_day", "closed_trades", _DAY, minimum=Decimal(0)),
    # Data-health checks: built from the data_health section, not named in rules.
    _target("missing_log_file", "missing_log_file", _HEALTH),
    _target("stale_log", "stale_log", _HEALTH),
    _target("bad_line_rate", "bad_line_rate", _HEALTH),
    _target("stale_positions", "stale_positions", _HEALTH, minimum=Decimal(0)),
)}
HEALTH_METRICS = ("missing_log_file", "stale_log", "bad_line_rate", "stale_positions")

#: The operators' existing keys: each ``NAME_target`` is the warn level of one rule named NAME.
LEGACY_KEYS: dict[str, str] = {f"{name}_target": name for name in (
    "win_rate", "daily_pl", "trades_per_day", "max_drawdown", "avg_risk_reward")}


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
    #: ``trading_days`` not configured (``auto``): Mon-Fri until the logs show a weekend file.
    inferred: bool = True

    def is_trading_day(self, day: date) -> bool:
        return day.weekday() in self.trading_days and day not in self.holidays

    def for_history(self, weekend_logs: bool) -> Calendar:
        """The calendar a bot's history implies: an inferred one becomes every day once the
        logs hold a file dated on a Saturday or Sunday (the bot trades weekends)."""
        if not self.inferred or not weekend_logs:
            return self
        return replace(self, trading_days=EVERY_DAY)

    @property
    def days_label(self) -> str:
        """How the trading days were chosen, for reports: ``mon-fri (auto: ...)`` and so on."""
        if self.trading_days == EVERY_DAY:
            days = "every day"
        elif self.trading_days == DEFAULT_TRADING_DAYS:
            days = "mon-fri"
        else:
            days = ", ".join(WEEKDAYS[day] for day in sorted(self.trading_days))
        if not self.inferred:
            return days
        reason = ("the logs hold weekend files" if self.trading_days == EVERY_DAY
                  else "no weekend log file yet")
        return f"{days} (auto: {reason})"


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
    #: How executions are read (``--pairing``); None: not set in the file.
    pairing: str | None = None
    #: Age in seconds from which an open position is stale (``data_health.stale_positions.
    #: after``, ``--stale-after`` wins); None: not set in the file (7 days).
    stale_after_seconds: int | None = None
    #: The accounts the account figures are relative to (``accounts``; ``--starting-balance``
    #: replaces them); empty: not set in the file.
    accounts: tuple[Account, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.rules and not self.health

    @property
    def rolling_trades(self) -> int:
        """How many recent closed trades the rolling rules need (0: none).

        A scoped rolling rule picks its trades out of a longer history, so then the whole
        tail the aggregates keep is asked for.
        """
        rolling = [rule for rule in self.rules if rule.window == ROLLING]
        if any(not rule.scope.is_all for rule in rolling):
            return ROLLING_TAIL
        return max((rule.trades or 0 for rule in rolling), default=0)

    def rule(self, name: str) -> Rule | None:
        return next((rule for rule in (*self.rules, *self.health) if rule.name == name), None)
