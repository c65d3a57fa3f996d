"""The educators' appendix lists the commands that make its screenshots: they must be the
ones `python -m game.ui.docshots` really runs, or a teacher re-making a picture gets another
moment of another route (the two had drifted apart by hand)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

APPENDIX = Path(__file__).parents[2] / "docs" / "educators" / "appendix.md"
MARKER = "the pictures in these pages:\n\n"


def test_the_appendix_lists_the_commands_docshots_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "game.ui.docshots", "--commands"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    printed = done.stdout.rstrip("\n")
    assert printed.count("python -m game.ui.scripted") >= 8
    text = APPENDIX.read_text(encoding="utf-8")
    start = text.index(MARKER) + len(MARKER)
    listed = text[start:text.index("\n\n", start)]
    assert listed == printed, "regenerate the block: python -m game.ui.docshots --commands"
