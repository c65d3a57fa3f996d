"""The closing sentences of an ending (game/runtime/causes.py), word for word, over scripted
playthroughs of the moves fixture: each kind of help and cost, and a game restored into an
edited story, whose moves can no longer be replayed."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from game.persist.snapshot import restore, snapshot
from game.runtime import Session
from game.runtime.causes import (
    MIN_GAIN,
    Closing,
    KeyMove,
    costliest,
    helped_most,
    key_moves,
    unstopped,
)
from game.runtime.sentences import (
    _cost_reason,
    _nothing_further,
    _said_once,
    closing_sentences,
    quoted,
)
from game.story.compiled import CompiledStory
from game.story.loader import load

FIXTURE = Path(__file__).parent / "fixtures" / "moves.yaml"
SEED = 1
HELPED = "What helped most: \u201c{}\u201d, because {}."
COST = "What cost most: \u201c{}\u201d, because {}."
# Something the player told that landed badly is named for its timing (causes._heading).
SOON = "What came too soon: \u201c{}\u201d, because {}."
SMALL = "What cost a little: \u201c{}\u201d, because {}."  # a lukewarm answer, nothing hurt
NO_CLOSER = "Nothing you chose brought Sam closer."
NO_FURTHER = "Nothing you chose pushed Sam away."
# An acquaintance nothing pushed away says which part of the deepened bar was not met.
HELD = ("What held it back: the deepest thing of yours Sam took in warmly was small talk, "
        "not yet anything private.")


@pytest.fixture(scope="module")
def story() -> CompiledStory:
    return load(FIXTURE)


def played(story: CompiledStory, path: str) -> Session:
    session = Session(story, SEED)
    for pick in path.split():
        session.choose(pick)
    return session


CASES = {
    "talk0 leave continue": ("Nothing you chose moved Sam closer or further away.", HELD),
    "talk0 work1 s_support home1 s_support music1 s_support work2 s_support home2 s_support "
    "ask2 s_support leave continue": (
        HELPED.format("Say how work makes you feel",
                      "Sam took it warmly and shared something back"), NO_FURTHER),
    # reciprocated by the model, but the story shows no sharing back: only the warmth is said
    "talk0 work1 s_support home1 s_support music1 s_support work2_told s_support home2 "
    "s_support ask2 s_support leave continue": (
        HELPED.format("Tell Sam how work makes you feel", "Sam took it warmly"), NO_FURTHER),
    # the same telling three times: the cost is one of a run, and the sentence says so
    "work3 work3 work3": (
        SOON.format("Admit the fear of failing", "Sam was not ready for that much yet, "
                    "and they pulled away after it; telling it was not wrong (two other "
                    "tellings also came before they were ready)"), NO_CLOSER),
    "door": (COST.format("Slam the door", "it cost Sam's trust, and they could not get past it"),
             NO_CLOSER),
    "work2 leave continue": (
        SOON.format("Say how work makes you feel", "Sam was not ready for that much yet; "
                    "telling it was not wrong"),
        NO_CLOSER),
    "ask3 ask1 leave continue": (
        HELPED.format("Ask about their job", "Sam was glad to be asked"),
        COST.format("Ask what scares them", "Sam felt it was not yours to ask yet")),
    # the label's own full stop is dropped inside the quotation marks
    "gift leave continue": (HELPED.format("Buy Sam a coffee", "it brought Sam closer"),
                            NO_FURTHER, HELD),
    # a change of exactly MIN_GAIN either way counts; of two helps of the same size the later
    # closed a larger share of the room left (helped_most), so it is named
    "nudge leave continue": (HELPED.format("Smile at Sam", "it brought Sam closer"),
                             NO_FURTHER, HELD),
    "nudge_again nudge leave continue": (HELPED.format("Smile at Sam", "it brought Sam closer"),
                                         NO_FURTHER, HELD),
    # a plain choice's own effects: what it cost is said, never that Sam "took it badly"
    "frown leave continue": (COST.format("Frown at Sam", "it cost Sam's trust"), NO_CLOSER),
    "glare leave continue": (COST.format("Glare at Sam", "it put Sam on guard"), NO_CLOSER),
    # the author's own reason replaces the generated one
    "gossip leave continue": (COST.format("Tell Ana what Sam said", "it was Sam's to tell"),
                              NO_CLOSER),
    # the move that broke the relationship, when it was also the largest loss: one sentence
    "ask3 door": (COST.format("Slam the door", "it cost Sam's trust, and they could not get "
                              "past it"), NO_CLOSER),
    # the door cost fewer points than the confession before it (37 to 43) but a larger share
    # of what was left to lose (42% to 33%): it is what cost most, and where Sam broke off
    "work3 door": (COST.format("Slam the door", "it cost Sam's trust, and they could not get "
                               "past it"), NO_CLOSER),
    # a larger loss came before the move Sam broke off at: both are named, each for its part
    "work3 work3 ask3 s_dismiss": (
        SOON.format("Admit the fear of failing", "Sam was not ready for that much yet; "
                    "telling it was not wrong (one other telling also came before they were "
                    "ready, and \u201cAsk what scares them\u201d also felt like prying)"),
        "The break came at \u201cAnyway\u201d: Sam felt brushed aside, and they could not get "
        "past it.", NO_CLOSER),
    # an author effect breaks off a partner the choice was not aimed at: that partner is named
    "talk0 sabotage": (COST.format("Read Ana's diary aloud", "Ana could not get past it"),
                       NO_CLOSER),
    "ana_turn a_support leave continue": (HELPED.format("Of course", "Ana felt heard"),
                                          NO_FURTHER, HELD),
    "ana_turn a_neutral leave continue": (SMALL.format("Mm", "Ana needed more than that"),
                                          NO_CLOSER),
    "ana_turn a_dismiss leave continue": (COST.format("Later", "Ana felt brushed aside"),
                                          NO_CLOSER),
    "ana_turn a_judge leave continue": (COST.format("That is your fault", "Ana felt judged"),
                                        NO_CLOSER),
}


@pytest.mark.parametrize("path", sorted(CASES))
def test_closing_sentences_name_this_runs_causes(story: CompiledStory, path: str) -> None:
    session = played(story, path)
    assert session.ended
    assert closing_sentences(session) == CASES[path]


def move(step: int, gain: float, room: float, landing: str = "supportive") -> KeyMove:
    return KeyMove(step, f"move {step}", "respond", landing, "Sam", gain, room, False, False)


def test_helped_most_is_the_largest_share_of_the_room_left() -> None:
    early, late = move(1, 6.0, 70.0), move(9, 4.0, 30.0)  # 0.086 of the room, then 0.133
    assert helped_most([early, late]) is late
    assert helped_most([early, move(9, 2.0, 30.0)]) is early  # 0.067: less than early's
    same = move(9, 6.0 * 30.0 / 70.0, 30.0)  # exactly early's share: the earlier is named
    assert helped_most([early, same]) is early
    # a gain just under MIN_GAIN, or one that landed badly, is never named
    assert helped_most([move(2, MIN_GAIN - 0.01, 5.0)]) is None
    assert helped_most([move(2, MIN_GAIN, 5.0)]) is not None
    assert helped_most([move(3, 5.0, 10.0, landing="neutral")]) is None


def test_cost_most_is_the_largest_share_of_what_was_left_to_lose() -> None:
    # room 70 leaves 130 to lose (trust held plus calm left); room 170 leaves only 30
    early, late = move(1, -12.0, 70.0, "judgemental"), move(9, -8.0, 170.0, "dismissive")
    assert costliest([early, late]) is late  # 0.27 of what was left, over 0.09: fewer points
    assert costliest([early, move(9, -2.0, 170.0)]) is early  # 0.067: less than early's 0.092
    # shares less than SHARE_TIE apart are one size: the larger loss in points is named
    first, second = move(2, -35.4, 111.0), move(6, -23.0, 143.2)  # 0.398 and 0.405 of it
    assert costliest([first, second]) is first
    assert costliest([first, move(6, -26.0, 143.2)]) is not first  # 0.458: past the tie
    tie_a, tie_b = move(2, -10.0, 150.0), move(7, -10.0, 150.0)  # the same in every way
    assert costliest([tie_b, tie_a]) is tie_a  # the earlier
    assert costliest([move(3, -1.0, 200.0)]) is not None  # nothing left: counted as 1 point
    assert costliest([]) is None


@pytest.mark.parametrize(("pick", "said"), [
    # at its own pace (layer 1, nothing skipped) but on too little trust: not "too soon"
    ("job", "What Kim could not take in: \u201cSay what you do for a living\u201d, because "
            "Kim's trust in you was too low to take it in, and they pulled away after it; "
            "telling it was not wrong."),
    # two layers skipped: the pace, as before
    ("fear", "What came too soon: \u201cAdmit the fear of failing\u201d, because Kim was not "
             "ready for that much yet, and they pulled away after it; telling it was not "
             "wrong."),
])
def test_a_telling_judged_on_trust_alone_is_not_called_too_soon(pick: str, said: str) -> None:
    session = played(load(FIXTURE.parent / "guarded.yaml"), pick)
    assert closing_sentences(session)[0] == said


def test_nothing_is_said_before_an_ending(story: CompiledStory) -> None:
    assert closing_sentences(played(story, "work1 s_support")) == ()


def test_key_moves_describe_each_step(story: CompiledStory) -> None:
    moves = key_moves(played(story, "work2 work1 s_support gift"))
    assert [(m.step, m.label, m.kind, m.landing, m.partner) for m in moves] == [
        (1, "Say how work makes you feel", "disclose", "judgemental", "Sam"),
        (2, "Say what you do", "disclose", "reciprocated", "Sam"),
        (3, "That means a lot", "respond", "supportive", "Sam"),
        (4, "Buy Sam a coffee", "plain", "plain", "Sam"),
    ]
    assert [m.premature for m in moves] == [True, False, False, False]
    assert moves[0].gain < 0 < moves[1].gain and moves[3].gain > 0
    assert not any(m.ruptured for m in moves)


def test_a_game_restored_into_an_edited_story_is_judged_by_its_own_records(
        story: CompiledStory) -> None:
    live = played(story, "talk0")
    data = json.loads(json.dumps(snapshot(live)))
    # As if the story had been edited since the save, and its moves no longer led here.
    data["hash"], data["choices"] = "0" * 64, []
    session = restore(story, data)
    assert session.changed_story
    for pick in ["ask3", "ask1", "gift", "leave", "continue"]:
        session.choose(pick)
        live.choose(pick)
    replayed, recorded = key_moves(live)[1:], key_moves(session)
    assert [(m.label, m.landing) for m in recorded] == [(m.label, m.landing) for m in replayed]
    assert [m.gain for m in recorded] == pytest.approx([m.gain for m in replayed], abs=0.011)
    assert closing_sentences(session) == closing_sentences(live) == (
        HELPED.format("Ask about their job", "Sam was glad to be asked"),
        COST.format("Ask what scares them", "Sam felt it was not yours to ask yet"))


@pytest.mark.parametrize(("label", "inside"), [
    ("Ask how the week went.", "Ask how the week went"),
    ("Thank her. 'I'd tie in with you tomorrow.'", "Thank her. 'I'd tie in with you tomorrow'"),
    ('Say "That sounds hard."', "Say \u2018That sounds hard\u2019"),
    ("Say \u2018Fine.\u2019", "Say \u2018Fine\u2019"),
    ("Ask 'Are you sure?'", "Ask 'Are you sure?'"),  # what was asked keeps its mark
    ("Wave!", "Wave!"),
    ("Borrow the Joneses'", "Borrow the Joneses'"),  # an apostrophe, no stop: left alone
    ("Wait...", "Wait"),
    # a label that is all one quotation is not quoted twice
    ('"Sorry about the sign. I\'ll be there."', "Sorry about the sign. I'll be there"),
    ("\u2018Go on, then.\u2019", "Go on, then"),
    ("'I'll wait.'", "I'll wait"),
    ('"Yes," and then "no"', "\u2018Yes,\u2019 and then \u2018no\u2019"),  # two: kept
    ("'Night,' she says, 'night'", "'Night,' she says, 'night'"),
])
def test_a_quoted_label_loses_only_its_closing_full_stop(label: str, inside: str) -> None:
    assert quoted(unstopped(label)) == f"\u201c{inside}\u201d"


@pytest.mark.parametrize(("kind", "landing", "why"), [
    ("plain", "plain", "it cost Wren's trust"),
    ("respond", "supportive", "Wren minded it more than it showed"),
    ("disclose", "reciprocated", "Wren minded it more than it showed"),
])
def test_a_loss_the_story_caused_is_not_explained_as_a_landing(kind: str, landing: str,
                                                               why: str) -> None:
    # Meters fell though the model took the move well (or made none): the story's own effect.
    move = KeyMove(3, "Do her mum's voice", kind, landing, "Wren", -4.7, 80.0, False, False,
                    trust_change=-4.7)
    assert _cost_reason(move) == why


def test_a_cost_that_is_one_of_a_run_says_so() -> None:
    from game.runtime.sentences import _pattern

    def asked(step: int, landing: str, gain: float, mended: str = "") -> KeyMove:
        return KeyMove(step, f"question {step}", "ask", landing, "Priya", gain, 80.0, False,
                       False, mended_by=mended, they="she")

    worst = asked(6, "intrusion", -20.0)
    others = (asked(2, "intrusion", -8.0), asked(3, "intrusion", -6.0),
              asked(4, "intrusion", -5.0, mended="a kind answer"),  # put right: not counted
              asked(5, "welcome", 4.0), asked(7, "intrusion", -0.5))  # too small to count
    assert _pattern(worst, (worst, *others)) == (
        "two other questions also felt like prying")
    assert _pattern(worst, (worst, others[2], others[3])) == ""
    # a run of the other kind of miss is counted too, after the cost's own kind
    told = KeyMove(1, "telling 1", "disclose", "judgemental", "Priya", -9.0, 80.0, True, False,
                   they="she")
    assert _pattern(worst, (told, worst, *others)) == (
        "two other questions also felt like prying, and \u201ctelling 1\u201d also came before "
        "she was ready")  # one miss is named by its label, more are counted
    assert _pattern(told, (told, worst, *others)) == (
        "three questions also felt like prying")
    assert _pattern(worst, (worst, others[0])) == "\u201cquestion 2\u201d also felt like prying"
    again = replace(asked(8, "intrusion", -8.0), label="question 6")  # the same one again
    assert _pattern(worst, (worst, again)) == "one other question also felt like prying"


def test_a_bigger_hurt_put_right_is_named_beside_the_cost() -> None:
    from game.runtime.causes import _bigger_repaired
    from game.runtime.sentences import _put_right

    def hurt(step: int, gain: float, **put_right: object) -> KeyMove:
        return KeyMove(step, f"move {step}", "ask", "intrusion", "Ade", gain, 100.0, False,
                       False, they="he", **put_right)  # type: ignore[arg-type]

    sorry = hurt(2, -27.4, apologised=True, apology_taken=True, mended_by="Say sorry")
    soft = hurt(2, -27.4, mended_by="a warm answer")
    named = hurt(5, -6.4)
    assert _bigger_repaired([sorry, named], named) is sorry
    assert _put_right(sorry) == "\u201cmove 2\u201d cost more, but you owned it and he took that"
    assert _put_right(None) == ""
    # softened by some later warm answer, not a sorry: no repair the class could point to
    assert _bigger_repaired([soft, named], named) is None
    # not put right: it would be the cost named itself; the cost named: nothing to add
    assert _bigger_repaired([hurt(2, -27.4), named], named) is None
    assert _bigger_repaired([sorry], sorry) is None
    # at least MIN_GAIN more in points, or a class could not tell the two drops apart
    taken = {"apologised": True, "apology_taken": True}
    assert _bigger_repaired([hurt(2, -6.4 - MIN_GAIN, **taken), named], named) is not None
    assert _bigger_repaired([hurt(2, -6.4 - MIN_GAIN + 0.01, **taken), named], named) is None


def test_a_break_at_a_telling_says_telling_it_was_not_wrong() -> None:
    # The safeguarding rule of the headings, for the break's own sentence: a telling the
    # partner broke off at was more than they could take in then, not a thing to get past.
    from game.runtime.sentences import _break

    def told(step: int, gain: float, premature: bool = True, because: str = "") -> KeyMove:
        return KeyMove(step, f"telling {step}", "disclose", "judgemental", "Noor", gain, 90.0,
                       premature, step == 9, "Noor" if step == 9 else "", they="she",
                       because=because)

    first, last = told(3, -30.0), told(9, -4.0)
    assert _break(last, first) == ("for the same reason again, and it was more than Noor could "
                                   "take in then; telling it was not wrong")
    own = told(9, -4.0, because="it was the third sad thing in a row, and telling it was not "
                                "wrong")
    assert _break(own, first) == ("it was the third sad thing in a row, and telling it was not "
                                  "wrong, and it was more than Noor could take in then")
    asked = KeyMove(9, "question", "ask", "intrusion", "Noor", -4.0, 90.0, False, True,
                    "Noor", they="she")
    assert _break(asked, first) == "Noor felt it was not yours to ask yet, and she could " \
        "not get past it"


COOL = """\
id: cool
title: Cool
start: hall
rupture: gone
characters:
  partners:
    sam: {name: Sam, trust: 20, defence: 70}
