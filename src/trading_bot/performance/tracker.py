"""PerformanceTracker: the Python API the CLI wraps; the only place that touches files and clocks.

It plans the window, then reads it one of two ways:

* **from the cache** (the default): the cache under ``logs/performance/`` is brought up to date
  with the logs (only new bytes are parsed, see :mod:`.cache.indexing`; executions re-paired
  from stored states, :mod:`.cache.pairs`) and the window is merged from month partials and
  the day aggregates of the days holding trades (see :mod:`.cache.reads`), so the cost grows
  with new data and with the window's data, not with history or the window's calendar span;
* **straight from the logs** (``cache=False``, ``--no-cache``, or when the cache cannot be used
  here): only the day files that can hold the window's trades are opened (the window's dates
  plus one day each side, which covers every timezone offset under DESIGN.md's file-date
  invariant), the ledger is built and the closed trades folded.  When those files hold
  executions that no later file closes by ``order_id`` (checked by reading the later files
  until every open line of the window has its close), every log file is read and the
  executions paired (see :meth:`PerformanceTracker._read_paired`): a position may have opened
  long before the window.

Either way the result is a :class:`WindowRead`, which becomes a PerformanceSummary.
"""

from __future__ import annotations

import gc
import logging
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from operator import attrgetter
from pathlib import Path

from trading_bot.performance.cache.codec import to_micros
from trading_bot.performance.cache.indexing import IndexConfig, RefreshStats, refresh
from trading_bot.performance.cache.reads import CachedWindowReader, ReadStats, file_names
from trading_bot.performance.cache.store import (
    CACHE_FILE_NAME,
    CacheCorrupt,
    CacheStore,
    CacheUnavailable,
)
from trading_bot.performance.core.aggregate import (
    BUILTIN_DIMENSIONS,
    Aggregate,
    ClosedTrade,
    OrderKey,
    fold,
)
from trading_bot.performance.core.capital import (
    DEFAULT_OPTIONS,
    Account,
    AccountBasis,
    RatioOptions,
    account_basis,
    needs_account_ids,
    uncovered_reason,
)
from trading_bot.performance.core.decimals import ZERO, exact_sums
from trading_bot.performance.core.filters import (
    NO_FILTER,
    FilterReport,
    TradeFilter,
    ValueOf,
    filter_from_mapping,
    parse_where,
)
from trading_bot.performance.core.formatting import duration
from trading_bot.performance.core.pairing import DEFAULT_PAIRING, RoundTrip
from trading_bot.performance.core.ratios import starting_balance_value
from trading_bot.performance.core.records import check_group_by
from trading_bot.performance.core.summary import (
    DEFAULT_MAX_ROWS,
    DEFAULT_STALE_AFTER_SECONDS,
    MAX_EXAMPLES,
    DataQuality,
    EmptyReason,
    OpenPosition,
    PairingReport,
    PerformanceSummary,
    Period,
)
from trading_bot.performance.core.timestamps import (
    day_end,
    day_start,
    resolve_timezone,
    timezone_name,
)
from trading_bot.performance.core.trade_rows import TradeRow
from trading_bot.performance.core.windows import WindowPlan, missing_days, plan_window
from trading_bot.performance.errors import PerformanceError, UsageError
from trading_bot.performance.ingest.closed_trades import closed_trade, round_trip_trade
from trading_bot.performance.ingest.executions import (
    breakeven_band_value,
    check_pairing,
    executions_of,
    pair_ledger,
)
from trading_bot.performance.ingest.logfiles import DayFile, Directory, list_day_files
from trading_bot.performance.ingest.reader import (
    FileScan,
    Ledger,
    LoggedTrade,
    build_ledger,
    scan_file,
)
from trading_bot.performance.ingest.trade_rows import TradeRowSource
from trading_bot.performance.ingest.window_read import (
    WindowRead,
    flip_text,
    lot_position,
    mark_positions,
    out_of_order_text,
    positions_from_ledger,
    quality_from_ledger,
    sort_positions,
)

Clock = Callable[[], datetime]
#: The most worker processes a rebuild may be given (``--workers``): far beyond any useful
#: count, and what keeps a mistyped number from asking the OS for millions of processes.
MAX_WORKERS = 256
FILE_MARGIN = timedelta(days=1)
LOGGER = logging.getLogger("trading_bot.performance")


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


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date_argument(value: object, name: str) -> date | None:
    """A date parameter of the API: a date, an ISO date string, or None.

    Checked at the entry so a caller's mistake names the parameter, instead of surfacing as an
    AttributeError deep inside the window arithmetic.
    """
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        if _ISO_DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise UsageError(f"{name} must be an ISO date such as 2025-10-15, got {value!r}")
    raise TypeError(f"{name} must be a datetime.date or an ISO date string such as "
                    f"'2025-10-15', got {type(value).__name__}")


