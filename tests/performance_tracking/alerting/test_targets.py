"""The targets file: what valid files mean, and exactly what invalid and hostile ones say.

Messages are compared whole: an operator fixes the file from them alone, so the key path, the
YAML line, the bad value and the expected form are all part of the contract.
"""

from __future__ import annotations

import json
import os
import re
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from datetime import time as time_of_day
from decimal import Decimal
from pathlib import Path

import pytest

from trading_bot.performance.alerting.config import (
    MAX_FILE_BYTES,
    key_path,
    load_targets,
    parse_duration,
    parse_targets,
)
from trading_bot.performance.alerting.model import ALL_TRADES, Scope
from trading_bot.performance.errors import ConfigError
from trading_bot.performance.schemas.validation import load_schema
from trading_bot.performance.services.alert_workflow import DEFAULT_TARGETS_PATH

REPO = Path(__file__).resolve().parents[3]
SHIPPED = REPO / "config" / "dashboard-targets.yaml"
SOURCE = "config/dashboard-targets.yaml"


def problems(text: str) -> list[str]:
    """The problem lines of the ConfigError ``text`` raises (the header line dropped)."""
    with pytest.raises(ConfigError) as raised:
        parse_targets(text, SOURCE)
    header, *lines = str(raised.value).splitlines()
    assert header == (f"{SOURCE}: {len(lines)} problem{'s' if len(lines) != 1 else ''} in the "
                      "targets file (nothing was evaluated):")
    return [line.strip() for line in lines]


def refusal(text: str) -> str:
    with pytest.raises(ConfigError) as raised:
        parse_targets(text, SOURCE)
    return str(raised.value)


# --- what a valid file means ------------------------------------------------------------------

def test_legacy_keys_become_rules_in_internal_units() -> None:
    loaded = parse_targets("win_rate_target: 60\ndaily_pl_target: 500.25\n"
                           "trades_per_day_target: 5\nmax_drawdown_target: -1000\n"
                           "avg_risk_reward_target: 1.5\n")
    by_name = {rule.name: rule for rule in loaded.rules}
    assert list(by_name) == ["win_rate_target", "daily_pl_target", "trades_per_day_target",
                             "max_drawdown_target", "avg_risk_reward_target"]
    win = by_name["win_rate_target"]
    assert (win.metric, win.window, win.warn, win.resolve, win.min_trades) == (
        "win_rate", "period", Decimal("0.6"), Decimal("0.6"), 10)
    assert by_name["daily_pl_target"].window == "day"
    assert by_name["daily_pl_target"].warn == Decimal("500.25")
    assert by_name["daily_pl_target"].min_trades == 0
    assert by_name["trades_per_day_target"].window == "day"
    assert by_name["max_drawdown_target"].warn == Decimal("-1000")
    assert by_name["max_drawdown_target"].min_trades == 1          # money: any trade counts
    assert by_name["avg_risk_reward_target"].metric == "avg_risk_reward"
    assert all(rule.repeat_interval == timedelta(hours=4) for rule in loaded.rules)
    assert [rule.name for rule in loaded.health] == ["missing_log_file"]   # on by default


def test_percent_levels_are_exact_decimals_never_floats() -> None:
    loaded = parse_targets("win_rate_target: 55.55\n")
    assert loaded.rules[0].warn == Decimal("0.5555")
    assert isinstance(loaded.rules[0].warn, Decimal)
    # 0.1 + 0.2 style float noise cannot appear: the digits are read as written
    assert parse_targets("win_rate_target: 33.3\n").rules[0].warn == Decimal("0.333")
    assert parse_targets("avg_risk_reward_target: 6.0e+1\n").rules[0].warn == Decimal("60.0")


