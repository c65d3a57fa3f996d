"""The debrief's onion: depth as rings, breadth as the topics around the edge.

One onion of four rings, small talk outside and the core in the middle. Its left half is
filled down to the layer the player reached, its right half down to the layer the partner
opened, so a class sees at a glance who went deeper. The topics the player shared are set
around the rim, as breadth. Drawn on a light card in the chart's colours, so the debrief's
pictures match each other and read on a projector.
"""

from __future__ import annotations

import math

import pygame

from game.ui.chart import BACKGROUND, INK, LAYER_COLOURS, MUTED
from game.ui.theme import Colour, Theme
from game.ui.widgets import text_lines

LABELS = ("small talk", "personal", "private", "core")
EMPTY: Colour = (236, 236, 230)
PARTNER_COLOURS: tuple[Colour, ...] = ((238, 214, 170), (232, 186, 72), (214, 140, 40),
                                       (150, 84, 20))
TOPIC_INK: Colour = (40, 60, 110)


def onion_diagram(surf: pygame.Surface, t: Theme, box: pygame.Rect, reached: int, opened: int,
                  partner: str, topics: tuple[str, ...]) -> None:
    """Paint the whole diagram inside `box` (a light card with a caption row below)."""
    pygame.draw.rect(surf, BACKGROUND, box, border_radius=18)
    lines = caption_lines(t, box, reached, opened, partner, len(topics))
    caption_h = sum(len(w) for w, _ in lines) * t.line_height(t.px(15)) + 12
    radius = min(box.width // 2 - 130, (box.height - caption_h) // 2 - 50)
    centre = (box.centerx, box.y + 24 + (box.height - caption_h - 24) // 2)
    _rings(surf, centre, radius, reached, opened)
    _ring_labels(surf, t, centre, radius)
    _topics(surf, t, centre, radius, topics)
    _halves(surf, t, centre, radius, partner)
    y = box.bottom - caption_h
    for wrapped, colour in lines:
        y = text_lines(surf, t, wrapped, (box.x + 24, y), t.px(15), colour)


def _rings(surf: pygame.Surface, centre: tuple[int, int], radius: int, reached: int,
           opened: int) -> None:
    cx, cy = centre
    for ring in range(4):
        r = round(radius * (4 - ring) / 4)
        left = LAYER_COLOURS[ring] if ring <= reached else EMPTY
        right = PARTNER_COLOURS[ring] if ring <= opened else EMPTY
        pygame.draw.circle(surf, left, centre, r, draw_top_left=True, draw_bottom_left=True)
        pygame.draw.circle(surf, right, centre, r, draw_top_right=True,
                           draw_bottom_right=True)
        pygame.draw.circle(surf, INK, centre, r, 2)
    pygame.draw.line(surf, INK, (cx, cy - radius), (cx, cy + radius), 3)


def _ring_labels(surf: pygame.Surface, t: Theme, centre: tuple[int, int], radius: int) -> None:
    """Each ring's name on a small white tag along the dividing line."""
    cx, cy = centre
    step = radius / 4
    for ring, label in enumerate(LABELS):
        y = round(cy - radius + step * ring + step / 2)
        img = t.text(label, t.px(13), INK, bold=True)
        tag = img.get_rect(center=(cx, y)).inflate(10, 4)
        pygame.draw.rect(surf, BACKGROUND, tag, border_radius=6)
        surf.blit(img, img.get_rect(center=(cx, y)))


def _topics(surf: pygame.Surface, t: Theme, centre: tuple[int, int], radius: int,
            topics: tuple[str, ...]) -> None:
    """Breadth: one spoke and label per topic shared, spread around the rim."""
    if not topics:
        return
    cx, cy = centre
    for i, topic in enumerate(topics):
        angle = -math.pi / 2 + (i + 0.5) * 2 * math.pi / len(topics)
        dx, dy = math.cos(angle), math.sin(angle)
        inner = (cx + dx * radius * 0.25, cy + dy * radius * 0.25)
        rim = (cx + dx * (radius + 8), cy + dy * (radius + 8))
        pygame.draw.line(surf, TOPIC_INK, inner, rim, 2)
        pygame.draw.circle(surf, TOPIC_INK, (round(rim[0]), round(rim[1])), 5)
        img = t.text(topic, t.px(16), TOPIC_INK, bold=True)
        at = (cx + dx * (radius + 18), cy + dy * (radius + 18))
        rect = img.get_rect(center=(round(at[0]), round(at[1])))
        rect.x += round(dx * img.get_width() / 2)  # push the label outwards, off the rim
        rect.y += round(dy * img.get_height() / 2)
        surf.blit(img, rect)


def _halves(surf: pygame.Surface, t: Theme, centre: tuple[int, int], radius: int,
            partner: str) -> None:
    cx, cy = centre
    for text, x in (("you", cx - radius // 2), (partner, cx + radius // 2)):
        img = t.text(text, t.px(17), INK, bold=True)
        surf.blit(img, img.get_rect(midbottom=(x, cy - radius - 12)))


def caption_lines(t: Theme, box: pygame.Rect, reached: int, opened: int, partner: str,
                  topics: int) -> list[tuple[list[str], Colour]]:
    """The depth and breadth sentences under the onion, wrapped to the card's width."""
    size, width = t.px(15), box.width - 48
    depth = f"Depth: you reached {LABELS[reached]}; {partner} opened {LABELS[opened]}."
    breadth = f"Breadth: {topics} topic{'s' * (topics != 1)} shared, around the rim."
    return [(t.wrap(depth, size, width), INK), (t.wrap(breadth, size, width), MUTED)]
