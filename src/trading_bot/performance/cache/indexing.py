"""Bringing the cache up to date with the logs: the incremental rules of DESIGN.md's Cache section.

Per file, by its fingerprint:

* **unchanged** (same inode, size, mtime and ctime): not opened at all;
* **grown** (the checksum of the already-parsed prefix still matches): parsed from the stored
  offset only, with line numbers continuing; a torn last line is left for the next run;
* **anything else** (rewritten, truncated, replaced): that file alone is forgotten and re-read;
* **deleted** (or no longer readable as a log): its lines leave the cache.

After each batch the rules that span files are re-applied for exactly the orders the batch
touched (supersession is per ``order_id``, so that is exact), every pairing key whose executions
changed is re-paired from its stored state at a file boundary (:mod:`.pairs`), and the day
aggregates whose local days contain a changed closed line or round trip are dropped.  Day
aggregates for the tracker's configuration are rebuilt straight from what the parse produced
when that is provably the same as folding the stored trades (see
:func:`_store_fresh_aggregates`); otherwise they are folded again from the stored trades the
first time a window needs them.

Many files (a cold rebuild, a backfill of old logs) are parsed by worker processes, one file per
task, in file order; their results are applied by this process in the same order as the serial
path, so both give identical caches.
"""

from __future__ import annotations

import gc
import hashlib
import json
import marshal
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from itertools import groupby, pairwise
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trading_bot.performance.cache.codec import (
    LINE_COLUMNS,
    aggregate_from_json,
    aggregate_to_json,
    key_in,
    key_out,
    line_row,
    to_micros,
)
from trading_bot.performance.cache.pairs import DirtyFills, repair
from trading_bot.performance.cache.store import (
    MAX_DAY_US,
    ROLE_DUPLICATE,
    ROLE_EFFECTIVE,
    ROLE_REOPENED,
    ROLE_SUPERSEDED,
    CacheStore,
    FileState,
)
from trading_bot.performance.core.aggregate import (
    BUILTIN_DIMENSIONS,
    Aggregate,
    ClosedTrade,
    OrderKey,
    fold,
    merge_all,
)
from trading_bot.performance.core.decimals import ZERO
from trading_bot.performance.core.dimensions import KEY_RULES
from trading_bot.performance.core.filters import NO_FILTER, TradeFilter
from trading_bot.performance.core.timestamps import day_end, day_start, resolve_timezone
from trading_bot.performance.ingest.closed_trades import closed_trade
from trading_bot.performance.ingest.logfiles import DayFile, Directory
from trading_bot.performance.ingest.reader import scan_file

if TYPE_CHECKING:
    from concurrent.futures import Executor

_PAIR_KEY = LINE_COLUMNS.index("pair_key")
#: Parse in worker processes only when there is enough to parse to repay starting them.
PARALLEL_MIN_FILES = 4
PARALLEL_MIN_BYTES = 8 * 1024 * 1024
#: Commit after about this many bytes: an interrupted rebuild resumes from the last commit.
BATCH_BYTES = 64 * 1024 * 1024
BATCH_FILES = 64


@dataclass(frozen=True, slots=True)
class IndexConfig:
    """What day aggregates depend on besides the lines: the timezone, the extra groupings, and
    whether round trips paired from executions count (with their breakeven band), and which
    trades a ``--where`` filter keeps (a filtered configuration's day aggregates hold only the
    matching trades, so they are stored under their own key and folded from the stored trades;
    refreshes index with the unfiltered configuration, see :func:`_store_fresh_aggregates`)."""

    zone_name: str
    group_by: tuple[str, ...] = ()
    paired: bool = False
    band: Decimal = ZERO
    where: TradeFilter = NO_FILTER

    @property
    def key(self) -> str:
        # The built-in breakdowns are part of what a stored aggregate holds: day aggregates
        # stored before a breakdown joined the dimension catalogue never answer for it.
        # KEY_RULES: how keys are derived (exit reasons by template since 2).
        parts: list[Any] = [self.zone_name, list(self.group_by), list(BUILTIN_DIMENSIONS),
                            KEY_RULES]
        if self.paired:
            parts.append(["pairs", str(self.band)])
        if self.where.active:
            parts.append(["where", self.where.to_dict()])
        # Stored as a digest: the spelled-out key (about 170 bytes) sat in every day aggregate's
        # row and index entry, more than a one-trade day's own data.
        text = json.dumps(parts, separators=(",", ":"))
        return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


