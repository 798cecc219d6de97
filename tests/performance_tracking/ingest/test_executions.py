"""The bot's real logs: every execution its own ``open`` line, paired FIFO into round trips.

Each test writes real day files in the exact shape the bot's ``TradingBot.execute_trade`` logs
(``strategy_name`` and ``entry_type`` "manual", ``indicators_used`` [], P&L, exit and commission
fields null unless a test gives a commission) and reads them both ways: straight from the logs
(``cache=False``) and through a fresh cache.  The two documents must be identical (bar
``generated_at``); every expected figure is worked out by hand in the test.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.cli.summary import main
from trading_bot.performance.core.decimals import divide
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.errors import ConfigError, UsageError
from trading_bot.performance.ingest.executions import breakeven_band_value
from trading_bot.performance.ingest.marks import load_marks, parse_marks

from ..conftest import fixed_clock, trade, write_log

CLOCK = "2026-06-01T00:00:00Z"


def execution(order_id: str, at: str, action: str, quantity: str, price: str, *,
              symbol: str = "AAPL", mode: str = "PAPER", account: str | None = "ACC-1",
              commission: str | None = None, **overrides: Any) -> dict[str, Any]:
    """One execution line exactly as the bot's TradeRecord writer logs it."""
    line: dict[str, Any] = {
        "timestamp": at, "symbol": symbol, "action": action, "quantity": quantity,
        "price": price, "total_value": str(Decimal(quantity) * Decimal(price)),
        "order_id": order_id, "execution_mode": mode, "account_id": account,
        "strategy_name": "manual", "entry_type": "manual", "stop_loss": None, "target": None,
        "decision_reasoning": f"{action.lower()} signal", "indicators_used": [],
        "risk_reward_ratio": None, "outcome": "open", "profit_loss": None,
        "hold_duration_seconds": None, "exit_timestamp": None, "exit_reasoning": None,
        "slippage": None, "commission": commission, "net_profit_loss": None,
        "session_id": "S1", "bot_version": "2.4.1", "config_hash": "c0ffee",
    }
    line.update(overrides)
    return line


def stable(summary: PerformanceSummary) -> dict[str, Any]:
    document = summary.to_dict()
    document.pop("generated_at")
    return document


def read_both(logs: Path, window: str = "range", first: str = "2026-03-02",
              last: str | None = "2026-03-06", **options: Any) -> PerformanceSummary:
    """The summary from the logs and from a fresh cache; they must be identical."""
    summaries: list[PerformanceSummary] = []
    trades = options.pop("trades_wanted", None)
    for cache in (False, True):
        tracker = PerformanceTracker(logs, clock=fixed_clock(CLOCK), cache=cache,
                                     cache_dir=logs.parent / f"cache-{len(summaries)}", **options)
        if window == "range":
            assert last is not None
            summary = tracker.get_summary("range", date.fromisoformat(first),
                                          date.fromisoformat(last))
        else:
            summary = tracker.get_summary(window, on=date.fromisoformat(first), trades=trades)
        summaries.append(summary)
    assert stable(summaries[0]) == stable(summaries[1])
    return summaries[1]


def values(summary: PerformanceSummary) -> dict[str, Any]:
    return dict(summary.metrics.values)


# --- the complaint of the issue ----------------------------------------------------------------

def test_a_buy_and_the_sell_that_closes_it_are_one_round_trip(logs: Path) -> None:
    """BUY 10 AAPL @ 187.20 at 14:00, SELL 10 @ 191.05 at 15:30.

    Gross (191.05 - 187.20) x 10 = 38.50, a win held 5,400 s; no open position is left.
    Before pairing this read as "only open trades" with a long and a short position.
    """
    write_log(logs, "2026-03-02", execution("B1", "2026-03-02T14:00:00Z", "BUY", "10", "187.20"),
              execution("S1", "2026-03-02T15:30:00Z", "SELL", "10", "191.05"))
    summary = read_both(logs, "daily", "2026-03-02", None)
    assert summary.empty is None
    got = values(summary)
    assert (got["closed_trades"], got["wins"], got["net_profit_loss"]) == (1, 1, Decimal("38.50"))
    assert got["average_hold_seconds"] == 5400 and got["open_trades"] == 0
    assert summary.open_positions == ()
    document = summary.to_dict()
    assert document["pairing"]["summary"] == \
        "2 executions paired FIFO into 1 round trip; 0 positions open"
    assert document["largest_win"]["order_id"] == "B1"
    rows = {row["key"]: row["closed_trades"] for row in
            document["breakdowns"]["exit_reasoning"]["rows"]}
    assert rows == {"sell signal": 1}         # the closing fill's decision_reasoning


