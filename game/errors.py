"""The one exception tree of Confide.

Every error a user can cause derives from `ConfideError`, so the CLI and the window can
catch one type and report it as a readable message instead of a traceback. An error carries
what a caller may need to act on as attributes (as python-chess's errors do): a caller reads
`exc.code` or `exc.key`, never the message text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Located(Protocol):
    """A diagnostic as the story layer makes it (game.story.diagnostics.Diagnostic)."""

    @property
    def path(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def col(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def message(self) -> str: ...


class ConfideError(Exception):
    """Base of every error Confide raises on purpose."""


class ExpressionError(ConfideError):
    """A condition or effect that does not parse or does not type-check.

    `column` is 0-based within the expression source, so the loader can add it to the
    YAML scalar's own position and point at the exact character.
    """

    def __init__(self, message: str, column: int = 0, code: str = "E015") -> None:
        super().__init__(message)
        self.message = message
        self.column = column
        self.code = code


class StoryError(ConfideError):
    """A story that failed to load; carries every diagnostic that was collected.

    `code`, `path`, `line` and `col` are the first diagnostic's (the one the message shows);
    they are None for the rare error without any.
    """

    def __init__(self, diagnostics: Sequence[Located]) -> None:
        self.diagnostics = list(diagnostics)
        first = self.diagnostics[0] if self.diagnostics else None
        self.code = first.code if first else None
        self.path = first.path if first else None
        self.line = first.line if first else None
        self.col = first.col if first else None
        super().__init__(str(first) if first else "story failed to load")


class ModelError(ConfideError):
    """A model call or a story's `model:` section with an impossible value.

    The message names the offending key or argument and its value; `key` is the model
    parameter refused (e.g. "skip_penalty"), or None when the error is not about one, so the
    loader can point at the line that sets it.
    """

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.key = key


class SessionError(ConfideError):
    """An impossible request to a running session (unknown choice, choosing after the end)."""


class RestoreError(ConfideError):
    """A snapshot that cannot be restored into the given story.

    `reason` is the cause alone ("the saved scene 'x' no longer exists"), so a caller can
    put it in its own sentence without taking the message apart.
    """

    def __init__(self, message: str, *, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason or message


class SaveError(ConfideError):
    """A save slot or settings file that cannot be read or written.

    `problem` is what is wrong with the file alone ("the checksum does not match"), without
    the slot or path the message adds, for a slot list to show beside the slot's name.
    """

    def __init__(self, message: str, *, problem: str = "") -> None:
        super().__init__(message)
        self.problem = problem or message


class RecordError(ConfideError):
    """A playthrough record that cannot be read, written or used, with the reason."""


class ReplayError(RecordError):
    """A record that no longer replays on the story as it is now; names the first bad step."""


class ChartError(ConfideError):
    """A debrief chart that could not be drawn or written (bad size, unwritable path)."""


class UsageError(ConfideError):
    """Wrong use of the command line (exit code 2)."""
