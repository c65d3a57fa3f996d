"""A story edited between sessions: saves whose scene still exists restore; saves whose
scene was renamed or removed are refused with a message that says so and offers a restart."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.errors import RestoreError
from game.persist.formats import now_iso
from game.persist.saves import SaveStore, SlotMeta
from game.persist.snapshot import snapshot
from game.runtime import Session
from game.story.loader import load

MINI = Path(__file__).parents[1] / "fixtures" / "mini.yaml"


def save(store: SaveStore, slot: str, session: Session) -> None:
    scene = session.scene
    store.write(slot, SlotMeta(session.story.id, session.story.meta.title,
                               str(session.story.source), scene.id, scene.title or scene.id,
                               now_iso(), 12.0, session.state.turn), snapshot(session))


@pytest.fixture
def story_file(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    shutil.copy(MINI, path)
    return path


@pytest.fixture
def store(tmp_path: Path, story_file: Path) -> SaveStore:
    """Slot 1 saved in the middle scene, slot 2 at the start, both of the unedited story."""
    store = SaveStore(tmp_path / "data")
    story = load(story_file)
    at_middle = Session(story, seed=5)
    at_middle.choose("weather")
    save(store, "slot1", at_middle)
    save(store, "slot2", Session(story, seed=5))
    return store


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_an_unchanged_story_restores_with_its_history(store: SaveStore,
                                                      story_file: Path) -> None:
    session = store.restore("slot1", load(story_file))
    assert session.state.scene == "middle" and session.choices_made == ["weather"]
    assert not session.changed_story
    assert session.undo() is not None and session.state.scene == "hello"


def test_an_edit_that_changes_no_move_restores_the_whole_game(store: SaveStore,
                                                               story_file: Path) -> None:
    edit(story_file, "The kettle clicks off.", "The kettle whistles and goes quiet.")
    edit(story_file, "text: Wave", "text: Wave back")
    session = store.restore("slot1", load(story_file))
    assert not session.changed_story and session.choices_made == ["weather"]
    assert session.state.scene == "middle" and session.state.flags["waved"] is True
    assert [c.id for c in session.available()] == ["ask", "wave"]
    assert store.restore_note == ("The story or Confide has changed since this save; every "
                                  "move still plays out the same, so nothing is lost.")


def test_an_edit_that_parts_from_the_moves_keeps_the_saved_state_and_says_so(
        store: SaveStore, story_file: Path) -> None:
    edit(story_file, "- id: weather", "- id: rain")  # the saved move is no longer offered
    session = store.restore("slot1", load(story_file))
    assert session.changed_story  # history before the save is dropped, not guessed
    assert session.state.scene == "middle" and session.state.flags["waved"] is True
    assert session.choices_made == []
    assert store.restore_note.startswith("The story was edited since this save (step 1 "
                                         "('hello/weather'): choice 'weather' is no longer "
                                         "offered in scene 'hello')")


@pytest.mark.parametrize("change", ["renamed", "removed"])
def test_a_save_whose_scene_is_gone_is_refused_with_an_offer_to_start_over(
        store: SaveStore, story_file: Path, change: str) -> None:
    if change == "renamed":
        edit(story_file, "middle", "landing")  # the scene and every reference to it
    else:
        edit(story_file, "next: middle", "next: finale")
        text = story_file.read_text("utf-8")
        cut = text[text.index("  middle:\n"):text.index("  finale:\n")]
        edit(story_file, cut, "")
    story = load(story_file)
    assert "middle" not in story.scenes
    with pytest.raises(RestoreError) as caught:
        store.restore("slot1", story)
    message = str(caught.value)
    assert message.startswith("Slot 1 (Mini, middle) cannot be restored")
    assert "the saved scene 'middle' no longer exists in story 'mini'" in message
    assert message.endswith("start the story over")
    assert store.info("slot1").status == "ok"  # refused, not damaged: the file is kept
    assert store.restore("slot2", story).state.scene == "hello"  # other slots still load


def test_a_save_of_another_story_is_refused(store: SaveStore, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(MINI.read_text("utf-8").replace("id: mini", "id: other"), "utf-8")
    with pytest.raises(RestoreError, match=r"belongs to story 'mini'.*start the story over"):
        store.restore("slot2", load(other))
