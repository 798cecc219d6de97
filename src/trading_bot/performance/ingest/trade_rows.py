"""From a window's effective closed trades to their per-trade rows, reading what they lack.

A :class:`.core.aggregate.ClosedTrade` is what aggregation needs: its key (instant, file, line),
money, outcome and breakdown groups.  A per-trade row wants more: quantity, prices, entry
instant, account, gross P&L, the exit reason as logged.  Those are in the trade's source line,
so :class:`TradeRowSource` reads them there, by the trade's file and line:

* a trade logged closed is its own line;
* a round trip paired from executions is keyed by its closing fill's line; its opening fill
  and average prices come from pairing every execution of the logs, done once, on the first
  round trip asked for (as the uncached summary does).

Files are read whole, as bytes split into lines, and kept while their trades are asked for
(the last few files, so a window read in realization order, which is nearly file order, reads
each file once): the rows of a year cost the memory of a few day files, not of the year.  Only
the lines asked for are decoded, and only the fields a row shows are read from them.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from trading_bot.performance.core.aggregate import ClosedTrade
from trading_bot.performance.core.decimals import exact_sums
from trading_bot.performance.core.dimensions import exit_reason_key
from trading_bot.performance.core.pairing import RoundTrip
from trading_bot.performance.core.records import (
    CLOSED_OUTCOMES,
    plain_amount,
    plain_head,
    plain_text,
    trade_from_json,
)
from trading_bot.performance.core.trade_rows import TradeRow
from trading_bot.performance.errors import InvalidLineError, PerformanceError
from trading_bot.performance.ingest.executions import executions_of, pair_ledger
from trading_bot.performance.ingest.logfiles import MAX_LINE_BYTES, Directory, iter_lines
from trading_bot.performance.ingest.reader import (
    LoggedTrade,
    build_ledger,
    decode_line,
    scan_file,
)

_UTF8_BOM = b"\xef\xbb\xbf"
#: Files up to this size are read in one call (:func:`_read_lines`).
WHOLE_READ_BYTES = 64 * 1024 * 1024
#: Day files kept read at once (a trade realized just after midnight may be in either file).
KEPT_FILES = 4


#: Finds the round trip whose closing fill is a file's line (the cache re-pairs one key).
TripLookup = Callable[[str, int], RoundTrip | None]


class TradeRowSource:
    """Rows for the closed trades of one directory of logs, pairing up to ``as_of``.

    ``trips``: how a round trip is found by its closing fill; without it, every execution of
    the logs is paired once, on the first round trip asked for (the uncached path, which read
    them all anyway).
    """

    def __init__(self, directory: Directory, as_of: datetime,
                 trips: TripLookup | None = None) -> None:
        self.directory = directory
        self.as_of = as_of
        self.lookup = trips
        self._files: OrderedDict[str, dict[int, bytes]] = OrderedDict()
        self._trips: dict[tuple[str, int], RoundTrip] | None = None

    def row(self, trade: ClosedTrade) -> TradeRow:
        """The row of ``trade``; PerformanceError when its source line is no longer there
        (the log changed while the rows were written)."""
        _, file_name, line = trade.key
        obj = _decoded(self._lines(file_name).get(line), line)
        if type(obj) is dict:
            row = plain_logged_row(obj, f"{file_name}:{line}", trade)
            if row is not None:
                return row
            try:
                record = trade_from_json(obj)
            except InvalidLineError:
                record = None
            if record is not None and record.is_closed:
                # ``_lines`` found the file by this name: it is a date.  The digest is left
                # empty: a row does not need it, and computing it was a hash per line.
                logged = LoggedTrade(record, file_name, date.fromisoformat(file_name[:10]),
                                     line, b"")
                return logged_row(logged, trade)
        trip = (self.lookup(file_name, line) if self.lookup is not None
                 else self._round_trips().get((file_name, line)))
        if trip is None:
            raise PerformanceError(f"{file_name}:{line}: the trade's line changed while the "
                                   "per-trade rows were written; run again")
        return trip_row(trip, trade)

    def _lines(self, file_name: str) -> dict[int, bytes]:
        """A file's complete lines as bytes by number, read once in one sequential pass.

        Only the lines rows are asked for are decoded, and of those only the fields a row shows
        are read (:func:`plain_logged_row`): scanning a whole file checksummed and validated
        every line of it, and a year of rows spent most of its time there.
        """
        found = self._files.get(file_name)
        if found is not None:
            self._files.move_to_end(file_name)
            return found
        try:
            day = date.fromisoformat(file_name.removesuffix(".jsonl"))
        except ValueError:
            return {}
        day_file = self.directory.files.get(day)
        if day_file is None:
            return {}
        try:
            found = _read_lines(day_file.fspath)
        except OSError:
            found = {}   # as a file scan reports it: no line of it is there to be read
        self._files[file_name] = found
        if len(self._files) > KEPT_FILES:
            self._files.popitem(last=False)
        return found

    def _round_trips(self) -> dict[tuple[str, int], RoundTrip]:
        if self._trips is None:
            scans = [scan_file(day_file, settled=self.directory.is_settled(day_file.day))
                     for day_file in self.directory.between(date.min, date.max)]
            paired = pair_ledger(executions_of(build_ledger(scans)), self.as_of)
            self._trips = {trip.closing.order[1:]: trip for trip in paired.round_trips}
        return self._trips


def _read_lines(path: str) -> dict[int, bytes]:
    """A file's complete lines by number (the bytes after the last line end are not a line).

    A day file of up to :data:`WHOLE_READ_BYTES` is read in one call and split: ten times
    cheaper per line than :func:`.logfiles.iter_lines`, which bigger files go through so
    memory stays bounded by a few day files of ordinary size.
    """
    with open(path, "rb") as handle:
        data = (handle.read(WHOLE_READ_BYTES + 1)
                if os.fstat(handle.fileno()).st_size <= WHOLE_READ_BYTES else b"")
    if data and len(data) <= WHOLE_READ_BYTES:
        parts = data.split(b"\n")
        del parts[-1]   # the torn tail, or b"" after a final line end
        # An oversized line is no line to a scan (iter_lines reports it as such).
        if not parts or max(map(len, parts)) <= MAX_LINE_BYTES:
            return dict(enumerate(parts, start=1))
    return {raw.number: raw.data for raw in iter_lines(Path(path)) if not raw.oversized}


def _decoded(data: bytes | None, line: int) -> object:
    """A line decoded as a file scan decodes it (:func:`.reader.scan_file`: a leading
    byte-order mark on the first line and a CR before the line end are not part of it), or
    None when it is missing or not JSON."""
    if data is None:
        return None
    if line == 1 and data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    if data.endswith(b"\r"):
        data = data[:-1]
    try:
        return decode_line(data)
    except InvalidLineError:
        return None


def plain_logged_row(obj: dict[str, Any], where: str, trade: ClosedTrade) -> TradeRow | None:
    """:func:`logged_row` of a decoded closed line, reading only the fields a row shows, or
    None when one of them is not in the plain shape :func:`.records.trade_from_json` takes
    as it is (the caller then validates the whole line and uses :func:`logged_row`).

    Each field is checked as ``_plain_trade`` checks it (the required ones by the same
    :func:`.records.plain_head`), so a row made here equals the one
    made from the validated record; validating all 27 fields of every line was most of the
    cost of a year of rows.  The line was valid when the cache counted it; a line rewritten
    since into something invalid in a field not read here is still caught by the next
    refresh, as it is for any report.
    """
    head = plain_head(obj)
    if head is None:
        return None
    (timestamp, symbol, action, mode, outcome, order_id, strategy_name, quantity, price,
     exit_timestamp) = head
    if outcome not in CLOSED_OUTCOMES:
        return None
    exit_at = timestamp if exit_timestamp is None else exit_timestamp
    get = obj.get
    raw_gross = get("profit_loss")
    if raw_gross is None:
        with exact_sums():
            gross = trade.net + trade.commission
    else:
        plain_gross = plain_amount(raw_gross)
        if plain_gross is None:
            return None
        gross = plain_gross
    account_id = get("account_id")
    entry_type = get("entry_type")
    exit_reasoning = get("exit_reasoning")
    if not (plain_text(account_id) and plain_text(entry_type) and plain_text(exit_reasoning)):
        return None
    return TradeRow(
        entry_at=timestamp, exit_at=exit_at, symbol=symbol,
        side="long" if action == "BUY" else "short", quantity=quantity, entry_price=price,
        exit_price=None, gross=gross, commission=trade.commission, net=trade.net,
        outcome=trade.outcome, hold_seconds=trade.hold_seconds, r_multiple=trade.r_multiple,
        strategy_name=strategy_name, entry_type=entry_type,
        exit_reason_template=_template(exit_reasoning), exit_reason=exit_reasoning,
        execution_mode=mode, account_id=account_id, order_id=order_id, source=where,
        kind="logged")


def _template(reason: str | None) -> str:
    """The ``exit_reason_template`` column: the breakdown row the trade is counted in, by the
    catalogue's own key (so a missing, empty or blank reason is that row's ``(none)``)."""
    return exit_reason_key(reason)


def logged_row(logged: LoggedTrade, trade: ClosedTrade) -> TradeRow:
    """The row of a trade logged closed (its outcome and P&L on the line)."""
    record = logged.record
    if record.profit_loss is not None:
        gross = record.profit_loss
    else:
        with exact_sums():
            gross = trade.net + trade.commission
    return TradeRow(
        entry_at=record.timestamp, exit_at=record.realized_at, symbol=record.symbol,
        side=record.side, quantity=record.quantity, entry_price=record.price, exit_price=None,
        gross=gross, commission=trade.commission, net=trade.net, outcome=trade.outcome,
        hold_seconds=trade.hold_seconds, r_multiple=trade.r_multiple,
        strategy_name=record.strategy_name, entry_type=record.entry_type,
        exit_reason_template=_template(record.exit_reasoning), exit_reason=record.exit_reasoning,
        execution_mode=record.execution_mode, account_id=record.account_id,
        order_id=record.order_id, source=logged.where, kind="logged")


def trip_row(trip: RoundTrip, trade: ClosedTrade) -> TradeRow:
    """The row of a round trip paired from executions: average entry and exit prices."""
    opening, closing = trip.opening, trip.closing
    return TradeRow(
        entry_at=trip.entry_at, exit_at=trip.exit_at, symbol=trip.key[2], side=trip.side,
        quantity=trip.quantity, entry_price=trip.average_entry, exit_price=trip.average_exit,
        gross=trip.gross, commission=trade.commission, net=trade.net, outcome=trade.outcome,
        hold_seconds=trade.hold_seconds, r_multiple=trade.r_multiple,
        strategy_name=opening.strategy_name, entry_type=opening.entry_type,
        exit_reason_template=_template(closing.reason), exit_reason=closing.reason,
        execution_mode=trip.key[0], account_id=trip.key[1], order_id=opening.order_id,
        source=f"{closing.order[1]}:{closing.order[2]}", kind="round_trip")


__all__ = ["KEPT_FILES", "TradeRowSource", "TripLookup", "logged_row", "trip_row"]
