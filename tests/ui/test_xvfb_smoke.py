"""End to end on a real X server: the `confide` window, a real click and a real key press.

The app says where its buttons are (`CONFIDE_LAYOUT_REPORT`, game/ui/layoutreport.py) and the
test clicks their centres with xdotool, so nothing depends on hard-coded coordinates. Every
wait is for a condition with a deadline, never a fixed delay: Xvfb reports its display once it
accepts clients (`-displayfd`), `xdotool search --sync` returns once the window exists, and
each step waits until the report shows the screen the click or key led to.

xdotool (3.2016 here) cannot read the UTF-8 WM_NAME that SDL writes, so `search --name`
never matches; the window is found by its class, which the App sets to "confide".
Skipped, with a note, where Xvfb or xdotool is missing (CI installs both).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import MINI, ROOT

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("Xvfb", "xdotool")),
    reason="needs Xvfb and xdotool (apt: xvfb xdotool)")

Report = dict[str, object]
DEADLINE = 30.0  # seconds for any one thing to happen on a loaded machine


@contextlib.contextmanager
def xvfb() -> Iterator[str]:
    """A private X server; yields its DISPLAY once it accepts clients."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0",
                               "1280x720x24", "-nolisten", "tcp"], pass_fds=(write,),
                              stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        number = b""
        with os.fdopen(read, "rb") as pipe:  # the server writes its number when it is ready
            number = pipe.readline()
        if not number.strip():
            pytest.fail("Xvfb did not start")
        yield f":{number.decode().strip()}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def poll(test: Callable[[], Report | None], seconds: float) -> Report | None:
    """`test`'s first report within `seconds`, checked every 20 ms; None if none came."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = test()
        if found is not None:
            return found
        time.sleep(0.02)
    return None


def wait_for(what: str, test: Callable[[], Report | None]) -> Report:
    """Poll `test` until it gives a report; fail after DEADLINE, saying what was awaited."""
    found = poll(test, DEADLINE)
    if found is None:
        pytest.fail(f"timed out waiting for {what}")
    return found


class Window:
    def __init__(self, env: dict[str, str], wid: str, report: Path) -> None:
        self.env, self.wid, self.report = env, wid, report

    def read(self) -> Report:
        try:
            data = json.loads(self.report.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        assert isinstance(data, dict)
        return data

    def until(self, what: str, test: Callable[[Report], bool]) -> Report:
        def check() -> Report | None:
            r = self.read()
            return r if r and test(r) else None
        return wait_for(what, check)

    def screen(self, name: str) -> Report:
        return self.until(f"the {name} screen", lambda r: r["screen"] == name)

    def xdotool(self, *args: str) -> str:
        out = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True,
                             timeout=DEADLINE, check=True)
        return out.stdout.strip()

    def click(self, report: Report, widget: str, what: str,
              test: Callable[[Report], bool]) -> Report:
        """Click `widget`'s centre and wait until the report passes `test`. A click that
        reaches the server before the window takes input is lost, so an unanswered click
        is sent again (at most three times, each waiting a third of the deadline)."""
        widgets = report["widgets"]
        assert isinstance(widgets, dict) and widget in widgets, (widget, report)
        x, y, w, h = widgets[widget]

        def check() -> Report | None:
            r = self.read()
            return r if r and test(r) else None

        for _ in range(3):
            self.xdotool("mousemove", "--window", self.wid, str(x + w // 2),
                         str(y + h // 2), "click", "1")
            found = poll(check, DEADLINE / 3)
            if found is not None:
                return found
        pytest.fail(f"timed out waiting for {what}")


def test_real_window_real_click_real_key(tmp_path: Path) -> None:
    data = tmp_path / "data"
    report = tmp_path / "layout.json"
    with xvfb() as display:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DISPLAY": display,
               "SDL_VIDEODRIVER": "x11", "SDL_AUDIODRIVER": "dummy",
               "PYGAME_HIDE_SUPPORT_PROMPT": "1", "CONFIDE_LAYOUT_REPORT": str(report),
               "HOME": str(tmp_path)}
        game = subprocess.Popen([sys.executable, "-m", "game", "play", str(MINI),
                                 "--data-dir", str(data)], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            play(env, report, data)
        finally:
            game.terminate()
            out, _ = game.communicate(timeout=DEADLINE)
    assert b"Traceback" not in out, out.decode(errors="replace")


def play(env: dict[str, str], report: Path, data: Path) -> None:
    search = subprocess.run(["xdotool", "search", "--sync", "--classname", "^confide$"],
                            env=env, capture_output=True, text=True, timeout=DEADLINE)
    win = Window(env, search.stdout.split()[0], report)
    win.click(win.screen("title"), "New story", "the picker",  # a real click, where the app
              lambda r: r["screen"] == "picker")           # says the button is
    win.xdotool("windowfocus", "--sync", win.wid)
    win.xdotool("key", "Return")  # a real key: the first story, focused in the picker
    shown = win.screen("scene")
    for _ in range(20):  # click the text on, line by line, until the choices are up
        if shown["screen"] == "hint":  # a new player's first choices: the hint over them
            shown = win.click(shown, "Got it", "the hint to close",
                              lambda r: r["screen"] == "scene")
        widgets = shown["widgets"]
        assert isinstance(widgets, dict)
        if "choice 1" in widgets:
            break
        before = shown["moment"]
        shown = win.click(shown, "text", "the next line", lambda r, b=before: r["moment"] != b)
    win.click(shown, "choice 1", "the choice to be made",
              lambda r: r["screen"] != "scene" or r["moment"] != shown["moment"])
    auto = data / "saves" / "auto.json"

    def saved() -> Report | None:
        with contextlib.suppress(FileNotFoundError, ValueError):
            body = json.loads(auto.read_text("utf-8"))["body"]
            if body["snapshot"]["choices"]:
                return dict(body)
        return None

    body = wait_for("the autosave after the first choice", saved)
    assert body["meta"]["scene"] == "middle"  # type: ignore[index]
    assert body["snapshot"]["choices"] == ["hello/weather"]  # type: ignore[index]
