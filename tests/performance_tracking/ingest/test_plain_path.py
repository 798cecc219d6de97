"""The one-pass check of plainly valid lines against the full validation it short-cuts.

``trade_from_json`` builds a line the quick check (``_plain_trade``) accepts at a glance and
hands everything else to ``validated_trade``, the field-by-field checks that word each
message.  The properties: whenever the quick check builds a record, the full checks build the
same one, digit for digit and zone for zone; and ``trade_from_json`` gives exactly what the
full checks give (the same record or the same message) for valid and invalid lines alike.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trading_bot.performance.core.records import (
    TradeRecord,
    _plain_trade,
    trade_from_json,
    validated_trade,
)
from trading_bot.performance.errors import InvalidLineError
from trading_bot.performance.ingest.reader import decode_line

from ..conftest import trade

CHECKS = settings(max_examples=600, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow])

TEXTS = ["", " ", "  \t", "x", "AAPL", "BTC/USD", "a b", "ünï", "x" * 4096, "x" * 4097,
         "LIVE", "PAPER", "BUY", "SELL", "win", "loss", "breakeven", "open", "buy", "live"]
AMOUNTS = ["10", "0", "-0", "0.00", "-3.5", "150.25", "1e5", " 1", "1_000", "+1", "NaN",
           "१२", "1" * 40, "1" * 41, "0." + "0" * 38 + "1"]
NUMBERS = [Decimal("10.5"), Decimal("0.0"), Decimal("-0.0"), Decimal("-2.25"), 0, 7, -7,
           True, False, 10 ** 39]
INSTANTS = ["2026-03-02T14:00:00Z", "2026-03-02T15:00:00Z", "2026-03-02 14:00:00",
            "2026-03-02T14:00:00+00:00", "2026-03-02T16:00:00+02:00", "2026-03-02T14:00",
            "2026-03-02T14:00:00.123456Z", "2026-03-02T14:00:00.5-0500", "2026-02-30T14:00:00Z",
            "1969-12-31T23:59:59Z", "1970-01-01T00:30:00+01:00", "8999-12-31T23:00:00-02:00",
            "9000-01-01T00:00:00Z", "2026-W10-1", "2026-03-02T14:00:00+0000", "not a time"]
ODD = [None, [], ["RSI"], ["RSI", 3], {}, {"a": 1}, 1.5]

FIELD_VALUES: dict[str, list[Any]] = {
    "timestamp": INSTANTS, "exit_timestamp": INSTANTS,
    **{name: AMOUNTS + NUMBERS for name in (
        "quantity", "price", "total_value", "stop_loss", "target", "risk_reward_ratio",
        "profit_loss", "hold_duration_seconds", "slippage", "commission", "net_profit_loss")},
    **{name: TEXTS for name in (
        "symbol", "action", "order_id", "execution_mode", "account_id", "strategy_name",
        "entry_type", "decision_reasoning", "outcome", "exit_reasoning", "session_id",
        "bot_version", "config_hash")},
    "indicators_used": [["RSI", "MACD"], [], ["x" * 5000], ["a", None], "RSI"],
}
MISSING = object()


@st.composite
def lines(draw: st.DrawFn) -> object:
    """A valid trade with a few fields replaced, removed or added (or, rarely, not a dict)."""
    if draw(st.integers(0, 40)) == 0:
        return draw(st.sampled_from([[], "text", 3, None, Decimal("1.5")]))
    outcome = draw(st.sampled_from(["win", "loss", "breakeven", "open"]))
    line: dict[str, Any] = trade(outcome=outcome)
    for _ in range(draw(st.integers(0, 4))):
        name = draw(st.sampled_from(sorted(FIELD_VALUES)))
        value = draw(st.sampled_from([*FIELD_VALUES[name], *ODD, MISSING]))
        if value is MISSING:
            line.pop(name, None)
        else:
            line[name] = value
    if draw(st.booleans()):
        line[draw(st.sampled_from(["confidence", "regime", "note"]))] = draw(
            st.sampled_from(["low", None, Decimal("0.5"), 3, [1], {"k": "v"}]))
    return line


def exact(record: TradeRecord) -> tuple[str, ...]:
    """Every field spelled out: ``Decimal('1.0') == Decimal('1.00')`` and equal instants in
    different zones would pass ``==``, but not here."""
    return tuple(f"{type(value).__name__}:{value!r}"
                 for value in (getattr(record, name) for name in TradeRecord.__slots__))


def outcome_of(check: Any, obj: object) -> tuple[str, ...]:
    try:
        return exact(check(obj))
    except InvalidLineError as exc:
        return ("bad", exc.reason)


@CHECKS
@given(lines())
def test_the_quick_check_builds_only_what_the_full_checks_build(obj: object) -> None:
    if isinstance(obj, dict):
        quick = _plain_trade(obj)
        if quick is not None:
            assert exact(quick) == exact(validated_trade(obj))
    assert outcome_of(trade_from_json, obj) == outcome_of(validated_trade, obj)


@CHECKS
@given(lines())
def test_the_same_through_the_decoder(obj: object) -> None:
    """Numbers as the reader's decoder makes them (Decimals from the line's digits)."""
    text = json.dumps(obj, default=str).encode()
    try:
        decoded = decode_line(text)
    except InvalidLineError:
        return
    assert outcome_of(trade_from_json, decoded) == outcome_of(validated_trade, decoded)


def test_plain_lines_take_the_quick_path() -> None:
    """The quick check is not a path nothing takes: the usual lines are built by it, the
    benchmark's line shape included (numbers from the decoder, an extra field)."""
    benchmark_line = (
        b'{"timestamp": "2025-11-01T13:00:10Z", "symbol": "ETH-USD", "action": "BUY", '
        b'"quantity": "0.820", "price": 3078.61, "total_value": "2524.46", "order_id": "O-1", '
        b'"execution_mode": "LIVE", "account_id": "ACC", "strategy_name": "mean_reversion", '
        b'"entry_type": "market", "stop_loss": "3039.51", "target": "3166.98", '
        b'"decision_reasoning": "r", "indicators_used": ["EMA_20"], "risk_reward_ratio": "2.26",'
        b' "outcome": "loss", "profit_loss": "-17.70", "hold_duration_seconds": 12060, '
        b'"exit_timestamp": "2025-11-01T16:21:10Z", "exit_reasoning": "stop", '
        b'"slippage": "0.31", "commission": "1.26", "net_profit_loss": -18.96, '
        b'"session_id": "S", "bot_version": "2.4.1", "config_hash": "c0", "confidence": "low"}')
    decoded = decode_line(benchmark_line)
    assert isinstance(decoded, dict)
    record = _plain_trade(decoded)
    assert record is not None
    assert exact(record) == exact(validated_trade(decoded))
    assert str(record.price) == "3078.61" and str(record.net_profit_loss) == "-18.96"
    assert record.extras == {"confidence": "low"}
    for outcome in ("win", "loss", "breakeven", "open"):
        assert _plain_trade(trade(outcome=outcome)) is not None


def test_a_bad_line_keeps_its_message() -> None:
    """Lines the quick check declines are worded by the full checks, as before."""
    cases = {
        "quantity": ("-1", "quantity must be positive, got -1"),
        "commission": ("-0", "commission must not be negative, got -0"),
        "symbol": ("a b", "symbol must be a ticker or pair of letters, digits and . _ : / - "
                          "(max 32), got 'a b'"),
        "price": (True, "price must be a decimal number, got boolean True"),
    }
    for name, (value, message) in cases.items():
        line = trade(**{name: value})
        try:
            trade_from_json(line)
        except InvalidLineError as exc:
            assert exc.reason == message, name
        else:
            raise AssertionError(f"{name}={value!r} was accepted")
