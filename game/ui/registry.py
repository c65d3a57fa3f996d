"""The window's screens by name: the one place that knows their classes (see `App.push_screen`)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import cast

from game.ui.screen import Screen

# The screens by name, the only place that knows their classes: a screen opens another with
# `app.push_screen("pause")`, as in textual, so no screen module imports another. Each module
# is imported when its screen first opens (the scene's pulls in the runtime and pydantic, which
# the title screen must not wait for).
SCREENS: dict[str, str] = {
    "title": "game.ui.screens.title:TitleScreen",
    "picker": "game.ui.screens.title:PickerScreen",
    "scene": "game.ui.screens.scene:SceneScreen",
    "classroom": "game.ui.classroom:ClassroomScene",
    "pause": "game.ui.screens.pause:PauseScreen",
    "history": "game.ui.screens.history:HistoryScreen",
    "ending": "game.ui.screens.ending:EndingScreen",
    "debrief": "game.ui.screens.debrief:DebriefScreen",
    "compare": "game.ui.screens.compare:CompareScreen",
    "saves": "game.ui.screens.saves:SavesScreen",
    "settings": "game.ui.screens.settings:SettingsScreen",
    "comforts": "game.ui.screens.comfort_settings:ComfortSettingsScreen",
    "help": "game.ui.screens.help:HelpScreen",
    "hint": "game.ui.screens.hint:HintScreen",
    "dialog": "game.ui.screens.dialog:DialogScreen",
    "error": "game.ui.screens.errors:ErrorScreen",
    "why": "game.ui.screens.why:WhyScreen",
}


def screen_class(name: str) -> Callable[..., Screen]:
    """The class registered as `name`; KeyError for a name no screen has."""
    module, _, cls = SCREENS[name].partition(":")
    return cast("Callable[..., Screen]", getattr(importlib.import_module(module), cls))
