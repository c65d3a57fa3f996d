"""The title screen and the story picker."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.saves import AUTO, SlotInfo
from game.ui.actions import Act, Input
from game.ui.screen import MenuScreen, Screen
from game.ui.theme import HEIGHT, WIDTH, Theme
from game.ui.widgets import Item, Menu, dim, panel, text_lines

if TYPE_CHECKING:
    from game.story.compiled import CompiledStory
    from game.ui.app import App

TITLE_ART = "backgrounds/lake.png"


def backdrop(surf: pygame.Surface, app: App, veil: int = 120) -> None:
    """The painted lake behind the title screens, or a plain gradient without it."""
    images = app.images
    if images.exists(TITLE_ART, Path(".")):
        surf.blit(images.background(TITLE_ART, Path(".")), (0, 0))
        dim(surf, veil)
    else:
        surf.blit(images.plain(app.theme.palette.backdrop), (0, 0))


def fit(t: Theme, text: str, size: int, width: int) -> str:
    """`text`, shortened with an ellipsis until it is at most `width` pixels wide."""
    if t.font(size).size(text)[0] <= width:
        return text
    while text and t.font(size).size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


def emblem(surf: pygame.Surface, app: App, centre: tuple[int, int], radius: int) -> None:
    """The onion of layers, surface to core, deepening in colour towards the middle."""
    p = app.theme.palette
    layer = pygame.Surface((radius * 2 + 4, radius * 2 + 4), pygame.SRCALPHA)
    mid = (radius + 2, radius + 2)
    for ring in range(4):
        k = (ring + 1) / 4
        colour = tuple(round(a + (b - a) * k) for a, b in zip(p.panel, p.accent, strict=True))
        r = round(radius * (4 - ring) / 4)
        pygame.draw.circle(layer, (*colour, 170 + 20 * ring), mid, r)
        pygame.draw.circle(layer, (*p.text, 90), mid, r, 2)
    surf.blit(layer, (centre[0] - mid[0], centre[1] - mid[1]))
    names = ("small talk", "personal", "private", "core")
    for ring, label in enumerate(names):
        img = app.theme.text(label, app.theme.px(14), p.text)
        y = centre[1] - round(radius * (4 - ring) / 4) + 8
        surf.blit(img, (centre[0] - img.get_width() // 2, y))


def behind(surf: pygame.Surface, app: App) -> None:
    """What a full-screen menu sits on: the story's place if one is open, else the lake."""
    from game.ui.screens.scene import SceneScreen
    from game.ui.screens.scene_draw import stage

    scene = app.find("scene")
    if isinstance(scene, SceneScreen):
        stage(surf, scene, glass=False)
        dim(surf, min(235, app.theme.palette.dim_alpha + 50))
    else:
        backdrop(surf, app, 170)


