"""Bounds: writes stay in the output directory, logs are only read, reports keep secrets.

* Export names come only from validated window kinds, dates and trade counts; whatever the
  ``--output-dir`` looks like, the two files land directly inside it and nowhere else, and a
  planted symlink at an export's name is replaced, never written through.
* The logs are opened read-only: a run as a user who cannot write them succeeds and changes no
  byte, mode or mtime, and an audit hook on a real CLI run sees only read-only opens of them.
* Reports name files relative to the logs directory: neither an environment secret nor the
  absolute path of the logs reaches stdout or an export unless the operator typed that path.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import stat
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from trading_bot.performance import PerformanceTracker, cli
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.errors import PerformanceError
from trading_bot.performance.report.export import EXPORT_NAME, export_path

from ..conftest import fixed_clock, trade, write_log
from ..ingest.test_corpus import as_nobody_or_here

DAY = "2026-03-02"
TZ_ENV = "PERFORMANCE_SUMMARY_TIMEZONE"
SECRET_NAME = "TRADING_API_SECRET"
SECRET = "sk-live-5e3c2a7f-never-print-me"

Snapshot = dict[str, tuple[str, bytes, int, int]]


# --------------------------------------------------------------------------- helpers


def run_cli(*args: object, cwd: Path | None = None,
            extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != TZ_ENV}
    env.update(extra_env or {})
    return subprocess.run([sys.executable, "-m", "trading_bot.performance", *map(str, args)],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


def snapshot(root: Path, *, skip: Path | None = None) -> Snapshot:
    """Kind, content (or link target), mode and mtime of everything under ``root``, links
    unfollowed."""
    entries: Snapshot = {}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [name for name in dirs if skip is None or here / name != skip]
        for name in [*dirs, *files]:
            path = here / name
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                kind, content = "link", os.readlink(path).encode()
            elif stat.S_ISREG(info.st_mode):
                kind, content = "file", path.read_bytes()
            else:
                kind, content = "dir", b""
            entries[str(path.relative_to(root))] = (kind, content, info.st_mode, info.st_mtime_ns)
    return entries


def week_of_logs(logs: Path) -> None:
    """Five day files with wins, a loss, an open position and a bad line."""
    for day in range(2, 7):
        stamp = f"2026-03-0{day}"
        write_log(logs, stamp,
                  trade(f"W{day}", entry=f"{stamp}T14:00:00Z", exit=f"{stamp}T15:00:00Z",
                        net=str(day), confidence="high"),
                  trade(f"L{day}", entry=f"{stamp}T16:00:00Z", exit=f"{stamp}T17:00:00Z",
                        net="-1", outcome="loss", confidence="low"))
    write_log(logs, "2026-03-04", "not json",
              trade("OPEN", outcome="open", entry="2026-03-04T18:00:00Z"))


def summaries(logs: Path) -> list[PerformanceSummary]:
    tracker = PerformanceTracker(logs, clock=fixed_clock())
    return [tracker.get_summary("daily", on=date(2026, 3, 2)),
            tracker.get_summary("weekly", on=date(2026, 3, 4)),
            tracker.get_summary("monthly", on=date(2026, 3, 4)),
            tracker.get_summary("range", date(2026, 3, 3), date(2026, 3, 5)),
            tracker.get_summary("rolling", on=date(2026, 3, 6), trades=4)]


# --------------------------------------------------------------------------- output paths


@pytest.mark.parametrize("shape", ["plain", "dot-dot", "spaces-and-newline", "relative", "unicode"])
def test_export_paths_are_direct_children_of_any_output_dir(tmp_path: Path, logs: Path,
                                                            shape: str) -> None:
    week_of_logs(logs)
    output_dir = {
        "plain": tmp_path / "out",
        "dot-dot": tmp_path / "a" / ".." / "b" / "..",
        "spaces-and-newline": tmp_path / "re ports\nweekly",
        "relative": Path("reports") / ".." / "reports",
        "unicode": tmp_path / "\u0440\u0435\u043f\u043e\u0440\u0442\u044b",
    }[shape]
    names = []
    for summary in summaries(logs):
        for extension in ("json", "md"):
            path = export_path(output_dir, summary, extension)
            assert path.parent == output_dir
            assert EXPORT_NAME.match(path.name), path.name
            assert os.sep not in path.name and ".." not in path.name
            names.append(path.name)
    assert names == [
        "daily-summary-2026-03-02.json", "daily-summary-2026-03-02.md",
        "weekly-summary-2026-03-02.json", "weekly-summary-2026-03-02.md",
        "monthly-summary-2026-03-01.json", "monthly-summary-2026-03-01.md",
        "range-summary-2026-03-03-to-2026-03-05.json", "range-summary-2026-03-03-to-2026-03-05.md",
        "rolling-4-trades-summary-to-2026-03-06.json", "rolling-4-trades-summary-to-2026-03-06.md",
    ]


@pytest.mark.parametrize(("field", "value", "message"), [
    ("window", "../../etc/passwd",
     "cannot name an export for window '../../etc/passwd' and extension 'json'"),
    ("window", "daily/../../x",
     "cannot name an export for window 'daily/../../x' and extension 'json'"),
    ("trades_requested", "3/../../x", "cannot name a rolling export of '3/../../x' trades"),
    ("trades_requested", 0, "cannot name a rolling export of 0 trades"),
])
def test_a_tampered_period_cannot_name_a_path(tmp_path: Path, logs: Path, field: str,
                                              value: object, message: str) -> None:
    """Even a summary built by other code cannot steer the name: only validated parts pass."""
    week_of_logs(logs)
    rolling = summaries(logs)[-1]
    period = dataclasses.replace(rolling.period, **{field: value})  # type: ignore[arg-type]
    tampered = dataclasses.replace(rolling, period=period)
    with pytest.raises(PerformanceError) as caught:
        export_path(tmp_path / "out", tampered, "json")
    assert str(caught.value) == message
    with pytest.raises(PerformanceError):
        export_path(tmp_path / "out", rolling, "../json")


def test_cli_refuses_a_window_that_is_a_path(tmp_path: Path, logs: Path) -> None:
    week_of_logs(logs)
    err = io.StringIO()
    with pytest.raises(SystemExit) as caught:
        cli.main(["--logs-dir", str(logs), "--window", "../../x", "--export",
                  "--output-dir", str(tmp_path / "out")], stdout=io.StringIO(), stderr=err)
    assert caught.value.code == 64
    assert "invalid choice: '../../x'" in err.getvalue()
    assert not (tmp_path / "out").exists()


def test_hostile_output_dir_receives_the_two_exports_and_nothing_else_changes(
        tmp_path: Path, logs: Path) -> None:
    week_of_logs(logs)
    output_dir = tmp_path / "a b" / ".." / "re\nports" / "." / "\u00fcber"
    (logs / "performance").mkdir()      # the cache's home: made before, so logs/ keeps its mtime
    before = snapshot(tmp_path, skip=logs / "performance")
    result = run_cli("--logs-dir", logs, "--date", DAY, "--export", "--output-dir", output_dir)
    assert result.returncode == 0, result.stderr
    after = snapshot(tmp_path, skip=logs / "performance")
    created = sorted(set(after) - set(before))
    # "a b" must exist for "a b/.." to lead anywhere: made empty, as ``mkdir -p`` would
    assert after["a b"][:2] == ("dir", b"") and not any(name.startswith("a b/") for name in after)
    assert created == ["a b", "re\nports", "re\nports/\u00fcber",
                       *(f"re\nports/\u00fcber/daily-summary-2026-03-02.{extension}"
                         for extension in ("html", "json", "md"))]
    assert {name: after[name] for name in before} == before


def test_export_replaces_a_planted_symlink_instead_of_writing_through_it(tmp_path: Path,
                                                                         logs: Path) -> None:
    """``os.replace`` swaps the link itself: the file it pointed to outside is left untouched."""
    week_of_logs(logs)
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    victims = {}
    for extension in ("json", "md"):
        victim = outside / f"victim.{extension}"
        victim.write_text("precious\n", encoding="utf-8")
        os.utime(victim, (1_000_000_000, 1_000_000_000))
        (out / f"daily-summary-2026-03-02.{extension}").symlink_to(victim)
        victims[extension] = victim
    before = snapshot(outside)

    result = run_cli("--logs-dir", logs, "--date", DAY, "--export", "--output-dir", out)
    assert result.returncode == 0, result.stderr
    assert snapshot(outside) == before
    assert sorted(path.name for path in out.iterdir()) == [
        "daily-summary-2026-03-02.html", "daily-summary-2026-03-02.json",
        "daily-summary-2026-03-02.md"]
    for extension in ("json", "md", "html"):
        written = out / f"daily-summary-2026-03-02.{extension}"
        assert not written.is_symlink()
        assert written.is_file()
    exported = json.loads((out / "daily-summary-2026-03-02.json").read_text(encoding="utf-8"))
    assert exported["metrics"]["net_profit_loss"] == "1"


def test_export_target_that_is_a_directory_is_an_error_not_a_traceback(tmp_path: Path,
                                                                         logs: Path) -> None:
    week_of_logs(logs)
    out = tmp_path / "out"
    (out / "daily-summary-2026-03-02.md").mkdir(parents=True)
    result = run_cli("--logs-dir", logs, "--date", DAY, "--export", "--output-dir", out)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith("error: ")
    assert sorted(path.name for path in out.iterdir() if not path.name.startswith(".")) == [
        "daily-summary-2026-03-02.json", "daily-summary-2026-03-02.md"]


# --------------------------------------------------------------------------- logs are only read


def window_totals(logs: Path) -> list[list[Any]]:
    """Closed trades, net P&L and bad lines of five windows, as plain JSON."""
    totals = []
    for summary in summaries(logs):
        values = summary.metrics.values
        totals.append([values["closed_trades"], str(values["net_profit_loss"]),
                       summary.data_quality.bad_lines])
    return totals


def test_read_only_logs_are_summarised_and_left_exactly_as_they_were(logs: Path) -> None:
    """Directory 0555, files 0444, and (under root) a run as ``nobody``, who truly cannot write.

    Nothing under the logs directory changes except a cache directory, if the run may make one.
    """
    week_of_logs(logs)
    (logs / "performance").mkdir()
    for path in logs.glob("*.jsonl"):
        path.chmod(0o444)
    logs.chmod(0o555)
    try:
        before = snapshot(logs, skip=logs / "performance")
        totals = as_nobody_or_here(logs, window_totals)
        after = snapshot(logs, skip=logs / "performance")
    finally:
        logs.chmod(0o755)
    assert after == before
    assert totals == [[2, "1", 0], [10, "15", 1], [10, "15", 1], [6, "9", 1], [4, "9", 1]]


AUDIT = r"""
import json, os, runpy, sys

