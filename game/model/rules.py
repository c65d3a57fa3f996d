"""The v2 relationship model: how each move changes a partner's state.

Every public function is pure: it takes an immutable `PartnerState` and returns a new one with
an `Explanation` of each change. docs/model.md gives every rule, its id, its source and whether
it is evidence or a design choice.
"""

from __future__ import annotations

from game.errors import ModelError
from game.model.draft import Draft, Partner
from game.model.explain import Delta, Explanation
from game.model.params import Params

# Readiness has its own module; it is read here by name, so a mutant that patches
# `rules.readiness` (game/analysis/mutants.py) changes what every disclosure meets.
from game.model.readiness import classify, eased, readiness
from game.model.state import PartnerState

RESPONSES = ("supportive", "neutral", "dismissive", "judgemental")
"""The four ways the player can answer a partner's disclosure."""


def disclose(state: PartnerState, *, layer: int, emotional: bool, topic: str | None,
             params: Params, noise: float, unanswered: bool = False, explain: bool = True,
             apology: bool = False, mends: bool = False,
             invited: bool = False) -> tuple[PartnerState, Explanation]:
    """The player shares something at `layer` (0 = small talk) about `topic`.

    `unanswered`: the partner's pending disclosure could have been answered instead.
    `explain=False`: the same state and landing, with no deltas in the record (see `Draft`).
    `apology`: the disclosure owns something the player did (a story's `sorry_for:`);
    `mends`: what it owns includes an answer that hurt, which it mends if taken (R-APOLOGY).
    `invited`: it answers a question the partner asked (a story's `invited:`, R-INVITED).
    """
    draft = Draft(state, None, explain)
    record = disclose_on(draft, layer, emotional, topic, params, noise, unanswered, apology,
                         mends, invited)
    return _finished(state, draft, record)


def disclose_on(draft: Draft, layer: int, emotional: bool, topic: str | None, params: Params,
                noise: float, unanswered: bool, apology: bool = False,
                mends: bool = False, invited: bool = False) -> Explanation:
    """`disclose`'s rules, changing `draft` in place: its one home, which the pure function
    wraps and the simulator's batch run calls on the draft it keeps for the whole run."""
    if type(layer) is not int or not 0 <= layer <= 3:  # `_check_layer`, without its call
        _check_layer(layer)
    move = "disclose" if layer else "small_talk"
    if draft.ruptured:
        return _already_broken(move, layer, topic)
    # Readiness reads the partner as the move finds them, before a confidence left
    # unanswered costs trust.
    ready = readiness(draft, layer, params, noise, topic, invited) if layer else None
    if unanswered:
        leave_pending(draft, params)
    if ready is None:
        _small_talk(draft, params)
        draft.check_rupture(params)
        return draft.close(move, "supportive", 0, None, 0, topic)
    landing = classify(ready.total, params)
    if apology and landing == "judgemental":
        # An apology that owns a hurt is heard, at worst coolly: never judged (R-APOLOGY).
        landing = "neutral"
        draft.raise_trust(params.neutral_trust, "R-APOLOGY", "apology.heard")
    elif invited and landing == "judgemental":
        # They asked: an honest answer is heard, at worst coolly (R-INVITED).
        landing = "neutral"
        draft.raise_trust(params.neutral_trust, "R-INVITED", "invited.heard")
    elif landing == "supportive":
        _support(draft, layer, emotional, topic, params, "apology" if mends else
                 "sorry" if apology else "")
        if mends:
            mend(draft)
    elif landing == "neutral":
        draft.raise_trust(params.neutral_trust, "R-NEUTRAL", "neutral.trust")
    else:
        _judge(draft, layer, params)
    if ready.skip:
        # Each premature disclosure weighs more than the last: one misstep can be lived down,
        # a habit of over-sharing cannot.
        push = params.premature_defence * ready.skip * (1 + params.premature_repeat
                                                        * draft.missteps)
        draft.missteps += 1
        draft.raise_defence(push, "R-PREMATURE", "premature")
    draft.check_rupture(params)
    reply = 0
    # A partner who has just broken off does not confide; otherwise trust decides.
    if landing == "supportive" and not draft.ruptured:
        reply = _reciprocate(draft, layer, params, topic)
    return draft.close(move, "reciprocated" if reply else landing, layer, ready, reply, topic)


