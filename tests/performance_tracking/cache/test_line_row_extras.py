"""A line's stored extras: the per-set cache of text extras writes what the general path writes.

``line_row`` encodes what ``--group-by`` reads of a line (its extra fields and the set
groupable fields, see ``group_fields``).  Lines whose extras are all text or null take a cached
encoding keyed by their values; it must spell exactly what the general encoding spells.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from trading_bot.performance.cache.codec import _encode_extras, _encode_text_fields, _groupable
from trading_bot.performance.core.records import GROUPABLE_FIELDS, group_fields, trade_from_json

from ..conftest import trade

TEXT = st.one_of(st.none(), st.sampled_from(["", "low", "high", "ACC-1", "é", "1"]))
NAMES = st.sampled_from(["confidence", "regime", "note", "z", "a"])


@settings(max_examples=300, deadline=None, database=None)
@given(st.dictionaries(NAMES, TEXT, max_size=4), st.lists(TEXT, min_size=4, max_size=4))
def test_cached_text_extras_match_the_general_encoding(extras: dict[str, Any],
                                                       groupable: list[str | None]) -> None:
    line = trade(**dict(zip(GROUPABLE_FIELDS, groupable, strict=True)), **extras)
    record = trade_from_json(line)
    grouped = group_fields(record)
    expected = _encode_extras(grouped) if grouped else None
    assert _encode_text_fields(tuple(record.extras.items()), _groupable(record)) == expected
