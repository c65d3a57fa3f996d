"""The pause menu (Esc during a story): an overlay over the dimmed scene."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.screen import MenuScreen
from game.ui.scrolltext import overlay
from game.ui.theme import HEIGHT, WIDTH
from game.ui.widgets import Item, Menu

if TYPE_CHECKING:
    from game.ui.app import App


class PauseScreen(MenuScreen):
    name = "pause"
    opaque = False

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.menu = Menu([
            Item("Resume", app.pop),
            Item("Save", lambda: app.push_screen("saves", "save")),
            Item("Load", lambda: app.push_screen("saves", "load")),
            Item("History", lambda: self._scene_call("history")),
            Item("Take back last choice", lambda: self._scene_call("undo")),
            Item("Settings", lambda: app.push_screen("settings")),
            Item("Help", app.comforts.toggle_help),
            Item("Return to title", lambda: app.reset_screen("title")),
        ], on_back=app.pop)
        self.box = pygame.Rect(0, 0, 460, 0)

    def layout(self) -> None:
        n = len(self.menu.items)
        self.box = pygame.Rect(WIDTH // 2 - 230, 0, 460, 110 + n * 62)
        self.box.centery = HEIGHT // 2
        self.menu.stack(self.box.x + 40, self.box.y + 92, 380, 50, 12)

    def _scene_call(self, what: str) -> None:
        scene = self.app.scene()
        self.app.pop()
        if scene is None:
            return
        if what == "undo":
            scene.undo()
        else:
            scene.open_history()

    def draw(self, surf: pygame.Surface) -> None:
        overlay(surf, self.app.theme, self.box, "Paused")
        self.menu.draw(surf, self.app.theme, size=20)
