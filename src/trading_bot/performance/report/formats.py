"""The output formats of a report, in one registry: ``--format`` name -> renderer and needs.

The command line asks the chosen :class:`OutputFormat` what it needs before it renders:

* ``needs_previous``: the report holds the weekly and monthly review, which compares with the
  period before, so that period is read (text, Markdown, HTML and JSON, whose document carries
  the review too; CSV never waits for it; other windows have no review and read nothing more);
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

import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple, TextIO

from trading_bot.performance.core.formatting import MIN_SAMPLE
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.core.trade_rows import TradeRow
from trading_bot.performance.errors import UsageError
from trading_bot.performance.report.targets_shown import TargetsView

#: The schema every report document (``--format json`` and every ``.json`` export) follows.
SUMMARY_SCHEMA = "performance-summary"
#: How many best and worst trades a report lists (``--top N``).
DEFAULT_TOP = 3


class Report(NamedTuple):
    """What a renderer may use.  ``targets`` None means no targets were evaluated; ``previous``
    is the period before (None when the format does not need it or there is none);
    ``breakdown`` names the breakdown of a ``needs_breakdown`` format; ``color`` is for a
    terminal; ``top`` is how many best and worst trades it lists (``--top``).

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
    top: int = DEFAULT_TOP


Renderer = Callable[[Report], str]
#: Writes a report to a text stream as it is produced (see :attr:`OutputFormat.stream`).
Writer = Callable[[Report, TextIO], None]
#: Writes per-trade rows to a text stream as they come; returns the row count.
TradeWriter = Callable[[Iterable[TradeRow], TextIO], int]


class OutputFormat(NamedTuple):
    """One ``--format`` choice: its renderer and what it needs (see the module docstring);
    a named tuple for the reason :class:`Report` gives."""

    name: str
    render: Renderer
    needs_previous: bool = False
    needs_breakdown: bool = False
    #: For a format whose output grows with the data (every row of a breakdown, every trade):
    #: writes to the stream row by row as it goes, so the output is never held as one string;
    #: the command line uses it for stdout (:func:`write`), ``render`` stays for exports and
    #: tests.  None: the command line writes ``render``'s text.
    stream: Writer | None = None
    #: A per-trade format: writes the window's trades (an iterator of rows the tracker
    #: produces as it reads, :meth:`.tracker.PerformanceTracker.trade_rows`) instead of a
    #: report of the summary, and returns how many it wrote; ``render`` then refuses.
    trades: TradeWriter | None = None


def summary_json(document: dict[str, Any]) -> str:
    """The report document as text: what ``--format json`` prints and every ``.json`` export
    holds (exact decimal strings, non-ASCII kept, keys in the document's order)."""
    return json.dumps(document, indent=2, sort_keys=False, ensure_ascii=False) + "\n"


def report_document(summary: PerformanceSummary, targets: TargetsView | None, *,
                    previous: PerformanceSummary | None = None, min_sample: int = MIN_SAMPLE,
                    top: int = DEFAULT_TOP) -> dict[str, Any]:
    """The report JSON: the summary (its own contract, :meth:`PerformanceSummary.to_dict`), what
    the report adds for people (``review`` against ``previous``, ``top_trades``), and, when
    targets were evaluated, ``targets``/``alerts``."""
    # Lazy: report.json_parts brings the review and the sections (~3 ms measured at start-up
    # after compileall), which only a JSON document needs, not text or CSV.
    from trading_bot.performance.report.json_parts import report_parts

    document = summary.to_dict()
    document.update(report_parts(summary, previous, min_sample=min_sample, top=top))
    if targets is not None:
        document.update(targets.to_dict())
    return document


def report_json_document(report: Report) -> dict[str, Any]:
    """:func:`report_document` of a :class:`Report`: what ``--format json`` prints and what
    ``--export`` writes."""
    return report_document(report.summary, report.targets, previous=report.previous,
                           min_sample=report.min_sample, top=report.top)


