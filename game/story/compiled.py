"""The runtime form of a story: validated, with expressions compiled and text resolved.

A `CompiledStory` never changes after loading. The session and the simulator read it on
every move, so everything that can be worked out once (names in text, reaction fallbacks,
per-partner model parameters) is worked out here. Its `meta` is the story as plain data
(game/story/plain.py), so nothing that reads a loaded story needs pydantic.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import msgspec
import msgspec.structs

from game.model import Explanation, Params
from game.story.diagnostics import Diagnostic
from game.story.expr import Condition, Effect
from game.story.expr_eval import Env
from game.story.expr_names import reads_closing
from game.story.plain import Disclosure, Ending, Story
from game.story.yamlread import Located

RUPTURE_FALLBACK = "_rupture"
CONTINUE = "continue"
"""The id of the choice a scene offers when none of its own is on offer but it goes on."""


class CLine(msgspec.Struct, frozen=True):
    """A line as played. Lines and choices are msgspec Structs rather than dataclasses
    because every load builds thousands of them and a Struct is built in C (about five
    times faster than a frozen dataclass); nothing ever encodes or decodes them."""

    speaker: str  # "narrator", "player" or a partner id
    text: str
    cond: Condition | None = None
    mood: str | None = None
    name: str = ""  # the speaker's display name, resolved once; empty for narration
    # An ending's line naming what its closing names ({cost}, {helped}, {standing}, {broke}):
    # filled from those choices' `recalled:` as the ending is shown, or the line is left out.
    recalls: tuple[str, ...] = ()

    @property
    def reads_closing(self) -> bool:
        """Whether the line reads what the closing sentences name, in its words ({cost}) or
        its condition (`cost.ID`): known only once a whole run has ended, never from a state."""
        return bool(self.recalls) or (self.cond is not None and reads_closing(self.cond.refs))

    def shown(self, env: Env, words: Collection[str] = ()) -> bool:
        """Whether the line is shown: its condition holds in `env`, and every place it
        recalls ({cost}...) has `recalled:` words this run (`words`), so no line ever shows
        a bare placeholder."""
        return all(r in words for r in self.recalls) and (self.cond is None
                                                           or bool(self.cond.evaluate(env)))


class CChoice(msgspec.Struct, frozen=True):
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
    effects: tuple[Effect, ...]  # run however the move lands
    reactions: dict[str, tuple[CLine, ...]]
    next: dict[str, str]  # landing (or "default") -> scene id
    # The author's reasons, completing "because ..." in the closing sentences (causes.py),
    # by landing as reactions are ("default" for any other); empty when none was written.
    because: dict[str, str] = {}
    # The ids of the choices this one apologises for (`sorry_for:`), in any scene.
    sorry_for: tuple[str, ...] = ()
    invited: bool = False  # a telling the partner asked for (`invited:`, R-INVITED)
    recalled: str = ""  # how an ending recalls this choice (`recalled:`), if the story says
    # `effects:` written per landing (keyed as reactions are, "default" for any other);
    # empty when the effects run however the move lands.
    effects_on: dict[str, tuple[Effect, ...]] = {}

    # Derived (added for the simulator's step): the scene this choice always leads to when
    # only its "default" is given, whatever the landing; None when the landing or the
    # scene's branches decide. Worked out once here, on a frozen object, not on every move.
    always: str | None = None

    def __post_init__(self) -> None:
        nxt = self.next
        msgspec.structs.force_setattr(
            self, "always", nxt["default"] if len(nxt) == 1 and "default" in nxt else None)

    @property
    def move(self) -> str:
        """The model's name for this move; a layer-0 disclosure is small talk."""
        if self.kind == "disclose" and self.layer == 0:
            return "small_talk"
        return self.kind

    def effects_for(self, landing: str) -> tuple[Effect, ...]:
        """The effects to run for this landing: the landing's own, a reciprocated
        disclosure's supportive ones, then default (as reactions fall back)."""
        by = self.effects_on
        if not by:
            return self.effects
        found = by.get(landing)
        if found is None and landing == "reciprocated":
            found = by.get("supportive")
        return found if found is not None else by.get("default", ())

    def every_effect(self) -> Iterator[Effect]:
        """Every effect this choice can run, whatever the landing."""
        yield from self.effects
        for effects in self.effects_on.values():
            yield from effects

    def because_for(self, landing: str, premature: bool = False) -> str:
        """The author's reason for this choice as it landed (empty if none was written):
        `premature` first for a disclosure that skipped a layer (whatever its landing), then
        the landing, supportive for a reciprocated one, then default."""
        reasons = self.because
        if not reasons:
            return ""
        found = reasons.get("premature") if premature else None
        if found is None:
            found = reasons.get(landing)
        if found is None and landing == "reciprocated":
            found = reasons.get("supportive")
        return found if found is not None else reasons.get("default", "")


