"""The cache's storage: one SQLite database under ``logs/performance/``.

Why SQLite (standard library, no server):

* **Transactions.**  A refresh indexes a batch of files, resolves supersession for the orders it
  touched and drops the day aggregates it invalidated in one transaction: a reader sees the
  cache before or after, never a half-indexed file.  A run killed mid-write leaves the last
  committed state (WAL journal), which the next run simply continues from.
* **Loading only what a window needs.**  Day aggregates are keyed by (configuration, local day)
  and trades are indexed by realization instant, so a monthly summary loads 30 small rows and
  the last trades of the window, however long the history.
* **Safe concurrent use.**  In WAL mode readers never block and are never blocked; one writer
  at a time (``BEGIN IMMEDIATE``), the others wait on SQLite's busy timeout.

Locking, in full:

1. ``cache.sqlite3.lock`` (``flock``): every run holds it *shared* while it uses the database;
   only discarding a corrupt or foreign-version file takes it *exclusive*, so no run ever has a
   database deleted under it.
2. SQLite's own write lock: a refresh checks fingerprints in a read transaction and, only if a
   file changed, takes the write lock and checks again inside it (another run may just have
   indexed the same bytes), so two runs never index the same bytes twice.
3. ``meta.generation`` counts committed refreshes.  A reader that computed a missing day
   aggregate stores it only if the generation is still the one it read from, so a slow reader
   can never write back an aggregate of lines a concurrent refresh has since replaced.

What is stored (per log file: fingerprint, parsed offset, its valid lines' facts and its bad
lines; per pairing key: its state at each file boundary, its round trips and pairing remarks;
per configuration and local day: the aggregate; per configuration and local month that a
window has read whole: the merge of its days' aggregates, dropped with any of them) is described
by :data:`SCHEMA`.  Day aggregates are kept per *local day* rather than per file because one
local day's trades can sit in two UTC files interleaved in time, and order-dependent state
(streaks, drawdown) only merges across consecutive spans.  The logs stay the only source of
truth: deleting the database at any time costs one rebuild, nothing else.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trading_bot.performance.cache.codec import (
    CLOSED_LINE_COLUMNS,
    LINE_COLUMNS,
    TRIP_STORED_COLUMNS,
)
from trading_bot.performance.errors import OutputError, PerformanceError, os_reason
from trading_bot.performance.storage.durability import ensure_directory
from trading_bot.performance.version import __version__

LOGGER = logging.getLogger("trading_bot.performance")

CACHE_FILE_NAME = "cache.sqlite3"
#: Bump whenever the schema or the meaning of a stored value changes: old caches are rebuilt.
CACHE_FORMAT = 5  # 4: day aggregates carry Moments and the max drawdown peak value;
#                   5: rows equal to an aggregate's core stored as 0, configurations by digest
BUSY_TIMEOUT_SECONDS = 600.0
_SQL_VARIABLES = 500

#: Longer than any local day (the longest are 25 hours, at a DST change): a day touching an
#: instant starts less than this before it, which bounds index range scans by start.
MAX_DAY_US = 2 * 86_400_000_000
#: Longer than any local month (31 days and a DST hour), for the same purpose.
MAX_MONTH_US = 32 * 86_400_000_000

ROLE_EFFECTIVE = 0
ROLE_DUPLICATE = 1
ROLE_SUPERSEDED = 2
ROLE_REOPENED = 3

SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE files (
    name TEXT PRIMARY KEY,          -- YYYY-MM-DD.jsonl, also its order (supersession order)
    inode INTEGER, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER,   -- stat fingerprint
    parsed_offset INTEGER NOT NULL, -- end of the last complete line parsed
    next_line INTEGER NOT NULL,     -- number of the line that starts there
    digest BLOB NOT NULL,           -- blake2b-128 of bytes [0, parsed_offset)
    lines_read INTEGER NOT NULL,
    valid_lines INTEGER NOT NULL,
    tail_bytes INTEGER NOT NULL,    -- bytes after parsed_offset with no newline (yet)
    tail_carriage_returns INTEGER NOT NULL   -- CRs among them: CR-only line ends, not a cut
) WITHOUT ROWID;
CREATE TABLE lines (
    {LINE_COLUMNS[0]} TEXT NOT NULL, {LINE_COLUMNS[1]} INTEGER NOT NULL,
    order_id TEXT NOT NULL, digest BLOB NOT NULL,
    role INTEGER NOT NULL DEFAULT {ROLE_EFFECTIVE},   -- effective, duplicate, superseded, reopened
    closed INTEGER NOT NULL, event_us INTEGER NOT NULL, entry_us INTEGER NOT NULL,
    misplaced INTEGER NOT NULL, inconsistent INTEGER NOT NULL,
    flagged INTEGER NOT NULL,       -- misplaced or inconsistent: worth a look in quality reports
    symbol TEXT NOT NULL, action TEXT NOT NULL, quantity TEXT NOT NULL, price TEXT NOT NULL,
    strategy_name TEXT NOT NULL, execution_mode TEXT NOT NULL, outcome TEXT NOT NULL,
    net TEXT, commission TEXT, hold_seconds TEXT, planned_rr TEXT, r_multiple TEXT,
    entry_type TEXT, exit_reasoning TEXT, indicators TEXT, extras TEXT,
    -- an open line as a fill to pair (all NULL on closed lines); an execution is an open
    -- line whose role is effective (no later line closes it by order_id)
    pair_key TEXT,                  -- [execution_mode, account_id, symbol] as compact JSON
    account_id TEXT, stop_loss TEXT, target TEXT, stated_rr TEXT,
    fill_reason TEXT,               -- exit_reasoning, else decision_reasoning
    PRIMARY KEY (file, line)
) WITHOUT ROWID;
CREATE INDEX lines_by_order ON lines (order_id);
CREATE INDEX lines_closed_by_event ON lines (event_us, role, entry_us)   -- filters in index
    WHERE closed = 1;
CREATE INDEX lines_open ON lines (file) WHERE closed = 0 AND role = {ROLE_EFFECTIVE};
CREATE INDEX lines_not_effective ON lines (file, role, line, order_id)   -- covering: quality
    WHERE role != {ROLE_EFFECTIVE};
CREATE INDEX lines_flagged ON lines (file, line, role, closed, misplaced, inconsistent, outcome,
    net, event_us) WHERE flagged = 1;
CREATE INDEX lines_fills ON lines (pair_key, role, event_us, file, line)  -- pairing order
    WHERE pair_key IS NOT NULL;
CREATE INDEX lines_fills_by_file ON lines (pair_key, role, file, line)    -- file order
    WHERE pair_key IS NOT NULL;
CREATE TABLE pair_states (          -- a key's pairing state after each file boundary
    pair_key TEXT NOT NULL,
    last_us INTEGER NOT NULL, last_file TEXT NOT NULL, last_line INTEGER NOT NULL,  -- last fill
    state TEXT NOT NULL,            -- the position in progress as JSON, null when flat
    PRIMARY KEY (pair_key, last_us, last_file, last_line)
) WITHOUT ROWID;
CREATE TABLE round_trips (
    {TRIP_STORED_COLUMNS[0]} TEXT NOT NULL, line INTEGER NOT NULL,   -- the closing fill
    order_id TEXT NOT NULL, event_us INTEGER NOT NULL, symbol TEXT NOT NULL,
    entry_value TEXT NOT NULL, net TEXT NOT NULL, commission TEXT NOT NULL,
    hold_seconds TEXT, planned_rr TEXT, r_multiple TEXT, strategy_name TEXT NOT NULL,
    entry_type TEXT, action TEXT NOT NULL, execution_mode TEXT NOT NULL, exit_reasoning TEXT,
    indicators TEXT, extras TEXT, pair_key TEXT NOT NULL, entry_us INTEGER NOT NULL,
    fills INTEGER NOT NULL,
    PRIMARY KEY (file, line)
) WITHOUT ROWID;
CREATE INDEX round_trips_by_event ON round_trips (event_us);
CREATE INDEX round_trips_by_key ON round_trips (pair_key, event_us, file, line);
CREATE TABLE pairing_notes (        -- fills that flipped a position or came out of time order
    file TEXT NOT NULL, line INTEGER NOT NULL, kind TEXT NOT NULL,   -- 'flip' or 'order'
    pair_key TEXT NOT NULL, event_us INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (file, line, kind)
) WITHOUT ROWID;
CREATE INDEX pairing_notes_by_key ON pairing_notes (pair_key, event_us, file, line);
CREATE TABLE bad_lines (
    file TEXT NOT NULL, line INTEGER NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (file, line)
) WITHOUT ROWID;
CREATE TABLE day_aggregates (
    config TEXT NOT NULL, day TEXT NOT NULL,
    start_us INTEGER NOT NULL, end_us INTEGER NOT NULL,   -- the local day in UTC, end exclusive
    closed INTEGER NOT NULL, first_key TEXT, last_key TEXT, data TEXT NOT NULL,
    PRIMARY KEY (config, day)   -- a rowid table: WITHOUT ROWID packed its ~1 KB rows two a page
);
CREATE INDEX day_aggregates_by_span ON day_aggregates (start_us);
CREATE TABLE month_aggregates (     -- a local calendar month's day aggregates merged
    config TEXT NOT NULL, month TEXT NOT NULL,            -- YYYY-MM
    start_us INTEGER NOT NULL, end_us INTEGER NOT NULL,   -- the local month in UTC, end exclusive
    closed INTEGER NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (config, month)
) WITHOUT ROWID;
CREATE INDEX month_aggregates_by_span ON month_aggregates (start_us, config);
"""


