"""Model v2, rule by rule: each test names the rule and checks its direction and size."""

from __future__ import annotations

import pytest

from game.model import (
    Explanation,
    ModelError,
    Params,
    PartnerState,
    ask,
    author_set,
    disclose,
    leave_unanswered,
    meets_deepened,
    readiness,
    respond,
    scene_discloses,
    verdict,
)

P = Params()


def _say(state: PartnerState, layer: int, emotional: bool = False, topic: str | None = "t",
         noise: float = 0.0, params: Params = P, **kw: bool) -> tuple[PartnerState, Explanation]:
    return disclose(state, layer=layer, emotional=emotional, topic=topic, params=params,
                    noise=noise, **kw)


def test_small_talk_adds_trust_only_below_the_ceiling() -> None:
    low, _ = _say(PartnerState(30.0, 40.0), 0)
    assert low.trust == 33.5 and low.moves == 1
    high, why = _say(PartnerState(35.0, 40.0), 0)
    assert high.trust == 35.0 and why.deltas[0].reason_key == "smalltalk.ceiling"


def test_emotional_disclosure_builds_more_at_every_layer() -> None:
    start = PartnerState(60.0, 20.0, reached=1, opened=1)
    for layer in (1, 2):
        felt, _ = _say(start, layer, emotional=True, topic=None)
        fact, _ = _say(start, layer, emotional=False, topic=None)
        assert felt.trust > fact.trust and felt.defence < fact.defence
        assert (felt.closeness, fact.closeness) == (2, 1)


def test_late_gains_are_damped() -> None:
    fresh, _ = _say(PartnerState(50.0, 20.0), 1)
    mature, _ = _say(PartnerState(50.0, 20.0, exchanges=10), 1)
    assert fresh.trust - 50.0 == pytest.approx(5.0)
    assert mature.trust - 50.0 == pytest.approx(2.5)


def test_premature_penalty_escalates_with_repeats() -> None:
    first, _ = _say(PartnerState(100.0, 0.0), 3, topic=None)
    again, _ = _say(PartnerState(100.0, 0.0, missteps=1), 3, topic=None)
    # supportive both times (readiness is high); only the premature push differs
    assert first.missteps == 1 and again.missteps == 2
    assert first.defence < again.defence


def test_breadth_before_depth_costs_readiness() -> None:
    state = PartnerState(60.0, 30.0, reached=1, opened=1, depths=frozenset({"work@1"}))
    assert readiness(state, 2, P, 0.0, "work").topic_penalty == 0.0
    assert readiness(state, 2, P, 0.0, "family").topic_penalty == 20.0
    assert readiness(state, 1, P, 0.0, "family").topic_penalty == 0.0  # layer 1 is free


def test_imbalance_penalty_eases_with_maturity_to_its_floor() -> None:
    base = PartnerState(60.0, 30.0, reached=1)
    assert readiness(base, 2, P, 0.0).imbalance_penalty == 15.0
    assert readiness(base._replace(exchanges=4), 2, P, 0.0).imbalance_penalty == 7.5
    assert readiness(base._replace(exchanges=99), 2, P, 0.0).imbalance_penalty == 4.5


def test_reciprocity_needs_trust_and_goes_one_layer_at_a_time() -> None:
    _, why = _say(PartnerState(80.0, 10.0, reached=2, opened=1), 3, emotional=True)
    assert why.reciprocated == 2
    _, cold = _say(PartnerState(20.0, 0.0, reached=1, opened=1), 2, topic=None)
    assert cold.reciprocated == 0


def test_a_neutral_answer_costs_trust_and_cools_the_next_reciprocation() -> None:
    cooled, _ = respond(PartnerState(55.0, 10.0, opened=1, pending=1), response="neutral",
                        layer=0, params=P)
    assert cooled.trust < 55.0 and cooled.cool == 1 and cooled.heard == 0
    # T 45 (+) 30 gives 61.5: above phi[2] = 50, below 50 + cool_penalty 15
    after, why = _say(cooled._replace(trust=45.0, reached=1), 2, emotional=True, topic=None)
    assert why.reciprocated == 0
    assert after.cool == 0
    _, why_warm = _say(PartnerState(45.0, 10.0, reached=1, opened=1), 2, emotional=True,
                       topic=None)
    assert why_warm.reciprocated == 2


@pytest.mark.parametrize(("answer", "heard", "hurt"), [
    ("supportive", 1, 0), ("neutral", 0, 0), ("dismissive", 0, 1), ("judgemental", 0, 1)])
def test_answers_to_a_confidence(answer: str, heard: int, hurt: int) -> None:
    state, _ = respond(PartnerState(60.0, 30.0, opened=2, pending=2), response=answer, layer=0,
                       params=P)
    assert (state.heard, state.hurt, state.pending) == (heard, hurt, 0)
    assert (state.trust > 60.0) is (answer == "supportive")


@pytest.mark.parametrize(("exchanges", "share"), [
    (0, 1.0), (1, 0.875), (4, 0.5), (5, 0.4), (8, 0.4), (40, 0.4)])
