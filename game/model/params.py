"""The per-story tunable constants of the relationship model, from one table.

`SPECS` is the single home of every parameter: its default, its allowed range and its one-line
meaning. `Params` (the dataclass the rules read) takes its defaults from it and checks every
value with `validated`; the schema's `Tuning` (game/story/schema.py) takes its bounds and
descriptions from it; the field lists of both, and the table in docs/model.md, are checked
against it (tests/model/test_params.py, tests/model/test_docs.py), so none can drift apart.
The ranges are what keep every meter finite: no gain can exceed 100 percent of the room left,
and no multiplier can turn a finite product into infinity.
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
    Spec("cushion_floor", 0.4, 0, 1, "The share of a dismissive or judgemental answer's cost "
         "left in a mature relationship (after maturity_exchanges good exchanges)."),
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


def _default(name: str) -> Any:
    """A field's default, read from its row of `SPECS` (typed Any so each field keeps its own
    annotation)."""
    return BY_NAME[name].default


@dataclass(frozen=True, slots=True)
class Params:
    """Tunable constants, set from a story's `model:` section; defaults are in `SPECS`."""

    thresholds: tuple[float, float, float] = _default("thresholds")
    skip_penalty: float = _default("skip_penalty")
    imbalance_penalty: float = _default("imbalance_penalty")
    maturity_exchanges: float = _default("maturity_exchanges")
    maturity_floor: float = _default("maturity_floor")
    topic_penalty: float = _default("topic_penalty")
    noise: float = _default("noise")
    neutral_band: float = _default("neutral_band")
    small_talk_gain: float = _default("small_talk_gain")
    small_talk_ceiling: float = _default("small_talk_ceiling")
    support_trust: float = _default("support_trust")
    support_defence: float = _default("support_defence")
    emotional_weight: float = _default("emotional_weight")
    late_damping: float = _default("late_damping")
    neutral_trust: float = _default("neutral_trust")
    judge_trust: float = _default("judge_trust")
    judge_defence: float = _default("judge_defence")
    premature_defence: float = _default("premature_defence")
    premature_repeat: float = _default("premature_repeat")
    reciprocity: tuple[float, float, float] = _default("reciprocity")
    cool_penalty: float = _default("cool_penalty")
    withdraw_moves: int = _default("withdraw_moves")
    respond_trust: float = _default("respond_trust")
    respond_defence: float = _default("respond_defence")
    cushion_floor: float = _default("cushion_floor")
    respond_neutral_trust: float = _default("respond_neutral_trust")
    unanswered_trust: float = _default("unanswered_trust")
    unanswered_defence: float = _default("unanswered_defence")
    question_trust: float = _default("question_trust")
    question_ceiling: float = _default("question_ceiling")
    followup_trust: float = _default("followup_trust")
    probe_base: float = _default("probe_base")
    probe_step: float = _default("probe_step")
    probe_trust: float = _default("probe_trust")
    probe_welcome_trust: float = _default("probe_welcome_trust")
    rupture_trust: float = _default("rupture_trust")
    rupture_defence: float = _default("rupture_defence")
    deepen_trust: float = _default("deepen_trust")
    deepen_defence: float = _default("deepen_defence")
    deepen_layer: int = _default("deepen_layer")
    deepen_topics: int = _default("deepen_topics")
    deepen_moves: int = _default("deepen_moves")
    deepen_heard: int = _default("deepen_heard")
    deepen_closeness: int = _default("deepen_closeness")
    deepen_hurt: int = _default("deepen_hurt")
    closeness_emotional: int = _default("closeness_emotional")
    closeness_factual: int = _default("closeness_factual")

    NAMES: ClassVar[tuple[str, ...]] = tuple(spec.name for spec in SPECS)

    def __post_init__(self) -> None:
        # Checked once per story, so a bad tuning fails at load time, not mid-play; a value
        # from YAML is stored in its field's shape (a list becomes a tuple, an int a float).
        for spec in SPECS:
            object.__setattr__(self, spec.name, validated(spec, getattr(self, spec.name)))

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
        unknown = next((key for key in data if key not in BY_NAME), None)
        if unknown is not None:
            raise ModelError(f"model.{unknown} is not a model parameter", unknown)
        values: dict[str, Any] = dict(data)
        return cls(**values)


def validated(spec: Spec, value: object) -> object:
    """`value` in the spec's shape (three floats, a float or an int) if it has that shape and
    lies in the spec's range; else a ModelError naming the parameter. The one check for a
    value set in code and for one read from a story."""
    key = f"model.{spec.name}"
    items: tuple[object, ...] = (value,)
    if spec.shape == "triple":
        items = tuple(value) if isinstance(value, list | tuple) else ()
        if len(items) != 3 or not all(_is_number(v) for v in items):
            raise ModelError(f"{key} must be a list of three numbers, got {value!r}", spec.name)
    elif spec.shape == "whole":
        if not isinstance(value, int) or isinstance(value, bool):
            raise ModelError(f"{key} must be a whole number, got {value!r}", spec.name)
    elif not _is_number(value):
        raise ModelError(f"{key} must be a number, got {value!r}", spec.name)
    numbers = [float(v) for v in items if _is_number(v)]
    # `not low <= x <= high` is also true for NaN, so NaN and infinities are refused here.
    if any(not spec.low <= x <= spec.high for x in numbers):
        raise ModelError(f"{key} must be within {_num(spec.low)} to {_num(spec.high)}, "
                         f"got {value!r}", spec.name)
    if spec.shape == "triple":
        return tuple(numbers)
    return value if spec.shape == "whole" else numbers[0]


def _num(x: float) -> str:
    return f"{x:g}"


def _is_number(value: object) -> TypeGuard[int | float]:
    # bool is an int subclass; `skip_penalty: true` is a typo, not the number 1.
    return isinstance(value, int | float) and not isinstance(value, bool)
