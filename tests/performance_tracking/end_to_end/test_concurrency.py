"""Concurrency (issue #6, item 5): trackers, a writer and the alerts, all real processes at once.

test_cache.py already runs two tracker processes against a writer for the cache half; this adds
the alerts half, over several rounds.  What runs at the same time:

* a writer process (test_cache's ``WRITER``) appending trade lines to one day file, phase by
  phase; it tears some lines itself for a few milliseconds, and this test leaves some lines torn
  across a whole pause (the rest is written by the next phase);
* a cron-style loop of single ``python -m trading_bot.performance`` runs (``--window rolling
  --trades 20``, a fresh process each time);
* a ``--watch --interval 0.1`` process (``--window rolling --trades 10``);
* once, an ``ack`` of the firing win-rate alert.

All of them use the cache, one targets file, one alert log and one alert state.  The trades are
built so that every round drives each of the three rolling rules through exactly one episode:
losses (the breach starts: ``first``; the win rate escalates to CRITICAL), then wins (it
resolves), each phase left in place for :data:`PAUSE` so that both trackers evaluate it, which
makes them raise the same transitions at the same moments.  The rules are rolling (period
``latest``), so nothing depends on today's date.

At the end:

(a) exact totals: the day's summary from the shared cache equals a ``--no-cache`` run and the
    totals computed here from the writer's lines, and the cache equals one built from scratch;
(b) the alert log: every line is complete JSON valid against the alert schema; event ids are
    unique; each alert's events replay through the lifecycle the design allows (one ``first``
    per episode, at most one ``escalated``, ``acknowledged`` and ``resolved``, repeats only after
    ``repeat_interval`` and never after an ack, episodes never overlapping); each rule has
    exactly one episode per round (a duplicated or stale evaluation shows as an extra episode);
    and every event's value is its rule's value on a prefix of the written lines, the prefixes
    never going back in log order and never missing a line completed before the event was
    raised; each event was logged as a WARNING once, by the one run that appended it (the
    records of all the runs together are the log's events, message for message).

Which tracker raises which event is left to the scheduler and is not checked: the design
promises every event once, not a share of them to each process.  The ``--watch`` process
evaluates every 0.1 s while a cron run spends most of its second starting up, so on a loaded
machine the watcher often raises every event (in 2 runs of 6 at a load average of 6-7); the
count of each is printed.

The lock around load, evaluate, append and save keeps two runs from appending one event twice;
what it did not cover is a run judging a summary it read *before* another run committed newer
data (it resolved that run's alert, which was then raised again: a phantom episode, with a
duplicated event id when both fell in one second).  This test caught that about one run in
ten, and every time with a 150 ms pause injected between the cron runs' read and their lock;
``test_a_run_that_read_before_another_run_committed_reads_again`` pins it down
deterministically.  It also caught ``ack`` reading its clock before the lock and, having
waited while ``--watch`` logged a repeat of the next second, logging the acknowledgement
before it (the alert log's times went back: 2 runs in 34 on a loaded machine);
``test_an_ack_that_waited_for_the_lock_is_not_logged_before_the_run_it_waited_for`` pins
that down.

``PERF_CONCURRENCY_SEED`` replays the trades and the tearing (a fresh seed otherwise; it is in
every failure message); timing still differs between runs, so a seed narrows a failure down
rather than replaying it exactly.
"""

from __future__ import annotations

import json
import logging
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.alerting.identity import AlertIdentity
from trading_bot.performance.alerting.state import (
    FIRING,
    RESOLVED,
    AlertRecord,
    AlertState,
    AlertStateStore,
)
from trading_bot.performance.services.alert_workflow import (
    acknowledge_alert,
    evaluate_targets,
)

from ..alert_helpers import evaluate, events, instant, paths_for, reasons, targets
from ..cache.test_cache import (
    LOGGER_NAME,
    TRADE_KEYS,
    TZ_ENV,
    WRITER_DAY,
    cache_tables,
    cli,
    closed_line,
    info_lines,
    start_writer,
)
from ..conftest import fixed_clock, write_log

