"""The dimension catalogue: every built-in breakdown, declared once.

A :class:`Dimension` says what a breakdown is called (``name``: its JSON key, its ``--breakdown``
name), how a person reads it (``label``), how a closed trade maps to its key or keys, whether
its rows overlap (a trade in several rows), where it comes in a report, and whether its few rows
read best side by side.  Aggregation (:func:`trade_groups`), the reports' section order and
titles, the comparison tables, the CSV ``--breakdown`` names and the ``--help`` text are derived
from here, so a breakdown over a field a trade already carries is one entry here plus the schema
and the tests.

Two orders, on purpose:

* **Declaration order** (:data:`DIMENSIONS`) is the order in which a trade lists its groups, so
  the order of the JSON ``breakdowns`` and of the day aggregates the cache stores.  Append new
  dimensions at the end, so existing documents and caches keep their order.
* **Reading order** (:data:`READING_ORDER`) is what people see: by section (the comparisons an
  operator decides on first, then what was traded, then how it was entered and left, then the
  signals), declaration order within a section.

Pure: no I/O.  ``--group-by`` fields are not declared here; they are read from a line's extra
keys by :func:`trade_groups` and come after the built-ins.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from typing import Any, Literal, NamedTuple

from trading_bot.performance.core.templates import reason_template

NO_VALUE = "(none)"
MISSING_FIELD = "(missing)"
#: ``--group-by`` name of the exit reason as logged (the built-in breakdown is its template).
RAW_EXIT_REASONING = "exit_reasoning_raw"
#: Revision of how built-in keys are derived from a trade; a cache keyed on it never serves
#: day aggregates keyed the old way (2: exit reasons by template).
KEY_RULES = 3  # 3: entry x exit reason, weekday, hour, month and hold-time breakdowns


class TradeFields(NamedTuple):
    """What a breakdown may read of a closed trade (a new field here needs the reader and the
    cache to supply it).  Built positionally from :func:`trade_groups`' arguments, once per
    distinct combination of them.

    The values of this module are NamedTuples rather than the house's frozen dataclasses: every
    run imports the catalogue, and defining a dataclass costs about 0.7 ms at import against
    0.13 ms for a NamedTuple (measured in a fresh interpreter, byte-compiled).
    """

    strategy_name: str
    symbol: str
    entry_type: str | None
    side: str
    execution_mode: str
    exit_reasoning: str | None
    indicators: Sequence[str]


class TradeTime(NamedTuple):
    """When a closed trade was realized, in the report timezone, and how long it was held: what
    the timing breakdowns read.  Kept apart from :class:`TradeFields` because an instant is
    distinct for nearly every trade: these coarse keys (a weekday, an hour, a month, a hold
    bucket) are a few hundred combinations, so their groups are cached on their own.
    """

    weekday: str
    hour: str
    month: str
    hold: str


#: Upper bounds (seconds, exclusive) and names of the hold-time buckets; longer is the last name.
HOLD_BUCKETS: tuple[tuple[int, str], ...] = (
    (300, "< 5m"), (900, "5-15m"), (3600, "15m-1h"), (4 * 3600, "1-4h"), (86400, "4h-1d"),
    (3 * 86400, "1-3d"),
)
LONGEST_HOLD = ">= 3d"
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def trade_time(realized_local: datetime, hold_seconds: Decimal | None) -> TradeTime:
    """The timing keys of a trade realized at ``realized_local`` (already in the report zone).

    Weekdays and hours are named so that their text sorts in calendar order ("1 Mon",
    "09:00"), which is how a person scans them.
    """
    weekday = realized_local.weekday()
    return TradeTime(f"{weekday + 1} {_WEEKDAYS[weekday]}", f"{realized_local.hour:02d}:00",
                     f"{realized_local.year:04d}-{realized_local.month:02d}",
                     hold_bucket(hold_seconds))


def hold_bucket(seconds: Decimal | None) -> str:
    """The hold-time bucket of a hold in seconds; :data:`NO_VALUE` when it is not known."""
    if seconds is None:
        return NO_VALUE
    for bound, name in HOLD_BUCKETS:
        if seconds < bound:
            return name
    return LONGEST_HOLD


#: Rows of a cross table (entry type x exit reason) a human report shows by default.
CROSS_TABLE_ROWS = 10


def natural_order(name: str) -> Callable[[str], tuple[int, str]] | None:
    """How a person scans the rows of a timing breakdown: Mon to Sun, 00:00 to 23:00, the
    shortest hold first, the oldest month first (a trade with no hold time last); None for a
    breakdown that reads best first (by net P&L)."""
    found = BY_NAME.get(name)
    if found is None or found.at is None:
        return None
    if name == "hold_time":
        return _hold_rank
    return _by_text


def _hold_rank(key: str) -> tuple[int, str]:
    return (_HOLD_RANKS.get(key, len(_HOLD_RANKS)), key)


def _by_text(key: str) -> tuple[int, str]:
    return (key == NO_VALUE, key)


_HOLD_RANKS = {name: rank for rank, name in enumerate((*(n for _, n in HOLD_BUCKETS),
                                                        LONGEST_HOLD))}


Section = Literal["compare", "traded", "handling", "timing", "signals"]
#: Reading order of the sections.
SECTIONS: tuple[Section, ...] = ("compare", "traded", "handling", "timing", "signals")

Key = Callable[[TradeFields], str]
Keys = Callable[[TradeFields], Iterable[str]]
At = Callable[[TradeTime], str]


class Dimension(NamedTuple):
    """One breakdown: its names, how a trade maps to its row(s), and how reports show it.

    A trade belongs to one row, ``key(fields)``, or, for a dimension declared with ``keys``
    instead, to each of the distinct rows ``keys(fields)`` gives: such rows overlap (a trade
    counts once in each), so they do not add up to the window.  ``comparison`` is the title note
    of the side-by-side table a dimension with a few rows gets ("" for never).  Declarations go
    through :func:`declared`, which refuses an inconsistent one.
    """

    name: str
    label: str
    section: Section
    key: Key | None = None
    keys: Keys | None = None
    comparison: str = ""
    #: A timing breakdown keys a trade by :class:`TradeTime` instead (one row per trade).
    at: At | None = None
    #: Rows a human report (text, Markdown, HTML) shows while ``--max-rows`` is at its default;
    #: None: that default.  ``--max-rows N`` shows N of every breakdown, ``--all-rows`` all; the
    #: JSON always folds at ``--max-rows``.
    report_rows: int | None = None
    #: A comparison that refines another one (PAPER vs LIVE by side refines PAPER vs LIVE): a
    #: report with room shows its variants as more columns of that comparison's table.
    extends: str | None = None

    @property
    def overlapping(self) -> bool:
        return self.keys is not None


def declared(*entries: Dimension) -> tuple[Dimension, ...]:
    """The entries, checked: unique names, a known section, exactly one of ``key`` and ``keys``."""
    seen: set[str] = set()
    for entry in entries:
        if sum(keyer is not None for keyer in (entry.key, entry.keys, entry.at)) != 1:
            raise ValueError(f"dimension {entry.name}: declare exactly one of key and keys "
                             "(or at, for timing)")
        if entry.section not in SECTIONS:
            raise ValueError(f"dimension {entry.name}: unknown section {entry.section!r}")
        if entry.name in seen:
            raise ValueError(f"dimension {entry.name}: declared twice")
        seen.add(entry.name)
    return entries


def _optional(name: str) -> Key:
    """The key is a field the line may leave out or null: such trades share one row."""
    value = attrgetter(name)

    def key(fields: TradeFields) -> str:
        return value(fields) or NO_VALUE
    return key


def _indicators(fields: TradeFields) -> Iterable[str]:
    return dict.fromkeys(fields.indicators)


def _mode_and_side(fields: TradeFields) -> str:
    return f"{fields.execution_mode} {fields.side}"


def _entry_exit(fields: TradeFields) -> str:
    return f"{fields.entry_type or NO_VALUE} x {fields.exit_reasoning or NO_VALUE}"


#: Every built-in breakdown, in declaration order (append new ones at the end).
DIMENSIONS: tuple[Dimension, ...] = declared(
    Dimension("strategy_name", "Strategy", "compare", attrgetter("strategy_name"),
              comparison="A/B comparison"),
    Dimension("symbol", "Symbol", "traded", attrgetter("symbol")),
    Dimension("entry_type", "Entry type", "handling", _optional("entry_type")),
    Dimension("side", "Side", "traded", attrgetter("side")),
    Dimension("execution_mode", "Execution mode", "compare", attrgetter("execution_mode"),
              comparison="PAPER vs LIVE"),
    # Free text with prices in it: rows are templates ("Stop loss $# triggered"), see
    # core.templates; the raw text is the --group-by field exit_reasoning_raw.
    Dimension("exit_reasoning", "Exit reason", "handling", _optional("exit_reasoning")),
    Dimension("indicator", "Indicator", "signals", keys=_indicators),
    # PAPER vs LIVE per direction: when LIVE earns less than PAPER, is it the longs, the shorts
    # (borrow fees and fills PAPER does not simulate) or both?
    Dimension("mode_side", "Mode and side", "compare", _mode_and_side,
              comparison="PAPER vs LIVE by side", extends="execution_mode"),
    # freqtrade's mix_tag_stats: which entries end how.  A cross table multiplies two
    # breakdowns the report already shows, so a person reads its top rows.
    Dimension("entry_exit", "Entry type x exit reason", "handling", _entry_exit,
              report_rows=CROSS_TABLE_ROWS),
    # Timing, by the realization (exit) instant in the report timezone; these come after the
    # field breakdowns in a trade's groups (see trade_groups), so declare them last.
    Dimension("weekday", "Exit weekday", "timing", at=attrgetter("weekday")),
    Dimension("hour", "Exit hour", "timing", at=attrgetter("hour")),
    Dimension("hold_time", "Hold time", "timing", at=attrgetter("hold")),
    Dimension("month", "Month", "timing", at=attrgetter("month")),
)

BY_NAME: Mapping[str, Dimension] = {dimension.name: dimension for dimension in DIMENSIONS}
#: Names of the built-in breakdowns in declaration order.
BUILTIN_DIMENSIONS: tuple[str, ...] = tuple(BY_NAME)
#: Breakdowns whose rows overlap: one trade appears in several rows.
OVERLAPPING_DIMENSIONS: frozenset[str] = frozenset(d.name for d in DIMENSIONS if d.overlapping)
#: Names in the order reports show them; also the ``--breakdown`` choices and their ``--help``.
READING_ORDER: tuple[str, ...] = tuple(
    d.name for d in sorted(DIMENSIONS, key=lambda d: SECTIONS.index(d.section)))

_KEYERS: tuple[tuple[str, Key | None, Keys | None], ...] = tuple(
    (d.name, d.key, d.keys) for d in DIMENSIONS if d.at is None)
_TIMED: tuple[tuple[str, At], ...] = tuple((d.name, d.at) for d in DIMENSIONS if d.at is not None)
if any(d.at is None for d in DIMENSIONS[len(_KEYERS):]):
    raise ValueError("declare the timing dimensions after every field dimension")


_EXIT_REASON_KEY = BY_NAME["exit_reasoning"].key
if _EXIT_REASON_KEY is None:
    raise ValueError("the exit_reasoning dimension must have one key per trade")


def _template_of(exit_reasoning: str | None) -> str | None:
    """What the catalogue reads as a trade's exit reason: its template (core.templates)."""
    return None if exit_reasoning is None else reason_template(exit_reasoning)


