"""Properties over fuzzed text: no formula cell in a CSV, no ESC or BEL in text play."""

from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.facilitator.export import to_csv, to_markdown
from game.persist.recordjson import record_from_json
from game.story.loader import check, load
from game.textplay import TextGame

from .kit import BEL, ESC, MINI, record_json

FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# Text weighted towards what does harm: formula starts, controls, HTML, escapes.
NASTY = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "\n", " ", "\x1b", "\x07", "\x00",
                         "\x9b", "\u202e", "<script>", "=HYPERLINK(", "＝", "|", "#", "`"])
TEXT = st.lists(st.one_of(NASTY, st.text(max_size=5)), max_size=8).map("".join)
CASES = settings(max_examples=60, derandomize=True, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])
def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, every control character as an escape."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif code < 0x20 or 0x7F <= code <= 0x9F or 0x2028 <= code <= 0x206F or code == 0xFEFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


RECORD = record_from_json(record_json(load(MINI), [1, 1]))


@given(label=TEXT, landing=TEXT, topic=TEXT, scene=TEXT, partner_name=TEXT, title=TEXT)
@CASES
def test_fuzzed_record_exports_no_formula_cell(label: str, landing: str, topic: str,
                                               scene: str, partner_name: str,
                                               title: str) -> None:
    # Built directly, past the reader's checks: the exporter must be safe on its own.
    steps = tuple(replace(s, label=label, landing=landing, topic=topic, scene=scene)
                  for s in RECORD.steps)
    partners = {pid: replace(p, name=partner_name) for pid, p in RECORD.partners.items()}
    record = replace(RECORD, steps=steps, partners=partners, title=title)
    for row in csv.reader(io.StringIO(to_csv(record))):
        for cell in row:
            assert not cell.lstrip(" ").startswith(FORMULA), cell
            assert ESC not in cell and "\x00" not in cell
    md = to_markdown(record)
    assert "<script" not in md and ESC not in md and BEL not in md


@given(name=TEXT, line=TEXT, label=TEXT, reaction=TEXT)
@CASES
def test_fuzzed_story_text_in_text_mode_has_no_escape_or_bell(name: str, line: str,
                                                              label: str,
                                                              reaction: str) -> None:
    text = MINI.read_text(encoding="utf-8")
    text = text.replace("{name: Sam,", f"{{name: {quoted(name or 'Sam')},")
    text = text.replace("- The kettle clicks off.", f"- {quoted(line)}")
    text = text.replace("text: Talk about the rain", f"text: {quoted(label or 'x')}")
    text = text.replace('reaction: "{sam} laughs."', f"reaction: {quoted(reaction)}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "story.yaml"
        path.write_text(text, encoding="utf-8")
        story, diags = check(path)
    if story is None:
        assert {d.code for d in diags} <= {"E032", "E011"}, diags
        return
    out = io.StringIO()
    TextGame(story, out).run(iter(["1\n", "1\n", "q\n"]), [])
    assert ESC not in out.getvalue() and BEL not in out.getvalue()
