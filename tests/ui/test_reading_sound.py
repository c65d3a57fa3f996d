"""The reading font, line spacing and sound settings, driven by keys and clicks; the sounds."""

from __future__ import annotations

import wave
from array import array
from pathlib import Path

import pygame

from game.persist.saves import SaveStore
from game.persist.settings import Settings
from game.ui import soundsynth
from game.ui.app import App
from game.ui.screens.comfort_settings import ComfortSettingsScreen
from game.ui.screens.scene import SceneScreen
from game.ui.sound import LOOPS, SOUND_DIR, SOUNDSCAPES, UI_SOUNDS, loop_for
from game.ui.theme import ASSETS

ROWS = {"voice": 0, "font": 1, "spacing": 2, "music": 3, "sound": 4, "mute": 5, "back": 6}


def open_comforts(app: App, drive) -> ComfortSettingsScreen:
    """Title -> Settings -> "Reading, voice and sound", by keyboard."""
    labels = [it.label for it in app.top.menu.items]  # type: ignore[attr-defined]
    drive.key(app, pygame.K_0 + labels.index("Settings") + 1)
    labels = [it.label for it in app.top.menu.items]  # type: ignore[attr-defined]
    for _ in range(labels.index("Reading, voice and sound")):
        drive.key(app, pygame.K_DOWN)
    drive.key(app, pygame.K_RETURN)
    top = app.top
    assert isinstance(top, ComfortSettingsScreen)
    return top


def test_font_and_spacing_by_keyboard_apply_at_once_and_persist(make_app, drive, shot,
                                                                 tmp_path) -> None:
    app = make_app()
    screen = open_comforts(app, drive)
    standard = app.theme.font(20)
    drive.key(app, pygame.K_DOWN)
    drive.key(app, pygame.K_RIGHT)  # font: Atkinson Hyperlegible
    assert app.theme.family == "hyperlegible" and app.theme.font(20) is not standard
    # a glyph the reading font lacks is drawn by the standard one, never as a box
    assert app.theme.font_for("Keys ▲ ▼", 20) is app.theme.font(20, family="standard")
    assert app.theme.font_for("Sam’s café · “hi”", 20) is app.theme.font(20)
    drive.key(app, pygame.K_DOWN)
    drive.key(app, pygame.K_RIGHT)  # line spacing: relaxed
    drive.key(app, pygame.K_RIGHT)  # wide
    assert app.theme.line_height(20) == 40
    assert len(screen.preview) >= 1
    shot(app, "comforts_hyperlegible_wide")
    pygame.quit()
    again = make_app()
    assert (again.settings.font, again.settings.line_spacing) == ("hyperlegible", "wide")
    assert again.theme.family == "hyperlegible" and again.theme.line_height(20) == 40


def test_volumes_and_mute_by_mouse(make_app, drive) -> None:
    app = make_app()
    app.push(ComfortSettingsScreen(app))
    app.run_frames(1)
    screen = app.top
    drive.click(app, screen.menu.rects[ROWS["music"]].center)  # type: ignore[attr-defined]
    assert app.settings.music_volume == 70
    for _ in range(3):
        drive.click(app, screen.menu.rects[ROWS["music"]].center)  # type: ignore[attr-defined]
    assert app.settings.music_volume == 100
    drive.click(app, screen.menu.rects[ROWS["music"]].center)  # type: ignore[attr-defined]
    assert app.settings.music_volume == 0  # Enter or a click moves on, round to 0
    drive.click(app, screen.menu.rects[ROWS["mute"]].center)  # type: ignore[attr-defined]
    assert app.settings.mute and app.comforts.sound.volume("sound") == 0.0
    drive.key(app, pygame.K_m)  # M on any screen
    assert not app.settings.mute
    assert app.store.load_settings().music_volume == 0


def test_volume_keys_stop_at_the_ends(make_app, drive) -> None:
    app = make_app()
    app.push(ComfortSettingsScreen(app))
    app.run_frames(1)
    for _ in range(ROWS["sound"]):
        drive.key(app, pygame.K_DOWN)
    for _ in range(12):
        drive.key(app, pygame.K_LEFT)
    assert app.settings.sound_volume == 0
    for _ in range(12):
        drive.key(app, pygame.K_RIGHT)
    assert app.settings.sound_volume == 100


