"""The trade line: a frozen TradeRecord and the hand-written validation that builds it.

The checks here are the executable form of ``specs/trade-record.schema.json``.  They are written
by hand because the reader runs them on every line of years of logs; a generic JSON Schema
validator is an order of magnitude slower.  A test keeps the two in agreement.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from trading_bot.performance.core.decimals import DECIMAL_TEXT, ZERO, parse_decimal
from trading_bot.performance.core.timestamps import (
    INSTANT_SHAPE,
    SUPPORTED_YEARS,
    parse_instant,
)
from trading_bot.performance.errors import InvalidLineError, UsageError

ACTIONS = frozenset({"BUY", "SELL"})
EXECUTION_MODES = frozenset({"PAPER", "LIVE"})
OUTCOMES = frozenset({"win", "loss", "breakeven", "open"})
CLOSED_OUTCOMES = frozenset({"win", "loss", "breakeven"})

#: The 27 fields of the bot's TradeRecord, in the bot's own order.
TRADE_FIELDS: tuple[str, ...] = (
    "timestamp", "symbol", "action", "quantity", "price", "total_value", "order_id",
    "execution_mode", "account_id", "strategy_name", "entry_type", "stop_loss", "target",
    "decision_reasoning", "indicators_used", "risk_reward_ratio", "outcome", "profit_loss",
    "hold_duration_seconds", "exit_timestamp", "exit_reasoning", "slippage", "commission",
    "net_profit_loss", "session_id", "bot_version", "config_hash",
)
#: Fields without which a line cannot be placed in time, attributed or counted.
REQUIRED_FIELDS: tuple[str, ...] = (
    "timestamp", "symbol", "action", "quantity", "price", "order_id", "execution_mode",
    "strategy_name", "outcome",
)
_TRADE_FIELD_SET = frozenset(TRADE_FIELDS)
#: Named fields ``--group-by`` reads from the line like an extra field: the categories a bot
#: sets per account, session, release and configuration.  (They are TradeRecord attributes,
#: not ``extras``, so :func:`group_fields` adds them to what the breakdowns read.)
GROUPABLE_FIELDS: tuple[str, ...] = ("account_id", "session_id", "bot_version", "config_hash")
_PER_TRADE = "a per-trade value, so every trade would be a row of its own"
#: The other named fields a built-in breakdown does not already cover, and why ``--group-by``
#: refuses them (a breakdown of them would be one row per trade, or repeat the summary).
UNGROUPABLE_FIELDS: Mapping[str, str] = {
    "action": "BUY/SELL is the built-in breakdown side (long/short)",
    "indicators_used": "use the built-in breakdown indicator (one row per indicator)",
    "outcome": "wins, losses and breakevens are the summary's own counts",
    "decision_reasoning": ("free text, nearly one value per trade; log a category as an extra "
                           "field and group by that"),
    **{name: _PER_TRADE for name in (
        "timestamp", "quantity", "price", "total_value", "order_id", "stop_loss", "target",
        "risk_reward_ratio", "profit_loss", "hold_duration_seconds", "exit_timestamp",
        "slippage", "commission", "net_profit_loss")},
}


def check_group_by(names: Sequence[str]) -> None:
    """A ``--group-by`` naming a field no breakdown can be made of is a usage error saying
    why, not a breakdown of one ``(missing)`` row or of one row per trade."""
    for name in names:
        reason = UNGROUPABLE_FIELDS.get(name)
        if reason is not None:
            groupable = ", ".join(GROUPABLE_FIELDS)
            raise UsageError(f"--group-by {name}: {reason}; the trade line's fields to group "
                             f"by are {groupable} (and any extra field the bot logs)")


def group_fields(record: TradeRecord) -> Mapping[str, Any]:
    """What ``--group-by`` reads of a line: its extra fields and its set
    :data:`GROUPABLE_FIELDS` (one of those left out or null is ``(missing)``)."""
    named = {name: value for name in GROUPABLE_FIELDS
             if (value := getattr(record, name)) is not None}
    return {**record.extras, **named} if named else record.extras
SYMBOL_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,31}\Z")
MAX_TEXT_LENGTH = 4096
#: Longest decimal string: the reader's bound on JSON numbers (``reader.MAX_NUMBER_DIGITS``), so
#: an amount written as a string is held to the same limit as one written as a number, and the
#: exact sums of ``decimals.EXACT_SUM_CONTEXT`` and bounded diagnostics can rely on it.
MAX_DECIMAL_TEXT = 40


@dataclass(frozen=True, slots=True)
class TradeRecord:
    """One validated trade line, money as exact Decimals and instants in UTC.

    ``extras`` keeps keys the bot added beyond the 27 (for ``--group-by``); ``raw`` is not kept,
    the reader fingerprints lines itself.
    """

    timestamp: datetime
    symbol: str
    action: str
    quantity: Decimal
    price: Decimal
    order_id: str
    execution_mode: str
    strategy_name: str
    outcome: str
    total_value: Decimal | None = None
    account_id: str | None = None
    entry_type: str | None = None
    stop_loss: Decimal | None = None
    target: Decimal | None = None
    decision_reasoning: str | None = None
    indicators_used: tuple[str, ...] = ()
    risk_reward_ratio: Decimal | None = None
    profit_loss: Decimal | None = None
    hold_duration_seconds: Decimal | None = None
    exit_timestamp: datetime | None = None
    exit_reasoning: str | None = None
    slippage: Decimal | None = None
    commission: Decimal | None = None
    net_profit_loss: Decimal | None = None
    session_id: str | None = None
    bot_version: str | None = None
    config_hash: str | None = None
    extras: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_closed(self) -> bool:
        return self.outcome in CLOSED_OUTCOMES

    @property
    def realized_at(self) -> datetime:
        """When the trade counts: its exit if it has one, else its entry (DESIGN.md)."""
        return self.exit_timestamp or self.timestamp

    @property
    def net(self) -> Decimal | None:
        """Net P&L: ``net_profit_loss``, else ``profit_loss - commission``; None when neither."""
        if self.net_profit_loss is not None:
            return self.net_profit_loss
        if self.profit_loss is not None:
            return self.profit_loss - (self.commission or ZERO)
        return None

    @property
    def side(self) -> str:
        """``long`` for BUY, ``short`` for SELL: the side of the position the line describes."""
        return "long" if self.action == "BUY" else "short"

    @property
    def is_inconsistent(self) -> bool:
        """Outcome and P&L sign disagree; the outcome is still what counts (DESIGN.md)."""
        net = self.net
        if net is None:
            return False
        return (self.outcome == "win" and net < 0) or (self.outcome == "loss" and net > 0)


def _text(obj: Mapping[str, Any], name: str, *, required: bool) -> str | None:
    value = obj.get(name)
    if type(value) is str and len(value) <= MAX_TEXT_LENGTH and (not required or value.strip()):
        return value
    if value is None:
        if required:
            raise InvalidLineError(f"missing required field {name}" if name not in obj
                                   else f"{name} must not be null")
        return None
    if not isinstance(value, str):
        raise InvalidLineError(f"{name} must be a string, got {type(value).__name__}")
    if required and not value.strip():
        raise InvalidLineError(f"{name} must not be empty")
    if len(value) > MAX_TEXT_LENGTH:
        raise InvalidLineError(f"{name} is longer than {MAX_TEXT_LENGTH} characters")
    return value


def _choice(obj: Mapping[str, Any], name: str, allowed: frozenset[str]) -> str:
    value = _text(obj, name, required=True)
    if value not in allowed:
        raise InvalidLineError(f"{name} must be one of {'|'.join(sorted(allowed))}, got {value!r}")
    return value


def _money(obj: Mapping[str, Any], name: str) -> Decimal | None:
    value = obj.get(name)
    if value is None:
        return None
    if type(value) is str and len(value) <= MAX_DECIMAL_TEXT and DECIMAL_TEXT.match(value):
        return Decimal(value)
    return _decimal(value, name)


def _decimal(value: object, name: str) -> Decimal:
    """``parse_decimal`` after the length bound, so a long string is refused without echoing it."""
    if type(value) is str and len(value) > MAX_DECIMAL_TEXT:
        raise InvalidLineError(
            f"{name} is longer than {MAX_DECIMAL_TEXT} characters: {value[:20]!r}...")
    return parse_decimal(value, name)


def _positive(obj: Mapping[str, Any], name: str) -> Decimal:
    if obj.get(name) is None:
        raise InvalidLineError(f"missing required field {name}" if name not in obj
                               else f"{name} must not be null")
    value = _decimal(obj[name], name)
    if value <= 0:
        raise InvalidLineError(f"{name} must be positive, got {value}")
    return value


def _optional_positive(obj: Mapping[str, Any], name: str) -> Decimal | None:
    value = _money(obj, name)
    if value is not None and value <= 0:
        raise InvalidLineError(f"{name} must be positive, got {value}")
    return value


def _non_negative(obj: Mapping[str, Any], name: str) -> Decimal | None:
    value = _money(obj, name)
    if value is not None and value.is_signed():
        raise InvalidLineError(f"{name} must not be negative, got {value}")
    return value


def _indicators(obj: Mapping[str, Any]) -> tuple[str, ...]:
    value = obj.get("indicators_used")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidLineError("indicators_used must be a list of strings")
    return tuple(value)


def _json_type(value: object) -> str:
    """The JSON name of a decoded value's type, for messages operators read."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, Decimal)):
        return "number"
    return {list: "array", str: "string", type(None): "null"}.get(type(value), "value")


