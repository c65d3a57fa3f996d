"""The art generator: every background name is painted, portraits differ by partner and mood."""

from __future__ import annotations

import pygame

from game.ui.art import BACKGROUNDS, main
from game.ui.art_faces import MOODS, look_for, portrait

NAMES = ("kitchen living_room hallway cafe bar park street_night station office classroom "
         "school_corridor climbing_wall rooftop lake hospital_corridor car bedroom library")


def test_every_background_name_has_a_painter() -> None:
    assert sorted(BACKGROUNDS) == sorted(NAMES.split())


def test_a_background_is_painted_at_1280x720(tmp_path) -> None:
    assert main(["--out", str(tmp_path), "--only", "lake"]) == 0
    img = pygame.image.load(str(tmp_path / "backgrounds" / "lake.png"))
    assert img.get_size() == (1280, 720)


def test_portraits_are_transparent_and_differ(tmp_path) -> None:
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    a, b = look_for("ada", "#9fb7c9"), look_for("bo", "#9fb7c9")
    assert a != b and look_for("ada", "#9fb7c9") == a
    faces = {mood: portrait(a, mood) for mood in MOODS}
    for face in faces.values():
        assert face.get_size() == (420, 560)
        assert face.get_at((2, 2)).a == 0  # the corner is see-through
    raw = {m: pygame.image.tobytes(f, "RGBA") for m, f in faces.items()}
    assert len(set(raw.values())) == 4  # four distinct moods
