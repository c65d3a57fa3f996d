"""List the mutants mutmut left alive as `file:line  before -> after`, for docs/testing.md.

Reads `mutmut results` (run `make mutate` first) and, for each survivor, compares its mutated
function in mutants/ with the unmutated one to find the changed line and its place in the real
source file. Prints one Markdown table row per survivor (the reason column is left for a
person to fill in), then the counts by file.

    .venv/bin/python tests/mutation/survivors.py [--status survived]
"""

from __future__ import annotations

import argparse
import ast
import difflib
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MUTANTS = ROOT / "mutants"


def results(status: str) -> list[str]:
    done = subprocess.run([str(Path(sys.executable).with_name("mutmut")), "results", "--all",
                           "true"], cwd=ROOT, capture_output=True, text=True, check=True)
    names = []
    for line in done.stdout.splitlines():
        name, _, state = line.strip().rpartition(": ")
        if state == status:
            names.append(name)
    return names


@cache
def functions(path: Path) -> dict[str, ast.FunctionDef]:
    """Every function and method in `path` by name (methods as `Class.name`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: dict[str, ast.FunctionDef] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            found[node.name] = node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    found[f"{node.name}.{item.name}"] = item
    return found


def source_of(path: Path, node: ast.FunctionDef) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[node.lineno - 1:node.end_lineno]


def locate(name: str) -> tuple[str, int, str, str]:
    """(file, line, line before, line after) of one mutant, from its name."""
    module, _, mangled = name.rpartition(".")
    rel = Path(*module.split(".")).with_suffix(".py")
    stem = mangled.rsplit("__mutmut_", 1)[0]
    if stem.startswith("xǁ"):
        cls, func = stem[2:].split("ǁ", 1)
        key, mutant_key = f"{cls}.{func}", f"{cls}.{mangled}"
        orig_key = f"{cls}.{stem}__mutmut_orig"
    else:
        func = stem[2:]
        key, mutant_key, orig_key = func, mangled, f"{stem}__mutmut_orig"
    real = functions(ROOT / rel)[key]
    original = source_of(MUTANTS / rel, functions(MUTANTS / rel)[orig_key])
    orig_name = orig_key.rpartition(".")[2]
    mutated = [line.replace(mangled + "(", orig_name + "(")
               for line in source_of(MUTANTS / rel, functions(MUTANTS / rel)[mutant_key])]
    before, after = "", ""
    offset = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=original, b=mutated).get_opcodes():
        if tag != "equal":
            offset = i1
            before = " / ".join(s.strip() for s in original[i1:i2])
            after = " / ".join(s.strip() for s in mutated[j1:j2])
            break
    return str(rel), real.lineno + offset, before, after


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--status", default="survived")
    args = parser.parse_args()
    names = results(args.status)
    per_file: Counter[str] = Counter()
    print("| where | mutation | why it lives |")
    print("|---|---|---|")
    rows = sorted((locate(name), name) for name in names)
    for (file, line, before, after), _name in rows:
        per_file[file] += 1
        print(f"| {file}:{line} | `{before}` -> `{after}` | |")
    print()
    for file, count in sorted(per_file.items()):
        print(f"- {file}: {count}")
    print(f"- total: {sum(per_file.values())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
