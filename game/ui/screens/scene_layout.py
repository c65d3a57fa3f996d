"""Where everything on the scene screen goes, at any text size and in every mode.

The rules, so nothing is cut off, overlaps or hides the partner's face:
- the line being answered stays on screen under the choices, however many there are;
- a line too long for its panel is split into pages (Space shows the next page);
- choices taller than the room above the text scroll inside that room (arrows, Tab and
  the wheel over them bring the rest into view; number keys reach every one);
- the text panel narrows to keep clear of the portrait's face; in facilitator mode the
  glass box has the right-hand column and the face moves into it, where it stays visible;
- in projector mode a class votes with hands and cannot scroll, so when the lettered
  choices would not all fit above the line they answer, that line moves to the right-hand
  column under the partner's face and the choices take the whole height on the left
  (`arrange_vote`).

`layout_scene` only measures; `SceneScreen` keeps the results and `scene_draw` paints them.
The layout check (`confide check --layout`) reads the same rectangles.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pygame

from game.ui.glassbox import COLUMN_TOP, COLUMN_W, COLUMN_X, MEDALLION
from game.ui.images import FACE, PORTRAIT_SIZE
from game.ui.theme import HEIGHT, LINE_SPACING, SIZE_SCALE, WIDTH, Theme
from game.ui.timeline import STRIP

if TYPE_CHECKING:
    from game.ui.screens.scene import SceneScreen

PANEL_X, PANEL_W, PANEL_BOTTOM, PANEL_MIN_H = 40, 1200, HEIGHT - 24, 150
PANEL_PAD_Y = 72  # the panel's height beyond its lines: name plate, margins, the arrow
PANEL_MAX_H = 300  # a taller line is paged, so the choices keep room above it
CHOICE_X, CHOICE_W = 40, 740
CHOICE_TOP, CHOICE_TOP_FACILITATOR = 84, STRIP.bottom + 12
CARD_GAP, CARD_MIN_H, CARD_PAD = 12, 64, 14
VOTE_GAP, VOTE_PAD = 6, 10  # projector's vote layout: cards closer, so all fit at once
TEXT_SIZE, TAG_SIZE, CHOICE_SIZE = 23, 14, 21
PORTRAIT_RIGHT = 70  # the portrait stands this far in from the right edge
FACE_GAP = 16
VOTE_FACE_W = 200  # projector vote layout: the face, cut from the portrait, over the column


def portrait_rect() -> pygame.Rect:
    w, h = PORTRAIT_SIZE
    return pygame.Rect(WIDTH - PORTRAIT_RIGHT - w, HEIGHT - h, w, h)


def face_rect() -> pygame.Rect:
    """The face of a full-size portrait, on the canvas."""
    return FACE.move(portrait_rect().topleft)


def text_width(s: SceneScreen, narrow: bool) -> int:
    if s.app.facilitator:
        return CHOICE_W
    if narrow:
        return face_rect().left - FACE_GAP - PANEL_X
    return PANEL_W


def rows_fit(t: Theme) -> int:
    """How many lines of text a panel holds before the line is paged."""
    return max(1, (PANEL_MAX_H - PANEL_PAD_Y) // t.line_height(t.px(TEXT_SIZE)))


def panel_width(s: SceneScreen, text: str) -> int:
    """The panel's width for `text`: full width unless it would then rise over the face."""
    t = s.app.theme
    if s.app.facilitator or not s.portrait_shown():
        return text_width(s, False)
    size = t.px(TEXT_SIZE)
    rows = min(len(t.wrap(text, size, PANEL_W - 80)), rows_fit(t))
    h = max(PANEL_MIN_H, rows * t.line_height(size) + PANEL_PAD_Y)
    return text_width(s, PANEL_BOTTOM - h < face_rect().bottom + FACE_GAP)


def split_page(s: SceneScreen, text: str) -> tuple[str, str]:
    """`text` cut after the last whole line that fits one panel; ("text", "") if it fits."""
    t = s.app.theme
    return split_text(t, text, t.px(TEXT_SIZE), panel_width(s, text) - 80, rows_fit(t))