def trade_from_json(obj: object) -> TradeRecord:
    """Validate one decoded JSON value and build its TradeRecord, or raise InvalidLineError.

    A plainly valid line is built by :func:`_plain_trade` in one pass; anything it is not sure
    of goes through :func:`validated_trade`, the full checks, so every bad line gets the same
    message whichever path saw it first (a property test holds the two paths equal).
    """
    if type(obj) is dict:
        record = _plain_trade(obj)
        if record is not None:
            return record
    return validated_trade(obj)


#: Decimal strings already seen, with their value: commissions, slippages and R:R ratios recur
#: (a few hundred distinct values in 60,000 benchmark lines), and a dict lookup is a fraction of
#: a regex match plus a ``Decimal`` construction.  Prices and P&L are mostly distinct, so the
#: cache is small and simply emptied when full (a few hundred KB per process at most).
#: Decimals are immutable, so sharing one between records is safe.
_AMOUNTS: dict[str, Decimal] = {}
_AMOUNTS_LIMIT = 4096
#: Tickers already matched against SYMBOL_PATTERN.
_SYMBOLS: set[str] = set()
#: Per key order of a line, the keys beyond the 27 (its ``extras``): a bot writes every line
#: with the same keys, so this is computed once per log rather than once per line.
_EXTRA_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {}
_EXTRA_KEYS_LIMIT = 1024
_fromisoformat = datetime.fromisoformat


