"""The scene's input: what a key, a click or the wheel does while a story plays.

Kept apart from the scene's flow (lines, choices, rewinding) so each reads on its own: this
module only decides which of the scene's operations an input asks for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.ui.actions import Act, Input
from game.ui.screens import scene_layout as lay

if TYPE_CHECKING:
    from game.ui.screens.scene import SceneScreen


def handle(s: SceneScreen, inp: Input) -> None:
    if inp.act == Act.SKIP:
        s.ctrl = bool(inp.n)
        return
    if inp.act == Act.POINT:
        s.tools.hover = s.tools.at(inp.pos)
        s.pointer = inp.pos
    if inp.act == Act.CLICK and s.tools.at(inp.pos) is not None:
        s.tools.handle(inp)
        return
    if s.app.facilitator and facilitator_input(s, inp):
        return
    if inp.act in (Act.SCROLL_UP, Act.SCROLL_DOWN) and over_choices(s):
        lay.scroll_by(s, 60 if inp.act == Act.SCROLL_DOWN else -60)
        return
    if s.choosing and len(s.answer) > 1 and answer_input(s, inp):
        return
    # The wheel rolls back, as in Ren'Py: up takes back the last choice (History stays one
    # click away on its button and H).
    simple = {Act.BACK: s.open_pause, Act.HISTORY: s.open_history,
              Act.UNDO: s.undo, Act.SCROLL_UP: s.undo}
    if inp.act in simple:
        simple[inp.act]()
    elif inp.act == Act.LETTER:
        if s.choosing and s.app.projector:  # a class vote: A as 1, B as 2, ...
            s.menu.handle(Input(Act.CHOOSE, n=inp.n))
    elif s.choosing:
        choice_input(s, inp)
    elif inp.act in (Act.CONFIRM, Act.ADVANCE, Act.CLICK, Act.SCROLL_DOWN):
        s.complete_or_advance()


def choice_input(s: SceneScreen, inp: Input) -> None:
    # Space only ever moves text on, and Enter chooses only once an arrow or the
    # pointer has shown the focus: tapping through lines never picks a choice.
    if inp.act == Act.CONFIRM and s.menu.hidden:
        s.app.toast("Choose with a number key, the arrows or the mouse")
        return
    if inp.act == Act.ADVANCE:
        return
    if inp.act in (Act.POINT, Act.CLICK) and lay.overflowing(s) and \
            (inp.pos is None or not s.choice_view.collidepoint(inp.pos)):
        return  # a card scrolled out of view cannot be pointed at
    s.menu.handle(inp)
    if inp.act in (Act.UP, Act.DOWN, Act.NEXT, Act.PREV):
        lay.scroll_into_view(s, s.menu.focus)


def answer_input(s: SceneScreen, inp: Input) -> bool:
    """The pages of a long line under the choices: Left and Right, a click on the text
    (round to the first page after the last), the wheel over it. True if `inp` was used."""
    over = s.pointer is not None and s.panel.collidepoint(s.pointer)
    if inp.act == Act.CLICK and inp.pos is not None and s.panel.collidepoint(inp.pos):
        s.turn_answer(1, wrap=True)
    elif inp.act in (Act.LEFT, Act.RIGHT):
        s.turn_answer(1 if inp.act == Act.RIGHT else -1)
    elif inp.act in (Act.SCROLL_UP, Act.SCROLL_DOWN) and over:
        s.turn_answer(1 if inp.act == Act.SCROLL_DOWN else -1)
    else:
        return False
    return True


def over_choices(s: SceneScreen) -> bool:
    return lay.overflowing(s) and s.pointer is not None and \
        s.choice_view.collidepoint(s.pointer)


def facilitator_input(s: SceneScreen, inp: Input) -> bool:
    """The timeline strip and the numbers toggle; True when one of them used `inp`."""
    toggle = inp.act == Act.NUMBERS or (inp.act == Act.CLICK and inp.pos is not None
                                         and s.glass.toggle.collidepoint(inp.pos))
    if toggle:
        s.app.show_numbers = not s.app.show_numbers
        s.layout()
        return True
    on_why = inp.act == Act.CLICK and inp.pos is not None and s.glass.why.collidepoint(inp.pos)
    if on_why or inp.act in (Act.PAGE_DOWN, Act.PAGE_UP):
        if s.glass.pages > 1 and inp.act != Act.PAGE_UP:
            s.app.push_screen("why")  # all of it in one large card, not page by page
        return True
    return s.timeline.handle(inp)
