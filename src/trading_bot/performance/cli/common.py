"""What every command shares: exit codes, the parser, argument types, error reporting, logging.

Exit codes (DESIGN.md): 0 ok, 1 an error the operator must fix, 2 a target breached (an alert
rule is firing for the evaluated window), 64 usage error.  argparse exits 2 on a usage error,
which would read as "target breached" to a cron job or a supervisor, so every command's parser
is an :class:`ExitCodeParser`, which exits 64 instead.

The command's name in usage lines follows how it was started (:func:`command_name`), so the
usage an operator is shown is one they can paste back.

Everything a command itself says on stderr (bad lines, warnings, ``wrote:`` lines, errors) goes
through one :class:`Diagnostics`, so ``--log-format json`` makes every stderr line a JSON
object, like the log records (:func:`configure_logging`).  Every OS error reaching
:func:`run_reporting_errors` ends as ``error: PATH: reason`` and exit 1, never a traceback.

Defaults an operator's cron sets once come from the environment, all named
``PERFORMANCE_<WHAT>``: :data:`LOGS_DIR_ENV`, :data:`TARGETS_ENV`, :data:`ALERT_LOG_ENV` (and
the older ``PERFORMANCE_SUMMARY_TIMEZONE`` for ``--tz``); an option on the command line
overrides its variable, and a variable set to the empty string counts as unset.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NoReturn, TextIO

from trading_bot.performance.core.timestamps import SUPPORTED_YEARS, format_instant
from trading_bot.performance.errors import PerformanceError, UsageError, os_reason
from trading_bot.performance.version import __version__

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_BREACH = 2
EXIT_USAGE = 64

#: The console script pyproject installs; :data:`MODULE_COMMAND` works wherever the package is
#: importable, installed or not.
CONSOLE_SCRIPT = "trading-performance"
MODULE_COMMAND = "python -m trading_bot.performance"
#: What ``--version`` prints: the tool's name and the package's one version
#: (:mod:`trading_bot.performance.version`).
VERSION_TEXT = f"{CONSOLE_SCRIPT} {__version__}"

#: Environment variables for the defaults of ``--logs-dir``, ``--targets`` and ``--alert-log``.
LOGS_DIR_ENV = "PERFORMANCE_LOGS_DIR"
TARGETS_ENV = "PERFORMANCE_TARGETS"
#: How an error writing stdout names it (stdout has no path).
STDOUT_NAME = "<stdout>"
ALERT_LOG_ENV = "PERFORMANCE_ALERT_LOG"
DEFAULT_LOGS_DIR = Path("logs")
#: ``--color``: ``auto`` follows the terminal, ``NO_COLOR`` and ``FORCE_COLOR``.
COLOR_MODES = ("auto", "always", "never")
LOG_FORMATS = ("text", "json")
#: The logger name the command's own stderr lines carry as JSON objects.
CLI_LOGGER = "trading_bot.performance.cli"


class ExitCodeParser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit 64 (:data:`EXIT_USAGE`), not argparse's 2.

    Subcommand parsers made with ``add_subparsers().add_parser`` are of the same class, so they
    exit 64 too.
    """

    #: Set before parsing when the command line asks for ``--log-format json``: the usage
    #: error is then one JSON object on stderr like every other line.
    json_errors = False

    def error(self, message: str) -> NoReturn:
        if self.json_errors:
            Diagnostics(sys.stderr, json_lines=True).say(
                "ERROR", f"{self.prog}: error: {message}", kind="usage", usage=self.format_usage())
            self.exit(EXIT_USAGE)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def wants_json_logs(arguments: Sequence[str]) -> bool:
    """``--log-format json`` on a command line not parsed yet (for its usage errors)."""
    for index, argument in enumerate(arguments):
        if argument == "--":
            return False
        if argument == "--log-format=json" or (
                argument == "--log-format" and arguments[index + 1:index + 2] == ["json"]):
            return True
    return False


