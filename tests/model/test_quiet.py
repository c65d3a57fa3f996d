"""The simulator's quiet moves (`explain=False`) give the explaining moves' numbers exactly.

One `Draft` serves both: the quiet one only skips recording deltas. These properties check
that every move, from any state and with any tuning, leaves the same state and the same
visible record (landing, layer, reply, rupture), so the simulator and the glass box never
disagree on what happened.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.model import RESPONSES, Explanation, Params, PartnerState, ask, disclose, respond

from .test_properties import TOPICS, layers, noises, params_strategy, states

SETTINGS = settings(max_examples=150, deadline=None)


def _same_move(loud: tuple[PartnerState, Explanation],
               quiet: tuple[PartnerState, Explanation]) -> None:
    (state, record), (quiet_state, quiet_record) = loud, quiet
    assert quiet_state == state
    assert quiet_record.deltas == ()
    assert quiet_record._replace(deltas=record.deltas) == record


@SETTINGS
@given(states, layers, st.booleans(), st.sampled_from(TOPICS), params_strategy, noises,
       st.booleans())
def test_quiet_disclosure_is_the_same_move(state: PartnerState, layer: int, emotional: bool,
                                           topic: str | None, params: Params, noise: float,
                                           unanswered: bool) -> None:
    args = {"layer": layer, "emotional": emotional, "topic": topic, "params": params,
            "noise": noise, "unanswered": unanswered}
    _same_move(disclose(state, **args), disclose(state, explain=False, **args))


@SETTINGS
@given(states, layers, st.sampled_from(TOPICS), params_strategy, st.booleans())
def test_quiet_question_is_the_same_move(state: PartnerState, layer: int, topic: str | None,
                                         params: Params, unanswered: bool) -> None:
    args = {"layer": layer, "topic": topic, "params": params, "unanswered": unanswered}
    _same_move(ask(state, **args), ask(state, explain=False, **args))


@SETTINGS
@given(states, st.sampled_from(RESPONSES), layers, params_strategy)
def test_quiet_answer_is_the_same_move(state: PartnerState, response: str, layer: int,
                                       params: Params) -> None:
    args = {"response": response, "layer": layer, "params": params}
    _same_move(respond(state, **args), respond(state, explain=False, **args))


def test_a_quiet_move_that_changes_things_still_records_none() -> None:
    state = PartnerState(50.0, 30.0)
    loud = disclose(state, layer=1, emotional=True, topic="work", params=Params(), noise=0.0)
    assert loud[1].deltas  # the explaining move records its changes...
    quiet = disclose(state, layer=1, emotional=True, topic="work", params=Params(), noise=0.0,
                     explain=False)
    assert quiet[0] == loud[0] and quiet[1].deltas == ()  # ...the quiet one only the result
