"""Every ending closes with this run's causes, quoted from the choices the player made."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.runtime import Session
from game.runtime.causes import key_moves
from game.runtime.sentences import closing_sentences, quoted
from game.story.loader import bundled, load

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"


def play(path: Path | str, ids: list[str], seed: int = 1) -> Session:
    s = Session(load(path), seed)
    for cid in ids:
        s.choose(cid)
    return s


def test_nothing_before_the_end() -> None:
    s = play(MINI, ["weather"])
    assert not s.ended and closing_sentences(s) == ()


@pytest.fixture
def shy(tmp_path: Path) -> Path:
    """The mini story with Sam at low trust, where small talk still builds some."""
    path = tmp_path / "shy.yaml"
    path.write_text(MINI.read_text(encoding="utf-8").replace(
        "{name: Sam, trust: 40", "{name: Sam, trust: 20"), encoding="utf-8")
    return path


def test_small_talk_above_its_ceiling_changes_nothing_and_says_so() -> None:
    s = play(MINI, ["weather", "wave", "continue"])
    assert closing_sentences(s) == (
        "Nothing you chose moved Sam closer or further away.",
        "What held it back: the deepest thing of yours Sam took in warmly was small talk, "
        "not yet anything private.")


def test_small_talk_only_is_cited_as_what_helped_and_nothing_cost(shy: Path) -> None:
    s = play(shy, ["weather", "wave", "continue"])
    assert s.ended
    assert closing_sentences(s) == (
        "What helped most: \u201cTalk about the rain\u201d, because Sam took it warmly.",
        "Nothing you chose pushed Sam away.",
        "What held it back: the deepest thing of yours Sam took in warmly was small talk, "
        "not yet anything private.")


def test_a_premature_confession_is_named_as_the_cost_and_never_praised() -> None:
    s = play(MINI, ["secret", "ask", "continue"], seed=0)
    text = " ".join(closing_sentences(s))
    assert "What came too soon: \u201cConfess your deepest fear\u201d, because Sam was not " \
           "ready for that much yet" in text
    assert "Talk about the rain" not in text  # never chosen, never mentioned


def test_a_game_restored_into_an_edited_story_uses_the_moves_own_explanations(
        shy: Path) -> None:
    s = play(shy, ["weather", "wave", "continue"])
    replayed = key_moves(s)
    s.changed_story = True  # what restoring into an edited story sets
    explained = key_moves(s)
    assert [m.label for m in explained] == [m.label for m in replayed]
    assert explained[0].gain == pytest.approx(replayed[0].gain)
    assert closing_sentences(s)[0].startswith("What helped most: \u201cTalk about the rain")


@pytest.mark.parametrize("path", bundled(), ids=lambda p: p.name)
def test_random_runs_only_quote_choices_that_were_made(path: Path) -> None:
    story = load(path)
    rng = random.Random(7)
    quoted_checked = 0
    for seed in range(6):
        s = Session(story, seed)
        while not s.ended:
            s.choose(rng.choice(s.available()).id)
        sentences = closing_sentences(s)
        assert 1 <= len(sentences) <= 3
        moves = {quoted(m.label): m for m in key_moves(s)}
        for sentence in sentences:
            if sentence.startswith("What"):
                said = sentence.split(": ", 1)[1].rsplit(", because", 1)[0]
                m = moves[said]  # a choice this run really made
                quoted_checked += 1
                helped = sentence.startswith("What helped")
                assert (m.gain > 0) if helped else (m.gain < 0 or m.ruptured)
                if helped:
                    assert m.landing in ("supportive", "reciprocated", "welcome", "plain", "")\
                        or m.kind == "plain"
    assert quoted_checked > 0  # some run quoted a choice, so the checks above really ran


@pytest.mark.parametrize(("label", "shown"), [
    ("Tell her the truth", "\u201cTell her the truth\u201d"),
    ('Say "That sounds hard," and nod', "\u201cSay \u2018That sounds hard,\u2019 and nod\u201d"),
    ("Say \u201cok\u201d, then \u201cno\u201d",
     "\u201cSay \u2018ok\u2019, then \u2018no\u2019\u201d"),
])
def test_a_label_quoted_in_the_closing_lines_never_nests_double_quotes(label, shown) -> None:
    assert quoted(label) == shown


MENDED = Path(__file__).resolve().parent / "fixtures" / "mended.yaml"


def test_a_hurt_mended_later_is_named_with_its_repair_when_nothing_else_cost() -> None:
    s = play(MENDED, ["judge", "sorry", "warm3"])
    assert s.ended
    moves = key_moves(s)
    assert moves[0].mended_by == "Say sorry for before, and listen"
    assert "What cost most: \u201cSay everyone is busy\u201d, because Kim felt judged, though " \
           "it was softened afterwards." in closing_sentences(s)


def test_a_hurt_never_put_right_is_named_over_a_bigger_one_that_was() -> None:
    s = play(MENDED, ["judge", "sorry", "brush3"])
    moves = key_moves(s)
    assert moves[0].gain < moves[2].gain <= -1.0  # the judgement was the bigger loss
    assert moves[0].mended_by and not moves[2].mended_by
    worst = [x for x in closing_sentences(s) if x.startswith(("What cost", "Still between"))]
    # what the class should leave with is the hurt left standing, not one already mended
    # (the bigger one was softened by a warm answer, not a sorry: nothing more is claimed)
    assert worst == ["What cost most: \u201cSay everyone has a hobby\u201d, because Kim felt "
                     "brushed aside."]
    assert len(closing_sentences(s)) <= 3


def test_every_loss_put_right_names_the_largest_and_says_so(tmp_path: Path) -> None:
    s = play(MENDED, ["judge", "sorry", "warm3"])
    said = [x for x in closing_sentences(s) if x.startswith(("What cost", "Still between"))]
    assert said == ["What cost most: \u201cSay everyone is busy\u201d, because Kim felt "
                    "judged, though it was softened afterwards."]


def test_a_friendship_that_deepened_has_nothing_still_between_it(tmp_path: Path) -> None:
    # The same moves, ending deepened: what cost most is named, nothing "still between".
    deep = tmp_path / "mended.yaml"
    deep.write_text(MENDED.read_text(encoding="utf-8").replace(
        "outcome: acquaintance", "outcome: deepened"), encoding="utf-8")
    said = closing_sentences(play(deep, ["judge", "sorry", "brush3"]))
    assert any(x.startswith("What cost most: \u201cSay everyone has a hobby\u201d") for x in said)
    assert not any(x.startswith("Still between you") for x in said)


def test_a_lukewarm_answer_never_outranks_a_hurt_even_a_softened_one() -> None:
    # A friendly "that's nice" costs a little; naming it as what cost most, over a judgement
    # that was softened, would tell a class the polite answer was the evening's mistake.
    s = play(MENDED, ["judge", "sorry", "cool3"])
    moves = key_moves(s)
    assert moves[2].landing == "neutral" and -5.0 < moves[2].gain <= -1.0
    worst = [x for x in closing_sentences(s) if x.startswith("What cost")]
    assert worst == ["What cost most: \u201cSay everyone is busy\u201d, because Kim felt "
                     "judged, though it was softened afterwards."]


def test_a_lukewarm_answer_alone_is_named_as_a_small_cost() -> None:
    s = play(MENDED, ["warm1", "sorry", "cool3"])
    worst = [x for x in closing_sentences(s) if x.startswith("What cost")]
    assert worst == ["What cost a little: \u201cSay that's nice\u201d, because Kim needed "
                     "more than that."]


def test_a_hurt_left_unmended_is_named_plainly() -> None:
    s = play(MENDED, ["judge", "shrug", "cool3"])
    assert [m.mended_by for m in key_moves(s)] == ["", "", ""]
    assert any(x.startswith("What cost most: \u201cSay everyone is busy\u201d, because Kim "
                            "felt judged.") for x in closing_sentences(s))


def test_a_restored_game_in_an_edited_story_finds_the_repair_in_the_explanations() -> None:
    s = play(MENDED, ["judge", "sorry", "warm3"])
    s.changed_story = True
    assert key_moves(s)[0].mended_by == "Say sorry for before, and listen"


BREAKS = Path(__file__).resolve().parent / "fixtures" / "breaks.yaml"


def test_a_rupture_leads_with_what_cost_most_and_the_break_and_names_the_help_last() -> None:
    s = play(BREAKS, ["warm", "judge2", "judge3", "judge4"])
    assert s.ending() is not None and s.ending().outcome == "ruptured"  # type: ignore[union-attr]
    assert [x.split(" ", 3)[:3] for x in closing_sentences(s)] == [
        ["What", "cost", "most:"], ["The", "break", "came"], ["What", "helped", "most:"]]


def test_without_a_rupture_the_help_comes_first() -> None:
    s = play(ROOT / "tests" / "fixtures" / "fragile.yaml", ["chat", "cold"])
    assert s.ending() is not None and s.ending().outcome == "acquaintance"  # type: ignore[union-attr]
    assert [x.split(":")[0] for x in closing_sentences(s)] == [
        "What helped most", "What cost most"]


def test_a_break_for_the_same_reason_as_the_cost_says_so_once() -> None:
    s = play(BREAKS, ["warm", "judge2", "judge3", "judge4"])
    text = closing_sentences(s)
    assert text[0].endswith("because Kim felt judged.")
    assert text[1] == ("The break came at \u201cTell her everyone's tired\u201d: for the same "
                       "reason again, and Kim could not get past it.")


def test_moving_on_from_a_confidence_is_named_as_that_not_as_taking_it_badly() -> None:
    s = play(MENDED, ["joke", "sorry", "warm3"])
    assert key_moves(s)[0].unanswered
    assert "What cost most: \u201cJoke about the office coffee\u201d, because it moved on from " \
           "what Kim had just told you." in closing_sentences(s)


GIFT = """\
id: gift
title: Gift
start: porch
rupture: gone
characters:
  partners:
    sam: {name: Sam, trust: 40, defence: 60}
