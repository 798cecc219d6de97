"""The trading calendar of the data-health checks: inferred from the logs unless configured, and
metric breaches that data health holds back are always named.

A crypto bot trades every day; a stock bot Mon-Fri.  ``trading_days: auto`` (the default) takes
every day once the logs hold a file dated on a Saturday or Sunday, else Mon-Fri; ``weekdays``,
``every_day`` or a list of days fix it.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.alerting.engine import ALERT_FIRING, ALERT_INHIBITED
from trading_bot.performance.alerting.model import DEFAULT_TRADING_DAYS, EVERY_DAY
from trading_bot.performance.alerting.rules import BREACHED, MET
from trading_bot.performance.errors import ConfigError
from trading_bot.performance.report.text import render_text

from ..alert_helpers import Clock, evaluate, events, instant, outcomes, paths_for, targets

SOURCE = "config/dashboard-targets.yaml"
# 2026-03-02 is a Monday; the week 2026-W10 runs to Sunday 2026-03-08.
WEEK = [date(2026, 3, 2) + timedelta(days=offset) for offset in range(7)]


def _write_days(logs: Path, days: list[date], kinds: str = "w") -> None:
    for day in days:
        outcomes(logs, instant(f"{day.isoformat()}T14:00:30Z"), kinds, prefix=day.isoformat())


def _missing(logs: Path, calendar: str) -> dict[str, Any]:
    rules = targets(f"daily_pl_target: 1\ndata_health:\n  calendar: {calendar}\n")
    tracker = PerformanceTracker(logs, clock=Clock("2026-03-09T08:00:00Z"))
    view = evaluate(tracker, rules, paths_for(logs), window="weekly", on=WEEK[0])
    missing, = (r for r in view.results if r["metric"] == "missing_log_file")
    return missing


@pytest.mark.parametrize(("calendar", "absent", "expected"), [
    # a 24/7 bot that missed Saturday: auto sees Sunday's file, so Saturday was expected
    ("{}", [5], ("1", "weekly 2026-W10: 1 of 7 trading days",
                 "trading days: every day (auto: the logs hold weekend files)")),
    ("{trading_days: auto}", [5], ("1", "weekly 2026-W10: 1 of 7 trading days",
                                   "trading days: every day (auto: the logs hold weekend files)")),
    # it missed the whole weekend: auto sees no weekend file this week, but the week before
    # had one (see the test below); here there is none at all: Mon-Fri
    ("{}", [5, 6], ("0", "weekly 2026-W10: 0 of 5 trading days",
                    "trading days: mon-fri (auto: no weekend log file yet)")),
    ("{trading_days: every_day}", [5, 6], ("2", "weekly 2026-W10: 2 of 7 trading days",
                                           "trading days: every day")),
    ("{trading_days: weekdays}", [5], ("0", "weekly 2026-W10: 0 of 5 trading days",
                                       "trading days: mon-fri")),
    ("{trading_days: [mon, tue, wed, thu, fri]}", [5], ("0", "weekly 2026-W10: 0 of 5 trading "
                                                       "days", "trading days: mon-fri")),
    ("{trading_days: [sat, sun]}", [5], ("1", "weekly 2026-W10: 1 of 2 trading days",
                                         "trading days: sat, sun")),
])
def test_the_calendar_is_inferred_unless_configured(
        logs: Path, calendar: str, absent: list[int], expected: tuple[str, str, str]) -> None:
    _write_days(logs, [day for index, day in enumerate(WEEK) if index not in absent])
    missing = _missing(logs, calendar)
    assert missing["actual"] == expected[0]
    assert missing["note"] == expected[2]
    assert missing["status"] == (BREACHED if expected[0] != "0" else MET)


def test_a_weekend_file_of_an_earlier_week_makes_auto_expect_every_day(logs: Path) -> None:
    """History, not the window alone: last week's Saturday file says this bot trades weekends."""
    _write_days(logs, [date(2026, 2, 28), *WEEK[:5]])          # Saturday of the week before
    missing = _missing(logs, "{}")
    assert (missing["status"], missing["actual"]) == (BREACHED, "2")
    assert missing["note"] == "trading days: every day (auto: the logs hold weekend files)"


