"""The relationship model: pure functions over a small immutable partner state.

No pygame, no pydantic, no I/O: the simulator calls these hundreds of thousands of times a
second, and the runtime, analysis and UI all import them from here.
"""

from game.errors import ModelError
from game.model.draft import Draft, Partner
from game.model.explain import RULES, Delta, Explanation, Readiness
from game.model.fairmath import fair_add, fair_sub, noise_for
from game.model.outside import (
    apologise,
    apologise_on,
    author_set,
    author_set_on,
    leave_unanswered,
    leave_unanswered_on,
    scene_discloses,
    scene_discloses_on,
)
from game.model.params import SPECS, Params
from game.model.readiness import classify, readiness
from game.model.rules import (
    RESPONSES,
    ask,
    ask_on,
    disclose,
    disclose_on,
    meets_deepened,
    respond,
    respond_on,
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
    "Draft",
    "Explanation",
    "ModelError",
    "Params",
    "Partner",
    "PartnerState",
    "Readiness",
    "apologise",
    "apologise_on",
    "ask",
    "ask_on",
    "author_set",
    "author_set_on",
    "classify",
    "disclose",
    "disclose_on",
    "fair_add",
    "fair_sub",
    "leave_unanswered",
    "leave_unanswered_on",
    "meets_deepened",
    "noise_for",
    "readiness",
    "respond",
    "respond_on",
    "scene_discloses",
    "scene_discloses_on",
    "verdict",
]
