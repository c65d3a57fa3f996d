"""A long line paged under the choices stays whole within reach (issue 14): the player can
always read every page of the line they are answering, by key, by click and by wheel."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui.screens.scene_layout import rows_fit

from .conftest import MINI, Drive, MakeApp
from .test_play import to_choices

WORDS = ("The kettle clicks off and the kitchen goes quiet, and for a while neither of you "
         "says anything about the letter on the table, the one with the council's stamp, "
         "the one that has been sitting there since Tuesday under the fruit bowl. ") * 4


def long_story(tmp_path: Path) -> Path:
    path = tmp_path / "long.yaml"
    path.write_text(MINI.read_text("utf-8").replace(
        '      - sam: "Tea, {player}?"', f'      - sam: "{WORDS.strip()} Tea?"', 1), "utf-8")
    return path


def whole(pages: list[str]) -> str:
    return " ".join(" ".join(pages).split())


def test_every_page_of_the_line_answered_can_be_read_under_the_choices(
        make_app: MakeApp, drive: type[Drive], tmp_path: Path) -> None:
    for facilitator in (False, True):
        app = make_app(long_story(tmp_path), facilitator=facilitator)
        app.comforts.hints = False
        app.settings.text_size = "largest"
        app.settings.line_spacing = "wide"
        app.apply_settings()
        assert app.story is not None
        app.start(app.story)
        scene = to_choices(app, drive)
        assert len(scene.answer) >= 2, "the line should need pages at this size"
        assert whole(scene.answer) == whole([f"{WORDS.strip()} Tea?"])
        assert scene.line is not None and scene.line.text == scene.answer[-1]
        seen = {scene.line.text}
        for _ in range(len(scene.answer) - 1):  # Left: back through the pages by key
            drive.key(app, pygame.K_LEFT)
            seen.add(scene.line.text)
            assert scene.choosing and scene.choice_view.bottom <= scene.panel.top
            assert len(scene.wrapped) <= rows_fit(app.theme)  # each page fits its panel
        assert scene.line.text == scene.answer[0] and seen == set(scene.answer)
        drive.key(app, pygame.K_LEFT)  # no page before the first
        assert scene.line.text == scene.answer[0]
        drive.key(app, pygame.K_RIGHT)
        assert scene.line.text == scene.answer[1]
        drive.click(app, scene.panel.center)  # a click on the text turns on, round again
        for _ in range(len(scene.answer)):
            drive.click(app, scene.panel.center)
        assert scene.answer_at == (1 + 1 + len(scene.answer)) % len(scene.answer)
        drive.move(app, scene.panel.center)
        for _ in range(len(scene.answer)):  # wheel down over the text: forward, no rollback
            drive.wheel(app, -1)
        assert scene.line.text == scene.answer[-1]
        drive.wheel(app, 1)
        assert scene.line.text == scene.answer[-2]
        assert scene.play.session.history == []  # nothing taken back, nothing chosen
        drive.key(app, pygame.K_1)  # and the choices still work
        assert len(scene.play.session.history) == 1


def test_rewinding_to_a_paged_line_keeps_all_its_pages(
        make_app: MakeApp, drive: type[Drive], tmp_path: Path) -> None:
    app = make_app(long_story(tmp_path))
    app.comforts.hints = False
    app.settings.text_size = "largest"
    app.apply_settings()
    assert app.story is not None
    app.start(app.story)
    scene = to_choices(app, drive)
    pages = list(scene.answer)
    drive.key(app, pygame.K_1)
    drive.key(app, pygame.K_BACKSPACE)  # take the choice back
    scene = to_choices(app, drive)
    assert scene.answer == pages and scene.line is not None
    assert scene.line.text == pages[-1]
