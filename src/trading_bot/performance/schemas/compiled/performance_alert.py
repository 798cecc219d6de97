"""Generated from specs/performance-alert.schema.json by ``python -m trading_bot.performance.tools.schema_codegen``; do not edit."""
# fmt: off
# flake8: noqa
SCHEMA_SHA256 = "3e17658e1517f60210ea7d32683b11a06c5a5b87c876466a690a93831151cb5d"
VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[0-9a-f]{16}-[0-9]{8}T[0-9]{6}Z-[a-z_]+(-[1-9][0-9]*)?$': re.compile('^[0-9a-f]{16}-[0-9]{8}T[0-9]{6}Z-[a-z_]+(-[1-9][0-9]*)?\\Z'),
    '^(rolling-[1-9][0-9]*|day|daily|weekly|monthly|range|rolling)$': re.compile('^(rolling-[1-9][0-9]*|day|daily|weekly|monthly|range|rolling)\\Z'),
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$': re.compile('^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z\\Z'),
    '^-?[0-9]+(\\.[0-9]+)?$': re.compile('^-?[0-9]+(\\.[0-9]+)?\\Z'),
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': re.compile('^[0-9]{4}-[0-9]{2}-[0-9]{2}\\Z'),
    '^[0-9a-f]{16}$': re.compile('^[0-9a-f]{16}\\Z')
}

NoneType = type(None)

