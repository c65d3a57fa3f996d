"""The file cache (game/story/filecache.py): when one file of a folder story changes, only
that file is read, the story is what a fresh load gives, and an entry that is damaged,
stale, oversized, linked or hostile is ignored and rewritten.

No test times anything: work is counted instead (which files the YAML reader parses).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from game.safeio import TEMP_SUFFIX
from game.story import budgets, cache, filecache, incremental, loader, yamlread
from game.story.budgets import StoryBudget
from game.story.loader import check

ROOT = Path(__file__).resolve().parents[2]
PART = """scenes:
  {sid}:
    lines: ["Hello {sid}.", {{sam: "Fine, and 'you'?"}}]
    choices:
      - {{id: go, kind: disclose, layer: 0, text: "Go on", next: {nxt}}}
"""
HEAD = """id: parts
title: Parts
start: a
rupture: end
characters:
  partners:
    sam: {name: Sam, trust: 30, defence: 30}
flags:
  seen: false
scenes:
  end:
    ending: {outcome: ruptured, title: End}
"""


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONFIDE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CONFIDE_NO_CACHE", raising=False)
    return filecache.folder()


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of each file the YAML reader parses, in order."""
    seen: list[str] = []
    real = yamlread.read_bytes

    def counting(raw: bytes, shown: str, budget: StoryBudget) -> Any:
        seen.append(Path(shown).name)
        return real(raw, shown, budget)

    monkeypatch.setattr(yamlread, "read_bytes", counting)
    monkeypatch.setattr(incremental, "read_bytes", counting)
    return seen


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "parts"
    folder.mkdir()
    (folder / "story.yaml").write_text(HEAD, encoding="utf-8")
    for sid, nxt in (("a", "b"), ("b", "c"), ("c", "end")):
        (folder / f"{sid}.yaml").write_text(PART.format(sid=sid, nxt=nxt), encoding="utf-8")
    return folder


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{filecache.SUFFIX}")) if folder.is_dir() else []


def forget_stories() -> None:
    """Remove the compiled-story cache's entries, so the next load reads the files."""
    for entry in cache.cache_dir().glob("*.json"):
        entry.unlink()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def same_as_fresh(story: Path) -> None:
    """A load through the caches gives what a load without them gives: story and
    diagnostics (codes, text, positions, order)."""
    found, diags = check(story)
    fresh, fresh_diags = check(story, use_cache=False)
    assert diags == fresh_diags
    assert found == fresh
    if found is not None and fresh is not None:
        assert found.content_hash == fresh.content_hash


def test_editing_one_file_parses_only_that_file(story: Path, parsed: list[str],
                                                cache_dir: Path) -> None:
    check(story)
    assert sorted(parsed) == ["a.yaml", "b.yaml", "c.yaml", "story.yaml"]
    assert len(entries(cache_dir)) == 4
    edit(story / "b.yaml", "Hello b.", "Hello again.")
    parsed.clear()
    found, _ = check(story)
    assert parsed == ["b.yaml"]
    assert found is not None and found.scenes["b"].lines[0].text == "Hello again."
    same_as_fresh(story)
    assert len(entries(cache_dir)) == 5  # the edited file's new entry is kept too


def test_a_warning_in_an_unchanged_file_is_located_from_it(story: Path,
                                                          parsed: list[str]) -> None:
    """A question the unchanged files' entries cannot answer (where scene 'c' is, once an
    edit leaves it unreachable) has that file read again, not guessed."""
    check(story)
    edit(story / "a.yaml", "next: b", "next: end")
    parsed.clear()
    found, diags = check(story)
    assert found is not None and sorted(parsed) == ["a.yaml", "b.yaml", "c.yaml"]
    assert [d.code for d in diags].count("W001") == 2
    same_as_fresh(story)
    edit(story / "a.yaml", "Hello a.", "Hello there.")  # now its entry knows where 'c' is
    parsed.clear()
    check(story)
    assert parsed == ["a.yaml"]
    same_as_fresh(story)


@pytest.mark.parametrize(("name", "old", "new"), [
    ("c.yaml", "next: end", "next: nowhere"),  # an error: reported from the YAML
    ("story.yaml", "title: Parts", "title: Other"),  # a story-level key: read in full
    ("b.yaml", "scenes:", "flags: {late: true}\nscenes:"),  # flags beside scenes
    ("b.yaml", "  b:", "  a:"),  # a scene defined in two files
    ("c.yaml", "layer: 0", "layer: 9"),  # the schema refuses it
])
def test_what_the_fast_path_cannot_prove_loads_in_full(story: Path, parsed: list[str],
                                                       name: str, old: str, new: str) -> None:
    check(story)
    edit(story / name, old, new)
    parsed.clear()
    check(story)
    # The full load ends it (the fast path may have read a file or two before giving up).
    assert sorted(parsed[-4:]) == ["a.yaml", "b.yaml", "c.yaml", "story.yaml"]
    same_as_fresh(story)