ROUNDS = 4
#: How long each phase's last state stays in place: a few cron runs and several watch rounds.
PAUSE = 0.5
TRADES = 10
#: How a WARNING record of an alert event starts on stderr (``--log-format text``).
ALERT_RECORD = "WARNING trading_bot.performance.alerts: "
TARGETS = """\
alerts:
  rules:
    - {name: rolling_win_rate, metric: win_rate, window: rolling, trades: 10, warn: 50,
       critical: 20, resolve: 70, repeat_interval: 1s}
    - {name: rolling_net, metric: net_profit_loss, window: rolling, trades: 10, warn: 0,
       resolve: 50, repeat_interval: never}
    - {name: loss_streak, metric: max_consecutive_losses, window: rolling, trades: 10, warn: 3,
       critical: 7, resolve: 1, repeat_interval: 2s}
data_health:
  missing_log_file: {enabled: false}
"""


# --------------------------------------------------------------------------------------------
# The oracle: what each rule says about the last ten trades, computed here from the nets.


def win_rate(nets: Sequence[Decimal]) -> Decimal:
    return Decimal(sum(net > 0 for net in nets)) / Decimal(len(nets))


def net_total(nets: Sequence[Decimal]) -> Decimal:
    return sum(nets, Decimal(0))


def loss_streak(nets: Sequence[Decimal]) -> Decimal:
    longest = run = 0
    for net in nets:
        run = run + 1 if net < 0 else 0
        longest = max(longest, run)
    return Decimal(longest)


@dataclass(frozen=True)
class Oracle:
    """One rule of :data:`TARGETS`, judged independently of the package."""

    name: str
    value: Callable[[Sequence[Decimal]], Decimal]
    higher_is_better: bool
    warn: Decimal
    critical: Decimal | None
    resolve: Decimal
    repeat: timedelta | None

    def worse(self, value: Decimal, level: Decimal) -> bool:
        return value < level if self.higher_is_better else value > level

    def severity(self, value: Decimal) -> str | None:
        if self.critical is not None and self.worse(value, self.critical):
            return "CRITICAL"
        return "WARN" if self.worse(value, self.warn) else None

    def fits(self, event: dict[str, Any], value: Decimal) -> bool:
        """Whether an event with this reason can come from an evaluation that saw ``value``."""
        reason, severity = event["reason"], self.severity(value)
        if reason == "resolved":
            return not self.worse(value, self.resolve)
        if reason == "first":
            return severity is not None and event["severity"] == severity
        if reason == "escalated":
            return bool(severity == "CRITICAL" == event["severity"])
        return bool(reason == "repeat_interval_elapsed" and self.worse(value, self.resolve)
                    and event["severity"] == (severity or "WARN"))


ORACLES = (
    Oracle("rolling_win_rate", win_rate, True, Decimal("0.5"), Decimal("0.2"), Decimal("0.7"),
           timedelta(seconds=1)),
    Oracle("rolling_net", net_total, True, Decimal(0), None, Decimal(50), None),
    Oracle("loss_streak", loss_streak, False, Decimal(3), Decimal(7), Decimal(1),
           timedelta(seconds=2)),
)


# --------------------------------------------------------------------------------------------
# The writer's plan.


@dataclass(frozen=True)
class Phase:
    """One writer run: its texts (whole lines and pieces of a torn one) and how many lines are
    complete in the file once it has run."""

    kind: str
    texts: tuple[str, ...]
    complete: int


def plan_trades(rng: random.Random) -> tuple[list[Decimal], list[tuple[str, int]]]:
    """The nets in realization order and the phases as (kind, number of trades).

    Wins are 20-30 and losses 40-100, so each round's levels are certain even while a
    phase's last line is still torn (one line fewer): 6 or more losses breach all three rules
    (win rate at most 40 %, net below 0, a streak over 3), 9 or more make the win rate and the
    streak CRITICAL, 9 or more wins resolve all three (win rate at least 90 %, net at least 80,
    a streak of at most 1), and nothing crosses back in between.
    """
    def win() -> Decimal:
        return Decimal(rng.randint(2000, 3000)).scaleb(-2)

    def loss() -> Decimal:
        return -Decimal(rng.randint(4000, 9999)).scaleb(-2)

    nets = [win() for _ in range(TRADES)]
    phases = [("start", TRADES)]
    for _ in range(ROUNDS):
        warn = rng.choice((7, 8))
        critical = rng.choice((10, 11)) - warn
        recover = rng.choice((10, 11))
        nets += [loss() for _ in range(warn + critical)] + [win() for _ in range(recover)]
        phases += [("warn", warn), ("critical", critical), ("recover", recover)]
    return nets, phases