scenes:
  porch:
    choices:
      - {id: chat, kind: disclose, layer: 0, text: Talk about the weather, next: hall}
  hall:
    choices:
      - {id: leave, text: Say goodnight and go to bed, next: morning}
      - {id: stay, text: Stay up and talk, next: morning}
  morning:
    # Sam's own sorry stands whatever the player did: the story lowers the guard.
    on_enter: ["sam.defence %- 30"]
    choices:
      - {id: toast, kind: disclose, layer: 0, text: Offer toast, next: end}
  end:
    ending: {outcome: acquaintance, title: Toast}
  gone:
    ending: {outcome: ruptured, title: Gone}
"""


def test_a_guard_the_next_scene_lowers_is_not_the_choice_before_it(tmp_path: Path) -> None:
    # Going to bed did nothing; the morning scene lowered Sam's guard on its own. The closing
    # must not call going to bed what helped most.
    path = tmp_path / "gift.yaml"
    path.write_text(GIFT, encoding="utf-8")
    s = play(path, ["chat", "leave", "toast"])
    moves = {m.label: m for m in key_moves(s)}
    assert abs(moves["Say goodnight and go to bed"].gain) < 1.0
    assert not any("Say goodnight" in x for x in closing_sentences(s))


@pytest.fixture
def owned(tmp_path: Path) -> Path:
    """The mended story where the sorry says what it owns (`sorry_for:`), and a plain sorry
    that Kim's meters do not count at all."""
    path = tmp_path / "owned.yaml"
    path.write_text(MENDED.read_text(encoding="utf-8").replace(
        'text: "Say sorry for before, and listen", next: three}',
        'text: "Say sorry for before, and listen", sorry_for: judge, next: three}\n'
        '      - {id: plain_sorry, text: "Say sorry for before", sorry_for: [judge, warm1], '
        'next: three}'), encoding="utf-8")
    return path


