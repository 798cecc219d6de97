"""Hand-computed expectations for every metric of a PerformanceSummary.

Every test writes small real JSONL day files under ``tmp_path`` and asks the real
``PerformanceTracker.get_summary``; the expected numbers are worked out by hand in each docstring
(README "Semantics" and ../shared/DESIGN.md are the contract).  Nothing in the package is mocked.

Conventions of the helpers below: a closed trade is written to the file of the UTC date of its
exit, an open trade to the file of the UTC date of its entry (DESIGN.md's file-date invariant),
and unless told otherwise a closed trade was entered one hour before its exit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.core.summary import PerformanceSummary

from ..conftest import fixed_clock, trade, write_log

D = Decimal
MakeTracker = Callable[..., PerformanceTracker]


# --------------------------------------------------------------------------- helpers


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def closed(order_id: str, exit: str, outcome: str, net: str | None, *, hold_minutes: int = 60,
           **overrides: Any) -> dict[str, Any]:
    """A closed trade realized at ``exit`` and entered ``hold_minutes`` before it."""
    entry = _iso(_parse(exit) - timedelta(minutes=hold_minutes))
    return trade(order_id, entry=entry, exit=exit, outcome=outcome, net=net, **overrides)


def opened(order_id: str, entry: str, **overrides: Any) -> dict[str, Any]:
    """An open trade entered at ``entry``."""
    return trade(order_id, entry=entry, exit=None, outcome="open", **overrides)


def event_day(line: dict[str, Any]) -> str:
    """The UTC date of a line's own event: exit for a closed line, entry for an open one."""
    return str(line["exit_timestamp"] or line["timestamp"])[:10]


def write_events(logs: Path, *lines: dict[str, Any]) -> None:
    """Append each line, in the given order, to the day file of its own event's UTC date."""
    for line in lines:
        write_log(logs, event_day(line), line)


def daily(make_tracker: MakeTracker, day: date, **kwargs: Any) -> PerformanceSummary:
    return make_tracker(**kwargs).get_summary("daily", on=day)


def rows(document: dict[str, Any], dimension: str) -> list[tuple[str, int, str]]:
    """(key, closed_trades, net_profit_loss) of each breakdown row, in the document's order."""
    return [(row["key"], row["closed_trades"], row["net_profit_loss"])
            for row in document["breakdowns"][dimension]["rows"]]


MON = date(2026, 3, 2)  # Monday of ISO week 2026-W10 (2026-03-02 .. 2026-03-08)


# --------------------------------------------------------------------------- core metrics


def test_counts_rates_gross_and_averages(logs: Path, make_tracker: MakeTracker) -> None:
    """Six closed trades and one open one on 2026-03-02 (UTC).

    W1 +30 (commission 1.5), W2 +15, W3 +6, L1 -10 (commission 0.5), L2 -20, B1 0 (breakeven),
    O1 open.
    closed = 6, open = 1, wins = 3, losses = 2, breakevens = 1
    win_rate = 3/6 = 0.5 (breakeven in the denominator); decided_win_rate = 3/(3+2) = 0.6
    gross_profit = 30+15+6 = 51; gross_loss = -10-20 = -30; net = 51-30+0 = 21
    commission = 1.5 + 0.5 = 2.0 (the other lines say "0"); average_commission = 2.0/6
    average_win = 51/3 = 17; average_loss = -30/2 = -15
    payoff_ratio = 17/|-15| = 1.1333... (34 significant digits)
    profit_factor = 51/|-30| = 1.7; expectancy = 21/6 = 3.5
    """
    write_events(
        logs,
        closed("W1", "2026-03-02T10:00:00Z", "win", "30", commission="1.5"),
        closed("W2", "2026-03-02T11:00:00Z", "win", "15"),
        closed("L1", "2026-03-02T12:00:00Z", "loss", "-10", commission="0.5"),
        closed("W3", "2026-03-02T13:00:00Z", "win", "6"),
        closed("L2", "2026-03-02T14:00:00Z", "loss", "-20"),
        closed("B1", "2026-03-02T15:00:00Z", "breakeven", "0"),
        opened("O1", "2026-03-02T16:00:00Z"),
    )
    summary = daily(make_tracker, MON)
    values = summary.metrics.values
    assert values["closed_trades"] == 6
    assert values["open_trades"] == 1
    assert (values["wins"], values["losses"], values["breakevens"]) == (3, 2, 1)
    assert values["win_rate"] == D("0.5")
    assert values["decided_win_rate"] == D("0.6")
    assert values["gross_profit"] == D("51")
    assert values["gross_loss"] == D("-30")
    assert values["net_profit_loss"] == D("21")
    assert values["commission"] == D("2.0")
    assert values["average_win"] == D("17")
    assert values["average_loss"] == D("-15")
    assert values["payoff_ratio"] == D("1.133333333333333333333333333333333")
    assert values["profit_factor"] == D("1.7")
    assert values["expectancy"] == D("3.5")
    assert values["average_commission"] == D("0.3333333333333333333333333333333333")
    assert summary.empty is None

    metrics = summary.to_dict()["metrics"]
    assert metrics["closed_trades"] == 6 and metrics["open_trades"] == 1
    assert metrics["win_rate"] == "0.5"
    assert metrics["decided_win_rate"] == "0.6"
    assert metrics["gross_profit"] == "51"
    assert metrics["gross_loss"] == "-30"
    assert metrics["net_profit_loss"] == "21"
    assert metrics["commission"] == "2.0"
    assert metrics["average_win"] == "17"
    assert metrics["average_loss"] == "-15"
    assert metrics["payoff_ratio"] == "1.133333333333333333333333333333333"
    assert metrics["profit_factor"] == "1.7"
    assert metrics["expectancy"] == "3.5"
    assert metrics["average_commission"] == "0.3333333333333333333333333333333333"


def test_net_falls_back_to_profit_loss_minus_commission(logs: Path, make_tracker: MakeTracker) -> None:
    """net_profit_loss null -> net = profit_loss - commission.

    A: net_profit_loss null, profit_loss 12.50, commission 1.25 -> net 12.50 - 1.25 = 11.25
    B: net_profit_loss 5 given (profit_loss 100 ignored)        -> net 5
    net = 11.25 + 5 = 16.25; gross_profit = 16.25 (both wins); commission = 1.25 + 0 = 1.25
    largest win = A (11.25 > 5).
    """
    write_events(
        logs,
        closed("A", "2026-03-02T10:00:00Z", "win", None, profit_loss="12.50", commission="1.25"),
        closed("B", "2026-03-02T11:00:00Z", "win", "5", profit_loss="100"),
    )
    summary = daily(make_tracker, MON)
    values = summary.metrics.values
    assert values["net_profit_loss"] == D("16.25")
    assert values["gross_profit"] == D("16.25")
    assert values["commission"] == D("1.25")
    document = summary.to_dict()
    assert document["metrics"]["net_profit_loss"] == "16.25"
    assert document["largest_win"]["order_id"] == "A"
    assert document["largest_win"]["net_profit_loss"] == "11.25"


def test_decimal_money_is_exact_in_values_and_json(logs: Path, make_tracker: MakeTracker) -> None:
    """Nets 0.1 and 0.2 sum to exactly 0.3 (a float sum would be 0.30000000000000004).

    expectancy = 0.3/2 = 0.15; average_win = 0.3/2 = 0.15.
    """
    write_events(
        logs,
        closed("A", "2026-03-02T10:00:00Z", "win", "0.1"),
        closed("B", "2026-03-02T11:00:00Z", "win", "0.2"),
    )
    summary = daily(make_tracker, MON)
    assert summary.metrics.values["net_profit_loss"] == D("0.3")
    assert isinstance(summary.metrics.values["net_profit_loss"], Decimal)
    metrics = summary.to_dict()["metrics"]
    assert metrics["net_profit_loss"] == "0.3"
    assert metrics["gross_profit"] == "0.3"
    assert metrics["expectancy"] == "0.15"
    assert metrics["average_win"] == "0.15"


