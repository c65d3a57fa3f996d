"""Mutants of the bundled stories and the test fixtures: located diagnostics, or a story
that plays without error."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from .harness import MAX_MOVES, budget, checked, play
from .mutations import SOURCES, mutants, write


def test_every_source_loads_unmutated() -> None:
    """The mutants start from valid stories, or the fuzzing proves little."""
    assert len(SOURCES) >= 3
    for source in SOURCES:
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / source.name
            write(dict(source.files), target)
            path = target if source.folder else target / source.files[0][0]
            story, diags = checked(path, "unmutated", generated=False)
            assert story is not None, [str(d) for d in diags]


@given(mutants(), st.lists(st.integers(0, 1000), min_size=MAX_MOVES, max_size=MAX_MOVES))
@budget(0.3)
def test_mutated_stories(mutant: tuple[str, dict[str, str], bool], picks: list[int]) -> None:
    name, files, folder = mutant
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / name
        write(files, target)
        path = target if folder else target / next(iter(files))
        story, _ = checked(path, "mutated story")
        if story is not None:
            play(story, picks)
