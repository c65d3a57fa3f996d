"""`CONFIDE_LAYOUT_REPORT`: the window writes where its buttons are, in window pixels, each
time the layout changes, so an X test can click them (tests/ui/test_xvfb_smoke.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from game.ui.layoutreport import ENV

from .conftest import Drive, MakeApp


def read(path: Path) -> dict[str, object]:
    data = json.loads(path.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_report_names_the_buttons_where_a_click_lands(
        make_app: MakeApp, drive: type[Drive], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "layout.json"
    monkeypatch.setenv(ENV, str(report))
    app = make_app()
    title = read(report)
    assert title["screen"] == "title" and title["stack"] == ["title"]
    widgets = title["widgets"]
    assert isinstance(widgets, dict)
    assert widgets["New story"] == list(app.top.menu.rects[1])  # type: ignore[attr-defined]
    x, y, w, h = widgets["New story"]
    drive.click(app, (x + w // 2, y + h // 2))
    assert read(report)["screen"] == "picker"


def test_a_frame_that_changes_nothing_writes_nothing(
        make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "layout.json"
    monkeypatch.setenv(ENV, str(report))
    app = make_app()
    first = report.stat().st_ino
    app.dirty = True
    app.run_frames(3)
    assert report.stat().st_ino == first  # an atomic write would have replaced the file


def test_rects_are_in_window_pixels_in_a_scaled_window(
        make_app: MakeApp, drive: type[Drive], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "layout.json"
    monkeypatch.setenv(ENV, str(report))
    app = make_app(size=(1920, 1080))
    shown = read(report)
    assert shown["window"] == [1920, 1080]
    widgets = shown["widgets"]
    assert isinstance(widgets, dict)
    canvas = app.top.menu.rects[1]  # type: ignore[attr-defined]
    assert widgets["New story"] == [round(canvas.x * 1.5), round(canvas.y * 1.5),
                                    round(canvas.w * 1.5), round(canvas.h * 1.5)]
    x, y, w, h = widgets["New story"]
    pos = (x + w // 2, y + h // 2)  # a click in window pixels, as xdotool sends it
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=pos, button=1, touch=False))
    app.run_frames(2)
    assert read(report)["screen"] == "picker"


def test_the_scene_reports_its_text_and_its_choices_once_they_are_up(
        make_app: MakeApp, drive: type[Drive], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "layout.json"
    monkeypatch.setenv(ENV, str(report))
    app = make_app()
    app.comforts.hints = False
    assert app.story is not None
    app.start(app.story)
    app.run_frames(1)
    moments = []
    for _ in range(10):
        shown = read(report)
        widgets = shown["widgets"]
        assert isinstance(widgets, dict)
        if "choice 1" in widgets:
            break
        assert {"text", "History", "Rewind", "Menu", "Skip"} <= set(widgets)
        moments.append(shown["moment"])
        drive.key(app, pygame.K_SPACE)
    assert "choice 1" in widgets and "choice 2" in widgets
    assert len(set(moments)) == len(moments) >= 1  # each line a new moment
