"""Window plans: which local dates a summary covers, decided before any file is read.

Pure calendar arithmetic; "today" is passed in, never read from a clock here.  ``timedelta`` days
cover all of it (a week is Monday plus 6 days, a month ends the day before the next month's 1st, the
previous period is the one holding the day before a period's first day), so no date library is
needed (``relativedelta`` would save one line; ``calendar.monthrange`` would add 1.5 ms of import).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from trading_bot.performance.core.timestamps import SUPPORTED_YEARS
from trading_bot.performance.errors import UsageError

CALENDAR_WINDOWS = ("daily", "weekly", "monthly", "range")
WINDOW_KINDS = (*CALENDAR_WINDOWS, "rolling")
DEFAULT_ROLLING_TRADES = 20


@dataclass(frozen=True, slots=True)
class WindowPlan:
    """A calendar window (inclusive local dates) or a rolling window ending on ``end``.

    For a rolling window, ``start`` is not known until trades are found; ``end`` is the last local
    date whose trades may count and ``trades`` the number of closed trades wanted.
    """

    kind: str
    start: date | None
    end: date
    trades: int | None = None

    @property
    def label(self) -> str:
        if self.kind == "daily":
            return self.end.isoformat()
        if self.kind == "weekly":
            assert self.start is not None
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind == "monthly":
            return self.end.strftime("%Y-%m")
        if self.kind == "rolling":
            return f"last {self.trades} closed trades to {self.end.isoformat()}"
        assert self.start is not None
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def dates(self) -> list[date]:
        """Every local date of a calendar window, in order."""
        assert self.start is not None, "a rolling window has no fixed dates"
        return [self.start + timedelta(days=offset)
                for offset in range((self.end - self.start).days + 1)]


def plan_window(kind: str, *, today: date, on: date | None = None, start: date | None = None,
                end: date | None = None, trades: int | None = None) -> WindowPlan:
    """Turn CLI/API window arguments into a plan, rejecting contradictory combinations."""
    if kind not in WINDOW_KINDS:
        raise UsageError(f"unknown window {kind!r}: choose one of {', '.join(WINDOW_KINDS)}")
    for given in (on, start, end):
        if given is not None and given.year not in SUPPORTED_YEARS:
            raise UsageError(f"date {given} is outside the supported years "
                             f"{SUPPORTED_YEARS[0]}-{SUPPORTED_YEARS[-1]}")
    if (start is None) != (end is None):
        raise UsageError("--start and --end go together")
    if start is not None and on is not None:
        raise UsageError("use either --date or --start/--end, not both")
    if trades is not None and kind != "rolling":
        raise UsageError("--trades applies to the rolling window only")
    if kind == "range":
        if start is None or end is None:
            raise UsageError("the range window needs --start and --end")
        if end < start:
            raise UsageError(f"--end {end} is before --start {start}")
        return WindowPlan("range", start, end)
    if start is not None and end is not None:
        raise UsageError(f"--start/--end apply to the range window; the {kind} window takes --date")
    anchor = on or today
    if kind == "daily":
        return WindowPlan("daily", anchor, anchor)
    if kind == "weekly":
        monday = anchor - timedelta(days=anchor.weekday())
        return WindowPlan("weekly", monday, monday + timedelta(days=6))
    if kind == "monthly":
        first = anchor.replace(day=1)
        # 32 days after the 1st always lands in the next month (no month has more than 31 days),
        # so its 1st minus a day is this month's last day, in every month and leap year.
        following = (first + timedelta(days=32)).replace(day=1)
        return WindowPlan("monthly", first, following - timedelta(days=1))
    count = DEFAULT_ROLLING_TRADES if trades is None else trades
    if count < 1:
        raise UsageError(f"--trades must be at least 1, got {count}")
    return WindowPlan("rolling", None, anchor, count)
