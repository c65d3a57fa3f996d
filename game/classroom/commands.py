"""`confide classroom STORY`: the window in projector mode with a vote server for the class.

The first line on standard output is `join: URL  code: CODE` (scripts and tests read it);
the second says where the server listens. Without a network, or when the port is taken, the
game still opens, with hand votes, and one line says why.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from pathlib import Path

from game.classroom import Live
from game.classroom.host import DEFAULT_PORT, NoNetwork, VoteServer, describe, local_address
from game.classroom.room import Room
from game.errors import ConfideError
from game.safeio import data_folder


def setup_classroom(p: argparse.ArgumentParser) -> None:
    p.add_argument("story", nargs="?", default="tutorial",
                   help="a bundled story id or a path to a story file or folder")
    p.add_argument("--bind", metavar="ADDR",
                   help="the address to listen on (default: this computer's address on its "
                   "local network, never a public one)")
    p.add_argument("--port", type=_port, default=DEFAULT_PORT,
                   help=f"the port to listen on (default {DEFAULT_PORT}; 0 picks a free one)")
    p.add_argument("--seed", type=int, default=0, help="seed for the model's noise")
    p.add_argument("--facilitator", action="store_true", help="start in facilitator mode")
    p.add_argument("--data-dir", type=data_folder, help="where saves and settings live")
    p.add_argument("--record", type=Path, metavar="FILE.json",
                   help="write the playthrough record, with the class's votes, when the "
                   "window closes")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0-65535, not {port}")
    return port


def cmd_classroom(args: argparse.Namespace) -> int:
    """play a story in projector mode while the class votes from phones"""
    from game.persist.recordjson import check_record_target  # lazy: start-up
    from game.story.loader import load  # lazy: start-up

    story = load(args.story)
    if args.record is not None:  # refused now, not when the lesson's votes are to be kept
        check_record_target(args.record)
    try:
        window = importlib.import_module("game.ui.classroom").run_classroom
    except ImportError as exc:
        raise ConfideError(f"classroom live needs the window, which is not available: "
                           f"{exc}") from exc
    started, note = open_server(args.bind, args.port)
    try:
        code: int = window(story, args, None if started is None else started[1], note)
        return code
    finally:
        if started is not None:
            started[0].stop()  # the window has closed: the class's room closes with it


def open_server(bind: str | None, port: int) -> tuple[tuple[VoteServer, Live] | None, str]:
    """Start the vote server and print the join line and where it listens. On failure,
    print one line saying why; the note returned tells the window (hand votes)."""
    try:
        address = bind or local_address()
        room = Room()
        server = VoteServer(room, address, port)
        server.start()
    except (NoNetwork, OSError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        where = f"{bind or 'the local network'}, port {port}"
        print(f"classroom: no vote server on {where} ({why}); playing in projector mode "
              f"with hand votes (A, B, C, D)", flush=True)
        return None, "Hand votes: the vote server could not start (see the terminal)"
    url = server.url(_shown_address() if address in ("0.0.0.0", "::") else address)
    print(f"join: {url}  code: {room.code}", flush=True)
    print(f"classroom: listening on {address} port {server.port} ({describe(address)})",
          flush=True)
    return (server, Live(room, url)), ""


def _shown_address() -> str:
    try:
        return local_address()
    except NoNetwork:
        return "127.0.0.1"


COMMANDS: dict[str, tuple[Callable[[argparse.ArgumentParser], None],
                          Callable[[argparse.Namespace], int]]] = {
    "classroom": (setup_classroom, cmd_classroom)}
