"""The HTML report without a browser: SVG geometry, label thinning, escaping, golden page, export.

The browser checks (the page as Chromium draws it) are in ``test_html_browser.py``.  Golden:
``golden/weekly.html`` is the fixed sample week of ``test_reports.py``; regenerate it with
``UPDATE_GOLDEN=1`` after an intended change and review the diff.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.core.aggregate import Aggregate, CoreStats
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.report import charts, html_charts, svg
from trading_bot.performance.report.export import EXPORT_NAME, export_summary
from trading_bot.performance.report.formats import FORMAT_NAMES
from trading_bot.performance.report.html import CONTENT_SECURITY_POLICY, SCRIPT, STYLE, render_html
from trading_bot.performance.report.markdown import render_markdown
from trading_bot.performance.report.review import previous_anchor
from trading_bot.performance.report.targets_shown import NOT_CONFIGURED, alert_lines, target_rows

from ..alert_helpers import Clock, evaluate, instant, outcomes, paths_for, targets
from ..conftest import fixed_clock, trade, write_log
from .test_reports import CLOCK, WEEK, assert_golden, run_cli, sample_line, write_sample

UTC_ZONE = UTC
NEW_YORK = ZoneInfo("America/New_York")


def tracker(logs: Path, **kwargs: Any) -> PerformanceTracker:
    return PerformanceTracker(logs, clock=fixed_clock(CLOCK), cache=False, **kwargs)


def sample_week(logs: Path) -> tuple[PerformanceSummary, PerformanceSummary]:
    write_sample(logs)
    reader = tracker(logs)
    summary = reader.get_summary("weekly", on=date.fromisoformat(WEEK))
    anchor = previous_anchor(summary)
    assert anchor is not None
    return summary, reader.get_summary("weekly", on=anchor)


def midnight(day: str, zone: Any = UTC) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), tzinfo=zone)


class Page(HTMLParser):
    """Every start tag with its attributes, the text, and the script and style bodies."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._raw: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._raw = tag

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw == "script":
            self.scripts.append(data)
        elif self._raw == "style":
            self.styles.append(data)
        else:
            self.text.append(data)

    def names(self) -> set[str]:
        return {tag for tag, _ in self.tags}


def num(node: ElementTree.Element, name: str) -> float:
    """A numeric attribute of an SVG element (a missing one fails the comparison)."""
    return float(node.get(name) or "nan")


def svg_tree(markup: str) -> ElementTree.Element:
    """An SVG fragment of ours is well-formed XML too (no namespace: it is inline in HTML)."""
    return ElementTree.fromstring(markup)


# --- scales and value ticks -------------------------------------------------------------------

def test_scale_maps_ends_and_inverts_for_y() -> None:
    scale = svg.Scale(0, 100, 200, 10)
    assert scale(0) == 200 and scale(100) == 10 and scale(Decimal("50")) == 105
    assert svg.Scale(5, 5, 0, 10)(5) == 5                        # a flat domain: the middle


def test_value_axis_includes_zero_and_round_ticks() -> None:
    axis = svg.value_axis(Decimal("-70.40"), Decimal("120.50"), 6)
    assert axis.low < Decimal("-70.40") and axis.high > Decimal("120.50")
    assert axis.ticks == (Decimal(-50), Decimal(0), Decimal(50), Decimal(100))
    assert [svg.tick_label(tick) for tick in axis.ticks] == ["-50", "0", "50", "100"]
    flat = svg.value_axis(Decimal(0), Decimal(0))
    assert flat.low == 0 and flat.high >= 1
    assert flat.ticks == (Decimal(0), Decimal("0.5"), Decimal(1))
    assert svg.tick_label(Decimal("1.25E+6")) == "1,250,000"
    assert svg.tick_label(Decimal("-0.50")) == "-0.5"
    assert svg.tick_label(Decimal("-0")) == "0"
    assert svg.nice_step(Decimal("0.37"), 1) == Decimal("0.5")


@settings(max_examples=300, deadline=None)
@example(Decimal("-26.38"), Decimal("46.02"), 3).via("a step of 50 leaves zero alone")
@example(Decimal("0"), Decimal("47.27"), 3).via("just short of a round step")
@given(st.decimals(min_value=-10**9, max_value=0, places=2),
       st.decimals(min_value=0, max_value=10**9, places=2), st.integers(3, 8))
