"""The bad-input corpus, judged where the operator sees it: through the real PerformanceTracker.

``test_reader.py`` holds the line-level corpus (``BAD_CASES``) and checks it against
``scan_file`` and the ledger.  Here every one of those cases, plus the ones below that the reader
tests do not have, is written between two good lines and summarised by a real tracker over
``tmp_path``: the exact ``file:line: reason`` in ``data_quality`` and the exact totals of the good
lines (2 closed trades, net 30) must both hold.  File-level cases (a FIFO, a symlink loop, a link
chain leaving the logs directory, an unreadable file, a UTF-16 file, a 10 MB line, a correction
that moves a trade back in time) follow with their own exact expectations.

Every category of issue 6 maps to a test here or in ``test_reader.py``; the README section
"What happens with bad data" is written from these expectations.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar, cast

import pytest

import trading_bot.performance as performance_package
from trading_bot.performance import PerformanceTracker
from trading_bot.performance.core.summary import PerformanceSummary
from trading_bot.performance.ingest.logfiles import MAX_LINE_BYTES, list_day_files
from trading_bot.performance.ingest.reader import read_ledger

from ..conftest import fixed_clock, net_of, trade, write_log
from .test_reader import BAD_CASES, as_bytes, good_after, good_before, write_bytes

DAY = "2026-03-02"
FILE = f"{DAY}.jsonl"
ON = date(2026, 3, 2)
NOBODY = 65534
T = TypeVar("T")


# --------------------------------------------------------------------------- helpers


def summarise(logs: Path, **kwargs: Any) -> PerformanceSummary:
    """The daily summary of 2026-03-02 from a real tracker with a pinned clock."""
    return PerformanceTracker(logs, clock=fixed_clock(), **kwargs).get_summary("daily", on=ON)


def assert_good_lines_count(summary: PerformanceSummary, *, bad: tuple[str, ...], lines_read: int,
                            closed: int = 2, net: str = "30") -> None:
    """The good lines around the bad ones still count, exactly, and every bad one is named."""
    values = summary.metrics.values
    quality = summary.data_quality
    assert quality.bad_line_examples == bad
    assert quality.bad_lines == len(bad)
    assert quality.lines_read == lines_read
    assert values["closed_trades"] == closed
    assert values["net_profit_loss"] == Decimal(net)


def placed(raw_value: str, **fields: Any) -> str:
    """A trade line whose ``@@`` placeholder is replaced by raw JSON text (numbers, tokens)."""
    return json.dumps(trade("B", **fields)).replace('"@@"', raw_value)


def column(line: str | bytes, needle: str | bytes, shift: int = 1) -> int:
    """1-based column of ``needle`` in ``line`` (plus ``shift - 1``), as the reader reports it."""
    return line.index(needle) + shift  # type: ignore[arg-type]


def as_nobody_or_here(directory: Path, work: Callable[[Path], T]) -> T:
    """Run ``work`` where permissions bite: in a child that dropped root, else in this process.

    Root ignores file modes, so under root the work runs in a forked child that first enters
    ``directory`` and then becomes ``nobody``; it gets ``Path(".")`` (ancestors of ``tmp_path``
    are private to root and need not be traversed).  A non-root run gets ``directory`` itself.
    """
    if os.geteuid() != 0:
        return work(directory)
    if not hasattr(os, "fork"):
        pytest.skip("running as root without os.fork: cannot drop privileges to test permissions")
    # ``nobody`` cannot read this interpreter's files under /root: import every module first
    for module in pkgutil.walk_packages(performance_package.__path__,
                                        f"{performance_package.__name__}."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        try:
            os.close(read_end)
            os.chdir(directory)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            payload: dict[str, Any] = {"result": work(Path("."))}
        except BaseException as exc:
            payload = {"error": f"{type(exc).__name__}: {exc}"}
        try:
            with os.fdopen(write_end, "w") as pipe:
                pipe.write(json.dumps(payload))
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        answer = json.loads(pipe.read() or '{"error": "child wrote nothing"}')
    os.waitpid(pid, 0)
    assert "error" not in answer, answer.get("error")
    return cast(T, answer["result"])


def quality_and_totals(logs: Path) -> dict[str, Any]:
    """What a run shows, as plain JSON (it may cross a process boundary)."""
    summary = summarise(logs)
    quality = summary.data_quality
    values = summary.metrics.values
    return {"bad": list(quality.bad_line_examples), "files_read": list(quality.files_read),
            "lines_read": quality.lines_read, "closed": values["closed_trades"],
            "net": str(values["net_profit_loss"])}


# --------------------------------------------------------------------------- the line corpus

#: Line-level cases the reader tests do not have: (id, line, reason).
_UNTERMINATED = '{"order_id": "B", "symbol": "AA'
_NUL_IN_STRING = as_bytes(trade("B", decision_reasoning="XX")).replace(b"XX", b"a\x00b")
_OVERLONG_SLASH = as_bytes(trade("B", decision_reasoning="XX")).replace(b"XX", b"\xc0\xaf")
_ENCODED_SURROGATE = as_bytes(trade("B", strategy="XX")).replace(b"XX", b"\xed\xa0\x80")
_LEADING_ZERO = placed("0100", price="@@")
_NEGATIVE_ZERO_PRICE = placed("-0.0", price="@@")
_EXTRA_EXPONENT = placed("1e-05", confidence="@@")        # what Python's json.dumps(0.00001) writes
_EXTRA_NAN = placed("NaN", confidence="@@")
_LONE_SURROGATE = json.dumps(trade("B", strategy="@@")).replace('"@@"', '"alpha\\ud800"')
_LONE_SURROGATE_EXTRA = json.dumps(trade("B", regime="@@")).replace('"@@"', '"\\udfff"')
_DUPLICATE_KEY = json.dumps(trade("B")).replace('"quantity": "10"', '"quantity": "10", "quantity": "-5"')
_COLUMNS = {
    "unterminated": column(_UNTERMINATED, '"AA'),
    "nul": column(_NUL_IN_STRING, b"\x00"),
    "leading-zero": column(_LEADING_ZERO, "0100", 2),
    "overlong": column(_OVERLONG_SLASH, b"\xc0"),
    "surrogate": column(_ENCODED_SURROGATE, b"\xed"),
}

EXTRA_CASES: list[tuple[str, str | bytes, str]] = [
    # a JSON value that is not an object
    ("json-null", "null", "line is a JSON null, not an object"),
    ("json-boolean", "true", "line is a JSON boolean, not an object"),
    ("json-array-of-trades", "[" + json.dumps(trade("B")) + "]", "line is a JSON array, not an object"),
    # invalid JSON: a line cut in the middle (a crashed writer, then a newline from the next run)
    ("cut-inside-a-string", _UNTERMINATED,
     f"invalid JSON: Unterminated string starting at column {_COLUMNS['unterminated']}"),
    ("raw-nul-in-a-string", _NUL_IN_STRING,
     f"invalid JSON: Invalid control character at column {_COLUMNS['nul']}"),
    ("leading-zero-number", _LEADING_ZERO,
     f"invalid JSON: Expecting ',' delimiter at column {_COLUMNS['leading-zero']}"),
    ("lone-surrogate-escape", _LONE_SURROGATE,
     "invalid JSON: lone surrogate escape \\ud800 (not a Unicode character)"),
    ("lone-surrogate-in-extra-field", _LONE_SURROGATE_EXTRA,
     "invalid JSON: lone surrogate escape \\udfff (not a Unicode character)"),
    # bytes that are not UTF-8 even though they look like it
    ("overlong-utf8", _OVERLONG_SLASH,
     f"line is not valid UTF-8 (byte 0xc0 at column {_COLUMNS['overlong']})"),
    ("utf8-encoded-surrogate", _ENCODED_SURROGATE,
     f"line is not valid UTF-8 (byte 0xed at column {_COLUMNS['surrogate']})"),
    # every required field, not only the ones test_reader names
    *[(f"missing-{name}", json.dumps({k: v for k, v in trade("B").items() if k != name}),
       f"missing required field {name}")
      for name in ("symbol", "action", "quantity", "price", "execution_mode", "strategy_name")],
    ("null-outcome", json.dumps(trade("B", outcome=None)), "outcome must not be null"),
    # wrong types (the message names the Python type of the decoded value)
    ("outcome-number", json.dumps(trade("B", outcome=1)), "outcome must be a string, got int"),
    ("mode-boolean", json.dumps(trade("B", mode=True)), "execution_mode must be a string, got bool"),
    ("price-object", json.dumps(trade("B", price={"usd": "100"})), "price must be a decimal number, got dict"),
    ("strategy-number", placed("1.5", strategy="@@"), "strategy_name must be a string, got Decimal"),
    # zero and negative zero
    ("negative-zero-quantity", json.dumps(trade("B", quantity="-0")), "quantity must be positive, got -0"),
    ("negative-zero-price-number", _NEGATIVE_ZERO_PRICE, "price must be positive, got -0.0"),
    ("negative-zero-commission", json.dumps(trade("B", commission="-0.00")),
     "commission must not be negative, got -0.00"),
    # bad decimal strings
    ("bare-fraction", json.dumps(trade("B", quantity=".5")),
     "quantity must be a decimal string like \"150.25\", got '.5'"),
    ("trailing-point", json.dumps(trade("B", price="5.")),
     "price must be a decimal string like \"150.25\", got '5.'"),
    ("full-width-digits", json.dumps(trade("B", quantity="\uff11\uff10")),
     "quantity must be a decimal string like \"150.25\", got '\uff11\uff10'"),
    ("infinity-string", json.dumps(trade("B", net="Infinity")),
     "profit_loss must be a decimal string like \"150.25\", got 'Infinity'"),
    # exponents and NaN anywhere in the line, extra fields included
    ("exponent-in-extra-field", _EXTRA_EXPONENT, "numbers must not use exponent notation, got 1e-05"),
    ("nan-in-extra-field", _EXTRA_NAN, "NaN is not a number (NaN/Infinity are invalid)"),
    ("number-over-40-digits", placed("1" * 41, price="@@"),
     "number has more than 40 digits: 11111111111111111111..."),
    # found by this corpus: strings had no bound, so a 1,001-digit amount broke the exact sums
    ("decimal-string-over-40-chars", json.dumps(trade("B", net="1" * 41)),
     "profit_loss is longer than 40 characters: '11111111111111111111'..."),
    ("megabyte-of-garbage-in-quantity", json.dumps(trade("B", quantity="x" * 900_000)),
     "quantity is longer than 40 characters: 'xxxxxxxxxxxxxxxxxxxx'..."),
    # booleans where numbers belong
    ("boolean-price", json.dumps(trade("B", price=False)), "price must be a decimal number, got boolean False"),
    ("boolean-hold", json.dumps(trade("B", hold_duration_seconds=True)),
     "hold_duration_seconds must be a decimal number, got boolean True"),
    # unknown outcome or action
    ("uppercase-outcome", json.dumps(trade("B", outcome="WIN")),
     "outcome must be one of breakeven|loss|open|win, got 'WIN'"),
    ("empty-outcome", json.dumps(trade("B", outcome="")), "outcome must not be empty"),
    ("closed-as-outcome", json.dumps(trade("B", outcome="closed")),
     "outcome must be one of breakeven|loss|open|win, got 'closed'"),
    ("sell-short-action", json.dumps(trade("B", action="SELL_SHORT")),
     "action must be one of BUY|SELL, got 'SELL_SHORT'"),
    # malformed timestamps
    ("leap-second", json.dumps(trade("B", exit="2026-03-02T23:59:60Z")),
     "exit_timestamp is not an ISO-8601 timestamp: '2026-03-02T23:59:60Z'"),
    ("offset-over-24h", json.dumps(trade("B", entry="2026-03-02T14:00:00+25:00")),
     "timestamp is not an ISO-8601 timestamp: '2026-03-02T14:00:00+25:00'"),
    ("lowercase-t-and-z", json.dumps(trade("B", entry="2026-03-02t14:00:00z")),
     "timestamp is not an ISO-8601 timestamp: '2026-03-02t14:00:00z'"),
    ("trailing-space", json.dumps(trade("B", entry="2026-03-02T14:00:00Z ")),
     "timestamp is not an ISO-8601 timestamp: '2026-03-02T14:00:00Z '"),
    ("full-width-year", json.dumps(trade("B", entry="\uff12\uff10\uff12\uff16-03-02T14:00:00Z")),
     "timestamp is not an ISO-8601 timestamp: '\uff12\uff10\uff12\uff16-03-02T14:00:00Z'"),
    ("epoch-string", json.dumps(trade("B", entry="1772460000")),
     "timestamp is not an ISO-8601 timestamp: '1772460000'"),
    # duplicate keys: JSON readers disagree on which copy wins, so the line is bad (issue 18)
    ("duplicate-key", _DUPLICATE_KEY,
     "duplicate key 'quantity' (a line names each field once)"),
]

CORPUS = [*BAD_CASES, *EXTRA_CASES]


def test_the_corpus_is_large_and_its_ids_unique() -> None:
    ids = [case[0] for case in CORPUS]
    assert len(ids) == len(set(ids))
    assert len(CORPUS) >= 40


@pytest.mark.parametrize(("line", "reason"), [case[1:] for case in CORPUS],
                         ids=[case[0] for case in CORPUS])
def test_bad_line_through_the_tracker(logs: Path, line: dict[str, Any] | str | bytes,
                                      reason: str) -> None:
    """What the operator sees in ``data_quality``, and that the good neighbours still count."""
    write_bytes(logs, DAY, as_bytes(good_before()), as_bytes(line), as_bytes(good_after()))
    summary = summarise(logs)
    assert_good_lines_count(summary, bad=(f"{FILE}:2: {reason}",), lines_read=3)
    assert summary.data_quality.valid_lines == 2
    assert dict(summary.data_quality.bad_lines_per_file) == {FILE: 1}
    assert summary.data_quality.files_read == (FILE,)


# --------------------------------------------------------------------------- lines that are valid


@pytest.mark.parametrize(("name", "line", "net"), [
    ("exit-equals-entry", trade("V", entry="2026-03-02T12:00:00Z", exit="2026-03-02T12:00:00Z",
                                net="1"), "31"),
    ("negative-zero-net-number", placed("-0", net="@@", entry="2026-03-02T12:00:00Z",
                                        exit="2026-03-02T12:30:00Z"), "30"),
    ("surrogate-pair-escape-is-one-character",
     json.dumps(trade("V", strategy="@@", net="2")).replace('"@@"', '"rocket \\ud83d\\ude80"'), "32"),
    ("seven-fraction-digits", trade("V", entry="2026-03-02T12:00:00.1234567Z", net="3"), "33"),
])
def test_odd_but_valid_lines_count(logs: Path, name: str, line: dict[str, Any] | str,
                                   net: str) -> None:
    """Edges that must not be refused: they are well-formed trades an operator would expect."""
    write_log(logs, DAY, good_before(), line, good_after())
    summary = summarise(logs)
    assert_good_lines_count(summary, bad=(), lines_read=3, closed=3, net=net)


def test_surrogate_pair_strategy_reaches_the_breakdown(logs: Path) -> None:
    write_log(logs, DAY, json.dumps(trade("V", strategy="@@")).replace('"@@"', '"rocket \\ud83d\\ude80"'))
    summary = summarise(logs)
    assert summary.data_quality.bad_lines == 0
    document = json.dumps(summary.to_dict(), ensure_ascii=False)
    assert "rocket \U0001F680" in document
    document.encode("utf-8")  # a lone surrogate would fail here; a pair is one character


# --------------------------------------------------------------------------- long amounts

#: Valid by the input contract: decimal strings and numbers of up to 40 characters.
LONG_NET = "123456789012.123456789012345678"      # 30 significant digits
TINY_NET = "0.000000000000000001"


def test_totals_of_long_amounts_are_exact(logs: Path) -> None:
    """Sums must not round in Decimal's default 28-digit context (fixed with exact sums)."""
    write_log(logs, DAY, trade("A", net=LONG_NET),
              trade("B", net=TINY_NET, entry="2026-03-02T16:00:00Z", exit="2026-03-02T17:00:00Z"))
    summary = summarise(logs)
    assert summary.data_quality.bad_lines == 0
    # the exact sum, written out: Decimal's own "+" would round it in the same 28-digit context
    assert summary.metrics.values["net_profit_loss"] == Decimal("123456789012.123456789012345679")


