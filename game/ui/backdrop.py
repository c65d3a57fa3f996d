"""What full-screen menus are painted on, shared by the title, settings, saves, help and
error screens: the painted lake, or the story's place while one is open; and the window's
icon, the same onion as the title's emblem."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.ui.theme import Palette, Theme
from game.ui.widgets import dim

if TYPE_CHECKING:
    from game.ui.app import App

TITLE_ART = "backgrounds/lake.png"


def backdrop(surf: pygame.Surface, app: App, veil: int = 120) -> None:
    """The painted lake behind the title screens, or a plain gradient without it."""
    images = app.images
    if images.exists(TITLE_ART, Path(".")):
        surf.blit(images.background(TITLE_ART, Path(".")), (0, 0))
        dim(surf, veil)
    else:
        surf.blit(images.plain(app.theme.palette.backdrop), (0, 0))


def window_icon(p: Palette, size: int = 32) -> pygame.Surface:
    """The onion's four layers, surface to core. Given to pygame before the window opens,
    it also spares pygame loading its own default icon (a tenth of the first frame's time)."""
    icon = pygame.Surface((size, size), pygame.SRCALPHA)
    for ring in range(4):
        k = (ring + 1) / 4
        colour = tuple(round(a + (b - a) * k) for a, b in zip(p.panel, p.accent, strict=True))
        pygame.draw.circle(icon, (*colour, 255), (size // 2, size // 2),
                           round(size / 2 * (4 - ring) / 4))
    return icon


def fit(t: Theme, text: str, size: int, width: int) -> str:
    """`text`, shortened with an ellipsis until it is at most `width` pixels wide."""
    if t.font(size).size(text)[0] <= width:
        return text
    while text and t.font(size).size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


def behind(surf: pygame.Surface, app: App) -> None:
    """What a full-screen menu sits on: the story's place if one is open, else the lake."""
    scene = app.scene()
    if scene is not None:
        scene.draw_stage(surf)
        dim(surf, min(235, app.theme.palette.dim_alpha + 50))
    else:
        backdrop(surf, app, 170)
