"""Every bundled story says who it is for: `confide list` gives ages and content notes."""

from __future__ import annotations

import json
import re

from .storykit import confide


def test_list_json_gives_every_story_ages_and_content_notes() -> None:
    done = confide("list", "--json")
    assert done.returncode == 0, done.stderr
    entries = json.loads(done.stdout)
    assert len(entries) >= 5
    for e in entries:
        assert re.fullmatch(r"[0-9]{1,2}\+", e["ages"]), e["id"]
        assert e["content_notes"] and all(isinstance(n, str) and n for n in e["content_notes"])


def test_list_text_shows_ages() -> None:
    done = confide("list")
    assert done.returncode == 0 and ", ages 16+;" in done.stdout and ", ages 12+;" in done.stdout


def test_ages_must_be_a_number_and_plus(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('id: bad\ntitle: B\nages: "teens"\nstart: a\n'
                   "characters: {partners: {sam: {name: Sam}}}\n"
                   "scenes:\n  a:\n    ending: {outcome: acquaintance, title: A}\n",
                   encoding="utf-8")
    done = confide("check", str(bad))
    assert done.returncode == 1
    assert re.search(r"bad\.yaml:3:7: error\[E011\]: .*ages", done.stdout), done.stdout
