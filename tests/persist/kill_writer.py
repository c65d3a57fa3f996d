"""Writes saves and settings in a tight loop until it is killed (driven by test_kill.py).

    python tests/persist/kill_writer.py DATA_DIR FIRST

Write number i (counting from FIRST) goes to TARGETS[i % 4]; after each write returns, the
line "TARGET i" is written to stdout with one unbuffered write, so the test knows which
writes completed before the kill and which one was in flight.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from game.persist.saves import SaveStore, SlotMeta  # noqa: E402
from game.persist.settings import TEXT_SIZES, TEXT_SPEEDS, Settings  # noqa: E402

TARGETS = ("slot1", "auto", "settings", "quick")
PAD = 48_000  # big enough that a write takes several system calls to reach the disk


def meta_for(i: int) -> SlotMeta:
    return SlotMeta("kill", "Kill test", "", f"scene{i}", f"Scene {i}",
                    "2026-01-01T00:00:00+00:00", float(i), i)


def snapshot_for(i: int) -> dict[str, object]:
    return {"n": i, "pad": f"{i:08d}" * (PAD // 8)}


def settings_for(i: int) -> Settings:
    return Settings(TEXT_SPEEDS[(i // 4) % 4], TEXT_SIZES[(i // 16) % 4], bool(i % 8 < 4))


def main() -> None:
    store = SaveStore(Path(sys.argv[1]))
    i = int(sys.argv[2])
    os.write(1, b"ready\n")
    while True:
        target = TARGETS[i % len(TARGETS)]
        if target == "settings":
            store.save_settings(settings_for(i))
        else:
            store.write(target, meta_for(i), snapshot_for(i))
        os.write(1, f"{target} {i}\n".encode())
        i += 1


if __name__ == "__main__":
    main()
