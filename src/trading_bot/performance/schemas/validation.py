"""The JSON Schemas in ``specs/`` and validation against them.

The schemas ship inside the wheel (``trading_bot/performance/specs``, see pyproject) and are read
from the repository's ``specs/`` in a source checkout or editable install, so there is exactly one
copy to edit.  ``jsonschema`` is imported on first use: the plain text report does not pay for it.

Two validators, one authority.  Every document we write is checked first by a validator compiled
to Python by ``fastjsonschema`` (about 20x faster than ``jsonschema`` on a monthly summary, which
is what lets a backfill validate hundreds of reports); only when that one objects does
``jsonschema``, the reference implementation, decide and word every problem.  So a document is
refused exactly when ``jsonschema`` refuses it.

Compiling a validator costs about 100 ms, most of a warm monthly summary in a fresh process, so
the schemas validated at run time ship precompiled in :mod:`.compiled` (written by
``python -m trading_bot.performance.tools.schema_codegen``).  Each module records the digest of the
schema it was generated from; a module whose digest no longer matches is ignored and the schema
is compiled at run time instead, so an edited schema is never checked by a stale validator.
"""

from __future__ import annotations

import copy
import hashlib
import importlib
import json
import logging
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema

from trading_bot.performance.errors import PerformanceError

LOGGER = logging.getLogger("trading_bot.performance")
_PACKAGE_SPECS = Path(__file__).resolve().parents[1] / "specs"
_REPOSITORY_SPECS = Path(__file__).resolve().parents[4] / "specs"


class SchemaViolation(PerformanceError):
    """A document the package was about to write does not match its schema (a bug)."""


def specs_dir() -> Path:
    for candidate in (_PACKAGE_SPECS, _REPOSITORY_SPECS):
        if candidate.is_dir():
            return candidate
    raise PerformanceError(f"JSON schemas not found in {_PACKAGE_SPECS} or {_REPOSITORY_SPECS}")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Load ``specs/{name}.schema.json``."""
    schema: dict[str, Any] = json.loads(
        (specs_dir() / f"{name}.schema.json").read_text(encoding="utf-8"))
    return schema


@cache
def _validator(name: str) -> Any:
    # lazy: jsonschema costs 44 ms to import; the hot paths validate with fastjsonschema only
    from jsonschema import Draft202012Validator

    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(name: str, document: Any) -> list[str]:
    """Every violation as ``path: message``, in a stable order."""
    errors = sorted(_validator(name).iter_errors(document), key=lambda error: list(error.path))
    return [f"{'/'.join(str(part) for part in error.path) or '(root)'}: {error.message}"
            for error in errors]


#: Schemas validated at run time, and their precompiled modules in :mod:`.compiled`.
COMPILED_MODULES = {"performance-summary": "performance_summary",
                    "performance-alert": "performance_alert",
                    "dashboard-targets": "dashboard_targets"}


#: Bumped whenever :mod:`.schema_codegen` changes what it does to fastjsonschema's code, so
#: modules written by the older generator stop being trusted.
CODEGEN_REVISION = 1


def schema_digest(name: str) -> str:
    """SHA-256 of everything a compiled module is built from: the schema as handed to
    fastjsonschema (canonical JSON, so layout edits keep a module current), the options and
    the generator's revision."""
    canonical = json.dumps([fast_schema(name), FAST_OPTIONS, CODEGEN_REVISION], sort_keys=True,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


_SUBSCHEMA_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions",
                             "dependentSchemas"})
_SUBSCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
_SUBSCHEMAS = frozenset({"items", "additionalProperties", "not", "if", "then", "else",
                         "contains", "propertyNames", "unevaluatedProperties",
                         "unevaluatedItems", "additionalItems"})


def _const_as_enum(schema: Any) -> Any:
    """A copy of ``schema`` with each ``const`` keyword spelled as a one-value ``enum``; only
    keyword positions are rewritten, so a property named ``const`` or a ``default`` value that
    holds one is left as it is."""
    if not isinstance(schema, dict):
        return copy.deepcopy(schema)
    rewritten: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "const":
            rewritten["enum"] = [copy.deepcopy(value)]
        elif key in _SUBSCHEMA_MAPS and isinstance(value, dict):
            rewritten[key] = {name: _const_as_enum(sub) for name, sub in value.items()}
        elif key in _SUBSCHEMA_LISTS and isinstance(value, list):
            rewritten[key] = [_const_as_enum(sub) for sub in value]
        elif key in _SUBSCHEMAS:
            rewritten[key] = _const_as_enum(value)
        else:
            rewritten[key] = copy.deepcopy(value)
    return rewritten


def fast_schema(name: str) -> dict[str, Any]:
    """The schema as handed to ``fastjsonschema``: a fresh copy (its compiler mutates what it
    gets) with ``const`` spelled as a one-value ``enum``, the same constraint, because
    fastjsonschema 2.22 cannot generate a ``const`` check without its detailed exception text,
    which we never show (``jsonschema`` words the errors)."""
    rewritten: dict[str, Any] = _const_as_enum(load_schema(name))
    return rewritten


FAST_OPTIONS: dict[str, Any] = {"detailed_exceptions": False}


@cache
def _fast_validator(name: str) -> Any:
    module_name = COMPILED_MODULES.get(name)
    if module_name is not None:
        try:
            module = importlib.import_module(f"{__package__}.compiled.{module_name}")
        except ImportError:
            module = None
        except Exception as exc:  # a hand-edited or half-merged module: still validate
            LOGGER.warning("precompiled validator for %s is broken (%s: %s); compiling the "
                           "schema instead (run python -m trading_bot.performance."
                           "schema_codegen)", name, type(exc).__name__, exc)
            module = None
        if module is not None and getattr(module, "SCHEMA_SHA256", None) == schema_digest(name):
            return module.validate
    return fastjsonschema.compile(fast_schema(name), **FAST_OPTIONS)


def conforms(name: str, document: Any) -> bool:
    """The fast verdict alone: True when the compiled validator accepts ``document``.  Callers
    that only need to know (or that word their own messages) skip ``jsonschema`` when it is."""
    try:
        _fast_validator(name)(document)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def validate(name: str, document: Any) -> None:
    """Raise SchemaViolation listing every problem; called before anything is written."""
    if conforms(name, document):
        return
    problems = schema_errors(name, document)  # jsonschema decides, and says why
    if problems:
        raise SchemaViolation(f"{name} document does not match specs/{name}.schema.json: "
                              + "; ".join(problems[:10]))


def iter_schema_errors(name: str, document: Any) -> list[Any]:
    """The raw ``jsonschema`` errors, in document order, for callers that word their own
    messages (the targets file names YAML lines and did-you-means)."""
    return sorted(_validator(name).iter_errors(document),
                  key=lambda error: [str(part) for part in error.absolute_path])
