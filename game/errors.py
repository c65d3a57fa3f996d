"""The one exception tree of Confide.

Every error a user can cause derives from `ConfideError`, so the CLI and the window can
catch one type and report it as a readable message instead of a traceback.
"""

from __future__ import annotations


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
    """A story that failed to load; carries every diagnostic that was collected."""

    def __init__(self, diagnostics: list[object]) -> None:
        self.diagnostics = diagnostics
        first = str(diagnostics[0]) if diagnostics else "story failed to load"
        super().__init__(first)


class ModelError(ConfideError):
    """A model call or a story's `model:` section with an impossible value.

    The message names the offending key or argument and its value, so the loader can turn it
    into a one-line diagnostic.
    """


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