def test_order_id_pairing_keeps_the_old_reading_and_says_what_to_try(logs: Path) -> None:
    write_log(logs, "2026-03-02", execution("B1", "2026-03-02T14:00:00Z", "BUY", "10", "187.20"),
              execution("S1", "2026-03-02T15:30:00Z", "SELL", "10", "191.05"))
    summary = read_both(logs, "daily", "2026-03-02", None, pairing="order-id")
    assert summary.empty is not None and summary.empty.code == "only_open_trades"
    assert "--pairing auto pairs them into round trips" in summary.empty.hint
    assert [(p.side, p.order_id) for p in summary.open_positions] == [("long", "B1"),
                                                                     ("short", "S1")]
    assert "pairing" not in summary.to_dict()


def test_fifo_always_reports_the_pairing_rule(logs: Path) -> None:
    """A log of logged trades only: ``auto`` says nothing, ``fifo`` says 0 executions."""
    write_log(logs, "2026-03-02", trade("T1", net="5"))
    assert "pairing" not in read_both(logs, "daily", "2026-03-02", None).to_dict()
    document = read_both(logs, "daily", "2026-03-02", None, pairing="fifo").to_dict()
    assert document["pairing"]["summary"] == \
        "0 executions paired FIFO into 0 round trips; 0 positions open"
    assert document["pairing"]["mode"] == "fifo"


def test_unknown_pairing_or_band_is_a_usage_error(logs: Path) -> None:
    with pytest.raises(UsageError, match="choose one of auto, order-id, fifo"):
        PerformanceTracker(logs, pairing="lifo")
    for band in ("-0.1", "1", "abc", "NaN"):
        with pytest.raises(UsageError, match="breakeven-band"):
            PerformanceTracker(logs, breakeven_band=band)


# --- hand-computed round trips through both paths ------------------------------------------------

def test_scale_in_partial_exits_and_commissions(logs: Path) -> None:
    """BUY 10 @ 100 (c 1.00), BUY 5 @ 106, SELL 12 @ 110 (c 0.60), SELL 3 @ 104 (c 0.15).

    Entry 1000 + 530 = 1530, exit 1320 + 312 = 1632: gross 102; commission 1.75; net 100.25.
    One round trip, 4 executions, realized at the last SELL.
    """
    write_log(logs, "2026-03-02",
              execution("E1", "2026-03-02T14:00:00Z", "BUY", "10", "100", commission="1.00"),
              execution("E2", "2026-03-02T14:10:00Z", "BUY", "5", "106"),
              execution("E3", "2026-03-02T14:20:00Z", "SELL", "12", "110", commission="0.60"),
              execution("E4", "2026-03-02T14:30:00Z", "SELL", "3", "104", commission="0.15"))
    summary = read_both(logs)
    got = values(summary)
    assert (got["closed_trades"], got["net_profit_loss"], got["commission"]) == \
        (1, Decimal("100.25"), Decimal("1.75"))
    assert summary.aggregate.largest_win is not None
    assert summary.aggregate.largest_win.key[0].isoformat() == "2026-03-02T14:30:00+00:00"


def test_a_flip_and_a_short_with_the_split_commission(logs: Path) -> None:
    """SELL 4 @ 50 (short), BUY 10 @ 48 (c 1.00) crosses zero, SELL 6 @ 49.

    Trip 1 short: (50 - 48) x 4 = 8, commission 1.00 x 4/10 = 0.40, net 7.60.
    Trip 2 long 6 @ 48 opened by the remainder (commission 0.60), SELL 6 @ 49: gross 6,
    net 5.40.  The flip is a data-quality remark of the BUY's line.
    """
    write_log(logs, "2026-03-02",
              execution("E1", "2026-03-02T14:00:00Z", "SELL", "4", "50"),
              execution("E2", "2026-03-02T14:10:00Z", "BUY", "10", "48", commission="1.00"),
              execution("E3", "2026-03-02T14:20:00Z", "SELL", "6", "49"))
    summary = read_both(logs)
    document = summary.to_dict()
    assert document["metrics"]["net_profit_loss"] == "13.00"
    assert sorted(row["key"] for row in document["breakdowns"]["side"]["rows"]) == \
        ["long", "short"]
    by_side = {row["key"]: row["net_profit_loss"] for row in
               document["breakdowns"]["side"]["rows"]}
    assert by_side == {"short": "7.60", "long": "5.40"}
    quality = document["data_quality"]
    assert quality["flipped_positions"] == 1
    assert quality["flip_examples"] == [
        "2026-03-02.jsonl:2: BUY 10 AAPL flips the position from short 4 to long 6: the "
        "round trip closes there and the next opens with the remainder"]
    assert document["pairing"]["round_trips"] == 2


