"""Account-relative figures: return on a starting balance and freqtrade's risk ratios.

Definitions follow freqtrade's backtest report exactly (``freqtrade/data/metrics.py``; see the
README's "Figures and definitions"), so an operator comparing the two sees the same numbers:

* trade returns are ``r_i = net_i / SB`` on the starting balance ``SB``; nothing is resampled by
  day;
* ``D`` = end date - start date of the window in days, at least 1;
* Sharpe and Sortino use the *population* deviation (ddof 0), Sortino over the losing trades only;
  SQN uses the *sample* deviation (ddof 1) and is rounded to 4 decimals as freqtrade rounds it.

Where freqtrade shows a sentinel for an undefined ratio (-100, 100 or 0) the figure here is None
with a reason, as every undefined metric of the package is.

Two extensions freqtrade lacks (:func:`window_ratios`): **cash flows** (the targets file's
accounts; see :mod:`.capital`), under which each trade's return is on the contributed capital of
its day, and **quantstats' daily convention** (``--ratios daily``) for Sharpe and Sortino.  Without
a cash flow inside the window and with the default convention, every figure is exactly
:func:`account_ratios`, i.e. freqtrade's.

Exactness: every figure is computed from exact Decimal sums (:class:`~trading_bot.performance.core.
aggregate.Moments`).  A deviation is ``√(nQ - S²)/n`` (population) or ``√((nQ - S²)/(n(n-1)))``
(sample) with ``S = Σx`` and ``Q = Σx²``: ``nQ - S²`` is exact, so each ratio needs one square
root (Sharpe, Sortino, Calmar, SQN) or one power (CAGR), computed by :mod:`decimal` at
:data:`ROOT_PRECISION` significant digits (the power at 50 digits, rounded to 34); the other
figures are quotients at the package's 34-digit division precision, so a ratio is good to about
33 significant digits.  Pure: no I/O.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from decimal import ROUND_HALF_EVEN, Context, Decimal

from trading_bot.performance.core.aggregate import ClosedTrade, CoreStats, Drawdown, Moments
from trading_bot.performance.core.capital import (
    DEFAULT_OPTIONS,
    AccountBasis,
    Capital,
    CashFlow,
    RatioOptions,
)
from trading_bot.performance.core.decimals import (
    DECIMAL_TEXT,
    DIVISION_CONTEXT,
    ZERO,
    divide,
    exact_sums,
)
from trading_bot.performance.errors import UsageError

#: Significant digits of square roots and of the CAGR power (IEEE decimal128, like ``divide``).
ROOT_PRECISION = 34
_ROOTS = Context(prec=ROOT_PRECISION, rounding=ROUND_HALF_EVEN)
#: Intermediate precision of the CAGR power ``exp(ln(x) · 365 / D)``, rounded once to 34 digits.
_POWER = Context(prec=ROOT_PRECISION + 16, rounding=ROUND_HALF_EVEN)
_DAYS_PER_YEAR = Decimal(365)
_SQN_PLACES = Decimal("0.0001")

#: Account metrics in computation order (the JSON order); the catalogue declares each.
RATIO_NAMES: tuple[str, ...] = (
    "return_on_starting_balance", "final_balance", "max_drawdown_account",
    "max_relative_drawdown", "cagr", "sharpe", "sortino", "calmar", "sqn", "expectancy_ratio",
)

NO_BALANCE = ("no starting balance given (--starting-balance, or accounts in the targets "
              "file)")
NO_TRADES = "no closed trades in the window"


@dataclass(frozen=True, slots=True)
class Ratios:
    """The account figures of a window: values (None when undefined) and why each None is.

    ``starting_balance`` is the contributed capital at the window's start (None: no balance
    given); ``days`` is freqtrade's ``D``.  With cash flows, ``capital_end`` is the contributed
    capital on the window's last day and ``cash_flows`` those dated inside the window; with the
    daily convention, ``periods`` is the number of daily returns the Sharpe and Sortino use.
    """

    starting_balance: Decimal | None
    days: int | None
    values: dict[str, Decimal | None]
    null_reasons: dict[str, str]
    capital_end: Decimal | None = None
    cash_flows: tuple[CashFlow, ...] = ()
    options: RatioOptions = DEFAULT_OPTIONS
    periods: int | None = None


def starting_balance_value(value: Decimal | str | int | None) -> Decimal | None:
    """The starting balance as a positive exact Decimal (None: not given), or a usage error."""
    if value is None:
        return None
    if isinstance(value, (bool, float)):
        raise UsageError(f"--starting-balance must be a decimal amount, got {value!r}")
    if isinstance(value, Decimal):
        balance = value
    else:
        text = str(value)
        if not DECIMAL_TEXT.match(text):
            raise UsageError(
                f"--starting-balance must be a decimal amount like 10000, got {text!r}")
        balance = Decimal(text)
    if not balance.is_finite() or balance <= 0:
        raise UsageError(f"--starting-balance must be above zero, got {balance}")
    return balance


def ratio_days(start: date | None, end: date) -> int:
    """freqtrade's ``D``: end date - start date in days, at least 1 (a one-day window is 1)."""
    if start is None:
        return 1
    return max(1, (end - start).days)


