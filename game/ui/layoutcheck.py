"""`confide check STORY --layout`: lay out every moment of a story the way the window
would, and warn about anything that would be cut off, overlap, or hide the partner's face.

Every scene's lines (each page of them), its full choice menu (every choice, as if every
condition held), every reaction, the glass box and the ending are laid out with the real
screens at every text size, in normal, facilitator and projector modes, in a 1280x720 and
a 1920x1080 window, under SDL's dummy driver (no window opens). The window draws on a
1280x720 canvas and scales it to the window, so the layout is the canvas's at every
window size: the full pass runs once on the canvas, and each window size is checked to
show the whole canvas (no part scaled off screen) and to map the pointer back onto it.

The debrief is laid out for a playthrough that takes the first choice on offer at every
turn; in facilitator mode at the largest text the glass box is checked after each of its
moves too, explaining that move with its numbers folded and unfolded.

Codes (docs/diagnostics.md): W201 text cut off or running out of its box; W202 the
partner's face covered; W203 the glass box running off the screen; W204 the ending's box
or buttons running off the screen; W205 the debrief's header, tabs, pages or buttons
overlapping or running off the screen. Each is reported once per place in the story, with the
first setting that shows it.
"""

from __future__ import annotations

import os
import random
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pygame

from game.errors import UsageError
from game.runtime import LineView, Session, View
from game.runtime.session import choice_views
from game.runtime.views import EndingView
from game.story.diagnostics import Diagnostic, Mark
from game.ui.app import App
from game.ui.screens import scene_layout as lay
from game.ui.screens.scene_layout import name_plate_rect
from game.ui.theme import HEIGHT, WIDTH

if TYPE_CHECKING:
    from game.story.compiled import CLine, CompiledStory, CScene
    from game.ui.screens.debrief import DebriefScreen
    from game.ui.screens.ending import EndingScreen
    from game.ui.screens.scene import SceneScreen
SIZES = ("small", "medium", "large", "largest")
MODES = ("normal", "facilitator", "projector")
# The reading settings multiply every line's height (wide spacing) or change glyph widths
# (the reading font): each is checked at the largest text, where it is tightest, in every
# mode (the glass box pages its Why card and moves the topics there when room is short).
READING = (("standard", "wide"), ("hyperlegible", "wide"))
WINDOWS = ((1280, 720), (1920, 1080))
MENU_RUNS, MENU_STEPS = 300, 400  # seeded random playthroughs for the menus really offered
Loc = tuple[str | int, ...]


class Checker:
    """Collects one warning per (code, place), naming the first setting that shows it."""

    def __init__(self, story: CompiledStory) -> None:
        self.story = story
        self.seen: dict[tuple[str, Loc], Diagnostic] = {}
        self.setting = ""
        self.menus = menus_offered(story)  # what each scene offers at once (for projector)

    def warn(self, code: str, message: str, loc: Loc) -> None:
        if (code, loc) in self.seen:
            return
        located = self.story.located
        mark = located.mark_for(loc) if located is not None else Mark(self.story.source, 1, 1)
        self.seen[(code, loc)] = mark.diag(code, f"{message} ({self.setting})")

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return list(self.seen.values())


