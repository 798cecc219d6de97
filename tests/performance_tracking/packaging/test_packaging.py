"""The project's own files agree with each other: pyproject, ``.ci/run``, the README and the code.

Read from the checkout (not the installed metadata), so an edit to one of them that forgets the
other fails here rather than in a user's install.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path
from typing import Any

import trading_bot.performance as package
from trading_bot.performance.version import __version__

from .test_namespace import EXTEND_PATH

REPOSITORY = Path(__file__).resolve().parents[3]
PACKAGE_ROOT = Path(package.__file__).resolve().parent


def pyproject() -> dict[str, Any]:
    with (REPOSITORY / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def requirement_name(requirement: str) -> str:
    """``"pyyaml>=6.0"`` -> ``"pyyaml"``, normalised as PEP 503 does."""
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name is not None, requirement
    return re.sub(r"[-_.]+", "-", name.group()).lower()


def imported_top_level_names() -> set[str]:
    """Every top-level module name any module of the package imports (function bodies included)."""
    names: set[str] = set()
    for path in PACKAGE_ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def test_every_declared_dependency_is_imported_and_every_import_is_declared() -> None:
    declared = {requirement_name(item) for item in pyproject()["project"]["dependencies"]}
    distributions = packages_distributions()
    third_party = imported_top_level_names() - set(sys.stdlib_module_names) - {"trading_bot"}
    used = {requirement_name(distribution)
            for name in third_party for distribution in distributions.get(name, [name])}
    assert used == declared


def test_version_has_one_source() -> None:
    project = pyproject()
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    version_file = REPOSITORY / project["tool"]["hatch"]["version"]["path"]
    assert version_file == PACKAGE_ROOT / "version.py"
    assert package.__version__ == __version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_metadata_says_typed_posix_and_no_invented_licence() -> None:
    project = pyproject()["project"]
    classifiers = project["classifiers"]
    assert (PACKAGE_ROOT / "py.typed").is_file()
    assert "Typing :: Typed" in classifiers
    assert "Operating System :: POSIX" in classifiers  # the locks use fcntl
    assert {"Programming Language :: Python :: 3.11", "Programming Language :: Python :: 3.12",
            "Programming Language :: Python :: 3.13"} <= set(classifiers)
    assert project["requires-python"] == ">=3.11"
    # No licence has been chosen: the metadata says proprietary and the project ships no LICENSE.
    assert project["license"] == "LicenseRef-Proprietary"
    assert "License :: Other/Proprietary License" in classifiers
    assert not list(REPOSITORY.glob("LICEN[CS]E*"))


def readme_test_command() -> str:
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    commands = [line for line in readme.splitlines() if line.startswith("python3 -m venv .venv")]
    (test_command,) = [line for line in commands if "pytest" in line]
    return test_command


def test_ci_checks_lint_and_types_then_runs_exactly_the_readme_test_command() -> None:
    lines = [line for line in (REPOSITORY / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert "set -euo pipefail" in lines  # pytest's exit 5 (no test ran) fails the run
    assert lines[-1] == readme_test_command()
    ruff = lines.index(".venv/bin/ruff check src tests benchmarks")
    mypy = lines.index(".venv/bin/mypy")
    assert ruff < len(lines) - 1 and mypy < len(lines) - 1


def test_test_extra_installs_the_checkers_ci_runs() -> None:
    test_extra = pyproject()["project"]["optional-dependencies"]["test"]
    extra = {requirement_name(item) for item in test_extra}
    assert {"pytest", "pytest-cov", "hypothesis", "ruff", "mypy", "types-pyyaml",
            "types-jsonschema"} <= extra


def test_readme_documents_the_extend_path_lines_the_tests_use() -> None:
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    indented = "".join(f"  {line}\n" for line in EXTEND_PATH.splitlines())
    assert f"  ```python\n{indented}  ```\n" in readme
