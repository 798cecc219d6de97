"""The alert engine on real log files: when it fires, repeats, escalates, resolves and keeps
quiet, and what it writes.

Each evaluation goes through the same function the CLI uses (summary, evaluation under the state
lock, alert log append, WARN record, state save), with a clock the test moves by hand, so a day
of 60-second evaluations runs without sleeping and every "restart" reads the state back from
disk.  Every alert log line read back is checked against ``specs/performance-alert.schema.json``.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
import logging
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from trading_bot.performance import PerformanceError, PerformanceTracker
from trading_bot.performance.alerting.engine import (
    ALERT_FIRING,
    ALERT_INHIBITED,
    ALERT_SILENCED,
    AlertEvaluator,
    AlertEvent,
    Evaluation,
    acknowledgement_event,
    format_value,
    transition,
)
from trading_bot.performance.alerting.identity import AlertIdentity
from trading_bot.performance.alerting.log import (
    JsonLogFormatter,
    append_documents,
    deliver,
    log_document,
)
from trading_bot.performance.alerting.model import Rule, Scope, Targets
from trading_bot.performance.alerting.rules import (
    BREACHED,
    HISTORICAL,
    IN_PROGRESS,
    INSUFFICIENT,
    MET,
    NO_TRADES,
    UNDEFINED,
    Inputs,
    RuleResult,
    judge,
)
from trading_bot.performance.alerting.state import (
    STATE_VERSION,
    AlertState,
    AlertStateStore,
    PendingEvents,
    acknowledge,
)
from trading_bot.performance.report.markdown import render_markdown
from trading_bot.performance.report.targets_view import TargetsView, target_rows
from trading_bot.performance.report.text import render_text
from trading_bot.performance.schemas.validation import schema_errors
from trading_bot.performance.services.alert_workflow import (
    AlertPaths,
    acknowledge_alert,
    first_log_day,
    report_targets_view,
)

from ..alert_helpers import (
    Clock,
    closed,
    evaluate,
    events,
    instant,
    outcomes,
    paths_for,
    reasons,
    targets,
    write_trades,
)
from ..conftest import trade, write_log

MONDAY = "2026-03-02"
ROLLING_20 = """
alerts:
  rules:
    - {name: rolling_win_rate, metric: win_rate, window: rolling, trades: 20, warn: 60}
"""
HEALTH = ("missing_log_file", "stale_log", "bad_line_rate")


def day_of_evaluations(tracker: PerformanceTracker, clock: Clock, rules: Targets,
                       paths: AlertPaths, *, until: str, step: timedelta = timedelta(seconds=60),
                       **kwargs: Any) -> list[TargetsView]:
    """Evaluate every ``step`` until ``until``; the views, one per evaluation."""
    views = []
    end = instant(until)
    while clock.now <= end:
        views.append(evaluate(tracker, rules, paths, **kwargs))
        clock.now += step
    return views


# --- the scenarios --------------------------------------------------------------------

def test_rolling_win_rate_at_55_against_60_writes_and_logs_one_warn_alert(
        logs: Path, caplog: pytest.LogCaptureFixture) -> None:
    outcomes(logs, instant(f"{MONDAY}T14:00:30Z"), "w" * 11 + "l" * 9)
    tracker = PerformanceTracker(logs, clock=Clock(f"{MONDAY}T18:00:00Z"))
    paths = paths_for(logs)
    with caplog.at_level(logging.WARNING, logger="trading_bot.performance.alerts"):
        view = evaluate(tracker, targets(ROLLING_20), paths)
    assert view.breached
    event, = events(paths)
    fingerprint = event["fingerprint"]
    assert event == {
        "schema_version": 1, "id": f"{fingerprint}-20260302T180000Z-first-1",
        "fingerprint": fingerprint, "rule": "rolling_win_rate", "metric": "win_rate",
        "window": "rolling-20", "period": "latest", "period_start": MONDAY,
        "period_end": MONDAY, "scope": {}, "actual": "0.55", "target": "0.6",
        "unit": "fraction", "severity": "WARN", "status": "firing", "reason": "first",
        "message": "win_rate 55.00% < target 60.00% (rolling 20 trades)",
        "raised_at": "2026-03-02T18:00:00Z", "firing_since": "2026-03-02T18:00:00Z",
        "acknowledged_at": None, "sample_trades": 20,
    }
    record, = caplog.records
    assert (record.levelname, record.name, record.getMessage()) == (
        "WARNING", "trading_bot.performance.alerts",
        "win_rate 55.00% < target 60.00% (rolling 20 trades)")
    fields = record.__dict__                      # the event's fields, as ``extra``
    assert fields["alert_id"] == event["id"] and fields["actual"] == "0.55"
    assert fields["severity"] == "WARN" and fields["rule"] == "rolling_win_rate"


def test_metrics_above_every_target_emit_nothing(logs: Path) -> None:
    lines = [closed(f"T{index}", instant(f"{MONDAY}T14:00:00Z") + timedelta(minutes=index),
                    "win", risk_reward_ratio="2.0") for index in range(20)]
    lines += [closed(f"U{index}", instant("2026-03-03T08:00:00Z") + timedelta(minutes=index),
                     "win", risk_reward_ratio="2.0") for index in range(10)]
    write_trades(logs, lines)
    rules = targets("""
win_rate_target: 60
daily_pl_target: 100
trades_per_day_target: 5
max_drawdown_target: -100
avg_risk_reward_target: 1.5
alerts:
  rules:
    - {name: rolling_win_rate, metric: win_rate, window: rolling, trades: 20, warn: 60}
    - {name: rolling_rr, metric: avg_risk_reward, window: rolling, trades: 10, warn: 1}
    - {name: streak, metric: max_consecutive_losses, window: rolling, trades: 20, warn: 3}
data_health:
  bad_line_rate: {warn: 1}
""")
    tracker = PerformanceTracker(logs, clock=Clock("2026-03-03T12:00:00Z"))   # Tuesday noon
    view = evaluate(tracker, rules, paths_for(logs), window="weekly")
    statuses = [(result["rule"], result["status"]) for result in view.results]
    assert sorted(statuses) == sorted(
        [("missing_log_file", MET), ("bad_line_rate", MET), ("win_rate_target", MET),
         ("daily_pl_target", MET), ("daily_pl_target", IN_PROGRESS),
         ("trades_per_day_target", MET), ("trades_per_day_target", IN_PROGRESS),
         ("max_drawdown_target", MET), ("avg_risk_reward_target", MET),
         ("rolling_win_rate", MET), ("rolling_rr", MET), ("streak", MET)])
    assert all(result["pacing"]["on_pace"] for result in view.results if result["pacing"])
    assert not view.breached and events(paths_for(logs)) == []
    assert not paths_for(logs).log.exists()


def test_a_day_of_60_second_evaluations_fires_once_repeats_as_configured_and_resolves_once(
        logs: Path) -> None:
    # last-10 win rate: 60% after the 14th trade (11:15:30), 50% after the 15th (11:25:30),
    # back to 60% after the 31st (14:05:30)
    outcomes(logs, instant(f"{MONDAY}T09:05:30Z"), "w" * 10 + "l" * 15 + "w" * 10)
    rules = targets("""
alerts:
  rules:
    - {name: rolling_win_rate, metric: win_rate, window: rolling, trades: 10, warn: 60,
       repeat_interval: 1h}
