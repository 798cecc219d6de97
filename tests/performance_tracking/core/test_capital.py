"""Account figures on a contributed capital: cash flows, several accounts, and quantstats' daily
convention (``--ratios daily``).

Every expected number is worked out by hand in the comment above its assertion, with exact
fractions where a square root is involved (the squared ratio is compared).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Context, Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import pytest

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.core.aggregate import ClosedTrade, fold
from trading_bot.performance.core.capital import (
    Account,
    AccountBasis,
    Capital,
    CashFlow,
    RatioOptions,
    account_basis,
    capital_of,
    covered_accounts,
    needs_account_ids,
    uncovered_reason,
)
from trading_bot.performance.core.decimals import DIVISION_CONTEXT
from trading_bot.performance.core.episodes import episodes_summary
from trading_bot.performance.core.ratios import NO_TRADES, Ratios, account_ratios, window_ratios
from trading_bot.performance.tools.sample import SampleSpec, generate

D = Decimal


def trade(at: datetime, net: str, index: int) -> ClosedTrade:
    value = D(net)
    outcome = "win" if value > 0 else "loss" if value < 0 else "breakeven"
    return ClosedTrade(key=(at, f"{at.date().isoformat()}.jsonl", index), local_day=at.date(),
                       order_id=f"T{index}", symbol="AAPL", outcome=outcome, net=value,
                       commission=D(0), hold_seconds=None, planned_rr=None, r_multiple=None,
                       groups=())


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2024, 1, day, hour, tzinfo=UTC)


TRADE_OPTIONS = RatioOptions()


def square(value: Fraction) -> Fraction:
    return value * value


def figures(trades: list[ClosedTrade], capital: Capital | None, start: date | None, end: date,
            options: RatioOptions = TRADE_OPTIONS) -> Ratios:
    aggregate = fold(trades)
    return window_ratios(AccountBasis(capital, options), start, end, aggregate.core,
                         aggregate.moments, aggregate.drawdown, aggregate.tail,
                         {day: stats.net for day, stats in aggregate.day_stats.items()}, UTC)


def squared_close(value: Decimal | None, expected: Fraction, places: int = 24) -> bool:
    assert value is not None
    scale = abs(expected) if abs(expected) > 1 else Fraction(1)
    return abs(square(Fraction(value)) - expected) < Fraction(1, 10 ** places) * scale


def close(value: Decimal | None, expected: Fraction, places: int = 28) -> bool:
    assert value is not None
    return abs(Fraction(value) - expected) < Fraction(1, 10 ** places)


# SB 1000; a deposit of 1000 on 2024-01-02 and a withdrawal of 500 on 2024-01-03.
FLOWS = Capital(D(1000), (CashFlow(date(2024, 1, 3), D(-500)), CashFlow(date(2024, 1, 2), D(1000))))
TRADES = [trade(at(1), "100", 1), trade(at(2), "200", 2), trade(at(2, 13), "-100", 3),
          trade(at(3), "-150", 4)]


def test_capital_by_day() -> None:
    # Flows take effect at the start of their day and are kept in date order.
    assert [flow.day.day for flow in FLOWS.cash_flows] == [2, 3]
    assert FLOWS.at(date(2023, 12, 31)) == 1000 and FLOWS.at(date(2024, 1, 1)) == 1000
    assert FLOWS.at(date(2024, 1, 2)) == 2000 and FLOWS.at(date(2024, 1, 3)) == 1500
    assert FLOWS.at(date(2030, 1, 1)) == 1500
    # Flows of a window are those after its first day (its opening capital holds the others).
    assert FLOWS.flows_between(date(2024, 1, 2), date(2024, 1, 9)) == (FLOWS.cash_flows[1],)
    assert FLOWS.flows_between(date(2024, 1, 4), date(2024, 1, 9)) == ()


def test_deposits_and_withdrawals_by_hand() -> None:
    result = figures(TRADES, FLOWS, date(2024, 1, 1), date(2024, 1, 4))
    values = result.values
    assert result.null_reasons == {}
    assert result.starting_balance == 1000 and result.capital_end == 1500 and result.days == 3
    assert [flow.amount for flow in result.cash_flows] == [1000, -500]
    # Each trade's return on the capital of its day: 100/1000 + 200/2000 - 100/2000 - 150/1500
    # = 0.1 + 0.1 - 0.05 - 0.1 = 0.05 (the deposit and the withdrawal are not returns).
    assert values["return_on_starting_balance"] == D("0.05")
    # Money in the account at the end: 1500 contributed + 50 net P&L.
    assert values["final_balance"] == 1550
    # Cumulative P&L 100, 300, 200, 50: deepest fall 250 from the peak 300 of 2024-01-02, whose
    # balance was 2000 + 300: 250 / 2300; also the largest relative one (100 / 2300 before it).
    assert close(values["max_drawdown_account"], Fraction(250, 2300))
    assert close(values["max_relative_drawdown"], Fraction(250, 2300))
    # CAGR: 1.05 ^ (365 / 3) - 1.
    assert values["cagr"] is not None
    assert abs(float(values["cagr"]) / (1.05 ** (365 / 3) - 1) - 1) < 1e-12
    # Sharpe: r = 0.1, 0.1, -0.05, -0.1; n = 4, Σr = 0.05, Σr² = 0.0325, nΣr² - (Σr)² = 0.1275:
    # (R/D)/σ0·√365 = R·n/D·√(365/0.1275); squared (0.2/3)² · 365 / 0.1275.
    assert squared_close(values["sharpe"], Fraction(4, 900) * 365 / Fraction(1275, 10000))
    # Sortino: the losers -0.05, -0.1: 2 · 0.0125 - 0.15² = 0.0025; (0.1/3)² · 365 / 0.0025.
    assert squared_close(values["sortino"], Fraction(1, 900) * 365 / Fraction(25, 10000))
    # Calmar: (100 · 0.05 / 3) / (250/2300) · √365; squared (46/3)² · 365.
    assert squared_close(values["calmar"], square(Fraction(46, 3)) * 365)
    # SQN and the expectancy ratio are in money: nets 100, 200, -100, -150.
    # SQN = 50 · √(3 / (4 · 82500 - 2500)) = 50 · √(3/327500), to 4 places.
    assert values["sqn"] == D("0.1513")
    # (1 + 150/125) · 2/4 - 1 = 0.1.
    assert close(values["expectancy_ratio"], Fraction(1, 10))


def test_without_flows_inside_the_window_the_figures_are_freqtrades_on_its_opening_capital(
        ) -> None:
    # From 2024-01-03 on the capital is 1500 throughout: exactly freqtrade with SB = 1500.
    later = [trade(at(3), "30", 1), trade(at(4), "-12", 2), trade(at(5), "7", 3)]
    result = figures(later, FLOWS, date(2024, 1, 3), date(2024, 1, 6))
    aggregate = fold(later)
    plain = account_ratios(D(1500), 3, aggregate.core, aggregate.moments, aggregate.drawdown,
                           aggregate.tail)
    assert result.values == plain.values and result.null_reasons == plain.null_reasons
    assert result.starting_balance == 1500 and result.cash_flows == ()


def test_a_withdrawal_is_not_a_drawdown() -> None:
    # No trade loses: withdrawing 500 does not make a drawdown of any kind.
    wins = [trade(at(1), "10", 1), trade(at(4), "20", 2)]
    result = figures(wins, FLOWS, date(2024, 1, 1), date(2024, 1, 5))
    assert result.values["max_drawdown_account"] == 0
    assert result.values["max_relative_drawdown"] == 0
    # 10/1000 + 20/1500.
    assert close(result.values["return_on_starting_balance"], Fraction(1, 100) + Fraction(2, 150))


def test_capital_that_is_not_above_zero_makes_every_figure_null() -> None:
    drained = Capital(D(100), (CashFlow(date(2024, 1, 2), D(-100)),))
    result = figures([trade(at(2), "5", 1)], drained, date(2024, 1, 1), date(2024, 1, 3))
    assert set(result.values.values()) == {None}
    assert "not above zero on 2024-01-02" in result.null_reasons["sharpe"]
    # Closing the account after its last trade is no problem: the money left is the balance.
    closed = Capital(D(100), (CashFlow(date(2024, 1, 3), D(-100)),))
    result = figures([trade(at(1), "5", 1)], closed, date(2024, 1, 1), date(2024, 1, 3))
    assert result.values["final_balance"] == 5
    assert result.values["return_on_starting_balance"] == D("0.05")


def test_per_trade_ratios_with_flows_need_every_trade() -> None:
    aggregate = fold(TRADES, tail_size=2)
    result = window_ratios(AccountBasis(FLOWS), date(2024, 1, 1), date(2024, 1, 4),
                           aggregate.core, aggregate.moments, aggregate.drawdown, aggregate.tail,
                           {d: s.net for d, s in aggregate.day_stats.items()}, UTC)
    assert result.values["sharpe"] is None and "only the last 2 of 4" in result.null_reasons[
        "sharpe"]
    # What the day nets and the merged drawdown give stays exact.
    assert result.values["return_on_starting_balance"] == D("0.05")
    assert close(result.values["max_drawdown_account"], Fraction(250, 2300))


def test_episode_depths_are_of_the_balance_at_their_peak() -> None:
    aggregate = fold(TRADES)
    block = episodes_summary(aggregate.day_stats, date(2024, 1, 1), date(2024, 1, 4), FLOWS)
    (episode,) = block["episodes"]
    # End-of-day equity 100, 200 (peak, 2024-01-02, capital 2000), 50: 150 / 2200.
    assert episode["peak"] == "2024-01-02" and episode["depth"] == "-150"
    assert close(-D(episode["depth_fraction"]), Fraction(150, 2200))


# --------------------------------------------------------------------------- several accounts

def test_accounts_add_up_and_filters_leave_out_the_other_mode() -> None:
    live = Account(D(10000), (CashFlow(date(2024, 1, 5), D(500)),), "LIVE", "acc-1")
    paper = Account(D(100000), (), "PAPER", None)
    anywhere = Account(D(1), (), None, None)
    both = capital_of([live, paper], "targets")
    assert both is not None and both.starting_balance == 110000
    assert both.at(date(2024, 1, 5)) == 110500 and both.accounts == (live, paper)
    assert covered_accounts([live, paper, anywhere], {"execution_mode": ["LIVE"]}) == (
        live, anywhere)
    assert covered_accounts([live, paper], {"symbol": ["AAPL"]}) == (live, paper)
    assert covered_accounts([live, paper], None) == (live, paper)
    assert capital_of([], "targets") is None


# --------------------------------------------------------------------------- --ratios daily

DAILY = RatioOptions("daily", 365)


def test_daily_ratios_by_hand() -> None:
    result = figures(TRADES, FLOWS, date(2024, 1, 1), date(2024, 1, 4), DAILY)
    # Running balance at each day's start, then the day's return:
    # 01: 1000 -> 100/1000; 02: 2000 + 100 -> 100/2100; 03: 1500 + 200 -> -150/1700;
    # 04 (no trade): 1500 + 50 -> 0.
    returns = [Fraction(1, 10), Fraction(1, 21), Fraction(-3, 34), Fraction(0)]
    n = len(returns)
    mean = sum(returns, Fraction(0)) / n
    variance = sum((square(r - mean) for r in returns), Fraction(0)) / (n - 1)           # ddof 1
    downside = sum((r * r for r in returns if r < 0), Fraction(0)) / n
    assert result.periods == 4 and result.options == DAILY
    # sharpe = mean / σ1 · √365; sortino = mean / √(Σ min(r, 0)² / n) · √365.
    assert squared_close(result.values["sharpe"], square(mean) / variance * 365)
    assert squared_close(result.values["sortino"], square(mean) / downside * 365)
    assert result.values["sharpe"] is not None and result.values["sharpe"] > 0
    # The other figures stay freqtrade's.
    assert result.values["return_on_starting_balance"] == D("0.05")


def test_daily_252_counts_weekdays_and_weekend_days_with_trades() -> None:
    # Fri 2024-01-05 +10, Sat 01-06 -5, Sun 01-07 nothing, Mon 01-08 +20 on SB 1000.
    trades = [trade(at(5), "10", 1), trade(at(6), "-5", 2), trade(at(8), "20", 3)]
    capital = Capital(D(1000))
    result = figures(trades, capital, date(2024, 1, 5), date(2024, 1, 8),
                     RatioOptions("daily", 252))
    returns = [Fraction(10, 1000), Fraction(-5, 1010), Fraction(20, 1005)]
    n = 3
    mean = sum(returns, Fraction(0)) / n
    variance = sum((square(r - mean) for r in returns), Fraction(0)) / (n - 1)
    assert result.periods == 3
    assert squared_close(result.values["sharpe"], square(mean) / variance * 252)
    assert squared_close(result.values["sortino"],
                         square(mean) / (square(Fraction(-5, 1010)) / n) * 252)
    # With 365 the Sunday is a zero-return day: four days.
    assert figures(trades, capital, date(2024, 1, 5), date(2024, 1, 8), DAILY).periods == 4


def test_daily_special_cases() -> None:
    capital = Capital(D(1000))
    # One day: no sample deviation; its loss still gives a downside deviation.
    one = figures([trade(at(1), "-10", 1)], capital, date(2024, 1, 1), date(2024, 1, 1), DAILY)
    assert one.values["sharpe"] is None and "one day" in one.null_reasons["sharpe"]
    # mean / √(r² / 1) · √365 = -√365.
    assert squared_close(one.values["sortino"], Fraction(365))
    assert one.values["sortino"] is not None and one.values["sortino"] < 0
    # Zero variance: +100 on 1000, then +110 on 1100: both days return 10%; no losing day.
    flat = figures([trade(at(1), "100", 1), trade(at(2), "110", 2)], capital, date(2024, 1, 1),
                   date(2024, 1, 2), DAILY)
    assert flat.values["sharpe"] is None and "zero variance" in flat.null_reasons["sharpe"]
    assert flat.values["sortino"] is None and "no losing day" in flat.null_reasons["sortino"]
    # No losing day, but a spread: Sharpe defined, Sortino not.
    up = figures([trade(at(1), "100", 1)], capital, date(2024, 1, 1), date(2024, 1, 3), DAILY)
    assert up.values["sharpe"] is not None and up.values["sortino"] is None
    # Empty window.
    empty = figures([], capital, date(2024, 1, 1), date(2024, 1, 7), DAILY)
    assert empty.values["sharpe"] is None and empty.null_reasons["sharpe"] == NO_TRADES
    assert empty.null_reasons["sortino"] == NO_TRADES
    # A running balance that is wiped out: no daily return after it.
    wiped = figures([trade(at(1), "-1000", 1), trade(at(2), "5", 2)], capital, date(2024, 1, 1),
                    date(2024, 1, 2), DAILY)
    assert "not above zero at the start of 2024-01-02" in wiped.null_reasons["sharpe"]


def test_daily_and_trade_conventions_differ_only_in_sharpe_and_sortino() -> None:
    trades = [trade(at(1), "10", 1), trade(at(1, 15), "-4", 2), trade(at(3), "6", 3)]
    by_trade = figures(trades, FLOWS, date(2024, 1, 1), date(2024, 1, 5))
    by_day = figures(trades, FLOWS, date(2024, 1, 1), date(2024, 1, 5), DAILY)
    for name, value in by_trade.values.items():
        if name not in ("sharpe", "sortino"):
            assert by_day.values[name] == value, name
    assert by_day.values["sharpe"] != by_trade.values["sharpe"]
    assert by_trade.periods is None and by_day.periods == 5


def test_rolling_windows_without_trades_start_at_their_end() -> None:
    result = figures([], FLOWS, None, date(2024, 1, 3))
    assert result.starting_balance == 1500 and result.values["final_balance"] == 1500


# --------------------------------------------------------------------------- generated logs

def independent_figures(rows: list[tuple[date, float]], capital: Callable[[date], float],
                        first: date, last: date) -> dict[str, float]:
    """The cash-flow convention of the README in plain floats, from the trades alone: each
    trade's return on the contributed capital of its day, drawdowns of cumulative P&L over the
    balance at their peak; and quantstats' daily Sharpe and Sortino on the running balance."""
    days = max(1, (last - first).days)
    returns = [net / capital(day) for day, net in rows]
    n, big_r = len(returns), sum(returns)
    mean = big_r / n
    sigma = math.sqrt(sum((r - mean) ** 2 for r in returns) / n)
    losers = [r for r in returns if r < 0]
    loser_mean = sum(losers) / len(losers)
    loser_sigma = math.sqrt(sum((r - loser_mean) ** 2 for r in losers) / len(losers))
    cumulative = high = 0.0
    high_capital = capital(first)
    deepest = deepest_peak_balance = relative = 0.0
    for day, net in rows:
        cumulative += net
        if cumulative > high:
            high, high_capital = cumulative, capital(day)
        if high - cumulative > deepest:
            deepest, deepest_peak_balance = high - cumulative, high_capital + high
        if high > cumulative:
            relative = max(relative, (high - cumulative) / (high_capital + high))
    by_day: dict[date, float] = {}
    for day, net in rows:
        by_day[day] = by_day.get(day, 0.0) + net
    daily, before = [], 0.0
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        daily.append(by_day.get(day, 0.0) / (capital(day) + before))
        before += by_day.get(day, 0.0)
    daily_mean = sum(daily) / len(daily)
    daily_sd = math.sqrt(sum((r - daily_mean) ** 2 for r in daily) / (len(daily) - 1))
    downside = math.sqrt(sum(r * r for r in daily if r < 0) / len(daily))
    return {
        "return_on_starting_balance": big_r,
        "final_balance": capital(last) + sum(net for _, net in rows),
        "cagr": (1 + big_r) ** (365 / days) - 1,
        "sharpe": big_r / days / sigma * math.sqrt(365),
        "sortino": big_r / days / loser_sigma * math.sqrt(365),
        "calmar": 100 * big_r / days / (deepest / deepest_peak_balance) * math.sqrt(365),
        "max_drawdown_account": deepest / deepest_peak_balance,
        "max_relative_drawdown": relative,
        "daily_sharpe": daily_mean / daily_sd * math.sqrt(365),
        "daily_sortino": daily_mean / downside * math.sqrt(365),
    }


