"""The house rules of the package, read from its source: rooms import downwards, nothing cycles,
and a function-level import says what start-up time it saves.

The rooms follow the data flow of DESIGN.md; the README's developer section draws the same table.
These tests walk the AST of every module, so a rule broken in a rarely run branch (an import
inside a function, under ``TYPE_CHECKING``) is caught as surely as one at the top.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import trading_bot.performance as package

PACKAGE = "trading_bot.performance"
ROOT = Path(package.__file__).resolve().parent

#: Room -> the rooms its modules may import (besides their own).  ``base`` is ``errors.py`` and
#: ``version.py``; ``top`` is the package's ``__init__`` (the public API) and ``__main__``.
BASE = frozenset({"base"})
ALLOWED: dict[str, frozenset[str]] = {
    "base": frozenset(),
    "core": BASE,
    "schemas": BASE | {"core"},
    "storage": BASE | {"core"},
    "ingest": BASE | {"core", "schemas", "storage"},
    "cache": BASE | {"core", "schemas", "storage", "ingest"},
    "tracker": BASE | {"core", "schemas", "storage", "ingest", "cache"},
    "alerting": BASE | {"core", "schemas", "storage", "ingest", "cache", "tracker"},
    "report": BASE | {"core", "schemas", "storage", "ingest", "cache", "tracker", "alerting"},
    "services": BASE | {"core", "schemas", "storage", "ingest", "cache", "tracker", "alerting",
                        "report"},
    "cli": BASE | {"core", "schemas", "storage", "ingest", "cache", "tracker", "alerting",
                   "report", "services"},
    "tools": BASE | {"core", "schemas", "storage", "ingest", "cache", "tracker", "alerting",
                     "report", "services", "cli"},
}
ALLOWED["top"] = frozenset(ALLOWED) - {"top"}
GENERATED = ROOT / "schemas" / "compiled"
#: A function-level import must be justified by a measured cost: "saves 14 ms", "(~7 ms)".
MEASURED = re.compile(r"\d+(?:\.\d+)?\s*ms\b")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


def room_of(name: str) -> str:
    """The room of a dotted module name inside the package."""
    rest = name.removeprefix(PACKAGE).lstrip(".").split(".")
    first = rest[0]
    if first in ("", "__main__"):
        return "top"
    if first in ("errors", "version"):
        return "base"
    if first not in ALLOWED:
        raise AssertionError(f"{name}: not in any room; add its room to ALLOWED and the README")
    return first


def sources() -> list[Path]:
    return sorted(path for path in ROOT.rglob("*.py") if GENERATED not in path.parents)


def resolve(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(path: Path) -> Iterator[tuple[ast.stmt, list[str], bool]]:
    """Every import statement: (node, imported module names, at module level)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    name = module_name(path)
    top_level = {id(node) for node in tree.body}
    # ``if TYPE_CHECKING:`` and ``try: import fcntl`` blocks at module level are module level
    for statement in tree.body:
        if isinstance(statement, (ast.If, ast.Try)):
            top_level.update(id(child) for child in ast.walk(statement))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield node, [alias.name for alias in node.names], id(node) in top_level
        elif isinstance(node, ast.ImportFrom):
            target = resolve(node, name, path.name == "__init__.py")
            names = [target]
            # ``from trading_bot.performance.cli import summary`` imports a module too
            names += [f"{target}.{alias.name}" for alias in node.names
                      if (ROOT / Path(*f"{target}.{alias.name}".split(".")[2:])).is_dir()
                      or (ROOT / Path(*f"{target}.{alias.name}".split(".")[2:])).with_suffix(
                          ".py").is_file()]
            yield node, names, id(node) in top_level


def test_every_module_is_in_a_room() -> None:
    assert sources(), "no sources found"
    for path in sources():
        room_of(module_name(path))


@pytest.mark.parametrize("path", sources(), ids=lambda path: str(path.relative_to(ROOT)))
def test_a_module_imports_only_its_own_room_and_rooms_below(path: Path) -> None:
    importer = module_name(path)
    room = room_of(importer)
    wrong = []
    for node, names, _ in imports(path):
        for name in names:
            if name != PACKAGE and not name.startswith(PACKAGE + "."):
                continue
            if name == PACKAGE and room != "top":
                wrong.append(f"line {node.lineno}: imports the package root (the public API)")
                continue
            target = room_of(name)
            if target != room and target not in ALLOWED[room]:
                wrong.append(f"line {node.lineno}: {room} imports {name} ({target})")
    assert not wrong, f"{path.relative_to(ROOT)}:\n  " + "\n  ".join(wrong)


@pytest.mark.parametrize("path", sources(), ids=lambda path: str(path.relative_to(ROOT)))
def test_a_function_level_import_names_the_start_up_time_it_saves(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    unjustified = []
    for node, names, at_module_level in imports(path):
        if at_module_level:
            continue
        # the import's own line, or the comment right above it (or above its group of imports)
        above = node.lineno - 2
        context = [lines[node.lineno - 1]]
        while above >= 0 and lines[above].lstrip().startswith(("#", "import ", "from ")):
            context.append(lines[above])
            above -= 1
        if not any(MEASURED.search(line) for line in context if "#" in line):
            unjustified.append(f"line {node.lineno}: {', '.join(names)}")
    assert not unjustified, (
        f"{path.relative_to(ROOT)}: function-level imports without a measured reason "
        "(a comment like '# lazy: saves 14 ms on runs without targets'):\n  "
        + "\n  ".join(unjustified))


def test_module_level_imports_form_no_cycle() -> None:
    graph: dict[str, set[str]] = {}
    known = {module_name(path) for path in sources()}
    for path in sources():
        edges = graph.setdefault(module_name(path), set())
        for _, names, at_module_level in imports(path):
            if at_module_level:
                edges.update(name for name in names if name in known)
    # a package's __init__ re-exporting a submodule is not a cycle of modules
    for name in list(graph):
        graph[name] = {target for target in graph[name] if not name.startswith(target + ".")}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        stack.append(name)
        for target in sorted(graph.get(name, ())):
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target):], target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)


def test_the_rules_can_fail(tmp_path: Path) -> None:
    """The checks above see what they claim to: a core module importing the CLI is caught."""
    assert "cli" not in ALLOWED["core"]
    assert room_of(f"{PACKAGE}.cli.summary") == "cli"
    assert room_of(f"{PACKAGE}.errors") == "base"
    sample = ROOT / "core" / "__init__.py"
    node = ast.parse("from trading_bot.performance.cli.summary import main").body[0]
    assert isinstance(node, ast.ImportFrom)
    assert resolve(node, module_name(sample), True) == f"{PACKAGE}.cli.summary"
    relative = ast.parse("from ..cli import summary").body[0]
    assert isinstance(relative, ast.ImportFrom)
    assert resolve(relative, f"{PACKAGE}.core.metrics", False) == f"{PACKAGE}.cli"
    assert MEASURED.search("# lazy: saves 14 ms") and not MEASURED.search("# lazy: faster")
