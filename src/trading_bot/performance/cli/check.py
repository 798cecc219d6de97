"""``trading-performance check``: every bad line of the log files, not the first ten.

Reports cap their list of bad lines (a summary is read by a person); an operator cleaning up a
log needs all of them, in a form an editor or a script can walk.  ``check`` validates the day
files (all of them, or those of ``--date`` or ``--start``/``--end``) with the reader's own
per-line validation (:func:`trading_bot.performance.ingest.reader.scan_lines`, the same code
that decides what a summary counts) and prints

* every bad line as ``PATH:LINE: reason`` (text; ``PATH`` as the file is reached from the
  working directory, so editors jump to it) or one JSON object per line with ``--format json``
  (``{"file": PATH, "line": N, "reason": ...}``);
* then one total per file (``PATH: N lines, M bad``, or ``{"file", "lines", "bad_lines"}``),
  the files skipped without being read (``skipped: NAME: reason``, ``{"file", "skipped"}``)
  and the grand total (``total: F files, N lines, M bad``, ``{"files", "lines",
  "bad_lines"}``).

The dates name day files, which are UTC dates (the file a line is written to), not local days.
Lines are streamed: nothing is kept but counters, so a file of a million bad lines costs the
memory of one line (``benchmarks/check_memory.py`` measures it).  Cross-line remarks
(duplicates, superseded, misplaced lines) are not errors and are not listed: a summary shows
them.  Exit codes: 0 no bad line, 1 at least one bad line or a day file of the span that could
not be read (skipped: a directory, a FIFO...), or an error to fix; 64 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import date
from typing import TextIO

from trading_bot.performance.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    LOG_FORMATS,
    Diagnostics,
    ExitCodeParser,
    add_date_arguments,
    add_logs_dir_argument,
    command_name,
    run_reporting_errors,
    wants_json_logs,
)
from trading_bot.performance.core.timestamps import SUPPORTED_YEARS
from trading_bot.performance.errors import UsageError
from trading_bot.performance.ingest.logfiles import (
    DayFile,
    Directory,
    SkippedEntry,
    list_day_files,
)
from trading_bot.performance.ingest.reader import BadLine, scan_lines


@dataclass(slots=True)
class FileCount:
    """Lines seen and bad lines found in one file."""

    lines: int = 0
    bad: int = 0


def build_parser(prog: str | None = None) -> ExitCodeParser:
    """The ``check`` parser; ``prog`` defaults to how the command was started, plus ``check``."""
    parser = ExitCodeParser(
        prog=prog or f"{command_name()} check",
        description="Validate the log files and list every bad line as PATH:LINE: reason, then "
                    "totals per file.",
        epilog="Dates name day files (UTC dates). Exit codes: 0 no bad line, 1 at least one "
               "bad line or an unreadable day file (or an error), 64 usage error.",
    )
    add_logs_dir_argument(parser, "directory of YYYY-MM-DD.jsonl files")
    add_date_arguments(parser,
                       date_help="check only this day file (default: every day file)",
                       start_help="first day file to check (with --end, inclusive)",
                       end_help="last day file to check, inclusive")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="PATH:LINE: reason lines, or one JSON object per line")
    parser.add_argument("--follow-external-symlinks", action="store_true",
                        help="read log files that are symlinks to outside the logs directory")
    parser.add_argument("--log-format", choices=LOG_FORMATS, default="text",
                        help="stderr (errors) as text or as JSON lines (default: text)")
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run ``check ...``; returns the exit code."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    parser.json_errors = wants_json_logs(arguments)
    # argparse prints help and errors to sys.stdout/sys.stderr; send them to our streams.
    with redirect_stdout(out), redirect_stderr(err):
        args = parser.parse_args(arguments)
    notes = Diagnostics(err, json_lines=args.log_format == "json")
    return run_reporting_errors(lambda: _run(args, out), notes, out)


def _span(args: argparse.Namespace) -> tuple[date, date] | None:
    """The day files asked for (first, last), None for all; usage errors before any read."""
    if args.date is not None and (args.start is not None or args.end is not None):
        raise UsageError("use either --date or --start/--end, not both")
    if args.date is not None:
        return args.date, args.date
    if (args.start is None) != (args.end is None):
        raise UsageError("--start and --end go together (or give --date for one day file)")
    if args.start is not None:
        if args.end < args.start:
            raise UsageError(f"--end {args.end} is before --start {args.start}")
        return args.start, args.end
    return None


def _chosen(directory: Directory, span: tuple[date, date] | None) -> list[DayFile]:
    if span is None:
        return [directory.files[day] for day in sorted(directory.files)]
    return directory.between(*span)


def _run(args: argparse.Namespace, out: TextIO) -> int:
    span = _span(args)
    directory = list_day_files(args.logs_dir,
                               follow_external_symlinks=args.follow_external_symlinks)
    as_json = args.format == "json"
    counts: dict[str, FileCount] = {}
    for day_file in _chosen(directory, span):
        count = counts[str(day_file.path)] = FileCount()
        for item in scan_lines(day_file, settled=directory.is_settled(day_file.day)):
            if isinstance(item, BadLine):
                count.bad += 1
                count.lines += item.line > 0   # line 0: the file could not be read at all
                _bad_line(out, str(day_file.path), item, as_json=as_json)
            else:
                count.lines += 1
    skipped = _totals(out, counts, directory, span, as_json=as_json)
    unreadable = any(_unreadable_day_file(entry.name, span) for entry in skipped)
    return EXIT_ERROR if unreadable or any(count.bad for count in counts.values()) else EXIT_OK


def _bad_line(out: TextIO, path: str, bad: BadLine, *, as_json: bool) -> None:
    if as_json:
        out.write(json.dumps({"file": path, "line": bad.line, "reason": bad.reason},
                             ensure_ascii=False) + "\n")
    else:
        out.write(f"{path}:{bad.line}: {bad.reason}\n")


def _totals(out: TextIO, counts: dict[str, FileCount], directory: Directory,
            span: tuple[date, date] | None, *, as_json: bool) -> list[SkippedEntry]:
    """Print the per-file totals, the skipped entries and the grand total; returns the skipped
    entries printed."""
    lines = sum(count.lines for count in counts.values())
    bad = sum(count.bad for count in counts.values())
    skipped = [entry for entry in directory.skipped
               if span is None or _skipped_in(entry.name, span)]
    if as_json:
        for path, count in counts.items():
            out.write(json.dumps({"file": path, "lines": count.lines, "bad_lines": count.bad},
                                 ensure_ascii=False) + "\n")
        for entry in skipped:
            out.write(json.dumps({"file": entry.name, "skipped": entry.reason},
                                 ensure_ascii=False) + "\n")
        out.write(json.dumps({"files": len(counts), "lines": lines, "bad_lines": bad}) + "\n")
        return skipped
    for path, count in counts.items():
        out.write(f"{path}: {count.lines} lines, {count.bad} bad\n")
    for entry in skipped:
        out.write(f"skipped: {entry.name}: {entry.reason}\n")
    out.write(f"total: {len(counts)} files, {lines} lines, {bad} bad\n")
    return skipped


def _unreadable_day_file(name: str, span: tuple[date, date] | None) -> bool:
    """Whether a skipped entry is a day file of the span that could not be read (a directory,
    a FIFO, a symlink out of the logs directory...): its lines are unknown, so ``check`` cannot
    say the span is clean.  A name that is no date, or a date outside the supported years, is
    no day file: listed, but not an error (the reports ignore it the same way)."""
    try:
        day = date.fromisoformat(name.removesuffix(".jsonl"))
    except ValueError:
        return False
    return day.year in SUPPORTED_YEARS and (span is None or span[0] <= day <= span[1])


def _skipped_in(name: str, span: tuple[date, date]) -> bool:
    """A skipped entry belongs to a span when its name is a day file's of the span."""
    try:
        day = date.fromisoformat(name.removesuffix(".jsonl"))
    except ValueError:
        return False
    return span[0] <= day <= span[1]


__all__ = ["build_parser", "main"]
