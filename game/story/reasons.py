"""The author's reasons (`because:`), compiled, and the one message for a landing key a
move cannot have (shared by `next`, `reactions`, `because` and `effects` by landing).

A reason completes "..., because <it>." in an ending's closing sentences
(game/runtime/causes.py). It is one string for every landing, or one per landing keyed as
reactions are, plus `premature` on a disclosure (used first when it skipped a layer).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from game.story.diagnostics import article, did_you_mean
from game.story.yamlread import PathKey

# An author may well write "Because ..." and a closing full stop: both would be doubled.
_LEADING = re.compile(r"(?i)^\s*because\s+")


def cannot_land(kind: str, key: str, allowed: Sequence[str]) -> str:
    """E023's message: `key` is not a landing this kind of move can have."""
    return (f"{article(kind)} {kind} move cannot land as '{key}'"
            f"{did_you_mean(key, allowed)}; use: {', '.join(allowed)}")


def check_effect_keys(keys: Iterable[str], loc: PathKey, move: str, allowed: Sequence[str],
                      key_error: Callable[[PathKey, str, str], None]) -> None:
    """E023 for each key of `effects:` written per landing that `move` can never land as;
    a move with one landing only (a plain choice, small talk) is told to write a list."""
    one_way = "" if len(allowed) > 2 else \
        " (it always lands the same way: write its effects as a list)"
    for key in keys:
        if key not in allowed:
            key_error((*loc, key), "E023",
                      cannot_land(move.replace("_", "-"), key, allowed) + one_way)


def cannot_explain(what: str, key: str, allowed: Sequence[str]) -> str:
    """E023's message for a `because:` key: unlike `next` and `reactions`, the keys are
    landings plus `premature`, which is not a landing, so the message says which is which."""
    landings = [k for k in allowed if k not in ("default", "premature")]
    if key == "premature":
        return (f"'premature' is for a disclosure that skipped a layer, which {article(what)} "
                f"{what} never does; use: "
                f"{', '.join((*landings, 'default'))}")
    extra = ", or premature (when the disclosure skipped a layer)" \
        if "premature" in allowed else ""
    return (f"{article(what)} {what} never lands as '{key}'"
            f"{did_you_mean(key, allowed)}: a because: key is how the move lands "
            f"({', '.join(landings)}), default (any other way){extra}")


def reasons(raw: str | Mapping[str, str], loc: PathKey, what: str, allowed: Sequence[str],
            text: Callable[[str, PathKey], str],
            key_error: Callable[[PathKey, str, str], None]) -> dict[str, str]:
    """`because:` as landing -> reason ("default" for a single string). `text` fills the
    story's placeholders; `key_error` reports a key outside `allowed` (`what` names the kind
    of move, e.g. "disclose move"), and goes on."""
    if isinstance(raw, str):
        return {"default": _clean(text(raw, (*loc, "because")))}
    out: dict[str, str] = {}
    for key, reason in raw.items():
        if key not in allowed:
            key_error((*loc, "because", key), "E023", cannot_explain(what, key, allowed))
        out[key] = _clean(text(reason, (*loc, "because", key)))
    return out


def reason_text(raw: str, loc: PathKey, text: Callable[[str, PathKey], str]) -> str:
    """One reason, written to follow "because" (a scene's, for its `on_enter`)."""
    return _clean(text(raw, loc))


def _clean(reason: str) -> str:
    return _LEADING.sub("", reason).rstrip(" .")
