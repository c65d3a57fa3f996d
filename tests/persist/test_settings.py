"""Settings get the same care as saves: atomic, checksummed, versioned; a damaged file gives
the defaults without a crash, and the user's file is never deleted."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from game.errors import SaveError
from game.persist.saves import SaveStore
from game.persist.settings import Settings

from .helpers import envelope


def test_settings_are_an_envelope_with_version_and_checksum(store: SaveStore) -> None:
    store.save_settings(Settings(text_speed="fast"))
    data = json.loads(store.settings_path.read_text("utf-8"))
    assert data["confide"] == "settings" and data["format"] == 1 and len(data["sha256"]) == 64
    assert data["body"]["text_speed"] == "fast"
    assert [p.name for p in store.root.iterdir()] == ["settings.json"]  # no temp left


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "cut short": lambda raw: raw[: len(raw) // 2],
    "edited": lambda raw: raw.replace(b'"fast"', b'"slow"'),
    "newer": lambda raw: raw.replace(b'"format": 1', b'"format": 9'),
    "binary": lambda raw: bytes(range(256)) * 4,
    "empty": lambda raw: b"",
    "a save": lambda raw: raw.replace(b'"confide": "settings"', b'"confide": "save"'),
}


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_damaged_settings_give_defaults_and_the_file_is_kept(store: SaveStore,
                                                             how: str) -> None:
    store.save_settings(Settings(text_speed="fast", high_contrast=True))
    damaged = DAMAGE[how](store.settings_path.read_bytes())
    store.settings_path.write_bytes(damaged)
    assert store.load_settings() == Settings()
    assert store.settings_problem
    assert store.settings_path.read_bytes() == damaged  # reading never deletes or rewrites
    store.save_settings(Settings(text_size="large"))  # the player changes a setting
    assert store.damaged_settings_path.read_bytes() == damaged  # kept aside, not lost
    assert store.load_settings() == Settings(text_size="large")
    assert store.settings_problem == ""


def test_valid_values_survive_beside_bad_ones(store: SaveStore) -> None:
    store.root.mkdir(parents=True)
    body = {"text_speed": "warp", "text_size": "large", "fullscreen": 1, "facilitator": True,
            "unknown": "kept out"}
    store.settings_path.write_bytes(envelope("settings", 1, body))
    assert store.load_settings() == Settings(text_size="large", facilitator=True)


def test_settings_that_cannot_be_written_raise_a_save_error(store: SaveStore) -> None:
    store.root.parent.mkdir(parents=True, exist_ok=True)
    store.root.write_text("a file where the data folder should be", "utf-8")
    with pytest.raises(SaveError, match="could not write"):
        store.save_settings(Settings())
    assert store.load_settings() == Settings()


def test_projector_mode_is_a_setting_kept_for_the_next_run(store: SaveStore) -> None:
    store.save_settings(Settings(projector=True, text_size="large"))
    body = json.loads(store.settings_path.read_text("utf-8"))["body"]
    assert body["projector"] is True
    assert store.load_settings() == Settings(text_size="large", projector=True)


def test_settings_written_before_projector_mode_load_with_it_off(store: SaveStore) -> None:
    store.root.mkdir(parents=True)
    older = {"text_speed": "fast", "text_size": "small", "high_contrast": True,
             "fullscreen": False, "facilitator": True}  # what the last release wrote
    store.settings_path.write_bytes(envelope("settings", 1, older))
    assert store.load_settings() == Settings("fast", "small", True, False, True, False)
    assert not store.settings_from_legacy and store.settings_problem == ""


def test_projector_mode_from_the_old_classroom_file_is_taken_once(store: SaveStore) -> None:
    store.root.mkdir(parents=True)
    older = {"text_speed": "slow", "facilitator": True}
    store.settings_path.write_bytes(envelope("settings", 1, older))
    legacy = store.root / "classroom.json"
    legacy.write_bytes(envelope("classroom", 1, {"projector": True}))
    settings = store.load_settings()
    assert settings == Settings(text_speed="slow", facilitator=True, projector=True)
    assert store.settings_from_legacy and legacy.exists()  # reading changes no file
    store.save_settings(settings)
    assert not legacy.exists()  # its one value now lives in settings.json
    assert store.load_settings() == settings and not store.settings_from_legacy


def test_settings_that_know_projector_mode_ignore_the_old_file(store: SaveStore) -> None:
    store.save_settings(Settings(projector=False))
    legacy = store.root / "classroom.json"
    legacy.write_bytes(envelope("classroom", 1, {"projector": True}))  # a stale copy
    assert store.load_settings() == Settings() and not store.settings_from_legacy


@pytest.mark.parametrize("raw", [b"{not json", envelope("classroom", 1, {"projector": "yes"}),
                                 envelope("classroom", 1, {"projector": True}, "0" * 64)])
def test_a_damaged_classroom_file_leaves_projector_mode_off(store: SaveStore,
                                                            raw: bytes) -> None:
    store.root.mkdir(parents=True)
    (store.root / "classroom.json").write_bytes(raw)
    assert store.load_settings() == Settings() and store.settings_problem == ""
