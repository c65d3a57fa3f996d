"""What the closing sentences of every ending name: the moves of this playthrough that helped
and cost most (their words are in game/runtime/sentences.py).

A written reflection speaks to every player alike, so it cannot know what this one did. These
sentences can: they are built from the session's own moves, quote the choice the player
actually picked (in the story's words), and say how it landed. A move is only ever cited for
what it did, so a reflection never praises something the player did not do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from game.model.explain import Delta, Readiness
from game.model.wording import pronoun_words
from game.runtime.state import State
from game.story.compiled import CompiledStory

if TYPE_CHECKING:  # the session reads its ending's closing from here (`ending_lines`)
    from game.runtime.session import Session

# Landings that can be called a help or a cost; a neutral answer is never praised.
GOOD = frozenset({"supportive", "reciprocated", "welcome"})
BAD = frozenset({"judgemental", "intrusion", "dismissive", "neutral"})
# A change smaller than this (trust gained plus defence dropped) is noise, not a cause.
MIN_GAIN = 1.0
# A lukewarm landing costing less than this is a small cost ("What cost a little"), named
# only when nothing hurt (design choice: under the default tuning a neutral answer costs at
# most 4 points, a brush-off or a judged confidence three times that).
SMALL_COST = 5.0
METER_MAX = 100.0  # trust and defence run from 0 to 100
# Two costs whose shares of what was left to lose differ by less than this are the same size
# (design choice: a class reading the meters cannot tell five points in a hundred apart).
SHARE_TIE = 0.05


@dataclass(frozen=True, slots=True)
class KeyMove:
    step: int  # 1-based
    label: str  # the choice's text, as the player saw it
    kind: str
    landing: str
    partner: str  # the partner's name
    gain: float  # trust change minus defence change, for that partner
    room: float  # trust still to gain plus defence still to lose, before the move
    premature: bool  # a disclosure that skipped a layer
    ruptured: bool
    broken: str = ""  # the name of the partner who broke off at this move, if one did
    mended_by: str = ""  # the label of a later move that repaired the hurt this one did
    # A later choice said sorry for this one (its `sorry_for:` names this choice's id).
    apologised: bool = False
    apology_taken: bool = False  # ... and that sorry was taken (landed warmly, or a plain one)
    unanswered: bool = False  # it moved on from what the partner had just told (R-UNANSWERED)
    trust_change: float = 0.0  # the trust part of `gain`
    because: str = ""  # the author's own reason for this choice (`because:`), if given
    # Whether the story shows the partner sharing back when the move is reciprocated (a
    # `reciprocated` reaction or scene): the model may reciprocate where the page does not.
    shown_back: bool = True
    choice: str = ""  # the choice's id, which an ending's lines name (`cost.ID`)
    hurt_added: int = 0  # hurts (the model's unrepaired count) this move added
    recalled: str = ""  # how an ending recalls the choice (its `recalled:`), if written
    # A disclosure judged at its own pace (no layer skipped, no further than the partner had
    # gone): the partner's trust minus guard was short of what its layer needs (R-READINESS).
    trust_bound: bool = False
    they: str = "they"  # the partner's subject pronoun, for a sentence that names them twice


def key_moves(session: Session) -> list[KeyMove]:
    """Every move of the playthrough with its effect on the partner it was aimed at.

    The history is replayed on a fresh session of the same story and seed, which gives the
    meters before and after each step (author effects included) from public state only. A
    game restored into an edited story cannot be replayed: its moves' own explanations are
    used instead.
    """
    story = session.story
    fresh = None if session.changed_story \
        else type(session)(story, session.seed, noise=session.noise)
    out, hurts = [], []
    for number, old in enumerate(session.history, 1):
        res = old.result
        ready = res.explanation.readiness if res.explanation else None
        deltas = res.explanation.deltas if res.explanation else ()
        if fresh is not None:
            before, was_broken = _meters(fresh.state, res.partner), _broken(fresh.state)
            # A guard the next scene's `on_enter` lowers is the story's gift, not the player's
            # doing, and must not make the choice before it "what helped most"; a cost it adds
            # stays with the choice that led there (a door slammed into a scene that breaks
            # things). So the move counts up to the next scene, or into it if that was worse.
            picked = fresh.scene.choice(res.choice.id)
            own = _meters(fresh.transition(picked).after_move, res.partner) \
                if picked is not None else None
            fresh.choose(res.choice.id)
            after = _meters(fresh.state, res.partner)
            if own is not None and _gain(before, own) < _gain(before, after):
                after = own
            trust = after[0] - before[0]
            gain = _gain(before, after)
            room = (METER_MAX - before[0]) + before[1]
            broke = _broken(fresh.state) - was_broken
            hurts.append(after[2] - before[2])
        else:
            trust = sum(d.change for d in deltas if d.meter == "trust")
            gain = trust - sum(d.change for d in deltas if d.meter == "defence")
            room = _room_from(deltas)
            broke = _broken(session.state)  # a rupture ends the game: it was the last move
            hurts.append(round(sum(d.change for d in deltas if d.meter == "hurt")))
        label = unstopped(res.choice.label)
        scene = story.scenes.get(old.scene)  # gone, in a game restored into an edited story
        source = scene.choice(res.choice.id) if scene is not None else None
        # An author effect can break off a partner the choice was not aimed at: name the
        # one who left, and the choice's own partner when it was them (or nobody is known).
        who = res.partner if res.partner in broke or not broke else min(broke)
        out.append(KeyMove(number, label, res.choice.kind, res.landing,
                           story.name_of(res.partner), gain, room,
                           ready is not None and ready.skip > 0, res.ruptured,
                           story.name_of(who) if res.ruptured else "",
                           unanswered=res.explanation is not None and res.explanation.moved_on,
                           trust_change=trust,
                           because=source.because_for(res.landing, ready is not None
                                                      and ready.skip > 0)
                           if source is not None else "",
                           shown_back=source is None or "reciprocated" in source.reactions
                           or "reciprocated" in source.next, choice=res.choice.id,
                           hurt_added=max(0, hurts[-1]),
                           recalled=source.recalled if source is not None else "",
                           trust_bound=_trust_bound(ready),
                           they=_subject(story, res.partner)))
    ids = [old.result.choice.id for old in session.history]
    sorries = [_sorry_for(story, old.scene, old.result.choice.id) for old in session.history]
    return _apologised(_mended(out, hurts, ids, sorries), ids, sorries)


def _trust_bound(ready: Readiness | None) -> bool:
    """Whether a disclosure fell short on trust alone: no layer skipped, not ahead of what
    the partner had told, and trust minus guard below its layer's threshold before noise.
    Such a telling did not come too soon for the pace; it came when trust was too low, as
    after a betrayal late in a story, and the sentence says so (a design choice on R-READINESS's
    own terms)."""
    return ready is not None and ready.skip == 0 and ready.imbalance == 0 \
        and ready.trust_minus_defence < ready.threshold


def _sorry_for(story: CompiledStory, sid: str, cid: str) -> tuple[str, ...]:
    """The ids a choice says sorry for (none when its scene or the choice is gone, in a
    game restored into an edited story)."""
    scene = story.scenes.get(sid)
    choice = scene.choice(cid) if scene is not None else None
    return choice.sorry_for if choice is not None else ()


def _apologised(moves: list[KeyMove], ids: list[str],
                sorries: list[tuple[str, ...]]) -> list[KeyMove]:
    """Mark each move a later choice said sorry for (by id, to the same partner): the
    author says which hurt an apology owns, so the sentence can say the player said sorry
    instead of only that the hurt was softened."""
    out = list(moves)
    for j, named in enumerate(sorries):
        # A plain sorry is one the story shows taken (R-APOLOGY); a move, taken if warm.
        taken = out[j].kind == "plain" or out[j].landing in GOOD
        for i in range(j):
            if ids[i] in named and out[i].partner == out[j].partner:
                out[i] = replace(out[i], apologised=True,
                                 apology_taken=out[i].apology_taken or taken)
    return out


def _mended(moves: list[KeyMove], hurts: list[int], ids: list[str],
            sorries: list[tuple[str, ...]]) -> list[KeyMove]:
    """Mark each hurt that a later move repaired with that move's label.

    The model keeps only a count of unrepaired hurts per partner: a warm answer (R-RESPOND)
    or an apology taken (R-APOLOGY) takes one off. Which earlier hurt it mends: the one the
    apology names (`sorry_for:`), else (a design choice) the most recent one still open with
    the same partner, as a warm word answers what was said last.
    """
    out, still_open = list(moves), dict[str, list[int]]()
    for i, (move, change) in enumerate(zip(moves, hurts, strict=True)):
        stack = still_open.setdefault(move.partner, [])
        if change > 0:
            stack.extend([i] * change)
        for _ in range(min(-change, len(stack))):
            named = [at for at, j in enumerate(stack) if ids[j] in sorries[i]]
            j = stack.pop(named[-1] if named else -1)
            out[j] = replace(out[j], mended_by=move.label)
    return out


def _room_from(deltas: tuple[Delta, ...]) -> float:
    """The room left before a move, from its own explanation (an edited story's restored
    game): each meter's value before its first change; a meter the move did not touch
    counts as the whole way (no better estimate is kept)."""
    trust = next((d.before for d in deltas if d.meter == "trust" and d.partner is None), 0.0)
    guard = next((d.before for d in deltas if d.meter == "defence" and d.partner is None),
                 METER_MAX)
    return (METER_MAX - trust) + guard


def _subject(story: CompiledStory, pid: str) -> str:
    found = story.meta.characters.partners.get(pid)
    return pronoun_words(found.pronouns if found is not None else "they/them")["they"]


def _gain(before: tuple[float, float, int], after: tuple[float, float, int]) -> float:
    """Trust gained plus guard dropped, between two readings of `_meters`."""
    return (after[0] - before[0]) - (after[1] - before[1])


def _broken(state: State) -> set[str]:
    return {pid for pid, p in state.partners.items() if p.ruptured}


def _meters(state: State, pid: str) -> tuple[float, float, int]:
    p = state.partners[pid]
    return p.trust, p.defence, p.hurt


@dataclass(frozen=True, slots=True)
class Closing:
    """What the closing sentences name: one selection, read by the sentences and by the
    ending's own lines (`cost.ID` and the other roles), so the two cannot disagree."""

    moves: tuple[KeyMove, ...]
    best: KeyMove | None  # what helped most
    worst: KeyMove | None  # what cost most (or a little)
    standing: KeyMove | None  # still between you at the end
    last_straw: KeyMove | None  # the move a partner broke off at
    # A bigger hurt than `worst` that was put right: the sentence naming `worst` says so,
    # since a class that watched the meters saw it as the evening's largest loss.
    repaired: KeyMove | None = None

    def named(self) -> dict[str, KeyMove]:
        """The moves the sentences name, by place (game.story.expr_names.NAMED_MOVES)."""
        return {place: m for place, m in (
            ("helped", self.best), ("cost", self.worst), ("standing", self.standing),
            ("broke", self.last_straw)) if m is not None}

    def facts(self) -> frozenset[str]:
        """Every "ROLE.CHOICE" that holds (game.story.expr_names.CLOSING_ROLES), and each
        again with the place the move is named in for CHOICE (`softened.cost`)."""
        named = self.named()
        out = {f"{place}.{m.choice}" for place, m in named.items()}
        for m in self.moves:
            if m.gain <= -MIN_GAIN or m.ruptured:
                out.add(f"costly.{m.choice}")
                if m.mended_by:
                    out.add(f"softened.{m.choice}")
            if m.apologised:
                out.add(f"apologised.{m.choice}")
        roles = {fact.split(".", 1)[0] for fact in out}
        out |= {f"{role}.{place}" for place, m in named.items() for role in roles
                if f"{role}.{m.choice}" in out}
        return frozenset(out)

    def recalled(self) -> dict[str, str]:
        """An ending line's {cost}, {helped}, ...: the named moves' `recalled:` words."""
        return {place: m.recalled for place, m in self.named().items() if m.recalled}


