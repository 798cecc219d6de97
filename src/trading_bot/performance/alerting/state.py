"""What the alert engine remembers between runs: one record per alert fingerprint.

The record of a fingerprint is its latest episode: firing since when, what was last emitted and
when (for ``repeat_interval``), the highest severity emitted (escalation happens once), when it
resolved, and whether an operator acknowledged it.  :class:`AlertState` is an immutable value
that the pure evaluator takes and returns; :class:`AlertStateStore` is the only part that touches
the disk.

Why a lock and an atomic write: two runs (cron and an operator, or watch mode and cron) must not
both see "not firing yet" and both emit a first event.  The store holds an exclusive ``flock``
on a lock file from reading the state to writing the new one, so the second run waits and then
sees the first run's state.  The state file is replaced atomically (temp file, fsync, rename), so
a crash leaves the old state or the new, never half of one.

Why an outbox (``pending``): the alert log and the state are two files, and no write makes two
files change at once.  Appending first and saving after repeated the events when a run was
killed in between (the next run raised them again, with new ids: a second "first" event to any
reader of the log); saving first would lose them.  So a run that has events saves the new state
*with* the events still to append and the alert log's size before the append, appends, then
saves the state again without them.  Whoever takes the lock next and finds events pending (a
killed run left them) appends those the log does not hold yet, looking from the recorded size
on by event id, before doing anything else.  Every event reaches the log exactly once.  The
protocol's steps are :mod:`.outbox`; this module only keeps the outbox in the file.

Why ``committed_at``: the lock orders the evaluations, but a run reads its summary before it
takes the lock.  A run that read the logs, then waited (a slow machine, a long report), could
judge data older than what the state already reflects and undo it: resolve an alert another
run had just raised on newer lines, which that run then raises again (a phantom episode, and
with both in one second a duplicated event id).  Every write stamps the state with the time of
the commit (never earlier than the previous stamp), so a run holding the lock can tell that
someone committed after its summary was read, and read again (the alert workflow of the
services layer does).

A state file that cannot be read (corrupt, binary, nested beyond parsing, of the wrong shape,
written by another version, or a directory or FIFO in its place) is set aside under a name of
its own (``.unreadable-<UTC time>``, numbered if taken: every copy is kept) with one warning
and the run starts from an empty state: alerts still firing will be emitted again,
which is noisy but never silent.
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import stat
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from trading_bot.performance.alerting.identity import AlertIdentity
from trading_bot.performance.core.decimals import canonical
from trading_bot.performance.core.timestamps import format_instant, parse_instant
from trading_bot.performance.errors import OutputError, PerformanceError, os_reason
from trading_bot.performance.schemas.validation import conforms
from trading_bot.performance.storage.durability import ensure_directory, write_atomic

#: Version 2 added the outbox (``pending``) and each record's event ``sequence``; version 3
#: writes each record's identity as one block (:meth:`.AlertIdentity.to_dict`: fingerprint,
#: rule, metric, window, period, scope) ahead of its period's dates, the order the alert log
#: and the report use too.  Same keys and values in every version, so versions 1 and 2 are
#: still read (by :func:`parse_state`, which retires a version 1 file's per-day
#: missing_log_file records), and the next write makes them version 3.
STATE_VERSION = 3
READABLE_VERSIONS = (1, 2, 3)
#: Records not seen by any evaluation for this long are dropped, so the file stays small.
RETENTION = timedelta(days=35)
FIRING, RESOLVED = "firing", "resolved"
SEVERITY_RANK = {"WARN": 1, "CRITICAL": 2}
#: Named for the operator-facing logger, not the module path: log filters outlive refactors.
LOGGER = logging.getLogger("trading_bot.performance.alert_state")


@dataclass(frozen=True, slots=True)
class AlertRecord:
    """The latest episode of one alert (its :class:`.AlertIdentity`)."""

    identity: AlertIdentity
    period_start: date | None
    period_end: date | None
    status: str
    severity: str
    firing_since: datetime
    last_seen: datetime
    unit: str
    target: Decimal
    actual: Decimal | None
    message: str
    last_emitted: datetime | None = None
    emitted_severity: str | None = None
    last_event_id: str | None = None
    resolved_at: datetime | None = None
    acknowledged_at: datetime | None = None
    #: Events this fingerprint has emitted, all episodes together (its last event's number).
    #: It makes event ids unique whatever the clock's resolution (see :func:`.engine.event_id`).
    sequence: int = 0

    @property
    def fingerprint(self) -> str:
        """The state's key for this record: its identity's hash."""
        return self.identity.fingerprint

    @property
    def emitted(self) -> bool:
        """Whether this episode reached the alert log (a silenced one may not have)."""
        return self.last_emitted is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.identity.to_dict(),
            "period_start": _day(self.period_start),
            "period_end": _day(self.period_end),
            "status": self.status,
            "severity": self.severity,
            "firing_since": format_instant(self.firing_since),
            "last_seen": format_instant(self.last_seen),
            "unit": self.unit,
            "target": canonical(self.target),
            "actual": None if self.actual is None else canonical(self.actual),
            "message": self.message,
            "last_emitted": _instant(self.last_emitted),
            "emitted_severity": self.emitted_severity,
            "last_event_id": self.last_event_id,
            "resolved_at": _instant(self.resolved_at),
            "acknowledged_at": _instant(self.acknowledged_at),
            "sequence": self.sequence,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AlertRecord:
        return cls(
            identity=AlertIdentity.from_dict(data),
            period_start=_parse_day(data["period_start"]),
            period_end=_parse_day(data["period_end"]),
            status=_one_of(data["status"], (FIRING, RESOLVED)),
            severity=_one_of(data["severity"], tuple(SEVERITY_RANK)),
            firing_since=_parse_instant(data["firing_since"]),
            last_seen=_parse_instant(data["last_seen"]),
            unit=str(data["unit"]),
            target=Decimal(data["target"]),
            actual=None if data["actual"] is None else Decimal(data["actual"]),
            message=str(data["message"]),
            last_emitted=_parse_optional(data["last_emitted"]),
            emitted_severity=data["emitted_severity"],
            last_event_id=data["last_event_id"],
            resolved_at=_parse_optional(data["resolved_at"]),
            acknowledged_at=_parse_optional(data["acknowledged_at"]),
            sequence=_count(data.get("sequence", 0)),
        )


@dataclass(frozen=True)
class PendingEvents:
    """The outbox: events a run decided and is appending to the alert log.

    ``events`` are the alert-log documents exactly as they are appended (already validated);
    ``log_offset`` is the alert log's size before the append, so whoever delivers them only
    looks at what was appended since.
    """

    log_offset: int
    events: tuple[Mapping[str, Any], ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(str(event["id"]) for event in self.events)

    def to_dict(self) -> dict[str, Any]:
        return {"alert_log_offset": self.log_offset, "events": list(self.events)}

    @classmethod
    def from_dict(cls, data: Any) -> PendingEvents:
        if not isinstance(data, dict) or not isinstance(data.get("events"), list):
            raise ValueError("pending events are not a mapping with a list of events")
        events = tuple(data["events"])
        if not all(isinstance(event, dict) and isinstance(event.get("id"), str)
                   for event in events):
            raise ValueError("a pending event is not an alert event with an id")
        return cls(_count(data.get("alert_log_offset")), events)

    def split(self) -> tuple[PendingEvents | None, tuple[str, ...]]:
        """The events that are alert-log documents, and the ids of those that are not.

        A hand-edited or damaged entry would otherwise fail validation in every run that
        delivers it (and every ``ack``), blocking alerting for good; it cannot be appended
        anyway, so it is dropped and the caller says which.  None when nothing is left.
        """
        verdicts = [(event, conforms("performance-alert", event)) for event in self.events]
        good = tuple(event for event, ok in verdicts if ok)
        dropped = tuple(str(event["id"]) for event, ok in verdicts if not ok)
        return (replace(self, events=good) if good else None), dropped


@dataclass(frozen=True)
class AlertState:
    """Every remembered fingerprint; an immutable value (updates return a new state).

    ``committed_at`` is when a run last wrote the state (None: never, or a file from before
    the stamp existed).  It is bookkeeping of the file, not alert state: it does not take part
    in equality, so an evaluation that changes no record still writes nothing.  ``pending`` is
    the outbox (see the module docstring): events decided but perhaps not yet in the alert log.
    """

    records: Mapping[str, AlertRecord] = field(default_factory=dict)
    committed_at: datetime | None = field(default=None, compare=False)
    pending: PendingEvents | None = None

    def get(self, fingerprint: str) -> AlertRecord | None:
        return self.records.get(fingerprint)

    def updated(self, changes: Mapping[str, AlertRecord], now: datetime) -> AlertState:
        """The state with ``changes`` applied and records unseen for :data:`RETENTION` dropped."""
        merged = {**self.records, **changes}
        cutoff = now - RETENTION
        return replace(self, records={key: record for key, record in sorted(merged.items())
                                      if record.last_seen >= cutoff})

    def with_pending(self, pending: PendingEvents | None) -> AlertState:
        return replace(self, pending=pending)

    def firing(self) -> list[AlertRecord]:
        return [record for record in self.records.values() if record.status == FIRING]

    def to_json(self) -> str:
        alerts = [record.to_dict() for _, record in sorted(self.records.items())]
        document: dict[str, Any] = {"version": STATE_VERSION}
        if self.committed_at is not None:
            document["committed_at"] = format_instant(self.committed_at)
        if self.pending is not None:
            document["pending"] = self.pending.to_dict()
        document["alerts"] = alerts
        return json.dumps(document, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> AlertState:
        """Parse a state file (version 1, 2 or 3, upgraded: see :func:`parse_state`); ValueError
        (with the reason) when it is not one of ours."""
        return parse_state(text).state

    @classmethod
    def _from_document(cls, text: str) -> tuple[AlertState, int]:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("version") not in READABLE_VERSIONS:
            raise ValueError("not an alert state of version "
                             + " or ".join(map(str, READABLE_VERSIONS)))
        try:
            records = [AlertRecord.from_dict(item) for item in data["alerts"]]
        except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
            raise ValueError(f"malformed record: {exc!r}") from None
        pending = data.get("pending")
        state = cls({record.fingerprint: record for record in records},
                    committed_at=_parse_optional(data.get("committed_at")),
                    pending=None if pending is None else PendingEvents.from_dict(pending))
        return state, data["version"]


@dataclass(frozen=True)
class ParsedState:
    """A state file read and repaired: the state, the version 1 per-day missing_log_file
    records it retired, and the ids of the malformed pending events it dropped (see
    :func:`parse_state`).  Either means the file no longer holds ``state``."""

    state: AlertState
    retired: int = 0
    dropped: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.retired or self.dropped)


def parse_state(text: str) -> ParsedState:
    """Parse a state file, dropping malformed pending events and upgrading a version 1 file.

    Version 1 kept one ``missing_log_file`` record per missing day (window ``day``, period the
    date).  This release raises one alert per window under another fingerprint, so those
    records would never be judged again and would show as firing in every report until
    retention dropped them: they are retired here, and the caller says so once.
    """
    state, version = AlertState._from_document(text)
    dropped: tuple[str, ...] = ()
    if state.pending is not None:
        pending, dropped = state.pending.split()
        if dropped:
            state = state.with_pending(pending)
    retired = 0
    if version == 1:
        kept = {key: record for key, record in state.records.items()
                if not (record.identity.metric == "missing_log_file"
                        and record.identity.window == "day")}
        retired = len(state.records) - len(kept)
        if retired:
            state = replace(state, records=kept)
    return ParsedState(state, retired, dropped)


EMPTY_STATE = AlertState()


def _utc_now() -> datetime:
    return datetime.now(UTC)


def acknowledge(state: AlertState, alert_id: str, now: datetime) -> tuple[AlertState, AlertRecord]:
    """Mark the episode of an alert acknowledged: no more repeats until it resolves.

    ``alert_id`` is an event id (``<fingerprint>-<time>-<reason>``) or a bare fingerprint.
    Escalation to CRITICAL and the resolved event are still emitted.
    """
    fingerprint = alert_id.strip().split("-", 1)[0].lower()
    record = state.get(fingerprint)
    if record is None:
        firing = ", ".join(sorted(f"{r.last_event_id or r.fingerprint} ({r.identity.rule})"
                                  for r in state.firing())) or "none"
        raise PerformanceError(f"unknown alert id {alert_id!r}: no alert with fingerprint "
                               f"{fingerprint!r} in the alert state; firing now: {firing}")
    if record.status != FIRING:
        raise PerformanceError(f"alert {alert_id} ({record.identity.rule}) is not firing: it "
                               f"resolved at {_instant(record.resolved_at)}; nothing to "
                               "acknowledge")
    if record.acknowledged_at is not None:
        return state, record
    acknowledged = replace(record, acknowledged_at=now, sequence=record.sequence + 1)
    return replace(state, records={**state.records, fingerprint: acknowledged}), acknowledged


# --------------------------------------------------------------------------------------------
# The file.
# --------------------------------------------------------------------------------------------

class StateHandle:
    """The state read under the lock.

    Set :attr:`state` to what the file should hold when the block ends, or :meth:`save` a
    state at once (the outbox needs a write in the middle of the block).
    """

    def __init__(self, state: AlertState, write: Callable[[AlertState], None], *,
                 on_file: bool = True) -> None:
        self.original = state
        self.state = state
        #: What the file holds (None: not ``state``, which an upgrade changed on reading).
        self.written: AlertState | None = state if on_file else None
        self._write = write

    @property
    def committed_at(self) -> datetime | None:
        """When a run last wrote the state: data read before then may be older than it."""
        return self.original.committed_at

    def save(self, state: AlertState) -> None:
        """Write ``state`` now (still under the lock); nothing when the file holds it already."""
        self.state = state
        if state != self.written:
            self._write(state)
            self.written = state


class AlertStateStore:
    """``alert-state`` JSON file plus its lock file, next to the alert log."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")

    def load(self) -> AlertState:
        """Read without the lock: for reports, which never write the state."""
        return self._read().state

    def _read(self) -> ParsedState:
        """The state file parsed and upgraded; version 1 retirements logged (once per read:
        an alerting run rewrites the file as version 3, so the next run does not repeat it)."""
        try:
            mode = os.stat(self.path).st_mode
            if not stat.S_ISREG(mode):   # a FIFO would block the read; a directory cannot be one
                kind = "a directory" if stat.S_ISDIR(mode) else "not a regular file"
                return ParsedState(self._discard(f"{kind}, not a state file"))
            data = self.path.read_bytes()
        except FileNotFoundError:
            return ParsedState(EMPTY_STATE)
        except OSError as exc:
            raise PerformanceError(f"{self.path}: cannot read alert state: "
                                   f"{exc.strerror or exc}") from None
        try:
            parsed = parse_state(data.decode("utf-8"))
        except UnicodeDecodeError as exc:
            return ParsedState(self._discard(f"not UTF-8 text: byte 0x{data[exc.start]:02x} at "
                                             f"byte offset {exc.start}"))
        except RecursionError:
            return ParsedState(self._discard("nested too deeply to parse"))
        except ValueError as exc:
            return ParsedState(self._discard(str(exc)))
        except (KeyError, TypeError, AttributeError, ArithmeticError) as exc:
            # parse_state names what it checks; anything else it met is still not our state
            return ParsedState(self._discard(f"malformed: {exc!r}"))
        if parsed.dropped:
            LOGGER.warning("%s: dropped %d malformed pending alert event(s) (%s): they do not "
                           "match the alert schema and cannot be appended to the alert log; "
                           "delivering the rest", self.path, len(parsed.dropped),
                           ", ".join(parsed.dropped))
        if parsed.retired:
            LOGGER.warning("%s: retired %d missing_log_file alert(s) of a version 1 state, one "
                           "per missing day: replaced by one alert per window", self.path,
                           parsed.retired)
        return parsed

    def _discard(self, reason: str) -> AlertState:
        """Set the unreadable state aside under a name of its own and start from empty.

        Each copy is kept: the name carries the time and, if taken, a number, and it is
        reserved before the rename (an empty file, or an empty directory for a directory), so
        even two runs discarding at once (reports read without the lock) never replace an
        earlier copy.
        """
        kept = ""
        try:
            aside = self._reserve_aside(stat.S_ISDIR(os.lstat(self.path).st_mode))
        except OSError:
            aside = None
        if aside is not None:
            try:
                os.replace(self.path, aside)
                kept = f"; kept as {aside}"
            except OSError:
                _remove_quietly(aside)
        LOGGER.warning("%s: alert state unreadable (%s)%s; starting from an empty state, so "
                       "alerts still firing will be emitted again", self.path, reason, kept)
        return EMPTY_STATE

    def _reserve_aside(self, directory: bool) -> Path:
        stamp = _utc_now().strftime("%Y%m%dT%H%M%SZ")
        for number in range(1, 1000):
            suffix = f".unreadable-{stamp}" + (f"-{number}" if number > 1 else "")
            aside = self.path.with_name(self.path.name + suffix)
            try:
                if directory:
                    os.mkdir(aside)
                else:
                    os.close(os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
                return aside
            except FileExistsError:
                continue
        raise FileExistsError(errno.EEXIST, "no free name to set the state aside")

    @contextmanager
    def locked(self, clock: Callable[[], datetime] = _utc_now) -> Iterator[StateHandle]:
        """Hold the lock, yield the current state, write the handle's state back if changed.

        Every write is stamped ``committed_at``: ``clock()`` (the clock the caller's summaries
        are dated by), or the previous stamp if the clock went back.  An exception inside the
        block leaves the file as it was last saved.
        """
        ensure_directory(self.path.parent)
        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0),
                         0o644)
        except OSError as exc:
            raise OutputError(self.lock_path,
                              f"cannot open the alert state lock: {os_reason(exc)}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            parsed = self._read()
            original = parsed.state
            stamps = [original.committed_at]

            def write(state: AlertState) -> None:
                stamp = clock()
                if stamps[-1] is not None and stamps[-1] > stamp:
                    stamp = stamps[-1]
                # OutputError (PATH: reason), the old state left in place, on any OS error
                write_atomic(self.path, replace(state, committed_at=stamp).to_json())
                stamps.append(stamp)

            # a repaired state must reach the file even if nothing else changes
            handle = StateHandle(original, write, on_file=not parsed.changed)
            yield handle
            handle.save(handle.state)
        finally:
            os.close(fd)  # closing releases the flock


def _remove_quietly(path: Path) -> None:
    try:
        if path.is_dir():
            path.rmdir()
        else:
            path.unlink()
    except OSError:
        pass


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _instant(value: datetime | None) -> str | None:
    return None if value is None else format_instant(value)


def _parse_day(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _parse_instant(value: Any) -> datetime:
    try:
        return parse_instant(value, "instant")
    except PerformanceError as exc:
        raise ValueError(str(exc)) from None


def _parse_optional(value: Any) -> datetime | None:
    return None if value is None else _parse_instant(value)


def _count(value: Any) -> int:
    """A whole number of at least 0 (not a boolean), else ValueError."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{value!r} is not a count")
    return value


def _one_of(value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"{value!r} is not one of {', '.join(allowed)}")
    return str(value)
