"""Text wrapping (issue 13, text layout): linear in the text's length, and a word wider
than a line is cut inside, so no text can stall the window or run past its box."""

from __future__ import annotations

import random

import pygame
import pytest

from game.persist.settings import Settings
from game.ui.theme import Theme

WIDTH = 600


class CountingFont:
    """A real font that counts the characters every measuring call is given."""

    def __init__(self, font: pygame.font.Font) -> None:
        self.font = font
        self.chars = 0
        self.calls = 0

    def size(self, text: str) -> tuple[int, int]:
        self.chars += len(text)
        self.calls += 1
        return self.font.size(text)

    def metrics(self, text: str) -> list[tuple[int, int, int, int, int] | None]:
        self.chars += len(text)
        self.calls += 1
        return self.font.metrics(text)


@pytest.fixture
def theme() -> Theme:
    pygame.font.init()
    return Theme(Settings())


def counted(theme: Theme, text: str) -> tuple[list[str], CountingFont]:
    counter = CountingFont(theme.font(23))
    theme.fonts[(23, False)] = counter  # type: ignore[assignment]
    try:
        return theme.wrap(text, 23, WIDTH), counter
    finally:
        theme.fonts[(23, False)] = counter.font


def random_text(rng: random.Random, n: int, space_rate: float) -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyzWM\u00e9\u00df\u4e2d"
    return "".join(" " if rng.random() < space_rate else rng.choice(alphabet)
                   for _ in range(n))


@pytest.mark.parametrize("space_rate", [0.0, 0.002, 0.15])
def test_wrap_work_grows_linearly_up_to_100k(theme: Theme, space_rate: float) -> None:
    rng = random.Random(13)
    per_char = []
    for n in (1_000, 10_000, 100_000):
        lines, counter = counted(theme, random_text(rng, n, space_rate))
        assert counter.chars <= 2 * n + 50, (n, counter.chars)
        assert counter.calls <= n // 50 + 10, (n, counter.calls)
        per_char.append(counter.chars / n)
        assert len(lines) >= n * 5 // WIDTH // 2  # really wrapped, not one long line
    assert max(per_char) <= 1.05 * min(per_char) + 0.01


def test_every_line_fits_and_nothing_is_lost(theme: Theme) -> None:
    rng = random.Random(7)
    font = theme.font(23)
    for space_rate in (0.0, 0.01, 0.2):
        text = random_text(rng, 5_000, space_rate)
        lines = theme.wrap(text, 23, WIDTH)
        for line in lines:
            assert font.size(line)[0] <= WIDTH or len(line) == 1, line
        # words keep their order; only the spaces where lines break are dropped
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_20000_character_word_is_cut_inside(theme: Theme) -> None:
    lines, counter = counted(theme, "x" * 20_000)
    assert len(lines) > 100 and "".join(lines) == "x" * 20_000
    assert counter.chars <= 40_000


def test_ordinary_wrap_keeps_words_and_author_breaks(theme: Theme) -> None:
    text = "I kept the letter for a year.\nThen I read it again, slowly, twice."
    lines = theme.wrap(text, 23, 200)
    assert all(theme.font(23).size(ln)[0] <= 200 for ln in lines)
    assert " ".join(lines).replace("  ", " ").split() == text.split()
    assert "year." in lines[lines.index(next(ln for ln in lines if "year." in ln))]
    assert theme.wrap("", 23, 200) == [""]
    assert theme.wrap("a\n\nb", 23, 200) == ["a", "", "b"]


def test_text_the_font_cannot_take_whole_still_wraps(theme: Theme) -> None:
    lines = theme.wrap("ab\x00cd " * 400, 23, WIDTH)
    assert len(lines) > 1
