"""`confide stats`: the size and shape of any story, for an author checking their work.

Counts come from the compiled story, so they match what a player meets: words of
player-visible text (the same count `confide list` shows), scenes, endings by outcome,
partners, topics, and choices by kind and layer.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from game.catalog import word_count
from game.glossary import LAYER_NAMES
from game.story.compiled import RUPTURE_FALLBACK, CompiledStory

OUTCOMES = ("deepened", "acquaintance", "ruptured")


def story_stats(story: CompiledStory) -> dict[str, Any]:
    """Plain, JSON-ready facts about a loaded story."""
    scenes = {sid: s for sid, s in story.scenes.items() if sid != RUPTURE_FALLBACK}
    endings: Counter[str] = Counter(s.ending.outcome for s in scenes.values() if s.ending)
    kinds: dict[str, Counter[str]] = {k: Counter() for k in ("disclose", "ask", "respond",
                                                            "plain")}
    topics: set[str] = set()
    for scene in scenes.values():
        if scene.disclosure is not None and scene.disclosure.topic:
            topics.add(scene.disclosure.topic)
        for c in scene.choices:
            if c.kind == "respond":
                key = c.response or "neutral"
            else:
                key = str(c.layer) if c.kind in ("disclose", "ask") else "all"
            kinds[c.kind][key] += 1
            if c.topic:
                topics.add(c.topic)
    meta = story.meta
    return {
        "id": meta.id, "title": meta.title, "path": story.source,
        "scenes": len(scenes),
        "lines": sum(len(s.lines) for s in scenes.values()),
        "words": word_count(story),
        "minutes": meta.minutes,
        "endings": {o: endings.get(o, 0) for o in OUTCOMES},
        "partners": [{"id": pid, "name": p.name, "pronouns": p.pronouns, "trust": p.trust,
                      "defence": p.defence} for pid, p in meta.characters.partners.items()],
        "topics": sorted(topics),
        "choices": sum(sum(c.values()) for c in kinds.values()),
        "choices_by_kind": {k: dict(sorted(c.items())) for k, c in kinds.items()},
        "flags": len(meta.flags),
    }


def stats_lines(stats: dict[str, Any]) -> list[str]:
    """The same facts as readable lines for the terminal."""
    ends = ", ".join(f"{n} {o}" for o, n in stats["endings"].items())
    out = [f"{stats['title']} ({stats['id']})",
           f"  {stats['scenes']} scenes, {stats['lines']} lines, {stats['words']:,} words "
           f"of player-visible text, about {stats['minutes']} min",
           f"  endings: {ends}"]
    for p in stats["partners"]:
        out.append(f"  partner {p['id']}: {p['name']} ({p['pronouns']}), starts at trust "
                   f"{p['trust']:g}, defence {p['defence']:g}")
    out.append(f"  topics ({len(stats['topics'])}): {', '.join(stats['topics']) or 'none'}")
    out.append(f"  choices: {stats['choices']}")
    for kind, counts in stats["choices_by_kind"].items():
        if counts:
            out.append(f"    {kind:<9} {_breakdown(kind, counts)}")
    out.append(f"  flags: {stats['flags']}")
    return out


def _breakdown(kind: str, counts: dict[str, int]) -> str:
    total = sum(counts.values())
    if kind == "plain":
        return str(total)
    if kind == "respond":
        return f"{total}: " + ", ".join(f"{n} {key}" for key, n in counts.items())
    parts = [f"{n} at layer {key} ({LAYER_NAMES[int(key)]})" for key, n in counts.items()]
    return f"{total}: " + ", ".join(parts)
