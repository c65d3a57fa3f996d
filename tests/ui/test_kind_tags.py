"""A scene may hide what kind of move each card is (`kinds_on_cards: hidden`): no SHARE, ASK or
RESPOND, no layer, the same glyph beside every card, in the window, the terminal and speech.
Where two apologies differ only in kind (one owns it, one answers with a "but"), the tag would
tell a voting class which is which. The model still reads the real kind."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.runtime import ChoiceView, Session
from game.story.loader import load
from game.ui.screens.scene_draw import tag_text
from game.ui.voicefeed import choice_text
from tests.ui.conftest import ROOT
from tests.ui.test_depth_tags import _play
from tests.ui.test_play import to_choices

TUTORIAL = ROOT / "stories" / "tutorial"
TABLE = "    title: Table nine\n"


def _with(tmp_path: Path, scene_line: str, story_line: str = "") -> Path:
    """The tutorial, copied, with `scene_line` added to Table nine (the first menu with a
    sharing card) and `story_line` to the story's head."""
    folder = tmp_path / "kinds"
    shutil.copytree(TUTORIAL, folder)
    week1 = folder / "week1.yaml"
    text = week1.read_text(encoding="utf-8")
    assert text.count(TABLE) == 1
    week1.write_text(text.replace(TABLE, TABLE + scene_line, 1), encoding="utf-8")
    if story_line:
        head = folder / "story.yaml"
        text = head.read_text(encoding="utf-8")
        head.write_text(text.replace("\nstart:", f"\n{story_line}start:", 1), encoding="utf-8")
    return folder


def test_a_hidden_kind_card_has_no_tag_anywhere() -> None:
    for kind, layer in (("disclose", None), ("ask", None), ("respond", None), ("plain", None)):
        card = ChoiceView("c", "Say sorry", kind, layer, answering=True, kind_hidden=True)
        assert card.shown_kind == "plain"
        assert card.badge_for(depth=True) == card.badge == "" and tag_text(card) == ""
    shown = ChoiceView("c", "Say sorry", "respond", None)
    assert shown.badge == "[respond]" and tag_text(shown) == "RESPOND"


def test_the_terminal_shows_no_tags_on_that_scene_only(tmp_path) -> None:
    story = _with(tmp_path, "    kinds_on_cards: hidden\n")
    out = _play(story, "--show-depth", input="1\nq\n").stdout
    table = out.split("-- Table nine --")[1]
    menu, after = table.split("Choose", 1)[0], table.split("-- A lot of sky --", 1)[1]
    assert "Ask how the cat went\n" in menu and "Say loneliness is why you came\n" in menu
    # not even the player's --show-depth brings them back: it is the story's decision
    assert not any(tag in menu for tag in ("[share", "[ask", "[respond]", "layer"))
    assert "[share, layer 1: personal]" in after and "[ask, layer 1: personal]" in after


def test_the_model_still_reads_the_real_kind(tmp_path) -> None:
    story = load(_with(tmp_path, "    kinds_on_cards: hidden\n"))
    session = Session(story, 1)
    while session.scene.title != "Table nine":
        session.choose(session.available()[0].id)
    view = session.view()
    assert view.choices and all(c.kind_hidden and c.layer is None for c in view.choices)
    core = next(c for c in view.choices if c.label.startswith("Say loneliness"))
    assert core.kind == "disclose"
    result = session.choose(core.id)
    assert result.choice.kind == "disclose" and result.choice.layer == 3
    assert result.explanation is not None and result.explanation.readiness is not None


def test_the_window_draws_no_tags_and_speaks_none(make_app, drive, shot, tmp_path) -> None:
    story = _with(tmp_path, "", "kinds_on_cards: hidden\n")
    app = make_app(story, data=tmp_path / "data")
    app.start(app.story)
    to_choices(app, drive)
    drive.key(app, pygame.K_1)  # Continue, past "Before you start"
    scene = to_choices(app, drive)
    kinds = {c.kind for c in scene.view.choices}
    assert len(kinds) > 1, kinds  # a menu that would have shown different tags
    assert all(tag_text(c, scene.depth_shown) == "" for c in scene.view.choices)
    drive.key(app, pygame.K_DOWN)
    spoken = [choice_text(scene, i) for i in range(len(scene.view.choices))]
    assert all(s.split(". ", 1)[1] == c.label
               for s, c in zip(spoken, scene.view.choices, strict=True)), spoken
    shot(app, "kinds_hidden")


@pytest.mark.parametrize(("scene_line", "story_line", "field"), [
    ("    kinds_on_cards: secret\n", "", "scenes.lobby.kinds_on_cards"),
    ("", "kinds_on_cards: no\n", "kinds_on_cards"),
])
def test_a_bad_value_is_one_located_error(tmp_path, scene_line, story_line, field) -> None:
    story = _with(tmp_path, scene_line, story_line)
    env = {**os.environ, "CONFIDE_NO_CACHE": "1"}
    run = subprocess.run([sys.executable, "-m", "game", "check", str(story)], capture_output=True,
                         text=True, timeout=60, cwd=ROOT, env=env)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    errors = [ln for ln in run.stdout.splitlines() if "error[" in ln]
    assert len(errors) == 1 and f"error[E011]: {field}: should be one of: shown, hidden" \
        in errors[0], run.stdout
