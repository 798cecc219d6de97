"""Shared builders for real log files in ``tmp_path``: tests write JSONL, never mock the reader."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.core.records import TradeRecord


def trade(order_id: object = "T1", *, entry: object = "2026-03-02T14:00:00Z",
          exit: object = "2026-03-02T15:00:00Z", outcome: object = "win", net: object = "10",
          symbol: object = "AAPL", action: object = "BUY", quantity: object = "10",
          price: object = "100", strategy: object = "alpha", mode: object = "PAPER",
          **overrides: Any) -> dict[str, Any]:
    """A complete 27-field trade line; keyword overrides replace or add fields.

    Every field is typed ``object``: the hostile-input tests write wrong types on purpose (a
    number, a list, null where text belongs) to see the reader refuse them.
    """
    closed = outcome != "open"
    line: dict[str, Any] = {
        "timestamp": entry, "symbol": symbol, "action": action, "quantity": quantity,
        "price": price, "total_value": None, "order_id": order_id, "execution_mode": mode,
        "account_id": "ACC-1", "strategy_name": strategy, "entry_type": "market",
        "stop_loss": None, "target": None, "decision_reasoning": "test",
        "indicators_used": ["RSI"], "risk_reward_ratio": None, "outcome": outcome,
        "profit_loss": net if closed else None, "hold_duration_seconds": None,
        "exit_timestamp": exit if closed else None,
        "exit_reasoning": "target hit" if closed else None,
        "slippage": None, "commission": "0" if closed else None,
        "net_profit_loss": net if closed else None, "session_id": "S1", "bot_version": "1.0",
        "config_hash": "abc",
    }
    line.update(overrides)
    return line


def net_of(record: TradeRecord) -> Decimal:
    """A closed record's net P&L, asserting it has one (validation guarantees it does)."""
    assert record.net is not None, f"{record.order_id} has no net P&L"
    return record.net


def write_log(logs_dir: Path, day: str, *lines: dict[str, Any] | str,
              torn: str | None = None) -> Path:
    """Append lines (dicts become JSON, strings are written verbatim) to ``logs_dir/day.jsonl``."""
    logs_dir.mkdir(parents=True, exist_ok=True)
    path = logs_dir / f"{day}.jsonl"
    with path.open("a", encoding="utf-8") as handle:
        for line in lines:
            handle.write((line if isinstance(line, str) else json.dumps(line)) + "\n")
        if torn is not None:
            handle.write(torn)
    return path


def fixed_clock(text: str = "2026-06-01T00:00:00Z") -> Callable[[], datetime]:
    moment = datetime.fromisoformat(text).astimezone(UTC)
    return lambda: moment


@pytest.fixture
def logs(tmp_path: Path) -> Path:
    return tmp_path / "logs"


#: What the ``make_tracker`` fixture gives: a PerformanceTracker on ``logs``, fixed clock.
MakeTracker = Callable[..., PerformanceTracker]


@pytest.fixture
def make_tracker(logs: Path) -> MakeTracker:
    def build(**kwargs: Any) -> PerformanceTracker:
        kwargs.setdefault("clock", fixed_clock())
        return PerformanceTracker(logs, **kwargs)
    return build
