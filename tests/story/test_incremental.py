"""The incremental load (game/story/incremental.py) against a load with no cache at all.

For every folder story among the bundled ones, and folder versions of the single-file
fixtures (their scenes split across three files), and then for seeded edits of them (a
scene's text, a scene deleted that another file leads to, a flag renamed, a condition
broken, a story-level setting changed, two files swapped, a scene added, an unknown
placeholder), a load through the caches must give the same CompiledStory and the same
diagnostics (codes, text, path, line, column, order) as `check(..., use_cache=False)`.
Seeded and small, so it runs in a few seconds; the count of loads the fast path served is
checked too, so the comparison is not only ever of two full loads.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.story import incremental
from game.story.loader import check

ROOT = Path(__file__).resolve().parents[2]
SINGLE = [ROOT / "tests" / "story" / "fixtures" / "diag",
          ROOT / "tests" / "story" / "fixtures" / "authoring",
          ROOT / "tests" / "hostile" / "fixtures", ROOT / "stories"]
EDITS_PER_STORY = 5
Data = dict[str, Any]


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONFIDE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CONFIDE_NO_CACHE", raising=False)
    return tmp_path / "cache"


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each load that missed the whole-story cache was served by the fast path."""
    seen: list[bool] = []
    real = incremental.fast_load

    def spy(*args: Any) -> Any:
        got = real(*args)
        seen.append(got is not None)
        return got

    monkeypatch.setattr(incremental, "fast_load", spy)
    return seen


def same_as_fresh(path: Path, what: str) -> bool:
    """Compare the two loads; whether the story loaded."""
    found, diags = check(path)
    fresh, fresh_diags = check(path, use_cache=False)
    assert [str(d) for d in diags] == [str(d) for d in fresh_diags], what
    assert diags == fresh_diags, what
    assert found == fresh, what
    return fresh is not None


def load(text: str) -> Any:
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                     sort_keys=False, allow_unicode=True, width=100)


def split(source: Path, into: Path) -> Path | None:
    """A folder version of a single-file story: its story-level keys and first scene in
    story.yaml, the other scenes in two more files; None if it does not read as one."""
    try:
        data = load(source.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("scenes"), dict) \
            or len(data["scenes"]) < 3 or not all(isinstance(k, str) for k in data["scenes"]):
        return None
    scenes = list(data["scenes"].items())
    half = 1 + (len(scenes) - 1) // 2
    folder = into / source.stem
    folder.mkdir()
    head = {**data, "scenes": dict(scenes[:1])}
    try:
        (folder / "story.yaml").write_text(dump(head), encoding="utf-8")
        for name, chunk in (("part1.yaml", scenes[1:half]), ("part2.yaml", scenes[half:])):
            (folder / name).write_text(dump({"scenes": dict(chunk)}), encoding="utf-8")
    except yaml.YAMLError:
        return None
    return folder


def stories(into: Path) -> list[Path]:
    """Every bundled folder story, copied, and a folder version of each single-file one."""
    out = []
    for story in sorted((ROOT / "stories").iterdir()):
        if story.is_dir():
            out.append(Path(shutil.copytree(story, into / story.name)))
    for folder in SINGLE:
        place = into / "split" / folder.name
        place.mkdir(parents=True)
        for source in sorted(folder.glob("*.yaml")):
            made = split(source, place) if source.stat().st_size < 200_000 else None
            if made is not None:
                out.append(made)
    return out


# --- edits -------------------------------------------------------------------------------

def scenes_of(data: Data) -> dict[str, Any]:
    found = data.get("scenes")
    return found if isinstance(found, dict) else {}


def edit_text(rng: random.Random, data: Data, _: Data) -> None:
    for scene in scenes_of(data).values():
        if isinstance(scene, dict) and isinstance(scene.get("lines"), list) and scene["lines"]:
            scene["lines"].append(f"An edit, number {rng.randrange(10**6)}.")
            return


def delete_scene(rng: random.Random, data: Data, _: Data) -> None:
    scenes = scenes_of(data)
    if len(scenes) > 1:
        del scenes[rng.choice(list(scenes))]


def add_scene(rng: random.Random, data: Data, head: Data) -> None:
    start = head.get("start", "nowhere")
    scenes_of(data)[f"added_{rng.randrange(1000)}"] = {
        "lines": ["Nobody comes here.", "{nobody} waves."] if rng.random() < 0.5 else ["Hi."],
        "next": start if isinstance(start, str) else "nowhere"}


def break_condition(rng: random.Random, data: Data, _: Data) -> None:
    for scene in scenes_of(data).values():
        if isinstance(scene, dict) and isinstance(scene.get("choices"), list):
            for choice in scene["choices"]:
                if isinstance(choice, dict):
                    choice["if"] = rng.choice(["flag.", "flag.nope > 1", "visits.gone > 0"])
                    return


def rename_flag(rng: random.Random, _: Data, head: Data) -> None:
    flags = head.get("flags")
    if isinstance(flags, dict) and flags:
        name = rng.choice(list(flags))
        flags[f"{name}_renamed"] = flags.pop(name)


