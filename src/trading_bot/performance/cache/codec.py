"""How trades and day aggregates are spelled in the cache, and read back exactly.

Pure functions between our values and SQLite-friendly primitives (text, integers, bytes).
Decimals are stored as their own text (``str(Decimal)`` round-trips value *and* exponent),
instants as integer microseconds since the epoch in UTC (their order is realization order), and
aggregates as JSON with decimal strings.  Nothing is pickled: a damaged or planted cache can give
a decode error, which the store turns into "discard and rebuild", but never runs code.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from typing import Any

from trading_bot.performance.core.aggregate import (
    EMPTY_AGGREGATE,
    Aggregate,
    ClosedTrade,
    CoreStats,
    Drawdown,
    Extreme,
    Moments,
    OrderKey,
    Streaks,
    trade_groups,
)
from trading_bot.performance.core.decimals import ZERO
from trading_bot.performance.core.pairing import (
    Fill,
    KeyState,
    Lot,
    PairKey,
    Position,
    RoundTrip,
    classify,
)
from trading_bot.performance.core.records import GROUPABLE_FIELDS, group_fields
from trading_bot.performance.core.summary import OpenPosition
from trading_bot.performance.ingest.closed_trades import round_trip_trade
from trading_bot.performance.ingest.reader import LoggedTrade

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)

#: Columns of a stored valid line, in the order :func:`line_row` produces them.
LINE_COLUMNS: tuple[str, ...] = (
    "file", "line", "order_id", "digest", "closed", "event_us", "entry_us", "misplaced",
    "inconsistent", "flagged", "symbol", "action", "quantity", "price", "strategy_name",
    "execution_mode",
    "outcome", "net", "commission", "hold_seconds", "planned_rr", "r_multiple", "entry_type",
    "exit_reasoning", "indicators", "extras",
    # What an open line needs as a fill to pair (NULL on closed lines): see FILL_COLUMNS.
    "pair_key", "account_id", "stop_loss", "target", "stated_rr", "fill_reason",
)
#: What rebuilding a ClosedTrade needs, in the order :func:`closed_trade_from_row` expects.
TRADE_COLUMNS: tuple[str, ...] = (
    "file", "line", "order_id", "event_us", "symbol", "outcome", "net", "commission",
    "hold_seconds", "planned_rr", "r_multiple", "strategy_name", "entry_type", "action",
    "execution_mode", "exit_reasoning", "indicators", "extras",
)
#: What pairing needs of an execution line, in the order :func:`fill_from_row` expects.
FILL_COLUMNS: tuple[str, ...] = (
    "event_us", "file", "line", "pair_key", "order_id", "action", "quantity", "price",
    "commission", "strategy_name", "entry_type", "stop_loss", "target", "stated_rr",
    "fill_reason", "indicators", "extras",
)
#: A stored round trip: the columns of TRADE_COLUMNS with ``entry_value`` in place of the
#: outcome (which depends on the breakeven band), in the order
#: :func:`closed_trade_from_trip_row` expects; then what only the store uses.
TRIP_COLUMNS: tuple[str, ...] = (
    "file", "line", "order_id", "event_us", "symbol", "entry_value", "net", "commission",
    "hold_seconds", "planned_rr", "r_multiple", "strategy_name", "entry_type", "action",
    "execution_mode", "exit_reasoning", "indicators", "extras",
)
TRIP_STORED_COLUMNS: tuple[str, ...] = (*TRIP_COLUMNS, "pair_key", "entry_us", "fills")
#: What an open position needs, in the order :func:`open_position_from_row` expects.
POSITION_COLUMNS: tuple[str, ...] = (
    "file", "line", "order_id", "symbol", "action", "quantity", "price", "strategy_name",
    "execution_mode", "entry_us", "account_id", "extras",
)


def to_micros(instant: datetime) -> int:
    return (instant - EPOCH) // _MICROSECOND


def from_micros(micros: int) -> datetime:
    return EPOCH + timedelta(microseconds=micros)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def line_row(logged: LoggedTrade, trade: ClosedTrade | None) -> tuple[Any, ...]:
    """One valid line as a row of :data:`LINE_COLUMNS` (a closed line: the first
    :data:`CLOSED_LINE_COLUMNS` of them); ``trade`` is its ClosedTrade if closed.

    The derived values (net, hold, planned R:R, R multiple) are taken from the ClosedTrade so
    the cache stores exactly what the from-scratch path computes, not a second derivation.
    """
    record = logged.record
    misplaced = logged.is_misplaced
    inconsistent = trade is not None and record.is_inconsistent
    # what --group-by reads: the extra fields and the named ones it may group by
    plain = record.extras
    if all(value is None or type(value) is str for value in plain.values()):
        extras = _encode_text_fields(tuple(plain.items()), _groupable(record))
    else:
        grouped = group_fields(record)
        extras = _encode_extras(grouped) if grouped else None
    indicators = _encode_indicators(record.indicators_used) if record.indicators_used else None
    return (
        logged.file_name, logged.line, record.order_id, logged.digest,
        1 if trade is not None else 0,
        to_micros(record.realized_at), to_micros(record.timestamp),
        int(misplaced), int(inconsistent), int(misplaced or inconsistent),
        record.symbol, record.action, str(record.quantity), str(record.price),
        record.strategy_name, record.execution_mode, record.outcome,
        _text(trade.net) if trade else _text(record.net),
        _text(trade.commission) if trade else _text(record.commission),
        _text(trade.hold_seconds) if trade else None,
        _text(trade.planned_rr) if trade else None,
        _text(trade.r_multiple) if trade else None,
        record.entry_type, record.exit_reasoning, indicators, extras,
        # A closed line's row stops here (its fill columns stay NULL): binding six NULLs per
        # row made inserting a cold rebuild's lines half as slow again.
        *(() if trade is not None else (
            encode_pair_key(record.execution_mode, record.account_id, record.symbol),
            record.account_id, _text(record.stop_loss), _text(record.target),
            _text(record.risk_reward_ratio), record.exit_reasoning or record.decision_reasoning)),
    )


#: How many leading LINE_COLUMNS a closed line's row has (the rest are a fill's).
CLOSED_LINE_COLUMNS = LINE_COLUMNS.index("pair_key")


@lru_cache(maxsize=4096)
def encode_pair_key(execution_mode: str, account_id: str | None, symbol: str) -> str:
    """A pairing key as stored: compact JSON, so a null account stays distinct from ``""``."""
    return json.dumps([execution_mode, account_id, symbol], separators=(",", ":"))


def decode_pair_key(text: str) -> PairKey:
    mode, account, symbol = json.loads(text)
    return (str(mode), None if account is None else str(account), str(symbol))


@lru_cache(maxsize=4096)
def _encode_indicators(names: tuple[str, ...]) -> str:
    """Encoded once per distinct list, as :func:`_indicators` decodes it (cold rebuilds)."""
    return json.dumps(list(names))


def _encode_extras(extras: Any) -> str:
    """Extras whose values are all text or null (the usual ``confidence: "low"``) are encoded
    once per distinct set.  Only those: ``True == 1 == Decimal("1.0")`` as cache keys, yet
    each is spelled differently."""
    if all(value is None or type(value) is str for value in extras.values()):
        return _encode_text_extras(tuple(sorted(extras.items())))
    return json.dumps(extras, default=str, sort_keys=True)


#: The line's GROUPABLE_FIELDS values, in that order, in one C call.
_groupable = attrgetter(*GROUPABLE_FIELDS)


@lru_cache(maxsize=4096)
def _encode_text_fields(items: tuple[tuple[str, str | None], ...],
                        groupable: tuple[str | None, ...]) -> str | None:
    """:func:`_encode_extras` of what :func:`group_fields` reads of a line whose extra fields
    are all text or null, once per distinct set: a cold rebuild no longer builds, checks and
    sorts the same few fields on every line.  ``groupable``: the line's GROUPABLE_FIELDS."""
    named = {name: value for name, value in zip(GROUPABLE_FIELDS, groupable, strict=True)
             if value is not None}
    grouped = {**dict(items), **named} if named else dict(items)
    return _encode_extras(grouped) if grouped else None


