"""Drawing helpers and the focusable menu every screen uses.

A `Menu` owns focus and hover, and Esc when given `on_back`; screens lay its rectangles out
when their content changes (never while drawing), then draw it with `Menu.draw` (a button
per item) or item by item when they want something else (the save cards).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.ui.actions import Act, Input
from game.ui.theme import HEIGHT, WIDTH, Colour, Theme

Rect = pygame.Rect


def panel(surf: pygame.Surface, rect: Rect, colour: Colour, alpha: int = 255,
          radius: int = 18, border: Colour | None = None, width: int = 0) -> None:
    """A rounded panel; translucent panels go through a small alpha surface."""
    if alpha >= 255:
        pygame.draw.rect(surf, colour, rect, border_radius=radius)
    else:
        layer = pygame.Surface(rect.size, pygame.SRCALPHA)
        pygame.draw.rect(layer, (*colour, alpha), layer.get_rect(), border_radius=radius)
        surf.blit(layer, rect.topleft)
    if border is not None and width:
        pygame.draw.rect(surf, border, rect, width, border_radius=radius)


VEIL = (8, 10, 16)  # the dark blue-black that dims what lies behind a menu


def dim(surf: pygame.Surface, alpha: int) -> None:
    """Lay the veil over the canvas at `alpha`, as blitting a translucent veil would (to
    within 1-2 of 255 per channel), by two fills in place: no full-window surface to make,
    which cost the title's first frame about 3 ms."""
    area = pygame.Rect(0, 0, WIDTH, HEIGHT)
    keep = 255 - alpha
    surf.fill((keep, keep, keep), area, pygame.BLEND_MULT)
    surf.fill(tuple(round(c * alpha / 255) for c in VEIL), area, pygame.BLEND_ADD)


def text_lines(surf: pygame.Surface, theme: Theme, lines: list[str], pos: tuple[int, int],
               size: int, colour: Colour, bold: bool = False) -> int:
    """Blit already-wrapped lines; returns the y below the last one."""
    x, y = pos
    step = theme.line_height(size)
    for line in lines:
        surf.blit(theme.text(line, size, colour, bold), (x, y))
        y += step
    return y


def onion(surf: pygame.Surface, centre: tuple[int, int], radius: int, layer: int,
          fill: Colour, empty: Colour, line: Colour) -> None:
    """Four nested rings, surface to core; rings up to `layer` are filled."""
    cx, cy = centre
    pygame.draw.line(surf, line, (cx, cy - radius - 5), (cx + 3, cy - radius + 2), 2)
    for ring in range(4):
        r = round(radius * (4 - ring) / 4)
        pygame.draw.circle(surf, fill if ring <= layer else empty, centre, r)
        pygame.draw.circle(surf, line, centre, r, 2 if ring == 0 else 1)


@dataclass(slots=True)
class Item:
    label: str
    on_choose: Callable[[], object]
    enabled: bool = True
    detail: str = ""
    value: str = ""  # shown on the right, e.g. a setting's current value
    on_left: Callable[[], object] | None = None
    on_right: Callable[[], object] | None = None