def closing_of(session: Session) -> Closing | None:
    """The closing's selection; None before an ending."""
    ending = session.ending()
    if ending is None:
        return None
    moves = key_moves(session)
    costs = [m for m in moves if m.gain <= -MIN_GAIN or m.ruptured]
    # What cost most is the largest loss never put right (no warm answer softened it, no
    # sorry owned it that was taken); only when every loss was put right, the largest of
    # them, and the sentence says so. Design choice, on what teachers asked of the debrief:
    # a class should leave with the hurt that was left standing, not one it had already
    # repaired. A lukewarm answer is never named over a hurt: a class would read a friendly
    # "sure" as the evening's mistake. The move a partner broke off at can be a smaller one
    # after it, so a rupture names both.
    hurts = [m for m in costs if not small(m)]
    unrepaired = [m for m in hurts if not (m.mended_by or m.apology_taken)]
    worst = costliest(unrepaired or hurts or costs)
    last_straw = next((m for m in costs if m.ruptured), None)
    if last_straw is not None and worst is not None and last_straw.label == worst.label:
        worst = last_straw  # the same choice twice: one sentence says both
    # Still between you: a hurt the model still counts (R-APOLOGY, R-RESPOND) besides the
    # one named, on an ending short of close (after a rupture the break says where things
    # stand; a friendship that deepened has nothing between it). A lukewarm answer or a
    # move past a confidence adds no such hurt.
    left = [m for m in hurts if m.hurt_added > 0 and not m.mended_by and m is not worst]
    standing = costliest(left) if ending.outcome == "acquaintance" else None
    return Closing(tuple(moves), helped_most(moves), worst, standing, last_straw,
                   _bigger_repaired(hurts, worst))


