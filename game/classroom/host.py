"""Where the vote server listens, and the server itself in a background thread.

The socket is bound here, in the caller's thread, before uvicorn starts: a taken port or an
address this machine does not have is an OSError the command turns into one line (and hand
votes), not a failure inside a thread nobody watches.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time

from game.classroom.room import ConnectionLimits, Room
from game.errors import ConfideError

DEFAULT_PORT = 8765
START_SECONDS = 10.0
PROBE = "192.0.2.1"  # TEST-NET-1: never routed; connecting a UDP socket sends nothing


class NoNetwork(ConfideError):
    """No address to offer the class: the game falls back to hand votes."""


def local_address() -> str:
    """This machine's address on its local network: the one its default route leaves by.

    Raises NoNetwork when there is none, or when it is a public address: a vote server is
    for the classroom's network, and the teacher can still choose one with --bind."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect((PROBE, 9))
            found = str(probe.getsockname()[0])
        except OSError as exc:
            raise NoNetwork("this computer is not on a network") from exc
    ip = ipaddress.ip_address(found)
    if ip.is_loopback or ip.is_unspecified:
        raise NoNetwork("this computer is not on a network")
    if not ip.is_private:
        raise NoNetwork(f"this computer's address {found} is public, and the vote server is "
                        f"only offered on a local network (choose an address with --bind)")
    return found


def describe(address: str) -> str:
    ip = ipaddress.ip_address(address)
    if ip.is_loopback:
        return "loopback: only this computer can join"
    if ip.is_unspecified:
        return "every network this computer is on"
    return "the local network" if ip.is_private else "a public address, chosen with --bind"


class VoteServer:
    """uvicorn serving one room's app on an already bound socket, in a daemon thread."""

    def __init__(self, room: Room, bind: str, port: int,
                 connections: ConnectionLimits | None = None) -> None:
        family = socket.AF_INET6 if ":" in bind else socket.AF_INET
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.sock.bind((bind, port))
            self.sock.listen(128)
        except OSError:
            self.sock.close()
            raise
        self.bind = bind
        self.port = int(self.sock.getsockname()[1])
        # The web server loads here, not at import: `confide --help` and every other
        # command register the classroom command without paying uvicorn's start-up.
        import uvicorn

        from game.classroom.guard import guarded_protocol  # lazy: start-up (uvicorn)
        from game.classroom.server import build_app  # lazy: start-up (starlette)

        # http=: uvicorn gives a started request no deadline and an address no cap (guard.py)
        config = uvicorn.Config(build_app(room), log_level="warning", access_log=False,
                                lifespan="off", loop="asyncio", ws="none",
                                http=guarded_protocol(connections or ConnectionLimits()),
                                server_header=False, limit_concurrency=1000,
                                timeout_keep_alive=5, h11_max_incomplete_event_size=16_384)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       name="confide-classroom", daemon=True)

    def url(self, shown: str | None = None) -> str:
        host = shown or self.bind
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/"

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + START_SECONDS
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise OSError("the vote server did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        if self.thread.is_alive():
            self.thread.join(timeout=5)
        self.sock.close()
