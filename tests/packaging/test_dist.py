"""`make dist`: the standalone app, built and run as on a machine without Python.

Slow (a PyInstaller build, about a minute and a half), so it runs only when asked:

    CONFIDE_DIST_TEST=1 .venv/bin/python -m pytest tests/packaging/test_dist.py

packaging/dist.py smoke-tests the folder it built; this test also unpacks the .zip a
teacher would download into a new place and plays from there.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(os.environ.get("CONFIDE_DIST_TEST") != "1",
                                reason="slow: set CONFIDE_DIST_TEST=1 (and install .[dist])")


def unzip(archive: Path, into: Path) -> None:
    """Unpack keeping the execute bits (zipfile alone drops them)."""
    with zipfile.ZipFile(archive) as z:
        for info in z.infolist():
            path = Path(z.extract(info, into))
            mode = info.external_attr >> 16
            if mode and not info.is_dir():
                path.chmod(stat.S_IMODE(mode))


def clean_run(exe: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["env", "-i", f"HOME={home}", "SDL_VIDEODRIVER=dummy",
                           "SDL_AUDIODRIVER=dummy", str(exe), *args], cwd=home,
                          capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


@pytest.mark.skipif(sys.platform == "win32", reason="the env -i run is for POSIX systems")
def test_the_zipped_app_plays_from_a_clean_environment(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    built = subprocess.run([sys.executable, str(ROOT / "packaging" / "dist.py"), "--out",
                            str(out)], capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stdout + built.stderr
    report = json.loads((out / "dist-report.json").read_text(encoding="utf-8"))
    assert report["unpacked_mb"] < 120 and report["stories"] >= 5
    assert report["saved_in"] == ".local/share/confide"  # the XDG data folder on Linux
    unzip(Path(report["zip"]), tmp_path / "downloaded")
    exe = tmp_path / "downloaded" / "confide" / "confide"
    home = tmp_path / "home"
    home.mkdir()
    listed = clean_run(exe, home, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert all(str(tmp_path / "downloaded") in e["path"] for e in json.loads(listed.stdout))
    played = clean_run(exe, home, "play", "belay", "--text", "--choices", ",".join(["1"] * 90))
    assert played.returncode == 0 and "THE END" in played.stdout, played.stdout[-1500:]
    shot = clean_run(exe, home, "play", "flatmates", "--choices", "1", "--screenshot",
                     str(home / "scene.png"))
    assert shot.returncode == 0 and (home / "scene.png").stat().st_size > 20_000