def test_alert_rules_levels_scope_and_defaults() -> None:
    loaded = parse_targets("""
alerts:
  defaults: {repeat_interval: 30m, min_trades: 15}
  rules:
    - name: rolling_win_rate
      metric: win_rate
      window: rolling
      trades: 20
      warn: 60
      critical: 50
      resolve: 62
      repeat_interval: never
      scope: {strategy_name: momentum, execution_mode: LIVE}
    - {name: pf, metric: profit_factor, warn: 1.2}
    - {name: streak, metric: max_consecutive_losses, window: rolling, trades: 30, warn: 4,
       critical: 6, min_trades: 10}
""")
    rolling, factor, streak = loaded.rules
    assert (rolling.warn, rolling.critical, rolling.resolve) == (
        Decimal("0.6"), Decimal("0.5"), Decimal("0.62"))
    assert rolling.trades == 20 and rolling.min_trades == 20      # rolling default: all N
    assert rolling.repeat_interval is None
    assert rolling.scope == Scope("momentum", "LIVE")
    assert rolling.scope.label == "strategy_name=momentum, execution_mode=LIVE"
    assert (factor.window, factor.min_trades, factor.repeat_interval) == (
        "period", 15, timedelta(minutes=30))
    assert factor.scope == ALL_TRADES and factor.scope.label == "all trades"
    assert streak.min_trades == 10 and streak.spec.better == "lower"
    assert streak.severity(Decimal(5)) == "WARN" and streak.severity(Decimal(7)) == "CRITICAL"
    assert streak.severity(Decimal(4)) is None                     # at the level: met
    assert loaded.rolling_trades == 1000                           # scoped: the whole tail


def test_rolling_trades_is_the_largest_unscoped_window() -> None:
    loaded = parse_targets("""
alerts:
  rules:
    - {name: a, metric: win_rate, window: rolling, trades: 20, warn: 60}
    - {name: b, metric: avg_risk_reward, window: rolling, trades: 10, warn: 1}
""")
    assert loaded.rolling_trades == 20
    assert parse_targets("win_rate_target: 60\n").rolling_trades == 0


def test_data_health_calendar_and_silences() -> None:
    loaded = parse_targets("""
win_rate_target: 60
data_health:
  calendar:
    trading_days: [mon, wed]
    holidays: [2026-12-25]
    market_hours: {open: "09:30", close: 16:00}
    timezone: America/New_York
  missing_log_file: {severity: CRITICAL}
  stale_log: {warn_after: 30m, critical_after: 2h}
  bad_line_rate: {warn: 1, critical: 5, resolve: 0.5}
alerts:
  silences:
    - {rule: win_rate_target, until: "2026-03-05T16:00:00-05:00", reason: deploy}
""")
    calendar = loaded.calendar
    assert calendar.trading_days == frozenset({0, 2})
    # unquoted 16:00 would be the base-60 integer 960 in YAML 1.1; it stays a time here
    assert (calendar.open, calendar.close) == (time_of_day(9, 30), time_of_day(16, 0))
    assert calendar.timezone == "America/New_York"
    assert not calendar.is_trading_day(datetime(2026, 12, 25).date())
    missing, stale, rate = loaded.health
    assert missing.critical == Decimal(0)
    assert (stale.warn, stale.critical) == (Decimal(1800), Decimal(7200))
    assert (rate.warn, rate.critical, rate.resolve) == (
        Decimal("0.01"), Decimal("0.05"), Decimal("0.005"))
    silence, = loaded.silences
    assert silence.until == datetime(2026, 3, 5, 21, 0, tzinfo=UTC)
    assert silence.active(datetime(2026, 3, 5, 20, 59, tzinfo=UTC))
    assert not silence.active(silence.until)


def test_missing_log_file_check_can_be_turned_off() -> None:
    loaded = parse_targets("win_rate_target: 60\n"
                           "data_health: {missing_log_file: {enabled: false}}\n")
    assert loaded.health == ()


@pytest.mark.parametrize("text", ["", "# only comments\n", "---\n", "~\n"])
def test_an_empty_file_has_no_targets(text: str) -> None:
    assert parse_targets(text).empty


def test_the_shipped_file_sets_nothing_and_every_commented_example_is_valid() -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    assert parse_targets(text).empty
    uncommented = "\n".join(re.sub(r"^# ?", "", line) for line in text.splitlines()
                            if re.match(r"^# ( *)([a-z_]+:|- |#)", line))
    loaded = parse_targets(uncommented)
    assert len(loaded.rules) == 9 and len(loaded.health) == 3 and len(loaded.silences) == 1


def test_durations() -> None:
    assert parse_duration("90s") == timedelta(seconds=90)
    assert parse_duration("4h") == timedelta(hours=4)
    assert parse_duration("1d") == timedelta(days=1)
    assert parse_duration("never") is None