def plain_amount(value: object) -> Decimal | None:
    """The exact Decimal of a money value as :func:`_money` reads it, or None when
    :func:`_money` would have to look closer (which is when it may refuse it)."""
    if type(value) is str:
        amount = _AMOUNTS.get(value)
        if amount is None and len(value) <= MAX_DECIMAL_TEXT and DECIMAL_TEXT.match(value):
            if len(_AMOUNTS) >= _AMOUNTS_LIMIT:
                _AMOUNTS.clear()
            amount = _AMOUNTS[value] = Decimal(value)
        return amount
    if type(value) is Decimal:   # made by the reader's decoder from the line's own digits
        return value
    if type(value) is int:       # exactly int: a boolean is refused by the full checks
        return Decimal(value)
    return None


def _plain_instant(value: object) -> datetime | None:
    """:func:`parse_instant` for a value it accepts; None wherever it could raise."""
    if type(value) is not str or not INSTANT_SHAPE.match(value):
        return None
    try:
        parsed = _fromisoformat(value)
        instant = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    return instant if instant.year in SUPPORTED_YEARS else None


def plain_text(value: object) -> bool:
    """An optional text field :func:`_text` accepts as it is."""
    return value is None or (type(value) is str and len(value) <= MAX_TEXT_LENGTH)


def _plain_required(value: object) -> bool:
    return type(value) is str and len(value) <= MAX_TEXT_LENGTH and bool(value.strip())


#: What :func:`plain_head` reads: timestamp, symbol, action, execution mode, outcome, order id,
#: strategy, quantity, price and the exit instant (None when the line has none).
PlainHead = tuple[datetime, str, str, str, str, str, str, Decimal, Decimal, datetime | None]


