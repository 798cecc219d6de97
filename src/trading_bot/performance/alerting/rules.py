"""Step 1 of the alert engine: judge every rule against the data of one evaluation.

Pure: :func:`judge` takes the targets and an :class:`Inputs` value (the evaluation instant, the
evaluated window's summary, the last closed trades up to that instant, when the newest log file
changed) and returns one :class:`RuleResult` per rule and period: the actual value, whether it
breaches, and, when a rule cannot be judged, why.  What to emit is decided afterwards by the
state machine in :mod:`.engine`; the semantics are documented there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from typing import Any, TypedDict

from trading_bot.performance.alerting.identity import AlertIdentity
from trading_bot.performance.alerting.model import (
    ALL_TRADES,
    DAY,
    PERIOD,
    ROLLING,
    Calendar,
    Rule,
    Scope,
    Targets,
)
from trading_bot.performance.core.aggregate import EMPTY_CORE, ClosedTrade, CoreStats, fold
from trading_bot.performance.core.decimals import ZERO, canonical, divide
from trading_bot.performance.core.filters import conditions_of, matches_groups
from trading_bot.performance.core.metrics import MetricSet, MetricValue, core_metrics
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.core.timestamps import day_end, format_instant, resolve_timezone

# Result statuses: only MET and BREACHED move alert state.
MET = "met"
BREACHED = "breached"
INSUFFICIENT = "insufficient_data"
NO_TRADES = "no_trades"
UNDEFINED = "undefined"
IN_PROGRESS = "in_progress"
HISTORICAL = "historical"
JUDGED = frozenset({MET, BREACHED})

NO_TRADES_NOTE = "No trades in window: alerts are suppressed"


@dataclass(frozen=True, slots=True)
class Pacing:
    """How the day in progress is doing against a daily target.

    ``elapsed`` is the fraction of the session (market hours, else the local day) that has
    passed; ``expected`` is the target scaled by it; on pace means ``actual`` is not worse than
    ``expected``.
    """

    actual: Decimal
    target: Decimal
    elapsed: Decimal
    expected: Decimal
    on_pace: bool

    def to_dict(self) -> dict[str, Any]:
        return {"actual": canonical(self.actual), "target": canonical(self.target),
                "elapsed": canonical(self.elapsed), "expected": canonical(self.expected),
                "on_pace": self.on_pace}


@dataclass(frozen=True, slots=True)
class RuleResult:
    """One rule judged for one period."""

    rule: Rule
    identity: AlertIdentity
    period_start: date | None
    period_end: date | None
    status: str
    actual: Decimal | None
    context: str
    sample: int | None = None
    live: bool = True
    pacing: Pacing | None = None
    note: str = ""
    #: missing_log_file: the trading days without a file (the days it inhibits when breached).
    days: tuple[date, ...] = ()

    @property
    def fingerprint(self) -> str:
        return self.identity.fingerprint

    @property
    def severity(self) -> str | None:
        if self.status != BREACHED or self.actual is None:
            return None
        return self.rule.severity(self.actual)


class _Common(TypedDict):
    """What every result of one rule and period shares, whatever its status."""

    rule: Rule
    identity: AlertIdentity
    period_start: date | None
    period_end: date | None
    context: str
    live: bool


@dataclass(frozen=True, slots=True)
class Inputs:
    """The data one evaluation judges.

    ``summary`` is the evaluated window (None when only trades were given); ``rolling`` the last
    closed trades up to the evaluation instant in realization order (None: the window's own
    tail); ``newest_log_at`` when the newest log file last changed (for the stale-log rule);
    ``first_log_day`` the date of the oldest log file in the directory: no file is expected
    for a day before it, since the bot had not started (``date.max``: no log file at all yet;
    None: not known, every trading day is expected); ``weekend_logs`` whether any log file is
    dated on a weekend (an inferred calendar then expects every day: see
    :meth:`.Calendar.for_history`).
    """

    now: datetime
    summary: PerformanceSummary | None
    rolling: Sequence[ClosedTrade]
    newest_log_at: datetime | None = None
    first_log_day: date | None = None
    #: A day file dated on a Saturday or Sunday exists: an ``auto`` calendar is every day.
    weekend_logs: bool = False


# --------------------------------------------------------------------------------------------
# Step 1: judge.
# --------------------------------------------------------------------------------------------

def judge(targets: Targets, inputs: Inputs) -> list[RuleResult]:
    """Every rule's result for the inputs, data-health results first."""
    summary = inputs.summary
    results: list[RuleResult] = []
    empty = (summary.aggregate.core.closed == 0) if summary is not None else not inputs.rolling
    if summary is not None:
        zone = resolve_timezone(summary.timezone)
        session = _Sessions(targets.calendar.for_history(inputs.weekend_logs), zone, inputs.now)
        results += _health_results(targets, summary, inputs, session)
        metric_set = summary.metrics
        for rule in targets.rules:
            if rule.window == PERIOD:
                results.append(_period_result(rule, summary, metric_set, inputs.now, empty))
            elif rule.window == DAY:
                results += _day_results(rule, summary, session, empty, inputs.first_log_day)
    live = summary is None or _live(summary, inputs.now)
    rolling_cache: dict[tuple[Scope, int], _Chosen] = {}
    for rule in targets.rules:
        if rule.window == ROLLING:
            results.append(_rolling_result(rule, inputs.rolling, rolling_cache, empty, live))
    return results


