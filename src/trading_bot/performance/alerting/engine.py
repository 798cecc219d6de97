"""The alert rule engine: judge targets against a summary, then decide which events to emit.

Pure: the evaluation instant, the alert state and the facts about the log files are passed in;
nothing here reads a file or a clock.  Two steps, each a function of values:

1. :func:`.rules.judge` turns targets plus data into :class:`RuleResult` values: one per
   rule and period, with the actual value, whether it breaches, and why not when it cannot be
   judged.
2. :func:`transition` runs each result through the state machine of its fingerprint and returns
   the new :class:`~.state.AlertState` and the :class:`AlertEvent` values to emit.

Semantics (README, "Targets and alerts"):

* **Windows.** ``rolling`` rules judge the last N closed trades up to the evaluation instant,
  whatever the report's calendar window; ``period`` rules judge the evaluated window as a whole;
  ``day`` rules (daily P&L, trades per day) judge each *completed* day of the window (complete at
  the market close when market hours are configured, else at local midnight).  The day in
  progress shows pacing (how far along the target it is against how much of the session has
  passed) and never alerts.
* **Not judged.** Fewer closed trades than ``min_trades``: ``insufficient_data``; an undefined
  metric (profit factor without losses): ``undefined``; no closed trades in the evaluated window:
  ``no_trades`` for every metric rule ("No trades in window"; alerts are suppressed).  None of
  these fires or resolves anything: a firing alert stays firing and does not repeat.
* **Data health.** Completed trading days of the window without a log file (one alert per
  window naming them, not one per day; days before the oldest log file are not expected), a
  log with no new line for too long while the market is open, a bad-line rate above its level.
  A breached data-health result inhibits metric alerts whose period includes one of its days
  (the missing days; the window for the others): their state still moves, but they emit
  nothing and do not count for the exit code.
* **Hysteresis and storms.** An alert fires when the metric is strictly worse than ``warn``
  (``CRITICAL`` beyond ``critical``), emits once (``first``), escalates once when it first
  reaches a higher severity than it has emitted (``escalated``), repeats only after
  ``repeat_interval`` while its period is live and it is not acknowledged
  (``repeat_interval_elapsed``; a completed day cannot recover, so it does not repeat), and
  resolves only when the metric is at least as good as
  ``resolve`` (``resolved``), so a value wandering inside the band emits nothing.
* **Standing.** Each result's alert standing (``alerting``) is a function of the data and the
  state it leads to: ``firing`` (or ``silenced``/``inhibited``) while its record fires,
  ``resolved`` while its record is resolved and the result is not breached (not only in the
  run that resolved it, so a report of unchanged data is unchanged), else ``none``.
* **Identity** (:class:`.AlertIdentity`, one value in the state, the events and the report).
  The fingerprint hashes rule, metric, window, period and scope, never the value:
  a rolling rule's period is ``latest`` (one alert that follows the trades), a calendar rule's is
  its period label (each day or week is its own alert).  Rolling rules are judged for alerting
  only when the evaluated window reaches the evaluation instant; a report of a past window shows
  their values (``historical``) without touching the live alert.
* **Silences** quiet matching alerts until their end time: the state still moves, nothing is
  emitted, and a silenced alert does not count for the exit code.  An episode that emitted its
  firing event always gets its resolved event, so the log never shows an episode without an end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from trading_bot.performance.alerting.identity import AlertIdentity
from trading_bot.performance.alerting.model import HEALTH, HIGHER, Rule, Silence, Targets
from trading_bot.performance.alerting.rules import (
    BREACHED,
    HISTORICAL,
    IN_PROGRESS,
    INSUFFICIENT,
    JUDGED,
    MET,
    NO_TRADES,
    NO_TRADES_NOTE,
    UNDEFINED,
    Inputs,
    Pacing,
    RuleResult,
    judge,
)
from trading_bot.performance.alerting.state import (
    EMPTY_STATE,
    FIRING,
    RESOLVED,
    SEVERITY_RANK,
    AlertRecord,
    AlertState,
)
from trading_bot.performance.core.aggregate import ClosedTrade
from trading_bot.performance.core.decimals import canonical, quantize_for_display
from trading_bot.performance.core.formatting import duration, plural
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.core.timestamps import format_instant
from trading_bot.performance.errors import UsageError

# How a result stands for alerting after the state machine.
ALERT_FIRING = "firing"
ALERT_SILENCED = "silenced"
ALERT_INHIBITED = "inhibited"
ALERT_RESOLVED = "resolved"
ALERT_NONE = "none"

EVENT_SCHEMA_VERSION = 1
SEEN_STEP = timedelta(hours=1)
#: How many missing days a missing_log_file message names (it always gives the count).
DAYS_NAMED = 5
#: JSON unit names: rates travel as fractions, as in the summary JSON.
JSON_UNITS = {"percent": "fraction", "money": "money", "ratio": "ratio", "count": "count",
              "seconds": "seconds"}
#: The alert log's keys in the order its lines have had since the first release (the order of
#: the schema's ``required`` list): the identity's keys are not one block there, and lines
#: old and new read alike side by side in an append-only file.
EVENT_KEYS = ("schema_version", "id", "fingerprint", "rule", "metric", "window", "period",
              "period_start", "period_end", "scope", "actual", "target", "unit", "severity",
              "status", "reason", "message", "raised_at", "firing_since", "acknowledged_at",
              "sample_trades")

__all__ = [
    "ALERT_FIRING",
    "ALERT_INHIBITED",
    "ALERT_NONE",
    "ALERT_RESOLVED",
    "ALERT_SILENCED",
    "BREACHED",
    "HISTORICAL",
    "INSUFFICIENT",
    "IN_PROGRESS",
    "MET",
    "NO_TRADES",
    "NO_TRADES_NOTE",
    "UNDEFINED",
    "AlertEvaluator",
    "AlertEvent",
    "AlertIdentity",
    "Evaluation",
    "Pacing",
    "RuleResult",
    "acknowledgement_event",
    "event_id",
    "format_value",
    "json_unit",
    "transition",
]


@dataclass(frozen=True, slots=True)
class AlertEvent:
    """One line of the alert log (``specs/performance-alert.schema.json``)."""

    id: str
    identity: AlertIdentity
    period_start: date | None
    period_end: date | None
    actual: Decimal | None
    target: Decimal
    unit: str
    severity: str
    status: str
    reason: str
    message: str
    raised_at: datetime
    firing_since: datetime
    acknowledged_at: datetime | None = None
    sample_trades: int | None = None

    @classmethod
    def of(cls, record: AlertRecord, *, id: str, reason: str, message: str, raised_at: datetime,
           sample_trades: int | None = None) -> AlertEvent:
        """The event of a state record as it stands: the record's identity, period, levels and
        standing, with what is the event's own."""
        return cls(
            id=id, identity=record.identity, period_start=record.period_start,
            period_end=record.period_end, actual=record.actual, target=record.target,
            unit=record.unit, severity=record.severity, status=record.status, reason=reason,
            message=message, raised_at=raised_at, firing_since=record.firing_since,
            acknowledged_at=record.acknowledged_at, sample_trades=sample_trades)

    @property
    def fingerprint(self) -> str:
        return self.identity.fingerprint

    def to_dict(self) -> dict[str, Any]:
        """The alert-log line: the identity's keys (:meth:`.AlertIdentity.to_dict`), then the
        event's own, laid out in :data:`EVENT_KEYS` order."""
        fields = {
            "schema_version": EVENT_SCHEMA_VERSION,
            "id": self.id,
            **self.identity.to_dict(),
            "period_start": None if self.period_start is None else self.period_start.isoformat(),
            "period_end": None if self.period_end is None else self.period_end.isoformat(),
            "actual": None if self.actual is None else canonical(self.actual),
            "target": canonical(self.target),
            "unit": json_unit(self.unit),
            "severity": self.severity,
            "status": self.status,
            "reason": self.reason,
            "message": self.message,
            "raised_at": format_instant(self.raised_at),
            "firing_since": format_instant(self.firing_since),
            "acknowledged_at": (None if self.acknowledged_at is None
                                else format_instant(self.acknowledged_at)),
            "sample_trades": self.sample_trades,
        }
        return {key: fields[key] for key in EVENT_KEYS}


