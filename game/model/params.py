"""The per-story tunable constants of the relationship model, from one table.

`SPECS` is the single home of every parameter: its default, its allowed range and its one-line
meaning. `Params` (the dataclass the rules read), the schema's `Tuning` (game/story/schema.py)
and the table in docs/model.md are all checked against it by tests/model/test_params.py, so the
three can never drift apart. The ranges are what keep every meter finite: no gain can exceed
100 percent of the room left, and no multiplier can turn a finite product into infinity.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple, TypeGuard

from game.errors import ModelError


class Spec(NamedTuple):
    """One tunable parameter: its default, inclusive range, shape and meaning."""

    name: str
    default: float | tuple[float, float, float]
    low: float
    high: float
    doc: str
    shape: str = "number"  # "number", "triple" (layers 1-3) or "whole"


SPECS: tuple[Spec, ...] = (
    Spec("thresholds", (-45.0, -15.0, 15.0), -200, 200,
         "Readiness needed for a disclosure at layers 1, 2, 3 to land supportively.", "triple"),
    Spec("skip_penalty", 30.0, 0, 200, "Readiness lost per layer skipped past the deepest one "
         "received."),
    Spec("imbalance_penalty", 15.0, 0, 200, "Readiness lost per layer the player runs ahead of "
         "the partner, at the start of the relationship."),
    Spec("maturity_exchanges", 8.0, 1, 100, "Good exchanges after which the imbalance penalty "
         "has eased to its floor."),
    Spec("maturity_floor", 0.3, 0, 1, "The share of the imbalance penalty left in a mature "
         "relationship."),
    Spec("topic_penalty", 20.0, 0, 200, "Readiness lost by a layer 2+ disclosure on a topic not "
         "yet shared at the layer above."),
    Spec("noise", 10.0, 0, 50, "Amplitude of the seeded per-turn noise added to readiness "
         "(0 = deterministic)."),
    Spec("neutral_band", 20.0, 0, 200, "Readiness in [-neutral_band, 0) lands neutral; lower "
         "lands judgemental."),
    Spec("small_talk_gain", 5.0, 0, 100, "Fairmath trust gain from small talk (said or asked)."),
    Spec("small_talk_ceiling", 35.0, 0, 100, "Small talk only adds trust while trust is below "
         "this value."),
    Spec("support_trust", 10.0, 0, 100, "Trust gain per layer for a supportively received "
         "disclosure, before damping."),
    Spec("support_defence", 8.0, 0, 100, "Defence drop per layer for a supportively received "
         "disclosure, before damping."),
    Spec("emotional_weight", 1.5, 0, 3, "Multiplier on support gains for emotional "
         "disclosures, at every layer."),
    Spec("late_damping", 0.1, 0, 5, "Support gains are divided by 1 + late_damping x good "
         "exchanges so far."),
    Spec("neutral_trust", 2.0, 0, 100, "Trust gain when a disclosure lands neutral."),
    Spec("judge_trust", 8.0, 0, 33, "Trust loss per layer when a disclosure is judged."),
    Spec("judge_defence", 8.0, 0, 33, "Defence gain per layer when a disclosure is judged."),
    Spec("premature_defence", 10.0, 0, 33, "Defence gain per skipped layer, whatever the "
         "response."),
    Spec("premature_repeat", 1.5, 0, 10, "Each earlier premature disclosure adds this multiple "
         "of the premature penalty."),
    Spec("reciprocity", (30.0, 50.0, 70.0), 0, 100, "Trust the partner needs before disclosing "
         "at layers 1, 2, 3 (phi).", "triple"),
    Spec("cool_penalty", 15.0, 0, 100, "Extra trust the partner needs to reciprocate after a "
         "neutral answer to their disclosure."),
    Spec("withdraw_moves", 2, 0, 20, "Moves after a judgemental answer to a layer-j confidence "
         "during which the partner shares only below j.", "whole"),
    Spec("respond_trust", 8.0, 0, 16, "Trust change per layer when answering the partner's "
         "disclosure (doubled when judging)."),
    Spec("respond_defence", 5.0, 0, 16, "Defence change per layer when answering the partner's "
         "disclosure (doubled when judging)."),
    Spec("respond_neutral_trust", 4.0, 0, 100, "Trust lost when the partner's disclosure gets "
         "a neutral answer."),
    Spec("unanswered_trust", 8.0, 0, 100, "Trust lost when the player moves on from the "
         "partner's disclosure while an answer was on offer."),
    Spec("unanswered_defence", 6.0, 0, 100, "Defence gained when the partner's disclosure is "
         "left unanswered."),
    Spec("question_trust", 4.0, 0, 100, "Trust gain for a personal (layer 1) question, below "
         "the question ceiling."),
    Spec("question_ceiling", 60.0, 0, 100, "Personal questions only add trust while trust is "
         "below this value."),
    Spec("followup_trust", 6.0, 0, 100, "Trust gain for a follow-up question asked right after "
         "the partner disclosed."),
    Spec("probe_base", 10.0, 0, 50, "Defence gain for any intrusive question."),
    Spec("probe_step", 15.0, 0, 25, "Extra defence per layer a question reaches past what the "
         "partner shared."),
    Spec("probe_trust", 5.0, 0, 33, "Trust loss per layer for an intrusive question."),
    Spec("probe_welcome_trust", 3.0, 0, 100, "Trust gain for a welcome private or core "
         "question."),
    Spec("rupture_trust", 10.0, 0, 100, "The relationship ruptures when trust falls to or "
         "below this."),
    Spec("rupture_defence", 90.0, 0, 100, "The relationship ruptures when defence rises to or "
         "above this."),
    Spec("deepen_trust", 65.0, 0, 100, "Deepened ending needs trust at least this."),
    Spec("deepen_defence", 35.0, 0, 100, "Deepened ending needs defence at most this."),
    Spec("deepen_layer", 2, 0, 3, "Deepened ending needs both sides to have reached at least "
         "this layer.", "whole"),
    Spec("deepen_topics", 3, 0, 50, "Deepened ending needs at least this many topics shared "
         "(breadth).", "whole"),
    Spec("deepen_moves", 6, 0, 100, "Deepened ending needs at least this many model moves with "
         "the partner (pacing).", "whole"),
    Spec("deepen_heard", 2, 0, 50, "Deepened ending needs at least this many supportive answers "
         "to the partner's disclosures.", "whole"),
    Spec("deepen_closeness", 5, 0, 100, "Deepened ending needs this many closeness points from "
         "disclosures received well.", "whole"),
    Spec("deepen_hurt", 0, 0, 100, "Deepened ending allows at most this many unrepaired "
         "dismissive or judgemental answers.", "whole"),
    Spec("closeness_emotional", 2, 0, 10, "Closeness points for an emotional disclosure "
         "received well.", "whole"),
    Spec("closeness_factual", 1, 0, 10, "Closeness points for a factual disclosure received "
         "well.", "whole"),
)
"""Every parameter, in declaration order: the one source for Params, Tuning and the docs."""

BY_NAME: Mapping[str, Spec] = {spec.name: spec for spec in SPECS}


@dataclass(frozen=True, slots=True)
class Params:
    """Tunable constants, set from a story's `model:` section; defaults are in `SPECS`."""

    thresholds: tuple[float, float, float] = (-45.0, -15.0, 15.0)
    skip_penalty: float = 30.0
    imbalance_penalty: float = 15.0
    maturity_exchanges: float = 8.0
    maturity_floor: float = 0.3
    topic_penalty: float = 20.0
    noise: float = 10.0
    neutral_band: float = 20.0
    small_talk_gain: float = 5.0
    small_talk_ceiling: float = 35.0
    support_trust: float = 10.0
    support_defence: float = 8.0
    emotional_weight: float = 1.5
    late_damping: float = 0.1
    neutral_trust: float = 2.0
    judge_trust: float = 8.0
    judge_defence: float = 8.0
    premature_defence: float = 10.0
    premature_repeat: float = 1.5
    reciprocity: tuple[float, float, float] = (30.0, 50.0, 70.0)
    cool_penalty: float = 15.0
    withdraw_moves: int = 2
    respond_trust: float = 8.0
    respond_defence: float = 5.0
    respond_neutral_trust: float = 4.0
    unanswered_trust: float = 8.0
    unanswered_defence: float = 6.0
    question_trust: float = 4.0
    question_ceiling: float = 60.0
    followup_trust: float = 6.0
    probe_base: float = 10.0
    probe_step: float = 15.0
    probe_trust: float = 5.0
    probe_welcome_trust: float = 3.0
    rupture_trust: float = 10.0
    rupture_defence: float = 90.0
    deepen_trust: float = 65.0
    deepen_defence: float = 35.0
    deepen_layer: int = 2
    deepen_topics: int = 3
    deepen_moves: int = 6
    deepen_heard: int = 2
    deepen_closeness: int = 5
    deepen_hurt: int = 0
    closeness_emotional: int = 2
    closeness_factual: int = 1

    NAMES: ClassVar[tuple[str, ...]] = tuple(spec.name for spec in SPECS)

    def __post_init__(self) -> None:
        # Checked once per story, so a bad tuning fails at load time, not mid-play.
        for spec in SPECS:
            check(spec, getattr(self, spec.name))

    @classmethod
    def fields_doc(cls) -> dict[str, str]:
        """One-line description of every parameter, in declaration order (for docs and schema)."""
        return {spec.name: spec.doc for spec in SPECS}

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
            if key not in BY_NAME:
                raise ModelError(f"model.{key} is not a model parameter", key)
            values[key] = _coerce(BY_NAME[key], raw)
        return cls(**values)


