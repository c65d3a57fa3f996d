"""The `confide` command line. Thin: it parses arguments and prints; the work is elsewhere."""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from game import __version__
from game.errors import ConfideError, StoryError, UsageError
from game.playcli import cmd_play, setup_play
from game.safetext import SafeStream

if TYPE_CHECKING:
    from game.facilitator.debrief import Debrief

Handler = Callable[[argparse.Namespace], int]


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


# The commands that live beside their subsystem: name -> (module with its COMMANDS, the line
# `confide --help` shows). A light table, so that listing the commands imports none of them
# and running one imports only its own module; tests/cli/test_startup.py keeps it equal to
# the modules' COMMANDS (names, order and each run function's docstring).
EXTRA_COMMANDS: dict[str, tuple[str, str]] = {
    "simulate": ("game.analysiscli", "play thousands of seeded runs by player archetypes and "
                 "report the outcomes"),
    "graph": ("game.analysiscli", "print the story map as Graphviz DOT or Mermaid"),
    "explore": ("game.analysiscli", "explore every reachable state: the deep lint with its "
                "UNTESTED summary"),
    "saves": ("game.persist.commands", "list the save slots (story, scene, date, play time) "
              "and mark damaged ones"),
    "new": ("game.authorcli", "start a new story folder that passes confide check --strict "
            "and plays at once"),
    "stats": ("game.authorcli", "scenes, words, endings, partners, topics and choices of any "
              "story"),
    "classroom": ("game.classroom.commands", "play a story in projector mode while the class "
                  "votes from phones"),
}
Setup = Callable[[argparse.ArgumentParser], None]


def build_parser(extra: bool = True, only: str | None = None) -> argparse.ArgumentParser:
    """The parser. With `extra`, every command with its arguments (every subsystem's module
    imported); without, every command named with its help line but none of their arguments
    (enough for `confide --help`); with `only`, just that one command with its arguments, so
    running it builds and imports nothing else."""
    p = Parser(prog="confide", description="Confide: stories about how closeness is built.")
    p.add_argument("--version", action="version", version=f"confide {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=Parser)
    for name, (setup, text) in _CORE_SETUP.items():
        if only in (None, name):
            command = sub.add_parser(name, help=text)
            if extra or only == name:
                setup(command)
    every = _extra_commands() if extra and only is None else {}
    named = {n: h for n, (_, h) in EXTRA_COMMANDS.items()} | {
        n: run.__doc__ or "" for n, (_, run) in every.items()}
    for name, text in named.items():
        if only in (None, name):
            command = sub.add_parser(name, help=text)
            if name in every or name == only:
                (every.get(name) or _extra_command(name))[0](command)
    for command in (p, *sub.choices.values()):
        command.add_argument("--no-cache", action="store_true", default=(
            False if command is p else argparse.SUPPRESS),
            help="neither read nor write the compiled-story cache (also: CONFIDE_NO_CACHE=1)")
    return p


def _setup_check(check: argparse.ArgumentParser) -> None:
    check.add_argument("stories", nargs="+")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--layout", action="store_true",
                       help="also lay out every scene, menu, reaction, glass box and ending "
                       "at every text size and mode, warning (W201-W204) about anything "
                       "cut off, overlapping or hiding the partner's face")
    check.add_argument("--shallow", action="store_true",
                       help="skip the deep lint (state-space exploration)")


def _setup_list(lst: argparse.ArgumentParser) -> None:
    lst.add_argument("--json", action="store_true")


def _setup_export(export: argparse.ArgumentParser) -> None:
    export.add_argument("record", type=Path, help="a record made with play --record")
    export.add_argument("--format", choices=("md", "csv", "png"),
                        help="default: from the output's suffix")
    export.add_argument("-o", "--output", metavar="OUT",
                        help="file to write ('-' for standard output; default: beside "
                        "the record)")


_CORE_SETUP: dict[str, tuple[Setup, str]] = {
    "play": (setup_play, "play a story (window, or --text in the terminal)"),
    "check": (_setup_check, "validate and lint stories; exit 1 on any error"),
    "list": (_setup_list, "list the bundled stories"),
    "schema": (lambda _: None, "print the JSON Schema of the story format"),
    "export": (_setup_export, "write a playthrough record as a Markdown transcript, a CSV of "
               "meters per step or a PNG chart"),
}


def _extra_commands() -> dict[str, tuple[Setup, Handler]]:
    """Commands that live beside their subsystem (analysis): name -> (add args, run).
    Each needs a line in EXTRA_COMMANDS too, or `confide --help` does not list it."""
    from game.analysiscli import COMMANDS as ANALYSIS  # lazy: start-up
    from game.authorcli import COMMANDS as AUTHORING  # lazy: start-up
    from game.classroom.commands import COMMANDS as CLASSROOM  # lazy: start-up
    from game.persist.commands import COMMANDS as SAVES  # lazy: start-up

    return {**ANALYSIS, **SAVES, **AUTHORING, **CLASSROOM}


def _extra_command(name: str) -> tuple[Setup, Handler]:
    """One subsystem command, importing only the module EXTRA_COMMANDS names for it."""
    commands: dict[str, tuple[Setup, Handler]] = importlib.import_module(
        EXTRA_COMMANDS[name][0]).COMMANDS
    return commands[name]


