"""Whole-story warnings: reachability, flags, reactions, menus, the order of apologies.
(Asset paths are checked in assets.py, which a cache hit needs without these.)"""

from __future__ import annotations

from game.story.apologies import never_after
from game.story.compiled import CompiledStory, expressions
from game.story.diagnostics import Diagnostic
from game.story.expr import Effect, Ref
from game.story.landings import LandingBounds
from game.story.menus import menu_warnings
from game.story.named import unused_named
from game.story.scenegraph import walk
from game.story.unexplained import unexplained
from game.story.yamlread import Located


def reachable(story: CompiledStory) -> set[str]:
    """The scenes play can reach from the start."""
    # Any move or author effect on a meter can break the relationship, so the rupture
    # scene counts as reachable whenever the story has meters at all.
    return {*walk(story, (story.start,)), story.rupture}


def warnings(story: CompiledStory, located: Located,
             bounds: LandingBounds | None = None) -> list[Diagnostic]:
    """Whole-story warnings; `bounds`, when given, is shared with the authoring warnings
    (game/story/silent.py) so the story's depths are worked out once per check."""
    out: list[Diagnostic] = []
    seen = reachable(story)
    for sid in story.meta.scenes:
        if sid not in seen:
            out.append(located.key_mark(("scenes", sid)).diag(
                "W001", f"scene '{sid}' can never be reached from '{story.start}'"))
    out.extend(_flag_warnings(story, located))
    out.extend(unused_named(story, located))
    out.extend(_reaction_warnings(story, located, bounds))
    out.extend(menu_warnings(story, located))
    out.extend(never_after(story, located))
    out.extend(unexplained(story, located, bounds))
    return out


def _flag_warnings(story: CompiledStory, located: Located) -> list[Diagnostic]:
    read: set[Ref] = set()
    written: set[Ref] = set()
    for expr in expressions(story):
        read |= expr.refs
        if isinstance(expr, Effect):
            written.add(expr.target)
    out = []
    for name in story.meta.flags:
        ref = ("flag", name)
        mark = located.key_mark(("flags", name))
        if ref not in read:
            out.append(mark.diag("W004", f"flag '{name}' is declared but no condition reads it"))
        elif ref not in written:
            out.append(mark.diag("W008", f"flag '{name}' is read but no effect ever sets it"))
    return out


def _needed(kind: str, layer: int, response: str | None) -> tuple[str, ...]:
    if kind == "disclose":
        return ("supportive",) if layer == 0 else ("supportive", "neutral", "judgemental")
    if kind == "ask":
        return ("welcome", "intrusion")
    if kind == "respond" and response:
        return (response,)
    return ()


def _reaction_warnings(story: CompiledStory, located: Located,
                       bounds: LandingBounds | None) -> list[Diagnostic]:
    out = []  # bounds, when not given, are worked out only if some choice needs them
    for scene in story.scenes.values():
        for i, c in enumerate(scene.choices):
            if not c.reactions or "default" in c.reactions:
                continue
            # A landing the model can never give needs no reaction (see W011).
            bounds = bounds or LandingBounds(story)
            possible = bounds.shown(c)
            missing = [k for k in _needed(c.kind, c.layer, c.response)
                       if k not in c.reactions and (possible is None or k in possible)]
            if missing:
                out.append(located.mark_for(("scenes", scene.id, "choices", i)).diag(
                    "W005", f"choice '{c.id}' has no reaction for: {', '.join(missing)} "
                    "(add them, or a 'default')"))
    return out
