"""`confide check`: the command that validates and deep-lints stories, and prints or
returns the result as text or JSON. Imported only when the command runs (see game/cli.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from game.errors import UsageError

if TYPE_CHECKING:
    from game.story.compiled import CompiledStory
    from game.story.diagnostics import Diagnostic


def run_check(args: argparse.Namespace) -> int:
    """`confide check STORY...`: validate and deep-lint stories; exit 1 on any error (or on
    any warning with --strict)."""
    from game.story.diagnostics import Diagnostic, sort_key  # lazy: start-up
    from game.story.loader import check, resolve  # lazy: start-up

    all_diags: list[Diagnostic] = []
    results = []
    for arg in args.stories:
        try:
            path = resolve(arg)
        except UsageError as exc:
            diag = Diagnostic(arg, 1, 1, "error", "E001", str(exc))
            all_diags.append(diag)
            results.append({"story": arg, "ok": False, "diagnostics": [diag.to_json()],
                            "untested": []})
            if args.format == "text":
                _print_check(Path(arg), [diag], [])
            continue
        story, diags = check(path)
        summary: list[str] = []
        if story is not None and not args.shallow:
            from game.analysis.lint import deep_check  # lazy: start-up
            from game.progress import wanted  # lazy: start-up

            report = deep_check(story, 30_000, progress=wanted(args.format == "json"))
            diags = sorted(diags + report.diagnostics, key=sort_key)
            summary = report.summary()
        if story is not None and getattr(args, "layout", False):
            diags = sorted(diags + _layout_diagnostics(story), key=sort_key)
        all_diags += diags
        results.append({"story": str(path), "ok": story is not None,
                        "diagnostics": [d.to_json() for d in diags], "untested": summary})
        if args.format == "text":
            _print_check(path, diags, summary)
    return _check_total(args, all_diags, results)


def _layout_diagnostics(story: CompiledStory) -> list[Diagnostic]:
    try:
        from game.ui.layoutcheck import check_layout  # lazy: start-up
    except ImportError as exc:  # pygame missing: the check cannot lay anything out
        raise UsageError(f"--layout needs the window's libraries: {exc}") from exc
    return check_layout(story)


def _print_check(path: Path, diags: list[Diagnostic], summary: list[str]) -> None:
    for d in diags:
        print(d)
    if summary:
        print(f"{path}: deep lint: " + "\n  ".join(summary))


def _check_total(args: argparse.Namespace, all_diags: list[Diagnostic],
                 results: list[dict[str, object]]) -> int:
    errors = sum(d.is_error for d in all_diags)
    warns = len(all_diags) - errors
    failed = errors > 0 or (args.strict and warns > 0)
    if args.format == "json":
        import json  # lazy: start-up (only the JSON outputs need it)

        print(json.dumps({"ok": not failed, "errors": errors, "warnings": warns,
                          "stories": results}, indent=2))
    else:
        n = len(args.stories)
        print(f"checked {n} stor{'y' if n == 1 else 'ies'}: "
              f"{errors} error{'s' * (errors != 1)}, {warns} warning{'s' * (warns != 1)}")
    return 1 if failed else 0
