"""The SQLite cache: incremental refresh, damage handling, concurrency, parallel parsing, backfill.

Everything runs on real files in ``tmp_path`` and real processes; nothing of the package is
mocked.  The reference for every cached answer is a from-scratch computation: a tracker with a
brand-new cache directory (must be identical, field for field, minus ``generated_at``) and a
tracker with ``cache=False`` (must agree on everything computed from the closed trades; open
positions and data quality legitimately differ because the cache sees all history, see the
cache_reads module docstring).

Test data keeps every line within a day of its file's UTC date and every repeated ``order_id``
within two adjacent files, so the uncached path, which reads only the window's files and one day
each side, sees every line that can decide a window's closed trades.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from trading_bot.performance import PerformanceTracker, __version__
from trading_bot.performance.cache import indexing
from trading_bot.performance.cache.store import CACHE_FILE_NAME, CACHE_FORMAT, CacheStore
from trading_bot.performance.ingest.logfiles import list_day_files

from ..conftest import fixed_clock, trade

TZ_ENV = "PERFORMANCE_SUMMARY_TIMEZONE"
LOGGER_NAME = "trading_bot.performance"
#: The parts of ``to_dict()`` computed from the closed trades alone: the cached and the uncached
#: paths must agree on them (open positions and data quality may differ, see the module doc).
TRADE_KEYS = ("window", "period", "timezone", "as_of", "status", "metrics", "null_reasons",
              "largest_win", "largest_loss", "streaks", "drawdown", "daily", "best_day",
              "worst_day", "breakdowns", "group_by")


# --------------------------------------------------------------------------------------------
# helpers


def stable(summary: Any) -> dict[str, Any]:
    """The whole summary document without its only volatile key."""
    document: dict[str, Any] = summary.to_dict()
    document.pop("generated_at")
    return document


def trade_part(summary: Any) -> dict[str, Any]:
    document = summary.to_dict()
    part = {key: document[key] for key in TRADE_KEYS}
    part["metrics"] = {name: value for name, value in part["metrics"].items()
                       if name != "open_trades"}      # counts the open positions
    return part


def line_bytes(line: dict[str, Any]) -> bytes:
    return (json.dumps(line) + "\n").encode("utf-8")


def append_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "ab") as handle:
        handle.write(data)


def rewrite_in_place(path: Path, data: bytes) -> None:
    """Same inode: truncate and write (what an editor saving in place does)."""
    with open(path, "r+b") as handle:
        handle.write(data)
        handle.truncate()


def replace_file(path: Path, data: bytes) -> None:
    """New inode: write a temporary file and rename it over (what ``sed -i`` does)."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def closed_line(order_id: str, day: date, second: int, net: str,
                **overrides: Any) -> dict[str, Any]:
    """A closed trade entered and exited on ``day`` (UTC), ``second`` seconds after 01:00."""
    entry = datetime(day.year, day.month, day.day, 0, 30) + timedelta(seconds=second)
    exit_ = datetime(day.year, day.month, day.day, 1, 0) + timedelta(seconds=second)
    outcome = "win" if Decimal(net) > 0 else "loss" if Decimal(net) < 0 else "breakeven"
    return trade(order_id, entry=entry.isoformat() + "Z", exit=exit_.isoformat() + "Z",
                 outcome=outcome, net=net, **overrides)


def info_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records
            if record.name == LOGGER_NAME and record.levelno == logging.INFO]


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records
            if record.name == LOGGER_NAME and record.levelno == logging.WARNING]


def cli(*args: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """A real run from an empty working directory: no ``config/dashboard-targets.yaml`` of the
    repository's can turn these cache runs into target runs."""
    env = dict(os.environ)
    env.pop(TZ_ENV, None)
    with tempfile.TemporaryDirectory() as neutral:
        return subprocess.run([sys.executable, "-m", "trading_bot.performance", *map(str, args)],
                              capture_output=True, text=True, env=env, timeout=timeout,
                              cwd=neutral)


def cache_tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored fact about the logs, in a canonical order (day aggregates are compared
    separately: which days happen to be stored depends on the windows read so far)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            "files": connection.execute(
                "SELECT name, size, parsed_offset, next_line, digest, lines_read, valid_lines "
                "FROM files ORDER BY name").fetchall(),
            "lines": connection.execute("SELECT * FROM lines ORDER BY file, line").fetchall(),
            "bad_lines": connection.execute(
                "SELECT * FROM bad_lines ORDER BY file, line").fetchall(),
        }
    finally:
        connection.close()


def day_aggregates(path: Path) -> dict[tuple[str, str], tuple[Any, ...]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {(row[0], row[1]): row[2:] for row in connection.execute(
            "SELECT * FROM day_aggregates")}
    finally:
        connection.close()


def assert_same_stored_aggregates(cache: Path, reference: Path) -> None:
    """A day aggregate stored in both caches must be the same value."""
    ours, theirs = day_aggregates(cache), day_aggregates(reference)
    for key in ours.keys() & theirs.keys():
        assert ours[key] == theirs[key], key


# --------------------------------------------------------------------------------------------
# 1. stateful: any sequence of log edits, refresh after each, equals a from-scratch computation

DAYS = (date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 3))
NOW = "2026-03-10T00:00:00Z"
#: Daily windows of every file date, both ISO weeks, both months, a short rolling window and one
#: that covers all history.  New York also gets the day before the first file (its 01:00 and
#: 04:00 UTC lines fall there).
WINDOWS: tuple[tuple[str, date, int | None], ...] = (
    *(("daily", day, None) for day in DAYS),
    ("weekly", date(2026, 3, 1), None), ("weekly", date(2026, 3, 2), None),
    ("monthly", date(2026, 2, 28), None), ("monthly", date(2026, 3, 1), None),
    ("rolling", date(2026, 3, 3), 3), ("rolling", date(2026, 3, 3), 1000),
)
BAD_LINES = (b"not json at all\n", b'{"order_id": "B1"}\n', b"[1, 2, 3]\n", b"\n",
             b'{"timestamp": "2026-03-01T00:00:00Z", "outcome": "win"}\n')

