"""The quick pass over well-formed expressions: the exact parser's result, sooner.

Every load compiles every distinct expression of the story, cached or not (a cache hit
rebuilds the closures from the entry's text, never trusting a stored form), and a big
story has a thousand distinct conditions. The exact parser (`game.story.expr`) words every
mistake precisely, at the cost of a token object, a column and eight levels of calls per
value. This pass reads the same grammar from a plain list of token strings, builds the
same nodes with the same constructors (`game.story.expr_eval`), and gives up (None) at
anything that is not plainly well formed: an unknown character, a hint, a long number, a
name with '__', a forbidden word, a type mismatch, an unknown name, deep nesting. The exact
parser then reads that text again and words the error. So the quick pass can only ever
return what the exact one returns; tests/story/test_expr_quick.py checks this on random
text and on the fuzz suite's expressions.

Columns only word errors, and this pass never words one, so its nodes carry column 0.
"""

from __future__ import annotations

import re

from game.errors import ExpressionError
from game.story import expr_eval as ev
from game.story.expr_eval import ARITH, BOOL, COMPARE, METERS, NUM, Fn, Node, Ref
from game.story.expr_names import Symbols, lookup_bare, lookup_dotted
from game.story.expr_tokens import Tok, fail

MAX_LENGTH = 1000
# Characters of named conditions one expression may use, counting theirs in turn: each use
# is worked out in full, so without a bound a chain of conditions each using the one
# before twice would take twice as long per link (sixty links: centuries).
MAX_EXPANDED = 20 * MAX_LENGTH
MAX_DEPTH = 64
ASSIGN = frozenset({"=", "+=", "-=", "%+", "%-"})

# A number, a name, a two-character symbol, or any other single character (which no
# rule below accepts unless it is a symbol): findall skips only the spaces the exact
# tokenizer skips, so no character goes unseen.
# A number runs on through letters, digits and dots, so that '1and' or '1.5.2' is one
# token that `_NUMBER` then refuses, as the exact tokenizer calls it a malformed number.
_TOKENS = re.compile(r"[0-9][A-Za-z0-9_.]*|[A-Za-z_][A-Za-z0-9_]*|[=!<>]=|[+\-]=|%[+\-]"
                     r"|[^ \t\r\n]")
_NUMBER = re.compile(r"[0-9]{1,7}(?:\.[0-9]{1,7})?")
_DIGITS = frozenset("0123456789")
_NAME_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_KEYWORDS = frozenset({"and", "or", "not", "true", "false"})
_FORBIDDEN = frozenset({"lambda", "import"})
# Binary operators by level, loosest first; 0 (not an operator) ends every level.
_OR, _AND, _COMPARE, _SUM, _PRODUCT = 1, 2, 3, 4, 5
_LEVELS = {"or": _OR, "and": _AND, **dict.fromkeys(COMPARE, _COMPARE),
           "+": _SUM, "-": _SUM, "*": _PRODUCT, "/": _PRODUCT}
_END = ""


class _GiveUp(Exception):
    """Not plainly well formed: the exact parser decides."""


