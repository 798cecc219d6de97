"""The command line, end to end: the real module in a subprocess on real log files.

Every run passes ``--date`` so nothing depends on today, and the timezone environment variable is
removed unless a test is about it.  A few cases also call ``cli.main`` in-process (for coverage).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from trading_bot.performance.cli import summary as cli
from trading_bot.performance.schemas.validation import schema_errors

from ..conftest import trade, write_log

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "logs" / "sample"
TZ_ENV = "PERFORMANCE_SUMMARY_TIMEZONE"
DAY = "2026-03-02"
EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 64


# --------------------------------------------------------------------------------------------
# helpers


def clean_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop(TZ_ENV, None)
    env.update(extra)
    return env


def run(*args: object, env: dict[str, str] | None = None, cwd: Path | None = None,
        command: list[str] | None = None, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    base = command or [sys.executable, "-m", "trading_bot.performance"]
    return subprocess.run([*base, *map(str, args)], capture_output=True, text=True,
                          env=clean_env() if env is None else env, cwd=cwd, timeout=120, **kwargs)


def run_json(*args: object, **kwargs: Any) -> dict[str, Any]:
    result = run(*args, "--format", "json", **kwargs)
    assert result.returncode == EXIT_OK, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    assert schema_errors("performance-summary", document) == []
    return document


def metric_line(label: str, value: str) -> re.Pattern[str]:
    """A row of the text report's metric table: label, spaces, right-aligned value."""
    return re.compile(rf"^{re.escape(label)}\s+{re.escape(value)}$", re.MULTILINE)


def flat(text: str) -> str:
    """The text with every run of whitespace made one space (reports wrap long sentences)."""
    return " ".join(text.split())


def header(window: str, label: str) -> re.Pattern[str]:
    """The report's title line names the window kind and its label."""
    return re.compile(rf"^#? ?Performance[^\n]*: {window} {re.escape(label)}$", re.MULTILINE)


def stable(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "generated_at"}


@pytest.fixture
def day_logs(tmp_path: Path) -> Path:
    """One day: a win, a loss, a breakeven and an open trade."""
    logs = tmp_path / "logs"
    write_log(
        logs, DAY,
        trade("T1", exit="2026-03-02T15:00:00Z", outcome="win", net="10.50"),
        trade("T2", exit="2026-03-02T16:00:00Z", outcome="loss", net="-4.25", symbol="MSFT"),
        trade("T3", exit="2026-03-02T17:00:00Z", outcome="breakeven", net="0"),
        trade("O1", entry="2026-03-02T18:00:00Z", outcome="open", symbol="BTC-USD",
              quantity="0.125", price="64000"),
    )
    return logs


@pytest.fixture
def multi_logs(tmp_path: Path) -> Path:
    """Trades across weeks and a month boundary, for the calendar and rolling windows."""
    logs = tmp_path / "logs"
    rows = [("2026-03-02", "A1", "win", "10"), ("2026-03-04", "A2", "loss", "-4"),
            ("2026-03-09", "A3", "win", "5"), ("2026-03-31", "A4", "win", "1"),
            ("2026-04-01", "A5", "loss", "-2")]
    for day, order, outcome, net in rows:
        write_log(logs, day, trade(order, entry=f"{day}T14:00:00Z", exit=f"{day}T15:00:00Z",
                                   outcome=outcome, net=net))
    return logs


# --------------------------------------------------------------------------------------------
# formats


def test_text_report_is_readable(day_logs: Path) -> None:
    result = run("--logs-dir", day_logs, "--date", DAY)
    assert result.returncode == EXIT_OK, result.stderr
    out = result.stdout
    assert header("daily", DAY).match(out), out[:200]
    assert "(UTC)" in out and "complete" in out
    for label, value in [("Closed trades", "3"), ("Open trades", "1"), ("Wins", "1"),
                         ("Losses", "1"), ("Breakevens", "1"),
                         ("Win rate (breakevens in denominator)", "33.33%"),
                         ("Decided win rate (excl. breakevens)", "50.00%"),
                         ("Net P&L", "6.25"), ("Gross profit", "10.50"), ("Gross loss", "-4.25"),
                         ("Profit factor", "2.47"), ("Expectancy per trade", "2.08"),
                         ("Max drawdown", "-4.25"), ("Trading days (with a log file)", "1")]:
        assert metric_line(label, value).search(out), f"{label} {value} not in:\n{out}"
    assert "Largest win: 10.50 (AAPL, T1)" in out
    assert "Largest loss: -4.25 (MSFT, T2)" in out
    assert "Open positions (1" in out and "BTC-USD" in out
    assert "4 lines" in flat(out) and "0 bad" in flat(out)
    assert result.stderr == ""


