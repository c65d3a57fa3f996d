"""The window v2 bugs (issue 14, "Bugs to fix"): each test drives the real App with key and
mouse events under the dummy driver, and failed before its fix."""

from __future__ import annotations

import pygame

from game.ui.app import App
from game.ui.screens.scene import SceneScreen
from tests.ui.conftest import ROOT
from tests.ui.test_play import scene_of, to_choices

TUTORIAL = ROOT / "stories" / "tutorial"
FLATMATES = ROOT / "stories" / "flatmates"


def to_ending(app: App, drive) -> SceneScreen:
    """Number keys at every choice, Space through every line, until the ending."""
    scene = scene_of(app)
    for _ in range(200):
        if app.top.name in ("ending", "debrief"):
            return scene
        if scene.choosing:
            drive.key(app, pygame.K_1)
        else:
            drive.key(app, pygame.K_SPACE)
    raise AssertionError("no ending")


# -- 1. Space and Enter never leave an ending or a debrief -------------------------------
def test_space_and_enter_never_leave_the_ending(make_app, drive) -> None:
    app = make_app()
    app.start(app.story)
    scene = to_ending(app, drive)
    ending = app.top
    for k in (pygame.K_SPACE, pygame.K_SPACE, pygame.K_RETURN, pygame.K_RETURN,
              pygame.K_SPACE, pygame.K_KP_ENTER, pygame.K_1, pygame.K_2):
        drive.key(app, k)
        assert app.top is ending
    assert scene.play.session.ended and scene.play.session.history  # nothing restarted
    drive.key(app, pygame.K_BACKSPACE)  # so Backspace still has the last choice to take back
    assert app.top is scene and scene.choosing


def test_ending_needs_a_deliberate_choice_by_keys_or_mouse(make_app, drive) -> None:
    app = make_app()
    app.start(app.story)
    to_ending(app, drive)
    ending = app.top
    assert ending.menu.lit == -1
    drive.key(app, pygame.K_RIGHT)  # shows the focus on "Play again"
    assert ending.menu.lit == 0 and app.top is ending
    drive.key(app, pygame.K_RETURN)  # now a deliberate choice
    assert scene_of(app).play.session.history == []
    app2 = make_app()
    app2.start(app2.story)
    to_ending(app2, drive)
    drive.click(app2, app2.top.menu.rects[2].center)  # Return to title, by mouse
    assert app2.top.name == "title"


def test_facilitator_spaces_keep_the_debrief_open(make_app, drive) -> None:
    app = make_app(facilitator=True)
    app.start(app.story)
    to_ending(app, drive)
    assert app.top.name == "debrief"
    for _ in range(4):
        drive.key(app, pygame.K_SPACE)
        drive.key(app, pygame.K_RETURN)
        assert app.top.name == "debrief"
    drive.key(app, pygame.K_ESCAPE)  # leaving is deliberate: Esc, Back or a click
    assert app.top.name == "ending"
    drive.key(app, pygame.K_SPACE)
    assert app.top.name == "ending"


# -- 2. Tapping Enter through text never picks a choice -------------------------------------
def test_enter_through_text_never_picks_a_choice(make_app, drive) -> None:
    app = make_app()
    app.start(app.story)
    scene = to_choices(app, drive)
    drive.key(app, pygame.K_2)  # chose the second choice last time...
    for _ in range(30):  # ...then taps Enter through the reaction and the next scene
        drive.key(app, pygame.K_RETURN)
    assert [s.result.choice.id for s in scene.play.session.history] == ["secret"]
    assert scene.choosing and scene.menu.lit == -1  # the focus starts on no choice
    drive.key(app, pygame.K_DOWN)
    assert scene.menu.lit == 0
    drive.key(app, pygame.K_RETURN)
    assert len(scene.play.session.history) == 2


def test_mouse_hover_shows_the_focus_and_a_click_chooses(make_app, drive) -> None:
    app = make_app()
    app.start(app.story)
    scene = to_choices(app, drive)
    drive.move(app, scene.menu.rects[1].center)
    assert scene.menu.lit == 1
    drive.click(app, scene.menu.rects[1].center)
    assert scene.play.session.history[-1].result.choice.id == "secret"


