"""The terminal report: plain aligned text that reads well at 80 columns."""

from __future__ import annotations

from typing import Sequence

from .aggregate import OVERLAPPING_DIMENSIONS
from .formatting import METRIC_LABELS, duration, metric, money, percent
from .metrics import core_metrics
from .summary import PerformanceSummary

MAX_BREAKDOWN_ROWS = 10


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, right: Sequence[int] = ()) -> list[str]:
    """Aligned columns; columns listed in ``right`` are right-aligned (numbers)."""
    widths = [len(header) for header in headers]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row)]

    def line(cells: Sequence[str]) -> str:
        parts = [cell.rjust(width) if index in right else cell.ljust(width)
                 for index, (cell, width) in enumerate(zip(cells, widths))]
        return "  ".join(parts).rstrip()

    return [line(headers), line(["-" * width for width in widths]), *(line(row) for row in rows)]


def render_text(summary: PerformanceSummary) -> str:
    """Human report of a summary; the same facts as the JSON, rounded for reading."""
    period = summary.period
    quality = summary.data_quality
    metrics = summary.metrics
    lines = [
        f"Performance: {period.window} {period.label} ({summary.timezone})",
        f"Period: {period.start or '-'} .. {period.end}  "
        f"{'complete' if period.complete else 'in progress'}",
    ]
    if summary.empty is not None:
        lines += ["", summary.empty.message, f"Try: {summary.empty.hint}"]
    else:
        lines.append("")
        names = [name for name in METRIC_LABELS if name in metrics.values]
        rows = [[METRIC_LABELS[name], metric(name, metrics.values[name])] for name in names]
        lines += table(["Metric", "Value"], rows, right=(1,))
        lines += _extremes(summary)
        lines += _daily(summary)
        lines += _breakdowns(summary)
    lines += _open_positions(summary)
    lines += [
        "",
        f"Data quality: {len(quality.files_read)} files, {quality.lines_read} lines, "
        f"{quality.bad_lines} bad, {quality.duplicates} duplicates, {quality.superseded} superseded, "
        f"{quality.inconsistent} inconsistent, {quality.misplaced} misplaced",
    ]
    lines += [f"  {example}" for example in (*quality.bad_line_examples,
                                             *quality.inconsistent_examples,
                                             *quality.misplaced_examples)]
    if quality.files_missing:
        lines.append(f"  missing day files: {', '.join(quality.files_missing)}")
    lines += [f"  skipped: {entry}" for entry in quality.files_skipped]
    return "\n".join(lines) + "\n"


def _extremes(summary: PerformanceSummary) -> list[str]:
    aggregate = summary.aggregate
    lines = [""]
    for label, extreme in (("Largest win", aggregate.largest_win),
                           ("Largest loss", aggregate.largest_loss)):
        if extreme is not None:
            lines.append(f"{label}: {money(extreme.net)} ({extreme.symbol}, {extreme.order_id})")
    streaks = aggregate.streaks
    if streaks.last_kind is not None:
        lines.append(f"Current streak: {streaks.last_length} {streaks.last_kind}")
    drawdown = aggregate.drawdown
    if drawdown.max_trough_key is not None:
        peak = drawdown.max_peak_key[0].isoformat() if drawdown.max_peak_key else "window start"
        lines.append(f"Max drawdown: {money(-drawdown.max_drawdown)} from {peak} "
                     f"to {drawdown.max_trough_key[0].isoformat()}")
    return lines


def _daily(summary: PerformanceSummary) -> list[str]:
    days = sorted(summary.aggregate.day_stats.items())
    if len(days) < 2:
        return []
    rows = []
    for day, stats in days:
        values = core_metrics(stats).values
        rows.append([day.isoformat(), str(stats.closed), percent(values["win_rate"]), money(stats.net)])
    return ["", "Daily P&L", *table(["Date", "Trades", "Win rate", "Net P&L"], rows, right=(1, 2, 3))]


def _breakdowns(summary: PerformanceSummary) -> list[str]:
    lines: list[str] = []
    for dimension, rows in summary.aggregate.breakdown_stats.items():
        ordered = sorted(rows.items(), key=lambda item: (-item[1].net, item[0]))
        shown = ordered[:MAX_BREAKDOWN_ROWS]
        table_rows = []
        for key, stats in shown:
            values = core_metrics(stats).values
            table_rows.append([key[:28], str(stats.closed), percent(values["win_rate"]),
                               money(values["expectancy"]), metric("profit_factor", values["profit_factor"]),
                               money(stats.net)])
        title = f"By {dimension}"
        if dimension in OVERLAPPING_DIMENSIONS:
            title += " (rows overlap: a trade counts once per indicator)"
        if len(ordered) > len(shown):
            title += f" (top {len(shown)} of {len(ordered)})"
        lines += ["", title, *table([dimension, "n", "Win rate", "Expect.", "PF", "Net P&L"],
                                    table_rows, right=(1, 2, 3, 4, 5))]
    return lines


def _open_positions(summary: PerformanceSummary) -> list[str]:
    if not summary.open_positions:
        return []
    rows = [[p.symbol, p.side, str(p.quantity), money(p.price), p.strategy_name[:20],
             duration(p.age_seconds)] for p in summary.open_positions]
    return ["", f"Open positions ({len(rows)})",
            *table(["Symbol", "Side", "Qty", "Entry", "Strategy", "Age"], rows, right=(2, 3, 5))]
