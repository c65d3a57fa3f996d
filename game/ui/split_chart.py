"""The debrief's class-votes page: how the class split at each decision, and its path.

One row per decision the class voted on, in step order: the step and scene, then a bar split
into the choices' shares (each segment lettered with its count), the choice taken outlined
and named, and how it was decided (the class's vote, a tie the teacher broke, or the
teacher's own pick). Read down the rows, the taken letters are the path the class took.
"""

from __future__ import annotations

import pygame

from game.facilitator.votes import SplitRow
from game.ui.classroom_draw import shorten
from game.ui.theme import Colour, Theme
from game.ui.widgets import panel

SEGMENTS: tuple[Colour, ...] = ((96, 140, 200), (214, 150, 92), (120, 180, 130),
                                (180, 120, 180), (200, 190, 100), (110, 180, 190))
HOW = {"class": "class vote", "tie": "tie: teacher's pick", "teacher": "teacher's pick"}
LABEL_W, TAKEN_W = 260, 300


def split_chart(surf: pygame.Surface, t: Theme, box: pygame.Rect, rows: list[SplitRow]) -> None:
    p = t.palette
    panel(surf, box, p.panel, 255, radius=18, border=p.outline, width=1)
    if not rows:
        return
    shown = rows[-max(1, (box.height - 24) // 30):]  # a very long game keeps its last rows
    row_h = min(56, (box.height - 24) // len(shown))
    size = 16 if row_h >= 40 else 13
    y = box.y + 12
    for row in shown:
        r = pygame.Rect(box.x + 16, y, box.width - 32, row_h - 6)
        _label(surf, t, row, pygame.Rect(r.x, r.y, LABEL_W, r.height), size)
        bar = pygame.Rect(r.x + LABEL_W + 8, r.y + 4, r.width - LABEL_W - TAKEN_W - 16,
                          r.height - 8)
        _bar(surf, t, row, bar, size)
        _taken(surf, t, row, pygame.Rect(bar.right + 12, r.y, TAKEN_W - 4, r.height), size)
        y += row_h
    if len(shown) < len(rows):
        note = t.text(f"(the first {len(rows) - len(shown)} decisions are in the exports)",
                      13, p.muted)
        surf.blit(note, (box.x + 16, box.bottom - note.get_height() - 4))


def _label(surf: pygame.Surface, t: Theme, row: SplitRow, rect: pygame.Rect, size: int) -> None:
    img = t.text(shorten(t, f"{row.step}. {row.title}", size, rect.width), size,
                 t.palette.text)
    surf.blit(img, (rect.x, rect.centery - img.get_height() // 2))


def _taken(surf: pygame.Surface, t: Theme, row: SplitRow, rect: pygame.Rect, size: int) -> None:
    """The choice taken, by letter and text, and (when the row has room) how."""
    p = t.palette
    label = next((lab for letter, lab, _ in row.options if letter == row.chosen), "")
    img = t.text(shorten(t, f"{row.chosen}: {label}", size, rect.width), size, p.text,
                 bold=True)
    how = t.text(HOW[row.decided], 12, p.muted)
    two = img.get_height() + how.get_height() <= rect.height
    top = rect.y if two else rect.centery - img.get_height() // 2
    surf.blit(img, (rect.x, top))
    if two:
        surf.blit(how, (rect.x, top + img.get_height()))


def _bar(surf: pygame.Surface, t: Theme, row: SplitRow, bar: pygame.Rect, size: int) -> None:
    p = t.palette
    pygame.draw.rect(surf, p.card, bar)
    total = max(row.total, 1)
    x = bar.x
    for i, (letter, _, votes) in enumerate(row.options):
        w = round(bar.width * votes / total) if row.total else 0
        if i == len(row.options) - 1 and row.total:
            w = bar.right - x  # rounding never leaves a gap at the end
        seg = pygame.Rect(x, bar.y, w, bar.height)
        if w > 0:
            pygame.draw.rect(surf, SEGMENTS[i % len(SEGMENTS)], seg)
            if letter == row.chosen:
                pygame.draw.rect(surf, p.accent, seg, 4)
            img = t.text(f"{letter} {votes}", size, (20, 20, 24), bold=True)
            if img.get_width() + 8 <= w:
                surf.blit(img, img.get_rect(center=seg.center))
        x += w
    if not row.total:
        img = t.text("no votes", size, p.muted)
        surf.blit(img, img.get_rect(center=bar.center))
    pygame.draw.rect(surf, p.outline, bar, 1)
