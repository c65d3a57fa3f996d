"""`because:` by landing: the closing sentences give the reason the author wrote for the way
this choice actually landed (a reciprocated landing falls back to supportive, then default,
as reactions do), and a reason for a landing the move cannot have is refused where it is."""

from __future__ import annotations

from pathlib import Path

from game.runtime import Session
from game.runtime.causes import closing_sentences
from game.story.loader import check, load

FIXTURE = Path(__file__).parent / "fixtures" / "because.yaml"


def test_each_landing_gets_its_own_reason() -> None:
    story = load(FIXTURE)
    session = Session.start(story, seed=1)
    warm = session.choose("to_sam")
    cold = session.choose("to_kim")
    assert warm.landing in ("supportive", "reciprocated")
    assert cold.landing == "judgemental"
    said = " ".join(closing_sentences(session))
    assert ("\u201cTell Sam about your week\u201d, because Sam had been hoping you would "
            "say.") in said
    assert ("\u201cTell Kim your biggest secret\u201d, because it was more than Kim could hold "
            "on a first morning, and telling was not wrong") in said


def test_lookup_order_is_the_reactions_order() -> None:
    story = load(FIXTURE)
    to_sam = story.scenes["kitchen"].choice("to_sam")
    to_kim = story.scenes["hall"].choice("to_kim")
    assert to_sam is not None and to_kim is not None
    assert to_sam.because_for("reciprocated") == "Sam had been hoping you would say"
    assert to_sam.because_for("neutral") == ""  # no default: the engine's own words
    assert to_kim.because_for("neutral") == "Kim had been waiting for it"


def test_a_reason_for_a_landing_the_move_cannot_have_is_located(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("          supportive: Sam had",
                                                       "          welcome: Sam had")
    path = tmp_path / "story.yaml"
    path.write_text(text, encoding="utf-8")
    story, diags = check(path)
    assert story is None
    found = [d for d in diags if d.code == "E023"]
    assert len(found) == 1
    assert "cannot land as 'welcome'" in found[0].message
    assert found[0].line == text.splitlines().index("          welcome: Sam had been hoping "
                                                    "you would say") + 1


def test_a_premature_disclosure_gets_its_premature_reason_first(tmp_path: Path) -> None:
    # Kim's core secret skips two layers: the author's `premature` reason names the pace,
    # whatever the landing, ahead of the judgemental one (which would blame her answer).
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "          judgemental: it was more than Kim",
        "          premature: it went further than anything you had told Kim yet\n"
        "          judgemental: it was more than Kim")
    path = tmp_path / "story.yaml"
    path.write_text(text, encoding="utf-8")
    story = load(path)
    session = Session.start(story, seed=1)
    session.choose("to_sam")
    session.choose("to_kim")
    said = " ".join(closing_sentences(session))
    assert "because it went further than anything you had told Kim yet" in said
    to_kim = story.scenes["hall"].choice("to_kim")
    assert to_kim is not None
    assert to_kim.because_for("judgemental").startswith("it was more than Kim")
    # Only a disclosure can skip a layer: on any other move the key is refused.
    bad = text.replace("          supportive: Sam had", "          premature: Sam had") \
        .replace("kind: disclose\n        layer: 1", "kind: ask\n        layer: 1")
    path.write_text(bad, encoding="utf-8")
    _, diags = check(path)
    assert any(d.code == "E023" and "'premature'" in d.message for d in diags)
