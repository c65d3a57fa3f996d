"""The story as plain frozen data: what a loaded story keeps of its YAML, with no pydantic.

`game.story.schema` is the authors' schema: pydantic models that validate YAML and explain
every mistake. Once a story has passed it, the runtime, the analysis and the compiled-story
cache only read the data, so they get these msgspec Structs instead: frozen, quick to
build, and decoded straight from a cache entry with every bound of the schema (field names,
defaults, lengths, ranges and patterns), so an entry that the schema would refuse is refused
here too (tests/story/test_plain.py checks the two field by field and bound by bound). A
cache hit therefore never imports pydantic.

Patterns end in `\\Z` where the schema's end in `$`: the schema's regex engine (Rust) reads
`$` as the end of the text, Python's `re` also before a final newline.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec

from game.model.params import BY_NAME

ID_PATTERN = r"^[a-z][a-z0-9_]{0,63}\Z"
TOPIC_PATTERN = r"^[a-z][a-z0-9_ ]{0,40}\Z"
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}\Z"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z]{2,4})?\Z"
AGES_PATTERN = r"^[0-9]{1,2}\+\Z"

Id = Annotated[str, msgspec.Meta(pattern=ID_PATTERN)]
Topic = Annotated[str, msgspec.Meta(pattern=TOPIC_PATTERN)]
Colour = Annotated[str, msgspec.Meta(pattern=COLOUR_PATTERN)]
Outcome = Literal["deepened", "acquaintance", "ruptured"]
Kind = Literal["disclose", "ask", "respond", "plain"]
Tone = Literal["factual", "emotional"]
Response = Literal["supportive", "neutral", "dismissive", "judgemental"]
Mood = Literal["neutral", "warm", "guarded", "hurt"]
DepthOnCards = Literal["shown", "hidden"]
KindsOnCards = Literal["shown", "hidden"]
Layer = Annotated[int, msgspec.Meta(ge=0, le=3)]
Meter = Annotated[float, msgspec.Meta(ge=0, le=100)]
Expr = Annotated[str, msgspec.Meta(min_length=1, max_length=1000)]
Text = Annotated[str, msgspec.Meta(max_length=20_000)]
Name = Annotated[str, msgspec.Meta(max_length=60)]
Title = Annotated[str, msgspec.Meta(max_length=120)]
Triple = tuple[float, float, float]  # each number's range is checked by Params (E011)

# Which landing keys each kind of move can produce; `default` is always allowed.
LANDINGS: dict[str, tuple[str, ...]] = {
    "disclose": ("supportive", "reciprocated", "neutral", "judgemental"),
    "small_talk": ("supportive",),
    "ask": ("welcome", "intrusion"),
    "respond": ("supportive", "neutral", "dismissive", "judgemental"),
    "plain": (),
}


class Base(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Keyword-only, so fields keep the schema's order whatever their defaults."""


def _bound(name: str) -> msgspec.Meta:
    """A tuning field's range, from the model's one parameter table (game/model/params.py)."""
    spec = BY_NAME[name]
    if spec.shape == "whole":
        return msgspec.Meta(ge=int(spec.low), le=int(spec.high))
    return msgspec.Meta(ge=spec.low, le=spec.high)


