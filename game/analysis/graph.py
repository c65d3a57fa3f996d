"""The story map: scenes as nodes, choices and branches as edges, as DOT or Mermaid.

Endings are coloured by outcome. Each edge lists the choices that take it, with their kind
and layer (`share L2`, `ask L3`, `respond supportive`), and the landing when the choice's
`next` depends on it. With coverage counts (from a simulation) nodes and edges show how
often play went there, and anything never visited is drawn faded.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from game.story.compiled import CChoice, CompiledStory

COLOURS = {"deepened": "#7cc48a", "acquaintance": "#f2cf6b", "ruptured": "#e3786f"}
FADED = "#bbbbbb"


@dataclass
class Edge:
    src: str
    dst: str
    labels: list[str]
    dashed: bool = False


@dataclass
class Coverage:
    scenes: Counter[str]
    picks: Counter[str]  # "scene/choice" -> times chosen


def badge(c: CChoice) -> str:
    if c.kind == "disclose":
        tone = " emotional" if c.emotional and c.layer >= 2 else ""
        return f"share L{c.layer}{tone}"
    if c.kind == "ask":
        return f"ask L{c.layer}"
    if c.kind == "respond":
        return f"respond {c.response}"
    return "plain"


def edges(story: CompiledStory, cov: Coverage | None = None) -> list[Edge]:
    """Every scene-to-scene edge, merging the choices that share one."""
    found: dict[tuple[str, str, bool], Edge] = {}

    def add(src: str, dst: str, label: str, dashed: bool = False) -> None:
        key = (src, dst, dashed)
        if key not in found:
            found[key] = Edge(src, dst, [], dashed)
        found[key].labels.append(label)

    for sid, scene in story.scenes.items():
        fallback = [(f"if {cond.source}" if cond else "otherwise", dst)
                    for cond, dst in scene.branches]
        fallback += [("next", scene.next)] if scene.next else []
        for c in scene.choices:
            hits = f" ({cov.picks[sid + '/' + c.id]:,})" if cov else ""
            for landing, dst in c.next.items():
                when = "" if landing == "default" else f" if {landing}"
                add(sid, dst, f"{c.id}: {badge(c)}{when}{hits}")
            if "default" not in c.next:
                # A choice without its own 'next' (for some landing) goes on the way the
                # scene does: draw it on those edges, or the map hides it.
                for how, dst in fallback:
                    add(sid, dst, f"{c.id}: {badge(c)}{hits}, then {how}", dashed=True)
        for how, dst in fallback:
            add(sid, dst, how, dashed=True)
    return list(found.values())


def _node_label(story: CompiledStory, sid: str, cov: Coverage | None) -> str:
    scene = story.scenes[sid]
    label = sid
    if scene.title and scene.ending is None:
        label += f"\n{scene.title}"
    if scene.ending is not None:
        label += f"\n{scene.ending.outcome}: {scene.ending.title}"
    if cov is not None:
        label += f"\n{cov.scenes[sid]:,} visits"
    return label


def to_dot(story: CompiledStory, cov: Coverage | None = None) -> str:
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    out = [f"digraph {q(story.id)} {{", "  rankdir=TB;",
           '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="sans"];',
           '  edge [fontname="sans", fontsize=10];']
    for sid, scene in story.scenes.items():
        attrs = [f"label={q(_node_label(story, sid, cov))}"]
        if scene.ending is not None:
            attrs += ["shape=doubleoctagon", f'fillcolor="{COLOURS[scene.ending.outcome]}"']
        if sid == story.start:
            attrs.append("penwidth=2")
        if cov is not None and not cov.scenes[sid]:
            attrs += [f'color="{FADED}"', f'fontcolor="{FADED}"', 'style="rounded,dashed"']
        out.append(f"  {q(sid)} [{', '.join(attrs)}];")
    for e in edges(story, cov):
        attrs = [f"label={q(chr(10).join(e.labels))}"]
        if e.dashed:
            attrs.append("style=dashed")
        out.append(f"  {q(e.src)} -> {q(e.dst)} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _mermaid_text(text: str) -> str:
    # Mermaid labels are HTML: entity codes keep quotes and comparisons intact.
    for raw, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"),
                      ("|", "#124;")):
        text = text.replace(raw, code)
    return text.replace("\n", "<br/>")


def to_mermaid(story: CompiledStory, cov: Coverage | None = None) -> str:
    def node(sid: str) -> str:
        return "s_" + sid  # prefixed: a scene called `end` would break Mermaid's parser

    out = ["flowchart TD"]
    for sid, scene in story.scenes.items():
        label = _mermaid_text(_node_label(story, sid, cov))
        shape = f'{{{{"{label}"}}}}' if scene.ending is not None else f'("{label}")'
        out.append(f"  {node(sid)}{shape}")
    for e in edges(story, cov):
        arrow = "-.->" if e.dashed else "-->"
        label = _mermaid_text("\n".join(e.labels))
        out.append(f'  {node(e.src)} {arrow}|"{label}"| {node(e.dst)}')
    for outcome, colour in COLOURS.items():
        out.append(f"  classDef {outcome} fill:{colour},stroke:#555,color:#000")
    out.append(f"  classDef unvisited fill:#f4f4f4,stroke:{FADED},color:#999,"
               "stroke-dasharray:4 3")
    for sid, scene in story.scenes.items():
        if scene.ending is not None:
            out.append(f"  class {node(sid)} {scene.ending.outcome}")
        elif cov is not None and not cov.scenes[sid]:
            out.append(f"  class {node(sid)} unvisited")
    out.append(f"  style {node(story.start)} stroke-width:3px")
    return "\n".join(out) + "\n"
