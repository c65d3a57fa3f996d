"""Plain-English explanations of YAML syntax errors, for authors who are not programmers.

libyaml (and PyYAML's pure-Python parser, which words things differently) reports what the
parser expected, e.g. "did not find expected key". An author needs to know what they wrote
wrong and how to fix it. `explain` looks at the parser's message and at the source text
around the error and names the likely mistake: text after a closing quote, a line indented
differently from its neighbours, a ':' inside unquoted text, and so on. The line and column
stay the parser's own; only the words change. Each rule is a small function, tried in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# Characters that mean something to YAML at the start of a value.
_RESERVED_START = {
    "@": "'@'", "`": "'`'", "%": "'%'", "!": "'!'", "*": "'*'", "&": "'&'", "?": "'?'",
    "|": "'|'", ">": "'>'", "[": "'['", "{": "'{'", "]": "']'", "}": "'}'", ",": "','",
}
# How far (in spaces) a list item may be from the item it was meant to line up with.
_NEARBY = 2
_COUNT = {1: "one space", 2: "two spaces"}
_KEY_AT = re.compile(r"^((?:\s*-\s+)*\s*)[A-Za-z_][A-Za-z0-9_]*:(?:\s|$)")
_KEY_NO_SPACE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*):(\S.*)$")


@dataclass(frozen=True)
class Where:
    """The parser's complaint and the text around it (line and col count from 1)."""

    problem: str
    context: str
    lines: list[str]
    line: int
    col: int
    context_line: int | None

    def text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    @property
    def here(self) -> str:
        return self.text(self.line)

    @property
    def before(self) -> str:
        """What is written on the error's line before the error's column."""
        return self.here[: self.col - 1]

    @property
    def char(self) -> str:
        return self.here[self.col - 1 : self.col]

    def previous(self) -> int | None:
        """The nearest line above that holds something other than a comment."""
        for n in range(self.line - 1, 0, -1):
            stripped = self.text(n).strip()
            if stripped and not stripped.startswith("#"):
                return n
        return None


def indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _has(where: Where, *words: str) -> bool:
    return any(w in where.problem for w in words)


def _after_quote(where: Where) -> str | None:
    """`text: "Left here," he says`: the quoted part ended and more text follows it."""
    before = where.before.rstrip()
    if not before or before[-1] not in "\"'" or where.char in ("#", ""):
        return None
    quote = before[-1]
    body = before[before.find(quote) + 1 : -1]
    if quote == "'" and body[-1:].isalpha() and where.char.isalpha():
        return ("an apostrophe inside single quotes ends the text: write it twice "
                "('it''s'), or put the whole value in double quotes instead")
    if quote == '"' and body.endswith(" "):
        return ("a double quote inside double quotes ends the text: put the whole value in "
                "single quotes ('He said \"hi\"'), or write \\\" for each inner quote")
    return ("text continues after a closing quote: put the whole value in quotes; if it "
            "contains double quotes, use single quotes outside "
            "(text: '\"Left here,\" he says')")


def _bracket_start(where: Where) -> str | None:
    """`- [laughs] Sure.`: a value that starts with [ or { is read as a list or mapping."""
    value = re.sub(r"^\s*(?:-\s+)?(?:[A-Za-z_][A-Za-z0-9_]*:\s+)?", "", where.before)
    if value[:1] in ("[", "{") and value.rstrip()[-1:] in ("]", "}"):
        return (f"text that starts with '{value[0]}' is read as a list or mapping, so the "
                "rest of the line is left over: put the whole value in quotes")
    return None


def _dash_without_space(where: Where) -> str | None:
    """`-idris: "hi"`: without a space the dash is part of the text, not a list item."""
    m = re.match(r"^\s*-([^\s-].*)$", where.here)
    if m is None:
        return None
    return f"a list item needs a space after the '-': write '- {m.group(1).strip()}'"


def _key_without_colon(where: Where) -> str | None:
    """`title Hall` on the line above: without ':' it is text that runs into this line."""
    above = where.previous()
    if above is None:
        return None
    text = where.text(above).strip()
    if ":" in text or text.startswith(("-", "#")) or indent(where.text(above)) != indent(
            where.here):
        return None
    word, _, rest = text.partition(" ")
    example = f"'{word}: {rest}'" if rest else f"'{word}: ...'"
    return f"line {above} has no ':' after its key: write {example}"


def _key_without_space(where: Where) -> str | None:
    """`next:corridor`: no space after the colon, so YAML reads one long text."""
    above = where.previous()
    for n in (where.line, above):
        if n is None:
            continue
        m = _KEY_NO_SPACE.match(where.text(n))
        if m and not m.group(2).startswith(("/", "\\")) and "://" not in m.group(2):
            key = m.group(1)
            return (f"line {n} has no space after '{key}:'; write '{key}: {m.group(2).strip()}' "
                    "(a key needs ': ' with a space)")
    return None


def _is_item(text: str) -> bool:
    stripped = text.lstrip(" ")
    return stripped.startswith("- ") or stripped == "-"


