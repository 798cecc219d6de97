"""The terminal report: aligned plain text that fits 80 columns, coloured only when asked.

The caller decides about colour (the CLI: stdout is a TTY and ``NO_COLOR`` is not set); colour
codes are added after alignment, so columns line up either way.  Logged text goes through
:func:`~.formatting.one_line` (no newlines, no terminal escape sequences) and is clipped to its
column.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

from trading_bot.performance.core import dimensions
from trading_bot.performance.core.decimals import canonical
from trading_bot.performance.core.formatting import (
    MIN_SAMPLE,
    change,
    clip,
    display_width,
    duration,
    metric,
    money,
    one_line,
    plural,
    sample_size,
)
from trading_bot.performance.core.metric_catalogue import (
    MONEY,
    NARROW_BREAKDOWN_COLUMNS,
    SUMMARY_METRICS,
)
from trading_bot.performance.core.metric_catalogue import metric as catalogued
from trading_bot.performance.core.metrics import core_metrics
from trading_bot.performance.core.summary import OpenPosition, PerformanceSummary
from trading_bot.performance.core.timestamps import format_instant
from trading_bot.performance.report.account_view import (
    EPISODE_HEADERS,
    account_rows,
    account_title,
    episode_rows,
    episode_title,
    episodes,
    shows_account,
)
from trading_bot.performance.report.review import Review, build_review, has_review
from trading_bot.performance.report.sections import (
    HALF_AFTER,
    HIGHLIGHT_COUNT,
    Rows,
    breakdowns,
    completeness,
    daily_headers,
    daily_rows,
    daily_title,
    data_line,
    day_extremes,
    definitions,
    group_value,
    halves,
    highlights,
    is_stale,
    is_timing,
    marks_line,
    open_heading,
    open_notes,
    overlap_note,
    pairing_line,
    quality_examples,
    spans_days,
    tail_note,
)
from trading_bot.performance.report.targets_shown import (
    NOT_CONFIGURED,
    TargetsView,
    alert_lines,
    target_rows,
)

WIDTH = 80
#: Data-quality examples shown per problem (the JSON has up to 10): enough to find the lines,
#: few enough that a report with several kinds of problem still fits a screenful or two.
TEXT_EXAMPLES = 3
KEY_WIDTH = 22
_RESET = "\033[0m"
_BOLD = "\033[1m"
_GREEN = "\033[32m"
_RED = "\033[31m"
_YELLOW = "\033[33m"

Paint = Callable[[int, str], str]


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, right: Sequence[int] = (),
          paint: Paint | None = None) -> list[str]:
    """Aligned columns; ``right`` lists right-aligned (numeric) columns.  Widths are display
    widths (:func:`~.formatting.display_width`): a CJK name takes two columns a character.

    ``paint(column, cell)`` may wrap a body cell in colour codes; widths are measured before, so
    colour never shifts a column.
    """
    widths = [display_width(header) for header in headers]
    for row in rows:
        widths = [max(width, display_width(cell))
                  for width, cell in zip(widths, row, strict=False)]

    def line(cells: Sequence[str], painter: Paint | None) -> str:
        parts = []
        for index, (cell, width) in enumerate(zip(cells, widths, strict=False)):
            padding = " " * (width - display_width(cell))
            shown = painter(index, cell) if painter else cell
            parts.append(padding + shown if index in right else shown + padding)
        return "  ".join(parts).rstrip()

    return [line(headers, None), line(["-" * width for width in widths], None),
            *(line(row, paint) for row in rows)]


class _Style:
    """Colour codes, or nothing: every renderer function goes through one of these."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def _wrap(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color and text else text

    def heading(self, text: str) -> str:
        return self._wrap(_BOLD, text)

    def signed(self, text: str) -> str:
        """Green for a gain, red for a loss, plain for zero or undefined."""
        if text.startswith("-") and text != "-":
            return self._wrap(_RED, text)
        if (text[:1].isdigit() or text.startswith("+")) and text.strip("+0.% p") != "":
            return self._wrap(_GREEN, text)
        return text

    def warn(self, text: str) -> str:
        return self._wrap(_YELLOW, text)

    def painter(self, signed_columns: Sequence[int],
                sample_column: int | None = None) -> Paint | None:
        if not self.color:
            return None

        def paint(index: int, cell: str) -> str:
            if index in signed_columns:
                return self.signed(cell)
            if index == sample_column and "(" in cell:
                return self.warn(cell)
            return cell
        return paint


