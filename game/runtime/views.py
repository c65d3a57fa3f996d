"""What the runtime hands to a front end: plain, immutable data, never drawing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from game.glossary import LAYER_NAMES
from game.model import Explanation

if TYPE_CHECKING:
    from game.story.compiled import CompiledStory


@dataclass(frozen=True, slots=True)
class LineView:
    speaker: str  # "narrator", "player" or a partner id
    name: str  # display name; empty for narration
    text: str
    mood: str | None = None


@dataclass(frozen=True, slots=True)
class ChoiceView:
    id: str
    label: str
    kind: str  # disclose | ask | respond | plain
    layer: int | None  # only for disclose and ask
    topic: str | None = None
    tone: str | None = None
    response: str | None = None
    answering: bool = False  # offered in a menu that answers the partner (a respond is on offer)
    # The scene hides what kind of move each card is (`kinds_on_cards: hidden`): no tag, no
    # layer, the plain glyph. The model still reads the real kind.
    kind_hidden: bool = False

    @property
    def shown_kind(self) -> str:
        """The kind the player is shown. In a menu of answers, a plain choice (changing the
        subject, a joke, a practical offer) is shown as an answer too: moving on is one way
        of answering, and the one untagged card would otherwise mark itself out as the
        deflection. The model still treats it as plain. Where the scene hides kinds, every
        card is shown as talk."""
        if self.kind_hidden:
            return "plain"
        return "respond" if self.kind == "plain" and self.answering else self.kind

    @property
    def badge(self) -> str:
        """Short text tag such as `[share, layer 2: private]`, used by the terminal game."""
        return self.badge_for(depth=True)

    def badge_for(self, depth: bool) -> str:
        """The text tag; without `depth` a sharing or asking card keeps its kind but not its
        layer, so the player judges how deep it goes from the words (the depth-tags setting)."""
        if self.kind in ("disclose", "ask") and self.layer is not None:
            verb = "share" if self.kind == "disclose" else "ask"
            return f"[{verb}, layer {self.layer}: {LAYER_NAMES[self.layer]}]" if depth \
                else f"[{verb}]"
        if self.shown_kind == "respond":
            # never the kind of answer: that would tell the player which one is kind
            # (the window shows RESPOND alone, for the same reason)
            return "[respond]"
        return ""


@dataclass(frozen=True, slots=True, kw_only=True)
class EndingView:
    """How the story ended; playthrough records keep this same value (game/persist)."""

    scene: str
    title: str
    outcome: str  # deepened | acquaintance | ruptured
    reflection: str


@dataclass(frozen=True, slots=True)
class View:
    scene: str
    title: str | None
    background: str | None
    partner: str
    partner_name: str
    mood: str
    lines: tuple[LineView, ...]
    choices: tuple[ChoiceView, ...]
    ending: EndingView | None
    turn: int
    meters: dict[str, dict[str, Any]] | None = None
    hides_depth: bool = False  # the story hides the cards' layers here (`depth_on_cards`)


class Result(NamedTuple):
    """How a choice landed. A NamedTuple: the simulator makes one per move."""

    choice: ChoiceView
    said: str | None
    landing: str
    reaction: tuple[LineView, ...]
    explanation: Explanation | None
    partner: str
    next_scene: str
    ruptured: bool
    ending: EndingView | None


class Step:
    """One entry of the history: what was on screen, what was chosen, how it landed.

    The lines on screen are evaluated on first use: a simulated run never reads them,
    and the state they depend on is immutable, so computing them later gives the same.
    """

    __slots__ = ("_lines", "_make", "result", "scene")

    def __init__(self, scene: str, result: Result,
                 lines: Callable[[], tuple[LineView, ...]] | tuple[LineView, ...]) -> None:
        self.scene = scene
        self.result = result
        self._lines = lines if isinstance(lines, tuple) else None
        self._make = None if isinstance(lines, tuple) else lines

    @property
    def lines(self) -> tuple[LineView, ...]:
        if self._lines is None:
            assert self._make is not None
            self._lines, self._make = self._make(), None
        return self._lines

    def explained(self, story: CompiledStory) -> list[str]:
        """The glass box for this move, in plain English (empty for a plain move): the
        author's reasons from the choice made here and from the scene it led to."""
        res = self.result
        if res.explanation is None:
            return []
        return story.sentences(res.explanation, res.partner, (self.scene, res.choice.id),
                               res.next_scene)