@dataclass(frozen=True)
class Evaluation:
    """Everything one evaluation decided: results, events, the new state and the alert standing
    of each result (``alerting``: fingerprint -> firing, silenced, inhibited, resolved, none)."""

    now: datetime
    results: tuple[RuleResult, ...]
    events: tuple[AlertEvent, ...]
    state: AlertState
    alerting: Mapping[str, str]
    note: str | None = None

    @property
    def breached(self) -> bool:
        """Any rule firing (not silenced or inhibited) for the evaluated window: exit code 2."""
        return any(status == ALERT_FIRING for status in self.alerting.values())

    def firing(self) -> list[RuleResult]:
        return [result for result in self.results
                if self.alerting.get(result.fingerprint) == ALERT_FIRING]


# --------------------------------------------------------------------------------------------
# Step 2: the state machine.
# --------------------------------------------------------------------------------------------

def transition(state: AlertState, results: Sequence[RuleResult], targets: Targets,
               now: datetime) -> tuple[AlertState, list[AlertEvent], dict[str, str]]:
    """Move every judged result's fingerprint through firing/resolved; return what to emit."""
    silences = [silence for silence in targets.silences if silence.active(now)]
    inhibited = inhibitions(results, silences)
    held: dict[str, list[RuleResult]] = {}
    for breach, health in inhibited.values():
        if breach.status == BREACHED:
            held.setdefault(health.fingerprint, []).append(breach)
    changes: dict[str, AlertRecord] = {}
    events: list[AlertEvent] = []
    alerting: dict[str, str] = {}
    for result in results:
        fingerprint = result.fingerprint
        previous = changes.get(fingerprint) or state.get(fingerprint)
        firing = previous is not None and previous.status == FIRING
        if result.status not in JUDGED:
            if previous is not None:
                changes[fingerprint] = _seen(previous, now)
            alerting[fingerprint] = ALERT_NONE
            continue
        assert result.actual is not None
        quiet = None
        if any(silence.matches(result.rule, fingerprint) for silence in silences):
            quiet = ALERT_SILENCED
        elif fingerprint in inhibited:
            quiet = ALERT_INHIBITED
        if not firing:
            if result.status != BREACHED:
                if previous is not None:
                    changes[fingerprint] = _seen(replace(previous, actual=result.actual), now)
                alerting[fingerprint] = ALERT_RESOLVED if previous is not None else ALERT_NONE
                continue
            record = _new_record(result, now, previous)
            if fingerprint in held:
                record = replace(record, message=_holding(record.message, held[fingerprint]))
            if quiet is None:
                record, event = _emit(record, result, now, "first")
                events.append(event)
            changes[fingerprint] = record
            alerting[fingerprint] = quiet or ALERT_FIRING
            continue
        assert previous is not None
        if result.rule.recovered(result.actual):
            record = replace(previous, status=RESOLVED, resolved_at=now, last_seen=now,
                             actual=result.actual, target=result.rule.resolve,
                             message=_message(result, RESOLVED, previous.severity))
            if previous.emitted:
                record, event = _emit(record, result, now, "resolved")
                events.append(event)
            changes[fingerprint] = record
            alerting[fingerprint] = ALERT_RESOLVED
            continue
        severity = result.severity or "WARN"
        message = _message(result, FIRING, severity)
        if fingerprint in held:
            message = _holding(message, held[fingerprint])
        record = _seen(replace(previous, severity=severity, actual=result.actual,
                               target=_level(result.rule, severity), message=message), now)
        reason = None if quiet else _repeat_reason(previous, result, severity, now)
        if reason is not None:
            record, event = _emit(record, result, now, reason)
            events.append(event)
        changes[fingerprint] = record
        alerting[fingerprint] = quiet or ALERT_FIRING
    return state.updated(changes, now), events, alerting


