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
