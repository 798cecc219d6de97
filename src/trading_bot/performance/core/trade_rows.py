"""One effective trade as a row of the per-trade output (``--format trades-csv|trades-jsonl``).

A row is what a spreadsheet or a pandas frame wants of a realized trade: when it was entered
and left, what was traded, the exact money, how it ended and where it was read.  The rows of a
window are its effective trades after duplicate removal, supersession by ``order_id`` and FIFO
pairing of executions, one per trade the summary counts, so their net P&L sums exactly to the
summary's.  Built in :mod:`..ingest.trade_rows`, written by :mod:`..report.trades_table`.

Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class TradeRow:
    """One realized trade.

    ``exit_price`` is the round trip's average exit price for trades paired from executions,
    and None for a trade logged closed: such a line carries one ``price`` (its entry) and the
    P&L, not the price it left at.  ``gross`` is the logged ``profit_loss`` (net plus commission
    when the line has none); ``exit_reason`` is the reason as logged, ``exit_reason_template``
    the breakdown row it falls in.
    """

    entry_at: datetime
    exit_at: datetime
    symbol: str
    side: str
    quantity: Decimal
    entry_price: Decimal
    exit_price: Decimal | None
    gross: Decimal
    commission: Decimal
    net: Decimal
    outcome: str
    hold_seconds: Decimal | None
    r_multiple: Decimal | None
    strategy_name: str
    entry_type: str | None
    exit_reason_template: str | None
    exit_reason: str | None
    execution_mode: str
    account_id: str | None
    order_id: str
    source: str
    #: ``logged`` (a closed line) or ``round_trip`` (paired from executions).
    kind: str


#: Column order of both per-trade formats.
TRADE_ROW_FIELDS: tuple[str, ...] = tuple(TradeRow.__dataclass_fields__)

__all__ = ["TRADE_ROW_FIELDS", "TradeRow"]
