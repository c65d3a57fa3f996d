"""Painted corridors and outdoor places: each function paints one 1280x720 background."""

from __future__ import annotations

import random

import pygame

from game.ui.art_paint import (
    H,
    W,
    box,
    glow,
    hills,
    mix,
    perspective,
    plant,
    shade,
    side_rect,
    skyline,
    tree,
    vgrad,
)

BACK = pygame.Rect(520, 230, 240, 250)


def _doors(s: pygame.Surface, colour: pygame.Color | tuple[int, int, int],
           spots: tuple[float, ...], top: float = 0.18) -> None:
    for side in (-1, 1):
        for d in spots:
            pygame.draw.polygon(s, colour, side_rect(BACK, side, d, d + 0.12, top, 1.0))


def hallway(s: pygame.Surface, rng: random.Random) -> None:
    perspective(s, BACK, ((214, 196, 170), (196, 176, 150)), (150, 116, 88), (232, 222, 206),
                (250, 226, 180))
    box(s, (600, 300, 80, 180), (150, 110, 84), 4)  # door at the end, ajar
    glow(s, (640, 380), 260, (110, 90, 50), 90)
    _doors(s, (160, 122, 94), (0.25, 0.62))
    pygame.draw.polygon(s, (150, 80, 70), [(470, H), (810, H), (690, 480), (590, 480)])  # runner
    for x in (330, 380, 430):  # coat hooks and coats
        pygame.draw.circle(s, (80, 70, 60), (x, 250), 6)
        pygame.draw.ellipse(s, rng.choice([(90, 110, 130), (150, 120, 90), (120, 80, 80)]),
                            (x - 24, 256, 48, 150))
    for y in (40, 150):
        glow(s, (640, y), 140, (90, 80, 50), 90)


