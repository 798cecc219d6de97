"""The Python API's arguments: ISO date strings are accepted where dates are expected, and any
other wrong type is a TypeError naming the parameter (never an AttributeError from inside).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.errors import UsageError

from ..conftest import fixed_clock, trade, write_log


@pytest.fixture
def tracker(logs: Path) -> PerformanceTracker:
    write_log(logs, "2026-03-02", trade("A", entry="2026-03-02T14:00:00Z",
                                        exit="2026-03-02T15:00:00Z"))
    write_log(logs, "2026-03-03", trade("B", entry="2026-03-03T14:00:00Z",
                                        exit="2026-03-03T15:00:00Z"))
    return PerformanceTracker(logs, clock=fixed_clock("2026-03-10T00:00:00Z"), cache=False)


@pytest.mark.parametrize(("args", "kwargs", "same_as"), [
    (("daily",), {"start_date": "2026-03-02"}, (("daily",), {"on": date(2026, 3, 2)})),
    (("daily", "2026-03-02"), {}, (("daily",), {"on": date(2026, 3, 2)})),
    (("weekly",), {"on": "2026-03-04"}, (("weekly",), {"on": date(2026, 3, 4)})),
    (("range", "2026-03-02", "2026-03-03"), {},
     (("range", date(2026, 3, 2), date(2026, 3, 3)), {})),
    (("range",), {"start_date": date(2026, 3, 2), "end_date": "2026-03-03"},
     (("range", date(2026, 3, 2), date(2026, 3, 3)), {})),
    (("rolling",), {"on": "2026-03-03", "trades": 5}, (("rolling",), {"on": date(2026, 3, 3),
                                                                      "trades": 5})),
])
def test_iso_date_strings_are_dates(tracker: PerformanceTracker, args: tuple[Any, ...],
                                    kwargs: dict[str, Any],
                                    same_as: tuple[tuple[Any, ...], dict[str, Any]]) -> None:
    summary = tracker.get_summary(*args, **kwargs)
    expected = tracker.get_summary(*same_as[0], **same_as[1])
    assert (summary.period, summary.metrics) == (expected.period, expected.metrics)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"start_date": 20261015}, "start_date must be a datetime.date or an ISO date string such "
                               "as '2025-10-15', got int"),
    ({"end_date": 1.5, "start_date": "2026-03-02", "window": "range"},
     "end_date must be a datetime.date or an ISO date string such as '2025-10-15', got float"),
    ({"on": b"2026-03-02"}, "on must be a datetime.date or an ISO date string such as "
                            "'2025-10-15', got bytes"),
    ({"on": ["2026-03-02"]}, "on must be a datetime.date or an ISO date string such as "
                             "'2025-10-15', got list"),
    ({"window": 7}, "window must be a str such as 'daily', got int"),
    ({"window": "rolling", "trades": "20"}, "trades must be an int, got str"),
    ({"window": "rolling", "trades": True}, "trades must be an int, got bool"),
    ({"window": "rolling", "trades": Decimal(20)}, "trades must be an int, got Decimal"),
])
def test_other_types_are_a_type_error_naming_the_parameter(tracker: PerformanceTracker,
                                                           kwargs: dict[str, Any],
                                                           message: str) -> None:
    with pytest.raises(TypeError) as raised:
        tracker.get_summary(**kwargs)
    assert str(raised.value) == message


@pytest.mark.parametrize("text", ["2026-3-2", "yesterday", "2026-02-30", "20260302",
                                  "2026-W10-1", "2026-03-02T00:00:00", " 2026-03-02", ""])
def test_a_malformed_date_string_names_the_parameter(tracker: PerformanceTracker,
                                                     text: str) -> None:
    with pytest.raises(UsageError) as raised:
        tracker.get_summary("daily", on=text)
    assert str(raised.value) == f"on must be an ISO date such as 2025-10-15, got {text!r}"
