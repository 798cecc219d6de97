"""The Markdown report: renders on GitHub and reads in a plain editor.

Every string that came from a log line (symbols, strategy names, order ids, reasons, indicator
names, extra fields) goes through :func:`escape_cell`, so a hostile value cannot break a table,
start a block or inject HTML.  Charts are Mermaid blocks (:mod:`.charts`): GitHub draws them and
a plain editor shows their numbers.  No ``generated_at`` in the text: an export of unchanged data
is byte-identical and is not rewritten.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from trading_bot.performance.core import dimensions
from trading_bot.performance.core.aggregate import CoreStats
from trading_bot.performance.core.decimals import canonical
from trading_bot.performance.core.formatting import (
    MIN_SAMPLE,
    change,
    duration,
    metric,
    money,
    one_line,
    plural,
    sample_size,
)
from trading_bot.performance.core.metric_catalogue import (
    BREAKDOWN_COLUMNS,
    COMPARISON_ROWS,
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
from trading_bot.performance.report.charts import Chart, daily_bars, equity_curve
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
    is_comparison,
    is_stale,
    is_timing,
    marks_line,
    open_notes,
    overlap_note,
    pairing_line,
    quality_examples,
    spans_days,
    tail_note,
)
from trading_bot.performance.report.sections import title as breakdown_title
from trading_bot.performance.report.targets_shown import (
    NOT_CONFIGURED,
    TargetsView,
    alert_lines,
    target_rows,
)

#: Data-quality examples listed per problem (the JSON has up to 10).
MARKDOWN_EXAMPLES = 3
#: Characters that are Markdown syntax anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*~\[\]|])")
#: An underscore not between two letters or digits could open or close emphasis.
_LOOSE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
#: What would start a heading, list or block quote at the start of a list item's text.
_BLOCK_START = re.compile(r"([-+#]|[0-9]+(?=[.)]))")


def escape_cell(text: str) -> str:
    """Make logged text safe in a table cell or list item: one line, no markup, no HTML.

    Minimal on purpose, so names stay readable in a plain editor (``BTC-USD``,
    ``momentum_breakout``): only characters that are syntax where they stand are escaped.
    """
    escaped = html.escape(one_line(text), quote=False)
    escaped = _INLINE_SPECIAL.sub(r"\\\1", escaped)
    escaped = _LOOSE_UNDERSCORE.sub(r"\\_", escaped)
    match = _BLOCK_START.match(escaped)
    if match:
        end = match.end()
        escaped = (escaped[:end] + "\\" + escaped[end:] if match.group(0)[0].isdigit()
                   else "\\" + escaped)
    return escaped


def md_table(headers: Sequence[str], rows: Sequence[Sequence[str]], *,
             right: Sequence[int] = ()) -> list[str]:
    """A GitHub table; cells must already be escaped (headers are our own text)."""
    align = ["---:" if index in right else "---" for index in range(len(headers))]
    return [
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join(align) + " |",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def side_by_side(headers: Sequence[str], rows: Sequence[Sequence[str]], *,
                 right: Sequence[int] = ()) -> list[str]:
    """A long table (the metrics, the days of a month) as two halves side by side, read down
    the left half and then the right: half as many lines, the same cells.  A table of at most
    ``HALF_AFTER`` rows is left whole."""
    if len(rows) <= HALF_AFTER:
        return md_table(headers, rows, right=right)
    first, second = halves(list(rows))
    blank = [""] * len(headers)
    joined = [[*left, *(second[index] if index < len(second) else blank)]
              for index, left in enumerate(first)]
    return md_table([*headers, *headers], joined,
                    right=[*right, *(index + len(headers) for index in right)])


def render_markdown(summary: PerformanceSummary, *, previous: PerformanceSummary | None = None,
                    min_sample: int = MIN_SAMPLE, targets: TargetsView | None = None,
                    top: int = HIGHLIGHT_COUNT) -> str:
    """The whole report; ``previous`` (the period before a weekly or monthly one) feeds the review,
    ``targets`` the targets table and the period's alerts (None: no targets configured)."""
    period = summary.period
    lines = [f"# Performance report: {period.window} {escape_cell(period.label)}", ""]
    lines += _overview(summary)
    if targets is None or not targets.configured:
        lines.append(f"- **Targets:** {escape_cell((targets and targets.note) or NOT_CONFIGURED)}")
    if summary.empty is not None:
        lines += ["", f"> **{escape_cell(summary.empty.message)}** "
                      f"Try: {escape_cell(summary.empty.hint)}"]
    lines += _targets(targets)
    if summary.empty is None:
        lines += _metrics(summary)
        lines += _chart("Equity curve", equity_curve(summary))
        if spans_days(summary):
            lines += _daily(summary)
    if has_review(summary):
        lines += _review(build_review(summary, previous, min_sample=min_sample))
    if summary.empty is None:
        lines += _breakdowns(summary, min_sample)
        lines += _highlights(summary, top)
    lines += _open_positions(summary)
    lines += _alerts(targets)
    lines += _quality(summary)
    lines += ["", "---", "", "**Definitions.** " + " ".join(definitions(min_sample))]
    return "\n".join(lines) + "\n"