def test_outcome_is_authoritative_over_pnl_sign(logs: Path, make_tracker: MakeTracker) -> None:
    """A "win" with net -5 counts as a win and goes into gross profit; it is reported.

    wins = 1, losses = 1 (net -3); gross_profit = -5; gross_loss = -3; net = -8
    win_rate = 1/2 = 0.5; data_quality.inconsistent = 1.
    """
    write_events(
        logs,
        closed("X", "2026-03-02T10:00:00Z", "win", "-5"),
        closed("L", "2026-03-02T11:00:00Z", "loss", "-3"),
    )
    summary = daily(make_tracker, MON)
    values = summary.metrics.values
    assert (values["wins"], values["losses"]) == (1, 1)
    assert values["gross_profit"] == D("-5")
    assert values["gross_loss"] == D("-3")
    assert values["net_profit_loss"] == D("-8")
    assert values["win_rate"] == D("0.5")
    assert summary.to_dict()["data_quality"]["inconsistent"] == 1


# --------------------------------------------------------------------------- extremes and order


def test_largest_win_and_loss_with_order_ids_earliest_wins_ties(logs: Path,
                                                                make_tracker: MakeTracker) -> None:
    """Wins 40 (WA 10:00), 40 (WB 11:00), 7; losses -25 (LA 12:00), -25 (LB 13:00), -5.

    largest win = 40; tie between WA and WB -> the earliest realized, WA.
    largest loss = -25; tie between LA and LB -> the earliest realized, LA.
    The lines are written in reverse time order to show that the tie follows realization time,
    not file position.
    """
    lines = [
        closed("WA", "2026-03-02T10:00:00Z", "win", "40", symbol="AAPL"),
        closed("WB", "2026-03-02T11:00:00Z", "win", "40", symbol="MSFT"),
        closed("LA", "2026-03-02T12:00:00Z", "loss", "-25", symbol="TSLA"),
        closed("LB", "2026-03-02T13:00:00Z", "loss", "-25", symbol="NVDA"),
        closed("W7", "2026-03-02T14:00:00Z", "win", "7"),
        closed("L5", "2026-03-02T15:00:00Z", "loss", "-5"),
    ]
    write_events(logs, *reversed(lines))
    document = daily(make_tracker, MON).to_dict()
    assert document["largest_win"] == {"order_id": "WA", "symbol": "AAPL", "net_profit_loss": "40",
                                       "realized_at": "2026-03-02T10:00:00Z"}
    assert document["largest_loss"] == {"order_id": "LA", "symbol": "TSLA",
                                        "net_profit_loss": "-25",
                                        "realized_at": "2026-03-02T12:00:00Z"}


def test_streaks_follow_realization_order_not_file_order(logs: Path,
                                                         make_tracker: MakeTracker) -> None:
    """Realization order (by exit time): W W L B W W W L L.

    runs: W x2, L x1, B x1, W x3, L x2
    longest win streak = 3, longest loss streak = 2, current streak = loss x 2.
    Lines are written shuffled in the file; order must come from the exit times.
    """
    sequence = ["win", "win", "loss", "breakeven", "win", "win", "win", "loss", "loss"]
    nets = {"win": "1", "loss": "-1", "breakeven": "0"}
    lines = [closed(f"T{i}", f"2026-03-02T{10 + i:02d}:00:00Z", outcome, nets[outcome])
             for i, outcome in enumerate(sequence)]
    shuffled = [lines[i] for i in (4, 0, 8, 2, 6, 1, 3, 7, 5)]
    write_events(logs, *shuffled)
    summary = daily(make_tracker, MON)
    assert summary.metrics.values["longest_win_streak"] == 3
    assert summary.metrics.values["longest_loss_streak"] == 2
    assert summary.to_dict()["streaks"] == {"current": {"kind": "loss", "length": 2},
                                            "longest_win": 3, "longest_loss": 2}


def test_breakeven_ends_a_streak(logs: Path, make_tracker: MakeTracker) -> None:
    """W W B W W L B L: the breakevens split the runs.

    win runs: 2 and 2 (not 4); loss runs: 1 and 1 (not 2); current = loss x 1.
    """
    sequence = ["win", "win", "breakeven", "win", "win", "loss", "breakeven", "loss"]
    nets = {"win": "2", "loss": "-1", "breakeven": "0"}
    write_events(logs, *[closed(f"T{i}", f"2026-03-02T{10 + i:02d}:00:00Z", o, nets[o])
                         for i, o in enumerate(sequence)])
    document = daily(make_tracker, MON).to_dict()
    assert document["streaks"] == {"current": {"kind": "loss", "length": 1},
                                   "longest_win": 2, "longest_loss": 1}
    assert document["metrics"]["longest_win_streak"] == 2
    assert document["metrics"]["longest_loss_streak"] == 1


# --------------------------------------------------------------------------- drawdown


def test_max_and_current_drawdown_with_instants(logs: Path, make_tracker: MakeTracker) -> None:
    """Nets in time order: +10 (10:00), -20 (11:00), +5 (12:00), -15 (13:00), +30 (14:00), -10 (15:00).

    cumulative:   10,  -10,  -5,  -20,  10,  0
    running peak: 10 (at 10:00) throughout (10 at 14:00 only equals it, not a new high)
    drawdown:      0,   20,  15,   30,   0, 10  -> max 30 from peak 10:00 to trough 13:00
    current = peak 10 - final 0 = 10. Both reported negative: "-30" and "-10".
    """
    write_events(
        logs,
        closed("A", "2026-03-02T10:00:00Z", "win", "10"),
        closed("B", "2026-03-02T11:00:00Z", "loss", "-20"),
        closed("C", "2026-03-02T12:00:00Z", "win", "5"),
        closed("D", "2026-03-02T13:00:00Z", "loss", "-15"),
        closed("E", "2026-03-02T14:00:00Z", "win", "30"),
        closed("F", "2026-03-02T15:00:00Z", "loss", "-10"),
    )
    summary = daily(make_tracker, MON)
    assert summary.metrics.values["max_drawdown"] == D("-30")
    assert summary.metrics.values["current_drawdown"] == D("-10")
    drawdown = summary.to_dict()["drawdown"]
    assert drawdown["max"] == "-30"
    assert drawdown["current"] == "-10"
    assert drawdown["peak_at"] == "2026-03-02T10:00:00Z"
    assert drawdown["trough_at"] == "2026-03-02T13:00:00Z"


def test_drawdown_peak_is_window_start_when_first_trade_loses(logs: Path,
                                                              make_tracker: MakeTracker) -> None:
    """Nets: -5 (10:00), +2 (11:00), -10 (12:00); cumulative -5, -3, -13.

    The peak stays the starting 0 (peak_at null = window start); max drawdown 0 - (-13) = 13 with
    trough 12:00; current = 0 - (-13) = 13. Reported "-13" and "-13".
    """
    write_events(
        logs,
        closed("A", "2026-03-02T10:00:00Z", "loss", "-5"),
        closed("B", "2026-03-02T11:00:00Z", "win", "2"),
        closed("C", "2026-03-02T12:00:00Z", "loss", "-10"),
    )
    summary = daily(make_tracker, MON)
    assert summary.metrics.values["max_drawdown"] == D("-13")
    assert summary.metrics.values["current_drawdown"] == D("-13")
    drawdown = summary.to_dict()["drawdown"]
    assert drawdown["max"] == "-13" and drawdown["current"] == "-13"
    assert drawdown["peak_at"] is None
    assert drawdown["trough_at"] == "2026-03-02T12:00:00Z"


