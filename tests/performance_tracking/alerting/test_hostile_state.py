"""Alert state that cannot be read, whatever way: set aside (every copy kept), one warning, and
alerting goes on, for evaluations and for ``ack`` alike.

Mere bad JSON was always handled; these are the other ways a state file can be unreadable:
nesting that exhausts the parser's recursion, bytes that are not UTF-8, valid JSON of the wrong
shape, and something that is not a file at all where the state belongs.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from trading_bot.performance import PerformanceError, PerformanceTracker
from trading_bot.performance.alerting.state import STATE_VERSION, AlertStateStore
from trading_bot.performance.services.alert_workflow import acknowledge_alert

from ..alert_helpers import Clock, evaluate, events, instant, outcomes, paths_for, targets

MONDAY = "2026-03-02"
RULES = """
alerts:
  rules:
    - {name: wr, metric: win_rate, window: rolling, trades: 10, warn: 60}
"""


def _nested(path: Path) -> None:
    path.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")


def _nested_objects(path: Path) -> None:
    path.write_text('{"a":' * 50_000 + "1" + "}" * 50_000, encoding="utf-8")


def _binary(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 4)


def _latin1(path: Path) -> None:
    path.write_bytes(b'{"version": 3, "alerts": [], "note": "caf\xe9"}')


def _writer(document: object) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_text(json.dumps(document), encoding="utf-8")
    return write


def _directory(path: Path) -> None:
    path.mkdir()
    (path / "inside").write_text("x", encoding="utf-8")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


HOSTILE: dict[str, Callable[[Path], None]] = {
    "50k nested arrays": _nested,
    "50k nested objects": _nested_objects,
    "binary garbage": _binary,
    "latin-1 bytes": _latin1,
    "a list": _writer([1, 2, 3]),
    "a string": _writer("state"),
    "null": _writer(None),
    "alerts not a list": _writer({"version": STATE_VERSION, "alerts": 5}),
    "alerts a mapping": _writer({"version": STATE_VERSION, "alerts": {"a": 1}}),
    "records not mappings": _writer({"version": STATE_VERSION, "alerts": [1, "x", None]}),
    "version a list": _writer({"version": [3], "alerts": []}),
    "committed_at a number": _writer({"version": STATE_VERSION, "alerts": [],
                                      "committed_at": 5}),
    "a directory": _directory,
    "a FIFO": _fifo,
}
REASONS = {
    "50k nested arrays": "nested too deeply to parse",
    "binary garbage": "not UTF-8 text: byte 0x80 at byte offset 128",
    "latin-1 bytes": "not UTF-8 text: byte 0xe9 at byte offset 41",
    "a directory": "a directory, not a state file",
    "a FIFO": "not a regular file, not a state file",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_any_unreadable_state_is_set_aside_and_the_run_goes_on(
        kind: str, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "state.json"
    HOSTILE[kind](path)
    store = AlertStateStore(path)
    with caplog.at_level(logging.WARNING), store.locked() as handle:
        assert handle.state.records == {}
        handle.save(handle.state.with_pending(None))
    warnings = [record.getMessage() for record in caplog.records
                if record.levelno == logging.WARNING]
    assert len(warnings) == 1, warnings
    assert "alert state unreadable (" in warnings[0]
    assert "starting from an empty state" in warnings[0]
    if kind in REASONS:
        assert f"({REASONS[kind]})" in warnings[0]
    aside = list(tmp_path.glob("state.json.unreadable-*"))
    assert len(aside) == 1 and f"kept as {aside[0]}" in warnings[0]
    assert not path.exists() or path.is_file()


def test_every_set_aside_copy_is_kept(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Several unreadable states in a row (within one second: same time stamp) each keep a copy."""
    path = tmp_path / "state.json"
    contents = ["{not json", "[" * 50_000, json.dumps([1]), json.dumps({"version": 99})]
    for content in contents:
        path.write_text(content, encoding="utf-8")
        with caplog.at_level(logging.WARNING):
            AlertStateStore(path).load()
    _directory(path)
    AlertStateStore(path).load()
    kept = sorted(tmp_path.glob("state.json.unreadable-*"))
    assert len(kept) == 5
    assert sorted(aside.read_text(encoding="utf-8") for aside in kept if aside.is_file()) \
        == sorted(contents)
    assert next(aside for aside in kept if aside.is_dir()).joinpath("inside").exists()


@pytest.mark.parametrize("kind", ["50k nested arrays", "binary garbage", "a directory",
                                  "alerts a mapping"])
def test_alerting_and_ack_go_on_after_an_unreadable_state(
        kind: str, logs: Path, caplog: pytest.LogCaptureFixture) -> None:
    outcomes(logs, instant(f"{MONDAY}T09:05:30Z"), "w" * 2 + "l" * 10)
    rules = targets(RULES)
    clock = Clock(f"{MONDAY}T11:30:00Z")
    tracker = PerformanceTracker(logs, clock=clock)
    paths = paths_for(logs)
    paths.state.parent.mkdir(parents=True, exist_ok=True)
    HOSTILE[kind](paths.state)
    with caplog.at_level(logging.WARNING):
        evaluate(tracker, rules, paths)
    found = events(paths)
    assert [event["reason"] for event in found] == ["first"]
    assert "alert state unreadable" in caplog.text
    caplog.clear()
    paths.state.unlink()                     # the run wrote a good state: spoil it for ack
    HOSTILE[kind](paths.state)
    with caplog.at_level(logging.WARNING), pytest.raises(PerformanceError,
                                                         match="unknown alert id"):
        acknowledge_alert(found[0]["id"], paths, instant(f"{MONDAY}T11:31:00Z"))
    assert "alert state unreadable" in caplog.text
    evaluate(tracker, rules, paths)          # the alert is raised again: noisy, never silent
    record, new = acknowledge_alert(events(paths)[-1]["id"], paths,
                                    instant(f"{MONDAY}T11:32:00Z"))
    assert new and record.acknowledged_at == instant(f"{MONDAY}T11:32:00Z")
    assert len(list(paths.state.parent.glob(paths.state.name + ".unreadable-*"))) == 2
