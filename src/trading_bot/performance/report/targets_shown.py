"""What a report shows about targets and alerts, already decided: rows, alert lines, JSON parts.

Every renderer (text, Markdown, the report JSON) imports this module, and most runs have no
targets file, so it holds only plain values: building them from an alert evaluation is
:mod:`.targets_view`'s job, which imports the alert engine (about 10 ms) and is only imported
when targets are configured.  A run without targets imports no alerting module and no YAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

NOT_CONFIGURED = ("none configured, so alerts are off; set them in "
                  "config/dashboard-targets.yaml (see the README)")


@dataclass(frozen=True, slots=True)
class TargetRow:
    """One line of the targets table, formatted; ``met`` says it in full (Markdown), ``short``
    fits the 80-column text view.  Scopes carry strategy names from the targets file, which
    the renderers escape like any other text."""

    rule: str
    judged_on: str
    actual: str
    target: str
    variance: str
    met: str
    short: str
    pacing: str


@dataclass(frozen=True, slots=True)
class AlertLine:
    """One alert of the period for people: a headline of our own words, then its message
    (which holds a strategy name from the targets file: renderers quote it)."""

    headline: str
    message: str
    details: str


@dataclass(frozen=True)
class TargetsView:
    """The targets and alerts of one report; ``configured`` False means no targets at all.

    ``rows`` and ``lines`` are for people (the targets table, the period's alerts), ``results``
    and ``alerts`` the report JSON's ``targets.results`` and ``alerts`` items (summary schema),
    each alert and result starting with its alert identity.  ``breached``: an alert is firing
    for the evaluated window (exit code 2).
    """

    configured: bool = False
    source: str | None = None
    note: str | None = None
    breached: bool = False
    rows: tuple[TargetRow, ...] = ()
    lines: tuple[AlertLine, ...] = ()
    results: tuple[dict[str, Any], ...] = ()
    alerts: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The ``targets`` and ``alerts`` keys of the report JSON (summary schema)."""
        return {
            "targets": {
                "configured": self.configured,
                "source": self.source,
                "note": self.note if self.configured else (self.note or NOT_CONFIGURED),
                "breached": self.breached,
                "results": [dict(result) for result in self.results],
            },
            "alerts": [dict(alert) for alert in self.alerts],
        }


def target_rows(view: TargetsView) -> list[TargetRow]:
    """The targets table: one row per rule and judged period (see :func:`.targets_view.rows`)."""
    return list(view.rows)


def alert_lines(view: TargetsView) -> list[AlertLine]:
    """The alerts of the period, oldest first."""
    return list(view.lines)


__all__ = ["NOT_CONFIGURED", "AlertLine", "TargetRow", "TargetsView", "alert_lines",
           "target_rows"]
