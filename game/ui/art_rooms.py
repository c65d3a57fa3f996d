"""Painted interiors: each function paints one 1280x720 background."""

from __future__ import annotations

import random

import pygame

from game.ui.art_paint import (
    H,
    W,
    box,
    glow,
    plant,
    room,
    shade,
    shelf,
    skyline,
    vgrad,
    window,
)

DAY = ((156, 196, 222), (232, 220, 200))
DUSK = ((92, 96, 150), (236, 168, 132))
NIGHT = ((22, 28, 58), (58, 62, 104))


def kitchen(s: pygame.Surface, rng: random.Random) -> None:
    room(s, ((238, 226, 204), (222, 206, 180)), ((186, 160, 130), (150, 124, 98)), 520)
    window(s, (470, 90, 340, 230), DAY, (246, 240, 228))
    glow(s, (640, 200), 380, (70, 60, 40), 60)
    for x in range(60, 1240, 200):  # upper cabinets
        if not 430 < x < 830:
            box(s, (x, 70, 180, 170), (150, 176, 164), 8)
            s.fill((228, 220, 200), (x + 80, 200, 20, 6))
    box(s, (0, 400, W, 22), (226, 214, 194), 4)  # worktop
    for x in range(20, 1260, 210):
        box(s, (x, 424, 196, 100), (140, 168, 156), 6)
        s.fill((226, 216, 196), (x + 88, 440, 20, 6))
    pygame.draw.ellipse(s, (196, 110, 90), (880, 346, 80, 60))  # kettle
    s.fill((120, 70, 60), (912, 336, 20, 12))
    plant(s, (300, 400), 70, (214, 150, 120), (96, 146, 110))
    pygame.draw.line(s, (80, 70, 64), (1000, 0), (1000, 110), 3)
    pygame.draw.polygon(s, (232, 190, 120), [(960, 150), (1040, 150), (1016, 110), (984, 110)])
    glow(s, (1000, 170), 160, (120, 90, 40), 90)


def living_room(s: pygame.Surface, rng: random.Random) -> None:
    room(s, ((104, 126, 132), (84, 104, 112)), ((120, 92, 76), (84, 62, 52)), 500)
    window(s, (120, 90, 380, 280), DUSK, (226, 220, 210), (3, 2))
    shelf(s, (900, 120, 300, 380), (150, 118, 92), rng, 4)
    box(s, (560, 150, 140, 110), (226, 214, 196), 4)  # picture
    vgrad(s, (572, 162, 116, 86), (236, 176, 130), (120, 150, 160))
    pygame.draw.ellipse(s, (170, 120, 100), (160, 560, 900, 130))  # rug
    box(s, (220, 400, 560, 150), (196, 140, 112), 28)  # sofa
    box(s, (190, 440, 70, 120), (178, 124, 98), 22)
    box(s, (740, 440, 70, 120), (178, 124, 98), 22)
    for x in (270, 430, 590):
        box(s, (x, 420, 150, 70), (214, 164, 134), 20)
    s.fill((60, 52, 48), (850, 170, 6, 400))  # floor lamp
    pygame.draw.polygon(s, (240, 214, 168), [(810, 160), (896, 160), (876, 110), (830, 110)])
    glow(s, (853, 180), 260, (130, 100, 50), 110)


def cafe(s: pygame.Surface, rng: random.Random) -> None:
    room(s, ((176, 132, 104), (148, 106, 84)), ((110, 80, 62), (74, 52, 42)), 470)
    win = window(s, (60, 80, 560, 300), ((186, 208, 220), (226, 214, 196)), (70, 52, 44), (3, 1))
    for x in range(win.x, win.right, 90):  # the street outside
        s.fill((200, 190, 180), (x, win.bottom - 90, 70, 90))
    box(s, (760, 90, 380, 200), (54, 62, 58), 8)  # chalkboard
    for i in range(5):
        s.fill((220, 220, 210), (790, 120 + i * 32, rng.randint(120, 300), 5))
    box(s, (680, 360, 600, 150), (120, 84, 64), 8)  # counter
    s.fill((200, 170, 140), (680, 356, 600, 14))
    for x in (760, 960, 1160):
        pygame.draw.line(s, (60, 50, 44), (x, 0), (x, 70), 2)
        pygame.draw.polygon(s, (240, 200, 130), [(x - 34, 96), (x + 34, 96), (x + 16, 70),
                                                 (x - 16, 70)])
        glow(s, (x, 110), 170, (120, 90, 40), 100)
    for x in (180, 470):
        pygame.draw.ellipse(s, (214, 196, 170), (x - 90, 540, 180, 40))
        s.fill((70, 56, 48), (x - 6, 570, 12, 120))
        pygame.draw.ellipse(s, (240, 236, 228), (x - 20, 524, 40, 24))


