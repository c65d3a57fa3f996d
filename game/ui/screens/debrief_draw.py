"""Painting the debrief. Reads the DebriefScreen; never changes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.chart import FLAG, LAYER_COLOURS, PLAIN, RESPOND
from game.ui.onion import onion_diagram
from game.ui.split_chart import split_chart
from game.ui.theme import Colour, Theme
from game.ui.widgets import panel, text_lines

if TYPE_CHECKING:
    from game.ui.screens.debrief import DebriefScreen

OUTCOME_WORDS = {"deepened": "You grew closer", "acquaintance": "Still acquaintances",
                 "ruptured": "The bond broke", "unfinished": "In progress"}
HINT = "Up/Down or 1-3: pages  ·  Left/Right and Enter: buttons  ·  Esc: back"


def draw(surf: pygame.Surface, s: DebriefScreen) -> None:
    t = s.app.theme
    p = t.palette
    surf.fill(p.backdrop)
    header(surf, s)
    for i, rect in enumerate(s.tabs):
        on = i == s.tab
        hot = i == s.tab_hover
        panel(surf, rect, p.accent if on else (p.card_focus if hot else p.card), 255,
              radius=rect.height // 2, border=p.outline, width=0 if on else 1)
        img = t.text(s.pages[i], t.px(17), p.accent_text if on else p.text, bold=True)
        surf.blit(img, img.get_rect(center=rect.center))
    text_lines(surf, t, s.hint_lines, s.hint_pos, t.px(14), p.muted)
    if s.tab == 0 and s.chart is not None:
        surf.blit(s.chart, s.content.topleft)
    elif s.tab == 1:
        layers_page(surf, s)
    elif s.tab == 2:
        moments_page(surf, s)
    else:
        split_chart(surf, t, s.content, s.splits)
    s.menu.draw(surf, t, size=16)


def outcome_colour(t: Theme, outcome: str) -> Colour:
    p = t.palette
    return {"deepened": p.good, "ruptured": p.bad}.get(outcome, p.middle)


def header(surf: pygame.Surface, s: DebriefScreen) -> None:
    t = s.app.theme
    p = t.palette
    text_lines(surf, t, s.title_lines, (24, 18), t.px(28), p.text, True)
    pill = s.pill
    panel(surf, pill, outcome_colour(t, s.d.outcome), 255, radius=min(pill.height // 2, 22))
    text_lines(surf, t, s.pill_lines, (pill.x + 18, pill.y + 2), t.px(17), p.accent_text, True)


def layers_page(surf: pygame.Surface, s: DebriefScreen) -> None:
    t = s.app.theme
    p = t.palette
    d = s.d
    side, content = s.side, s.content
    box = pygame.Rect(content.x, content.y, side.x - content.x - 16, content.height)
    onion_diagram(surf, t, box, d.reached, d.opened, d.partner_name, d.topics)
    panel(surf, side, p.panel, 255, radius=18, border=p.outline, width=1)
    x, y = side.x + 24, side.y + 20
    head = t.text(f"Outcome: {OUTCOME_WORDS.get(d.outcome, d.outcome).lower()}", t.px(21),
                  outcome_colour(t, d.outcome), bold=True)
    surf.blit(head, (x, y))
    y += t.line_height(t.px(21))
    if d.outcome not in (d.verdict, "unfinished"):
        surf.blit(t.text(f"By the model's measure: {d.verdict}", t.px(15), p.muted), (x, y))
    y += t.line_height(t.px(15)) + 4
    colours = {"met": p.good, "missed": p.bad, "head": p.accent, "text": p.text}
    for style, text in s.outcome_lines:
        size = t.px(17) if style in ("text", "head") else t.px(16)
        if style == "head":
            y += 8
        surf.blit(t.text(text, size, colours[style], bold=style == "head"), (x, y))
        y += t.line_height(size)
    page_mark(surf, s, side, s.outcome_page, len(s.outcome_pages))


def page_mark(surf: pygame.Surface, s: DebriefScreen, box: pygame.Rect, page: int,
              pages: int) -> None:
    """Which page of a tab is shown, and how to turn it."""
    if pages < 2:
        return
    t = s.app.theme
    mark = t.text(f"page {page + 1} of {pages} · PageDown for more", t.px(14), t.palette.muted)
    surf.blit(mark, (box.right - 12 - mark.get_width(), box.bottom - 6 - mark.get_height()))


def moments_page(surf: pygame.Surface, s: DebriefScreen) -> None:
    t = s.app.theme
    p = t.palette
    content = s.content
    y = content.y
    moments = [s.d.moments[i] for i in s.moment_pages[s.moment_page]]
    for i, rows in enumerate(s.moment_lines):
        height = 24 + sum(t.line_height(t.px(17) if st == "head" else t.px(16))
                          for st, _ in rows)
        rect = pygame.Rect(content.x, y, content.width, height)
        panel(surf, rect, p.panel, 255, radius=14, border=p.outline, width=1)
        if i < len(moments):
            _stripe(surf, rect, moments[i].point.kind, moments[i].point.layer,
                    moments[i].point.flag is not None)
        ty = rect.y + 12
        for style, text in rows:
            size = t.px(17) if style == "head" else t.px(16)
            colour = p.text if style == "head" else p.accent if style == "more" else p.muted
            surf.blit(t.text(text, size, colour, bold=style == "head"), (rect.x + 48, ty))
            ty += t.line_height(size)
        y = rect.bottom + 12
    page_mark(surf, s, content.inflate(24, 12), s.moment_page, len(s.moment_pages))


def _stripe(surf: pygame.Surface, rect: pygame.Rect, kind: str, layer: int | None,
            flagged: bool) -> None:
    """The moment's marker in the chart's colours: layer fill, a red ring if it went badly."""
    colour = LAYER_COLOURS[layer] if layer is not None else \
        (RESPOND if kind == "respond" else PLAIN)
    centre = (rect.x + 24, rect.y + 24)
    if flagged:
        pygame.draw.circle(surf, FLAG, centre, 15)
    pygame.draw.circle(surf, colour, centre, 11)
    pygame.draw.circle(surf, (30, 32, 38), centre, 11, 2)