def test_a_weekday_bot_is_not_asked_for_weekend_files(logs: Path) -> None:
    _write_days(logs, WEEK[:5])
    missing = _missing(logs, "{}")
    assert (missing["status"], missing["actual"]) == (MET, "0")


@pytest.mark.parametrize(("text", "days", "inferred"), [
    ("", DEFAULT_TRADING_DAYS, True),
    ("data_health: {calendar: {}}", DEFAULT_TRADING_DAYS, True),
    ("data_health: {calendar: {trading_days: auto}}", DEFAULT_TRADING_DAYS, True),
    ("data_health: {calendar: {trading_days: weekdays}}", DEFAULT_TRADING_DAYS, False),
    ("data_health: {calendar: {trading_days: every_day}}", EVERY_DAY, False),
    ("data_health: {calendar: {trading_days: [mon]}}", frozenset({0}), False),
])
def test_trading_days_spellings(text: str, days: frozenset[int], inferred: bool) -> None:
    calendar = targets(text + "\nwin_rate_target: 60\n").calendar
    assert (calendar.trading_days, calendar.inferred) == (days, inferred)
    assert calendar.for_history(True).trading_days == (EVERY_DAY if inferred else days)
    assert calendar.for_history(False).trading_days == days


@pytest.mark.parametrize("value", ["always", "Auto", "every-day", "7"])
def test_a_bad_trading_days_word_is_refused(value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        targets(f"data_health: {{calendar: {{trading_days: {value}}}}}\n")
    message = str(raised.value)
    assert "data_health.calendar.trading_days: bad value" in message
    assert "targets.yaml:1:" in message


def test_a_held_back_breach_is_named_in_the_report_and_the_health_event(logs: Path) -> None:
    """A 24/7 bot misses Saturday's file and loses money on Sunday: the Sunday breach is not
    held back (Sunday has its file); the Saturday breach (no trades, P&L 0 < 1) is, and the
    report and the missing-file event both say so."""
    _write_days(logs, WEEK[:5])
    _write_days(logs, [WEEK[6]], kinds="l")
    rules = targets("daily_pl_target: 1\n")
    tracker = PerformanceTracker(logs, clock=Clock("2026-03-09T08:00:00Z"))
    paths = paths_for(logs)
    view = evaluate(tracker, rules, paths, window="weekly", on=WEEK[0])
    alerts = {r["period_start"]: (r["alert"], r["note"]) for r in view.results
              if r["rule"] == "daily_pl_target" and r["status"] == BREACHED}
    held = "held back by missing_log_file (weekly 2026-W10: 1 of 7 trading days)"
    assert alerts == {"2026-03-07": (ALERT_INHIBITED, held), "2026-03-08": (ALERT_FIRING, None)}
    health, = (event for event in events(paths) if event["metric"] == "missing_log_file")
    assert health["message"] == (
        "missing_log_file: 1 trading day without a log file (weekly 2026-W10: 1 of 7 trading "
        "days): 2026-03-07; holding back 1 metric breach: daily_pl_target (day 2026-03-07)")
    assert view.note == (
        "Metric breaches held back by data health (not alerted, not in the exit code, until the "
        "data is whole or the check is turned off): daily_pl 0.00 < target 1.00 (day "
        "2026-03-07) is held back by missing_log_file: 1 trading day without a log file "
        "(weekly 2026-W10: 1 of 7 trading days): 2026-03-07")
    summary = tracker.get_summary("weekly", on=WEEK[0])
    text = render_text(summary, targets=view)
    assert "daily_pl 0.00 < target 1.00 (day 2026-03-07) is held back by" in " ".join(
        text.split())
