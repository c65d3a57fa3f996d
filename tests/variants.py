"""A fixture story with a few exact text edits, written to a temporary folder: each edit must
find its text, so a fixture rewritten under a test fails loudly instead of testing nothing."""

from __future__ import annotations

from pathlib import Path


def variant(source: Path, tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / source.name
    path.write_text(text, encoding="utf-8")
    return path
