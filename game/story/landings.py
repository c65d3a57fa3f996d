"""Warnings for moves and landings that can never happen, found without exploring play.

`confide check` reports these at once, before any state-space search (W010, W011). The
check asks the relationship model itself, through its public functions, so it follows the
model when the model changes. It bounds what a partner can know on arrival at each scene:
the deepest layer the player can have shared (`reached`) and the deepest the partner can
have shared (`opened`), joined over every way into the scene. A move is then tried on the
most hopeful state (those depths, full trust, no defence) and on the least hopeful one
(nothing shared, meters at the edge of rupture). A question lands one of two ways, assumed
to get no worse as trust and depth grow, so one that neither end can produce is reported;
a disclosure depends on more of the state than that bounds, so none of its landings is.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.model import LAYER_PHRASES, Params, PartnerState, ask, disclose
from game.story.compiled import CChoice, CompiledStory, CScene
from game.story.diagnostics import Diagnostic
from game.story.yamlread import Located

Depths = dict[str, tuple[int, int]]  # partner id -> (reached, opened) upper bounds


class LandingBounds:
    """What the moves of one story can do, worked out once for one check: the depths on
    arrival at each reachable scene, and the landings of each kind of move (memoised, as
    stories repeat the same kinds of move a lot)."""

    __slots__ = ("_memo", "depths", "story")

    def __init__(self, story: CompiledStory) -> None:
        self.story = story
        self.depths = arrival_depths(story)
        self._memo: dict[tuple[object, ...], set[str]] = {}

    def landings(self, c: CChoice, depth: tuple[int, int]) -> set[str]:
        """`possible_landings` of `c` for a partner at `depth` on arrival."""
        # An apology and an invited answer are never judged: each part of the key changes
        # what can happen, so two moves alike in all but that must not share an answer.
        key = (c.kind, c.layer, c.emotional, c.response, c.partner, depth, bool(c.sorry_for),
               c.invited)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = possible_landings(c, self.story.params[c.partner], depth)
        return found

    def shown(self, c: CChoice) -> set[str] | None:
        """Landings of `c` that can happen (a reciprocated one shows the supportive reaction);
        None when its scene is never reached."""
        depths = self.depths.get(c.scene)
        if depths is None:
            return None
        depth = _after_disclosure(self.story.scenes[c.scene], depths)[c.partner]
        found = self.landings(c, depth)
        return found | ({"supportive"} if "reciprocated" in found else set())


def landing_warnings(story: CompiledStory, located: Located,
                     bounds: LandingBounds | None = None) -> list[Diagnostic]:
    """W010 for asks that can never be welcome, W011 for landings that can never be shown."""
    bounds = bounds or LandingBounds(story)
    out: list[Diagnostic] = []
    for sid, scene in story.scenes.items():
        if sid not in bounds.depths:
            continue  # unreachable: W001 already says so
        inside = _after_disclosure(scene, bounds.depths[sid])
        for i, c in enumerate(scene.choices):
            if c.kind in ("disclose", "ask", "respond"):
                _check_choice(out, bounds, located, c, (sid, i), inside)
    return out


def arrival_depths(story: CompiledStory) -> dict[str, Depths]:
    """For each reachable scene, the deepest each partner's layers can be on arrival."""
    start: Depths = dict.fromkeys(story.params, (0, 0))
    found: dict[str, Depths] = {story.start: start}
    todo = [story.start]
    while todo:
        sid = todo.pop()
        scene = story.scenes.get(sid)
        if scene is None:
            continue
        inside = _after_disclosure(scene, found[sid])
        for nxt, depths in _onward(story, scene, inside):
            before = found.get(nxt)
            if before is depths or (before is not None and _covers(before, depths)):
                continue  # nothing new arrives there this way
            found[nxt] = _join(before, depths)
            todo.append(nxt)
    return found


def _after_disclosure(scene: CScene, depths: Depths) -> Depths:
    d = scene.disclosure
    if d is None:
        return depths
    pid = d.partner or scene.partner
    reached, opened = depths[pid]
    return {**depths, pid: (reached, max(opened, d.layer))}


def _onward(story: CompiledStory, scene: CScene, depths: Depths) -> Iterator[tuple[str, Depths]]:
    fallback = [to for _, to in scene.branches] + ([scene.next] if scene.next else [])
    if not scene.choices or not scene.unconditional:
        # No choice on offer: play goes on by "Continue" with nothing new shared.
        for to in fallback:
            yield to, depths
    for c in scene.choices:
        after = _deepest_after(story, c, depths)
        covered = "default" in c.next
        for to in [*c.next.values(), *([] if covered else fallback)]:
            yield to, after