def inhibitions(results: Sequence[RuleResult],
                silences: Sequence[Silence]) -> dict[str, tuple[RuleResult, RuleResult]]:
    """Each judged metric result a breached data-health result inhibits (its period includes
    one of the health result's days): its fingerprint -> (the result, the health result that
    holds it back).  A silenced result is not listed: the silence, not the data, keeps it
    quiet."""
    inhibitors = [(span, result) for result in results
                  if result.rule.window == HEALTH and result.status == BREACHED
                  for span in _inhibited_spans(result)]
    held: dict[str, tuple[RuleResult, RuleResult]] = {}
    for result in results:
        if result.rule.window == HEALTH or result.status not in JUDGED or not inhibitors \
                or any(silence.matches(result.rule, result.fingerprint) for silence in silences):
            continue
        for span, health in inhibitors:
            if _overlaps(result, [span]):
                held[result.fingerprint] = (result, health)
                break
    return held


def _holding(message: str, breaches: Sequence[RuleResult]) -> str:
    """A data-health message that names the metric breaches it holds back."""
    names = ", ".join(f"{breach.rule.name} ({breach.context})" for breach in breaches[:DAYS_NAMED])
    more = len(breaches) - DAYS_NAMED
    return (f"{message}; holding back {plural(len(breaches), 'metric breach', 'metric breaches')}:"
            f" {names}{f' and {more} more' if more > 0 else ''}")