record = open(sys.argv[1], "w", buffering=1)
PATHS = {"open": 1, "os.rename": 2, "os.remove": 1, "os.rmdir": 1, "os.mkdir": 1,
         "os.chmod": 1, "os.chown": 1, "os.utime": 1, "os.truncate": 1, "os.link": 2,
         "os.symlink": 2, "shutil.rmtree": 1, "shutil.move": 2, "shutil.copyfile": 2}

def hook(event, args):
    count = PATHS.get(event)
    if count is None:
        return
    paths = [os.path.abspath(os.fsdecode(p)) if isinstance(p, (str, bytes, os.PathLike)) else None
             for p in args[:count]]
    extra = list(args[1:3]) if event == "open" else []
    record.write(json.dumps([event, paths, *[a if isinstance(a, (int, str)) else None
                                             for a in extra]]) + "\n")

sys.argv = ["trading_bot.performance", *sys.argv[2:]]
sys.addaudithook(hook)
runpy.run_module("trading_bot.performance", run_name="__main__")
"""

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


def test_cli_opens_logs_read_only_audited(tmp_path: Path, logs: Path) -> None:
    """Python's audit events of a real ``--export`` run: every open of a log is read-only, and
    nothing under the logs directory is created, renamed, removed or touched except in
    ``performance/``, where the exports go (their writes prove the hook sees writes)."""
    week_of_logs(logs)
    record = tmp_path / "audit.jsonl"
    before = snapshot(logs, skip=logs / "performance")
    result = subprocess.run(
        [sys.executable, "-c", AUDIT, str(record), "--logs-dir", str(logs), "--window", "weekly",
         "--date", "2026-03-04", "--export"],
        capture_output=True, text=True, timeout=120,
        env={key: value for key, value in os.environ.items() if key != TZ_ENV})
    assert result.returncode == 0, result.stderr
    assert snapshot(logs, skip=logs / "performance") == before

    root = os.path.realpath(logs)
    exports = os.path.join(root, "performance")
    events = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]

    def under(path: str | None, folder: str) -> bool:
        if path is None:
            return False
        real = os.path.realpath(path)
        return real == folder or real.startswith(folder + os.sep)

    log_opens = [event for event in events if event[0] == "open" and under(event[1][0], root)
                 and not under(event[1][0], exports)]
    opened = sorted({Path(event[1][0]).name for event in log_opens})
    assert opened == [f"2026-03-0{day}.jsonl" for day in range(2, 7)]
    for _, _, mode, flags in log_opens:
        assert flags & WRITE_FLAGS == 0, (mode, flags)
        assert mode is None or set(mode) <= {"r", "b"}, mode
    changes = [event for event in events if event[0] != "open"
               and any(under(path, root) and not under(path, exports) for path in event[1])]
    assert changes == []
    export_writes = [event for event in events if under(event[1][0], exports)
                     and (event[0] != "open" or event[3] & WRITE_FLAGS)]
    assert export_writes, "the hook saw no write at all: it would not see a write to the logs"


# --------------------------------------------------------------------------- what reports reveal


@pytest.fixture
def revealing_logs(tmp_path: Path, logs: Path) -> Path:
    """Logs that exercise every place a report names a file: bad lines, skipped files (one a
    link to a private directory), open positions, duplicates, a group-by field."""
    week_of_logs(logs)
    private = tmp_path / "private-target-dir"
    write_log(private, "2026-03-05", trade("EXT", net="1"))
    (logs / "2026-03-05.jsonl.bak").write_text("ignored\n", encoding="utf-8")
    (logs / "2026-03-07.jsonl").symlink_to(private / "2026-03-05.jsonl")
    (logs / "notes.jsonl").write_text("{}\n", encoding="utf-8")
    write_log(logs, "2026-03-03", trade("L3", entry="2026-03-03T16:00:00Z",
                                        exit="2026-03-03T17:00:00Z", net="-1", outcome="loss",
                                        confidence="low"))
    return logs


REPORT_ARGS = [
    ["--format", "text"],
    ["--format", "json"],
    ["--format", "markdown"],
    ["--format", "csv", "--breakdown", "confidence"],
    ["--format", "html"],
]


def test_reports_reveal_no_secret_and_no_absolute_path(tmp_path: Path,
                                                       revealing_logs: Path) -> None:
    """An absolute ``--logs-dir`` under ``tmp_path`` and a secret in the environment: neither
    appears on stdout or in the exports; stderr names the absolute path only where the operator
    gave it (``wrote: <--output-dir>/...``)."""
    env = {SECRET_NAME: SECRET, "HOME": str(tmp_path / "home")}
    out = tmp_path / "exports"
    texts = []
    for args in REPORT_ARGS:
        result = run_cli("--logs-dir", revealing_logs, "--window", "weekly", "--date", "2026-03-04",
                         "--group-by", "confidence", *args, extra_env=env)
        assert result.returncode == 0, result.stderr
        assert result.stdout
        texts += [result.stdout, result.stderr]
    exported = run_cli("--logs-dir", revealing_logs, "--window", "weekly", "--date", "2026-03-04",
                       "--group-by", "confidence", "--export", "--output-dir", out, extra_env=env)
    assert exported.returncode == 0, exported.stderr
    files = [(out / f"weekly-summary-2026-03-02.{extension}").read_text(encoding="utf-8")
             for extension in ("json", "md", "html")]
    assert len(list(out.iterdir())) == 3
    texts += [exported.stdout, *files]

    for text in texts:
        assert SECRET not in text
        assert str(tmp_path) not in text
        assert "private-target-dir" not in text
    assert exported.stderr.splitlines() == [
        "bad line: 2026-03-04.jsonl:3: invalid JSON: Expecting value at column 1",
        "warning: 1 bad lines skipped and counted; see data_quality in the report",
        f"wrote: {out / 'weekly-summary-2026-03-02.json'}",
        f"wrote: {out / 'weekly-summary-2026-03-02.md'}",
        f"wrote: {out / 'weekly-summary-2026-03-02.html'}",
    ]
    document = json.loads(files[0])
    quality = document["data_quality"]
    assert quality["files_skipped"] == [
        "2026-03-07.jsonl: symlink points outside the logs directory (not followed)",
        "notes.jsonl: file name is not a date (expected YYYY-MM-DD.jsonl)"]
    assert quality["bad_line_examples"] == [
        "2026-03-04.jsonl:3: invalid JSON: Expecting value at column 1"]
    assert [position["source"] for position in document["open_positions"]] == ["2026-03-04.jsonl:4"]
    assert quality["duplicates"] == 1


def test_relative_logs_dir_leaves_no_absolute_path_anywhere(tmp_path: Path,
                                                            revealing_logs: Path) -> None:
    """Run from the project directory with relative paths: even stderr is free of it."""
    result = run_cli("--logs-dir", "logs", "--window", "weekly", "--date", "2026-03-04",
                     "--export", "--format", "json", cwd=tmp_path,
                     extra_env={SECRET_NAME: SECRET})
    assert result.returncode == 0, result.stderr
    exports = sorted((revealing_logs / "performance").glob("weekly-summary-*"))
    assert [path.name for path in exports] == ["weekly-summary-2026-03-02.html",
                                               "weekly-summary-2026-03-02.json",
                                               "weekly-summary-2026-03-02.md"]
    for text in (result.stdout, result.stderr, *(path.read_text(encoding="utf-8")
                                                 for path in exports)):
        assert str(tmp_path) not in text
        assert SECRET not in text
    assert "wrote: logs/performance/weekly-summary-2026-03-02.json" in result.stderr.splitlines()
    assert json.loads(result.stdout)["metrics"]["net_profit_loss"] == str(Decimal("15"))
