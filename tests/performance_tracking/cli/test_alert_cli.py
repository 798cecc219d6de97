"""Targets and alerts through the command line: exit codes, the alert log, ``ack``, ``--watch``.

The subprocess tests run the real module with the real clock, so their trades are written a few
minutes in the past and evaluated with ``--window rolling``: the rolling window ends now, which
is when rolling rules alert.  A few cases call ``cli.main`` in-process too.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.alerting.state import AlertStateStore
from trading_bot.performance.cli import summary as cli
from trading_bot.performance.cli.alerts import ack_main
from trading_bot.performance.errors import PerformanceError
from trading_bot.performance.schemas.validation import schema_errors
from trading_bot.performance.services.alert_workflow import alert_paths, evaluate_targets
from trading_bot.performance.services.watch import Stopper, watch

from ..alert_helpers import events, instant, outcomes, paths_for

EXIT_OK, EXIT_ERROR, EXIT_BREACH, EXIT_USAGE = 0, 1, 2, 64
RR_RULE = """\
alerts:
  rules:
    - {name: rolling_risk_reward, metric: avg_risk_reward, window: rolling, trades: 10, warn: 1.0}
"""


def run(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items()
           if key != "PERFORMANCE_SUMMARY_TIMEZONE"}
    return subprocess.run([sys.executable, "-m", "trading_bot.performance", *map(str, args)],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=60)


def recent(logs: Path, kinds: str, **fields: Any) -> None:
    """Trades closing every five minutes, the last one a minute ago (real clock)."""
    now = datetime.now(UTC).replace(microsecond=0)
    start = now - timedelta(minutes=5 * (len(kinds) - 1) + 1)
    outcomes(logs, start, kinds, step=timedelta(minutes=5), **fields)


@pytest.fixture
def rr_setup(tmp_path: Path) -> tuple[Path, Path]:
    """20 winning trades; the last 10 planned R:R 0.8 (the 10 before: 2.0)."""
    logs = tmp_path / "logs"
    recent(logs, "w" * 10, risk_reward_ratio="2.0", prefix="A")
    time.sleep(0)  # the second batch is later in realization order by construction
    now = datetime.now(UTC).replace(microsecond=0)
    outcomes(logs, now - timedelta(seconds=50), "w" * 10, step=timedelta(seconds=2),
             risk_reward_ratio="0.8", prefix="B")
    rules = tmp_path / "targets.yaml"
    rules.write_text(RR_RULE, encoding="utf-8")
    return logs, rules


def test_average_rr_below_1_over_the_last_10_trades_exits_2_with_one_alert(
        rr_setup: tuple[Path, Path]) -> None:
    logs, rules = rr_setup
    first = run("--window", "rolling", "--trades", "10", "--logs-dir", logs, "--targets", rules)
    assert first.returncode == EXIT_BREACH, first.stderr
    assert ("WARNING trading_bot.performance.alerts: avg_risk_reward 0.80 < target 1.00 "
            "(rolling 10 trades)") in first.stderr
    assert "no (WARN, firing)" in first.stdout or "no, firing" in first.stdout
    event, = events(paths_for(logs))
    assert (event["rule"], event["metric"], event["reason"]) == (
        "rolling_risk_reward", "avg_risk_reward", "first")
    # a second process: the state carried over, so it is still a breach but not a new event
    second = run("--window", "rolling", "--trades", "10", "--logs-dir", logs, "--targets", rules)
    assert second.returncode == EXIT_BREACH
    assert "WARNING" not in second.stderr and len(events(paths_for(logs))) == 1


def test_metrics_above_target_exit_0_and_write_no_alert(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    recent(logs, "w" * 10, risk_reward_ratio="2.0")
    rules = tmp_path / "targets.yaml"
    rules.write_text(RR_RULE, encoding="utf-8")
    result = run("--window", "rolling", "--trades", "10", "--logs-dir", logs, "--targets", rules,
                 "--format", "json")
    assert result.returncode == EXIT_OK, result.stderr
    document = json.loads(result.stdout)
    assert schema_errors("performance-summary", document) == []
    assert document["targets"]["breached"] is False
    assert [r["status"] for r in document["targets"]["results"]] == ["met"]
    assert document["alerts"] == [] and not paths_for(logs).log.exists()


def test_json_and_markdown_reports_carry_the_targets_and_the_alerts(
        rr_setup: tuple[Path, Path]) -> None:
    logs, rules = rr_setup
    result = run("--window", "rolling", "--trades", "10", "--logs-dir", logs, "--targets", rules,
                 "--format", "json", "--log-format", "json")
    assert result.returncode == EXIT_BREACH
    document = json.loads(result.stdout)
    assert schema_errors("performance-summary", document) == []
    target, = document["targets"]["results"]
    assert (target["rule"], target["actual"], target["target"], target["variance"],
            target["status"], target["alert"]) == (
        "rolling_risk_reward", "0.8", "1.0", "-0.2", "breached", "firing")
    alert, = document["alerts"]
    assert alert["status"] == "firing" and alert["id"] == events(paths_for(logs))[0]["id"]
    record, = [json.loads(line) for line in result.stderr.splitlines()]
    assert record["level"] == "WARNING" and record["logger"] == "trading_bot.performance.alerts"
    assert record["message"] == "avg_risk_reward 0.80 < target 1.00 (rolling 10 trades)"
    assert (record["metric"], record["actual"], record["severity"], record["reason"]) == (
        "avg_risk_reward", "0.8", "WARN", "first")
    markdown = run("--window", "rolling", "--trades", "10", "--logs-dir", logs, "--targets",
                   rules, "--format", "markdown").stdout
    assert ("| rolling_risk_reward | rolling 10 trades | 0.80 | min 1.00 | -0.20 | "
            "no (WARN, firing) | - |") in markdown
    assert "## Alerts for the period" in markdown
    assert "`avg_risk_reward 0.80 < target 1.00 (rolling 10 trades)`" in markdown


def test_invalid_or_missing_targets_files(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    recent(logs, "w" * 3)
    bad = tmp_path / "bad.yaml"
    bad.write_text("win_rate_target: 160\nalerts: {rules: [{name: x, metric: win_rat, warn: 1}]}\n",
                   encoding="utf-8")
    result = run("--logs-dir", logs, "--targets", bad)
    assert result.returncode == EXIT_ERROR and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error: {bad}: 2 problems in the targets file (nothing was evaluated):",
        f"  {bad}:1: win_rate_target: bad value 160: expected a percentage from 0 to 100, "
        "such as 60",
        f"  {bad}:2: alerts.rules[0].metric: bad value 'win_rat': expected a metric: win_rate, "
        "avg_risk_reward, avg_r_multiple, expectancy, profit_factor, net_profit_loss, "
        "max_drawdown, max_consecutive_losses, daily_pl or trades_per_day; did you mean "
        "'win_rate'?",
    ]
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text('a: &a ["x","x"]\nb: [*a,*a]\n', encoding="utf-8")
    refused = run("--logs-dir", logs, "--targets", bomb)
    assert refused.returncode == EXIT_ERROR and "YAML alias *a is not allowed" in refused.stderr
    missing = run("--logs-dir", logs, "--targets", tmp_path / "typo.yaml")
    assert missing.returncode == EXIT_ERROR
    assert "targets file not found (named with --targets)" in missing.stderr
    # no --targets and no config/dashboard-targets.yaml in the working directory: no targets
    default = run("--logs-dir", logs, "--format", "json", cwd=tmp_path)
    assert default.returncode == EXIT_OK
    assert json.loads(default.stdout)["targets"] == {
        "configured": False, "source": None,
        "note": "none configured, so alerts are off; set them in config/dashboard-targets.yaml "
                "(see the README)",
        "breached": False, "results": []}
    # ... and with one there, it is used
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "dashboard-targets.yaml").write_text(
        "alerts: {rules: [{name: wr, metric: win_rate, window: rolling, trades: 3, warn: 100, "
        "critical: 100}]}\n", encoding="utf-8")
    used = run("--logs-dir", "logs", "--window", "rolling", "--trades", "3", cwd=tmp_path)
    assert used.returncode == EXIT_OK, used.stderr        # 100% is not below 100%


def test_ack_records_acknowledged_at(rr_setup: tuple[Path, Path]) -> None:
    logs, rules = rr_setup
    assert run("--window", "rolling", "--trades", "10", "--logs-dir", logs, "--targets",
               rules).returncode == EXIT_BREACH
    event_id = events(paths_for(logs))[0]["id"]
    acked = run("ack", event_id, "--logs-dir", logs)
    assert acked.returncode == EXIT_OK, acked.stderr
    assert acked.stdout.startswith("acknowledged at ")
    assert "rolling_risk_reward" in acked.stdout
    assert "no more repeats until it resolves" in acked.stdout
    record, = AlertStateStore(paths_for(logs).state).load().firing()
    assert record.acknowledged_at is not None
    logged = events(paths_for(logs))
    assert [event["reason"] for event in logged] == ["first", "acknowledged"]
    assert logged[1]["acknowledged_at"] is not None
    again = run("--ack", record.fingerprint, "--logs-dir", logs)
    assert again.returncode == EXIT_OK and again.stdout.startswith("already acknowledged at ")
    unknown = run("ack", "feedfacefeedface", "--logs-dir", logs)
    assert unknown.returncode == EXIT_ERROR
    assert "unknown alert id 'feedfacefeedface'" in unknown.stderr
    assert run("ack", "--logs-dir", logs).returncode == EXIT_USAGE


def test_watch_stops_cleanly_on_sigterm(rr_setup: tuple[Path, Path]) -> None:
    logs, rules = rr_setup
    process = subprocess.Popen(
        [sys.executable, "-m", "trading_bot.performance", "--watch", "--interval", "0.2",
         "--window", "rolling", "--trades", "10", "--logs-dir", str(logs), "--targets",
         str(rules)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    try:
        assert process.stderr is not None
        deadline = time.monotonic() + 30
        while sum("took" in line for line in lines) < 3 and time.monotonic() < deadline:
            line = process.stderr.readline()
            if not line:
                break
            lines.append(line)
        process.send_signal(signal.SIGTERM)
        _, rest = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == EXIT_OK
    log = "".join(lines) + rest
    assert "INFO trading_bot.performance.watch: watch: evaluation 1 took" in log
    assert "(breach, exit 2)" in log
    assert "watch: stopped by SIGTERM after" in log
    assert [event["reason"] for event in events(paths_for(logs))] == ["first"]   # no storm


def test_concurrent_runs_emit_each_event_once(rr_setup: tuple[Path, Path]) -> None:
    logs, rules = rr_setup
    command = [sys.executable, "-m", "trading_bot.performance", "--window", "rolling",
               "--trades", "10", "--logs-dir", str(logs), "--targets", str(rules)]
    processes = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                 for _ in range(4)]
    codes = [process.wait(timeout=60) for process in processes]
    for process in processes:
        assert process.stderr is not None
        process.stderr.close()
    assert codes == [EXIT_BREACH] * 4
    assert [event["reason"] for event in events(paths_for(logs))] == ["first"]


# --- in-process -------------------------------------------------------------------------------

def main(*args: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        code = cli.main([str(arg) for arg in args], stdout=out, stderr=err)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("args, message", [
    (["--interval", "5"], "--interval applies to --watch only"),
    (["--watch", "--ack", "x"], "--ack and --watch do not go together"),
])
def test_alert_usage_errors_exit_64(tmp_path: Path, args: list[str], message: str) -> None:
    code, _, err = main("--logs-dir", tmp_path, *args)
    assert code == EXIT_USAGE and message in err


@pytest.mark.parametrize("value", ["0", "soon", "inf"])
def test_a_bad_interval_is_a_usage_error(tmp_path: Path, value: str) -> None:
    code, _, err = main("--logs-dir", tmp_path, "--watch", "--interval", value)
    assert code == EXIT_USAGE and "--interval" in err


def test_in_process_breach_ack_and_alert_log_option(rr_setup: tuple[Path, Path],
                                                    tmp_path: Path) -> None:
    logs, rules = rr_setup
    log = tmp_path / "elsewhere" / "alerts.jsonl"
    code, out, _ = main("--window", "rolling", "--trades", "10", "--logs-dir", logs,
                        "--targets", rules, "--alert-log", log)
    assert code == EXIT_BREACH and "rolling_risk_reward" in out
    paths = alert_paths(logs, log)
    assert paths.state == tmp_path / "elsewhere" / "alerts.state.json"
    event, = events(paths)
    code, out, _ = main("ack", event["id"], "--logs-dir", logs, "--alert-log", log)
    assert code == EXIT_OK and out.startswith("acknowledged at ")
    code, out, _ = main("--ack", event["id"], "--logs-dir", logs, "--alert-log", log)
    assert code == EXIT_OK and out.startswith("already acknowledged")
    code, _, err = main("ack", "0000000000000000", "--logs-dir", logs)
    assert code == EXIT_ERROR and "unknown alert id" in err


def test_ack_stamps_the_state_with_its_own_clock(tmp_path: Path) -> None:
    """``committed_at`` orders commits against summaries read by the same clock: an ``ack``
    given a clock must stamp with it, not with the machine's."""
    from ..alert_helpers import Clock, evaluate, targets

    logs = tmp_path / "logs"
    outcomes(logs, instant("2026-03-02T14:00:30Z"), "w" * 11 + "l" * 9)
    paths = paths_for(logs)
    evaluate(PerformanceTracker(logs, clock=Clock("2026-03-02T18:00:00Z")), targets(
        "alerts:\n  rules:\n    - {name: wr, metric: win_rate, window: rolling, trades: 20, "
        "warn: 60}\n"), paths)
    event, = events(paths)
    out, err = io.StringIO(), io.StringIO()
    code = ack_main([event["id"], "--logs-dir", str(logs)], stdout=out, stderr=err,
                    clock=Clock("2026-03-02T18:05:00.5Z"))
    assert code == EXIT_OK, err.getvalue()
    assert AlertStateStore(paths.state).load().committed_at == instant("2026-03-02T18:05:00.5Z")


