"""Where the vote server listens: the local network's address, never a public one, and a
bound socket (so a taken port is known before the game starts). No packet leaves: the probe
socket is faked, and the real server binds loopback only."""

from __future__ import annotations

import socket

import pytest

from game.classroom import host
from game.classroom.host import NoNetwork, VoteServer, describe, local_address
from game.classroom.room import Room


class Probe:
    """A stand-in for the UDP socket `local_address` connects to find its route."""

    def __init__(self, found: str | None) -> None:
        self.found = found

    def __call__(self, *args: object) -> Probe:
        return self

    def __enter__(self) -> Probe:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def connect(self, address: tuple[str, int]) -> None:
        assert address[0] == host.PROBE  # a reserved address: nothing is ever sent there
        if self.found is None:
            raise OSError(101, "Network is unreachable")

    def getsockname(self) -> tuple[str, int]:
        assert self.found is not None
        return self.found, 40000


@pytest.mark.parametrize("found", ["192.168.1.20", "10.4.0.7", "172.16.9.9"])
def test_the_local_networks_address_is_chosen(monkeypatch, found: str) -> None:
    monkeypatch.setattr(host.socket, "socket", Probe(found))
    assert local_address() == found
    assert describe(found) == "the local network"


@pytest.mark.parametrize(("found", "why"), [
    ("8.8.4.4", "is public"), (None, "not on a network"), ("127.0.0.1", "not on a network"),
    ("0.0.0.0", "not on a network")])
def test_no_private_address_means_no_server(monkeypatch, found: str | None, why: str) -> None:
    monkeypatch.setattr(host.socket, "socket", Probe(found))
    with pytest.raises(NoNetwork, match=why):
        local_address()


def test_descriptions_say_who_can_join() -> None:
    assert describe("127.0.0.1") == "loopback: only this computer can join"
    assert describe("0.0.0.0") == "every network this computer is on"
    assert describe("8.8.4.4") == "a public address, chosen with --bind"


def test_a_taken_port_is_an_oserror_before_anything_starts() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        with pytest.raises(OSError):
            VoteServer(Room(), "127.0.0.1", taken.getsockname()[1])


def test_port_0_picks_a_free_port_and_stop_frees_it() -> None:
    server = VoteServer(Room(), "127.0.0.1", 0)
    server.start()
    assert server.port > 0 and server.url() == f"http://127.0.0.1:{server.port}/"
    assert server.thread.is_alive()
    server.stop()
    assert not server.thread.is_alive()
    with socket.socket() as again:  # the port is free again once the window has closed
        again.bind(("127.0.0.1", server.port))
    assert VoteServer.url(server, "::1") == f"http://[::1]:{server.port}/"