@dataclass(frozen=True, slots=True)
class DayPartial:
    """The fold of one file's closed trades realized on one local day, and its first/last key."""

    day: date
    aggregate: Aggregate
    first_key: OrderKey
    last_key: OrderKey


@dataclass(frozen=True, slots=True)
class ParseTask:
    """One file (or its new tail) to parse; plain values so it can go to a worker process."""

    path: str
    name: str
    day: date
    start_offset: int
    first_line: int
    zone_name: str
    group_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """What parsing produced: stored rows, bad lines, day partials and the new fingerprint."""

    task: ParseTask
    rows: list[tuple[Any, ...]]
    bad_rows: list[tuple[str, int, str]]
    partials: tuple[DayPartial, ...]
    prefix_digest: bytes
    digest: bytes
    end_offset: int
    next_line: int
    lines_read: int
    bytes_read: int
    max_hold_us: int
    tail_bytes: int = 0
    tail_carriage_returns: int = 0
    packed_rows: bytes | None = None   # rows in transit from a worker (parse_file_packed)


def parse_file(task: ParseTask) -> ParsedFile:
    """Parse one file from its offset (runs in a worker process for large rebuilds).

    The cyclic garbage collector is paused meanwhile: a file's parse makes a few containers per
    line and no reference cycles, yet each line's allocations set off collections that walk
    every object already built (about 5 us a line, 7% of parsing a 2,000-line file).
    Reference counting still frees everything as usual.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse_file(task)
    finally:
        if collecting:
            gc.enable()


def _parse_file(task: ParseTask) -> ParsedFile:
    scan = scan_file(DayFile(Path(task.path), task.day), start_offset=task.start_offset,
                     first_line_number=task.first_line)
    zone = resolve_timezone(task.zone_name)
    rows: list[tuple[Any, ...]] = []
    by_day: dict[date, list[ClosedTrade]] = {}
    max_hold = 0
    for logged in scan.trades:
        trade = (closed_trade(logged, zone, task.group_by)
                 if logged.record.is_closed else None)
        row = line_row(logged, trade)
        rows.append(row)
        if trade is not None:
            by_day.setdefault(trade.local_day, []).append(trade)
            max_hold = max(max_hold, row[5] - row[6])
    partials = []
    for day, trades in by_day.items():
        trades.sort(key=attrgetter("key"))
        partials.append(DayPartial(day, fold(trades, tail_size=0), trades[0].key, trades[-1].key))
    return ParsedFile(
        task=task,
        rows=rows,
        bad_rows=[(bad.file_name, bad.line, bad.reason) for bad in scan.bad_lines],
        partials=tuple(partials),
        prefix_digest=scan.prefix_digest,
        digest=scan.digest,
        end_offset=scan.end_offset,
        next_line=scan.next_line_number,
        lines_read=scan.lines_read,
        bytes_read=scan.bytes_read,
        max_hold_us=max_hold,
        tail_bytes=scan.torn_tail_bytes,
        tail_carriage_returns=scan.torn_tail_carriage_returns,
    )


@dataclass(frozen=True, slots=True)
class Change:
    """A file whose stat no longer matches the cache, and what to do about it."""

    kind: str  # "new", "grown", "rewritten" or "deleted"
    name: str
    day_file: DayFile | None
    stat: os.stat_result | None
    state: FileState | None

    @property
    def pending_bytes(self) -> int:
        if self.stat is None:
            return 0
        offset = self.state.parsed_offset if self.kind == "grown" and self.state else 0
        return max(self.stat.st_size - offset, 0)


@dataclass
class RefreshStats:
    """What one refresh did, for the INFO log line and the benchmark."""

    files_checked: int = 0
    files_unchanged: int = 0
    files_read: int = 0
    files_grown: int = 0
    files_reread: int = 0
    files_deleted: int = 0
    files_skipped: int = 0
    bytes_parsed: int = 0
    lines_parsed: int = 0
    workers: int = 0
    #: Fills re-paired (replayed from a stored state), and keys whose re-pair stopped early
    #: because their state agreed again with the stored one.
    fills_paired: int = 0
    keys_converged: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def plan_changes(directory: Directory, states: dict[str, FileState]) -> tuple[list[Change], int]:
    """Stat every log file against the cache; return what changed and how many are unchanged."""
    changes: list[Change] = []
    unchanged = 0
    present: set[str] = set()
    for day in sorted(directory.files):
        day_file = directory.files[day]
        present.add(day_file.name)
        state = states.get(day_file.name)
        try:
            stat = os.stat(day_file.fspath)
        except OSError:
            stat = None
        if state is None or not state.digest or stat is None:
            kind = "new" if state is None else "rewritten"
        elif state.same_stat(stat):
            unchanged += 1
            continue
        elif stat.st_size < state.parsed_offset:
            kind = "rewritten"
        else:
            kind = "grown"
        changes.append(Change(kind, day_file.name, day_file, stat, state))
    for name in sorted(set(states) - present):
        changes.append(Change("deleted", name, None, None, states[name]))
    return changes, unchanged


def refresh(store: CacheStore, directory: Directory, config: IndexConfig, *,
            max_workers: int | None = None) -> RefreshStats:
    """Bring ``store`` up to date with ``directory``; return what it took."""
    began = time.perf_counter()
    stats = RefreshStats(files_checked=len(directory.files), files_skipped=len(directory.skipped))
    with store.read():
        maybe_changed = _stat_changed(directory, store.file_fingerprints())
        states = store.file_states(sorted(maybe_changed))
    changes, _ = plan_changes(_subset_named(directory, maybe_changed), states)
    stats.files_unchanged = len(directory.files) - sum(
        1 for change in changes if change.kind != "deleted")
    parallel = _worth_parallel(changes, max_workers)   # once: per batch it was quadratic
    executor: Executor | None = None
    try:
        for batch in _batches(changes):
            with store.write():
                # Another run may have indexed these files (or the bot rewritten them) while we
                # waited for the lock: what to do with each file is decided again, from the
                # state stored now and a new stat, never from the plan made before the lock.
                fresh, _ = plan_changes(_subset(batch), _states_of(store, batch))
                current = {change.name: change for change in fresh}
                batch = [current[change.name] if change.kind != "deleted" else change
                         for change in batch
                         if change.name in current
                         or (change.kind == "deleted" and _still_stored(store, change.name))]
                if not batch:
                    continue
                if executor is None and parallel:
                    executor = _start_workers(max_workers)
                    stats.workers = getattr(executor, "_max_workers", 0)
                _apply_batch(store, batch, config, executor, stats)
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
    stats.seconds = time.perf_counter() - began
    return stats


def _stat_changed(directory: Directory, fingerprints: dict[str, tuple[int | None, ...]]
                  ) -> set[str]:
    """Names of files whose stat differs from the stored fingerprint, new or gone files, and
    files stored without a digest: the only ones :func:`plan_changes` needs to look at.

    The warm path: one stat (of the listing's string path: no ``Path`` built) and one tuple
    comparison per file, no FileState built, nothing added to a set for an unchanged file.
    """
    changed: set[str] = set()
    stat = os.stat
    get = fingerprints.get
    stored_present = 0
    for day_file in directory.files.values():
        name = day_file.name
        stored = get(name)
        if stored is not None:
            stored_present += 1
            try:
                found = stat(day_file.fspath)
            except OSError:
                changed.add(name)   # plan_changes says what it is now
                continue
            if stored == (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns, 1):
                continue
        changed.add(name)
    if stored_present < len(fingerprints):   # some stored files are no longer listed
        listed = {day_file.name for day_file in directory.files.values()}
        changed.update(name for name in fingerprints if name not in listed)
    return changed


def _subset_named(directory: Directory, names: set[str]) -> Directory:
    if not names:
        return Directory({}, ())
    if len(names) >= len(directory.files):
        return directory
    return Directory({day: day_file for day, day_file in directory.files.items()
                      if day_file.name in names}, ())


def _subset(batch: Sequence[Change]) -> Directory:
    """The batch's files as a directory of their own: planned again without visiting the rest."""
    return Directory({change.day_file.day: change.day_file for change in batch
                      if change.day_file is not None}, ())


def _states_of(store: CacheStore, batch: Sequence[Change]) -> dict[str, FileState]:
    """The stored states of the batch's files only: re-reading every file's state per batch
    made indexing many files quadratic."""
    return store.file_states([change.name for change in batch])


def _still_stored(store: CacheStore, name: str) -> bool:
    return store.connection.execute("SELECT 1 FROM files WHERE name = ?",
                                    (name,)).fetchone() is not None


def _batches(changes: Sequence[Change]) -> Iterator[list[Change]]:
    batch: list[Change] = []
    size = 0
    for change in changes:
        batch.append(change)
        size += change.pending_bytes
        if size >= BATCH_BYTES or len(batch) >= BATCH_FILES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _worth_parallel(changes: Sequence[Change], max_workers: int | None) -> bool:
    """Enough to parse, in files large enough: each batch (at most :data:`BATCH_FILES` files)
    waits for its workers before it is applied, so a batch of small files costs more in
    hand-offs than it saves.  20,000 one-trade files took 22 s with two workers, 7.8 s without;
    a batch must hold :data:`PARALLEL_MIN_BYTES` on average to be worth them."""
    if max_workers is not None and max_workers < 2:
        return False
    to_parse = [change for change in changes if change.kind != "deleted"]
    pending = sum(change.pending_bytes for change in to_parse)
    return (len(to_parse) >= PARALLEL_MIN_FILES
            and pending >= PARALLEL_MIN_BYTES
            and pending >= len(to_parse) * (PARALLEL_MIN_BYTES // BATCH_FILES)
            and (os.cpu_count() or 1) > 1)


def _start_workers(max_workers: int | None) -> Executor:
    """Worker processes started fresh (spawn): no inherited SQLite handles or locks.

    Imported here: a warm run never starts workers and should not pay for the import.
    """
    # lazy: multiprocessing costs a warm run 6.7 ms to import, and only a rebuild starts workers
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    workers = max_workers or min(os.cpu_count() or 1, 8)
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))


