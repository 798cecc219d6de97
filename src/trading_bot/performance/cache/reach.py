"""How far back in time each log file reaches: what a backfill needs to know which exported
periods a changed file can have changed.

Under DESIGN.md's file-date invariant a file's lines are realized within a day of its date, but
a file can still change an *earlier* period's report in three ways: a closed line whose entry
lies before that period's end (the position was open then, and is listed as open in that
period's report), a misplaced line realized inside the period, and a line that supersedes (by
``order_id``) a line of an earlier file, which removes or replaces what that file said.  So a
file's *reach* is the earliest of: the entry instants of its own lines, and the entry instants
and file dates of the earlier lines that share an ``order_id`` with one of its lines.  A period
whose end (plus the one-day file margin) is before a file's reach cannot see that file.
"""

from __future__ import annotations

from datetime import date

from trading_bot.performance.cache.codec import from_micros
from trading_bot.performance.cache.store import CacheStore

_OWN_LINES = "SELECT file, MIN(entry_us) FROM lines WHERE file > ? GROUP BY file"
_SHARED_ORDERS = (
    "SELECT later.file, MIN(earlier.entry_us), MIN(earlier.file) FROM lines AS later "
    "JOIN lines AS earlier ON earlier.order_id = later.order_id AND earlier.file < later.file "
    "WHERE later.file > ? GROUP BY later.file")


def file_reach(store: CacheStore, after: str) -> dict[str, date]:
    """The UTC date each indexed file named after ``after`` reaches back to (see the module
    docstring); a file with no valid line is absent (it shows only in its own window's data
    quality, which reads it by date).

    Both queries walk only the files after ``after`` (the primary key's range) and, for the
    second, the ``order_id`` index: the cost follows the files a backfill has to judge, not the
    history.  Raises :class:`~.store.CacheCorrupt` or :class:`~.store.CacheUnavailable` like
    every read of the store.
    """
    reach: dict[str, date] = {}

    def earliest(name: str, day: date) -> None:
        known = reach.get(name)
        reach[name] = day if known is None or day < known else known

    with store.read() as connection:
        for name, entry_us in connection.execute(_OWN_LINES, (after,)):
            earliest(name, from_micros(entry_us).date())
        for name, entry_us, earlier_file in connection.execute(_SHARED_ORDERS, (after,)):
            earliest(name, from_micros(entry_us).date())
            earliest(name, date.fromisoformat(str(earlier_file)[:10]))
    return reach


__all__ = ["file_reach"]
