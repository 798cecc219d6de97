"""The metric catalogue: every figure the package reports or judges, declared once.

Each :class:`Metric` says what a figure is called in JSON, CSV and targets (``name``), how a
person reads it (``label``, and the shorter column headers), what kind of number it is (money, a
rate, a count, a duration or a ratio: that alone decides how it is formatted and in which unit a
target for it is written), which direction is better, and what it means.  Text and Markdown
labels, number formats, comparison rows, the target metric table (``alerting.model``) and the
schema check are derived from here, so adding a metric over existing state touches this table
(and a view at the end, if a comparison table should show it), its computation, the schema and
the tests, and nothing else.

Computation is not here: :func:`~trading_bot.performance.core.metrics.core_metrics` computes the
``ROW`` metrics from a row's additive state, :attr:`PerformanceSummary.metrics` adds the
``WINDOW`` ones, and the alert engine measures the ``HEALTH`` ones.  Tests check that each
produces exactly the names declared here.  The JSON and CSV list metrics in computation order
(the order those functions fill them in, which the golden files pin); people read them in the
order of :data:`CATALOGUE`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, NamedTuple

Kind = Literal["money", "rate", "count", "duration", "ratio"]
MONEY: Kind = "money"
RATE: Kind = "rate"          # a fraction 0..1, shown as a percentage
COUNT: Kind = "count"
DURATION: Kind = "duration"  # seconds, shown as "3h 05m"
RATIO: Kind = "ratio"

Direction = Literal["higher", "lower"]
HIGHER: Direction = "higher"
LOWER: Direction = "lower"

Scope = Literal["row", "window", "account", "health"]
#: Computed for every row: the whole window, each breakdown row, each day, each CSV line.
ROW: Scope = "row"
#: Computed for the window as a whole (drawdown, streaks, days, open trades).
WINDOW: Scope = "window"
#: Relative to the account size (``--starting-balance``): the JSON ``account`` block, computed by
#: :func:`~trading_bot.performance.core.ratios.account_ratios`; null without a balance.
ACCOUNT: Scope = "account"
#: Measured on the log files, not on trades; judged by data-health rules, never in a summary.
HEALTH: Scope = "health"

#: The unit a target for a metric of each kind is written in (``config/dashboard-targets.yaml``):
#: rates as percentages (60 means 0.6), durations in seconds, the rest as they are.
TARGET_UNITS: Mapping[Kind, str] = {
    RATE: "percent", MONEY: "money", RATIO: "ratio", COUNT: "count", DURATION: "seconds",
}


class Metric(NamedTuple):
    """One figure: its names, its kind, its better direction and its definition.

    ``header`` is the column header in breakdown tables (default: ``label``) and ``narrow`` the
    header in the 80-column terminal tables (default: ``header``).  ``better`` is None where
    neither direction is good in itself (a count of breakevens, a hold time).

    A NamedTuple rather than the house's frozen dataclass: every run imports the catalogues, and
    defining a dataclass of this size costs about 0.7 ms against 0.13 ms for a NamedTuple
    (measured in a fresh interpreter, byte-compiled); both are immutable values.
    """

    name: str
    label: str
    kind: Kind
    better: Direction | None
    definition: str
    scope: Scope = ROW
    header: str = ""
    narrow: str = ""

    @property
    def column(self) -> str:
        return self.header or self.label

    @property
    def narrow_column(self) -> str:
        return self.narrow or self.column

    @property
    def target_unit(self) -> str:
        """How a target level for this metric is written in the targets file."""
        return TARGET_UNITS[self.kind]


#: Every metric, in the order people read them (the metrics table of the text and Markdown
#: reports); the data-health measures come last.
CATALOGUE: tuple[Metric, ...] = (
    Metric("closed_trades", "Closed trades", COUNT, HIGHER,
           "Trades realized in the window with outcome win, loss or breakeven."),
    Metric("open_trades", "Open trades", COUNT, None,
           "Trades whose latest line is open at the evaluation instant.", WINDOW),
    Metric("wins", "Wins", COUNT, HIGHER, "Closed trades with outcome win."),
    Metric("losses", "Losses", COUNT, LOWER, "Closed trades with outcome loss."),
    Metric("breakevens", "Breakevens", COUNT, None, "Closed trades with outcome breakeven."),
    Metric("win_rate", "Win rate (breakevens in denominator)", RATE, HIGHER,
           "Wins / closed trades: a breakeven counts in the denominator, not as a win.",
           header="Win rate"),
    Metric("decided_win_rate", "Decided win rate (excl. breakevens)", RATE, HIGHER,
           "Wins / (wins + losses): breakevens left out."),
    Metric("net_profit_loss", "Net P&L", MONEY, HIGHER,
           "Sum of net_profit_loss (else profit_loss - commission) of the closed trades."),
    Metric("gross_profit", "Gross profit", MONEY, HIGHER,
           "Sum of the net P&L of the winning trades (by outcome)."),
    Metric("gross_loss", "Gross loss", MONEY, HIGHER,
           "Sum of the net P&L of the losing trades (by outcome); zero or negative."),
    Metric("commission", "Commission", MONEY, LOWER, "Sum of commission of the closed trades."),
    Metric("average_commission", "Average commission per trade", MONEY, LOWER,
           "Commission / closed trades: what fees cost per trade, the first suspect when LIVE "
           "earns less than PAPER."),
    Metric("average_win", "Average win", MONEY, HIGHER, "Gross profit / wins."),
    Metric("average_loss", "Average loss", MONEY, HIGHER, "Gross loss / losses; negative."),
    Metric("payoff_ratio", "Payoff ratio", RATIO, HIGHER, "Average win / |average loss|."),
    Metric("profit_factor", "Profit factor", RATIO, HIGHER,
           "Gross profit / |gross loss|; undefined without losses.", narrow="PF"),
    Metric("expectancy", "Expectancy per trade", MONEY, HIGHER, "Net P&L / closed trades.",
           header="Expectancy", narrow="Expect."),
    Metric("max_drawdown", "Max drawdown", MONEY, HIGHER,
           "Deepest peak-to-trough fall of cumulative realized net P&L within the window, from "
           "0 at its start; zero or negative.", WINDOW),
    Metric("current_drawdown", "Current drawdown", MONEY, HIGHER,
           "How far the window's end sits below its peak; zero or negative.", WINDOW),
    Metric("longest_win_streak", "Longest win streak", COUNT, HIGHER,
           "Most consecutive wins in realization order; a breakeven ends a streak.", WINDOW),
    Metric("longest_loss_streak", "Longest loss streak", COUNT, LOWER,
           "Most consecutive losses in realization order; a breakeven ends a streak.", WINDOW),
    Metric("average_planned_rr", "Average planned R:R", RATIO, HIGHER,
           "Mean of risk_reward_ratio, else (target - price) / (price - stop_loss), mirrored "
           "for shorts; plans with a stop or target on the wrong side are left out."),
    Metric("average_r_multiple", "Average realized R-multiple", RATIO, HIGHER,
           "Mean of net P&L / (|price - stop_loss| x quantity) over trades with a stop.",
           header="Avg R"),
    Metric("average_hold_seconds", "Average hold", DURATION, None,
           "Mean hold_duration_seconds (else exit - entry) of the closed trades."),
    Metric("average_win_hold_seconds", "Average hold (winners)", DURATION, None,
           "Mean hold time of the winning trades."),
    Metric("average_loss_hold_seconds", "Average hold (losers)", DURATION, None,
           "Mean hold time of the losing trades."),
    Metric("trades_per_day", "Trades per trading day", RATIO, None,
           "Closed trades / days of the window with a log file.", WINDOW),
    Metric("trading_days", "Trading days (with a log file)", COUNT, None,
           "Days of the window with a log file.", WINDOW),
    Metric("winning_days", "Winning days", COUNT, HIGHER,
           "Local days with a positive net P&L.", WINDOW),
    Metric("losing_days", "Losing days", COUNT, LOWER,
           "Local days with a negative net P&L.", WINDOW),
    Metric("return_on_starting_balance", "Return on starting balance", RATE, HIGHER,
           "Net P&L / starting balance (freqtrade's profit_total).", ACCOUNT, header="Return"),
    Metric("final_balance", "Final balance", MONEY, HIGHER,
           "Starting balance + net P&L of the window.", ACCOUNT),
    Metric("max_drawdown_account", "Max drawdown (of account)", RATE, LOWER,
           "The deepest money drawdown (max_drawdown) / (starting balance + cumulative P&L at "
           "its peak): freqtrade's max_drawdown_account; 0 without a drawdown.", ACCOUNT),
    Metric("max_relative_drawdown", "Largest relative drawdown", RATE, LOWER,
           "max over trades of (peak - cumulative) / (starting balance + peak), peak from 0: "
           "freqtrade's max_relative_drawdown; needs every trade of the window in order (up to "
           "1,000).", ACCOUNT),
    Metric("cagr", "CAGR", RATE, HIGHER,
           "(final balance / starting balance)^(365 / D) - 1, D = end date - start date (at "
           "least 1); null when the final balance is below zero.", ACCOUNT),
    Metric("sharpe", "Sharpe ratio", RATIO, HIGHER,
           "(R / D) / population std of per-trade returns net / starting balance x sqrt(365), "
           "R = net P&L / starting balance (freqtrade, per trade, no daily resampling).",
           ACCOUNT),
    Metric("sortino", "Sortino ratio", RATIO, HIGHER,
           "(R / D) / population std of the returns of the trades with net < 0 x sqrt(365) "
           "(freqtrade).", ACCOUNT),
    Metric("calmar", "Calmar ratio", RATIO, HIGHER,
           "(100 x R / D) / max_drawdown_account x sqrt(365) (freqtrade, with its x100).",
           ACCOUNT),
    Metric("sqn", "SQN", RATIO, HIGHER,
           "sqrt(n) x mean / sample std of per-trade returns, rounded to 4 decimals "
           "(freqtrade).", ACCOUNT),
    Metric("expectancy_ratio", "Expectancy ratio", RATIO, HIGHER,
           "(1 + mean win / mean |loss|) x winners / n - 1, winners and losers by the sign of "
           "net P&L (freqtrade).", ACCOUNT),
    Metric("missing_log_file", "Missing log file", COUNT, LOWER,
           "Completed trading days of the window (by the targets' calendar) without a log "
           "file.", HEALTH),
    Metric("stale_log", "Stale log", DURATION, LOWER,
           "Time since the newest log line was written, judged while the market is open.",
           HEALTH),
    Metric("bad_line_rate", "Bad line rate", RATE, LOWER,
           "Bad lines / lines read.", HEALTH),
    Metric("stale_positions", "Stale positions", COUNT, LOWER,
           "Open positions older than the stale age (data_health.stale_positions.after, "
           "--stale-after; default 7d): usually entries whose exits were never logged.", HEALTH),
)

BY_NAME: Mapping[str, Metric] = {metric.name: metric for metric in CATALOGUE}
if len(BY_NAME) != len(CATALOGUE):
    raise ValueError("a metric is declared twice in the catalogue")
#: What a summary reports (JSON ``metrics``, the metrics table), in reading order.
SUMMARY_METRICS: tuple[Metric, ...] = tuple(m for m in CATALOGUE if m.scope in (ROW, WINDOW))
#: What the JSON ``account`` block reports, in reading order (also its computation order).
ACCOUNT_METRICS: tuple[Metric, ...] = tuple(m for m in CATALOGUE if m.scope == ACCOUNT)
#: What every row reports (breakdown rows, days, CSV columns), in reading order.
ROW_METRICS: tuple[Metric, ...] = tuple(m for m in CATALOGUE if m.scope == ROW)


def metric(name: str) -> Metric:
    """The catalogue entry of ``name``; a KeyError names a metric that was never declared."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"{name!r} is not in the metric catalogue") from None