def test_json_report_validates_and_has_exact_metrics(day_logs: Path) -> None:
    document = run_json("--logs-dir", day_logs, "--date", DAY)
    assert document["window"] == "daily"
    assert document["status"] == "ok" and document["empty_reason"] is None
    assert document["period"] == {"label": DAY, "start": DAY, "end": DAY, "complete": True,
                                  "trades_requested": None}
    assert document["timezone"] == "UTC"
    assert document["as_of"] == "2026-03-03T00:00:00Z"
    metrics = document["metrics"]
    assert {name: metrics[name] for name in (
        "closed_trades", "wins", "losses", "breakevens", "open_trades", "trading_days",
        "longest_win_streak", "longest_loss_streak", "winning_days", "losing_days")} == {
        "closed_trades": 3, "wins": 1, "losses": 1, "breakevens": 1, "open_trades": 1,
        "trading_days": 1, "longest_win_streak": 1, "longest_loss_streak": 1,
        "winning_days": 1, "losing_days": 0}
    assert metrics["net_profit_loss"] == "6.25"
    assert metrics["gross_profit"] == "10.50"
    assert metrics["gross_loss"] == "-4.25"
    assert metrics["win_rate"] == "0.3333333333333333333333333333333333"
    assert metrics["decided_win_rate"] == "0.5"
    assert metrics["profit_factor"] == "2.470588235294117647058823529411765"
    assert metrics["payoff_ratio"] == "2.470588235294117647058823529411765"
    assert metrics["expectancy"] == "2.083333333333333333333333333333333"
    assert metrics["max_drawdown"] == "-4.25"
    assert metrics["current_drawdown"] == "-4.25"
    assert metrics["trades_per_day"] == "3"
    assert metrics["average_planned_rr"] is None
    assert "average_planned_rr" in document["null_reasons"]
    assert document["largest_win"]["order_id"] == "T1"
    assert document["largest_loss"] == {"order_id": "T2", "symbol": "MSFT",
                                        "net_profit_loss": "-4.25",
                                        "realized_at": "2026-03-02T16:00:00Z"}
    assert document["streaks"]["current"] == {"kind": "breakeven", "length": 1}
    assert document["drawdown"]["peak_at"] == "2026-03-02T15:00:00Z"
    assert document["drawdown"]["trough_at"] == "2026-03-02T16:00:00Z"
    [position] = document["open_positions"]
    assert position["order_id"] == "O1" and position["quantity"] == "0.125"
    assert position["age_seconds"] == 6 * 3600
    assert position["source"] == "2026-03-02.jsonl:4"
    assert document["data_quality"]["files_read"] == ["2026-03-02.jsonl"]
    assert document["data_quality"]["bad_lines"] == 0


def test_markdown_report_has_a_metric_table(day_logs: Path) -> None:
    result = run("--logs-dir", day_logs, "--date", DAY, "--format", "markdown")
    assert result.returncode == EXIT_OK, result.stderr
    out = result.stdout
    assert header("daily", DAY).match(out), out[:200]
    assert "| Metric | Value |" in out
    assert "| --- | ---: |" in out
    assert "| Closed trades | 3 |" in out
    assert "| Win rate (breakevens in denominator) | 33.33% |" in out
    assert "| Net P&L | 6.25 |" in out
    assert re.search(r"^## Open positions", out, re.MULTILINE)
    assert "| O1 | BTC\\-USD |" in out or "| O1 | BTC-USD |" in out


# --------------------------------------------------------------------------------------------
# usage errors and fatal errors


USAGE_CASES = [
    pytest.param(["--window", "hourly", "--date", DAY], "invalid choice", id="unknown-window"),
    pytest.param(["--date", "2026-02-30"], "not a date", id="bad-date"),
    pytest.param(["--date", "yesterday"], "not a date", id="bad-date-text"),
    pytest.param(["--window", "range", "--start", "2026-03-01"], "--start and --end go together",
                 id="start-without-end"),
    pytest.param(["--window", "range", "--end", "2026-03-01"], "--start and --end go together",
                 id="end-without-start"),
    pytest.param(["--window", "range", "--date", DAY], "needs --start and --end",
                 id="range-without-dates"),
    pytest.param(["--window", "range", "--start", "2026-03-05", "--end", "2026-03-01"],
                 "is before --start", id="range-reversed"),
    pytest.param(["--window", "rolling", "--trades", "0", "--date", DAY], "at least 1",
                 id="trades-zero"),
    pytest.param(["--window", "rolling", "--trades", "many", "--date", DAY], "not a whole number",
                 id="trades-not-a-number"),
    pytest.param(["--window", "daily", "--trades", "5", "--date", DAY],
                 "--trades applies to the rolling window only", id="trades-with-daily"),
    pytest.param(["--tz", "Mars/Olympus", "--date", DAY], "unknown timezone", id="unknown-tz"),
    pytest.param(["--group-by", "symbol", "--date", DAY], "already a built-in breakdown",
                 id="group-by-builtin"),
    pytest.param(["--format", "xml", "--date", DAY], "invalid choice", id="unknown-format"),
]


@pytest.mark.parametrize(("args", "message"), USAGE_CASES)
def test_usage_errors_exit_64_with_a_message(day_logs: Path, args: list[str], message: str) -> None:
    result = run("--logs-dir", day_logs, *args)
    assert result.returncode == EXIT_USAGE, (result.stdout, result.stderr)
    assert message in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_unknown_timezone_in_environment_is_a_usage_error(day_logs: Path) -> None:
    result = run("--logs-dir", day_logs, "--date", DAY, env=clean_env(**{TZ_ENV: "Nowhere/City"}))
    assert result.returncode == EXIT_USAGE
    assert "unknown timezone 'Nowhere/City'" in result.stderr


def test_missing_logs_dir_exits_1(tmp_path: Path) -> None:
    result = run("--logs-dir", tmp_path / "nope", "--date", DAY)
    assert result.returncode == EXIT_ERROR
    assert "logs directory not found" in result.stderr
    assert str(tmp_path / "nope") in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_default_logs_dir_is_logs_in_the_working_directory(day_logs: Path) -> None:
    result = run("--date", DAY, "--format", "json", cwd=day_logs.parent)
    assert result.returncode == EXIT_OK, result.stderr
    assert json.loads(result.stdout)["metrics"]["closed_trades"] == 3


