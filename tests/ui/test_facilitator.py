"""Facilitator mode in the real window: the glass box, the timeline, branches, the debrief,
exports and projector voting, all driven by posted key presses and clicks."""

from __future__ import annotations

import csv

import pygame
import pytest

from game.persist.envelope import write_json_atomic
from game.persist.record import build_record
from game.persist.recordjson import read_record
from game.persist.replay import replay_record as replay
from game.story.loader import load
from game.ui.app import App
from game.ui.chart import LAYER_COLOURS, RESPOND
from game.ui.screens.compare import CompareScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.theme import CONTRAST

from .conftest import ROOT
from .test_play import scene_of, to_choices

CLASSROOM = ROOT / "stories" / "classroom"
DEEPENED = (1, 3, 2, 1, 3, 3, 1, 4, 1)  # docs/educators/classroom.md, seed 1
# the knee too soon, "so you're even", a small thing at the machine, "another week it is", a
# clean flask for his doubt, then the part nobody knows at the sink (fix 78: after the restart,
# taken, the sink offers only the smaller telling, which never breaks it off)
RUPTURED = (1, 3, 2, 2, 2, 1, 3, 1, 2)


def vote(app: App, drive, picks: tuple[int, ...]) -> None:
    """Space to each set of choices and press its number, as a class votes."""
    for n in picks:
        if app.top.name != "scene":
            return
        to_choices(app, drive)
        drive.key(app, pygame.K_0 + n)


def finish(app: App, drive) -> None:
    """Space through the last lines until the story's end opens its screens."""
    for _ in range(60):
        if app.top.name != "scene":
            return
        drive.key(app, pygame.K_SPACE)
    raise AssertionError("the story did not end")


def count_colour(surf: pygame.Surface, rect: pygame.Rect, colour: tuple[int, int, int]) -> int:
    area = surf.subsurface(rect.clip(surf.get_rect()))
    mask = pygame.mask.from_threshold(area, (*colour, 255), (1, 1, 1, 255))
    return mask.count()


def test_f2_shows_the_glass_box_and_n_unfolds_the_numbers(make_app, drive, shot) -> None:
    app = make_app()
    app.start(app.story)
    scene = to_choices(app, drive)
    drive.key(app, pygame.K_2)  # the core secret, too soon: a big, explained change
    to_choices(app, drive)
    assert not app.facilitator
    good = app.theme.palette.good
    column = pygame.Rect(800, 76, 440, 600)
    assert count_colour(app.canvas, column, good) == 0  # no trust bar while hidden
    drive.key(app, pygame.K_F2)
    assert app.facilitator and app.store.load_settings().facilitator
    shot(app, "facilitator_panel")
    assert count_colour(app.canvas, scene.glass.meters, good) > 200  # the trust bar
    assert scene.glass.meter is not None and scene.glass.meter.name == "Sam"
    assert any("core" in line for line in scene.glass.sentences)
    assert scene.glass.numbers == []  # folded by default
    drive.key(app, pygame.K_n)
    assert any(line.startswith("R-PREMATURE") for line in scene.glass.numbers)
    assert any(line.startswith("readiness") for line in scene.glass.numbers)
    shot(app, "facilitator_numbers")
    drive.click(app, scene.glass.toggle.center)  # the toggle folds them again
    assert scene.glass.numbers == []
    drive.key(app, pygame.K_F2)
    assert not app.facilitator
    assert count_colour(app.canvas, column, good) == 0


def test_f2_works_on_every_screen(make_app, drive) -> None:
    app = make_app()
    drive.key(app, pygame.K_F2)  # the title
    assert app.facilitator
    app.start(app.story)
    drive.key(app, pygame.K_ESCAPE)  # the pause menu
    assert app.top.name == "pause"
    drive.key(app, pygame.K_F2)
    assert not app.facilitator
    drive.key(app, pygame.K_h)
    drive.key(app, pygame.K_F2)
    assert app.facilitator


