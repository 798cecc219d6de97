"""What every command shares: ``--version``, the command's name as it was started, exit 64 on
usage errors, and the output-format registry behind ``--format``.

The subprocess cases run the real module (``python -m``) and, when it is installed, the real
console script (``.venv/bin/trading-performance``); the script half is skipped otherwise.
"""

from __future__ import annotations

import ast
import io
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from trading_bot.performance.cli.common import (
    CONSOLE_SCRIPT,
    EXIT_USAGE,
    MODULE_COMMAND,
    ExitCodeParser,
    command_name,
    iso_date,
    positive_int,
)
from trading_bot.performance.cli.summary import build_parser
from trading_bot.performance.report.formats import FORMAT_NAMES
from trading_bot.performance.version import __version__

from ..conftest import trade, write_log

TZ_ENV = "PERFORMANCE_SUMMARY_TIMEZONE"
#: The subcommands and the words their usage line starts with, after the command's name.
SUBCOMMANDS = {(): "", ("record",): " record", ("ack",): " ack"}


def console_script() -> str | None:
    beside = Path(sys.executable).parent / CONSOLE_SCRIPT
    if beside.is_file():
        return str(beside)
    return shutil.which(CONSOLE_SCRIPT)


def run(command: list[str], *args: object,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != TZ_ENV}
    return subprocess.run([*command, *map(str, args)], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=120)


MODULE = [sys.executable, "-m", "trading_bot.performance"]


def require_script() -> str:
    script = console_script()
    if script is None:
        pytest.skip("trading-performance console script is not installed")
    return script


def after_usage(text: str) -> str:
    """A help text without its usage block (which argparse wraps by the name's length)."""
    return text.split("\n\n", 1)[1]


# --------------------------------------------------------------------------------------------
# --version


@pytest.mark.parametrize("how", ["module", "script"])
def test_version_prints_the_one_version_and_exits_0(how: str) -> None:
    command = MODULE if how == "module" else [require_script()]
    result = run(command, "--version")
    assert (result.returncode, result.stdout, result.stderr) == (
        0, f"trading-performance {__version__}\n", "")


def test_version_comes_from_the_version_module() -> None:
    out = io.StringIO()
    with pytest.raises(SystemExit) as exited, redirect_stdout(out):
        build_parser().parse_args(["--version"])
    assert exited.value.code == 0
    assert out.getvalue().split() == ["trading-performance", __version__]


# --------------------------------------------------------------------------------------------
# the command's name, as it was started


@pytest.mark.parametrize("words", list(SUBCOMMANDS))
@pytest.mark.parametrize("how", ["module", "script"])
def test_help_and_usage_errors_name_the_command_as_it_was_started(
        words: tuple[str, ...], how: str) -> None:
    command, name = (MODULE, MODULE_COMMAND) if how == "module" else ([require_script()],
                                                                     CONSOLE_SCRIPT)
    prog = name + SUBCOMMANDS[words]
    shown = run(command, *words, "--help")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(f"usage: {prog} ")
    wrong = run(command, *words, "--no-such-option")
    assert wrong.returncode == EXIT_USAGE
    assert wrong.stderr.startswith(f"usage: {prog} ")
    assert f"\n{prog}: error: " in wrong.stderr


@pytest.mark.parametrize("words", list(SUBCOMMANDS))
def test_help_is_the_same_whichever_way_the_command_was_started(
        words: tuple[str, ...]) -> None:
    script = require_script()
    via_module = run(MODULE, *words, "--help").stdout
    via_script = run([script], *words, "--help").stdout
    assert after_usage(via_module) == after_usage(via_script)
    assert MODULE_COMMAND not in after_usage(via_script)


@pytest.mark.parametrize(("argv0", "name"), [
    ("/srv/bot/.venv/bin/trading-performance", CONSOLE_SCRIPT),
    ("trading-performance", CONSOLE_SCRIPT),
    ("/srv/bot/src/trading_bot/performance/__main__.py", MODULE_COMMAND),
    ("-c", MODULE_COMMAND),                  # python -c "...main()"
    ("/srv/bot/.venv/bin/pytest", MODULE_COMMAND),   # called from another program
    ("", MODULE_COMMAND),                    # an embedded interpreter
])
def test_command_name_follows_argv0(argv0: str, name: str) -> None:
    assert command_name(argv0) == name


def test_the_in_process_parser_is_named_like_python_m(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["/srv/bot/.venv/bin/trading-performance"])
    assert build_parser().prog == CONSOLE_SCRIPT
    monkeypatch.setattr(sys, "argv", ["/srv/bot/src/trading_bot/performance/__main__.py"])
    assert build_parser().prog == MODULE_COMMAND
    assert build_parser(prog="botctl performance").prog == "botctl performance"


# --------------------------------------------------------------------------------------------
# the parser and the argument types


def test_a_usage_error_exits_64_not_argparses_2() -> None:
    parser = ExitCodeParser(prog="tool")
    parser.add_argument("--n", type=positive_int)
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("sub").add_argument("--day", type=iso_date)
    err = io.StringIO()
    for argv, message in ((["--n", "0"], "tool: error: argument --n: must be at least 1, got 0"),
                          (["--n", "x"], "tool: error: argument --n: not a whole number: 'x'"),
                          (["sub", "--day", "2026-02-30"],
                           "tool sub: error: argument --day: not a date (YYYY-MM-DD): "
                           "'2026-02-30'")):
        err.seek(0)
        err.truncate()
        with pytest.raises(SystemExit) as exited, redirect_stderr(err):
            parser.parse_args(argv)
        assert exited.value.code == EXIT_USAGE
        assert err.getvalue().splitlines()[-1] == message


# --------------------------------------------------------------------------------------------
# the format registry behind --format


def test_format_choices_come_from_the_registry() -> None:
    help_text = build_parser(prog="p").format_help()
    assert "{" + ",".join(FORMAT_NAMES) + "}" in help_text
    assert FORMAT_NAMES[:4] == ("text", "json", "markdown", "csv")   # --help's order, kept


#: The module each format's renderer needs; a run loads its own and none of the others.
RENDERERS = {"text": "report.text", "json": "schemas.validation",
             "markdown": "report.markdown", "csv": "report.csv_table"}
#: Writing files: only --export needs it, not even JSON on stdout.
EXPORTER = "report.export"


@pytest.mark.parametrize("output", list(RENDERERS))
def test_a_run_imports_only_the_renderer_of_its_format(tmp_path: Path, output: str) -> None:
    write_log(tmp_path / "logs", "2026-03-02", trade("T1"))
    breakdown = ["--breakdown", "symbol"] if output == "csv" else []
    script = ("import sys\n"
              "from trading_bot.performance.cli import main\n"
              "code = main(['--logs-dir', 'logs', '--date', '2026-03-02', '--format', "
              f"{output!r}, *{breakdown!r}])\n"
              "print(sorted(name.removeprefix('trading_bot.performance.') for name in sys.modules"
              " if name.startswith('trading_bot.performance.')), file=sys.stderr)\n"
              "sys.exit(code)\n")
    done = run([sys.executable, "-c", script], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    loaded = set(ast.literal_eval(done.stderr.strip().splitlines()[-1]))
    assert RENDERERS[output] in loaded
    others = set(RENDERERS.values()) - {RENDERERS[output]}
    assert loaded.isdisjoint({*others, EXPORTER}), loaded & {*others, EXPORTER}
