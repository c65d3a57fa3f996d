"""Every bundled story says who it is for: `confide list` gives ages and content notes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from game.cli import main
from game.story.loader import check


def test_list_json_gives_every_story_ages_and_content_notes(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert len(entries) >= 6
    for e in entries:
        assert re.fullmatch(r"[0-9]{1,2}\+", e["ages"]), e["id"]
        assert e["content_notes"] and all(isinstance(n, str) and n for n in e["content_notes"])
    ages = {e["id"]: e["ages"] for e in entries}
    assert ages["dead_air"] == "13+" and ages["flatmates"] == "16+"


def test_ages_must_be_a_number_and_plus(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('id: bad\ntitle: B\nages: "teens"\nstart: a\n'
                   "characters: {partners: {sam: {name: Sam}}}\n"
                   "scenes:\n  a:\n    ending: {outcome: acquaintance, title: A}\n",
                   encoding="utf-8")
    story, diags = check(bad)
    assert story is None
    assert [(d.code, d.line, d.col) for d in diags] == [("E011", 3, 7)]
    assert "ages" in diags[0].message


def test_teachers_kit_table_carries_each_storys_own_ages_and_notes(
        capsys: pytest.CaptureFixture[str]) -> None:
    """docs/educators/README.md's table is what a teacher checks before a lesson: it must
    say what the story files say, word for word, as they change."""
    assert main(["list", "--json"]) == 0
    entries = {e["id"]: e for e in json.loads(capsys.readouterr().out)}
    kit = (Path(__file__).parents[2] / "docs" / "educators" / "README.md").read_text()
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| [^|]+ \| `(\w+)` \|.*$", kit,
                                                        re.M)}
    assert set(rows) == set(entries)
    for sid, e in entries.items():
        cells = [c.strip() for c in rows[sid].strip("|").split("|")]
        assert cells[2] == e["ages"], sid
        assert cells[-1] == "; ".join(e["content_notes"]), sid