def plan_phases(nets: Sequence[Decimal], groups: Sequence[tuple[str, int]],
                rng: random.Random) -> list[Phase]:
    """The writer runs; about half of them stop inside their last line, which the next
    completes after the pause (the last run always finishes its line)."""
    lines = [json.dumps(closed_line(f"C{index}", WRITER_DAY, 10 * index, str(net))) + "\n"
             for index, net in enumerate(nets)]
    phases, carry, start = [], "", 0
    for number, (kind, count) in enumerate(groups):
        end = start + count
        texts = ([carry] if carry else []) + lines[start:end]
        carry = ""
        if number < len(groups) - 1 and rng.random() < 0.5:
            last = texts.pop()
            cut = rng.randrange(1, len(last))
            texts.append(last[:cut])
            carry = last[cut:]
        phases.append(Phase(kind, tuple(texts), end - (1 if carry else 0)))
        start = end
    return phases


@dataclass(frozen=True)
class Written:
    """When (``time.time()`` after the writer exited) how many lines were complete."""

    at: float
    complete: int


def complete_before(written: Sequence[Written], moment: datetime) -> int:
    """Lines certainly complete before ``moment``: any evaluation at or after it saw them."""
    return max((entry.complete for entry in written if entry.at < moment.timestamp()),
               default=0)


# --------------------------------------------------------------------------------------------
# The alert log checks.


def describe(found: Sequence[dict[str, Any]]) -> str:
    return "\n".join(f"  {event['raised_at']} {event['reason']:<24} {event['severity']:<8} "
                     f"actual={event['actual']}" for event in found)


def episodes(found: Sequence[dict[str, Any]], oracle: Oracle,
             where: str) -> list[list[dict[str, Any]]]:
    """Replay one alert's events through the lifecycle the design allows; its episodes."""
    done: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] | None = None
    previous: datetime | None = None
    for event in found:
        at = instant(event["raised_at"])
        here = f"{where}: {event['id']} in\n{describe(found)}"
        assert previous is None or at >= previous, f"{here}\nraised_at went back"
        previous = at
        if event["reason"] == "first":
            assert current is None, f"{here}\na second first event in one episode"
            assert event["status"] == FIRING and event["firing_since"] == event["raised_at"], here
            current = [event]
            continue
        assert current is not None, f"{here}\n{event['reason']} of an alert that is not firing"
        assert event["firing_since"] == current[0]["firing_since"], f"{here}\nanother episode"
        reasons = [earlier["reason"] for earlier in current]
        if event["reason"] in ("escalated", "acknowledged", "resolved"):
            assert event["reason"] not in reasons, f"{here}\n{event['reason']} twice"
        if event["reason"] == "repeat_interval_elapsed":
            assert oracle.repeat is not None, f"{here}\nrepeat of a never-repeating rule"
            assert "acknowledged" not in reasons, f"{here}\nrepeat after an ack"
            last = max(instant(earlier["raised_at"]) for earlier in current
                       if earlier["reason"] != "acknowledged")
            assert at - last >= oracle.repeat, f"{here}\nrepeated before repeat_interval"
        current.append(event)
        if event["reason"] == "resolved":
            assert event["status"] == RESOLVED, here
            done.append(current)
            current = None
    if current is not None:
        done.append(current)
    return done


def check_snapshots(found: Sequence[dict[str, Any]], oracle: Oracle, nets: Sequence[Decimal],
                    written: Sequence[Written], where: str) -> None:
    """Each event's value is the rule's value on some prefix of the written lines; in log
    order the prefixes never go back (an evaluation never acts on data older than what an
    earlier event was computed from) and never miss a line completed before the event."""
    position = TRADES
    for event in found:
        if event["reason"] == "acknowledged":
            continue
        actual = Decimal(event["actual"])
        floor = max(position, complete_before(written, instant(event["raised_at"])))
        for prefix in range(floor, len(nets) + 1):
            value = oracle.value(nets[prefix - TRADES:prefix])
            if value == actual and oracle.fits(event, value):
                position = prefix
                break
        else:
            pytest.fail(f"{where}: {event['id']} (actual {actual}) matches no prefix of the "
                        f"written lines from line {floor} on (the previous event matched "
                        f"{position}): an evaluation acted on stale data\n{describe(found)}")


