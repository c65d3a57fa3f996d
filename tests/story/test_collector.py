"""Loading makes no garbage cycles, so pausing the collector for it loses nothing
(game/collector.py), and the collector's state around a load is what it was before."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.gen import write
from game.collector import collector_paused
from game.story.loader import check

pytestmark = pytest.mark.usefixtures("own_cache")


@pytest.fixture
def collector_off() -> Iterator[None]:
    """The collector off for the test (so only `gc.collect` finds cycles), on again after;
    one full pass first, so the next finds only what the test made."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def cycles_left(path: Path, use_cache: bool = True) -> int:
    """Unreachable objects (in cycles) a load of `path` leaves once its result is dropped,
    found by one full pass (which leaves nothing for the next call's count)."""
    story, diags = check(path, use_cache=use_cache)
    assert story is not None, [str(d) for d in diags[:3]]
    del story, diags
    return gc.collect()


@pytest.mark.usefixtures("collector_off")
def test_no_load_path_makes_cycles(tmp_path: Path) -> None:
    path = write(60, tmp_path, per_file=20)  # a folder story of four files
    part = path / "part001.yaml"
    original = part.read_text(encoding="utf-8")
    cycles_left(path, use_cache=False)  # once a process: the schema's imports make some
    assert cycles_left(path, use_cache=False) == 0  # the full load, nothing cached
    assert cycles_left(path) == 0  # the full load, writing the entries
    assert cycles_left(path) == 0  # the whole-story entry
    part.write_text(original.replace("Scene 21 begins;", "Scene 21 begins, edited;"),
                    encoding="utf-8")
    assert cycles_left(path) == 0  # one file read, the others from their entries
    assert cycles_left(write(30, tmp_path)) == 0  # a single file


def test_a_load_leaves_its_objects_in_the_oldest_generation(tmp_path: Path) -> None:
    """What a load keeps is not rescanned by the next young pass, and the collector is on
    again after it."""
    path = write(30, tmp_path)
    gc.collect()
    story, _ = check(path)
    assert gc.isenabled()
    assert gc.get_count()[0] < 50
    young = {id(o) for o in gc.get_objects(generation=0)}
    assert id(story) not in young and id(story.scenes) not in young


def test_the_pause_keeps_a_collector_that_was_off_off() -> None:
    gc.disable()
    try:
        with collector_paused(keep=True):
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