def validate_https___trading_bot_local_specs_performance_alert_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['schema_version', 'id', 'fingerprint', 'rule', 'metric', 'window', 'period', 'period_start', 'period_end', 'scope', 'actual', 'target', 'unit', 'severity', 'status', 'reason', 'message', 'raised_at', 'firing_since', 'acknowledged_at', 'sample_trades']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "schema_version" in data_keys:
            data_keys.remove("schema_version")
            data__schemaversion = data["schema_version"]
            if not (isinstance(data__schemaversion, (int, float)) and not isinstance(data__schemaversion, bool) and data__schemaversion == 1):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".schema_version must be one of [1]")
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            if not isinstance(data__id, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must be string")
            if isinstance(data__id, str):
                if not REGEX_PATTERNS['^[0-9a-f]{16}-[0-9]{8}T[0-9]{6}Z-[a-z_]+(-[1-9][0-9]*)?$'].search(data__id):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must match pattern ^[0-9a-f]{16}-[0-9]{8}T[0-9]{6}Z-[a-z_]+(-[1-9][0-9]*)?$")
        if "fingerprint" in data_keys:
            data_keys.remove("fingerprint")
            data__fingerprint = data["fingerprint"]
            validate_https___trading_bot_local_specs_performance_alert_schema_json___defs_fingerprint(data__fingerprint, custom_formats, (name_prefix or "data") + ".fingerprint")
        if "rule" in data_keys:
            data_keys.remove("rule")
            data__rule = data["rule"]
            if not isinstance(data__rule, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".rule must be string")
            if isinstance(data__rule, str):
                data__rule_len = len(data__rule)
                if data__rule_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".rule must be longer than or equal to 1 characters")
        if "metric" in data_keys:
            data_keys.remove("metric")
            data__metric = data["metric"]
            if not (isinstance(data__metric, str) and data__metric == 'win_rate' or isinstance(data__metric, str) and data__metric == 'avg_risk_reward' or isinstance(data__metric, str) and data__metric == 'avg_r_multiple' or isinstance(data__metric, str) and data__metric == 'expectancy' or isinstance(data__metric, str) and data__metric == 'profit_factor' or isinstance(data__metric, str) and data__metric == 'net_profit_loss' or isinstance(data__metric, str) and data__metric == 'max_drawdown' or isinstance(data__metric, str) and data__metric == 'max_consecutive_losses' or isinstance(data__metric, str) and data__metric == 'daily_pl' or isinstance(data__metric, str) and data__metric == 'trades_per_day' or isinstance(data__metric, str) and data__metric == 'missing_log_file' or isinstance(data__metric, str) and data__metric == 'stale_log' or isinstance(data__metric, str) and data__metric == 'bad_line_rate' or isinstance(data__metric, str) and data__metric == 'stale_positions'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".metric must be one of ['win_rate', 'avg_risk_reward', 'avg_r_multiple', 'expectancy', 'profit_factor', 'net_profit_loss', 'max_drawdown', 'max_consecutive_losses', 'daily_pl', 'trades_per_day', 'missing_log_file', 'stale_log', 'bad_line_rate', 'stale_positions']")
        if "window" in data_keys:
            data_keys.remove("window")
            data__window = data["window"]
            if not isinstance(data__window, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".window must be string")
            if isinstance(data__window, str):
                if not REGEX_PATTERNS['^(rolling-[1-9][0-9]*|day|daily|weekly|monthly|range|rolling)$'].search(data__window):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".window must match pattern ^(rolling-[1-9][0-9]*|day|daily|weekly|monthly|range|rolling)$")
        if "period" in data_keys:
            data_keys.remove("period")
            data__period = data["period"]
            if not isinstance(data__period, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".period must be string")
            if isinstance(data__period, str):
                data__period_len = len(data__period)
                if data__period_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".period must be longer than or equal to 1 characters")
        if "period_start" in data_keys:
            data_keys.remove("period_start")
            data__periodstart = data["period_start"]
            data__periodstart_one_of_count1 = 0
            if data__periodstart_one_of_count1 < 2:
                try:
                    if not isinstance(data__periodstart, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".period_start must be null")
                    data__periodstart_one_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__periodstart_one_of_count1 < 2:
                try:
                    validate_https___trading_bot_local_specs_performance_alert_schema_json___defs_date(data__periodstart, custom_formats, (name_prefix or "data") + ".period_start")
                    data__periodstart_one_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__periodstart_one_of_count1 != 1:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".period_start must be valid exactly by one definition")
        if "period_end" in data_keys:
            data_keys.remove("period_end")
            data__periodend = data["period_end"]
            data__periodend_one_of_count2 = 0
            if data__periodend_one_of_count2 < 2:
                try:
                    if not isinstance(data__periodend, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".period_end must be null")
                    data__periodend_one_of_count2 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__periodend_one_of_count2 < 2:
                try:
                    validate_https___trading_bot_local_specs_performance_alert_schema_json___defs_date(data__periodend, custom_formats, (name_prefix or "data") + ".period_end")
                    data__periodend_one_of_count2 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__periodend_one_of_count2 != 1:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".period_end must be valid exactly by one definition")
        if "scope" in data_keys:
            data_keys.remove("scope")
            data__scope = data["scope"]
            if not isinstance(data__scope, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".scope must be object")
            data__scope_is_dict = isinstance(data__scope, dict)
            if data__scope_is_dict:
                data__scope_keys = set(data__scope.keys())
                if "strategy_name" in data__scope_keys:
                    data__scope_keys.remove("strategy_name")
                    data__scope__strategyname = data__scope["strategy_name"]
                    if not isinstance(data__scope__strategyname, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scope.strategy_name must be string")
                    if isinstance(data__scope__strategyname, str):
                        data__scope__strategyname_len = len(data__scope__strategyname)
                        if data__scope__strategyname_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".scope.strategy_name must be longer than or equal to 1 characters")
                if "execution_mode" in data__scope_keys:
                    data__scope_keys.remove("execution_mode")
                    data__scope__executionmode = data__scope["execution_mode"]
                    if not (isinstance(data__scope__executionmode, str) and data__scope__executionmode == 'PAPER' or isinstance(data__scope__executionmode, str) and data__scope__executionmode == 'LIVE'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scope.execution_mode must be one of ['PAPER', 'LIVE']")
                if data__scope_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".scope must not contain "+str(data__scope_keys)+" properties")
        if "actual" in data_keys:
            data_keys.remove("actual")
            data__actual = data["actual"]
            data__actual_one_of_count3 = 0
            if data__actual_one_of_count3 < 2:
                try:
                    if not isinstance(data__actual, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".actual must be null")
                    data__actual_one_of_count3 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__actual_one_of_count3 < 2:
                try:
                    validate_https___trading_bot_local_specs_performance_alert_schema_json___defs_decimal(data__actual, custom_formats, (name_prefix or "data") + ".actual")
                    data__actual_one_of_count3 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__actual_one_of_count3 != 1:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".actual must be valid exactly by one definition")
        if "target" in data_keys:
            data_keys.remove("target")
            data__target = data["target"]
            validate_https___trading_bot_local_specs_performance_alert_schema_json___defs_decimal(data__target, custom_formats, (name_prefix or "data") + ".target")
        if "unit" in data_keys:
            data_keys.remove("unit")
            data__unit = data["unit"]
            if not (isinstance(data__unit, str) and data__unit == 'fraction' or isinstance(data__unit, str) and data__unit == 'money' or isinstance(data__unit, str) and data__unit == 'ratio' or isinstance(data__unit, str) and data__unit == 'count' or isinstance(data__unit, str) and data__unit == 'seconds'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".unit must be one of ['fraction', 'money', 'ratio', 'count', 'seconds']")
        if "severity" in data_keys:
            data_keys.remove("severity")
            data__severity = data["severity"]
            if not (isinstance(data__severity, str) and data__severity == 'WARN' or isinstance(data__severity, str) and data__severity == 'CRITICAL'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".severity must be one of ['WARN', 'CRITICAL']")
        if "status" in data_keys:
            data_keys.remove("status")
            data__status = data["status"]
            if not (isinstance(data__status, str) and data__status == 'firing' or isinstance(data__status, str) and data__status == 'resolved'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be one of ['firing', 'resolved']")
        if "reason" in data_keys:
            data_keys.remove("reason")
            data__reason = data["reason"]
            if not (isinstance(data__reason, str) and data__reason == 'first' or isinstance(data__reason, str) and data__reason == 'escalated' or isinstance(data__reason, str) and data__reason == 'repeat_interval_elapsed' or isinstance(data__reason, str) and data__reason == 'resolved' or isinstance(data__reason, str) and data__reason == 'acknowledged'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reason must be one of ['first', 'escalated', 'repeat_interval_elapsed', 'resolved', 'acknowledged']")
        if "message" in data_keys:
            data_keys.remove("message")
            data__message = data["message"]
            if not isinstance(data__message, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".message must be string")
            if isinstance(data__message, str):
                data__message_len = len(data__message)
                if data__message_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".message must be longer than or equal to 1 characters")
        if "raised_at" in data_keys:
            data_keys.remove("raised_at")
            data__raisedat = data["raised_at"]
            validate_https___trading_bot_local_specs_performance_alert_schema_json___defs_instant(data__raisedat, custom_formats, (name_prefix or "data") + ".raised_at")
        if "firing_since" in data_keys:
            data_keys.remove("firing_since")
            data__firingsince = data["firing_since"]
            validate_https___trading_bot_local_specs_performance_alert_schema_json___defs_instant(data__firingsince, custom_formats, (name_prefix or "data") + ".firing_since")
        if "acknowledged_at" in data_keys:
            data_keys.remove("acknowledged_at")
            data__acknowledgedat = data["acknowledged_at"]
            data__acknowledgedat_one_of_count4 = 0
            if data__acknowledgedat_one_of_count4 < 2:
                try:
                    if not isinstance(data__acknowledgedat, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".acknowledged_at must be null")
                    data__acknowledgedat_one_of_count4 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__acknowledgedat_one_of_count4 < 2:
                try:
                    validate_https___trading_bot_local_specs_performance_alert_schema_json___defs_instant(data__acknowledgedat, custom_formats, (name_prefix or "data") + ".acknowledged_at")
                    data__acknowledgedat_one_of_count4 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__acknowledgedat_one_of_count4 != 1:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".acknowledged_at must be valid exactly by one definition")
        if "sample_trades" in data_keys:
            data_keys.remove("sample_trades")
            data__sampletrades = data["sample_trades"]
            data__sampletrades_one_of_count5 = 0
            if data__sampletrades_one_of_count5 < 2:
                try:
                    if not isinstance(data__sampletrades, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".sample_trades must be null")
                    data__sampletrades_one_of_count5 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__sampletrades_one_of_count5 < 2:
                try:
                    if not isinstance(data__sampletrades, (int)) and not (isinstance(data__sampletrades, float) and data__sampletrades.is_integer()) or isinstance(data__sampletrades, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".sample_trades must be integer")
                    if isinstance(data__sampletrades, (int, float, Decimal)) and not isinstance(data__sampletrades, bool):
                        if data__sampletrades < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".sample_trades must be bigger than or equal to 0")
                    data__sampletrades_one_of_count5 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__sampletrades_one_of_count5 != 1:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sample_trades must be valid exactly by one definition")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___trading_bot_local_specs_performance_alert_schema_json___defs_instant(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$")
    return data

def validate_https___trading_bot_local_specs_performance_alert_schema_json___defs_decimal(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^-?[0-9]+(\\.[0-9]+)?$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^-?[0-9]+(\\.[0-9]+)?$")
    return data

def validate_https___trading_bot_local_specs_performance_alert_schema_json___defs_date(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9]{4}-[0-9]{2}-[0-9]{2}$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    return data

def validate_https___trading_bot_local_specs_performance_alert_schema_json___defs_fingerprint(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9a-f]{16}$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9a-f]{16}$")
    return data

validate = validate_https___trading_bot_local_specs_performance_alert_schema_json
