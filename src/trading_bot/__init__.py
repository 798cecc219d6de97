"""Trading bot tooling; see :mod:`trading_bot.performance`."""
