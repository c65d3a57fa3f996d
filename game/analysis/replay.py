"""One simulated run as a script a front end can play back, reproducible with
`confide play --text`."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from game.analysis.simulate import play
from game.story.compiled import CompiledStory


@dataclass(frozen=True, slots=True)
class ScriptedRun:
    """Run `index` of a policy: its seed, its choice numbers (1-based) and a header that says
    how to play the same game again."""

    seed: int
    positions: list[int]
    header: str


def replay(story: CompiledStory, name: str, seed: int, index: int) -> ScriptedRun:
    """Run `index` of policy `name` (seed + index), ready for the terminal game to show."""
    run_seed = seed + index
    run = play(story, name, run_seed)
    positions = [pick[2] for pick in run.picks]
    header = (f"# run {index} of policy '{name}' (seed {run_seed}): {run.outcome}"
              f"{' (' + run.ending + ')' if run.ending else ''}, {len(positions)} moves\n"
              f"# the same game: confide play {shlex.quote(story.source)} --text --seed {run_seed} "
              f"--show-meters --choices {','.join(map(str, positions))}\n")
    return ScriptedRun(run_seed, positions, header)
