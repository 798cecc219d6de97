"""``python -m trading_bot.performance``."""

from trading_bot.performance.cli.summary import main

if __name__ == "__main__":  # not when a worker process imports this module
    raise SystemExit(main())
