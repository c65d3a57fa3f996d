"""Regression: explaining a fourth (or later) topic must not look up a layer name."""

from __future__ import annotations

from game.model import Params, PartnerState, disclose


def test_fifth_topic_is_explained_in_words() -> None:
    state = PartnerState(
        trust=80.0,
        defence=10.0,
        reached=2,
        opened=2,
        topics=frozenset({"work", "home", "music", "family"}),
    )
    new, exp = disclose(state, layer=2, emotional=False, topic="money", params=Params(), noise=0.0)
    assert len(new.topics) == 5
    text = " ".join(exp.sentences("Tomás"))
    assert "money" in text and "5 topics shared so far" in text