line_specs = st.fixed_dictionaries({
    "home": st.integers(0, len(DAYS) - 1),      # the order's entry day
    "n": st.integers(0, 2),                      # few ids per home day: many repeats
    "later_file": st.booleans(),                 # written into the next day's file
    "outcome": st.sampled_from(["open", "win", "loss", "breakeven", "win"]),
    "cents": st.integers(-5000, 5000),           # sign independent of outcome: some inconsistent
    "hour": st.sampled_from([1, 4, 12, 23]),     # 01:00/04:00 UTC are the previous NY day
    "strategy": st.sampled_from(["alpha", "beta"]),
    "symbol": st.sampled_from(["AAPL", "MSFT"]),
})


class CacheMachine(RuleBasedStateMachine):
    """Log files edited every way the cache must notice; one cache kept across all steps."""

    zone = "UTC"
    windows = WINDOWS

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="cache-machine-"))
        self.logs = self.root / "logs"
        self.logs.mkdir()
        self.torn: dict[int, bytes] = {}       # file index -> the rest of its torn last line
        self.written: list[tuple[int, bytes]] = []   # (home, line) for verbatim repeats
        self.second = 0
        self.checks = 0
        self.cached = PerformanceTracker(self.logs, timezone=self.zone, clock=fixed_clock(NOW),
                                         cache_dir=self.root / "cache")

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    # building lines ---------------------------------------------------------------------------

    def path(self, index: int) -> Path:
        return self.logs / f"{DAYS[index].isoformat()}.jsonl"

    def make_line(self, spec: dict[str, Any]) -> tuple[int, bytes]:
        """(file index, line bytes) of a line placed on its file's UTC date."""
        home = spec["home"]
        index = min(home + int(spec["later_file"]), len(DAYS) - 1)
        self.second += 1      # every line realizes at its own instant: no ties between orders
        entry = datetime.combine(DAYS[home], datetime.min.time()) + timedelta(minutes=spec["n"])
        exit_ = (datetime.combine(DAYS[index], datetime.min.time())
                 + timedelta(hours=spec["hour"], seconds=self.second))
        net = str(Decimal(spec["cents"]).scaleb(-2))
        line = trade(f"O{home}-{spec['n']}", entry=entry.isoformat() + "Z",
                     exit=exit_.isoformat() + "Z", outcome=spec["outcome"], net=net,
                     strategy=spec["strategy"], symbol=spec["symbol"])
        data = line_bytes(line)
        self.written.append((home, data))
        return index, data

    def complete(self, index: int) -> None:
        rest = self.torn.pop(index, None)
        if rest is not None:
            append_bytes(self.path(index), rest)

    def existing(self) -> list[int]:
        return [index for index in range(len(DAYS)) if self.path(index).exists()]

    # rules ------------------------------------------------------------------------------------

    @initialize(specs=st.lists(line_specs, min_size=1, max_size=5))
    def start_with_the_later_files(self, specs: list[dict[str, Any]]) -> None:
        """Only the two later dates exist at first, so new files can be older than all."""
        for spec in specs:
            index, data = self.make_line({**spec, "home": max(spec["home"], 2)})
            append_bytes(self.path(index), data)

    @rule(specs=st.lists(line_specs, min_size=1, max_size=4))
    def append_lines(self, specs: list[dict[str, Any]]) -> None:
        """Also creates a file, possibly dated before every existing one."""
        by_file: dict[int, bytes] = {}
        for spec in specs:
            index, data = self.make_line(spec)
            by_file[index] = by_file.get(index, b"") + data
        for index, data in by_file.items():
            self.complete(index)
            append_bytes(self.path(index), data)

    @precondition(lambda self: bool(self.written))
    @rule(pick=st.integers(0, 10_000), later_file=st.booleans())
    def append_repeat(self, pick: int, later_file: bool) -> None:
        """A verbatim repeat of an earlier line (a duplicate, or a reopening/supersession)."""
        home, data = self.written[pick % len(self.written)]
        index = min(home + int(later_file), len(DAYS) - 1)
        self.complete(index)
        append_bytes(self.path(index), data)

    @rule(spec=line_specs, cut=st.floats(0.05, 0.95))
    def append_torn_line(self, spec: dict[str, Any], cut: float) -> None:
        index, data = self.make_line(spec)
        self.complete(index)
        split = max(1, min(len(data) - 1, int(len(data) * cut)))
        append_bytes(self.path(index), data[:split])
        self.torn[index] = data[split:]

    @precondition(lambda self: bool(self.torn))
    @rule(pick=st.integers(0, 10))
    def complete_torn_line(self, pick: int) -> None:
        self.complete(sorted(self.torn)[pick % len(self.torn)])

    @rule(index=st.integers(0, len(DAYS) - 1), bad=st.sampled_from(BAD_LINES))
    def append_bad_line(self, index: int, bad: bytes) -> None:
        self.complete(index)
        append_bytes(self.path(index), bad)

    @precondition(lambda self: bool(self.existing()))
    @rule(pick=st.integers(0, 10_000), which=st.integers(0, 10_000))
    def rewrite_same_size(self, pick: int, which: int) -> None:
        """Change one digit in place: same inode, same size, different content."""
        files = self.existing()
        path = self.path(files[pick % len(files)])
        content = bytearray(path.read_bytes())
        digits = [match.end() - 2 for match in
                  re.finditer(rb'"net_profit_loss": "-?[0-9.]*[0-9]"', content)]
        if not digits:
            digits = [index for index, byte in enumerate(content) if chr(byte).isdigit()]
        if not digits:
            return
        position = digits[which % len(digits)]
        content[position] = ord(str((int(chr(content[position])) + 1) % 10))
        with open(path, "r+b") as handle:
            handle.seek(position)
            handle.write(bytes(content[position:position + 1]))

    @precondition(lambda self: bool(self.existing()))
    @rule(pick=st.integers(0, 10_000), keep=st.lists(st.booleans(), max_size=30),
          reverse=st.booleans(), new_inode=st.booleans())
    def rewrite_different(self, pick: int, keep: list[bool], reverse: bool,
                          new_inode: bool) -> None:
        """Keep some complete lines, maybe reordered; longer, shorter or same length."""
        files = self.existing()
        index = files[pick % len(files)]
        path = self.path(index)
        lines = path.read_bytes().splitlines(keepends=True)
        lines = [line for position, line in enumerate(lines)
                 if line.endswith(b"\n") and (keep[position] if position < len(keep) else True)]
        if reverse:
            lines.reverse()
        self.torn.pop(index, None)
        (replace_file if new_inode else rewrite_in_place)(path, b"".join(lines))

    @precondition(lambda self: bool(self.existing()))
    @rule(pick=st.integers(0, 10_000), fraction=st.floats(0.0, 1.0),
          at_line_end=st.booleans())
    def truncate(self, pick: int, fraction: float, at_line_end: bool) -> None:
        """Cut the file, at a line end or anywhere (a mid-line cut leaves a junk tail)."""
        files = self.existing()
        index = files[pick % len(files)]
        path = self.path(index)
        content = path.read_bytes()
        size = int(len(content) * fraction)
        if at_line_end:
            size = content.rfind(b"\n", 0, size) + 1
        self.torn.pop(index, None)
        with open(path, "r+b") as handle:
            handle.truncate(size)

    @precondition(lambda self: bool(self.existing()))
    @rule(pick=st.integers(0, 10_000))
    def delete(self, pick: int) -> None:
        files = self.existing()
        index = files[pick % len(files)]
        self.torn.pop(index, None)
        self.path(index).unlink()

    @precondition(lambda self: bool(self.existing()))
    @rule(pick=st.integers(0, 10_000), shift=st.integers(-10**12, 10**12))
    def touch(self, pick: int, shift: int) -> None:
        """The mtime alone changes (forwards or backwards)."""
        files = self.existing()
        path = self.path(files[pick % len(files)])
        moment = time.time_ns() + shift
        os.utime(path, ns=(moment, moment))

    # the property -----------------------------------------------------------------------------

    @invariant()
    def cached_equals_from_scratch(self) -> None:
        self.checks += 1
        scratch = self.root / f"scratch-{self.checks}"
        fresh = PerformanceTracker(self.logs, timezone=self.zone, clock=fixed_clock(NOW),
                                   cache_dir=scratch)
        plain = PerformanceTracker(self.logs, timezone=self.zone, clock=fixed_clock(NOW),
                                   cache=False)
        for window, on, trades in self.windows:
            got = self.cached.get_summary(window, on=on, trades=trades)
            assert self.cached.last_refresh is not None, "the cached tracker fell back"
            want = fresh.get_summary(window, on=on, trades=trades)
            assert stable(got) == stable(want), (window, on, trades)
            assert trade_part(got) == trade_part(
                plain.get_summary(window, on=on, trades=trades)), (window, on, trades)
        assert_same_stored_aggregates(self.cached.cache_path, fresh.cache_path)
        shutil.rmtree(scratch)