def test_help_exits_0() -> None:
    result = run("--help")
    assert result.returncode == EXIT_OK
    assert "--window" in result.stdout and "Exit codes" in result.stdout


# --------------------------------------------------------------------------------------------
# bad lines


@pytest.fixture
def bad_logs(tmp_path: Path) -> Path:
    logs = tmp_path / "logs"
    write_log(logs, DAY,
              trade("G1", net="10"),
              '{"symbol": "AAPL"}',
              "this is not json",
              trade("G2", outcome="loss", net="-3", exit="2026-03-02T16:00:00Z"))
    return logs


def test_bad_lines_are_reported_on_stderr_and_good_lines_still_count(bad_logs: Path) -> None:
    result = run("--logs-dir", bad_logs, "--date", DAY, "--format", "json")
    assert result.returncode == EXIT_OK, result.stderr
    lines = result.stderr.splitlines()
    assert "bad line: 2026-03-02.jsonl:2: missing required field timestamp" in lines
    assert any(re.fullmatch(r"bad line: 2026-03-02\.jsonl:3: invalid JSON: .+", line)
               for line in lines), lines
    assert "warning: 2 bad lines skipped and counted; see data_quality in the report" in lines
    document = json.loads(result.stdout)
    assert schema_errors("performance-summary", document) == []
    assert document["metrics"]["closed_trades"] == 2
    assert document["metrics"]["net_profit_loss"] == "7"
    quality = document["data_quality"]
    assert quality["bad_lines"] == 2
    assert quality["lines_read"] == 4 and quality["valid_lines"] == 2
    assert quality["bad_lines_per_file"] == {"2026-03-02.jsonl": 2}
    assert quality["bad_line_examples"][0] == "2026-03-02.jsonl:2: missing required field timestamp"


def test_strict_turns_bad_lines_into_exit_1(bad_logs: Path) -> None:
    result = run("--logs-dir", bad_logs, "--date", DAY, "--strict")
    assert result.returncode == EXIT_ERROR
    assert "bad line: 2026-03-02.jsonl:2: missing required field timestamp" in result.stderr
    assert "error: 2 bad lines (--strict)" in result.stderr
    assert result.stdout == ""


def test_strict_with_clean_logs_exits_0(day_logs: Path) -> None:
    result = run("--logs-dir", day_logs, "--date", DAY, "--strict")
    assert result.returncode == EXIT_OK
    assert result.stderr == ""


