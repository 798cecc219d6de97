"""The exactly-once protocol between the alert state and the alert log.

The alert log and the alert state are two files, and no write changes two files at once.
Appending first and saving after repeats events when a run is killed in between (the next run
raises them again, with new ids); saving first loses them.  So events go through an outbox
kept in the state (see :mod:`.state`):

1. :func:`locked_state` takes the state's lock and, before anything else, delivers the events
   a killed run left pending: those the log does not hold yet (looking from the log's recorded
   size on, by event id) are appended with their WARNING records, and the outbox is cleared.
2. :func:`commit` validates the new events, saves the state *with* them pending and the log's
   size, appends them and logs their records, then saves the state without them.

A kill before the first save changes nothing; after it, the next run (or ``ack``) delivers
what the log lacks.  Every event reaches the log exactly once, with the id and time it was
decided at; only its WARNING record can be lost, when the kill falls between the append and
the record.  Both evaluations and ``ack`` go through here, so the CLI shell holds no protocol.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from trading_bot.performance.alerting.engine import AlertEvent
from trading_bot.performance.alerting.log import (
    announce,
    append_lines,
    deliver,
    document_line,
    log_size,
)
from trading_bot.performance.alerting.state import (
    AlertState,
    AlertStateStore,
    PendingEvents,
    StateHandle,
)


@contextmanager
def locked_state(state_path: Path, log_path: Path,
                 clock: Callable[[], datetime] | None = None) -> Iterator[StateHandle]:
    """The alert state under its lock, with any events a killed run left pending delivered
    first (appended unless already in the log, logged, and cleared from the state).

    ``clock`` stamps the state's ``committed_at`` (the clock the caller's summaries are dated
    by; None: the machine's).
    """
    store = AlertStateStore(state_path)
    with (store.locked() if clock is None else store.locked(clock=clock)) as handle:
        pending = handle.state.pending
        if pending is not None:
            deliver(log_path, pending)
            handle.save(handle.state.with_pending(None))
        yield handle


def commit(handle: StateHandle, log_path: Path, state: AlertState,
           events: Sequence[AlertEvent]) -> None:
    """Save ``state`` and append ``events`` exactly once, through the outbox.

    The state is saved first with the events pending (and the log's size), then the events
    are appended and logged (an ``acknowledged`` event is not: see
    :func:`.log.announced`), then the state is saved without them.  A kill before the
    first save changes nothing; after it, the next run delivers what the log lacks.  Without
    events it is one ordinary save (none if nothing changed).
    """
    if not events:
        handle.save(state)
        return
    documents = tuple(event.to_dict() for event in events)
    lines = [document_line(document) for document in documents]  # invalid: stop before writing
    handle.save(state.with_pending(PendingEvents(log_size(log_path), documents)))
    append_lines(log_path, lines)
    announce(documents)
    handle.save(state)


__all__ = ["commit", "locked_state"]
