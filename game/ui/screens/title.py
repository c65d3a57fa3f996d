"""The title screen and the story picker."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.persist.saves import AUTO, SlotInfo
from game.ui.actions import Act, Input
from game.ui.backdrop import backdrop, fit
from game.ui.screen import MenuScreen, Screen
from game.ui.theme import HEIGHT, WIDTH, Colour
from game.ui.widgets import Item, Menu, panel

if TYPE_CHECKING:
    from game.story.compiled import CompiledStory
    from game.ui.app import App

DETAIL = pygame.Rect(570, 130, 650, HEIGHT - 190)  # the picker's card for the focused story


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
            Item("New story", lambda: self.app.push_screen("picker")),
            Item("Load", lambda: self.app.push_screen("saves", "load")),
            Item("Settings", lambda: self.app.push_screen("settings")),
            Item("Help", self.app.comforts.toggle_help),
            Item("Quit", self.app.quit),
        ])
        if self.auto.status == "ok":
            self.menu.focus = 0
        self.menu.stack(96, 296, 360, 50, 10)  # New story stays where it was

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
        hint = "Arrows and Enter, number keys, or the mouse · F1 help · F11 full screen"
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
    from game.catalog import catalog  # lazy: start-up (reads every bundled story's head)

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
        self.detail_top = 0  # the first row of the story's card shown (it scrolls)
        self.detail_max = 0
        self.rows: list[tuple[str, int, Colour, bool, int]] = []
        self.heights: list[int] = []

    def layout(self) -> None:
        bottom = self.menu.stack(60, 130, 470, 62, 12)
        if bottom > HEIGHT - 40:  # many stories: shorter rows
            self.menu.stack(60, 120, 470, 44, 8)
        self._measure_detail()

    def pick(self, c: Choice) -> None:
        from game.ui.play import open_story  # lazy: start-up (the loader, pydantic)

        story = c.story
        if story is None:
            story, diags = open_story(Path(c.path))
            if story is None:
                self.app.push_screen("error", f"“{c.title}” could not be opened",
                                     [str(d) for d in diags])
                return
        self.app.start(story)

    def handle(self, inp: Input) -> None:
        """The menu's keys, plus PageUp/PageDown and the wheel over the card to scroll a
        description too long for it (large text)."""
        over_card = self.app.top is self and inp.act in (Act.SCROLL_UP, Act.SCROLL_DOWN)
        if inp.act in (Act.PAGE_UP, Act.PAGE_DOWN) or over_card:
            down = inp.act in (Act.PAGE_DOWN, Act.SCROLL_DOWN)
            self.detail_top = max(0, min(self.detail_max, self.detail_top + (3 if down else -3)))
            return
        before = self.menu.focus
        self.menu.handle(inp)
        if self.menu.focus != before:
            self.detail_top = 0
            self._measure_detail()

    def _measure_detail(self) -> None:
        """Wrap the focused story's card and find how far it can scroll."""
        t = self.app.theme
        c = self.choices[self.menu.focus] if self.menu.focus < len(self.choices) else None
        self.rows = self.detail_rows(c) if c is not None else []
        self.heights = [t.line_height(size) + gap for _, size, _, _, gap in self.rows]
        room = DETAIL.height - 60
        self.detail_max = next((i for i in range(len(self.rows))
                                if sum(self.heights[i:]) <= room), 0)
        self.detail_top = min(self.detail_top, self.detail_max)

    def detail_rows(self, c: Choice) -> list[tuple[str, int, Colour, bool, int]]:
        """(text, size, colour, bold, gap above) for each wrapped line of the card."""
        t = self.app.theme
        p = t.palette
        w = DETAIL.width - 72
        facts = f"about {c.minutes} min · {c.scenes} scenes" if not c.errors else \
            f"this story has {c.errors} error{'s' * (c.errors != 1)}; choose it to see them"
        rows = [(ln, t.px(30), p.text, True, 0) for ln in t.wrap(c.title, t.px(30), w, True)]
        rows += [(ln, t.px(17), p.bad if c.errors else p.accent, False, 4 * (i == 0))
                 for i, ln in enumerate(t.wrap(facts, t.px(17), w))]
        rows += [(ln, t.px(19), p.text, False, 16 * (i == 0))
                 for i, ln in enumerate(t.wrap(c.summary, t.px(19), w))]
        if c.notes:
            rows.append(("Content notes", t.px(17), p.muted, True, 20))
            rows += [(ln, t.px(17), p.muted, False, 2 * (i == 0))
                     for i, ln in enumerate(t.wrap(" · ".join(c.notes), t.px(17), w))]
        return rows

    def draw(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        backdrop(surf, self.app, 170)
        surf.blit(t.text("Choose a story", t.px(36), p.text, bold=True), (60, 52))
        self.menu.draw(surf, t)
        if self.menu.focus < len(self.choices):
            self.draw_detail(surf)

    def draw_detail(self, surf: pygame.Surface) -> None:
        """The focused story's card; what does not fit scrolls (an arrow says so)."""
        t = self.app.theme
        p = t.palette
        panel(surf, DETAIL, p.panel, p.panel_alpha, radius=22)
        room = DETAIL.height - 60
        y = DETAIL.y + 30
        for (text, size, colour, bold, gap), h in zip(self.rows[self.detail_top:],
                                                       self.heights[self.detail_top:],
                                                       strict=True):
            if y + h > DETAIL.y + 30 + room:
                break
            surf.blit(t.text(text, size, colour, bold), (DETAIL.x + 36, y + gap))
            y += h
        x = DETAIL.right - 26
        if self.detail_top < self.detail_max:  # more below: PageDown or the wheel
            pygame.draw.polygon(surf, p.accent, [(x - 9, DETAIL.bottom - 24),
                                                 (x + 9, DETAIL.bottom - 24),
                                                 (x, DETAIL.bottom - 10)])
        if self.detail_top > 0:
            pygame.draw.polygon(surf, p.accent, [(x - 9, DETAIL.y + 24), (x + 9, DETAIL.y + 24),
                                                 (x, DETAIL.y + 10)])
