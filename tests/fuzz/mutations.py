"""Mutants of valid stories: the bundled stories and the test fixtures, broken at random.

A mutant is mostly valid, so it reaches the deep end of the loader (targets, expressions,
kinds of move) and, when it still loads, the runtime. Mutations work on the parsed data
(delete a key, change a type, swap or break ids, scramble an expression) and on the raw
text (insert characters, truncate, duplicate or drop lines).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from game.story.loader import bundled

from .strategies import IDS, KEYS, YAML_BITS, expressions, scalars, yaml_data

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_DIRS = (ROOT / "tests" / "fixtures", ROOT / "tests" / "analysis" / "fixtures")
EXPR_KEYS = frozenset({"effects", "on_enter"})  # lists of expressions
TARGET_KEYS = frozenset({"next", "to", "start", "rupture", "partner", "speaker"})
Files = dict[str, str]  # file name -> text
# libyaml's safe loader and dumper when present: the same safe subset, many times faster.
SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SAFE_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class Source:
    name: str
    files: tuple[tuple[str, str], ...]  # (file name, text); one file means a single-file story
    folder: bool

    @property
    def scene_ids(self) -> list[str]:
        """Every scene id of the story, across its files: targets for valid rewiring."""
        ids: list[str] = []
        for _, text in self.files:
            data = yaml.load(text, Loader=SAFE_LOADER)  # the safe loader: plain data only
            if isinstance(data, dict) and isinstance(data.get("scenes"), dict):
                ids.extend(map(str, data["scenes"]))
        return ids or ["start"]


def _sources() -> list[Source]:
    found = []
    for path in bundled():
        if path.is_dir():
            files = tuple((p.name, p.read_text(encoding="utf-8"))
                          for p in sorted(path.glob("*.y*ml")))
            found.append(Source(path.name, files, True))
        else:
            found.append(Source(path.stem, ((path.name, path.read_text("utf-8")),), False))
    for folder in FIXTURE_DIRS:
        for path in sorted(folder.glob("*.yaml")):
            found.append(Source(path.stem, ((path.name, path.read_text("utf-8")),), False))
    return found


SOURCES = _sources()
SCENES = {source.name: source.scene_ids for source in SOURCES}


def write(files: Files, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (target / name).write_text(text, encoding="utf-8", errors="surrogatepass")


# --- Data mutations ----------------------------------------------------------------------

Path_ = tuple[Any, ...]


def paths(node: Any, here: Path_ = ()) -> list[Path_]:
    """Every path to a node below the top, in document order."""
    out: list[Path_] = []
    items = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else ()
    for key, child in items:
        out.append((*here, key))
        out.extend(paths(child, (*here, key)))
    return out


def parent_of(data: Any, path: Path_) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


def _delete(data: Any, path: Path_, draw: st.DrawFn) -> None:
    del parent_of(data, path)[path[-1]]


def _retype(data: Any, path: Path_, draw: st.DrawFn) -> None:
    parent_of(data, path)[path[-1]] = draw(yaml_data())


def _break_target(data: Any, path: Path_, draw: st.DrawFn) -> None:
    parent_of(data, path)[path[-1]] = draw(st.one_of(st.sampled_from(IDS), KEYS, scalars))


def _retarget(data: Any, path: Path_, draw: st.DrawFn, scenes: list[str]) -> None:
    """Point a 'next', 'to' or 'start' at another scene that exists: a new, valid graph."""
    parent_of(data, path)[path[-1]] = draw(st.sampled_from(scenes))


def _nudge(data: Any, path: Path_, draw: st.DrawFn) -> None:
    """Give a number or a true/false a new value of its own type, usually still valid."""
    parent = parent_of(data, path)
    value = parent[path[-1]]
    if isinstance(value, bool):
        parent[path[-1]] = not value
    elif isinstance(value, (int, float)):
        parent[path[-1]] = draw(st.one_of(st.integers(0, 3), st.integers(0, 100)))


def _scramble_expr(data: Any, path: Path_, draw: st.DrawFn) -> None:
    parent_of(data, path)[path[-1]] = draw(expressions)


def _rename_key(data: Any, path: Path_, draw: st.DrawFn) -> None:
    parent = parent_of(data, path)
    if isinstance(parent, dict):
        value = parent.pop(path[-1])
        parent[draw(st.one_of(KEYS, st.sampled_from(sorted(map(str, parent)) or ["x"])))] = value


def _duplicate(data: Any, path: Path_, draw: st.DrawFn) -> None:
    parent = parent_of(data, path)
    value = copy.deepcopy(parent[path[-1]])
    if isinstance(parent, list):
        parent.insert(draw(st.integers(0, len(parent))), value)
    else:
        parent[draw(KEYS)] = value


def _swap(data: Any, path: Path_, draw: st.DrawFn) -> None:
    """Swap this node with another of the same parent (reorders lists, trades values)."""
    parent = parent_of(data, path)
    keys = list(parent) if isinstance(parent, dict) else list(range(len(parent)))
    other = draw(st.sampled_from(keys))
    parent[path[-1]], parent[other] = parent[other], parent[path[-1]]


DATA_MUTATIONS = [_delete, _retype, _break_target, _scramble_expr, _rename_key, _duplicate,
                  _swap, _nudge, _nudge]
GRAPH_KEYS = frozenset({"next", "to", "start"})


@st.composite
def mutate_data(draw: st.DrawFn, text: str, scenes: list[str]) -> str:
    data = yaml.load(text, Loader=SAFE_LOADER)  # the safe loader: plain data only
    for _ in range(draw(st.integers(1, 3))):
        every = paths(data)
        if not every:
            break
        # A third of the time rewire the graph validly, so the mutant still loads and the
        # runtime meets shapes no author wrote; else break something, often an expression.
        rewire = [p for p in every if p[-1] in GRAPH_KEYS]
        aimed = [p for p in every if p[-1] == "if" or (len(p) > 1 and p[-2] in EXPR_KEYS)]
        choice = draw(st.integers(0, 2))
        if rewire and choice == 0:
            _retarget(data, draw(st.sampled_from(rewire)), draw, scenes)
        elif aimed and choice == 1:
            _scramble_expr(data, draw(st.sampled_from(aimed)), draw)
        else:
            path = every[draw(st.integers(0, len(every) - 1))]
            mutation = draw(st.sampled_from(DATA_MUTATIONS))
            if isinstance(path[-1], str) and path[-1] in TARGET_KEYS and draw(st.booleans()):
                mutation = _break_target
            mutation(data, path, draw)
    return yaml.dump(data, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False,
                     width=10_000)


# --- Text mutations ----------------------------------------------------------------------


@st.composite
def mutate_text(draw: st.DrawFn, text: str) -> str:
    for _ in range(draw(st.integers(1, 3))):
        lines = text.splitlines(keepends=True) or [""]
        at = draw(st.integers(0, len(text)))
        row = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["insert", "truncate", "dup_line", "drop_line",
                                     "swap_lines", "indent", "replace"]))
        if kind == "insert":
            bit = draw(st.one_of(st.sampled_from(YAML_BITS), st.text(min_size=1, max_size=4)))
            text = text[:at] + bit + text[at:]
        elif kind == "truncate":
            text = text[:at]
        elif kind == "replace":
            text = text[:at] + draw(st.sampled_from(YAML_BITS)) + text[at + 1:]
        else:
            text = "".join(_line_edit(kind, lines, row, draw))
    return text


def _line_edit(kind: str, lines: list[str], row: int, draw: st.DrawFn) -> list[str]:
    if kind == "dup_line":
        return [*lines[:row + 1], lines[row], *lines[row + 1:]]
    if kind == "drop_line":
        return lines[:row] + lines[row + 1:]
    if kind == "swap_lines":
        other = draw(st.integers(0, len(lines) - 1))
        lines[row], lines[other] = lines[other], lines[row]
        return lines
    prefix = draw(st.sampled_from(["", " ", "  ", "\t", "- "]))
    return [*lines[:row], prefix + lines[row].lstrip(" "), *lines[row + 1:]]


# --- Whole mutants -----------------------------------------------------------------------


@st.composite
def folder_change(draw: st.DrawFn, files: Files) -> Files:
    """Story-folder trouble: a stray non-YAML file, a dropped file or a renamed one."""
    kind = draw(st.sampled_from(["stray", "drop", "rename"]))
    name = draw(st.sampled_from(sorted(files)))
    if kind == "stray":
        files[draw(st.sampled_from(["notes.txt", "README", "story.yaml.bak", "x.YML"]))] = \
            draw(st.text(max_size=40))
    elif kind == "drop" and len(files) > 1:
        del files[name]
    elif kind == "rename":
        files[draw(st.sampled_from(["moved.yml", "act9.yaml", "old.txt"]))] = files.pop(name)
    return files


@st.composite
def mutants(draw: st.DrawFn) -> tuple[str, Files, bool]:
    """(source name, files of the mutated story, whether it is a folder)."""
    source = draw(st.sampled_from(SOURCES))
    files = dict(source.files)
    name = draw(st.sampled_from(sorted(files)))
    how = draw(st.sampled_from(["data", "text", "both", "folder"] if source.folder
                               else ["data", "text", "both"]))
    if how in ("data", "both"):
        files[name] = draw(mutate_data(files[name], SCENES[source.name]))
    if how in ("text", "both"):
        files[name] = draw(mutate_text(files[name]))
    if how == "folder":
        files = draw(folder_change(files))
    return source.name, files, source.folder
