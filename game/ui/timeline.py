"""The timeline strip: every choice so far, as a marker a facilitator can rewind to.

Markers take the chart's colours (grey small talk to navy core, gold for answers, white for
plain choices) and a shape for the kind of move: a circle to share, a diamond to ask, a
square to respond, a small ring for plain choices. A move that landed badly gets a red
ring. Clicking a marker, or T, arrows and Enter, rewinds to just before that choice; the
buttons at the end open the comparison of branches and a debrief of the game so far.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

from game.glossary import LAYER_NAMES
from game.model.wording import landing_words
from game.runtime import Step
from game.ui.actions import Act, Input
from game.ui.chart import FLAG, LAYER_COLOURS, PLAIN, RESPOND
from game.ui.theme import Colour, Theme
from game.ui.widgets import disabled, panel

STRIP = pygame.Rect(40, 70, 740, 44)
SPACING, MIN_SPACING, RADIUS = 28, 12, 9
KIND_WORDS = {"disclose": "share", "ask": "ask", "respond": "respond", "plain": "plain"}


@dataclass(frozen=True, slots=True)
class Marker:
    step: int  # 1-based: clicking rewinds to just before this choice
    kind: str
    layer: int | None
    landing: str
    label: str
    partner: str = ""  # the name of the partner the move was aimed at
    moved_on: bool = False  # it left that partner's confidence unanswered

    @property
    def colour(self) -> Colour:
        if self.layer is not None and self.kind in ("disclose", "ask"):
            return LAYER_COLOURS[self.layer]
        return RESPOND if self.kind == "respond" else PLAIN

    @property
    def flagged(self) -> bool:
        # The debrief's module, and the records it reads, load at the first facilitator
        # frame, not before a story's first scene.
        from game.facilitator.debrief import FLAGGED  # lazy: start-up

        return self.landing in FLAGGED

    @property
    def caption(self) -> str:
        kind = KIND_WORDS.get(self.kind, self.kind)
        depth = f", {LAYER_NAMES[self.layer]}" if self.layer is not None else ""
        words = landing_words(self.kind, self.landing, self.partner, self.moved_on)
        landed = f", {words}" if words else ""
        return f"Step {self.step} ({kind}{depth}{landed}): {self.label}"


@dataclass(slots=True)
class Timeline:
    rewind: Callable[[int], None]
    compare: Callable[[], None]
    debrief: Callable[[], None]
    markers: list[Marker] = field(default_factory=list)
    rects: list[pygame.Rect] = field(default_factory=list)
    buttons: list[pygame.Rect] = field(default_factory=list)
    can_compare: bool = False
    active: bool = False  # keyboard focus is on the strip (T)
    focus: int = 0  # markers first, then the two buttons
    hover: int | None = None

    def layout(self, t: Theme, history: list[Step], can_compare: bool,
               name_of: Callable[[str], str] = str) -> None:
        self.markers = [Marker(i, s.result.choice.kind, s.result.choice.layer,
                               s.result.landing, s.result.choice.label,
                               name_of(s.result.partner),
                               s.result.explanation is not None
                               and s.result.explanation.moved_on)
                        for i, s in enumerate(history, 1)]
        self.can_compare = can_compare
        size = t.px(14)
        widths = [t.font(size, True).size(w)[0] + 24 for w in ("Compare", "Debrief")]
        x = STRIP.right - 8
        self.buttons = []
        for w in reversed(widths):
            x -= w
            self.buttons.insert(0, pygame.Rect(x, STRIP.y + 7, w, STRIP.height - 14))
            x -= 8
        left = STRIP.x + 16 + t.font(size, True).size("Steps")[0] + 12
        room = x - 8 - left
        gap = max(MIN_SPACING, min(SPACING, room // max(1, len(self.markers))))
        self.markers = self.markers[-max(1, room // gap):]  # a very long game: the latest
        self.rects = [pygame.Rect(left + i * gap, STRIP.y, gap, STRIP.height)
                      for i in range(len(self.markers))]
        self.focus = min(self.focus, self.count - 1)

    @property
    def count(self) -> int:
        return len(self.rects) + 2

    def at(self, pos: tuple[int, int] | None) -> int | None:
        if pos is None:
            return None
        for i, r in enumerate([*self.rects, *self.buttons]):
            if r.collidepoint(pos):
                return i
        return None

    def handle(self, inp: Input) -> bool:
        """True when the strip used the input."""
        if inp.act == Act.POINT:
            self.hover = self.at(inp.pos)
            return False
        if inp.act == Act.CLICK:
            hit = self.at(inp.pos)
            if hit is None:
                return False
            self.activate(hit)
            return True
        if inp.act == Act.TIMELINE:
            self.active = not self.active
            self.focus = max(0, len(self.rects) - 1) if self.active else self.focus
            return True
        return self.active and self._keys(inp)

    def _keys(self, inp: Input) -> bool:
        if inp.act in (Act.LEFT, Act.PREV):
            self.focus = (self.focus - 1) % self.count
        elif inp.act in (Act.RIGHT, Act.NEXT):
            self.focus = (self.focus + 1) % self.count
        elif inp.act == Act.CONFIRM:
            self.activate(self.focus)
        elif inp.act in (Act.BACK, Act.UP, Act.DOWN):
            self.active = False
        else:
            return False
        return True

    def activate(self, i: int) -> None:
        self.active = False
        if i < len(self.rects):
            self.rewind(self.markers[i].step)
        elif i == len(self.rects):
            self.compare()
        else:
            self.debrief()

    def pointed(self) -> Marker | None:
        """The marker under the pointer or the keyboard focus, for its caption."""
        i = self.focus if self.active else self.hover
        return self.markers[i] if i is not None and i < len(self.rects) else None

    def draw(self, surf: pygame.Surface, t: Theme) -> None:
        p = t.palette
        panel(surf, STRIP, p.panel, p.panel_alpha, radius=STRIP.height // 2,
              border=p.accent if self.active else p.outline, width=p.focus_width
              if self.active else 1)
        label = t.text("Steps", t.px(14), p.muted, bold=True)
        surf.blit(label, (STRIP.x + 16, STRIP.centery - label.get_height() // 2))
        if len(self.rects) > 1:
            pygame.draw.line(surf, p.outline, (self.rects[0].centerx, STRIP.centery),
                             (self.rects[-1].centerx, STRIP.centery), 2)
        for i, rect in enumerate(self.rects):
            hot = i == self.hover or (self.active and i == self.focus)
            draw_marker(surf, self.markers[i], rect.center, RADIUS + (2 if hot else 0), p.text)
            if self.active and i == self.focus:
                pygame.draw.circle(surf, p.accent, rect.center, RADIUS + 6, 2)
        for j, (rect, word) in enumerate(zip(self.buttons, ("Compare", "Debrief"),
                                             strict=True)):
            self._button(surf, t, rect, word, len(self.rects) + j)
        self._caption(surf, t)

    def _button(self, surf: pygame.Surface, t: Theme, rect: pygame.Rect, word: str,
                i: int) -> None:
        p = t.palette
        hot = self.hover == i or (self.active and self.focus == i)
        enabled = word != "Compare" or self.can_compare
        panel(surf, rect, p.card_focus if hot else p.card, 255, radius=rect.height // 2,
              border=p.accent if hot else p.outline, width=p.focus_width if hot else 1)
        img = t.text(word, t.px(14), p.text if enabled else disabled(t), bold=True)
        surf.blit(img, img.get_rect(center=rect.center))

    def _caption(self, surf: pygame.Surface, t: Theme) -> None:
        marker = self.pointed()
        if marker is None:
            return
        p = t.palette
        size = t.px(15)
        hint = t.text("  \u00b7  rewind to before it", size, p.accent, bold=True)
        text = marker.caption
        while t.font(size).size(text)[0] > STRIP.width - 32 - hint.get_width() and len(text) > 20:
            text = text[:-2].rstrip() + "\u2026"  # shorten the label, keep the hint whole
        img = t.text(text, size, p.text)
        box = pygame.Rect(STRIP.x, STRIP.bottom + 6, img.get_width() + hint.get_width() + 32,
                          img.get_height() + 14)
        panel(surf, box, p.card_focus, 250, radius=12, border=p.accent, width=1)
        surf.blit(img, (box.x + 16, box.y + 7))
        surf.blit(hint, (box.x + 16 + img.get_width(), box.y + 7))


def draw_marker(surf: pygame.Surface, m: Marker, centre: tuple[int, int], r: int,
                line: Colour) -> None:
    """One step's marker: fill by layer, shape by kind, a red ring when it went badly."""
    x, y = centre
    if m.flagged:
        pygame.draw.circle(surf, FLAG, centre, r + 5)
    if m.kind == "ask":
        pts = [(x, y - r - 2), (x + r + 2, y), (x, y + r + 2), (x - r - 2, y)]
        pygame.draw.polygon(surf, m.colour, pts)
        pygame.draw.polygon(surf, line, pts, 2)
    elif m.kind == "respond":
        rect = pygame.Rect(x - r + 1, y - r + 1, 2 * r - 2, 2 * r - 2)
        pygame.draw.rect(surf, m.colour, rect)
        pygame.draw.rect(surf, line, rect, 2)
    elif m.kind == "plain":
        pygame.draw.circle(surf, m.colour, centre, r // 2 + 1)
        pygame.draw.circle(surf, line, centre, r // 2 + 1, 1)
    else:
        pygame.draw.circle(surf, m.colour, centre, r)
        pygame.draw.circle(surf, line, centre, r, 2)