def ask(state: PartnerState, *, layer: int, topic: str | None, params: Params,
        unanswered: bool = False, explain: bool = True) -> tuple[PartnerState, Explanation]:
    """The player asks the partner to share at `layer` (0 = everyday questions).

    A question asked while the partner's disclosure is pending, about the same topic (or
    with no topic, or after a disclosure whose topic the story did not say) and no deeper
    than one layer past it, is a follow-up: it answers the disclosure by showing interest in
    it. A question about something else changes the subject: it is an ordinary question or
    probe, and leaves the disclosure unanswered.
    """
    draft = Draft(state, None, explain)
    return _finished(state, draft, ask_on(draft, layer, topic, params, unanswered))


def ask_on(draft: Draft, layer: int, topic: str | None, params: Params,
           unanswered: bool) -> Explanation:
    """`ask`'s rules, changing `draft` in place (see `disclose_on`)."""
    if type(layer) is not int or not 0 <= layer <= 3:
        _check_layer(layer)
    if draft.ruptured:
        return _already_broken("ask", layer, topic)
    about = draft.pending_topic
    followup = (draft.pending > 0 and 1 <= layer <= draft.pending + 1
                and (topic is None or about is None or topic == about))
    # Whether a probe intrudes depends on the partner as the question finds them, before a
    # confidence left unanswered costs trust.
    refusal = _probe_refusal(draft, layer, params) if layer >= 2 and not followup else None
    if unanswered and not followup:
        leave_pending(draft, params)
    landing, reply = "welcome", 0
    if followup:
        reply = _follow_up(draft, layer, params, about if about is not None else topic)
    elif layer == 0:
        _small_talk(draft, params)
    elif layer == 1:
        reply = _question(draft, params, topic)
    elif refusal is None:
        draft.raise_trust(params.probe_welcome_trust, "R-PROBE-WELCOME", "probe.welcome")
        draft.partner_discloses(layer, "R-PROBE-WELCOME", topic)
        reply = layer
    else:
        landing = "intrusion"
        beyond = max(0, layer - draft.opened - 1)
        push = params.probe_base + params.probe_step * beyond
        draft.raise_defence(push, "R-PROBE-INTRUSION", refusal)
        draft.lower_trust(params.probe_trust * layer, "R-PROBE-INTRUSION", refusal)
    draft.check_rupture(params)
    return draft.close("ask", landing, layer, None, reply, topic)


def respond(state: PartnerState, *, response: str, layer: int, params: Params,
            explain: bool = True) -> tuple[PartnerState, Explanation]:
    """The player answers the partner's disclosure at `layer` (0 = the pending one)."""
    draft = Draft(state, None, explain)
    return _finished(state, draft, respond_on(draft, response, layer, params))


def respond_on(draft: Draft, response: str, layer: int, params: Params) -> Explanation:
    """`respond`'s rules, changing `draft` in place (see `disclose_on`)."""
    if response not in RESPONSES:
        raise ModelError(f"response must be one of {', '.join(RESPONSES)}; got {response!r}")
    if type(layer) is not int or not 0 <= layer <= 3:
        _check_layer(layer)
    if draft.ruptured:
        return _already_broken("respond", layer, None)
    weight = layer if layer > 0 else max(draft.pending, 1)
    fresh_guard = _answer(draft, response, weight, params)
    if draft.pending:
        draft.clear_pending("R-RESPOND", "answered")
    draft.check_rupture(params)
    return draft.close("respond", response, weight, None, 0, None, fresh_guard)


