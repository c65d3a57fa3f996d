"""Asset paths a story names (backgrounds, portraits): where each is named and whether it is
safe and present. Apart from the whole-story warnings (semantic.py) because a cache hit
works these out afresh (they depend on files beyond the story's text) and needs nothing
else of a full check."""

from __future__ import annotations

from pathlib import Path

from game.resources import ASSETS, resolve_asset
from game.story.compiled import CompiledStory
from game.story.diagnostics import Diagnostic
from game.story.yamlread import Located


def asset_uses(story: CompiledStory) -> list[tuple[str, tuple[str | int, ...]]]:
    """Each asset path the story names, with where it is named."""
    uses: list[tuple[str, tuple[str | int, ...]]] = [
        (scene.background, ("scenes", sid, "background"))
        for sid, scene in story.meta.scenes.items() if scene.background]
    for pid, partner in story.meta.characters.partners.items():
        uses += [(rel, ("characters", "partners", pid, "portraits", mood))
                 for mood, rel in partner.portraits.items()]
    return uses


def asset_diagnostics(story: CompiledStory, located: Located) -> list[Diagnostic]:
    uses = asset_uses(story)
    verdicts: dict[str, tuple[str, str] | None] = {}  # big stories reuse a few images
    out = []
    for rel, loc in uses:
        if rel not in verdicts:
            verdicts[rel] = asset_problem(rel, story.root)
        problem = verdicts[rel]
        if problem is not None:
            out.append(located.mark_for(loc).diag(*problem))
    return out


def asset_problem(rel: str, root: Path) -> tuple[str, str] | None:
    """(code, message) when an asset path is unsafe or missing, else None."""
    path = Path(rel)
    if path.is_absolute() or rel.startswith(("/", "\\")) or ":" in rel[:3]:
        return "E019", (f"asset path '{rel}' is absolute; use a path inside the story "
                        "folder or assets/")
    if ".." in path.parts or "\\" in rel:
        return "E019", (f"asset path '{rel}' uses '..' or backslashes; it must stay inside "
                        "the story folder or assets/")
    found = resolve_asset(rel, root)
    if found is None:
        return "W002", f"asset '{rel}' not found in the story folder or assets/"
    real = found.resolve()
    if not any(real.is_relative_to(base.resolve()) for base in (root, ASSETS)):
        return "E019", (f"asset '{rel}' is a link that points outside the story folder "
                        "and assets/")
    return None