def cmd_check(args: argparse.Namespace) -> int:
    from game.checkcli import run_check  # lazy: start-up (the loader and the deep lint)

    return run_check(args)


def cmd_list(args: argparse.Namespace) -> int:
    from game.catalog import catalog  # lazy: start-up

    entries = catalog()
    if args.json:
        import json  # lazy: start-up (only the JSON outputs need it)

        print(json.dumps([e.to_json() for e in entries], indent=2))
        return 0
    for e in entries:
        ends = ", ".join(f"{v} {k}" for k, v in e.endings.items())
        status = f"  ({e.errors} errors)" if e.errors else ""
        print(f"{e.id:<16} {e.title}{status}")
        ages = f", ages {e.ages}" if e.ages else ""
        print(f"{'':<16} {e.scenes} scenes, {e.words:,} words, ~{e.minutes} min{ages}; "
              f"endings: {ends}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    import json  # lazy: start-up (only the JSON outputs need it)

    from game.story.editorschema import json_schema  # lazy: start-up

    print(json.dumps(json_schema(), indent=2))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from game.facilitator.commands import export_command  # lazy: start-up

    return export_command(args.record, args.format, args.output, sys.stdout,
                          chart=_render_chart)


def _render_chart(d: Debrief, path: Path, size: tuple[int, int]) -> Path:
    """The window's chart renderer, for `confide export --format png` (a front end's job)."""
    try:
        from game.ui.chart import render_chart  # lazy: pygame only when a PNG is asked for
    except ImportError as exc:
        raise ConfideError(f"PNG export needs pygame, which is not available: {exc}") from exc
    return render_chart(d, path, size)


COMMANDS: dict[str, Handler] = {
    "play": cmd_play, "check": cmd_check, "list": cmd_list, "schema": cmd_schema,
    "export": cmd_export,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Everything printed passes through `SafeStream`, so no text from a
    story, save, record or file name can send the terminal a control sequence."""
    raw_out, raw_err = sys.stdout, sys.stderr
    for stream in (raw_out, raw_err):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]
    sys.stdout = cast(TextIO, SafeStream(raw_out))
    sys.stderr = cast(TextIO, SafeStream(raw_err))
    collecting = gc.isenabled()
    try:
        code = _run(argv)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (`| head`): not an error
        _discard_stdout()
        code = 0
    except OSError as exc:  # standard output is full or gone (`> /dev/full`)
        _discard_stdout()
        with contextlib.suppress(OSError):
            print(f"confide: error: cannot write the output: {exc.strerror or exc}",
                  file=sys.stderr)
        code = 1
    finally:
        sys.stdout, sys.stderr = raw_out, raw_err
        if collecting:
            gc.enable()
    return code


def _discard_stdout() -> None:
    """Point standard output at the null device, so the interpreter's own final flush of
    what could not be written cannot fail with a traceback."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.__stdout__.fileno())  # type: ignore[union-attr]


@contextlib.contextmanager
def _cache_off(off: bool) -> Iterator[None]:
    """--no-cache: set for the command and for every process it starts (simulate --jobs)."""
    before = os.environ.get("CONFIDE_NO_CACHE")
    if off:
        os.environ["CONFIDE_NO_CACHE"] = "1"
    try:
        yield
    finally:
        if off and before is None:
            os.environ.pop("CONFIDE_NO_CACHE", None)
        elif off and before is not None:
            os.environ["CONFIDE_NO_CACHE"] = before


def _core_command(argv: Sequence[str]) -> bool:
    """Whether the command named (or implied: none means play) is one of COMMANDS."""
    words = [a for a in argv if not a.startswith("-")]
    return "--help" not in argv and "-h" not in argv and (not words or words[0] in COMMANDS)


def _parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The least parser that parses `argv` as the whole one would: only the command named
    (none means play), the light listing for `confide --help`, and the whole parser only
    for a word that names no known command (its error lists every command)."""
    words = [a for a in argv if not a.startswith("-")]
    if _core_command(argv):
        return build_parser(extra=False, only=words[0] if words else "play")
    first_help = min(i for i, a in enumerate([*argv, "-h"]) if a in ("-h", "--help"))
    if not words or first_help < argv.index(words[0]):
        return build_parser(extra=False)
    known = words[0] in COMMANDS or words[0] in EXTRA_COMMANDS
    return build_parser(extra=False, only=words[0]) if known else build_parser()


def _run(argv: Sequence[str] | None) -> int:
    parser = _parser_for(sys.argv[1:] if argv is None else argv)
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            args = parser.parse_args(["play", *(argv or [])])
        handler = COMMANDS.get(args.command) or (
            _extra_command(args.command) if args.command in EXTRA_COMMANDS
            else _extra_commands()[args.command])[1]
        with _cache_off(args.no_cache):
            return handler(args)
    except UsageError as exc:
        print(f"confide: {exc}", file=sys.stderr)
        return 2
    except StoryError as exc:
        for d in exc.diagnostics:
            print(d, file=sys.stderr)
        return 1
    except ConfideError as exc:
        print(f"confide: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
