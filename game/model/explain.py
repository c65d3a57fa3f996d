"""The record of why a move changed what it changed, for the facilitator view and transcripts.

Records are cheap frozen values made on every move; English is only produced when
`sentences()` or `to_json(partner)` is called, because the simulator never reads it.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from game.model import wording

RULES: Mapping[str, str] = MappingProxyType(
    {
        "R-SMALLTALK": "Small talk (said or asked) adds a little trust, only below a ceiling.",
        "R-SUPPORT": "A disclosure received supportively raises trust and lowers defence "
        "(more for feelings than facts, less as the relationship matures), deepens `reached`, "
        "adds its topic and closeness points.",
        "R-NEUTRAL": "A disclosure received neutrally adds a little trust.",
        "R-JUDGE": "A disclosure received judgementally lowers trust and raises defence.",
        "R-DEPENETRATE": "A judgemental landing closes one layer: `reached` drops by one.",
        "R-PREMATURE": "Skipping layers raises defence, whatever the response, and more for "
        "each repeat.",
        "R-RECIPROCITY": "After a supportive landing, a trusting partner discloses in turn.",
        "R-QUESTION": "A personal question shows interest: a little trust, below a ceiling; "
        "a trusting partner answers it.",
        "R-FOLLOWUP": "A question right after the partner disclosed shows they were heard.",
        "R-PROBE-WELCOME": "A private or core question the player has earned opens the partner "
        "up and adds trust.",
        "R-PROBE-INTRUSION": "A private or core question the partner is not ready for raises "
        "defence, lowers trust.",
        "R-RESPOND": "The player's answer to the partner's disclosure: supportive answers make "
        "them feel heard; neutral ones cool them; cold ones hurt.",
        "R-WITHDRAW": "After a judged confidence, the partner shares only below that layer "
        "for a few moves.",
        "R-UNANSWERED": "Moving on from the partner's disclosure when an answer was on offer "
        "costs trust and raises defence.",
        "R-APOLOGY": "An apology that owns a hurt is heard, at worst coolly, never judged; "
        "taken, it mends one hurt still standing.",
        "R-INVITED": "An answer to a question the partner asked is not judged for its pace: "
        "they set the depth, so it is heard, at worst coolly.",
        "R-AUTHOR": "A story's own effect on a choice or a scene set a meter.",
        "R-SCENE": "A scene opened with the partner confiding.",
        "R-RUPTURE": "Trust at or below its floor, or defence at or above its ceiling, "
        "ends the relationship for good.",
    }
)
"""Every rule id a `Delta` can carry, with a one-line summary (stable: transcripts use them)."""


class Delta(NamedTuple):
    """One change to one part of the state, with the rule and reason that caused it.

    A named tuple rather than a dataclass: a move can log six of these, and a tuple is built
    several times faster, which the simulator notices.

    `meter` is "trust" or "defence", or one of the structural counters "reached", "opened",
    "topics" (a count), "pending", "ruptured" (0 or 1). A meter delta is recorded whenever its
    rule applies, even if fairmath or clamping left the value unchanged; structural deltas are
    recorded only when the value changes (except `pending`, recorded whenever it is set).
    """

    meter: str
    before: float
    after: float
    rule: str
    reason_key: str
    partner: str | None = None  # set when the change is to another partner than the step's

    @property
    def change(self) -> float:
        return self.after - self.before

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "meter": self.meter,
            "before": round(self.before, 2),
            "after": round(self.after, 2),
            "change": round(self.after - self.before, 2),
            "rule": self.rule,
            "reason_key": self.reason_key,
        }
        if self.partner is not None:
            data["partner"] = self.partner
        return data


_tuple_new = tuple.__new__


def tagged(delta: Delta, partner: str | None) -> Delta:
    """The same change, credited to `partner` (None: the step's own partner). Built without
    the named tuple's `_replace`, which costs several times more on the hot path."""
    return _tuple_new(Delta, (*delta[:5], partner))


class Readiness(NamedTuple):
    """The terms of `m`, the readiness a disclosure at a layer meets.

    `total = trust_minus_defence - threshold - skip_penalty - imbalance_penalty
    - topic_penalty + noise`. The penalties are the amounts subtracted (the per-step parameter
    times `skip` or `imbalance`, the latter eased by maturity; the topic parameter when
    `unfamiliar` is 1), so the terms add up as printed.
    """

    trust_minus_defence: float
    threshold: float
    skip: int
    skip_penalty: float
    imbalance: int
    imbalance_penalty: float
    noise: float
    total: float
    unfamiliar: int = 0
    topic_penalty: float = 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "trust_minus_defence": round(self.trust_minus_defence, 1),
            "threshold": round(self.threshold, 1),
            "skip": self.skip,
            "skip_penalty": round(self.skip_penalty, 1),
            "imbalance": self.imbalance,
            "imbalance_penalty": round(self.imbalance_penalty, 1),
            "unfamiliar": self.unfamiliar,
            "topic_penalty": round(self.topic_penalty, 1),
            "noise": round(self.noise, 1),
            "total": round(self.total, 1),
        }