def plain_head(obj: dict[str, Any]) -> PlainHead | None:
    """The fields every trade line must have, when each is in the shape the full checks take as
    it is (and an exit instant, if any, no earlier than the entry on a line not ``open``), else
    None.

    One definition for both fast paths, :func:`_plain_trade` and the per-trade rows
    (:func:`trading_bot.performance.ingest.trade_rows.plain_logged_row`), so the two can never
    disagree on what a plain line is.  A plain tuple, not a dataclass: this runs once per line
    of a cold build.
    """
    get = obj.get
    timestamp = _plain_instant(get("timestamp"))
    symbol = get("symbol")
    action = get("action")
    mode = get("execution_mode")
    outcome = get("outcome")
    order_id: Any = get("order_id")
    strategy_name: Any = get("strategy_name")
    if (timestamp is None or type(symbol) is not str or type(action) is not str
            or type(mode) is not str or type(outcome) is not str
            or action not in ACTIONS or mode not in EXECUTION_MODES or outcome not in OUTCOMES
            or not _plain_required(order_id) or not _plain_required(strategy_name)):
        return None
    if symbol not in _SYMBOLS:
        if not SYMBOL_PATTERN.match(symbol):
            return None
        if len(_SYMBOLS) >= _AMOUNTS_LIMIT:
            _SYMBOLS.clear()
        _SYMBOLS.add(symbol)
    quantity = plain_amount(get("quantity"))
    price = plain_amount(get("price"))
    if quantity is None or price is None or quantity <= 0 or price <= 0:
        return None
    raw_exit = get("exit_timestamp")
    exit_timestamp = None
    if raw_exit is not None:
        exit_timestamp = _plain_instant(raw_exit)
        if exit_timestamp is None or outcome == "open" or exit_timestamp < timestamp:
            return None
    return (timestamp, symbol, action, mode, outcome, order_id, strategy_name, quantity, price,
            exit_timestamp)


def _plain_trade(obj: dict[str, Any]) -> TradeRecord | None:
    """The TradeRecord of a line every check accepts at a glance, else None.

    Only the common shapes are taken (text where text is due, decimal strings or decoder
    Decimals or integers for amounts); anything else, valid or not, returns None and is judged
    by :func:`validated_trade`.  Returning a record here must mean the full checks return an
    equal one: ``tests/performance_tracking/ingest/test_plain_path.py`` generates valid and
    invalid lines and compares both paths.
    """
    head = plain_head(obj)
    if head is None:
        return None
    (timestamp, symbol, action, mode, outcome, order_id, strategy_name, quantity, price,
     exit_timestamp) = head
    get = obj.get
    amounts: list[Decimal | None] = []
    for name in _AMOUNT_FIELDS:
        value = get(name)
        if value is None:
            amounts.append(None)
            continue
        amount = plain_amount(value)
        if amount is None:
            return None
        amounts.append(amount)
    profit_loss, net_profit_loss, commission, hold, total_value, rr, slippage, stop, target = (
        amounts)
    if ((outcome != "open" and profit_loss is None and net_profit_loss is None)
            or (commission is not None and commission.is_signed())
            or (hold is not None and hold.is_signed())
            or (total_value is not None and total_value.is_signed())
            or (rr is not None and rr.is_signed())
            or (stop is not None and stop <= 0) or (target is not None and target <= 0)):
        return None
    account_id = get("account_id")
    entry_type = get("entry_type")
    decision_reasoning = get("decision_reasoning")
    exit_reasoning = get("exit_reasoning")
    session_id = get("session_id")
    bot_version = get("bot_version")
    config_hash = get("config_hash")
    if not (plain_text(account_id) and plain_text(entry_type)
            and plain_text(decision_reasoning) and plain_text(exit_reasoning)
            and plain_text(session_id) and plain_text(bot_version) and plain_text(config_hash)):
        return None
    raw_indicators = get("indicators_used")
    if raw_indicators is None:
        indicators: tuple[str, ...] = ()
    elif type(raw_indicators) is list and all(type(item) is str for item in raw_indicators):
        indicators = tuple(raw_indicators)
    else:
        return None
    keys = tuple(obj)
    extra_keys = _EXTRA_KEYS.get(keys)
    if extra_keys is None:
        if len(_EXTRA_KEYS) >= _EXTRA_KEYS_LIMIT:
            _EXTRA_KEYS.clear()
        extra_keys = _EXTRA_KEYS[keys] = tuple(key for key in keys
                                               if key not in _TRADE_FIELD_SET)
    return TradeRecord(
        timestamp, symbol, action, quantity, price, order_id, mode, strategy_name, outcome,
        total_value, account_id, entry_type, stop, target, decision_reasoning, indicators, rr,
        profit_loss, hold, exit_timestamp, exit_reasoning, slippage, commission,
        net_profit_loss, session_id, bot_version, config_hash,
        {key: obj[key] for key in extra_keys})


