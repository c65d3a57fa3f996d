"""`effects:` written per landing: a story remembers how a move was taken, not how far a
meter moved. Played through the session, checked through `confide check` as an author does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.runtime import Session
from game.story.loader import load
from tests.variants import variant as edited

ROOT = Path(__file__).resolve().parents[2]
LANDED = ROOT / "tests" / "fixtures" / "landed.yaml"
TEXT = LANDED.read_text(encoding="utf-8")
GUARDED = "jo: {name: Jo, trust: 20, defence: 60}"
WARM = "jo: {name: Jo, trust: 55, defence: 25}"


def variant(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    return edited(LANDED, tmp_path, *edits)


def taken(path: Path, cid: str, seeds: range = range(40)) -> dict[str, set[tuple[str, ...]]]:
    """For each landing `cid` had over the seeds: the sets of flags that were true after it."""
    out: dict[str, set[tuple[str, ...]]] = {}
    story = load(path)
    for seed in seeds:
        s = Session(story, seed)
        landing = s.choose(cid).landing
        out.setdefault(landing, set()).add(tuple(k for k, v in s.state.flags.items() if v))
    return out


def test_each_landing_runs_its_own_effects_and_default_the_rest() -> None:
    # Guarded Jo takes the job news well or flatly (both "default"), and judges the secret.
    assert taken(LANDED, "job") == {"supportive": {("heard",)}, "neutral": {("heard",)}}
    assert taken(LANDED, "fear") == {"judgemental": {("judged",)}}


def test_a_reciprocated_landing_runs_its_own_effects_when_written(tmp_path: Path) -> None:
    assert taken(variant(tmp_path, (GUARDED, WARM)), "job") == \
        {"reciprocated": {("jo_shared",)}}


def test_a_reciprocated_landing_falls_back_to_supportive_then_default(tmp_path: Path) -> None:
    # As reactions do: a disclosure that was shared back was also received warmly.
    warm = (GUARDED, WARM)
    supportive = variant(tmp_path, warm, ('reciprocated: ["flag.jo_shared = true"]',
                                          'supportive: ["flag.jo_shared = true"]'))
    assert taken(supportive, "job") == {"reciprocated": {("jo_shared",)}}
    (tmp_path / "landed.yaml").unlink()
    neither = variant(tmp_path, warm, ('reciprocated: ["flag.jo_shared = true"]', ""))
    assert taken(neither, "job") == {"reciprocated": {("heard",)}}


def test_a_condition_reads_the_reaction_not_the_meters() -> None:
    s = Session(load(LANDED), 0)
    s.choose("fear")
    shown = [line.text for line in s.view().lines]
    assert "Jo keeps her eyes on the rain." in shown
    assert not any("stapler" in t for t in shown)


def test_a_meter_change_in_a_landing_effect_is_moved_through_the_model_and_explained(
        tmp_path: Path) -> None:
    # Jo on her guard judges even the job news; defence += 5 belongs to that landing only.
    story = load(variant(tmp_path, (GUARDED, "jo: {name: Jo, trust: 5, defence: 90}")))
    for seed in range(60):
        s = Session(story, seed)
        result = s.choose("job")
        if result.landing == "judgemental":
            break
    else:
        pytest.fail("no seed made the job news land judgemental")
    assert s.state.flags["judged"] and not s.state.flags["heard"]
    assert result.explanation is not None
    assert [d.meter for d in result.explanation.deltas if d.reason_key == "author.choice"] == \
        ["defence"]


def confide_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", "check", str(path)],
                          capture_output=True, text=True, timeout=120, cwd=path.parent,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "CONFIDE_NO_CACHE": "1"})


@pytest.mark.parametrize(("old", "new", "expected"), [
    # a landing a disclosure cannot have, with the nearest one offered
    ('judgemental: ["flag.judged = true", "jo.defence += 5"]',
     'judgmental: ["flag.judged = true", "jo.defence += 5"]',
     "error[E023]: a disclose move cannot land as 'judgmental' (did you mean 'judgemental'?)"),
    # a question's landings are welcome and intrusion
    ('intrusion: ["flag.pried = true"]', 'judgemental: ["flag.pried = true"]',
     "error[E023]: an ask move cannot land as 'judgemental'"),
])
def test_a_landing_the_move_cannot_have_is_one_located_line(tmp_path: Path, old: str, new: str,
                                                            expected: str) -> None:
    path = variant(tmp_path, (old, new))
    line = TEXT[: TEXT.index(old)].count("\n") + 1
    out = confide_check(path)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    first = out.stdout.splitlines()[0]
    assert first.startswith(f"{path}:{line}:") and expected in first, first


def test_a_plain_choice_is_told_to_write_its_effects_as_a_list(tmp_path: Path) -> None:
    plain = ("      - id: wave\n        text: Wave goodbye\n        effects:\n"
             "          supportive: [\"flag.heard = true\"]\n        next: end\n")
    path = variant(tmp_path, ("  step:\n", "  step:\n"),
                   ("      - id: nod\n", plain + "      - id: nod\n"))
    out = confide_check(path)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    errors = [ln for ln in out.stdout.splitlines() if "error[" in ln]
    assert len(errors) == 1, out.stdout
    assert "a plain move cannot land as 'supportive'" in errors[0]
    assert "it always lands the same way: write its effects as a list" in errors[0]


def test_effects_written_as_one_text_get_one_clear_line(tmp_path: Path) -> None:
    path = variant(tmp_path, ('        effects:\n          intrusion: ["flag.pried = true"]\n',
                              '        effects: "flag.pried = true"\n'))
    out = confide_check(path)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    errors = [ln for ln in out.stdout.splitlines() if "error[" in ln]
    assert len(errors) == 1, out.stdout
    assert "effects: should be a list" in errors[0] and "a mapping from how it lands" in \
        errors[0], errors[0]


def test_a_list_item_left_empty_is_named_not_the_other_form(tmp_path: Path) -> None:
    path = variant(tmp_path, ('intrusion: ["flag.pried = true"]', 'intrusion: [""]'))
    out = confide_check(path)
    errors = [ln for ln in out.stdout.splitlines() if "error[" in ln]
    assert out.returncode == 1 and len(errors) == 1, out.stdout
    assert "intrusion[0]: is empty: write an effect" in errors[0], errors[0]


def test_effects_for_a_landing_that_never_happens_are_warned_about() -> None:
    # A spoken answer always lands as its own response: 'nod' is supportive, so its
    # judgemental list can never run; the job news is never judged by guarded Jo.
    out = confide_check(LANDED)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    warned = [ln for ln in out.stdout.splitlines() if "warning[W111]" in ln]
    assert any(":70:" in ln and "choice 'nod' never lands judgemental in play, so its effects "
               "for judgemental never run" in ln for ln in warned), warned
    assert any("choice 'job' never lands judgemental in play, so its effects for judgemental "
               "never run" in ln for ln in warned), warned
    assert not any("'fear'" in ln for ln in warned), warned
