"""``--backfill N --export`` rebuilds only the periods whose inputs changed since their export,
and its progress bar never garbles the table on a terminal.

Every run is a real process on real files in ``tmp_path``; which periods were rebuilt is read
from the closing line (``N periods, R rebuilt, U unchanged``) and from the INFO line ``-v``
prints for each rebuilt period.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import tempfile
import termios
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from ..conftest import trade

LAST = date(2026, 3, 10)
#: 2026-03-01..10: ten days, the ISO weeks starting 02-23, 03-02 and 03-09, and March.
PERIODS = 14
DAYS = (date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 5), date(2026, 3, 9), LAST)
REBUILT = re.compile(r"backfill: rebuilding (\w+ \d{4}-\d{2}-\d{2}): (.+)$", re.MULTILINE)


def closed_line(order_id: str, day: date, second: int, net: str,
                entry: datetime | None = None) -> bytes:
    """A closed trade exited on ``day`` at 01:00 UTC plus ``second`` seconds (entered half an
    hour before, or at ``entry``)."""
    exit_ = datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC) + timedelta(seconds=second)
    opened = entry or exit_ - timedelta(minutes=30)
    outcome = "win" if Decimal(net) > 0 else "loss" if Decimal(net) < 0 else "breakeven"
    line = trade(order_id, entry=opened.isoformat().replace("+00:00", "Z"),
                 exit=exit_.isoformat().replace("+00:00", "Z"), outcome=outcome, net=net)
    return (json.dumps(line) + "\n").encode("utf-8")


def append(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "ab") as handle:
        handle.write(data)


def write_days(logs: Path, days: tuple[date, ...] = DAYS) -> None:
    for day in days:
        append(logs / f"{day.isoformat()}.jsonl", b"".join(
            closed_line(f"{day.day}-{n}", day, n, f"{n - 2}.75") for n in range(4)))


def cli(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """A real run from an empty working directory (no repository targets file), verbose."""
    env = {key: value for key, value in os.environ.items()
           if key != "PERFORMANCE_SUMMARY_TIMEZONE"}
    with tempfile.TemporaryDirectory() as neutral:
        return subprocess.run(
            [sys.executable, "-m", "trading_bot.performance", "-v", *map(str, args)],
            capture_output=True, text=True, env=env, timeout=120, cwd=cwd or neutral)


def backfill(logs: Path, *extra: object) -> subprocess.CompletedProcess[str]:
    result = cli("--logs-dir", logs, "--backfill", 10, "--date", LAST, "--export", *extra)
    assert result.returncode == 0, result.stderr
    return result


def rebuilt(result: subprocess.CompletedProcess[str]) -> set[str]:
    return {key for key, _ in REBUILT.findall(result.stderr)}


def counts(result: subprocess.CompletedProcess[str]) -> tuple[int, int]:
    found = re.search(r"backfill: (\d+) periods, (\d+) rebuilt, (\d+) unchanged", result.stderr)
    assert found, result.stderr
    assert int(found[1]) == PERIODS
    return int(found[2]), int(found[3])


def exports(directory: Path) -> dict[str, tuple[bytes, int]]:
    return {path.name: (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(directory.iterdir())
            if path.is_file() and not path.name.startswith(".")}


def daily(*days: int) -> set[str]:
    return {f"daily 2026-03-{day:02d}" for day in days}


def test_idempotent_backfill_builds_no_summary_and_touches_no_export(logs: Path) -> None:
    write_days(logs)
    first = backfill(logs)
    assert counts(first) == (PERIODS, 0)
    assert "42 files written, 0 unchanged" in first.stderr
    assert "10 daily, 3 weekly, 1 monthly summaries" in first.stderr
    before = exports(logs / "performance")
    assert len(before) == 42
    assert (logs / "performance" / ".backfill-manifest.json").is_file()

    second = backfill(logs)
    assert counts(second) == (0, PERIODS)
    assert rebuilt(second) == set()
    assert "0 files written, 42 unchanged (nothing to do" in second.stderr
    assert exports(logs / "performance") == before           # same bytes, same mtimes
    assert second.stdout == first.stdout                       # the table, from the manifest


def test_a_changed_day_file_rebuilds_exactly_the_periods_that_read_it(logs: Path) -> None:
    """A period reads the files dated up to its end plus one day (the timezone margin; open
    positions and pairing carry state from all earlier history), so a change on 03-05 rebuilds
    the days 03-04..03-10, the weeks of 03-02 and 03-09 and March; not 03-01..03-03 nor the
    week of 02-23."""
    write_days(logs)
    backfill(logs)
    before = exports(logs / "performance")
    append(logs / "2026-03-05.jsonl", closed_line("late", date(2026, 3, 5), 60, "5.00"))

    third = backfill(logs)
    expected = daily(4, 5, 6, 7, 8, 9, 10) | {"weekly 2026-03-02", "weekly 2026-03-09",
                                              "monthly 2026-03-01"}
    assert rebuilt(third) == expected
    assert counts(third) == (len(expected), PERIODS - len(expected))
    after = exports(logs / "performance")
    changed = {name for name in before if after[name] != before[name]}
    assert {"daily-summary-2026-03-05.json", "weekly-summary-2026-03-02.json",
            "monthly-summary-2026-03-01.json"} <= changed
    assert not {name for name in changed if name.startswith(
        ("daily-summary-2026-03-01", "daily-summary-2026-03-02", "daily-summary-2026-03-03",
         "weekly-summary-2026-02-23"))}
    document = json.loads((logs / "performance" / "daily-summary-2026-03-05.json").read_text())
    assert document["metrics"]["closed_trades"] == 5
    assert counts(backfill(logs)) == (0, PERIODS)


def test_a_later_file_reaching_back_rebuilds_the_periods_it_reaches(logs: Path) -> None:
    """A trade closed on 03-10 but entered on 03-03 was open at the end of 03-03..03-09: the
    file of 03-10 now reaches back to 03-03, so those periods' reports (their open positions)
    are rebuilt, though the file is dated after them."""
    write_days(logs)
    backfill(logs)
    before = exports(logs / "performance")
    append(logs / f"{LAST.isoformat()}.jsonl", closed_line(
        "held", LAST, 90, "7.00", entry=datetime(2026, 3, 3, 12, 0, tzinfo=UTC)))

    result = backfill(logs)
    expected = daily(2, 3, 4, 5, 6, 7, 8, 9, 10) | {"weekly 2026-03-02", "weekly 2026-03-09",
                                                     "monthly 2026-03-01"}
    assert rebuilt(result) == expected
    after = exports(logs / "performance")
    document = json.loads(after["daily-summary-2026-03-05.json"][0])
    assert after["daily-summary-2026-03-05.json"] != before["daily-summary-2026-03-05.json"]
    assert "held" in json.dumps(document["open_positions"])


def test_a_changed_option_or_targets_file_rebuilds_every_period(logs: Path,
                                                                tmp_path: Path) -> None:
    write_days(logs)
    backfill(logs)
    assert counts(backfill(logs, "--max-rows", 5)) == (PERIODS, 0)
    assert counts(backfill(logs, "--max-rows", 5)) == (0, PERIODS)
    assert counts(backfill(logs, "--max-rows", 5, "--tz", "Europe/Berlin")) == (PERIODS, 0)

    targets = tmp_path / "targets.yaml"
    targets.write_text("win_rate_target: 60\n", encoding="utf-8")
    assert counts(backfill(logs, "--targets", targets)) == (PERIODS, 0)
    assert counts(backfill(logs, "--targets", targets)) == (0, PERIODS)
    report = logs / "performance" / "daily-summary-2026-03-03.json"
    before = json.loads(report.read_text())["targets"]
    targets.write_text("win_rate_target: 40\n", encoding="utf-8")      # same path, new content
    assert counts(backfill(logs, "--targets", targets)) == (PERIODS, 0)
    assert json.loads(report.read_text())["targets"] != before


def test_a_changed_alert_state_rebuilds_reports_that_show_targets(logs: Path,
                                                                  tmp_path: Path) -> None:
    """The targets table lists the alerts raised for its period from the alert state: a state
    saved by an alerting run since the export makes every period's inputs differ."""
    write_days(logs)
    targets = tmp_path / "targets.yaml"
    targets.write_text("daily_pl_target: 100\n", encoding="utf-8")
    backfill(logs, "--targets", targets)
    assert counts(backfill(logs, "--targets", targets)) == (0, PERIODS)
    before = exports(logs / "performance")
    alerting = cli("--logs-dir", logs, "--date", "2026-03-09", "--targets", targets)
    assert alerting.returncode == 2, alerting.stderr            # a breach: the state is saved
    assert (logs / "performance-alerts.state.json").is_file()
    assert counts(backfill(logs, "--targets", targets)) == (PERIODS, 0)
    after = exports(logs / "performance")
    changed = {name for name in before if after[name] != before[name]}
    assert "daily-summary-2026-03-09.md" in changed, changed      # it lists the alert raised