def test_an_amount_too_long_to_display_does_not_stop_the_report(logs: Path) -> None:
    from trading_bot.performance.report.markdown import render_markdown
    from trading_bot.performance.report.text import render_text

    write_log(logs, DAY, good_before(),
              trade("BIG", net="9" * 35, entry="2026-03-02T12:00:00Z", exit="2026-03-02T13:00:00Z"),
              good_after())
    summary = summarise(logs)
    assert render_text(summary) and render_markdown(summary)


# --------------------------------------------------------------------------- supersession in time


def test_correction_that_moves_a_trade_back_in_time(logs: Path) -> None:
    """Position decides, not time: a later line with an earlier exit still replaces the first.

    The original closes K on 03-03; the correction, written in the 03-03 file after it, says K
    closed on 03-02.  K now counts once, on 03-02, and no longer on 03-03.
    """
    write_log(logs, "2026-03-02", good_before(), good_after())
    write_log(logs, "2026-03-03",
              trade("K", entry="2026-03-02T20:00:00Z", exit="2026-03-03T10:00:00Z", net="100"),
              trade("K", entry="2026-03-02T20:00:00Z", exit="2026-03-02T22:00:00Z", net="-4",
                    outcome="loss"))
    day_one = summarise(logs)
    assert_good_lines_count(day_one, bad=(), lines_read=4, closed=3, net="26")
    assert day_one.data_quality.superseded == 1
    assert day_one.data_quality.misplaced == 0
    day_two = PerformanceTracker(logs, clock=fixed_clock()).get_summary("daily", on=date(2026, 3, 3))
    assert day_two.metrics.values["closed_trades"] == 0
    assert day_two.empty is not None