def held_back_note(held: Mapping[str, tuple[RuleResult, RuleResult]]) -> str | None:
    """What the report says about breaches data health holds back: which, and why."""
    if not held:
        return None
    parts = []
    for breach, health in held.values():
        severity = breach.severity or "WARN"
        parts.append(f"{_message(breach, FIRING, severity)} is held back by "
                     f"{_message(health, FIRING, health.severity or 'WARN')}")
    return ("Metric breaches held back by data health (not alerted, not in the exit code, "
            "until the data is whole or the check is turned off): " + "; ".join(parts))


def _inhibited_spans(result: RuleResult) -> list[tuple[date | None, date | None]]:
    """What a breached data-health result inhibits: its missing days, else its period."""
    if result.days:
        return [(day, day) for day in result.days]
    return [(result.period_start, result.period_end)]


def _seen(record: AlertRecord, now: datetime) -> AlertRecord:
    """Refresh ``last_seen`` (which only drives retention) at most every :data:`SEEN_STEP`, so
    an evaluation that changes nothing leaves the state file alone (no write every minute)."""
    if now - record.last_seen < SEEN_STEP:
        return record
    return replace(record, last_seen=now)


def _overlaps(result: RuleResult, spans: Iterable[tuple[date | None, date | None]]) -> bool:
    if result.period_start is None or result.period_end is None:
        return False
    return any(start is not None and end is not None and start <= result.period_end
               and result.period_start <= end for start, end in spans)


def _repeat_reason(previous: AlertRecord, result: RuleResult, severity: str,
                   now: datetime) -> str | None:
    """Why a still-firing alert emits again, or None (the usual case: it stays quiet)."""
    if previous.last_emitted is None:
        return "first"  # its first event was held back by a silence or an inhibition
    if SEVERITY_RANK[severity] > SEVERITY_RANK.get(previous.emitted_severity or "", 0):
        return "escalated"
    interval = result.rule.repeat_interval
    if (result.live and interval is not None and previous.acknowledged_at is None
            and now - previous.last_emitted >= interval):
        return "repeat_interval_elapsed"
    return None


def _new_record(result: RuleResult, now: datetime, previous: AlertRecord | None) -> AlertRecord:
    """A new episode; it keeps counting its fingerprint's events where the last one stopped."""
    severity = result.severity or "WARN"
    return AlertRecord(
        identity=result.identity, period_start=result.period_start,
        period_end=result.period_end, status=FIRING, severity=severity,
        firing_since=now, last_seen=now, unit=result.rule.spec.unit,
        target=_level(result.rule, severity), actual=result.actual,
        message=_message(result, FIRING, severity),
        sequence=0 if previous is None else previous.sequence)


