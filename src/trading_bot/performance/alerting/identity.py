"""What an alert is about, as one value: rule, metric, window, period and scope, and their hash.

The same alert is written in three places: its record in the alert state, every event of it in
the alert log, and the report's targets table and alerts list.  Each used to spell the five
fields out on its own; :class:`AlertIdentity` is the one value all three embed, and
:meth:`AlertIdentity.to_dict` the one way they write it, so the places cannot drift apart (a
field added to the identity reaches all of them, and the fingerprint is the same everywhere).

The fingerprint hashes the identity, never the value: every event of one alert shares it, and
``ack`` finds the alert from it.  Its formula has not changed since the first release, so it is
checked when a record is read back (:meth:`AlertIdentity.from_dict`): a record whose fingerprint
is not the hash of its own fields was edited by hand, and would otherwise never be judged again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from trading_bot.performance.alerting.model import ALL_TRADES, Scope

#: Hex digits of SHA-256 kept in a fingerprint (``specs/performance-alert.schema.json``).
FINGERPRINT_LENGTH = 16


@dataclass(frozen=True, slots=True)
class AlertIdentity:
    """One alert: a rule judged on one metric, window, period and scope.

    ``window`` is ``rolling-N``, ``day`` or the evaluated window kind; ``period`` is ``latest``
    for a rule that follows the trades (rolling), else the period's label (a date for a day
    rule), so each day or week of a calendar rule is its own alert.  ``fingerprint`` is derived.
    """

    rule: str
    metric: str
    window: str
    period: str
    scope: Scope = ALL_TRADES
    fingerprint: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        text = json.dumps([self.rule, self.metric, self.window, self.period,
                           list(self.scope.items())], separators=(",", ":"))
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]
        object.__setattr__(self, "fingerprint", digest)

    def to_dict(self) -> dict[str, Any]:
        """The identity's keys, in the order the state, the alert log and the report show them."""
        return {"fingerprint": self.fingerprint, "rule": self.rule, "metric": self.metric,
                "window": self.window, "period": self.period, "scope": self.scope.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AlertIdentity:
        """The identity of a stored record; ValueError when its fingerprint is not its hash.

        KeyError or TypeError when a key is missing or the scope is not a scope (the state
        reader reports all of these as a malformed record).
        """
        scope = data["scope"]
        if not isinstance(scope, Mapping):
            raise TypeError(f"scope {scope!r} is not a mapping")
        identity = cls(str(data["rule"]), str(data["metric"]), str(data["window"]),
                       str(data["period"]), Scope(**scope))
        if data["fingerprint"] != identity.fingerprint:
            raise ValueError(f"fingerprint {data['fingerprint']!r} is not the hash of its "
                             f"identity ({identity.fingerprint})")
        return identity


__all__ = ["FINGERPRINT_LENGTH", "AlertIdentity"]
