"""The start of the expression pipeline: source text in, a complete token list out.

The parser (`game.story.expr`) works on the whole list, so a bad character is reported at
its column before any parsing starts. Words authors bring from other languages or from YAML
(`yes`, `and`/`&&`, `=`) get a hint saying what to write instead.
"""

from __future__ import annotations

import re

import msgspec

from game.errors import ExpressionError
from game.story.expr_eval import Value

# Words authors reach for from other languages or from YAML itself, and what to write.
WORD_HINTS = {
    **dict.fromkeys(("yes", "Yes", "YES", "on", "On", "True", "TRUE"), "write 'true'"),
    **dict.fromkeys(("no", "No", "NO", "off", "Off", "False", "FALSE"), "write 'false'"),
    **{w: f"write '{w.lower()}' in lower case" for w in ("AND", "OR", "NOT", "And", "Or", "Not")},
    "is": "use '==' to compare", "equals": "use '==' to compare", "isnt": "use '!='",
    "null": "there is no empty value; use false or 0", "none": "use false or 0",
    "None": "use false or 0",
}
_FORBIDDEN_WORDS = frozenset({"lambda", "import"})
_SYMBOLS = ("==", "!=", "<=", ">=", "+=", "-=", "%+", "%-", *"<>=+-*/().")
_HINTS = {
    "&&": "use 'and' instead of '&&'",
    "||": "use 'or' instead of '||'",
    "**": "powers are not supported",
    "!": "use 'not' instead of '!'",
    "&": "use 'and' instead of '&'",
    "|": "use 'or' instead of '|'",
    "'": "strings are not supported (no text in quotes); compare with true, false or a number",
    '"': "strings are not supported (no text in quotes); compare with true, false or a number",
    "===": "'===' is not an operator (did you mean '=='?)",
    ">>": "'>>' is not an operator (did you mean '>='?)",
    "<<": "'<<' is not an operator (did you mean '<='?)",
    "<>": "'<>' is not an operator (did you mean '!='?)",
    "=!": "'=!' is not an operator (did you mean '!='?)",
    "≥": "write '>=' instead of '≥'",
    "≤": "write '<=' instead of '≤'",
    "≠": "write '!=' instead of '≠'",
    "[": "brackets are not supported",
    "]": "brackets are not supported",
    "%": "'%' is only valid as the fairmath operator '%+' or '%-'",
    ";": "';' separates effects and is only allowed in a list of effects",
}
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SEGMENT = re.compile(r"[A-Za-z0-9_]+")
_WORDLIKE = re.compile(r"[A-Za-z0-9_.]+")


class Tok(msgspec.Struct, frozen=True):
    kind: str  # "num", "name", "op" or "end"
    text: str
    col: int
    value: Value = 0


def fail(message: str, col: int, code: str = "E015") -> ExpressionError:
    return ExpressionError(message, col, code)


def show(tok: Tok) -> str:
    return "the end of the expression" if tok.kind == "end" else f"'{tok.text}'"


def _skip_space(src: str, pos: int) -> int:
    while pos < len(src) and src[pos] in " \t\r\n":
        pos += 1
    return pos


def tokenize(src: str) -> list[Tok]:
    """The tokens of `src`, ending with an "end" token; ExpressionError for what is not one.

    Every story's expressions are tokenized on each load, cached or not, so well-formed text
    takes one regex pass (`_tokenize_common`); anything that pass is not sure of goes
    through the exact tokenizer below, which also words every error."""
    common = _tokenize_common(src)
    return common if common is not None else _tokenize_exact(src)


# One token after optional space: a number, a name or a symbol (longest first).
_TOKEN = re.compile(r"[ \t\r\n]*(?:([0-9]+(?:\.[0-9]+)?)|([A-Za-z_][A-Za-z0-9_]*)"
                    r"|(==|!=|<=|>=|\+=|-=|%\+|%-|[<>=+\-*/().]))")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")


def _tokenize_common(src: str) -> list[Tok] | None:
    """What `_tokenize_exact` gives, or None wherever it might decide otherwise: after a
    '.', near a hint, a forbidden word, a long or malformed number, an unknown character."""
    toks: list[Tok] = []
    pos, after_dot = 0, False
    while m := _TOKEN.match(src, pos):
        num, name, op = m.groups()
        start, pos = m.start(m.lastindex or 0), m.end()
        if num is not None:
            if after_dot or src[pos:pos + 1] in _WORD_CHARS or (len(num) > 7 and any(
                    len(part) > 7 for part in num.split("."))):
                return None
            toks.append(Tok("num", num, start, float(num) if "." in num else int(num)))
        elif name is not None:
            if "__" in name or (name in _FORBIDDEN_WORDS and not after_dot):
                return None
            toks.append(Tok("name", name, start))
        else:
            # The exact tokenizer's order: a hint of 3, then 2, then 1 characters wins
            # over a symbol as short or shorter.
            if (src[start:start + 3] in _HINTS or src[start:start + 2] in _HINTS
                    or (len(op) == 1 and op in _HINTS)):
                return None
            toks.append(Tok("op", op, start))
        after_dot = op == "."
    if src[pos:].strip(" \t\r\n"):
        return None
    toks.append(Tok("end", "", len(src)))
    return toks


def _tokenize_exact(src: str) -> list[Tok]:
    toks: list[Tok] = []
    pos = _skip_space(src, 0)
    while pos < len(src):
        tok = _token_at(src, pos, bool(toks) and toks[-1].text == ".")
        # After a '.' the word is a flag or scene name, which may be any identifier.
        if tok.text in _FORBIDDEN_WORDS and not (toks and toks[-1].text == "."):
            raise fail(f"'{tok.text}' is not part of the expression language", pos)
        toks.append(tok)
        pos = _skip_space(src, pos + len(tok.text))
    toks.append(Tok("end", "", len(src)))
    return toks


def _token_at(src: str, pos: int, after_dot: bool) -> Tok:
    # Scene ids may start with a digit (`visits.2nd_date`), so after '.' digits are a name.
    if not after_dot and (m := _NUMBER.match(src, pos)):
        return _number(src, pos, m.group())
    if m := (_SEGMENT if after_dot else _NAME).match(src, pos):
        word = m.group()
        if "__" in word:
            raise fail(f"names containing '__' are not allowed: '{word}'", pos)
        return Tok("name", word, pos)
    for text in (src[pos : pos + 3], src[pos : pos + 2], src[pos]):
        if text in _HINTS:
            raise fail(_HINTS[text], pos)
        if text in _SYMBOLS:
            return Tok("op", text, pos)
    raise fail(f"unexpected character {src[pos]!r}", pos)


def _number(src: str, pos: int, text: str) -> Tok:
    m = _WORDLIKE.match(src, pos)
    whole = m.group() if m else text
    if whole != text:
        raise fail(f"malformed number '{whole}'", pos)
    if any(len(part) > 7 for part in text.split(".")):
        raise fail(f"number too large: '{text}' (at most 7 digits)", pos)
    value: Value = float(text) if "." in text else int(text)
    return Tok("num", text, pos, value)