""")
    clock = Clock(f"{MONDAY}T09:00:00Z")
    tracker = PerformanceTracker(logs, clock=clock)
    paths = paths_for(logs)
    views = day_of_evaluations(tracker, clock, rules, paths, until=f"{MONDAY}T17:00:00Z")
    assert len(views) == 481
    found = events(paths)
    assert [(event["raised_at"], event["reason"]) for event in found] == [
        ("2026-03-02T11:26:00Z", "first"),
        ("2026-03-02T12:26:00Z", "repeat_interval_elapsed"),
        ("2026-03-02T13:26:00Z", "repeat_interval_elapsed"),
        ("2026-03-02T14:06:00Z", "resolved"),
    ]
    assert len({event["fingerprint"] for event in found}) == 1
    assert found[-1]["message"] == ("win_rate 60.00% >= resolve 60.00% (rolling 10 trades): "
                                    "resolved")
    assert found[-1]["status"] == "resolved" and found[-1]["target"] == "0.6"
    breached_minutes = sum(1 for view in views if view.breached)
    assert breached_minutes == (14 * 60 + 6) - (11 * 60 + 26)


def test_a_win_rate_flapping_inside_the_hysteresis_band_emits_nothing_new(logs: Path) -> None:
    # last-10 win rate: 100% down to 50%, then 60%, 50%, 60%, ... (each new trade replaces one
    # of the other kind)
    outcomes(logs, instant(f"{MONDAY}T09:05:30Z"), "w" * 10 + "lw" * 5 + "wl" * 8)
    rules = targets("""
alerts:
  rules:
    - {name: rolling_win_rate, metric: win_rate, window: rolling, trades: 10, warn: 60,
       resolve: 80, repeat_interval: 1d}
""")
    clock = Clock(f"{MONDAY}T09:00:00Z")
    tracker = PerformanceTracker(logs, clock=clock)
    paths = paths_for(logs)
    views = day_of_evaluations(tracker, clock, rules, paths, until=f"{MONDAY}T16:00:00Z",
                               step=timedelta(minutes=5))
    values = [Decimal(view.results[0]["actual"]) for view in views
              if view.results[0]["actual"] is not None]
    crossings = sum(1 for before, after in itertools.pairwise(values)
                    if before < Decimal("0.6") <= after)
    assert crossings >= 3                          # it did flap across the warn level
    assert max(values[values.index(Decimal("0.5")):]) < Decimal("0.8")   # never left the band
    assert reasons(paths) == ["first"]
    assert all(view.breached for view in views[views.index(next(v for v in views
                                                               if v.breached)):])


def test_restarting_keeps_the_state(logs: Path) -> None:
    outcomes(logs, instant(f"{MONDAY}T14:00:30Z"), "w" * 11 + "l" * 9)
    paths = paths_for(logs)
    clock = Clock(f"{MONDAY}T18:00:00Z")
    assert evaluate(PerformanceTracker(logs, clock=clock), targets(ROLLING_20), paths).breached
    assert reasons(paths) == ["first"]
    state = json.loads(paths.state.read_text(encoding="utf-8"))
    assert state["version"] == STATE_VERSION and state["alerts"][0]["status"] == "firing"
    # a new process: new tracker, targets and evaluator; only the files carry over
    clock.advance(minutes=1)
    view = evaluate(PerformanceTracker(logs, clock=clock), targets(ROLLING_20), paths)
    assert view.breached and reasons(paths) == ["first"]
    clock.advance(hours=4)
    evaluate(PerformanceTracker(logs, clock=clock), targets(ROLLING_20), paths)
    assert reasons(paths) == ["first", "repeat_interval_elapsed"]
    # the alert log's id and the state agree, so `ack` can find the alert from either
    assert AlertStateStore(paths.state).load().firing()[0].last_event_id == events(paths)[-1]["id"]


def test_the_last_10_trades_average_rr_below_1_is_a_risk_reward_alert(logs: Path) -> None:
    lines = [closed(f"T{index}", instant(f"{MONDAY}T10:00:00Z") + timedelta(minutes=index),
                    "win", risk_reward_ratio="2.0" if index < 10 else "0.8")
             for index in range(20)]
    write_trades(logs, lines)
    rules = targets("""
alerts:
  rules:
    - {name: rolling_risk_reward, metric: avg_risk_reward, window: rolling, trades: 10, warn: 1.0}
""")
    tracker = PerformanceTracker(logs, clock=Clock(f"{MONDAY}T12:00:00Z"))
    view = evaluate(tracker, rules, paths_for(logs))
    assert view.breached
    event, = events(paths_for(logs))
    assert event["message"] == "avg_risk_reward 0.80 < target 1.00 (rolling 10 trades)"
    assert (event["actual"], event["unit"]) == ("0.8", "ratio")


# --- what is not judged -----------------------------------------------------------------------

def test_below_min_trades_a_rule_is_insufficient_and_neither_fires_nor_resolves(
        logs: Path) -> None:
    outcomes(logs, instant(f"{MONDAY}T14:00:30Z"), "wllll")
    tracker = PerformanceTracker(logs, clock=Clock(f"{MONDAY}T18:00:00Z"))
    view = evaluate(tracker, targets("win_rate_target: 60\n"), paths_for(logs))
    result, = [r for r in view.results if r["rule"] == "win_rate_target"]
    assert (result["status"], result["actual"], result["note"]) == (
        INSUFFICIENT, "0.2", "5 of 10 closed trades needed")
    assert not view.breached and events(paths_for(logs)) == []
    # a firing alert does not resolve on insufficient data
    rule = targets("win_rate_target: 60\n").rules[0]
    identity = AlertIdentity(rule.name, rule.metric, "daily", MONDAY, Scope())
    firing = _result(rule, identity, BREACHED, Decimal("0.2"))
    state, emitted, _ = transition(AlertState(), [firing], targets("win_rate_target: 60\n"),
                                   instant(f"{MONDAY}T18:00:00Z"))
    assert [event.reason for event in emitted] == ["first"]
    held = _result(rule, identity, INSUFFICIENT, Decimal("0.9"))
    later, emitted, alerting = transition(state, [held], targets("win_rate_target: 60\n"),
                                          instant(f"{MONDAY}T23:00:00Z"))
    record = later.get(identity.fingerprint)
    assert emitted == [] and record is not None and record.status == "firing"
    assert alerting[identity.fingerprint] == "none"


def _result(rule: Rule, identity: AlertIdentity, status: str, actual: Decimal) -> RuleResult:
    return RuleResult(rule=rule, identity=identity, period_start=date(2026, 3, 2),
                      period_end=date(2026, 3, 2), status=status, actual=actual, context="test",
                      sample=12)


def test_no_trades_in_the_window_suppresses_alerts_and_the_report_says_so(logs: Path) -> None:
    outcomes(logs, instant("2026-02-27T14:00:30Z"), "l" * 20)        # Friday: a bad run
    write_log(logs, MONDAY, trade("OPEN", entry=f"{MONDAY}T09:00:00Z", outcome="open"))
    rules = targets(ROLLING_20 + "win_rate_target: 60\n")
    tracker = PerformanceTracker(logs, clock=Clock(f"{MONDAY}T12:00:00Z"))
    view = evaluate(tracker, rules, paths_for(logs))
    assert {result["status"] for result in view.results if result["metric"] not in HEALTH} == {
        NO_TRADES}
    assert view.note == "No trades in window: alerts are suppressed"
    assert not view.breached and events(paths_for(logs)) == []
    summary = tracker.get_summary("daily")
    markdown = render_markdown(summary, targets=view)
    assert "**No trades in window: alerts are suppressed.**" in markdown
    assert "No trades in window" in render_text(summary, targets=view)


def test_an_undefined_metric_is_reported_not_judged(logs: Path) -> None:
    outcomes(logs, instant(f"{MONDAY}T14:00:30Z"), "w" * 12)
    rules = targets("alerts:\n  rules:\n    - {name: pf, metric: profit_factor, warn: 1.2}\n")
    view = evaluate(PerformanceTracker(logs, clock=Clock(f"{MONDAY}T18:00:00Z")), rules,
                    paths_for(logs))
    result, = [r for r in view.results if r["rule"] == "pf"]
    assert (result["status"], result["note"]) == (UNDEFINED,
                                                  "no losses: profit factor is undefined")


# --- severity, silences, acknowledgement ------------------------------------------------------

def test_critical_escalates_once_and_de_escalation_is_quiet(logs: Path) -> None:
    # last-10 win rate path: 50% (WARN), 30% (CRITICAL), 50%, 30% again, then recovery
    outcomes(logs, instant(f"{MONDAY}T09:05:30Z"),
             "w" * 5 + "l" * 5 + "ll" + "ww" + "ll" + "wwwwwwwwww", step=timedelta(hours=1) / 4)
    rules = targets("""
