"""docs/model.md stays true to the code: worked examples, rule ids and the parameter table."""

from __future__ import annotations

from pathlib import Path

from game.model import RULES, SPECS, Params, PartnerState, ask, disclose, readiness, respond

DOC = (Path(__file__).parents[2] / "docs" / "model.md").read_text(encoding="utf-8")
P = Params()


def in_doc(*snippets: str) -> None:
    for snippet in snippets:
        assert snippet in DOC, snippet


def test_example_1_personal_disclosure() -> None:
    state, why = disclose(PartnerState(50.0, 30.0), layer=1, emotional=False, topic="work",
                          params=P, noise=0.0)
    assert why.readiness is not None and why.readiness.total == 65.0
    assert (state.trust, state.defence, state.reached, state.opened, state.pending) == (
        55.0, 27.6, 1, 1, 1)
    assert state.closeness == 1 and why.landing == "reciprocated"
    in_doc("m = (50 - 30) - (-45) - 0 - 0 - 0 + 0 = **65**", "gives **55**", "**27.6**")


def test_example_2_core_secret_first() -> None:
    _, why = disclose(PartnerState(50.0, 30.0), layer=3, emotional=False, topic=None, params=P,
                      noise=0.0)
    assert why.readiness is not None and why.readiness.total == -85.0
    assert [d.after for d in why.deltas] == [38.0, 46.8, 57.44]
    in_doc("= **-85**", "gives **38**", "gives **46.8**", "gives **57.44**")


def test_example_3_judging_a_confidence() -> None:
    state, _ = respond(PartnerState(60.0, 30.0, reached=2, opened=2, pending=2),
                       response="judgemental", layer=0, params=P)
    assert (state.trust, state.defence, state.hurt, state.guard, state.guard_moves) == (
        40.8, 44.0, 1, 2, 2)
    in_doc("gives **40.8**", "gives **44**")


def test_example_4_and_5_neutral_answer_and_follow_up() -> None:
    cooled, _ = respond(PartnerState(60.0, 30.0, opened=1, pending=1), response="neutral",
                        layer=0, params=P)
    assert (cooled.trust, cooled.cool) == (57.6, 1)
    asked, why = ask(PartnerState(40.0, 30.0, opened=1, pending=1), layer=1, topic=None,
                     params=P)
    assert (asked.trust, asked.heard, why.landing) == (43.6, 1, "welcome")
    in_doc("gives **57.6**", "gives **43.6**")


def test_example_6_breadth_before_depth() -> None:
    state = PartnerState(60.0, 30.0, reached=1, opened=1, depths=frozenset({"work@1"}))
    assert readiness(state, 2, P, 0.0, "family").total == 25.0
    assert readiness(state, 2, P, 0.0, "work").total == 45.0
    in_doc("m = 30 + 15 - 20 = **25**; on work it would be 45")


def test_every_rule_is_documented() -> None:
    for rule in RULES:
        assert f"| {rule} |" in DOC, rule


def test_parameter_table_matches_the_one_table() -> None:
    for spec in SPECS:
        default = spec.default
        shown = ("[" + ", ".join(f"{x:g}" for x in default) + "]" if isinstance(default, tuple)
                 else f"{default:g}")
        assert f"| `{spec.name}` | {shown} | {spec.low:g} to {spec.high:g} | {spec.doc} |" in DOC
