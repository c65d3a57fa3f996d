"""Random expressions straight into the compiler: a compiled expression or an ExpressionError
with a known code and a column inside the source, and compiled ones never raise when run."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.errors import ExpressionError
from game.story.diagnostics import CODES
from game.story.expr import Ref, Symbols, Value, parse_condition, parse_effects
from game.story.expr_eval import ATTRIBUTES, BOOL, LookupEnv

from .harness import EXPRESSIONS, HANG_SECONDS, budget, count, time_limit
from .strategies import bool_expr, effect_expr, expressions, num_expr

SYMBOLS = Symbols(
    partners=frozenset({"sam", "kim"}),
    flags={"waved": bool, "met": bool, "count": int},
    scenes=frozenset({"hello", "one"}),
    default_partner="sam",
)
# Numbers a running story can hold: meters in [0, 100], counters, and the arithmetic bounds.
numbers = st.one_of(st.integers(-1_000_000, 1_000_000),
                    st.floats(-1_000_000, 1_000_000, allow_nan=False))


class Env(LookupEnv):
    """Answers every reference with a value of its declared type, drawn by hypothesis."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data
        self.values: dict[Ref, Value] = {}

    def lookup(self, ref: Ref) -> Value:
        if ref not in self.values:
            head, name = ref
            is_bool = (SYMBOLS.flags.get(name) is bool if head == "flag"
                       else head != "visits" and ATTRIBUTES[name] == BOOL)
            strategy: st.SearchStrategy[Value] = st.booleans() if is_bool else numbers
            self.values[ref] = self.data.draw(strategy)
        value = self.values[ref]
        return int(value) if head_is_int(ref) else value


def head_is_int(ref: Ref) -> bool:
    return ref[0] == "visits" or (ref[0] == "flag" and SYMBOLS.flags.get(ref[1]) is int)


def refused_properly(exc: ExpressionError, source: str) -> None:
    assert exc.code in CODES and exc.code in ("E015", "E016", "E017"), exc.code
    assert 0 <= exc.column <= len(source), (exc.column, len(source), exc.message)
    assert exc.message.strip() and "\n" not in exc.message


sources = st.one_of(expressions, bool_expr(), effect_expr(), num_expr())


@given(sources, st.data())
@budget(0.5)
def test_random_conditions(source: str, data: st.DataObject) -> None:
    count("conditions", EXPRESSIONS)
    with time_limit(HANG_SECONDS, f"parse_condition({source!r})"):
        try:
            cond = parse_condition(source, SYMBOLS)
        except ExpressionError as exc:
            refused_properly(exc, source)
            return
        assert isinstance(cond.evaluate(Env(data)), bool)


@given(sources, st.data())
@budget(0.5)
def test_random_effects(source: str, data: st.DataObject) -> None:
    count("effects", EXPRESSIONS)
    with time_limit(HANG_SECONDS, f"parse_effects({source!r})"):
        try:
            effects = parse_effects(source, SYMBOLS)
        except ExpressionError as exc:
            refused_properly(exc, source)
            return
        env = Env(data)
        for effect in effects:
            value = effect.compute(env)
            assert isinstance(value, (bool, int, float))
            assert isinstance(value, bool) == (effect.target in
                                               {("flag", "waved"), ("flag", "met")})
