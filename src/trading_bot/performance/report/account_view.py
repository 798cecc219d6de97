"""What the text and Markdown reports show of the account figures and the drawdown episodes.

Shown only when a starting balance was given (``--starting-balance`` or the targets file's
``accounts``): without one every
account figure is null, and a report of a bot that never stated its account size reads as it
always did.  The JSON carries both blocks always.  Labels and formats come from the metric
catalogue; the strings here are plain (no logged text), so both formats use them as they are.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from trading_bot.performance.core.decimals import quantize_for_display
from trading_bot.performance.core.episodes import episodes_summary
from trading_bot.performance.core.formatting import metric, percent
from trading_bot.performance.core.metric_catalogue import ACCOUNT_METRICS
from trading_bot.performance.core.summary import PerformanceSummary

EPISODE_HEADERS = ("Peak", "Trough", "Recovery", "Depth", "Depth %", "Days under water")


def shows_account(summary: PerformanceSummary) -> bool:
    """A capital was given (or was given and does not cover the window: the title says why)."""
    return ((summary.capital is not None or summary.account_basis.unavailable is not None)
            and summary.empty is None)


def account_title(summary: PerformanceSummary) -> str:
    """``Account (starting balance 1000.00, D = 10 days, freqtrade's definitions)``, saying
    too how cash flows moved the capital and when Sharpe and Sortino are daily."""
    ratios = summary.ratios
    unavailable = summary.account_basis.unavailable
    if unavailable is not None:
        return f"Account (no figures: {unavailable})"
    assert ratios.starting_balance is not None
    parts = [f"starting balance {quantize_for_display(ratios.starting_balance)}"]
    if ratios.cash_flows and ratios.capital_end is not None:
        count = len(ratios.cash_flows)
        parts.append(f"{count} cash flow{'' if count == 1 else 's'} to "
                     f"{quantize_for_display(ratios.capital_end)}")
    parts.append(f"D = {ratios.days} days")
    if ratios.options.convention == "daily":
        parts.append(f"freqtrade's definitions, Sharpe and Sortino from {ratios.periods or 0} "
                     f"daily returns ({ratios.options.periods_per_year} a year, quantstats)")
    else:
        parts.append("freqtrade's definitions")
    return f"Account ({', '.join(parts)})"


def account_rows(summary: PerformanceSummary) -> list[list[str]]:
    """Label and value per account figure; an undefined one says why instead of a value."""
    ratios = summary.ratios
    said = summary.account_basis.unavailable is not None   # the title says why, once
    rows = []
    for entry in ACCOUNT_METRICS:
        value = ratios.values[entry.name]
        shown = (metric(entry.name, value) if value is not None else "-" if said
                 else f"- ({ratios.null_reasons.get(entry.name, 'undefined')})")
        rows.append([entry.label, shown])
    return rows


def episodes(summary: PerformanceSummary) -> dict[str, Any]:
    """The JSON ``drawdown_episodes`` block of the summary."""
    period = summary.period
    return episodes_summary(summary.aggregate.day_stats, period.start, period.end,
                            summary.capital)


def episode_title(block: dict[str, Any]) -> str:
    average = block["average_depth"]
    return (f"Drawdown episodes (by day: {block['count']}, average depth "
            f"{'-' if average is None else average}, longest under water "
            f"{block['longest_days_under_water']} days)")


def episode_rows(block: dict[str, Any]) -> list[list[str]]:
    rows = []
    for episode in block["episodes"]:
        fraction = episode["depth_fraction"]
        rows.append([episode["peak"] or "start", episode["trough"],
                     episode["recovery"] or "not recovered",
                     quantize_for_display(Decimal(episode["depth"])),
                     "-" if fraction is None else percent(Decimal(fraction)),
                     str(episode["days_under_water"])])
    return rows