def test_key_paths() -> None:
    assert key_path(()) == "(top level)"
    assert key_path(("alerts", "rules", 0, "warn")) == "alerts.rules[0].warn"


# --- invalid files: every problem at once, exactly worded -------------------------------------

def test_every_problem_is_reported_at_once_with_path_line_value_and_expected_form() -> None:
    assert problems("""\
win_rate_target: 160
daily_pl_targt: 500
max_drawdown_target: 250
alerts:
  rules:
    - name: rolling_win_rate
      metric: win_rat
      window: rolling
      trades: 20
      warn: 60
    - name: rr
      metric: avg_risk_reward
      window: rolling
      warn: one
      scope: {strategy: alpha}
  silences:
    - rule: rolling_winrate
      until: tomorrow
      reason: deploy
""") == [
        f"{SOURCE}:1: win_rate_target: bad value 160: expected a percentage from 0 to 100, "
        "such as 60",
        f"{SOURCE}:2: daily_pl_targt: unknown key 'daily_pl_targt'; did you mean "
        "'daily_pl_target'?",
        f"{SOURCE}:3: max_drawdown_target: bad value 250: expected zero or a negative amount of "
        "money such as -1000 (drawdowns are negative)",
        f"{SOURCE}:7: alerts.rules[0].metric: bad value 'win_rat': expected a metric: win_rate, "
        "avg_risk_reward, avg_r_multiple, expectancy, profit_factor, net_profit_loss, "
        "max_drawdown, max_consecutive_losses, daily_pl or trades_per_day; did you mean "
        "'win_rate'?",
        f"{SOURCE}:11: alerts.rules[1]: missing key 'trades': expected a whole number of trades "
        "from 1 to 1000 for a rolling rule, such as 20",
        f"{SOURCE}:14: alerts.rules[1].warn: bad value 'one': expected a number such as 1.5",
        f"{SOURCE}:15: alerts.rules[1].scope.strategy: unknown key 'strategy'; did you mean "
        "'strategy_name'?",
        f"{SOURCE}:17: alerts.silences[0].rule: bad value 'rolling_winrate': no rule has this "
        "name; did you mean 'rolling_win_rate'?",
        f"{SOURCE}:18: alerts.silences[0].until: bad value 'tomorrow': expected an ISO-8601 "
        "instant such as 2026-03-05T16:00:00Z (no offset means UTC)",
    ]


def test_levels_are_checked_against_the_metric() -> None:
    assert problems("""\
alerts:
  rules:
    - {name: a, metric: win_rate, warn: 60, critical: 70, resolve: 50}
    - {name: b, metric: max_consecutive_losses, window: rolling, trades: 20, warn: 4,
       critical: 3, resolve: 5}
    - {name: c, metric: win_rate, warn: 600}
    - {name: d, metric: max_drawdown, warn: 100}
    - {name: e, metric: win_rate, window: rolling, trades: 10, min_trades: 11, warn: 50}
""") == [
        f"{SOURCE}:3: alerts.rules[0].critical: bad value 70: expected at most warn (60): "
        "win_rate alerts when it falls, so critical is the worse level",
        f"{SOURCE}:3: alerts.rules[0].resolve: bad value 50: expected at least warn (60): an "
        "alert resolves once the metric is back on the good side of warn",
        f"{SOURCE}:5: alerts.rules[1].critical: bad value 3: expected at least warn (4): "
        "max_consecutive_losses alerts when it rises, so critical is the worse level",
        f"{SOURCE}:5: alerts.rules[1].resolve: bad value 5: expected at most warn (4): an alert "
        "resolves once the metric is back on the good side of warn",
        f"{SOURCE}:6: alerts.rules[2].warn: bad value 600: expected a number from 0 to 100 "
        "(percent) for metric win_rate",
        f"{SOURCE}:7: alerts.rules[3].warn: bad value 100: expected a number at most 0 for "
        "metric max_drawdown",
        f"{SOURCE}:8: alerts.rules[4].min_trades: bad value 11: expected at most trades (10)",
    ]


