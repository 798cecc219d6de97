"""Recording trades by hand: build the exact line the bot would have written, then append it.

Two layers with different jobs:

* Pure helpers (:func:`entry_line`, :func:`exit_line`, :func:`side_pnl`, :func:`classify_outcome`,
  :func:`new_order_id`, :func:`record_line`) turn an operator's entry or exit into the 27-field
  TradeRecord dict.  No files, no clock: the instants and the random suffix are passed in, so the
  arithmetic is tested on its own.
* :class:`TradeLogWriter` is the only part that touches the disk.  It validates every line with
  the reader's own code (the exact bytes it is about to write go through ``decode_line`` and
  ``trade_from_json``), then appends it to the day file of the line's own UTC event date (entry
  time for an open line, exit time for a closed one: DESIGN.md's file-date invariant) with one
  ``O_APPEND`` write of the whole line and an ``fsync``.  With ``O_APPEND`` the kernel moves to
  the end and writes in one step, and a local filesystem does not interleave two writes to one
  file, so several writers (this tool, the bot, another operator) can append at once and every
  line stays whole; existing bytes are never touched.

A closed line carries the same ``order_id`` as its open entry and therefore supersedes it in the
tracker: the trade counts once, as closed, on its exit day.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import Context, Decimal, Inexact, InvalidOperation, Overflow, Rounded, localcontext
from pathlib import Path
from typing import Any

from trading_bot.performance.core.decimals import ZERO, canonical
from trading_bot.performance.core.records import TRADE_FIELDS, TradeRecord, trade_from_json
from trading_bot.performance.core.timestamps import format_instant
from trading_bot.performance.errors import InvalidLineError, PerformanceError
from trading_bot.performance.ingest.logfiles import MAX_LINE_BYTES, list_day_files
from trading_bot.performance.ingest.reader import LoggedTrade, build_ledger, decode_line, scan_file
from trading_bot.performance.storage.durability import append_line, ensure_directory

SIDES: dict[str, str] = {"long": "BUY", "short": "SELL"}
DEFAULT_BREAKEVEN_BAND = Decimal("0.005")
MANUAL = "manual"
DEFAULT_ENTRY_REASON = "manual entry"
DEFAULT_EXIT_REASON = "manual exit"
ORDER_ID_PREFIX = "MAN-"
#: 6 random bytes (48 bits) per id: writers in the same second practically never collide.
ORDER_ID_RANDOM_BYTES = 6

#: Money arithmetic must be exact: a result that would need rounding is refused, not rounded.
_EXACT = Context(prec=60, traps=[Inexact, Rounded, InvalidOperation, Overflow])


# --------------------------------------------------------------------------------------------
# Pure helpers: values in, line dict out.
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EntryRequest:
    """An operator's entry; ``order_id`` None means "generate one" (see :func:`new_order_id`)."""

    symbol: str
    side: str
    quantity: Decimal
    price: Decimal
    at: datetime
    order_id: str | None = None
    stop_loss: Decimal | None = None
    target: Decimal | None = None
    strategy_name: str = MANUAL
    entry_type: str = MANUAL
    indicators: tuple[str, ...] = ()
    reason: str = DEFAULT_ENTRY_REASON
    execution_mode: str = "PAPER"
    account_id: str = MANUAL
    session_id: str | None = None


@dataclass(frozen=True, slots=True)
class ExitRequest:
    """An operator's exit of an open order.

    ``commission`` is the whole round trip's commission (the line has one commission field).
    ``breakeven_band`` is a fraction of the position value at entry (price x quantity) within
    which a net P&L counts as breakeven rather than a win or a loss.
    """

    order_id: str
    price: Decimal
    at: datetime
    commission: Decimal = ZERO
    reason: str = DEFAULT_EXIT_REASON
    breakeven_band: Decimal = DEFAULT_BREAKEVEN_BAND


def _exact(operation: str, compute: Callable[[], Decimal]) -> Decimal:
    """Run ``compute()`` in an exact context; refuse amounts that would have to be rounded."""
    try:
        with localcontext(_EXACT):
            return compute()
    except (Inexact, Rounded, InvalidOperation, Overflow):
        raise PerformanceError(
            f"{operation} cannot be computed exactly (more than {_EXACT.prec} digits)") from None


def _require_positive(value: Decimal, name: str) -> None:
    if not value.is_finite() or value <= 0:
        raise PerformanceError(f"{name} must be positive, got {value}")


def _require_non_negative(value: Decimal, name: str) -> None:
    if not value.is_finite() or value < 0:
        raise PerformanceError(f"{name} must not be negative, got {value}")


def new_order_id(at: datetime, token: str) -> str:
    """``MAN-20260302T140000Z-<token>``: readable entry time plus a random part for uniqueness.

    The timestamp alone would collide when two writers record in the same second; the token
    (from :func:`secrets.token_hex` in the writer) makes that practically impossible.
    """
    return f"{ORDER_ID_PREFIX}{at.astimezone(UTC):%Y%m%dT%H%M%SZ}-{token}"


