"""The import rules import-linter cannot state (docs/architecture.md, "How the rules are
checked").

`lint-imports` (run by `make test`, configured in pyproject.toml) checks that layers point down,
that only the window imports pygame and that no two sibling packages or modules import each
other in a ring. These tests add: no import cycle between any modules of `game` (found here
module by module, with a planted cycle to prove the check can fail), the contract's layers
refuse planted wrong imports and cover every top-level module, each shared term has one home,
and no import inside a function unless it says why (`# lazy: ...`), since such imports are the
usual way to hide a cycle.
"""

from __future__ import annotations

import ast
import functools
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import grimp
import pytest

from game.resources import ASSETS, resolve_asset

ROOT = Path(__file__).resolve().parent.parent
GAME = ROOT / "game"

# Cycles other helpers are removing; the lead deletes each entry when their branch merges.
KNOWN_CYCLES: list[frozenset[str]] = []
# (h-ui merged: the window's screens open each other by name and form no cycle.)
KNOWN_CYCLE_PACKAGES: tuple[str, ...] = ()
# Function-level imports in files other helpers own; the lead deletes each entry at merge.
KNOWN_INNER_IMPORTS: set[tuple[str, str]] = set()
# (h-ui merged: every function-level import left in game/ui says why.)
KNOWN_INNER_IMPORT_FOLDERS: tuple[str, ...] = ()


def import_cycles(graph: grimp.ImportGraph, package: str) -> list[list[str]]:
    """Each group of modules of `package` that import each other in a ring, sorted, found
    with Tarjan's strongly connected components (iterative: no recursion limit)."""
    modules = sorted(m for m in graph.modules if m == package or m.startswith(package + "."))
    edges = {m: sorted(d for d in graph.find_modules_directly_imported_by(m) if d in modules)
             for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in modules:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = _pop_group(stack, on_stack, node)
                    if len(group) > 1 or node in edges[node]:
                        found.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(edges[child])))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return sorted(found)


def _pop_group(stack: list[str], on_stack: set[str], node: str) -> list[str]:
    group = []
    while True:
        member = stack.pop()
        on_stack.discard(member)
        group.append(member)
        if member == node:
            return group


def describe(graph: grimp.ImportGraph, group: list[str]) -> str:
    """One ring of the group, for the failure message: a -> b -> ... -> a."""
    first = group[0]
    back = min((graph.find_shortest_chain(d, first) or () for d in
                graph.find_modules_directly_imported_by(first) if d in group), key=len)
    return " -> ".join((first, *back))


def build(package: str) -> grimp.ImportGraph:
    # No cache: a cache file in the tree would go stale and is not needed for 200 modules.
    return grimp.build_graph(package, exclude_type_checking_imports=True, cache_dir=None)


def test_no_import_cycles_between_modules_of_game() -> None:
    graph = build("game")
    cycles = [g for g in import_cycles(graph, "game") if not known(g)]
    assert not cycles, "import cycles:\n" + "\n".join(
        f"{describe(graph, g)} (all {len(g)} in the ring: {', '.join(g)})" for g in cycles)


def known(group: list[str]) -> bool:
    return frozenset(group) in KNOWN_CYCLES or any(
        all(m.startswith(p) for m in group) for p in KNOWN_CYCLE_PACKAGES)