def test_windows_and_scopes_must_fit_the_metric() -> None:
    assert problems("""\
alerts:
  rules:
    - {name: a, metric: daily_pl, window: rolling, trades: 5, warn: 100}
    - {name: b, metric: win_rate, window: period, trades: 5, warn: 50}
    - {name: c, metric: trades_per_day, warn: 3, scope: {execution_mode: LIVE}}
    - {name: d, metric: max_drawdown, warn: -5, scope: {execution_mode: LIVE}}
    - {name: a, metric: win_rate, warn: 50}
""") == [
        f"{SOURCE}:3: alerts.rules[0].window: bad value 'rolling': expected day for metric "
        "daily_pl",
        f"{SOURCE}:4: alerts.rules[1].trades: bad value 5: expected no trades on window period "
        "(trades applies to window rolling only)",
        f"{SOURCE}:5: alerts.rules[2].scope: bad value a mapping: expected no scope on a day "
        "window (daily totals are not kept per strategy or mode); use a rolling rule",
        f"{SOURCE}:6: alerts.rules[3].scope: bad value a mapping: expected one of strategy_name "
        "or execution_mode on a period window, for metrics other than max_drawdown and "
        "max_consecutive_losses (the breakdowns keep one key at a time); use window: rolling "
        "for this scope",
        f"{SOURCE}:7: alerts.rules[4].name: bad value 'a': expected a name not used by another "
        "rule or target key",
    ]


def test_calendar_problems() -> None:
    assert problems("""\
data_health:
  calendar:
    trading_days: [mon, mon, fry]
    holidays: [2026-02-30]
    market_hours: {open: "16:00", close: "09:30"}
    timezone: Mars/Olympus
  stale_log: {warn_after: 2h, critical_after: 30m}
  bad_line_rate: {warn: 5, critical: 1}
""") == [
        f"{SOURCE}:3: data_health.calendar.trading_days: bad value a list: expected a list of "
        "weekdays such as [mon, tue, wed, thu, fri] (each item once)",
        f"{SOURCE}:3: data_health.calendar.trading_days[2]: bad value 'fry': expected a weekday: "
        "mon, tue, wed, thu, fri, sat or sun; did you mean 'fri'?",
        f"{SOURCE}:4: data_health.calendar.holidays[0]: bad value '2026-02-30': expected a "
        "calendar date such as 2026-12-25",
        f"{SOURCE}:5: data_health.calendar.market_hours.close: bad value '09:30': expected a "
        "time after open (16:00); sessions across midnight are not supported",
        f"{SOURCE}:6: data_health.calendar.timezone: bad value 'Mars/Olympus': expected an IANA "
        "timezone name such as America/New_York",
        f"{SOURCE}:7: data_health.stale_log.critical_after: bad value '30m': expected at least "
        "warn_after (2h)",
        f"{SOURCE}:8: data_health.bad_line_rate.critical: bad value 1: expected at least warn "
        "(5): bad_line_rate alerts when it rises, so critical is the worse level",
    ]


def test_structure_problems() -> None:
    assert problems("""\
win_rate_target: [60]
alerts:
  rules:
    - {metric: win_rate, warn: 50}
    - just a string
  silences:
    - {until: "2026-03-05T16:00:00Z", reason: x}
  bogus_section: {}
x: 1
x: 2
""") == [
        f"{SOURCE}:1: win_rate_target: bad value a list: expected a percentage from 0 to 100, "
        "such as 60",
        f"{SOURCE}:4: alerts.rules[0]: missing key 'name': expected a name of letters, digits, "
        "_ . or -, such as rolling_win_rate",
        f"{SOURCE}:5: alerts.rules[1]: bad value 'just a string': expected a rule: a mapping "
        "with name, metric, warn and optional window, trades, critical, resolve, min_trades, "
        "repeat_interval, scope and description",
        f"{SOURCE}:7: alerts.silences[0]: missing key: expected at least one of rule, metric, "
        "strategy_name, execution_mode or fingerprint (a silence must say what it quiets)",
        f"{SOURCE}:8: alerts.bogus_section: unknown key 'bogus_section'; expected one of "
        "defaults, rules, silences",
        f"{SOURCE}:9: x: unknown key 'x'; expected one of accounts, alerts, "
        "avg_risk_reward_target, daily_pl_target, data_health, max_drawdown_target, pairing, "
        "trades_per_day_target, "
        "win_rate_target",
        f"{SOURCE}:10: x: duplicate key 'x' (first on line 9); keep one",
    ]