@lru_cache(maxsize=4096)
def _encode_text_extras(items: tuple[tuple[str, str | None], ...]) -> str:
    return json.dumps(dict(items), sort_keys=True)


@lru_cache(maxsize=4096)
def _indicators(text: str) -> tuple[str, ...]:
    """Decoded once per distinct list: a bot uses a handful of indicator combinations."""
    return tuple(str(name) for name in json.loads(text))


@lru_cache(maxsize=4096)
def _extras(text: str) -> dict[str, Any]:
    """Shared between trades with identical extras; only ever read (by trade_groups)."""
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError("stored extras are not an object")
    return value


def closed_trade_from_row(row: Sequence[Any], zone: tzinfo, group_by: Sequence[str]) -> ClosedTrade:
    """Rebuild the ClosedTrade of a stored closed line for one timezone and set of groupings."""
    (file_name, line, order_id, event_us, symbol, outcome, net, commission, hold, planned_rr,
     r_multiple, strategy_name, entry_type, action, execution_mode, exit_reasoning, indicators,
     extras) = row
    realized_at = from_micros(event_us)
    # One conversion and one decode each: a calendar summary rebuilds its 1,000-trade tail here.
    realized_local = realized_at.astimezone(zone)
    hold_seconds = None if hold is None else Decimal(hold)
    groups = trade_groups(strategy_name, symbol, entry_type, "long" if action == "BUY" else "short",
                          execution_mode, exit_reasoning,
                          _indicators(indicators) if indicators else (),
                          _extras(extras) if extras and group_by else {}, group_by,
                          realized_local=realized_local, hold_seconds=hold_seconds)
    return ClosedTrade(
        key=(realized_at, file_name, line),
        local_day=realized_local.date(),
        order_id=order_id,
        symbol=symbol,
        outcome=outcome,
        net=Decimal(net),
        commission=Decimal(commission),
        hold_seconds=hold_seconds,
        planned_rr=None if planned_rr is None else Decimal(planned_rr),
        r_multiple=None if r_multiple is None else Decimal(r_multiple),
        groups=groups,
    )


