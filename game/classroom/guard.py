"""Connection limits uvicorn does not have: a deadline per request and a cap per address.

uvicorn closes an idle keep-alive connection, but it gives a connection that has started a
request no deadline at all: one pupil's laptop can open a thousand connections, send half a
request head on each and wait, and every other phone in the room then gets `503` (the
server's concurrency cap) for the rest of the lesson ("slowloris"). So each connection here
must finish its request within `request_seconds` of its first byte (a phone sends a head and a
1 KB body in well under a second), and one address may hold at most `per_address`
connections at once (a browser opens at most six to one host). This runs in the server's
event loop, one thread, so the counts need no lock.
"""

from __future__ import annotations

import asyncio
from collections import Counter

from uvicorn.protocols.http.h11_impl import H11Protocol

from game.classroom.room import ConnectionLimits


def guarded_protocol(limits: ConnectionLimits) -> type[H11Protocol]:
    """uvicorn's h11 protocol with `limits`, as a class for `uvicorn.Config(http=...)`: one
    class per server, so two servers (tests) never share their counts."""
    holding: Counter[str] = Counter()  # open connections per address key

    class Guarded(H11Protocol):
        _address = ""  # the key counted in `holding`; empty when this connection is not
        _deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            # The exact address, not room.address_key's IPv6 /64: every phone on one IPv6
            # network shares its /64, and a class must not share sixteen connections.
            key = self.client[0] if self.client else "unknown"
            if holding[key] >= limits.per_address:
                transport.close()  # refused before a byte is read: nothing to answer
                return
            holding[key] += 1
            self._address = key
            self._arm()

        def data_received(self, data: bytes) -> None:
            if self._deadline is None and self._address:
                self._arm()  # the next request on a kept-alive connection starts its clock
            super().data_received(data)

        def on_response_complete(self) -> None:
            self._disarm()  # from here uvicorn's keep-alive timeout closes an idle one
            super().on_response_complete()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            if self._address:
                holding[self._address] -= 1
                if holding[self._address] <= 0:
                    del holding[self._address]
                self._address = ""
            super().connection_lost(exc)

        def _arm(self) -> None:
            self._disarm()
            self._deadline = self.loop.call_later(limits.request_seconds, self._too_slow)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _too_slow(self) -> None:
            self._deadline = None
            if not self.transport.is_closing():
                self.transport.close()

    return Guarded
