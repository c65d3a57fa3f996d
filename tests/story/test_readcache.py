"""The read cache (game/story/readcache.py): an unchanged file of a changed story is not
parsed again, gives exactly what parsing gives, and an entry that is damaged, stale,
oversized, linked or hostile is ignored and the file parsed."""

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
from game.story import budgets, cache, loader, readcache, yamlread
from game.story.budgets import StoryBudget
from game.story.diagnostics import Diagnostic
from game.story.loader import check
from game.story.yamlread import Located, read_yaml

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
scenes:
  end:
    ending: {outcome: ruptured, title: End}
"""


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONFIDE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CONFIDE_NO_CACHE", raising=False)
    return readcache.folder()


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of each file parsed (through the read cache or not), in order."""
    seen: list[str] = []
    real = yamlread.read_bytes

    def counting(raw: bytes, shown: str, budget: StoryBudget) -> Any:
        seen.append(Path(shown).name)
        return real(raw, shown, budget)

    monkeypatch.setattr(readcache, "read_bytes", counting)
    monkeypatch.setattr(yamlread, "read_bytes", counting)
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
    return sorted(folder.glob(f"*{readcache.SUFFIX}")) if folder.is_dir() else []


def forget_stories() -> None:
    """Remove the compiled-story cache's entries, so the next load reads the files."""
    for entry in cache.cache_dir().glob("*.json"):
        entry.unlink()


def same(got: Located | Diagnostic, want: Located | Diagnostic) -> None:
    """Identical data (types too: repr tells 1 from True and 1.0), positions and order."""
    assert isinstance(got, Located) and isinstance(want, Located)
    assert repr(got.data) == repr(want.data)
    assert list(got.marks.items()) == list(want.marks.items())
    assert list(got.key_marks.items()) == list(want.key_marks.items())


def test_editing_one_file_parses_only_that_file(story: Path, parsed: list[str],
                                                cache_dir: Path) -> None:
    check(story)
    assert sorted(parsed) == ["a.yaml", "b.yaml", "c.yaml", "story.yaml"]
    assert len(entries(cache_dir)) == 4
    b = story / "b.yaml"
    b.write_text(b.read_text(encoding="utf-8").replace("Hello b.", "Hello again."),
                 encoding="utf-8")
    parsed.clear()
    found, diags = check(story)
    assert parsed == ["b.yaml"]
    fresh, fresh_diags = check(story, use_cache=False)
    assert found is not None and fresh is not None
    assert diags == fresh_diags and found.meta == fresh.meta
    assert found.scenes == fresh.scenes and found.content_hash == fresh.content_hash
    assert found.located is not None and fresh.located is not None
    same(found.located, fresh.located)


def test_a_file_edited_to_an_error_is_reported_from_the_yaml(story: Path,
                                                            parsed: list[str]) -> None:
    check(story)
    (story / "c.yaml").write_text(PART.format(sid="c", nxt="nowhere"), encoding="utf-8")
    parsed.clear()
    found, diags = check(story)
    assert found is None and parsed == ["c.yaml"]
    assert diags == check(story, use_cache=False)[1]
    assert any(d.is_error and d.path.endswith("c.yaml") and "nowhere" in d.message
               for d in diags)


def test_the_same_bytes_at_another_path_are_served_with_that_path(tmp_path: Path,
                                                                 parsed: list[str]) -> None:
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    for path in (one, two):
        path.write_text(HEAD, encoding="utf-8")
    readcache.read_yaml(one, str(one), None, True)
    got = readcache.read_yaml(two, str(two), None, True)
    assert parsed == ["one.yaml"]
    same(got, read_yaml(two, str(two)))


def fixture_files() -> list[Path]:
    found = [p for folder in ("tests/story", "tests/hostile", "tests/fuzz", "stories")
             for p in sorted((ROOT / folder).rglob("*.y*ml"))]
    assert len(found) > 50
    return found


def test_a_hit_gives_exactly_what_parsing_gives_for_every_fixture(parsed: list[str]) -> None:
    """Data, positions and the budget's counts, for every fixture and bundled story that
    reads without a problem; a file with an anchor or a problem is never stored."""
    served = 0
    for path in fixture_files():
        fresh_budget, cached_budget = StoryBudget(), StoryBudget()
        fresh = read_yaml(path, str(path), fresh_budget)
        readcache.read_yaml(path, str(path), None, True)
        parsed.clear()
        got = readcache.read_yaml(path, str(path), cached_budget, True)
        if not parsed:
            served += 1
            same(got, fresh)
            assert cached_budget == fresh_budget, path
        else:
            anchored = isinstance(fresh, Located) and b"&" in path.read_bytes()
            assert isinstance(fresh, Diagnostic) or anchored, path
            assert got == fresh
    assert served > 40


