"""`make dist`: build the standalone app with PyInstaller, zip it, and smoke-test it.

    python packaging/dist.py [--out dist] [--no-check]

Builds `OUT/confide/` (one folder: the `confide` program and everything it needs, no
Python required) and `OUT/confide-VERSION-SYSTEM-MACHINE.zip`, then checks the app the
way a machine without Python would run it: from a clean environment (`env -i`, no venv
on PATH, a fresh home folder) it lists the bundled stories, opens the title screen
(a scripted screenshot), plays the tutorial in `--text` to its end, and saves a game in
the OS data folder. Figures (size, start-up time) go to OUT/dist-report.json.

Works the same on Linux, Windows and macOS, each built on its own system (see
docs/install.md and .github/workflows/dist.yml).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from a checkout: `game` is beside us

from game import __version__, progress  # noqa: E402

LIMIT_MB = 120
EXE = "confide.exe" if sys.platform == "win32" else "confide"
SCRIPTED = ",".join(["1"] * 80)


def build(out: Path, work: Path) -> Path:
    """Run PyInstaller on packaging/confide.spec; return the app folder."""
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level",
           "WARN", "--distpath", str(out), "--workpath", str(work),
           str(ROOT / "packaging" / "confide.spec")]
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"dist: PyInstaller failed\n{r.stdout}\n{r.stderr}")
    return out / "confide"


def system_name() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower()}"


def make_zip(app: Path, out: Path) -> Path:
    """Zip the app folder (the .app on macOS), keeping the programs' execute bits."""
    bundle = out / "Confide.app" if sys.platform == "darwin" else app
    target = out / f"confide-{__version__}-{system_name()}.zip"
    target.unlink(missing_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for f in sorted(bundle.rglob("*")):
            if f.is_file():
                z.write(f, f.relative_to(bundle.parent))
    return target


def folder_mb(path: Path) -> float:
    return sum(f.lstat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


class Clean:
    """Runs the app as a machine without Python would: a bare environment, a new home."""

    def __init__(self, exe: Path, home: Path) -> None:
        self.exe, self.home = exe, home

    def env(self) -> dict[str, str]:
        env = {"HOME": str(self.home), "SDL_AUDIODRIVER": "dummy"}
        if sys.platform == "win32":  # Windows cannot start programs without these
            env |= {k: os.environ[k] for k in ("SYSTEMROOT", "WINDIR") if k in os.environ}
            env |= {"USERPROFILE": str(self.home), "APPDATA": str(self.home / "AppData")}
        if not os.environ.get("DISPLAY") and sys.platform.startswith("linux"):
            env["SDL_VIDEODRIVER"] = "dummy"  # no screen here: draw off-screen
        if "SDL_VIDEODRIVER" in os.environ:  # the builder's choice (CI: off-screen)
            env["SDL_VIDEODRIVER"] = os.environ["SDL_VIDEODRIVER"]
        return env

    def run(self, *args: str) -> tuple[str, float]:
        prefix = [] if sys.platform == "win32" else ["env", "-i"]
        cmd = [*prefix, *[f"{k}={v}" for k, v in self.env().items()] * bool(prefix),
               str(self.exe), *args]
        start = time.perf_counter()
        r = subprocess.run(cmd, cwd=self.home, capture_output=True, text=True, timeout=120,
                           stdin=subprocess.DEVNULL, env=None if prefix else self.env())
        took = time.perf_counter() - start
        if r.returncode != 0:
            raise SystemExit(f"dist: `confide {' '.join(args)}` failed in a clean "
                             f"environment ({r.returncode})\n{r.stdout}\n{r.stderr}")
        return r.stdout, took


def smoke(app: Path, shots: Path) -> dict[str, object]:
    """The checks of the module docstring; returns the figures measured on the way."""
    shots.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="confide-home-"))
    try:
        clean = Clean(app / EXE, home)
        version, _ = clean.run("--version")
        assert version.strip() == f"confide {__version__}", version
        starts = sorted(clean.run("--version")[1] for _ in range(3))
        listed = json.loads(clean.run("list", "--json")[0])
        expect_stories(listed, app)
        _, title_s = clean.run("play", "--choices", "1", "--screen", "title",
                               "--screenshot", str(shots / "title.png"))
        expect_png(shots / "title.png")
        text, _ = clean.run("play", "tutorial", "--text", "--choices", SCRIPTED)
        assert "THE END" in text and "Outcome:" in text, text[-2000:]
        saved = expect_autosave(clean, shots)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return {"stories": len(listed), "start_seconds": round(starts[1], 3),
            "title_screen_seconds": round(title_s, 3), "saved_in": saved}


def expect_stories(listed: list[dict[str, object]], app: Path) -> None:
    from game.story.loader import bundled

    ids = {e["id"] for e in listed}
    assert ids == {p.stem for p in bundled()}, f"the app lists {sorted(map(str, ids))}"
    for e in listed:
        assert Path(str(e["path"])).resolve().is_relative_to(app.resolve()), e["path"]


def expect_png(path: Path) -> None:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000, f"{path} is no picture"


def expect_autosave(clean: Clean, shots: Path) -> str:
    """A played choice autosaves, and the save lands in the OS data folder."""
    clean.run("play", "tutorial", "--choices", "1,1", "--screenshot", str(shots / "scene.png"))
    listing = json.loads(clean.run("saves", "--json")[0])
    auto = next(s for s in listing["slots"] if s["slot"] == "auto")
    assert auto["status"] == "ok" and auto["story"] == "tutorial", auto
    data_dir = Path(listing["data_dir"])
    assert Path(auto["path"]).is_file(), listing
    if sys.platform == "win32":  # Windows names the folder itself, whatever HOME says
        import platformdirs

        assert data_dir == platformdirs.user_data_path("confide", appauthor=False), listing
        return str(data_dir)
    assert data_dir.is_relative_to(clean.home), listing
    return str(data_dir.relative_to(clean.home))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="packaging/dist.py", description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "dist")
    ap.add_argument("--no-check", action="store_true", help="build and zip only")
    args = ap.parse_args(argv)
    out = args.out.resolve()
    with progress.Steps("make dist", 2 if args.no_check else 3) as steps:
        steps.step("building the app (PyInstaller)")
        app = build(out, ROOT / "build" / "pyinstaller")
        steps.step("zipping")
        archive = make_zip(app, out)
        figures: dict[str, object] = {}
        if not args.no_check:
            steps.step("checking the app in a clean environment")
            figures = smoke(app, out / "smoke")
    size = folder_mb(app)
    report = {"app": str(app), "zip": str(archive), "unpacked_mb": round(size, 1),
              "zip_mb": round(archive.stat().st_size / 1e6, 1), "system": system_name(),
              **figures}
    (out / "dist-report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report, indent=2))
    if size > LIMIT_MB:
        print(f"dist: the app is {size:.0f} MB unpacked, over the {LIMIT_MB} MB limit")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
