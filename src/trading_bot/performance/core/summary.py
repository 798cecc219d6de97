"""PerformanceSummary: the one value every output (JSON, Markdown, text, alerts) is made from.

Built by :func:`build_summary` from an aggregate and the facts about the files read; pure.
``to_dict`` is the JSON contract of ``specs/performance-summary.schema.json``: money and ratios
are exact decimal strings, undefined metrics are null with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Mapping

from trading_bot.performance.core.aggregate import OVERLAPPING_DIMENSIONS, Aggregate, CoreStats, Extreme, OrderKey
from trading_bot.performance.core.decimals import canonical, divide
from trading_bot.performance.core.metrics import MetricSet, MetricValue, core_metrics
from trading_bot.performance.core.timestamps import format_instant

SCHEMA_VERSION = 1
MAX_EXAMPLES = 10


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

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; validates against ``specs/performance-summary.schema.json``."""
        metric_set = self.metrics
        aggregate = self.aggregate
        drawdown = aggregate.drawdown
        streaks = aggregate.streaks
        period = self.period
        day_rows = sorted(aggregate.day_stats.items())
        return {
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
            "open_positions": [_open_position(position) for position in self.open_positions],
            "breakdowns": {
                dimension: {
                    "overlapping": dimension in OVERLAPPING_DIMENSIONS,
                    "rows": [{"key": key, **_row(stats)} for key, stats in sorted_rows(rows)],
                }
                for dimension, rows in aggregate.breakdown_stats.items()
            },
            "group_by": list(self.group_by),
            "data_quality": self.data_quality.to_dict(),
        }


def _json_value(value: MetricValue) -> Any:
    return canonical(value) if isinstance(value, Decimal) else value


def _json_values(values: Mapping[str, MetricValue]) -> dict[str, Any]:
    return {name: _json_value(value) for name, value in values.items()}


def _row(stats: CoreStats) -> dict[str, Any]:
    return _json_values(core_metrics(stats).values)


def sorted_rows(rows: Mapping[str, CoreStats]) -> list[tuple[str, CoreStats]]:
    return sorted(rows.items(), key=lambda item: (-item[1].net, item[0]))


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


def _open_position(position: OpenPosition) -> dict[str, Any]:
    return {
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
    }
