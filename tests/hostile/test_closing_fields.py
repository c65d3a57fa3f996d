"""Strangers' stories that misuse this format's newer fields: `effects:` by landing,
`recalled:` words, `kinds_on_cards` and the closing's names and placeholders in endings.
Each is one located line and exit 1 (or, for a placeholder repeated in a line, a warning
and a line that cannot grow past the places' words)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.runtime import Session
from game.story.loader import load
from tests.runtime.test_closing_lines import check_text

ROOT = Path(__file__).resolve().parents[2]
BASE = (ROOT / "tests" / "fixtures" / "closing.yaml").read_text(encoding="utf-8")
RECALLED = "recalled: saying brothers are like that, when she told you about hers"
REACTION = '        reaction: "Sam looks at the pond."\n'
BUS = '"On the bus home you keep hearing it: {cost}."'

CASES = {
    "recalled too long": (RECALLED, "recalled: " + "x" * 501,
                          "recalled: is too long: at most 500 characters"),
    "recalled a mapping": (RECALLED, "recalled: {a: b}", "recalled: should be text"),
    "kinds as a list": ("  bench:\n", "  bench:\n    kinds_on_cards: [hidden]\n",
                        "kinds_on_cards: should be one of: shown, hidden (got a list)"),
    "effects key a dunder": (REACTION, REACTION + '        effects: {__class__: []}\n',
                             "a respond move cannot land as '__class__'"),
    "effects value a mapping": (REACTION, REACTION + "        effects: {dismissive: {a: [1]}}\n",
                                "effects.dismissive: should be a list"),
    "closing name a dunder": ("        if: sam.hurt > 0", "        if: cost.__class__",
                              "names containing '__' are not allowed"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_refused_with_one_located_error(tmp_path: Path, case: str) -> None:
    old, new, message = CASES[case]
    assert BASE.count(old) == 1
    run = check_text(tmp_path, BASE.replace(old, new, 1))
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr, run.stderr
    errors = [ln for ln in run.stdout.splitlines() if "error[" in ln]
    # one error: a malformed choice's id is not then reported missing by its apology or by
    # the ending's `cost.shrug` (the scene could not be read)
    assert len(errors) == 1 and message in errors[0], run.stdout
    assert errors[0].startswith(f"{tmp_path / 'story.yaml'}:"), errors[0]


def test_a_repeated_placeholder_cannot_grow_a_line(tmp_path: Path) -> None:
    story = tmp_path / "story.yaml"
    story.write_text(BASE.replace(BUS, '"' + "{cost}" * 3000 + '"', 1), encoding="utf-8")
    run = check_text(tmp_path, story.read_text(encoding="utf-8"))
    assert run.returncode == 0 and "warning[W003]: '{cost}' appears more than once" \
        in run.stdout, run.stdout
    session = Session(load(story), 1)
    for n in (1, 2):
        session.choose(session.available()[n - 1].id)
    longest = max(len(ln.text) for ln in session.view().lines)
    assert longest <= 3000 * len("{cost}") + 500  # the first filled, the rest left as written