def account_ratios(starting_balance: Decimal | None, days: int, core: CoreStats,
                   moments: Moments, drawdown: Drawdown,
                   tail: Sequence[ClosedTrade]) -> Ratios:
    """Every account figure of a window from its merged state.

    ``tail`` is the window's most recent closed trades; the largest *relative* drawdown needs
    the whole equity path (its peak changes the denominator), so it is computed only when the
    tail holds every closed trade of the window, and is None with that reason otherwise.
    """
    values: dict[str, Decimal | None] = dict.fromkeys(RATIO_NAMES)
    reasons: dict[str, str] = {}
    if starting_balance is None:
        return Ratios(None, None, values, dict.fromkeys(RATIO_NAMES, NO_BALANCE))
    balance = starting_balance
    if balance <= 0:
        raise ValueError("the starting balance must be positive")
    n, total = core.closed, core.net
    values["return_on_starting_balance"] = divide(total, balance)
    values["final_balance"] = balance + total
    values["max_drawdown_account"] = (divide(drawdown.max_drawdown, balance + drawdown.max_peak)
                                      if drawdown.max_drawdown else ZERO)
    if len(tail) >= n:
        in_window = tail[-n:] if n else ()
        values["max_relative_drawdown"] = relative_drawdown(balance, [t.net for t in in_window])
    else:
        reasons["max_relative_drawdown"] = (
            f"the window has {n:,} closed trades and only the last {len(tail):,} are kept in "
            "order; the largest relative drawdown needs all of them")
    values["cagr"] = _cagr(balance, balance + total, days, reasons)
    if n == 0:
        for name in ("sharpe", "sortino", "calmar", "sqn", "expectancy_ratio"):
            reasons[name] = NO_TRADES
        return Ratios(balance, days, values, reasons)
    spread = n * moments.squares - total * total  # n² · population variance of net P&L
    losers = moments.negative
    loser_spread = losers * moments.negative_squares - moments.negative_sum ** 2
    d = Decimal(days)
    _sharpe_sortino(total, n, spread, losers, loser_spread, d, values, reasons)
    if drawdown.max_drawdown:
        # (100 · R / D) / max_drawdown_account · √365, with R = total / SB.
        values["calmar"] = _ROOTS.multiply(
            divide(100 * total * (balance + drawdown.max_peak),
                   balance * d * drawdown.max_drawdown),
            _ROOTS.sqrt(_DAYS_PER_YEAR))
    else:
        reasons["calmar"] = "no drawdown in the window (freqtrade shows -100)"
    if n < 2 or not spread:
        reasons["sqn"] = ("one trade has no sample deviation (freqtrade shows -100)" if n < 2 else
                          "every trade returned the same: zero spread (freqtrade shows -100)")
    else:
        # √n · mean / σ₁ = S · √((n - 1) / (nQ - S²)), rounded to 4 decimals like freqtrade.
        values["sqn"] = _ROOTS.multiply(total, _ROOTS.sqrt(divide(Decimal(n - 1), spread))
                                        ).quantize(_SQN_PLACES, rounding=ROUND_HALF_EVEN)
    if losers == 0:
        reasons["expectancy_ratio"] = "no losing trade (freqtrade shows 100)"
    else:
        # (1 + W̄/L̄) · w/n - 1 = (w·L + W·l) / (L·n) - 1 with W, L the sums of wins and |losses|.
        loss = -moments.negative_sum
        values["expectancy_ratio"] = divide(
            moments.positive * loss + moments.positive_sum * losers - loss * n, loss * n)
    return Ratios(balance, days, values, reasons)


