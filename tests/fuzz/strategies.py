"""Hypothesis strategies for the fuzz suite: YAML-ish data, raw text and bytes, expressions.

The generators lean towards what a story contains (its keys, ids, expressions, asset
paths) so that random documents get past the YAML reader and reach the schema, the
builder and the expression compiler, where most of the loader's logic lives.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml
from hypothesis import strategies as st

from game.story.schema import Choice, Partner, Scene, Story

# Every key the format knows, plus the ids and landing names stories use as keys.
FIELD_NAMES = sorted({
    *(f.alias or n for model in (Story, Scene, Choice, Partner) for n, f in
      model.model_fields.items()),
    "player", "partners", "outcome", "reflection", "speaker", "text", "to", "thresholds",
    "noise", "rupture_trust", "deepen_layer",
})
IDS = ["sam", "kim", "hello", "middle", "finale", "close", "polite", "gone", "one", "two",
       "waved", "default", "supportive", "reciprocated", "neutral", "judgemental",
       "welcome", "intrusion", "dismissive", "narrator", "player", "continue", "_rupture"]
KEYS = st.sampled_from(FIELD_NAMES + IDS)
ASSETS = st.sampled_from([
    "backgrounds/kitchen.png", "portraits/sam_warm.png", "../secret.png", "/etc/passwd",
    "C:\\Windows\\x.png", "a/../../b.png", "images\\bg.png", "", ".", "missing.png",
    "x" * 300 + ".png", "ab/" * 2000 + "x.png", "a\x00b.png", "backgrounds", "~/x.png",
])

# --- Expressions -----------------------------------------------------------------------

NUM_REFS = ("sam.trust", "sam.defence", "sam.reached", "sam.opened", "sam.topics",
            "kim.trust", "trust", "defence", "flag.count", "visits.hello", "visits.one")
BOOL_REFS = ("flag.waved", "flag.met", "sam.deepened", "sam.ruptured", "kim.deepened")
TOKENS = [*NUM_REFS, *BOOL_REFS, "and", "or", "not", "true", "false", "True", "==", "!=",
          "<", "<=", ">", ">=", "+", "-", "*", "/", "(", ")", "=", "+=", "-=", "%+", "%-",
          ";", ".", "0", "1", "40", "9999999", "12345678", "0.5", "1e9", "10**10**10",
          "__class__", "sam.__dict__", "open(", "eval", "lambda", "import", "'x'", '"y"',
          "[0]", "!", "&&", "||", "%", "flag", "visits", "sam", "nobody.trust",
          "flag.nope", "\t", "\n", " ", "é", "\x00", "𝔵"]

numbers = st.one_of(st.integers(0, 9_999_999).map(str),
                    st.floats(0, 1000, allow_nan=False).map(lambda x: f"{x:.2f}"))


@cache  # building a recursive strategy is costly; each one is made once
def num_expr(refs: tuple[str, ...] = NUM_REFS) -> st.SearchStrategy[str]:
    leaf = st.one_of(numbers, st.sampled_from(refs))
    return st.recursive(leaf, lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(" ".join),
        inner.map(lambda e: f"-{e}"),
        inner.map(lambda e: f"({e})"),
    ), max_leaves=6)


@cache
def bool_expr(nums: tuple[str, ...] = NUM_REFS,
              bools: tuple[str, ...] = BOOL_REFS) -> st.SearchStrategy[str]:
    compare = st.tuples(num_expr(nums), st.sampled_from(["==", "!=", "<", "<=", ">", ">="]),
                        num_expr(nums)).map(" ".join)
    leaf = st.one_of(compare, st.sampled_from([*bools, "true", "false"]))
    return st.recursive(leaf, lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(" ".join),
        inner.map(lambda e: f"not {e}"),
        inner.map(lambda e: f"({e})"),
    ), max_leaves=6)


@cache
def effect_expr(nums: tuple[str, ...] = NUM_REFS, bools: tuple[str, ...] = BOOL_REFS,
                meters: tuple[str, ...] = ("sam.trust", "sam.defence", "trust", "kim.defence"),
                ) -> st.SearchStrategy[str]:
    meter = st.tuples(st.sampled_from(meters), st.sampled_from(["=", "+=", "-=", "%+", "%-"]),
                      num_expr(nums))
    flag = st.one_of(
        st.tuples(st.just("flag.waved"), st.just("="), bool_expr(nums, bools)),
        st.tuples(st.just("flag.count"), st.sampled_from(["=", "+=", "-="]), num_expr(nums)),
    )
    one = st.one_of(meter, flag).map(" ".join)
    return st.lists(one, min_size=1, max_size=3).map("; ".join)


token_soup = st.lists(st.sampled_from(TOKENS), max_size=12).map(" ".join)
glued_soup = st.lists(st.sampled_from(TOKENS), max_size=12).map("".join)
expressions = st.one_of(bool_expr(), effect_expr(), num_expr(), token_soup, glued_soup,
                        st.text(max_size=40))

# --- YAML data -------------------------------------------------------------------------

texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["Hello, {player}.", "{sam} smiles.", "{nobody}", "{", "}", "~", "yes",
                     "No", "0x1F", "1_000", ".5", "1e400", "-", "null", "*a", "&a", "!!str",
                     "\t", "'", "#", "<<", "=", "%YAML 1.1", "._", "-.", "1.", "+.1_",
                     ".5e3", "1__0", "0x", "+", "-0", "1_000_000_000_000_000_000"]),
)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-1, 200),
    st.floats(allow_nan=True, allow_infinity=True), texts, KEYS, ASSETS, expressions,
)


@cache
def yaml_data() -> st.SearchStrategy[Any]:
    """Nested mappings, lists and scalars, keyed mostly by story words."""
    keys = st.one_of(KEYS, KEYS, st.text(max_size=8), st.integers(), st.none(), st.booleans())
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(keys, inner, max_size=6),
    ), max_leaves=40)


@cache
def story_like_data() -> st.SearchStrategy[dict[Any, Any]]:
    """A top-level mapping whose keys are story fields, so validation gets a grip on it."""
    return st.dictionaries(st.sampled_from(FIELD_NAMES), yaml_data(), min_size=1, max_size=12)


@st.composite
def dumped(draw: st.DrawFn, data: st.SearchStrategy[Any]) -> str:
    """`data` written by yaml.safe_dump in one of its several styles."""
    value = draw(data)
    return yaml.dump(
        value, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        default_flow_style=draw(st.sampled_from([None, True, False])),
        allow_unicode=draw(st.booleans()),
        width=draw(st.sampled_from([20, 80, 10_000])),
        indent=draw(st.sampled_from([2, 4, 7])),
        sort_keys=draw(st.booleans()),
        explicit_start=draw(st.booleans()),
    )


YAML_BITS = ["\n", "  ", ": ", "- ", "? ", "&a ", "*a", "&b [*a, *a]", "<<: *a",
             "!!python/name:os.system", "!!binary", "!custom", "!!map", "{", "}", "[", "]",
             ",", "'", '"', "|", ">-",
             "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "#", "\t", "\\",
             "\r\n", "\ufeff", "\x85", "\u2028", "\x7f", "\x00", "scenes:", "start: a",
             "id: x", "title: T", "characters:", "partners:", "sam:", "name: Sam",
             "ending: {outcome: deepened, title: E}", "choices:", "if: ", "next: ",
             "9" * 30, "0o17", "0b101", "2001-12-14", "1:20", ".inf", "-.nan"]
yaml_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(YAML_BITS), st.text(max_size=6)),
             max_size=60).map("".join),
)
raw_bytes = st.one_of(
    st.binary(max_size=2000),
    st.tuples(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00"]),
              st.binary(max_size=500)).map(b"".join),
)
