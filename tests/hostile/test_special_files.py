"""Paths that name pipes, devices and folders, for reading and for writing."""

from __future__ import annotations

import faulthandler
import io
import os
import stat
from pathlib import Path

import pytest

from game.errors import RecordError
from game.persist.atomic import write_atomic
from game.persist.recordjson import read_record
from game.persist.saves import SaveStore
from game.safeio import UnsafeFile, read_capped
from game.story.loader import load

from .kit import MINI, confide, no_traceback, record_json, write_json

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def test_pipes_and_devices_are_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "record.json"
    os.mkfifo(fifo)
    # The readers refuse a pipe or a device by its type before reading, which the messages
    # prove. A regression would block for ever, never reaching an assert on the clock, so a
    # generous watchdog ends the run with a traceback instead of a stuck suite.
    faulthandler.dump_traceback_later(120, exit=True)
    try:
        for path in (fifo, Path("/dev/zero")):
            with pytest.raises(RecordError, match="not a regular file"):
                read_record(path)
            with pytest.raises(UnsafeFile):
                read_capped(path, 100)
    finally:
        faulthandler.cancel_dump_traceback_later()


def test_a_file_over_the_cap_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b"x" * 1001)
    with pytest.raises(UnsafeFile, match="1,001 bytes"):
        read_capped(big, 1000)
    assert read_capped(big, 1001) == b"x" * 1001


def test_a_save_slot_or_settings_file_that_is_a_pipe(tmp_path: Path) -> None:
    store = SaveStore(tmp_path)
    store.saves_dir.mkdir(parents=True)
    os.mkfifo(store.path("slot1"))
    os.mkfifo(store.settings_path)
    info = store.info("slot1")
    assert info.status == "damaged" and "regular file" in info.problem
    assert store.load_settings().text_size == "medium" and store.settings_problem


@pytest.mark.parametrize("target", ["folder", "pipe", "link"])
def test_the_atomic_writer_replaces_only_regular_files(tmp_path: Path, target: str) -> None:
    path = tmp_path / "out.json"
    if target == "folder":
        path.mkdir()
    elif target == "pipe":
        os.mkfifo(path)
    else:
        (tmp_path / "real.json").write_text("keep", encoding="utf-8")
        path.symlink_to(tmp_path / "real.json")
    before = os.lstat(path).st_mode
    with pytest.raises(UnsafeFile, match="not a regular file"):
        write_atomic(path, b"new")
    assert os.lstat(path).st_mode == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_export_to_a_device_or_folder_is_an_error_and_the_device_survives(
        tmp_path: Path) -> None:
    record = write_json(tmp_path / "r.json", record_json(load(MINI), [1, 1]))
    for out in ("/dev/full", str(tmp_path)):
        r = confide("export", str(record), "--format", "md", "-o", out)
        text = no_traceback(r)
        assert r.returncode == 1 and "not a regular file" in text
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_full_standard_output_is_a_clean_error() -> None:
    with open("/dev/full", "wb") as full:
        r = confide("list", stdout=full)
    text = no_traceback(r)
    assert r.returncode == 1 and "No space left on device" in text


def test_screenshot_to_a_folder(tmp_path: Path) -> None:
    # A device is refused the same way (test_memory_cap.py writes a PNG to /dev/full).
    r = confide("play", str(MINI), "--screenshot", str(tmp_path), "--choices", "1")
    text = no_traceback(r)
    assert r.returncode == 1 and "not a regular file" in text


def test_record_to_a_device_is_an_error(monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["play", str(MINI), "--text", "--record", "/dev/full", "--choices", "1"]) == 1
    assert "it is a device, not a regular file" in capsys.readouterr().err
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