class TuningData(Base, frozen=True, kw_only=True):
    """Overrides of the relationship model's parameters; None where the story keeps the
    default. The plain form of the schema's `Tuning` (hence its own name: one name, one
    home), with the same fields and bounds, all from the model's table."""

    thresholds: Triple | None = None
    skip_penalty: Annotated[float, _bound("skip_penalty")] | None = None
    imbalance_penalty: Annotated[float, _bound("imbalance_penalty")] | None = None
    maturity_exchanges: Annotated[float, _bound("maturity_exchanges")] | None = None
    maturity_floor: Annotated[float, _bound("maturity_floor")] | None = None
    topic_penalty: Annotated[float, _bound("topic_penalty")] | None = None
    noise: Annotated[float, _bound("noise")] | None = None
    neutral_band: Annotated[float, _bound("neutral_band")] | None = None
    small_talk_gain: Annotated[float, _bound("small_talk_gain")] | None = None
    small_talk_ceiling: Annotated[float, _bound("small_talk_ceiling")] | None = None
    support_trust: Annotated[float, _bound("support_trust")] | None = None
    support_defence: Annotated[float, _bound("support_defence")] | None = None
    emotional_weight: Annotated[float, _bound("emotional_weight")] | None = None
    late_damping: Annotated[float, _bound("late_damping")] | None = None
    neutral_trust: Annotated[float, _bound("neutral_trust")] | None = None
    judge_trust: Annotated[float, _bound("judge_trust")] | None = None
    judge_defence: Annotated[float, _bound("judge_defence")] | None = None
    premature_defence: Annotated[float, _bound("premature_defence")] | None = None
    premature_repeat: Annotated[float, _bound("premature_repeat")] | None = None
    reciprocity: Triple | None = None
    cool_penalty: Annotated[float, _bound("cool_penalty")] | None = None
    withdraw_moves: Annotated[int, _bound("withdraw_moves")] | None = None
    respond_trust: Annotated[float, _bound("respond_trust")] | None = None
    respond_defence: Annotated[float, _bound("respond_defence")] | None = None
    cushion_floor: Annotated[float, _bound("cushion_floor")] | None = None
    respond_neutral_trust: Annotated[float, _bound("respond_neutral_trust")] | None = None
    unanswered_trust: Annotated[float, _bound("unanswered_trust")] | None = None
    unanswered_defence: Annotated[float, _bound("unanswered_defence")] | None = None
    question_trust: Annotated[float, _bound("question_trust")] | None = None
    question_ceiling: Annotated[float, _bound("question_ceiling")] | None = None
    followup_trust: Annotated[float, _bound("followup_trust")] | None = None
    probe_base: Annotated[float, _bound("probe_base")] | None = None
    probe_step: Annotated[float, _bound("probe_step")] | None = None
    probe_trust: Annotated[float, _bound("probe_trust")] | None = None
    probe_welcome_trust: Annotated[float, _bound("probe_welcome_trust")] | None = None
    rupture_trust: Annotated[float, _bound("rupture_trust")] | None = None
    rupture_defence: Annotated[float, _bound("rupture_defence")] | None = None
    deepen_trust: Annotated[float, _bound("deepen_trust")] | None = None
    deepen_defence: Annotated[float, _bound("deepen_defence")] | None = None
    deepen_layer: Annotated[int, _bound("deepen_layer")] | None = None
    deepen_topics: Annotated[int, _bound("deepen_topics")] | None = None
    deepen_moves: Annotated[int, _bound("deepen_moves")] | None = None
    deepen_heard: Annotated[int, _bound("deepen_heard")] | None = None
    deepen_closeness: Annotated[int, _bound("deepen_closeness")] | None = None
    deepen_hurt: Annotated[int, _bound("deepen_hurt")] | None = None
    closeness_emotional: Annotated[int, _bound("closeness_emotional")] | None = None
    closeness_factual: Annotated[int, _bound("closeness_factual")] | None = None

    def overrides(self) -> dict[str, Any]:
        """The parameters this tuning sets, by name."""
        return {name: value for name in self.__struct_fields__
                if (value := getattr(self, name)) is not None}


class Player(Base, frozen=True, kw_only=True):
    name: Name = "You"
    colour: Colour = "#e8dcc8"


class Partner(Base, frozen=True, kw_only=True):
    name: Name
    pronouns: Annotated[str, msgspec.Meta(max_length=30)] = "they/them"
    about: Text = ""
    colour: Colour = "#9fb7c9"
    portraits: dict[Mood, str] = {}
    trust: Meter = 30.0
    defence: Meter = 40.0
    traits: TuningData = msgspec.field(default_factory=TuningData)


