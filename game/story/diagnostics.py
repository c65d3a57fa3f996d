"""Located diagnostics with stable codes.

Every problem in a user's file becomes one `Diagnostic`, printed as
`path:line:col: error[CODE]: message`. Codes never change meaning once published;
`docs/diagnostics.md` documents each one and a test keeps the two in step.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# code -> short title; the long explanations live in docs/diagnostics.md.
CODES: dict[str, str] = {
    "E001": "file or folder cannot be read",
    "E002": "file is not UTF-8 text",
    "E003": "file is too large",
    "E004": "YAML syntax error",
    "E005": "duplicate key",
    "E006": "document too complex (aliases or nesting past the limit)",
    "E007": "empty file",
    "E008": "top level is not a mapping",
    "E009": "unknown key",
    "E010": "missing required field",
    "E011": "wrong type or value",
    "E012": "start scene does not exist",
    "E013": "unknown scene target",
    "E014": "duplicate id",
    "E015": "expression syntax error",
    "E016": "unknown name in expression",
    "E017": "expression type error",
    "E018": "scene has no way forward, or an ending that continues",
    "E019": "asset path escapes the story folder",
    "E020": "unknown character",
    "E021": "choice is missing what its kind needs",
    "E022": "rupture scene is not a ruptured ending",
    "E023": "reaction or branch key does not fit the kind of move",
    "E024": "string too long",
    "E025": "sorry_for names no choice of the story",
    "E030": "story too large as a whole (bytes or files)",
    "E031": "story expands past its whole-story budget (nodes or text)",
    "E032": "control character in story text",
    "E033": "mapping key is not a name",
    "W001": "scene can never be reached",
    "W002": "asset file not found",
    "W003": "unknown placeholder in text",
    "W004": "flag declared but never used",
    "W005": "missing reaction variant",
    "W006": "file in story folder ignored",
    "W007": "no rupture scene declared",
    "W008": "flag is read but never set",
    "W009": "dialogue line swallowed into a paragraph",
    "W010": "question that can never be welcome",
    "W011": "reaction or landing that can never happen",
    "W012": "narration that looks like a speech line without its ':'",
    "W013": "text cut short by '#'",
    "W014": "named condition never used",
    "W015": "an apology offered where what it owns can never have been chosen",
    "W016": "a story effect on trust or defence with no reason to show",
    # Deep lint (game/analysis/lint.py): found by exploring the state space.
    "E101": "dead end: play can stop in a scene that is not an ending",
    "W101": "scene is never reached in play",
    "W102": "ending is never reached in play",
    "W103": "choice is never available",
    "W104": "loop with no way to an ending",
    "W105": "condition is always true",
    "W106": "branch is never taken",
    "W107": "flag is never set in play",
    "W108": "reaction missing for a landing that happens in play",
    "W109": "partner's meters never change in play",
    "W110": "partner has no moves at all",
    "W111": "a because: reason, or effects, for a landing that never happens",
    # Menu order (game/story/menus.py): patterns a voting class could learn.
    "W120": "menus give the answer away",
    "W121": "the look of a label gives the answer away",
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    line: int  # 1-based
    col: int  # 1-based
    severity: Severity
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}[{self.code}]: {self.message}"

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True, slots=True)
class Mark:
    """Where a YAML node starts. line/col are 1-based; `quote` is 1 for quoted scalars."""

    path: str
    line: int
    col: int
    quote: int = 0

    def diag(self, code: str, message: str, extra_col: int = 0) -> Diagnostic:
        severity: Severity = "warning" if code.startswith("W") else "error"
        return Diagnostic(self.path, self.line, self.col + extra_col, severity, code, message)


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.path, d.line, d.col, d.code)


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the known name closest to a misspelt one, else ''."""
    names = sorted(known)
    if len(names) > 50:
        # Comparing with every name would make many typos in a big story quadratic; a typo
        # nearly always keeps its first letters, so look among its alphabetical neighbours.
        at = bisect.bisect_left(names, name)
        names = names[max(0, at - 8) : at + 8]
    import difflib  # lazy: start-up (about 8 ms, and only a misspelt name needs it)

    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def article(word: str) -> str:
    """'a' or 'an' for a following word, so messages read 'an ask move'."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def listing(names: Iterable[str], most: int = 8) -> str:
    """Names for a message, cut short so a story with hundreds stays readable."""
    items = list(names)
    shown = ", ".join(items[:most])
    return shown + (f" and {len(items) - most} more" if len(items) > most else "")