def exit_reason_key(exit_reasoning: str | None) -> str:
    """The ``exit_reasoning`` breakdown row a logged reason falls in, by the catalogue's own key
    (:data:`NO_VALUE` for none, an empty or a blank reason): a per-trade row names exactly the
    row the breakdown counts its trade in, with no second definition to drift."""
    assert _EXIT_REASON_KEY is not None
    return _EXIT_REASON_KEY(TradeFields("", "", None, "", "", _template_of(exit_reasoning), ()))


def dimension(name: str) -> Dimension | None:
    """The built-in breakdown ``name``; None for a ``--group-by`` field."""
    return BY_NAME.get(name)


def report_rows(name: str) -> int | None:
    """Rows a human report shows of breakdown ``name`` by default (None: ``--max-rows``'s)."""
    found = BY_NAME.get(name)
    return None if found is None else found.report_rows


def label(name: str) -> str:
    """Title of a breakdown; an extra ``--group-by`` field is shown as ``Field: name``."""
    found = BY_NAME.get(name)
    return found.label if found is not None else f"Field: {name}"


def trade_groups(strategy_name: str, symbol: str, entry_type: str | None, side: str,
                 execution_mode: str, exit_reasoning: str | None, indicators: Sequence[str],
                 extras: Mapping[str, object],
                 group_by: Sequence[str], *, realized_local: datetime | None = None,
                 hold_seconds: Decimal | None = None) -> tuple[tuple[str, str], ...]:
    """The breakdown rows a closed trade belongs to: built-ins in declaration order, then the
    ``--group-by`` fields.  The timing breakdowns need ``realized_local`` (the realization
    instant in the report timezone); without it a trade has no timing rows.

    Shared by the reader path and the cache (which rebuilds trades from stored columns), so
    both put a trade in exactly the same rows.
    """
    # The template, not the raw text, is the key of the groups cache: a bot's free-text reasons
    # are nearly all distinct, its templates are a handful.
    template = _template_of(exit_reasoning)
    builtin = _builtin_groups(strategy_name, symbol, entry_type, side, execution_mode,
                              template, tuple(indicators))
    if realized_local is not None:
        builtin += _timed_groups(*trade_time(realized_local, hold_seconds))
    if not group_by:
        return builtin
    return builtin + tuple(
        (name, (exit_reasoning or NO_VALUE) if name == RAW_EXIT_REASONING
         else _extra_value(extras, name)) for name in group_by)