def list_sibling(where: Where) -> int | None:
    """For a list item on the error's line, the nearest list item above it at a nearby but
    different indentation: the item it was most likely meant to line up with (the line
    just above is usually a key inside that item, which would give the wrong column)."""
    if not _is_item(where.here):
        return None
    here = indent(where.here)
    for n in range(where.line - 1, 0, -1):
        text = where.text(n)
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        there = indent(text)
        if _is_item(text) and abs(there - here) <= _NEARBY:
            return n if there != here else None
        if there < here - _NEARBY:
            return None  # left the block the item is in without meeting a sibling
    return None


def _key_col(text: str) -> int | None:
    """The column (from 0) where the key of a `key: value` or `- key: value` line starts;
    None for a line with no key."""
    m = _KEY_AT.match(text)
    return None if m is None else len(m.group(1))


def key_sibling(where: Where) -> int | None:
    """For a `key: value` line, the nearest line above whose key starts at a nearby but
    different column: the key it was most likely meant to line up with. The key of a
    `- id: x` line starts after the '- ', not at the dash."""
    here = _key_col(where.here)
    if here is None or _is_item(where.here):
        return None
    for n in range(where.line - 1, 0, -1):
        text = where.text(n)
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _is_item(text) and indent(text) == here:
            return None  # a key at the column of a list's items: a '- ' may be missing
        col = _key_col(text)
        if col is not None and abs(col - here) <= _NEARBY:
            return n if col != here else None
        if (indent(text) if col is None else col) < here - _NEARBY:
            return None
    return None


def _misaligned_key(where: Where) -> str | None:
    """`text: Say it` one space off from `- id: my_marking` (whose key is at 8) above it."""
    sibling = key_sibling(where)
    if sibling is None:
        return None
    return _out_of_line(where, sibling, "key", "group")


def _misaligned_item(where: Where) -> str | None:
    """`- id: say_nothing` one space off from `- id: my_marking` above it."""
    sibling = list_sibling(where)
    if sibling is None:
        return None
    return _out_of_line(where, sibling, "list item", "list")


def _out_of_line(where: Where, sibling: int, what: str, group: str) -> str:
    """Which of two lines that should start in one column to move, and where to. Stories
    indent by two spaces a step, so when one of the two is at an odd column and the other
    is not, the odd one is the line out of place, even when it is the one above."""
    if what == "key":
        here, there = _key_col(where.here) or 0, _key_col(where.text(sibling)) or 0
    else:
        here, there = indent(where.here), indent(where.text(sibling))
    shown = where.text(sibling).strip()
    shown = shown.removeprefix("- ").lstrip() if what == "key" else shown
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    rule = f"{what}s of one {group} must start in the same column"
    if there % 2 and not here % 2:
        step = f"{_COUNT.get(abs(here - there), abs(here - there))} to the " + (
            "left" if here < there else "right")
        return (f"'{shown}' on line {sibling} starts at {there} spaces, but this {what} at "
                f"{here}: {rule}; move line {sibling} {step}")
    return (f"this {what} is indented by {here} spaces, but the {what} above it on line "
            f"{sibling} by {there}: {rule}; line it up with '{shown}' on line {sibling} "
            f"({there} spaces)")


def _indentation(where: Where, what: str = "line") -> str:
    found = _misaligned_item(where) or _misaligned_key(where)
    if found:
        return found
    above = where.previous()
    here = indent(where.here)
    if above is None:
        return f"this {what} is indented by {here} spaces where none was expected"
    there = indent(where.text(above))
    if here == there:
        return (f"this {what} does not fit the block it is in: check it and line {above} "
                "above it for a missing '- ', ':' or quote")
    if where.here.lstrip().startswith("- ") and what == "line":
        what = "list item"
    return (f"this {what} is indented differently from line {above} above it ({here} "
            f"spaces here, {there} there): lines of the same block must start in the same "
            "column, and a value that belongs to a key goes further in")


def _block_end(where: Where) -> str:
    """did not find expected key / '-' indicator: something unexpected after a value."""
    for rule in (_dash_without_space, _after_quote, _bracket_start):
        found = rule(where)
        if found:
            return found
    if "'-'" in where.problem or "block collection" in where.context:
        if not where.here.lstrip().startswith("-"):
            return _misaligned_key(where) or (
                "this line is inside a list but does not start with '- ': line it up with the "
                "key above the list, or start it with '- ' like the other items")
        return _indentation(where, "list item")
    return _indentation(where)


def _colon(where: Where) -> str:
    """mapping values are not allowed: a ': ' where a key cannot start."""
    found = (_key_without_space(where) or _key_without_colon(where)
             or _misaligned_item(where) or _misaligned_key(where))
    if found:
        return found
    before = where.before
    if re.search(r":\s", before) or re.match(r"^\s*-\s+\S", before):
        return ("a ': ' inside text that is not in quotes: put the whole value in quotes "
                "(text: \"Note: this one has a colon\")")
    above = where.previous()
    if above is not None and indent(where.here) > indent(where.text(above)):
        return (f"this line is indented more than line {above} above it ({indent(where.here)} "
                f"spaces here, {indent(where.text(above))} there): keys of the same mapping "
                "must start in the same column")
    return ("a ': ' where YAML does not expect a key: check the indentation of this line, "
            "or put the text in quotes")


