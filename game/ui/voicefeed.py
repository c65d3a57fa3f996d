"""What self-voicing reads: the window's screens described as sentences, fed to the queue.

The feed looks at the top screen after every step and speaks only what changed: a new line
of the story (cutting off the one before, as a reader moves on), then the focused choice or
button whenever focus moves, by key, by Tab or under the mouse. Screens are read, never
changed, so the feed can watch every screen without any of them knowing about it.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, cast

from game.ui.screen import Screen
from game.ui.voice import SpeechQueue
from game.ui.widgets import Menu

if TYPE_CHECKING:
    from game.ui.screens.ending import EndingScreen
    from game.ui.screens.help import HelpScreen
    from game.ui.screens.hint import HintScreen
    from game.ui.screens.scene import SceneScreen

TITLES = {"title": "Confide. Title screen.", "picker": "Choose a story.",
          "pause": "Paused.", "settings": "Settings.", "saves": "Saves.",
          "history": "History.", "comforts": "Reading, voice and sound.",
          "hint": "Before you start.", "debrief": "Debrief.", "compare": "Compare branches."}


class VoiceFeed:
    def __init__(self) -> None:
        self.content: Hashable = None
        self.focus: Hashable = None

    def reset(self) -> None:
        """Read the current screen again from the start (self-voicing just came on)."""
        self.content = self.focus = None

    def observe(self, top: Screen, queue: SpeechQueue) -> None:
        key, texts = content(top)
        fresh = key != self.content
        if fresh:
            self.content = key
            for i, text in enumerate(texts):
                queue.say(text, interrupt=i == 0)
        fkey, ftext = focus(top)
        if fkey != self.focus:
            self.focus = fkey
            if ftext:
                queue.say(ftext, interrupt=not fresh)


def content(top: Screen) -> tuple[Hashable, list[str]]:
    """A key that changes when the screen shows something new, and what to read then.
    Screens are told apart by name first, so no story module loads before a story does."""
    if top.name == "scene":
        return _scene(cast("SceneScreen", top))
    if top.name == "help":
        help_screen = cast("HelpScreen", top)
        return (top, help_screen.page), ["Help.", *help_screen.text()]
    if top.name == "hint":
        return top, ["Before you start.", *cast("HintScreen", top).lines]
    if top.name == "ending":
        return top, _ending(cast("EndingScreen", top))
    return top, [TITLES.get(top.name, "")]


def _ending(top: EndingScreen) -> list[str]:
    from game.ui.screens.ending import OUTCOMES  # lazy: start-up (the runtime, pydantic)

    ending = top.scene.view.ending
    if ending is None:
        return []
    return [OUTCOMES.get(ending.outcome, ""), ending.title, ending.reflection]


def _scene(s: SceneScreen) -> tuple[Hashable, list[str]]:
    line = s.line
    if s.choosing:
        n = len(s.view.choices)
        return (s, "choices", id(s.view)), [f"{n} choice{'s' * (n != 1)}."]
    if line is None:
        return (s, None), []
    said = line.text if line.speaker == "narrator" or not line.name else \
        f"{line.name}: {line.text}"
    return (s, id(line), len(s.queue)), [said]


def focus(top: Screen) -> tuple[Hashable, str]:
    """The focused control and how to read it; ("", "") when nothing has focus."""
    menu = getattr(top, "menu", None)
    if not isinstance(menu, Menu):
        return None, ""
    i = menu.focus
    if not isinstance(i, int) or not 0 <= i < len(menu.items):
        return (top, None), ""
    if top.name == "scene":
        scene = cast("SceneScreen", top)
        if not scene.choosing:
            return (top, None), ""
        return (top, id(scene.view), i), choice_text(scene, i)
    item = menu.items[i]
    value = f": {item.value}" if item.value else ""
    state = "" if item.enabled else ", unavailable"
    return (top, i, item.label, item.value), f"{item.label}{value}{state}"


def choice_text(s: SceneScreen, i: int) -> str:
    from game.ui.screens.scene_draw import tag_text  # lazy: start-up (the runtime)

    c = s.view.choices[i]
    tag = tag_text(c, s.depth_shown).replace("  ·  ", ", ").lower()
    return f"{i + 1}. {tag + ': ' if tag else ''}{c.label}"