class NewYorkCacheMachine(CacheMachine):
    """Local days span two UTC files: 01:00 and 04:00 UTC lines belong to the previous day."""

    zone = "America/New_York"
    windows = (("daily", date(2026, 2, 27), None), *WINDOWS)


def machine_settings(examples: int) -> settings:
    """No shrink phase: a step costs ~30 summaries and shrinking one failure took minutes; the
    failing sequence is printed as generated (add Phase.shrink locally to minimise it)."""
    return settings(max_examples=examples, stateful_step_count=10, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow],
                    phases=[Phase.explicit, Phase.reuse, Phase.generate])


TestCacheMachineUTC = CacheMachine.TestCase
TestCacheMachineUTC.settings = machine_settings(14)
TestCacheMachineNewYork = NewYorkCacheMachine.TestCase
TestCacheMachineNewYork.settings = machine_settings(8)


# --------------------------------------------------------------------------------------------
# 2. the incremental rules, observed through RefreshStats

DAY_A, DAY_B = date(2026, 3, 2), date(2026, 3, 3)


def test_each_kind_of_change_is_handled_by_its_rule(logs: Path,
                                                   make_tracker: Callable[..., Any]) -> None:
    file_a, file_b = logs / "2026-03-02.jsonl", logs / "2026-03-03.jsonl"
    append_bytes(file_a, line_bytes(closed_line("A1", DAY_A, 1, "10.00"))
                 + line_bytes(closed_line("A2", DAY_A, 2, "-3.50")))
    append_bytes(file_b, line_bytes(closed_line("B1", DAY_B, 1, "1.25")))
    tracker = make_tracker()
    plain = make_tracker(cache=False)

    def weekly(closed: int, net: str) -> Any:
        summary = tracker.get_summary("weekly", on=DAY_A)
        assert (summary.aggregate.core.closed, summary.aggregate.core.net) == (closed, Decimal(net))
        assert trade_part(summary) == trade_part(plain.get_summary("weekly", on=DAY_A))
        return tracker.last_refresh

    stats = weekly(3, "7.75")
    assert (stats.files_checked, stats.files_read, stats.files_unchanged) == (2, 2, 0)
    assert stats.bytes_parsed == file_a.stat().st_size + file_b.stat().st_size

    # unchanged: nothing opened, every day aggregate served from the cache (the two days that
    # hold trades: the week's empty days cost nothing, stored or read)
    stats = weekly(3, "7.75")
    assert stats.files_unchanged == stats.files_checked == 2
    assert (stats.files_read, stats.bytes_parsed, stats.lines_parsed) == (0, 0, 0)
    assert (tracker.last_read.day_hits, tracker.last_read.day_misses) == (2, 0)

    # grown: only the appended bytes are parsed
    appended = b"".join(line_bytes(closed_line(f"B{n}", DAY_B, n, "2.00")) for n in (2, 3, 4))
    append_bytes(file_b, appended)
    stats = weekly(6, "13.75")
    assert (stats.files_grown, stats.files_reread, stats.files_read,
            stats.files_unchanged) == (1, 0, 1, 1)
    assert (stats.lines_parsed, stats.bytes_parsed) == (3, len(appended))

    # a torn last line waits until it is complete, then counts once
    torn = line_bytes(closed_line("B5", DAY_B, 5, "0.50"))
    append_bytes(file_b, torn[:40])
    stats = weekly(6, "13.75")
    assert (stats.lines_parsed, stats.bytes_parsed) == (0, 0)
    append_bytes(file_b, torn[40:])
    stats = weekly(7, "14.25")
    assert (stats.files_grown, stats.lines_parsed, stats.bytes_parsed) == (1, 1, len(torn))
    stats = weekly(7, "14.25")
    assert stats.files_unchanged == 2

    # rewritten in place, same size (one digit): re-read, the new value counts
    content = file_b.read_bytes()
    changed = content.replace(b'"net_profit_loss": "1.25"', b'"net_profit_loss": "9.25"')
    assert len(changed) == len(content) and changed != content
    rewrite_in_place(file_b, changed)
    stats = weekly(7, "22.25")
    assert (stats.files_reread, stats.files_grown, stats.files_read) == (1, 0, 1)
    assert (stats.lines_parsed, stats.bytes_parsed) == (5, len(changed))

    # truncated to its first line: re-read
    with open(file_b, "r+b") as handle:
        handle.truncate(changed.index(b"\n") + 1)
    stats = weekly(3, "15.75")
    assert (stats.files_reread, stats.lines_parsed) == (1, 1)

    # deleted: its trades leave the cache
    file_a.unlink()
    stats = weekly(1, "9.25")
    assert (stats.files_deleted, stats.files_checked, stats.files_read) == (1, 1, 0)
    stats = weekly(1, "9.25")
    assert (stats.files_deleted, stats.files_unchanged) == (0, 1)
    assert tracker.last_read.day_misses == 0


