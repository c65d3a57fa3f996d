"""Print the transcript of one simulated run, reproducible with `confide play --text`."""

from __future__ import annotations

from typing import TextIO

from game.analysis.simulate import play
from game.story.compiled import CompiledStory
from game.textplay import TextGame


def replay(story: CompiledStory, name: str, seed: int, index: int, out: TextIO) -> int:
    """Replay run `index` of policy `name` (seed + index) as a terminal transcript."""
    run_seed = seed + index
    run = play(story, name, run_seed)
    positions = [pick[2] for pick in run.picks]
    out.write(f"# run {index} of policy '{name}' (seed {run_seed}): {run.outcome}"
              f"{' (' + run.ending + ')' if run.ending else ''}, {len(positions)} moves\n")
    out.write(f"# the same game: confide play {story.source} --text --seed {run_seed} "
              f"--show-meters --choices {','.join(map(str, positions))}\n")
    game = TextGame(story, out, seed=run_seed, show_meters=True)
    return game.run(iter(()), positions)
