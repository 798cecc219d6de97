"""From a window's effective closed trades to their per-trade rows, reading what they lack.

A :class:`.core.aggregate.ClosedTrade` is what aggregation needs: its key (instant, file, line),
money, outcome and breakdown groups.  A per-trade row wants more: quantity, prices, entry
instant, account, gross P&L, the exit reason as logged.  Those are in the trade's source line,
so :class:`TradeRowSource` reads them there, by the trade's file and line:

* a trade logged closed is its own line;
* a round trip paired from executions is keyed by its closing fill's line; its opening fill
  and average prices come from pairing every execution of the logs, done once, on the first
  round trip asked for (as the uncached summary does).

Files are scanned whole and kept while their trades are asked for (the last few files, so a
window read in realization order, which is nearly file order, reads each file once): the rows
of a year cost the memory of a few day files, not of the year.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import date, datetime

from trading_bot.performance.core.aggregate import ClosedTrade
from trading_bot.performance.core.decimals import exact_sums
from trading_bot.performance.core.pairing import RoundTrip
from trading_bot.performance.core.templates import reason_template
from trading_bot.performance.core.trade_rows import TradeRow
from trading_bot.performance.errors import PerformanceError
from trading_bot.performance.ingest.executions import executions_of, pair_ledger
from trading_bot.performance.ingest.logfiles import Directory
from trading_bot.performance.ingest.reader import LoggedTrade, build_ledger, scan_file

#: Day files kept scanned at once (a trade realized just after midnight may be in either file).
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
        self._files: OrderedDict[str, dict[int, LoggedTrade]] = OrderedDict()
        self._trips: dict[tuple[str, int], RoundTrip] | None = None

    def row(self, trade: ClosedTrade) -> TradeRow:
        """The row of ``trade``; PerformanceError when its source line is no longer there
        (the log changed while the rows were written)."""
        _, file_name, line = trade.key
        logged = self._lines(file_name).get(line)
        if logged is not None and logged.record.is_closed:
            return logged_row(logged, trade)
        trip = (self.lookup(file_name, line) if self.lookup is not None
                 else self._round_trips().get((file_name, line)))
        if trip is None:
            raise PerformanceError(f"{file_name}:{line}: the trade's line changed while the "
                                   "per-trade rows were written; run again")
        return trip_row(trip, trade)

    def _lines(self, file_name: str) -> dict[int, LoggedTrade]:
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
        scan = scan_file(day_file, settled=self.directory.is_settled(day))
        found = {logged.line: logged for logged in scan.trades}
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


def _template(reason: str | None) -> str | None:
    return None if reason is None else reason_template(reason)


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