# --------------------------------------------------------------------------------------------
# 9. one INFO line per summary


def test_every_summary_logs_one_info_line_with_its_counts(
        logs: Path, make_tracker: Callable[..., Any], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)
    append_bytes(logs / "2026-03-02.jsonl", line_bytes(closed_line("A1", DAY_A, 1, "1"))
                 + line_bytes(closed_line("A2", DAY_A, 2, "2")))
    append_bytes(logs / "2026-03-03.jsonl", line_bytes(closed_line("B1", DAY_B, 1, "3")))
    (logs / "notes.jsonl").write_text("{}\n")            # a look-alike: skipped, not read
    size = sum(path.stat().st_size for path in logs.glob("2026-*.jsonl"))
    tracker = make_tracker()
    pattern = re.compile(
        r"2026-03-02 summary in \d+\.\d{3} s: 2 files checked, (\d+) unchanged \(cache hits\), "
        r"(\d+) read \(0 grown, 0 re-read\), 0 deleted, 1 skipped; (\d+) bytes and (\d+) lines "
        r"parsed; day aggregates (\d+) hits, (\d+) misses; month partials 0 hits, 0 built")

    tracker.get_summary("daily", on=DAY_A)
    tracker.get_summary("daily", on=DAY_A)
    summaries = [line for line in info_lines(caplog) if " summary in " in line]
    assert len(summaries) == 2, summaries
    first, second = (pattern.fullmatch(line) for line in summaries)
    assert first is not None and second is not None, summaries
    assert first.groups()[:4] == ("0", "2", str(size), "3")
    assert second.groups() == ("2", "0", "0", "0", "1", "0")
    assert int(first[5]) + int(first[6]) == 1

    caplog.clear()
    make_tracker(cache=False).get_summary("daily", on=DAY_A)
    [line] = info_lines(caplog)
    assert re.fullmatch(r"2026-03-02 summary in \d+\.\d{3} s without the cache", line), line


# --------------------------------------------------------------------------------------------
# 3. a damaged, foreign or unusable cache


def damage_garbage(path: Path) -> str:
    path.write_bytes(b"this is not an SQLite database\n" * 300)
    return "unreadable"


def damage_truncated(path: Path) -> str:
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    return "malformed"