alerts:
  rules:
    - {name: wr, metric: win_rate, window: rolling, trades: 10, warn: 60, critical: 40,
       min_trades: 10, repeat_interval: never}
""")
    clock = Clock(f"{MONDAY}T09:00:00Z")
    tracker = PerformanceTracker(logs, clock=clock)
    day_of_evaluations(tracker, clock, rules, paths_for(logs), until=f"{MONDAY}T17:00:00Z",
                       step=timedelta(minutes=5))
    found = events(paths_for(logs))
    assert [(event["reason"], event["severity"]) for event in found] == [
        ("first", "WARN"), ("escalated", "CRITICAL"), ("resolved", "WARN")]
    assert found[1]["message"] == "win_rate 30.00% < critical 40.00% (rolling 10 trades)"
    assert found[1]["target"] == "0.4"


def test_a_silence_quiets_an_alert_until_it_ends(logs: Path) -> None:
    outcomes(logs, instant(f"{MONDAY}T14:00:30Z"), "w" * 11 + "l" * 9)
    rules = targets(ROLLING_20 + """
  silences:
    - {rule: rolling_win_rate, until: "2026-03-02T20:00:00Z", reason: new model}
""")
    clock = Clock(f"{MONDAY}T18:00:00Z")
    tracker = PerformanceTracker(logs, clock=clock)
    paths = paths_for(logs)
    view = evaluate(tracker, rules, paths)
    assert view.results[-1]["alert"] == ALERT_SILENCED
    assert not view.breached and events(paths) == []
    assert "no (WARN, silenced)" in [row.met for row in target_rows(view)]
    clock.advance(hours=2)
    assert evaluate(tracker, rules, paths).breached
    assert reasons(paths) == ["first"]


def test_acknowledged_alerts_stop_repeating_but_still_resolve(logs: Path) -> None:
    outcomes(logs, instant(f"{MONDAY}T09:05:30Z"), "w" * 10 + "l" * 15 + "w" * 10)
    rules = targets("""
alerts:
  rules:
    - {name: wr, metric: win_rate, window: rolling, trades: 10, warn: 60, repeat_interval: 30m}
""")
    clock = Clock(f"{MONDAY}T11:30:00Z")
    tracker = PerformanceTracker(logs, clock=clock)
    paths = paths_for(logs)
    evaluate(tracker, rules, paths)
    first = events(paths)[0]
    store = AlertStateStore(paths.state)
    with store.locked() as handle:
        handle.state, record = acknowledge(handle.state, first["id"], instant(
            f"{MONDAY}T11:31:00Z"))
    assert record.acknowledged_at == instant(f"{MONDAY}T11:31:00Z")
    day_of_evaluations(tracker, clock, rules, paths, until=f"{MONDAY}T15:00:00Z",
                       step=timedelta(minutes=5))
    found = events(paths)
    assert [event["reason"] for event in found] == ["first", "resolved"]
    assert found[1]["acknowledged_at"] == "2026-03-02T11:31:00Z"


def test_acknowledge_errors_and_idempotence() -> None:
    with pytest.raises(PerformanceError, match="unknown alert id 'nope': no alert with "
                                               "fingerprint 'nope' in the alert state; firing "
                                               "now: none"):
        acknowledge(AlertState(), "nope", instant(f"{MONDAY}T12:00:00Z"))
    rule = targets("win_rate_target: 60\n").rules[0]
    identity = AlertIdentity(rule.name, rule.metric, "daily", MONDAY, Scope())
    rules = targets("win_rate_target: 60\n")
    now = instant(f"{MONDAY}T12:00:00Z")
    state, _, _ = transition(AlertState(), [_result(rule, identity, BREACHED, Decimal("0.5"))],
                             rules, now)
    once, _ = acknowledge(state, identity.fingerprint, now)
    again, same = acknowledge(once, identity.fingerprint.upper(), now + timedelta(hours=1))
    assert again is once and same.acknowledged_at == now
    resolved, _, _ = transition(once, [_result(rule, identity, MET, Decimal("0.7"))], rules, now)
    with pytest.raises(PerformanceError, match="is not firing: it resolved at "
                                               "2026-03-02T12:00:00Z; nothing to acknowledge"):
        acknowledge(resolved, identity.fingerprint, now)


# --- calendar targets and data health ---------------------------------------------------------

def test_daily_targets_judge_completed_days_and_pace_the_day_in_progress(logs: Path) -> None:
    # Monday: 3 trades (net 30); Tuesday: 6 trades; Wednesday (today, noon): 2 so far
    outcomes(logs, instant("2026-03-02T14:00:30Z"), "www", prefix="M")
    outcomes(logs, instant("2026-03-03T14:00:30Z"), "wwwwww", prefix="T")
    outcomes(logs, instant("2026-03-04T09:00:30Z"), "ww", prefix="W")
    rules = targets("daily_pl_target: 50\ntrades_per_day_target: 5\n")
    tracker = PerformanceTracker(logs, clock=Clock("2026-03-04T12:00:00Z"))
    view = evaluate(tracker, rules, paths_for(logs), window="weekly")
    by_day = {(r["rule"], r["period_start"]): r for r in view.results if r["window"] == "day"}
    assert by_day[("daily_pl_target", "2026-03-02")]["status"] == BREACHED
    assert by_day[("daily_pl_target", "2026-03-03")]["status"] == MET
    assert by_day[("trades_per_day_target", "2026-03-02")]["status"] == BREACHED
    today = by_day[("daily_pl_target", "2026-03-04")]
    assert today["status"] == IN_PROGRESS
    assert today["pacing"] == {"actual": "20", "target": "50", "elapsed": "0.5",
                               "expected": "25.0", "on_pace": False}
    assert {event["period"] for event in events(paths_for(logs))} == {"2026-03-02"}
    rows = {row.rule: row for row in reversed(target_rows(view))}     # the first of each rule
    assert rows["daily_pl_target"].met == "no: missed on 1 of 2 days (1 firing)"
    assert rows["daily_pl_target"].actual == "worst 30.00 (03-02)"
    pacing_rows = [row for row in target_rows(view) if row.pacing]
    assert pacing_rows[0].pacing == ("50% of the session gone, 25.00 expected by now: behind "
                                     "pace")
    assert "| Pacing (day in progress) |" in render_markdown(
        tracker.get_summary("weekly"), targets=view)
    text = render_text(tracker.get_summary("weekly"), targets=view)
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "daily_pl_target (day 2026-03-04): 50% of the session gone" in " ".join(text.split())


def test_market_hours_complete_a_day_at_the_close(logs: Path) -> None:
    outcomes(logs, instant("2026-03-02T14:00:30Z"), "www")
    rules = targets("""
daily_pl_target: 50
data_health:
  calendar: {market_hours: {open: "09:30", close: "16:00"}, timezone: America/New_York}
""")
    # 20:59Z is 15:59 in New York: in progress; 21:01Z is after the close: judged
    tracker = PerformanceTracker(logs, clock=Clock("2026-03-02T20:59:00Z"))
    first = evaluate(tracker, rules, paths_for(logs))
    assert [r["status"] for r in first.results if r["rule"] == "daily_pl_target"] == [
        IN_PROGRESS]
    tracker.clock = Clock("2026-03-02T21:01:00Z")
    second = evaluate(tracker, rules, paths_for(logs))
    assert [r["status"] for r in second.results if r["rule"] == "daily_pl_target"] == [
        BREACHED]


def test_missing_weekday_files_are_one_alert_that_names_them_and_inhibits_those_days(
        logs: Path) -> None:
    outcomes(logs, instant("2026-03-02T14:00:30Z"), "w" * 6, prefix="M")      # Monday
    outcomes(logs, instant("2026-03-04T14:00:30Z"), "l" * 6, prefix="W")      # Wednesday
    rules = targets("""
daily_pl_target: 10
alerts:
  rules:
    - {name: wed_rate, metric: win_rate, window: rolling, trades: 6, warn: 50}
