"""``--starting-balance``: the account figures in JSON, text and Markdown; a bad amount is a usage
error."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from trading_bot.performance.cli.summary import main

from ..conftest import trade, write_log


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        code = main(list(args), stdout=out, stderr=err)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def logs(tmp_path: Path) -> Path:
    logs = tmp_path / "logs"
    write_log(logs, "2026-03-02",
              trade("A", entry="2026-03-02T14:00:00Z", exit="2026-03-02T15:00:00Z", net="100"),
              trade("B", entry="2026-03-02T15:00:00Z", exit="2026-03-02T16:00:00Z",
                    outcome="loss", net="-50"))
    write_log(logs, "2026-03-05",
              trade("C", entry="2026-03-05T14:00:00Z", exit="2026-03-05T15:00:00Z", net="30"),
              trade("D", entry="2026-03-05T15:00:00Z", exit="2026-03-05T16:00:00Z",
                    outcome="loss", net="-20"))
    return logs


def test_json_carries_the_account_figures(logs: Path) -> None:
    code, out, _ = run("--logs-dir", str(logs), "--no-cache", "--window", "range",
                       "--start", "2026-03-01", "--end", "2026-03-11", "--format", "json",
                       "--starting-balance", "1000")
    assert code == 0
    account = json.loads(out)["account"]
    assert account["starting_balance"] == "1000" and account["days"] == 10
    assert account["metrics"]["return_on_starting_balance"] == "0.06"
    assert account["metrics"]["final_balance"] == "1060"
    assert account["metrics"]["sqn"] == "0.4575"
    assert account["null_reasons"] == {}


def test_text_and_markdown_show_the_account_only_with_a_balance(logs: Path) -> None:
    base = ("--logs-dir", str(logs), "--no-cache", "--window", "range", "--start", "2026-03-01",
            "--end", "2026-03-11")
    for fmt in ("text", "markdown"):
        _, with_balance, _ = run(*base, "--format", fmt, "--starting-balance", "1000")
        _, without, _ = run(*base, "--format", fmt)
        assert "Account (starting balance 1000.00, D = 10 days" in with_balance
        assert "Sharpe ratio" in with_balance and "Drawdown episodes" in with_balance
        assert "Account (" not in without and "Sharpe" not in without
    _, out, _ = run(*base, "--format", "json")
    assert json.loads(out)["account"]["metrics"]["sharpe"] is None


@pytest.mark.parametrize("amount", ["0", "-100", "1e4", "ten"])
def test_a_bad_amount_is_a_usage_error(logs: Path, amount: str) -> None:
    code, _, err = run("--logs-dir", str(logs), "--starting-balance", amount)
    assert code == 64
    assert "--starting-balance" in err
