"""What a backfill's exports were built from, so the next backfill rebuilds only what changed.

A second ``--backfill N --export`` used to build every summary again only to find its files
unchanged.  Now each exported period is recorded in a manifest beside the exports
(``OUTPUT_DIR/.backfill-manifest.json``, hidden so dashboards globbing ``*.json`` do not pick it
up; written atomically) with a fingerprint of its *inputs* and the SHA-256 of each file written.
A period is skipped, without building its summary, when its inputs fingerprint is the one
recorded and every recorded file still exists with the recorded content.

The inputs of a period's report, and why each is one:

* **The log files it can see**: every day file dated up to the period's end plus one day (the
  file margin that covers any timezone), because open positions at the period's end and FIFO
  pairing of executions carry state from all earlier history; and every *later* file that
  reaches back to that date (:func:`trading_bot.performance.cache.reach.file_reach`: a trade
  entered before the period's end, a misplaced line, or a line superseding an earlier line by
  ``order_id``).  A file is identified by its stat (inode, size, mtime_ns, ctime_ns), taken
  *before* the cache is refreshed, so a file changing during the run always makes the next run
  rebuild rather than skip.  When the cache cannot say how far files reach, every file counts.
* **The directory around them**: whether a newer file exists than those (a torn last line
  becomes an "unfinished line" once a newer file exists), the newest file itself when the
  period's files are absent (the "no log files" hint names it), and the entries the listing
  skipped (every report's data quality lists them).
* **Every option that shapes the output**: timezone, group-by fields, pairing, breakeven band,
  marks, starting balance, max rows, stale-after, min-sample, the logs directory, the formats
  written, the package version and its code (size and mtime of every module, so a
  changed renderer under the same version string still rebuilds).  Paths are resolved first
  (no report shows how the logs directory, marks file or alert log was spelled); the targets
  file's path stays as given, because the JSON report shows it as ``targets.source``.
* **The targets, when the report shows them**: the parsed targets file, which of its silences
  are active now (a silence changes an alert's standing in the targets table), the first log
  day and calendar facts the day rules use (not the newest file's mtime: stale_log is judged
  only while a period is live, and a report built without alerting never reads it), and the
  alert state file's bytes (the report lists the alerts raised for its period).  Any change
  to the alert state, including a normal alerting run saving it, therefore rebuilds every
  period of a backfill with targets: the state is one file, and which of its changes touch
  which period is the engine's business.
* **The clock, for a period not over yet**: its report is cut at "now" (``as_of``, the ages of
  open positions), so it has no fingerprint and is always rebuilt.  A finished period's report
  is cut at its end: stale flags are judged at ``as_of`` = the period's end, not at now.

The manifest is a cache like the others: delete it and the next backfill rebuilds every period
(and rewrites only the files whose content changed).  An unreadable manifest is ignored with a
warning.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from trading_bot.performance.ingest.logfiles import Directory
from trading_bot.performance.report.export import text_checksum
from trading_bot.performance.storage.durability import write_atomic

LOGGER = logging.getLogger("trading_bot.performance")

MANIFEST_NAME = ".backfill-manifest.json"
#: Bump when the meaning of a recorded fingerprint changes: older manifests are then ignored.
MANIFEST_FORMAT = 1
#: Lines of a file dated D are realized up to the end of D + 1 day in any timezone's local day.
FILE_MARGIN = timedelta(days=1)

#: A log file's stat fingerprint: (inode, size, mtime_ns, ctime_ns), None when it vanished.
Stat = tuple[int, int, int, int] | None


def stat_fingerprint(path: Path) -> Stat:
    """The stat the cache itself trusts to say a file did not change (see ``FileState``)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


#: The package's own directory: its modules render every export.
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def code_fingerprint() -> list[tuple[str, int, int]]:
    """Name, size and mtime of every module of the package: the version string alone would
    let a changed renderer under an unchanged version keep old exports."""
    found = []
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix == ".py" and "__pycache__" not in path.parts:
            try:
                stat = path.stat()
            except OSError:
                continue
            found.append((str(path.relative_to(PACKAGE_DIR)), stat.st_size, stat.st_mtime_ns))
    return found


