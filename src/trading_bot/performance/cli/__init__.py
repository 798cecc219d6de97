"""The command line: one module per command, :mod:`.common` for what they share."""

from trading_bot.performance.cli.summary import main

__all__ = ["main"]