def test_many_bad_lines_are_summarised(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    write_log(logs, DAY, trade("G1"), *[f'{{"n": {i}}}' for i in range(25)])
    result = run("--logs-dir", logs, "--date", DAY)
    assert result.returncode == EXIT_OK
    shown = [line for line in result.stderr.splitlines() if line.startswith("bad line: ")]
    assert len(shown) == 10
    assert shown[0] == "bad line: 2026-03-02.jsonl:2: missing required field timestamp"
    assert "warning: 25 bad lines skipped and counted (15 more not shown)" in result.stderr


def test_torn_last_line_is_neither_an_error_nor_counted(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    write_log(logs, DAY, trade("G1"), torn='{"timestamp": "2026-03-02T16:00:00Z", "sym')
    document = run_json("--logs-dir", logs, "--date", DAY, "--strict")
    assert document["metrics"]["closed_trades"] == 1
    assert document["data_quality"]["lines_read"] == 1
    assert document["data_quality"]["bad_lines"] == 0


def test_timestamp_out_of_datetime_range_is_a_bad_line_not_a_crash(tmp_path: Path) -> None:
    """'0001-01-01T00:00:00+01:00' is before datetime.min in UTC: a bad line, never a traceback."""
    logs = tmp_path / "logs"
    write_log(logs, DAY, trade("G1", net="10"),
              trade("X1", entry="0001-01-01T00:00:00+01:00", outcome="open"),
              trade("G2", outcome="loss", net="-3", exit="2026-03-02T16:00:00Z"))
    result = run("--logs-dir", logs, "--date", DAY, "--format", "json")
    assert "Traceback" not in result.stderr, result.stderr[-600:]
    assert result.returncode == EXIT_OK
    assert re.search(r"^bad line: 2026-03-02\.jsonl:2: ", result.stderr, re.MULTILINE)
    assert json.loads(result.stdout)["metrics"]["closed_trades"] == 2


@pytest.mark.parametrize(("instant", "zone"), [("9999-12-31T23:30:00Z", "Asia/Tokyo"),
                                               ("0001-01-01T00:30:00Z", "America/New_York")])
def test_valid_line_at_the_datetime_limit_does_not_crash_a_timezone(tmp_path: Path, instant: str,
                                                                    zone: str) -> None:
    """A line whose local day falls outside the calendar must not stop the run (it may be
    reported as a bad line or as misplaced, but the good lines still count)."""
    logs = tmp_path / "logs"
    # 09:00-11:00 UTC is 2026-03-02 in New York and in Tokyo alike
    write_log(logs, DAY,
              trade("G1", entry="2026-03-02T09:00:00Z", exit="2026-03-02T10:00:00Z", net="10"),
              trade("X1", entry=instant, exit=instant, net="1"),
              trade("G2", entry="2026-03-02T09:00:00Z", exit="2026-03-02T11:00:00Z",
                    outcome="loss", net="-3"))
    result = run("--logs-dir", logs, "--date", DAY, "--tz", zone, "--format", "json")
    assert "Traceback" not in result.stderr, result.stderr[-600:]
    assert result.returncode == EXIT_OK
    assert json.loads(result.stdout)["metrics"]["closed_trades"] == 2


# --------------------------------------------------------------------------------------------
# empty windows are never blank


def _empty_case_open_only(logs: Path) -> None:
    write_log(logs, DAY, trade("O1", outcome="open"))


def _empty_case_all_invalid(logs: Path) -> None:
    write_log(logs, DAY, '{"a": 1}', "[1, 2]")


def _empty_case_no_lines(logs: Path) -> None:
    write_log(logs, DAY)


def _empty_case_no_files_for_date(logs: Path) -> None:
    write_log(logs, "2026-01-15", trade("T1", entry="2026-01-15T14:00:00Z",
                                        exit="2026-01-15T15:00:00Z"))


def _empty_case_empty_directory(logs: Path) -> None:
    logs.mkdir(parents=True)


def _empty_case_closed_elsewhere(logs: Path) -> None:
    write_log(logs, "2026-03-01", trade("T1", entry="2026-03-01T14:00:00Z",
                                        exit="2026-03-01T15:00:00Z"))


EMPTY_CASES = [
    pytest.param(_empty_case_open_only, "only_open_trades",
                 "No trades in window: only open trades for 2026-03-02 (UTC).", id="only-open"),
    pytest.param(_empty_case_all_invalid, "all_lines_invalid",
                 "All 2 lines read for 2026-03-02 (UTC) are invalid.", id="all-invalid"),
    pytest.param(_empty_case_no_lines, "no_lines",
                 "The log files for 2026-03-02 (UTC) contain no trade lines.", id="no-lines"),
    pytest.param(_empty_case_no_files_for_date, "no_log_files",
                 "No log files for 2026-03-02 (UTC).", id="no-files-for-date"),
    pytest.param(_empty_case_empty_directory, "no_log_files",
                 "No log files for 2026-03-02 (UTC).", id="empty-directory"),
    pytest.param(_empty_case_closed_elsewhere, "no_closed_trades",
                 "No trades in window 2026-03-02 (UTC).", id="closed-on-another-day"),
]


@pytest.mark.parametrize(("setup", "code", "message"), EMPTY_CASES)
def test_empty_windows_say_why(tmp_path: Path, setup: Any, code: str, message: str) -> None:
    logs = tmp_path / "logs"
    setup(logs)
    text = run("--logs-dir", logs, "--date", DAY)
    assert text.returncode == EXIT_OK, text.stderr
    assert message in flat(text.stdout)
    assert re.search(r"^Try: ", text.stdout, re.MULTILINE)
    assert not metric_line("Closed trades", "0").search(text.stdout)
    document = run_json("--logs-dir", logs, "--date", DAY)
    assert document["status"] == "empty"
    assert document["empty_reason"]["code"] == code
    assert document["empty_reason"]["message"] == message
    assert document["empty_reason"]["hint"]
    assert document["metrics"]["closed_trades"] == 0
    assert document["metrics"]["win_rate"] is None
    assert document["null_reasons"]["win_rate"] == "no closed trades"
    markdown = run("--logs-dir", logs, "--date", DAY, "--format", "markdown")
    assert markdown.returncode == EXIT_OK
    assert "Try:" in markdown.stdout
    assert message in flat(markdown.stdout).replace("\\", "")  # Markdown escapes ( ) - etc.


def test_empty_window_hints_name_the_newest_log(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    _empty_case_no_files_for_date(logs)
    result = run("--logs-dir", logs, "--date", DAY)
    assert "the newest log file is 2026-01-15.jsonl" in flat(result.stdout)
    assert re.search(r"missing day files:? 2026-03-02", flat(result.stdout).lower())


def test_open_only_window_lists_the_open_position(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    _empty_case_open_only(logs)
    result = run("--logs-dir", logs, "--date", DAY)
    assert "Open positions (1" in result.stdout
    assert re.search(r"^AAPL\s+long\b", result.stdout, re.MULTILINE)


# --------------------------------------------------------------------------------------------
# timezones


@pytest.fixture
def late_logs(tmp_path: Path) -> Path:
    """A trade closed 02:00 UTC on 03-03, which is the evening of 03-02 in New York."""
    logs = tmp_path / "logs"
    write_log(logs, "2026-03-03", trade("N1", entry="2026-03-03T01:00:00Z",
                                        exit="2026-03-03T02:00:00Z", net="7"))
    return logs


@pytest.mark.parametrize(("tz_arg", "env_zone", "date", "closed", "zone"), [
    pytest.param(None, None, "2026-03-02", 0, "UTC", id="utc-default-previous-day"),
    pytest.param(None, None, "2026-03-03", 1, "UTC", id="utc-default-own-day"),
    pytest.param("America/New_York", None, "2026-03-02", 1, "America/New_York", id="tz-flag"),
    pytest.param("America/New_York", None, "2026-03-03", 0, "America/New_York", id="tz-flag-next"),
    pytest.param(None, "America/New_York", "2026-03-02", 1, "America/New_York", id="env"),
    pytest.param("UTC", "America/New_York", "2026-03-02", 0, "UTC", id="flag-beats-env"),
    pytest.param("America/New_York", "UTC", "2026-03-02", 1, "America/New_York",
                 id="flag-beats-env-2"),
])
def test_timezone_decides_the_day(late_logs: Path, tz_arg: str | None, env_zone: str | None,
                                  date: str, closed: int, zone: str) -> None:
    env = clean_env(**({TZ_ENV: env_zone} if env_zone else {}))
    args: list[object] = ["--logs-dir", late_logs, "--date", date]
    if tz_arg:
        args += ["--tz", tz_arg]
    document = run_json(*args, env=env)
    assert document["timezone"] == zone
    assert document["metrics"]["closed_trades"] == closed
    text = run(*args, env=env)
    assert header("daily", date).match(text.stdout)
    assert f"({zone})" in text.stdout


def test_timezone_shift_is_explained(late_logs: Path) -> None:
    result = run("--logs-dir", late_logs, "--date", "2026-03-03", "--tz", "America/New_York")
    assert result.returncode == EXIT_OK
    assert "fall on neighbouring days in America/New_York" in flat(result.stdout)
    assert "--tz UTC" in result.stdout


def test_dst_day_boundaries_follow_the_zone(tmp_path: Path) -> None:
    """US DST starts 2026-03-08: 03:30Z is 22:30 EST on 03-07 but 04:30Z on 03-09 is 00:30 EDT."""
    logs = tmp_path / "logs"
    write_log(logs, "2026-03-08", trade("D1", entry="2026-03-08T03:00:00Z",
                                        exit="2026-03-08T03:30:00Z", net="1"))
    write_log(logs, "2026-03-09", trade("D2", entry="2026-03-09T03:00:00Z",
                                        exit="2026-03-09T03:30:00Z", net="2"),
              trade("D3", entry="2026-03-09T04:00:00Z", exit="2026-03-09T04:30:00Z", net="4"))
    days = {row["date"]: row["net_profit_loss"] for row in run_json(
        "--logs-dir", logs, "--window", "weekly", "--date", "2026-03-08", "--tz",
        "America/New_York")["daily"]}
    assert days == {"2026-03-07": "1", "2026-03-08": "2"}


# --------------------------------------------------------------------------------------------
# --group-by


def test_group_by_adds_a_breakdown(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    write_log(logs, DAY,
              trade("C1", net="10", confidence="high"),
              trade("C2", net="-4", outcome="loss", confidence="low"),
              trade("C3", net="2", confidence="high"),
              trade("C4", net="1"))
    document = run_json("--logs-dir", logs, "--date", DAY, "--group-by", "confidence")
    assert document["group_by"] == ["confidence"]
    breakdown = document["breakdowns"]["confidence"]
    assert breakdown["overlapping"] is False
    rows = {row["key"]: (row["closed_trades"], row["net_profit_loss"]) for row in breakdown["rows"]}
    assert rows == {"high": (2, "12"), "low": (1, "-4"), "(missing)": (1, "1")}
    assert [row["key"] for row in breakdown["rows"]] == ["high", "(missing)", "low"]
    text = run("--logs-dir", logs, "--date", DAY, "--group-by", "confidence").stdout
    assert "confidence" in text
    assert re.search(r"^high\s+2\b", text, re.MULTILINE)
    assert re.search(r"^\(missing\)\s+1\b", text, re.MULTILINE)
    plain = run("--logs-dir", logs, "--date", DAY).stdout
    assert "confidence" not in plain and not re.search(r"^high\s", plain, re.MULTILINE)
    markdown = run("--logs-dir", logs, "--date", DAY, "--group-by", "confidence",
                   "--format", "markdown").stdout
    assert re.search(r"^#+ .*confidence", markdown, re.MULTILINE)
    assert re.search(r"^\| high \| 2\b", markdown, re.MULTILINE)


def test_without_group_by_there_is_no_extra_breakdown(day_logs: Path) -> None:
    document = run_json("--logs-dir", day_logs, "--date", DAY)
    assert document["group_by"] == []
    assert set(document["breakdowns"]) == {"strategy_name", "symbol", "entry_type", "side",
                                           "execution_mode", "exit_reasoning", "indicator",
                                           "mode_side", "entry_exit", "weekday", "hour",
                                           "hold_time", "month"}


# --------------------------------------------------------------------------------------------
# windows


def test_weekly_window(multi_logs: Path) -> None:
    document = run_json("--logs-dir", multi_logs, "--window", "weekly", "--date", "2026-03-04")
    assert document["period"] == {"label": "2026-W10", "start": "2026-03-02", "end": "2026-03-08",
                                  "complete": True, "trades_requested": None}
    assert document["metrics"]["closed_trades"] == 2
    assert document["metrics"]["net_profit_loss"] == "6"
    assert document["metrics"]["trading_days"] == 2
    assert document["metrics"]["trades_per_day"] == "1"
    assert [row["date"] for row in document["daily"]] == ["2026-03-02", "2026-03-04"]
    assert document["best_day"]["date"] == "2026-03-02"
    assert document["worst_day"] == {"date": "2026-03-04", "net_profit_loss": "-4",
                                     "closed_trades": 1}
    assert "2026-03-03" in document["data_quality"]["files_missing"]
    text = run("--logs-dir", multi_logs, "--window", "weekly", "--date", "2026-03-04")
    assert header("weekly", "2026-W10").match(text.stdout)
    assert "Daily P&L" in text.stdout
    assert re.search(r"^2026-03-04\s+1\s+0\.00%\s+-4\.00\b", text.stdout, re.MULTILINE)


def test_monthly_window(multi_logs: Path) -> None:
    document = run_json("--logs-dir", multi_logs, "--window", "monthly", "--date", "2026-03-15")
    assert document["period"]["label"] == "2026-03"
    assert (document["period"]["start"], document["period"]["end"]) == ("2026-03-01", "2026-03-31")
    assert document["metrics"]["closed_trades"] == 4
    assert document["metrics"]["net_profit_loss"] == "12"
    assert document["metrics"]["win_rate"] == "0.75"
    assert document["metrics"]["longest_win_streak"] == 2


def test_range_window(multi_logs: Path) -> None:
    document = run_json("--logs-dir", multi_logs, "--window", "range", "--start", "2026-03-04",
                        "--end", "2026-03-09")
    assert document["period"]["label"] == "2026-03-04..2026-03-09"
    assert document["metrics"]["closed_trades"] == 2
    assert document["metrics"]["net_profit_loss"] == "1"
    assert document["drawdown"]["max"] == "-4"
    assert document["drawdown"]["peak_at"] is None


def test_rolling_window(multi_logs: Path) -> None:
    document = run_json("--logs-dir", multi_logs, "--window", "rolling", "--trades", "3",
                        "--date", "2026-04-01")
    assert document["period"] == {"label": "last 3 closed trades to 2026-04-01",
                                  "start": "2026-03-09", "end": "2026-04-01", "complete": True,
                                  "trades_requested": 3}
    assert document["metrics"]["closed_trades"] == 3
    assert document["metrics"]["net_profit_loss"] == "4"
    assert document["streaks"]["current"] == {"kind": "loss", "length": 1}


def test_rolling_window_with_too_few_trades_is_incomplete(multi_logs: Path) -> None:
    document = run_json("--logs-dir", multi_logs, "--window", "rolling", "--trades", "10",
                        "--date", "2026-04-01")
    assert document["metrics"]["closed_trades"] == 5
    assert document["period"]["complete"] is False
    assert document["period"]["trades_requested"] == 10


def test_rolling_window_defaults_to_20_trades(multi_logs: Path) -> None:
    document = run_json("--logs-dir", multi_logs, "--window", "rolling", "--date", "2026-03-31")
    assert document["period"]["trades_requested"] == 20
    assert document["metrics"]["closed_trades"] == 4


def test_sample_weekly_from_the_readme() -> None:
    result = run("--window", "weekly", "--date", "2026-11-04", "--logs-dir", SAMPLE)
    assert result.returncode == EXIT_OK
    assert header("weekly", "2026-W45").match(result.stdout)
    assert "(UTC)" in result.stdout
    assert metric_line("Trading days (with a log file)", "7").search(result.stdout)
    assert re.search(r"^bad line: 2026-11-05\.jsonl:\d+: quantity must be positive",
                     result.stderr, re.MULTILINE)


# --------------------------------------------------------------------------------------------
# --export


def _snapshot(paths: list[Path]) -> list[tuple[bytes, int]]:
    return [(path.read_bytes(), path.stat().st_mtime_ns) for path in paths]


def test_export_writes_json_and_markdown_into_logs_performance(day_logs: Path) -> None:
    result = run("--logs-dir", day_logs, "--date", DAY, "--export", "--format", "json")
    assert result.returncode == EXIT_OK, result.stderr
    out_dir = day_logs / "performance"
    json_path = out_dir / "daily-summary-2026-03-02.json"
    md_path = out_dir / "daily-summary-2026-03-02.md"
    html_path = out_dir / "daily-summary-2026-03-02.html"
    assert sorted(path.name for path in out_dir.iterdir()) == ["cache", html_path.name,
                                                                json_path.name, md_path.name]
    assert (out_dir / "cache" / "cache.sqlite3").is_file()   # the summary cache, out of the way
    assert f"wrote: {json_path}" in result.stderr.splitlines()
    assert f"wrote: {md_path}" in result.stderr.splitlines()
    assert f"wrote: {html_path}" in result.stderr.splitlines()
    assert json_path.read_text(encoding="utf-8") == result.stdout
    exported = json.loads(json_path.read_text(encoding="utf-8"))
    assert schema_errors("performance-summary", exported) == []
    assert exported["metrics"]["net_profit_loss"] == "6.25"
    markdown = run("--logs-dir", day_logs, "--date", DAY, "--format", "markdown")
    assert md_path.read_text(encoding="utf-8") == markdown.stdout


def test_second_identical_export_leaves_files_untouched(day_logs: Path) -> None:
    first = run("--logs-dir", day_logs, "--date", DAY, "--export")
    assert first.returncode == EXIT_OK
    out_dir = day_logs / "performance"
    paths = [out_dir / f"daily-summary-2026-03-02.{extension}"
             for extension in ("json", "md", "html")]
    old = 1_000_000_000
    for path in paths:  # an old mtime makes any rewrite visible regardless of clock granularity
        os.utime(path, (old, old))
    before = _snapshot(paths)
    first_generated = json.loads(paths[0].read_text(encoding="utf-8"))["generated_at"]

    second = run("--logs-dir", day_logs, "--date", DAY, "--export", "--format", "json")
    assert second.returncode == EXIT_OK
    assert second.stderr.splitlines() == [f"unchanged: {path}" for path in paths]
    assert _snapshot(paths) == before
    assert all(path.stat().st_mtime_ns == old * 10**9 for path in paths)
    # the new document differs only in generated_at, which is not a change
    fresh = json.loads(second.stdout)
    assert fresh["generated_at"] != first_generated
    assert stable(fresh) == stable(json.loads(paths[0].read_text(encoding="utf-8")))
    assert sorted(path.name for path in out_dir.iterdir() if path.is_file()) == sorted(
        path.name for path in paths)


def test_export_rewrites_when_the_log_changes(day_logs: Path) -> None:
    assert run("--logs-dir", day_logs, "--date", DAY, "--export").returncode == EXIT_OK
    out_dir = day_logs / "performance"
    paths = [out_dir / f"daily-summary-2026-03-02.{extension}"
             for extension in ("json", "md", "html")]
    for path in paths:
        os.utime(path, (1_000_000_000, 1_000_000_000))
    before = _snapshot(paths)
    write_log(day_logs, DAY, trade("T9", exit="2026-03-02T19:00:00Z", net="1"))
    result = run("--logs-dir", day_logs, "--date", DAY, "--export")
    assert result.returncode == EXIT_OK
    assert result.stderr.splitlines() == [f"wrote: {path}" for path in paths]
    after = _snapshot(paths)
    assert all(new[0] != old[0] and new[1] != old[1]
               for new, old in zip(after, before, strict=True))
    exported = json.loads(paths[0].read_text(encoding="utf-8"))
    assert exported["metrics"]["closed_trades"] == 4
    assert exported["metrics"]["net_profit_loss"] == "7.25"
    assert "| Closed trades | 4 |" in paths[1].read_text(encoding="utf-8")
    assert sorted(path.name for path in out_dir.iterdir() if path.is_file()) == sorted(
        path.name for path in paths)


def test_export_rewrites_only_the_file_that_differs(day_logs: Path) -> None:
    assert run("--logs-dir", day_logs, "--date", DAY, "--export").returncode == EXIT_OK
    out_dir = day_logs / "performance"
    json_path = out_dir / "daily-summary-2026-03-02.json"
    md_path = out_dir / "daily-summary-2026-03-02.md"
    original = md_path.read_bytes()
    md_path.write_text("tampered\n", encoding="utf-8")
    result = run("--logs-dir", day_logs, "--date", DAY, "--export")
    assert result.stderr.splitlines() == [f"unchanged: {json_path}", f"wrote: {md_path}",
                                          f"unchanged: {md_path.with_suffix('.html')}"]
    assert md_path.read_bytes() == original


def test_export_to_output_dir(day_logs: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "reports" / "nested"
    result = run("--logs-dir", day_logs, "--date", DAY, "--export", "--output-dir", out_dir)
    assert result.returncode == EXIT_OK
    assert sorted(path.name for path in out_dir.iterdir()) == [
        "daily-summary-2026-03-02.html", "daily-summary-2026-03-02.json",
        "daily-summary-2026-03-02.md"]
    assert sorted(path.name for path in (day_logs / "performance").iterdir()) == ["cache"]
    assert f"wrote: {out_dir / 'daily-summary-2026-03-02.json'}" in result.stderr


@pytest.mark.parametrize(("args", "stem"), [
    (["--window", "rolling", "--trades", "3", "--date", "2026-04-01"],
     "rolling-3-trades-summary-to-2026-04-01"),
    (["--window", "weekly", "--date", "2026-03-04"], "weekly-summary-2026-03-02"),
    (["--window", "monthly", "--date", "2026-03-15"], "monthly-summary-2026-03-01"),
    (["--window", "range", "--start", "2026-03-04", "--end", "2026-03-09"],
     "range-summary-2026-03-04-to-2026-03-09"),
])
def test_export_file_names(multi_logs: Path, tmp_path: Path, args: list[str], stem: str) -> None:
    out_dir = tmp_path / "out"
    result = run("--logs-dir", multi_logs, *args, "--export", "--output-dir", out_dir)
    assert result.returncode == EXIT_OK, result.stderr
    assert sorted(path.name for path in out_dir.iterdir()) == [f"{stem}.html", f"{stem}.json",
                                                               f"{stem}.md"]
    exported = json.loads((out_dir / f"{stem}.json").read_text(encoding="utf-8"))
    assert schema_errors("performance-summary", exported) == []


def test_exported_files_respect_the_umask(day_logs: Path) -> None:
    """Dashboards (often another user) must be able to read the reports: mode 0666 & ~umask."""
    result = run("--logs-dir", day_logs, "--date", DAY, "--export",
                 preexec_fn=lambda: os.umask(0o022))
    assert result.returncode == EXIT_OK
    for path in (day_logs / "performance").glob("*-summary-*"):
        assert oct(path.stat().st_mode & 0o777) == oct(0o644), path.name


# --------------------------------------------------------------------------------------------
# the console script


def _console_script() -> str | None:
    beside = Path(sys.executable).parent / "trading-performance"
    if beside.is_file():
        return str(beside)
    return shutil.which("trading-performance")


def test_console_script_behaves_like_python_m(day_logs: Path) -> None:
    script = _console_script()
    if script is None:
        pytest.skip("trading-performance console script is not installed")
    args = ("--logs-dir", day_logs, "--date", DAY)
    via_script = run(*args, "--format", "json", command=[script])
    via_module = run(*args, "--format", "json")
    assert via_script.returncode == via_module.returncode == EXIT_OK
    assert stable(json.loads(via_script.stdout)) == stable(json.loads(via_module.stdout))
    text_script = run(*args, command=[script])
    assert text_script.stdout == run(*args).stdout
    usage = run("--window", "hourly", command=[script])
    assert usage.returncode == EXIT_USAGE and "invalid choice" in usage.stderr
    missing = run("--logs-dir", day_logs / "nope", "--date", DAY, command=[script])
    assert missing.returncode == EXIT_ERROR and "logs directory not found" in missing.stderr


# --------------------------------------------------------------------------------------------
# in-process main (counts for coverage)


def call_main(*args: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main([str(arg) for arg in args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def no_tz_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TZ_ENV, raising=False)


@pytest.mark.usefixtures("no_tz_env")
def test_main_in_process_formats(day_logs: Path) -> None:
    code, out, err = call_main("--logs-dir", day_logs, "--date", DAY, "--format", "json")
    assert (code, err) == (EXIT_OK, "")
    document = json.loads(out)
    assert schema_errors("performance-summary", document) == []
    assert document["metrics"]["net_profit_loss"] == "6.25"
    code, out, _ = call_main("--logs-dir", day_logs, "--date", DAY)
    assert code == EXIT_OK and metric_line("Net P&L", "6.25").search(out)
    code, out, _ = call_main("--logs-dir", day_logs, "--date", DAY, "--format", "markdown")
    assert code == EXIT_OK and "| Metric | Value |" in out


@pytest.mark.usefixtures("no_tz_env")
def test_main_in_process_bad_lines_and_strict(bad_logs: Path) -> None:
    code, _, err = call_main("--logs-dir", bad_logs, "--date", DAY)
    assert code == EXIT_OK
    assert "bad line: 2026-03-02.jsonl:2: missing required field timestamp" in err
    code, out, err = call_main("--logs-dir", bad_logs, "--date", DAY, "--strict")
    assert code == EXIT_ERROR and out == ""
    assert "error: 2 bad lines (--strict)" in err


@pytest.mark.usefixtures("no_tz_env")
def test_main_in_process_errors(tmp_path: Path, day_logs: Path) -> None:
    code, _, err = call_main("--logs-dir", tmp_path / "missing", "--date", DAY)
    assert code == EXIT_ERROR and "logs directory not found" in err
    code, _, err = call_main("--logs-dir", day_logs, "--date", DAY, "--tz", "Nowhere/City")
    assert code == EXIT_USAGE and "unknown timezone" in err
    code, _, err = call_main("--logs-dir", day_logs, "--date", DAY, "--trades", "3")
    assert code == EXIT_USAGE and "--trades applies to the rolling window only" in err
    with pytest.raises(SystemExit) as excinfo:
        call_main("--logs-dir", day_logs, "--window", "hourly")
    assert excinfo.value.code == EXIT_USAGE


def test_main_in_process_timezone_env(late_logs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TZ_ENV, "America/New_York")
    code, out, _ = call_main("--logs-dir", late_logs, "--date", "2026-03-02", "--format", "json")
    assert code == EXIT_OK
    assert json.loads(out)["metrics"]["closed_trades"] == 1
    code, out, _ = call_main("--logs-dir", late_logs, "--date", "2026-03-02", "--tz", "UTC",
                             "--format", "json")
    assert json.loads(out)["metrics"]["closed_trades"] == 0


@pytest.mark.usefixtures("no_tz_env")
def test_main_in_process_export(day_logs: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "exports"
    code, _, err = call_main("--logs-dir", day_logs, "--date", DAY, "--export", "--output-dir",
                             out_dir, "--group-by", "confidence")
    assert code == EXIT_OK
    json_path = out_dir / "daily-summary-2026-03-02.json"
    assert f"wrote: {json_path}" in err
    code, _, err = call_main("--logs-dir", day_logs, "--date", DAY, "--export", "--output-dir",
                             out_dir, "--group-by", "confidence")
    assert code == EXIT_OK
    assert err.splitlines() == [f"unchanged: {json_path}",
                                f"unchanged: {out_dir / 'daily-summary-2026-03-02.md'}",
                                f"unchanged: {out_dir / 'daily-summary-2026-03-02.html'}"]
    assert json.loads(json_path.read_text(encoding="utf-8"))["group_by"] == ["confidence"]


# --------------------------------------------------------------------------------------------
# the sample generator


def run_sample(*args: object) -> subprocess.CompletedProcess[str]:
    return run(*args, command=[sys.executable, "-m", "trading_bot.performance.tools.sample"])


def _tree(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.glob("*.jsonl"))}


def test_sample_generator_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        result = run_sample("--out", out, "--days", "14", "--trades-per-day", "5")
        assert result.returncode == EXIT_OK, result.stderr
        assert result.stdout == f"wrote 14 files to {out}\n"
    one, two = _tree(first), _tree(second)
    assert list(one) == [f"2026-09-{day:02d}.jsonl" for day in range(14, 28)]
    assert one == two
    assert all(content.endswith(b"\n") for content in one.values())


def test_sample_generator_output_is_readable_by_the_cli(tmp_path: Path) -> None:
    out = tmp_path / "gen"
    assert run_sample("--out", out, "--days", "14", "--trades-per-day", "5").returncode == 0
    document = run_json("--logs-dir", out, "--window", "range", "--start", "2026-09-14",
                        "--end", "2026-09-27")
    assert document["metrics"]["closed_trades"] > 30
    assert document["data_quality"]["bad_lines"] == 2  # BAD_LINES at day indexes 3 and 11


def test_bundled_sample_equals_a_fresh_default_generation(tmp_path: Path) -> None:
    out = tmp_path / "fresh"
    result = run_sample("--out", out)
    assert result.returncode == EXIT_OK, result.stderr
    fresh, bundled = _tree(out), _tree(SAMPLE)
    assert sorted(fresh) == sorted(bundled)
    assert len(bundled) == 63
    differing = [name for name in bundled if fresh[name] != bundled[name]]
    assert differing == []
