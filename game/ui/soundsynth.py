"""Make the game's sounds: ambient loops per kind of place and four soft interface sounds.

    python -m game.ui.soundsynth [OUT_DIR]      # default: assets/sounds

Everything is synthesised here from seeded noise and sine waves (pure Python: `wave`,
`array`, `math`, `random`), so the sounds are original and the same run makes the same
files. Loops are 16-bit mono at 11,025 Hz (ambience has little above 5 kHz, and the files
stay small); each loop's tail is cross-faded into its head and every periodic part has a
whole number of cycles per loop, so it repeats without a click.
"""

from __future__ import annotations

import math
import random
import sys
import wave
from array import array
from collections.abc import Callable
from pathlib import Path

from game.resources import ASSETS

LOOP_RATE = 11025
UI_RATE = 22050
LOOP_SECONDS = 8
FADE = LOOP_RATE // 2  # half a second of cross-fade at the seam
Samples = list[float]


def noise(rng: random.Random, n: int, smooth: float) -> Samples:
    """White noise through a one-pole low-pass: `smooth` near 1 is a deep rumble."""
    out, y = [], 0.0
    for _ in range(n):
        y = smooth * y + (1 - smooth) * rng.uniform(-1, 1)
        out.append(y)
    peak = max(abs(v) for v in out) or 1.0
    return [v / peak for v in out]


def band(rng: random.Random, n: int, low: float, high: float) -> Samples:
    """Noise between two low-passes: a murmur with neither rumble nor hiss."""
    a, b = noise(rng, n, low), noise(rng, n, high)
    return [x - y for x, y in zip(a, b, strict=True)]


def lfo(n: int, cycles: int, phase: float = 0.0) -> Samples:
    """A slow swell between 0 and 1 with whole cycles per loop, so it loops."""
    return [0.5 + 0.5 * math.sin(2 * math.pi * cycles * i / n + phase) for i in range(n)]


def tone(freq: float, seconds: float, rate: int, decay: float, attack: float = 0.004,
         sweep: float = 0.0) -> Samples:
    """A soft sine note: quick attack, exponential decay, optional pitch sweep (Hz/s)."""
    out, phase = [], 0.0
    for i in range(int(seconds * rate)):
        t = i / rate
        phase += 2 * math.pi * (freq + sweep * t) / rate
        env = min(1.0, t / attack) * math.exp(-t / decay)
        out.append(math.sin(phase) * env)
    return out


def place(track: Samples, sound: Samples, at: int, gain: float) -> None:
    """Add `sound` into `track` at sample `at`, wrapping round the loop's end."""
    n = len(track)
    for i, v in enumerate(sound):
        track[(at + i) % n] += v * gain


def scatter(rng: random.Random, track: Samples, make: Callable[[], Samples], count: int,
            gain: tuple[float, float]) -> None:
    for _ in range(count):
        place(track, make(), rng.randrange(len(track)), rng.uniform(*gain))


def hum(n: int, base: int, levels: tuple[float, ...]) -> Samples:
    """Mains or engine hum: harmonics of `base` Hz (whole cycles per loop)."""
    return [sum(level * math.sin(2 * math.pi * base * (k + 1) * i / LOOP_RATE)
                for k, level in enumerate(levels)) for i in range(n)]


def mix(*parts: tuple[float, Samples]) -> Samples:
    n = len(parts[0][1])
    return [sum(g * p[i] for g, p in parts) for i in range(n)]


def seamless(samples: Samples) -> Samples:
    """Cross-fade the part past the loop's length into its start."""
    n = len(samples) - FADE
    out = samples[:n]
    for i in range(FADE):
        w = i / FADE
        out[i] = samples[n + i] * (1 - w) + out[i] * w
    return out


def _room(rng: random.Random, n: int) -> Samples:
    track = mix((0.06, noise(rng, n, 0.97)))
    tick = tone(2400, 0.02, LOOP_RATE, 0.004)
    for second in range(LOOP_SECONDS + 1):  # a clock in the next room
        place(track, tick, second * LOOP_RATE, 0.05)
    return track


def _kitchen(rng: random.Random, n: int) -> Samples:
    return mix((1.0, _room(rng, n)), (1.0, hum(n, 50, (0.03, 0.02, 0.008))))


