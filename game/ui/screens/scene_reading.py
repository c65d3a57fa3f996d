"""Skip and auto-forward on the scene screen: how lines move on without a key press.

Skip (Ctrl held, the Skip button, or the "Skip seen text: Always" setting) shows each line
read before whole for SKIP_STEP and moves on; it stops at every choice (see
SceneScreen.show_choices) and at the first unread line, where the Skip button turns itself
off as in Ren'Py. Auto-forward moves a finished line on after a pause that grows with its
length, and never chooses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.ui.screens.scene import SceneScreen

SKIP_STEP = 0.08  # seconds per line while skipping: fast, yet each line flashes by
AUTO_DELAY = {"slow": 3.0, "normal": 1.8, "fast": 1.0}  # plus a moment per character
AUTO_PER_CHAR = 0.02


def skip_step(s: SceneScreen, dt: float) -> bool:
    """One frame of skipping; True while something moves."""
    if not s.line_seen:
        if s.skip_on and not s.app.settings.skip_seen:
            s.skip_on = False
            s.app.toast("Skip stopped: this line is new")
        return auto_step(s, dt) if not s.typing else type_on(s, dt)
    if s.typing:  # a read line shows whole at once, then waits one short step
        s.complete_or_advance()
        return True
    s.wait += dt
    if s.wait >= SKIP_STEP:
        s.advance()
    return True


def type_on(s: SceneScreen, dt: float) -> bool:
    assert s.line is not None
    s.typed = min(float(len(s.line.text)), s.typed + dt * s.app.theme.cps)
    s.after_typing()
    return True


def auto_step(s: SceneScreen, dt: float) -> bool:
    """Auto-forward. False while waiting: the idle loop's slow ticks are enough."""
    mode = s.app.settings.auto_forward
    if mode not in AUTO_DELAY or s.line is None or s.typing:
        return False
    s.wait += dt
    if s.wait < AUTO_DELAY[mode] + AUTO_PER_CHAR * len(s.line.text):
        return False
    s.advance()
    return True
