"""Paint the bundled art: every background name and every bundled partner's portraits.

    python -m game.ui.art [--out assets] [--story PATH ...] [--only NAME ...]

Backgrounds go to OUT/backgrounds/NAME.png (1280x720); portraits to
OUT/portraits/ID_MOOD.png (420x560, transparent) for every partner of every story under
stories/ plus any --story given. The output is deterministic, so re-running it only
changes files whose painting code changed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

from game.story.loader import bundled, check
from game.ui import art_outside as outside
from game.ui import art_rooms as rooms
from game.ui.art_faces import MOODS, Look, look_for, portrait
from game.ui.art_paint import H, W, finish
from game.ui.pngfile import save_png
from game.ui.theme import ASSETS

Painter = Callable[[pygame.Surface, random.Random], None]
BACKGROUNDS: dict[str, Painter] = {
    "kitchen": rooms.kitchen, "living_room": rooms.living_room, "hallway": outside.hallway,
    "cafe": rooms.cafe, "bar": rooms.bar, "park": outside.park,
    "street_night": outside.street_night, "station": outside.station, "office": rooms.office,
    "classroom": rooms.classroom, "school_corridor": outside.school_corridor,
    "climbing_wall": rooms.climbing_wall, "rooftop": outside.rooftop, "lake": outside.lake,
    "hospital_corridor": outside.hospital_corridor, "car": rooms.car,
    "bedroom": rooms.bedroom, "library": rooms.library,
}


def paint_background(name: str) -> pygame.Surface:
    surf = pygame.Surface((W, H))
    BACKGROUNDS[name](surf, random.Random(name))
    return finish(surf)


def partners(stories: list[Path]) -> dict[str, tuple[str, str]]:
    """Partner id -> (colour, pronouns) for every story that loads; broken ones are skipped."""
    found: dict[str, tuple[str, str]] = {}
    for path in stories:
        story, diags = check(path)
        if story is None:
            print(f"art: skipping {path}: {len(diags)} problem(s)", file=sys.stderr)
            continue
        for pid, p in story.meta.characters.partners.items():
            found[pid] = (p.colour, p.pronouns)
    return found


def distinct_looks(people: dict[str, tuple[str, str]]) -> dict[str, Look]:
    """A look per partner, re-drawn with a salt while it shares hair and skin with an
    earlier one, so no two bundled partners could be mistaken for each other."""
    looks: dict[str, Look] = {}
    for pid, (colour, pronouns) in sorted(people.items()):
        for salt in range(50):
            look = look_for(pid, colour, pronouns, salt)
            if all((look.hair, look.skin) != (o.hair, o.skin) for o in looks.values()):
                break
        looks[pid] = look
    return looks


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m game.ui.art", description=__doc__)
    ap.add_argument("--out", type=Path, default=ASSETS)
    ap.add_argument("--story", type=Path, action="append", default=[])
    ap.add_argument("--only", action="append", default=[],
                    help="paint only these backgrounds (and no portraits)")
    ap.add_argument("--no-backgrounds", action="store_true")
    args = ap.parse_args(argv)
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    names = [] if args.no_backgrounds else (args.only or list(BACKGROUNDS))
    (args.out / "backgrounds").mkdir(parents=True, exist_ok=True)
    for name in names:
        save_png(paint_background(name), args.out / "backgrounds" / f"{name}.png")
    people = {} if args.only else partners([*bundled(), *args.story])
    (args.out / "portraits").mkdir(parents=True, exist_ok=True)
    for pid, look in distinct_looks(people).items():
        for mood in MOODS:
            save_png(portrait(look, mood), args.out / "portraits" / f"{pid}_{mood}.png")
    print(f"art: {len(names)} backgrounds, {len(people)} partners "
          f"({len(people) * len(MOODS)} portraits) in {args.out}")
    pygame.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
