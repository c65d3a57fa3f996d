"""The story format as pydantic models: what a YAML story may contain.

Models are frozen and forbid unknown keys, so a typo such as `nxt:` is an error with a
location instead of a silently ignored field. Scene and choice ids are stable strings:
saves refer to content by id, never by position, so they survive edits.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

FORMAT_VERSION = 1

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$",
                          description="lower-case letters, digits and _; starts with a letter")]
Outcome = Literal["deepened", "acquaintance", "ruptured"]
Kind = Literal["disclose", "ask", "respond", "plain"]
Tone = Literal["factual", "emotional"]
Response = Literal["supportive", "neutral", "dismissive", "judgemental"]
Mood = Literal["neutral", "warm", "guarded", "hurt"]
Layer = Annotated[int, Field(ge=0, le=3, description="0 small talk, 1 personal, 2 private, 3 core")]
Meter = Annotated[float, Field(ge=0, le=100)]
Expr = Annotated[str, Field(min_length=1, max_length=1000)]
Text = Annotated[str, Field(max_length=20_000)]

# Which landing keys each kind of move can produce; `default` is always allowed.
LANDINGS: dict[str, tuple[str, ...]] = {
    "disclose": ("supportive", "reciprocated", "neutral", "judgemental"),
    "small_talk": ("supportive",),
    "ask": ("welcome", "intrusion"),
    "respond": ("supportive", "neutral", "dismissive", "judgemental"),
    "plain": (),
}


class Base(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Tuning(Base):
    """Overrides of the relationship model's parameters (see docs/model.md)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    thresholds: tuple[float, float, float] | None = None
    skip_penalty: float | None = None
    imbalance_penalty: float | None = None
    noise: float | None = Field(default=None, ge=0, le=50)
    neutral_band: float | None = None
    small_talk_gain: float | None = None
    small_talk_ceiling: Meter | None = None
    support_trust: float | None = None
    support_defence: float | None = None
    emotional_weight: float | None = None
    neutral_trust: float | None = None
    judge_trust: float | None = None
    judge_defence: float | None = None
    premature_defence: float | None = None
    reciprocity: tuple[Meter, Meter, Meter] | None = None
    respond_trust: float | None = None
    respond_defence: float | None = None
    probe_base: float | None = None
    probe_step: float | None = None
    probe_trust: float | None = None
    probe_welcome_trust: float | None = None
    rupture_trust: Meter | None = None
    rupture_defence: Meter | None = None
    deepen_trust: Meter | None = None
    deepen_defence: Meter | None = None
    deepen_layer: Layer | None = None
    deepen_topics: int | None = Field(default=None, ge=0, le=50)


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
    if_: Expr | None = Field(default=None, alias="if")
    effects: list[Expr] = Field(default_factory=list)
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
    lines: list[Line] = Field(default_factory=list)
    choices: list[Choice] = Field(default_factory=list)
    branches: list[Branch] = Field(default_factory=list)
    next: Id | None = None
    ending: Ending | None = None


class Story(Base):
    """A whole story: metadata, characters, flags, model tuning and scenes."""

    format: Literal[1] = 1
    id: Id
    title: str = Field(max_length=120)
    summary: Text = ""
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
    minutes: int = Field(default=10, ge=1, le=600)
    content_notes: list[str] = Field(default_factory=list)
    ages: str | None = Field(default=None, pattern=r"^[0-9]{1,2}\+$",
                             description="youngest age the story is written for, e.g. 13+")
    start: Id
    rupture: Id | None = None
    characters: Characters
    flags: dict[Id, bool | int] = Field(default_factory=dict)
    model: Tuning = Field(default_factory=Tuning)
    scenes: dict[Id, Scene] = Field(min_length=1)


def json_schema() -> dict[str, Any]:
    from game.story.editorschema import editor_schema

    return editor_schema(Story)
