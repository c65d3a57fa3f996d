"""Names in story expressions: what a story declares, and how a reference resolves.

The parser (game.story.expr) reads the grammar; this module decides what a name means
(`flag.NAME`, `visits.SCENE`, `PARTNER.ATTR`, a named condition, or a bare attribute of the
scene's partner) and words the E016 errors for unknown names, with the nearest spellings.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from game.errors import ExpressionError
from game.story.expr_eval import ATTRIBUTES, BOOL, NUM, Fn, Ref
from game.story.expr_tokens import WORD_HINTS, Tok, fail

_ALIASES = {"defense": "defence"}

# What an ending's closing sentences can say about a choice (`cost.ID`, ...), read by an
# ending scene's lines so its prose can agree with the sentences (game/runtime/causes.py).
CLOSING_ROLES: dict[str, str] = {
    "helped": "the closing names it as what helped most",
    "cost": "the closing names it as what cost most (or, when nothing hurt, a little)",
    "standing": "the closing names it as still between you at the end",
    "broke": "the partner broke off at it",
    "costly": "it cost trust or raised the guard on this run, named or not",
    "softened": "it cost something and a later warm answer or taken apology softened it",
    "apologised": "a later choice said sorry for it",
}
# The places the closing names one move: as `ROLE.NAME`'s NAME they mean that move (so
# `softened.cost` is "what cost most was softened"), and as an ending line's placeholder
# (`{cost}`) its choice's `recalled:` words.
NAMED_MOVES = ("helped", "cost", "standing", "broke")


@dataclass(frozen=True)
class Named:
    """A named condition (the story's `conditions:`), compiled once: a bare use of its name
    in another expression reads `fn`, so the condition is worked out where it is used, from
    the state of that moment, and never stored."""

    source: str
    refs: frozenset[Ref]  # what it reads, with the names it uses worked out
    fn: Fn = field(compare=False, repr=False)
    size: int = 0  # characters of expression one use evaluates: its own and those it uses

    @property
    def reads_closing(self) -> bool:
        """Whether it reads what an ending's closing sentences name (`cost.ID`), which are
        known only in an ending scene's lines."""
        return reads_closing(self.refs)


def reads_closing(refs: Iterable[Ref]) -> bool:
    """Whether references read what an ending's closing sentences name (`lookup_dotted`
    makes them ("closing", "cost.ID")): known only once a whole run has ended."""
    return any(ref[0] == "closing" for ref in refs)


@dataclass(frozen=True)
class Symbols:
    """What a story declares, so references can be checked at load time."""

    partners: frozenset[str]
    flags: Mapping[str, type]  # flag name -> bool or int
    scenes: frozenset[str]
    default_partner: str | None = None
    conditions: Mapping[str, Named] = field(default_factory=dict)
    # While a named condition compiles: the names defined below it, which it may not use
    # (so no condition can depend on itself, however indirectly).
    below: frozenset[str] = frozenset()
    defining: str | None = None  # the named condition being compiled, if any
    choices: frozenset[str] = frozenset()  # every choice id in the story
    # Whether `cost.ID` and the other closing roles may be read: only in an ending scene's
    # lines, the one place the closing sentences are known.
    closing: bool = False


def lookup_dotted(sym: Symbols, head: str, name: str) -> tuple[Ref, str] | None:
    """`head.name`'s reference and type, or None where `resolve_dotted` words an error."""
    if head == "flag":
        declared = sym.flags.get(name)
        return None if declared is None else (("flag", name), BOOL if declared is bool else NUM)
    if head == "visits":
        return (("visits", name), NUM) if name in sym.scenes else None
    if head in CLOSING_ROLES and head not in sym.partners:
        ok = sym.closing and (name in sym.choices or name in NAMED_MOVES)
        return (("closing", f"{head}.{name}"), BOOL) if ok else None
    name = _ALIASES.get(name, name)
    kind = ATTRIBUTES.get(name) if head in sym.partners else None
    return None if kind is None else ((head, name), kind)


def lookup_bare(sym: Symbols, word: str) -> tuple[Ref, str] | None:
    """A bare name's reference and type, or None where `resolve_bare` words an error."""
    name = _ALIASES.get(word, word)
    kind = ATTRIBUTES.get(name)
    if kind is None or sym.default_partner is None:
        return None
    return (sym.default_partner, name), kind


def resolve_dotted(sym: Symbols, head: Tok, attr: Tok) -> tuple[Ref, str]:
    """`flag.NAME`, `visits.SCENE` or `PARTNER.ATTR`: its reference and its type."""
    found = lookup_dotted(sym, head.text, attr.text)
    if found is not None:
        return found
    name = attr.text
    if head.text == "flag" and name in sym.conditions:
        raise fail(f"'{name}' is a named condition, not a flag: write '{name}' without "
                   "'flag.' (a named condition is worked out where it is used, never set)",
                   head.col, "E016")
    if head.text == "flag":
        # with no flags at all, the author may not know they must be declared
        how = "" if sym.flags else (f" (declare it at the top of the story under 'flags:'"
                                    f" as '{name}: false', then set it with the effect "
                                    f"'flag.{name} = true': authoring.md section 11)")
        raise unknown("flag", name, sym.flags, attr.col, "declared flags", tail=how)
    if head.text == "visits":
        raise unknown("scene", name, sym.scenes, attr.col, "scenes")
    if head.text in CLOSING_ROLES and head.text not in sym.partners:
        if not sym.closing:
            raise fail(f"'{head.text}.{name}' reads what an ending's closing sentences say, "
                       "so it can be used only in the lines of an ending scene "
                       "(authoring.md section 13)", head.col, "E016")
        raise unknown("choice", name, sym.choices, attr.col, "choice ids",
                      NAMED_MOVES, f" (or one of the places the closing names a move in: "
                      f"{', '.join(NAMED_MOVES)})")
    if head.text not in sym.partners:
        raise unknown("partner", head.text, sym.partners, head.col, "partners",
                      ("flag", "visits"), " (flags are flag.NAME, visit counts visits.SCENE)")
    raise unknown("attribute", attr.text, ATTRIBUTES, attr.col, "attributes")


def resolve_bare(sym: Symbols, tok: Tok) -> tuple[Ref, str]:
    """A name without a dot: an attribute of the scene's partner, or a located E016."""
    word = tok.text
    found = lookup_bare(sym, word)
    if found is not None:
        return found
    if word == sym.defining:
        raise fail(f"the named condition '{word}' uses itself: say what it means with flags, "
                   "meters and the named conditions above it", tok.col, "E016")
    if word in sym.below:
        raise fail(f"'{word}' is defined further down under 'conditions:', and a condition "
                   f"can use only those above it: move '{word}' higher", tok.col, "E016")
    name = _ALIASES.get(word, word)
    if name in ATTRIBUTES:
        hint = f"'{word}' needs a partner here: write PARTNER.{name}"
        raise fail(hint, tok.col, "E016")
    for prefix, names in (("flag", sym.flags), ("visits", sym.scenes)):
        if word in names:
            msg = f"unknown name '{word}'; did you mean '{prefix}.{word}'?"
            raise fail(msg, tok.col, "E016")
    if word in sym.partners or word in ("flag", "visits") \
            or (sym.closing and word in CLOSING_ROLES):
        raise fail(f"'{word}' needs a '.' and a name after it", tok.col, "E016")
    if word in WORD_HINTS:
        raise fail(f"unknown name '{word}'; {WORD_HINTS[word]}", tok.col, "E016")
    known = {*ATTRIBUTES, *sym.partners, *sym.conditions}
    listing = "attributes, partners and named conditions" if sym.conditions \
        else "attributes and partners"
    raise unknown("name", word, known, tok.col, listing)


def unknown(what: str, name: str, known: Iterable[str], col: int, listing: str,
             also: Iterable[str] = (), tail: str = "") -> ExpressionError:
    listed = sorted(known)
    names = sorted({*listed, *also}) if also else listed
    message = f"unknown {what} '{name}'"
    # Comparing against every name made many typos in a big story quadratic. A typo
    # nearly always keeps its first letters, so its alphabetical neighbours are the
    # likely matches: compare against a fixed-size window of them.
    at = bisect.bisect_left(names, name)
    close = difflib.get_close_matches(name, names[max(0, at - 6): at + 6], n=3)
    if close:
        message += " (did you mean " + " or ".join(f"'{c}'" for c in close) + "?)"
    if listed:
        shown = ", ".join(listed[:5]) + (", ..." if len(listed) > 5 else "")
        message += f"; {listing}: {shown}"
    else:
        message += f"; there are no {listing}"
    return fail(message + tail, col, "E016")