def test_clicking_a_marker_rewinds_and_keeps_the_branch(make_app, drive, shot) -> None:
    app = make_app(CLASSROOM, seed=1, facilitator=True)
    app.start(app.story)
    vote(app, drive, RUPTURED[:4])
    scene = scene_of(app)
    to_choices(app, drive)
    assert len(scene.play.session.history) == 4
    markers = scene.timeline.rects
    assert [m.kind for m in scene.timeline.markers] == ["disclose", "disclose", "respond",
                                                        "disclose"]
    assert scene.timeline.markers[3].flagged  # the core secret landed judgemental
    # the chart's palette: a personal share is light blue, an answer gold
    assert tuple(app.canvas.get_at(markers[1].center))[:3] == LAYER_COLOURS[1]
    assert tuple(app.canvas.get_at(markers[2].center))[:3] == RESPOND
    drive.move(app, markers[3].center)
    shot(app, "timeline_caption")
    drive.click(app, markers[3].center)
    assert len(scene.play.session.history) == 3  # just before step 4
    assert scene.choosing and app.top is scene
    assert [len(b.steps) for b in scene.play.branches] == [4]
    # the keyboard: T focuses the strip, Left moves to an earlier step, Enter rewinds
    drive.key(app, pygame.K_t)
    assert scene.timeline.active
    drive.keys(app, pygame.K_LEFT, pygame.K_RETURN)
    assert len(scene.play.session.history) == 1
    assert len(scene.play.branches) == 1  # a prefix of the kept branch is not kept again


def test_compare_two_branches_side_by_side(make_app, drive, shot) -> None:
    app = make_app(CLASSROOM, seed=1, facilitator=True)
    app.start(app.story)
    vote(app, drive, RUPTURED)
    finish(app, drive)
    assert app.top.name == "debrief"  # facilitator mode: the debrief opens by itself
    drive.key(app, pygame.K_ESCAPE)
    drive.key(app, pygame.K_BACKSPACE)  # take back the last choice from the ending
    scene = scene_of(app)
    drive.click(app, scene.timeline.rects[3].center)  # back to before the core secret
    vote(app, drive, (1,))  # this time: how you pay for the course
    to_choices(app, drive)
    drive.click(app, scene.timeline.buttons[0].center)  # Compare
    compare = app.top
    assert isinstance(compare, CompareScreen)
    c = compare.comparison
    assert c is not None
    assert c.shared == 3 and c.diverged_at == 4
    assert c.a.outcome == "unfinished" and c.b.outcome == "ruptured"
    assert "Tell him about the running, and the knee" in " ".join(c.sentences)
    assert any("branch A chose" in line for line in compare.lines)
    shot(app, "compare")
    # The chart grows to fit the closing sentences it shows (this route's knee reason wraps).
    assert compare.chart is not None and compare.chart.get_size() == (1232, 392)
    drive.key(app, pygame.K_ESCAPE)
    assert app.top is scene


def test_compare_at_the_largest_text_shows_every_sentence_whole(make_app, drive, shot,
                                                                tmp_path) -> None:
    """At Largest the branch cards shrank their text to 11 px and the comparison's sentences
    were cut after two lines with an ellipsis. Larger text now takes room from the chart."""
    from game.persist.saves import SaveStore
    from game.persist.settings import Settings
    from game.ui.screens.compare import BUTTON_Y

    data = tmp_path / "largest"
    SaveStore(data).save_settings(Settings(text_size="largest", font="hyperlegible",
                                           line_spacing="wide"))
    app = make_app(CLASSROOM, data=data, seed=1, facilitator=True)
    app.start(app.story)
    vote(app, drive, RUPTURED)
    finish(app, drive)
    drive.key(app, pygame.K_ESCAPE)
    drive.key(app, pygame.K_BACKSPACE)
    scene = scene_of(app)
    drive.click(app, scene.timeline.rects[3].center)
    vote(app, drive, (1,))
    to_choices(app, drive)
    drive.click(app, scene.timeline.buttons[0].center)  # Compare
    compare = app.top
    assert isinstance(compare, CompareScreen) and compare.comparison is not None
    t = app.theme
    size = t.px(17)
    shown = " ".join(compare.lines)
    assert "\u2026" not in shown
    assert shown.split() == " ".join(compare.comparison.sentences).split()
    assert all(t.font(size).size(line)[0] <= compare.chart_rect.width - 16
               for line in compare.lines)
    for i in (0, 1):
        box = compare._box(i)
        assert all(t.font(size, True).size(line)[0] <= box.width - 32
                   for line in compare.boxes[i])
    bottom = compare.chart_rect.bottom + 10 + compare.box_h + 12 + \
        (len(compare.lines) - 1) * t.line_height(size) + t.font(size).get_linesize()
    assert bottom <= BUTTON_Y
    assert compare.chart is not None and compare.chart.get_height() >= 200
    shot(app, "compare_largest")