# --------------------------------------------------------------------------------------------
# The processes.


@dataclass(frozen=True)
class Outcome:
    """What the concurrent part left behind, for the checks."""

    written: tuple[Written, ...]
    cron_runs: tuple[subprocess.CompletedProcess[str], ...]
    watch_log: str
    watch_code: int
    ack: subprocess.CompletedProcess[str]


def wait_for_escalation(store: AlertStateStore, rule: str, where: str) -> str:
    """The fingerprint of ``rule`` once it is firing and its CRITICAL event is out."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        for record in store.load().firing():
            if record.identity.rule == rule and record.emitted_severity == "CRITICAL":
                return record.fingerprint
        time.sleep(0.02)
    pytest.fail(f"{where}: {rule} never escalated to CRITICAL")


def run_concurrently(tmp_path: Path, logs: Path, rules: Path, phases: Sequence[Phase],
                     seed: int, where: str) -> Outcome:
    """The writer's phases while a cron loop and a watch process evaluate, plus one ack.

    The first phase is written before the trackers start, so they also race to create the
    cache and the alert state.  The ack comes in the first round, once the win-rate alert has
    escalated, so later repeats of that episode must not happen.
    """
    log_file = logs / f"{WRITER_DAY.isoformat()}.jsonl"
    common = ("--logs-dir", logs, "--targets", rules)
    written: list[Written] = []

    def write(number: int, phase: Phase) -> None:
        plan = tmp_path / f"phase-{number}.json"
        plan.write_text(json.dumps(list(phase.texts)))
        assert start_writer(log_file, plan, seed + number).wait(timeout=60) == 0, where
        written.append(Written(time.time(), phase.complete))

    write(0, phases[0])
    stop = threading.Event()
    cron_runs: list[subprocess.CompletedProcess[str]] = []

    def cron() -> None:
        while not stop.is_set():
            cron_runs.append(cli(*common, "--window", "rolling", "--trades", 2 * TRADES,
                                 "--format", "json"))

    watch_path = tmp_path / "watch.err"
    with watch_path.open("w") as watch_err:
        watcher = subprocess.Popen(
            [sys.executable, "-m", "trading_bot.performance", *map(str, common), "--window",
             "rolling", "--trades", str(TRADES), "--watch", "--interval", "0.1"],
            stdout=subprocess.DEVNULL, stderr=watch_err,
            env={key: value for key, value in os.environ.items() if key != TZ_ENV})
    cron_thread = threading.Thread(target=cron, daemon=True)
    cron_thread.start()
    ack: subprocess.CompletedProcess[str] | None = None
    try:
        time.sleep(PAUSE)
        for number, phase in enumerate(phases[1:], start=1):
            write(number, phase)
            began = time.monotonic()
            if phase.kind == "critical" and ack is None:
                fingerprint = wait_for_escalation(AlertStateStore(paths_for(logs).state),
                                                  "rolling_win_rate", where)
                ack = cli("ack", fingerprint, "--logs-dir", logs)
            time.sleep(max(PAUSE - (time.monotonic() - began), 0.0))
    finally:
        stop.set()
        cron_thread.join(timeout=60)
        if watcher.poll() is None:
            watcher.send_signal(signal.SIGTERM)
        try:
            watcher.wait(timeout=30)
        except subprocess.TimeoutExpired:
            watcher.kill()
            watcher.wait()
    assert ack is not None, where
    return Outcome(tuple(written), tuple(cron_runs), watch_path.read_text(), watcher.returncode,
                   ack)


# --------------------------------------------------------------------------------------------
# The checks.


def check_exact_totals(tmp_path: Path, logs: Path, nets: Sequence[Decimal],
                       where: str) -> None:
    """(a): the day from the shared cache == ``--no-cache`` == the writer's own lines, and the
    cache those runs built == one built from scratch."""
    no_targets = tmp_path / "no-targets.yaml"
    no_targets.write_text("")
    day = ("--logs-dir", logs, "--targets", no_targets, "--window", "daily", "--date",
           WRITER_DAY.isoformat(), "--format", "json")
    cached, uncached = cli(*day), cli(*day, "--no-cache")
    assert cached.returncode == uncached.returncode == 0, f"{where}\n{cached.stderr}"
    documents = [json.loads(result.stdout) for result in (cached, uncached)]
    assert {key: documents[0][key] for key in TRADE_KEYS} == \
        {key: documents[1][key] for key in TRADE_KEYS}, where
    metrics = documents[0]["metrics"]
    wins = [net for net in nets if net > 0]
    assert (metrics["closed_trades"], metrics["wins"], metrics["losses"]) == (
        len(nets), len(wins), len(nets) - len(wins)), where
    assert Decimal(metrics["net_profit_loss"]) == sum(nets, Decimal(0)), where
    assert Decimal(metrics["gross_profit"]) == sum(wins, Decimal(0)), where
    assert documents[0]["data_quality"]["bad_lines"] == 0, where
    shared = PerformanceTracker(logs)
    reference = PerformanceTracker(logs, cache_dir=tmp_path / "reference")
    shared.get_summary("daily", on=WRITER_DAY)
    reference.get_summary("daily", on=WRITER_DAY)
    assert cache_tables(shared.cache_path) == cache_tables(reference.cache_path), where


def check_alert_log(logs: Path, nets: Sequence[Decimal], written: Sequence[Written],
                    where: str) -> list[dict[str, Any]]:
    """(b): whole valid lines, each alert's events as often as the design allows, one episode
    per round, values from real snapshots in order; the state agrees.  Returns the events."""
    paths = paths_for(logs)
    assert paths.log.read_bytes().endswith(b"\n"), where
    found = events(paths)                        # every line parsed and schema-checked
    assert {event["rule"] for event in found} == {oracle.name for oracle in ORACLES}, where
    state = AlertStateStore(paths.state).load()
    for oracle in ORACLES:
        mine = [event for event in found if event["rule"] == oracle.name]
        context = f"{where}, rule {oracle.name}"
        assert len({event["fingerprint"] for event in mine}) == 1, context
        lifecycles = episodes(mine, oracle, context)
        assert len(lifecycles) == ROUNDS, \
            f"{context}: {len(lifecycles)} episodes for {ROUNDS} rounds\n{describe(mine)}"
        assert all(episode[-1]["reason"] == "resolved" for episode in lifecycles), \
            f"{context}: an episode never resolved\n{describe(mine)}"
        check_snapshots(mine, oracle, nets, written, context)
        record = state.get(mine[0]["fingerprint"])
        assert record is not None and record.status == RESOLVED, context
        assert record.last_event_id == mine[-1]["id"], context
    duplicated = [key for key, count in Counter(event["id"] for event in found).items()
                  if count > 1]
    assert not duplicated, f"{where}: duplicated event ids {duplicated}"
    reasons = [event["reason"] for event in found]
    assert reasons.count("acknowledged") == 1 and "escalated" in reasons, where
    return found


# --------------------------------------------------------------------------------------------
# The tests.


def test_two_trackers_a_writer_and_an_ack_raise_every_alert_event_once(
        tmp_path: Path) -> None:
    seed = int(os.environ.get("PERF_CONCURRENCY_SEED") or random.randrange(1 << 32))
    where = f"PERF_CONCURRENCY_SEED={seed}"
    rng = random.Random(seed)
    nets, groups = plan_trades(rng)
    phases = plan_phases(nets, groups, rng)
    logs = tmp_path / "logs"
    logs.mkdir()
    rules = tmp_path / "targets.yaml"
    rules.write_text(TARGETS)

    outcome = run_concurrently(tmp_path, logs, rules, phases, seed, where)

    watched = outcome.watch_log
    assert outcome.watch_code == 0 and "watch: stopped by SIGTERM" in watched, \
        f"{where}\n{watched[-3000:]}"
    assert "failed" not in watched and "Traceback" not in watched, f"{where}\n{watched[-3000:]}"
    assert len(outcome.cron_runs) >= 5, f"{where}: only {len(outcome.cron_runs)} cron runs"
    for run in outcome.cron_runs:
        assert run.returncode in (0, 2), f"{where}: cron run exit {run.returncode}\n{run.stderr}"
        assert not any(word in run.stderr for word in ("error", "discarding", "Traceback")), \
            f"{where}\n{run.stderr}"
    assert outcome.ack.returncode == 0, f"{where}: {outcome.ack.stdout}{outcome.ack.stderr}"
    assert outcome.ack.stdout.startswith("acknowledged at "), f"{where}: {outcome.ack.stdout}"
    final = cli("--logs-dir", logs, "--targets", rules, "--window", "rolling", "--trades",
                TRADES, "--format", "json")
    assert final.returncode == 0, f"{where}: every rule has recovered\n{final.stderr}"

    check_exact_totals(tmp_path, logs, nets, where)
    found = check_alert_log(logs, nets, outcome.written, where)

    # Each event was logged once, by the one run that appended it (the ack logs none): the
    # WARNING records of all the runs together are the announced events, message for message.
    # Which run that was is the scheduler's choice (see the module docstring), so the share of
    # each tracker is only printed.
    by_cron = alert_records(*(run.stderr for run in (*outcome.cron_runs, final)))
    by_watch = alert_records(watched)
    announced = Counter(event["message"] for event in found if event["reason"] != "acknowledged")
    assert by_cron + by_watch == announced, (
        f"{where}: WARNING records {by_cron.total()} by cron + {by_watch.total()} by --watch "
        f"for {announced.total()} announced events\n"
        f"  missing: {dict(announced - (by_cron + by_watch))}\n"
        f"  extra: {dict((by_cron + by_watch) - announced)}")
    print(f"{where}: {len(found)} events, {by_cron.total()} raised by {len(outcome.cron_runs)} "
          f"cron runs, {by_watch.total()} by --watch")


def alert_records(*streams: str) -> Counter[str]:
    """The messages of the alert events' WARNING records (``--log-format text``) in ``streams``."""
    return Counter(line[len(ALERT_RECORD):] for stream in streams for line in stream.splitlines()
                   if line.startswith(ALERT_RECORD))