def school_corridor(s: pygame.Surface, rng: random.Random) -> None:
    perspective(s, BACK, ((200, 210, 214), (180, 192, 198)), (150, 160, 150), (226, 230, 230),
                (236, 236, 226))
    colours = [(90, 130, 170), (110, 150, 130), (200, 140, 90)]
    for side in (-1, 1):
        for i in range(12):
            d = i * 0.075
            c = colours[(i // 4 + (side > 0)) % 3]
            pygame.draw.polygon(s, shade(c, -0.05 * (i % 2)),
                                side_rect(BACK, side, d, d + 0.07, 0.3, 0.92))
    for i in range(4):
        y = 10 + i * 40
        glow(s, (640, y + 20), 110 - i * 16, (80, 80, 70), 90)
    window = BACK.inflate(-80, -110)
    vgrad(s, window, (170, 200, 226), (230, 226, 210))


def hospital_corridor(s: pygame.Surface, rng: random.Random) -> None:
    perspective(s, BACK, ((204, 226, 220), (186, 210, 204)), (176, 196, 192), (236, 242, 240),
                (240, 246, 246))
    for side in (-1, 1):
        rail = side_rect(BACK, side, 0.0, 1.0, 0.55, 0.57)
        pygame.draw.polygon(s, (150, 176, 180), rail)
    _doors(s, (150, 186, 190), (0.2, 0.55), 0.22)
    for x in (90, 170, 250):  # waiting chairs
        box(s, (x, 560, 66, 60), (96, 140, 160), 10)
        box(s, (x, 500, 66, 64), (110, 156, 176), 10)
    for i in range(4):
        glow(s, (640, 20 + i * 45), 120 - i * 18, (60, 80, 80), 80)


def station(s: pygame.Surface, rng: random.Random) -> None:
    vgrad(s, (0, 0, W, 420), (96, 104, 150), (236, 176, 140))
    skyline(s, 420, (110, 104, 130), rng, None, (20, 90))
    pygame.draw.polygon(s, (150, 146, 150), [(0, 420), (560, 420), (300, H), (0, H)])  # platform
    s.fill((226, 200, 90), (0, 0, 1, 1))
    pygame.draw.polygon(s, (236, 206, 96), [(540, 420), (556, 420), (290, H), (250, H)])
    pygame.draw.polygon(s, (70, 64, 70), [(560, 420), (1280, 420), (1280, H), (300, H)])
    for k in range(12):  # sleepers and rails
        t = k / 12
        y = 420 + (H - 420) * t * t
        x0, x1 = 560 + (300 - 560) * t * t, 1280
        pygame.draw.line(s, (96, 80, 70), (x0 + 60, y), (x1, y), 3 + k // 2)
    for off in (160, 520):
        pygame.draw.line(s, (180, 180, 190), (640 + off // 4, 420), (560 + off, H), 4)
    s.fill((60, 60, 72), (0, 0, W, 60))  # canopy
    for x in (120, 420):
        s.fill((70, 70, 82), (x, 60, 14, 380))
    box(s, (160, 120, 240, 70), (34, 38, 48), 6)  # departures board
    for i in range(3):
        s.fill((240, 190, 90), (176, 134 + i * 18, rng.randint(120, 200), 7))
    pygame.draw.circle(s, (240, 236, 228), (560, 130), 30)
    pygame.draw.circle(s, (60, 60, 70), (560, 130), 30, 4)


def park(s: pygame.Surface, rng: random.Random) -> None:
    vgrad(s, (0, 0, W, 420), (150, 190, 222), (226, 228, 214))
    glow(s, (1000, 110), 220, (80, 70, 40), 90)
    hills(s, 360, 70, (156, 184, 160), rng)
    hills(s, 430, 50, (120, 164, 120), rng)
    vgrad(s, (0, 470, W, 250), (118, 168, 108), (86, 132, 84))
    pygame.draw.polygon(s, (214, 200, 170), [(560, 470), (700, 470), (1000, H), (240, H)])
    for x, y, size in ((120, 520, 200), (330, 480, 140), (980, 500, 170), (1180, 540, 230)):
        tree(s, (x, y), size, (92, 140, 92), (96, 74, 60), rng)
    box(s, (760, 560, 200, 22), (150, 110, 80), 6)  # bench
    box(s, (760, 520, 200, 16), (150, 110, 80), 6)
    for x in (774, 936):
        s.fill((70, 60, 56), (x, 582, 10, 50))


def street_night(s: pygame.Surface, rng: random.Random) -> None:
    vgrad(s, (0, 0, W, 480), (16, 20, 46), (64, 56, 96))
    skyline(s, 470, (40, 40, 66), rng, (236, 200, 120), (120, 360))
    vgrad(s, (0, 470, W, 250), (50, 48, 66), (26, 26, 36))  # wet road
    for x in (160, 560, 960):
        s.fill((30, 30, 40), (x - 5, 200, 10, 290))
        pygame.draw.ellipse(s, (250, 226, 170), (x - 22, 190, 44, 18))
        glow(s, (x, 210), 200, (120, 96, 50), 120)
        glow(s, (x, 600), 90, (70, 56, 30), 90)  # reflection
    for i in range(10):
        s.fill((120, 110, 100), (i * 140 + 30, 600, 70, 6))


def rooftop(s: pygame.Surface, rng: random.Random) -> None:
    vgrad(s, (0, 0, W, 520), (60, 70, 130), (240, 160, 120))
    glow(s, (300, 470), 300, (90, 50, 30), 110)
    skyline(s, 520, (70, 62, 96), rng, (246, 206, 140), (80, 260))
    vgrad(s, (0, 520, W, 200), (96, 86, 96), (62, 56, 66))  # roof
    for x in range(0, W, 60):  # railing
        s.fill((40, 36, 48), (x, 450, 6, 80))
    s.fill((40, 36, 48), (0, 446, W, 8))
    pts = [(x, 90 + 30 * ((x / 213) % 1 - 0.5) ** 2 * 4) for x in range(0, W + 1, 40)]
    pygame.draw.lines(s, (30, 28, 40), False, pts, 2)
    for x, y in pts[1::2]:
        glow(s, (int(x), int(y) + 6), 36, (150, 120, 60), 160)
    box(s, (900, 560, 260, 70), (120, 90, 80), 16)  # bench with cushions
    plant(s, (200, 640), 110, (170, 110, 90), (90, 130, 96))


def lake(s: pygame.Surface, rng: random.Random) -> None:
    sky_top, sky_low = (118, 136, 190), (246, 196, 160)
    vgrad(s, (0, 0, W, 400), sky_top, sky_low)
    glow(s, (880, 360), 260, (110, 70, 40), 110)
    hills(s, 380, 60, (120, 120, 160), rng)
    hills(s, 400, 30, (96, 108, 140), rng)
    vgrad(s, (0, 400, W, 320), mix(sky_low, (120, 140, 170), 0.3), (70, 86, 120))
    for i in range(40):  # glints on the water
        y = 410 + i * 8
        w = rng.randint(40, 220)
        s.fill(mix((250, 214, 180), (150, 160, 190), i / 40), (880 - w // 2 + rng.randint(-60, 60),
                                                             y, w, 2))
    pygame.draw.polygon(s, (110, 86, 70), [(0, 600), (420, 560), (430, 580), (0, 640)])  # jetty
    for x in range(40, 420, 80):
        s.fill((80, 62, 52), (x, 580, 8, 100))
    for _ in range(40):  # reeds
        x = rng.randint(1000, 1280)
        tip = (x + rng.randint(-20, 20), H - rng.randint(60, 180))
        pygame.draw.line(s, (70, 90, 70), (x, H), tip, 3)