def relative_drawdown(balance: Decimal, nets: Sequence[Decimal]) -> Decimal:
    """freqtrade's ``max_relative_drawdown``: ``max_k (peak_k - cum_k) / (SB + peak_k)``, with
    the peak starting at 0 (the starting balance)."""
    cumulative = peak = ZERO
    best = ZERO
    for net in nets:
        cumulative += net
        if cumulative > peak:
            peak = cumulative
        elif peak - cumulative:
            best = max(best, divide(peak - cumulative, balance + peak))
    return best


def _cagr(balance: Decimal, final: Decimal, days: int, reasons: dict[str, str]) -> Decimal | None:
    """``(final / SB)^(365 / D) - 1``; None when the final balance is below zero."""
    if final < 0:
        reasons["cagr"] = "the final balance is below zero (freqtrade shows 0)"
        return None
    if final == 0:
        return Decimal(-1)
    growth = _POWER.divide(final, balance)
    power = _POWER.exp(_POWER.multiply(_POWER.ln(growth), _POWER.divide(_DAYS_PER_YEAR,
                                                                        Decimal(days))))
    return _ROOTS.subtract(_ROOTS.plus(power), Decimal(1))


# --------------------------------------------------------------------------------------------
# A window's figures on its contributed capital (cash flows) and with either convention.
# --------------------------------------------------------------------------------------------

def window_ratios(basis: AccountBasis | None, start: date | None, end: date, core: CoreStats,
                  moments: Moments, drawdown: Drawdown, tail: Sequence[ClosedTrade],
                  day_nets: Mapping[date, Decimal], zone: tzinfo) -> Ratios:
    """Every account figure of a window ``start``..``end`` (local days in ``zone``).

    Without a cash flow inside the window the capital is constant and the figures are exactly
    :func:`account_ratios` on the capital at the window's start (freqtrade's definitions).
    With cash flows inside it, each trade's return is on the contributed capital of its day
    (:meth:`Capital.at`), see :func:`_with_cash_flows`.  ``day_nets`` is each local day's net
    P&L; with ``--ratios daily`` the Sharpe and Sortino ratios are quantstats' daily ones
    (:func:`_daily_ratios`), every other figure stays freqtrade's.
    """
    options = DEFAULT_OPTIONS if basis is None else basis.options
    capital = None if basis is None else basis.capital
    if capital is None:
        return Ratios(None, None, dict.fromkeys(RATIO_NAMES),
                      dict.fromkeys(RATIO_NAMES, NO_BALANCE), options=options)
    if basis is not None and basis.unavailable is not None:
        return Ratios(None, None, dict.fromkeys(RATIO_NAMES),
                      dict.fromkeys(RATIO_NAMES, basis.unavailable), options=options)
    days = ratio_days(start, end)
    first = end if start is None else start
    opening, closing = capital.at(first), capital.at(end)
    flows = capital.flows_between(first, end)
    short = [day for day in (first, *sorted(day_nets)) if capital.at(day) <= 0]
    if short:
        reason = (f"the contributed capital is not above zero on {short[0].isoformat()} "
                  f"({capital.at(short[0])}): no return can be computed on it")
        return Ratios(opening, days, dict.fromkeys(RATIO_NAMES), dict.fromkeys(RATIO_NAMES, reason),
                      closing, flows, options)
    if not flows:
        constant = account_ratios(opening, days, core, moments, drawdown, tail)
        values, reasons = dict(constant.values), dict(constant.null_reasons)
    else:
        values, reasons = _with_cash_flows(capital, first, end, days, core, moments, drawdown,
                                           tail, day_nets, zone)
    periods = None
    if options.convention == "daily":
        periods = _daily_ratios(capital, first, end, core, day_nets, options.periods_per_year,
                                values, reasons)
    return Ratios(opening, days, values, reasons, closing, flows, options, periods)


