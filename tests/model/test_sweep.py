"""Every move from a grid of states, two moves deep: the same invariants the hypothesis
properties check (tests/model/test_properties.py), but over a fixed, exhaustive sample that
runs in well under a second, so the mutation run (docs/testing.md) can afford it per mutant.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.model import (
    RESPONSES,
    RULES,
    Explanation,
    Params,
    PartnerState,
    ask,
    disclose,
    respond,
)
from game.model.wording import _EVENTS, _REASONS

P = Params(noise=0.0)

STARTS = (
    PartnerState(40.0, 40.0),
    PartnerState(20.0, 70.0, reached=1, opened=0),
    PartnerState(75.0, 15.0, reached=2, opened=2, pending=2, exchanges=4,
                 topics=frozenset({"work"}), depths=frozenset({"work@1", "work@2"})),
    PartnerState(60.0, 30.0, reached=3, opened=1, pending=1, cool=1, missteps=1),
    PartnerState(55.0, 35.0, reached=2, opened=3, guard=2, guard_moves=2, hurt=1),
    PartnerState(11.0, 88.0, reached=1, opened=1, pending=1),
)


def moves(state: PartnerState) -> Iterator[tuple[PartnerState, Explanation]]:
    for layer in range(4):
        for emotional in (False, True):
            for topic in ("work", None):
                for unanswered in (False, True):
                    yield disclose(state, layer=layer, emotional=emotional, topic=topic,
                                   params=P, noise=0.0, unanswered=unanswered)
            # The same telling as an apology (R-APOLOGY): never judged, mends when taken.
            yield disclose(state, layer=layer, emotional=emotional, topic="work", params=P,
                           noise=0.0, apology=True, mends=True)
            # ... and as an answer the partner asked for (R-INVITED): never paced, never judged.
            yield disclose(state, layer=layer, emotional=emotional, topic="work", params=P,
                           noise=0.0, invited=True)
        for unanswered in (False, True):
            yield ask(state, layer=layer, topic="work", params=P, unanswered=unanswered)
        for response in RESPONSES:
            yield respond(state, response=response, layer=layer, params=P)


def check(before: PartnerState, after: PartnerState, why: Explanation,
          words: bool = True) -> None:
    assert 0.0 <= after.trust <= 100.0 and 0.0 <= after.defence <= 100.0
    assert all(0 <= n <= 3 for n in (after.reached, after.opened, after.pending, after.guard))
    assert why.ruptured == after.ruptured
    if before.ruptured:
        assert after is before
    else:
        assert after.moves == before.moves + 1
    for delta in why.deltas:
        assert delta.rule in RULES, delta
        table = _REASONS if delta.meter in ("trust", "defence") else _EVENTS
        assert delta.reason_key in table, delta
    for meter in ("trust", "defence"):
        value = getattr(before, meter)
        for delta in why.deltas:
            if delta.meter == meter:
                assert delta.before == value, delta
                value = delta.after
        assert value == getattr(after, meter)
    if words:  # wording every move two deep would cost most of this test's time
        assert len(why.sentences("Kai")) == 1 + len(why.deltas)


def test_every_move_two_deep_keeps_the_invariants_and_names_its_rules() -> None:
    seen_rules: set[str] = set()
    seen_keys: set[str] = set()
    checked = 0
    for start in STARTS:
        for middle, why in moves(start):
            check(start, middle, why)
            for after, again in moves(middle):
                check(middle, after, again, words=False)
                seen_rules |= {d.rule for d in again.deltas}
                seen_keys |= {d.reason_key for d in again.deltas}
                checked += 1
    assert checked > 10_000
    # The sample reaches every rule a move can apply (the author and scene rules come from
    # outside a move), so the checks above ran on each of them.
    assert seen_rules == set(RULES) - {"R-AUTHOR", "R-SCENE"}
    assert len(seen_keys) > 40
