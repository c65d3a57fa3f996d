"""What one partner holds about the relationship: two meters, depth, breadth and a few flags."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from game.errors import ModelError
from game.model._fast import slot_setters

_LAYER_KEYS = ("reached", "opened", "pending")
_KEYS = frozenset({"trust", "defence", "topics", "ruptured", *_LAYER_KEYS})


@dataclass(frozen=True, slots=True)
class PartnerState:
    """One partner's hidden view of the player. Immutable: every move returns a new one.

    `trust` and `defence` live in [0, 100] and are kept rounded to 2 decimals. `reached` is the
    deepest player layer this partner received supportively, `opened` the deepest layer the
    partner has disclosed, `topics` the player's topics received supportively (breadth),
    `pending` the layer of the partner's latest unanswered disclosure (0 = none).
    """

    trust: float
    defence: float
    reached: int = 0
    opened: int = 0
    topics: frozenset[str] = frozenset()
    pending: int = 0
    ruptured: bool = False

    def to_json(self) -> dict[str, object]:
        """A plain dict for saves; topics sorted so equal states serialise identically."""
        return {
            "trust": self.trust,
            "defence": self.defence,
            "reached": self.reached,
            "opened": self.opened,
            "topics": sorted(self.topics),
            "pending": self.pending,
            "ruptured": self.ruptured,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> PartnerState:
        """Rebuild from `to_json` output; raises ModelError naming the first bad field."""
        unknown = sorted(set(data) - _KEYS)
        if unknown:
            raise ModelError(f"partner state has unknown field {unknown[0]!r}")
        meters = [_meter(data, "trust"), _meter(data, "defence")]
        layers = [_layer(data, key) for key in _LAYER_KEYS]
        topics = data.get("topics", [])
        if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
            raise ModelError(f"partner state field 'topics' must be a list of strings: {topics!r}")
        ruptured = data.get("ruptured", False)
        if not isinstance(ruptured, bool):
            raise ModelError(f"partner state field 'ruptured' must be true or false: {ruptured!r}")
        return cls(
            meters[0], meters[1], layers[0], layers[1], frozenset(topics), layers[2], ruptured
        )


_new = object.__new__
_trust, _defence, _reached, _opened, _topics, _pending, _ruptured = slot_setters(PartnerState)


def build_state(
    trust: float,
    defence: float,
    reached: int,
    opened: int,
    topics: frozenset[str],
    pending: int,
    ruptured: bool,
) -> PartnerState:
    """`PartnerState(...)` with every field given, for the hot path (see `_fast`)."""
    state: PartnerState = _new(PartnerState)
    _trust(state, trust)
    _defence(state, defence)
    _reached(state, reached)
    _opened(state, opened)
    _topics(state, topics)
    _pending(state, pending)
    _ruptured(state, ruptured)
    return state


def _meter(data: Mapping[str, object], key: str) -> float:
    if key not in data:
        raise ModelError(f"partner state is missing {key!r}")
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise ModelError(f"partner state field {key!r} must be a number in 0-100: {value!r}")
    return round(float(value), 2)


def _layer(data: Mapping[str, object], key: str) -> int:
    value = data.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3:
        raise ModelError(f"partner state field {key!r} must be a layer 0-3: {value!r}")
    return value
