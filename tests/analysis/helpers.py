"""Shared helpers for the analysis tests: paths and running the CLI as users do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARC = FIXTURES / "arc.yaml"
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"


def confide(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