def split_text(t: Theme, text: str, size: int, width: int, rows: int) -> tuple[str, str]:
    """`text` cut after the last whole line of the first `rows` wrapped to `width`."""
    lines = t.wrap(text, size, width)
    if len(lines) <= rows:
        return text, ""
    head = sum(len(ln) for ln in lines[:rows]) + rows - 1
    while head < len(text) and text[head] not in " \n":
        head -= 1  # a word cut inside (over-long) keeps its own cut
        if head <= 0:
            head = sum(len(ln) for ln in lines[:rows])
            break
    return text[:head].rstrip(), text[head:].lstrip()


def layout_text(s: SceneScreen) -> None:
    t = s.app.theme
    size = t.px(TEXT_SIZE)
    text = s.line.text if s.line else ""
    width = panel_width(s, text)
    s.wrapped = t.wrap(text, size, width - 80) if s.line else []
    h = max(PANEL_MIN_H, len(s.wrapped) * t.line_height(size) + PANEL_PAD_Y)
    s.panel = pygame.Rect(PANEL_X, PANEL_BOTTOM - h, width, h)


def layout_choices(s: SceneScreen) -> None:
    """Cards stacked above the text panel; when they are taller than the room there, the
    room becomes a scrolling viewport (`s.choice_view`) and `s.choice_scroll` moves it."""
    t = s.app.theme
    size, tag = px(s, CHOICE_SIZE), px(s, TAG_SIZE)
    pad, gap = card_pad(s), VOTE_GAP if s.vote else CARD_GAP
    s.card_lines = [t.wrap(c.label, size, CHOICE_W - 140) for c in s.view.choices]
    heights = [max(CARD_MIN_H, len(lines) * t.line_height(size)
                   + (tag + 8 if c.kind != "plain" else 0) + 2 * pad)
               for lines, c in zip(s.card_lines, s.view.choices, strict=True)]
    total = sum(heights) + gap * (len(heights) - 1)
    top = CHOICE_TOP_FACILITATOR if s.app.facilitator else CHOICE_TOP
    # in the vote layout nothing lies under the cards: the line is in the column
    bottom = PANEL_BOTTOM if s.vote else (text_top(s) if s.line else PANEL_BOTTOM) - 12
    s.choice_view = pygame.Rect(CHOICE_X, top, CHOICE_W, max(0, bottom - top))
    s.choice_total = total
    s.choice_scroll = max(0, min(s.choice_scroll, total - s.choice_view.height))
    y = max(top, bottom - total) - s.choice_scroll
    for i, h in enumerate(heights):
        s.menu.rects[i] = pygame.Rect(CHOICE_X, y, CHOICE_W, h)
        y += h + gap


def card_pad(s: SceneScreen) -> int:
    """Space above and below a card's text: the vote layout packs the cards closer."""
    return VOTE_PAD if s.vote else CARD_PAD


