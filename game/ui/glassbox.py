"""The glass box: facilitator mode's live panel beside the scene.

Two cards in the right-hand column. The meters card shows the partner's trust and defence
(bars and numbers), the layer each side has reached (two small onions) and the topics
shared. The "Why" card shows the last move's explanation in plain sentences, large enough
to read aloud, and below them, folded until N or a click, the numbers behind it: the
readiness terms and every change with its rule id.

The partner's face, cut from the portrait for this moment's mood, sits at the top of the
meters card: the column covers the full portrait, and pupils read the face. A long Why is
shown a page of whole sentences at a time (PageDown/PageUp or a click on the card), never
cut off.

`GlassBox.layout` wraps all text when the content or the text size changes; `draw` only
blits what layout prepared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pygame

from game.glossary import LAYER_NAMES
from game.model import Explanation
from game.model.wording import number
from game.ui.images import blit_face
from game.ui.theme import Colour, Theme
from game.ui.widgets import onion, panel, text_lines

if TYPE_CHECKING:
    from game.ui.screens.scene import SceneScreen

COLUMN_X, COLUMN_W, COLUMN_TOP = 800, 440, 76
MEDALLION = (132, 124)  # the face, scaled from the portrait's FACE rectangle
GAP, PAD = 12, 16
SENTENCE_SIZE, NUMBER_SIZE, METER_SIZE = 18, 14, 16
EMPTY_WHY = "Make a choice: why it changed anything will show here."


@dataclass(slots=True)
class Meter:
    name: str
    mood: str
    trust: float
    defence: float
    reached: int
    opened: int
    topics: list[str]


SEPARATOR = 8  # the rule between the sentences and the numbers on one page
KIND_SIZES = {"sentence": SENTENCE_SIZE, "number": NUMBER_SIZE, "topics": METER_SIZE}


@dataclass(frozen=True, slots=True)
class WhyGroup:
    """Lines that stay on one page when they can: a sentence, a number, the topics."""

    kind: str  # "sentence", "number" or "topics"
    lines: list[str]

    def height(self, t: Theme) -> int:
        return len(self.lines) * t.line_height(t.px(KIND_SIZES[self.kind]))


def _mixed(page: list[WhyGroup]) -> bool:
    """A page with sentences and numbers has a rule between them."""
    return any(g.kind == "number" for g in page) and any(g.kind != "number" for g in page)


def why_pages(t: Theme, groups: list[WhyGroup], room: int) -> list[list[WhyGroup]]:
    """`groups` in pages no taller than `room` pixels: a group that does not fit starts the
    next page, and is split by lines only when it alone is taller than a page."""
    pages: list[list[WhyGroup]] = [[]]

    def used(extra: WhyGroup) -> int:
        page = pages[-1]
        return sum(g.height(t) for g in page) + SEPARATOR * _mixed([*page, extra])

    for group in groups:
        if pages[-1] and used(group) + group.height(t) > room:
            pages.append([])
        lh = t.line_height(t.px(KIND_SIZES[group.kind]))
        lines = group.lines
        while lines:
            take = max(1, min(len(lines), (room - used(group)) // lh))  # one line at least
            pages[-1].append(WhyGroup(group.kind, lines[:take]))
            lines = lines[take:]
            if lines:
                pages.append([])
    return [p for p in pages if p] or [[]]


@dataclass(slots=True)
class GlassBox:
    meters: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    why: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    toggle: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    face: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    meter: Meter | None = None
    name_lines: list[str] = field(default_factory=list)
    opened_lines: list[str] = field(default_factory=list)
    topic_lines: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)  # the Why page's sentence lines
    numbers: list[str] = field(default_factory=list)  # every wrapped line of the numbers
    shown: list[WhyGroup] = field(default_factory=list)  # the Why card's page, as drawn
    shown_numbers: bool = False
    page: int = 0  # the Why card's page
    pages: int = 1

    def layout(self, s: SceneScreen, bottom: int) -> None:
        """Measure both cards for the scene's current state; `bottom` is the lowest y."""
        t = s.app.theme
        self.meter = m = _meter(s)
        inner = COLUMN_W - 2 * PAD
        size = t.px(METER_SIZE)
        step = t.line_height(size)
        beside = inner - MEDALLION[0] - PAD  # name, mood and bars sit left of the face
        self.name_lines = t.wrap(m.name, t.px(17), beside, True)
        name_h = len(self.name_lines) * t.line_height(t.px(17))
        above = 0  # a long name that would stack up beside the face runs across above it
        if len(self.name_lines) > 2:
            self.name_lines = t.wrap(m.name, t.px(17), inner, True)
            above = name_h = len(self.name_lines) * t.line_height(t.px(17))
        top_h = above + max(name_h - above + t.line_height(t.px(15)) + 2 * step, MEDALLION[1])
        half = inner // 2 - 56
        self.opened_lines = t.wrap("They opened", t.px(14), half)  # the name heads the card
        onion_h = max(64, len(self.opened_lines) * t.line_height(t.px(14)) + step + 12)
        names = ", ".join(m.topics) if m.topics else "none yet"
        topics = t.wrap(f"Topics shared ({len(m.topics)}): {names}", size, inner)
        height = 2 * PAD + top_h + 4 + onion_h + 6
        # The topics stay on the meters card while the Why card keeps room for two lines
        # under it; at the largest text and widest spacing they join the Why card's pages.
        why_min = 2 * PAD + self._why_head(t) + 2 * t.line_height(t.px(SENTENCE_SIZE))
        fits = COLUMN_TOP + height + len(topics) * step + GAP + why_min <= bottom
        self.topic_lines = topics if fits else []
        height += len(self.topic_lines) * step
        self.meters = pygame.Rect(COLUMN_X, COLUMN_TOP, COLUMN_W, height)
        self.face = pygame.Rect(self.meters.right - PAD - MEDALLION[0],
                                self.meters.y + PAD + above, *MEDALLION)
        self.shown_numbers = s.app.show_numbers
        self._layout_why(s, t, bottom, [] if fits else topics)

    @staticmethod
    def _why_head(t: Theme) -> int:
        """The card's height beyond its text: the title row, its gap and the page mark."""
        return t.line_height(t.px(17)) + 8 + t.line_height(t.px(13))

    def _layout_why(self, s: SceneScreen, t: Theme, bottom: int, topics: list[str]) -> None:
        """The explanation, the numbers behind it (when unfolded) and any topics moved here,
        in pages that each fit the room left under the meters card."""
        top = self.meters.bottom + GAP
        room = bottom - top - 2 * PAD - self._why_head(t)
        ex, _ = s.last_explanation()
        inner = COLUMN_W - 2 * PAD
        nums = numbers_behind(ex) if ex is not None and self.shown_numbers else []
        self.numbers = [w for line in nums for w in t.wrap(line, t.px(NUMBER_SIZE), inner)]
        lines = s.explain if ex is not None else [EMPTY_WHY]
        if not lines:
            lines = ["No model move: nothing about the relationship changed."]
        groups = [WhyGroup("sentence", t.wrap(x, t.px(SENTENCE_SIZE), inner)) for x in lines]
        groups += [WhyGroup("number", t.wrap(x, t.px(NUMBER_SIZE), inner)) for x in nums]
        if topics:
            groups.append(WhyGroup("topics", topics))
        pages = why_pages(t, groups, room)
        self.pages = len(pages)
        self.page = min(self.page, self.pages - 1)
        self.shown = pages[self.page]
        self.sentences = [ln for g in self.shown if g.kind == "sentence" for ln in g.lines]
        tallest = max(sum(g.height(t) for g in page) + SEPARATOR * _mixed(page)
                      for page in pages)
        height = 2 * PAD + self._why_head(t) + tallest - \
            (0 if self.pages > 1 else t.line_height(t.px(13)))
        self.why = pygame.Rect(COLUMN_X, top, COLUMN_W, height)
        label = t.font(t.px(14), True).size(toggle_label(True))[0] + 24
        self.toggle = pygame.Rect(self.why.right - PAD - label, self.why.y + PAD - 4, label,
                                  t.line_height(t.px(17)))

    def turn(self, by: int) -> bool:
        """Another page of the Why card; False when there is no other page that way."""
        page = self.page + by
        if not 0 <= page < self.pages:
            return False
        self.page = page
        return True

    def draw(self, surf: pygame.Surface, t: Theme, face: pygame.Surface | None) -> None:
        if self.meter is None:
            return
        _draw_meters(surf, t, self)
        if face is not None:
            blit_face(surf, face, self.face, t.palette.outline)
        _draw_why(surf, t, self)


