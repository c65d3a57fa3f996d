"""The quick pass over well-formed expressions gives exactly what the exact parser gives
(the same references, the same value in every state, the same target and operator), and
leaves everything else, every error among it, to the exact parser."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.errors import ExpressionError
from game.story import expr_quick
from game.story.expr import (
    Condition,
    Effect,
    Ref,
    Symbols,
    Value,
    exact_condition,
    exact_effect,
    parse_condition,
    parse_effect,
)
from game.story.expr_eval import ATTRIBUTES, BOOL, LookupEnv
from tests.fuzz.strategies import bool_expr, effect_expr, num_expr

SYMBOLS = Symbols(partners=frozenset({"sam", "kim", "lambda"}),
                  flags={"met": bool, "count": int, "import": bool},
                  scenes=frozenset({"s5", "hello", "2nd"}), default_partner="sam")
# Pieces of well-formed text and of every way text can go wrong: hints, forbidden words,
# digits after a '.', long and malformed numbers, unknown characters, each kind of space.
PIECES = ["flag.met", "flag.count", "visits.s5", "visits.2nd", "sam.trust", "kim.deepened",
          "trust", "defence", "flag", ".", "met", "import", "lambda", "a__b", "flag.import",
          "1", "2", "1.5", "7654321", "12345678", "0.12345678", "1.", "1and", "1.5.2", "=",
          "==", "===", "!", "!=", "=!", "<", ">", "<=", ">=", "<>", ">>", "+", "-", "+=",
          "-=", "%", "%+", "%-", "*", "**", "/", "(", ")", "&&", "|", "'", ";", "≥", " ",
          " ", " ", "\t", "\n", "\xa0", "\v", "and", "or", "not", "true", "false", "yes",
          "x", "é", "sam.", "(flag.met)", "- 3", "trust(", "flag.met.x"]


NUMBERS = ["flag.count", "visits.s5", "sam.trust", "trust", "defence", "1", "0", "2.5", "40",
           "(trust + 1)", "-flag.count", "- - 2", "sam . trust", "kim.defense"]
BOOLS = ["flag.met", "kim.deepened", "true", "false", "(flag.met)", "not flag.met",
         "flag.import", "not not sam.ruptured"]
SPACES = ["", " ", "  ", "\t", "\n"]


def _text(rng: random.Random) -> str:
    """A condition or an effect that is mostly well formed, now and then with a piece
    that breaks it."""
    def num() -> list[str]:
        words = [rng.choice(NUMBERS)]
        for _ in range(rng.randint(0, 2)):
            words += [rng.choice("+-*/"), rng.choice(NUMBERS)]
        return words

    def test() -> list[str]:
        if rng.random() < 0.4:
            return [rng.choice(BOOLS)]
        return [*num(), rng.choice(["==", "!=", "<", "<=", ">", ">="]), *num()]

    words = test()
    for _ in range(rng.randint(0, 2)):
        words += [rng.choice(["and", "or"]), *test()]
    if rng.random() < 0.3:
        target = rng.choice(["sam.trust", "defence", "flag.count", "flag.met"])
        words = [target, rng.choice(["=", "+=", "-=", "%+", "%-"]), *(
            num() if target != "flag.met" else words)]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words) + 1), rng.choice(PIECES))
    return "".join(w + rng.choice(SPACES) for w in words)


def _state(rng: random.Random) -> dict[Ref, Value]:
    refs: list[Ref] = [(p, a) for p in SYMBOLS.partners for a in ATTRIBUTES]
    refs += [("flag", f) for f in SYMBOLS.flags] + [("visits", s) for s in SYMBOLS.scenes]
    state: dict[Ref, Value] = {}
    for ref in refs:
        head, name = ref
        is_bool = (SYMBOLS.flags[name] is bool if head == "flag"
                   else head != "visits" and ATTRIBUTES[name] == BOOL)
        state[ref] = (rng.random() < 0.5 if is_bool else
                      rng.choice([0, 1, 2, 40, 100, -3, 0.5, 999_999]))
    return state


class Env(LookupEnv):
    def __init__(self, values: dict[Ref, Value]) -> None:
        self.values = values

    def lookup(self, ref: Ref) -> Value:
        return self.values[ref]


STATES = [Env(_state(random.Random(seed))) for seed in range(6)]


def _same_condition(quick: Condition, exact: Condition) -> None:
    assert (quick.source, quick.refs) == (exact.source, exact.refs)
    for env in STATES:
        assert quick.evaluate(env) == exact.evaluate(env), quick.source


def _same_effect(quick: Effect, exact: Effect) -> None:
    assert (quick.source, quick.target, quick.op, quick.refs) == (
        exact.source, exact.target, exact.op, exact.refs)
    for env in STATES:
        got, want = quick.compute(env), exact.compute(env)
        assert (got, type(got)) == (want, type(want)), quick.source


def _agrees(src: str) -> tuple[bool, bool]:
    """Whether the quick pass took `src` as a condition and as an effect; it may only take
    what the exact parser accepts, and must then give the same thing."""
    taken = []
    for quick_pass, exact, same in ((expr_quick.condition, exact_condition, _same_condition),
                                    (expr_quick.effect, exact_effect, _same_effect)):
        quick = quick_pass(src, SYMBOLS)
        taken.append(quick is not None)
        if quick is None:
            continue
        try:
            want = exact(src, SYMBOLS)
        except ExpressionError as exc:
            pytest.fail(f"the quick pass took {src!r}, the exact parser refused it: {exc}")
        got = parse_condition(src, SYMBOLS) if exact is exact_condition else parse_effect(
            src, SYMBOLS)
        same(got, want)  # type: ignore[operator]
    return taken[0], taken[1]


@pytest.mark.parametrize("seed", range(2))
def test_the_quick_pass_agrees_with_the_exact_parser_on_random_text(seed: int) -> None:
    rng = random.Random(seed)
    conditions = effects = 0
    for _ in range(2500):
        src = (_text(rng) if rng.random() < 0.7 else
               "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 7))))
        as_condition, as_effect = _agrees(src)
        conditions += as_condition
        effects += as_effect
    assert conditions > 300 and effects > 100  # the quick pass is really used


@given(st.one_of(bool_expr(), effect_expr(), num_expr()))
@settings(max_examples=100, deadline=None)
def test_the_quick_pass_agrees_on_the_fuzz_suites_expressions(src: str) -> None:
    _agrees(src)


@pytest.mark.parametrize("src", ["flag.met and visits.s5 > 0", "sam.trust >= 20 or flag.count > 2",
                                 "not (trust - 2 * defence / 3 < -1.5)", "kim.deepened == true"])
def test_common_conditions_take_the_quick_pass(src: str) -> None:
    assert expr_quick.condition(src, SYMBOLS) is not None


@pytest.mark.parametrize("src", ["sam.trust %+ 10", "flag.count += 1", "flag.met = not flag.met",
                                 " defence %- 5 "])
def test_common_effects_take_the_quick_pass(src: str) -> None:
    assert expr_quick.effect(src, SYMBOLS) is not None


@pytest.mark.parametrize("src", ["trust > 1and flag.met", "trust > 1.5.2", "visits.2nd > 0",
                                 "flag.import", "lambda.trust > 1", "a__b", "trust > 12345678",
                                 "trust\xa0> 1", "trust ≥ 1", "trust > 1 > 0", "trust = 1",
                                 "trust", "(" * 65 + "true" + ")" * 65, "x" * 1001, " ",
                                 "nobody.trust > 1", "flag.met == 1", "trust(1) > 0"])
def test_what_is_not_plainly_well_formed_goes_to_the_exact_parser(src: str) -> None:
    assert expr_quick.condition(src, SYMBOLS) is None
    _agrees(src)
