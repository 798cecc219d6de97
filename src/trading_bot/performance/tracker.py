"""PerformanceTracker: the Python API the CLI wraps; the only place that touches files and clocks.

It plans the window, opens only the day files that can hold the window's trades (the window's
dates plus one day each side, which covers every timezone offset under DESIGN.md's file-date
invariant), builds the ledger, folds the closed trades and assembles a PerformanceSummary.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Callable, Iterator, Sequence

from .aggregate import BUILTIN_DIMENSIONS, ClosedTrade, fold
from .errors import UsageError
from .logfiles import DayFile, Directory, list_day_files
from .reader import Ledger, LoggedTrade, build_ledger, read_ledger, scan_file
from .summary import (MAX_EXAMPLES, DataQuality, EmptyReason, OpenPosition, PerformanceSummary,
                      Period)
from .timestamps import day_end, day_start, resolve_timezone, timezone_name
from .windows import WindowPlan, plan_window

Clock = Callable[[], datetime]
FILE_MARGIN = timedelta(days=1)


def _utc_now() -> datetime:
    return datetime.now(UTC)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of acyclic objects.

    Reading a month of logs allocates hundreds of thousands of small frozen values; the
    collector's repeated full passes over them cost about a fifth of the run and find nothing,
    because none of these values reference each other in cycles.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class _WindowData:
    """What one window read produced, before it becomes a summary."""

    ledger: Ledger
    trades: list[ClosedTrade]
    start: date | None
    files_in_window: list[DayFile]


class PerformanceTracker:
    """Summaries of a directory of ``YYYY-MM-DD.jsonl`` trade logs.

    ``clock`` exists so tests and backfills can pin "now"; ``timezone`` is an IANA name whose
    local days windows are cut in.  ``group_by`` names extra line fields to break down by.
    """

    def __init__(self, logs_dir: Path | str = "logs", *, timezone: str = "UTC",
                 group_by: Sequence[str] = (), clock: Clock = _utc_now,
                 follow_external_symlinks: bool = False) -> None:
        self.logs_dir = Path(logs_dir)
        self.zone: tzinfo = resolve_timezone(timezone)
        clashes = sorted(set(group_by) & set(BUILTIN_DIMENSIONS))
        if clashes:
            raise UsageError(f"--group-by {', '.join(clashes)}: already a built-in breakdown")
        self.group_by = tuple(dict.fromkeys(group_by))
        self.clock = clock
        self.follow_external_symlinks = follow_external_symlinks

    def get_summary(self, window: str = "daily", start_date: date | None = None,
                    end_date: date | None = None, *, on: date | None = None,
                    trades: int | None = None) -> PerformanceSummary:
        """Summarise one window.

        For daily, weekly, monthly and rolling windows a lone ``start_date`` is the date the
        window is anchored on (same as ``on``); a range needs both dates.
        """
        now = self.clock()
        today = now.astimezone(self.zone).date()
        if window != "range" and start_date is not None and end_date is None and on is None:
            start_date, on = None, start_date
        plan = plan_window(window, today=today, on=on, start=start_date, end=end_date,
                           trades=trades)
        directory = list_day_files(self.logs_dir,
                                   follow_external_symlinks=self.follow_external_symlinks)
        # as_of is an exclusive bound: what is realized strictly before it counts, what is
        # entered before it and realized at or after it was open at it.
        as_of = min(now, day_end(plan.end, self.zone))
        with _collector_paused():
            if plan.kind == "rolling":
                data = self._read_rolling(directory, plan, as_of)
            else:
                data = self._read_calendar(directory, plan)
            return self._summarise(plan, data, directory, now, as_of)

    def _utc_file_span(self, first: date, last: date) -> tuple[date, date]:
        """File dates that can hold trades realized on local days ``first..last``.

        The UTC dates the local days touch, widened by one day each side (the file-date
        invariant's tolerance); ``day_end`` is exclusive, hence the step back to the last instant.
        """
        last_instant = day_end(last, self.zone) - timedelta(microseconds=1)
        return ((day_start(first, self.zone) - FILE_MARGIN).date(),
                (last_instant + FILE_MARGIN).date())

    def _read_calendar(self, directory: Directory, plan: WindowPlan) -> _WindowData:
        assert plan.start is not None
        first_file, last_file = self._utc_file_span(plan.start, plan.end)
        ledger = read_ledger(directory.between(first_file, last_file))
        trades = [trade for trade in self._closed_trades(ledger.closed)
                  if plan.start <= trade.local_day <= plan.end]
        return _WindowData(ledger, trades, plan.start,
                           directory.between(plan.start, plan.end))

    def _read_rolling(self, directory: Directory, plan: WindowPlan, as_of: datetime) -> _WindowData:
        """Scan day files newest first until N closed trades are found, plus one file of margin.

        The margin file catches a trade realized late on its day but written into the next
        day's file (allowed by the file-date invariant's one-day tolerance).
        """
        assert plan.trades is not None
        _, last_file = self._utc_file_span(plan.end, plan.end)
        newest_first = list(reversed(directory.between(date.min, last_file)))
        scans = []
        found = 0
        position = 0
        while position < len(newest_first):
            scans.append(scan_file(newest_first[position]))
            position += 1
            found += sum(1 for t in scans[-1].trades
                         if t.record.is_closed and t.record.realized_at < as_of)
            if found >= plan.trades:
                if position < len(newest_first):
                    scans.append(scan_file(newest_first[position]))
                    position += 1
                found = _eligible_count(build_ledger(scans), as_of)
                if found >= plan.trades:
                    break
        ledger = build_ledger(scans)
        closed = [trade for trade in ledger.closed if trade.record.realized_at < as_of]
        trades = self._closed_trades(closed[-plan.trades:])
        start = trades[0].local_day if trades else None
        in_window = [] if start is None else directory.between(start, plan.end)
        return _WindowData(ledger, trades, start, in_window)

    def _closed_trades(self, logged: Sequence[LoggedTrade]) -> list[ClosedTrade]:
        return [ClosedTrade.from_logged(trade, self.zone, self.group_by) for trade in logged]

    def _summarise(self, plan: WindowPlan, data: _WindowData, directory: Directory,
                   now: datetime, as_of: datetime) -> PerformanceSummary:
        ledger = data.ledger
        today_file = now.date()  # file names are UTC dates: a later one cannot exist yet
        if plan.kind == "rolling":
            complete = len(data.trades) == plan.trades
            window_dates = [] if data.start is None else WindowPlan(
                "range", data.start, plan.end).dates()
        else:
            complete = now >= day_end(plan.end, self.zone)
            window_dates = plan.dates()
        present = {day_file.day for day_file in data.files_in_window}
        missing = tuple(day.isoformat() for day in window_dates
                        if day not in present and day <= today_file)
        trading_days = sum(1 for day in window_dates if day in present)
        open_positions = self._open_positions(ledger, as_of)
        aggregate = fold(data.trades)
        quality = _data_quality(ledger, directory, missing)
        empty = None if data.trades else self._explain_empty(plan, data, open_positions, directory)
        period = Period(plan.kind, plan.label, data.start, plan.end, complete, plan.trades)
        return PerformanceSummary(
            period=period,
            timezone=timezone_name(self.zone),
            as_of=as_of,
            generated_at=now,
            aggregate=aggregate,
            open_positions=open_positions,
            trading_days=trading_days,
            data_quality=quality,
            empty=empty,
            group_by=self.group_by,
        )

    @staticmethod
    def _open_positions(ledger: Ledger, as_of: datetime) -> tuple[OpenPosition, ...]:
        """Trades entered before ``as_of`` and not realized before it, oldest first.

        A trade closed after ``as_of`` was open at ``as_of``: a historical window shows the
        positions it really carried at its end.
        """
        positions = []
        for trade in (*ledger.open, *ledger.closed):
            record = trade.record
            if record.timestamp < as_of and (not record.is_closed or record.realized_at >= as_of):
                positions.append(OpenPosition(
                    order_id=record.order_id,
                    symbol=record.symbol,
                    side=record.side,
                    quantity=record.quantity,
                    price=record.price,
                    strategy_name=record.strategy_name,
                    execution_mode=record.execution_mode,
                    entry_at=record.timestamp,
                    age_seconds=int((as_of - record.timestamp).total_seconds()),
                    source=trade.where,
                ))
        return tuple(sorted(positions, key=lambda position: (position.entry_at, position.order_id)))

    def _explain_empty(self, plan: WindowPlan, data: _WindowData,
                       open_positions: tuple[OpenPosition, ...], directory: Directory) -> EmptyReason:
        """Say why a window has no closed trades, most specific cause first."""
        ledger = data.ledger
        zone = timezone_name(self.zone)
        where = f"{plan.label} ({zone})"
        if not ledger.files:
            newest = max(directory.files) if directory.files else None
            hint = (f"the newest log file is {newest.isoformat()}.jsonl; pass --date with a day "
                    "that has logs" if newest else
                    f"no YYYY-MM-DD.jsonl files at all in {self.logs_dir}; check --logs-dir")
            return EmptyReason("no_log_files", f"No log files for {where}.", hint)
        valid = ledger.valid_lines
        if valid == 0 and ledger.bad_lines:
            return EmptyReason(
                "all_lines_invalid",
                f"All {len(ledger.bad_lines)} lines read for {where} are invalid.",
                "see the bad lines under data quality; fix the writer or the lines",
            )
        if valid == 0:
            return EmptyReason("no_lines", f"The log files for {where} contain no trade lines.",
                               "the bot may not have traded; check that it is writing logs")
        shifted = [] if plan.start is None else [
            trade for trade in ledger.closed
            if plan.start <= trade.record.realized_at.date() <= plan.end]
        if shifted:
            return EmptyReason(
                "timezone_shift",
                f"No trades in window: {len(shifted)} closed trades realized on these dates in UTC "
                f"fall on neighbouring days in {zone}.",
                "try --tz UTC or an adjacent --date; days are cut in the configured timezone",
            )
        if open_positions or ledger.open:
            return EmptyReason(
                "only_open_trades",
                f"No trades in window: only open trades for {where}.",
                "open positions are listed below; they count once they close",
            )
        return EmptyReason("no_closed_trades", f"No trades in window {where}.",
                           "try a wider window (--window weekly or monthly)")


def _eligible_count(ledger: Ledger, as_of: datetime) -> int:
    return sum(1 for trade in ledger.closed if trade.record.realized_at < as_of)


def _examples(items: Sequence[object], describe: Callable[[object], str]) -> tuple[str, ...]:
    return tuple(describe(item) for item in items[:MAX_EXAMPLES])


def _data_quality(ledger: Ledger, directory: Directory, missing: tuple[str, ...]) -> DataQuality:
    misplaced = ledger.misplaced
    inconsistent = ledger.inconsistent
    return DataQuality(
        files_read=ledger.files,
        files_missing=missing,
        files_skipped=tuple(f"{entry.name}: {entry.reason}" for entry in directory.skipped),
        lines_read=ledger.lines_read,
        valid_lines=ledger.valid_lines,
        bad_lines=len(ledger.bad_lines),
        bad_line_examples=_examples(ledger.bad_lines, str),
        bad_lines_per_file=ledger.bad_lines_per_file,
        duplicates=len(ledger.duplicates),
        duplicate_examples=_examples(
            ledger.duplicates, lambda t: f"{t.where}: exact duplicate of order {t.record.order_id}"),
        superseded=len(ledger.superseded),
        reopened=len(ledger.reopened),
        reopened_examples=_examples(
            ledger.reopened,
            lambda t: f"{t.where}: open line for {t.record.order_id} after its close (ignored)"),
        inconsistent=len(inconsistent),
        inconsistent_examples=_examples(
            inconsistent,
            lambda t: f"{t.where}: outcome {t.record.outcome} but net P&L {t.record.net}"),
        misplaced=len(misplaced),
        misplaced_examples=_examples(
            misplaced,
            lambda t: f"{t.where}: event on {t.record.realized_at.date()} is more than a day "
                      f"from the file's date"),
    )
