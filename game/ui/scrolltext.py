"""Rows of wrapped text in a room that may be too small for them: one home for the overlays
that list text (the first-run hint, History) and the frame they share with the pause menu.

`ScrollText` keeps the rows, their offsets and the pixel offset scrolled; arrows, the wheel
and PageUp/PageDown move it, and drawing clips to the room with a mark where more waits.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.actions import Act, Input
from game.ui.theme import Colour, Theme
from game.ui.widgets import dim, panel


@dataclass(frozen=True, slots=True)
class TextRow:
    """One wrapped line. `lead` is a prefix of `text` drawn again in `lead_colour` (a term
    lit in the accent colour); `gap` is the space left above the row."""

    text: str
    colour: Colour
    bold: bool = False
    indent: int = 0
    gap: int = 0
    lead: str = ""
    lead_colour: Colour = (0, 0, 0)


def paragraph(theme: Theme, text: str, size: int, width: int, colour: Colour, *,
              bold: bool = False, indent: int = 0, gap: int = 0,
              lead: str = "", lead_colour: Colour = (0, 0, 0)) -> list[TextRow]:
    """`text` wrapped to `width` less `indent`; the first row has `gap` above it and the
    `lead` lit."""
    lines = theme.wrap(text, size, width - indent, bold)
    return [TextRow(line, colour, bold, indent, gap if i == 0 else 0,
                    lead if i == 0 else "", lead_colour) for i, line in enumerate(lines)]


class ScrollText:
    def __init__(self, size: int = 19) -> None:
        self.base = size  # the text size before the theme scales it
        self.rows: list[TextRow] = []
        self.tops: list[int] = []  # each row's y within the content
        self.height = 0
        self.line = 1
        self.view = pygame.Rect(0, 0, 0, 0)
        self.offset = 0  # pixels scrolled down

    def set_rows(self, theme: Theme, rows: list[TextRow], view: pygame.Rect,
                 at_end: bool = False) -> None:
        """New rows or a new room; the offset stays where it was, or goes to the end."""
        self.rows, self.view = rows, view
        self.line = theme.line_height(theme.px(self.base))
        y, self.tops = 0, []
        for row in rows:
            y += row.gap
            self.tops.append(y)
            y += self.line
        self.height = y
        self.offset = self.max_offset if at_end else min(self.offset, self.max_offset)

    @property
    def max_offset(self) -> int:
        return max(0, self.height - self.view.height)

    def scroll(self, by: int) -> None:
        self.offset = max(0, min(self.max_offset, self.offset + by))

    def handle(self, inp: Input) -> bool:
        """Arrows a line, the wheel three, PageUp/PageDown most of a room; True if used."""
        page = max(self.line, self.view.height * 4 // 5)
        steps = {Act.UP: -self.line, Act.DOWN: self.line, Act.SCROLL_UP: -3 * self.line,
                 Act.SCROLL_DOWN: 3 * self.line, Act.PAGE_UP: -page, Act.PAGE_DOWN: page}
        if inp.act not in steps:
            return False
        self.scroll(steps[inp.act])
        return True

    def top_of(self, i: int) -> int:
        """Row `i`'s y on the canvas as scrolled now."""
        return self.view.y - self.offset + self.tops[i]

    def draw(self, surf: pygame.Surface, theme: Theme) -> None:
        size = theme.px(self.base)
        surf.set_clip(self.view)
        for i, row in enumerate(self.rows):
            y = self.top_of(i)
            if y + self.line < self.view.y or y > self.view.bottom:
                continue
            pos = (self.view.x + row.indent, y)
            surf.blit(theme.text(row.text, size, row.colour, row.bold), pos)
            if row.lead:
                surf.blit(theme.text(row.lead, size, row.lead_colour, row.bold), pos)
        surf.set_clip(None)

    def draw_more(self, surf: pygame.Surface, theme: Theme, right: int, y: int) -> None:
        """Say that there is more, and which way, right-aligned at (`right`, `y`)."""
        if not self.max_offset:
            return
        more = "▲ ▼" if 0 < self.offset < self.max_offset else \
            ("▼ more below" if self.offset == 0 else "▲ more above")
        img = theme.text(more, theme.px(15), theme.palette.accent, bold=True)
        surf.blit(img, (right - img.get_width(), y))


def overlay(surf: pygame.Surface, theme: Theme, box: pygame.Rect, title: str,
            title_pos: tuple[int, int] | None = None, accent: bool = False) -> None:
    """The frame of a menu over the dimmed game: veil, box and title (centred unless
    `title_pos` is given)."""
    p = theme.palette
    dim(surf, p.dim_alpha)
    panel(surf, box, p.panel, max(p.panel_alpha, 250), radius=24,
          border=p.accent if accent else p.outline, width=2 if accent else 1)
    img = theme.text(title, theme.px(32 if title_pos is None else 28), p.text, bold=True)
    surf.blit(img, title_pos or (box.centerx - img.get_width() // 2, box.y + 30))