# --------------------------------------------------------------------------- file-level cases


def test_fifo_named_like_a_log_is_skipped_not_opened(logs: Path) -> None:
    """Opening a FIFO would block the run forever; it is listed as skipped instead."""
    write_log(logs, DAY, good_before(), good_after())
    os.mkfifo(logs / "2026-03-03.jsonl")
    (logs / "2026-03-01.jsonl").symlink_to(logs / "2026-03-03.jsonl")
    summary = summarise(logs)
    assert_good_lines_count(summary, bad=(), lines_read=2)
    assert summary.data_quality.files_skipped == (
        "2026-03-01.jsonl: symlink does not point to a regular file",
        "2026-03-03.jsonl: not a regular file",
    )


def test_symlink_loop_is_skipped_not_a_crash(logs: Path) -> None:
    """Found by this corpus: ``Path.resolve`` raised RuntimeError and stopped the whole run."""
    write_log(logs, DAY, good_before(), good_after())
    (logs / "2026-03-01.jsonl").symlink_to("2026-03-03.jsonl")
    (logs / "2026-03-03.jsonl").symlink_to("2026-03-01.jsonl")
    (logs / "2026-03-04.jsonl").symlink_to("2026-03-04.jsonl")
    summary = summarise(logs)
    assert_good_lines_count(summary, bad=(), lines_read=2)
    reason = "symlink cannot be resolved: Too many levels of symbolic links"
    assert summary.data_quality.files_skipped == (
        f"2026-03-01.jsonl: {reason}", f"2026-03-03.jsonl: {reason}", f"2026-03-04.jsonl: {reason}")
    allowed = summarise(logs, follow_external_symlinks=True)
    assert allowed.data_quality.files_skipped == summary.data_quality.files_skipped


