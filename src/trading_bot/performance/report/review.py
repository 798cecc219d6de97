"""The weekly and monthly review: rankings, change against the previous period, observations.

Pure functions from the current (and previous) :class:`PerformanceSummary` to frozen values; the
renderers only format them.  Every observation carries the numbers that triggered it, in its
sentence and as exact values, so a reader can check it and a test can pin it.

Rules and thresholds (``min_sample`` is ``--min-sample``, default 20 closed trades):

* **Best and worst** strategy, indicator and symbol: highest and lowest expectancy (net P&L per
  closed trade) among rows with at least ``min_sample`` trades; ties go to the row with more
  trades, then to the name.  Only one eligible row gives a best and no worst.
* **Change against the previous period** for the headline metrics (:data:`HEADLINE_METRICS`):
  current minus previous; rates change in percentage points.  Undefined on either side gives no
  change, never 0.
* ``low_win_rate``: an indicator whose win rate is under :data:`LOW_WIN_RATE` (40%) over at least
  ``min_sample`` trades.
* ``rr_cannot_pay``: the whole period and each strategy with at least ``min_sample`` trades whose
  average planned R:R is below the break-even R:R ``1 / decided win rate - 1`` (= losses / wins).
  The decided win rate (breakevens left out) is used because a breakeven neither pays nor costs
  R; with no breakevens it equals the win rate.  No wins at all means no R:R can pay.
* ``negative_expectancy``: a strategy that lost money per trade over at least ``min_sample``
  trades.
* ``live_below_paper``: PAPER and LIVE both have at least ``min_sample`` trades and LIVE's
  expectancy is below PAPER's (slippage, fills and commission are the usual suspects).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from trading_bot.performance.core.aggregate import CoreStats
from trading_bot.performance.core.decimals import canonical, divide, quantize_for_display
from trading_bot.performance.core.dimensions import BY_NAME as DIMENSIONS
from trading_bot.performance.core.formatting import MIN_SAMPLE, money, percent, plural
from trading_bot.performance.core.metric_catalogue import HEADLINE
from trading_bot.performance.core.metrics import MetricValue, core_metrics
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.core.timestamps import SUPPORTED_YEARS

#: Windows that get a review section (a day is too short to judge, a range has no "previous").
REVIEW_WINDOWS = frozenset({"weekly", "monthly"})
#: The metrics compared with the previous period, in reading order (a view of the catalogue).
HEADLINE_METRICS: tuple[str, ...] = tuple(entry.name for entry in HEADLINE)
#: Dimensions ranked by expectancy.
RANKED_DIMENSIONS: tuple[str, ...] = ("strategy_name", "indicator", "symbol")
assert set(RANKED_DIMENSIONS) <= set(DIMENSIONS), "the review ranks catalogued breakdowns"
LOW_WIN_RATE = Decimal("0.40")

Number = Decimal | int


@dataclass(frozen=True, slots=True)
class Ranked:
    """One breakdown row as the ranking sees it."""

    key: str
    closed: int
    expectancy: Decimal
    net: Decimal


@dataclass(frozen=True, slots=True)
class Standing:
    """Best and worst row of a dimension among the ``eligible`` rows with enough trades."""

    dimension: str
    best: Ranked | None
    worst: Ranked | None
    eligible: int
    rows: int


@dataclass(frozen=True, slots=True)
class Change:
    """A headline metric now and in the previous period; ``delta`` None when either is undefined."""

    metric: str
    current: MetricValue
    previous: MetricValue
    delta: Number | None


@dataclass(frozen=True, slots=True)
class Observation:
    """A plain-language finding of one rule, with the numbers behind it.

    ``subject`` and ``message`` may contain logged text (an indicator's name): renderers escape
    them like any other logged string.
    """

    rule: str
    subject: str
    message: str
    numbers: tuple[tuple[str, Number], ...]


@dataclass(frozen=True, slots=True)
class Review:
    """Everything the review section shows."""

    min_sample: int
    previous_label: str | None
    previous_empty: bool
    standings: tuple[Standing, ...]
    changes: tuple[Change, ...]
    observations: tuple[Observation, ...]


def has_review(summary: PerformanceSummary) -> bool:
    return summary.window in REVIEW_WINDOWS


def previous_anchor(summary: PerformanceSummary) -> date | None:
    """A day inside the period before ``summary``'s (for ``get_summary(window, on=...)``).

    The day before a weekly or monthly period's first day lies in the previous week or month;
    other windows have no review, hence no previous period.
    """
    if not has_review(summary) or summary.period.start is None:
        return None
    if summary.period.start <= date(SUPPORTED_YEARS[0], 1, 1):
        return None                  # before the first supported day: no period to read
    return summary.period.start - timedelta(days=1)


def build_review(summary: PerformanceSummary, previous: PerformanceSummary | None = None, *,
                 min_sample: int = MIN_SAMPLE) -> Review:
    """The review of ``summary``; ``previous`` is the period before it, None when unknown."""
    breakdowns = summary.aggregate.breakdown_stats
    standings = tuple(_standing(name, breakdowns.get(name, {}), min_sample)
                      for name in RANKED_DIMENSIONS)
    return Review(
        min_sample=min_sample,
        previous_label=None if previous is None else previous.period.label,
        previous_empty=previous is not None and previous.aggregate.core.closed == 0,
        standings=standings,
        changes=_changes(summary, previous),
        observations=observations(summary, min_sample=min_sample),
    )


def _standing(dimension: str, rows: Mapping[str, CoreStats], min_sample: int) -> Standing:
    eligible = [Ranked(key, stats.closed, divide(stats.net, Decimal(stats.closed)), stats.net)
                for key, stats in rows.items() if stats.closed >= min_sample and stats.closed]
    if not eligible:
        return Standing(dimension, None, None, 0, len(rows))
    order = sorted(eligible, key=lambda row: (-row.expectancy, -row.closed, row.key))
    worst = min(eligible, key=lambda row: (row.expectancy, -row.closed, row.key))
    return Standing(dimension, order[0], worst if len(eligible) > 1 else None, len(eligible),
                    len(rows))


def _changes(summary: PerformanceSummary,
             previous: PerformanceSummary | None) -> tuple[Change, ...]:
    if previous is None:
        return ()
    now, before = summary.metrics.values, previous.metrics.values
    changes = []
    for name in HEADLINE_METRICS:
        current, earlier = now.get(name), before.get(name)
        delta = None if current is None or earlier is None else current - earlier
        changes.append(Change(name, current, earlier, delta))
    return tuple(changes)


def observations(summary: PerformanceSummary, *,
                 min_sample: int = MIN_SAMPLE) -> tuple[Observation, ...]:
    """Every rule's findings, in rule order, then by subject."""
    breakdowns = summary.aggregate.breakdown_stats
    found: list[Observation] = []
    for name, stats in sorted(breakdowns.get("indicator", {}).items()):
        found += _low_win_rate(name, stats, min_sample)
    found += _rr_cannot_pay("The period", summary.aggregate.core, min_sample)
    for name, stats in sorted(breakdowns.get("strategy_name", {}).items()):
        found += _rr_cannot_pay(f"Strategy {name}", stats, min_sample)
    for name, stats in sorted(breakdowns.get("strategy_name", {}).items()):
        found += _negative_expectancy(name, stats, min_sample)
    modes = breakdowns.get("execution_mode", {})
    found += _live_below_paper(modes.get("PAPER"), modes.get("LIVE"), min_sample)
    return tuple(found)


def _low_win_rate(name: str, stats: CoreStats, min_sample: int) -> list[Observation]:
    if stats.closed < min_sample or not stats.closed:
        return []
    win_rate = divide(Decimal(stats.wins), Decimal(stats.closed))
    if win_rate >= LOW_WIN_RATE:
        return []
    message = (f"Indicator {name}: win rate {percent(win_rate)} over "
               f"{plural(stats.closed, 'trade')} ({plural(stats.wins, 'win')}), under the "
               f"{percent(LOW_WIN_RATE)} threshold.")
    return [Observation("low_win_rate", f"indicator {name}", message,
                        (("win_rate", win_rate), ("closed_trades", stats.closed),
                         ("wins", stats.wins), ("threshold", LOW_WIN_RATE)))]


def _rr_cannot_pay(subject: str, stats: CoreStats, min_sample: int) -> list[Observation]:
    if stats.closed < min_sample or not stats.rr_count or stats.wins + stats.losses == 0:
        return []
    planned = divide(stats.rr_sum, Decimal(stats.rr_count))
    shown = quantize_for_display(planned, 2)
    if stats.wins == 0:
        message = (f"{subject}: no wins in {plural(stats.closed, 'trade')} "
                   f"({plural(stats.losses, 'loss', 'losses')}), so no planned R:R "
                   f"(average here {shown}) can pay for the losses.")
        return [Observation("rr_cannot_pay", subject, message,
                            (("average_planned_rr", planned), ("wins", 0),
                             ("losses", stats.losses), ("closed_trades", stats.closed)))]
    decided = divide(Decimal(stats.wins), Decimal(stats.wins + stats.losses))
    break_even = divide(Decimal(stats.losses), Decimal(stats.wins))
    if planned >= break_even:
        return []
    message = (f"{subject}: average planned R:R {shown} cannot pay for a decided win rate of "
               f"{percent(decided)} ({plural(stats.wins, 'win')}, "
               f"{plural(stats.losses, 'loss', 'losses')}); breaking even "
               f"needs R:R {quantize_for_display(break_even, 2)} (1/win rate - 1).")
    return [Observation("rr_cannot_pay", subject, message,
                        (("average_planned_rr", planned), ("break_even_rr", break_even),
                         ("decided_win_rate", decided), ("wins", stats.wins),
                         ("losses", stats.losses), ("closed_trades", stats.closed)))]


def _negative_expectancy(name: str, stats: CoreStats, min_sample: int) -> list[Observation]:
    if stats.closed < min_sample or not stats.closed or stats.net >= 0:
        return []
    expectancy = divide(stats.net, Decimal(stats.closed))
    message = (f"Strategy {name} lost {money(-expectancy)} per trade on average over "
               f"{plural(stats.closed, 'trade')} (net {money(stats.net)}).")
    return [Observation("negative_expectancy", f"strategy {name}", message,
                        (("expectancy", expectancy), ("net_profit_loss", stats.net),
                         ("closed_trades", stats.closed)))]


def _live_below_paper(paper: CoreStats | None, live: CoreStats | None,
                      min_sample: int) -> list[Observation]:
    if paper is None or live is None or min(paper.closed, live.closed) < min_sample:
        return []
    paper_values, live_values = core_metrics(paper).values, core_metrics(live).values
    paper_expectancy, live_expectancy = paper_values["expectancy"], live_values["expectancy"]
    assert isinstance(paper_expectancy, Decimal) and isinstance(live_expectancy, Decimal)
    if live_expectancy >= paper_expectancy:
        return []
    gap = paper_expectancy - live_expectancy
    message = (f"LIVE earns {money(gap)} less per trade than PAPER ({money(live_expectancy)} over "
               f"{plural(live.closed, 'trade')} against {money(paper_expectancy)} over "
               f"{paper.closed}); "
               "check slippage, fills and commission.")
    return [Observation("live_below_paper", "execution mode", message,
                        (("live_expectancy", live_expectancy),
                         ("paper_expectancy", paper_expectancy),
                         ("live_closed_trades", live.closed),
                         ("paper_closed_trades", paper.closed)))]


# --------------------------------------------------------------------------------------------
# JSON: the review as the report document carries it (``review`` in the summary schema).
# --------------------------------------------------------------------------------------------

def _number(value: MetricValue) -> Any:
    return canonical(value) if isinstance(value, Decimal) else value


def _ranked(row: Ranked | None) -> dict[str, Any] | None:
    return None if row is None else {"key": row.key, "closed_trades": row.closed,
                                     "expectancy": canonical(row.expectancy),
                                     "net_profit_loss": canonical(row.net)}


def review_to_dict(review: Review) -> dict[str, Any]:
    """The review with every number exact (decimal strings), as the text shows it rounded."""
    return {
        "min_sample": review.min_sample,
        "previous_period": None if review.previous_label is None else {
            "label": review.previous_label, "empty": review.previous_empty},
        "standings": [{"dimension": standing.dimension, "best": _ranked(standing.best),
                       "worst": _ranked(standing.worst), "eligible_rows": standing.eligible,
                       "rows": standing.rows} for standing in review.standings],
        "changes": [{"metric": change.metric, "current": _number(change.current),
                     "previous": _number(change.previous), "delta": _number(change.delta)}
                    for change in review.changes],
        "observations": [{"rule": found.rule, "subject": found.subject, "message": found.message,
                          "numbers": {name: _number(value) for name, value in found.numbers}}
                         for found in review.observations],
    }


def review_document(summary: PerformanceSummary, previous: PerformanceSummary | None, *,
                    min_sample: int = MIN_SAMPLE) -> dict[str, Any] | None:
    """The JSON ``review``: None for a window that has no review (daily, range, rolling)."""
    if not has_review(summary):
        return None
    return review_to_dict(build_review(summary, previous, min_sample=min_sample))
