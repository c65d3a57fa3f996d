"""The story format as pydantic models: what a YAML story may contain.

Models are frozen and forbid unknown keys, so a typo such as `nxt:` is an error with a
location instead of a silently ignored field. Scene and choice ids are stable strings:
saves refer to content by id, never by position, so they survive edits.

Only loading from YAML uses these models: a validated story is kept as the plain Structs of
`game.story.plain`, which mirror every field and bound here (tests/story/test_plain.py).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.model.params import BY_NAME

FORMAT_VERSION = 1

ID_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
Id = Annotated[str, Field(pattern=ID_PATTERN,
                          description="lower-case letters, digits and _; starts with a letter")]
Outcome = Literal["deepened", "acquaintance", "ruptured"]
Kind = Literal["disclose", "ask", "respond", "plain"]
Tone = Literal["factual", "emotional"]
Response = Literal["supportive", "neutral", "dismissive", "judgemental"]
Mood = Literal["neutral", "warm", "guarded", "hurt"]
DepthOnCards = Literal["shown", "hidden"]
KindsOnCards = Literal["shown", "hidden"]
Layer = Annotated[int, Field(ge=0, le=3, description="0 small talk, 1 personal, 2 private, 3 core")]
Meter = Annotated[float, Field(ge=0, le=100)]
Expr = Annotated[str, Field(min_length=1, max_length=1000)]
Text = Annotated[str, Field(max_length=20_000)]
# A choice's `recalled:` words fill an ending line's {cost}...: short, so a line can never
# grow by more than the four places' words (each filled once).
RECALLED_MAX = 500


class Base(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


def _tuning(name: str) -> Any:
    """A tuning field bounded by the model's one parameter table (game/model/params.py)."""
    spec = BY_NAME[name]
    if spec.shape == "triple":  # each number's range is checked by Params, located as E011
        return Field(default=None, description=spec.doc)
    return Field(default=None, ge=spec.low, le=spec.high, description=spec.doc)