def _overview(summary: PerformanceSummary) -> list[str]:
    period = summary.period
    span = f"{period.start} to {period.end}" if period.start else f"up to {period.end}"
    return [
        "## Overview",
        f"- **Period:** {escape_cell(period.label)}, {span}",
        f"- **Timezone:** {escape_cell(summary.timezone)} (days are local days in this zone)",
        f"- **Completeness:** {completeness(summary)}, as of {format_instant(summary.as_of)}",
        f"- **Data quality:** {data_line(summary)}",
        *([] if summary.pairing is None else [f"- **Pairing:** {pairing_line(summary)}"]),
        *([] if summary.filters is None
          else [f"- **Filter:** {escape_cell(summary.filters.line)}"]),
    ]


def _targets(view: TargetsView | None) -> list[str]:
    """Actual, target, variance, met or not and pacing per rule (the overview says when there
    are no targets)."""
    if view is None or not view.configured:
        return []
    lines = ["", "## Targets"]
    # Numbers and targets are our own formatting (escaping would put a backslash before a
    # leading "-"); names and scopes come from the targets file and are escaped.
    rows = [[escape_cell(row.rule), escape_cell(row.judged_on), row.actual, row.target,
             row.variance, escape_cell(row.met), escape_cell(row.pacing) or "-"]
            for row in target_rows(view)]
    if view.note:
        lines += [f"**{escape_cell(view.note)}.**", ""]
    if not rows:
        return [*lines, "No rule applies to this window."]
    return lines + md_table(["Rule", "Judged on", "Actual", "Target", "Variance", "Met",
                             "Pacing (day in progress)"], rows, right=(2, 4))


def _alerts(view: TargetsView | None) -> list[str]:
    if view is None or not view.configured:
        return []
    lines = ["", "## Alerts for the period"]
    found = alert_lines(view)
    if not found:
        return [*lines, "No alerts raised for this period."]
    return lines + [f"- **{escape_cell(line.headline)}:** {code_span(line.message)}"
                    + (f" ({escape_cell(line.details)})" if line.details else "")
                    for line in found]


def code_span(text: str) -> str:
    """Text shown literally (``<``, ``|``, ``*`` and HTML stay as typed, readable in a plain
    editor too): a backtick fence longer than any backtick run inside, on one line."""
    flat = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def _metrics(summary: PerformanceSummary) -> list[str]:
    values = summary.metrics.values
    lines = ["", "## Metrics"]
    lines += side_by_side(["Metric", "Value"],
                          [[entry.label, metric(entry.name, values[entry.name])]
                           for entry in SUMMARY_METRICS if entry.name in values], right=(1,))
    if shows_account(summary):
        # Our own strings (labels, numbers, reasons): nothing logged, so no escaping needed.
        lines += ["", f"### {account_title(summary)}"]
        lines += md_table(["Figure", "Value"], account_rows(summary), right=(1,))
        block = episodes(summary)
        lines += ["", f"### {episode_title(block)}"]
        if block["episodes"]:
            lines += md_table(list(EPISODE_HEADERS), episode_rows(block), right=(3, 4, 5))
    aggregate = summary.aggregate
    notes = []
    trades = [f"{label}: {money(extreme.net)} ({escape_cell(extreme.symbol)}, order "
              f"{escape_cell(extreme.order_id)}, {format_instant(extreme.key[0])})"
              for label, extreme in (("Largest win", aggregate.largest_win),
                                     ("largest loss", aggregate.largest_loss))
              if extreme is not None]
    if trades:
        notes.append("- " + "; ".join(trades))
    extremes = day_extremes(summary)
    if extremes is not None:
        notes.append("- " + "; ".join(
            f"{label}: {day}, net {money(stats.net)} over {plural(stats.closed, 'trade')}"
            for label, (day, stats) in zip(("Best day", "worst day"), extremes, strict=True)))
    streaks = aggregate.streaks
    if streaks.last_kind is not None:
        notes.append(f"- Current streak: {streaks.last_length} {streaks.last_kind}")
    drawdown = aggregate.drawdown
    if drawdown.max_trough_key is not None:
        peak = (format_instant(drawdown.max_peak_key[0]) if drawdown.max_peak_key
                else "the window start")
        notes.append(f"- Max drawdown {money(-drawdown.max_drawdown)}: from the peak at {peak} "
                     f"to the trough at {format_instant(drawdown.max_trough_key[0])}")
    return lines + (["", *notes] if notes else [])


