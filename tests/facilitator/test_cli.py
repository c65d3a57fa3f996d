"""`confide play --record/--replay` and `confide export`, run as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.persist.recordjson import read_record

from .helpers import MINI, PATHS, ROOT, confide

DEEPENED = ",".join(map(str, PATHS["deepened"]))
STEPS = len(PATHS["deepened"])


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The deepened tutorial path played with --record: the file and the transcript."""
    path = tmp_path_factory.mktemp("rec") / "class" / "deepened.json"
    r = confide("play", "tutorial", "--text", "--seed", "1", "--choices", DEEPENED,
                "--record", str(path))
    assert r.returncode == 0, r.stderr
    assert f"recorded {STEPS} choices to {path}" in r.stderr
    return path, r.stdout


def test_record_then_replay(recorded: tuple[Path, str]) -> None:
    path, transcript = recorded
    record = read_record(path)
    assert (record.story, record.seed, record.outcome, len(record.steps)) == (
        "tutorial", 1, "deepened", STEPS)
    r = confide("play", "tutorial", "--replay", str(path))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(transcript)  # the same game, word for word
    assert r.stdout.endswith(f"\nReplayed {STEPS} choices from {path}: every step's meters match "
                             "the record.\n")


def test_replay_with_meters_shows_the_explanations(recorded: tuple[Path, str]) -> None:
    r = confide("play", "tutorial", "--replay", str(recorded[0]), "--show-meters")
    assert r.returncode == 0 and "[Noor: trust 87.2, defence 10.9" in r.stdout


def test_record_on_quit_and_on_end_of_input(tmp_path: Path) -> None:
    quit_path, eof_path = tmp_path / "quit.json", tmp_path / "eof.json"
    r = confide("play", "tutorial", "--text", "--record", str(quit_path), stdin="1\n4\nq\n")
    assert r.returncode == 0 and "Goodbye." in r.stdout
    assert read_record(quit_path).choices == ("prologue/continue", "lobby/sky_joke")
    r = confide("play", str(MINI), "--text", "--record", str(eof_path), stdin="1\n")
    assert r.returncode == 0 and "(end of input: stopping here)" in r.stdout
    record = read_record(eof_path)
    assert record.story == "mini" and record.outcome is None and len(record.steps) == 1
    r = confide("play", str(MINI), "--replay", str(eof_path))
    assert r.returncode == 0, r.stderr
    assert "(the record stops here, before an ending)" in r.stdout
    assert "Replayed 1 choice from" in r.stdout


def test_corrupt_record_exits_1_with_a_clear_message(recorded: tuple[Path, str],
                                                     tmp_path: Path) -> None:
    cut = tmp_path / "cut.json"
    cut.write_bytes(recorded[0].read_bytes()[:500])
    for args in (("play", "tutorial", "--replay", str(cut)),
                 ("export", str(cut), "--format", "md")):
        r = confide(*args)
        assert r.returncode == 1
        assert r.stderr.startswith(f"confide: error: {cut} is not valid JSON at line ")
        assert "Traceback" not in r.stderr and r.stdout == ""
    foreign = tmp_path / "settings.json"
    foreign.write_text(json.dumps({"confide": "settings", "format": 1, "body": {}}))
    r = confide("export", str(foreign), "-o", str(tmp_path / "x.csv"))
    assert r.returncode == 1
    assert f"{foreign}: not a Confide playthrough record" in r.stderr
    assert "Traceback" not in r.stderr


def test_replay_fails_when_the_story_changed(recorded: tuple[Path, str],
                                             tmp_path: Path) -> None:
    story = tmp_path / "tutorial"
    shutil.copytree(Path(__file__).resolve().parents[2] / "stories" / "tutorial", story)
    main = story / "story.yaml"
    text = main.read_text(encoding="utf-8")
    assert "trust: 35" in text
    main.write_text(text.replace("trust: 35", "trust: 41", 1), encoding="utf-8")
    r = confide("play", str(story), "--replay", str(recorded[0]))
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.startswith("confide: error: the start: Noor's trust is 41 on replay but "
                               "35 in the record (the story has been edited since")
    r = confide("play", str(MINI), "--replay", str(recorded[0]))
    assert r.returncode == 1 and "the record is of story 'tutorial'" in r.stderr


