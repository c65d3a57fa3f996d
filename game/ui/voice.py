"""Self-voicing: text read aloud by the platform's own speech engine, off the frame loop.

We run the engine as a child process rather than through pyttsx3: its Linux driver needs
the espeak shared library through ctypes and its event loop competes with pygame's, while
a child process needs nothing installed in Python, cannot stall a frame and is stopped by
terminating it. The engines: `espeak-ng` (or `espeak`) on Linux and the BSDs, `say` on
macOS, and the System.Speech synthesiser through PowerShell on Windows. Text always goes
through standard input, never the command line, so a story's words cannot become options.

`SpeechQueue.say` only appends to a queue; one worker thread speaks the texts in order.
`interrupt=True` drops what is waiting and cuts off the text being spoken, as a reader does
when the player moves on. `said` keeps every text accepted, in order (tests read it).
"""

from __future__ import annotations

import contextlib
import queue
import shutil
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MAX_CHARS = 2000  # one utterance; a story's longest line is far shorter
WINDOWS_SAPI = ("Add-Type -AssemblyName System.Speech; "
                "(New-Object System.Speech.Synthesis.SpeechSynthesizer)"
                ".Speak([Console]::In.ReadToEnd())")


@dataclass(frozen=True, slots=True)
class Engine:
    name: str
    argv: tuple[str, ...]  # reads the text on standard input and speaks it

    def to_wav(self, path: Path) -> tuple[str, ...] | None:
        """The command that writes speech to a WAV file instead (espeak only)."""
        if self.name in ("espeak-ng", "espeak"):
            return (*self.argv, "-w", str(path))
        return None


def find_engine(platform: str = sys.platform,
                which: Callable[[str], str | None] = shutil.which) -> Engine | None:
    """The speech engine of this platform, or None when none is installed."""
    if platform == "darwin":
        path = which("say")
        return Engine("say", (path, "-f", "-")) if path else None
    if platform.startswith("win"):
        path = which("powershell") or which("pwsh")
        return Engine("sapi", (path, "-NoProfile", "-Command", WINDOWS_SAPI)) if path else None
    for name in ("espeak-ng", "espeak"):
        path = which(name)
        if path:
            return Engine(name, (path, "--stdin"))
    return None


def clean(text: str) -> str:
    """One utterance: control characters gone, whitespace folded, length bounded."""
    kept = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(kept.split())[:MAX_CHARS]


class SpeechQueue:
    """Texts waiting to be spoken, spoken one at a time by a worker thread."""

    def __init__(self, engine: Engine | None, history: int = 500) -> None:
        self.engine = engine
        self.said: deque[str] = deque(maxlen=history)
        self._pending: queue.Queue[tuple[int, str] | None] = queue.Queue()
        self._lock = threading.Lock()
        self._generation = 0  # raised by stop(): older texts are never spoken
        self._current: subprocess.Popen[bytes] | None = None
        self._worker: threading.Thread | None = None
        self.failed = ""  # why the engine could not be run, once it could not

    def say(self, text: str, interrupt: bool = False) -> None:
        """Queue `text`; with `interrupt`, first drop everything still waiting or speaking."""
        text = clean(text)
        if not text:
            return
        if interrupt:
            self.stop()
        self.said.append(text)
        if self.engine is None or self.failed:
            return
        if self._worker is None:
            self._worker = threading.Thread(target=self._run, name="confide-voice",
                                            daemon=True)
            self._worker.start()
        self._pending.put((self._generation, text))

    def stop(self) -> None:
        """Silence: nothing waiting, nothing speaking. Never waits for the engine."""
        with contextlib.suppress(queue.Empty):
            while True:
                self._pending.get_nowait()
        with self._lock:
            self._generation += 1
            if self._current is not None and self._current.poll() is None:
                self._current.terminate()

    def close(self) -> None:
        self.stop()
        if self._worker is not None:
            self._pending.put(None)
            self._worker.join(timeout=1.0)
            self._worker = None

    def _run(self) -> None:
        while True:
            item = self._pending.get()
            if item is None:
                return
            self._speak(*item)

    def _speak(self, generation: int, text: str) -> None:
        assert self.engine is not None
        try:
            with self._lock:
                if generation != self._generation:
                    return  # stopped after it was queued
                proc = self._current = subprocess.Popen(
                    self.engine.argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL)
            with contextlib.suppress(OSError):  # a terminated engine closes its input
                assert proc.stdin is not None
                proc.stdin.write(text.encode("utf-8"))
                proc.stdin.close()
            proc.wait()
        except OSError as exc:
            self.failed = f"{self.engine.name} could not be run ({exc.strerror or exc})"
        finally:
            with self._lock:
                self._current = None


def speak_to_wav(engine: Engine, text: str, path: Path, timeout: float = 30.0) -> bool:
    """Speak `text` into a WAV file (espeak engines); False when this engine cannot."""
    argv = engine.to_wav(path)
    if argv is None:
        return False
    done = subprocess.run(argv, input=clean(text).encode("utf-8"), capture_output=True,
                          timeout=timeout, check=False)
    return done.returncode == 0