def test_symlink_chain_that_leaves_the_logs_directory(tmp_path: Path, logs: Path) -> None:
    """A link to a link inside that points outside is judged by its final target."""
    write_log(logs, DAY, good_before(), good_after())
    outside = tmp_path / "elsewhere"
    write_log(outside, "2026-03-03", trade("EXT", net="1000", exit="2026-03-02T18:00:00Z"))
    (logs / "hop.jsonl.link").symlink_to(outside / "2026-03-03.jsonl")
    (logs / "2026-03-03.jsonl").symlink_to("hop.jsonl.link")

    summary = summarise(logs)
    assert_good_lines_count(summary, bad=(), lines_read=2)
    assert summary.data_quality.files_skipped == (
        "2026-03-03.jsonl: symlink points outside the logs directory (not followed)",)

    followed = summarise(logs, follow_external_symlinks=True)
    assert_good_lines_count(followed, bad=(), lines_read=3, closed=3, net="1030")
    assert followed.data_quality.files_read == (FILE, "2026-03-03.jsonl")


def test_unreadable_file_is_a_bad_line_and_the_others_still_count(logs: Path) -> None:
    """Permission denied on one day file: reported at line 0 of that file, nothing else lost.

    Under root the check runs as ``nobody`` (root reads a mode-000 file); see
    :func:`as_nobody_or_here`.
    """
    write_log(logs, DAY, good_before(), good_after())
    locked = write_log(logs, "2026-03-03", trade("L", net="1000", exit="2026-03-02T23:00:00Z"))
    locked.chmod(0)
    try:
        seen = as_nobody_or_here(logs, quality_and_totals)
    finally:
        locked.chmod(0o644)
    assert seen == {"bad": ["2026-03-03.jsonl:0: cannot read file: Permission denied"],
                    "files_read": [FILE, "2026-03-03.jsonl"], "lines_read": 2, "closed": 2,
                    "net": "30"}
    # readable again: the same file now counts
    assert_good_lines_count(summarise(logs), bad=(), lines_read=3, closed=3, net="1030")


