"""``trading-performance check``: every bad line of the logs, streamed (issue #18, class 7).

Subprocess runs on real files: exit codes, the text and JSON listings, the totals, the choice of
files.  That a million bad lines cost no memory is measured by ``benchmarks/check_memory.py``
(memory and time are too noisy on a shared machine to assert here).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ..conftest import trade, write_log

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 64


def check(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PERFORMANCE_")}
    return subprocess.run([sys.executable, "-m", "trading_bot.performance", "check",
                           *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=120)


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def bad_logs(logs: Path) -> Path:
    """Three day files: 12 bad lines of several kinds in two of them, one clean file."""
    write_log(logs, "2026-03-02", trade("A1"), "not json", trade("A2", quantity="0"),
              '{"symbol": "AAPL"}', "", trade("A3"), '[1, 2]',
              '{"order_id": "D", "order_id": "E"}')
    write_log(logs, "2026-03-03", trade("B1", entry="2026-03-03T14:00:00Z",
                                        exit="2026-03-03T15:00:00Z"))
    write_log(logs, "2026-03-04", *(f"bad {number}" for number in range(6)),
              torn='{"torn": ')
    return logs


def test_lists_every_bad_line_then_totals(bad_logs: Path) -> None:
    result = check("--logs-dir", bad_logs)
    assert result.returncode == EXIT_ERROR
    lines = result.stdout.splitlines()
    first = str(bad_logs / "2026-03-02.jsonl")
    assert lines[:6] == [
        f"{first}:2: invalid JSON: Expecting value at column 1",
        f"{first}:3: quantity must be positive, got 0",
        f"{first}:4: missing required field timestamp",
        f"{first}:5: blank line",
        f"{first}:7: line is a JSON array, not an object",
        f"{first}:8: duplicate key 'order_id' (a line names each field once)",
    ]
    last = str(bad_logs / "2026-03-04.jsonl")
    assert [line.split(": ", 1)[0] for line in lines[6:12]] == [
        f"{last}:{number}" for number in range(1, 7)]   # all six, no cap at ten
    assert lines[12:] == [
        f"{first}: 8 lines, 6 bad",
        f"{bad_logs / '2026-03-03.jsonl'}: 1 lines, 0 bad",
        f"{last}: 6 lines, 6 bad",   # the newest file's torn tail is still being written
        "total: 3 files, 15 lines, 12 bad",
    ]
    assert result.stderr == ""


def test_json_lines(bad_logs: Path) -> None:
    result = check("--logs-dir", bad_logs, "--format", "json")
    assert result.returncode == EXIT_ERROR
    documents = json_lines(result.stdout)
    bad = [document for document in documents if "reason" in document]
    assert len(bad) == 12
    assert bad[0] == {"file": str(bad_logs / "2026-03-02.jsonl"), "line": 2,
                      "reason": "invalid JSON: Expecting value at column 1"}
    assert documents[12:] == [
        {"file": str(bad_logs / "2026-03-02.jsonl"), "lines": 8, "bad_lines": 6},
        {"file": str(bad_logs / "2026-03-03.jsonl"), "lines": 1, "bad_lines": 0},
        {"file": str(bad_logs / "2026-03-04.jsonl"), "lines": 6, "bad_lines": 6},
        {"files": 3, "lines": 15, "bad_lines": 12},
    ]


def test_choosing_files_and_a_clean_result(bad_logs: Path) -> None:
    clean = check("--logs-dir", bad_logs, "--date", "2026-03-03")
    assert clean.returncode == EXIT_OK, clean.stdout
    assert clean.stdout.splitlines()[-1] == "total: 1 files, 1 lines, 0 bad"
    span = check("--logs-dir", bad_logs, "--start", "2026-03-03", "--end", "2026-03-04")
    assert span.returncode == EXIT_ERROR
    assert span.stdout.splitlines()[-1] == "total: 2 files, 7 lines, 6 bad"
    none = check("--logs-dir", bad_logs, "--date", "2026-04-01")
    assert none.returncode == EXIT_OK
    assert none.stdout == "total: 0 files, 0 lines, 0 bad\n"


def test_a_settled_files_unfinished_line_and_unreadable_files(logs: Path) -> None:
    write_log(logs, "2026-03-02", trade("A1"), torn='{"cut": ')
    write_log(logs, "2026-03-03", trade("B1", entry="2026-03-03T14:00:00Z",
                                        exit="2026-03-03T15:00:00Z"))
    (logs / "2026-03-04.jsonl").mkdir()                        # skipped: not a regular file
    (logs / "notes.jsonl").write_text("x\n", encoding="utf-8")   # skipped: not a date
    result = check("--logs-dir", logs)
    assert result.returncode == EXIT_ERROR
    assert result.stdout.splitlines() == [
        f"{logs / '2026-03-02.jsonl'}:2: unfinished last line (8 bytes, no newline): the writer "
        "stopped mid-line; it is counted once it ends with a newline",
        f"{logs / '2026-03-02.jsonl'}: 2 lines, 1 bad",
        f"{logs / '2026-03-03.jsonl'}: 1 lines, 0 bad",
        "skipped: 2026-03-04.jsonl: not a regular file",
        "skipped: notes.jsonl: file name is not a date (expected YYYY-MM-DD.jsonl)",
        "total: 2 files, 3 lines, 1 bad",
    ]


@pytest.mark.parametrize("args, message", [
    (("--date", "2026-03-02", "--start", "2026-03-01"), "use either --date or --start/--end"),
    (("--start", "2026-03-02"), "--start and --end go together"),
    (("--start", "2026-03-05", "--end", "2026-03-01"), "--end 2026-03-01 is before --start"),
    (("--date", "2026-3-2"), "not a date"),
    (("--format", "xml"), "invalid choice"),
])
def test_usage_errors_exit_64(bad_logs: Path, args: tuple[str, ...], message: str) -> None:
    result = check("--logs-dir", bad_logs, *args)
    assert result.returncode == EXIT_USAGE
    assert message in result.stderr
    assert result.stdout == ""


def test_logs_directory_errors(tmp_path: Path) -> None:
    missing = check("--logs-dir", tmp_path / "nowhere")
    assert missing.returncode == EXIT_ERROR
    assert missing.stderr == f"error: {tmp_path / 'nowhere'}: logs directory not found (use " \
                             "--logs-dir)\n"
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    a_file = check("--logs-dir", tmp_path / "plain", "--log-format", "json")
    assert a_file.returncode == EXIT_ERROR
    [document] = json_lines(a_file.stderr)
    assert document["level"] == "ERROR"
    assert document["message"].startswith(f"error: {tmp_path / 'plain'}: is not a directory")


def test_same_verdicts_as_the_summary(bad_logs: Path) -> None:
    """check and a summary judge lines with the same code: the same bad lines, same reasons."""
    summary = subprocess.run(
        [sys.executable, "-m", "trading_bot.performance", "--window", "range", "--start",
         "2026-03-01", "--end", "2026-03-05", "--logs-dir", str(bad_logs), "--format", "json",
         "--no-cache", "--all-rows"], capture_output=True, text=True, timeout=120, check=False)
    quality = json.loads(summary.stdout)["data_quality"]
    listed = [f"{Path(line['file']).name}:{line['line']}: {line['reason']}"
              for line in json_lines(check("--logs-dir", bad_logs, "--format", "json").stdout)
              if "reason" in line]
    assert quality["bad_lines"] == len(listed)
    assert list(quality["bad_line_examples"]) == listed[:len(quality["bad_line_examples"])]


def test_a_reader_that_goes_away_is_not_an_error_message(logs: Path) -> None:
    """``check | head -1`` on a long listing: no traceback, no ``Broken pipe`` noise."""
    write_log(logs, "2026-03-02", *(f"bad {number}" for number in range(100_000)))
    env = {key: value for key, value in os.environ.items() if not key.startswith("PERFORMANCE_")}
    process = subprocess.Popen([sys.executable, "-m", "trading_bot.performance", "check",
                                "--logs-dir", str(logs)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(os.fsencode(logs / "2026-03-02.jsonl"))
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == EXIT_ERROR
    assert stderr == b""
