"""The targets side of a report, built from an alert evaluation: decided once for every format.

:func:`targets_view` turns an :class:`~.engine.Evaluation` (the rules judged for the window,
where each alert stands) and the alert state (the alerts of the period, raised by this run or
earlier ones) into a :class:`~.targets_shown.TargetsView`: the targets table's rows, the alert
lines and the report JSON's parts, all formatted here.  The renderers import only that value
(:mod:`.targets_shown`), so a report without targets costs none of the alert engine; this
module imports it at the top and is imported only by the alert workflow, when targets exist.

Pure: the evaluation and the state are passed in.  Each result and each alert starts its JSON
with its :class:`~.identity.AlertIdentity`, written by the same ``to_dict`` as the alert state
and the alert log, so a report and the alert log always name an alert alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from trading_bot.performance.alerting.engine import (
    ALERT_FIRING,
    ALERT_INHIBITED,
    ALERT_NONE,
    ALERT_SILENCED,
    Evaluation,
    format_value,
    json_unit,
)
from trading_bot.performance.alerting.model import DAY, HIGHER
from trading_bot.performance.alerting.rules import (
    BREACHED,
    HISTORICAL,
    IN_PROGRESS,
    INSUFFICIENT,
    MET,
    NO_TRADES,
    RuleResult,
)
from trading_bot.performance.alerting.state import FIRING, AlertRecord, AlertState
from trading_bot.performance.core.decimals import canonical, quantize_for_display
from trading_bot.performance.core.formatting import signed
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.core.timestamps import format_instant
from trading_bot.performance.report.targets_shown import (
    NOT_CONFIGURED,
    AlertLine,
    TargetRow,
    TargetsView,
    alert_lines,
    target_rows,
)

__all__ = [
    "NOT_CONFIGURED",
    "AlertLine",
    "TargetRow",
    "TargetsView",
    "alert_dict",
    "alert_lines",
    "period_alerts",
    "result_dict",
    "rows",
    "target_rows",
    "targets_view",
    "variance_text",
]


def targets_view(evaluation: Evaluation, summary: PerformanceSummary, *, source: str,
                 state: AlertState | None = None) -> TargetsView:
    """The view of an evaluation, with the alerts of the summary's period from ``state`` (the
    state the evaluation led to when None)."""
    alerting = evaluation.alerting
    alerts = period_alerts(state or evaluation.state, summary)
    return TargetsView(
        configured=True, source=source, note=evaluation.note, breached=evaluation.breached,
        rows=tuple(rows(evaluation.results, alerting)),
        lines=tuple(_alert_line(record) for record in alerts),
        results=tuple(result_dict(result, alerting) for result in evaluation.results),
        alerts=tuple(alert_dict(record) for record in alerts))


def period_alerts(state: AlertState, summary: PerformanceSummary) -> tuple[AlertRecord, ...]:
    """Alerts whose period overlaps the summary's, oldest first."""
    first = summary.period.start or summary.period.end
    last = summary.period.end
    chosen = [record for record in state.records.values()
              if (record.period_start or date.min) <= last
              and first <= (record.period_end or date.max)]
    return tuple(sorted(chosen, key=lambda record: (record.firing_since, record.fingerprint)))


# --------------------------------------------------------------------------------------------
# JSON.
# --------------------------------------------------------------------------------------------

def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else canonical(value)


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def result_dict(result: RuleResult, alerting: Mapping[str, str]) -> dict[str, Any]:
    """One item of the report's ``targets.results``: the alert's identity, then the verdict."""
    rule = result.rule
    variance = None if result.actual is None else result.actual - rule.warn
    return {
        **result.identity.to_dict(),
        "period_start": _day(result.period_start),
        "period_end": _day(result.period_end),
        "unit": json_unit(rule.spec.unit),
        "actual": _decimal(result.actual),
        "target": canonical(rule.warn),
        "critical": _decimal(rule.critical),
        "resolve": canonical(rule.resolve),
        "variance": _decimal(variance),
        "status": result.status,
        "severity": result.severity,
        "alert": alerting.get(result.fingerprint, ALERT_NONE),
        "sample_trades": result.sample,
        "min_trades": rule.min_trades,
        "note": result.note or None,
        "pacing": None if result.pacing is None else result.pacing.to_dict(),
    }


def alert_dict(record: AlertRecord) -> dict[str, Any]:
    """One item of the report's ``alerts``: the last event id, the identity, the episode."""
    return {
        "id": record.last_event_id,
        **record.identity.to_dict(),
        "period_start": _day(record.period_start),
        "period_end": _day(record.period_end),
        "severity": record.severity,
        "status": record.status,
        "firing_since": format_instant(record.firing_since),
        "resolved_at": None if record.resolved_at is None else format_instant(record.resolved_at),
        "acknowledged_at": (None if record.acknowledged_at is None
                            else format_instant(record.acknowledged_at)),
        "emitted": record.emitted,
        "actual": _decimal(record.actual),
        "target": canonical(record.target),
        "unit": json_unit(record.unit),
        "message": record.message,
    }


# --------------------------------------------------------------------------------------------
# Rows for people.
# --------------------------------------------------------------------------------------------

def rows(results: Sequence[RuleResult], alerting: Mapping[str, str]) -> list[TargetRow]:
    """One row per rule and judged period; a rule judged per day over several completed days
    becomes one row (the worst day, and on how many days it was missed) plus one row for the
    day in progress."""
    by_rule: dict[str, list[RuleResult]] = {}
    for result in results:
        by_rule.setdefault(result.rule.name, []).append(result)
    found = []
    for judged in by_rule.values():
        per_day = judged[0].rule.window == DAY
        done = [result for result in judged if result.status != IN_PROGRESS]
        if per_day and len(done) > 1:
            found.append(_days_row(done, alerting))
            found += [_row(result, alerting) for result in judged
                      if result.status == IN_PROGRESS]
        else:
            found += [_row(result, alerting) for result in judged]
    return found


