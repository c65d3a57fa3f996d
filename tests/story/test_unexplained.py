"""W016: a story's own effect on trust or defence with no `because:` for the glass box to give.
Checked as an author meets it (`confide check --strict`), then on variants of the fixture: a
reason silences it, a reason for one landing only leaves the others named, flags and a meter
read on the right-hand side are not changes, and a scene's `on_enter` needs its own reason."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from game.story.loader import check
from tests.variants import variant

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "story" / "fixtures" / "diag" / "W016.yaml"
EFFECT = 'effects: ["sam.trust %- 10"]'


def w016(path: Path) -> list[str]:
    story, diags = check(path)
    assert story is not None, [str(d) for d in diags]
    return [d.message for d in diags if d.code == "W016"]


def test_check_strict_names_the_choice_and_what_the_glass_box_would_say() -> None:
    out = subprocess.run([sys.executable, "-m", "game", "check", str(FIXTURE.relative_to(ROOT)),
                          "--strict", "--shallow"], capture_output=True, text=True,
                         timeout=120, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT), "CONFIDE_NO_CACHE": "1"})
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert out.stdout.splitlines()[0] == (
        "tests/story/fixtures/diag/W016.yaml:24:18: warning[W016]: choice 'laugh' changes "
        "Sam's trust in its effects with no reason: the glass box would say only \"the story "
        "sets this as part of what you chose\"; add a because: of one plain sentence that "
        "follows \"because\" and says why it mattered (section 13)")


def test_a_reason_silences_it(tmp_path: Path) -> None:
    path = variant(FIXTURE, tmp_path, (EFFECT, EFFECT + "\n        because: it made light of "
                                               "a hard week"))
    assert w016(path) == []


def test_flags_and_a_meter_read_on_the_right_are_not_changes(tmp_path: Path) -> None:
    path = variant(FIXTURE, tmp_path, (EFFECT, 'effects: ["flag.gap = sam.trust - 10"]'),
                   ("scenes:", "flags: {gap: 0}\nscenes:"))
    assert w016(path) == []


def test_a_reason_for_some_landings_names_the_others(tmp_path: Path) -> None:
    # A disclosure whose plain list of effects runs however it lands, with a reason only
    # for a judged landing: the warm and polite landings would be unexplained.
    tell = ('      - id: tell\n        kind: disclose\n        layer: 1\n        topic: home\n'
            '        text: Tell Sam about home\n        effects: ["sam.defence += 5"]\n'
            '        because: {judgemental: it came before Sam knew you}\n        next: bye\n')
    path = variant(FIXTURE, tmp_path, ("      - id: laugh", tell + "      - id: laugh"),
                   (EFFECT, EFFECT + "\n        because: it made light of a hard week"))
    [message] = w016(path)
    assert message.startswith("choice 'tell' changes Sam's defence in its effects with no "
                              "reason when it lands supportive or reciprocated or neutral")


def test_on_enter_needs_its_scenes_reason(tmp_path: Path) -> None:
    path = variant(FIXTURE, tmp_path,
                   (EFFECT, EFFECT + "\n        because: it made light of a hard week"),
                   ("  bye:\n", '  bye:\n    on_enter: ["sam.defence += 3"]\n'))
    assert w016(path) == ["scene 'bye' changes Sam's defence in on_enter with no reason: the "
                          "glass box would say only \"as the next scene began, … the "
                          "story sets this there\"; give the scene a because: of one "
                          "plain sentence that follows \"because\" (section 13)"]
    (tmp_path / "fixed").mkdir()
    fixed = variant(path, tmp_path / "fixed",
                    ('on_enter: ["sam.defence += 3"]\n',
                     'on_enter: ["sam.defence += 3"]\n    because: the goodbye was awkward\n'))
    assert w016(fixed) == []
