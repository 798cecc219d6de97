"""Per-trade output (``--format trades-csv`` / ``trades-jsonl``) and the ``--where`` filter
through the command line (run as a subprocess: exit codes, stdout, stderr)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from trading_bot.performance import PerformanceTracker
from trading_bot.performance.cli.common import EXIT_OK, EXIT_USAGE
from trading_bot.performance.core.filters import FILTER_FIELDS
from trading_bot.performance.core.trade_rows import TRADE_ROW_FIELDS, TradeRow
from trading_bot.performance.report.trades_table import write_trades_csv, write_trades_jsonl
from trading_bot.performance.schemas.validation import schema_errors
from trading_bot.performance.tools.sample import SampleSpec, generate

from ..conftest import fixed_clock, trade, write_log
from .test_reports import CLOCK, WEEK, assert_golden, write_sample

SRC = Path(__file__).resolve().parents[3] / "src"


def cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    """Run the command line; stdout and stderr decoded as written (CSV keeps its CRLF)."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "trading_bot.performance", *arguments],
                          capture_output=True, env=env, check=False, timeout=120)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(),
                                       done.stderr.decode())


@pytest.fixture
def sample(logs: Path) -> Path:
    write_sample(logs)
    return logs


def _weekly(logs: Path, *more: str) -> list[str]:
    return ["--window", "weekly", "--date", WEEK, "--logs-dir", str(logs), *more]


def test_trades_csv_golden_and_totals(sample: Path) -> None:
    done = cli(*_weekly(sample, "--format", "trades-csv"))
    assert done.returncode == EXIT_OK, done.stderr
    assert_golden("weekly-trades.csv", done.stdout)
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert list(rows[0]) == list(TRADE_ROW_FIELDS)
    summary = PerformanceTracker(sample, clock=fixed_clock(CLOCK)).get_summary(
        "weekly", on=date.fromisoformat(WEEK))
    assert len(rows) == summary.aggregate.core.closed
    assert sum(Decimal(row["net"]) for row in rows) == summary.aggregate.core.net
    assert all(row["entry_at"].endswith("+00:00") and row["exit_at"].endswith("+00:00")
               for row in rows)
    # Realization order, each trade once, the duplicate line counted once.
    assert [row["exit_at"] for row in rows] == sorted(row["exit_at"] for row in rows)
    assert len({row["order_id"] for row in rows}) == len(rows)


def test_trades_jsonl_golden_exact_decimals(sample: Path) -> None:
    done = cli(*_weekly(sample, "--format", "trades-jsonl"))
    assert done.returncode == EXIT_OK, done.stderr
    assert_golden("weekly-trades.jsonl", done.stdout)
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert rows and all(list(row) == list(TRADE_ROW_FIELDS) for row in rows)
    assert all(isinstance(row["net"], str) and isinstance(row["quantity"], str) for row in rows)
    assert all(row["exit_price"] is None for row in rows)     # logged closed: entry price only
    csv_rows = list(csv.DictReader(io.StringIO(cli(*_weekly(sample, "--format",
                                                            "trades-csv")).stdout)))
    assert [row["net"] for row in rows] == [row["net"] for row in csv_rows]


def test_trades_honour_where_and_the_cache(sample: Path) -> None:
    where = ("--where", "strategy_name=beta", "--where", "symbol=AAPL", "--where",
             "symbol=ETH-USD")
    cached = cli(*_weekly(sample, "--format", "trades-jsonl", *where))
    uncached = cli(*_weekly(sample, "--format", "trades-jsonl", "--no-cache", *where))
    assert cached.returncode == uncached.returncode == EXIT_OK, cached.stderr + uncached.stderr
    assert cached.stdout == uncached.stdout
    rows = [json.loads(line) for line in cached.stdout.splitlines()]
    assert {row["order_id"] for row in rows} == {"C03", "C05", "C09", "C12"}
    summary = PerformanceTracker(sample, clock=fixed_clock(CLOCK), where=list(where[1::2])) \
        .get_summary("weekly", on=date.fromisoformat(WEEK))
    assert sum(Decimal(row["net"]) for row in rows) == summary.aggregate.core.net
    assert len(rows) == summary.aggregate.core.closed


def _executions(logs: Path) -> None:
    spec = SampleSpec(start=date(2024, 5, 6), days=5, trades_per_day=10, seed=11,
                      executions=True)
    logs.mkdir(parents=True, exist_ok=True)
    for day, lines in generate(spec).items():
        (logs / f"{day.isoformat()}.jsonl").write_text("".join(line + "\n" for line in lines))


