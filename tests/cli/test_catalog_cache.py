"""The picker's catalogue cache (game/catalogcache.py): an unchanged story is not validated
again, a changed one is, and a cache file that is damaged, truncated, oversized, forged or
not a file at all is ignored and rebuilt, never trusted or fatal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game import catalogcache
from game.catalog import Entry, describe

MINI = Path(__file__).parents[1] / "fixtures" / "mini.yaml"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONFIDE_CACHE_DIR", str(tmp_path / "cache"))
    return catalogcache.cache_file()


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "stories" / "mini"
    folder.mkdir(parents=True)
    (folder / "story.yaml").write_text(MINI.read_text("utf-8"), "utf-8")
    return folder


def listed(paths: list[Path]) -> tuple[list[Entry], list[Path]]:
    """The catalogue of `paths`, and which stories had to be described (validated)."""
    described: list[Path] = []

    def counting(path: Path) -> Entry:
        described.append(path)
        return describe(path)

    return catalogcache.cached_catalog(paths, counting, Entry), described


def test_an_unchanged_story_is_not_validated_again(cache: Path, story: Path) -> None:
    first, described = listed([story])
    assert described == [story] and cache.is_file()
    again, described = listed([story])
    assert described == [] and again == first and first[0].scenes > 0


def test_a_changed_story_is_described_again(cache: Path, story: Path) -> None:
    first, _ = listed([story])
    text = (story / "story.yaml").read_text("utf-8")
    (story / "story.yaml").write_text(text.replace("title:", "title: New", 1), "utf-8")
    changed, described = listed([story])
    assert described == [story] and changed[0].title != first[0].title


def forged(cache: Path, story: Path, change: dict[str, object]) -> None:
    data = json.loads(cache.read_text("utf-8"))
    assert data["entries"]  # forging nothing would let the test pass untested
    for entry in data["entries"].values():
        entry.update(change)
    cache.write_text(json.dumps(data), "utf-8")


@pytest.mark.parametrize("damage", [
    "garbage", "truncated", "empty", "oversized", "wrong_format", "not_a_mapping",
    "scenes_as_text", "notes_not_text", "endings_not_numbers", "missing_field",
])
def test_a_bad_cache_file_is_ignored_and_rebuilt(cache: Path, story: Path, damage: str) -> None:
    good, _ = listed([story])
    body = cache.read_bytes()
    if damage == "garbage":
        cache.write_bytes(os.urandom(4096))
    elif damage == "truncated":
        cache.write_bytes(body[: len(body) // 2])
    elif damage == "empty":
        cache.write_bytes(b"")
    elif damage == "oversized":
        with cache.open("r+b") as fh:
            fh.truncate(catalogcache.LIMIT + 1)  # sparse: costs no disk
    elif damage == "wrong_format":
        cache.write_text(json.dumps({**json.loads(body), "format": 0}), "utf-8")
    elif damage == "not_a_mapping":
        cache.write_text("[1, 2, 3]", "utf-8")
    else:
        change: dict[str, object] = {
            "scenes_as_text": {"scenes": "9"}, "notes_not_text": {"content_notes": [1]},
            "endings_not_numbers": {"endings": {"deepened": "1"}},
            "missing_field": {"title": None}}[damage]
        forged(cache, story, change)
    again, described = listed([story])
    assert described == [story] and again == good
    rebuilt, described = listed([story])  # and the file was written anew
    assert described == [] and rebuilt == good


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_or_folder_in_place_of_the_cache_is_harmless(cache: Path, story: Path) -> None:
    cache.parent.mkdir(parents=True)
    os.mkfifo(cache)
    entries, described = listed([story])
    assert described == [story] and entries[0].scenes > 0
    cache.unlink()
    cache.mkdir()
    entries, described = listed([story])
    assert described == [story] and entries[0].scenes > 0


def test_confide_list_gives_the_same_answer_from_the_cache(tmp_path: Path) -> None:
    env = {**os.environ, "CONFIDE_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-m", "game", "list", "--json"], cwd=ROOT,
                           env=env, capture_output=True, text=True, timeout=120)
            for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    assert runs[0].stdout == runs[1].stdout and json.loads(runs[0].stdout)
    assert (tmp_path / "catalog.json").is_file()
