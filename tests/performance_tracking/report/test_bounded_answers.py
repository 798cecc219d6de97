"""Bounded answers (issue 14): long breakdowns fold into one exact remainder row, free-text exit
reasons group by template, open positions are counted exactly, listed briefly, flagged stale."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.cli.summary import main
from trading_bot.performance.core.aggregate import CoreStats
from trading_bot.performance.core.dimensions import OVERLAPPING_DIMENSIONS
from trading_bot.performance.core.summary import bounded_rows, sum_stats
from trading_bot.performance.core.templates import reason_template
from trading_bot.performance.report.csv_table import render_breakdown_csv
from trading_bot.performance.report.markdown import render_markdown
from trading_bot.performance.report.text import render_text
from trading_bot.performance.schemas.validation import validate
from trading_bot.performance.tools.sample import SampleSpec, generate, write

from ..conftest import fixed_clock, trade, write_log

ADDITIVE = ("closed_trades", "wins", "losses", "breakevens", "net_profit_loss", "gross_profit",
            "gross_loss", "commission")


# --- the template rule -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "template"), [
    ("Stop loss $182.10 triggered, support broke", "Stop loss $# triggered, support broke"),
    ("Stop loss $95.3 triggered, support broke", "Stop loss $# triggered, support broke"),
    ("Take profit hit at +2.5% (ord-8f3a2b)", "Take profit hit at #% (#)"),
    ("Take profit $1,234.50 reached (+12.25%)", "Take profit $# reached (#%)"),
    ("EMA20 crossed below EMA50 at 101.5", "EMA# crossed below EMA# at #"),
    ("Trailing stop at $63985.75 locked 1.8R", "Trailing stop at $# locked #R"),
    ("Time exit after 45 min at 2026-03-04T15:59:00Z", "Time exit after # min at #"),
    ("closed by signal 3f2a9c1e-1234-4abc-9def-0123456789ab", "closed by signal #"),
    ("order 9f8e7d6c5b filled at -0.5", "order # filled at #"),
    ("RSI(14) above 70.5, volume 463,584", "RSI(#) above #, volume #"),
    ("  stop-loss   hit  ", "stop-loss hit"),
    ("target hit", "target hit"),
])
def test_reason_template_rule(text: str, template: str) -> None:
    assert reason_template(text) == template


def test_texts_of_one_reason_share_one_row_and_the_raw_text_stays_available(
        tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    lines = [trade(f"T{index}", exit_reasoning=f"Stop loss ${100 + index}.{index:02d} triggered",
                   outcome="loss", net=f"-{index + 1}") for index in range(30)]
    write_log(logs, "2026-03-02", *lines)
    summary = PerformanceTracker(logs, clock=fixed_clock(), cache=False).get_summary(
        "daily", on=date(2026, 3, 2))
    assert [key for key, _ in summary.shown_rows("exit_reasoning").rows] == [
        "Stop loss $# triggered"]
    raw = PerformanceTracker(logs, clock=fixed_clock(), cache=False,
                             group_by=["exit_reasoning_raw"]).get_summary(
        "daily", on=date(2026, 3, 2))
    assert raw.shown_rows("exit_reasoning_raw").total == 30
    assert "Stop loss $100.00 triggered" in raw.aggregate.breakdown_stats["exit_reasoning_raw"]


# --- folding ------------------------------------------------------------------------------------

def test_remainder_row_is_exact_and_the_choice_is_by_closed_trades() -> None:
    rows = {
        "big": CoreStats(closed=5, wins=5, net=Decimal("50")),
        "loud": CoreStats(closed=1, losses=1, net=Decimal("-900")),
        "tie-a": CoreStats(closed=2, wins=2, net=Decimal("3")),
        "tie-b": CoreStats(closed=2, losses=2, net=Decimal("-4")),
        "small": CoreStats(closed=1, wins=1, net=Decimal("1.5")),
    }
    shown = bounded_rows(rows, 2)
    assert {key for key, _ in shown.rows} == {"big", "tie-b"}   # |net| breaks the tie
    assert [key for key, _ in shown.rows] == ["big", "tie-b"]     # shown best net first
    assert shown.other == sum_stats([rows["loud"], rows["tie-a"], rows["small"]])
    assert shown.other is not None and shown.other.net == Decimal("-895.5")
    assert shown.other_key == "other: 3 values" and shown.folded == 3
    assert bounded_rows(rows, None).other is None
    assert bounded_rows(rows, 5).other is None and bounded_rows(rows, 5).total == 5


def many_symbols(logs: Path, count: int, *, day: str = "2026-03-02") -> None:
    write_log(logs, day, *(trade(f"S{index}", symbol=f"SYM{index}", net=str(index - 20),
                                 outcome="win" if index > 20 else
                                 ("breakeven" if index == 20 else "loss"))
                           for index in range(count)))


def test_json_text_and_markdown_show_the_top_rows_and_one_remainder(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    many_symbols(logs, 60)
    summary = PerformanceTracker(logs, clock=fixed_clock(), max_rows=10).get_summary(
        "daily", on=date(2026, 3, 2))
    document = summary.to_dict()
    validate("performance-summary", document)
    symbol = document["breakdowns"]["symbol"]
    assert symbol["row_count"] == 60 and len(symbol["rows"]) == 11
    assert symbol["folded"]["values"] == 50
    assert symbol["rows"][-1]["key"] == "other: 50 values"
    assert symbol["rows"][-1]["folded_values"] == 50
    assert sum(Decimal(row["net_profit_loss"]) for row in symbol["rows"]) == \
        Decimal(document["metrics"]["net_profit_loss"])
    assert document["breakdowns"]["strategy_name"]["folded"] is None
    text = render_text(summary)
    heading = "Symbol (top 10 of 60 by closed trades; --all-rows for all)\n"
    assert "other: 50 values" in text and "SYM0 " not in text.split(heading, 1)[1][:2000]
    assert "| other: 50 values |" in render_markdown(summary)
    csv_rows = list(csv.reader(io.StringIO(render_breakdown_csv(summary, "symbol"))))
    assert len(csv_rows) == 61   # CSV is for spreadsheets: every row, no remainder
    assert not any(row[0].startswith("other:") for row in csv_rows)


def test_cli_max_rows_and_all_rows(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    many_symbols(logs, 40, day="2026-03-02")
    base = ["--logs-dir", str(logs), "--window", "daily", "--date", "2026-03-02",
            "--format", "json", "--no-cache"]
    for extra, shown, folded in (([], 26, 15), (["--max-rows", "5"], 6, 35),
                                 (["--all-rows"], 40, None)):
        out, err = io.StringIO(), io.StringIO()
        assert main([*base, *extra], stdout=out, stderr=err) == 0, err.getvalue()
        symbol = json.loads(out.getvalue())["breakdowns"]["symbol"]
        assert len(symbol["rows"]) == shown
        assert (symbol["folded"] or {}).get("values") == folded
    out, err = io.StringIO(), io.StringIO()
    assert main([*base[:-3], "--format", "csv", "--breakdown", "symbol", "--max-rows", "3"],
                stdout=out, stderr=err) == 0
    assert len(out.getvalue().splitlines()) == 41


# --- property: rows plus remainder add up to the window, cached or not, for any max-rows ---------

line_parts = st.fixed_dictionaries({
    "day": st.integers(0, 3),
    "minute": st.integers(0, 1400),
    "outcome": st.sampled_from(["win", "loss", "breakeven"]),
    "cents": st.integers(1, 50_000),
    "symbol": st.sampled_from([f"S{index}" for index in range(12)]),
    "strategy": st.sampled_from(["alpha", "beta", "gamma"]),
    "reason": st.sampled_from(["Stop loss $#p triggered", "target hit", "Trail #p locked #pR",
                               "id ord-#i closed"]),
    "price": st.integers(1, 99_999),
    "indicators": st.lists(st.sampled_from(["RSI", "MACD", "EMA"]), unique=True, max_size=3),
})


def _line(index: int, parts: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    day = f"2026-03-0{2 + parts['day']}"
    hour, minute = divmod(parts["minute"], 60)
    net = {"win": 1, "loss": -1, "breakeven": 0}[parts["outcome"]] * parts["cents"]
    price = f"{parts['price'] / 100:.2f}"
    reason = parts["reason"].replace("#p", price).replace("#i", f"{index:x}a{index}")
    return day, trade(f"P{index}", entry=f"{day}T{hour:02d}:{minute:02d}:00Z",
                      exit=f"{day}T{hour:02d}:{minute:02d}:30Z", outcome=parts["outcome"],
                      net=str(Decimal(net).scaleb(-2)), symbol=parts["symbol"],
                      strategy=parts["strategy"], exit_reasoning=reason,
                      indicators_used=parts["indicators"], confidence=parts["strategy"][:2])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(line_parts, min_size=1, max_size=40),
       max_rows=st.one_of(st.none(), st.integers(1, 8)),
       window=st.sampled_from(["weekly", "rolling"]))
def test_breakdown_rows_and_remainder_sum_to_the_window(lines: list[dict[str, Any]],
                                                       max_rows: int | None, window: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        logs = Path(folder) / "logs"
        for index, parts in enumerate(lines):
            write_log(logs, *_line(index, parts))
        documents = []
        for cached in (False, True, True):   # uncached, cold cache, warm cache
            tracker = PerformanceTracker(logs, clock=fixed_clock(), cache=cached,
                                         group_by=["confidence", "exit_reasoning_raw"],
                                         max_rows=max_rows)
            summary = tracker.get_summary(window, on=date(2026, 3, 4),
                                          trades=25 if window == "rolling" else None)
            document = summary.to_dict()
            validate("performance-summary", document)
            documents.append(document)
            totals = document["metrics"]
            for name, breakdown in document["breakdowns"].items():
                rows = breakdown["rows"]
                assert max_rows is None or len(rows) <= max_rows + 1
                assert max_rows is not None or breakdown["folded"] is None
                assert breakdown["row_count"] >= len(rows) - (breakdown["folded"] is not None)
                if name in OVERLAPPING_DIMENSIONS:
                    continue
                for field in ADDITIVE:
                    assert sum(Decimal(str(row[field])) for row in rows) == \
                        Decimal(str(totals[field])), (name, field)
        strip = [{key: value for key, value in document.items() if key != "generated_at"}
                 for document in documents]
        assert strip[0]["breakdowns"] == strip[1]["breakdowns"] == strip[2]["breakdowns"]


# --- open positions -----------------------------------------------------------------------------

def open_entries(logs: Path, count: int) -> None:
    for index in range(count):
        day = f"2026-03-{1 + index % 28:02d}"
        write_log(logs, day, trade(f"O{index:03d}", entry=f"{day}T{index % 24:02d}:00:00Z",
                                   outcome="open", price="10", quantity="2",
                                   symbol=f"SYM{index % 7}"))


def test_open_positions_counted_exactly_listed_briefly_and_flagged_stale(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    open_entries(logs, 56)
    tracker = PerformanceTracker(logs, clock=fixed_clock("2026-03-29T00:00:00Z"),
                                 pairing="order-id")
    summary = tracker.get_summary("daily", on=date(2026, 3, 28))
    document = summary.to_dict()
    validate("performance-summary", document)
    info = document["open_positions_summary"]
    assert info["count"] == 56 and Decimal(info["exposure"]) == Decimal(56 * 20)
    assert info["listed"] == 20 and info["not_listed"] == 36
    assert sum(bucket["count"] for bucket in info["by_age"]) == 56
    listed = document["open_positions"]
    assert [p["order_id"] for p in listed[:2]] == ["O000", "O028"]   # oldest first
    stale = [p for p in listed if p["stale"]]
    assert stale and all(p["age_seconds"] > 7 * 86400 for p in stale)
    assert info["stale"] == document["data_quality"]["stale_positions"] == sum(
        1 for p in summary.open_positions if p.age_seconds > 7 * 86400)
    assert summary.metrics.values["open_trades"] == 56
    text = render_text(summary)
    assert "Open positions (56," in text and " stale" in text and "36 in between" in text
    assert "**stale**" in render_markdown(summary)
    assert document["empty_reason"]["message"].count("entries never closed: the bot logs "
                                                     "entries but no exits")
    few = PerformanceTracker(logs, clock=fixed_clock("2026-03-29T00:00:00Z"),
                             pairing="order-id", max_rows=3).get_summary("daily",
                                                                         on=date(2026, 3, 28))
    assert len(few.to_dict()["open_positions"]) == 6
    every = PerformanceTracker(logs, clock=fixed_clock("2026-03-29T00:00:00Z"),
                               pairing="order-id", max_rows=None,
                               stale_after_seconds=30 * 86400).get_summary(
        "daily", on=date(2026, 3, 28))
    assert len(every.to_dict()["open_positions"]) == 56
    assert every.to_dict()["data_quality"]["stale_positions"] == 0


def test_stale_after_option(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    open_entries(logs, 5)
    base = ["--logs-dir", str(logs), "--window", "daily", "--date", "2026-03-05",
            "--format", "json", "--no-cache", "--pairing", "order-id"]
    out = io.StringIO()
    assert main([*base, "--stale-after", "36h"], stdout=out, stderr=io.StringIO()) == 0
    assert json.loads(out.getvalue())["open_positions_summary"]["stale_after_seconds"] == 129600
    with pytest.raises(SystemExit) as raised:
        main([*base, "--stale-after", "soon"], stdout=io.StringIO(), stderr=io.StringIO())
    assert raised.value.code == 64


# --- the answer's size follows what a person can read -------------------------------------------

def test_upstream_style_answers_stay_small(tmp_path: Path) -> None:
    """Free-text reasons with prices and forgotten entries (the sample generator's upstream
    mode): the default answers stay within the issue's bounds (JSON <= 1 MiB, text <= 300
    lines), whatever the number of distinct texts."""
    logs = tmp_path / "logs"
    write(generate(SampleSpec(date(2026, 1, 5), 40, 120, defects=False, upstream=True)), logs)
    texts = {json.loads(line).get("exit_reasoning") for path in logs.glob("*.jsonl")
             for line in path.read_text().splitlines()}
    assert len(texts) > 1000
    base = ["--logs-dir", str(logs), "--date", "2026-02-10", "--pairing", "order-id"]
    for window in (["--window", "monthly"], ["--window", "daily"],
                   ["--window", "range", "--start", "2026-01-05", "--end", "2026-02-13"]):
        out = io.StringIO()
        dated = base if window[1] != "range" else base[:2] + base[4:]
        assert main([*dated, *window, "--format", "json"], stdout=out,
                    stderr=io.StringIO()) in (0, 2)
        document = json.loads(out.getvalue())
        assert len(out.getvalue().encode()) <= 1024 * 1024
        assert document["breakdowns"]["exit_reasoning"]["row_count"] <= 8   # the templates
        assert len(document["open_positions"]) <= 20
        for fmt in ("text", "markdown"):
            text = io.StringIO()
            assert main([*dated, *window, "--format", fmt], stdout=text,
                        stderr=io.StringIO()) in (0, 2)
            assert len(text.getvalue().splitlines()) <= 300, (window, fmt)
