"""A save edited after it was written, with its checksum recomputed, is refused: its moves
are replayed and must lead exactly to its saved state (game/persist/snapshot.py). And the one
replay loop, strict and not (game/persist/replay.py)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.errors import ReplayError, RestoreError
from game.persist.envelope import canonical
from game.persist.replay import Move, replay
from game.persist.saves import SaveStore, SlotMeta
from game.persist.snapshot import snapshot
from game.runtime import Session
from game.story.loader import load

from .helpers import MINI


def saved(store: SaveStore) -> Session:
    session = Session(load(MINI), seed=5)
    session.choose("weather")
    store.write("slot1", SlotMeta("mini", "Mini", "", "middle", "Middle",
                                  "2026-01-01T00:00:00+00:00", 3.0, 1), snapshot(session))
    return session


def resign(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Edit the save's body and recompute its checksum, as anyone with a text editor can."""
    data = json.loads(path.read_text("utf-8"))
    change(data["body"]["snapshot"])
    data["sha256"] = hashlib.sha256(canonical(data["body"])).hexdigest()
    path.write_text(json.dumps(data), "utf-8")


def raise_trust(snap: dict[str, Any]) -> None:
    snap["state"]["partners"]["sam"]["trust"] = 99.0


def swap_step(snap: dict[str, Any]) -> None:
    snap["choices"] = ["hello/secret"]  # a move the player never made


def drop_step(snap: dict[str, Any]) -> None:
    snap["choices"] = []


def bad_step(snap: dict[str, Any]) -> None:
    snap["choices"] = ["hello/dance"]  # a choice the story never had


@pytest.mark.parametrize("change, why", [
    (raise_trust, "its saved state is not where its moves lead"),
    (swap_step, "its saved state is not where its moves lead"),
    (drop_step, "its saved state is not where its moves lead"),
    (bad_step, "its moves do not replay (step 1 ('hello/dance'): choice 'dance' is no "
               "longer offered in scene 'hello')"),
])
def test_a_tampered_save_is_refused_not_loaded(store: SaveStore,
                                               change: Callable[[dict[str, Any]], None],
                                               why: str) -> None:
    honest = saved(store)
    assert store.restore("slot1", honest.story).state == honest.state  # untouched: loads
    resign(store.path("slot1"), change)
    assert store.info("slot1").status == "ok"  # the checksum alone cannot tell
    with pytest.raises(RestoreError) as caught:
        store.restore("slot1", honest.story)
    assert caught.value.reason == (f"the save was changed after it was written: {why}, so "
                                   f"it would load a different game than the one saved")
    assert str(caught.value).endswith("; start the story over")


def moves(*refs: str) -> list[Move]:
    return [Move(scene=r.split("/")[0], choice=r.split("/")[1]) for r in refs]


def test_strict_replay_raises_at_the_first_move_that_does_not_replay() -> None:
    story = load(MINI)
    good = replay(story, moves("hello/weather", "middle/wave"), strict=True, seed=1)
    assert good.session.choices_made == ["weather", "wave"] and good.numbers == [1, 2]
    assert good.parted == ""
    with pytest.raises(ReplayError, match=r"^step 2 \('middle/dance'\): choice 'dance' is "
                                          r"no longer offered in scene 'middle'$"):
        replay(story, moves("hello/weather", "middle/dance", "finale/x"), strict=True, seed=1)


def test_non_strict_replay_keeps_every_move_before_the_first_that_parts() -> None:
    story = load(MINI)
    done = replay(story, moves("hello/weather", "hello/secret", "middle/wave"), strict=False,
                  seed=1)
    assert done.session.choices_made == ["weather"] and done.numbers == [1]
    assert done.parted == ("step 2 ('hello/secret'): it was made in scene 'hello' but the "
                           "story is now in scene 'middle'")


def test_moves_are_built_by_keyword_only() -> None:
    with pytest.raises(TypeError):
        Move("hello", "weather")  # type: ignore[misc]