class Tuning(Base):
    """Overrides of the relationship model's parameters (see docs/model.md). Every bound
    comes from the model's table, so no accepted value can make a meter NaN or infinite."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    thresholds: tuple[float, float, float] | None = _tuning("thresholds")
    skip_penalty: float | None = _tuning("skip_penalty")
    imbalance_penalty: float | None = _tuning("imbalance_penalty")
    maturity_exchanges: float | None = _tuning("maturity_exchanges")
    maturity_floor: float | None = _tuning("maturity_floor")
    topic_penalty: float | None = _tuning("topic_penalty")
    noise: float | None = _tuning("noise")
    neutral_band: float | None = _tuning("neutral_band")
    small_talk_gain: float | None = _tuning("small_talk_gain")
    small_talk_ceiling: float | None = _tuning("small_talk_ceiling")
    support_trust: float | None = _tuning("support_trust")
    support_defence: float | None = _tuning("support_defence")
    emotional_weight: float | None = _tuning("emotional_weight")
    late_damping: float | None = _tuning("late_damping")
    neutral_trust: float | None = _tuning("neutral_trust")
    judge_trust: float | None = _tuning("judge_trust")
    judge_defence: float | None = _tuning("judge_defence")
    premature_defence: float | None = _tuning("premature_defence")
    premature_repeat: float | None = _tuning("premature_repeat")
    reciprocity: tuple[float, float, float] | None = _tuning("reciprocity")
    cool_penalty: float | None = _tuning("cool_penalty")
    withdraw_moves: int | None = _tuning("withdraw_moves")
    respond_trust: float | None = _tuning("respond_trust")
    respond_defence: float | None = _tuning("respond_defence")
    cushion_floor: float | None = _tuning("cushion_floor")
    respond_neutral_trust: float | None = _tuning("respond_neutral_trust")
    unanswered_trust: float | None = _tuning("unanswered_trust")
    unanswered_defence: float | None = _tuning("unanswered_defence")
    question_trust: float | None = _tuning("question_trust")
    question_ceiling: float | None = _tuning("question_ceiling")
    followup_trust: float | None = _tuning("followup_trust")
    probe_base: float | None = _tuning("probe_base")
    probe_step: float | None = _tuning("probe_step")
    probe_trust: float | None = _tuning("probe_trust")
    probe_welcome_trust: float | None = _tuning("probe_welcome_trust")
    rupture_trust: float | None = _tuning("rupture_trust")
    rupture_defence: float | None = _tuning("rupture_defence")
    deepen_trust: float | None = _tuning("deepen_trust")
    deepen_defence: float | None = _tuning("deepen_defence")
    deepen_layer: int | None = _tuning("deepen_layer")
    deepen_topics: int | None = _tuning("deepen_topics")
    deepen_moves: int | None = _tuning("deepen_moves")
    deepen_heard: int | None = _tuning("deepen_heard")
    deepen_closeness: int | None = _tuning("deepen_closeness")
    deepen_hurt: int | None = _tuning("deepen_hurt")
    closeness_emotional: int | None = _tuning("closeness_emotional")
    closeness_factual: int | None = _tuning("closeness_factual")


class Player(Base):
    name: str = Field(default="You", max_length=60)
    colour: str = Field(default="#e8dcc8", pattern=r"^#[0-9a-fA-F]{6}$")


class Partner(Base):
    name: str = Field(max_length=60)
    pronouns: str = Field(default="they/them", max_length=30)
    about: Text = ""
    colour: str = Field(default="#9fb7c9", pattern=r"^#[0-9a-fA-F]{6}$")
    portraits: dict[Mood, str] = Field(default_factory=dict)
    trust: Meter = 30.0
    defence: Meter = 40.0
    traits: Tuning = Field(default_factory=Tuning,
                           description="this partner's temperament: model overrides")


class Characters(Base):
    player: Player = Field(default_factory=Player)
    partners: dict[Id, Partner] = Field(min_length=1)


class Line(Base):
    """One line of a scene. In YAML: a plain string (narration), `{sam: "Hi"}` (speech),
    or the long form with `speaker`, `text`, `if` and `mood`."""

    speaker: str = "narrator"
    text: Text
    if_: Expr | None = Field(default=None, alias="if")
    mood: Mood | None = None

    @model_validator(mode="before")
    @classmethod
    def _short_forms(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"text": data}
        if isinstance(data, dict) and len(data) == 1:
            (key, value), = data.items()
            if key not in ("text", "speaker", "if", "mood") and isinstance(value, str):
                return {"speaker": key, "text": value}
        return data


Reaction = Text | list[Line]


class Choice(Base):
    id: Id
    text: Text = Field(min_length=1, description="the label the player picks")
    kind: Kind = "plain"
    layer: Layer | None = None
    topic: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_ ]{0,40}$")
    tone: Tone = "factual"
    response: Response | None = None
    partner: Id | None = None
    say: Text | None = None
    because: Text | dict[str, Text] | None = Field(
        default=None, description="why this choice mattered, completing 'because ...' in the "
        "closing sentences of an ending when it is named there; one reason for every landing, "
        "or one per landing (supportive, judgemental, ... and default), like reactions")
    recalled: str | None = Field(
        default=None, max_length=RECALLED_MAX,
        description="how an ending recalls this choice, as words that can follow 'it was' "
        "(e.g. 'telling him about the job before the kettle had boiled'): an ending line's "
        "{cost}, {helped}, {standing} or {broke} is these words when the closing sentences "
        "name this choice in that place")
    invited: bool | None = Field(
        default=None, description="true on a disclose choice that answers a question the "
        "partner has just asked you: the partner set the depth, so the answer is never "
        "judged for its pace (no layer counts as skipped, it cannot run ahead of them) and at "
        "worst is heard coolly (R-INVITED)")
    sorry_for: Id | list[Id] | None = Field(
        default=None, description="the id (or ids) of the earlier choice(s) this one says "
        "sorry for, in any scene; the closing sentences then say the player said sorry for "
        "that hurt, not only that it was softened")
    if_: Expr | None = Field(default=None, alias="if")
    effects: list[Expr] | dict[str, list[Expr]] = Field(
        default_factory=list, description="changes to meters and flags: a list runs however "
        "the move lands; a mapping from how it lands (supportive, judgemental, ... and "
        "default) to a list runs the one for that landing, like reactions")
    reaction: Reaction | None = None
    reactions: dict[str, Reaction] = Field(default_factory=dict)
    next: Id | dict[str, Id] | None = None


class Disclosure(Base):
    """The partner opens up as the scene begins."""

    layer: Annotated[int, Field(ge=1, le=3)]
    topic: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_ ]{0,40}$")
    tone: Tone = "emotional"
    partner: Id | None = None


class Branch(Base):
    if_: Expr | None = Field(default=None, alias="if")
    to: Id


class Ending(Base):
    outcome: Outcome
    title: str = Field(max_length=120)
    reflection: Text = ""


class Scene(Base):
    title: str | None = Field(default=None, max_length=120)
    background: str | None = None
    partner: Id | None = None
    mood: Mood | None = None
    partner_discloses: Disclosure | None = None
    on_enter: list[Expr] = Field(default_factory=list)
    because: Text | None = Field(
        default=None, description="why this scene's on_enter changes a partner's trust or "
        "defence, given in the glass box after the change")
    lines: list[Line] = Field(default_factory=list)
    choices: list[Choice] = Field(default_factory=list)
    branches: list[Branch] = Field(default_factory=list)
    next: Id | None = None
    ending: Ending | None = None
    depth_on_cards: DepthOnCards | None = Field(
        default=None, description="this scene's own choice over the story's depth_on_cards")
    kinds_on_cards: KindsOnCards | None = Field(
        default=None, description="this scene's own choice over the story's kinds_on_cards")


class Story(Base):
    """A whole story: metadata, characters, flags, named conditions, model tuning and
    scenes."""

    format: Literal[1] = 1
    id: Id
    title: str = Field(max_length=120)
    summary: Text = ""
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
    minutes: int = Field(default=10, ge=1, le=600)
    content_notes: list[str] = Field(default_factory=list)
    ages: str | None = Field(default=None, pattern=r"^[0-9]{1,2}\+$",
                             description="youngest age the story is written for, e.g. 13+")
    depth_on_cards: DepthOnCards = Field(
        default="shown", description="whether sharing and asking cards name their layer "
        "before a player changes it in Settings (hidden: the player judges from the words)")
    kinds_on_cards: KindsOnCards = Field(
        default="shown", description="whether cards say what kind of move they are (share, "
        "ask, respond); hidden: no tag at all, whatever the player's depth setting")
    start: Id
    rupture: Id | None = None
    characters: Characters
    flags: dict[Id, bool | int] = Field(default_factory=dict)
    conditions: dict[Id, Expr] = Field(
        default_factory=dict, description="named conditions: a name for a condition used in "
        "many places, worked out wherever the name is used (authoring.md section 11)")
    model: Tuning = Field(default_factory=Tuning)
    scenes: dict[Id, Scene] = Field(min_length=1)

