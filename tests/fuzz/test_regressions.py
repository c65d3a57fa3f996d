"""Smallest inputs the fuzzers (and their authors) found that broke the loader's or the
runtime's promises, kept so they stay fixed.

A case that is still open is marked `xfail(strict=True)`: the fix turns it into an
unexpected pass, which fails the run until the marker is removed.
"""

from __future__ import annotations

import difflib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from game.runtime import Session
from game.story import expr_names
from game.story.loader import check

from .harness import HANG_SECONDS, checked

ROOT = Path(__file__).resolve().parents[2]
# Runs check() in a child that exits with 3 when its time is up: a hang in the loader then
# fails the test cleanly, with no exception raised into the middle of the loader's frames.
CHILD = """
import os, signal, sys
from pathlib import Path
from game.story.loader import check
signal.signal(signal.SIGALRM, lambda *_: os._exit(3))
signal.setitimer(signal.ITIMER_REAL, float(sys.argv[2]))
story, diags = check(Path(sys.argv[1]))
signal.setitimer(signal.ITIMER_REAL, 0)
print("\\n".join(map(str, diags)))
"""


def check_within(path: Path, seconds: float) -> list[str]:
    """The diagnostics of `check(path)`, asserting it returned within `seconds`: a guard
    against a hang, so `seconds` is generous; speed is measured in `make bench`."""
    if not hasattr(signal, "setitimer"):
        pytest.skip("the time limit needs POSIX interval timers")
    r = subprocess.run([sys.executable, "-c", CHILD, str(path), str(seconds)], cwd=ROOT,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode != 3, f"check({path.name}) did not return within {seconds} s"
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines()


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


def test_choice_with_only_conditional_branches_to_fall_back_on(tmp_path: Path) -> None:
    """A choice with no 'next', in a scene whose branches all have conditions, used to load and
    then stop play with SessionError ('nowhere to go') when no branch held."""
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


def test_continue_with_only_conditional_branches(tmp_path: Path) -> None:
    """A scene with no available choice offers 'continue' because it has branches; with every
    branch false and no 'next', continuing used to raise SessionError."""
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


def test_control_character_is_one_located_line(tmp_path: Path) -> None:
    """A control character used to come out at 1:1 with PyYAML's two-line message."""
    path = tmp_path / "control.yaml"
    path.write_bytes(b"0\x1f")
    story, diags = checked(path, "regression", generated=False)
    assert story is None
    (d,) = diags
    assert "\n" not in d.message, d.message
    assert (d.line, d.col) == (1, 2), str(d)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_in_story_folder_is_refused(tmp_path: Path) -> None:
    """A named pipe called *.yaml used to block the loader forever (so did /dev/zero)."""
    (tmp_path / "story.yaml").write_text(MINI, encoding="utf-8")
    os.mkfifo(tmp_path / "extra.yaml")
    lines = check_within(tmp_path, HANG_SECONDS)
    assert any("extra.yaml" in line and "[E001]" in line for line in lines), lines


def test_overlong_asset_path_is_a_diagnostic(tmp_path: Path) -> None:
    """An asset path too long for the file system used to raise OSError out of check()."""
    path = tmp_path / "long.yaml"
    long_name = "x" * 300 + ".png"
    path.write_text(MINI.replace("  middle:\n", f"  middle:\n    background: {long_name}\n"),
                    encoding="utf-8")
    _, diags = checked(path, "regression", generated=False)
    assert any(d.code in ("W002", "E019") for d in diags), [str(d) for d in diags]


@pytest.mark.parametrize("section", ["model: {skip_penalty: -1}",
                                     "model: {judge_trust: 1e999}"])
def test_model_value_out_of_range_is_located(tmp_path: Path, section: str) -> None:
    """A model value the schema accepts but the model refuses (negative, or '1e999', which
    becomes infinity) used to raise ModelError out of check(), with no location."""
    path = tmp_path / "model.yaml"
    path.write_text(MINI.replace("flags:\n", f"{section}\nflags:\n"), encoding="utf-8")
    story, diags = checked(path, "regression", generated=False)
    assert story is None
    (d,) = [d for d in diags if d.is_error]
    assert d.code == "E011" and (d.line, d.col) > (1, 1), str(d)


def many_unknown_flags(n: int) -> str:
    """n declared flags and n conditions, each naming a flag that is not declared."""
    head = ("id: slow\ntitle: Slow\nstart: a\nrupture: gone\ncharacters:\n  partners:\n"
            "    sam: {name: Sam}\nflags:\n")
    flags = "".join(f"  flag_number_{i}: false\n" for i in range(n))
    choices = "".join(f"      - {{id: c{i}, text: C, if: flag.flag_numbr_{i}, next: gone}}\n"
                      for i in range(n))
    return (f"{head}{flags}scenes:\n  a:\n    choices:\n{choices}"
            "  gone:\n    ending: {outcome: ruptured, title: Gone}\n")


def test_many_unknown_names_are_refused_fast(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Each unknown name used to be compared with every declared flag for a hint: n unknown
    names among n flags cost O(n^2) (a 90 KB file took 15 s, a 276 KB one 3 minutes).
    Counted in comparisons, not seconds, so a loaded machine cannot fail it: each hint may
    look at a fixed-size window of names, however many the story declares."""
    compared: list[int] = []
    close_matches = difflib.get_close_matches

    def counting(word: str, possibilities: list[str], n: int = 3,
                 cutoff: float = 0.6) -> list[str]:
        compared.append(len(possibilities))
        return close_matches(word, possibilities, n, cutoff)

    monkeypatch.setattr(expr_names.difflib, "get_close_matches", counting)
    path = tmp_path / "slow.yaml"
    path.write_text(many_unknown_flags(1000), encoding="utf-8")
    story, diags = checked(path, "regression", generated=False)
    assert story is None
    assert sum(d.code == "E016" for d in diags) == 1000
    assert len(compared) == 1000 and max(compared) <= 12, max(compared)


def many_partners(n: int) -> str:
    """n partners, and one line spoken by someone who is not one of them."""
    partners = "".join(f"    p{i}: {{name: P}}\n" for i in range(n))
    return (f"id: many\ntitle: Many\nstart: a\nrupture: gone\ncharacters:\n  partners:\n"
            f"{partners}scenes:\n  a:\n    next: gone\n    lines:\n      - {{nobody: hi}}\n"
            "  gone:\n    ending: {outcome: ruptured, title: Gone}\n")


def test_diagnostic_messages_stay_short_in_a_big_story(tmp_path: Path) -> None:
    """Messages for unknown speakers used to list every partner: n such lines among n
    partners printed O(n^2) (a 326 KB story gave 440 MB of output)."""
    path = tmp_path / "many.yaml"
    path.write_text(many_partners(2000), encoding="utf-8")
    story, diags = checked(path, "regression", generated=False)
    assert story is None
    longest = max(diags, key=lambda d: len(d.message))
    assert len(longest.message) <= 500, f"{longest.code}: {len(longest.message):,} characters"


@pytest.mark.parametrize("text", ["._\n", "title: -._\n", "x: .__e1\n"])
def test_point_and_underscores_is_text_not_a_crash(tmp_path: Path, text: str) -> None:
    path = tmp_path / "point.yaml"
    path.write_text(text, encoding="utf-8")
    story, diags = check(path)  # not `checked`, which tolerates this crash for the fuzzers
    assert story is None and any(d.is_error for d in diags)
