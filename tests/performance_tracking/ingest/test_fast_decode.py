"""``decode_line`` reads plain lines with orjson, yet always answers exactly as the standard decoder.

orjson reads fractions as floats and keeps the last of a repeated key silently; the reader must
keep a line's own digits and refuse a repeated key.  These tests generate JSON texts (with
fractions, huge integers, escapes, repeated keys, odd whitespace and damaged bytes) and hold
``decode_line`` to ``exact_decode``, the standard decoder with the exactness hooks: the same
value with the same types, or the same bad-line reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trading_bot.performance.errors import InvalidLineError
from trading_bot.performance.ingest.reader import _plain_object, decode_line, exact_decode

from ..conftest import trade


@dataclass(frozen=True)
class Number:
    """A JSON number written exactly as ``text`` (a fraction, an exponent, a huge integer)."""

    text: str


@dataclass(frozen=True)
class Pairs:
    """A JSON object written member by member, so a key may appear twice."""

    members: tuple[tuple[str, Any], ...]


def render(value: Any, space: str, ascii_only: bool) -> str:
    if isinstance(value, Number):
        return value.text
    if isinstance(value, Pairs):
        inner = f",{space}".join(f"{json.dumps(key, ensure_ascii=ascii_only)}{space}:{space}"
                                 f"{render(item, space, ascii_only)}"
                                 for key, item in value.members)
        return "{" + space + inner + space + "}"
    if isinstance(value, list):
        return "[" + f",{space}".join(render(item, space, ascii_only) for item in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


def outcome(data: bytes, decode: Any) -> tuple[str, Any]:
    try:
        return ("ok", typed(decode(data)))
    except InvalidLineError as exc:
        return ("bad", exc.reason)


def typed(value: Any) -> Any:
    """The value with every scalar's type beside it: ``True``, ``1`` and ``Decimal(1)`` differ."""
    if isinstance(value, dict):
        return ("object", [(key, typed(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("array", [typed(item) for item in value])
    return (type(value).__name__, value)


KEYS = st.sampled_from(["symbol", "net_profit_loss", "outcome", "a", "A", "é", "q\"uote",
                        "back\\slash", "tab\t", "\u2603", ""])
TEXTS = st.one_of(st.sampled_from(["AAPL", "10.50", "win", "stop hit at 101.25", "", " ",
                                   "quote \" inside", "back \\ slash", "\u00e9t\u00e9",
                                   "\U0001f600", "line\u2028sep"]),
                  st.text(max_size=8))
NUMBERS = st.one_of(
    st.integers(min_value=-(10 ** 45), max_value=10 ** 45).map(str),
    st.sampled_from(["0", "-0", "1.5", "-0.0", "10.50", "1e3", "1E-2", "2.5e1", "0.0000001",
                     "18446744073709551615", "18446744073709551616", "-9223372036854775809",
                     "1" * 41, "1." + "0" * 45]),
).map(Number)
SCALARS = st.one_of(st.none(), st.booleans(), TEXTS, NUMBERS)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.lists(st.tuples(KEYS, children), max_size=3).map(lambda m: Pairs(tuple(m))),
    ),
    max_leaves=8,
)
TOP_LEVEL = st.lists(st.tuples(KEYS, VALUES), max_size=6).map(lambda m: Pairs(tuple(m)))


@st.composite
def lines(draw: st.DrawFn) -> bytes:
    top: Any = draw(st.one_of(TOP_LEVEL, VALUES))
    repeat: bool = draw(st.booleans())
    if repeat and isinstance(top, Pairs) and top.members:
        # repeat one member's key, with its own value or another one
        key, value = draw(st.sampled_from(top.members))
        again = draw(st.one_of(st.just(value), VALUES))
        members = list(top.members)
        members.insert(draw(st.integers(0, len(members))), (key, again))
        top = Pairs(tuple(members))
    space = draw(st.sampled_from(["", " ", "  ", "\t", "\r", " \t "]))
    text = render(top, space, draw(st.booleans()))
    data = text.encode("utf-8", "surrogatepass")
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(data)))
        match draw(st.sampled_from(["insert", "delete", "replace"])):
            case "insert":
                data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at:]
            case "delete":
                data = data[:at] + data[at + 1:]
            case "replace":
                data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
    return data


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines())
def test_decode_line_answers_as_the_exact_decoder(data: bytes) -> None:
    assert outcome(data, decode_line) == outcome(data, exact_decode)


TRADE_LINE = json.dumps(trade("A", net="10.50")).encode()


@pytest.mark.parametrize("data", [
    TRADE_LINE[:-1] + b', "net_profit_loss": "9999.00"}',        # a repeated key
    TRADE_LINE[:-1] + b', "extra": {"k": 1, "k": 2}}',           # a repeated nested key
    TRADE_LINE[:-1] + b', "k": 1, "k": "1"}',                   # same key, other type
    TRADE_LINE.replace(b'"10.50"', b"10.50"),                   # a fraction: a Decimal
    TRADE_LINE.replace(b'"10.50"', b"1e3"),                     # an exponent: refused
    TRADE_LINE[:-1] + b', "big": 18446744073709551616}',        # past orjson's 64 bits
    TRADE_LINE[:-1] + b', "big": ' + b"9" * 41 + b"}",          # past the digit bound
    TRADE_LINE[:-1] + b', "x": NaN}',
    TRADE_LINE[:-1] + b', "x": "\\ud800"}',                      # a lone surrogate
    TRADE_LINE[:-1] + b', "x": "\xff"}',                         # not UTF-8
    TRADE_LINE[:-1] + b', "x": "a\x01b"}',                       # a control character
    TRADE_LINE + b" x",                                         # trailing data
    b"", b"   ", b"[1, 2]", b'"text"', b"{}",
])
def test_lines_orjson_would_misread_get_the_exact_answer(data: bytes) -> None:
    assert outcome(data, decode_line) == outcome(data, exact_decode)


def test_a_repeated_key_is_refused_even_when_orjson_reads_the_line() -> None:
    with pytest.raises(InvalidLineError, match="duplicate key 'net_profit_loss'"):
        decode_line(TRADE_LINE[:-1] + b', "net_profit_loss": "9999.00"}')


def test_a_fraction_keeps_its_digits() -> None:
    value = decode_line(TRADE_LINE.replace(b'"10.50"', b"10.50"))
    assert isinstance(value, dict)
    assert value["net_profit_loss"] == Decimal("10.50")
    assert str(value["net_profit_loss"]) == "10.50"


@pytest.mark.parametrize("data", [
    TRADE_LINE,
    json.dumps(trade("B", net="-3.25", exit_reasoning="stop hit at 101.25 (ATR 2.1)")).encode(),
    json.dumps({**trade("C", net="1"), "indicators_used": ["RSI", "MACD"], "lot": 3}).encode(),
])
def test_plain_trade_lines_take_the_fast_path(data: bytes) -> None:
    # the whole point: a bot's ordinary lines never pay for the exact decoder
    assert _plain_object(data) is not None
    assert outcome(data, decode_line) == outcome(data, exact_decode)
