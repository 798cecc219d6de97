"""Account ratios (freqtrade's definitions) and drawdown episodes.

Hand-computed cases first (each number is worked out in the comment above its assertion), then
the special cases where freqtrade shows a sentinel and we show null with a reason, then an
independent float implementation of freqtrade's formulas, written here from
``/work/shared/freqtrade-ratios.md`` and not from our code, compared on generated logs.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.alerting.config import parse_targets
from trading_bot.performance.core.aggregate import (
    ClosedTrade,
    CoreStats,
    fold,
    fold_by_day,
    merge_all,
)
from trading_bot.performance.core.capital import AccountBasis, capital_of
from trading_bot.performance.core.episodes import deepest, drawdown_episodes, episodes_summary
from trading_bot.performance.core.ratios import (
    NO_BALANCE,
    NO_TRADES,
    RATIO_NAMES,
    Ratios,
    account_ratios,
    ratio_days,
    starting_balance_value,
)
from trading_bot.performance.errors import UsageError
from trading_bot.performance.tools.sample import SampleSpec, generate

D = Decimal
START = datetime(2024, 1, 1, 12, tzinfo=UTC)


def closed(nets: list[str], *, outcomes: list[str] | None = None,
           spacing: timedelta = timedelta(hours=1)) -> list[ClosedTrade]:
    trades = []
    for index, net in enumerate(nets):
        value = D(net)
        outcome = (outcomes[index] if outcomes else
                   "win" if value > 0 else "loss" if value < 0 else "breakeven")
        at = START + spacing * index
        trades.append(ClosedTrade(key=(at, "f.jsonl", index + 1), local_day=at.date(),
                                  order_id=f"T{index}", symbol="AAPL", outcome=outcome, net=value,
                                  commission=D(0), hold_seconds=None, planned_rr=None,
                                  r_multiple=None, groups=()))
    return trades


def ratios(nets: list[str], balance: str | None = "1000", days: int = 10,
           **options: Any) -> Ratios:
    aggregate = fold(closed(nets, **options))
    return account_ratios(None if balance is None else D(balance), days, aggregate.core,
                          aggregate.moments, aggregate.drawdown, aggregate.tail)


def close_to(value: Decimal | None, expected: Decimal, places: int = 26) -> bool:
    assert value is not None
    return abs(value - expected) < D(10) ** -places


# --------------------------------------------------------------------------- hand-computed


def test_hand_computed_ratios() -> None:
    # nets +100, -50, +30, -20 on SB 1000 over D = 10 days:
    # r = 0.1, -0.05, 0.03, -0.02; R = 0.06; n = 4, S = 60, Q = 13800, nQ - S² = 51600.
    result = ratios(["100", "-50", "30", "-20"])
    values = result.values
    assert result.null_reasons == {}
    assert values["return_on_starting_balance"] == D("0.06")
    assert values["final_balance"] == D(1060)
    # cumulative 100, 50, 80, 60: deepest fall 50 from the peak 100 -> 50 / (1000 + 100) = 1/22,
    # which is also the largest relative one (40 / 1100 later).
    assert close_to(values["max_drawdown_account"], D(1) / D(22))
    assert close_to(values["max_relative_drawdown"], D(1) / D(22))
    # Sharpe: (0.06 / 10) / sd0 · √365, sd0² = mean(r²) - mean(r)² = 0.00345 - 0.000225 = 0.003225:
    # squared, 0.000036 / 0.003225 · 365 = 4.07441860...; i.e. 24² · 365 / 51600.
    assert close_to(values["sharpe"] ** 2, D(576 * 365) / D(51600), 25)  # type: ignore[operator]
    assert math.isclose(float(values["sharpe"] or 0), math.sqrt(576 * 365 / 51600), rel_tol=1e-15)
    # Sortino: the losers -0.05, -0.02: sd0² = (0.0025 + 0.0004) / 2 - 0.035² = 0.000225;
    # squared, 0.000036 / 0.000225 · 365 = 58.4.
    assert close_to(values["sortino"] ** 2, D("58.4"), 25)  # type: ignore[operator]
    # Calmar: (100 · 0.06 / 10) / (1/22) · √365 = 13.2 · √365; squared 174.24 · 365 = 63597.6.
    assert close_to(values["calmar"] ** 2, D("63597.6"), 26)  # type: ignore[operator]
    # SQN: √4 · 0.015 / sd1, sd1² = Σ(r - 0.015)² / 3 = 0.0129 / 3 = 0.0043 -> 0.03 / 0.065574 =
    # 0.457496... rounded to 4 decimals like freqtrade.
    assert values["sqn"] == D("0.4575")
    # Expectancy ratio: mean win 65, mean |loss| 35, 2 winners of 4: (1 + 65/35) · 0.5 - 1 = 3/7.
    assert close_to(values["expectancy_ratio"], D(3) / D(7))
    # CAGR: 1.06 ^ (365 / 10) - 1.
    assert values["cagr"] is not None
    assert math.isclose(float(values["cagr"]), 1.06 ** 36.5 - 1, rel_tol=1e-14)
    assert result.days == 10 and result.starting_balance == D(1000)


def test_ratios_do_not_depend_on_the_order_of_a_merge() -> None:
    nets = ["100", "-50", "30", "-20", "7.5", "-0.01", "0", "12"]
    trades = closed(nets, spacing=timedelta(hours=7))
    whole = fold(trades)
    merged = merge_all(fold_by_day(trades).values())
    assert merged.moments == whole.moments
    assert merged.drawdown == whole.drawdown
    for aggregate in (whole, merged):
        assert account_ratios(D(500), 3, aggregate.core, aggregate.moments, aggregate.drawdown,
                              aggregate.tail) == account_ratios(
            D(500), 3, whole.core, whole.moments, whole.drawdown, whole.tail)


# --------------------------------------------------------------------------- special cases


def test_without_a_starting_balance_every_figure_is_null_with_the_reason() -> None:
    result = ratios(["100", "-50"], balance=None)
    assert result.values == dict.fromkeys(RATIO_NAMES)
    assert result.null_reasons == dict.fromkeys(RATIO_NAMES, NO_BALANCE)


def test_empty_window() -> None:
    result = ratios([])
    assert result.values["return_on_starting_balance"] == 0
    assert result.values["final_balance"] == D(1000)
    assert result.values["max_drawdown_account"] == 0
    assert result.values["max_relative_drawdown"] == 0
    assert result.values["cagr"] == 0
    for name in ("sharpe", "sortino", "calmar", "sqn", "expectancy_ratio"):
        assert result.values[name] is None
        # freqtrade: 0 (100 for the expectancy ratio)
        assert result.null_reasons[name] == NO_TRADES


def test_no_losing_trade() -> None:
    result = ratios(["10", "30"])
    assert result.values["sortino"] is None and "-100" in result.null_reasons["sortino"]
    assert result.values["expectancy_ratio"] is None
    assert "100" in result.null_reasons["expectancy_ratio"]
    # No drawdown: the account figure is a real 0, Calmar is undefined (freqtrade: -100).
    assert result.values["max_drawdown_account"] == 0
    assert result.values["calmar"] is None and "-100" in result.null_reasons["calmar"]
    # Sharpe: S = 40, n = 2, Q = 1000, nQ - S² = 400: 40 · 2 / 10 · √(365 / 400).
    assert close_to(result.values["sharpe"] ** 2, D(64) * D(365) / D(400), 25)  # type: ignore[operator]
    # SQN: 40 · √(1 / 400) = 2.
    assert result.values["sqn"] == D("2.0000")


def test_zero_variance() -> None:
    result = ratios(["10", "10", "10"])
    assert result.values["sharpe"] is None and "zero spread" in result.null_reasons["sharpe"]
    assert result.values["sqn"] is None and "zero spread" in result.null_reasons["sqn"]


def test_one_trade() -> None:
    result = ratios(["-10"])
    assert "one trade" in result.null_reasons["sqn"]
    assert result.values["sharpe"] is None
    # One loser: zero downside spread (freqtrade: -100).
    assert result.values["sortino"] is None and "one losing trade" in result.null_reasons["sortino"]
    # 0 winners: W̄ = 0 (freqtrade), so (1 + 0) · 0 / 1 - 1 = -1.
    assert result.values["expectancy_ratio"] == -1
    # The loss is from the starting balance: 10 / (1000 + 0).
    assert result.values["max_drawdown_account"] == D("0.01")


def test_one_day_window_counts_one_day() -> None:
    assert ratio_days(date(2024, 1, 5), date(2024, 1, 5)) == 1
    assert ratio_days(date(2024, 1, 1), date(2024, 1, 31)) == 30
    assert ratio_days(None, date(2024, 1, 5)) == 1


def test_losers_are_by_the_sign_of_the_net_not_the_outcome() -> None:
    # A breakeven logged with net -2 is a loser for freqtrade (profit_abs < 0).
    result = ratios(["10", "-2", "-6"], outcomes=["win", "breakeven", "loss"])
    # losers -2, -6: 2 · 40 - 64 = 16: Sortino = 2 · 2 / 10 · √(365 / 16).
    assert close_to(result.values["sortino"] ** 2, D(16) / D(100) * D(365) / D(16), 25)  # type: ignore[operator]


def test_a_final_balance_below_zero_has_no_cagr() -> None:
    result = ratios(["-1500"])
    assert result.values["cagr"] is None and "below zero" in result.null_reasons["cagr"]
    assert ratios(["-1000"]).values["cagr"] == -1


def test_the_relative_drawdown_needs_every_trade_in_order() -> None:
    trades = closed(["5", "-3", "4"])
    aggregate = fold(trades, tail_size=2)
    result = account_ratios(D(100), 1, aggregate.core, aggregate.moments, aggregate.drawdown,
                            aggregate.tail)
    assert result.values["max_relative_drawdown"] is None
    assert "only the last 2" in result.null_reasons["max_relative_drawdown"]


def test_starting_balance_values() -> None:
    assert starting_balance_value("10000.50") == D("10000.50")
    assert starting_balance_value(None) is None
    for bad in ("0", "-5", "1e4", "ten", True):
        with pytest.raises(UsageError):
            starting_balance_value(bad)


# --------------------------------------------------------------------------- episodes


def days_of(nets: dict[str, str]) -> dict[date, CoreStats]:
    return {date.fromisoformat(day): CoreStats(closed=1, net=D(net)) for day, net in nets.items()}


def test_drawdown_episodes_by_hand() -> None:
    # End-of-day equity: 01: +10 (peak), 02: 4, 03: 7, 05: 12 (recovered, new peak),
    # 06: 2, 08: 0 (trough), not recovered by the end (10th).
    days = days_of({"2024-01-01": "10", "2024-01-02": "-6", "2024-01-03": "3",
                    "2024-01-05": "5", "2024-01-06": "-10", "2024-01-08": "-2"})
    episodes = drawdown_episodes(days)
    assert [(e.peak, e.trough, e.recovery, e.depth) for e in episodes] == [
        (date(2024, 1, 1), date(2024, 1, 2), date(2024, 1, 5), D(6)),
        (date(2024, 1, 5), date(2024, 1, 8), None, D(12)),
    ]
    block = episodes_summary(days, date(2024, 1, 1), date(2024, 1, 10), D(100))
    assert block["count"] == 2
    assert block["average_depth"] == "-9"
    # The second is under water from the 6th to the end (10th): 5 days; the first 2nd..4th: 3.
    assert block["longest_days_under_water"] == 5
    first, second = block["episodes"]
    assert first["depth"] == "-12" and first["recovered"] is False
    assert first["days_to_trough"] == 3 and first["days_under_water"] == 5
    # 12 / (100 + 12)
    assert D(first["depth_fraction"]) == -(D(12) / D(112))
    assert second == {"peak": "2024-01-01", "trough": "2024-01-02", "recovery": "2024-01-05",
                      "recovered": True, "depth": "-6",
                      "depth_fraction": str(-(D(6) / D(110))), "days_to_trough": 1,
                      "days_to_recovery": 3, "days_under_water": 3}


def test_an_episode_from_the_window_start_and_none_without_a_fall() -> None:
    days = days_of({"2024-01-03": "-4", "2024-01-04": "5"})
    (episode,) = drawdown_episodes(days)
    assert episode.peak is None and episode.recovery == date(2024, 1, 4)
    row = episode.to_dict(date(2024, 1, 1), date(2024, 1, 7), None)
    assert row["days_to_trough"] == 3 and row["days_under_water"] == 3
    assert row["depth_fraction"] is None
    assert drawdown_episodes(days_of({"2024-01-01": "1", "2024-01-02": "0"})) == []
    assert episodes_summary({}, None, date(2024, 1, 1), None)["average_depth"] is None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-50, 50), min_size=1, max_size=30))
def test_episodes_top_five_are_the_deepest(steps: list[int]) -> None:
    days = {date(2024, 1, 1) + timedelta(days=i): CoreStats(closed=1, net=D(n))
            for i, n in enumerate(steps)}
    episodes = drawdown_episodes(days)
    top = deepest(episodes)
    assert len(top) == min(5, len(episodes))
    rest = [e for e in episodes if e not in top]
    assert all(e.depth <= min(t.depth for t in top) for e in rest)
    # The deepest day-level episode never exceeds the trade-level (here: day-level) max drawdown.
    equity = peak = D(0)
    worst = D(0)
    for n in steps:
        equity += n
        peak = max(peak, equity)
        worst = max(worst, peak - equity)
    assert max((e.depth for e in episodes), default=D(0)) == worst


# --------------------------------------------------------------------------- vs freqtrade


def freqtrade_figures(profits: list[float], balance: float, days: int) -> dict[str, float]:
    """freqtrade's report figures, from its definitions, in float64 (trades by close order)."""
    n = len(profits)
    total = sum(profits)
    returns = [p / balance for p in profits]
    big_r = total / balance
    mean = sum(returns) / n
    pop_std = math.sqrt(sum((r - mean) ** 2 for r in returns) / n)
    down = [p / balance for p in profits if p < 0]
    down_mean = sum(down) / len(down)
    down_std = math.sqrt(sum((r - down_mean) ** 2 for r in down) / len(down))
    sample_std = math.sqrt(sum((r - mean) ** 2 for r in returns) / (n - 1))
    cumulative = 0.0
    high = 0.0
    deepest_abs, peak_at_deepest, relative = 0.0, 0.0, 0.0
    for p in profits:
        cumulative += p
        high = max(high, cumulative)
        if high - cumulative > deepest_abs:
            deepest_abs, peak_at_deepest = high - cumulative, high
        relative = max(relative, (high - cumulative) / (balance + high))
    mdd_account = deepest_abs / (balance + peak_at_deepest)
    wins = [p for p in profits if p > 0]
    losses = [-p for p in profits if p < 0]
    avg_win = sum(wins) / len(wins) if wins else 0.0
    avg_loss = sum(losses) / len(losses)
    return {
        "return_on_starting_balance": big_r,
        "final_balance": balance + total,
        "cagr": ((balance + total) / balance) ** (1 / (days / 365)) - 1,
        "sharpe": big_r / days / pop_std * math.sqrt(365),
        "sortino": big_r / days / down_std * math.sqrt(365),
        "calmar": big_r * 100 / days / mdd_account * math.sqrt(365),
        "sqn": round(math.sqrt(n) * mean / sample_std, 4),
        "expectancy_ratio": (1 + avg_win / avg_loss) * (len(wins) / n) - 1,
        "max_drawdown_account": mdd_account,
        "max_relative_drawdown": relative,
    }


