"""A partner's model parameters from a story: the story's `model:` numbers, then the
partner's own `traits:` over them; a value the model refuses is reported where it is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from game.errors import ModelError
from game.model import Params
from game.story.plain import Story, TuningData
from game.story.yamlread import PathKey


def params_for(story: TuningData, traits: TuningData) -> Params:
    return replace(Params(), **(story.overrides() | traits.overrides()))


def partner_params(story: Story, pid: str,
                   error: Callable[[PathKey, str, str], None]) -> Params:
    """The model's parameters for a partner; a value the model refuses is located (E011)
    and the defaults are used, so the rest of the story is still checked."""
    try:
        return params_for(story.model, story.characters.partners[pid].traits)
    except ModelError as exc:
        error(tuning_loc(story, pid, exc.key), "E011", exc.message)
        return Params()


def tuning_loc(story: Story, pid: str, key: str | None) -> PathKey:
    """Where the refused value is written: the partner's traits, else the story's model."""
    traits = story.characters.partners[pid].traits
    for loc, tuning in ((("characters", "partners", pid, "traits"), traits),
                        (("model",), story.model)):
        if key is not None and getattr(tuning, key, None) is not None:
            return (*loc, key)
    return ("model",)
