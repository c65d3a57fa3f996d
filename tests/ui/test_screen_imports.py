"""The screens are opened by name through the App (issue 11): no screen module imports
another, and nothing in the window dodges an import cycle with an import inside a function.

A deliberate lazy import (kept out of start-up) says so with a `# lazy:` comment on its line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from game.ui.registry import SCREENS, screen_class
from game.ui.screen import Screen

from .conftest import ROOT

UI = ROOT / "game" / "ui"
SCREEN_DIR = UI / "screens"


def _inside(tree: ast.AST, kinds: tuple[type, ...], test: str = "") -> set[int]:
    """The ids of the nodes inside a node of `kinds` (an `if` only when its test is `test`)."""
    return {id(sub) for node in ast.walk(tree) if isinstance(node, kinds)
            and (not test or (isinstance(node, ast.If) and ast.unparse(node.test) == test))
            for sub in ast.walk(node)}


def _imports(path: Path) -> list[tuple[ast.Import | ast.ImportFrom, bool, bool]]:
    """Every import in `path`, each with whether it sits inside a function and whether it is
    for type checking only."""
    tree = ast.parse(path.read_text("utf-8"))
    nested = _inside(tree, (ast.FunctionDef, ast.AsyncFunctionDef))
    typing_only = _inside(tree, (ast.If,), "TYPE_CHECKING")
    return [(node, id(node) in nested, id(node) in typing_only) for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)]


def _modules(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    base = node.module or ""
    return [base, *(f"{base}.{a.name}" for a in node.names)]


def _screen_modules() -> set[str]:
    """The modules that define a screen: the registry's, under game/ui/screens."""
    return {target.partition(":")[0] for target in SCREENS.values()
            if target.startswith("game.ui.screens.")}


def test_every_registered_screen_is_a_screen_named_as_registered() -> None:
    for name in SCREENS:
        cls = screen_class(name)
        assert isinstance(cls, type) and issubclass(cls, Screen), name
        assert cls.name == name or name == "classroom", (name, cls.name)


def test_no_screen_module_imports_another() -> None:
    """Not even for types. A screen's own parts (scene_draw, scene_layout...) name their
    screen for type checking only, and never import a screen at run time."""
    screens = _screen_modules()
    assert len(screens) >= 12  # the registry lists them: this test cannot pass on none
    offences = []
    for path in sorted(SCREEN_DIR.glob("*.py")):
        module = f"game.ui.screens.{path.stem}"
        for node, _, typing_only in _imports(path):
            hit = (screens - {module}) & set(_modules(node))
            if hit and (module in screens or not typing_only):
                offences.append(f"{path.name}:{node.lineno} imports {sorted(hit)}")
    assert offences == []


def test_no_import_inside_a_function_without_a_lazy_reason() -> None:
    offences = []
    for path in sorted(UI.rglob("*.py")):
        lines = path.read_text("utf-8").splitlines()
        for node, inside, _ in _imports(path):
            if inside and "# lazy:" not in lines[node.lineno - 1]:
                offences.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offences == []


def test_an_unknown_screen_name_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        screen_class("no-such-screen")
