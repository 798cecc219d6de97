"""How far back each indexed log file reaches (what ``--backfill`` needs to know which exported
periods a file can change): its own entries, and the earlier lines it supersedes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.cache.reach import file_reach
from trading_bot.performance.cache.store import CacheStore

from ..conftest import trade


def write(logs: Path, day: str, *lines: dict[str, object]) -> None:
    logs.mkdir(parents=True, exist_ok=True)
    with (logs / f"{day}.jsonl").open("a", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line) + "\n")


def reach_of(logs: Path, after: str) -> dict[str, date]:
    tracker = PerformanceTracker(logs)
    tracker.refresh_cache()
    with CacheStore.open(tracker.cache_path) as store:
        return file_reach(store, after)


def test_a_file_reaches_its_own_earliest_entry_and_the_lines_it_supersedes(logs: Path) -> None:
    write(logs, "2026-03-02",
          trade("A", entry="2026-03-02T10:00:00Z", exit="2026-03-02T11:00:00Z"),
          trade("S", entry="2026-03-02T12:00:00Z", exit="2026-03-02T13:00:00Z"))
    write(logs, "2026-03-05",
          trade("B", entry="2026-03-05T10:00:00Z", exit="2026-03-05T11:00:00Z"))
    write(logs, "2026-03-08",                    # held since 03-04, closed on 03-08
          trade("C", entry="2026-03-04T09:00:00Z", exit="2026-03-08T11:00:00Z"))
    write(logs, "2026-03-09",                    # corrects the 03-02 line of order S
          trade("S", entry="2026-03-09T12:00:00Z", exit="2026-03-09T13:00:00Z", net="-3"))
    reach = reach_of(logs, "2026-03-02.jsonl")
    assert reach == {"2026-03-05.jsonl": date(2026, 3, 5), "2026-03-08.jsonl": date(2026, 3, 4),
                     "2026-03-09.jsonl": date(2026, 3, 2)}
    assert reach_of(logs, "2026-03-06.jsonl") == {"2026-03-08.jsonl": date(2026, 3, 4),
                                                  "2026-03-09.jsonl": date(2026, 3, 2)}


def test_a_file_of_bad_lines_only_reaches_nothing(logs: Path) -> None:
    write(logs, "2026-03-02", trade("A", entry="2026-03-02T10:00:00Z",
                                    exit="2026-03-02T11:00:00Z"))
    logs.joinpath("2026-03-03.jsonl").write_text("not json\n", encoding="utf-8")
    assert reach_of(logs, "2026-03-01.jsonl") == {"2026-03-02.jsonl": date(2026, 3, 2)}
