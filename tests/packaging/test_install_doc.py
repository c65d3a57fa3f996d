"""docs/install.md: its pictures and links exist, and its commands are real ones."""

from __future__ import annotations

import re
from pathlib import Path

from game.cli import build_parser

DOCS = Path(__file__).resolve().parents[2] / "docs"
GUIDE = (DOCS / "install.md").read_text(encoding="utf-8")


def test_every_picture_and_local_link_exists() -> None:
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", GUIDE)
    local = [t for t in targets if not t.startswith("http")]
    assert len(local) >= 5
    missing = [t for t in local if not (DOCS / t).exists()]
    assert missing == []


def test_every_confide_command_shown_parses() -> None:
    commands = re.findall(r"^ {4}confide ([a-z].*?)(?:\s{2,}.*)?$", GUIDE, re.M)
    assert len(commands) >= 4
    parser = build_parser()
    for line in commands:
        parser.parse_args(line.split())