def test_round_trips_are_rows_with_average_prices(tmp_path: Path) -> None:
    """Cached, a round trip's row re-pairs its own key from a checkpoint; uncached, every
    execution is paired: the same rows."""
    logs = tmp_path / "logs"
    _executions(logs)
    found = []
    for cache in (False, True, True):
        tracker = PerformanceTracker(logs, clock=fixed_clock("2024-06-01T00:00:00Z"),
                                     cache=cache, workers=1)
        found.append(list(tracker.trade_rows("range", date(2024, 5, 7), date(2024, 5, 10))))
    assert found[0] == found[1] == found[2]
    rows = found[0]
    summary = tracker.get_summary("range", date(2024, 5, 7), date(2024, 5, 10))
    assert len(rows) == summary.aggregate.core.closed
    assert sum((row.net for row in rows), Decimal(0)) == summary.aggregate.core.net
    trips = [row for row in rows if row.kind == "round_trip"]
    assert trips, "the executions sample pairs into round trips"
    for row in trips:
        assert row.exit_price is not None and row.account_id is not None
        assert row.gross - row.commission == row.net
        assert row.entry_at <= row.exit_at
    assert [row.exit_at for row in rows] == sorted(row.exit_at for row in rows)


def test_rolling_trades_are_the_last_n(sample: Path) -> None:
    tracker = PerformanceTracker(sample, clock=fixed_clock(CLOCK))
    rows = list(tracker.trade_rows("rolling", on=date.fromisoformat(WEEK), trades=4))
    summary = tracker.get_summary("rolling", on=date.fromisoformat(WEEK), trades=4)
    assert len(rows) == 4
    assert sum((row.net for row in rows), Decimal(0)) == summary.aggregate.core.net


def _generated(count: int) -> Iterator[TradeRow]:
    """Rows made on the fly: the writers must not hold them (they see an iterator)."""
    row = TradeRow(
        entry_at=datetime(2025, 1, 1, tzinfo=UTC), exit_at=datetime(2025, 1, 1, 1, tzinfo=UTC),
        symbol="=cmd", side="long", quantity=Decimal("1E-8"), entry_price=Decimal("100"),
        exit_price=None, gross=Decimal("-1.50"), commission=Decimal("0.5"),
        net=Decimal("-2.00"), outcome="loss", hold_seconds=Decimal(3600), r_multiple=None,
        strategy_name="a,b", entry_type=None, exit_reason_template=None, exit_reason=None,
        execution_mode="LIVE", account_id=None, order_id="X", source="f.jsonl:1", kind="logged")
    for _ in range(count):
        yield row


def test_writers_spell_values_for_spreadsheets() -> None:
    out = io.StringIO()
    assert write_trades_csv(_generated(2), out) == 2
    header, first, *_ = list(csv.reader(io.StringIO(out.getvalue())))
    cells = dict(zip(header, first, strict=True))
    assert cells["quantity"] == "0.00000001"          # never exponent form
    assert cells["symbol"] == "'=cmd"                  # no formula from a logged value
    assert cells["net"] == "-2.00"                     # our numbers are left alone
    assert cells["exit_price"] == "" and cells["strategy_name"] == "a,b"
    lines = io.StringIO()
    assert write_trades_jsonl(_generated(1), lines) == 1
    document = json.loads(lines.getvalue())
    assert document["quantity"] == "0.00000001" and document["exit_price"] is None
    assert document["symbol"] == "=cmd"


def test_unknown_where_field_is_a_usage_error(sample: Path) -> None:
    done = cli(*_weekly(sample, "--where", "account=ACC-1"))
    assert done.returncode == EXIT_USAGE
    assert "allowed fields: " + ", ".join(FILTER_FIELDS) in done.stderr
    assert cli(*_weekly(sample, "--where", "symbol")).returncode == EXIT_USAGE
    clash = cli(*_weekly(sample, "--format", "trades-csv", "--export"))
    assert clash.returncode == EXIT_USAGE and "--export" in clash.stderr


