"""Forged saves: the checksum is recomputed, so every field is checked after it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.errors import RestoreError
from game.persist.saves import SaveStore
from game.story.compiled import CompiledStory
from game.story.loader import load

from .kit import MINI, confide, forge, no_traceback, saved

Change = Callable[[dict[str, Any]], None]


@pytest.fixture(scope="module")
def mini() -> CompiledStory:
    return load(MINI)


def _set(*path: str | int, value: Any) -> Change:
    def change(body: dict[str, Any]) -> None:
        node = body
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return change


META_FORGERIES = {
    "nul in the story title": _set("meta", "story_title", value="Mini\x00"),
    "escape in the scene title": _set("meta", "scene_title", value="\x1b]52;c;aGk=\x07"),
    "title of a million characters": _set("meta", "story_title", value="x" * 1_000_000),
    "story id that is a list": _set("meta", "story", value=["mini"]),
    "scene id with a slash": _set("meta", "scene", value="../../etc"),
    "date that is no date": _set("meta", "saved_at", value="yesterday\n# heading"),
    "negative turn": _set("meta", "turn", value=-1),
    "turn that is true": _set("meta", "turn", value=True),
    "play time of 1e300 seconds": _set("meta", "play_seconds", value=1e300),
}


@pytest.mark.parametrize("name", sorted(META_FORGERIES))
def test_forged_meta_marks_only_that_slot_damaged(tmp_path: Path, mini: CompiledStory,
                                                  name: str) -> None:
    store = SaveStore(tmp_path)
    saved(store, mini, "slot1", [1])
    saved(store, mini, "slot2", [1])
    forge(store, "slot1", META_FORGERIES[name])
    infos = {i.name: i for i in store.slots(("slot1", "slot2"))}
    assert infos["slot1"].status == "damaged" and infos["slot1"].meta is None
    assert "\x00" not in infos["slot1"].problem and "\x1b" not in infos["slot1"].problem
    assert infos["slot2"].status == "ok"  # every other slot still loads


SNAPSHOT_FORGERIES = {
    "ending names a scene that is not an ending": _set("snapshot", "state", "ending",
                                                        value="hello"),
    "ending names another scene than the state's": _set("snapshot", "state", "ending",
                                                         value="gone"),
    "seed of 4,001 digits": _set("snapshot", "seed", value=10**4000),
    "seed that is text": _set("snapshot", "seed", value="7"),
    "choice that is not scene/choice": _set("snapshot", "choices", value=["hello"]),
    "200,000 choices": _set("snapshot", "choices", value=["hello/weather"] * 200_000),
    "trust that is NaN": _set("snapshot", "state", "partners", "sam", "trust",
                              value=float("nan")),
    "flag of 10**30": _set("snapshot", "state", "flags", "waved", value=10**30),
    "visits that are negative": _set("snapshot", "state", "visits", value={"hello": -4}),
    "hash that is not hex": _set("snapshot", "hash", value="<script>"),
    "state that is a list": _set("snapshot", "state", value=[]),
}


@pytest.mark.parametrize("name", sorted(SNAPSHOT_FORGERIES))
def test_forged_snapshot_is_refused_with_a_reason(tmp_path: Path, mini: CompiledStory,
                                                  name: str) -> None:
    store = SaveStore(tmp_path)
    saved(store, mini, "slot1", [1])
    forge(store, "slot1", SNAPSHOT_FORGERIES[name])
    with pytest.raises(RestoreError) as err:
        store.restore("slot1", mini)
    assert "Slot 1" in str(err.value)


def test_an_honest_save_still_restores(tmp_path: Path, mini: CompiledStory) -> None:
    store = SaveStore(tmp_path)
    saved(store, mini, "auto", [1])
    session = store.restore("auto", mini)
    assert session.state.scene == "middle" and session.view().choices


def test_saves_command_shows_a_forged_slot_as_damaged_without_control_codes(
        tmp_path: Path, mini: CompiledStory) -> None:
    store = SaveStore(tmp_path)
    saved(store, mini, "slot1", [1])
    forge(store, "slot1", _set("meta", "story_title", value="\x1b]0;owned\x07"))
    r = confide("saves", "--data-dir", str(tmp_path))
    out = no_traceback(r)
    assert r.returncode == 0 and "DAMAGED" in out
    assert "\x1b" not in out and "\x07" not in out