def test_the_top_level_must_be_a_mapping() -> None:
    assert problems("- 60\n") == [
        f"{SOURCE}:1: (top level): bad value a list: expected a mapping of targets such as "
        "win_rate_target: 60"]


def test_yaml_syntax_errors_name_the_line() -> None:
    assert refusal("win_rate_target: 60\nalerts: [\n") == (
        f"{SOURCE}:3: not valid YAML: expected the node content, but found '<stream end>'")
    assert refusal("a: b: c\n") == (
        f"{SOURCE}:1: not valid YAML: mapping values are not allowed here")


def test_numbers_that_cannot_be_targets_are_refused() -> None:
    assert problems("win_rate_target: .nan\ndaily_pl_target: 1000000000000000000\n"
                    "avg_risk_reward_target: 1.0000000000001\n") == [
        f"{SOURCE}:1: win_rate_target: bad value '.nan': expected a percentage from 0 to 100, "
        "such as 60; not a finite number",
        f"{SOURCE}:2: daily_pl_target: bad value 1000000000000000000: expected a number with "
        "at most 15 digits before and 12 after the point",
        f"{SOURCE}:3: avg_risk_reward_target: bad value 1.0000000000001: expected a number with "
        "at most 15 digits before and 12 after the point",
    ]


YAML11_FORMS = [
    # (written, what YAML 1.1 (or 1.2 for 0o) would read and why)
    ("060", "YAML 1.1 reads it as 48 (leading zero: octal)"),
    ("0600", "YAML 1.1 reads it as 384 (leading zero: octal)"),
    ("-007", "YAML 1.1 reads it as -7 (leading zero: octal)"),
    ("060.5", "YAML 1.1 reads it as 60.5 (leading zero)"),
    ("0o60", "YAML 1.2 reads it as 48 (octal)"),
    ("0x3C", "YAML 1.1 reads it as 60 (hexadecimal)"),
    ("-0x3c", "YAML 1.1 reads it as -60 (hexadecimal)"),
    ("0b111100", "YAML 1.1 reads it as 60 (binary)"),
    ("6_0", "YAML 1.1 reads it as 60 (digit separators (_))"),
    ("1_000.5", "YAML 1.1 reads it as 1000.5 (digit separators (_))"),
    ("1:30", "YAML 1.1 reads it as 90 (base-60 (sexagesimal))"),
    ("1:00:00", "YAML 1.1 reads it as 3600 (base-60 (sexagesimal))"),
]
DIGITS_ONLY = "; numbers are read from decimal digits only, such as 60 or 0.5"


@pytest.mark.parametrize(("written", "reading"), YAML11_FORMS)
def test_yaml11_number_forms_are_refused_naming_key_line_and_text(written: str,
                                                                  reading: str) -> None:
    """Every YAML 1.1 integer form, on every kind of number key: never a number not written."""
    text = (f"win_rate_target: 60\ndaily_pl_target: {written}\n"
            f"alerts:\n  defaults: {{min_trades: {written}}}\n")
    assert problems(text) == [
        f"{SOURCE}:2: daily_pl_target: bad value {written!r}: expected an amount of money such "
        f"as 500 or -250.50; {reading}{DIGITS_ONLY}",
        f"{SOURCE}:4: alerts.defaults.min_trades: bad value {written!r}: expected a whole "
        f"number of at least 0, such as 10; {reading}{DIGITS_ONLY}",
    ]


@pytest.mark.parametrize(("written", "reading"), [
    (".inf", "not a finite number"), ("-.Inf", "not a finite number"),
    (".NaN", "not a finite number"),
    ("yes", "YAML reads 'yes' as true"), ("On", "YAML reads 'On' as true"),
    ("off", "YAML reads 'off' as false"), ("NO", "YAML reads 'NO' as false"),
])
def test_infinities_and_yaml11_booleans_where_a_number_belongs(written: str,
                                                              reading: str) -> None:
    shown = ("true" if reading.endswith("true") else "false") if "YAML reads" in reading \
        else repr(written)
    assert problems(f"trades_per_day_target: {written}\n") == [
        f"{SOURCE}:1: trades_per_day_target: bad value {shown}: expected a number of at least "
        f"0, such as 1.5; {reading}"]


