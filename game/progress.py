"""Progress bars for the jobs a user waits for: on a terminal only.

A bar appears only when both standard output and standard error are a terminal, so
nothing is drawn into piped or redirected output, and callers turn it off for `--json`.
It is drawn on standard error and cleared when the job ends, leaving the output as it
would be without it.

The code that does the work does not hold the bar: it calls `advance()`, which moves the
bar the caller opened with `bar()`, or does nothing when there is none (in a test, or in
a worker process of `--jobs`). A context variable carries the open bar so the hooks in the
analysis modules stay one line each.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol, TextIO

FORMAT = "{desc} {percentage:3.0f}% [{bar}] {n_fmt}/{total_fmt} {unit} ({elapsed}<{remaining})"
FORMAT_UNSIZED = "{desc} {n_fmt} {unit} ({elapsed}, {rate_fmt})"


class Bar(Protocol):
    """What the work and the steps use of a bar (tqdm's names)."""

    def update(self, n: float | None = 1) -> bool | None: ...
    def refresh(self) -> None: ...
    def set_description_str(self, desc: str | None = None, refresh: bool = True) -> None: ...
    def close(self) -> None: ...


class _Hidden:
    """The bar nobody sees. Importing tqdm costs a start-up a tenth of a second, so a
    command whose output is piped, or that finishes without a bar, never imports it."""

    def update(self, n: float | None = 1) -> bool | None:
        return None

    def refresh(self) -> None:
        pass

    def set_description_str(self, desc: str | None = None, refresh: bool = True) -> None:
        pass

    def close(self) -> None:
        pass


_OPEN: ContextVar[Bar | None] = ContextVar("confide_progress", default=None)


def wanted(json_output: bool = False) -> bool:
    """Whether a bar belongs here: a person is watching and the output is not data."""
    return not json_output and sys.stdout.isatty() and sys.stderr.isatty()


def new_bar(label: str, total: int | None, unit: str, stream: TextIO | None) -> Bar:
    """A bar drawn on `stream`; with no stream, a bar that draws nothing."""
    if stream is None:
        return _Hidden()
    from tqdm import tqdm

    return tqdm(total=total, desc=label, unit=unit, file=stream, leave=False,
                mininterval=0.2, dynamic_ncols=True,
                bar_format=FORMAT if total else FORMAT_UNSIZED, ascii=" #")


@contextmanager
def bar(label: str, total: int | None, unit: str, show: bool | None = None,
        stream: TextIO | None = None) -> Iterator[None]:
    """Open a bar for the work inside the block (`show=None`: only if `wanted()`),
    drawn on `stream` (standard error unless given)."""
    visible = wanted() if show is None else show
    # The bar's own control codes (carriage return, clear line) must reach the terminal, so
    # by default it writes past the CLI's escaping wrapper (game.safetext.SafeStream); it
    # shows only numbers and the label its caller gives.
    target = stream or getattr(sys.stderr, "raw", sys.stderr)
    b = new_bar(label, total, unit, target if visible else None)
    token = _OPEN.set(b)
    try:
        yield
    finally:
        _OPEN.reset(token)
        b.close()


def advance(n: int = 1) -> None:
    """Move the open bar on by `n`; a no-op when no bar is open."""
    b = _OPEN.get()
    if b is not None:
        b.update(n)


class Steps:
    """A bar over the few named steps of a long job (`make bench`, `make dist`).

    A step can take minutes with nothing to count inside it, so a clock thread redraws the
    bar twice a second and the elapsed time keeps moving. It does not take `advance()`:
    work inside a step may report to a bar of its own.
    """

    def __init__(self, label: str, steps: int, show: bool | None = None) -> None:
        visible = wanted() if show is None else show
        self.label = label
        self._started = False
        self._bar = new_bar(label, steps, "steps", sys.stderr if visible else None)
        self._done = threading.Event()
        self._clock = threading.Thread(target=self._tick, daemon=True)
        if visible:
            self._clock.start()

    def _tick(self) -> None:
        while not self._done.wait(0.5):
            self._bar.refresh()

    def step(self, name: str) -> None:
        """Start the step called `name` (the previous one, if any, is done)."""
        if self._started:
            self._bar.update()
        self._started = True
        self._bar.set_description_str(f"{self.label}: {name}", refresh=True)

    def __enter__(self) -> Steps:
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        if self._clock.is_alive():
            self._clock.join()
        self._bar.close()
