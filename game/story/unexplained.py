"""W016: a story's own effect on a partner's trust or defence with no reason to show.

The glass box explains every meter change. The model's own changes come with the model's
words; an author's `effects:` (or a scene's `on_enter`) can only be explained in the author's
`because:`, and without one a class reads "the story sets this as part of what you chose",
which tells them nothing about why a joke or a kindness mattered (editors and teachers found
such lines at a story's most important moments). So every way a choice can land that runs
such an effect needs a reason for that landing, and every `on_enter` that runs one needs
its scene's `because:`."""

from __future__ import annotations

from collections.abc import Iterable

from game.story.compiled import CChoice, CompiledStory
from game.story.diagnostics import Diagnostic
from game.story.expr import Effect
from game.story.landings import LandingBounds
from game.story.plain import LANDINGS
from game.story.yamlread import Located

_METERS = frozenset({"trust", "defence"})


def unexplained(story: CompiledStory, located: Located,
                bounds: LandingBounds | None = None) -> list[Diagnostic]:
    """W016 for each choice (and each scene's `on_enter`) whose effects move a partner's
    trust or defence on some landing that has no `because:` reason."""
    out: list[Diagnostic] = []
    for sid, scene in story.scenes.items():
        if _moves(scene.on_enter) and not scene.because:
            out.append(located.mark_for(("scenes", sid, "on_enter")).diag(
                "W016", f"scene '{sid}' changes {_whose(story, scene.on_enter)} in on_enter "
                "with no reason: the glass box would say only \"as the next scene began, "
                "… the story sets this there\"; give the scene a because: of one plain "
                "sentence that follows \"because\" (section 13)"))
        for i, c in enumerate(scene.choices):
            if not _moves(c.every_effect()):
                continue
            if c.because and "default" in c.because:
                continue  # every landing has a reason
            if c.because and bounds is None:  # reasons per landing: which can happen?
                bounds = LandingBounds(story)
            bare = [landing for landing in _landings(c, bounds)
                    if _moves(c.effects_for(landing)) and not c.because_for(landing)]
            if bare:
                out.append(located.mark_for(("scenes", sid, "choices", i, "effects")).diag(
                    "W016", _message(story, c, bare)))
    return out


def _moves(effects: Iterable[Effect]) -> bool:
    return any(e.target[0] != "flag" and e.target[-1] in _METERS for e in effects)


def _whose(story: CompiledStory, effects: Iterable[Effect]) -> str:
    moved = sorted({(e.target[0], e.target[-1]) for e in effects
                    if e.target[0] != "flag" and e.target[-1] in _METERS})
    return " and ".join(f"{story.name_of(pid) or pid}'s {meter}" for pid, meter in moved)


def _landings(c: CChoice, bounds: LandingBounds | None) -> list[str]:
    """The ways `c` can land, as its `because:` and `effects:` are keyed (the format's own
    table, game.story.plain.LANDINGS); with `bounds` (needed only when the reasons are per
    landing), only those that can happen in play."""
    if c.kind == "respond":
        return [c.response or "neutral"]  # an answer always lands as itself
    every = list(LANDINGS[c.move]) or ["plain"]  # a plain choice: one landing, no key
    shown = bounds.shown(c) if bounds is not None and c.kind != "plain" else None
    return every if shown is None else [k for k in every if k in shown]


def _message(story: CompiledStory, c: CChoice, bare: list[str]) -> str:
    when = "" if c.kind in ("plain", "respond") or not c.because else \
        f" when it lands {' or '.join(bare)}"
    return (f"choice '{c.id}' changes {_whose(story, c.every_effect())} in its effects with "
            f"no reason{when}: the glass box would say only \"the story sets this as part of "
            "what you chose\"; add a because: of one plain sentence that follows \"because\" "
            "and says why it mattered (section 13)")
