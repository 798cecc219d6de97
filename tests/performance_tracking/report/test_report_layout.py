"""How the human reports lay out what they show: display-width alignment (CJK, combining
marks), best and worst day, the cross table's top rows, timing breakdowns in calendar order
and in two halves, and CSV written row by row."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.cli.summary import main
from trading_bot.performance.core.formatting import clip, display_width, pad
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.report.csv_table import render_breakdown_csv, write_breakdown_csv
from trading_bot.performance.report.markdown import render_markdown
from trading_bot.performance.report.text import render_text, table

from ..conftest import fixed_clock, trade, write_log

DAY = "2026-03-02"
CJK = "均值回归"                  # four wide characters: 8 columns
COMBINING = "cafe\u0301"           # "café" with a combining acute accent: 4 columns


# --- display width -----------------------------------------------------------------------------

def test_display_width_counts_wide_characters_twice_and_combining_marks_not_at_all() -> None:
    assert display_width("momentum") == 8
    assert display_width(CJK) == 8
    assert display_width("ＡＢ") == 4                  # fullwidth Latin
    assert display_width(COMBINING) == 4
    assert display_width("e\u0301\u0302") == 1         # two marks on one letter
    assert display_width("BTC-USD 比特币") == 14
    assert display_width("") == 0


def test_clip_and_pad_work_in_columns() -> None:
    assert clip(CJK, 8) == CJK
    assert clip(CJK, 7) == "均值回\u2026"                 # 6 columns + the ellipsis
    assert clip(CJK, 6) == "均值\u2026"                   # a wide char never straddles the edge
    assert display_width(clip(CJK, 6)) <= 6
    assert clip(COMBINING, 4) == COMBINING              # the mark stays with its letter
    assert clip(COMBINING + "s", 4) == "caf\u2026"
    assert clip("momentum_breakout", 10) == "momentum_\u2026"
    assert pad(CJK, 10) == CJK + "  "
    assert pad(CJK, 10, right=True) == "  " + CJK
    assert pad(CJK, 4) == CJK                           # never cut, only padded


def test_text_table_aligns_cjk_and_combining_names() -> None:
    lines = table(["Strategy", "n", "Net P&L"],
                  [[CJK, "12", "10.00"], ["momentum", "3", "-5.00"], [COMBINING, "7", "1.50"]],
                  right=(1, 2))
    widths = {display_width(line) for line in lines}
    assert len(widths) == 1, lines          # every line ends in the same column
    # The n column ends at the same display column on every row.
    ends = {display_width(line[:line.index(cell) + len(cell)])
            for line, cell in zip(lines[2:], ("12", "3", "7"), strict=True)}
    assert len(ends) == 1


def test_report_keeps_columns_aligned_with_cjk_and_combining_strategy_names(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    write_log(logs, DAY, trade("A1", strategy=CJK, symbol="BTC-USD", net="25"),
              trade("A2", strategy="momentum", symbol="AAPL", net="-5", outcome="loss"),
              trade("A3", strategy=COMBINING, symbol="AAPL", net="7"))
    summary = PerformanceTracker(logs, clock=fixed_clock()).get_summary(
        "daily", on=date.fromisoformat(DAY))
    text = render_text(summary)
    block = text.split("\nStrategy\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert any(CJK in line for line in block) and any(COMBINING in line for line in block)
    assert summary.data_quality.bad_lines == 0
    assert len({display_width(line) for line in block}) == 1, block
    trades = text.split("\nTop 3 ", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    assert any(CJK in line for line in trades)
    assert len({display_width(line) for line in trades}) == 1, trades


# --- best and worst day ------------------------------------------------------------------------

def two_days(logs: Path) -> PerformanceSummary:
    write_log(logs, "2026-03-02", trade("D1", net="40", entry="2026-03-02T14:00:00Z",
                                        exit="2026-03-02T15:00:00Z"),
              trade("D2", net="-10", outcome="loss", entry="2026-03-02T14:00:00Z",
                    exit="2026-03-02T16:00:00Z"))
    write_log(logs, "2026-03-03", trade("D3", net="-25", outcome="loss",
                                        entry="2026-03-03T14:00:00Z",
                                        exit="2026-03-03T15:00:00Z"))
    write_log(logs, "2026-03-04", trade("D4", net="5", entry="2026-03-04T14:00:00Z",
                                        exit="2026-03-04T15:00:00Z"))
    return PerformanceTracker(logs, clock=fixed_clock()).get_summary(
        "weekly", on=date(2026, 3, 4))


def test_best_and_worst_day_in_text_markdown_and_json_agree(tmp_path: Path) -> None:
    summary = two_days(tmp_path / "logs")
    text = render_text(summary)
    assert ("Best day: 2026-03-02 30.00 (2 trades); worst day: 2026-03-03 -25.00 (1 trade)"
            in text)
    markdown = render_markdown(summary)
    assert ("- Best day: 2026-03-02, net 30.00 over 2 trades; worst day: 2026-03-03, net "
            "-25.00 over 1 trade") in markdown
    document = summary.to_dict()
    assert document["best_day"]["date"] == "2026-03-02"
    assert document["worst_day"]["date"] == "2026-03-03"


def test_one_day_has_no_best_and_worst_day(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    write_log(logs, DAY, trade("S1", net="5"), trade("S2", net="7"))
    summary = PerformanceTracker(logs, clock=fixed_clock()).get_summary(
        "weekly", on=date.fromisoformat(DAY))
    assert "Best day" not in render_text(summary)
    assert "Best day" not in render_markdown(summary)


# --- the cross table's top rows ----------------------------------------------------------------

ENTRY_TYPES = ("market", "limit", "stop")
REASONS = ("target hit", "stop loss hit", "time exit", "trailing stop")


def cross_logs(logs: Path) -> None:
    """12 entry type x exit reason combinations, combination k with k + 1 trades."""
    lines = []
    for index, (entry_type, reason) in enumerate(
            (e, r) for e in ENTRY_TYPES for r in REASONS):
        for copy in range(index + 1):
            lines.append(trade(f"X{index}-{copy}", entry_type=entry_type, exit_reasoning=reason,
                               net=str(index + 1)))
    write_log(logs, DAY, *lines)


def cross_rows(text: str) -> list[str]:
    block = text.split("\nEntry type x exit reason", 1)[1].split("\n\n", 1)[0].splitlines()
    return block[3:]      # after the heading's tail, the header and the rule


def test_cross_table_shows_its_top_10_by_default_and_says_so(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    cross_logs(logs)
    summary = PerformanceTracker(logs, clock=fixed_clock()).get_summary(
        "daily", on=date.fromisoformat(DAY))
    text = render_text(summary)
    assert "Entry type x exit reason (top 10 of 12 by closed trades; --all-rows for all)" in text
    rows = cross_rows(text)
    assert len(rows) == 11 and rows[-1].startswith("other: 2 values")
    # The two folded combinations are the ones with the fewest trades (1 and 2), exactly summed.
    assert re.match(r"other: 2 values\s+3 ", rows[-1])
    markdown = render_markdown(summary)
    assert "### Entry type x exit reason (top 10 of 12 by closed trades; --all-rows for all)" \
        in markdown
    assert "| other: 2 values |" in markdown
    # The JSON folds at --max-rows (25): every combination is there.
    assert summary.to_dict()["breakdowns"]["entry_exit"]["row_count"] == 12
    assert len(summary.to_dict()["breakdowns"]["entry_exit"]["rows"]) == 12


def test_cross_table_obeys_max_rows_and_all_rows(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    cross_logs(logs)
    for option, shown in ((["--max-rows", "30"], 12), (["--max-rows", "5"], 6),
                          (["--all-rows"], 12)):
        out = io.StringIO()
        assert main(["--logs-dir", str(logs), "--window", "daily", "--date", DAY, "--no-cache",
                     *option], stdout=out, stderr=io.StringIO()) == 0
        assert len(cross_rows(out.getvalue())) == shown, option


# --- timing breakdowns -------------------------------------------------------------------------

def test_timing_breakdowns_read_in_calendar_order_and_hours_in_two_halves(
        tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    lines = []
    # Exits on every hour 00:00 .. 19:00 of one Monday, the worst hours first in the file.
    for hour in range(20):
        exit_at = f"2026-03-02T{hour:02d}:30:00Z"
        lines.append(trade(f"H{hour}", entry=f"2026-03-02T{hour:02d}:00:00Z", exit=exit_at,
                           net=str(hour - 10), outcome="win" if hour > 10 else "loss"))
    write_log(logs, DAY, *lines)
    # A Sunday before and a Wednesday after, so the weekday table has three rows.
    write_log(logs, "2026-03-01", trade("SUN", entry="2026-03-01T09:00:00Z",
                                        exit="2026-03-01T09:30:00Z", net="100"))
    write_log(logs, "2026-03-04", trade("WED", entry="2026-03-04T09:00:00Z",
                                        exit="2026-03-04T09:30:00Z", net="-100",
                                        outcome="loss"))
    summary = PerformanceTracker(logs, clock=fixed_clock()).get_summary(
        "range", date(2026, 3, 1), date(2026, 3, 4))
    text = render_text(summary)
    weekdays = text.split("\nExit weekday\n", 1)[1].split("\n\n", 1)[0].splitlines()[2:]
    assert [row.split()[1] for row in weekdays] == ["Mon", "Wed", "Sun"]
    hours = text.split("\nExit hour\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert hours[0].startswith("Hour ") and " | Hour " in hours[0]
    assert len(hours) == 2 + 10                      # 20 hours in two halves of 10
    assert all(display_width(line) <= 80 for line in hours)
    left = [row.split()[0] for row in hours[2:]]
    right = [row.split(" | ")[1].split()[0] for row in hours[2:]]
    assert left == [f"{hour:02d}:00" for hour in range(10)]
    assert right == [f"{hour:02d}:00" for hour in range(10, 20)]
    markdown = render_markdown(summary)
    table_lines = markdown.split("### Exit hour\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert table_lines[0].count("| Hour |") == 2 and len(table_lines) == 2 + 10
    # The month of this range is one row (the whole window): no Month table.
    assert "\nMonth\n" not in text and "### Month" not in markdown


# --- CSV, streamed -----------------------------------------------------------------------------

class CountingStream(io.StringIO):
    """A text stream that counts the writes it receives."""

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


def test_csv_is_written_row_by_row_with_every_row(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    write_log(logs, DAY, *(trade(f"C{index}", symbol=f"SYM{index}", net=str(index))
                           for index in range(60)))
    summary = PerformanceTracker(logs, clock=fixed_clock()).get_summary(
        "daily", on=date.fromisoformat(DAY))
    stream = CountingStream()
    write_breakdown_csv(summary, "symbol", stream)
    rows = list(csv.reader(io.StringIO(stream.getvalue())))
    assert len(rows) == 61                      # header + every row, never folded
    assert stream.writes == 61                  # one write per row, as it is made
    assert stream.getvalue() == render_breakdown_csv(summary, "symbol")
    out = io.StringIO()
    assert main(["--logs-dir", str(logs), "--window", "daily", "--date", DAY, "--no-cache",
                 "--format", "csv", "--breakdown", "symbol"], stdout=out,
                stderr=io.StringIO()) == 0
    assert out.getvalue() == stream.getvalue()


def test_top_sets_the_best_and_worst_trades_of_every_human_format(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    write_log(logs, DAY, *(trade(f"T{index}", net=str(index - 5),
                                 outcome="win" if index > 5 else "loss") for index in range(12)))
    for fmt, marker in (("text", "\nTop 5 "), ("markdown", "| Bottom 5 |"),
                        ("html", "Bottom 5")):
        out = io.StringIO()
        assert main(["--logs-dir", str(logs), "--window", "daily", "--date", DAY, "--no-cache",
                     "--top", "5", "--format", fmt], stdout=out, stderr=io.StringIO()) == 0
        assert marker in out.getvalue(), fmt
