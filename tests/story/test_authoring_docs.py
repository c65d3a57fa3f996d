"""Every complete YAML example in docs/authoring.md must load, so the guide cannot rot.

Blocks fenced as ```yaml are whole stories and must pass `confide check` with no errors;
blocks fenced as ```yaml fragment are pieces of a story and need only be valid YAML.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from game.model.params import SPECS
from game.story.loader import check

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"
FENCE = re.compile(r"^```yaml( fragment)?[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)
MIN_EXAMPLES = 8


def _blocks() -> list[tuple[int, bool, str]]:
    """(line number, is fragment, text) for every yaml block in the guide."""
    text = GUIDE.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 1, bool(m.group(1)), m.group(2))
            for m in FENCE.finditer(text)]


STORIES = [(line, body) for line, frag, body in _blocks() if not frag]
FRAGMENTS = [(line, body) for line, frag, body in _blocks() if frag]


def test_the_guide_has_enough_complete_examples() -> None:
    assert len(STORIES) >= MIN_EXAMPLES


def test_every_yaml_fence_is_either_a_story_or_a_fragment() -> None:
    # A typo such as ```yml or ```yaml-fragment would silently escape both tests below.
    text = GUIDE.read_text(encoding="utf-8")
    fences = re.findall(r"^```(\S+.*)$", text, re.M)
    odd = [f for f in fences if f.startswith("y") and f.strip() not in ("yaml", "yaml fragment")]
    assert odd == []


@pytest.mark.parametrize(("line", "body"), STORIES, ids=[f"line{n}" for n, _ in STORIES])
def test_complete_example_passes_check(line: int, body: str, tmp_path: Path) -> None:
    path = tmp_path / f"example_line{line}.yaml"
    path.write_text(body, encoding="utf-8")
    story, diags = check(path)
    errors = [str(d) for d in diags if d.is_error]
    assert errors == [], f"docs/authoring.md example at line {line} has errors"
    assert story is not None


@pytest.mark.parametrize(("line", "body"), FRAGMENTS, ids=[f"line{n}" for n, _ in FRAGMENTS])
def test_fragment_is_valid_yaml(line: int, body: str) -> None:
    assert yaml.safe_load(body) is not None, f"fragment at line {line} is empty"


def test_the_tuning_table_lists_every_setting_with_its_real_default() -> None:
    # The table was written by hand once and drifted (five defaults wrong, nineteen settings
    # missing): every tunable setting must appear, with the default the model really uses.
    text = GUIDE.read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| ([^|]+) \|", text, re.MULTILINE))
    for spec in SPECS:
        assert spec.name in rows, f"docs/authoring.md's tuning table has no `{spec.name}`"
        shown = rows[spec.name].strip().strip("`")
        want = spec.default if isinstance(spec.default, tuple) else (spec.default,)
        got = tuple(float(x) for x in shown.strip("[]").split(","))
        assert got == tuple(float(x) for x in want), f"{spec.name}: {shown} in the docs"