def check_layout(story: CompiledStory) -> list[Diagnostic]:
    """Every layout problem of `story` as W2xx warnings; never opens a real window."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    checker = Checker(story)
    with tempfile.TemporaryDirectory(prefix="confide-layout-") as data:
        try:
            app = App(story, data_dir=Path(data), size=WINDOWS[0])
        except pygame.error as exc:  # no usable SDL at all: say so, no traceback
            raise UsageError(f"--layout could not start the window's drawing: {exc}") from exc
        try:
            for mode in MODES:
                for text_size in SIZES:
                    checker.setting = f"text size {text_size}, {mode} mode"
                    _configure(app, mode, text_size)
                    _check_story(app, story, checker)
                    _check_debrief(app, story, checker, glass=text_size == SIZES[-1])
                for font, spacing in READING:
                    checker.setting = f"text size largest, {font} font, {spacing} line " \
                        f"spacing, {mode} mode"
                    _configure(app, mode, "largest", font, spacing)
                    _check_story(app, story, checker)
                    _check_debrief(app, story, checker)
            for size in WINDOWS:
                _check_window(app, size, checker)
        finally:
            pygame.display.quit()
    return checker.diagnostics


def _check_window(app: App, size: tuple[int, int], checker: Checker) -> None:
    """The canvas fills a window of `size` whole, and its corners map back onto it."""
    app.window = pygame.display.set_mode(size)
    scale, ox, oy = app.geometry()
    corners = [(0, 0), (WIDTH - 1, HEIGHT - 1)]
    whole = ox >= 0 and oy >= 0 and round(WIDTH * scale) + ox <= size[0] and \
        round(HEIGHT * scale) + oy <= size[1]
    if not whole or any(app.to_canvas(app.to_window(c)) is None for c in corners):
        checker.setting = f"{size[0]}x{size[1]} window"
        checker.warn("W201", "the window cuts off part of the screen", ())


def _configure(app: App, mode: str, text_size: str, font: str = "standard",
               spacing: str = "normal") -> None:
    s = app.settings
    s.text_size, s.facilitator, s.projector = text_size, mode == "facilitator", \
        mode == "projector"
    s.font, s.line_spacing = font, spacing
    s.fullscreen = False
    app.forced_facilitator = False
    app.apply_settings()


def _check_story(app: App, story: CompiledStory, checker: Checker) -> None:
    scene = _started(app, story)
    for cs in story.scenes.values():
        view = _full_view(scene, cs)
        scene.view = scene.stage = view
        for i, line in enumerate(view.lines):
            _check_line(scene, line, ("scenes", cs.id, "lines", i), checker)
        if view.ending is not None:
            _check_ending(app, scene, cs, checker)
            continue
        if view.choices:
            _check_choices(scene, cs, checker)
        for j, choice in enumerate(cs.choices):
            for lines in choice.reactions.values():
                for cl in lines:
                    line = _line_view(story, cl)
                    _check_line(scene, line, ("scenes", cs.id, "choices", j), checker)


def _started(app: App, story: CompiledStory) -> SceneScreen:
    app.start(story)
    scene = app.scene()
    assert scene is not None and scene is app.top
    return scene


def _full_view(scene: SceneScreen, cs: CScene) -> View:
    """The scene as the window could show it: every line and every choice on offer."""
    story = scene.play.story
    ending = EndingView(scene=cs.id, title=cs.ending.title, outcome=cs.ending.outcome,
                        reflection=cs.ending.reflection) if cs.ending is not None else None
    return View(scene=cs.id, title=cs.title, background=cs.background, partner=cs.partner,
                partner_name=story.name_of(cs.partner), mood=cs.mood or "neutral",
                lines=tuple(_line_view(story, ln) for ln in cs.lines),
                choices=choice_views(cs.choices), ending=ending, turn=0)


def _line_view(story: CompiledStory, cl: CLine) -> LineView:
    return LineView(cl.speaker, story.name_of(cl.speaker), cl.text, cl.mood)


def _pages(scene: SceneScreen, line: LineView) -> Iterator[LineView]:
    """The pages the window shows a line in (see SceneScreen._page)."""
    text = line.text
    while True:
        scene.line = line
        head, rest = lay.split_page(scene, text)
        yield replace(line, text=head)
        if not rest or rest == text:
            return
        text = rest


def _check_line(scene: SceneScreen, line: LineView, loc: Loc, checker: Checker) -> None:
    """Each page of a line, as the text panel shows it before the choices appear."""
    for page in _pages(scene, line):
        scene.line = page
        scene.choosing = False
        scene.layout()
        top = lay.CHOICE_TOP_FACILITATOR if scene.app.facilitator else lay.CHOICE_TOP
        if scene.panel.top < top:
            checker.warn("W201", "this line is too tall for the text panel", loc)
        if scene.line.speaker != "narrator" and scene.line.name:
            plate, _ = name_plate_rect(scene, scene.line.name)
            if plate.right > scene.panel.right or plate.top < top:
                checker.warn("W201", f"the name '{scene.line.name}' runs past its plate", loc)
        _check_face(scene, [scene.panel], loc, checker)
        _check_glass(scene, loc, checker)


def _check_choices(scene: SceneScreen, cs: CScene, checker: Checker) -> None:
    """The menu under the scene's last line: every card whole when scrolled to, none
    over the line it answers, the face and the glass box clear."""
    last = scene.view.lines[-1] if scene.view.lines else None
    pages = list(_pages(scene, last)) if last is not None else [None]
    scene.line = pages[-1]
    scene.show_choices()
    view = scene.choice_view
    for i, rect in enumerate(scene.menu.rects):
        loc: Loc = ("scenes", cs.id, "choices", i)
        if rect.height > view.height:
            checker.warn("W201", "this choice is taller than the room for choices, even "
                         "scrolled", loc)
        if rect.left < 0 or rect.right > lay.CHOICE_X + lay.CHOICE_W:
            checker.warn("W201", "this choice runs past the side of the window", loc)
    if scene.line is not None and not scene.vote and view.bottom > scene.panel.top:
        checker.warn("W201", "the choices cover the line they answer", ("scenes", cs.id))
    shown = [r.clip(view) for r in scene.menu.rects]
    _check_face(scene, [scene.panel, *shown], ("scenes", cs.id), checker)
    _check_glass(scene, ("scenes", cs.id), checker)
    if scene.app.projector:
        _check_vote(scene, cs, checker)


def _check_vote(scene: SceneScreen, cs: CScene, checker: Checker) -> None:
    """Projector mode: a class votes with hands and cannot scroll, so every menu the scene
    really offers (the choices shown together in seeded playthroughs; all of them in a
    scene those never reached) must fit at once."""
    full = scene.view
    for ids in checker.menus.get(cs.id) or {tuple(c.id for c in cs.choices)}:
        scene.view = scene.stage = replace(full, choices=tuple(
            c for c in full.choices if c.id in ids))
        scene.show_choices()
        if lay.overflowing(scene):
            checker.warn("W201", "a class voting on the projector cannot see every choice "
                         "at once (they would scroll): shorten the labels or offer fewer "
                         "choices", ("scenes", cs.id))
            break
    scene.view = scene.stage = full


def menus_offered(story: CompiledStory, runs: int = MENU_RUNS) -> dict[str, set[tuple[str, ...]]]:
    """Which choices each scene offers together, from seeded random playthroughs: conditions
    often make two choices exclusive, so the story's full list can be longer than any
    menu a player sees."""
    rng = random.Random(0)
    menus: dict[str, set[tuple[str, ...]]] = {}
    for seed in range(runs):
        session = Session.start(story, seed)
        for _ in range(MENU_STEPS):
            offered = () if session.ended else session.available()
            if not offered:
                break
            menus.setdefault(session.scene.id, set()).add(tuple(c.id for c in offered))
            session.choose(rng.choice(offered).id)
    return menus


def _check_face(scene: SceneScreen, rects: list[pygame.Rect], loc: Loc,
                checker: Checker) -> None:
    if scene.app.facilitator or not scene.portrait_shown():
        return  # facilitator mode shows the face in the glass box (checked there)
    face = scene.vote_face or lay.face_rect()
    if scene.vote and scene.vote_face is None:
        return  # the vote layout shows no face when the partner is not in the scene
    if any(r.width and r.colliderect(face) for r in rects):
        checker.warn("W202", f"the text covers {scene.view.partner_name}'s face", loc)


def _check_glass(scene: SceneScreen, loc: Loc, checker: Checker) -> None:
    if not scene.app.facilitator:
        return
    g = scene.glass
    if g.why.bottom > lay.PANEL_BOTTOM or g.meters.bottom > g.why.top:
        checker.warn("W203", "the glass box runs off the bottom of the window", loc)
    if g.face.width and (g.face.colliderect(g.why) or not g.meters.contains(g.face)):
        checker.warn("W202", "the glass box covers the partner's face", loc)


def _check_glass_after(scene: SceneScreen, loc: Loc, checker: Checker) -> None:
    """The glass box explaining the move just made, with its numbers folded and shown."""
    scene.view = scene.stage = scene.play.session.view()
    for numbers in (False, True):
        scene.app.show_numbers = numbers
        scene.glass.page = 0
        scene.layout()
        _check_glass(scene, loc, checker)
    scene.app.show_numbers = False


def _check_debrief(app: App, story: CompiledStory, checker: Checker,
                   glass: bool = True) -> None:
    """The debrief after taking the first choice every turn; with `glass`, in facilitator
    mode, the glass box after each of those moves too (only at the largest text: the
    tightest, so smaller sizes add nothing but time)."""
    scene = _started(app, story)
    session = scene.play.session
    for _ in range(500):  # the first choice on offer, turn after turn
        offered = session.available()
        if session.ended or not offered:
            break
        where = session.view().scene
        session.choose(offered[0].id)
        if glass and app.facilitator:  # the glass box explaining this move
            _check_glass_after(scene, ("scenes", where, "choices", 0), checker)
    record = scene.play.record()
    if record is None:
        return
    d = cast("DebriefScreen", app.make_screen("debrief", scene.play, record))
    d.layout()
    loc: Loc = ("title",)
    tabs_ok = all(r.right <= WIDTH - 24 and not r.colliderect(d.pill) for r in d.tabs)
    hint = d.app.theme.font(d.app.theme.px(14)).size(d.hint_lines[0])[0] if d.hint_lines else 0
    hint_ok = all(not r.colliderect((d.hint_pos, (hint, 1))) for r in d.tabs)
    if not tabs_ok or not hint_ok or d.pill.right > WIDTH - 24:
        checker.warn("W205", "the debrief's header, tabs and hint overlap", loc)
    if d.content.height < 240:
        checker.warn("W205", "the debrief's pages have too little room", loc)
    if any(r.right > WIDTH - 24 for r in d.menu.rects):
        checker.warn("W205", "the debrief's buttons run off the side", loc)


def _check_ending(app: App, scene: SceneScreen, cs: CScene, checker: Checker) -> None:
    ending = cast("EndingScreen", app.make_screen("ending"))
    ending.layout()
    canvas = (0, 0, WIDTH, HEIGHT)
    box = ending.box
    loc: Loc = ("scenes", cs.id, "ending")
    if not box.inflate(2, 2).contains(ending.content_rect()) or \
            not box.colliderect(canvas) or box.top < 0 or box.bottom > HEIGHT:
        checker.warn("W204", "the ending's text runs out of its box", loc)
    if any(r.right > box.right or r.left < box.left for r in ending.menu.rects):
        checker.warn("W204", "the ending's buttons run out of its box", loc)