def side_pnl(action: str, entry_price: Decimal, exit_price: Decimal, quantity: Decimal) -> Decimal:
    """Gross P&L on closing: a long (BUY) gains as the price rises, a short (SELL) as it falls."""
    if action == "BUY":
        return _exact("profit_loss", lambda: (exit_price - entry_price) * quantity)
    return _exact("profit_loss", lambda: (entry_price - exit_price) * quantity)


def classify_outcome(net: Decimal, entry_price: Decimal, quantity: Decimal,
                     band: Decimal = DEFAULT_BREAKEVEN_BAND) -> str:
    """``breakeven`` when ``|net| <= band x entry price x quantity`` (boundary included), else sign.

    The band is relative to the position value so that a few cents on a 10 000 position count as
    breakeven while the same cents on a 20 position do not.
    """
    _require_non_negative(band, "breakeven band")
    limit = _exact("breakeven band", lambda: band * entry_price * quantity)
    if abs(net) <= limit:
        return "breakeven"
    return "win" if net > 0 else "loss"


def _json_value(value: Any) -> Any:
    """A TradeRecord value as the JSON the reader accepts: Decimal text, UTC instants, lists."""
    if isinstance(value, Decimal):
        return canonical(value)
    if isinstance(value, datetime):
        return format_instant(value)
    if isinstance(value, (tuple, list)):
        return [_json_value(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _json_value(item) for key, item in value.items()}
    return value


def record_line(record: TradeRecord) -> dict[str, Any]:
    """The line dict of a validated record: the 27 fields in the bot's order, then its extras.

    Used to carry an entry's fields over to its closing line.  Money keeps its digits (Decimal
    text, trailing zeros included); numbers in extra keys become decimal strings, since a line is
    never allowed to go through float.
    """
    line = {name: _json_value(getattr(record, name)) for name in TRADE_FIELDS}
    for key, value in record.extras.items():
        line.setdefault(key, _json_value(value))
    return line


def entry_line(request: EntryRequest, order_id: str) -> dict[str, Any]:
    """The open line of a manual entry, all 27 fields (unknown ones null, never invented)."""
    if request.side not in SIDES:
        raise PerformanceError(f"side must be one of {'|'.join(SIDES)}, got {request.side!r}")
    _require_positive(request.quantity, "quantity")
    _require_positive(request.price, "price")
    for value, name in ((request.stop_loss, "stop_loss"), (request.target, "target")):
        if value is not None:
            _require_positive(value, name)
    at = request.at.astimezone(UTC)
    return {
        "timestamp": format_instant(at),
        "symbol": request.symbol,
        "action": SIDES[request.side],
        "quantity": canonical(request.quantity),
        "price": canonical(request.price),
        "total_value": canonical(_exact("total_value", lambda: request.price * request.quantity)),
        "order_id": order_id,
        "execution_mode": request.execution_mode,
        "account_id": request.account_id,
        "strategy_name": request.strategy_name,
        "entry_type": request.entry_type,
        "stop_loss": None if request.stop_loss is None else canonical(request.stop_loss),
        "target": None if request.target is None else canonical(request.target),
        "decision_reasoning": request.reason,
        "indicators_used": list(request.indicators),
        # Left to the tracker, which derives planned R:R from price, stop and target itself.
        "risk_reward_ratio": None,
        "outcome": "open",
        "profit_loss": None,
        "hold_duration_seconds": None,
        "exit_timestamp": None,
        "exit_reasoning": None,
        "slippage": None,
        "commission": None,
        "net_profit_loss": None,
        "session_id": request.session_id or f"{MANUAL}-{at:%Y%m%d}",
        "bot_version": MANUAL,
        "config_hash": MANUAL,
    }


def exit_line(entry: TradeRecord, request: ExitRequest) -> dict[str, Any]:
    """The closed line for ``entry``: its fields kept, exit fields computed.

    ``timestamp`` stays the entry instant and ``order_id`` the entry's, so the line supersedes the
    open one.  Refuses an entry that is already closed and an exit before the entry.
    """
    if entry.is_closed:
        raise PerformanceError(
            f"order {entry.order_id} is already closed ({entry.outcome} at "
            f"{format_instant(entry.realized_at)}); nothing written")
    _require_positive(request.price, "exit price")
    _require_non_negative(request.commission, "commission")
    exit_at = request.at.astimezone(UTC)
    if exit_at < entry.timestamp:
        raise PerformanceError(
            f"exit at {format_instant(exit_at)} is before the entry of order {entry.order_id} at "
            f"{format_instant(entry.timestamp)}; nothing written")
    gross = side_pnl(entry.action, entry.price, request.price, entry.quantity)
    net = _exact("net_profit_loss", lambda: gross - request.commission)
    line = record_line(entry)
    line.update({
        "outcome": classify_outcome(net, entry.price, entry.quantity, request.breakeven_band),
        "profit_loss": canonical(gross),
        "hold_duration_seconds": (exit_at - entry.timestamp) // timedelta(seconds=1),
        "exit_timestamp": format_instant(exit_at),
        "exit_reasoning": request.reason,
        "commission": canonical(request.commission),
        "net_profit_loss": canonical(net),
    })
    return line


# --------------------------------------------------------------------------------------------
# I/O: finding orders in the day files and appending lines.
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Appended:
    """What one append wrote: the file, the validated record and the exact line (no newline)."""

    path: Path
    record: TradeRecord
    text: str


@dataclass(frozen=True, slots=True)
class EncodedLine:
    """A line's exact UTF-8 bytes (no newline) and the record the reader makes of them."""

    record: TradeRecord
    data: bytes = field(repr=False)


def encode_line(line: Mapping[str, Any]) -> EncodedLine:
    """Serialise and validate with the reader's own decoder and checks: what we write, it reads.

    Validating the bytes rather than the dict means nothing can change between the check and the
    write (a Decimal that would serialise differently, a non-string key, a stray float).
    """
    try:
        data = json.dumps(line, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (TypeError, ValueError) as exc:  # UnicodeEncodeError is a ValueError
        raise InvalidLineError(f"line cannot be written as UTF-8 JSON: {exc}") from None
    if len(data) >= MAX_LINE_BYTES:
        raise InvalidLineError(f"line is longer than {MAX_LINE_BYTES} bytes")
    return EncodedLine(trade_from_json(decode_line(data)), data)


def find_order(logs_dir: Path, order_id: str) -> LoggedTrade | None:
    """The effective (latest) line of ``order_id`` across every day file, or None.

    Uses the tracker's supersession rules (``build_ledger``), so "latest" means here exactly what
    it means in a summary, including "an open line after its own close is ignored".  Files are
    scanned one at a time and only the order's lines are kept, so memory stays flat over years of
    logs.  A missing logs directory simply holds no orders.
    """
    if not logs_dir.is_dir():
        return None
    scans = []
    for day_file in list_day_files(logs_dir).files.values():
        scan = scan_file(day_file)
        matching = tuple(t for t in scan.trades if t.record.order_id == order_id)
        if matching:
            scans.append(replace(scan, trades=matching, bad_lines=()))
    ledger = build_ledger(scans)
    found = (*ledger.closed, *ledger.open)
    return found[0] if found else None


class TradeLogWriter:
    """Appends validated TradeRecord lines to ``logs_dir/YYYY-MM-DD.jsonl``.

    Safe with concurrent writers: each line is one ``write`` on an ``O_APPEND`` descriptor, then
    ``fsync``-ed before :meth:`append` returns.  If the file ends in a torn line (a writer crashed
    mid-line) that stays unfinished, a newline is written first in the same call, so the torn
    bytes become one reported bad line instead of swallowing this one.  Check-then-write steps
    (an explicit order id that must be new, an order that must still be open) are not locked
    against a second operator doing the same at the same instant; the later line then
    supersedes the earlier, as in any log.
    """

    def __init__(self, logs_dir: Path | str, *,
                 token: Callable[[], str] | None = None) -> None:
        self.logs_dir = Path(logs_dir)
        self._token = token or (lambda: secrets.token_hex(ORDER_ID_RANDOM_BYTES))

    def append(self, line: Mapping[str, Any]) -> Appended:
        """Validate ``line`` and append it to the file of its own UTC event date.

        Validation comes first: an invalid line raises before the directory or file is created.
        """
        encoded = encode_line(line)
        path = self.logs_dir / f"{encoded.record.realized_at.date().isoformat()}.jsonl"
        # OutputError (PATH: reason, nothing half-appended) on any OS error
        ensure_directory(self.logs_dir)
        append_line(path, encoded.data + b"\n")
        return Appended(path, encoded.record, encoded.data.decode("utf-8"))

    def record_entry(self, request: EntryRequest) -> Appended:
        """Append the open line of a new order; an explicit ``order_id`` must not exist yet."""
        if request.order_id is not None:
            if not request.order_id.strip():
                raise PerformanceError("order id must not be empty")
            existing = find_order(self.logs_dir, request.order_id)
            if existing is not None:
                raise PerformanceError(
                    f"order id {request.order_id} already exists ({existing.where}); choose "
                    "another or leave --order-id out to generate one; nothing written")
            order_id = request.order_id
        else:
            order_id = new_order_id(request.at, self._token())
        return self.append(entry_line(request, order_id))

    def record_exit(self, request: ExitRequest) -> Appended:
        """Append the closed line of an open order found in any day file."""
        found = find_order(self.logs_dir, request.order_id)
        if found is None:
            raise PerformanceError(
                f"unknown order id {request.order_id}: no line with it in any "
                f"YYYY-MM-DD.jsonl file of {self.logs_dir}; nothing written")
        return self.append(exit_line(found.record, request))