def test_no_drawdown_when_every_trade_wins(logs: Path, make_tracker: MakeTracker) -> None:
    """Nets +1, +2: cumulative 1, 3 only rises -> max and current drawdown 0, no instants."""
    write_events(logs, closed("A", "2026-03-02T10:00:00Z", "win", "1"),
                 closed("B", "2026-03-02T11:00:00Z", "win", "2"))
    summary = daily(make_tracker, MON)
    assert summary.metrics.values["max_drawdown"] == 0
    assert summary.metrics.values["current_drawdown"] == 0
    assert summary.to_dict()["drawdown"] | {"basis": None} == {
        "max": "0", "peak_at": None, "trough_at": None, "current": "0", "basis": None}


# --------------------------------------------------------------------------- risk and hold


def test_average_planned_rr_stated_long_short_and_wrong_side(logs: Path,
                                                              make_tracker: MakeTracker) -> None:
    """Planned R:R per trade.

    S: risk_reward_ratio 2.5 stated (its stop 90/target 130 would give 3; stated wins) -> 2.5
    L: BUY  price 100, stop 95, target 110 -> (110-100)/(100-95) = 10/5 = 2
    H: SELL price 50,  stop 52, target 44  -> (50-44)/(52-50)  = 6/2  = 3
    X: BUY  price 100, stop 105 (above entry), target 110 -> wrong side -> no ratio
    Y: SELL price 50,  stop 52, target 55 (above entry)   -> wrong side -> no ratio
    average_planned_rr = (2.5 + 2 + 3) / 3 = 7.5/3 = 2.5
    """
    write_events(
        logs,
        closed("S", "2026-03-02T10:00:00Z", "win", "1", stop_loss="90", target="130",
               risk_reward_ratio="2.5"),
        closed("L", "2026-03-02T11:00:00Z", "win", "1", stop_loss="95", target="110"),
        closed("H", "2026-03-02T12:00:00Z", "win", "1", action="SELL", price="50",
               stop_loss="52", target="44"),
        closed("X", "2026-03-02T13:00:00Z", "win", "1", stop_loss="105", target="110"),
        closed("Y", "2026-03-02T14:00:00Z", "win", "1", action="SELL", price="50",
               stop_loss="52", target="55"),
    )
    summary = daily(make_tracker, MON)
    assert summary.metrics.values["average_planned_rr"] == D("2.5")
    assert summary.to_dict()["metrics"]["average_planned_rr"] == "2.5"


def test_planned_rr_is_null_when_only_wrong_side_plans(logs: Path, make_tracker: MakeTracker) -> None:
    """Only a BUY at 100 with stop 105 (above the entry): no ratio, so the average is null."""
    write_events(logs, closed("X", "2026-03-02T10:00:00Z", "win", "1", stop_loss="105",
                              target="110"))
    summary = daily(make_tracker, MON)
    assert summary.metrics.values["average_planned_rr"] is None
    assert summary.metrics.null_reasons["average_planned_rr"] == (
        "no trade has risk_reward_ratio or a usable price/stop_loss/target")
    assert summary.to_dict()["metrics"]["average_planned_rr"] is None


def test_average_r_multiple(logs: Path, make_tracker: MakeTracker) -> None:
    """R = net / (|price - stop| x quantity).

    A: BUY  price 100,   stop 95,    qty 10,  net 100  -> 100 / (5 x 10)      = 2
    B: SELL price 50,    stop 52,    qty 5,   net -10  -> -10 / (2 x 5)       = -1
    C: BUY  price 20000, stop 19000, qty 0.5, net 250  -> 250 / (1000 x 0.5)  = 0.5
    N: no stop_loss -> no R-multiple
    average_r_multiple = (2 - 1 + 0.5) / 3 = 1.5/3 = 0.5
    """
    write_events(
        logs,
        closed("A", "2026-03-02T10:00:00Z", "win", "100", stop_loss="95"),
        closed("B", "2026-03-02T11:00:00Z", "loss", "-10", action="SELL", price="50",
               quantity="5", stop_loss="52"),
        closed("C", "2026-03-02T12:00:00Z", "win", "250", symbol="BTC-USD", price="20000",
               quantity="0.5", stop_loss="19000"),
        closed("N", "2026-03-02T13:00:00Z", "win", "3"),
    )
    summary = daily(make_tracker, MON)
    assert summary.metrics.values["average_r_multiple"] == D("0.5")
    assert summary.to_dict()["metrics"]["average_r_multiple"] == "0.5"


def test_r_multiple_null_without_stops(logs: Path, make_tracker: MakeTracker) -> None:
    """No trade has a stop_loss -> average_r_multiple null with its reason."""
    write_events(logs, closed("A", "2026-03-02T10:00:00Z", "win", "1"))
    summary = daily(make_tracker, MON)
    assert summary.metrics.values["average_r_multiple"] is None
    assert summary.metrics.null_reasons["average_r_multiple"] == (
        "no trade has a stop_loss to measure initial risk")


def test_average_hold_overall_winners_losers(logs: Path, make_tracker: MakeTracker) -> None:
    """Hold = hold_duration_seconds when given, else exit - entry.

    A win:       field 120 (exit - entry is 3600; the field wins)  -> 120
    B win:       exit - entry = 60 min                              -> 3600
    C loss:      exit - entry = 30 min                              -> 1800
    E breakeven: exit - entry = 10 min                              -> 600
    overall = (120 + 3600 + 1800 + 600) / 4 = 6120/4 = 1530
    winners = (120 + 3600) / 2 = 1860; losers = 1800 / 1 = 1800
    """
    write_events(
        logs,
        closed("A", "2026-03-02T10:00:00Z", "win", "1", hold_duration_seconds="120"),
        closed("B", "2026-03-02T11:00:00Z", "win", "1"),
        closed("C", "2026-03-02T12:00:00Z", "loss", "-1", hold_minutes=30),
        closed("E", "2026-03-02T13:00:00Z", "breakeven", "0", hold_minutes=10),
    )
    summary = daily(make_tracker, MON)
    values = summary.metrics.values
    assert values["average_hold_seconds"] == D("1530")
    assert values["average_win_hold_seconds"] == D("1860")
    assert values["average_loss_hold_seconds"] == D("1800")
    metrics = summary.to_dict()["metrics"]
    assert D(metrics["average_hold_seconds"]) == D("1530")
    assert D(metrics["average_win_hold_seconds"]) == D("1860")
    assert D(metrics["average_loss_hold_seconds"]) == D("1800")


def test_hold_of_winners_null_when_only_losses(logs: Path, make_tracker: MakeTracker) -> None:
    """One loss held 45 min = 2700 s: overall 2700, losers 2700, winners null with a reason."""
    write_events(logs, closed("C", "2026-03-02T12:00:00Z", "loss", "-1", hold_minutes=45))
    summary = daily(make_tracker, MON)
    values = summary.metrics.values
    assert values["average_hold_seconds"] == D("2700")
    assert values["average_loss_hold_seconds"] == D("2700")
    assert values["average_win_hold_seconds"] is None
    assert summary.metrics.null_reasons["average_win_hold_seconds"] == (
        "no winning trade has a hold time")


# --------------------------------------------------------------------------- days


