"""Generated from specs/performance-summary.schema.json by ``python -m trading_bot.performance.tools.schema_codegen``; do not edit."""
# fmt: off
# flake8: noqa
SCHEMA_SHA256 = "6109466ae5795c92970192d88fb104448ea664957fe0cbbbf09c600996e72330"
VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[0-9a-f]{16}$': re.compile('^[0-9a-f]{16}\\Z'),
    '^-?[0-9]+(\\.[0-9]+)?$': re.compile('^-?[0-9]+(\\.[0-9]+)?\\Z'),
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': re.compile('^[0-9]{4}-[0-9]{2}-[0-9]{2}\\Z'),
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$': re.compile('^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z\\Z')
}

NoneType = type(None)

def validate_https___trading_bot_local_specs_performance_summary_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['schema_version', 'generated_at', 'window', 'period', 'timezone', 'as_of', 'status', 'empty_reason', 'metrics', 'null_reasons', 'largest_win', 'largest_loss', 'streaks', 'drawdown', 'daily', 'best_day', 'worst_day', 'open_positions', 'open_positions_summary', 'breakdowns', 'group_by', 'data_quality', 'account', 'drawdown_episodes']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "schema_version" in data_keys:
            data_keys.remove("schema_version")
            data__schemaversion = data["schema_version"]
            if not (isinstance(data__schemaversion, (int, float)) and not isinstance(data__schemaversion, bool) and data__schemaversion == 1):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".schema_version must be one of [1]")
        if "generated_at" in data_keys:
            data_keys.remove("generated_at")
            data__generatedat = data["generated_at"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_instant(data__generatedat, custom_formats, (name_prefix or "data") + ".generated_at")
        if "window" in data_keys:
            data_keys.remove("window")
            data__window = data["window"]
            if not (isinstance(data__window, str) and data__window == 'daily' or isinstance(data__window, str) and data__window == 'weekly' or isinstance(data__window, str) and data__window == 'monthly' or isinstance(data__window, str) and data__window == 'range' or isinstance(data__window, str) and data__window == 'rolling'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".window must be one of ['daily', 'weekly', 'monthly', 'range', 'rolling']")
        if "period" in data_keys:
            data_keys.remove("period")
            data__period = data["period"]
            if not isinstance(data__period, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".period must be object")
            data__period_is_dict = isinstance(data__period, dict)
            if data__period_is_dict:
                data__period__missing_keys = set(['label', 'start', 'end', 'complete', 'trades_requested']) - data__period.keys()
                if data__period__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".period must contain ")
                data__period_keys = set(data__period.keys())
                if "label" in data__period_keys:
                    data__period_keys.remove("label")
                    data__period__label = data__period["label"]
                    if not isinstance(data__period__label, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".period.label must be string")
                if "start" in data__period_keys:
                    data__period_keys.remove("start")
                    data__period__start = data__period["start"]
                    data__period__start_one_of_count1 = 0
                    if data__period__start_one_of_count1 < 2:
                        try:
                            if not isinstance(data__period__start, (NoneType)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".period.start must be null")
                            data__period__start_one_of_count1 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if data__period__start_one_of_count1 < 2:
                        try:
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_date(data__period__start, custom_formats, (name_prefix or "data") + ".period.start")
                            data__period__start_one_of_count1 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if data__period__start_one_of_count1 != 1:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".period.start must be valid exactly by one definition")
                if "end" in data__period_keys:
                    data__period_keys.remove("end")
                    data__period__end = data__period["end"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_date(data__period__end, custom_formats, (name_prefix or "data") + ".period.end")
                if "complete" in data__period_keys:
                    data__period_keys.remove("complete")
                    data__period__complete = data__period["complete"]
                    if not isinstance(data__period__complete, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".period.complete must be boolean")
                if "trades_requested" in data__period_keys:
                    data__period_keys.remove("trades_requested")
                    data__period__tradesrequested = data__period["trades_requested"]
                    data__period__tradesrequested_one_of_count2 = 0
                    if data__period__tradesrequested_one_of_count2 < 2:
                        try:
                            if not isinstance(data__period__tradesrequested, (NoneType)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".period.trades_requested must be null")
                            data__period__tradesrequested_one_of_count2 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if data__period__tradesrequested_one_of_count2 < 2:
                        try:
                            if not isinstance(data__period__tradesrequested, (int)) and not (isinstance(data__period__tradesrequested, float) and data__period__tradesrequested.is_integer()) or isinstance(data__period__tradesrequested, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".period.trades_requested must be integer")
                            if isinstance(data__period__tradesrequested, (int, float, Decimal)) and not isinstance(data__period__tradesrequested, bool):
                                if data__period__tradesrequested < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".period.trades_requested must be bigger than or equal to 1")
                            data__period__tradesrequested_one_of_count2 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if data__period__tradesrequested_one_of_count2 != 1:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".period.trades_requested must be valid exactly by one definition")
                if data__period_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".period must not contain "+str(data__period_keys)+" properties")
        if "timezone" in data_keys:
            data_keys.remove("timezone")
            data__timezone = data["timezone"]
            if not isinstance(data__timezone, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".timezone must be string")
            if isinstance(data__timezone, str):
                data__timezone_len = len(data__timezone)
                if data__timezone_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".timezone must be longer than or equal to 1 characters")
        if "as_of" in data_keys:
            data_keys.remove("as_of")
            data__asof = data["as_of"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_instant(data__asof, custom_formats, (name_prefix or "data") + ".as_of")
        if "status" in data_keys:
            data_keys.remove("status")
            data__status = data["status"]
            if not (isinstance(data__status, str) and data__status == 'ok' or isinstance(data__status, str) and data__status == 'empty'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be one of ['ok', 'empty']")
        if "empty_reason" in data_keys:
            data_keys.remove("empty_reason")
            data__emptyreason = data["empty_reason"]
            data__emptyreason_one_of_count3 = 0
            if data__emptyreason_one_of_count3 < 2:
                try:
                    if not isinstance(data__emptyreason, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".empty_reason must be null")
                    data__emptyreason_one_of_count3 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__emptyreason_one_of_count3 < 2:
                try:
                    if not isinstance(data__emptyreason, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".empty_reason must be object")
                    data__emptyreason_is_dict = isinstance(data__emptyreason, dict)
                    if data__emptyreason_is_dict:
                        data__emptyreason__missing_keys = set(['code', 'message', 'hint']) - data__emptyreason.keys()
                        if data__emptyreason__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".empty_reason must contain ")
                        data__emptyreason_keys = set(data__emptyreason.keys())
                        if "code" in data__emptyreason_keys:
                            data__emptyreason_keys.remove("code")
                            data__emptyreason__code = data__emptyreason["code"]
                            if not (isinstance(data__emptyreason__code, str) and data__emptyreason__code == 'no_log_files' or isinstance(data__emptyreason__code, str) and data__emptyreason__code == 'all_lines_invalid' or isinstance(data__emptyreason__code, str) and data__emptyreason__code == 'no_lines' or isinstance(data__emptyreason__code, str) and data__emptyreason__code == 'timezone_shift' or isinstance(data__emptyreason__code, str) and data__emptyreason__code == 'only_open_trades' or isinstance(data__emptyreason__code, str) and data__emptyreason__code == 'no_closed_trades' or isinstance(data__emptyreason__code, str) and data__emptyreason__code == 'filtered_out'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".empty_reason.code must be one of ['no_log_files', 'all_lines_invalid', 'no_lines', 'timezone_shift', 'only_open_trades', 'no_closed_trades', 'filtered_out']")
                        if "message" in data__emptyreason_keys:
                            data__emptyreason_keys.remove("message")
                            data__emptyreason__message = data__emptyreason["message"]
                            if not isinstance(data__emptyreason__message, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".empty_reason.message must be string")
                            if isinstance(data__emptyreason__message, str):
                                data__emptyreason__message_len = len(data__emptyreason__message)
                                if data__emptyreason__message_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".empty_reason.message must be longer than or equal to 1 characters")
                        if "hint" in data__emptyreason_keys:
                            data__emptyreason_keys.remove("hint")
                            data__emptyreason__hint = data__emptyreason["hint"]
                            if not isinstance(data__emptyreason__hint, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".empty_reason.hint must be string")
                            if isinstance(data__emptyreason__hint, str):
                                data__emptyreason__hint_len = len(data__emptyreason__hint)
                                if data__emptyreason__hint_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".empty_reason.hint must be longer than or equal to 1 characters")
                        if data__emptyreason_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".empty_reason must not contain "+str(data__emptyreason_keys)+" properties")
                    data__emptyreason_one_of_count3 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__emptyreason_one_of_count3 != 1:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".empty_reason must be valid exactly by one definition")
        if "metrics" in data_keys:
            data_keys.remove("metrics")
            data__metrics = data["metrics"]
            if not isinstance(data__metrics, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".metrics must be object")
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_corerow(data__metrics, custom_formats, (name_prefix or "data") + ".metrics")
            data__metrics_is_dict = isinstance(data__metrics, dict)
            if data__metrics_is_dict:
                data__metrics__missing_keys = set(['open_trades', 'trading_days', 'trades_per_day', 'max_drawdown', 'current_drawdown', 'longest_win_streak', 'longest_loss_streak', 'winning_days', 'losing_days']) - data__metrics.keys()
                if data__metrics__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".metrics must contain ")
                data__metrics_keys = set(data__metrics.keys())
                if "open_trades" in data__metrics_keys:
                    data__metrics_keys.remove("open_trades")
                    data__metrics__opentrades = data__metrics["open_trades"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__metrics__opentrades, custom_formats, (name_prefix or "data") + ".metrics.open_trades")
                if "trading_days" in data__metrics_keys:
                    data__metrics_keys.remove("trading_days")
                    data__metrics__tradingdays = data__metrics["trading_days"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__metrics__tradingdays, custom_formats, (name_prefix or "data") + ".metrics.trading_days")
                if "trades_per_day" in data__metrics_keys:
                    data__metrics_keys.remove("trades_per_day")
                    data__metrics__tradesperday = data__metrics["trades_per_day"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__metrics__tradesperday, custom_formats, (name_prefix or "data") + ".metrics.trades_per_day")
                if "max_drawdown" in data__metrics_keys:
                    data__metrics_keys.remove("max_drawdown")
                    data__metrics__maxdrawdown = data__metrics["max_drawdown"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__metrics__maxdrawdown, custom_formats, (name_prefix or "data") + ".metrics.max_drawdown")
                if "current_drawdown" in data__metrics_keys:
                    data__metrics_keys.remove("current_drawdown")
                    data__metrics__currentdrawdown = data__metrics["current_drawdown"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__metrics__currentdrawdown, custom_formats, (name_prefix or "data") + ".metrics.current_drawdown")
                if "longest_win_streak" in data__metrics_keys:
                    data__metrics_keys.remove("longest_win_streak")
                    data__metrics__longestwinstreak = data__metrics["longest_win_streak"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__metrics__longestwinstreak, custom_formats, (name_prefix or "data") + ".metrics.longest_win_streak")
                if "longest_loss_streak" in data__metrics_keys:
                    data__metrics_keys.remove("longest_loss_streak")
                    data__metrics__longestlossstreak = data__metrics["longest_loss_streak"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__metrics__longestlossstreak, custom_formats, (name_prefix or "data") + ".metrics.longest_loss_streak")
                if "winning_days" in data__metrics_keys:
                    data__metrics_keys.remove("winning_days")
                    data__metrics__winningdays = data__metrics["winning_days"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__metrics__winningdays, custom_formats, (name_prefix or "data") + ".metrics.winning_days")
                if "losing_days" in data__metrics_keys:
                    data__metrics_keys.remove("losing_days")
                    data__metrics__losingdays = data__metrics["losing_days"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__metrics__losingdays, custom_formats, (name_prefix or "data") + ".metrics.losing_days")
        if "null_reasons" in data_keys:
            data_keys.remove("null_reasons")
            data__nullreasons = data["null_reasons"]
            if not isinstance(data__nullreasons, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".null_reasons must be object")
            data__nullreasons_is_dict = isinstance(data__nullreasons, dict)
            if data__nullreasons_is_dict:
                data__nullreasons_keys = set(data__nullreasons.keys())
                for data__nullreasons_key in data__nullreasons_keys:
                    if data__nullreasons_key not in []:
                        data__nullreasons_value = data__nullreasons.get(data__nullreasons_key)
                        if not isinstance(data__nullreasons_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".null_reasons.{data__nullreasons_key}".format(data__nullreasons_key=data__nullreasons_key) + " must be string")
                        if isinstance(data__nullreasons_value, str):
                            data__nullreasons_value_len = len(data__nullreasons_value)
                            if data__nullreasons_value_len < 1:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".null_reasons.{data__nullreasons_key}".format(data__nullreasons_key=data__nullreasons_key) + " must be longer than or equal to 1 characters")
        if "largest_win" in data_keys:
            data_keys.remove("largest_win")
            data__largestwin = data["largest_win"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_extreme(data__largestwin, custom_formats, (name_prefix or "data") + ".largest_win")
        if "largest_loss" in data_keys:
            data_keys.remove("largest_loss")
            data__largestloss = data["largest_loss"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_extreme(data__largestloss, custom_formats, (name_prefix or "data") + ".largest_loss")
        if "streaks" in data_keys:
            data_keys.remove("streaks")
            data__streaks = data["streaks"]
            if not isinstance(data__streaks, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".streaks must be object")
            data__streaks_is_dict = isinstance(data__streaks, dict)
            if data__streaks_is_dict:
                data__streaks__missing_keys = set(['current', 'longest_win', 'longest_loss']) - data__streaks.keys()
                if data__streaks__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".streaks must contain ")
                data__streaks_keys = set(data__streaks.keys())
                if "current" in data__streaks_keys:
                    data__streaks_keys.remove("current")
                    data__streaks__current = data__streaks["current"]
                    data__streaks__current_one_of_count4 = 0
                    if data__streaks__current_one_of_count4 < 2:
                        try:
                            if not isinstance(data__streaks__current, (NoneType)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".streaks.current must be null")
                            data__streaks__current_one_of_count4 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if data__streaks__current_one_of_count4 < 2:
                        try:
                            if not isinstance(data__streaks__current, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".streaks.current must be object")
                            data__streaks__current_is_dict = isinstance(data__streaks__current, dict)
                            if data__streaks__current_is_dict:
                                data__streaks__current__missing_keys = set(['kind', 'length']) - data__streaks__current.keys()
                                if data__streaks__current__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".streaks.current must contain ")
                                data__streaks__current_keys = set(data__streaks__current.keys())
                                if "kind" in data__streaks__current_keys:
                                    data__streaks__current_keys.remove("kind")
                                    data__streaks__current__kind = data__streaks__current["kind"]
                                    if not (isinstance(data__streaks__current__kind, str) and data__streaks__current__kind == 'win' or isinstance(data__streaks__current__kind, str) and data__streaks__current__kind == 'loss' or isinstance(data__streaks__current__kind, str) and data__streaks__current__kind == 'breakeven'):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".streaks.current.kind must be one of ['win', 'loss', 'breakeven']")
                                if "length" in data__streaks__current_keys:
                                    data__streaks__current_keys.remove("length")
                                    data__streaks__current__length = data__streaks__current["length"]
                                    if not isinstance(data__streaks__current__length, (int)) and not (isinstance(data__streaks__current__length, float) and data__streaks__current__length.is_integer()) or isinstance(data__streaks__current__length, bool):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".streaks.current.length must be integer")
                                    if isinstance(data__streaks__current__length, (int, float, Decimal)) and not isinstance(data__streaks__current__length, bool):
                                        if data__streaks__current__length < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".streaks.current.length must be bigger than or equal to 1")
                                if data__streaks__current_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".streaks.current must not contain "+str(data__streaks__current_keys)+" properties")
                            data__streaks__current_one_of_count4 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if data__streaks__current_one_of_count4 != 1:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".streaks.current must be valid exactly by one definition")
                if "longest_win" in data__streaks_keys:
                    data__streaks_keys.remove("longest_win")
                    data__streaks__longestwin = data__streaks["longest_win"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__streaks__longestwin, custom_formats, (name_prefix or "data") + ".streaks.longest_win")
                if "longest_loss" in data__streaks_keys:
                    data__streaks_keys.remove("longest_loss")
                    data__streaks__longestloss = data__streaks["longest_loss"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__streaks__longestloss, custom_formats, (name_prefix or "data") + ".streaks.longest_loss")
                if data__streaks_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".streaks must not contain "+str(data__streaks_keys)+" properties")
        if "drawdown" in data_keys:
            data_keys.remove("drawdown")
            data__drawdown = data["drawdown"]
            if not isinstance(data__drawdown, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown must be object")
            data__drawdown_is_dict = isinstance(data__drawdown, dict)
            if data__drawdown_is_dict:
                data__drawdown__missing_keys = set(['max', 'peak_at', 'trough_at', 'current', 'basis']) - data__drawdown.keys()
                if data__drawdown__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown must contain ")
                data__drawdown_keys = set(data__drawdown.keys())
                if "max" in data__drawdown_keys:
                    data__drawdown_keys.remove("max")
                    data__drawdown__max = data__drawdown["max"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__drawdown__max, custom_formats, (name_prefix or "data") + ".drawdown.max")
                if "peak_at" in data__drawdown_keys:
                    data__drawdown_keys.remove("peak_at")
                    data__drawdown__peakat = data__drawdown["peak_at"]
                    data__drawdown__peakat_one_of_count5 = 0
                    if data__drawdown__peakat_one_of_count5 < 2:
                        try:
                            if not isinstance(data__drawdown__peakat, (NoneType)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown.peak_at must be null")
                            data__drawdown__peakat_one_of_count5 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if data__drawdown__peakat_one_of_count5 < 2:
                        try:
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_instant(data__drawdown__peakat, custom_formats, (name_prefix or "data") + ".drawdown.peak_at")
                            data__drawdown__peakat_one_of_count5 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if data__drawdown__peakat_one_of_count5 != 1:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown.peak_at must be valid exactly by one definition")
                if "trough_at" in data__drawdown_keys:
                    data__drawdown_keys.remove("trough_at")
                    data__drawdown__troughat = data__drawdown["trough_at"]
                    data__drawdown__troughat_one_of_count6 = 0
                    if data__drawdown__troughat_one_of_count6 < 2:
                        try:
                            if not isinstance(data__drawdown__troughat, (NoneType)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown.trough_at must be null")
                            data__drawdown__troughat_one_of_count6 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if data__drawdown__troughat_one_of_count6 < 2:
                        try:
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_instant(data__drawdown__troughat, custom_formats, (name_prefix or "data") + ".drawdown.trough_at")
                            data__drawdown__troughat_one_of_count6 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if data__drawdown__troughat_one_of_count6 != 1:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown.trough_at must be valid exactly by one definition")
                if "current" in data__drawdown_keys:
                    data__drawdown_keys.remove("current")
                    data__drawdown__current = data__drawdown["current"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__drawdown__current, custom_formats, (name_prefix or "data") + ".drawdown.current")
                if "basis" in data__drawdown_keys:
                    data__drawdown_keys.remove("basis")
                    data__drawdown__basis = data__drawdown["basis"]
                    if not isinstance(data__drawdown__basis, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown.basis must be string")
                if data__drawdown_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown must not contain "+str(data__drawdown_keys)+" properties")
        if "daily" in data_keys:
            data_keys.remove("daily")
            data__daily = data["daily"]
            if not isinstance(data__daily, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".daily must be array")
            data__daily_is_list = isinstance(data__daily, (list, tuple))
            if data__daily_is_list:
                data__daily_len = len(data__daily)
                for data__daily_x, data__daily_item in enumerate(data__daily):
                    if not isinstance(data__daily_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".daily[{data__daily_x}]".format(data__daily_x=data__daily_x) + " must be object")
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_corerow(data__daily_item, custom_formats, (name_prefix or "data") + ".daily[{data__daily_x}]".format(data__daily_x=data__daily_x))
                    data__daily_item_is_dict = isinstance(data__daily_item, dict)
                    if data__daily_item_is_dict:
                        data__daily_item__missing_keys = set(['date']) - data__daily_item.keys()
                        if data__daily_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".daily[{data__daily_x}]".format(data__daily_x=data__daily_x) + " must contain ")
                        data__daily_item_keys = set(data__daily_item.keys())
                        if "date" in data__daily_item_keys:
                            data__daily_item_keys.remove("date")
                            data__daily_item__date = data__daily_item["date"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_date(data__daily_item__date, custom_formats, (name_prefix or "data") + ".daily[{data__daily_x}].date".format(data__daily_x=data__daily_x))
        if "best_day" in data_keys:
            data_keys.remove("best_day")
            data__bestday = data["best_day"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_dayextreme(data__bestday, custom_formats, (name_prefix or "data") + ".best_day")
        if "worst_day" in data_keys:
            data_keys.remove("worst_day")
            data__worstday = data["worst_day"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_dayextreme(data__worstday, custom_formats, (name_prefix or "data") + ".worst_day")
        if "open_positions" in data_keys:
            data_keys.remove("open_positions")
            data__openpositions = data["open_positions"]
            if not isinstance(data__openpositions, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions must be array")
            data__openpositions_is_list = isinstance(data__openpositions, (list, tuple))
            if data__openpositions_is_list:
                data__openpositions_len = len(data__openpositions)
                for data__openpositions_x, data__openpositions_item in enumerate(data__openpositions):
                    if not isinstance(data__openpositions_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions[{data__openpositions_x}]".format(data__openpositions_x=data__openpositions_x) + " must be object")
                    data__openpositions_item_is_dict = isinstance(data__openpositions_item, dict)
                    if data__openpositions_item_is_dict:
                        data__openpositions_item__missing_keys = set(['order_id', 'symbol', 'side', 'quantity', 'price', 'strategy_name', 'execution_mode', 'entry_at', 'age_seconds', 'source', 'stale']) - data__openpositions_item.keys()
                        if data__openpositions_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions[{data__openpositions_x}]".format(data__openpositions_x=data__openpositions_x) + " must contain ")
                        data__openpositions_item_keys = set(data__openpositions_item.keys())
                        if "order_id" in data__openpositions_item_keys:
                            data__openpositions_item_keys.remove("order_id")
                            data__openpositions_item__orderid = data__openpositions_item["order_id"]
                            if not isinstance(data__openpositions_item__orderid, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions[{data__openpositions_x}].order_id".format(data__openpositions_x=data__openpositions_x) + " must be string")
                        if "symbol" in data__openpositions_item_keys:
                            data__openpositions_item_keys.remove("symbol")
                            data__openpositions_item__symbol = data__openpositions_item["symbol"]
                            if not isinstance(data__openpositions_item__symbol, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions[{data__openpositions_x}].symbol".format(data__openpositions_x=data__openpositions_x) + " must be string")
                        if "side" in data__openpositions_item_keys:
                            data__openpositions_item_keys.remove("side")
                            data__openpositions_item__side = data__openpositions_item["side"]
                            if not (isinstance(data__openpositions_item__side, str) and data__openpositions_item__side == 'long' or isinstance(data__openpositions_item__side, str) and data__openpositions_item__side == 'short'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions[{data__openpositions_x}].side".format(data__openpositions_x=data__openpositions_x) + " must be one of ['long', 'short']")
                        if "quantity" in data__openpositions_item_keys:
                            data__openpositions_item_keys.remove("quantity")
                            data__openpositions_item__quantity = data__openpositions_item["quantity"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__openpositions_item__quantity, custom_formats, (name_prefix or "data") + ".open_positions[{data__openpositions_x}].quantity".format(data__openpositions_x=data__openpositions_x))
                        if "price" in data__openpositions_item_keys:
                            data__openpositions_item_keys.remove("price")
                            data__openpositions_item__price = data__openpositions_item["price"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__openpositions_item__price, custom_formats, (name_prefix or "data") + ".open_positions[{data__openpositions_x}].price".format(data__openpositions_x=data__openpositions_x))
                        if "strategy_name" in data__openpositions_item_keys:
                            data__openpositions_item_keys.remove("strategy_name")
                            data__openpositions_item__strategyname = data__openpositions_item["strategy_name"]
                            if not isinstance(data__openpositions_item__strategyname, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions[{data__openpositions_x}].strategy_name".format(data__openpositions_x=data__openpositions_x) + " must be string")
                        if "execution_mode" in data__openpositions_item_keys:
                            data__openpositions_item_keys.remove("execution_mode")
                            data__openpositions_item__executionmode = data__openpositions_item["execution_mode"]
                            if not (isinstance(data__openpositions_item__executionmode, str) and data__openpositions_item__executionmode == 'PAPER' or isinstance(data__openpositions_item__executionmode, str) and data__openpositions_item__executionmode == 'LIVE'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions[{data__openpositions_x}].execution_mode".format(data__openpositions_x=data__openpositions_x) + " must be one of ['PAPER', 'LIVE']")
                        if "entry_at" in data__openpositions_item_keys:
                            data__openpositions_item_keys.remove("entry_at")
                            data__openpositions_item__entryat = data__openpositions_item["entry_at"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_instant(data__openpositions_item__entryat, custom_formats, (name_prefix or "data") + ".open_positions[{data__openpositions_x}].entry_at".format(data__openpositions_x=data__openpositions_x))
                        if "age_seconds" in data__openpositions_item_keys:
                            data__openpositions_item_keys.remove("age_seconds")
                            data__openpositions_item__ageseconds = data__openpositions_item["age_seconds"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__openpositions_item__ageseconds, custom_formats, (name_prefix or "data") + ".open_positions[{data__openpositions_x}].age_seconds".format(data__openpositions_x=data__openpositions_x))
                        if "source" in data__openpositions_item_keys:
                            data__openpositions_item_keys.remove("source")
                            data__openpositions_item__source = data__openpositions_item["source"]
                            if not isinstance(data__openpositions_item__source, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions[{data__openpositions_x}].source".format(data__openpositions_x=data__openpositions_x) + " must be string")
                        if "stale" in data__openpositions_item_keys:
                            data__openpositions_item_keys.remove("stale")
                            data__openpositions_item__stale = data__openpositions_item["stale"]
                            if not isinstance(data__openpositions_item__stale, (bool)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions[{data__openpositions_x}].stale".format(data__openpositions_x=data__openpositions_x) + " must be boolean")
                        if "account_id" in data__openpositions_item_keys:
                            data__openpositions_item_keys.remove("account_id")
                            data__openpositions_item__accountid = data__openpositions_item["account_id"]
                            if not isinstance(data__openpositions_item__accountid, (str, NoneType)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions[{data__openpositions_x}].account_id".format(data__openpositions_x=data__openpositions_x) + " must be string or null")
                        if "fills" in data__openpositions_item_keys:
                            data__openpositions_item_keys.remove("fills")
                            data__openpositions_item__fills = data__openpositions_item["fills"]
                            if not isinstance(data__openpositions_item__fills, (int)) and not (isinstance(data__openpositions_item__fills, float) and data__openpositions_item__fills.is_integer()) or isinstance(data__openpositions_item__fills, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions[{data__openpositions_x}].fills".format(data__openpositions_x=data__openpositions_x) + " must be integer")
                            if isinstance(data__openpositions_item__fills, (int, float, Decimal)) and not isinstance(data__openpositions_item__fills, bool):
                                if data__openpositions_item__fills < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions[{data__openpositions_x}].fills".format(data__openpositions_x=data__openpositions_x) + " must be bigger than or equal to 1")
                        if "mark" in data__openpositions_item_keys:
                            data__openpositions_item_keys.remove("mark")
                            data__openpositions_item__mark = data__openpositions_item["mark"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__openpositions_item__mark, custom_formats, (name_prefix or "data") + ".open_positions[{data__openpositions_x}].mark".format(data__openpositions_x=data__openpositions_x))
                        if "unrealized_profit_loss" in data__openpositions_item_keys:
                            data__openpositions_item_keys.remove("unrealized_profit_loss")
                            data__openpositions_item__unrealizedprofitloss = data__openpositions_item["unrealized_profit_loss"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__openpositions_item__unrealizedprofitloss, custom_formats, (name_prefix or "data") + ".open_positions[{data__openpositions_x}].unrealized_profit_loss".format(data__openpositions_x=data__openpositions_x))
                        if data__openpositions_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions[{data__openpositions_x}]".format(data__openpositions_x=data__openpositions_x) + " must not contain "+str(data__openpositions_item_keys)+" properties")
        if "open_positions_summary" in data_keys:
            data_keys.remove("open_positions_summary")
            data__openpositionssummary = data["open_positions_summary"]
            if not isinstance(data__openpositionssummary, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions_summary must be object")
            data__openpositionssummary_is_dict = isinstance(data__openpositionssummary, dict)
            if data__openpositionssummary_is_dict:
                data__openpositionssummary__missing_keys = set(['count', 'exposure', 'stale', 'stale_after_seconds', 'listed', 'not_listed', 'by_age']) - data__openpositionssummary.keys()
                if data__openpositionssummary__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions_summary must contain ")
                data__openpositionssummary_keys = set(data__openpositionssummary.keys())
                if "count" in data__openpositionssummary_keys:
                    data__openpositionssummary_keys.remove("count")
                    data__openpositionssummary__count = data__openpositionssummary["count"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__openpositionssummary__count, custom_formats, (name_prefix or "data") + ".open_positions_summary.count")
                if "exposure" in data__openpositionssummary_keys:
                    data__openpositionssummary_keys.remove("exposure")
                    data__openpositionssummary__exposure = data__openpositionssummary["exposure"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__openpositionssummary__exposure, custom_formats, (name_prefix or "data") + ".open_positions_summary.exposure")
                if "stale" in data__openpositionssummary_keys:
                    data__openpositionssummary_keys.remove("stale")
                    data__openpositionssummary__stale = data__openpositionssummary["stale"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__openpositionssummary__stale, custom_formats, (name_prefix or "data") + ".open_positions_summary.stale")
                if "stale_after_seconds" in data__openpositionssummary_keys:
                    data__openpositionssummary_keys.remove("stale_after_seconds")
                    data__openpositionssummary__staleafterseconds = data__openpositionssummary["stale_after_seconds"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__openpositionssummary__staleafterseconds, custom_formats, (name_prefix or "data") + ".open_positions_summary.stale_after_seconds")
                if "listed" in data__openpositionssummary_keys:
                    data__openpositionssummary_keys.remove("listed")
                    data__openpositionssummary__listed = data__openpositionssummary["listed"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__openpositionssummary__listed, custom_formats, (name_prefix or "data") + ".open_positions_summary.listed")
                if "not_listed" in data__openpositionssummary_keys:
                    data__openpositionssummary_keys.remove("not_listed")
                    data__openpositionssummary__notlisted = data__openpositionssummary["not_listed"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__openpositionssummary__notlisted, custom_formats, (name_prefix or "data") + ".open_positions_summary.not_listed")
                if "by_age" in data__openpositionssummary_keys:
                    data__openpositionssummary_keys.remove("by_age")
                    data__openpositionssummary__byage = data__openpositionssummary["by_age"]
                    if not isinstance(data__openpositionssummary__byage, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions_summary.by_age must be array")
                    data__openpositionssummary__byage_is_list = isinstance(data__openpositionssummary__byage, (list, tuple))
                    if data__openpositionssummary__byage_is_list:
                        data__openpositionssummary__byage_len = len(data__openpositionssummary__byage)
                        for data__openpositionssummary__byage_x, data__openpositionssummary__byage_item in enumerate(data__openpositionssummary__byage):
                            if not isinstance(data__openpositionssummary__byage_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions_summary.by_age[{data__openpositionssummary__byage_x}]".format(data__openpositionssummary__byage_x=data__openpositionssummary__byage_x) + " must be object")
                            data__openpositionssummary__byage_item_is_dict = isinstance(data__openpositionssummary__byage_item, dict)
                            if data__openpositionssummary__byage_item_is_dict:
                                data__openpositionssummary__byage_item__missing_keys = set(['age', 'count']) - data__openpositionssummary__byage_item.keys()
                                if data__openpositionssummary__byage_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions_summary.by_age[{data__openpositionssummary__byage_x}]".format(data__openpositionssummary__byage_x=data__openpositionssummary__byage_x) + " must contain ")
                                data__openpositionssummary__byage_item_keys = set(data__openpositionssummary__byage_item.keys())
                                if "age" in data__openpositionssummary__byage_item_keys:
                                    data__openpositionssummary__byage_item_keys.remove("age")
                                    data__openpositionssummary__byage_item__age = data__openpositionssummary__byage_item["age"]
                                    if not isinstance(data__openpositionssummary__byage_item__age, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions_summary.by_age[{data__openpositionssummary__byage_x}].age".format(data__openpositionssummary__byage_x=data__openpositionssummary__byage_x) + " must be string")
                                if "count" in data__openpositionssummary__byage_item_keys:
                                    data__openpositionssummary__byage_item_keys.remove("count")
                                    data__openpositionssummary__byage_item__count = data__openpositionssummary__byage_item["count"]
                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__openpositionssummary__byage_item__count, custom_formats, (name_prefix or "data") + ".open_positions_summary.by_age[{data__openpositionssummary__byage_x}].count".format(data__openpositionssummary__byage_x=data__openpositionssummary__byage_x))
                                if data__openpositionssummary__byage_item_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions_summary.by_age[{data__openpositionssummary__byage_x}]".format(data__openpositionssummary__byage_x=data__openpositionssummary__byage_x) + " must not contain "+str(data__openpositionssummary__byage_item_keys)+" properties")
                if data__openpositionssummary_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".open_positions_summary must not contain "+str(data__openpositionssummary_keys)+" properties")
        if "breakdowns" in data_keys:
            data_keys.remove("breakdowns")
            data__breakdowns = data["breakdowns"]
            if not isinstance(data__breakdowns, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".breakdowns must be object")
            data__breakdowns_is_dict = isinstance(data__breakdowns, dict)
            if data__breakdowns_is_dict:
                data__breakdowns_keys = set(data__breakdowns.keys())
                for data__breakdowns_key in data__breakdowns_keys:
                    if data__breakdowns_key not in []:
                        data__breakdowns_value = data__breakdowns.get(data__breakdowns_key)
                        if not isinstance(data__breakdowns_value, (dict)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".breakdowns.{data__breakdowns_key}".format(data__breakdowns_key=data__breakdowns_key) + " must be object")
                        data__breakdowns_value_is_dict = isinstance(data__breakdowns_value, dict)
                        if data__breakdowns_value_is_dict:
                            data__breakdowns_value__missing_keys = set(['overlapping', 'rows', 'row_count', 'folded']) - data__breakdowns_value.keys()
                            if data__breakdowns_value__missing_keys:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".breakdowns.{data__breakdowns_key}".format(data__breakdowns_key=data__breakdowns_key) + " must contain ")
                            data__breakdowns_value_keys = set(data__breakdowns_value.keys())
                            if "overlapping" in data__breakdowns_value_keys:
                                data__breakdowns_value_keys.remove("overlapping")
                                data__breakdowns_value__overlapping = data__breakdowns_value["overlapping"]
                                if not isinstance(data__breakdowns_value__overlapping, (bool)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".breakdowns.{data__breakdowns_key}.overlapping".format(data__breakdowns_key=data__breakdowns_key) + " must be boolean")
                            if "row_count" in data__breakdowns_value_keys:
                                data__breakdowns_value_keys.remove("row_count")
                                data__breakdowns_value__rowcount = data__breakdowns_value["row_count"]
                                validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__breakdowns_value__rowcount, custom_formats, (name_prefix or "data") + ".breakdowns.{data__breakdowns_key}.row_count".format(data__breakdowns_key=data__breakdowns_key))
                            if "folded" in data__breakdowns_value_keys:
                                data__breakdowns_value_keys.remove("folded")
                                data__breakdowns_value__folded = data__breakdowns_value["folded"]
                                if not isinstance(data__breakdowns_value__folded, (dict, NoneType)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".breakdowns.{data__breakdowns_key}.folded".format(data__breakdowns_key=data__breakdowns_key) + " must be object or null")
                                data__breakdowns_value__folded_is_dict = isinstance(data__breakdowns_value__folded, dict)
                                if data__breakdowns_value__folded_is_dict:
                                    data__breakdowns_value__folded__missing_keys = set(['values', 'rule']) - data__breakdowns_value__folded.keys()
                                    if data__breakdowns_value__folded__missing_keys:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".breakdowns.{data__breakdowns_key}.folded".format(data__breakdowns_key=data__breakdowns_key) + " must contain ")
                                    data__breakdowns_value__folded_keys = set(data__breakdowns_value__folded.keys())
                                    if "values" in data__breakdowns_value__folded_keys:
                                        data__breakdowns_value__folded_keys.remove("values")
                                        data__breakdowns_value__folded__values = data__breakdowns_value__folded["values"]
                                        if not isinstance(data__breakdowns_value__folded__values, (int)) and not (isinstance(data__breakdowns_value__folded__values, float) and data__breakdowns_value__folded__values.is_integer()) or isinstance(data__breakdowns_value__folded__values, bool):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".breakdowns.{data__breakdowns_key}.folded.values".format(data__breakdowns_key=data__breakdowns_key) + " must be integer")
                                        if isinstance(data__breakdowns_value__folded__values, (int, float, Decimal)) and not isinstance(data__breakdowns_value__folded__values, bool):
                                            if data__breakdowns_value__folded__values < 1:
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".breakdowns.{data__breakdowns_key}.folded.values".format(data__breakdowns_key=data__breakdowns_key) + " must be bigger than or equal to 1")
                                    if "rule" in data__breakdowns_value__folded_keys:
                                        data__breakdowns_value__folded_keys.remove("rule")
                                        data__breakdowns_value__folded__rule = data__breakdowns_value__folded["rule"]
                                        if not isinstance(data__breakdowns_value__folded__rule, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".breakdowns.{data__breakdowns_key}.folded.rule".format(data__breakdowns_key=data__breakdowns_key) + " must be string")
                                    if data__breakdowns_value__folded_keys:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".breakdowns.{data__breakdowns_key}.folded".format(data__breakdowns_key=data__breakdowns_key) + " must not contain "+str(data__breakdowns_value__folded_keys)+" properties")
                            if "rows" in data__breakdowns_value_keys:
                                data__breakdowns_value_keys.remove("rows")
                                data__breakdowns_value__rows = data__breakdowns_value["rows"]
                                if not isinstance(data__breakdowns_value__rows, (list, tuple)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".breakdowns.{data__breakdowns_key}.rows".format(data__breakdowns_key=data__breakdowns_key) + " must be array")
                                data__breakdowns_value__rows_is_list = isinstance(data__breakdowns_value__rows, (list, tuple))
                                if data__breakdowns_value__rows_is_list:
                                    data__breakdowns_value__rows_len = len(data__breakdowns_value__rows)
                                    for data__breakdowns_value__rows_x, data__breakdowns_value__rows_item in enumerate(data__breakdowns_value__rows):
                                        if not isinstance(data__breakdowns_value__rows_item, (dict)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".breakdowns.{data__breakdowns_key}.rows[{data__breakdowns_value__rows_x}]".format(data__breakdowns_key=data__breakdowns_key, data__breakdowns_value__rows_x=data__breakdowns_value__rows_x) + " must be object")
                                        validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_corerow(data__breakdowns_value__rows_item, custom_formats, (name_prefix or "data") + ".breakdowns.{data__breakdowns_key}.rows[{data__breakdowns_value__rows_x}]".format(data__breakdowns_key=data__breakdowns_key, data__breakdowns_value__rows_x=data__breakdowns_value__rows_x))
                                        data__breakdowns_value__rows_item_is_dict = isinstance(data__breakdowns_value__rows_item, dict)
                                        if data__breakdowns_value__rows_item_is_dict:
                                            data__breakdowns_value__rows_item__missing_keys = set(['key']) - data__breakdowns_value__rows_item.keys()
                                            if data__breakdowns_value__rows_item__missing_keys:
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".breakdowns.{data__breakdowns_key}.rows[{data__breakdowns_value__rows_x}]".format(data__breakdowns_key=data__breakdowns_key, data__breakdowns_value__rows_x=data__breakdowns_value__rows_x) + " must contain ")
                                            data__breakdowns_value__rows_item_keys = set(data__breakdowns_value__rows_item.keys())
                                            if "key" in data__breakdowns_value__rows_item_keys:
                                                data__breakdowns_value__rows_item_keys.remove("key")
                                                data__breakdowns_value__rows_item__key = data__breakdowns_value__rows_item["key"]
                                                if not isinstance(data__breakdowns_value__rows_item__key, (str)):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".breakdowns.{data__breakdowns_key}.rows[{data__breakdowns_value__rows_x}].key".format(data__breakdowns_key=data__breakdowns_key, data__breakdowns_value__rows_x=data__breakdowns_value__rows_x) + " must be string")
                                            if "folded_values" in data__breakdowns_value__rows_item_keys:
                                                data__breakdowns_value__rows_item_keys.remove("folded_values")
                                                data__breakdowns_value__rows_item__foldedvalues = data__breakdowns_value__rows_item["folded_values"]
                                                if not isinstance(data__breakdowns_value__rows_item__foldedvalues, (int)) and not (isinstance(data__breakdowns_value__rows_item__foldedvalues, float) and data__breakdowns_value__rows_item__foldedvalues.is_integer()) or isinstance(data__breakdowns_value__rows_item__foldedvalues, bool):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".breakdowns.{data__breakdowns_key}.rows[{data__breakdowns_value__rows_x}].folded_values".format(data__breakdowns_key=data__breakdowns_key, data__breakdowns_value__rows_x=data__breakdowns_value__rows_x) + " must be integer")
                                                if isinstance(data__breakdowns_value__rows_item__foldedvalues, (int, float, Decimal)) and not isinstance(data__breakdowns_value__rows_item__foldedvalues, bool):
                                                    if data__breakdowns_value__rows_item__foldedvalues < 1:
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".breakdowns.{data__breakdowns_key}.rows[{data__breakdowns_value__rows_x}].folded_values".format(data__breakdowns_key=data__breakdowns_key, data__breakdowns_value__rows_x=data__breakdowns_value__rows_x) + " must be bigger than or equal to 1")
                            if data__breakdowns_value_keys:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".breakdowns.{data__breakdowns_key}".format(data__breakdowns_key=data__breakdowns_key) + " must not contain "+str(data__breakdowns_value_keys)+" properties")
        if "group_by" in data_keys:
            data_keys.remove("group_by")
            data__groupby = data["group_by"]
            if not isinstance(data__groupby, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".group_by must be array")
            data__groupby_is_list = isinstance(data__groupby, (list, tuple))
            if data__groupby_is_list:
                data__groupby_len = len(data__groupby)
                for data__groupby_x, data__groupby_item in enumerate(data__groupby):
                    if not isinstance(data__groupby_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".group_by[{data__groupby_x}]".format(data__groupby_x=data__groupby_x) + " must be string")
        if "data_quality" in data_keys:
            data_keys.remove("data_quality")
            data__dataquality = data["data_quality"]
            if not isinstance(data__dataquality, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_quality must be object")
            data__dataquality_is_dict = isinstance(data__dataquality, dict)
            if data__dataquality_is_dict:
                data__dataquality__missing_keys = set(['files_read', 'files_missing', 'files_skipped', 'lines_read', 'valid_lines', 'bad_lines', 'bad_line_examples', 'bad_lines_per_file', 'duplicates', 'duplicate_examples', 'superseded', 'reopened', 'reopened_examples', 'inconsistent', 'inconsistent_examples', 'misplaced', 'misplaced_examples', 'stale_positions']) - data__dataquality.keys()
                if data__dataquality__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_quality must contain ")
                data__dataquality_keys = set(data__dataquality.keys())
                if "files_read" in data__dataquality_keys:
                    data__dataquality_keys.remove("files_read")
                    data__dataquality__filesread = data__dataquality["files_read"]
                    if not isinstance(data__dataquality__filesread, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_quality.files_read must be array")
                    data__dataquality__filesread_is_list = isinstance(data__dataquality__filesread, (list, tuple))
                    if data__dataquality__filesread_is_list:
                        data__dataquality__filesread_len = len(data__dataquality__filesread)
                        for data__dataquality__filesread_x, data__dataquality__filesread_item in enumerate(data__dataquality__filesread):
                            if not isinstance(data__dataquality__filesread_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_quality.files_read[{data__dataquality__filesread_x}]".format(data__dataquality__filesread_x=data__dataquality__filesread_x) + " must be string")
                if "files_missing" in data__dataquality_keys:
                    data__dataquality_keys.remove("files_missing")
                    data__dataquality__filesmissing = data__dataquality["files_missing"]
                    if not isinstance(data__dataquality__filesmissing, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_quality.files_missing must be array")
                    data__dataquality__filesmissing_is_list = isinstance(data__dataquality__filesmissing, (list, tuple))
                    if data__dataquality__filesmissing_is_list:
                        data__dataquality__filesmissing_len = len(data__dataquality__filesmissing)
                        for data__dataquality__filesmissing_x, data__dataquality__filesmissing_item in enumerate(data__dataquality__filesmissing):
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_date(data__dataquality__filesmissing_item, custom_formats, (name_prefix or "data") + ".data_quality.files_missing[{data__dataquality__filesmissing_x}]".format(data__dataquality__filesmissing_x=data__dataquality__filesmissing_x))
                if "files_skipped" in data__dataquality_keys:
                    data__dataquality_keys.remove("files_skipped")
                    data__dataquality__filesskipped = data__dataquality["files_skipped"]
                    if not isinstance(data__dataquality__filesskipped, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_quality.files_skipped must be array")
                    data__dataquality__filesskipped_is_list = isinstance(data__dataquality__filesskipped, (list, tuple))
                    if data__dataquality__filesskipped_is_list:
                        data__dataquality__filesskipped_len = len(data__dataquality__filesskipped)
                        for data__dataquality__filesskipped_x, data__dataquality__filesskipped_item in enumerate(data__dataquality__filesskipped):
                            if not isinstance(data__dataquality__filesskipped_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_quality.files_skipped[{data__dataquality__filesskipped_x}]".format(data__dataquality__filesskipped_x=data__dataquality__filesskipped_x) + " must be string")
                if "lines_read" in data__dataquality_keys:
                    data__dataquality_keys.remove("lines_read")
                    data__dataquality__linesread = data__dataquality["lines_read"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__dataquality__linesread, custom_formats, (name_prefix or "data") + ".data_quality.lines_read")
                if "valid_lines" in data__dataquality_keys:
                    data__dataquality_keys.remove("valid_lines")
                    data__dataquality__validlines = data__dataquality["valid_lines"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__dataquality__validlines, custom_formats, (name_prefix or "data") + ".data_quality.valid_lines")
                if "bad_lines" in data__dataquality_keys:
                    data__dataquality_keys.remove("bad_lines")
                    data__dataquality__badlines = data__dataquality["bad_lines"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__dataquality__badlines, custom_formats, (name_prefix or "data") + ".data_quality.bad_lines")
                if "bad_line_examples" in data__dataquality_keys:
                    data__dataquality_keys.remove("bad_line_examples")
                    data__dataquality__badlineexamples = data__dataquality["bad_line_examples"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_examples(data__dataquality__badlineexamples, custom_formats, (name_prefix or "data") + ".data_quality.bad_line_examples")
                if "bad_lines_per_file" in data__dataquality_keys:
                    data__dataquality_keys.remove("bad_lines_per_file")
                    data__dataquality__badlinesperfile = data__dataquality["bad_lines_per_file"]
                    if not isinstance(data__dataquality__badlinesperfile, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_quality.bad_lines_per_file must be object")
                    data__dataquality__badlinesperfile_is_dict = isinstance(data__dataquality__badlinesperfile, dict)
                    if data__dataquality__badlinesperfile_is_dict:
                        data__dataquality__badlinesperfile_keys = set(data__dataquality__badlinesperfile.keys())
                        for data__dataquality__badlinesperfile_key in data__dataquality__badlinesperfile_keys:
                            if data__dataquality__badlinesperfile_key not in []:
                                data__dataquality__badlinesperfile_value = data__dataquality__badlinesperfile.get(data__dataquality__badlinesperfile_key)
                                if not isinstance(data__dataquality__badlinesperfile_value, (int)) and not (isinstance(data__dataquality__badlinesperfile_value, float) and data__dataquality__badlinesperfile_value.is_integer()) or isinstance(data__dataquality__badlinesperfile_value, bool):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_quality.bad_lines_per_file.{data__dataquality__badlinesperfile_key}".format(data__dataquality__badlinesperfile_key=data__dataquality__badlinesperfile_key) + " must be integer")
                                if isinstance(data__dataquality__badlinesperfile_value, (int, float, Decimal)) and not isinstance(data__dataquality__badlinesperfile_value, bool):
                                    if data__dataquality__badlinesperfile_value < 1:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_quality.bad_lines_per_file.{data__dataquality__badlinesperfile_key}".format(data__dataquality__badlinesperfile_key=data__dataquality__badlinesperfile_key) + " must be bigger than or equal to 1")
                if "duplicates" in data__dataquality_keys:
                    data__dataquality_keys.remove("duplicates")
                    data__dataquality__duplicates = data__dataquality["duplicates"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__dataquality__duplicates, custom_formats, (name_prefix or "data") + ".data_quality.duplicates")
                if "duplicate_examples" in data__dataquality_keys:
                    data__dataquality_keys.remove("duplicate_examples")
                    data__dataquality__duplicateexamples = data__dataquality["duplicate_examples"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_examples(data__dataquality__duplicateexamples, custom_formats, (name_prefix or "data") + ".data_quality.duplicate_examples")
                if "superseded" in data__dataquality_keys:
                    data__dataquality_keys.remove("superseded")
                    data__dataquality__superseded = data__dataquality["superseded"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__dataquality__superseded, custom_formats, (name_prefix or "data") + ".data_quality.superseded")
                if "reopened" in data__dataquality_keys:
                    data__dataquality_keys.remove("reopened")
                    data__dataquality__reopened = data__dataquality["reopened"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__dataquality__reopened, custom_formats, (name_prefix or "data") + ".data_quality.reopened")
                if "reopened_examples" in data__dataquality_keys:
                    data__dataquality_keys.remove("reopened_examples")
                    data__dataquality__reopenedexamples = data__dataquality["reopened_examples"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_examples(data__dataquality__reopenedexamples, custom_formats, (name_prefix or "data") + ".data_quality.reopened_examples")
                if "inconsistent" in data__dataquality_keys:
                    data__dataquality_keys.remove("inconsistent")
                    data__dataquality__inconsistent = data__dataquality["inconsistent"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__dataquality__inconsistent, custom_formats, (name_prefix or "data") + ".data_quality.inconsistent")
                if "inconsistent_examples" in data__dataquality_keys:
                    data__dataquality_keys.remove("inconsistent_examples")
                    data__dataquality__inconsistentexamples = data__dataquality["inconsistent_examples"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_examples(data__dataquality__inconsistentexamples, custom_formats, (name_prefix or "data") + ".data_quality.inconsistent_examples")
                if "misplaced" in data__dataquality_keys:
                    data__dataquality_keys.remove("misplaced")
                    data__dataquality__misplaced = data__dataquality["misplaced"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__dataquality__misplaced, custom_formats, (name_prefix or "data") + ".data_quality.misplaced")
                if "misplaced_examples" in data__dataquality_keys:
                    data__dataquality_keys.remove("misplaced_examples")
                    data__dataquality__misplacedexamples = data__dataquality["misplaced_examples"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_examples(data__dataquality__misplacedexamples, custom_formats, (name_prefix or "data") + ".data_quality.misplaced_examples")
                if "stale_positions" in data__dataquality_keys:
                    data__dataquality_keys.remove("stale_positions")
                    data__dataquality__stalepositions = data__dataquality["stale_positions"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__dataquality__stalepositions, custom_formats, (name_prefix or "data") + ".data_quality.stale_positions")
                if "out_of_order_fills" in data__dataquality_keys:
                    data__dataquality_keys.remove("out_of_order_fills")
                    data__dataquality__outoforderfills = data__dataquality["out_of_order_fills"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__dataquality__outoforderfills, custom_formats, (name_prefix or "data") + ".data_quality.out_of_order_fills")
                if "out_of_order_examples" in data__dataquality_keys:
                    data__dataquality_keys.remove("out_of_order_examples")
                    data__dataquality__outoforderexamples = data__dataquality["out_of_order_examples"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_examples(data__dataquality__outoforderexamples, custom_formats, (name_prefix or "data") + ".data_quality.out_of_order_examples")
                if "flipped_positions" in data__dataquality_keys:
                    data__dataquality_keys.remove("flipped_positions")
                    data__dataquality__flippedpositions = data__dataquality["flipped_positions"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__dataquality__flippedpositions, custom_formats, (name_prefix or "data") + ".data_quality.flipped_positions")
                if "flip_examples" in data__dataquality_keys:
                    data__dataquality_keys.remove("flip_examples")
                    data__dataquality__flipexamples = data__dataquality["flip_examples"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_examples(data__dataquality__flipexamples, custom_formats, (name_prefix or "data") + ".data_quality.flip_examples")
                if data__dataquality_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".data_quality must not contain "+str(data__dataquality_keys)+" properties")
        if "pairing" in data_keys:
            data_keys.remove("pairing")
            data__pairing = data["pairing"]
            if not isinstance(data__pairing, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".pairing must be object")
            data__pairing_is_dict = isinstance(data__pairing, dict)
            if data__pairing_is_dict:
                data__pairing__missing_keys = set(['mode', 'rule', 'executions', 'round_trips', 'open_positions', 'summary']) - data__pairing.keys()
                if data__pairing__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".pairing must contain ")
                data__pairing_keys = set(data__pairing.keys())
                if "mode" in data__pairing_keys:
                    data__pairing_keys.remove("mode")
                    data__pairing__mode = data__pairing["mode"]
                    if not (isinstance(data__pairing__mode, str) and data__pairing__mode == 'auto' or isinstance(data__pairing__mode, str) and data__pairing__mode == 'fifo'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".pairing.mode must be one of ['auto', 'fifo']")
                if "rule" in data__pairing_keys:
                    data__pairing_keys.remove("rule")
                    data__pairing__rule = data__pairing["rule"]
                    if not isinstance(data__pairing__rule, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".pairing.rule must be string")
                if "executions" in data__pairing_keys:
                    data__pairing_keys.remove("executions")
                    data__pairing__executions = data__pairing["executions"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__pairing__executions, custom_formats, (name_prefix or "data") + ".pairing.executions")
                if "round_trips" in data__pairing_keys:
                    data__pairing_keys.remove("round_trips")
                    data__pairing__roundtrips = data__pairing["round_trips"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__pairing__roundtrips, custom_formats, (name_prefix or "data") + ".pairing.round_trips")
                if "open_positions" in data__pairing_keys:
                    data__pairing_keys.remove("open_positions")
                    data__pairing__openpositions = data__pairing["open_positions"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__pairing__openpositions, custom_formats, (name_prefix or "data") + ".pairing.open_positions")
                if "summary" in data__pairing_keys:
                    data__pairing_keys.remove("summary")
                    data__pairing__summary = data__pairing["summary"]
                    if not isinstance(data__pairing__summary, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".pairing.summary must be string")
                if data__pairing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".pairing must not contain "+str(data__pairing_keys)+" properties")
        if "filters" in data_keys:
            data_keys.remove("filters")
            data__filters = data["filters"]
            if not isinstance(data__filters, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".filters must be object")
            data__filters_is_dict = isinstance(data__filters, dict)
            if data__filters_is_dict:
                data__filters__missing_keys = set(['where', 'excluded_trades', 'excluded_net_pnl', 'excluded_open_positions']) - data__filters.keys()
                if data__filters__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".filters must contain ")
                data__filters_keys = set(data__filters.keys())
                if "where" in data__filters_keys:
                    data__filters_keys.remove("where")
                    data__filters__where = data__filters["where"]
                    if not isinstance(data__filters__where, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".filters.where must be object")
                    data__filters__where_is_dict = isinstance(data__filters__where, dict)
                    if data__filters__where_is_dict:
                        data__filters__where_len = len(data__filters__where)
                        if data__filters__where_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".filters.where must contain at least 1 properties")
                        data__filters__where_keys = set(data__filters__where.keys())
                        for data__filters__where_key in data__filters__where_keys:
                            if data__filters__where_key not in []:
                                data__filters__where_value = data__filters__where.get(data__filters__where_key)
                                if not isinstance(data__filters__where_value, (list, tuple)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".filters.where.{data__filters__where_key}".format(data__filters__where_key=data__filters__where_key) + " must be array")
                                data__filters__where_value_is_list = isinstance(data__filters__where_value, (list, tuple))
                                if data__filters__where_value_is_list:
                                    data__filters__where_value_len = len(data__filters__where_value)
                                    if data__filters__where_value_len < 1:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".filters.where.{data__filters__where_key}".format(data__filters__where_key=data__filters__where_key) + " must contain at least 1 items")
                                    for data__filters__where_value_x, data__filters__where_value_item in enumerate(data__filters__where_value):
                                        if not isinstance(data__filters__where_value_item, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".filters.where.{data__filters__where_key}[{data__filters__where_value_x}]".format(data__filters__where_key=data__filters__where_key, data__filters__where_value_x=data__filters__where_value_x) + " must be string")
                                        if isinstance(data__filters__where_value_item, str):
                                            data__filters__where_value_item_len = len(data__filters__where_value_item)
                                            if data__filters__where_value_item_len < 1:
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".filters.where.{data__filters__where_key}[{data__filters__where_value_x}]".format(data__filters__where_key=data__filters__where_key, data__filters__where_value_x=data__filters__where_value_x) + " must be longer than or equal to 1 characters")
                        if data__filters__where_len != 0:
                            data__filters__where_property_names = True
                            for data__filters__where_key in data__filters__where:
                                try:
                                    if not (isinstance(data__filters__where_key, str) and data__filters__where_key == 'strategy_name' or isinstance(data__filters__where_key, str) and data__filters__where_key == 'execution_mode' or isinstance(data__filters__where_key, str) and data__filters__where_key == 'symbol' or isinstance(data__filters__where_key, str) and data__filters__where_key == 'side' or isinstance(data__filters__where_key, str) and data__filters__where_key == 'account_id'):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".filters.where must be one of ['strategy_name', 'execution_mode', 'symbol', 'side', 'account_id']")
                                except (JsonSchemaValueException, JsonSchemaValuesException):
                                    data__filters__where_property_names = False
                            if not data__filters__where_property_names:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".filters.where must be named by propertyName definition")
                if "excluded_trades" in data__filters_keys:
                    data__filters_keys.remove("excluded_trades")
                    data__filters__excludedtrades = data__filters["excluded_trades"]
                    if not isinstance(data__filters__excludedtrades, (int)) and not (isinstance(data__filters__excludedtrades, float) and data__filters__excludedtrades.is_integer()) or isinstance(data__filters__excludedtrades, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".filters.excluded_trades must be integer")
                    if isinstance(data__filters__excludedtrades, (int, float, Decimal)) and not isinstance(data__filters__excludedtrades, bool):
                        if data__filters__excludedtrades < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".filters.excluded_trades must be bigger than or equal to 0")
                if "excluded_net_pnl" in data__filters_keys:
                    data__filters_keys.remove("excluded_net_pnl")
                    data__filters__excludednetpnl = data__filters["excluded_net_pnl"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__filters__excludednetpnl, custom_formats, (name_prefix or "data") + ".filters.excluded_net_pnl")
                if "excluded_open_positions" in data__filters_keys:
                    data__filters_keys.remove("excluded_open_positions")
                    data__filters__excludedopenpositions = data__filters["excluded_open_positions"]
                    if not isinstance(data__filters__excludedopenpositions, (int)) and not (isinstance(data__filters__excludedopenpositions, float) and data__filters__excludedopenpositions.is_integer()) or isinstance(data__filters__excludedopenpositions, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".filters.excluded_open_positions must be integer")
                    if isinstance(data__filters__excludedopenpositions, (int, float, Decimal)) and not isinstance(data__filters__excludedopenpositions, bool):
                        if data__filters__excludedopenpositions < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".filters.excluded_open_positions must be bigger than or equal to 0")
                if data__filters_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".filters must not contain "+str(data__filters_keys)+" properties")
        if "marks" in data_keys:
            data_keys.remove("marks")
            data__marks = data["marks"]
            if not isinstance(data__marks, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".marks must be object")
            data__marks_is_dict = isinstance(data__marks, dict)
            if data__marks_is_dict:
                data__marks__missing_keys = set(['given', 'unrealized_profit_loss', 'unmarked_symbols']) - data__marks.keys()
                if data__marks__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".marks must contain ")
                data__marks_keys = set(data__marks.keys())
                if "given" in data__marks_keys:
                    data__marks_keys.remove("given")
                    data__marks__given = data__marks["given"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__marks__given, custom_formats, (name_prefix or "data") + ".marks.given")
                if "unrealized_profit_loss" in data__marks_keys:
                    data__marks_keys.remove("unrealized_profit_loss")
                    data__marks__unrealizedprofitloss = data__marks["unrealized_profit_loss"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__marks__unrealizedprofitloss, custom_formats, (name_prefix or "data") + ".marks.unrealized_profit_loss")
                if "unmarked_symbols" in data__marks_keys:
                    data__marks_keys.remove("unmarked_symbols")
                    data__marks__unmarkedsymbols = data__marks["unmarked_symbols"]
                    if not isinstance(data__marks__unmarkedsymbols, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".marks.unmarked_symbols must be array")
                    data__marks__unmarkedsymbols_is_list = isinstance(data__marks__unmarkedsymbols, (list, tuple))
                    if data__marks__unmarkedsymbols_is_list:
                        data__marks__unmarkedsymbols_len = len(data__marks__unmarkedsymbols)
                        for data__marks__unmarkedsymbols_x, data__marks__unmarkedsymbols_item in enumerate(data__marks__unmarkedsymbols):
                            if not isinstance(data__marks__unmarkedsymbols_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".marks.unmarked_symbols[{data__marks__unmarkedsymbols_x}]".format(data__marks__unmarkedsymbols_x=data__marks__unmarkedsymbols_x) + " must be string")
                if data__marks_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".marks must not contain "+str(data__marks_keys)+" properties")
        if "account" in data_keys:
            data_keys.remove("account")
            data__account = data["account"]
            if not isinstance(data__account, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".account must be object")
            data__account_is_dict = isinstance(data__account, dict)
            if data__account_is_dict:
                data__account__missing_keys = set(['starting_balance', 'days', 'convention', 'daily_returns', 'capital', 'metrics', 'null_reasons']) - data__account.keys()
                if data__account__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".account must contain ")
                data__account_keys = set(data__account.keys())
                if "starting_balance" in data__account_keys:
                    data__account_keys.remove("starting_balance")
                    data__account__startingbalance = data__account["starting_balance"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__account__startingbalance, custom_formats, (name_prefix or "data") + ".account.starting_balance")
                if "days" in data__account_keys:
                    data__account_keys.remove("days")
                    data__account__days = data__account["days"]
                    if not isinstance(data__account__days, (int, NoneType)) and not (isinstance(data__account__days, float) and data__account__days.is_integer()) or isinstance(data__account__days, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.days must be integer or null")
                    if isinstance(data__account__days, (int, float, Decimal)) and not isinstance(data__account__days, bool):
                        if data__account__days < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.days must be bigger than or equal to 1")
                if "convention" in data__account_keys:
                    data__account_keys.remove("convention")
                    data__account__convention = data__account["convention"]
                    if not (isinstance(data__account__convention, str) and data__account__convention == 'freqtrade' or isinstance(data__account__convention, str) and data__account__convention == 'quantstats-daily'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.convention must be one of ['freqtrade', 'quantstats-daily']")
                if "daily_returns" in data__account_keys:
                    data__account_keys.remove("daily_returns")
                    data__account__dailyreturns = data__account["daily_returns"]
                    data__account__dailyreturns_one_of_count7 = 0
                    if data__account__dailyreturns_one_of_count7 < 2:
                        try:
                            if not isinstance(data__account__dailyreturns, (NoneType)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.daily_returns must be null")
                            data__account__dailyreturns_one_of_count7 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if data__account__dailyreturns_one_of_count7 < 2:
                        try:
                            if not isinstance(data__account__dailyreturns, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.daily_returns must be object")
                            data__account__dailyreturns_is_dict = isinstance(data__account__dailyreturns, dict)
                            if data__account__dailyreturns_is_dict:
                                data__account__dailyreturns__missing_keys = set(['periods_per_year', 'days']) - data__account__dailyreturns.keys()
                                if data__account__dailyreturns__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.daily_returns must contain ")
                                data__account__dailyreturns_keys = set(data__account__dailyreturns.keys())
                                if "periods_per_year" in data__account__dailyreturns_keys:
                                    data__account__dailyreturns_keys.remove("periods_per_year")
                                    data__account__dailyreturns__periodsperyear = data__account__dailyreturns["periods_per_year"]
                                    if not (isinstance(data__account__dailyreturns__periodsperyear, (int, float)) and not isinstance(data__account__dailyreturns__periodsperyear, bool) and data__account__dailyreturns__periodsperyear == 365 or isinstance(data__account__dailyreturns__periodsperyear, (int, float)) and not isinstance(data__account__dailyreturns__periodsperyear, bool) and data__account__dailyreturns__periodsperyear == 252):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.daily_returns.periods_per_year must be one of [365, 252]")
                                if "days" in data__account__dailyreturns_keys:
                                    data__account__dailyreturns_keys.remove("days")
                                    data__account__dailyreturns__days = data__account__dailyreturns["days"]
                                    if not isinstance(data__account__dailyreturns__days, (int, NoneType)) and not (isinstance(data__account__dailyreturns__days, float) and data__account__dailyreturns__days.is_integer()) or isinstance(data__account__dailyreturns__days, bool):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.daily_returns.days must be integer or null")
                                    if isinstance(data__account__dailyreturns__days, (int, float, Decimal)) and not isinstance(data__account__dailyreturns__days, bool):
                                        if data__account__dailyreturns__days < 0:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.daily_returns.days must be bigger than or equal to 0")
                                if data__account__dailyreturns_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.daily_returns must not contain "+str(data__account__dailyreturns_keys)+" properties")
                            data__account__dailyreturns_one_of_count7 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if data__account__dailyreturns_one_of_count7 != 1:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.daily_returns must be valid exactly by one definition")
                if "capital" in data__account_keys:
                    data__account_keys.remove("capital")
                    data__account__capital = data__account["capital"]
                    data__account__capital_one_of_count8 = 0
                    if data__account__capital_one_of_count8 < 2:
                        try:
                            if not isinstance(data__account__capital, (NoneType)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.capital must be null")
                            data__account__capital_one_of_count8 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if data__account__capital_one_of_count8 < 2:
                        try:
                            if not isinstance(data__account__capital, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.capital must be object")
                            data__account__capital_is_dict = isinstance(data__account__capital, dict)
                            if data__account__capital_is_dict:
                                data__account__capital__missing_keys = set(['source', 'at_start', 'at_end', 'cash_flows', 'accounts']) - data__account__capital.keys()
                                if data__account__capital__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.capital must contain ")
                                data__account__capital_keys = set(data__account__capital.keys())
                                if "source" in data__account__capital_keys:
                                    data__account__capital_keys.remove("source")
                                    data__account__capital__source = data__account__capital["source"]
                                    if not isinstance(data__account__capital__source, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.capital.source must be string")
                                    if isinstance(data__account__capital__source, str):
                                        data__account__capital__source_len = len(data__account__capital__source)
                                        if data__account__capital__source_len < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.capital.source must be longer than or equal to 1 characters")
                                if "at_start" in data__account__capital_keys:
                                    data__account__capital_keys.remove("at_start")
                                    data__account__capital__atstart = data__account__capital["at_start"]
                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__account__capital__atstart, custom_formats, (name_prefix or "data") + ".account.capital.at_start")
                                if "at_end" in data__account__capital_keys:
                                    data__account__capital_keys.remove("at_end")
                                    data__account__capital__atend = data__account__capital["at_end"]
                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__account__capital__atend, custom_formats, (name_prefix or "data") + ".account.capital.at_end")
                                if "cash_flows" in data__account__capital_keys:
                                    data__account__capital_keys.remove("cash_flows")
                                    data__account__capital__cashflows = data__account__capital["cash_flows"]
                                    if not isinstance(data__account__capital__cashflows, (list, tuple)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.capital.cash_flows must be array")
                                    data__account__capital__cashflows_is_list = isinstance(data__account__capital__cashflows, (list, tuple))
                                    if data__account__capital__cashflows_is_list:
                                        data__account__capital__cashflows_len = len(data__account__capital__cashflows)
                                        for data__account__capital__cashflows_x, data__account__capital__cashflows_item in enumerate(data__account__capital__cashflows):
                                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_cashflow(data__account__capital__cashflows_item, custom_formats, (name_prefix or "data") + ".account.capital.cash_flows[{data__account__capital__cashflows_x}]".format(data__account__capital__cashflows_x=data__account__capital__cashflows_x))
                                if "accounts" in data__account__capital_keys:
                                    data__account__capital_keys.remove("accounts")
                                    data__account__capital__accounts = data__account__capital["accounts"]
                                    if not isinstance(data__account__capital__accounts, (list, tuple)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.capital.accounts must be array")
                                    data__account__capital__accounts_is_list = isinstance(data__account__capital__accounts, (list, tuple))
                                    if data__account__capital__accounts_is_list:
                                        data__account__capital__accounts_len = len(data__account__capital__accounts)
                                        for data__account__capital__accounts_x, data__account__capital__accounts_item in enumerate(data__account__capital__accounts):
                                            if not isinstance(data__account__capital__accounts_item, (dict)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.capital.accounts[{data__account__capital__accounts_x}]".format(data__account__capital__accounts_x=data__account__capital__accounts_x) + " must be object")
                                            data__account__capital__accounts_item_is_dict = isinstance(data__account__capital__accounts_item, dict)
                                            if data__account__capital__accounts_item_is_dict:
                                                data__account__capital__accounts_item__missing_keys = set(['execution_mode', 'account_id', 'starting_balance', 'cash_flows']) - data__account__capital__accounts_item.keys()
                                                if data__account__capital__accounts_item__missing_keys:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.capital.accounts[{data__account__capital__accounts_x}]".format(data__account__capital__accounts_x=data__account__capital__accounts_x) + " must contain ")
                                                data__account__capital__accounts_item_keys = set(data__account__capital__accounts_item.keys())
                                                if "execution_mode" in data__account__capital__accounts_item_keys:
                                                    data__account__capital__accounts_item_keys.remove("execution_mode")
                                                    data__account__capital__accounts_item__executionmode = data__account__capital__accounts_item["execution_mode"]
                                                    if not (isinstance(data__account__capital__accounts_item__executionmode, str) and data__account__capital__accounts_item__executionmode == 'PAPER' or isinstance(data__account__capital__accounts_item__executionmode, str) and data__account__capital__accounts_item__executionmode == 'LIVE' or data__account__capital__accounts_item__executionmode is None):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.capital.accounts[{data__account__capital__accounts_x}].execution_mode".format(data__account__capital__accounts_x=data__account__capital__accounts_x) + " must be one of ['PAPER', 'LIVE', None]")
                                                if "account_id" in data__account__capital__accounts_item_keys:
                                                    data__account__capital__accounts_item_keys.remove("account_id")
                                                    data__account__capital__accounts_item__accountid = data__account__capital__accounts_item["account_id"]
                                                    if not isinstance(data__account__capital__accounts_item__accountid, (str, NoneType)):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.capital.accounts[{data__account__capital__accounts_x}].account_id".format(data__account__capital__accounts_x=data__account__capital__accounts_x) + " must be string or null")
                                                if "starting_balance" in data__account__capital__accounts_item_keys:
                                                    data__account__capital__accounts_item_keys.remove("starting_balance")
                                                    data__account__capital__accounts_item__startingbalance = data__account__capital__accounts_item["starting_balance"]
                                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__account__capital__accounts_item__startingbalance, custom_formats, (name_prefix or "data") + ".account.capital.accounts[{data__account__capital__accounts_x}].starting_balance".format(data__account__capital__accounts_x=data__account__capital__accounts_x))
                                                if "cash_flows" in data__account__capital__accounts_item_keys:
                                                    data__account__capital__accounts_item_keys.remove("cash_flows")
                                                    data__account__capital__accounts_item__cashflows = data__account__capital__accounts_item["cash_flows"]
                                                    if not isinstance(data__account__capital__accounts_item__cashflows, (list, tuple)):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.capital.accounts[{data__account__capital__accounts_x}].cash_flows".format(data__account__capital__accounts_x=data__account__capital__accounts_x) + " must be array")
                                                    data__account__capital__accounts_item__cashflows_is_list = isinstance(data__account__capital__accounts_item__cashflows, (list, tuple))
                                                    if data__account__capital__accounts_item__cashflows_is_list:
                                                        data__account__capital__accounts_item__cashflows_len = len(data__account__capital__accounts_item__cashflows)
                                                        for data__account__capital__accounts_item__cashflows_x, data__account__capital__accounts_item__cashflows_item in enumerate(data__account__capital__accounts_item__cashflows):
                                                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_cashflow(data__account__capital__accounts_item__cashflows_item, custom_formats, (name_prefix or "data") + ".account.capital.accounts[{data__account__capital__accounts_x}].cash_flows[{data__account__capital__accounts_item__cashflows_x}]".format(data__account__capital__accounts_x=data__account__capital__accounts_x, data__account__capital__accounts_item__cashflows_x=data__account__capital__accounts_item__cashflows_x))
                                                if data__account__capital__accounts_item_keys:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.capital.accounts[{data__account__capital__accounts_x}]".format(data__account__capital__accounts_x=data__account__capital__accounts_x) + " must not contain "+str(data__account__capital__accounts_item_keys)+" properties")
                                if data__account__capital_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.capital must not contain "+str(data__account__capital_keys)+" properties")
                            data__account__capital_one_of_count8 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if data__account__capital_one_of_count8 != 1:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.capital must be valid exactly by one definition")
                if "metrics" in data__account_keys:
                    data__account_keys.remove("metrics")
                    data__account__metrics = data__account["metrics"]
                    if not isinstance(data__account__metrics, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.metrics must be object")
                    data__account__metrics_is_dict = isinstance(data__account__metrics, dict)
                    if data__account__metrics_is_dict:
                        data__account__metrics__missing_keys = set(['return_on_starting_balance', 'final_balance', 'max_drawdown_account', 'max_relative_drawdown', 'cagr', 'sharpe', 'sortino', 'calmar', 'sqn', 'expectancy_ratio']) - data__account__metrics.keys()
                        if data__account__metrics__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.metrics must contain ")
                        data__account__metrics_keys = set(data__account__metrics.keys())
                        if "return_on_starting_balance" in data__account__metrics_keys:
                            data__account__metrics_keys.remove("return_on_starting_balance")
                            data__account__metrics__returnonstartingbalance = data__account__metrics["return_on_starting_balance"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__account__metrics__returnonstartingbalance, custom_formats, (name_prefix or "data") + ".account.metrics.return_on_starting_balance")
                        if "final_balance" in data__account__metrics_keys:
                            data__account__metrics_keys.remove("final_balance")
                            data__account__metrics__finalbalance = data__account__metrics["final_balance"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__account__metrics__finalbalance, custom_formats, (name_prefix or "data") + ".account.metrics.final_balance")
                        if "max_drawdown_account" in data__account__metrics_keys:
                            data__account__metrics_keys.remove("max_drawdown_account")
                            data__account__metrics__maxdrawdownaccount = data__account__metrics["max_drawdown_account"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__account__metrics__maxdrawdownaccount, custom_formats, (name_prefix or "data") + ".account.metrics.max_drawdown_account")
                        if "max_relative_drawdown" in data__account__metrics_keys:
                            data__account__metrics_keys.remove("max_relative_drawdown")
                            data__account__metrics__maxrelativedrawdown = data__account__metrics["max_relative_drawdown"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__account__metrics__maxrelativedrawdown, custom_formats, (name_prefix or "data") + ".account.metrics.max_relative_drawdown")
                        if "cagr" in data__account__metrics_keys:
                            data__account__metrics_keys.remove("cagr")
                            data__account__metrics__cagr = data__account__metrics["cagr"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__account__metrics__cagr, custom_formats, (name_prefix or "data") + ".account.metrics.cagr")
                        if "sharpe" in data__account__metrics_keys:
                            data__account__metrics_keys.remove("sharpe")
                            data__account__metrics__sharpe = data__account__metrics["sharpe"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__account__metrics__sharpe, custom_formats, (name_prefix or "data") + ".account.metrics.sharpe")
                        if "sortino" in data__account__metrics_keys:
                            data__account__metrics_keys.remove("sortino")
                            data__account__metrics__sortino = data__account__metrics["sortino"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__account__metrics__sortino, custom_formats, (name_prefix or "data") + ".account.metrics.sortino")
                        if "calmar" in data__account__metrics_keys:
                            data__account__metrics_keys.remove("calmar")
                            data__account__metrics__calmar = data__account__metrics["calmar"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__account__metrics__calmar, custom_formats, (name_prefix or "data") + ".account.metrics.calmar")
                        if "sqn" in data__account__metrics_keys:
                            data__account__metrics_keys.remove("sqn")
                            data__account__metrics__sqn = data__account__metrics["sqn"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__account__metrics__sqn, custom_formats, (name_prefix or "data") + ".account.metrics.sqn")
                        if "expectancy_ratio" in data__account__metrics_keys:
                            data__account__metrics_keys.remove("expectancy_ratio")
                            data__account__metrics__expectancyratio = data__account__metrics["expectancy_ratio"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__account__metrics__expectancyratio, custom_formats, (name_prefix or "data") + ".account.metrics.expectancy_ratio")
                        if data__account__metrics_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.metrics must not contain "+str(data__account__metrics_keys)+" properties")
                if "null_reasons" in data__account_keys:
                    data__account_keys.remove("null_reasons")
                    data__account__nullreasons = data__account["null_reasons"]
                    if not isinstance(data__account__nullreasons, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.null_reasons must be object")
                    data__account__nullreasons_is_dict = isinstance(data__account__nullreasons, dict)
                    if data__account__nullreasons_is_dict:
                        data__account__nullreasons_keys = set(data__account__nullreasons.keys())
                        for data__account__nullreasons_key in data__account__nullreasons_keys:
                            if data__account__nullreasons_key not in []:
                                data__account__nullreasons_value = data__account__nullreasons.get(data__account__nullreasons_key)
                                if not isinstance(data__account__nullreasons_value, (str)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".account.null_reasons.{data__account__nullreasons_key}".format(data__account__nullreasons_key=data__account__nullreasons_key) + " must be string")
                if data__account_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".account must not contain "+str(data__account_keys)+" properties")
        if "review" in data_keys:
            data_keys.remove("review")
            data__review = data["review"]
            data__review_one_of_count9 = 0
            if data__review_one_of_count9 < 2:
                try:
                    if not isinstance(data__review, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".review must be null")
                    data__review_one_of_count9 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__review_one_of_count9 < 2:
                try:
                    if not isinstance(data__review, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".review must be object")
                    data__review_is_dict = isinstance(data__review, dict)
                    if data__review_is_dict:
                        data__review__missing_keys = set(['min_sample', 'previous_period', 'standings', 'changes', 'observations']) - data__review.keys()
                        if data__review__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".review must contain ")
                        data__review_keys = set(data__review.keys())
                        if "min_sample" in data__review_keys:
                            data__review_keys.remove("min_sample")
                            data__review__minsample = data__review["min_sample"]
                            if not isinstance(data__review__minsample, (int)) and not (isinstance(data__review__minsample, float) and data__review__minsample.is_integer()) or isinstance(data__review__minsample, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.min_sample must be integer")
                            if isinstance(data__review__minsample, (int, float, Decimal)) and not isinstance(data__review__minsample, bool):
                                if data__review__minsample < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.min_sample must be bigger than or equal to 1")
                        if "previous_period" in data__review_keys:
                            data__review_keys.remove("previous_period")
                            data__review__previousperiod = data__review["previous_period"]
                            data__review__previousperiod_one_of_count10 = 0
                            if data__review__previousperiod_one_of_count10 < 2:
                                try:
                                    if not isinstance(data__review__previousperiod, (NoneType)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.previous_period must be null")
                                    data__review__previousperiod_one_of_count10 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__review__previousperiod_one_of_count10 < 2:
                                try:
                                    if not isinstance(data__review__previousperiod, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.previous_period must be object")
                                    data__review__previousperiod_is_dict = isinstance(data__review__previousperiod, dict)
                                    if data__review__previousperiod_is_dict:
                                        data__review__previousperiod__missing_keys = set(['label', 'empty']) - data__review__previousperiod.keys()
                                        if data__review__previousperiod__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.previous_period must contain ")
                                        data__review__previousperiod_keys = set(data__review__previousperiod.keys())
                                        if "label" in data__review__previousperiod_keys:
                                            data__review__previousperiod_keys.remove("label")
                                            data__review__previousperiod__label = data__review__previousperiod["label"]
                                            if not isinstance(data__review__previousperiod__label, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.previous_period.label must be string")
                                        if "empty" in data__review__previousperiod_keys:
                                            data__review__previousperiod_keys.remove("empty")
                                            data__review__previousperiod__empty = data__review__previousperiod["empty"]
                                            if not isinstance(data__review__previousperiod__empty, (bool)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.previous_period.empty must be boolean")
                                        if data__review__previousperiod_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.previous_period must not contain "+str(data__review__previousperiod_keys)+" properties")
                                    data__review__previousperiod_one_of_count10 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__review__previousperiod_one_of_count10 != 1:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.previous_period must be valid exactly by one definition")
                        if "standings" in data__review_keys:
                            data__review_keys.remove("standings")
                            data__review__standings = data__review["standings"]
                            if not isinstance(data__review__standings, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.standings must be array")
                            data__review__standings_is_list = isinstance(data__review__standings, (list, tuple))
                            if data__review__standings_is_list:
                                data__review__standings_len = len(data__review__standings)
                                for data__review__standings_x, data__review__standings_item in enumerate(data__review__standings):
                                    if not isinstance(data__review__standings_item, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.standings[{data__review__standings_x}]".format(data__review__standings_x=data__review__standings_x) + " must be object")
                                    data__review__standings_item_is_dict = isinstance(data__review__standings_item, dict)
                                    if data__review__standings_item_is_dict:
                                        data__review__standings_item__missing_keys = set(['dimension', 'best', 'worst', 'eligible_rows', 'rows']) - data__review__standings_item.keys()
                                        if data__review__standings_item__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.standings[{data__review__standings_x}]".format(data__review__standings_x=data__review__standings_x) + " must contain ")
                                        data__review__standings_item_keys = set(data__review__standings_item.keys())
                                        if "dimension" in data__review__standings_item_keys:
                                            data__review__standings_item_keys.remove("dimension")
                                            data__review__standings_item__dimension = data__review__standings_item["dimension"]
                                            if not isinstance(data__review__standings_item__dimension, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.standings[{data__review__standings_x}].dimension".format(data__review__standings_x=data__review__standings_x) + " must be string")
                                        if "best" in data__review__standings_item_keys:
                                            data__review__standings_item_keys.remove("best")
                                            data__review__standings_item__best = data__review__standings_item["best"]
                                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_rankedrow(data__review__standings_item__best, custom_formats, (name_prefix or "data") + ".review.standings[{data__review__standings_x}].best".format(data__review__standings_x=data__review__standings_x))
                                        if "worst" in data__review__standings_item_keys:
                                            data__review__standings_item_keys.remove("worst")
                                            data__review__standings_item__worst = data__review__standings_item["worst"]
                                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_rankedrow(data__review__standings_item__worst, custom_formats, (name_prefix or "data") + ".review.standings[{data__review__standings_x}].worst".format(data__review__standings_x=data__review__standings_x))
                                        if "eligible_rows" in data__review__standings_item_keys:
                                            data__review__standings_item_keys.remove("eligible_rows")
                                            data__review__standings_item__eligiblerows = data__review__standings_item["eligible_rows"]
                                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__review__standings_item__eligiblerows, custom_formats, (name_prefix or "data") + ".review.standings[{data__review__standings_x}].eligible_rows".format(data__review__standings_x=data__review__standings_x))
                                        if "rows" in data__review__standings_item_keys:
                                            data__review__standings_item_keys.remove("rows")
                                            data__review__standings_item__rows = data__review__standings_item["rows"]
                                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__review__standings_item__rows, custom_formats, (name_prefix or "data") + ".review.standings[{data__review__standings_x}].rows".format(data__review__standings_x=data__review__standings_x))
                                        if data__review__standings_item_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.standings[{data__review__standings_x}]".format(data__review__standings_x=data__review__standings_x) + " must not contain "+str(data__review__standings_item_keys)+" properties")
                        if "changes" in data__review_keys:
                            data__review_keys.remove("changes")
                            data__review__changes = data__review["changes"]
                            if not isinstance(data__review__changes, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.changes must be array")
                            data__review__changes_is_list = isinstance(data__review__changes, (list, tuple))
                            if data__review__changes_is_list:
                                data__review__changes_len = len(data__review__changes)
                                for data__review__changes_x, data__review__changes_item in enumerate(data__review__changes):
                                    if not isinstance(data__review__changes_item, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.changes[{data__review__changes_x}]".format(data__review__changes_x=data__review__changes_x) + " must be object")
                                    data__review__changes_item_is_dict = isinstance(data__review__changes_item, dict)
                                    if data__review__changes_item_is_dict:
                                        data__review__changes_item__missing_keys = set(['metric', 'current', 'previous', 'delta']) - data__review__changes_item.keys()
                                        if data__review__changes_item__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.changes[{data__review__changes_x}]".format(data__review__changes_x=data__review__changes_x) + " must contain ")
                                        data__review__changes_item_keys = set(data__review__changes_item.keys())
                                        if "metric" in data__review__changes_item_keys:
                                            data__review__changes_item_keys.remove("metric")
                                            data__review__changes_item__metric = data__review__changes_item["metric"]
                                            if not isinstance(data__review__changes_item__metric, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.changes[{data__review__changes_x}].metric".format(data__review__changes_x=data__review__changes_x) + " must be string")
                                        if "current" in data__review__changes_item_keys:
                                            data__review__changes_item_keys.remove("current")
                                            data__review__changes_item__current = data__review__changes_item["current"]
                                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_metricvalue(data__review__changes_item__current, custom_formats, (name_prefix or "data") + ".review.changes[{data__review__changes_x}].current".format(data__review__changes_x=data__review__changes_x))
                                        if "previous" in data__review__changes_item_keys:
                                            data__review__changes_item_keys.remove("previous")
                                            data__review__changes_item__previous = data__review__changes_item["previous"]
                                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_metricvalue(data__review__changes_item__previous, custom_formats, (name_prefix or "data") + ".review.changes[{data__review__changes_x}].previous".format(data__review__changes_x=data__review__changes_x))
                                        if "delta" in data__review__changes_item_keys:
                                            data__review__changes_item_keys.remove("delta")
                                            data__review__changes_item__delta = data__review__changes_item["delta"]
                                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_metricvalue(data__review__changes_item__delta, custom_formats, (name_prefix or "data") + ".review.changes[{data__review__changes_x}].delta".format(data__review__changes_x=data__review__changes_x))
                                        if data__review__changes_item_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.changes[{data__review__changes_x}]".format(data__review__changes_x=data__review__changes_x) + " must not contain "+str(data__review__changes_item_keys)+" properties")
                        if "observations" in data__review_keys:
                            data__review_keys.remove("observations")
                            data__review__observations = data__review["observations"]
                            if not isinstance(data__review__observations, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.observations must be array")
                            data__review__observations_is_list = isinstance(data__review__observations, (list, tuple))
                            if data__review__observations_is_list:
                                data__review__observations_len = len(data__review__observations)
                                for data__review__observations_x, data__review__observations_item in enumerate(data__review__observations):
                                    if not isinstance(data__review__observations_item, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.observations[{data__review__observations_x}]".format(data__review__observations_x=data__review__observations_x) + " must be object")
                                    data__review__observations_item_is_dict = isinstance(data__review__observations_item, dict)
                                    if data__review__observations_item_is_dict:
                                        data__review__observations_item__missing_keys = set(['rule', 'subject', 'message', 'numbers']) - data__review__observations_item.keys()
                                        if data__review__observations_item__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.observations[{data__review__observations_x}]".format(data__review__observations_x=data__review__observations_x) + " must contain ")
                                        data__review__observations_item_keys = set(data__review__observations_item.keys())
                                        if "rule" in data__review__observations_item_keys:
                                            data__review__observations_item_keys.remove("rule")
                                            data__review__observations_item__rule = data__review__observations_item["rule"]
                                            if not (isinstance(data__review__observations_item__rule, str) and data__review__observations_item__rule == 'low_win_rate' or isinstance(data__review__observations_item__rule, str) and data__review__observations_item__rule == 'rr_cannot_pay' or isinstance(data__review__observations_item__rule, str) and data__review__observations_item__rule == 'negative_expectancy' or isinstance(data__review__observations_item__rule, str) and data__review__observations_item__rule == 'live_below_paper'):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.observations[{data__review__observations_x}].rule".format(data__review__observations_x=data__review__observations_x) + " must be one of ['low_win_rate', 'rr_cannot_pay', 'negative_expectancy', 'live_below_paper']")
                                        if "subject" in data__review__observations_item_keys:
                                            data__review__observations_item_keys.remove("subject")
                                            data__review__observations_item__subject = data__review__observations_item["subject"]
                                            if not isinstance(data__review__observations_item__subject, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.observations[{data__review__observations_x}].subject".format(data__review__observations_x=data__review__observations_x) + " must be string")
                                        if "message" in data__review__observations_item_keys:
                                            data__review__observations_item_keys.remove("message")
                                            data__review__observations_item__message = data__review__observations_item["message"]
                                            if not isinstance(data__review__observations_item__message, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.observations[{data__review__observations_x}].message".format(data__review__observations_x=data__review__observations_x) + " must be string")
                                        if "numbers" in data__review__observations_item_keys:
                                            data__review__observations_item_keys.remove("numbers")
                                            data__review__observations_item__numbers = data__review__observations_item["numbers"]
                                            if not isinstance(data__review__observations_item__numbers, (dict)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.observations[{data__review__observations_x}].numbers".format(data__review__observations_x=data__review__observations_x) + " must be object")
                                            data__review__observations_item__numbers_is_dict = isinstance(data__review__observations_item__numbers, dict)
                                            if data__review__observations_item__numbers_is_dict:
                                                data__review__observations_item__numbers_keys = set(data__review__observations_item__numbers.keys())
                                                for data__review__observations_item__numbers_key in data__review__observations_item__numbers_keys:
                                                    if data__review__observations_item__numbers_key not in []:
                                                        data__review__observations_item__numbers_value = data__review__observations_item__numbers.get(data__review__observations_item__numbers_key)
                                                        validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_metricvalue(data__review__observations_item__numbers_value, custom_formats, (name_prefix or "data") + ".review.observations[{data__review__observations_x}].numbers.{data__review__observations_item__numbers_key}".format(data__review__observations_x=data__review__observations_x, data__review__observations_item__numbers_key=data__review__observations_item__numbers_key))
                                        if data__review__observations_item_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".review.observations[{data__review__observations_x}]".format(data__review__observations_x=data__review__observations_x) + " must not contain "+str(data__review__observations_item_keys)+" properties")
                        if data__review_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".review must not contain "+str(data__review_keys)+" properties")
                    data__review_one_of_count9 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__review_one_of_count9 != 1:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".review must be valid exactly by one definition")
        if "top_trades" in data_keys:
            data_keys.remove("top_trades")
            data__toptrades = data["top_trades"]
            if not isinstance(data__toptrades, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".top_trades must be object")
            data__toptrades_is_dict = isinstance(data__toptrades, dict)
            if data__toptrades_is_dict:
                data__toptrades__missing_keys = set(['count', 'considered', 'total', 'partial', 'top', 'bottom']) - data__toptrades.keys()
                if data__toptrades__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".top_trades must contain ")
                data__toptrades_keys = set(data__toptrades.keys())
                if "count" in data__toptrades_keys:
                    data__toptrades_keys.remove("count")
                    data__toptrades__count = data__toptrades["count"]
                    if not isinstance(data__toptrades__count, (int)) and not (isinstance(data__toptrades__count, float) and data__toptrades__count.is_integer()) or isinstance(data__toptrades__count, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".top_trades.count must be integer")
                    if isinstance(data__toptrades__count, (int, float, Decimal)) and not isinstance(data__toptrades__count, bool):
                        if data__toptrades__count < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".top_trades.count must be bigger than or equal to 1")
                if "considered" in data__toptrades_keys:
                    data__toptrades_keys.remove("considered")
                    data__toptrades__considered = data__toptrades["considered"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__toptrades__considered, custom_formats, (name_prefix or "data") + ".top_trades.considered")
                if "total" in data__toptrades_keys:
                    data__toptrades_keys.remove("total")
                    data__toptrades__total = data__toptrades["total"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__toptrades__total, custom_formats, (name_prefix or "data") + ".top_trades.total")
                if "partial" in data__toptrades_keys:
                    data__toptrades_keys.remove("partial")
                    data__toptrades__partial = data__toptrades["partial"]
                    if not isinstance(data__toptrades__partial, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".top_trades.partial must be boolean")
                if "top" in data__toptrades_keys:
                    data__toptrades_keys.remove("top")
                    data__toptrades__top = data__toptrades["top"]
                    if not isinstance(data__toptrades__top, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".top_trades.top must be array")
                    data__toptrades__top_is_list = isinstance(data__toptrades__top, (list, tuple))
                    if data__toptrades__top_is_list:
                        data__toptrades__top_len = len(data__toptrades__top)
                        for data__toptrades__top_x, data__toptrades__top_item in enumerate(data__toptrades__top):
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_traderow(data__toptrades__top_item, custom_formats, (name_prefix or "data") + ".top_trades.top[{data__toptrades__top_x}]".format(data__toptrades__top_x=data__toptrades__top_x))
                if "bottom" in data__toptrades_keys:
                    data__toptrades_keys.remove("bottom")
                    data__toptrades__bottom = data__toptrades["bottom"]
                    if not isinstance(data__toptrades__bottom, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".top_trades.bottom must be array")
                    data__toptrades__bottom_is_list = isinstance(data__toptrades__bottom, (list, tuple))
                    if data__toptrades__bottom_is_list:
                        data__toptrades__bottom_len = len(data__toptrades__bottom)
                        for data__toptrades__bottom_x, data__toptrades__bottom_item in enumerate(data__toptrades__bottom):
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_traderow(data__toptrades__bottom_item, custom_formats, (name_prefix or "data") + ".top_trades.bottom[{data__toptrades__bottom_x}]".format(data__toptrades__bottom_x=data__toptrades__bottom_x))
                if data__toptrades_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".top_trades must not contain "+str(data__toptrades_keys)+" properties")
        if "drawdown_episodes" in data_keys:
            data_keys.remove("drawdown_episodes")
            data__drawdownepisodes = data["drawdown_episodes"]
            if not isinstance(data__drawdownepisodes, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown_episodes must be object")
            data__drawdownepisodes_is_dict = isinstance(data__drawdownepisodes, dict)
            if data__drawdownepisodes_is_dict:
                data__drawdownepisodes__missing_keys = set(['resolution', 'basis', 'count', 'average_depth', 'longest_days_under_water', 'episodes']) - data__drawdownepisodes.keys()
                if data__drawdownepisodes__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown_episodes must contain ")
                data__drawdownepisodes_keys = set(data__drawdownepisodes.keys())
                if "resolution" in data__drawdownepisodes_keys:
                    data__drawdownepisodes_keys.remove("resolution")
                    data__drawdownepisodes__resolution = data__drawdownepisodes["resolution"]
                    if not (isinstance(data__drawdownepisodes__resolution, str) and data__drawdownepisodes__resolution == 'day'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown_episodes.resolution must be one of ['day']")
                if "basis" in data__drawdownepisodes_keys:
                    data__drawdownepisodes_keys.remove("basis")
                    data__drawdownepisodes__basis = data__drawdownepisodes["basis"]
                    if not isinstance(data__drawdownepisodes__basis, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown_episodes.basis must be string")
                if "count" in data__drawdownepisodes_keys:
                    data__drawdownepisodes_keys.remove("count")
                    data__drawdownepisodes__count = data__drawdownepisodes["count"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__drawdownepisodes__count, custom_formats, (name_prefix or "data") + ".drawdown_episodes.count")
                if "average_depth" in data__drawdownepisodes_keys:
                    data__drawdownepisodes_keys.remove("average_depth")
                    data__drawdownepisodes__averagedepth = data__drawdownepisodes["average_depth"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__drawdownepisodes__averagedepth, custom_formats, (name_prefix or "data") + ".drawdown_episodes.average_depth")
                if "longest_days_under_water" in data__drawdownepisodes_keys:
                    data__drawdownepisodes_keys.remove("longest_days_under_water")
                    data__drawdownepisodes__longestdaysunderwater = data__drawdownepisodes["longest_days_under_water"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__drawdownepisodes__longestdaysunderwater, custom_formats, (name_prefix or "data") + ".drawdown_episodes.longest_days_under_water")
                if "episodes" in data__drawdownepisodes_keys:
                    data__drawdownepisodes_keys.remove("episodes")
                    data__drawdownepisodes__episodes = data__drawdownepisodes["episodes"]
                    if not isinstance(data__drawdownepisodes__episodes, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown_episodes.episodes must be array")
                    data__drawdownepisodes__episodes_is_list = isinstance(data__drawdownepisodes__episodes, (list, tuple))
                    if data__drawdownepisodes__episodes_is_list:
                        data__drawdownepisodes__episodes_len = len(data__drawdownepisodes__episodes)
                        if data__drawdownepisodes__episodes_len > 5:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown_episodes.episodes must contain less than or equal to 5 items")
                        for data__drawdownepisodes__episodes_x, data__drawdownepisodes__episodes_item in enumerate(data__drawdownepisodes__episodes):
                            if not isinstance(data__drawdownepisodes__episodes_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown_episodes.episodes[{data__drawdownepisodes__episodes_x}]".format(data__drawdownepisodes__episodes_x=data__drawdownepisodes__episodes_x) + " must be object")
                            data__drawdownepisodes__episodes_item_is_dict = isinstance(data__drawdownepisodes__episodes_item, dict)
                            if data__drawdownepisodes__episodes_item_is_dict:
                                data__drawdownepisodes__episodes_item__missing_keys = set(['peak', 'trough', 'recovery', 'recovered', 'depth', 'depth_fraction', 'days_to_trough', 'days_to_recovery', 'days_under_water']) - data__drawdownepisodes__episodes_item.keys()
                                if data__drawdownepisodes__episodes_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown_episodes.episodes[{data__drawdownepisodes__episodes_x}]".format(data__drawdownepisodes__episodes_x=data__drawdownepisodes__episodes_x) + " must contain ")
                                data__drawdownepisodes__episodes_item_keys = set(data__drawdownepisodes__episodes_item.keys())
                                if "peak" in data__drawdownepisodes__episodes_item_keys:
                                    data__drawdownepisodes__episodes_item_keys.remove("peak")
                                    data__drawdownepisodes__episodes_item__peak = data__drawdownepisodes__episodes_item["peak"]
                                    data__drawdownepisodes__episodes_item__peak_one_of_count11 = 0
                                    if data__drawdownepisodes__episodes_item__peak_one_of_count11 < 2:
                                        try:
                                            if not isinstance(data__drawdownepisodes__episodes_item__peak, (NoneType)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown_episodes.episodes[{data__drawdownepisodes__episodes_x}].peak".format(data__drawdownepisodes__episodes_x=data__drawdownepisodes__episodes_x) + " must be null")
                                            data__drawdownepisodes__episodes_item__peak_one_of_count11 += 1
                                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                    if data__drawdownepisodes__episodes_item__peak_one_of_count11 < 2:
                                        try:
                                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_date(data__drawdownepisodes__episodes_item__peak, custom_formats, (name_prefix or "data") + ".drawdown_episodes.episodes[{data__drawdownepisodes__episodes_x}].peak".format(data__drawdownepisodes__episodes_x=data__drawdownepisodes__episodes_x))
                                            data__drawdownepisodes__episodes_item__peak_one_of_count11 += 1
                                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                    if data__drawdownepisodes__episodes_item__peak_one_of_count11 != 1:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown_episodes.episodes[{data__drawdownepisodes__episodes_x}].peak".format(data__drawdownepisodes__episodes_x=data__drawdownepisodes__episodes_x) + " must be valid exactly by one definition")
                                if "trough" in data__drawdownepisodes__episodes_item_keys:
                                    data__drawdownepisodes__episodes_item_keys.remove("trough")
                                    data__drawdownepisodes__episodes_item__trough = data__drawdownepisodes__episodes_item["trough"]
                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_date(data__drawdownepisodes__episodes_item__trough, custom_formats, (name_prefix or "data") + ".drawdown_episodes.episodes[{data__drawdownepisodes__episodes_x}].trough".format(data__drawdownepisodes__episodes_x=data__drawdownepisodes__episodes_x))
                                if "recovery" in data__drawdownepisodes__episodes_item_keys:
                                    data__drawdownepisodes__episodes_item_keys.remove("recovery")
                                    data__drawdownepisodes__episodes_item__recovery = data__drawdownepisodes__episodes_item["recovery"]
                                    data__drawdownepisodes__episodes_item__recovery_one_of_count12 = 0
                                    if data__drawdownepisodes__episodes_item__recovery_one_of_count12 < 2:
                                        try:
                                            if not isinstance(data__drawdownepisodes__episodes_item__recovery, (NoneType)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown_episodes.episodes[{data__drawdownepisodes__episodes_x}].recovery".format(data__drawdownepisodes__episodes_x=data__drawdownepisodes__episodes_x) + " must be null")
                                            data__drawdownepisodes__episodes_item__recovery_one_of_count12 += 1
                                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                    if data__drawdownepisodes__episodes_item__recovery_one_of_count12 < 2:
                                        try:
                                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_date(data__drawdownepisodes__episodes_item__recovery, custom_formats, (name_prefix or "data") + ".drawdown_episodes.episodes[{data__drawdownepisodes__episodes_x}].recovery".format(data__drawdownepisodes__episodes_x=data__drawdownepisodes__episodes_x))
                                            data__drawdownepisodes__episodes_item__recovery_one_of_count12 += 1
                                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                    if data__drawdownepisodes__episodes_item__recovery_one_of_count12 != 1:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown_episodes.episodes[{data__drawdownepisodes__episodes_x}].recovery".format(data__drawdownepisodes__episodes_x=data__drawdownepisodes__episodes_x) + " must be valid exactly by one definition")
                                if "recovered" in data__drawdownepisodes__episodes_item_keys:
                                    data__drawdownepisodes__episodes_item_keys.remove("recovered")
                                    data__drawdownepisodes__episodes_item__recovered = data__drawdownepisodes__episodes_item["recovered"]
                                    if not isinstance(data__drawdownepisodes__episodes_item__recovered, (bool)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown_episodes.episodes[{data__drawdownepisodes__episodes_x}].recovered".format(data__drawdownepisodes__episodes_x=data__drawdownepisodes__episodes_x) + " must be boolean")
                                if "depth" in data__drawdownepisodes__episodes_item_keys:
                                    data__drawdownepisodes__episodes_item_keys.remove("depth")
                                    data__drawdownepisodes__episodes_item__depth = data__drawdownepisodes__episodes_item["depth"]
                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__drawdownepisodes__episodes_item__depth, custom_formats, (name_prefix or "data") + ".drawdown_episodes.episodes[{data__drawdownepisodes__episodes_x}].depth".format(data__drawdownepisodes__episodes_x=data__drawdownepisodes__episodes_x))
                                if "depth_fraction" in data__drawdownepisodes__episodes_item_keys:
                                    data__drawdownepisodes__episodes_item_keys.remove("depth_fraction")
                                    data__drawdownepisodes__episodes_item__depthfraction = data__drawdownepisodes__episodes_item["depth_fraction"]
                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__drawdownepisodes__episodes_item__depthfraction, custom_formats, (name_prefix or "data") + ".drawdown_episodes.episodes[{data__drawdownepisodes__episodes_x}].depth_fraction".format(data__drawdownepisodes__episodes_x=data__drawdownepisodes__episodes_x))
                                if "days_to_trough" in data__drawdownepisodes__episodes_item_keys:
                                    data__drawdownepisodes__episodes_item_keys.remove("days_to_trough")
                                    data__drawdownepisodes__episodes_item__daystotrough = data__drawdownepisodes__episodes_item["days_to_trough"]
                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__drawdownepisodes__episodes_item__daystotrough, custom_formats, (name_prefix or "data") + ".drawdown_episodes.episodes[{data__drawdownepisodes__episodes_x}].days_to_trough".format(data__drawdownepisodes__episodes_x=data__drawdownepisodes__episodes_x))
                                if "days_to_recovery" in data__drawdownepisodes__episodes_item_keys:
                                    data__drawdownepisodes__episodes_item_keys.remove("days_to_recovery")
                                    data__drawdownepisodes__episodes_item__daystorecovery = data__drawdownepisodes__episodes_item["days_to_recovery"]
                                    if not isinstance(data__drawdownepisodes__episodes_item__daystorecovery, (int, NoneType)) and not (isinstance(data__drawdownepisodes__episodes_item__daystorecovery, float) and data__drawdownepisodes__episodes_item__daystorecovery.is_integer()) or isinstance(data__drawdownepisodes__episodes_item__daystorecovery, bool):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown_episodes.episodes[{data__drawdownepisodes__episodes_x}].days_to_recovery".format(data__drawdownepisodes__episodes_x=data__drawdownepisodes__episodes_x) + " must be integer or null")
                                    if isinstance(data__drawdownepisodes__episodes_item__daystorecovery, (int, float, Decimal)) and not isinstance(data__drawdownepisodes__episodes_item__daystorecovery, bool):
                                        if data__drawdownepisodes__episodes_item__daystorecovery < 0:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown_episodes.episodes[{data__drawdownepisodes__episodes_x}].days_to_recovery".format(data__drawdownepisodes__episodes_x=data__drawdownepisodes__episodes_x) + " must be bigger than or equal to 0")
                                if "days_under_water" in data__drawdownepisodes__episodes_item_keys:
                                    data__drawdownepisodes__episodes_item_keys.remove("days_under_water")
                                    data__drawdownepisodes__episodes_item__daysunderwater = data__drawdownepisodes__episodes_item["days_under_water"]
                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__drawdownepisodes__episodes_item__daysunderwater, custom_formats, (name_prefix or "data") + ".drawdown_episodes.episodes[{data__drawdownepisodes__episodes_x}].days_under_water".format(data__drawdownepisodes__episodes_x=data__drawdownepisodes__episodes_x))
                                if data__drawdownepisodes__episodes_item_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown_episodes.episodes[{data__drawdownepisodes__episodes_x}]".format(data__drawdownepisodes__episodes_x=data__drawdownepisodes__episodes_x) + " must not contain "+str(data__drawdownepisodes__episodes_item_keys)+" properties")
                if data__drawdownepisodes_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".drawdown_episodes must not contain "+str(data__drawdownepisodes_keys)+" properties")
        if "targets" in data_keys:
            data_keys.remove("targets")
            data__targets = data["targets"]
            if not isinstance(data__targets, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets must be object")
            data__targets_is_dict = isinstance(data__targets, dict)
            if data__targets_is_dict:
                data__targets__missing_keys = set(['configured', 'source', 'note', 'breached', 'results']) - data__targets.keys()
                if data__targets__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets must contain ")
                data__targets_keys = set(data__targets.keys())
                if "configured" in data__targets_keys:
                    data__targets_keys.remove("configured")
                    data__targets__configured = data__targets["configured"]
                    if not isinstance(data__targets__configured, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.configured must be boolean")
                if "source" in data__targets_keys:
                    data__targets_keys.remove("source")
                    data__targets__source = data__targets["source"]
                    if not isinstance(data__targets__source, (str, NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.source must be string or null")
                if "note" in data__targets_keys:
                    data__targets_keys.remove("note")
                    data__targets__note = data__targets["note"]
                    if not isinstance(data__targets__note, (str, NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.note must be string or null")
                if "breached" in data__targets_keys:
                    data__targets_keys.remove("breached")
                    data__targets__breached = data__targets["breached"]
                    if not isinstance(data__targets__breached, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.breached must be boolean")
                if "results" in data__targets_keys:
                    data__targets_keys.remove("results")
                    data__targets__results = data__targets["results"]
                    if not isinstance(data__targets__results, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results must be array")
                    data__targets__results_is_list = isinstance(data__targets__results, (list, tuple))
                    if data__targets__results_is_list:
                        data__targets__results_len = len(data__targets__results)
                        for data__targets__results_x, data__targets__results_item in enumerate(data__targets__results):
                            if not isinstance(data__targets__results_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}]".format(data__targets__results_x=data__targets__results_x) + " must be object")
                            data__targets__results_item_is_dict = isinstance(data__targets__results_item, dict)
                            if data__targets__results_item_is_dict:
                                data__targets__results_item__missing_keys = set(['rule', 'metric', 'window', 'period', 'period_start', 'period_end', 'scope', 'unit', 'actual', 'target', 'critical', 'resolve', 'variance', 'status', 'severity', 'alert', 'fingerprint', 'sample_trades', 'min_trades', 'note', 'pacing']) - data__targets__results_item.keys()
                                if data__targets__results_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}]".format(data__targets__results_x=data__targets__results_x) + " must contain ")
                                data__targets__results_item_keys = set(data__targets__results_item.keys())
                                if "rule" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("rule")
                                    data__targets__results_item__rule = data__targets__results_item["rule"]
                                    if not isinstance(data__targets__results_item__rule, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].rule".format(data__targets__results_x=data__targets__results_x) + " must be string")
                                if "metric" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("metric")
                                    data__targets__results_item__metric = data__targets__results_item["metric"]
                                    if not isinstance(data__targets__results_item__metric, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].metric".format(data__targets__results_x=data__targets__results_x) + " must be string")
                                if "window" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("window")
                                    data__targets__results_item__window = data__targets__results_item["window"]
                                    if not isinstance(data__targets__results_item__window, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].window".format(data__targets__results_x=data__targets__results_x) + " must be string")
                                if "period" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("period")
                                    data__targets__results_item__period = data__targets__results_item["period"]
                                    if not isinstance(data__targets__results_item__period, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].period".format(data__targets__results_x=data__targets__results_x) + " must be string")
                                if "period_start" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("period_start")
                                    data__targets__results_item__periodstart = data__targets__results_item["period_start"]
                                    data__targets__results_item__periodstart_one_of_count13 = 0
                                    if data__targets__results_item__periodstart_one_of_count13 < 2:
                                        try:
                                            if not isinstance(data__targets__results_item__periodstart, (NoneType)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].period_start".format(data__targets__results_x=data__targets__results_x) + " must be null")
                                            data__targets__results_item__periodstart_one_of_count13 += 1
                                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                    if data__targets__results_item__periodstart_one_of_count13 < 2:
                                        try:
                                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_date(data__targets__results_item__periodstart, custom_formats, (name_prefix or "data") + ".targets.results[{data__targets__results_x}].period_start".format(data__targets__results_x=data__targets__results_x))
                                            data__targets__results_item__periodstart_one_of_count13 += 1
                                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                    if data__targets__results_item__periodstart_one_of_count13 != 1:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].period_start".format(data__targets__results_x=data__targets__results_x) + " must be valid exactly by one definition")
                                if "period_end" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("period_end")
                                    data__targets__results_item__periodend = data__targets__results_item["period_end"]
                                    data__targets__results_item__periodend_one_of_count14 = 0
                                    if data__targets__results_item__periodend_one_of_count14 < 2:
                                        try:
                                            if not isinstance(data__targets__results_item__periodend, (NoneType)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].period_end".format(data__targets__results_x=data__targets__results_x) + " must be null")
                                            data__targets__results_item__periodend_one_of_count14 += 1
                                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                    if data__targets__results_item__periodend_one_of_count14 < 2:
                                        try:
                                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_date(data__targets__results_item__periodend, custom_formats, (name_prefix or "data") + ".targets.results[{data__targets__results_x}].period_end".format(data__targets__results_x=data__targets__results_x))
                                            data__targets__results_item__periodend_one_of_count14 += 1
                                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                    if data__targets__results_item__periodend_one_of_count14 != 1:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].period_end".format(data__targets__results_x=data__targets__results_x) + " must be valid exactly by one definition")
                                if "scope" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("scope")
                                    data__targets__results_item__scope = data__targets__results_item["scope"]
                                    if not isinstance(data__targets__results_item__scope, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].scope".format(data__targets__results_x=data__targets__results_x) + " must be object")
                                    data__targets__results_item__scope_is_dict = isinstance(data__targets__results_item__scope, dict)
                                    if data__targets__results_item__scope_is_dict:
                                        data__targets__results_item__scope_keys = set(data__targets__results_item__scope.keys())
                                        for data__targets__results_item__scope_key in data__targets__results_item__scope_keys:
                                            if data__targets__results_item__scope_key not in []:
                                                data__targets__results_item__scope_value = data__targets__results_item__scope.get(data__targets__results_item__scope_key)
                                                if not isinstance(data__targets__results_item__scope_value, (str)):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].scope.{data__targets__results_item__scope_key}".format(data__targets__results_x=data__targets__results_x, data__targets__results_item__scope_key=data__targets__results_item__scope_key) + " must be string")
                                if "unit" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("unit")
                                    data__targets__results_item__unit = data__targets__results_item["unit"]
                                    if not (isinstance(data__targets__results_item__unit, str) and data__targets__results_item__unit == 'fraction' or isinstance(data__targets__results_item__unit, str) and data__targets__results_item__unit == 'money' or isinstance(data__targets__results_item__unit, str) and data__targets__results_item__unit == 'ratio' or isinstance(data__targets__results_item__unit, str) and data__targets__results_item__unit == 'count' or isinstance(data__targets__results_item__unit, str) and data__targets__results_item__unit == 'seconds'):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].unit".format(data__targets__results_x=data__targets__results_x) + " must be one of ['fraction', 'money', 'ratio', 'count', 'seconds']")
                                if "actual" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("actual")
                                    data__targets__results_item__actual = data__targets__results_item["actual"]
                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__targets__results_item__actual, custom_formats, (name_prefix or "data") + ".targets.results[{data__targets__results_x}].actual".format(data__targets__results_x=data__targets__results_x))
                                if "target" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("target")
                                    data__targets__results_item__target = data__targets__results_item["target"]
                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__targets__results_item__target, custom_formats, (name_prefix or "data") + ".targets.results[{data__targets__results_x}].target".format(data__targets__results_x=data__targets__results_x))
                                if "critical" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("critical")
                                    data__targets__results_item__critical = data__targets__results_item["critical"]
                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__targets__results_item__critical, custom_formats, (name_prefix or "data") + ".targets.results[{data__targets__results_x}].critical".format(data__targets__results_x=data__targets__results_x))
                                if "resolve" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("resolve")
                                    data__targets__results_item__resolve = data__targets__results_item["resolve"]
                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__targets__results_item__resolve, custom_formats, (name_prefix or "data") + ".targets.results[{data__targets__results_x}].resolve".format(data__targets__results_x=data__targets__results_x))
                                if "variance" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("variance")
                                    data__targets__results_item__variance = data__targets__results_item["variance"]
                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__targets__results_item__variance, custom_formats, (name_prefix or "data") + ".targets.results[{data__targets__results_x}].variance".format(data__targets__results_x=data__targets__results_x))
                                if "status" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("status")
                                    data__targets__results_item__status = data__targets__results_item["status"]
                                    if not (isinstance(data__targets__results_item__status, str) and data__targets__results_item__status == 'met' or isinstance(data__targets__results_item__status, str) and data__targets__results_item__status == 'breached' or isinstance(data__targets__results_item__status, str) and data__targets__results_item__status == 'insufficient_data' or isinstance(data__targets__results_item__status, str) and data__targets__results_item__status == 'no_trades' or isinstance(data__targets__results_item__status, str) and data__targets__results_item__status == 'undefined' or isinstance(data__targets__results_item__status, str) and data__targets__results_item__status == 'in_progress' or isinstance(data__targets__results_item__status, str) and data__targets__results_item__status == 'historical'):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].status".format(data__targets__results_x=data__targets__results_x) + " must be one of ['met', 'breached', 'insufficient_data', 'no_trades', 'undefined', 'in_progress', 'historical']")
                                if "severity" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("severity")
                                    data__targets__results_item__severity = data__targets__results_item["severity"]
                                    if not (isinstance(data__targets__results_item__severity, str) and data__targets__results_item__severity == 'WARN' or isinstance(data__targets__results_item__severity, str) and data__targets__results_item__severity == 'CRITICAL' or data__targets__results_item__severity is None):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].severity".format(data__targets__results_x=data__targets__results_x) + " must be one of ['WARN', 'CRITICAL', None]")
                                if "alert" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("alert")
                                    data__targets__results_item__alert = data__targets__results_item["alert"]
                                    if not (isinstance(data__targets__results_item__alert, str) and data__targets__results_item__alert == 'firing' or isinstance(data__targets__results_item__alert, str) and data__targets__results_item__alert == 'silenced' or isinstance(data__targets__results_item__alert, str) and data__targets__results_item__alert == 'inhibited' or isinstance(data__targets__results_item__alert, str) and data__targets__results_item__alert == 'resolved' or isinstance(data__targets__results_item__alert, str) and data__targets__results_item__alert == 'none'):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].alert".format(data__targets__results_x=data__targets__results_x) + " must be one of ['firing', 'silenced', 'inhibited', 'resolved', 'none']")
                                if "fingerprint" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("fingerprint")
                                    data__targets__results_item__fingerprint = data__targets__results_item["fingerprint"]
                                    if not isinstance(data__targets__results_item__fingerprint, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].fingerprint".format(data__targets__results_x=data__targets__results_x) + " must be string")
                                    if isinstance(data__targets__results_item__fingerprint, str):
                                        if not REGEX_PATTERNS['^[0-9a-f]{16}$'].search(data__targets__results_item__fingerprint):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].fingerprint".format(data__targets__results_x=data__targets__results_x) + " must match pattern ^[0-9a-f]{16}$")
                                if "sample_trades" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("sample_trades")
                                    data__targets__results_item__sampletrades = data__targets__results_item["sample_trades"]
                                    data__targets__results_item__sampletrades_one_of_count15 = 0
                                    if data__targets__results_item__sampletrades_one_of_count15 < 2:
                                        try:
                                            if not isinstance(data__targets__results_item__sampletrades, (NoneType)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].sample_trades".format(data__targets__results_x=data__targets__results_x) + " must be null")
                                            data__targets__results_item__sampletrades_one_of_count15 += 1
                                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                    if data__targets__results_item__sampletrades_one_of_count15 < 2:
                                        try:
                                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__targets__results_item__sampletrades, custom_formats, (name_prefix or "data") + ".targets.results[{data__targets__results_x}].sample_trades".format(data__targets__results_x=data__targets__results_x))
                                            data__targets__results_item__sampletrades_one_of_count15 += 1
                                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                    if data__targets__results_item__sampletrades_one_of_count15 != 1:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].sample_trades".format(data__targets__results_x=data__targets__results_x) + " must be valid exactly by one definition")
                                if "min_trades" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("min_trades")
                                    data__targets__results_item__mintrades = data__targets__results_item["min_trades"]
                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__targets__results_item__mintrades, custom_formats, (name_prefix or "data") + ".targets.results[{data__targets__results_x}].min_trades".format(data__targets__results_x=data__targets__results_x))
                                if "note" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("note")
                                    data__targets__results_item__note = data__targets__results_item["note"]
                                    if not isinstance(data__targets__results_item__note, (str, NoneType)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].note".format(data__targets__results_x=data__targets__results_x) + " must be string or null")
                                if "pacing" in data__targets__results_item_keys:
                                    data__targets__results_item_keys.remove("pacing")
                                    data__targets__results_item__pacing = data__targets__results_item["pacing"]
                                    data__targets__results_item__pacing_one_of_count16 = 0
                                    if data__targets__results_item__pacing_one_of_count16 < 2:
                                        try:
                                            if not isinstance(data__targets__results_item__pacing, (NoneType)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].pacing".format(data__targets__results_x=data__targets__results_x) + " must be null")
                                            data__targets__results_item__pacing_one_of_count16 += 1
                                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                    if data__targets__results_item__pacing_one_of_count16 < 2:
                                        try:
                                            if not isinstance(data__targets__results_item__pacing, (dict)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].pacing".format(data__targets__results_x=data__targets__results_x) + " must be object")
                                            data__targets__results_item__pacing_is_dict = isinstance(data__targets__results_item__pacing, dict)
                                            if data__targets__results_item__pacing_is_dict:
                                                data__targets__results_item__pacing__missing_keys = set(['actual', 'target', 'elapsed', 'expected', 'on_pace']) - data__targets__results_item__pacing.keys()
                                                if data__targets__results_item__pacing__missing_keys:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].pacing".format(data__targets__results_x=data__targets__results_x) + " must contain ")
                                                data__targets__results_item__pacing_keys = set(data__targets__results_item__pacing.keys())
                                                if "actual" in data__targets__results_item__pacing_keys:
                                                    data__targets__results_item__pacing_keys.remove("actual")
                                                    data__targets__results_item__pacing__actual = data__targets__results_item__pacing["actual"]
                                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__targets__results_item__pacing__actual, custom_formats, (name_prefix or "data") + ".targets.results[{data__targets__results_x}].pacing.actual".format(data__targets__results_x=data__targets__results_x))
                                                if "target" in data__targets__results_item__pacing_keys:
                                                    data__targets__results_item__pacing_keys.remove("target")
                                                    data__targets__results_item__pacing__target = data__targets__results_item__pacing["target"]
                                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__targets__results_item__pacing__target, custom_formats, (name_prefix or "data") + ".targets.results[{data__targets__results_x}].pacing.target".format(data__targets__results_x=data__targets__results_x))
                                                if "elapsed" in data__targets__results_item__pacing_keys:
                                                    data__targets__results_item__pacing_keys.remove("elapsed")
                                                    data__targets__results_item__pacing__elapsed = data__targets__results_item__pacing["elapsed"]
                                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__targets__results_item__pacing__elapsed, custom_formats, (name_prefix or "data") + ".targets.results[{data__targets__results_x}].pacing.elapsed".format(data__targets__results_x=data__targets__results_x))
                                                if "expected" in data__targets__results_item__pacing_keys:
                                                    data__targets__results_item__pacing_keys.remove("expected")
                                                    data__targets__results_item__pacing__expected = data__targets__results_item__pacing["expected"]
                                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__targets__results_item__pacing__expected, custom_formats, (name_prefix or "data") + ".targets.results[{data__targets__results_x}].pacing.expected".format(data__targets__results_x=data__targets__results_x))
                                                if "on_pace" in data__targets__results_item__pacing_keys:
                                                    data__targets__results_item__pacing_keys.remove("on_pace")
                                                    data__targets__results_item__pacing__onpace = data__targets__results_item__pacing["on_pace"]
                                                    if not isinstance(data__targets__results_item__pacing__onpace, (bool)):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].pacing.on_pace".format(data__targets__results_x=data__targets__results_x) + " must be boolean")
                                                if data__targets__results_item__pacing_keys:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].pacing".format(data__targets__results_x=data__targets__results_x) + " must not contain "+str(data__targets__results_item__pacing_keys)+" properties")
                                            data__targets__results_item__pacing_one_of_count16 += 1
                                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                    if data__targets__results_item__pacing_one_of_count16 != 1:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}].pacing".format(data__targets__results_x=data__targets__results_x) + " must be valid exactly by one definition")
                                if data__targets__results_item_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets.results[{data__targets__results_x}]".format(data__targets__results_x=data__targets__results_x) + " must not contain "+str(data__targets__results_item_keys)+" properties")
                if data__targets_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".targets must not contain "+str(data__targets_keys)+" properties")
        if "alerts" in data_keys:
            data_keys.remove("alerts")
            data__alerts = data["alerts"]
            if not isinstance(data__alerts, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts must be array")
            data__alerts_is_list = isinstance(data__alerts, (list, tuple))
            if data__alerts_is_list:
                data__alerts_len = len(data__alerts)
                for data__alerts_x, data__alerts_item in enumerate(data__alerts):
                    if not isinstance(data__alerts_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}]".format(data__alerts_x=data__alerts_x) + " must be object")
                    data__alerts_item_is_dict = isinstance(data__alerts_item, dict)
                    if data__alerts_item_is_dict:
                        data__alerts_item__missing_keys = set(['id', 'fingerprint', 'rule', 'metric', 'window', 'period_start', 'period_end', 'scope', 'severity', 'status', 'firing_since', 'resolved_at', 'acknowledged_at', 'emitted', 'actual', 'target', 'unit', 'message']) - data__alerts_item.keys()
                        if data__alerts_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}]".format(data__alerts_x=data__alerts_x) + " must contain ")
                        data__alerts_item_keys = set(data__alerts_item.keys())
                        if "id" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("id")
                            data__alerts_item__id = data__alerts_item["id"]
                            if not isinstance(data__alerts_item__id, (str, NoneType)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].id".format(data__alerts_x=data__alerts_x) + " must be string or null")
                        if "fingerprint" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("fingerprint")
                            data__alerts_item__fingerprint = data__alerts_item["fingerprint"]
                            if not isinstance(data__alerts_item__fingerprint, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].fingerprint".format(data__alerts_x=data__alerts_x) + " must be string")
                            if isinstance(data__alerts_item__fingerprint, str):
                                if not REGEX_PATTERNS['^[0-9a-f]{16}$'].search(data__alerts_item__fingerprint):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].fingerprint".format(data__alerts_x=data__alerts_x) + " must match pattern ^[0-9a-f]{16}$")
                        if "rule" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("rule")
                            data__alerts_item__rule = data__alerts_item["rule"]
                            if not isinstance(data__alerts_item__rule, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].rule".format(data__alerts_x=data__alerts_x) + " must be string")
                        if "metric" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("metric")
                            data__alerts_item__metric = data__alerts_item["metric"]
                            if not isinstance(data__alerts_item__metric, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].metric".format(data__alerts_x=data__alerts_x) + " must be string")
                        if "window" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("window")
                            data__alerts_item__window = data__alerts_item["window"]
                            if not isinstance(data__alerts_item__window, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].window".format(data__alerts_x=data__alerts_x) + " must be string")
                        if "period" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("period")
                            data__alerts_item__period = data__alerts_item["period"]
                            if not isinstance(data__alerts_item__period, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].period".format(data__alerts_x=data__alerts_x) + " must be string")
                        if "period_start" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("period_start")
                            data__alerts_item__periodstart = data__alerts_item["period_start"]
                            data__alerts_item__periodstart_one_of_count17 = 0
                            if data__alerts_item__periodstart_one_of_count17 < 2:
                                try:
                                    if not isinstance(data__alerts_item__periodstart, (NoneType)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].period_start".format(data__alerts_x=data__alerts_x) + " must be null")
                                    data__alerts_item__periodstart_one_of_count17 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__alerts_item__periodstart_one_of_count17 < 2:
                                try:
                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_date(data__alerts_item__periodstart, custom_formats, (name_prefix or "data") + ".alerts[{data__alerts_x}].period_start".format(data__alerts_x=data__alerts_x))
                                    data__alerts_item__periodstart_one_of_count17 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__alerts_item__periodstart_one_of_count17 != 1:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].period_start".format(data__alerts_x=data__alerts_x) + " must be valid exactly by one definition")
                        if "period_end" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("period_end")
                            data__alerts_item__periodend = data__alerts_item["period_end"]
                            data__alerts_item__periodend_one_of_count18 = 0
                            if data__alerts_item__periodend_one_of_count18 < 2:
                                try:
                                    if not isinstance(data__alerts_item__periodend, (NoneType)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].period_end".format(data__alerts_x=data__alerts_x) + " must be null")
                                    data__alerts_item__periodend_one_of_count18 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__alerts_item__periodend_one_of_count18 < 2:
                                try:
                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_date(data__alerts_item__periodend, custom_formats, (name_prefix or "data") + ".alerts[{data__alerts_x}].period_end".format(data__alerts_x=data__alerts_x))
                                    data__alerts_item__periodend_one_of_count18 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__alerts_item__periodend_one_of_count18 != 1:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].period_end".format(data__alerts_x=data__alerts_x) + " must be valid exactly by one definition")
                        if "scope" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("scope")
                            data__alerts_item__scope = data__alerts_item["scope"]
                            if not isinstance(data__alerts_item__scope, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].scope".format(data__alerts_x=data__alerts_x) + " must be object")
                            data__alerts_item__scope_is_dict = isinstance(data__alerts_item__scope, dict)
                            if data__alerts_item__scope_is_dict:
                                data__alerts_item__scope_keys = set(data__alerts_item__scope.keys())
                                for data__alerts_item__scope_key in data__alerts_item__scope_keys:
                                    if data__alerts_item__scope_key not in []:
                                        data__alerts_item__scope_value = data__alerts_item__scope.get(data__alerts_item__scope_key)
                                        if not isinstance(data__alerts_item__scope_value, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].scope.{data__alerts_item__scope_key}".format(data__alerts_x=data__alerts_x, data__alerts_item__scope_key=data__alerts_item__scope_key) + " must be string")
                        if "severity" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("severity")
                            data__alerts_item__severity = data__alerts_item["severity"]
                            if not (isinstance(data__alerts_item__severity, str) and data__alerts_item__severity == 'WARN' or isinstance(data__alerts_item__severity, str) and data__alerts_item__severity == 'CRITICAL'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].severity".format(data__alerts_x=data__alerts_x) + " must be one of ['WARN', 'CRITICAL']")
                        if "status" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("status")
                            data__alerts_item__status = data__alerts_item["status"]
                            if not (isinstance(data__alerts_item__status, str) and data__alerts_item__status == 'firing' or isinstance(data__alerts_item__status, str) and data__alerts_item__status == 'resolved'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].status".format(data__alerts_x=data__alerts_x) + " must be one of ['firing', 'resolved']")
                        if "firing_since" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("firing_since")
                            data__alerts_item__firingsince = data__alerts_item["firing_since"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_instant(data__alerts_item__firingsince, custom_formats, (name_prefix or "data") + ".alerts[{data__alerts_x}].firing_since".format(data__alerts_x=data__alerts_x))
                        if "resolved_at" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("resolved_at")
                            data__alerts_item__resolvedat = data__alerts_item["resolved_at"]
                            data__alerts_item__resolvedat_one_of_count19 = 0
                            if data__alerts_item__resolvedat_one_of_count19 < 2:
                                try:
                                    if not isinstance(data__alerts_item__resolvedat, (NoneType)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].resolved_at".format(data__alerts_x=data__alerts_x) + " must be null")
                                    data__alerts_item__resolvedat_one_of_count19 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__alerts_item__resolvedat_one_of_count19 < 2:
                                try:
                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_instant(data__alerts_item__resolvedat, custom_formats, (name_prefix or "data") + ".alerts[{data__alerts_x}].resolved_at".format(data__alerts_x=data__alerts_x))
                                    data__alerts_item__resolvedat_one_of_count19 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__alerts_item__resolvedat_one_of_count19 != 1:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].resolved_at".format(data__alerts_x=data__alerts_x) + " must be valid exactly by one definition")
                        if "acknowledged_at" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("acknowledged_at")
                            data__alerts_item__acknowledgedat = data__alerts_item["acknowledged_at"]
                            data__alerts_item__acknowledgedat_one_of_count20 = 0
                            if data__alerts_item__acknowledgedat_one_of_count20 < 2:
                                try:
                                    if not isinstance(data__alerts_item__acknowledgedat, (NoneType)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].acknowledged_at".format(data__alerts_x=data__alerts_x) + " must be null")
                                    data__alerts_item__acknowledgedat_one_of_count20 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__alerts_item__acknowledgedat_one_of_count20 < 2:
                                try:
                                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_instant(data__alerts_item__acknowledgedat, custom_formats, (name_prefix or "data") + ".alerts[{data__alerts_x}].acknowledged_at".format(data__alerts_x=data__alerts_x))
                                    data__alerts_item__acknowledgedat_one_of_count20 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__alerts_item__acknowledgedat_one_of_count20 != 1:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].acknowledged_at".format(data__alerts_x=data__alerts_x) + " must be valid exactly by one definition")
                        if "emitted" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("emitted")
                            data__alerts_item__emitted = data__alerts_item["emitted"]
                            if not isinstance(data__alerts_item__emitted, (bool)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].emitted".format(data__alerts_x=data__alerts_x) + " must be boolean")
                        if "actual" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("actual")
                            data__alerts_item__actual = data__alerts_item["actual"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__alerts_item__actual, custom_formats, (name_prefix or "data") + ".alerts[{data__alerts_x}].actual".format(data__alerts_x=data__alerts_x))
                        if "target" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("target")
                            data__alerts_item__target = data__alerts_item["target"]
                            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__alerts_item__target, custom_formats, (name_prefix or "data") + ".alerts[{data__alerts_x}].target".format(data__alerts_x=data__alerts_x))
                        if "unit" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("unit")
                            data__alerts_item__unit = data__alerts_item["unit"]
                            if not (isinstance(data__alerts_item__unit, str) and data__alerts_item__unit == 'fraction' or isinstance(data__alerts_item__unit, str) and data__alerts_item__unit == 'money' or isinstance(data__alerts_item__unit, str) and data__alerts_item__unit == 'ratio' or isinstance(data__alerts_item__unit, str) and data__alerts_item__unit == 'count' or isinstance(data__alerts_item__unit, str) and data__alerts_item__unit == 'seconds'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].unit".format(data__alerts_x=data__alerts_x) + " must be one of ['fraction', 'money', 'ratio', 'count', 'seconds']")
                        if "message" in data__alerts_item_keys:
                            data__alerts_item_keys.remove("message")
                            data__alerts_item__message = data__alerts_item["message"]
                            if not isinstance(data__alerts_item__message, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}].message".format(data__alerts_x=data__alerts_x) + " must be string")
                        if data__alerts_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".alerts[{data__alerts_x}]".format(data__alerts_x=data__alerts_x) + " must not contain "+str(data__alerts_item_keys)+" properties")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_traderow(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['order_id', 'symbol', 'outcome', 'net_profit_loss', 'realized_at', 'source', 'groups']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "order_id" in data_keys:
            data_keys.remove("order_id")
            data__orderid = data["order_id"]
            if not isinstance(data__orderid, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".order_id must be string")
        if "symbol" in data_keys:
            data_keys.remove("symbol")
            data__symbol = data["symbol"]
            if not isinstance(data__symbol, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".symbol must be string")
        if "outcome" in data_keys:
            data_keys.remove("outcome")
            data__outcome = data["outcome"]
            if not (isinstance(data__outcome, str) and data__outcome == 'win' or isinstance(data__outcome, str) and data__outcome == 'loss' or isinstance(data__outcome, str) and data__outcome == 'breakeven'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".outcome must be one of ['win', 'loss', 'breakeven']")
        if "net_profit_loss" in data_keys:
            data_keys.remove("net_profit_loss")
            data__netprofitloss = data["net_profit_loss"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__netprofitloss, custom_formats, (name_prefix or "data") + ".net_profit_loss")
        if "realized_at" in data_keys:
            data_keys.remove("realized_at")
            data__realizedat = data["realized_at"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_instant(data__realizedat, custom_formats, (name_prefix or "data") + ".realized_at")
        if "source" in data_keys:
            data_keys.remove("source")
            data__source = data["source"]
            if not isinstance(data__source, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".source must be string")
        if "groups" in data_keys:
            data_keys.remove("groups")
            data__groups = data["groups"]
            if not isinstance(data__groups, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".groups must be object")
            data__groups_is_dict = isinstance(data__groups, dict)
            if data__groups_is_dict:
                data__groups_keys = set(data__groups.keys())
                for data__groups_key in data__groups_keys:
                    if data__groups_key not in []:
                        data__groups_value = data__groups.get(data__groups_key)
                        data__groups_value_one_of_count21 = 0
                        if data__groups_value_one_of_count21 < 2:
                            try:
                                if not isinstance(data__groups_value, (str)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".groups.{data__groups_key}".format(data__groups_key=data__groups_key) + " must be string")
                                data__groups_value_one_of_count21 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                        if data__groups_value_one_of_count21 < 2:
                            try:
                                if not isinstance(data__groups_value, (list, tuple)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".groups.{data__groups_key}".format(data__groups_key=data__groups_key) + " must be array")
                                data__groups_value_is_list = isinstance(data__groups_value, (list, tuple))
                                if data__groups_value_is_list:
                                    data__groups_value_len = len(data__groups_value)
                                    for data__groups_value_x, data__groups_value_item in enumerate(data__groups_value):
                                        if not isinstance(data__groups_value_item, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".groups.{data__groups_key}[{data__groups_value_x}]".format(data__groups_key=data__groups_key, data__groups_value_x=data__groups_value_x) + " must be string")
                                data__groups_value_one_of_count21 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                        if data__groups_value_one_of_count21 != 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".groups.{data__groups_key}".format(data__groups_key=data__groups_key) + " must be valid exactly by one definition")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_metricvalue(data, custom_formats={}, name_prefix=None):
    data_one_of_count22 = 0
    if data_one_of_count22 < 2:
        try:
            if not isinstance(data, (NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be null")
            data_one_of_count22 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count22 < 2:
        try:
            if not isinstance(data, (int)) and not (isinstance(data, float) and data.is_integer()) or isinstance(data, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be integer")
            data_one_of_count22 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count22 < 2:
        try:
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data, custom_formats, (name_prefix or "data") + "")
            data_one_of_count22 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count22 != 1:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be valid exactly by one definition")
    return data

def validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_rankedrow(data, custom_formats={}, name_prefix=None):
    data_one_of_count23 = 0
    if data_one_of_count23 < 2:
        try:
            if not isinstance(data, (NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be null")
            data_one_of_count23 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count23 < 2:
        try:
            if not isinstance(data, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['key', 'closed_trades', 'expectancy', 'net_profit_loss']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
                data_keys = set(data.keys())
                if "key" in data_keys:
                    data_keys.remove("key")
                    data__key = data["key"]
                    if not isinstance(data__key, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".key must be string")
                if "closed_trades" in data_keys:
                    data_keys.remove("closed_trades")
                    data__closedtrades = data["closed_trades"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__closedtrades, custom_formats, (name_prefix or "data") + ".closed_trades")
                if "expectancy" in data_keys:
                    data_keys.remove("expectancy")
                    data__expectancy = data["expectancy"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__expectancy, custom_formats, (name_prefix or "data") + ".expectancy")
                if "net_profit_loss" in data_keys:
                    data_keys.remove("net_profit_loss")
                    data__netprofitloss = data["net_profit_loss"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__netprofitloss, custom_formats, (name_prefix or "data") + ".net_profit_loss")
                if data_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
            data_one_of_count23 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count23 != 1:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be valid exactly by one definition")
    return data

def validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_cashflow(data, custom_formats={}, name_prefix=None):
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
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_date(data__date, custom_formats, (name_prefix or "data") + ".date")
        if "amount" in data_keys:
            data_keys.remove("amount")
            data__amount = data["amount"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__amount, custom_formats, (name_prefix or "data") + ".amount")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_examples(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        if data_len > 10:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain less than or equal to 10 items")
        for data_x, data_item in enumerate(data):
            if not isinstance(data_item, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(data_x=data_x) + " must be string")
    return data

def validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_dayextreme(data, custom_formats={}, name_prefix=None):
    data_one_of_count24 = 0
    if data_one_of_count24 < 2:
        try:
            if not isinstance(data, (NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be null")
            data_one_of_count24 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count24 < 2:
        try:
            if not isinstance(data, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['date', 'net_profit_loss', 'closed_trades']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
                data_keys = set(data.keys())
                if "date" in data_keys:
                    data_keys.remove("date")
                    data__date = data["date"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_date(data__date, custom_formats, (name_prefix or "data") + ".date")
                if "net_profit_loss" in data_keys:
                    data_keys.remove("net_profit_loss")
                    data__netprofitloss = data["net_profit_loss"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__netprofitloss, custom_formats, (name_prefix or "data") + ".net_profit_loss")
                if "closed_trades" in data_keys:
                    data_keys.remove("closed_trades")
                    data__closedtrades = data["closed_trades"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__closedtrades, custom_formats, (name_prefix or "data") + ".closed_trades")
                if data_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
            data_one_of_count24 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count24 != 1:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be valid exactly by one definition")
    return data

def validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_extreme(data, custom_formats={}, name_prefix=None):
    data_one_of_count25 = 0
    if data_one_of_count25 < 2:
        try:
            if not isinstance(data, (NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be null")
            data_one_of_count25 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count25 < 2:
        try:
            if not isinstance(data, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['order_id', 'symbol', 'net_profit_loss', 'realized_at']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
                data_keys = set(data.keys())
                if "order_id" in data_keys:
                    data_keys.remove("order_id")
                    data__orderid = data["order_id"]
                    if not isinstance(data__orderid, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".order_id must be string")
                if "symbol" in data_keys:
                    data_keys.remove("symbol")
                    data__symbol = data["symbol"]
                    if not isinstance(data__symbol, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".symbol must be string")
                if "net_profit_loss" in data_keys:
                    data_keys.remove("net_profit_loss")
                    data__netprofitloss = data["net_profit_loss"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__netprofitloss, custom_formats, (name_prefix or "data") + ".net_profit_loss")
                if "realized_at" in data_keys:
                    data_keys.remove("realized_at")
                    data__realizedat = data["realized_at"]
                    validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_instant(data__realizedat, custom_formats, (name_prefix or "data") + ".realized_at")
                if data_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
            data_one_of_count25 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count25 != 1:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be valid exactly by one definition")
    return data

def validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^-?[0-9]+(\\.[0-9]+)?$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^-?[0-9]+(\\.[0-9]+)?$")
    return data

def validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data, custom_formats={}, name_prefix=None):
    data_one_of_count26 = 0
    if data_one_of_count26 < 2:
        try:
            if not isinstance(data, (NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be null")
            data_one_of_count26 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count26 < 2:
        try:
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data, custom_formats, (name_prefix or "data") + "")
            data_one_of_count26 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count26 != 1:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be valid exactly by one definition")
    return data

def validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (int)) and not (isinstance(data, float) and data.is_integer()) or isinstance(data, bool):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be integer")
    if isinstance(data, (int, float, Decimal)) and not isinstance(data, bool):
        if data < 0:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be bigger than or equal to 0")
    return data

def validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_corerow(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['closed_trades', 'wins', 'losses', 'breakevens', 'net_profit_loss', 'gross_profit', 'gross_loss', 'commission', 'win_rate', 'decided_win_rate', 'average_win', 'average_loss', 'payoff_ratio', 'profit_factor', 'expectancy', 'average_commission', 'average_hold_seconds', 'average_win_hold_seconds', 'average_loss_hold_seconds', 'average_planned_rr', 'average_r_multiple']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "closed_trades" in data_keys:
            data_keys.remove("closed_trades")
            data__closedtrades = data["closed_trades"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__closedtrades, custom_formats, (name_prefix or "data") + ".closed_trades")
        if "wins" in data_keys:
            data_keys.remove("wins")
            data__wins = data["wins"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__wins, custom_formats, (name_prefix or "data") + ".wins")
        if "losses" in data_keys:
            data_keys.remove("losses")
            data__losses = data["losses"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__losses, custom_formats, (name_prefix or "data") + ".losses")
        if "breakevens" in data_keys:
            data_keys.remove("breakevens")
            data__breakevens = data["breakevens"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_count(data__breakevens, custom_formats, (name_prefix or "data") + ".breakevens")
        if "net_profit_loss" in data_keys:
            data_keys.remove("net_profit_loss")
            data__netprofitloss = data["net_profit_loss"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__netprofitloss, custom_formats, (name_prefix or "data") + ".net_profit_loss")
        if "gross_profit" in data_keys:
            data_keys.remove("gross_profit")
            data__grossprofit = data["gross_profit"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__grossprofit, custom_formats, (name_prefix or "data") + ".gross_profit")
        if "gross_loss" in data_keys:
            data_keys.remove("gross_loss")
            data__grossloss = data["gross_loss"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__grossloss, custom_formats, (name_prefix or "data") + ".gross_loss")
        if "commission" in data_keys:
            data_keys.remove("commission")
            data__commission = data["commission"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_decimal(data__commission, custom_formats, (name_prefix or "data") + ".commission")
        if "win_rate" in data_keys:
            data_keys.remove("win_rate")
            data__winrate = data["win_rate"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__winrate, custom_formats, (name_prefix or "data") + ".win_rate")
        if "decided_win_rate" in data_keys:
            data_keys.remove("decided_win_rate")
            data__decidedwinrate = data["decided_win_rate"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__decidedwinrate, custom_formats, (name_prefix or "data") + ".decided_win_rate")
        if "average_win" in data_keys:
            data_keys.remove("average_win")
            data__averagewin = data["average_win"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__averagewin, custom_formats, (name_prefix or "data") + ".average_win")
        if "average_loss" in data_keys:
            data_keys.remove("average_loss")
            data__averageloss = data["average_loss"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__averageloss, custom_formats, (name_prefix or "data") + ".average_loss")
        if "payoff_ratio" in data_keys:
            data_keys.remove("payoff_ratio")
            data__payoffratio = data["payoff_ratio"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__payoffratio, custom_formats, (name_prefix or "data") + ".payoff_ratio")
        if "profit_factor" in data_keys:
            data_keys.remove("profit_factor")
            data__profitfactor = data["profit_factor"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__profitfactor, custom_formats, (name_prefix or "data") + ".profit_factor")
        if "expectancy" in data_keys:
            data_keys.remove("expectancy")
            data__expectancy = data["expectancy"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__expectancy, custom_formats, (name_prefix or "data") + ".expectancy")
        if "average_commission" in data_keys:
            data_keys.remove("average_commission")
            data__averagecommission = data["average_commission"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__averagecommission, custom_formats, (name_prefix or "data") + ".average_commission")
        if "average_hold_seconds" in data_keys:
            data_keys.remove("average_hold_seconds")
            data__averageholdseconds = data["average_hold_seconds"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__averageholdseconds, custom_formats, (name_prefix or "data") + ".average_hold_seconds")
        if "average_win_hold_seconds" in data_keys:
            data_keys.remove("average_win_hold_seconds")
            data__averagewinholdseconds = data["average_win_hold_seconds"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__averagewinholdseconds, custom_formats, (name_prefix or "data") + ".average_win_hold_seconds")
        if "average_loss_hold_seconds" in data_keys:
            data_keys.remove("average_loss_hold_seconds")
            data__averagelossholdseconds = data["average_loss_hold_seconds"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__averagelossholdseconds, custom_formats, (name_prefix or "data") + ".average_loss_hold_seconds")
        if "average_planned_rr" in data_keys:
            data_keys.remove("average_planned_rr")
            data__averageplannedrr = data["average_planned_rr"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__averageplannedrr, custom_formats, (name_prefix or "data") + ".average_planned_rr")
        if "average_r_multiple" in data_keys:
            data_keys.remove("average_r_multiple")
            data__averagermultiple = data["average_r_multiple"]
            validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_nullabledecimal(data__averagermultiple, custom_formats, (name_prefix or "data") + ".average_r_multiple")
    return data

def validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_date(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9]{4}-[0-9]{2}-[0-9]{2}$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    return data

def validate_https___trading_bot_local_specs_performance_summary_schema_json___defs_instant(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$")
    return data

validate = validate_https___trading_bot_local_specs_performance_summary_schema_json
