"""Instants and local days.

Every instant is normalised to an aware UTC ``datetime`` at the edge, so later code can compare
and subtract without thinking about offsets.  Local days are computed through ``zoneinfo`` so DST
days have their real 23 or 25 hours.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import InvalidLineError, UsageError

DEFAULT_TIMEZONE = "UTC"
#: Years an instant or a day file may have: no bot trades outside them, and day arithmetic with
#: a margin and any timezone offset cannot overflow ``datetime`` inside them.
SUPPORTED_YEARS = range(1970, 9000)
TIMEZONE_ENV = "PERFORMANCE_SUMMARY_TIMEZONE"


def parse_instant(value: object, field: str) -> datetime:
    """Parse an ISO-8601 timestamp; ``Z`` and offsets are honoured, no offset means UTC."""
    if not isinstance(value, str):
        raise InvalidLineError(f"{field} must be an ISO-8601 string, got {type(value).__name__}")
    if len(value) < 16 or value[10] not in "T ":
        raise InvalidLineError(f"{field} is not an ISO-8601 timestamp: {value!r}")
    try:
        parsed = datetime.fromisoformat(value)
        instant = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except ValueError:
        raise InvalidLineError(f"{field} is not an ISO-8601 timestamp: {value!r}") from None
    except OverflowError:
        instant = None
    if instant is None or instant.year not in SUPPORTED_YEARS:
        # Local-day arithmetic in any timezone must stay inside the calendar.
        raise InvalidLineError(
            f"{field} is outside the supported years {SUPPORTED_YEARS[0]}-{SUPPORTED_YEARS[-1]}: "
            f"{value!r}")
    return instant


def format_instant(value: datetime) -> str:
    """ISO-8601 in UTC with a ``Z``: one spelling for every instant we write."""
    text = value.astimezone(UTC).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def resolve_timezone(name: str) -> tzinfo:
    """Look a zone name up, with a usage error that says how to spell one."""
    if name.upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(
            f"unknown timezone {name!r}: use an IANA name such as 'UTC', 'America/New_York' "
            "or 'Europe/London'"
        ) from None


def timezone_name(zone: tzinfo) -> str:
    """The name a zone was created from (``UTC`` for the fixed UTC zone)."""
    return "UTC" if zone is UTC else str(zone)


def local_day(instant: datetime, zone: tzinfo) -> date:
    """The calendar date of ``instant`` on a wall clock in ``zone``."""
    return instant.astimezone(zone).date()


def day_start(day: date, zone: tzinfo) -> datetime:
    """The first instant of a local day, in UTC (DST-safe: uses the zone's real offset)."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def day_end(day: date, zone: tzinfo) -> datetime:
    """The first instant after a local day, in UTC (exclusive bound)."""
    return day_start(day + timedelta(days=1), zone)
