"""The compiled end of the expression pipeline: closures over an `Env`.

`game.story.expr` holds the grammar and the public API; this module holds the compiled form
it builds (its tokens come from `game.story.expr_tokens`). The parser builds a tree of
`Node`s bottom-up; each node already holds the closure that evaluates it, so nothing is interpreted
at play time. Constant sub-trees are folded while building, and the commonest shapes
(`ref OP literal`, `not ref`) get a closure of their own, so a typical condition costs a
handful of Python calls.

Play time must never raise, so the arithmetic here is total:

* every arithmetic result is clamped to [`LOW`, `HIGH`] ("bounded results");
* `x / 0` is 0;
* `/` on two integers that divide exactly gives an integer, otherwise a float.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping
from typing import Protocol, TypeAlias

import msgspec

from game.model.fairmath import fair_add, fair_sub

Value: TypeAlias = int | float | bool
Ref: TypeAlias = tuple[str, str]

LOW = -1_000_000
HIGH = 1_000_000
BOOL = "true/false value"
NUM = "number"


# Attribute of a partner -> its type; trust and defence are the meters effects may change.
ATTRIBUTES: dict[str, str] = {
    "trust": NUM,
    "defence": NUM,
    "reached": NUM,
    "opened": NUM,
    "topics": NUM,
    "deepened": BOOL,
    "ruptured": BOOL,
    "moves": NUM,
    "heard": NUM,
    "hurt": NUM,
    "closeness": NUM,
}
METERS = frozenset({"trust", "defence"})


class Env(Protocol):
    """Whatever the runtime (or a test) uses to answer references. A true/false reference
    (a bool flag, `ruptured`, `deepened`) must be answered with a bool, so that a compiled
    condition gives a bool (see `Condition`).

    Flags and visit counts are read straight from `flags` and `visits` (a closure reads one
    with a subscript, where a call to `lookup` would cost a Python call per reference: the
    simulator reads several per move); `lookup` answers a partner's attributes, and any
    reference for an Env built on it alone (`LookupEnv`)."""

    @property
    def flags(self) -> Mapping[str, Value]: ...

    @property
    def visits(self) -> Mapping[str, int]: ...

    def lookup(self, ref: Ref) -> Value: ...


class LookupEnv:
    """An Env that answers every reference through its `lookup` (tests, tools): its `flags`
    and `visits` are views that ask it."""

    @property
    def flags(self) -> Mapping[str, Value]:
        return _View(self, "flag")

    @property
    def visits(self) -> Mapping[str, int]:
        return _View(self, "visits")  # type: ignore[return-value]  # visits are ints

    def lookup(self, ref: Ref) -> Value:
        raise NotImplementedError


class _View(Mapping[str, Value]):
    """The references under one head (`flag`, `visits`) of a `LookupEnv`, by name."""

    def __init__(self, env: LookupEnv, head: str) -> None:
        self.env, self.head = env, head

    def __getitem__(self, name: str) -> Value:
        return self.env.lookup((self.head, name))

    def __iter__(self) -> Iterator[str]:
        return iter(())  # names are asked for, never listed

    def __len__(self) -> int:
        return 0


Fn: TypeAlias = Callable[[Env], Value]
BinOp: TypeAlias = Callable[[Value, Value], Value]


class Node(msgspec.Struct, frozen=True):
    """A type-checked, compiled sub-expression (a Struct: each expression makes several
    while a story loads, and a Struct is built in C).

    `const` and `ref` let a parent fold or specialise; a value can never be None, so None
    safely means "not a constant" / "not a bare reference".
    """

    kind: str  # BOOL or NUM
    col: int  # where the sub-expression starts, for type errors
    fn: Fn
    const: Value | None = None
    ref: Ref | None = None


def clamp(x: Value) -> Value:
    return LOW if x < LOW else HIGH if x > HIGH else x


# `clamp` written out in each operator: a call fewer per operation on the simulator's path.
def add(a: Value, b: Value) -> Value:
    x = a + b
    return LOW if x < LOW else HIGH if x > HIGH else x


def sub(a: Value, b: Value) -> Value:
    x = a - b
    return LOW if x < LOW else HIGH if x > HIGH else x


def mul(a: Value, b: Value) -> Value:
    x = a * b
    return LOW if x < LOW else HIGH if x > HIGH else x


def div(a: Value, b: Value) -> Value:
    if b == 0:
        return 0
    if isinstance(a, int) and isinstance(b, int) and a % b == 0:
        return clamp(a // b)
    return clamp(a / b)


def fair_up(x: Value, p: Value) -> Value:
    """`%+`: the model's own fairmath increase (one definition, game/model/fairmath.py)."""
    return fair_add(float(x), float(p))


def fair_down(x: Value, p: Value) -> Value:
    """`%-`: the model's own fairmath decrease."""
    return fair_sub(float(x), float(p))


def at(node: Node, col: int) -> Node:
    return Node(node.kind, col, node.fn, node.const, node.ref)


def constant(kind: str, col: int, value: Value) -> Node:
    def fn(env: Env) -> Value:
        return value

    return Node(kind, col, fn, const=value)