def test_the_budget_of_the_whole_story_is_applied_to_cached_files(
        story: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    check(story)
    nodes = StoryBudget()
    for name in ("a.yaml", "b.yaml", "c.yaml", "story.yaml"):
        yamlread.read_yaml(story / name, name, nodes)
    for limit in ("MAX_STORY_NODES", "MAX_STORY_TEXT", "MAX_STORY_BYTES"):
        spent = {"MAX_STORY_NODES": nodes.nodes, "MAX_STORY_TEXT": nodes.text,
                 "MAX_STORY_BYTES": nodes.bytes}[limit]
        with monkeypatch.context() as patch:
            patch.setattr(budgets, limit, spent - 1)  # the last file read passes it
            forget_stories()
            parsed.clear()
            found, diags = check(story)
            assert found is None and parsed, (limit, [str(d) for d in diags])
            assert diags == check(story, use_cache=False)[1]
            assert diags[-1].code in ("E030", "E031")
            patch.setattr(budgets, limit, spent)  # exactly at the limit: served
            forget_stories()
            parsed.clear()
            found, diags = check(story)
            assert found is not None and parsed == [], limit


def test_a_file_saved_while_the_story_is_read_is_not_stored_under_its_old_bytes(
        story: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = (story / "b.yaml").read_bytes()
    real = loader.read_yaml

    def saved_meanwhile(path: Path, *args: Any) -> Any:
        if path.name == "b.yaml":  # the author saves after the key was made, before the read
            edit(path, "Hello b.", "Saved meanwhile.")
        return real(path, *args)

    monkeypatch.setattr(loader, "read_yaml", saved_meanwhile)
    check(story)
    old = filecache.part(story / "b.yaml", before, lookup=False).key
    assert len(entries(cache_dir)) == 3
    assert cache_dir / f"{old}{filecache.SUFFIX}" not in entries(cache_dir)
    monkeypatch.setattr(loader, "read_yaml", real)
    same_as_fresh(story)


def test_no_cache_neither_reads_nor_writes_entries(story: Path, parsed: list[str],
                                                   cache_dir: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFIDE_NO_CACHE", "1")
    check(story)
    check(story)
    assert len(parsed) == 8 and not cache_dir.exists()
    monkeypatch.delenv("CONFIDE_NO_CACHE")
    check(story)
    parsed.clear()
    check(story, use_cache=False)
    assert len(parsed) == 4 and len(entries(cache_dir)) == 4


def test_a_single_file_story_stores_no_file_entry(story: Path, parsed: list[str],
                                                  cache_dir: Path) -> None:
    """One file that changed is read in full anyway, and the whole-story cache serves it
    when it did not."""
    single = story.parent / "single.yaml"
    scenes = "".join(PART.format(sid=sid, nxt=nxt).replace("scenes:\n", "")
                     for sid, nxt in (("a", "b"), ("b", "c"), ("c", "end")))
    single.write_text(HEAD + scenes, encoding="utf-8")
    found, diags = check(single)
    assert found is not None, diags
    assert parsed == ["single.yaml"] and entries(cache_dir) == []


def test_a_file_whose_aliases_expand_it_is_not_stored(story: Path, cache_dir: Path,
                                                      parsed: list[str]) -> None:
    many = ", ".join(["*l"] * 40)
    (story / "c.yaml").write_text(
        "scenes:\n  c:\n    lines: &l [Hi, Hi, Hi, Hi]\n    choices:\n"
        "      - {id: go, kind: disclose, layer: 0, text: Go, next: end}\n"
        f"    on_enter: []\n  d:\n    branches: [{{to: end}}]\n    title: x\n"
        f"    lines: [{many.replace('*l', 'Hi')}]\n    mood: warm\n"
        f"    background: &b b.png\n  e:\n    background: *b\n    next: end\n"
        f"  f:\n    next: end\n    lines: [{', '.join(['x'] * 3)}]\n", encoding="utf-8")
    found = filecache.part(story / "c.yaml", (story / "c.yaml").read_bytes(), lookup=False)
    found.nodes, found.text = 10 ** 6, 0
    assert not filecache.plausible(found)
    check(story)
    assert len(entries(cache_dir)) == 4
    same_as_fresh(story)


def test_the_folder_is_bounded_least_recently_used_first(
        story: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check(story)
    assert len(entries(cache_dir)) == 4
    for n, older in enumerate(entries(cache_dir)):  # distinct times
        os.utime(older, (1000 + n, 1000 + n))
    newest = entries(cache_dir)[-1]
    monkeypatch.setattr(filecache, "MAX_ENTRIES", 2)
    filecache.prune()
    assert len(entries(cache_dir)) == 2 and newest in entries(cache_dir)
    monkeypatch.setattr(filecache, "MAX_BYTES", newest.stat().st_size)
    filecache.prune()
    assert entries(cache_dir) == [newest]
    old = cache_dir / f".orphan{TEMP_SUFFIX}"
    old.write_bytes(b"x")
    os.utime(old, (0, 0))
    filecache.prune()
    assert not old.exists()


# --- hostile and damaged entries ---------------------------------------------------------

def reseal(change: Callable[[dict[str, Any]], None]) -> Callable[[bytes], bytes]:
    """An entry changed and sealed again, as someone who can write the folder could."""
    def forge(good: bytes) -> bytes:
        fields = msgspec.json.decode(good[good.index(b"\n") + 1:])
        change(fields)
        return cache.seal(msgspec.json.encode(fields))
    return forge


def setter(name: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(fields: dict[str, Any]) -> None:
        fields[name] = value
    return change


def scene(change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def edit_scene(fields: dict[str, Any]) -> None:
        change(fields["scenes"]["a"])
    return edit_scene


def first_position(value: Any) -> Callable[[dict[str, Any]], None]:
    def change(fields: dict[str, Any]) -> None:
        placed = [f for f in fields["marks"] if f[1] is not None]
        placed[0][1] = value
    return change


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda good: b"",
    "truncated": lambda good: good[: len(good) // 2],
    "flipped_digit": lambda good: good.replace(b'"go"', b'"gp"'),
    "seal_only": lambda good: good[: good.index(b"\n") + 1],
    "not_json": lambda good: cache.seal(b"\xff\xfe"),
    "other_format": reseal(setter("format", filecache.FORMAT + 1)),
    "other_version": reseal(setter("version", "0.0.0")),
    "other_key": reseal(setter("key", "0" * 64)),
    "extra_field": reseal(setter("more", 1)),
    "missing_field": reseal(lambda fields: fields.pop("marks")),
    "too_many_nodes": reseal(setter("nodes", 10 ** 6)),
    "too_much_text": reseal(setter("text", 10 ** 6)),
    "negative_count": reseal(setter("nodes", -1)),
    "keys_twice": reseal(setter("keys", ["scenes", "scenes"])),
    "head_not_in_keys": reseal(setter("head", {"title": "Hijacked"})),
    "scenes_without_key": reseal(setter("keys", [])),
    "bad_scene_id": reseal(lambda fields: fields["scenes"].update({"Bad Id": {}})),
    "layer_out_of_range": reseal(scene(lambda s: s["choices"][0].update({"layer": 9}))),
    "unknown_scene_field": reseal(scene(lambda s: s.update({"secret": 1}))),
    "long_text": reseal(scene(lambda s: s["lines"][0].update({"text": "x" * 20_001}))),
    "position_in_another_file": reseal(first_position(["/etc/passwd", 1, 1, 0])),
    "line_zero": reseal(first_position(["FILE", 0, 1, 0])),
    "line_past_the_file": reseal(first_position(["FILE", 10 ** 6, 1, 0])),
    "quote_two": reseal(first_position(["FILE", 1, 1, 2])),
    "path_too_deep": reseal(lambda fields: fields["marks"].append([["x"] * 100, None])),
}


def damage_case(story: Path, cache_dir: Path, name: str = "a.yaml") -> tuple[Path, bytes]:
    """The entry of file `name` after a first load, and its good bytes."""
    check(story)
    raw = (story / name).read_bytes()
    entry = cache_dir / f"{filecache.part(story / name, raw, lookup=False).key}" \
                        f"{filecache.SUFFIX}"
    return entry, entry.read_bytes()


def load_after_edit(story: Path, parsed: list[str], new_process: bool = True) -> list[str]:
    """Which files a load after an edit of b.yaml parses; by default as a new process
    would load it, reading the entries (nothing kept in memory from the loads before)."""
    text = (story / "b.yaml").read_text(encoding="utf-8")
    (story / "b.yaml").write_text(text + "\n", encoding="utf-8")
    if new_process:
        filecache.keep([])
    parsed.clear()
    check(story)
    return sorted(parsed)


@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_a_damaged_or_hostile_entry_is_ignored_and_rewritten(
        name: str, story: Path, cache_dir: Path, parsed: list[str]) -> None:
    entry, good = damage_case(story, cache_dir)
    bad = DAMAGE[name](good.replace(b"FILE", str(story / "a.yaml").encode()))
    assert bad != good
    entry.write_bytes(bad.replace(b'"FILE"', msgspec.json.encode(str(story / "a.yaml"))))
    assert "a.yaml" in load_after_edit(story, parsed)  # the entry was not used
    same_as_fresh(story)
    found = filecache.part(story / "a.yaml", (story / "a.yaml").read_bytes())
    assert found.found  # and it was written anew


def test_a_process_loading_again_decodes_no_entry_of_an_unchanged_file(
        story: Path, cache_dir: Path, parsed: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The parts of the last load are kept in memory: the next load in the same process
    neither reads nor decodes their entries, and a new process reads them again (where a
    damaged one is refused, above)."""
    entry, good = damage_case(story, cache_dir)
    load_after_edit(story, parsed)  # every entry now from this process's last load
    entry.write_bytes(good[: len(good) // 2])  # what the next process would refuse
    decoded: list[str] = []
    real = filecache._fill
    monkeypatch.setattr(filecache, "_fill", lambda found: (decoded.append(found.path.name),
                                                           real(found))[1])
    assert load_after_edit(story, parsed, new_process=False) == ["b.yaml"]
    assert decoded == ["b.yaml"]  # only the edited file's entry is looked for (none)
    same_as_fresh(story)
    assert "a.yaml" in load_after_edit(story, parsed)  # a new process: refused, reread
    assert "a.yaml" in decoded
    assert entry.read_bytes() != good[: len(good) // 2]  # and written anew


def test_only_the_last_loads_parts_are_kept(story: Path, tmp_path: Path) -> None:
    check(story)
    edit(story / "b.yaml", "Hello b.", "Hello again b.")
    check(story)
    assert sorted(p.path.name for p in filecache._kept.values()) == [
        "a.yaml", "b.yaml", "c.yaml", "story.yaml"]
    assert all(p.found for p in filecache._kept.values())
    other = tmp_path / "other"
    other.mkdir()
    for f in story.iterdir():
        (other / f.name).write_bytes(f.read_bytes())
    check(other)  # another story (another path): the first one's parts are dropped
    assert {p.path.parent for p in filecache._kept.values()} == {other}


def test_a_forged_entry_within_every_bound_is_used(story: Path, cache_dir: Path,
                                                   parsed: list[str]) -> None:
    """The forging above changes only what each case names: resealed unchanged, the entry
    is used (it says what the file could have said)."""
    entry, good = damage_case(story, cache_dir)
    entry.write_bytes(reseal(lambda fields: None)(good))
    assert load_after_edit(story, parsed) == ["b.yaml"]


def test_an_entry_over_the_size_limit_is_refused_unread(
        story: Path, cache_dir: Path, parsed: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _, good = damage_case(story, cache_dir, "story.yaml")  # the largest entry
    monkeypatch.setattr(filecache, "LIMIT", len(good))
    assert load_after_edit(story, parsed) == ["b.yaml"]
    monkeypatch.setattr(filecache, "LIMIT", len(good) - 1)
    assert "story.yaml" in load_after_edit(story, parsed)


def test_a_link_in_place_of_an_entry_is_not_followed_or_replaced(
        story: Path, cache_dir: Path, parsed: list[str], tmp_path: Path) -> None:
    entry, good = damage_case(story, cache_dir)
    elsewhere = tmp_path / "elsewhere.file"
    elsewhere.write_bytes(good)
    entry.unlink()
    entry.symlink_to(elsewhere)
    assert "a.yaml" in load_after_edit(story, parsed)
    assert entry.is_symlink() and elsewhere.read_bytes() == good
    same_as_fresh(story)


def test_a_linked_cache_folder_is_not_used(story: Path, cache_dir: Path, parsed: list[str],
                                           tmp_path: Path) -> None:
    damage_case(story, cache_dir)
    real = tmp_path / "real"
    cache_dir.rename(real)
    cache_dir.symlink_to(real, target_is_directory=True)
    assert len(load_after_edit(story, parsed)) == 4
    assert len(load_after_edit(story, parsed)) == 4
    same_as_fresh(story)


def test_confide_check_after_an_edit_says_what_a_fresh_read_says(story: Path,
                                                                 cache_dir: Path) -> None:
    """End to end: `confide check` on a folder story, one file edited to a warning, says
    the same through the file cache as with --no-cache."""
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    env.pop("CONFIDE_NO_CACHE", None)

    def confide_check(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "game", "check", str(story), "--shallow",
                               *extra], capture_output=True, text=True, env=env, cwd=ROOT,
                              timeout=120, check=False)

    assert confide_check().returncode == 0
    assert len(entries(cache_dir)) == 4
    (story / "b.yaml").write_text(PART.format(sid="b", nxt="c") + "  lost:\n    lines: [Hi]\n"
                                  "    choices: [{id: x, kind: plain, text: X, next: end}]\n",
                                  encoding="utf-8")
    edited = confide_check()
    fresh = confide_check("--no-cache")
    assert edited.returncode == fresh.returncode == 0, edited.stderr
    assert edited.stdout == fresh.stdout and "W001" in edited.stdout
    assert len(entries(cache_dir)) == 5
