"""The checker's bounds on how a move can land (game/story/landings.py) are worked out once
per kind of move; an apology and an invited answer can never be judged, so two cards alike in
all else must not share an answer, whichever the checker meets first."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.story.loader import check

TOLD = ("      - {id: %s, kind: disclose, layer: 1, topic: home, %stext: Tell her, next: z,\n"
        "         reactions: {supportive: Nods., neutral: Shrugs., judgemental: Frowns.}}\n")
CARDS = {"plain_tell": "", "asked_tell": "invited: true, ", "sorry_tell": "sorry_for: z_x, "}


def story(order: list[str]) -> str:
    cards = "".join(TOLD % (cid, CARDS[cid]) for cid in order)
    return ("id: bounds\ntitle: Bounds\nstart: s\nrupture: gone\n"
            "characters: {partners: {kim: {name: Kim}}}\nscenes:\n"
            "  s:\n    partner: kim\n    lines: [\"Kim: And you?\"]\n    choices:\n" + cards +
            "      - {id: z_x, text: Leave, next: z}\n"
            "  z:\n    ending: {outcome: acquaintance, title: Z}\n"
            "  gone:\n    ending: {outcome: ruptured, title: Gone}\n")


@pytest.mark.parametrize("order", [["plain_tell", "asked_tell", "sorry_tell"],
                                   ["asked_tell", "sorry_tell", "plain_tell"],
                                   ["sorry_tell", "plain_tell", "asked_tell"]])
def test_a_judgement_is_ruled_out_only_where_it_cannot_happen(tmp_path: Path,
                                                              order: list[str]) -> None:
    path = tmp_path / "bounds.yaml"
    path.write_text(story(order), encoding="utf-8")
    _, diags = check(path, use_cache=False)
    warned = {d.message.split("'")[1] for d in diags if d.code == "W011"}
    # The judged reaction is dead only on the cards that can never be judged.
    assert warned == {"asked_tell", "sorry_tell"}
