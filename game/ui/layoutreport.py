"""Where the window's buttons are, for tools outside it: `CONFIDE_LAYOUT_REPORT=PATH`.

With the variable set, every frame whose layout differs from the last one written replaces
PATH (atomically: a reader never sees half a file) with a small JSON object:

    {"screen": "title", "stack": ["title"], "window": [1280, 720],
     "widgets": {"New story": [x, y, w, h], ...}, "moment": "..."}

Rectangles are in window pixels (the canvas is scaled and letterboxed into the window), so
an X test can click a widget's centre with xdotool. `moment` changes whenever the top
screen shows something new without moving a widget (the scene's next line), so a test can
wait for its click to have landed. Without the variable nothing is computed or written.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from game.logs import Log
from game.persist.atomic import write_atomic

if TYPE_CHECKING:
    import pygame

    from game.ui.app import App

ENV = "CONFIDE_LAYOUT_REPORT"
log = Log("confide.window")


class LayoutReport:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.last = b""

    @classmethod
    def from_env(cls) -> LayoutReport | None:
        value = os.environ.get(ENV, "")
        return cls(Path(value)) if value else None

    def update(self, app: App) -> None:
        """Write the report if the layout changed since the last one written."""
        import json  # lazy: start-up (only with CONFIDE_LAYOUT_REPORT set)

        data = json.dumps(report(app), sort_keys=True).encode("utf-8")
        if data == self.last:
            return
        try:
            write_atomic(self.path, data)
        except OSError as exc:  # a report that cannot be written costs only the report
            log.warning("layout report not written to %s: %s", self.path, exc)
        self.last = data


def report(app: App) -> dict[str, object]:
    top = app.top
    return {"screen": top.name, "stack": [s.name for s in app.stack],
            "window": list(app.window.get_size()), "moment": top.moment(),
            "widgets": {name: _window_rect(app, r) for name, r in top.widgets().items()}}


def _window_rect(app: App, r: pygame.Rect) -> list[int]:
    x0, y0 = app.to_window(r.topleft)
    x1, y1 = app.to_window(r.bottomright)
    return [x0, y0, x1 - x0, y1 - y0]
