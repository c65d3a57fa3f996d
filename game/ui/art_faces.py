"""Painted partner portraits: one person, four moods.

The look comes from the partner's colour (clothes) and a hash of the id (skin, hair colour,
hair style, face shape), so partners differ and a partner always looks the same. Moods
change the brows, eyes, mouth and a light tint. Painted at twice the size and scaled down
for smooth edges.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pygame

from game.ui.art_paint import Colour, mix, shade

SIZE = (420, 560)
K = 2  # supersampling factor
SKINS = [(246, 214, 190), (232, 190, 160), (204, 154, 118), (170, 118, 86), (128, 86, 62),
         (98, 66, 50)]
HAIRS = [(44, 34, 32), (92, 62, 44), (150, 104, 62), (214, 180, 122), (120, 56, 40),
         (160, 160, 168), (30, 30, 40)]
MOODS = ("neutral", "warm", "guarded", "hurt")
TINTS = {"neutral": (255, 255, 255), "warm": (255, 244, 230), "guarded": (226, 230, 240),
         "hurt": (222, 228, 248)}


@dataclass(frozen=True, slots=True)
class Look:
    clothes: Colour
    skin: Colour
    hair: Colour
    style: int  # 0 short, 1 long, 2 bun, 3 curly, 4 bob
    face_w: int
    face_h: int
    eye: Colour


@dataclass(frozen=True, slots=True)
class Mood:
    brow_raise: float
    brow_tilt: float  # + lifts the inner ends (worry), - lowers them (frown)
    eye_open: float
    gaze: tuple[float, float]
    mouth: float  # + smile, - frown
    mouth_w: float
    blush: bool


MOOD_SHAPES = {
    "neutral": Mood(0, 0, 1.0, (0, 0), 0.25, 1.0, False),
    "warm": Mood(5, 2, 0.75, (0, 0), 1.0, 1.15, True),
    "guarded": Mood(-5, -6, 0.6, (0.5, 0), -0.05, 0.75, False),
    "hurt": Mood(2, 9, 0.8, (0, 0.6), -0.7, 0.85, False),
}


# Hair styles a portrait may draw from, by the partner's pronouns, so a portrait does
# not contradict how the story's text refers to the person.
STYLES_BY_PRONOUNS = {"he": (0, 3), "she": (1, 2, 3, 4)}


def look_for(pid: str, colour: str, pronouns: str = "they/them", salt: int = 0) -> Look:
    h = hashlib.sha256(f"{pid}#{salt}".encode() if salt else pid.encode()).digest()
    v = colour.lstrip("#")
    clothes = (int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16))
    eyes = [(70, 50, 40), (60, 90, 120), (70, 100, 70), (40, 36, 34)]
    styles = STYLES_BY_PRONOUNS.get(pronouns.split("/")[0].strip().lower(), (0, 1, 2, 3, 4))
    return Look(clothes, SKINS[h[0] % len(SKINS)], HAIRS[h[1] % len(HAIRS)],
                styles[h[2] % len(styles)], 180 + h[3] % 30, 220 + h[4] % 30,
                eyes[h[5] % len(eyes)])


def portrait(look: Look, mood: str) -> pygame.Surface:
    big = pygame.Surface((SIZE[0] * K, SIZE[1] * K), pygame.SRCALPHA)
    m = MOOD_SHAPES[mood]
    hair_back(big, look)
    body(big, look)
    head(big, look)
    face(big, look, m)
    hair_front(big, look)
    out = pygame.transform.smoothscale(big, SIZE)
    out.fill((*TINTS[mood], 255), special_flags=pygame.BLEND_RGBA_MULT)
    return out


def P(x: float, y: float) -> tuple[int, int]:
    return round(x * K), round(y * K)


def R(x: float, y: float, w: float, h: float) -> pygame.Rect:
    return pygame.Rect(round(x * K), round(y * K), round(w * K), round(h * K))


def hair_back(s: pygame.Surface, lk: Look) -> None:
    c = shade(lk.hair, -0.15)
    if lk.style == 1:
        pygame.draw.rect(s, c, R(210 - lk.face_w / 2 - 26, 170, lk.face_w + 52, 300),
                         border_radius=60 * K)
    elif lk.style == 3:
        for dx, dy in ((-100, 200), (100, 200), (-110, 280), (110, 280), (-80, 330), (80, 330)):
            pygame.draw.circle(s, c, P(210 + dx, dy), 50 * K)
    elif lk.style == 4:
        pygame.draw.rect(s, c, R(210 - lk.face_w / 2 - 20, 170, lk.face_w + 40, 200),
                         border_radius=50 * K)


def body(s: pygame.Surface, lk: Look) -> None:
    pygame.draw.rect(s, shade(lk.skin, -0.12), R(180, 330, 60, 110), border_radius=20 * K)
    pygame.draw.ellipse(s, lk.clothes, R(40, 420, 340, 300))
    pygame.draw.rect(s, lk.clothes, R(40, 520, 340, 60))
    pygame.draw.ellipse(s, shade(lk.clothes, -0.18), R(40, 420, 340, 300), 6 * K)
    pygame.draw.polygon(s, shade(lk.skin, -0.08), [P(176, 424), P(244, 424), P(210, 476)])
    pygame.draw.lines(s, shade(lk.clothes, 0.25), False, [P(168, 420), P(210, 480),
                                                          P(252, 420)], 5 * K)


def head(s: pygame.Surface, lk: Look) -> None:
    w, h = lk.face_w, lk.face_h
    top = 360 - h
    for side in (-1, 1):
        pygame.draw.ellipse(s, shade(lk.skin, -0.06), R(210 + side * w / 2 - 16, top + h * 0.42,
                                                        32, 50))
    pygame.draw.ellipse(s, lk.skin, R(210 - w / 2, top, w, h))


def face(s: pygame.Surface, lk: Look, m: Mood) -> None:
    top = 360 - lk.face_h
    ey = top + lk.face_h * 0.55
    dark = (46, 36, 34)
    for side in (-1, 1):
        ex = 210 + side * lk.face_w * 0.2
        eh = 25 * m.eye_open
        pygame.draw.ellipse(s, (250, 248, 244), R(ex - 18, ey - eh / 2, 36, max(4, eh)))
        if eh > 6:
            px, py = ex + m.gaze[0] * 6, ey + m.gaze[1] * 4
            pygame.draw.circle(s, lk.eye, P(px, py), min(9, eh / 2) * K)
            pygame.draw.circle(s, dark, P(px, py), min(5, eh / 3) * K)
            pygame.draw.circle(s, (255, 255, 255), P(px + 3, py - 3), 2 * K)
        lid = ey - eh / 2
        pygame.draw.line(s, dark, P(ex - 19, lid + 1), P(ex + 19, lid + 1), 3 * K)
        by = ey - 27 - m.brow_raise
        inner, outer = ex - side * 10, ex + side * 24
        pygame.draw.line(s, shade(lk.hair, -0.25), P(inner, by - m.brow_tilt),
                         P(outer, by + m.brow_tilt * 0.3), 7 * K)
        if m.blush:
            blush = pygame.Surface((50 * K, 24 * K), pygame.SRCALPHA)
            pygame.draw.ellipse(blush, (236, 120, 110, 70), blush.get_rect())
            s.blit(blush, P(ex - 25, ey + 22))
    nose = shade(lk.skin, -0.2)
    pygame.draw.lines(s, nose, False, [P(212, ey + 8), P(206, ey + 36), P(216, ey + 40)], 3 * K)
    mouth(s, lk, m, ey + 70)


def mouth(s: pygame.Surface, lk: Look, m: Mood, my: float) -> None:
    w = 30 * m.mouth_w
    pts = []
    for i in range(13):
        t = i / 12
        x = 210 - w + 2 * w * t
        y = my + m.mouth * 14 * (1 - (2 * t - 1) ** 2) - m.mouth * 4
        pts.append(P(x, y))
    lip = mix(shade(lk.skin, -0.35), (150, 70, 70), 0.4)
    pygame.draw.lines(s, lip, False, pts, 5 * K)


def hair_front(s: pygame.Surface, lk: Look) -> None:
    w, h = lk.face_w, lk.face_h
    top = 360 - h
    c = lk.hair
    cap = R(210 - w / 2 - 12, top - 16, w + 24, h * 0.46)
    pygame.draw.ellipse(s, c, cap)
    if lk.style == 3:  # curls all round
        for i in range(9):
            x = 210 - w / 2 + i * w / 8
            pygame.draw.circle(s, c, P(x, top + 14 + (i % 2) * 10), 28 * K)
    elif lk.style == 2:  # bun
        pygame.draw.circle(s, c, P(210, top - 20), 42 * K)
    # the fringe: a sweep across the forehead, which differs by style
    sweep = [P(210 - w / 2 - 6, top + h * 0.44), P(210 - w / 2 + 10, top + h * 0.14),
             P(210 + (20 if lk.style % 2 else -30), top + h * (0.27 if lk.style != 4 else 0.32)),
             P(210 + w / 2 - 4, top + h * 0.16), P(210 + w / 2 + 6, top + h * 0.44),
             P(210 + w / 2 + 6, top + h * 0.1), P(210 - w / 2 - 6, top + h * 0.1)]
    pygame.draw.polygon(s, c, sweep)
    pygame.draw.arc(s, shade(c, 0.25), R(210 - w / 2, top - 6, w, h * 0.5), 1.9, 2.7, 4 * K)