def test_a_deleted_or_edited_export_is_written_again(logs: Path) -> None:
    write_days(logs)
    backfill(logs)
    directory = logs / "performance"
    (directory / "daily-summary-2026-03-03.md").unlink()
    (directory / "weekly-summary-2026-03-02.html").write_text("edited by hand", encoding="utf-8")
    before = exports(directory)

    result = backfill(logs)
    assert rebuilt(result) == {"daily 2026-03-03", "weekly 2026-03-02"}
    assert "2 files written" in result.stderr
    after = exports(directory)
    assert (directory / "daily-summary-2026-03-03.md").is_file()
    assert "edited by hand" not in (directory / "weekly-summary-2026-03-02.html").read_text()
    assert {name for name in before if after[name] != before[name]} == {
        "weekly-summary-2026-03-02.html"}


def test_a_period_not_over_is_always_rebuilt(logs: Path) -> None:
    """Today's day, week and month are cut at "now" (as_of, ages of open positions): they have
    no fingerprint and are rebuilt on every run; finished periods are skipped."""
    today = datetime.now(UTC).date()
    write_days(logs, (today - timedelta(days=1), today))
    first = cli("--logs-dir", logs, "--backfill", 2, "--export", "--tz", "UTC")
    assert first.returncode == 0, first.stderr
    second = cli("--logs-dir", logs, "--backfill", 2, "--export", "--tz", "UTC")
    assert second.returncode == 0, second.stderr
    assert {key.split()[0] for key in rebuilt(second)} == {"daily", "weekly", "monthly"}
    assert f"daily {today.isoformat()}" in rebuilt(second)
    assert f"daily {(today - timedelta(days=1)).isoformat()}" not in rebuilt(second)
    assert all("not over" in why for _, why in REBUILT.findall(second.stderr))


