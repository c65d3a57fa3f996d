"""Exports as a teacher opens them: CSV in a spreadsheet reader, Markdown, the PNG chart."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pygame
import pytest

from game.facilitator.debrief import debrief
from game.facilitator.export import (
    COUNTER_FIELDS,
    CSV_FIELDS,
    export,
    md,
    to_csv,
    to_markdown,
)
from game.persist.record import PlaythroughRecord
from game.persist.recordjson import record_from_json, record_to_json
from game.story.compiled import CompiledStory
from game.ui.chart import render_chart

from .helpers import PATHS, play

HEADER = ["step", "scene", "choice", "kind", "layer", "topic", "landing", "trust", "defence",
          "reached", "opened", "topics"]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("outcome", sorted(PATHS))
def test_csv_has_the_start_and_one_row_per_step(records: dict[str, PlaythroughRecord],
                                               tmp_path: Path, outcome: str) -> None:
    record = records[outcome]
    path = export(record, "csv", tmp_path / "meters.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbfstep,scene,choice,")  # BOM for Excel
    rows = read_csv(path)
    assert list(rows[0])[: len(HEADER)] == HEADER and tuple(rows[0]) == CSV_FIELDS + COUNTER_FIELDS
    assert len(rows) == len(record.steps) + 1
    assert rows[0]["step"] == "0" and rows[0]["kind"] == "start" and rows[0]["choice"] == ""
    for row, step in zip(rows[1:], record.steps, strict=True):
        m = step.meters[step.partner]
        assert (int(row["step"]), row["scene"], row["choice"]) == (step.step, step.scene,
                                                                   step.choice)
        assert (row["kind"], row["landing"], row["label"]) == (step.kind, step.landing,
                                                               step.label)
        assert row["layer"] == ("" if step.layer is None else str(step.layer))
        assert float(row["trust"]) == pytest.approx(m.trust)
        assert float(row["defence"]) == pytest.approx(m.defence)
        assert (int(row["reached"]), int(row["opened"]), int(row["topics"])) == (
            m.reached, m.opened, len(m.topics))


def test_csv_quotes_commas_and_defuses_formulas(tutorial: CompiledStory) -> None:
    record = play(tutorial, PATHS["deepened"])
    rows = list(csv.DictReader(io.StringIO(to_csv(record))))
    assert any("," in r["label"] for r in rows)  # labels with commas survive quoting
    tricky = record_from_json({
        **record_to_json(record),
        "steps": [{**record_to_json(record)["steps"][0],
                   "choice": {**record_to_json(record)["steps"][0]["choice"],
                              "label": "=HYPERLINK(\"x\")"}}],
        "choices": [record.steps[0].ref],
    })
    row = list(csv.DictReader(io.StringIO(to_csv(tricky))))[1]
    assert row["label"] == "'=HYPERLINK(\"x\")"


@pytest.mark.parametrize("outcome", sorted(PATHS))
def test_markdown_contains_every_choice_and_the_debrief(records: dict[str, PlaythroughRecord],
                                                       tmp_path: Path, outcome: str) -> None:
    record = records[outcome]
    text = export(record, "md", tmp_path / "t.md").read_text(encoding="utf-8")
    assert text.startswith("# A Thousand Pieces: a Confide playthrough\n")
    assert f"- **Outcome:** {outcome}" in text
    for step in record.steps:
        assert f"### Step {step.step}: " in text
        assert f"- **You chose:** {md(step.label)} *(" in text
        for sentence in step.sentences:
            assert f"- {md(sentence)}" in text
    d = debrief(record)
    for heading in ("## Debrief", "### The outcome and what led to it", "### Key moments",
                    "### Layers and topics", "### Trust and defence by step"):
        assert f"\n{heading}\n" in text
    assert all(f"- {md(t)}" in text for t in d.led_to)
    table = [ln for ln in text.splitlines() if ln.startswith("| ") and ln[2].isdigit()]
    assert len(table) == len(record.steps) + 1


def test_markdown_escapes_markup_in_story_text() -> None:
    assert md("a *b* _c_ [d](e) <f> | #g") == r"a \*b\* \_c\_ \[d\](e) &lt;f&gt; \| \#g"
    assert md("two\nlines") == "two lines"


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_png_chart_is_a_valid_png_of_the_right_size(records: dict[str, PlaythroughRecord],
                                                    tmp_path: Path,
                                                    size: tuple[int, int]) -> None:
    path = export(records["ruptured"], "png", tmp_path / "chart.png", size=size,
                  chart=render_chart)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = pygame.image.load(str(path))
    assert image.get_size() == size
    # Not blank: the trust line's green and the flag's red are both drawn.
    colours = {tuple(image.get_at((x, y)))[:3] for x in range(0, size[0], 3)
               for y in range(0, size[1], 3)}
    assert (18, 128, 96) in colours and (196, 30, 44) in colours


def test_chart_surface_for_the_window_and_branch_overlay(
        records: dict[str, PlaythroughRecord]) -> None:
    from game.errors import ChartError
    from game.facilitator.compare import compare
    from game.ui.chart import chart_surface

    c = compare(records["deepened"], records["ruptured"])
    surf = chart_surface(c.a, (960, 540), other=c.b, diverged_at=c.diverged_at)
    assert surf.get_size() == (960, 540)
    with pytest.raises(ChartError, match="at least 320x180"):
        chart_surface(c.a, (100, 100))


def test_markdown_of_an_unfinished_record(tutorial: CompiledStory) -> None:
    text = to_markdown(play(tutorial, [1]))
    assert "- **Outcome:** unfinished, after 1 choice\n" in text
    assert "The playthrough stopped after step 1" in text
