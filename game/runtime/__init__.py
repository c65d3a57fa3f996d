"""The deterministic session: start, view, choose, undo, snapshot and restore."""

from game.runtime.session import Session
from game.runtime.views import ChoiceView, EndingView, LineView, Result, Step, View

__all__ = ["ChoiceView", "EndingView", "LineView", "Result", "Session", "Step", "View"]
