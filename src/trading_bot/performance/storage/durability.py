"""Making file-system changes survive a crash, shared by every writer in the package.

Two ways to write, one for each kind of file: :func:`write_atomic` replaces a whole file
(exports, the alert state) and :func:`append_line` adds one line to an append-only log (trade
lines written by hand, the alert log).  ``tests/performance_tracking/test_crash.py`` SIGKILLs
real runs mid-write to hold both to it.

Every OS error on the way out (a directory that cannot be created, a read-only or full file
system, a directory or FIFO where a file belongs) leaves nothing half-written and is raised as
an :class:`~trading_bot.performance.errors.OutputError` naming the path to fix, which the
command line prints as ``error: PATH: reason`` (exit 1): :func:`ensure_directory` for the
directories, :func:`write_atomic` and :func:`append_line` for the files.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from trading_bot.performance.errors import OutputError, os_reason

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: O_APPEND alone still keeps lines whole
    fcntl = None  # type: ignore[assignment]

#: How long a file's non-newline tail must stay unchanged before it is treated as torn.
TORN_TAIL_SETTLE_SECONDS = 0.02
TORN_TAIL_CHECKS = 5
#: A temp file of :func:`write_atomic` untouched for this long was left by a killed writer (a
#: live write takes milliseconds), and later writes into its directory remove it.
STALE_TEMP_SECONDS = 3600.0
#: ``.TARGET.XXXXXXXX.tmp``: what ``mkstemp`` makes with write_atomic's prefix and suffix.
_TEMP_NAME = re.compile(r"\.(?P<target>.+)\.[a-z0-9_]{8}\.tmp\Z")
#: Per directory: the stale temp files the first write of this process found, by target name.
_STALE_TEMPS: dict[str, dict[str, list[str]]] = {}


def fsync_directory(directory: Path) -> None:
    """Make a new or renamed entry in ``directory`` durable.

    A file's own fsync does not persist its directory entry; without this a crash right after
    a rename or a file creation can lose the name.  Best effort: some platforms cannot open a
    directory, and then there is nothing more to do.
    """
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _new_file_mode(path: Path) -> int:
    """Keep an existing file's permissions, else the umask's default for a new file.

    ``mkstemp`` creates 0600 files; renamed into place as is, a report would become unreadable
    to the dashboard user that reads it.
    """
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def ensure_directory(directory: Path) -> None:
    """Create ``directory`` (and its parents) unless it exists; an :class:`OutputError` naming
    the part of the path to fix when it cannot be.

    A regular file somewhere on the way (``--output-dir`` naming a file, or a path under one)
    is named as such, not with the system's ``File exists`` or ``Not a directory`` about a
    path the operator never typed.
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        for part in (directory, *directory.parents):
            if part.exists() and not part.is_dir():
                where = "" if part == directory else f" (cannot create {directory} in it)"
                raise OutputError(part, f"is not a directory{where}") from None
        raise OutputError(directory, f"cannot create directory: {os_reason(exc)}") from None


def write_atomic(path: Path, text: str, *, stale_temps_of: re.Pattern[str] | None = None) -> None:
    """Replace ``path`` with ``text`` so readers see the old or the new file, never a mix.

    Temp file in the same directory, fsync, ``os.replace``, then the directory's fsync: used for
    report exports and the alert state alike.  A writer killed before the rename leaves its temp
    file (hidden, never read as ``path``); once the write is done, temp files left that way for
    target names matching ``stale_temps_of`` (default: ``path``'s own name) are removed, see
    :func:`remove_stale_temps`.  Any OS error (full disk, read-only file system, a directory at
    ``path``) removes the temp file, leaves ``path`` as it was and raises an
    :class:`OutputError` naming ``path`` (not the temp file, a name the operator never sees).
    """
    ensure_directory(path.parent)
    if path.is_dir() and not path.is_symlink():
        raise OutputError(path, "is a directory, so a file cannot be written under its name")
    mode = _new_file_mode(path)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=path.parent)
    except OSError as exc:
        raise OutputError(path, f"cannot write: {os_reason(exc)}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise OutputError(path, f"cannot write: {os_reason(exc)}") from None
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    fsync_directory(path.parent)
    remove_stale_temps(path.parent, stale_temps_of or re.compile(re.escape(path.name) + r"\Z"))


def remove_stale_temps(directory: Path, targets: re.Pattern[str]) -> int:
    """Delete the temp files killed writes of ``targets`` left in ``directory``; how many.

    Without this they pile up, one per crash, for ever: ``mkstemp`` never reuses a name.  The
    directory is listed once per process (a backfill writes hundreds of exports into one
    directory), and only names :func:`write_atomic` creates, for a target name matching
    ``targets`` and untouched for :data:`STALE_TEMP_SECONDS`, are removed, so a concurrent
    writer's temp file and anybody else's files are left alone.
    """
    key = os.path.abspath(directory)
    found = _STALE_TEMPS.get(key)
    if found is None:
        found = _STALE_TEMPS[key] = _find_stale_temps(directory)
    removed = 0
    for target in [target for target in found if targets.match(target)]:
        for name in found.pop(target):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(key, name))
                removed += 1
    return removed