def check_trade_row(row: Sequence[Any]) -> None:
    """Raise as :func:`closed_trade_from_row` would on a damaged row, without building it.

    A deferred tail (:class:`.aggregate.DeferredTrades`) is checked with this inside the read,
    so a damaged cache still fails there, where it is discarded and rebuilt; the check costs
    about a seventh of the decoding it defers (1.4 ms against 10 ms for 1,000 rows).
    """
    (_, _, _, event_us, _, _, net, commission, hold, planned_rr, r_multiple, _, _, _, _, _,
     indicators, extras) = row
    from_micros(event_us)
    Decimal(net)
    Decimal(commission)
    for text in (hold, planned_rr, r_multiple):
        if text is not None:
            Decimal(text)
    if indicators:
        _indicators(indicators)
    if extras:
        _extras(extras)


def open_position_from_row(row: Sequence[Any], as_of: datetime) -> OpenPosition:
    (file_name, line, order_id, symbol, action, quantity, price, strategy, mode, entry_us,
     account_id, extras) = row
    entry_at = from_micros(entry_us)
    if account_id is None and extras:
        # A closed line (open at as_of) keeps its account among what --group-by reads.
        found = _extras(extras).get("account_id")
        account_id = found if isinstance(found, str) else None
    return OpenPosition(
        order_id=order_id,
        symbol=symbol,
        side="long" if action == "BUY" else "short",
        quantity=Decimal(quantity),
        price=Decimal(price),
        strategy_name=strategy,
        execution_mode=mode,
        entry_at=entry_at,
        age_seconds=int((as_of - entry_at).total_seconds()),
        source=f"{file_name}:{line}",
        account_id=account_id,
    )


# Aggregates ---------------------------------------------------------------------------------

_CORE_NAMES = tuple(CoreStats.__dataclass_fields__)
_CORE_IS_DECIMAL = tuple(isinstance(getattr(CoreStats(), name), Decimal) for name in _CORE_NAMES)


