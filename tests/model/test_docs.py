"""docs/model.md stays true to the code: worked examples, rule ids and the parameter table."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.model import (
    RULES,
    Params,
    PartnerState,
    ask,
    disclose,
    readiness,
    respond,
)
from game.model.wording import number

DOC = (Path(__file__).parents[2] / "docs" / "model.md").read_text(encoding="utf-8")
P = Params()


def in_doc(*snippets: str) -> None:
    for snippet in snippets:
        assert snippet in DOC, snippet


def test_example_1_personal_disclosure() -> None:
    state, why = disclose(
        PartnerState(50.0, 30.0), layer=1, emotional=False, topic="work", params=P, noise=0.0
    )
    assert why.readiness is not None and why.readiness.total == 65.0
    assert state == PartnerState(55.0, 27.6, 1, 1, frozenset({"work"}), 1)
    assert why.landing == "reciprocated"
    in_doc(
        "m = (50 - 30) - (-45) - 0 - 0 + 0 = **65**",
        "Result: T = 55, D = 27.6, reached = 1, opened = 1, pending = 1, topics = {work}.",
    )


def test_example_2_core_secret_first() -> None:
    _, why = disclose(
        PartnerState(50.0, 30.0), layer=3, emotional=False, topic=None, params=P, noise=0.0
    )
    assert why.readiness is not None and why.readiness.total == -75.0
    assert why.landing == "judgemental"
    assert [d.after for d in why.deltas] == [32.0, 55.2, 68.64]
    later = readiness(PartnerState(72.0, 19.0, 2, 2), 3, P, 0.0)
    assert later.total == 38.0
    in_doc(
        "= **-75**",
        "gives 50 - 50 x 0.36 = **32**",
        "gives 30 + 70 x 0.36 = **55.2**",
        "gives 55.2 + 44.8 x 0.30 = **68.64**",
        "Result: T = 32, D = 68.64, reached = 0.",
        "m = (72 - 19) - 15 = **38**",
    )


def test_example_3_emotional_private_disclosure() -> None:
    start = PartnerState(60.0, 25.0, reached=1, opened=1)
    felt, why = disclose(start, layer=2, emotional=True, topic="family", params=P, noise=0.0)
    plain, _ = disclose(start, layer=2, emotional=False, topic="family", params=P, noise=0.0)
    assert why.readiness is not None and why.readiness.total == 50.0
    assert (felt.trust, felt.defence, felt.reached, felt.opened, felt.pending) == (
        72.0,
        19.0,
        2,
        2,
        2,
    )
    assert (plain.trust, plain.defence) == (68.0, 21.0)
    in_doc(
        "m = 35 - (-15) = **50**",
        "Result: T = 72, D = 19, reached = 2, opened = 2, pending = 2.",
        "gives T = **68** and D = **21**",
    )


def test_example_4_early_core_question() -> None:
    state, why = ask(PartnerState(50.0, 30.0), layer=3, topic="fear", params=P)
    assert why.landing == "intrusion"
    assert (state.trust, state.defence) == (42.5, 58.0)
    in_doc("Result: T = 42.5, D = 58.")


@pytest.mark.parametrize(
    ("response", "trust", "defence"), [("supportive", 58.0, 27.0), ("judgemental", 34.0, 44.0)]
)
def test_example_5_answers(response: str, trust: float, defence: float) -> None:
    state, _ = respond(PartnerState(50.0, 30.0, pending=2), response=response, layer=0, params=P)
    assert (state.trust, state.defence, state.pending) == (trust, defence, 0)
    in_doc(f"gives **{number(trust)}**", f"gives **{number(defence)}**")


def test_example_6_rupture() -> None:
    state, why = respond(PartnerState(11.0, 30.0), response="judgemental", layer=1, params=P)
    assert state.trust == 9.24 and state.ruptured and why.ruptured
    in_doc("= **9.24**")


def test_example_sentences_are_quoted_verbatim() -> None:
    _, why = disclose(
        PartnerState(50.0, 30.0), layer=3, emotional=False, topic=None, params=P, noise=0.0
    )
    quoted = " ".join(line.removeprefix("> ") for line in DOC.splitlines() if line.startswith("> "))
    assert quoted == " ".join(why.sentences("Sam"))


def test_every_rule_is_documented() -> None:
    for rule in RULES:
        assert f"`{rule}`" in DOC, rule
        assert rule in DOC.split("## 4. The rules")[1].split("## 5.")[0]


def test_parameter_table_matches_defaults() -> None:
    docs = Params.fields_doc()
    for name, value in Params.defaults().items():
        if isinstance(value, list):
            shown = "[" + ", ".join(number(v) for v in value) + "]"
        else:
            assert isinstance(value, int | float)
            shown = number(value)
        in_doc(f"| `{name}` | {shown} | {docs[name]} |")
