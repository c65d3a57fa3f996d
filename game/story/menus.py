"""Menus that give the answer away: the order and label lengths of a story's choices.

A class voting on a projector learns patterns fast. If the supportive answer is nearly
always first, if disclosure menus always run from shallow to deep, or if the kind answer
is always the long one (or always the short one), the vote stops being about the partner.
W120 reports a story whose menus show such a pattern, with the three figures, so the
author can shuffle and rewrite.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from game.story.compiled import CChoice, CompiledStory
from game.story.diagnostics import Diagnostic
from game.story.tells import menu_tells
from game.story.yamlread import Located

# The limits the warning applies (issue 12): beyond these a pattern is learnable.
MAX_SUPPORTIVE_FIRST = 0.5
MAX_DEPTH_SORTED = 0.6
MAX_LENGTH_RATIO = 1.5
# The same pattern the other way round: a kind answer that is always the terse one.
MIN_LENGTH_RATIO = 1 / MAX_LENGTH_RATIO
# Fewer menus than this are not a pattern: a two-scene example story is not judged.
MIN_MENUS = 3


@dataclass(frozen=True, slots=True)
class MenuStats:
    respond_menus: int
    supportive_first: int
    disclosure_menus: int
    depth_sorted: int
    supportive_length: float  # mean label length of supportive answers (0 if none)
    other_length: float  # mean label length of the other answers (0 if none)

    @property
    def supportive_first_share(self) -> float:
        return self.supportive_first / self.respond_menus if self.respond_menus else 0.0

    @property
    def depth_sorted_share(self) -> float:
        return self.depth_sorted / self.disclosure_menus if self.disclosure_menus else 0.0

    @property
    def length_ratio(self) -> float:
        return self.supportive_length / self.other_length if self.other_length else 0.0

    def problems(self) -> list[str]:
        """Which of the three limits this story breaks (empty when it passes)."""
        out = []
        if self.respond_menus >= MIN_MENUS and self.supportive_first_share > MAX_SUPPORTIVE_FIRST:
            out.append("supportive answer first")
        if self.disclosure_menus >= MIN_MENUS and self.depth_sorted_share > MAX_DEPTH_SORTED:
            out.append("disclosures sorted by depth")
        if self.respond_menus >= MIN_MENUS and self.length_ratio > MAX_LENGTH_RATIO:
            out.append("supportive labels longer")
        if self.respond_menus >= MIN_MENUS and 0 < self.length_ratio < MIN_LENGTH_RATIO:
            out.append("supportive labels shorter")
        return out

    def summary(self) -> str:
        return (f"supportive first in {self.supportive_first}/{self.respond_menus} respond "
                f"menus ({self.supportive_first_share:.0%}, limit 50%); disclosures sorted by "
                f"depth in {self.depth_sorted}/{self.disclosure_menus} menus "
                f"({self.depth_sorted_share:.0%}, limit 60%); supportive labels "
                f"{self.length_ratio:.2f}x the length of the others (limits "
                f"{MIN_LENGTH_RATIO:.2f}x to {MAX_LENGTH_RATIO}x)")


def _sorted_by_depth(disclosures: list[CChoice]) -> bool:
    layers = [c.layer for c in disclosures]
    return layers == sorted(layers)


def menu_stats(story: CompiledStory) -> MenuStats:
    """Menus are each scene's respond choices (two or more, at least one supportive and one
    not: where every answer is warm, as with route twins of one kind answer, the order can
    give nothing away) and its disclose choices (two or more, at different layers), in the
    order the story lists them, which is the order every front end shows, projector
    included."""
    respond = first = disclosure = ordered = 0
    kind_lengths: list[int] = []
    other_lengths: list[int] = []
    for scene in story.scenes.values():
        answers = [c for c in scene.choices if c.kind == "respond"]
        warm = sum(c.response == "supportive" for c in answers)
        if len(answers) >= 2 and 0 < warm < len(answers):
            respond += 1
            first += answers[0].response == "supportive"
            for c in answers:
                (kind_lengths if c.response == "supportive" else other_lengths).append(
                    len(c.label))
        shares = [c for c in scene.choices if c.kind == "disclose"]
        if len({c.layer for c in shares}) >= 2:
            disclosure += 1
            ordered += _sorted_by_depth(shares)
    return MenuStats(respond, first, disclosure, ordered,
                     fmean(kind_lengths) if kind_lengths else 0.0,
                     fmean(other_lengths) if other_lengths else 0.0)


def menu_warnings(story: CompiledStory, located: Located) -> list[Diagnostic]:
    out = []
    stats = menu_stats(story)
    problems = stats.problems()
    if problems:
        out.append(located.key_mark(("id",)).diag(
            "W120", f"menus give the answer away ({', '.join(problems)}): {stats.summary()}"))
    tells = menu_tells(story)
    if tells:
        shown = "; ".join(t.describe() for t in tells[:3])
        more = f" (and {len(tells) - 3} more)" if len(tells) > 3 else ""
        out.append(located.key_mark(("id",)).diag(
            "W121", f"the look of a label gives the answer away: {shown}{more}"))
    return out
