"""The tokenizer's one-regex pass for common text gives exactly the exact tokenizer's tokens,
and leaves everything else (every error among it) to the exact one."""

from __future__ import annotations

import random

import pytest

from game.errors import ExpressionError
from game.story.expr_tokens import Tok, _tokenize_common, _tokenize_exact, tokenize

# Pieces that reach every branch of both tokenizers: hints, forbidden words, digits after a
# '.', long and malformed numbers, unknown characters and each kind of space.
PIECES = ["flag", ".", "met", "visits", "2nd", "s5", "sam", "trust", "import", "lambda", "a__b",
          "1", "1.5", "12345678", "0.12345678", "=", "==", "===", "!", "!=", "=!", "<", ">",
          "<=", ">=", "<>", ">>", "<<", "+", "-", "+=", "-=", "%", "%+", "%-", "*", "**", "/",
          "(", ")", "&", "&&", "|", "'", '"', ";", "[", "≥", " ", "  ", "\t", "\n", "\xa0",
          "and", "or", "not", "true", "yes", "x", "_y", "9"]


def _exact(src: str) -> list[Tok] | str:
    try:
        return _tokenize_exact(src)
    except ExpressionError as exc:
        return f"{exc.code} {exc.column} {exc.message}"


@pytest.mark.parametrize("seed", range(4))
def test_the_common_pass_agrees_with_the_exact_tokenizer(seed: int) -> None:
    rng = random.Random(seed)
    taken = 0
    for _ in range(5000):
        src = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 9)))
        common = _tokenize_common(src)
        if common is not None:
            taken += 1
            assert common == _exact(src), src
            assert [type(t.value) for t in common] == [type(t.value) for t in _tokenize_exact(src)]
    assert taken > 300  # the common pass is really used, not always left to the exact one


@pytest.mark.parametrize("src", ["flag.met and visits.s5 > 0", "sam.trust %+ 10",
                                 "sam.trust >= 20 or flag.count > 2", " (1.5 * x) / 2 "])
def test_common_text_takes_the_one_regex_pass(src: str) -> None:
    assert _tokenize_common(src) is not None and tokenize(src) == _tokenize_exact(src)


@pytest.mark.parametrize("src", ["visits.2nd > 1", "x ** 2", "a === b", "1.", "12345678",
                                 "import os", "a__b", "x ≥ 1", "x % 2"])
def test_what_the_pass_is_not_sure_of_goes_to_the_exact_tokenizer(src: str) -> None:
    assert _tokenize_common(src) is None
