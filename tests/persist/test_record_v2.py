"""Records carry model v2's counters (format 2); the debrief and exports show every condition
of "deepened" with its value; a released format 1 record still reads and replays; record
types are built by keyword only."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from game.errors import RecordError
from game.facilitator.debrief import Criterion, Point, debrief
from game.facilitator.export import COUNTER_FIELDS, to_csv, to_markdown
from game.model.rules import meets_deepened
from game.persist.record import (
    COUNTERS,
    Line,
    Meters,
    PartnerInfo,
    PlaythroughRecord,
    StepRecord,
)
from game.persist.recordjson import read_record, record_from_json, record_to_json, write_record
from game.persist.replay import replay_record
from game.persist.votes import ClassVote, Option
from game.runtime import EndingView
from game.story.compiled import CompiledStory

FORMAT1 = Path(__file__).parent / "fixtures" / "record_format1.json"
DEEPENED_KEYS = ["trust", "defence", "reached", "opened", "topics", "moves", "heard", "hurt",
                 "closeness"]


def test_counters_round_trip_and_match_the_model(records: dict[str, PlaythroughRecord],
                                                 tutorial: CompiledStory,
                                                 tmp_path: Path) -> None:
    record = records["deepened"]
    back = read_record(write_record(record, tmp_path / "r.json"))
    assert back == record and back.format == 2 and back.has_counters
    final = replay_record(tutorial, back).state.partners["noor"]
    after = back.steps[-1].meters["noor"]
    assert [getattr(after, k) for k in COUNTERS] == [final.moves, final.heard, final.hurt,
                                                     final.closeness]
    assert after.moves is not None and after.moves >= 6 and after.heard is not None


def test_the_debrief_shows_every_deepened_criterion_with_its_value(
        records: dict[str, PlaythroughRecord], tutorial: CompiledStory) -> None:
    for outcome, record in records.items():
        d = debrief(record, "noor")
        assert [c.key for c in d.criteria] == DEEPENED_KEYS, outcome
        final = replay_record(tutorial, record).state.partners["noor"]
        values = {c.key: c.value for c in d.criteria}
        assert values["heard"] == final.heard and values["closeness"] == final.closeness
        hurt = next(c for c in d.criteria if c.key == "hurt")
        assert not hurt.at_least and hurt.target == tutorial.params["noor"].deepen_hurt
        if not final.ruptured:  # the debrief's verdict is the model's own test
            assert (d.verdict == "deepened") == meets_deepened(final, tutorial.params["noor"])


def test_exports_show_the_counters_and_the_conditions(
        records: dict[str, PlaythroughRecord]) -> None:
    record = records["deepened"]
    rows = list(csv.DictReader(io.StringIO(to_csv(record, "noor"))))
    last = record.steps[-1].meters["noor"]
    assert all(k in rows[0] for k in COUNTER_FIELDS)
    assert rows[-1]["heard"] == str(last.heard) and rows[-1]["closeness"] == str(last.closeness)
    text = to_markdown(record, "noor")
    assert "### What a deepened relationship needs" in text
    assert f"| Times they felt heard | {last.heard} |" in text
    assert "| Hurts not yet repaired | 0 | 0 or less | yes |" in text
    assert f"heard {last.heard}, hurt {last.hurt}, closeness {last.closeness}" in text


def test_a_released_format_1_record_still_reads_replays_and_exports(
        mini: CompiledStory) -> None:
    record = read_record(FORMAT1)
    assert record.format == 1 and not record.has_counters
    assert all(getattr(s.meters["sam"], k) is None for s in record.steps for k in COUNTERS)
    session = replay_record(mini, record)  # counters it does not have are not compared
    assert session.choices_made == ["weather", "ask"]
    d = debrief(record)
    assert [c.key for c in d.criteria] == DEEPENED_KEYS[:5]  # only what it kept
    assert "moves" not in next(csv.reader(io.StringIO(to_csv(record))))
    assert "heard" not in to_markdown(record)
    assert record_to_json(record)["format"] == 1  # written back as it was read


def format2(data: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(data))


def test_a_format_2_record_without_its_counters_is_refused_by_field(
        records: dict[str, PlaythroughRecord]) -> None:
    data = format2(record_to_json(records["acquaintance"]))
    del data["steps"][1]["meters"]["noor"]["heard"]
    with pytest.raises(RecordError, match=r"^the record is damaged: steps\[1\]\.meters\.noor"
                                          r"\.heard must be a whole number 0-1000000: None$"):
        record_from_json(data)
    data = format2(record_to_json(records["acquaintance"]))
    del data["partners"]["noor"]["criteria"]["deepen_heard"]
    with pytest.raises(RecordError, match=r"partners\.noor\.criteria\.deepen_heard must be"):
        record_from_json(data)


def test_a_record_format_no_release_wrote_is_one_clear_line() -> None:
    data = json.loads(FORMAT1.read_text("utf-8"))
    with pytest.raises(RecordError, match=r"^the record has format 3, newer than"):
        record_from_json({**data, "format": 3})
    with pytest.raises(RecordError, match=r"^the record format 0 is not a version number$"):
        record_from_json({**data, "format": 0})


@pytest.mark.parametrize("cls, args", [
    (Meters, (50.0, 20.0)),
    (Line, ("narrator", "", "Hello.")),
    (PartnerInfo, ("sam", "Sam", None, {})),
    (StepRecord, tuple(range(19))),
    (PlaythroughRecord, tuple(range(9))),
    (EndingView, ("close", "Close", "deepened", "")),
    (Option, ("weather", "Talk", 3)),
    (ClassVote, ((), "class")),
    (Point, tuple(range(11))),
    (Criterion, ("trust", "Trust", 1.0, 2.0, True, False)),
])
def test_record_types_refuse_positional_fields(cls: type, args: tuple[object, ...]) -> None:
    with pytest.raises(TypeError, match="positional argument"):
        cls(*args)
