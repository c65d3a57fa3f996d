"""Depth tags off: sharing and asking cards keep their kind but not their layer, so a class
judges how deep a choice goes from its words (Settings > Depth on cards; `--hide-depth` and
the `d` command in the terminal). The glass box still names the layer after the move. A story
may hide them itself (`depth_on_cards: hidden`); the player's setting or flag still wins."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.persist.saves import SaveStore
from game.persist.settings import Settings
from game.runtime import ChoiceView
from game.story.loader import load
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
    assert settings.menu.items[row].value == "Story's choice"
    drive.key(app, pygame.K_LEFT)  # the cycle runs story's choice, shown, hidden
    assert app.settings.depth_on_cards == "hidden"
    assert settings.menu.items[row].value == "Hidden"
    assert SaveStore(data).load_settings().depth_on_cards == "hidden"  # kept for the next run
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
    run = _play("tutorial", "--hide-depth", input="d\nq\n")
    assert "story leaves the depth" not in run.stdout  # the player asked: no story note
    hidden, shown = run.stdout.split("(depth of sharing choices shown)")
    assert "Say loneliness is why you came  [share]" in hidden
    assert "layer" not in hidden.split("-- Table nine --")[1]
    assert "Say loneliness is why you came  [share, layer 3: core]" in shown


def _play(story: str | Path, *flags: str, input: str = "q\n") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CONFIDE_NO_CACHE": "1"}
    run = subprocess.run([sys.executable, "-m", "game", "play", str(story), "--text", *flags,
                          "--choices", "1"], input=input, capture_output=True, text=True,
                         timeout=60, cwd=ROOT, env=env)
    assert run.returncode == 0, run.stderr
    return run


SHOWN = "    depth_on_cards: shown   # week one names the layers; story.yaml hides them after\n"


LOBBY_HIDDEN = "    depth_on_cards: hidden\n"  # the opening scene's own setting, and the café's


def _edited(tmp_path: Path, story_level: str, lobby: str) -> Path:
    """The tutorial, copied, with the story's own `depth_on_cards` (hidden: week one's scenes
    after the first show the layers, the rest hide them) replaced by `story_level`, every
    week-one scene's own setting removed, and `lobby` (Table nine) given as that scene's setting."""
    folder = tmp_path / "edited"
    shutil.copytree(TUTORIAL, folder)
    head = folder / "story.yaml"
    text = head.read_text(encoding="utf-8")
    assert "\ndepth_on_cards: hidden\n" in text
    head.write_text(text.replace("\ndepth_on_cards: hidden\n", story_level, 1), encoding="utf-8")
    week1 = folder / "week1.yaml"
    text = week1.read_text(encoding="utf-8")
    assert text.count(SHOWN) == 5 and text.count(LOBBY_HIDDEN) == 2
    text = text.replace(SHOWN, "").replace(LOBBY_HIDDEN, "").replace("    title: Table nine\n",
                                           f"    title: Table nine\n{lobby}", 1)
    week1.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def hiding_story(tmp_path: Path) -> Path:
    """The tutorial hiding the depth from its first scene."""
    return _edited(tmp_path, "\ndepth_on_cards: hidden\n", "")


def test_one_scene_can_hide_depth_on_its_own(tmp_path) -> None:
    story = _edited(tmp_path, "\n", "    depth_on_cards: hidden\n")
    out = _play(story, input="1\nq\n").stdout
    before, table = out.split("-- Table nine --")
    assert "story leaves the depth" not in before and "story leaves the depth" in table
    after = table.rsplit("--", 1)[-1]
    table = table.split("(This story leaves")[1].split("Noor:", 1)[0]
    assert "[share]" in table and "layer" not in table
    assert "layer" in after, after  # the next scene shows depth again, as the story says


def test_the_tutorial_names_layers_in_week_one_only() -> None:
    story = load(TUTORIAL)
    # The opening scene and the café hide them too: the class judges the two most tempting
    # confessions of week one from the words alone.
    first_week = {"prologue", "the_sky", "noor_bakes", "sewing_machine", "sister_bet"}
    assert {sid for sid, sc in story.scenes.items() if not sc.hides_depth} == first_week


def test_flatmates_first_menu_hides_depth_and_the_deep_cards_are_not_longest() -> None:
    """The door's vote is made from the words: no layer tags on the first menu (they gave the
    answer away), and the deep (private, core) cards are no longer than every other card."""
    story = load(ROOT / "stories" / "flatmates")
    assert story.scenes["arrival"].hides_depth
    cards = story.scenes["arrival"].choices
    deep = [len(c.label) for c in cards if c.kind == "disclose" and c.layer >= 2]
    others = [len(c.label) for c in cards if not (c.kind == "disclose" and c.layer >= 2)]
    assert deep and max(deep) <= max(others), (deep, others)
    out = _play(ROOT / "stories" / "flatmates").stdout
    door = out.split("-- Forty-one stairs --")[1]
    assert "layer" not in door and "[share]" in door


def test_a_story_can_hide_depth_and_the_player_can_still_show_it(hiding_story) -> None:
    by_story = _play(hiding_story).stdout
    assert "(This story leaves the depth of some sharing choices" in by_story
    table = by_story.split("-- Table nine --")[1]
    assert "Say loneliness is why you came  [share]" in table and "layer" not in table
    shown = _play(hiding_story, "--show-depth").stdout
    assert "Say loneliness is why you came  [share, layer 3: core]" in shown
    assert "story leaves the depth" not in shown
    toggled = _play(hiding_story, input="d\nq\n").stdout.split("(depth of sharing choices shown)")
    assert "[share, layer 3: core]" in toggled[1]


def test_the_window_follows_the_story_until_the_player_chooses(make_app, drive, shot,
                                                               hiding_story, tmp_path) -> None:
    app = make_app(hiding_story, data=tmp_path / "data")
    app.start(app.story)
    to_choices(app, drive)
    drive.key(app, pygame.K_1)  # Continue, past "Before you start"
    scene = to_choices(app, drive)
    assert app.settings.depth_on_cards == "story" and not scene.depth_shown
    assert app.toast_text.startswith("Depth hidden by the story")  # said once, where to change it
    shot(app, "depth_hidden_by_story")
    spoken = [choice_text(scene, i) for i in range(len(scene.view.choices))]
    assert not any("core" in s for s in spoken) and any("share:" in s for s in spoken), spoken
    drive.key(app, pygame.K_ESCAPE)  # the pause menu, then its Settings
    app.push_screen("settings")
    settings = app.top
    row = [it.label for it in settings.menu.items].index("Depth on cards")
    assert settings.menu.items[row].value == "Story's choice"
    settings.menu.items[row].on_right()
    assert settings.menu.items[row].value == "Shown" and scene.depth_shown
    spoken = [choice_text(scene, i) for i in range(len(scene.view.choices))]
    assert any("share, core" in s for s in spoken), spoken


@pytest.mark.parametrize(("stored", "kept"), [
    ({"depth_on_cards": "hidden"}, "hidden"), ({"depth_on_cards": "shown"}, "shown"),
    ({"depth_on_cards": "story"}, "story"), ({"depth_on_cards": "sideways"}, "story"),
    ({"depth_on_cards": True}, "story"),
    # the setting's earlier on/off form: off meant hidden, on was the default
    ({"depth_tags": False}, "hidden"), ({"depth_tags": True}, "story"),
    ({"depth_tags": False, "depth_on_cards": "shown"}, "shown"),
])
def test_settings_file_values(stored: dict[str, object], kept: str) -> None:
    assert Settings.from_json(stored).depth_on_cards == kept


@pytest.mark.parametrize(("mine", "story_hides", "shown"), [
    ("story", False, True), ("story", True, False), ("shown", True, True),
    ("hidden", False, False), ("hidden", True, False), ("shown", False, True),
])
def test_the_players_choice_wins_over_the_storys(mine: str, story_hides: bool,
                                                 shown: bool) -> None:
    assert Settings(depth_on_cards=mine).shows_depth(story_hides) is shown


def test_a_bad_value_is_one_located_error_each(tmp_path) -> None:
    story = _edited(tmp_path, "\ndepth_on_cards: sometimes\n", "    depth_on_cards: yes\n")
    env = {**os.environ, "CONFIDE_NO_CACHE": "1"}
    run = subprocess.run([sys.executable, "-m", "game", "check", str(story)], capture_output=True,
                         text=True, timeout=60, cwd=ROOT, env=env)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    errors = [ln for ln in run.stdout.splitlines() if "error[" in ln]
    assert errors == [
        f"{story / 'story.yaml'}:{_line(story / 'story.yaml', 'sometimes')}:17: error[E011]: "
        "depth_on_cards: should be one of: shown, hidden (got 'sometimes')",
        f"{story / 'week1.yaml'}:{_line(story / 'week1.yaml', ': yes')}:21: error[E011]: "
        "scenes.lobby.depth_on_cards: should be one of: shown, hidden (got true)",
    ], run.stdout


def _line(path: Path, text: str) -> int:
    """The 1-based number of the one line of `path` holding `text`."""
    found = [n for n, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if text in ln]
    assert len(found) == 1, found
    return found[0]