def _meter(s: SceneScreen) -> Meter:
    partners = s.play.session.state.partners
    pid = s.stage.partner if s.stage.partner in partners else next(iter(partners))
    ps = partners[pid]
    return Meter(s.play.story.name_of(pid), s.stage.mood, ps.trust, ps.defence, ps.reached,
                 ps.opened, sorted(ps.topics))


def toggle_label(shown: bool) -> str:
    return "N: hide numbers" if shown else "N: numbers"


def numbers_behind(ex: Explanation) -> list[str]:
    """The readiness terms and every change with its rule id, one line each."""
    out = []
    r = ex.readiness
    if r is not None:
        out.append(f"readiness {number(r.total)} = trust-defence {number(r.trust_minus_defence)}"
                   f" - threshold {number(r.threshold)}")
        out.append(f"    - skip {number(r.skip_penalty)} - imbalance "
                   f"{number(r.imbalance_penalty)} - topic {number(r.topic_penalty)} "
                   f"+ noise {number(r.noise)}")
    for d in ex.deltas:
        change = d.after - d.before
        sign = "+" if change >= 0 else ""
        who = f"{d.partner} " if d.partner else ""
        out.append(f"{d.rule}: {who}{d.meter} {number(d.before)} \u2192 {number(d.after)} "
                   f"({sign}{number(change)})")
    return out or ["no numbers changed"]


