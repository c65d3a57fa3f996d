"""Errors carry their data as attributes, so no caller has to read a message (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.errors import ModelError, StoryError
from game.model import Params, PartnerState, readiness
from game.story.loader import check, load

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"


@pytest.mark.parametrize(("values", "key"), [
    ({"skip_penalty": -1.0}, "skip_penalty"),
    ({"reciprocity": (10.0, 20.0, 500.0)}, "reciprocity"),
    ({"deepen_layer": 2.5}, "deepen_layer"),
])
def test_a_refused_parameter_is_named_by_key(values: dict[str, object], key: str) -> None:
    with pytest.raises(ModelError) as caught:
        Params(**values)  # type: ignore[arg-type]
    assert caught.value.key == key
    assert caught.value.message == str(caught.value)


def test_unknown_and_badly_typed_keys_are_named_too() -> None:
    with pytest.raises(ModelError) as unknown:
        Params.from_mapping({"skip_penalty": 1, "trust_me": 2})
    assert unknown.value.key == "trust_me"
    with pytest.raises(ModelError) as typed:
        Params.from_mapping({"thresholds": "high"})
    assert typed.value.key == "thresholds"


def test_a_model_error_about_no_parameter_has_no_key() -> None:
    with pytest.raises(ModelError) as caught:
        readiness(PartnerState(trust=50, defence=20), 7, Params(), 0.0)
    assert caught.value.key is None


def story_with(tmp_path: Path, old: str, new: str) -> Path:
    text = MINI.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "story.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_a_refused_trait_points_at_the_traits_line(tmp_path: Path) -> None:
    path = story_with(tmp_path, "    sam: {name: Sam, trust: 40, defence: 30}",
                      "    sam:\n      name: Sam\n      traits:\n"
                      "        noise: 5\n        reciprocity: [10, 20, 500]")
    _, diags = check(path)
    [bad] = [d for d in diags if d.is_error]
    assert (bad.code, bad.line) == ("E011", line_of(path, "reciprocity:"))
    assert "model.reciprocity must be within 0 to 100" in bad.message


def test_a_refused_model_value_points_at_the_model_line(tmp_path: Path) -> None:
    path = story_with(tmp_path, "flags:\n", "model:\n  noise: 5\n  thresholds: [300, 0, 0]\n"
                      "flags:\n")
    _, diags = check(path)
    [bad] = [d for d in diags if d.is_error]
    assert (bad.code, bad.line) == ("E011", line_of(path, "thresholds:"))


def test_a_story_error_carries_the_first_diagnostic(tmp_path: Path) -> None:
    path = story_with(tmp_path, "start: hello", "start: nowhere")
    with pytest.raises(StoryError) as caught:
        load(path)
    exc = caught.value
    first = exc.diagnostics[0]
    assert (exc.code, exc.path, exc.line, exc.col) == (
        "E012", str(path), line_of(path, "start:"), first.col)
    assert str(exc) == str(first)


def test_a_story_error_without_diagnostics_still_reads() -> None:
    exc = StoryError([])
    assert (exc.code, exc.path, exc.line, exc.col) == (None, None, None, None)
    assert str(exc) == "story failed to load"


def test_a_bad_id_is_recognised_by_its_pattern_not_by_a_message(tmp_path: Path) -> None:
    path = story_with(tmp_path, "id: mini", "id: Mini")
    _, diags = check(path)
    [bad] = [d for d in diags if d.is_error]
    assert (bad.code, bad.line, bad.col) == ("E011", 1, 5)
    assert bad.message == ("id: use lower-case letters, digits and _ only, starting with a "
                           "letter (got 'Mini')")
