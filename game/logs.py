"""Named loggers that import `logging` only when they first have something to say.

The modules on the window's start-up path (the save store, images, sound, the layout report)
log only when something is wrong, yet importing `logging` (and the threading it brings) at
their import cost the title screen's first frame a few milliseconds on every start (issue
17). `Log(name)` stands in for `logging.getLogger(name)`: the same messages reach the same
logger, with the caller's line, once there is one to send.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import logging


class Log:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def logger(self) -> logging.Logger:
        import logging  # lazy: start-up (the first message, which most runs never send)

        return logging.getLogger(self.name)

    def info(self, msg: str, *args: object) -> None:
        self.logger().info(msg, *args, stacklevel=2)

    def warning(self, msg: str, *args: object) -> None:
        self.logger().warning(msg, *args, stacklevel=2)