def test_trades_per_day_counts_only_days_with_a_log_file(logs: Path,
                                                         make_tracker: MakeTracker) -> None:
    """Range 2026-03-02 .. 2026-03-08 (7 dates); log files exist for 03-02, 03-03, 03-04, 03-05.

    03-02: 3 closed; 03-03: 1 closed; 03-04: empty file (the bot ran, no trade); 03-05: 1 closed.
    trading_days = 4 (03-06, 03-07, 03-08 have no file and do not dilute)
    trades_per_day = 5/4 = 1.25; files_missing = 03-06, 03-07, 03-08.
    """
    write_events(
        logs,
        closed("A", "2026-03-02T10:00:00Z", "win", "1"),
        closed("B", "2026-03-02T11:00:00Z", "win", "1"),
        closed("C", "2026-03-02T12:00:00Z", "win", "1"),
        closed("D", "2026-03-03T12:00:00Z", "loss", "-1"),
        closed("E", "2026-03-05T12:00:00Z", "win", "1"),
    )
    write_log(logs, "2026-03-04")
    summary = make_tracker().get_summary("range", date(2026, 3, 2), date(2026, 3, 8))
    values = summary.metrics.values
    assert values["closed_trades"] == 5
    assert values["trading_days"] == 4
    assert values["trades_per_day"] == D("1.25")
    document = summary.to_dict()
    assert document["metrics"]["trades_per_day"] == "1.25"
    assert document["data_quality"]["files_missing"] == ["2026-03-06", "2026-03-07", "2026-03-08"]


def test_trades_per_day_non_terminating_fraction(logs: Path, make_tracker: MakeTracker) -> None:
    """4 closed trades over 3 days with files: 4/3 = 1.333... to 34 significant digits."""
    write_events(
        logs,
        closed("A", "2026-03-02T10:00:00Z", "win", "1"),
        closed("B", "2026-03-02T11:00:00Z", "win", "1"),
        closed("C", "2026-03-03T10:00:00Z", "win", "1"),
        closed("D", "2026-03-04T10:00:00Z", "win", "1"),
    )
    summary = make_tracker().get_summary("weekly", on=MON)
    assert summary.metrics.values["trading_days"] == 3
    assert summary.metrics.values["trades_per_day"] == D("1.333333333333333333333333333333333")


def test_daily_series_best_worst_winning_losing_days(logs: Path, make_tracker: MakeTracker) -> None:
    """Week 2026-W10 (UTC).

    Mon 03-02: +30, -10 -> net 20, 2 trades, win_rate 1/2 = 0.5
    Tue 03-03: -25      -> net -25, 1 trade
    Wed 03-04: breakeven 0 -> net 0 (neither winning nor losing day)
    Thu 03-05: +5, +5   -> net 10, 2 trades
    best day = Mon (20), worst day = Tue (-25); winning days = 2 (Mon, Thu); losing days = 1.
    """
    write_events(
        logs,
        closed("A", "2026-03-02T10:00:00Z", "win", "30"),
        closed("B", "2026-03-02T11:00:00Z", "loss", "-10"),
        closed("C", "2026-03-03T10:00:00Z", "loss", "-25"),
        closed("E", "2026-03-04T10:00:00Z", "breakeven", "0"),
        closed("F", "2026-03-05T10:00:00Z", "win", "5"),
        closed("G", "2026-03-05T11:00:00Z", "win", "5"),
    )
    summary = make_tracker().get_summary("weekly", on=MON)
    assert summary.metrics.values["winning_days"] == 2
    assert summary.metrics.values["losing_days"] == 1
    document = summary.to_dict()
    assert [(row["date"], row["closed_trades"], row["net_profit_loss"])
            for row in document["daily"]] == [
        ("2026-03-02", 2, "20"), ("2026-03-03", 1, "-25"), ("2026-03-04", 1, "0"),
        ("2026-03-05", 2, "10")]
    assert document["daily"][0]["win_rate"] == "0.5"
    assert document["daily"][2]["breakevens"] == 1
    assert document["best_day"] == {"date": "2026-03-02", "net_profit_loss": "20",
                                    "closed_trades": 2}
    assert document["worst_day"] == {"date": "2026-03-03", "net_profit_loss": "-25",
                                     "closed_trades": 1}


# --------------------------------------------------------------------------- open positions


def test_open_positions_age_measured_to_window_end(logs: Path, make_tracker: MakeTracker) -> None:
    """Daily 2026-03-02 (UTC), long past: as_of = end of the day = 2026-03-03T00:00:00Z.

    O1 open, entered 14:00 -> age 10 h = 36000 s
    O2 entered 20:00, closed 2026-03-03T01:00 (after the window) -> open at its end, age 4 h = 14400
    W  closed 2026-03-02T12:00 -> realized inside the window, not open.
    open positions oldest first: O1, O2.
    """
    write_events(
        logs,
        closed("W", "2026-03-02T12:00:00Z", "win", "1"),
        opened("O1", "2026-03-02T14:00:00Z", quantity="3", price="101.5"),
        closed("O2", "2026-03-03T01:00:00Z", "win", "1", hold_minutes=300, action="SELL"),
    )
    summary = daily(make_tracker, MON)
    assert summary.metrics.values["open_trades"] == 2
    document = summary.to_dict()
    assert document["as_of"] == "2026-03-03T00:00:00Z"
    positions = document["open_positions"]
    assert [(p["order_id"], p["age_seconds"], p["side"]) for p in positions] == [
        ("O1", 36000, "long"), ("O2", 14400, "short")]
    assert positions[0] | {"source": None} == {
        "order_id": "O1", "symbol": "AAPL", "side": "long", "quantity": "3", "price": "101.5",
        "strategy_name": "alpha", "execution_mode": "PAPER", "entry_at": "2026-03-02T14:00:00Z",
        "age_seconds": 36000, "source": None, "stale": False}
    assert positions[0]["source"] == "2026-03-02.jsonl:2"


def test_open_position_age_in_a_window_still_running(logs: Path, make_tracker: MakeTracker) -> None:
    """Clock 2026-03-02T18:00Z: as_of = now; an open trade entered 14:00 is 4 h = 14400 s old.

    The day has not ended, so the window is not complete.
    """
    write_events(logs, opened("O1", "2026-03-02T14:00:00Z"))
    summary = make_tracker(clock=fixed_clock("2026-03-02T18:00:00Z")).get_summary("daily", on=MON)
    document = summary.to_dict()
    assert document["as_of"] == "2026-03-02T18:00:00Z"
    assert document["period"]["complete"] is False
    assert [p["age_seconds"] for p in document["open_positions"]] == [14400]


def test_trade_entered_at_the_next_midnight_is_not_open_in_the_window(
        logs: Path, make_tracker: MakeTracker) -> None:
    """Daily 2026-03-02 (UTC) covers [03-02T00:00Z, 03-03T00:00Z); as_of = 03-03T00:00Z.

    N is entered at exactly 2026-03-03T00:00:00Z: that is the first instant of 03-03, after the
    window ended, so it is not an open position of 03-02 (README: "trades entered by the window's
    end"). Expected: no open positions, open_trades 0.
    """
    write_events(logs, opened("N", "2026-03-03T00:00:00Z"))
    summary = daily(make_tracker, MON)
    assert [p.order_id for p in summary.open_positions] == []
    assert summary.metrics.values["open_trades"] == 0


def test_trade_closed_at_the_next_midnight_was_open_at_the_window_end(
        logs: Path, make_tracker: MakeTracker) -> None:
    """Daily 2026-03-02 (UTC) covers [03-02T00:00Z, 03-03T00:00Z); as_of = 03-03T00:00Z.

    M entered 03-02T20:00Z and closed at exactly 2026-03-03T00:00:00Z: it is realized on 03-03
    (not counted in 03-02), i.e. closed after the window ended, so README says it "was open at
    its end". Expected: closed_trades 0, open positions [M] aged 4 h = 14400 s.
    """
    write_events(logs, closed("M", "2026-03-03T00:00:00Z", "win", "3", hold_minutes=240))
    summary = daily(make_tracker, MON)
    assert summary.metrics.values["closed_trades"] == 0
    assert [(p.order_id, p.age_seconds) for p in summary.open_positions] == [("M", 14400)]


# --------------------------------------------------------------------------- breakdowns


