"""What every command shares: exit codes, the parser, argument types, error reporting, logging.

Exit codes (DESIGN.md): 0 ok, 1 an error the operator must fix, 2 a target breached (an alert
rule is firing for the evaluated window), 64 usage error.  argparse exits 2 on a usage error,
which would read as "target breached" to a cron job or a supervisor, so every command's parser
is an :class:`ExitCodeParser`, which exits 64 instead.

The command's name in usage lines follows how it was started (:func:`command_name`), so the
usage an operator is shown is one they can paste back.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import NoReturn, TextIO

from trading_bot.performance.errors import PerformanceError, UsageError
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


class ExitCodeParser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit 64 (:data:`EXIT_USAGE`), not argparse's 2.

    Subcommand parsers made with ``add_subparsers().add_parser`` are of the same class, so they
    exit 64 too.
    """

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


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
    """An argparse type: ``YYYY-MM-DD``."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def run_reporting_errors(body: Callable[[], int], err: TextIO) -> int:
    """Run a command body, turning the package's errors into ``error: ...`` and their exit code
    (64 for a :class:`UsageError` found after parsing, 1 for any other)."""
    try:
        return body()
    except UsageError as exc:
        print(f"error: {exc}", file=err)
        return EXIT_USAGE
    except PerformanceError as exc:
        print(f"error: {exc}", file=err)
        return EXIT_ERROR


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


def use_color(stream: TextIO) -> bool:
    """Colour only on a terminal: ``stream`` is a TTY, ``NO_COLOR`` is not set (to anything,
    even empty) and ``TERM`` is not ``dumb``; pipes, files and CI logs get plain text."""
    try:
        is_tty = stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
    return is_tty and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


__all__ = ["CONSOLE_SCRIPT", "EXIT_BREACH", "EXIT_ERROR", "EXIT_OK", "EXIT_USAGE",
           "MODULE_COMMAND", "VERSION_TEXT", "ExitCodeParser", "command_name",
           "configure_logging", "iso_date", "positive_int", "run_reporting_errors", "use_color"]
