"""What full-screen menus are painted on, shared by the title, settings, saves, help and
error screens: the painted lake, or the story's place while one is open."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.ui.theme import Theme
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
