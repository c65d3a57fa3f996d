"""The player's settings: text, display, comforts and modes, as one small dataclass.

Reading is forgiving on purpose: a hand-edited or damaged value falls back to its default and
every valid value is kept, so a settings file never stops the game from starting. The file
itself is written and read by `SaveStore` (game/persist/saves.py).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

TEXT_SPEEDS = ("slow", "normal", "fast", "instant")
TEXT_SIZES = ("small", "medium", "large", "largest")
FONTS = ("standard", "hyperlegible")  # DejaVu Sans, or Atkinson Hyperlegible (reading aid)
LINE_SPACINGS = ("normal", "relaxed", "wide")
VOLUME_STEP = 10  # volumes are whole percentages, changed in these steps
AUTO_FORWARD = ("off", "slow", "normal", "fast")  # how long a finished line stays
# Whether sharing and asking cards name their layer: as the story says (its `depth_on_cards`),
# or always shown, or always hidden.
DEPTH_ON_CARDS = ("story", "shown", "hidden")


@dataclass(slots=True)
class Settings:
    text_speed: str = "normal"
    text_size: str = "medium"
    high_contrast: bool = False
    fullscreen: bool = False
    facilitator: bool = False
    projector: bool = False  # large text, high contrast, A-D votes (the class's screen)
    # Comforts (help, voice, reading, sound); validated in `_comforts_from_json`.
    help_seen: bool = False  # the first-run hint has been shown once
    self_voicing: bool = False  # read the text and the focused control aloud (V)
    font: str = "standard"  # one of FONTS
    line_spacing: str = "normal"  # one of LINE_SPACINGS
    music_volume: int = 60  # 0-100: the ambient loops
    sound_volume: int = 70  # 0-100: the interface sounds
    mute: bool = False  # silence everything without losing the volumes
    # -- reading comforts (window v2): skip and auto-forward --
    skip_seen: bool = False  # skip lines read before without holding Ctrl
    auto_forward: str = "off"  # one of AUTO_FORWARD
    # Whether each sharing or asking card names its layer (one of DEPTH_ON_CARDS). Hidden, the
    # class judges the depth from the words alone (docs/educators/README.md); the glass box
    # still names it after the move.
    depth_on_cards: str = "story"

    @classmethod
    def from_json(cls, data: Any) -> Settings:
        """Keep every valid value; a bad or unknown one falls back to its default."""
        out = cls()
        if not isinstance(data, dict):
            return out
        if data.get("text_speed") in TEXT_SPEEDS:
            out.text_speed = data["text_speed"]
        if data.get("text_size") in TEXT_SIZES:
            out.text_size = data["text_size"]
        if data.get("auto_forward") in AUTO_FORWARD:
            out.auto_forward = data["auto_forward"]
        if data.get("depth_on_cards") in DEPTH_ON_CARDS:
            out.depth_on_cards = data["depth_on_cards"]
        elif data.get("depth_tags") is False:  # the earlier on/off setting: off meant hidden
            out.depth_on_cards = "hidden"
        for f in fields(cls):
            if f.type == "bool" and isinstance(data.get(f.name), bool):
                setattr(out, f.name, data[f.name])
        _comforts_from_json(out, data)
        return out

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def shows_depth(self, story_hides: bool) -> bool:
        """Whether cards name their layer where the story's `depth_on_cards` hides them
        (`story_hides`) or not: the player's own choice, when they made one, wins."""
        if self.depth_on_cards == "story":
            return not story_hides
        return self.depth_on_cards == "shown"


def _comforts_from_json(out: Settings, data: dict[str, Any]) -> None:
    if data.get("font") in FONTS:
        out.font = data["font"]
    if data.get("line_spacing") in LINE_SPACINGS:
        out.line_spacing = data["line_spacing"]
    for name in ("music_volume", "sound_volume"):
        value = data.get(name)
        # bool is an int to Python; a hand-edited `true` is not a volume
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100:
            setattr(out, name, value)
