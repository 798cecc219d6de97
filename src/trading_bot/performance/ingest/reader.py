"""From day files to a ledger of effective trades, with every bad line accounted for.

Two steps with different scopes:

* :func:`scan_file` decodes and validates one file (its lines are independent), producing a
  :class:`FileScan`.  This is the unit the cache stores and the unit parallel workers produce.
* :func:`build_ledger` applies the rules that span files, in file order: a later line with the
  same ``order_id`` supersedes an earlier one, an exact repeat counts once, an open line that
  arrives after its own close is ignored (and reported), and lines far from their file's date are
  flagged as misplaced.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from trading_bot.performance.core.records import TradeRecord, trade_from_json
from trading_bot.performance.errors import InvalidLineError, location
from trading_bot.performance.ingest.logfiles import (
    MAX_LINE_BYTES,
    DayFile,
    LineTail,
    RawLine,
    iter_lines,
    read_lines,
)

_UTF8_BOM = b"\xef\xbb\xbf"
MISPLACED_TOLERANCE_DAYS = 1


def _reject_constant(name: str) -> object:
    raise InvalidLineError(f"{name} is not a number (NaN/Infinity are invalid)")


MAX_NUMBER_DIGITS = 40


def _exact_number(text: str) -> Decimal:
    """JSON numbers with a fraction become Decimals from their own digits, never floats.

    The file's text is checked, not the Decimal's: ``1500e-2`` is refused even though it
    normalises to a plain 15.00, while a plain ``0.0000001`` is accepted.
    """
    if "e" in text or "E" in text:
        raise InvalidLineError(f"numbers must not use exponent notation, got {text}")
    if len(text) > MAX_NUMBER_DIGITS:
        raise InvalidLineError(f"number has more than {MAX_NUMBER_DIGITS} digits: {text[:20]}...")
    return Decimal(text)


def _bounded_int(text: str) -> int:
    if len(text) > MAX_NUMBER_DIGITS:
        raise InvalidLineError(f"number has more than {MAX_NUMBER_DIGITS} digits: {text[:20]}...")
    return int(text)


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """An object whose keys are all different; a repeated key makes the line bad.

    JSON parsers disagree on a repeated key (the last wins here, the first elsewhere), so a
    second ``net_profit_loss`` would be counted silently by one reader and not by another.
    Comparing sizes keeps the common case to one ``dict`` call: the decode of a 635-byte
    trade line stays about 4 us, and an uncached daily summary of 50,000 lines about 53 us
    per line either way (the difference is below the measurement's noise).
    """
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise InvalidLineError(f"duplicate key {key!r} (a line names each field once)")
            seen.add(key)
    return result


#: One decoder for every line: ``json.loads`` with options builds a new decoder per call.
_DECODER = json.JSONDecoder(parse_float=_exact_number, parse_int=_bounded_int,
                            parse_constant=_reject_constant, object_pairs_hook=_unique_keys)


def decode_line(data: bytes) -> object:
    """Decode one line of JSON with exact decimals; every failure becomes InvalidLineError.

    A plain line is read by orjson (:func:`_plain_object`), about 3.5 times faster than the
    standard library's decoder with the hooks exactness needs; any line orjson might read
    differently goes to :func:`exact_decode`, so the value, or the bad line's reason, is always
    exactly the standard decoder's.
    """
    value = _plain_object(data)
    return exact_decode(data) if value is None else value


def _plain_object(data: bytes) -> dict[str, Any] | None:
    """The line's object when orjson's reading of it is provably :func:`exact_decode`'s, else
    None.

    orjson reads a number with a fraction as a float and silently keeps the last of a repeated
    key, where the exact decoder keeps the digits and refuses the line.  So a line is taken
    only when

    * it is an object of text, integers, booleans, nulls and lists of text: no float, and no
      nested object whose keys would need counting too (those lines take the exact path);
    * it holds exactly two quotes per key and text value of the object.  A line holds two
      quotes per string it spells out, plus one per escaped quote; a repeated key (however
      escaped) is spelled out but missing from the object, so the line has more quotes.

    orjson refuses whatever the exact decoder refuses (invalid UTF-8, NaN, control characters
    in strings, lone surrogate escapes, trailing data, integers past 64 bits); such a line
    also takes the exact path, for the exact decoder's reason.
    ``tests/performance_tracking/ingest/test_fast_decode.py`` holds the two readings equal.
    """
    try:
        value = _orjson_loads()(data)
    except ValueError:   # orjson.JSONDecodeError, a ValueError: it raises nothing else here
        return None
    if type(value) is not dict:
        return None
    strings = len(value)
    for item in value.values():
        kind = type(item)
        if kind is str:
            strings += 1
        elif kind is list:
            for element in item:
                if type(element) is not str:
                    return None
            strings += len(item)
        elif kind is float or kind is dict:
            return None
    return value if data.count(b'"') == 2 * strings else None


@cache
def _orjson_loads() -> Callable[[bytes], Any]:
    """orjson's ``loads``, imported when the first line is decoded."""
    # lazy: orjson (with the uuid module it imports) costs 2.3 ms, and a warm run decodes no line
    import orjson

    return orjson.loads


def exact_decode(data: bytes) -> object:
    """The standard library's reading of a line: exact decimals, a repeated key refused, and
    every failure an InvalidLineError saying why (the reference :func:`decode_line` keeps to)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidLineError(
            f"line is not valid UTF-8 (byte 0x{data[exc.start]:02x} at column {exc.start + 1})"
        ) from None
    if not text or text.isspace():   # as ``not text.strip()``, without copying the line
        raise InvalidLineError("blank line")
    try:
        value = _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        # Some messages end in "at" ("Unterminated string starting at"): the column completes them.
        raise InvalidLineError(
            f"invalid JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}") from None
    except RecursionError:
        raise InvalidLineError("invalid JSON: nested too deeply") from None
    except ValueError as exc:  # limits of the number parsers, whatever their wording
        raise InvalidLineError(f"invalid JSON: {exc}") from None
    if "\\u" in text:
        surrogate = _lone_surrogate(value)
        if surrogate is not None:
            raise InvalidLineError(
                f"invalid JSON: lone surrogate escape {surrogate} (not a Unicode character)")
    return value


def _lone_surrogate(value: object) -> str | None:
    """The first lone UTF-16 surrogate in any key or string of a decoded value, as ``\\udXXX``.

    Valid UTF-8 bytes cannot hold one, but a JSON ``\\ud800`` escape without its pair can; a
    string holding it cannot be encoded as UTF-8 again, so a JSON report or an export that
    carried it (a strategy name, a group-by value) would fail to be written.
    """
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                return f"\\u{ord(item[exc.start]):04x}"
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


@dataclass(frozen=True, slots=True)
class LoggedTrade:
    """A valid trade line and where it was read: the position defines supersession order."""

    record: TradeRecord
    file_name: str
    file_day: date
    line: int
    digest: bytes

    @property
    def where(self) -> str:
        return f"{self.file_name}:{self.line}"

    @property
    def sort_key(self) -> tuple[datetime, str, int]:
        """Realization order: time, then file order (DESIGN.md)."""
        return (self.record.realized_at, self.file_name, self.line)

    @property
    def is_misplaced(self) -> bool:
        """The line's own event date is more than a day away from its file's date."""
        event_day = self.record.realized_at.date()
        return abs((event_day - self.file_day).days) > MISPLACED_TOLERANCE_DAYS


@dataclass(frozen=True, slots=True)
class BadLine:
    """A line that could not be used, with the reason an operator needs to fix it."""

    file_name: str
    file_day: date | None
    line: int
    reason: str

    def __str__(self) -> str:
        return location(self.file_name, self.line, self.reason)


@dataclass(frozen=True, slots=True)
class FileScan:
    """Everything one file contributed: its valid trades in line order and its bad lines."""

    file_name: str
    file_day: date
    trades: tuple[LoggedTrade, ...]
    bad_lines: tuple[BadLine, ...]
    lines_read: int
    bytes_read: int
    end_offset: int
    next_line_number: int
    torn_tail_bytes: int
    prefix_digest: bytes = b""
    digest: bytes = b""
    torn_tail_carriage_returns: int = 0

    @property
    def unreadable(self) -> bool:
        """The file could not be opened or read: nothing in it was seen, so nothing is cached."""
        return not self.digest


def unfinished_line(file_name: str, file_day: date, line: int, tail_bytes: int,
                    carriage_returns: int) -> BadLine:
    """The bad line for bytes after a settled file's last line end.

    The bot writes only the newest day file, so a tail without ``\n`` in an older file will
    never be finished: the writer died mid-line, or the file's line ends are carriage returns
    alone, which would otherwise make a whole file read as nothing at all.
    """
    if carriage_returns > 1:  # one alone is more likely a CRLF line cut after its CR
        reason = (f"{tail_bytes} bytes after the last line end hold {carriage_returns} carriage "
                  "returns but no newline: CR-only line ends are not read (convert them to LF)")
    else:
        reason = (f"unfinished last line ({tail_bytes} bytes, no newline): the writer stopped "
                  "mid-line; it is counted once it ends with a newline")
    return BadLine(file_name, file_day, line, reason)


def scan_file(day_file: DayFile, *, start_offset: int = 0, first_line_number: int = 1,
              settled: bool = False) -> FileScan:
    """Read and validate one day file from ``start_offset`` (0 for a whole file).

    ``settled`` says no writer will finish the file's last line (it is not the newest day
    file): a tail without a newline is then reported as a bad line instead of waiting.
    """
    try:
        batch = read_lines(day_file.path, start_offset=start_offset,
                           first_line_number=first_line_number)
    except OSError as exc:
        bad = BadLine(day_file.name, day_file.day, 0, f"cannot read file: {exc.strerror or exc}")
        return FileScan(day_file.name, day_file.day, (), (bad,), 0, 0, start_offset,
                        first_line_number, 0)
    trades: list[LoggedTrade] = []
    bad_lines: list[BadLine] = []
    for raw in batch.lines:
        try:
            trades.append(_parse_raw(raw, day_file))
        except InvalidLineError as exc:
            bad_lines.append(BadLine(day_file.name, day_file.day, raw.number, exc.reason))
    lines_read = len(batch.lines)
    if settled and batch.torn_tail_bytes:
        bad_lines.append(unfinished_line(day_file.name, day_file.day, batch.next_line_number,
                                         batch.torn_tail_bytes, batch.torn_tail_carriage_returns))
        lines_read += 1
    return FileScan(
        file_name=day_file.name,
        file_day=day_file.day,
        trades=tuple(trades),
        bad_lines=tuple(bad_lines),
        lines_read=lines_read,
        bytes_read=batch.end_offset - start_offset,
        end_offset=batch.end_offset,
        next_line_number=batch.next_line_number,
        torn_tail_bytes=batch.torn_tail_bytes,
        torn_tail_carriage_returns=batch.torn_tail_carriage_returns,
        prefix_digest=batch.prefix_digest,
        digest=batch.digest,
    )


def scan_lines(day_file: DayFile, *, settled: bool = False) -> Iterator[LoggedTrade | BadLine]:
    """Each line of one day file as :func:`scan_file` judges it, one at a time.

    The same per-line validation as :func:`scan_file` (:func:`_parse_raw`), the same bad line
    for a file that cannot be read (line 0) and for a settled file's unfinished last line, but
    nothing is kept: the ``check`` command lists a file of a million bad lines in the memory of
    one.
    """
    tail = LineTail()
    try:
        for raw in iter_lines(day_file.path, tail=tail):
            try:
                yield _parse_raw(raw, day_file)
            except InvalidLineError as exc:
                yield BadLine(day_file.name, day_file.day, raw.number, exc.reason)
    except OSError as exc:
        yield BadLine(day_file.name, day_file.day, 0, f"cannot read file: {exc.strerror or exc}")
        return
    if settled and tail.torn_tail_bytes:
        yield unfinished_line(day_file.name, day_file.day, tail.next_line_number,
                              tail.torn_tail_bytes, tail.torn_tail_carriage_returns)


def _parse_raw(raw: RawLine, day_file: DayFile) -> LoggedTrade:
    if raw.oversized:
        raise InvalidLineError(f"line is longer than {MAX_LINE_BYTES} bytes (not read)")
    data = raw.data
    if raw.offset == 0 and data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    if data.endswith(b"\r"):
        data = data[:-1]
    record = trade_from_json(decode_line(data))
    digest = hashlib.blake2b(data.strip(), digest_size=16).digest()
    return LoggedTrade(record, day_file.name, day_file.day, raw.number, digest)


@dataclass(frozen=True)
class Ledger:
    """The effective trades after cross-file rules, and every anomaly with its location."""

    closed: tuple[LoggedTrade, ...]
    open: tuple[LoggedTrade, ...]
    bad_lines: tuple[BadLine, ...]
    duplicates: tuple[LoggedTrade, ...]
    superseded: tuple[LoggedTrade, ...]
    reopened: tuple[LoggedTrade, ...]
    lines_read: int
    bytes_read: int
    files: tuple[str, ...]
    bad_lines_per_file: dict[str, int] = field(default_factory=dict)

    @property
    def valid_lines(self) -> int:
        """Lines that passed validation, whatever the cross-file rules then made of them."""
        return (len(self.closed) + len(self.open) + len(self.duplicates) + len(self.superseded)
                + len(self.reopened))

    @property
    def misplaced(self) -> tuple[LoggedTrade, ...]:
        return tuple(t for t in (*self.closed, *self.open) if t.is_misplaced)

    @property
    def inconsistent(self) -> tuple[LoggedTrade, ...]:
        return tuple(t for t in self.closed if t.record.is_inconsistent)


def build_ledger(scans: Iterable[FileScan]) -> Ledger:
    """Apply supersession and duplicate rules across files, in file (date, line) order."""
    ordered = sorted(scans, key=lambda scan: scan.file_day)
    latest: dict[str, LoggedTrade] = {}
    duplicates: list[LoggedTrade] = []
    superseded: list[LoggedTrade] = []
    reopened: list[LoggedTrade] = []
    bad_lines: list[BadLine] = []
    bad_per_file: dict[str, int] = {}
    lines_read = bytes_read = 0
    for scan in ordered:
        lines_read += scan.lines_read
        bytes_read += scan.bytes_read
        bad_lines.extend(scan.bad_lines)
        if scan.bad_lines:
            bad_per_file[scan.file_name] = len(scan.bad_lines)
        for trade in scan.trades:
            previous = latest.get(trade.record.order_id)
            if previous is None:
                latest[trade.record.order_id] = trade
            elif previous.digest == trade.digest:
                duplicates.append(trade)
            elif previous.record.is_closed and not trade.record.is_closed:
                reopened.append(trade)
            else:
                superseded.append(previous)
                latest[trade.record.order_id] = trade
    closed = sorted((t for t in latest.values() if t.record.is_closed), key=lambda t: t.sort_key)
    still_open = sorted((t for t in latest.values() if not t.record.is_closed),
                        key=lambda t: t.sort_key)
    return Ledger(
        closed=tuple(closed),
        open=tuple(still_open),
        bad_lines=tuple(bad_lines),
        duplicates=tuple(duplicates),
        superseded=tuple(superseded),
        reopened=tuple(reopened),
        lines_read=lines_read,
        bytes_read=bytes_read,
        files=tuple(scan.file_name for scan in ordered),
        bad_lines_per_file=bad_per_file,
    )


def read_ledger(files: Iterable[DayFile], *,
                settled: Callable[[date], bool] | None = None) -> Ledger:
    """Scan the given files and build their ledger (the uncached path).

    ``settled`` (:meth:`.logfiles.Directory.is_settled`) tells which files' unfinished last
    lines are reported rather than left for the writer to finish; by default none.
    """
    return build_ledger(scan_file(day_file, settled=settled is not None and settled(day_file.day))
                        for day_file in files)


__all__ = [
    "BadLine",
    "FileScan",
    "Ledger",
    "LoggedTrade",
    "build_ledger",
    "decode_line",
    "exact_decode",
    "read_ledger",
    "scan_file",
    "scan_lines",
    "unfinished_line",
]