def render_text(summary: PerformanceSummary, *, previous: PerformanceSummary | None = None,
                min_sample: int = MIN_SAMPLE, color: bool = False,
                targets: TargetsView | None = None, top: int = HIGHLIGHT_COUNT) -> str:
    """Human report of a summary; the same facts as the JSON, rounded for reading; ``top``
    best and worst trades (``--top``)."""
    style = _Style(color)
    period = summary.period
    lines = [
        style.heading(f"Performance report: {period.window} {one_line(period.label)}"),
        *_wrap(f"Period: {period.start or '-'} .. {period.end} ({one_line(summary.timezone)}), "
               f"{completeness(summary)}"),
        f"As of: {format_instant(summary.as_of)}",
        *_wrap(f"Data: {data_line(summary)}"),
    ]
    pairing = pairing_line(summary)
    if pairing is not None:
        lines += _wrap(f"Pairing: {pairing}")
    if summary.filters is not None:
        lines += _wrap(f"Filter: {one_line(summary.filters.line)}")
    if targets is None or not targets.configured:
        lines += _wrap(f"Targets: {(targets and targets.note) or NOT_CONFIGURED}")
    if summary.empty is not None:
        lines += ["", *_wrap(one_line(summary.empty.message)),
                  *_wrap(f"Try: {one_line(summary.empty.hint)}")]
    lines += _targets(targets, style)
    if summary.empty is None:
        values = summary.metrics.values
        rows = [[entry.label, metric(entry.name, values[entry.name])]
                for entry in SUMMARY_METRICS if entry.name in values]
        lines += ["", *table(["Metric", "Value"], rows, right=(1,))]
        lines += _account(summary, style)
        lines += _extremes(summary)
        if spans_days(summary):
            lines += _daily(summary, style)
    if has_review(summary):
        lines += _review(build_review(summary, previous, min_sample=min_sample), style)
    if summary.empty is None:
        lines += _breakdowns(summary, min_sample, style)
        lines += _highlights(summary, style, top)
    lines += _open_positions(summary)
    lines += _alerts(targets, style)
    lines += _quality(summary, style)
    lines += ["", *_wrap(" ".join(definitions(min_sample)))]
    return "\n".join(lines) + "\n"


def _targets(view: TargetsView | None, style: _Style) -> list[str]:
    """Rule, actual, target and met per line (80 columns); pacing on its own line."""
    if view is None or not view.configured:
        return []
    lines = ["", style.heading("Targets")]
    if view.note:
        lines += _wrap(one_line(view.note) + ".")
    rows = target_rows(view)
    if not rows:
        return [*lines, "No rule applies to this window."]
    lines += table(["Rule", "Actual", "Target", "Met"],
                   [[clip(one_line(row.rule), 24), clip(row.actual, 20), clip(row.target, 12),
                     clip(one_line(row.short), 18)] for row in rows], right=(1,))
    for row in rows:
        if row.pacing:
            lines += _wrap(f"{one_line(row.rule)} ({one_line(row.judged_on)}): "
                           f"{one_line(row.pacing)}", "  ")
    return lines


def _alerts(view: TargetsView | None, style: _Style) -> list[str]:
    if view is None or not view.configured:
        return []
    lines = ["", style.heading("Alerts for the period")]
    found = alert_lines(view)
    if not found:
        return [*lines, "No alerts raised for this period."]
    for line in found:
        details = f" ({line.details})" if line.details else ""
        lines += _wrap(one_line(f"{line.headline}: {line.message}{details}"), "- ")
    return lines


def _wrap(text: str, indent: str = "") -> list[str]:
    """Prose lines of at most 80 columns; continuation lines are indented under the text."""
    follow = " " * len(indent) if indent else "  "
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=follow,
                         break_on_hyphens=False) or [indent]


def _extremes(summary: PerformanceSummary) -> list[str]:
    aggregate = summary.aggregate
    lines = [""]
    for label, extreme in (("Largest win", aggregate.largest_win),
                           ("Largest loss", aggregate.largest_loss)):
        if extreme is not None:
            lines += _wrap(f"{label}: {money(extreme.net)} ({one_line(extreme.symbol)}, "
                           f"{one_line(extreme.order_id)})")
    extremes = day_extremes(summary)
    if extremes is not None:
        (best, best_stats), (worst, worst_stats) = extremes
        lines.append(f"Best day: {best} {money(best_stats.net)} "
                     f"({plural(best_stats.closed, 'trade')}); worst day: {worst} "
                     f"{money(worst_stats.net)} ({plural(worst_stats.closed, 'trade')})")
    streaks = aggregate.streaks
    if streaks.last_kind is not None:
        lines.append(f"Current streak: {streaks.last_length} {streaks.last_kind}")
    drawdown = aggregate.drawdown
    if drawdown.max_trough_key is not None:
        peak = format_instant(drawdown.max_peak_key[0]) if drawdown.max_peak_key else "window start"
        lines += _wrap(f"Max drawdown: {money(-drawdown.max_drawdown)} from {peak} "
                       f"to {format_instant(drawdown.max_trough_key[0])}")
    return lines