def _bigger_repaired(hurts: list[KeyMove], worst: KeyMove | None) -> KeyMove | None:
    """The hurt a sorry put right that was larger than the cost named, if one was: the
    largest of all hurts by share (as `costliest` ranks), only when it is not the one named
    and lost at least MIN_GAIN more in points (design choice: a class reading the meters saw
    the bigger drop, and a closing that named only the smaller, unrepaired one read to a
    round-76 teacher as if the smaller slip had been the evening's mistake). Only a sorry
    taken: a hurt softened by some later warm answer (the model counts repairs, not which
    answer repaired what) would claim a repair the class cannot point to (a round-78
    editor), and it made the sentence too long to read aloud."""
    biggest = costliest(hurts)
    if biggest is None or worst is None or biggest is worst or not biggest.apology_taken:
        return None
    return biggest if biggest.gain <= worst.gain - MIN_GAIN else None


def costliest(moves: list[KeyMove]) -> KeyMove | None:
    """The cost to name: the move that took the largest share of what was left to lose
    (trust still held plus calm still left, before it), the earlier of two equal shares.

    Design choice, the mirror of `helped_most`: fairmath takes from what is left, so once
    trust is low and the guard high, even a cruel move costs few points, and ranked by
    points an early, milder misstep would be named over it (two editors found late
    cruelty named below an early question). By share, a move is weighed by how hard it
    hit what the two still had. Near-equal shares go to the larger loss in points (an
    editor: an over-sharer's first telling, the big drop, named below a later one)."""
    if not moves:
        return None
    # What there was to lose is the room to gain turned round: trust held plus calm left.
    shares = [m.gain / max(2 * METER_MAX - m.room, 1.0) for m in moves]
    # Shares within SHARE_TIE of the largest are one size: of those, the larger loss in
    # points (the first of a run of tellings too soon, which a class sees in the meters as
    # the big one), then the earlier.
    near = [m for m, share in zip(moves, shares, strict=True) if share <= min(shares) + SHARE_TIE]
    return min(near, key=lambda m: (m.gain, m.step))