def test_the_budget_of_the_whole_story_is_applied_to_cached_files(
        story: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    check(story)
    nodes = StoryBudget()
    for name in ("a.yaml", "b.yaml", "c.yaml", "story.yaml"):
        read_yaml(story / name, name, nodes)
    before = {name: getattr(budgets, name) for name in
              ("MAX_STORY_NODES", "MAX_STORY_TEXT", "MAX_STORY_BYTES")}
    for limit in ("MAX_STORY_NODES", "MAX_STORY_TEXT", "MAX_STORY_BYTES"):
        spent = {"MAX_STORY_NODES": nodes.nodes, "MAX_STORY_TEXT": nodes.text,
                 "MAX_STORY_BYTES": nodes.bytes}[limit]
        monkeypatch.setattr(budgets, limit, spent - 1)  # the last file read passes it
        forget_stories()
        parsed.clear()
        found, diags = check(story)
        assert found is None and parsed, (limit, [str(d) for d in diags])
        assert diags == check(story, use_cache=False)[1]
        assert diags[-1].code in ("E030", "E031")
        monkeypatch.setattr(budgets, limit, spent)  # exactly at the limit: served
        forget_stories()
        parsed.clear()
        check(story)
        assert parsed == [], limit
        monkeypatch.setattr(budgets, limit, before[limit])


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


def test_a_single_file_story_stores_no_read_entry(story: Path, parsed: list[str],
                                                  cache_dir: Path) -> None:
    """One file that changes is read in full anyway; the whole-story cache serves it when
    it does not. So a single-file story is read each time the whole-story cache misses."""
    single = story.parent / "single.yaml"
    scenes = "".join(PART.format(sid=sid, nxt=nxt).replace("scenes:\n", "")
                     for sid, nxt in (("a", "b"), ("b", "c"), ("c", "end")))
    single.write_text(HEAD + scenes, encoding="utf-8")
    found, diags = check(single)
    assert found is not None, diags
    assert parsed == ["single.yaml"] and entries(cache_dir) == []
    forget_stories()
    parsed.clear()
    check(single)
    assert parsed == ["single.yaml"] and entries(cache_dir) == []


def test_a_file_with_an_anchor_is_not_stored(tmp_path: Path, cache_dir: Path) -> None:
    path = tmp_path / "anchored.yaml"
    path.write_text("id: x\na: &a [1, 2]\nb: *a\n", encoding="utf-8")
    readcache.read_yaml(path, str(path), None, True)
    assert entries(cache_dir) == []


def test_a_number_json_cannot_hold_is_not_stored(tmp_path: Path, cache_dir: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("id: x\nbig: 1.0e999\n", encoding="utf-8")
    got = readcache.read_yaml(path, str(path), None, True)
    assert isinstance(got, Located) and got.data["big"] == float("inf")
    assert entries(cache_dir) == []


def test_the_folder_is_bounded_least_recently_used_first(
        tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readcache, "MAX_ENTRIES", 2)
    paths = []
    for n in range(3):
        path = tmp_path / f"f{n}.yaml"
        path.write_text(f"id: x{n}\n", encoding="utf-8")
        paths.append(path)
        readcache.read_yaml(path, str(path), None, True)
        for older in entries(cache_dir):  # distinct times, whatever the file system's grain
            stamp = older.stat().st_mtime - 10
            os.utime(older, (stamp, stamp))
    kept = entries(cache_dir)
    assert len(kept) == 2
    newest = cache_dir / f"{readcache.entry_key(paths[2].read_bytes())}{readcache.SUFFIX}"
    assert newest in kept
    size = newest.stat().st_size
    monkeypatch.setattr(readcache, "MAX_BYTES", size)
    readcache.prune(cache_dir)
    assert entries(cache_dir) == [newest]
    old = cache_dir / f".orphan{TEMP_SUFFIX}"
    old.write_bytes(b"x")
    os.utime(old, (0, 0))
    readcache.prune(cache_dir)
    assert not old.exists()


# --- hostile and damaged entries ---------------------------------------------------------

SMALL = "id: x\ntitle: T\nlist: [a, 2, 1.5, true, ~]\nmap: {k: 'v'}\n"


def reseal(change: Callable[[list[Any]], None]) -> Callable[[bytes, str], bytes]:
    """An entry changed and sealed again, as someone who can write the folder could."""
    def forge(good: bytes, key: str) -> bytes:
        fields = msgspec.json.decode(good[readcache.DIGEST + 1:])
        change(fields)
        body = msgspec.json.encode(fields)
        return readcache._seal(key, body) + b"\n" + body
    return forge


def setter(index: int, value: Any) -> Callable[[list[Any]], None]:
    def change(fields: list[Any]) -> None:
        fields[index] = value
    return change


def consistent(raw: bytes, counts: tuple[int, int, int] | None = None
               ) -> Callable[[list[Any]], None]:
    """Data `raw` (JSON) with node and text counts and positions that agree with it
    (`counts`: nodes, keys, text, for what cannot be decoded), so only what is wrong with
    the data itself can have it refused."""
    def change(fields: list[Any]) -> None:
        nodes, keys, text = counts or tally(msgspec.json.decode(raw))
        fields[2:] = [nodes, text, msgspec.Raw(raw), [1, 1, 0] * (nodes - keys),
                      [1, 1, 0] * keys]
    return change


def tally(value: Any) -> tuple[int, int, int]:
    """Nodes (each container, key and scalar), keys and characters of text in `value`."""
    if isinstance(value, (dict, list)):
        inner = [tally(v) for v in (value.values() if isinstance(value, dict) else value)]
        keys = len(value) if isinstance(value, dict) else 0
        return (1 + keys + sum(n for n, _, _ in inner), keys + sum(k for _, k, _ in inner),
                (sum(map(len, value)) if keys else 0) + sum(t for _, _, t in inner))
    return 1, 0, len(value) if isinstance(value, str) else 0


def nest(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


# Entry fields: format, key, nodes, text, data, places, key_places.
DAMAGE: dict[str, Callable[[bytes, str], bytes]] = {
    "empty": lambda good, key: b"",
    "truncated": lambda good, key: good[: len(good) // 2],
    "flipped_digit": lambda good, key: good.replace(b"1.5", b"1.6"),
    "seal_only": lambda good, key: good[: readcache.DIGEST + 1],
    "not_json": lambda good, key: good[: readcache.DIGEST + 1] + b"\xff\xfe",
    "other_format": reseal(setter(0, readcache.FORMAT + 1)),
    "other_key": reseal(setter(1, "0" * 64)),
    "extra_field": reseal(lambda fields: fields.append(1)),
    "fewer_nodes": reseal(lambda fields: fields.__setitem__(2, fields[2] - 1)),
    "less_text": reseal(lambda fields: fields.__setitem__(3, 0)),
    "more_text": reseal(lambda fields: fields.__setitem__(3, fields[3] + 10_000)),
    "long_string": reseal(consistent(b'{"id":"' + b"x" * 100_001 + b'"}')),
    "long_key": reseal(consistent(b'{"' + b"x" * 100_001 + b'":1}')),
    "too_deep": reseal(consistent(msgspec.json.encode({"id": nest(64)}))),
    "huge_int": reseal(consistent(b'{"id":1000000000000000000}')),
    "huge_negative_int": reseal(consistent(b'{"id":-1000000000000000000}')),
    "huge_float": reseal(consistent(b'{"id":1e999}', (3, 1, 2))),
    "unclosed_data": reseal(consistent(b'{"id":{"k":1}', (5, 2, 3))),
    "missing_position": reseal(lambda fields: fields.__setitem__(5, fields[5][:-3])),
    "extra_position": reseal(lambda fields: fields.__setitem__(5, fields[5] + [1, 1, 0])),
    "line_zero": reseal(lambda fields: fields.__setitem__(5, [0, *fields[5][1:]])),
    "line_past_the_file": reseal(lambda fields: fields.__setitem__(5, [10**6,
                                                                       *fields[5][1:]])),
    "quote_two": reseal(lambda fields: fields.__setitem__(5, [*fields[5][:2], 2,
                                                              *fields[5][3:]])),
    "positions_not_numbers": reseal(setter(5, ["a", "b", "c"])),
    "missing_key_position": reseal(lambda fields: fields.__setitem__(6, fields[6][:-3])),
    "key_positions_swapped": reseal(lambda fields: fields.__setitem__(
        slice(5, 7), [fields[6], fields[5]])),
}


def damage_case(tmp_path: Path, cache_dir: Path) -> tuple[Path, Path, bytes, str]:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    readcache.read_yaml(path, str(path), None, True)
    (entry,) = entries(cache_dir)
    return path, entry, entry.read_bytes(), readcache.entry_key(path.read_bytes())


@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_a_damaged_or_hostile_entry_is_ignored_and_rewritten(
        name: str, tmp_path: Path, cache_dir: Path, parsed: list[str]) -> None:
    path, entry, good, key = damage_case(tmp_path, cache_dir)
    bad = DAMAGE[name](good, key)
    assert bad != good
    entry.write_bytes(bad)
    parsed.clear()
    budget = StoryBudget()
    got = readcache.read_yaml(path, str(path), budget, True)
    assert parsed == ["small.yaml"]  # the entry was not used
    fresh_budget = StoryBudget()
    same(got, read_yaml(path, str(path), fresh_budget))
    assert budget == fresh_budget
    assert entry.read_bytes() == good  # and it was written anew


@pytest.mark.parametrize("change", [
    lambda fields: None,
    consistent(b'{"id":"' + b"x" * 100_000 + b'","n":999999999999999999,"f":-1.5e300,'
               + b'"d":' + msgspec.json.encode(nest(63)) + b"}"),
])
def test_a_forged_entry_within_every_bound_is_used(change: Callable[[list[Any]], None],
                                                   tmp_path: Path, cache_dir: Path,
                                                   parsed: list[str]) -> None:
    """The forging above changes only what each case names: resealed unchanged, or with
    data at every bound, the entry is used (it says what YAML could have said)."""
    path, entry, good, key = damage_case(tmp_path, cache_dir)
    entry.write_bytes(reseal(change)(good, key))
    parsed.clear()
    got = readcache.read_yaml(path, str(path), None, True)
    assert parsed == [] and isinstance(got, Located)


def test_an_entry_over_the_size_limit_is_refused_unread(
        tmp_path: Path, cache_dir: Path, parsed: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path, _, good, _ = damage_case(tmp_path, cache_dir)
    monkeypatch.setattr(readcache, "LIMIT", len(good))
    parsed.clear()
    readcache.read_yaml(path, str(path), None, True)
    assert parsed == []
    monkeypatch.setattr(readcache, "LIMIT", len(good) - 1)
    readcache.read_yaml(path, str(path), None, True)
    assert parsed == ["small.yaml"]


def test_a_link_in_place_of_an_entry_is_not_followed_or_replaced(
        tmp_path: Path, cache_dir: Path, parsed: list[str]) -> None:
    path, entry, good, _ = damage_case(tmp_path, cache_dir)
    elsewhere = tmp_path / "elsewhere.read"
    elsewhere.write_bytes(good)
    entry.unlink()
    entry.symlink_to(elsewhere)
    parsed.clear()
    readcache.read_yaml(path, str(path), None, True)
    assert parsed == ["small.yaml"]
    assert entry.is_symlink() and elsewhere.read_bytes() == good


def test_a_linked_cache_folder_is_not_used(tmp_path: Path, cache_dir: Path,
                                           parsed: list[str]) -> None:
    path, _, _, _ = damage_case(tmp_path, cache_dir)
    real = tmp_path / "real"
    cache_dir.rename(real)
    cache_dir.symlink_to(real, target_is_directory=True)
    parsed.clear()
    readcache.read_yaml(path, str(path), None, True)
    readcache.read_yaml(path, str(path), None, True)
    assert parsed == ["small.yaml", "small.yaml"]


def test_the_loader_reads_through_the_read_cache() -> None:
    assert vars(loader)["read_yaml"] is readcache.read_yaml


def test_confide_check_after_an_edit_says_what_a_fresh_read_says(story: Path,
                                                                 cache_dir: Path) -> None:
    """End to end: `confide check` on a folder story, one file edited to a warning, says
    the same with the read cache as with --no-cache."""
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
    assert len(entries(cache_dir)) == 5  # the edited file's new read is kept too
