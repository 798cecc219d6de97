"""The bundled sample logs produce a real, schema-valid weekly summary."""

from datetime import date
from pathlib import Path

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.schemas.validation import schema_errors

from ..conftest import fixed_clock

SAMPLE = Path(__file__).resolve().parents[3] / "logs" / "sample"


def test_sample_weekly_summary_is_real_and_valid() -> None:
    summary = PerformanceTracker(SAMPLE, clock=fixed_clock("2026-11-21T00:00:00Z")).get_summary(
        "weekly", on=date(2026, 11, 4))
    document = summary.to_dict()
    assert schema_errors("performance-summary", document) == []
    assert document["period"] == {"label": "2026-W45", "start": "2026-11-02", "end": "2026-11-08",
                                  "complete": True, "trades_requested": None}
    assert document["metrics"]["closed_trades"] > 40
    assert document["data_quality"]["bad_lines"] == 1
    assert {"momentum_breakout", "mean_reversion"} <= {
        row["key"] for row in document["breakdowns"]["strategy_name"]["rows"]}


def test_bundled_sample_is_what_the_generator_writes(tmp_path: Path) -> None:
    """In-process twin of the CLI check: regeneration with defaults is byte-identical."""
    from trading_bot.performance.tools import sample

    assert sample.main(["--out", str(tmp_path)]) == 0
    fresh = sorted(path.name for path in tmp_path.iterdir())
    assert fresh == sorted(path.name for path in SAMPLE.glob("*.jsonl"))
    for name in fresh:
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), name


def test_the_alert_log_next_to_the_trade_logs_is_not_reported_as_skipped(tmp_path: Path) -> None:
    """``logs/performance-alerts.jsonl`` is ours: no "file name is not a date" warning for it,
    while a stray ``notes.jsonl`` still gets one."""
    from trading_bot.performance import PerformanceTracker

    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "2026-03-02.jsonl").write_text("", encoding="utf-8")
    (logs / "performance-alerts.jsonl").write_text("{}\n", encoding="utf-8")
    (logs / "notes.jsonl").write_text("", encoding="utf-8")
    summary = PerformanceTracker(logs).get_summary("daily", on=date(2026, 3, 2))
    assert summary.data_quality.files_skipped == (
        "notes.jsonl: file name is not a date (expected YYYY-MM-DD.jsonl)",)
