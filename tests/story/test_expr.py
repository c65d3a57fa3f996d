"""Tests for the story expression language (`game.story.expr`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from game.errors import ExpressionError
from game.story.expr import (
    Condition,
    Effect,
    Ref,
    Symbols,
    Value,
    parse_condition,
    parse_effect,
    parse_effects,
)
from game.story.expr_eval import LookupEnv

SYM = Symbols(
    partners=frozenset({"sam", "alex"}),
    flags={"lied": bool, "met": bool, "count": int, "score": int},
    scenes=frozenset({"intro", "cafe", "2nd_date"}),
    default_partner="sam",
)
NO_DEFAULT = Symbols(SYM.partners, SYM.flags, SYM.scenes, None)


class DictEnv(LookupEnv):
    def __init__(self, values: dict[Ref, Value]) -> None:
        self.values = values

    def lookup(self, ref: Ref) -> Value:
        return self.values[ref]


def base_values() -> dict[Ref, Value]:
    values: dict[Ref, Value] = {
        ("sam", "trust"): 40,
        ("sam", "defence"): 30,
        ("sam", "reached"): 2,
        ("sam", "opened"): 1,
        ("sam", "topics"): 3,
        ("sam", "deepened"): True,
        ("sam", "ruptured"): False,
        ("alex", "trust"): 10,
        ("alex", "defence"): 80,
        ("alex", "reached"): 0,
        ("alex", "opened"): 0,
        ("alex", "topics"): 0,
        ("alex", "deepened"): False,
        ("alex", "ruptured"): True,
        ("flag", "lied"): False,
        ("flag", "met"): True,
        ("flag", "count"): 3,
        ("flag", "score"): -4,
        ("visits", "intro"): 2,
        ("visits", "cafe"): 0,
        ("visits", "2nd_date"): 1,
    }
    return values


ENV = DictEnv(base_values())


def cond(source: str, env: DictEnv = ENV) -> bool:
    return parse_condition(source, SYM).evaluate(env)


def rejects(parse: Any, source: str, symbols: Symbols = SYM) -> ExpressionError:
    with pytest.raises(ExpressionError) as info:
        parse(source, symbols)
    return info.value


# --- evaluation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("sam.trust >= 40 and not flag.lied", True),
        ("sam.trust > 40", False),
        ("trust == 40", True),
        ("defence < trust", True),
        ("defense == 30", True),
        ("alex.defense == 80", True),
        ("deepened", True),
        ("ruptured", False),
        ("alex.ruptured and not alex.deepened", True),
        ("topics == 3 and reached >= 2 and opened != 0", True),
        ("visits.intro == 2", True),
        ("visits.2nd_date == 1", True),
        ("visits.cafe > 0", False),
        ("flag.count + flag.score == -1", True),
        ("flag.met == true", True),
        ("flag.lied != false", False),
        ("true", True),
        ("false", False),
        ("1 + 2 * 3 == 7", True),
        ("(1 + 2) * 3 == 9", True),
        ("10 - 4 - 3 == 3", True),
        ("12 / 2 / 3 == 2", True),
        ("-2 * 3 == -6", True),
        ("- -2 == 2", True),
        ("--2 == 2", True),
        ("trust - -5 == 45", True),
        ("1.5 * 2 == 3", True),
        ("7 / 2 == 3.5", True),
        ("6 / 3 == 2", True),
        ("-7 / 2 == -3.5", True),
        ("7 / 0 == 0", True),
        ("trust / 0 == 0", True),
        ("trust / (topics - 3) == 0", True),
        ("0 / 0 == 0", True),
        ("9999999 * 9999999 == 1000000", True),
        ("0 - 9999999 * 2 == -1000000", True),
        ("-9999999 == -1000000", True),
        ("trust * 100000 == 1000000", True),
        ("not 1 > 2", True),
        ("true or false and false", True),
        ("(true or false) and false", False),
        ("not true or true", True),
        ("not (true or true)", False),
        ("not not flag.met", True),
        ("not flag.lied and flag.met", True),
        ("flag.lied or flag.met", True),
        ("flag.lied or trust < 0", False),
        ("false and flag.met", False),
        ("flag.met and false", False),
        ("true and flag.met", True),
        ("flag.lied or true", True),
        ("  trust\t>\n1  ", True),
        ("sam . trust > 1", True),
        ("(((((trust)))) > ((1)))", True),
        ("(trust > 1) == (defence > 1)", True),
        ("0000001 == 1", True),
    ],
)
def test_evaluates(source: str, expected: bool) -> None:
    assert cond(source) is expected


def test_condition_reads_current_env_values() -> None:
    c = parse_condition("sam.trust >= 40 and not flag.lied", SYM)
    values = base_values()
    assert c.evaluate(DictEnv(values)) is True
    values[("sam", "trust")] = 39
    assert c.evaluate(DictEnv(values)) is False
    values[("sam", "trust")] = 90
    values[("flag", "lied")] = True
    assert c.evaluate(DictEnv(values)) is False


def test_condition_records_every_reference() -> None:
    c = parse_condition(
        "sam.trust > 1 and visits.intro > 0 or flag.met or alex.defense > 3 or deepened", SYM
    )
    assert c.refs == {
        ("sam", "trust"),
        ("visits", "intro"),
        ("flag", "met"),
        ("alex", "defence"),
        ("sam", "deepened"),
    }
    assert c.source.startswith("sam.trust")


def test_references_in_folded_branches_are_still_recorded() -> None:
    c = parse_condition("false and flag.met", SYM)
    assert c.refs == {("flag", "met")}
    assert c.evaluate(DictEnv({})) is False


def test_constant_condition_needs_no_env() -> None:
    assert parse_condition("1 + 1 == 2 and not false", SYM).evaluate(DictEnv({})) is True


def test_condition_equality_ignores_compiled_closure() -> None:
    a = parse_condition("trust > 1", SYM)
    b = parse_condition("trust > 1", SYM)
    assert a == b
    assert hash(a) == hash(b)
    assert isinstance(a, Condition)


def test_clamps_values_coming_from_the_env() -> None:
    env = DictEnv({**base_values(), ("sam", "trust"): 5_000_000})
    assert cond("trust + 0 == 1000000", env)
    assert cond("-trust == -1000000", env)
    assert cond("trust == 5000000", env)  # a bare reference is read, not computed


# --- rejections ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "code", "column", "fragment"),
    [
        ("sam.trust.real >= 1", "E015", 9, "only one '.'"),
        ("flag.lie", "E016", 5, "unknown flag 'lie'"),
        ("visits.nowhere > 0", "E016", 7, "unknown scene 'nowhere'"),
        ("bob.trust > 1", "E016", 0, "unknown partner 'bob'"),
        ("sam.charm > 1", "E016", 4, "unknown attribute 'charm'"),
        ("sam.1 > 0", "E016", 4, "unknown attribute '1'"),
        ("charm > 1", "E016", 0, "unknown name 'charm'"),
        ("lied", "E016", 0, "did you mean 'flag.lied'"),
        ("cafe > 1", "E016", 0, "did you mean 'visits.cafe'"),
        ("sam > 1", "E016", 0, "'sam' needs a '.'"),
        ("flag", "E016", 0, "'flag' needs a '.'"),
        ("True", "E016", 0, "write 'true'"),
        ("flag.lied && flag.met", "E015", 10, "use 'and'"),
        ("flag.lied || flag.met", "E015", 10, "use 'or'"),
        ("flag.lied & flag.met", "E015", 10, "use 'and'"),
        ("!flag.lied", "E015", 0, "use 'not'"),
        ("trust = 5", "E015", 6, "use '==' to compare"),
        ("(trust = 5)", "E015", 7, "use '==' to compare"),
        ("trust(5) > 1", "E015", 0, "calls are not allowed: 'trust('"),
        ("sam.trust(1)", "E015", 4, "calls are not allowed: 'trust('"),
        ("max (1)", "E015", 0, "calls are not allowed"),
        ("2 ** 3 > 1", "E015", 2, "powers are not supported"),
        ("'a' == 'a'", "E015", 0, "strings are not supported"),
        ('trust == "x"', "E015", 9, "strings are not supported"),
        ("trust[0] > 1", "E015", 5, "brackets are not supported"),
        ("lambda: true", "E015", 0, "'lambda'"),
        ("true and import", "E015", 9, "'import'"),
        ("flag.__class__", "E015", 5, "'__class__'"),
        ("__import__", "E015", 0, "'__'"),
        ("trust > 12345678", "E015", 8, "number too large"),
        ("trust > 1.12345678", "E015", 8, "number too large"),
        ("trust > 1.2.3", "E015", 8, "malformed number '1.2.3'"),
        ("trust > 5x", "E015", 8, "malformed number '5x'"),
        ("trust > 1.", "E015", 8, "malformed number '1.'"),
        ("trust > .5", "E015", 8, "expected a value but got '.'"),
        ("1 < 2 < 3", "E015", 6, "cannot be chained"),
        ("(1 < 2 < 3)", "E015", 7, "cannot be chained"),
        ("1 == 1 != true", "E015", 7, "cannot be chained"),
        ("trust > 1 )", "E015", 10, "unexpected ')'"),
        ("(trust > 1", "E015", 10, "expected ')'"),
        ("trust > ", "E015", 8, "expected a value at the end"),
        ("trust > 1 and and true", "E015", 14, "expected a value but got 'and'"),
        ("trust > 1 true", "E015", 10, "unexpected 'true'"),
        ("", "E015", 0, "empty expression"),
        ("   \n", "E015", 0, "empty expression"),
        ("trust > 1 $", "E015", 10, "unexpected character '$'"),
        ("trust > 1 % 2", "E015", 10, "'%'"),
        ("é > 1", "E015", 0, "unexpected character 'é'"),
        ("trust > 1; flag.met", "E015", 9, "';'"),
        ("trust %+ 5", "E015", 6, "only starts an effect"),
        ("trust += 5", "E015", 6, "only starts an effect"),
        ("+1 > 0", "E015", 0, "expected a value but got '+'"),
    ],
)
def test_condition_rejections(source: str, code: str, column: int, fragment: str) -> None:
    err = rejects(parse_condition, source)
    assert (err.code, err.column) == (code, column), err.message
    assert fragment in err.message


def test_unknown_flag_lists_declared_flags_and_close_matches() -> None:
    err = rejects(parse_condition, "flag.lie")
    assert err.message == (
        "unknown flag 'lie' (did you mean 'lied'?); declared flags: count, lied, met, score"
    )


def test_suggestion_listing_is_capped_at_five() -> None:
    many = Symbols(frozenset({"sam"}), {f"f{i}": bool for i in range(9)}, frozenset())
    err = rejects(parse_condition, "flag.zzz", many)
    assert err.message.endswith("declared flags: f0, f1, f2, f3, f4, ...")
    none = Symbols(frozenset({"sam"}), {}, frozenset())
    assert "there are no declared flags" in rejects(parse_condition, "flag.x", none).message


def test_bare_attribute_without_default_partner() -> None:
    err = rejects(parse_condition, "trust > 1", NO_DEFAULT)
    assert (err.code, err.column) == ("E016", 0)
    assert "'trust' needs a partner" in err.message
    assert parse_condition("sam.trust > 1", NO_DEFAULT).evaluate(ENV)


def test_too_long_source_is_rejected() -> None:
    ok = "trust > 1" + " " * 991
    assert len(ok) == 1000
    assert parse_condition(ok, SYM).evaluate(ENV)
    err = rejects(parse_condition, ok + " ")
    assert (err.code, err.column) == ("E015", 1000)
    assert "too long" in err.message


def test_nesting_up_to_64_parentheses_is_fine() -> None:
    assert cond("(" * 64 + "true" + ")" * 64)


@pytest.mark.parametrize(
    ("source", "column"),
    [
        ("(" * 65 + "true" + ")" * 65, 64),
        ("(" * 900, 64),
        ("not " * 65 + "true", 256),
        ("-" * 65 + "1 < 0", 64),
        ("(-" * 40 + "1" + ")" * 40 + " < 0", 64),
    ],
)
def test_deep_nesting_fails_fast(source: str, column: int) -> None:
    # The column proves the parser stopped at the limit instead of reading on (the "(" * 900
    # case fails at 64, not at the end); no clock, so a loaded machine cannot fail it.
    err = rejects(parse_condition, source)
    assert (err.code, err.column) == ("E015", column)
    assert "nesting deeper than 64" in err.message


@pytest.mark.parametrize(
    ("source", "column", "fragment"),
    [
        ("trust", 0, "a condition must be true/false"),
        ("trust + 1", 0, "a condition must be true/false"),
        ("trust and flag.met", 0, "'and' needs a true/false value, but this is a number"),
        ("flag.met or 1", 12, "'or' needs a true/false value"),
        ("not trust", 4, "'not' needs a true/false value"),
        ("flag.met + 1 > 0", 0, "'+' needs a number, but this is a true/false value"),
        ("1 * flag.met > 0", 4, "'*' needs a number"),
        ("deepened < 3", 0, "'<' needs a number"),
        ("3 >= ruptured", 5, "'>=' needs a number"),
        ("-flag.met == 1", 1, "'-' needs a number"),
        ("1 == true", 2, "'==' compares a number with a true/false value"),
        ("flag.count == flag.met", 11, "'==' compares"),
        ("flag.met != 0", 9, "'!=' compares"),
        ("(trust + 1) and true", 0, "'and' needs a true/false value"),
        ("true and (1)", 9, "'and' needs a true/false value"),
    ],
)
def test_type_errors(source: str, column: int, fragment: str) -> None:
    err = rejects(parse_condition, source)
    assert (err.code, err.column) == ("E017", column), err.message
    assert fragment in err.message


def test_int_flags_are_numbers_and_bool_flags_are_not() -> None:
    assert cond("flag.count > 2")
    assert rejects(parse_condition, "flag.met > 2").code == "E017"
    assert rejects(parse_condition, "flag.count").code == "E017"


# --- effects -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "op", "expected"),
    [
        ("trust %+ 50", ("sam", "trust"), "%+", 70.0),
        ("trust %- 50", ("sam", "trust"), "%-", 20.0),
        ("sam.defence %+ 100", ("sam", "defence"), "%+", 100.0),
        ("sam.defence %- 100", ("sam", "defence"), "%-", 0.0),
        ("alex.trust %+ 0", ("alex", "trust"), "%+", 10.0),
        ("defense = 12", ("sam", "defence"), "=", 12),
        ("alex.defense -= 5", ("alex", "defence"), "-=", 75),
        ("alex.trust += 5", ("alex", "trust"), "+=", 15),
        ("trust -= 50", ("sam", "trust"), "-=", -10),
        ("trust += topics * 2", ("sam", "trust"), "+=", 46),
        ("trust = 9999999 * 10", ("sam", "trust"), "=", 1_000_000),
        ("trust = 9999999", ("sam", "trust"), "=", 1_000_000),
        ("trust += 1 / 0", ("sam", "trust"), "+=", 40),
        ("flag.count += 2", ("flag", "count"), "+=", 5),
        ("flag.count -= 0.5", ("flag", "count"), "-=", 2),
        ("flag.count = 7 / 2", ("flag", "count"), "=", 3),
        ("flag.score = -7 / 2", ("flag", "score"), "=", -3),
        ("flag.count += visits.intro", ("flag", "count"), "+=", 5),
        ("flag.lied = true", ("flag", "lied"), "=", True),
        ("flag.lied = not flag.lied", ("flag", "lied"), "=", True),
        ("flag.met = trust > 50", ("flag", "met"), "=", False),
        ("flag.met = (defence > 1) == deepened", ("flag", "met"), "=", True),
    ],
)
def test_effects(source: str, target: Ref, op: str, expected: Value) -> None:
    effect = parse_effect(source, SYM)
    assert isinstance(effect, Effect)
    assert (effect.target, effect.op) == (target, op)
    result = effect.compute(ENV)
    assert result == expected
    assert type(result) is type(expected)


def test_effect_refs_list_the_right_hand_side_only() -> None:
    effect = parse_effect("flag.count += visits.intro + alex.topics", SYM)
    assert effect.refs == {("visits", "intro"), ("alex", "topics")}
    assert parse_effect("trust %+ 10", SYM).refs == frozenset()
    assert parse_effect("  trust %+ 10  ", SYM).source == "trust %+ 10"


def test_fairmath_stays_within_meter_bounds() -> None:
    for start in range(0, 101, 5):
        for p in range(0, 101, 5):
            env = DictEnv({("sam", "trust"): start})
            up = parse_effect(f"trust %+ {p}", SYM).compute(env)
            down = parse_effect(f"trust %- {p}", SYM).compute(env)
            assert start <= up <= 100
            assert 0 <= down <= start


@pytest.mark.parametrize(
    ("source", "code", "column", "fragment"),
    [
        ("visits.intro = 1", "E017", 0, "cannot assign to 'visits.intro'"),
        ("sam.topics += 1", "E017", 0, "cannot assign to 'sam.topics'"),
        ("deepened = true", "E017", 0, "cannot assign to 'sam.deepened'"),
        ("alex.reached = 1", "E017", 0, "cannot assign"),
        ("flag.lied += 1", "E017", 10, "'+=' cannot change true/false 'flag.lied'"),
        ("flag.lied = 1", "E017", 12, "'flag.lied' needs a true/false value"),
        ("flag.count %+ 5", "E017", 11, "'%+' only applies to trust and defence"),
        ("flag.met %- 5", "E017", 9, "'%-' only applies to trust and defence"),
        ("flag.count = true", "E017", 13, "'flag.count' needs a number"),
        ("trust = flag.met", "E017", 8, "'sam.trust' needs a number"),
        ("trust += flag.met and true", "E017", 9, "needs a number"),
        ("trust == 5", "E015", 6, "use '=' to assign"),
        ("trust", "E015", 5, "got the end of the expression"),
        ("trust 5", "E015", 6, "got '5'"),
        ("5 = trust", "E015", 0, "must start with what it changes"),
        ("(trust) = 1", "E015", 0, "must start with what it changes"),
        ("trust = 1 = 2", "E015", 10, "use '=='"),
        ("trust = 1 += 2", "E015", 10, "only starts an effect"),
        ("trust += 1 + ", "E015", 13, "expected a value"),
        ("flag.nope = true", "E016", 5, "unknown flag 'nope'"),
        ("sam.trust.x = 1", "E015", 9, "only one '.'"),
        ("trust(1) = 2", "E015", 0, "calls are not allowed"),
        ("trust = 1; defence = 2", "E015", 9, "';'"),
        ("", "E015", 0, "empty expression"),
    ],
)
def test_effect_rejections(source: str, code: str, column: int, fragment: str) -> None:
    err = rejects(parse_effect, source)
    assert (err.code, err.column) == (code, column), err.message
    assert fragment in err.message


def test_parse_effects_splits_on_semicolons() -> None:
    effects = parse_effects("trust += 1; flag.met = false;alex.trust %+ 50 ;", SYM)
    assert [(e.target, e.op, e.source) for e in effects] == [
        (("sam", "trust"), "+=", "trust += 1"),
        (("flag", "met"), "=", "flag.met = false"),
        (("alex", "trust"), "%+", "alex.trust %+ 50"),
    ]
    assert [e.compute(ENV) for e in effects] == [41, False, 55.0]
    assert len(parse_effects("trust = 1", SYM)) == 1


@pytest.mark.parametrize(
    ("source", "code", "column", "fragment"),
    [
        ("trust += 1; flag.nope = true", "E016", 17, "unknown flag 'nope'"),
        ("trust += 1;; flag.met = true", "E015", 11, "empty effect"),
        ("trust += 1; flag.met = 1", "E017", 23, "needs a true/false value"),
        (";", "E015", 0, "empty effect"),
        ("", "E015", 0, "empty expression"),
        ("  ", "E015", 0, "empty expression"),
        ("trust = 1;" * 101, "E015", 1000, "too long"),
    ],
)
def test_parse_effects_reports_absolute_columns(
    source: str, code: str, column: int, fragment: str
) -> None:
    err = rejects(parse_effects, source)
    assert (err.code, err.column) == (code, column), err.message
    assert fragment in err.message


# --- safety and speed ----------------------------------------------------------------------


def test_no_python_evaluation_machinery_is_used() -> None:
    root = Path(__file__).resolve().parents[2] / "game" / "story"
    names = ("expr.py", "expr_eval.py", "expr_tokens.py")
    paths = [root / name for name in names if (root / name).exists()]
    assert root / "expr.py" in paths  # the parser itself is always checked
    for path in paths:
        name = path.name
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(?<![\w.])(eval|exec|compile)\(", text), name
        assert not re.search(r"^\s*(import ast|from ast )", text, re.MULTILINE), name


# Whitespace-separated so the list stays readable; " " and "\t" are added separately.
FUZZ_WORDS = """
    sam alex . trust defense defence topics deepened ruptured reached opened flag lied met
    count score visits intro cafe 2nd_date x True lambda __x ( ) and or not true false
    == != < <= > >= + - * / = += -= %+ %- ; ** && || ! 0 1 7 2.5 1234567 12345678 1.
    ' " [ ] % $ é
