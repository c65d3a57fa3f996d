"""The exact JSON forms of a move's records, and the bounds of an author's effect.

Saves, records and exports read these keys by name, so each key and its rounding is pinned
here rather than only round-tripped.
"""

from __future__ import annotations

import pytest

from game.model import Delta, Params, PartnerState, author_set, disclose
from game.model.explain import Readiness, tagged

P = Params(noise=0.0)


def test_delta_json_has_every_key_rounded_to_two_places() -> None:
    delta = Delta("trust", 50.004, 42.496, "R-JUDGE", "judge.trust")
    assert delta.to_json() == {"meter": "trust", "before": 50.0, "after": 42.5,
                               "change": -7.51, "rule": "R-JUDGE", "reason_key": "judge.trust"}
    assert tagged(delta, "ana").to_json() == {**delta.to_json(), "partner": "ana"}
    assert tagged(tagged(delta, "ana"), None) == delta


def test_readiness_json_has_every_term_rounded_to_one_place() -> None:
    # No term is a whole number after rounding, so a missing rounding place shows.
    ready = Readiness(trust_minus_defence=12.34, threshold=-15.06, skip=1, skip_penalty=30.44,
                      imbalance=2, imbalance_penalty=22.56, noise=-3.27, total=-47.45,
                      unfamiliar=1, topic_penalty=20.36)
    assert ready.to_json() == {
        "trust_minus_defence": 12.3, "threshold": -15.1, "skip": 1, "skip_penalty": 30.4,
        "imbalance": 2, "imbalance_penalty": 22.6, "unfamiliar": 1, "topic_penalty": 20.4,
        "noise": -3.3, "total": -47.5,
    }


@pytest.mark.parametrize(("meter", "value", "kept"), [
    ("trust", -5.0, 0.0), ("trust", 0.004, 0.0), ("trust", 33.336, 33.34),
    ("trust", 100.5, 100.0), ("defence", 0.5, 0.5), ("defence", 250.0, 100.0),
])
def test_an_author_effect_is_clamped_and_rounded(meter: str, value: float, kept: float) -> None:
    state = PartnerState(50.0, 40.0)
    after, deltas = author_set(state, meter, value, P, "author.scene")
    assert getattr(after, meter) == kept
    other = "defence" if meter == "trust" else "trust"
    assert getattr(after, other) == getattr(state, other)
    assert deltas[0] == Delta(meter, getattr(state, meter), kept, "R-AUTHOR", "author.scene")


def test_an_author_effect_is_credited_to_the_choice_by_default() -> None:
    _, deltas = author_set(PartnerState(50.0, 40.0), "trust", 60.0, P)
    assert [(d.rule, d.reason_key) for d in deltas] == [("R-AUTHOR", "author.choice")]


def test_explanation_json_has_every_key() -> None:
    _, why = disclose(PartnerState(30.0, 40.0, pending=1), layer=0, emotional=False,
                      topic="rain", params=P, noise=0.0, unanswered=True)
    data = why.to_json()
    assert data == {
        "move": "small_talk", "landing": "supportive", "layer": 0, "topic": "rain",
        "readiness": None, "deltas": [d.to_json() for d in why.deltas],
        "rules": ["R-UNANSWERED", "R-UNANSWERED", "R-UNANSWERED", "R-SMALLTALK"],
        "reciprocated": 0, "ruptured": False,
    }
    assert why.to_json("Sam", "he/him") == {**data, "sentences": why.sentences("Sam", "he/him")}


def test_a_reply_and_a_rupture_show_in_the_json() -> None:
    _, why = disclose(PartnerState(60.0, 20.0), layer=1, emotional=False, topic="t", params=P,
                      noise=0.0)
    assert (why.to_json()["landing"], why.to_json()["reciprocated"]) == ("reciprocated", 1)
    _, broke = disclose(PartnerState(12.0, 85.0), layer=3, emotional=True, topic="t",
                        params=P, noise=0.0)
    assert broke.to_json()["ruptured"] is True
    readiness = broke.to_json()["readiness"]
    assert isinstance(readiness, dict) and readiness["skip"] == 2