def _daily(summary: PerformanceSummary, style: _Style) -> list[str]:
    return ["", style.heading(daily_title(summary)),
            *table(daily_headers(summary), daily_rows(summary), right=(1, 2, 3, 4),
                   paint=style.painter((3, 4)))]


def _review(review: Review, style: _Style) -> list[str]:
    lines = ["", style.heading(f"Review (rankings and rules need {review.min_sample}+ trades)")]
    for standing in review.standings:
        label = dimensions.label(standing.dimension).lower()
        if standing.best is None:
            lines += _wrap(f"Best/worst {label}: none has {review.min_sample}+ trades")
            continue
        for kind, row in (("Best", standing.best), ("Worst", standing.worst)):
            if row is not None:
                lines += _wrap(f"{kind} {label}: {one_line(row.key)}, expectancy "
                               f"{money(row.expectancy)} over {plural(row.closed, 'trade')}")
    if review.previous_label is not None and review.previous_empty:
        # A table of this period against dashes says nothing the metrics above do not.
        lines += ["", *_wrap(f"Against the previous period ({one_line(review.previous_label)}):"
                             " no closed trades then, so no change to show.")]
    elif review.previous_label is not None:
        lines += ["", f"Against the previous period ({one_line(review.previous_label)}):"]
        rows = [[catalogued(item.metric).label, metric(item.metric, item.current),
                 metric(item.metric, item.previous), change(item.metric, item.delta)]
                for item in review.changes]
        lines += table(["Metric", "This period", "Previous", "Change"], rows, right=(1, 2, 3),
                       paint=style.painter((3,)))
    lines += ["", "Observations:"]
    if review.observations:
        for item in review.observations:
            lines += _wrap(one_line(item.message), "- ")
    else:
        lines.append("- none: no rule fired")
    return lines


def _account(summary: PerformanceSummary, style: _Style) -> list[str]:
    """The account figures and drawdown episodes, with ``--starting-balance`` only."""
    if not shows_account(summary):
        return []
    lines = ["", style.heading(account_title(summary)),
             *table(["Figure", "Value"], account_rows(summary), right=(1,))]
    block = episodes(summary)
    lines += ["", style.heading(episode_title(block))]
    if block["episodes"]:
        lines += table(list(EPISODE_HEADERS), episode_rows(block), right=(3, 4, 5))
    return lines


def _breakdowns(summary: PerformanceSummary, min_sample: int, style: _Style) -> list[str]:
    lines: list[str] = []
    columns = NARROW_BREAKDOWN_COLUMNS
    money_columns = [index + 2 for index, entry in enumerate(columns) if entry.kind == MONEY]
    for shown in breakdowns(summary):
        label = dimensions.label(shown.name)
        title = label + overlap_note(shown.name, short=True)
        if shown.note:
            title += f" ({shown.note})"
        lines += ["", *(style.heading(line) for line in _wrap(one_line(title)))]
        if is_timing(shown.name) and len(shown.rows) > HALF_AFTER:
            halved = _halves(label, shown.rows, min_sample, style)
            if halved:
                lines += halved
                continue
        table_rows = []
        for key, stats in shown.rows:
            values = core_metrics(stats).values
            table_rows.append([one_line(key), sample_size(stats.closed, min_sample, short=True),
                               *(metric(entry.name, values[entry.name]) for entry in columns)])
        lines += table(*_fit_first([one_line(label), "n",
                                    *(entry.narrow_column for entry in columns)], table_rows),
                       right=range(1, len(columns) + 2),
                       paint=style.painter(money_columns, sample_column=1))
    return lines