def _start_char(where: Where) -> str:
    shown = _RESERVED_START.get(where.char, repr(where.char))
    return (f"a value cannot start with {shown} unless it is in quotes: put the whole value "
            "in quotes")


def _unclosed(where: Where) -> str:
    quote = where.char if where.char in "\"'" else "quote"
    return (f"the {quote} that starts here is never closed: end the text with a matching "
            f"{quote} on the same line")


def _flow(where: Where) -> str:
    close = "]" if "]" in where.problem else "}"
    opener = "[" if close == "]" else "{"
    return (f"the '{opener}' that starts this value is not closed with '{close}', or its "
            f"items are missing commas; if the value is text, put it in quotes")


def _simple_key(where: Where) -> str:
    n = where.context_line or where.line
    return (f"line {n} is not 'key: value': add ': ' after the key; if it continues the "
            "text above it, indent it further than that key, or put the text in quotes")


Rule = tuple[tuple[str, ...], Callable[[Where], str]]
_RULES: list[Rule] = [
    (("tab character",), lambda w: "a tab character is used for indentation; YAML needs spaces"),
    (("found unexpected end of stream", "unexpected document indicator"), _unclosed),
    (("unknown escape character", "hexdecimal", "escape"),
     lambda w: ("a backslash inside double quotes starts an escape: write \\\\ for a "
                "backslash, or put the text in single quotes")),
    (("alphabetic or numeric character",),
     lambda w: ("'*' or '&' at the start of a value marks a YAML alias or anchor: put the "
                "whole value in quotes (text: '*sigh* Fine.')")),
    (("comment or line break", "comment or a line break"),
     lambda w: ("after '>' or '|' the text starts on the next line, indented further than "
                "the key; or drop the '>' and put the text in quotes")),
    (("sequence entries are not allowed",),
     lambda w: ("a '- ' list item cannot follow a key on the same line: start the list on "
                "the next line, indented; if the '-' belongs to the text, put it in quotes")),
    (("mapping keys are not allowed",),
     lambda w: "a value cannot start with '?' unless it is in quotes: put it in quotes"),
    (("mapping values are not allowed",), _colon),
    (("directive",),
     lambda w: "a line that starts with '%' is a YAML directive: put the text in quotes"),
    (("cannot start any token", "tag handle"), _start_char),
    (("expected ',' or ']'", "expected ',' or '}'"), _flow),
    (("node content",),
     lambda w: ("a value is missing here, or starts with a character YAML reserves "
                "(, ] } | >): put the value in quotes")),
    (("could not find expected ':'",), _simple_key),
    (("expected key", "expected '-' indicator", "<block end>"), _block_end),
    (("<document start>",),
     lambda w: ("this line is outside the story's top-level mapping: check its indentation "
                "and the line above it")),
]


def explain(where: Where) -> str:
    """The author's mistake and its fix, in plain words, for one YAML syntax error."""
    for needles, rule in _RULES:
        if any(n in where.problem for n in needles):
            return rule(where)
    return "check the quotes and the indentation of this line and the one above it"


def open_quote(lines: list[str], line: int) -> tuple[int, int, str] | None:
    """Where a quoted value opened on an earlier line is still open at the start of
    `line` (line and column from 1, and the quote), or None.

    A quote left unclosed (`title: "My story`) makes the parser read on, often dozens of
    lines, until the next quote closes it, and then complain there. Stories write long text
    with '>' rather than quotes across lines, so a quote still open at the line the parser
    stopped on is nearly always the mistake, and that is where the author should look."""
    state: tuple[int, int, str] | None = None
    block: int | None = None  # inside a '>' or '|' text: lines indented more than this
    for n, text in enumerate(lines[: line - 1], start=1):
        if state is None and block is not None:
            if not text.strip() or indent(text) > block:
                continue
            block = None
        state, opens_block = _scan_line(text, n, state)
        if opens_block:
            block = indent(text)
    return state if state is not None and state[0] < line else None


def _scan_line(text: str, n: int, state: tuple[int, int, str] | None
               ) -> tuple[tuple[int, int, str] | None, bool]:
    """Carry the open quote (if any) through one line; also say whether the line's value
    starts a '>' or '|' block of text."""
    i, start = 0, state is None
    while i < len(text):
        ch = text[i]
        if state is not None:
            q = state[2]
            if q == '"' and ch == "\\":
                i += 2
                continue
            if ch == q and q == "'" and text[i + 1 : i + 2] == "'":
                i += 2
                continue
            if ch == q:
                return None, False  # closed: the rest of the line is not a value start
        elif start and ch in "\"'":
            state = (n, i + 1, ch)
        elif start and ch in ">|":
            return None, True
        elif ch == "#" and (i == 0 or text[i - 1] in " \t"):
            break
        elif ch in ":-" and text[i + 1 : i + 2] in (" ", "") and \
                (ch == ":" or text[:i].strip() == ""):
            start = True  # after 'key: ' or a list's '- ' a value starts
        elif ch != " ":
            start = False
        i += 1
    return state, False