# -- 3. History shows only what has been on screen -------------------------------------------
def test_history_during_a_reaction_lists_no_later_lines(make_app, drive) -> None:
    app = make_app()
    app.start(app.story)
    scene = to_choices(app, drive)
    drive.key(app, pygame.K_1)  # the reaction "Sam laughs." is on screen
    assert scene.line is not None and "laughs" in scene.line.text
    drive.key(app, pygame.K_h)
    history = app.top
    assert history.name == "history"
    texts = [text for _, _, text in history.rows]
    assert texts[-1].endswith("laughs.")
    drive.key(app, pygame.K_ESCAPE)


def test_history_mid_scene_stops_at_the_line_on_screen(make_app, drive) -> None:
    app = make_app(TUTORIAL)
    app.start(app.story)
    scene = scene_of(app)
    assert len(scene.queue) >= 1  # the first scene has lines still to come
    first = scene.line
    assert first is not None
    drive.click(app, scene.tools.rects[0].center)  # History, by mouse
    rows = app.top.rows
    assert [text for _, _, text in rows] == [first.text]


SIX = ROOT / "tests" / "fixtures" / "six_long_choices.yaml"


# -- 4. The line being answered stays on screen, however many choices --------------------------
def test_six_long_choices_keep_the_line_and_scroll(make_app, drive, shot) -> None:
    for facilitator in (False, True):
        app = make_app(SIX, facilitator=facilitator)
        app.settings.text_size = "largest"
        app.apply_settings()
        app.start(app.story)
        scene = to_choices(app, drive)
        assert scene.line is not None and "too big" in scene.line.text
        view = scene.choice_view
        assert view.bottom <= scene.panel.top  # the cards never cover the line answered
        assert scene.choice_total > view.height  # too many to fit: they scroll
        for _ in range(6):  # the first shows the focus, five more reach the last
            drive.key(app, pygame.K_DOWN)
            focused = scene.menu.rects[scene.menu.focus]
            assert view.top <= focused.top and focused.bottom <= view.bottom
        assert scene.menu.focus == 5
        shot(app, f"six_choices_scrolled_{int(facilitator)}")
        drive.key(app, pygame.K_6)  # a number reaches every choice
        assert scene.play.session.history[-1].result.choice.id == "quiet"


def test_wheel_over_the_choices_scrolls_them_and_elsewhere_rolls_back(make_app, drive) -> None:
    app = make_app(SIX)
    app.settings.text_size = "largest"
    app.apply_settings()
    app.start(app.story)
    scene = to_choices(app, drive)
    drive.move(app, scene.choice_view.center)
    drive.wheel(app, -1)
    assert scene.choice_scroll > 0
    drive.wheel(app, 1)
    assert scene.choice_scroll == 0
    drive.key(app, pygame.K_6)
    to_choices(app, drive)
    drive.move(app, (1100, 300))  # away from the choices: wheel up takes the choice back
    drive.wheel(app, 1)
    assert scene.play.session.history == [] and scene.view.scene == "porch"


# -- 6. Facilitator mode keeps the partner's face in view ----------------------------------------
def test_facilitator_mode_shows_the_face(make_app, drive, shot) -> None:
    app = make_app(FLATMATES, facilitator=True)
    app.start(app.story)
    scene = to_choices(app, drive)
    face = scene.glass.face
    assert face.width >= 120 and scene.glass.meters.contains(face)
    assert not face.colliderect(scene.glass.why)
    path = shot(app, "facilitator_face")
    img = pygame.image.load(str(path))
    skin = sum(1 for x in range(face.x, face.right, 4) for y in range(face.y, face.bottom, 4)
               if img.get_at((x, y))[0] > 120)  # a painted face, not the dark card
    assert skin > 100


# -- 7. Projector mode: voting letters go as far as the choices ----------------------------------
def test_projector_letters_reach_the_fifth_choice(make_app, drive) -> None:
    app = make_app(SIX)
    app.set_projector(True)
    app.start(app.story)
    scene = to_choices(app, drive)
    drive.key(app, pygame.K_e)
    assert scene.play.session.history[-1].result.choice.id == "ask"


