"""Every model threshold at its exact value and either side of it.

Each threshold is read from the one parameter table (`Params`, built from `SPECS`), never
copied, so retuning a default keeps these tests meaningful. Gains that would move trust on the
way to a comparison are tuned to 0, so the comparison sees exactly the value set here.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.model import (
    Params,
    PartnerState,
    apologise,
    ask,
    classify,
    disclose,
    meets_deepened,
    readiness,
    respond,
    scene_discloses,
    verdict,
)
from game.model.draft import Draft
from game.model.fairmath import fair_step
from game.model.readiness import maturity, unfamiliar

P = Params(noise=0.0)
STEP = 0.01  # meters are kept to two decimals: the smallest step either side


def around(value: float, below: object, at: object, above: object) -> list[tuple[float, object]]:
    """(value - STEP, below), (value, at), (value + STEP, above)."""
    return [(round(value - STEP, 2), below), (value, at), (round(value + STEP, 2), above)]


# -- rupture ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("trust", "broken"), around(P.rupture_trust, True, True, False))
def test_rupture_trust(trust: float, broken: bool) -> None:
    draft = Draft(PartnerState(trust, 50.0))
    draft.check_rupture(P)
    assert draft.ruptured is broken
    assert [d.reason_key for d in draft.deltas] == (["rupture.trust"] if broken else [])


@pytest.mark.parametrize(("defence", "broken"), around(P.rupture_defence, False, True, True))
def test_rupture_defence(defence: float, broken: bool) -> None:
    draft = Draft(PartnerState(50.0, defence))
    draft.check_rupture(P)
    assert draft.ruptured is broken
    assert [d.reason_key for d in draft.deltas] == (["rupture.defence"] if broken else [])


@pytest.mark.parametrize(("trust", "broken"), around(P.rupture_trust, True, True, False))
def test_a_move_that_leaves_trust_at_the_floor_ruptures(trust: float, broken: bool) -> None:
    # A neutral answer lowers trust by respond_neutral_trust percent; tuned to 0 it leaves
    # trust where it is, so the rupture rule sees exactly `trust`.
    params = replace(P, respond_neutral_trust=0.0)
    after, why = respond(PartnerState(trust, 20.0, pending=1), response="neutral", layer=0,
                         params=params)
    assert after.trust == trust
    assert after.ruptured is broken and why.ruptured is broken
    assert verdict(after, params) == ("ruptured" if broken else "acquaintance")


# -- how a disclosure lands -------------------------------------------------------------------
@pytest.mark.parametrize(("total", "landing"), [
    *around(0.0, "neutral", "supportive", "supportive"),
    *around(-P.neutral_band, "judgemental", "neutral", "neutral"),
])
def test_readiness_classification(total: float, landing: str) -> None:
    assert classify(total, P) == landing


@pytest.mark.parametrize("layer", [1, 2, 3])
@pytest.mark.parametrize(("offset", "landing"), around(0.0, "neutral", "supportive", "supportive"))
def test_each_layer_threshold_through_disclose(layer: int, offset: float, landing: str) -> None:
    # Nothing skipped, nothing ahead of the partner, a known topic: m = T - D - threshold.
    threshold = P.thresholds[layer - 1]
    defence = 60.0  # high enough that trust stays a valid meter at every layer
    trust = round(defence + threshold + offset, 2)
    state = PartnerState(trust, defence, reached=layer - 1, opened=layer - 1,
                         depths=frozenset({f"t@{layer - 1}"}))
    ready = readiness(state, layer, P, 0.0, "t")
    assert (ready.skip, ready.imbalance, ready.unfamiliar) == (0, 0, 0)
    assert ready.total == offset
    _, why = disclose(state, layer=layer, emotional=False, topic="t", params=P, noise=0.0)
    assert why.landing in ((landing, "reciprocated") if landing == "supportive" else (landing,))


# -- pacing: skip, premature, imbalance, topic, maturity ---------------------------------------
@pytest.mark.parametrize(("reached", "skip"), [(1, 0), (0, 1)])
def test_skip_starts_one_layer_past_what_was_received(reached: int, skip: int) -> None:
    state = PartnerState(60.0, 20.0, reached=reached, opened=1)
    assert readiness(state, 2, P, 0.0).skip == skip
    after, why = disclose(state, layer=2, emotional=False, topic=None, params=P, noise=0.0)
    premature = [d for d in why.deltas if d.rule == "R-PREMATURE"]
    assert len(premature) == skip
    assert after.missteps == skip


@pytest.mark.parametrize(("layer", "opened", "skip"), [
    (2, 2, 0), (2, 1, 1), (3, 3, 0), (3, 2, 2), (1, 0, 0),
])
def test_matching_the_partners_own_depth_skips_nothing(layer: int, opened: int,
                                                      skip: int) -> None:
    # Chaikin & Derlega 1974a: answering a partner at their own level of intimacy is the
    # norm. With nothing of the player's received (reached 0), a disclosure as deep as the
    # partner's deepest is no leap; one layer past it is judged by the player's history.
    state = PartnerState(60.0, 20.0, reached=0, opened=opened)
    assert readiness(state, layer, P, 0.0).skip == skip
    _, why = disclose(state, layer=layer, emotional=False, topic=None, params=P, noise=0.0)
    assert any(d.rule == "R-PREMATURE" for d in why.deltas) is (skip > 0)


def test_premature_penalty_grows_with_each_earlier_misstep() -> None:
    for missteps in (0, 1, 2):
        state = PartnerState(60.0, 20.0, missteps=missteps)
        _, why = disclose(state, layer=2, emotional=False, topic=None, params=P, noise=0.0)
        push = next(d for d in why.deltas if d.rule == "R-PREMATURE")
        expected = Draft(PartnerState(60.0, push.before))
        expected.raise_defence(P.premature_defence * (1 + P.premature_repeat * missteps),
                               "x", "x")
        assert push.after == expected.defence


@pytest.mark.parametrize(("opened", "imbalance"), [(2, 0), (1, 0), (0, 1)])
def test_imbalance_starts_one_layer_past_what_the_partner_shared(opened: int,
                                                                 imbalance: int) -> None:
    state = PartnerState(60.0, 20.0, reached=1, opened=opened)
    ready = readiness(state, 2, P, 0.0)
    assert ready.imbalance == imbalance
    assert ready.imbalance_penalty == round(P.imbalance_penalty * imbalance, 2)


def test_maturity_eases_to_its_floor_and_no_lower() -> None:
    exchanges = P.maturity_exchanges
    assert maturity(PartnerState(50.0, 50.0), P) == 1.0
    half = int(exchanges // 2)
    assert maturity(PartnerState(50.0, 50.0, exchanges=half), P) == pytest.approx(
        max(P.maturity_floor, 1 - half / exchanges))
    late = int(exchanges) + 5
    assert maturity(PartnerState(50.0, 50.0, exchanges=late), P) == P.maturity_floor


@pytest.mark.parametrize(("layer", "known", "odd"), [
    (1, set(), 0),                 # layer 1 never needs a topic path
    (2, set(), 1), (2, {"t@0"}, 1), (2, {"t@1"}, 0), (2, {"t@3"}, 0),
    (3, {"t@1"}, 1), (3, {"t@2"}, 0), (3, {"u@2"}, 1),
])
def test_topic_is_unfamiliar_until_shared_at_the_layer_above(layer: int, known: set[str],
                                                             odd: int) -> None:
    state = PartnerState(50.0, 50.0, depths=frozenset(known))
    assert unfamiliar(state, layer, "t") == odd
    assert unfamiliar(state, layer, None) == 0
    assert readiness(state, layer, P, 0.0, "t").topic_penalty == P.topic_penalty * odd


# -- small talk and questions -----------------------------------------------------------------
@pytest.mark.parametrize(("trust", "gains"), around(P.small_talk_ceiling, True, False, False))
def test_small_talk_ceiling(trust: float, gains: bool) -> None:
    said, why = disclose(PartnerState(trust, 40.0), layer=0, emotional=False, topic=None,
                         params=P, noise=0.0)
    asked, _ = ask(PartnerState(trust, 40.0), layer=0, topic=None, params=P)
    assert (said.trust > trust) is gains and (asked.trust > trust) is gains
    assert why.deltas[0].reason_key == ("smalltalk.gain" if gains else "smalltalk.ceiling")


@pytest.mark.parametrize(("trust", "gains"), around(P.question_ceiling, True, False, False))
def test_question_ceiling(trust: float, gains: bool) -> None:
    after, why = ask(PartnerState(trust, 40.0), layer=1, topic=None, params=P)
    assert (after.trust > trust) is gains
    assert why.deltas[0].reason_key == ("question.gain" if gains else "question.ceiling")


# -- reciprocity (phi) on each path -----------------------------------------------------------
@pytest.mark.parametrize("layer", [1, 2, 3])
@pytest.mark.parametrize("cool", [0, 1])
@pytest.mark.parametrize(("offset", "replies"), around(0.0, False, True, True))
def test_reciprocity_after_a_supported_disclosure(layer: int, cool: int, offset: float,
                                                  replies: bool) -> None:
    # Support gains tuned to 0: the partner compares exactly `trust` with phi (plus the
    # cool penalty after a neutral answer).
    params = replace(P, support_trust=0.0, support_defence=0.0)
    need = P.reciprocity[layer - 1] + P.cool_penalty * cool
    state = PartnerState(round(need + offset, 2), 0.0, reached=layer - 1, opened=layer - 1,
                         cool=cool, depths=frozenset({f"t@{layer - 1}"}))
    after, why = disclose(state, layer=layer, emotional=False, topic="t", params=params,
                          noise=0.0)
    assert why.landing == ("reciprocated" if replies else "supportive")
    assert why.reciprocated == (layer if replies else 0)
    assert after.opened == (layer if replies else layer - 1)
    assert after.cool == 0


@pytest.mark.parametrize(("offset", "replies"), around(0.0, False, True, True))
def test_reciprocity_after_a_personal_question(offset: float, replies: bool) -> None:
    params = replace(P, question_trust=0.0)
    trust = round(P.reciprocity[0] + offset, 2)
    after, why = ask(PartnerState(trust, 40.0), layer=1, topic=None, params=params)
    assert after.trust == trust
    assert why.reciprocated == (1 if replies else 0)
    assert after.pending == (1 if replies else 0)


@pytest.mark.parametrize(("layer", "pending"), [(1, 1), (2, 1), (3, 2)])
@pytest.mark.parametrize(("offset", "replies"), around(0.0, False, True, True))
def test_reciprocity_after_a_follow_up(layer: int, pending: int, offset: float,
                                       replies: bool) -> None:
    params = replace(P, followup_trust=0.0)
    trust = round(P.reciprocity[layer - 1] + offset, 2)
    state = PartnerState(trust, 40.0, opened=pending, pending=pending, exchanges=2)
    after, why = ask(state, layer=layer, topic=None, params=params)
    steps = [(d.meter, d.rule, d.reason_key) for d in why.deltas]
    assert steps[:3] == [("trust", "R-FOLLOWUP", "followup"),
                         ("heard", "R-FOLLOWUP", "heard.followup"),
                         ("pending", "R-FOLLOWUP", "answered.followup")]
    assert why.reciprocated == (layer if replies else 0)
    assert after.opened == (max(layer, pending) if replies else pending)
    assert after.pending == (layer if replies else 0)
    assert (after.heard, after.exchanges) == (1, 3)


@pytest.mark.parametrize(("pending", "layer", "followup"), [
    (0, 1, False), (1, 0, False), (1, 1, True), (1, 2, True), (1, 3, False),
    (2, 3, True), (3, 3, True),
])
def test_follow_up_window_reaches_one_layer_past_the_confidence(pending: int, layer: int,
                                                                followup: bool) -> None:
    state = PartnerState(80.0, 10.0, reached=3, opened=max(pending, 1), pending=pending)
    _, why = ask(state, layer=layer, topic=None, params=P)
    assert ("R-FOLLOWUP" in {d.rule for d in why.deltas}) is followup


@pytest.mark.parametrize(("about", "topic", "followup"), [
    ("work", "work", True), ("work", None, True), (None, "home", True),
    ("work", "home", False),
])
def test_follow_up_is_a_question_about_what_was_just_said(about: str | None,
                                                          topic: str | None,
                                                          followup: bool) -> None:
    # Huang et al. 2017: a follow-up asks about what the partner just said. A deeper
    # question on another subject is a probe (here not yet earned: reached 1) and leaves
    # the confidence unanswered.
    state = PartnerState(80.0, 10.0, reached=1, opened=1, pending=1, pending_topic=about)
    after, why = ask(state, layer=2, topic=topic, params=P, unanswered=True)
    rules = {d.rule for d in why.deltas}
    assert ("R-FOLLOWUP" in rules) is followup
    if followup:
        assert why.landing == "welcome" and "R-UNANSWERED" not in rules
    else:
        assert why.landing == "intrusion"
        assert {"R-UNANSWERED", "R-PROBE-INTRUSION"} <= rules
        assert "probe.not_earned" in {d.reason_key for d in why.deltas}
        assert (after.pending, after.pending_topic) == (0, None)


@pytest.mark.parametrize(("move", "expected"), [
    ("scene", "family"), ("question", "work"), ("reciprocity", "money"),
])
def test_the_pending_disclosure_remembers_its_topic(move: str, expected: str) -> None:
    start = PartnerState(80.0, 10.0, reached=1, opened=1)
    if move == "scene":
        after, _ = scene_discloses(start, 2, topic="family")
    elif move == "question":
        after, _ = ask(start, layer=1, topic="work", params=P)
    else:
        after, _ = disclose(start, layer=1, emotional=False, topic="money", params=P, noise=0.0)
    assert after.pending >= 1 and after.pending_topic == expected
    answered, _ = respond(after, response="supportive", layer=0, params=P)
    assert (answered.pending, answered.pending_topic) == (0, None)


# -- probing ----------------------------------------------------------------------------------
@pytest.mark.parametrize("layer", [2, 3])
@pytest.mark.parametrize(("offset", "welcome"), around(0.0, False, True, True))
def test_probe_trust_threshold(layer: int, offset: float, welcome: bool) -> None:
    trust = round(P.reciprocity[layer - 1] + offset, 2)
    state = PartnerState(trust, 10.0, reached=layer, opened=layer - 1)
    after, why = ask(state, layer=layer, topic=None, params=P)
    assert why.landing == ("welcome" if welcome else "intrusion")
    assert (after.trust > trust) is welcome
    if not welcome:
        assert why.deltas[0].reason_key == "probe.low_trust"


@pytest.mark.parametrize(("opened", "reason"), [(2, None), (1, None), (0, "probe.too_deep")])
def test_probe_depth_limit_is_one_past_what_the_partner_shared(opened: int,
                                                               reason: str | None) -> None:
    state = PartnerState(95.0, 10.0, reached=3, opened=opened)
    _, why = ask(state, layer=2, topic=None, params=P)
    assert why.landing == ("welcome" if reason is None else "intrusion")
    assert reason is None or why.deltas[0].reason_key == reason


@pytest.mark.parametrize(("reached", "reason"), [(3, None), (2, None), (1, "probe.not_earned")])
def test_probe_needs_the_layer_earned(reached: int, reason: str | None) -> None:
    state = PartnerState(95.0, 10.0, reached=reached, opened=2)
    _, why = ask(state, layer=2, topic=None, params=P)
    assert why.landing == ("welcome" if reason is None else "intrusion")
    assert reason is None or why.deltas[0].reason_key == reason


@pytest.mark.parametrize(("guard", "guard_moves", "welcome"), [
    (2, 1, False), (3, 1, True), (1, 1, False), (2, 0, True),
])
def test_probe_refused_at_or_past_a_withdrawn_layer(guard: int, guard_moves: int,
                                                    welcome: bool) -> None:
    state = PartnerState(95.0, 10.0, reached=3, opened=2, guard=guard, guard_moves=guard_moves)
    _, why = ask(state, layer=2, topic=None, params=P)
    assert why.landing == ("welcome" if welcome else "intrusion")
    if not welcome:
        assert why.deltas[0].reason_key == "probe.withdrawn"


@pytest.mark.parametrize(("opened", "beyond"), [(2, 0), (1, 1), (0, 2)])
def test_intrusion_push_grows_per_layer_past_what_was_shared(opened: int, beyond: int) -> None:
    state = PartnerState(20.0, 30.0, reached=0, opened=opened)
    _, why = ask(state, layer=3, topic=None, params=P)
    push = next(d for d in why.deltas if d.meter == "defence")
    expected = Draft(PartnerState(20.0, 30.0))
    expected.raise_defence(P.probe_base + P.probe_step * beyond, "x", "x")
    assert push.after == expected.defence


# -- withdrawal after a judged confidence ----------------------------------------------------
def test_withdrawal_lasts_exactly_withdraw_moves() -> None:
    state = PartnerState(98.0, 2.0, reached=3, opened=2, pending=2)
    state, _ = respond(state, response="judgemental", layer=0, params=P)
    assert (state.guard, state.guard_moves) == (2, P.withdraw_moves)
    replies, guards = [], []
    for turn in range(P.withdraw_moves + 1):
        state, why = disclose(state, layer=3, emotional=True, topic=f"t{turn}", params=P,
                              noise=0.0)
        replies.append(why.reciprocated)
        guards.append((state.guard, state.guard_moves))
    # The judged layer stays guarded until the count runs out, then the guard lifts at once.
    left = list(range(P.withdraw_moves - 1, 0, -1))
    assert guards == [(2, n) for n in left] + [(0, 0), (0, 0)]
    assert all(r < 2 for r in replies[:P.withdraw_moves])
    assert replies[P.withdraw_moves] >= 2
    assert (state.guard, state.guard_moves) == (0, 0)


@pytest.mark.parametrize(("layer", "capped"), [(1, 1), (2, 1), (3, 1)])
def test_a_withdrawn_partner_shares_only_below_the_judged_layer(layer: int, capped: int) -> None:
    draft = Draft(PartnerState(50.0, 50.0, guard=2, guard_moves=1))
    assert draft.cap(layer) == capped
    done = Draft(PartnerState(50.0, 50.0, guard=2, guard_moves=0))
    assert done.cap(layer) == layer


# -- the deepened ending ----------------------------------------------------------------------
def _deepened(**change: object) -> PartnerState:
    """A state exactly at every deepened criterion, with `change` applied."""
    fields: dict[str, object] = {
        "trust": P.deepen_trust, "defence": P.deepen_defence, "reached": P.deepen_layer,
        "opened": P.deepen_layer, "topics": frozenset(f"t{i}" for i in range(P.deepen_topics)),
        "moves": P.deepen_moves, "heard": P.deepen_heard, "hurt": P.deepen_hurt,
        "closeness": P.deepen_closeness,
    }
    fields.update(change)
    return PartnerState(**fields)  # type: ignore[arg-type]


def test_deepened_holds_exactly_at_every_criterion() -> None:
    state = _deepened()
    assert meets_deepened(state, P) and verdict(state, P) == "deepened"


JUST_PAST = [
    {"trust": round(P.deepen_trust - STEP, 2)}, {"defence": round(P.deepen_defence + STEP, 2)},
    {"reached": P.deepen_layer - 1}, {"opened": P.deepen_layer - 1},
    {"topics": frozenset(f"t{i}" for i in range(P.deepen_topics - 1))},
    {"moves": P.deepen_moves - 1}, {"heard": P.deepen_heard - 1}, {"hurt": P.deepen_hurt + 1},
    {"closeness": P.deepen_closeness - 1}, {"ruptured": True},
]
JUST_INSIDE = [
    {"trust": round(P.deepen_trust + STEP, 2)}, {"defence": round(P.deepen_defence - STEP, 2)},
    {"reached": P.deepen_layer + 1}, {"opened": P.deepen_layer + 1},
    {"topics": frozenset(f"t{i}" for i in range(P.deepen_topics + 1))},
    {"moves": P.deepen_moves + 1}, {"heard": P.deepen_heard + 1},
    {"closeness": P.deepen_closeness + 1},
]


@pytest.mark.parametrize("change", JUST_PAST, ids=[next(iter(c)) for c in JUST_PAST])
def test_deepened_fails_just_past_each_criterion(change: dict[str, object]) -> None:
    state = _deepened(**change)
    assert not meets_deepened(state, P)
    assert verdict(state, P) == ("ruptured" if "ruptured" in change else "acquaintance")


@pytest.mark.parametrize("change", JUST_INSIDE, ids=[next(iter(c)) for c in JUST_INSIDE])
def test_deepened_holds_just_inside_each_criterion(change: dict[str, object]) -> None:
    assert meets_deepened(_deepened(**change), P)


@pytest.mark.parametrize(("reached", "after"), [(0, 0), (1, 0), (2, 1)])
def test_a_judged_disclosure_takes_one_layer_back_but_never_below_none(reached: int,
                                                                       after: int) -> None:
    state = PartnerState(15.0, 85.0, reached=reached, opened=3)
    new, why = disclose(state, layer=1, emotional=False, topic=None, params=P, noise=0.0)
    assert why.landing == "judgemental"
    assert new.reached == after
    assert [d.rule for d in why.deltas if d.meter == "reached"] == (
        ["R-DEPENETRATE"] if reached else [])


# -- an apology (R-APOLOGY) --------------------------------------------------------------------
@pytest.mark.parametrize(("offset", "plain", "owned"), [
    (-0.01, "judgemental", "neutral"), (0.0, "neutral", "neutral"), (0.01, "neutral", "neutral")])
def test_an_apology_is_heard_at_worst_coolly_never_judged(offset: float, plain: str,
                                                          owned: str) -> None:
    # At the edge of the neutral band: the same telling, said as an apology or not.
    defence, threshold = 85.0, P.thresholds[0]
    state = PartnerState(round(defence + threshold - P.neutral_band + offset, 2), defence,
                         hurt=1)
    _, said = disclose(state, layer=1, emotional=True, topic="t", params=P, noise=0.0)
    after, sorry = disclose(state, layer=1, emotional=True, topic="t", params=P, noise=0.0,
                            apology=True)
    assert (said.landing, sorry.landing) == (plain, owned)
    # A cool hearing's small gain (R-NEUTRAL's size), the guard untouched.
    assert after.trust == fair_step(state.trust, P.neutral_trust, True) and \
        after.defence == defence
    # Heard coolly is not taken: the hurt it owned still stands.
    assert after.hurt == 1
    if plain == "judgemental":
        assert [d.reason_key for d in sorry.deltas if d.meter == "trust"] == ["apology.heard"]


@pytest.mark.parametrize(("hurt", "left"), [(0, 0), (1, 0), (2, 1)])
def test_an_apology_taken_warmly_mends_one_hurt(hurt: int, left: int) -> None:
    state = PartnerState(80.0, 10.0, hurt=hurt)
    after, why = disclose(state, layer=1, emotional=True, topic="t", params=P, noise=0.0,
                          apology=True, mends=True)
    assert why.landing in ("supportive", "reciprocated") and after.hurt == left
    # An apology for something that was not a hurtful answer mends nothing.
    other, other_why = disclose(state, layer=1, emotional=True, topic="t", params=P,
                                noise=0.0, apology=True)
    assert other.hurt == hurt
    # ... and is explained as a sorry taken warmly, never as owning a wrong: what it owns may
    # be a confidence told too soon, which was no wrong
    assert {d.reason_key for d in other_why.deltas if d.meter in ("trust", "defence")} >= \
        {"support.trust.sorry", "support.defence.sorry"}
    assert "owned what you had done" not in " ".join(other_why.sentences("Kai"))
    mended = [d for d in why.deltas if d.reason_key == "apology.mended"]
    assert len(mended) == (1 if hurt else 0)
    # The glass box explains it as owning what was done, not as a feeling shared.
    assert {d.reason_key for d in why.deltas if d.meter in ("trust", "defence")} >= \
        {"support.trust.apology", "support.defence.apology"}
    assert "took your apology" in " ".join(why.sentences("Kai"))
    # The same telling without the apology mends nothing.
    plain, _ = disclose(state, layer=1, emotional=True, topic="t", params=P, noise=0.0)
    assert plain.hurt == hurt


def test_an_apology_said_as_a_plain_choice_mends_one_hurt_and_nothing_else() -> None:
    state = PartnerState(40.0, 50.0, hurt=2)
    after, deltas = apologise(state)
    assert after.hurt == 1 and (after.trust, after.defence) == (40.0, 50.0)
    assert [(d.meter, d.rule) for d in deltas] == [("hurt", "R-APOLOGY")]
    assert apologise(PartnerState(40.0, 50.0)) == (PartnerState(40.0, 50.0), ())
    broken = PartnerState(5.0, 50.0, hurt=1, ruptured=True)
    assert apologise(broken) == (broken, ())
