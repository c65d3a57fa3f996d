"""Save files made by hand, by a broken disk or by someone hostile: each slot is reported as
damaged with a reason, never a crash, and the other slots are untouched."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.errors import SaveError
from game.persist.envelope import MAX_FILE, write_json_atomic
from game.persist.saves import SaveStore, SlotMeta

from .helpers import envelope

META = {"story": "mini", "scene": "hello", "saved_at": "2026-01-02T03:04:05+00:00",
        "play_seconds": 10}


def make(kind: str) -> Callable[[Path], object]:
    files: dict[str, Callable[[Path], object]] = {
        "deep nesting": lambda p: p.write_bytes(b"[" * 200_000 + b"]" * 200_000),
        "deep body": lambda p: p.write_bytes(
            b'{"confide": "save", "format": 1, "sha256": "", "body": {"a": '
            + b"[" * 100_000 + b"]" * 100_000 + b"}}"),
        "huge number": lambda p: p.write_bytes(b'{"confide": "save", "format": 1'
                                               + b"1" * 10_000 + b"}"),
        "lone surrogate": lambda p: p.write_bytes(envelope(
            "save", 1, {"meta": META, "snapshot": {}}, "0" * 64).replace(
                b'"hello"', b'"\\udcff"')),
        "too large": lambda p: p.write_bytes(b" " * (MAX_FILE + 1)),
        "a folder": lambda p: p.mkdir(),
        "not an object": lambda p: p.write_bytes(b"[1, 2, 3]"),
        "body not an object": lambda p: p.write_bytes(envelope("save", 1, [1])),
        "nan play time": lambda p: p.write_bytes(envelope(
            "save", 1, {"meta": META | {"play_seconds": math.nan}, "snapshot": {}})),
        "negative play time": lambda p: p.write_bytes(envelope(
            "save", 1, {"meta": META | {"play_seconds": -5}, "snapshot": {}})),
        "no snapshot": lambda p: p.write_bytes(envelope("save", 1, {"meta": META})),
        "no scene": lambda p: p.write_bytes(envelope(
            "save", 1, {"meta": {"story": "mini"}, "snapshot": {}})),
    }
    return files[kind]


KINDS = ["deep nesting", "deep body", "huge number", "lone surrogate", "too large",
         "a folder", "not an object", "body not an object", "nan play time",
         "negative play time", "no snapshot", "no scene"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_slot_is_damaged_and_the_others_load(store: SaveStore, kind: str) -> None:
    meta = SlotMeta("mini", "Mini", "", "hello", "Hello", "2026-01-02T03:04:05+00:00", 1.0)
    store.write("slot1", meta, {"n": 1})
    store.write("slot3", meta, {"n": 3})
    make(kind)(store.path("slot2"))
    status = {i.name: i.status for i in store.slots()}
    assert status["slot2"] == "damaged", store.info("slot2")
    assert status["slot1"] == status["slot3"] == "ok"
    assert store.info("slot2").problem
    with pytest.raises(SaveError, match="slot2 is damaged"):
        store.read("slot2")


def test_an_odd_date_is_shown_as_unknown_not_a_crash() -> None:
    for when in ("yesterday", "", "2026-13-45T99:00:00"):
        assert SlotMeta("m", "M", "", "s", "S", when, 0.0).date_text == "unknown date"
    edge = SlotMeta("m", "M", "", "s", "S", "0001-01-01T00:00:00+14:00", 0.0)
    assert edge.date_text in ("unknown date", "01 Jan 0001, 00:00")  # never an exception


def test_data_that_cannot_be_stored_is_a_save_error(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="cannot be stored"):
        write_json_atomic(tmp_path / "x.json", "save", {"text": "\udcff"})
    with pytest.raises(SaveError, match="cannot be stored"):
        write_json_atomic(tmp_path / "x.json", "save", {"when": object()})
    assert list(tmp_path.iterdir()) == []


def test_a_save_where_a_file_blocks_the_folder_is_a_save_error(store: SaveStore) -> None:
    store.root.mkdir(parents=True)
    store.saves_dir.write_text("not a folder", "utf-8")
    meta = SlotMeta("mini", "Mini", "", "hello", "Hello", "", 1.0)
    with pytest.raises(SaveError, match="could not write"):
        store.write("slot1", meta, {})
    assert [i.status for i in store.slots()] == ["empty"] * 8


VALID = envelope("save", 1, {"meta": META, "snapshot": {"state": {"scene": "hello"}}})


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cuts=st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.binary(max_size=4)),
                     min_size=1, max_size=4))
def test_any_corruption_of_a_save_is_reported_never_raised(store: SaveStore,
                                                           cuts: list[tuple[int, bytes]]
                                                           ) -> None:
    raw = bytearray(VALID)
    for at, junk in cuts:  # overwrite, insert or cut bytes, as a bad disk or editor would
        raw[at:at + len(junk) or at + 1] = junk
    path = store.path("slot4")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(raw))
    info = store.info("slot4")
    assert info.status in ("ok", "damaged")
    if info.meta is not None:  # whatever still verifies also displays without an error
        assert info.meta.date_text and info.meta.play_time_text
