"""CLI commands of the analysis subsystem, registered into `confide` by game/cli.py.

Each entry maps a command name to (function adding its arguments, function running it).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

Setup = Callable[[argparse.ArgumentParser], None]
Run = Callable[[argparse.Namespace], int]

COMMANDS: dict[str, tuple[Setup, Run]] = {}