def story_setting(rng: random.Random, _: Data, head: Data) -> None:
    key = rng.choice(["title", "minutes", "characters", "depth_on_cards"])
    if key == "depth_on_cards":  # read by every scene as it compiles
        head[key] = rng.choice(["hidden", "shown"])
        return
    if key == "characters" and isinstance(head.get("characters"), dict):
        partners = head["characters"].get("partners")
        if isinstance(partners, dict) and partners:
            partner = partners[next(iter(partners))]
            if isinstance(partner, dict):
                partner["name"] = "Renamed"
        return
    head[key] = "Another title" if key == "title" else rng.choice([5, 0])


EDITS: dict[str, Callable[[random.Random, Data, Data], None]] = {
    "edit_text": edit_text, "delete_scene": delete_scene, "add_scene": add_scene,
    "break_condition": break_condition, "rename_flag": rename_flag,
    "story_setting": story_setting,
}
COMMON = ["edit_text"] * 6 + ["add_scene"] * 2  # most edits leave a story that loads


def head_file(originals: dict[Path, str]) -> Path:
    """The file with the story-level keys."""
    for f, text in originals.items():
        data = load(text)
        if isinstance(data, dict) and set(data) - {"scenes"}:
            return f
    return next(iter(originals))


def mutate(rng: random.Random, originals: dict[Path, str], head: Path) -> str:
    """One seeded edit of one file (or two files swapped), mostly of the story as it was
    (an edit undone), sometimes on top of the edits before."""
    files = sorted(originals)
    if rng.random() < 0.7:
        for f, text in originals.items():
            f.write_text(text, encoding="utf-8")
    scenes_only = [f for f in files if f != head]
    if rng.random() < 0.1 and len(scenes_only) > 1:
        a, b = rng.sample(scenes_only, 2)
        text_a = a.read_text(encoding="utf-8")
        a.write_text(b.read_text(encoding="utf-8"), encoding="utf-8")
        b.write_text(text_a, encoding="utf-8")
        return f"swap {a.name} {b.name}"
    name = rng.choice([*COMMON, *EDITS])
    target = head if name in ("rename_flag", "story_setting") else rng.choice(files)
    head_data = load(head.read_text(encoding="utf-8"))
    data = head_data if target == head else load(target.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(head_data, dict):
        return "none"
    EDITS[name](rng, data, head_data)
    target.write_text(dump(data), encoding="utf-8")
    return f"{name} {target.name}"


def test_every_fixture_story_and_seeded_edits_load_as_without_a_cache(
        tmp_path: Path, served: list[bool]) -> None:
    rng = random.Random(17)
    found = stories(tmp_path / "stories")
    assert len(found) > 40
    for story in found:
        originals = {f: f.read_text(encoding="utf-8") for f in sorted(story.glob("*.yaml"))}
        same_as_fresh(story, f"{story.name}: first load")
        if not same_as_fresh(story, f"{story.name}: unchanged"):
            continue  # a story with errors: edits of it only ever load in full
        head = head_file(originals)
        for n in range(EDITS_PER_STORY):
            what = mutate(rng, originals, head)
            same_as_fresh(story, f"{story.name}: edit {n}, {what}")
    assert served.count(True) > 30, (served.count(True), len(served))
    assert served.count(False) > 15


_HEAD = """id: mine
title: Mine
start: hall
rupture: gone
characters:
  partners:
    idris: {name: Idris, pronouns: he/him}
flags:
  met: false
conditions:
  ready: flag.met
scenes:
  hall:
    lines:
      - text: Hi.
        if: ready
    next: gone
"""
_WEEK = "# week one\nscenes:\n  gone:\n    ending: {outcome: ruptured, title: Gone}\n"


@pytest.mark.parametrize(("added", "at", "message"), [
    ("conditions:\n  warm: flag.met\n", "5:1",
     "'conditions' is set in more than one file: also in story.yaml at line 10; move what "
     "this 'conditions:' holds into the one in story.yaml, and delete this one"),
    ("title: Again\n", "5:1", "'title' is set in more than one file: also in story.yaml at "
     "line 2; keep it in one file only"),
    ("flags:\n  met: true\n", "6:3", "flag 'met' is defined in more than one file: also in "
     "story.yaml at line 9; rename one of them, or delete the one you do not want"),
    ("  hall:\n    next: gone\n", "5:3", "scene 'hall' is defined in more than one file: "
     "also in story.yaml at line 13; rename one of them, or delete the one you do not want"),
])
def test_a_key_set_in_two_files_names_the_other_file_on_both_paths(
        tmp_path: Path, added: str, at: str, message: str) -> None:
    # Loaded once through the caches, then the second file edited: the fast path must
    # give the same located message as a load without any cache.
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "story.yaml").write_text(_HEAD, encoding="utf-8")
    week = folder / "week1.yaml"
    week.write_text(_WEEK, encoding="utf-8")
    assert same_as_fresh(folder, "before the edit")
    week.write_text(_WEEK + added, encoding="utf-8")
    assert not same_as_fresh(folder, "after the edit")
    _, diags = check(folder)
    assert f"{week}:{at}: error[E014]: {message}" in [str(d) for d in diags]