def test_replay_cannot_be_combined_with_choices() -> None:
    r = confide("play", "tutorial", "--replay", "x.json", "--choices", "1")
    assert r.returncode == 2 and "cannot be combined" in r.stderr


def test_export_each_format(recorded: tuple[Path, str], tmp_path: Path) -> None:
    path = recorded[0]
    md_out, csv_out, png_out = tmp_path / "t.md", tmp_path / "m.csv", tmp_path / "c.png"
    for fmt, out in (("md", md_out), ("csv", csv_out), ("png", png_out)):
        r = confide("export", str(path), "--format", fmt, "-o", str(out))
        assert r.returncode == 0, r.stderr
        assert r.stdout == f"wrote {out}\n"
    assert f"### Step {STEPS}: " in md_out.read_text(encoding="utf-8")
    with csv_out.open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == STEPS + 1  # the start, then every step
    assert pygame.image.load(str(png_out)).get_size() == (1280, 720)


def test_export_infers_the_format_and_writes_to_stdout(recorded: tuple[Path, str],
                                                       tmp_path: Path) -> None:
    path = recorded[0]
    out = tmp_path / "by-suffix.csv"
    assert confide("export", str(path), "-o", str(out)).returncode == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfstep,")
    r = confide("export", str(path), "--format", "md", "-o", "-")
    assert r.returncode == 0 and r.stdout.startswith("# A Thousand Pieces")
    r = confide("export", str(path), "--format", "png")  # default: beside the record
    assert r.returncode == 0 and path.with_suffix(".png").exists()
    r = confide("export", str(path))
    assert r.returncode == 2 and "--format md|csv|png" in r.stderr
    r = confide("export", str(path), "--format", "png", "-o", "-")
    assert r.returncode == 2 and "cannot go to standard output" in r.stderr


def test_csv_to_standard_output_is_the_same_table_as_the_file(recorded: tuple[Path, str],
                                                              tmp_path: Path) -> None:
    """The terminal's guard showed the csv module's CR as a literal "\\x0d", so every row of
    `export -o - > x.csv` ended in a broken cell ("0\\x0d")."""
    path = recorded[0]
    r = subprocess.run([sys.executable, "-m", "game", "export", str(path), "--format", "csv",
                        "-o", "-"], capture_output=True, timeout=60, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert b"\\x0d" not in r.stdout and b"\r" not in r.stdout.replace(b"\r\n", b"")
    piped = list(csv.reader(io.StringIO(r.stdout.decode("utf-8"), newline="")))
    out = tmp_path / "file.csv"
    assert confide("export", str(path), "-o", str(out)).returncode == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        assert piped == list(csv.reader(fh))
    assert len(piped) == STEPS + 2 and piped[-1][piped[0].index("closeness")].isdigit()


@pytest.mark.parametrize("target", ["folder", "under_a_file"])  # a device: as a folder
def test_a_record_that_could_not_be_written_is_refused_before_play(tmp_path: Path,
                                                                   target: str) -> None:
    """The record was only tried when the game ended: a whole playthrough (or a lesson's
    votes) was played and then lost to a typo in the name. Now nothing is played."""
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    path = {"folder": str(tmp_path), "under_a_file": str(tmp_path / "afile" / "rec.json")}[target]
    r = confide("play", "tutorial", "--text", "--record", path, stdin="1\n1\n")
    assert r.returncode == 1
    assert r.stdout == ""  # not a line of the story was shown
    assert r.stderr.startswith(f"confide: error: cannot write {path}: ")
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_classroom_refuses_a_bad_record_name_before_the_lesson(tmp_path: Path) -> None:
    r = confide("classroom", "tutorial", "--record", str(tmp_path), "--bind", "127.0.0.1",
                "--port", "0")
    assert r.returncode == 1
    assert "join:" not in r.stdout  # no server was started, no window opened
    assert r.stderr.strip() == (f"confide: error: cannot write {tmp_path}: it is a folder, "
                                "not a regular file, and Confide only replaces regular files; "
                                "choose another name")
