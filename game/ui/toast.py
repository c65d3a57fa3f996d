"""The toast: a short message over the top of any screen (saved, quicksave empty, a
setting not kept), laid out in the room the top screen leaves free."""

from __future__ import annotations

import pygame

from game.ui.screen import Screen
from game.ui.theme import Theme
from game.ui.widgets import panel, text_lines


def toast_layout(theme: Theme, top: Screen, text: str) -> tuple[pygame.Rect, list[str], int]:
    """The message wraps within the room the top screen leaves free (a scene keeps its
    History, Rewind and Menu buttons clear), never shrinking or cutting it."""
    area = top.toast_area()
    size = theme.px(20)
    lines = theme.wrap(text, size, area.width - 48)
    w = max(theme.font(size).size(ln)[0] for ln in lines) + 48
    rect = pygame.Rect(0, area.y, w, len(lines) * theme.line_height(size) + 24)
    rect.centerx = area.centerx
    return rect, lines, size


def draw_toast(canvas: pygame.Surface, theme: Theme, top: Screen, text: str) -> None:
    rect, lines, size = toast_layout(theme, top, text)
    p = theme.palette
    panel(canvas, rect, p.panel, 240, radius=min(rect.height // 2, 24), border=p.accent,
          width=2)
    text_lines(canvas, theme, lines, (rect.x + 24, rect.y + 12), size, p.text)