def test_position_held_across_three_days_and_a_month_boundary(logs: Path) -> None:
    """BUY 1 BTC-USD @ 64000 on 03-30, BUY 0.5 @ 62000 on 03-31, SELL 1.5 @ 63000 on 04-01.

    Daily 03-30 and 03-31: no closed trade, one open position (the lot) at the day's end:
    03-31 holds 1.5 at average cost (64000 + 31000) / 1.5 = 63333.33..., first fill 03-30.
    Daily 04-01: one round trip, gross 63000 x 1.5 - 95000 = -500, a loss; monthly March has
    no closed trade, April has it.
    """
    write_log(logs, "2026-03-30", execution("E1", "2026-03-30T20:00:00Z", "BUY", "1", "64000",
                                            symbol="BTC-USD"))
    write_log(logs, "2026-03-31", execution("E2", "2026-03-31T20:00:00Z", "BUY", "0.5", "62000",
                                            symbol="BTC-USD"))
    write_log(logs, "2026-04-01", execution("E3", "2026-04-01T09:00:00Z", "SELL", "1.5",
                                            "63000", symbol="BTC-USD"))
    day_one = read_both(logs, "daily", "2026-03-30", None)
    assert day_one.empty is not None and day_one.empty.code == "only_open_trades"
    (lot,) = day_one.open_positions
    assert (lot.quantity, lot.price, lot.fills, lot.inferred) == (Decimal(1), Decimal(64000), 1,
                                                                  False)
    assert "pairing" not in day_one.to_dict()       # one whole fill: nothing inferred
    day_two = read_both(logs, "daily", "2026-03-31", None)
    (lot,) = day_two.open_positions
    assert lot.quantity == Decimal("1.5") and lot.fills == 2 and lot.inferred
    assert lot.price == divide(Decimal(95000), Decimal("1.5"))
    assert lot.entry_at.isoformat() == "2026-03-30T20:00:00+00:00"
    assert lot.age_seconds == 28 * 3600 and lot.source == "2026-03-30.jsonl:1"
    position = day_two.to_dict()["open_positions"][0]
    assert (position["account_id"], position["fills"]) == ("ACC-1", 2)
    exit_day = read_both(logs, "daily", "2026-04-01", None)
    got = values(exit_day)
    assert (got["closed_trades"], got["losses"], got["net_profit_loss"]) == \
        (1, 1, Decimal("-500.0"))
    assert got["average_hold_seconds"] == 37 * 3600
    assert read_both(logs, "monthly", "2026-03-15", None).metrics.values["closed_trades"] == 0
    assert read_both(logs, "monthly", "2026-04-15", None).metrics.values["closed_trades"] == 1


def test_accounts_and_modes_never_pair_with_each_other(logs: Path) -> None:
    """AAPL: PAPER/ACC-1 BUY 1 @ 10 then SELL 1 @ 12 (+2); LIVE/ACC-1 SELL 1 @ 11 (open short);
    PAPER/ACC-2 BUY 2 @ 10 then SELL 2 @ 9 (-2).  Two round trips, one open position."""
    write_log(logs, "2026-03-02",
              execution("E1", "2026-03-02T14:00:00Z", "BUY", "1", "10"),
              execution("E2", "2026-03-02T14:01:00Z", "SELL", "1", "11", mode="LIVE"),
              execution("E3", "2026-03-02T14:02:00Z", "BUY", "2", "10", account="ACC-2"),
              execution("E4", "2026-03-02T14:03:00Z", "SELL", "1", "12"),
              execution("E5", "2026-03-02T14:04:00Z", "SELL", "2", "9", account="ACC-2"))
    summary = read_both(logs)
    document = summary.to_dict()
    assert document["metrics"]["closed_trades"] == 2
    assert document["metrics"]["net_profit_loss"] == "0"
    (position,) = document["open_positions"]
    assert (position["execution_mode"], position["side"], position["order_id"]) == \
        ("LIVE", "short", "E2")
    assert document["pairing"]["summary"] == \
        "5 executions paired FIFO into 2 round trips; 1 position open"


