"""Only formats a release wrote are read; any other file is one clear message, never a crash.

No release wrote "format 0" saves or settings (format 1 was the first), so they are not
migrated: such a file shows as damaged with the reason, and every other slot loads.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from game.persist.formats import ENVELOPE_FORMAT
from game.persist.saves import SaveStore
from game.persist.settings import Settings

from .helpers import envelope


@pytest.mark.parametrize("version, problem", [
    (ENVELOPE_FORMAT + 1, "format 2 is newer than this version of Confide reads (up to 1); "
                          "it was written by a later release"),
    (0, "format 0 was never written by a release of Confide (this version reads format 1)"),
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
    assert info.status == "damaged" and info.problem == problem
    assert store.info("slot1").status == "empty"  # the others are untouched


def test_prototype_settings_give_the_defaults_and_say_why(store: SaveStore) -> None:
    store.root.mkdir(parents=True)
    old = {"speed": "fast", "size": "largest", "contrast": True, "fullscreen": False}
    store.settings_path.write_bytes(envelope("settings", 0, old))
    assert store.load_settings() == Settings()
    assert "format 0 was never written by a release" in store.settings_problem


def test_the_saves_command_names_a_format_0_slot_in_one_line(store: SaveStore) -> None:
    path = store.path("slot4")
    path.parent.mkdir(parents=True)
    path.write_bytes(envelope("save", 0, {"story": "mini", "scene": "hello", "session": {}}))
    done = subprocess.run([sys.executable, "-m", "game", "saves", "--data-dir",
                           str(store.root), "--json"], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    slot = next(s for s in json.loads(done.stdout)["slots"] if s["slot"] == "slot4")
    assert slot["status"] == "damaged"
    assert slot["problem"] == ("format 0 was never written by a release of Confide "
                               "(this version reads format 1)")