def _deepest_after(story: CompiledStory, c: CChoice, depths: Depths) -> Depths:
    """The deepest layers a move can leave, by what the layers mean rather than by the
    model's arithmetic (which depends on more state than is bounded here): a disclosure at
    k can be received at k, and a partner shares at most one layer past what they had
    shared, or at the layer they were asked about."""
    if c.kind not in ("disclose", "ask") or c.layer == 0:
        return depths
    reached, opened = depths[c.partner]
    if c.kind == "disclose":
        after = (max(reached, c.layer), max(opened, min(c.layer, opened + 1)))
    else:
        after = (reached, max(opened, c.layer))
    return {**depths, c.partner: after}


def _covers(old: Depths, new: Depths) -> bool:
    """Whether `old` is already at least as deep as `new` for every partner."""
    for pid, (reached, opened) in new.items():
        was = old[pid]
        if reached > was[0] or opened > was[1]:
            return False
    return True


def _join(old: Depths | None, new: Depths) -> Depths:
    if old is None:
        return new
    return {pid: (max(old[pid][0], new[pid][0]), max(old[pid][1], new[pid][1])) for pid in old}


def _hopeful(depth: tuple[int, int]) -> PartnerState:
    # pending: the partner may just have shared their deepest, inviting a follow-up question.
    return PartnerState(100.0, 0.0, depth[0], depth[1], pending=depth[1])


def _hopeless(params: Params) -> PartnerState:
    return PartnerState(min(100.0, params.rupture_trust + 0.01),
                        max(0.0, params.rupture_defence - 0.01))


def possible_landings(c: CChoice, params: Params, depth: tuple[int, int]) -> set[str]:
    """Every landing the model can give this move, between the two extreme states."""
    if c.kind == "respond":
        return {c.response or "neutral"}
    best, worst = _hopeful(depth), _hopeless(params)
    if c.kind == "ask":
        return {ask(s, layer=c.layer, topic=c.topic, params=params)[1].landing
                for s in (best, worst)}
    if c.layer == 0:
        return {disclose(best, layer=0, emotional=False, topic=c.topic, params=params,
                         noise=0.0)[1].landing}
    # How a disclosure lands depends on more of the partner's state than the two ends above
    # can bound (pacing, closeness, a guard after a judgement), so no landing is ruled out,
    # but an apology's or an invited answer's judgement (R-APOLOGY, R-INVITED: each is
    # heard, at worst coolly).
    if c.sorry_for or c.invited:
        return {"supportive", "reciprocated", "neutral"}
    return {"supportive", "reciprocated", "neutral", "judgemental"}


def _check_choice(out: list[Diagnostic], bounds: LandingBounds, located: Located, c: CChoice,
                  at: tuple[str, int], depths: Depths) -> None:
    """Add `c`'s warnings to `out` (a plain call, not a generator: it runs for nearly
    every choice of the story and nearly always finds nothing)."""
    story = bounds.story
    depth = depths[c.partner]
    landings = bounds.landings(c, depth)
    never_welcome = c.kind == "ask" and "welcome" not in landings and not _trap(c)
    shown = landings | ({"supportive"} if "reciprocated" in landings else set())
    if not never_welcome and c.reactions.keys() <= shown | {"default"} >= c.next.keys():
        return  # nearly every choice: nothing to say, so nothing else to work out
    loc = ("scenes", at[0], "choices", at[1])
    name = story.name_of(c.partner)
    if never_welcome:
        params = story.params[c.partner]
        out.append(located.mark_for(loc).diag("W010", _never_welcome(c, params, depth, name)))
    for where, keys in (("reaction", c.reactions), ("next", c.next)):
        for key in sorted(keys.keys() - shown - {"default"}):
            if c.kind == "ask" and key == "welcome":
                continue  # W010 already explains why
            mark = located.key_mark((*loc, "reactions" if where == "reaction" else "next", key))
            out.append(mark.diag("W011", f"choice '{c.id}': the '{key}' {where} can never be "
                                 f"used: {_why_not(c, landings, name)}"))


def _trap(c: CChoice) -> bool:
    """Only intrusion written for: a question meant as a trap, which is fine."""
    written = {*c.reactions, *c.next}
    return "welcome" not in written and "intrusion" in written


def _never_welcome(c: CChoice, params: Params, depth: tuple[int, int], name: str) -> str:
    _, exp = ask(_hopeful(depth), layer=c.layer, topic=c.topic, params=params)
    reason = exp.sentences(name)[-1].split(": ", 1)[-1].rstrip(".")
    return (f"ask '{c.id}' ({LAYER_PHRASES[c.layer]}) can never be welcome here: {reason}; "
            f"by this point you can have shared at most {LAYER_PHRASES[depth[0]]} and "
            f"{name} at most {LAYER_PHRASES[depth[1]]} (ask at a shallower layer, or move it "
            "after deeper sharing)")


def _why_not(c: CChoice, landings: set[str], name: str) -> str:
    if c.kind == "respond":
        return f"a respond choice always lands as its own response ('{c.response}')"
    if c.kind == "ask" and c.layer == 0:
        return "everyday questions (layer 0) are always welcome"
    ways = " or ".join(sorted(landings))
    return f"at this point {name} can only take it as {ways}"

