"""The runtime form of a story: validated, with expressions compiled and text resolved.

A `CompiledStory` never changes after loading. The session and the simulator read it on
every move, so everything that can be worked out once (names in text, reaction fallbacks,
per-partner model parameters) is worked out here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.model import Explanation, Params
from game.story.diagnostics import Diagnostic
from game.story.expr import Condition, Effect
from game.story.schema import Disclosure, Ending, Story
from game.story.yamlread import Located

RUPTURE_FALLBACK = "_rupture"
CONTINUE = "continue"
"""The id of the choice a scene offers when none of its own is on offer but it goes on."""


@dataclass(frozen=True, slots=True)
class CLine:
    speaker: str  # "narrator", "player" or a partner id
    text: str
    cond: Condition | None = None
    mood: str | None = None
    name: str = ""  # the speaker's display name, resolved once; empty for narration


@dataclass(frozen=True, slots=True)
class CChoice:
    id: str
    scene: str
    label: str
    kind: str  # disclose | ask | respond | plain
    layer: int
    topic: str | None
    emotional: bool
    response: str | None
    partner: str
    say: str | None
    cond: Condition | None
    effects: tuple[Effect, ...]
    reactions: dict[str, tuple[CLine, ...]]
    next: dict[str, str]  # landing (or "default") -> scene id

    # Derived (added for the simulator's step): the scene this choice always leads to when
    # only its "default" is given, whatever the landing; None when the landing or the
    # scene's branches decide. Worked out once here, on a frozen object, not on every move.
    always: str | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        nxt = self.next
        object.__setattr__(self, "always", nxt["default"] if len(nxt) == 1 and "default" in nxt
                           else None)

    @property
    def move(self) -> str:
        """The model's name for this move; a layer-0 disclosure is small talk."""
        if self.kind == "disclose" and self.layer == 0:
            return "small_talk"
        return self.kind


@dataclass(frozen=True, slots=True)
class CScene:
    id: str
    title: str | None
    background: str | None
    partner: str
    mood: str | None
    disclosure: Disclosure | None
    on_enter: tuple[Effect, ...]
    lines: tuple[CLine, ...]
    choices: tuple[CChoice, ...]
    branches: tuple[tuple[Condition | None, str], ...]
    next: str | None
    ending: Ending | None

    # True when every choice is always on offer: asked on every move, so worked out once.
    unconditional: bool = field(init=False, repr=False, compare=False)
    by_id: dict[str, CChoice] = field(init=False, repr=False, compare=False)
    # True when some choice answers a partner: only then can moving on leave one unanswered.
    responds: bool = field(init=False, repr=False, compare=False)
    # The "Continue" offered when none of the scene's own choices is, if the scene goes on.
    proceed: CChoice | None = field(init=False, repr=False, compare=False)
    # Derived (added for the simulator's step): each choice's 1-based place in `choices`,
    # which is its place on offer whenever the scene is unconditional.
    places: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Derived once here, on a frozen object, so the runtime never needs a cache.
        object.__setattr__(self, "unconditional", all(c.cond is None for c in self.choices))
        object.__setattr__(self, "responds", any(c.kind == "respond" for c in self.choices))
        object.__setattr__(self, "by_id", {c.id: c for c in self.choices})
        object.__setattr__(self, "places", {c.id: i for i, c in enumerate(self.choices, 1)})
        proceed = None
        if self.next or self.branches:
            proceed = CChoice(
                id=CONTINUE, scene=self.id, label="Continue", kind="plain", layer=0,
                topic=None, emotional=False, response=None, partner=self.partner, say=None,
                cond=None, effects=(), reactions={}, next={})
        object.__setattr__(self, "proceed", proceed)

    def choice(self, choice_id: str) -> CChoice | None:
        return self.by_id.get(choice_id)


@dataclass(frozen=True)
class CompiledStory:
    meta: Story
    root: Path
    source: str
    scenes: dict[str, CScene]
    params: dict[str, Params]
    content_hash: str
    default_partner: str
    rupture: str
    warnings: tuple[Diagnostic, ...] = ()
    located: Located | None = field(default=None, compare=False, repr=False)

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def start(self) -> str:
        return self.meta.start

    def sentences(self, explanation: Explanation, pid: str) -> list[str]:
        """An explanation in plain English, with each partner's name and pronouns."""
        partners = self.meta.characters.partners
        others = {k: (p.name, p.pronouns) for k, p in partners.items()}
        found = partners.get(pid)
        pronouns = found.pronouns if found else "they/them"
        return explanation.sentences(self.name_of(pid), pronouns, others)

    def name_of(self, speaker: str) -> str:
        if speaker == "player":
            return self.meta.characters.player.name
        partner = self.meta.characters.partners.get(speaker)
        return partner.name if partner else ""
