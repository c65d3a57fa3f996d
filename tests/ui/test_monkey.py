"""Random input never crashes the window: seeded key presses, clicks, moves and wheel turns."""

from __future__ import annotations

import random

import pygame
import pytest

KEYS = [pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_UP, pygame.K_DOWN,
        pygame.K_LEFT, pygame.K_RIGHT, pygame.K_TAB, pygame.K_RETURN, pygame.K_SPACE,
        pygame.K_SPACE, pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_BACKSPACE, pygame.K_h,
        pygame.K_F5, pygame.K_F9, pygame.K_PAGEUP, pygame.K_PAGEDOWN]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_input_never_crashes(make_app, drive, seed: int) -> None:
    rng = random.Random(seed)
    app = make_app(facilitator=seed == 2)
    screens = set()
    for _ in range(400):
        roll = rng.random()
        pos = (rng.randrange(1280), rng.randrange(720))
        if roll < 0.6:
            drive.key(app, rng.choice(KEYS), frames=1)
        elif roll < 0.85:
            drive.click(app, pos, button=1 if rng.random() < 0.9 else 3)
        elif roll < 0.95:
            drive.move(app, pos)
        else:
            drive.wheel(app, rng.choice((-1, 1)))
        app.run_frames(1, dt=rng.choice((0.0, 0.05, 0.5)))
        if not app.running:  # the monkey found Quit: start the program again
            app = make_app(facilitator=seed == 2)
        assert app.stack
        screens.add(app.top.name)
    assert len(screens) >= 4, screens
