"""Exact money: every amount is a :class:`~decimal.Decimal` built from text, never from a float.

JSON numbers are decoded with ``parse_float=Decimal`` by the reader, so a number such as
``150.25`` arrives here as ``Decimal('150.25')`` from its own digits.  Exponent notation is
rejected: no trading system writes ``1.5e2`` for a price on purpose, and accepting it would let a
float that went through ``repr`` slip in unnoticed.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from decimal import Context, Decimal, localcontext

from trading_bot.performance.errors import InvalidLineError

DECIMAL_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?\Z")

#: Division context: 34 significant digits (IEEE decimal128), enough that no rate or ratio we
#: report is visibly rounded; quantizing is left to the renderers.
DIVISION_CONTEXT = Context(prec=34)

#: Summing context: wide enough that adding any values we hold is exact.  Line values have at
#: most 40 digits and ratios 34 significant digits, so every sum fits in far fewer than 1,000
#: digits; with the default 28 a sum of ratios would round differently depending on how the
#: trades were grouped, and merged day aggregates would disagree with a fold of the whole window.
EXACT_SUM_CONTEXT = Context(prec=1000)

ZERO = Decimal(0)


def exact_sums() -> AbstractContextManager[Context]:
    """Context manager under which Decimal additions are exact (see EXACT_SUM_CONTEXT)."""
    return localcontext(EXACT_SUM_CONTEXT)


def parse_decimal(value: object, field: str) -> Decimal:
    """Convert a JSON value to an exact Decimal or raise InvalidLineError naming the field.

    Accepted: decimal strings (``"150.25"``, ``"-3"``), integers and Decimals produced by the JSON
    decoder from plain numbers.  Rejected with a reason: booleans, exponent strings, empty or
    padded strings, anything else.
    """
    if isinstance(value, bool):
        raise InvalidLineError(f"{field} must be a decimal number, got boolean {value!r}")
    if isinstance(value, str):
        if not DECIMAL_TEXT.match(value):
            raise InvalidLineError(
                f"{field} must be a decimal string like \"150.25\", got {value!r}")
        return Decimal(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        # Only the reader's decoder makes Decimals, and it has already refused exponents and
        # non-finite values in the line's own text.
        return value
    if value is None:
        raise InvalidLineError(f"{field} must be a decimal number, got null")
    raise InvalidLineError(f"{field} must be a decimal number, got {type(value).__name__}")


def divide(numerator: Decimal, denominator: Decimal) -> Decimal:
    """Divide with the package-wide precision; callers guarantee a non-zero denominator."""
    return DIVISION_CONTEXT.divide(numerator, denominator)


def canonical(value: Decimal) -> str:
    """Exact text for JSON: no exponent, trailing zeros kept as the arithmetic produced them."""
    if value.is_zero() and value.is_signed():
        value = -value
    return format(value, "f")


def quantize_for_display(value: Decimal, places: int = 2) -> str:
    """Round half-even to ``places`` decimals for people; JSON keeps :func:`canonical` text."""
    exponent = Decimal(1).scaleb(-places)
    # Enough digits for the integer part too: a valid 40-digit amount must still display.
    digits = max(DIVISION_CONTEXT.prec, value.adjusted() + places + 2)
    with localcontext(Context(prec=digits)):
        rounded = value.quantize(exponent)
    text = format(rounded, "f")
    return text[1:] if rounded.is_zero() and text.startswith("-") else text


__all__ = ["DECIMAL_TEXT", "ZERO", "canonical", "divide", "parse_decimal", "quantize_for_display"]
