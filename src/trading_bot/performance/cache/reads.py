"""Answering a window from the cache: day aggregates, the last trades, quality and positions.

Every query here runs inside one read transaction, so a window is computed from one consistent
snapshot even while another run refreshes.  Day aggregates missing for this configuration are
folded from the stored trades and written back only if no refresh committed in between (the
``generation`` check of :mod:`cache_store`).

With pairing (the configuration's ``paired``), a window's trades are its logged closed trades
and its round trips (``round_trips``), merged in realization order, and its open positions are
each key's open lots at the window's end (:func:`.pairs.states_at`).

The cache sees all history, where the uncached path reads only the window's files and one day
each side.  Two things follow, both documented in the README: a line misplaced by more than a
day is counted on its realization day, and open positions include every order still open at the
window's end, however old its entry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from operator import attrgetter, itemgetter
from typing import Any

from trading_bot.performance.cache.codec import (
    FILL_COLUMNS,
    POSITION_COLUMNS,
    TRADE_COLUMNS,
    TRIP_COLUMNS,
    aggregate_parts_from_json,
    aggregate_to_json,
    check_trade_row,
    closed_trade_from_row,
    closed_trade_from_trip_row,
    decode_pair_key,
    fill_from_row,
    from_micros,
    open_position_from_row,
    state_from_json,
    to_micros,
)
from trading_bot.performance.cache.indexing import IndexConfig, day_row
from trading_bot.performance.cache.pairs import states_at
from trading_bot.performance.cache.store import (
    ROLE_DUPLICATE,
    ROLE_EFFECTIVE,
    ROLE_REOPENED,
    ROLE_SUPERSEDED,
    CacheStore,
)
from trading_bot.performance.core.aggregate import (
    BUILTIN_DIMENSIONS,
    ROLLING_TAIL,
    Aggregate,
    AggregateParts,
    ClosedTrade,
    DeferredTrades,
    aggregate_parts,
    fold,
    merge_all_values,
)
from trading_bot.performance.core.decimals import exact_sums
from trading_bot.performance.core.pairing import KeyPairer, KeyState, RoundTrip
from trading_bot.performance.core.summary import (
    MAX_EXAMPLES,
    DataQuality,
    OpenPosition,
    PairingReport,
)
from trading_bot.performance.core.timestamps import day_end, day_start
from trading_bot.performance.ingest.logfiles import Directory
from trading_bot.performance.ingest.reader import BadLine, unfinished_line
from trading_bot.performance.ingest.window_read import (
    WindowRead,
    duplicate_example,
    inconsistent_example,
    lot_position,
    misplaced_example,
    reopened_example,
    sort_positions,
)

LOGGER = logging.getLogger("trading_bot.performance")
_TRADES = ", ".join(TRADE_COLUMNS)
_POSITIONS = ", ".join(POSITION_COLUMNS)
_TRIPS = ", ".join(TRIP_COLUMNS)


def ungrouped_trade_from_row(row: Sequence[Any], zone: tzinfo) -> ClosedTrade:
    """:func:`.codec.closed_trade_from_row` without the breakdown groups (``groups == ()``),
    for readers that never look at them; the same values otherwise (a test compares both)."""
    (file_name, line, order_id, event_us, symbol, outcome, net, commission, hold, planned_rr,
     r_multiple) = row[:11]
    realized_at = from_micros(event_us)
    return ClosedTrade(
        key=(realized_at, file_name, line),
        local_day=realized_at.astimezone(zone).date(),
        order_id=order_id,
        symbol=symbol,
        outcome=outcome,
        net=Decimal(net),
        commission=Decimal(commission),
        hold_seconds=None if hold is None else Decimal(hold),
        planned_rr=None if planned_rr is None else Decimal(planned_rr),
        r_multiple=None if r_multiple is None else Decimal(r_multiple),
        groups=(),
    )


def _merged(first: list[ClosedTrade], second: list[ClosedTrade]) -> list[ClosedTrade]:
    """Two lists in realization order merged into one (their keys never collide)."""
    return sorted((*first, *second), key=attrgetter("key"))


def _row_key(item: tuple[Sequence[Any], bool]) -> tuple[int, str, int]:
    """A stored trade's or round trip's (event_us, file, line): its key, as stored."""
    row = item[0]
    return (row[3], row[0], row[1])


def _file_line(item: tuple[str, int, str]) -> tuple[str, int]:
    return (item[0], item[1])


@dataclass
class ReadStats:
    """What one window read took from the cache, for the INFO log line: stored day aggregates
    used (hits) and days folded from the stored trades (misses), stored month partials used and
    month partials built.  Only days holding data count: an empty day is neither."""

    day_hits: int = 0
    day_misses: int = 0
    month_hits: int = 0
    months_built: int = 0


class CachedWindowReader:
    """Reads windows from an up-to-date store for one timezone and set of groupings."""

    def __init__(self, store: CacheStore, config: IndexConfig, zone: tzinfo) -> None:
        self.store = store
        self.config = config
        self.zone = zone
        self.stats = ReadStats()
        #: Fields only the ``--where`` filter reads (account_id): trades are decoded grouped
        #: by them too, matched, then stripped of them (:meth:`_kept`).
        self._filter_only = config.where.beyond((*BUILTIN_DIMENSIONS, *config.group_by))
        #: The generation a read started from, and the day aggregates and month partials it
        #: built, to write back (:meth:`save_missing_days`).
        self._pending: tuple[int | None, list[tuple[Any, ...]], list[tuple[Any, ...]]] = (
            None, [], [])

    # Trades ---------------------------------------------------------------------------------

    def _trades(self, rows: Sequence[Sequence[Any]]) -> list[ClosedTrade]:
        zone, group_by = self.zone, self.config.group_by + self._filter_only
        return self._kept([closed_trade_from_row(row, zone, group_by) for row in rows])

    def _trip_trades(self, rows: Sequence[Sequence[Any]]) -> list[ClosedTrade]:
        zone, band = self.zone, self.config.band
        group_by = self.config.group_by + self._filter_only
        return self._kept([closed_trade_from_trip_row(row, zone, group_by, band)
                           for row in rows])

    def _kept(self, trades: list[ClosedTrade]) -> list[ClosedTrade]:
        """The trades the configuration's ``--where`` filter keeps (all when unfiltered).

        Matched on the decoded trades' groups, the one definition of :mod:`..core.filters`, so
        the cached and uncached paths keep exactly the same trades.
        """
        where = self.config.where
        if not where.active:
            return trades
        kept = [trade for trade in trades if where.matches_groups(trade.groups)]
        if not self._filter_only:
            return kept
        count = len(self._filter_only)
        return [replace(trade, groups=trade.groups[:-count]) for trade in kept]

    def _last_matching(self, select: str, before_us: int, count: int, after_us: int | None,
                       decode: Callable[[Sequence[Sequence[Any]]], list[ClosedTrade]]
                       ) -> list[ClosedTrade]:
        """The last ``count`` trades of one table realized in [after, before) that the filter
        keeps, oldest first: read newest first in pages until enough match or none are left."""
        lower = "" if after_us is None else f"AND event_us >= {int(after_us)} "
        page = max(count, 256)
        found: list[ClosedTrade] = []
        bound: tuple[int, str, int] = (before_us, "", 0)
        while len(found) < count:
            rows = self.store.connection.execute(
                f"{select} AND (event_us, file, line) < (?, ?, ?) {lower}"
                "ORDER BY event_us DESC, file DESC, line DESC LIMIT ?", (*bound, page)).fetchall()
            if not rows:
                break
            found += decode(rows)
            last = rows[-1]
            bound = (last[3], last[0], last[1])
            if len(rows) < page:
                break
        found = found[:count]
        found.reverse()
        return found

    def _last_filtered(self, before_us: int, count: int,
                       after_us: int | None) -> tuple[list[ClosedTrade], int]:
        """:meth:`last_trades_counted` under a ``--where`` filter."""
        trades = self._last_matching(
            f"SELECT {_TRADES} FROM lines WHERE closed = 1 AND role = {ROLE_EFFECTIVE}",
            before_us, count, after_us, self._trades)
        if not self.config.paired:
            return trades, 0
        trips = self._last_matching(f"SELECT {_TRIPS} FROM round_trips WHERE 1 = 1",
                                    before_us, count, after_us, self._trip_trades)
        if not trips:
            return trades, 0
        chosen = _merged(trades, trips)[-count:]
        trip_keys = {trade.key for trade in trips}
        return chosen, sum(1 for trade in chosen if trade.key in trip_keys)

    def trades_between(self, start_us: int, end_us: int) -> list[ClosedTrade]:
        """Effective closed trades realized in [start, end), in realization order; with
        pairing, the round trips realized then too."""
        return self._between(start_us, end_us, self._trades)

    def _between(self, start_us: int, end_us: int,
                 decode: Callable[[Sequence[Sequence[Any]]], list[ClosedTrade]]
                 ) -> list[ClosedTrade]:
        """:meth:`trades_between` with the logged trades' rows turned into trades by ``decode``
        (round trips always decoded whole)."""
        trades = decode(self.store.connection.execute(
            f"SELECT {_TRADES} FROM lines WHERE closed = 1 AND role = {ROLE_EFFECTIVE} "
            "AND event_us >= ? AND event_us < ? ORDER BY event_us, file, line",
            (start_us, end_us)).fetchall())
        if not self.config.paired:
            return trades
        trips = self._trip_trades(self.store.connection.execute(
            f"SELECT {_TRIPS} FROM round_trips WHERE event_us >= ? AND event_us < ? "
            "ORDER BY event_us, file, line", (start_us, end_us)).fetchall())
        return _merged(trades, trips) if trips else trades

    def trades_by_day(self, start_us: int, end_us: int, *,
                      grouped: bool = True) -> Iterator[list[ClosedTrade]]:
        """:meth:`trades_between` in chunks of one local day, for the days that hold trades
        only: a window far wider than the logs costs what its trades cost.

        ``grouped=False``: the caller never reads the trades' breakdown groups (the per-trade
        rows), so unless the ``--where`` filter needs them the logged trades come without
        (``groups == ()``): building them was two thirds of decoding a trade.
        """
        light = not grouped and not self.config.where.active
        cursor = start_us
        while cursor < end_us:
            event = self._next_event(cursor, end_us)
            if event is None:
                return
            day = from_micros(event).astimezone(self.zone).date()
            next_cursor = min(to_micros(day_end(day, self.zone)), end_us)
            yield self._between(cursor, next_cursor, self._ungrouped if light else self._trades)
            cursor = next_cursor

    def _ungrouped(self, rows: Sequence[Sequence[Any]]) -> list[ClosedTrade]:
        """Logged trades with their groups left empty (used only without a filter)."""
        zone = self.zone
        return [ungrouped_trade_from_row(row, zone) for row in rows]

    def last_trades(self, before_us: int, count: int,
                    after_us: int | None = None) -> list[ClosedTrade]:
        """The last ``count`` effective closed trades realized before ``before_us``, oldest
        first."""
        return self.last_trades_counted(before_us, count, after_us)[0]

    def _last_rows(self, before_us: int, count: int,
                   after_us: int | None) -> list[tuple[Any, ...]]:
        """The stored rows of :meth:`last_trades`' logged closed trades, oldest first."""
        lower = "" if after_us is None else f"AND event_us >= {int(after_us)} "
        rows: list[tuple[Any, ...]] = self.store.connection.execute(
            f"SELECT {_TRADES} FROM lines WHERE closed = 1 AND role = {ROLE_EFFECTIVE} "
            f"AND event_us < ? {lower}ORDER BY event_us DESC, file DESC, line DESC LIMIT ?",
            (before_us, count)).fetchall()
        rows.reverse()
        return rows

    def tail(self, before_us: int, count: int, after_us: int | None = None
             ) -> Sequence[ClosedTrade]:
        """:meth:`last_trades` as a window's tail: read now, decoded on first use.

        A JSON answer without a starting balance or rolling alerts never reads the tail, and
        decoding it was ~7 ms of a 0.15 s warm monthly answer.  The rows are fetched, merged
        and checked here, inside the read (one snapshot; a damaged row still means
        "rebuild"); only building the trades waits.  Logged trades and round trips are merged
        on their stored keys (event, file, line), which order exactly as the trades' keys do.
        Under a ``--where`` filter the matching trades are decoded now (their number is only
        known once they are).
        """
        if self.config.where.active:
            filtered = tuple(self._last_filtered(before_us, count, after_us)[0])
            return DeferredTrades(len(filtered), lambda: filtered)
        chosen: list[tuple[tuple[Any, ...], bool]] = [
            (row, False) for row in self._last_rows(before_us, count, after_us)]
        if self.config.paired:
            lower = "" if after_us is None else f"AND event_us >= {int(after_us)} "
            trip_rows = self.store.connection.execute(
                f"SELECT {_TRIPS} FROM round_trips WHERE event_us < ? {lower}"
                "ORDER BY event_us DESC, file DESC, line DESC LIMIT ?",
                (before_us, count)).fetchall()
            if trip_rows:
                chosen = sorted([*chosen, *((row, True) for row in trip_rows)],
                                key=_row_key)[-count:]
        for row, is_trip in chosen:
            check_trade_row(row)
            if is_trip:
                Decimal(row[5])
        zone, group_by, band = self.zone, self.config.group_by, self.config.band

        def decode() -> tuple[ClosedTrade, ...]:
            return tuple(closed_trade_from_trip_row(row, zone, group_by, band) if is_trip
                         else closed_trade_from_row(row, zone, group_by)
                         for row, is_trip in chosen)
        return DeferredTrades(len(chosen), decode)

    def last_trades_counted(self, before_us: int, count: int,
                            after_us: int | None = None) -> tuple[list[ClosedTrade], int]:
        """:meth:`last_trades`, and how many of them are round trips paired from executions."""
        if self.config.where.active:
            return self._last_filtered(before_us, count, after_us)
        lower = "" if after_us is None else f"AND event_us >= {int(after_us)} "
        trades = self._trades(self._last_rows(before_us, count, after_us))
        if not self.config.paired:
            return trades, 0
        trip_rows = self.store.connection.execute(
            f"SELECT {_TRIPS} FROM round_trips WHERE event_us < ? {lower}"
            "ORDER BY event_us DESC, file DESC, line DESC LIMIT ?", (before_us, count)).fetchall()
        if not trip_rows:
            return trades, 0
        trip_rows.reverse()
        trips = self._trip_trades(trip_rows)
        chosen = _merged(trades, trips)[-count:]
        trip_keys = {trade.key for trade in trips}
        return chosen, sum(1 for trade in chosen if trade.key in trip_keys)

    # Aggregates -----------------------------------------------------------------------------

    def calendar_aggregate(self, first: date, last: date) -> Aggregate:
        """Merge of the aggregates of the local days ``first..last``, with the window's tail.

        Cost follows the days that hold data, never the calendar: a window from 1970 to 8999
        over two log files reads what those two files left, however many days it names.
        Stored month partials (whole local months inside the window) are used as they are;
        the rest of the window is its stored day aggregates plus the days whose trades have
        none yet, found by skipping from one stored trade to the next (one indexed query per
        such day, none between adjacent stored days).  Those days are folded from the stored
        trades, and every whole month of the window that holds data and had no partial gets
        one; both are written back by :meth:`save_missing_days`.  Merging months and days in
        time order equals merging every day, by the monoid law (property-tested).
        """
        zone, key = self.zone, self.config.key
        window_start = to_micros(day_start(first, zone))
        window_end = to_micros(day_end(last, zone))
        connection = self.store.connection
        generation = self.store.meta_int("generation")
        pieces: list[tuple[int, AggregateParts]] = []
        covered: list[tuple[int, int]] = []
        for start_us, end_us, data in connection.execute(
                "SELECT start_us, end_us, data FROM month_aggregates INDEXED BY "
                "month_aggregates_by_span WHERE config = ? AND start_us >= ? AND start_us < ? "
                "AND end_us <= ? ORDER BY start_us", (key, window_start, window_end, window_end)):
            self.stats.month_hits += 1
            pieces.append((start_us, aggregate_parts_from_json(data)))
            covered.append((start_us, end_us))
        months: dict[date, list[tuple[int, AggregateParts]]] = {}
        missing_rows: list[tuple[Any, ...]] = []
        for gap_start, gap_end in _uncovered(window_start, window_end, covered):
            for day, start_us, data in self._days_in(gap_start, gap_end, missing_rows):
                month = day.replace(day=1)
                if _month_inside(month, first, last):
                    months.setdefault(month, []).append((start_us, data))
                else:
                    pieces.append((start_us, data))
        month_rows: list[tuple[Any, ...]] = []
        for month, days in months.items():
            merged_month = merge_all_values((data for _, data in days), tail_size=0)
            month_start = to_micros(day_start(month, zone))
            month_end = to_micros(day_end(_month_last(month), zone))
            month_rows.append((key, month.strftime("%Y-%m"), month_start, month_end,
                               merged_month.core.closed, aggregate_to_json(merged_month)))
            self.stats.months_built += 1
            pieces.append((days[0][0], aggregate_parts(merged_month)))
        pieces.sort(key=itemgetter(0))
        merged = merge_all_values((data for _, data in pieces), tail_size=0)
        self._pending = (generation, missing_rows, month_rows)
        if merged.core.closed == 0:
            return merged
        return replace(merged, tail=self.tail(window_end, ROLLING_TAIL, after_us=window_start))

    def _days_in(self, gap_start: int, gap_end: int, missing_rows: list[tuple[Any, ...]]
                 ) -> Iterator[tuple[date, int, AggregateParts]]:
        """The days of [gap_start, gap_end) (whole local days) that hold data, in order: the
        stored aggregates, and the days with trades but no aggregate, folded (their rows are
        added to ``missing_rows``)."""
        stored = self.store.connection.execute(
            "SELECT day, start_us, end_us, data FROM day_aggregates INDEXED BY "
            "day_aggregates_by_span WHERE config = ? AND start_us >= ? AND start_us < ? "
            "ORDER BY start_us", (self.config.key, gap_start, gap_end)).fetchall()
        cursor = gap_start
        for day_text, start_us, end_us, data in [*stored, (None, gap_end, gap_end, None)]:
            yield from self._fold_days_between(cursor, start_us, missing_rows)
            if day_text is None:
                break
            self.stats.day_hits += 1
            yield date.fromisoformat(day_text), start_us, aggregate_parts_from_json(data)
            cursor = end_us

    def _fold_days_between(self, cursor: int, end_us: int, missing_rows: list[tuple[Any, ...]]
                           ) -> Iterator[tuple[date, int, AggregateParts]]:
        """Fold each local day in [cursor, end_us) holding a trade (none stored there)."""
        while cursor < end_us:
            event = self._next_event(cursor, end_us)
            if event is None:
                return
            day = from_micros(event).astimezone(self.zone).date()
            start_us = to_micros(day_start(day, self.zone))
            day_end_us = to_micros(day_end(day, self.zone))
            self.stats.day_misses += 1
            trades = self.trades_between(start_us, day_end_us)
            aggregate = fold(trades, tail_size=0)
            missing_rows.append(day_row(self.config, day, start_us, day_end_us, aggregate,
                                        trades[0].key if trades else None,
                                        trades[-1].key if trades else None))
            yield day, start_us, aggregate_parts(aggregate)
            cursor = day_end_us

    def _next_event(self, start_us: int, end_us: int) -> int | None:
        """The first instant in [start, end) at which a closed trade (or, with pairing, a round
        trip) is realized: one step along the event indexes."""
        found = [row[0] for row in self.store.connection.execute(
            "SELECT event_us FROM lines INDEXED BY lines_closed_by_event WHERE closed = 1 "
            f"AND role = {ROLE_EFFECTIVE} AND event_us >= ? AND event_us < ? "
            "ORDER BY event_us LIMIT 1", (start_us, end_us))]
        if self.config.paired:
            found += [row[0] for row in self.store.connection.execute(
                "SELECT event_us FROM round_trips INDEXED BY round_trips_by_event "
                "WHERE event_us >= ? AND event_us < ? ORDER BY event_us LIMIT 1",
                (start_us, end_us))]
        return min(found) if found else None

    def save_missing_days(self) -> None:
        """Write back the day aggregates and month partials built during the read, unless a
        refresh got in between (they would describe lines it has since replaced)."""
        generation, rows, month_rows = self._pending
        self._pending = (None, [], [])
        if not rows and not month_rows:
            return
        with self.store.write() as connection:
            if self.store.meta_int("generation") != generation:
                LOGGER.info("cache changed during the read; not storing %d day aggregates and "
                            "%d month partials", len(rows), len(month_rows))
                return
            connection.executemany(
                "INSERT OR REPLACE INTO day_aggregates VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            connection.executemany(
                "INSERT OR REPLACE INTO month_aggregates VALUES (?, ?, ?, ?, ?, ?)", month_rows)

    # Quality, positions -----------------------------------------------------------------------

    def quality(self, names: Sequence[str], directory: Directory) -> DataQuality:
        """The data-quality report of the given files, worded as the uncached path words it.

        Unfinished last lines are not stored as bad lines (the bytes may yet become a line):
        each file's tail, as last read, becomes one here for every file but the newest, exactly
        as :func:`.reader.scan_file` reports a settled file's tail, without opening the file.
        """
        if not names:
            return DataQuality()
        connection = self.store.connection
        marks = ", ".join("?" * len(names))
        where = f"file IN ({marks})"
        lines_read = valid = 0
        files = []
        unfinished: list[BadLine] = []
        day_files = {day_file.name: day_file for day_file in directory.files.values()}
        for name, read, valid_lines, next_line, tail_bytes, carriage_returns in \
                connection.execute(
                    "SELECT name, lines_read, valid_lines, next_line, tail_bytes, "
                    f"tail_carriage_returns FROM files WHERE name IN ({marks}) ORDER BY name",
                    names):
            files.append(name)
            lines_read += read
            valid += valid_lines
            day_file = day_files.get(name)
            if tail_bytes and day_file is not None and directory.is_settled(day_file.day):
                unfinished.append(unfinished_line(name, day_file.day, next_line, tail_bytes,
                                                  carriage_returns))
                lines_read += 1
        per_file = dict(connection.execute(
            f"SELECT file, count(*) FROM bad_lines WHERE {where} GROUP BY file", names).fetchall())
        stored = [BadLine(file_name, None, line, reason) for file_name, line, reason in
                  connection.execute(f"SELECT file, line, reason FROM bad_lines WHERE {where} "
                                     f"ORDER BY file, line LIMIT {MAX_EXAMPLES}", names)]
        for bad in unfinished:
            per_file[bad.file_name] = per_file.get(bad.file_name, 0) + 1
        bad_examples = tuple(str(bad) for bad in sorted(
            (*stored, *unfinished), key=lambda bad: (bad.file_name, bad.line))[:MAX_EXAMPLES])
        # Both scans use covering partial indexes (lines_not_effective, lines_flagged): a
        # window reads only its anomalous lines, from the index alone, never all its trades.
        # Superseded lines (a year of re-logged orders has ~14,000) are only counted, inside
        # SQLite: fetching them with a lookup into the table each cost ~150 ms of a warm year
        # range.  The few duplicates and reopened lines are fetched and sorted here for their
        # examples (unordered in SQL: an ORDER BY sorted every line).
        superseded, = connection.execute(
            "SELECT count(*) FROM lines INDEXED BY lines_not_effective "
            f"WHERE role != {ROLE_EFFECTIVE} AND role = {ROLE_SUPERSEDED} AND {where}",
            names).fetchone()
        counts = {ROLE_DUPLICATE: 0, ROLE_SUPERSEDED: int(superseded), ROLE_REOPENED: 0}
        found: dict[int, list[tuple[str, int, str]]] = {ROLE_DUPLICATE: [], ROLE_REOPENED: []}
        for file_name, line, role, order_id in connection.execute(
                "SELECT file, line, role, order_id FROM lines INDEXED BY lines_not_effective "
                f"WHERE role != {ROLE_EFFECTIVE} AND role != {ROLE_SUPERSEDED} AND {where}",
                names):
            counts[role] += 1
            listed = found.get(role)
            if listed is not None:
                listed.append((file_name, line, order_id))
        examples = {
            role: [(duplicate_example if role == ROLE_DUPLICATE else reopened_example)(
                f"{file_name}:{line}", order_id)
                for file_name, line, order_id in sorted(listed, key=_file_line)[:MAX_EXAMPLES]]
            for role, listed in found.items()}
        inconsistent: list[tuple[tuple[int, str, int], str]] = []
        misplaced: list[tuple[tuple[int, int, str, int], str]] = []
        for file_name, line, role, closed, is_misplaced, is_inconsistent, outcome, net, event_us \
                in connection.execute(
                    "SELECT file, line, role, closed, misplaced, inconsistent, outcome, net, "
                    f"event_us FROM lines INDEXED BY lines_flagged WHERE flagged = 1 AND {where}",
                    names):
            if role != ROLE_EFFECTIVE:
                continue
            where_ = f"{file_name}:{line}"
            if is_inconsistent:
                inconsistent.append(((event_us, file_name, line),
                                     inconsistent_example(where_, outcome, net)))
            if is_misplaced:
                misplaced.append(((-closed, event_us, file_name, line),
                                  misplaced_example(where_, from_micros(event_us).date())))
        inconsistent.sort()
        misplaced.sort()
        return DataQuality(
            files_read=tuple(files),
            lines_read=lines_read,
            valid_lines=valid,
            bad_lines=sum(per_file.values()),
            bad_line_examples=bad_examples,
            bad_lines_per_file=per_file,
            duplicates=counts[ROLE_DUPLICATE],
            duplicate_examples=tuple(examples[ROLE_DUPLICATE]),
            superseded=counts[ROLE_SUPERSEDED],
            reopened=counts[ROLE_REOPENED],
            reopened_examples=tuple(examples[ROLE_REOPENED]),
            inconsistent=len(inconsistent),
            inconsistent_examples=tuple(text for _, text in inconsistent[:MAX_EXAMPLES]),
            misplaced=len(misplaced),
            misplaced_examples=tuple(text for _, text in misplaced[:MAX_EXAMPLES]),
        )

    def open_positions(self, as_of: datetime) -> tuple[OpenPosition, ...]:
        """Every order open at ``as_of``: entered before it, not realized before it.

        Closed trades realized after ``as_of`` are searched only within the longest hold the
        cache has seen, so a historical window does not scan all later history.  The source is
        the order's effective line, as in the uncached path.  With pairing, executions are not
        orders: each key's open lots at ``as_of`` are (see :func:`.pairs.states_at`).
        """
        as_of_us = to_micros(as_of)
        logged = (f"SELECT {_POSITIONS} FROM lines WHERE closed = 1 AND role = {ROLE_EFFECTIVE} "
                  "AND event_us >= ? AND event_us <= ? AND entry_us < ?")
        later = (as_of_us, as_of_us + self.store.meta_int("max_hold_us"), as_of_us)
        if self.config.paired:
            rows = self.store.connection.execute(logged, later).fetchall()
            lots = [lot_position(state.position, state.key, as_of)
                    for state in states_at(self.store, as_of_us) if state.position is not None]
            return sort_positions([*lots, *(open_position_from_row(row, as_of) for row in rows)])
        rows = self.store.connection.execute(
            f"SELECT {_POSITIONS} FROM lines WHERE closed = 0 AND role = {ROLE_EFFECTIVE} "
            f"AND entry_us < ? UNION ALL {logged}", (as_of_us, *later)).fetchall()
        return sort_positions([open_position_from_row(row, as_of) for row in rows])

    def pairing(self, names: Sequence[str], span_us: tuple[int, int] | None, trips: int,
                positions: Sequence[OpenPosition]) -> PairingReport:
        """What pairing contributed to a window: executions dated in ``span_us`` (UTC micros,
        end exclusive), its ``trips`` round trips, its open lots, and the pairing remarks of
        its files.  The mode is the tracker's to set."""
        connection = self.store.connection
        executions = 0
        if span_us is not None:
            for pair_key, in connection.execute("SELECT DISTINCT pair_key FROM pair_states"):
                count, = connection.execute(
                    "SELECT count(*) FROM lines INDEXED BY lines_fills WHERE pair_key = ? "
                    f"AND role = {ROLE_EFFECTIVE} AND event_us >= ? AND event_us < ?",
                    (pair_key, *span_us)).fetchone()
                executions += count
        remarks: dict[str, list[str]] = {"flip": [], "order": []}
        counts = {"flip": 0, "order": 0}
        if names:
            for kind, count in connection.execute(
                    "SELECT kind, count(*) FROM pairing_notes "
                    f"WHERE file IN ({', '.join('?' * len(names))}) GROUP BY kind", names):
                counts[kind] = count
            for kind in remarks:
                remarks[kind] = [text for text, in connection.execute(
                    "SELECT text FROM pairing_notes WHERE kind = ? AND "
                    f"file IN ({', '.join('?' * len(names))}) ORDER BY file, line "
                    f"LIMIT {MAX_EXAMPLES}", (kind, *names))]
        return PairingReport(
            mode="", executions=executions, round_trips=trips,
            open_positions=sum(1 for position in positions if position.lot),
            out_of_order=counts["order"], out_of_order_examples=tuple(remarks["order"]),
            flips=counts["flip"], flip_examples=tuple(remarks["flip"]))

    def round_trip(self, file_name: str, line: int) -> RoundTrip | None:
        """The round trip whose closing fill is the line ``file_name:line`` (None: there is
        none), for its per-trade row: its key is re-paired from the latest checkpoint before
        the trip's entry up to that fill (as :func:`.pairs.states_at` replays), so a row costs
        a few fills of one key, never all history."""
        connection = self.store.connection
        found = connection.execute(
            "SELECT pair_key, entry_us, event_us FROM round_trips WHERE file = ? AND line = ?",
            (file_name, line)).fetchone()
        if found is None:
            return None
        pair_key, entry_us, event_us = found
        key = decode_pair_key(pair_key)
        checkpoint = connection.execute(
            "SELECT last_us, last_file, last_line, state FROM pair_states WHERE pair_key = ? "
            "AND last_us < ? ORDER BY last_us DESC, last_file DESC, last_line DESC LIMIT 1",
            (pair_key, entry_us)).fetchone()
        state, start = KeyState(key), (-1, "", 0)
        if checkpoint is not None:
            start = (checkpoint[0], checkpoint[1], checkpoint[2])
            state = state_from_json(checkpoint[3], key,
                                    (from_micros(start[0]), start[1], start[2]))
        pairer = KeyPairer(state)
        with exact_sums():
            for fill_row in connection.execute(
                    f"SELECT {', '.join(FILL_COLUMNS)} FROM lines INDEXED BY lines_fills "
                    f"WHERE pair_key = ? AND role = {ROLE_EFFECTIVE} "
                    "AND (event_us, file, line) > (?, ?, ?) "
                    "AND (event_us, file, line) <= (?, ?, ?) ORDER BY event_us, file, line",
                    (pair_key, *start, event_us, file_name, line)):
                trip, _ = pairer.add(fill_from_row(fill_row, key))
                if trip is not None and trip.closing.order[1:] == (file_name, line):
                    return trip
        return None

    def trips_between(self, start_us: int, end_us: int) -> int:
        count, = self.store.connection.execute(
            "SELECT count(*) FROM round_trips WHERE event_us >= ? AND event_us < ?",
            (start_us, end_us)).fetchone()
        return int(count)

    def has_open_lines(self, names: Sequence[str]) -> bool:
        if not names:
            return False
        return self.store.connection.execute(
            "SELECT 1 FROM lines INDEXED BY lines_open "
            f"WHERE file IN ({', '.join('?' * len(names))}) AND closed = 0 "
            f"AND role = {ROLE_EFFECTIVE} LIMIT 1", names).fetchone() is not None

    def shifted(self, names: Sequence[str], first: date, last: date) -> int:
        """Closed trades in the files whose UTC date is ``first..last`` (for the empty reason)."""
        if not names:
            return 0
        start = to_micros(datetime.combine(first, time(0), tzinfo=UTC))
        end = to_micros(datetime.combine(last + timedelta(days=1), time(0), tzinfo=UTC))
        count, = self.store.connection.execute(
            f"SELECT count(*) FROM lines WHERE file IN ({', '.join('?' * len(names))}) "
            f"AND closed = 1 AND role = {ROLE_EFFECTIVE} AND event_us >= ? AND event_us < ?",
            (*names, start, end)).fetchone()
        if self.config.paired:
            trips, = self.store.connection.execute(
                f"SELECT count(*) FROM round_trips WHERE file IN ({', '.join('?' * len(names))}) "
                "AND event_us >= ? AND event_us < ?", (*names, start, end)).fetchone()
            count += trips
        return int(count)

    def window(self, aggregate: Aggregate, start: date | None, present: frozenset[date],
               names: Sequence[str], directory: Directory, as_of: datetime,
               shift_span: tuple[date, date] | None, *,
               pairing_span: tuple[int, int] | None = None, trips: int = 0) -> WindowRead:
        """Assemble the WindowRead of a window whose aggregate is already computed.

        With pairing, ``pairing_span`` (UTC micros, end exclusive) is when the window's
        executions are dated and ``trips`` how many of its trades are round trips.
        """
        shifted = 0
        if aggregate.core.closed == 0 and shift_span is not None:
            shifted = self.shifted(names, *shift_span)
        positions = self.open_positions(as_of)
        return WindowRead(
            aggregate=aggregate,
            start=start,
            present_days=present,
            quality=self.quality(names, directory),
            open_positions=positions,
            shifted=shifted,
            has_open_lines=self.has_open_lines(names),
            pairing=(self.pairing(names, pairing_span, trips, positions)
                     if self.config.paired else None),
        )


def _uncovered(start_us: int, end_us: int, covered: Sequence[tuple[int, int]]
               ) -> Iterator[tuple[int, int]]:
    """The parts of [start_us, end_us) outside the ordered, disjoint ``covered`` spans."""
    cursor = start_us
    for first, last in covered:
        if first > cursor:
            yield cursor, first
        cursor = max(cursor, last)
    if cursor < end_us:
        yield cursor, end_us


def _month_last(month: date) -> date:
    """The last day of the month starting on ``month`` (32 days on always lands in the next
    month)."""
    return (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def _month_inside(month: date, first: date, last: date) -> bool:
    """Whether the whole month starting on ``month`` lies within ``first..last``."""
    return month >= first and _month_last(month) <= last


def file_names(directory: Directory, first: date, last: date) -> list[str]:
    return [day_file.name for day_file in directory.between(first, last)]