def _with_cash_flows(capital: Capital, first: date, end: date, days: int, core: CoreStats,
                     moments: Moments, drawdown: Drawdown, tail: Sequence[ClosedTrade],
                     day_nets: Mapping[date, Decimal], zone: tzinfo,
                     ) -> tuple[dict[str, Decimal | None], dict[str, str]]:
    """The figures when deposits or withdrawals fall inside the window.

    * trade return ``r_i = net_i / C(day_i)``, the contributed capital of the trade's day;
      the return is ``R = Σ r_i`` (exact from the day nets, since ``C`` changes only between
      days), CAGR ``(1 + R)^(365/D) - 1``;
    * the final balance is ``C(end) + Σ net``: the money in the account, flows included;
    * drawdowns are falls of cumulative P&L (a withdrawal is not a loss), as a fraction of the
      balance at the peak, ``C(peak day) + peak``;
    * Sharpe and Sortino need each trade's own return, so they need every trade of the window
      in order (the kept tail); SQN and the expectancy ratio are in money and do not change.
    """
    values: dict[str, Decimal | None] = dict.fromkeys(RATIO_NAMES)
    reasons: dict[str, str] = {}
    n, total = core.closed, core.net
    with exact_sums():
        summed = sum((divide(net, capital.at(day)) for day, net in sorted(day_nets.items())),
                     ZERO)
    # A sum of 34-digit quotients: digits past the 34th are their rounding noise.
    growth = DIVISION_CONTEXT.plus(summed)
    values["return_on_starting_balance"] = growth
    values["final_balance"] = capital.at(end) + total
    peak_day = (first if drawdown.max_peak_key is None
                else drawdown.max_peak_key[0].astimezone(zone).date())
    peak_balance = capital.at(peak_day) + drawdown.max_peak
    values["max_drawdown_account"] = (divide(drawdown.max_drawdown, peak_balance)
                                      if drawdown.max_drawdown else ZERO)
    whole: Sequence[ClosedTrade] | None = (tail[-n:] if n else ()) if len(tail) >= n else None
    if whole is not None:
        values["max_relative_drawdown"] = _relative_drawdown_on(capital, first, whole)
    else:
        reasons["max_relative_drawdown"] = (
            f"the window has {n:,} closed trades and only the last {len(tail):,} are kept in "
            "order; the largest relative drawdown needs all of them")
    values["cagr"] = _growth_cagr(Decimal(1) + growth, days, reasons)
    if n == 0:
        for name in ("sharpe", "sortino", "calmar", "sqn", "expectancy_ratio"):
            reasons[name] = NO_TRADES
        return values, reasons
    d = Decimal(days)
    if whole is None:
        for name in ("sharpe", "sortino"):
            reasons[name] = (f"cash flows inside the window: each trade's return needs its own "
                             f"capital, and only the last {len(tail):,} of {n:,} closed trades "
                             "are kept")
    else:
        returns = [divide(trade.net, capital.at(trade.local_day)) for trade in whole]
        with exact_sums():
            total_r = sum(returns, ZERO)
            squares = sum((r * r for r in returns), ZERO)
            losing = [r for r in returns if r < 0]
            losing_sum = sum(losing, ZERO)
            losing_squares = sum((r * r for r in losing), ZERO)
            spread = n * squares - total_r * total_r
            loser_spread = len(losing) * losing_squares - losing_sum * losing_sum
        _sharpe_sortino(growth, n, spread, len(losing), loser_spread, d, values, reasons)
    if drawdown.max_drawdown:
        values["calmar"] = _ROOTS.multiply(
            divide(100 * growth * peak_balance, d * drawdown.max_drawdown),
            _ROOTS.sqrt(_DAYS_PER_YEAR))
    else:
        reasons["calmar"] = "no drawdown in the window (freqtrade shows -100)"
    constant = account_ratios(capital.at(first), days, core, moments, drawdown, ())
    for name in ("sqn", "expectancy_ratio"):
        values[name] = constant.values[name]
        if name in constant.null_reasons:
            reasons[name] = constant.null_reasons[name]
    return values, reasons


