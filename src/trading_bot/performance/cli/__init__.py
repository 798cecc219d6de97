"""The command line: one module per command, :mod:`.common` for what they share.

:mod:`.summary` is the main command (``trading-performance``, ``python -m
trading_bot.performance``) and dispatches its subcommands ``record`` (:mod:`.record`), ``ack``
(:mod:`.alerts`) and ``check`` (:mod:`.check`); :mod:`.cache` holds the cache options and
``--backfill``.  The modules parse,
print and choose exit codes; the work is done by the tracker and
:mod:`trading_bot.performance.services`.
"""

from trading_bot.performance.cli.summary import main

__all__ = ["main"]
