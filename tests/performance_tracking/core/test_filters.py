"""The one definition of "a trade matches": report filters (--where) and alert scopes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from trading_bot.performance.alerting.model import Scope
from trading_bot.performance.core.filters import (
    FILTER_FIELDS,
    FilterReport,
    conditions_of,
    filter_from_mapping,
    matches,
    matches_groups,
    parse_where,
)

GROUPS = (("strategy_name", "alpha"), ("symbol", "AAPL"), ("side", "long"),
          ("execution_mode", "LIVE"), ("indicator", "RSI"), ("indicator", "MACD"))


def test_and_across_fields_or_within_a_field() -> None:
    where = parse_where(["symbol=AAPL", "symbol=MSFT", "execution_mode=LIVE"])
    assert where.conditions == (("execution_mode", ("LIVE",)), ("symbol", ("AAPL", "MSFT")))
    assert where.matches_groups(GROUPS)
    assert not parse_where(["symbol=MSFT", "execution_mode=LIVE"]).matches_groups(GROUPS)
    assert not parse_where(["symbol=AAPL", "execution_mode=PAPER"]).matches_groups(GROUPS)
    assert parse_where([]).matches_groups(GROUPS)          # no condition keeps everything


def test_values_compare_exactly() -> None:
    assert not parse_where(["execution_mode=live"]).matches_groups(GROUPS)
    with pytest.raises(ValueError, match="surrounding whitespace"):
        parse_where(["symbol=AAPL "])   # refused, never stripped: it would match nothing


def test_filters_are_canonical_whatever_the_order_given() -> None:
    one = parse_where(["symbol=B", "strategy_name=x", "symbol=A", "symbol=B"])
    two = filter_from_mapping({"strategy_name": "x", "symbol": ["B", "A"]})
    assert one == two
    assert one.label == "strategy_name=x, symbol=B|A"
    assert one.to_dict() == {"strategy_name": ["x"], "symbol": ["B", "A"]}


@pytest.mark.parametrize("item", ["account=ACC-1", "indicator=RSI", "symbol", "=AAPL", "symbol=",
                                  "confidence=high"])
def test_malformed_or_unknown_items_are_refused(item: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_where([item])
    if "=" in item and item.split("=")[0] and item.split("=")[1]:
        assert ", ".join(FILTER_FIELDS) in str(caught.value)


def test_an_alert_scope_is_a_filter_of_one_value_per_field() -> None:
    """The scope of a rolling rule and --where with the same fields pick the same trades."""
    scope = Scope(strategy_name="alpha", execution_mode="LIVE")
    wanted = conditions_of(scope.items())
    assert wanted == parse_where(["strategy_name=alpha", "execution_mode=LIVE"]).conditions
    assert matches_groups(wanted, GROUPS)
    assert not matches_groups(conditions_of(Scope(execution_mode="PAPER").items()), GROUPS)
    assert matches((), lambda field: None)


def test_filter_report_document() -> None:
    report = FilterReport(parse_where(["side=short"]), 3, Decimal("-12.50"), 1)
    assert report.to_dict() == {"where": {"side": ["short"]}, "excluded_trades": 3,
                                "excluded_net_pnl": "-12.50", "excluded_open_positions": 1}
    assert report.line == ("side=short; left out 3 closed trades (net P&L -12.50) and 1 open "
                           "positions")
