"""Reading a story file's bytes as text, and wording what goes wrong on the way: bad
encodings, refused characters and YAML syntax errors, each as one located diagnostic an
author can act on (the hints themselves are in yamlhints.py). Split from yamlread.py, which
builds the tree."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from game.safetext import describe_char
from game.story.diagnostics import Diagnostic, Mark
from game.story.yamlhints import Where, explain, open_quote

if TYPE_CHECKING:
    import yaml

def decode(raw: bytes, shown: str) -> str | Diagnostic:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Mark(shown, 1, 1).diag("E002", "file is UTF-16; save it as UTF-8")
    if b"\x00" in raw[:8192]:
        return Mark(shown, 1, 1).diag("E002", "file looks binary (it contains NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        return Diagnostic(shown, line, col, "error", "E002",
                          f"byte 0x{bad} is not valid UTF-8; save the file as UTF-8")


# Characters YAML lets through in any scalar that no story text may hold: they reorder
# what a terminal shows. Other controls can only come from double-quoted escapes.
_BIDI_CHARS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{_BIDI_CHARS}]")
# What str.splitlines() splits at, so lines can be looked at one by one without splitting all.
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def only_comments(text: str) -> bool:
    """Whether every line is blank or a comment. Most files have a key on their first
    line, so lines are taken one at a time rather than all split up front."""
    rest = text.lstrip()
    if not rest or rest[0] != "#":
        return not rest  # the first thing written is a key or value, or there is nothing
    start = 0
    for brk in _LINE_BREAK.finditer(text):
        line = text[start:brk.start()].lstrip()
        if line and not line.startswith("#"):
            return False
        start = brk.end()
    line = text[start:].lstrip()
    return not line or line.startswith("#")


def refused_character(text: str, shown: str) -> Diagnostic | None:
    # Searching for each of the few characters is far quicker than one character class.
    if text.isascii() or not any(ch in text for ch in _BIDI_CHARS):
        return None
    found = _BIDI.search(text)
    if found is None:
        return None
    before = text[: found.start()]
    line = before.count("\n") + 1
    col = found.start() - (before.rfind("\n") + 1) + 1
    return Diagnostic(shown, line, col, "error", "E032", control_message(found.group()))


def control_message(ch: str) -> str:
    return (f"text contains the control character {describe_char(ch)}, which could change "
            "how a terminal or the window shows it; remove it")


def bad_character(exc: yaml.reader.ReaderError, shown: str, text: str) -> Diagnostic:
    before = text[: exc.position]
    line = before.count("\n") + 1
    col = exc.position - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return Diagnostic(shown, line, col, "error", "E004",
                      f"character U+{code:04X} is not allowed in YAML text; remove it")


def syntax_error(exc: yaml.MarkedYAMLError, shown: str, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
        mark = exc.context_mark  # point at what was left open, not at the end of the file
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    lines = text.splitlines()
    here = lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""
    if here == "\t" or "'\\t'" in problem:
        problem = "a tab character is used for indentation; YAML needs spaces"
    if "nesting depth" in problem:
        return Diagnostic(shown, line, col, "error", "E006", f"nesting too deep: {problem}")
    opened = open_quote(lines, line) if here != "\t" else None
    if opened is not None:
        start, at, quote = opened
        return Diagnostic(shown, start, at, "error", "E004", (
            f"YAML syntax error: the {quote} that starts this value is never closed on its "
            f"line, so the text runs on to line {line}: end it with a matching {quote} "
            f"(YAML: {problem})"))
    if here != "\t" and "tab character is used" not in problem:
        context_line = exc.context_mark.line + 1 if exc.context_mark else None
        where = Where(problem, exc.context or "", lines, line, col, context_line)
        problem = f"{explain(where)} (YAML: {problem})"
    return Diagnostic(shown, line, col, "error", "E004", f"YAML syntax error: {problem}")
