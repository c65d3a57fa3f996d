"""`confide saves`: list the save slots of a data folder and say which ones are damaged.

Listing reads only each slot's own file, so one damaged slot never hides the others, and
the command exits 0 whenever the listing itself worked: a damaged slot is a finding, not a
failure of the command.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from game.persist.saves import ALL_SLOTS, SaveStore, SlotInfo
from game.safeio import data_folder


def setup_saves(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", type=data_folder,
                   help="where saves and settings live (default: the user data folder)")
    p.add_argument("--json", action="store_true", help="print the listing as JSON")


def slot_json(store: SaveStore, info: SlotInfo) -> dict[str, Any]:
    out: dict[str, Any] = {"slot": info.name, "label": info.label, "status": info.status,
                           "path": str(store.path(info.name))}
    if info.meta is not None:
        m = info.meta
        out |= {"story": m.story, "story_title": m.story_title, "scene": m.scene,
                "scene_title": m.scene_title, "saved_at": m.saved_at, "date": m.date_text,
                "play_seconds": m.play_seconds, "play_time": m.play_time_text}
    if info.status == "damaged":
        out["problem"] = info.problem
    return out


def slot_line(store: SaveStore, info: SlotInfo) -> str:
    head = f"{info.label:<10} "
    if info.status == "empty":
        return head + "empty"
    if info.meta is None:
        return (head + f"DAMAGED: {info.problem}\n{'':<11}{store.path(info.name)}")
    m = info.meta
    return (head + f"{m.story_title or m.story} · {m.scene_title or m.scene} · "
            f"{m.date_text} · {m.play_time_text}")


def list_saves(data_dir: Path | None, as_json: bool, out: TextIO) -> int:
    store = SaveStore(data_dir)
    slots = store.slots(ALL_SLOTS)
    damaged = [s for s in slots if s.status == "damaged"]
    settings = store.load_settings()
    if as_json:
        print(json.dumps({"data_dir": str(store.root), "damaged": len(damaged),
                          "slots": [slot_json(store, s) for s in slots],
                          "settings": settings.to_json(),
                          "settings_problem": store.settings_problem}, indent=2), file=out)
        return 0
    print(f"Saves in {store.saves_dir}", file=out)
    for info in slots:
        print(slot_line(store, info), file=out)
    if damaged:
        names = ", ".join(s.label for s in damaged)
        print(f"{len(damaged)} damaged ({names}); every other slot still loads.", file=out)
    if store.settings_problem:
        print(f"Settings damaged ({store.settings_problem}); the game uses the defaults "
              f"and keeps {store.settings_path} as it is.", file=out)
    return 0


def run_saves(args: argparse.Namespace) -> int:
    """list the save slots (story, scene, date, play time) and mark damaged ones"""
    return list_saves(args.data_dir, args.json, sys.stdout)


COMMANDS = {"saves": (setup_saves, run_saves)}
