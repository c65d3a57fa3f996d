"""Benchmark sections that time other processes: the window, conformance and the machine.

Each runs the real command a user or a CI job would run, in a fresh process, and takes
the median over repeats. A section whose requirement is missing (no display driver, no
Xvfb) reports why instead of a number.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
Figures = dict[str, Any]


def machine() -> Figures:
    """What the figures were measured on, read at the time they were measured."""
    model = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as fh:  # Linux only, like the targets
        for line in fh:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"cpu_model": model, "cores": os.cpu_count(), "load_average": [
        round(v, 2) for v in os.getloadavg()], "python": sys.version.split()[0],
        "platform": platform.platform()}


def confide(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT, check=False)


def bench_conformance(stories: list[str], repeats: int, runs: int) -> Figures:
    """Wall time of `confide simulate STORY --conformance` per bundled story (median)."""
    out: Figures = {"conformance_runs_per_policy": runs}
    for story in stories:
        walls, inner, passed = [], [], True
        for _ in range(repeats):
            t0 = time.perf_counter()
            done = confide("simulate", story, "--conformance", "--json", "--runs", str(runs))
            walls.append(time.perf_counter() - t0)
            if done.returncode not in (0, 1) or not done.stdout.startswith("{"):
                out[f"conformance_seconds_{story}"] = None
                out[f"conformance_note_{story}"] = done.stderr.strip()[:200]
                break
            report = json.loads(done.stdout)
            inner.append(float(report["seconds"]))
            passed = passed and bool(report["passed"])
        else:
            out[f"conformance_seconds_{story}"] = round(statistics.median(walls), 2)
            out[f"conformance_inner_seconds_{story}"] = round(statistics.median(inner), 2)
            out[f"conformance_passed_{story}"] = passed
    return out


def bench_window(repeats: int, idle_seconds: float, xvfb: bool) -> Figures:
    """`python -m game.ui.bench --json` under the dummy driver, and under Xvfb if asked."""
    out: Figures = {}
    runs = [("", ["dummy"])]
    if xvfb:
        runs.append(("x11_", ["x11"]))
    for prefix, (driver,) in runs:
        cmd = [sys.executable, "-m", "game.ui.bench", "--json", "--repeats", str(repeats),
               "--idle-seconds", str(idle_seconds)]
        if driver == "x11":
            if shutil.which("xvfb-run") is None:
                out["x11_note"] = "xvfb-run not installed"
                continue
            cmd = ["xvfb-run", "-a", *cmd]
        env = {**os.environ, "SDL_VIDEODRIVER": driver}
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env,
                              timeout=1800, check=False)
        if done.returncode != 0:
            out[f"{prefix}window_note"] = (done.stderr or done.stdout).strip()[-300:]
            continue
        figures = json.loads(done.stdout)
        renamed = {"repeats": "window_repeats"}
        out |= {f"{prefix}{renamed.get(k, k)}": v for k, v in figures.items() if k != "driver"}
        out[f"{prefix}window_driver"] = figures.get("driver", driver)
    return out


def simulate_rate(story: str, runs: int, jobs: int = 1) -> float | None:
    """Choices per second of `confide simulate --policy random --jobs N` (its own figure,
    timed inside the command: loading the story and starting Python are left out)."""
    done = confide("simulate", story, "--policy", "random", "--runs", str(runs), "--json",
                   "--no-hits", "--jobs", str(jobs))
    if done.returncode != 0:
        return None
    return float(json.loads(done.stdout)["choices_per_second"])