scenes:
  hall:
    lines:
      - {speaker: sam, text: "So what brings you here?"}
    choices:
      - {id: tell, kind: disclose, layer: 1, topic: work, invited: true,
         text: Say you lost your job, next: door}
  door:
    choices:
      - {id: slam, text: Slam the door, effects: ["sam.trust -= 30"], because: it was her door,
         next: end}
  end:
    ending: {outcome: acquaintance, title: Later}
  gone:
    ending: {outcome: ruptured, title: Gone}
"""


def test_trust_gained_but_nothing_to_name_is_not_called_nothing(tmp_path: Path) -> None:
    # The answer was heard coolly (trust +2, never praised as what helped): the closing must
    # not say that nothing brought Sam closer when a class watched the meter rise.
    path = tmp_path / "cool.yaml"
    path.write_text(COOL, encoding="utf-8")
    session = played(load(path), "tell slam")
    assert key_moves(session)[0].trust_change >= MIN_GAIN
    assert closing_sentences(session)[-1] == \
        "Nothing you chose was taken warmly enough to bring Sam closer."


def test_a_loss_under_the_noise_floor_is_not_called_nothing() -> None:
    # Trust fell 0.7 at one move: too little to name as a cost, but the meters showed it, so
    # the closing may not say that nothing pushed Sam away; a fall that rounds to 0 is none.
    def closing(trust: float) -> Closing:
        lost = replace(move(2, trust, 60.0, "neutral"), trust_change=trust)
        return Closing((move(1, 6.0, 70.0), lost), None, None, None, None)
    assert _nothing_further(closing(-0.7), "Sam") == \
        "Nothing you chose cost more than a little with Sam."
    assert _nothing_further(closing(-0.04), "Sam") == NO_FURTHER
    assert _nothing_further(closing(0.0), "Sam") == NO_FURTHER


def test_the_closing_says_not_wrong_once() -> None:
    # A ruptured over-sharer's closing named two tellings, each saying it was not wrong, and
    # the break said it again: the first sentence that says it keeps it, the rest lose the
    # clause (after "; " or ", and"); a sentence whose only clause says it keeps it.
    said = _said_once([
        "What came too soon: \u201cA\u201d, because he was not ready; telling it was not wrong.",
        "Still between you: \u201cB\u201d, because it came early, and it wasn't wrong to tell.",
        "The break came at \u201cC\u201d: too soon again, and it was more than he could take in "
        "then; telling it was not wrong.",
        "What helped most: \u201cD\u201d, because telling the truth was not wrong.",
        "What helped most: \u201cE\u201d, because he felt heard.",
        "What cost a little: \u201cF\u201d, because it was early; telling it was not wrong (one "
        "other telling also came too soon).",
        "The break came at \u201cG\u201d: she was not ready; telling it was not wrong, only "
        "early, and she pulled away after it.",
        "What came too soon: \u201cH\u201d, because she could not take it in; being lonely, and "
        "saying so, was not wrong: the pace was (one other telling also came too soon)."])
    assert said == [
        "What came too soon: \u201cA\u201d, because he was not ready; telling it was not wrong.",
        "Still between you: \u201cB\u201d, because it came early.",
        "The break came at \u201cC\u201d: too soon again, and it was more than he could take in "
        "then.",
        "What helped most: \u201cD\u201d, because telling the truth was not wrong.",
        "What helped most: \u201cE\u201d, because he felt heard.",
        "What cost a little: \u201cF\u201d, because it was early (one other telling also came "
        "too soon).",
        "The break came at \u201cG\u201d: she was not ready, and she pulled away after it.",
        "What came too soon: \u201cH\u201d, because she could not take it in (one other telling "
        "also came too soon)."]


SOON = """\
id: soon
title: Soon
start: hall
rupture: gone
characters:
  partners:
    sam: {name: Sam, trust: 40, defence: 30}