class Diagnostics:
    """The command's own lines on stderr: plain text, or one JSON object per line.

    A JSON line has the shape of a log record under ``--log-format json`` (``time``,
    ``level``, ``logger``, ``message``, which is the text line, word for word) plus the
    line's fields (``kind``: ``bad_line``, ``warning``, ``wrote``, ``unchanged``, ``error``;
    and ``file``, ``line``, ``reason``, ``path`` where they apply), so a log shipper needs no
    second parser for the lines that are not log records.
    """

    def __init__(self, stream: TextIO, *, json_lines: bool = False) -> None:
        self.stream = stream
        self.json_lines = json_lines

    def say(self, level: str, message: str, **fields: Any) -> None:
        if not self.json_lines:
            print(message, file=self.stream)
            return
        document: dict[str, Any] = {"time": format_instant(datetime.now(UTC)), "level": level,
                                    "logger": CLI_LOGGER, "message": message}
        document.update(fields)
        print(json.dumps(document, ensure_ascii=False, default=str), file=self.stream)


def command_name(argv0: str | None = None) -> str:
    """The command as the operator started it: the console script, else ``python -m ...``.

    ``argv0`` defaults to ``sys.argv[0]``: the console script's path when run as
    ``trading-performance``, the package's ``__main__.py`` under ``python -m``.  Anything else
    (the package called from another program, a test) gets the ``python -m`` form, which works
    wherever the package can be imported, rather than the name of a program that does not take
    these options.
    """
    name = Path(sys.argv[0] if argv0 is None else argv0).name
    return CONSOLE_SCRIPT if name == CONSOLE_SCRIPT else MODULE_COMMAND


def iso_date(text: str) -> date:
    """An argparse type: ``YYYY-MM-DD`` within :data:`SUPPORTED_YEARS`, so the day after or
    before any date given stays a date (``date.max`` plus a day overflows)."""
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None
    if value.year not in SUPPORTED_YEARS:
        raise argparse.ArgumentTypeError(
            f"{text} is outside the supported years {SUPPORTED_YEARS[0]}-{SUPPORTED_YEARS[-1]}")
    return value


def add_date_arguments(parser: argparse.ArgumentParser, *, date_help: str, start_help: str,
                       end_help: str) -> None:
    """``--date``, ``--start`` and ``--end`` (``YYYY-MM-DD``, :func:`iso_date`): one definition
    for every command that takes days, each saying what its days mean."""
    parser.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help=date_help)
    parser.add_argument("--start", type=iso_date, metavar="YYYY-MM-DD", help=start_help)
    parser.add_argument("--end", type=iso_date, metavar="YYYY-MM-DD", help=end_help)


