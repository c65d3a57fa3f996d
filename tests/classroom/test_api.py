"""The JSON API over loopback, as the pupil page and docs/educators/classroom-live.md use it:
join, state, vote, every refusal, the rate limits and 300 devices in one round."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from game.classroom.room import Limits, Room
from game.classroom.server import COOKIE, CSP

from .conftest import CODE, Phone, join


def test_join_sets_an_httponly_strict_cookie(device) -> None:
    c = device()
    r = join(c, CODE.lower())
    assert r.status_code == 200 and r.json() == {"joined": True}
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie
    assert "samesite=strict" in cookie.lower()
    assert len(c.cookies[COOKIE]) == 22  # 128 random bits, base64url


def test_a_wrong_code_is_403(device) -> None:
    r = join(device(), "WRONG9")
    assert r.status_code == 403 and r.json() == {"error": "that is not the room code"}


def test_state_and_vote_follow_the_round(device, room: Room) -> None:
    c = device()
    join(c)
    assert c.get("/api/state").json() == {"round": 0, "open": False, "scene": "",
                                           "prompt": "", "choices": [], "voted": None}
    n = room.open_round("Table nine", "So?", ["Joke", "Ask"])
    state = c.get("/api/state").json()
    assert state == {"round": n, "open": True, "scene": "Table nine", "prompt": "So?",
                     "choices": [{"letter": "A", "text": "Joke"},
                                 {"letter": "B", "text": "Ask"}], "voted": None}
    r = c.post("/api/vote", json={"round": n, "letter": "B"})
    assert r.status_code == 204 and r.content == b""
    assert c.post("/api/vote", json={"round": n, "letter": "A"}).status_code == 204
    assert room.tally().counts == (1, 0)  # the second vote replaced the first
    assert c.get("/api/state").json()["voted"] == "A"
    assert c.post("/api/vote", json={"round": n + 1, "letter": "A"}).status_code == 409
    room.close_round()
    r = c.post("/api/vote", json={"round": n, "letter": "B"})
    assert r.status_code == 409 and r.json()["error"] == "the vote is closed"
    assert room.tally().counts == (1, 0)


def test_no_token_or_a_forged_one_is_403(device, room: Room) -> None:
    n = room.open_round("s", "p", ["a"])
    c = device()
    assert c.get("/api/state").status_code == 403
    assert c.post("/api/vote", json={"round": n, "letter": "A"}).status_code == 403
    c.cookies.set(COOKIE, "A" * 22)
    assert c.post("/api/vote", json={"round": n, "letter": "A"}).status_code == 403
    assert room.tally().voters == 0


def test_malformed_bodies_are_refused(device, room: Room) -> None:
    n = room.open_round("s", "p", ["a"])
    c = device()
    join(c)
    for body, status in (({"round": n}, 400), ({"round": "1", "letter": "A"}, 400),
                         ({"round": True, "letter": "A"}, 400), ([1, 2], 400),
                         ({"round": n, "letter": "Q"}, 400)):
        assert c.post("/api/vote", json=body).status_code == status, body
    bad = c.post("/api/vote", content=b"{not json", headers={"content-type":
                                                            "application/json"})
    assert bad.status_code == 400
    form = c.post("/api/vote", data={"round": str(n), "letter": "A"})
    assert form.status_code == 415  # a plain form from another page cannot vote
    assert join(device(), 123).status_code == 400  # type: ignore[arg-type]


def test_bodies_over_1_kb_are_413(device, room: Room) -> None:
    c = device()
    join(c)
    big = {"code": CODE, "pad": "x" * 1100}
    assert c.post("/api/join", json=big).status_code == 413
    n = room.open_round("s", "p", ["a"])
    exact = b'{"round": %d, "letter": "A", "pad": "' % n
    exact += b"x" * (1024 - len(exact) - 2) + b'"}'
    assert len(exact) == 1024
    r = c.post("/api/vote", content=exact, headers={"content-type": "application/json"})
    assert r.status_code == 204  # exactly 1 KB is allowed

    def chunks():  # no Content-Length: the server still stops reading past 1 KB
        for _ in range(64):
            yield b" " * 512

    r = c.post("/api/vote", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_requests_from_another_site_are_403(device, room: Room) -> None:
    c = device()
    r = c.post("/api/join", json={"code": CODE}, headers={"origin": "http://evil.example"})
    assert r.status_code == 403


def test_every_response_has_the_strict_policy(device) -> None:
    c = device()
    for r in (c.get("/"), c.get("/app.js"), c.get("/style.css"), c.get("/api/state"),
              c.get("/nope"), c.post("/api/state")):
        assert r.headers["content-security-policy"] == CSP, r.url
        assert r.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in CSP and "'unsafe-inline'" not in CSP
    page = c.get("/").text
    assert "<script src=\"/app.js\"" in page and "<script>" not in page
    assert "onclick" not in page and "style=" not in page
    assert c.get("/nope").status_code == 404 and c.post("/api/state").status_code == 405


def test_the_page_puts_story_text_in_as_text_only(device) -> None:
    script = device().get("/app.js").text
    assert "textContent" in script
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script
    assert "eval(" not in script and "document.write" not in script


def test_wrong_codes_are_rate_limited_per_address(device) -> None:
    guesser, other = device("127.0.0.2"), device("127.0.0.3")
    assert [join(guesser, f"WRONG{i}").status_code for i in range(5)] == [403] * 5
    locked = join(guesser)
    assert locked.status_code == 429 and locked.headers["retry-after"] == "5"
    assert join(other).status_code == 200


def test_a_flooding_device_is_slowed_not_served(server) -> None:
    phone = Phone(server, "127.0.0.1")
    try:
        assert phone.post("/api/join", {"code": CODE}) == 200
        start = time.monotonic()
        codes = [phone.get("/api/state") for _ in range(25)]
        took = time.monotonic() - start
    finally:
        phone.close()
    assert codes[:5] == [200] * 5 and 429 in codes
    # the burst of 10, and at 4 a second what refilled meanwhile (this machine may be slow)
    assert codes.count(200) <= 10 + 4 * took + 1


def test_300_devices_vote_in_one_round_and_each_counts_once(server, room: Room) -> None:
    phones = [Phone(server, f"127.0.{1 + i // 200}.{1 + i % 200}") for i in range(301)]
    try:
        with ThreadPoolExecutor(8) as pool:
            joins = list(pool.map(lambda p: p.post("/api/join", {"code": CODE}), phones))
            assert sorted(joins) == [200] * 300 + [503]  # device 301: the room is full
            phones = [p for p, status in zip(phones, joins, strict=True) if status == 200]
            n = room.open_round("Table nine", "So?", ["Joke", "Ask", "Tell", "Leave"])
            first = list(pool.map(lambda ip: _vote(ip[1], n, "ABCD"[ip[0] % 4]),
                                  enumerate(phones)))
            # a third of the class changes its mind: the new vote replaces the old
            second = list(pool.map(lambda p: _vote(p, n, "D"), phones[:100]))
    finally:
        for p in phones:
            p.close()
    assert set(first) == {204} and set(second) == {204}
    tally = room.close_round()
    expected = [sum(1 for i in range(100, 300) if i % 4 == k) for k in range(4)]
    expected[3] += 100
    assert list(tally.counts) == expected and sum(tally.counts) == 300
    assert tally.voters == 300 and tally.devices == 300


def _vote(phone: Phone, n: int, letter: str) -> int:
    return phone.post("/api/vote", {"round": n, "letter": letter})


def test_ipv6_clients_are_counted_by_their_64_prefix() -> None:
    from starlette.requests import Request

    from game.classroom.server import _address

    def asking(host: str) -> Request:
        return Request({"type": "http", "client": (host, 5000), "headers": []})

    assert _address(asking("2001:db8:1:2:aaaa::1")) == "2001:db8:1:2::/64"
    assert _address(asking("2001:db8:1:2:bbbb::9")) == "2001:db8:1:2::/64"
    assert _address(asking("10.0.0.7")) == "10.0.0.7"


@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_a_class_on_one_ipv6_network_loads_and_joins_while_guesses_count_per_prefix() -> None:
    from starlette.testclient import TestClient

    from game.classroom.server import build_app

    room = Room(code=CODE)
    app = build_app(room, clock=lambda: 1000.0)  # one instant: no bucket refills meanwhile
    for pupil in range(30):  # thirty phones on one classroom /64, all at once
        with TestClient(app, client=(f"2001:db8:1:2::{pupil + 1:x}", 5000)) as phone:
            for path in ("/", "/app.js", "/style.css"):
                assert phone.get(path).status_code == 200, (pupil, path)
            assert phone.post("/api/join", json={"code": CODE}).status_code == 200, pupil
    answers = []
    for guess in range(Limits().join_failures + 1):  # a guesser hopping addresses in the /64
        with TestClient(app, client=(f"2001:db8:1:2::ff{guess:02x}", 5000)) as guesser:
            answers.append(guesser.post("/api/join", json={"code": "WRONG9"}).status_code)
    assert answers[:-1] == [403] * Limits().join_failures and answers[-1] == 429