def _answer(draft: Draft, response: str, weight: int, params: Params) -> bool:
    """Apply an answer to the partner's disclosure at `weight`; True if it set a withdrawal."""
    key = "respond." + response
    if response == "supportive":
        draft.raise_trust(params.respond_trust * weight, "R-RESPOND", key)
        draft.lower_defence(params.respond_defence * weight, "R-RESPOND", key)
        draft.note("heard", draft.heard + 1, "R-RESPOND", "heard")
        draft.note("hurt", max(0, draft.hurt - 1), "R-RESPOND", "repaired")
        draft.exchanges += 1
        return False
    if response == "neutral":
        draft.lower_trust(params.respond_neutral_trust, "R-RESPOND", key)
        draft.note("cool", 1, "R-RESPOND", "cool")
        return False
    # Judging a confidence hurts more than brushing it off: double the amounts. An
    # established bond absorbs a lapse better than a new one (R-CUSHION): the share lost
    # eases with good exchanges, as the imbalance penalty does, for one lapse at a time: with
    # a hurt already standing, the next costs in full (a round-82 teacher found a month of
    # cold answers costing less than one telling that came too soon).
    factor = (2.0 if response == "judgemental" else 1.0) * \
        (cushion(draft, params) if not draft.hurt else 1.0)
    draft.lower_trust(params.respond_trust * weight * factor, "R-RESPOND", key)
    draft.raise_defence(params.respond_defence * weight * factor, "R-RESPOND", key)
    draft.note("hurt", draft.hurt + 1, "R-RESPOND", "hurt")
    if response == "judgemental" and params.withdraw_moves > 0:
        draft.note("guard", weight, "R-WITHDRAW", "guard")
        draft.guard_moves = params.withdraw_moves
        return True
    return False


def cushion(state: Partner, params: Params) -> float:
    """The share of a hurtful answer's cost that still lands (R-CUSHION): 1 at the start,
    easing linearly to `cushion_floor` after `maturity_exchanges` good exchanges."""
    return eased(state, params, params.cushion_floor)


def mend(draft: Draft) -> bool:
    """An apology the partner took mends one hurt still standing (R-APOLOGY); False when
    none stood, or the relationship has already broken."""
    if draft.ruptured or not draft.hurt:
        return False
    draft.note("hurt", draft.hurt - 1, "R-APOLOGY", "apology.mended")
    return True


def meets_deepened(state: Partner, params: Params) -> bool:
    """Depth, breadth, mutuality, pacing, feeling heard and closeness, with high trust and a
    lowered guard (docs/model.md section 6)."""
    # Trust first: the criterion most often unmet, and the simulator asks after every move.
    return (
        state.trust >= params.deepen_trust
        and not state.ruptured
        and state.defence <= params.deepen_defence
        and state.reached >= params.deepen_layer
        and state.opened >= params.deepen_layer
        and len(state.topics) >= params.deepen_topics
        and state.moves >= params.deepen_moves
        and state.heard >= params.deepen_heard
        and state.hurt <= params.deepen_hurt
        and state.closeness >= params.deepen_closeness
    )


def verdict(state: PartnerState, params: Params) -> str:
    """The outcome category now: "ruptured", "deepened" or "acquaintance"."""
    if state.ruptured:
        return "ruptured"
    return "deepened" if meets_deepened(state, params) else "acquaintance"


def _check_layer(layer: int) -> None:
    if type(layer) is not int or not 0 <= layer <= 3:
        raise ModelError(f"layer must be 0, 1, 2 or 3; got {layer!r}")


def _finished(state: PartnerState, draft: Draft, record: Explanation,
              ) -> tuple[PartnerState, Explanation]:
    """A pure move's result: the draft frozen, or `state` itself when the partner had already
    broken off (the move changed nothing, and callers may compare by identity)."""
    return (state if state.ruptured else draft.freeze()), record


def _already_broken(move: str, layer: int, topic: str | None) -> Explanation:
    return Explanation(move, "ruptured", layer, None, (), 0, True, topic)


def leave_pending(draft: Draft, params: Params) -> None:
    if draft.pending:
        draft.lower_trust(params.unanswered_trust, "R-UNANSWERED", "unanswered.trust")
        draft.raise_defence(params.unanswered_defence, "R-UNANSWERED", "unanswered.defence")
        draft.clear_pending("R-UNANSWERED", "unanswered")


def _small_talk(draft: Draft, params: Params) -> None:
    if draft.trust < params.small_talk_ceiling:
        draft.raise_trust(params.small_talk_gain, "R-SMALLTALK", "smalltalk.gain")
    else:
        draft.raise_trust(0.0, "R-SMALLTALK", "smalltalk.ceiling")


def _damping(draft: Draft, params: Params) -> float:
    # Later gains are smaller, so trust keeps room to fall and the late game still matters.
    return 1.0 / (1.0 + params.late_damping * draft.exchanges)


