"""The compiled-story cache (game/story/cache.py): hits skip the YAML, anything wrong with
an entry is ignored and rewritten, and the diagnostics never depend on the cache.

No test times anything: work is counted instead (how often the YAML reader runs).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from game.analysis.lint import deep_check
from game.cli import _core_command, build_parser
from game.story import cache, loader
from game.story.diagnostics import Diagnostic
from game.story.loader import bundled, check

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "story" / "fixtures" / "diag"
HOSTILE = ROOT / "tests" / "hostile" / "fixtures"
STORY = """\
id: tiny
title: Tiny
start: hello
rupture: broken
characters:
  partners:
    sam: {name: Sam}
flags:
  unused: false
scenes:
  hello:
    lines: ["Hi, {player}.", {sam: "Hello."}]
    choices:
      - {id: chat, kind: disclose, layer: 0, text: Chat, next: bye}
      - {id: share, kind: disclose, layer: 1, topic: work, text: Work, next: bye,
         if: "sam.trust >= 10"}
  bye:
    background: nowhere/missing.png
    ending: {outcome: acquaintance, title: Bye}
  broken:
    ending: {outcome: ruptured, title: Broken}
"""


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONFIDE_CACHE_DIR", str(folder))
    monkeypatch.delenv("CONFIDE_NO_CACHE", raising=False)
    return folder / cache.FOLDER


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each YAML file the loader parses, in order."""
    seen: list[str] = []
    real = loader.read_yaml

    def counting(path: Path, *args: Any) -> Any:
        seen.append(path.name)
        return real(path, *args)

    monkeypatch.setattr(loader, "read_yaml", counting)
    return seen


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(STORY, encoding="utf-8")
    return path


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def only_entry(folder: Path) -> Path:
    found = entries(folder)
    assert len(found) == 1, found
    return found[0]


def test_a_miss_writes_an_entry_and_a_hit_reads_no_yaml(story: Path, cache_dir: Path,
                                                        reads: list[str]) -> None:
    cold, cold_diags = check(story)
    assert reads == ["tiny.yaml"] and len(entries(cache_dir)) == 1
    warm, warm_diags = check(story)
    assert reads == ["tiny.yaml"]  # the hit parsed nothing
    assert cold is not None and warm is not None
    assert warm_diags == cold_diags and warm.warnings == cold.warnings
    assert {d.code for d in warm_diags} == {"W002", "W004"}
    assert warm.meta == cold.meta and warm.scenes == cold.scenes
    assert warm.content_hash == cold.content_hash and warm.params == cold.params


def test_positions_after_a_hit_are_read_from_the_yaml_when_asked(story: Path,
                                                                 reads: list[str]) -> None:
    cold, _ = check(story)
    warm, _ = check(story)
    assert cold is not None and warm is not None and warm.located is not None
    assert reads == ["tiny.yaml"]
    where = ("scenes", "hello", "choices", 1, "if")
    assert cold.located is not None
    assert warm.located.mark_for(where) == cold.located.mark_for(where)
    assert warm.located.key_mark(("scenes", "bye")) == cold.located.key_mark(("scenes", "bye"))
    assert reads == ["tiny.yaml", "tiny.yaml"]  # read once, when first asked


def test_the_deep_lint_locates_its_warnings_the_same_after_a_hit(story: Path,
                                                                 reads: list[str]) -> None:
    cold, _ = check(story)
    warm, _ = check(story)
    assert cold is not None and warm is not None
    found = deep_check(warm, 2000).diagnostics
    assert [d.code for d in found] == ["W105"] and found[0].line == 15
    assert found == deep_check(cold, 2000).diagnostics


def test_an_edit_makes_the_entry_stale(story: Path, cache_dir: Path,
                                       reads: list[str]) -> None:
    check(story)
    story.write_text(STORY.replace("title: Tiny", "title: Tinier"), encoding="utf-8")
    found, _ = check(story)
    assert found is not None and found.meta.title == "Tinier"
    assert reads == ["tiny.yaml", "tiny.yaml"] and len(entries(cache_dir)) == 2