def _task(change: Change, config: IndexConfig, *, whole: bool) -> ParseTask:
    assert change.day_file is not None
    state = change.state
    from_offset = not whole and change.kind == "grown" and state is not None
    return ParseTask(str(change.day_file.path), change.name, change.day_file.day,
                     state.parsed_offset if from_offset and state else 0,
                     state.next_line if from_offset and state else 1,
                     config.zone_name, config.group_by)


def _parse_all(tasks: Sequence[ParseTask], executor: Executor | None) -> Iterator[ParsedFile]:
    if executor is None or len(tasks) < 2:
        return map(parse_file, tasks)
    return map(_unpack, executor.map(parse_file_packed, tasks))


def parse_file_packed(task: ParseTask) -> ParsedFile:
    """:func:`parse_file` for a worker process: its rows travel as one ``marshal`` blob.

    Pickling the row tuples cost the worker 6.4 us a row (2,000-line file), marshal 0.9 us;
    the parent's decoding costs about the same either way (2.6 against 3.0 us).  The rows are
    plain text, integers, bytes and None, which marshal round-trips exactly.
    """
    parsed = parse_file(task)
    return replace(parsed, rows=[], packed_rows=marshal.dumps(parsed.rows))


def _unpack(parsed: ParsedFile) -> ParsedFile:
    if parsed.packed_rows is None:
        return parsed
    return replace(parsed, rows=marshal.loads(parsed.packed_rows), packed_rows=None)