def test_logged_trades_and_closed_entries_keep_their_meaning_in_the_same_log(logs: Path) -> None:
    """A logged win (T1, +5), an open entry closed later by its order_id (R1: record exit,
    +7), and two executions (+3).  The open R1 line is not an execution: no pairing with it."""
    write_log(logs, "2026-03-02",
              trade("T1", net="5"),
              trade("R1", entry="2026-03-02T13:00:00Z", outcome="open"),
              execution("E1", "2026-03-02T14:00:00Z", "BUY", "1", "10"),
              execution("E2", "2026-03-02T16:00:00Z", "SELL", "1", "13"))
    write_log(logs, "2026-03-03", trade("R1", entry="2026-03-02T13:00:00Z",
                                        exit="2026-03-03T10:00:00Z", net="7"))
    summary = read_both(logs)
    got = values(summary)
    assert (got["closed_trades"], got["net_profit_loss"]) == (3, Decimal("15"))
    assert summary.to_dict()["pairing"]["executions"] == 2


def test_a_position_still_open_at_the_end_with_marks(logs: Path) -> None:
    """Open at the end: long 3 AAPL bought @ 100 and @ 104 after selling 1 of the first lot,
    and short 2 TSLA @ 250.  Marks AAPL 110 only.

    AAPL lots after BUY 2 @ 100, BUY 2 @ 104, SELL 1 @ 103: 1 @ 100 + 2 @ 104, cost 308,
    average 102.666...; unrealized 110 x 3 - 308 = 22.  TSLA has no mark: null, listed.
    """
    write_log(logs, "2026-03-02",
              execution("A1", "2026-03-02T14:00:00Z", "BUY", "2", "100"),
              execution("A2", "2026-03-02T14:10:00Z", "BUY", "2", "104"),
              execution("A3", "2026-03-02T14:20:00Z", "SELL", "1", "103"),
              execution("T1", "2026-03-02T15:00:00Z", "SELL", "2", "250", symbol="TSLA"))
    summary = read_both(logs, marks={"AAPL": Decimal("110")})
    document = summary.to_dict()
    aapl, tsla = document["open_positions"]
    assert (aapl["quantity"], aapl["unrealized_profit_loss"], aapl["mark"]) == ("3", "22", "110")
    assert aapl["price"].startswith("102.666666")
    assert (tsla["side"], tsla["unrealized_profit_loss"], tsla["mark"]) == ("short", None, None)
    assert document["marks"] == {"given": 1, "unrealized_profit_loss": "22",
                                 "unmarked_symbols": ["TSLA"]}
    assert document["pairing"]["summary"] == \
        "4 executions paired FIFO into 0 round trips; 2 positions open"


def test_breakeven_band_and_planned_risk_from_the_opening_fill(logs: Path) -> None:
    """BUY 10 @ 100 with stop 98 and target 106 (R:R 3), SELL 10 @ 100.04: net 0.40.

    Band 0 (default): a win.  Band 0.001 x entry value 1000 = 1.00 >= 0.40: breakeven.
    R-multiple 0.40 / (|100 - 98| x 10) = 0.02.
    """
    write_log(logs, "2026-03-02",
              execution("E1", "2026-03-02T14:00:00Z", "BUY", "10", "100", stop_loss="98",
                        target="106"),
              execution("E2", "2026-03-02T15:00:00Z", "SELL", "10", "100.04"))
    plain = values(read_both(logs))
    assert (plain["wins"], plain["average_planned_rr"], plain["average_r_multiple"]) == \
        (1, 3, Decimal("0.02"))
    banded = values(read_both(logs, breakeven_band="0.001"))
    assert (banded["wins"], banded["breakevens"]) == (0, 1)


