"""Targets and alert rules from ``config/dashboard-targets.yaml``: safe loading and validation.

The file is configuration an operator edits by hand, so a mistake must be reported in full, in
one go, where it is: every problem names its key path, its YAML line, the bad value and the
expected form (from ``specs/dashboard-targets.schema.json``), and an unknown key gets a
did-you-mean.  Nothing is half-applied: an invalid file is a :class:`~.errors.ConfigError`.

Hostile input is refused before it can cost anything: files over :data:`MAX_FILE_BYTES`, YAML
aliases (the billion-laughs expansion needs them), more than :data:`MAX_NODES` values or
:data:`MAX_DEPTH` levels of nesting, and any tag beyond plain YAML values (``!!python/object``
and friends are never constructed: the loader walks the node tree itself and builds only str,
int, Decimal, bool, None, lists and dicts).  Numbers are read from their own digits as exact
Decimals, never through float, and YAML 1.1's traps are closed.  The loader resolves plain
scalars itself: a number is only what decimal digits spell (``60``, ``-0.5``, ``6.0e+1``); every
other YAML 1.1 number form (octal ``060`` and ``0o60``, hex ``0x3C``, binary ``0b111100``,
underscores ``6_0``, base-60 ``1:30`` and ``16:00``, ``.inf``, ``.nan``) stays the text that was
written, so a text field keeps it verbatim and a number field refuses it naming the key, the line,
the text and what YAML 1.1 would have made of it.  ``yes``/``on`` and friends are still booleans,
but a refusal quotes them as written.  Timestamps stay text for our own parser.

Pure apart from :func:`load_targets`, which reads the file.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from trading_bot.performance.alerting.model import (
    ALL_TRADES,
    AUTO_DAYS,
    DAY,
    DEFAULT_MIN_TRADES,
    DEFAULT_REPEAT_INTERVAL,
    DEFAULT_TRADING_DAYS,
    EVERY_DAY,
    EVERY_DAY_DAYS,
    HEALTH,
    HIGHER,
    LEGACY_KEYS,
    METRICS,
    PERIOD,
    ROLLING,
    WEEKDAYS,
    Calendar,
    MetricSpec,
    Rule,
    Scope,
    Silence,
    Targets,
)
from trading_bot.performance.core.capital import Account, CashFlow
from trading_bot.performance.core.timestamps import parse_instant, resolve_timezone
from trading_bot.performance.errors import ConfigError, InvalidLineError, UsageError, location
from trading_bot.performance.schemas.validation import conforms, iter_schema_errors, load_schema

__all__ = ["MAX_FILE_BYTES", "Targets", "load_targets", "parse_targets"]

SCHEMA = "dashboard-targets"
#: A targets file is a few KB; anything this big is a mistake or an attack.
MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 10_000
MAX_DEPTH = 32
#: Numbers beyond these are refused: no target needs them, and display rounding must not fail.
MAX_INTEGER_DIGITS = 15
MAX_FRACTION_DIGITS = 12
MAX_PROBLEMS_SHOWN = 50

# --------------------------------------------------------------------------------------------
# Safe YAML: a node walker that builds plain values only.
# --------------------------------------------------------------------------------------------

Path_ = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}


class _Refused(Exception):
    """The YAML stream itself is refused (alias, size, depth); no value can be built."""

    def __init__(self, line: int | None, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


#: What a number is in a targets file: decimal digits, an optional fraction and exponent.
#: YAML 1.1 also reads octal, hex, binary, digit separators and base-60; those stay text.
_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_OCTAL_12 = re.compile(r"[-+]?0[oO][0-7]+")
_INT_TAG, _FLOAT_TAG, _BOOL_TAG = f"{_TAG}int", f"{_TAG}float", f"{_TAG}bool"
_YAML11_BOOLS = {"true": True, "false": False}


def _own_resolvers() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    """SafeLoader's implicit resolvers with YAML 1.1's int and float replaced by ours."""
    table: dict[Any, list[tuple[str, re.Pattern[str]]]] = {
        first: [(tag, regexp) for tag, regexp in entries if tag not in (_INT_TAG, _FLOAT_TAG)]
        for first, entries in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    for first in "-+0123456789.":
        table.setdefault(first, []).extend([
            (_INT_TAG, re.compile(f"^{_DECIMAL_INT.pattern}$")),
            (_FLOAT_TAG, re.compile(f"^{_DECIMAL.pattern}$"))])
    return table


class _Yaml11(yaml.SafeLoader):
    """Plain YAML 1.1 resolution, only to say what a refused scalar would have meant there."""


#: One resolver for every hint (resolving and constructing a scalar keep no state).
_YAML11 = _Yaml11("")


class _TargetsLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and caps the number and nesting of nodes while composing.

    Refusing at the first alias event keeps a billion-laughs document at the cost of reading it
    up to that point; the node and depth caps bound memory and recursion for the rest.
    """

    yaml_implicit_resolvers = _own_resolvers()

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(line, f"YAML alias *{event.anchor} is not allowed in a targets file "
                                 "(anchors and aliases can expand without bound); write the "
                                 "value out")
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Refused(line, f"more than {MAX_NODES} values; a targets file needs far fewer")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(line, f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


@dataclass
class _Walk:
    """State of one node walk: the line of every value's key and the problems met."""

    lines: dict[Path_, int] = field(default_factory=dict)
    #: Scalars written in a form YAML 1.1 reads otherwise: what it would read (for refusals).
    hints: dict[Path_, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    invalid: set[Path_] = field(default_factory=set)

    def refuse(self, problem: Problem) -> _Invalid:
        """Record a value that is not built; the schema's view of it would only repeat this."""
        self.problems.append(problem)
        self.invalid.add(problem.path)
        return INVALID


class _Invalid:
    """A value that could not be built (its problem is already recorded)."""

    def __repr__(self) -> str:
        return "<invalid>"


INVALID = _Invalid()


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _scalar(loader: _TargetsLoader, node: yaml.ScalarNode) -> Any:
    """The value of a plain scalar: numbers from their decimal digits (see :data:`_DECIMAL`)."""
    tag, text = node.tag, node.value
    if tag in (f"{_TAG}str", f"{_TAG}timestamp"):
        return text
    if tag == f"{_TAG}null":
        return None
    if tag == _BOOL_TAG:
        return loader.construct_yaml_bool(node)
    digits = text.lstrip("+")
    if tag == _INT_TAG:
        try:
            return int(digits)
        except ValueError:  # beyond Python's digit limit for int()
            return text
    return Decimal(digits)


def _yaml11_reading(node: yaml.ScalarNode) -> str | None:
    """What YAML 1.1 makes of a plain scalar we keep as text or show as written, if a number or
    a boolean spelled otherwise than true/false: the hint of a refusal (None: nothing to say)."""
    if node.style is not None or node.tag not in (f"{_TAG}str", _BOOL_TAG):
        return None
    text = node.value
    if node.tag == _BOOL_TAG:
        if text.lower() in _YAML11_BOOLS:
            return None
        return f"YAML reads {text!r} as {'true' if _Yaml11.bool_values[text.lower()] else 'false'}"
    if _OCTAL_12.fullmatch(text):
        return (f"YAML 1.2 reads it as {int(text.replace('0o', '').replace('0O', ''), 8)} "
                "(octal); numbers are read from decimal digits only, such as 60 or 0.5")
    tag = _YAML11.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag not in (_INT_TAG, _FLOAT_TAG):
        return None
    plain = text.lstrip("+-")
    if plain.lower() in (".inf", ".nan"):
        return "not a finite number"
    if ":" in text:
        form = "base-60 (sexagesimal)"
    elif "_" in text:
        form = "digit separators (_)"
    elif plain[:2].lower() in ("0x", "0o", "0b"):
        form = {"0x": "hexadecimal", "0o": "octal", "0b": "binary"}[plain[:2].lower()]
    else:
        form = "leading zero: octal" if tag == _INT_TAG else "leading zero"
    try:
        value = (yaml.SafeLoader.construct_yaml_int if tag == _INT_TAG
                 else yaml.SafeLoader.construct_yaml_float)(_YAML11, node)
        reading = f"YAML 1.1 reads it as {value}"
    except ValueError:
        reading = "YAML 1.1 reads it as a number"
    return (f"{reading} ({form}); numbers are read from decimal digits only, such as 60 "
            "or 0.5")


def _build(loader: _TargetsLoader, node: yaml.Node, path: Path_, walk: _Walk) -> Any:
    """The plain value of ``node``; a refused tag or key becomes a problem and INVALID."""
    walk.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.tag not in _SCALAR_TAGS:
            return walk.refuse(_tag_problem(node, path, walk))
        value = _scalar(loader, node)
        hint = _yaml11_reading(node)
        if hint is not None:
            walk.hints[path] = hint
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool) \
                and not _reasonable(value):
            return walk.refuse(Problem(path, walk.lines[path],
                                       f"bad value {_show(value)}: expected a number with at "
                                       f"most {MAX_INTEGER_DIGITS} digits before and "
                                       f"{MAX_FRACTION_DIGITS} after the point"))
        if isinstance(value, Decimal):
            value = Decimal(format(value, "f"))  # 6.0e+1 reads as 60.0
        return value
    if isinstance(node, yaml.SequenceNode):
        if node.tag != f"{_TAG}seq":
            return walk.refuse(_tag_problem(node, path, walk))
        return [_build(loader, item, (*path, index), walk) for index, item in enumerate(node.value)]
    if node.tag != f"{_TAG}map":
        return walk.refuse(_tag_problem(node, path, walk))
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if key_node.tag == f"{_TAG}merge":
            walk.problems.append(Problem(path, line, "YAML merge keys (<<) are not allowed; "
                                                     "write the keys out"))
            continue
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS:
            walk.problems.append(Problem(path, line, "a key must be plain text"))
            continue
        key = _scalar(loader, key_node)
        if not isinstance(key, str):
            walk.problems.append(Problem(path, line, f"key {_show(key)} is not text; quote it"))
            continue
        child = (*path, key)
        if key in result:
            walk.problems.append(Problem(child, line,
                                         f"duplicate key {key!r} (first on line "
                                         f"{walk.lines[child]}); keep one"))
            continue
        walk.lines[child] = line
        result[key] = _build(loader, value_node, child, walk)
    return result


def _tag_problem(node: yaml.Node, path: Path_, walk: _Walk) -> Problem:
    return Problem(path, node.start_mark.line + 1,
                   f"tag {_short_tag(node.tag)} is not allowed: a targets file holds plain "
                   "values only (text, numbers, true/false, lists and mappings)")


def _reasonable(number: int | Decimal) -> bool:
    value = Decimal(number)
    if not value.is_finite():
        return False
    if value.is_zero():
        return True
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return value.adjusted() < MAX_INTEGER_DIGITS and -exponent <= MAX_FRACTION_DIGITS


# --------------------------------------------------------------------------------------------
# Problems and their messages.
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the file, at a key path and line."""

    path: Path_
    line: int | None
    message: str

    @property
    def key_path(self) -> str:
        return key_path(self.path)

    def render(self, source: str) -> str:
        return location(source, self.line, f"{self.key_path}: {self.message}")


def key_path(path: Path_) -> str:
    """``alerts.rules[0].warn``; the document itself is ``(top level)``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(top level)"


def _show(value: Any) -> str:
    """A value as the operator wrote it: text quoted, YAML spellings for the rest."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, dict):
        return "a mapping" if value else "{}"
    if isinstance(value, list):
        return "a list" if value else "[]"
    if value is INVALID:
        return "(refused)"
    return str(value)


def _line(walk: _Walk, path: Path_) -> int | None:
    while path not in walk.lines and path:
        path = path[:-1]
    return walk.lines.get(path)


def _suggest(word: str, choices: Iterable[str]) -> str:
    options = sorted(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return "expected one of " + ", ".join(options)


def _schema_problems(document: Any, walk: _Walk) -> list[Problem]:
    if conforms(SCHEMA, document):
        return []
    problems = []
    for error in iter_schema_errors(SCHEMA, document):
        path: Path_ = tuple(error.absolute_path)
        schema = error.schema if isinstance(error.schema, dict) else {}
        instance = error.instance
        if error.validator == "additionalProperties":
            allowed = schema.get("properties", {})
            for key in sorted(set(instance) - set(allowed)):
                problems.append(Problem((*path, key), _line(walk, (*path, key)),
                                        f"unknown key {key!r}; {_suggest(key, allowed)}"))
            continue
        if error.validator == "required":
            for key in schema.get("required", ()):
                if key not in instance:
                    expected = schema.get("properties", {}).get(key, {})
                    form = _description(expected)
                    problems.append(Problem(path, _line(walk, path),
                                            f"missing key {key!r}" + (f": expected {form}"
                                                                      if form else "")))
            continue
        form = _description(schema) or error.message
        limit = _LIMITS.get(str(error.validator))
        if limit:
            form += f" ({limit(error.validator_value)})"
        if error.validator == "enum" and isinstance(instance, str):
            close = difflib.get_close_matches(instance, [str(v) for v in error.validator_value],
                                              n=1, cutoff=0.6)
            if close:
                form += f"; did you mean {close[0]!r}?"
        hint = walk.hints.get(path)
        problems.append(Problem(path, _line(walk, path),
                                f"bad value {_show(instance)}: expected {form}"
                                + (f"; {hint}" if hint else "")))
    return problems


_LIMITS: dict[str, Callable[[Any], str]] = {
    "maxItems": lambda limit: f"at most {limit} items",
    "uniqueItems": lambda _: "each item once",
    "maxLength": lambda limit: f"at most {limit} characters",
    "minLength": lambda _: "not empty",
    "minProperties": lambda _: "not empty",
}


def _description(schema: Mapping[str, Any]) -> str:
    if "description" in schema:
        return str(schema["description"])
    reference = schema.get("$ref")
    if isinstance(reference, str) and reference.startswith("#/$defs/"):
        target = load_schema(SCHEMA)["$defs"].get(reference[len("#/$defs/"):], {})
        return str(target.get("description", ""))
    return ""


# --------------------------------------------------------------------------------------------
# From a schema-valid document to Targets, with the checks the schema cannot express.
# --------------------------------------------------------------------------------------------

class _Builder:
    """Turns the validated document into values, recording metric-dependent problems."""

    def __init__(self, document: Mapping[str, Any], walk: _Walk, bad_paths: set[Path_]) -> None:
        self.document = document
        self.walk = walk
        self.bad_paths = bad_paths
        self.problems: list[Problem] = []
        defaults_path: Path_ = ("alerts", "defaults")
        defaults = _mapping(_mapping(document.get("alerts")).get("defaults"))
        clean = self.clean(defaults_path)
        self.repeat = (parse_duration(defaults["repeat_interval"])
                       if clean and "repeat_interval" in defaults else DEFAULT_REPEAT_INTERVAL)
        self.min_trades = defaults.get("min_trades", DEFAULT_MIN_TRADES) if clean \
            else DEFAULT_MIN_TRADES

    def problem(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(path, _line(self.walk, path), message))

    def clean(self, path: Path_) -> bool:
        """No schema problem at or under ``path``: safe to interpret."""
        return not any(bad[:len(path)] == path for bad in self.bad_paths)

    def build(self) -> tuple[tuple[Rule, ...], tuple[Rule, ...], Calendar, tuple[Silence, ...]]:
        rules = [rule for rule in self._legacy_rules() if rule is not None]
        alerts = _mapping(self.document.get("alerts"))
        items = _sequence(alerts.get("rules"))
        seen = set(LEGACY_KEYS) & set(self.document)
        for index, item in enumerate(items):
            path: Path_ = ("alerts", "rules", index)
            if not isinstance(item, dict):
                continue
            name = item.get("name")
            if isinstance(name, str) and name in seen and self.clean((*path, "name")):
                self.problem((*path, "name"), f"bad value {name!r}: expected a name not used by "
                                              "another rule or target key")
                continue
            if isinstance(name, str):
                seen.add(name)
            rule = self._rule(item, path)
            if rule is not None:
                rules.append(rule)
        health_doc = _mapping(self.document.get("data_health"))
        calendar = self._calendar(_mapping(health_doc.get("calendar")))
        health = self._health(health_doc)
        known = {name for name in seen if isinstance(name, str)} | {rule.name for rule in health}
        silences = tuple(silence for index, item in enumerate(_sequence(alerts.get("silences")))
                         if isinstance(item, dict) and (silence := self._silence(
                             item, ("alerts", "silences", index), known)) is not None)
        return tuple(rules), tuple(health), calendar, silences

    def _legacy_rules(self) -> Iterable[Rule | None]:
        for key, metric in LEGACY_KEYS.items():
            if key not in self.document or not self.clean((key,)):
                continue
            level = self._level(metric, self.document[key])
            spec = METRICS[metric]
            yield Rule(name=key, metric=metric, window=spec.default_window, warn=level,
                       resolve=level,
                       min_trades=self._default_min_trades(spec, spec.default_window),
                       repeat_interval=self.repeat, source=key)

    def _default_min_trades(self, spec: MetricSpec, window: str, trades: int | None = None) -> int:
        if window == ROLLING:
            assert trades is not None
            return trades
        if window == DAY:
            return 0
        return self.min_trades if spec.sample_sensitive else 1

    @staticmethod
    def _level(metric: str, value: Decimal | int) -> Decimal:
        """YAML units to internal ones: percentages become fractions, exactly."""
        number = Decimal(value)
        return number / 100 if METRICS[metric].unit == "percent" else number

    def _rule(self, item: Mapping[str, Any], path: Path_) -> Rule | None:
        """Check what the schema cannot (each check only on fields the schema passed), and
        build the rule when the whole item is sound."""
        metric = item.get("metric") if self.clean((*path, "metric")) else None
        spec = METRICS.get(metric) if isinstance(metric, str) else None
        ok = spec is not None
        window = item.get("window", spec.default_window if spec else None)
        if spec is not None and window is not None and self.clean((*path, "window")) \
                and window not in spec.windows:
            allowed = " or ".join(sorted(spec.windows))
            self.problem((*path, "window"), f"bad value {window!r}: expected {allowed} for "
                                            f"metric {spec.name}")
            ok = False
        trades = item.get("trades")
        if window == ROLLING and trades is None:
            self.problem(path, "missing key 'trades': expected a whole number of trades from 1 "
                               "to 1000 for a rolling rule, such as 20")
            ok = False
        if window in (PERIOD, DAY) and trades is not None:
            self.problem((*path, "trades"), f"bad value {_show(trades)}: expected no trades on "
                                            f"window {window} (trades applies to window "
                                            "rolling only)")
            ok = False
        scope_doc = item.get("scope")
        if scope_doc is not None and window == DAY:
            self.problem((*path, "scope"), "bad value a mapping: expected no scope on a day "
                                           "window (daily totals are not kept per strategy or "
                                           "mode); use a rolling rule")
            ok = False
        elif isinstance(scope_doc, dict) and spec is not None and window == PERIOD and (
                not spec.scoped_period or len(scope_doc) > 1):
            self.problem((*path, "scope"),
                         "bad value a mapping: expected one of strategy_name or execution_mode "
                         "on a period window, for metrics other than max_drawdown and "
                         "max_consecutive_losses (the breakdowns keep one key at a time); use "
                         "window: rolling for this scope")
            ok = False
        levels = {key: item[key] for key in ("warn", "critical", "resolve")
                  if key in item and self.clean((*path, key))}
        if spec is not None:
            in_range = [self._in_range(spec, value, (*path, key)) for key, value in levels.items()]
            if all(in_range) and "warn" in levels and not self._ordered(spec, levels, path):
                ok = False
            ok = ok and all(in_range)
        min_trades = item.get("min_trades")
        if isinstance(min_trades, int) and isinstance(trades, int) and min_trades > trades \
                and self.clean((*path, "min_trades")):
            self.problem((*path, "min_trades"), f"bad value {min_trades}: expected at most "
                                                f"trades ({trades})")
            ok = False
        if not ok or not self.clean(path):
            return None
        assert spec is not None
        warn = self._level(spec.name, levels["warn"])
        return Rule(
            name=item["name"], metric=spec.name, window=window, warn=warn,
            resolve=self._level(spec.name, levels["resolve"]) if "resolve" in levels else warn,
            critical=self._level(spec.name, levels["critical"]) if "critical" in levels else None,
            trades=trades,
            min_trades=(min_trades if min_trades is not None
                        else self._default_min_trades(spec, window, trades)),
            repeat_interval=(parse_duration(item["repeat_interval"])
                             if "repeat_interval" in item else self.repeat),
            scope=Scope(**scope_doc) if scope_doc else ALL_TRADES,
            source=key_path(path),
        )

    def _in_range(self, spec: MetricSpec, value: Decimal | int, path: Path_) -> bool:
        low, high = spec.minimum, spec.maximum
        if (low is None or value >= low) and (high is None or value <= high):
            return True
        if low is not None and high is not None:
            form = f"from {low} to {high} (percent)" if spec.unit == "percent" else \
                f"from {low} to {high}"
        elif low is not None:
            form = f"at least {low}"
        else:
            form = f"at most {high}"
        self.problem(path, f"bad value {_show(value)}: expected a number {form} for metric "
                           f"{spec.name}")
        return False

    def _ordered(self, spec: MetricSpec, levels: Mapping[str, Decimal | int], path: Path_) -> bool:
        """critical is at or beyond warn, resolve at or before it, in the bad direction."""
        warn = levels["warn"]
        falling = spec.better == HIGHER
        ok = True
        critical = levels.get("critical")
        if critical is not None and (critical > warn if falling else critical < warn):
            relation = "at most" if falling else "at least"
            self.problem((*path, "critical"),
                         f"bad value {_show(critical)}: expected {relation} warn ({warn}): "
                         f"{spec.name} alerts when it {'falls' if falling else 'rises'}, so "
                         "critical is the worse level")
            ok = False
        resolve = levels.get("resolve")
        if resolve is not None and (resolve < warn if falling else resolve > warn):
            relation = "at least" if falling else "at most"
            self.problem((*path, "resolve"),
                         f"bad value {_show(resolve)}: expected {relation} warn ({warn}): an "
                         "alert resolves once the metric is back on the good side of warn")
            ok = False
        return ok

    def accounts(self) -> tuple[Account, ...]:
        """The ``accounts`` list: amounts from their own digits (a number or a quoted decimal),
        starting balances above zero, cash flows on real dates and not zero, and no two
        accounts for the same execution mode and account id."""
        found: list[Account] = []
        seen: dict[tuple[str | None, str | None], int] = {}
        for index, item in enumerate(_sequence(self.document.get("accounts"))):
            path: Path_ = ("accounts", index)
            if not isinstance(item, dict) or not self.clean(path):
                continue
            good = self._plain_amounts(item, path)
            balance = _amount(item["starting_balance"])
            if balance <= 0:
                self.problem((*path, "starting_balance"),
                             f"bad value {_show(item['starting_balance'])}: expected an amount "
                             "above zero such as 10000")
                good = False
            flows = []
            for number, entry in enumerate(item.get("cash_flows") or ()):
                where: Path_ = (*path, "cash_flows", number)
                try:
                    day = date.fromisoformat(entry["date"])
                except ValueError:
                    self.problem((*where, "date"), f"bad value {entry['date']!r}: expected a "
                                                   "calendar date such as 2026-10-05")
                    good = False
                    continue
                amount = _amount(entry["amount"])
                if not amount:
                    self.problem((*where, "amount"), "bad value 0: expected a deposit (above "
                                                     "zero) or a withdrawal (below zero)")
                    good = False
                    continue
                flows.append(CashFlow(day, amount))
            key = (item.get("execution_mode"), item.get("account_id"))
            if key in seen:
                self.problem(path, f"the same account as accounts[{seen[key]}] "
                                   f"(execution_mode {key[0] or 'any'}, account_id "
                                   f"{key[1] or 'any'}); keep one")
                continue
            seen[key] = index
            if good:
                found.append(Account(balance, tuple(flows), key[0], key[1]))
        return tuple(found)

    def _plain_amounts(self, item: Mapping[str, Any], path: Path_) -> bool:
        """No amount of the account is an unquoted YAML 1.1 number form kept as text (``0500``
        is octal to YAML 1.1): refused with what YAML would have made of it."""
        paths = [(*path, "starting_balance")] + [
            (*path, "cash_flows", number, "amount")
            for number in range(len(item.get("cash_flows") or ()))]
        good = True
        for where in paths:
            hint = self.walk.hints.get(where)
            if hint is not None:
                self.problem(where, f"bad value: {hint}")
                good = False
        return good

    def _calendar(self, doc: Mapping[str, Any]) -> Calendar:
        path: Path_ = ("data_health", "calendar")
        holidays = set()
        if self.clean((*path, "holidays")):
            for index, text in enumerate(doc.get("holidays") or ()):
                try:
                    holidays.add(date.fromisoformat(text))
                except ValueError:
                    self.problem((*path, "holidays", index),
                                 f"bad value {text!r}: expected a calendar date such as "
                                 "2026-12-25")
        opening = closing = None
        hours = doc.get("market_hours")
        if hours and self.clean((*path, "market_hours")):
            opening, closing = time.fromisoformat(hours["open"]), time.fromisoformat(hours["close"])
            if closing <= opening:
                self.problem((*path, "market_hours", "close"),
                             f"bad value {hours['close']!r}: expected a time after open "
                             f"({hours['open']}); sessions across midnight are not supported")
                opening = closing = None
        zone = doc.get("timezone") if self.clean((*path, "timezone")) else None
        if zone is not None:
            try:
                resolve_timezone(zone)
            except UsageError:
                self.problem((*path, "timezone"), f"bad value {zone!r}: expected an IANA "
                                                  "timezone name such as America/New_York")
                zone = None
        days = doc.get("trading_days") if self.clean((*path, "trading_days")) else None
        if isinstance(days, list):
            trading_days = frozenset(WEEKDAYS.index(day) for day in days)
        else:
            trading_days = EVERY_DAY if days == EVERY_DAY_DAYS else DEFAULT_TRADING_DAYS
        return Calendar(
            trading_days=trading_days, holidays=frozenset(holidays), open=opening,
            close=closing, timezone=zone, inferred=days in (None, AUTO_DAYS))

    def _health(self, doc: Mapping[str, Any]) -> tuple[Rule, ...]:
        rules = []
        base: Path_ = ("data_health",)
        missing = _mapping(doc.get("missing_log_file"))
        if self.clean((*base, "missing_log_file")) and missing.get("enabled", True):
            critical = Decimal(0) if missing.get("severity") == "CRITICAL" else None
            rules.append(Rule("missing_log_file", "missing_log_file", HEALTH, warn=Decimal(0),
                              resolve=Decimal(0), critical=critical, repeat_interval=None,
                              source="data_health.missing_log_file"))
        stale = doc.get("stale_log")
        if stale and self.clean((*base, "stale_log")):
            warn = _seconds(stale["warn_after"])
            critical = None
            if "critical_after" in stale:
                critical = _seconds(stale["critical_after"])
                if critical < warn:
                    self.problem((*base, "stale_log", "critical_after"),
                                 f"bad value {stale['critical_after']!r}: expected at least "
                                 f"warn_after ({stale['warn_after']})")
                    critical = None
            rules.append(Rule("stale_log", "stale_log", HEALTH, warn=warn, resolve=warn,
                              critical=critical, repeat_interval=self.repeat,
                              source="data_health.stale_log"))
        rate = doc.get("bad_line_rate")
        if rate and self.clean((*base, "bad_line_rate")):
            spec = METRICS["bad_line_rate"]
            if self._ordered(spec, rate, (*base, "bad_line_rate")):
                warn = self._level("bad_line_rate", rate["warn"])
                rules.append(Rule(
                    "bad_line_rate", "bad_line_rate", HEALTH, warn=warn,
                    resolve=self._level("bad_line_rate", rate["resolve"]) if "resolve" in rate
                    else warn,
                    critical=self._level("bad_line_rate", rate["critical"]) if "critical" in rate
                    else None,
                    repeat_interval=(parse_duration(rate["repeat_interval"])
                                     if "repeat_interval" in rate else self.repeat),
                    source="data_health.bad_line_rate"))
        positions = doc.get("stale_positions")
        if isinstance(positions, dict) and self.clean((*base, "stale_positions")):
            # warn/critical: how many stale positions are tolerated (default 0: any warns).
            warn = Decimal(positions.get("warn", 0))
            critical = Decimal(positions["critical"]) if "critical" in positions else None
            rules.append(Rule("stale_positions", "stale_positions", HEALTH, warn=warn,
                              resolve=warn, critical=critical, repeat_interval=self.repeat,
                              source="data_health.stale_positions"))
        return tuple(rules)

    def _silence(self, item: Mapping[str, Any], path: Path_, known: set[str]) -> Silence | None:
        ok = True
        until = None
        if "until" in item and self.clean((*path, "until")):
            try:
                until = parse_instant(item["until"], "until")
            except InvalidLineError:
                self.problem((*path, "until"), f"bad value {item['until']!r}: expected an "
                                               "ISO-8601 instant such as 2026-03-05T16:00:00Z")
                ok = False
        matchers = {key: item[key] for key in ("rule", "metric", "strategy_name",
                                                "execution_mode", "fingerprint") if key in item}
        if not matchers:
            self.problem(path, "missing key: expected at least one of rule, metric, "
                               "strategy_name, execution_mode or fingerprint (a silence must "
                               "say what it quiets)")
            ok = False
        rule = matchers.get("rule")
        if isinstance(rule, str) and self.clean((*path, "rule")) and rule not in known:
            self.problem((*path, "rule"), f"bad value {rule!r}: no rule has this name; "
                                          f"{_suggest(rule, known)}")
            ok = False
        metric = matchers.get("metric")
        if isinstance(metric, str) and self.clean((*path, "metric")) and metric not in METRICS:
            self.problem((*path, "metric"), f"bad value {metric!r}: unknown metric; "
                                            f"{_suggest(metric, METRICS)}")
            ok = False
        if not ok or not self.clean(path):
            return None
        assert until is not None
        return Silence(until=until, reason=item["reason"], **matchers)


def _amount(value: int | Decimal | str) -> Decimal:
    """An amount the schema accepted: a number read from its digits, or a decimal string."""
    return Decimal(value) if not isinstance(value, Decimal) else value


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _sequence(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def parse_duration(text: str) -> timedelta | None:
    """``90s``, ``30m``, ``4h``, ``1d`` or ``never`` (None: do not repeat)."""
    if text == "never":
        return None
    unit = {"s": 1, "m": 60, "h": 3600, "d": 86400}[text[-1]]
    return timedelta(seconds=int(text[:-1]) * unit)


def _seconds(text: str) -> Decimal:
    """A positive duration (the schema's ``positiveDuration``: never ``never``) in seconds."""
    duration = parse_duration(text)
    if duration is None:
        raise ValueError(f"{text!r} is not a positive duration")
    return Decimal(int(duration.total_seconds()))


# --------------------------------------------------------------------------------------------
# Entry points.
# --------------------------------------------------------------------------------------------

def parse_targets(text: str, source: str = "dashboard-targets.yaml") -> Targets:
    """Validate the text of a targets file; raise ConfigError listing every problem.

    An empty file (or one with only comments) is valid and has no targets.
    """
    try:
        loader = _TargetsLoader(text)
    except yaml.reader.ReaderError as exc:
        raise ConfigError(_reader_problem(source, text, exc)) from None
    try:
        node = loader.get_single_node()
    except _Refused as refused:
        raise ConfigError(location(source, refused.line, f"refused: {refused.reason}")) from None
    except yaml.reader.ReaderError as exc:
        raise ConfigError(_reader_problem(source, text, exc)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or exc.context or "not valid YAML"
        raise ConfigError(location(source, line, f"not valid YAML: {reason}")) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source}: not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    if node is None:
        return Targets(source=source)
    walk = _Walk()
    document = _build(loader, node, (), walk)
    problems = list(walk.problems)
    if document is not None and not isinstance(document, dict):
        problems.append(Problem((), walk.lines.get(()), f"bad value {_show(document)}: expected "
                                                       "a mapping of targets such as "
                                                       "win_rate_target: 60"))
    if isinstance(document, dict):
        problems += [problem for problem in _schema_problems(document, walk)
                     if not any(problem.path[:len(path)] == path for path in walk.invalid)]
        builder = _Builder(document, walk, {problem.path for problem in problems})
        rules, health, calendar, silences = builder.build()
        accounts = builder.accounts()
        problems += builder.problems
    if problems:
        raise ConfigError(_report(source, problems))
    if document is None:
        return Targets(source=source)
    pairing = document.get("pairing")   # the schema checked it is one of the modes
    positions = _mapping(_mapping(document.get("data_health")).get("stale_positions"))
    after = positions.get("after")
    return Targets(rules=rules, health=health, calendar=calendar, silences=silences,
                   source=source, pairing=pairing if isinstance(pairing, str) else None,
                   stale_after_seconds=int(_seconds(after)) if isinstance(after, str) else None,
                   accounts=accounts)


def _reader_problem(source: str, text: str, error: yaml.reader.ReaderError) -> str:
    """A character YAML does not allow (a control character): its line and byte offset."""
    position = error.position if isinstance(error.position, int) else 0
    before = text[:position]
    code = error.character if isinstance(error.character, int) else None
    shown = f"control character U+{code:04X}" if code is not None else "a character"
    return location(source, before.count("\n") + 1,
                    f"not valid YAML: {shown} at byte offset "
                    f"{len(before.encode('utf-8', 'replace'))} is not allowed in YAML text")


def _report(source: str, problems: list[Problem]) -> str:
    ordered = sorted(problems, key=lambda problem: (problem.line or 0, problem.key_path,
                                                    problem.message))
    shown = ordered[:MAX_PROBLEMS_SHOWN]
    lines = [f"{source}: {len(problems)} problem{'s' if len(problems) != 1 else ''} in the "
             "targets file (nothing was evaluated):"]
    lines += [f"  {problem.render(source)}" for problem in shown]
    if len(ordered) > len(shown):
        lines.append(f"  ... and {len(ordered) - len(shown)} more")
    return "\n".join(lines)


def load_targets(path: Path, *, explicit: bool,
                 named: str = "with --targets") -> Targets | None:
    """Read and validate a targets file; None when the default file does not exist.

    A file named by the operator (``explicit``) must exist: a typo in ``--targets`` must not
    silently turn alerting off.  ``named`` says where the name came from (``with --targets``
    or ``by $PERFORMANCE_TARGETS``), so the error points at what to fix.  The size is checked
    before reading and while reading, so a huge or growing file costs at most
    :data:`MAX_FILE_BYTES`.
    """
    source = str(path)
    try:
        data = _read_regular(path)
    except FileNotFoundError:
        if explicit:
            raise ConfigError(f"{source}: targets file not found (named {named})") from None
        return None
    except IsADirectoryError:
        raise ConfigError(f"{source}: is a directory, not a targets file") from None
    except OSError as exc:
        raise ConfigError(f"{source}: cannot read targets file: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ConfigError(f"{source}: refused: larger than {MAX_FILE_BYTES // 1024} KiB; a "
                          "targets file is a few KB")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ConfigError(location(source, data[:nul].count(b"\n") + 1,
                                   f"not a text file: NUL byte at byte offset {nul}"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        offset = exc.start + bom
        line = data[:offset].count(b"\n") + 1
        raise ConfigError(location(source, line, f"not UTF-8 text (byte 0x{data[offset]:02x} at "
                                                 f"byte offset {offset})")) from None
    return parse_targets(text, source)


def _read_regular(path: Path) -> bytes:
    """At most :data:`MAX_FILE_BYTES` + 1 bytes of a regular file; ConfigError for any other
    kind of file, OSError when it cannot be read.

    A FIFO would block ``open`` until a writer comes (forever, under cron) and a device can
    stream without end: the path is checked before opening, and opened non-blocking, and the
    opened file checked again (the path may have been swapped in between).
    """
    _refuse_irregular(os.stat(path), path)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        _refuse_irregular(os.fstat(fd), path)
        return handle.read(MAX_FILE_BYTES + 1)


def _refuse_irregular(status: os.stat_result, path: Path) -> None:
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory")
    if not stat.S_ISREG(mode):
        kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else
                "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else
                "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
        raise ConfigError(f"{path}: is {kind}, not a regular targets file (refused without "
                          "reading it)")