def digest(value: Any) -> str:
    """SHA-256 of a JSON-able value in one canonical spelling."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, separators=(",", ":"),
                                     default=str).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class LogsSnapshot:
    """The logs directory as one backfill saw it before refreshing the cache.

    ``reach``: for files the cache indexed, the UTC date each reaches back to; None when the
    cache could not say (then every file counts for every period).
    """

    stats: Mapping[date, tuple[str, Stat]]
    skipped: tuple[tuple[str, str], ...]
    reach: Mapping[str, date] | None = None

    @classmethod
    def of(cls, directory: Directory) -> LogsSnapshot:
        stats = {day: (day_file.name, stat_fingerprint(day_file.path))
                 for day, day_file in sorted(directory.files.items())}
        return cls(stats, tuple((entry.name, entry.reason) for entry in directory.skipped))

    def file_inputs(self, first: date, end: date, previous_first: date | None) -> dict[str, Any]:
        """The log-file part of the inputs of a period ``first..end`` (``previous_first``: the
        first day of the period before, which weekly and monthly reports review)."""
        horizon = end + FILE_MARGIN
        seen = []
        for day, (name, stat) in self.stats.items():
            if day <= horizon or self.reach is None or (
                    name in self.reach and self.reach[name] <= horizon):
                seen.append((name, stat))
        newest = max(self.stats, default=None)
        spans = [(first - FILE_MARGIN, horizon)]
        if previous_first is not None:
            spans.append((previous_first - FILE_MARGIN, first))
        empty = any(not any(low <= day <= high for day in self.stats) for low, high in spans)
        return {
            "files": seen,
            "newer_file": newest is not None and newest > horizon,
            "newest": newest.isoformat() if empty and newest is not None else None,
            "skipped": self.skipped,
        }


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One exported period: its inputs fingerprint, its files' SHA-256, its table row."""

    inputs: str
    files: tuple[tuple[str, str], ...]
    row: str

    def still_exported(self, output_dir: Path) -> bool:
        """Every recorded file is in ``output_dir`` with the recorded content."""
        for name, checksum in self.files:
            path = output_dir / name
            try:
                if not path.is_file() or text_checksum(path.read_bytes()) != checksum:
                    return False
            except OSError:
                return False
        return bool(self.files)


@dataclass
class Manifest:
    """Every exported period of an output directory, by ``"WINDOW ANCHOR"``."""

    path: Path
    entries: dict[str, ManifestEntry] = field(default_factory=dict)
    dirty: bool = False

    @classmethod
    def load(cls, output_dir: Path) -> Manifest:
        path = output_dir / MANIFEST_NAME
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError, RecursionError) as exc:
            LOGGER.warning("%s: unreadable backfill manifest (%s); every period is rebuilt",
                           path, exc)
            return cls(path)
        entries = _entries(document)
        if entries is None:
            LOGGER.warning("%s: not a backfill manifest of format %s; every period is rebuilt",
                           path, MANIFEST_FORMAT)
            return cls(path)
        return cls(path, entries)

    def unchanged(self, key: str, inputs: str | None) -> tuple[ManifestEntry | None, str]:
        """The recorded entry when ``inputs`` is its fingerprint and its files are intact;
        else None and why the period must be rebuilt."""
        entry = self.entries.get(key)
        if inputs is None:
            return None, "the period is not over: its report depends on the clock"
        if entry is None:
            return None, "no export recorded"
        if entry.inputs != inputs:
            return None, "its inputs changed"
        if not entry.still_exported(self.path.parent):
            return None, "an export is missing or was changed"
        return entry, "unchanged"

    def record(self, key: str, inputs: str | None, paths: Sequence[Path], row: str) -> None:
        """Remember what ``paths`` now hold; a period without a fingerprint is forgotten."""
        if inputs is None:
            self.dirty |= self.entries.pop(key, None) is not None
            return
        files = []
        for path in paths:
            try:
                files.append((path.name, text_checksum(path.read_bytes())))
            except OSError:   # gone already: nothing to vouch for, the next run rebuilds it
                self.dirty |= self.entries.pop(key, None) is not None
                return
        self.entries[key] = ManifestEntry(inputs, tuple(files), row)
        self.dirty = True

    def save(self) -> None:
        """Write the manifest atomically, if anything changed."""
        if not self.dirty:
            return
        document = {"format": MANIFEST_FORMAT, "periods": {
            key: {"inputs": entry.inputs, "files": dict(entry.files), "row": entry.row}
            for key, entry in sorted(self.entries.items())}}
        write_atomic(self.path, json.dumps(document, indent=1, sort_keys=True) + "\n")
        self.dirty = False


def _entries(document: object) -> dict[str, ManifestEntry] | None:
    if not isinstance(document, dict) or document.get("format") != MANIFEST_FORMAT:
        return None
    periods = document.get("periods")
    if not isinstance(periods, dict):
        return None
    entries = {}
    for key, item in periods.items():
        if not isinstance(item, dict):
            return None
        inputs, files, row = item.get("inputs"), item.get("files"), item.get("row")
        if not (isinstance(inputs, str) and isinstance(row, str) and isinstance(files, dict)
                and all(isinstance(name, str) and isinstance(checksum, str)
                        for name, checksum in files.items())):
            return None
        entries[str(key)] = ManifestEntry(inputs, tuple(sorted(files.items())), row)
    return entries


def state_checksum(path: Path) -> str | None:
    """The alert state file's SHA-256 (None when there is none yet)."""
    try:
        return text_checksum(path.read_bytes())
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"unreadable: {exc.strerror}"


def active_silences(targets: object, now: datetime) -> list[bool]:
    """Which of the targets' silences are active at ``now`` (an alert's standing depends on
    it); an empty list for no targets."""
    silences = getattr(targets, "silences", ()) or ()
    return [bool(silence.active(now)) for silence in silences]


__all__ = ["MANIFEST_NAME", "LogsSnapshot", "Manifest", "ManifestEntry", "active_silences",
           "code_fingerprint", "digest", "stat_fingerprint", "state_checksum"]