def bar(s: pygame.Surface, rng: random.Random) -> None:
    room(s, ((60, 40, 44), (44, 30, 34)), ((52, 36, 34), (30, 20, 22)), 480)
    for row, y in enumerate((110, 210, 310)):
        s.fill((110, 76, 54), (120, y + 70, 1040, 10))
        x = 140 + row * 17
        while x < 1130:
            c = rng.choice([(120, 160, 120), (180, 120, 70), (150, 70, 80), (200, 190, 150)])
            h = rng.randint(44, 66)
            box(s, (x, y + 70 - h, 20, h), c, 5, -0.3)
            s.fill(shade(c, 0.4), (x + 4, y + 72 - h, 4, h // 2))
            x += rng.randint(28, 44)
    for x in (300, 640, 980):
        glow(s, (x, 150), 260, (110, 70, 30), 110)
    box(s, (0, 450, W, 40), (130, 84, 56), 6)  # counter top
    vgrad(s, (0, 490, W, 230), (84, 52, 38), (40, 26, 22))
    for x in (220, 520, 820, 1120):
        pygame.draw.ellipse(s, (70, 46, 40), (x - 50, 560, 100, 26))
        s.fill((40, 30, 30), (x - 4, 586, 8, 134))


def office(s: pygame.Surface, rng: random.Random) -> None:
    room(s, ((206, 214, 222), (184, 192, 204)), ((134, 140, 150), (104, 110, 120)), 470)
    for i in range(3):
        r = window(s, (80 + i * 400, 70, 320, 250), ((170, 200, 226), (214, 224, 232)),
                   (226, 230, 236), (2, 1))
        sub = s.subsurface(r)
        skyline(sub, r.height - 10, (150, 170, 190), rng, None, (40, 150))
    for x in (120, 520, 920):
        box(s, (x, 420, 300, 24), (220, 212, 196), 4)  # desk
        s.fill((90, 90, 100), (x + 20, 444, 10, 120))
        s.fill((90, 90, 100), (x + 270, 444, 10, 120))
        box(s, (x + 90, 330, 130, 84), (50, 56, 66), 6)  # monitor
        vgrad(s, (x + 98, 338, 114, 68), (120, 160, 190), (80, 110, 150))
        s.fill((70, 70, 80), (x + 148, 414, 14, 8))
    plant(s, (1170, 470), 90, (230, 230, 230), (90, 140, 100))


def classroom(s: pygame.Surface, rng: random.Random) -> None:
    room(s, ((226, 214, 176), (208, 196, 160)), ((170, 140, 110), (130, 104, 82)), 460)
    box(s, (340, 80, 600, 250), (64, 96, 80), 8)  # chalkboard
    pygame.draw.rect(s, (150, 120, 90), (340, 80, 600, 250), 10, border_radius=8)
    for i in range(4):
        s.fill((226, 230, 220), (380, 120 + i * 44, rng.randint(180, 460), 4))
    window(s, (60, 90, 200, 260), DAY, (240, 236, 226), (1, 2))
    window(s, (1020, 90, 200, 260), DAY, (240, 236, 226), (1, 2))
    pygame.draw.circle(s, (244, 240, 230), (640, 46), 24)
    pygame.draw.line(s, (60, 60, 60), (640, 46), (640, 30), 3)
    pygame.draw.line(s, (60, 60, 60), (640, 46), (652, 50), 3)
    for row, y in enumerate((500, 600)):
        for i in range(4 - row % 2):
            x = 110 + i * 300 + row * 150
            box(s, (x, y, 220, 20), (196, 160, 118), 4)
            s.fill((90, 90, 90), (x + 14, y + 20, 8, 90))
            s.fill((90, 90, 90), (x + 198, y + 20, 8, 90))


def climbing_wall(s: pygame.Surface, rng: random.Random) -> None:
    vgrad(s, (0, 0, W, H), (200, 196, 188), (150, 146, 140))
    for i in range(7):  # angled panels
        x = i * 190 - 40
        c = (186, 180, 170) if i % 2 else (206, 200, 190)
        pygame.draw.polygon(s, c, [(x, 0), (x + 190, 0), (x + 220, 600), (x + 20, 600)])
    holds = [(236, 120, 100), (110, 170, 210), (240, 200, 90), (120, 190, 140), (170, 120, 200)]
    for _ in range(90):
        x, y = rng.randint(20, 1260), rng.randint(20, 560)
        r = rng.randint(8, 18)
        c = rng.choice(holds)
        pygame.draw.circle(s, shade(c, -0.3), (x + 2, y + 3), r)
        pygame.draw.circle(s, c, (x, y), r)
    box(s, (0, 600, W, 120), (60, 80, 120), 20)  # crash mats
    for x in range(0, W, 320):
        s.fill((48, 64, 100), (x, 600, 6, 120))
    for x in (200, 640, 1080):
        glow(s, (x, 0), 300, (60, 56, 40), 80)


def bedroom(s: pygame.Surface, rng: random.Random) -> None:
    room(s, ((140, 128, 162), (116, 104, 140)), ((110, 88, 84), (80, 62, 62)), 500)
    window(s, (820, 80, 300, 280), NIGHT, (200, 196, 214), (2, 2))
    pygame.draw.circle(s, (240, 236, 210), (1050, 150), 26)
    glow(s, (1050, 150), 120, (50, 50, 60), 80)
    for _ in range(20):
        s.fill((220, 220, 240), (rng.randint(830, 1110), rng.randint(90, 350), 2, 2))
    box(s, (120, 120, 180, 240), (220, 170, 150), 6)  # poster
    vgrad(s, (134, 134, 152, 212), (240, 190, 150), (110, 120, 170))
    box(s, (140, 420, 600, 180), (236, 228, 240), 24)  # bed
    box(s, (120, 360, 40, 250), (120, 90, 80), 8)
    box(s, (160, 400, 200, 70), (250, 246, 250), 26)  # pillow
    box(s, (330, 460, 420, 150), (150, 170, 210), 28)  # duvet
    box(s, (780, 480, 120, 120), (140, 104, 90), 6)  # bedside table
    pygame.draw.polygon(s, (250, 220, 170), [(800, 420), (880, 420), (862, 380), (818, 380)])
    s.fill((90, 80, 80), (836, 420, 8, 60))
    glow(s, (840, 420), 220, (140, 100, 50), 120)


def library(s: pygame.Surface, rng: random.Random) -> None:
    room(s, ((120, 96, 76), (98, 78, 62)), ((94, 70, 56), (62, 46, 38)), 540)
    muted = [(140, 70, 60), (70, 90, 110), (170, 140, 90), (90, 110, 80), (120, 90, 120),
             (190, 176, 150)]
    for x in (20, 300, 880, 1040):
        shelf(s, (x, 40, 240 if x < 880 else 150, 500), (130, 96, 70), rng, 5, muted)
    r = pygame.Rect(560, 60, 300, 360)  # arched window
    vgrad(s, r, (150, 176, 200), (220, 210, 186))
    pygame.draw.ellipse(s, (150, 176, 200), (r.x, r.y - 150, r.width, 300))
    pygame.draw.rect(s, (110, 82, 60), r, 10)
    s.fill((110, 82, 60), (r.centerx - 5, r.y, 10, r.height))
    box(s, (380, 520, 560, 30), (140, 100, 70), 6)  # reading table
    for x in (420, 880):
        s.fill((90, 66, 50), (x, 550, 14, 170))
    s.fill((60, 60, 50), (650, 470, 6, 52))
    pygame.draw.polygon(s, (110, 150, 110), [(610, 470), (700, 470), (684, 440), (626, 440)])
    glow(s, (655, 480), 240, (140, 110, 50), 120)


def car(s: pygame.Surface, rng: random.Random) -> None:
    vgrad(s, (0, 0, W, 470), (18, 22, 44), (54, 52, 86))
    for _ in range(12):  # lights on the road ahead
        x, y = rng.randint(200, 1080), rng.randint(330, 440)
        glow(s, (x, y), rng.randint(16, 40), rng.choice([(120, 90, 40), (120, 40, 40)]), 140)
    pygame.draw.polygon(s, (40, 40, 50), [(560, 470), (720, 470), (1080, 720), (200, 720)])
    frame = (24, 24, 30)
    pygame.draw.polygon(s, frame, [(0, 0), (180, 0), (60, 470), (0, 470)])
    pygame.draw.polygon(s, frame, [(1280, 0), (1100, 0), (1220, 470), (1280, 470)])
    s.fill(frame, (0, 0, W, 40))
    vgrad(s, (0, 450, W, 270), (44, 42, 52), (20, 20, 26))  # dashboard
    pygame.draw.circle(s, (30, 30, 36), (380, 720), 230, 34)  # steering wheel
    for x in (300, 420):
        pygame.draw.circle(s, (60, 90, 120), (x, 520), 34, 4)
        glow(s, (x, 520), 60, (30, 50, 70), 120)
    box(s, (760, 500, 200, 90), (30, 36, 48), 10)
    vgrad(s, (772, 512, 176, 66), (70, 110, 150), (40, 70, 110))
