"""Everything the catalogues declare reaches every output, and nothing is spelled twice.

* every summary metric is in the JSON, under its label in the text and Markdown metric tables,
  formatted by its kind; every row metric is a CSV column and a key of every JSON row;
* the schema requires exactly the catalogue's metrics, with the JSON type its kind implies;
* every built-in breakdown is in the JSON, in the text and Markdown reports under its label, and
  among the ``--breakdown`` names, in reading order;
* every target metric takes its unit and direction from the catalogue.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.alerting.model import HEALTH_METRICS, LEGACY_KEYS, METRICS
from trading_bot.performance.cli.summary import build_parser
from trading_bot.performance.core import dimensions
from trading_bot.performance.core import metric_catalogue as catalogue
from trading_bot.performance.core.formatting import change, metric
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.report.csv_table import (
    METRIC_COLUMNS,
    breakdown_names,
    render_breakdown_csv,
)
from trading_bot.performance.report.markdown import escape_cell, render_markdown
from trading_bot.performance.report.text import render_text

from ..conftest import fixed_clock, trade, write_log

SPECS = Path(__file__).resolve().parents[3] / "specs"
ROW_NAMES = [entry.name for entry in catalogue.ROW_METRICS]
SUMMARY_NAMES = [entry.name for entry in catalogue.SUMMARY_METRICS]


def _line(order: str, hour: int, outcome: str, net: str, **fields: Any) -> dict[str, Any]:
    return trade(order, entry=f"2026-03-02T{hour:02d}:00:00Z",
                 exit=f"2026-03-02T{hour:02d}:30:00Z", outcome=outcome, net=net,
                 commission="0.50", stop_loss="95", risk_reward_ratio="2", **fields)


@pytest.fixture
def summary(logs: Path) -> PerformanceSummary:
    """Two strategies, PAPER and LIVE, long and short, wins, losses and a breakeven on one day
    (so every metric is defined but payoff ratio's edge cases), plus one open position."""
    write_log(logs, "2026-03-02",
              _line("A", 9, "win", "30", strategy="alpha", mode="PAPER", action="BUY"),
              _line("B", 10, "loss", "-10", strategy="beta", mode="LIVE", action="SELL"),
              _line("C", 11, "win", "12", strategy="alpha", mode="LIVE", action="BUY",
                    indicators_used=["RSI", "MACD"]),
              _line("D", 12, "breakeven", "0", strategy="beta", mode="PAPER", action="SELL"),
              _line("E", 13, "loss", "-6", strategy="alpha", mode="PAPER", action="BUY"),
              trade("F", entry="2026-03-02T14:00:00Z", outcome="open"))
    tracker = PerformanceTracker(logs, clock=fixed_clock("2026-03-03T00:00:00Z"))
    return tracker.get_summary("daily", on=date(2026, 3, 2))


# --------------------------------------------------------------------------- metrics


def test_json_carries_every_catalogued_metric_and_no_other(summary: PerformanceSummary) -> None:
    document = summary.to_dict()
    assert set(document["metrics"]) == set(SUMMARY_NAMES)
    for row in document["daily"]:
        assert set(row) - {"date"} == set(ROW_NAMES)
    for breakdown in document["breakdowns"].values():
        for row in breakdown["rows"]:
            assert set(row) - {"key"} == set(ROW_NAMES)


def test_text_and_markdown_show_every_summary_metric_by_label_and_kind(
        summary: PerformanceSummary) -> None:
    values = summary.metrics.values
    text = render_text(summary)
    markdown = render_markdown(summary)
    for entry in catalogue.SUMMARY_METRICS:
        shown = metric(entry.name, values[entry.name])
        assert re.search(rf"^{re.escape(entry.label)} +{re.escape(shown)}$", text, re.MULTILINE), \
            entry.name
        assert f"| {entry.label} | {shown} |" in markdown, entry.name


def test_csv_columns_are_the_row_metrics_in_json_order(summary: PerformanceSummary) -> None:
    assert list(METRIC_COLUMNS) == list(summary.to_dict()["daily"][0])[1:]
    assert sorted(METRIC_COLUMNS) == sorted(ROW_NAMES)
    header = render_breakdown_csv(summary, "strategy_name").split("\r\n")[0]
    assert header.split(",") == ["strategy_name", *METRIC_COLUMNS, "small_sample"]


def test_markdown_comparison_rows_come_from_the_catalogue(summary: PerformanceSummary) -> None:
    markdown = render_markdown(summary)
    section = markdown.split("### Execution mode (PAPER vs LIVE)")[1].split("\n### ")[0]
    labels = [line.split(" | ")[0].lstrip("| ") for line in section.splitlines()
              if line.startswith("| ") and not line.startswith("| ---")]
    assert labels == ["Metric", "Closed trades (n)",
                      *(entry.label for entry in catalogue.COMPARISON_ROWS)]


def test_schema_requires_exactly_the_catalogue_with_the_type_of_each_kind() -> None:
    schema = json.loads((SPECS / "performance-summary.schema.json").read_text())
    core_row = schema["$defs"]["coreRow"]
    window = schema["properties"]["metrics"]
    assert set(core_row["required"]) == set(ROW_NAMES)
    assert set(core_row["required"]) | set(window["required"]) == set(SUMMARY_NAMES)
    properties = {**core_row["properties"], **window["properties"]}
    for entry in catalogue.SUMMARY_METRICS:
        reference = properties[entry.name]["$ref"].rsplit("/", 1)[1]
        if entry.kind == catalogue.COUNT:
            assert reference == "count", entry.name
        else:
            assert reference in {"decimal", "nullableDecimal"}, entry.name


@pytest.mark.parametrize(("name", "value", "shown"), [
    ("win_rate", D("0.5"), "50.00%"),
    ("average_hold_seconds", D("3900"), "1h 05m"),
    ("average_commission", D("0.3333"), "0.33"),
    ("profit_factor", D("1.755"), "1.76"),
    ("closed_trades", 7, "7"),
    ("expectancy", None, "-"),
])
def test_a_metric_is_formatted_by_its_kind(name: str, value: Any, shown: str) -> None:
    assert metric(name, value) == shown


def test_changes_of_rates_are_in_points() -> None:
    assert change("win_rate", D("-0.05")) == "-5.00 pp"
    assert change("average_commission", D("0.25")) == "+0.25"
    assert change("closed_trades", 3) == "+3"
    with pytest.raises(KeyError, match="not in the metric catalogue"):
        metric("no_such_metric", 1)


def test_catalogue_names_are_unique_and_views_name_catalogued_metrics() -> None:
    names = [entry.name for entry in catalogue.CATALOGUE]
    assert len(names) == len(set(names))
    for view in (catalogue.COMPARISON_ROWS, catalogue.BREAKDOWN_COLUMNS,
                 catalogue.NARROW_BREAKDOWN_COLUMNS, catalogue.HEADLINE):
        assert all(entry.scope != catalogue.HEALTH for entry in view)
    assert all(entry.scope == catalogue.ROW for entry in catalogue.COMPARISON_ROWS)


# --------------------------------------------------------------------------- targets


def test_every_target_metric_takes_unit_and_direction_from_the_catalogue() -> None:
    for spec in METRICS.values():
        measured = catalogue.metric(spec.summary_key or spec.name)
        assert spec.unit == measured.target_unit, spec.name
        assert spec.better == measured.better, spec.name
        if spec.summary_key:
            assert measured.scope != catalogue.HEALTH and measured.name in SUMMARY_NAMES
        else:
            assert measured.scope == catalogue.HEALTH and spec.name in HEALTH_METRICS
    assert {unit for unit in catalogue.TARGET_UNITS.values()} >= {s.unit for s in METRICS.values()}
    assert set(LEGACY_KEYS.values()) <= set(METRICS)


def test_target_table_is_unchanged_by_deriving_it() -> None:
    """The table as it was spelled by hand before the catalogue (name, unit, better, key)."""
    assert [(s.name, s.unit, s.better, s.summary_key) for s in METRICS.values()] == [
        ("win_rate", "percent", "higher", "win_rate"),
        ("avg_risk_reward", "ratio", "higher", "average_planned_rr"),
        ("avg_r_multiple", "ratio", "higher", "average_r_multiple"),
        ("expectancy", "money", "higher", "expectancy"),
        ("profit_factor", "ratio", "higher", "profit_factor"),
        ("net_profit_loss", "money", "higher", "net_profit_loss"),
        ("max_drawdown", "money", "higher", "max_drawdown"),
        ("max_consecutive_losses", "count", "lower", "longest_loss_streak"),
        ("daily_pl", "money", "higher", "net_profit_loss"),
        ("trades_per_day", "count", "higher", "closed_trades"),
        ("missing_log_file", "count", "lower", ""),
        ("stale_log", "seconds", "lower", ""),
        ("bad_line_rate", "percent", "lower", ""),
        ("stale_positions", "count", "lower", ""),
    ]
    assert list(LEGACY_KEYS.items()) == [
        ("win_rate_target", "win_rate"), ("daily_pl_target", "daily_pl"),
        ("trades_per_day_target", "trades_per_day"), ("max_drawdown_target", "max_drawdown"),
        ("avg_risk_reward_target", "avg_risk_reward")]


# --------------------------------------------------------------------------- dimensions


def test_every_builtin_breakdown_reaches_every_output(summary: PerformanceSummary) -> None:
    document = summary.to_dict()
    text = render_text(summary)
    markdown = render_markdown(summary)
    assert list(breakdown_names()) == list(dimensions.READING_ORDER)
    assert list(breakdown_names(("confidence",))) == [*dimensions.READING_ORDER, "confidence"]
    positions = []
    for entry in dimensions.DIMENSIONS:
        assert document["breakdowns"][entry.name]["overlapping"] is entry.overlapping
        assert render_breakdown_csv(summary, entry.name).startswith(entry.name + ",")
        if (dimensions.natural_order(entry.name) is not None
                and len(summary.aggregate.breakdown_stats[entry.name]) == 1):
            # A timing breakdown of one row is the whole window again: human reports skip it.
            assert not re.search(rf"^{re.escape(entry.label)}\b", text, re.MULTILINE)
            continue
        assert re.search(rf"^{re.escape(entry.label)}\b", text, re.MULTILINE), entry.name
        # A refining comparison (PAPER vs LIVE by side) shares its parent's heading and table.
        heading = re.search(rf"^### (.*; )?{re.escape(escape_cell(entry.label))}\b.*$",
                            markdown, re.MULTILINE)
        assert heading is not None, entry.name
        positions.append((heading.start(), entry.name))
    shown = [name for _, name in positions]
    assert [name for _, name in sorted(positions)] == [
        name for name in dimensions.READING_ORDER if name in shown]
    assert list(document["breakdowns"]) == list(dimensions.BUILTIN_DIMENSIONS)


def test_breakdown_help_lists_the_catalogue_in_reading_order() -> None:
    action = next(action for action in build_parser()._actions
                  if "--breakdown" in action.option_strings)
    assert action.help is not None
    assert f"({', '.join(dimensions.READING_ORDER)} or a --group-by field)" in action.help


def test_comparison_and_overlap_titles_come_from_the_catalogue(
        summary: PerformanceSummary) -> None:
    markdown = render_markdown(summary)
    text = render_text(summary)
    for entry in dimensions.DIMENSIONS:
        if entry.comparison:
            assert re.search(rf"^### (.*; )?{re.escape(f'{entry.label} ({entry.comparison})')}",
                             markdown, re.MULTILINE)
        if entry.overlapping:
            noun = entry.label.lower()
            assert f"### {entry.label} (rows overlap: a trade counts once per {noun} it used)" \
                in markdown
            assert f"{entry.label} (rows overlap: a trade counts once per {noun})" in text


def test_mode_and_side_rows_split_paper_and_live_by_direction(
        summary: PerformanceSummary) -> None:
    """PAPER long {A +30, E -6} 24; PAPER short {D 0} 0; LIVE long {C +12}; LIVE short {B -10}."""
    rows = summary.to_dict()["breakdowns"]["mode_side"]["rows"]
    assert [(row["key"], row["closed_trades"], row["net_profit_loss"]) for row in rows] == [
        ("PAPER long", 2, "24"), ("LIVE long", 1, "12"), ("PAPER short", 1, "0"),
        ("LIVE short", 1, "-10")]
    assert sum(row["closed_trades"] for row in rows) == summary.metrics.values["closed_trades"]
