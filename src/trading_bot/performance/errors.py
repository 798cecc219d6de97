"""One exception hierarchy, so the CLI can map every failure to an exit code in one place.

Each error carries enough context (file, line, reason) for an operator to fix the cause without
reading a traceback.
"""

from __future__ import annotations

from pathlib import Path


class PerformanceError(Exception):
    """Base of every error this package raises on purpose (exit code 1 at the CLI)."""


class UsageError(PerformanceError):
    """The command line or API call asked for something impossible (exit code 64)."""


class LogsDirectoryError(PerformanceError):
    """The logs directory is missing or unreadable; nothing can be computed."""


class InvalidLineError(PerformanceError):
    """One trade line failed validation; raised inside the reader and turned into a BadLine."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class StrictModeError(PerformanceError):
    """``--strict`` was given and at least one bad line was found."""


class ConfigError(PerformanceError):
    """A configuration file (targets, timezone) is invalid."""


class OutputError(PerformanceError):
    """A file or directory the package writes could not be written (exit 1).

    Every OS error on a write path (exports, alert log, alert state, recorded trades, the
    cache's directory) becomes one of these, raised after the write was undone (no temp file
    left, no line half-appended), so the operator reads ``error: PATH: reason`` and nothing
    else: the path is the one to fix (the file, or the part of the path that is not a
    directory), the reason the system's own words.
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def os_reason(exc: OSError) -> str:
    """The system's words for an OS error (``No space left on device``), without errno noise."""
    return exc.strerror or str(exc)


def location(path: Path | str, line: int | None, reason: str) -> str:
    """Format ``file:line: reason`` the way compilers do, so editors can jump to it."""
    name = str(path)
    return f"{name}:{line}: {reason}" if line is not None else f"{name}: {reason}"
