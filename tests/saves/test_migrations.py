"""Older save and settings formats are read through the migration table, step by step."""

from __future__ import annotations

import pytest

from game.runtime import Session
from game.savefile import FORMAT, MIGRATIONS
from game.saves import SaveStore, Settings
from game.story.loader import load

from .helpers import MINI, envelope


def format0_save(session: Session) -> dict[str, object]:
    """The prototype's layout: meta fields flat beside the snapshot, named "session"."""
    return {"story": "mini", "scene": session.state.scene,
            "saved_at": "2025-06-01T10:00:00+00:00", "play_seconds": 90,
            "session": session.snapshot()}


def test_every_older_format_has_a_step_up() -> None:
    for kind in ("save", "settings"):
        assert sorted(MIGRATIONS[kind]) == list(range(FORMAT))


def test_a_format_0_save_is_listed_and_restores(store: SaveStore) -> None:
    story = load(MINI)
    session = Session(story, seed=2)
    session.choose("weather")
    path = store.path("slot3")
    path.parent.mkdir(parents=True)
    path.write_bytes(envelope("save", 0, format0_save(session)))
    info = store.info("slot3")
    assert info.status == "ok" and info.meta is not None
    assert (info.meta.story, info.meta.scene, info.meta.scene_title) == ("mini", "middle",
                                                                         "middle")
    assert info.meta.play_time_text == "1 min" and info.meta.turn == session.state.turn
    assert "Jun 2025" in info.meta.date_text
    again = store.restore("slot3", story)
    assert again.state == session.state and again.choices_made == ["weather"]


def test_reading_an_old_file_leaves_it_alone_until_the_next_save(store: SaveStore) -> None:
    session = Session(load(MINI), seed=2)
    path = store.path("slot1")
    path.parent.mkdir(parents=True)
    original = envelope("save", 0, format0_save(session))
    path.write_bytes(original)
    meta, snapshot = store.read("slot1")
    assert path.read_bytes() == original
    store.write("slot1", meta, snapshot)
    assert b'"format": 1' in path.read_bytes() and store.read("slot1") == (meta, snapshot)


@pytest.mark.parametrize("body, problem", [
    ({"story": "mini", "scene": "hello"}, "format 0 file could not be brought up to date"),
    ({"story": "mini", "scene": "hello", "session": {}, "play_seconds": "long"},
     "could not be brought up to date"),
    ({"story": "mini", "scene": "hello", "session": {"state": {"turn": 1e999}}},
     "could not be brought up to date"),
])
def test_a_format_0_save_that_cannot_migrate_is_damaged(store: SaveStore, body: object,
                                                        problem: str) -> None:
    path = store.path("slot2")
    path.parent.mkdir(parents=True)
    path.write_bytes(envelope("save", 0, body))
    info = store.info("slot2")
    assert info.status == "damaged" and problem in info.problem


def test_a_format_0_file_is_checked_before_it_is_migrated(store: SaveStore) -> None:
    path = store.path("slot2")
    path.parent.mkdir(parents=True)
    path.write_bytes(envelope("save", 0, format0_save(Session(load(MINI))), "0" * 64))
    assert "checksum does not match" in store.info("slot2").problem


def test_format_0_settings_are_renamed_and_kept(store: SaveStore) -> None:
    store.root.mkdir(parents=True)
    old = {"speed": "fast", "size": "largest", "contrast": True, "fullscreen": False}
    store.settings_path.write_bytes(envelope("settings", 0, old))
    assert store.load_settings() == Settings("fast", "largest", True, False, False)
    assert store.settings_problem == ""


@pytest.mark.parametrize("version, problem", [
    (2, "format 2 is newer than this version of Confide reads (up to 1)"),
    (-1, "format -1 is not a format version"),
    ("1", "format '1' is not a format version"),
    (True, "format True is not a format version"),
    (None, "format None is not a format version"),
])
def test_unknown_formats_are_damaged_and_say_which(store: SaveStore, version: object,
                                                   problem: str) -> None:
    path = store.path("quick")
    path.parent.mkdir(parents=True)
    path.write_bytes(envelope("save", version, {"meta": {}, "snapshot": {}}))
    info = store.info("quick")
    assert info.status == "damaged" and info.problem.startswith(problem)
