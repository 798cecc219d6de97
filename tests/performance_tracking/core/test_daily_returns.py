"""quantstats-style daily returns walk only the days that move the balance.

The reference below walks every calendar day, the definition as written; the real function
must agree with it on any window, cash flows and trading days, including the first day whose
running balance is not above zero.  A 7,000-year window with two trading days must be instant.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from trading_bot.performance.core.capital import Capital, CashFlow
from trading_bot.performance.core.decimals import divide
from trading_bot.performance.core.ratios import daily_returns

FIRST = date(2026, 3, 1)


def reference(capital: Capital, first: date, end: date, day_nets: dict[date, Decimal],
              periods_per_year: int) -> tuple[list[Decimal], int] | date:
    calendar = [first + timedelta(days=offset) for offset in range(max((end - first).days + 1, 0))]
    if periods_per_year == 252:
        calendar = [day for day in calendar if day.weekday() < 5 or day in day_nets]
    returns: list[Decimal] = []
    cumulative = Decimal(0)
    for day in calendar:
        balance = capital.at(day) + cumulative
        if balance <= 0:
            return day
        net = day_nets.get(day, Decimal(0))
        if net:
            returns.append(divide(net, balance))
        cumulative += net
    return returns, len(calendar)


money = st.integers(min_value=-3_000, max_value=3_000).map(lambda cents: Decimal(cents) / 100)
offsets = st.integers(min_value=-3, max_value=40)


@settings(max_examples=300, deadline=None)
@given(balance=st.integers(min_value=1, max_value=200).map(Decimal),
       flows=st.lists(st.tuples(offsets, money.filter(bool)), max_size=4),
       trades=st.dictionaries(offsets, money, max_size=12),
       length=st.integers(min_value=-1, max_value=40),
       periods=st.sampled_from([365, 252]))
def test_daily_returns_equal_the_calendar_walk(balance: Decimal, flows: list[tuple[int, Decimal]],
                                               trades: dict[int, Decimal], length: int,
                                               periods: int) -> None:
    capital = Capital(starting_balance=balance,
                      cash_flows=tuple(CashFlow(FIRST + timedelta(days=offset), amount)
                                       for offset, amount in flows))
    end = FIRST + timedelta(days=length)
    day_nets = {FIRST + timedelta(days=offset): net for offset, net in trades.items()}
    assert daily_returns(capital, FIRST, end, day_nets, periods) == reference(
        capital, FIRST, end, day_nets, periods)


def test_a_window_of_millennia_costs_its_trading_days() -> None:
    capital = Capital(starting_balance=Decimal(1000))
    day_nets = {date(2026, 3, 2): Decimal(10), date(2026, 3, 7): Decimal(-5)}
    found = daily_returns(capital, date(1970, 1, 1), date(8999, 12, 31), day_nets, 252)
    assert not isinstance(found, date)
    returns, days = found
    assert returns == [Decimal("0.01"), divide(Decimal(-5), Decimal(1010))]
    # 7,030 years of weekdays, plus the Saturday that had a trade.
    weekdays = sum(1 for offset in range(7) if (date(1970, 1, 1) + timedelta(days=offset)).weekday() < 5)
    total_days = (date(8999, 12, 31) - date(1970, 1, 1)).days + 1
    weeks, extra = divmod(total_days, 7)
    expected = weeks * weekdays + sum(
        1 for offset in range(extra) if (date(1970, 1, 1) + timedelta(days=offset)).weekday() < 5)
    assert days == expected + 1
