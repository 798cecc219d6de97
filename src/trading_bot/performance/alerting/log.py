"""Where alert events go: one JSON line each in the alert log, and one WARN log record each.

The alert log (``LOGS_DIR/performance-alerts.jsonl``) is append-only.  Every event is validated
against ``specs/performance-alert.schema.json`` before anything is written (all of one
evaluation's events first, so an invalid one stops the batch before any line lands), then
appended as one complete line with :func:`~.durability.append_line`: a single ``O_APPEND``
write plus ``fsync``, so concurrent runs never interleave or tear lines.

Each emitted event is also one WARNING record on logger ``trading_bot.performance.alerts``,
with a readable message (``win_rate 55.00% < target 60.00% (rolling 20 trades)``) and the
event's fields as ``extra`` attributes, so a JSON log handler (``--log-format json``, see
:class:`JsonLogFormatter`) carries them as structured fields.

Exactly once: events go through the alert state's outbox (see :mod:`.state`), and
:func:`deliver` appends the events a killed run left pending, except those the log already
holds, each with its WARNING record.  A run killed after appending an event but before logging
its record leaves the line in the log without the record: the log, not the log records, is
the record of what was raised.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from trading_bot.performance.alerting.state import PendingEvents
from trading_bot.performance.core.timestamps import format_instant
from trading_bot.performance.errors import OutputError, PerformanceError
from trading_bot.performance.schemas.validation import validate
from trading_bot.performance.storage.durability import (
    append_line,
    ensure_directory,
    not_a_regular_file,
)

LOGGER_NAME = "trading_bot.performance.alerts"
LOGGER = logging.getLogger(LOGGER_NAME)
SCHEMA = "performance-alert"


def document_line(document: Mapping[str, Any]) -> bytes:
    """An alert-log document's JSON line (validated), newline included."""
    validate(SCHEMA, document)
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def append_documents(path: Path, documents: Sequence[Mapping[str, Any]]) -> int:
    """Append each document as one line, all validated before the first is written."""
    return append_lines(path, [document_line(document) for document in documents])


def append_lines(path: Path, lines: Sequence[bytes]) -> int:
    """Append already validated lines (:func:`document_line`), one ``O_APPEND`` write each."""
    if not lines:
        return 0
    ensure_directory(path.parent)      # OutputError (PATH: reason) on any OS error
    for line in lines:
        append_line(path, line, into=" to the alert log")
    return len(lines)


def announce(documents: Sequence[Mapping[str, Any]], logger: logging.Logger = LOGGER) -> None:
    """The WARNING record of each appended event that operators are told about."""
    for document in documents:
        if announced(document):
            log_document(document, logger)


def log_size(path: Path) -> int:
    """The alert log's size in bytes (0 when it does not exist yet)."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0
    except OSError as exc:
        raise PerformanceError(f"{path}: cannot read the alert log: "
                               f"{exc.strerror or exc}") from None


def logged_ids(path: Path, offset: int) -> set[str]:
    """The event ids on the alert log's lines from byte ``offset`` on.

    A log now shorter than ``offset`` was replaced (rotated by hand, say), so it is read
    whole.  Lines that are not alert events (a torn tail) hold no id.
    """
    try:
        # Non-blocking and checked before reading: a FIFO at the alert log's path would
        # otherwise hang every run until a writer came.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return set()
    except OSError as exc:
        raise PerformanceError(f"{path}: cannot read the alert log: "
                               f"{exc.strerror or exc}") from None
    try:
        with open(fd, "rb") as handle:
            status = os.fstat(fd)
            if not stat.S_ISREG(status.st_mode):
                raise OutputError(path, f"cannot read the alert log: {not_a_regular_file(path)}")
            handle.seek(offset if offset <= status.st_size else 0)
            tail = handle.read()
    except OSError as exc:
        raise PerformanceError(f"{path}: cannot read the alert log: "
                               f"{exc.strerror or exc}") from None
    found = set()
    for line in tail.splitlines():
        try:
            document = json.loads(line)
        except ValueError:
            continue
        if isinstance(document, dict) and isinstance(document.get("id"), str):
            found.add(document["id"])
    return found


def deliver(path: Path, pending: PendingEvents,
            logger: logging.Logger | None = None) -> list[Mapping[str, Any]]:
    """Append the pending events the alert log lacks, each with its WARNING record.

    The outbox's second half, for events a killed run decided: the log is looked at from the
    size it had before that run appended, and an event counts as there when its id is.
    Returns the events appended now.
    """
    present = logged_ids(path, pending.log_offset)
    missing = [event for event in pending.events if event["id"] not in present]
    append_documents(path, missing)
    announce(missing, logger or LOGGER)
    if pending.events:
        (logger or LOGGER).info("alert log: %d of %d events an interrupted run left pending "
                                "appended now (the others were in the log)", len(missing),
                                len(pending.events))
    return missing


def document_fields(document: Mapping[str, Any]) -> dict[str, Any]:
    """The event as ``extra`` fields of a log record (``id`` becomes ``alert_id``; the message
    is the record's own)."""
    fields = dict(document)
    fields.pop("schema_version", None)
    fields.pop("message", None)
    fields["alert_id"] = fields.pop("id")
    return fields


def announced(document: Mapping[str, Any]) -> bool:
    """Whether an event gets a WARNING record: all but ``acknowledged``, which the operator
    just typed (it is in the alert log, for the record)."""
    return document.get("reason") != "acknowledged"


def log_document(document: Mapping[str, Any], logger: logging.Logger = LOGGER) -> None:
    """One WARNING record per announced event, resolved ones included (they are news too)."""
    logger.warning("%s", document["message"], extra=document_fields(document))


_STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message", "asctime", "taskName"}


class JsonLogFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, plus every ``extra`` field."""

    def format(self, record: logging.LogRecord) -> str:
        document: dict[str, Any] = {
            "time": format_instant(datetime.fromtimestamp(record.created, UTC)),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRIBUTES and not key.startswith("_"):
                document[key] = value
        if record.exc_info:
            document["exception"] = self.formatException(record.exc_info)
        return json.dumps(document, ensure_ascii=False, default=str)
