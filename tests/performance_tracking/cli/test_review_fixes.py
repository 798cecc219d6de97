"""Review fixes of this session, through the real command in a subprocess on real files:
filtered rolling windows describe the same files cached and uncached, the targets file's
origin in its error, a full stdout, ``check`` over unreadable day files, ``--where`` values
with surrounding whitespace."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ..conftest import trade, write_log

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 64
SAMPLE = Path(__file__).resolve().parents[3] / "logs" / "sample"


def run(*args: object, env: dict[str, str] | None = None,
        stdout: Any = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    base = {key: value for key, value in os.environ.items()
            if not key.startswith(("PERF_", "PERFORMANCE_"))}
    return subprocess.run([sys.executable, "-m", "trading_bot.performance", *map(str, args)],
                          stdout=stdout, stderr=subprocess.PIPE, text=True,
                          env={**base, **(env or {})}, timeout=120)


def summary(*args: object) -> dict[str, Any]:
    result = run(*args, "--format", "json")
    assert result.returncode == EXIT_OK, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    document.pop("generated_at", None)
    document.pop("as_of", None)
    return document


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    logs = tmp_path / "logs"
    shutil.copytree(SAMPLE, logs)
    return logs


@pytest.mark.parametrize("where", ["execution_mode=LIVE", "symbol=AAPL"])
def test_filtered_rolling_cached_equals_uncached_including_data_quality(
        sample: Path, tmp_path: Path, where: str) -> None:
    args = ("--window", "rolling", "--trades", "30", "--date", "2026-11-10",
            "--where", where, "--logs-dir", sample)
    uncached = summary(*args, "--no-cache")
    cold = summary(*args, "--cache-dir", tmp_path / "cache")
    warm = summary(*args, "--cache-dir", tmp_path / "cache")
    assert uncached["data_quality"] == cold["data_quality"] == warm["data_quality"]
    assert uncached == cold == warm


def test_filtered_rolling_over_executions_cached_equals_uncached(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    shutil.copytree(SAMPLE.parent / "sample-executions", logs)
    args = ("--window", "rolling", "--trades", "30", "--where", "execution_mode=LIVE",
            "--logs-dir", logs)
    uncached = summary(*args, "--no-cache")
    cached = summary(*args, "--cache-dir", tmp_path / "cache")
    assert uncached == cached


def test_missing_targets_file_says_where_it_was_named(sample: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nonexist.yaml"
    from_env = run("--logs-dir", sample, "--no-cache", env={"PERFORMANCE_TARGETS": str(missing)})
    assert from_env.returncode == EXIT_ERROR
    assert from_env.stderr.strip() == (
        f"error: {missing}: targets file not found (named by $PERFORMANCE_TARGETS)")
    from_option = run("--logs-dir", sample, "--no-cache", "--targets", missing,
                      env={"PERFORMANCE_TARGETS": str(tmp_path / "other.yaml")})
    assert from_option.returncode == EXIT_ERROR
    assert from_option.stderr.strip() == (
        f"error: {missing}: targets file not found (named with --targets)")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [
    ("--format", "text"), ("--format", "json"), ("--format", "csv", "--breakdown", "symbol"),
    ("--format", "trades-csv"), ("check",)], ids=["text", "json", "csv", "trades-csv", "check"])
def test_full_stdout_is_named(sample: Path, args: tuple[str, ...]) -> None:
    command = [*args, "--logs-dir", sample] if args[0] == "check" else [
        *args, "--logs-dir", sample, "--no-cache"]
    with open("/dev/full", "w") as full:
        result = run(*command, stdout=full)
    assert result.returncode == EXIT_ERROR
    assert result.stderr.splitlines()[-1] == "error: <stdout>: No space left on device"
    assert "Traceback" not in result.stderr


def test_check_fails_when_a_day_file_of_the_span_cannot_be_read(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    os.mkfifo(logs / "2026-03-02.jsonl")
    (logs / "2026-03-03.jsonl").mkdir()
    result = run("check", "--logs-dir", logs)
    assert result.returncode == EXIT_ERROR, result.stdout
    assert result.stdout.splitlines()[-1] == "total: 0 files, 0 lines, 0 bad"
    assert "skipped: 2026-03-02.jsonl" in result.stdout
    for span in (("--date", "2026-03-03"), ("--start", "2026-03-01", "--end", "2026-03-02")):
        assert run("check", "--logs-dir", logs, *span).returncode == EXIT_ERROR
    outside = run("check", "--logs-dir", logs, "--date", "2026-03-04")
    assert outside.returncode == EXIT_OK
    (logs / "notes.jsonl").write_text("x\n", encoding="utf-8")   # no day file: listed only
    (logs / "2026-03-02.jsonl").unlink()
    (logs / "2026-03-03.jsonl").rmdir()
    listed = run("check", "--logs-dir", logs)
    assert listed.returncode == EXIT_OK
    assert "skipped: notes.jsonl" in listed.stdout


@pytest.mark.parametrize("value, message", [
    ("2026-3-2", "not a date"), ("1969-12-31", "outside the supported years")])
def test_check_and_summary_share_the_date_options(tmp_path: Path, value: str,
                                                   message: str) -> None:
    """One definition of --date/--start/--end: both commands refuse a bad day alike."""
    logs = tmp_path / "logs"
    logs.mkdir()
    for option in ("--date", "--start", "--end"):
        answers = [run(*command, "--logs-dir", logs, option, value)
                   for command in (("check",), ("--no-cache",))]
        for answer in answers:
            assert answer.returncode == EXIT_USAGE
            assert message in answer.stderr
        assert [answer.stderr.splitlines()[-1].split(f"{option}: ", 1)[-1]
                for answer in answers] == [answers[0].stderr.splitlines()[-1].split(
                    f"{option}: ", 1)[-1]] * 2


@pytest.mark.parametrize("item", ["symbol= AAPL", "symbol=AAPL ", "symbol=\tAAPL"])
def test_where_value_with_surrounding_whitespace_is_refused(sample: Path, item: str) -> None:
    result = run("--logs-dir", sample, "--no-cache", "--where", item)
    assert result.returncode == EXIT_USAGE
    assert "surrounding whitespace" in result.stderr
    assert "write symbol=AAPL" in result.stderr
    assert result.stdout == ""


def test_where_field_spacing_is_still_accepted(sample: Path) -> None:
    spaced = summary("--logs-dir", sample, "--no-cache", "--where", " symbol =AAPL")
    plain = summary("--logs-dir", sample, "--no-cache", "--where", "symbol=AAPL")
    assert spaced == plain


@pytest.mark.parametrize("fmt", ["trades-jsonl", "trades-csv"])
def test_trade_rows_exit_reason_template_is_the_breakdown_row(tmp_path: Path, fmt: str) -> None:
    logs = tmp_path / "logs"
    write_log(logs, "2026-03-02",
              trade("E1", exit_reasoning=""),
              trade("E2", exit_reasoning=None, entry="2026-03-02T15:00:00Z",
                    exit="2026-03-02T16:00:00Z"),
              trade("E3", exit_reasoning="  ", entry="2026-03-02T16:00:00Z",
                    exit="2026-03-02T17:00:00Z"),
              trade("E4", exit_reasoning="stop at 101.5", entry="2026-03-02T17:00:00Z",
                    exit="2026-03-02T18:00:00Z"))
    common = ("--logs-dir", logs, "--no-cache", "--window", "daily", "--date", "2026-03-02")
    breakdown = summary(*common)
    rows = {row["key"]: row["closed_trades"]
            for row in breakdown["breakdowns"]["exit_reasoning"]["rows"]}
    result = run(*common, "--format", fmt)
    assert result.returncode == EXIT_OK, result.stderr
    if fmt == "trades-jsonl":
        templates = [json.loads(line)["exit_reason_template"]
                     for line in result.stdout.splitlines()]
    else:

        templates = [row["exit_reason_template"]
                     for row in csv.DictReader(result.stdout.splitlines())]
    assert templates == ["(none)", "(none)", "(none)", "stop at #"]
    assert rows == {template: templates.count(template) for template in templates}
