"""Untrusted text reaching other formats: CSV, Markdown, the terminal."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from game.errors import RecordError
from game.facilitator.export import to_csv, to_markdown
from game.persist.record import PlaythroughRecord
from game.persist.recordjson import record_from_json, record_to_json
from game.safetext import csv_cell, markdown, terminal
from game.story.loader import check, load

from .kit import BEL, ESC, MINI, confide, no_traceback, record_json, write_json


@pytest.fixture(scope="module")
def mini_record() -> dict[str, Any]:
    return record_json(load(MINI), [1, 1])


def _with_step(data: dict[str, Any], **fields: Any) -> PlaythroughRecord:
    step = dict(data["steps"][0])
    choice = {**step["choice"], **{k: v for k, v in fields.items() if k in step["choice"]}}
    step.update({k: v for k, v in fields.items() if k not in choice})
    step["choice"] = choice
    return record_from_json({**data, "steps": [step, *data["steps"][1:]]})


@pytest.mark.parametrize("payload", ["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0",
                                     "-2+3", "@SUM(A1:A2)", "  =1+1", "\t=1", "＝1+1",
                                     "\u00a0=1+1", "\u3000@SUM(A1)", " \u2003-1"])
def test_no_csv_cell_can_start_a_formula(mini_record: dict[str, Any], payload: str) -> None:
    record = _with_step(mini_record, label=payload, landing=payload, topic=payload)
    rows = list(csv.reader(io.StringIO(to_csv(record))))
    cells = [cell for row in rows for cell in row]
    # The payload is really exported (defused), so the check below has something to check.
    assert any(payload.strip().lstrip("=+-@＝") in cell for cell in cells)
    for cell in cells:
        assert not cell.lstrip().startswith(("=", "+", "-", "@", "\t", "＝")), cell


def test_markdown_export_has_no_live_html_and_no_injected_heading(
        mini_record: dict[str, Any]) -> None:
    record = _with_step(mini_record, label="<script>alert(1)</script>",
                        landing="<iframe src=x>", said="<img src=x onerror=alert(1)>")
    forged = record_from_json({**record_to_json(record),
                                          "created": "2026-01-01T00:00:00+00:00"})
    text = to_markdown(forged)
    assert "<script" not in text and "<iframe" not in text and "<img" not in text
    assert "&lt;script&gt;" in text
    with pytest.raises(RecordError, match="created"):
        record_from_json({**mini_record, "created": "x\n# Owned"})


@pytest.mark.parametrize("text", ["Sam\x00", "\x1b]0;title\x07", "a\x9bb", "left\u202eright"])
def test_record_text_with_control_characters_is_refused(mini_record: dict[str, Any],
                                                        text: str) -> None:
    with pytest.raises(RecordError, match="control character"):
        record_from_json({**mini_record, "player": text})


def test_sanitisers_at_their_edges() -> None:
    assert terminal("a\x1b[2Jb\x07c\td\ne") == "a\\x1b[2Jb\\x07c\td\ne"
    assert terminal("\u202e") == "\\u202e"
    assert csv_cell("-") == "'-" and csv_cell("a=b") == "a=b" and csv_cell("") == ""
    assert csv_cell("\t") == "'\t" and csv_cell("\u3000=1") == "'\u3000=1"
    assert markdown("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"


def test_control_characters_in_story_text_are_refused_at_load(tmp_path: Path) -> None:
    base = MINI.read_text(encoding="utf-8")
    for bad in ('"Sam\\e]52;c;aGk=\\a"', '"Sam\\0"', '"Sam\\x9b2J"', "Sam\u202e"):
        path = tmp_path / "story.yaml"
        path.write_text(base.replace("{name: Sam,", f"{{name: {bad},"), encoding="utf-8")
        story, diags = check(path)
        assert story is None and [d.code for d in diags] == ["E032"], diags
        assert diags[0].line == 7


def test_text_play_and_messages_never_print_escape_or_bell(tmp_path: Path) -> None:
    name = tmp_path / f"{ESC}]0;owned{BEL}.yaml"
    name.write_text("id: x\n", encoding="utf-8")
    r = confide("check", "--shallow", str(name))
    out = no_traceback(r)
    assert r.returncode == 1 and "\\x1b]0;owned\\x07" in out
    assert ESC.encode() not in r.stdout + r.stderr and BEL.encode() not in r.stdout + r.stderr


def test_export_to_standard_output_is_escaped(tmp_path: Path,
                                              mini_record: dict[str, Any]) -> None:
    record = tmp_path / "r.json"
    write_json(record, {**mini_record, "title": "=cmd|' /C calc'!A0 <script>"})
    r = confide("export", str(record), "--format", "csv", "-o", "-")
    no_traceback(r)
    assert r.returncode == 0
    assert all(not cell.startswith("=") for row in csv.reader(io.StringIO(r.stdout.decode()))
               for cell in row)
    r = confide("export", str(record), "--format", "md", "-o", "-")
    assert r.returncode == 0 and b"<script>" not in r.stdout


def test_replayed_record_is_checked_before_anything_is_printed(
        tmp_path: Path, mini_record: dict[str, Any]) -> None:
    record = write_json(tmp_path / "r.json", json.loads(json.dumps(mini_record)))
    r = confide("play", str(MINI), "--replay", str(record))
    assert r.returncode == 0, no_traceback(r)


def test_the_progress_bar_writes_past_the_escaping_wrapper(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from game.analysis.explorer import explore
    from game.safetext import SafeStream

    raw = io.StringIO()
    monkeypatch.setattr("sys.stderr", SafeStream(raw))
    explore(load(MINI), max_states=50, progress=True)
    drawn = raw.getvalue()
    assert "\r" in drawn and "exploring" in drawn  # the bar's own carriage returns...
    assert "\\r" not in drawn and "\\x1b" not in drawn  # ...not shown as escapes