"""
FUZZ_TOKENS = [*FUZZ_WORDS.split(), " ", "\t"]


def check_never_raises_unexpectedly(source: str) -> None:
    try:
        assert parse_condition(source, SYM).evaluate(ENV) in (True, False)
    except ExpressionError as err:
        assert err.code in ("E015", "E016", "E017")
        assert 0 <= err.column <= len(source)
    for parse in (parse_effect, parse_effects):
        try:
            result = parse(source, SYM)
        except ExpressionError as err:
            assert 0 <= err.column <= len(source)
            continue
        for effect in result if isinstance(result, list) else [result]:
            assert isinstance(effect.compute(ENV), int | float | bool)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_fuzz_arbitrary_text(source: str) -> None:
    check_never_raises_unexpectedly(source)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(FUZZ_TOKENS), max_size=25), st.sampled_from(["", " "]))
def test_fuzz_token_soup(tokens: list[str], sep: str) -> None:
    check_never_raises_unexpectedly(sep.join(tokens))


# --- differential test against a reference evaluator --------------------------------------

Tree = tuple[Any, ...]
NUM_REFS: list[tuple[str, Value]] = [
    ("trust", 40),
    ("alex.defence", 80),
    ("flag.score", -4),
    ("visits.intro", 2),
    ("sam.topics", 3),
]
PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "leaf": 4}


def bounded(x: float) -> float:
    return max(-1_000_000, min(1_000_000, x))


def reference_eval(tree: Tree) -> float:
    tag = tree[0]
    if tag == "leaf":
        leaf: float = tree[2]  # an int or a float, kept as it is
        return leaf
    if tag == "neg":
        return bounded(-reference_eval(tree[1]))
    a, b = reference_eval(tree[1]), reference_eval(tree[2])
    if tag == "+":
        return bounded(a + b)
    if tag == "-":
        return bounded(a - b)
    if tag == "*":
        return bounded(a * b)
    if b == 0:
        return 0
    both_int = isinstance(a, int) and isinstance(b, int)
    return bounded(a // b if both_int and a % b == 0 else a / b)


def render(tree: Tree, minimal: bool) -> str:
    tag = tree[0]
    if tag == "leaf":
        return str(tree[1])
    if tag == "neg":
        inner = render(tree[1], minimal)
        return f"-{inner}" if minimal and PREC[tree[1][0]] >= PREC["neg"] else f"-({inner})"
    left, right = render(tree[1], minimal), render(tree[2], minimal)
    if not minimal or PREC[tree[1][0]] < PREC[tag]:
        left = f"({left})"
    # Left-associative: an equal-precedence right operand needs its parentheses.
    if not minimal or PREC[tree[2][0]] <= PREC[tag]:
        right = f"({right})"
    return f"{left} {tag} {right}"


def depth(tree: Tree) -> int:
    return 0 if tree[0] == "leaf" else 1 + max(depth(t) for t in tree[1:])


int_leaf = st.integers(0, 9_999_999).map(lambda v: ("leaf", str(v), v))
float_leaf = st.tuples(st.integers(0, 999), st.integers(0, 999)).map(
    lambda p: ("leaf", f"{p[0]}.{p[1]}", float(f"{p[0]}.{p[1]}"))
)
ref_leaf = st.sampled_from(NUM_REFS).map(lambda r: ("leaf", r[0], r[1]))
arith_tree = st.recursive(
    st.one_of(int_leaf, float_leaf, ref_leaf, st.just(("leaf", "0", 0))),
    lambda kids: st.one_of(
        st.tuples(st.sampled_from(["+", "-", "*", "/"]), kids, kids),
        st.tuples(st.just("neg"), kids),
    ),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(arith_tree, st.booleans())
def test_arithmetic_matches_reference(tree: Tree, minimal: bool) -> None:
    assume(depth(tree) < 25)
    source = f"trust = {render(tree, minimal)}"
    assume(len(source) <= 1000)
    # `=` bounds its result too, which matters when the whole tree is one big literal.
    assert parse_effect(source, SYM).compute(ENV) == bounded(reference_eval(tree))


BOOL_LEAVES: list[tuple[str, bool]] = [
    ("flag.lied", False),
    ("flag.met", True),
    ("deepened", True),
    ("alex.deepened", False),
    ("true", True),
    ("false", False),
    ("trust > 39", True),
    ("visits.cafe >= 1", False),
    ("flag.count == 3", True),
]
BOOL_PREC = {"or": 1, "and": 2, "not": 3, "leaf": 4}
bool_tree = st.recursive(
    st.sampled_from(BOOL_LEAVES).map(lambda leaf: ("leaf", *leaf)),
    lambda kids: st.one_of(
        st.tuples(st.sampled_from(["and", "or"]), kids, kids),
        st.tuples(st.just("not"), kids),
    ),
    max_leaves=12,
)


def bool_reference(tree: Tree) -> bool:
    tag = tree[0]
    if tag == "leaf":
        return bool(tree[2])
    if tag == "not":
        return not bool_reference(tree[1])
    if tag == "and":
        return bool_reference(tree[1]) and bool_reference(tree[2])
    return bool_reference(tree[1]) or bool_reference(tree[2])


def bool_render(tree: Tree) -> str:
    tag = tree[0]
    if tag == "leaf":
        return str(tree[1])
    if tag == "not":
        inner = bool_render(tree[1])
        return f"not {inner}" if BOOL_PREC[tree[1][0]] >= BOOL_PREC["not"] else f"not ({inner})"
    parts = []
    for child in tree[1:]:
        text = bool_render(child)
        parts.append(f"({text})" if BOOL_PREC[child[0]] < BOOL_PREC[tag] else text)
    return f" {tag} ".join(parts)


@settings(max_examples=300, deadline=None)
@given(bool_tree)
def test_logic_matches_reference(tree: Tree) -> None:
    assume(depth(tree) < 25)
    source = bool_render(tree)
    assume(len(source) <= 1000)
    assert parse_condition(source, SYM).evaluate(ENV) is bool_reference(tree)


@pytest.mark.parametrize(("src", "hint"), [("sam.trust => 40", "'>='"),
                                           ("sam.trust =< 40", "'<='")])
def test_reversed_comparison_gets_a_precise_hint(src: str, hint: str) -> None:
    symbols = Symbols(frozenset({"sam"}), {}, frozenset(), "sam")
    with pytest.raises(ExpressionError, match=hint) as info:
        parse_condition(src, symbols)
    assert info.value.code == "E015" and info.value.column == 10
