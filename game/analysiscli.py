"""CLI commands of the analysis subsystem, registered into `confide` by game/cli.py.

A front end over game.analysis: each entry maps a command name to (function adding its
arguments, function running it). The work lives in game/analysis; these functions parse, call
and print. Every import of the work is inside the function that needs it, so that
`confide --help` and the other commands do not pay for pydantic and the story schema.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from game.errors import UsageError

if TYPE_CHECKING:
    from game.story.compiled import CompiledStory

Setup = Callable[[argparse.ArgumentParser], None]
Run = Callable[[argparse.Namespace], int]


def _whole(minimum: int) -> Callable[[str], int]:
    """An argparse type: a whole number of at least `minimum`, with a plain message."""

    def parse(text: str) -> int:
        try:
            value = int(text)  # more than 4,300 digits is a ValueError too
        except ValueError:
            shown = text if len(text) <= 25 else text[:22] + "..."
            raise argparse.ArgumentTypeError(f"expected a whole number, got {shown!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value

    return parse


_positive = _whole(1)
_count = _whole(0)
AUTO_JOBS = 0
"""What `--jobs auto` parses to: one worker per usable core, worked out when running."""


def _jobs(text: str) -> int:
    """An argparse type: `auto` or a whole number of worker processes, at least 1."""
    if text.strip().lower() == "auto":
        return AUTO_JOBS
    try:
        return _positive(text)
    except argparse.ArgumentTypeError as exc:
        raise argparse.ArgumentTypeError(f"{exc} (or 'auto')") from None
# The archetypes' names, as `game.analysis.policies.POLICIES` lists them (a test keeps the
# two equal). Spelled out here because importing the policies loads the story schema and
# pydantic, which would cost every command, `confide --help` included, a third of a second.
POLICY_NAMES = ("random", "gradual", "oversharer", "guarded", "prober", "nonreciprocal",
                "factual", "neutral", "ignorer", "questioner", "turncoat")


def setup_simulate(p: argparse.ArgumentParser) -> None:
    p.add_argument("story", help="a bundled story id or a path to a story file or folder")
    p.add_argument("--policy", default="all", choices=(*POLICY_NAMES, "all"),
                   help="which player archetype plays (default: all)")
    p.add_argument("--runs", type=_positive, default=None,
                   help="runs per policy (1000; 100 per mutant with --mutants)")
    p.add_argument("--seed", type=int, default=0, help="run i uses seed + i (0)")
    p.add_argument("--jobs", type=_jobs, default=1, metavar="N|auto",
                   help="worker processes (1; 'auto' uses every usable core; never more "
                   "than the cores)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--replay-run", type=_count, metavar="I",
                   help="print the transcript of run I of --policy")
    p.add_argument("--conformance", action="store_true",
                   help="check the theory's predictions; exit 1 if any fails")
    p.add_argument("--mutants", action="store_true",
                   help="with --conformance: run the catalogue of broken models and show "
                   "which predictions kill each; exit 1 if any survives")
    p.add_argument("--no-hits", action="store_true", help="leave out the hit-count tables")
    p.add_argument("--closings", action="store_true",
                   help="list, per ending, every closing sentence the runs got (\"What cost "
                   "most: ...\") with a command that plays one; runs default to 100 a policy")


def run_simulate(args: argparse.Namespace) -> int:
    """play thousands of seeded runs by player archetypes and report the outcomes"""
    from game import progress  # lazy: start-up
    from game.analysis.policies import POLICIES  # lazy: start-up
    from game.story.loader import load  # lazy: start-up

    story = load(args.story)
    if args.jobs == AUTO_JOBS:
        from game.analysis.simulate import usable_cores  # lazy: start-up

        args.jobs = usable_cores()
    if args.mutants and not args.conformance:
        raise UsageError("--mutants needs --conformance")
    if args.closings and (args.conformance or args.replay_run is not None):
        raise UsageError("--closings cannot be combined with --conformance or --replay-run")
    if args.runs is None:
        args.runs = 100 if args.mutants or args.closings else 1000
    if args.replay_run is not None:
        if args.policy == "all":
            raise UsageError("--replay-run needs one --policy (for example --policy gradual)")
        return _replay_run(story, args.policy, args.seed, args.replay_run)
    if args.mutants:
        from game.analysis.mutants import report_mutants  # lazy: start-up

        return report_mutants(story, args.runs, args.seed, args.json, sys.stdout)
    if args.conformance:
        from game.analysis.conformance import run_conformance  # lazy: start-up

        with progress.bar("checking the predictions", None, "runs", progress.wanted(args.json)):
            return run_conformance(story, args.runs, args.seed, args.jobs, args.json,
                                   sys.stdout)
    from game.analysis.report import text_report  # lazy: start-up
    from game.analysis.simulate import timed  # lazy: start-up

    names = list(POLICIES) if args.policy == "all" else [args.policy]
    if args.closings:
        return _closings(story, names, args.runs, args.seed, args.json)
    with progress.bar("simulating", args.runs * len(names), "runs", progress.wanted(args.json)):
        data = timed(story, names, args.runs, args.seed, args.jobs)
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        print("\n".join(text_report(story, data, hits=not args.no_hits)))
    return 0


def _closings(story: CompiledStory, names: list[str], runs: int, seed: int,
              as_json: bool) -> int:
    """--closings: every ending's closing sentences, each with a run that shows it."""
    from game import progress  # lazy: start-up
    from game.analysis.closings import closings, to_json, write_text  # lazy: start-up

    with progress.bar("playing", None, "runs", progress.wanted(as_json)):
        found = closings(story, names, runs, seed)
    if as_json:
        print(json.dumps(to_json(story, found), indent=2, ensure_ascii=False))
    else:
        print(f"Closing sentences by ending: {', '.join(names)}, {runs} runs each "
              f"(seed {seed}).")
        write_text(story, found, sys.stdout)
    return 0


