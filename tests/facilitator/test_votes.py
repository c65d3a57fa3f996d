"""Class votes in records: written and read back, checked field by field, verified on
replay, and carried into the Markdown and CSV exports."""

from __future__ import annotations

import csv
import io
import json

import pytest

from game.errors import RecordError, ReplayError
from game.facilitator.export import to_csv, to_markdown
from game.facilitator.votes import class_split, split_text
from game.persist.record import PlaythroughRecord, build_record
from game.persist.recordjson import record_from_json, record_to_json
from game.persist.replay import replay_record
from game.persist.votes import ClassVote, Option
from game.runtime import Session
from game.story.compiled import CompiledStory


def voted(mini: CompiledStory, first: ClassVote) -> PlaythroughRecord:
    """The mini story: the class chose at step 1, the teacher alone at step 2."""
    session = Session(mini, 1)
    session.choose("secret")
    session.choose("ask")
    return build_record(session, votes={1: first})


def vote(*counts: tuple[str, int], decided: str) -> ClassVote:
    return ClassVote(options=tuple(Option(id=c, label=c.title(), votes=n) for c, n in counts),
                     decided=decided)


SPLIT = ClassVote(options=(Option(id="weather", label="Talk about the rain", votes=7),
                           Option(id="secret", label="Confess your deepest fear", votes=12)),
                  decided="class")


def test_votes_round_trip_and_replay(mini: CompiledStory) -> None:
    rec = voted(mini, SPLIT)
    data = record_to_json(rec)
    assert data["steps"][0]["votes"] == {
        "choices": [{"id": "weather", "label": "Talk about the rain", "votes": 7},
                    {"id": "secret", "label": "Confess your deepest fear", "votes": 12}],
        "total": 19, "decided": "class"}
    assert "votes" not in data["steps"][1]  # a step without a class vote has no key
    assert record_from_json(json.loads(json.dumps(data))) == rec
    replay_record(mini, rec)


@pytest.mark.parametrize(("change", "message"), [
    ({"decided": "majority"}, "steps[0].votes.decided must be one of class, tie, teacher"),
    ({"total": 20}, "steps[0].votes.total is not the sum of its votes"),
    ({"choices": [{"id": "a", "label": "A", "votes": -1}]}, "steps[0].votes.choices[0]"),
    ({"choices": [{"id": "a", "label": "A", "votes": 1}, {"id": "a", "label": "A",
                                                          "votes": 0}], "total": 1},
     "steps[0].votes.choices names a choice twice"),
    ({"choices": "lots"}, "steps[0].votes"),
])
def test_damaged_votes_are_named(mini: CompiledStory, change: dict[str, object],
                                 message: str) -> None:
    data = record_to_json(voted(mini, SPLIT))
    data["steps"][0]["votes"] |= change
    with pytest.raises(RecordError, match=message.replace("[", r"\[").replace("]", r"\]")):
        record_from_json(data)


def test_replay_refuses_votes_that_do_not_fit_the_story(mini: CompiledStory) -> None:
    stray = vote(("weather", 1), ("dance", 5), decided="teacher")
    with pytest.raises(ReplayError, match="'dance', which was not offered there"):
        replay_record(mini, voted(mini, stray))
    lost = vote(("weather", 9), ("secret", 2), decided="class")
    with pytest.raises(ReplayError, match="'secret' did not have the most votes alone"):
        replay_record(mini, voted(mini, lost))
    tie = vote(("weather", 3), ("secret", 3), decided="class")
    with pytest.raises(ReplayError, match="most votes alone"):
        replay_record(mini, voted(mini, tie))
    # a tie the teacher broke
    replay_record(mini, voted(mini, ClassVote(options=tie.options, decided="tie")))


def test_exports_carry_the_counts(mini: CompiledStory) -> None:
    rec = voted(mini, SPLIT)
    rows = list(csv.DictReader(io.StringIO(to_csv(rec))))
    assert [r["votes"] for r in rows] == ["", "19", ""]
    assert rows[1]["votes_for_choice"] == "12"
    assert rows[1]["split"] == "A 7 · B 12 (19 votes; the class chose B)"
    text = to_markdown(rec)
    assert ("- **The class voted:** Talk about the rain (7); Confess your deepest fear (12), "
            "19 in all") in text
    assert "| 1 | hello | A 7 · B 12 (19 votes; the class chose B) | B |" in text


def test_the_split_reads_in_step_order(mini: CompiledStory) -> None:
    rows = class_split(voted(mini, SPLIT))
    assert [(r.step, r.chosen, r.total) for r in rows] == [(1, "B", 19)]
    assert split_text(rows[0]).startswith("A 7 · B 12")
