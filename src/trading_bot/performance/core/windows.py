"""Window plans: which local dates a summary covers, decided before any file is read.

Pure calendar arithmetic; "today" is passed in, never read from a clock here.  ``timedelta`` days
cover all of it (a week is Monday plus 6 days, a month ends the day before the next month's 1st, the
previous period is the one holding the day before a period's first day), so no date library is
needed (``relativedelta`` would save one line; ``calendar.monthrange`` would add 1.5 ms of import).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from trading_bot.performance.core.timestamps import SUPPORTED_YEARS
from trading_bot.performance.errors import UsageError

CALENDAR_WINDOWS = ("daily", "weekly", "monthly", "range")
WINDOW_KINDS = (*CALENDAR_WINDOWS, "rolling")
DEFAULT_ROLLING_TRADES = 20
#: The most trades a rolling window may ask for: the largest signed 64-bit integer, which is
#: what the cache's queries can bind (a larger count reached SQLite and was refused there).
MAX_ROLLING_TRADES = 2**63 - 1


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


def missing_days(first: date, last: date, present: Collection[date]) -> tuple[str, ...]:
    """The ISO dates of ``first..last`` not in ``present``, in order.

    Walks the gaps between the present days, so the cost is the answer's (the missing days
    themselves plus the present ones), never the span's when it is mostly present.  The caller
    bounds ``last`` by the newest date a file can have (today), so a window reaching into the
    far future never lists its future.
    """
    if last < first:
        return ()
    missing: list[str] = []
    cursor = first
    for day in sorted(day for day in present if first <= day <= last):
        missing.extend((cursor + timedelta(days=offset)).isoformat()
                       for offset in range((day - cursor).days))
        cursor = day + timedelta(days=1)
    missing.extend((cursor + timedelta(days=offset)).isoformat()
                   for offset in range((last - cursor).days + 1))
    return tuple(missing)


#: Up to this many missing days are listed one by one (a month's worth, as always); more are
#: described as ranges, so a window reaching back years reads as a line, not a page of dates.
LISTED_MISSING_DAYS = 31
#: At most this many ranges are shown; the rest are counted.
LISTED_MISSING_RANGES = 10


def describe_missing(days: Sequence[str]) -> str:
    """The missing days (ISO dates, in order) for a human: each listed when there are few,
    else runs of consecutive days as ``first..last (N days)``, the first few runs shown and the
    rest counted, so every missing day is accounted for."""
    if len(days) <= LISTED_MISSING_DAYS:
        return ", ".join(days)
    runs: list[list[date]] = []
    for text in days:
        day = date.fromisoformat(text)
        if runs and (day - runs[-1][1]).days == 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    shown = [first.isoformat() if first == last else
             f"{first.isoformat()}..{last.isoformat()} ({(last - first).days + 1:,} days)"
             for first, last in runs[:LISTED_MISSING_RANGES]]
    rest = runs[LISTED_MISSING_RANGES:]
    if rest:
        count = sum((last - first).days + 1 for first, last in rest)
        shown.append(f"and {count:,} more day{'' if count == 1 else 's'} in {len(rest):,} "
                     f"range{'' if len(rest) == 1 else 's'}")
    return f"{len(days):,} days: " + ", ".join(shown)


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
    if count > MAX_ROLLING_TRADES:
        raise UsageError(f"--trades must be at most {MAX_ROLLING_TRADES:,}, got {count}")
    return WindowPlan("rolling", None, anchor, count)
