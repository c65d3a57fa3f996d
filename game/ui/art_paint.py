"""Painting primitives for the generated art: gradients, glows, rooms, windows, shelves.

Shapes are painted hard-edged and the finished picture is blurred a little, which gives
the soft, calm, illustrated look and anti-aliases every edge at once.
"""

from __future__ import annotations

import math
import random

import pygame

Colour = tuple[int, int, int]
W, H = 1280, 720


def mix(a: Colour, b: Colour, k: float) -> Colour:
    return (round(a[0] + (b[0] - a[0]) * k), round(a[1] + (b[1] - a[1]) * k),
            round(a[2] + (b[2] - a[2]) * k))


def shade(c: Colour, k: float) -> Colour:
    """Darker for k < 0, lighter for k > 0."""
    return mix(c, (0, 0, 0), -k) if k < 0 else mix(c, (255, 255, 255), k)


def vgrad(s: pygame.Surface, rect: pygame.Rect | tuple[int, int, int, int],
          top: Colour, bottom: Colour) -> None:
    r = pygame.Rect(rect)
    for y in range(r.height):
        s.fill(mix(top, bottom, y / max(1, r.height - 1)), (r.x, r.y + y, r.width, 1))


def glow(s: pygame.Surface, centre: tuple[int, int], radius: int, colour: Colour,
         strength: int = 90) -> None:
    """A soft additive light: many faint discs, brightest in the middle."""
    layer = pygame.Surface((radius * 2, radius * 2))
    steps = 40
    for i in range(steps):
        r = round(radius * (1 - i / steps))
        k = ((i + 1) / steps) ** 2.2 * strength / 255
        pygame.draw.circle(layer, (round(colour[0] * k), round(colour[1] * k),
                                   round(colour[2] * k)), (radius, radius), r)
    s.blit(layer, (centre[0] - radius, centre[1] - radius), special_flags=pygame.BLEND_RGB_ADD)