@dataclass
class _BatchEffects:
    """What a batch changed, collected while applying it."""

    orders: set[str] = field(default_factory=set)
    #: Orders that lost stored lines (a file forgotten): their remaining lines may change role.
    lost_orders: set[str] = field(default_factory=set)
    fills: DirtyFills = field(default_factory=DirtyFills)
    dirty_us: list[int] = field(default_factory=list)
    disturbed_us: list[int] = field(default_factory=list)
    partials: list[DayPartial] = field(default_factory=list)
    grown_days_us: list[int] = field(default_factory=list)
    max_hold_us: int = 0


def _apply_batch(store: CacheStore, batch: Sequence[Change], config: IndexConfig,
                 executor: Executor | None, stats: RefreshStats) -> None:
    effects = _BatchEffects()
    for change in batch:
        if change.kind == "deleted":
            _forget(store, change.name, effects)
            stats.files_deleted += 1
    to_parse = [change for change in batch if change.kind != "deleted"]
    tasks = [_task(change, config, whole=False) for change in to_parse]
    for change, parsed in zip(to_parse, _parse_all(tasks, executor), strict=True):
        if change.kind == "grown" and change.state is not None \
                and parsed.prefix_digest != change.state.digest:
            parsed = parse_file(_task(change, config, whole=True))  # rewritten, not grown
            change = Change("rewritten", change.name, change.day_file, change.stat, change.state)
        _store_parsed(store, change, parsed, effects, stats)
    roles_changed = _resolve_roles(store, _orders_to_resolve(store, effects), effects.fills)
    effects.dirty_us.extend(roles_changed)
    effects.disturbed_us.extend(roles_changed)
    if effects.fills:
        repaired = repair(store, effects.fills)
        effects.dirty_us.extend(repaired.changed_us)
        effects.disturbed_us.extend(repaired.changed_us)
        stats.fills_paired += repaired.fills_replayed
        stats.keys_converged += repaired.converged
    zone = resolve_timezone(config.zone_name)
    kept = _load_existing(store, config, effects)
    for first_us, last_us in _utc_day_clusters(effects.dirty_us):
        store.drop_day_aggregates(first_us, last_us)
    _store_fresh_aggregates(store, config, zone, effects, kept)
    if effects.max_hold_us > store.meta_int("max_hold_us"):
        store.set_meta("max_hold_us", effects.max_hold_us)
    store.set_meta("generation", store.meta_int("generation") + 1)


