"""Raw pygame events turned into abstract actions, so screens never read key codes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto

import pygame

from game.letters import VOTE_LETTERS


class Act(Enum):
    CONFIRM = auto()  # Enter
    ADVANCE = auto()  # Space: finish the line or go on
    BACK = auto()  # Esc or right click
    UP = auto()
    DOWN = auto()
    LEFT = auto()
    RIGHT = auto()
    NEXT = auto()  # Tab
    PREV = auto()  # Shift+Tab
    PAGE_UP = auto()
    PAGE_DOWN = auto()
    CHOOSE = auto()  # a number key; `n` is 1-9
    UNDO = auto()  # Backspace
    HISTORY = auto()  # H
    QUICKSAVE = auto()  # F5
    QUICKLOAD = auto()  # F9
    FULLSCREEN = auto()  # F11
    POINT = auto()  # the mouse moved; `pos` is on the canvas
    CLICK = auto()  # left button
    SCROLL_UP = auto()
    SCROLL_DOWN = auto()
    QUIT = auto()  # the window was closed
    FACILITATOR = auto()  # F2: facilitator mode on or off, on every screen
    PROJECTOR = auto()  # F3: projector mode (large text, high contrast, lettered choices)
    NUMBERS = auto()  # N: fold or unfold the numbers behind an explanation
    TIMELINE = auto()  # T: focus the timeline strip (facilitator mode)
    SKIP = auto()  # Ctrl held (`n` 1) or let go (`n` 0): skip lines already read
    LETTER = auto()  # a class vote in projector mode: A is 1, B is 2, ... (see VOTE_LETTERS)
    HELP = auto()  # F1: the help screen, on every screen
    VOICE = auto()  # V: self-voicing on or off (as in Ren'Py)
    MUTE = auto()  # M: all sound off or back on


@dataclass(frozen=True, slots=True)
class Input:
    act: Act
    n: int = 0
    pos: tuple[int, int] | None = None


KEYS: dict[int, Act] = {
    pygame.K_RETURN: Act.CONFIRM, pygame.K_KP_ENTER: Act.CONFIRM,
    pygame.K_SPACE: Act.ADVANCE, pygame.K_ESCAPE: Act.BACK,
    pygame.K_UP: Act.UP, pygame.K_DOWN: Act.DOWN,
    pygame.K_LEFT: Act.LEFT, pygame.K_RIGHT: Act.RIGHT,
    pygame.K_PAGEUP: Act.PAGE_UP, pygame.K_PAGEDOWN: Act.PAGE_DOWN,
    pygame.K_BACKSPACE: Act.UNDO, pygame.K_h: Act.HISTORY,
    pygame.K_F5: Act.QUICKSAVE, pygame.K_F9: Act.QUICKLOAD, pygame.K_F11: Act.FULLSCREEN,
    pygame.K_F2: Act.FACILITATOR, pygame.K_F3: Act.PROJECTOR, pygame.K_n: Act.NUMBERS,
    pygame.K_t: Act.TIMELINE,
    pygame.K_F1: Act.HELP, pygame.K_v: Act.VOICE, pygame.K_m: Act.MUTE,
}
# Voting letters go as far as choices can; one sequence for the projector, the keys and the
# pupils' phones (game.letters).
LETTERS = {getattr(pygame, f"K_{ch.lower()}"): i + 1 for i, ch in enumerate(VOTE_LETTERS)}
NUMBERS = {getattr(pygame, f"K_{i}"): i for i in range(1, 10)}
NUMBERS.update({getattr(pygame, f"K_KP{i}"): i for i in range(1, 10)})

ToCanvas = Callable[[tuple[int, int]], tuple[int, int] | None]


def translate(event: pygame.event.Event, to_canvas: ToCanvas) -> Input | None:
    """One event as an Input, or None when the game does not care about it."""
    if event.type == pygame.QUIT:
        return Input(Act.QUIT)
    if event.type in (pygame.KEYDOWN, pygame.KEYUP) and \
            event.key in (pygame.K_LCTRL, pygame.K_RCTRL):
        return Input(Act.SKIP, n=int(event.type == pygame.KEYDOWN))
    if event.type == pygame.KEYDOWN:
        return _key(event)
    if event.type == pygame.MOUSEMOTION:
        pos = to_canvas(event.pos)
        return Input(Act.POINT, pos=pos) if pos else None
    if event.type == pygame.MOUSEBUTTONDOWN:
        if event.button == 1:
            pos = to_canvas(event.pos)
            return Input(Act.CLICK, pos=pos) if pos else None
        if event.button == 3:
            return Input(Act.BACK)
        return None
    if event.type == pygame.MOUSEWHEEL:
        return Input(Act.SCROLL_UP if event.y > 0 else Act.SCROLL_DOWN) if event.y else None
    return None


def _key(event: pygame.event.Event) -> Input | None:
    if event.key == pygame.K_TAB:
        return Input(Act.PREV if event.mod & pygame.KMOD_SHIFT else Act.NEXT)
    if event.key in NUMBERS:
        return Input(Act.CHOOSE, n=NUMBERS[event.key])
    if event.key in LETTERS:
        return Input(Act.LETTER, n=LETTERS[event.key])
    if event.key == pygame.K_RETURN and event.mod & pygame.KMOD_ALT:
        return Input(Act.FULLSCREEN)
    act = KEYS.get(event.key)
    return Input(act) if act else None