def _sharpe_sortino(total: Decimal, n: int, spread: Decimal, losers: int,
                    loser_spread: Decimal, d: Decimal, values: dict[str, Decimal | None],
                    reasons: dict[str, str]) -> None:
    """freqtrade's Sharpe ``(R/D)/σ₀·√365`` and Sortino (σ₀ of the losers) from exact sums:
    ``σ₀ = √spread / n`` with ``spread = nQ - S²``."""
    if spread:
        values["sharpe"] = _ROOTS.multiply(divide(total * n, d),
                                           _ROOTS.sqrt(divide(_DAYS_PER_YEAR, spread)))
    else:
        reasons["sharpe"] = "every trade returned the same: zero spread (freqtrade shows -100)"
    if losers == 0:
        reasons["sortino"] = "no losing trade (freqtrade shows -100)"
    elif not loser_spread:
        reasons["sortino"] = ("one losing trade, or all losing trades equal: zero downside spread "
                              "(freqtrade shows -100)")
    else:
        values["sortino"] = _ROOTS.multiply(divide(total * losers, d),
                                            _ROOTS.sqrt(divide(_DAYS_PER_YEAR, loser_spread)))


def _relative_drawdown_on(capital: Capital, first: date, trades: Sequence[ClosedTrade]) -> Decimal:
    """``max_k (peak_k - cum_k) / (C(peak day) + peak_k)``, the peak starting at 0 on the
    window's first day."""
    best = cumulative = peak = ZERO
    peak_capital = capital.at(first)
    with exact_sums():
        for trade in trades:
            cumulative += trade.net
            if cumulative > peak:
                peak, peak_capital = cumulative, capital.at(trade.local_day)
            elif peak - cumulative:
                best = max(best, divide(peak - cumulative, peak_capital + peak))
    return best


def _growth_cagr(growth: Decimal, days: int, reasons: dict[str, str]) -> Decimal | None:
    """``growth^(365 / D) - 1``; None when the account lost more than its capital."""
    if growth < 0:
        reasons["cagr"] = "the return is below -100% (freqtrade shows 0)"
        return None
    if growth == 0:
        return Decimal(-1)
    power = _POWER.exp(_POWER.multiply(_POWER.ln(growth), _POWER.divide(_DAYS_PER_YEAR,
                                                                        Decimal(days))))
    return _ROOTS.subtract(_ROOTS.plus(power), Decimal(1))


def daily_returns(capital: Capital, first: date, end: date, day_nets: Mapping[date, Decimal],
                  periods_per_year: int) -> tuple[list[Decimal], int] | date:
    """quantstats' daily returns: ``net_d / B_d`` with ``B_d`` the running balance at the start
    of day ``d`` (contributed capital of the day plus the window's P&L before it).

    Days with no trade are zero-return days: every calendar day from ``first`` to ``end`` with
    365 periods a year; with 252, the weekdays plus any weekend day that had trades (a trading
    calendar without weekends).  Returns the non-zero returns in day order and how many days
    the calendar has (zero returns add nothing to the sums, so a window of 7,000 years with two
    trading days costs two divisions, not 2.5 million), or the first calendar day whose running
    balance is not above zero, when there is one.
    """
    if end < first:
        return [], 0
    trading_calendar = periods_per_year == 252
    days = _weekdays_between(first, end) if trading_calendar else (end - first).days + 1
    traded = sorted(day for day in day_nets if first <= day <= end)
    if trading_calendar:
        days += sum(1 for day in traded if day.weekday() >= 5)
    # The running balance only moves where a flow is dated or after a trading day: checking the
    # first calendar day of each such stretch finds the first non-positive balance exactly.
    changes = sorted({first, *(flow.day for flow in capital.flows_between(first, end)),
                      *(day + timedelta(days=1) for day in traded if day < end)})
    net_before: dict[date, Decimal] = {}
    returns: list[Decimal] = []
    with exact_sums():
        cumulative = ZERO
        for day in traded:
            net_before[day] = cumulative
            cumulative += day_nets[day]
    for index, change in enumerate(changes):
        stretch_end = changes[index + 1] if index + 1 < len(changes) else end + timedelta(days=1)
        shown = _next_calendar_day(change, stretch_end, day_nets, trading_calendar)
        if shown is not None and _balance_on(capital, shown, traded, net_before, day_nets) <= 0:
            return shown
    for day in traded:
        net = day_nets[day]
        if net:
            returns.append(divide(net, capital.at(day) + net_before[day]))
    return returns, days