""")
    tracker = PerformanceTracker(logs, clock=Clock("2026-03-09T08:00:00Z"))  # next Monday
    paths = paths_for(logs)
    view = evaluate(tracker, rules, paths, window="weekly", on=date(2026, 3, 4))
    missing, = [r for r in view.results if r["metric"] == "missing_log_file"]
    assert (missing["status"], missing["actual"], missing["period"]) == (BREACHED, "3", "2026-W10")
    daily = {r["period_start"]: r["alert"] for r in view.results
             if r["rule"] == "daily_pl_target" and r["status"] == BREACHED}
    assert daily == {"2026-03-03": ALERT_INHIBITED, "2026-03-04": ALERT_FIRING,
                     "2026-03-05": ALERT_INHIBITED, "2026-03-06": ALERT_INHIBITED}
    found = [event for event in events(paths) if event["metric"] == "missing_log_file"]
    assert [(event["reason"], event["actual"], event["message"]) for event in found] == [
        ("first", "3", "missing_log_file: 3 trading days without a log file (weekly 2026-W10: "
                       "3 of 5 trading days): 2026-03-03, 2026-03-05, 2026-03-06; holding back "
                       "3 metric breaches: daily_pl_target (day 2026-03-03), daily_pl_target "
                       "(day 2026-03-05), daily_pl_target (day 2026-03-06)")]
    # the report says which breaches are held back, and why
    held = "held back by missing_log_file (weekly 2026-W10: 3 of 5 trading days)"
    assert {r["period_start"]: r["note"] for r in view.results
            if r["rule"] == "daily_pl_target" and r["status"] == BREACHED} == {
        "2026-03-03": held, "2026-03-04": None, "2026-03-05": held, "2026-03-06": held}
    assert view.note is not None and view.note.startswith(
        "Metric breaches held back by data health (not alerted, not in the exit code, until "
        "the data is whole or the check is turned off): daily_pl 0.00 < target 10.00 (day "
        "2026-03-03) is held back by missing_log_file: 3 trading days without a log file "
        "(weekly 2026-W10: 3 of 5 trading days): 2026-03-03, 2026-03-05, 2026-03-06; daily_pl "
        "0.00 < target 10.00 (day 2026-03-05) is held back by ")
    assert "daily_pl -48.00 < target 10.00 (day 2026-03-04)" in [
        event["message"] for event in events(paths)]
    assert view.breached
    row, = [row for row in target_rows(view) if row.rule == "missing_log_file"]
    assert (row.actual, row.judged_on) == ("3 missing", "weekly 2026-W10: 3 of 5 trading days")
    # one file turns up: still firing, nothing new; all of them: the one alert resolves
    write_log(logs, "2026-03-03", closed("LATE", instant("2026-03-03T15:00:00Z")))
    evaluate(tracker, rules, paths, window="weekly", on=date(2026, 3, 4))
    assert [event["metric"] for event in events(paths)].count("missing_log_file") == 1
    for day in ("2026-03-05", "2026-03-06"):
        write_log(logs, day, closed(f"LATE{day}", instant(f"{day}T15:00:00Z")))
    evaluate(tracker, rules, paths, window="weekly", on=date(2026, 3, 4))
    found = [event for event in events(paths) if event["metric"] == "missing_log_file"]
    assert [(event["reason"], event["message"]) for event in found][1:] == [
        ("resolved", "missing_log_file: every trading day has its log file now (weekly "
                     "2026-W10: 0 of 5 trading days): resolved")]


def test_a_rolling_window_over_months_of_sparse_logs_raises_one_missing_file_alert(
        logs: Path) -> None:
    """The storm: one alert per weekday without a file (67 here) in one run."""
    for week in range(8):                         # a file every other Monday, Jan to Apr
        day = date(2026, 1, 5) + timedelta(weeks=2 * week)
        outcomes(logs, instant(f"{day}T14:00:30Z"), "wl", prefix=f"S{week}-")
    rules = targets("win_rate_target: 10\n")
    clock = Clock("2026-04-20T12:00:00Z")
    paths = paths_for(logs)
    for _ in range(2):                            # a day later: the same alert, no news
        view = evaluate(PerformanceTracker(logs, clock=clock), rules, paths, window="rolling",
                        trades=16)
        clock.advance(days=1)
    missing, = [r for r in view.results if r["metric"] == "missing_log_file"]
    assert (missing["window"], missing["period"]) == ("rolling-16", "latest")
    event, = events(paths)
    assert event["actual"] == "67" and event["window"] == "rolling-16"
    assert event["message"] == (
        "missing_log_file: 67 trading days without a log file (rolling last 16 closed trades "
        "to 2026-04-20: 67 of 75 trading days): 2026-01-06, 2026-01-07, 2026-01-08, "
        "2026-01-09, 2026-01-12 and 62 more")
    assert missing["actual"] == "68"              # the next day is missing too: no new event


def test_no_missing_file_alarm_for_days_before_the_first_log_file(logs: Path) -> None:
    """A new install: the bot's first log file is from Wednesday; Monday and Tuesday of the
    month were not missed, the bot had not started, so they are neither missing files nor
    days that missed a daily target.  Before any file: nothing is expected."""
    rules = targets("win_rate_target: 10\ndaily_pl_target: 5\n")
    tracker = PerformanceTracker(logs, clock=Clock("2026-03-09T08:00:00Z"))
    paths = paths_for(logs)
    logs.mkdir()
    view = evaluate(tracker, rules, paths, window="monthly")
    assert [r for r in view.results if r["metric"] in HEALTH or r["window"] == "day"] == []
    for day in ("2026-03-04", "2026-03-05", "2026-03-06"):
        outcomes(logs, instant(f"{day}T14:00:30Z"), "w", prefix=day)
    view = evaluate(tracker, rules, paths, window="monthly")
    missing, = [r for r in view.results if r["metric"] == "missing_log_file"]
    assert (missing["status"], missing["actual"]) == (MET, "0")
    assert missing["note"] == ("trading days: mon-fri (auto: no weekend log file yet); days "
                               "before the first log file (2026-03-04) are not expected to "
                               "have one")
    row, = [row for row in target_rows(view) if row.rule == "missing_log_file"]
    assert row.judged_on == "monthly 2026-03: 0 of 3 trading days"
    assert [(r["period"], r["status"]) for r in view.results if r["window"] == "day"] == [
        ("2026-03-04", MET), ("2026-03-05", MET), ("2026-03-06", MET),
        ("2026-03-09", IN_PROGRESS)]                     # the weekend is not a trading day
    assert not view.breached and events(paths) == []
    # the API without the directory's facts expects every trading day, as before
    evaluation = AlertEvaluator(targets=rules).run(tracker.get_summary("monthly"))
    judged, = [r for r in evaluation.results if r.rule.metric == "missing_log_file"]
    assert judged.days == (date(2026, 3, 2), date(2026, 3, 3))


def test_day_rules_skip_days_before_the_first_log_file_without_the_missing_file_check(
        logs: Path) -> None:
    """The first day is a fact about the directory that the day rules need too: with
    missing_log_file turned off, Monday and Tuesday before the bot's first file (Wednesday)
    are still not days that missed the daily target, in alerting runs and in backfills."""
    for day in ("2026-03-04", "2026-03-05", "2026-03-06"):
        outcomes(logs, instant(f"{day}T14:00:30Z"), "w", prefix=day)
    rules = targets("daily_pl_target: 5\ndata_health: {missing_log_file: {enabled: false}}\n")
    assert [rule.metric for rule in rules.health] == []
    tracker = PerformanceTracker(logs, clock=Clock("2026-03-09T08:00:00Z"))
    paths = paths_for(logs)
    view = evaluate(tracker, rules, paths, window="monthly")
    assert [(r["period"], r["status"]) for r in view.results if r["window"] == "day"] == [
        ("2026-03-04", MET), ("2026-03-05", MET), ("2026-03-06", MET),
        ("2026-03-09", IN_PROGRESS)]
    assert not view.breached and events(paths) == []
    facts = first_log_day(tracker, rules)                             # what a backfill passes
    assert facts is not None and facts.first_day == date(2026, 3, 4)


def test_a_stale_log_while_the_market_is_open(logs: Path) -> None:
    outcomes(logs, instant("2026-03-02T14:00:30Z"), "w" * 3)
    rules = targets("""
