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

Exactness: every figure is computed from exact Decimal sums (:class:`~trading_bot.performance.core.
aggregate.Moments`).  A deviation is ``√(nQ - S²)/n`` (population) or ``√((nQ - S²)/(n(n-1)))``
(sample) with ``S = Σx`` and ``Q = Σx²``: ``nQ - S²`` is exact, so each ratio needs one square
root (Sharpe, Sortino, Calmar, SQN) or one power (CAGR), computed by :mod:`decimal` at
:data:`ROOT_PRECISION` significant digits (the power at 50 digits, rounded to 34); the other
figures are quotients at the package's 34-digit division precision, so a ratio is good to about
33 significant digits.  Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Context, Decimal

from trading_bot.performance.core.aggregate import ClosedTrade, CoreStats, Drawdown, Moments
from trading_bot.performance.core.decimals import DECIMAL_TEXT, ZERO, divide
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

NO_BALANCE = "no starting balance given (--starting-balance)"
NO_TRADES = "no closed trades in the window"


@dataclass(frozen=True, slots=True)
class Ratios:
    """The account figures of a window: values (None when undefined) and why each None is."""

    starting_balance: Decimal | None
    days: int | None
    values: dict[str, Decimal | None]
    null_reasons: dict[str, str]


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
    d = Decimal(days)
    if spread:
        values["sharpe"] = _ROOTS.multiply(divide(total * n, d),
                                           _ROOTS.sqrt(divide(_DAYS_PER_YEAR, spread)))
    else:
        reasons["sharpe"] = "every trade returned the same: zero spread (freqtrade shows -100)"
    losers = moments.negative
    loser_spread = losers * moments.negative_squares - moments.negative_sum ** 2
    if losers == 0:
        reasons["sortino"] = "no losing trade (freqtrade shows -100)"
    elif not loser_spread:
        reasons["sortino"] = ("one losing trade, or all losing trades equal: zero downside spread "
                              "(freqtrade shows -100)")
    else:
        values["sortino"] = _ROOTS.multiply(divide(total * losers, d),
                                            _ROOTS.sqrt(divide(_DAYS_PER_YEAR, loser_spread)))
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
