"""A key named twice in one JSON object makes the line bad, naming the key.

JSON readers disagree on which copy wins, so a second ``net_profit_loss`` of 9999.00 must not be
counted silently: the line is skipped and reported like any other bad line, and the good lines
around it count exactly.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.errors import InvalidLineError
from trading_bot.performance.ingest.reader import decode_line

from ..conftest import fixed_clock, trade, write_log

DAY = "2026-03-02"


def _with_duplicate(order_id: str, key: str, value: str) -> str:
    """A valid trade line with ``"key": value`` appended once more (as a raw JSON fragment)."""
    text = json.dumps(trade(order_id, net="10"))
    return text[:-1] + f', "{key}": {value}}}'


@pytest.mark.parametrize(("line", "key"), [
    (_with_duplicate("D", "net_profit_loss", '"9999.00"'), "net_profit_loss"),
    (_with_duplicate("D", "outcome", '"loss"'), "outcome"),
    (_with_duplicate("D", "order_id", '"D"'), "order_id"),           # same value twice too
    (_with_duplicate("D", "confidence", '"0.9"').replace(
        '"confidence": "0.9"}', '"confidence": "0.9", "confidence": "0.1"}'), "confidence"),
    (_with_duplicate("D", "meta", '{"a": 1, "a": 2}'), "a"),          # nested object
    (_with_duplicate("D", "tags", '[{"k": 1}, {"k": 2, "k": 3}]'), "k"),  # inside a list
    (_with_duplicate("D", "symbol", '"AAPL"').replace('"symbol": "AAPL"}',
                                                       '"\\u0073ymbol": "AAPL"}'), "symbol"),
])
def test_a_duplicated_key_is_a_bad_line_naming_it(logs: Path, line: str, key: str) -> None:
    write_log(logs, DAY, trade("A", net="10"), line, trade("B", net="5"))
    tracker = PerformanceTracker(logs, clock=fixed_clock("2026-03-03T00:00:00Z"), cache=False)
    summary = tracker.get_summary("daily", on=date(2026, 3, 2))
    quality = summary.data_quality
    assert quality.bad_line_examples == (
        f"{DAY}.jsonl:2: duplicate key {key!r} (a line names each field once)",)
    assert (quality.lines_read, quality.valid_lines, quality.bad_lines) == (3, 2, 1)
    assert summary.metrics.values["net_profit_loss"] == Decimal("15")


@pytest.mark.parametrize("text", ['{"a": 1, "A": 2}', '{"a": {"b": 1}, "b": {"a": 2}}',
                                  '{"a": [{"b": 1}, {"b": 2}]}'])
def test_distinct_keys_are_not_duplicates(text: str) -> None:
    assert decode_line(text.encode()) == json.loads(text)


def test_decode_line_raises_invalid_line_error() -> None:
    with pytest.raises(InvalidLineError, match="duplicate key 'x'"):
        decode_line(b'{"x": 1, "y": 2, "x": 1}')
