"""The ``stale_positions`` data-health rule: open positions older than the stale age alert."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.errors import ConfigError

from ..alert_helpers import evaluate, events, paths_for, targets
from ..conftest import fixed_clock, trade, write_log


def forgotten_entries(logs: Path) -> None:
    write_log(logs, "2026-03-02", trade("OLD1", entry="2026-03-02T10:00:00Z", outcome="open"),
              trade("OLD2", entry="2026-03-02T11:00:00Z", outcome="open"))
    write_log(logs, "2026-03-20", trade("NEW", entry="2026-03-20T10:00:00Z", outcome="open"),
              trade("C1", entry="2026-03-20T09:00:00Z", exit="2026-03-20T09:30:00Z"))


def test_stale_positions_alert_names_the_count_and_the_age(logs: Path) -> None:
    forgotten_entries(logs)
    rules = targets("data_health: {stale_positions: {after: 7d, critical: 1}}\n")
    assert rules.stale_after_seconds == 7 * 86400
    tracker = PerformanceTracker(logs, clock=fixed_clock("2026-03-20T18:00:00Z"), pairing="order-id",
                                 stale_after_seconds=rules.stale_after_seconds or 0)
    view = evaluate(tracker, rules, paths_for(logs), on=datetime(2026, 3, 20).date())
    event, = events(paths_for(logs))
    assert event["rule"] == "stale_positions" and event["severity"] == "CRITICAL"
    assert "2 of 3 open positions older than 7d 00h" in event["message"]
    assert view.breached


def test_no_stale_position_is_met(logs: Path) -> None:
    forgotten_entries(logs)
    rules = targets("data_health: {stale_positions: {after: 30d}}\n")
    tracker = PerformanceTracker(logs, clock=fixed_clock("2026-03-20T18:00:00Z"), pairing="order-id",
                                 stale_after_seconds=rules.stale_after_seconds or 0)
    view = evaluate(tracker, rules, paths_for(logs), on=datetime(2026, 3, 20).date())
    assert events(paths_for(logs)) == [] and not view.breached


def test_a_bad_stale_age_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="stale_positions"):
        targets("data_health: {stale_positions: {after: soon}}\n")