def _support(draft: Draft, layer: int, emotional: bool, topic: str | None,
             params: Params, sorry: str = "") -> None:
    weight = layer * (params.emotional_weight if emotional else 1.0) * _damping(draft, params)
    # An apology taken is explained as owning what was done, not as sharing a feeling; one
    # for something that was no wrong (a confidence told too soon) only as a sorry taken
    # warmly, so the glass box never calls a telling a wrong to own (`sorry`: "apology" when
    # it names an answer that hurt, "sorry" for any other, "" for none).
    suffix = f".{sorry}" if sorry else ".emotional" if emotional else ""
    draft.raise_trust(params.support_trust * weight, "R-SUPPORT", "support.trust" + suffix)
    draft.lower_defence(params.support_defence * weight, "R-SUPPORT",
                        "support.defence" + suffix)
    if layer > draft.reached:
        draft.note("reached", layer, "R-SUPPORT", "reached")
    if topic is not None:
        if topic not in draft.topics:
            count = len(draft.topics)
            draft.topics = draft.topics | {topic}
            if draft.log:
                draft.deltas.append(Delta("topics", count, count + 1, "R-SUPPORT", "topic",
                                          draft.partner))
        draft.depths = draft.depths | {f"{topic}@{layer}"}
    points = params.closeness_emotional if emotional else params.closeness_factual
    draft.note("closeness", draft.closeness + points, "R-SUPPORT",
               "closeness.emotional" if emotional else "closeness.factual")
    draft.exchanges += 1


def _judge(draft: Draft, layer: int, params: Params) -> None:
    draft.lower_trust(params.judge_trust * layer, "R-JUDGE", "judge.trust")
    draft.raise_defence(params.judge_defence * layer, "R-JUDGE", "judge.defence")
    if draft.reached > 0:
        draft.note("reached", draft.reached - 1, "R-DEPENETRATE", "depenetrate")


def _reciprocate(draft: Draft, layer: int, params: Params, topic: str | None) -> int:
    # The partner matches the player's depth, but never jumps more than one layer past what
    # they have already shared, nor back to a layer that was just judged. Their reply is
    # taken to be on the player's topic (design choice: reciprocal disclosure matches in
    # topic as well as depth), so a question about it afterwards is a follow-up.
    reply = draft.cap(min(layer, draft.opened + 1))
    if reply < 1:
        return 0
    need = params.reciprocity[reply - 1] + params.cool_penalty * draft.cool
    if draft.cool:
        draft.note("cool", 0, "R-RECIPROCITY", "cool.spent")
    if draft.trust >= need:
        draft.partner_discloses(reply, "R-RECIPROCITY", topic)
        return reply
    return 0


def _question(draft: Draft, params: Params, topic: str | None) -> int:
    if draft.trust < params.question_ceiling:
        draft.raise_trust(params.question_trust, "R-QUESTION", "question.gain")
    else:
        draft.raise_trust(0.0, "R-QUESTION", "question.ceiling")
    if draft.cap(1) >= 1 and draft.trust >= params.reciprocity[0]:
        draft.partner_discloses(1, "R-QUESTION", topic)
        return 1
    return 0


def _follow_up(draft: Draft, layer: int, params: Params, topic: str | None) -> int:
    draft.raise_trust(params.followup_trust, "R-FOLLOWUP", "followup")
    draft.note("heard", draft.heard + 1, "R-FOLLOWUP", "heard.followup")
    draft.clear_pending("R-FOLLOWUP", "answered.followup")
    draft.exchanges += 1
    # Asked about what they just said, the partner goes on, at most one layer deeper.
    reply = draft.cap(min(layer, draft.opened + 1))
    if reply >= 1 and draft.trust >= params.reciprocity[reply - 1]:
        draft.partner_discloses(reply, "R-FOLLOWUP", topic)
        return reply
    return 0


def _probe_refusal(state: Partner, layer: int, params: Params) -> str | None:
    """Why a private or core question would intrude (a reason key), or None if welcome."""
    if layer > state.opened + 1:
        return "probe.too_deep"
    if layer > state.reached:
        return "probe.not_earned"
    if state.guard_moves > 0 and layer >= state.guard:
        return "probe.withdrawn"
    if state.trust < params.reciprocity[layer - 1]:
        return "probe.low_trust"
    return None
