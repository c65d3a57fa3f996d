"""The command line as a user runs it: through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parents[1] / "fixtures"
DIAG = Path(__file__).parents[1] / "story" / "fixtures" / "diag"


def confide(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], input=stdin,
                          capture_output=True, text=True, timeout=60)


def test_check_clean_story_exits_0() -> None:
    r = confide("check", str(FIXTURES / "fragile.yaml"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.strip().endswith("0 errors, 0 warnings")
    assert "deep lint: explored" in r.stdout and "UNTESTED (3):" in r.stdout


def test_check_deep_lint_finds_an_unreachable_ending() -> None:
    r = confide("check", "--strict", str(FIXTURES / "mini.yaml"))
    assert r.returncode == 1
    assert f"{FIXTURES / 'mini.yaml'}:53:5: warning[W102]: ending 'close'" in r.stdout
    shallow = confide("check", "--strict", "--shallow", str(FIXTURES / "mini.yaml"))
    assert shallow.returncode == 0 and "deep lint" not in shallow.stdout


def test_check_broken_story_gives_located_errors_and_exit_1() -> None:
    r = confide("check", str(DIAG / "E016.yaml"), str(DIAG / "E013.yaml"))
    assert r.returncode == 1
    assert "Traceback" not in r.stdout + r.stderr
    lines = [ln for ln in r.stdout.splitlines() if "error[" in ln]
    assert any(ln.startswith(f"{DIAG / 'E013.yaml'}:19:15: error[E013]: ") for ln in lines)
    assert any(f"{DIAG / 'E016.yaml'}:22:18: error[E016]" in ln for ln in lines)
    assert "2 errors" in r.stdout


def test_check_json_format() -> None:
    r = confide("check", "--format", "json", "--shallow", str(DIAG / "W004.yaml"))
    data = json.loads(r.stdout)
    assert r.returncode == 0 and data["ok"] is True and data["warnings"] == 1
    diag = data["stories"][0]["diagnostics"][0]
    assert (diag["code"], diag["line"], diag["col"]) == ("W004", 11, 3)


def test_check_strict_fails_on_warnings() -> None:
    assert confide("check", "--strict", str(DIAG / "W004.yaml")).returncode == 1


def test_usage_errors_exit_2() -> None:
    assert confide("frobnicate").returncode == 2
    assert confide("check").returncode == 2
    r = confide("play", "no-such-story", "--text")
    assert r.returncode == 2 and "no story file or bundled story" in r.stderr
    assert "Traceback" not in r.stderr


def test_play_text_piped_reaches_ending() -> None:
    r = confide("play", str(FIXTURES / "mini.yaml"), "--text", stdin="1\n2\n1\n")
    assert r.returncode == 0, r.stderr
    assert "THE END: Polite" in r.stdout and "Outcome: acquaintance" in r.stdout
    assert "[share, layer 0: small talk]" in r.stdout


def test_play_same_seed_and_choices_is_byte_identical() -> None:
    args = ("play", str(FIXTURES / "fragile.yaml"), "--text", "--seed", "7",
            "--choices", "1,3,1", "--show-meters")
    a, b = confide(*args), confide(*args)
    assert a.returncode == 0 and a.stdout == b.stdout
    assert "defence" in a.stdout and "Outcome:" in a.stdout


def test_facilitator_in_the_terminal_shows_the_glass_box() -> None:
    # A teacher's --facilitator must not be silently ignored in the terminal: there it is
    # the meters and the explanation of every change, exactly as --show-meters prints them.
    base = ("play", str(FIXTURES / "fragile.yaml"), "--text", "--seed", "7", "--choices", "1,3,1")
    plain, facilitated, metered = confide(*base), confide(*base, "--facilitator"), \
        confide(*base, "--show-meters")
    assert facilitated.returncode == 0, facilitated.stderr
    assert facilitated.stdout == metered.stdout != plain.stdout
    assert "trust" in facilitated.stdout and "trust" not in plain.stdout


def test_play_end_of_input_stops_cleanly() -> None:
    r = confide("play", str(FIXTURES / "mini.yaml"), "--text", stdin="1\n")
    assert r.returncode == 0
    assert r.stdout.rstrip().endswith("(end of input: stopping here)")


def test_play_bad_input_reprompts_and_undo_works() -> None:
    r = confide("play", str(FIXTURES / "mini.yaml"), "--text", stdin="9\nx\n1\nu\n2\nq\n")
    assert r.returncode == 0
    assert "Type a choice number" in r.stdout and "(undone)" in r.stdout
    assert r.stdout.rstrip().endswith("Goodbye.")


def test_play_scripted_choice_out_of_range_is_usage_error() -> None:
    r = confide("play", str(FIXTURES / "mini.yaml"), "--text", "--choices", "7")
    assert r.returncode == 2 and "--choices: 7 is not a choice here" in r.stderr


def test_play_broken_story_exit_1_without_traceback() -> None:
    r = confide("play", str(DIAG / "E006.yaml"), "--text")
    assert r.returncode == 1
    assert "error[E006]" in r.stderr and "Traceback" not in r.stderr


def test_list_json_has_counts() -> None:
    r = confide("list", "--json")
    assert r.returncode == 0
    entries = json.loads(r.stdout)
    assert entries
    for e in entries:
        assert {"id", "title", "scenes", "words", "endings"} <= set(e)
        assert set(e["endings"]) == {"deepened", "acquaintance", "ruptured"}


def test_schema_is_json_schema() -> None:
    r = confide("schema")
    schema = json.loads(r.stdout)
    assert r.returncode == 0 and "scenes" in schema["properties"]
    assert schema["$schema"].startswith("https://json-schema.org/")


def test_meters_line_names_a_plain_choice_that_moved_on() -> None:
    # Walking off while Ana waits for an answer is a plain choice, yet the model counts it
    # (R-UNANSWERED): the meters line says so, and never ends in an empty "; ]".
    from game.runtime import Session
    from game.story.loader import load

    moves = Path(__file__).parents[1] / "runtime" / "fixtures" / "moves.yaml"
    session, picks = Session(load(moves), 0), []
    for cid in ("ana_turn", "a_walk"):
        picks.append(next(i for i, c in enumerate(session.available(), 1) if c.id == cid))
        session.choose(cid)
    r = confide("play", str(moves), "--text", "--show-meters",
                "--choices", ",".join(map(str, picks)))
    assert r.returncode == 0, r.stderr
    assert "; you moved on from what Ana had shared]" in r.stdout
    assert "; ]" not in r.stdout
