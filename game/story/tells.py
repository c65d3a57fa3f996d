"""Surface tells: an answer a class can spot by its punctuation, quoting or length.

W120 looks at order and average length. A class learns subtler habits too: if the kind answer
is the only label in a menu without a full stop, or the flat answer is always the quoted line,
or the kind answer is always the longest, the vote is decided by the look of a label and not
by what it says. W121 finds, for each kind of answer, a feature that singles it out in more
than half of the respond menus where it appears: punctuation, quoting, length, a second
action tacked on with ", and", or the verb it opens with.

A respond menu here is a scene with two or more respond choices and three or more choices in
all (with fewer, any difference "singles out" a label and proves nothing). Every choice of
the scene counts as a neighbour, answers and non-answers alike, because the player sees them
together. (Design choice: the 50% limit matches W120's.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from game.story.compiled import CChoice, CompiledStory

MAX_MARKED = 0.5
MIN_MENUS = 3
MIN_CHOICES = 3
RESPONSES = ("supportive", "neutral", "dismissive", "judgemental")
_QUOTES = ('"', "\u201c", "\u201d", "\u00ab", "\u00bb")


def _end(label: str) -> str:
    return label.rstrip()[-1:] if label.strip() else ""


def _full_stop(label: str) -> bool:
    text = label.rstrip()
    return text.endswith(".") and not text.endswith("...")


# Single quotes count only as a pair around words, so "don't" is not a quotation.
_SINGLE_QUOTED = re.compile(r"(?:^|\s)['\u2018][^'\u2018\u2019]+['\u2019](?=$|[\s.,;:!?])")


def _quoted(label: str) -> bool:
    return any(q in label for q in _QUOTES) or bool(_SINGLE_QUOTED.search(label))


# Each feature is a yes/no question about one label; a label is singled out when it is the
# only one in its menu that answers yes, or the only one that answers no.
FEATURES: dict[str, Callable[[str], bool]] = {
    "ending with a full stop": _full_stop,
    "ending with a question mark": lambda s: _end(s) == "?",
    "ending with an exclamation mark": lambda s: _end(s) == "!",
    "ending with an ellipsis": lambda s: s.rstrip().endswith(("...", "\u2026")),
    "with quotation marks": _quoted,
    # "Nod, and take another roll": a second action tacked on is a shape of its own.
    "joining two actions with \", and\"": lambda s: ", and " in s,
}


def _first_word(label: str) -> str:
    words = label.split(maxsplit=1)
    return words[0].strip(",.;:!?\"'\u2018\u2019\u201c\u201d").lower() if words else ""


@dataclass(frozen=True, slots=True)
class Tell:
    response: str
    feature: str  # e.g. "the only label ending with a full stop"
    marked: int
    menus: int

    @property
    def share(self) -> float:
        return self.marked / self.menus

    def describe(self) -> str:
        return (f"the {self.response} answer is {self.feature} in {self.marked}/{self.menus} "
                f"respond menus ({self.share:.0%}, limit 50%)")


def _menus(story: CompiledStory) -> list[tuple[CChoice, ...]]:
    out = []
    for scene in story.scenes.values():
        answers = [c for c in scene.choices if c.kind == "respond"]
        if len(answers) >= 2 and len(scene.choices) >= MIN_CHOICES:
            out.append(scene.choices)
    return out


def _singled_out(menu: tuple[CChoice, ...], one: CChoice) -> set[str]:
    """The features that single `one` out among `menu` (its label's neighbours)."""
    others = [c.label for c in menu if c is not one]
    out = set()
    for name, has in FEATURES.items():
        mine = has(one.label)
        if all(has(o) != mine for o in others):
            out.add(f"the only label {name}" if mine else f"the only label not {name}")
    # A verb only one kind of answer opens with ("Nod...", "Shrug...") is learnt as fast.
    word = _first_word(one.label)
    if word and all(_first_word(o) != word for o in others):
        out.add(f"the only label starting with \"{word.capitalize()}\"")
    lengths = [len(o) for o in others]
    if len(one.label) > max(lengths):
        out.add("the longest label")
    if len(one.label) < min(lengths):
        out.add("the shortest label")
    return out


def menu_tells(story: CompiledStory) -> list[Tell]:
    """Every (answer kind, feature) pair that singles the answer out in more than half of
    the menus where that kind of answer appears once, worst first."""
    seen: dict[str, int] = {}
    marked: dict[tuple[str, str], int] = {}
    for menu in _menus(story):
        for response in RESPONSES:
            mine = [c for c in menu if c.kind == "respond" and c.response == response]
            if len(mine) != 1:
                continue
            seen[response] = seen.get(response, 0) + 1
            for feature in _singled_out(menu, mine[0]):
                marked[response, feature] = marked.get((response, feature), 0) + 1
    tells = [Tell(r, f, n, seen[r]) for (r, f), n in marked.items()
             if seen[r] >= MIN_MENUS and n / seen[r] > MAX_MARKED]
    return sorted(tells, key=lambda t: (-t.share, t.response, t.feature))
