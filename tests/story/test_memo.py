"""The process's memo of compiled expressions (game.story.memo.py): kept only while a
story's names stay the same, bounded, and off when the caches are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.gen import write
from game.errors import ExpressionError
from game.story import filecache
from game.story import memo as exprmemo
from game.story.build import Builder
from game.story.diagnostics import Diagnostic
from game.story.expr import Symbols, parse_condition
from game.story.loader import check


def symbols(**flags: type) -> Symbols:
    return Symbols(partners=frozenset({"sam"}), flags=flags, scenes=frozenset({"s0", "s1"}),
                   default_partner="sam")


@pytest.fixture(autouse=True)
def fresh_memo(monkeypatch: pytest.MonkeyPatch, own_cache: Path) -> None:
    monkeypatch.setattr(exprmemo, "_last", [])


def test_the_same_names_share_one_memo_and_other_names_get_a_new_one() -> None:
    first = exprmemo.memo_for(symbols(met=bool))
    found = first.condition("flag.met and visits.s1 > 0")
    assert found == parse_condition("flag.met and visits.s1 > 0", symbols(met=bool))
    assert exprmemo.memo_for(symbols(met=bool)) is first  # equal, though another object
    assert first.condition("flag.met and visits.s1 > 0") is found
    other = exprmemo.memo_for(symbols(met=int))  # a flag's type changed: what parses does
    assert other is not first
    assert isinstance(other.condition("flag.met and visits.s1 > 0"), ExpressionError)


def test_an_error_is_kept_without_the_frames_it_was_raised_in() -> None:
    memo = exprmemo.memo_for(symbols(met=bool))
    for error in (memo.condition("flag.nope > 1"), memo.effect_list("flag.met += 1; x =")):
        assert isinstance(error, ExpressionError)
        assert error.__traceback__ is None and error.__context__ is None


def test_the_memo_is_dropped_past_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exprmemo, "MAX_TEXTS", 3)
    memo = exprmemo.memo_for(symbols(met=bool))
    for n in range(3):
        memo.condition(f"visits.s0 > {n}")
    assert exprmemo.memo_for(symbols(met=bool)) is not memo


def test_only_a_load_with_the_caches_on_uses_it(tmp_path: Path) -> None:
    path = write(20, tmp_path)
    check(path, use_cache=False)
    assert exprmemo._last == []
    story, _ = check(path)
    assert story is not None and len(exprmemo._last) == 1
    again, _ = check(path, use_cache=True)  # the whole-story entry: the memo serves it
    assert again == story
    line = next(ln for ln in again.scenes["s3"].lines if ln.cond is not None)
    assert exprmemo._last[0].conditions[line.cond.source] is line.cond


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The id of each scene the compiler compiles (rather than takes from the memo)."""
    seen: list[str] = []
    real = Builder.scene

    def spy(self: Builder, sid: str, scene: Any) -> Any:
        seen.append(sid)
        return real(self, sid, scene)

    monkeypatch.setattr(Builder, "scene", spy)
    return seen


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def same_as_fresh(path: Path) -> list[Diagnostic]:
    story, diags = check(path)
    fresh, fresh_diags = check(path, use_cache=False)
    assert story == fresh and diags == fresh_diags
    return diags


def test_after_an_edit_only_the_edited_files_scenes_are_compiled_again(
        tmp_path: Path, compiled: list[str]) -> None:
    path = write(60, tmp_path, per_file=20)
    # A warning in a file that stays unchanged: taken from the memo with its scene.
    edit(path / "part000.yaml", "Scene 5 begins;", "Scene 5 begins, {nobody};")
    check(path)
    edit(path / "part001.yaml", "Scene 21 begins;", "Scene 21 begins, edited;")
    compiled.clear()
    story, diags = check(path)
    assert sorted(compiled) == sorted(f"s{i}" for i in range(20, 40))
    assert story is not None
    assert story.scenes["s21"].lines[0].text.startswith("Scene 21 begins, edited;")
    assert [d.code for d in diags if d.code == "W003"] == ["W003"]
    assert same_as_fresh(path) == diags


def test_any_change_around_the_scenes_compiles_every_scene_again(
        tmp_path: Path, compiled: list[str]) -> None:
    path = write(60, tmp_path, per_file=20)
    check(path)
    edit(path / "story.yaml", "{name: Sam,", "{name: Samira,")  # the partner's name
    compiled.clear()
    story, _ = check(path)
    assert story is not None and len(compiled) == len(story.scenes) == 64
    assert story.scenes["s1"].lines[1].name == "Samira"
    same_as_fresh(path)
    edit(path / "story.yaml", "title: Generated story\n",  # a setting every scene reads
         "title: Generated story\ndepth_on_cards: hidden\n")
    compiled.clear()
    story, _ = check(path)
    assert story is not None and len(compiled) == 64 and story.scenes["s1"].hides_depth
    same_as_fresh(path)
    edit(path / "part002.yaml", "  s59:", "  s59b:")  # a scene renamed: other symbols
    compiled.clear()
    check(path)
    assert len(compiled) == 64
    same_as_fresh(path)


def test_forgetting_makes_the_next_load_compile_everything_again(tmp_path, monkeypatch) -> None:
    """The benchmark's first load must be cold in memory as well as on disk."""
    monkeypatch.setenv("CONFIDE_CACHE_DIR", str(tmp_path / "cache"))
    story = tmp_path / "s.yaml"
    story.write_text("id: s\ntitle: S\nstart: a\ncharacters: {partners: {sam: {name: Sam}}}\n"
                     "scenes:\n  a: {ending: {outcome: acquaintance, title: A}}\n",
                     encoding="utf-8")
    assert check(story)[0] is not None
    assert exprmemo._last
    exprmemo.forget()
    filecache.forget()
    assert not exprmemo._last and not filecache._kept
