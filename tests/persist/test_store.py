"""Save slots and settings on disk: atomic writes, checksums, damaged slots kept apart."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from game.errors import SaveError
from game.persist.envelope import read_json_checked, write_json_atomic
from game.persist.saves import ALL_SLOTS, SaveStore, SlotMeta
from game.persist.settings import Settings
from game.persist.snapshot import restore, snapshot
from game.runtime import Session
from game.story.loader import load

MINI = Path(__file__).parents[1] / "fixtures" / "mini.yaml"


def meta(scene: str = "hello", seconds: float = 75.0) -> SlotMeta:
    return SlotMeta("mini", "Mini", str(MINI), scene, "Hello", "2026-01-02T03:04:05+00:00",
                    seconds, 0)


def test_a_save_round_trips_and_restores_the_session(store: SaveStore) -> None:
    story = load(MINI)
    session = Session(story, seed=3)
    session.choose("weather")
    store.write("slot1", meta("middle"), snapshot(session))
    got_meta, saved = store.read("slot1")
    assert got_meta == meta("middle")
    again = restore(story, saved)
    assert again.state == session.state and again.choices_made == ["weather"]


def test_metadata_is_listed_without_restoring(store: SaveStore) -> None:
    store.write("slot4", meta(seconds=3725), {"anything": 1})
    info = {i.name: i for i in store.slots()}["slot4"]
    assert info.status == "ok" and info.label == "Slot 4"
    assert info.meta is not None and info.meta.play_time_text == "1 h 02 min"
    assert "2026" in info.meta.date_text and "Jan" in info.meta.date_text
    assert [i.name for i in store.slots()] == list(ALL_SLOTS)


def test_every_file_carries_a_format_version_and_checksum(store: SaveStore) -> None:
    store.write("quick", meta(), {"x": 1})
    envelope = json.loads(store.path("quick").read_text("utf-8"))
    assert envelope["confide"] == "save" and envelope["format"] == 1
    assert len(envelope["sha256"]) == 64


@pytest.mark.parametrize("damage, reason", [
    (lambda text: text[: len(text) // 2], "not valid JSON"),
    (lambda text: text.replace('"Hello"', '"Goodbye"'), "checksum"),
    (lambda text: text.replace('"format": 1', '"format": 99'), "format 99"),
    (lambda text: text.replace('"confide": "save"', '"confide": "other"'), "not a Confide"),
    (lambda text: "\udcff", "not valid JSON"),
])
def test_a_damaged_slot_is_reported_and_the_others_still_load(
        store: SaveStore, damage: Callable[[str], str], reason: str) -> None:
    for slot in ("slot1", "slot2", "slot3"):
        store.write(slot, meta(), {"slot": slot})
    path = store.path("slot2")
    path.write_bytes(damage(path.read_text("utf-8")).encode("utf-8", "surrogateescape"))
    status = {i.name: i.status for i in store.slots()}
    assert status["slot1"] == status["slot3"] == "ok" and status["slot2"] == "damaged"
    assert reason in store.info("slot2").problem
    with pytest.raises(SaveError, match="slot2 is damaged"):
        store.read("slot2")
    assert store.read("slot3")[1] == {"slot": "slot3"}


def test_a_failed_write_leaves_the_old_save_whole(store: SaveStore,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    store.write("slot1", meta("hello"), {"v": 1})
    before = store.path("slot1").read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(SaveError, match="No space left"):
        store.write("slot1", meta("middle"), {"v": 2})
    assert store.path("slot1").read_bytes() == before
    assert [p.name for p in store.saves_dir.iterdir()] == ["slot1.json"]  # no temp left


def test_writes_are_fsynced_renamed_then_the_folder_fsynced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append("fsync folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync file")
        real_fsync(fd)

    def replace(src: str, dst: Path) -> None:
        assert Path(src).parent == dst.parent  # the temp file is in the same folder
        calls.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_json_atomic(tmp_path / "f.json", "save", {"a": 1})
    assert calls == ["fsync file", "replace", "fsync folder"]
    assert read_json_checked(tmp_path / "f.json", "save") == {"a": 1}


def test_slot_names_cannot_escape_the_folder(store: SaveStore) -> None:
    with pytest.raises(SaveError):
        store.path("../evil")


def test_settings_round_trip_and_bad_values_fall_back(store: SaveStore) -> None:
    assert store.load_settings() == Settings()
    wanted = Settings("instant", "largest", True, True, False)
    store.save_settings(wanted)
    assert SaveStore(store.root).load_settings() == wanted
    body = {"text_speed": "ludicrous", "text_size": "small", "high_contrast": "yes"}
    write_json_atomic(store.settings_path, "settings", body)
    assert store.load_settings() == Settings(text_size="small")
    store.settings_path.write_text("{", "utf-8")
    assert store.load_settings() == Settings()


def test_saves_module_does_not_import_pygame() -> None:
    code = ("import sys; sys.modules['pygame'] = None; import game.persist.saves; "
            "print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[2], check=False)
    assert out.stdout.strip() == "ok", out.stderr