def _forget(store: CacheStore, name: str, effects: _BatchEffects) -> None:
    for order_id, event_us, closed, pair_key, role, line in store.forget_file(name):
        effects.orders.add(order_id)
        effects.lost_orders.add(order_id)
        if closed:
            effects.dirty_us.append(event_us)
            effects.disturbed_us.append(event_us)
        elif pair_key is not None and role == ROLE_EFFECTIVE:
            effects.fills.add(pair_key, event_us, name, line)


def _store_parsed(store: CacheStore, change: Change, parsed: ParsedFile, effects: _BatchEffects,
                  stats: RefreshStats) -> None:
    appended = change.kind == "grown" and parsed.task.start_offset > 0
    if not appended and change.state is not None:
        _forget(store, change.name, effects)
    if change.kind == "grown":
        stats.files_grown += 1
    elif change.kind == "rewritten":
        stats.files_reread += 1
    stats.files_read += 1
    stats.bytes_parsed += parsed.bytes_read
    stats.lines_parsed += parsed.lines_read
    store.insert_lines(parsed.rows)
    store.insert_bad_lines(parsed.bad_rows)
    for row in parsed.rows:
        effects.orders.add(row[2])
        if row[4]:
            effects.dirty_us.append(row[5])
        else:
            effects.fills.add(row[_PAIR_KEY], row[5], row[0], row[1])
    effects.partials.extend(parsed.partials)
    if appended:
        effects.grown_days_us.extend(row[5] for row in parsed.rows if row[4])
    effects.max_hold_us = max(effects.max_hold_us, parsed.max_hold_us)
    stat = change.stat
    previous = change.state if appended else None
    unreadable = not parsed.digest
    store.put_file(FileState(
        name=change.name,
        inode=None if stat is None or unreadable else stat.st_ino,
        size=None if stat is None or unreadable else stat.st_size,
        mtime_ns=None if stat is None or unreadable else stat.st_mtime_ns,
        ctime_ns=None if stat is None or unreadable else stat.st_ctime_ns,
        parsed_offset=parsed.end_offset,
        next_line=parsed.next_line,
        digest=parsed.digest,
        lines_read=parsed.lines_read + (previous.lines_read if previous else 0),
        valid_lines=len(parsed.rows) + (previous.valid_lines if previous else 0),
        tail_bytes=parsed.tail_bytes,
        tail_carriage_returns=parsed.tail_carriage_returns,
    ))


