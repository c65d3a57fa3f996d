"""The class's voting letters never shadow a window key, and the phones use the same ones."""

from __future__ import annotations

import pygame

from game.classroom.room import LETTERS as PHONE_LETTERS
from game.letters import VOTE_LETTERS
from game.ui.actions import KEYS, LETTERS, Act, translate


def test_no_voting_letter_is_a_window_key() -> None:
    taken = {pygame.key.name(k).upper() for k in KEYS if pygame.key.name(k).isalpha()
             and len(pygame.key.name(k)) == 1}
    assert taken >= {"H", "M", "N", "T", "V"}
    assert not taken & set(VOTE_LETTERS)
    assert len(set(VOTE_LETTERS)) == len(VOTE_LETTERS) == len(LETTERS)


def test_the_phones_and_the_projector_share_one_sequence() -> None:
    assert PHONE_LETTERS == VOTE_LETTERS


def test_a_letter_key_press_is_a_vote_for_its_place() -> None:
    pygame.init()
    for place, letter in enumerate(VOTE_LETTERS, start=1):
        key = getattr(pygame, f"K_{letter.lower()}")
        got = translate(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0), lambda p: p)
        assert got is not None and got.act == Act.LETTER and got.n == place
    for letter in "hmntv":
        key = getattr(pygame, f"K_{letter}")
        got = translate(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0), lambda p: p)
        assert got is not None and got.act != Act.LETTER
