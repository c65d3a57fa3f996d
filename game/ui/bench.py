"""Window benchmark: cold start to the first title frame, idle CPU, frame time while typing.

    python -m game.ui.bench [--idle-seconds 10] [--repeats 5] [--json]

Each measurement runs in a fresh Python process under the dummy video driver unless a
display is set (SDL_VIDEODRIVER=x11 under Xvfb gives numbers closer to a desktop), and each
figure is the median over `--repeats` such processes. "Process start" is the moment just
before the parent spawns the child, read from the system-wide monotonic clock, so it
includes the interpreter's own start-up.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

COLD = """
import time, os
t0 = time.perf_counter()
from game.ui.app import App
app = App(None, data_dir=os.environ["BENCH_DATA"])
app.step()
print(time.perf_counter() - t0, time.monotonic() - float(os.environ["BENCH_T0"]))
"""

COLD_CLI = """
import time, os, sys
t0 = time.perf_counter()
from game.ui import app as ui
def first_frame_then_exit(self, idle="tick"):
    self.step()
    print(time.perf_counter() - t0, time.monotonic() - float(os.environ["BENCH_T0"]))
    return 0
ui.App.run = first_frame_then_exit
from game.cli import main
main(["play", sys.argv[1], "--data-dir", os.environ["BENCH_DATA"]])
"""

IDLE = """
import os, resource, sys, time
import pygame
from game.ui.app import App
app = App(None, data_dir=os.environ["BENCH_DATA"])
app.run_frames(3)
seconds = float(sys.argv[1])
pygame.time.set_timer(pygame.QUIT, int(seconds * 1000), loops=1)
r0, t0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
app.run(idle=sys.argv[2])
r1, t1 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
print(cpu / (t1 - t0) * 100, app.frames)
"""

FRAMES = """
import os, statistics, sys, time
from pathlib import Path
from game.story.loader import load
from game.ui.app import App
from game.ui.screens.scene import SceneScreen
import pygame
flips = []
real_flip = pygame.display.flip
def timed_flip():
    t = time.perf_counter()
    real_flip()
    flips.append((time.perf_counter() - t) * 1000)
pygame.display.flip = timed_flip
story = load(sys.argv[1])
app = App(story, data_dir=os.environ["BENCH_DATA"])
app.settings.text_speed = "slow"
app.apply_settings()
app.start(story)
times = []
for _ in range(400):
    scene = app.top
    assert isinstance(scene, SceneScreen)
    if not scene.typing:  # start the line again so the text keeps animating
        scene.typed = 0.0
    t = time.perf_counter()
    app.step(1 / 60)
    times.append((time.perf_counter() - t) * 1000)
draw = sorted(t - f for t, f in zip(times[20:], flips[-len(times) + 20:]))
times = sorted(times[20:])
print(statistics.median(times), times[int(len(times) * 0.95)], draw[int(len(draw) * 0.95)])
"""


def run(code: str, *args: str) -> list[float]:
    """The values the child prints, then the seconds from spawning it to its exit."""
    env = {**os.environ, "BENCH_DATA": tempfile.mkdtemp(prefix="confide-bench-")}
    env.setdefault("SDL_VIDEODRIVER", "dummy")
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    env["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    env["BENCH_T0"] = repr(time.monotonic())
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         env=env, check=False)
    elapsed = time.perf_counter() - t0
    if out.returncode != 0:
        raise SystemExit(f"bench: a measurement failed:\n{out.stderr.strip()}")
    return [*(float(v) for v in out.stdout.split()), elapsed]


def medians(repeats: int, code: str, *args: str) -> list[float]:
    """Run `code` in `repeats` fresh processes; the median of each value `run` returns.
    Figures that are compared with each other come from the same processes, because the
    load of a shared machine changes from one second to the next."""
    rows = [run(code, *args) for _ in range(repeats)]
    return [statistics.median(column) for column in zip(*rows, strict=True)]


def measure(idle_seconds: float, story: str, repeats: int = 5) -> dict[str, Any]:
    first = run(COLD)[0]  # the very first run pays for cold disk caches and .pyc writing
    cold, start, exited = medians(repeats, COLD)
    cli, cli_start, _ = medians(repeats, COLD_CLI, story)
    tick_cpu, tick_frames, _ = medians(repeats, IDLE, str(idle_seconds), "tick")
    wait_cpu, _, _ = medians(repeats, IDLE, str(idle_seconds), "wait")
    p50, p95, draw95, _ = medians(repeats, FRAMES, story)
    ms = 1000
    return {
        "driver": os.environ.get("SDL_VIDEODRIVER", "dummy"),
        "repeats": repeats,
        "cold_start_ms_title_in_process": round(cold * ms, 1),
        "cold_start_ms_with_interpreter": round(exited * ms, 1),
        "first_run_in_process_ms": round(first * ms, 1),
        "cold_start_ms_confide_play_story": round(cli * ms, 1),
        "start_to_first_frame_ms_title": round(start * ms, 1),
        "start_to_first_frame_ms_confide_play_story": round(cli_start * ms, 1),
        "idle_cpu_percent_tick": round(tick_cpu, 3),
        "idle_redraws": int(tick_frames) - 1,
        "idle_cpu_percent_event_wait": round(wait_cpu, 3),
        "idle_seconds": idle_seconds,
        "typing_frame_ms_p50": round(p50, 2),
        "typing_frame_ms_p95": round(p95, 2),
        "typing_frame_ms_p95_without_flip": round(draw95, 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m game.ui.bench")
    ap.add_argument("--idle-seconds", type=float, default=10.0)
    ap.add_argument("--story", default="tutorial")
    ap.add_argument("--repeats", type=int, default=5,
                    help="fresh processes per figure; each figure is their median")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    result = measure(args.idle_seconds, args.story, max(1, args.repeats))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for k, v in result.items():
            print(f"{k:<34} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