def test_bad_fills_are_bad_lines_and_the_others_still_pair(logs: Path) -> None:
    """A zero quantity, a negative price and an unreadable side between two good fills."""
    write_log(logs, "2026-03-02",
              execution("E1", "2026-03-02T14:00:00Z", "BUY", "1", "10"),
              execution("X1", "2026-03-02T14:01:00Z", "BUY", "0", "10"),
              execution("X2", "2026-03-02T14:02:00Z", "SELL", "1", "-10"),
              execution("X3", "2026-03-02T14:03:00Z", "buy", "1", "10"),
              execution("E2", "2026-03-02T14:04:00Z", "SELL", "1", "12"))
    summary = read_both(logs)
    assert summary.data_quality.bad_line_examples == (
        "2026-03-02.jsonl:2: quantity must be positive, got 0",
        "2026-03-02.jsonl:3: price must be positive, got -10",
        "2026-03-02.jsonl:4: action must be one of BUY|SELL, got 'buy'")
    assert values(summary)["net_profit_loss"] == 2


def test_fills_out_of_time_order_are_paired_in_time_order_and_reported(logs: Path) -> None:
    """File order: BUY 14:00, SELL 14:30, BUY 14:10 (written late), SELL 14:40.

    Time order: BUY, BUY(14:10), SELL, SELL -> one round trip of 2 (not two of 1); the late
    line is remarked.  BUY 1 @ 10 and @ 11, SELL @ 12 and @ 13: gross 4.
    """
    write_log(logs, "2026-03-02",
              execution("E1", "2026-03-02T14:00:00Z", "BUY", "1", "10"),
              execution("E2", "2026-03-02T14:30:00Z", "SELL", "1", "12"),
              execution("E3", "2026-03-02T14:10:00Z", "BUY", "1", "11"),
              execution("E4", "2026-03-02T14:40:00Z", "SELL", "1", "13"))
    document = read_both(logs).to_dict()
    assert document["metrics"]["closed_trades"] == 1
    assert document["metrics"]["net_profit_loss"] == "4"
    assert document["data_quality"]["out_of_order_fills"] == 1
    assert document["data_quality"]["out_of_order_examples"] == [
        "2026-03-02.jsonl:3: fill at 2026-03-02T14:10:00Z is earlier than 2026-03-02.jsonl:2 "
        "(2026-03-02T14:30:00Z), read before it; paired in time order"]


def test_rolling_window_counts_round_trips_as_closed_trades(logs: Path) -> None:
    """Three round trips and one logged trade; the last 3 closed trades are chosen by time."""
    write_log(logs, "2026-03-02",
              execution("E1", "2026-03-02T10:00:00Z", "BUY", "1", "10"),
              execution("E2", "2026-03-02T11:00:00Z", "SELL", "1", "11"),     # +1 at 11:00
              trade("L1", entry="2026-03-02T11:30:00Z", exit="2026-03-02T12:00:00Z", net="-2"),
              execution("E3", "2026-03-02T13:00:00Z", "SELL", "1", "10"),
              execution("E4", "2026-03-02T14:00:00Z", "BUY", "1", "7"),       # +3 at 14:00
              execution("E5", "2026-03-02T15:00:00Z", "BUY", "2", "5"),
              execution("E6", "2026-03-02T16:00:00Z", "SELL", "2", "4"))      # -2 at 16:00
    summary = read_both(logs, "rolling", "2026-03-02", None, trades_wanted=3)
    got = values(summary)
    assert (got["closed_trades"], got["net_profit_loss"]) == (3, Decimal("-1"))
    assert summary.to_dict()["pairing"]["round_trips"] == 2


def test_a_later_close_by_order_id_turns_an_execution_into_an_entry(logs: Path) -> None:
    """E1 BUY and E2 SELL pair; then a closed line for E2 (as ``record exit`` writes) makes E2 a
    logged trade's entry: E1 is left open and E2 counts as its logged P&L (+4)."""
    write_log(logs, "2026-03-02",
              execution("E1", "2026-03-02T14:00:00Z", "BUY", "1", "10"),
              execution("E2", "2026-03-02T15:00:00Z", "SELL", "1", "12"))
    assert values(read_both(logs))["net_profit_loss"] == 2
    write_log(logs, "2026-03-03", trade("E2", entry="2026-03-02T15:00:00Z",
                                        exit="2026-03-03T10:00:00Z", action="SELL", net="4"))
    summary = read_both(logs)
    assert values(summary)["net_profit_loss"] == 4
    assert [position.order_id for position in summary.open_positions] == ["E1"]


