"""Build the sdist and wheel, install the wheel into a fresh venv, and play from outside.

Run by `make test` (after pytest). It proves what a `pip install confide` user gets: the
same bundled stories, art and behaviour as the checkout, from a folder that is not the
checkout. The checkout's own `confide` is the reference for every comparison:

- `confide list --json` lists the same stories with the same facts;
- every bundled story plays in the terminal with the same transcript;
- the window's title screen and every story's first scene give identical screenshots.

Pip's cache is reused and the venv gets the checkout's dependency versions, so this takes
well under a minute. Without a network (nothing to install from) it says so and exits 0.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHOICES = ",".join(["1"] * 60)
OFFLINE_HINTS = ("NewConnectionError", "Temporary failure in name resolution",
                 "No matching distribution", "Network is unreachable", "ConnectTimeout")


class Offline(Exception):
    """Pip could not reach an index: nothing to test against, not a failure."""


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        if any(h in r.stdout + r.stderr for h in OFFLINE_HINTS):
            raise Offline(r.stderr.strip().splitlines()[-1])
        raise SystemExit(f"wheel smoke: {' '.join(cmd)} failed ({r.returncode})\n"
                         f"{r.stdout}\n{r.stderr}")
    return r.stdout


def build(out: Path) -> Path:
    # --no-isolation: the backend `[build-system]` names is installed with the test extra,
    # so build uses it rather than making (and filling) a fresh venv for the sdist and
    # another for the wheel, which was most of this step's time.
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        ROOT)
    wheels = sorted(out.glob("confide-*.whl"))
    if not wheels or not list(out.glob("confide-*.tar.gz")):
        raise SystemExit("wheel smoke: python -m build made no wheel or no sdist")
    return wheels[-1]


def install(wheel: Path, venv: Path) -> Path:
    """A venv without pip of its own: the checkout's pip installs into it (faster)."""
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], ROOT)
    python = venv / "bin" / "python"
    pins = venv / "constraints.txt"
    pins.write_text(run([sys.executable, "-m", "pip", "freeze", "--exclude-editable"], ROOT),
                    encoding="utf-8")
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "-c", str(pins), str(wheel)], ROOT)
    return venv / "bin" / "confide"


def outputs(confide: list[str], cwd: Path, shots: Path) -> dict[str, str]:
    """What a user sees: the listing, each story's transcript, the screenshots' bytes."""
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    env.pop("PYTHONPATH", None)
    env.pop("CONFIDE_STORIES", None)
    env["CONFIDE_CACHE_DIR"] = str(shots / "cache")  # never the user's own cache
    listing = json.loads(run([*confide, "list", "--json"], cwd, env))
    seen = {"list": json.dumps([{k: v for k, v in e.items() if k != "path"}
                                for e in listing], indent=1)}
    seen["paths"] = "\n".join(e["path"] for e in listing)
    shots.mkdir(parents=True, exist_ok=True)
    first = listing[0]["id"]
    screens = [("title", first, "title")] + [(e["id"], e["id"], "scene") for e in listing]
    for name, story, screen in screens:
        out = shots / f"{name}.png"
        run([*confide, "play", story, "--choices", "1", "--screen", screen,
             "--screenshot", str(out), "--data-dir", str(shots / "data")], cwd, env)
        seen[f"{name}.png"] = out.read_bytes().hex()
    for entry in listing:
        data = shots / "data" / entry["id"]
        seen[f"{entry['id']}.txt"] = run([*confide, "play", entry["id"], "--text", "--choices",
                                          CHOICES, "--data-dir", str(data)], cwd, env)
    return seen


def compare(reference: dict[str, str], installed: dict[str, str], venv: Path) -> list[str]:
    problems = [f"{key} differs from the checkout" for key in reference
                if key != "paths" and installed.get(key) != reference[key]]
    outside = [p for p in installed["paths"].splitlines()
               if not Path(p).resolve().is_relative_to(venv.resolve())]
    if outside:
        problems.append(f"stories found outside the installed venv: {outside}")
    if not json.loads(reference["list"]):
        problems.append("the checkout lists no bundled stories: nothing was compared")
    return problems


def main() -> int:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="confide-wheel-") as tmp:
        base = Path(tmp)
        try:
            wheel = build(base / "dist")
            confide = install(wheel, base / "venv")
        except Offline as why:
            print(f"wheel smoke: SKIPPED, no package index reachable ({why})")
            return 0
        away = base / "elsewhere"
        away.mkdir()
        reference = outputs([sys.executable, "-m", "game"], ROOT, base / "checkout")
        installed = outputs([str(confide)], away, base / "installed")
        problems = compare(reference, installed, base / "venv")
    for p in problems:
        print(f"wheel smoke: {p}")
    stories = len(json.loads(reference["list"]))
    print(f"wheel smoke: {'FAILED' if problems else 'ok'}: {wheel.name} installed in a fresh "
          f"venv plays {stories} bundled stories from outside the checkout "
          f"({time.perf_counter() - start:.0f} s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
