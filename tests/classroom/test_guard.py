"""Slow and greedy connections (game/classroom/guard.py), over loopback with raw sockets, as a
pupil's script would send them: half a request head, then nothing."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from game.classroom.host import VoteServer
from game.classroom.room import ConnectionLimits, Limits, Room, address_key

HALF_HEAD = b"GET / HTTP/1.1\r\nHost: x\r\n"  # the blank line that ends a head never comes


@pytest.fixture
def guarded() -> Iterator[VoteServer]:
    srv = VoteServer(Room(Limits(), code="ACDEFH"), "127.0.0.1", 0,
                     ConnectionLimits(request_seconds=0.5, per_address=4))
    srv.start()
    yield srv
    srv.stop()


def half_requests(server: VoteServer, n: int, address: str) -> list[socket.socket]:
    made = []
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", server.port), timeout=5,
                                     source_address=(address, 0))
        s.sendall(HALF_HEAD)
        made.append(s)
    return made


def closed_by_server(s: socket.socket, wait: float) -> bool:
    s.settimeout(wait)
    try:
        return s.recv(100) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def page(server: VoteServer, address: str = "127.0.0.1") -> int:
    with httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=5) as c:
        return c.get(server.url()).status_code


def test_one_address_holds_at_most_its_share_and_others_are_served(
        guarded: VoteServer) -> None:
    held = half_requests(guarded, 12, "127.0.0.9")
    try:
        time.sleep(0.1)  # well inside the 0.5 s deadline
        open_ones = [s for s in held if not closed_by_server(s, 0.01)]
        assert len(open_ones) == 4  # the rest were closed before a byte was read
        assert page(guarded) == 200  # another phone is still served at once
    finally:
        for s in held:
            s.close()


def test_a_request_never_finished_is_closed_at_its_deadline(guarded: VoteServer) -> None:
    held = half_requests(guarded, 4, "127.0.0.9")
    try:
        start = time.monotonic()
        assert all(closed_by_server(s, 5) for s in held)
        assert time.monotonic() - start < 3
        assert page(guarded, "127.0.0.9") == 200  # the address may connect again
    finally:
        for s in held:
            s.close()


def test_a_slow_body_is_closed_at_its_deadline(guarded: VoteServer) -> None:
    with socket.create_connection(("127.0.0.1", guarded.port), timeout=5) as s:
        s.sendall(b"POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 200\r\n\r\n{\"co")
        assert closed_by_server(s, 5)


def test_a_kept_alive_connection_gets_a_fresh_deadline_per_request(
        guarded: VoteServer) -> None:
    with httpx.Client(timeout=5) as client:
        for _ in range(3):  # each request well inside its own deadline, the three not
            assert client.get(guarded.url()).status_code == 200
            time.sleep(0.3)


def test_the_default_limits_leave_a_browser_its_connections() -> None:
    limits = ConnectionLimits()
    assert limits.per_address >= 6 and limits.request_seconds >= 5
    assert address_key("2001:db8::1") == address_key("2001:db8::ffff") == "2001:db8::/64"
    assert address_key("10.0.0.7") == "10.0.0.7"