def test_file_replaced_by_a_directory_after_listing(logs: Path) -> None:
    """Log rotation between listing and reading: the open fails, the file is one bad line.

    The same path as a permission error, reachable under root and in this process.
    """
    write_log(logs, DAY, good_before(), good_after())
    write_log(logs, "2026-03-03", trade("R", net="1000", exit="2026-03-02T23:00:00Z"))
    listed = list_day_files(logs)
    (logs / "2026-03-03.jsonl").unlink()
    (logs / "2026-03-03.jsonl").mkdir()
    ledger = read_ledger(listed.between(date.min, date.max))
    assert [str(bad) for bad in ledger.bad_lines] == [
        "2026-03-03.jsonl:0: cannot read file: Is a directory"]
    assert [t.record.order_id for t in ledger.closed] == ["G1", "G3"]
    assert sum(net_of(t.record) for t in ledger.closed) == Decimal("30")


def test_utf16_file_is_reported_line_by_line(logs: Path) -> None:
    """A log saved as UTF-16 by an editor: each line is bad, and the good files still count.

    The BOM makes the first line not UTF-8; the later lines are valid UTF-8 (ASCII and NUL
    bytes) but not JSON.  The NUL after the last newline is a torn tail: not read, not counted.
    """
    write_log(logs, DAY, good_before(), good_after())
    encoded = (json.dumps(trade("U", net="5", exit="2026-03-02T18:00:00Z")) + "\n").encode("utf-16")
    (logs / "2026-03-03.jsonl").write_bytes(encoded + encoded[2:])   # BOM once, two lines
    summary = summarise(logs)
    assert_good_lines_count(summary, bad=(
        "2026-03-03.jsonl:1: line is not valid UTF-8 (byte 0xff at column 1)",
        "2026-03-03.jsonl:2: invalid JSON: Expecting value at column 1",
    ), lines_read=4)
    assert dict(summary.data_quality.bad_lines_per_file) == {"2026-03-03.jsonl": 2}


