"""The terminal game in a terminal narrower than its usual 78 columns, as a player on a
small window or a phone's SSH client sees it: run under a real pseudo-terminal of a given
size, so nothing is wrapped by the terminal itself, mid-word or through a choice's tag."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios

import pytest

ROWS, COLUMNS = 40, 46


def play_in_terminal(columns: int, *args: str) -> list[str]:
    """What `confide play ...` prints to a terminal `columns` wide (one line per row)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, columns, 0, 0))
    env = {**os.environ, "COLUMNS": "", "LINES": ""}
    env.pop("COLUMNS")
    env.pop("LINES")
    proc = subprocess.Popen([sys.executable, "-m", "game", "play", *args],
                            stdin=subprocess.DEVNULL, stdout=follower, stderr=follower,
                            env=env)
    os.close(follower)
    chunks: list[bytes] = []
    try:
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the follower closed: the game has ended
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(leader)
        proc.wait(timeout=60)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n").splitlines()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses a Linux pty")
def test_lines_fit_and_tags_stay_whole_in_a_narrow_terminal() -> None:
    lines = play_in_terminal(COLUMNS, "classroom", "--text", "--show-depth",
                             "--choices", "1,1")
    text = "\n".join(lines)
    assert "-- Bench Four --" in text
    assert all(len(ln) < COLUMNS for ln in lines), max(lines, key=len)
    # every tag on one line, and a label's second line lines up under its first word
    assert "[share, layer 0: small talk]" in text
    assert not any(ln.rstrip().endswith(("[share,", "layer", "0:")) for ln in lines)
    wrapped = [i for i, ln in enumerate(lines) if ln.startswith("  1. ")
               and not ln.rstrip().endswith("]")]
    assert wrapped, "expected at least one label to wrap at this width"
    assert all(lines[i + 1].startswith("     ") for i in wrapped)


def test_a_file_or_pipe_always_gets_the_full_width() -> None:
    # Transcripts are compared byte for byte: the width never depends on the terminal.
    done = subprocess.run([sys.executable, "-m", "game", "play", "classroom", "--text",
                           "--show-depth", "--choices", "1"], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "COLUMNS": "40"})
    assert done.returncode == 0
    assert max(len(ln) for ln in done.stdout.splitlines()) > 60
