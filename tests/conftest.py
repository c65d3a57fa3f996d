"""Test-wide settings, made once in the process that starts the run and inherited by the
xdist workers (`make test` runs `pytest -n auto`) and by the `confide` processes tests start:

- CONFIDE_CACHE_DIR: the story picker's catalogue cache (game/catalogcache.py) goes to a
  folder of this run, never to the user's own cache;
- CONFIDE_TEST_SHARED: where tests/storycache.py shares each bundled story's conformance and
  deep-lint verdicts between workers, so each is worked out once per run, not once per test.

The game's bytecode is compiled here too, once: where PYTHONDONTWRITEBYTECODE is set, every
`confide` process a test starts (there are well over a hundred) and every worker would
otherwise compile the whole game from source again, about half a second of CPU each.
"""

from __future__ import annotations

import atexit
import compileall
import os
import shutil
import tempfile
from pathlib import Path

for _name in ("CONFIDE_CACHE_DIR", "CONFIDE_TEST_SHARED"):
    if _name not in os.environ:
        os.environ[_name] = tempfile.mkdtemp(prefix=f"{_name.lower()}-")
        atexit.register(shutil.rmtree, os.environ[_name], ignore_errors=True)

# Up-to-date files are skipped, so a second run only looks at their dates.
compileall.compile_dir(Path(__file__).resolve().parents[1] / "game", quiet=2)