def test_ten_megabyte_line_is_rejected_in_bounded_memory(logs: Path) -> None:
    """A runaway writer's 10 MB line costs one bounded buffer, not 10 MB, through the tracker."""
    logs.mkdir()
    size = 10 * 1024 * 1024
    with (logs / FILE).open("wb") as handle:
        handle.write(as_bytes(good_before()) + b"\n")
        handle.write(b'{"order_id": "HUGE", "decision_reasoning": "')
        for _ in range(size // MAX_LINE_BYTES):
            handle.write(b"x" * MAX_LINE_BYTES)
        handle.write(b'"}\n' + as_bytes(good_after()) + b"\n")
    tracker = PerformanceTracker(logs, clock=fixed_clock())
    tracemalloc.start()
    try:
        baseline, _ = tracemalloc.get_traced_memory()
        summary = tracker.get_summary("daily", on=ON)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_good_lines_count(summary, bad=(
        f"{FILE}:2: line is longer than {MAX_LINE_BYTES} bytes (not read)",), lines_read=3)
    assert peak - baseline < MAX_LINE_BYTES + 4 * 1024 * 1024 < size


# --------------------------------------------------------------------------- the CLI


def run_cli(*args: object) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items()
           if key != "PERFORMANCE_SUMMARY_TIMEZONE"}
    return subprocess.run([sys.executable, "-m", "trading_bot.performance", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=120)


def test_cli_file_level_problems_show_in_the_report_but_not_as_bad_lines(tmp_path: Path,
                                                                          logs: Path) -> None:
    """Skipped files are in ``data_quality.files_skipped`` and the text report; ``--strict`` is
    about lines, so they do not fail it.  A bad line does: stderr ``file:line: reason``, exit 1.
    ``--follow-external-symlinks`` reads the external file."""
    write_log(logs, DAY, good_before(), good_after())
    outside = tmp_path / "elsewhere"
    write_log(outside, "2026-03-03", trade("EXT", net="1000", exit="2026-03-02T18:00:00Z"))
    (logs / "2026-03-03.jsonl").symlink_to(outside / "2026-03-03.jsonl")
    (logs / "2026-03-01.jsonl").symlink_to("2026-03-01.jsonl")
    skipped = ["2026-03-01.jsonl: symlink cannot be resolved: Too many levels of symbolic links",
               "2026-03-03.jsonl: symlink points outside the logs directory (not followed)"]

    strict = run_cli("--logs-dir", logs, "--date", DAY, "--strict", "--format", "json")
    assert strict.returncode == 0, strict.stderr
    assert strict.stderr == ""
    document = json.loads(strict.stdout)
    assert document["data_quality"]["files_skipped"] == skipped
    assert document["metrics"]["net_profit_loss"] == "30"

    text = run_cli("--logs-dir", logs, "--date", DAY)
    assert text.returncode == 0
    assert "Skipped files:" in text.stdout
    unwrapped = " ".join(text.stdout.split())       # the text report wraps at 80 columns
    assert all(entry in unwrapped for entry in skipped)

    followed = run_cli("--logs-dir", logs, "--date", DAY, "--format", "json",
                       "--follow-external-symlinks")
    assert followed.returncode == 0, followed.stderr
    assert json.loads(followed.stdout)["metrics"]["net_profit_loss"] == "1030"

    write_log(logs, DAY, _LONE_SURROGATE)
    lenient = run_cli("--logs-dir", logs, "--date", DAY, "--format", "json")
    assert lenient.returncode == 0
    assert lenient.stderr.splitlines() == [
        f"bad line: {FILE}:3: invalid JSON: lone surrogate escape \\ud800 (not a Unicode character)",
        "warning: 1 bad lines skipped and counted; see data_quality in the report"]
    assert json.loads(lenient.stdout)["metrics"]["net_profit_loss"] == "30"
    refused = run_cli("--logs-dir", logs, "--date", DAY, "--format", "json", "--strict")
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert refused.stderr.splitlines()[-1] == "error: 1 bad lines (--strict)"


# --------------------------------------------------------------------------- unfinished lines


LATER = "2026-03-03"
TORN_TEXT = '{"timestamp": "2026-03-02T16:00:00Z", "symbol": "AA'


@pytest.mark.parametrize("cache", [True, False], ids=["cached", "uncached"])
def test_unfinished_last_line_of_an_older_file_is_a_bad_line(logs: Path, cache: bool) -> None:
    """The bot died mid-line yesterday and writes today's file now: that line never ends."""
    write_log(logs, DAY, good_before(), good_after(), torn=TORN_TEXT)
    write_log(logs, LATER, trade("L", entry="2026-03-03T10:00:00Z", exit="2026-03-03T11:00:00Z"))
    assert_good_lines_count(summarise(logs, cache=cache), bad=(
        f"{FILE}:3: unfinished last line ({len(TORN_TEXT)} bytes, no newline): the writer "
        "stopped mid-line; it is counted once it ends with a newline",), lines_read=4)


@pytest.mark.parametrize("cache", [True, False], ids=["cached", "uncached"])
def test_unfinished_line_of_the_newest_file_waits(logs: Path, cache: bool) -> None:
    """The newest file is the one being written: its last line may still be in flight."""
    write_log(logs, DAY, good_before(), good_after(), torn=TORN_TEXT)
    assert_good_lines_count(summarise(logs, cache=cache), bad=(), lines_read=2)


def test_finished_line_replaces_the_report_with_the_trade(logs: Path) -> None:
    """Completing the line later (a recovered writer, a hand fix) makes it count, cache on."""
    path = write_log(logs, DAY, good_before(), good_after(), torn='{"order_id": "X"')
    write_log(logs, LATER, trade("L", entry="2026-03-03T10:00:00Z", exit="2026-03-03T11:00:00Z"))
    assert summarise(logs).data_quality.bad_lines == 1
    with path.open("a", encoding="utf-8") as handle:
        handle.write(', "timestamp": 1}\n')
    summary = summarise(logs)
    assert summary.data_quality.bad_line_examples == (
        f"{FILE}:3: missing required field symbol",)
    assert summary.data_quality.lines_read == 4
    assert summary == summarise(logs, cache=False)


@pytest.mark.parametrize("cache", [True, False], ids=["cached", "uncached"])
def test_cr_only_line_ends_are_named_not_read_as_nothing(logs: Path, cache: bool) -> None:
    """A file saved with old Mac line ends has no newline at all: one report, not silence."""
    write_log(logs, DAY, good_before(), good_after())
    content = "\r".join(json.dumps(trade(f"M{n}", net="5")) for n in range(3)) + "\r"
    (logs / f"{LATER}.jsonl").write_bytes(content.encode())
    write_log(logs, "2026-03-04")   # the newest file: an empty one, as at midnight
    assert_good_lines_count(summarise(logs, cache=cache), bad=(
        f"{LATER}.jsonl:1: {len(content)} bytes after the last line end hold 3 carriage "
        "returns but no newline: CR-only line ends are not read (convert them to LF)",),
        lines_read=3)


@pytest.mark.parametrize("cache", [True, False], ids=["cached", "uncached"])
def test_crlf_line_cut_after_its_cr_is_an_unfinished_line(logs: Path, cache: bool) -> None:
    """One carriage return at the end is a CRLF writer stopped between CR and LF, not CR-only
    line ends."""
    cut = json.dumps(trade("C", net="5")) + "\r"
    write_log(logs, DAY, good_before(), good_after(), torn=cut)
    write_log(logs, LATER)
    assert_good_lines_count(summarise(logs, cache=cache), bad=(
        f"{FILE}:3: unfinished last line ({len(cut)} bytes, no newline): the writer "
        "stopped mid-line; it is counted once it ends with a newline",), lines_read=3)


def test_tail_waits_while_newest_then_is_reported_from_the_cache(logs: Path) -> None:
    """Midnight: yesterday's file is no longer written, so its torn tail is now final; the
    cache reports it from what it stored, without re-reading the unchanged file."""
    write_log(logs, DAY, good_before(), good_after(), torn=TORN_TEXT)
    assert summarise(logs).data_quality.bad_lines == 0
    write_log(logs, LATER, trade("L", entry="2026-03-03T10:00:00Z", exit="2026-03-03T11:00:00Z"))
    tracker = PerformanceTracker(logs, clock=fixed_clock())
    quality = tracker.get_summary("daily", on=ON).data_quality
    assert quality.bad_line_examples == (
        f"{FILE}:3: unfinished last line ({len(TORN_TEXT)} bytes, no newline): the writer "
        "stopped mid-line; it is counted once it ends with a newline",)
    assert tracker.last_refresh is not None and tracker.last_refresh.files_unchanged == 1