class TitleScreen(Screen):
    name = "title"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.auto = SlotInfo(AUTO, "empty")
        self.menu = Menu([])

    def layout(self) -> None:
        self.auto = self.app.store.info(AUTO)
        self.menu.set_items([
            Item("Continue", lambda: self.app.load_slot(AUTO), self.auto.status == "ok"),
            Item("New story", lambda: self.app.push(PickerScreen(self.app))),
            Item("Load", self._load),
            Item("Settings", self._settings),
            Item("Quit", self.app.quit),
        ])
        if self.auto.status == "ok":
            self.menu.focus = 0
        self.menu.stack(96, 300, 360, 56, 14)

    def _load(self) -> None:
        from game.ui.screens.saves import SavesScreen

        self.app.push(SavesScreen(self.app, "load"))

    def _settings(self) -> None:
        from game.ui.screens.settings import SettingsScreen

        self.app.push(SettingsScreen(self.app))

    def handle(self, inp: Input) -> None:
        if inp.act == Act.BACK:
            return  # Esc on the title does nothing; Quit is one step away
        self.menu.handle(inp)

    def draw(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        backdrop(surf, self.app)
        title = t.text("Confide", 92, p.text, bold=True)
        surf.blit(title, (90, 120))
        sub = t.text("stories about how closeness is built", t.px(24), p.muted)
        surf.blit(sub, (96, 128 + title.get_height()))
        emblem(surf, self.app, (WIDTH - 215, 330), 120)
        self.menu.draw(surf, t)
        meta = self.auto.meta
        if meta is not None:  # what Continue resumes, in two short lines beside it
            r = self.menu.rects[0]
            for i, note in enumerate((f"{meta.story_title} · {meta.scene_title}",
                                      f"{meta.date_text} · played {meta.play_time_text}")):
                img = t.text(fit(t, note, t.px(15), 400), t.px(15), p.muted)
                surf.blit(img, (r.right + 18, r.y + 4 + i * (img.get_height() + 4)))
        hint = "Arrows and Enter, number keys, or the mouse · F11 full screen"
        img = t.text(hint, t.px(15), p.muted)
        surf.blit(img, (96, HEIGHT - 56))


@dataclass(frozen=True, slots=True)
class Choice:
    title: str
    path: str
    summary: str
    minutes: int
    notes: tuple[str, ...]
    scenes: int
    errors: int
    story: CompiledStory | None = None  # the story the window was opened with


def story_choices(current: CompiledStory | None) -> list[Choice]:
    from game.catalog import catalog

    out = [Choice(e.title or e.id, e.path, e.summary, e.minutes, tuple(e.content_notes),
                  e.scenes, e.errors) for e in catalog()]
    if current is not None:
        here = Path(current.source).resolve()
        out = [c for c in out if Path(c.path).resolve() != here]
        m = current.meta
        out.insert(0, Choice(m.title, current.source, m.summary, m.minutes,
                             tuple(m.content_notes), len(m.scenes), 0, current))
    return out


class PickerScreen(MenuScreen):
    name = "picker"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.choices = story_choices(app.story)
        items = [Item(c.title, partial(self.pick, c)) for c in self.choices]
        self.menu = Menu([*items, Item("Back", app.pop)], on_back=app.pop)
        self.detail: list[str] = []

    def layout(self) -> None:
        bottom = self.menu.stack(60, 130, 470, 62, 12)
        if bottom > HEIGHT - 40:  # many stories: shorter rows
            self.menu.stack(60, 120, 470, 44, 8)

    def pick(self, c: Choice) -> None:
        from game.ui.play import open_story
        from game.ui.screens.errors import ErrorScreen

        story = c.story
        if story is None:
            story, diags = open_story(Path(c.path))
            if story is None:
                self.app.push(ErrorScreen(self.app, f"“{c.title}” could not be opened",
                                          [str(d) for d in diags]))
                return
        self.app.start(story)

    def draw(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        backdrop(surf, self.app, 170)
        surf.blit(t.text("Choose a story", t.px(36), p.text, bold=True), (60, 52))
        self.menu.draw(surf, t)
        if self.menu.focus < len(self.choices):
            self.draw_detail(surf, self.choices[self.menu.focus])

    def draw_detail(self, surf: pygame.Surface, c: Choice) -> None:
        t = self.app.theme
        p = t.palette
        rect = pygame.Rect(570, 130, 650, HEIGHT - 190)
        panel(surf, rect, p.panel, p.panel_alpha, radius=22)
        x, w = rect.x + 36, rect.width - 72
        y = text_lines(surf, t, t.wrap(c.title, t.px(30), w, True), (x, rect.y + 30),
                       t.px(30), p.text, True)
        facts = f"about {c.minutes} min · {c.scenes} scenes" if not c.errors else \
            f"this story has {c.errors} error{'s' * (c.errors != 1)}; choose it to see them"
        y = text_lines(surf, t, [facts], (x, y + 4), t.px(17), p.bad if c.errors else p.accent)
        y = text_lines(surf, t, t.wrap(c.summary, t.px(19), w), (x, y + 16), t.px(19), p.text)
        if c.notes:
            y = text_lines(surf, t, ["Content notes"], (x, y + 20), t.px(17), p.muted, True)
            notes = t.wrap(" · ".join(c.notes), t.px(17), w)
            text_lines(surf, t, notes, (x, y + 2), t.px(17), p.muted)
