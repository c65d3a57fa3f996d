"""`confide simulate --conformance`: each prediction can pass, and each can fail."""

from __future__ import annotations

import io
import json
from collections import Counter

from game.analysis import invariants as inv
from game.analysis.conformance import (
    invariant_check,
    model_checks,
    outcome_checks,
    run_conformance,
    trust_check,
)
from game.analysis.simulate import Tally
from game.model import Explanation, Params, PartnerState, disclose
from game.runtime import Session
from game.story.loader import load

from .helpers import ARC, MINI, confide


def tally(runs: int = 100, trust: float = 50.0, **outcomes: int) -> Tally:
    t = Tally(runs=runs)
    t.outcomes.update(outcomes)
    t.meters["ada.trust"] = round(trust * 100 * runs)
    return t


def test_arc_conforms_through_the_cli() -> None:
    done = confide("simulate", str(ARC), "--conformance", "--runs", "100")  # as many as --json
    assert done.returncode == 0, done.stdout
    assert "23 of 24 predictions pass, 1 not applicable" in done.stdout
    for n in range(1, 10):
        assert f"\n{n}. PASS" in done.stdout
    as_json = confide("simulate", str(ARC), "--conformance", "--runs", "100", "--json")
    data = json.loads(as_json.stdout)
    assert data["passed"] is True and len(data["predictions"]) == 24
    assert data["outcomes"]["gradual"]["deepened"] == 1.0


def test_a_story_that_teaches_nothing_fails() -> None:
    done = confide("simulate", str(MINI), "--conformance", "--runs", "50")
    assert done.returncode == 1
    assert "1. FAIL" in done.stdout and "does not conform" in done.stdout
    assert "6. N/A" in done.stdout  # mini never offers a factual alternative


def test_outcome_predictions_fail_on_bad_shares() -> None:
    good = {"gradual": tally(deepened=80, acquaintance=20),
            "oversharer": tally(deepened=10, ruptured=60, acquaintance=30),
            "guarded": tally(acquaintance=100),
            "nonreciprocal": tally(deepened=20, acquaintance=80)}
    assert [c.status for c in outcome_checks(good)] == ["PASS"] * 4
    bad = {"gradual": tally(deepened=50, ruptured=10, acquaintance=40),
           "oversharer": tally(deepened=20, ruptured=30, acquaintance=50),
           "guarded": tally(deepened=1, acquaintance=99),
           "nonreciprocal": tally(deepened=40, acquaintance=60)}
    assert [c.status for c in outcome_checks(bad)] == ["FAIL"] * 4


def test_trust_prediction_fails_when_facts_win() -> None:
    story = load(ARC)
    gradual, factual = tally(trust=60.0), tally(trust=70.0)
    gradual.picks["a/x"], factual.picks["a/y"] = 1, 1
    check = trust_check(story, {"gradual": gradual, "factual": factual})
    assert check.status == "FAIL" and "gradual 60.00 > factual 70.00" in check.measured[0]


def skip_pleases(state: PartnerState, *, layer: int, emotional: bool, topic: str | None,
                 params: Params, noise: float) -> tuple[PartnerState, Explanation]:
    """A broken model: skipping layers makes a disclosure land better, not worse."""
    skip = max(0, layer - state.reached - 1)
    return disclose(state, layer=layer, emotional=emotional, topic=topic, params=params,
                    noise=noise + 80.0 * skip)


def always_welcome(state: PartnerState, *, layer: int, emotional: bool, topic: str | None,
                   params: Params, noise: float) -> tuple[PartnerState, Explanation]:
    """A broken model: everything lands well, so timing teaches nothing."""
    return disclose(state, layer=layer, emotional=emotional, topic=topic, params=params,
                    noise=500.0)


def test_model_predictions_pass_with_the_real_model_and_fail_with_broken_ones() -> None:
    story = load(ARC)
    assert [c.status for c in model_checks(story)] == ["PASS", "PASS"]
    five, _ = model_checks(story, skip_pleases)
    assert five.status == "FAIL" and five.values["ada_violations"] > 0
    _, eight = model_checks(story, always_welcome)
    assert eight.status == "FAIL" and eight.values["ada_first"] == 1.0


def test_conformance_exit_code_follows_the_model() -> None:
    out = io.StringIO()
    assert run_conformance(load(ARC), 30, 0, 1, False, out, skip_pleases) == 1
    assert "5. FAIL" in out.getvalue()


def test_invariants_count_each_broken_rule() -> None:
    story = load(ARC)
    session = Session(story, 0)
    session.choose("continue")
    session.choose("yes")
    before = session.state
    result = session.choose("share_light")
    after = session.state
    counts: Counter[str] = Counter()
    choice = story.scenes["beat_1"].choice("share_light")
    assert choice is not None
    inv.check_step(story, counts, before, choice, result, after)
    assert counts[inv.STEPS] == 1 and invariant_check({"random": Tally(checks=counts)}).status \
        == "PASS"

    deeper = after.partners["ada"]._replace(reached=3, trust=120.0)
    broken = after._replace(partners={"ada": deeper})
    inv.check_step(story, counts, before, choice, result._replace(landing="judgemental"), broken)
    assert counts[inv.JUDGED_DEEPER] == 1 and counts[inv.METERS] == 1
    assert invariant_check({"random": Tally(checks=counts)}).status == "FAIL"