def _cafe(rng: random.Random, n: int) -> Samples:
    murmur = band(rng, n, 0.55, 0.97)
    swell = noise(rng, n, 0.9996)
    track = [0.16 * m * (0.6 + 0.4 * s) for m, s in zip(murmur, swell, strict=True)]
    scatter(rng, track, lambda: tone(rng.uniform(2600, 3900), 0.25, LOOP_RATE, 0.05), 7,
            (0.02, 0.05))
    return track


def _hall(rng: random.Random, n: int) -> Samples:
    return mix((0.09, noise(rng, n, 0.985)), (1.0, hum(n, 60, (0.0, 0.012))))


def _hospital(rng: random.Random, n: int) -> Samples:
    track = _hall(rng, n)
    for k in range(LOOP_SECONDS // 4 + 1):  # a monitor two rooms away
        place(track, tone(880, 0.16, LOOP_RATE, 0.08, 0.01), k * 4 * LOOP_RATE, 0.035)
    return track


def _park(rng: random.Random, n: int) -> Samples:
    track = [0.1 * w * (0.4 + 0.6 * s) for w, s in
             zip(noise(rng, n, 0.96), lfo(n, 1), strict=True)]

    def chirp() -> Samples:
        f = rng.uniform(2800, 4200)
        return [v for _ in range(rng.randint(2, 4)) for v in
                (*tone(f, 0.07, LOOP_RATE, 0.03, sweep=9000), *([0.0] * 600))]
    scatter(rng, track, chirp, 6, (0.02, 0.045))
    return track


def _lake(rng: random.Random, n: int) -> Samples:
    water = [w * s * s for w, s in zip(band(rng, n, 0.6, 0.95), lfo(n, 3), strict=True)]
    return mix((0.2, water), (0.05, noise(rng, n, 0.97)))


def _city(rng: random.Random, n: int) -> Samples:
    rumble = noise(rng, n, 0.99)
    passing = [w * s ** 3 for w, s in zip(noise(rng, n, 0.93), lfo(n, 1, 1.0), strict=True)]
    return mix((0.16, rumble), (0.08, passing))


def _car(rng: random.Random, n: int) -> Samples:
    engine = hum(n, 38, (0.05, 0.035, 0.015, 0.006))
    wobble = lfo(n, 2)
    road = noise(rng, n, 0.975)
    return [e * (0.8 + 0.2 * w) + 0.08 * r for e, w, r in zip(engine, wobble, road, strict=True)]


LOOPS: dict[str, Callable[[random.Random, int], Samples]] = {
    "room": _room, "kitchen": _kitchen, "cafe": _cafe, "hall": _hall, "hospital": _hospital,
    "park": _park, "lake": _lake, "city": _city, "car": _car,
}


def ui_sound(name: str) -> Samples:
    r = UI_RATE
    if name == "move":
        return [0.12 * v for v in tone(1320, 0.05, r, 0.012)]
    if name in ("open", "close"):
        first, second = (660, 880) if name == "open" else (880, 660)
        a, b = tone(first, 0.09, r, 0.04, 0.006), tone(second, 0.18, r, 0.06, 0.006)
        return [0.12 * v for v in (*a, *b)]
    if name == "choose":
        parts = [tone(f, 0.9, r, 0.28, 0.01) for f in (523.25, 784.0, 1046.5)]
        return [0.13 * a + 0.08 * b + 0.03 * c for a, b, c in zip(*parts, strict=True)]
    raise ValueError(f"no interface sound called {name!r}")


UI_NAMES = ("move", "open", "close", "choose")


def write_wav(path: Path, samples: Samples, rate: int) -> None:
    data = array("h", (max(-32767, min(32767, round(v * 32767))) for v in samples))
    if sys.byteorder != "little":
        data.byteswap()  # WAV is little-endian everywhere
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(data.tobytes())


def make_loop(name: str) -> Samples:
    rng = random.Random(f"confide-{name}")
    return seamless(LOOPS[name](rng, LOOP_SECONDS * LOOP_RATE + FADE))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else ASSETS / "sounds"
    out.mkdir(parents=True, exist_ok=True)
    for name in LOOPS:
        write_wav(out / f"{name}.wav", make_loop(name), LOOP_RATE)
    for name in UI_NAMES:
        write_wav(out / f"{name}.wav", ui_sound(name), UI_RATE)
    print(f"wrote {len(LOOPS)} loops and {len(UI_NAMES)} interface sounds to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
