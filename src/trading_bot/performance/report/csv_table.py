"""One breakdown as CSV for spreadsheet users (``--format csv --breakdown NAME``).

Values are exact, as in the JSON (decimal strings, rates as fractions 0..1, an undefined metric
is an empty cell), so a spreadsheet computes with what the bot logged rather than with rounded
text; a ``small_sample`` column replaces the Markdown's marked n.  RFC 4180 (CRLF line ends,
quoting by the ``csv`` module).  A logged value that a spreadsheet would run as a formula
(starting with ``=``, ``+``, ``-``, ``@``, tab or CR) is prefixed with ``'`` (OWASP's advice
against CSV injection); numbers are ours and left alone.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import TextIO

from trading_bot.performance.core.aggregate import EMPTY_CORE
from trading_bot.performance.core.decimals import canonical
from trading_bot.performance.core.formatting import MIN_SAMPLE
from trading_bot.performance.core.metrics import MetricValue, core_metrics
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.errors import UsageError
from trading_bot.performance.report.sections import BREAKDOWN_ORDER, ranked

#: Every row metric of the catalogue, in the order of a JSON breakdown row.
METRIC_COLUMNS: tuple[str, ...] = tuple(core_metrics(EMPTY_CORE).values)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def breakdown_names(group_by: Sequence[str] = ()) -> tuple[str, ...]:
    """Every breakdown ``--breakdown`` accepts: the built-ins in reading order, then the
    ``--group-by`` fields."""
    return tuple(dict.fromkeys((*BREAKDOWN_ORDER, *group_by)))


def check_breakdown(name: str, group_by: Sequence[str] = ()) -> None:
    """Raise a usage error naming the choices when ``name`` is not a breakdown."""
    names = breakdown_names(group_by)
    if name not in names:
        raise UsageError(f"unknown breakdown {name!r}: choose one of {', '.join(names)} "
                         "(or add it with --group-by)")


def _text_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def _value_cell(value: MetricValue) -> str:
    if value is None:
        return ""
    return canonical(value) if isinstance(value, Decimal) else str(value)


def render_breakdown_csv(summary: PerformanceSummary, name: str, *,
                         min_sample: int = MIN_SAMPLE) -> str:
    """The rows of breakdown ``name`` (best net P&L first) with every per-row metric, as one
    string (exports and tests; the command line streams, :func:`write_breakdown_csv`)."""
    buffer = io.StringIO()
    write_breakdown_csv(summary, name, buffer, min_sample=min_sample)
    return buffer.getvalue()


def write_breakdown_csv(summary: PerformanceSummary, name: str, out: TextIO, *,
                        min_sample: int = MIN_SAMPLE) -> None:
    """Write every row of breakdown ``name`` (best net P&L first, never folded) to ``out``, each
    row as it is computed: a year of free-text reasons (hundreds of thousands of rows with
    ``--group-by exit_reasoning_raw``) costs the rows' metrics one at a time, never the whole
    file as one string."""
    check_breakdown(name, summary.group_by)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_text_cell(name), *METRIC_COLUMNS, "small_sample"])
    for key, stats in ranked(summary.aggregate.breakdown_stats.get(name, {})):
        values = core_metrics(stats).values
        writer.writerow([_text_cell(key),
                         *(_value_cell(values[column]) for column in METRIC_COLUMNS),
                         "true" if stats.closed < min_sample else "false"])
