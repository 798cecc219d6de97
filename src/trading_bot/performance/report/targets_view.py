"""What the reports show about targets and alerts, decided once for JSON, Markdown and text.

:class:`TargetsView` is the targets side of a report: the rules judged for the window (actual,
target, variance, met or not, pacing for the day in progress) and the alerts of the period (from
the alert state, so a report shows alerts raised by earlier runs too).  Pure: built by the CLI
from an :class:`~.alerts.Evaluation` and the state, rendered by the renderers.

Every renderer imports this module, and most runs have no targets file: so the alert engine
(:mod:`.alerts`, :mod:`.alert_rules`, :mod:`.alert_state`, :mod:`.target_model`) is imported
inside the functions that only run when targets are configured, and a report without targets
costs none of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from trading_bot.performance.core.decimals import canonical, quantize_for_display
from trading_bot.performance.core.formatting import signed
from trading_bot.performance.core.timestamps import format_instant

if TYPE_CHECKING:
    from trading_bot.performance.alerting.rules import RuleResult
    from trading_bot.performance.alerting.state import AlertRecord, AlertState
    from trading_bot.performance.alerting.engine import Evaluation
    from trading_bot.performance.core.summary import PerformanceSummary

NOT_CONFIGURED = ("none configured, so alerts are off; set them in "
                  "config/dashboard-targets.yaml (see the README)")


@dataclass(frozen=True)
class TargetsView:
    """The targets and alerts of one report; ``configured`` False means no targets at all."""

    configured: bool = False
    source: str | None = None
    note: str | None = None
    results: tuple[RuleResult, ...] = ()
    alerting: Mapping[str, str] = field(default_factory=dict)
    alerts: tuple[AlertRecord, ...] = ()
    breached: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The ``targets`` and ``alerts`` keys of the report JSON (summary schema)."""
        return {
            "targets": {
                "configured": self.configured,
                "source": self.source,
                "note": self.note if self.configured else (self.note or NOT_CONFIGURED),
                "breached": self.breached,
                "results": [_result_dict(result, self.alerting) for result in self.results],
            },
            "alerts": [_alert_dict(record) for record in self.alerts],
        }


def targets_view(evaluation: Evaluation, summary: PerformanceSummary, *, source: str,
                 state: AlertState | None = None) -> TargetsView:
    """The view of an evaluation, with the alerts of the summary's period from the state."""
    return TargetsView(configured=True, source=source, note=evaluation.note,
                       results=evaluation.results, alerting=dict(evaluation.alerting),
                       alerts=period_alerts(state or evaluation.state, summary),
                       breached=evaluation.breached)


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


def _result_dict(result: RuleResult, alerting: Mapping[str, str]) -> dict[str, Any]:
    from trading_bot.performance.alerting.engine import JSON_UNITS

    rule = result.rule
    variance = None if result.actual is None else result.actual - rule.warn
    return {
        "rule": rule.name,
        "metric": rule.metric,
        "window": result.identity.window,
        "period": result.identity.period,
        "period_start": None if result.period_start is None else result.period_start.isoformat(),
        "period_end": None if result.period_end is None else result.period_end.isoformat(),
        "scope": rule.scope.to_dict(),
        "unit": JSON_UNITS[rule.spec.unit],
        "actual": _decimal(result.actual),
        "target": canonical(rule.warn),
        "critical": _decimal(rule.critical),
        "resolve": canonical(rule.resolve),
        "variance": _decimal(variance),
        "status": result.status,
        "severity": result.severity,
        "alert": alerting.get(result.fingerprint, "none"),
        "fingerprint": result.fingerprint,
        "sample_trades": result.sample,
        "min_trades": rule.min_trades,
        "note": result.note or None,
        "pacing": None if result.pacing is None else result.pacing.to_dict(),
    }


def _alert_dict(record: AlertRecord) -> dict[str, Any]:
    from trading_bot.performance.alerting.engine import JSON_UNITS

    return {
        "id": record.last_event_id,
        "fingerprint": record.fingerprint,
        "rule": record.rule,
        "metric": record.metric,
        "window": record.window,
        "period_start": None if record.period_start is None else record.period_start.isoformat(),
        "period_end": None if record.period_end is None else record.period_end.isoformat(),
        "scope": record.scope.to_dict(),
        "severity": record.severity,
        "status": record.status,
        "firing_since": format_instant(record.firing_since),
        "resolved_at": None if record.resolved_at is None else format_instant(record.resolved_at),
        "acknowledged_at": (None if record.acknowledged_at is None
                            else format_instant(record.acknowledged_at)),
        "emitted": record.emitted,
        "actual": _decimal(record.actual),
        "target": canonical(record.target),
        "unit": JSON_UNITS[record.unit],
        "message": record.message,
    }


# --------------------------------------------------------------------------------------------
# Rows for people.
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TargetRow:
    """One line of the targets table, formatted; ``met`` says it in full (Markdown), ``short``
    fits the 80-column text view.  Scopes carry strategy names from the targets file, which
    the renderers escape like any other text."""

    rule: str
    judged_on: str
    actual: str
    target: str
    variance: str
    met: str
    short: str
    pacing: str


