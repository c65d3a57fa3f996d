"""Depth tags off: sharing and asking cards keep their kind but not their layer, so a class
judges how deep a choice goes from its words (Settings > Depth on cards; `--hide-depth` and
the `d` command in the terminal). The glass box still names the layer after the move."""

from __future__ import annotations

import os
import subprocess
import sys

import pygame

from game.persist.saves import SaveStore
from game.runtime import ChoiceView
from game.ui.screens.scene_draw import tag_text
from game.ui.voicefeed import choice_text
from tests.ui.conftest import ROOT
from tests.ui.test_comforts import settings_row
from tests.ui.test_play import to_choices

TUTORIAL = ROOT / "stories" / "tutorial"
CORE = ChoiceView("why", "Say loneliness is why you came", "disclose", 3, topic="feelings")
ASK = ChoiceView("cat", "Ask how the cat went", "ask", 0)


def test_tags_and_badges_with_and_without_depth() -> None:
    assert CORE.badge == CORE.badge_for(depth=True) == "[share, layer 3: core]"
    assert CORE.badge_for(depth=False) == "[share]"
    assert ASK.badge_for(depth=False) == "[ask]"
    assert tag_text(CORE) == "SHARE  ·  core" and tag_text(CORE, depth=False) == "SHARE"
    plain = ChoiceView("shelf", "Fix the shelf", "plain", None, answering=True)
    assert plain.badge_for(depth=False) == "[respond]" and tag_text(plain, False) == "RESPOND"


def test_settings_row_hides_depth_on_cards_and_in_speech(make_app, drive, shot,
                                                          tmp_path) -> None:
    data = tmp_path / "depth"
    app = make_app(TUTORIAL, data=data)
    settings, row = settings_row(app, drive, "Depth on cards")
    assert settings.menu.items[row].value == "Shown"
    drive.key(app, pygame.K_RIGHT)
    assert not app.settings.depth_tags
    assert settings.menu.items[row].value == "Hidden"
    assert not SaveStore(data).load_settings().depth_tags  # kept for the next run
    app.start(app.story)
    to_choices(app, drive)
    drive.key(app, pygame.K_1)  # Continue, past "Before you start"
    scene = to_choices(app, drive)
    drive.key(app, pygame.K_DOWN)  # show the focus, as a reader with the keyboard does
    spoken = [choice_text(scene, i) for i in range(len(scene.view.choices))]
    sharing = [s for s, c in zip(spoken, scene.view.choices, strict=True) if c.kind == "disclose"]
    assert sharing and all(s.split(":")[0].endswith("share") for s in sharing), spoken
    assert not any(name in s for s in spoken
                   for name in ("small talk", "personal", "private", "core"))
    shot(app, "depth_hidden")


def test_terminal_hides_depth_and_d_shows_it_again(tmp_path) -> None:
    env = {**os.environ, "CONFIDE_NO_CACHE": "1"}
    run = subprocess.run([sys.executable, "-m", "game", "play", "tutorial", "--text",
                          "--hide-depth", "--choices", "1"], input="d\nq\n",
                         capture_output=True, text=True, timeout=60, cwd=ROOT, env=env)
    assert run.returncode == 0, run.stderr
    hidden, shown = run.stdout.split("(depth of sharing choices shown)")
    assert "Say loneliness is why you came  [share]" in hidden
    assert "layer" not in hidden.split("-- Table nine --")[1]
    assert "Say loneliness is why you came  [share, layer 3: core]" in shown