def vote_face_rect() -> pygame.Rect:
    h = round(FACE.height * VOTE_FACE_W / FACE.width)
    return pygame.Rect(COLUMN_X + (COLUMN_W - VOTE_FACE_W) // 2, CHOICE_TOP, VOTE_FACE_W, h)


def px(s: SceneScreen, base: int) -> int:
    """A scene text size: the theme's, times the vote layout's shrink (1.0 otherwise)."""
    return max(1, round(s.app.theme.px(base) * s.shrink))


def arrange_vote(s: SceneScreen) -> None:
    """Projector mode: when the class would have to scroll to see every lettered choice,
    the line answered moves to the right-hand column (under the partner's face, which
    stays visible) and the choices take the whole height on the left. If they still do
    not fit, the scene's text steps down, never below the Small size. Runs
    after `layout_choices`; otherwise it leaves the ordinary layout alone."""
    s.vote, s.vote_face, s.shrink = False, None, 1.0
    if not (s.choosing and s.app.projector and not s.app.facilitator and s.line is not None
            and overflowing(s)):
        return
    s.vote, s.vote_face = True, vote_face_rect() if s.portrait_shown() else None
    for shrink in _shrinks(s.app.theme):
        s.shrink = shrink
        _column_text(s)
        layout_choices(s)
        if not overflowing(s):
            return  # otherwise the smallest size scrolls (the layout check warns)


def _shrinks(t: Theme) -> list[float]:
    """1.0, then steps of a tenth, down to where a line is as tall as a line of Small text
    at normal spacing: a projector shows that larger than most laptops show Medium, and
    every choice at once matters more to a class voting."""
    floor = min(1.0, SIZE_SCALE["small"] * LINE_SPACING["normal"] / (t.scale * t.spacing))
    steps = [1.0 - i / 10 for i in range(10) if 1.0 - i / 10 > floor]
    return [*steps, floor]


def _column_text(s: SceneScreen) -> None:
    t = s.app.theme
    size = px(s, TEXT_SIZE)
    top = (s.vote_face.bottom if s.vote_face is not None else CHOICE_TOP) + FACE_GAP + 20
    rows = max(1, (PANEL_BOTTOM - top - PANEL_PAD_Y) // t.line_height(size))
    _repage_answer(s, t, size, COLUMN_W - 80, rows)
    assert s.line is not None
    s.wrapped = t.wrap(s.line.text, size, COLUMN_W - 80)
    h = max(PANEL_MIN_H, len(s.wrapped) * t.line_height(size) + PANEL_PAD_Y)
    s.panel = pygame.Rect(COLUMN_X, PANEL_BOTTOM - h, COLUMN_W, h)


def _repage_answer(s: SceneScreen, t: Theme, size: int, width: int, rows: int) -> None:
    """Cut the line answered into pages that fit the column; the last page is shown, as
    under the ordinary layout. Pages that already fit are kept as they are."""
    if s.line is None or (len(s.answer) < 2 and len(t.wrap(s.line.text, size, width)) <= rows):
        return
    rest, pages = " ".join(s.answer), []
    count = len(t.wrap(rest, size, width))
    rows = -(-count // -(-count // rows))  # as many pages as needed, evenly filled
    while rest:
        head, rest = split_text(t, rest, size, width, rows)
        pages.append(head)
    s.answer, s.answer_at = pages, len(pages) - 1
    s.line = replace(s.line, text=pages[-1])
    s.typed = float(len(pages[-1]))


def name_plate_rect(s: SceneScreen, name: str) -> tuple[pygame.Rect, list[str]]:
    """The plate over the panel's top edge; a name too long for one line wraps, and the
    plate grows upwards so it never runs past the panel."""
    t = s.app.theme
    size = t.px(19)
    lines = t.wrap(name, size, s.panel.width - 56 - 36, bold=True)
    w = max(t.font(size, True).size(ln)[0] for ln in lines) + 36
    h = len(lines) * t.line_height(size) + 14 - (t.line_height(size) - t.font(size).get_height())
    one = t.font(size).get_height() + 14
    return pygame.Rect(s.panel.x + 28, s.panel.y - 20 - (h - one), w, h), lines


def text_top(s: SceneScreen) -> int:
    """The top of the text panel, or of its name plate when the line has a speaker."""
    line = s.line
    if line is None or line.speaker == "narrator" or not line.name:
        return s.panel.top
    return min(s.panel.top, name_plate_rect(s, line.name)[0].top)


def overflowing(s: SceneScreen) -> bool:
    return s.choosing and s.choice_total > s.choice_view.height


def scroll_into_view(s: SceneScreen, i: int) -> None:
    """Move the viewport the least that shows card `i` whole."""
    if not overflowing(s) or not 0 <= i < len(s.menu.rects):
        return
    r, view = s.menu.rects[i], s.choice_view
    if r.top < view.top:
        s.choice_scroll -= view.top - r.top
    elif r.bottom > view.bottom:
        s.choice_scroll += r.bottom - view.bottom
    layout_choices(s)


def scroll_by(s: SceneScreen, pixels: int) -> None:
    s.choice_scroll += pixels
    layout_choices(s)


def medallion_rect(s: SceneScreen) -> pygame.Rect:
    """Facilitator mode: the face, cut from the portrait, at the top of the glass box."""
    return pygame.Rect(COLUMN_X + COLUMN_W - MEDALLION[0], COLUMN_TOP, *MEDALLION)
