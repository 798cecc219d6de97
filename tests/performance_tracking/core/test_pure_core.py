"""The pure core on hand-built values: ``core_metrics`` on CoreStats, ``fold`` and the merges on
ClosedTrades, and ``trade_groups`` through the dimension catalogue.

No files and no reader here: every input is written out and every expected value is worked out
by hand in the docstring, so a failure points at the arithmetic, not at parsing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal as D

import pytest

from trading_bot.performance.core import dimensions
from trading_bot.performance.core.aggregate import (
    EMPTY_AGGREGATE,
    EMPTY_CORE,
    ClosedTrade,
    CoreStats,
    Drawdown,
    Streaks,
    fold,
    fold_by_day,
    merge_all,
    trade_groups,
)
from trading_bot.performance.core.dimensions import MISSING_FIELD, NO_VALUE, Dimension, TradeFields
from trading_bot.performance.core.metrics import NO_CLOSED, core_metrics

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def closed(line: int, outcome: str, net: str, *, minutes: int = 0, day: date | None = None,
           commission: str = "1", hold: str | None = "600", rr: str | None = None,
           r: str | None = None, strategy: str = "alpha", side: str = "long",
           mode: str = "PAPER", indicators: tuple[str, ...] = ()) -> ClosedTrade:
    """A closed trade ``minutes`` after START (file f.jsonl, line ``line``)."""
    instant = START + timedelta(minutes=minutes)
    groups = trade_groups(strategy, "AAPL", "market", side, mode, "target hit", indicators, {}, ())
    return ClosedTrade(
        key=(instant, "f.jsonl", line), local_day=day or instant.date(), order_id=f"O{line}",
        symbol="AAPL", outcome=outcome, net=D(net), commission=D(commission),
        hold_seconds=None if hold is None else D(hold), planned_rr=None if rr is None else D(rr),
        r_multiple=None if r is None else D(r), groups=groups)


# --------------------------------------------------------------------------- core_metrics


def test_core_metrics_of_hand_built_stats() -> None:
    """closed 5 = 3 wins + 1 loss + 1 breakeven; gross +90 / -30; net 60; commission 2.5.

    win_rate 3/5 = 0.6; decided 3/4 = 0.75; average win 90/3 = 30; average loss -30/1 = -30;
    payoff 30/30 = 1; profit factor 90/30 = 3; expectancy 60/5 = 12; average commission
    2.5/5 = 0.5; hold 3000/5 = 600, winners 1500/3 = 500, losers 900/1 = 900; planned R:R
    6/3 = 2; R-multiple 1.5/2 = 0.75.
    """
    stats = CoreStats(closed=5, wins=3, losses=1, breakevens=1, net=D("60"),
                      gross_profit=D("90"), gross_loss=D("-30"), commission=D("2.5"),
                      hold_sum=D("3000"), hold_count=5, win_hold_sum=D("1500"), win_hold_count=3,
                      loss_hold_sum=D("900"), loss_hold_count=1, rr_sum=D("6"), rr_count=3,
                      r_sum=D("1.5"), r_count=2)
    result = core_metrics(stats)
    assert result.null_reasons == {}
    assert dict(result.values) == {
        "closed_trades": 5, "wins": 3, "losses": 1, "breakevens": 1,
        "net_profit_loss": D("60"), "gross_profit": D("90"), "gross_loss": D("-30"),
        "commission": D("2.5"), "win_rate": D("0.6"), "decided_win_rate": D("0.75"),
        "average_win": D("30"), "average_loss": D("-30"), "payoff_ratio": D("1"),
        "profit_factor": D("3"), "expectancy": D("12"), "average_commission": D("0.5"),
        "average_hold_seconds": D("600"), "average_win_hold_seconds": D("500"),
        "average_loss_hold_seconds": D("900"), "average_planned_rr": D("2"),
        "average_r_multiple": D("0.75"),
    }


def test_core_metrics_of_nothing_are_null_with_reasons_never_zero() -> None:
    result = core_metrics(EMPTY_CORE)
    values, reasons = result.values, result.null_reasons
    assert (values["closed_trades"], values["net_profit_loss"], values["commission"]) == (0, 0, 0)
    for name in ("win_rate", "decided_win_rate", "expectancy", "profit_factor",
                 "average_commission"):
        assert values[name] is None and reasons[name] == NO_CLOSED
    assert reasons["average_win"] == "no winning trades"
    assert reasons["payoff_ratio"] == "no winning trades"
    assert set(reasons) == {name for name, value in values.items() if value is None}


@pytest.mark.parametrize(("stats", "name", "reason"), [
    (CoreStats(closed=2, breakevens=2), "decided_win_rate", "no wins or losses (only breakevens)"),
    (CoreStats(closed=2, wins=2, gross_profit=D("5")), "profit_factor",
     "no losses: profit factor is undefined"),
    (CoreStats(closed=2, wins=2, gross_profit=D("5")), "payoff_ratio", "no losing trades"),
    (CoreStats(closed=2, wins=1, losses=1, gross_profit=D("5"), gross_loss=D("0")),
     "payoff_ratio", "average loss is zero"),
    (CoreStats(closed=1, wins=1), "average_hold_seconds", "no closed trade has a hold time"),
    (CoreStats(closed=1, wins=1), "average_r_multiple",
     "no trade has a stop_loss to measure initial risk"),
])
def test_each_undefined_metric_says_why(stats: CoreStats, name: str, reason: str) -> None:
    result = core_metrics(stats)
    assert result.values[name] is None and result.null_reasons[name] == reason


def test_average_commission_keeps_exact_digits() -> None:
    """1 / 3 closed trades: 34 significant digits, never a float."""
    values = core_metrics(CoreStats(closed=3, wins=3, commission=D("1"))).values
    assert values["average_commission"] == D("0.3333333333333333333333333333333333")


# --------------------------------------------------------------------------- fold and merges


def test_fold_of_hand_built_trades() -> None:
    """W +10, L -4, L -8, B 0, W +5 (commission 1 each, hold 600 each), one day.

    core: closed 5, wins 2, losses 2, breakevens 1, net 3, gross +15 / -12, commission 5.
    cumulative: 10, 6, -2, -2, 3 -> peak 10 after W1, trough -2 after L3: max drawdown 12,
    current = peak 10 - total 3 = 7.  Streaks: W L L B W -> longest win 1, longest loss 2,
    first run W x1, last run W x1.  Largest win W1 (+10), largest loss L3 (-8).
    """
    trades = [closed(1, "win", "10"), closed(2, "loss", "-4", minutes=1),
              closed(3, "loss", "-8", minutes=2), closed(4, "breakeven", "0", minutes=3),
              closed(5, "win", "5", minutes=4)]
    aggregate = fold(trades)
    core = aggregate.core
    assert (core.closed, core.wins, core.losses, core.breakevens) == (5, 2, 2, 1)
    assert (core.net, core.gross_profit, core.gross_loss, core.commission) == (
        D(3), D(15), D(-12), D(5))
    assert (core.hold_sum, core.hold_count, core.win_hold_count, core.loss_hold_count) == (
        D(3000), 5, 2, 2)
    drawdown = aggregate.drawdown
    assert (drawdown.max_drawdown, drawdown.current, drawdown.total) == (D(12), D(7), D(3))
    assert drawdown.max_peak_key == trades[0].key and drawdown.max_trough_key == trades[2].key
    assert aggregate.streaks == Streaks(count=5, first_kind="win", first_length=1,
                                        last_kind="win", last_length=1, longest_win=1,
                                        longest_loss=2)
    assert aggregate.largest_win is not None and aggregate.largest_win.order_id == "O1"
    assert aggregate.largest_loss is not None and aggregate.largest_loss.order_id == "O3"
    assert aggregate.day_stats == {START.date(): core}
    assert aggregate.tail == tuple(trades)


def test_merge_of_two_folds_equals_the_fold_of_both() -> None:
    """[W +10, L -4] then [L -8, W +5]: the two losses join across the boundary into a streak
    of 2, and the trough lies in the later span (cumulative 10, 6 | -2, 3): max drawdown 12
    from the first span's peak."""
    first = [closed(1, "win", "10"), closed(2, "loss", "-4", minutes=1)]
    second = [closed(3, "loss", "-8", minutes=2), closed(4, "win", "5", minutes=3)]
    merged = fold(first).merge(fold(second))
    assert merged == fold(first + second)
    assert merged.streaks.longest_loss == 2
    assert merged.drawdown.max_drawdown == 12
    assert merged.drawdown.max_peak_key == first[0].key
    assert merged.drawdown.max_trough_key == second[0].key
    assert EMPTY_AGGREGATE.merge(merged) == merged == merged.merge(EMPTY_AGGREGATE)