def test_builtin_breakdowns(logs: Path, make_tracker: MakeTracker) -> None:
    """Five closed trades on 2026-03-02.

    T1 alpha AAPL    market BUY  PAPER "target hit" [RSI, MACD]   win  +30
    T2 beta  BTC-USD limit  SELL LIVE  "stop hit"   [RSI]         loss -10
    T3 alpha MSFT    limit  SELL PAPER (no reason)  []            win  +5
    T4 beta  BTC-USD market BUY  LIVE  "time exit"  [VWAP, VWAP]  loss -4
    T5 gamma AAPL    stop   BUY  PAPER "target hit" [RSI]         breakeven 0
    Rows are sorted by net descending, then key.
    strategy: alpha {T1,T3} 35; gamma {T5} 0; beta {T2,T4} -14
    symbol:   AAPL {T1,T5} 30; MSFT {T3} 5; BTC-USD {T2,T4} -14
    entry:    market {T1,T4} 26; stop {T5} 0; limit {T2,T3} -5
    side:     long (BUY) {T1,T4,T5} 26; short (SELL) {T2,T3} -5
    mode:     PAPER {T1,T3,T5} 35; LIVE {T2,T4} -14
    mode_side: PAPER long {T1,T5} 30; PAPER short {T3} 5; LIVE long {T4} -4; LIVE short {T2} -10
    exit:     "target hit" {T1,T5} 30; "(none)" {T3} 5; "time exit" {T4} -4; "stop hit" {T2} -10
    indicator (overlapping): MACD {T1} 30; RSI {T1,T2,T5} 30-10+0 = 20; VWAP {T4} -4 once
      (T3 has no indicator; row counts 1+3+1 = 5 although only 4 trades used indicators)
    alpha row: win_rate 2/2 = 1, gross_profit 35, profit_factor null (no losses)
    beta row:  win_rate 0/2 = 0, gross_loss -14, profit_factor 0/|-14| = 0
    """
    write_events(
        logs,
        closed("T1", "2026-03-02T10:00:00Z", "win", "30", strategy="alpha", symbol="AAPL",
               entry_type="market", action="BUY", mode="PAPER", exit_reasoning="target hit",
               indicators_used=["RSI", "MACD"]),
        closed("T2", "2026-03-02T11:00:00Z", "loss", "-10", strategy="beta", symbol="BTC-USD",
               entry_type="limit", action="SELL", mode="LIVE", exit_reasoning="stop hit",
               indicators_used=["RSI"], quantity="0.25"),
        closed("T3", "2026-03-02T12:00:00Z", "win", "5", strategy="alpha", symbol="MSFT",
               entry_type="limit", action="SELL", mode="PAPER", exit_reasoning=None,
               indicators_used=[]),
        closed("T4", "2026-03-02T13:00:00Z", "loss", "-4", strategy="beta", symbol="BTC-USD",
               entry_type="market", action="BUY", mode="LIVE", exit_reasoning="time exit",
               indicators_used=["VWAP", "VWAP"]),
        closed("T5", "2026-03-02T14:00:00Z", "breakeven", "0", strategy="gamma", symbol="AAPL",
               entry_type="stop", action="BUY", mode="PAPER", exit_reasoning="target hit",
               indicators_used=["RSI"]),
    )
    document = daily(make_tracker, MON).to_dict()
    assert rows(document, "strategy_name") == [("alpha", 2, "35"), ("gamma", 1, "0"),
                                               ("beta", 2, "-14")]
    assert rows(document, "symbol") == [("AAPL", 2, "30"), ("MSFT", 1, "5"), ("BTC-USD", 2, "-14")]
    assert rows(document, "entry_type") == [("market", 2, "26"), ("stop", 1, "0"),
                                            ("limit", 2, "-5")]
    assert rows(document, "side") == [("long", 3, "26"), ("short", 2, "-5")]
    assert rows(document, "execution_mode") == [("PAPER", 3, "35"), ("LIVE", 2, "-14")]
    assert rows(document, "mode_side") == [("PAPER long", 2, "30"), ("PAPER short", 1, "5"),
                                           ("LIVE long", 1, "-4"), ("LIVE short", 1, "-10")]
    assert rows(document, "exit_reasoning") == [("target hit", 2, "30"), ("(none)", 1, "5"),
                                                ("time exit", 1, "-4"), ("stop hit", 1, "-10")]
    assert rows(document, "indicator") == [("MACD", 1, "30"), ("RSI", 3, "20"), ("VWAP", 1, "-4")]
    breakdowns = document["breakdowns"]
    assert breakdowns["indicator"]["overlapping"] is True
    assert all(breakdowns[name]["overlapping"] is False for name in
               ("strategy_name", "symbol", "entry_type", "side", "execution_mode",
                "exit_reasoning", "mode_side"))
    alpha = breakdowns["strategy_name"]["rows"][0]
    assert (alpha["win_rate"], alpha["gross_profit"], alpha["profit_factor"]) == ("1", "35", None)
    beta = breakdowns["strategy_name"]["rows"][2]
    assert (beta["win_rate"], beta["gross_loss"], beta["profit_factor"]) == ("0", "-14", "0")


def test_group_by_extra_field_with_missing(logs: Path, make_tracker: MakeTracker) -> None:
    """--group-by confidence.

    A high win +10; B high loss -4; C low win +3; E (no confidence key) breakeven 0
    rows (net desc): high {A,B} 6, win_rate 1/2 = 0.5; low {C} 3; (missing) {E} 0
    """
    write_events(
        logs,
        closed("A", "2026-03-02T10:00:00Z", "win", "10", confidence="high"),
        closed("B", "2026-03-02T11:00:00Z", "loss", "-4", confidence="high"),
        closed("C", "2026-03-02T12:00:00Z", "win", "3", confidence="low"),
        closed("E", "2026-03-02T13:00:00Z", "breakeven", "0"),
    )
    document = daily(make_tracker, MON, group_by=["confidence"]).to_dict()
    assert document["group_by"] == ["confidence"]
    assert rows(document, "confidence") == [("high", 2, "6"), ("low", 1, "3"),
                                            ("(missing)", 1, "0")]
    assert document["breakdowns"]["confidence"]["overlapping"] is False
    assert document["breakdowns"]["confidence"]["rows"][0]["win_rate"] == "0.5"


# --------------------------------------------------------------------------- edge cases


def test_no_trades_gives_reasons_not_zeros(logs: Path, make_tracker: MakeTracker) -> None:
    """Logs exist only for 2026-03-10; the daily window 2026-03-02 reads none.

    empty_reason.code = no_log_files; counts 0; every rate/average null with a reason;
    trades_per_day null (no trading day); net and drawdown are sums of nothing: 0.
    """
    write_events(logs, closed("A", "2026-03-10T10:00:00Z", "win", "1"))
    summary = daily(make_tracker, MON)
    assert summary.empty is not None and summary.empty.code == "no_log_files"
    values, reasons = summary.metrics.values, summary.metrics.null_reasons
    assert (values["closed_trades"], values["open_trades"], values["wins"],
            values["trading_days"]) == (0, 0, 0, 0)
    for name in ("win_rate", "decided_win_rate", "expectancy", "profit_factor",
                 "average_commission"):
        assert values[name] is None
        assert reasons[name] == "no closed trades"
    assert values["average_win"] is None and reasons["average_win"] == "no winning trades"
    assert values["average_loss"] is None and reasons["average_loss"] == "no losing trades"
    assert values["payoff_ratio"] is None
    assert values["trades_per_day"] is None
    assert reasons["trades_per_day"] == "no log file for any day of the period"
    document = summary.to_dict()
    assert document["status"] == "empty"
    assert document["empty_reason"]["code"] == "no_log_files"
    assert document["metrics"]["win_rate"] is None
    assert document["metrics"]["net_profit_loss"] == "0"
    assert document["drawdown"]["max"] == "0"
    assert document["largest_win"] is None and document["largest_loss"] is None
    assert document["streaks"]["current"] is None
    assert document["daily"] == [] and document["best_day"] is None
    assert document["null_reasons"]["win_rate"] == "no closed trades"


