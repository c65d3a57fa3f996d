"""The relationship model: pure functions over a small immutable partner state.

No pygame, no pydantic, no I/O: the simulator calls these hundreds of thousands of times a
second, and the runtime, analysis and UI all import them from here.
"""

from game.errors import ModelError
from game.model.explain import RULES, Delta, Explanation, Readiness
from game.model.fairmath import fair_add, fair_sub, noise_for
from game.model.outside import author_set, leave_unanswered, scene_discloses
from game.model.params import SPECS, Params
from game.model.rules import (
    RESPONSES,
    ask,
    classify,
    disclose,
    meets_deepened,
    readiness,
    respond,
    verdict,
)
from game.model.state import PartnerState
from game.model.wording import LAYER_AREAS, LAYER_PHRASES

__all__ = [
    "LAYER_AREAS",
    "LAYER_PHRASES",
    "RESPONSES",
    "RULES",
    "SPECS",
    "Delta",
    "Explanation",
    "ModelError",
    "Params",
    "PartnerState",
    "Readiness",
    "ask",
    "author_set",
    "classify",
    "disclose",
    "fair_add",
    "fair_sub",
    "leave_unanswered",
    "meets_deepened",
    "noise_for",
    "readiness",
    "respond",
    "scene_discloses",
    "verdict",
]
