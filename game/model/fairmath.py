"""Bounded arithmetic and seeded noise: the numeric primitives every rule is built from.

Fairmath (as in ChoiceScript) makes each gain proportional to the room left below 100 and each
loss proportional to what is there, so meters can never leave [0, 100] and the extremes take
ever larger pushes to hold, which is how trust and guardedness behave in people.
"""

from __future__ import annotations

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
    return round((2.0 * unit - 1.0) * amplitude, 1) + 0.0
