"""Ambient loops per background and soft interface sounds, with volumes and mute.

The files are made by `python -m game.ui.soundsynth` (original, synthesised here) and live
in assets/sounds/. The mixer opens lazily, on the first sound, so the title screen's first
frame never waits for the audio device; a machine without one (or SDL's dummy driver) just
plays nothing. The title screen is silent, so an idle title costs no mixing at all.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.logs import Log
from game.persist.settings import Settings
from game.ui.theme import ASSETS

SOUND_DIR = ASSETS / "sounds"
RATE = 22050
# background file stem -> ambient loop; a background not listed here gets "room"
SOUNDSCAPES = {
    "bedroom": "room", "living_room": "room", "kitchen": "kitchen", "cafe": "cafe",
    "bar": "cafe", "hallway": "hall", "school_corridor": "hall", "classroom": "hall",
    "library": "hall", "office": "hall", "climbing_wall": "hall",
    "hospital_corridor": "hospital", "park": "park", "lake": "lake", "street_night": "city",
    "station": "city", "rooftop": "city", "car": "car",
}
LOOPS = tuple(sorted(set(SOUNDSCAPES.values())))
UI_SOUNDS = ("move", "open", "close", "choose")
FADE_MS = 900

log = Log("confide.ui")


def loop_for(background: str | None) -> str | None:
    """The ambient loop of a background path, or None for silence (no background)."""
    if not background:
        return None
    return SOUNDSCAPES.get(Path(background).stem, "room")


class Sound:
    """The window's sound. Every method is safe to call when no audio device exists.

    Ambient loops play as in-memory Sounds on two reserved channels, crossing over with
    Channel fades: unlike pygame.mixer.music, whose load and play wait for a fade-out to
    finish, nothing here ever blocks the frame loop."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.ready: bool | None = None  # None until the mixer is first wanted
        self.loop: str | None = None  # the ambient loop playing (or due) now
        self.sounds: dict[str, pygame.mixer.Sound] = {}
        self.channel = 0  # the reserved channel the current loop plays on (0 or 1)
        self.played: list[str] = []  # interface sounds asked for, newest last (tests)

    def _mixer(self) -> bool:
        if self.ready is None:
            try:
                if not pygame.mixer.get_init():
                    pygame.mixer.init(RATE, -16, 1, 1024)
                pygame.mixer.set_reserved(2)  # channels 0 and 1: the ambient loops
                self.ready = True
            except pygame.error as exc:
                log.warning("no sound: %s", exc)
                self.ready = False
        return self.ready

    def _sound(self, name: str) -> pygame.mixer.Sound | None:
        found = self.sounds.get(name)
        if found is None:
            try:
                found = self.sounds[name] = pygame.mixer.Sound(str(SOUND_DIR / f"{name}.wav"))
            except (pygame.error, FileNotFoundError) as exc:
                log.warning("sound %s not played: %s", name, exc)
        return found

    def volume(self, which: str) -> float:
        s = self.settings
        if s.mute:
            return 0.0
        return (s.music_volume if which == "music" else s.sound_volume) / 100

    def ambience(self, loop: str | None) -> None:
        """Cross to another ambient loop (None: fade to silence)."""
        if loop == self.loop:
            return
        self.loop = loop
        if loop is None or self.volume("music") <= 0:
            if self.ready:
                pygame.mixer.Channel(self.channel).fadeout(FADE_MS)
            return  # nothing opened yet stays unopened: silence costs nothing
        if not self._mixer():
            return
        sound = self._sound(loop)
        if sound is None:
            return
        pygame.mixer.Channel(self.channel).fadeout(FADE_MS)
        self.channel = 1 - self.channel
        channel = pygame.mixer.Channel(self.channel)
        channel.set_volume(self.volume("music"))
        channel.play(sound, loops=-1, fade_ms=FADE_MS)

    def play(self, name: str) -> None:
        self.played.append(name)
        del self.played[:-50]
        vol = self.volume("sound")
        if vol <= 0 or not self._mixer():
            return
        effect = self._sound(name)
        if effect is not None:
            effect.set_volume(vol)
            effect.play()

    def apply(self) -> None:
        """Volumes or mute changed: the loop follows at once (and stops or starts again)."""
        loop = self.loop
        if self.ready and pygame.mixer.Channel(self.channel).get_busy():
            channel = pygame.mixer.Channel(self.channel)
            if self.volume("music") > 0:
                channel.set_volume(self.volume("music"))
            else:
                channel.stop()  # self.loop stays: unmuting starts it again
            return
        self.loop = None
        self.ambience(loop)

    def busy(self) -> bool:
        """True while an ambient loop is audible (or fading)."""
        return bool(self.ready) and pygame.mixer.Channel(self.channel).get_busy()

    def close(self) -> None:
        if self.ready:
            pygame.mixer.quit()
        self.ready = None
        self.sounds.clear()