def event_id(fingerprint: str, now: datetime, reason: str, sequence: int) -> str:
    """``<fingerprint>-<UTC time>-<reason>-<sequence>``: readable, and ``ack`` finds the alert
    from its first part.

    ``sequence`` numbers the fingerprint's events (kept in its state record across episodes),
    so ids are unique without relying on the clock's resolution: an alert that fires, resolves
    and fires again within one second gets ``...-first-1`` and ``...-first-3``.  The time keeps
    ids unique even when the state is lost and the count starts again.
    """
    return f"{fingerprint}-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}-{reason}-{sequence}"


def acknowledgement_event(record: AlertRecord, now: datetime) -> AlertEvent:
    """The alert-log line that records an ``ack``."""
    return AlertEvent.of(record, id=event_id(record.fingerprint, now, "acknowledged",
                                             record.sequence),
                         reason="acknowledged", message=f"{record.message} (acknowledged)",
                         raised_at=now)


def _emit(record: AlertRecord, result: RuleResult, now: datetime,
          reason: str) -> tuple[AlertRecord, AlertEvent]:
    sequence = record.sequence + 1
    event_id_ = event_id(record.fingerprint, now, reason, sequence)
    event = AlertEvent.of(record, id=event_id_, reason=reason, message=record.message,
                          raised_at=now, sample_trades=result.sample)
    emitted_severity = record.severity
    if record.emitted_severity is not None and record.status == FIRING:
        emitted_severity = max(record.emitted_severity, record.severity,
                               key=SEVERITY_RANK.__getitem__)
    return replace(record, last_emitted=now, last_event_id=event_id_, sequence=sequence,
                   emitted_severity=emitted_severity), event


def _level(rule: Rule, severity: str) -> Decimal:
    if severity == "CRITICAL" and rule.critical is not None:
        return rule.critical
    return rule.warn


# --------------------------------------------------------------------------------------------
# Messages.
# --------------------------------------------------------------------------------------------

def json_unit(unit: str) -> str:
    """A metric's unit as JSON names it (:data:`JSON_UNITS`): rates travel as fractions."""
    return JSON_UNITS[unit]


def format_value(value: Decimal | None, unit: str) -> str:
    """A value in its metric's unit for people: ``55.00%``, ``-250.00``, ``1.25``, ``3``."""
    if value is None:
        return "-"
    if unit == "percent":
        return quantize_for_display(value * 100, 2) + "%"
    if unit == "seconds":
        return duration(value)
    if unit == "count" and value == value.to_integral_value():
        return str(int(value))
    return quantize_for_display(value, 2)


def _day_list(days: Sequence[date]) -> str:
    """The first :data:`DAYS_NAMED` days, then how many more."""
    shown = ", ".join(day.isoformat() for day in days[:DAYS_NAMED])
    more = len(days) - DAYS_NAMED
    return f"{shown} and {more} more" if more > 0 else shown


def _message(result: RuleResult, status: str, severity: str) -> str:
    """``win_rate 55.00% < target 60.00% (rolling 20 trades)`` and its relatives."""
    rule, actual = result.rule, result.actual
    unit = rule.spec.unit
    if rule.metric == "missing_log_file":
        if status == RESOLVED:
            return (f"missing_log_file: every trading day has its log file now "
                    f"({result.context}): resolved")
        return (f"missing_log_file: {plural(len(result.days), 'trading day')} without a log file "
                f"({result.context}): {_day_list(result.days)}")
    if rule.metric == "stale_log":
        if status == RESOLVED:
            return f"stale_log: the log is written again ({result.context}): resolved"
        return (f"stale_log: no new log line for {format_value(actual, unit)} > "
                f"{format_value(_level(rule, severity), unit)} while the market is open "
                f"({result.context})")
    falling = rule.spec.better == HIGHER
    shown = format_value(actual, unit)
    if status == RESOLVED:
        relation = ">=" if falling else "<="
        return (f"{rule.metric} {shown} {relation} resolve {format_value(rule.resolve, unit)} "
                f"({result.context}): resolved")
    level = _level(rule, severity)
    if actual is not None and rule.worse(actual, level):
        word = "critical" if severity == "CRITICAL" and rule.critical is not None else "target"
        return (f"{rule.metric} {shown} {'<' if falling else '>'} {word} "
                f"{format_value(level, unit)} ({result.context})")
    return (f"{rule.metric} {shown} has not recovered to resolve "
            f"{format_value(rule.resolve, unit)} ({result.context})")


