"""The per-story tunable constants of the relationship model (DESIGN section 5)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, ClassVar, TypeGuard

from game.errors import ModelError

_DOCS: Mapping[str, str] = MappingProxyType(
    {
        "thresholds": "Readiness needed for a disclosure at layers 1, 2, 3 to land supportively.",
        "skip_penalty": "Readiness lost per layer skipped past the deepest one received.",
        "imbalance_penalty": "Readiness lost per layer the player runs ahead of the partner.",
        "noise": "Amplitude of the seeded per-turn noise added to readiness (0 = deterministic).",
        "neutral_band": "Readiness in [-neutral_band, 0) lands neutral; lower lands judgemental.",
        "small_talk_gain": "Fairmath trust gain from small talk (said or asked).",
        "small_talk_ceiling": "Small talk only adds trust while trust is below this value.",
        "support_trust": "Trust gain per layer for a supportively received disclosure.",
        "support_defence": "Defence drop per layer for a supportively received disclosure.",
        "emotional_weight": "Multiplier on support gains for emotional disclosures at layer 2+.",
        "neutral_trust": "Trust gain when a disclosure lands neutral.",
        "judge_trust": "Trust loss per layer when a disclosure is judged.",
        "judge_defence": "Defence gain per layer when a disclosure is judged.",
        "premature_defence": "Defence gain per skipped layer, whatever the response.",
        "reciprocity": "Trust the partner needs before disclosing at layers 1, 2, 3 (phi).",
        "respond_trust": "Trust change per layer when answering the partner's disclosure.",
        "respond_defence": "Defence change per layer when answering the partner's disclosure.",
        "probe_base": "Defence gain for any intrusive question.",
        "probe_step": "Extra defence per layer a question reaches past what the partner shared.",
        "probe_trust": "Trust loss per layer for an intrusive question.",
        "probe_welcome_trust": "Trust gain for a welcome question.",
        "rupture_trust": "The relationship ruptures when trust falls to or below this.",
        "rupture_defence": "The relationship ruptures when defence rises to or above this.",
        "deepen_trust": "Deepened ending needs trust at least this.",
        "deepen_defence": "Deepened ending needs defence at most this.",
        "deepen_layer": "Deepened ending needs both sides to have reached at least this layer.",
        "deepen_topics": "Deepened ending needs at least this many topics shared (breadth).",
    }
)

_TRIPLES = ("thresholds", "reciprocity")
_INTS = ("deepen_layer", "deepen_topics")
_PERCENTS = ("rupture_trust", "rupture_defence", "deepen_trust", "deepen_defence")


@dataclass(frozen=True, slots=True)
class Params:
    """Tunable constants, set from a story's `model:` section; defaults are DESIGN section 5."""

    thresholds: tuple[float, float, float] = (-45.0, -15.0, 15.0)
    skip_penalty: float = 30.0
    imbalance_penalty: float = 10.0
    noise: float = 10.0
    neutral_band: float = 20.0
    small_talk_gain: float = 5.0
    small_talk_ceiling: float = 35.0
    support_trust: float = 10.0
    support_defence: float = 8.0
    emotional_weight: float = 1.5
    neutral_trust: float = 2.0
    judge_trust: float = 12.0
    judge_defence: float = 12.0
    premature_defence: float = 15.0
    reciprocity: tuple[float, float, float] = (30.0, 50.0, 70.0)
    respond_trust: float = 8.0
    respond_defence: float = 5.0
    probe_base: float = 10.0
    probe_step: float = 15.0
    probe_trust: float = 5.0
    probe_welcome_trust: float = 3.0
    rupture_trust: float = 10.0
    rupture_defence: float = 90.0
    deepen_trust: float = 70.0
    deepen_defence: float = 35.0
    deepen_layer: int = 2
    deepen_topics: int = 3

    NAMES: ClassVar[tuple[str, ...]] = tuple(_DOCS)

    def __post_init__(self) -> None:
        # Checked once per story, so a bad tuning fails at load time, not mid-play.
        for name in _TRIPLES:
            value = getattr(self, name)
            if not isinstance(value, tuple) or len(value) != 3:
                raise ModelError(f"model.{name} must be three numbers, got {value!r}")
            if not all(map(math.isfinite, value)):
                raise ModelError(f"model.{name} must be finite numbers, got {value!r}")
        for name in self.NAMES:
            if name in _TRIPLES or name in _INTS:
                continue
            value = getattr(self, name)
            if not math.isfinite(value):
                raise ModelError(f"model.{name} must be a finite number, got {value!r}")
            if value < 0:
                raise ModelError(f"model.{name} must not be negative, got {value!r}")
            if name in _PERCENTS and value > 100:
                raise ModelError(f"model.{name} must be within 0-100, got {value!r}")
        if not 0 <= self.deepen_layer <= 3:
            raise ModelError(f"model.deepen_layer must be 0-3, got {self.deepen_layer!r}")
        if self.deepen_topics < 0:
            raise ModelError(f"model.deepen_topics must not be negative, got {self.deepen_topics}")
        if any(not 0 <= phi <= 100 for phi in self.reciprocity):
            raise ModelError(f"model.reciprocity values must be in 0-100, got {self.reciprocity}")

    @classmethod
    def fields_doc(cls) -> dict[str, str]:
        """One-line description of every parameter, in declaration order (for docs and schema)."""
        return dict(_DOCS)

    @classmethod
    def defaults(cls) -> dict[str, object]:
        """Every parameter's default value, JSON-ready (tuples become lists)."""
        return Params().to_json()

    def to_json(self) -> dict[str, object]:
        """The parameters as a plain dict, tuples as lists."""
        return {
            name: list(value) if isinstance(value, tuple) else value
            for name in self.NAMES
            for value in (getattr(self, name),)
        }

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> Params:
        """Build from a story's `model:` section; absent keys keep their defaults.

        Raises ModelError naming the first unknown key or badly typed value.
        """
        values: dict[str, Any] = {}
        for key, raw in data.items():
            if key not in _DOCS:
                raise ModelError(f"model.{key} is not a model parameter")
            values[key] = _coerce(key, raw)
        return cls(**values)


def _is_number(value: object) -> TypeGuard[int | float]:
    # bool is an int subclass; `skip_penalty: true` is a typo, not the number 1.
    return isinstance(value, int | float) and not isinstance(value, bool)


def _coerce(key: str, raw: object) -> object:
    if key in _TRIPLES:
        items = list(raw) if isinstance(raw, list | tuple) else []
        numbers = [float(v) for v in items if _is_number(v)]
        if len(items) != 3 or len(numbers) != 3:
            raise ModelError(f"model.{key} must be a list of three numbers, got {raw!r}")
        return tuple(numbers)
    if key in _INTS:
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise ModelError(f"model.{key} must be a whole number, got {raw!r}")
        return raw
    if not _is_number(raw):
        raise ModelError(f"model.{key} must be a number, got {raw!r}")
    return float(raw)