def _find_stale_temps(directory: Path) -> dict[str, list[str]]:
    cutoff = time.time() - STALE_TEMP_SECONDS
    found: dict[str, list[str]] = {}
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                match = _TEMP_NAME.match(entry.name)
                with contextlib.suppress(OSError):
                    if match and entry.is_file(follow_symlinks=False) \
                            and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                        found.setdefault(match["target"], []).append(entry.name)
    except OSError:
        pass
    return found


def append_line(path: Path, data: bytes, *, into: str = "") -> None:
    """One ``O_APPEND`` write of a whole line, then fsync (and the directory's, if new).

    With ``O_APPEND`` the kernel moves to the end and writes in one step, so several writers
    (the bot, ``record``, the alert evaluator of two overlapping runs) can append to one file
    and every line stays whole.  The torn-tail check and the write happen under an advisory
    ``flock`` so that writers of this package never see each other's line half-copied (Linux
    grows a file page by page during one ``write``, so an unlocked reader can observe a line in
    flight and take it for a torn one).  A tail torn by a crashed writer gets a newline first, in
    the same write, so it becomes one bad line instead of swallowing ``data``.

    Only a regular file is appended to: the file is opened non-blocking and checked before
    anything is written, so a FIFO at ``path`` is refused instead of hanging the run until a
    reader comes.  A write the system cut short (disk full) is undone: the file is truncated
    back to its size before the write, unless another writer appended after it in the
    meantime (then the fragment stays and becomes one reported bad line).  Every OS error is
    an :class:`OutputError` naming ``path`` (``cannot append{into}: reason``; ``into`` says
    what the file is, `` to the alert log``).
    """
    failed = f"cannot append{into}"
    try:
        problem, existed = not_a_regular_file(path), True
    except FileNotFoundError:
        problem, existed = None, False
    except OSError as exc:
        raise OutputError(path, f"{failed}: {os_reason(exc)}") from None
    if problem is not None:
        raise OutputError(path, f"{failed}: {problem}")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK
                     | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as exc:
        raise OutputError(path, f"{failed}: {os_reason(exc)}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):   # replaced between the check and the open
            raise OutputError(path, f"{failed}: {_kind(mode)}")
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        if _ends_torn(path, fd):
            data = b"\n" + data
        _write_whole(path, fd, data, failed)
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)   # the line is whole: others may append meanwhile
        os.fsync(fd)
    except OSError as exc:
        raise OutputError(path, f"{failed}: {os_reason(exc)}") from None
    finally:
        os.close(fd)   # closing releases the flock if an error left it held
    if not existed:
        fsync_directory(path.parent)


def not_a_regular_file(path: Path) -> str | None:
    """Why ``path`` (followed if a symlink) cannot be written as a file, None when it is a
    regular one; FileNotFoundError when there is nothing there."""
    mode = os.stat(path).st_mode
    return None if stat.S_ISREG(mode) else _kind(mode)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a directory, not a regular file"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe), not a regular file"
    return "is not a regular file"


def _write_whole(path: Path, fd: int, data: bytes, failed: str) -> None:
    """Write ``data`` at the end of ``fd`` in one call, or leave the file as it was.

    A short write (no space left for all of it) is truncated away when the file still ends
    with it, so no fragment of a line is left behind, and raised; a failed write wrote nothing.
    """
    before = os.fstat(fd).st_size
    written = os.write(fd, data)   # an error here wrote nothing (else it returns the count)
    if written != len(data):
        _undo_append(fd, before, written)
        raise OutputError(path, f"{failed}: short write ({written} of {len(data)} bytes): "
                                "No space left on device?")


def _undo_append(fd: int, before: int, written: int) -> None:
    """Cut a partial append off again, if nothing else was appended after it."""
    with contextlib.suppress(OSError):
        if os.fstat(fd).st_size == before + written:
            os.ftruncate(fd, before)


def _ends_torn(path: Path, fd: int) -> bool:
    """True when the file ends in bytes without a newline that are not still being written.

    A writer that does not take our lock (the bot) may be mid-line; its file keeps growing, so a
    non-newline tail is only called torn once the size has stayed put for a moment.
    """
    size = os.fstat(fd).st_size
    for _ in range(TORN_TAIL_CHECKS):
        if size == 0 or _last_byte(path, size) == b"\n":
            return False
        time.sleep(TORN_TAIL_SETTLE_SECONDS)
        grown = os.fstat(fd).st_size
        if grown == size:
            return True
        size = grown
    return size > 0 and _last_byte(path, size) != b"\n"


def _last_byte(path: Path, size: int) -> bytes:
    with open(path, "rb", buffering=0) as handle:
        handle.seek(size - 1)
        return handle.read(1)