class CacheUnavailable(PerformanceError):
    """The cache cannot be used here (read-only directory, full disk): run without it."""


class CacheCorrupt(Exception):
    """The database is damaged, foreign or holds a value that does not decode: rebuild it."""


@dataclass(frozen=True, slots=True)
class FileState:
    """What the cache knows about one log file."""

    name: str
    inode: int | None
    size: int | None
    mtime_ns: int | None
    ctime_ns: int | None
    parsed_offset: int
    next_line: int
    digest: bytes
    lines_read: int
    valid_lines: int
    #: What followed the last line end when the file was read: reported as an unfinished line
    #: once the file is no longer the newest, without opening it again.
    tail_bytes: int = 0
    tail_carriage_returns: int = 0

    def same_stat(self, stat: os.stat_result) -> bool:
        """Nothing about the file changed since it was indexed: it need not be opened.

        ``ctime`` is in the fingerprint because it cannot be set by hand: a rewrite that keeps
        the size and restores the mtime (``touch -d``, ``rsync -t``) still changes it.
        """
        return (self.inode == stat.st_ino and self.size == stat.st_size
                and self.mtime_ns == stat.st_mtime_ns and self.ctime_ns == stat.st_ctime_ns)


_DAMAGE_WORDS = ("malformed", "not a database", "corrupt", "no such table", "no such column",
                 "no such index", "has no column")
