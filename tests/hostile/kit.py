"""Shared by the hardening tests: the CLI as users run it, and files a stranger could send."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import zlib
from dataclasses import asdict
from pathlib import Path
from typing import Any

from game.persist.envelope import write_json_atomic
from game.persist.record import build_record
from game.persist.recordjson import record_to_json
from game.persist.saves import SaveStore, SlotMeta
from game.persist.snapshot import snapshot
from game.story.compiled import CompiledStory
from game.textplay import TextGame

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"
ESC, BEL = "\x1b", "\x07"


def confide(*args: str, stdin: bytes | str = b"", timeout: float = 60,
            stdout: Any = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    """`python -m game ARGS`, with bytes in and out (so a raw ESC cannot hide)."""
    env = {**{k: v for k, v in os.environ.items() if k != "CONFIDE_STORIES"},
           "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    return subprocess.run([sys.executable, "-m", "game", *args], input=data, cwd=ROOT,
                          stdout=stdout, stderr=subprocess.PIPE, timeout=timeout, env=env,
                          check=False)


def no_traceback(r: subprocess.CompletedProcess[bytes]) -> str:
    out = (r.stdout or b"").decode("utf-8", "replace") + r.stderr.decode("utf-8", "replace")
    assert "Traceback" not in out, out
    assert r.returncode >= 0, f"killed by signal {-r.returncode}"
    return out


def record_json(story: CompiledStory, choices: list[int], seed: int = 1) -> dict[str, Any]:
    game = TextGame(story, io.StringIO(), seed=seed)
    game.run(iter(()), choices)
    return record_to_json(build_record(game.session))


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def saved(store: SaveStore, story: CompiledStory, slot: str, choices: list[int]) -> None:
    """A real save of `story` after `choices`, as the game writes it."""
    game = TextGame(story, io.StringIO(), seed=3)
    game.run(iter(()), choices)
    s = game.session
    meta = SlotMeta(story.id, story.meta.title, str(story.source), s.state.scene,
                    s.state.scene, "2026-01-01T00:00:00+00:00", 12.0, s.state.turn)
    store.write(slot, meta, snapshot(s))


def forge(store: SaveStore, slot: str, change: Any) -> None:
    """Edit a slot's body and write it back with a fresh checksum, as a forger would."""
    meta, snapshot = store.read(slot)
    body = {"meta": asdict(meta), "snapshot": snapshot}
    change(body)
    write_json_atomic(store.path(slot), "save", body)


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares `width` x `height` but carries no pixels (a lying header)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b""))
            + chunk(b"IEND", b""))


def png_blank(width: int, height: int) -> bytes:
    """A real, valid grey PNG of `width` x `height`: a few MB that decode to width*height
    bytes or more (the decompression bomb of issue 13, made on the fly)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))
    squeeze = zlib.compressobj(1)
    row = bytes(width + 1)  # filter byte 0, then black pixels
    pixels = b"".join(squeeze.compress(row) for _ in range(height)) + squeeze.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))
