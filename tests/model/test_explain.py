"""Explanations: the records, their English and their JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

from game.model import (
    LAYER_PHRASES,
    RULES,
    Delta,
    Params,
    PartnerState,
    ask,
    disclose,
    respond,
)
from game.model.draft import Draft
from game.model.explain import Readiness, build_explanation
from game.model.wording import landing_words, number

P = Params()
MODEL = Path(__file__).parents[2] / "game" / "model"
RULE_FILES = ("rules.py", "draft.py", "outside.py")


def test_layer_names() -> None:
    assert LAYER_PHRASES == ("small talk", "something personal", "something private",
                             "a core secret")


def test_number_formatting() -> None:
    assert [number(v) for v in (15.0, 13.44, -0.04, 68.64, 0.0)] == ["15", "13.4", "0", "68.6", "0"]


def test_every_rule_id_in_the_code_is_listed() -> None:
    source = "".join((MODEL / name).read_text() for name in RULE_FILES)
    used = set(re.findall(r'"(R-[A-Z-]+)"', source))
    assert used == set(RULES)


def test_premature_core_secret_reads_aloud() -> None:
    _, why = disclose(
        PartnerState(50.0, 30.0), layer=3, emotional=True, topic="fear", params=P, noise=0.0
    )
    lines = why.sentences("Sam", "he/him")
    assert lines[0] == ("Sam recoiled from a core secret: it came deeper or sooner than he "
                        "could take in.")
    assert lines[1] == (
        "Sam's trust fell 12 to 38: a core secret went past what Sam could accept at this point."
    )
    assert lines[3].startswith(
        "Sam's defence rose 10.6 to 57.4: it was too deep, too soon (so far Sam was only "
        "comfortable with small talk from you, and this was a core secret)"
    )


def test_reciprocation_and_structural_sentences() -> None:
    _, why = disclose(
        PartnerState(50.0, 30.0), layer=1, emotional=False, topic="work", params=P, noise=0.0
    )
    lines = why.sentences("Sam")
    assert lines[0] == (
        "Sam received something personal from you warmly, then shared something personal "
        "of their own."
    )
    assert lines[3] == ("Sam has taken in something personal from you: the deepest of yours "
                        "that has landed well with them so far.")
    assert lines[4] == "Sam has now heard about work from you, 1 topic shared so far."
    assert lines[5] == ("Closeness with Sam grew by 1 point to 1: facts bring people closer "
                        "more slowly than feelings.")
    assert lines[6] == "Sam has now let you into the personal layer."


def test_a_disclosure_left_pending_twice_is_said_once_and_meters_always_are() -> None:
    _, why = disclose(
        PartnerState(50.0, 30.0), layer=1, emotional=False, topic="work", params=P, noise=0.0
    )
    pending = [d for d in why.deltas if d.meter == "pending"]
    trust = [d for d in why.deltas if d.meter == "trust"]
    assert pending and trust
    # the next scene opens with the partner sharing again: pending is set a second time
    twice = why._replace(deltas=(*why.deltas, pending[0]._replace(before=1), trust[0]))
    lines = twice.sentences("Sam")
    assert sum("waiting to see how you take" in ln for ln in lines) == 1
    assert len(lines) == len(why.sentences("Sam")) + 1  # the repeated trust change stays


def test_depenetration_sentence_names_both_layers() -> None:
    _, why = disclose(
        PartnerState(30.0, 70.0, 2, 2), layer=3, emotional=False, topic=None, params=P, noise=0.0
    )
    assert why.landing == "judgemental"
    assert (
        "the deepest you have reached with them fell back from the private layer to the "
        "personal layer" in why.sentences("Ana")[-1]
    )


def test_intrusion_and_ceiling_sentences() -> None:
    _, why = ask(PartnerState(50.0, 30.0), layer=3, topic=None, params=P)
    assert why.sentences("Sam")[0].startswith("Sam felt pried at")
    _, why = disclose(
        PartnerState(50.0, 30.0), layer=0, emotional=False, topic=None, params=P, noise=0.0
    )
    assert why.sentences("Sam")[1].startswith("Sam's trust stayed at 50:")


def test_to_json_rounds_and_lists_rules() -> None:
    _, why = disclose(
        PartnerState(50.0, 30.0), layer=3, emotional=True, topic="fear", params=P, noise=-3.27
    )
    data = why.to_json()
    assert "sentences" not in data
    assert data["rules"] == ["R-JUDGE", "R-JUDGE", "R-PREMATURE"]
    deltas = data["deltas"]
    assert isinstance(deltas, list)
    assert deltas[2]["after"] == 57.44 and deltas[2]["change"] == 10.64
    readiness = data["readiness"]
    assert isinstance(readiness, dict) and readiness["noise"] == -3.3
    with_text = why.to_json("Sam")
    assert with_text["sentences"] == why.sentences("Sam")
    json.dumps(with_text)


def test_delta_change_and_response_json() -> None:
    delta = Delta("trust", 50.0, 42.5, "R-PROBE-INTRUSION", "probe.too_deep")
    assert delta.change == -7.5
    _, why = respond(PartnerState(50.0, 30.0), response="neutral", layer=2, params=P)
    assert why.to_json()["readiness"] is None


def test_a_moves_record_is_the_one_build_explanation_makes() -> None:
    # Draft.close builds the record positionally for speed: it must agree with the checked
    # builder field by field, for a move with a readiness, a reply, a topic and a withdrawal.
    state = PartnerState(trust=60.0, defence=20.0, guard=2, guard_moves=1)
    draft = Draft(state)
    draft.raise_trust(10.0, "R-SUPPORT", "support.trust")
    ready = Readiness(40.0, -15.0, 0, 0.0, 0, 0.0, 1.5, 56.5)
    record = draft.close("disclose", "reciprocated", 2, ready, 2, "work")
    new = draft.freeze()
    assert record == build_explanation("disclose", "reciprocated", 2, ready,
                                       tuple(draft.deltas), 2, False, "work")
    assert type(record).__name__ == "Explanation" and record.reciprocated == 2
    assert new.moves == 1 and new.guard == 0 and record.deltas[-1].reason_key == "guard.end"


def test_a_withdrawal_ending_with_a_rupture_says_nothing_of_sharing_again() -> None:
    # "After this, Wren is ready to share as deeply as before" sat under "a rupture cannot be
    # repaired": the guard still ends, silently.
    draft = Draft(PartnerState(trust=12.0, defence=20.0, guard=2, guard_moves=1))
    draft.lower_trust(50.0, "R-RESPOND", "respond.judgemental")
    draft.check_rupture(P)
    record = draft.close("respond", "judgemental", 2, None, 0, None)
    assert draft.freeze().ruptured and draft.freeze().guard == 0
    assert "guard.end" not in [d.reason_key for d in record.deltas]


def test_a_landing_says_whose_it_is() -> None:
    # a disclosure's landing is the partner's reception; an answer's is the player's answer
    assert landing_words("disclose", "judgemental", "Ade") == "Ade was not ready for it"
    assert landing_words("ask", "intrusion", "Ade") == "Ade felt pried at"
    assert landing_words("respond", "judgemental", "Ade") == "your answer was judgemental"
    assert landing_words("plain", "plain", "Ade") == ""
    assert landing_words("respond", "ruptured", "Ade") == "after Ade broke off"
    assert landing_words("disclose", "unheard-of", "Ade") == "landed unheard-of"


def test_a_plain_move_that_leaves_a_partner_unanswered_does_not_say_the_story_did_it() -> None:
    _, why = disclose(
        PartnerState(50.0, 30.0), layer=1, emotional=False, topic="work", params=P, noise=0.0
    )
    left = Delta("trust", 50.0, 47.0, "R-UNANSWERED", "unanswered.trust")
    plain = why._replace(move="plain", landing="plain", deltas=())
    assert plain.sentences("Wren")[0] == "The story itself moved things for Wren here."
    unanswered = plain._replace(deltas=(left,)).sentences("Wren", "she/her")
    assert unanswered[0] == ("You moved on, and Wren was still waiting for an answer to what "
                             "she had shared.")
    assert "you moved on without answering what Wren had just told you" in unanswered[1]


def test_a_cool_hearing_says_why_it_was_cool() -> None:
    # Ahead of the partner (a layer skipped, further than they had gone): "more than ready
    # for". An answer to their own question, at their depth, is cool only because trust was
    # still short, and says so: it was never too much.
    ahead = disclose(PartnerState(60.0, 30.0), layer=2, emotional=False, topic="work",
                     params=P, noise=0.0)[1]
    assert ahead.landing == "neutral" and ahead.readiness is not None
    assert (ahead.readiness.skip, ahead.readiness.imbalance) == (1, 1)
    assert ahead.sentences("Sam", "he/him")[0] == (
        "Sam listened politely to something private but kept his distance; it was a little "
        "more than he was ready for.")
    asked = disclose(PartnerState(30.0, 40.0), layer=2, emotional=False, topic="work",
                     params=P, noise=0.0, invited=True)[1]
    assert asked.landing == "neutral"
    assert asked.sentences("Sam", "he/him")[0] == (
        "Sam listened politely to something private but kept his distance: he did not trust "
        "you enough yet to take it in warmly.")
    at_pace = disclose(PartnerState(20.0, 30.0, reached=1, opened=2), layer=2, emotional=False,
                       topic="work", params=P, noise=0.0)[1]
    assert at_pace.landing == "neutral" and at_pace.readiness is not None
    assert (at_pace.readiness.skip, at_pace.readiness.imbalance) == (0, 0)
    assert "did not trust you enough yet" in at_pace.sentences("Sam", "he/him")[0]


def test_a_telling_judged_on_trust_alone_is_not_called_deeper_or_sooner() -> None:
    # Something personal at its own pace (no layer skipped, no further than Wren had gone)
    # to a partner far too guarded: judged, and worded for trust, never for pace.
    why = disclose(PartnerState(0.0, 70.0, reached=0, opened=1), layer=1, emotional=False,
                   topic=None, params=P, noise=0.0)[1]
    assert why.landing == "judgemental" and why.readiness is not None
    assert (why.readiness.skip, why.readiness.imbalance) == (0, 0)
    lines = why.sentences("Wren", "she/her")
    assert lines[0] == ("Wren could not take in something personal from you yet: her trust in "
                        "you was still too low for it. Telling it was not wrong.")
    assert lines[2] == ("Wren's defence rose 2.4 to 72.4: being told more than she could take "
                        "in yet put Wren on guard.")
    assert not any("deeper or sooner" in line or "out of place" in line for line in lines)
    # A telling that skipped a layer keeps the words about pace.
    ahead = disclose(PartnerState(50.0, 30.0), layer=3, emotional=True, topic="fear",
                     params=P, noise=0.0)[1]
    assert "deeper or sooner" in ahead.sentences("Sam", "he/him")[0]


def test_judging_a_light_share_does_not_call_it_a_confidence() -> None:
    light = respond(PartnerState(50.0, 30.0, pending=1), response="judgemental", layer=1,
                    params=P)[1].sentences("Wren", "she/her")
    assert light[0] == "Wren felt judged for what she had told you."
    assert any(line.endswith(": you judged what Wren had told you.") for line in light)
    deep = respond(PartnerState(50.0, 30.0, pending=2), response="judgemental", layer=2,
                   params=P)[1].sentences("Wren", "she/her")
    assert deep[0] == "Wren felt judged for what she had trusted you with."
    assert any(line.endswith(": you judged what Wren had trusted you with.") for line in deep)


def test_a_withdrawal_ending_on_a_refused_question_says_so_in_order() -> None:
    # The last move of a withdrawal is a question it still refuses: the refusal is "now",
    # and readiness to share again comes after it, not at once.
    guarded = PartnerState(60.0, 30.0, 2, 2, guard=2, guard_moves=1)
    _, why = ask(guarded, layer=2, topic=None, params=P)
    said = why.sentences("Nell", "she/her")
    assert any("still smarting from being judged and is not sharing that deeply now" in s
               for s in said), said
    assert said[-1] == "After this, Nell is ready to share as deeply as before.", said