@pytest.mark.parametrize(("written", "value"), [
    ("60", Decimal("0.6")), ("+60", Decimal("0.6")), ("60.0", Decimal("0.6")),
    ("6.0e+1", Decimal("0.6")), ("6e1", Decimal("0.6")), ("0.5", Decimal("0.005")),
    (".5", Decimal("0.005")), ("0", Decimal(0)),
])
def test_decimal_digits_are_numbers(written: str, value: Decimal) -> None:
    targets = parse_targets(f"win_rate_target: {written}\n", SOURCE)
    assert targets.rules[0].warn == value


def test_yaml11_number_forms_stay_text_where_text_belongs() -> None:
    """A rule named 0x3C is named "0x3C", and a market close of 16:00 stays a time of day."""
    targets = parse_targets("alerts:\n  rules:\n    - {name: 0x3C, metric: win_rate, warn: 60}\n"
                            "    - {name: 060, metric: win_rate, warn: 50}\n"
                            "data_health:\n"
                            "  calendar: {market_hours: {open: 09:30, close: 16:00}}\n"
                            "  missing_log_file: {enabled: yes}\n", SOURCE)
    assert [rule.name for rule in targets.rules] == ["0x3C", "060"]
    assert (targets.calendar.open, targets.calendar.close) == (time_of_day(9, 30),
                                                               time_of_day(16))
    assert [rule.name for rule in targets.health] == ["missing_log_file"]


