"""Help (F1, or Help on the title and pause menus): the glossary's words, and the keys.

The pages are `game.glossary`'s sections, so the help says what the pupil glossary says.
Tabs on the left (arrows, Tab, numbers or a click), the page on the right (Page Up/Down,
the wheel or the ▲ ▼ buttons scroll it); text wraps and scrolls at every size, never cut.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.glossary import ONION, SECTIONS, Entry, Section
from game.ui.actions import Act, Input
from game.ui.backdrop import behind
from game.ui.screen import Screen
from game.ui.theme import HEIGHT, WIDTH, Colour
from game.ui.widgets import Item, Menu, heading, onion, panel

if TYPE_CHECKING:
    from game.ui.app import App

PAGE = pygame.Rect(430, 112, WIDTH - 470, HEIGHT - 112 - 78)
PAD = 34
GLYPH = 58  # room on the left of an entry for its onion
KEYS = Section("Keys", "Everything works with the keyboard alone and with the mouse alone.", (
    Entry("Space, Enter, click", "Finish the line, or go on to the next one."),
    Entry("1-9, arrows and Enter, click", "Choose. Space never picks a choice."),
    Entry("Backspace", "Take back your last choice."),
    Entry("H, History button", "History: everything said so far."),
    Entry("Esc, right click", "The pause menu: save, load, settings, help."),
    Entry("F1", "This help, from any screen."),
    Entry("V", "Self-voicing on or off: the game reads the text and the focused choice aloud."),
    Entry("M", "Sound on or off."),
    Entry("F5, F9", "Quicksave, quickload."),
    Entry("F11", "Full screen."),
    Entry("F2, F3", "Facilitator mode and projector mode, for teachers."),
))
PAGES: tuple[Section, ...] = (*SECTIONS, KEYS)


@dataclass(frozen=True, slots=True)
class Row:
    text: str
    colour: Colour
    bold: bool
    indent: int
    y: int  # from the top of the page's content
    layer: int | None = None  # an onion glyph beside the row


class HelpScreen(Screen):
    name = "help"

    def __init__(self, app: App, page: int = 0) -> None:
        super().__init__(app)
        items = [Item(s.title, partial(self.show, i)) for i, s in enumerate(PAGES)]
        self.menu = Menu([*items, Item("Back", app.pop)], on_back=app.pop)
        self.scroller = Menu([Item("▲", lambda: self.scroll(-1)),
                              Item("▼", lambda: self.scroll(1))], numbers=False)
        self.page = page
        self.menu.focus = page
        self.rows: list[Row] = []
        self.height = 0
        self.offset = 0  # pixels scrolled down the page

    @property
    def section(self) -> Section:
        return PAGES[self.page]

    def show(self, page: int) -> None:
        self.page = page
        self.offset = 0
        self.layout()

    def text(self) -> list[str]:
        """The page as plain sentences, in reading order (what self-voicing reads)."""
        return [self.section.title, self.section.intro,
                *(f"{e.term}: {e.text}" for e in self.section.entries)]

    def layout(self) -> None:
        t = self.app.theme
        row_h = max(50, t.line_height(t.px(19)) + 16)
        bottom = self.menu.stack(60, PAGE.y, 340, row_h, 10)
        if bottom > HEIGHT - 70:
            self.menu.stack(60, PAGE.y, 340, row_h - 10, 4)
        self.scroller.rects = [pygame.Rect(PAGE.right - 56, PAGE.y + 14, 40, 40),
                               pygame.Rect(PAGE.right - 56, PAGE.bottom - 54, 40, 40)]
        self._layout_page()

    def _layout_page(self) -> None:
        t = self.app.theme
        p = t.palette
        width = PAGE.width - 2 * PAD - 56  # the scroll buttons keep the right edge
        body, term = t.px(19), t.px(20)
        rows: list[Row] = []
        y = 0
        for line in t.wrap(self.section.intro, body, width):
            rows.append(Row(line, p.muted, False, 0, y))
            y += t.line_height(body)
        onion_page = self.section is ONION
        for i, e in enumerate(self.section.entries):
            y += t.line_height(body) // 2
            layer = i if onion_page and i < 4 else None
            indent = GLYPH if onion_page else 0
            top = y
            for line in t.wrap(e.term, term, width - indent, True):
                rows.append(Row(line, p.accent, True, indent, y))
                y += t.line_height(term)
            for line in t.wrap(e.text, body, width - indent):
                rows.append(Row(line, p.text, False, indent, y))
                y += t.line_height(body)
            if layer is not None:
                rows.append(Row("", p.text, False, 0, top, layer))
        self.rows, self.height = rows, y
        self.offset = min(self.offset, self.max_offset)

    @property
    def view_height(self) -> int:
        return PAGE.height - 2 * PAD

    @property
    def max_offset(self) -> int:
        return max(0, self.height - self.view_height)

    def scroll(self, pages: float) -> None:
        step = round(self.view_height * 0.8 * pages)
        self.offset = max(0, min(self.max_offset, self.offset + step))

    def handle(self, inp: Input) -> None:
        steps = {Act.PAGE_UP: -1.0, Act.PAGE_DOWN: 1.0, Act.SCROLL_UP: -0.3,
                 Act.SCROLL_DOWN: 0.3}
        if inp.act in steps:
            self.scroll(steps[inp.act])
        elif inp.act == Act.HELP:
            self.app.pop()  # F1 again closes it
        elif inp.act == Act.CLICK and self.scroller.at(inp.pos) is not None:
            self.scroller.handle(inp)
        else:
            self.menu.handle(inp)
            if inp.act in (Act.UP, Act.DOWN, Act.NEXT, Act.PREV) and \
                    self.menu.focus < len(PAGES) and self.menu.focus != self.page:
                self.show(self.menu.focus)  # arrows turn pages; hovering only highlights

    def draw(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        behind(surf, self.app)
        heading(surf, t, "Help", 40, x=60, size=36)
        self.menu.draw(surf, t, size=19)
        mark = self.menu.rects[self.page]
        pygame.draw.rect(surf, p.accent, (mark.x - 14, mark.y + 8, 6, mark.height - 16),
                         border_radius=3)
        panel(surf, PAGE, p.panel, max(p.panel_alpha, 240), radius=22, border=p.outline,
              width=1)
        self._draw_rows(surf)
        if self.max_offset:
            self._draw_scroller(surf)
        hint = "Up and Down turn the page · Page Up/Down or the wheel scroll · Esc goes back"
        img = t.text(hint, min(t.px(15), 20), p.muted)
        surf.blit(img, (WIDTH // 2 - img.get_width() // 2, HEIGHT - 48))

    def _draw_rows(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        x0, y0 = PAGE.x + PAD, PAGE.y + PAD - self.offset
        inner = PAGE.inflate(-8, -2 * PAD + 8)
        surf.set_clip(inner)
        for row in self.rows:
            y = y0 + row.y
            if y > inner.bottom or y < inner.y - 60:
                continue
            if row.layer is not None:
                onion(surf, (x0 + 22, y + 26), 20, row.layer, p.accent, p.card, p.text)
                continue
            size = t.px(20) if row.bold else t.px(19)
            surf.blit(t.text(row.text, size, row.colour, row.bold), (x0 + row.indent, y))
        surf.set_clip(None)

    def _draw_scroller(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        for i, rect in enumerate(self.scroller.rects):
            usable = self.offset > 0 if i == 0 else self.offset < self.max_offset
            panel(surf, rect, p.card_focus if usable else p.card, 255, radius=12,
                  border=p.accent if usable else p.outline, width=2 if usable else 1)
            img = t.text(self.scroller.items[i].label, 18, p.text if usable else p.muted)
            surf.blit(img, img.get_rect(center=rect.center))
