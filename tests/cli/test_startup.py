"""Start-up pays only for what a command needs (issue 17): the parser and `--help` load
neither pydantic, the story schema, the analysis policies, tqdm, the web server nor pygame.
How long start-up takes is measured in `make bench` (benchmarks/startup.py), not here."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from game.analysis.policies import POLICIES
from game.analysiscli import POLICY_NAMES
from game.cli import COMMANDS, EXTRA_COMMANDS, _extra_commands, main

HEAVY = ("pydantic", "pygame", "yaml", "tqdm", "uvicorn", "starlette",
         "game.story.schema", "game.story.compiled", "game.analysis.policies")
# Runs `confide ARGS` in a fresh interpreter, then prints which modules it had loaded.
CHILD = """
import json, sys
from game.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print("\\nMODULES " + json.dumps(sorted(sys.modules)))
raise SystemExit(code)
"""


def loaded_by(*args: str) -> tuple[int, str, set[str]]:
    r = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True,
                       timeout=60)
    text, _, modules = r.stdout.rpartition("\nMODULES ")
    return r.returncode, text, set(json.loads(modules))


def test_help_loads_nothing_heavy() -> None:
    code, text, modules = loaded_by("--help")
    assert code == 0 and "simulate" in text and "classroom" in text, text
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))


def test_each_command_help_loads_nothing_heavy() -> None:
    for command in ("play", "simulate", "classroom", "saves", "check"):
        code, text, modules = loaded_by(command, "--help")
        assert code == 0 and "usage: confide " + command in text, text
        assert not modules & set(HEAVY), (command, sorted(modules & set(HEAVY)))


def test_a_bad_policy_is_refused_before_loading_the_schema() -> None:
    code, _, modules = loaded_by("simulate", "tutorial", "--policy", "nobody")
    assert code == 2
    assert "pydantic" not in modules


def test_the_policy_names_of_the_parser_are_the_policies() -> None:
    """The parser spells the names out so as not to import the policies; they must agree."""
    assert tuple(POLICIES) == POLICY_NAMES


COMMAND_MODULES = {"game.analysiscli", "game.authorcli", "game.persist.commands",
                   "game.classroom.commands"}


def test_the_light_table_names_every_subsystem_command_as_its_module_does() -> None:
    """`confide --help` lists the subsystems' commands from EXTRA_COMMANDS without importing
    them, so the table must say what the modules say: same names, order, help and home."""
    full = _extra_commands()
    assert list(EXTRA_COMMANDS) == list(full)
    for name, (module, text) in EXTRA_COMMANDS.items():
        assert (text, module) == (full[name][1].__doc__, full[name][1].__module__), name


def test_help_lists_the_commands_without_importing_any_of_their_modules() -> None:
    code, text, modules = loaded_by("--help")
    assert code == 0 and all(f"\n    {name} " in text for name in EXTRA_COMMANDS), text
    assert not modules & COMMAND_MODULES, sorted(modules & COMMAND_MODULES)


def test_a_command_imports_its_own_module_and_no_other_command_s() -> None:
    for command, own in (("simulate", "game.analysiscli"), ("saves", "game.persist.commands"),
                         ("stats", "game.authorcli")):
        code, text, modules = loaded_by(command, "--help")
        assert code == 0 and "usage: confide " + command in text, text
        assert modules & COMMAND_MODULES == {own}, (command, sorted(modules & COMMAND_MODULES))


def test_an_unknown_command_is_refused_with_every_command_named(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nosuch"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'nosuch'" in err
    assert all(f"'{name}'" in err for name in (*COMMANDS, *EXTRA_COMMANDS)), err
