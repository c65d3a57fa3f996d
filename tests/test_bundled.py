"""The bundled stories and the files that travel with them stay in step."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.story.editorschema import json_schema
from game.story.loader import bundled
from tests.storycache import strict_findings

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_LINE = "# yaml-language-server: $schema=../../docs/story.schema.json"


def test_every_bundled_story_passes_strict_check() -> None:
    """The command over every story at once; the deep lint, which costs tens of seconds a
    story, is checked per story below, once per run (tests/storycache.py)."""
    stories = [str(p) for p in bundled()]
    assert len(stories) >= 5
    r = subprocess.run([sys.executable, "-m", "game", "check", "--strict", "--shallow",
                        *stories], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.strip().endswith("0 errors, 0 warnings")


@pytest.mark.parametrize("path", bundled(), ids=[p.stem for p in bundled()])
def test_bundled_story_has_no_deep_findings(path: Path) -> None:
    # The one test of `check --strict`'s deep lint per bundled story: a second copy in
    # tests/stories ran it again whenever the two landed on different workers.
    assert strict_findings(path) == ()


def test_every_bundled_file_starts_with_the_schema_line() -> None:
    stories = bundled()
    assert stories
    for story in stories:
        files = sorted(story.glob("*.yaml"))
        assert files, story
        for f in files:
            first = f.read_text(encoding="utf-8").splitlines()[0]
            assert first == SCHEMA_LINE, f


def test_published_schema_matches_the_code() -> None:
    published = json.loads((ROOT / "docs" / "story.schema.json").read_text(encoding="utf-8"))
    assert published == json_schema(), "run: confide schema > docs/story.schema.json"


def test_readme_example_is_a_valid_story(tmp_path: Path) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    f = tmp_path / "kettle.yaml"
    f.write_text(block, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "game", "check", str(f)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout
