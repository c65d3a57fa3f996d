"""The scene graph `confide check` reads, conditions ignored: where each scene, and each
choice taken in it, can lead. One walk serves the unreachable-scene warning (W001, from the
start: semantic.reachable) and the apology-order warning (W015, from a choice just taken)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from game.story.compiled import CChoice, CompiledStory, CScene


def successors(scene: CScene) -> Iterator[str]:
    """Every scene play can go on to from `scene`, by any choice or branch."""
    for c in scene.choices:
        yield from c.next.values()
    for _, to in scene.branches:
        yield to
    if scene.next:
        yield scene.next


def onward(scene: CScene, choice: CChoice) -> Iterator[str]:
    """Every scene taking `choice` in `scene` can lead to: its own `next` for each landing,
    and the scene's branches and `next` when it has no `next` for every landing."""
    yield from choice.next.values()
    if "default" not in choice.next:
        yield from (to for _, to in scene.branches)
        if scene.next:
            yield scene.next


def walk(story: CompiledStory, starts: Iterable[str]) -> Iterator[str]:
    """The scenes `starts`, then each scene some way from them leads to, each once, as the
    walk finds it (so a caller looking for one scene can stop there). Conditions are
    ignored: every branch counts as possible. An ending leads nowhere."""
    todo = list(dict.fromkeys(starts))
    seen = set(todo)
    yield from todo
    while todo:
        scene = story.scenes.get(todo.pop())
        if scene is None or scene.ending is not None:
            continue
        for nxt in successors(scene):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
                yield nxt
