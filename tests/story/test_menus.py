"""W120: menus whose order or label length gives the answer away, at its exact limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.story.loader import bundled, check, load
from game.story.menus import menu_stats

BUNDLED = [p.name for p in bundled()]


def respond_menu(n: int, first: str, kind_label: str, other_label: str) -> str:
    order = ["supportive", "neutral"] if first == "supportive" else ["neutral", "supportive"]
    items = "".join(
        f"      - {{id: {r}, text: \"{kind_label if r == 'supportive' else other_label}\", "
        f"kind: respond, response: {r}}}\n" for r in order)
    return (f"  r{n}:\n    partner_discloses: {{layer: 1, topic: t{n}}}\n"
            f"    lines: [\"Sam says something.\"]\n    choices:\n{items}    next: r{n + 1}\n")


def disclosure_menu(n: int, layers: list[int]) -> str:
    items = "".join(f"      - {{id: d{k}, text: Share {k}, kind: disclose, layer: {k}, "
                    f"topic: t}}\n" for k in layers)
    return f"  d{n}:\n    choices:\n{items}    next: d{n + 1}\n"


def story(tmp_path: Path, scenes: str, first: str, last: str) -> Path:
    f = tmp_path / "s.yaml"
    f.write_text(
        f"id: s\ntitle: S\nstart: {first}\nrupture: gone\n"
        "characters: {partners: {sam: {name: Sam, trust: 60, defence: 20}}}\n"
        f"scenes:\n{scenes}  {last}:\n    ending: {{outcome: acquaintance, title: End}}\n"
        "  gone:\n    ending: {outcome: ruptured, title: Gone}\n", encoding="utf-8")
    return f


def w120(path: Path) -> list[str]:
    story_, diags = check(path)
    assert story_ is not None
    return [d.message for d in diags if d.code == "W120"]


@pytest.mark.parametrize(("firsts", "warned"), [(2, False), (3, True)])
def test_supportive_first_in_half_is_fine_more_is_not(tmp_path: Path, firsts: int,
                                                      warned: bool) -> None:
    # Four menus, equal label lengths: 2/4 = 50% is at the limit, 3/4 is past it.
    scenes = "".join(respond_menu(i, "supportive" if i < firsts else "neutral", "abcd", "wxyz")
                     for i in range(4))
    messages = w120(story(tmp_path, scenes, "r0", "r4"))
    assert bool(messages) is warned
    if warned:
        assert "supportive first in 3/4 respond menus (75%" in messages[0]


@pytest.mark.parametrize(("sorted_menus", "warned"), [(3, False), (4, True)])
def test_depth_sorted_at_sixty_percent_is_fine_more_is_not(tmp_path: Path, sorted_menus: int,
                                                           warned: bool) -> None:
    # Five menus: 3/5 = 60% sorted is at the limit, 4/5 past it.
    scenes = "".join(disclosure_menu(i, [0, 1] if i < sorted_menus else [1, 0])
                     for i in range(5))
    messages = w120(story(tmp_path, scenes, "d0", "d5"))
    assert bool(messages) is warned
    if warned:
        assert "disclosures sorted by depth in 4/5 menus (80%" in messages[0]


@pytest.mark.parametrize(("kind_len", "warned"), [(15, False), (16, True)])
def test_label_ratio_at_one_and_a_half_is_fine_more_is_not(tmp_path: Path, kind_len: int,
                                                           warned: bool) -> None:
    scenes = "".join(respond_menu(i, "neutral", "k" * kind_len, "o" * 10) for i in range(3))
    messages = w120(story(tmp_path, scenes, "r0", "r3"))
    assert bool(messages) is warned
    if warned:
        assert "supportive labels 1.60x the length of the others" in messages[0]


@pytest.mark.parametrize(("other_len", "warned"), [(15, False), (16, True)])
def test_label_ratio_below_two_thirds_is_the_same_tell(tmp_path: Path, other_len: int,
                                                       warned: bool) -> None:
    # 10 / 15 is exactly two thirds, at the limit; 10 / 16 = 0.625 is past it.
    scenes = "".join(respond_menu(i, "neutral", "k" * 10, "o" * other_len) for i in range(3))
    messages = w120(story(tmp_path, scenes, "r0", "r3"))
    assert bool(messages) is warned
    if warned:
        assert "(supportive labels shorter)" in messages[0]
        assert "supportive labels 0.62x the length of the others (limits 0.67x to 1.5x)" in (
            messages[0])


def test_a_menu_of_only_warm_answers_gives_nothing_away(tmp_path: Path) -> None:
    # Route twins of one kind answer (only one ever shown) are two supportive choices: the
    # order cannot point at the best of them, so they are not a respond menu at all.
    twins = respond_menu(9, "supportive", "abcd", "wxyz").replace("response: neutral",
                                                                  "response: supportive")
    scenes = "".join(respond_menu(i, "neutral", "abcd", "wxyz") for i in range(3))
    path = story(tmp_path, scenes + twins.replace("next: r10", "next: r3x").replace(
        "  r9:", "  r3:"), "r0", "r3x")
    stats = menu_stats(load(path))
    assert stats.respond_menus == 3 and stats.supportive_first == 0


def test_two_menus_are_not_a_pattern(tmp_path: Path) -> None:
    scenes = "".join(respond_menu(i, "supportive", "a" * 40, "b") for i in range(2))
    assert w120(story(tmp_path, scenes, "r0", "r2")) == []


@pytest.mark.parametrize("sid", BUNDLED)
def test_bundled_menus_pass_with_room_to_spare(sid: str) -> None:
    stats = menu_stats(load(sid))
    assert stats.respond_menus >= 3 and stats.disclosure_menus >= 3
    assert stats.problems() == []
    assert stats.supportive_first_share <= 0.4 and stats.depth_sorted_share <= 0.5
    assert 0.75 <= stats.length_ratio <= 1.4


def tell_menu(n: int, kind_label: str) -> str:
    """A three-choice respond menu; the other labels are the same length, no punctuation."""
    # The neighbours' labels differ from menu to menu (the same label every time would be a
    # tell of its own), always four letters long.
    neutral = ("wxyz", "wzyx", "xwyz", "zwxy")[n % 4]
    brush = ("pqrs", "qprs", "rpqs", "sqpr")[n % 4]
    items = "".join(f"      - {{id: {r}, text: \"{label}\", kind: respond, response: {r}}}\n"
                    for r, label in (("neutral", neutral), ("supportive", kind_label),
                                     ("dismissive", brush)))
    return (f"  r{n}:\n    partner_discloses: {{layer: 1, topic: t{n}}}\n"
            f"    lines: [\"Sam says something.\"]\n    choices:\n{items}    next: r{n + 1}\n")


def w121(path: Path) -> list[str]:
    story_, diags = check(path)
    assert story_ is not None
    return [d.message for d in diags if d.code == "W121"]


@pytest.mark.parametrize(("marked", "warned"), [(2, False), (3, True)])
def test_a_full_stop_on_half_the_kind_answers_is_fine_more_is_not(
        tmp_path: Path, marked: int, warned: bool) -> None:
    # Four menus; the kind answer alone ends with a full stop in `marked` of them.
    scenes = "".join(tell_menu(i, "abc." if i < marked else "abcd") for i in range(4))
    messages = w121(story(tmp_path, scenes, "r0", "r4"))
    assert bool(messages) is warned
    if warned:
        assert ("the supportive answer is the only label ending with a full stop in 3/4 "
                "respond menus (75%") in messages[0]


@pytest.mark.parametrize(("marked", "warned"), [(2, False), (3, True)])
def test_the_longest_label_on_half_the_kind_answers_is_fine_more_is_not(
        tmp_path: Path, marked: int, warned: bool) -> None:
    scenes = "".join(tell_menu(i, "abcdef" if i < marked else "abcd") for i in range(4))
    messages = w121(story(tmp_path, scenes, "r0", "r4"))
    assert bool(messages) is warned
    if warned:
        assert "the supportive answer is the longest label in 3/4" in messages[0]


def test_quoting_marks_the_flat_answer_and_a_non_answer_counts_as_a_neighbour(
        tmp_path: Path) -> None:
    # The flat answer is the only quoted label; a plain "change the subject" choice sits
    # beside two answers, so each menu has three labels and is judged.
    menu = ("  r{n}:\n    partner_discloses: {{layer: 1, topic: t{n}}}\n"
            "    lines: [\"Sam says something.\"]\n    choices:\n"
            "      - {{id: meh, text: \"Say 'ok'\", kind: respond, response: neutral}}\n"
            "      - {{id: kind, text: Ask more, kind: respond, response: supportive}}\n"
            "      - {{id: away, text: Talk about X}}\n"
            "    next: r{next}\n")
    scenes = "".join(menu.format(n=i, next=i + 1) for i in range(3))
    messages = w121(story(tmp_path, scenes, "r0", "r3"))
    assert messages and "the neutral answer is the only label with quotation marks in 3/3" in (
        messages[0])


def shaped_menu(n: int, neutral: str) -> str:
    """A three-answer respond menu whose neutral label is `neutral`."""
    # The other two answers open with a different verb in every menu: no tell of their own.
    kind = ("Ask what she means", "Wonder aloud what she means", "Check what she means",
            "Find out what she means")[n % 4]
    brush = ("Say you have to go now, sorry", "Change the subject",
             "Look at the clock on the wall", "Head for the door")[n % 4]
    items = "".join(f"      - {{id: {r}, text: \"{label}\", kind: respond, response: {r}}}\n"
                    for r, label in (("neutral", neutral), ("supportive", kind),
                                     ("dismissive", brush)))
    return (f"  r{n}:\n    partner_discloses: {{layer: 1, topic: t{n}}}\n"
            f"    lines: [\"Sam says something.\"]\n    choices:\n{items}    next: r{n + 1}\n")


@pytest.mark.parametrize(("marked", "warned"), [(2, False), (3, True)])
def test_a_second_action_tacked_on_is_a_shape_of_its_own(tmp_path: Path, marked: int,
                                                         warned: bool) -> None:
    scenes = "".join(shaped_menu(i, "Smile, and pass the bread" if i < marked
                                 else "Tell her it sounds fine") for i in range(4))
    messages = w121(story(tmp_path, scenes, "r0", "r4"))
    assert bool(messages) is warned
    if warned:
        assert ('the neutral answer is the only label joining two actions with ", and" in 3/4 '
                "respond menus (75%") in messages[0]


@pytest.mark.parametrize(("marked", "warned"), [(2, False), (3, True)])
def test_an_opening_verb_only_one_kind_uses_is_a_tell(tmp_path: Path, marked: int,
                                                      warned: bool) -> None:
    scenes = "".join(shaped_menu(i, f"Nod at the {i} jars" if i < marked
                                 else f"Tell her the {i} jars are fine") for i in range(4))
    messages = w121(story(tmp_path, scenes, "r0", "r4"))
    assert bool(messages) is warned
    if warned:
        assert 'the neutral answer is the only label starting with "Nod" in 3/4' in messages[0]


def test_two_choice_menus_are_never_judged(tmp_path: Path) -> None:
    # With two labels any difference singles one out; that is not a pattern.
    scenes = "".join(respond_menu(i, "neutral", "abc.", "wxyz") for i in range(4))
    assert w121(story(tmp_path, scenes, "r0", "r4")) == []


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_stories_have_no_surface_tells(name: str) -> None:
    assert w121(next(p for p in bundled() if p.name == name)) == []