def sentence_pages(t: Theme, sentences: list[str], size: int, width: int,
                   room: int) -> list[list[str]]:
    """Wrapped sentences in pages of at most `room` lines; a sentence is split across
    pages only when it alone is longer than a page."""
    pages: list[list[str]] = [[]]
    for sentence in sentences:
        lines = t.wrap(sentence, size, width)
        if pages[-1] and len(pages[-1]) + len(lines) > room:
            pages.append([])
        while len(lines) > room:
            pages[-1] += lines[:room]
            pages.append([])
            lines = lines[room:]
        pages[-1] += lines
    return [p for p in pages if p] or [[]]


def whole_sentences(t: Theme, sentences: list[str], size: int, width: int,
                    room: int) -> list[str]:
    """Wrapped sentences that fit in `room` lines; a sentence is never cut in half."""
    out: list[str] = []
    for sentence in sentences:
        lines = t.wrap(sentence, size, width)
        if len(out) + len(lines) > room:
            if out:  # mark the cut, dropping words if the mark would run past the edge
                words = out[-1].split(" ")
                while len(words) > 1 and t.font(size).size(" ".join(words) + " \u2026")[0] > width:
                    words.pop()
                out[-1] = " ".join(words) + " \u2026"
            break
        out += lines
    return out


def _draw_meters(surf: pygame.Surface, t: Theme, g: GlassBox) -> None:
    p, m, rect = t.palette, g.meter, g.meters
    assert m is not None
    panel(surf, rect, p.panel, p.panel_alpha, radius=16, border=p.accent, width=1)
    x, y = rect.x + PAD, rect.y + PAD
    y = text_lines(surf, t, g.name_lines, (x, y), t.px(17), p.text, True)
    surf.blit(t.text(f"looks {m.mood}", t.px(15), p.muted), (x, y))
    y += t.line_height(t.px(15))
    size = t.px(METER_SIZE)
    beside = g.face.left - PAD - x
    for label, value, colour in (("trust", m.trust, p.good), ("defence", m.defence, p.bad)):
        _bar(surf, t, (x, y, beside), label, value, colour)
        y += t.line_height(size)
    y = max(y, g.face.bottom) + 4
    half = (rect.width - 2 * PAD) // 2
    _layer(surf, t, (x, y), ["You reached"], m.reached)
    _layer(surf, t, (x + half, y), g.opened_lines, m.opened)
    y += max(64, len(g.opened_lines) * t.line_height(t.px(14)) + t.line_height(size) + 12)
    text_lines(surf, t, g.topic_lines, (x, y), size, p.text)


