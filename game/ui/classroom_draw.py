"""Painting classroom live's side panel. Reads the ClassroomScene; all it sets are the close
button's rectangle, where it was drawn, so a click can find it, and the QR code, made once.

While a vote is open the panel covers the right of the stage (and the glass box, if the
facilitator view is on: the meters stay hidden while the class decides). Between votes a
small strip keeps the join address and the code on screen for latecomers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import segno

from game.classroom.room import LETTERS
from game.ui.screens.scene_layout import PANEL_BOTTOM
from game.ui.theme import WIDTH, Theme
from game.ui.widgets import panel

if TYPE_CHECKING:
    from game.ui.classroom import ClassroomScene

SIDE_X, SIDE_TOP, SIDE_W = 800, 72, WIDTH - 800 - 40  # over the glass box, exactly
QR_SIZE = 156
PAD = 16


def draw(surf: pygame.Surface, s: ClassroomScene) -> None:
    if s.choosing and s.round:
        side(surf, s)
    else:
        s.close_button = pygame.Rect(0, 0, 0, 0)
        strip(surf, s)


def strip(surf: pygame.Surface, s: ClassroomScene) -> None:
    """The join address and code in the top row, between the scene's title and the tools
    (only the code when the address does not fit)."""
    t = s.app.theme
    p = t.palette
    devices = s.live.room.tally().devices
    left = 40
    if s.stage.title:
        left += t.text(s.stage.title, t.px(17), p.text).get_width() + 40 + 12
    right = s.tools.rects[0].left - 12
    size = t.px(14)
    for text in (f"Join: {s.live.url}   code {s.live.room.code}   ·   {devices} joined",
                 f"Code {s.live.room.code}  ·  {devices} joined"):
        img = t.text(text, size, p.text, bold=True)
        if img.get_width() + 32 <= right - left:
            break
    rect = pygame.Rect(0, 22, img.get_width() + 32, 40)
    rect.right = right
    panel(surf, rect, p.panel, max(p.panel_alpha, 230), radius=rect.height // 2)
    surf.blit(img, img.get_rect(center=rect.center))


def side(surf: pygame.Surface, s: ClassroomScene) -> None:
    t = s.app.theme
    p = t.palette
    # in facilitator mode the text keeps to the left column: the panel takes the right one
    low = s.app.facilitator or s.line is None  # the line answered always shows above it
    bottom = PANEL_BOTTOM if low else s.panel.top - 14
    box = pygame.Rect(SIDE_X, SIDE_TOP, SIDE_W, bottom - SIDE_TOP)
    panel(surf, box, p.panel, 255, radius=18, border=p.outline, width=2)
    x, y = box.x + PAD, box.y + PAD
    if s.qr is None:
        s.qr = qr_surface(s.live.url, QR_SIZE)
    surf.blit(s.qr, (x, y))
    tx = x + QR_SIZE + PAD
    y2 = _label(surf, t, "Join at", (tx, y), p.muted, 14)
    y2 = _fit(surf, t, s.live.url, (tx, y2), box.right - PAD - tx, 17, p.text)
    y2 = _label(surf, t, "Room code", (tx, y2 + 10), p.muted, 14)
    _label(surf, t, spaced(s.live.room.code), (tx, y2), p.accent, 30)
    tally = s.tally()
    y = box.y + PAD + QR_SIZE + 12
    voted = f"{tally.voters} of {tally.devices} joined voted"
    y = _label(surf, t, voted, (x, y), p.text, 18) + 8
    foot = 60 if s.voting or s.tie else 0
    bars(surf, s, pygame.Rect(x, y, box.width - 2 * PAD, box.bottom - PAD - foot - y))
    footer(surf, s, pygame.Rect(x, box.bottom - PAD - 48, box.width - 2 * PAD, 48))


def bars(surf: pygame.Surface, s: ClassroomScene, area: pygame.Rect) -> None:
    """One row per choice: its letter, its text (cut to fit) over a bar, and the count.
    With many choices the bar thins to a line under the text, which stays readable."""
    t = s.app.theme
    p = t.palette
    tally = s.tally()
    n = len(tally.counts)
    if n == 0:
        return
    row = max(24, min(58, area.height // n))
    size = 15 if row >= 50 else 13
    most = max(max(tally.counts), 1)
    for i, count in enumerate(tally.counts):
        r = pygame.Rect(area.x, area.y + i * row, area.width, row - 6)
        lead = i in s.tie or (count == most and count > 0)
        letter = t.text(LETTERS[i], 20 if row >= 34 else 14, p.accent if lead else p.text,
                        bold=True)
        surf.blit(letter, (r.x, r.y + (r.height - letter.get_height()) // 2))
        inner = pygame.Rect(r.x + 30, r.y, r.width - 30 - 44, r.height)
        label = t.text(shorten(t, s.view.choices[i].label, size, inner.width), size, p.muted)
        surf.blit(label, (inner.x, inner.y))
        top = inner.y + label.get_height() + 3
        bar_rect = pygame.Rect(inner.x, top, inner.width, max(5, inner.bottom - top))
        pygame.draw.rect(surf, p.card, bar_rect, border_radius=3)
        pygame.draw.rect(surf, p.outline, bar_rect, 1, border_radius=3)
        filled = bar_rect.copy()
        filled.width = round(bar_rect.width * count / most)
        if filled.width:
            pygame.draw.rect(surf, p.accent if lead else p.name_plate, filled, border_radius=3)
        num = t.text(str(count), 20 if row >= 34 else 15, p.text, bold=True)
        surf.blit(num, (r.right - num.get_width(), r.y + (r.height - num.get_height()) // 2))


def footer(surf: pygame.Surface, s: ClassroomScene, rect: pygame.Rect) -> None:
    t = s.app.theme
    p = t.palette
    if s.voting:
        s.close_button = rect
        panel(surf, rect, p.accent, 255, radius=12)
        img = t.text("Close the vote (Enter)", 18, p.accent_text, bold=True)
        surf.blit(img, img.get_rect(center=rect.center))
        return
    s.close_button = pygame.Rect(0, 0, 0, 0)
    if s.tie:
        who = " or ".join(LETTERS[i] for i in s.tie)
        words = "No votes: pick any choice" if s.tally().voters == 0 else \
            f"A tie: pick {who} (key or click)"
        img = t.text(shorten(t, words, 18, rect.width), 18, p.accent, bold=True)
        surf.blit(img, img.get_rect(center=rect.center))


def _label(surf: pygame.Surface, t: Theme, text: str, pos: tuple[int, int],
           colour: tuple[int, int, int], size: int) -> int:
    img = t.text(text, size, colour, bold=size >= 17)
    surf.blit(img, pos)
    return pos[1] + img.get_height()


def _fit(surf: pygame.Surface, t: Theme, text: str, pos: tuple[int, int], width: int,
         size: int, colour: tuple[int, int, int]) -> int:
    """Text at the largest size up to `size` that fits `width` (a long address)."""
    while size > 10 and t.font(size, True).size(text)[0] > width:
        size -= 1
    return _label(surf, t, text, pos, colour, size)


def shorten(t: Theme, text: str, size: int, width: int) -> str:
    """`text` cut with an ellipsis to fit `width` pixels on one line."""
    font = t.font(size)
    if font.size(text)[0] <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(text[:mid].rstrip() + "…")[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def spaced(code: str) -> str:
    """`K7M XRA`: a six-letter code read aloud and copied in two halves."""
    half = len(code) // 2
    return f"{code[:half]} {code[half:]}"


def qr_surface(url: str, size: int) -> pygame.Surface:
    """The join address as a QR code, black on white with its quiet zone, at most `size`
    pixels square, each module a whole number of pixels so phones read it from afar."""
    qr = segno.make(url, error="m", micro=False)
    rows = [list(r) for r in qr.matrix_iter(scale=1, border=4)]
    n = len(rows)
    small = pygame.Surface((n, n))
    small.fill((255, 255, 255))
    for y, line in enumerate(rows):
        for x, dark in enumerate(line):
            if dark:
                small.set_at((x, y), (0, 0, 0))
    scale = max(1, size // n)
    return pygame.transform.scale(small, (n * scale, n * scale))
