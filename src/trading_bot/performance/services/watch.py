"""``--watch``: evaluate again every interval until SIGINT or SIGTERM, then stop cleanly.

A signal only sets a flag and wakes the sleep (self-pipe); it never interrupts an evaluation, so
a stop cannot land between appending alert events and saving the alert state.  The loop is
fixed-rate: an evaluation that takes 200 ms in a 60 s interval is followed by a 59.8 s wait.
Each evaluation's duration is logged at INFO (``evaluation_ms`` as an ``extra`` field), so the
operator sees what the incremental cache buys.  An error in one evaluation (a log directory
briefly unmounted, say) is logged and the loop goes on; the targets file is read once at
start, so a change to it needs a restart.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import signal
import time
from collections.abc import Callable, Iterator

from trading_bot.performance.errors import PerformanceError

#: Named for the operator-facing logger, not the module path: log filters outlive refactors.
LOGGER = logging.getLogger("trading_bot.performance.watch")
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stopper:
    """A stop request that a signal handler may set and a sleeper can wait on."""

    def __init__(self) -> None:
        self.signal: int | None = None
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)
        os.set_blocking(self._write, False)

    def request(self, signum: int, _frame: object = None) -> None:
        """Signal handler: remember the signal and wake the sleeper (async-signal-safe)."""
        self.signal = signum
        # A full pipe (OSError) means a wake-up is already pending.
        with contextlib.suppress(OSError):
            os.write(self._write, b"x")

    @property
    def stopped(self) -> bool:
        return self.signal is not None

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True when a stop was requested."""
        if not self.stopped and seconds > 0:
            select.select([self._read], [], [], seconds)
        return self.stopped

    def close(self) -> None:
        os.close(self._read)
        os.close(self._write)


@contextlib.contextmanager
def stop_on_signals(stopper: Stopper) -> Iterator[Stopper]:
    """Route SIGINT and SIGTERM to ``stopper`` for the duration; restore the old handlers."""
    previous = {number: signal.signal(number, stopper.request) for number in STOP_SIGNALS}
    try:
        yield stopper
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def watch(evaluate: Callable[[], int], *, interval: float, stopper: Stopper,
          clock: Callable[[], float] = time.monotonic,
          logger: logging.Logger = LOGGER) -> int:
    """Call ``evaluate`` every ``interval`` seconds until ``stopper`` is set; return 0.

    ``evaluate`` returns the exit code a single run would have had (0 ok, 2 breach); it is
    logged with the evaluation time.
    """
    count = 0
    logger.info("watch: evaluating every %s s; SIGINT or SIGTERM stops", _seconds(interval))
    while not stopper.stopped:
        started = clock()
        count += 1
        try:
            code: int | None = evaluate()
        except PerformanceError as exc:
            code = None
            logger.error("watch: evaluation %d failed: %s", count, exc)
        elapsed = clock() - started
        logger.info("watch: evaluation %d took %.1f ms (%s)", count, elapsed * 1000,
                    "error" if code is None else "breach, exit 2" if code == 2 else "ok",
                    extra={"evaluation_ms": round(elapsed * 1000, 3), "evaluation": count,
                           "exit_code": code})
        stopper.wait(max(interval - elapsed, 0.0))
    name = signal.Signals(stopper.signal).name if stopper.signal is not None else "stop"
    logger.info("watch: stopped by %s after %d evaluations", name, count)
    return 0


def _seconds(value: float) -> str:
    return f"{value:g}"


__all__ = ["STOP_SIGNALS", "Stopper", "stop_on_signals", "watch"]
