"""Every diagnostic code, from a fixture file, at its exact line and column.

Each fixture's first line says what it must produce: `# expect: CODE at LINE:COL`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.story.diagnostics import CODES
from game.story.loader import check

FIXTURES = Path(__file__).parent / "fixtures" / "diag"
DOCS = Path(__file__).parents[2] / "docs" / "diagnostics.md"
EXPECT = re.compile(r"# expect: ([EW]\d{3}) at (\d+):(\d+)")


def expectation(path: Path) -> tuple[str, int, int]:
    first = path.read_bytes().split(b"\n", 1)[0].decode()
    m = EXPECT.match(first)
    assert m, f"{path.name} has no '# expect:' line"
    return m.group(1), int(m.group(2)), int(m.group(3))


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.stem)
def test_fixture_gives_its_code_at_its_place(path: Path) -> None:
    code, line, col = expectation(path)
    assert path.stem == code
    story, diags = check(path)
    found = [(d.code, d.line, d.col) for d in diags]
    assert (code, line, col) in found, found
    assert all(d.path == str(path) for d in diags)
    if code.startswith("E"):
        assert story is None
    else:
        assert story is not None and all(not d.is_error for d in diags)


def test_missing_file_is_e001(tmp_path: Path) -> None:
    _, diags = check(tmp_path / "nope.yaml")
    assert [(d.code, d.line, d.col) for d in diags] == [("E001", 1, 1)]


def test_oversized_file_is_e003(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (6 * 1024 * 1024) + b"\n")
    _, diags = check(big)
    assert [(d.code, d.line, d.col) for d in diags] == [("E003", 1, 1)]


def test_long_string_is_e024(tmp_path: Path) -> None:
    f = tmp_path / "long.yaml"
    f.write_text("id: x\ntitle: " + "y" * 200_000 + "\n", encoding="utf-8")
    _, diags = check(f)
    assert [(d.code, d.line, d.col) for d in diags] == [("E024", 2, 8)]


def test_story_over_its_total_size_is_e030(tmp_path: Path) -> None:
    # Four files, each under the 5 MB limit of one file, are over the 16 MB of a story.
    folder = tmp_path / "story"
    folder.mkdir()
    for i in range(4):
        (folder / f"part{i}.yaml").write_bytes(b"# " + b"x" * (4_500_000) + b"\nid: x\n")
    _, diags = check(folder)
    assert [(d.code, d.path, d.line, d.col) for d in diags] == [
        ("E030", str(folder / "part3.yaml"), 1, 1)]


def test_story_folder_with_too_many_files_is_e030(tmp_path: Path) -> None:
    for i in range(201):
        (tmp_path / f"part{i:03}.yaml").write_text(f"k{i}: 1\n", encoding="utf-8")
    _, diags = check(tmp_path)
    assert [(d.code, d.path, d.line, d.col) for d in diags] == [("E030", str(tmp_path), 1, 1)]


def test_non_yaml_file_in_folder_is_w006(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    src = (FIXTURES / "W004.yaml").read_text(encoding="utf-8")
    (folder / "story.yaml").write_text(src, encoding="utf-8")
    (folder / "notes.txt").write_text("hello", encoding="utf-8")
    story, diags = check(folder)
    assert story is not None
    assert ("W006", str(folder / "notes.txt")) in [(d.code, d.path) for d in diags]


def test_utf16_is_refused_at_the_start(tmp_path: Path) -> None:
    f = tmp_path / "u16.yaml"
    f.write_bytes("id: x\n".encode("utf-16"))
    _, diags = check(f)
    assert [(d.code, d.line, d.col) for d in diags] == [("E002", 1, 1)]


def test_every_code_is_documented_and_has_a_test() -> None:
    text = DOCS.read_text(encoding="utf-8")
    tested = {p.stem for p in FIXTURES.glob("*.yaml")} | {"E001", "E003", "E024", "W006",
                                                           "E030"}
    deep_tests = "".join(p.read_text(encoding="utf-8")
                         for p in (FIXTURES.parents[2] / "analysis").glob("test_*.py"))
    assert len(CODES) > 20
    for code in CODES:
        assert f"## {code}" in text, f"{code} missing from docs/diagnostics.md"
        assert code in tested or f'"{code}"' in deep_tests, f"{code} has no test"


def test_folder_merge_reports_duplicate_scene_across_files(tmp_path: Path) -> None:
    folder = tmp_path / "split"
    folder.mkdir()
    (folder / "a.yaml").write_text(
        "id: split\ntitle: S\nstart: one\ncharacters: {partners: {sam: {name: Sam}}}\n"
        "scenes:\n  one:\n    ending: {outcome: acquaintance, title: One}\n", encoding="utf-8")
    (folder / "b.yaml").write_text(
        "scenes:\n  one:\n    ending: {outcome: deepened, title: Again}\n", encoding="utf-8")
    story, diags = check(folder)
    assert story is None
    hit = [d for d in diags if d.code == "E014"]
    assert hit and hit[0].path == str(folder / "b.yaml") and (hit[0].line, hit[0].col) == (2, 3)