def variance_text(delta: Decimal | None, unit: str) -> str:
    """Actual minus target; rates in percentage points."""
    if delta is None:
        return "-"
    if unit == "percent":
        return signed(quantize_for_display(delta * 100, 2)) + " pp"
    if unit == "seconds":
        return ("-" if delta < 0 else "+") + format_value(abs(delta), unit)
    return signed(format_value(delta, unit))


def _row(result: RuleResult, alerting: Mapping[str, str]) -> TargetRow:
    rule = result.rule
    unit = rule.spec.unit
    variance = None if result.actual is None else result.actual - rule.warn
    if rule.metric == "missing_log_file":
        actual = f"{len(result.days)} missing" if result.days else "none missing"
        variance_shown = "-"
    else:
        actual = format_value(result.actual, unit)
        variance_shown = variance_text(variance, unit)
    met, short = _met_text(result, alerting.get(result.fingerprint, ALERT_NONE))
    return TargetRow(rule.name, result.context, actual, _target_text(result), variance_shown,
                     met, short, _pacing_text(result))


def _target_text(result: RuleResult) -> str:
    """``min 60.00%`` or ``max 1.00%``: words, so no ``<``/``>`` needs escaping anywhere."""
    rule = result.rule
    if rule.metric == "missing_log_file":
        return "file present"
    relation = "min" if rule.spec.better == HIGHER else "max"
    return f"{relation} {format_value(rule.warn, rule.spec.unit)}"


def _days_row(results: Sequence[RuleResult], alerting: Mapping[str, str]) -> TargetRow:
    rule = results[0].rule
    unit = rule.spec.unit
    judged = [result for result in results if result.actual is not None
              and result.status in (MET, BREACHED)]
    missed = [result for result in judged if result.status == BREACHED]
    span = f"{len(results)} completed days {results[0].period_start} to {results[-1].period_end}"
    target = _target_text(results[0])
    if not judged:
        met, short = _met_text(results[0], ALERT_NONE)
        return TargetRow(rule.name, span, "-", target, "-", met, short, "")
    firing = sum(1 for result in missed if alerting.get(result.fingerprint) == ALERT_FIRING)
    if missed:
        met = f"no: missed on {len(missed)} of {len(judged)} days"
        met += f" ({firing} firing)" if firing else ""
        short = f"no: {len(missed)} of {len(judged)} days"
    else:
        met = f"yes: all {len(judged)} days"
        short = met
    worse = min if rule.spec.better == HIGHER else max
    worst = worse(judged, key=_actual)
    assert worst.actual is not None and worst.period_start is not None
    actual = f"worst {format_value(worst.actual, unit)} ({worst.period_start:%m-%d})"
    return TargetRow(rule.name, span, actual, target,
                     variance_text(worst.actual - rule.warn, unit), met, short, "")


def _actual(result: RuleResult) -> Decimal:
    """The value of a judged result (one that has a value)."""
    assert result.actual is not None
    return result.actual


def _met_text(result: RuleResult, alert: str) -> tuple[str, str]:
    """In full and short: met or not, and where the alert stands."""
    status = result.status
    if status == MET:
        if alert == ALERT_FIRING:
            return "yes, but still firing until it reaches resolve (hysteresis)", "yes, firing"
        return "yes", "yes"
    if status == BREACHED:
        severity = "" if result.severity == "WARN" else " CRITICAL"
        where = {ALERT_FIRING: "firing", ALERT_SILENCED: "silenced",
                 ALERT_INHIBITED: "inhibited by data health"}.get(alert, "")
        full = f"no ({result.severity}{', ' + where if where else ''})"
        return full, f"no{severity}{', ' + where.split()[0] if where else ''}"
    if status == INSUFFICIENT:
        return f"insufficient data: {result.note}", "too few trades"
    if status == NO_TRADES:
        return "no trades in window", "no trades"
    if status == IN_PROGRESS:
        return "in progress", "in progress"
    if status == HISTORICAL:
        breached = result.actual is not None and result.rule.severity(result.actual)
        verdict = "no" if breached else "yes"
        return (f"{verdict} at the window's end (a past window does not alert rolling rules)",
                f"{verdict} (past window)")
    return f"undefined: {result.note}", "undefined"


def _pacing_text(result: RuleResult) -> str:
    pacing = result.pacing
    if pacing is None:
        return ""
    unit = result.rule.spec.unit
    elapsed = quantize_for_display(pacing.elapsed * 100, 0)
    verdict = "on pace" if pacing.on_pace else "behind pace"
    return (f"{elapsed}% of the session gone, {format_value(pacing.expected, unit)} expected "
            f"by now: {verdict}")


def _alert_line(record: AlertRecord) -> AlertLine:
    if record.status == FIRING:
        state = f"firing since {format_instant(record.firing_since)}"
    else:
        assert record.resolved_at is not None
        state = (f"resolved {format_instant(record.resolved_at)} (fired "
                 f"{format_instant(record.firing_since)})")
    extras = []
    if record.acknowledged_at is not None:
        extras.append(f"acknowledged {format_instant(record.acknowledged_at)}")
    if not record.emitted:
        extras.append("held back: silenced or inhibited")
    if record.last_event_id:
        extras.append(f"id {record.last_event_id}")
    return AlertLine(f"{record.severity} {state}", record.message, "; ".join(extras))
