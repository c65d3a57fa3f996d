"""Classroom preferences kept beside the settings: projector mode.

`Settings` (game/saves.py) has no projector field yet, so the window keeps this one switch in
its own small checked file, `classroom.json` in the data folder, written the same atomic way.
"""

from __future__ import annotations

import logging
from pathlib import Path

from game.errors import SaveError
from game.saves import read_json_checked, write_json_atomic

KIND = "classroom"
FILE = "classroom.json"
log = logging.getLogger("confide.ui")


def load_projector(root: Path) -> bool:
    path = root / FILE
    if not path.exists():
        return False
    try:
        return read_json_checked(path, KIND).get("projector") is True
    except SaveError as exc:
        log.warning("classroom preferences ignored: %s", exc)
        return False


def save_projector(root: Path, on: bool) -> None:
    """Raises SaveError when the file cannot be written."""
    write_json_atomic(root / FILE, KIND, {"projector": on})