# --- hostile files ----------------------------------------------------------------------------

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_billion_laughs_is_refused_at_the_first_alias_without_expanding() -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        message = refusal(BILLION_LAUGHS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message == (f"{SOURCE}:2: refused: YAML alias *a is not allowed in a targets file "
                       "(anchors and aliases can expand without bound); write the value out")
    assert peak < 2 * 1024 * 1024
    assert time.perf_counter() - started < 1


def test_object_tags_are_refused_and_never_constructed(tmp_path: Path) -> None:
    planted = tmp_path / "planted"
    text = (f"win_rate_target: 60\nx: !!python/object/apply:os.mkdir [{json.dumps(str(planted))}]\n"
            "y: !!python/object:collections.OrderedDict {}\nz: !custom 3\n"
            "w: !!binary aGVsbG8=\n")
    assert problems(text) == [
        f"{SOURCE}:2: x: tag !!python/object/apply:os.mkdir is not allowed: a targets file holds "
        "plain values only (text, numbers, true/false, lists and mappings)",
        f"{SOURCE}:3: y: tag !!python/object:collections.OrderedDict is not allowed: a targets "
        "file holds plain values only (text, numbers, true/false, lists and mappings)",
        f"{SOURCE}:4: z: tag !custom is not allowed: a targets file holds plain values only "
        "(text, numbers, true/false, lists and mappings)",
        f"{SOURCE}:5: w: tag !!binary is not allowed: a targets file holds plain values only "
        "(text, numbers, true/false, lists and mappings)",
    ]
    assert not planted.exists()


def test_merge_keys_and_odd_keys_are_refused() -> None:
    assert problems("<<: {win_rate_target: 60}\n? [a]\n: 1\n1: 2\n") == [
        f"{SOURCE}:1: (top level): YAML merge keys (<<) are not allowed; write the keys out",
        f"{SOURCE}:2: (top level): a key must be plain text",
        f"{SOURCE}:4: (top level): key 1 is not text; quote it",
    ]


def test_deep_nesting_and_too_many_values_are_refused() -> None:
    assert refusal("a: " + "[" * 100 + "]" * 100 + "\n") == (
        f"{SOURCE}:1: refused: nested more than 32 levels deep")
    assert refusal("a: [" + "1, " * 20_000 + "1]\n") == (
        f"{SOURCE}:1: refused: more than 10000 values; a targets file needs far fewer")


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    path.write_bytes(b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ConfigError) as raised:
            load_targets(path, explicit=True)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(raised.value) == (f"{path}: refused: larger than 1024 KiB; a targets file is a "
                                 "few KB")
    assert peak < 3 * MAX_FILE_BYTES
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(("data", "message"), [
    (b"win_rate_target: 60\nname: caf\xe9\n", "2: not UTF-8 text (byte 0xe9 at byte offset 29)"),
    (b"\xef\xbb\xbfa: \xff\n", "1: not UTF-8 text (byte 0xff at byte offset 6)"),
    (b"a: 1\nb: \xc0\xaf\n", "2: not UTF-8 text (byte 0xc0 at byte offset 8)"),
    (b"\xff\xfew\x00i\x00", "1: not a text file: NUL byte at byte offset 3"),   # UTF-16
    (b"win_rate_target: 60\nx: a\x00b\n", "2: not a text file: NUL byte at byte offset 24"),
    (b"a: 1\nb: \x07\n", "2: not valid YAML: control character U+0007 at byte offset 8 is not "
                         "allowed in YAML text"),
    (b"a: 1\n\n# \x1b[31m\n", "3: not valid YAML: control character U+001B at byte offset 8 "
                              "is not allowed in YAML text"),
    ("a: 1\nb: \u00e9\x7f\n".encode(), "2: not valid YAML: control character U+007F at byte "
                                       "offset 10 is not allowed in YAML text"),
])
def test_binary_targets_name_the_file_line_and_byte(tmp_path: Path, data: bytes,
                                                    message: str) -> None:
    path = tmp_path / "targets.yaml"
    path.write_bytes(data)
    with pytest.raises(ConfigError) as raised:
        load_targets(path, explicit=True)
    assert str(raised.value) == f"{path}:{message}"


def test_a_control_character_in_text_is_a_config_error_not_a_traceback() -> None:
    assert refusal("a: 1\nb: \x00\n") == (f"{SOURCE}:2: not valid YAML: control character "
                                          "U+0000 at byte offset 8 is not allowed in YAML text")


# --- finding the file -------------------------------------------------------------------------

def test_a_missing_default_file_means_no_targets(tmp_path: Path) -> None:
    assert load_targets(tmp_path / "absent.yaml", explicit=False) is None


def test_a_missing_named_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    with pytest.raises(ConfigError, match=re.escape(
            f"{path}: targets file not found (named with --targets)")):
        load_targets(path, explicit=True)


def test_a_directory_is_not_a_targets_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a directory, not a targets file"):
        load_targets(tmp_path, explicit=False)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    """No writer ever opens the FIFO: opening it for reading would block forever."""
    fifo = tmp_path / "targets.yaml"
    os.mkfifo(fifo)
    started = time.perf_counter()
    for explicit in (True, False):
        with pytest.raises(ConfigError) as raised:
            load_targets(fifo, explicit=explicit)
        assert str(raised.value) == (f"{fifo}: is a FIFO (named pipe), not a regular targets "
                                     "file (refused without reading it)")
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero", "/dev/urandom"])
def test_a_device_is_refused(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    with pytest.raises(ConfigError) as raised:
        load_targets(Path(device), explicit=True)
    assert str(raised.value) == (f"{device}: is a device, not a regular targets file (refused "
                                 "without reading it)")


def test_a_symlink_to_a_fifo_is_refused_and_to_a_file_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "targets.yaml"
    link.symlink_to(fifo)
    with pytest.raises(ConfigError, match="is a FIFO"):
        load_targets(link, explicit=True)
    regular = tmp_path / "real.yaml"
    regular.write_text("win_rate_target: 60\n", encoding="utf-8")
    link.unlink()
    link.symlink_to(regular)
    loaded = load_targets(link, explicit=True)
    assert loaded is not None and [rule.name for rule in loaded.rules] == ["win_rate_target"]


def test_a_valid_file_loads_with_its_path_as_source(tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    path.write_text("\ufeffwin_rate_target: 60\n", encoding="utf-8")   # a BOM is fine
    loaded = load_targets(path, explicit=True)
    assert loaded is not None and loaded.source == str(path)
    assert Path("config/dashboard-targets.yaml") == DEFAULT_TARGETS_PATH


def test_every_leaf_of_the_schema_says_its_expected_form() -> None:
    """Messages quote ``description`` as the expected form: no leaf may lack one."""
    schema = load_schema("dashboard-targets")

    def leaves(node: object, path: str) -> list[str]:
        if not isinstance(node, dict):
            return []
        found = []
        if ("type" in node or "enum" in node) and "description" not in node \
                and path.count("/") > 1:
            found.append(path)
        for key, value in node.items():
            if key in ("properties", "$defs"):
                for name, child in value.items():
                    found += leaves(child, f"{path}/{name}")
            elif key == "items":
                found += leaves(value, f"{path}/items")
        return found

    assert leaves(schema, "") == []