def _orders_to_resolve(store: CacheStore, effects: _BatchEffects) -> set[str]:
    """The batch's orders whose lines may change role: those with several stored lines, and
    those that lost lines.  An order whose one stored line was just inserted keeps it
    effective (its default), so resolving it would change nothing: a cold rebuild of unique
    order ids read every line back for nothing (an index probe per order replaces that)."""
    added_only = sorted(effects.orders - effects.lost_orders)
    return set(store.repeated_among(added_only)) | effects.lost_orders


def _resolve_roles(store: CacheStore, orders: Iterable[str], fills: DirtyFills) -> list[int]:
    """Re-apply supersession to every line of the given orders; return changed closed events.

    The same rules as :func:`reader.build_ledger`, per order in (file, line) order: a repeat of
    the effective line is a duplicate, an open line after a close is ignored (reopened), any
    other later line supersedes the effective one.  An open line that becomes or stops being
    effective is a fill that appears or disappears: it goes into ``fills`` to be re-paired.
    """
    updates: list[tuple[int, str, int]] = []
    changed_events: list[int] = []
    rows = store.lines_of_orders(sorted(orders))
    for _, lines in groupby(rows, key=itemgetter(0)):
        roles: dict[tuple[str, int], int] = {}
        effective: tuple[Any, ...] | None = None
        group = list(lines)
        for row in group:
            _, file_name, line, digest, closed, _, _, _ = row
            if effective is None:
                roles[(file_name, line)] = ROLE_EFFECTIVE
                effective = row
            elif effective[3] == digest:
                roles[(file_name, line)] = ROLE_DUPLICATE
            elif effective[4] and not closed:
                roles[(file_name, line)] = ROLE_REOPENED
            else:
                roles[(effective[1], effective[2])] = ROLE_SUPERSEDED
                roles[(file_name, line)] = ROLE_EFFECTIVE
                effective = row
        for _, file_name, line, _, closed, old_role, event_us, pair_key in group:
            role = roles[(file_name, line)]
            if role != old_role:
                updates.append((role, file_name, line))
                if closed:
                    changed_events.append(event_us)
                elif pair_key is not None and ROLE_EFFECTIVE in (role, old_role):
                    fills.add(pair_key, event_us, file_name, line)
    store.set_roles(updates)
    return changed_events


