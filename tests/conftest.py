"""Test-wide settings, made once in the process that starts the run and inherited by the
xdist workers (`make test` runs `pytest -n auto`) and by the `confide` processes tests start:

- CONFIDE_CACHE_DIR: the story picker's catalogue cache (game/catalogcache.py) goes to a
  folder of this run, never to the user's own cache;
- CONFIDE_TEST_SHARED: where tests/storycache.py shares each bundled story's conformance and
  deep-lint verdicts between workers, so each is worked out once per run, not once per test.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

for _name in ("CONFIDE_CACHE_DIR", "CONFIDE_TEST_SHARED"):
    if _name not in os.environ:
        os.environ[_name] = tempfile.mkdtemp(prefix=f"{_name.lower()}-")
        atexit.register(shutil.rmtree, os.environ[_name], ignore_errors=True)