def test_projector_toast_leaves_the_tools_uncovered(make_app, drive) -> None:
    app = make_app(SIX)
    app.start(app.story)
    scene = scene_of(app)
    drive.key(app, pygame.K_F3)
    assert app.toast_left > 0
    toast = app.toast_rect()
    assert all(not toast.colliderect(r) for r in scene.tools.rects)


# -- 9. A partner absent from a scene is not drawn ------------------------------------------------
def test_portrait_only_in_scenes_the_partner_is_in(make_app, drive) -> None:
    app = make_app(SIX)
    app.start(app.story)
    scene = to_choices(app, drive)
    assert scene.portrait_shown()
    drive.key(app, pygame.K_6)
    for _ in range(10):
        if scene.view.scene == "alone" and scene.choosing:
            break
        drive.key(app, pygame.K_SPACE)
    assert scene.view.scene == "alone" and not scene.portrait_shown()


# -- 8. Saving over a slot asks first; Up from Slot 1 stays in the grid -----------------------
def open_save_screen(app: App, drive):
    drive.key(app, pygame.K_ESCAPE)  # pause
    pause = app.top
    drive.click(app, pause.menu.rects[1].center)  # Save
    assert app.top.name == "saves"
    return app.top


def test_overwriting_a_slot_asks_by_keys(make_app, drive) -> None:
    app = make_app()
    app.start(app.story)
    scene = to_choices(app, drive)
    saves = open_save_screen(app, drive)
    assert saves.menu.focus == 2  # Slot 1: the game's own slots cannot be chosen
    drive.key(app, pygame.K_UP)  # Up from Slot 1 stays; it must not jump to Slot 6
    assert saves.menu.focus == 2
    drive.key(app, pygame.K_RETURN)  # an empty slot saves at once
    assert app.store.info("slot1").status == "ok"
    first = app.store.info("slot1").meta
    drive.key(app, pygame.K_ESCAPE)
    drive.key(app, pygame.K_ESCAPE)
    drive.key(app, pygame.K_1)  # play on, then save over Slot 1
    saves = open_save_screen(app, drive)
    drive.key(app, pygame.K_RETURN)
    assert app.top.name == "dialog"
    drive.key(app, pygame.K_RETURN)  # the focus starts on "Keep it"
    assert app.top is saves and app.store.info("slot1").meta == first
    drive.key(app, pygame.K_RETURN)
    drive.key(app, pygame.K_LEFT)  # Overwrite
    drive.key(app, pygame.K_RETURN)
    assert app.top is saves and app.store.info("slot1").meta.turn == scene.play.session.state.turn


def test_overwriting_a_slot_asks_by_mouse(make_app, drive, shot) -> None:
    app = make_app()
    app.start(app.story)
    to_choices(app, drive)
    saves = open_save_screen(app, drive)
    drive.click(app, saves.menu.rects[3].center)  # Slot 2, empty: saved
    saved = app.store.info("slot2").meta
    drive.click(app, saves.menu.rects[3].center)
    dialog = app.top
    assert dialog.name == "dialog" and dialog.title == "Overwrite Slot 2?"
    shot(app, "saves_overwrite")
    drive.click(app, dialog.menu.rects[1].center)  # Keep it
    assert app.top is saves and app.store.info("slot2").meta == saved


# -- 9. Continue resumes at the line on screen; the face stays clear; the preview types -------
def test_continue_resumes_at_the_line_where_play_stopped(make_app, drive, tmp_path) -> None:
    data = tmp_path / "resume"
    app = make_app(TUTORIAL, data=data)
    app.start(app.story)
    scene = scene_of(app)
    drive.key(app, pygame.K_SPACE)
    drive.key(app, pygame.K_SPACE)
    drive.key(app, pygame.K_SPACE)  # a few lines into the first scene
    on_screen = scene.line
    assert on_screen is not None and on_screen != scene.view.lines[0]
    drive.key(app, pygame.K_ESCAPE)
    drive.click(app, app.top.menu.rects[-1].center)  # Return to title
    assert app.top.name == "title"
    drive.key(app, pygame.K_RETURN)  # Continue has the focus
    again = scene_of(app)
    assert again.line is not None and again.line.text == on_screen.text
    drive.key(app, pygame.K_F9)  # F9 with no quicksave: the game stays where it is
    assert scene_of(app).line.text == on_screen.text


