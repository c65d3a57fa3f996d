"""What each kind of move (disclose, ask, respond, plain; small talk is a disclosure at
layer 0) needs in a story, and the landings it can lead to: the E021 checks of a choice's
own fields, and the landing keys its `next`, reactions, `because:` and effects may use."""

from __future__ import annotations

from collections.abc import Callable

from game.story.diagnostics import article
from game.story.plain import LANDINGS, Choice
from game.story.yamlread import PathKey

# Per kind of move: the landing keys 'next' and reactions may use, and those a choice's
# 'next' must cover unless it has a 'default' (a reciprocated disclosure also lands
# supportive, so it needs no target of its own).
ALLOWED = {move: (*keys, "default") for move, keys in LANDINGS.items()}
MUST_LEAD = {move: frozenset(k for k in keys if k != "reciprocated") or frozenset({"plain"})
             for move, keys in LANDINGS.items()}


def check_requirements(c: Choice, loc: PathKey,
                       error: Callable[[PathKey, str, str], None]) -> None:
    """Report, through `error(location, code, message)`, each field the choice's kind of
    move needs and lacks, or has and cannot use (E021)."""
    if c.kind in ("disclose", "ask") and c.layer is None:
        error(loc, "E021", f"{article(c.kind)} {c.kind} choice ('{c.id}') needs a 'layer' (0-3)")
    if c.kind == "respond" and c.response is None:
        error(loc, "E021", f"respond choice '{c.id}' needs a 'response' "
              "(supportive, neutral, dismissive or judgemental)")
    if c.kind == "disclose" and (c.layer or 0) > 0 and c.topic is None:
        error(loc, "E021", f"disclose choice '{c.id}' needs a 'topic' "
              "(what it is about: work, family, ...)")
    if c.kind not in ("disclose", "ask") and c.layer is not None and c.kind != "respond":
        error((*loc, "layer"), "E021", f"{article(c.kind)} {c.kind} choice has no layer")
    if c.kind != "respond" and c.response is not None:
        error((*loc, "response"), "E021", "only respond choices take 'response'")
    if c.invited and (c.kind != "disclose" or not c.layer):
        error((*loc, "invited"), "E021", "only a disclose choice at layer 1-3 can be 'invited' "
              "(an answer to a question the partner asked; small talk is never judged)")