def logged_profits(logs: Path, first: date, last: date) -> list[float]:
    """The window's closed trades read straight from the JSONL (latest line per order_id)."""
    latest: dict[str, dict[str, Any]] = {}
    for path in sorted(logs.glob("*.jsonl")):
        for number, text in enumerate(path.read_text().splitlines(), 1):
            line = json.loads(text)
            line["_order"] = (path.name, number)
            latest[line["order_id"]] = line
    rows = []
    for line in latest.values():
        if line["outcome"] == "open":
            continue
        stamp = line["exit_timestamp"] or line["timestamp"]
        at = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        if first <= at.date() <= last:
            rows.append((at, line["_order"], float(line["net_profit_loss"])))
    return [profit for _, _, profit in sorted(rows)]


@pytest.mark.parametrize("source", ["argument", "targets file"])
@pytest.mark.parametrize("seed,days,balance", [(1, 30, "10000"), (5, 9, "2500.50"),
                                               (11, 60, "100000")])
def test_figures_agree_with_an_independent_freqtrade_implementation(
        tmp_path: Path, seed: int, days: int, balance: str, source: str) -> None:
    """The balance given as ``--starting-balance`` or as the targets file's one account
    without cash flows (two accounts, split, must add up to the same)."""
    logs = tmp_path / "logs"
    logs.mkdir()
    spec = SampleSpec(start=date(2024, 3, 1), days=days, trades_per_day=5, seed=seed,
                      defects=False)
    for day, lines in generate(spec).items():
        (logs / f"{day.isoformat()}.jsonl").write_text("".join(line + "\n" for line in lines))
    first, last = spec.start, spec.start + timedelta(days=days - 1)
    expected = freqtrade_figures(logged_profits(logs, first, last), float(balance),
                                 (last - first).days)
    for cache in (False, True):
        tracker = PerformanceTracker(
            logs, cache=cache, starting_balance=balance if source == "argument" else None,
            clock=lambda: datetime(2025, 1, 1, tzinfo=UTC))
        if source == "targets file":
            half = D(balance) / 2
            targets = parse_targets(
                "accounts:\n"
                f"  - {{execution_mode: LIVE, starting_balance: \"{half}\"}}\n"
                f"  - {{execution_mode: PAPER, starting_balance: {D(balance) - half}}}\n")
            tracker.account = AccountBasis(capital_of(targets.accounts, "targets"))
        account = tracker.get_summary("range", first, last).to_dict()["account"]
        assert account["days"] == (last - first).days
        assert account["null_reasons"] == {}
        for name, value in expected.items():
            assert math.isclose(float(account["metrics"][name]), value, rel_tol=1e-9,
                                abs_tol=5e-5 if name == "sqn" else 1e-12), name
