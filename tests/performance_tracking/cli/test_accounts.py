"""The account size from the targets file (``accounts`` with cash flows), ``--ratios daily``,
``--top N`` and the report-level JSON (review, top trades), through the real command in a
subprocess on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from trading_bot.performance.schemas.validation import schema_errors

from ..conftest import trade, write_log

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 64


def run(*args: object) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PERF_")}
    return subprocess.run([sys.executable, "-m", "trading_bot.performance", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=120)


def run_json(*args: object) -> dict[str, Any]:
    result = run(*args, "--format", "json")
    assert result.returncode == EXIT_OK, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    assert schema_errors("performance-summary", document) == []
    return document


@pytest.fixture
def logs(tmp_path: Path) -> Path:
    logs = tmp_path / "logs"
    write_log(logs, "2026-03-02",
              trade("A", entry="2026-03-02T14:00:00Z", exit="2026-03-02T15:00:00Z", net="100",
                    mode="LIVE", account_id="acc-1"),
              trade("B", entry="2026-03-02T15:00:00Z", exit="2026-03-02T16:00:00Z",
                    outcome="loss", net="-50", mode="LIVE", account_id="acc-1"))
    write_log(logs, "2026-03-05",
              trade("C", entry="2026-03-05T14:00:00Z", exit="2026-03-05T15:00:00Z", net="30"),
              trade("D", entry="2026-03-05T15:00:00Z", exit="2026-03-05T16:00:00Z",
                    outcome="loss", net="-20"))
    return logs


def targets(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "targets.yaml"
    path.write_text(text, encoding="utf-8")
    return path


RANGE = ("--no-cache", "--window", "range", "--start", "2026-03-01", "--end", "2026-03-11")
ACCOUNTS = """\
data_health: {missing_log_file: {enabled: false}}
accounts:
  - execution_mode: LIVE
    account_id: acc-1
    starting_balance: "600"
    cash_flows:
      - {date: 2026-03-04, amount: 1000}
  - execution_mode: PAPER
    starting_balance: 400
"""


def test_accounts_from_the_targets_file_with_a_deposit(tmp_path: Path, logs: Path) -> None:
    account = run_json("--logs-dir", logs, "--targets", targets(tmp_path, ACCOUNTS),
                       *RANGE)["account"]
    # Both accounts: 600 + 400 = 1000 at the start, +1000 on 03-04 -> 2000.
    assert account["starting_balance"] == "1000"
    assert account["capital"]["at_end"] == "2000"
    assert account["capital"]["cash_flows"] == [{"date": "2026-03-04", "amount": "1000"}]
    assert [a["execution_mode"] for a in account["capital"]["accounts"]] == ["LIVE", "PAPER"]
    metrics = account["metrics"]
    # 03-02: +50 on 1000 (0.05); 03-05: +10 on 2000 (0.005): 0.055.
    assert Decimal(metrics["return_on_starting_balance"]) == Decimal("0.055")
    assert metrics["final_balance"] == "2060"
    assert account["convention"] == "freqtrade" and account["daily_returns"] is None


def test_the_command_line_balance_replaces_the_accounts(tmp_path: Path, logs: Path) -> None:
    account = run_json("--logs-dir", logs, "--targets", targets(tmp_path, ACCOUNTS), *RANGE,
                       "--starting-balance", "1000")["account"]
    assert account["capital"]["source"] == "--starting-balance"
    assert account["capital"]["cash_flows"] == [] and account["capital"]["accounts"] == []
    assert account["metrics"]["return_on_starting_balance"] == "0.06"
    assert account["metrics"]["final_balance"] == "1060"


def test_ratios_daily_and_periods_per_year(tmp_path: Path, logs: Path) -> None:
    base = ("--logs-dir", logs, *RANGE, "--starting-balance", "1000")
    daily = run_json(*base, "--ratios", "daily")["account"]
    assert daily["convention"] == "quantstats-daily"
    # Every calendar day from 03-01 to 03-11.
    assert daily["daily_returns"] == {"periods_per_year": 365, "days": 11}
    trading = run_json(*base, "--ratios", "daily", "--periods-per-year", "252")["account"]
    # Weekdays only (no weekend trades): 03-02..06 and 03-09..11.
    assert trading["daily_returns"] == {"periods_per_year": 252, "days": 8}
    assert daily["metrics"]["sharpe"] != trading["metrics"]["sharpe"]
    text = run(*base, "--ratios", "daily")
    assert "Sharpe and Sortino from 11 daily returns (365 a year, quantstats)" in text.stdout
    bad = run(*base, "--periods-per-year", "360")
    assert bad.returncode == EXIT_USAGE
    assert run(*base, "--ratios", "weekly").returncode == EXIT_USAGE
    unused = run(*base, "--periods-per-year", "252")
    assert unused.returncode == EXIT_USAGE
    assert "--periods-per-year applies to --ratios daily only" in unused.stderr


def test_a_bad_account_in_the_targets_file_is_an_error_naming_its_line(
        tmp_path: Path, logs: Path) -> None:
    path = targets(tmp_path, "accounts:\n  - starting_balance: 0500\n"
                             "    cash_flows: [{date: 2026-02-30, amount: 5}]\n"
                             "  - {starting_balance: -1}\n")
    result = run("--logs-dir", logs, "--targets", path, *RANGE)
    assert result.returncode == EXIT_ERROR
    assert "targets.yaml:2: accounts[0].starting_balance: bad value: YAML 1.1 reads it as 320" \
        in result.stderr
    assert "targets.yaml:3: accounts[0].cash_flows[0].date: bad value '2026-02-30'" in result.stderr
    assert "accounts[1].starting_balance: bad value -1: expected an amount above zero" \
        in result.stderr
    assert "Traceback" not in result.stderr


def test_json_carries_top_trades_and_the_review(tmp_path: Path, logs: Path) -> None:
    document = run_json("--logs-dir", logs, "--no-cache", "--window", "weekly", "--date",
                        "2026-03-04", "--top", "1", "--min-sample", "1")
    top = document["top_trades"]
    assert top["count"] == 1 and top["total"] == 4 and top["partial"] is False
    assert [row["order_id"] for row in top["top"]] == ["A"]
    assert [row["order_id"] for row in top["bottom"]] == ["B"]
    assert top["top"][0]["source"] == "2026-03-02.jsonl:1"
    assert top["top"][0]["net_profit_loss"] == "100"
    review = document["review"]
    assert review["min_sample"] == 1
    assert review["previous_period"] == {"label": "2026-W09",
                                         "empty": True}
    assert [change["metric"] for change in review["changes"]][:1] == ["net_profit_loss"]
    strategies = next(s for s in review["standings"] if s["dimension"] == "strategy_name")
    assert strategies["best"]["key"] == "alpha" and strategies["best"]["closed_trades"] == 4
    # A range has no review; the top trades are there in every window.
    ranged = run_json("--logs-dir", logs, *RANGE)
    assert ranged["review"] is None and len(ranged["top_trades"]["top"]) == 3


def test_a_mode_filter_leaves_out_the_other_modes_account(tmp_path: Path, logs: Path) -> None:
    account = run_json("--logs-dir", logs, "--targets", targets(tmp_path, ACCOUNTS), *RANGE,
                       "--where", "execution_mode=LIVE")["account"]
    # Only acc-1 (LIVE): 600, +1000 on 03-04; its trades A (+100) and B (-50) on 03-02:
    # 50 / 600 to 34 significant digits.
    assert account["starting_balance"] == "600"
    assert [a["account_id"] for a in account["capital"]["accounts"]] == ["acc-1"]
    assert account["metrics"]["return_on_starting_balance"] == "0.08333333333333333333333333333333333"
    assert account["metrics"]["final_balance"] == "1650"


LIVE_ONLY = """\
data_health: {missing_log_file: {enabled: false}}
accounts:
  - execution_mode: LIVE
    starting_balance: "600"
