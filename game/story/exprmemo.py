"""Each distinct expression text compiled once per process, while the names a story
declares stay the same (issue 17).

Every load compiles every distinct condition and effect of the story again, cached or
not: a compiled expression is a closure, which no cache file can hold. A process that
loads a story again (`confide play --watch` after each save, the editor's checks, the
benchmark) mostly loads the same expressions against the same names, and compiling them
was about a third of compiling a big story. Compiling is a pure function of the text and
the story's `Symbols` (its partners, its flags and their types, its scene ids, its default
partner), and what it returns never changes (a frozen Condition or Effect, whose closure
reads only the state it is given), so one result can serve every story of those names:
the memo is kept while they are equal and dropped when they change, as it is past
MAX_TEXTS texts (so a long session of edits cannot grow it without end).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from game.errors import ExpressionError
from game.story.expr import Condition, Effect, Symbols, parse_condition, parse_effects

Parsed = TypeVar("Parsed", Condition, list[Effect])
MAX_TEXTS = 100_000  # about a hundred stories of the benchmark's 1,000 scenes


class Memo:
    """What each text compiled to for one set of names: a result or its error."""

    def __init__(self, symbols: Symbols) -> None:
        self.symbols = symbols
        self.conditions: dict[str, Condition | ExpressionError] = {}
        self.effects: dict[str, list[Effect] | ExpressionError] = {}

    def condition(self, source: str) -> Condition | ExpressionError:
        found = self.conditions.get(source)
        if found is None:
            found = self.conditions[source] = attempt(parse_condition, source, self.symbols)
        return found

    def effect_list(self, source: str) -> list[Effect] | ExpressionError:
        found = self.effects.get(source)
        if found is None:
            found = self.effects[source] = attempt(parse_effects, source, self.symbols)
        return found

    def size(self) -> int:
        return len(self.conditions) + len(self.effects)


_last: list[Memo] = []  # the memo of the names last loaded, if any


def memo_for(symbols: Symbols) -> Memo:
    """The process's memo for `symbols`: the last one if its names are the same (one
    comparison of the scene ids and flags per load), else a new one."""
    if _last and _last[0].symbols == symbols and _last[0].size() < MAX_TEXTS:
        return _last[0]
    _last[:] = [Memo(symbols)]
    return _last[0]


def attempt(parse: Callable[[str, Symbols], Parsed], source: str, symbols: Symbols
            ) -> Parsed | ExpressionError:
    try:
        return parse(source, symbols)
    except ExpressionError as exc:
        # Kept without the frames it was raised in (and so without a reference cycle
        # through this one): only its code, message and column are ever read.
        exc.__context__ = None
        return exc.with_traceback(None)
