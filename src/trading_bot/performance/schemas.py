"""The JSON Schemas in ``specs/`` and validation against them.

The schemas ship inside the wheel (``trading_bot/performance/specs``, see pyproject) and are read
from the repository's ``specs/`` in a source checkout or editable install, so there is exactly one
copy to edit.  ``jsonschema`` is imported on first use: the plain text report does not pay for it.

Two validators, one authority.  Every document we write is checked first by a validator compiled
to Python by ``fastjsonschema`` (about 20x faster than ``jsonschema`` on a monthly summary, which
is what lets a backfill validate hundreds of reports); only when that one objects does
``jsonschema``, the reference implementation, decide and word every problem.  So a document is
refused exactly when ``jsonschema`` refuses it.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import PerformanceError

_PACKAGE_SPECS = Path(__file__).resolve().parent / "specs"
_REPOSITORY_SPECS = Path(__file__).resolve().parents[3] / "specs"


class SchemaViolation(PerformanceError):
    """A document the package was about to write does not match its schema (a bug)."""


def specs_dir() -> Path:
    for candidate in (_PACKAGE_SPECS, _REPOSITORY_SPECS):
        if candidate.is_dir():
            return candidate
    raise PerformanceError(f"JSON schemas not found in {_PACKAGE_SPECS} or {_REPOSITORY_SPECS}")


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    """Load ``specs/{name}.schema.json``."""
    return json.loads((specs_dir() / f"{name}.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(name: str, document: Any) -> list[str]:
    """Every violation as ``path: message``, in a stable order."""
    errors = sorted(_validator(name).iter_errors(document), key=lambda error: list(error.path))
    return [f"{'/'.join(str(part) for part in error.path) or '(root)'}: {error.message}"
            for error in errors]


@lru_cache(maxsize=None)
def _fast_validator(name: str) -> Any:
    import fastjsonschema

    return fastjsonschema.compile(copy.deepcopy(load_schema(name)))  # compile() mutates it


def validate(name: str, document: Any) -> None:
    """Raise SchemaViolation listing every problem; called before anything is written."""
    import fastjsonschema

    try:
        _fast_validator(name)(document)
        return
    except fastjsonschema.JsonSchemaException:
        pass  # jsonschema decides, and says why
    problems = schema_errors(name, document)
    if problems:
        raise SchemaViolation(f"{name} document does not match specs/{name}.schema.json: "
                              + "; ".join(problems[:10]))


def iter_schema_errors(name: str, document: Any) -> list[Any]:
    """The raw ``jsonschema`` errors, in document order, for callers that word their own
    messages (the targets file names YAML lines and did-you-means)."""
    return sorted(_validator(name).iter_errors(document),
                  key=lambda error: [str(part) for part in error.absolute_path])
