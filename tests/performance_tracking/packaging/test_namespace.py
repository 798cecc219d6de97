"""``trading_bot.performance`` is a portion of the bot's own ``trading_bot`` package.

The wheel ships no ``trading_bot/__init__.py`` (PEP 420 implicit namespace), so installing it can
never overwrite or shadow the bot's package.  These tests put a fake host bot (a ``trading_bot``
package with a ``bot`` module) and our package on separate ``sys.path`` entries, the way a bot run
from its checkout meets a pip-installed ``trading_bot.performance``, and import both in a fresh
interpreter:

* a host that is itself a namespace portion (no ``__init__.py``) needs nothing;
* a host with a regular ``__init__.py`` needs the two ``pkgutil.extend_path`` lines of the README,
  whichever of the two entries comes first on ``sys.path``;
* without that line the regular host hides our package (the documented failure).

Our side is ``src/`` of this checkout (the same layout as the wheel: ``trading_bot/`` with no
``__init__.py``), and, in :func:`test_built_wheel_is_a_portion_that_a_host_can_import`, the real
wheel installed into a directory of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import trading_bot.performance as package
from trading_bot.performance.version import __version__

REPOSITORY = Path(__file__).resolve().parents[3]
SOURCE_ROOT = Path(package.__file__).resolve().parents[2]

#: What the README tells a host with a regular ``trading_bot/__init__.py`` to add.
EXTEND_PATH = "from pkgutil import extend_path\n__path__ = extend_path(__path__, __name__)\n"

#: Run in the child: import the host's module and ours, print where each came from.
PROBE = """
import trading_bot.bot, trading_bot.performance
print(trading_bot.bot.WHO)
print(trading_bot.performance.__file__)
print(trading_bot.performance.__version__)
"""


def make_host(root: Path, init: str | None) -> Path:
    """A fake bot checkout in ``root``: ``trading_bot/bot.py``, and ``__init__.py`` unless None."""
    package_dir = root / "trading_bot"
    package_dir.mkdir(parents=True)
    (package_dir / "bot.py").write_text('WHO = "the host bot"\n', encoding="utf-8")
    if init is not None:
        (package_dir / "__init__.py").write_text(f'"""The host bot."""\n{init}', encoding="utf-8")
    return root


def probe(*entries: Path) -> subprocess.CompletedProcess[str]:
    """Run :data:`PROBE` in a fresh interpreter with ``entries`` in front of ``sys.path``."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(entry) for entry in entries)}
    env.pop("PYTHONSAFEPATH", None)
    return subprocess.run([sys.executable, "-c", PROBE], cwd=entries[0], env=env,
                          capture_output=True, text=True, timeout=60, check=False)


def assert_both_import(result: subprocess.CompletedProcess[str], ours: Path) -> None:
    assert result.returncode == 0, result.stderr
    who, location, version = result.stdout.splitlines()
    assert who == "the host bot"
    assert Path(location) == ours / "trading_bot" / "performance" / "__init__.py"
    assert version == __version__


def test_the_source_tree_is_a_namespace_portion() -> None:
    assert not (SOURCE_ROOT / "trading_bot" / "__init__.py").exists()
    assert (SOURCE_ROOT / "trading_bot" / "performance" / "__init__.py").is_file()


@pytest.mark.parametrize("host_first", [True, False], ids=["host-first", "ours-first"])
def test_host_that_is_a_namespace_portion_needs_nothing(tmp_path: Path, host_first: bool) -> None:
    host = make_host(tmp_path / "host", init=None)
    entries = (host, SOURCE_ROOT) if host_first else (SOURCE_ROOT, host)
    assert_both_import(probe(*entries), SOURCE_ROOT)


@pytest.mark.parametrize("host_first", [True, False], ids=["host-first", "ours-first"])
def test_regular_host_with_extend_path_finds_ours(tmp_path: Path, host_first: bool) -> None:
    host = make_host(tmp_path / "host", init=EXTEND_PATH)
    entries = (host, SOURCE_ROOT) if host_first else (SOURCE_ROOT, host)
    assert_both_import(probe(*entries), SOURCE_ROOT)


@pytest.mark.parametrize("host_first", [True, False], ids=["host-first", "ours-first"])
def test_regular_host_without_extend_path_hides_ours(tmp_path: Path, host_first: bool) -> None:
    """The failure the README's extend_path lines prevent: a regular package wins over every
    namespace portion, wherever it sits on ``sys.path``, and its ``__path__`` is its own folder."""
    host = make_host(tmp_path / "host", init="")
    entries = (host, SOURCE_ROOT) if host_first else (SOURCE_ROOT, host)
    result = probe(*entries)
    assert result.returncode == 1
    assert "ModuleNotFoundError: No module named 'trading_bot.performance'" in result.stderr


def build_wheel(out: Path) -> Path:
    """Build this checkout's wheel with pip (the build backend comes from pip's configured index,
    as for the README's ``pip install -e``); skip when no backend can be had."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
         "--disable-pip-version-check", "--wheel-dir", str(out), str(REPOSITORY)],
        capture_output=True, text=True, timeout=300, check=False)
    if result.returncode != 0:
        pytest.skip(f"cannot build the wheel here (no build backend?): {result.stderr[-500:]}")
    (wheel,) = out.glob("trading_bot_performance-*.whl")
    return wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield build_wheel(tmp_path_factory.mktemp("wheel"))


def test_wheel_ships_only_the_performance_portion(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(f"trading_bot_performance-{__version__}.dist-info/METADATA")
    payload = [name for name in names if ".dist-info/" not in name]
    assert "trading_bot/__init__.py" not in names
    assert payload and all(name.startswith("trading_bot/performance/") for name in payload)
    assert not [name for name in payload if "__pycache__" in name or name.endswith(".pyc")]
    for shipped in ("__init__.py", "py.typed", "cli/__init__.py",
                    "specs/performance-summary.schema.json", "specs/trade-record.schema.json",
                    "schemas/compiled/performance_summary.py"):
        assert f"trading_bot/performance/{shipped}" in names
    headers = metadata.decode("utf-8").split("\n\n", 1)[0].splitlines()
    assert f"Version: {__version__}" in headers  # read from version.py by hatch
    assert "Classifier: Operating System :: POSIX" in headers
    assert "Classifier: Typing :: Typed" in headers


def test_built_wheel_is_a_portion_that_a_host_can_import(wheel: Path, tmp_path: Path) -> None:
    """The installed wheel beside a regular host with the extend_path lines, and alone:
    our ``specs/`` travel inside the package, so validation works outside the checkout too."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
                    "--disable-pip-version-check", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=120)
    assert not (target / "trading_bot" / "__init__.py").exists()
    host = make_host(tmp_path / "host", init=EXTEND_PATH)
    assert_both_import(probe(host, target), target)
    schemas = subprocess.run(
        [sys.executable, "-c", "from trading_bot.performance.schemas.validation import specs_dir; "
                               "print(specs_dir())"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(target)},
        capture_output=True, text=True, timeout=60, check=True)
    assert Path(schemas.stdout.strip()) == target / "trading_bot" / "performance" / "specs"
