"""One conformance prediction's result: PASS, FAIL or N/A (not applicable, with the reason)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STATUSES = ("PASS", "FAIL", "N/A")


@dataclass
class Check:
    number: int
    claim: str
    status: str = "PASS"
    measured: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)

    def need(self, ok: bool, text: str, **values: Any) -> None:
        """Record one measured condition; any false one fails the prediction."""
        self.measured.append(f"{text} [{'ok' if ok else 'FAILS'}]")
        self.values.update(values)
        if not ok:
            self.status = "FAIL"

    def not_applicable(self, reason: str) -> None:
        """The story cannot exercise this prediction; say why rather than silently pass."""
        self.status = "N/A"
        self.measured.append(f"not applicable: {reason}")

    def to_json(self) -> dict[str, Any]:
        return {"prediction": self.number, "claim": self.claim, "status": self.status,
                "measured": self.measured, "values": self.values}