def test_an_unreadable_manifest_is_set_aside_with_a_warning(logs: Path) -> None:
    write_days(logs)
    backfill(logs)
    manifest = logs / "performance" / ".backfill-manifest.json"
    manifest.write_text("{not json", encoding="utf-8")
    result = backfill(logs)
    assert "unreadable backfill manifest" in result.stderr
    assert counts(result) == (PERIODS, 0)
    assert "0 files written, 42 unchanged" in result.stderr
    assert counts(backfill(logs)) == (0, PERIODS)


def test_without_export_every_period_is_built_and_no_manifest_is_written(logs: Path) -> None:
    write_days(logs)
    result = cli("--logs-dir", logs, "--backfill", 10, "--date", LAST)
    assert result.returncode == 0, result.stderr
    assert "14 periods built (10 daily, 3 weekly, 1 monthly summaries)" in result.stderr
    assert "(no --export: nothing written)" in result.stderr
    assert not (logs / "performance" / ".backfill-manifest.json").exists()


def test_touching_the_newest_log_file_rebuilds_no_finished_period(logs: Path,
                                                                   tmp_path: Path) -> None:
    """stale_log reads the newest file's mtime, but only for a live period, and a report built
    without alerting never shows it: touching a file dated after every period's horizon changes
    no finished period's inputs, with the rule configured."""
    write_days(logs)
    later = logs / "2026-04-05.jsonl"           # after March and its one-day margin
    append(later, closed_line("later", date(2026, 4, 5), 1, "1.00"))
    targets = tmp_path / "targets.yaml"
    targets.write_text("win_rate_target: 60\ndata_health:\n  stale_log:\n    warn_after: 1h\n",
                       encoding="utf-8")
    backfill(logs, "--targets", targets)
    assert counts(backfill(logs, "--targets", targets)) == (0, PERIODS)
    before = exports(logs / "performance")
    stat = later.stat()
    os.utime(later, ns=(stat.st_atime_ns, stat.st_mtime_ns + 3_600_000_000_000))

    result = backfill(logs, "--targets", targets)
    assert counts(result) == (0, PERIODS), rebuilt(result)
    assert exports(logs / "performance") == before