def _live(summary: PerformanceSummary, now: datetime) -> bool:
    """The window reaches the evaluation instant (its end is not in the past)."""
    return summary.as_of >= now


def _scope_context(scope: Scope) -> str:
    return "" if scope.is_all else f", {scope.label}"


def _period_result(rule: Rule, summary: PerformanceSummary, metric_set: MetricSet,
                   now: datetime, empty: bool) -> RuleResult:
    period = summary.period
    identity = AlertIdentity(rule.name, rule.metric, period.window, period.label, rule.scope)
    context = f"{period.window} {period.label}{_scope_context(rule.scope)}"
    start = period.start
    base = _Common(rule=rule, identity=identity, period_start=start, period_end=period.end,
                context=context, live=_live(summary, now))
    if empty:
        return RuleResult(status=NO_TRADES, actual=None, sample=0, note=NO_TRADES_NOTE, **base)
    if rule.scope.is_all:
        sample = summary.aggregate.core.closed
    else:
        (dimension, key), = rule.scope.items()
        stats = summary.aggregate.breakdown_stats.get(dimension, {}).get(key, EMPTY_CORE)
        metric_set, sample = core_metrics(stats), stats.closed
    return _judged(rule, metric_set.values.get(rule.spec.summary_key), sample,
                   metric_set.null_reasons, base)


def _judged(rule: Rule, value: MetricValue, sample: int, reasons: Mapping[str, str],
            base: _Common) -> RuleResult:
    if sample < rule.min_trades:
        return RuleResult(status=INSUFFICIENT, actual=_decimal(value), sample=sample,
                          note=f"{sample} of {rule.min_trades} closed trades needed", **base)
    if value is None:
        return RuleResult(status=UNDEFINED, actual=None, sample=sample,
                          note=reasons.get(rule.spec.summary_key, "undefined"), **base)
    actual = _decimal(value)
    assert actual is not None
    status = BREACHED if rule.severity(actual) else MET
    return RuleResult(status=status, actual=actual, sample=sample, **base)


def _decimal(value: MetricValue) -> Decimal | None:
    return None if value is None else Decimal(value)


#: The trades a rolling rule chose and their metrics, shared by rules with the same scope and N.
_Chosen = tuple[list[ClosedTrade], Mapping[str, MetricValue]]


