"""The room at its exact thresholds: codes, joins, wrong-code limits, device cap, rates,
rounds and votes. Time is passed in, so no test sleeps."""

from __future__ import annotations

import re

from game.classroom.room import CODE_ALPHABET, CODE_LENGTH, Limits, Room, new_code, normal_code
from game.letters import VOTE_LETTERS


def test_codes_use_only_the_unambiguous_alphabet() -> None:
    codes = {new_code() for _ in range(200)}
    # Random, not a counter: 200 draws from 22**6 codes may repeat one (about 2 in 10,000).
    assert len(codes) >= 199
    for code in codes:
        assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)
    assert not set("0O1IL2Z5S8B6G") & set(CODE_ALPHABET)


def test_a_typed_code_is_read_the_way_the_projector_shows_it() -> None:
    assert normal_code(" acd-efh ") == "ACDEFH"
    assert normal_code("ACD EFH") == "ACDEFH"
    assert normal_code("x" * 10_000) == "X" * 32  # compared at a bounded cost


def test_join_gives_a_128_bit_token_and_a_reload_keeps_it() -> None:
    room = Room(code="ACDEFH")
    joined = room.join("acdefh", "10.0.0.1", None, 0.0)
    assert joined.status == "ok"
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", joined.token)  # 16 random bytes, base64url
    assert room.join("ACDEFH", "10.0.0.1", joined.token, 1.0) == joined  # same device
    assert room.tally().devices == 1
    assert room.join("ACDEFH", "10.0.0.1", "forged", 1.0).token != "forged"


def test_wrong_codes_lock_the_address_out_for_the_window() -> None:
    room = Room(Limits(join_failures=5, join_window=60.0), code="ACDEFH")
    for i in range(5):
        assert room.join("WRONG1", "10.0.0.9", None, float(i)).status == "wrong"
    # the sixth attempt is refused even with the right code, until the window has passed
    assert room.join("ACDEFH", "10.0.0.9", None, 59.9).status == "limited"
    assert room.join("ACDEFH", "10.0.0.8", None, 59.9).status == "ok"  # others unaffected
    assert room.join("ACDEFH", "10.0.0.9", None, 60.0).status == "ok"


def test_four_wrong_codes_do_not_lock_anyone_out() -> None:
    room = Room(Limits(join_failures=5), code="ACDEFH")
    for _ in range(4):
        room.join("nope", "10.0.0.9", None, 0.0)
    assert room.join("ACDEFH", "10.0.0.9", None, 0.0).status == "ok"


def test_the_room_holds_exactly_max_devices() -> None:
    room = Room(Limits(max_devices=300), code="ACDEFH")
    tokens = [room.join("ACDEFH", f"10.0.{i // 250}.{i % 250}", None, 0.0).token
              for i in range(300)]
    assert len(set(tokens)) == 300
    assert room.join("ACDEFH", "10.9.9.9", None, 0.0).status == "full"
    assert room.join("ACDEFH", "10.0.0.0", tokens[0], 0.0).status == "ok"  # a reload still works


def test_a_device_keeps_its_rate_and_no_more() -> None:
    room = Room(Limits(device_rate=4.0, device_burst=10.0), code="ACDEFH")
    token = room.join("ACDEFH", "10.0.0.1", None, 0.0).token
    assert all(room.allow_device(token, 0.0) for _ in range(10))
    assert not room.allow_device(token, 0.0)
    assert not room.allow_device(token, 0.2)  # 0.8 of a request refilled: not yet
    assert room.allow_device(token, 0.25)  # a whole one
    assert not room.allow_device("unknown", 0.0)


def test_requests_without_a_token_are_limited_per_address() -> None:
    room = Room(Limits(address_rate=10.0, address_burst=40.0))
    assert all(room.allow_address("10.0.0.1", 0.0) for _ in range(40))
    assert not room.allow_address("10.0.0.1", 0.0)
    assert room.allow_address("10.0.0.2", 0.0)
    assert room.allow_address("10.0.0.1", 0.1)


def test_remembered_addresses_are_bounded() -> None:
    room = Room(Limits(max_addresses=3, join_failures=1), code="ACDEFH")
    for i in range(10):
        room.join("bad", f"10.0.0.{i}", None, 0.0)
        room.allow_address(f"10.0.0.{i}", 0.0)
    assert len(room._failures) == 3 and len(room._addresses) == 3


def test_votes_are_replaced_not_added_and_counted_once() -> None:
    room = Room(code="ACDEFH")
    a, b = (room.join("ACDEFH", f"10.0.0.{i}", None, 0.0).token for i in (1, 2))
    n = room.open_round("Table nine", "Well?", ["Joke", "Ask", "Leave"])
    assert room.vote(a, n, "A") == "ok"
    assert room.vote(a, n, "C") == "ok"
    assert room.vote(b, n, "C") == "ok"
    assert room.tally().counts == (0, 0, 2) and room.tally().voters == 2
    assert room.state(a)["voted"] == "C"
    assert room.vote(a, n, "D") == "unknown" and room.vote(a, n, "AB") == "unknown"
    assert room.vote(a, n + 1, "A") == "stale"
    tally = room.close_round()
    assert not tally.open and room.vote(a, n, "A") == "closed"
    assert room.open_round("Next", "", ["x"]) == n + 1
    assert room.tally().counts == (0,) and room.state(a)["voted"] is None


def test_leaders_find_the_winner_and_every_tie() -> None:
    room = Room(code="ACDEFH")
    n = room.open_round("s", "p", ["a", "b", "c"])
    assert room.tally().leaders() == [0, 1, 2]  # no votes: everyone ties at zero
    tokens = [room.join("ACDEFH", f"10.0.0.{i}", None, 0.0).token for i in range(3)]
    for t, letter in zip(tokens, "BCB", strict=True):
        room.vote(t, n, letter)
    assert room.tally().leaders() == [1]
    room.vote(tokens[0], n, "C")
    assert room.tally().leaders() == [2]


def test_choices_past_the_last_letter_leave_the_rest_to_the_teacher() -> None:
    room = Room(code="ACDEFH")
    room.open_round("s", "p", [f"c{i}" for i in range(30)])
    assert len(room.tally().counts) == len(VOTE_LETTERS) == 21
