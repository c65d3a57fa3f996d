"""Where the bundled stories and assets are, in an installed copy or in a checkout.

The authoring home is the checkout's top-level `stories/` and `assets/`. Building a wheel
(setup.py) or the standalone app (packaging/confide.spec) copies both, whole, into the
package as `game/_bundle/stories` and `game/_bundle/assets`, beside this module. A
checkout (or an editable install) has no `_bundle`, so the top-level folders are used
directly and an author's edit shows at once.
"""

from __future__ import annotations

from pathlib import Path

BUNDLE = "_bundle"
# The `game` package's own folder (the compiled-story cache keys on its modules).
PACKAGE = Path(__file__).resolve().parent


def data_root(name: str) -> Path:
    """The folder holding the bundled `name` ('stories' or 'assets')."""
    # Installed packages live on disk (site-packages, PyInstaller's folder); the code that
    # reads stories and images needs real paths, so a zipped install is not supported, and
    # the folder is found beside this file (not through importlib.resources, whose zip
    # support costs the title screen's first frame a few milliseconds of imports).
    packaged = PACKAGE / BUNDLE / name
    return packaged if packaged.is_dir() else PACKAGE.parent / name


STORIES = data_root("stories")
ASSETS = data_root("assets")
FONTS = ASSETS / "fonts"


def resolve_asset(rel: str, root: Path) -> Path | None:
    """The file an asset path names, searched in the story folder `root` then in assets/.

    The one search used by the story checker (game.story.semantic, which also refuses paths
    that escape those folders) and by the window's image loader; it lives here so that
    showing the title screen imports no story module."""
    for base in (root, ASSETS):
        candidate = base / rel
        try:
            if candidate.is_file():
                return candidate
        except OSError:  # e.g. a name longer than the file system allows
            continue
    return None
