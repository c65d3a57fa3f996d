"""Confide's benchmark command (`make bench`): every figure, as a table and as JSON.

Each figure is the median over repeated runs; peer comparisons (bink) run in the same
invocation on the same machine. Sections whose requirements are missing say why and
are skipped rather than invented.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.gen import write  # noqa: E402
from game.runtime import Session  # noqa: E402
from game.story.loader import check, load  # noqa: E402

PEER = ROOT.parent / "shared" / "bench" / "ink_peer.py"
Figures = dict[str, Any]


def median_time(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_load(quick: bool) -> Figures:
    out: Figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (100, 1000, 10000):
            path = write(n, Path(tmp))
            story, diags = check(path)
            assert story is not None, [str(d) for d in diags[:3]]
            seconds = median_time(lambda p=path: check(p), 3 if quick or n == 10000 else 5)
            out[f"load_check_{n}_scenes_ms"] = round(seconds * 1000, 1)
            out[f"load_check_{n}_ms_per_1000_scenes"] = round(seconds * 1000 * 1000 / n, 1)
    return out


def play_random(story_arg: str, runs: int, seed: int) -> tuple[int, float]:
    story = load(story_arg) if not story_arg.endswith(".yaml") else load(Path(story_arg))
    rng = random.Random(seed)
    choices = 0
    start = time.perf_counter()
    for i in range(runs):
        session = Session(story, seed + i)
        while not session.ended:
            options = session.available()
            session.choose(options[rng.randrange(len(options))].id)
            choices += 1
    return choices, time.perf_counter() - start


def bench_choices(quick: bool, story: str) -> Figures:
    runs = 300 if quick else 2000
    rates = []
    for rep in range(3):
        choices, seconds = play_random(story, runs, 7 + rep)
        rates.append(choices / seconds)
    out: Figures = {"choices_story": story, "choices_per_second": round(statistics.median(rates))}
    peer = bink_rate(300 if quick else 1000)
    if peer is None:
        out["bink_choices_per_second"] = None
        out["bink_note"] = "bink not installed or ../shared/bench missing"
    else:
        out["bink_choices_per_second"] = round(peer)
        out["ratio_vs_bink"] = round(out["choices_per_second"] / peer, 1)
    return out


def bink_rate(runs: int) -> float | None:
    if not PEER.exists():
        return None
    rates = []
    for _ in range(3):
        r = subprocess.run([sys.executable, str(PEER), "--runs", str(runs), "--json"],
                           capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            return None
        rates.append(json.loads(r.stdout)["choices_per_second"])
    return float(statistics.median(rates))


def default_story() -> str:
    for candidate in ("flatmates", "tutorial"):
        try:
            load(candidate)
            return candidate
        except Exception:  # a story still being written must not stop the benchmark
            continue
    return str(ROOT / "tests" / "fixtures" / "fragile.yaml")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (for tests)")
    parser.add_argument("--json-out", type=Path, help="also write the JSON here")
    args = parser.parse_args()
    figures: Figures = {"python": sys.version.split()[0]}
    figures.update(bench_load(args.quick))
    figures.update(bench_choices(args.quick, default_story()))
    width = max(len(k) for k in figures)
    print(f"{'figure':<{width}}  value")
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    text = json.dumps(figures, indent=2)
    print(text)
    if args.json_out:
        args.json_out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
