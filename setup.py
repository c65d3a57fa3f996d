"""Build hook: the wheel carries the top-level stories/ and assets/ as package data.

The checkout keeps `stories/` and `assets/` at the top level, where authors work. Building
copies each folder, whole, to `game/_bundle/` inside the package, so every file added there
(a new story, a sound, a font) travels without being listed anywhere. An editable install
skips the copy: game/resources.py then reads the top-level folders themselves.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA = ("stories", "assets")
SKIP = shutil.ignore_patterns(".*", "__pycache__", "*.pyc", "*~")


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        for name in DATA:
            target = Path(self.build_lib) / "game" / "_bundle" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(ROOT / name, target, ignore=SKIP)


setup(cmdclass={"build_py": BuildWithData})