def test_the_bundled_execution_sample_reads_the_same_both_ways(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[3] / "logs" / "sample-executions"
    if not sample.is_dir():
        pytest.skip("no bundled execution sample")
    days = sorted(path.stem for path in sample.glob("*.jsonl"))
    summary = None
    for cache in (False, True):
        tracker = PerformanceTracker(sample, clock=fixed_clock(CLOCK), cache=cache,
                                     cache_dir=tmp_path / "cache")
        current = tracker.get_summary("range", date.fromisoformat(days[0]),
                                      date.fromisoformat(days[-1]))
        if summary is not None:
            assert stable(summary) == stable(current)
        summary = current
    assert summary is not None and summary.metrics.values["closed_trades"] != 0
    assert json.dumps(summary.to_dict())


def test_the_readme_example_is_real_output(tmp_path: Path) -> None:
    """The README's execution-log example is this command's output, trimmed at the … lines."""
    root = Path(__file__).resolve().parents[3]
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Execution logs: fills paired into round trips"):]
    block = section[section.index("```text\n") + 8:]
    block = block[:block.index("```")]
    out, err = io.StringIO(), io.StringIO()
    code = main(["--window", "weekly", "--date", "2026-10-01", "--logs-dir",
                 str(root / "logs" / "sample-executions"), "--marks",
                 str(root / "logs" / "sample-executions" / "marks.csv"), "--cache-dir",
                 str(tmp_path / "cache")], stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    lines = out.getvalue().splitlines()
    position = 0
    for expected in block.splitlines():
        if expected == "…":
            continue
        position = lines.index(expected, position) + 1


# --- the command line, in a subprocess --------------------------------------------------------

def run_cli(logs: Path, *arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trading_bot.performance", "--logs-dir",
                           str(logs), "--window", "daily", "--date", "2026-03-02", *arguments],
                          capture_output=True, text=True, cwd=cwd, check=False)


@pytest.fixture
def bot_log(logs: Path) -> Path:
    write_log(logs, "2026-03-02",
              execution("B1", "2026-03-02T14:00:00Z", "BUY", "10", "187.20"),
              execution("S1", "2026-03-02T15:30:00Z", "SELL", "10", "191.05"),
              execution("B2", "2026-03-02T16:00:00Z", "BUY", "2", "190", symbol="TSLA"))
    return logs


def test_cli_pairing_modes_and_the_targets_setting(bot_log: Path, tmp_path: Path) -> None:
    auto = run_cli(bot_log, "--format", "json", cwd=tmp_path)
    assert auto.returncode == 0, auto.stderr
    assert json.loads(auto.stdout)["pairing"]["summary"] == \
        "3 executions paired FIFO into 1 round trip; 1 position open"
    off = run_cli(bot_log, "--pairing", "order-id", cwd=tmp_path)
    assert off.returncode == 0 and "Pairing:" not in off.stdout
    assert "--pairing auto pairs them into round trips" in " ".join(off.stdout.split())
    targets = tmp_path / "targets.yaml"
    targets.write_text("pairing: order-id\n", encoding="utf-8")
    from_file = run_cli(bot_log, "--format", "json", "--targets", str(targets), cwd=tmp_path)
    assert from_file.returncode == 0, from_file.stderr
    assert "pairing" not in json.loads(from_file.stdout)
    overridden = run_cli(bot_log, "--format", "json", "--targets", str(targets), "--pairing",
                         "fifo", cwd=tmp_path)
    assert json.loads(overridden.stdout)["pairing"]["mode"] == "fifo"
    text = run_cli(bot_log, cwd=tmp_path)
    assert "Pairing: 3 executions paired FIFO into 1 round trip; 1 position open" in text.stdout


@pytest.mark.parametrize("arguments", [
    ("--pairing", "lifo"), ("--breakeven-band", "1"), ("--breakeven-band", "-0.01"),
    ("--breakeven-band", "half"), ("--marks",),
])
def test_cli_usage_errors_exit_64(bot_log: Path, tmp_path: Path,
                                  arguments: tuple[str, ...]) -> None:
    result = run_cli(bot_log, *arguments, cwd=tmp_path)
    assert result.returncode == 64, result.stderr
    assert "error:" in result.stderr and result.stdout == ""


def test_cli_marks_value_the_open_positions(bot_log: Path, tmp_path: Path) -> None:
    """TSLA long 2 @ 190 marked at 195.50: unrealized 11.00; AAPL is flat (no position)."""
    marks = tmp_path / "marks.csv"
    marks.write_text("symbol,price\nTSLA,195.50\n", encoding="utf-8")
    result = run_cli(bot_log, "--format", "json", "--marks", str(marks), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    (position,) = document["open_positions"]
    assert (position["symbol"], position["mark"], position["unrealized_profit_loss"]) == \
        ("TSLA", "195.50", "11.00")
    assert document["marks"] == {"given": 1, "unrealized_profit_loss": "11.00",
                                 "unmarked_symbols": []}
    text = run_cli(bot_log, "--marks", str(marks), cwd=tmp_path)
    assert "Unrealized P&L at the marks: 11.00" in text.stdout


@pytest.mark.parametrize(("content", "message"), [
    ("symbol,price\nTSLA,abc\n", "marks.csv:2: price must be a positive decimal like 187.25, "
                                 "got 'abc'"),
    ("TSLA,1\nTSLA,2\n", "marks.csv:2: TSLA is already marked on line 1"),
    ("TSLA\n", "marks.csv:1: expected symbol,price, got 1 field"),
    ("TSLA,0\n", "marks.csv:1: price must be a positive decimal like 187.25, got '0'"),
])
def test_cli_a_bad_marks_file_exits_1_naming_file_line_and_reason(
        bot_log: Path, tmp_path: Path, content: str, message: str) -> None:
    marks = tmp_path / "marks.csv"
    marks.write_text(content, encoding="utf-8")
    result = run_cli(bot_log, "--marks", "marks.csv", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().endswith(f"error: {message}")
    assert result.stdout == ""


def test_cli_a_missing_marks_file_exits_1(bot_log: Path, tmp_path: Path) -> None:
    result = run_cli(bot_log, "--marks", "nowhere.csv", cwd=tmp_path)
    assert result.returncode == 1
    assert "error: nowhere.csv: cannot read marks file: No such file or directory" in result.stderr


# --- marks and the band, in process ------------------------------------------------------------

def test_marks_files_are_read_strictly(tmp_path: Path) -> None:
    path = tmp_path / "marks.csv"
    path.write_text("\ufeffSymbol, Price\r\nAAPL, 187.25\r\n\r\nBTC-USD,64000.5\r\n",
                    encoding="utf-8")
    assert load_marks(path) == {"AAPL": Decimal("187.25"), "BTC-USD": Decimal("64000.5")}
    assert parse_marks("", "empty.csv") == {}


@pytest.mark.parametrize(("text", "reason"), [
    ("AAPL,1,2\n", "m.csv:1: expected symbol,price, got 3 fields"),
    ("a b,1\n", "m.csv:1: not a symbol: 'a b'"),
    ("AAPL,-1\n", "m.csv:1: price must be a positive decimal like 187.25, got '-1'"),
    ("AAPL,1e5\n", "m.csv:1: price must be a positive decimal like 187.25, got '1e5'"),
    ("AAPL," + "1" * 41 + "\n", "m.csv:1: price must be a positive decimal like 187.25, got "
                                "'" + "1" * 40 + "'... (41 characters)"),
    ("AAPL,1\nMSFT,2\nAAPL,3\n", "m.csv:3: AAPL is already marked on line 1"),
    ('"AAPL,1\n', "m.csv:1: expected symbol,price, got 1 field"),
])
def test_a_bad_mark_names_its_line(text: str, reason: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_marks(text, "m.csv")
    assert str(caught.value) == reason


def test_an_unreadable_marks_file_is_a_config_error(tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"AAPL,1\nZ\xfcrich,2\n")
    with pytest.raises(ConfigError, match=r"latin.csv: not UTF-8 text \(byte 0xfc\)"):
        load_marks(latin)
    with pytest.raises(ConfigError, match="cannot read marks file"):
        load_marks(tmp_path)


@pytest.mark.parametrize(("value", "expected"), [
    ("0", Decimal(0)), (0, Decimal(0)), ("0.005", Decimal("0.005")),
    (Decimal("0.25"), Decimal("0.25")),
])
def test_the_band_accepts_fractions(value: Any, expected: Decimal) -> None:
    assert breakeven_band_value(value) == expected


@pytest.mark.parametrize("value", [True, "1", "-0.1", "1e-3", " 0.1", Decimal("NaN"),
                                   Decimal("Infinity"), Decimal(1)])
def test_the_band_refuses_anything_else(value: Any) -> None:
    with pytest.raises(UsageError, match="--breakeven-band"):
        breakeven_band_value(value)