@pytest.mark.parametrize("window, options, rolling_reads", [
    ("rolling", {"trades": TRADES}, 0),                 # the window is the rolling trades
    ("range", {"start_date": WRITER_DAY, "end_date": WRITER_DAY + timedelta(days=1)}, 1),
])
def test_a_run_that_read_before_another_run_committed_reads_again(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, window: str, options: dict[str, Any],
        rolling_reads: int) -> None:
    """The race the lock alone does not close, made deterministic with two in-process runs.

    Run A reads its summary; the bot writes losses; run B reads them and raises the alerts;
    then A takes the lock.  Judging its older summary, A would resolve B's alerts (and B's next
    run would raise them again: a phantom episode).  A must read again, under the lock; a run
    that read after the last commit must not (one read per run in the common case).  Each
    summary read logs one INFO line; a range window also reads the rolling trades.
    """
    logs = tmp_path / "logs"
    rules = targets(TARGETS)
    paths = paths_for(logs)
    lines = [closed_line(f"W{index}", WRITER_DAY, 10 * index, "25") for index in range(TRADES)]
    write_log(logs, WRITER_DAY.isoformat(), *lines)
    run_a = PerformanceTracker(logs, clock=fixed_clock("2026-03-03T00:00:00Z"))
    stale = run_a.get_summary(window, **options)
    losses = [closed_line(f"L{index}", WRITER_DAY, 1000 + 10 * index, "-50")
              for index in range(8)]
    write_log(logs, WRITER_DAY.isoformat(), *losses)
    run_b = PerformanceTracker(logs, clock=fixed_clock("2026-03-03T00:00:01Z"))
    assert evaluate(run_b, rules, paths, window, **options).breached
    assert reasons(paths) == ["first"] * 3

    with caplog.at_level(logging.INFO, logger=LOGGER_NAME), \
            caplog.at_level(logging.INFO, logger=ALERTS_LOGGER):
        judged = evaluate_targets(run_a, stale, rules, paths)
    # nothing resolved, nothing new
    assert judged.view.breached and reasons(paths) == ["first"] * 3
    assert len(info_lines(caplog)) == 1 + rolling_reads         # it read the window again
    assert read_again_lines(caplog) == [READ_AGAIN]             # and said why, once

    caplog.clear()
    later = PerformanceTracker(logs, clock=fixed_clock("2026-03-03T00:00:02Z"))
    fresh = later.get_summary(window, **options)
    # A's report must show the summary it judged (the one read again), not its first read
    assert judged.summary.metrics.values == fresh.metrics.values != stale.metrics.values
    assert judged.summary.aggregate.core.losses == 8 and stale.aggregate.core.losses == 0
    with caplog.at_level(logging.INFO, logger=LOGGER_NAME), \
            caplog.at_level(logging.INFO, logger=ALERTS_LOGGER):
        again = evaluate_targets(later, fresh, rules, paths)
    assert again.view.breached and again.summary is fresh       # not read again: the same one
    assert len(info_lines(caplog)) == rolling_reads             # read after the commit: once
    assert read_again_lines(caplog) == []



