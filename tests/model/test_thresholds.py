"""Every model threshold at its exact value and either side of it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.model import Params, PartnerState, ask, classify, disclose, meets_deepened, respond
from game.model.draft import Draft

P = Params(noise=0.0)


@pytest.mark.parametrize(("trust", "broken"), [(10.01, False), (10.0, True), (9.99, True)])
def test_rupture_trust(trust: float, broken: bool) -> None:
    draft = Draft(PartnerState(trust, 50.0))
    draft.check_rupture(P)
    assert draft.ruptured is broken


@pytest.mark.parametrize(("defence", "broken"), [(89.99, False), (90.0, True), (90.01, True)])
def test_rupture_defence(defence: float, broken: bool) -> None:
    draft = Draft(PartnerState(50.0, defence))
    draft.check_rupture(P)
    assert draft.ruptured is broken


@pytest.mark.parametrize(("total", "landing"), [(0.01, "supportive"), (0.0, "supportive"),
                                                (-0.01, "neutral"), (-20.0, "neutral"),
                                                (-20.01, "judgemental")])
def test_readiness_classification(total: float, landing: str) -> None:
    assert classify(total, P) == landing


@pytest.mark.parametrize(("phi", "reply"), [(29.99, 1), (30.0, 1), (30.01, 0)])
def test_reciprocity_threshold(phi: float, reply: int) -> None:
    params = replace(P, reciprocity=(phi, 50.0, 70.0))
    state = PartnerState(20.0, 0.0)  # T (+) 10 gives exactly 28, compared with phi - 2
    after, why = disclose(state, layer=1, emotional=False, topic=None, params=params, noise=0.0)
    assert after.trust == 28.0
    shifted = replace(params, reciprocity=(phi - 2.0, 50.0, 70.0))
    _, why = disclose(state, layer=1, emotional=False, topic=None, params=shifted, noise=0.0)
    assert why.reciprocated == reply


@pytest.mark.parametrize(("trust", "welcome"), [(49.99, False), (50.0, True), (50.01, True)])
def test_probe_threshold(trust: float, welcome: bool) -> None:
    state = PartnerState(trust, 10.0, reached=2, opened=1)
    _, why = ask(state, layer=2, topic=None, params=P)
    assert (why.landing == "welcome") is welcome


def _deepened() -> PartnerState:
    return PartnerState(65.0, 35.0, reached=2, opened=2, topics=frozenset({"a", "b", "c"}),
                        moves=6, heard=2, closeness=5)


def test_deepened_holds_exactly_at_every_criterion() -> None:
    assert meets_deepened(_deepened(), P)


@pytest.mark.parametrize("change", [
    {"trust": 64.99}, {"defence": 35.01}, {"reached": 1}, {"opened": 1},
    {"topics": frozenset({"a", "b"})}, {"moves": 5}, {"heard": 1}, {"hurt": 1},
    {"closeness": 4}, {"ruptured": True},
])
def test_deepened_fails_just_past_each_criterion(change: dict[str, object]) -> None:
    assert not meets_deepened(_deepened()._replace(**change), P)  # type: ignore[arg-type]


def test_withdrawal_lasts_exactly_withdraw_moves() -> None:
    state = PartnerState(98.0, 2.0, reached=3, opened=2, pending=2)
    state, _ = respond(state, response="judgemental", layer=0, params=P)
    replies = []
    for turn in range(3):
        state, why = disclose(state, layer=3, emotional=True, topic=f"t{turn}", params=P,
                              noise=0.0)
        replies.append(why.reciprocated)
    assert replies[0] < 2 and replies[1] < 2
    assert state.guard_moves == 0
