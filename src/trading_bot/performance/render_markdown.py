"""The Markdown report: renders on GitHub and reads in a plain editor.

Every string that came from a log line (symbols, strategy names, reasons) goes through
:func:`escape_cell`, so a hostile value cannot break a table or inject HTML.
"""

from __future__ import annotations

import html
import re
from typing import Sequence

from .aggregate import OVERLAPPING_DIMENSIONS
from .formatting import METRIC_LABELS, duration, metric, money, percent
from .metrics import core_metrics
from .summary import PerformanceSummary

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def escape_cell(text: str) -> str:
    """Make arbitrary text safe inside a Markdown table cell: one line, no markup, no HTML."""
    one_line = " ".join(text.split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(one_line, quote=False))


def md_table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, right: Sequence[int] = ()) -> list[str]:
    align = ["---:" if index in right else "---" for index in range(len(headers))]
    return [
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join(align) + " |",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def render_markdown(summary: PerformanceSummary) -> str:
    period = summary.period
    quality = summary.data_quality
    metrics = summary.metrics
    lines = [
        f"# Performance: {period.window} {escape_cell(period.label)}",
        "",
        f"- Period: {period.start or '-'} to {period.end} ({summary.timezone}), "
        f"{'complete' if period.complete else 'in progress'}",
        f"- Data: {len(quality.files_read)} files, {quality.lines_read} lines, "
        f"{quality.bad_lines} bad lines, {quality.duplicates} duplicates",
    ]
    if summary.empty is not None:
        lines += ["", f"**{escape_cell(summary.empty.message)}** Try: {escape_cell(summary.empty.hint)}"]
    else:
        lines += ["", "## Metrics", ""]
        names = [name for name in METRIC_LABELS if name in metrics.values]
        lines += md_table(["Metric", "Value"],
                          [[METRIC_LABELS[name], metric(name, metrics.values[name])] for name in names],
                          right=(1,))
        lines += _daily(summary)
        lines += _breakdowns(summary)
    lines += _open_positions(summary)
    if quality.bad_line_examples:
        lines += ["", "## Bad lines", ""]
        lines += [f"- {escape_cell(example)}" for example in quality.bad_line_examples]
    lines += [
        "",
        "---",
        "Win rate counts breakevens in the denominator; trades are attributed to the local day "
        "of their exit; drawdown is peak-to-trough of cumulative realized net P&L within the "
        "window.",
    ]
    return "\n".join(lines) + "\n"


def _daily(summary: PerformanceSummary) -> list[str]:
    days = sorted(summary.aggregate.day_stats.items())
    if len(days) < 2:
        return []
    rows = [[day.isoformat(), str(stats.closed), percent(core_metrics(stats).values["win_rate"]),
             money(stats.net)] for day, stats in days]
    return ["", "## Daily P&L", "", *md_table(["Date", "Trades", "Win rate", "Net P&L"], rows,
                                               right=(1, 2, 3))]


def _breakdowns(summary: PerformanceSummary) -> list[str]:
    lines: list[str] = []
    for dimension, rows in summary.aggregate.breakdown_stats.items():
        ordered = sorted(rows.items(), key=lambda item: (-item[1].net, item[0]))
        table_rows = []
        for key, stats in ordered:
            values = core_metrics(stats).values
            table_rows.append([escape_cell(key), str(stats.closed), percent(values["win_rate"]),
                               money(values["expectancy"]),
                               metric("profit_factor", values["profit_factor"]), money(stats.net)])
        note = " (rows overlap)" if dimension in OVERLAPPING_DIMENSIONS else ""
        lines += ["", f"## By {escape_cell(dimension)}{note}", "",
                  *md_table([escape_cell(dimension), "n", "Win rate", "Expectancy", "Profit factor",
                             "Net P&L"], table_rows, right=(1, 2, 3, 4, 5))]
    return lines


def _open_positions(summary: PerformanceSummary) -> list[str]:
    if not summary.open_positions:
        return []
    rows = [[escape_cell(p.order_id), escape_cell(p.symbol), p.side, str(p.quantity), money(p.price),
             escape_cell(p.strategy_name), duration(p.age_seconds)] for p in summary.open_positions]
    return ["", "## Open positions", "",
            *md_table(["Order", "Symbol", "Side", "Qty", "Entry", "Strategy", "Age"], rows,
                      right=(3, 4, 6))]