def test_value_ticks_are_round_multiples_inside_the_domain(low: Decimal, high: Decimal,
                                                            intervals: int) -> None:
    axis = svg.value_axis(low, high, intervals)
    assert axis.low <= low and axis.high >= high and axis.low <= 0 <= axis.high
    ticks = axis.ticks
    assert Decimal(0) in ticks and 2 <= len(ticks) <= max(intervals + 1, 5)
    assert all(axis.low <= tick <= axis.high for tick in ticks)
    step = ticks[1] - ticks[0]
    assert all(later - earlier == step for earlier, later in pairwise(ticks))
    assert step.normalize().as_tuple().digits[0] in (1, 2, 5)


# --- the time axis ----------------------------------------------------------------------------

def labels(first: str, last: str, zone: Any = UTC) -> list[str]:
    start = midnight(first, zone)
    end = midnight((date.fromisoformat(last) + timedelta(days=1)).isoformat(), zone)
    return [tick.label for tick in svg.time_ticks(start, end, zone)]


def test_time_axis_labels_at_every_window_length() -> None:
    assert labels("2025-03-12", "2025-03-12") == ["Mar 12", "03:00", "06:00", "09:00", "12:00",
                                                  "15:00", "18:00", "21:00"]
    assert labels("2025-03-10", "2025-03-16") == [f"Mar {day}" for day in range(10, 17)]
    # A month: Mondays, not 30 day labels in one unreadable run.
    assert labels("2025-03-01", "2025-03-31") == ["Mar 3", "Mar 10", "Mar 17", "Mar 24", "Mar 31"]
    # 240 days: months, the year on the first and in January.
    assert labels("2025-01-01", "2025-08-28") == ["Jan 2025", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug"]
    assert labels("2024-06-01", "2025-05-31") == ["Jul 2024", "Sep", "Nov", "Jan 2025", "Mar",
                                                  "May"]
    assert labels("2016-01-01", "2025-12-31") == [str(year) for year in range(2016, 2026)]
    assert labels("1970-01-01", "2069-12-31")[:3] == ["1970", "1980", "1990"]
    # Local days: a New York axis is labelled at New York midnights.
    ticks = svg.time_ticks(midnight("2025-03-10", NEW_YORK), midnight("2025-03-11", NEW_YORK),
                           NEW_YORK)
    assert ticks[0].at == midnight("2025-03-10", NEW_YORK) and ticks[0].label == "Mar 10"


@settings(max_examples=150, deadline=None)
@given(st.dates(date(1970, 1, 1), date(2090, 12, 31)), st.integers(0, 3700),
       st.sampled_from([UTC, NEW_YORK, ZoneInfo("Asia/Kolkata")]))
def test_time_labels_never_overlap_and_stay_inside(first: date, days: int, zone: Any) -> None:
    start = midnight(first.isoformat(), zone)
    end = midnight((first + timedelta(days=days + 1)).isoformat(), zone)
    ticks = svg.time_ticks(start, end, zone)
    assert len(ticks) >= 2 or days < 2
    scale = svg.Scale(start.timestamp(), end.timestamp(), svg.MARGIN_LEFT,
                      svg.WIDTH - svg.MARGIN_RIGHT)
    boxes = []
    for tick in ticks:
        assert start <= tick.at < end and tick.label
        middle, half = scale(tick.label_at.timestamp()), svg.text_width(tick.label) / 2
        assert middle - half >= 0 and middle + half <= svg.WIDTH
        boxes.append((middle - half, middle + half))
    for (_, right), (left, _) in pairwise(boxes):
        assert left - right >= svg.LABEL_GAP


# --- charts as geometry -----------------------------------------------------------------------

def week_axis() -> svg.TimeAxis:
    return svg.TimeAxis(midnight("2025-03-10"), midnight("2025-03-17"), UTC)


def rects(markup: str, css: str) -> list[ElementTree.Element]:
    return [node for node in svg_tree(markup).iter("rect")
            if css in (node.get("class") or "").split()]


def zero_y(markup: str) -> float:
    lines = [node for node in svg_tree(markup).iter("line") if node.get("class") == "zero"]
    values = {num(node, "y1") for node in lines}
    assert len(values) == 1
    return values.pop()


def test_bars_grow_from_zero_in_the_colour_of_their_sign() -> None:
    axis = week_axis()
    bars = [svg.Bar(midnight("2025-03-10"), midnight("2025-03-11"), Decimal("75.25"), "a"),
            svg.Bar(midnight("2025-03-13"), midnight("2025-03-14"), Decimal("-40"), "b"),
            svg.Bar(midnight("2025-03-14"), midnight("2025-03-15"), Decimal("0"), "c")]
    markup = svg.bar_chart(bars, axis, chart_id="t", title="T", desc="D")
    zero = zero_y(markup)
    (gain,) = rects(markup, "gain")
    (loss,) = rects(markup, "loss")
    (flat,) = rects(markup, "flat")
    assert num(gain, "y") + num(gain, "height") == pytest.approx(zero, abs=0.11)
    assert num(gain, "y") < zero
    assert num(loss, "y") == pytest.approx(zero, abs=0.11)
    gain_height, loss_height = num(gain, "height"), num(loss, "height")
    assert gain_height / loss_height == pytest.approx(75.25 / 40, rel=0.01)
    assert num(flat, "y") < zero < num(flat, "y") + num(flat, "height")
    # A true time axis: Thursday's bar is three day-widths right of Monday's.
    day = (axis.right - axis.left) / 7
    gap = num(loss, "x") - num(gain, "x")
    assert gap == pytest.approx(3 * day, abs=0.2)
    tips = [node.findtext("title") for node in svg_tree(markup).iter("rect")]
    assert tips == ["a", "b", "c"]
    # The classes are the trading colours in both themes: green gains, red losses.
    for theme in (STYLE.split("@media screen and (prefers-color-scheme:dark)")[0],
                  STYLE.split("@media screen and (prefers-color-scheme:dark)")[1]):
        gain_colour = re.search(r"--gain:#([0-9a-f]{6})", theme)
        loss_colour = re.search(r"--loss:#([0-9a-f]{6})", theme)
        assert gain_colour and loss_colour
        red, green, _ = bytes.fromhex(gain_colour.group(1))
        assert green > red
        red, green, _ = bytes.fromhex(loss_colour.group(1))
        assert red > green
    assert ".bar.gain{fill:var(--gain)}" in STYLE and ".bar.loss{fill:var(--loss)}" in STYLE


def test_equity_steps_from_zero_and_drawdown_is_from_the_running_peak() -> None:
    axis = week_axis()
    points = [svg.EquityPoint(midnight("2025-03-10"), Decimal(0), "start"),
              svg.EquityPoint(midnight("2025-03-10") + timedelta(hours=14), Decimal(100), "one"),
              svg.EquityPoint(midnight("2025-03-12") + timedelta(hours=9), Decimal(40), "two"),
              svg.EquityPoint(midnight("2025-03-14"), Decimal(130), "three")]
    assert svg.underwater(points) == [0, 0, -60, 0]
    markup = svg.equity_chart(points, axis, midnight("2025-03-17"), chart_id="e", title="Equity",
                              desc="Goes up")
    tree = svg_tree(markup)
    assert tree.findtext("title") == "Equity" and tree.findtext("desc") == "Goes up"
    assert tree.get("role") == "img" and tree.get("aria-labelledby") == "e-t e-d"
    line = next(node for node in tree.iter("path") if node.get("class") == "equity")
    d = line.get("d") or ""
    assert d.startswith(f"M{svg.MARGIN_LEFT},") and d.count("H") == 4 and d.count("V") == 3
    assert d.endswith(f"H{svg.WIDTH - svg.MARGIN_RIGHT}")          # flat to the window's end
    x_labels = [node.text for node in tree.iter("text")
                if node.get("class") == "tick" and node.get("text-anchor") == "middle"]
    assert x_labels == [f"Mar {day}" for day in range(10, 17)]
    area = next(node for node in tree.iter("path") if node.get("class") == "underwater")
    assert (area.get("d") or "").endswith("Z")
    dots = [(node.findtext("title"), num(node, "cx")) for node in tree.iter("circle")]
    assert [title for title, _ in dots] == ["start", "one", "two", "three"]
    assert dots[1][1] == pytest.approx(axis.x(points[1].at), abs=0.06)


def test_breakdown_bars_sides_small_samples_and_clipped_names() -> None:
    rows = [svg.BreakdownBar("alpha", Decimal("210.25"), "alpha tip"),
            svg.BreakdownBar("x" * 40, Decimal("-55"), "long tip", small=True)]
    markup = svg.breakdown_chart(rows, chart_id="b", title="Net P&L by strategy", desc="d")
    tree = svg_tree(markup)
    zero = float(next(node for node in tree.iter("line")).get("x1") or 0)
    (gain,) = rects(markup, "gain")
    (loss,) = rects(markup, "loss")
    assert num(gain, "x") == pytest.approx(zero, abs=0.11)
    assert num(loss, "x") + num(loss, "width") == pytest.approx(zero, abs=0.11)
    groups = [node for node in tree.iter("g")]
    assert [group.get("class") for group in groups] == ["row", "row small"]
    label = [node.text for node in tree.iter("text") if node.get("class") == "label"]
    assert label == ["alpha", "x" * 21 + "\u2026"]
    assert [group.findtext("title") for group in groups] == ["alpha tip", "long tip"]
    values = [node.text for node in tree.iter("text") if node.get("class") == "value"]
    assert values == ["+210.25", "-55.00"]
    # Value labels fit inside the chart whatever their length.
    huge = [svg.BreakdownBar("a", Decimal("-12345678901.25"), ""),
            svg.BreakdownBar("b", Decimal("98765432109.75"), "")]
    tree = svg_tree(svg.breakdown_chart(huge, chart_id="h", title="t", desc="d"))
    for node in tree.iter("text"):
        if node.get("class") == "value":
            x, width = num(node, "x"), svg.text_width(node.text or "")
            left = x - width if node.get("text-anchor") == "end" else x
            assert left >= 0 and left + width <= svg.WIDTH


def test_calendar_levels_and_cells() -> None:
    assert svg.level(Decimal(0), Decimal(100)) == "z"
    assert [svg.level(Decimal(value), Decimal(100)) for value in (10, 30, 60, 100)] == \
        ["g1", "g2", "g3", "g4"]
    assert svg.level(Decimal(-26), Decimal(100)) == "l2"
    days = {date(2025, 3, 3): svg.Cell(Decimal("50"), 2),
            date(2025, 3, 4): svg.Cell(Decimal("-100"), 1)}
    markup = svg.month_calendar(2025, 3, days, date(2025, 3, 2), date(2025, 3, 31), Decimal(100),
                                "c")
    cells = [node for node in svg_tree(markup).iter("rect")]
    assert len(cells) == 31
    classes = [(node.get("class") or "").split()[1] for node in cells]
    assert classes[0] == "out" and classes[1] == "none" and classes[2:4] == ["g2", "l4"]
    assert cells[2].findtext("title") == "2025-03-03 Mon: +50.00 (2 trades)"
    assert cells[3].findtext("title") == "2025-03-04 Tue: -100.00 (1 trade)"
    assert svg_tree(markup).findtext("desc") == \
        "March 2025: 2 trading days, net -50.00, 1 winning, 1 losing"
    # March 2025 starts on a Saturday: the 1st sits in the sixth column.
    assert num(cells[0], "x") == pytest.approx(svg.CELL_GAP + 5 * (svg.CELL + svg.CELL_GAP))
    assert svg.compact(Decimal("-1234.5")) == "-1.2k" and svg.compact(Decimal("850.4")) == "850"
    assert svg.compact(Decimal("3456789")) == "3.5M"


# --- which charts a window gets ---------------------------------------------------------------

def days_summary(logs: Path, first: date, last: date, *, step: int = 1) -> PerformanceSummary:
    """A range with one trade every ``step`` days, alternating gains and losses."""
    day = first
    index = 0
    while day <= last:
        net = "25.50" if index % 3 else "-40.00"
        write_log(logs, day.isoformat(), trade(f"D{index}", entry=f"{day}T14:00:00Z",
                                               exit=f"{day}T15:00:00Z",
                                               outcome="win" if index % 3 else "loss", net=net))
        day += timedelta(days=step)
        index += 1
    return tracker(logs).get_summary("range", first, last)


def test_bar_unit_and_heatmap_follow_the_window_length(tmp_path: Path) -> None:
    assert html_charts.bar_unit(date(2025, 1, 1), date(2025, 5, 20)) == "day"      # 140 days
    assert html_charts.bar_unit(date(2025, 1, 1), date(2025, 5, 21)) == "week"
    assert html_charts.bar_unit(date(2016, 1, 1), date(2025, 12, 31)) == "month"
    month = days_summary(tmp_path / "month", date(2025, 3, 1), date(2025, 3, 31))
    assert html_charts.calendar_figure(month) == ""
    assert "Daily net P&amp;L" in html_charts.bars_figure(month)
    long = days_summary(tmp_path / "long", date(2025, 1, 1), date(2025, 8, 28), step=3)
    figure = html_charts.calendar_figure(long)
    assert figure.count('<svg class="calendar"') == 8
    assert "Weekly (ISO weeks) net P&amp;L" in html_charts.bars_figure(long)
    years = days_summary(tmp_path / "years", date(2022, 1, 3), date(2025, 2, 28), step=9)
    figure = html_charts.calendar_figure(years)
    assert 'id="chart-months"' in figure and "<svg class=\"calendar\"" not in figure
    assert "Monthly net P&amp;L by year" in figure


def test_equity_per_trade_when_the_tail_holds_the_window_else_per_day(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    summary, _ = sample_week(logs)
    axis = html_charts.time_axis(summary, UTC)
    assert axis is not None
    points = html_charts.equity_points(summary, axis)
    assert len(points) == 15 and points[0].equity == 0 and points[-1].equity == Decimal("155.20")
    assert points[1].tooltip == "2025-03-10 14:45 C01 AAPL: +120.50, cumulative 120.50"
    crowded = replace(summary, aggregate=replace(summary.aggregate,
                                                 tail=summary.aggregate.tail[-3:]))
    daily = html_charts.equity_points(crowded, axis)
    assert len(daily) == 8 and daily[-1].equity == Decimal("155.20")
    assert daily[-1].at == midnight("2025-03-17")
    assert daily[1].tooltip == "2025-03-10 Mon: +75.25 (2 trades), cumulative 75.25"
    new_york = tracker(logs, timezone="America/New_York").get_summary(
        "weekly", on=date.fromisoformat(WEEK))
    assert 'id="chart-equity"' in html_charts.equity_figure(new_york)
    empty = replace(summary, aggregate=Aggregate())
    assert html_charts.equity_figure(empty) == "" and html_charts.bars_figure(empty) == ""


# --- the page ---------------------------------------------------------------------------------

def test_html_golden_for_the_sample_week_and_the_cli(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    summary, previous = sample_week(logs)
    page = render_html(summary, previous=previous, min_sample=5)
    assert_golden("weekly.html", page)
    code, out, _ = run_cli("--window", "weekly", "--date", WEEK, "--logs-dir", str(logs),
                           "--format", "html", "--min-sample", "5", "--no-cache")
    assert code == 0
    assert out == page
    assert "html" in FORMAT_NAMES


def test_page_has_every_markdown_section(tmp_path: Path) -> None:
    summary, previous = sample_week(tmp_path / "logs")
    markdown = render_markdown(summary, previous=previous, min_sample=5)
    parsed = Page(render_html(summary, previous=previous, min_sample=5))
    text = " ".join(" ".join(parsed.text).split())
    # The Markdown shows a refining comparison in its parent's table ("Execution mode (PAPER vs
    # LIVE); Mode and side (...)"); the page keeps one table each.
    headings = [part for line in markdown.splitlines()
                if line.startswith("## ") or line.startswith("### ")
                for part in line.lstrip("#").strip().split("; ")]
    for heading in headings:
        assert heading in text, heading
    for needle in ("4 (small sample)", "0.00000010", "Chosen" if "Chosen" in markdown else "Top 3",
                   "Definitions.", "2025-03-12.jsonl:", "Largest win: 120.50"):
        assert needle in text, needle
    # Every table sorts: each header is a button.
    tables = [attrs for tag, attrs in parsed.tags if tag == "table"]
    headers = [tag for tag, _ in parsed.tags if tag == "th"]
    assert tables and all(attrs.get("class") == "sortable" for attrs in tables)
    assert len([tag for tag, _ in parsed.tags if tag == "button"]) == len(headers)


def test_page_is_self_contained_and_its_policy_admits_only_its_own_code(tmp_path: Path) -> None:
    summary, previous = sample_week(tmp_path / "logs")
    page = render_html(summary, previous=previous, min_sample=5)
    parsed = Page(page)
    assert parsed.scripts == [SCRIPT] and parsed.styles == [STYLE]
    for tag, attrs in parsed.tags:
        assert "src" not in attrs and "srcset" not in attrs and "style" not in attrs, tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        href = attrs.get("href")
        assert href is None or re.fullmatch(r"#[a-z]+", href), href
    assert "url(" not in STYLE and "@import" not in STYLE and "http" not in page.replace(
        "http-equiv", "")
    policy = next(attrs["content"] for tag, attrs in parsed.tags
                  if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy")
    assert policy == CONTENT_SECURITY_POLICY
    assert "default-src 'none'" in policy
    for body, directive in ((SCRIPT, "script-src"), (STYLE, "style-src")):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy
    ids = [attrs["id"] for _, attrs in parsed.tags if attrs.get("id")]
    assert len(ids) == len(set(ids))
    assert "generated_at" not in page and "2025-03-20T09:30" not in page


@pytest.mark.parametrize(("window", "options", "charts"), [
    ("daily", {"on": date(2025, 3, 12)}, ["chart-equity"]),
    ("weekly", {"on": date(2025, 3, 12)}, ["chart-equity", "chart-bars", "chart-breakdown-0",
                                           "chart-breakdown-3"]),
    ("rolling", {"on": date(2025, 3, 16), "trades": 5}, ["chart-equity", "chart-bars"]),
    ("weekly", {"on": date(2025, 1, 8)}, []),                       # no logs: an empty window
])
def test_every_window_renders_with_its_charts_titled(tmp_path: Path, window: str,
                                                     options: dict[str, Any],
                                                     charts: list[str]) -> None:
    write_sample(tmp_path / "logs")
    summary = tracker(tmp_path / "logs").get_summary(window, **options)
    page = render_html(summary)
    parsed = Page(page)
    found = [attrs.get("id") or "" for tag, attrs in parsed.tags
             if tag == "svg" and attrs.get("class") == "chart"]
    # Breakdown bars come with any strategy or symbol breakdown; the rest as listed.
    assert [name for name in found if not name.startswith("chart-breakdown")] == [
        name for name in charts if not name.startswith("chart-breakdown")]
    assert set(charts) <= set(found)
    for chart in re.findall(r"<svg .*?</svg>", page, flags=re.S):
        tree = svg_tree(chart)
        assert tree.findtext("title") and tree.findtext("desc")
    text = " ".join(parsed.text)
    if not charts:
        assert summary.empty is not None and summary.empty.message in text and "Try:" in text
    if window == "daily":
        assert "Daily P&L" not in text and "Mar 12" in page and "15:00" in page


def test_targets_and_alerts_as_the_markdown_shows_them(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    outcomes(logs, instant("2026-03-02T09:05:30Z"), "w" * 4 + "l" * 12)
    rules = targets("win_rate_target: 60\nalerts:\n  rules:\n"
                    "    - {name: rolling_wr, metric: win_rate, window: rolling, trades: 10, "
                    "warn: 60}\n")
    reader = PerformanceTracker(logs, clock=Clock("2026-03-02T15:00:00Z"), cache=False)
    view = evaluate(reader, rules, paths_for(logs))
    assert view.configured and view.breached and target_rows(view) and alert_lines(view)
    summary = reader.get_summary("daily")
    page = Page(render_html(summary, targets=view))
    text = " ".join(" ".join(page.text).split())
    assert "Targets" in text and "Alerts for the period" in text and NOT_CONFIGURED not in text
    for row in target_rows(view):
        for shown in (row.rule, row.judged_on, row.actual, row.target, row.variance, row.met):
            assert " ".join(shown.split()) in text, shown
    for line in alert_lines(view):
        assert line.headline in text and " ".join(line.message.split()) in text
    plain = Page(render_html(summary))
    assert NOT_CONFIGURED in " ".join(plain.text) and "Alerts for the period" not in " ".join(
        plain.text)


# --- hostile strings --------------------------------------------------------------------------

HOSTILE = [
    "<script>window.__pwned=1</script>",
    '"><img src=x onerror="window.__pwned=2">',
    "'><svg onload=window.__pwned=3><title>",
    "</title></style></script></textarea><b>bold</b><img src=x onerror=alert(1)>",
    "<!-- c --> ]]> &amp; &lt;x&gt; `x` ${x}",
    "\x1b[31mred\x1b[0m\x00\x07 tab\tnew\nline\r",
    "javascript:window.__pwned=4",
    "\u202eevil\u2028sep\ufeff",
]
#: Not a valid symbol: the line is bad, and its reason (quoting it) is in the data quality list.
HOSTILE_SYMBOL = '"><img src=x onerror=alert(1)>'


def write_hostile(logs: Path) -> None:
    lines: list[dict[str, Any] | str] = []
    for index, text in enumerate(HOSTILE):
        lines.append(sample_line(
            f"H{index}{text}", "2025-03-12", 0, text, "PAPER" if index % 2 else "LIVE",
            "AAPL" if index % 3 else "BTC-USD", "BUY", "win" if index % 2 else "loss",
            str(10 + index) if index % 2 else f"-{index + 1}", [text, "RSI"], "1.5",
            timestamp=f"2025-03-12T10:{index:02d}:00Z",
            exit_timestamp=f"2025-03-12T11:{index:02d}:00Z", entry_type=text,
            exit_reasoning=text, note=text))
    lines.append(trade("open<script>x</script>", entry="2025-03-12T12:00:00Z", outcome="open",
                       strategy=HOSTILE[1]))
    lines.append(json.dumps(trade("BAD", symbol=HOSTILE_SYMBOL)))
    write_log(logs, "2025-03-12", *lines)
    write_log(logs, "2025-03-13", sample_line("N1", "2025-03-13", 9, HOSTILE[0], "LIVE", "AAPL",
                                              "BUY", "win", "12", ["RSI"], "2"))


def hostile_page(logs: Path) -> str:
    write_hostile(logs)
    reader = tracker(logs, group_by=["note"])
    summary = reader.get_summary("weekly", on=date.fromisoformat(WEEK))
    return render_html(summary, previous=reader.get_summary("weekly", on=date(2025, 3, 5)),
                       min_sample=1)


def test_hostile_strings_are_text_in_every_context(tmp_path: Path) -> None:
    page = hostile_page(tmp_path / "logs")
    parsed = Page(page)
    assert parsed.scripts == [SCRIPT] and parsed.styles == [STYLE]
    assert parsed.names() <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "nav", "ul", "li", "a",
        "div", "main", "section", "h2", "h3", "dl", "dt", "dd", "p", "strong", "span", "figure",
        "figcaption", "svg", "desc", "g", "line", "text", "path", "circle", "rect", "table",
        "caption", "thead", "tbody", "tr", "th", "td", "button", "code", "footer", "script"}
    for tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    text = "".join(parsed.text)
    shown = [svg.esc(item) for item in HOSTILE]                      # as escaped for the page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;" in page
    assert all(item in page for item in shown)
    # Read back as a browser would: the exact characters, control characters as \xNN.
    assert "<script>window.__pwned=1</script>" in text
    assert "\\x1b[31mred\\x1b[0m\\x00\\x07 tab new line" in text
    assert "\\u202eevil sep\\ufeff" in text
    assert re.search(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u202e]", page) is None
    assert HOSTILE_SYMBOL in text                    # in the bad line's reason, as text
    # Inside SVG too: tooltips and labels of the breakdown bars.
    assert "<title>&lt;script&gt;window.__pwned=1&lt;/script&gt;: net" in page


# --- export -----------------------------------------------------------------------------------

def test_export_writes_the_html_beside_json_and_markdown_only_when_changed(tmp_path: Path) -> None:
    summary, previous = sample_week(tmp_path / "logs")
    page = render_html(summary, previous=previous)
    out = tmp_path / "out"
    results = export_summary(summary, summary.to_dict(), "# r\n", out, html=page)
    assert [(r.path.name, r.changed) for r in results] == [
        ("weekly-summary-2025-03-10.json", True), ("weekly-summary-2025-03-10.md", True),
        ("weekly-summary-2025-03-10.html", True)]
    assert (out / "weekly-summary-2025-03-10.html").read_text(encoding="utf-8") == page
    past = 1_600_000_000_000_000_000
    os.utime(out / "weekly-summary-2025-03-10.html", ns=(past, past))
    again = export_summary(summary, summary.to_dict(), "# r\n", out, html=page)
    assert [r.changed for r in again] == [False, False, False]
    assert (out / "weekly-summary-2025-03-10.html").stat().st_mtime_ns == past
    assert EXPORT_NAME.match("range-summary-2025-03-01-to-2025-03-09.html")
    assert EXPORT_NAME.match("weekly-summary-2025-03-10.htm") is None


def test_cli_export_writes_three_files(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    write_sample(logs)
    out = tmp_path / "out"
    code, _, err = run_cli("--window", "weekly", "--date", WEEK, "--logs-dir", str(logs),
                           "--export", "--output-dir", str(out), "--format", "json", "--no-cache")
    assert code == 0
    assert sorted(path.name for path in out.iterdir()) == [
        "weekly-summary-2025-03-10.html", "weekly-summary-2025-03-10.json",
        "weekly-summary-2025-03-10.md"]
    assert f"wrote: {out / 'weekly-summary-2025-03-10.html'}" in err.splitlines()
    assert (out / "weekly-summary-2025-03-10.html").read_text(encoding="utf-8").startswith(
        "<!DOCTYPE html>")



def test_cli_html_on_stdout_and_its_export_are_the_same_page(tmp_path: Path) -> None:
    """``--format html --export`` renders the page once and writes what it printed; a fresh
    render (``--format json --export``) gives the same file."""
    logs = tmp_path / "logs"
    write_sample(logs)
    pages = []
    for output in ("html", "json"):
        out = tmp_path / output
        code, printed, _ = run_cli("--window", "weekly", "--date", WEEK, "--logs-dir", str(logs),
                                   "--export", "--output-dir", str(out), "--format", output,
                                   "--no-cache")
        assert code == 0
        pages.append((printed, (out / "weekly-summary-2025-03-10.html").read_text(
            encoding="utf-8")))
    (printed, exported), (_, rendered_for_export) = pages
    assert printed.startswith("<!DOCTYPE html>")
    assert printed == exported == rendered_for_export

# --- the Markdown's Mermaid charts, thinned ---------------------------------------------------

def test_mermaid_labels_thinned_and_weekly_points_beyond_a_month(tmp_path: Path) -> None:
    month = days_summary(tmp_path / "month", date(2025, 3, 1), date(2025, 3, 31))
    bars = charts.daily_bars(month)
    assert bars is not None
    axis = next(line for line in bars.lines if "x-axis" in line)
    names = re.findall(r'"([^"]*)"', axis)[1:]
    assert len(names) == 31 and len(set(names)) == 31                  # distinct categories
    shown = [name for name in names if name.strip("\u200b\u200c")]
    assert shown == ["03-01", "03-05", "03-09", "03-13", "03-17", "03-21", "03-25", "03-29"]
    assert all(set(name) <= {"\u200b", "\u200c"} for name in names if name not in shown)
    long = days_summary(tmp_path / "long", date(2025, 1, 1), date(2025, 8, 28), step=2)
    bars = charts.daily_bars(long)
    curve = charts.equity_curve(long)
    assert bars is not None and curve is not None
    assert 'title "Weekly net P&L"' in bars.lines[2] and "losing week" in bars.caption
    axis = next(line for line in bars.lines if "x-axis" in line)
    names = re.findall(r'"([^"]*)"', axis)[1:]
    assert len(names) == 35 and len([n for n in names if n.strip("\u200b\u200c")]) <= 8
    assert names[0] == "2024-12-30" and names[5] == "2025-02-03" and names[10] == "03-10"
    values = re.search(r"bar \[(.*)\]", "\n".join(bars.lines))
    assert values is not None
    total = sum(Decimal(value) for value in values.group(1).split(", "))
    assert total == long.aggregate.core.net                             # weeks add up
    ten_years = {date(2016, 1, 4) + timedelta(days=7 * week): CoreStats(closed=1, net=Decimal(1))
                 for week in range(520)}
    unit, points = charts.net_points(ten_years)
    assert unit == "month" and len(points) == 120
    assert [name for name in charts.x_labels([start for start, _ in points], unit)
            if name.strip("\u200b\u200c")][:2] == ["2016-01", "2017-09"]
