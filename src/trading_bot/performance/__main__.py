"""``python -m trading_bot.performance``."""

from .cli import main

raise SystemExit(main())
