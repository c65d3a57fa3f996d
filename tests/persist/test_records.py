"""Playthrough records: build, write, read back, replay; damaged files fail with a reason."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from game.errors import RecordError, ReplayError
from game.persist.record import PlaythroughRecord, build_record
from game.persist.recordjson import read_record, record_from_json, record_to_json, write_record
from game.persist.replay import replay_record
from game.persist.snapshot import restore, snapshot
from game.runtime import Session
from game.story.compiled import CompiledStory
from game.story.loader import load
from tests.facilitator.helpers import PATHS, SEED, play

from .helpers import MINI


def meters_of(session: Session) -> dict[str, tuple[float, float, int, int, int]]:
    return {pid: (p.trust, p.defence, p.reached, p.opened, len(p.topics))
            for pid, p in session.state.partners.items()}


@pytest.mark.parametrize("outcome", sorted(PATHS))
def test_round_trip_write_read_replay(tutorial: CompiledStory, tmp_path: Path,
                                      records: dict[str, PlaythroughRecord],
                                      outcome: str) -> None:
    record = records[outcome]
    path = write_record(record, tmp_path / "class" / "run.json")
    back = read_record(path)
    assert back == record
    assert back.outcome == outcome and len(back.steps) == len(PATHS[outcome])
    # Replaying gives a session with the same meters after every step and at the end.
    session = replay_record(tutorial, back)
    assert session.ending() is not None and session.ending().outcome == outcome  # type: ignore[union-attr]
    final = back.steps[-1].meters
    assert meters_of(session) == {pid: (m.trust, m.defence, m.reached, m.opened, len(m.topics))
                                  for pid, m in final.items()}
    assert [f"{s.scene}/{s.result.choice.id}" for s in session.history] == list(back.choices)
    assert list(tmp_path.joinpath("class").iterdir()) == [path]  # no temp file left behind


def test_record_holds_every_step_with_explanations(records: dict[str, PlaythroughRecord],
                                                   tutorial: CompiledStory) -> None:
    record = records["deepened"]
    assert (record.story, record.seed, record.title) == ("tutorial", SEED, tutorial.meta.title)
    assert record.story_hash == tutorial.content_hash
    data = json.loads(json.dumps(record_to_json(record)))
    assert data["confide"] == "confide-playthrough" and data["format"] == 2
    assert data["choices"][0] == "prologue/continue"
    step = data["steps"][2]  # the first personal disclosure
    assert step["choice"]["kind"] == "disclose" and step["choice"]["layer"] == 1
    assert step["landing"] == "reciprocated" and step["partner"] == "noor"
    assert set(step["meters"]["noor"]) >= {"trust", "defence", "reached", "opened", "topics",
                                           "moves", "heard", "hurt", "closeness"}
    assert "R-SUPPORT" in step["explanation"]["rules"]
    assert step["explanation"]["sentences"][0].startswith("Noor received something personal")
    assert any(d["meter"] == "trust" and d["change"] > 0 for d in step["explanation"]["deltas"])
    assert data["steps"][0]["explanation"] is None  # "Continue" is not a model move
    assert data["ending"]["outcome"] == "deepened"


def test_created_time_is_not_part_of_equality(tutorial: CompiledStory) -> None:
    a = play(tutorial, PATHS["ruptured"])
    b = record_from_json({**record_to_json(a), "created": "1999-01-01T00:00:00+00:00"})
    assert a == b and a.created != b.created
    assert dataclasses.replace(a, seed=SEED + 1) != a


def test_unfinished_record_round_trips(tutorial: CompiledStory, tmp_path: Path) -> None:
    record = play(tutorial, [1, 1, 2])
    assert record.ending is None and record.outcome is None and len(record.steps) == 3
    back = read_record(write_record(record, tmp_path / "part.json"))
    assert back == record
    assert not replay_record(tutorial, back).ended


def test_mini_story_records_effects_and_ask(mini: CompiledStory, tmp_path: Path) -> None:
    session = Session(mini, 0)
    session.choose("weather")
    session.choose("ask")
    record = build_record(session)
    assert [s.kind for s in record.steps] == ["disclose", "ask"]
    assert record.steps[1].landing in ("welcome", "intrusion")
    back = read_record(write_record(record, tmp_path / "mini.json"))
    assert back == record and meters_of(replay_record(mini, back)) == meters_of(session)


def test_undone_moves_are_not_recorded(tutorial: CompiledStory) -> None:
    session = Session(tutorial, SEED)
    for cid in ("continue", "sky_joke"):
        session.choose(cid)
    session.undo()
    assert build_record(session).choices == ("prologue/continue",)


@pytest.mark.parametrize(("content", "message"), [
    (b"", "not valid JSON at line 1, column 1"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "not a playthrough record (it is not text)"),
    (b"[1, 2, 3]", "must be an object"),
    (b'{"confide": "save", "format": 1}', "not a Confide playthrough record"),
    (b"[" * 200_000 + b"]" * 200_000, "too deeply nested"),
    (b'{"confide": "confide-playthrough", "format": 1' + b"9" * 5000 + b"}", "impossible"),
    (b'{"confide": "confide-playthrough", "format": 7}', "format 7, newer than"),
    (b'{"confide": "confide-playthrough", "format": "one"}', "not a version number"),
])
def test_foreign_or_damaged_files_fail_clearly(tmp_path: Path, content: bytes,
                                                message: str) -> None:
    path = tmp_path / "thing.json"
    path.write_bytes(content)
    with pytest.raises(RecordError) as info:
        read_record(path)
    assert str(info.value).startswith(str(path)) and message in str(info.value)


def test_cut_short_and_edited_fields_name_the_problem(records: dict[str, PlaythroughRecord],
                                                      tmp_path: Path) -> None:
    path = write_record(records["deepened"], tmp_path / "r.json")
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(RecordError, match=r"not valid JSON .* cut short"):
        read_record(path)
    data = json.loads(raw)
    data["steps"][3]["meters"]["noor"]["trust"] = 250
    path.write_text(json.dumps(data))
    with pytest.raises(RecordError, match=r"damaged: steps\[3\]\.meters\.noor\.trust must be a "
                                          r"number in 0-100: 250"):
        read_record(path)
    data = json.loads(raw)
    data["choices"] = data["choices"][:-1]
    path.write_text(json.dumps(data))
    with pytest.raises(RecordError, match="choices do not match its steps"):
        read_record(path)


def test_missing_file_is_a_record_error(tmp_path: Path) -> None:
    with pytest.raises(RecordError, match=r"cannot read .*nope.json"):
        read_record(tmp_path / "nope.json")


def test_rewrite_replaces_the_whole_file(records: dict[str, PlaythroughRecord],
                                         tmp_path: Path) -> None:
    path = write_record(records["deepened"], tmp_path / "r.json")
    write_record(records["ruptured"], path)
    assert read_record(path) == records["ruptured"]


def edited_mini(tmp_path: Path, old: str, new: str) -> CompiledStory:
    copy = tmp_path / "mini.yaml"
    text = MINI.read_text(encoding="utf-8")
    assert old in text
    copy.write_text(text.replace(old, new), encoding="utf-8")
    return load(copy)


def test_replay_names_the_first_step_that_differs(mini: CompiledStory, tmp_path: Path) -> None:
    session = Session(mini, 0)
    session.choose("weather")
    session.choose("ask")
    session.choose("continue")
    record = build_record(session)
    assert record.outcome == "acquaintance"
    # A reworded line changes the content hash but not what happens: it still replays.
    reworded = edited_mini(tmp_path, "The kettle clicks off.", "The kettle boils.")
    assert reworded.content_hash != mini.content_hash
    assert replay_record(reworded, record).ended
    warmer = edited_mini(tmp_path, "trust: 40", "trust: 55")
    with pytest.raises(ReplayError, match=r"the start: Sam's trust is 55 on replay but 40 in the "
                                          r"record .*edited since"):
        replay_record(warmer, record)
    renamed = edited_mini(tmp_path, "id: ask", "id: ask_work")
    with pytest.raises(ReplayError, match=r"step 2 .*Ask about work.*choice 'ask' is no longer "
                                          r"offered in scene 'middle'"):
        replay_record(renamed, record)


def test_replay_refuses_another_story(mini: CompiledStory,
                                      records: dict[str, PlaythroughRecord]) -> None:
    with pytest.raises(ReplayError, match=r"record is of story 'tutorial'.*not 'mini'"):
        replay_record(mini, records["deepened"])


def test_a_restored_edited_game_cannot_be_recorded(mini: CompiledStory, tmp_path: Path) -> None:
    session = Session(mini, 0)
    session.choose("weather")
    edited = edited_mini(tmp_path, "trust: 40", "trust: 45")
    restored = restore(edited, snapshot(session))
    assert restored.changed_story
    with pytest.raises(RecordError, match="restored into an edited story"):
        build_record(restored)


def test_bundled_copy_of_tutorial_replays(tmp_path: Path,
                                          records: dict[str, PlaythroughRecord]) -> None:
    # A teacher's copy of the story folder is the same story: same id, same hash.
    copy = tmp_path / "tutorial"
    shutil.copytree(Path(load("tutorial").root), copy)
    assert replay_record(load(copy), records["acquaintance"]).ending() is not None
