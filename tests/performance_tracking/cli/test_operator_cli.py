"""No silent wrong or empty answers, and the defaults a cron job sets (issue #18, classes 6
and 9): ``--group-by`` of the line's named fields, an empty CSV, a lone ``--start``, a logs
directory that is a file, a future ``--date``, the README's example; ``--log-format json`` on
every stderr line, ``--color`` and ``FORCE_COLOR``, the ``PERFORMANCE_*`` variables and the
targets file of the logs directory's project.
"""

from __future__ import annotations

import csv
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

from trading_bot.performance.cli.common import use_color
from trading_bot.performance.core.dimensions import BUILTIN_DIMENSIONS
from trading_bot.performance.core.records import GROUPABLE_FIELDS, UNGROUPABLE_FIELDS

from ..conftest import trade, write_log

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "logs" / "sample"
#: The sample's own cache (other test runs may be writing it) is not copied.
IGNORE_CACHE = shutil.ignore_patterns("performance")
EXIT_OK, EXIT_ERROR, EXIT_BREACH, EXIT_USAGE = 0, 1, 2, 64
DAY = ("--window", "daily", "--date", "2026-03-02")
ANSI = "\x1b["


def run(*args: object, env: dict[str, str] | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    base = {key: value for key, value in os.environ.items()
            if not key.startswith("PERFORMANCE_") and key not in ("NO_COLOR", "FORCE_COLOR")}
    base.update(env or {})
    return subprocess.run([sys.executable, "-m", "trading_bot.performance", *map(str, args)],
                          capture_output=True, text=True, env=base, cwd=cwd, timeout=120)


def csv_rows(text: str) -> dict[str, dict[str, str]]:
    return {row[next(iter(row))]: row for row in csv.DictReader(io.StringIO(text))}


# --------------------------------------------------------------------------------------------
# --group-by the line's named fields

@pytest.fixture
def accounts(logs: Path) -> Path:
    write_log(logs, "2026-03-02",
              trade("T1", account_id="ACC-1", session_id="S1", bot_version="1.0",
                    config_hash="aaa", net="10"),
              trade("T2", account_id="ACC-2", session_id="S2", bot_version="2.0",
                    config_hash="bbb", net="-4", outcome="loss"),
              trade("T3", account_id="ACC-2", session_id="S2", bot_version="2.0",
                    config_hash="bbb", net="6"),
              trade("T4", account_id=None, session_id=None, bot_version=None, config_hash=None,
                    net="1"))
    return logs


@pytest.mark.parametrize("field", GROUPABLE_FIELDS)
@pytest.mark.parametrize("cache", ["--no-cache", "--rebuild-cache"])
def test_group_by_a_named_field(accounts: Path, tmp_path: Path, field: str, cache: str) -> None:
    where = () if cache == "--no-cache" else ("--cache-dir", tmp_path / "cache")
    result = run(*DAY, "--logs-dir", accounts, "--group-by", field, "--format", "csv",
                 "--breakdown", field, cache, *where)
    assert result.returncode == EXIT_OK, result.stderr
    rows = csv_rows(result.stdout)
    first, second = {"account_id": ("ACC-1", "ACC-2"), "session_id": ("S1", "S2"),
                     "bot_version": ("1.0", "2.0"), "config_hash": ("aaa", "bbb")}[field]
    assert {key: (row["closed_trades"], row["net_profit_loss"]) for key, row in rows.items()} == {
        first: ("1", "10"), second: ("2", "2"), "(missing)": ("1", "1")}


def test_group_by_a_named_field_of_paired_executions(logs: Path) -> None:
    write_log(logs, "2026-03-02",
              trade("E1", outcome="open", action="BUY", price="100", account_id="ACC-9",
                    session_id="S9"),
              trade("E2", outcome="open", action="SELL", price="103", account_id="ACC-9",
                    session_id="S9", entry="2026-03-02T15:00:00Z"))
    result = run(*DAY, "--logs-dir", logs, "--pairing", "fifo", "--group-by", "session_id",
                 "--format", "csv", "--breakdown", "session_id", "--no-cache")
    assert result.returncode == EXIT_OK, result.stderr
    assert list(csv_rows(result.stdout)) == ["S9"]


@pytest.mark.parametrize("field", sorted(UNGROUPABLE_FIELDS))
def test_group_by_a_field_no_breakdown_can_be_made_of(accounts: Path, field: str) -> None:
    result = run(*DAY, "--logs-dir", accounts, "--group-by", field)
    assert result.returncode == EXIT_USAGE
    assert result.stderr.startswith(f"error: --group-by {field}: {UNGROUPABLE_FIELDS[field]}")
    assert "account_id, session_id, bot_version, config_hash" in result.stderr


@pytest.mark.parametrize("field", ["strategy_name", "symbol", "entry_type", "execution_mode",
                                   "exit_reasoning"])
def test_group_by_a_named_field_that_is_a_built_in_breakdown(accounts: Path, field: str) -> None:
    assert field in BUILTIN_DIMENSIONS
    result = run(*DAY, "--logs-dir", accounts, "--group-by", field)
    assert result.returncode == EXIT_USAGE
    assert f"--group-by {field}: already a built-in breakdown" in result.stderr


def test_every_named_field_is_groupable_refused_or_built_in() -> None:
    from trading_bot.performance.core.records import TRADE_FIELDS

    covered = set(GROUPABLE_FIELDS) | set(UNGROUPABLE_FIELDS) | set(BUILTIN_DIMENSIONS)
    assert set(TRADE_FIELDS) <= covered


# --------------------------------------------------------------------------------------------
# an empty CSV says why; lone --start/--end; a logs directory that is a file; a future date

@pytest.mark.parametrize("window, date", [("daily", "2026-03-09"), ("weekly", "2026-03-16"),
                                          ("monthly", "2026-05-10")])
def test_empty_csv_says_why_on_stderr(accounts: Path, window: str, date: str) -> None:
    result = run("--window", window, "--date", date, "--logs-dir", accounts, "--format", "csv",
                 "--breakdown", "symbol")
    assert result.returncode == EXIT_OK
    assert result.stdout.count("\n") == 1 and result.stdout.startswith("symbol,closed_trades,")
    assert re.fullmatch(r"warning: no rows in the symbol breakdown: .+\n", result.stderr)
    as_json = run("--window", window, "--date", date, "--logs-dir", accounts, "--format", "csv",
                  "--breakdown", "symbol", "--log-format", "json")
    [document] = [json.loads(line) for line in as_json.stderr.splitlines()]
    assert document["kind"] == "warning" and document["breakdown"] == "symbol"


def test_csv_with_rows_says_nothing(accounts: Path) -> None:
    result = run(*DAY, "--logs-dir", accounts, "--format", "csv", "--breakdown", "symbol")
    assert result.returncode == EXIT_OK and result.stderr == ""


@pytest.mark.parametrize("window", ["daily", "weekly", "monthly", "rolling"])
@pytest.mark.parametrize("dates", [("--start", "2026-03-02"), ("--end", "2026-03-02"),
                                   ("--start", "2026-03-01", "--end", "2026-03-02")])
def test_start_or_end_without_range_is_refused(accounts: Path, window: str,
                                               dates: tuple[str, ...]) -> None:
    result = run("--window", window, *dates, "--logs-dir", accounts)
    assert result.returncode == EXIT_USAGE
    assert "apply to --window range only" in result.stderr \
        or "applies to --window range only" in result.stderr
    assert "--date D" in result.stderr and "--window range --start D --end D" in result.stderr
    assert result.stdout == ""


def test_logs_dir_that_is_a_file(tmp_path: Path) -> None:
    plain = tmp_path / "plain.jsonl"
    plain.write_text("{}\n", encoding="utf-8")
    for args in ((*DAY, "--logs-dir", plain), ("check", "--logs-dir", plain),
                 ("record", "stats", "--logs-dir", plain)):
        result = run(*args)
        assert result.returncode == EXIT_ERROR, result.stderr
        assert result.stderr.startswith(f"error: {plain}: is not a directory"), result.stderr
        assert "not found" not in result.stderr


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Kiritimati", "America/New_York"])
def test_future_date_is_warned_in_the_timezone(accounts: Path, zone: str) -> None:
    result = run("--window", "daily", "--date", "2999-01-01", "--tz", zone,
                 "--logs-dir", accounts, "--format", "json")
    assert result.returncode == EXIT_OK
    assert re.search(rf"warning: --date 2999-01-01 is in the future \(today is "
                     rf"\d{{4}}-\d\d-\d\d in {re.escape(zone)}\)", result.stderr)
    past = run(*DAY, "--tz", zone, "--logs-dir", accounts, "--format", "json")
    assert "in the future" not in past.stderr
    future_range = run("--window", "range", "--start", "2999-01-01", "--end", "2999-01-02",
                       "--logs-dir", accounts, "--format", "json")
    assert "warning: --start 2999-01-01 is in the future" in future_range.stderr


def test_readme_example_data_line_is_what_a_new_user_sees(tmp_path: Path) -> None:
    """The README's first command on the bundled sample, with a fresh cache, prints the data
    line the README quotes (and the Markdown example repeats)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quoted = re.search(r"`(9 log files, 86 lines: [^`]+)`", readme)
    assert quoted is not None
    result = run("--window", "weekly", "--date", "2026-11-04", "--logs-dir", SAMPLE,
                 "--cache-dir", tmp_path / "cache")
    assert result.returncode == EXIT_OK, result.stderr
    data = re.search(r"^Data: (.+?)\n(?=\S)", result.stdout, re.S | re.M)
    assert data is not None
    assert " ".join(data[1].split()) == quoted[1]
    assert f"**Data quality:** {quoted[1]}" in readme


# --------------------------------------------------------------------------------------------
# --log-format json: every stderr line is a JSON object

def test_every_stderr_line_is_json(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    shutil.copytree(SAMPLE, logs, ignore=IGNORE_CACHE)
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    runs = [
        run("--window", "weekly", "--date", "2026-11-04", "--logs-dir", logs, "--export",
            "--log-format", "json", "--cache-dir", tmp_path / "plain"),   # cache warning too
        run("--window", "weekly", "--date", "2026-11-04", "--logs-dir", logs, "--export",
            "--log-format", "json", "--output-dir", tmp_path / "plain"),  # an error
        run("--window", "daily", "--date", "2999-01-01", "--logs-dir", logs, "--log-format",
            "json", "--format", "json"),                                  # future date
        run("--window", "weekly", "--start", "2026-11-04", "--logs-dir", logs, "--log-format",
            "json"),                                                      # usage error (64)
        run("--log-format", "json", "--window", "fortnightly"),           # argparse's own
        run("check", "--logs-dir", tmp_path / "none", "--log-format", "json"),
        run("ack", "nope", "--logs-dir", logs, "--log-format", "json"),
        run("record", "entry", "--symbol", "AAPL", "--side", "long", "--quantity", "1",
            "--price", "10", "--at", "2026-11-04T15:00:00Z", "--logs-dir", tmp_path / "manual",
            "--log-format", "json"),
        run("record", "entry", "--symbol", "AAPL", "--log-format", "json"),   # usage error
        run("--backfill", "2", "--date", "2026-11-04", "--logs-dir", logs, "--log-format",
            "json"),
    ]
    kinds = set()
    for result in runs:
        lines = result.stderr.splitlines()
        assert lines, result
        for line in lines:
            document: dict[str, Any] = json.loads(line)   # every line, or this fails
            assert {"time", "level", "logger", "message"} <= set(document)
            kinds.add(document.get("kind"))
    assert {"bad_line", "warning", "wrote", "error", "usage", "recorded", "backfill"} <= kinds
    first = [json.loads(line) for line in runs[0].stderr.splitlines()]
    bad = next(document for document in first if document.get("kind") == "bad_line")
    assert bad["file"] == "2026-11-05.jsonl" and bad["line"] == 7
    assert bad["message"] == "bad line: 2026-11-05.jsonl:7: quantity must be positive, got -4"
    assert any("cache unavailable" in document["message"] for document in first)
    assert [code.returncode for code in runs] == [0, 1, 0, 64, 64, 1, 1, 0, 64, 0]


# --------------------------------------------------------------------------------------------
# --color and FORCE_COLOR

@pytest.mark.parametrize("flag, env, coloured", [
    (None, {}, False),
    (None, {"FORCE_COLOR": "1"}, True),
    (None, {"FORCE_COLOR": "0"}, False),
    (None, {"FORCE_COLOR": "1", "NO_COLOR": ""}, False),
    ("always", {}, True),
    ("always", {"NO_COLOR": "1"}, True),
    ("never", {"FORCE_COLOR": "1"}, False),
    ("auto", {"FORCE_COLOR": "true"}, True),
])
def test_color(accounts: Path, flag: str | None, env: dict[str, str], coloured: bool) -> None:
    result = run(*DAY, "--logs-dir", accounts, *(("--color", flag) if flag else ()), env=env)
    assert result.returncode == EXIT_OK, result.stderr
    assert (ANSI in result.stdout) is coloured


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_use_color_modes(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    assert use_color(_Terminal()) and not use_color(io.StringIO())
    assert use_color(io.StringIO(), "always") and not use_color(_Terminal(), "never")
    monkeypatch.setenv("FORCE_COLOR", "")
    assert not use_color(io.StringIO())
    monkeypatch.setenv("FORCE_COLOR", "3")
    assert use_color(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(_Terminal()) and use_color(_Terminal(), "always")


# --------------------------------------------------------------------------------------------
# PERFORMANCE_LOGS_DIR, PERFORMANCE_TARGETS, PERFORMANCE_ALERT_LOG; the project's targets file

@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A bot's project: logs/ (the sample) and config/dashboard-targets.yaml that breaches."""
    root = tmp_path / "bot"
    shutil.copytree(SAMPLE, root / "logs", ignore=IGNORE_CACHE)
    (root / "config").mkdir()
    (root / "config" / "dashboard-targets.yaml").write_text("win_rate_target: 99\n",
                                                             encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    return root


WEEK = ("--window", "weekly", "--date", "2026-11-04")


def test_targets_found_in_the_logs_directorys_project(project: Path) -> None:
    elsewhere = project.parent / "elsewhere"
    result = run(*WEEK, "--logs-dir", project / "logs", cwd=elsewhere)
    assert result.returncode == EXIT_BREACH, result.stderr
    assert (project / "logs" / "performance-alerts.jsonl").is_file()
    # the working directory's own file comes first
    (elsewhere / "config").mkdir()
    (elsewhere / "config" / "dashboard-targets.yaml").write_text("win_rate_target: 1\n",
                                                                 encoding="utf-8")
    assert run(*WEEK, "--logs-dir", project / "logs", cwd=elsewhere).returncode == EXIT_OK


def test_environment_defaults_and_flags_override_them(project: Path, tmp_path: Path) -> None:
    elsewhere = project.parent / "elsewhere"
    alert_log = tmp_path / "alerts" / "events.jsonl"
    env = {"PERFORMANCE_LOGS_DIR": str(project / "logs"),
           "PERFORMANCE_TARGETS": str(project / "config" / "dashboard-targets.yaml"),
           "PERFORMANCE_ALERT_LOG": str(alert_log)}
    result = run(*WEEK, "--format", "json", env=env, cwd=elsewhere)
    assert result.returncode == EXIT_BREACH, result.stderr
    assert json.loads(result.stdout)["period"]["label"] == "2026-W45"
    assert alert_log.is_file() and not (project / "logs" / "performance-alerts.jsonl").exists()
    event = json.loads(alert_log.read_text(encoding="utf-8").splitlines()[0])
    acked = run("ack", event["id"], env=env, cwd=elsewhere)
    assert acked.returncode == EXIT_OK, acked.stderr
    # flags win over the environment
    other = tmp_path / "other.yaml"
    other.write_text("win_rate_target: 1\n", encoding="utf-8")
    assert run(*WEEK, "--targets", other, env=env, cwd=elsewhere).returncode == EXIT_OK
    empty = tmp_path / "empty-logs"
    empty.mkdir()
    flagged = run(*WEEK, "--logs-dir", empty, "--format", "json", "--no-cache",
                  "--targets", other, env=env, cwd=elsewhere)
    assert json.loads(flagged.stdout)["data_quality"]["lines_read"] == 0
    # check and record read PERFORMANCE_LOGS_DIR too
    assert run("check", "--date", "2026-11-05", env=env, cwd=elsewhere).returncode == EXIT_ERROR
    assert run("record", "stats", env=env, cwd=elsewhere).returncode == EXIT_OK


def test_named_targets_from_the_environment_must_exist(project: Path, tmp_path: Path) -> None:
    env = {"PERFORMANCE_TARGETS": str(tmp_path / "missing.yaml")}
    result = run(*WEEK, "--logs-dir", project / "logs", env=env)
    assert result.returncode == EXIT_ERROR
    assert str(tmp_path / "missing.yaml") in result.stderr
    blank = run(*WEEK, "--logs-dir", project / "logs", env={"PERFORMANCE_TARGETS": ""},
                cwd=project.parent / "elsewhere")
    assert blank.returncode == EXIT_BREACH   # empty = unset: the project's file is found
