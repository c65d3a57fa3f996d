"""Bounded arithmetic and seeded noise: the numeric primitives every rule is built from.

Fairmath (as in ChoiceScript) makes each gain proportional to the room left below 100 and each
loss proportional to what is there, so meters can never leave [0, 100] and the extremes take
ever larger pushes to hold, which is how trust and guardedness behave in people.
"""

from __future__ import annotations

import math

_MASK64 = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_TURN_MIX = 0xD1B54A32D192ED03
_TO_UNIT = 1.0 / (1 << 53)


def fair_add(x: float, p: float) -> float:
    """`x (+) p`: move `x` towards 100 by `p` percent of the remaining gap, clamped to [0, 100]."""
    value = x + (100.0 - x) * p / 100.0
    # Clamping covers p > 100 and inputs already out of range, so callers never need to care.
    return 0.0 if value < 0.0 else 100.0 if value > 100.0 else value


def fair_sub(x: float, p: float) -> float:
    """`x (-) p`: move `x` towards 0 by `p` percent of itself, clamped to [0, 100]."""
    value = x - x * p / 100.0
    return 0.0 if value < 0.0 else 100.0 if value > 100.0 else value


def noise_for(seed: int, turn: int, amplitude: float) -> float:
    """A deterministic value in [-amplitude, amplitude] for one turn of one seeded run.

    A splitmix64 finaliser over (seed, turn) rather than `random.Random`: constructing a
    Random costs tens of microseconds, which the simulator would pay on every choice. The same
    (seed, turn) always gives the same value on every platform, so replays are exact. The
    result is rounded to one decimal so transcripts stay readable. `amplitude <= 0` gives 0.
    """
    if amplitude <= 0.0:
        return 0.0
    z = (seed * _GOLDEN + (turn + 1) * _TURN_MIX) & _MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    z ^= z >> 31
    unit = (z >> 11) * _TO_UNIT  # 53 high bits -> [0, 1)
    # Adding 0.0 turns a rounded -0.0 into 0.0 so JSON and transcripts never show "-0.0".
    return rounded((2.0 * unit - 1.0) * amplitude, 1) + 0.0


_SCALES = (1.0, 10.0, 100.0)
_copysign = math.copysign
_NEAR_HALF = 0.4999999
_NEAR_HALF_BELOW = -_NEAR_HALF  # a constant: `-_NEAR_HALF` would make a float per call


def rounded(x: float, digits: int = 2) -> float:
    """`round(x, digits)` for `digits` 0-2, the identical float, in about half the time.

    The model rounds every meter it changes; `round(x, n)` on a float goes through an exact
    decimal conversion, which the simulator would pay several times per move. Here the
    nearest whole number `k` to `x * 10**digits` is found in binary: for |x * 10**digits| <
    1e6 the product is off the exact value by under 1e-10, so `k` is the same unless the
    product lies within 1e-7 of a half, and then the exact conversion decides. `k / 10**digits`
    is then the float nearest to the decimal k/10**digits (one correctly rounded division),
    which is what `round` returns; a zero result takes the sign of `x`, as `round`'s does.
    tests/model/test_fairmath.py compares the two bit for bit around every boundary.
    """
    scale = _SCALES[digits]
    y = x * scale
    if -1e6 < y < 1e6:  # False for NaN and infinities as well
        # Float floor division by 1 is the exact floor, as a float holding a whole number,
        # without math.floor's call; k / scale divides the same value either way.
        k = (y + 0.5) // 1.0
        if _NEAR_HALF_BELOW < y - k < _NEAR_HALF:
            # A zero result keeps the sign of `x`, as round's does (-0.001 -> -0.0): k / scale
            # would always give +0.0. Zero is common (a penalty that does not apply), and the
            # exact conversion costs more than the rest of this function.
            return k / scale if k else _copysign(0.0, x)
    return round(x, digits)


def fair_step(x: float, p: float, gain: bool) -> float:
    """A meter after a gain (`fair_add`) or a loss (`fair_sub`) of `p`, as the model stores
    it: the same value as `rounded(fair_add(x, p), 2)` or `rounded(fair_sub(x, p), 2)`.

    The model changes a meter several times a move, and one call instead of two is a saving
    the simulator notices; tests/model/test_fairmath.py compares the two forms bit for bit.
    The arithmetic is `fair_add`'s or `fair_sub`'s and the rounding `rounded`'s, written out.
    """
    value = x + (100.0 - x) * p / 100.0 if gain else x - x * p / 100.0
    value = 0.0 if value < 0.0 else 100.0 if value > 100.0 else value
    # `rounded(value, 2)` for a value in [0, 100] (so always within its fast range).
    y = value * 100.0
    k = (y + 0.5) // 1.0
    if _NEAR_HALF_BELOW < y - k < _NEAR_HALF:
        return k / 100.0 if k else _copysign(0.0, value)
    return round(value, 2)
