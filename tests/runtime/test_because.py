"""`because:` by landing: the closing sentences give the reason the author wrote for the way
this choice actually landed (a reciprocated landing falls back to supportive, then default,
as reactions do), and a reason for a landing the move cannot have is refused where it is."""

from __future__ import annotations

from pathlib import Path

from game.runtime import Session
from game.runtime.sentences import closing_sentences
from game.story.loader import check, load

FIXTURE = Path(__file__).parent / "fixtures" / "because.yaml"


def written(tmp_path: Path, text: str) -> Path:
    """A variant of the fixture, saved where an author's story would be."""
    path = tmp_path / "story.yaml"
    path.write_text(text, encoding="utf-8")
    return path


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
    path = written(tmp_path, text)
    story, diags = check(path)
    assert story is None
    found = [d for d in diags if d.code == "E023"]
    assert len(found) == 1
    # `premature` is offered, but as what it is (not a landing): the message says which is which
    assert "never lands as 'welcome'" in found[0].message
    assert "how the move lands (supportive, reciprocated, neutral, judgemental)" in \
        found[0].message
    assert "or premature (when the disclosure skipped a layer)" in found[0].message
    assert found[0].line == text.splitlines().index("          welcome: Sam had been hoping "
                                                    "you would say") + 1


def test_a_premature_disclosure_gets_its_premature_reason_first(tmp_path: Path) -> None:
    # Kim's core secret skips two layers: the author's `premature` reason names the pace,
    # whatever the landing, ahead of the judgemental one (which would blame her answer).
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "          judgemental: it was more than Kim",
        "          premature: it went further than anything you had told Kim yet\n"
        "          judgemental: it was more than Kim")
    path = written(tmp_path, text)
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


def test_premature_on_small_talk_says_why_it_can_never_apply(tmp_path: Path) -> None:
    # A layer-0 disclosure never skips a layer: the author is told so, not that it "cannot
    # land as premature", and a judgemental reason is refused as small talk's, by name.
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "        layer: 1\n        topic: work", "        layer: 0\n        topic: work").replace(
        "          supportive: Sam had",
        "          premature: too soon\n          supportive: Sam had")
    path = written(tmp_path, text)
    story, diags = check(path)
    assert story is None
    messages = sorted(d.message for d in diags if d.code == "E023")
    assert messages == [
        "'premature' is for a disclosure that skipped a layer, which a small-talk disclosure "
        "(layer 0) never does; use: supportive, default",
        "a small-talk disclosure (layer 0) never lands as 'judgemental': a because: key is how "
        "the move lands (supportive), default (any other way)"]


def test_a_list_where_because_belongs_names_both_forms(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "          supportive: Sam had been hoping you would say\n"
        "          judgemental: Sam was not ready for it\n",
        "          - Sam had been hoping you would say\n          - Sam was not ready for it\n")
    path = written(tmp_path, text)
    story, diags = check(path)
    assert story is None
    [diag] = [d for d in diags if d.code == "E011"]
    assert "because: should be text or a mapping from how the move lands to text" in \
        diag.message
    assert "not a list" in diag.message
    assert diag.line == text.splitlines().index("          - Sam had been hoping you would "
                                                "say") + 1


def test_the_glass_box_explains_a_story_effect_in_the_authors_words(tmp_path: Path) -> None:
    # A choice whose story effect moves a meter: with a `because:`, the glass box gives the
    # author's reason for the change; without one, the engine's general words.
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "        because:\n          supportive: Sam had been hoping you would say\n",
        "        effects: [\"sam.defence -= 10\"]\n"
        "        because:\n          supportive: Sam had been hoping, for once, you would say\n")
    path = written(tmp_path, text)
    story = load(path)
    session = Session.start(story, seed=1)
    res = session.choose("to_sam")
    assert res.explanation is not None and res.landing in ("supportive", "reciprocated")
    said = story.sentences(res.explanation, res.partner, ("kitchen", "to_sam"))
    assert any(s.startswith("Sam's defence fell") and s.endswith(
        ": Sam had been hoping, for once, you would say.") for s in said), said
    # said once: the effect's sentence carries it, so no separate "why it mattered"
    assert not [s for s in said if s.startswith("Why it mattered here")], said
    plain = story.sentences(res.explanation, res.partner)
    assert any(s.endswith(": the story sets this as part of what you chose.") for s in plain)



def test_the_glass_box_gives_the_authors_reason_for_how_a_move_landed() -> None:
    # No story effect: the model's landing is explained in its own words, then in the
    # author's, which is the same reason the closing sentence gives.
    story = load(FIXTURE)
    session = Session.start(story, seed=1)
    session.choose("to_sam")
    res = session.choose("to_kim")
    assert res.explanation is not None and res.landing == "judgemental"
    said = story.sentences(res.explanation, res.partner, ("hall", "to_kim"))
    assert said[1] == ("Why it mattered here: it was more than Kim could hold on a first "
                       "morning, and telling was not wrong."), said
    # A landing without a reason of its own, and a choice with none, add nothing.
    assert not [s for s in story.sentences(res.explanation, res.partner)
                if s.startswith("Why it mattered")]