# --------------------------------------------------------------------------------------------
# The API.
# --------------------------------------------------------------------------------------------

class AlertEvaluator:
    """Evaluate targets against a summary (or a run of trades) and keep the alert state.

    ``evaluate`` is pure given its arguments: ``now`` defaults to the summary's
    ``generated_at`` (the tracker's clock when it was built), the previous state is
    :attr:`state`, and the new state replaces it.  Persisting the state and writing the events
    belong to the caller (:mod:`.state`, :mod:`.outbox`, :mod:`.log`, the services layer).
    """

    def __init__(self, *, targets: Targets, state: AlertState | None = None) -> None:
        self.targets = targets
        self.state = state or EMPTY_STATE
        self.last: Evaluation | None = None

    def evaluate(self, summary_or_trades: PerformanceSummary | Sequence[ClosedTrade], *,
                 rolling: PerformanceSummary | Sequence[ClosedTrade] | None = None,
                 now: datetime | None = None,
                 newest_log_at: datetime | None = None,
                 first_log_day: date | None = None,
                 weekend_logs: bool = False) -> list[AlertEvent]:
        """The events to emit now; :attr:`last` keeps the whole :class:`Evaluation`.

        ``summary_or_trades`` is the evaluated window, or closed trades in realization order
        (then only rolling rules are judged).  ``rolling`` gives the last closed trades up to
        the evaluation instant (a rolling summary or its trades); without it rolling rules see
        the window's own trades.  ``newest_log_at``, ``first_log_day`` and ``weekend_logs`` are
        facts about the logs directory for the data-health rules (see :class:`.rules.Inputs`).
        """
        evaluation = self.run(summary_or_trades, rolling=rolling, now=now,
                              newest_log_at=newest_log_at, first_log_day=first_log_day,
                              weekend_logs=weekend_logs)
        return list(evaluation.events)

    def run(self, summary_or_trades: PerformanceSummary | Sequence[ClosedTrade], *,
            rolling: PerformanceSummary | Sequence[ClosedTrade] | None = None,
            now: datetime | None = None, newest_log_at: datetime | None = None,
            first_log_day: date | None = None, weekend_logs: bool = False) -> Evaluation:
        if isinstance(summary_or_trades, PerformanceSummary):
            summary: PerformanceSummary | None = summary_or_trades
            window_trades: Sequence[ClosedTrade] = summary_or_trades.aggregate.tail
            moment = now or summary_or_trades.generated_at.replace(microsecond=0)
        else:
            summary = None
            window_trades = summary_or_trades
            if now is None and not window_trades:
                raise UsageError("evaluating an empty run of trades needs now=")
            moment = now or window_trades[-1].realized_at
        if isinstance(rolling, PerformanceSummary):
            rolling_trades: Sequence[ClosedTrade] = rolling.aggregate.tail
        else:
            rolling_trades = window_trades if rolling is None else rolling
        inputs = Inputs(moment, summary, rolling_trades, newest_log_at, first_log_day,
                        weekend_logs)
        results = judge(self.targets, inputs)
        state, events, alerting = transition(self.state, results, self.targets, moment)
        notes = []
        if any(result.status == NO_TRADES for result in results):
            notes.append(NO_TRADES_NOTE)
        silences = [silence for silence in self.targets.silences if silence.active(moment)]
        held = {fingerprint: pair for fingerprint, pair in inhibitions(results, silences).items()
                if alerting.get(fingerprint) == ALERT_INHIBITED and pair[0].status == BREACHED}
        held_note = held_back_note(held)
        if held_note:
            notes.append(held_note)
            results = [replace(result, note=f"held back by {held[result.fingerprint][1].rule.name}"
                               f" ({held[result.fingerprint][1].context})")
                       if result.fingerprint in held and not result.note else result
                       for result in results]
        note = ". ".join(notes) if notes else None
        evaluation = Evaluation(moment, tuple(results), tuple(events), state, alerting, note)
        self.state = state
        self.last = evaluation
        return evaluation
