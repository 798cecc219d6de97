"""Pairing in the cache: lots kept at file boundaries, appends continue, old changes re-pair.

The reference is always a from-scratch computation: a tracker with a brand-new cache and one
without a cache (``cache=False``).  For windows that cover every file both must equal the
incrementally kept cache, whole document for whole document; what re-pairing did is observed
through ``RefreshStats.fills_paired`` (fills replayed from a stored state).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.core.pairing import Fill
from trading_bot.performance.core.summary import PerformanceSummary

from ..conftest import fixed_clock, trade
from ..core.test_pairing import simple_fifo
from ..ingest.test_executions import execution

NOW = "2026-04-01T00:00:00Z"
#: The machine's clock: after every day it may write (days are up to 20 apart).
LATER = "2030-01-01T00:00:00Z"
FIRST = date(2026, 3, 2)


def stable(summary: PerformanceSummary) -> dict[str, Any]:
    document = summary.to_dict()
    document.pop("generated_at")
    return document


def write_lines(path: Path, lines: list[dict[str, Any]], mode: str = "a") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, mode, encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line) + "\n")


def day_path(logs: Path, day: date) -> Path:
    return logs / f"{day.isoformat()}.jsonl"


def round_trip_days(logs: Path, days: int, *, leave_open: int | None = None) -> None:
    """Per day: BUY 2 @ 100 at 14:00, SELL 2 @ (101 + day) at 15:00 (flat at each day's end).

    ``leave_open`` sells only 1 on that day, so a long of 1 carries into the next days.
    """
    for index in range(days):
        day = FIRST + timedelta(days=index)
        stamp = day.isoformat()
        sold = "1" if index == leave_open else "2"
        write_lines(day_path(logs, day), [
            execution(f"B{index}", f"{stamp}T14:00:00Z", "BUY", "2", "100"),
            execution(f"S{index}", f"{stamp}T15:00:00Z", "SELL", sold, str(101 + index))],
            mode="w")


def all_time(tracker: PerformanceTracker) -> PerformanceSummary:
    return tracker.get_summary("range", FIRST - timedelta(days=1), date(2026, 3, 31))


def assert_as_from_scratch(logs: Path, tracker: PerformanceTracker, scratch: Path) -> None:
    got = stable(all_time(tracker))
    fresh = PerformanceTracker(logs, clock=fixed_clock(NOW), cache_dir=scratch)
    plain = PerformanceTracker(logs, clock=fixed_clock(NOW), cache=False)
    assert got == stable(all_time(fresh))
    assert got == stable(all_time(plain))
    shutil.rmtree(scratch, ignore_errors=True)


def test_appending_to_the_newest_file_continues_from_its_stored_lots(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    round_trip_days(logs, 5)
    tracker = PerformanceTracker(logs, clock=fixed_clock(NOW), cache_dir=tmp_path / "cache")
    assert all_time(tracker).metrics.values["closed_trades"] == 5
    assert tracker.last_refresh is not None and tracker.last_refresh.fills_paired == 10
    newest = FIRST + timedelta(days=4)
    write_lines(day_path(logs, newest), [
        execution("B9", f"{newest}T16:00:00Z", "BUY", "3", "100"),
        execution("S9", f"{newest}T17:00:00Z", "SELL", "1", "110")])
    summary = all_time(tracker)
    assert tracker.last_refresh.fills_paired == 2         # only the appended fills
    assert summary.metrics.values["closed_trades"] == 5
    (lot,) = summary.open_positions
    assert (lot.quantity, lot.price, lot.fills) == (Decimal(2), Decimal(100), 2)
    write_lines(day_path(logs, newest), [
        execution("S10", f"{newest}T18:00:00Z", "SELL", "2", "90")])
    summary = all_time(tracker)
    assert tracker.last_refresh.fills_paired == 1
    # B9/S9/S10: entry 300, exit 110 + 180 = 290: gross -10
    assert summary.metrics.values["closed_trades"] == 6
    assert summary.metrics.values["net_profit_loss"] == 5 * 2 + sum(
        2 * index for index in range(5)) - 10
    assert_as_from_scratch(logs, tracker, tmp_path / "scratch")


def test_a_change_to_an_old_file_re_pairs_from_it_until_the_positions_agree(
        tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    round_trip_days(logs, 10)
    tracker = PerformanceTracker(logs, clock=fixed_clock(NOW), cache_dir=tmp_path / "cache")
    all_time(tracker)
    # Day 3's exit price changes: its two fills are re-paired, and the state after them (flat)
    # agrees with the stored one, so days 4..9 are not replayed.
    stamp = (FIRST + timedelta(days=3)).isoformat()
    write_lines(day_path(logs, FIRST + timedelta(days=3)), [
        execution("B3", f"{stamp}T14:00:00Z", "BUY", "2", "100"),
        execution("S3", f"{stamp}T15:00:00Z", "SELL", "2", "150")], mode="w")
    summary = all_time(tracker)
    assert tracker.last_refresh is not None
    assert tracker.last_refresh.fills_paired == 2 and tracker.last_refresh.keys_converged == 1
    daily = {row["date"]: row["net_profit_loss"] for row in summary.to_dict()["daily"]}
    assert daily[stamp] == "100"
    assert_as_from_scratch(logs, tracker, tmp_path / "scratch")


def test_a_change_that_leaves_a_position_open_re_pairs_forward_only(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    round_trip_days(logs, 10)
    tracker = PerformanceTracker(logs, clock=fixed_clock(NOW), cache_dir=tmp_path / "cache")
    all_time(tracker)
    round_trip_days(logs, 10, leave_open=6)
    # Rewriting every file with equal bytes except day 6: only day 6 is re-read, and from its
    # fills forward everything is replayed (4 days x 2 fills), days 0..5 never.
    summary = all_time(tracker)
    assert tracker.last_refresh is not None and tracker.last_refresh.files_read == 10
    assert tracker.last_refresh.fills_paired <= 20
    # From day 6 on a long of 1 @ 100 carries: each day's BUY 2 scales in, SELL 2 sells FIFO.
    (lot,) = summary.open_positions
    assert lot.quantity == 1 and lot.inferred
    assert summary.metrics.values["closed_trades"] == 6
    assert_as_from_scratch(logs, tracker, tmp_path / "scratch")


def test_deleting_and_restoring_a_file_re_pairs(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    round_trip_days(logs, 4, leave_open=1)
    tracker = PerformanceTracker(logs, clock=fixed_clock(NOW), cache_dir=tmp_path / "cache")
    before = stable(all_time(tracker))
    saved = day_path(logs, FIRST + timedelta(days=1)).read_bytes()
    day_path(logs, FIRST + timedelta(days=1)).unlink()
    assert_as_from_scratch(logs, tracker, tmp_path / "scratch")
    day_path(logs, FIRST + timedelta(days=1)).write_bytes(saved)
    assert stable(all_time(tracker)) == before


def test_historical_windows_show_the_lots_open_at_their_end(tmp_path: Path) -> None:
    """Day 1 leaves a long of 1 open; the daily window of day 1 lists it, day 3's does not
    (the lot was closed on day 2 by FIFO), though the cache holds later states too."""
    logs = tmp_path / "logs"
    round_trip_days(logs, 4, leave_open=1)
    write_lines(day_path(logs, FIRST + timedelta(days=2)), [
        execution("X", f"{FIRST + timedelta(days=2)}T16:00:00Z", "SELL", "1", "99")])
    for cache in (True, False):
        tracker = PerformanceTracker(logs, clock=fixed_clock(NOW), cache=cache,
                                     cache_dir=tmp_path / "cache")
        day_one = tracker.get_summary("daily", on=FIRST + timedelta(days=1))
        assert [(lot.quantity, lot.order_id) for lot in day_one.open_positions] == \
            [(Decimal(1), "B1")]
        day_three = tracker.get_summary("daily", on=FIRST + timedelta(days=3))
        assert day_three.open_positions == ()


def test_a_foreign_format_cache_is_rebuilt_with_pairing(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    round_trip_days(logs, 2)
    cache = tmp_path / "cache"
    tracker = PerformanceTracker(logs, clock=fixed_clock(NOW), cache_dir=cache)
    all_time(tracker)
    import sqlite3
    connection = sqlite3.connect(cache / "cache.sqlite3")
    connection.execute("UPDATE meta SET value = '2' WHERE key = 'format'")
    connection.commit()
    connection.close()
    again = PerformanceTracker(logs, clock=fixed_clock(NOW), cache_dir=cache)
    assert all_time(again).metrics.values["closed_trades"] == 2
    assert again.last_refresh is not None and again.last_refresh.fills_paired == 4


# --------------------------------------------------------------------------------------------
# The property: random fills, split over days and appended step by step; after every step
# the incrementally kept cache equals a fresh cache and the logs read without a cache.

KEYS = (("PAPER", "ACC-1", "AAPL"), ("LIVE", "ACC-1", "AAPL"), ("PAPER", None, "BTC-USD"))
fill_specs = st.fixed_dictionaries({
    "key": st.integers(0, len(KEYS) - 1),
    "action": st.sampled_from(["BUY", "SELL"]),
    "quantity": st.integers(1, 12).map(lambda n: str(Decimal(n) / 4)),
    "price": st.integers(9000, 11000).map(lambda n: str(Decimal(n) / 100)),
    "commission": st.sampled_from([None, None, "0.35", "1.00"]),
    "back": st.sampled_from([0, 0, 0, 0, 1]),       # now and then a fill written late
})


class PairingMachine(RuleBasedStateMachine):
    """Execution logs growing by days and appends, edited now and then; one cache throughout."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="pairing-machine-"))
        self.logs = self.root / "logs"
        self.days: list[date] = []
        self.minute = 0
        self.counter = 0
        self.executions: list[tuple[date, dict[str, Any]]] = []
        self.checks = 0
        self.cached = PerformanceTracker(self.logs, clock=fixed_clock(LATER),
                                         cache_dir=self.root / "cache")

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def instant(self, back: int) -> str:
        self.minute += 7
        moment = (datetime.combine(self.days[-1], datetime.min.time())
                  + timedelta(hours=12, minutes=min(self.minute, 600) - 5 * back))
        return moment.isoformat() + "Z"

    def add_fills(self, specs: list[dict[str, Any]]) -> None:
        lines = []
        for spec in specs:
            self.counter += 1
            mode, account, symbol = KEYS[spec["key"]]
            line = execution(f"E{self.counter}", self.instant(spec["back"]), spec["action"],
                             spec["quantity"], spec["price"], symbol=symbol, mode=mode,
                             account=account, commission=spec["commission"])
            lines.append(line)
            self.executions.append((self.days[-1], line))
        write_lines(day_path(self.logs, self.days[-1]), lines)

    @initialize(specs=st.lists(fill_specs, min_size=1, max_size=6))
    def first_day(self, specs: list[dict[str, Any]]) -> None:
        self.days.append(FIRST)
        self.add_fills(specs)

    @rule(specs=st.lists(fill_specs, min_size=1, max_size=6), skip=st.integers(1, 20))
    def next_day(self, specs: list[dict[str, Any]], skip: int) -> None:
        """A new day file, up to 20 days on (across the month end)."""
        self.days.append(self.days[-1] + timedelta(days=skip))
        self.minute = 0
        self.add_fills(specs)

    @rule(specs=st.lists(fill_specs, min_size=1, max_size=4))
    def append(self, specs: list[dict[str, Any]]) -> None:
        self.add_fills(specs)

    @precondition(lambda self: bool(self.executions))
    @rule(pick=st.integers(0, 10_000), net=st.integers(-500, 500))
    def close_by_order_id(self, pick: int, net: int) -> None:
        """A closed line for an earlier execution (as ``record exit`` writes), in the newest
        file: the execution becomes a logged trade's entry from then on."""
        _, line = self.executions.pop(pick % len(self.executions))
        closed = trade(line["order_id"], entry=line["timestamp"], exit=self.instant(0),
                       outcome="win" if net > 0 else "loss" if net < 0 else "breakeven",
                       net=str(Decimal(net) / 100), symbol=line["symbol"],
                       action=line["action"], mode=line["execution_mode"])
        write_lines(day_path(self.logs, self.days[-1]), [closed])

    @precondition(lambda self: len(self.days) > 1)
    @rule(pick=st.integers(0, 10_000), quantity=st.integers(1, 12))
    def rewrite_an_old_file(self, pick: int, quantity: int) -> None:
        """Change one fill's quantity in an older file (rewritten whole)."""
        path = day_path(self.logs, self.days[pick % (len(self.days) - 1)])
        lines = [json.loads(text) for text in path.read_text().splitlines()]
        target = lines[pick % len(lines)]
        if target["outcome"] == "open":
            target["quantity"] = str(Decimal(quantity) / 4)
        write_lines(path, lines, mode="w")

    @invariant()
    def cached_equals_from_scratch(self) -> None:
        if not self.days:
            return
        self.checks += 1
        scratch = self.root / f"scratch-{self.checks}"
        fresh = PerformanceTracker(self.logs, clock=fixed_clock(LATER), cache_dir=scratch)
        plain = PerformanceTracker(self.logs, clock=fixed_clock(LATER), cache=False)
        start, end = self.days[0], self.days[-1]
        got = stable(self.cached.get_summary("range", start, end))
        assert self.cached.last_refresh is not None, "the cached tracker fell back"
        assert got == stable(fresh.get_summary("range", start, end))
        assert got == stable(plain.get_summary("range", start, end))
        self.matches_the_simple_fifo(got)
        for day in (self.days[len(self.days) // 2], end):
            daily = stable(self.cached.get_summary("daily", on=day))
            assert daily == stable(fresh.get_summary("daily", on=day)), day
        rolling = stable(self.cached.get_summary("rolling", on=end, trades=3))
        assert rolling == stable(fresh.get_summary("rolling", on=end, trades=3))
        shutil.rmtree(scratch)


    def matches_the_simple_fifo(self, document: dict[str, Any]) -> None:
        """The test's own FIFO over the executions in the files, plus the logged trades."""
        latest: dict[str, tuple[tuple[str, int], dict[str, Any]]] = {}
        for path in sorted(self.logs.glob("*.jsonl")):
            for number, text in enumerate(path.read_text().splitlines(), start=1):
                line = json.loads(text)
                latest[line["order_id"]] = ((path.name, number), line)
        fills, logged = [], Decimal(0)
        for (file_name, number), line in latest.values():
            if line["outcome"] != "open":
                logged += Decimal(line["net_profit_loss"])
                continue
            fills.append(Fill(
                order=(datetime.fromisoformat(line["timestamp"]), file_name, number),
                key=(line["execution_mode"], line["account_id"], line["symbol"]),
                order_id=line["order_id"], action=line["action"],
                quantity=Decimal(line["quantity"]), price=Decimal(line["price"]),
                commission=Decimal(line["commission"] or 0)))
        trips, open_books = simple_fifo(fills)
        closed = len(trips) + sum(1 for _, line in latest.values() if line["outcome"] != "open")
        assert document["metrics"]["closed_trades"] == closed
        expected = sum((gross - commission for *_, gross, commission, _ in trips), logged)
        assert Decimal(document["metrics"]["net_profit_loss"]) == expected
        # (mode, symbol) tells the machine's keys apart; the JSON names the account only when
        # the report shows pairing
        lots = {(row["execution_mode"], row["symbol"]): Decimal(row["quantity"])
                for row in document["open_positions"]}
        assert lots == {(key[0], key[2]): sum((quantity for quantity, _ in book[1]), Decimal(0))
                        for key, book in open_books.items()}


TestPairingMachine = PairingMachine.TestCase
TestPairingMachine.settings = settings(
    max_examples=30, stateful_step_count=10, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate])


def test_drawdown_reads_the_same_cached_and_uncached_with_mixed_decimal_places(
        tmp_path: Path) -> None:
    """Round trips carry quantity x price decimals (-0.1300) beside logged nets (-0.14): the
    day-merged drawdown must print as the fold over all trades does (-0.1400), not -0.14."""
    logs = tmp_path / "logs"
    write_lines(day_path(logs, FIRST), [
        trade("A", entry="2026-03-02T10:00:00Z", exit="2026-03-02T11:00:00Z", outcome="loss",
              net="-0.1300")])
    write_lines(day_path(logs, FIRST + timedelta(days=1)), [
        trade("B", entry="2026-03-03T10:00:00Z", exit="2026-03-03T11:00:00Z", net="5.00"),
        trade("C", entry="2026-03-03T12:00:00Z", exit="2026-03-03T13:00:00Z", outcome="loss",
              net="-0.14")])
    documents = [stable(PerformanceTracker(logs, clock=fixed_clock(LATER), cache=cache,
                                           cache_dir=tmp_path / "cache").get_summary(
        "range", FIRST, FIRST + timedelta(days=1))) for cache in (False, True)]
    assert documents[0] == documents[1]
    assert documents[1]["drawdown"]["max"] == "-0.1400"
