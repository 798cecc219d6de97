"""Keeping the cache's round trips in step with its fills: re-pair a key from a file boundary.

Pairing (:mod:`..core.pairing`) is a left fold over a key's fills in pairing order (time, then
file and line), so the state after any prefix of them is enough to continue.  The cache keeps:

* **checkpoints** (``pair_states``): a key's state after the last fill of each file, in pairing
  order (where the next fill comes from another file, or none follows), with that fill's order.
  In a log written in time order that is exactly one state per key and file boundary;
* **round trips** (``round_trips``), keyed by their closing fill;
* **flip remarks** (``pairing_notes``, kind ``flip``) and **out-of-order remarks** (kind ``order``).

When a refresh changes a key's fills (a file grew, was rewritten or deleted, or a later line
closed an execution by its ``order_id`` and so turned it into a logged trade's entry, or undid
that), let *d* be the earliest changed fill in pairing order and *D* the latest.  The key is
re-paired from its latest checkpoint before *d*: every fill after that checkpoint is replayed,
producing new round trips, flips and checkpoints.  From *D* on, at each file boundary the new state
is compared with the stored checkpoint of the same fill: equal means everything after it is
unchanged (same state, same fills), so the replay stops there and keeps the rest.  Appending to
the newest file therefore continues from the stored state of that file; a change to an older
file re-pairs from that file forward, and only until the positions agree again.

Out-of-order remarks depend on file order, not on pairing: a fill is out of order when it is
earlier in time than the key's fill read just before it (file, line).  A changed fill can only
change its own remark and its successor's, so only those are recomputed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from trading_bot.performance.cache.codec import (
    FILL_COLUMNS,
    TRIP_STORED_COLUMNS,
    decode_pair_key,
    fill_from_row,
    from_micros,
    state_from_json,
    state_to_json,
    to_micros,
    trip_row,
)
from trading_bot.performance.cache.store import ROLE_EFFECTIVE, CacheStore
from trading_bot.performance.core.decimals import exact_sums
from trading_bot.performance.core.pairing import Fill, KeyPairer, KeyState
from trading_bot.performance.ingest.window_read import flip_text, out_of_order_example

#: A fill's place in pairing order as stored: (event_us, file, line).
StoredOrder = tuple[int, str, int]

_FILLS = ", ".join(FILL_COLUMNS)
_TRIP_INSERT = (f"INSERT OR REPLACE INTO round_trips ({', '.join(TRIP_STORED_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(TRIP_STORED_COLUMNS))})")
_AFTER = "(event_us, file, line) > (?, ?, ?)"
_UP_TO = "(event_us, file, line) <= (?, ?, ?)"


class DirtyFills:
    """Fills a refresh changed, per stored pair key: earliest and latest in pairing order, and
    their (file, line) for the out-of-order remarks.  (Plain classes here: a dataclass costs
    0.4 ms to create at every start-up.)"""

    __slots__ = ("places", "spans")

    def __init__(self) -> None:
        self.spans: dict[str, list[StoredOrder]] = {}
        self.places: dict[str, set[tuple[str, int]]] = {}

    def add(self, pair_key: str, event_us: int, file_name: str, line: int) -> None:
        order = (event_us, file_name, line)
        span = self.spans.get(pair_key)
        if span is None:
            self.spans[pair_key] = [order, order]
        elif order < span[0]:
            span[0] = order
        elif order > span[1]:
            span[1] = order
        self.places.setdefault(pair_key, set()).add((file_name, line))

    def __bool__(self) -> bool:
        return bool(self.spans)


class RepairStats:
    """What re-pairing did: the exit instants of round trips it removed or added (their local
    days' aggregates are stale), fills replayed, and keys that converged early."""

    __slots__ = ("changed_us", "converged", "fills_replayed")

    def __init__(self) -> None:
        self.changed_us: list[int] = []
        self.fills_replayed = 0
        self.converged = 0


def repair(store: CacheStore, dirty: DirtyFills) -> RepairStats:
    """Re-pair every key with changed fills (inside the refresh's write transaction)."""
    stats = RepairStats()
    for pair_key in sorted(dirty.spans):
        low, high = dirty.spans[pair_key]
        _repair_key(store, pair_key, low, high, stats)
        _renote_order(store, pair_key, dirty.places[pair_key])
    return stats


def _repair_key(store: CacheStore, pair_key: str, low: StoredOrder, high: StoredOrder,
                stats: RepairStats) -> None:
    connection = store.connection
    key = decode_pair_key(pair_key)
    row = connection.execute(
        "SELECT last_us, last_file, last_line, state FROM pair_states WHERE pair_key = ? "
        "AND (last_us, last_file, last_line) < (?, ?, ?) "
        "ORDER BY last_us DESC, last_file DESC, last_line DESC LIMIT 1",
        (pair_key, *low)).fetchone()
    start: StoredOrder | None = None
    state = KeyState(key)
    if row is not None:
        start = (row[0], row[1], row[2])
        state = state_from_json(row[3], key, (from_micros(row[0]), row[1], row[2]))
    bound = f"AND {_AFTER} " if start is not None else ""
    cursor = connection.execute(
        f"SELECT {_FILLS} FROM lines INDEXED BY lines_fills WHERE pair_key = ? "
        f"AND role = {ROLE_EFFECTIVE} {bound}ORDER BY event_us, file, line",
        (pair_key, *start) if start is not None else (pair_key,))
    pairer = KeyPairer(state)
    checkpoints: list[tuple[Any, ...]] = []
    trips: list[tuple[Any, ...]] = []
    flips: list[tuple[Any, ...]] = []
    stop: StoredOrder | None = None
    previous: Fill | None = None
    first_file: str | None = None

    def boundary(fill: Fill) -> StoredOrder | None:
        """Store the state after ``fill``; its order if the replay has converged there."""
        order = (to_micros(fill.at), fill.order[1], fill.order[2])
        text = state_to_json(pairer.state())
        checkpoints.append((pair_key, *order, text))
        if order >= high:   # every change is at or before it: the rest replays the same
            old = connection.execute(
                "SELECT state FROM pair_states WHERE pair_key = ? AND last_us = ? "
                "AND last_file = ? AND last_line = ?", (pair_key, *order)).fetchone()
            if old is not None and old[0] == text:
                return order
        return None

    with exact_sums():
        for fill_row in cursor:
            fill = fill_from_row(fill_row, key)
            if previous is None:
                first_file = fill.order[1]
            elif fill.order[1] != previous.order[1]:
                stop = boundary(previous)
                if stop is not None:
                    break
            trip, flip = pairer.add(fill)
            stats.fills_replayed += 1
            if trip is not None:
                trips.append(trip_row(trip, pair_key))
            if flip is not None:
                flips.append((fill.order[1], fill.order[2], "flip", pair_key,
                              to_micros(fill.at), flip_text(flip)))
            previous = fill
        else:
            if previous is not None:
                stop = boundary(previous)
    cursor.close()
    if stop is not None:
        stats.converged += 1
    _replace_range(store, pair_key, start, stop, checkpoints, trips, flips, stats)
    if start is not None and first_file == start[1]:
        # The start is no longer a file boundary: the file it ended grew past it.
        connection.execute(
            "DELETE FROM pair_states WHERE pair_key = ? AND last_us = ? AND last_file = ? "
            "AND last_line = ?", (pair_key, *start))


def _replace_range(store: CacheStore, pair_key: str, start: StoredOrder | None,
                   stop: StoredOrder | None, checkpoints: list[tuple[Any, ...]],
                   trips: list[tuple[Any, ...]], flips: list[tuple[Any, ...]],
                   stats: RepairStats) -> None:
    """Swap what the replay covered, ``(start, stop]``, for what it produced."""
    connection = store.connection
    where = "pair_key = ?"
    parameters: list[Any] = [pair_key]
    if start is not None:
        where += f" AND {_AFTER}"
        parameters += start
    if stop is not None:
        where += f" AND {_UP_TO}"
        parameters += stop
    state_where = (where.replace("(event_us, file, line)", "(last_us, last_file, last_line)"))
    stats.changed_us.extend(event_us for event_us, in connection.execute(
        f"SELECT event_us FROM round_trips WHERE {where}", parameters))
    connection.execute(f"DELETE FROM round_trips WHERE {where}", parameters)
    connection.execute(f"DELETE FROM pair_states WHERE {state_where}", parameters)
    connection.execute(f"DELETE FROM pairing_notes WHERE kind = 'flip' AND {where}", parameters)
    connection.executemany("INSERT OR REPLACE INTO pair_states VALUES (?, ?, ?, ?, ?)",
                           checkpoints)
    connection.executemany(_TRIP_INSERT, trips)
    connection.executemany("INSERT OR REPLACE INTO pairing_notes VALUES (?, ?, ?, ?, ?, ?)",
                           flips)
    stats.changed_us.extend(row[3] for row in trips)


def _renote_order(store: CacheStore, pair_key: str, places: Iterable[tuple[str, int]]) -> None:
    """Recompute the out-of-order remarks of the changed fills and of their successors.

    Per file with changed fills, one scan in file order from the fill before the first change
    to the fill after the last: the cost follows the changed files, not the key's history.
    """
    connection = store.connection
    by_file: dict[str, list[int]] = {}
    for file_name, line in places:
        by_file.setdefault(file_name, []).append(line)
    notes: list[tuple[Any, ...]] = []
    for file_name in sorted(by_file):
        first, last = min(by_file[file_name]), max(by_file[file_name])
        before = connection.execute(
            "SELECT file, line, event_us FROM lines INDEXED BY lines_fills_by_file "
            f"WHERE pair_key = ? AND role = {ROLE_EFFECTIVE} AND (file, line) < (?, ?) "
            "ORDER BY file DESC, line DESC LIMIT 1", (pair_key, file_name, first)).fetchone()
        connection.execute(
            "DELETE FROM pairing_notes WHERE file = ? AND line BETWEEN ? AND ? "
            "AND kind = 'order' AND pair_key = ?", (file_name, first, last, pair_key))
        for current in _scan_from(store, pair_key, file_name, first, last):
            if (current[0], current[1]) > (file_name, last):   # the successor
                connection.execute("DELETE FROM pairing_notes WHERE file = ? AND line = ? "
                                   "AND kind = 'order'", (current[0], current[1]))
            if before is not None and current[2] < before[2]:
                notes.append((current[0], current[1], "order", pair_key, current[2],
                              out_of_order_example(
                                  f"{current[0]}:{current[1]}", from_micros(current[2]),
                                  f"{before[0]}:{before[1]}", from_micros(before[2]))))
            before = current
    connection.executemany("INSERT OR REPLACE INTO pairing_notes VALUES (?, ?, ?, ?, ?, ?)",
                           notes)


def _scan_from(store: CacheStore, pair_key: str, file_name: str, first: int,
               last: int) -> list[tuple[str, int, int]]:
    """The key's fills in file order from ``(file_name, first)`` to the first after ``last``."""
    found: list[tuple[str, int, int]] = []
    cursor = store.connection.execute(
        "SELECT file, line, event_us FROM lines INDEXED BY lines_fills_by_file "
        f"WHERE pair_key = ? AND role = {ROLE_EFFECTIVE} AND (file, line) >= (?, ?) "
        "ORDER BY file, line", (pair_key, file_name, first))
    for row in cursor:
        found.append(row)
        if (row[0], row[1]) > (file_name, last):
            break
    cursor.close()
    return found


def latest_states(store: CacheStore, before_us: int) -> Mapping[str, tuple[KeyState, StoredOrder]]:
    """Each key's latest checkpoint whose last fill is before ``before_us`` (pairing order)."""
    found: dict[str, tuple[KeyState, StoredOrder]] = {}
    connection = store.connection
    keys = [row[0] for row in connection.execute("SELECT DISTINCT pair_key FROM pair_states")]
    for pair_key in keys:
        row = connection.execute(
            "SELECT last_us, last_file, last_line, state FROM pair_states WHERE pair_key = ? "
            "AND last_us < ? ORDER BY last_us DESC, last_file DESC, last_line DESC LIMIT 1",
            (pair_key, before_us)).fetchone()
        key = decode_pair_key(pair_key)
        if row is None:
            found[pair_key] = (KeyState(key), (-1, "", 0))
        else:
            found[pair_key] = (state_from_json(row[3], key, (from_micros(row[0]), row[1],
                                                             row[2])), (row[0], row[1], row[2]))
    return found


def states_at(store: CacheStore, as_of_us: int) -> list[KeyState]:
    """Every key's state after its fills before ``as_of_us``: its open lots at that instant.

    From the latest checkpoint before the instant, the few fills after it are replayed.
    """
    states = []
    connection = store.connection
    with exact_sums():
        for pair_key, (state, start) in latest_states(store, as_of_us).items():
            pairer = KeyPairer(state)
            for fill_row in connection.execute(
                    f"SELECT {_FILLS} FROM lines INDEXED BY lines_fills WHERE pair_key = ? "
                    f"AND role = {ROLE_EFFECTIVE} AND {_AFTER} AND event_us < ? "
                    "ORDER BY event_us, file, line", (pair_key, *start, as_of_us)):
                pairer.add(fill_from_row(fill_row, state.key))
            states.append(pairer.state())
    return states


__all__ = ["DirtyFills", "RepairStats", "latest_states", "repair", "states_at"]
