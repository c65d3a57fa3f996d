"""What the title screen's first frame imports (issue 17): a structural guard, not a timing.

`confide` runs in a fresh interpreter under the dummy video driver until its first frame is
presented, and lists the modules loaded by then. The story's schema and loader (pydantic,
yaml, msgspec), the runtime, the analysis, the slot and thumbnail code and logging must not
be among them: each is imported after the first frame, or when first needed. A first run
(no settings, no saves) does not even read a file, so it imports neither json, hashlib nor
datetime. How long start-up takes is measured in `make bench` (benchmarks/startup.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from game.persist.saves import AUTO

from .conftest import MINI, ROOT, MakeApp

# Ends the child at its first presented frame and prints the modules it had loaded (without
# importing anything to print them).
FIRST_FRAME = """
import os, sys
import pygame
def first_flip(*_a):
    sys.stdout.write("MODULES " + " ".join(sorted(sys.modules)) + "\\n")
    sys.stdout.flush()
    os._exit(0)
pygame.display.flip = pygame.display.update = first_flip
from game.cli import main
sys.argv = ["confide", *sys.argv[1:]]
raise SystemExit(main())
"""
# Packages (and every module under them) the title's first frame never needs.
NEVER = ("pydantic", "yaml", "msgspec", "logging", "game.story", "game.runtime", "game.model",
         "game.analysis", "game.facilitator", "game.catalog", "game.textplay",
         "game.persist.snapshot", "game.persist.replay", "game.persist.record",
         "game.ui.slots", "game.ui.thumbs", "game.ui.play", "game.ui.screens.scene",
         "game.ui.chart", "game.ui.scripted")
# Needed only to read or write a file, or to show a save's date.
FILES = ("json", "hashlib", "datetime")


# What only a full load of a story needs (a cache miss): the schema and its validation, the
# YAML reader and the wording of its errors, the file cache and the whole-story warnings.
MISS_ONLY = ("pydantic", "yaml", "statistics", "game.story.schema", "game.story.validate",
             "game.story.partial", "game.story.incremental", "game.story.filecache",
             "game.story.semantic", "game.story.silent", "game.story.landings",
             "game.story.menus", "game.story.tells", "game.story.yamlerrors",
             "game.story.yamlhints", "game.analysis", "game.facilitator", "game.catalog")


def first_frame_modules(data: Path, *args: str) -> set[str]:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "XDG_DATA_HOME": str(data), "XDG_CONFIG_HOME": str(data),
           "XDG_CACHE_HOME": str(data)}
    env.pop("CONFIDE_NO_CACHE", None)
    env.pop("CONFIDE_CACHE_DIR", None)  # the cache lives under XDG_CACHE_HOME, as a player's
    r = subprocess.run([sys.executable, "-c", FIRST_FRAME, *args], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=60)
    line = next((ln for ln in r.stdout.splitlines() if ln.startswith("MODULES ")), None)
    assert line is not None, r.stdout + r.stderr
    return set(line.split()[1:])


def heavy(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_a_first_run_s_title_imports_no_story_runtime_or_file_code(tmp_path: Path) -> None:
    modules = first_frame_modules(tmp_path)
    assert "game.ui.screens.title" in modules  # the child did reach the title's frame
    assert heavy(modules, NEVER + FILES) == []


def test_a_returning_player_s_title_reads_its_files_and_still_no_story(
        make_app: MakeApp, tmp_path: Path) -> None:
    """Settings and an autosave where `confide` keeps them: the title reads both (Continue
    and its note are on the first frame), which takes json, hashlib and datetime, and
    nothing more."""
    app = make_app(MINI, data=tmp_path / "confide")  # platformdirs' folder under XDG
    app.start(app.story)
    assert app.save_to(AUTO, quiet=True)
    app.store.save_settings(app.settings)
    modules = first_frame_modules(tmp_path)
    assert set(FILES) <= modules
    assert heavy(modules, NEVER) == []


def test_a_story_served_from_the_cache_reaches_its_first_scene_without_a_full_load(
        tmp_path: Path) -> None:
    """`confide play tutorial` to the first scene's frame, twice: the first start checks the
    story in full (so the names below are the right ones to look for), the second is served
    by the compiled-story cache and imports none of what only a full load needs."""
    play = ("play", "tutorial", "--screenshot", str(tmp_path / "unused.png"))
    cold = first_frame_modules(tmp_path, *play)
    assert "game.ui.screens.scene" in cold  # the child did reach the scene's frame
    assert {"pydantic", "game.story.incremental", "game.story.yamlhints"} <= cold
    warm = first_frame_modules(tmp_path, *play)
    assert "game.ui.screens.scene" in warm
    # zipfile: importlib.resources' zip support, which finding our own modules never needs;
    # logging: only a message to log needs it (game/logs.py); the terminal's game neither
    assert heavy(warm, (*MISS_ONLY, "zipfile", "logging", "game.textplay")) == []
