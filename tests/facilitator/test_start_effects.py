"""A start scene's `on_enter` effects belong to the start: records replay, exports say so."""

from __future__ import annotations

import json
from pathlib import Path

from tests.facilitator.helpers import confide

STORY = """\
id: startfx
title: Start Effects
start: hello
rupture: gone
characters:
  partners:
    sam: {name: Sam, trust: 40, defence: 30}
scenes:
  hello:
    on_enter: ["sam.trust %+ 10"]
    lines: ["The kettle clicks off."]
    choices:
      - {id: rain, kind: disclose, layer: 0, text: Talk about the rain, reaction: "Sam laughs.",
         next: later}
  later:
    choices:
      - {id: bye, text: Say goodbye, next: polite}
  polite: {ending: {outcome: acquaintance, title: Polite}}
  gone: {ending: {outcome: ruptured, title: Gone}}
"""


def test_a_start_with_on_enter_effects_records_replays_and_exports(tmp_path: Path) -> None:
    story, record = tmp_path / "start.yaml", tmp_path / "rec.json"
    story.write_text(STORY, encoding="utf-8")
    done = confide("play", str(story), "--text", "--choices", "1,1", "--record", str(record))
    assert done.returncode == 0, done.stderr
    data = json.loads(record.read_text(encoding="utf-8"))
    # 40 (+) 10 = 46: the start's meters already hold the effect, step 1 starts from them.
    assert data["partners"]["sam"]["start"]["trust"] == 46.0
    replayed = confide("play", str(story), "--replay", str(record))
    assert replayed.returncode == 0, replayed.stdout + replayed.stderr
    md = confide("export", str(record), "--format", "md", "-o", "-")
    assert md.returncode == 0, md.stderr
    assert "Sam's trust 46 → 46 (0)" in md.stdout  # step 1 is not credited with the +6
    assert "| 0 | (start) |  |  | 46 | 30 |" in md.stdout