class _Quick:
    __slots__ = ("depth", "expanded", "i", "refs", "sym", "toks")

    def __init__(self, source: str, symbols: Symbols) -> None:
        if len(source) > MAX_LENGTH:
            raise _GiveUp
        toks = _TOKENS.findall(source)
        if not toks:
            raise _GiveUp
        toks.append(_END)
        self.toks: list[str] = toks
        self.i = 0
        self.depth = 0
        self.sym = symbols
        self.refs: set[Ref] = set()
        self.expanded = 0

    def take(self) -> str:
        tok = self.toks[self.i]
        if not tok:  # the end: findall never gives an empty token
            raise _GiveUp
        self.i += 1
        return tok

    def nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _GiveUp

    def expression(self, least: int = _OR) -> Node:
        """Precedence climbing: the operators of level `least` and tighter, each level
        read as the exact parser's grammar reads it (a value costs three calls, not nine)."""
        toks = self.toks
        if least <= _COMPARE and toks[self.i] == "not":  # 'not' takes a comparison
            self.i += 1
            self.nest()
            operand = self.expression(_COMPARE)
            self.depth -= 1
            if operand.kind != BOOL:
                raise _GiveUp
            left = ev.negate_bool(0, operand)
        else:
            left = self.unary()
        while (level := _LEVELS.get(toks[self.i], 0)) >= least:
            op = toks[self.i]
            self.i += 1
            right = self.expression(level + 1)
            if level == _COMPARE:  # no chaining; '==' and '!=' compare values of one kind
                if toks[self.i] in COMPARE or (
                        left.kind != right.kind if op in ("==", "!=") else
                        left.kind != NUM or right.kind != NUM):
                    raise _GiveUp
                left = ev.binary(BOOL, 0, COMPARE[op], left, right)
            elif level in (_SUM, _PRODUCT):
                if left.kind != NUM or right.kind != NUM:
                    raise _GiveUp
                left = ev.binary(NUM, 0, ARITH[op], left, right)
            elif left.kind != BOOL or right.kind != BOOL:
                raise _GiveUp
            else:
                left = (ev.either if op == "or" else ev.both)(0, left, right)
        return left

    def unary(self) -> Node:
        if self.toks[self.i] != "-":
            return self.primary()
        self.i += 1
        self.nest()
        operand = self.unary()
        self.depth -= 1
        if operand.kind != NUM:
            raise _GiveUp
        return ev.negate_number(0, operand)

    def primary(self) -> Node:
        tok = self.take()
        first = tok[0]
        if first in _DIGITS:
            if not _NUMBER.fullmatch(tok):
                raise _GiveUp
            return ev.constant(NUM, 0, float(tok) if "." in tok else int(tok))
        if tok == "true" or tok == "false":
            return ev.constant(BOOL, 0, tok == "true")
        if first in _NAME_START:
            named = self.sym.conditions.get(tok)
            if named is not None and self.toks[self.i] not in (".", "("):
                if not self.sym.closing and named.reads_closing:
                    raise _GiveUp  # the exact parser words the error
                self.refs |= named.refs
                self.expanded += named.size
                if self.expanded > MAX_EXPANDED:
                    raise _GiveUp
                return Node(BOOL, 0, named.fn)
            ref, kind = self.reference(tok)
            self.refs.add(ref)
            return ev.reference(kind, 0, ref)
        if tok != "(":
            raise _GiveUp
        self.nest()
        node = self.expression()
        if self.take() != ")":
            raise _GiveUp
        self.depth -= 1
        return node

    def reference(self, head: str) -> tuple[Ref, str]:
        """`head` is a name token already taken."""
        if head in _KEYWORDS or head in _FORBIDDEN or "__" in head:
            raise _GiveUp
        if self.toks[self.i] != ".":
            if self.toks[self.i] == "(":
                raise _GiveUp
            found = lookup_bare(self.sym, head)
        else:
            self.i += 1
            attr = self.take()
            if attr[0] not in _NAME_START or "__" in attr or attr in _FORBIDDEN or (
                    self.toks[self.i] in (".", "(")):
                raise _GiveUp
            found = lookup_dotted(self.sym, head, attr)
        if found is None:  # an unknown name
            raise _GiveUp
        return found

    def end(self) -> None:
        if self.toks[self.i]:
            raise _GiveUp


def condition(source: str, symbols: Symbols) -> tuple[Fn, frozenset[Ref], int] | None:
    """A condition's closure, the references it reads and the characters of the named
    conditions it uses (`Condition.expanded`), or None: ask the exact parser."""
    try:
        quick = _Quick(source, symbols)
        node = quick.expression()
        quick.end()
    except (_GiveUp, ExpressionError):
        return None
    if node.kind != BOOL:
        return None
    return node.fn, frozenset(quick.refs), quick.expanded


def effect(source: str, symbols: Symbols) -> tuple[Ref, str, Fn, frozenset[Ref]] | None:
    """One effect's target, operator, closure and right-hand references, or None."""
    try:
        quick = _Quick(source, symbols)
        head = quick.take()
        if head[0] not in _NAME_START:
            return None
        target, kind = quick.reference(head)
        op = quick.take()
        if op not in ASSIGN:
            return None
        rhs = quick.expression()
        quick.end()
        check_target(target, kind, Tok("name", head, 0), Tok("op", op, 0), rhs)
    except (_GiveUp, ExpressionError):
        return None
    integral = target[0] == "flag" and kind == NUM and symbols.flags[target[1]] is int
    return target, op, ev.assignment(op, target, rhs, kind, integral), frozenset(quick.refs)


def check_target(target: Ref, kind: str, first: Tok, op: Tok, rhs: Node) -> None:
    """What an effect may change, and with what: ExpressionError (E017) otherwise."""
    shown = ".".join(target)
    is_flag = target[0] == "flag"
    if target[0] == "visits" or (not is_flag and target[1] not in METERS):
        raise fail(f"cannot assign to '{shown}'", first.col, "E017")
    if op.text in ("%+", "%-") and not (kind == NUM and not is_flag):
        raise fail(f"'{op.text}' only applies to trust and defence, not '{shown}'",
                      op.col, "E017")
    if kind == BOOL and op.text != "=":
        raise fail(f"'{op.text}' cannot change true/false '{shown}'; use '='", op.col, "E017")
    if rhs.kind != kind:
        raise fail(f"'{shown}' needs a {kind}, but this is a {rhs.kind}", rhs.col, "E017")