def _core_out(stats: CoreStats) -> list[Any]:
    return [str(getattr(stats, name)) if is_decimal else getattr(stats, name)
            for name, is_decimal in zip(_CORE_NAMES, _CORE_IS_DECIMAL, strict=True)]


#: How each stored core value is read back, and how many there are (looked up once, not per row).
_CORE_CONVERTERS: tuple[Callable[[Any], Any], ...] = tuple(
    Decimal if is_decimal else int for is_decimal in _CORE_IS_DECIMAL)
_CORE_LENGTH = len(_CORE_NAMES)


def _core_values_in(values: Sequence[Any]) -> list[Any]:
    """Stored core values converted, in CoreStats field order (``CoreStats(*result)``)."""
    if len(values) != _CORE_LENGTH:
        raise ValueError("stored counts have the wrong length")
    return [convert(value) for convert, value in zip(_CORE_CONVERTERS, values, strict=True)]


def key_out(key: OrderKey | None) -> list[Any] | None:
    return None if key is None else [to_micros(key[0]), key[1], key[2]]


def key_in(value: Sequence[Any] | None) -> OrderKey | None:
    if value is None:
        return None
    micros, file_name, line = value
    return (from_micros(int(micros)), str(file_name), int(line))


def _extreme_out(extreme: Extreme | None) -> list[Any] | None:
    if extreme is None:
        return None
    return [str(extreme.net), extreme.order_id, extreme.symbol, key_out(extreme.key)]


def _extreme_in(value: Sequence[Any] | None) -> Extreme | None:
    if value is None:
        return None
    net, order_id, symbol, key = value
    stored_key = key_in(key)
    if stored_key is None:
        raise ValueError("an extreme without its trade")
    return Extreme(Decimal(net), str(order_id), str(symbol), stored_key)


#: Stored in place of a day or breakdown row whose counts equal the aggregate's own: a day
#: with one trade (or one strategy, one symbol...) repeats its counts in every breakdown, and
#: spelling them out made a one-trade day 2.5 KB instead of about 0.7 KB.
SAME_AS_CORE = 0


def aggregate_to_json(aggregate: Aggregate) -> str:
    """A tail-less aggregate as compact JSON (the tail is rebuilt from stored lines on demand)."""
    streaks = aggregate.streaks
    drawdown = aggregate.drawdown
    root = _core_out(aggregate.core)
    # The fold shares one CoreStats between the rows that hold the same trades (every row of a
    # one-trade day is one object): each object is spelled out and compared once.
    spelled: dict[int, list[Any] | int] = {id(aggregate.core): SAME_AS_CORE}

    def row(stats: CoreStats) -> list[Any] | int:
        found = spelled.get(id(stats))
        if found is None:
            values = _core_out(stats)
            # text equality: exact, exponent too
            found = spelled[id(stats)] = SAME_AS_CORE if values == root else values
        return found

    document = {
        "core": root,
        "win": _extreme_out(aggregate.largest_win),
        "loss": _extreme_out(aggregate.largest_loss),
        "streaks": [streaks.count, streaks.first_kind, streaks.first_length, streaks.last_kind,
                    streaks.last_length, streaks.longest_win, streaks.longest_loss],
        "drawdown": [str(drawdown.total), str(drawdown.peak), key_out(drawdown.peak_key),
                     _text(drawdown.low), key_out(drawdown.low_key), str(drawdown.max_drawdown),
                     key_out(drawdown.max_peak_key), key_out(drawdown.max_trough_key),
                     str(drawdown.max_peak)],
        "moments": [str(aggregate.moments.squares), aggregate.moments.positive,
                    str(aggregate.moments.positive_sum), aggregate.moments.negative,
                    str(aggregate.moments.negative_sum), str(aggregate.moments.negative_squares)],
        "days": [[day.isoformat(), row(stats)] for day, stats in aggregate.day_stats.items()],
        "breakdowns": {dimension: [[value, row(stats)] for value, stats in rows.items()]
                       for dimension, rows in aggregate.breakdown_stats.items()},
    }
    return json.dumps(document, separators=(",", ":"))


