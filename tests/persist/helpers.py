"""Helpers for the save tests: hand-made envelopes, as another version (or a person) wrote."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from game.persist.envelope import canonical

MINI = Path(__file__).parents[1] / "fixtures" / "mini.yaml"


def envelope(kind: str, version: object, body: Any, digest: str | None = None) -> bytes:
    if digest is None:
        digest = hashlib.sha256(canonical(body)).hexdigest()
    return json.dumps({"confide": kind, "format": version, "sha256": digest,
                       "body": body}).encode("utf-8")
