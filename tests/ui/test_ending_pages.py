"""An ending whose words cannot fit pages them, at the largest text and widest spacing."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui.app import App
from game.ui.screens.ending import EndingScreen
from tests.ui.conftest import ROOT
from tests.ui.test_window_bugs import to_ending

LONG = ROOT / "tests" / "fixtures" / "six_long_choices.yaml"


def largest_wide(app: App) -> None:
    app.settings.text_size, app.settings.line_spacing = "largest", "wide"
    app.apply_settings()


def test_a_long_reflection_pages_by_key_and_wheel(make_app, drive, shot, tmp_path: Path) -> None:
    story = tmp_path / "long.yaml"
    reflection = " ".join(f"Sentence {i} of a reflection much longer than any box." for i in
                          range(40))
    text = LONG.read_text(encoding="utf-8")
    start = text.index("      reflection:")
    end = text.index("\n", start) + 1
    story.write_text(text[:start] + f"      reflection: {reflection}\n" + text[end:],
                     encoding="utf-8")
    app = make_app(story)
    largest_wide(app)
    app.start(app.story)
    to_ending(app, drive)
    ending = app.top
    assert isinstance(ending, EndingScreen) and len(ending.pages) > 1
    assert ending.box.inflate(2, 2).contains(ending.content_rect())
    first = list(ending.reflection)
    drive.key(app, pygame.K_PAGEDOWN)
    assert ending.page == 1 and ending.reflection != first and app.top is ending
    drive.wheel(app, 1)  # the wheel turns back here, it does not take back a choice
    assert ending.page == 0 and app.top is ending
    shot(app, "ending_paged")
    words = " ".join(" ".join(page) for page in ending.pages)
    assert "Sentence 39" in words and "Sentence 0" in words  # every page together: all of it


def test_a_long_title_steps_down_so_the_reflection_fits(make_app, drive) -> None:
    app = make_app(LONG)
    largest_wide(app)
    app.start(app.story)
    to_ending(app, drive)
    ending = app.top
    assert isinstance(ending, EndingScreen)
    assert ending.title_size < app.theme.px(38) and ending.title_size >= ending.body
    assert ending.box.inflate(2, 2).contains(ending.content_rect())
