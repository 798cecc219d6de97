"""Making file-system changes survive a crash, shared by every writer in the package.

Two ways to write, one for each kind of file: :func:`write_atomic` replaces a whole file
(exports, the alert state) and :func:`append_line` adds one line to an append-only log (trade
lines written by hand, the alert log).  ``tests/performance_tracking/test_crash.py`` SIGKILLs
real runs mid-write to hold both to it.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

from trading_bot.performance.errors import PerformanceError

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


def write_atomic(path: Path, text: str, *, stale_temps_of: re.Pattern[str] | None = None) -> None:
    """Replace ``path`` with ``text`` so readers see the old or the new file, never a mix.

    Temp file in the same directory, fsync, ``os.replace``, then the directory's fsync: used for
    report exports and the alert state alike.  A writer killed before the rename leaves its temp
    file (hidden, never read as ``path``); once the write is done, temp files left that way for
    target names matching ``stale_temps_of`` (default: ``path``'s own name) are removed, see
    :func:`remove_stale_temps`.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir() and not path.is_symlink():
        raise PerformanceError(f"{path}: cannot write the report, a directory has its name")
    mode = _new_file_mode(path)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
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


def append_line(path: Path, data: bytes) -> None:
    """One ``O_APPEND`` write of a whole line, then fsync (and the directory's, if new).

    With ``O_APPEND`` the kernel moves to the end and writes in one step, so several writers
    (the bot, ``record``, the alert evaluator of two overlapping runs) can append to one file
    and every line stays whole.  The torn-tail check and the write happen under an advisory
    ``flock`` so that writers of this package never see each other's line half-copied (Linux
    grows a file page by page during one ``write``, so an unlocked reader can observe a line in
    flight and take it for a torn one).  A tail torn by a crashed writer gets a newline first, in
    the same write, so it becomes one bad line instead of swallowing ``data``.
    """
    existed = path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        if _ends_torn(path, fd):
            data = b"\n" + data
        written = os.write(fd, data)
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        if written != len(data):
            raise PerformanceError(
                f"{path}: short write ({written} of {len(data)} bytes, disk full?); the last "
                "line of the file may be torn and will be reported as bad")
        os.fsync(fd)
    finally:
        os.close(fd)
    if not existed:
        fsync_directory(path.parent)


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