def test_an_ack_that_waited_for_the_lock_is_not_logged_before_the_run_it_waited_for(
        tmp_path: Path) -> None:
    """``ack`` takes its time before the state's lock; a run may commit newer events meanwhile.

    The concurrency test caught it: the operator's ack read the clock at ...:01.9, waited
    while ``--watch`` logged the win rate's repeat of ...:02, then logged itself at ...:01,
    and the alert log's times went back.  An ack is logged no earlier than the last commit.
    """
    logs = tmp_path / "logs"
    rules = targets(TARGETS)
    paths = paths_for(logs)
    write_log(logs, WRITER_DAY.isoformat(),
              *[closed_line(f"L{index}", WRITER_DAY, 10 * index, "-50") for index in range(TRADES)])
    run_b = PerformanceTracker(logs, clock=fixed_clock("2026-03-03T00:00:00Z"))
    assert evaluate(run_b, rules, paths, "rolling", trades=TRADES).breached
    fingerprint = next(event["fingerprint"] for event in events(paths)
                       if event["rule"] == "rolling_win_rate")
    asked = instant("2026-03-03T00:00:01.900Z")          # the ack reads its clock, then waits
    run_c = PerformanceTracker(logs, clock=fixed_clock("2026-03-03T00:00:02.100Z"))
    assert evaluate(run_c, rules, paths, "rolling", trades=TRADES).breached
    assert "repeat_interval_elapsed" in reasons(paths)   # logged at 00:00:02

    record, new = acknowledge_alert(fingerprint, paths, asked)

    found = events(paths)
    assert new and found[-1]["reason"] == "acknowledged"
    times = [instant(event["raised_at"]) for event in found]
    assert times == sorted(times), describe(found)
    assert found[-1]["raised_at"] == "2026-03-03T00:00:02Z"
    assert record.acknowledged_at == instant("2026-03-03T00:00:02Z")


