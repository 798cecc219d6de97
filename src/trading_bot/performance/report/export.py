"""Writing report files atomically, and only when their content changed.

An export is the report document (``.json``), the Markdown report (``.md``) and the HTML
report (``.html``, one self-contained page), side by side under one name.

Dashboards poll these files; rewriting identical content would bump mtimes and trigger needless
reloads, and a half-written file would blank a dashboard.  So: temp file in the same directory,
fsync, ``os.replace``; and ``generated_at`` alone never counts as a change (the JSON is compared
by a checksum of its content without the volatile keys, the Markdown and the HTML by a checksum
of their bytes; neither carries a ``generated_at``).  An in-progress window does change between
runs: its ``as_of`` and the ages of open positions move with the clock.  A run killed mid-write
leaves a hidden temp file (never an export name); the next export into the directory removes
those of any export name once they are an hour old (a daily export's name changes every day, so
sweeping only its own name would leave yesterday's behind).

File names are built only from the validated window kind, its dates and its trade count, then
checked against :data:`EXPORT_NAME` again, so nothing read from a log can steer a write outside
the output directory.  Names: ``daily|weekly|monthly-summary-START``,
``range-summary-START-to-END`` (two ranges from one day must not overwrite each other) and
``rolling-N-trades-summary-to-END`` (a rolling window is named by its size and last day; its
first day depends on where the trades fall).  The JSON is validated against its schema before
anything is written.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.core.windows import WINDOW_KINDS
from trading_bot.performance.errors import PerformanceError
from trading_bot.performance.report.formats import summary_json
from trading_bot.performance.schemas.validation import validate
from trading_bot.performance.storage.durability import write_atomic

VOLATILE_KEYS = ("generated_at",)
EXTENSIONS = ("json", "md", "html")
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
#: Every name :func:`export_name` may produce; anything else is refused before a write.
EXPORT_NAME = re.compile(
    rf"(?:(?:daily|weekly|monthly)-summary-{_DATE}|range-summary-{_DATE}-to-{_DATE}"
    rf"|rolling-[1-9][0-9]*-trades-summary-to-{_DATE})\.(?:json|md|html)\Z")


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    changed: bool


def export_name(summary: PerformanceSummary, extension: str) -> str:
    """File name from the validated window kind and dates only: no input text reaches it."""
    period = summary.period
    if period.window not in WINDOW_KINDS or extension not in EXTENSIONS:
        raise PerformanceError(f"cannot name an export for window {period.window!r} "
                               f"and extension {extension!r}")
    if period.window == "rolling":
        trades = period.trades_requested
        if type(trades) is not int or trades < 1:
            raise PerformanceError(f"cannot name a rolling export of {trades!r} trades")
        name = f"rolling-{trades}-trades-summary-to-{period.end.isoformat()}.{extension}"
    elif period.start is None:
        raise PerformanceError(f"a {period.window} window without a start date cannot be exported")
    elif period.window == "range":
        name = f"range-summary-{period.start.isoformat()}-to-{period.end.isoformat()}.{extension}"
    else:
        name = f"{period.window}-summary-{period.start.isoformat()}.{extension}"
    if not EXPORT_NAME.match(name):
        raise PerformanceError(f"refusing to write an export named {name!r}")
    return name


def export_path(output_dir: Path, summary: PerformanceSummary, extension: str) -> Path:
    """The export's path, which is always a direct child of ``output_dir``."""
    path = output_dir / export_name(summary, extension)
    if path.parent != output_dir:
        raise PerformanceError(f"refusing to write {path} outside {output_dir}")
    return path


def _stable(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key not in VOLATILE_KEYS}


def text_checksum(text: str | bytes) -> str:
    """SHA-256 of the UTF-8 bytes of a file's content."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def json_checksum(document: dict[str, Any]) -> str:
    """Checksum of a summary's content without its volatile keys, independent of layout."""
    return text_checksum(json.dumps(_stable(document), sort_keys=True, ensure_ascii=False,
                                    separators=(",", ":")))


def _same_json(path: Path, document: dict[str, Any]) -> bool:
    if not path.is_file():   # a FIFO at an export's name would block the read; it is replaced
        return False
    try:
        existing = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(existing, dict) and json_checksum(existing) == json_checksum(document)


def _same_text(path: Path, text: str) -> bool:
    if not path.is_file():   # a FIFO at an export's name would block the read; it is replaced
        return False
    try:
        return text_checksum(path.read_bytes()) == text_checksum(text)
    except OSError:
        return False


def export_summary(summary: PerformanceSummary, document: dict[str, Any], markdown: str,
                   output_dir: Path, *, html: str | None = None) -> list[ExportResult]:
    """Write ``{window}-summary-DATE.json``, ``.md`` and (given ``html``) ``.html`` into
    ``output_dir``, each only when its content changed.

    ``document`` is validated against ``specs/performance-summary.schema.json`` first: an invalid
    document is a bug and must not replace a good file.
    """
    validate("performance-summary", document)
    results = []
    json_path = export_path(output_dir, summary, "json")
    json_changed = not _same_json(json_path, document)
    if json_changed:
        write_atomic(json_path, summary_json(document), stale_temps_of=EXPORT_NAME)
    results.append(ExportResult(json_path, json_changed))
    for extension, text in (("md", markdown), ("html", html)):
        if text is None:
            continue
        path = export_path(output_dir, summary, extension)
        changed = not _same_text(path, text)
        if changed:
            write_atomic(path, text, stale_temps_of=EXPORT_NAME)
        results.append(ExportResult(path, changed))
    return results
