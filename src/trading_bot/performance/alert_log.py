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
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Iterable

from .alerts import AlertEvent
from .durability import append_line
from .errors import PerformanceError
from .timestamps import format_instant

LOGGER_NAME = "trading_bot.performance.alerts"
LOGGER = logging.getLogger(LOGGER_NAME)
SCHEMA = "performance-alert"


def event_line(event: AlertEvent) -> bytes:
    """The event's JSON line (validated), newline included."""
    from .schemas import validate

    document = event.to_dict()
    validate(SCHEMA, document)
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def append_events(path: Path, events: Iterable[AlertEvent]) -> int:
    """Append each event as one line; returns how many were written."""
    lines = [event_line(event) for event in events]
    if not lines:
        return 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for line in lines:
            append_line(path, line)
    except OSError as exc:
        raise PerformanceError(f"{path}: cannot append to the alert log: "
                               f"{exc.strerror or exc}") from None
    return len(lines)


def event_fields(event: AlertEvent) -> dict[str, Any]:
    """The event as ``extra`` fields of a log record (``id`` becomes ``alert_id``; the message
    is the record's own)."""
    document = event.to_dict()
    document.pop("schema_version")
    document.pop("message")
    document["alert_id"] = document.pop("id")
    return document


def log_event(event: AlertEvent, logger: logging.Logger = LOGGER) -> None:
    """One WARNING record per emitted event, resolved ones included (they are news too)."""
    logger.warning("%s", event.message, extra=event_fields(event))


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
