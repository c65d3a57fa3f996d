"""Saves in the window: autosave and Continue, slots, quicksave, damaged slots, rewind."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pygame

from game.persist.saves import AUTO, QUICK
from game.ui.app import App
from game.ui.screens.dialog import DialogScreen
from game.ui.screens.scene import SceneScreen

from .conftest import MINI


def scene_of(app: App) -> SceneScreen:
    top = app.find("scene")
    assert isinstance(top, SceneScreen)
    return top


def to_choices(app: App, drive) -> SceneScreen:
    scene = scene_of(app)
    for _ in range(50):
        if scene.choosing and app.top is scene:
            return scene
        drive.key(app, pygame.K_SPACE)
    raise AssertionError("no choices appeared")


def test_autosave_on_every_choice_and_continue_resumes(make_app, drive, tmp_path) -> None:
    app = make_app()
    app.start(app.story)
    to_choices(app, drive)
    drive.key(app, pygame.K_1)
    state = scene_of(app).play.session.state.to_json()
    assert app.store.info(AUTO).status == "ok"
    assert app.store.info(AUTO).meta.scene == "middle"
    pygame.quit()

    again = make_app()  # a fresh start of the program, same data folder
    title = again.top
    assert title.name == "title" and title.menu.items[0].enabled
    assert title.menu.focus == 0  # Continue is ready under Enter
    drive.key(again, pygame.K_RETURN)
    resumed = scene_of(again)
    assert resumed.play.session.state.to_json() == state
    assert [s.result.choice.id for s in resumed.play.session.history] == ["weather"]


def test_quicksave_and_quickload(make_app, drive) -> None:
    app = make_app()
    app.start(app.story)
    to_choices(app, drive)
    drive.key(app, pygame.K_F5)
    assert app.store.info(QUICK).status == "ok"
    drive.key(app, pygame.K_1)
    assert scene_of(app).play.session.state.scene == "middle"
    drive.key(app, pygame.K_F9)
    assert scene_of(app).play.session.state.scene == "hello"


def test_save_to_a_slot_and_load_it_from_the_pause_menu(make_app, drive, shot) -> None:
    app = make_app()
    app.start(app.story)
    to_choices(app, drive)
    drive.key(app, pygame.K_ESCAPE)
    assert app.top.name == "pause"
    shot(app, "pause")
    drive.key(app, pygame.K_2)  # Save
    saves = app.top
    assert saves.name == "saves" and saves.mode == "save"
    drive.key(app, pygame.K_RIGHT)  # from slot 1 to slot 2
    drive.key(app, pygame.K_RETURN)
    info = app.store.info("slot2")
    assert info.status == "ok" and info.meta.story == "mini" and info.meta.scene == "hello"
    drive.key(app, pygame.K_ESCAPE)
    drive.key(app, pygame.K_ESCAPE)
    drive.key(app, pygame.K_1)  # move on to the middle scene
    assert scene_of(app).play.session.state.scene == "middle"
    drive.key(app, pygame.K_ESCAPE)
    drive.key(app, pygame.K_3)  # Load
    loader = app.top
    assert loader.name == "saves" and loader.mode == "load"
    drive.click(app, loader.menu.rects[3].center)  # slot2: auto, quick, slot1, slot2
    assert app.top.name == "scene"
    assert scene_of(app).play.session.state.scene == "hello"


def test_a_damaged_slot_is_shown_and_does_not_block_others(make_app, drive, shot) -> None:
    app = make_app()
    app.start(app.story)
    to_choices(app, drive)
    app.save_to("slot1")
    app.save_to("slot3")
    app.store.path("slot2").write_text('{"confide": "save", "format": 1, "body": {', "utf-8")
    tampered = json.loads(app.store.path("slot3").read_text("utf-8"))
    tampered["body"]["meta"]["scene"] = "finale"
    app.store.path("slot3").write_text(json.dumps(tampered), "utf-8")
    drive.key(app, pygame.K_ESCAPE)
    drive.key(app, pygame.K_3)
    loader = app.top
    status = {s.name: s.status for s in loader.slots}
    assert status == {"auto": "empty", "quick": "empty", "slot1": "ok", "slot2": "damaged",
                      "slot3": "damaged", "slot4": "empty", "slot5": "empty", "slot6": "empty"}
    shot(app, "saves_damaged")
    drive.click(app, loader.menu.rects[3].center)  # the damaged slot2: nothing happens
    assert app.top is loader and "damaged" in app.toast_text
    drive.click(app, loader.menu.rects[2].center)  # slot1 still loads
    assert app.top.name == "scene"


def test_rewind_takes_back_choices_repeatedly(make_app, drive) -> None:
    app = make_app()
    app.start(app.story)
    to_choices(app, drive)
    drive.key(app, pygame.K_1)
    to_choices(app, drive)
    drive.key(app, pygame.K_1)
    scene = scene_of(app)
    assert len(scene.play.session.history) == 2
    drive.key(app, pygame.K_BACKSPACE)
    assert scene.play.session.state.scene == "middle" and scene.choosing
    drive.key(app, pygame.K_BACKSPACE)
    assert scene.play.session.state.scene == "hello" and scene.choosing
    assert scene.play.session.history == []
    drive.key(app, pygame.K_BACKSPACE)
    assert "Nothing to take back" in app.toast_text
    # the mouse can rewind too, with the Rewind button
    drive.key(app, pygame.K_2)
    drive.click(app, scene.tools.rects[1].center)
    assert scene.play.session.history == []
    assert app.store.info(AUTO).meta.scene == "hello"  # the autosave follows the rewind


def edited_copy(tmp_path: Path) -> Path:
    story = tmp_path / "mini.yaml"
    shutil.copy(MINI, story)
    return story


def rename_scene(story: Path, old: str, new: str) -> None:
    """The writer renames a scene (and every reference to it) between two sessions."""
    text = story.read_text("utf-8")
    assert f"  {old}:\n" in text
    story.write_text(text.replace(old, new), "utf-8")


def dialog_text(dialog: DialogScreen) -> str:
    return " ".join(" ".join(lines) for lines in [dialog.wrapped_title, *dialog.wrapped])


def test_continue_into_an_edited_story_offers_to_start_over(make_app, drive, shot,
                                                            tmp_path) -> None:
    story = edited_copy(tmp_path)
    app = make_app(story)
    app.start(app.story)
    to_choices(app, drive)
    drive.key(app, pygame.K_1)  # autosaved in the scene "middle"
    assert app.store.info(AUTO).meta.scene == "middle"
    pygame.quit()
    rename_scene(story, "middle", "landing")

    again = make_app(story)
    drive.key(again, pygame.K_RETURN)  # Continue
    dialog = again.top
    assert isinstance(dialog, DialogScreen) and again.stack[-2].name == "title"
    text = dialog_text(dialog)
    assert "This save no longer fits the story" in text
    assert "the saved scene 'middle' no longer exists in story 'mini'" in text
    assert [it.label for it in dialog.menu.items] == ["Start the story over", "Back"]
    shot(again, "refused_save")
    drive.key(again, pygame.K_ESCAPE)  # Back: the title again, the save untouched
    assert again.top.name == "title" and again.store.info(AUTO).status == "ok"
    drive.key(again, pygame.K_RETURN)
    dialog = again.top
    assert isinstance(dialog, DialogScreen)
    drive.click(again, dialog.menu.rects[0].center)  # Start the story over
    scene = scene_of(again)
    assert again.top is scene and len(again.stack) == 1
    assert scene.play.session.state.scene == "hello" and scene.play.session.history == []
    assert scene.play.story.id == "mini" and "landing" in scene.play.story.scenes
    to_choices(again, drive)
    drive.key(again, pygame.K_1)  # the fresh game plays on into the renamed scene
    assert scene.play.session.state.scene == "landing"


def test_quickload_and_load_of_a_refused_save_keep_the_game_going(make_app, drive,
                                                                  tmp_path) -> None:
    story = edited_copy(tmp_path)
    app = make_app(story)
    app.start(app.story)
    to_choices(app, drive)
    drive.key(app, pygame.K_1)
    drive.key(app, pygame.K_F5)  # quicksaved in "middle"
    pygame.quit()
    rename_scene(story, "middle", "landing")

    again = make_app(story)
    again.start(again.story)
    playing = to_choices(again, drive)
    drive.key(again, pygame.K_F9)
    assert isinstance(again.top, DialogScreen) and "Quicksave" in dialog_text(again.top)
    drive.key(again, pygame.K_F9)  # again: still one dialog over the scene
    assert isinstance(again.top, DialogScreen) and len(again.stack) == 2
    drive.key(again, pygame.K_2)  # Back: the game in progress goes on
    assert again.top is playing and scene_of(again) is playing
    drive.key(again, pygame.K_ESCAPE)
    drive.key(again, pygame.K_3)  # Load
    loader = again.top
    assert loader.name == "saves"
    drive.click(again, loader.menu.rects[1].center)  # the quicksave card
    assert isinstance(again.top, DialogScreen) and again.stack[-2] is loader
    drive.key(again, pygame.K_RETURN)  # focus starts on "Start the story over"
    fresh = scene_of(again)
    assert fresh is not playing and fresh.play.session.state.scene == "hello"


def test_a_forged_save_with_a_nul_title_leaves_the_load_screen_working(make_app, drive,
                                                                       shot) -> None:
    """Issue 13: the checksum is recomputable, and a NUL in a saved title once crashed the
    Load screen so that no slot loaded. The validator marks that slot damaged instead."""
    from tests.hostile.kit import forge

    app = make_app()
    app.start(app.story)
    to_choices(app, drive)
    app.save_to("slot1")
    app.save_to("slot2")

    def nul_title(body: dict[str, dict[str, object]]) -> None:
        body["meta"]["story_title"] = "Mini\x00\x1b]0;owned\x07"
        body["meta"]["scene_title"] = "\x00" * 50

    forge(app.store, "slot2", nul_title)
    drive.key(app, pygame.K_ESCAPE)
    drive.key(app, pygame.K_3)  # Load
    loader = app.top
    status = {s.name: s.status for s in loader.slots}
    assert status["slot1"] == "ok" and status["slot2"] == "damaged"
    shot(app, "saves_forged_nul")
    drive.click(app, loader.menu.rects[2].center)  # slot1 still loads
    assert app.top.name == "scene"


def test_slot_cards_hold_their_text_at_every_size_and_font(make_app, drive, tmp_path,
                                                           shot) -> None:
    """At Largest the date line of a save ran out of its card and over the next one, and was
    cut with an ellipsis. Every card now holds its lines, and the grid stays above Back."""
    from game.persist.saves import SaveStore
    from game.persist.settings import FONTS, LINE_SPACINGS, TEXT_SIZES, Settings

    for size in (TEXT_SIZES[1], TEXT_SIZES[-1]):  # medium, and the largest
        for font in FONTS:
            data = tmp_path / f"{size}-{font}"
            SaveStore(data).save_settings(Settings(text_size=size, font=font,
                                                   line_spacing=LINE_SPACINGS[-1]))
            app = make_app(data=data)
            app.start(app.story)
            to_choices(app, drive)
            drive.key(app, pygame.K_F5)  # a quicksave: a card with a thumbnail and a date
            drive.key(app, pygame.K_ESCAPE)
            drive.key(app, pygame.K_3)  # Load
            loader = app.top
            assert loader.name == "saves"
            t = app.theme
            cards, back = loader.menu.rects[:-1], loader.menu.rects[-1]
            assert all(c.bottom <= back.top for c in cards)
            assert not any(a.colliderect(b) for i, a in enumerate(cards) for b in cards[i + 1:])
            assert all(c.height >= loader._text_height() for c in cards)
            quick = next(i for i, s in enumerate(loader.slots) if s.name == QUICK)
            thumb = loader.thumbs[QUICK]
            assert thumb is not None
            width = cards[quick].right - 16 - (cards[quick].x + 8 + thumb.get_width() + 14)
            lines = [options for options, _ in loader.describe(loader.slots[quick])]
            assert all(any(t.font(t.px(16)).size(o)[0] <= width for o in options)
                       for options in lines), (size, font, lines)
            if size == TEXT_SIZES[-1]:
                shot(app, f"saves_{size}_{font}")
            pygame.quit()