def test_merge_keeps_the_last_trades_of_the_tail() -> None:
    trades = [closed(line, "win", "1", minutes=line) for line in range(1, 6)]
    merged = merge_all([fold(trades[:3], tail_size=2), fold(trades[3:], tail_size=2)], tail_size=2)
    assert merged.tail == tuple(trades[3:])


def test_fold_by_day_then_merge_equals_fold() -> None:
    monday, tuesday = date(2026, 3, 2), date(2026, 3, 3)
    trades = [closed(1, "win", "3", day=monday), closed(2, "loss", "-5", minutes=1, day=monday),
              closed(3, "loss", "-1", minutes=2, day=tuesday)]
    by_day = fold_by_day(trades)
    assert list(by_day) == [monday, tuesday]
    assert merge_all(by_day.values()) == fold(trades)
    assert fold(trades).day_stats[tuesday].net == -1


def test_streak_merge_joins_runs_across_the_boundary() -> None:
    """L L | L W: the runs join into 3 losses; the first run of the whole is L x3."""
    left = Streaks(count=2, first_kind="loss", first_length=2, last_kind="loss", last_length=2,
                   longest_loss=2)
    right = Streaks(count=2, first_kind="loss", first_length=1, last_kind="win", last_length=1,
                    longest_win=1, longest_loss=1)
    merged = left.merge(right)
    assert (merged.longest_loss, merged.first_kind, merged.first_length) == (3, "loss", 3)
    assert (merged.last_kind, merged.last_length, merged.count) == ("win", 1, 4)