def _rolling_result(rule: Rule, trades: Sequence[ClosedTrade],
                    cache: dict[tuple[Scope, int], _Chosen],
                    empty: bool, live: bool) -> RuleResult:
    assert rule.trades is not None
    key = (rule.scope, rule.trades)
    if key not in cache:
        chosen = _last_in_scope(trades, rule.scope, rule.trades)
        cache[key] = (chosen, _trade_metrics(chosen))
    chosen, values = cache[key]
    identity = AlertIdentity(rule.name, rule.metric, f"rolling-{rule.trades}", "latest", rule.scope)
    base = _Common(rule=rule, identity=identity,
                period_start=chosen[0].local_day if chosen else None,
                period_end=chosen[-1].local_day if chosen else None,
                context=f"rolling {rule.trades} trades{_scope_context(rule.scope)}", live=live)
    if empty:
        return RuleResult(status=NO_TRADES, actual=None, sample=len(chosen), note=NO_TRADES_NOTE,
                          **base)
    result = _judged(rule, values.get(rule.spec.summary_key), len(chosen),
                     {rule.spec.summary_key: "no closed trade has the needed fields"}, base)
    if not live and result.status in JUDGED:
        return replace(result, status=HISTORICAL,
                       note=f"{result.status} at the window's end; a past window does not alert "
                            "rolling rules")
    return result


def _last_in_scope(trades: Sequence[ClosedTrade], scope: Scope, count: int) -> list[ClosedTrade]:
    if scope.is_all:
        return list(trades[-count:])
    wanted = conditions_of(scope.items())
    chosen: list[ClosedTrade] = []
    for trade in reversed(trades):
        if matches_groups(wanted, trade.groups):
            chosen.append(trade)
            if len(chosen) == count:
                break
    chosen.reverse()
    return chosen


def _trade_metrics(trades: Sequence[ClosedTrade]) -> Mapping[str, MetricValue]:
    """The metrics of a run of trades, through the same fold every summary uses."""
    aggregate = fold(trades, tail_size=0)
    values = dict(core_metrics(aggregate.core).values)
    values["max_drawdown"] = -aggregate.drawdown.max_drawdown
    values["longest_loss_streak"] = aggregate.streaks.longest_loss
    return values