def damage_stored_value(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        assert connection.execute("UPDATE day_aggregates SET data = 'not json'").rowcount > 0
    connection.close()
    return "damaged"


def damage_stored_trade(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        assert connection.execute("UPDATE lines SET net = 'twelve' WHERE closed = 1").rowcount > 0
    connection.close()
    return "damaged"


def foreign_format(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = '999' WHERE key = 'format'")
    connection.close()
    return f"cache format 999 is not {CACHE_FORMAT}"


def foreign_version(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = '0.0.1-old' WHERE key = 'package_version'")
    connection.close()
    return f"package version 0.0.1-old, this is {__version__}"


def not_our_database(path: Path) -> str:
    path.unlink()
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE something (x)")
    connection.close()
    return "no meta table"


@pytest.mark.parametrize(("damage", "window"), [
    *((damage, window) for damage in (damage_garbage, damage_truncated, damage_stored_trade,
                                      foreign_format, foreign_version, not_our_database)
      for window in ("weekly", "rolling")),
    (damage_stored_value, "weekly"),      # a rolling window never reads day aggregates
])
def test_a_damaged_or_foreign_cache_is_discarded_with_one_warning(
        logs: Path, make_tracker: Callable[..., Any], caplog: pytest.LogCaptureFixture,
        damage: Callable[[Path], str], window: str) -> None:
    for day, name in ((DAY_A, "A"), (DAY_B, "B")):
        append_bytes(logs / f"{day.isoformat()}.jsonl", b"".join(
            line_bytes(closed_line(f"{name}{n}", day, n, f"{n}.5")) for n in range(1, 4)))
    tracker = make_tracker()
    before = stable(tracker.get_summary(window, on=DAY_A))
    assert tracker.cache_path.is_file()
    assert not Path(f"{tracker.cache_path}-wal").exists()   # closed cleanly: one file to damage
    why = damage(tracker.cache_path)

    caplog.set_level(logging.WARNING, logger=LOGGER_NAME)
    after = make_tracker().get_summary(window, on=DAY_A)
    assert stable(after) == before
    warnings = warnings_of(caplog)
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"discarding performance cache {CACHE_FILE_NAME}: "), warnings
    assert why in warnings[0]
    # rebuilt and trusted again: the next run reads no log and warns no more
    caplog.clear()
    again = make_tracker()
    assert stable(again.get_summary(window, on=DAY_A)) == before
    assert warnings_of(caplog) == []
    assert again.last_refresh is not None and again.last_refresh.files_read == 0


def test_a_cache_directory_that_cannot_be_created_means_running_without_it(
        logs: Path, tmp_path: Path, make_tracker: Callable[..., Any],
        caplog: pytest.LogCaptureFixture) -> None:
    append_bytes(logs / "2026-03-02.jsonl", line_bytes(closed_line("A1", DAY_A, 1, "4.20")))
    blocker = tmp_path / "a-regular-file"
    blocker.write_text("in the way\n")
    caplog.set_level(logging.WARNING, logger=LOGGER_NAME)
    tracker = make_tracker(cache_dir=blocker / "cache")
    summary = tracker.get_summary("daily", on=DAY_A)
    assert stable(summary) == stable(make_tracker(cache=False).get_summary("daily", on=DAY_A))
    assert summary.aggregate.core.net == Decimal("4.20")
    assert tracker.last_refresh is None
    warnings = warnings_of(caplog)
    assert len(warnings) == 1 and "without the cache" in warnings[0], warnings
    assert str(blocker) in warnings[0]


# --------------------------------------------------------------------------------------------
# 4. --no-cache, --rebuild-cache and --cache-dir on the command line


def test_no_cache_creates_nothing_and_rebuild_cache_says_it_rebuilt(logs: Path,
                                                                    tmp_path: Path) -> None:
    append_bytes(logs / "2026-03-02.jsonl", line_bytes(closed_line("A1", DAY_A, 1, "4.20"))
                 + line_bytes(closed_line("A2", DAY_A, 2, "-1.20")))
    common = ("--logs-dir", logs, "--date", "2026-03-02", "--format", "json")
    uncached = cli(*common, "--no-cache")
    assert uncached.returncode == 0, uncached.stderr
    assert not (logs / "performance").exists()
    assert list(tmp_path.rglob("*.sqlite3*")) == []

    elsewhere = tmp_path / "elsewhere"
    cached = cli(*common, "--cache-dir", elsewhere)
    assert cached.returncode == 0, cached.stderr
    assert (elsewhere / CACHE_FILE_NAME).is_file()
    assert not (logs / "performance").exists()
    metrics = json.loads(uncached.stdout)["metrics"]
    assert json.loads(cached.stdout)["metrics"] == metrics

    rebuilt = cli(*common, "--cache-dir", elsewhere, "--rebuild-cache", "-v")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert json.loads(rebuilt.stdout)["metrics"] == metrics
    assert (f"discarding performance cache {CACHE_FILE_NAME}: --rebuild-cache was given; "
            "rebuilding it from the logs") in rebuilt.stderr
    assert "1 files checked, 0 unchanged (cache hits), 1 read" in rebuilt.stderr

    usage = cli(*common, "--no-cache", "--rebuild-cache")
    assert usage.returncode == 64


# --------------------------------------------------------------------------------------------
# 5, 6. a real writer process appending while refreshes run

WRITER = r"""
import json, os, random, sys, time
path, plan, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(seed)
handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
try:
    for text in json.load(open(plan)):
        data = text.encode()
        if rng.random() < 0.3:                 # a torn tail for a moment
            cut = rng.randrange(1, len(data))
            os.write(handle, data[:cut])
            time.sleep(rng.uniform(0, 0.003))
            os.write(handle, data[cut:])
        else:
            os.write(handle, data)
        time.sleep(rng.uniform(0, 0.002))
finally:
    os.close(handle)
"""

WRITER_DAY = date(2026, 3, 2)
WRITER_NOW = "2026-03-02T23:59:59Z"


def writer_plan(tmp_path: Path, count: int, seed: int) -> tuple[Path, list[Decimal]]:
    """``count`` closed trades with distinct ids and instants; returns the plan and the nets."""
    import random

    rng = random.Random(seed)
    nets = [Decimal(rng.randint(-99_999, 99_999)).scaleb(-2) for _ in range(count)]
    lines = [json.dumps(closed_line(f"W{number}", WRITER_DAY, 10 * number, str(net))) + "\n"
             for number, net in enumerate(nets)]
    plan = tmp_path / f"plan-{seed}.json"
    plan.write_text(json.dumps(lines))
    return plan, nets


def start_writer(path: Path, plan: Path, seed: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(plan), str(seed)])


def test_refreshes_during_a_real_writer_never_overcount_and_end_exact(
        logs: Path, tmp_path: Path) -> None:
    count = 600
    plan, nets = writer_plan(tmp_path, count, seed=5)
    prefix = [Decimal(0)]
    for net in nets:
        prefix.append(prefix[-1] + net)
    logs.mkdir()
    path = logs / f"{WRITER_DAY.isoformat()}.jsonl"
    tracker = PerformanceTracker(logs, clock=fixed_clock(WRITER_NOW))
    writer = start_writer(path, plan, seed=5)
    seen: list[int] = []
    try:
        while True:
            finished = writer.poll() is not None
            summary = tracker.get_summary("daily", on=WRITER_DAY)
            complete = path.read_bytes().count(b"\n") if path.exists() else 0
            closed = summary.aggregate.core.closed
            assert closed <= complete, "counted a line that was not completely written"
            assert summary.aggregate.core.net == prefix[closed], "not the first N lines' total"
            assert not seen or closed >= seen[-1], "a count went down"
            seen.append(closed)
            if finished:
                break
    finally:
        writer.kill() if writer.poll() is None else None
        writer.wait()
    assert writer.returncode == 0
    assert seen[-1] == count and summary.aggregate.core.net == prefix[count]
    assert len({value for value in seen if 0 < value < count}) >= 3, "no refresh overlapped"
    reference = PerformanceTracker(logs, clock=fixed_clock(WRITER_NOW),
                                   cache_dir=tmp_path / "reference")
    assert stable(summary) == stable(reference.get_summary("daily", on=WRITER_DAY))
    assert cache_tables(tracker.cache_path) == cache_tables(reference.cache_path)


TRACKER_LOOP = r"""
import json, pathlib, sys
from datetime import date, datetime
from trading_bot.performance import PerformanceTracker
logs, stop, day, now = sys.argv[1:5]
moment = datetime.fromisoformat(now)
tracker = PerformanceTracker(pathlib.Path(logs), clock=lambda: moment)
counts = []
while not pathlib.Path(stop).exists():
    counts.append(tracker.get_summary("daily", on=date.fromisoformat(day)).aggregate.core.closed)
summary = tracker.get_summary("daily", on=date.fromisoformat(day))
print(json.dumps({"closed": summary.aggregate.core.closed, "net": str(summary.aggregate.core.net),
                  "counts": counts}))
"""


def test_two_tracker_processes_and_a_writer_share_one_cache(logs: Path, tmp_path: Path) -> None:
    count = 300
    plan, nets = writer_plan(tmp_path, count, seed=11)
    logs.mkdir()
    path = logs / f"{WRITER_DAY.isoformat()}.jsonl"
    append_bytes(path, line_bytes(closed_line("FIRST", WRITER_DAY, 7_000, "0.01")))
    stop = tmp_path / "stop"                 # no cache yet: the two also race to create it
    readers = [subprocess.Popen(
        [sys.executable, "-c", TRACKER_LOOP, str(logs), str(stop), WRITER_DAY.isoformat(),
         WRITER_NOW], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)]
    try:
        time.sleep(0.5)                       # both are importing, then looping
        writer = start_writer(path, plan, seed=11)
        assert writer.wait(timeout=60) == 0
        time.sleep(0.2)
        stop.touch()
        outputs = [reader.communicate(timeout=60) for reader in readers]
    finally:
        for reader in readers:
            if reader.poll() is None:
                reader.kill()
    total = sum(nets, Decimal("0.01"))
    for reader, (out, err) in zip(readers, outputs, strict=True):
        assert reader.returncode == 0, err
        assert "WARNING" not in err and "discarding" not in err, err
        result = json.loads(out)
        assert (result["closed"], Decimal(result["net"])) == (count + 1, total)
        assert result["counts"] == sorted(result["counts"]) and len(result["counts"]) > 1
    shared = PerformanceTracker(logs, clock=fixed_clock(WRITER_NOW))
    reference = PerformanceTracker(logs, clock=fixed_clock(WRITER_NOW),
                                   cache_dir=tmp_path / "reference")
    for window in ("daily", "weekly", "monthly"):
        assert stable(shared.get_summary(window, on=WRITER_DAY)) == stable(
            reference.get_summary(window, on=WRITER_DAY))
    assert shared.last_refresh is not None and shared.last_refresh.files_read == 0
    assert cache_tables(shared.cache_path) == cache_tables(reference.cache_path)
    assert_same_stored_aggregates(shared.cache_path, reference.cache_path)


# --------------------------------------------------------------------------------------------
# one cache shared by trackers of different timezones and groupings


def test_trackers_with_different_configurations_share_one_cache(logs: Path,
                                                                 tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    configs: list[dict[str, Any]] = [{"timezone": "UTC"}, {"timezone": "America/New_York"},
                                     {"timezone": "Asia/Tokyo", "group_by": ("session_id",)}]

    def check(step: int) -> None:
        for number, config in enumerate(configs):
            tracker = PerformanceTracker(logs, clock=fixed_clock(NOW), cache_dir=shared, **config)
            fresh = PerformanceTracker(logs, clock=fixed_clock(NOW),
                                       cache_dir=tmp_path / f"fresh-{step}-{number}", **config)
            for window, on in (("daily", DAY_A), ("daily", DAY_B), ("weekly", DAY_A),
                               ("monthly", DAY_A)):
                assert stable(tracker.get_summary(window, on=on)) == stable(
                    fresh.get_summary(window, on=on)), (config, window, on)

    for day in (DAY_A, DAY_B):
        append_bytes(logs / f"{day.isoformat()}.jsonl", b"".join(
            line_bytes(closed_line(f"{day.day}-{n}", day, 3_600 * n, f"{n - 1}.5",
                                   session_id=f"S{n % 2}")) for n in range(6)))
    check(0)
    append_bytes(logs / f"{DAY_B.isoformat()}.jsonl", line_bytes(
        closed_line(f"{DAY_A.day}-2", DAY_B, 100, "-9.00", session_id="S9")))   # supersedes
    check(1)
    path = logs / f"{DAY_A.isoformat()}.jsonl"
    rewrite_in_place(path, path.read_bytes().replace(b'"session_id": "S1"', b'"session_id": "S7"'))
    check(2)


# --------------------------------------------------------------------------------------------
# 7. parallel parsing gives the serial result


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the parallel path needs two cores")
def test_parallel_rebuild_equals_serial(logs: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexing, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(indexing, "PARALLEL_MIN_BYTES", 1)
    days = [date(2026, 3, 1) + timedelta(days=offset) for offset in range(6)]
    for position, day in enumerate(days):
        lines = [closed_line(f"P{position}-{n}", day, n, f"{(n * 7 + position) % 23 - 11}.25",
                             strategy="alpha" if n % 3 else "beta") for n in range(25)]
        if position:                          # a correction of yesterday's trade: supersession
            lines.append(closed_line(f"P{position - 1}-0", day, 99, "100.00"))
            lines.append(json.loads(json.dumps(lines[3])))     # and a duplicate
        append_bytes(logs / f"{day.isoformat()}.jsonl",
                     b"".join(line_bytes(line) for line in lines) + b"oops\n")
    clock = fixed_clock(NOW)
    serial = PerformanceTracker(logs, clock=clock, cache_dir=tmp_path / "serial", workers=1)
    parallel = PerformanceTracker(logs, clock=clock, cache_dir=tmp_path / "parallel", workers=2)
    windows = [("daily", day, None) for day in days] + [
        ("weekly", days[0], None), ("weekly", days[-1], None), ("monthly", days[0], None),
        ("rolling", days[-1], 40)]

    def compare(expect_workers: int) -> None:
        for number, (window, on, trades) in enumerate(windows):
            want = serial.get_summary(window, on=on, trades=trades)
            got = parallel.get_summary(window, on=on, trades=trades)
            if number == 0:
                assert serial.last_refresh is not None and serial.last_refresh.workers == 0
                assert parallel.last_refresh is not None
                assert parallel.last_refresh.workers == expect_workers
                assert parallel.last_refresh.files_read == serial.last_refresh.files_read
            assert stable(got) == stable(want), (window, on)
        assert cache_tables(parallel.cache_path) == cache_tables(serial.cache_path)
        assert day_aggregates(parallel.cache_path) == day_aggregates(serial.cache_path)

    compare(expect_workers=2)                 # cold rebuild
    for position, day in enumerate(days[1:5], start=1):      # grown files, parsed in workers too
        append_bytes(logs / f"{day.isoformat()}.jsonl",
                     line_bytes(closed_line(f"P{position}-late", day, 500, "-2.50")))
    compare(expect_workers=2)


# --------------------------------------------------------------------------------------------
# 8. backfill through the command line: idempotent, and rewrites only what changed

BACKFILL_LAST = date(2026, 3, 10)


def export_state(directory: Path) -> dict[str, tuple[bytes, int]]:
    return {path.name: (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(directory.iterdir())
            if path.is_file() and path.name != ".backfill-manifest.json"}


def test_backfill_is_idempotent_and_rewrites_only_the_periods_that_changed(logs: Path) -> None:
    for day in (date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 5), date(2026, 3, 9),
                BACKFILL_LAST):
        append_bytes(logs / f"{day.isoformat()}.jsonl", b"".join(
            line_bytes(closed_line(f"{day.day}-{n}", day, n, f"{n - 2}.75")) for n in range(4)))
    command = ("--logs-dir", logs, "--backfill", 10, "--date", BACKFILL_LAST, "--export")
    exports = logs / "performance"

    first = cli(*command)
    assert first.returncode == 0, first.stderr
    # 10 daily, weeks 2026-W09..W11, March: 14 periods, a JSON, Markdown and HTML file each
    assert "10 daily, 3 weekly, 1 monthly summaries" in first.stderr
    assert "42 files written, 0 unchanged" in first.stderr
    state = export_state(exports)
    assert len(state) == 42
    assert {"daily-summary-2026-03-01.json", "weekly-summary-2026-02-23.md",
            "monthly-summary-2026-03-01.json"} <= set(state)

    second = cli(*command)
    assert second.returncode == 0, second.stderr
    assert "0 files written, 42 unchanged (nothing to do" in second.stderr
    assert export_state(exports) == state

    append_bytes(logs / f"{BACKFILL_LAST.isoformat()}.jsonl",
                 line_bytes(closed_line("late", BACKFILL_LAST, 60, "5.00")))
    third = cli(*command)
    assert third.returncode == 0, third.stderr
    after = export_state(exports)
    changed = {name for name in state if after[name] != state[name]}
    containing = {f"{stem}.{extension}" for extension in ("json", "md", "html") for stem in (
        "daily-summary-2026-03-10", "weekly-summary-2026-03-09", "monthly-summary-2026-03-01")}
    # the periods containing the day change, and the day before, whose data-quality report
    # covers the neighbouring files (a window's files and one day each side): only that part
    neighbour = {f"daily-summary-2026-03-09.{extension}" for extension in ("json", "md", "html")}
    assert changed == containing | neighbour
    before_doc, after_doc = (json.loads(version["daily-summary-2026-03-09.json"][0])
                             for version in (state, after))
    assert before_doc["data_quality"]["lines_read"] + 1 == after_doc["data_quality"]["lines_read"]
    for document in (before_doc, after_doc):
        del document["generated_at"], document["data_quality"]
    assert before_doc == after_doc
    assert f"{len(changed)} files written, {42 - len(changed)} unchanged" in third.stderr
    for name in changed:
        assert after[name][1] != state[name][1]
    daily = json.loads(after["daily-summary-2026-03-10.json"][0])
    assert daily["metrics"]["closed_trades"] == 5


# --------------------------------------------------------------------------------------------
# a refresh that waited for the write lock while another run indexed the same file


def test_refresh_that_waited_for_the_lock_does_not_keep_lines_of_a_rewritten_file(
        logs: Path) -> None:
    """Regression: ``indexing.refresh`` plans outside the write lock; inside it, each file's
    change must be decided again from the stored state and a new stat.  Applying the stale
    Change (kind ``new``, no FileState, old stat) after another run indexed the file and the
    file was rewritten skipped ``_forget``: the other run's rows for lines that no longer exist
    stayed in ``lines`` for good, because the stale stat made every later refresh see "grown,
    nothing new".

    Deterministic interleaving: this test holds the write lock (a CacheStore of its own) while
    run A plans and then waits for it; inside the lock it plays run B with the very functions
    ``refresh`` uses (``plan_changes`` + ``_apply_batch``), then rewrites the file shorter.
    """
    logs.mkdir()
    clock = fixed_clock(NOW)
    tracker = PerformanceTracker(logs, clock=clock)
    tracker.get_summary("daily", on=DAY_A)                  # the cache exists, knows no file
    path = logs / f"{DAY_A.isoformat()}.jsonl"
    path.write_bytes(b"".join(line_bytes(closed_line(f"OLD{n}", DAY_A, n, "1.00"))
                              for n in range(10)))
    run_a_store = CacheStore.open(tracker.cache_path)
    holder = CacheStore.open(tracker.cache_path)
    outcome: dict[str, Any] = {}

    def run_a() -> None:
        try:
            outcome["stats"] = indexing.refresh(run_a_store, list_day_files(logs), tracker.config)
        except BaseException as exc:  # pragma: no cover - reported below
            outcome["error"] = exc

    try:
        with holder.write():
            thread = threading.Thread(target=run_a)
            thread.start()
            time.sleep(0.5)                   # A has planned ("new" file) and waits for the lock
            changes, _ = indexing.plan_changes(list_day_files(logs), holder.file_states())
            indexing._apply_batch(holder, changes, tracker.config, None, indexing.RefreshStats())
            rewrite_in_place(path, b"".join(line_bytes(closed_line(f"NEW{n}", DAY_A, n, "2.00"))
                                            for n in range(3)))
        thread.join(timeout=60)
    finally:
        holder.close()
    assert not thread.is_alive() and "error" not in outcome, outcome
    run_a_store.close()

    summary = tracker.get_summary("daily", on=DAY_A)
    assert (summary.aggregate.core.closed, summary.aggregate.core.net) == (3, Decimal("6.00")), (
        "stale lines of the old file content are still counted")


def test_backfill_reports_carry_the_targets_table_without_raising_alerts(logs: Path,
                                                                         tmp_path: Path) -> None:
    """With targets, backfilled reports show the targets table (like a cron export of the same
    day), but judging old periods appends nothing to the alert log and saves no alert state."""
    for day in (date(2026, 3, 2), date(2026, 3, 3)):
        append_bytes(logs / f"{day.isoformat()}.jsonl", b"".join(
            line_bytes(closed_line(f"{day.day}-{n}", day, n, "-1.00")) for n in range(4)))
    targets = tmp_path / "targets.yaml"
    targets.write_text("win_rate_target: 60\n", encoding="utf-8")
    result = cli("--logs-dir", logs, "--backfill", 2, "--date", date(2026, 3, 3), "--export",
                 "--targets", targets)
    assert result.returncode == 0, result.stderr
    daily = json.loads((logs / "performance" / "daily-summary-2026-03-03.json").read_text())
    assert daily["targets"]["configured"] is True
    assert daily["targets"]["results"], daily["targets"]
    assert "| Win rate" in (logs / "performance" / "daily-summary-2026-03-03.md").read_text() \
        or "Targets" in (logs / "performance" / "daily-summary-2026-03-03.md").read_text()
    assert not (logs / "performance-alerts.jsonl").exists()
    assert not (logs / "performance-alerts.state.json").exists()