def test_a_close_bond_cushions_a_hurtful_answer(exchanges: int, share: float) -> None:
    # R-CUSHION: judging a layer-2 confidence takes 32% of the trust held (8 x 2, doubled)
    # and 20% of the guard left (5 x 2, doubled) by fairmath at first; the share eases with
    # good exchanges, 1/8 each, to the floor of 0.4 (1 - 5/8 = 0.375 is under it).
    start = PartnerState(95.0, 10.0, opened=2, pending=2, exchanges=exchanges)
    judged, _ = respond(start, response="judgemental", layer=0, params=P)
    assert judged.trust == pytest.approx(95.0 - 95.0 * 0.32 * share, abs=0.01)
    assert judged.defence == pytest.approx(10.0 + 90.0 * 0.20 * share, abs=0.01)
    brushed, _ = respond(start, response="dismissive", layer=0, params=P)
    assert brushed.trust == pytest.approx(95.0 - 95.0 * 0.16 * share, abs=0.01)
    assert judged.hurt == brushed.hurt == 1  # the hurt is counted whatever the cushion
    # one lapse at a time: with a hurt already standing, the next costs in full
    again, _ = respond(start._replace(hurt=1), response="judgemental", layer=0, params=P)
    assert again.trust == pytest.approx(95.0 - 95.0 * 0.32, abs=0.01)


def test_a_warm_answer_repairs_one_hurt() -> None:
    state, _ = respond(PartnerState(60.0, 30.0, pending=1, hurt=2), response="supportive",
                       layer=0, params=P)
    assert state.hurt == 1


def test_leaving_a_confidence_unanswered_costs() -> None:
    state = PartnerState(60.0, 30.0, opened=1, pending=1)
    moved_on, why = _say(state, 0, unanswered=True)
    assert moved_on.trust < 60.0 and moved_on.defence > 30.0 and moved_on.pending == 0
    assert why.deltas[0].rule == "R-UNANSWERED"
    other, deltas = leave_unanswered(state, P)
    assert other.pending == 0 and {d.rule for d in deltas} == {"R-UNANSWERED"}
    assert leave_unanswered(PartnerState(60.0, 30.0), P) == (PartnerState(60.0, 30.0), ())
    # Changes to a partner other than the step's own are credited to them as they are made.
    assert all(d.partner is None for d in deltas)
    assert [d.partner for d in leave_unanswered(state, P, "ana")[1]] == ["ana"] * len(deltas)
    assert {d.partner for d in scene_discloses(state, 2, "ana")[1]} == {"ana"}
    assert author_set(state, "trust", 5.0, P, partner="ana")[1][-1].partner == "ana"


def test_questions_personal_follow_up_and_intrusive() -> None:
    asked, why = ask(PartnerState(35.0, 40.0), layer=1, topic=None, params=P)
    assert asked.trust > 35.0 and asked.defence == 40.0 and why.landing == "welcome"
    assert why.reciprocated == 1  # trust >= phi[1]
    follow, why_f = ask(PartnerState(50.0, 30.0, opened=2, pending=2), layer=2, topic=None,
                        params=P)
    assert follow.heard == 1 and follow.trust > 50.0 and why_f.landing == "welcome"
    pried, why_p = ask(PartnerState(50.0, 30.0), layer=2, topic=None, params=P)
    assert why_p.landing == "intrusion" and pried.defence > 30.0 and pried.trust < 50.0


def test_author_and_scene_changes_go_through_the_model() -> None:
    state, deltas = author_set(PartnerState(50.0, 30.0), "defence", 95.0, P)
    assert state.ruptured and [d.rule for d in deltas] == ["R-AUTHOR", "R-RUPTURE"]
    clamped, _ = author_set(PartnerState(50.0, 30.0), "trust", 250.0, P)
    assert clamped.trust == 100.0
    opened, deltas = scene_discloses(PartnerState(50.0, 30.0, opened=1), 2)
    assert (opened.opened, opened.pending) == (2, 2) and deltas[0].rule == "R-SCENE"


def test_rupture_is_final_and_verdicts() -> None:
    broken = PartnerState(5.0, 30.0, ruptured=True)
    again, why = _say(broken, 1)
    assert again is broken and why.landing == "ruptured"
    assert verdict(broken, P) == "ruptured"
    assert verdict(PartnerState(50.0, 30.0), P) == "acquaintance"
    deep = PartnerState(80.0, 10.0, reached=2, opened=2, topics=frozenset("abc"), moves=6,
                        heard=2, closeness=5)
    assert meets_deepened(deep, P) and verdict(deep, P) == "deepened"


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ModelError):
        _say(PartnerState(50.0, 30.0), 4)
    with pytest.raises(ModelError):
        respond(PartnerState(50.0, 30.0), response="warm", layer=0, params=P)
    with pytest.raises(ModelError):
        readiness(PartnerState(50.0, 30.0), 0, P, 0.0)