class Explanation(NamedTuple):
    """How one move landed and every change it made, in order of application.

    This and `Readiness` are NamedTuples for the reason `Delta` is: one is made per move.

    `move`: "small_talk" | "disclose" | "ask" | "respond". `landing`: for disclosures
    "supportive" | "neutral" | "judgemental" | "reciprocated"; for asks "welcome" | "intrusion";
    for responses the response kind; "ruptured" for any move made after the rupture.
    `reciprocated` is the layer the partner disclosed in reply (0 if none); `ruptured` is true
    when the relationship is broken after this move (including moves made after it broke).
    """

    move: str
    landing: str
    layer: int
    readiness: Readiness | None
    deltas: tuple[Delta, ...]
    reciprocated: int = 0
    ruptured: bool = False
    topic: str | None = None

    @property
    def moved_on(self) -> bool:
        """Whether this step left the partner's confidence unanswered (model rule
        R-UNANSWERED): a plain choice that did so is still something the partner felt."""
        return any(d.rule == "R-UNANSWERED" for d in self.deltas)

    def sentences(self, partner: str, pronouns: str = "they/them",
                  others: Mapping[str, tuple[str, str]] | None = None,
                  author: str = "", last: bool = False, opening: str = "") -> list[str]:
        """Plain English, the landing first and then one sentence per delta.

        `pronouns` is the partner's ("she/her", "he/him", "they/them"); `others` maps other
        partners' ids to (name, pronouns), for deltas that changed another partner; `author`
        explains the story's own effects, `opening` the next scene's, and `last` says the move
        ended the story (see `wording.sentences`).
        """
        return wording.sentences(self, partner, pronouns, others, author, last, opening)

    def to_json(self, partner: str | None = None, pronouns: str = "they/them",
                others: Mapping[str, tuple[str, str]] | None = None) -> dict[str, object]:
        """A JSON-ready dict (numbers to 1 decimal); with `partner`, also the sentences."""
        data: dict[str, object] = {
            "move": self.move,
            "landing": self.landing,
            "layer": self.layer,
            "topic": self.topic,
            "readiness": None if self.readiness is None else self.readiness.to_json(),
            "deltas": [delta.to_json() for delta in self.deltas],
            "rules": [delta.rule for delta in self.deltas],
            "reciprocated": self.reciprocated,
            "ruptured": self.ruptured,
        }
        if partner is not None:
            data["sentences"] = self.sentences(partner, pronouns, others)
        return data


def build_readiness(
    trust_minus_defence: float,
    threshold: float,
    skip: int,
    skip_penalty: float,
    imbalance: int,
    imbalance_penalty: float,
    noise: float,
    total: float,
    unfamiliar: int,
    topic_penalty: float,
) -> Readiness:
    """`Readiness(...)` with every field given, for the hot path: building the tuple directly
    skips the named tuple's generated `__new__`, which handles keywords and defaults."""
    ready: Readiness = _tuple_new(Readiness, (
        trust_minus_defence, threshold, skip, skip_penalty, imbalance, imbalance_penalty,
        noise, total, unfamiliar, topic_penalty))
    return ready


def build_explanation(
    move: str,
    landing: str,
    layer: int,
    readiness: Readiness | None,
    deltas: tuple[Delta, ...],
    reciprocated: int,
    ruptured: bool,
    topic: str | None,
) -> Explanation:
    """`Explanation(...)` with every field given, for the hot path (see `build_readiness`)."""
    explanation: Explanation = _tuple_new(Explanation, (
        move, landing, layer, readiness, deltas, reciprocated, ruptured, topic))
    return explanation


# Positional building is only safe while each builder's parameters are its record's fields in
# order: reordering or adding a field without updating the builder fails here, at import.
# A mutation tester's trampoline (parameters `*args, **kwargs`) wraps the builders it mutates;
# it hands the arguments on unchanged, so only a builder with named parameters is compared.
for _builder, _record in ((build_readiness, Readiness), (build_explanation, Explanation)):
    if _builder.__code__.co_flags & inspect.CO_VARARGS:
        continue
    if _builder.__code__.co_varnames[:len(_record._fields)] != _record._fields:
        raise ImportError(f"{_builder.__name__}'s parameters must be the fields of "
                          f"{_record.__name__}, in order")