win_rate_target: 60
data_health:
  calendar: {market_hours: {open: "09:30", close: "16:00"}}
  stale_log: {warn_after: 30m, critical_after: 2h}
""")
    clock = Clock("2026-03-02T15:00:00Z")
    evaluator = AlertEvaluator(targets=rules)
    tracker = PerformanceTracker(logs, clock=clock)

    def at(moment: str, newest: str | None) -> Evaluation:
        clock.now = instant(moment)
        return evaluator.run(tracker.get_summary("daily"),
                             newest_log_at=None if newest is None else instant(newest))

    quiet = at("2026-03-02T15:00:00Z", "2026-03-02T14:45:00Z")
    assert [r.status for r in quiet.results if r.rule.metric == "stale_log"] == [MET]
    stale = at("2026-03-02T15:40:00Z", "2026-03-02T14:45:00Z")
    event, = stale.events
    assert event.message == ("stale_log: no new log line for 55m 00s > 30m 00s while the market "
                             "is open (market open; newest log change 2026-03-02T14:45:00Z)")
    worse = at("2026-03-02T15:50:00Z", "2026-03-02T13:00:00Z")
    assert [e.reason for e in worse.events] == ["escalated"]
    closed_market = at("2026-03-02T17:00:00Z", None)
    assert [r for r in closed_market.results if r.rule.metric == "stale_log"] == []
    back = at("2026-03-02T15:59:30Z", "2026-03-02T15:59:10Z")
    assert [e.message for e in back.events] == [
        "stale_log: the log is written again (market open; newest log change "
        "2026-03-02T15:59:10Z): resolved"]


def test_a_bad_line_rate_above_its_level(logs: Path) -> None:
    outcomes(logs, instant("2026-03-02T14:00:30Z"), "w" * 8)
    write_log(logs, MONDAY, "{not json", '{"also": "bad"}')
    rules = targets("data_health: {bad_line_rate: {warn: 5, critical: 15}}\n")
    view = evaluate(PerformanceTracker(logs, clock=Clock("2026-03-02T18:00:00Z")), rules,
                    paths_for(logs))
    event, = events(paths_for(logs))
    assert event["message"] == ("bad_line_rate 20.00% > critical 15.00% (daily 2026-03-02: 2 of "
                                "10 lines)")
    assert event["severity"] == "CRITICAL" and view.breached


# --- scopes, windows, identity ----------------------------------------------------------------

def test_scoped_rules_look_at_their_own_trades(logs: Path) -> None:
    start = instant("2026-03-02T10:00:30Z")
    outcomes(logs, start, "w" * 10, prefix="A", strategy="alpha")
    outcomes(logs, start + timedelta(seconds=20), "l" * 10, prefix="B", strategy="beta",
             mode="LIVE")
    rules = targets("""
alerts:
  rules:
    - {name: alpha_rate, metric: win_rate, window: rolling, trades: 10, warn: 50,
       scope: {strategy_name: alpha}}
    - {name: live_rate, metric: win_rate, window: rolling, trades: 10, warn: 50,
       scope: {strategy_name: beta, execution_mode: LIVE}}
    - {name: beta_period, metric: win_rate, warn: 50, scope: {strategy_name: beta}}
    - {name: all_rate, metric: win_rate, window: rolling, trades: 10, warn: 50}
""")
    view = evaluate(PerformanceTracker(logs, clock=Clock("2026-03-02T18:00:00Z")), rules,
                    paths_for(logs))
    status = {r["rule"]: (r["status"], r["actual"], r["scope"]) for r in view.results}
    assert status == {"alpha_rate": (MET, "1", {"strategy_name": "alpha"}),
                      "live_rate": (BREACHED, "0", {"strategy_name": "beta",
                                                    "execution_mode": "LIVE"}),
                      "beta_period": (BREACHED, "0", {"strategy_name": "beta"}),
                      "all_rate": (MET, "0.5", {})}
    messages = sorted(event["message"] for event in events(paths_for(logs)))
    assert messages == [
        "win_rate 0.00% < target 50.00% (daily 2026-03-02, strategy_name=beta)",
        "win_rate 0.00% < target 50.00% (rolling 10 trades, strategy_name=beta, "
        "execution_mode=LIVE)",
    ]


def test_the_fingerprint_is_the_identity_not_the_value() -> None:
    base = AlertIdentity("r", "win_rate", "rolling-20", "latest", Scope())
    assert base.fingerprint == AlertIdentity("r", "win_rate", "rolling-20", "latest",
                                        Scope()).fingerprint
    others = {AlertIdentity("r2", "win_rate", "rolling-20", "latest", Scope()),
              AlertIdentity("r", "win_rate", "rolling-10", "latest", Scope()),
              AlertIdentity("r", "win_rate", "daily", "2026-03-02", Scope()),
              AlertIdentity("r", "win_rate", "rolling-20", "latest", Scope("alpha")),
              AlertIdentity("r", "win_rate", "rolling-20", "latest", Scope(None, "LIVE"))}
    assert len({identity.fingerprint for identity in others} | {base.fingerprint}) == 6
    assert len(base.fingerprint) == 16
    assert base.to_dict() == {"fingerprint": base.fingerprint, "rule": "r", "metric": "win_rate",
                              "window": "rolling-20", "period": "latest", "scope": {}}
    scoped = AlertIdentity("r", "win_rate", "rolling-20", "latest", Scope("alpha", "LIVE"))
    assert AlertIdentity.from_dict(scoped.to_dict()) == scoped
    with pytest.raises(ValueError, match="is not the hash of its identity"):
        AlertIdentity.from_dict({**scoped.to_dict(), "fingerprint": base.fingerprint})


def test_an_alert_is_named_alike_in_the_state_the_alert_log_and_the_report(logs: Path) -> None:
    """One identity, one ``to_dict``: the state record, every event and the report's result and
    alert carry the same identity keys and values; the alert log keeps its line layout."""
    outcomes(logs, instant(f"{MONDAY}T14:00:30Z"), "w" * 11 + "l" * 9, strategy="alpha")
    rules = targets("""
alerts:
  rules:
    - {name: alpha_rate, metric: win_rate, window: rolling, trades: 20, warn: 60,
       scope: {strategy_name: alpha}}