def test_text_panel_keeps_clear_of_the_mouth_at_largest(make_app, drive) -> None:
    from game.ui.screens.scene_layout import face_rect

    app = make_app(FLATMATES)
    app.settings.text_size = "largest"
    app.apply_settings()
    app.start(app.story)
    scene = scene_of(app)
    checked = 0
    for _ in range(12):
        if scene.portrait_shown() and scene.line is not None:
            assert not scene.panel.colliderect(face_rect())
            checked += 1
        drive.key(app, pygame.K_SPACE)
    assert checked >= 3


def test_settings_preview_types_at_the_text_speed(make_app, drive) -> None:
    app = make_app()
    drive.click(app, app.top.menu.rects[3].center)  # Settings
    settings = app.top
    assert settings.name == "settings"
    settings.typed = 0.0
    app.run_frames(6, dt=0.1)  # normal: 55 characters a second
    normal = settings.typed
    drive.key(app, pygame.K_LEFT)  # Text speed has the focus: one step slower
    assert app.settings.text_speed == "slow"
    settings.typed = 0.0
    app.run_frames(6, dt=0.1)
    assert 0 < settings.typed < normal < len("The quick brown fox shares a small secret.")


# -- 5. The debrief at the largest text: nothing overlaps, nothing is cut, pages turn ---------
def test_debrief_at_largest_pages_instead_of_cutting(make_app, drive, shot) -> None:
    from game.ui.screens.debrief import led_to_beside_criteria

    app = make_app(FLATMATES, facilitator=True)
    app.settings.text_size = "largest"
    app.apply_settings()
    app.start(app.story)
    scene = scene_of(app)
    for _ in range(600):  # a long story: played through quickly, the debrief by real keys
        if app.top is not scene:
            break
        if scene.choosing:
            scene.menu.activate(0)
        else:
            scene.complete_or_advance()
    debrief = app.top
    assert debrief.name == "debrief"
    hint_bottom = debrief.hint_pos[1] + len(debrief.hint_lines) * 29
    assert all(not r.colliderect((debrief.hint_pos, (1, hint_bottom - debrief.hint_pos[1])))
               for r in debrief.tabs)
    assert debrief.content.top >= hint_bottom - 29 and debrief.content.bottom < 640
    drive.key(app, pygame.K_2)
    said = " ".join(text for page in debrief.outcome_pages for st, text in page
                    if st == "text")
    assert "\u2026" not in said  # no sentence cut short with an ellipsis
    for sentence in led_to_beside_criteria(debrief.d):
        assert sentence.split()[-1] in said
    pages = len(debrief.outcome_pages)
    for _ in range(pages - 1):
        drive.key(app, pygame.K_PAGEDOWN)
    assert debrief.tab == 1 and debrief.outcome_page == pages - 1
    shot(app, "debrief_largest_outcome")
    drive.key(app, pygame.K_PAGEDOWN)  # past the last page: the next tab
    assert debrief.tab == 2
    shown = {i for _ in debrief.moment_pages for i in _}
    assert shown == set(range(len(debrief.d.moments)))  # every moment is on some page
    drive.wheel(app, -1)  # the wheel turns pages too
    assert debrief.moment_page == min(1, len(debrief.moment_pages) - 1) or debrief.tab == 0


def test_picker_card_scrolls_to_the_content_notes_at_largest(make_app, drive) -> None:
    app = make_app(FLATMATES)
    app.settings.text_size = "largest"
    app.apply_settings()
    drive.click(app, app.top.menu.rects[1].center)  # New story
    picker = app.top
    assert picker.name == "picker" and picker.detail_max > 0  # too long for the card
    for _ in range(10):
        drive.key(app, pygame.K_PAGEDOWN)
    assert picker.detail_top == picker.detail_max
    assert any(text == "Content notes" for text, *_ in picker.rows[picker.detail_top:])
    drive.wheel(app, 1)  # the wheel scrolls back up
    assert picker.detail_top < picker.detail_max
    drive.key(app, pygame.K_DOWN)  # another story: its card starts at the top
    assert picker.detail_top == 0
