"""Builders shared by the targets and alerts tests: trades at given instants, a clock that
moves, one CLI-equivalent evaluation, and the alert log read back (every line schema-checked)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.alerting.config import Targets, parse_targets
from trading_bot.performance.report.targets_view import TargetsView
from trading_bot.performance.schemas.validation import schema_errors
from trading_bot.performance.services.alert_workflow import (
    AlertPaths,
    alert_paths,
    evaluate_targets,
)

from .conftest import trade, write_log


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


class Clock:
    """A clock the test moves by hand: no sleeping."""

    def __init__(self, text: str) -> None:
        self.now = instant(text)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def closed(order_id: str, at: datetime, outcome: str = "win", *, net: str | None = None,
           **fields: Any) -> dict[str, Any]:
    """A trade line closed at ``at`` (entered five minutes before)."""
    if net is None:
        net = {"win": "10", "loss": "-8", "breakeven": "0"}[outcome]
    return trade(order_id, entry=iso(at - timedelta(minutes=5)), exit=iso(at), outcome=outcome,
                 net=net, **fields)


def write_trades(logs: Path, lines: Iterable[dict[str, Any]]) -> None:
    """Each line into the day file of its own UTC exit date (the bot's file-date invariant)."""
    for line in lines:
        write_log(logs, line["exit_timestamp"][:10], line)


def outcomes(logs: Path, start: datetime, kinds: str, *, step: timedelta = timedelta(minutes=10),
             prefix: str = "T", **fields: Any) -> datetime:
    """Trades closing every ``step`` from ``start``: ``kinds`` is a string of w, l and b."""
    names = {"w": "win", "l": "loss", "b": "breakeven"}
    at = start
    lines = []
    for index, kind in enumerate(kinds):
        lines.append(closed(f"{prefix}{index}", at, names[kind], **fields))
        at += step
    write_trades(logs, lines)
    return at


def targets(text: str) -> Targets:
    return parse_targets(text, "targets.yaml")


def evaluate(tracker: PerformanceTracker, rules: Targets, paths: AlertPaths,
             window: str = "daily", **kwargs: Any) -> TargetsView:
    """What one CLI run does: summary, evaluation under the state lock, log and state writes."""
    summary = tracker.get_summary(window, **kwargs)
    return evaluate_targets(tracker, summary, rules, paths).view


def paths_for(logs: Path) -> AlertPaths:
    return alert_paths(logs)


def events(paths: AlertPaths) -> list[dict[str, Any]]:
    """The alert log, each line parsed and checked against the alert schema."""
    if not paths.log.exists():
        return []
    found = []
    for line in paths.log.read_text(encoding="utf-8").splitlines():
        document = json.loads(line)
        assert schema_errors("performance-alert", document) == [], document
        found.append(document)
    return found


def reasons(paths: AlertPaths) -> list[str]:
    return [event["reason"] for event in events(paths)]
