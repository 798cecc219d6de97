"""Which trades an answer is about: the one definition of matching a trade against field values.

Two features pick trades by field values and must agree on what "matches" means:

* an alert rule's ``scope`` (``strategy_name: momentum``, ``execution_mode: LIVE``), and
* the report filter ``--where FIELD=VALUE`` (repeatable).

Both are a set of conditions ``field -> allowed values``; a trade matches when, for every field
named, its value is one of the allowed ones: AND across fields, OR within a field.  Values
compare as the text the breakdowns show (``side`` is ``long``/``short``), exactly and
case-sensitively, as a scope always has.  :func:`matches` is that rule; everything else here
reads a field's value out of a particular shape of trade.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from trading_bot.performance.core.decimals import ZERO, canonical
from trading_bot.performance.core.formatting import money

#: Fields a report filter may name, in the order the header lists them.  Each is a field every
#: closed trade, round trip and open position carries, so the filter means the same for all.
#: ``account_id`` is not a breakdown: a trade answers it through the ``--group-by`` reading of
#: its line (a line without an account is ``(missing)``), see :meth:`TradeFilter.beyond`.
FILTER_FIELDS: tuple[str, ...] = ("strategy_name", "execution_mode", "symbol", "side",
                                  "account_id")

#: One condition: a field and the values it may take.
Condition = tuple[str, tuple[str, ...]]
#: How a trade answers "what is your value of this field?".
ValueOf = Callable[[str], str | None]


def matches(conditions: Iterable[Condition], value_of: ValueOf) -> bool:
    """Whether a trade whose fields read through ``value_of`` meets every condition.

    The single definition shared by alert scopes and report filters: AND across fields, OR
    within a field, exact text comparison.  No condition matches everything.
    """
    return all(value_of(field) in allowed for field, allowed in conditions)


def matches_groups(conditions: Iterable[Condition], groups: Sequence[tuple[str, str]]) -> bool:
    """:func:`matches` for a closed trade, through its breakdown groups (``ClosedTrade.groups``:
    ``(dimension, key)`` pairs, where every filter field is a one-row dimension)."""
    found = dict(groups)
    return matches(conditions, found.get)


def conditions_of(pairs: Iterable[tuple[str, str]]) -> tuple[Condition, ...]:
    """Conditions of one value per field (an alert scope's ``(field, value)`` items)."""
    return tuple((field, (value,)) for field, value in pairs)


@dataclass(frozen=True, slots=True)
class TradeFilter:
    """The conditions of ``--where``: sorted by field in :data:`FILTER_FIELDS` order, values in
    the order given (duplicates dropped), so equal filters have equal keys."""

    conditions: tuple[Condition, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.conditions)

    def matches(self, value_of: ValueOf) -> bool:
        return matches(self.conditions, value_of)

    def matches_groups(self, groups: Sequence[tuple[str, str]]) -> bool:
        return matches_groups(self.conditions, groups)

    def to_dict(self) -> dict[str, list[str]]:
        return {field: list(values) for field, values in self.conditions}

    def beyond(self, present: Collection[str]) -> tuple[str, ...]:
        """The fields this filter names that are not among ``present`` (a trade's breakdown
        dimensions): a trade must be grouped by them too to be matched, then lose those groups
        again (they are not breakdowns of the report)."""
        return tuple(field for field, _ in self.conditions if field not in present)

    @property
    def label(self) -> str:
        """``strategy_name=a|b, execution_mode=LIVE``: how the header says what was kept."""
        return ", ".join(f"{field}={'|'.join(values)}" for field, values in self.conditions)


NO_FILTER = TradeFilter()


def parse_where(items: Iterable[str]) -> TradeFilter:
    """The filter of the ``--where FIELD=VALUE`` arguments; ValueError names what is wrong
    (an unknown field lists the allowed ones).

    Values are compared exactly, as an alert rule's ``scope`` compares them (never stripped):
    so a value with surrounding whitespace (``symbol= AAPL``, a shell quoting slip) is refused
    rather than read as a value no logged trade is likely to carry, which would match nothing
    without a word.  Space around the field name is harmless and ignored."""
    wanted: dict[str, dict[str, None]] = {}
    for item in items:
        field, sep, value = item.partition("=")
        field = field.strip()
        if not sep or not field or not value.strip():
            raise ValueError(f"--where {item!r}: expected FIELD=VALUE, such as "
                             "strategy_name=momentum_breakout")
        if field not in FILTER_FIELDS:
            raise ValueError(f"--where {item!r}: unknown field {field!r}; allowed fields: "
                             f"{', '.join(FILTER_FIELDS)}")
        if value != value.strip():
            raise ValueError(f"--where {item!r}: the value {value!r} has surrounding whitespace; "
                             f"values are compared exactly: write {field}={value.strip()}")
        wanted.setdefault(field, {})[value] = None
    return TradeFilter(tuple((field, tuple(wanted[field]))
                             for field in FILTER_FIELDS if field in wanted))


def filter_from_mapping(document: Mapping[str, Sequence[str]]) -> TradeFilter:
    """A filter from ``{field: [values]}`` (the API's form); ValueError like :func:`parse_where`."""
    return parse_where(f"{field}={value}" for field, values in document.items()
                       for value in ([values] if isinstance(values, str) else values))


@dataclass(frozen=True, slots=True)
class FilterReport:
    """What a filtered report left out: closed trades and their net P&L, and open positions.

    ``excluded_*`` are exact: the unfiltered window's totals minus the filtered ones.
    """

    filter: TradeFilter
    excluded_trades: int = 0
    excluded_net: Decimal = ZERO
    excluded_open_positions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "where": self.filter.to_dict(),
            "excluded_trades": self.excluded_trades,
            "excluded_net_pnl": canonical(self.excluded_net),
            "excluded_open_positions": self.excluded_open_positions,
        }

    @property
    def line(self) -> str:
        """What the text, Markdown and HTML headers say after ``Filter:``."""
        return (f"{self.filter.label}; left out {self.excluded_trades:,} closed trades (net "
                f"P&L {money(self.excluded_net)}) and {self.excluded_open_positions:,} open "
                "positions")


__all__ = ["FILTER_FIELDS", "NO_FILTER", "Condition", "FilterReport", "TradeFilter", "ValueOf",
           "conditions_of", "filter_from_mapping", "matches", "matches_groups", "parse_where"]