_ENVIRONMENT_WORDS = ("locked", "busy", "readonly", "read-only", "unable to open", "disk i/o",
                      "full", "permission", "out of memory")


#: Errors of a statement or its parameters (a value SQLite cannot bind, a bad statement, a
#: misused connection): never damage, whatever their text says.
_QUERY_ERRORS = (sqlite3.InterfaceError, sqlite3.ProgrammingError, sqlite3.NotSupportedError,
                 sqlite3.IntegrityError, sqlite3.DataError)


def _database_error(exc: sqlite3.Error, path: Path | None = None) -> Exception:
    """Sort SQLite's errors: damage means rebuild, the environment means run uncached.

    Anything else (a query error, :data:`_QUERY_ERRORS`) is a bug in this package or a value
    that should have been refused at the entry, and is re-raised as is, so tests see it instead
    of a silent fallback: discarding the cache for it would cost a rebuild and fix nothing.
    """
    if isinstance(exc, _QUERY_ERRORS):
        return exc
    text = str(exc).lower()
    if any(word in text for word in _DAMAGE_WORDS) or type(exc) is sqlite3.DatabaseError:
        return CacheCorrupt(str(exc))
    if any(word in text for word in _ENVIRONMENT_WORDS):
        # PATH: reason, like every other OS failure an operator is told about
        return CacheUnavailable(f"cache unavailable: {path}: {exc}" if path is not None
                                else f"cache unavailable: {exc}")
    return exc


