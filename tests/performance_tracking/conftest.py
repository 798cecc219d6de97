"""Shared builders for real log files in ``tmp_path``: tests write JSONL, never mock the reader."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Callable

import pytest

from trading_bot.performance import PerformanceTracker


def trade(order_id: str = "T1", *, entry: str = "2026-03-02T14:00:00Z",
          exit: str | None = "2026-03-02T15:00:00Z", outcome: str = "win", net: str | None = "10",
          symbol: str = "AAPL", action: str = "BUY", quantity: str = "10", price: str = "100",
          strategy: str = "alpha", mode: str = "PAPER", **overrides: Any) -> dict[str, Any]:
    """A complete 27-field trade line; keyword overrides replace or add fields."""
    closed = outcome != "open"
    line: dict[str, Any] = {
        "timestamp": entry, "symbol": symbol, "action": action, "quantity": quantity,
        "price": price, "total_value": None, "order_id": order_id, "execution_mode": mode,
        "account_id": "ACC-1", "strategy_name": strategy, "entry_type": "market",
        "stop_loss": None, "target": None, "decision_reasoning": "test",
        "indicators_used": ["RSI"], "risk_reward_ratio": None, "outcome": outcome,
        "profit_loss": net if closed else None, "hold_duration_seconds": None,
        "exit_timestamp": exit if closed else None, "exit_reasoning": "target hit" if closed else None,
        "slippage": None, "commission": "0" if closed else None,
        "net_profit_loss": net if closed else None, "session_id": "S1", "bot_version": "1.0",
        "config_hash": "abc",
    }
    line.update(overrides)
    return line


def write_log(logs_dir: Path, day: str, *lines: dict[str, Any] | str, torn: str | None = None) -> Path:
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


@pytest.fixture
def make_tracker(logs: Path) -> Callable[..., PerformanceTracker]:
    def build(**kwargs: Any) -> PerformanceTracker:
        kwargs.setdefault("clock", fixed_clock())
        return PerformanceTracker(logs, **kwargs)
    return build