def _bar(surf: pygame.Surface, t: Theme, where: tuple[int, int, int], label: str,
         value: float, colour: Colour) -> None:
    x, y, width = where
    size = t.px(METER_SIZE)
    step = t.line_height(size)
    label_w = t.font(size).size("defence")[0] + 14
    value_w = t.font(size, True).size("100")[0] + 10
    surf.blit(t.text(label, size, colour), (x, y))
    bar = pygame.Rect(x + label_w, y + step // 2 - 7, width - label_w - value_w, 14)
    pygame.draw.rect(surf, t.palette.card, bar, border_radius=7)
    pygame.draw.rect(surf, colour, (bar.x, bar.y, round(bar.w * value / 100), bar.h),
                     border_radius=7)
    img = t.text(f"{value:.0f}", size, t.palette.text, bold=True)
    surf.blit(img, (x + width - img.get_width(), y))


def _layer(surf: pygame.Surface, t: Theme, pos: tuple[int, int], label: list[str],
           layer: int) -> None:
    p = t.palette
    x, y = pos
    onion(surf, (x + 24, y + 30), 22, layer, p.accent, p.card, p.text)
    size = t.px(METER_SIZE)
    y = text_lines(surf, t, label, (x + 56, y + 4), t.px(14), p.muted)
    surf.blit(t.text(LAYER_NAMES[layer], size, p.text, bold=True), (x + 56, y))


def _draw_why(surf: pygame.Surface, t: Theme, g: GlassBox) -> None:
    p, rect = t.palette, g.why
    panel(surf, rect, p.panel, p.panel_alpha, radius=16, border=p.accent, width=1)
    x, y = rect.x + PAD, rect.y + PAD
    surf.blit(t.text("Why", t.px(17), p.accent, bold=True), (x, y))
    panel(surf, g.toggle, p.card, 255, radius=g.toggle.height // 2, border=p.outline, width=1)
    label = t.text(toggle_label(g.shown_numbers), t.px(14), p.text, bold=True)
    surf.blit(label, label.get_rect(center=g.toggle.center))
    y += t.line_height(t.px(17)) + 8
    ruled = not _mixed(g.shown)
    for group in g.shown:
        if group.kind == "number" and not ruled:
            pygame.draw.line(surf, p.outline, (x, y + 3), (rect.right - PAD, y + 3), 1)
            y += SEPARATOR
            ruled = True
        colour = p.muted if group.kind == "number" else p.text
        y = text_lines(surf, t, group.lines, (x, y), t.px(KIND_SIZES[group.kind]), colour)
    if g.pages > 1:  # where this page is, and that a click or PageDown shows the next
        mark = t.text(f"page {g.page + 1} of {g.pages} \u00b7 PageDown or click for more",
                      t.px(13), p.muted)
        surf.blit(mark, (rect.right - PAD - mark.get_width(),
                         rect.bottom - PAD - mark.get_height() + 6))
