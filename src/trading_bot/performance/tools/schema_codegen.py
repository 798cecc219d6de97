"""Write the precompiled validators in :mod:`..schemas.compiled` from ``specs/``.

Run after editing a schema that is validated at run time::

    python -m trading_bot.performance.tools.schema_codegen

Until then the edited schema is compiled at every run (correct, but about 100 ms slower), and
the test suite fails on the stale module, so the two never drift apart unnoticed.
"""

from __future__ import annotations

import re
import string
import sys
from pathlib import Path

import fastjsonschema

from trading_bot.performance.schemas.validation import (
    COMPILED_MODULES,
    FAST_OPTIONS,
    fast_schema,
    schema_digest,
)

COMPILED_DIR = Path(__file__).resolve().parents[1] / "schemas" / "compiled"


#: A string literal formatted with every local variable: ``"...[{data__x}]".format(**locals())``.
_LOCALS_FORMAT = re.compile(r'"((?:[^"\\]|\\.)*)"\.format\(\*\*locals\(\)\)')


def _named_format(match: re.Match[str]) -> str:
    """The same call with the fields it uses passed by name.

    fastjsonschema builds each array item's error path with ``.format(**locals())`` before
    validating the item against a ``$ref``, so a monthly summary's few thousand items built a
    dict of every local of a large function each: about 14 of its 18 ms of validation.  Naming
    the fields gives the same text without that dict.
    """
    literal = match.group(1)
    fields = dict.fromkeys(field for _, field, _, _ in string.Formatter().parse(literal)
                           if field)
    if not all(field.isidentifier() for field in fields):
        return match.group(0)   # an indexed or attribute field: leave the call as generated
    arguments = ", ".join(f"{field}={field}" for field in fields)
    return f'"{literal}".format({arguments})'


def generated_source(name: str) -> str:
    """The module for one schema: fastjsonschema's generated code under a header naming the
    schema digest that :func:`.schemas._fast_validator` checks before trusting it, and ending
    with ``validate``, the root schema's function, under a name that does not depend on $id."""
    code = fastjsonschema.compile_to_code(fast_schema(name), **FAST_OPTIONS)
    header = (f'"""Generated from specs/{name}.schema.json by '
              f'``python -m trading_bot.performance.tools.schema_codegen``; do not edit."""\n'
              f"# fmt: off\n# flake8: noqa\n"
              f'SCHEMA_SHA256 = "{schema_digest(name)}"\n')
    code = _LOCALS_FORMAT.sub(_named_format, code)
    root = re.search(r"^def (\w+)\(", code, flags=re.MULTILINE)
    if root is None:
        raise RuntimeError(f"fastjsonschema generated no function for {name}")
    # fastjsonschema writes the root schema's function first, then one per referenced $defs
    return f"{header}{code}\n\nvalidate = {root.group(1)}\n"


def write_all(directory: Path = COMPILED_DIR) -> list[Path]:
    """Regenerate every compiled module; returns the files written."""
    directory.mkdir(exist_ok=True)
    written = []
    for name, module in sorted(COMPILED_MODULES.items()):
        target = directory / f"{module}.py"
        target.write_text(generated_source(name), encoding="utf-8")
        written.append(target)
    return written


def main() -> int:
    for path in write_all():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
