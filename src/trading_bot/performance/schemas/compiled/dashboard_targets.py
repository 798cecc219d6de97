"""Generated from specs/dashboard-targets.schema.json by ``python -m trading_bot.performance.tools.schema_codegen``; do not edit."""
# fmt: off
# flake8: noqa
SCHEMA_SHA256 = "6f66d60b9108ce6e44462f3e8904945ce3d105d95274af7e4358e78b9db98b15"
VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[1-9][0-9]{0,5}[smhd]$': re.compile('^[1-9][0-9]{0,5}[smhd]\\Z'),
    '^([01][0-9]|2[0-3]):[0-5][0-9]$': re.compile('^([01][0-9]|2[0-3]):[0-5][0-9]\\Z'),
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': re.compile('^[0-9]{4}-[0-9]{2}-[0-9]{2}\\Z'),
    '^[0-9a-f]{16}$': re.compile('^[0-9a-f]{16}\\Z'),
    '^[A-Za-z0-9_.-]{1,64}$': re.compile('^[A-Za-z0-9_.-]{1,64}\\Z'),
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$': re.compile('^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?\\Z'),
    '^([1-9][0-9]{0,5}[smhd]|never)$': re.compile('^([1-9][0-9]{0,5}[smhd]|never)\\Z'),
    '^-?[0-9]{1,30}(\\.[0-9]{1,12})?$': re.compile('^-?[0-9]{1,30}(\\.[0-9]{1,12})?\\Z')
}