def test_only_open_trades(logs: Path, make_tracker: MakeTracker) -> None:
    """Two open trades on 2026-03-02: empty code only_open_trades, open_trades 2, win_rate null.

    trading_days = 1 (the 03-02 file), trades_per_day = 0/1 = 0.
    """
    # Two symbols: two BUYs of one symbol are one position (a scale-in) once executions pair.
    write_events(logs, opened("O1", "2026-03-02T10:00:00Z"),
                 opened("O2", "2026-03-02T11:00:00Z", symbol="MSFT"))
    summary = daily(make_tracker, MON)
    assert summary.empty is not None and summary.empty.code == "only_open_trades"
    values = summary.metrics.values
    assert values["closed_trades"] == 0 and values["open_trades"] == 2
    assert values["win_rate"] is None
    assert summary.metrics.null_reasons["win_rate"] == "no closed trades"
    assert values["trades_per_day"] == 0
    assert summary.to_dict()["empty_reason"]["code"] == "only_open_trades"


def test_only_breakevens(logs: Path, make_tracker: MakeTracker) -> None:
    """Two breakevens: win_rate = 0/2 = 0; decided = 0/(0+0) undefined -> null.

    profit_factor: no losses -> null; current streak breakeven x 2; longest win/loss 0.
    """
    write_events(logs, closed("B1", "2026-03-02T10:00:00Z", "breakeven", "0"),
                 closed("B2", "2026-03-02T11:00:00Z", "breakeven", "0"))
    summary = daily(make_tracker, MON)
    values, reasons = summary.metrics.values, summary.metrics.null_reasons
    assert values["breakevens"] == 2
    assert values["win_rate"] == 0
    assert values["decided_win_rate"] is None
    assert reasons["decided_win_rate"] == "no wins or losses (only breakevens)"
    assert values["profit_factor"] is None
    assert reasons["profit_factor"].startswith("no losses")
    assert values["expectancy"] == 0
    document = summary.to_dict()
    assert document["metrics"]["win_rate"] == "0"
    assert document["metrics"]["decided_win_rate"] is None
    assert document["streaks"] == {"current": {"kind": "breakeven", "length": 2},
                                   "longest_win": 0, "longest_loss": 0}


def test_no_losses(logs: Path, make_tracker: MakeTracker) -> None:
    """Wins +4 and +6: profit_factor null ("no losses..."), decided_win_rate 2/2 = 1.

    average_win = 10/2 = 5; average_loss null; payoff null (no losing trades).
    """
    write_events(logs, closed("A", "2026-03-02T10:00:00Z", "win", "4"),
                 closed("B", "2026-03-02T11:00:00Z", "win", "6"))
    summary = daily(make_tracker, MON)
    values, reasons = summary.metrics.values, summary.metrics.null_reasons
    assert values["profit_factor"] is None
    assert reasons["profit_factor"] == "no losses: profit factor is undefined"
    assert values["decided_win_rate"] == 1 and values["win_rate"] == 1
    assert values["average_win"] == D("5")
    assert values["average_loss"] is None and reasons["average_loss"] == "no losing trades"
    assert values["payoff_ratio"] is None and reasons["payoff_ratio"] == "no losing trades"
    document = summary.to_dict()
    assert document["metrics"]["profit_factor"] is None
    assert document["null_reasons"]["profit_factor"] == "no losses: profit factor is undefined"


def test_one_losing_trade(logs: Path, make_tracker: MakeTracker) -> None:
    """A single loss of -7.5 (hold 1 h).

    closed 1; win_rate 0/1 = 0; decided 0/1 = 0; gross_loss -7.5; expectancy -7.5/1 = -7.5
    profit_factor = 0/|-7.5| = 0; average_win null; largest loss = L; max drawdown 7.5 from the
    window start (peak null) -> "-7.5"; current streak loss x 1; trades_per_day 1/1 = 1.
    """
    write_events(logs, closed("L", "2026-03-02T10:00:00Z", "loss", "-7.5"))
    summary = daily(make_tracker, MON)
    values = summary.metrics.values
    assert values["closed_trades"] == 1
    assert values["win_rate"] == 0 and values["decided_win_rate"] == 0
    assert values["gross_loss"] == D("-7.5")
    assert values["expectancy"] == D("-7.5")
    assert values["profit_factor"] == 0
    assert values["average_win"] is None
    assert values["trades_per_day"] == 1
    assert values["average_hold_seconds"] == 3600
    document = summary.to_dict()
    assert document["metrics"]["profit_factor"] == "0"
    assert document["largest_loss"]["order_id"] == "L"
    assert document["largest_win"] is None
    assert document["drawdown"]["max"] == "-7.5" and document["drawdown"]["peak_at"] is None
    assert document["streaks"]["current"] == {"kind": "loss", "length": 1}


def test_shorts(logs: Path, make_tracker: MakeTracker) -> None:
    """Two SELL (short) trades: S1 win +12 (price 50, stop 52, target 44, qty 2), S2 loss -4
    (price 30, stop 31, target 27, qty 4).

    side rows: only short, 2 trades, net 8.
    planned R:R: S1 (50-44)/(52-50) = 3; S2 (30-27)/(31-30) = 3 -> average 3
    R-multiple: S1 12/(2 x 2) = 3; S2 -4/(1 x 4) = -1 -> average (3 - 1)/2 = 1
    win_rate 1/2 = 0.5; payoff 12/4 = 3; profit_factor 12/4 = 3.
    """
    write_events(
        logs,
        closed("S1", "2026-03-02T10:00:00Z", "win", "12", action="SELL", price="50", quantity="2",
               stop_loss="52", target="44"),
        closed("S2", "2026-03-02T11:00:00Z", "loss", "-4", action="SELL", price="30",
               quantity="4", stop_loss="31", target="27"),
    )
    summary = daily(make_tracker, MON)
    values = summary.metrics.values
    assert values["average_planned_rr"] == D("3")
    assert values["average_r_multiple"] == D("1")
    assert values["win_rate"] == D("0.5")
    assert values["payoff_ratio"] == D("3") and values["profit_factor"] == D("3")
    assert rows(summary.to_dict(), "side") == [("short", 2, "8")]


def test_trade_closed_days_after_entry_counts_once_on_exit_day(
        logs: Path, make_tracker: MakeTracker) -> None:
    """T entered Mon 2026-03-02T14:00Z (open line in 03-02.jsonl), closed Thu 03-05T15:00Z
    (closed line, same order_id, in 03-05.jsonl); net +9; F files exist 03-01 .. 03-07.

    weekly W10: one closed trade (the open line is superseded), no open position,
      daily series only 03-05; hold = 3 d 1 h = 3 x 86400 + 3600 = 262800 s; superseded 1.
    daily 03-05: the closed line alone -> 1 closed.
    daily 03-02: the exit file is not among the files this window reads, the entry line is the
      latest it sees -> 0 closed, 1 open position aged 03-03T00:00 - 03-02T14:00 = 10 h = 36000 s,
      empty code only_open_trades.
    daily 03-04: reads the exit file; T closed after this window ended -> open at its end, aged
      03-05T00:00 - 03-02T14:00 = 2 d 10 h = 208800 s.
    """
    for day in range(1, 8):
        write_log(logs, f"2026-03-0{day}")
    write_log(logs, "2026-03-02", opened("T", "2026-03-02T14:00:00Z"))
    write_log(logs, "2026-03-05", trade("T", entry="2026-03-02T14:00:00Z",
                                        exit="2026-03-05T15:00:00Z", outcome="win", net="9"))
    tracker = make_tracker()

    weekly = tracker.get_summary("weekly", on=MON)
    assert weekly.metrics.values["closed_trades"] == 1
    assert weekly.metrics.values["open_trades"] == 0
    assert weekly.metrics.values["net_profit_loss"] == D("9")
    assert weekly.metrics.values["average_hold_seconds"] == D("262800")
    document = weekly.to_dict()
    assert [row["date"] for row in document["daily"]] == ["2026-03-05"]
    assert document["data_quality"]["superseded"] == 1

    exit_day = tracker.get_summary("daily", on=date(2026, 3, 5))
    assert exit_day.metrics.values["closed_trades"] == 1
    assert exit_day.metrics.values["open_trades"] == 0

    entry_day = tracker.get_summary("daily", on=MON)
    assert entry_day.metrics.values["closed_trades"] == 0
    assert entry_day.empty is not None and entry_day.empty.code == "only_open_trades"
    assert [(p.order_id, p.age_seconds) for p in entry_day.open_positions] == [("T", 36000)]

    day_before_exit = tracker.get_summary("daily", on=date(2026, 3, 4))
    assert day_before_exit.metrics.values["closed_trades"] == 0
    assert [(p.order_id, p.age_seconds) for p in day_before_exit.open_positions] == [("T", 208800)]


