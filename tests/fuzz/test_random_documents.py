"""Random YAML, random text and random bytes: the loader answers with diagnostics, never raises.

Shares of the document budget: the six document tests of the suite add up to 1.0.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from .harness import MAX_MOVES, budget, checked, play
from .stories import story_docs
from .strategies import dumped, raw_bytes, story_like_data, yaml_data, yaml_text

# A full set of picks, so every story that loads is really played, not just started.
moves = st.lists(st.integers(0, 1000), min_size=MAX_MOVES, max_size=MAX_MOVES)


def check_bytes(raw: bytes, kind: str) -> None:
    """Load `raw` as a story file; the rare random document that loads is played too."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "story.yaml"
        path.write_bytes(raw)
        story, _ = checked(path, kind)
        if story is not None:
            play(story, list(range(MAX_MOVES)))


@given(dumped(yaml_data()))
@budget(0.15)
def test_random_yaml_documents(text: str) -> None:
    check_bytes(text.encode("utf-8"), "random yaml")


@given(dumped(story_like_data()))
@budget(0.15)
def test_story_like_documents(text: str) -> None:
    check_bytes(text.encode("utf-8"), "story-like yaml")


@given(yaml_text)
@budget(0.1)
def test_random_text(text: str) -> None:
    check_bytes(text.encode("utf-8", errors="surrogatepass"), "random text")


@given(raw_bytes)
@budget(0.05)
def test_random_bytes(raw: bytes) -> None:
    check_bytes(raw, "random bytes")


@given(dumped(story_docs()), moves, st.integers(0, 99))
@budget(0.25)
def test_generated_stories_load_and_play(text: str, picks: list[int], seed: int) -> None:
    """Stories with random graphs and conditions: when one loads, it plays without error."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "story.yaml"
        path.write_text(text, encoding="utf-8")
        story, _ = checked(path, "generated story")
        if story is not None:
            play(story, picks, seed)
