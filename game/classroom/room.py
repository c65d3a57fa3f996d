"""The class's room: its code, the devices that joined, the open round and its votes.

Everything the vote server and the projector share lives here, behind one lock: the server's
thread records joins and votes, the window's thread opens and closes rounds and reads the
tally. Nothing here touches the network, the disk or pygame, so it is tested directly.

Only counts leave the room: a device is a random token, never a name, and a vote is the
device's letter for the current round, replaced (not added) when the device votes again.
"""

from __future__ import annotations

import ipaddress
import secrets
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from game.letters import VOTE_LETTERS

# No 0/O/Q, 1/I/L, 2/Z, 5/S, 6/G or 8/B: a code read off a projector is typed right first time.
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY3479"
CODE_LENGTH = 6  # 22**6 = 113 million codes against a handful of guesses a minute
TOKEN_BYTES = 16  # 128-bit device tokens
LETTERS = VOTE_LETTERS  # the projector's letters (game.letters)


@dataclass(frozen=True, slots=True)
class Limits:
    """The room's defences against a pupil who floods or guesses (docs/security.md)."""

    max_devices: int = 300
    join_failures: int = 5  # wrong codes an address may send per window ...
    join_window: float = 60.0  # ... seconds; then every join from it waits out the window
    device_rate: float = 4.0  # requests per second a device may keep up (it polls at 1/s)
    device_burst: float = 10.0
    address_rate: float = 10.0  # requests per second from one address without a token
    address_burst: float = 40.0
    max_addresses: int = 4096  # addresses remembered for the limits; the oldest are dropped


@dataclass(frozen=True, slots=True)
class ConnectionLimits:
    """What one connection may hold of the server (game/classroom/guard.py)."""

    request_seconds: float = 10.0  # from a request's first byte to its answer
    per_address: int = 16  # open connections from one address (a browser opens up to 6)


@dataclass(slots=True)
class Bucket:
    """A token bucket: `rate` requests a second on average, bursts up to `burst`."""

    rate: float
    burst: float
    tokens: float
    at: float

    def take(self, now: float) -> bool:
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1.0:
            return False
        self.tokens -= 1.0
        return True


@dataclass(slots=True)
class Failures:
    """An address's wrong codes in the current window."""

    count: int = 0
    since: float = 0.0


class Join(NamedTuple):
    status: str  # ok | wrong | limited | full
    token: str = ""


class Tally(NamedTuple):
    round: int
    open: bool
    counts: tuple[int, ...]  # votes per offered choice, in the order offered
    voters: int
    devices: int

    def leaders(self) -> list[int]:
        """Indices of the most-voted choices (several on a tie; every choice at no votes)."""
        top = max(self.counts, default=0)
        return [i for i, n in enumerate(self.counts) if n == top]


@dataclass(slots=True)
class Round:
    number: int = 0
    open: bool = False
    scene: str = ""
    prompt: str = ""
    choices: tuple[str, ...] = ()
    votes: dict[str, int] = field(default_factory=dict)  # token -> choice index