def test_every_header_says_what_was_filtered(sample: Path) -> None:
    where = ("--where", "execution_mode=LIVE")
    text = " ".join(cli(*_weekly(sample, *where)).stdout.split())     # unwrapped
    # The PAPER trades C01, C02, C04, C08, C10, C11, C13 (net 301.00) and open position C15.
    assert ("Filter: execution_mode=LIVE; left out 7 closed trades (net P&L 301.00) and 1 "
            "open positions") in text
    markdown = cli(*_weekly(sample, "--format", "markdown", *where)).stdout
    assert "- **Filter:** execution_mode=LIVE; left out 7 closed trades" in markdown
    html = cli(*_weekly(sample, "--format", "html", *where)).stdout
    assert "<dt>Filter</dt><dd>execution_mode=LIVE; left out 7 closed trades" in html
    done = cli(*_weekly(sample, "--format", "json", *where))
    document = json.loads(done.stdout)
    assert document["filters"] == {"where": {"execution_mode": ["LIVE"]},
                                   "excluded_trades": 7, "excluded_net_pnl": "301.00",
                                   "excluded_open_positions": 1}
    assert schema_errors("performance-summary", document) == []
    assert "Filter:" not in cli(*_weekly(sample)).stdout


def test_a_filter_that_keeps_nothing_says_so(logs: Path) -> None:
    write_log(logs, "2025-03-12", trade("A", entry="2025-03-12T10:00:00Z",
                                        exit="2025-03-12T11:00:00Z", net="5"))
    done = cli(*_weekly(logs, "--format", "json", "--where", "symbol=MSFT"))
    document = json.loads(done.stdout)
    assert document["status"] == "empty"
    assert document["empty_reason"]["code"] == "filtered_out"
    assert document["filters"]["excluded_trades"] == 1


@pytest.mark.parametrize("cache", [True, False])
def test_account_filter_keeps_its_trades_and_positions(logs: Path, cache: bool) -> None:
    """account_id is not a breakdown: the filter reads it from the line, for closed trades and
    open positions alike (also a position still open at the window's end that closed later)."""
    write_log(logs, "2025-03-12",
              trade("A1", entry="2025-03-12T10:00:00Z", exit="2025-03-12T11:00:00Z", net="5",
                    account_id="ACC-A"),
              trade("B1", entry="2025-03-12T10:00:00Z", exit="2025-03-12T11:00:00Z", net="-7",
                    account_id="ACC-B"),
              trade("A2", entry="2025-03-12T12:00:00Z", outcome="open", account_id="ACC-A"),
              trade("B2", entry="2025-03-12T12:00:00Z", outcome="open", account_id="ACC-B"),
              trade("A3", entry="2025-03-12T13:00:00Z", outcome="open", account_id="ACC-A"))
    write_log(logs, "2025-03-13", trade("A3", entry="2025-03-12T13:00:00Z",
                                        exit="2025-03-13T09:00:00Z", net="3",
                                        account_id="ACC-A"))
    tracker = PerformanceTracker(logs, clock=fixed_clock(CLOCK), cache=cache,
                                 where=["account_id=ACC-A"], pairing="order-id")
    summary = tracker.get_summary("daily", on=date(2025, 3, 12))
    assert summary.aggregate.core.closed == 1 and summary.aggregate.core.net == 5
    assert sorted(position.order_id for position in summary.open_positions) == ["A2", "A3"]
    assert summary.filters is not None
    assert (summary.filters.excluded_trades, summary.filters.excluded_net,
            summary.filters.excluded_open_positions) == (1, Decimal(-7), 1)
    assert "account_id" not in summary.aggregate.breakdown_stats    # a filter, not a breakdown
    rows = list(tracker.trade_rows("daily", on=date(2025, 3, 12)))
    assert [(row.order_id, row.account_id) for row in rows] == [("A1", "ACC-A")]


def test_a_filtered_report_is_printed_only(sample: Path, tmp_path: Path) -> None:
    """Targets judge all trades: a filtered report judges none (no alert, exit 0, the state
    untouched) and says so; its files would replace the window's report, so no --export."""
    targets = tmp_path / "targets.yaml"
    targets.write_text("win_rate_target: 99\n")
    alert_log = tmp_path / "alerts.jsonl"
    base = _weekly(sample, "--targets", str(targets), "--alert-log", str(alert_log))
    filtered = cli(*base, "--where", "strategy_name=alpha")
    assert filtered.returncode == EXIT_OK, filtered.stderr
    assert "Targets: not judged: --where filters the trades" in filtered.stdout
    assert not alert_log.exists()
    document = json.loads(cli(*base, "--where", "strategy_name=alpha", "--format", "json").stdout)
    assert document["targets"]["configured"] is False
    assert document["targets"]["note"].startswith("not judged: --where")
    assert cli(*base).returncode == 2                  # unfiltered, the same target breaches
    for option in ("--export", "--watch"):
        refused = cli(*_weekly(sample, "--where", "side=long", option))
        assert refused.returncode == EXIT_USAGE and option in refused.stderr