ALERTS_LOGGER = "trading_bot.performance.alerts"
READ_AGAIN = ("another run committed the alert state after this summary was read; judging a "
              "fresh read")


def read_again_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records
            if record.name == ALERTS_LOGGER and record.levelno == logging.INFO
            and record.getMessage() == READ_AGAIN]


def test_the_commit_stamp_never_goes_back(tmp_path: Path) -> None:
    """A clock set back between two runs must not make a later run trust an older summary."""
    store = AlertStateStore(tmp_path / "state.json")
    early, late = instant("2026-03-03T00:00:00Z"), instant("2026-03-03T00:00:05.25Z")
    record = AlertRecord(
        identity=AlertIdentity("rolling_win_rate", "win_rate", "rolling-10", "latest"),
        period_start=None, period_end=None,
        status=FIRING, severity="WARN", firing_since=early, last_seen=early,
        unit="percent", target=Decimal("0.5"), actual=Decimal("0.4"), message="win_rate")
    with store.locked(clock=lambda: late) as handle:
        handle.state = AlertState({record.fingerprint: record})
    assert store.load().committed_at == late                    # microseconds kept
    with store.locked(clock=lambda: early) as handle:
        handle.state = AlertState({})
    assert store.load().committed_at == late and store.load().records == {}
    with store.locked(clock=lambda: early) as handle:
        assert handle.committed_at == late                       # unchanged: nothing written
