"""The targets file's ``accounts``: starting balances and cash flows read exactly, every mistake
reported with its line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from trading_bot.performance.alerting.config import parse_targets
from trading_bot.performance.core.capital import Account, CashFlow
from trading_bot.performance.errors import ConfigError

SOURCE = "targets.yaml"


def problems(text: str) -> list[str]:
    with pytest.raises(ConfigError) as raised:
        parse_targets(text, SOURCE)
    return [line.strip() for line in str(raised.value).splitlines()[1:]]


def test_accounts_are_read_from_their_own_digits() -> None:
    targets = parse_targets("""\
accounts:
  - execution_mode: LIVE
    account_id: acc-1
    starting_balance: "10000.10"
    cash_flows:
      - {date: 2026-10-05, amount: 0.1}
      - {date: 2026-10-01, amount: "-200"}
  - starting_balance: 2500
""", SOURCE)
    assert targets.accounts == (
        Account(Decimal("10000.10"), (CashFlow(date(2026, 10, 5), Decimal("0.1")),
                                      CashFlow(date(2026, 10, 1), Decimal("-200"))),
                "LIVE", "acc-1"),
        Account(Decimal(2500)),
    )
    # 0.1 is the decimal 0.1, not the float 0.1000000000000000055511151231257827.
    assert str(targets.accounts[0].cash_flows[0].amount) == "0.1"
    assert targets.rules == ()               # accounts are not rules
    assert parse_targets("win_rate_target: 60\n", SOURCE).accounts == ()


def test_every_account_mistake_is_reported_at_its_line() -> None:
    assert problems("""\
accounts:
  - starting_balance: 0500
  - starting_balance: "-1"
    cash_flows: [{date: 2026-02-30, amount: 5}, {date: 2026-03-01, amount: 0}]
  - {starting_balance: 10, execution_mode: live}
  - {starting_balanse: 10}
  - {starting_balance: ten}
  - {starting_balance: 5, account_id: a}
  - {starting_balance: 6, account_id: a}
""") == [
        f"{SOURCE}:2: accounts[0].starting_balance: bad value: YAML 1.1 reads it as 320 (leading "
        "zero: octal); numbers are read from decimal digits only, such as 60 or 0.5",
        f"{SOURCE}:3: accounts[1]: the same account as accounts[0] (execution_mode any, "
        "account_id any); keep one",
        f"{SOURCE}:3: accounts[1].starting_balance: bad value '-1': expected an amount above "
        "zero such as 10000",
        f"{SOURCE}:4: accounts[1].cash_flows[0].date: bad value '2026-02-30': expected a "
        "calendar date such as 2026-10-05",
        f"{SOURCE}:4: accounts[1].cash_flows[1].amount: bad value 0: expected a deposit (above "
        "zero) or a withdrawal (below zero)",
        f"{SOURCE}:5: accounts[2].execution_mode: bad value 'live': expected PAPER or LIVE "
        "(absent: any mode)",
        f"{SOURCE}:6: accounts[3]: missing key 'starting_balance': expected an amount of money "
        "written with decimal digits, such as 10000, -200 or \"10000.50\"",
        f"{SOURCE}:6: accounts[3].starting_balanse: unknown key 'starting_balanse'; did you mean "
        "'starting_balance'?",
        f"{SOURCE}:7: accounts[4].starting_balance: bad value 'ten': expected an amount of money "
        "written with decimal digits, such as 10000, -200 or \"10000.50\"",
        f"{SOURCE}:9: accounts[6]: the same account as accounts[5] (execution_mode any, "
        "account_id a); keep one",
    ]
