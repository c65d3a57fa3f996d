"""What a process keeps between its loads of a story, while the names the story declares
stay the same (issue 17): each distinct expression compiled, and each scene of the last
load compiled.

Every load compiles the whole story again, cached or not: a compiled expression is a
closure, which no cache file can hold. A process that loads a story again (`confide play
--watch` after each save, the editor's checks, the benchmark) mostly loads the same
expressions and scenes against the same names.

- Compiling an expression is a pure function of its text and the story's `Symbols` (its
  partners, its flags and their types, its scene ids, its default partner), and what it
  returns never changes (a frozen Condition or Effect, whose closure reads only the state
  it is given), so one result serves every load of those names: about a third of
  compiling a big story.
- Compiling a scene is a pure function of the scene's validated data, the rest of the
  story (its characters and their names, its settings such as depth_on_cards), the scene
  ids, and, for its diagnostics, the positions in the file that defines it. On a changed
  story's fast path (game/story/incremental.py) each scene is known by its file's key (a
  hash of the file's path and bytes, filecache.part), so a scene of an unchanged file,
  equal to what was compiled last time, with the rest of the story equal too, is taken as
  it was with its diagnostics: most of compiling a story after an edit.

The memo is kept while the symbols are equal and dropped when they change, and past
MAX_TEXTS expressions (so a long session of edits cannot grow it without end); its scenes
are only those of the last load. It serves only loads with the caches on, so `--no-cache`
compiles everything, and tests/story/test_incremental.py compares the two.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from game.errors import ExpressionError
from game.story.compiled import CScene
from game.story.diagnostics import Diagnostic
from game.story.expr import Condition, Effect, Symbols, parse_condition, parse_effects
from game.story.plain import Scene

Parsed = TypeVar("Parsed", Condition, list[Effect])
MAX_TEXTS = 100_000  # about a hundred stories of the benchmark's 1,000 scenes
SceneKey = tuple[str, str]  # the key of the file's bytes, the scene's id
Compiled = tuple[Scene, CScene, tuple[Diagnostic, ...]]


class Memo:
    """What each text compiled to for one set of names (a result or its error), and the
    scenes the last load compiled with them."""

    def __init__(self, symbols: Symbols) -> None:
        self.symbols = symbols
        self.conditions: dict[str, Condition | ExpressionError] = {}
        self.effects: dict[str, list[Effect] | ExpressionError] = {}
        self.around: object = None
        self.scenes: dict[SceneKey, Compiled] = {}

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

    def scenes_for(self, around: object) -> dict[SceneKey, Compiled]:
        """The scenes the last load compiled, if what was around them was equal to
        `around` (everything of the story but its scenes)."""
        if around != self.around:
            self.around, self.scenes = around, {}
        return self.scenes


_last: list[Memo] = []  # the memo of the names last loaded, if any


def forget() -> None:
    """Drop what this process kept from its last load: the next load compiles every
    expression and scene, as a new process would (the benchmark's first load)."""
    _last.clear()


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