def vignette(s: pygame.Surface, strength: int = 110) -> None:
    base = pygame.Surface((W, H), pygame.SRCALPHA)
    base.fill((10, 10, 20, strength))
    for i in range(60):
        k = i / 60
        rect = pygame.Rect(0, 0, round(W * (1.45 - 0.75 * k)), round(H * (1.55 - 0.75 * k)))
        rect.center = (W // 2, H // 2 - 20)
        pygame.draw.ellipse(base, (10, 10, 20, round(strength * (1 - k) ** 2)), rect)
    s.blit(base, (0, 0))


def finish(s: pygame.Surface, blur: int = 2, vig: int = 70) -> pygame.Surface:
    out = pygame.transform.gaussian_blur(s, blur) if blur else s
    vignette(out, vig)
    return out


def box(s: pygame.Surface, rect: tuple[int, int, int, int], colour: Colour,
        radius: int = 6, edge: float = -0.25) -> None:
    """A flat shape with a darker lower edge, the way furniture catches the light."""
    r = pygame.Rect(rect)
    pygame.draw.rect(s, colour, r, border_radius=radius)
    low = pygame.Rect(r.x, r.bottom - max(3, r.height // 8), r.width, max(3, r.height // 8))
    pygame.draw.rect(s, shade(colour, edge), low, border_bottom_left_radius=radius,
                     border_bottom_right_radius=radius)


def room(s: pygame.Surface, wall: tuple[Colour, Colour], floor: tuple[Colour, Colour],
         horizon: int = 500) -> None:
    vgrad(s, (0, 0, W, horizon), *wall)
    vgrad(s, (0, horizon, W, H - horizon), *floor)
    s.fill(shade(wall[1], -0.3), (0, horizon - 10, W, 10))


def window(s: pygame.Surface, rect: tuple[int, int, int, int], sky: tuple[Colour, Colour],
           frame: Colour, panes: tuple[int, int] = (2, 2)) -> pygame.Rect:
    r = pygame.Rect(rect)
    vgrad(s, r, *sky)
    for i in range(1, panes[0]):
        x = r.x + r.width * i // panes[0]
        s.fill(frame, (x - 4, r.y, 8, r.height))
    for j in range(1, panes[1]):
        y = r.y + r.height * j // panes[1]
        s.fill(frame, (r.x, y - 4, r.width, 8))
    pygame.draw.rect(s, frame, r.inflate(20, 20), 12, border_radius=4)
    s.fill(shade(frame, -0.15), (r.x - 22, r.bottom + 8, r.width + 44, 14))
    return r


def shelf(s: pygame.Surface, rect: tuple[int, int, int, int], wood: Colour,
          rng: random.Random, rows: int = 4, palette: list[Colour] | None = None) -> None:
    r = pygame.Rect(rect)
    box(s, (r.x, r.y, r.width, r.height), shade(wood, -0.25), 4)
    colours = palette or [(168, 92, 84), (92, 124, 150), (196, 164, 98), (110, 146, 116),
                          (140, 110, 150), (214, 200, 176), (80, 90, 110)]
    gap = r.height // rows
    for row in range(rows):
        y = r.y + row * gap
        s.fill(wood, (r.x, y + gap - 10, r.width, 10))
        x = r.x + 10
        while x < r.right - 24:
            bw = rng.randint(10, 22)
            bh = rng.randint(gap * 5 // 10, gap - 18)
            if rng.random() < 0.08:
                x += bw
                continue
            box(s, (x, y + gap - 10 - bh, bw, bh), rng.choice(colours), 2, -0.2)
            x += bw + 2


def plant(s: pygame.Surface, base: tuple[int, int], size: int, pot: Colour,
          leaf: Colour) -> None:
    x, y = base
    pygame.draw.polygon(s, pot, [(x - size // 2, y - size // 2), (x + size // 2, y - size // 2),
                                 (x + size // 3, y), (x - size // 3, y)])
    for i, (dx, dy) in enumerate(((-0.6, -1.3), (0.5, -1.4), (0, -1.8), (-0.9, -0.9),
                                  (0.9, -1.0))):
        c = shade(leaf, 0.1 * (i % 3) - 0.1)
        pygame.draw.ellipse(s, c, (x + dx * size - size * 0.35, y + dy * size - size * 0.2,
                                   size * 0.7, size * 0.9))


def perspective(s: pygame.Surface, back: pygame.Rect, wall: tuple[Colour, Colour],
                floor: Colour, ceiling: Colour, end: Colour) -> None:
    """A one-point corridor: ceiling, floor and side walls meeting a lit back wall."""
    vgrad(s, (0, 0, W, H), *wall)
    pygame.draw.polygon(s, ceiling, [(0, 0), (W, 0), back.topright, back.topleft])
    pygame.draw.polygon(s, floor, [(0, H), (W, H), back.bottomright, back.bottomleft])
    left = shade(wall[0], -0.08)
    pygame.draw.polygon(s, left, [(0, 0), back.topleft, back.bottomleft, (0, H)])
    pygame.draw.polygon(s, shade(wall[0], -0.16), [(W, 0), back.topright, back.bottomright,
                                                   (W, H)])
    vgrad(s, back, shade(end, 0.1), end)


def side_rect(back: pygame.Rect, side: int, near: float, far: float, top: float,
              bottom: float) -> list[tuple[float, float]]:
    """A rectangle standing on a corridor's side wall, as a polygon.

    `near`/`far` run from 0 (the viewer) to 1 (the back wall); `top`/`bottom` from 0
    (ceiling) to 1 (floor). `side` is -1 for left, 1 for right."""
    def point(d: float, v: float) -> tuple[float, float]:
        x0 = 0 if side < 0 else W
        bx = back.left if side < 0 else back.right
        x = x0 + (bx - x0) * d
        y_top = 0 + (back.top - 0) * d
        y_bot = H + (back.bottom - H) * d
        return x, y_top + (y_bot - y_top) * v
    return [point(near, top), point(far, top), point(far, bottom), point(near, bottom)]


def skyline(s: pygame.Surface, base: int, colour: Colour, rng: random.Random,
            lit: Colour | None = None, height: tuple[int, int] = (60, 220)) -> None:
    x = -20
    while x < W:
        w = rng.randint(50, 130)
        h = rng.randint(*height)
        s.fill(colour, (x, base - h, w, h + 400))
        if lit is not None:
            for wy in range(base - h + 14, base - 10, 22):
                for wx in range(x + 10, x + w - 12, 18):
                    if rng.random() < 0.28:
                        s.fill(lit, (wx, wy, 8, 11))
        x += w + rng.randint(0, 12)


def hills(s: pygame.Surface, y: int, amp: int, colour: Colour, rng: random.Random) -> None:
    phase, freq = rng.random() * 6.28, rng.uniform(0.004, 0.008)
    pts = [(x, y - amp * (0.5 + 0.5 * math.sin(x * freq + phase))
            - amp * 0.3 * math.sin(x * freq * 2.7 + phase * 2)) for x in range(0, W + 20, 20)]
    pygame.draw.polygon(s, colour, [(0, H), *pts, (W, H)])


def tree(s: pygame.Surface, base: tuple[int, int], size: int, leaf: Colour,
         trunk: Colour, rng: random.Random) -> None:
    x, y = base
    s.fill(trunk, (x - size // 12, y - size, size // 6, size))
    for _ in range(9):
        dx, dy = rng.uniform(-0.45, 0.45) * size, rng.uniform(-1.45, -0.75) * size
        r = rng.uniform(0.25, 0.38) * size
        pygame.draw.circle(s, shade(leaf, rng.uniform(-0.12, 0.1)), (x + dx, y + dy), r)
