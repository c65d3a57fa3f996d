"""Everything outside game/ui must import without pygame (the core stays display-free)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import importlib, pkgutil, sys
sys.modules["pygame"] = None  # any import of pygame now fails
import game
bad, seen = [], 0
for info in pkgutil.walk_packages(game.__path__, "game."):
    if info.name == "game.ui" or info.name.startswith("game.ui."):
        continue
    seen += 1
    try:
        importlib.import_module(info.name)
    except Exception as exc:
        bad.append(f"{info.name}: {exc!r}")
print(seen)
print("\\n".join(bad))
"""


def test_core_imports_without_pygame() -> None:
    r = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    count, *bad = r.stdout.strip().split("\n")
    assert int(count) >= 15
    assert not [b for b in bad if b], bad
