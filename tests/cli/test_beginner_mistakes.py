"""A new author's first mistakes, made in the story `confide new` writes and checked as the
author checks it (`confide check`, a subprocess): each answer is one line at the place the
author must look, in plain words that say how to fix it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def confide(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "CONFIDE_NO_CACHE": "1"})


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> str:
    where = tmp_path_factory.mktemp("new")
    assert confide("new", "s", cwd=where).returncode == 0
    return (where / "s" / "story.yaml").read_text(encoding="utf-8")


def mistake(tmp_path: Path, text: str, old: str, new: str) -> tuple[int, str, list[str]]:
    """Write the story with `old` replaced once by `new`; check it; return the line number
    `old` was on, the first diagnostic and the whole output's lines."""
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "story.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    out = confide("check", "s", cwd=tmp_path)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    return line, out.stdout.splitlines()[0], out.stdout.splitlines()


@pytest.mark.parametrize("quote", ['"', "'"])
def test_a_quote_left_open_is_reported_where_it_opens(tmp_path, fresh, quote) -> None:
    line, first, _ = mistake(tmp_path, fresh, 'title: "S"', f"title: {quote}S")
    assert first.startswith(f"s/story.yaml:{line}:8: error[E004]: "), first
    assert f"the {quote} that starts this value is never closed" in first


def test_a_quote_closed_on_a_later_line_on_purpose_is_not_blamed(tmp_path, fresh) -> None:
    # a long quoted value may run over lines; a real mistake later is reported where it is
    text = fresh.replace('title: "S"', 'title: "S and\n  more"', 1)
    _, first, _ = mistake(tmp_path, text, "minutes: 5", "minutes: 5\n  oops: [")
    assert "never closed on its line" not in first, first


def test_a_wrong_type_says_what_the_field_should_be(tmp_path, fresh) -> None:
    line, first, _ = mistake(tmp_path, fresh, "layer: 1", "layer: zero")
    assert f":{line}:16: error[E011]:" in first
    assert "should be a whole number from 0 to 3: 0 small talk, 1 personal, 2 private, " \
        "3 core (got 'zero')" in first
    assert "Input should be" not in first


def test_a_meter_out_of_range_says_its_limit(tmp_path, fresh) -> None:
    _, first, _ = mistake(tmp_path, fresh, "trust: 50", "trust: 150")
    assert "trust: should be at most 100 (got 150)" in first


def test_a_duplicate_key_names_the_first(tmp_path, fresh) -> None:
    line, first, _ = mistake(tmp_path, fresh, "minutes: 5", "minutes: 5\ntitle: Again")
    title_line = fresh[: fresh.index('title: "S"')].count("\n") + 1
    assert first.startswith(f"s/story.yaml:{line + 1}:1: error[E005]: duplicate key 'title'")
    assert f"first set at line {title_line}" in first


def test_an_undeclared_flag_says_how_to_declare_one(tmp_path, fresh) -> None:
    _, first, _ = mistake(tmp_path, fresh, "if: alex.deepened", "if: flag.metbefore")
    assert "unknown flag 'metbefore'; there are no declared flags" in first
    assert "under 'flags:' as 'metbefore: false'" in first
    assert "'flag.metbefore = true'" in first