def _chart(title: str, chart: Chart | None) -> list[str]:
    if chart is None:
        return []
    lines = ["", f"## {title}", *chart.lines]
    return lines + (["", chart.caption] if chart.caption else [])


def _daily(summary: PerformanceSummary) -> list[str]:
    lines = ["", f"## {daily_title(summary)}",
             *side_by_side(daily_headers(summary), daily_rows(summary), right=(1, 2, 3, 4))]
    chart = daily_bars(summary)
    if chart is not None:
        lines += ["", *chart.lines]
        if chart.caption:
            lines += ["", chart.caption]
    return lines


def _review(review: Review) -> list[str]:
    lines = ["", "## Review"]
    for standing in review.standings:
        label = dimensions.label(standing.dimension).lower()
        if standing.best is None:
            lines.append(f"- Best/worst {label}: none has {review.min_sample} or more closed "
                         f"trades ({plural(standing.rows, 'row')})")
            continue
        for kind, row in (("Best", standing.best), ("Worst", standing.worst)):
            if row is not None:
                lines.append(f"- {kind} {label}: {escape_cell(row.key)}, expectancy "
                             f"{money(row.expectancy)} over {plural(row.closed, 'trade')} "
                             f"(net {money(row.net)})")
        if standing.worst is None:
            lines.append(f"- Worst {label}: only one {label} has {review.min_sample} or more "
                         "closed trades")
    lines.append("")
    if review.previous_label is None:
        lines.append("No previous period was supplied, so there is no change to show.")
    elif review.previous_empty:
        lines.append(f"The previous period, {escape_cell(review.previous_label)}, has no closed "
                     "trades, so there is no change to show.")
    else:
        lines += [f"Change against the previous period, {escape_cell(review.previous_label)}:",
                  ""]
        lines += md_table(
            ["Metric", "This period", "Previous", "Change"],
            [[catalogued(item.metric).label, metric(item.metric, item.current),
              metric(item.metric, item.previous), change(item.metric, item.delta)]
             for item in review.changes],
            right=(1, 2, 3))
    lines += ["", "### Observations"]
    if review.observations:
        lines += [f"- {escape_cell(item.message)}" for item in review.observations]
    else:
        lines.append(f"No rule fired (rules need {review.min_sample} or more closed trades; "
                     "see the README for the rules).")
    return lines


def _breakdowns(summary: PerformanceSummary, min_sample: int) -> list[str]:
    lines = ["", "## Breakdowns",
             f"Sorted by net P&L (timing in calendar order); n = closed trades; rows under "
             f"{plural(min_sample, 'trade')} are marked (small sample)."]
    # Each block: dimension, heading, the rows of a comparison (None: not one), body.
    blocks: list[tuple[str, str, Rows | None, list[str]]] = []
    for dimension, rows, note in breakdowns(summary):
        title = breakdown_title(dimension, rows)
        found = dimensions.dimension(dimension)
        if is_comparison(dimension, rows):
            previous = blocks[-1] if blocks else None
            if (found is not None and previous is not None and previous[2] is not None
                    and found.extends == previous[0]):
                # PAPER vs LIVE by side continues PAPER vs LIVE: one table, more columns.
                joined = [*previous[2], *rows]
                blocks[-1] = (dimension, f"{previous[1]}; {title}", None,
                              _comparison(joined, min_sample))
                continue
            blocks.append((dimension, title, rows, _comparison(rows, min_sample)))
            continue
        if is_timing(dimension) and len(rows) > HALF_AFTER:
            body = _halves(title, rows, min_sample)
        else:
            body = _ranked(title, rows, min_sample)
        title += overlap_note(dimension) + (f" ({note})" if note else "")
        blocks.append((dimension, title, None, body))
    for _, title, _, body in blocks:
        lines += ["", f"### {escape_cell(title)}", *body]
    return lines


def _comparison(rows: Rows, min_sample: int) -> list[str]:
    headers = ["Metric", *(escape_cell(key) for key, _ in rows)]
    columns = [core_metrics(stats).values for _, stats in rows]
    table_rows = [["Closed trades (n)",
                   *(sample_size(stats.closed, min_sample) for _, stats in rows)]]
    table_rows += [[entry.label, *(metric(entry.name, values[entry.name]) for values in columns)]
                   for entry in COMPARISON_ROWS]
    return md_table(headers, table_rows, right=range(1, len(headers)))


def _ranked(title: str, rows: Rows, min_sample: int) -> list[str]:
    table_rows = []
    for key, stats in rows:
        values = core_metrics(stats).values
        table_rows.append([escape_cell(key), sample_size(stats.closed, min_sample),
                           *(metric(entry.name, values[entry.name])
                             for entry in BREAKDOWN_COLUMNS)])
    return md_table([escape_cell(title), "n", *(entry.column for entry in BREAKDOWN_COLUMNS)],
                    table_rows, right=range(1, len(BREAKDOWN_COLUMNS) + 2))


