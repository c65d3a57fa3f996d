"""A real vote server on loopback for the API tests, and clients that act as devices.

Each simulated device can have its own loopback address (127.0.x.y all reach this machine),
so per-address limits see what a classroom of phones would look like. No traffic leaves
loopback."""

from __future__ import annotations

import http.client
import json
import socket
from collections.abc import Callable, Iterator

import httpx
import pytest

from game.classroom.host import VoteServer
from game.classroom.room import Limits, Room

CODE = "ACDEFH"
Device = Callable[..., httpx.Client]


@pytest.fixture
def room() -> Room:
    return Room(Limits(), code=CODE)


@pytest.fixture
def server(room: Room) -> Iterator[VoteServer]:
    srv = VoteServer(room, "127.0.0.1", 0)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def device(server: VoteServer) -> Iterator[Device]:
    """Make clients that keep their own cookies, optionally from their own address."""
    made: list[httpx.Client] = []

    def make(address: str = "127.0.0.1") -> httpx.Client:
        transport = httpx.HTTPTransport(local_address=address)
        client = httpx.Client(base_url=server.url(), transport=transport, timeout=10)
        made.append(client)
        return client

    yield make
    for c in made:
        c.close()


class Phone:
    """A light device for the load test: one keep-alive connection from its own loopback
    address, holding its cookie as a browser would (httpx clients cost too much to make
    300 of)."""

    def __init__(self, server: VoteServer, address: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10,
                                               source_address=(address, 0))
        self.conn.connect()
        # no Nagle: a request's header and body go out at once, as a browser sends them
        self.conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.cookie = ""

    def post(self, path: str, body: dict[str, object]) -> int:
        return self.send("POST", path, json.dumps(body))

    def get(self, path: str) -> int:
        return self.send("GET", path, None)

    def send(self, method: str, path: str, body: str | None) -> int:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if self.cookie:
            headers["Cookie"] = self.cookie
        self.conn.request(method, path, body, headers)
        r = self.conn.getresponse()
        r.read()
        set_cookie = r.getheader("set-cookie")
        if set_cookie:
            self.cookie = set_cookie.split(";", 1)[0]
        return r.status

    def close(self) -> None:
        self.conn.close()


def join(client: httpx.Client, code: str = CODE) -> httpx.Response:
    return client.post("/api/join", json={"code": code})