def aggregate_from_json(text: str) -> Aggregate:
    """Inverse of :func:`aggregate_to_json`; any malformed input raises ValueError/TypeError."""
    aggregate, days, breakdowns = aggregate_parts_from_json(text)
    if aggregate.core.closed == 0:
        return EMPTY_AGGREGATE
    return replace(aggregate, days={day: CoreStats(*values) for day, values in days},
                   breakdowns={dimension: {value: CoreStats(*values) for value, values in rows}
                               for dimension, rows in breakdowns})


def aggregate_parts_from_json(text: str) -> tuple[
        Aggregate, list[tuple[date, list[Any]]], list[tuple[str, list[tuple[str, list[Any]]]]]]:
    """:func:`aggregate_from_json` with its maps left as value rows, for
    :func:`.aggregate.merge_all_values` (which builds each merged row once)."""
    document = json.loads(text)
    root = _core_values_in(document["core"])
    core = CoreStats(*root)
    if core.closed == 0:
        return EMPTY_AGGREGATE, [], []
    count, first_kind, first_length, last_kind, last_length, longest_win, longest_loss = (
        document["streaks"])
    (total, peak, peak_key, low, low_key, max_drawdown, max_peak, max_trough,
     max_peak_value) = document["drawdown"]
    squares, positive, positive_sum, negative, negative_sum, negative_squares = (
        document["moments"])
    aggregate = Aggregate(
        core=core,
        largest_win=_extreme_in(document["win"]),
        largest_loss=_extreme_in(document["loss"]),
        streaks=Streaks(int(count), first_kind, int(first_length), last_kind, int(last_length),
                        int(longest_win), int(longest_loss)),
        drawdown=Drawdown(Decimal(total), Decimal(peak), key_in(peak_key), _decimal(low),
                          key_in(low_key), Decimal(max_drawdown), key_in(max_peak),
                          key_in(max_trough), Decimal(max_peak_value)),
        moments=Moments(Decimal(squares), int(positive), Decimal(positive_sum), int(negative),
                        Decimal(negative_sum), Decimal(negative_squares)),
    )

    def values_in(stats: int | Sequence[str | int]) -> list[int | Decimal]:
        """A day's or a row's stored values (:data:`SAME_AS_CORE`: the window's own)."""
        if isinstance(stats, int):
            if type(stats) is int and stats == SAME_AS_CORE:   # not a bool
                return list(root)
            raise TypeError(f"stored counts are not a list: {stats!r}")
        return _core_values_in(stats)

    days = [(date.fromisoformat(day), values_in(stats)) for day, stats in document["days"]]
    breakdowns = [(dimension, [(str(value), values_in(stats)) for value, stats in rows])
                  for dimension, rows in document["breakdowns"].items()]
    return aggregate, days, breakdowns


# Fills, pairing states and round trips --------------------------------------------------------

def fill_from_row(row: Sequence[Any], key: PairKey) -> Fill:
    """The fill of a stored execution line (a row of :data:`FILL_COLUMNS`)."""
    (event_us, file_name, line, _, order_id, action, quantity, price, commission, strategy,
     entry_type, stop_loss, target, stated_rr, reason, indicators, extras) = row
    return Fill(
        order=(from_micros(event_us), file_name, line), key=key, order_id=order_id,
        action=action, quantity=Decimal(quantity), price=Decimal(price),
        commission=Decimal(commission) if commission is not None else ZERO,
        strategy_name=strategy, entry_type=entry_type, stop_loss=_decimal(stop_loss),
        target=_decimal(target), risk_reward_ratio=_decimal(stated_rr), reason=reason,
        indicators=_indicators(indicators) if indicators else (),
        extras=_extras(extras) if extras else {},
    )


def _fill_out(fill: Fill) -> list[Any]:
    return [to_micros(fill.at), fill.order[1], fill.order[2], fill.order_id, fill.action,
            str(fill.quantity), str(fill.price), str(fill.commission), fill.strategy_name,
            fill.entry_type, _text(fill.stop_loss), _text(fill.target),
            _text(fill.risk_reward_ratio), fill.reason,
            _encode_indicators(fill.indicators) if fill.indicators else None,
            _encode_extras(fill.extras) if fill.extras else None]


