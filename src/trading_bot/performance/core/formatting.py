"""Turning exact values into text for people; shared by the text and Markdown renderers.

Only here are numbers rounded (half-even, 2 places for money and percentages); JSON never goes
through this module.  A metric is formatted by its kind in :mod:`.metric_catalogue`, so a new
metric needs no formatting code.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import Any

from trading_bot.performance.core.decimals import quantize_for_display
from trading_bot.performance.core.metric_catalogue import DURATION, RATE
from trading_bot.performance.core.metric_catalogue import metric as catalogued

DASH = "-"


def money(value: Decimal | None) -> str:
    return DASH if value is None else quantize_for_display(value, 2)


def percent(value: Decimal | None) -> str:
    return DASH if value is None else quantize_for_display(value * 100, 2) + "%"


def duration(seconds: Decimal | int | None) -> str:
    """Compact ``1d 02h``/``3h 05m``/``4m 10s`` form for hold times and position ages."""
    if seconds is None:
        return DASH
    total = int(seconds)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours:02d}h"
    if hours:
        return f"{hours}h {minutes:02d}m"
    return f"{minutes}m {secs:02d}s"


def metric(name: str, value: Any) -> str:
    """Format one catalogued metric by its kind: rate as a percentage, duration as ``3h 05m``,
    money and ratios to 2 places, counts as they are."""
    if value is None:
        return DASH
    kind = catalogued(name).kind
    if kind == RATE:
        return percent(value)
    if kind == DURATION:
        return duration(value)
    if isinstance(value, Decimal):
        return quantize_for_display(value, 2)
    return str(value)


#: Rows with fewer closed trades than this are marked as a small sample and left out of the
#: review's rankings and rules (``--min-sample`` overrides it).  20 is a common rule of thumb:
#: below it a win rate moves by 5 points or more with a single trade.
MIN_SAMPLE = 20


def one_line(text: str) -> str:
    """Logged text made safe to print: whitespace runs become one space, control characters
    (an ANSI escape in a strategy name could repaint the operator's terminal) become ``\\xNN``."""
    collapsed = " ".join(text.split())
    if collapsed.isprintable():
        return collapsed
    return "".join(char if char.isprintable() else f"\\x{ord(char):02x}" if ord(char) < 256
                   else f"\\u{ord(char):04x}" for char in collapsed)


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: East Asian wide and fullwidth characters take two,
    combining marks and other zero-width characters none, the rest one.

    Text tables pad and clip by this rather than ``len``, so a strategy named ``均值回归`` or a
    symbol with an accent written as a combining mark keeps its column aligned.  Plain ASCII
    (nearly every cell) is answered without looking at each character.
    """
    if text.isascii():
        return len(text)
    return sum(_char_width(char) for char in text)


@lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in _ZERO_WIDTH_CATEGORIES:
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


#: Enclosing and non-spacing marks (combining) and format characters such as the zero-width
#: joiner: they print on the character before them.
_ZERO_WIDTH_CATEGORIES = frozenset({"Mn", "Me", "Cf"})


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` columns (display width), on the left when
    ``right`` (numbers), else on the right."""
    padding = " " * max(width - display_width(text), 0)
    return padding + text if right else text + padding


def clip(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` columns (display width), marking the cut with an ellipsis so a
    clipped name is not misread; a wide character that would straddle the edge is left out."""
    if display_width(text) <= width:
        return text
    room = max(width - 1, 0)
    if text.isascii():
        return text[:room] + "\u2026"
    kept, used = [], 0
    for char in text:
        used += _char_width(char)
        if used > room:
            break
        kept.append(char)
    return "".join(kept) + "\u2026"


def sample_size(closed: int, min_sample: int, *, short: bool = False) -> str:
    """The ``n`` of a row, marked when below the minimum sample (``5 (small sample)``)."""
    if closed >= min_sample:
        return str(closed)
    return f"{closed} (small)" if short else f"{closed} (small sample)"


def signed(text: str) -> str:
    """Prefix a plus sign on a positive formatted number, for changes and P&L deltas."""
    return text if text.startswith("-") or text == DASH or set(text) <= set("0.") else "+" + text


def change(name: str, delta: Decimal | int | None) -> str:
    """A metric's change between periods; rates change in percentage points (``+5.20 pp``)."""
    if delta is None:
        return DASH
    if catalogued(name).kind == RATE:
        return signed(quantize_for_display(Decimal(delta) * 100, 2)) + " pp"
    if isinstance(delta, Decimal):
        return signed(quantize_for_display(delta, 2))
    return signed(str(delta))


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 trade`` / ``7 trades``: reports are read by people, not parsed."""
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"
