"""Free-text reasons reduced to their template: the reason a bot has, not the prices it printed.

A bot writes its exit reason as a sentence with the numbers of the moment in it ("Stop loss
$182.10 triggered, support broke", "Take profit hit at +2.5% (ord-8f3a2b)"): a year holds
hundreds of thousands of distinct texts but a handful of reasons.  Grouping by the raw text gives
one row per trade; grouping by the template gives the rows a person can compare.

The rule (also in the README), applied in this order:

1. a timestamp or date (``2026-03-04``, ``2026-03-04T10:15:00Z``, ``10:15:00``) becomes ``#``;
2. an id becomes ``#``: a UUID, a run of 8 or more hex digits with a digit in it, or a word
   joined by ``-``, ``_`` or ``:`` that mixes letters and digits (``ord-8f3a2b``, ``T-000123``);
3. every number becomes ``#``: sign, thousands separators and decimals included (``-1,234.50``);
   what surrounds it stays, so ``$182.10`` reads ``$#``, ``2.5%`` reads ``#%``, ``EMA20`` reads
   ``EMA#`` and ``1.8R`` reads ``#R``;
4. runs of white space become one space, and the ends are trimmed.

Letters are kept as written (case included): two texts share a template exactly when they differ
only in what the rule replaces.  Pure; memoised, because a bot repeats its templates.
"""

from __future__ import annotations

import re
from functools import lru_cache

PLACEHOLDER = "#"

_TIME = r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
_DATE = r"\d{4}-\d{2}-\d{2}(?:[T ]" + _TIME + r")?"
_UUID = r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
_HEX = r"(?=[0-9A-Fa-f]*\d)[0-9A-Fa-f]{8,}"
_JOINED_ID = (r"(?=[\w:-]*\d)(?=[\w:-]*[A-Za-z])[A-Za-z0-9]+(?:[-_:][A-Za-z0-9]+)+")
_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+"

#: One pass: the alternatives are tried left to right at each position, so a date is not read as
#: three numbers and an id is not read as a word and a number.
_PATTERN = re.compile(
    rf"(?<![\w.])(?:{_DATE}|{_TIME}|{_UUID}|{_HEX}|{_JOINED_ID})(?![\w])|{_NUMBER}")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def reason_template(text: str) -> str:
    """The template of a free-text reason (see the module docstring for the rule)."""
    return _SPACE.sub(" ", _PATTERN.sub(PLACEHOLDER, text)).strip()


__all__ = ["PLACEHOLDER", "reason_template"]