""")
    paths = paths_for(logs)
    view = evaluate(PerformanceTracker(logs, clock=Clock(f"{MONDAY}T18:00:00Z")), rules, paths)
    record, = AlertStateStore(paths.state).load().records.values()
    identity = record.identity.to_dict()
    assert identity == {"fingerprint": record.fingerprint, "rule": "alpha_rate",
                        "metric": "win_rate", "window": "rolling-20", "period": "latest",
                        "scope": {"strategy_name": "alpha"}}
    stored, = json.loads(paths.state.read_text(encoding="utf-8"))["alerts"]
    event, = events(paths)
    result, = view.results
    alert, = view.alerts
    for document in (stored, event, result, alert):
        assert {key: document[key] for key in identity} == identity
    assert list(stored)[:len(identity)] == list(identity)          # state version 3: first
    assert list(result)[:len(identity)] == list(identity)
    assert list(alert)[1:1 + len(identity)] == list(identity)     # after the event id
    # the alert log's lines are laid out as they always were (the schema's key order)
    schema = json.loads((Path(__file__).parents[3] / "specs" /
                         "performance-alert.schema.json").read_text(encoding="utf-8"))
    assert list(event) == schema["required"]
    assert paths.log.read_text(encoding="utf-8").startswith(
        f'{{"schema_version":1,"id":"{event["id"]}","fingerprint":"{record.fingerprint}",'
        '"rule":"alpha_rate","metric":"win_rate","window":"rolling-20","period":"latest",'
        f'"period_start":"{MONDAY}","period_end":"{MONDAY}","scope":{{"strategy_name":"alpha"}},')


def test_a_past_window_shows_rolling_values_without_touching_the_live_alert(logs: Path) -> None:
    outcomes(logs, instant("2026-03-02T14:00:30Z"), "w" * 11 + "l" * 9)
    tracker = PerformanceTracker(logs, clock=Clock("2026-03-10T12:00:00Z"))
    view = evaluate(tracker, targets(ROLLING_20), paths_for(logs), on=date(2026, 3, 2))
    result, = [r for r in view.results if r["rule"] == "rolling_win_rate"]
    assert result["status"] == HISTORICAL and result["actual"] == "0.55"
    assert not view.breached and events(paths_for(logs)) == []
    assert target_rows(view)[-1].short == "no (past window)"


def test_the_evaluator_api_takes_a_summary_or_trades_and_keeps_its_state(logs: Path) -> None:
    outcomes(logs, instant("2026-03-02T14:00:30Z"), "w" * 11 + "l" * 9)
    tracker = PerformanceTracker(logs, clock=Clock("2026-03-02T18:00:00Z"))
    summary = tracker.get_summary("daily")
    evaluator = AlertEvaluator(targets=targets(ROLLING_20))
    first = evaluator.evaluate(summary)
    assert [event.reason for event in first] == ["first"]
    assert evaluator.evaluate(summary) == []                       # same state: nothing new
    record = evaluator.state.get(first[0].fingerprint)
    assert record is not None and record.status == "firing"
    trades = list(summary.aggregate.tail)
    fresh = AlertEvaluator(targets=targets(ROLLING_20))
    from_trades = fresh.evaluate(trades)
    assert [event.message for event in from_trades] == [first[0].message]
    assert from_trades[0].raised_at == trades[-1].realized_at       # now defaults to the last
    with pytest.raises(PerformanceError, match="needs now="):
        AlertEvaluator(targets=targets(ROLLING_20)).evaluate([])
    rolling = tracker.get_summary("rolling", trades=20)
    assert AlertEvaluator(targets=targets(ROLLING_20)).evaluate(summary, rolling=rolling)[0] \
        .message == first[0].message
    with pytest.raises(dataclasses.FrozenInstanceError):
        first[0].severity = "CRITICAL"  # type: ignore[misc]


def test_judge_is_pure_and_skips_window_rules_without_a_summary() -> None:
    rules = targets(ROLLING_20 + "win_rate_target: 60\n")
    results = judge(rules, Inputs(instant("2026-03-02T18:00:00Z"), None, ()))
    assert [(r.rule.name, r.status) for r in results] == [("rolling_win_rate", NO_TRADES)]


# --- outputs ----------------------------------------------------------------------------------

def test_every_event_kind_validates_and_the_report_json_too(logs: Path) -> None:
    outcomes(logs, instant(f"{MONDAY}T09:05:30Z"), "w" * 10 + "l" * 15 + "w" * 10)
    rules = targets("""
win_rate_target: 60
alerts:
  rules:
    - {name: wr, metric: win_rate, window: rolling, trades: 10, warn: 60, critical: 20,
       repeat_interval: 1h}
""")
    clock = Clock(f"{MONDAY}T09:00:00Z")
    tracker = PerformanceTracker(logs, clock=clock)
    paths = paths_for(logs)
    views = day_of_evaluations(tracker, clock, rules, paths, until=f"{MONDAY}T15:00:00Z",
                               step=timedelta(minutes=5))
    assert set(reasons(paths)) == {"first", "escalated", "repeat_interval_elapsed", "resolved"}
    summary = tracker.get_summary("daily")
    view = views[-1]
    document = {**summary.to_dict(), **view.to_dict()}
    assert schema_errors("performance-summary", document) == []
    assert document["targets"]["configured"] and document["alerts"]
    markdown = render_markdown(summary, targets=view)
    assert "## Targets" in markdown and "## Alerts for the period" in markdown
    assert "`win_rate 60.00% >= resolve 60.00% (rolling 10 trades): resolved`" in markdown


def test_the_json_log_formatter_carries_the_extra_fields(logs: Path) -> None:
    outcomes(logs, instant("2026-03-02T14:00:30Z"), "w" * 11 + "l" * 9)
    tracker = PerformanceTracker(logs, clock=Clock("2026-03-02T18:00:00Z"))
    event, = AlertEvaluator(targets=targets(ROLLING_20)).evaluate(tracker.get_summary("daily"))
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLogFormatter())
    logger = logging.getLogger("test.alerts.json")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        log_document(event.to_dict(), logger)
        try:
            raise ValueError("boom")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["level"] == "WARNING" and first["logger"] == "test.alerts.json"
    assert first["message"] == "win_rate 55.00% < target 60.00% (rolling 20 trades)"
    assert first["alert_id"] == event.id and first["scope"] == {} and first["actual"] == "0.55"
    assert "ValueError: boom" in second["exception"]


def test_invalid_events_are_refused_before_any_line_is_written(tmp_path: Path) -> None:
    identity = AlertIdentity("r", "win_rate", "rolling-20", "latest", Scope())
    good = AlertEvent(
        id=f"{identity.fingerprint}-20260302T180000Z-first", identity=identity,
        period_start=None, period_end=None, actual=Decimal("0.5"), target=Decimal("0.6"),
        unit="percent", severity="WARN", status="firing", reason="first", message="m",
        raised_at=datetime(2026, 3, 2, 18, tzinfo=UTC),
        firing_since=datetime(2026, 3, 2, 18, tzinfo=UTC))
    bad = dataclasses.replace(good, identity=AlertIdentity("r", "win_rate", "rolling-20",
                                                           "", Scope()))   # an empty period
    log = tmp_path / "alerts.jsonl"
    with pytest.raises(PerformanceError, match="does not match specs/performance-alert"):
        append_documents(log, [good.to_dict(), bad.to_dict()])
    assert not log.exists()
    assert append_documents(log, []) == 0
    assert append_documents(log, [good.to_dict()]) == 1
    assert len(log.read_text().splitlines()) == 1


def test_values_are_shown_in_their_units() -> None:
    assert format_value(Decimal("0.555"), "percent") == "55.50%"
    assert format_value(Decimal("-250.5"), "money") == "-250.50"
    assert format_value(Decimal("3"), "count") == "3"
    assert format_value(Decimal("2.5"), "count") == "2.50"
    assert format_value(Decimal("5400"), "seconds") == "1h 30m"
    assert format_value(None, "money") == "-"


# --- the state file ---------------------------------------------------------------------------

def test_an_unreadable_state_is_set_aside_with_a_warning(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "state.json"
    for content in ("{not json", json.dumps({"version": 99, "alerts": []}),
                    json.dumps({"version": STATE_VERSION, "alerts": [{"fingerprint": "x"}]}),
                    json.dumps({"version": 2, "alerts": [], "pending": [{"id": "x"}]}),
                    json.dumps({"version": 2, "alerts": [], "pending": {
                        "alert_log_offset": 0, "events": [{"no": "id"}]}}),
                    json.dumps({"version": 2, "alerts": [], "pending": {
                        "alert_log_offset": -1, "events": []}})):
        path.write_text(content, encoding="utf-8")
        with caplog.at_level(logging.WARNING):
            assert AlertStateStore(path).load().records == {}
        assert "starting from an empty state" in caplog.text
        kept = [aside for aside in tmp_path.glob("state.json.unreadable-*")
                if aside.read_text(encoding="utf-8") == content]
        assert len(kept) == 1 and str(kept[0]) in caplog.text
        caplog.clear()
    assert len(list(tmp_path.glob("state.json.unreadable-*"))) == 6   # every copy kept


def test_the_state_is_written_only_when_it_changes(tmp_path: Path) -> None:
    store = AlertStateStore(tmp_path / "state.json")
    with store.locked() as handle:
        assert handle.state.records == {}
    assert not store.path.exists()                          # nothing changed, nothing written
    with pytest.raises(RuntimeError), store.locked() as handle:
        handle.state = AlertState({"x": None})              # type: ignore[dict-item]
        raise RuntimeError("evaluation failed")
    assert not store.path.exists()                          # an error leaves the file alone


def test_events_left_pending_by_an_interrupted_run_reach_the_log_exactly_once(
        logs: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The outbox: a run saves the state with its events pending before it appends them.

    Its append fails here (the alert log's name is taken by a directory), as a kill would
    stop it, so the state holds the event pending and the log has nothing.  The next run
    appends that very event (its id and time, not a new one), logs its WARNING record and
    clears it; a state that still lists an event the log holds (a kill after the append)
    appends nothing.
    """
    outcomes(logs, instant(f"{MONDAY}T14:00:30Z"), "w" * 11 + "l" * 9)
    paths = paths_for(logs)
    clock = Clock(f"{MONDAY}T18:00:00Z")
    paths.log.mkdir(parents=True)
    with pytest.raises(PerformanceError, match="cannot append to the alert log"):
        evaluate(PerformanceTracker(logs, clock=clock), targets(ROLLING_20), paths)
    interrupted = paths.state.read_bytes()
    document = json.loads(interrupted)
    assert document["version"] == STATE_VERSION == 3
    decided, = document["pending"]["events"]
    assert decided["id"].endswith("-20260302T180000Z-first-1")
    assert document["alerts"][0]["last_event_id"] == decided["id"]

    paths.log.rmdir()
    clock.advance(minutes=1)
    with caplog.at_level(logging.WARNING, logger="trading_bot.performance.alerts"):
        view = evaluate(PerformanceTracker(logs, clock=clock), targets(ROLLING_20), paths)
    assert view.breached and events(paths) == [decided]
    assert [record.__dict__["alert_id"] for record in caplog.records] == [decided["id"]]
    assert "pending" not in json.loads(paths.state.read_bytes())

    caplog.clear()
    paths.state.write_bytes(interrupted)          # killed after the append, before the save
    clock.advance(minutes=1)
    with caplog.at_level(logging.WARNING, logger="trading_bot.performance.alerts"):
        evaluate(PerformanceTracker(logs, clock=clock), targets(ROLLING_20), paths)
    assert events(paths) == [decided] and caplog.records == []
    assert AlertStateStore(paths.state).load().pending is None
    # reports never deliver: they only read the state
    paths.state.write_bytes(interrupted)
    report_targets_view(PerformanceTracker(logs, clock=clock), PerformanceTracker(
        logs, clock=clock).get_summary("daily"), targets(ROLLING_20), paths)
    assert paths.state.read_bytes() == interrupted