def test_a_hurt_the_player_said_sorry_for_says_so_not_only_softened(owned: Path) -> None:
    s = play(owned, ["judge", "sorry", "warm3"])
    assert key_moves(s)[0].apologised and key_moves(s)[0].mended_by
    assert "What cost most: \u201cSay everyone is busy\u201d, because Kim felt judged, though " \
           "you said sorry for it afterwards." in closing_sentences(s)


def test_a_sorry_said_as_a_plain_choice_is_taken_and_mends_what_it_names(owned: Path) -> None:
    # R-APOLOGY: the story shows a plain sorry taken, so it mends the hurt it owns, and the
    # sentence says both that it was said and (by not standing at the end) that it was taken.
    s = play(owned, ["judge", "plain_sorry", "brush3"])
    moves = key_moves(s)
    assert moves[0].apologised and moves[0].mended_by == "Say sorry for before"
    said = closing_sentences(s)
    # owned and taken, it is not what cost most while a hurt never put right stands, and
    # it is said to have been put right, since it was the bigger loss
    [cost, *rest] = [x for x in said if x.startswith(("What cost", "Still between"))]
    assert not any("busy" in x for x in rest), said
    assert cost.startswith("What cost most in the end: ")
    assert cost.endswith("(\u201cSay everyone is busy\u201d cost more, but you owned it and they "
                         "took that).")