def test_the_cycle_finder_fails_on_a_planted_cycle(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = tmp_path / "planted"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from planted import b\n")
    (pkg / "b.py").write_text("def f() -> None:\n    from planted import c\n")
    (pkg / "c.py").write_text("import planted.a\n")
    (pkg / "d.py").write_text("from planted import a\n")  # imports into the ring, not in it
    (pkg / "e.py").write_text("import planted.e\n")  # a module importing itself
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = build("planted")
    assert import_cycles(graph, "planted") == [["planted.a", "planted.b", "planted.c"],
                                               ["planted.e"]]
    assert describe(graph, ["planted.a", "planted.b", "planted.c"]) == (
        "planted.a -> planted.b -> planted.c -> planted.a")
    (pkg / "c.py").write_text("import planted.d\n")  # the ring broken: a -> b -> c -> d -> a
    assert import_cycles(build("planted"), "planted")[0] == [
        "planted.a", "planted.b", "planted.c", "planted.d"]


def contract(kind: str) -> dict[str, Any]:
    """The import-linter contract of type `kind` in pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, Any]] = config["tool"]["importlinter"]["contracts"]
    [found] = [c for c in contracts if c["type"] == kind]
    return found


def top_level() -> set[str]:
    """Every module and package directly under game/."""
    names = {f"game.{p.stem}" for p in GAME.glob("*.py") if p.stem != "__init__"}
    names |= {f"game.{p.parent.name}" for p in GAME.glob("*/__init__.py")}
    return names


def layered(layers: Iterable[str]) -> tuple[set[str], set[str]]:
    """The modules a layers contract names ("a | b", "a : b"), and those it marks optional
    ("(a)": it may not exist yet, or any more)."""
    names = [n.strip() for layer in layers for n in layer.replace(":", "|").split("|")]
    return {n.strip("()") for n in names}, {n.strip("()") for n in names if n.startswith("(")}


# Terms issue 11 found defined twice; each must have one module-level definition in game/.
SHARED_TERMS = ("LAYER_NAMES", "resolve_asset", "SPECS", "Params", "Tuning", "Symbols",
                "export_record")
KNOWN_TWICE: set[str] = set()


@functools.cache
def parsed() -> tuple[tuple[Path, ast.Module], ...]:
    """Every module of game/, parsed once for all the tests that read it."""
    return tuple((p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(GAME.rglob("*.py")))


def definitions(name: str) -> list[str]:
    """The modules of game/ that define `name` at module level."""
    found = []
    for path, tree in parsed():
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                names = [node.name]
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = [t.id for t in targets if isinstance(t, ast.Name)]
            else:
                continue
            if name in names:
                found.append(path.relative_to(ROOT).as_posix())
    return found


@pytest.mark.parametrize("name", SHARED_TERMS)
def test_each_shared_term_has_one_home(name: str) -> None:
    homes = definitions(name)
    assert len(homes) == 1 or (name in KNOWN_TWICE and len(homes) == 2), homes


def test_the_one_asset_search_survives_a_name_the_file_system_refuses(tmp_path: Path) -> None:
    (tmp_path / "bg.png").write_bytes(b"")
    assert resolve_asset("bg.png", tmp_path) == tmp_path / "bg.png"
    assert resolve_asset("fonts/DejaVuSans.ttf", tmp_path) == ASSETS / "fonts" / "DejaVuSans.ttf"
    assert resolve_asset("x" * 5000 + ".png", tmp_path) is None  # ENAMETOOLONG, not a crash
    assert resolve_asset("missing.png", tmp_path) is None


def test_every_top_level_module_of_game_sits_in_a_layer() -> None:
    placed, optional = layered(contract("layers")["layers"])
    assert top_level() - placed == set(), "add it to a layer in pyproject.toml"
    assert placed - top_level() <= optional, "a layer names a module that is gone"
    # Everything but the window is held to "no pygame".
    pygame_rule = contract("protected")
    assert pygame_rule["protected_modules"] == ["pygame"]
    assert pygame_rule["allowed_importers"] == ["game.ui"]


def grimp_layers(graph: grimp.ImportGraph) -> list[grimp.Layer]:
    """The contract's layers as grimp reads them; an optional module that is absent is left
    out, as import-linter does."""
    out = []
    for layer in contract("layers")["layers"]:
        independent = ":" not in layer
        names = [n.strip().strip("()") for n in layer.replace(":", "|").split("|")]
        out.append(grimp.Layer(*(n for n in names if n in graph.modules),
                               independent=independent))
    return out


def test_the_layers_contract_catches_an_upward_or_sideways_import() -> None:
    graph = build("game")
    layers = grimp_layers(graph)
    ignored = contract("layers").get("ignore_imports", [])
    for importer, imported_module in (line.split(" -> ") for line in ignored):
        if graph.direct_import_exists(importer=importer, imported=imported_module):
            graph.remove_import(importer=importer, imported=imported_module)
    assert graph.find_illegal_dependencies_for_layers(layers) == set()
    planted = {  # an import that must not be -> the packages it joins, as reported
        ("game.model.rules", "game.runtime.session"): ("game.model", "game.runtime"),
        ("game.errors", "game.glossary"): ("game.errors", "game.glossary"),
        ("game.analysis.lint", "game.facilitator.debrief"): ("game.analysis", "game.facilitator"),
        ("game.story.loader", "game.textplay"): ("game.story", "game.textplay"),
    }
    for (importer, imported_module), packages in planted.items():
        graph.add_import(importer=importer, imported=imported_module)
        illegal = graph.find_illegal_dependencies_for_layers(layers)
        graph.remove_import(importer=importer, imported=imported_module)
        assert [(d.importer, d.imported) for d in illegal] == [packages], importer


def inner_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """Imports inside a function (at any depth), not at module level; each once."""
    seen: set[int] = set()
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(fn):
                if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in seen:
                    seen.add(id(node))
                    yield node


def imported(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if node.level:  # relative: from the package itself (which one does not matter here)
        return [f"game.{node.module or node.names[0].name}"]
    if node.module == "game":  # `from game import progress` imports game.progress
        return [f"game.{a.name}" for a in node.names]
    return [node.module or ""]


def unexplained_inner_imports(path: Path, rel: str) -> list[str]:
    """Function-level imports from game that carry no `# lazy: why` comment, either on the
    import itself or on a comment line heading the block of imports it belongs to."""
    lines = path.read_text(encoding="utf-8").splitlines()
    nodes = list(inner_imports(ast.parse("\n".join(lines))))
    spans = {i for n in nodes for i in range(n.lineno, (n.end_lineno or n.lineno) + 1)}
    found = []
    for node in sorted(nodes, key=lambda n: n.lineno):
        names = [n for n in imported(node) if n == "game" or n.startswith("game.")]
        if not names or explained(lines, spans, node) or (
                rel.startswith(KNOWN_INNER_IMPORT_FOLDERS)):
            continue
        found += [f"{rel}:{node.lineno}: {name}" for name in names
                  if (rel, name) not in KNOWN_INNER_IMPORTS]
    return found


def explained(lines: list[str], spans: set[int], node: ast.Import | ast.ImportFrom) -> bool:
    if any("# lazy:" in lines[i - 1] for i in range(node.lineno,
                                                    (node.end_lineno or node.lineno) + 1)):
        return True
    line = node.lineno - 1  # 1-based: the line above; go up through imports and comments
    while line >= 1 and (line in spans or lines[line - 1].lstrip().startswith("#")):
        if lines[line - 1].lstrip().startswith("# lazy:"):
            return True
        line -= 1
    return False


def test_no_function_level_import_from_game_without_a_reason() -> None:
    found = [hit for path in sorted(GAME.rglob("*.py"))
             for hit in unexplained_inner_imports(path, path.relative_to(ROOT).as_posix())]
    assert not found, ("import at module level (fix the layering if it makes a cycle), or say "
                       "`# lazy: why` on the line:\n" + "\n".join(found))


def test_the_inner_import_check_fails_on_an_unexplained_import(tmp_path: Path) -> None:
    src = tmp_path / "m.py"
    src.write_text("from game import errors\n\n"
                   "def f() -> None:\n"
                   "    from game.story import loader\n"
                   "    from game.model import (  # lazy: start-up\n"
                   "        Params)\n"
                   "    import json\n"
                   "    import game.runtime\n\n"
                   "    def g() -> None:\n"
                   "        from . import safetext\n\n"
                   "    # lazy: start-up, for the two below\n"
                   "    from game import glossary\n"
                   "    from game.story import (\n"
                   "        schema)\n"
                   "    from game.story import build\n\n"
                   "    # lazy: a block ends at a blank line\n\n"
                   "    from game import live\n"
                   "    x = 1\n"
                   "    from game import letters\n")
    assert unexplained_inner_imports(src, "m.py") == [
        "m.py:4: game.story", "m.py:8: game.runtime", "m.py:11: game.safetext",
        "m.py:21: game.live", "m.py:23: game.letters"]