NoneType = type(None)

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "win_rate_target" in data_keys:
            data_keys.remove("win_rate_target")
            data__winratetarget = data["win_rate_target"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_percent(data__winratetarget, custom_formats, (name_prefix or "data") + ".win_rate_target")
        if "daily_pl_target" in data_keys:
            data_keys.remove("daily_pl_target")
            data__dailypltarget = data["daily_pl_target"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_money(data__dailypltarget, custom_formats, (name_prefix or "data") + ".daily_pl_target")
        if "trades_per_day_target" in data_keys:
            data_keys.remove("trades_per_day_target")
            data__tradesperdaytarget = data["trades_per_day_target"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_nonnegative(data__tradesperdaytarget, custom_formats, (name_prefix or "data") + ".trades_per_day_target")
        if "max_drawdown_target" in data_keys:
            data_keys.remove("max_drawdown_target")
            data__maxdrawdowntarget = data["max_drawdown_target"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_nonpositivemoney(data__maxdrawdowntarget, custom_formats, (name_prefix or "data") + ".max_drawdown_target")
        if "avg_risk_reward_target" in data_keys:
            data_keys.remove("avg_risk_reward_target")
            data__avgriskrewardtarget = data["avg_risk_reward_target"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_nonnegative(data__avgriskrewardtarget, custom_formats, (name_prefix or "data") + ".avg_risk_reward_target")
        if "pairing" in data_keys:
            data_keys.remove("pairing")
            data__pairing = data["pairing"]
            if not (isinstance(data__pairing, str) and data__pairing == 'auto' or isinstance(data__pairing, str) and data__pairing == 'order-id' or isinstance(data__pairing, str) and data__pairing == 'fifo'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".pairing must be one of ['auto', 'order-id', 'fifo']")
        if "accounts" in data_keys:
            data_keys.remove("accounts")
            data__accounts = data["accounts"]
            if not isinstance(data__accounts, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".accounts must be array")
            data__accounts_is_list = isinstance(data__accounts, (list, tuple))
            if data__accounts_is_list:
                data__accounts_len = len(data__accounts)
                if data__accounts_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".accounts must contain at least 1 items")
                if data__accounts_len > 100:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".accounts must contain less than or equal to 100 items")
                for data__accounts_x, data__accounts_item in enumerate(data__accounts):
                    validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_account(data__accounts_item, custom_formats, (name_prefix or "data") + ".accounts[{data__accounts_x}]".format(data__accounts_x=data__accounts_x))
        if "alerts" in data_keys:
            data_keys.remove("alerts")
            data__alerts = data["alerts"]
            if not isinstance(data__alerts, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts must be object")
            data__alerts_is_dict = isinstance(data__alerts, dict)
            if data__alerts_is_dict:
                data__alerts_keys = set(data__alerts.keys())
                if "defaults" in data__alerts_keys:
                    data__alerts_keys.remove("defaults")
                    data__alerts__defaults = data__alerts["defaults"]
                    if not isinstance(data__alerts__defaults, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts.defaults must be object")
                    data__alerts__defaults_is_dict = isinstance(data__alerts__defaults, dict)
                    if data__alerts__defaults_is_dict:
                        data__alerts__defaults_keys = set(data__alerts__defaults.keys())
                        if "repeat_interval" in data__alerts__defaults_keys:
                            data__alerts__defaults_keys.remove("repeat_interval")
                            data__alerts__defaults__repeatinterval = data__alerts__defaults["repeat_interval"]
                            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_duration(data__alerts__defaults__repeatinterval, custom_formats, (name_prefix or "data") + ".alerts.defaults.repeat_interval")
                        if "min_trades" in data__alerts__defaults_keys:
                            data__alerts__defaults_keys.remove("min_trades")
                            data__alerts__defaults__mintrades = data__alerts__defaults["min_trades"]
                            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_count(data__alerts__defaults__mintrades, custom_formats, (name_prefix or "data") + ".alerts.defaults.min_trades")
                        if data__alerts__defaults_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts.defaults must not contain "+str(data__alerts__defaults_keys)+" properties")
                if "rules" in data__alerts_keys:
                    data__alerts_keys.remove("rules")
                    data__alerts__rules = data__alerts["rules"]
                    if not isinstance(data__alerts__rules, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts.rules must be array")
                    data__alerts__rules_is_list = isinstance(data__alerts__rules, (list, tuple))
                    if data__alerts__rules_is_list:
                        data__alerts__rules_len = len(data__alerts__rules)
                        if data__alerts__rules_len > 200:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts.rules must contain less than or equal to 200 items")
                        for data__alerts__rules_x, data__alerts__rules_item in enumerate(data__alerts__rules):
                            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_rule(data__alerts__rules_item, custom_formats, (name_prefix or "data") + ".alerts.rules[{data__alerts__rules_x}]".format(data__alerts__rules_x=data__alerts__rules_x))
                if "silences" in data__alerts_keys:
                    data__alerts_keys.remove("silences")
                    data__alerts__silences = data__alerts["silences"]
                    if not isinstance(data__alerts__silences, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts.silences must be array")
                    data__alerts__silences_is_list = isinstance(data__alerts__silences, (list, tuple))
                    if data__alerts__silences_is_list:
                        data__alerts__silences_len = len(data__alerts__silences)
                        if data__alerts__silences_len > 200:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts.silences must contain less than or equal to 200 items")
                        for data__alerts__silences_x, data__alerts__silences_item in enumerate(data__alerts__silences):
                            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_silence(data__alerts__silences_item, custom_formats, (name_prefix or "data") + ".alerts.silences[{data__alerts__silences_x}]".format(data__alerts__silences_x=data__alerts__silences_x))
                if data__alerts_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts must not contain "+str(data__alerts_keys)+" properties")
        if "data_health" in data_keys:
            data_keys.remove("data_health")
            data__datahealth = data["data_health"]
            if not isinstance(data__datahealth, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health must be object")
            data__datahealth_is_dict = isinstance(data__datahealth, dict)
            if data__datahealth_is_dict:
                data__datahealth_keys = set(data__datahealth.keys())
                if "calendar" in data__datahealth_keys:
                    data__datahealth_keys.remove("calendar")
                    data__datahealth__calendar = data__datahealth["calendar"]
                    if not isinstance(data__datahealth__calendar, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.calendar must be object")
                    data__datahealth__calendar_is_dict = isinstance(data__datahealth__calendar, dict)
                    if data__datahealth__calendar_is_dict:
                        data__datahealth__calendar_keys = set(data__datahealth__calendar.keys())
                        if "trading_days" in data__datahealth__calendar_keys:
                            data__datahealth__calendar_keys.remove("trading_days")
                            data__datahealth__calendar__tradingdays = data__datahealth__calendar["trading_days"]
                            if not isinstance(data__datahealth__calendar__tradingdays, (str, list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.calendar.trading_days must be string or array")
                            try:
                                if not isinstance(data__datahealth__calendar__tradingdays, (str)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.calendar.trading_days must be string")
                            except (JsonSchemaValueException, JsonSchemaValuesException):
                                if not isinstance(data__datahealth__calendar__tradingdays, (list, tuple)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.calendar.trading_days must be array")
                                data__datahealth__calendar__tradingdays_is_list = isinstance(data__datahealth__calendar__tradingdays, (list, tuple))
                                if data__datahealth__calendar__tradingdays_is_list:
                                    data__datahealth__calendar__tradingdays_len = len(data__datahealth__calendar__tradingdays)
                                    if data__datahealth__calendar__tradingdays_len > 7:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.calendar.trading_days must contain less than or equal to 7 items")
                                    def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                                    if data__datahealth__calendar__tradingdays_len > len(set(fn(data__datahealth__calendar__tradingdays_x) for data__datahealth__calendar__tradingdays_x in data__datahealth__calendar__tradingdays)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.calendar.trading_days must contain unique items")
                                    for data__datahealth__calendar__tradingdays_x, data__datahealth__calendar__tradingdays_item in enumerate(data__datahealth__calendar__tradingdays):
                                        validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_weekday(data__datahealth__calendar__tradingdays_item, custom_formats, (name_prefix or "data") + ".data_health.calendar.trading_days[{data__datahealth__calendar__tradingdays_x}]".format(data__datahealth__calendar__tradingdays_x=data__datahealth__calendar__tradingdays_x))
                            else:
                                if not (isinstance(data__datahealth__calendar__tradingdays, str) and data__datahealth__calendar__tradingdays == 'auto' or isinstance(data__datahealth__calendar__tradingdays, str) and data__datahealth__calendar__tradingdays == 'weekdays' or isinstance(data__datahealth__calendar__tradingdays, str) and data__datahealth__calendar__tradingdays == 'every_day'):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.calendar.trading_days must be one of ['auto', 'weekdays', 'every_day']")
                        if "holidays" in data__datahealth__calendar_keys:
                            data__datahealth__calendar_keys.remove("holidays")
                            data__datahealth__calendar__holidays = data__datahealth__calendar["holidays"]
                            if not isinstance(data__datahealth__calendar__holidays, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.calendar.holidays must be array")
                            data__datahealth__calendar__holidays_is_list = isinstance(data__datahealth__calendar__holidays, (list, tuple))
                            if data__datahealth__calendar__holidays_is_list:
                                data__datahealth__calendar__holidays_len = len(data__datahealth__calendar__holidays)
                                if data__datahealth__calendar__holidays_len > 1000:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.calendar.holidays must contain less than or equal to 1000 items")
                                for data__datahealth__calendar__holidays_x, data__datahealth__calendar__holidays_item in enumerate(data__datahealth__calendar__holidays):
                                    validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_date(data__datahealth__calendar__holidays_item, custom_formats, (name_prefix or "data") + ".data_health.calendar.holidays[{data__datahealth__calendar__holidays_x}]".format(data__datahealth__calendar__holidays_x=data__datahealth__calendar__holidays_x))
                        if "market_hours" in data__datahealth__calendar_keys:
                            data__datahealth__calendar_keys.remove("market_hours")
                            data__datahealth__calendar__markethours = data__datahealth__calendar["market_hours"]
                            if not isinstance(data__datahealth__calendar__markethours, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.calendar.market_hours must be object")
                            data__datahealth__calendar__markethours_is_dict = isinstance(data__datahealth__calendar__markethours, dict)
                            if data__datahealth__calendar__markethours_is_dict:
                                data__datahealth__calendar__markethours__missing_keys = set(['open', 'close']) - data__datahealth__calendar__markethours.keys()
                                if data__datahealth__calendar__markethours__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.calendar.market_hours must contain ")
                                data__datahealth__calendar__markethours_keys = set(data__datahealth__calendar__markethours.keys())
                                if "open" in data__datahealth__calendar__markethours_keys:
                                    data__datahealth__calendar__markethours_keys.remove("open")
                                    data__datahealth__calendar__markethours__open = data__datahealth__calendar__markethours["open"]
                                    validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_timeofday(data__datahealth__calendar__markethours__open, custom_formats, (name_prefix or "data") + ".data_health.calendar.market_hours.open")
                                if "close" in data__datahealth__calendar__markethours_keys:
                                    data__datahealth__calendar__markethours_keys.remove("close")
                                    data__datahealth__calendar__markethours__close = data__datahealth__calendar__markethours["close"]
                                    validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_timeofday(data__datahealth__calendar__markethours__close, custom_formats, (name_prefix or "data") + ".data_health.calendar.market_hours.close")
                                if data__datahealth__calendar__markethours_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.calendar.market_hours must not contain "+str(data__datahealth__calendar__markethours_keys)+" properties")
                        if "timezone" in data__datahealth__calendar_keys:
                            data__datahealth__calendar_keys.remove("timezone")
                            data__datahealth__calendar__timezone = data__datahealth__calendar["timezone"]
                            if not isinstance(data__datahealth__calendar__timezone, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.calendar.timezone must be string")
                            if isinstance(data__datahealth__calendar__timezone, str):
                                data__datahealth__calendar__timezone_len = len(data__datahealth__calendar__timezone)
                                if data__datahealth__calendar__timezone_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.calendar.timezone must be longer than or equal to 1 characters")
                                if data__datahealth__calendar__timezone_len > 64:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.calendar.timezone must be shorter than or equal to 64 characters")
                        if data__datahealth__calendar_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.calendar must not contain "+str(data__datahealth__calendar_keys)+" properties")
                if "missing_log_file" in data__datahealth_keys:
                    data__datahealth_keys.remove("missing_log_file")
                    data__datahealth__missinglogfile = data__datahealth["missing_log_file"]
                    if not isinstance(data__datahealth__missinglogfile, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.missing_log_file must be object")
                    data__datahealth__missinglogfile_is_dict = isinstance(data__datahealth__missinglogfile, dict)
                    if data__datahealth__missinglogfile_is_dict:
                        data__datahealth__missinglogfile_keys = set(data__datahealth__missinglogfile.keys())
                        if "enabled" in data__datahealth__missinglogfile_keys:
                            data__datahealth__missinglogfile_keys.remove("enabled")
                            data__datahealth__missinglogfile__enabled = data__datahealth__missinglogfile["enabled"]
                            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_flag(data__datahealth__missinglogfile__enabled, custom_formats, (name_prefix or "data") + ".data_health.missing_log_file.enabled")
                        if "severity" in data__datahealth__missinglogfile_keys:
                            data__datahealth__missinglogfile_keys.remove("severity")
                            data__datahealth__missinglogfile__severity = data__datahealth__missinglogfile["severity"]
                            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_severity(data__datahealth__missinglogfile__severity, custom_formats, (name_prefix or "data") + ".data_health.missing_log_file.severity")
                        if data__datahealth__missinglogfile_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.missing_log_file must not contain "+str(data__datahealth__missinglogfile_keys)+" properties")
                if "stale_log" in data__datahealth_keys:
                    data__datahealth_keys.remove("stale_log")
                    data__datahealth__stalelog = data__datahealth["stale_log"]
                    if not isinstance(data__datahealth__stalelog, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.stale_log must be object")
                    data__datahealth__stalelog_is_dict = isinstance(data__datahealth__stalelog, dict)
                    if data__datahealth__stalelog_is_dict:
                        data__datahealth__stalelog__missing_keys = set(['warn_after']) - data__datahealth__stalelog.keys()
                        if data__datahealth__stalelog__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.stale_log must contain ")
                        data__datahealth__stalelog_keys = set(data__datahealth__stalelog.keys())
                        if "warn_after" in data__datahealth__stalelog_keys:
                            data__datahealth__stalelog_keys.remove("warn_after")
                            data__datahealth__stalelog__warnafter = data__datahealth__stalelog["warn_after"]
                            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_positiveduration(data__datahealth__stalelog__warnafter, custom_formats, (name_prefix or "data") + ".data_health.stale_log.warn_after")
                        if "critical_after" in data__datahealth__stalelog_keys:
                            data__datahealth__stalelog_keys.remove("critical_after")
                            data__datahealth__stalelog__criticalafter = data__datahealth__stalelog["critical_after"]
                            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_positiveduration(data__datahealth__stalelog__criticalafter, custom_formats, (name_prefix or "data") + ".data_health.stale_log.critical_after")
                        if data__datahealth__stalelog_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.stale_log must not contain "+str(data__datahealth__stalelog_keys)+" properties")
                if "bad_line_rate" in data__datahealth_keys:
                    data__datahealth_keys.remove("bad_line_rate")
                    data__datahealth__badlinerate = data__datahealth["bad_line_rate"]
                    if not isinstance(data__datahealth__badlinerate, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.bad_line_rate must be object")
                    data__datahealth__badlinerate_is_dict = isinstance(data__datahealth__badlinerate, dict)
                    if data__datahealth__badlinerate_is_dict:
                        data__datahealth__badlinerate__missing_keys = set(['warn']) - data__datahealth__badlinerate.keys()
                        if data__datahealth__badlinerate__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.bad_line_rate must contain ")
                        data__datahealth__badlinerate_keys = set(data__datahealth__badlinerate.keys())
                        if "warn" in data__datahealth__badlinerate_keys:
                            data__datahealth__badlinerate_keys.remove("warn")
                            data__datahealth__badlinerate__warn = data__datahealth__badlinerate["warn"]
                            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_percent(data__datahealth__badlinerate__warn, custom_formats, (name_prefix or "data") + ".data_health.bad_line_rate.warn")
                        if "critical" in data__datahealth__badlinerate_keys:
                            data__datahealth__badlinerate_keys.remove("critical")
                            data__datahealth__badlinerate__critical = data__datahealth__badlinerate["critical"]
                            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_percent(data__datahealth__badlinerate__critical, custom_formats, (name_prefix or "data") + ".data_health.bad_line_rate.critical")
                        if "resolve" in data__datahealth__badlinerate_keys:
                            data__datahealth__badlinerate_keys.remove("resolve")
                            data__datahealth__badlinerate__resolve = data__datahealth__badlinerate["resolve"]
                            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_percent(data__datahealth__badlinerate__resolve, custom_formats, (name_prefix or "data") + ".data_health.bad_line_rate.resolve")
                        if "repeat_interval" in data__datahealth__badlinerate_keys:
                            data__datahealth__badlinerate_keys.remove("repeat_interval")
                            data__datahealth__badlinerate__repeatinterval = data__datahealth__badlinerate["repeat_interval"]
                            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_duration(data__datahealth__badlinerate__repeatinterval, custom_formats, (name_prefix or "data") + ".data_health.bad_line_rate.repeat_interval")
                        if data__datahealth__badlinerate_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.bad_line_rate must not contain "+str(data__datahealth__badlinerate_keys)+" properties")
                if "stale_positions" in data__datahealth_keys:
                    data__datahealth_keys.remove("stale_positions")
                    data__datahealth__stalepositions = data__datahealth["stale_positions"]
                    if not isinstance(data__datahealth__stalepositions, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.stale_positions must be object")
                    data__datahealth__stalepositions_is_dict = isinstance(data__datahealth__stalepositions, dict)
                    if data__datahealth__stalepositions_is_dict:
                        data__datahealth__stalepositions_keys = set(data__datahealth__stalepositions.keys())
                        if "after" in data__datahealth__stalepositions_keys:
                            data__datahealth__stalepositions_keys.remove("after")
                            data__datahealth__stalepositions__after = data__datahealth__stalepositions["after"]
                            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_positiveduration(data__datahealth__stalepositions__after, custom_formats, (name_prefix or "data") + ".data_health.stale_positions.after")
                        if "warn" in data__datahealth__stalepositions_keys:
                            data__datahealth__stalepositions_keys.remove("warn")
                            data__datahealth__stalepositions__warn = data__datahealth__stalepositions["warn"]
                            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_count(data__datahealth__stalepositions__warn, custom_formats, (name_prefix or "data") + ".data_health.stale_positions.warn")
                        if "critical" in data__datahealth__stalepositions_keys:
                            data__datahealth__stalepositions_keys.remove("critical")
                            data__datahealth__stalepositions__critical = data__datahealth__stalepositions["critical"]
                            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_count(data__datahealth__stalepositions__critical, custom_formats, (name_prefix or "data") + ".data_health.stale_positions.critical")
                        if data__datahealth__stalepositions_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health.stale_positions must not contain "+str(data__datahealth__stalepositions_keys)+" properties")
                if data__datahealth_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_health must not contain "+str(data__datahealth_keys)+" properties")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_positiveduration(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[1-9][0-9]{0,5}[smhd]$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[1-9][0-9]{0,5}[smhd]$")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_severity(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'WARN' or isinstance(data, str) and data == 'CRITICAL'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['WARN', 'CRITICAL']")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_flag(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (bool)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be boolean")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_timeofday(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^([01][0-9]|2[0-3]):[0-5][0-9]$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^([01][0-9]|2[0-3]):[0-5][0-9]$")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_date(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9]{4}-[0-9]{2}-[0-9]{2}$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_weekday(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'mon' or isinstance(data, str) and data == 'tue' or isinstance(data, str) and data == 'wed' or isinstance(data, str) and data == 'thu' or isinstance(data, str) and data == 'fri' or isinstance(data, str) and data == 'sat' or isinstance(data, str) and data == 'sun'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_silence(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['until', 'reason']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "until" in data_keys:
            data_keys.remove("until")
            data__until = data["until"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_instant(data__until, custom_formats, (name_prefix or "data") + ".until")
        if "reason" in data_keys:
            data_keys.remove("reason")
            data__reason = data["reason"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_text(data__reason, custom_formats, (name_prefix or "data") + ".reason")
        if "rule" in data_keys:
            data_keys.remove("rule")
            data__rule = data["rule"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_name(data__rule, custom_formats, (name_prefix or "data") + ".rule")
        if "metric" in data_keys:
            data_keys.remove("metric")
            data__metric = data["metric"]
            if not isinstance(data__metric, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".metric must be string")
            if isinstance(data__metric, str):
                data__metric_len = len(data__metric)
                if data__metric_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".metric must be longer than or equal to 1 characters")
                if data__metric_len > 64:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".metric must be shorter than or equal to 64 characters")
        if "strategy_name" in data_keys:
            data_keys.remove("strategy_name")
            data__strategyname = data["strategy_name"]
            if not isinstance(data__strategyname, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".strategy_name must be string")
            if isinstance(data__strategyname, str):
                data__strategyname_len = len(data__strategyname)
                if data__strategyname_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".strategy_name must be longer than or equal to 1 characters")
                if data__strategyname_len > 200:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".strategy_name must be shorter than or equal to 200 characters")
        if "execution_mode" in data_keys:
            data_keys.remove("execution_mode")
            data__executionmode = data["execution_mode"]
            if not (isinstance(data__executionmode, str) and data__executionmode == 'PAPER' or isinstance(data__executionmode, str) and data__executionmode == 'LIVE'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".execution_mode must be one of ['PAPER', 'LIVE']")
        if "fingerprint" in data_keys:
            data_keys.remove("fingerprint")
            data__fingerprint = data["fingerprint"]
            if not isinstance(data__fingerprint, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".fingerprint must be string")
            if isinstance(data__fingerprint, str):
                if not REGEX_PATTERNS['^[0-9a-f]{16}$'].search(data__fingerprint):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".fingerprint must match pattern ^[0-9a-f]{16}$")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_name(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[A-Za-z0-9_.-]{1,64}$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[A-Za-z0-9_.-]{1,64}$")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_text(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        data_len = len(data)
        if data_len > 500:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 500 characters")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_instant(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_rule(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['name', 'metric', 'warn']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_name(data__name, custom_formats, (name_prefix or "data") + ".name")
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_text(data__description, custom_formats, (name_prefix or "data") + ".description")
        if "metric" in data_keys:
            data_keys.remove("metric")
            data__metric = data["metric"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_metric(data__metric, custom_formats, (name_prefix or "data") + ".metric")
        if "window" in data_keys:
            data_keys.remove("window")
            data__window = data["window"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_window(data__window, custom_formats, (name_prefix or "data") + ".window")
        if "trades" in data_keys:
            data_keys.remove("trades")
            data__trades = data["trades"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_trades(data__trades, custom_formats, (name_prefix or "data") + ".trades")
        if "warn" in data_keys:
            data_keys.remove("warn")
            data__warn = data["warn"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_number(data__warn, custom_formats, (name_prefix or "data") + ".warn")
        if "critical" in data_keys:
            data_keys.remove("critical")
            data__critical = data["critical"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_number(data__critical, custom_formats, (name_prefix or "data") + ".critical")
        if "resolve" in data_keys:
            data_keys.remove("resolve")
            data__resolve = data["resolve"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_number(data__resolve, custom_formats, (name_prefix or "data") + ".resolve")
        if "min_trades" in data_keys:
            data_keys.remove("min_trades")
            data__mintrades = data["min_trades"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_count(data__mintrades, custom_formats, (name_prefix or "data") + ".min_trades")
        if "repeat_interval" in data_keys:
            data_keys.remove("repeat_interval")
            data__repeatinterval = data["repeat_interval"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_duration(data__repeatinterval, custom_formats, (name_prefix or "data") + ".repeat_interval")
        if "scope" in data_keys:
            data_keys.remove("scope")
            data__scope = data["scope"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_scope(data__scope, custom_formats, (name_prefix or "data") + ".scope")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_scope(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 1 properties")
        data_keys = set(data.keys())
        if "strategy_name" in data_keys:
            data_keys.remove("strategy_name")
            data__strategyname = data["strategy_name"]
            if not isinstance(data__strategyname, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".strategy_name must be string")
            if isinstance(data__strategyname, str):
                data__strategyname_len = len(data__strategyname)
                if data__strategyname_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".strategy_name must be longer than or equal to 1 characters")
                if data__strategyname_len > 200:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".strategy_name must be shorter than or equal to 200 characters")
        if "execution_mode" in data_keys:
            data_keys.remove("execution_mode")
            data__executionmode = data["execution_mode"]
            if not (isinstance(data__executionmode, str) and data__executionmode == 'PAPER' or isinstance(data__executionmode, str) and data__executionmode == 'LIVE'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".execution_mode must be one of ['PAPER', 'LIVE']")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_number(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (int, float, Decimal)) or isinstance(data, bool):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be number")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_trades(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (int)) and not (isinstance(data, float) and data.is_integer()) or isinstance(data, bool):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be integer")
    if isinstance(data, (int, float, Decimal)) and not isinstance(data, bool):
        if data < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be bigger than or equal to 1")
        if data > 1000:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be smaller than or equal to 1000")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_window(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'rolling' or isinstance(data, str) and data == 'period' or isinstance(data, str) and data == 'day'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['rolling', 'period', 'day']")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_metric(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'win_rate' or isinstance(data, str) and data == 'avg_risk_reward' or isinstance(data, str) and data == 'avg_r_multiple' or isinstance(data, str) and data == 'expectancy' or isinstance(data, str) and data == 'profit_factor' or isinstance(data, str) and data == 'net_profit_loss' or isinstance(data, str) and data == 'max_drawdown' or isinstance(data, str) and data == 'max_consecutive_losses' or isinstance(data, str) and data == 'daily_pl' or isinstance(data, str) and data == 'trades_per_day'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['win_rate', 'avg_risk_reward', 'avg_r_multiple', 'expectancy', 'profit_factor', 'net_profit_loss', 'max_drawdown', 'max_consecutive_losses', 'daily_pl', 'trades_per_day']")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_count(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (int)) and not (isinstance(data, float) and data.is_integer()) or isinstance(data, bool):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be integer")
    if isinstance(data, (int, float, Decimal)) and not isinstance(data, bool):
        if data < 0:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be bigger than or equal to 0")
        if data > 1000:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be smaller than or equal to 1000")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_duration(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^([1-9][0-9]{0,5}[smhd]|never)$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^([1-9][0-9]{0,5}[smhd]|never)$")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_account(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['starting_balance']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "execution_mode" in data_keys:
            data_keys.remove("execution_mode")
            data__executionmode = data["execution_mode"]
            if not (isinstance(data__executionmode, str) and data__executionmode == 'PAPER' or isinstance(data__executionmode, str) and data__executionmode == 'LIVE'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".execution_mode must be one of ['PAPER', 'LIVE']")
        if "account_id" in data_keys:
            data_keys.remove("account_id")
            data__accountid = data["account_id"]
            if not isinstance(data__accountid, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".account_id must be string")
            if isinstance(data__accountid, str):
                data__accountid_len = len(data__accountid)
                if data__accountid_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".account_id must be longer than or equal to 1 characters")
                if data__accountid_len > 200:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".account_id must be shorter than or equal to 200 characters")
        if "starting_balance" in data_keys:
            data_keys.remove("starting_balance")
            data__startingbalance = data["starting_balance"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_amount(data__startingbalance, custom_formats, (name_prefix or "data") + ".starting_balance")
        if "cash_flows" in data_keys:
            data_keys.remove("cash_flows")
            data__cashflows = data["cash_flows"]
            if not isinstance(data__cashflows, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".cash_flows must be array")
            data__cashflows_is_list = isinstance(data__cashflows, (list, tuple))
            if data__cashflows_is_list:
                data__cashflows_len = len(data__cashflows)
                if data__cashflows_len > 10000:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".cash_flows must contain less than or equal to 10000 items")
                for data__cashflows_x, data__cashflows_item in enumerate(data__cashflows):
                    validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_cashflow(data__cashflows_item, custom_formats, (name_prefix or "data") + ".cash_flows[{data__cashflows_x}]".format(data__cashflows_x=data__cashflows_x))
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_cashflow(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['date', 'amount']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "date" in data_keys:
            data_keys.remove("date")
            data__date = data["date"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_date(data__date, custom_formats, (name_prefix or "data") + ".date")
        if "amount" in data_keys:
            data_keys.remove("amount")
            data__amount = data["amount"]
            validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_amount(data__amount, custom_formats, (name_prefix or "data") + ".amount")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_amount(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (int, float, Decimal, str)) or isinstance(data, bool):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be number or string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^-?[0-9]{1,30}(\\.[0-9]{1,12})?$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^-?[0-9]{1,30}(\\.[0-9]{1,12})?$")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_nonpositivemoney(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (int, float, Decimal)) or isinstance(data, bool):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be number")
    if isinstance(data, (int, float, Decimal)) and not isinstance(data, bool):
        if data > 0:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be smaller than or equal to 0")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_nonnegative(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (int, float, Decimal)) or isinstance(data, bool):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be number")
    if isinstance(data, (int, float, Decimal)) and not isinstance(data, bool):
        if data < 0:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be bigger than or equal to 0")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_money(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (int, float, Decimal)) or isinstance(data, bool):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be number")
    return data

def validate_https___trading_bot_local_specs_dashboard_targets_schema_json___defs_percent(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (int, float, Decimal)) or isinstance(data, bool):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be number")
    if isinstance(data, (int, float, Decimal)) and not isinstance(data, bool):
        if data < 0:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be bigger than or equal to 0")
        if data > 100:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be smaller than or equal to 100")
    return data

validate = validate_https___trading_bot_local_specs_dashboard_targets_schema_json