#: The columns of each half of a long timing breakdown (the hours of a day).
_HALF_COLUMNS = ("win_rate", "expectancy", "net_profit_loss")


def _halves(title: str, rows: Rows, min_sample: int) -> list[str]:
    """A long timing breakdown (the hours) as two halves side by side, fewer columns each: half
    as many lines for the 24 hours of a day."""
    first, second = halves(rows)
    header = [escape_cell(title.split()[-1].capitalize()), "n",
              *(catalogued(name).column for name in _HALF_COLUMNS)]

    def cells(row: tuple[str, CoreStats] | None) -> list[str]:
        if row is None:
            return [""] * len(header)
        key, stats = row
        values = core_metrics(stats).values
        return [escape_cell(key), sample_size(stats.closed, min_sample),
                *(metric(name, values[name]) for name in _HALF_COLUMNS)]
    table_rows = [cells(left) + cells(second[index] if index < len(second) else None)
                  for index, left in enumerate(first)]
    return md_table(header + header, table_rows,
                    right=[index for index in range(2 * len(header)) if index % len(header)])


def _highlights(summary: PerformanceSummary, top: int) -> list[str]:
    """The top and bottom trades in one table, ranked (``Top 1`` is the best trade)."""
    chosen = highlights(summary.aggregate, top)
    note = tail_note(chosen)
    lines = ["", "## Best and worst trades"]
    if note:
        lines += [f"Chosen {note}.", ""]
    rows = [[f"{title} {rank}", format_instant(trade.realized_at), escape_cell(trade.order_id),
             escape_cell(trade.symbol), escape_cell(group_value(trade, "strategy_name")),
             trade.outcome, money(trade.net)]
            for title, trades in (("Top", chosen.top), ("Bottom", chosen.bottom))
            for rank, trade in enumerate(trades, start=1)]
    return lines + md_table(["Rank", "Realized", "Order", "Symbol", "Strategy", "Outcome",
                             "Net P&L"], rows, right=(6,))


def _open_positions(summary: PerformanceSummary) -> list[str]:
    if not summary.open_positions:
        return []
    view = summary.open_view
    listed = view.listed
    heading = f"## Open positions ({view.count:,})"
    notes = " ".join(escape_cell(note) for note in open_notes(summary))

    def age(p: OpenPosition) -> str:
        return duration(p.age_seconds) + (" **stale**" if is_stale(summary, p) else "")
    if summary.pairing is not None or summary.marks is not None:
        # Lots: the first fill's order, the average cost of what is still open, fills since
        # flat; with marks, the mark and the open P&L.
        marked = summary.marks is not None
        lot_rows = [[escape_cell(p.order_id), escape_cell(p.symbol), p.side, p.execution_mode,
                     escape_cell(p.account_id or "-"), canonical(p.quantity), money(p.price),
                     str(p.fills), *([money(p.mark), money(p.unrealized)] if marked else []),
                     escape_cell(p.strategy_name), format_instant(p.entry_at),
                     age(p)] for p in listed]
        headers = ["First order", "Symbol", "Side", "Mode", "Account", "Qty", "Avg cost",
                   "Fills", *(["Mark", "Unrealized"] if marked else []), "Strategy",
                   "First fill", "Age"]
        numeric = (5, 6, 7, 8, 9, 13) if marked else (5, 6, 7, 11)
        marks = marks_line(summary, escape_cell)
        return ["", heading,
                f"Age at {format_instant(summary.as_of)}. {notes}", "",
                *md_table(headers, lot_rows, right=numeric),
                *([] if marks is None else ["", marks])]
    rows = [[escape_cell(p.order_id), escape_cell(p.symbol), p.side, p.execution_mode,
             canonical(p.quantity), money(p.price), escape_cell(p.strategy_name),
             format_instant(p.entry_at), age(p)] for p in listed]
    return ["", heading,
            f"Age at {format_instant(summary.as_of)}. {notes}", "",
            *md_table(["Order", "Symbol", "Side", "Mode", "Qty", "Entry", "Strategy", "Entered",
                       "Age"], rows, right=(4, 5, 8))]


def _quality(summary: PerformanceSummary) -> list[str]:
    groups = quality_examples(summary)
    if not groups:
        return []
    lines = ["", "## Data quality details"]
    for title, examples in groups:
        lines += ["", f"{title}:",
                  *(f"- {escape_cell(example)}" for example in examples[:MARKDOWN_EXAMPLES])]
        if len(examples) > MARKDOWN_EXAMPLES:
            lines.append(f"- ... {len(examples) - MARKDOWN_EXAMPLES} more examples in the "
                         "JSON report")
    return lines