def _view(*names: str) -> tuple[Metric, ...]:
    return tuple(metric(name) for name in names)


# Views: which metrics a table shows, in its own order.  A view names catalogue entries; their
# labels and formats still come from the entries.

#: Rows of the side-by-side comparison tables (strategy A/B, PAPER vs LIVE).
COMPARISON_ROWS: tuple[Metric, ...] = _view(
    "win_rate", "expectancy", "profit_factor", "payoff_ratio", "average_win", "average_loss",
    "average_planned_rr", "average_r_multiple", "average_hold_seconds", "commission",
    "average_commission", "net_profit_loss",
)
#: Columns of a ranked breakdown table after its key and ``n`` (Markdown).
BREAKDOWN_COLUMNS: tuple[Metric, ...] = _view(
    "win_rate", "expectancy", "profit_factor", "average_r_multiple", "net_profit_loss",
)
#: The same for the 80-column terminal report, which has no room for the R-multiple.
NARROW_BREAKDOWN_COLUMNS: tuple[Metric, ...] = tuple(
    m for m in BREAKDOWN_COLUMNS if m.name != "average_r_multiple")
#: The metrics the weekly and monthly review compares with the previous period.
HEADLINE: tuple[Metric, ...] = _view(
    "net_profit_loss", "closed_trades", "win_rate", "expectancy", "profit_factor", "max_drawdown",
)
