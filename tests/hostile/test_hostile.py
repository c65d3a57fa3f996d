"""Hostile and broken story files: each refused, located, exit 1 (how fast: `make bench`).

Large inputs (50 MB, a one-megabyte string) and symlinks are made by the tests rather
than stored in the repository.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
BASE = (Path(__file__).parents[1] / "fixtures" / "mini.yaml").read_text(encoding="utf-8")
LOCATED = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): error\[(?P<code>E\d{3})\]: .+$")

EXPECTED = {
    "alias_bomb": "E006", "deep_nesting": "E006", "deep_block_nesting": "E006",
    "binary_garbage": "E002", "latin1": "E002", "utf16_bom": "E002", "tabs": "E004",
    "duplicate_keys": "E005", "dotdot_asset": "E019", "absolute_asset": "E019",
    "expr_attribute": "E015", "expr_dunder": "E015", "expr_call": "E015",
    "expr_power": "E015", "expr_string": "E015", "expr_lambda": "E015",
    "python_tag": "E011",
}


def refused_fast(path: Path, code: str) -> None:
    """Refused with one located line. How fast is measured in `make bench`
    (refuse_hostile_ms_max), not here, where a loaded machine would fail a time limit."""
    r = subprocess.run([sys.executable, "-m", "game", "check", str(path)],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stdout + r.stderr
    first = r.stdout.splitlines()[0]
    m = LOCATED.match(first)
    assert m and m.group("code") == code, first


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_is_refused_with_located_error(name: str) -> None:
    refused_fast(FIXTURES / f"{name}.yaml", EXPECTED[name])


def test_every_fixture_is_covered() -> None:
    assert {p.stem for p in FIXTURES.glob("*.yaml")} == set(EXPECTED)


def test_fifty_megabyte_file(tmp_path: Path) -> None:
    big = tmp_path / "huge.yaml"
    with big.open("wb") as f:
        f.write(b"id: huge\ntitle: ")
        f.write(b"x" * (50 * 1024 * 1024))
    refused_fast(big, "E003")


def test_one_megabyte_string(tmp_path: Path) -> None:
    f = tmp_path / "long.yaml"
    f.write_text(BASE.replace("title: Mini", "title: " + "y" * 1_000_000), encoding="utf-8")
    refused_fast(f, "E024")


def test_symlink_pointing_outside_the_story(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    (folder / "images").mkdir(parents=True)
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"not really an image")
    os.symlink(outside, folder / "images" / "bg.png")
    text = BASE.replace("  middle:\n", "  middle:\n    background: images/bg.png\n")
    (folder / "story.yaml").write_text(text, encoding="utf-8")
    refused_fast(folder, "E019")


def test_folder_with_only_non_yaml_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    refused_fast(tmp_path, "E001")
