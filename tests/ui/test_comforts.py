"""Window comforts (issue 14): skip seen text, auto-forward, wheel rollback, save
thumbnails; each by keyboard alone and by mouse alone, kept in settings or on disk."""

from __future__ import annotations

import pygame

from game.persist.saves import SaveStore
from game.ui.screen import Screen
from tests.ui.conftest import ROOT
from tests.ui.test_play import scene_of, to_choices

TUTORIAL = ROOT / "stories" / "tutorial"


def ctrl(app, down: bool) -> None:
    kind = pygame.KEYDOWN if down else pygame.KEYUP
    pygame.event.post(pygame.event.Event(kind, key=pygame.K_LCTRL, mod=0, unicode="",
                                         scancode=0))
    app.run_frames(1)


def test_hold_ctrl_skips_read_lines_across_plays_and_stops_at_new_text(make_app, drive,
                                                                      tmp_path) -> None:
    data = tmp_path / "skip"
    app = make_app(TUTORIAL, data=data)
    app.start(app.story)
    first = to_choices(app, drive)
    lines = len(first.view.lines)
    assert lines >= 2
    drive.key(app, pygame.K_ESCAPE)
    drive.click(app, app.top.menu.rects[-1].center)  # Return to title: read lines kept
    again = make_app(TUTORIAL, data=data)  # a new run of the game
    again.start(again.story)
    scene = scene_of(again)
    assert not scene.choosing
    ctrl(again, True)
    again.run_frames(lines * 3, dt=0.1)
    assert scene.choosing  # every line was read before: skipped up to the choices
    drive.key(again, pygame.K_1)  # the reaction to this choice has never been read
    again.run_frames(20, dt=0.1)
    assert scene.line is not None and not scene.line_seen and not scene.choosing
    ctrl(again, False)


def test_skip_button_by_mouse_stops_at_unseen_text(make_app, drive, shot) -> None:
    app = make_app(TUTORIAL)
    app.start(app.story)
    scene = to_choices(app, drive)
    drive.key(app, pygame.K_BACKSPACE)  # nothing to take back yet; restart instead
    app.start(app.story)
    scene = scene_of(app)
    skip = scene.tools.rects[3]
    drive.click(app, skip.center)
    assert scene.skip_on
    app.run_frames(2, dt=0.07)
    shot(app, "scene_skip")  # mid-skip: the button lit, a read line flashing by
    app.run_frames(40, dt=0.1)
    assert scene.choosing and not scene.skip_on  # stopped at the choices
    drive.click(app, scene.menu.rects[0].center)
    drive.click(app, skip.center)
    app.run_frames(20, dt=0.1)
    assert not scene.choosing and not scene.line_seen and not scene.skip_on


def test_skip_setting_is_kept(make_app, drive, tmp_path) -> None:
    data = tmp_path / "setting"
    app = make_app(data=data)
    drive.click(app, app.top.menu.rects[3].center)  # Settings
    settings = app.top
    row = [it.label for it in settings.menu.items].index("Skip seen text")
    drive.click(app, settings.menu.rects[row].center)
    assert app.settings.skip_seen
    assert SaveStore(data).load_settings().skip_seen


def settings_row(app, drive, label: str) -> tuple[Screen, int]:
    """From a first run's title, by keys: open Settings and move the focus to `label`'s
    row, as a keyboard player does; returns the screen and the row's index."""
    drive.key(app, pygame.K_DOWN)
    drive.key(app, pygame.K_DOWN)  # from New story (Continue is greyed out) to Settings
    drive.key(app, pygame.K_RETURN)
    settings = app.top
    assert settings.name == "settings"
    row = [it.label for it in settings.menu.items].index(label)
    for _ in range(row):
        drive.key(app, pygame.K_DOWN)
    return settings, row


def test_auto_forward_by_keys_moves_lines_on_by_itself(make_app, drive, tmp_path) -> None:
    data = tmp_path / "auto"
    app = make_app(TUTORIAL, data=data)
    settings_row(app, drive, "Auto-forward")
    drive.key(app, pygame.K_RIGHT)
    drive.key(app, pygame.K_RIGHT)
    drive.key(app, pygame.K_RIGHT)
    assert app.settings.auto_forward == "fast"
    assert SaveStore(data).load_settings().auto_forward == "fast"
    app.start(app.story)
    scene = scene_of(app)
    first = scene.line
    app.run_frames(10, dt=1.0)  # typed out, then a pause, then on by itself
    assert scene.line is not first
    app.run_frames(60, dt=1.0)
    assert scene.choosing  # and it never picks a choice


def test_auto_forward_by_mouse(make_app, drive, shot) -> None:
    app = make_app(TUTORIAL)
    drive.click(app, app.top.menu.rects[3].center)  # Settings
    settings = app.top
    row = [it.label for it in settings.menu.items].index("Auto-forward")
    drive.click(app, settings.menu.rects[row].center)
    assert app.settings.auto_forward == "slow"
    settings.typed = 20.0  # the preview halfway through its sentence
    shot(app, "settings_reading")


def test_read_lines_file_damaged_or_hostile_is_ignored(tmp_path) -> None:
    from game.persist.envelope import write_json_atomic
    from game.seen import MAX_LINES, SeenLines

    seen = SeenLines(tmp_path, "../../Tutorial")  # the id never leaves the seen folder
    assert seen.path.parent == tmp_path / "seen"
    seen.path.parent.mkdir(parents=True)
    seen.path.write_text("{not json")
    assert SeenLines(tmp_path, "../../Tutorial").keys == set()
    write_json_atomic(seen.path, "seen", {"lines": ["x" * 16] * 3 + [7, "short"] +
                                         [f"{i:016x}" for i in range(MAX_LINES + 10)]})
    loaded = SeenLines(tmp_path, "../../Tutorial")
    assert len(loaded.keys) <= MAX_LINES and "short" not in loaded.keys
    loaded.mark("narrator", "A new line.")  # full: the set does not grow past its bound
    assert len(loaded.keys) <= MAX_LINES
    fresh = SeenLines(tmp_path, "other")
    fresh.mark("narrator", "A new line.")
    fresh.save()
    assert SeenLines(tmp_path, "other").seen("narrator", "A new line.")
    assert not SeenLines(tmp_path, "other").seen("narrator", "A changed line.")


def test_save_slots_show_thumbnails(make_app, drive, shot) -> None:
    from game.ui.thumbs import SIZE, read_thumbnail, thumb_path

    app = make_app(TUTORIAL)
    app.start(app.story)
    to_choices(app, drive)
    drive.key(app, pygame.K_ESCAPE)
    drive.click(app, app.top.menu.rects[1].center)  # Save, by mouse
    saves = app.top
    drive.click(app, saves.menu.rects[2].center)  # Slot 1
    path = thumb_path(app.store.saves_dir, "slot1")
    img = read_thumbnail(path)
    assert img is not None and img.get_size() == SIZE
    assert saves.thumbs["slot1"] is not None  # the card shows it at once
    shot(app, "save_slots_thumbnails")
    drive.key(app, pygame.K_ESCAPE)
    drive.key(app, pygame.K_ESCAPE)
    drive.key(app, pygame.K_F5)  # quicksave by keys: a thumbnail too
    assert read_thumbnail(thumb_path(app.store.saves_dir, "quick")) is not None


def test_a_swapped_in_thumbnail_is_never_decoded(tmp_path) -> None:
    import struct
    import zlib

    from game.ui.thumbs import read_thumbnail

    def png(w: int, h: int) -> bytes:
        ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
        chunk = b"IHDR" + ihdr
        return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk +
                struct.pack(">I", zlib.crc32(chunk)))

    huge = tmp_path / "huge.png"
    huge.write_bytes(png(30000, 30000))  # a decompression bomb's header
    assert read_thumbnail(huge) is None
    (tmp_path / "text.png").write_text("not a picture")
    assert read_thumbnail(tmp_path / "text.png") is None
    assert read_thumbnail(tmp_path / "missing.png") is None
    big = tmp_path / "big.png"
    big.write_bytes(png(192, 108) + b"\0" * 300_000)
    assert read_thumbnail(big) is None
