"""``python -m trading_bot.performance``: the same command as the ``trading-performance`` script."""

from trading_bot.performance.cli import main

if __name__ == "__main__":  # not when a worker process imports this module
    raise SystemExit(main())
