"""Reports people read: JSON and Markdown exports, the terminal view, CSV and the weekly review.

Golden files live in ``golden/``; regenerate them after an intended change with
``UPDATE_GOLDEN=1 python -m pytest tests/performance_tracking/test_reports.py`` and review the
diff.  The fixed sample is written here as real log lines in ``tmp_path`` (weeks of March 2025,
long past, so even the CLI's real clock sees them as complete and deterministic); the JSON
golden pins the clock, so ``generated_at`` is fixed too.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.cli.common import EXIT_OK, EXIT_USAGE, use_color
from trading_bot.performance.cli.summary import main
from trading_bot.performance.core.aggregate import Aggregate
from trading_bot.performance.core.formatting import one_line, sample_size
from trading_bot.performance.core.summary import PerformanceSummary, Period
from trading_bot.performance.errors import PerformanceError, UsageError
from trading_bot.performance.report import charts
from trading_bot.performance.report import export as exporting
from trading_bot.performance.report.csv_table import render_breakdown_csv
from trading_bot.performance.report.export import export_name, export_summary
from trading_bot.performance.report.formats import Report, report_json_document, summary_json
from trading_bot.performance.report.markdown import escape_cell, render_markdown
from trading_bot.performance.report.review import (
    build_review,
    has_review,
    observations,
    previous_anchor,
)
from trading_bot.performance.report.sections import highlights, tail_note
from trading_bot.performance.report.text import render_text
from trading_bot.performance.schemas.validation import SchemaViolation, schema_errors

from ..conftest import fixed_clock, trade, write_log

GOLDEN = Path(__file__).resolve().parent / "golden"
WEEK = "2025-03-12"          # a day of the reviewed ISO week 2025-W11 (2025-03-10 .. 2025-03-16)
CLOCK = "2025-03-20T09:30:00Z"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def assert_golden(name: str, text: str) -> None:
    """Compare with ``golden/name`` byte for byte; ``UPDATE_GOLDEN=1`` rewrites it instead."""
    path = GOLDEN / name
    data = text.encode("utf-8")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(data)
        return
    assert path.exists(), f"missing golden {path}; run with UPDATE_GOLDEN=1 to create it"
    assert path.read_bytes().decode("utf-8") == text


# --- the fixed sample -------------------------------------------------------------------------

#: (order, day, hour, strategy, mode, symbol, action, outcome, net, indicators, planned R:R)
CURRENT_WEEK = [
    ("C01", "2025-03-10", 14, "alpha", "PAPER", "AAPL", "BUY", "win", "120.50", ["RSI", "MACD"], "2.0"),
    ("C02", "2025-03-10", 16, "alpha", "PAPER", "BTC-USD", "BUY", "loss", "-45.25", ["RSI"], "2.0"),
    ("C03", "2025-03-11", 13, "beta", "LIVE", "ETH-USD", "SELL", "loss", "-60.00", ["MACD"], "1.0"),
    ("C04", "2025-03-11", 15, "alpha", "PAPER", "AAPL", "BUY", "win", "80.00", ["RSI"], "2.0"),
    ("C05", "2025-03-11", 17, "beta", "LIVE", "AAPL", "BUY", "win", "55.10", ["MACD"], "1.0"),
    ("C06", "2025-03-12", 13, "beta", "LIVE", "BTC-USD", "BUY", "loss", "-70.40", ["MACD"], "1.0"),
    ("C07", "2025-03-12", 15, "alpha", "LIVE", "AAPL", "SELL", "breakeven", "0", ["RSI"], "2.0"),
    ("C08", "2025-03-12", 17, "alpha", "PAPER", "ETH-USD", "BUY", "win", "95.75", ["RSI", "MACD"], "2.0"),
    ("C09", "2025-03-13", 14, "beta", "LIVE", "AAPL", "BUY", "loss", "-30.00", ["MACD"], "1.0"),
    ("C10", "2025-03-13", 16, "beta", "PAPER", "BTC-USD", "SELL", "win", "40.00", ["RSI"], "1.0"),
    ("C11", "2025-03-14", 14, "alpha", "PAPER", "AAPL", "BUY", "loss", "-50.00", ["MACD"], "2.0"),
    ("C12", "2025-03-14", 16, "beta", "LIVE", "ETH-USD", "BUY", "loss", "-25.50", ["MACD"], "1.0"),
    ("C13", "2025-03-15", 14, "alpha", "PAPER", "AAPL", "BUY", "win", "60.00", ["RSI"], "2.0"),
    ("C14", "2025-03-16", 14, "beta", "LIVE", "BTC-USD", "SELL", "loss", "-15.00", ["MACD"], "1.0"),
]
PREVIOUS_WEEK = [
    ("P01", "2025-03-03", 14, "alpha", "PAPER", "AAPL", "BUY", "win", "200.00", ["RSI"], "2.0"),
    ("P02", "2025-03-04", 14, "beta", "LIVE", "BTC-USD", "BUY", "loss", "-50.00", ["MACD"], "1.0"),
    ("P03", "2025-03-05", 14, "alpha", "PAPER", "ETH-USD", "SELL", "win", "30.00", ["RSI"], "2.0"),
    ("P04", "2025-03-06", 14, "beta", "LIVE", "AAPL", "BUY", "win", "20.00", ["MACD"], "1.0"),
]


def sample_line(order: str, day: str, hour: int, strategy: str, mode: str, symbol: str,
                action: str, outcome: str, net: str, indicators: list[str], rr: str,
                **overrides: Any) -> dict[str, Any]:
    """One closed trade entered at ``hour`` and closed 45 minutes later, with a stop for R."""
    line = trade(order, entry=f"{day}T{hour:02d}:00:00Z", exit=f"{day}T{hour:02d}:45:00Z",
                 outcome=outcome, net=net, symbol=symbol, action=action, strategy=strategy,
                 mode=mode, indicators_used=indicators, risk_reward_ratio=rr,
                 stop_loss="95" if action == "BUY" else "105", commission="1.00",
                 exit_reasoning="target hit" if outcome == "win" else "stop loss hit")
    line.update(overrides)
    return line


def write_sample(logs: Path) -> None:
    """Two weeks of trades plus the things a report must show: an open position, a position
    closed after the week ended (open at its end), a bad line, a duplicate and a quantity that
    ``str(Decimal)`` would print in exponent form."""
    by_day: dict[str, list[dict[str, Any] | str]] = {}
    for row in PREVIOUS_WEEK + CURRENT_WEEK:
        by_day.setdefault(row[1], []).append(sample_line(*row))
    by_day["2025-03-11"].append(json.dumps(by_day["2025-03-11"][1]))          # exact duplicate
    by_day["2025-03-12"].append('{"order_id": "X1", "note": "not a trade"}')  # a bad line
    by_day["2025-03-14"].append(trade("C15", entry="2025-03-14T18:00:00Z", outcome="open",
                                      symbol="BTC-USD", strategy="alpha", quantity="0.00000010",
                                      price="84000"))
    by_day["2025-03-15"].append(trade("O01", entry="2025-03-15T20:00:00Z", outcome="open",
                                      symbol="ETH-USD", strategy="beta", mode="LIVE",
                                      quantity="0.5", price="1900.25", action="SELL"))
    by_day["2025-03-17"] = [trade("C15", entry="2025-03-14T18:00:00Z", exit="2025-03-17T15:00:00Z",
                                  outcome="win", net="12.00", symbol="BTC-USD", strategy="alpha",
                                  quantity="0.00000010", price="84000")]
    for day, lines in sorted(by_day.items()):
        write_log(logs, day, *lines)


def weekly(logs: Path, **kwargs: Any) -> tuple[PerformanceSummary, PerformanceSummary]:
    tracker = PerformanceTracker(logs, clock=fixed_clock(CLOCK), **kwargs)
    summary = tracker.get_summary("weekly", on=date.fromisoformat(WEEK))
    anchor = previous_anchor(summary)
    assert anchor is not None
    return summary, tracker.get_summary("weekly", on=anchor)


def run_cli(*arguments: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        code = main(list(arguments), stdout=out, stderr=err)
    except SystemExit as exc:             # argparse's own errors (exit 64 by our parser)
        code = exc.code                   # type: ignore[assignment]
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def sample(logs: Path) -> Path:
    write_sample(logs)
    return logs


# --- golden files -----------------------------------------------------------------------------

def test_json_golden(sample: Path) -> None:
    """The report document, as ``--format json`` prints it: the summary, the review against the
    week before and the top and bottom trades."""
    summary, previous = weekly(sample)
    document = report_json_document(Report(summary, previous=previous))
    assert schema_errors("performance-summary", document) == []
    assert schema_errors("performance-summary", summary.to_dict()) == []
    assert document["generated_at"] == "2025-03-20T09:30:00Z"
    assert document["review"]["previous_period"]["label"] == previous.period.label
    assert_golden("weekly.json", summary_json(document))


def test_markdown_golden_through_the_cli(sample: Path) -> None:
    code, out, _ = run_cli("--window", "weekly", "--date", WEEK, "--logs-dir", str(sample),
                           "--format", "markdown", "--min-sample", "5")
    assert code == EXIT_OK
    summary, previous = weekly(sample)
    assert out == render_markdown(summary, previous=previous, min_sample=5)
    assert str(sample) not in out
    assert_golden("weekly.md", out)


def test_text_golden_at_80_columns_without_colour(sample: Path) -> None:
    code, out, _ = run_cli("--window", "weekly", "--date", WEEK, "--logs-dir", str(sample),
                           "--min-sample", "5")
    assert code == EXIT_OK
    assert "\x1b" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert_golden("weekly.txt", out)


def test_csv_golden(sample: Path) -> None:
    code, out, _ = run_cli("--window", "weekly", "--date", WEEK, "--logs-dir", str(sample),
                           "--format", "csv", "--breakdown", "strategy_name", "--min-sample", "8")
    assert code == EXIT_OK
    assert_golden("weekly-strategy_name.csv", out)
    header, *rows = out.split("\r\n")[:-1]
    assert header.startswith("strategy_name,closed_trades,")
    assert [row.split(",")[0] for row in rows] == ["alpha", "beta"]
    assert all(row.endswith(",true") for row in rows)        # 7 trades each, under 8


# --- what the report says ---------------------------------------------------------------------

def test_markdown_sections_charts_and_sample_marks(sample: Path) -> None:
    summary, previous = weekly(sample)
    text = render_markdown(summary, previous=previous, min_sample=5)
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# Performance report: weekly 2025-W11", "## Overview", "## Metrics", "## Equity curve",
        "## Daily P&L", "## Review", "### Observations", "## Breakdowns",
        "### Strategy (A/B comparison)",
        # PAPER vs LIVE by side refines PAPER vs LIVE: more columns of one table.
        "### Execution mode (PAPER vs LIVE); Mode and side (PAPER vs LIVE by side)",
        "### Symbol", "### Side", "### Entry type", "### Exit reason",
        "### Entry type x exit reason", "### Exit weekday", "### Exit hour",
        # One hold-time bucket, one month: that row is the whole week again, so no table.
        "### Indicator (rows overlap: a trade counts once per indicator it used)",
        "## Best and worst trades", "## Open positions (2)", "## Data quality details",
    ]
    assert text.count("```mermaid\nxychart-beta") == 2
    assert 'x-axis "Closed trade" 0 --> 14' in text
    assert "| BTC-USD | 4 (small sample) |" in text
    assert "| C15 | BTC-USD | long | PAPER | 0.00000010 |" in text
    assert "1E-7" not in text
    assert "generated_at" not in text and "2025-03-20T09:30" not in text


def test_review_values_and_observations_carry_their_numbers(sample: Path) -> None:
    summary, previous = weekly(sample)
    review = build_review(summary, previous, min_sample=5)
    assert review.previous_label == "2025-W10"
    best = {s.dimension: (s.best and s.best.key, s.worst and s.worst.key) for s in review.standings}
    assert best == {"strategy_name": ("alpha", "beta"), "indicator": ("RSI", "MACD"),
                    "symbol": ("AAPL", None)}
    changes = {item.metric: item.delta for item in review.changes}
    assert changes["closed_trades"] == 10
    assert changes["net_profit_loss"] == Decimal("155.20") - Decimal("200.00")
    rules = [(item.rule, item.subject) for item in review.observations]
    assert rules == [("low_win_rate", "indicator MACD"), ("rr_cannot_pay", "Strategy beta"),
                     ("negative_expectancy", "strategy beta"), ("live_below_paper", "execution mode")]
    rr = dict(review.observations[1].numbers)
    assert rr["break_even_rr"] == Decimal(5) / Decimal(2)     # 1/(2/7) - 1 = losses / wins
    assert rr["average_planned_rr"] == Decimal("1.0")
    for item in review.observations:
        for _, value in item.numbers:
            assert isinstance(value, (int, Decimal))
        assert re.search(r"\d", item.message)


def test_rules_use_the_default_minimum_sample_of_20(logs: Path) -> None:
    rows = [sample_line(f"M{index:02d}", "2025-03-11", 0, "solo", "PAPER", "AAPL", "BUY",
                        "win" if index % 3 == 0 else "loss", "9" if index % 3 == 0 else "-5",
                        ["MACD"], "1.5", timestamp=f"2025-03-11T10:{index:02d}:00Z",
                        exit_timestamp=f"2025-03-11T11:{index:02d}:00Z") for index in range(19)]
    write_log(logs, "2025-03-11", *rows)
    tracker = PerformanceTracker(logs, clock=fixed_clock(CLOCK))
    summary = tracker.get_summary("weekly", on=date(2025, 3, 11))
    assert observations(summary) == ()                       # 19 trades: below the minimum
    write_log(logs, "2025-03-11", sample_line("M19", "2025-03-11", 12, "solo", "PAPER", "AAPL",
                                              "BUY", "loss", "-5", ["MACD"], "1.5"))
    summary = tracker.get_summary("weekly", on=date(2025, 3, 11))
    found = {item.rule: dict(item.numbers) for item in observations(summary)}
    assert found["low_win_rate"]["win_rate"] == Decimal("0.35")      # 7 of 20, under 40%
    assert str(found["rr_cannot_pay"]["break_even_rr"]).startswith("1.857142857")  # 13/7
    assert found["negative_expectancy"]["closed_trades"] == 20
    assert "live_below_paper" not in found


def test_review_only_for_weekly_and_monthly(sample: Path) -> None:
    tracker = PerformanceTracker(sample, clock=fixed_clock(CLOCK))
    daily = tracker.get_summary("daily", on=date(2025, 3, 12))
    monthly = tracker.get_summary("monthly", on=date(2025, 3, 12))
    assert not has_review(daily) and previous_anchor(daily) is None
    assert previous_anchor(monthly) == date(2025, 2, 28)
    first = replace(monthly, period=replace(monthly.period, start=date.min))
    assert previous_anchor(first) is None
    assert "## Review" not in render_markdown(daily)
    assert "## Daily P&L" not in render_markdown(daily)
    text = render_markdown(monthly)
    assert "No previous period was supplied" in text and "## Review" in text


def test_empty_window_is_never_blank(logs: Path) -> None:
    write_log(logs, "2025-03-03", sample_line(*PREVIOUS_WEEK[0]))
    tracker = PerformanceTracker(logs, clock=fixed_clock(CLOCK))
    summary = tracker.get_summary("weekly", on=date(2025, 3, 12))
    previous = tracker.get_summary("weekly", on=previous_anchor(summary))
    markdown = render_markdown(summary, previous=previous)
    assert "No log files for 2025-W11" in markdown and "Try:" in markdown
    assert "| Net P&L | 0.00 | 200.00 | -200.00 |" in markdown
    assert "- 2025-03-10, 2025-03-11, 2025-03-12," in markdown
    text = render_text(summary, previous=previous)
    assert "No log files for 2025-W11" in text and "Best/worst strategy: none" in text


def test_top_and_bottom_trades_say_when_the_tail_is_partial(sample: Path) -> None:
    summary, _ = weekly(sample)
    chosen = highlights(summary.aggregate)
    assert [t.order_id for t in chosen.top] == ["C01", "C08", "C04"]
    assert [t.order_id for t in chosen.bottom] == ["C06", "C03", "C11"]
    assert tail_note(chosen) == ""
    crowded = replace(summary.aggregate, core=replace(summary.aggregate.core, closed=5000))
    note = tail_note(highlights(crowded))
    assert note.startswith("among the last 14 closed trades of the window (5000 in all")
    text = render_markdown(replace(summary, aggregate=crowded))
    assert "Chosen among the last 14 closed trades" in text


def test_equity_curve_falls_back_to_days_and_bars_mark_zero(sample: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    summary, _ = weekly(sample)
    monkeypatch.setattr(charts, "MAX_TRADE_POINTS", 5)
    curve = charts.equity_curve(summary)
    assert curve is not None
    assert '    x-axis "Day" ["03-10", "03-11", "03-12", "03-13", "03-14", "03-15", "03-16"]' in curve.lines
    bars = charts.daily_bars(summary)
    assert bars is not None and bars.caption.startswith("Bars rise from the bottom")
    assert "    line [0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00]" in bars.lines
    assert charts.equity_curve(replace(summary, aggregate=Aggregate())) is None
    assert charts.daily_bars(replace(summary, aggregate=Aggregate())) is None


# --- hostile strings --------------------------------------------------------------------------

HOSTILE = [
    "pipe|strat",
    "tick`s`",
    "<script>alert(1)</script>",
    "new\nline | # not a heading",
    "*bold* _under_ [link](http://example.com) ~~gone~~",
    "- list\r\n1. item",
    "\x1b[31mred\x1b[0m",
    "back\\slash|",
    "=HYPERLINK(\"http://x\")",
]


def write_hostile(logs: Path) -> None:
    lines: list[dict[str, Any] | str] = []
    for index, text in enumerate(HOSTILE):
        lines.append(sample_line(
            f"H{index}|{text}", "2025-03-12", 0, text, "PAPER" if index % 2 else "LIVE", "AAPL",
            "BUY", "win" if index % 2 else "loss", str(10 + index) if index % 2 else f"-{index}",
            [text, "RSI"], "1.5", timestamp=f"2025-03-12T10:{index:02d}:00Z",
            exit_timestamp=f"2025-03-12T11:{index:02d}:00Z", entry_type=text,
            exit_reasoning=text, note=text))
    lines.append(trade("open|`<b>`\n# x", entry="2025-03-12T12:00:00Z", outcome="open",
                       strategy="<i>open</i>|`x`"))
    lines.append(json.dumps(trade("BAD", action="<b>|`x`\n- y")))
    write_log(logs, "2025-03-12", *lines)


def unescaped_pipes(line: str) -> int:
    return sum(1 for match in re.finditer(r"(\\*)\|", line) if len(match.group(1)) % 2 == 0)


def test_hostile_strings_are_escaped_in_every_markdown_table(logs: Path) -> None:
    write_hostile(logs)
    tracker = PerformanceTracker(logs, group_by=["note"], clock=fixed_clock(CLOCK))
    summary = tracker.get_summary("weekly", on=date.fromisoformat(WEEK))
    text = render_markdown(summary, previous=tracker.get_summary("weekly", on=date(2025, 3, 5)),
                           min_sample=1)
    assert_golden("hostile.md", text)
    lines = text.splitlines()
    tables: list[list[str]] = [[]]
    for line in lines:
        if line.startswith("|"):
            tables[-1].append(line)
        elif tables[-1]:
            tables.append([])
    tables = [table for table in tables if table]
    assert len(tables) >= 12
    for table in tables:
        columns = {unescaped_pipes(row) for row in table}
        assert len(columns) == 1, table
    assert "<script" not in text and "<b>" not in text and "<i>" not in text
    assert "\x1b" not in text and "\r" not in text
    outside_charts = re.sub(r"```mermaid\n.*?```", "", text, flags=re.S)
    assert re.search(r"(?<!\\)`", outside_charts) is None
    assert not [line for line in lines if re.match(r"#+ ?not|1\. item|- - |- 1\.", line)]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "\\*bold\\* \\_under\\_ \\[link\\](http://example.com) \\~\\~gone\\~\\~" in text


def renamed(row: tuple[Any, ...], strategy: str) -> tuple[Any, ...]:
    """A sample row with another strategy name (the fourth field)."""
    return (*row[:3], strategy, *row[4:])


def test_hostile_names_as_comparison_columns(logs: Path) -> None:
    write_log(logs, "2025-03-12",
              sample_line(*renamed(CURRENT_WEEK[5], "a|b`<script>`\n| x |")),
              sample_line(*renamed(CURRENT_WEEK[6], "- [c](d) *e*")))
    summary = PerformanceTracker(logs, clock=fixed_clock(CLOCK)).get_summary(
        "weekly", on=date.fromisoformat(WEEK))
    text = render_markdown(summary)
    start = text.index("### Strategy (A/B comparison)")
    table = [line for line in text[start:].splitlines()[1:] if line.startswith("|")][:13]
    assert table[0] == ("| Metric | \\- \\[c\\](d) \\*e\\* | "
                        "a\\|b\\`&lt;script&gt;\\` \\| x \\| |")
    assert {unescaped_pipes(row) for row in table} == {4}


def test_hostile_strings_in_the_terminal_and_csv(logs: Path) -> None:
    write_hostile(logs)
    tracker = PerformanceTracker(logs, group_by=["note"], clock=fixed_clock(CLOCK))
    summary = tracker.get_summary("weekly", on=date.fromisoformat(WEEK))
    text = render_text(summary, min_sample=1)
    assert_golden("hostile.txt", text)
    assert "\x1b" not in text and "\r" not in text
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "\\x1b[31mred\\x1b[0m" in text
    csv_text = render_breakdown_csv(summary, "strategy_name")
    assert "'=HYPERLINK" in csv_text and "\n=HYPERLINK" not in csv_text
    assert '"new\nline | # not a heading"' in csv_text          # quoted, one record


def test_escape_cell_keeps_names_readable() -> None:
    assert escape_cell("momentum_breakout") == "momentum_breakout"
    assert escape_cell("BTC-USD") == "BTC-USD"
    assert escape_cell("_x_") == "\\_x\\_"
    assert escape_cell("- a") == "\\- a"
    assert escape_cell("12. a") == "12\\. a"
    assert escape_cell("# h") == "\\# h"
    assert escape_cell("a & b") == "a &amp; b"
    assert one_line("a\tb\n\nc\x07") == "a b c\\x07"
    assert one_line("x\u2028y") == "x y"
    assert sample_size(5, 20) == "5 (small sample)" and sample_size(20, 20) == "20"


# --- colour -----------------------------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_without_no_color(sample: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert use_color(_Terminal()) is True
    assert use_color(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "")
    assert use_color(_Terminal()) is False
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert use_color(_Terminal()) is False
    closed = _Terminal()
    closed.close()
    assert use_color(closed) is False
    summary, previous = weekly(sample)
    plain = render_text(summary, previous=previous, min_sample=5)
    coloured = render_text(summary, previous=previous, min_sample=5, color=True)
    assert "\x1b[31m-70.40\x1b[0m" in coloured and "\x1b[32m120.50\x1b[0m" in coloured
    assert "\x1b[33m" in coloured                   # small-sample marks
    assert "\x1b[32m+10\x1b[0m" in coloured and "\x1b[31m-32.14 pp\x1b[0m" in coloured
    assert ANSI.sub("", coloured) == plain


# --- the CLI ----------------------------------------------------------------------------------

def test_csv_usage_errors_exit_64_and_list_the_names(sample: Path) -> None:
    code, out, err = run_cli("--logs-dir", str(sample), "--format", "csv")
    assert code == EXIT_USAGE and out == ""
    assert "--breakdown NAME; available: strategy_name, execution_mode, mode_side, symbol" in err
    code, _, err = run_cli("--logs-dir", str(sample), "--format", "csv", "--breakdown", "mood",
                           "--group-by", "confidence")
    assert code == EXIT_USAGE and "unknown breakdown 'mood'" in err and "confidence" in err
    code, _, err = run_cli("--logs-dir", str(sample), "--breakdown", "symbol")
    assert code == EXIT_USAGE and "--format csv only" in err
    code, _, err = run_cli("--logs-dir", str(sample), "--min-sample", "0")
    assert code == EXIT_USAGE
    with pytest.raises(UsageError):
        render_breakdown_csv(weekly(sample)[0], "nope")


def test_csv_of_a_group_by_field(logs: Path) -> None:
    write_log(logs, "2025-03-12", sample_line(*CURRENT_WEEK[5], confidence="high"),
              sample_line(*CURRENT_WEEK[6]))
    code, out, _ = run_cli("--window", "weekly", "--date", WEEK, "--logs-dir", str(logs),
                           "--format", "csv", "--breakdown", "confidence", "--group-by",
                           "confidence")
    assert code == EXIT_OK
    assert [row.split(",")[0] for row in out.split("\r\n")[1:-1]] == ["(missing)", "high"]


def _snapshot(directory: Path) -> dict[str, tuple[bytes, int]]:
    return {path.name: (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(directory.iterdir())}


def test_second_export_of_unchanged_data_rewrites_nothing(sample: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    arguments = ["--window", "weekly", "--date", WEEK, "--logs-dir", str(sample), "--export",
                 "--output-dir", str(reports), "--format", "json"]
    code, _, err = run_cli(*arguments)
    assert code == EXIT_OK and err.count("wrote: ") == 3
    assert sorted(path.name for path in reports.iterdir()) == [
        "weekly-summary-2025-03-10.html", "weekly-summary-2025-03-10.json",
        "weekly-summary-2025-03-10.md"]
    past = 1_600_000_000_000_000_000
    for path in reports.iterdir():
        os.utime(path, ns=(past, past))
    before = _snapshot(reports)
    code, _, err = run_cli(*arguments)          # a new generated_at, the same content
    assert code == EXIT_OK and err.count("unchanged: ") == 3
    assert _snapshot(reports) == before
    write_log(sample, "2025-03-13", sample_line("C99", "2025-03-13", 19, "alpha", "PAPER", "AAPL",
                                                "BUY", "win", "7.00", ["RSI"], "2.0"))
    code, _, err = run_cli(*arguments)
    assert code == EXIT_OK and err.count("wrote: ") == 3
    after = _snapshot(reports)
    assert after.keys() == before.keys()
    for name in before:
        assert after[name][0] != before[name][0] and after[name][1] != past


def test_export_defaults_to_logs_performance_with_readable_files(sample: Path) -> None:
    code, _, _ = run_cli("--window", "weekly", "--date", WEEK, "--logs-dir", str(sample),
                         "--export")
    assert code == EXIT_OK
    written = sorted(path for path in (sample / "performance").iterdir() if path.is_file())
    assert [path.name for path in written] == ["weekly-summary-2025-03-10.html",
                                               "weekly-summary-2025-03-10.json",
                                               "weekly-summary-2025-03-10.md"]
    umask = os.umask(0)
    os.umask(umask)
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    code, out, _ = run_cli("--window", "weekly", "--date", WEEK, "--logs-dir", str(sample))
    assert code == EXIT_OK and "Closed trades" in out   # the report directory is not a log


def test_generated_at_alone_is_not_a_change(sample: Path, tmp_path: Path) -> None:
    first, _ = weekly(sample)
    later = PerformanceTracker(sample, clock=fixed_clock("2025-04-01T00:00:00Z")).get_summary(
        "weekly", on=date.fromisoformat(WEEK))
    assert first.generated_at != later.generated_at
    markdown = render_markdown(first)
    assert all(r.changed for r in export_summary(first, first.to_dict(), markdown, tmp_path))
    assert not any(r.changed for r in export_summary(later, later.to_dict(), markdown, tmp_path))
    assert sorted(path.name for path in tmp_path.iterdir()
                  if path.is_file()) == ["weekly-summary-2025-03-10.json",
                                         "weekly-summary-2025-03-10.md"]


def test_an_invalid_document_is_never_written(sample: Path, tmp_path: Path) -> None:
    summary, _ = weekly(sample)
    document = summary.to_dict()
    document["metrics"]["net_profit_loss"] = 1.5          # a float: not a decimal string
    with pytest.raises(SchemaViolation):
        export_summary(summary, document, "# report\n", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_export_names_come_from_validated_parts_only(sample: Path) -> None:
    summary, _ = weekly(sample)
    assert export_name(summary, "json") == "weekly-summary-2025-03-10.json"
    ranged = replace(summary, period=Period("range", "r", date(2025, 3, 1), date(2025, 3, 9), True))
    assert export_name(ranged, "md") == "range-summary-2025-03-01-to-2025-03-09.md"
    rolling = replace(summary, period=Period("rolling", "r", None, date(2025, 3, 9), False, 50))
    assert export_name(rolling, "json") == "rolling-50-trades-summary-to-2025-03-09.json"
    for period in (Period("../../etc", "x", date(2025, 3, 1), date(2025, 3, 1), True),
                   Period("rolling", "x", None, date(2025, 3, 9), True, "1/../x"),  # type: ignore[arg-type]
                   Period("weekly", "x", None, date(2025, 3, 9), True)):
        with pytest.raises(PerformanceError):
            export_name(replace(summary, period=period), "json")
    with pytest.raises(PerformanceError):
        export_name(summary, "sh")
    assert exporting.EXPORT_NAME.match("weekly-summary-2025-03-10.json/../x") is None


def test_rolling_and_range_exports_through_the_cli(sample: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    for extra in (["--window", "rolling", "--trades", "5", "--date", "2025-03-16"],
                  ["--window", "range", "--start", "2025-03-10", "--end", "2025-03-12"]):
        code, _, _ = run_cli(*extra, "--logs-dir", str(sample), "--export", "--output-dir",
                             str(out_dir), "--format", "markdown")
        assert code == EXIT_OK
    assert sorted(path.name for path in out_dir.iterdir()) == [
        f"{name}.{extension}" for name in ("range-summary-2025-03-10-to-2025-03-12",
                                           "rolling-5-trades-summary-to-2025-03-16")
        for extension in ("html", "json", "md")]