class CScene(msgspec.Struct, frozen=True):
    """A scene as played (a Struct like CChoice: a frozen dataclass took three times as
    long to build, a tenth of loading a cached story)."""

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
    # The scene's cards hide their layer unless the player chose otherwise: the scene's
    # `depth_on_cards`, else the story's, worked out when the story is compiled.
    hides_depth: bool = False
    # The scene's cards carry no kind tag (`kinds_on_cards`): in a vote, a lone [respond]
    # among [share] cards would mark itself out as the answer.
    hides_kinds: bool = False
    # The author's reason for the meters `on_enter` moves (`because:`), for the glass box.
    because: str = ""

    # Derived in __post_init__ from the fields above (whatever a caller passes):
    # True when every choice is always on offer: asked on every move, so worked out once.
    unconditional: bool = True
    by_id: dict[str, CChoice] = {}
    # True when some choice answers a partner: only then can moving on leave one unanswered.
    responds: bool = False
    # The "Continue" offered when none of the scene's own choices is, if the scene goes on.
    proceed: CChoice | None = None
    # Derived (added for the simulator's step): each choice's 1-based place in `choices`,
    # which is its place on offer whenever the scene is unconditional.
    places: dict[str, int] = {}

    def __post_init__(self) -> None:
        # Derived once here, on a frozen object, so the runtime never needs a cache.
        by_id: dict[str, CChoice] = {}
        places: dict[str, int] = {}
        unconditional, responds = True, False
        for place, c in enumerate(self.choices, 1):
            by_id[c.id] = c
            places[c.id] = place
            unconditional = unconditional and c.cond is None
            responds = responds or c.kind == "respond"
        setattr_ = msgspec.structs.force_setattr
        setattr_(self, "unconditional", unconditional)
        setattr_(self, "responds", responds)
        setattr_(self, "by_id", by_id)
        setattr_(self, "places", places)
        proceed = None
        if self.next or self.branches:
            proceed = CChoice(CONTINUE, self.id, "Continue", "plain", 0, None, False, None,
                              self.partner, None, None, (), {}, {})
        setattr_(self, "proceed", proceed)

    def choice(self, choice_id: str) -> CChoice | None:
        return self.by_id.get(choice_id)


@dataclass(frozen=True)
class CompiledStory:
    meta: Story
    root: Path
    source: str
    scenes: dict[str, CScene]
    params: dict[str, Params]
    default_partner: str
    rupture: str
    warnings: tuple[Diagnostic, ...] = ()
    located: Located | None = field(default=None, compare=False, repr=False)

    @functools.cached_property
    def content_hash(self) -> str:
        """What the story says, not how its files are laid out: comments, spacing and
        quoting leave it alone. Every field and mapping in its order (the first partner is
        the default one), from one msgspec encoding: no JSON pass in Python. Worked out
        when first asked (a record or a save), not on every load: checking a story never
        needs it, and it was a twentieth of loading a changed one."""
        return hashlib.sha256(msgspec.json.encode(self.meta)).hexdigest()[:16]

    @functools.cached_property
    def hurtful(self) -> frozenset[str]:
        """The ids of the answers that can hurt a partner (dismissive or judgemental): an
        apology mends a hurt only when it names one of them (R-APOLOGY)."""
        return frozenset(c.id for s in self.scenes.values() for c in s.choices
                         if c.kind == "respond" and c.response in ("dismissive", "judgemental"))

    def mends(self, c: CChoice) -> bool:
        """Whether `c` is an apology that, taken, mends a hurt: it names an answer that can
        hurt. (An apology for something else, a secret passed on, is still never judged.)"""
        return bool(c.sorry_for) and not self.hurtful.isdisjoint(c.sorry_for)

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def start(self) -> str:
        return self.meta.start

    def sentences(self, explanation: Explanation, pid: str,
                  source: tuple[str, str] | None = None, then: str = "") -> list[str]:
        """An explanation in plain English, with each partner's name and pronouns. With its
        `source` (scene id, choice id), the story's own effects are explained in the author's
        `because:` for the way the choice landed, where there is one; with `then`, the scene
        the move led to, a partner is not said to wait for an answer when that scene is an
        ending or offers no answer (there is no move there to give it), and that scene's
        `on_enter` is explained in its own `because:`, where it has one."""
        partners = self.meta.characters.partners
        others = {k: (p.name, p.pronouns) for k, p in partners.items()}
        found = partners.get(pid)
        pronouns = found.pronouns if found else "they/them"
        scene = self.scenes.get(source[0]) if source is not None else None
        choice = scene.choice(source[1]) if scene is not None and source is not None else None
        ready = explanation.readiness
        author = "" if choice is None else choice.because_for(
            explanation.landing, ready is not None and ready.skip > 0)
        nxt = self.scenes.get(then)
        # Nobody is said to wait for an answer the next scene cannot give: an ending, or a
        # scene with no answer on its menu (editors read "waiting to see how you take it"
        # followed by a scene with nothing to answer as a promise the story broke).
        last = nxt is not None and (nxt.ending is not None or not nxt.responds)
        opening = nxt.because if nxt is not None else ""
        return explanation.sentences(self.name_of(pid), pronouns, others, author, last, opening)

    def name_of(self, speaker: str) -> str:
        if speaker == "player":
            return self.meta.characters.player.name
        partner = self.meta.characters.partners.get(speaker)
        return partner.name if partner else ""


def expressions(story: CompiledStory) -> Iterator[Condition | Effect]:
    """Every compiled condition and effect of the story's scenes, in scene order: what the
    whole-story warnings read (flags read and set, named conditions used)."""
    for scene in story.scenes.values():
        yield from scene.on_enter
        yield from (ln.cond for ln in scene.lines if ln.cond)
        yield from (cond for cond, _ in scene.branches if cond)
        for c in scene.choices:
            if c.cond:
                yield c.cond
            yield from c.every_effect()
            for lines in c.reactions.values():
                yield from (ln.cond for ln in lines if ln.cond)