def check(spec: Spec, value: object) -> None:
    """Raise ModelError unless `value` has the spec's shape and lies in its range."""
    key = f"model.{spec.name}"
    if spec.shape == "triple":
        if not isinstance(value, tuple) or len(value) != 3:
            raise ModelError(f"{key} must be three numbers, got {value!r}", spec.name)
        items: tuple[object, ...] = value
    elif spec.shape == "whole":
        if not isinstance(value, int) or isinstance(value, bool):
            raise ModelError(f"{key} must be a whole number, got {value!r}", spec.name)
        items = (value,)
    else:
        items = (value,)
    for item in items:
        # `not low <= x <= high` is also true for NaN, so NaN and infinities are refused here.
        if not _is_number(item) or not spec.low <= item <= spec.high:
            raise ModelError(f"{key} must be within {_num(spec.low)} to {_num(spec.high)}, "
                             f"got {value!r}", spec.name)


def _num(x: float) -> str:
    return f"{x:g}"


def _is_number(value: object) -> TypeGuard[int | float]:
    # bool is an int subclass; `skip_penalty: true` is a typo, not the number 1.
    return isinstance(value, int | float) and not isinstance(value, bool)


def _coerce(spec: Spec, raw: object) -> object:
    key = f"model.{spec.name}"
    if spec.shape == "triple":
        items = list(raw) if isinstance(raw, list | tuple) else []
        numbers = [float(v) for v in items if _is_number(v)]
        if len(items) != 3 or len(numbers) != 3:
            raise ModelError(f"{key} must be a list of three numbers, got {raw!r}", spec.name)
        return tuple(numbers)
    if spec.shape == "whole":
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise ModelError(f"{key} must be a whole number, got {raw!r}", spec.name)
        return raw
    if not _is_number(raw):
        raise ModelError(f"{key} must be a number, got {raw!r}", spec.name)
    return float(raw)