def _utc_day_clusters(events_us: Iterable[int]) -> list[tuple[int, int]]:
    """(first, last) event per UTC day among ``events_us``: one DELETE per day touched."""
    day_us = 86_400_000_000
    spans: dict[int, list[int]] = {}
    for event in events_us:
        span = spans.setdefault(event // day_us, [event, event])
        if event < span[0]:
            span[0] = event
        elif event > span[1]:
            span[1] = event
    return [(first, last) for first, last in spans.values()]


@dataclass(frozen=True, slots=True)
class _StoredDay:
    aggregate: Aggregate
    first_key: OrderKey
    last_key: OrderKey


def _load_existing(store: CacheStore, config: IndexConfig,
                   effects: _BatchEffects) -> dict[date, _StoredDay]:
    """Day aggregates an append can extend instead of refolding, read before they are dropped.

    Only days that received appended trades and lost or re-roled none of their stored trades.
    """
    if not effects.grown_days_us:
        return {}
    disturbed = sorted(effects.disturbed_us)
    kept: dict[date, _StoredDay] = {}
    first, last = min(effects.grown_days_us), max(effects.grown_days_us)
    for day_text, start_us, end_us, closed, first_key, last_key, data in store.connection.execute(
            "SELECT day, start_us, end_us, closed, first_key, last_key, data FROM day_aggregates "
            "WHERE config = ? AND start_us <= ? AND start_us > ? AND end_us > ?",
            (config.key, last, first - MAX_DAY_US, first)):
        if closed == 0 or any(start_us <= event < end_us for event in disturbed):
            continue
        kept[date.fromisoformat(day_text)] = _StoredDay(
            aggregate_from_json(data), _key(first_key), _key(last_key))
    return kept


def _key(text: str) -> OrderKey:
    key = key_in(json.loads(text))
    if key is None:
        raise ValueError("a stored day aggregate without its first or last trade")
    return key


def _store_fresh_aggregates(store: CacheStore, config: IndexConfig, zone: Any,
                            effects: _BatchEffects, kept: dict[date, _StoredDay]) -> None:
    """Store day aggregates built from the parse itself when that equals folding the store.

    A day qualifies when its pieces (a kept stored aggregate plus this batch's per-file
    partials) cover disjoint, ordered spans of realization keys, and every closed line the store
    holds for the day is effective and is in exactly those pieces (the counts agree).  Then the
    merge is the fold of the day's trades by the monoid law.  Any other day is left to be folded
    from the stored trades when a window first needs it.

    The parse folds every trade, so its partials are never a filtered configuration's: with a
    ``where`` filter nothing is stored here (the tracker refreshes with the unfiltered
    configuration anyway; this guard keeps the shortcut honest for any caller).
    """
    if config.where.active:
        return
    by_day: dict[date, list[_StoredDay]] = {}
    for partial in effects.partials:
        by_day.setdefault(partial.day, []).append(
            _StoredDay(partial.aggregate, partial.first_key, partial.last_key))
    rows = []
    for day, pieces in by_day.items():
        if day in kept:
            pieces = [kept[day], *pieces]
        pieces.sort(key=attrgetter("first_key"))
        if any(earlier.last_key >= later.first_key for earlier, later in pairwise(pieces)):
            continue
        start_us, end_us = to_micros(day_start(day, zone)), to_micros(day_end(day, zone))
        total, effective = store.connection.execute(
            "SELECT count(*), coalesce(sum(role = 0), 0) FROM lines "
            "WHERE closed = 1 AND event_us >= ? AND event_us < ?", (start_us, end_us)).fetchone()
        count = sum(piece.aggregate.core.closed for piece in pieces)
        if not total == effective == count:
            continue
        if config.paired and store.connection.execute(
                "SELECT 1 FROM round_trips WHERE event_us >= ? AND event_us < ? LIMIT 1",
                (start_us, end_us)).fetchone() is not None:
            continue   # the day has round trips too: folded from the store when first needed
        merged = merge_all((piece.aggregate for piece in pieces), tail_size=0)
        rows.append(day_row(config, day, start_us, end_us, merged, pieces[0].first_key,
                            pieces[-1].last_key))
    store.connection.executemany(
        "INSERT OR REPLACE INTO day_aggregates VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def day_row(config: IndexConfig, day: date, start_us: int, end_us: int, aggregate: Aggregate,
            first_key: OrderKey | None, last_key: OrderKey | None) -> tuple[Any, ...]:
    return (config.key, day.isoformat(), start_us, end_us, aggregate.core.closed,
            None if first_key is None else json.dumps(key_out(first_key)),
            None if last_key is None else json.dumps(key_out(last_key)),
            aggregate_to_json(aggregate))


__all__ = ["IndexConfig", "RefreshStats", "day_row", "parse_file", "plan_changes", "refresh"]