def _fit_first(headers: list[str], rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """Clip the first (key) column to the room the other columns leave in 80 columns, at least
    :data:`KEY_WIDTH`: a template such as "Stop loss $# triggered, support broke" reads whole
    when the numbers are narrow."""
    others = [max([display_width(header), *(display_width(row[index]) for row in rows)])
              for index, header in enumerate(headers) if index]
    room = max(KEY_WIDTH, WIDTH - sum(others) - 2 * len(others))
    return ([clip(headers[0], room), *headers[1:]],
            [[clip(row[0], room), *row[1:]] for row in rows])


#: The columns of each half of a long timing breakdown (the hours of a day).
_HALF_COLUMNS = ("win_rate", "net_profit_loss")


def _halves(label: str, rows: Rows, min_sample: int, style: _Style) -> list[str]:
    """A long timing breakdown (the hours) in two halves side by side, with n, win rate and net
    P&L, when both fit in 80 columns; [] when they do not (the caller shows one table)."""
    headers = [label.split()[-1].capitalize(), "n",
               *(catalogued(name).narrow_column for name in _HALF_COLUMNS)]

    def cells(part: Rows) -> list[list[str]]:
        return [[one_line(key), sample_size(stats.closed, min_sample, short=True),
                 *(metric(name, core_metrics(stats).values[name]) for name in _HALF_COLUMNS)]
                for key, stats in part]
    first, second = halves(rows)
    right = range(1, len(headers))
    plain_left = table(headers, cells(first), right=right)
    plain_right = table(headers, cells(second), right=right)
    width = max(display_width(line) for line in plain_left)
    if width + 3 + max(display_width(line) for line in plain_right) > WIDTH:
        return []
    # Colour goes on after measuring: its codes take no columns.
    paint = style.painter((len(headers) - 1,), sample_column=1)
    left = table(headers, cells(first), right=right, paint=paint) if paint else plain_left
    other = table(headers, cells(second), right=right, paint=paint) if paint else plain_right
    return [(shown + " " * (width - display_width(plain)) + " | "
             + (other[index] if index < len(other) else "")).rstrip()
            for index, (shown, plain) in enumerate(zip(left, plain_left, strict=True))]


def _highlights(summary: PerformanceSummary, style: _Style, top: int) -> list[str]:
    chosen = highlights(summary.aggregate, top)
    lines = ["", style.heading("Best and worst trades")]
    note = tail_note(chosen)
    if note:
        lines += _wrap(f"Chosen {note}.")
    for title, trades in (("Top", chosen.top), ("Bottom", chosen.bottom)):
        if not trades:
            continue
        rows = [[format_instant(trade.realized_at), clip(one_line(trade.order_id), 14),
                 clip(one_line(trade.symbol), 10),
                 clip(one_line(group_value(trade, "strategy_name")), 18), money(trade.net)]
                for trade in trades]
        lines += table([f"{title} {len(trades)}", "Order", "Symbol", "Strategy", "Net P&L"], rows,
                       right=(4,), paint=style.painter((4,)))
    return lines


def _open_positions(summary: PerformanceSummary) -> list[str]:
    if not summary.open_positions:
        return []
    title = open_heading(summary)
    listed = summary.open_view.listed
    notes = [line for note in open_notes(summary) for line in _wrap(note)]

    def age(p: OpenPosition) -> str:
        return duration(p.age_seconds) + (" stale" if is_stale(summary, p) else "")
    if summary.pairing is not None or summary.marks is not None:
        # Lots: the average cost of what is still open and the fills since flat; with marks,
        # the open P&L takes the strategy's place (80 columns).
        marked = summary.marks is not None
        rows = [[clip(one_line(p.symbol), 10), p.side, p.execution_mode,
                 clip(canonical(p.quantity), 10), money(p.price), str(p.fills),
                 money(p.unrealized) if marked else clip(one_line(p.strategy_name), 10),
                 age(p)] for p in listed]
        headers = ["Symbol", "Side", "Mode", "Qty", "Avg cost", "Fills",
                   "Unreal." if marked else "Strategy", "Age"]
        lines = ["", title, *notes, *table(headers, rows,
                                   right=(3, 4, 5, 6, 7) if marked else (3, 4, 5, 7))]
        marks = marks_line(summary)
        return lines + (_wrap(one_line(marks)) if marks is not None else [])
    rows = [[clip(one_line(p.symbol), 10), p.side, p.execution_mode,
             clip(canonical(p.quantity), 10), money(p.price), clip(one_line(p.strategy_name), 16),
             age(p)]
            for p in listed]
    return ["", title, *notes,
            *table(["Symbol", "Side", "Mode", "Qty", "Entry", "Strategy", "Age"], rows,
                   right=(3, 4, 6))]


def _quality(summary: PerformanceSummary, style: _Style) -> list[str]:
    lines: list[str] = []
    for title, examples in quality_examples(summary):
        lines += ["", style.warn(f"{title}:")]
        # A terminal answer stays readable: a few examples each, the rest in the JSON.
        for example in examples[:TEXT_EXAMPLES]:
            lines += _wrap(one_line(example), "  ")
        if len(examples) > TEXT_EXAMPLES:
            lines.append(f"  ... {len(examples) - TEXT_EXAMPLES} more examples in --format json")
    return lines
