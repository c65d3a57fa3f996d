"""Exports from the window: a record written as Markdown, CSV, a chart PNG or the record's own
JSON (which `confide play --replay` and `confide export` read) into the data folder's
`exports/`, under a name with the story and the time, so nothing is overwritten."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from game.errors import ConfideError
from game.facilitator.export import export
from game.persist.record import PlaythroughRecord
from game.ui.chart import render_chart

NAMES = {"md": "Markdown", "csv": "CSV", "png": "chart PNG", "json": "Record"}
PNG_SIZE = (1920, 1080)  # projector size: the picture is shown full screen in class


def export_name(folder: Path, story: str, fmt: str, when: datetime | None = None) -> Path:
    """`folder/STORY-YYYYmmdd-HHMMSS.FMT`, with -2, -3 ... if that name is taken."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    path = folder / f"{story}-{stamp}.{fmt}"
    n = 2
    while path.exists():
        path = folder / f"{story}-{stamp}-{n}.{fmt}"
        n += 1
    return path


def export_record(record: PlaythroughRecord, fmt: str, folder: Path) -> tuple[Path | None, str]:
    """Write one export; returns the path (None on failure) and a message for a toast."""
    try:
        out = export_name(folder, record.story, fmt)
        path = export(record, fmt, out, size=PNG_SIZE, chart=render_chart)
    except ConfideError as exc:
        return None, f"{NAMES[fmt]} not exported: {exc}"
    return path, f"{NAMES[fmt]} exported to {path}"
