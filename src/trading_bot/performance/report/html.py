"""The HTML report: one self-contained file to open by double-click, print, or read on a phone.

Everything the Markdown report has (same sections, same selection: :mod:`.sections`,
:mod:`.review`, :mod:`.targets_view`), as tables that sort when a column header is clicked,
plus inline SVG charts drawn by our own code (:mod:`.html_charts`, :mod:`.svg`).

Self-contained and inert by construction:

* No network: no external script, stylesheet, font or image; a Content-Security-Policy
  (``default-src 'none'``) admits only this page's own style and script, by their SHA-256, so
  even a string that escaped its escaping could neither run nor load anything.
* Every string from a log line or the targets file goes through :func:`~.svg.esc` (one line,
  control characters as ``\\xNN``, ``& < > " '`` escaped) whether it lands in text, an
  attribute or an SVG ``<title>``; logged text never reaches a ``<script>`` or ``<style>``.
* The one script (sorting) is inline, small, and attaches its handlers itself (no ``on*``
  attributes, which the policy would refuse).  Without it (printing, scripts off) tables keep
  the report's order.
* Light and dark colours follow ``prefers-color-scheme``; print is always light.

Like the Markdown, the page has no ``generated_at``: an export of unchanged data is
byte-identical and is not rewritten.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from trading_bot.performance.core import dimensions
from trading_bot.performance.core.decimals import canonical
from trading_bot.performance.core.formatting import (
    MIN_SAMPLE,
    change,
    duration,
    metric,
    money,
    plural,
    sample_size,
)
from trading_bot.performance.core.metric_catalogue import (
    BREAKDOWN_COLUMNS,
    COMPARISON_ROWS,
    SUMMARY_METRICS,
)
from trading_bot.performance.core.metric_catalogue import metric as catalogued
from trading_bot.performance.core.metrics import MetricValue, core_metrics
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.core.timestamps import format_instant
from trading_bot.performance.report.html_charts import (
    bars_figure,
    breakdown_figure,
    calendar_figure,
    equity_figure,
)
from trading_bot.performance.report.review import Review, build_review, has_review
from trading_bot.performance.report.sections import (
    DAILY_HEADERS,
    HIGHLIGHT_COUNT,
    Rows,
    breakdowns,
    completeness,
    data_line,
    days,
    definitions,
    group_value,
    highlights,
    is_comparison,
    is_stale,
    open_notes,
    overlap_note,
    quality_examples,
    spans_days,
    tail_note,
)
from trading_bot.performance.report.sections import title as breakdown_title
from trading_bot.performance.report.svg import esc, sign_class
from trading_bot.performance.report.targets_shown import (
    NOT_CONFIGURED,
    TargetsView,
    alert_lines,
    target_rows,
)

#: Headline figures shown as cards above the details, in reading order.
KEY_METRICS = ("net_profit_loss", "closed_trades", "win_rate", "expectancy", "profit_factor",
               "max_drawdown")
#: Money metrics whose sign is the news (a gain or a loss): coloured like the P&L bars.
SIGNED_METRICS = frozenset({"net_profit_loss", "expectancy"})

STYLE = """\
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;
--panel:#f6f8fa;--accent:#0969da;--gain:#1a7f37;--loss:#cf222e;--flat:#59636e;
--g1:#cdeed6;--g2:#8fd6a3;--g3:#3fb760;--g4:#1a7f37;--l1:#ffdcd7;--l2:#ffaba3;--l3:#f06a60;
--l4:#cf222e;--z:#b7c1cc;--none:#eef1f4}
@media screen and (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9ea7b3;
--line:#3d444d;--panel:#151b23;--accent:#4493f8;--gain:#3fb950;--loss:#f85149;--flat:#9ea7b3;
--g1:#12361f;--g2:#1b5e31;--g3:#2ea043;--g4:#56d364;--l1:#42181b;--l2:#7a2529;--l3:#da3633;
--l4:#ff7b72;--z:#59636e;--none:#1b2129}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;max-width:1100px;padding:16px 20px 40px;background:var(--bg);color:var(--fg);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:1.6em;margin:.2em 0 .4em;overflow-wrap:anywhere}
h2{font-size:1.25em;margin:1.6em 0 .5em;padding-bottom:.2em;border-bottom:1px solid var(--line)}
h3{font-size:1.05em;margin:1.2em 0 .4em;overflow-wrap:anywhere}
a{color:var(--accent)}
nav ul{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;padding:0;margin:0 0 8px;
font-size:.9em}
dl.overview{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0}
dl.overview dt{font-weight:600}dl.overview dd{margin:0;overflow-wrap:anywhere}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px;margin:14px 0}
.kpi{border:1px solid var(--line);border-radius:6px;padding:8px 12px;background:var(--panel)}
.kpi .k{font-size:.85em;color:var(--muted)}.kpi .v{font-size:1.35em;font-weight:600;
font-variant-numeric:tabular-nums}
.callout{border-left:4px solid var(--loss);background:var(--panel);padding:8px 12px}
.note,.legend{color:var(--muted);font-size:.9em}
.table-wrap,.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;margin:6px 0 10px;font-size:.92em}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
td{overflow-wrap:break-word;max-width:28em}
th{white-space:nowrap;background:var(--panel)}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.gain,.kpi .v.gain{color:var(--gain)}td.loss,.kpi .v.loss{color:var(--loss)}
td.small{color:var(--muted)}
th button{all:inherit;cursor:pointer;padding:0}
th button::after{content:" \\2195";color:var(--muted);font-size:.85em}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
th button:focus-visible{outline:2px solid var(--accent)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;
overflow-wrap:anywhere;background:var(--panel);padding:0 3px;border-radius:3px}
figure{margin:12px 0 18px}
figcaption{margin-bottom:4px}
svg.chart{display:block;width:100%;height:auto;min-width:0}
.months svg.chart,.breakdown svg.chart{max-width:760px}
svg text{font-family:inherit;font-size:12px;fill:var(--muted)}
svg .panel,svg .month{fill:var(--fg);font-weight:600}
svg .label{fill:var(--fg)}
.grid{stroke:var(--line);stroke-width:1}
.zero{stroke:var(--fg);stroke-width:1.3}
.axis{stroke:var(--muted);stroke-width:1}
.equity{fill:none;stroke:var(--accent);stroke-width:2}
.underwater{fill:var(--loss);fill-opacity:.3;stroke:var(--loss);stroke-width:1}
.dot{fill:var(--accent);stroke:var(--bg);stroke-width:1}
.dense .dot{fill-opacity:0;stroke:none}
.dot:hover,.dense .dot:hover{fill-opacity:1;stroke:var(--fg);r:5}
.bar.gain{fill:var(--gain)}.bar.loss{fill:var(--loss)}.bar.flat{fill:var(--flat)}
.bar:hover,.cell:hover{stroke:var(--fg);stroke-width:1.5}
.row.small .bar{fill-opacity:.45}.row.small .label{fill:var(--muted)}
.calendars{display:flex;flex-wrap:wrap;gap:10px}
svg.calendar{width:150px;height:auto}
.cell.none{fill:var(--none)}.cell.out{fill:none;stroke:var(--line);stroke-opacity:.5}
.cell.z,.swatch.z{fill:var(--z);background:var(--z)}
.cell.g1{fill:var(--g1)}.cell.g2,.swatch.g2{fill:var(--g2);background:var(--g2)}
.cell.g3{fill:var(--g3)}.cell.g4,.swatch.g4{fill:var(--g4);background:var(--g4)}
.cell.l1{fill:var(--l1)}.cell.l2,.swatch.l2{fill:var(--l2);background:var(--l2)}
.cell.l3{fill:var(--l3)}.cell.l4,.swatch.l4{fill:var(--l4);background:var(--l4)}
.in-cell{font-size:10px;fill:var(--fg)}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-1px;
margin-left:3px}.swatch.none{background:var(--none);outline:1px solid var(--line)}
footer{margin-top:2em;border-top:1px solid var(--line);padding-top:.6em;font-size:.9em}
@media (max-width:640px){body{padding:10px 10px 30px;font-size:14px}
.scroll svg.chart{min-width:540px}th,td{padding:3px 6px}dl.overview{grid-template-columns:1fr}
dl.overview dd{margin-bottom:4px}}
@media print{body{max-width:none;padding:0;font-size:11pt}nav{display:none}
.table-wrap,.scroll{overflow:visible}.scroll svg.chart{min-width:0}
th button::after{content:""}figure,tr,.kpi{break-inside:avoid}h2,h3{break-after:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

#: Sorts a table by the clicked column: numbers (an exact ``data-sort``, else a cell reading
#: ``1,250.50``, ``55.00%`` or ``+5.20 pp``) before text (ISO dates and instants sort as text),
#: blanks and dashes last in both directions; stable, so ties keep the report's order.
SCRIPT = """\
(function () {
  "use strict";
  function key(cell) {
    var raw = cell.getAttribute("data-sort");
    var text = (raw === null ? cell.textContent : raw).trim();
    if (text === "" || text === "-") { return null; }
    var match = (raw === null ? /^([+-]?[0-9][0-9,]*(\\.[0-9]+)?)(%| pp)?$/
                              : /^([+-]?[0-9]+(\\.[0-9]+)?)$/).exec(text);
    if (match) {
      return { n: true, v: parseFloat(match[1].replace(/,/g, "")) };
    }
    return { n: false, v: text.toLowerCase() };
  }
  function compare(a, b) {
    if (a.n !== b.n) { return a.n ? -1 : 1; }
    return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (head, column) {
      var button = head.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var ascending = head.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (other) {
          other.removeAttribute("aria-sort");
        });
        head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.map.call(body.rows, function (row, index) {
          return { row: row, key: key(row.cells[column]), index: index };
        });
        rows.sort(function (a, b) {
          if (a.key === null || b.key === null) {
            return a.key === b.key ? a.index - b.index : a.key === null ? 1 : -1;
          }
          var order = compare(a.key, b.key);
          return (ascending ? order : -order) || a.index - b.index;
        });
        rows.forEach(function (item) { body.appendChild(item.row); });
      });
    });
  });
}());
"""


def _digest(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


#: Only this page's own style and script, by hash; nothing may be fetched or submitted.
CONTENT_SECURITY_POLICY = (f"default-src 'none'; style-src {_digest(STYLE)}; "
                           f"script-src {_digest(SCRIPT)}; img-src 'none'; base-uri 'none'; "
                           "form-action 'none'")


# --------------------------------------------------------------------------------------------
# Tables.
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Td:
    """A table cell: plain ``text`` (escaped when written), an exact ``sort`` key for numbers,
    and CSS classes (``num``, ``gain``, ``loss``, ``small``)."""

    text: str
    sort: str | None = None
    css: str = ""


def text_cell(text: str) -> Td:
    return Td(text)


def money_cell(value: Decimal | None, *, colour: bool = True) -> Td:
    if value is None:
        return Td("-", "", "num")
    return Td(money(value), canonical(value), "num " + sign_class(value) if colour else "num")


def count_cell(value: int) -> Td:
    return Td(str(value), str(value), "num")


def metric_cell(name: str, value: MetricValue | None) -> Td:
    """A metric formatted by its kind; the sort key is the exact value (rates as fractions)."""
    if value is None:
        return Td("-", "", "num")
    key = canonical(value) if isinstance(value, Decimal) else str(value)
    css = "num"
    if name in SIGNED_METRICS and isinstance(value, Decimal):
        css += " " + sign_class(value)
    return Td(metric(name, value), key, css)


def sample_cell(closed: int, min_sample: int) -> Td:
    return Td(sample_size(closed, min_sample), str(closed),
              "num small" if closed < min_sample else "num")


_NUM = ' class="num"'


def table(headers: Sequence[str], rows: Sequence[Sequence[Td]], *, numeric: Sequence[int] = (),
          caption: str | None = None) -> str:
    """A sortable table; every header is a button (keyboard and screen readers reach it)."""
    head = "".join(
        f'<th scope="col"{_NUM if index in numeric else ""}><button type="button">{esc(header)}'
        "</button></th>" for index, header in enumerate(headers))
    body = "".join("<tr>" + "".join(_td(cell) for cell in row) + "</tr>\n" for row in rows)
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (f'<div class="table-wrap"><table class="sortable">{cap}\n<thead><tr>{head}</tr>'
            f"</thead>\n<tbody>\n{body}</tbody></table></div>\n")


def _list(items: Sequence[str]) -> str:
    """A bulleted list of plain-text items, one per line ('' for none)."""
    if not items:
        return ""
    return "<ul>\n" + "".join(f"<li>{esc(item)}</li>\n" for item in items) + "</ul>\n"


def _td(cell: Td) -> str:
    css = f' class="{cell.css}"' if cell.css else ""
    sort = f' data-sort="{esc(cell.sort)}"' if cell.sort is not None else ""
    return f"<td{css}{sort}>{esc(cell.text)}</td>"


# --------------------------------------------------------------------------------------------
# The page.
# --------------------------------------------------------------------------------------------

def render_html(summary: PerformanceSummary, *, previous: PerformanceSummary | None = None,
                min_sample: int = MIN_SAMPLE, targets: TargetsView | None = None,
                top: int = HIGHLIGHT_COUNT) -> str:
    """The whole report as one HTML document; arguments as for the Markdown report."""
    period = summary.period
    title = f"Performance report: {period.window} {period.label}"
    sections: list[tuple[str, str, str]] = [("overview", "Overview", _overview(summary, targets))]
    if targets is not None and targets.configured:
        sections.append(("targets", "Targets", _targets(targets)))
    if summary.empty is None:
        # Charts before the metrics table: the key figures above already give the headline.
        sections.append(("equity", "Equity curve", equity_figure(summary)))
        if spans_days(summary):
            sections.append(("daily", "Daily P&L", _daily(summary)))
        sections.append(("metrics", "Metrics", _metrics(summary)))
    if has_review(summary):
        sections.append(("review", "Review", _review(build_review(summary, previous,
                                                                  min_sample=min_sample))))
    if summary.empty is None:
        sections.append(("breakdowns", "Breakdowns", _breakdowns(summary, min_sample)))
        sections.append(("trades", "Best and worst trades", _highlights(summary, top)))
    if summary.open_positions:
        sections.append(("open", f"Open positions ({summary.open_view.count:,})",
                         _open_positions(summary)))
    if targets is not None and targets.configured:
        sections.append(("alerts", "Alerts for the period", _alerts(targets)))
    quality = _quality(summary)
    if quality:
        sections.append(("quality", "Data quality details", quality))
    sections = [section for section in sections if section[2]]
    nav = "".join(f'\n<li><a href="#{anchor}">{esc(heading)}</a></li>'
                  for anchor, heading, _ in sections)
    body = "".join(f'<section id="{anchor}">\n<h2>{esc(heading)}</h2>\n{content}</section>\n'
                   for anchor, heading, content in sections)
    footer = ("<footer><p><strong>Definitions.</strong> "
              + " ".join(esc(line) for line in definitions(min_sample)) + "</p></footer>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<header>\n<h1>{esc(title)}</h1>\n<nav aria-label=\"Sections\"><ul>{nav}\n</ul></nav>\n"
        f"{_key_figures(summary)}</header>\n<main>\n{body}</main>\n{footer}\n"
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n")


def _key_figures(summary: PerformanceSummary) -> str:
    if summary.empty is not None:
        return ""
    values = summary.metrics.values
    cards = []
    for name in KEY_METRICS:
        value = values.get(name)
        css = ""
        if name in SIGNED_METRICS and isinstance(value, Decimal):
            css = " " + sign_class(value)
        cards.append(f'<div class="kpi"><div class="k">{esc(catalogued(name).column)}</div>'
                     f'<div class="v{css}">{esc(metric(name, value))}</div></div>\n')
    return f'<div class="kpis">\n{"".join(cards)}</div>\n'


def _overview(summary: PerformanceSummary, targets: TargetsView | None) -> str:
    period = summary.period
    span = f"{period.start} to {period.end}" if period.start else f"up to {period.end}"
    items = [
        ("Period", f"{period.label}, {span}"),
        ("Timezone", f"{summary.timezone} (days are local days in this zone)"),
        ("Completeness", f"{completeness(summary)}, as of {format_instant(summary.as_of)}"),
        ("Data quality", data_line(summary)),
    ]
    if summary.filters is not None:
        items.append(("Filter", summary.filters.line))
    if targets is None or not targets.configured:
        items.append(("Targets", (targets and targets.note) or NOT_CONFIGURED))
    text = '<dl class="overview">\n' + "".join(
        f"<dt>{esc(key)}</dt><dd>{esc(value)}</dd>\n" for key, value in items) + "</dl>\n"
    if summary.empty is not None:
        text += (f'<p class="callout"><strong>{esc(summary.empty.message)}</strong> '
                 f"Try: {esc(summary.empty.hint)}</p>\n")
    return text


def _targets(view: TargetsView) -> str:
    rows = [[text_cell(row.rule), text_cell(row.judged_on), Td(row.actual, css="num"),
             Td(row.target), Td(row.variance, css="num"), text_cell(row.met),
             text_cell(row.pacing or "-")] for row in target_rows(view)]
    note = f"<p><strong>{esc(view.note)}.</strong></p>\n" if view.note else ""
    if not rows:
        return note + "<p>No rule applies to this window.</p>\n"
    return note + table(["Rule", "Judged on", "Actual", "Target", "Variance", "Met",
                         "Pacing (day in progress)"], rows, numeric=(2, 4))


def _alerts(view: TargetsView) -> str:
    found = alert_lines(view)
    if not found:
        return "<p>No alerts raised for this period.</p>\n"
    items = "".join(f"<li><strong>{esc(line.headline)}:</strong> <code>{esc(line.message)}</code>"
                    + (f" ({esc(line.details)})" if line.details else "") + "</li>\n"
                    for line in found)
    return f"<ul>\n{items}</ul>\n"


def _metrics(summary: PerformanceSummary) -> str:
    values = summary.metrics.values
    rows = [[text_cell(entry.label), metric_cell(entry.name, values[entry.name])]
            for entry in SUMMARY_METRICS if entry.name in values]
    aggregate = summary.aggregate
    notes = []
    for label, extreme in (("Largest win", aggregate.largest_win),
                           ("Largest loss", aggregate.largest_loss)):
        if extreme is not None:
            notes.append(f"{label}: {money(extreme.net)} ({extreme.symbol}, order "
                         f"{extreme.order_id}, {format_instant(extreme.key[0])})")
    streaks = aggregate.streaks
    if streaks.last_kind is not None:
        notes.append(f"Current streak: {streaks.last_length} {streaks.last_kind}")
    drawdown = aggregate.drawdown
    if drawdown.max_trough_key is not None:
        peak = (format_instant(drawdown.max_peak_key[0]) if drawdown.max_peak_key
                else "the window start")
        notes.append(f"Max drawdown {money(-drawdown.max_drawdown)}: from the peak at {peak} "
                     f"to the trough at {format_instant(drawdown.max_trough_key[0])}")
    listed = _list(notes)
    return table(["Metric", "Value"], rows, numeric=(1,)) + listed


def _daily(summary: PerformanceSummary) -> str:
    rows = []
    running = None
    for day, stats in days(summary):
        running = stats.net if running is None else running + stats.net
        rows.append([Td(day.isoformat(), day.isoformat()), count_cell(stats.closed),
                     metric_cell("win_rate", core_metrics(stats).values["win_rate"]),
                     money_cell(stats.net), money_cell(running)])
    return (bars_figure(summary) + calendar_figure(summary)
            + table(DAILY_HEADERS, rows, numeric=(1, 2, 3, 4)))


def _review(review: Review) -> str:
    items = []
    for standing in review.standings:
        label = dimensions.label(standing.dimension).lower()
        if standing.best is None:
            items.append(f"Best/worst {label}: none has {review.min_sample} or more closed "
                         f"trades ({plural(standing.rows, 'row')})")
            continue
        for kind, row in (("Best", standing.best), ("Worst", standing.worst)):
            if row is not None:
                items.append(f"{kind} {label}: {row.key}, expectancy {money(row.expectancy)} "
                             f"over {plural(row.closed, 'trade')} (net {money(row.net)})")
        if standing.worst is None:
            items.append(f"Worst {label}: only one {label} has {review.min_sample} or more "
                         "closed trades")
    text = _list(items)
    if review.previous_label is None:
        text += "<p>No previous period was supplied, so there is no change to show.</p>\n"
    else:
        empty_note = " (no closed trades then)" if review.previous_empty else ""
        rows = [[text_cell(catalogued(item.metric).label), metric_cell(item.metric, item.current),
                 metric_cell(item.metric, item.previous),
                 Td(change(item.metric, item.delta),
                    "" if item.delta is None else canonical(Decimal(item.delta)),
                    "num" + ("" if item.delta is None else " " + _direction(item.metric,
                                                                            item.delta)))]
                for item in review.changes]
        text += (f"<p>Change against the previous period, {esc(review.previous_label)}"
                 f"{esc(empty_note)}:</p>\n"
                 + table(["Metric", "This period", "Previous", "Change"], rows, numeric=(1, 2, 3)))
    text += "<h3>Observations</h3>\n"
    if review.observations:
        text += _list([item.message for item in review.observations])
    else:
        text += (f"<p>No rule fired (rules need {review.min_sample} or more closed trades; "
                 "see the README for the rules).</p>\n")
    return text


def _direction(name: str, delta: Decimal | int) -> str:
    """Colour of a change: a rise is better for every headline metric (max drawdown is negative,
    so a rise is a shallower one) except the trade count, which is neither."""
    if name == "closed_trades" or delta == 0:
        return ""
    return "gain" if delta > 0 else "loss"


def _breakdowns(summary: PerformanceSummary, min_sample: int) -> str:
    text = (f"<p>Sorted by net P&amp;L (timing in calendar order); n = closed trades; rows under "
            f"{esc(plural(min_sample, 'trade'))} are marked (small sample). Click a column "
            "header to sort.</p>\n")
    for index, (dimension, rows, note) in enumerate(breakdowns(summary)):
        heading = breakdown_title(dimension, rows)
        body = (_comparison(rows, min_sample) if is_comparison(dimension, rows)
                else _ranked(heading, rows, min_sample))
        shown_note = f" ({note})" if note else ""
        text += (f'<div class="dimension" data-dimension="{esc(dimension)}">'
                 f"<h3>{esc(heading + overlap_note(dimension) + shown_note)}</h3>\n"
                 + breakdown_figure(dimension, rows, min_sample, index) + body + "</div>\n")
    return text


def _comparison(rows: Rows, min_sample: int) -> str:
    columns = [core_metrics(stats).values for _, stats in rows]
    table_rows = [[text_cell("Closed trades (n)"),
                   *(sample_cell(stats.closed, min_sample) for _, stats in rows)]]
    table_rows += [[text_cell(entry.label), *(metric_cell(entry.name, values[entry.name])
                                              for values in columns)]
                   for entry in COMPARISON_ROWS]
    return table(["Metric", *(key for key, _ in rows)], table_rows,
                 numeric=range(1, len(rows) + 1))


def _ranked(heading: str, rows: Rows, min_sample: int) -> str:
    table_rows = []
    for key, stats in rows:
        values = core_metrics(stats).values
        table_rows.append([text_cell(key), sample_cell(stats.closed, min_sample),
                           *(metric_cell(entry.name, values[entry.name])
                             for entry in BREAKDOWN_COLUMNS)])
    return table([heading, "n", *(entry.column for entry in BREAKDOWN_COLUMNS)], table_rows,
                 numeric=range(1, len(BREAKDOWN_COLUMNS) + 2))


def _highlights(summary: PerformanceSummary, top: int) -> str:
    chosen = highlights(summary.aggregate, top)
    note = tail_note(chosen)
    text = f"<p>Chosen {esc(note)}.</p>\n" if note else ""
    for title, trades in (("Top", chosen.top), ("Bottom", chosen.bottom)):
        if not trades:
            continue
        rows = [[Td(format_instant(trade.realized_at), format_instant(trade.realized_at)),
                 text_cell(trade.order_id), text_cell(trade.symbol),
                 text_cell(group_value(trade, "strategy_name")), text_cell(trade.outcome),
                 money_cell(trade.net)] for trade in trades]
        text += table(["Realized", "Order", "Symbol", "Strategy", "Outcome", "Net P&L"], rows,
                      numeric=(5,), caption=f"{title} {len(trades)}")
    return text


def _open_positions(summary: PerformanceSummary) -> str:
    rows = [[text_cell(p.order_id), text_cell(p.symbol), text_cell(p.side),
             text_cell(p.execution_mode), Td(canonical(p.quantity), canonical(p.quantity), "num"),
             money_cell(p.price, colour=False), text_cell(p.strategy_name),
             Td(format_instant(p.entry_at), format_instant(p.entry_at)),
             Td(duration(p.age_seconds) + (" stale" if is_stale(summary, p) else ""),
                str(p.age_seconds), "num")]
            for p in summary.open_view.listed]   # bounded: oldest and newest few (issue 14)
    notes = " ".join(open_notes(summary))
    return (f"<p>Age at {esc(format_instant(summary.as_of))}. {esc(notes)}</p>\n"
            + table(["Order", "Symbol", "Side", "Mode", "Qty", "Entry", "Strategy", "Entered",
                     "Age"], rows, numeric=(4, 5, 8)))


def _quality(summary: PerformanceSummary) -> str:
    text = ""
    for title, examples in quality_examples(summary):
        text += (f"<h3>{esc(title)}</h3>\n<ul>\n"
                 + "".join(f"<li><code>{esc(example)}</code></li>\n" for example in examples)
                 + "</ul>\n")
    return text