def test_debrief_at_the_ending_exports_all_formats(make_app, drive, shot, tmp_path) -> None:
    data = tmp_path / "data"
    app = make_app(CLASSROOM, data=data, seed=1, facilitator=True)
    app.start(app.story)
    vote(app, drive, DEEPENED)
    finish(app, drive)
    debrief = app.top
    assert isinstance(debrief, DebriefScreen)
    assert debrief.d.outcome == "deepened" and 3 <= len(debrief.d.moments) <= 5
    shot(app, "debrief_chart")
    for page in (2, 3):
        drive.key(app, pygame.K_0 + page)
        assert debrief.tab == page - 1
        shot(app, f"debrief_page{page}")
    for i in range(4):  # Markdown, CSV, chart PNG, the record
        drive.click(app, debrief.menu.rects[i].center)
    files = debrief.exported
    assert set(files) == {"md", "csv", "png", "json"}
    assert all(p.parent == data / "exports" and p.is_file() for p in files.values())
    assert "exported to" in app.toast_text and str(files["json"]) in app.toast_text
    with files["csv"].open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(DEEPENED) + 1 and rows[0]["kind"] == "start"
    assert pygame.image.load(str(files["png"])).get_size() == (1920, 1080)
    assert "Drop by Drop" in files["md"].read_text("utf-8")
    record = read_record(files["json"])
    assert build_record(replay(load(CLASSROOM), record)) == record  # same meters on replay
    drive.key(app, pygame.K_ESCAPE)
    assert app.top.name == "ending"


def test_everyone_can_open_the_debrief_from_the_ending(make_app, drive, shot) -> None:
    app = make_app(CLASSROOM, seed=1)
    app.start(app.story)
    vote(app, drive, RUPTURED)
    finish(app, drive)
    ending = app.top
    assert ending.name == "ending"
    shot(app, "ending_with_debrief")
    drive.click(app, ending.menu.rects[3].center)  # Debrief
    debrief = app.top
    assert isinstance(debrief, DebriefScreen) and debrief.d.outcome == "ruptured"
    assert not debrief.menu.items[4].enabled  # Compare: no other branch yet
    drive.key(app, pygame.K_RETURN)  # shows the focus; Enter alone never leaves
    assert app.top is debrief
    drive.key(app, pygame.K_ESCAPE)
    assert app.top is ending


def test_projector_mode_votes_with_letters(make_app, drive, shot, tmp_path) -> None:
    data = tmp_path / "data"
    app = make_app(CLASSROOM, data=data, seed=1)
    app.start(app.story)
    scene = to_choices(app, drive)
    drive.key(app, pygame.K_b)  # letters choose nothing outside projector mode
    assert scene.play.session.history == []
    drive.key(app, pygame.K_F3)
    assert app.projector and app.theme.palette == CONTRAST and app.theme.scale >= 1.2
    shot(app, "projector")
    drive.key(app, pygame.K_c)  # C: the third choice in the story's own order
    first = scene.play.session.history[0].result.choice
    assert first.id == scene.play.story.scenes["bench"].choices[2].id
    pygame.quit()
    again = make_app(CLASSROOM, data=data)
    assert again.projector and again.settings.projector  # kept for the next lesson
    assert again.store.load_settings().projector
    drive.key(again, pygame.K_F3)
    assert not again.projector and again.theme.palette != CONTRAST
    assert not again.store.load_settings().projector