class Menu:
    """Focusable items: arrows and Tab move focus, Enter or a number key chooses,
    the mouse focuses by hovering and chooses by clicking; Esc runs `on_back` if given.

    A `guarded` menu (the choices of a scene, the ending, the debrief) starts with its
    focus hidden and ignores Space: a player tapping Space or Enter through text must
    never pick something they have not read. Enter does nothing while the focus is
    hidden; the first arrow (or the pointer) shows it, and then Enter chooses. A number
    or a click chooses at once: those are never taps through text."""

    def __init__(self, items: list[Item], columns: int = 1, numbers: bool = True,
                 on_back: Callable[[], object] | None = None, guarded: bool = False) -> None:
        self.items = items
        self.guarded = guarded
        self.hidden = guarded  # True until a deliberate key or the pointer shows the focus
        self.on_back = on_back
        self.rects: list[Rect] = [Rect(0, 0, 0, 0) for _ in items]
        self.columns = columns
        self.numbers = numbers
        self.focus = next((i for i, it in enumerate(items) if it.enabled), 0)
        self.hover: int | None = None  # the item under the pointer, if any

    @property
    def lit(self) -> int:
        """The item drawn as focused, or -1 while the focus is hidden."""
        return -1 if self.hidden else self.focus

    def set_items(self, items: list[Item]) -> None:
        self.items = items
        self.rects = [Rect(0, 0, 0, 0) for _ in items]
        self.hidden = self.guarded  # new choices: the focus starts on none of them
        if not items:
            self.focus = 0
        elif self.focus >= len(items) or not items[self.focus].enabled:
            self.focus = next((i for i, it in enumerate(items) if it.enabled), 0)

    def stack(self, x: int, y: int, w: int, h: int, gap: int) -> int:
        """Lay the items out as one column of equal rows; returns the bottom."""
        for i in range(len(self.items)):
            self.rects[i] = Rect(x, y + i * (h + gap), w, h)
        return y + len(self.items) * (h + gap) - gap

    def at(self, pos: tuple[int, int] | None) -> int | None:
        if pos is None:
            return None
        for i, r in enumerate(self.rects):
            if r.collidepoint(pos):
                return i
        return None

    def handle(self, inp: Input) -> bool:
        """React to one input; True when the menu used it."""
        if inp.act == Act.BACK and self.on_back is not None:
            self.on_back()
            return True
        if not self.items:
            return False
        moves = {Act.UP: -self.columns, Act.DOWN: self.columns, Act.PREV: -1, Act.NEXT: 1}
        if self.columns > 1:
            moves.update({Act.LEFT: -1, Act.RIGHT: 1})
        if inp.act in moves:
            if self.hidden:  # the first arrow shows where the focus is
                self.hidden = False
                self.focus = min(self.focus, len(self.items) - 1)
                if not self.items[self.focus].enabled:
                    self.move(1)
                return True
            self.move(moves[inp.act])
            return True
        if self.guarded and inp.act == Act.ADVANCE:
            return False
        if self.hidden and inp.act == Act.CONFIRM:
            return False
        item = self.items[self.focus]
        if inp.act == Act.LEFT and item.on_left and item.enabled:
            item.on_left()
            return True
        if inp.act == Act.RIGHT and item.on_right and item.enabled:
            item.on_right()
            return True
        return self._choose(inp)

    def _choose(self, inp: Input) -> bool:
        if inp.act in (Act.CONFIRM, Act.ADVANCE):
            return self.activate(self.focus)
        if inp.act == Act.CHOOSE and self.numbers and 1 <= inp.n <= len(self.items):
            self.focus = inp.n - 1
            return self.activate(inp.n - 1)
        if inp.act == Act.POINT:
            hit = self.at(inp.pos)
            self.hover = hit
            if hit is not None and (hit != self.focus or self.hidden) and \
                    self.items[hit].enabled:
                self.focus = hit
                self.hidden = False
                return True
            return False
        if inp.act == Act.CLICK:
            hit = self.at(inp.pos)
            if hit is not None:
                self.focus = hit
                self.hidden = False
                return self.activate(hit)
        return False

    def move(self, step: int) -> None:
        """Tab and a one-column list wrap round; Up and Down in a grid stop at its edge
        (Up from the first row must not land on the last)."""
        n = len(self.items)
        i = self.focus
        wrap = abs(step) == 1
        for _ in range(n):
            i = (i + step) % n if wrap else i + step
            if not 0 <= i < n:
                return
            if self.items[i].enabled:
                self.focus = i
                return

    def activate(self, i: int) -> bool:
        item = self.items[i]
        if item.enabled:
            item.on_choose()
        return True

    def draw(self, surf: pygame.Surface, theme: Theme, size: int = 22) -> None:
        """Every item as a button at its laid-out rectangle, the focused one lit. An item
        that Left and Right change shows its value between arrows, so the keys are implied."""
        for i, item in enumerate(self.items):
            value = item.value
            if value and (item.on_left or item.on_right):
                value = f"‹  {value}  ›"
            button(surf, theme, self.rects[i], item.label, self.lit == i, item.enabled,
                   size=size, value=value)


def button(surf: pygame.Surface, theme: Theme, rect: Rect, label: str, focused: bool,
           enabled: bool = True, size: int = 22, value: str = "") -> None:
    p = theme.palette
    panel(surf, rect, p.card_focus if focused else p.card, 235 if p.panel_alpha < 255 else 255,
          radius=14, border=p.accent if focused else p.outline,
          width=p.focus_width if focused else 1)
    colour = p.text if enabled else disabled(theme)
    px = theme.px(size)
    img = theme.text(label, px, colour, bold=focused)
    y = rect.centery - img.get_height() // 2
    if value:
        surf.blit(img, (rect.x + 22, y))
        val = theme.text(value, px, p.accent if focused else p.muted, bold=True)
        surf.blit(val, (rect.right - 22 - val.get_width(), y))
    else:
        surf.blit(img, (rect.centerx - img.get_width() // 2, y))


def disabled(theme: Theme) -> Colour:
    """Text of a control that cannot be used: halfway to the card, in either palette (the
    high-contrast muted colour is almost white, so it would look enabled)."""
    p = theme.palette
    r, g, b = ((a + c) // 2 for a, c in zip(p.text, p.card, strict=True))
    return (r, g, b)


def heading(surf: pygame.Surface, theme: Theme, text: str, y: int,
            x: int | None = None, size: int = 40) -> int:
    img = theme.text(text, theme.px(size), theme.palette.text, bold=True)
    surf.blit(img, (WIDTH // 2 - img.get_width() // 2 if x is None else x, y))
    return y + img.get_height()
