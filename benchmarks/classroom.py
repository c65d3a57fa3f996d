"""Classroom live's figure for `make bench`: the window's idle CPU with the vote server on.

The projector waits at an open vote (30 devices joined, no one voting) in a fresh process
under the dummy video driver; the CPU time of the whole process (the window's loop and the
server's thread) over the wall time is the figure, as a % of one core. It runs on loopback.
"""

from __future__ import annotations

from typing import Any

from game.ui.bench import medians

IDLE_CLASSROOM = """
import os, resource, sys, time
import pygame
from game.classroom import Live, Room
from game.classroom.host import VoteServer
from game.story.loader import load
from game.ui.app import App
story = load(sys.argv[2])
app = App(story, data_dir=os.environ["BENCH_DATA"])
room = Room()
server = VoteServer(room, "127.0.0.1", 0)
server.start()
app.settings.projector = True
app.theme.apply(app.settings)
app.classroom = Live(room, server.url())
app.start(story)
for _ in range(200):
    if app.top.voting:
        break
    app.top.complete_or_advance()
    app.run_frames(1)
assert app.top.voting
for i in range(30):
    room.join(room.code, f"10.0.0.{i}", None, 0.0)
app.run_frames(3)
seconds = float(sys.argv[1])
# Closing the window autosaves the game (with a thumbnail): a cost of leaving, not of
# waiting, so it stays out of the idle figure.
app.autosave_here = lambda: None
pygame.time.set_timer(pygame.QUIT, int(seconds * 1000), loops=1)
r0, t0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
app.run()
r1, t1 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
server.stop()
cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
print(cpu / (t1 - t0) * 100, app.frames)
"""


def bench_classroom(repeats: int, seconds: float, story: str = "tutorial") -> dict[str, Any]:
    cpu, _, _ = medians(repeats, IDLE_CLASSROOM, str(seconds), story)
    return {"idle_cpu_percent_classroom": round(cpu, 3), "classroom_idle_seconds": seconds}


if __name__ == "__main__":
    print(bench_classroom(3, 10.0))