def test_daily_window_reads_its_dates_plus_one_day_each_side(
        logs: Path, make_tracker: MakeTracker) -> None:
    """README "Files read": the window's dates plus one day each side.

    Daily 2026-03-02 in UTC -> files 03-01, 03-02, 03-03 (not 03-04), given files 02-28 .. 03-05.
    """
    for day in ("2026-02-28", "2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04",
                "2026-03-05"):
        write_log(logs, day)
    summary = daily(make_tracker, MON)
    assert summary.to_dict()["data_quality"]["files_read"] == [
        "2026-03-01.jsonl", "2026-03-02.jsonl", "2026-03-03.jsonl"]


# --------------------------------------------------------------------------- time zones and DST


def test_dst_spring_forward_day_new_york(logs: Path, make_tracker: MakeTracker) -> None:
    """America/New_York 2026-03-08 has 23 hours: [03-08T05:00Z (00:00 EST), 03-09T04:00Z (00:00 EDT)).

    OUT1 03-08T04:30Z = 03-07 23:30 EST -> 03-07          net 100
    IN1  03-08T05:00Z = 03-08 00:00 EST -> in             net 1
    IN2  03-09T03:30Z = 03-08 23:30 EDT -> in             net 2
    OUT2 03-09T04:00Z = 03-09 00:00 EDT -> 03-09 (entered the same instant) net 1000
    OPEN entered 03-08T12:00Z, still open -> age to as_of 03-09T04:00Z = 16 h = 57600 s
    daily 03-08: closed 2, net 1 + 2 = 3; daily 03-07: net 100; daily 03-09: net 1000.
    """
    write_events(
        logs,
        closed("OUT1", "2026-03-08T04:30:00Z", "win", "100"),
        closed("IN1", "2026-03-08T05:00:00Z", "win", "1"),
        opened("OPEN", "2026-03-08T12:00:00Z"),
        closed("IN2", "2026-03-09T03:30:00Z", "win", "2"),
        closed("OUT2", "2026-03-09T04:00:00Z", "win", "1000", hold_minutes=0),
    )
    tracker = make_tracker(timezone="America/New_York")
    summary = tracker.get_summary("daily", on=date(2026, 3, 8))
    assert summary.metrics.values["closed_trades"] == 2
    assert summary.metrics.values["net_profit_loss"] == D("3")
    document = summary.to_dict()
    assert document["timezone"] == "America/New_York"
    assert document["as_of"] == "2026-03-09T04:00:00Z"
    assert [(p["order_id"], p["age_seconds"]) for p in document["open_positions"]] == [
        ("OPEN", 57600)]
    assert tracker.get_summary("daily", on=date(2026, 3, 7)).metrics.values[
        "net_profit_loss"] == D("100")
    assert tracker.get_summary("daily", on=date(2026, 3, 9)).metrics.values[
        "net_profit_loss"] == D("1000")


def test_dst_fall_back_day_new_york(logs: Path, make_tracker: MakeTracker) -> None:
    """America/New_York 2026-11-01 has 25 hours: [11-01T04:00Z (00:00 EDT), 11-02T05:00Z (00:00 EST)).

    OUT1 11-01T03:59:59Z = 10-31 23:59:59 EDT -> out     net 100
    IN1  11-01T04:00:00Z = 11-01 00:00 EDT    -> in      net 1
    IN2  11-01T05:30:00Z = 01:30 EDT (first)  -> in      net 2
    IN3  11-01T06:30:00Z = 01:30 EST (second) -> in      net 4
    IN4  11-02T04:59:59Z = 11-01 23:59:59 EST -> in      net 8
    OUT2 11-02T05:00:00Z = 11-02 00:00 EST    -> out     net 1000 (entered the same instant)
    closed 4, net 1+2+4+8 = 15; files in the window's dates: only 11-01 -> trading_days 1,
    trades_per_day 4/1 = 4; with the clock at 2026-12-01 the day is over, so
    as_of = end of the local day = 11-02T05:00:00Z.
    """
    write_events(
        logs,
        closed("OUT1", "2026-11-01T03:59:59Z", "win", "100"),
        closed("IN1", "2026-11-01T04:00:00Z", "win", "1"),
        closed("IN2", "2026-11-01T05:30:00Z", "win", "2"),
        closed("IN3", "2026-11-01T06:30:00Z", "win", "4"),
        closed("IN4", "2026-11-02T04:59:59Z", "win", "8"),
        closed("OUT2", "2026-11-02T05:00:00Z", "win", "1000", hold_minutes=0),
    )
    tracker = make_tracker(timezone="America/New_York", clock=fixed_clock("2026-12-01T00:00:00Z"))
    summary = tracker.get_summary("daily", on=date(2026, 11, 1))
    values = summary.metrics.values
    assert values["closed_trades"] == 4
    assert values["net_profit_loss"] == D("15")
    assert values["trading_days"] == 1
    assert values["trades_per_day"] == D("4")
    document = summary.to_dict()
    assert document["as_of"] == "2026-11-02T05:00:00Z"
    assert [row["date"] for row in document["daily"]] == ["2026-11-01"]


def test_timezone_moves_trades_across_midnight(logs: Path, make_tracker: MakeTracker) -> None:
    """X at 2026-03-02T02:00Z = 2026-03-01 21:00 EST; Y at 2026-03-03T03:00Z = 2026-03-02 22:00 EST.

    New York: daily 03-01 = {X} net 5; daily 03-02 = {Y} net 7 (X excluded, Y included from the
    03-03 file).  UTC: daily 03-02 = {X} net 5.
    """
    write_events(logs, closed("X", "2026-03-02T02:00:00Z", "win", "5"),
                 closed("Y", "2026-03-03T03:00:00Z", "win", "7"))
    new_york = make_tracker(timezone="America/New_York")
    first = new_york.get_summary("daily", on=date(2026, 3, 1))
    assert first.metrics.values["closed_trades"] == 1
    assert first.metrics.values["net_profit_loss"] == D("5")
    second = new_york.get_summary("daily", on=MON)
    assert second.metrics.values["closed_trades"] == 1
    assert second.metrics.values["net_profit_loss"] == D("7")
    assert second.to_dict()["largest_win"]["order_id"] == "Y"
    utc = daily(make_tracker, MON)
    assert utc.metrics.values["net_profit_loss"] == D("5")
    assert utc.to_dict()["largest_win"]["order_id"] == "X"


