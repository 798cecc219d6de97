"""Reading the operator's marks: a CSV of ``symbol,price`` that values the open positions.

The file is small and hand-written (or exported from a quote screen), so it is read strictly:
an optional ``symbol,price`` header, then one symbol and one positive decimal price per line.
Blank lines are skipped.  Anything else stops the run with the file, the line and the reason
(exit 1): a mark that is silently wrong would misstate every open P&L.  A symbol listed twice
is refused rather than guessed.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from trading_bot.performance.core.decimals import DECIMAL_TEXT
from trading_bot.performance.core.records import MAX_DECIMAL_TEXT, SYMBOL_PATTERN
from trading_bot.performance.core.timestamps import shown
from trading_bot.performance.errors import ConfigError, location

HEADER = ("symbol", "price")


def load_marks(path: Path) -> dict[str, Decimal]:
    """Symbol -> mark price from ``path``; ConfigError naming file, line and reason."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x})"
                          ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read marks file: {exc.strerror or exc}") from None
    return parse_marks(text, str(path))


def parse_marks(text: str, name: str) -> dict[str, Decimal]:
    """The marks of a file's text; ``name`` is how errors name the file."""
    marks: dict[str, Decimal] = {}
    seen_on: dict[str, int] = {}
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        try:
            row = next(csv.reader([line]), [])
        except csv.Error as exc:
            raise ConfigError(location(name, number, f"not CSV: {exc}")) from None
        cells = [cell.strip() for cell in row]
        if not cells or cells == [""]:
            continue
        if number == 1 and tuple(cell.lower() for cell in cells) == HEADER:
            continue
        if len(cells) != 2:
            raise ConfigError(location(name, number, f"expected symbol,price, got {len(cells)} "
                                                     f"field{'' if len(cells) == 1 else 's'}"))
        symbol, price = cells
        if not SYMBOL_PATTERN.match(symbol):
            raise ConfigError(location(name, number, f"not a symbol: {shown(symbol)}"))
        if len(price) > MAX_DECIMAL_TEXT or not DECIMAL_TEXT.match(price) or \
                Decimal(price) <= 0:
            raise ConfigError(location(name, number, "price must be a positive decimal like "
                                                     f"187.25, got {shown(price)}"))
        if symbol in marks:
            raise ConfigError(location(name, number, f"{symbol} is already marked on line "
                                                     f"{seen_on[symbol]}"))
        marks[symbol] = Decimal(price)
        seen_on[symbol] = number
    return marks


__all__ = ["load_marks", "parse_marks"]
