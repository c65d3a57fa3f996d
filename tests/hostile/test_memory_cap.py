"""No traceback and no segfault from any hostile input, under a 2 GiB address-space cap."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .kit import MINI, png_blank, record_json
from .test_forged_saves import META_FORGERIES

HERE = Path(__file__).parent
DIAG = HERE.parent / "story" / "fixtures" / "diag"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="RLIMIT_AS and /dev/zero as on Linux")


def _inputs(tmp: Path) -> list[dict[str, object]]:
    from game.persist.saves import SaveStore
    from game.story.loader import load

    from .kit import forge, saved

    folder = tmp / "hundred"  # many files, each under the per-file limit
    folder.mkdir()
    for i in range(5):
        (folder / f"part{i}.yaml").write_bytes(b"# " + b"x" * 4_500_000 + b"\nid: x\n")
    images = tmp / "images"
    images.mkdir()
    (images / "huge.png").write_bytes(png_blank(12_000, 12_000))  # 576 MB once converted
    (images / "story.yaml").write_text(MINI.read_text(encoding="utf-8").replace(
        "  hello:\n", "  hello:\n    background: huge.png\n"), encoding="utf-8")
    store = SaveStore(tmp / "data")
    saved(store, load(MINI), "slot1", [1])
    forge(store, "slot1", META_FORGERIES["nul in the story title"])
    fifo = tmp / "fifo.json"
    os.mkfifo(fifo)
    record = tmp / "record.json"
    record.write_text(json.dumps({**record_json(load(MINI), [1, 1]),
                                  "title": "<script>=cmd|' /C calc'!A0"}), encoding="utf-8")
    hostile = sorted(str(p) for p in (HERE / "fixtures").glob("*.yaml"))
    return [
        {"argv": ["check", "--shallow", *hostile], "expect": 1},
        {"argv": ["check", *(str(DIAG / f"E03{i}.yaml") for i in (1, 2, 3))], "expect": 1},
        {"argv": ["check", str(folder)], "expect": 1},
        {"argv": ["play", str(images / "story.yaml"), "--screenshot",
                  str(tmp / "shot.png"), "--choices", "1"], "expect": 0},
        {"argv": ["play", str(MINI), "--text"], "stdin": "/dev/zero", "expect": 1},
        {"argv": ["saves", "--data-dir", str(tmp / "data")], "expect": 0},
        {"argv": ["export", str(fifo), "--format", "csv", "-o", "-"], "expect": 1},
        {"argv": ["export", str(record), "--format", "md", "-o", str(tmp / "r.md")],
         "expect": 0},
        {"argv": ["export", str(record), "--format", "png", "-o", "/dev/full"], "expect": 1},
    ]


def test_hostile_inputs_under_a_two_gigabyte_cap(tmp_path: Path) -> None:
    jobs = _inputs(tmp_path)
    spec = tmp_path / "jobs.json"
    spec.write_text(json.dumps(jobs), encoding="utf-8")
    r = subprocess.run([sys.executable, str(HERE / "capped_run.py"), str(spec)],
                       capture_output=True, text=True, timeout=300, check=False)
    assert r.returncode == 0, f"exit {r.returncode} (negative: killed by a signal)\n{r.stderr}"
    assert "Traceback" not in r.stdout + r.stderr, r.stderr
    codes = json.loads(r.stdout.rsplit("CODES ", 1)[1])
    assert codes == [job["expect"] for job in jobs], r.stderr
    assert (tmp_path / "shot.png").stat().st_size > 0
