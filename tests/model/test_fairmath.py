"""Fairmath bounds and the seeded noise."""

from __future__ import annotations

import math
import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.model import fair_add, fair_sub, noise_for
from game.model.fairmath import fair_step, rounded

meters = st.floats(min_value=0.0, max_value=100.0)
pushes = st.floats(min_value=0.0, max_value=500.0)


def test_fair_add_moves_a_share_of_the_gap() -> None:
    assert fair_add(50.0, 10.0) == 55.0
    assert fair_add(30.0, 36.0) == pytest.approx(55.2)
    assert fair_add(100.0, 40.0) == 100.0


def test_fair_sub_moves_a_share_of_the_value() -> None:
    assert fair_sub(30.0, 8.0) == pytest.approx(27.6)
    assert fair_sub(50.0, 36.0) == 32.0
    assert fair_sub(0.0, 40.0) == 0.0


def test_pushes_beyond_100_percent_clamp() -> None:
    assert fair_add(20.0, 250.0) == 100.0
    assert fair_sub(20.0, 250.0) == 0.0


@given(meters, pushes)
def test_fairmath_stays_in_range(x: float, p: float) -> None:
    assert 0.0 <= fair_add(x, p) <= 100.0
    assert 0.0 <= fair_sub(x, p) <= 100.0
    assert fair_add(x, p) >= x - 1e-9
    assert fair_sub(x, p) <= x + 1e-9


def test_noise_is_deterministic() -> None:
    assert noise_for(42, 3, 10.0) == noise_for(42, 3, 10.0)
    values = {noise_for(42, turn, 10.0) for turn in range(50)}
    assert len(values) > 30  # turns are not all mapped to the same value


def test_noise_differs_between_seeds() -> None:
    first = [noise_for(1, turn, 10.0) for turn in range(20)]
    second = [noise_for(2, turn, 10.0) for turn in range(20)]
    assert first != second


def test_noise_is_zero_without_amplitude() -> None:
    assert noise_for(7, 7, 0.0) == 0.0
    assert noise_for(7, 7, -3.0) == 0.0


@given(st.integers(min_value=-(2**70), max_value=2**70), st.integers(0, 10**6))
def test_noise_range_and_precision(seed: int, turn: int) -> None:
    value = noise_for(seed, turn, 10.0)
    assert -10.0 <= value <= 10.0
    assert round(value, 1) == value
    assert str(value) != "-0.0"


def test_noise_is_spread_evenly() -> None:
    values = [noise_for(seed, turn, 10.0) for seed in range(40) for turn in range(50)]
    mean = sum(values) / len(values)
    assert abs(mean) < 0.6
    below = sum(1 for v in values if v < -5.0)
    above = sum(1 for v in values if v > 5.0)
    # Each quarter of the range should hold roughly a quarter of the draws.
    assert 0.2 < below / len(values) < 0.3
    assert 0.2 < above / len(values) < 0.3
    assert min(values) < -9.5 and max(values) > 9.5


def _same(a: float, b: float) -> bool:
    """Identical floats, bit for bit (so 0.0 and -0.0 differ, and NaN equals NaN)."""
    return struct.pack("<d", a) == struct.pack("<d", b)


@given(st.floats(allow_nan=True, allow_infinity=True), st.integers(0, 2))
def test_rounded_is_round_bit_for_bit(x: float, digits: int) -> None:
    assert _same(rounded(x, digits), round(x, digits))


def test_rounded_is_round_on_every_boundary() -> None:
    # Every grid point and half-way point of 0.001 steps over the model's range, and the
    # floats just either side of each: where a shortcut to round() would go wrong first.
    for k in range(-200_000, 200_001, 37):
        for base in (k / 1000, (k + 0.5) / 100, (k + 0.5) / 10, k / 100):
            for x in (base, math.nextafter(base, math.inf), math.nextafter(base, -math.inf)):
                for digits in (1, 2):
                    assert _same(rounded(x, digits), round(x, digits)), (x, digits)
    for x in (0.0, -0.0, 0.004, -0.004, 0.005, -0.005, 0.05, -0.05, 1e6, -1e6, 1e300):
        assert _same(rounded(x), round(x, 2)) and _same(rounded(x, 1), round(x, 1))


def test_rounded_gives_zero_the_sign_round_gives() -> None:
    # Values that round to zero take the quick path: its zero must carry x's sign, as round's.
    tiny = (5e-324, 1e-300, 1e-9, 0.0001, 0.0049999, 0.049999, 0.49999)
    for x in (0.0, -0.0, *tiny, *(-t for t in tiny)):
        for digits in (0, 1, 2):
            assert _same(rounded(x, digits), round(x, digits)), (x, digits)
    assert str(rounded(-0.001)) == "-0.0" and str(rounded(0.001)) == "0.0"


@given(st.floats(allow_nan=True, allow_infinity=True),
       st.floats(allow_nan=True, allow_infinity=True))
def test_fair_step_is_fairmath_then_rounded_bit_for_bit(x: float, p: float) -> None:
    assert _same(fair_step(x, p, True), rounded(fair_add(x, p), 2))
    assert _same(fair_step(x, p, False), rounded(fair_sub(x, p), 2))


def test_fair_step_on_the_model_grid() -> None:
    # Every stored meter value (two decimals) with pushes that land near a rounding half.
    for hundredths in range(0, 10_001, 7):
        x = hundredths / 100
        for p in (0.0, 0.5, 2.0, 5.85, 7.5, 10.0, 12.0, 33.0, 100.0, 150.0):
            assert _same(fair_step(x, p, True), rounded(fair_add(x, p), 2)), (x, p)
            assert _same(fair_step(x, p, False), rounded(fair_sub(x, p), 2)), (x, p)