def at_least_one(text: str) -> int:
    """An argparse type: a whole number of at least 1, with no ceiling of its own (a caller
    whose ceiling depends on other options checks it once those are known)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def bounded_int(maximum: int) -> Callable[[str], int]:
    """An argparse type: a whole number from 1 to ``maximum``, the bound named when refused."""
    def whole_number(text: str) -> int:
        value = at_least_one(text)
        if value > maximum:
            raise argparse.ArgumentTypeError(f"must be at most {maximum:,}, got {text}")
        return value
    return whole_number


#: A whole-number option's ceiling: SQLite's largest INTEGER (signed 64 bits), so a count that
#: reaches the cache's queries (``--trades`` is a LIMIT) is never refused by SQLite there.
MAX_WHOLE_NUMBER = 2**63 - 1
#: An argparse type: a whole number from 1 to :data:`MAX_WHOLE_NUMBER`.
positive_int = bounded_int(MAX_WHOLE_NUMBER)


def run_reporting_errors(body: Callable[[], int], err: TextIO | Diagnostics,
                         out: TextIO | None = None) -> int:
    """Run a command body, turning the package's errors into ``error: ...`` and their exit code
    (64 for a :class:`UsageError` found after parsing, 1 for any other).

    An ``OSError`` that reaches here (a path no write helper translated, a file that vanished)
    is an error to fix too, printed ``error: PATH: reason``, never a traceback; the write
    helpers have undone their half-done work by the time it arrives.

    Every file the package opens names itself in its errors, so an ``OSError`` without a file
    name comes from writing stdout (``> /dev/full``, a full disk): it is printed as
    ``error: <stdout>: reason``.  ``out`` (the command's stdout) is flushed inside, so output
    still buffered when the body returns fails here too, not in the interpreter's exit.
    """
    notes = err if isinstance(err, Diagnostics) else Diagnostics(err)
    try:
        code = body()
        if out is not None:
            out.flush()
        return code
    except UsageError as exc:
        notes.say("ERROR", f"error: {exc}", kind="usage")
        return EXIT_USAGE
    except PerformanceError as exc:
        notes.say("ERROR", f"error: {exc}", kind="error")
        return EXIT_ERROR
    except BrokenPipeError:
        # stdout's reader went away (``| head``): nobody is left to tell, and the interpreter
        # must not complain at exit while flushing the same pipe.
        _silence_stdout()
        return EXIT_ERROR
    except OSError as exc:
        where = f"{os.fsdecode(exc.filename) if exc.filename is not None else STDOUT_NAME}: "
        notes.say("ERROR", f"error: {where}{os_reason(exc)}", kind="error")
        return EXIT_ERROR


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):   # no real stdout (a test's StringIO)
        pass


def configure_logging(err: TextIO, *, verbose: bool, log_format: str) -> None:
    """Log records on ``err``: text (``LEVEL logger: message``) or one JSON object per line."""
    level = logging.INFO if verbose else logging.WARNING
    if log_format == "json":
        # Imported only for --log-format json: the alert log module brings the alert state with
        # it (~9 ms measured), which a run with text logs and no targets never needs.
        from trading_bot.performance.alerting.log import JsonLogFormatter

        handler = logging.StreamHandler(err)
        handler.setFormatter(JsonLogFormatter())
        logging.basicConfig(level=level, handlers=[handler])
    else:
        logging.basicConfig(level=level, stream=err, format="%(levelname)s %(name)s: %(message)s")


def use_color(stream: TextIO, mode: str = "auto") -> bool:
    """Whether to colour ``stream``: ``--color always`` or ``never`` decide alone; ``auto``
    colours a terminal only.

    In ``auto``: ``NO_COLOR`` set (to anything, even empty) means no colour; else
    ``FORCE_COLOR`` set to anything but empty, ``0`` or ``false`` means colour even in a pipe
    or a CI log (the convention of Node, pytest and most CI systems); else colour when
    ``stream`` is a TTY and ``TERM`` is not ``dumb``.
    """
    if mode == "always":
        return True
    if mode == "never" or "NO_COLOR" in os.environ:
        return False
    if os.environ.get("FORCE_COLOR", "").strip().lower() not in ("", "0", "false"):
        return True
    try:
        is_tty = stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
    return is_tty and os.environ.get("TERM") != "dumb"


def env_path(name: str) -> Path | None:
    """The path an environment variable names, None when unset or empty."""
    value = os.environ.get(name, "")
    return Path(value) if value else None


def default_logs_dir() -> Path:
    """``--logs-dir``'s default: ``$PERFORMANCE_LOGS_DIR``, else ``logs``."""
    return env_path(LOGS_DIR_ENV) or DEFAULT_LOGS_DIR


def add_logs_dir_argument(parser: argparse.ArgumentParser, what: str) -> None:
    """The ``--logs-dir`` option every command shares (default from the environment)."""
    parser.add_argument("--logs-dir", type=Path, default=default_logs_dir(),
                        help=f"{what} (default: ${LOGS_DIR_ENV}, else logs)")


__all__ = ["ALERT_LOG_ENV", "CLI_LOGGER", "COLOR_MODES", "CONSOLE_SCRIPT", "DEFAULT_LOGS_DIR",
           "EXIT_BREACH", "EXIT_ERROR", "EXIT_OK", "EXIT_USAGE", "LOGS_DIR_ENV", "LOG_FORMATS",
           "MAX_WHOLE_NUMBER", "MODULE_COMMAND", "STDOUT_NAME", "TARGETS_ENV", "VERSION_TEXT",
           "Diagnostics", "ExitCodeParser", "add_date_arguments", "add_logs_dir_argument",
           "at_least_one", "bounded_int", "command_name", "configure_logging", "default_logs_dir",
           "env_path", "iso_date", "positive_int", "run_reporting_errors", "use_color",
           "wants_json_logs"]
