"""A window's report beyond its summary: the period before it, and the files ``--export`` writes.

Shared by a single run, ``--watch --export`` and ``--backfill --export``, so the three write the
same files from the same inputs: the report document (JSON, validated against the summary schema
before it is written), the Markdown report and the HTML report, each only when its content
changed.

Both modules behind this one are imported only when a report needs them (measured at start-up
after ``compileall``: ``report.review`` ~2.4 ms, ``report.export`` ~4.5 ms): a warm
``--format json`` run reads no previous period and exports nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.report.formats import (
    EXPORT_FORMAT,
    HTML_FORMAT,
    Report,
    render,
    report_json_document,
)
from trading_bot.performance.tracker import PerformanceTracker

if TYPE_CHECKING:
    from trading_bot.performance.report.export import ExportResult


def previous_summary(tracker: PerformanceTracker,
                     summary: PerformanceSummary) -> PerformanceSummary | None:
    """The period before a weekly or monthly summary, read with the same tracker; else None."""
    # Lazy: report.review costs ~2.4 ms (see the module docstring).
    from trading_bot.performance.report.review import previous_anchor

    anchor = previous_anchor(summary)
    return None if anchor is None else tracker.get_summary(summary.window, on=anchor)


def export_report(report: Report, output_dir: Path, *, markdown: str | None = None,
                  html: str | None = None) -> list[ExportResult]:
    """Write the report's JSON document, Markdown and HTML into ``output_dir``, each only when
    its content changed; ``markdown`` and ``html`` are those already rendered from ``report``,
    if any."""
    # Lazy: report.export costs ~4.5 ms (see the module docstring).
    from trading_bot.performance.report.export import export_summary

    if markdown is None:
        markdown = render(EXPORT_FORMAT, report)
    if html is None:
        html = render(HTML_FORMAT, report)
    return export_summary(report.summary, report_json_document(report),
                          markdown, output_dir, html=html)


__all__ = ["export_report", "previous_summary"]