"""
UNCOVERED_PAPER = ("PAPER trades have no configured account: add one to accounts: in the "
                   "targets file, or report the covered trades alone with --where "
                   "execution_mode=LIVE")


@pytest.mark.parametrize("cached", [True, False])
def test_trades_of_a_mode_no_account_covers_make_every_figure_null(
        tmp_path: Path, logs: Path, cached: bool) -> None:
    # Only LIVE is configured, the window also has PAPER trades C and D: dividing all four
    # trades' P&L by the LIVE account's 600 would be a wrong return.
    window = [*[arg for arg in RANGE if arg != "--no-cache"], *([] if cached else ["--no-cache"])]
    path = targets(tmp_path, LIVE_ONLY)
    document = run_json("--logs-dir", logs, "--targets", path, *window)
    account = document["account"]
    assert account["metrics"] == dict.fromkeys(account["metrics"])
    assert account["null_reasons"] == dict.fromkeys(account["metrics"], UNCOVERED_PAPER)
    assert account["starting_balance"] is None and account["capital"] is None
    assert all(episode["depth_fraction"] is None
               for episode in document["drawdown_episodes"]["episodes"])
    text = run("--logs-dir", logs, "--targets", path, *window)
    assert f"Account (no figures: {UNCOVERED_PAPER})" in text.stdout
    # The fix the reason names works: LIVE alone, on the LIVE account (50 / 600).
    live = run_json("--logs-dir", logs, "--targets", path, *window,
                    "--where", "execution_mode=LIVE")["account"]
    assert live["null_reasons"].get("return_on_starting_balance") is None
    assert Decimal(live["metrics"]["return_on_starting_balance"]) == Decimal(
        "0.08333333333333333333333333333333333")


def test_trades_of_an_account_id_no_account_covers_make_every_figure_null(
        tmp_path: Path, logs: Path) -> None:
    # A and B are acc-1, C and D ACC-1 (the fixture's default): only acc-1 is configured.
    path = targets(tmp_path, "accounts:\n  - account_id: acc-1\n    starting_balance: 600\n"
                             "data_health: {missing_log_file: {enabled: false}}\n")
    for cache in ((), ("--no-cache",)):
        window = [*[arg for arg in RANGE if arg != "--no-cache"], *cache]
        account = run_json("--logs-dir", logs, "--targets", path, *window)["account"]
        assert account["null_reasons"]["return_on_starting_balance"] == (
            "PAPER trades of account_id ACC-1 have no configured account: add one to accounts: "
            "in the targets file, or report the covered trades alone with --where "
            "account_id=acc-1")
        kept = run_json("--logs-dir", logs, "--targets", path, *window,
                        "--where", "account_id=acc-1")["account"]
        assert kept["metrics"]["final_balance"] == "650"


def test_accounts_covering_every_trade_by_mode_and_id_give_figures(
        tmp_path: Path, logs: Path) -> None:
    # acc-1 is LIVE, ACC-1 is PAPER: both configured by id, so every trade has its account.
    path = targets(tmp_path, "accounts:\n"
                             "  - {execution_mode: LIVE, account_id: acc-1, starting_balance: 600}\n"
                             "  - {execution_mode: PAPER, account_id: ACC-1, starting_balance: 400}\n"
                             "data_health: {missing_log_file: {enabled: false}}\n")
    account = run_json("--logs-dir", logs, "--targets", path, *RANGE)["account"]
    assert account["null_reasons"].get("return_on_starting_balance") is None
    assert account["metrics"]["final_balance"] == "1060"
