"""Command-line and input edges: odd digits, endless input, odd keys, too many workers."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from game.analysis import simulate as sim
from game.cli import main
from game.errors import ConfideError, UsageError
from game.playcli import parse_choices
from game.story.loader import check, load
from game.textplay import MAX_INPUT, MAX_UNRECOGNISED, TextGame, input_lines

from .kit import MINI, confide, no_traceback


@pytest.mark.parametrize("typed", ["²", "٣", "9" * 5000, "1" * 7, "-1", "１"])
def test_odd_numbers_typed_in_text_play_are_not_choices(typed: str) -> None:
    out = io.StringIO()
    game = TextGame(load(MINI), out)
    assert game.run(iter([typed + "\n"]), []) == 0
    assert "Type a choice number" in out.getvalue() and "> " not in out.getvalue()


def test_endless_or_garbage_input_stops_with_an_error() -> None:
    with pytest.raises(ConfideError, match="more than 1,000 characters"):
        list(input_lines(io.StringIO("\0" * (MAX_INPUT * 3))))
    assert list(input_lines(io.StringIO("1\n" + "x" * (MAX_INPUT - 1) + "\n"))) == [
        "1\n", "x" * (MAX_INPUT - 1) + "\n"]
    game = TextGame(load(MINI), io.StringIO())
    with pytest.raises(ConfideError, match="not choices"):
        game.run(iter(["zzz\n"] * (MAX_UNRECOGNISED + 1)), [])


def test_text_play_from_dev_zero_and_odd_digits_through_the_cli() -> None:
    r = confide("play", str(MINI), "--text", stdin=b"\xc2\xb2\n" + b"\xff\xfe\n")
    assert r.returncode == 0, no_traceback(r)
    with open("/dev/zero", "rb") as zero:
        r = confide("play", str(MINI), "--text", stdin=zero.read(MAX_INPUT * 4))
    text = no_traceback(r)
    assert r.returncode == 1 and "not a choice" in text


@pytest.mark.parametrize("raw", ["²", "1,²", "9" * 5000, "1,-2"])
def test_odd_scripted_choices_are_a_usage_error(raw: str) -> None:
    with pytest.raises(UsageError) as err:
        parse_choices(raw)
    assert len(str(err.value)) < 200


def test_huge_seed_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", str(MINI), "--text", "--seed", "9" * 5000]) == 2
    assert "at most 19 digits" in capsys.readouterr().err


def test_check_of_a_missing_story_prints_its_located_line(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "nosuch.yaml"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("nosuch.yaml:1:1: error[E001]: ")


@pytest.mark.parametrize(("key", "code"), [("~", "E033"), ("1.5", "E033"), ("yes", "E033"),
                                           ("a[1]", "E009"), ("f(x)", "E009"),
                                           ("'[x]'", "E009")])
def test_odd_keys_are_located_at_the_key(tmp_path: Path, key: str, code: str) -> None:
    text = MINI.read_text(encoding="utf-8")
    lines = text.splitlines()
    at = lines.index("  middle:") + 1
    lines.insert(at, f"    {key}: 1")
    path = tmp_path / "story.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, diags = check(path)
    assert [(d.code, d.line, d.col) for d in diags] == [(code, at + 1, 5)], diags


def test_odd_key_at_the_top_level(tmp_path: Path) -> None:
    path = tmp_path / "story.yaml"
    path.write_text("~: 1\n" + MINI.read_text(encoding="utf-8"), encoding="utf-8")
    _, diags = check(path)
    assert [(d.code, d.line, d.col) for d in diags] == [("E033", 1, 1)]


def test_jobs_are_capped_at_the_usable_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[int] = []

    class FakePool:
        def __init__(self, jobs: int) -> None:
            started.append(jobs)

        def __enter__(self) -> Any:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def imap(self, fn: Any, tasks: list[Any]) -> Any:
            return map(fn, tasks)

    class Context:
        Pool = FakePool

    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_context", lambda method: Context())
    monkeypatch.setattr(sim, "usable_cores", lambda: 2)
    tallies = sim.simulate(load(MINI), ["random"], 8, 0, jobs=1000)
    assert started == [2] and tallies["random"].runs == 8
    monkeypatch.setattr(sim, "usable_cores", lambda: 1)
    assert sim.simulate(load(MINI), ["random"], 8, 0, jobs=1000)["random"].runs == 8
    assert started == [2]  # one core: no pool at all