def test_timezone_shift_empty_reason(logs: Path, make_tracker: MakeTracker) -> None:
    """Only X at 2026-03-02T02:00Z (03-01 21:00 EST): daily 03-02 in New York is empty with code
    timezone_shift (the trade's UTC date is 03-02 but it falls on 03-01 locally)."""
    write_events(logs, closed("X", "2026-03-02T02:00:00Z", "win", "5"))
    summary = make_tracker(timezone="America/New_York").get_summary("daily", on=MON)
    assert summary.metrics.values["closed_trades"] == 0
    assert summary.metrics.values["win_rate"] is None
    assert summary.empty is not None and summary.empty.code == "timezone_shift"
    assert summary.to_dict()["empty_reason"]["code"] == "timezone_shift"


# --------------------------------------------------------------------------- windows


def test_weekly_window_is_iso_monday_to_sunday(logs: Path, make_tracker: MakeTracker) -> None:
    """--date Wed 2026-03-04 -> 2026-W10 = Mon 03-02 .. Sun 03-08.

    Sun 03-01 +100 (out), Mon 03-02 +1 (in), Sun 03-08T23:30Z +2 (in), Mon 03-09 +1000 (out)
    closed 2, net 3; anchoring on Sunday 03-08 gives the same week; Monday 03-09 the next one.
    """
    write_events(
        logs,
        closed("A", "2026-03-01T12:00:00Z", "win", "100"),
        closed("B", "2026-03-02T00:30:00Z", "win", "1"),
        closed("C", "2026-03-08T23:30:00Z", "win", "2"),
        closed("E", "2026-03-09T12:00:00Z", "win", "1000"),
    )
    tracker = make_tracker()
    summary = tracker.get_summary("weekly", on=date(2026, 3, 4))
    assert summary.metrics.values["closed_trades"] == 2
    assert summary.metrics.values["net_profit_loss"] == D("3")
    assert summary.to_dict()["period"] == {"label": "2026-W10", "start": "2026-03-02",
                                           "end": "2026-03-08", "complete": True,
                                           "trades_requested": None}
    assert tracker.get_summary("weekly", on=date(2026, 3, 8)).metrics.values[
        "net_profit_loss"] == D("3")
    assert tracker.get_summary("weekly", on=date(2026, 3, 9)).metrics.values[
        "net_profit_loss"] == D("1000")


def test_monthly_window_is_the_calendar_month(logs: Path, make_tracker: MakeTracker) -> None:
    """--date 2026-02-15 -> 2026-02-01 .. 2026-02-28 (2026 is not a leap year).

    01-31 +100 (out), 02-01 +1 (in), 02-28 +2 (in), 03-01 +1000 (out): closed 2, net 3.
    """
    write_events(
        logs,
        closed("A", "2026-01-31T23:00:00Z", "win", "100"),
        closed("B", "2026-02-01T10:00:00Z", "win", "1"),
        closed("C", "2026-02-28T23:00:00Z", "win", "2"),
        closed("E", "2026-03-01T01:00:00Z", "win", "1000"),
    )
    summary = make_tracker().get_summary("monthly", on=date(2026, 2, 15))
    assert summary.metrics.values["closed_trades"] == 2
    assert summary.metrics.values["net_profit_loss"] == D("3")
    period = summary.to_dict()["period"]
    assert (period["label"], period["start"], period["end"]) == ("2026-02", "2026-02-01",
                                                                 "2026-02-28")


def test_range_window_is_inclusive(logs: Path, make_tracker: MakeTracker) -> None:
    """Range 2026-03-03 .. 2026-03-05 inclusive.

    03-02 +100 (out), 03-03 +1 (in), 03-05 +2 (in), 03-06 +1000 (out): closed 2, net 3;
    trading_days: files 03-03, 03-05 -> 2; trades_per_day 2/2 = 1; missing 03-04.
    """
    write_events(
        logs,
        closed("A", "2026-03-02T12:00:00Z", "win", "100"),
        closed("B", "2026-03-03T12:00:00Z", "win", "1"),
        closed("C", "2026-03-05T12:00:00Z", "win", "2"),
        closed("E", "2026-03-06T12:00:00Z", "win", "1000"),
    )
    summary = make_tracker().get_summary("range", date(2026, 3, 3), date(2026, 3, 5))
    values = summary.metrics.values
    assert values["closed_trades"] == 2
    assert values["net_profit_loss"] == D("3")
    assert values["trading_days"] == 2
    assert values["trades_per_day"] == 1
    document = summary.to_dict()
    assert document["period"]["label"] == "2026-03-03..2026-03-05"
    assert document["data_quality"]["files_missing"] == ["2026-03-04"]


def _rolling_logs(logs: Path) -> None:
    write_events(
        logs,
        closed("A", "2026-03-02T10:00:00Z", "win", "1"),
        closed("B", "2026-03-02T11:00:00Z", "win", "2"),
        closed("C", "2026-03-03T10:00:00Z", "loss", "-4"),
        opened("O", "2026-03-04T09:00:00Z"),
        closed("D", "2026-03-04T10:00:00Z", "win", "8"),
        closed("E", "2026-03-05T10:00:00Z", "win", "16"),
    )


def test_rolling_window_takes_the_last_n_closed_trades(logs: Path, make_tracker: MakeTracker) -> None:
    """Closed: A +1 (03-02), B +2 (03-02), C -4 (03-03), D +8 (03-04), E +16 (03-05); O open 03-04.

    rolling 3 to the end of 2026-03-04: E is after the date -> last 3 of A..D = B, C, D
    net = 2 - 4 + 8 = 6; wins 2, losses 1; start = B's day 03-02; complete (3 found);
    trading days 03-02, 03-03, 03-04 = 3 -> trades_per_day 3/3 = 1; open position O.
    """
    _rolling_logs(logs)
    summary = make_tracker().get_summary("rolling", on=date(2026, 3, 4), trades=3)
    values = summary.metrics.values
    assert values["closed_trades"] == 3
    assert values["net_profit_loss"] == D("6")
    assert (values["wins"], values["losses"]) == (2, 1)
    assert values["trading_days"] == 3
    assert values["trades_per_day"] == 1
    assert [p.order_id for p in summary.open_positions] == ["O"]
    document = summary.to_dict()
    assert document["period"] == {"label": "last 3 closed trades to 2026-03-04",
                                  "start": "2026-03-02", "end": "2026-03-04", "complete": True,
                                  "trades_requested": 3}
    assert document["largest_loss"]["order_id"] == "C"


def test_rolling_window_incomplete_when_fewer_trades(logs: Path, make_tracker: MakeTracker) -> None:
    """rolling 10 to 2026-03-04: only A, B, C, D exist by then -> 4 trades, net 1+2-4+8 = 7,
    complete false, start 03-02."""
    _rolling_logs(logs)
    summary = make_tracker().get_summary("rolling", on=date(2026, 3, 4), trades=10)
    assert summary.metrics.values["closed_trades"] == 4
    assert summary.metrics.values["net_profit_loss"] == D("7")
    period = summary.to_dict()["period"]
    assert period["complete"] is False
    assert (period["start"], period["trades_requested"]) == ("2026-03-02", 10)


def test_rolling_window_excludes_a_trade_at_the_next_midnight(
        logs: Path, make_tracker: MakeTracker) -> None:
    """rolling 1 to the end of 2026-03-02 (UTC): A closes 03-02T10:00Z (+5), B closes exactly at
    2026-03-03T00:00:00Z (+7), which is on 03-03, after the end of --date.

    The last closed trade up to the end of 03-02 is A: net 5, start = end = 2026-03-02.
    """
    write_events(logs, closed("A", "2026-03-02T10:00:00Z", "win", "5"),
                 closed("B", "2026-03-03T00:00:00Z", "win", "7"))
    summary = make_tracker().get_summary("rolling", on=MON, trades=1)
    assert summary.metrics.values["net_profit_loss"] == D("5")
    assert summary.to_dict()["period"]["start"] == "2026-03-02"
