"""The Why card, read large: the last move's explanation over the scene's left half.

At the largest text with wide line spacing, the glass box's Why card has room for two lines
under the meters, so a long explanation with its numbers ran to a dozen pages or more.
PageDown or a click on that card opens this one instead: the same sentences, the numbers
behind them (when unfolded) and the topics the meters card had no room for, in one card as
wide as the choices, scrolled rather than paged. The glass box stays in view beside it, the
partner's face included, and N still folds the numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.actions import Act, Input
from game.ui.glassbox import COLUMN_X, EMPTY_WHY, SENTENCE_SIZE, numbers_behind
from game.ui.screen import Screen
from game.ui.scrolltext import ScrollText, TextRow, paragraph
from game.ui.theme import HEIGHT
from game.ui.widgets import panel, text_lines

if TYPE_CHECKING:
    from game.ui.app import App

LEFT, TOP, PAD = 40, 76, 24
BOX = pygame.Rect(LEFT, TOP, COLUMN_X - 20 - LEFT, HEIGHT - 24 - TOP)
BLANK = TextRow("", (0, 0, 0))
HINT = "PageDown, the wheel or a click: more · N: numbers · Esc: back"


class WhyScreen(Screen):
    name = "why"
    opaque = False  # the scene, and the glass box with the face, stay in view

    def __init__(self, app: App) -> None:
        super().__init__(app)
        scene = app.scene()  # the game below, whose last move this explains
        assert scene is not None, "the Why card opens from a scene"
        self.scene = scene
        self.text = ScrollText(SENTENCE_SIZE)
        self.hint: list[str] = []  # HINT, wrapped to the card

    def rows(self) -> list[TextRow]:
        """The sentences, then the numbers (when unfolded), then any topics the meters card
        left out: all of it, so nothing the small card paged is missing here."""
        t, s = self.app.theme, self.scene
        p = t.palette
        size, width = t.px(SENTENCE_SIZE), BOX.width - 2 * PAD
        ex, _ = s.last_explanation()
        sentences = (s.explain or ["No model move: nothing about the relationship changed."]) \
            if ex is not None else [EMPTY_WHY]
        # Every row is one line high (a blank row parts the sections), so the view holds
        # whole lines and a page turns by whole lines: no line is ever shown cut in half.
        rows = [r for x in sentences for r in paragraph(t, x, size, width, p.text)]
        if ex is not None and self.app.show_numbers:
            rows += [BLANK, *paragraph(t, "The numbers behind it", size, width, p.accent,
                                       bold=True)]
            rows += [r for x in numbers_behind(ex) for r in paragraph(t, x, size, width, p.muted)]
        m = s.glass.meter
        if m is not None and not s.glass.topic_lines:
            names = ", ".join(m.topics) if m.topics else "none yet"
            rows += [BLANK, *paragraph(t, f"Topics shared ({len(m.topics)}): {names}", size,
                                       width, p.text)]
        return rows

    def layout(self) -> None:
        t = self.app.theme
        head = PAD + t.line_height(t.px(24))
        self.hint = t.wrap(HINT, t.px(15), BOX.width - 2 * PAD)
        foot = len(self.hint) * t.line_height(t.px(15)) + PAD
        line = t.line_height(t.px(SENTENCE_SIZE))
        whole = (BOX.height - head - foot) // line * line
        self.text.set_rows(t, self.rows(), pygame.Rect(BOX.x + PAD, BOX.y + head,
                                                       BOX.width - 2 * PAD, whole))

    def page_down(self) -> None:
        """All but the last line shown scrolls up, so the reader keeps their place."""
        self.text.scroll(max(self.text.line, self.text.view.height - self.text.line))

    def handle(self, inp: Input) -> None:
        if inp.act in (Act.BACK, Act.CONFIRM, Act.ADVANCE, Act.UNDO):
            self.app.pop()
        elif inp.act == Act.NUMBERS:
            self.app.show_numbers = not self.app.show_numbers
            self.scene.layout()
            self.layout()
        elif inp.act == Act.CLICK and inp.pos is not None:
            if not BOX.collidepoint(inp.pos) or self.text.offset >= self.text.max_offset:
                self.app.pop()  # outside the card, or read to the end: back to the scene
            else:
                self.page_down()
        elif inp.act == Act.PAGE_DOWN and self.text.offset >= self.text.max_offset:
            self.app.pop()  # PageDown past the end goes back, as the small card's did
        elif inp.act == Act.PAGE_DOWN:
            self.page_down()
        elif inp.act == Act.PAGE_UP:
            self.text.scroll(-max(self.text.line, self.text.view.height - self.text.line))
        else:
            self.text.handle(inp)
        self.app.dirty = True

    def draw(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        panel(surf, BOX, p.panel, 255, radius=16, border=p.accent, width=2)
        surf.blit(t.text("Why", t.px(24), p.accent, bold=True), (BOX.x + PAD, BOX.y + 14))
        self.text.draw(surf, t)
        self.text.draw_more(surf, t, BOX.right - PAD, BOX.y + 18)
        step = t.line_height(t.px(15))
        text_lines(surf, t, self.hint, (BOX.x + PAD, BOX.bottom - PAD - len(self.hint) * step
                                        + 8), t.px(15), p.muted)

    def widgets(self) -> dict[str, pygame.Rect]:
        return {"Why": BOX}