@contextlib.contextmanager
def translated_errors(path: Path | None = None) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        translated = _database_error(exc, path)
        if translated is exc:
            raise
        raise translated from exc
    except OverflowError as exc:
        if _is_binding_overflow(exc):
            raise   # a parameter too large for SQLite: the query's fault, not the data's
        raise CacheCorrupt(f"a stored value does not decode: {exc}") from exc
    except (ValueError, TypeError, KeyError, ArithmeticError) as exc:
        raise CacheCorrupt(f"a stored value does not decode: {exc}") from exc


def _is_binding_overflow(exc: OverflowError) -> bool:
    """The sqlite3 module refusing a Python int as a parameter ("Python int too large to
    convert to SQLite INTEGER"), as opposed to a stored value that overflows when decoded."""
    return "sqlite" in str(exc).lower()


class CacheStore:
    """An open cache database plus its shared lock; use as a context manager."""

    def __init__(self, path: Path, connection: sqlite3.Connection, lock_handle: int) -> None:
        self.path = path
        self.connection = connection
        self._lock_handle = lock_handle

    # Opening, validating, discarding ------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, discard: str | None = None) -> CacheStore:
        """Open (creating if needed) the cache at ``path``.

        ``discard`` names a reason to delete it first (``--rebuild-cache``, or damage found
        while using it).  A foreign format or package version, or a file SQLite cannot read, is
        discarded too.  Every discard logs one line saying why, then the cache starts empty.
        """
        try:
            ensure_directory(path.parent)
            lock_handle = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OutputError as exc:
            raise CacheUnavailable(f"cache unavailable: {exc}") from None
        except OSError as exc:
            raise CacheUnavailable(f"cache unavailable: {path}.lock: {os_reason(exc)}") from None
        try:
            if discard is not None:
                _discard(path, lock_handle, discard, force=True)
            fcntl.flock(lock_handle, fcntl.LOCK_SH)
            problem = _foreign_or_damaged(path)
            if problem is not None:
                fcntl.flock(lock_handle, fcntl.LOCK_UN)
                _discard(path, lock_handle, problem, force=False)
                fcntl.flock(lock_handle, fcntl.LOCK_SH)
            connection = _connect(path)
            store = cls(path, connection, lock_handle)
            try:
                with translated_errors():
                    store._create_schema_if_missing()
            except BaseException:
                connection.close()
                raise
            return store
        except OSError as exc:   # discarding on a read-only file system, say: run uncached
            os.close(lock_handle)
            raise CacheUnavailable(
                f"cache unavailable: {exc.filename or path}: {os_reason(exc)}") from None
        except BaseException:
            os.close(lock_handle)
            raise

    def close(self) -> None:
        self.connection.close()
        os.close(self._lock_handle)

    def __enter__(self) -> CacheStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _create_schema_if_missing(self) -> None:
        with self.write():
            if self.connection.execute(
                    "SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone() is None:
                # Statement by statement: executescript() would commit the open transaction.
                for statement in SCHEMA.split(";\n"):
                    if statement.strip():
                        self.connection.execute(statement)
                self.connection.executemany("INSERT INTO meta VALUES (?, ?)", [
                    ("format", str(CACHE_FORMAT)), ("package_version", _package_version()),
                    ("generation", "0"), ("max_hold_us", "0")])

    # Transactions --------------------------------------------------------------------------

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """One consistent snapshot for every query inside the block."""
        with translated_errors(self.path):
            self.connection.execute("BEGIN")
            try:
                yield self.connection
            finally:
                self.connection.execute("COMMIT")

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """The single-writer lock for the block; committed on success, rolled back otherwise."""
        with translated_errors(self.path):
            self.connection.execute("BEGIN IMMEDIATE")
            try:
                yield self.connection
            except BaseException:
                self.connection.execute("ROLLBACK")
                raise
            self.connection.execute("COMMIT")

    # Meta ----------------------------------------------------------------------------------

    def meta_int(self, key: str) -> int:
        row = self.connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise CacheCorrupt(f"meta key {key} missing")
        return int(row[0])

    def set_meta(self, key: str, value: int) -> None:
        self.connection.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, str(value)))

    # Files ---------------------------------------------------------------------------------

    def file_states(self, names: Sequence[str] | None = None) -> dict[str, FileState]:
        """Every file's state, or only those of ``names`` (a batch: cost follows the batch)."""
        columns = ("SELECT name, inode, size, mtime_ns, ctime_ns, parsed_offset, next_line, "
                   "digest, lines_read, valid_lines, tail_bytes, tail_carriage_returns FROM files")
        if names is None:
            return {row[0]: FileState(*row) for row in self.connection.execute(columns)}
        found: dict[str, FileState] = {}
        for first in range(0, len(names), _SQL_VARIABLES):
            chunk = names[first:first + _SQL_VARIABLES]
            for row in self.connection.execute(
                    f"{columns} WHERE name IN ({', '.join('?' * len(chunk))})", chunk):
                found[row[0]] = FileState(*row)
        return found

    def file_fingerprints(self) -> dict[str, tuple[int | None, ...]]:
        """Per file (inode, size, mtime_ns, ctime_ns, 1 if it has a digest): what a warm run
        compares with a stat, without building a FileState per file (20,000 files: 85 ms)."""
        return {row[0]: row[1:] for row in self.connection.execute(
            "SELECT name, inode, size, mtime_ns, ctime_ns, length(digest) > 0 FROM files")}

    def put_file(self, state: FileState) -> None:
        self.connection.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (state.name, state.inode, state.size, state.mtime_ns, state.ctime_ns,
             state.parsed_offset, state.next_line, state.digest, state.lines_read,
             state.valid_lines, state.tail_bytes, state.tail_carriage_returns))

    def forget_file(self, name: str) -> list[tuple[str, int, int, str | None, int, int]]:
        """Remove a file and everything read from it; return its lines' (order, event, closed,
        pair key, role, line)."""
        removed = self.connection.execute(
            "SELECT order_id, event_us, closed, pair_key, role, line FROM lines WHERE file = ?",
            (name,)).fetchall()
        self.connection.execute("DELETE FROM lines WHERE file = ?", (name,))
        self.connection.execute("DELETE FROM bad_lines WHERE file = ?", (name,))
        self.connection.execute("DELETE FROM pairing_notes WHERE file = ?", (name,))
        self.connection.execute("DELETE FROM files WHERE name = ?", (name,))
        return removed

    # Lines ---------------------------------------------------------------------------------

    def insert_lines(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Rows of :func:`.codec.line_row`: closed lines without their (NULL) fill columns."""
        for width in (CLOSED_LINE_COLUMNS, len(LINE_COLUMNS)):
            columns = LINE_COLUMNS[:width]
            self.connection.executemany(
                f"INSERT OR REPLACE INTO lines ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * width)})", (row for row in rows if len(row) == width))

    def insert_bad_lines(self, rows: Iterable[tuple[str, int, str]]) -> None:
        self.connection.executemany("INSERT OR REPLACE INTO bad_lines VALUES (?, ?, ?)", rows)

    def lines_of_orders(self, order_ids: Sequence[str]) -> Iterator[tuple[Any, ...]]:
        """(order_id, file, line, digest, closed, role, event_us, pair_key) in supersession
        order."""
        for first in range(0, len(order_ids), _SQL_VARIABLES):
            chunk = order_ids[first:first + _SQL_VARIABLES]
            yield from self.connection.execute(
                "SELECT order_id, file, line, digest, closed, role, event_us, pair_key FROM lines "
                f"WHERE order_id IN ({', '.join('?' * len(chunk))}) ORDER BY order_id, file, line",
                chunk)

    def repeated_among(self, order_ids: Sequence[str]) -> list[str]:
        """Those of ``order_ids`` with more than one stored line (the order-id index alone)."""
        found: list[str] = []
        for first in range(0, len(order_ids), _SQL_VARIABLES):
            chunk = order_ids[first:first + _SQL_VARIABLES]
            found.extend(row[0] for row in self.connection.execute(
                f"SELECT order_id FROM lines WHERE order_id IN ({', '.join('?' * len(chunk))}) "
                "GROUP BY order_id HAVING count(*) > 1", chunk))
        return found

    def repeated_orders(self) -> list[str]:
        """Order ids with more than one line: the only ones whose lines can change role."""
        return [row[0] for row in self.connection.execute(
            "SELECT order_id FROM lines GROUP BY order_id HAVING count(*) > 1")]

    def set_roles(self, changes: Iterable[tuple[int, str, int]]) -> None:
        self.connection.executemany("UPDATE lines SET role = ? WHERE file = ? AND line = ?",
                                    changes)

    # Day aggregates ------------------------------------------------------------------------

    def drop_day_aggregates(self, first_us: int, last_us: int) -> None:
        """Forget every configuration's day aggregates whose span touches [first_us, last_us],
        and the month partials (:data:`SCHEMA`'s ``month_aggregates``) holding them.

        The lower bound on ``start_us`` (no local day is longer than :data:`MAX_DAY_US`) turns
        the index scan into a short range: without it every refresh visited all earlier days,
        which made indexing many files quadratic.
        """
        self.connection.execute(
            "DELETE FROM day_aggregates WHERE start_us <= ? AND start_us > ? AND end_us > ?",
            (last_us, first_us - MAX_DAY_US, first_us))
        # A month partial is the merge of its days: it goes whenever one of them may have.
        self.connection.execute(
            "DELETE FROM month_aggregates WHERE start_us <= ? AND start_us > ? AND end_us > ?",
            (last_us, first_us - MAX_MONTH_US, first_us))


def _package_version() -> str:
    return __version__


def _connect(path: Path) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
                                     check_same_thread=False)
        connection.execute("PRAGMA journal_mode = WAL")
        # WAL + NORMAL: a power cut may lose the last refresh, never corrupt the file; the
        # logs are the source of truth, so a lost refresh is simply redone.
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA cache_size = -16000")
    except sqlite3.Error as exc:
        translated = _database_error(exc, path)
        if translated is exc:
            raise
        raise translated from exc
    return connection


def _foreign_or_damaged(path: Path) -> str | None:
    """Why an existing cache file must not be trusted, or None when it may be used."""
    if not path.exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            header = connection.execute("PRAGMA quick_check(1)").fetchone() if _is_small(path) \
                else ("ok",)
            if header is None or header[0] != "ok":
                return f"integrity check failed ({header[0] if header else 'no answer'})"
            if connection.execute(
                    "SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone() is None:
                return "not a cache of this package (no meta table)"
            meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        finally:
            connection.close()
    except sqlite3.Error as exc:
        if isinstance(_database_error(exc), CacheUnavailable):
            return None  # a lock or permission problem is not damage; opening will say so
        return f"unreadable ({exc})"
    if meta.get("format") != str(CACHE_FORMAT):
        return f"cache format {meta.get('format')} is not {CACHE_FORMAT}"
    if meta.get("package_version") != _package_version():
        return (f"written by package version {meta.get('package_version')}, "
                f"this is {_package_version()}")
    return None


def _is_small(path: Path) -> bool:
    """quick_check reads every page: worth it on open only while the file is small."""
    return path.stat().st_size <= 8 * 1024 * 1024


def _discard(path: Path, lock_handle: int, why: str, *, force: bool) -> None:
    """Delete the cache files under the exclusive lock, saying why in one WARNING line.

    Unforced (a problem seen on open), the file is checked again once the lock is held: another
    run may have rebuilt it while this one waited.
    """
    fcntl.flock(lock_handle, fcntl.LOCK_EX)
    try:
        if not force and _foreign_or_damaged(path) is None:
            return
        existed = False
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{path}{suffix}")
                existed = True
        if existed:
            LOGGER.warning("discarding performance cache %s: %s; rebuilding it from the logs",
                           path.name, why)
    finally:
        fcntl.flock(lock_handle, fcntl.LOCK_UN)
