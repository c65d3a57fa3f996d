"""Apply, one at a time, the mutations a review found the suite let through, and show each one
now turns the suite red (`make mutate` runs this after mutmut; docs/testing.md lists them).

Each mutation is made in a copy of the project in a temporary folder, never in the working
tree, and judged by the same fast tests mutmut uses (most of tests/model and tests/runtime). The
script exits 1 if the unmutated copy fails or if any mutant survives, or if a mutation's text
is no longer in the code (the code moved on: update the table, do not drop the check).

    .venv/bin/python tests/mutation/hand_mutants.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[2]
COPIED = ("game", "tests", "stories", "docs", "assets", "pyproject.toml")
# The same fast tests mutmut judges by ([tool.mutmut] in pyproject.toml).
TESTS = ("tests/model", "tests/runtime", "--ignore=tests/runtime/test_tutorial.py",
         "--ignore=tests/model/test_properties.py")


class Mutation(NamedTuple):
    name: str
    path: str
    before: str
    after: str


MUTATIONS = (
    Mutation("rupture at trust: <= becomes <", "game/model/draft.py",
             "if self.trust <= params.rupture_trust:", "if self.trust < params.rupture_trust:"),
    Mutation("rupture at defence: >= becomes >", "game/model/draft.py",
             "elif self.defence >= params.rupture_defence:",
             "elif self.defence > params.rupture_defence:"),
    Mutation("reciprocity after a disclosure: >= becomes >", "game/model/rules.py",
             "if draft.trust >= need:", "if draft.trust > need:"),
    Mutation("reciprocity after a question: >= becomes >", "game/model/rules.py",
             "draft.trust >= params.reciprocity[0]:", "draft.trust > params.reciprocity[0]:"),
    Mutation("reciprocity after a follow-up: >= becomes >", "game/model/rules.py",
             "reply >= 1 and draft.trust >= params.reciprocity[reply - 1]:",
             "reply >= 1 and draft.trust > params.reciprocity[reply - 1]:"),
    Mutation("probe threshold: < becomes <=", "game/model/rules.py",
             "if state.trust < params.reciprocity[layer - 1]:",
             "if state.trust <= params.reciprocity[layer - 1]:"),
    Mutation("restore: the replayed state is no longer compared with the saved one",
             "game/persist/snapshot.py",
             "if done.session.state.to_json() != saved:", "if False:"),
)


def copy_project(into: Path) -> None:
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, into / name,
                            ignore=shutil.ignore_patterns("__pycache__", "_artifacts"))
        else:
            shutil.copy2(source, into / name)


def suite_passes(project: Path) -> bool:
    """Run the fast tests in `project`; its own `game` comes first on the path."""
    env = {**os.environ, "PYTHONPATH": str(project), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
         "-p", "no:randomly", "--hypothesis-seed=0", *TESTS],
        cwd=project, env=env, capture_output=True, text=True, check=False)
    return done.returncode == 0


def uses_copy(project: Path) -> bool:
    """True when the tests in `project` import its own copy of `game`, not the installed one."""
    env = {**os.environ, "PYTHONPATH": str(project)}
    done = subprocess.run([sys.executable, "-c", "import game; print(game.__file__)"],
                          cwd=project, env=env, capture_output=True, text=True, check=False)
    return Path(done.stdout.strip()).resolve().is_relative_to(project.resolve())


def main() -> int:
    failures = 0
    with tempfile.TemporaryDirectory(prefix="confide-hand-mutants-") as tmp:
        base = Path(tmp) / "base"
        copy_project(base)
        if not uses_copy(base):
            print("the copy does not import its own game package; cannot judge mutants")
            return 1
        if not suite_passes(base):
            print("the unmutated suite fails: fix it before judging mutants")
            return 1
        for number, mutation in enumerate(MUTATIONS, 1):
            project = Path(tmp) / f"m{number}"
            copy_project(project)
            target = project / mutation.path
            text = target.read_text(encoding="utf-8")
            if text.count(mutation.before) != 1:
                print(f"MISSING  {mutation.name}: {mutation.before!r} is not once in "
                      f"{mutation.path}")
                failures += 1
                continue
            target.write_text(text.replace(mutation.before, mutation.after), encoding="utf-8")
            started = time.monotonic()
            killed = not suite_passes(project)
            seconds = time.monotonic() - started
            print(f"{'KILLED ' if killed else 'SURVIVED'} {mutation.name} ({mutation.path}, "
                  f"{seconds:.1f} s)")
            failures += not killed
            shutil.rmtree(project)
    print(f"{len(MUTATIONS) - failures} of {len(MUTATIONS)} hand-applied mutants killed")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