def test_an_apology_mends_the_hurt_it_names_not_the_latest(tmp_path: Path) -> None:
    # Two hurts stand; the sorry names the first, so the first is mended and the second
    # is still between them at the end.
    path = tmp_path / "two.yaml"
    path.write_text(MENDED.read_text(encoding="utf-8").replace(
        "      - {id: shrug,",
        "      - {id: brush2, kind: respond, response: dismissive, text: Say flats are always "
        "cold, next: three}\n      - {id: shrug,").replace(
        "      - {id: warm3,",
        "      - {id: sorry3, text: Say sorry for calling everyone busy, sorry_for: judge, "
        "next: end}\n      - {id: warm3,"), encoding="utf-8")
    s = play(path, ["judge", "brush2", "sorry3"])
    moves = {m.label: m for m in key_moves(s)}
    assert moves["Say everyone is busy"].mended_by == "Say sorry for calling everyone busy"
    assert moves["Say flats are always cold"].mended_by == ""
    assert s.state.partners["kim"].hurt == 1


def test_a_sorry_owns_only_what_it_names(owned: Path) -> None:
    # The same plain sorry after a warm answer: nothing it names was a hurt, and a hurt made
    # after it is not owned by it.
    s = play(owned, ["warm1", "plain_sorry", "brush3"])
    assert [m.apologised for m in key_moves(s)] == [True, False, False]
    assert "said sorry" not in " ".join(closing_sentences(s))


def test_a_sorry_for_something_that_was_not_a_hurtful_answer_mends_no_other_hurt(
        tmp_path: Path) -> None:
    # The sorry owns the joke (moving on, not an answer that hurt): the judged answer it does
    # not name still stands.
    path = tmp_path / "joke.yaml"
    path.write_text(MENDED.read_text(encoding="utf-8").replace(
        "      - {id: warm3,",
        "      - {id: sorry3, text: Say sorry for the coffee joke, sorry_for: joke, "
        "next: end}\n      - {id: warm3,"), encoding="utf-8")
    s = play(path, ["judge", "shrug", "sorry3"])
    assert s.state.partners["kim"].hurt == 1
    assert key_moves(s)[0].mended_by == ""


def test_a_cost_that_still_stands_makes_the_other_hurt_also_still_between_you() -> None:
    # Two hurts, neither put right: the one named as what cost most stands too, so the
    # second is "also" still between you (a class read the first as settled without it).
    said = [x for x in closing_sentences(play(MENDED, ["judge", "shrug", "brush3"]))
            if x.startswith(("What cost", "Also still", "Still"))]
    assert said[0].startswith("What cost most: \u201cSay everyone is busy\u201d")
    assert said[1].startswith("Also still between you at the end: \u201cSay everyone has a "
                              "hobby\u201d")


def test_two_hurts_said_sorry_for_do_not_repeat_the_words() -> None:
    # "…, though you said sorry for it afterwards" twice in a row read as a stutter.
    from game.runtime.causes import Closing, KeyMove

    def hurt(step: int, gain: float) -> KeyMove:
        return KeyMove(step, f"answer {step}", "respond", "judgemental", "Kim", gain, 100.0,
                       False, False, they="she", apologised=True, hurt_added=1)
    worst, standing = hurt(1, -20.0), hurt(2, -10.0)
    closing = Closing((worst, standing), None, worst, standing, None)
    said = [x for x in closing_sentences(play(MENDED, ["judge", "shrug", "brush3"]), closing)
            if "sorry" in x]
    assert said[0].endswith("though you said sorry for it afterwards.")
    assert said[1].endswith("though you said sorry for that too."), said