@lru_cache(maxsize=4096)
def _builtin_groups(*values: Any) -> tuple[tuple[str, str], ...]:
    """The built-in groups of a combination of fields, computed once per distinct combination.

    A bot trades a handful of strategies, symbols and exit reasons, so most trades repeat a
    combination: a cache hit costs a fifth of what the old hand-written tuple did, and trades
    share one groups tuple.  (Walking the catalogue for every trade doubled the cost of a cold
    rebuild's grouping step.)
    """
    fields = TradeFields(*values)
    groups: list[tuple[str, str]] = []
    append = groups.append
    for name, key, keys in _KEYERS:
        if keys is not None:
            for value in keys(fields):
                append((name, value))
        elif key is not None:
            append((name, key(fields)))
    return tuple(groups)


@lru_cache(maxsize=4096)
def _timed_groups(*values: str) -> tuple[tuple[str, str], ...]:
    """The timing groups of one combination of weekday, hour, month and hold bucket."""
    time = TradeTime(*values)
    return tuple((name, at(time)) for name, at in _TIMED)


def _extra_value(extras: Mapping[str, object], name: str) -> str:
    if name not in extras:
        return MISSING_FIELD
    value = extras[name]
    if value is None:
        return NO_VALUE
    if isinstance(value, str):
        return value
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return str(value)
    return json.dumps(value, default=str, sort_keys=True)