def test_drawdown_merge_measures_from_the_earlier_peak() -> None:
    """Span 1: +10 (peak 10, total 10).  Span 2: -4, -3 (its own low -7 after its 2nd trade).
    Merged: peak 10, trough 10 - 7 = 3, so max drawdown 7 from span 1's peak."""
    key = (START, "f", 1)
    later_key = (START + timedelta(minutes=2), "f", 3)
    earlier = Drawdown(total=D(10), peak=D(10), peak_key=key, low=D(10), low_key=key)
    later = Drawdown(total=D(-7), peak=D(0), peak_key=None, low=D(-7), low_key=later_key,
                     max_drawdown=D(7), max_peak_key=None, max_trough_key=later_key)
    merged = earlier.merge(later)
    assert merged.max_drawdown == D(7)
    assert (merged.max_peak_key, merged.max_trough_key) == (key, later_key)
    assert (merged.total, merged.current) == (D(3), D(7))


def test_breakdowns_of_a_fold_add_up_per_dimension() -> None:
    """Two strategies and two modes: non-overlapping dimensions' rows sum to the window."""
    trades = [closed(1, "win", "10", strategy="alpha", mode="LIVE", side="short"),
              closed(2, "loss", "-4", minutes=1, strategy="beta", indicators=("RSI", "MACD")),
              closed(3, "win", "2", minutes=2, strategy="alpha", indicators=("RSI",))]
    aggregate = fold(trades)
    for name, rows in aggregate.breakdown_stats.items():
        total = sum((stats.closed for stats in rows.values()), 0)
        if name in dimensions.OVERLAPPING_DIMENSIONS:
            assert total == 3          # RSI twice, MACD once; the first trade has none
        else:
            assert total == aggregate.core.closed
    assert aggregate.breakdown_stats["mode_side"]["LIVE short"].net == 10
    assert aggregate.breakdown_stats["mode_side"]["PAPER long"].net == -2


# --------------------------------------------------------------------------- dimensions


def test_trade_groups_follow_the_catalogue() -> None:
    groups = trade_groups("alpha", "BTC-USD", None, "short", "LIVE", None, ("RSI", "RSI", "MACD"),
                          {"confidence": "high", "size": 3}, ("confidence", "size", "absent"))
    assert groups == (
        ("strategy_name", "alpha"), ("symbol", "BTC-USD"), ("entry_type", NO_VALUE),
        ("side", "short"), ("execution_mode", "LIVE"), ("exit_reasoning", NO_VALUE),
        ("indicator", "RSI"), ("indicator", "MACD"), ("mode_side", "LIVE short"),
        ("entry_exit", f"{NO_VALUE} x {NO_VALUE}"), ("confidence", "high"), ("size", "3"), ("absent", MISSING_FIELD),
    )
    assert [name for name, _ in groups[:6]] == list(dimensions.BUILTIN_DIMENSIONS[:6])


def test_trade_groups_accept_any_sequence_of_indicators() -> None:
    as_list = trade_groups("a", "S", "m", "long", "PAPER", "x", ["RSI"], {}, ())
    assert as_list == trade_groups("a", "S", "m", "long", "PAPER", "x", ("RSI",), {}, ())


def test_reading_order_is_by_section_then_declaration() -> None:
    assert dimensions.READING_ORDER == (
        "strategy_name", "execution_mode", "mode_side", "symbol", "side", "entry_type",
        "exit_reasoning", "entry_exit", "weekday", "hour", "hold_time", "month", "indicator")
    assert set(dimensions.READING_ORDER) == set(dimensions.BUILTIN_DIMENSIONS)
    assert {"indicator"} == dimensions.OVERLAPPING_DIMENSIONS
    assert dimensions.label("mode_side") == "Mode and side"
    assert dimensions.label("confidence") == "Field: confidence"


def test_a_dimension_declares_exactly_one_way_to_key_a_trade() -> None:
    def first(fields: TradeFields) -> str:
        return fields.symbol

    assert dimensions.declared(Dimension("x", "X", "traded", first)) == (
        Dimension("x", "X", "traded", first),)
    with pytest.raises(ValueError, match="exactly one of key and keys"):
        dimensions.declared(Dimension("x", "X", "traded"))
    with pytest.raises(ValueError, match="exactly one of key and keys"):
        dimensions.declared(Dimension("x", "X", "traded", first, keys=lambda f: [f.symbol]))
    with pytest.raises(ValueError, match="unknown section"):
        dimensions.declared(Dimension("x", "X", "elsewhere", first))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="declared twice"):
        dimensions.declared(Dimension("x", "X", "traded", first),
                            Dimension("x", "Y", "traded", first))
