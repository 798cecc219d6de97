"""Crash safety: SIGKILL real CLI runs while they write, then check nothing is half-written.

Issue #6, item 4.  Every iteration copies a prepared directory whose cache, exports, alert state
and alert log reflect an *older* version of the logs (the "old" files), while the logs have
since grown (new lines in two day files, a new day file).  So one run rewrites everything: the
cache refresh (one SQLite transaction), the alert log (four appended events), the alert state
(atomic replace) and both exports (atomic replace).  A real ``python -m trading_bot.performance
--export`` run is SIGKILLed after a random delay; then:

* every export and the alert state is byte for byte the old file or the complete new one (the
  one the next, uninterrupted run leaves in place, which is the same file when the killed run
  got that far); the alert state may also be the complete intermediate one, the new alerts with
  their events pending (the outbox, see :mod:`trading_bot.performance.alerting.state`); no
  visible file other than an export appears in the output directory (a killed write may leave
  a dot-prefixed temp file, which is counted, never a file with an export name);
* the alert log is the old log plus whole lines, each valid JSON and valid against
  ``specs/performance-alert.schema.json``;
* the cache (checked on a copy of its files, so the check does not do the next run's WAL
  recovery for it) passes SQLite's integrity check and knows exactly the old or the new logs;
* the next run exits 2 (targets breached), logs no cache or state warning, prints a summary
  identical to a ``--no-cache`` run's, and leaves exports, state and cache equal to those of an
  uninterrupted run (up to the real-clock times at which the alerts were raised);
* every alert event reaches the log exactly once, wherever the kill fell: none lost, none
  repeated (a repeat would carry a new id and time: a second "first" event to a log reader);
  the killed run and the rerun together append each of them once, and the killed run never
  appends an event before its state is saved with that event pending.

Kill delays are stratified: the n kills of a run fall one in each n-th of an uninterrupted run's
measured duration, uniformly within it, in shuffled order, so they spread over start-up, the
cache refresh, the alerts and the exports.  The test prints a tally of how far each killed run
got (``pytest -s`` shows it).

Environment:

* ``PERF_CRASH_ITERATIONS`` (default 16, about 0.3 s each): kills per run; raise it for a soak,
  e.g. ``PERF_CRASH_ITERATIONS=500 .venv/bin/python -m pytest
  tests/performance_tracking/test_crash.py -s``.
* ``PERF_CRASH_SEED``: the seed of the kill delays (printed with every failure; a fresh one
  otherwise).  Timing still differs between machines, so a seed narrows a failure down rather
  than replaying it exactly.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from itertools import groupby
from pathlib import Path
from typing import Any

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.alerting.state import AlertState, PendingEvents
from trading_bot.performance.cache.store import CACHE_FILE_NAME
from trading_bot.performance.report.export import EXPORT_NAME
from trading_bot.performance.schemas.validation import schema_errors
from trading_bot.performance.services.alert_workflow import alert_paths
from trading_bot.performance.storage.durability import STALE_TEMP_SECONDS

from ..alert_helpers import closed, instant, write_trades
from ..conftest import fixed_clock

ITERATIONS = int(os.environ.get("PERF_CRASH_ITERATIONS", "16"))
TZ_ENV = "PERFORMANCE_SUMMARY_TIMEZONE"
EXIT_BREACH = 2
#: A week long past, Monday to Sunday, so the report and its alerts do not move with the clock.
WEEK_DAY = "2024-03-06"
TARGETS = "daily_pl_target: 30\nwin_rate_target: 60\n"
#: Net P&L of the trades of the old logs, per day (Monday to Friday, every trading day has a
#: file so no missing-log alert inhibits the others): Tuesday and Thursday miss the daily
#: target, the win rate (12 of 18) meets 60 %.
OLD_TRADES = {"2024-03-04": ("30", "25", "-5", "40"), "2024-03-05": ("-20", "5", "8", "-3"),
              "2024-03-06": ("15", "20", "-4", "12"), "2024-03-07": ("10", "22", "-6"),
              "2024-03-08": ("9", "-2", "30")}
#: What the logs gained since: Tuesday recovers (resolved), Wednesday falls behind (first),
#: Thursday stays behind (no event), a new Saturday file falls behind (first) and the win rate
#: drops to 13 of 23 (first): four events, so a kill can fall between two of them.
NEW_TRADES = {"2024-03-05": ("45",), "2024-03-06": ("-25",), "2024-03-07": ("-1",),
              "2024-03-09": ("-5", "-1")}
#: A warning of the cache or the alert state (alert events are WARNING records of ``.alerts``).
CACHE_WARNING = re.compile(r"WARNING trading_bot\.performance(?!\.alerts:)")


# --------------------------------------------------------------------------------------------
# the logs and the command


def add_trades(logs: Path, nets: dict[str, tuple[str, ...]], *, first_minute: int = 0) -> None:
    """Closed trades 20 minutes apart from 14:00 UTC (plus ``first_minute``) on each day."""
    lines = []
    for day, values in nets.items():
        for index, net in enumerate(values):
            at = instant(f"{day}T14:00:00Z") + timedelta(minutes=first_minute + 20 * index)
            outcome = "loss" if net.startswith("-") else "win"
            lines.append(closed(f"{day}-{first_minute + index}", at, outcome, net=net))
    write_trades(logs, lines)


def command(*extra: str) -> list[str]:
    return [sys.executable, "-m", "trading_bot.performance", "--window", "weekly", "--date",
            WEEK_DAY, "--tz", "UTC", "--logs-dir", "logs", "--targets", "targets.yaml",
            "--format", "json", *extra]


def environment() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key != TZ_ENV}


def run(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(*extra), cwd=root, env=environment(), capture_output=True,
                          text=True, timeout=120)


# --------------------------------------------------------------------------------------------
# what a run leaves behind, and the checks


@dataclass(frozen=True)
class Snapshot:
    """Every file a run writes, read back after the run (or its kill)."""

    exports: dict[str, bytes]        # visible files of the output directory, by name
    temp_files: tuple[str, ...]      # dot-files left there or next to the state (killed writes)
    state: bytes | None
    alert_log: bytes
    cache: tuple[Any, ...] | str     # what the cache knows about the logs, or why it is unusable


def snapshot(root: Path, scratch: Path) -> Snapshot:
    logs = root / "logs"
    output = logs / "performance"
    paths = alert_paths(logs)
    exports: dict[str, bytes] = {}
    temp_files = [entry.name for entry in logs.iterdir() if entry.name.startswith(".")]
    for entry in sorted(output.iterdir()) if output.is_dir() else ():
        if entry.name.startswith("."):
            temp_files.append(entry.name)
        elif entry.name != "cache":
            exports[entry.name] = entry.read_bytes()
    return Snapshot(
        exports=exports,
        temp_files=tuple(sorted(temp_files)),
        state=paths.state.read_bytes() if paths.state.exists() else None,
        alert_log=paths.log.read_bytes() if paths.log.exists() else b"",
        cache=cache_facts(output / "cache", scratch),
    )


def cache_facts(cache_dir: Path, scratch: Path) -> tuple[Any, ...] | str:
    """The cache's record of the logs: per file its parse position and checksum, and counts.

    Read from a copy of the database, its WAL and shared-memory files: opening the original
    would replay the WAL now, and it is the next run that must cope with what the kill left.
    Inode, size and times are left out: every iteration's copy of the logs has new inodes.
    """
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    for suffix in ("", "-wal", "-shm"):
        source = cache_dir / f"{CACHE_FILE_NAME}{suffix}"
        if source.exists():
            shutil.copyfile(source, scratch / source.name)
    database = scratch / CACHE_FILE_NAME
    if not database.exists():
        return "no cache database"
    try:
        connection = sqlite3.connect(database)
        try:
            check = connection.execute("PRAGMA integrity_check").fetchall()
            if check != [("ok",)]:
                return f"integrity check: {check[:3]}"
            files = connection.execute(
                "SELECT name, parsed_offset, next_line, digest, lines_read, valid_lines "
                "FROM files ORDER BY name").fetchall()
            lines = connection.execute("SELECT count(*) FROM lines").fetchone()[0]
            bad = connection.execute("SELECT count(*) FROM bad_lines").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return f"unreadable: {exc}"
    return (tuple(files), lines, bad)


def replaced_file_problems(what: str, old: bytes | None, after_kill: bytes | None,
                           new: bytes | None) -> list[str]:
    """A file replaced atomically is the old one (or still absent) or the complete new one."""
    if after_kill in (old, new):
        return []
    def size(data: bytes | None) -> str:
        return "absent" if data is None else f"{len(data)} bytes"
    return [f"{what} after the kill is neither the old file nor the complete new one "
            f"({size(after_kill)}; old {size(old)}, new {size(new)}): "
            f"{(after_kill or b'')[-60:]!r}"]


def export_problems(name: str, old: bytes | None, after_kill: bytes | None, final: bytes,
                    uninterrupted: bytes, times: set[str], uninterrupted_times: set[str]
                    ) -> list[str]:
    """An export after the kill is the old file, or a complete new one.

    Complete new: the file the rerun leaves, or (when the killed run got that far but the
    rerun's report differs, e.g. an alert resolved by the killed run is no longer news) the
    file of an uninterrupted run, up to ``generated_at`` and the alerts' real-clock times.
    """
    problems = replaced_file_problems(name, old, after_kill, final)
    if problems and after_kill is not None:
        try:
            if export_text(name, after_kill, times) == export_text(name, uninterrupted,
                                                                   uninterrupted_times):
                return []
        except ValueError:      # not JSON, not UTF-8: certainly not complete
            pass
    return problems


def visible_file_problems(names: Any) -> list[str]:
    """Only exports may be visible in the output directory: no stray or temporary names."""
    return [f"{name}: a visible file in the output directory that is not an export"
            for name in names if not EXPORT_NAME.match(name)]


def appended_events(what: str, before: bytes, after: bytes) -> tuple[list[dict[str, Any]],
                                                                      list[str]]:
    """The events appended to an append-only log, and what is wrong with the append.

    The old content must be an untouched prefix; every new line must be complete, JSON and
    valid against the alert schema.
    """
    if not after.startswith(before):
        return [], [f"{what}: the log before the run is not a prefix of the log after it"]
    tail = after[len(before):]
    problems = []
    if tail and not tail.endswith(b"\n"):
        problems.append(f"{what}: ends in a partial line: {tail[-80:]!r}")
    found = []
    for number, line in enumerate(tail.split(b"\n")[:-1], 1):
        try:
            document = json.loads(line)
        except ValueError as exc:
            problems.append(f"{what}: new line {number} is not JSON ({exc}): {line[:80]!r}")
            continue
        errors = schema_errors("performance-alert", document)
        if errors:
            problems.append(f"{what}: new line {number} does not match the schema: {errors[:2]}")
        found.append(document)
    return found, problems


def event_key(event: dict[str, Any]) -> tuple[str, str]:
    """One alert's news: its identity and what happened, independent of the clock."""
    return event["fingerprint"], event["reason"]


def event_problems(expected: Counter[tuple[str, str]], killed: list[dict[str, Any]],
                   rerun: list[dict[str, Any]]) -> list[str]:
    """Exactly once: what the killed run and the rerun appended together is every expected
    event once, under one id each (a repeat is a lost-and-raised-again event with a new id)."""
    got = Counter(map(event_key, killed + rerun))
    problems = []
    if got != expected:
        problems.append(f"events lost or repeated: the killed run logged "
                        f"{sorted(map(event_key, killed))}, the rerun "
                        f"{sorted(map(event_key, rerun))}; expected "
                        f"{sorted(expected.elements())} once in all")
    ids = [event["id"] for event in killed + rerun]
    if len(set(ids)) != len(ids):
        problems.append(f"an event id was logged twice: {sorted(ids)}")
    return problems


def state_problems(old: bytes | None, after_kill: bytes | None, final: bytes | None,
                   killed_events: list[dict[str, Any]]) -> list[str]:
    """The alert state after the kill: the old file, the final one, or the complete
    intermediate one (the final alerts with the run's events pending); and no event in the
    log unless the state was saved with it pending first."""
    problems = []
    if killed_events and after_kill == old:
        problems.append("the killed run appended events before saving them pending in the "
                        "state")
    if after_kill in (old, final):
        return problems
    pending = pending_ids(after_kill)
    try:
        same_alerts = (final is not None and after_kill is not None
                       and AlertState.from_json(after_kill.decode("utf-8")).records
                       == AlertState.from_json(final.decode("utf-8")).records)
    except ValueError:
        same_alerts = False
    if not pending or not same_alerts:
        problems += replaced_file_problems("alert state", old, after_kill, final)
    elif any(event["id"] not in pending for event in killed_events):
        problems.append("the killed run appended an event its saved state does not list as "
                        "pending")
    return problems


def pending_ids(state: bytes | None) -> tuple[str, ...]:
    """The ids of the events an alert state file lists as pending (none if unreadable)."""
    try:
        loaded = AlertState.from_json((state or b"").decode("utf-8"))
    except ValueError:
        return ()
    return () if loaded.pending is None else loaded.pending.ids


def clock_times(log: bytes) -> set[str]:
    """Real-clock instants in an alert log (raise and firing-since times), both spellings."""
    times: set[str] = set()
    for line in log.splitlines():
        event = json.loads(line)
        for key in ("raised_at", "firing_since"):
            times.add(event[key])
            times.add(event[key].replace("-", "").replace(":", ""))
    return times


def masked(text: str, times: set[str]) -> str:
    for moment in sorted(times, key=len, reverse=True):
        text = text.replace(moment, "<clock>")
    return text


#: An alert of the period in the Markdown export, or in the HTML one (one item per line too).
ALERT_ITEM = re.compile(r"(?:- \*\*|<li><strong>)(?:WARN|CRITICAL) ")


def report_text(text: str, times: set[str]) -> str:
    """A JSON report as compared between runs: no ``generated_at``, alert times masked.

    The period's alerts are listed in time order, and which alerts share a second depends on
    the real clock, so they are compared as a set.
    """
    document = json.loads(text)
    document.pop("generated_at")
    alerts = sorted(masked(json.dumps(alert, sort_keys=True), times)
                    for alert in document.pop("alerts", []))
    return masked(json.dumps(document, sort_keys=True), times) + "\n".join(alerts)


def export_text(name: str, data: bytes, times: set[str]) -> str:
    """An export as compared between runs (see :func:`report_text`); for the Markdown and the
    HTML, each run of consecutive alert list items is compared as a set."""
    if name.endswith(".json"):
        return report_text(data.decode("utf-8"), times)
    lines = masked(data.decode("utf-8"), times).split("\n")
    groups = [(is_alert, list(run)) for is_alert, run in
              groupby(lines, key=lambda line: bool(ALERT_ITEM.match(line)))]
    return "\n".join("\n".join(sorted(run) if is_alert else run) for is_alert, run in groups)


def progress(killed: bool, old: Snapshot, after: Snapshot, new: Snapshot,
             events_logged: int) -> str:
    """How far the killed run got, by the last of its writes that is visible."""
    if not killed:
        return "finished before the kill"
    for name in sorted(new.exports, reverse=True):   # the .md is written after the .json
        if after.exports.get(name) != old.exports.get(name):
            return f"{name.rsplit('.', 1)[1]} export written"
    if after.state != old.state:
        if pending_ids(after.state):
            return f"alert state saved with events pending, {events_logged} appended"
        return "alert state saved"
    if after.cache != old.cache:
        return "cache committed"
    return "nothing committed"


# --------------------------------------------------------------------------------------------
# the test


@dataclass(frozen=True)
class Reference:
    """Uninterrupted runs from the prepared directory, with and without the cache.

    The first run after the logs changed reports the alert transitions it made, a second run
    finds them in the state; both report Tuesday's alert ``resolved``, so their reports should
    be equal, but a rerun after a kill that came after the state was saved is compared with the
    second run, and any other rerun with the first, so that a difference cannot hide.
    """

    after: Snapshot
    seconds: float
    events: Counter[tuple[str, str]]
    steady_exports: dict[str, bytes]     # the second run's exports
    reports: tuple[str, str]             # the --no-cache runs' JSON reports (1st, 2nd), masked


def prepare(tmp_path: Path) -> tuple[Path, Snapshot, Reference]:
    """The directory every iteration starts from, its files, and the uninterrupted outcome."""
    base = tmp_path / "base"
    (base / "logs").mkdir(parents=True)
    (base / "targets.yaml").write_text(TARGETS, encoding="utf-8")
    add_trades(base / "logs", OLD_TRADES)
    first = run(base, "--export")
    assert first.returncode == EXIT_BREACH, first.stderr
    add_trades(base / "logs", NEW_TRADES, first_minute=120)
    old = snapshot(base, tmp_path / "scratch")

    reference_root = tmp_path / "reference"
    shutil.copytree(base, reference_root, symlinks=True)
    began = time.perf_counter()
    reference_run = run(reference_root, "--export")
    seconds = time.perf_counter() - began
    assert reference_run.returncode == EXIT_BREACH, reference_run.stderr
    after = snapshot(reference_root, tmp_path / "scratch")
    logged, problems = appended_events("reference", old.alert_log, after.alert_log)
    assert not problems, problems
    events = Counter(map(event_key, logged))
    assert len(events) == 4 and set(events.values()) == {1}, events
    assert not isinstance(after.cache, str), after.cache

    steady = run(reference_root, "--export")
    assert steady.returncode == EXIT_BREACH, steady.stderr
    steady_exports = snapshot(reference_root, tmp_path / "scratch").exports

    uncached_root = tmp_path / "uncached"
    shutil.copytree(base, uncached_root, symlinks=True)
    uncached = [run(uncached_root, "--no-cache") for _ in range(2)]
    assert [one.returncode for one in uncached] == [EXIT_BREACH] * 2, uncached[0].stderr
    times = clock_times((uncached_root / "logs" / "performance-alerts.jsonl").read_bytes())
    reports = (report_text(uncached[0].stdout, times), report_text(uncached[1].stdout, times))
    return base, old, Reference(after, seconds, events, steady_exports, reports)


def kill_and_rerun(root: Path, delay: float, scratch: Path, old: Snapshot,
                   reference: Reference) -> tuple[str, int, list[str]]:
    """One iteration: kill a run after ``delay`` s, check, rerun, check again.

    Returns how far the killed run got, how many events the rerun delivered from the outbox
    (the killed run had decided them), and the problems.
    """
    process = subprocess.Popen(command("--export"), cwd=root, env=environment(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    killed = process.poll() is None
    if killed:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    after_kill = snapshot(root, scratch)
    killed_events, problems = appended_events("alert log after the kill", old.alert_log,
                                              after_kill.alert_log)
    problems += visible_file_problems(after_kill.exports)

    rerun = run(root, "--export")
    final = snapshot(root, scratch)
    rerun_events, rerun_problems = appended_events("alert log after the rerun",
                                                   after_kill.alert_log, final.alert_log)
    problems += rerun_problems
    if rerun.returncode != EXIT_BREACH:
        problems.append(f"the rerun exited {rerun.returncode}: {rerun.stderr[-500:]}")
    problems += [f"the rerun warned: {line}" for line in rerun.stderr.splitlines()
                 if CACHE_WARNING.match(line)]

    ours, theirs = clock_times(final.alert_log), clock_times(reference.after.alert_log)
    for name in sorted(old.exports.keys() | after_kill.exports.keys() | final.exports.keys()):
        problems += export_problems(name, old.exports.get(name), after_kill.exports.get(name),
                                    final.exports.get(name, b""),
                                    reference.after.exports.get(name, b""), ours, theirs)
    problems += state_problems(old.state, after_kill.state, final.state, killed_events)
    if final.state is not None:
        try:
            AlertState.from_json(final.state.decode("utf-8"))
        except ValueError as exc:
            problems.append(f"the alert state after the rerun does not load: {exc}")
    if after_kill.cache not in (old.cache, reference.after.cache):
        problems.append(f"the cache after the kill is neither the old nor the new one: "
                        f"{after_kill.cache if isinstance(after_kill.cache, str) else 'differs'}")
    if final.cache != reference.after.cache:
        problems.append("the cache after the rerun differs from an uninterrupted run's")

    state_saved = after_kill.state != old.state
    problems += event_problems(reference.events, killed_events, rerun_events)
    if problems:
        return progress(killed, old, after_kill, final, len(killed_events)), 0, problems

    which = "second" if state_saved else "first"
    if rerun.returncode == EXIT_BREACH and report_text(
            rerun.stdout, ours) != reference.reports[state_saved]:
        problems.append(f"the rerun's report differs from the {which} --no-cache run's")
    expected = reference.steady_exports if state_saved else reference.after.exports
    if sorted(final.exports) != sorted(expected):
        problems.append(f"exports after the rerun: {sorted(final.exports)}, "
                        f"uninterrupted: {sorted(expected)}")
    for name, data in final.exports.items():
        if name in expected and export_text(name, data, ours) != export_text(
                name, expected[name], theirs):
            problems.append(f"{name} after the rerun differs from the {which} uninterrupted "
                            "run's")
    delivered = len(rerun_events) if state_saved else 0
    return progress(killed, old, after_kill, final, len(killed_events)), delivered, problems


def test_sigkill_at_random_points_leaves_old_or_new_files_and_the_rerun_is_exact(
        tmp_path: Path) -> None:
    seed = int(os.environ.get("PERF_CRASH_SEED") or random.SystemRandom().randrange(2**32))
    rng = random.Random(seed)
    base, old, reference = prepare(tmp_path)
    slots = list(range(ITERATIONS))
    rng.shuffle(slots)
    tally: Counter[str] = Counter()
    delivered = 0
    for iteration, slot in enumerate(slots):
        delay = reference.seconds * (slot + rng.random()) / ITERATIONS
        root = tmp_path / "runs" / str(iteration)
        shutil.copytree(base, root, symlinks=True)
        reached, outbox, problems = kill_and_rerun(root, delay, tmp_path / "scratch", old,
                                                   reference)
        assert not problems, (
            f"seed {seed} (PERF_CRASH_SEED={seed}), iteration {iteration}, kill after "
            f"{delay:.3f} s of an uninterrupted {reference.seconds:.3f} s ({reached}); files "
            f"in {root}:\n  " + "\n  ".join(problems))
        tally[reached] += 1
        delivered += outbox
        if any(root.glob("logs/.*.tmp")) or any(root.glob("logs/performance/.*.tmp")):
            tally["(temp files left by the kill)"] += 1
        shutil.rmtree(root)
    print(f"\ncrash test, seed {seed}: {ITERATIONS} kills within {reference.seconds:.3f} s; "
          f"0 events lost or repeated, {delivered} delivered by a rerun from the outbox; "
          + ", ".join(f"{name}: {count}" for name, count in sorted(tally.items())))


def test_a_later_run_removes_the_temp_files_killed_writes_left(tmp_path: Path) -> None:
    """``mkstemp`` never reuses a name, so without a sweep every kill mid-write would leave a
    hidden temp file for ever.  Only write_atomic's own names for our targets go, and only
    once :data:`STALE_TEMP_SECONDS` old: a concurrent writer's temp file is seconds old."""
    logs = tmp_path / "logs"
    output = logs / "performance"
    output.mkdir(parents=True)
    (tmp_path / "targets.yaml").write_text(TARGETS, encoding="utf-8")
    add_trades(logs, OLD_TRADES)
    old = time.time() - 2 * STALE_TEMP_SECONDS
    swept = [output / ".weekly-summary-2024-03-04.json.k3j_9x2a.tmp",
             output / ".daily-summary-2024-03-01.md.aaaaaaaa.tmp",     # another export's
             logs / ".performance-alerts.state.json.q1w2e3r4.tmp"]
    kept = [output / ".notes.txt.abcdefgh.tmp",                      # not a target of ours
            logs / ".2024-03-04.jsonl.abcdefgh.tmp",                 # nor is a log file
            output / ".weekly-summary-2024-03-04.md.k3j_9x2a"]       # not a mkstemp name
    for path in swept + kept:
        path.write_text("{\"partial", encoding="utf-8")
        os.utime(path, (old, old))
    fresh = output / ".weekly-summary-2024-03-04.md.zzzzzzzz.tmp"   # a write in progress
    fresh.write_text("{\"partial", encoding="utf-8")
    done = run(tmp_path, "--export")
    assert done.returncode == EXIT_BREACH, done.stderr
    assert "wrote: logs/performance/weekly-summary-2024-03-04.md" in done.stderr
    assert [path.name for path in swept if path.exists()] == []
    assert [path.name for path in [*kept, fresh] if not path.exists()] == []


# --------------------------------------------------------------------------------------------
# the checks can fail


def test_the_checks_reject_partial_files_lost_or_repeated_events_and_a_broken_cache(
        tmp_path: Path) -> None:
    """Each check above, fed what a non-atomic write or a wrong event order would leave."""
    new = b'{"a": 1, "b": "complete"}\n'
    assert replaced_file_problems("x", None, None, new) == []
    assert replaced_file_problems("x", b"old\n", new, new) == []
    assert replaced_file_problems("x", b"old\n", new[:9], new)             # truncated
    assert replaced_file_problems("x", b"old\n", b"", new)                 # created, not filled
    document = b'{"generated_at": "2026-01-01T00:00:00Z", "alerts": [], "x": 1}\n'
    later = document.replace(b"2026-01-01", b"2026-01-02")
    assert export_problems("w.json", None, later, document, document, set(), set()) == []
    assert export_problems("w.json", None, later[:30], document, document, set(), set())
    assert export_problems("w.md", None, b"# Re", b"# Report\n", b"# Report\n", set(), set())
    assert visible_file_problems(["weekly-summary-2024-03-04.json"]) == []
    assert visible_file_problems(["weekly-summary-2024-03-04.json.tmp"])  # a visible temp file

    logs = tmp_path / "logs"
    (tmp_path / "targets.yaml").write_text(TARGETS, encoding="utf-8")
    add_trades(logs, {"2024-03-05": ("-20", "5")})
    done = run(tmp_path, "--export")
    assert done.returncode == EXIT_BREACH, done.stderr
    log = alert_paths(logs).log.read_bytes()
    events, problems = appended_events("log", b"", log)
    assert events and problems == []
    assert appended_events("log", b"", log + log[:40])[1]                 # a partial line
    assert appended_events("log", b"", log + b'{"id": "x"}\n')[1]          # not an alert
    assert appended_events("log", log + b"x", log + log)[1]                # history rewritten

    expected = Counter(map(event_key, events))
    assert len(events) == 2                                                # so it can split
    assert event_problems(expected, events, []) == []
    assert event_problems(expected, events[:1], events[1:]) == []          # delivered by a rerun
    assert event_problems(expected, events, events)                        # repeated
    assert event_problems(expected, [], [])                                # lost
    assert event_problems(expected, events[:1], [])                        # half lost
    assert event_problems(expected, events, [{**events[0], "id": "x"}])    # raised again
    again = [{**event, "fingerprint": "f" * 16} for event in events]
    assert event_problems(Counter(map(event_key, again + events)), events, events)  # same ids

    state = alert_paths(logs).state.read_bytes()
    stored = AlertState.from_json(state.decode("utf-8"))
    with_pending = stored.with_pending(PendingEvents(0, tuple(events))).to_json().encode()
    assert state_problems(None, None, state, []) == []
    assert state_problems(None, state, state, events) == []
    assert state_problems(None, with_pending, state, events[:1]) == []     # the outbox
    assert state_problems(None, None, state, events)                       # appended unsaved
    assert state_problems(None, with_pending, state, [{**events[0], "id": "x"}])
    assert state_problems(None, with_pending[:40], state, [])              # torn
    assert state_problems(None, AlertState().to_json().encode(), state, [])   # neither

    facts = cache_facts(logs / "performance" / "cache", tmp_path / "scratch")
    assert not isinstance(facts, str) and facts[1] == 2, facts
    broken = tmp_path / "broken"
    broken.mkdir()
    data = (logs / "performance" / "cache" / CACHE_FILE_NAME).read_bytes()
    (broken / CACHE_FILE_NAME).write_bytes(data[:len(data) // 2])
    assert isinstance(cache_facts(broken, tmp_path / "scratch"), str)
    tracker = PerformanceTracker(logs, clock=fixed_clock(), cache_dir=tmp_path / "other")
    tracker.get_summary("daily", on=instant("2024-03-05T00:00:00Z").date())
    assert cache_facts(tmp_path / "other", tmp_path / "scratch") == facts