class PerformanceTracker:
    """Summaries of a directory of ``YYYY-MM-DD.jsonl`` trade logs.

    ``clock`` exists so tests and backfills can pin "now"; ``timezone`` is an IANA name whose
    local days windows are cut in.  ``group_by`` names extra line fields to break down by.
    ``cache`` turns the cache off; ``cache_dir`` moves it (default ``LOGS_DIR/performance/cache``);
    ``rebuild_cache`` discards it once, on the first summary; ``workers`` caps the processes a
    large rebuild parses with (default: one per core).

    ``pairing`` says what executions (open lines no later line closes by ``order_id``) are:
    ``auto`` (default) and ``fifo`` pair them FIFO into round trips per execution mode, account
    and symbol (``fifo`` always reports it, ``auto`` when it inferred something), ``order-id``
    leaves them open positions, one per line (see :mod:`.ingest.executions`).
    ``breakeven_band`` (a fraction of a round trip's entry value, default 0) is how close to zero
    a round trip's net P&L counts as breakeven.  ``marks`` (symbol -> price) values the open
    positions: unrealized P&L per position, null for a symbol without a mark.

    ``where`` keeps only the trades (closed trades, round trips and open positions) whose fields
    match (``--where``: a :class:`.core.filters.TradeFilter`, ``{"symbol": ["AAPL"]}`` or
    ``["symbol=AAPL"]``); the summary's ``filters`` says what it left out.
    """

    def __init__(self, logs_dir: Path | str = "logs", *, timezone: str = "UTC",
                 group_by: Sequence[str] = (), clock: Clock = _utc_now,
                 follow_external_symlinks: bool = False, cache: bool = True,
                 cache_dir: Path | str | None = None, rebuild_cache: bool = False,
                 workers: int | None = None, pairing: str = DEFAULT_PAIRING,
                 breakeven_band: Decimal | str | int = ZERO,
                 marks: Mapping[str, Decimal] | None = None,
                 starting_balance: Decimal | str | int | None = None,
                 max_rows: int | None = DEFAULT_MAX_ROWS,
                 stale_after_seconds: int = DEFAULT_STALE_AFTER_SECONDS,
                 where: TradeFilter | Mapping[str, Sequence[str]] | Sequence[str] | None = None
                 ) -> None:
        self.logs_dir = Path(logs_dir)
        #: How summaries present long breakdowns and open positions (``max_rows`` None: all
        #: rows; positions older than ``stale_after_seconds`` are stale), see PerformanceSummary.
        self.max_rows = max_rows
        self.stale_after_seconds = stale_after_seconds
        self.starting_balance = starting_balance_value(starting_balance)
        #: The account figures' capital and ratio options (the targets file's accounts,
        #: ``--ratios``); set by the caller, None: ``starting_balance`` alone, freqtrade's ratios.
        self.account: AccountBasis | None = None
        self.zone: tzinfo = resolve_timezone(timezone)
        clashes = sorted(set(group_by) & set(BUILTIN_DIMENSIONS))
        if clashes:
            raise UsageError(f"--group-by {', '.join(clashes)}: already a built-in breakdown")
        check_group_by(group_by)   # a named field no breakdown can be made of says why
        self.group_by = tuple(dict.fromkeys(group_by))
        self.clock = clock
        self.follow_external_symlinks = follow_external_symlinks
        self.cache_enabled = cache
        self.cache_path = (Path(cache_dir or self.logs_dir / "performance" / "cache")
                           / CACHE_FILE_NAME)
        self._rebuild_reason: str | None = "--rebuild-cache was given" if rebuild_cache else None
        if workers is not None and not 1 <= workers <= MAX_WORKERS:
            raise UsageError(f"workers must be from 1 to {MAX_WORKERS}, got {workers}")
        self.workers = workers
        self.pairing = check_pairing(pairing)
        self.band = breakeven_band_value(breakeven_band)
        self.marks = None if marks is None else dict(marks)
        self.where = _trade_filter(where)
        #: Fields only the filter reads (account_id): trades are built grouped by them too,
        #: matched, then stripped of them (:meth:`_kept`).
        self._filter_only = self.where.beyond((*BUILTIN_DIMENSIONS, *self.group_by))
        #: The cache is indexed unfiltered (one index serves every filter); windows are read
        #: with the filter, whose day aggregates are stored under their own key.
        self.index_config = IndexConfig(timezone_name(self.zone), self.group_by,
                                        paired=self.pairing != "order-id", band=self.band)
        self.config = replace(self.index_config, where=self.where)
        #: Where an uncached read leaves the window's kept trades (per-trade rows only).
        self._sink: list[ClosedTrade] | None = None
        #: What the last summary's cache refresh and read did (None when uncached).
        self.last_refresh: RefreshStats | None = None
        self.last_read: ReadStats | None = None

    def get_summary(self, window: str = "daily", start_date: date | str | None = None,
                    end_date: date | str | None = None, *, on: date | str | None = None,
                    trades: int | None = None) -> PerformanceSummary:
        """Summarise one window.

        For daily, weekly, monthly and rolling windows a lone ``start_date`` is the date the
        window is anchored on (same as ``on``); a range needs both dates.  Dates are
        ``datetime.date`` values or ISO date strings (``"2025-10-15"``); any other type is a
        TypeError naming the parameter, a malformed string a UsageError.
        """
        began = time.perf_counter()
        plan, directory, now, as_of = self._prepare(window, start_date, end_date, on, trades)
        with _collector_paused():
            data = self._read(plan, directory, as_of)
            summary = self._summarise(
                plan, data, directory, now, as_of,
                lambda: {(row.execution_mode, row.account_id) for row in self.trade_rows(
                    window, start_date, end_date, on=on, trades=trades)})
        self._log_run(plan, time.perf_counter() - began)
        return summary

    def trade_rows(self, window: str = "daily", start_date: date | str | None = None,
                   end_date: date | str | None = None, *, on: date | str | None = None,
                   trades: int | None = None) -> Iterator[TradeRow]:
        """The window's effective trades as per-trade rows, in realization order: the trades
        :meth:`get_summary` counts (after duplicates, supersession, pairing and ``where``).

        A generator: from the cache, rows are produced one local day at a time while the
        logs are read, so a year of trades costs the memory of a day's (plus a few scanned
        files); without the cache, the window is read whole first.  Arguments as for
        :meth:`get_summary`.
        """
        plan, directory, _, as_of = self._prepare(window, start_date, end_date, on, trades)
        source = TradeRowSource(directory, as_of)
        if self.cache_enabled:
            produced = 0
            try:
                with self._open_store() as store:
                    self.last_refresh = refresh(store, directory, self.index_config,
                                                max_workers=self.workers)
                    reader = CachedWindowReader(store, self.config, self.zone)
                    source.lookup = reader.round_trip
                    with store.read():
                        for chunk in self._cached_chunks(reader, plan, as_of):
                            for trade in chunk:
                                yield source.row(trade)
                                produced += 1
                return
            except (CacheUnavailable, CacheCorrupt) as exc:
                if produced:
                    # Rows already went out: starting again from the logs would repeat them.
                    raise PerformanceError(f"the performance cache failed after {produced:,} "
                                           f"rows were written ({exc}); run again") from exc
                source.lookup = None
                if isinstance(exc, CacheCorrupt):
                    LOGGER.warning("performance cache unusable (%s); computing from the logs "
                                   "without it", exc)
                    self._rebuild_reason = f"damaged ({exc})"
                else:
                    LOGGER.warning("%s; computing from the logs without the cache", exc)
        sink: list[ClosedTrade] = []
        self._sink = sink
        try:
            with _collector_paused():
                if plan.kind == "rolling":
                    self._read_rolling(directory, plan, as_of)
                else:
                    self._read_calendar(directory, plan, as_of)
        finally:
            self._sink = None
        for trade in sink:
            yield source.row(trade)

    def _cached_chunks(self, reader: CachedWindowReader, plan: WindowPlan,
                       as_of: datetime) -> Iterator[list[ClosedTrade]]:
        """The window's trades from the cache in realization order, a local day at a time."""
        if plan.kind == "rolling":
            assert plan.trades is not None
            yield reader.last_trades_counted(to_micros(as_of), plan.trades)[0]
            return
        assert plan.start is not None
        yield from reader.trades_by_day(to_micros(day_start(plan.start, self.zone)),
                                        to_micros(min(day_end(plan.end, self.zone), as_of)),
                                        grouped=False)   # rows never read the groups

    def _prepare(self, window: str, start_date: date | str | None, end_date: date | str | None,
                 on: date | str | None, trades: int | None
                 ) -> tuple[WindowPlan, Directory, datetime, datetime]:
        """Check the arguments, plan the window and list the logs: what a read needs."""
        if not isinstance(window, str):
            raise TypeError(f"window must be a str such as 'daily', got {type(window).__name__}")
        start_date = _date_argument(start_date, "start_date")
        end_date = _date_argument(end_date, "end_date")
        on = _date_argument(on, "on")
        if trades is not None and (not isinstance(trades, int) or isinstance(trades, bool)):
            raise TypeError(f"trades must be an int, got {type(trades).__name__}")
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
        return plan, directory, now, as_of

    def refresh_cache(self) -> RefreshStats | None:
        """Bring the cache up to date with the logs without summarising (backfill, watch)."""
        if not self.cache_enabled:
            return None
        directory = list_day_files(self.logs_dir,
                                   follow_external_symlinks=self.follow_external_symlinks)
        with _collector_paused():
            try:
                with self._open_store() as store:
                    self.last_refresh = refresh(store, directory, self.index_config,
                                                max_workers=self.workers)
            except CacheUnavailable as exc:
                LOGGER.warning("%s; summaries will be computed from the logs", exc)
                self.cache_enabled = False
                return None
        return self.last_refresh

    # Reading ---------------------------------------------------------------------------------

    def _read(self, plan: WindowPlan, directory: Directory, as_of: datetime) -> WindowRead:
        self.last_refresh = self.last_read = None
        if self.cache_enabled:
            for attempt in (1, 2):
                try:
                    return self._read_cached(plan, directory, as_of)
                except CacheUnavailable as exc:
                    # Once per tracker, as refresh_cache does: the next read (the period
                    # before, the alert rules' rolling window) would only say it again.
                    LOGGER.warning("%s; computing from the logs without the cache", exc)
                    self.cache_enabled = False
                    break
                except CacheCorrupt as exc:
                    if attempt == 2:
                        LOGGER.warning("performance cache still unusable (%s); computing from "
                                       "the logs without it", exc)
                        break
                    self._rebuild_reason = f"damaged ({exc})"
        if plan.kind == "rolling":
            return self._read_rolling(directory, plan, as_of)
        return self._read_calendar(directory, plan, as_of)

    def _open_store(self) -> CacheStore:
        reason, self._rebuild_reason = self._rebuild_reason, None
        return CacheStore.open(self.cache_path, discard=reason)

    def _read_cached(self, plan: WindowPlan, directory: Directory, as_of: datetime) -> WindowRead:
        with self._open_store() as store:
            self.last_refresh = refresh(store, directory, self.index_config,
                                        max_workers=self.workers)
            reader = CachedWindowReader(store, self.config, self.zone)
            everything = (CachedWindowReader(store, self.index_config, self.zone)
                          if self.where.active else None)
            self.last_read = reader.stats
            with store.read():
                if plan.kind == "rolling":
                    assert plan.trades is not None
                    trades, trips = reader.last_trades_counted(to_micros(as_of), plan.trades)
                    aggregate = fold(trades)
                    start = trades[0].local_day if trades else None
                    first_kept = trades[0].key if trades else None
                    span_first = start
                    shift_span = None
                else:
                    assert plan.start is not None
                    aggregate = reader.calendar_aggregate(plan.start, plan.end)
                    start = span_first = plan.start
                    first_kept = None
                    shift_span = (plan.start, plan.end)
                    trips = (reader.trips_between(to_micros(day_start(start, self.zone)),
                                                  to_micros(day_end(plan.end, self.zone)))
                             if self.config.paired else 0)
                if span_first is None:
                    # Like the uncached scan, which found nothing: every file up to the end.
                    names = file_names(directory, date.min,
                                       self._utc_file_span(plan.end, plan.end)[1])
                    present: frozenset[date] = frozenset()
                else:
                    names = file_names(directory, *self._utc_file_span(span_first, plan.end))
                    present = frozenset(day_file.day for day_file in
                                        directory.between(span_first, plan.end))
                data = reader.window(
                    aggregate, start, present, names, directory, as_of, shift_span,
                    pairing_span=self._window_us(start, plan.end,
                                                 as_of if plan.kind == "rolling" else None),
                    trips=trips)
                if everything is not None:
                    data = replace(data, unfiltered=self._unfiltered_cached(
                        everything, plan, first_kept, as_of))
            reader.save_missing_days()
            if everything is not None:
                everything.save_missing_days()
            return data

    def _unfiltered_cached(self, reader: CachedWindowReader, plan: WindowPlan,
                           first: OrderKey | None, as_of: datetime) -> tuple[int, Decimal]:
        """The window's closed trades and net P&L before the filter, from the unfiltered day
        aggregates (a rolling window: every trade realized from its first kept one on, so
        nothing when it kept none)."""
        if plan.kind != "rolling":
            assert plan.start is not None
            core = reader.calendar_aggregate(plan.start, plan.end).core
            return core.closed, core.net
        if first is None:
            return 0, ZERO
        everything = [trade for trade in reader.trades_between(to_micros(first[0]),
                                                               to_micros(as_of))
                      if trade.key >= first]
        return _totals(everything)

    def _log_run(self, plan: WindowPlan, seconds: float) -> None:
        """One INFO line per summary: what was checked, parsed and served from the cache."""
        refreshed, read = self.last_refresh, self.last_read
        if refreshed is None or read is None:
            LOGGER.info("%s summary in %.3f s without the cache", plan.label, seconds)
            return
        LOGGER.info(
            "%s summary in %.3f s: %d files checked, %d unchanged (cache hits), %d read "
            "(%d grown, %d re-read), %d deleted, %d skipped; %d bytes and %d lines parsed%s; "
            "day aggregates %d hits, %d misses; month partials %d hits, %d built",
            plan.label, seconds, refreshed.files_checked, refreshed.files_unchanged,
            refreshed.files_read, refreshed.files_grown, refreshed.files_reread,
            refreshed.files_deleted, refreshed.files_skipped, refreshed.bytes_parsed,
            refreshed.lines_parsed,
            f" with {refreshed.workers} worker processes" if refreshed.workers else "",
            read.day_hits, read.day_misses, read.month_hits, read.months_built)

    def _utc_file_span(self, first: date, last: date) -> tuple[date, date]:
        """File dates that can hold trades realized on local days ``first..last``.

        The UTC dates the local days touch, widened by one day each side (the file-date
        invariant's tolerance); ``day_end`` is exclusive, hence the step back to the last instant.
        """
        last_instant = day_end(last, self.zone) - timedelta(microseconds=1)
        return ((day_start(first, self.zone) - FILE_MARGIN).date(),
                (last_instant + FILE_MARGIN).date())

    def _window_us(self, first: date | None, last: date,
                   as_of: datetime | None) -> tuple[int, int] | None:
        """The window's local days as UTC micros, end exclusive (capped at ``as_of``)."""
        if first is None:
            return None
        end = day_end(last, self.zone)
        return (to_micros(day_start(first, self.zone)),
                to_micros(end if as_of is None else min(as_of, end)))

    def _scan(self, directory: Directory, day_file: DayFile) -> FileScan:
        return scan_file(day_file, settled=directory.is_settled(day_file.day))

    def _all_scans(self, directory: Directory, have: Sequence[FileScan]) -> list[FileScan]:
        """Every log file's scan, reusing those already made.

        Pairing needs all history: a position can open any time before the window, and an
        execution can be closed by its ``order_id`` any time after it.
        """
        known = {scan.file_name: scan for scan in have}
        return [known.get(day_file.name) or self._scan(directory, day_file)
                for day_file in directory.between(date.min, date.max)]

    def _executions_in(self, directory: Directory, ledger: Ledger, scans: list[FileScan],
                       last_file: date) -> bool:
        """Whether the files read hold executions, so the read must pair.

        An open line is an execution only if no later line closes it by its ``order_id``, and
        the close of a trade held for days may lie beyond the window's files.  So the files
        after the window are read, oldest first, until every open line of the window has a
        later line (for a recent window: none or a few files): then nothing pairs and the
        window reads exactly as without pairing, without opening the older history.  Files
        read are added to ``scans``.
        """
        if self.pairing == "order-id" or not ledger.open:
            return False
        pending = {trade.record.order_id: trade.digest for trade in ledger.open}
        for day_file in directory.between(last_file + timedelta(days=1), date.max):
            scan = self._scan(directory, day_file)
            scans.append(scan)
            for trade in scan.trades:
                digest = pending.get(trade.record.order_id)
                if digest is not None and digest != trade.digest:
                    del pending[trade.record.order_id]   # closed (or replaced) later
            if not pending:
                return False
        return True

    def _read_calendar(self, directory: Directory, plan: WindowPlan, as_of: datetime) -> WindowRead:
        assert plan.start is not None
        first_file, last_file = self._utc_file_span(plan.start, plan.end)
        scans = [self._scan(directory, day_file)
                 for day_file in directory.between(first_file, last_file)]
        ledger = build_ledger(scans)
        seen = list(scans)
        if self._executions_in(directory, ledger, seen, last_file):
            return self._read_paired(directory, plan, as_of, ledger, scans, seen)
        trades = [trade for trade in self._closed_trades(ledger.closed)
                  if plan.start <= trade.local_day <= plan.end]
        shifted = 0 if trades else sum(
            1 for trade in ledger.closed
            if plan.start <= trade.record.realized_at.date() <= plan.end)
        return self._ledger_read(ledger, self._kept(trades), plan.start, directory, plan, as_of,
                                 shifted, self._unfiltered(trades))

    def _read_rolling(self, directory: Directory, plan: WindowPlan, as_of: datetime) -> WindowRead:
        """Scan day files newest first until N closed trades are found (N the ``--where``
        filter keeps, when there is one), plus one file of margin.

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
            scans.append(self._scan(directory, newest_first[position]))
            position += 1
            found += self._rolling_count(
                [t for t in scans[-1].trades if t.record.is_closed], as_of)
            if found >= plan.trades:
                if position < len(newest_first):
                    scans.append(self._scan(directory, newest_first[position]))
                    position += 1
                found = self._rolling_count(build_ledger(scans).closed, as_of)
                if found >= plan.trades:
                    break
        ledger = build_ledger(scans)
        seen = list(scans)
        if self._executions_in(directory, ledger, seen, last_file):
            return self._read_paired(directory, plan, as_of, ledger, scans, seen)
        closed = [trade for trade in ledger.closed if trade.record.realized_at < as_of]
        unfiltered = None
        if self.where.active:
            everything = self._closed_trades(closed)
            trades = self._kept(everything)[-plan.trades:]
            unfiltered = self._unfiltered([trade for trade in everything
                                           if trades and trade.key >= trades[0].key])
        else:
            trades = self._closed_trades(closed[-plan.trades:])
        start = trades[0].local_day if trades else None
        return self._ledger_read(ledger, trades, start, directory, plan, as_of, 0, unfiltered)

    def _rolling_count(self, closed: Sequence[LoggedTrade], as_of: datetime) -> int:
        """How many of these closed trades a rolling window counts: realized before ``as_of``
        and, under ``--where``, kept by the filter.  Counting only the matching trades makes
        the read stop where the cached read (which pages back until N trades match) stops, so
        both describe the same files."""
        eligible = [trade for trade in closed if trade.record.realized_at < as_of]
        if not self.where.active:
            return len(eligible)
        return len(self._kept(self._closed_trades(eligible)))

    def _read_paired(self, directory: Directory, plan: WindowPlan, as_of: datetime,
                     window_ledger: Ledger, scans: Sequence[FileScan],
                     seen: Sequence[FileScan]) -> WindowRead:
        """A window whose files hold executions: pair every execution of the logs.

        The trades are the logged ones plus the round trips; data quality still covers the
        window's own files (as without pairing), with the pairing remarks of those files.
        ``seen`` are the scans already made (the window's and maybe later files).
        """
        all_scans = self._all_scans(directory, seen)
        full = build_ledger(all_scans)
        unfiltered: tuple[int, Decimal] | None = None
        paired = pair_ledger(executions_of(full), as_of)
        if plan.kind == "rolling":
            assert plan.trades is not None
            count = plan.trades
            logged = [trade for trade in full.closed if trade.record.realized_at < as_of]
            trips = [trip for trip in paired.round_trips if trip.exit_at < as_of]
            if self.where.active:
                everything = sorted((*self._closed_trades(logged), *self._trip_trades(trips)),
                                    key=attrgetter("key"))
                trades = self._kept(everything)[-count:]
                unfiltered = self._unfiltered([trade for trade in everything
                                               if trades and trade.key >= trades[0].key])
                trip_keys = {trip.closing.order for trip in trips}
            else:
                candidates = sorted((*self._closed_trades(logged[-count:]),
                                     *self._trip_trades(trips[-count:])), key=attrgetter("key"))
                trades = candidates[-count:]
                trip_keys = {trip.closing.order for trip in trips[-count:]}
            trip_count = sum(1 for trade in trades if trade.key in trip_keys)
            start = trades[0].local_day if trades else None
            shifted = 0
            if start is None:
                quality_scans = [scan for scan in all_scans
                                 if scan.file_day <= self._utc_file_span(plan.end, plan.end)[1]]
            else:
                first_file, last_file = self._utc_file_span(start, plan.end)
                quality_scans = [scan for scan in all_scans
                                 if first_file <= scan.file_day <= last_file]
            window_ledger = build_ledger(quality_scans)
            names = {scan.file_name for scan in quality_scans}
            span = self._window_us(start, plan.end, as_of)
        else:
            assert plan.start is not None
            start = plan.start
            span = self._window_us(start, plan.end, None)
            assert span is not None
            first_at, end_at = day_start(start, self.zone), day_end(plan.end, self.zone)
            logged = [trade for trade in full.closed
                      if first_at <= trade.record.realized_at < end_at]
            trips = [trip for trip in paired.round_trips if first_at <= trip.exit_at < end_at]
            everything = sorted((*self._closed_trades(logged), *self._trip_trades(trips)),
                                key=attrgetter("key"))
            unfiltered = self._unfiltered(everything)
            trades = self._kept(everything)
            trip_count = len(trips)   # what pairing contributed: unfiltered, as the cache
            names = {scan.file_name for scan in scans}
            shifted = 0 if trades else (
                sum(1 for trade in window_ledger.closed
                    if start <= trade.record.realized_at.date() <= plan.end)
                + sum(1 for trip in paired.round_trips if trip.closing.order[1] in names
                      and start <= trip.exit_at.date() <= plan.end))
        positions = [lot_position(state.position, key, as_of)
                     for key, state in paired.states_at.items() if state.position is not None]
        positions += positions_from_ledger(full, as_of, include_open=False)
        present = frozenset() if start is None else frozenset(
            day_file.day for day_file in directory.between(start, plan.end))
        executions = 0 if span is None else sum(
            1 for fill in paired.fills if span[0] <= to_micros(fill.at) < span[1])
        flips = sorted((flip for flip in paired.flips if flip.fill.order[1] in names),
                       key=lambda flip: flip.fill.order[1:])
        late = sorted((found for found in paired.out_of_order if found.fill.order[1] in names),
                      key=lambda found: found.fill.order[1:])
        return WindowRead(
            aggregate=self._fold(trades),
            start=start,
            present_days=present,
            quality=quality_from_ledger(window_ledger),
            open_positions=sort_positions(positions),
            shifted=shifted,
            has_open_lines=bool(window_ledger.open),
            pairing=PairingReport(
                mode=self.pairing, executions=executions, round_trips=trip_count,
                open_positions=sum(1 for position in positions if position.lot),
                out_of_order=len(late),
                out_of_order_examples=tuple(out_of_order_text(found)
                                            for found in late[:MAX_EXAMPLES]),
                flips=len(flips),
                flip_examples=tuple(flip_text(flip) for flip in flips[:MAX_EXAMPLES])),
            unfiltered=unfiltered,
        )

    def _ledger_read(self, ledger: Ledger, trades: list[ClosedTrade], start: date | None,
                     directory: Directory, plan: WindowPlan, as_of: datetime,
                     shifted: int, unfiltered: tuple[int, Decimal] | None = None) -> WindowRead:
        present = frozenset() if start is None else frozenset(
            day_file.day for day_file in directory.between(start, plan.end))
        return WindowRead(
            aggregate=self._fold(trades),
            start=start,
            present_days=present,
            quality=quality_from_ledger(ledger),
            open_positions=positions_from_ledger(ledger, as_of),
            shifted=shifted,
            has_open_lines=bool(ledger.open),
            pairing=(None if self.pairing == "order-id"
                     else PairingReport(self.pairing, 0, 0, 0)),
            unfiltered=unfiltered,
        )

    def _fold(self, trades: list[ClosedTrade]) -> Aggregate:
        """The window's aggregate; the trades go to the per-trade rows' sink when one waits."""
        if self._sink is not None:
            self._sink.extend(trades)
        return fold(trades)

    def _kept(self, trades: list[ClosedTrade]) -> list[ClosedTrade]:
        """The trades the ``--where`` filter keeps (all when there is none); the cached path
        keeps the same through :meth:`.cache.reads.CachedWindowReader._kept`."""
        if not self.where.active:
            return trades
        kept = [trade for trade in trades if self.where.matches_groups(trade.groups)]
        return _without_last_groups(kept, len(self._filter_only))

    def _unfiltered(self, trades: Sequence[ClosedTrade]) -> tuple[int, Decimal] | None:
        """What the filter report subtracts from (None when unfiltered)."""
        return _totals(trades) if self.where.active else None

    def _closed_trades(self, logged: Sequence[LoggedTrade]) -> list[ClosedTrade]:
        group_by = self.group_by + self._filter_only
        return [closed_trade(trade, self.zone, group_by) for trade in logged]

    def _trip_trades(self, trips: Sequence[RoundTrip]) -> list[ClosedTrade]:
        group_by = self.group_by + self._filter_only
        return [round_trip_trade(trip, self.zone, group_by, self.band) for trip in trips]

    def _summarise(self, plan: WindowPlan, data: WindowRead, directory: Directory,
                   now: datetime, as_of: datetime,
                   pairs_of: Callable[[], set[tuple[str, str | None]]]) -> PerformanceSummary:
        today_file = now.date()  # file names are UTC dates: a later one cannot exist yet
        data, filters = self._filtered(data)
        closed = data.aggregate.core.closed
        if plan.kind == "rolling":
            complete = closed == plan.trades
        else:
            complete = now >= day_end(plan.end, self.zone)
        # Both follow the files, not the calendar: the window's dates are never listed (a
        # range to 8999 names 2.6 million), only the missing ones that can exist by now.
        if data.start is None:
            missing: tuple[str, ...] = ()
            trading_days = 0
        else:
            missing = missing_days(data.start, min(plan.end, today_file), data.present_days)
            trading_days = sum(1 for day in data.present_days if data.start <= day <= plan.end)
        quality = replace(
            data.quality, files_missing=missing,
            files_skipped=tuple(f"{entry.name}: {entry.reason}" for entry in directory.skipped))
        empty = None if closed else self._explain_empty(plan, data, quality, directory)
        period = Period(plan.kind, plan.label, data.start, plan.end, complete, plan.trades)
        positions, marks = mark_positions(data.open_positions, self.marks)
        return PerformanceSummary(
            period=period,
            timezone=timezone_name(self.zone),
            as_of=as_of,
            generated_at=now,
            aggregate=data.aggregate,
            open_positions=positions,
            trading_days=trading_days,
            data_quality=quality,
            empty=empty,
            group_by=self.group_by,
            pairing=self._pairing_report(data),
            marks=marks,
            starting_balance=self.starting_balance,
            account=self._account_for(data, pairs_of),
            max_rows=self.max_rows,
            stale_after_seconds=self.stale_after_seconds,
            filters=filters,
        )

    def use_accounts(self, accounts: Sequence[Account],
                     options: RatioOptions = DEFAULT_OPTIONS) -> AccountBasis:
        """Base the account figures on configured ``accounts`` (the targets file's
        ``accounts:``), as the command line does: ``starting_balance`` replaces them when given,
        else the accounts this tracker's ``where`` leaves in are summed
        (:func:`.core.capital.account_basis`).  Sets and returns :attr:`account`."""
        self.account = account_basis(accounts, starting_balance=self.starting_balance,
                                     where=dict(self.where.conditions), options=options)
        return self.account

    def _account_for(self, data: WindowRead,
                     pairs_of: Callable[[], set[tuple[str, str | None]]]) -> AccountBasis | None:
        """:attr:`account` for this window: unavailable, with the reason, when the window
        (after ``where``) holds trades or open positions of an execution mode or account id
        that no configured account covers (:func:`.core.capital.uncovered_reason`).

        The modes come from the execution-mode breakdown.  Account ids are no breakdown, so
        when an account names one (and no account of that mode leaves it out), ``pairs_of``
        reads the window's ``(mode, account id)`` pairs from its trade rows: a second pass
        over the window's trades, paid only by such a configuration.
        """
        basis = self.account
        if basis is None or basis.capital is None or not basis.capital.accounts:
            return basis
        accounts = basis.capital.accounts
        modes = {*data.aggregate.breakdown_stats.get("execution_mode", {}),
                 *(position.execution_mode for position in data.open_positions)}
        pairs = None
        if needs_account_ids(accounts, modes):
            pairs = pairs_of() | {(position.execution_mode, position.account_id)
                                  for position in data.open_positions}
        reason = uncovered_reason(accounts, modes, pairs)
        return basis if reason is None else basis._replace(unavailable=reason)

    def _filtered(self, data: WindowRead) -> tuple[WindowRead, FilterReport | None]:
        """The read with only the open positions the filter keeps, and the filter report:
        what the filter left out, exactly (the unfiltered totals minus the kept ones)."""
        if not self.where.active:
            return data, None
        where = self.where
        positions = tuple(position for position in data.open_positions
                          if where.matches(_position_field(position)))
        closed, net = data.unfiltered if data.unfiltered is not None else (0, ZERO)
        core = data.aggregate.core
        with exact_sums():
            excluded_net = net - core.net
        report = FilterReport(where, excluded_trades=closed - core.closed,
                              excluded_net=excluded_net,
                              excluded_open_positions=len(data.open_positions) - len(positions))
        return replace(data, open_positions=positions), report

    def _pairing_report(self, data: WindowRead) -> PairingReport | None:
        """The pairing account the report shows: always with ``fifo``; with ``auto`` only when
        pairing inferred something, so a log of logged trades reads exactly as before."""
        report = data.pairing
        if report is None or self.pairing == "order-id":
            return None
        inferred = (report.round_trips or report.out_of_order or report.flips
                    or any(position.inferred for position in data.open_positions))
        if self.pairing == "auto" and not inferred:
            return None
        return replace(report, mode=self.pairing)

    def _explain_empty(self, plan: WindowPlan, data: WindowRead, quality: DataQuality,
                       directory: Directory) -> EmptyReason:
        """Say why a window has no closed trades, most specific cause first."""
        zone = timezone_name(self.zone)
        where = f"{plan.label} ({zone})"
        if not quality.files_read:
            newest = max(directory.files) if directory.files else None
            hint = (f"the newest log file is {newest.isoformat()}.jsonl; pass --date with a day "
                    "that has logs" if newest else
                    f"no YYYY-MM-DD.jsonl files at all in {self.logs_dir}; check --logs-dir")
            return EmptyReason("no_log_files", f"No log files for {where}.", hint)
        if quality.valid_lines == 0 and quality.bad_lines:
            return EmptyReason(
                "all_lines_invalid",
                f"All {quality.bad_lines} lines read for {where} are invalid.",
                "see the bad lines under data quality; fix the writer or the lines",
            )
        if quality.valid_lines == 0:
            return EmptyReason("no_lines", f"The log files for {where} contain no trade lines.",
                               "the bot may not have traded; check that it is writing logs")
        if self.where.active and data.unfiltered is not None and data.unfiltered[0]:
            return EmptyReason(
                "filtered_out",
                f"No trades in window {where} match --where {self.where.label}: "
                f"{data.unfiltered[0]:,} closed trades were left out.",
                "check the filter's values (exact text, case-sensitive) against the breakdowns "
                "of the unfiltered report",
            )
        if data.shifted:
            return EmptyReason(
                "timezone_shift",
                f"No trades in window: {data.shifted} closed trades realized on these dates in "
                f"UTC fall on neighbouring days in {zone}.",
                "try --tz UTC or an adjacent --date; days are cut in the configured timezone",
            )
        if data.open_positions or data.has_open_lines:
            hint = "open positions are listed below; they count once they close"
            if self.pairing == "order-id" and data.has_open_lines:
                hint += ("; if these are the bot's execution lines (a BUY and the SELL that "
                         "closes it), --pairing auto pairs them into round trips")
            stale = sum(1 for position in data.open_positions
                        if position.age_seconds > self.stale_after_seconds)
            never = (f" {stale:,} entries never closed: the bot logs entries but no exits "
                     f"(open longer than {duration(self.stale_after_seconds)})."
                     if stale else "")
            return EmptyReason(
                "only_open_trades",
                f"No trades in window: only open trades for {where}.{never}",
                hint,
            )
        return EmptyReason("no_closed_trades", f"No trades in window {where}.",
                           "try a wider window (--window weekly or monthly)")


def _trade_filter(where: TradeFilter | Mapping[str, Sequence[str]] | Sequence[str] | None
                  ) -> TradeFilter:
    """The API's ``where`` as a filter; an unknown field or a malformed item is a UsageError."""
    if where is None:
        return NO_FILTER
    if isinstance(where, TradeFilter):
        return where
    try:
        if isinstance(where, Mapping):
            return filter_from_mapping(where)
        if isinstance(where, str):
            return parse_where([where])
        return parse_where(where)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _position_field(position: OpenPosition) -> ValueOf:
    """How an open position answers the filter: its own fields (every filter field is one)."""
    def value_of(field: str) -> str | None:
        value = getattr(position, field, None)
        return value if isinstance(value, str) else None
    return value_of


def _without_last_groups(trades: list[ClosedTrade], count: int) -> list[ClosedTrade]:
    """The trades without their last ``count`` groups (those only a filter read)."""
    if not count:
        return trades
    return [replace(trade, groups=trade.groups[:-count]) for trade in trades]


def _totals(trades: Sequence[ClosedTrade]) -> tuple[int, Decimal]:
    """How many trades and their exact net P&L."""
    with exact_sums():
        return len(trades), sum((trade.net for trade in trades), ZERO)