def test_a_changed_module_of_the_loader_makes_the_entry_stale(
        story: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    check(story)
    real = cache.engine()
    monkeypatch.setattr(cache, "engine", lambda: real + "\0semantic.py:1:2")
    check(story)
    check(story)
    assert len(reads) == 2


def test_a_file_added_beside_a_folder_story_makes_the_entry_stale(tmp_path: Path,
                                                                  reads: list[str]) -> None:
    folder = tmp_path / "tale"
    folder.mkdir()
    (folder / "story.yaml").write_text(STORY, encoding="utf-8")
    _, before = check(folder)
    (folder / "notes.txt").write_text("drafts", encoding="utf-8")
    _, after = check(folder)
    assert reads == ["story.yaml", "story.yaml"]
    assert [d.code for d in after if d not in before] == ["W006"]


def test_a_missing_asset_is_found_afresh_on_a_hit(tmp_path: Path, reads: list[str]) -> None:
    folder = tmp_path / "tale"
    folder.mkdir()
    (folder / "story.yaml").write_text(STORY, encoding="utf-8")
    _, before = check(folder)
    (folder / "nowhere").mkdir()
    (folder / "nowhere" / "missing.png").write_bytes(b"not checked here")
    _, after = check(folder)
    assert [d.code for d in before if d not in after] == ["W002"]
    assert reads == ["story.yaml"]  # images are not part of the key: the hit stands


def damage_truncate(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def damage_garbage(raw: bytes) -> bytes:
    return b"\x00\xffnot json at all" + raw[:20]


def damage_empty(raw: bytes) -> bytes:
    return b""


def _parts(raw: bytes) -> tuple[bytes, bytes, bytes]:
    """An entry's digest line, header and story (game/story/cache.py, read_entry)."""
    first = raw.index(b"\n") + 1
    second = raw.index(b"\n", first) + 1
    return raw[:first], raw[first:second - 1], raw[second:]


def edited(change: Callable[[dict[str, Any]], None], seal: bool = True
           ) -> Callable[[bytes], bytes]:
    """An entry changed on purpose; sealed with a matching digest, as a hostile writer
    who read game/story/cache.py could, so the checks behind the digest are tested."""
    def damage(raw: bytes) -> bytes:
        line, header, story = _parts(raw)
        data = {**json.loads(header), "story": json.loads(story)}
        size = data["size"]
        change(data)
        story = json.dumps(data.pop("story")).encode()
        if data["size"] == size:  # kept right unless the change is to the size itself
            data["size"] = len(story)
        body = json.dumps(data).encode() + b"\n" + story
        return cache.seal(body) if seal else line + body
    return damage


def resealed(change: Callable[[bytes, bytes], tuple[bytes, bytes]]
             ) -> Callable[[bytes], bytes]:
    """The header's and the story's bytes changed as they are, then sealed."""
    def damage(raw: bytes) -> bytes:
        _, header, story = _parts(raw)
        header, story = change(header, story)
        return cache.seal(header + b"\n" + story)
    return damage


def _deep(text: bytes) -> bytes:
    return text.replace(b"{", b'{"x":' + b"[" * 200_000 + b"]" * 200_000 + b",", 1)


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
    return change


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "truncated": damage_truncate,
    "garbage": damage_garbage,
    "empty": damage_empty,
    "not_an_object": lambda raw: b"[1, 2, 3]",
    "other_format": edited(_set(("format",), cache.FORMAT + 1)),
    "other_version": edited(_set(("version",), "0.0.0")),
    "other_key": edited(_set(("key",), "0" * 64)),
    "extra_field": edited(_set(("extra",), 1)),
    "line_not_a_number": edited(_set(("diagnostics", 0, "line"), "7")),
    "line_zero": edited(_set(("diagnostics", 0, "line"), 0)),
    "error_injected": edited(_set(("diagnostics", 0, "severity"), "error")),
    "mark_line_zero": edited(_set(("marks", 0, 1, 1), 0)),
    "bad_code": edited(_set(("diagnostics", 0, "code"), "W00x")),
    "story_not_an_object": edited(_set(("story",), "tiny")),
    "layer_out_of_range": edited(_set(("story", "scenes", "hello", "choices", 1, "layer"), 9)),
    "unknown_story_key": edited(_set(("story", "bogus"), 1)),
    "target_missing": edited(_set(("story", "scenes", "hello", "choices", 0, "next"), "nope")),
    "bad_expression": edited(_set(("story", "scenes", "hello", "choices", 1, "if"),
                                  "__import__('os')")),
    "deeply_nested_header": resealed(lambda header, story: (_deep(header), story)),
    "deeply_nested_story": resealed(lambda header, story: (header, _deep(story))),
    # The header's own fields (format 3): sizes, the first line, quotes, long messages.
    "size_too_small": edited(lambda data: data.update(size=1)),
    "story_cut_short": resealed(lambda header, story: (header, story[:-1])),
    "story_with_more_after": resealed(lambda header, story: (header, story + b" {}")),
    "no_digest_line": lambda raw: _parts(raw)[1] + b"\n" + _parts(raw)[2],
    "other_magic": lambda raw: raw.replace(cache.MAGIC, b"confide-other-cache ", 1),
    "header_split": resealed(lambda header, story: (header.replace(b",", b",\n", 1), story)),
    "mark_quote_two": edited(_set(("marks", 0, 1, 3), 2)),
    "message_too_long": edited(_set(("diagnostics", 0, "message"), "x" * (cache.MAX_MESSAGE + 1))),
    "code_of_an_error": edited(_set(("diagnostics", 0, "code"), "E001")),
    # Each bound of the schema holds for the plain data an entry decodes to (plain.py).
    "tuning_out_of_range": edited(_set(("story", "model", "noise"), 50.5)),
    "trust_out_of_range": edited(_set(("story", "characters", "partners", "sam", "trust"), 101)),
    "threshold_out_of_range": edited(_set(("story", "model", "thresholds"), [999, 0, 0])),
    "not_a_number": edited(_set(("story", "model", "noise"), float("nan"))),
    "infinite": edited(_set(("story", "characters", "partners", "sam", "trust"), float("inf"))),
    "title_too_long": edited(_set(("story", "title"), "x" * 121)),
    "text_too_long": edited(_set(("story", "scenes", "hello", "lines", 0, "text"), "x" * 20_001)),
    "id_with_newline": edited(_set(("story", "start"), "hello\n")),
    "unknown_scene_key": edited(_set(("story", "scenes", "hello", "bogus"), 1)),
    "unknown_partner": edited(_set(("story", "scenes", "hello", "choices", 0, "partner"), "kim")),
    "unknown_speaker": edited(_set(("story", "scenes", "hello", "lines", 1, "speaker"), "kim")),
    "bad_effect": edited(_set(("story", "scenes", "hello", "choices", 0, "effects"),
                              ["sam.trust = true"])),
    "empty_condition": edited(_set(("story", "scenes", "hello", "choices", 1, "if"), "")),
    "flag_not_a_value": edited(_set(("story", "flags", "unused"), "yes")),
    "landing_not_allowed": edited(_set(("story", "scenes", "hello", "choices", 0, "reactions"),
                                       {"intrusion": "Sam frowns."})),
    "unsealed_edit": edited(_set(("story", "title"), "Other"), seal=False),
    "digit_flipped": lambda raw: raw.replace(b'"line":', b'"line":1', 1),
}


@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_a_damaged_or_hostile_entry_is_ignored_and_rewritten(name: str, story: Path,
                                                             cache_dir: Path,
                                                             reads: list[str]) -> None:
    expected = check(story, use_cache=False)
    reads.clear()
    check(story)
    entry = only_entry(cache_dir)
    good = entry.read_bytes()
    entry.write_bytes(DAMAGE[name](good))
    found, diags = check(story)
    assert reads == ["tiny.yaml", "tiny.yaml"]  # the entry was not used
    assert diags == expected[1] and found is not None and expected[0] is not None
    assert found.meta == expected[0].meta
    assert only_entry(cache_dir).read_bytes() == good  # and it was written anew
    check(story)
    assert len(reads) == 2


@pytest.mark.parametrize("unchanged", [edited(lambda data: None),
                                       resealed(lambda header, story: (header, story))])
def test_an_entry_rebuilt_unchanged_is_used(unchanged: Callable[[bytes], bytes], story: Path,
                                            cache_dir: Path, reads: list[str]) -> None:
    """The control for the damage above: each one is refused for its change alone."""
    check(story)
    entry = only_entry(cache_dir)
    entry.write_bytes(unchanged(entry.read_bytes()))
    found, _ = check(story)
    assert found is not None and reads == ["tiny.yaml"]


def test_an_entry_at_the_size_limit_is_read_and_one_byte_over_is_not(
        story: Path, cache_dir: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    check(story)
    size = only_entry(cache_dir).stat().st_size
    monkeypatch.setattr(cache, "LIMIT", size)
    check(story)
    assert len(reads) == 1
    monkeypatch.setattr(cache, "LIMIT", size - 1)
    check(story)
    assert len(reads) == 2
    assert only_entry(cache_dir).stat().st_size == size  # over the limit: not written either


def test_a_huge_entry_is_refused_unread(story: Path, cache_dir: Path,
                                        reads: list[str]) -> None:
    check(story)
    entry = only_entry(cache_dir)
    with entry.open("r+b") as fh:
        fh.truncate(cache.LIMIT + 1)  # sparse: costs no disk
    found, _ = check(story)
    assert found is not None and len(reads) == 2


def test_a_link_in_place_of_an_entry_is_not_followed_or_replaced(
        story: Path, cache_dir: Path, reads: list[str], tmp_path: Path) -> None:
    check(story)
    entry = only_entry(cache_dir)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(elsewhere)
    found, _ = check(story)
    assert found is not None and len(reads) == 2
    assert entry.is_symlink() and elsewhere.read_bytes() == entry.read_bytes()


def test_a_linked_cache_folder_is_not_used(story: Path, tmp_path: Path, reads: list[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "real"
    (real / cache.FOLDER).mkdir(parents=True)
    planted = tmp_path / "planted"
    planted.mkdir()
    (planted / cache.FOLDER).symlink_to(real / cache.FOLDER)
    monkeypatch.setenv("CONFIDE_CACHE_DIR", str(planted))
    check(story)
    check(story)
    assert len(reads) == 2 and entries(real / cache.FOLDER) == []


def test_a_folder_that_cannot_be_written_is_skipped(story: Path, tmp_path: Path,
                                                    reads: list[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CONFIDE_CACHE_DIR", str(blocker / "cache"))
    first = check(story)
    second = check(story)
    assert first[1] == second[1] and second[0] is not None and len(reads) == 2


def test_no_cache_variable_neither_reads_nor_writes(story: Path, cache_dir: Path,
                                                    reads: list[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    check(story)
    monkeypatch.setenv("CONFIDE_NO_CACHE", "1")
    check(story)
    assert len(reads) == 2
    only_entry(cache_dir).unlink()
    check(story)
    assert entries(cache_dir) == []


def test_old_entries_are_pruned(tmp_path: Path, cache_dir: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    for i in range(3):
        path = tmp_path / f"s{i}.yaml"
        path.write_text(STORY, encoding="utf-8")
        check(path)
        os.utime(only_or_latest(cache_dir), (1_000_000 + i, 1_000_000 + i))
    assert len(entries(cache_dir)) == 2


def test_a_temp_file_left_by_a_crash_is_removed_once_old(story: Path, cache_dir: Path,
                                                         tmp_path: Path) -> None:
    check(story)
    old, fresh = cache_dir / ".x.json.1.tmp", cache_dir / ".y.json.2.tmp"
    for path in (old, fresh):
        path.write_bytes(b"half")
    os.utime(old, (1_000_000, 1_000_000))
    story.write_text(STORY.replace("Tiny", "Edited"), encoding="utf-8")
    check(story)  # a miss writes, and tidies up
    assert not old.exists() and fresh.exists()


def only_or_latest(folder: Path) -> Path:
    return max(entries(folder), key=lambda p: p.stat().st_ctime_ns)


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120, check=False)


def test_no_cache_flag_on_the_command_line(story: Path, cache_dir: Path) -> None:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    env.pop("CONFIDE_NO_CACHE", None)
    for args in (("check", str(story), "--shallow", "--no-cache"),
                 ("play", str(story), "--text", "--choices", "1", "--no-cache"),
                 ("simulate", str(story), "--runs", "5", "--no-cache")):
        done = cli(*args, env=env)
        assert done.returncode == 0, done.stderr
        assert entries(cache_dir) == [], args
    plain = cli("check", str(story), "--shallow", env=env)
    assert len(entries(cache_dir)) == 1
    warm = cli("check", str(story), "--shallow", env=env)
    assert warm.stdout == plain.stdout and "W004" in warm.stdout


def diagnostic_sets(path: Path) -> Iterator[list[Diagnostic]]:
    yield check(path, use_cache=False)[1]
    yield check(path)[1]  # cold: written
    yield check(path)[1]  # warm: read


FIXTURE_PATHS = sorted([*FIXTURES.iterdir(), *HOSTILE.iterdir(),
                        *(ROOT / "tests" / "fixtures").glob("*.yaml")])


@pytest.mark.parametrize("path", FIXTURE_PATHS, ids=lambda p: p.name)
def test_fixture_diagnostics_are_the_same_with_and_without_the_cache(path: Path) -> None:
    plain, cold, warm = diagnostic_sets(path)
    assert plain == cold == warm


@pytest.mark.parametrize("path", bundled(), ids=lambda p: p.name)
def test_bundled_story_is_the_same_with_and_without_the_cache(path: Path,
                                                              reads: list[str]) -> None:
    plain, _ = check(path, use_cache=False)
    parsed = len(reads)
    check(path)
    warm, diags = check(path)
    assert plain is not None and warm is not None
    assert len(reads) == 2 * parsed  # the third load read nothing
    assert diags == list(plain.warnings) and warm.meta == plain.meta
    assert warm.scenes == plain.scenes and warm.params == plain.params
    assert warm.content_hash == plain.content_hash


@pytest.mark.parametrize(("argv", "core"), [
    ([], True), (["play", "tutorial"], True), (["--no-cache", "check", "x"], True),
    (["simulate", "tutorial"], False), (["--help"], False), (["play", "-h"], False),
    (["tutorial"], False),
])
def test_only_the_parser_s_own_commands_skip_the_others(argv: list[str], core: bool) -> None:
    assert _core_command(argv) is core
    assert "--no-cache" in build_parser(extra=False).format_help()
