"""What one partner holds about the relationship: two meters and a few small counters.

Model v2 keeps trust and defence as the only meters; everything else is a small whole number
or a set of strings that says what has happened so far (docs/model.md section 1 explains each
one). States are JSON-serialisable, and a state saved before a field existed loads with that
field at its starting value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from game.errors import ModelError

STATE_VERSION = 2
"""Version of the partner state layout; 1 had no counters beyond `pending`."""

_LAYER_KEYS = ("reached", "opened", "pending", "guard")
_COUNT_KEYS = ("moves", "heard", "hurt", "closeness", "exchanges", "cool", "guard_moves",
               "missteps")
_KEYS = frozenset({"trust", "defence", "topics", "depths", "ruptured", "pending_topic",
                   *_LAYER_KEYS, *_COUNT_KEYS})
_MAX_TOPIC = 64  # a story's topic names are at most 41 characters (the format's pattern)


class PartnerState(NamedTuple):
    """One partner's hidden view of the player. Immutable: every move returns a new one.

    A NamedTuple, like the playthrough's `State`: the simulator builds one per model move,
    and a tuple is the cheapest immutable record Python has (see `Draft.freeze`).

    `trust` and `defence` live in [0, 100], rounded to 2 decimals. `reached`: deepest player
    layer received supportively; `opened`: deepest layer the partner has disclosed; `topics`:
    the player's topics received supportively (breadth); `pending`: layer of the partner's
    latest unanswered disclosure (0 = none). Model v2 adds: `moves` (model moves made with this
    partner), `heard` (times the partner felt heard), `hurt` (dismissive or judgemental answers
    not yet repaired), `closeness` (points from disclosures received well: 2 emotional, 1
    factual), `exchanges` (good exchanges, which ease reciprocity pressure and damp gains),
    `cool` (1 after a neutral answer, until the next reciprocation), `guard`/`guard_moves`
    (after a judged confidence at layer j: share only below j for that many more moves),
    `missteps` (premature disclosures so far) and `depths` ("topic@layer" for every layer at
    which a topic was received well). `pending_topic`: what the pending disclosure is about
    (None when nothing is pending or the story did not say), so that only a question about
    it counts as a follow-up (R-FOLLOWUP).
    """

    trust: float
    defence: float
    reached: int = 0
    opened: int = 0
    topics: frozenset[str] = frozenset()
    pending: int = 0
    ruptured: bool = False
    moves: int = 0
    heard: int = 0
    hurt: int = 0
    closeness: int = 0
    exchanges: int = 0
    cool: int = 0
    guard: int = 0
    guard_moves: int = 0
    missteps: int = 0
    depths: frozenset[str] = frozenset()
    pending_topic: str | None = None

    def to_json(self) -> dict[str, object]:
        """A plain dict for saves; sets sorted so equal states serialise identically."""
        return {
            "trust": self.trust,
            "defence": self.defence,
            "reached": self.reached,
            "opened": self.opened,
            "topics": sorted(self.topics),
            "pending": self.pending,
            "ruptured": self.ruptured,
            "moves": self.moves,
            "heard": self.heard,
            "hurt": self.hurt,
            "closeness": self.closeness,
            "exchanges": self.exchanges,
            "cool": self.cool,
            "guard": self.guard,
            "guard_moves": self.guard_moves,
            "missteps": self.missteps,
            "depths": sorted(self.depths),
            "pending_topic": self.pending_topic,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> PartnerState:
        """Rebuild from `to_json` output; raises ModelError naming the first bad field."""
        unknown = sorted(set(data) - _KEYS)
        if unknown:
            raise ModelError(f"partner state has unknown field {unknown[0]!r}")
        meters = [_meter(data, "trust"), _meter(data, "defence")]
        layers = {key: _whole(data, key, 3) for key in _LAYER_KEYS}
        counts = {key: _whole(data, key, 1_000_000) for key in _COUNT_KEYS}
        ruptured = data.get("ruptured", False)
        if not isinstance(ruptured, bool):
            raise ModelError(f"partner state field 'ruptured' must be true or false: {ruptured!r}")
        about = data.get("pending_topic")
        if about is not None and (not isinstance(about, str) or not 0 < len(about) <= _MAX_TOPIC
                                  or not layers["pending"]):
            raise ModelError("partner state field 'pending_topic' must be a topic name (with a "
                             f"disclosure pending) or null: {str(about)[:_MAX_TOPIC]!r}")
        return cls(meters[0], meters[1], topics=_strings(data, "topics"), ruptured=ruptured,
                   depths=_strings(data, "depths"), pending_topic=about, **layers, **counts)


def _meter(data: Mapping[str, object], key: str) -> float:
    if key not in data:
        raise ModelError(f"partner state is missing {key!r}")
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise ModelError(f"partner state field {key!r} must be a number in 0-100: {value!r}")
    return round(float(value), 2)


def _whole(data: Mapping[str, object], key: str, most: int) -> int:
    value = data.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= most:
        what = "a layer 0-3" if most == 3 else f"a whole number 0-{most}"
        raise ModelError(f"partner state field {key!r} must be {what}: {value!r}")
    return value


def _strings(data: Mapping[str, object], key: str) -> frozenset[str]:
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(t, str) for t in items):
        raise ModelError(f"partner state field {key!r} must be a list of strings: {items!r}")
    return frozenset(items)
