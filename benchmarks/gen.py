"""Generate a synthetic story of N scenes that uses every kind of move, for load scaling."""

from __future__ import annotations

import sys
from pathlib import Path

HEADER = """id: generated
title: Generated story
start: s0
rupture: broken
characters:
  partners:
    sam: {name: Sam, trust: 35, defence: 35}
flags:
  met: false
  count: 0
scenes:
"""

SCENE = """  s{i}:
    background: backgrounds/kitchen.png
    on_enter: ["flag.count += 1"]
    lines:
      - "Scene {i} begins; the afternoon light moves across the table."
      - sam: "So, {{player}}, what's new since last time?"
      - {{speaker: narrator, text: "You have met before.", if: "flag.met and visits.s{i} > 0"}}
    choices:
      - id: chat
        kind: disclose
        layer: 0
        text: Talk about the weather
        effects: ["flag.met = true"]
        reaction: Sam nods along.
        next: s{a}
      - id: share
        kind: disclose
        layer: {layer}
        topic: topic{t}
        tone: emotional
        text: Share something that matters
        reactions: {{supportive: Sam leans in., neutral: Sam hums., judgemental: Sam frowns.}}
        next: {{reciprocated: s{b}, default: s{a}}}
      - id: ask
        kind: ask
        layer: 1
        topic: work
        text: Ask about work
        if: "sam.trust >= 20 or flag.count > 2"
        reactions: {{welcome: Sam talks about work., intrusion: Sam stiffens.}}
        next: s{b}
"""

ENDINGS = """  close:
    ending: {outcome: deepened, title: Close}
  polite:
    ending: {outcome: acquaintance, title: Polite}
  broken:
    ending: {outcome: ruptured, title: Broken}
  last:
    branches:
      - {if: sam.deepened, to: close}
      - to: polite
"""


def scenes_text(n: int, lo: int, hi: int) -> str:
    parts = ["scenes:\n"]
    for i in range(lo, hi):
        a = f"{i + 1}" if i + 1 < n else "last"
        b = f"{i + 2}" if i + 2 < n else "last"
        parts.append(SCENE.format(i=i, a=a, b=b, layer=1 + i % 3, t=i % 7)
                     .replace("slast", "last"))
    return "".join(parts)


def story_text(n: int) -> str:
    return HEADER + scenes_text(n, 0, n)[len("scenes:\n"):] + ENDINGS


def write(n: int, folder: Path, per_file: int = 1000) -> Path:
    """One file up to `per_file` scenes; beyond that a folder story split into parts,
    as authors would split a long story (each file stays under the size cap)."""
    if n <= per_file:
        path = folder / f"generated_{n}.yaml"
        path.write_text(story_text(n), encoding="utf-8")
        return path
    root = folder / f"generated_{n}"
    root.mkdir()
    (root / "story.yaml").write_text(HEADER + ENDINGS, encoding="utf-8")
    for part, lo in enumerate(range(0, n, per_file)):
        text = scenes_text(n, lo, min(n, lo + per_file))
        (root / f"part{part:03}.yaml").write_text(text, encoding="utf-8")
    return root


if __name__ == "__main__":
    sys.stdout.write(story_text(int(sys.argv[1]) if len(sys.argv) > 1 else 10))
