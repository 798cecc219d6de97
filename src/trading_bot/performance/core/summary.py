"""PerformanceSummary: the one value every output (JSON, Markdown, text, alerts) is made from.

Built by :func:`build_summary` from an aggregate and the facts about the files read; pure.
``to_dict`` is the JSON contract of ``specs/performance-summary.schema.json``: money and ratios
are exact decimal strings, undefined metrics are null with a reason.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from operator import attrgetter
from typing import Any

from trading_bot.performance.core.aggregate import (
    OVERLAPPING_DIMENSIONS,
    Aggregate,
    CoreStats,
    Extreme,
    OrderKey,
)
from trading_bot.performance.core.capital import CONVENTION_NAMES, AccountBasis, Capital
from trading_bot.performance.core.decimals import ZERO, canonical, divide, exact_sums
from trading_bot.performance.core.episodes import episodes_summary
from trading_bot.performance.core.filters import FilterReport
from trading_bot.performance.core.metrics import MetricSet, MetricValue, core_metrics
from trading_bot.performance.core.ratios import Ratios, window_ratios
from trading_bot.performance.core.timestamps import format_instant, resolve_timezone

SCHEMA_VERSION = 1
MAX_EXAMPLES = 10
#: How many rows of a breakdown an answer shows before folding the rest into one remainder row.
DEFAULT_MAX_ROWS = 25
#: How many open positions an answer lists at each end (oldest, newest); ``max_rows`` caps it.
OPEN_EACH_END = 10
#: An open position older than this is stale (``--stale-after``, targets ``stale_after``).
DEFAULT_STALE_AFTER_SECONDS = 7 * 86400
_AGE_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}


def age_seconds(text: str) -> int:
    """An age as given on the command line or in the targets file: ``7d``, ``36h``, ``90m``,
    ``45s`` or a bare number of days; ValueError when it is not a positive whole amount."""
    spelled = text.strip().lower()
    unit = spelled[-1:] if spelled[-1:] in _AGE_UNITS else "d"
    number = spelled[:-1] if spelled[-1:] in _AGE_UNITS else spelled
    if not number.isdigit() or int(number) <= 0:
        raise ValueError(f"expected a positive age such as 7d, 36h or 90m, got {text!r}")
    return int(number) * _AGE_UNITS[unit]


#: Age buckets of the open positions: (label, lower bound in seconds), youngest first.
AGE_BUCKETS: tuple[tuple[str, int], ...] = (
    ("under 1 day", 0), ("1-7 days", 86400), ("7-30 days", 7 * 86400),
    ("30-90 days", 30 * 86400), ("90 days or more", 90 * 86400))
#: The rule that chooses the shown rows, in the JSON beside every folded breakdown.
FOLD_RULE = ("the rows with the most closed trades (ties: larger |net P&L|, then key) are shown; "
             "the rest are summed exactly in the last row")


@dataclass(frozen=True, slots=True)
class OpenPosition:
    """A trade whose latest line is open at the evaluation instant."""

    order_id: str
    symbol: str
    side: str
    quantity: Decimal
    price: Decimal
    strategy_name: str
    execution_mode: str
    entry_at: datetime
    age_seconds: int
    source: str
    #: An open lot (``lot``) paired from executions: its account, how many fills built it since
    #: it left flat (``price`` is then the average cost of what is still open, ``entry_at`` and
    #: ``source`` its first fill), and whether pairing inferred it (not one whole logged fill).
    lot: bool = False
    account_id: str | None = None
    fills: int = 1
    inferred: bool = False
    #: What the open quantity cost (sum of its lots' quantity x price); None: ``price`` x quantity.
    cost: Decimal | None = None
    #: With marks (``--marks``): its symbol's mark (None: no mark given) and the open P&L there.
    mark: Decimal | None = None
    unrealized: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PairingReport:
    """What FIFO pairing of executions contributed to a window, in the report's own words.

    ``executions``: execution lines dated inside the window (local days); ``round_trips``: round
    trips realized in it; ``open_positions``: open lots at its end.  Out-of-order fills and
    positions that flipped are the data-quality remarks of the window's files.
    """

    mode: str
    executions: int
    round_trips: int
    open_positions: int
    out_of_order: int = 0
    out_of_order_examples: tuple[str, ...] = ()
    flips: int = 0
    flip_examples: tuple[str, ...] = ()

    @property
    def sentence(self) -> str:
        return (f"{_count(self.executions, 'execution')} paired FIFO into "
                f"{_count(self.round_trips, 'round trip')}; "
                f"{_count(self.open_positions, 'position')} open")

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "rule": "executions (open lines no later line closes by order_id) paired FIFO per "
                    "execution_mode, account_id and symbol into round trips, flat to flat",
            "executions": self.executions,
            "round_trips": self.round_trips,
            "open_positions": self.open_positions,
            "summary": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class MarksReport:
    """Marks given for open positions: the open P&L of those with a mark, and who had none."""

    given: int
    unrealized: Decimal
    unmarked: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"given": self.given, "unrealized_profit_loss": canonical(self.unrealized),
                "unmarked_symbols": list(self.unmarked)}


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class DataQuality:
    """What was read and what was wrong with it, with ``file:line`` examples."""

    files_read: tuple[str, ...] = ()
    files_missing: tuple[str, ...] = ()
    files_skipped: tuple[str, ...] = ()
    lines_read: int = 0
    valid_lines: int = 0
    bad_lines: int = 0
    bad_line_examples: tuple[str, ...] = ()
    bad_lines_per_file: Mapping[str, int] = field(default_factory=dict)
    duplicates: int = 0
    duplicate_examples: tuple[str, ...] = ()
    superseded: int = 0
    reopened: int = 0
    reopened_examples: tuple[str, ...] = ()
    inconsistent: int = 0
    inconsistent_examples: tuple[str, ...] = ()
    misplaced: int = 0
    misplaced_examples: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "files_read": list(self.files_read),
            "files_missing": list(self.files_missing),
            "files_skipped": list(self.files_skipped),
            "lines_read": self.lines_read,
            "valid_lines": self.valid_lines,
            "bad_lines": self.bad_lines,
            "bad_line_examples": list(self.bad_line_examples),
            "bad_lines_per_file": dict(sorted(self.bad_lines_per_file.items())),
            "duplicates": self.duplicates,
            "duplicate_examples": list(self.duplicate_examples),
            "superseded": self.superseded,
            "reopened": self.reopened,
            "reopened_examples": list(self.reopened_examples),
            "inconsistent": self.inconsistent,
            "inconsistent_examples": list(self.inconsistent_examples),
            "misplaced": self.misplaced,
            "misplaced_examples": list(self.misplaced_examples),
        }


@dataclass(frozen=True, slots=True)
class EmptyReason:
    """Why a window has no closed trades, and what the operator can try."""

    code: str
    message: str
    hint: str


@dataclass(frozen=True, slots=True)
class Period:
    """The span a summary covers; for rolling windows, the dates of the trades it found."""

    window: str
    label: str
    start: date | None
    end: date
    complete: bool
    trades_requested: int | None = None


@dataclass(frozen=True)
class PerformanceSummary:
    """A window's performance, exact and self-describing."""

    period: Period
    timezone: str
    as_of: datetime
    generated_at: datetime
    aggregate: Aggregate
    open_positions: tuple[OpenPosition, ...]
    trading_days: int
    data_quality: DataQuality
    empty: EmptyReason | None = None
    group_by: tuple[str, ...] = ()
    #: Present when executions were paired and that inferred something (or ``--pairing fifo``).
    pairing: PairingReport | None = None
    #: Present when marks were given for the open positions.
    marks: MarksReport | None = None
    #: Rows an answer shows per breakdown (the rest fold into one exact remainder row) and caps
    #: the open-position list; None shows everything (``--all-rows``).
    max_rows: int | None = DEFAULT_MAX_ROWS
    #: Open positions older than this many seconds are stale.
    stale_after_seconds: int = DEFAULT_STALE_AFTER_SECONDS

    def shown_rows(self, dimension: str) -> ShownRows:
        """The rows of a breakdown an answer shows, with the exact remainder of the rest."""
        return bounded_rows(self.aggregate.breakdown_stats.get(dimension, {}), self.max_rows)

    @cached_property
    def open_view(self) -> OpenPositions:
        """The open positions as an answer shows them: exact totals, a bounded list (computed
        once: every renderer asks several times, and a forgotten-entries log has thousands)."""
        return open_positions_view(self.open_positions, self.max_rows, self.stale_after_seconds)
    #: The account size (``--starting-balance``) the account ratios are relative to.
    starting_balance: Decimal | None = None
    #: The capital from the targets file's accounts (cash flows included) and the ratio
    #: options (``--ratios``); a ``starting_balance`` is used when it holds no capital.
    account: AccountBasis | None = None
    #: Present when a ``--where`` filter chose the trades: what it kept and what it left out.
    filters: FilterReport | None = None

    @property
    def window(self) -> str:
        return self.period.window

    @property
    def metrics(self) -> MetricSet:
        """Core metrics plus the window-level ones (drawdown, streaks, days, open trades)."""
        base = core_metrics(self.aggregate.core)
        values: dict[str, MetricValue] = dict(base.values)
        reasons = dict(base.null_reasons)
        aggregate = self.aggregate
        values["open_trades"] = len(self.open_positions)
        values["trading_days"] = self.trading_days
        if self.trading_days:
            values["trades_per_day"] = divide(Decimal(aggregate.core.closed),
                                              Decimal(self.trading_days))
        else:
            values["trades_per_day"] = None
            reasons["trades_per_day"] = "no log file for any day of the period"
        values["max_drawdown"] = -aggregate.drawdown.max_drawdown
        values["current_drawdown"] = -aggregate.drawdown.current
        values["longest_win_streak"] = aggregate.streaks.longest_win
        values["longest_loss_streak"] = aggregate.streaks.longest_loss
        days = aggregate.day_stats.values()
        values["winning_days"] = sum(1 for stats in days if stats.net > 0)
        values["losing_days"] = sum(1 for stats in days if stats.net < 0)
        return MetricSet(values, reasons)

    @property
    def account_basis(self) -> AccountBasis:
        """The capital and ratio options of the account figures (``starting_balance`` when the
        basis holds no capital)."""
        basis = self.account or AccountBasis()
        if basis.capital is None and self.starting_balance is not None:
            basis = AccountBasis(Capital(self.starting_balance), basis.options)
        return basis

    @property
    def capital(self) -> Capital | None:
        """The capital the account figures and drawdown fractions are on; None too when it
        does not cover the window's trades (``account_basis.unavailable`` says why)."""
        basis = self.account_basis
        return None if basis.unavailable is not None else basis.capital

    @cached_property
    def ratios(self) -> Ratios:
        """Return on the contributed capital and the ratios (None without a balance), computed
        once: every renderer asks."""
        aggregate = self.aggregate
        period = self.period
        return window_ratios(self.account_basis, period.start, period.end, aggregate.core,
                             aggregate.moments, aggregate.drawdown, aggregate.tail,
                             {day: stats.net for day, stats in aggregate.day_stats.items()},
                             resolve_timezone(self.timezone))

    def account_dict(self) -> dict[str, Any]:
        """The JSON ``account`` block: the capital, ``D``, the ratios and why any is null."""
        ratios = self.ratios
        capital = self.capital
        options = ratios.options
        return {
            "starting_balance": (None if ratios.starting_balance is None
                                 else canonical(ratios.starting_balance)),
            "days": ratios.days,
            "convention": CONVENTION_NAMES[options.convention],
            "daily_returns": None if options.convention != "daily" else {
                "periods_per_year": options.periods_per_year, "days": ratios.periods},
            "capital": None if capital is None or ratios.capital_end is None else {
                "source": capital.source,
                "at_start": canonical(ratios.starting_balance or ZERO),
                "at_end": canonical(ratios.capital_end),
                "cash_flows": [flow.to_dict() for flow in ratios.cash_flows],
                "accounts": [account.to_dict() for account in capital.accounts],
            },
            "metrics": _json_values(ratios.values),
            "null_reasons": dict(sorted(ratios.null_reasons.items())),
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; validates against ``specs/performance-summary.schema.json``."""
        metric_set = self.metrics
        aggregate = self.aggregate
        drawdown = aggregate.drawdown
        streaks = aggregate.streaks
        period = self.period
        day_rows = sorted(aggregate.day_stats.items())
        open_view = self.open_view
        document: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "generated_at": format_instant(self.generated_at),
            "window": period.window,
            "period": {
                "label": period.label,
                "start": period.start.isoformat() if period.start else None,
                "end": period.end.isoformat(),
                "complete": period.complete,
                "trades_requested": period.trades_requested,
            },
            "timezone": self.timezone,
            "as_of": format_instant(self.as_of),
            "status": "empty" if self.empty else "ok",
            "empty_reason": None if self.empty is None else {
                "code": self.empty.code, "message": self.empty.message, "hint": self.empty.hint,
            },
            "metrics": _json_values(metric_set.values),
            "null_reasons": dict(sorted(metric_set.null_reasons.items())),
            "largest_win": _extreme(aggregate.largest_win),
            "largest_loss": _extreme(aggregate.largest_loss),
            "streaks": {
                "current": None if streaks.last_kind is None else {
                    "kind": streaks.last_kind, "length": streaks.last_length,
                },
                "longest_win": streaks.longest_win,
                "longest_loss": streaks.longest_loss,
            },
            "drawdown": {
                "max": canonical(-drawdown.max_drawdown),
                "peak_at": _instant(drawdown.max_peak_key),
                "trough_at": _instant(drawdown.max_trough_key),
                "current": canonical(-drawdown.current),
                "basis": "cumulative realized net P&L within the window, from 0 at its start",
            },
            "daily": [{"date": day.isoformat(), **_row(stats)} for day, stats in day_rows],
            "best_day": _day_extreme(day_rows, best=True),
            "worst_day": _day_extreme(day_rows, best=False),
            "open_positions": [_open_position(position, lots=self.pairing is not None,
                                              marked=self.marks is not None,
                                              stale=position.age_seconds > self.stale_after_seconds)
                               for position in open_view.listed],
            "open_positions_summary": open_view.to_dict(),
            "breakdowns": {
                dimension: _breakdown(dimension, self.shown_rows(dimension))
                for dimension in aggregate.breakdown_stats
            },
            "group_by": list(self.group_by),
            "data_quality": {**self.data_quality.to_dict(), "stale_positions": open_view.stale},
        }
        # Optional parts, absent unless used, so a log of logged trades reads as it always did.
        if self.pairing is not None:
            document["pairing"] = self.pairing.to_dict()
            document["data_quality"].update({
                "out_of_order_fills": self.pairing.out_of_order,
                "out_of_order_examples": list(self.pairing.out_of_order_examples),
                "flipped_positions": self.pairing.flips,
                "flip_examples": list(self.pairing.flip_examples),
            })
        if self.marks is not None:
            document["marks"] = self.marks.to_dict()
        if self.filters is not None:
            document["filters"] = self.filters.to_dict()
        document["account"] = self.account_dict()
        document["drawdown_episodes"] = episodes_summary(
            aggregate.day_stats, period.start, period.end, self.capital)
        return document


def _json_value(value: MetricValue) -> Any:
    return canonical(value) if isinstance(value, Decimal) else value


def _json_values(values: Mapping[str, MetricValue]) -> dict[str, Any]:
    return {name: _json_value(value) for name, value in values.items()}


def _row(stats: CoreStats) -> dict[str, Any]:
    return _json_values(core_metrics(stats).values)


def sorted_rows(rows: Mapping[str, CoreStats]) -> list[tuple[str, CoreStats]]:
    return sorted(rows.items(), key=lambda item: (-item[1].net, item[0]))


@dataclass(frozen=True, slots=True)
class ShownRows:
    """A breakdown as an answer shows it: at most ``max_rows`` rows, by net P&L best first, and
    the exact sum of the rest (``other``), so shown rows plus remainder add up to the window.

    Which rows are shown is decided by closed trades (then |net P&L|, then key): a person wants
    the reasons, symbols or strategies that carry the trading, whatever their sign.
    """

    rows: tuple[tuple[str, CoreStats], ...]
    total: int
    other: CoreStats | None = None

    @property
    def folded(self) -> int:
        return self.total - len(self.rows)

    @property
    def other_key(self) -> str:
        return f"other: {self.folded:,} value{'' if self.folded == 1 else 's'}"

    def with_other(self) -> list[tuple[str, CoreStats]]:
        """The shown rows, then the remainder row when rows were folded."""
        rows = list(self.rows)
        if self.other is not None:
            rows.append((self.other_key, self.other))
        return rows


def _weight(item: tuple[str, CoreStats]) -> tuple[int, Decimal, str]:
    key, stats = item
    return (-stats.closed, -abs(stats.net), key)


def bounded_rows(rows: Mapping[str, CoreStats], max_rows: int | None) -> ShownRows:
    """The top ``max_rows`` rows (None: all) and the exact sum of the others.

    Costs one pass over the rows and one sort of the shown ones: the answer for 55,000 distinct
    keys is as large as the answer for 25.
    """
    if max_rows is None or len(rows) <= max_rows:
        return ShownRows(tuple(sorted_rows(rows)), len(rows))
    items = list(rows.items())
    items.sort(key=_weight)
    shown = dict(items[:max_rows])
    return ShownRows(tuple(sorted_rows(shown)), len(rows),
                     sum_stats(stats for _, stats in items[max_rows:]))


def sum_stats(stats: Iterable[CoreStats]) -> CoreStats:
    """Exact field-wise sum of many rows (one exact-sum context for all of them)."""
    columns: list[Any] = [ZERO if isinstance(value, Decimal) else 0
                          for value in _stat_values(EMPTY_STATS)]
    with exact_sums():
        for row in stats:
            columns = [total + value for total, value in zip(columns, _stat_values(row),
                                                              strict=True)]
        return CoreStats(*columns)


EMPTY_STATS = CoreStats()
_stat_values = attrgetter(*(item.name for item in fields(CoreStats)))


def _breakdown(dimension: str, shown: ShownRows) -> dict[str, Any]:
    rows = [{"key": key, **_row(stats)} for key, stats in shown.rows]
    if shown.other is not None:
        rows.append({"key": shown.other_key, **_row(shown.other), "folded_values": shown.folded})
    return {
        "overlapping": dimension in OVERLAPPING_DIMENSIONS,
        "rows": rows,
        "row_count": shown.total,
        "folded": None if shown.other is None else {"values": shown.folded, "rule": FOLD_RULE},
    }


@dataclass(frozen=True, slots=True)
class OpenPositions:
    """Open positions as an answer shows them: exact count, exposure and stale count, the
    counts by age bucket, and a list of the oldest and newest few (``hidden`` in between)."""

    count: int
    exposure: Decimal
    stale: int
    stale_after_seconds: int
    by_age: tuple[tuple[str, int], ...]
    oldest: tuple[OpenPosition, ...]
    newest: tuple[OpenPosition, ...]

    @property
    def listed(self) -> tuple[OpenPosition, ...]:
        return self.oldest + self.newest

    @property
    def hidden(self) -> int:
        return self.count - len(self.oldest) - len(self.newest)

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "exposure": canonical(self.exposure),
            "stale": self.stale,
            "stale_after_seconds": self.stale_after_seconds,
            "listed": len(self.oldest) + len(self.newest),
            "not_listed": self.hidden,
            "by_age": [{"age": label, "count": count} for label, count in self.by_age],
        }


def position_cost(position: OpenPosition) -> Decimal:
    """What the open quantity cost at entry (average cost for a lot)."""
    return position.cost if position.cost is not None else position.quantity * position.price


def open_positions_view(positions: Sequence[OpenPosition], max_rows: int | None,
                        stale_after_seconds: int) -> OpenPositions:
    """Exact totals of every open position and the oldest and newest few of them.

    Exposure is the gross entry cost (longs and shorts alike): what is tied up, not a P&L.
    """
    ordered = sorted(positions, key=lambda position: (position.entry_at, position.order_id))
    each = OPEN_EACH_END if max_rows is None else min(OPEN_EACH_END, max_rows)
    oldest: tuple[OpenPosition, ...] = tuple(ordered)
    newest: tuple[OpenPosition, ...] = ()
    if max_rows is not None and len(ordered) > 2 * each:
        oldest, newest = tuple(ordered[:each]), tuple(ordered[-each:])
    counts = [0] * len(AGE_BUCKETS)
    bounds = [bound for _, bound in AGE_BUCKETS]
    stale = 0
    with exact_sums():
        exposure = ZERO
        for position in ordered:
            age = position.age_seconds
            counts[bisect_right(bounds, age) - 1 if age >= 0 else 0] += 1
            stale += age > stale_after_seconds
            exposure += position_cost(position)
    by_age = tuple((label, count) for (label, _), count in zip(AGE_BUCKETS, counts, strict=True))
    return OpenPositions(len(ordered), exposure, stale, stale_after_seconds, by_age, oldest,
                         newest)


def _extreme(extreme: Extreme | None) -> dict[str, Any] | None:
    if extreme is None:
        return None
    return {
        "order_id": extreme.order_id,
        "symbol": extreme.symbol,
        "net_profit_loss": canonical(extreme.net),
        "realized_at": format_instant(extreme.key[0]),
    }


def _instant(key: OrderKey | None) -> str | None:
    """Instant of a drawdown point; None for a peak at the window's starting zero."""
    return None if key is None else format_instant(key[0])


def _day_extreme(rows: list[tuple[date, CoreStats]], *, best: bool) -> dict[str, Any] | None:
    if not rows:
        return None
    chooser = max if best else min
    day, stats = chooser(rows, key=lambda item: item[1].net)
    return {"date": day.isoformat(), "net_profit_loss": canonical(stats.net),
            "closed_trades": stats.closed}


def _open_position(position: OpenPosition, *, lots: bool, marked: bool,
                   stale: bool) -> dict[str, Any]:
    document: dict[str, Any] = {
        "order_id": position.order_id,
        "symbol": position.symbol,
        "side": position.side,
        "quantity": canonical(position.quantity),
        "price": canonical(position.price),
        "strategy_name": position.strategy_name,
        "execution_mode": position.execution_mode,
        "entry_at": format_instant(position.entry_at),
        "age_seconds": position.age_seconds,
        "source": position.source,
        "stale": stale,
    }
    if lots:
        document["account_id"] = position.account_id
        document["fills"] = position.fills
    if marked:
        document["mark"] = None if position.mark is None else canonical(position.mark)
        document["unrealized_profit_loss"] = (None if position.unrealized is None
                                              else canonical(position.unrealized))
    return document