# --------------------------------------------------------------------------------------------
# Adapters: each imports its renderer's module when its format is chosen (the costs are in the
# module docstring); nothing else in the package imports a renderer for the command line.
# --------------------------------------------------------------------------------------------

def _text(report: Report) -> str:
    # Lazy: ~6 ms, for text only.
    from trading_bot.performance.report.text import render_text

    return render_text(report.summary, previous=report.previous, min_sample=report.min_sample,
                       color=report.color, targets=report.targets, top=report.top)


def _markdown(report: Report) -> str:
    # Lazy: ~7 ms, for Markdown and exports only.
    from trading_bot.performance.report.markdown import render_markdown

    return render_markdown(report.summary, previous=report.previous,
                           min_sample=report.min_sample, targets=report.targets, top=report.top)


def _html(report: Report) -> str:
    # Lazy: ~10 ms with its SVG charts, for HTML and exports only.
    from trading_bot.performance.report.html import render_html

    return render_html(report.summary, previous=report.previous, min_sample=report.min_sample,
                       targets=report.targets, top=report.top)


def _json(report: Report) -> str:
    # Lazy: the validator costs ~2.5 ms, which text, Markdown and CSV never need.
    from trading_bot.performance.schemas.validation import validate

    document = report_json_document(report)
    validate(SUMMARY_SCHEMA, document)
    return summary_json(document)


def _csv(report: Report) -> str:
    buffer = io.StringIO()
    _csv_stream(report, buffer)
    return buffer.getvalue()


def _csv_stream(report: Report, out: TextIO) -> None:
    # Lazy: ~1.2 ms, for CSV only.
    from trading_bot.performance.report.csv_table import write_breakdown_csv

    if report.breakdown is None:   # check_options stops this before any log is read
        raise UsageError("--format csv needs --breakdown NAME")
    write_breakdown_csv(report.summary, report.breakdown, out, min_sample=report.min_sample)


def _trades_csv(rows: Iterable[TradeRow], out: TextIO) -> int:
    # Lazy: ~0.7 ms with csv (measured after compileall), for the per-trade formats only.
    from trading_bot.performance.report.trades_table import write_trades_csv

    return write_trades_csv(rows, out)


def _trades_jsonl(rows: Iterable[TradeRow], out: TextIO) -> int:
    # Lazy: ~0.7 ms, as _trades_csv.
    from trading_bot.performance.report.trades_table import write_trades_jsonl

    return write_trades_jsonl(rows, out)


def _no_report(report: Report) -> str:
    raise UsageError("the per-trade formats (trades-csv, trades-jsonl) write trades, not a "
                     "report of the summary")


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
        OutputFormat("json", _json, needs_previous=True),
        OutputFormat("markdown", _markdown, needs_previous=True),
        OutputFormat("csv", _csv, needs_breakdown=True, stream=_csv_stream),
        OutputFormat("html", _html, needs_previous=True),
        OutputFormat("trades-csv", _no_report, trades=_trades_csv),
        OutputFormat("trades-jsonl", _no_report, trades=_trades_jsonl),
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


def write(name: str, report: Report, out: TextIO) -> str | None:
    """Write ``report`` in format ``name`` to ``out``: streamed, row by row, when the format
    streams (then None is returned: there is no text to reuse), else rendered and written (the
    text is returned, so ``--export`` need not render it again)."""
    chosen = FORMATS[name]
    if chosen.stream is not None:
        chosen.stream(report, out)
        return None
    text = chosen.render(report)
    out.write(text)
    return text


__all__ = ["DEFAULT_FORMAT", "EXPORT_FORMAT", "FORMATS", "FORMAT_NAMES", "HTML_FORMAT",
           "SUMMARY_SCHEMA", "OutputFormat", "Renderer", "Report", "TradeWriter", "Writer",
           "check_options",
           "render", "report_document", "report_json_document", "summary_json", "write"]
