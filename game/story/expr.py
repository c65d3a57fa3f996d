"""Confide's own small expression language for story conditions and effects.

Stories are data that must be safe to share, so nothing here goes near Python's `eval`,
`exec`, `ast` or `compile`. A tokenizer and a recursive-descent parser type-check the source
once, at load time, and compile it to closures (`game.story.expr_eval`) that never raise.

Grammar, lowest precedence first::

    condition  := or
    or         := and ('or' and)*
    and        := not ('and' not)*
    not        := 'not' not | comparison
    comparison := sum (('==' | '!=' | '<' | '<=' | '>' | '>=') sum)?    # no chaining
    sum        := product (('+' | '-') product)*
    product    := unary (('*' | '/') unary)*
    unary      := '-' unary | primary
    primary    := NUMBER | 'true' | 'false' | reference | '(' or ')'
    reference  := 'flag.' NAME | 'visits.' SCENE | PARTNER '.' ATTR | CONDITION | ATTR
    effect     := target ('=' | '+=' | '-=' | '%+' | '%-') or

Arithmetic is bounded to [-1_000_000, 1_000_000]; `x / 0` is 0; `/` of two integers that
divide exactly gives an integer, otherwise a float.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.errors import ExpressionError
from game.story import expr_eval as ev
from game.story import expr_quick
from game.story.expr_eval import ARITH, BOOL, COMPARE, NUM, Env, Fn, Node, Ref, Value
from game.story.expr_names import Symbols, resolve_bare, resolve_dotted
from game.story.expr_quick import ASSIGN as _ASSIGN
from game.story.expr_quick import MAX_DEPTH, MAX_EXPANDED, MAX_LENGTH, check_target
from game.story.expr_tokens import WORD_HINTS, Tok, fail, show, tokenize

__all__ = [
    "Condition",
    "Effect",
    "Env",
    "Ref",
    "Symbols",
    "Value",
    "parse_condition",
    "parse_effect",
    "parse_effects",
]


@dataclass(frozen=True)
class Condition:
    """A compiled, type-checked condition; `evaluate` never raises for a well-formed Env."""

    source: str
    refs: frozenset[Ref]  # every reference read, through named conditions too
    _fn: Fn = field(repr=False, compare=False)
    # Characters of the named conditions it uses (their sources, and theirs in turn): what
    # one evaluation reads beyond its own text, for the deep lint's budget.
    expanded: int = 0

    def evaluate(self, env: Env) -> bool:
        return bool(self._fn(env))

    def __post_init__(self) -> None:
        # The closure itself as the instance's `evaluate`, sparing a call per condition (the
        # simulator evaluates several per move). It gives the same bool: every true/false
        # node yields a bool when the Env's true/false references are bools (see `Env`).
        object.__setattr__(self, "evaluate", self._fn)


@dataclass(frozen=True)
class Effect:
    """`target op rhs`; `refs` lists what the right-hand side reads, not the target itself."""

    source: str
    target: Ref
    op: str  # "=", "+=", "-=", "%+" or "%-"
    refs: frozenset[Ref]
    _fn: Fn = field(repr=False, compare=False)
    # Derived: the flag's name when the target is a flag, else None (the runtime asks on
    # every effect it runs, and this spares unpacking and comparing the target each time).
    flag: str | None = field(init=False, repr=False, compare=False)

    def compute(self, env: Env) -> Value:
        """The new value of `target`; the runtime clamps meters to [0, 100] when storing."""
        return self._fn(env)

    def __post_init__(self) -> None:
        # The closure itself as the instance's `compute` (an instance attribute wins over the
        # method, which does nothing else): effects run on most moves, and this spares a call.
        object.__setattr__(self, "compute", self._fn)
        object.__setattr__(self, "flag", self.target[1] if self.target[0] == "flag" else None)


def _check_length(source: str) -> None:
    if len(source) > MAX_LENGTH:
        msg = f"expression too long ({len(source)} characters, limit {MAX_LENGTH})"
        raise fail(msg, MAX_LENGTH)


class _Parser:
    def __init__(self, source: str, symbols: Symbols) -> None:
        _check_length(source)
        if not source.strip():
            raise fail("empty expression", 0)
        self.toks = tokenize(source)
        self.pos = 0
        self.depth = 0
        self.sym = symbols
        self.refs: set[Ref] = set()
        self.expanded = 0

    def peek(self) -> Tok:
        return self.toks[self.pos]

    def advance(self) -> Tok:
        tok = self.toks[self.pos]
        if tok.kind != "end":
            self.pos += 1
        return tok

    def nest(self, tok: Tok) -> None:
        # Checked explicitly so hostile input fails fast instead of hitting RecursionError.
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise fail(f"nesting deeper than {MAX_DEPTH} levels at '{tok.text}'", tok.col)

    def equals_hint(self) -> str:
        """A lone '=' in a condition; '=>' and '=<' are reversed '>=' and '<='."""
        after = self.toks[self.pos + 1].text if self.pos + 1 < len(self.toks) else ""
        if after in (">", "<"):
            return f"write '{after}=' (the '=' comes second)"
        return "use '==' to compare, '=' assigns"

    def finish(self) -> None:
        tok = self.peek()
        if tok.kind == "end":
            return
        if tok.text == "=":
            raise fail("use '==' to compare, '=' assigns", tok.col)
        if tok.text in _ASSIGN:
            raise fail(f"'{tok.text}' only starts an effect (target {tok.text} value)", tok.col)
        if tok.text in COMPARE:
            raise fail(f"comparisons cannot be chained: '{tok.text}'; use 'and'", tok.col)
        hint = f"; {WORD_HINTS[tok.text]}" if tok.text in WORD_HINTS else ""
        raise fail(f"unexpected {show(tok)} after a complete expression{hint}", tok.col)

    def expression(self) -> Node:
        left = self.conjunction()
        while self.peek().text == "or":
            op = self.advance()
            right = self.conjunction()
            _need(BOOL, op, left, right)
            left = ev.either(left.col, left, right)
        return left

    def conjunction(self) -> Node:
        left = self.negation()
        while self.peek().text == "and":
            op = self.advance()
            right = self.negation()
            _need(BOOL, op, left, right)
            left = ev.both(left.col, left, right)
        return left

    def negation(self) -> Node:
        tok = self.peek()
        if tok.text != "not":
            return self.comparison()
        self.nest(self.advance())
        operand = self.negation()
        self.depth -= 1
        _need(BOOL, tok, operand)
        return ev.negate_bool(tok.col, operand)

    def comparison(self) -> Node:
        left = self.sum()
        op = self.peek()
        if op.text == "=":
            raise fail(self.equals_hint(), op.col)
        if op.text not in COMPARE:
            return left
        self.advance()
        right = self.sum()
        if (nxt := self.peek()).text in COMPARE:
            raise fail(f"comparisons cannot be chained: '{nxt.text}'; use 'and'", nxt.col)
        if op.text in ("==", "!="):
            if left.kind != right.kind:
                msg = f"'{op.text}' compares a {left.kind} with a {right.kind}"
                raise fail(msg, op.col, "E017")
        else:
            _need(NUM, op, left, right)
        return ev.binary(BOOL, left.col, COMPARE[op.text], left, right)

    def sum(self) -> Node:
        left = self.product()
        while self.peek().text in ("+", "-"):
            op = self.advance()
            right = self.product()
            _need(NUM, op, left, right)
            left = ev.binary(NUM, left.col, ARITH[op.text], left, right)
        return left

    def product(self) -> Node:
        left = self.unary()
        while self.peek().text in ("*", "/"):
            op = self.advance()
            right = self.unary()
            _need(NUM, op, left, right)
            left = ev.binary(NUM, left.col, ARITH[op.text], left, right)
        return left

    def unary(self) -> Node:
        tok = self.peek()
        if tok.text != "-":
            return self.primary()
        self.nest(self.advance())
        operand = self.unary()
        self.depth -= 1
        _need(NUM, tok, operand)
        return ev.negate_number(tok.col, operand)

    def primary(self) -> Node:
        tok = self.peek()
        if tok.kind == "num":
            self.advance()
            return ev.constant(NUM, tok.col, tok.value)
        if tok.text in ("true", "false"):
            self.advance()
            return ev.constant(BOOL, tok.col, tok.text == "true")
        if tok.kind == "name" and tok.text not in ("and", "or", "not"):
            named = self.named(tok)
            if named is not None:
                return named
            ref, kind = self.reference()
            self.refs.add(ref)
            return ev.reference(kind, tok.col, ref)
        if tok.text != "(":
            where = "at" if tok.kind == "end" else "but got"
            raise fail(f"expected a value {where} {show(tok)}", tok.col)
        self.nest(self.advance())
        node = self.expression()
        close = self.advance()
        if close.text != ")":
            msg = f"expected ')' to close the '(' at column {tok.col}, got {show(close)}"
            raise fail(msg, close.col)
        self.depth -= 1
        return ev.at(node, tok.col)

    def named(self, tok: Tok) -> Node | None:
        """A named condition used by its bare name: its compiled body, read in place."""
        found = self.sym.conditions.get(tok.text)
        if found is None or self.toks[self.pos + 1].text in (".", "("):
            return None
        if not self.sym.closing and found.reads_closing:
            raise fail(f"the named condition '{tok.text}' reads what an ending's closing "
                       "sentences name (cost.ID and the like), so it can be used only in the "
                       "lines of an ending scene (authoring.md section 13)", tok.col, "E016")
        self.advance()
        self.refs |= found.refs
        self.expanded += found.size
        if self.expanded > MAX_EXPANDED:
            raise fail(f"the named conditions used here come to more than {MAX_EXPANDED:,} "
                       "characters of conditions to work out each time: use fewer, or "
                       "shorter ones", tok.col)
        return Node(BOOL, tok.col, found.fn)

    def reference(self) -> tuple[Ref, str]:
        head = self.advance()
        if self.peek().text != ".":
            self._no_call(head)
            return resolve_bare(self.sym, head)
        self.advance()
        attr = self.advance()
        if attr.kind != "name":
            raise fail(f"expected a name after '{head.text}.', got {show(attr)}", attr.col)
        nxt = self.peek()
        if nxt.text == ".":
            dotted = f"{head.text}.{attr.text}."
            raise fail(f"only one '.' is allowed in a reference: '{dotted}'", nxt.col)
        self._no_call(attr)
        return resolve_dotted(self.sym, head, attr)

    def _no_call(self, name: Tok) -> None:
        if self.peek().text == "(":
            raise fail(f"calls are not allowed: '{name.text}('", name.col)

    def effect(self, source: str) -> Effect:
        first = self.peek()
        if first.kind != "name":
            raise fail(f"an effect must start with what it changes, not {show(first)}", first.col)
        named = first.text
        if first.text == "flag" and self.toks[self.pos + 1].text == ".":
            named = self.toks[self.pos + 2].text if self.pos + 2 < len(self.toks) else ""
        if named in self.sym.conditions:
            raise fail(f"'{named}' is a named condition, worked out wherever it is used "
                       "from what it says under 'conditions:'; it cannot be set (set the "
                       "flags it reads instead)", first.col)
        target, kind = self.reference()
        op = self.advance()
        if op.text not in _ASSIGN:
            hint = " (use '=' to assign)" if op.text == "==" else ""
            msg = f"expected '=', '+=', '-=', '%+' or '%-' after the target, got {show(op)}{hint}"
            raise fail(msg, op.col)
        rhs = self.expression()
        self.finish()
        check_target(target, kind, first, op, rhs)
        integral = target[0] == "flag" and kind == NUM and self.sym.flags[target[1]] is int
        fn = ev.assignment(op.text, target, rhs, kind, integral)
        return Effect(source.strip(), target, op.text, frozenset(self.refs), fn)


def _need(kind: str, op: Tok, *operands: Node) -> None:
    for node in operands:
        if node.kind != kind:
            raise fail(f"'{op.text}' needs a {kind}, but this is a {node.kind}", node.col, "E017")


def parse_condition(source: str, symbols: Symbols) -> Condition:
    """Compile a condition; raises ExpressionError (E015 syntax, E016 names, E017 types)."""
    quick = expr_quick.condition(source, symbols)
    if quick is not None:
        return Condition(source, quick[1], quick[0], quick[2])
    return exact_condition(source, symbols)


def exact_condition(source: str, symbols: Symbols) -> Condition:
    """The exact parser alone: what the quick pass must agree with, and every error."""
    parser = _Parser(source, symbols)
    node = parser.expression()
    parser.finish()
    if node.kind != BOOL:
        raise fail(f"a condition must be true/false, but this is a {node.kind}: a condition is "
                   "a test such as `flag.met and sam.trust > 40`; compare the number with "
                   "something (`sam.trust > 50`)", node.col, "E017")
    return Condition(source, frozenset(parser.refs), node.fn, parser.expanded)


def parse_effect(source: str, symbols: Symbols) -> Effect:
    """Compile one effect such as `sam.trust %+ 20`; raises ExpressionError."""
    quick = expr_quick.effect(source, symbols)
    if quick is not None:
        target, op, fn, refs = quick
        return Effect(source.strip(), target, op, refs, fn)
    return exact_effect(source, symbols)


def exact_effect(source: str, symbols: Symbols) -> Effect:
    """The exact parser alone, for one effect."""
    return _Parser(source, symbols).effect(source)


def parse_effects(source: str, symbols: Symbols) -> list[Effect]:
    """Compile effects separated by ';' (a trailing ';' is allowed); columns stay absolute."""
    _check_length(source)
    parts = source.split(";")
    effects: list[Effect] = []
    start = 0
    for i, part in enumerate(parts):
        if not part.strip():
            if i == len(parts) - 1 and effects:
                break
            raise fail("empty effect" if len(parts) > 1 else "empty expression", start)
        try:
            effects.append(parse_effect(part, symbols))
        except ExpressionError as err:
            raise ExpressionError(err.message, err.column + start, err.code) from None
        start += len(part) + 1
    return effects