def test_scene_plays_its_ambience_silently_under_the_dummy_driver(make_app, drive) -> None:
    app = make_app(ASSETS.parent / "stories" / "tutorial")
    sound = app.comforts.sound
    app.run_frames(3)
    assert sound.loop is None and sound.ready is None  # the title is silent: no mixer at all
    app.start(app.story)  # type: ignore[arg-type]
    app.run_frames(2)
    scene = app.top
    assert isinstance(scene, SceneScreen)
    assert sound.loop == loop_for(scene.stage.background) and sound.loop in LOOPS
    assert sound.ready is not None  # the mixer was asked for, and opened or said why not
    if sound.ready:
        assert sound.busy()
    for _ in range(30):
        if scene.choosing:
            break
        drive.key(app, pygame.K_SPACE)
    drive.key(app, pygame.K_1)
    assert "choose" in sound.played
    drive.key(app, pygame.K_m)
    assert app.settings.mute
    if sound.ready:
        assert not sound.busy()
    drive.key(app, pygame.K_ESCAPE)
    assert sound.played[-1] == "open"
    app.comforts.close()


def test_every_background_has_a_loop_and_every_sound_file_is_there() -> None:
    stems = {p.stem for p in (ASSETS / "backgrounds").glob("*.png")}
    assert stems <= set(SOUNDSCAPES), stems - set(SOUNDSCAPES)
    assert loop_for("my/own/backdrop.png") == "room" and loop_for(None) is None
    files = [SOUND_DIR / f"{n}.wav" for n in (*LOOPS, *UI_SOUNDS)]
    assert all(f.is_file() for f in files)
    assert sum(f.stat().st_size for f in SOUND_DIR.iterdir()) < 3_000_000
    assert set(LOOPS) == set(soundsynth.LOOPS) and set(UI_SOUNDS) == set(soundsynth.UI_NAMES)
    for name in LOOPS:
        with wave.open(str(SOUND_DIR / f"{name}.wav")) as w:
            assert w.getnframes() == soundsynth.LOOP_SECONDS * soundsynth.LOOP_RATE


def samples(path: Path) -> array[int]:
    with wave.open(str(path)) as w:
        return array("h", w.readframes(w.getnframes()))


def test_the_script_makes_the_committed_interface_sounds(tmp_path: Path) -> None:
    for name in UI_SOUNDS:
        soundsynth.write_wav(tmp_path / f"{name}.wav", soundsynth.ui_sound(name),
                             soundsynth.UI_RATE)
        made, kept = samples(tmp_path / f"{name}.wav"), samples(SOUND_DIR / f"{name}.wav")
        assert len(made) == len(kept)
        assert max(abs(a - b) for a, b in zip(made, kept, strict=True)) <= 1


def test_loops_have_no_click_at_the_seam() -> None:
    for name in LOOPS:
        s = samples(SOUND_DIR / f"{name}.wav")
        steps = sorted(abs(s[i + 1] - s[i]) for i in range(0, len(s) - 1, 7))
        typical = steps[int(len(steps) * 0.999)]
        assert abs(s[0] - s[-1]) <= typical, name  # the seam is an ordinary step


def test_comfort_settings_are_validated(tmp_path: Path) -> None:
    store = SaveStore(tmp_path)
    good = Settings(font="hyperlegible", line_spacing="relaxed", music_volume=0,
                    sound_volume=100, mute=True, self_voicing=True, help_seen=True)
    store.save_settings(good)
    assert store.load_settings() == good
    bad = {"font": "comic", "line_spacing": 3, "music_volume": 101, "sound_volume": True,
           "mute": "yes", "self_voicing": 1}
    assert Settings.from_json(bad) == Settings()
    assert Settings.from_json({"music_volume": -1, "sound_volume": 30}) == Settings(
        sound_volume=30)


def test_a_missing_reading_font_never_stops_the_text(make_app, monkeypatch) -> None:
    from game.ui import theme

    monkeypatch.setitem(theme.FONT_FILES, "hyperlegible", ("gone.ttf", "gone-bold.ttf"))
    app = make_app()
    app.settings.font = "hyperlegible"
    app.apply_settings()
    assert app.theme.text("Keys ▲ ▼ and café", 20, (255, 255, 255)).get_width() > 0
    assert app.theme.text("plain words", 20, (255, 255, 255)).get_width() > 0
