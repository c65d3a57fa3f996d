"""The window: a screen stack over a 1280x720 canvas, scaled with letterboxing.

The loop draws only when something changed, and while nothing moves it ticks slowly
(IDLE_FPS), so an idle window costs almost no CPU. Tests drive the real App by posting
pygame events and calling `step()`.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pygame

from game.errors import SaveError
from game.persist.saves import AUTO, QUICK, SaveStore
from game.ui.actions import Act, translate
from game.ui.backdrop import window_icon
from game.ui.comforts import KEYS as COMFORT_KEYS
from game.ui.comforts import Comforts
from game.ui.images import Images
from game.ui.layoutreport import LayoutReport
from game.ui.registry import screen_class
from game.ui.screen import Screen
from game.ui.theme import HEIGHT, WIDTH, Theme
from game.ui.toast import draw_toast, toast_layout

if TYPE_CHECKING:
    from game.classroom import Live

    # The story and runtime modules load lazily: the title screen needs neither, and
    # importing them (pydantic) would double the time to the first frame.
    from game.persist.record import PlaythroughRecord
    from game.story.compiled import CompiledStory
    from game.ui.play import Play
    from game.ui.screens.scene import SceneScreen

WMCLASS = "SDL_VIDEO_X11_WMCLASS"
# On Linux, SDL probes OpenGL (a hidden window and context) before giving a window its surface:
# about 100 ms of CPU before the first frame under X11, to choose a way to present what is
# drawn in software anyway. "0" is the native framebuffer (MIT-SHM), the probe's own choice on
# all but NVIDIA's driver. A player's own setting of the hint is kept.
FRAMEBUFFER_HINT = "SDL_FRAMEBUFFER_ACCELERATION"
ACTIVE_FPS = 60
IDLE_FPS = 20  # wake-ups per second while nothing moves: input latency <= 50 ms
TOAST_SECONDS = 2.6
REDRAW_EVENTS = {pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED, pygame.WINDOWEXPOSED,
                 pygame.WINDOWRESTORED, pygame.WINDOWMAXIMIZED}


class App:
    def __init__(self, story: CompiledStory | None = None, *, data_dir: Path | None = None,
                 seed: int = 0, facilitator: bool = False,
                 size: tuple[int, int] = (WIDTH, HEIGHT), read_only: bool = False) -> None:
        # The window's class on X11 (taskbars group by it; tests find the window by it):
        # "confide", not the script name pygame puts there on import; a user's own kept.
        if os.environ.get(WMCLASS) in (None, os.path.basename(sys.argv[0])):
            os.environ[WMCLASS] = "confide"
        if sys.platform.startswith("linux"):
            os.environ.setdefault(FRAMEBUFFER_HINT, "0")
        pygame.display.init()
        pygame.font.init()
        self.store = SaveStore(data_dir, read_only)
        self.settings = self.store.load_settings()
        self.forced_facilitator = facilitator
        self.theme = Theme(self.settings)
        self.images = Images()
        self.story = story
        self.seed = seed
        self.classroom: Live | None = None  # classroom live: the class's room and address
        self.windowed_size = size
        pygame.display.set_caption("Confide")
        pygame.display.set_icon(window_icon(self.theme.palette))
        self.window = self._open(self.settings.fullscreen)
        # In the window's own pixel format from the start: no second surface to convert.
        self.canvas = pygame.Surface((WIDTH, HEIGHT), 0, self.window)
        self.stack: list[Screen] = []
        self.dirty = True
        self.running = True
        self.toast_text = ""
        self.toast_left = 0.0
        self.show_numbers = False  # the glass box's numbers, folded until N
        self.frames = 0
        self.clock = pygame.time.Clock()
        self.last = time.perf_counter()
        self.comforts = Comforts(self)  # help, self-voicing, sound, the first-run hint
        self.hooks: list[Callable[[], None]] = []  # run every frame, e.g. live reload
        self.report = LayoutReport.from_env()  # where the buttons are, for X tests
        if self.store.settings_from_legacy and not self.store.settings_problem:
            self._keep_settings()  # projector mode moves out of the old classroom.json once
        self.push_screen("title")

    # -- the stack --------------------------------------------------------------
    @property
    def top(self) -> Screen:
        return self.stack[-1]

    def push(self, screen: Screen) -> None:
        self.stack.append(screen)
        screen.layout()
        screen.on_enter()
        self.dirty = True

    def pop(self) -> None:
        if len(self.stack) > 1:
            self.stack.pop().on_exit()
            self.top.on_resume()
        self.dirty = True

    def replace(self, screen: Screen) -> None:
        self.stack.pop().on_exit()
        self.push(screen)

    def reset(self, screen: Screen) -> None:
        """Clear the stack down to a new root screen."""
        while self.stack:
            self.stack.pop().on_exit()
        self.push(screen)

    def find(self, name: str) -> Screen | None:
        return next((s for s in reversed(self.stack) if s.name == name), None)

    # -- screens by name ----------------------------------------------------------
    def make_screen(self, name: str, *args: Any, **kwargs: Any) -> Screen:
        return screen_class(name)(self, *args, **kwargs)

    def push_screen(self, name: str, *args: Any, **kwargs: Any) -> Screen:
        """Open the screen registered as `name` over the current one."""
        screen = self.make_screen(name, *args, **kwargs)
        self.push(screen)
        return screen

    def switch_screen(self, name: str, *args: Any, **kwargs: Any) -> Screen:
        """Replace the top screen with the one registered as `name`."""
        screen = self.make_screen(name, *args, **kwargs)
        self.replace(screen)
        return screen

    def reset_screen(self, name: str, *args: Any, **kwargs: Any) -> Screen:
        """Clear the stack down to the screen registered as `name` (e.g. back to the title)."""
        screen = self.make_screen(name, *args, **kwargs)
        self.reset(screen)
        return screen

    def scene(self) -> SceneScreen | None:
        """The game being played (a classroom scene is one too), or None outside a story."""
        return cast("SceneScreen | None", self.find("scene"))

    # -- the loop ---------------------------------------------------------------
    def run(self, idle: str = "tick") -> int:
        """Play until the window closes. While nothing moves, `idle="tick"` wakes IDLE_FPS
        times a second; `idle="wait"` blocks in pygame.event.wait (kept for the benchmark,
        which measured it costlier on SDL builds that poll inside the wait)."""
        while self.running:
            moving = self.step()
            if moving or idle == "tick":
                self.clock.tick(ACTIVE_FPS if moving else IDLE_FPS)
                continue
            event = pygame.event.wait(1000 // IDLE_FPS)
            if event.type != pygame.NOEVENT:
                self.dispatch(event)
        return 0

    def step(self, dt: float | None = None) -> bool:
        """Handle pending events, advance time, draw if needed. True while animating."""
        now = time.perf_counter()
        elapsed = now - self.last if dt is None else dt
        self.last = now
        for event in pygame.event.get():
            self.dispatch(event)
            if not self.running:
                return False
        for hook in self.hooks:
            hook()
        moving = self.top.update(min(elapsed, 5.0))
        self.comforts.observe()
        if self.toast_left > 0:
            self.toast_left -= elapsed
            self.dirty = self.dirty or moving or self.toast_left <= 0
            moving = True
        if moving:
            self.dirty = True
        if self.dirty:
            self.render()
        self.comforts.after_frame()
        return moving

    def run_frames(self, n: int, dt: float = 1 / 60) -> None:
        for _ in range(n):
            self.step(dt)

    def dispatch(self, event: pygame.event.Event) -> None:
        if event.type in REDRAW_EVENTS:
            self.window = pygame.display.get_surface() or self.window
            self.dirty = True
            return
        inp = translate(event, self.to_canvas)
        if inp is None:
            return
        if inp.act == Act.QUIT:
            self.quit()
        elif inp.act == Act.FULLSCREEN:
            self.settings.fullscreen = not self.settings.fullscreen
            self.apply_settings()
        elif inp.act == Act.QUICKLOAD:
            self.quickload()
        elif inp.act == Act.QUICKSAVE:
            self.quicksave()
        elif inp.act == Act.FACILITATOR:
            self.set_facilitator(not self.facilitator)
        elif inp.act == Act.PROJECTOR:
            self.set_projector(not self.projector)
        elif inp.act in COMFORT_KEYS:
            self.comforts.handle(inp)
        else:
            self.top.handle(inp)
        self.dirty = True

    def quit(self) -> None:
        """Close the window; the game in play is autosaved at the line on screen first,
        so Continue resumes exactly there."""
        self.autosave_here()
        self.running = False

    def autosave_here(self) -> None:
        if self.find("scene") is None:
            return  # no game open; and no need to import the scene module just to see that
        play = self.current_play()
        if play is not None and not play.session.ended:
            self.save_to(AUTO, quiet=True)

    # -- drawing ----------------------------------------------------------------
    def render(self) -> None:
        first = max((i for i, s in enumerate(self.stack) if s.opaque), default=0)
        for screen in self.stack[first:]:
            screen.draw(self.canvas)
        if self.toast_left > 0 and self.toast_text:
            draw_toast(self.canvas, self.theme, self.top, self.toast_text)
        self.present()
        if self.report is not None:
            self.report.update(self)
        self.dirty = False
        self.frames += 1

    def toast_rect(self) -> pygame.Rect:
        return toast_layout(self.theme, self.top, self.toast_text)[0]

    def geometry(self) -> tuple[float, int, int]:
        ww, wh = self.window.get_size()
        scale = min(ww / WIDTH, wh / HEIGHT)
        return scale, (ww - round(WIDTH * scale)) // 2, (wh - round(HEIGHT * scale)) // 2

    def present(self) -> None:
        if self.window.get_size() == (WIDTH, HEIGHT):
            self.window.blit(self.canvas, (0, 0))
        else:
            scale, ox, oy = self.geometry()
            size = (max(1, round(WIDTH * scale)), max(1, round(HEIGHT * scale)))
            self.window.fill(self.theme.palette.backdrop)
            self.window.blit(pygame.transform.smoothscale(self.canvas, size), (ox, oy))
        pygame.display.flip()

    def to_canvas(self, pos: tuple[int, int]) -> tuple[int, int] | None:
        """Window pixels to canvas pixels; None inside the letterbox bars."""
        scale, ox, oy = self.geometry()
        x, y = (pos[0] - ox) / scale, (pos[1] - oy) / scale
        if 0 <= x < WIDTH and 0 <= y < HEIGHT:
            return int(x), int(y)
        return None

    def to_window(self, pos: tuple[int, int]) -> tuple[int, int]:
        scale, ox, oy = self.geometry()
        return round(pos[0] * scale + ox), round(pos[1] * scale + oy)

    def screenshot(self, path: str | Path, window: bool = False) -> Path:
        """Save what is shown as a PNG; ChartError if `path` cannot be written."""
        from game.ui.chart import save_png  # lazy: start-up (the debrief data, pydantic)

        self.render()
        return save_png(self.window if window else self.canvas, Path(path))

    def toast(self, text: str) -> None:
        self.toast_text = text
        self.toast_left = TOAST_SECONDS
        self.dirty = True

    # -- settings ---------------------------------------------------------------
    @property
    def facilitator(self) -> bool:
        return self.settings.facilitator or self.forced_facilitator

    def set_facilitator(self, on: bool) -> None:
        self.settings.facilitator = on
        self.forced_facilitator = False
        self.apply_settings()
        self.toast("Facilitator mode on (F2 hides it)" if on else "Facilitator mode off")

    @property
    def projector(self) -> bool:
        return self.settings.projector

    def set_projector(self, on: bool) -> None:
        self.settings.projector = on
        self.apply_settings()
        self.toast("Projector mode on: vote with the letters A, B, C... (F3 turns it off)" if on
                   else "Projector mode off")

    @property
    def exports_dir(self) -> Path:
        return self.store.root / "exports"

    def _open(self, fullscreen: bool) -> pygame.Surface:
        if fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)

    def apply_settings(self) -> None:
        """Take new settings into use everywhere and keep them for the next run."""
        self.theme.apply(self.settings)
        full = bool(self.window.get_flags() & pygame.FULLSCREEN)
        if full != self.settings.fullscreen:
            if not full:
                self.windowed_size = self.window.get_size()
            self.window = self._open(self.settings.fullscreen)
        for screen in self.stack:
            screen.layout()
        self.comforts.apply()
        self._keep_settings()
        self.dirty = True

    def _keep_settings(self) -> None:
        try:
            self.store.save_settings(self.settings)
        except SaveError as exc:
            self.toast(f"Settings not saved: {exc}")

    # -- playing ----------------------------------------------------------------
    def start(self, story: CompiledStory, branches: list[PlaythroughRecord] | None = None) -> None:
        """A new game; `branches` are earlier paths of the same story kept for comparison."""
        from game.runtime import Session  # lazy: start-up (pydantic, not needed for the title)
        from game.ui.play import Play  # lazy: start-up

        self.story = story
        play = Play(story, Session(story, self.seed), branches=list(branches or []))
        self.reset(self.scene_screen(play))

    def resume(self, play: Play) -> None:
        self.story = play.story
        self.reset(self.scene_screen(play))  # the scene's lines replay, then its choices

    def scene_screen(self, play: Play) -> Screen:
        """The screen that plays a game: classroom live's while the class has a room."""
        if self.classroom is not None:
            return self.make_screen("classroom", play, self.classroom)
        return self.make_screen("scene", play)

    def load_slot(self, slot: str) -> bool:
        """Continue, Load and quickload; False (with a dialog or message) when refused."""
        from game.ui import slots  # lazy: start-up (thumbnails; no save is touched before)

        return slots.load_slot(self, slot)

    def current_play(self) -> Play | None:
        scene = self.scene()
        return scene.play if scene is not None else None

    def save_to(self, slot: str, quiet: bool = False) -> bool:
        """Save the game in play, with its thumbnail; False outside a story or on failure."""
        from game.ui import slots  # lazy: start-up (thumbnails; no save is touched before)

        return slots.save_to(self, slot, quiet)

    def quickload(self) -> None:
        if self.store.info(QUICK).status == "empty":
            self.toast("No quicksave yet (F5 makes one)")
            return
        self.load_slot(QUICK)

    def quicksave(self) -> None:
        if not self.save_to(QUICK):
            self.toast("Quicksave works during a story")
