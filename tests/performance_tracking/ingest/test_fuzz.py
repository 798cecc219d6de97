"""Fuzzing the reader with JSON values and mutated trades, and checking money against the text.

``test_properties.py`` already feeds arbitrary bytes to ``scan_file`` and round-trips generated
*valid* money.  This file closes the gap between the two: arbitrary JSON objects (hypothesis'
``recursive`` strategy) and almost-valid trades with random field mutations, including raw
number tokens that ``json.dumps`` would never write (``1e5``, ``-0``, ``00``, 45-digit numbers,
``NaN``).  The properties:

* nothing escapes but :class:`InvalidLineError` (``decode_line`` + ``trade_from_json``), and a
  real file with such a line between two good ones still yields exactly those two plus, if
  accepted, the fuzzed one;
* every accepted line's money equals ``Decimal`` of the line's own text for that field, digit
  for digit (an independent decoder keeps each number's text, so this is not the reader
  checking itself);
* every accepted line can be written back as UTF-8 (a lone surrogate escape cannot).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trading_bot.performance.core.records import TRADE_FIELDS, TradeRecord, trade_from_json
from trading_bot.performance.errors import InvalidLineError
from trading_bot.performance.ingest.logfiles import DayFile
from trading_bot.performance.ingest.reader import decode_line, scan_file

from ..conftest import trade
from ..core.test_properties import MONEY_FIELDS

FUZZ = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])


class RawNumber(str):
    """A JSON number (or NaN/Infinity token) as the exact text the line holds."""


#: The oracle's decoder: numbers stay text, so it shares no number handling with the reader.
_TEXT_DECODER = json.JSONDecoder(parse_float=RawNumber, parse_int=RawNumber,
                                 parse_constant=RawNumber)


def assert_money_is_the_text(line: bytes, record: TradeRecord) -> None:
    """Each money field equals Decimal(its text in the line), same digits and exponent."""
    text = line.decode("utf-8").removeprefix("\ufeff")
    original = _TEXT_DECODER.decode(text.removesuffix("\r"))
    assert isinstance(original, dict)
    for name in MONEY_FIELDS:
        raw = original.get(name)
        value = getattr(record, name)
        if raw is None:
            assert value is None, name
            continue
        assert isinstance(raw, str), (name, raw)   # a decimal string or a number's text
        expected = Decimal(raw)
        assert isinstance(value, Decimal), name
        assert value == expected, (name, raw, value)
        assert value.as_tuple().exponent == expected.as_tuple().exponent, (name, raw, value)
        if isinstance(raw, RawNumber):
            assert "e" not in raw.lower() and "n" not in raw.lower(), raw  # no exponent, NaN, Inf
    for key, value in record.extras.items():
        raw = original[key]
        if isinstance(raw, RawNumber):
            assert Decimal(raw) == Decimal(value), (key, raw, value)


def assert_writable(value: object) -> None:
    """Every string an accepted record carries can be encoded as UTF-8 again."""
    json.dumps(value, ensure_ascii=False, default=str).encode("utf-8")


def accepted_record(line: bytes) -> TradeRecord | None:
    """The record, or None for an :class:`InvalidLineError`; any other exception fails."""
    try:
        record = trade_from_json(decode_line(line))
    except InvalidLineError as exc:
        assert isinstance(exc.reason, str) and exc.reason
        return None
    assert_money_is_the_text(line, record)
    assert_writable([record.symbol, record.order_id, record.strategy_name, record.decision_reasoning,
                     record.exit_reasoning, list(record.indicators_used), dict(record.extras)])
    return record


# --------------------------------------------------------------------------- generators

ODD_STRINGS = st.sampled_from(["\ud800", "x\udfff", "\ud83d\ude80", "\x00", "\u2028", "\ufeff",
                               "NaN", "-0", "1e5", " 1", "", "2026-03-02T14:00:00Z"])
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                         st.text(max_size=10), ODD_STRINGS)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=4),
    max_leaves=12)
json_objects = st.dictionaries(st.one_of(st.sampled_from(TRADE_FIELDS), st.text(max_size=8)),
                               json_values, max_size=30)

#: Number tokens as they may sit in a line: valid decimals most of the time, then the rest.
valid_number_tokens = st.from_regex(r"-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,10})?", fullmatch=True)
odd_number_tokens = st.one_of(
    st.from_regex(r"-?(0|[1-9][0-9]{0,45})(\.[0-9]{1,45})?([eE][+-]?[0-9]{1,4})?", fullmatch=True),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "-0", "-0.0", "00", "01", "1.", ".5", "--1",
                     "+1", "0x10", "1_000", "\u0661"]),
)
decimal_strings = st.one_of(
    valid_number_tokens,
    st.from_regex(r"[-+ ]?[0-9.,eE]{0,8}[ ]?", fullmatch=True),
    st.sampled_from(["-0", "-0.00", "NaN", "Infinity", "1e-7", "\uff11", "0.0000001"]),
)
field_values = st.one_of(
    valid_number_tokens.map(lambda token: ("raw", token)),
    odd_number_tokens.map(lambda token: ("raw", token)),
    decimal_strings.map(lambda text: ("value", text)),
    json_values.map(lambda value: ("value", value)),
)
mutations = st.lists(st.tuples(st.sampled_from([*TRADE_FIELDS, "confidence", "regime"]),
                               st.one_of(st.just(("drop", None)), field_values)),
                     max_size=4)


@st.composite
def mutated_lines(draw: st.DrawFn) -> bytes:
    """A complete trade line with up to four fields dropped or replaced (raw tokens verbatim)."""
    outcome = draw(st.sampled_from(["win", "loss", "breakeven", "open"]))
    line = trade("F", outcome=outcome, net=draw(valid_number_tokens))
    raw_tokens: dict[str, str] = {}
    for position, (name, (kind, value)) in enumerate(draw(mutations)):
        if kind == "drop":
            line.pop(name, None)
        elif kind == "raw":
            placeholder = f"@@raw{position}@@"
            raw_tokens[f'"{placeholder}"'] = value
            line[name] = placeholder
        else:
            line[name] = value
    text = json.dumps(line, ensure_ascii=draw(st.booleans()))
    for placeholder, token in raw_tokens.items():
        text = text.replace(placeholder, token)
    return text.encode("utf-8", "surrogatepass")


# --------------------------------------------------------------------------- properties


@FUZZ
@given(obj=json_objects, ensure_ascii=st.booleans())
def test_arbitrary_json_objects_are_accepted_or_bad_lines(obj: dict[str, Any],
                                                          ensure_ascii: bool) -> None:
    line = json.dumps(obj, ensure_ascii=ensure_ascii).encode("utf-8", "surrogatepass")
    accepted_record(line)


@FUZZ
@given(value=json_values)
def test_arbitrary_json_values_are_accepted_or_bad_lines(value: Any) -> None:
    """Top-level lists, strings, numbers and nulls included: only InvalidLineError escapes."""
    accepted_record(json.dumps(value).encode("utf-8"))


@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(line=mutated_lines())
def test_mutated_trades_are_exact_or_bad_lines(line: bytes) -> None:
    accepted_record(line)


@pytest.fixture(scope="module")
def fuzz_day_file(tmp_path_factory: pytest.TempPathFactory) -> DayFile:
    path = tmp_path_factory.mktemp("fuzz-corpus") / "2026-03-02.jsonl"
    return DayFile(path, date(2026, 3, 2))


GOOD_BEFORE = json.dumps(trade("G1", net="10.25")).encode()
GOOD_AFTER = json.dumps(trade("G3", net="-0.75", outcome="loss", entry="2026-03-02T16:00:00Z",
                              exit="2026-03-02T17:00:00Z")).encode()


@FUZZ
@given(line=st.one_of(mutated_lines(),
                      json_objects.map(lambda obj: json.dumps(obj).encode("utf-8"))),
       ending=st.sampled_from([b"\n", b"\r\n"]), bom=st.booleans())
def test_fuzzed_line_in_a_real_file_costs_only_itself(fuzz_day_file: DayFile, line: bytes,
                                                      ending: bytes, bom: bool) -> None:
    """Between two good lines, on disk: the good lines always count with their exact money."""
    data = (b"\xef\xbb\xbf" if bom else b"") + GOOD_BEFORE + ending + line + ending \
        + GOOD_AFTER + ending
    fuzz_day_file.path.write_bytes(data)
    result = scan_file(fuzz_day_file)
    assert result.lines_read == 3
    assert result.end_offset == len(data)
    by_line = {t.line: t.record for t in result.trades}
    assert by_line[1].net == Decimal("10.25") and by_line[3].net == Decimal("-0.75")
    bad = [b.line for b in result.bad_lines]
    assert sorted([*by_line, *bad]) == [1, 2, 3]
    if 2 in by_line:
        assert_money_is_the_text(line, by_line[2])
    else:
        assert result.bad_lines[0].reason == _reason(line)


def _reason(line: bytes) -> str:
    """The reason the same line gets on its own: scanning in a file adds nothing but location."""
    try:
        trade_from_json(decode_line(line))
    except InvalidLineError as exc:
        return exc.reason
    raise AssertionError("the line was rejected in the file but accepted on its own")
