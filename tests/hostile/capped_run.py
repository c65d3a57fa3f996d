"""Run Confide commands in one process under a 2 GiB address-space cap (test_memory_cap.py).

    python tests/hostile/capped_run.py JOBS.json

JOBS.json is a list of {"argv": [...], "stdin": PATH or null}. Each command runs through
`game.cli.main`, as `confide` does; the exit codes are printed as one JSON line, and any
exception that escapes is printed as a traceback (which the test looks for).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import traceback
from pathlib import Path

CAP = 2 * 1024**3
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> int:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))
    os.environ.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    from game.cli import main as confide

    jobs = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    codes = []
    for job in jobs:
        stdin = sys.stdin
        if job.get("stdin"):
            sys.stdin = open(job["stdin"], encoding="utf-8")  # noqa: SIM115
        try:
            codes.append(confide(job["argv"]))
        except BaseException:
            traceback.print_exc()
            codes.append(None)
        finally:
            if sys.stdin is not stdin:
                sys.stdin.close()
                sys.stdin = stdin
    sys.stdout.flush()
    print("CODES " + json.dumps(codes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