def _fill_in(values: Sequence[Any], key: PairKey) -> Fill:
    (micros, file_name, line, order_id, action, quantity, price, commission, strategy, entry_type,
     stop_loss, target, stated_rr, reason, indicators, extras) = values
    return Fill(
        order=(from_micros(int(micros)), str(file_name), int(line)), key=key,
        order_id=str(order_id), action=str(action), quantity=Decimal(quantity),
        price=Decimal(price), commission=Decimal(commission), strategy_name=str(strategy),
        entry_type=entry_type, stop_loss=_decimal(stop_loss), target=_decimal(target),
        risk_reward_ratio=_decimal(stated_rr), reason=reason,
        indicators=_indicators(indicators) if indicators else (),
        extras=_extras(extras) if extras else {},
    )


def state_to_json(state: KeyState) -> str:
    """A key's pairing state as compact JSON: null when flat, else the position in progress.

    Two equal states always give the same text (the cache compares them as text to see that
    a re-pair has converged).
    """
    position = state.position
    if position is None:
        return "null"
    return json.dumps([
        position.side, _fill_out(position.opening), str(position.opened_quantity),
        str(position.opened_commission),
        [[str(lot.quantity), str(lot.price)] for lot in position.lots],
        str(position.entry_quantity), str(position.entry_value), str(position.exit_quantity),
        str(position.exit_value), str(position.gross), str(position.commission), position.fills,
        position.flipped,
    ], separators=(",", ":"))


def state_from_json(text: str, key: PairKey, last: OrderKey | None) -> KeyState:
    """Inverse of :func:`state_to_json`; any malformed input raises ValueError/TypeError."""
    document = json.loads(text)
    if document is None:
        return KeyState(key, None, last)
    (side, opening, opened_quantity, opened_commission, lots, entry_quantity, entry_value,
     exit_quantity, exit_value, gross, commission, fills, flipped) = document
    if side not in (1, -1) or not lots:
        raise ValueError("a stored position without a side or lots")
    return KeyState(key, Position(
        side=int(side), opening=_fill_in(opening, key), opened_quantity=Decimal(opened_quantity),
        opened_commission=Decimal(opened_commission),
        lots=tuple(Lot(Decimal(quantity), Decimal(price)) for quantity, price in lots),
        entry_quantity=Decimal(entry_quantity), entry_value=Decimal(entry_value),
        exit_quantity=Decimal(exit_quantity), exit_value=Decimal(exit_value),
        gross=Decimal(gross), commission=Decimal(commission), fills=int(fills),
        flipped=bool(flipped)), last)


def trip_row(trip: RoundTrip, pair_key_text: str) -> tuple[Any, ...]:
    """A round trip as a row of :data:`TRIP_STORED_COLUMNS`.

    Derived values come from :func:`.closed_trades.round_trip_trade`, so the cache stores what
    the uncached path computes; the outcome is left to the reader (it depends on the band).
    """
    trade = round_trip_trade(trip, UTC)
    opening = trip.opening
    return (
        trip.closing.order[1], trip.closing.order[2], trade.order_id, to_micros(trip.exit_at),
        trade.symbol, str(trip.entry_value), str(trade.net), str(trade.commission),
        _text(trade.hold_seconds), _text(trade.planned_rr), _text(trade.r_multiple),
        opening.strategy_name, opening.entry_type, "BUY" if trip.side == "long" else "SELL",
        trip.key[0], trip.closing.reason,
        _encode_indicators(opening.indicators) if opening.indicators else None,
        _encode_extras(opening.extras) if opening.extras else None,
        pair_key_text, to_micros(trip.entry_at), trip.fills,
    )


def closed_trade_from_trip_row(row: Sequence[Any], zone: tzinfo, group_by: Sequence[str],
                               band: Decimal) -> ClosedTrade:
    """Rebuild the ClosedTrade of a stored round trip; its outcome from net, entry value, band."""
    entry_value, net = Decimal(row[5]), Decimal(row[6])
    return closed_trade_from_row(
        (*row[:5], classify(net, entry_value, band), *row[6:]), zone, group_by)
