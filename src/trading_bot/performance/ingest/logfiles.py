"""Finding day files and reading their lines as bytes; nothing here knows what a trade is.

A day file is ``YYYY-MM-DD.jsonl`` named after the UTC date its lines were written.  Discovery is
by name only, so choosing the files a window needs costs one directory listing, not one open per
file.  Lines are read with a hard length bound: a runaway writer producing a 10 MB line costs at
most one bounded buffer, and the line is reported, not loaded.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from trading_bot.performance.core.timestamps import SUPPORTED_YEARS
from trading_bot.performance.errors import LogsDirectoryError

DAY_FILE_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\.jsonl\Z")

MAX_LINE_BYTES = 1024 * 1024
#: The alert log (DESIGN.md: ``logs/performance-alerts.jsonl``), next to the trade logs.
ALERT_LOG_NAME = "performance-alerts.jsonl"
#: Files this package itself keeps in the logs directory: not trade logs, not worth a warning.
OWN_FILES = frozenset({ALERT_LOG_NAME})
_READ_BLOCK = 1024 * 1024


class DayFile:
    """A log file whose name is a valid date; immutable once made.

    Not a dataclass: a listing makes one per file, and a warm run over 20,000 day files spent
    more time building their ``Path`` objects (0.3 s) than stating the files.  The listing keeps
    the string path ``os.scandir`` already made (``fspath``, what ``os.stat`` and ``open`` take)
    and builds the ``Path`` only when someone asks for it.
    """

    __slots__ = ("_directory", "_path", "day", "fspath", "name")

    def __init__(self, path: Path, day: date) -> None:
        self._directory: Path | None = None
        self._path: Path | None = path
        self.fspath: str = os.fspath(path)
        self.name: str = path.name
        self.day: date = day

    @classmethod
    def listed(cls, directory: Path, entry: os.DirEntry[str], day: date) -> DayFile:
        """The file of a directory entry, its ``Path`` left to be built on demand."""
        made = cls.__new__(cls)
        made._directory = directory
        made._path = None
        made.fspath = entry.path
        made.name = entry.name
        made.day = day
        return made

    @property
    def path(self) -> Path:
        if self._path is None:
            assert self._directory is not None   # set by ``listed``, the only other maker
            # ``directory / name`` is the same path as ``Path(entry.path)`` at a third of the cost
            self._path = self._directory / self.name
        return self._path

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DayFile):
            return NotImplemented
        return self.day == other.day and self.fspath == other.fspath

    def __hash__(self) -> int:
        return hash((self.fspath, self.day))

    def __repr__(self) -> str:
        return f"DayFile(path={self.path!r}, day={self.day!r})"


@dataclass(frozen=True, slots=True)
class SkippedEntry:
    """A directory entry that looks like a log but is not read, with the reason why."""

    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class Directory:
    """The result of one listing: readable day files by date, and what was passed over."""

    files: dict[date, DayFile]
    skipped: tuple[SkippedEntry, ...]

    @property
    def newest_day(self) -> date | None:
        """The date of the newest day file: the only one a running bot may still be writing."""
        return max(self.files) if self.files else None

    def is_settled(self, day: date) -> bool:
        """No writer will finish the last line of the file of ``day``: a newer file exists.

        The one rule for when a torn tail stops waiting and becomes an unfinished line, for
        the uncached scan and the cache alike.
        """
        newest = self.newest_day
        return newest is not None and day < newest

    def between(self, first: date, last: date) -> list[DayFile]:
        """Day files dated ``first..last`` inclusive, in date order."""
        return [self.files[day] for day in sorted(self.files) if first <= day <= last]


def list_day_files(logs_dir: Path, *, follow_external_symlinks: bool = False) -> Directory:
    """List ``YYYY-MM-DD.jsonl`` files; report look-alikes that cannot be read as logs.

    A symlink is followed only when its target stays inside ``logs_dir`` (or when the operator
    allows external targets), so a planted link cannot make the tool read arbitrary files.
    """
    if not logs_dir.is_dir():
        if logs_dir.exists():
            raise LogsDirectoryError(f"{logs_dir}: is not a directory (--logs-dir names the "
                                     "directory of YYYY-MM-DD.jsonl files)")
        raise LogsDirectoryError(f"{logs_dir}: logs directory not found (use --logs-dir)")
    root = logs_dir.resolve()
    files: dict[date, DayFile] = {}
    skipped: list[SkippedEntry] = []
    try:
        entries = list(os.scandir(logs_dir))
    except OSError as exc:
        raise LogsDirectoryError(
            f"{logs_dir}: cannot list logs directory: {exc.strerror}") from None
    match_name = DAY_FILE_PATTERN.match
    for entry in entries:
        name = entry.name
        if not name.endswith(".jsonl") or name in OWN_FILES:
            continue
        if match_name(name) is None:
            skipped.append(SkippedEntry(name,
                                        "file name is not a date (expected YYYY-MM-DD.jsonl)"))
            continue
        try:
            day = date.fromisoformat(name[:10])   # the pattern matched: only the calendar is left
        except ValueError:
            skipped.append(SkippedEntry(entry.name, "file name is not a valid calendar date"))
            continue
        if day.year not in SUPPORTED_YEARS:
            skipped.append(SkippedEntry(
                entry.name,
                f"file date is outside the years {SUPPORTED_YEARS[0]}-{SUPPORTED_YEARS[-1]}"))
            continue
        # A regular file (known from the listing's d_type, no syscall) is readable as is.
        if not entry.is_file(follow_symlinks=False):
            reason = _unreadable_reason(entry, root, follow_external_symlinks)
            if reason is not None:
                skipped.append(SkippedEntry(name, reason))
                continue
        files[day] = DayFile.listed(logs_dir, entry, day)
    return Directory(files, tuple(sorted(skipped, key=lambda item: item.name)))


def _unreadable_reason(entry: os.DirEntry[str], root: Path, follow_external: bool) -> str | None:
    if entry.is_symlink():
        try:
            target = Path(entry.path).resolve()
        except RuntimeError:  # pathlib's report of a loop up to Python 3.12
            return "symlink cannot be resolved: Too many levels of symbolic links"
        except OSError as exc:  # ELOOP from Python 3.13 on, or a directory on the way denied
            return f"symlink cannot be resolved: {exc.strerror or exc}"
        if not follow_external and root not in target.parents:
            return "symlink points outside the logs directory (not followed)"
        if not target.is_file():
            return "symlink does not point to a regular file"
        return None
    if not entry.is_file(follow_symlinks=False):
        return "not a regular file"
    return None


@dataclass(frozen=True, slots=True)
class RawLine:
    """One complete line: its 1-based number, byte offset and bytes without the line ending.

    ``oversized`` lines carry no bytes: only the fact that they exceeded :data:`MAX_LINE_BYTES`.
    """

    number: int
    offset: int
    data: bytes
    oversized: bool = False


@dataclass(frozen=True, slots=True)
class LineBatch:
    """Complete lines read from a file, and where the next read must start."""

    lines: list[RawLine]
    end_offset: int
    next_line_number: int
    torn_tail_bytes: int
    prefix_digest: bytes = b""
    digest: bytes = b""
    #: Carriage returns in the torn tail: many of them mean CR-only line ends, not a cut line.
    torn_tail_carriage_returns: int = 0


def content_hasher() -> hashlib.blake2b:
    """The checksum the cache fingerprints file contents with (fast, 128-bit)."""
    return hashlib.blake2b(digest_size=16)


@dataclass(slots=True)
class LineTail:
    """Filled in by :func:`iter_lines` once its lines are exhausted: where the next read must
    start, the torn tail after the last line end, and the checksums (see :func:`read_lines`)."""

    end_offset: int = 0
    next_line_number: int = 1
    torn_tail_bytes: int = 0
    torn_tail_carriage_returns: int = 0
    prefix_digest: bytes = b""
    digest: bytes = b""


def read_lines(path: Path, *, start_offset: int = 0, first_line_number: int = 1) -> LineBatch:
    """Read complete lines from ``start_offset``; a last line without ``\\n`` is left unread.

    The torn tail may be what a writer is still appending, so it is not a line here, and
    ``end_offset`` stops before it so the next incremental read picks it up whole; whether it is
    still in flight is the caller's call (:func:`.reader.scan_file`'s ``settled``).

    The same pass checksums the bytes it saw: ``prefix_digest`` covers ``[0, start_offset)``
    (so the cache can tell "only grew" from "rewritten" with one open) and ``digest`` covers
    ``[0, end_offset)``, exactly the bytes the returned lines came from, never a torn tail.
    """
    tail = LineTail()
    lines = list(iter_lines(path, start_offset=start_offset, first_line_number=first_line_number,
                            tail=tail))
    return LineBatch(lines, tail.end_offset, tail.next_line_number, tail.torn_tail_bytes,
                     tail.prefix_digest, tail.digest, tail.torn_tail_carriage_returns)


def iter_lines(path: Path, *, start_offset: int = 0, first_line_number: int = 1,
               tail: LineTail | None = None) -> Iterator[RawLine]:
    """The lines of :func:`read_lines` one at a time, in bounded memory (the ``check``
    command streams files of any number of lines); ``tail`` is filled in at the end."""
    number = first_line_number
    offset = start_offset
    hasher = content_hasher()
    with open(path, "rb", buffering=0) as handle:
        remaining = start_offset
        while remaining > 0:
            block = handle.read(min(_READ_BLOCK, remaining))
            if not block:
                break
            hasher.update(block)
            remaining -= len(block)
        prefix_digest = hasher.digest()
        at_line_end = hasher.copy()
        handle.seek(start_offset)
        pending = b""
        pending_offset = offset
        pending_carriage_returns = 0
        oversized = False
        while True:
            block = handle.read(_READ_BLOCK)
            if not block:
                break
            last_newline = block.rfind(b"\n")
            if last_newline >= 0:
                at_line_end = hasher.copy()
                at_line_end.update(block[:last_newline + 1])
            hasher.update(block)
            start = 0
            while True:
                newline = block.find(b"\n", start)
                if newline < 0:
                    piece = block[start:]
                    pending_carriage_returns += piece.count(b"\r")
                    if oversized or len(pending) + len(piece) > MAX_LINE_BYTES:
                        oversized = True
                        pending = b""
                    else:
                        pending += piece
                    break
                piece = block[start:newline]
                line_end = offset + newline + 1
                if oversized or len(pending) + len(piece) > MAX_LINE_BYTES:
                    yield RawLine(number, pending_offset, b"", oversized=True)
                else:
                    data = pending + piece if pending else piece
                    yield RawLine(number, pending_offset, data)
                number += 1
                pending = b""
                pending_carriage_returns = 0
                oversized = False
                pending_offset = line_end
                start = newline + 1
            offset += len(block)
    if tail is not None:
        tail.end_offset = pending_offset
        tail.next_line_number = number
        tail.torn_tail_bytes = offset - pending_offset
        tail.torn_tail_carriage_returns = pending_carriage_returns
        tail.prefix_digest = prefix_digest
        tail.digest = at_line_end.digest()