def test_in_process_watch_stops_on_a_signal_and_exports(
        rr_setup: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    logs, rules = rr_setup
    calls = []
    real = evaluate_targets

    def counting(*args: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGTERM)   # our handler is installed while watching
        return real(*args)

    monkeypatch.setattr(cli, "evaluate_targets", counting)
    before = signal.getsignal(signal.SIGTERM)
    code, out, _ = main("--watch", "--interval", "0.05", "--window", "rolling", "--trades",
                          "10", "--logs-dir", logs, "--targets", rules, "--export",
                          "--output-dir", tmp_path / "exports")
    assert code == EXIT_OK and out == "" and len(calls) == 2
    assert signal.getsignal(signal.SIGTERM) == before
    assert sorted(path.suffix for path in (tmp_path / "exports").iterdir()) == [".html", ".json",
                                                                                ".md"]
    assert "## Targets" in next((tmp_path / "exports").glob("*.md")).read_text(encoding="utf-8")


def test_the_watch_loop_logs_each_evaluation_and_survives_errors(
        caplog: pytest.LogCaptureFixture) -> None:
    stopper = Stopper()
    outcomes_seen: Iterator[int | str] = iter([EXIT_OK, "error", EXIT_BREACH])
    ticks = iter(range(100))

    def evaluate() -> int:
        outcome = next(outcomes_seen)
        if outcome == EXIT_BREACH:
            stopper.request(signal.SIGINT)
        if isinstance(outcome, str):
            raise PerformanceError(f"logs directory vanished ({outcome})")
        return outcome

    try:
        with caplog.at_level("INFO", logger="trading_bot.performance.watch"):
            assert watch(evaluate, interval=0.01, stopper=stopper,
                         clock=lambda: next(ticks) / 1000) == EXIT_OK
    finally:
        stopper.close()
    messages = [record.getMessage() for record in caplog.records]
    assert messages == [
        "watch: evaluating every 0.01 s; SIGINT or SIGTERM stops",
        "watch: evaluation 1 took 1.0 ms (ok)",
        "watch: evaluation 2 failed: logs directory vanished (error)",
        "watch: evaluation 2 took 1.0 ms (error)",
        "watch: evaluation 3 took 1.0 ms (breach, exit 2)",
        "watch: stopped by SIGINT after 3 evaluations",
    ]
    assert caplog.records[1].__dict__["evaluation_ms"] == 1.0


def test_a_stop_request_wakes_the_sleeper_at_once() -> None:
    stopper = Stopper()
    try:
        assert stopper.wait(0.001) is False
        stopper.request(signal.SIGTERM)
        started = time.monotonic()
        assert stopper.wait(30) is True
        assert time.monotonic() - started < 1
    finally:
        stopper.close()


def test_the_newest_log_change_feeds_the_stale_rule(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    recent(logs, "w" * 3)
    rules = tmp_path / "targets.yaml"
    rules.write_text("data_health:\n  calendar: {trading_days: [mon, tue, wed, thu, fri, sat, "
                     "sun]}\n  stale_log: {warn_after: 90s}\n", encoding="utf-8")
    newest = max(logs.glob("*.jsonl"))
    old = time.time() - 3600
    os.utime(newest, (old, old))
    code, out, _ = main("--logs-dir", logs, "--targets", rules, "--format", "json")
    document = json.loads(out)
    stale, = [r for r in document["targets"]["results"] if r["metric"] == "stale_log"]
    as_of = instant(document["as_of"])
    since_midnight = as_of - as_of.replace(hour=0, minute=0, second=0, microsecond=0)
    expected = min(timedelta(hours=1), since_midnight).total_seconds()   # no staler than today
    assert abs(int(stale["actual"]) - expected) < 30
    if since_midnight > timedelta(minutes=3):
        assert stale["status"] == "breached" and code == EXIT_BREACH


def test_runs_after_a_resolution_leave_the_export_of_a_finished_period_alone(
        tmp_path: Path) -> None:
    """README: a cron job re-exporting unchanged data leaves bytes and mtimes alone.  The run
    that resolves an alert says ``resolved``; the runs after it must say the same, not
    ``none``, or each rewrites the export once more."""
    logs = tmp_path / "logs"
    rules = tmp_path / "targets.yaml"
    rules.write_text("daily_pl_target: 30\n", encoding="utf-8")
    for day, net in (("2024-03-04", "40"), ("2024-03-05", "10"), ("2024-03-06", "35"),
                     ("2024-03-07", "31"), ("2024-03-08", "50")):       # Tuesday falls behind
        outcomes(logs, instant(f"{day}T14:00:00Z"), "w", net=net, prefix=day)
    week = ("--window", "weekly", "--date", "2024-03-06", "--logs-dir", logs, "--targets", rules,
            "--export", "--output-dir", tmp_path / "out", "--format", "json")
    assert main(*week)[0] == EXIT_BREACH
    outcomes(logs, instant("2024-03-05T16:00:00Z"), "w", net="25", prefix="late")
    code, out, _ = main(*week)                   # Tuesday's alert resolves
    assert code == EXIT_OK
    tuesday, = [result for result in json.loads(out)["targets"]["results"]
                if result["rule"] == "daily_pl_target" and result["period"] == "2024-03-05"]
    assert tuesday["alert"] == "resolved"
    exports = sorted((tmp_path / "out").iterdir())
    written = [path.stat().st_mtime_ns for path in exports]
    for _ in range(2):
        code, out, err = main(*week)
        assert code == EXIT_OK and "wrote:" not in err, err
        assert err.count("unchanged: ") == 3
        assert [result["alert"] for result in json.loads(out)["targets"]["results"]
                if result["rule"] == "daily_pl_target" and result["period"] == "2024-03-05"] == [
            "resolved"]
    assert [path.stat().st_mtime_ns for path in exports] == written


def test_the_report_shows_the_summary_the_targets_were_judged_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another run commits between this run's read and its lock, so the window is read again
    under the lock (test_concurrency pins the re-read down); the report and the export must
    show that summary, not the earlier read next to the newer targets table."""
    logs = tmp_path / "logs"
    recent(logs, "w" * 10, prefix="W")
    rules = tmp_path / "targets.yaml"
    rules.write_text("alerts: {rules: [{name: wr, metric: win_rate, window: rolling, trades: 10, "
                     "warn: 50}]}\ndata_health: {missing_log_file: {enabled: false}}\n",
                     encoding="utf-8")
    real = evaluate_targets

    def another_run_commits_first(tracker: Any, summary: Any, *rest: Any) -> Any:
        now = datetime.now(UTC).replace(microsecond=0)
        outcomes(logs, now - timedelta(seconds=50), "l" * 8, step=timedelta(seconds=2),
                 prefix="L")
        other = PerformanceTracker(logs)
        real(other, other.get_summary("rolling", trades=10), *rest)
        return real(tracker, summary, *rest)

    monkeypatch.setattr(cli, "evaluate_targets", another_run_commits_first)
    code, out, _ = main("--window", "rolling", "--trades", "10", "--logs-dir", logs, "--targets",
                        rules, "--format", "json", "--export", "--output-dir", tmp_path / "out")
    assert code == EXIT_BREACH
    exported, = (tmp_path / "out").glob("*.json")
    for document in (json.loads(out), json.loads(exported.read_text(encoding="utf-8"))):
        judged, = document["targets"]["results"]
        assert judged["actual"] == "0.2"
        assert document["metrics"]["win_rate"] == "0.2"        # not the 10 wins read first
        assert document["metrics"]["closed_trades"] == 10


@pytest.mark.parametrize("output", ["json", "text"])
def test_a_run_without_a_targets_file_imports_no_yaml_and_no_alert_module(
        tmp_path: Path, output: str) -> None:
    logs = tmp_path / "logs"
    recent(logs, "w" * 3)
    script = ("import sys\n"
              "from trading_bot.performance.cli.summary import main\n"
              f"code = main(['--logs-dir', 'logs', '--format', {output!r}])\n"
              "print(sorted(name for name in sys.modules if name == 'yaml' or name.startswith("
              "('trading_bot.performance.alerting', 'jsonschema'))), file=sys.stderr)\n"
              "sys.exit(code)\n")
    env = {key: value for key, value in os.environ.items()
           if key != "PERFORMANCE_SUMMARY_TIMEZONE"}
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == EXIT_OK, done.stderr
    assert "none configured" in done.stdout
    imported = done.stderr.strip().splitlines()[-1]
    assert imported == "[]", imported