def target_rows(view: TargetsView) -> list[TargetRow]:
    """One row per rule and judged period; a rule judged per day over several completed days
    becomes one row (the worst day, and on how many days it was missed) plus one row for the
    day in progress."""
    from trading_bot.performance.alerting.rules import IN_PROGRESS
    from trading_bot.performance.alerting.model import DAY

    by_rule: dict[str, list[RuleResult]] = {}
    for result in view.results:
        by_rule.setdefault(result.rule.name, []).append(result)
    rows = []
    for results in by_rule.values():
        per_day = results[0].rule.window == DAY
        done = [result for result in results if result.status != IN_PROGRESS]
        if per_day and len(done) > 1:
            rows.append(_days_row(done, view.alerting))
            rows += [_row(result, view.alerting) for result in results
                     if result.status == IN_PROGRESS]
        else:
            rows += [_row(result, view.alerting) for result in results]
    return rows


def variance_text(delta: Decimal | None, unit: str) -> str:
    """Actual minus target; rates in percentage points."""
    from trading_bot.performance.alerting.engine import format_value

    if delta is None:
        return "-"
    if unit == "percent":
        return signed(quantize_for_display(delta * 100, 2)) + " pp"
    if unit == "seconds":
        return ("-" if delta < 0 else "+") + format_value(abs(delta), unit)
    return signed(format_value(delta, unit))


def _row(result: RuleResult, alerting: Mapping[str, str]) -> TargetRow:
    from trading_bot.performance.alerting.engine import format_value

    rule = result.rule
    unit = rule.spec.unit
    variance = None if result.actual is None else result.actual - rule.warn
    if rule.metric == "missing_log_file":
        actual = f"{len(result.days)} missing" if result.days else "none missing"
        variance_shown = "-"
    else:
        actual = format_value(result.actual, unit)
        variance_shown = variance_text(variance, unit)
    met, short = _met_text(result, alerting.get(result.fingerprint, "none"))
    return TargetRow(rule.name, result.context, actual, _target_text(result), variance_shown,
                     met, short, _pacing_text(result))


def _target_text(result: RuleResult) -> str:
    """``min 60.00%`` or ``max 1.00%``: words, so no ``<``/``>`` needs escaping anywhere."""
    from trading_bot.performance.alerting.engine import format_value
    from trading_bot.performance.alerting.model import HIGHER

    rule = result.rule
    if rule.metric == "missing_log_file":
        return "file present"
    relation = "min" if rule.spec.better == HIGHER else "max"
    return f"{relation} {format_value(rule.warn, rule.spec.unit)}"


def _days_row(results: Sequence[RuleResult], alerting: Mapping[str, str]) -> TargetRow:
    from trading_bot.performance.alerting.rules import BREACHED, MET
    from trading_bot.performance.alerting.engine import ALERT_FIRING, format_value
    from trading_bot.performance.alerting.model import HIGHER

    rule = results[0].rule
    unit = rule.spec.unit
    judged = [result for result in results if result.actual is not None
              and result.status in (MET, BREACHED)]
    missed = [result for result in judged if result.status == BREACHED]
    span = f"{len(results)} completed days {results[0].period_start} to {results[-1].period_end}"
    target = _target_text(results[0])
    if not judged:
        met, short = _met_text(results[0], "none")
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
    worst = worse(judged, key=lambda result: result.actual)  # type: ignore[arg-type,return-value]
    assert worst.actual is not None and worst.period_start is not None
    actual = f"worst {format_value(worst.actual, unit)} ({worst.period_start:%m-%d})"
    return TargetRow(rule.name, span, actual, target,
                     variance_text(worst.actual - rule.warn, unit), met, short, "")


def _met_text(result: RuleResult, alert: str) -> tuple[str, str]:
    """In full and short: met or not, and where the alert stands."""
    from trading_bot.performance.alerting.rules import BREACHED, HISTORICAL, IN_PROGRESS, INSUFFICIENT, MET, NO_TRADES
    from trading_bot.performance.alerting.engine import ALERT_FIRING, ALERT_INHIBITED, ALERT_SILENCED

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
    from trading_bot.performance.alerting.engine import format_value

    pacing = result.pacing
    if pacing is None:
        return ""
    unit = result.rule.spec.unit
    elapsed = quantize_for_display(pacing.elapsed * 100, 0)
    verdict = "on pace" if pacing.on_pace else "behind pace"
    return (f"{elapsed}% of the session gone, {format_value(pacing.expected, unit)} expected "
            f"by now: {verdict}")


@dataclass(frozen=True, slots=True)
class AlertLine:
    """One alert of the period for people: a headline of our own words, then its message
    (which holds a strategy name from the targets file: renderers quote it)."""

    headline: str
    message: str
    details: str


def alert_lines(view: TargetsView) -> list[AlertLine]:
    """The alerts of the period, oldest first."""
    from trading_bot.performance.alerting.state import FIRING

    lines = []
    for record in view.alerts:
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
        lines.append(AlertLine(f"{record.severity} {state}", record.message, "; ".join(extras)))
    return lines
