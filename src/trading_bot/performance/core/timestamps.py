"""Instants and local days.

Every instant is normalised to an aware UTC ``datetime`` at the edge, so later code can compare
and subtract without thinking about offsets.  Local days are computed through ``zoneinfo`` so DST
days have their real 23 or 25 hours.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from trading_bot.performance.errors import InvalidLineError, UsageError

DEFAULT_TIMEZONE = "UTC"
#: Years an instant or a day file may have: no bot trades outside them, and day arithmetic with
#: a margin and any timezone offset cannot overflow ``datetime`` inside them.
SUPPORTED_YEARS = range(1970, 9000)
TIMEZONE_ENV = "PERFORMANCE_SUMMARY_TIMEZONE"


#: The instants ``specs/trade-record.schema.json`` admits, years aside (they get their own
#: message): ``datetime.fromisoformat`` alone would also take week dates (``2026-W10-1``), basic
#: times (``T1400``) and offsets with seconds, which the contract does not allow.
INSTANT_SHAPE = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]"
                           r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?"
                           r"(Z|[+-][0-9]{2}(:?[0-9]{2})?)?\Z")
#: Longest part of a rejected value quoted in a message: a 1 MiB "timestamp" stays one line.
SHOWN_VALUE_LENGTH = 40


def shown(value: str) -> str:
    """A value quoted for a message, cut to :data:`SHOWN_VALUE_LENGTH` characters."""
    if len(value) <= SHOWN_VALUE_LENGTH:
        return repr(value)
    return f"{value[:SHOWN_VALUE_LENGTH]!r}... ({len(value)} characters)"


def parse_instant(value: object, field: str) -> datetime:
    """Parse an ISO-8601 timestamp; ``Z`` and offsets are honoured, no offset means UTC."""
    if not isinstance(value, str):
        raise InvalidLineError(f"{field} must be an ISO-8601 string, got {type(value).__name__}")
    if not INSTANT_SHAPE.match(value):
        raise InvalidLineError(f"{field} is not an ISO-8601 timestamp: {shown(value)}")
    try:
        parsed = datetime.fromisoformat(value)
        instant = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except ValueError:
        raise InvalidLineError(f"{field} is not an ISO-8601 timestamp: {shown(value)}") from None
    except OverflowError:
        instant = None
    if instant is None or instant.year not in SUPPORTED_YEARS:
        # Local-day arithmetic in any timezone must stay inside the calendar.
        raise InvalidLineError(
            f"{field} is outside the supported years {SUPPORTED_YEARS[0]}-{SUPPORTED_YEARS[-1]}: "
            f"{shown(value)}")
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