def reference(kind: str, col: int, ref: Ref) -> Node:
    return Node(kind, col, reader(ref), ref=ref)


def reader(ref: Ref) -> Fn:
    """The closure reading `ref`: a flag or a visit count straight from the Env's mapping,
    a partner's attribute through `lookup` (see `Env`)."""
    head, name = ref
    if head == "flag":
        return lambda env: env.flags[name]
    if head == "visits":
        return lambda env: env.visits.get(name, 0)
    return lambda env: env.lookup(ref)


def binary(kind: str, col: int, op: BinOp, left: Node, right: Node) -> Node:
    if left.const is not None and right.const is not None:
        return constant(kind, col, op(left.const, right.const))
    return Node(kind, col, _binary_fn(op, left, right))


def _binary_fn(op: BinOp, left: Node, right: Node) -> Fn:
    lf, rf = left.fn, right.fn
    lr, rr = left.ref, right.ref
    # `ref OP constant`, the commonest shape, reads its reference inline (no call for it).
    if right.const is not None:
        c = right.const
        if lr is not None:
            return _with_constant(op, lr, c)
        return lambda env: op(lf(env), c)
    if left.const is not None:
        k = left.const
        if rr is not None and rr[0] not in _MAPPED:
            return lambda env: op(k, env.lookup(rr))
        return lambda env: op(k, rf(env))
    if lr is not None and lr[0] not in _MAPPED:  # a partner's attribute against a sum
        if rr is not None and rr[0] not in _MAPPED:
            return lambda env: op(env.lookup(lr), env.lookup(rr))
        return lambda env: op(env.lookup(lr), rf(env))
    return lambda env: op(lf(env), rf(env))


_MAPPED = ("flag", "visits")  # heads read from the Env's mappings rather than `lookup`


def _with_constant(op: BinOp, ref: Ref, c: Value) -> Fn:
    """`ref OP c`, the reference read where `reader` would read it, without calling it."""
    head, name = ref
    if head == "flag":
        return lambda env: op(env.flags[name], c)
    if head == "visits":
        return lambda env: op(env.visits.get(name, 0), c)
    return lambda env: op(env.lookup(ref), c)


def negate_number(col: int, operand: Node) -> Node:
    if operand.const is not None:
        return constant(NUM, col, clamp(-operand.const))
    f = operand.fn
    return Node(NUM, col, lambda env: clamp(-f(env)))


def negate_bool(col: int, operand: Node) -> Node:
    if operand.const is not None:
        return constant(BOOL, col, not operand.const)
    r, f = operand.ref, operand.fn
    if r is not None and r[0] == "flag":
        name = r[1]
        return Node(BOOL, col, lambda env: not env.flags[name])
    if r is not None and r[0] not in _MAPPED:
        return Node(BOOL, col, lambda env: not env.lookup(r))
    return Node(BOOL, col, lambda env: not f(env))


def both(col: int, left: Node, right: Node) -> Node:
    """`and`; folding is safe because evaluation has no side effects."""
    if left.const is not None:
        return at(right if left.const else left, col)
    if right.const is not None:
        return at(left if right.const else right, col)
    lf, rf = left.fn, right.fn
    if left.ref is not None and left.ref[0] == "flag":  # `flag.x and ...`: read inline
        name = left.ref[1]
        return Node(BOOL, col, lambda env: env.flags[name] and rf(env))
    return Node(BOOL, col, lambda env: lf(env) and rf(env))


def either(col: int, left: Node, right: Node) -> Node:
    """`or`, folded like `both`."""
    if left.const is not None:
        return at(left if left.const else right, col)
    if right.const is not None:
        return at(right if right.const else left, col)
    lf, rf = left.fn, right.fn
    if left.ref is not None and left.ref[0] == "flag":  # `flag.x or ...`, as in `both`
        name = left.ref[1]
        return Node(BOOL, col, lambda env: env.flags[name] or rf(env))
    return Node(BOOL, col, lambda env: lf(env) or rf(env))


COMPARE: dict[str, BinOp] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
ARITH: dict[str, BinOp] = {"+": add, "-": sub, "*": mul, "/": div}
_UPDATES: dict[str, BinOp] = {"+=": add, "-=": sub, "%+": fair_up, "%-": fair_down}


def assignment(op: str, target: Ref, rhs: Node, kind: str, integral: bool) -> Fn:
    """The closure computing the new value of `target`.

    An int flag must stay an int in saves, so its result is truncated towards zero.
    """
    rf = rhs.fn
    # One closure per shape rather than a closure wrapped in another for int flags: an
    # `on_enter` such as `flag.mark = sam.closeness` runs on every entry of its scene.
    if op == "=":
        if kind == BOOL:
            return rf
        if integral:
            return lambda env: int(clamp(rf(env)))
        return lambda env: clamp(rf(env))
    update = _UPDATES[op]
    current = reader(target)
    if integral:
        return lambda env: int(update(current(env), rf(env)))
    return lambda env: update(current(env), rf(env))