class Room:
    """One class's room. Every method is safe to call from any thread."""

    def __init__(self, limits: Limits | None = None, code: str | None = None) -> None:
        self.limits = limits or Limits()
        self.code = code or new_code()
        self._lock = threading.Lock()
        self._devices: dict[str, Bucket] = {}
        self._addresses: OrderedDict[str, Bucket] = OrderedDict()
        self._failures: OrderedDict[str, Failures] = OrderedDict()
        self._round = Round()
        self.version = 0  # bumped on every change the projector shows

    # -- pupils (the server's thread) ---------------------------------------------------
    def join(self, code: str, address: str, token: str | None, now: float) -> Join:
        """A device asks to join with `code`. A device that already holds a valid token
        (a reload) keeps it; wrong codes count against the address."""
        with self._lock:
            fail = self._failures.get(address)
            if fail is not None and now - fail.since >= self.limits.join_window:
                fail = None
                del self._failures[address]
            if fail is not None and fail.count >= self.limits.join_failures:
                return Join("limited")
            if not secrets.compare_digest(normal_code(code).encode(), self.code.encode()):
                self._fail(address, now)
                return Join("wrong")
            if token is not None and token in self._devices:
                return Join("ok", token)
            if len(self._devices) >= self.limits.max_devices:
                return Join("full")
            token = secrets.token_urlsafe(TOKEN_BYTES)
            lim = self.limits
            self._devices[token] = Bucket(lim.device_rate, lim.device_burst, lim.device_burst,
                                          now)
            self.version += 1
            return Join("ok", token)

    def _fail(self, address: str, now: float) -> None:
        fail = self._failures.setdefault(address, Failures(0, now))
        fail.count += 1
        self._failures.move_to_end(address)
        while len(self._failures) > self.limits.max_addresses:
            self._failures.popitem(last=False)

    def known(self, token: str | None) -> bool:
        with self._lock:
            return token is not None and token in self._devices

    def allow_device(self, token: str, now: float) -> bool:
        """One request from a joined device: False when it is over its rate."""
        with self._lock:
            bucket = self._devices.get(token)
            return bucket is not None and bucket.take(now)

    def allow_address(self, address: str, now: float) -> bool:
        """One request without a valid token (the page, a join): False over the rate."""
        with self._lock:
            bucket = self._addresses.get(address)
            if bucket is None:
                lim = self.limits
                bucket = Bucket(lim.address_rate, lim.address_burst, lim.address_burst, now)
                self._addresses[address] = bucket
                while len(self._addresses) > lim.max_addresses:
                    self._addresses.popitem(last=False)
            self._addresses.move_to_end(address)
            return bucket.take(now)

    def state(self, token: str) -> dict[str, Any]:
        """What the pupil page shows: the documented `GET /api/state` body, plus the
        device's own vote in this round (`voted`), so a reloaded page shows it again."""
        with self._lock:
            r = self._round
            mine = r.votes.get(token)
            return {"round": r.number, "open": r.open, "scene": r.scene, "prompt": r.prompt,
                    "choices": [{"letter": LETTERS[i], "text": text}
                                for i, text in enumerate(r.choices)],
                    "voted": None if mine is None else LETTERS[mine]}

    def vote(self, token: str, number: int, letter: str) -> str:
        """ok | closed | stale | unknown (the letter names no choice of the round)."""
        with self._lock:
            r = self._round
            if number != r.number:
                return "stale"
            if not r.open:
                return "closed"
            index = LETTERS.find(letter) if len(letter) == 1 else -1
            if not 0 <= index < len(r.choices):
                return "unknown"
            if r.votes.get(token) != index:
                r.votes[token] = index  # a second vote replaces the first
                self.version += 1
            return "ok"

    # -- the teacher (the window's thread) ------------------------------------------------
    def open_round(self, scene: str, prompt: str, choices: list[str]) -> int:
        """A new decision: every earlier vote is void. Only the first 26 choices get a
        letter; a story with more leaves the rest to the teacher."""
        with self._lock:
            self._round = Round(self._round.number + 1, True, scene, prompt,
                                tuple(choices[:len(LETTERS)]))
            self.version += 1
            return self._round.number

    def close_round(self) -> Tally:
        with self._lock:
            self._round.open = False
            self.version += 1
            return self._tally()

    def show(self, scene: str, prompt: str) -> None:
        """No decision on screen (lines playing, or the ending): a closed, empty round."""
        with self._lock:
            self._round = Round(self._round.number + 1, False, scene, prompt)
            self.version += 1

    def tally(self) -> Tally:
        with self._lock:
            return self._tally()

    def _tally(self) -> Tally:
        r = self._round
        counts = Counter(r.votes.values())
        return Tally(r.number, r.open, tuple(counts[i] for i in range(len(r.choices))),
                     len(r.votes), len(self._devices))


def address_key(host: str) -> str:
    """Who is asking, for the per-address limits. An IPv6 device can take any address in
    its /64 at will, so IPv6 clients are counted by that prefix."""
    if ":" not in host:
        return host
    try:
        return str(ipaddress.ip_network(f"{host}/64", strict=False))
    except ValueError:
        return host


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(code: str) -> str:
    """What a pupil typed, as the room writes it: upper case, spaces and dashes dropped.
    Over-long input is cut, so comparing it costs the same whatever was sent."""
    return "".join(ch for ch in code[:32].upper() if ch not in " -")
