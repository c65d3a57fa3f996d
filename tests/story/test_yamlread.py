"""The YAML reader's counting and positions at exact thresholds.

An alias counts as a copy of everything it repeats: nested anchors and aliases inside an
anchored mapping are counted in full, and the reader stops at the very node past the limit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.story.budgets import MAX_STORY_NODES, MAX_STORY_TEXT, StoryBudget
from game.story.diagnostics import Diagnostic
from game.story.yamlread import Located, read_yaml

# Nodes, in order: the root mapping, a, [x, y] (3); b, the mapping (k, *a = 3 nodes, l, z);
# c, the list, then *b twice at 7 nodes each: 29 in all. Text: a x y b k (*a: 2) l z c
# (*b: 5) (*b: 5): 20 characters.
NESTED = "a: &a [x, y]\nb: &b {k: *a, l: z}\nc: [*b, *b]\n"
NODES, TEXT = 29, 20


def read(tmp_path: Path, budget: StoryBudget, text: str = NESTED) -> Located | Diagnostic:
    path = tmp_path / "story.yaml"
    path.write_text(text, encoding="utf-8")
    return read_yaml(path, "story.yaml", budget)


def test_aliases_count_all_they_repeat_up_to_the_exact_limit(tmp_path: Path) -> None:
    budget = StoryBudget(nodes=MAX_STORY_NODES - NODES, text=MAX_STORY_TEXT - TEXT)
    got = read(tmp_path, budget)
    assert isinstance(got, Located)
    assert got.data["c"] == [{"k": ["x", "y"], "l": "z"}] * 2
    assert (budget.nodes, budget.text) == (MAX_STORY_NODES, MAX_STORY_TEXT)


@pytest.mark.parametrize(("nodes", "text", "words"), [
    (MAX_STORY_NODES - NODES + 1, 0, "nodes in all"),
    (0, MAX_STORY_TEXT - TEXT + 1, "characters in all"),
])
def test_one_past_the_limit_is_refused_at_the_last_alias(
        tmp_path: Path, nodes: int, text: int, words: str) -> None:
    got = read(tmp_path, StoryBudget(nodes=nodes, text=text))
    assert isinstance(got, Diagnostic)
    assert (got.code, got.line, got.col) == ("E031", 3, 9)
    assert words in got.message


def test_positions_of_values_and_keys(tmp_path: Path) -> None:
    got = read(tmp_path, StoryBudget(), "title: 'Hi'\nscenes:\n  s0:\n    lines:\n"
                                        "      - plain\n      - \"quoted\"\n")
    assert isinstance(got, Located)
    assert got.marks[("title",)] == ("story.yaml", 1, 8, 1)
    assert got.key_marks[("title",)] == ("story.yaml", 1, 1, 0)
    assert got.marks[("scenes", "s0", "lines")] == ("story.yaml", 5, 7, 0)
    assert got.marks[("scenes", "s0", "lines", 1)] == ("story.yaml", 6, 9, 1)
    assert got.key_marks[("scenes", "s0")] == ("story.yaml", 3, 3, 0)


def test_a_repeated_key_after_an_alias_key_is_refused_where_it_is(tmp_path: Path) -> None:
    got = read(tmp_path, StoryBudget(), "a: &k name\n*k : 1\nname: 2\n")
    assert isinstance(got, Diagnostic)
    assert (got.code, got.line, got.col) == ("E005", 3, 1)
