"""A story's named conditions (`conditions:`): a name for a condition used in many places.

A named condition is compiled once per load, in the order the story writes them, each
against the names above it only: so none can depend on itself, however indirectly, and the
error for one that tries says which to move. Where another expression uses the name, the
parser reads the compiled body in place (`Named.fn`), so the condition is worked out from
the state of that moment, exactly as if its text were written there, and never stored: a
reader of the story never wonders when it was last brought up to date. Why not flags set
in `on_enter`: a flag is a snapshot that the author must remember to refresh, and a story
that names twenty reasons for an ending needs twenty flags and a list of assignments that
must be kept in the right order by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from game.errors import ExpressionError
from game.story.compiled import CompiledStory, expressions
from game.story.diagnostics import Diagnostic
from game.story.expr import Symbols, parse_condition
from game.story.expr_eval import ATTRIBUTES
from game.story.expr_names import Named
from game.story.yamlread import Located, PathKey

ExprReport = Callable[[ExpressionError, PathKey], None]
KeyReport = Callable[[PathKey, str, str], None]
# A bare name: not after a '.', and not followed by one (so not `flag.x`, not `sam.trust`).
_BARE = re.compile(r"(?<![\w.])([A-Za-z_]\w*)(?![\w.])")


def compile_named(bodies: Mapping[str, str], symbols: Symbols, reserved: Iterable[str],
                  expr_error: ExprReport, key_error: KeyReport,
                  choices: frozenset[str] = frozenset()) -> dict[str, Named]:
    """Each of `bodies` compiled against `symbols` and the conditions above it. A body that
    fails is reported and kept as never true, so the names below it are not reported as
    unknown too (the story does not load either way).

    A body may read what an ending's closing sentences name (`cost.ID`, with `choices` the
    story's choice ids): such a condition can then be used only where those are known, in an
    ending scene's lines (the parser says so where it is used elsewhere). Authors repeated
    long `cost.*` lists across an ending's lines for want of it."""
    taken = {*reserved, *symbols.partners, *symbols.flags, *ATTRIBUTES, "defense"}
    names = list(bodies)
    done: dict[str, Named] = {}
    for i, (name, source) in enumerate(bodies.items()):
        loc: PathKey = ("conditions", name)
        if name in taken:
            key_error(loc, "E016", _clash(name, symbols))
            continue
        scope = Symbols(symbols.partners, symbols.flags, symbols.scenes, None,
                        conditions=dict(done), below=frozenset(names[i + 1:]), defining=name,
                        choices=choices, closing=True)
        try:
            cond = parse_condition(source, scope)
        except ExpressionError as exc:
            expr_error(exc, loc)
            done[name] = Named(source, frozenset(), _never, len(source))
            continue
        done[name] = Named(cond.source, cond.refs, cond.evaluate, len(source) + cond.expanded)
    return done


def _never(_env: object) -> bool:
    return False


def _clash(name: str, symbols: Symbols) -> str:
    if name in symbols.flags:
        what = f"a flag (flag.{name})"
    elif name in symbols.partners:
        what = "a partner"
    elif name in ATTRIBUTES or name == "defense":
        what = f"a partner's attribute (PARTNER.{name})"
    else:
        what = "a reserved word"
    return (f"the named condition '{name}' has the name of {what}; give it a name of its own "
            "so every expression means one thing")


def unused_named(story: CompiledStory, located: Located) -> list[Diagnostic]:
    """W014 for each named condition that no expression of the story uses."""
    named = story.meta.conditions
    if not named:
        return []
    used: set[str] = set()
    sources = [*named.values(), *(e.source for e in expressions(story))]
    for source in sources:
        used.update(m.group(1) for m in _BARE.finditer(source))
    return [located.key_mark(("conditions", name)).diag(
                "W014", f"the named condition '{name}' is never used: no condition or "
                "effect names it")
            for name in named if name not in used]