def test_projector_mode_chosen_in_an_older_version_is_kept(make_app, drive, tmp_path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    # What the previous release left: settings without projector mode, and classroom.json.
    write_json_atomic(data / "settings.json", "settings", {"text_speed": "fast"})
    write_json_atomic(data / "classroom.json", "classroom", {"projector": True})
    app = make_app(CLASSROOM, data=data, seed=1)
    assert app.projector and app.theme.palette == CONTRAST
    assert app.settings.text_speed == "fast"
    assert not (data / "classroom.json").exists()  # moved into settings.json, once
    pygame.quit()
    again = make_app(CLASSROOM, data=data)
    assert again.projector
    again.start(again.story)
    scene = to_choices(again, drive)
    drive.key(again, pygame.K_a)  # A votes for the first choice
    assert scene.play.session.history[0].result.choice.id == \
        scene.play.story.scenes["bench"].choices[0].id


def test_play_again_keeps_the_finished_game_to_compare(make_app, drive) -> None:
    app = make_app(CLASSROOM, seed=1, facilitator=True)
    app.start(app.story)
    vote(app, drive, RUPTURED)
    finish(app, drive)
    drive.key(app, pygame.K_ESCAPE)  # the debrief, back to the ending
    drive.click(app, app.top.menu.rects[0].center)  # Play again
    scene = scene_of(app)
    assert scene.play.session.history == []
    assert [b.outcome for b in scene.play.branches] == ["ruptured"]
    vote(app, drive, DEEPENED[:2])
    to_choices(app, drive)
    drive.key(app, pygame.K_t)
    drive.keys(app, pygame.K_RIGHT, pygame.K_RETURN)  # past the last marker: Compare
    compare = app.top
    assert isinstance(compare, CompareScreen) and compare.comparison is not None
    assert compare.comparison.shared == 2 and compare.comparison.b.outcome == "ruptured"


def test_scripted_screenshots_of_the_facilitator_screens(tmp_path) -> None:
    from game.ui.scripted import main

    for screen, extra in (("compare", ["--branch", "1,3,2,1"]), ("debrief", ["--page", "2"]),
                          ("facilitator", ["--numbers", "--projector"])):
        out = tmp_path / f"{screen}.png"
        code = main([str(CLASSROOM), "--seed", "1", "--choices", ",".join(map(str, RUPTURED)),
                     "--screen", screen, "--out", str(out), "--data-dir", str(tmp_path / "d"),
                     *extra])
        assert code == 0 and pygame.image.load(str(out)).get_size() == (1280, 720)


@pytest.mark.parametrize("size", ["medium", "largest"])
def test_key_moments_never_leave_a_sentence_out_silently(make_app, drive, shot, size) -> None:
    app = make_app(CLASSROOM, seed=1, facilitator=True)
    app.settings.text_size = size
    app.apply_settings()
    app.start(app.story)
    vote(app, drive, DEEPENED)
    finish(app, drive)
    debrief = app.top
    assert isinstance(debrief, DebriefScreen)
    drive.key(app, pygame.K_3)  # the key moments
    for page in range(len(debrief.moment_pages)):
        if page:
            drive.key(app, pygame.K_PAGEDOWN)
        assert debrief.moment_page == page
        rows = debrief.moment_lines  # as drawn
        t = app.theme
        tall = sum(36 + sum(t.line_height(t.px(17) if st == "head" else t.px(16))
                            for st, _ in card) for card in rows) - 12
        assert tall <= debrief.content.height, (size, page, tall)  # the cards fit the page
        for i, card in zip(debrief.moment_pages[page], rows, strict=True):
            said = debrief.d.moments[i].sentences
            more = [text for style, text in card if style == "more"]
            shown = " ".join(text for style, text in card if style == "text").split()
            told = [x for x in said if " ".join(x.split()) in " ".join(shown)]
            hidden = len(said) - len(told)
            assert (more == [f"+ {hidden} more: see this step's Why on the timeline"]
                    if hidden else not more), (size, i, more, hidden)
        shot(app, f"debrief_moments_{size}_page{page + 1}")
