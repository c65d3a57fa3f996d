"""A tuning that would make a meter NaN or infinite is refused at load, at its line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"


@pytest.mark.parametrize(("key", "value"), [
    ("support_defence", "1.0e308"), ("judge_trust", ".inf"), ("noise", ".nan"),
    ("thresholds", "[-45, -15, 1.0e300]"), ("reciprocity", "[30, 50, -1]"),
])
def test_extreme_tuning_is_one_located_error(tmp_path: Path, key: str, value: str) -> None:
    text = MINI.read_text(encoding="utf-8")
    story = tmp_path / "tuned.yaml"
    story.write_text(text.replace("flags:\n", f"model:\n  {key}: {value}\nflags:\n", 1),
                     encoding="utf-8")
    line = story.read_text(encoding="utf-8").splitlines().index(f"  {key}: {value}") + 1
    for command in (["check", "--shallow"], ["simulate", "--runs", "5"], ["play", "--text"]):
        done = subprocess.run([sys.executable, "-m", "game", command[0], str(story),
                               *command[1:]], cwd=ROOT, capture_output=True, text=True,
                              input="", timeout=60)
        out = done.stdout + done.stderr
        assert done.returncode == 1, out
        assert "Traceback" not in out
        assert re.search(rf"tuned\.yaml:{line}:\d+: error\[E0\d\d\]", out), out
