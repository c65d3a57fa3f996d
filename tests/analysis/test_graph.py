"""`confide graph`: the story map in DOT and Mermaid."""

from __future__ import annotations

import re
from pathlib import Path

from .helpers import ARC, MINI, confide


def test_mermaid_map() -> None:
    done = confide("graph", str(MINI), "--format", "mermaid")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("flowchart TD\n")
    assert 's_close{{"close<br/>deepened: Close"}}' in out
    assert "class s_close deepened" in out and "class s_gone ruptured" in out
    assert "classDef ruptured fill:#e3786f" in out
    assert '|"weather: share L0<br/>secret: share L3 emotional"|' in out
    assert 's_middle -->|"ask: ask L1<br/>wave: plain"| s_finale' in out
    assert 's_finale -.->|"if sam.deepened"| s_close' in out
    # every node an edge mentions is declared
    declared = set(re.findall(r"^  (s_\w+)[({]", out, re.M))
    used = set(re.findall(r"(s_\w+) -", out)) | set(re.findall(r"\| (s_\w+)$", out, re.M))
    assert used <= declared


def test_mermaid_escapes_comparisons() -> None:
    out = confide("graph", str(ARC)).stdout
    assert "if ada.trust #gt;= 50" in out and ">=" not in out


def test_dot_map_with_coverage() -> None:
    done = confide("graph", str(MINI), "--format", "dot", "--coverage", "--runs", "10")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith('digraph "mini" {') and out.rstrip().endswith("}")
    assert '"close" [label="close\\ndeepened: Close\\n0 visits", shape=doubleoctagon' in out
    assert '"hello" [label="hello\\n110 visits", penwidth=2]' in out
    assert re.search(r'"hello" -> "middle" \[label="weather: share L0 \(\d+\)', out)
    assert 'color="#bbbbbb"' in out  # the never-visited ending is faded


def test_choices_without_next_are_drawn_on_the_scene_fallback(tmp_path: Path) -> None:
    story = tmp_path / "fall.yaml"
    story.write_text(
        "id: fall\ntitle: Fall\nstart: a\nrupture: gone\n"
        "characters: {partners: {sam: {name: Sam}}}\nscenes:\n  a:\n    choices:\n"
        "      - {id: chat, kind: disclose, layer: 0, text: Chat}\n"
        "      - {id: leave, text: Leave, next: gone}\n    next: b\n"
        "  b:\n    ending: {outcome: acquaintance, title: B}\n"
        "  gone:\n    ending: {outcome: ruptured, title: Gone}\n", encoding="utf-8")
    out = confide("graph", str(story), "--format", "mermaid").stdout
    assert 's_a -.->|"chat: share L0, then next<br/>next"| s_b' in out