def test_cash_flow_figures_agree_with_an_independent_float_implementation(
        tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    spec = SampleSpec(start=date(2024, 3, 1), days=40, trades_per_day=4, seed=3, defects=False)
    for day, lines in generate(spec).items():
        (logs / f"{day.isoformat()}.jsonl").write_text("".join(line + "\n" for line in lines))
    first, last = date(2024, 3, 3), date(2024, 4, 9)
    flows = Capital(D(20000), (CashFlow(date(2024, 3, 1), D(5000)),
                               CashFlow(date(2024, 3, 10), D(2500)),
                               CashFlow(date(2024, 3, 25), D("-7000.50")),
                               CashFlow(date(2024, 4, 20), D(100))))
    rows = []
    for path in sorted(logs.glob("*.jsonl")):
        for text in path.read_text().splitlines():
            line = json.loads(text)
            at_ = datetime.fromisoformat((line["exit_timestamp"] or line["timestamp"]).replace(
                "Z", "+00:00"))
            if line["outcome"] != "open" and first <= at_.date() <= last:
                rows.append((at_, path.name, line["order_id"], float(line["net_profit_loss"])))
    assert len({row[2] for row in rows}) == len(rows)
    ordered = [(row[0].date(), row[3]) for row in sorted(rows)]
    expected = independent_figures(ordered, lambda day: float(flows.at(day)), first, last)
    for cache in (False, True):
        tracker = PerformanceTracker(logs, cache=cache,
                                     clock=lambda: datetime(2025, 1, 1, tzinfo=UTC))
        tracker.account = AccountBasis(flows)
        trade_figures = tracker.get_summary("range", first, last).ratios
        tracker.account = AccountBasis(flows, DAILY)
        daily = tracker.get_summary("range", first, last).ratios
        assert trade_figures.null_reasons == {} and daily.periods == (last - first).days + 1
        found = {**trade_figures.values, "daily_sharpe": daily.values["sharpe"],
                 "daily_sortino": daily.values["sortino"]}
        for name, value in expected.items():
            assert math.isclose(float(found[name] or 0), value, rel_tol=1e-9, abs_tol=1e-12), \
                (name, cache)


# --------------------------------------------------------------------------- coverage (C1, S2)

LIVE_1 = Account(D(600), (), "LIVE", "acc-1")
PAPER_ANY = Account(D(400), (), "PAPER", None)


def test_account_basis_is_one_rule_for_the_command_line_and_the_api() -> None:
    options = RatioOptions("daily", 252)
    given = account_basis([LIVE_1, PAPER_ANY], starting_balance=D(1000), options=options)
    assert given == AccountBasis(Capital(D(1000)), options)
    both = account_basis([LIVE_1, PAPER_ANY])
    assert both.capital is not None and both.capital.starting_balance == 1000
    assert both.capital.accounts == (LIVE_1, PAPER_ANY) and both.unavailable is None
    live = account_basis([LIVE_1, PAPER_ANY], where={"execution_mode": ["LIVE"]})
    assert live.capital is not None and live.capital.accounts == (LIVE_1,)
    assert account_basis([]).capital is None


def test_uncovered_modes_and_account_ids_are_named_with_the_fix() -> None:
    assert uncovered_reason([LIVE_1, PAPER_ANY], {"PAPER"}) is None
    assert uncovered_reason([PAPER_ANY], {"LIVE", "PAPER"}) == (
        "LIVE trades have no configured account: add one to accounts: in the targets file, or "
        "report the covered trades alone with --where execution_mode=PAPER")
    # LIVE's only account names an id: the ids of the LIVE trades decide.
    assert not needs_account_ids([LIVE_1, PAPER_ANY], {"PAPER"})
    assert needs_account_ids([LIVE_1, PAPER_ANY], {"LIVE"})
    assert uncovered_reason([LIVE_1, PAPER_ANY], {"LIVE", "PAPER"},
                            {("LIVE", "acc-1"), ("PAPER", "x")}) is None
    assert uncovered_reason([LIVE_1, PAPER_ANY], {"LIVE"}, {("LIVE", "acc-1"), ("LIVE", None),
                                                            ("LIVE", "acc-2")}) == (
        "LIVE trades of account_id (missing), LIVE trades of account_id acc-2 have no "
        "configured account: add one to accounts: in the targets file, or report the covered "
        "trades alone with --where execution_mode=LIVE --where execution_mode=PAPER")
    by_id = Account(D(1), (), None, "acc-1")
    assert uncovered_reason([by_id], {"PAPER"}, {("PAPER", "acc-9")}) == (
        "PAPER trades of account_id acc-9 have no configured account: add one to accounts: in "
        "the targets file, or report the covered trades alone with --where account_id=acc-1")
    with pytest.raises(ValueError, match="account ids of the LIVE trades are needed"):
        uncovered_reason([LIVE_1], {"LIVE"})


def test_a_basis_that_does_not_cover_the_window_gives_no_figure() -> None:
    capital = capital_of([LIVE_1], "targets")
    aggregate = fold(TRADES)
    reason = "PAPER trades have no configured account"
    result = window_ratios(AccountBasis(capital, TRADE_OPTIONS, reason), date(2024, 1, 1),
                           date(2024, 1, 4), aggregate.core, aggregate.moments,
                           aggregate.drawdown, aggregate.tail, {}, UTC)
    assert result.values == dict.fromkeys(result.values)
    assert result.null_reasons == dict.fromkeys(result.values, reason)


def test_the_return_with_cash_flows_is_rounded_to_34_digits_after_summing() -> None:
    # 1/3 and 100/7 are 34-digit quotients of different magnitudes: their exact sum has 36
    # significant digits, the last two rounding noise.
    capital = Capital(D(3), (CashFlow(date(2024, 1, 2), D(4)),))
    result = figures([trade(at(1), "1", 1), trade(at(2), "100", 2)], capital,
                     date(2024, 1, 1), date(2024, 1, 3))
    value = result.values["return_on_starting_balance"]
    assert value is not None and len(value.as_tuple().digits) == 34
    with localcontext(Context(prec=100)):
        exact = DIVISION_CONTEXT.divide(D(1), D(3)) + DIVISION_CONTEXT.divide(D(100), D(7))
    assert len(exact.as_tuple().digits) == 36
    assert value == DIVISION_CONTEXT.plus(exact)


def test_the_tracker_applies_the_rule_and_the_coverage_check(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    spec = SampleSpec(start=date(2026, 3, 2), days=3, trades_per_day=8, seed=3, defects=False)
    for day, lines in generate(spec).items():
        (logs / f"{day.isoformat()}.jsonl").write_text("".join(line + "\n" for line in lines))
    tracker = PerformanceTracker(logs, cache=False, clock=lambda: datetime(2026, 4, 1, tzinfo=UTC))
    basis = tracker.use_accounts([Account(D(10000), (), "LIVE", None)])
    assert tracker.account == basis and basis.capital is not None
    summary = tracker.get_summary("range", "2026-03-02", "2026-03-04")
    modes = set(summary.aggregate.breakdown_stats["execution_mode"])
    assert modes == {"LIVE", "PAPER"}
    assert summary.ratios.values["return_on_starting_balance"] is None
    assert summary.ratios.null_reasons["return_on_starting_balance"].startswith(
        "PAPER trades have no configured account")
    live = PerformanceTracker(logs, cache=False, where={"execution_mode": ["LIVE"]},
                              clock=lambda: datetime(2026, 4, 1, tzinfo=UTC))
    live.use_accounts([Account(D(10000), (), "LIVE", None), Account(D(5), (), "PAPER", None)])
    assert live.account is not None and live.account.capital is not None
    assert live.account.capital.starting_balance == 10000
    kept = live.get_summary("range", "2026-03-02", "2026-03-04")
    assert kept.ratios.values["return_on_starting_balance"] == DIVISION_CONTEXT.divide(
        kept.aggregate.core.net, D(10000))
