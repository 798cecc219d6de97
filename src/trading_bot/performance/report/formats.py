"""The output formats of a report, in one registry: ``--format`` name -> renderer and needs.

The command line asks the chosen :class:`OutputFormat` what it needs before it renders:

* ``needs_previous``: the report holds the weekly and monthly review, which compares with the
  period before, so that period is read (text and Markdown; JSON and CSV never wait for it);
* ``needs_breakdown``: the format writes one breakdown, named with ``--breakdown``
  (:func:`check_options` applies the rules before any log is read).

JSON is the report document (:func:`report_document`), checked against
``specs/performance-summary.schema.json`` by its renderer before it is printed, as every export
is before it is written.

``--format`` choices are :data:`FORMAT_NAMES`, in the order ``--help`` lists them.  A new format
is one entry in :data:`FORMATS` and one adapter below.

Every renderer takes one :class:`Report`.  The adapters are the one place that imports a
renderer's module, and they do it when their format is chosen: measured at start-up (after
``compileall``), ``report.text`` costs ~6 ms, ``report.markdown`` ~7 ms, the schema validator
~2.5 ms, ``report.csv_table`` ~1.2 ms and ``report.html`` (with its SVG charts) ~10 ms, out of
~52 ms for the whole command line; a cron job asking for JSON pays for no text renderer, and a
terminal user asking for text pays for no validator.  The JSON text itself
(:func:`summary_json`) is defined here rather than beside the exporter, so printing JSON does
not import the file-writing machinery (``report.export`` with ``storage.durability``: ~6.5 ms).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from trading_bot.performance.core.formatting import MIN_SAMPLE
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.errors import UsageError
from trading_bot.performance.report.targets_shown import TargetsView

#: The schema every report document (``--format json`` and every ``.json`` export) follows.
SUMMARY_SCHEMA = "performance-summary"


class Report(NamedTuple):
    """What a renderer may use.  ``targets`` None means no targets were evaluated; ``previous``
    is the period before (None when the format does not need it or there is none);
    ``breakdown`` names the breakdown of a ``needs_breakdown`` format; ``color`` is for a
    terminal.

    This module's two value types are named tuples, not frozen dataclasses: every run defines
    them, and a dataclass costs ~0.4 ms to define where a named tuple costs ~0.05 ms (measured
    after ``compileall``), which would make every warm run slower than before the registry.
    """

    summary: PerformanceSummary
    targets: TargetsView | None = None
    previous: PerformanceSummary | None = None
    min_sample: int = MIN_SAMPLE
    breakdown: str | None = None
    color: bool = False


Renderer = Callable[[Report], str]


class OutputFormat(NamedTuple):
    """One ``--format`` choice: its renderer and what it needs (see the module docstring);
    a named tuple for the reason :class:`Report` gives."""

    name: str
    render: Renderer
    needs_previous: bool = False
    needs_breakdown: bool = False


def summary_json(document: dict[str, Any]) -> str:
    """The report document as text: what ``--format json`` prints and every ``.json`` export
    holds (exact decimal strings, non-ASCII kept, keys in the document's order)."""
    return json.dumps(document, indent=2, sort_keys=False, ensure_ascii=False) + "\n"


def report_document(summary: PerformanceSummary, targets: TargetsView | None) -> dict[str, Any]:
    """The report JSON: the summary plus, when targets were evaluated, ``targets``/``alerts``."""
    document = summary.to_dict()
    if targets is not None:
        document.update(targets.to_dict())
    return document


# --------------------------------------------------------------------------------------------
# Adapters: each imports its renderer's module when its format is chosen (the costs are in the
# module docstring); nothing else in the package imports a renderer for the command line.
# --------------------------------------------------------------------------------------------

def _text(report: Report) -> str:
    # Lazy: ~6 ms, for text only.
    from trading_bot.performance.report.text import render_text

    return render_text(report.summary, previous=report.previous, min_sample=report.min_sample,
                       color=report.color, targets=report.targets)


def _markdown(report: Report) -> str:
    # Lazy: ~7 ms, for Markdown and exports only.
    from trading_bot.performance.report.markdown import render_markdown

    return render_markdown(report.summary, previous=report.previous,
                           min_sample=report.min_sample, targets=report.targets)


def _html(report: Report) -> str:
    # Lazy: ~10 ms with its SVG charts, for HTML and exports only.
    from trading_bot.performance.report.html import render_html

    return render_html(report.summary, previous=report.previous, min_sample=report.min_sample,
                       targets=report.targets)


def _json(report: Report) -> str:
    # Lazy: the validator costs ~2.5 ms, which text, Markdown and CSV never need.
    from trading_bot.performance.schemas.validation import validate

    document = report_document(report.summary, report.targets)
    validate(SUMMARY_SCHEMA, document)
    return summary_json(document)


def _csv(report: Report) -> str:
    # Lazy: ~1.2 ms, for CSV only.
    from trading_bot.performance.report.csv_table import render_breakdown_csv

    if report.breakdown is None:   # check_options stops this before any log is read
        raise UsageError("--format csv needs --breakdown NAME")
    return render_breakdown_csv(report.summary, report.breakdown, min_sample=report.min_sample)


def _check_breakdown(name: str, breakdown: str | None, group_by: Sequence[str]) -> None:
    """A format that needs a breakdown got one, and it is one (the messages list the names)."""
    # Lazy: ~1.2 ms, only when the chosen format needs a breakdown (CSV).
    from trading_bot.performance.report.csv_table import breakdown_names, check_breakdown

    if breakdown is None:
        raise UsageError(f"--format {name} needs --breakdown NAME; available: "
                         + ", ".join(breakdown_names(group_by)))
    check_breakdown(breakdown, group_by)


# --------------------------------------------------------------------------------------------
# The registry.
# --------------------------------------------------------------------------------------------

FORMATS: Mapping[str, OutputFormat] = {
    entry.name: entry for entry in (
        OutputFormat("text", _text, needs_previous=True),
        OutputFormat("json", _json),
        OutputFormat("markdown", _markdown, needs_previous=True),
        OutputFormat("csv", _csv, needs_breakdown=True),
        OutputFormat("html", _html, needs_previous=True),
    )
}
FORMAT_NAMES: tuple[str, ...] = tuple(FORMATS)
DEFAULT_FORMAT = "text"
#: The format ``--export`` writes beside the JSON document.
EXPORT_FORMAT = "markdown"
#: ... and the self-contained HTML page it writes beside both.
HTML_FORMAT = "html"


def check_options(name: str, breakdown: str | None, group_by: Sequence[str] = ()) -> None:
    """Usage errors of ``--format`` and ``--breakdown``, raised before any log is read: a
    breakdown is named exactly when the format needs one, and it must be one (the message lists
    the names, ``--group-by`` fields included)."""
    chosen = FORMATS[name]
    if not chosen.needs_breakdown:
        if breakdown is not None:
            needing = " or ".join(entry.name for entry in FORMATS.values()
                                  if entry.needs_breakdown)
            raise UsageError(f"--breakdown applies to --format {needing} only")
        return
    _check_breakdown(name, breakdown, group_by)


def render(name: str, report: Report) -> str:
    """``report`` in format ``name`` (one of :data:`FORMAT_NAMES`)."""
    return FORMATS[name].render(report)


__all__ = ["DEFAULT_FORMAT", "EXPORT_FORMAT", "FORMATS", "FORMAT_NAMES", "HTML_FORMAT",
           "SUMMARY_SCHEMA", "OutputFormat", "Renderer", "Report", "check_options", "render",
           "report_document", "summary_json"]
