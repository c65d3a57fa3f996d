"""Smallest inputs the fuzzers found that break the loader's or the runtime's promises.

Each stays `xfail(strict=True)` until the engine is fixed; the fix then turns the test
into an unexpected pass, which fails the run until the marker is removed, so a fixed case
becomes a plain regression test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.errors import ModelError, SessionError
from game.runtime import Session
from game.story.loader import check

from .harness import Hang, checked, time_limit

MINI = (Path(__file__).parents[1] / "fixtures" / "mini.yaml").read_text(encoding="utf-8")

NOWHERE = """\
id: nowhere
title: Nowhere
start: a
rupture: gone
characters:
  partners:
    sam: {name: Sam}
flags:
  x: false
scenes:
  a:
    choices:
      - id: go
        text: Go
        effects: ["flag.x = true"]
    branches:
      - if: flag.x and not flag.x
        to: b
  b:
    ending: {outcome: deepened, title: B}
  gone:
    ending: {outcome: ruptured, title: Gone}
"""


@pytest.mark.xfail(strict=True, raises=SessionError, reason=(
                   "a choice with no 'next' in a scene whose branches "
                   "all have conditions loads, then raises SessionError ('nowhere to go') "
                   "when no branch holds"))
def test_choice_with_only_conditional_branches_to_fall_back_on(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    path.write_text(NOWHERE, encoding="utf-8")
    story, diags = checked(path, "regression", generated=False)
    if story is None:
        # Refusing the story at load time, at the choice, is one acceptable fix.
        assert any(d.code == "E018" for d in diags), [str(d) for d in diags]
        return
    session = Session(story, 0)
    session.choose("go")  # the other fix: the runtime never raises for a loaded story
    assert session.state.scene in story.scenes


STUCK = NOWHERE.replace('effects: ["flag.x = true"]', "if: flag.x\n        next: b").replace(
    "flag.x and not flag.x", "flag.x")


@pytest.mark.xfail(strict=True, raises=SessionError, reason=(
                   "a scene whose choices are all unavailable offers "
                   "'continue' because it has branches; when every branch condition is "
                   "false and there is no 'next', 'continue' raises SessionError"))
def test_continue_with_only_conditional_branches(tmp_path: Path) -> None:
    path = tmp_path / "stuck.yaml"
    path.write_text(STUCK, encoding="utf-8")
    story, diags = checked(path, "regression", generated=False)
    if story is None:
        assert any(d.code == "E018" for d in diags), [str(d) for d in diags]
        return
    session = Session(story, 0)
    for choice in session.available():
        session.choose(choice.id)
        break
    assert session.state.scene in story.scenes


@pytest.mark.xfail(strict=True, raises=AssertionError, reason=(
                   "a control character in the file is reported as "
                   "E004 at 1:1 with PyYAML's two-line message (ReaderError is not a "
                   "MarkedYAMLError), instead of one line at the character"))
def test_control_character_is_one_located_line(tmp_path: Path) -> None:
    path = tmp_path / "control.yaml"
    path.write_bytes(b"0\x1f")
    story, diags = checked(path, "regression", generated=False)
    assert story is None
    (d,) = diags
    assert "\n" not in d.message, d.message
    assert (d.line, d.col) == (1, 2), str(d)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.xfail(strict=True, raises=Hang, reason="a named pipe called *.yaml in a story "
                   "folder blocks the loader forever (read_bytes on a FIFO; /dev/zero as a "
                   "story path likewise reads without end); only regular files should be read")
def test_named_pipe_in_story_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text(MINI, encoding="utf-8")
    os.mkfifo(tmp_path / "extra.yaml")
    with time_limit(1.0, "check() of a folder holding a named pipe"):
        story, diags = checked(tmp_path, "regression", generated=False)
    assert story is None
    assert any(d.code == "E001" and d.path.endswith("extra.yaml") for d in diags), diags


@pytest.mark.xfail(strict=True, raises=OSError, reason=(
                   "an asset path longer than the file system allows makes Path.is_file() "
                   "raise OSError ENAMETOOLONG in game/story/semantic.py resolve_asset: "
                   "`confide check` prints a traceback"))
def test_overlong_asset_path_is_a_diagnostic(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    long_name = "x" * 300 + ".png"
    path.write_text(MINI.replace("  middle:\n", f"  middle:\n    background: {long_name}\n"),
                    encoding="utf-8")
    _, diags = check(path)  # not `checked`: the fuzz harness tolerates this known crash
    assert any(d.code in ("W002", "E019") for d in diags), [str(d) for d in diags]


@pytest.mark.xfail(strict=True, raises=ModelError, reason=(
                   "a model value that passes the schema but not the model's own checks "
                   "(negative, or '1e999', which the schema turns into infinity) raises "
                   "ModelError out of check() from build.params_for, with no location"))
@pytest.mark.parametrize("section", ["model: {skip_penalty: -1}",
                                     "model: {judge_trust: 1e999}"])
def test_model_value_out_of_range_is_located(tmp_path: Path, section: str) -> None:
    path = tmp_path / "model.yaml"
    path.write_text(MINI.replace("flags:\n", f"{section}\nflags:\n"), encoding="utf-8")
    story, diags = check(path)  # not `checked`: the fuzz harness tolerates this known crash
    assert story is None
    (d,) = [d for d in diags if d.is_error]
    assert d.code == "E011" and (d.line, d.col) > (1, 1), str(d)
