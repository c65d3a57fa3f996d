"""`confide saves` as a user runs it: lists every slot, marks damaged ones, exits 0."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from game.persist.saves import SaveStore, SlotMeta

ROOT = Path(__file__).resolve().parents[2]


def confide(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)


def filled(tmp_path: Path) -> SaveStore:
    store = SaveStore(tmp_path / "data")
    meta = SlotMeta("flatmates", "Flatmates", "", "kitchen", "The kitchen at night",
                    "2026-03-04T05:06:07+00:00", 754.0, 3)
    for slot in ("auto", "slot1", "slot2"):
        store.write(slot, meta, {"n": slot})
    raw = store.path("slot2").read_bytes()
    store.path("slot2").write_bytes(raw[: len(raw) // 3])  # cut short, as by a full disk
    (store.saves_dir / ".slot1.json.k1ll3d.tmp").write_bytes(b'{"conf')  # a killed write
    return store


def test_saves_lists_slots_and_marks_the_damaged_one(tmp_path: Path) -> None:
    store = filled(tmp_path)
    r = confide("saves", "--data-dir", str(store.root))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == f"Saves in {store.saves_dir}"
    auto = next(ln for ln in lines if ln.startswith("Autosave"))
    assert "Flatmates · The kitchen at night · " in auto and "Mar 2026" in auto
    assert auto.endswith("12 min")
    assert next(ln for ln in lines if ln.startswith("Slot 1")).count("Flatmates") == 1
    damaged = next(ln for ln in lines if ln.startswith("Slot 2"))
    assert "DAMAGED: the file is not valid JSON (it may have been cut short)" in damaged
    assert next(ln for ln in lines if ln.startswith("Quicksave")).endswith("empty")
    assert lines[-1] == "1 damaged (Slot 2); every other slot still loads."
    assert "Traceback" not in r.stdout + r.stderr


def test_saves_json(tmp_path: Path) -> None:
    store = filled(tmp_path)
    r = confide("saves", "--data-dir", str(store.root), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    slots = {s["slot"]: s for s in data["slots"]}
    assert list(slots) == ["auto", "quick", "slot1", "slot2", "slot3", "slot4", "slot5",
                           "slot6"]
    assert data["damaged"] == 1 and slots["slot2"]["status"] == "damaged"
    assert "cut short" in slots["slot2"]["problem"]
    assert slots["slot1"]["status"] == "ok" and slots["slot1"]["scene"] == "kitchen"
    assert slots["slot1"]["play_seconds"] == 754.0 and slots["slot1"]["story"] == "flatmates"
    assert slots["quick"] == {"slot": "quick", "label": "Quicksave", "status": "empty",
                              "path": str(store.path("quick"))}


def test_saves_reports_damaged_settings_and_leaves_them(tmp_path: Path) -> None:
    store = SaveStore(tmp_path / "data")
    store.root.mkdir(parents=True)
    store.settings_path.write_bytes(b"\xff\xfe garbage")
    r = confide("saves", "--data-dir", str(store.root))
    assert r.returncode == 0
    assert "Settings damaged (the file is not valid JSON" in r.stdout
    assert store.settings_path.read_bytes() == b"\xff\xfe garbage"


def test_saves_on_an_empty_folder(tmp_path: Path) -> None:
    r = confide("saves", "--data-dir", str(tmp_path / "nothing-here"), "--json")
    assert r.returncode == 0
    assert {s["status"] for s in json.loads(r.stdout)["slots"]} == {"empty"}
    assert not (tmp_path / "nothing-here").exists()  # listing creates nothing


def test_a_data_dir_that_is_a_file_is_refused_at_once(tmp_path: Path) -> None:
    """With a file as --data-dir the game started, then every autosave failed with "File
    exists" and nothing the player did was kept. Each command refuses it up front."""
    afile = tmp_path / "notes.txt"
    afile.write_text("mine", encoding="utf-8")
    for args in (("play", "tutorial", "--text", "--data-dir", str(afile)),
                 ("saves", "--data-dir", str(afile / "inside")),
                 ("classroom", "tutorial", "--data-dir", str(afile))):
        r = confide(*args)
        assert r.returncode == 2, args
        assert r.stdout == ""
        assert r.stderr.strip().splitlines() == [
            f"confide: confide {args[0]}: argument --data-dir: {afile} is a file, not a "
            "folder: saves and settings need a folder"]
    assert afile.read_text(encoding="utf-8") == "mine"
    assert confide("saves", "--data-dir", str(tmp_path / "new" / "folder")).returncode == 0