class Characters(Base, frozen=True, kw_only=True):
    player: Player = msgspec.field(default_factory=Player)
    partners: Annotated[dict[Id, Partner], msgspec.Meta(min_length=1)]


class Line(Base, frozen=True, kw_only=True):
    """One line of a scene, always in the long form (the schema expands the short ones)."""

    speaker: str = "narrator"
    text: Text
    if_: Expr | None = msgspec.field(default=None, name="if")
    mood: Mood | None = None


Reaction = Text | list[Line]


class Choice(Base, frozen=True, kw_only=True):
    id: Id
    text: Annotated[str, msgspec.Meta(min_length=1, max_length=20_000)]
    kind: Kind = "plain"
    layer: Layer | None = None
    topic: Topic | None = None
    tone: Tone = "factual"
    response: Response | None = None
    partner: Id | None = None
    say: Text | None = None
    because: Text | dict[str, Text] | None = None
    # How an ending recalls it: {cost}, {helped}, ... (causes.py); short (schema.RECALLED_MAX).
    recalled: Annotated[str, msgspec.Meta(max_length=500)] | None = None
    # A telling that answers a question the partner just asked (R-INVITED).
    invited: bool | None = None
    # The choices this one says sorry for (their ids, in any scene): the closing sentences
    # then say "you said sorry for it" of the hurt they did, not only that it was softened.
    sorry_for: Id | list[Id] | None = None
    if_: Expr | None = msgspec.field(default=None, name="if")
    # A list runs however the move lands; a map from landing (and `default`) to a list runs
    # the one for how it landed, so a story can remember a reaction, not a meter's change.
    effects: list[Expr] | dict[str, list[Expr]] = []
    reaction: Reaction | None = None
    reactions: dict[str, Reaction] = {}
    next: Id | dict[str, Id] | None = None


class Disclosure(Base, frozen=True, kw_only=True):
    """The partner opens up as the scene begins."""

    layer: Annotated[int, msgspec.Meta(ge=1, le=3)]
    topic: Topic | None = None
    tone: Tone = "emotional"
    partner: Id | None = None


class Branch(Base, frozen=True, kw_only=True):
    if_: Expr | None = msgspec.field(default=None, name="if")
    to: Id


class Ending(Base, frozen=True, kw_only=True):
    outcome: Outcome
    title: Title
    reflection: Text = ""


class Scene(Base, frozen=True, kw_only=True):
    title: Title | None = None
    background: str | None = None
    partner: Id | None = None
    mood: Mood | None = None
    partner_discloses: Disclosure | None = None
    on_enter: list[Expr] = []
    because: Text | None = None
    lines: list[Line] = []
    choices: list[Choice] = []
    branches: list[Branch] = []
    next: Id | None = None
    ending: Ending | None = None
    depth_on_cards: DepthOnCards | None = None
    kinds_on_cards: KindsOnCards | None = None


class Story(Base, frozen=True, kw_only=True):
    """A whole story: metadata, characters, flags, named conditions, model tuning and
    scenes."""

    format: Literal[1] = 1
    id: Id
    title: Title
    summary: Text = ""
    language: Annotated[str, msgspec.Meta(pattern=LANGUAGE_PATTERN)] = "en"
    minutes: Annotated[int, msgspec.Meta(ge=1, le=600)] = 10
    content_notes: list[str] = []
    ages: Annotated[str, msgspec.Meta(pattern=AGES_PATTERN)] | None = None
    depth_on_cards: DepthOnCards = "shown"
    kinds_on_cards: KindsOnCards = "shown"
    start: Id
    rupture: Id | None = None
    characters: Characters
    flags: dict[Id, bool | int] = {}
    conditions: dict[Id, Expr] = {}
    model: TuningData = msgspec.field(default_factory=TuningData)
    scenes: Annotated[dict[Id, Scene], msgspec.Meta(min_length=1)]


def from_schema(story: Any) -> Story:
    """The plain form of a story the schema (`game.story.schema.Story`) has validated."""
    return msgspec.convert(story, Story, from_attributes=True)
