"""The money the account figures are relative to: starting balances and dated cash flows.

An operator states an account's size either on the command line (``--starting-balance``: the
balance at the start of the window, freqtrade's ``dry_run_wallet``, no cash flows) or in the
targets file (``accounts``: each account's starting balance and its dated deposits and
withdrawals).  Both become one :class:`Capital`.

Conventions (the README's "Figures and definitions" states them for operators):

* **Contributed capital** ``C(d)`` on local day ``d`` = the starting balance plus every cash flow
  dated on or before ``d``.  A cash flow takes effect at the start of its day (before any trade
  realized that day).  Realized P&L is *not* part of it: like freqtrade, whose trade returns are
  all on the same starting balance, the figures do not compound.
* Several accounts (modes, account ids) in one report are one portfolio: their starting balances
  and their cash flows add up.  An account is covered by a report unless the report's filters
  exclude its ``execution_mode`` or ``account_id`` (:func:`covered_accounts`).
  :func:`account_basis` is the one rule (the command line and the Python API both use it).
* Every trade a figure counts must belong to a configured account: a window holding trades of
  an ``(execution_mode, account_id)`` no covered account matches would divide P&L of an account
  whose size is unknown by the size of another, so every figure is then null with the reason
  (:func:`uncovered_reason`).
* ``--starting-balance`` replaces the targets file's accounts entirely: it is the capital at the
  window's start, with no cash flows, exactly freqtrade's setup.

Pure: no I/O.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from trading_bot.performance.core.decimals import ZERO, canonical, exact_sums

#: ``--ratios``: freqtrade's per-trade returns (default) or quantstats' daily returns.
RATIO_CONVENTIONS: tuple[str, ...] = ("trades", "daily")
DEFAULT_CONVENTION = "trades"
#: ``--periods-per-year`` for the daily convention: calendar days (crypto) or trading days.
PERIODS_PER_YEAR: tuple[int, ...] = (365, 252)
DEFAULT_PERIODS_PER_YEAR = 365
#: What the JSON ``account.convention`` says for each ``--ratios`` choice.
CONVENTION_NAMES: Mapping[str, str] = {"trades": "freqtrade", "daily": "quantstats-daily"}


# The small values below are named tuples, not frozen dataclasses: this module is imported by
# every run (the summary needs it) and a dataclass costs ~0.4 ms to define where a named tuple
# costs ~0.05 ms (measured after compileall: the module took 2.3 ms with five dataclasses).

class CashFlow(NamedTuple):
    """A deposit (positive) or a withdrawal (negative), effective at the start of ``day``."""

    day: date
    amount: Decimal

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "amount": canonical(self.amount)}


class Account(NamedTuple):
    """One configured account; ``execution_mode`` or ``account_id`` None matches any."""

    starting_balance: Decimal
    cash_flows: tuple[CashFlow, ...] = ()
    execution_mode: str | None = None
    account_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"execution_mode": self.execution_mode, "account_id": self.account_id,
                "starting_balance": canonical(self.starting_balance),
                "cash_flows": [flow.to_dict() for flow in self.cash_flows]}


@dataclass(frozen=True, slots=True)
class Capital:
    """The starting balance and cash flows of the accounts a report covers (summed).

    ``source`` says where they come from (``--starting-balance`` or the targets file);
    ``accounts`` lists the configured accounts that were summed (empty for the command line).
    """

    starting_balance: Decimal
    cash_flows: tuple[CashFlow, ...] = ()
    source: str = "--starting-balance"
    accounts: tuple[Account, ...] = ()
    _days: tuple[date, ...] = field(default=(), init=False, repr=False, compare=False)
    _levels: tuple[Decimal, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        flows = tuple(sorted(self.cash_flows, key=lambda flow: flow.day))
        object.__setattr__(self, "cash_flows", flows)
        days: list[date] = []
        levels: list[Decimal] = []
        with exact_sums():
            level = self.starting_balance
            for flow in flows:
                level += flow.amount
                if days and days[-1] == flow.day:
                    levels[-1] = level
                else:
                    days.append(flow.day)
                    levels.append(level)
        object.__setattr__(self, "_days", tuple(days))
        object.__setattr__(self, "_levels", tuple(levels))

    def at(self, day: date) -> Decimal:
        """Contributed capital on ``day``: the starting balance plus the flows dated up to it."""
        index = bisect_right(self._days, day)
        return self.starting_balance if index == 0 else self._levels[index - 1]

    def flows_between(self, first: date, last: date) -> tuple[CashFlow, ...]:
        """The cash flows dated after ``first`` and up to ``last`` (those that move the capital
        inside a window whose capital at its start is ``at(first)``)."""
        return tuple(flow for flow in self.cash_flows if first < flow.day <= last)


class RatioOptions(NamedTuple):
    """How the Sharpe and Sortino ratios are computed (``--ratios``, ``--periods-per-year``;
    :func:`ratio_options` checks the values)."""

    convention: str = DEFAULT_CONVENTION
    periods_per_year: int = DEFAULT_PERIODS_PER_YEAR


def ratio_options(convention: str = DEFAULT_CONVENTION,
                  periods_per_year: int = DEFAULT_PERIODS_PER_YEAR) -> RatioOptions:
    """Checked :class:`RatioOptions`; ValueError for a convention or period count we lack."""
    if convention not in RATIO_CONVENTIONS:
        raise ValueError(f"unknown ratio convention {convention!r}")
    if periods_per_year not in PERIODS_PER_YEAR:
        raise ValueError(f"periods per year must be one of {PERIODS_PER_YEAR}")
    return RatioOptions(convention, periods_per_year)


#: freqtrade's per-trade ratios (the default of ``--ratios``).
DEFAULT_OPTIONS = RatioOptions()


class AccountBasis(NamedTuple):
    """What a summary's account figures rest on: the capital (None: not given) and the
    ratio options."""

    capital: Capital | None = None
    options: RatioOptions = DEFAULT_OPTIONS
    #: Why no figure can be computed on this capital for the window (some of its trades belong
    #: to no configured account, :func:`uncovered_reason`); None: it can.
    unavailable: str | None = None


#: ``Capital.source`` of the targets file's accounts.
TARGETS_SOURCE = "the targets file's accounts"


def account_basis(accounts: Iterable[Account] = (), *,
                  starting_balance: Decimal | None = None,
                  where: Mapping[str, Iterable[str]] | None = None,
                  options: RatioOptions = DEFAULT_OPTIONS) -> AccountBasis:
    """What a report's account figures rest on: ``starting_balance`` (``--starting-balance``:
    no cash flows, every trade) when given, else the configured ``accounts`` the report's
    filters (``where``: field -> accepted values) leave in, summed; else no capital."""
    if starting_balance is not None:
        return AccountBasis(Capital(starting_balance), options)
    return AccountBasis(capital_of(covered_accounts(accounts, where), TARGETS_SOURCE), options)


def covered_accounts(accounts: Iterable[Account],
                     where: Mapping[str, Iterable[str]] | None = None) -> tuple[Account, ...]:
    """The configured accounts a report covers: those whose ``execution_mode`` and
    ``account_id`` the filters (field -> accepted values) do not exclude.  An account that
    leaves a field unset matches any value of it."""
    chosen = []
    for account in accounts:
        keep = True
        for name, value in (("execution_mode", account.execution_mode),
                            ("account_id", account.account_id)):
            accepted = None if where is None else where.get(name)
            if accepted is not None and value is not None and value not in set(accepted):
                keep = False
        if keep:
            chosen.append(account)
    return tuple(chosen)


def capital_of(accounts: Iterable[Account], source: str) -> Capital | None:
    """The accounts as one portfolio (balances and flows summed); None when there are none."""
    chosen = tuple(accounts)
    if not chosen:
        return None
    with exact_sums():
        balance = sum((account.starting_balance for account in chosen), ZERO)
    flows = tuple(flow for account in chosen for flow in account.cash_flows)
    return Capital(balance, flows, source, chosen)


def needs_account_ids(accounts: Collection[Account], modes: Iterable[str]) -> bool:
    """Whether judging coverage needs the window's account ids: some mode present whose
    accounts all name an ``account_id`` (none of them covers that mode's every trade)."""
    for mode in set(modes):
        for_mode = [account for account in accounts if account.execution_mode in (None, mode)]
        if for_mode and all(account.account_id is not None for account in for_mode):
            return True
    return False


def uncovered_reason(accounts: Collection[Account], modes: Iterable[str],
                     pairs: Collection[tuple[str, str | None]] | None = None) -> str | None:
    """Why the figures cannot use ``accounts`` for a window, or None when they can.

    ``modes`` are the execution modes of the window's trades and open positions; ``pairs``
    their ``(execution_mode, account_id)`` (account id None: the line has none), needed only
    when :func:`needs_account_ids`.  A trade is covered when some account matches its mode and
    its account id (an unset field matches any).
    """
    missing: list[str] = []
    for mode in sorted(set(modes)):
        for_mode = [account for account in accounts if account.execution_mode in (None, mode)]
        if not for_mode:
            missing.append(f"{mode} trades")
            continue
        if any(account.account_id is None for account in for_mode):
            continue
        if pairs is None:
            raise ValueError(f"the account ids of the {mode} trades are needed")
        named = {account.account_id for account in for_mode}
        ids = {account_id for found, account_id in pairs if found == mode} - named
        missing.extend(f"{mode} trades of account_id {account_id or '(missing)'}"
                       for account_id in sorted(ids, key=lambda text: text or ""))
    if not missing:
        return None
    return (f"{', '.join(missing)} have no configured account: add one to accounts: in the "
            f"targets file, or report the covered trades alone with {_covered_where(accounts)}")


def _covered_where(accounts: Iterable[Account]) -> str:
    """The ``--where`` options that keep exactly the trades ``accounts`` cover (as close as
    ``--where`` can say it: AND across fields, OR within one)."""
    chosen = tuple(accounts)
    parts: list[str] = []
    for name, values in (("execution_mode", [account.execution_mode for account in chosen]),
                         ("account_id", [account.account_id for account in chosen])):
        if values and None not in values:
            parts.extend(f"--where {name}={value}" for value in dict.fromkeys(values))
    return " ".join(parts) or "--starting-balance AMOUNT (one capital for every trade)"