def test_a_malformed_pending_event_is_dropped_and_the_rest_delivered(
        logs: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A pending entry broken by hand would fail validation in every run and every ``ack``
    that delivers it: it is dropped with one WARNING naming the state file and its id."""
    outcomes(logs, instant(f"{MONDAY}T14:00:30Z"), "w" * 11 + "l" * 9)
    paths = paths_for(logs)
    clock = Clock(f"{MONDAY}T18:00:00Z")
    paths.log.mkdir(parents=True)
    with pytest.raises(PerformanceError, match="cannot append to the alert log"):
        evaluate(PerformanceTracker(logs, clock=clock), targets(ROLLING_20), paths)
    paths.log.rmdir()
    document = json.loads(paths.state.read_bytes())
    decided, = document["pending"]["events"]
    broken = {**decided, "id": "0123456789abcdef-20260302T180000Z-first-9", "severity": "LOUD"}
    document["pending"]["events"] = [broken, decided]
    paths.state.write_text(json.dumps(document), encoding="utf-8")
    clock.advance(minutes=1)
    with caplog.at_level(logging.WARNING):
        view = evaluate(PerformanceTracker(logs, clock=clock), targets(ROLLING_20), paths)
    assert view.breached and events(paths) == [decided]
    warning, = [record for record in caplog.records if "malformed" in record.getMessage()]
    assert warning.getMessage() == (
        f"{paths.state}: dropped 1 malformed pending alert event(s) ({broken['id']}): they do "
        "not match the alert schema and cannot be appended to the alert log; delivering the "
        "rest")
    assert "pending" not in json.loads(paths.state.read_bytes())
    # only malformed events pending: dropped, the file rewritten, and ``ack`` is not blocked
    document = json.loads(paths.state.read_bytes())
    document["pending"] = {"alert_log_offset": 0, "events": [broken]}
    paths.state.write_text(json.dumps(document), encoding="utf-8")
    _, new = acknowledge_alert(decided["id"], paths, instant(f"{MONDAY}T18:05:00Z"))
    assert new and [event["reason"] for event in events(paths)] == ["first", "acknowledged"]
    assert AlertStateStore(paths.state).load().pending is None


def test_an_acknowledgement_goes_through_the_outbox_too(logs: Path) -> None:
    outcomes(logs, instant(f"{MONDAY}T14:00:30Z"), "w" * 11 + "l" * 9)
    paths = paths_for(logs)
    evaluate(PerformanceTracker(logs, clock=Clock(f"{MONDAY}T18:00:00Z")), targets(ROLLING_20),
             paths)
    first, = events(paths)
    log = paths.log.read_bytes()
    paths.log.unlink()
    paths.log.mkdir()
    with pytest.raises(PerformanceError, match="cannot append to the alert log"):
        acknowledge_alert(first["id"], paths, instant(f"{MONDAY}T18:05:00Z"))
    paths.log.rmdir()
    paths.log.write_bytes(log)
    # the next ack finds the first one pending: delivered, not acknowledged twice
    record, new = acknowledge_alert(first["id"], paths, instant(f"{MONDAY}T18:06:00Z"))
    assert not new and record.acknowledged_at == instant(f"{MONDAY}T18:05:00Z")
    assert [(event["reason"], event["id"].rsplit("-", 1)[1]) for event in events(paths)] == [
        ("first", "1"), ("acknowledged", "2")]


V2_RULES = """
win_rate_target: 60
alerts:
  rules:
    - {name: rolling_win_rate, metric: win_rate, window: rolling, trades: 20, warn: 60}
    - {name: alpha_live, metric: win_rate, window: rolling, trades: 10, warn: 50,
       scope: {strategy_name: alpha}}
"""
DATA = Path(__file__).parent / "data"


def test_a_version_2_state_file_is_read_and_rewritten_as_version_3(
        logs: Path, caplog: pytest.LogCaptureFixture) -> None:
    """What the previous release wrote (``data/alert-state-v2.json``, written by it from these
    trades and ``V2_RULES``: three firing alerts, one acknowledged, one scoped, and two repeat
    events a killed run left pending; ``data/alert-log-v2.jsonl`` is its alert log then).
    The next run delivers the pending events as they were decided, writes the same records as
    version 3, and the alerts go on where they were: event numbers, acknowledgement, ``ack``."""
    outcomes(logs, instant(f"{MONDAY}T14:00:30Z"), "w" * 11 + "l" * 9)
    paths = paths_for(logs)
    old_text = (DATA / "alert-state-v2.json").read_text(encoding="utf-8")
    old = json.loads(old_text)
    assert old["version"] == 2
    paths.state.write_text(old_text, encoding="utf-8")
    paths.log.write_bytes((DATA / "alert-log-v2.jsonl").read_bytes())
    state = AlertStateStore(paths.state).load()
    assert state.committed_at == instant(f"{MONDAY}T22:10:00Z")
    assert state.pending is not None and list(state.pending.events) == old["pending"]["events"]
    records = {record.identity.rule: record for record in state.records.values()}
    alpha = records["alpha_live"]
    assert alpha.identity == AlertIdentity("alpha_live", "win_rate", "rolling-10", "latest",
                                           Scope("alpha"))
    assert alpha.fingerprint == "93d6cbb4a6b9f396" and alpha.sequence == 2
    assert records["rolling_win_rate"].acknowledged_at == instant(f"{MONDAY}T18:05:00Z")
    assert [record.to_dict() for _, record in sorted(state.records.items())] == old["alerts"]

    clock = Clock(f"{MONDAY}T22:11:00Z")
    with caplog.at_level(logging.WARNING, logger="trading_bot.performance.alerts"):
        view = evaluate(PerformanceTracker(logs, clock=clock), targets(V2_RULES), paths)
    assert view.breached
    assert events(paths)[-2:] == old["pending"]["events"]        # delivered, nothing new
    assert [record.__dict__["alert_id"] for record in caplog.records] == [
        event["id"] for event in old["pending"]["events"]]
    new = json.loads(paths.state.read_text(encoding="utf-8"))
    assert new["version"] == STATE_VERSION == 3 and "pending" not in new
    assert new["alerts"] == old["alerts"]                        # the same records
    assert [list(alert)[:6] for alert in new["alerts"]] == [
        ["fingerprint", "rule", "metric", "window", "period", "scope"]] * 3
    record, fresh = acknowledge_alert(old["pending"]["events"][1]["id"], paths,
                                      instant(f"{MONDAY}T22:12:00Z"))
    assert fresh and record.identity == alpha.identity
    assert events(paths)[-1]["id"] == "93d6cbb4a6b9f396-20260302T221200Z-acknowledged-3"


def test_a_record_whose_fingerprint_is_not_the_hash_of_its_identity_is_not_trusted(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Every release hashed the identity the same way, so a mismatch is a hand edit: such a
    record would be judged never again, so the file is set aside like any malformed one."""
    document = json.loads((DATA / "alert-state-v2.json").read_text(encoding="utf-8"))
    document["alerts"][0]["rule"] = "renamed_by_hand"
    path = tmp_path / "state.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert AlertStateStore(path).load().records == {}
    assert "is not the hash of its identity" in caplog.text
    assert "starting from an empty state" in caplog.text


def test_a_version_1_state_file_is_read_and_rewritten_as_version_3(logs: Path) -> None:
    """What the previous release wrote: no outbox, no event sequence numbers."""
    outcomes(logs, instant(f"{MONDAY}T14:00:30Z"), "w" * 11 + "l" * 9)
    paths = paths_for(logs)
    clock = Clock(f"{MONDAY}T18:00:00Z")
    evaluate(PerformanceTracker(logs, clock=clock), targets(ROLLING_20), paths)
    document = json.loads(paths.state.read_text(encoding="utf-8"))
    document["version"] = 1
    for alert in document["alerts"]:
        del alert["sequence"]
        alert["last_event_id"] = alert["last_event_id"].rsplit("-", 1)[0]
    paths.state.write_text(json.dumps(document), encoding="utf-8")
    record, = AlertStateStore(paths.state).load().records.values()
    assert record.sequence == 0 and record.status == "firing"
    clock.advance(hours=4)
    evaluate(PerformanceTracker(logs, clock=clock), targets(ROLLING_20), paths)
    assert [event["id"].split("-", 2)[2] for event in events(paths)] == [
        "first-1", "repeat_interval_elapsed-1"]         # the first id of the log has no number
    assert json.loads(paths.state.read_text(encoding="utf-8"))["version"] == 3


def test_a_version_1_state_retires_its_per_day_missing_file_alerts_once(
        logs: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The previous release kept one missing_log_file record per missing day (window ``day``);
    this one raises one alert per window under another fingerprint, so such a record would be
    judged never again and show as firing until retention dropped it.  Upgrading retires it,
    with one WARNING naming the state file."""
    for day in ("2026-03-02", "2026-03-04"):                  # Tuesday has no file
        outcomes(logs, instant(f"{day}T14:00:30Z"), "w" * 3, prefix=day)
    rules = targets("win_rate_target: 10\n")
    paths = paths_for(logs)
    clock = Clock("2026-03-05T08:00:00Z")
    evaluate(PerformanceTracker(logs, clock=clock), rules, paths, window="weekly")
    document = json.loads(paths.state.read_text(encoding="utf-8"))
    window_alert, = [alert for alert in document["alerts"]
                     if alert["metric"] == "missing_log_file"]
    old_identity = AlertIdentity("missing_log_file", "missing_log_file", "day", "2026-03-03")
    old_day = {**window_alert, **old_identity.to_dict(), "period_start": "2026-03-03",
               "period_end": "2026-03-03",
               "last_event_id": f"{old_identity.fingerprint}-20260304T000000Z-first"}
    document["version"] = 1
    document["alerts"] = [old_day]
    for alert in document["alerts"]:
        del alert["sequence"]
    paths.state.write_text(json.dumps(document), encoding="utf-8")
    clock.advance(minutes=1)
    with caplog.at_level(logging.WARNING, logger="trading_bot.performance.alert_state"):
        view = evaluate(PerformanceTracker(logs, clock=clock), rules, paths, window="weekly")
    assert old_day["fingerprint"] not in [alert["fingerprint"] for alert in view.alerts]
    warning, = [record for record in caplog.records
                if "version 1" in record.getMessage()]
    assert warning.levelname == "WARNING"
    assert warning.getMessage() == (
        f"{paths.state}: retired 1 missing_log_file alert(s) of a version 1 state, one per "
        "missing day: replaced by one alert per window")
    assert json.loads(paths.state.read_text(encoding="utf-8"))["version"] == 3
    caplog.clear()
    clock.advance(minutes=1)
    with caplog.at_level(logging.WARNING, logger="trading_bot.performance.alert_state"):
        evaluate(PerformanceTracker(logs, clock=clock), rules, paths, window="weekly")
    assert not [record for record in caplog.records if "version 1" in record.getMessage()]


def test_event_ids_are_unique_when_an_alert_fires_resolves_and_fires_within_a_second() -> None:
    rules = targets("win_rate_target: 60\n")
    rule = rules.rules[0]
    identity = AlertIdentity(rule.name, rule.metric, "daily", MONDAY, Scope())
    now = instant(f"{MONDAY}T12:00:00.100Z")
    state, ids = AlertState(), []
    for status, actual, moment in ((BREACHED, "0.5", now), (MET, "0.7", now),
                                   (BREACHED, "0.5", now + timedelta(milliseconds=800))):
        state, emitted, _ = transition(state, [_result(rule, identity, status, Decimal(actual))],
                                       rules, moment)
        ids += [event.id for event in emitted]
    assert len(ids) == len(set(ids)) == 3
    assert [event_id.split("-", 1)[1] for event_id in ids] == [
        "20260302T120000Z-first-1", "20260302T120000Z-resolved-2", "20260302T120000Z-first-3"]
    state, record = acknowledge(state, ids[-1], now)
    assert record.sequence == 4
    assert acknowledgement_event(record, now).id.endswith("-acknowledged-4")
    for event_id in ids:
        assert schema_errors("performance-alert", {**_any_event(), "id": event_id}) == []


def _any_event() -> dict[str, Any]:
    identity = AlertIdentity("r", "win_rate", "rolling-20", "latest", Scope())
    return AlertEvent(
        id=f"{identity.fingerprint}-20260302T180000Z-first-1", identity=identity,
        period_start=None, period_end=None, actual=Decimal("0.5"), target=Decimal("0.6"),
        unit="percent", severity="WARN", status="firing", reason="first", message="m",
        raised_at=datetime(2026, 3, 2, 18, tzinfo=UTC),
        firing_since=datetime(2026, 3, 2, 18, tzinfo=UTC)).to_dict()


def test_delivery_finds_events_by_id_after_the_recorded_offset(tmp_path: Path) -> None:
    """Only what was appended since the recorded size is looked at; a torn or foreign line
    holds no id; a log shorter than the offset was replaced and is read whole."""
    log = tmp_path / "alerts.jsonl"
    first, second = _any_event(), {**_any_event(), "id": "0123456789abcdef-20260302T180000Z-"
                                                         "repeat_interval_elapsed-2"}
    append_documents(log, [first])
    offset = log.stat().st_size
    with log.open("ab") as handle:
        handle.write(b'["not an event"]\n{"torn": \n')
    assert deliver(log, PendingEvents(offset, (first, second))) == [first, second]
    assert [event["id"] for event in map(json.loads, log.read_bytes().splitlines()[-2:])] == [
        first["id"], second["id"]]                       # appended after the torn line
    assert deliver(log, PendingEvents(offset, (first, second))) == []
    assert deliver(log, PendingEvents(10 ** 9, (first,))) == []     # rotated: read whole
    assert deliver(tmp_path / "new.jsonl", PendingEvents(0, (first,))) == [first]
