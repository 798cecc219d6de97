"""Every OS error on a path the package writes ends as ``error: PATH: reason``, exit 1, with
nothing half-written (issue #18, class 3).

The tests run as root in the sandbox, where ``chmod`` denies nothing, so the failures are made
with what root cannot get around: a path under a regular file (``Not a directory``), a path
under ``/proc`` or ``/sys`` (no such directory, or permission denied by the kernel), a
directory or a FIFO where a file belongs, and a small tmpfs that is full or mounted read-only
(skipped where ``mount`` is not allowed; the in-process tests at the end cover the same code
with a failing system call at the OS boundary).
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from trading_bot.performance.errors import OutputError
from trading_bot.performance.storage.durability import append_line, write_atomic

from ..conftest import trade, write_log

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "logs" / "sample"
#: The sample's own cache (other test runs may be writing it) is not copied.
IGNORE_CACHE = shutil.ignore_patterns("performance")
EXIT_OK, EXIT_ERROR = 0, 1
WEEK = ("--window", "weekly", "--date", "2026-11-04")


def run(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PERFORMANCE_")}
    return subprocess.run([sys.executable, "-m", "trading_bot.performance", *map(str, args)],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=60)


def assert_error(result: subprocess.CompletedProcess[str], path: str, reason: str) -> None:
    """Exit 1, no traceback, and the last stderr line is ``error: PATH: reason...``."""
    assert result.returncode == EXIT_ERROR, result.stderr
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert re.match(rf"error: {re.escape(path)}: {reason}", last), last


def temp_files(directory: Path) -> list[str]:
    return sorted(name for name in os.listdir(directory) if name.endswith(".tmp")) \
        if directory.is_dir() else []


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    logs = tmp_path / "logs"
    shutil.copytree(SAMPLE, logs, ignore=IGNORE_CACHE)
    return logs


@pytest.fixture
def targets(tmp_path: Path) -> Path:
    path = tmp_path / "targets.yaml"
    path.write_text("win_rate_target: 99\n", encoding="utf-8")   # fires on the sample week
    return path


# --------------------------------------------------------------------------------------------
# exports

def _a_file(tmp: Path) -> tuple[Path, str, str]:
    (tmp / "plain").write_text("x", encoding="utf-8")
    return tmp / "plain", str(tmp / "plain"), "is not a directory"


def _under_a_file(tmp: Path) -> tuple[Path, str, str]:
    (tmp / "plain").write_text("x", encoding="utf-8")
    return tmp / "plain" / "reports", str(tmp / "plain"), r"is not a directory \(cannot create "


def _under_proc(tmp: Path) -> tuple[Path, str, str]:
    return Path("/proc/perf-no-such-dir"), "/proc/perf-no-such-dir", "cannot create directory: "


def _sysfs(tmp: Path) -> tuple[Path, str, str]:
    return Path("/sys/kernel"), "/sys/kernel/weekly-summary-2026-11-02.json", "cannot write: "


@pytest.mark.parametrize("case", [_a_file, _under_a_file, _under_proc, _sysfs],
                         ids=["a file", "under a file", "under /proc", "sysfs"])
def test_export_into_a_directory_that_cannot_be_written(
        sample: Path, tmp_path: Path, case: Callable[[Path], tuple[Path, str, str]]) -> None:
    output, named, reason = case(tmp_path)
    result = run(*WEEK, "--logs-dir", sample, "--no-cache", "--export", "--output-dir", output,
                 cwd=tmp_path)
    assert_error(result, named, reason)
    assert result.stdout   # the report itself was printed before the export failed


def test_export_name_taken_by_a_directory(sample: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    (output / "weekly-summary-2026-11-02.md").mkdir(parents=True)
    result = run(*WEEK, "--logs-dir", sample, "--no-cache", "--export", "--output-dir", output)
    assert_error(result, str(output / "weekly-summary-2026-11-02.md"), "is a directory")
    assert temp_files(output) == []


def test_a_fifo_at_an_export_name_is_replaced_not_read(sample: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    output.mkdir()
    for extension in ("json", "md"):
        os.mkfifo(output / f"weekly-summary-2026-11-02.{extension}")
    result = run(*WEEK, "--logs-dir", sample, "--no-cache", "--export", "--output-dir", output)
    assert result.returncode == EXIT_OK, result.stderr
    assert (output / "weekly-summary-2026-11-02.json").is_file()
    assert (output / "weekly-summary-2026-11-02.md").is_file()


# --------------------------------------------------------------------------------------------
# alert log and alert state

def test_alert_log_that_is_a_directory_or_a_fifo(sample: Path, targets: Path,
                                                 tmp_path: Path) -> None:
    directory = tmp_path / "as-dir.jsonl"
    directory.mkdir()
    fifo = tmp_path / "as-fifo.jsonl"
    os.mkfifo(fifo)
    for alert_log, reason in ((directory, "cannot append to the alert log: is a directory"),
                              (fifo, "cannot append to the alert log: is a FIFO")):
        result = run(*WEEK, "--logs-dir", sample, "--targets", targets, "--alert-log", alert_log)
        assert_error(result, str(alert_log), reason)


def test_alert_log_where_no_directory_can_be(sample: Path, targets: Path, tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    for alert_log, named, reason in (
            (tmp_path / "plain" / "alerts.jsonl", str(tmp_path / "plain"),
             "is not a directory"),
            (Path("/proc/perf-no-such-dir/alerts.jsonl"), "/proc/perf-no-such-dir",
             "cannot create directory"),
            (Path("/sys/kernel/alerts.jsonl"), "/sys/kernel/alerts.state.json.lock",
             "cannot open the alert state lock")):
        result = run(*WEEK, "--logs-dir", sample, "--targets", targets, "--alert-log", alert_log)
        assert_error(result, named, reason)
        ack = run("ack", "0123456789abcdef", "--alert-log", alert_log)
        assert_error(ack, named, reason)


def test_alert_state_name_taken_by_a_fifo_is_set_aside(sample: Path, targets: Path,
                                                       tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "alerts.state.json")
    result = run(*WEEK, "--logs-dir", sample, "--targets", targets,
                 "--alert-log", tmp_path / "alerts.jsonl")
    assert result.returncode == 2, result.stderr   # the breach, alerting went on
    assert (tmp_path / "alerts.state.json").is_file()


# --------------------------------------------------------------------------------------------
# record

def test_record_into_a_logs_directory_that_cannot_be(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    for logs_dir, named, reason in (
            (tmp_path / "plain", str(tmp_path / "plain"), "is not a directory"),
            (tmp_path / "plain" / "logs", str(tmp_path / "plain"), "is not a directory"),
            (Path("/proc/perf-no-such-dir"), "/proc/perf-no-such-dir",
             "cannot create directory"),
            (Path("/sys/kernel"), "/sys/kernel/2026-03-02.jsonl", "cannot append: ")):
        result = run("record", "entry", "--symbol", "AAPL", "--side", "long", "--quantity", "1",
                     "--price", "10", "--at", "2026-03-02T14:00:00Z", "--logs-dir", logs_dir)
        assert_error(result, named, reason)


def test_record_into_a_day_file_that_is_a_fifo_or_a_directory(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    os.mkfifo(logs / "2026-03-02.jsonl")
    (logs / "2026-03-03.jsonl").mkdir()
    for day, kind in (("2026-03-02", "is a FIFO"), ("2026-03-03", "is a directory")):
        result = run("record", "entry", "--symbol", "AAPL", "--side", "long", "--quantity", "1",
                     "--price", "10", "--at", f"{day}T14:00:00Z", "--logs-dir", logs)
        assert_error(result, str(logs / f"{day}.jsonl"), f"cannot append: {kind}")


# --------------------------------------------------------------------------------------------
# the cache: the logs are the truth, so an unusable cache directory is a warning, not an error

@pytest.mark.parametrize("where", ["a file", "under a file", "under /proc"])
def test_unusable_cache_directory_answers_without_cache(sample: Path, tmp_path: Path,
                                                        where: str) -> None:
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    cache_dir = {"a file": tmp_path / "plain", "under a file": tmp_path / "plain" / "cache",
                 "under /proc": Path("/proc/perf-no-such-dir")}[where]
    result = run(*WEEK, "--logs-dir", sample, "--cache-dir", cache_dir, "--format", "json")
    uncached = run(*WEEK, "--logs-dir", sample, "--no-cache", "--format", "json")
    assert result.returncode == EXIT_OK, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "cache unavailable" in line]
    assert len(warnings) == 1, result.stderr   # once per run, not once per read
    assert "computing from the logs without the cache" in warnings[0]
    assert _without_volatile(result.stdout) == _without_volatile(uncached.stdout)


def _without_volatile(text: str) -> str:
    return re.sub(r'"(generated_at|computed_in_ms|elapsed_ms)": [^,}]*', "", text)


# --------------------------------------------------------------------------------------------
# a full or read-only file system (a small tmpfs)

@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
                          capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("mounting a tmpfs is not allowed here (the in-process tests cover ENOSPC)")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True, check=False)


def fill(directory: Path) -> None:
    """Take every free block of the file system ``directory`` is on."""
    fd = os.open(directory / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        for size in (65536, 4096, 1):
            try:
                while os.write(fd, b"\0" * size) == size:
                    pass
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)


def snapshot(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())
            if path.is_file() and path.name != "filler"}


def test_full_disk_keeps_the_old_exports_whole(sample: Path, small_fs: Path) -> None:
    output = small_fs / "out"
    first = run(*WEEK, "--logs-dir", sample, "--no-cache", "--export", "--output-dir", output)
    assert first.returncode == EXIT_OK, first.stderr
    before = snapshot(output)
    write_log(sample, "2026-11-04", trade("FULL-1", entry="2026-11-04T20:00:00Z",
                                          exit="2026-11-04T20:30:00Z", net="5"))
    fill(small_fs)
    result = run(*WEEK, "--logs-dir", sample, "--no-cache", "--export", "--output-dir", output)
    assert_error(result, str(output / "weekly-summary-2026-11-02.json"), "cannot write: No space")
    assert snapshot(output) == before
    assert temp_files(output) == []


def test_full_disk_appends_nothing(small_fs: Path, sample: Path, targets: Path) -> None:
    logs = small_fs / "logs"
    # A day file ending 40 bytes before its page does: the system writes those 40 bytes of the
    # new line and stops (a short write), which must be undone.
    line = json.dumps(trade("A1", note=""))
    write_log(logs, "2026-03-02", json.dumps(trade("A1", note="x" * (4096 - 40 - len(line) - 1))))
    fill(small_fs)
    before = {"2026-03-02": (logs / "2026-03-02.jsonl").read_bytes()}
    assert len(before["2026-03-02"]) == 4096 - 40
    for day in ("2026-03-02", "2026-03-04"):   # a day file that exists, a new one
        result = run("record", "entry", "--symbol", "AAPL", "--side", "long", "--quantity", "1",
                     "--price", "10", "--at", f"{day}T16:00:00Z", "--logs-dir", logs)
        assert_error(result, str(logs / f"{day}.jsonl"), "cannot append: ")
        path = logs / f"{day}.jsonl"
        # a new day file may be left empty (it was created), never with part of a line
        assert (path.read_bytes() if path.exists() else b"") == before.get(day, b"")
    alert_log = small_fs / "alerts.jsonl"
    result = run(*WEEK, "--logs-dir", sample, "--targets", targets, "--alert-log", alert_log)
    assert result.returncode == EXIT_ERROR and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(f"error: {small_fs}/alerts.")
    assert not alert_log.exists() or alert_log.read_bytes() == b""


def test_full_disk_under_the_cache_answers_without_it(sample: Path, small_fs: Path) -> None:
    fill(small_fs)
    result = run(*WEEK, "--logs-dir", sample, "--cache-dir", small_fs / "cache",
                 "--format", "json")
    uncached = run(*WEEK, "--logs-dir", sample, "--no-cache", "--format", "json")
    assert result.returncode == EXIT_OK, result.stderr
    [warning] = [line for line in result.stderr.splitlines() if "cache unavailable" in line]
    assert re.search(rf"cache unavailable: {re.escape(str(small_fs))}/cache\S*: ", warning)
    assert _without_volatile(result.stdout) == _without_volatile(uncached.stdout)


def test_read_only_file_system(sample: Path, small_fs: Path, targets: Path) -> None:
    (small_fs / "out").mkdir()
    subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], check=True)
    result = run(*WEEK, "--logs-dir", sample, "--no-cache", "--export",
                 "--output-dir", small_fs / "out")
    assert_error(result, str(small_fs / "out" / "weekly-summary-2026-11-02.json"),
                 "cannot write: Read-only file system")
    result = run("record", "entry", "--symbol", "AAPL", "--side", "long", "--quantity", "1",
                 "--price", "10", "--at", "2026-03-02T15:00:00Z", "--logs-dir", small_fs / "out")
    assert_error(result, str(small_fs / "out" / "2026-03-02.jsonl"),
                 "cannot append: Read-only file system")
    result = run(*WEEK, "--logs-dir", sample, "--targets", targets,
                 "--alert-log", small_fs / "out" / "alerts.jsonl")
    assert_error(result, str(small_fs / "out" / "alerts.state.json.lock"),
                 "cannot open the alert state lock: Read-only file system")


# --------------------------------------------------------------------------------------------
# in process, a failing system call at the OS boundary (runs where mount is not allowed)

def _failing(name: str, error: int) -> Callable[..., Any]:
    def fail(*args: object, **kwargs: object) -> Any:
        raise OSError(error, os.strerror(error))
    fail.__name__ = name
    return fail


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EROFS, errno.EIO])
def test_write_atomic_failing_fsync_leaves_the_old_file(tmp_path: Path, error: int,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    monkeypatch.setattr(os, "fsync", _failing("fsync", error))
    with pytest.raises(OutputError) as raised:
        write_atomic(target, "new")
    assert str(raised.value) == f"{target}: cannot write: {os.strerror(error)}"
    assert target.read_text(encoding="utf-8") == "old"
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("written", [0, 1, 17])
def test_append_line_short_write_is_undone(tmp_path: Path, written: int,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "2026-03-02.jsonl"
    target.write_bytes(b'{"a":1}\n')
    real_write = os.write

    def short_write(fd: int, data: bytes) -> int:
        return real_write(fd, data[:written]) if written else 0

    monkeypatch.setattr(os, "write", short_write)
    with pytest.raises(OutputError, match=r"cannot append: short write"):
        append_line(target, b'{"b":2}\n' * 4)
    assert target.read_bytes() == b'{"a":1}\n'


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EDQUOT, errno.EFBIG])
def test_append_line_failing_write_names_the_file(tmp_path: Path, error: int,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "alerts.jsonl"
    monkeypatch.setattr(os, "write", _failing("write", error))
    with pytest.raises(OutputError) as raised:
        append_line(target, b"{}\n")
    assert str(raised.value) == f"{target}: cannot append: {os.strerror(error)}"
    assert target.read_bytes() == b""
