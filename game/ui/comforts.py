"""The comforts every screen shares: help (F1), self-voicing (V), sound (M), the first-run
hint. The App owns one `Comforts`, hands it the keys it does not handle itself, and lets it
look at the screen stack after every step: voicing and sound follow what the screens show,
so no screen has to call them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.ui.actions import Act, Input
from game.ui.sound import Sound, loop_for

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.voice import SpeechQueue
    from game.ui.voicefeed import VoiceFeed

KEYS = (Act.HELP, Act.VOICE, Act.MUTE)


class Comforts:
    def __init__(self, app: App) -> None:
        self.app = app
        self.hints = False  # the first-run hint; run_window turns it on for real play
        # made when self-voicing is first on: a silent player never pays for them
        self.speech: SpeechQueue | None = None
        self.voicefeed: VoiceFeed | None = None
        self.sound = Sound(app.settings)
        self.depth = -1  # screens on the stack at the last look (-1: not looked yet)
        self.turns = -1  # choices made in the open scene, to hear each new one
        self.focus: tuple[int, object] = (0, None)  # (top screen, its menu's focus)
        self.toast_read = 0.0  # time left on the last message self-voicing read

    def handle(self, inp: Input) -> None:
        if inp.act == Act.HELP:
            self.toggle_help()
        elif inp.act == Act.VOICE:
            self.set_voicing(not self.app.settings.self_voicing)
        elif inp.act == Act.MUTE:
            self.set_mute(not self.app.settings.mute)

    def toggle_help(self) -> None:
        if self.app.top.name == "help":
            self.app.pop()
        else:
            self.app.push_screen("help")

    @property
    def queue(self) -> SpeechQueue:
        if self.speech is None:
            from game.ui.voice import (  # lazy: start-up (only with self-voicing on)
                SpeechQueue,
                find_engine,
            )

            self.speech = SpeechQueue(find_engine())
        return self.speech

    @property
    def feed(self) -> VoiceFeed:
        if self.voicefeed is None:
            from game.ui.voicefeed import VoiceFeed  # lazy: start-up (self-voicing on)

            self.voicefeed = VoiceFeed()
        return self.voicefeed

    def set_voicing(self, on: bool) -> None:
        self.app.settings.self_voicing = on
        self.app.apply_settings()
        if not on:
            self.queue.stop()
            self.app.toast("Self-voicing off")
            return
        self.feed.reset()
        if self.queue.engine is None:
            self.app.toast("Self-voicing on, but no speech engine was found "
                           "(on Linux, install espeak-ng)")
        else:
            self.app.toast("Self-voicing on (V turns it off)")
        self.queue.say("Self-voicing on.", interrupt=True)
        self.toast_read = self.app.toast_left  # said just now, in fewer words

    def set_mute(self, on: bool) -> None:
        self.app.settings.mute = on
        self.app.apply_settings()
        self.app.toast("Sound off (M turns it on)" if on else "Sound on")

    def apply(self) -> None:
        """The settings changed (any screen): the sound takes the new volumes."""
        self.sound.settings = self.app.settings
        self.sound.apply()

    # -- after every step -------------------------------------------------------
    def observe(self) -> None:
        """Before the frame is drawn: the first-run hint (part of the picture) and what
        self-voicing reads of it. The sound follows in `after_frame`."""
        app = self.app
        self._first_run_hint()
        if app.settings.self_voicing:
            self.feed.observe(app.top, self.queue)
            if app.toast_left > self.toast_read:  # a new message: "Saved", "Loaded"...
                self.queue.say(app.toast_text)
            self.toast_read = app.toast_left
            if self.queue.failed:
                app.toast(f"Self-voicing stopped: {self.queue.failed}")
                app.settings.self_voicing = False

    def after_frame(self) -> None:
        """Once the frame is on screen: the sounds that go with it. Opening the mixer and
        reading a loop take milliseconds the first frame of a scene need not wait for."""
        self._sounds()

    def _first_run_hint(self) -> None:
        app = self.app
        if not self.hints or app.settings.help_seen or app.top.name != "scene":
            return
        top = app.scene()
        if top is not None and top.choosing:
            app.settings.help_seen = True
            app.apply_settings()  # kept at once: the hint is shown once, even after a crash
            app.push_screen("hint")

    def _sounds(self) -> None:
        app = self.app
        scene = app.scene()
        if scene is not None:
            self.sound.ambience(loop_for(scene.stage.background))
            turns = len(scene.play.session.history)
            if turns > self.turns >= 0:
                self.sound.play("choose")
            self.turns = turns
        else:
            self.sound.ambience(None)
            self.turns = -1
        depth = len(app.stack)
        if depth != self.depth and self.depth >= 0:
            self.sound.play("open" if depth > self.depth else "close")
        self.depth = depth
        focus = (id(app.top), getattr(getattr(app.top, "menu", None), "focus", None))
        if focus[0] == self.focus[0] and focus[1] != self.focus[1]:
            self.sound.play("move")
        self.focus = focus

    def close(self) -> None:
        if self.speech is not None:
            self.speech.close()
        self.sound.close()