#: The optional amounts :func:`_plain_trade` reads, in the order it unpacks them.
_AMOUNT_FIELDS: tuple[str, ...] = (
    "profit_loss", "net_profit_loss", "commission", "hold_duration_seconds", "total_value",
    "risk_reward_ratio", "slippage", "stop_loss", "target",
)


def validated_trade(obj: object) -> TradeRecord:
    """The full checks of a decoded line: its TradeRecord, or InvalidLineError naming the
    first problem found (checks follow the field order so the message is predictable)."""
    if not isinstance(obj, dict):
        raise InvalidLineError(f"line is a JSON {_json_type(obj)}, not an object")
    for name in REQUIRED_FIELDS:
        if name not in obj:
            raise InvalidLineError(f"missing required field {name}")
    timestamp = parse_instant(obj["timestamp"], "timestamp")
    symbol = _text(obj, "symbol", required=True)
    assert symbol is not None
    if not SYMBOL_PATTERN.match(symbol):
        raise InvalidLineError(
            "symbol must be a ticker or pair of letters, digits and . _ : / - (max 32), "
            f"got {symbol!r}"
        )
    action = _choice(obj, "action", ACTIONS)
    quantity = _positive(obj, "quantity")
    price = _positive(obj, "price")
    order_id = _text(obj, "order_id", required=True)
    execution_mode = _choice(obj, "execution_mode", EXECUTION_MODES)
    strategy_name = _text(obj, "strategy_name", required=True)
    outcome = _choice(obj, "outcome", OUTCOMES)
    raw_exit = obj.get("exit_timestamp")
    exit_timestamp = None if raw_exit is None else parse_instant(raw_exit, "exit_timestamp")
    if exit_timestamp is not None:
        if outcome == "open":
            raise InvalidLineError("an open trade must not have an exit_timestamp")
        if exit_timestamp < timestamp:
            raise InvalidLineError(
                f"exit_timestamp {raw_exit} is before timestamp {obj['timestamp']}"
            )
    profit_loss = _money(obj, "profit_loss")
    net_profit_loss = _money(obj, "net_profit_loss")
    commission = _non_negative(obj, "commission")
    if outcome != "open" and profit_loss is None and net_profit_loss is None:
        raise InvalidLineError("a closed trade needs net_profit_loss or profit_loss")
    hold = _non_negative(obj, "hold_duration_seconds")
    extras = {key: value for key, value in obj.items() if key not in _TRADE_FIELD_SET}
    assert order_id is not None and strategy_name is not None
    return TradeRecord(
        timestamp=timestamp,
        symbol=symbol,
        action=action,
        quantity=quantity,
        price=price,
        order_id=order_id,
        execution_mode=execution_mode,
        strategy_name=strategy_name,
        outcome=outcome,
        total_value=_non_negative(obj, "total_value"),
        account_id=_text(obj, "account_id", required=False),
        entry_type=_text(obj, "entry_type", required=False),
        stop_loss=_optional_positive(obj, "stop_loss"),
        target=_optional_positive(obj, "target"),
        decision_reasoning=_text(obj, "decision_reasoning", required=False),
        indicators_used=_indicators(obj),
        risk_reward_ratio=_non_negative(obj, "risk_reward_ratio"),
        profit_loss=profit_loss,
        hold_duration_seconds=hold,
        exit_timestamp=exit_timestamp,
        exit_reasoning=_text(obj, "exit_reasoning", required=False),
        slippage=_money(obj, "slippage"),
        commission=commission,
        net_profit_loss=net_profit_loss,
        session_id=_text(obj, "session_id", required=False),
        bot_version=_text(obj, "bot_version", required=False),
        config_hash=_text(obj, "config_hash", required=False),
        extras=extras,
    )