def _weekdays_between(first: date, last: date) -> int:
    """Monday-to-Friday days from ``first`` to ``last`` inclusive, by arithmetic."""
    weeks, extra = divmod((last - first).days + 1, 7)
    start = first.weekday()
    return weeks * 5 + sum(1 for offset in range(extra) if (start + offset) % 7 < 5)


def _next_calendar_day(day: date, before: date, day_nets: Mapping[date, Decimal],
                       trading_calendar: bool) -> date | None:
    """The first calendar day from ``day`` up to (not including) ``before``, if any."""
    while day < before:
        if not trading_calendar or day.weekday() < 5 or day in day_nets:
            return day
        day += timedelta(days=1)
    return None


def _balance_on(capital: Capital, day: date, traded: Sequence[date],
                net_before: Mapping[date, Decimal], day_nets: Mapping[date, Decimal]) -> Decimal:
    """The running balance at the start of ``day``: its capital plus the P&L of earlier days."""
    position = bisect_left(traded, day)
    if position == 0:
        return capital.at(day)
    previous = traded[position - 1]
    with exact_sums():
        return capital.at(day) + net_before[previous] + day_nets[previous]


def _daily_ratios(capital: Capital, first: date, end: date, core: CoreStats,
                  day_nets: Mapping[date, Decimal], periods_per_year: int,
                  values: dict[str, Decimal | None], reasons: dict[str, str]) -> int:
    """quantstats' Sharpe ``mean / σ₁ · √P`` (sample deviation, ddof 1) and Sortino
    ``mean / √(Σ min(r, 0)² / n) · √P`` of the daily returns; returns how many days."""
    for name in ("sharpe", "sortino"):
        values[name] = None
        reasons.pop(name, None)
    if core.closed == 0:
        reasons["sharpe"] = reasons["sortino"] = NO_TRADES
        return 0
    daily = daily_returns(capital, first, end, day_nets, periods_per_year)
    if isinstance(daily, date):
        reasons["sharpe"] = reasons["sortino"] = (
            f"the running balance is not above zero at the start of {daily.isoformat()}")
        return 0
    returns, n = daily
    periods = Decimal(periods_per_year)
    with exact_sums():
        total = sum(returns, ZERO)
        squares = sum((r * r for r in returns), ZERO)
        downside = sum((r * r for r in returns if r < 0), ZERO)
        spread = n * squares - total * total
    if n < 2:
        reasons["sharpe"] = "one day has no sample deviation (quantstats shows nan)"
    elif not spread:
        reasons["sharpe"] = "every day returned the same: zero variance (quantstats shows nan)"
    else:
        # mean / σ₁ · √P = S · √(P (n - 1) / (n (nQ - S²))).
        values["sharpe"] = _ROOTS.multiply(total, _ROOTS.sqrt(
            divide(periods * (n - 1), n * spread)))
    if not downside:
        reasons["sortino"] = "no losing day: zero downside deviation (quantstats shows inf)"
    else:
        # mean / √(D / n) · √P = S · √(P / (n D)).
        values["sortino"] = _ROOTS.multiply(total, _ROOTS.sqrt(divide(periods, n * downside)))
    return n