def small(m: KeyMove) -> bool:
    """A lukewarm landing that cost little: not a hurt, not the pace, not the break."""
    return m.landing == "neutral" and not (m.premature or m.ruptured or m.unanswered) \
        and m.gain > -SMALL_COST


def helped_most(moves: list[KeyMove]) -> KeyMove | None:
    """The help to name: of the moves that gained at least MIN_GAIN and did not land badly,
    the one that closed the largest share of the distance still left between the two
    (its gain over its room), the earlier of two equal shares.

    Design choice: trust rises fastest from low, so an early, easy move gains the most
    points; by share, a late answer to a deep disclosure, when little room is left, can
    outrank it, which is what a player remembers as the turning point."""
    helps = [m for m in moves if m.gain >= MIN_GAIN and m.landing not in BAD]
    return max(helps, key=lambda m: (m.gain / max(m.room, 1.0), -m.step), default=None)


CLOSING_QUOTES = "\"'\u2019\u201d"


def unstopped(label: str) -> str:
    """The label without its closing full stop, which would end the sentence it is quoted in;
    a stop just inside closing quotes goes too (`Say 'I'm fine.'` becomes `Say 'I'm fine'`).
    A question or an exclamation mark is part of what was said, and stays."""
    text = label.rstrip(". ")
    body = text.rstrip(CLOSING_QUOTES)
    if body != text and body.endswith("."):
        text = body.rstrip(". ") + text[len(body):]
    return text