class _Sessions:
    """Calendar arithmetic for one evaluation: when days complete, how far a session is."""

    def __init__(self, calendar: Calendar, report_zone: tzinfo, now: datetime) -> None:
        self.calendar = calendar
        self.report_zone = report_zone
        self.zone = resolve_timezone(calendar.timezone) if calendar.timezone else report_zone
        self.now = now

    def _at(self, day: date, moment: time) -> datetime:
        return datetime.combine(day, moment, tzinfo=self.zone).astimezone(UTC)

    def start(self, day: date) -> datetime:
        if self.calendar.open is not None:
            return self._at(day, self.calendar.open)
        return datetime.combine(day, time(0), tzinfo=self.report_zone).astimezone(UTC)

    def end(self, day: date) -> datetime:
        """When ``day`` is complete: the close, else the end of the local day."""
        if self.calendar.close is not None:
            return self._at(day, self.calendar.close)
        return day_end(day, self.report_zone)

    def complete(self, day: date) -> bool:
        return self.now >= self.end(day)

    def in_progress(self, day: date) -> bool:
        return self.start(day) <= self.now < self.end(day)

    def elapsed(self, day: date) -> Decimal:
        start, end = self.start(day), self.end(day)
        passed = Decimal((self.now - start) // timedelta(seconds=1))
        total = Decimal((end - start) // timedelta(seconds=1))
        return min(max(divide(passed, total), ZERO), Decimal(1))

    def today(self) -> date:
        return self.now.astimezone(self.zone).date()

    def market_open(self) -> bool:
        today = self.today()
        return self.calendar.is_trading_day(today) and self.in_progress(today)


def _window_days(summary: PerformanceSummary, session: _Sessions,
                 first_log_day: date | None) -> list[date]:
    """The window's days a day rule or the missing-file rule can judge, in order: those from
    the first log file (or the window's start) up to today, plus any day with trades.

    A day after today is neither complete nor in progress, and one before the first log file
    counts only with trades, so a window reaching from 1970 to 8999 costs the days that have
    passed since the bot started, not 2.6 million dates.
    """
    period = summary.period
    if period.start is None:
        return []
    first = period.start if first_log_day is None else max(period.start, first_log_day)
    last = min(period.end, session.today() + timedelta(days=1))
    days = {first + timedelta(days=offset) for offset in range((last - first).days + 1)}
    days.update(day for day in summary.aggregate.day_stats if period.start <= day <= period.end)
    return sorted(days)


def _has_file(summary: PerformanceSummary, day: date) -> bool:
    return f"{day.isoformat()}.jsonl" in summary.data_quality.files_read


def _day_results(rule: Rule, summary: PerformanceSummary, session: _Sessions,
                 empty: bool, first_log_day: date | None) -> list[RuleResult]:
    """Each completed day that should count (a calendar trading day from the first log file
    on, or a day with a file or trades), plus the day in progress with its pacing; a rolling
    window has no days to judge.  A trading day before the bot's first log file is not judged
    (it did not run: no P&L is not a missed target), as it is not expected to have a file."""
    if summary.window == ROLLING:
        return []
    results = []
    day_stats = summary.aggregate.day_stats
    for day in _window_days(summary, session, first_log_day):
        started = first_log_day is None or day >= first_log_day
        counts = ((started and session.calendar.is_trading_day(day)) or day in day_stats
                  or _has_file(summary, day))
        complete, running = session.complete(day), session.in_progress(day)
        if not counts or not (complete or running):
            continue
        stats = day_stats.get(day, EMPTY_CORE)
        actual = _day_value(rule, stats)
        identity = AlertIdentity(rule.name, rule.metric, DAY, day.isoformat(), ALL_TRADES)
        base = _Common(rule=rule, identity=identity, period_start=day, period_end=day,
                    context=f"day {day.isoformat()}", live=False)
        if running:
            elapsed = session.elapsed(day)
            expected = rule.warn * elapsed
            pacing = Pacing(actual, rule.warn, elapsed, expected, not rule.worse(actual, expected))
            results.append(RuleResult(status=IN_PROGRESS, actual=actual, pacing=pacing,
                                      sample=stats.closed,
                                      note="the day is in progress; judged once it completes",
                                      **base))
        elif empty:
            results.append(RuleResult(status=NO_TRADES, actual=None, sample=0,
                                      note=NO_TRADES_NOTE, **base))
        else:
            results.append(_judged(rule, actual, stats.closed, {}, base))
    return results


def _day_value(rule: Rule, stats: CoreStats) -> Decimal:
    return Decimal(stats.closed) if rule.metric == "trades_per_day" else stats.net


def _health_results(targets: Targets, summary: PerformanceSummary, inputs: Inputs,
                    session: _Sessions) -> list[RuleResult]:
    results: list[RuleResult] = []
    for rule in targets.health:
        if rule.metric == "missing_log_file":
            results += _missing_files(rule, summary, inputs, session)
        elif rule.metric == "stale_log":
            if _live(summary, inputs.now) and session.market_open():
                results.append(_stale(rule, inputs, session))
        elif rule.metric == "stale_positions":
            results.append(_stale_positions(rule, summary, inputs.now))
        else:
            results.append(_bad_line_rate(rule, summary, inputs.now))
    return results


def _stale_positions(rule: Rule, summary: PerformanceSummary, now: datetime) -> RuleResult:
    """How many open positions at the window's end are older than the stale age: entries whose
    exits the bot never logged, most often.  One alert per window, like the bad-line rate."""
    period = summary.period
    view = summary.open_view
    identity = AlertIdentity(rule.name, rule.metric, period.window, period.label, ALL_TRADES)
    context = (f"{period.window} {period.label}: {view.stale} of {view.count} open positions "
               f"older than {view.stale_after_seconds // 86400}d "
               f"{view.stale_after_seconds % 86400 // 3600:02d}h")
    actual = Decimal(view.stale)
    return RuleResult(rule=rule, identity=identity, period_start=period.start,
                      period_end=period.end, status=BREACHED if rule.severity(actual) else MET,
                      actual=actual, context=context, live=_live(summary, now))


def _missing_files(rule: Rule, summary: PerformanceSummary, inputs: Inputs,
                   session: _Sessions) -> list[RuleResult]:
    """One result for the window: how many of its completed trading days have no log file.

    One alert names them all (a rolling window over months of sparse logs used to raise one
    alert per weekday).  Its identity is the window's, like the bad-line rate's: the period
    label for a calendar window, ``latest`` for a rolling one (whose label moves with its end),
    so one window's alert follows its days, and it resolves once every day has its file.  Days
    before the oldest log file are not expected: the bot had not started.  No result when no
    day is expected yet.
    """
    first = inputs.first_log_day
    expected = [day for day in _window_days(summary, session, first)
                if session.calendar.is_trading_day(day) and session.complete(day)
                and (first is None or day >= first)]
    if not expected:
        return []
    absent = set(summary.data_quality.files_missing)
    missing = tuple(day for day in expected if day.isoformat() in absent)
    period = summary.period
    if period.window == ROLLING:
        identity = AlertIdentity(rule.name, rule.metric, f"rolling-{period.trades_requested}",
                            "latest", ALL_TRADES)
    else:
        identity = AlertIdentity(rule.name, rule.metric, period.window, period.label, ALL_TRADES)
    notes = [f"trading days: {session.calendar.days_label}"]
    if first is not None and period.start is not None and period.start < first:
        notes.append(f"days before the first log file ({first.isoformat()}) are not expected to "
                     "have one")
    note = "; ".join(notes)
    return [RuleResult(
        rule=rule, identity=identity, period_start=period.start, period_end=period.end,
        status=BREACHED if missing else MET, actual=Decimal(len(missing)),
        context=f"{period.window} {period.label}: {len(missing)} of {len(expected)} trading days",
        live=_live(summary, inputs.now), note=note, days=missing)]


def _stale(rule: Rule, inputs: Inputs, session: _Sessions) -> RuleResult:
    today = session.today()
    reference = session.start(today)
    if inputs.newest_log_at is not None and inputs.newest_log_at > reference:
        reference = inputs.newest_log_at
    age = Decimal(max(int((inputs.now - reference).total_seconds()), 0))
    identity = AlertIdentity(rule.name, rule.metric, DAY, today.isoformat(), ALL_TRADES)
    newest = ("no log file yet" if inputs.newest_log_at is None
              else f"newest log change {format_instant(inputs.newest_log_at)}")
    return RuleResult(rule=rule, identity=identity, period_start=today, period_end=today,
                      status=BREACHED if rule.severity(age) else MET, actual=age,
                      context=f"market open; {newest}")


def _bad_line_rate(rule: Rule, summary: PerformanceSummary, now: datetime) -> RuleResult:
    period = summary.period
    quality = summary.data_quality
    identity = AlertIdentity(rule.name, rule.metric, period.window, period.label, ALL_TRADES)
    context = f"{period.window} {period.label}: {quality.bad_lines} of {quality.lines_read} lines"
    base = _Common(rule=rule, identity=identity, period_start=period.start, period_end=period.end,
                context=context, live=_live(summary, now))
    if quality.lines_read == 0:
        return RuleResult(status=INSUFFICIENT, actual=None, sample=0, note="no lines read", **base)
    actual = divide(Decimal(quality.bad_lines), Decimal(quality.lines_read))
    return RuleResult(status=BREACHED if rule.severity(actual) else MET, actual=actual, **base)
