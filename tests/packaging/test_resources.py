"""Bundled data is found in one place: game/resources.py, installed or in a checkout."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from game import resources

ROOT = Path(__file__).resolve().parents[2]
# Finding data by walking up from a module's own file works only in a checkout.
WALK_UP = re.compile(r"__file__\)?(\.resolve\(\))?\.(parent\.parent|parents\[)")


def test_a_checkout_reads_the_top_level_authoring_folders() -> None:
    assert resources.STORIES == ROOT / "stories"
    assert resources.ASSETS == ROOT / "assets"
    assert (resources.FONTS / "DejaVuSans.ttf").is_file()


def test_an_installed_bundle_wins_over_the_folders_beside_the_package(tmp_path: Path) -> None:
    # The layout the wheel and the standalone app have: game/_bundle/stories inside the
    # package, and nothing (or something unrelated) beside it.
    pkg = tmp_path / "site" / "game"
    (pkg / "_bundle" / "stories" / "only_here").mkdir(parents=True)
    (tmp_path / "site" / "stories").mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "resources.py").write_text(Path(resources.__file__).read_text(encoding="utf-8"),
                                      encoding="utf-8")
    code = "from game import resources; print(resources.STORIES); print(resources.ASSETS)"
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                       text=True, timeout=30, env={"PYTHONPATH": str(tmp_path / "site")})
    stories, assets = r.stdout.split()
    assert Path(stories) == pkg / "_bundle" / "stories"
    # No bundled assets in this fake install: the fallback beside the package is used.
    assert Path(assets) == tmp_path / "site" / "assets"


def test_no_other_module_finds_data_relative_to_its_own_file() -> None:
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "game").rglob("*.py")
                 if p.name != "resources.py" and WALK_UP.search(p.read_text(encoding="utf-8"))]
    assert offenders == [], "use game.resources.STORIES / ASSETS / FONTS"