def _replay_run(story: CompiledStory, policy: str, seed: int, index: int) -> int:
    """--replay-run: the terminal game plays the simulated run's choices, meters shown."""
    from game.analysis.replay import replay  # lazy: start-up
    from game.textplay import TextGame  # lazy: start-up

    run = replay(story, policy, seed, index)
    sys.stdout.write(run.header)
    return TextGame(story, sys.stdout, seed=run.seed, show_meters=True).run(iter(()),
                                                                           run.positions)


def setup_graph(p: argparse.ArgumentParser) -> None:
    p.add_argument("story", help="a bundled story id or a path to a story file or folder")
    p.add_argument("--format", choices=("dot", "mermaid"), default="mermaid",
                   help="Graphviz DOT or Mermaid (default: mermaid)")
    p.add_argument("--coverage", action="store_true",
                   help="annotate hit counts from a simulation of every archetype")
    p.add_argument("--runs", type=_positive, default=200,
                   help="runs per policy for --coverage (200)")
    p.add_argument("--seed", type=int, default=0, help="seed for --coverage (0)")


def run_graph(args: argparse.Namespace) -> int:
    """print the story map as Graphviz DOT or Mermaid"""
    from game import progress  # lazy: start-up
    from game.analysis.graph import Coverage, to_dot, to_mermaid  # lazy: start-up
    from game.analysis.policies import POLICIES  # lazy: start-up
    from game.analysis.simulate import Tally, simulate  # lazy: start-up
    from game.story.loader import load  # lazy: start-up

    story = load(args.story)
    cov = None
    if args.coverage:
        total = Tally()
        with progress.bar("simulating", args.runs * len(POLICIES), "runs"):
            for tally in simulate(story, POLICIES, args.runs, args.seed).values():
                total.merge(tally)
        cov = Coverage(total.scenes, total.picks)
    render = to_dot if args.format == "dot" else to_mermaid
    sys.stdout.write(render(story, cov))
    return 0


def setup_explore(p: argparse.ArgumentParser) -> None:
    p.add_argument("story", help="a bundled story id or a path to a story file or folder")
    p.add_argument("--max-states", type=_positive, default=50_000,
                   help="stop after this many states (50000)")
    p.add_argument("--resolution", type=float, default=5.0,
                   help="merge states whose trust and defence agree within this (5)")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")


def run_explore(args: argparse.Namespace) -> int:
    """explore every reachable state: the deep lint with its UNTESTED summary"""
    from game import progress  # lazy: start-up
    from game.analysis.lint import deep_check  # lazy: start-up
    from game.story.loader import load  # lazy: start-up

    if not 0 < args.resolution <= 50:
        raise UsageError(f"--resolution must be above 0 and at most 50, got {args.resolution}")
    story = load(args.story)
    report = deep_check(story, args.max_states, args.resolution, progress.wanted(args.json))
    errors = sum(d.is_error for d in report.diagnostics)
    warns = len(report.diagnostics) - errors
    failed = errors > 0 or (args.strict and warns > 0)
    if args.json:
        e = report.exploration
        print(json.dumps({
            "ok": not failed, "errors": errors, "warnings": warns,
            "diagnostics": [d.to_json() for d in report.diagnostics],
            "untested": report.untested,
            "states": e.states, "seconds": round(e.seconds, 3),
            "states_per_second": round(e.rate), "complete": e.complete,
            "resolution": e.resolution, "playthroughs": report.witness.runs,
        }, indent=2))
        return 1 if failed else 0
    for d in report.diagnostics:
        print(d)
    print("\n".join(report.summary()))
    print(f"{errors} error{'s' * (errors != 1)}, {warns} warning{'s' * (warns != 1)}")
    return 1 if failed else 0


COMMANDS: dict[str, tuple[Setup, Run]] = {
    "simulate": (setup_simulate, run_simulate),
    "graph": (setup_graph, run_graph),
    "explore": (setup_explore, run_explore),
}