def test_paths_count_resolved_not_as_spelled(logs: Path, tmp_path: Path) -> None:
    """``--logs-dir logs`` and ``--logs-dir /abs/logs`` (likewise ``--alert-log``, ``--marks``)
    name the same files and write the same reports: no period is rebuilt.  The targets file's
    path is the JSON report's ``targets.source`` as given, so respelling it rewrites exactly
    the JSON files."""
    write_days(logs)
    assert logs.parent == tmp_path
    marks = tmp_path / "marks.csv"
    marks.write_text("symbol,price\nBTCUSDT,100\n", encoding="utf-8")

    def run(*args: object) -> subprocess.CompletedProcess[str]:
        result = cli("--backfill", 10, "--date", LAST, "--export", *args, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        return result

    run("--logs-dir", logs.name, "--alert-log", "alerts.jsonl", "--marks", marks.name)
    again = run("--logs-dir", logs, "--alert-log", tmp_path / "alerts.jsonl", "--marks", marks)
    assert counts(again) == (0, PERIODS), rebuilt(again)
    again = run("--logs-dir", f"./{logs.name}/", "--alert-log", "./alerts.jsonl",
                "--marks", f"{logs.name}/../{marks.name}")
    assert counts(again) == (0, PERIODS), rebuilt(again)

    targets = tmp_path / "targets.yaml"
    targets.write_text("win_rate_target: 60\n", encoding="utf-8")
    run("--logs-dir", logs.name, "--targets", targets.name)
    respelled = run("--logs-dir", logs.name, "--targets", targets)
    assert counts(respelled) == (PERIODS, 0)
    assert "14 files written, 28 unchanged" in respelled.stderr      # the JSON files only
    document = json.loads((logs / "performance" / "daily-summary-2026-03-03.json").read_text())
    assert document["targets"]["source"] == str(targets)


def test_backfill_has_one_bound_named_by_one_message(tmp_path: Path) -> None:
    """``--backfill N`` reaches back at most to 1970-01-01: one bound, named by one message
    (exit 64) however large N is."""
    logs = tmp_path / "logs"
    logs.mkdir()
    for days in (20_764, 100_000_000, 10**30):
        refused = cli("--logs-dir", logs, "--backfill", days, "--date", "2026-11-05")
        assert refused.returncode == 64, refused.stderr
        assert (f"error: --backfill {days} ending 2026-11-05 would start before 1970-01-01: "
                "at most 20,763 days") in refused.stderr
        assert "2,567,655" not in refused.stderr
    assert cli("--logs-dir", logs, "--backfill", 3, "--date", "1970-01-02").returncode == 64


def test_backfill_clips_its_first_week_at_1970_like_window_weekly(tmp_path: Path) -> None:
    """The week of 1970-01-01 starts on Monday 1969-12-29, before the supported years: the
    backfill builds it like ``--window weekly --date 1970-01-01`` (same file, same period)."""
    logs = tmp_path / "logs"
    logs.mkdir()
    first = cli("--logs-dir", logs, "--backfill", 2, "--date", "1970-01-02", "--export",
                "--tz", "UTC")
    assert first.returncode == 0, first.stderr
    assert "4 periods, 4 rebuilt" in first.stderr
    assert "weekly   1970-W01" in first.stdout
    weekly = logs / "performance" / "weekly-summary-1969-12-29.json"
    shown = cli("--logs-dir", logs, "--window", "weekly", "--date", "1970-01-01",
                "--export", "--output-dir", tmp_path / "plain-out", "--tz", "UTC")
    assert shown.returncode == 0, shown.stderr
    plain = tmp_path / "plain-out" / weekly.name
    assert (json.loads(weekly.read_text())["period"]
            == json.loads(plain.read_text())["period"])
    second = cli("--logs-dir", logs, "--backfill", 2, "--date", "1970-01-02", "--export",
                 "--tz", "UTC")
    assert "4 periods, 0 rebuilt, 4 unchanged" in second.stderr


# --------------------------------------------------------------------------------------------
# the progress bar on a terminal


def screen(raw: str) -> list[str]:
    """What a terminal shows after ``raw``: carriage return, line feed and erase-to-end-of-line
    (``ESC [ K``) applied; any other escape sequence is kept as text, so it would show."""
    lines = [""]
    column = 0
    index = 0
    while index < len(raw):
        if raw.startswith("\x1b[K", index):
            lines[-1] = lines[-1][:column]
            index += 3
            continue
        char = raw[index]
        if char == "\r":
            column = 0
        elif char == "\n":
            lines.append("")
            column = 0
        else:
            line = lines[-1].ljust(column)
            lines[-1] = line[:column] + char + line[column + 1:]
            column += 1
        index += 1
    return lines


def run_on_terminal(*args: object, columns: int = 120) -> tuple[int, str]:
    """Run the command with stdout and stderr on one pseudo-terminal; what it wrote there."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {key: value for key, value in os.environ.items()
           if key != "PERFORMANCE_SUMMARY_TIMEZONE"}
    with tempfile.TemporaryDirectory() as neutral:
        process = subprocess.Popen(
            [sys.executable, "-m", "trading_bot.performance", *map(str, args)],
            stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env, cwd=neutral)
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError as exc:          # EIO: the child closed the terminal
                if exc.errno != errno.EIO:
                    raise
                break
            if not chunk:
                break
            chunks.append(chunk)
        code = process.wait(timeout=120)
    os.close(master)
    return code, b"".join(chunks).decode("utf-8")


def test_progress_bar_is_erased_before_each_row_and_at_the_end(logs: Path) -> None:
    write_days(logs)
    code, raw = run_on_terminal("--logs-dir", logs, "--backfill", 10, "--date", LAST,
                                "--export", columns=100)
    assert code == 0, raw
    assert "elapsed" in raw and "ETA" in raw and "[###" in raw    # the bar was drawn
    shown = [line for line in screen(raw) if line.strip()]
    assert not [line for line in shown if "[" in line or "elapsed" in line], shown
    assert shown[0].split() == ["window", "period", "closed", "net", "P&L", "win", "rate"]
    rows = shown[1:-1]
    assert len(rows) == PERIODS
    assert all(re.match(r"(daily|weekly|monthly) +\d{4}-", row) for row in rows), rows
    assert shown[-1].startswith("backfill: 14 periods, 14 rebuilt, 0 unchanged")
    bars = re.findall(r"\[[#.]+\][^\r\n\x1b]*", raw)
    assert bars and max(map(len, bars)) < 100, "the bar fits the terminal's width"


def test_log_records_on_the_terminal_never_follow_the_bar(logs: Path) -> None:
    """With ``-v`` the INFO records share the terminal with the bar: the bar is erased before
    each record and drawn again after it."""
    write_days(logs)
    code, raw = run_on_terminal("-v", "--logs-dir", logs, "--backfill", 10, "--date", LAST,
                                "--export")
    assert code == 0, raw
    shown = [line for line in screen(raw) if line.strip()]
    records = [line for line in shown if "INFO" in line]
    assert len(records) >= PERIODS
    assert all(line.startswith("INFO ") for line in records), records
    assert not [line for line in shown if "elapsed" in line], shown
    rows = [line for line in shown if re.match(r"(daily|weekly|monthly) ", line)]
    assert len(rows) == PERIODS


def test_no_bar_when_stderr_is_not_a_terminal(logs: Path) -> None:
    write_days(logs)
    result = backfill(logs)
    assert "\r" not in result.stderr and "\x1b" not in result.stderr
    assert "elapsed" not in result.stderr and "[#" not in result.stderr
