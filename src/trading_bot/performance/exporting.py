"""Writing report files atomically, and only when their content changed.

Dashboards poll these files; rewriting identical content would bump mtimes and trigger needless
reloads, and a half-written file would blank a dashboard.  So: temp file in the same directory,
fsync, ``os.replace``; and ``generated_at`` alone never counts as a change.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .summary import PerformanceSummary

VOLATILE_KEYS = ("generated_at",)


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    changed: bool


def export_name(summary: PerformanceSummary, extension: str) -> str:
    """File name from the validated window kind and dates only: no input text reaches it."""
    period = summary.period
    if period.window == "rolling":
        return f"rolling-{period.trades_requested}-summary-{period.end.isoformat()}.{extension}"
    assert period.start is not None
    return f"{period.window}-summary-{period.start.isoformat()}.{extension}"


def summary_json(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=False, ensure_ascii=False) + "\n"


def _stable(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key not in VOLATILE_KEYS}


def _same_json(path: Path, document: dict[str, Any]) -> bool:
    try:
        existing = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(existing, dict) and _stable(existing) == _stable(document)


def _same_text(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, ValueError):
        return False


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so readers see the old or the new file, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def export_summary(summary: PerformanceSummary, document: dict[str, Any], markdown: str,
                   output_dir: Path) -> list[ExportResult]:
    """Write ``{window}-summary-DATE.json`` and ``.md`` into ``output_dir`` when changed."""
    results = []
    json_path = output_dir / export_name(summary, "json")
    json_changed = not _same_json(json_path, document)
    if json_changed:
        write_atomic(json_path, summary_json(document))
    results.append(ExportResult(json_path, json_changed))
    md_path = output_dir / export_name(summary, "md")
    md_changed = not _same_text(md_path, markdown)
    if md_changed:
        write_atomic(md_path, markdown)
    results.append(ExportResult(md_path, md_changed))
    return results