scenes:
  hall:
    choices:
      - {id: soon, kind: disclose, layer: 3, topic: work, text: Say you were sacked, next: end}
  end:
    lines:
      - {text: "PROSE", if: cost.soon}
    ending: {outcome: acquaintance, title: Later}
  gone:
    ending: {outcome: ruptured, title: Gone}
"""


@pytest.mark.parametrize(("prose", "says"), [
    ("It was late.", True), ("Telling Sam was not wrong; the timing was.", False),
    ("It wasn't wrong to tell him.", False), ("Her note says: NOT WRONG.", False),
    ("Being lonely isn't a wrong you did.", False)])
def test_the_end_screen_says_not_wrong_once(tmp_path: Path, prose: str, says: bool) -> None:
    # The closing says a telling was not wrong unless the ending's own words on this route
    # have said it already: an end screen said it in the prose and again beneath it.
    path = tmp_path / "soon.yaml"
    path.write_text(SOON.replace("PROSE", prose), encoding="utf-8")
    session = played(load(path), "soon")
    [line] = session.view().lines
    assert line.text == prose
    [cost, *_] = closing_sentences(session)
    assert cost.startswith("What came too soon: \u201cSay you were sacked\u201d, because Sam ")
    assert ("telling it was not wrong" in cost) is says, cost


def test_a_break_whose_reason_speaks_of_them_takes_the_pronoun() -> None:
    # "he wasn't going to go first, and Tomás could not get past it" read as two people.
    from game.runtime.sentences import _cost

    def broke(because: str) -> KeyMove:
        return KeyMove(4, "Ask about his dad", "ask", "intrusion", "Tom\u00e1s", -9.0, 90.0,
                       False, True, "Tom\u00e1s", they="he", because=because)
    assert _cost(broke("he wasn't going to go first")) == \
        "he wasn't going to go first, and he could not get past it"
    assert _cost(broke("it was too soon to ask")) == \
        "it was too soon to ask, and Tom\u00e1s could not get past it"
    assert _cost(broke("the shed was not the place")) == \
        "the shed was not the place, and Tom\u00e1s could not get past it"  # "the" is not "he"


def test_a_telling_already_reassured_or_apologised_for_is_not_told_not_wrong_again() -> None:
    from game.runtime.sentences import _cost

    def told(because: str, apologised: bool = False) -> KeyMove:
        return KeyMove(3, "Tell him about the knee", "disclose", "judgemental", "Ade", -9.0,
                       90.0, True, False, they="he", because=because, apologised=apologised)
    assert _cost(told("it came too soon")) == "it came too soon; telling it was not wrong"
    assert _cost(told("the knee was always yours to tell; it just came early")) == \
        "the knee was always yours to tell; it just came early"
    assert _cost(told("it came too soon", apologised=True)) == \
        "it came too soon, though you said sorry for it afterwards"
