"""Painting the scene screen. Reads the SceneScreen; never changes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.glossary import LAYER_NAMES
from game.letters import VOTE_LETTERS
from game.runtime import ChoiceView
from game.ui.images import blit_face, portrait_path
from game.ui.screens.scene_layout import (
    CHOICE_SIZE,
    TAG_SIZE,
    TEXT_SIZE,
    card_pad,
    name_plate_rect,
    overflowing,
    portrait_rect,
    px,
)
from game.ui.theme import Colour, Theme
from game.ui.widgets import onion, panel, text_lines

if TYPE_CHECKING:
    from game.ui.screens.scene import SceneScreen

KIND_TAGS = {"disclose": "share", "ask": "ask", "respond": "respond"}


def hex_colour(value: str) -> Colour:
    v = value.lstrip("#")
    return int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16)


def draw(surf: pygame.Surface, s: SceneScreen) -> None:
    stage(surf, s)
    t = s.app.theme
    if s.stage.title:
        img = t.text(s.stage.title, t.px(17), t.palette.text)
        rect = pygame.Rect(40, 22, img.get_width() + 40, 40)
        panel(surf, rect, t.palette.panel, t.palette.panel_alpha, radius=20)
        surf.blit(img, (rect.x + 20, rect.centery - img.get_height() // 2))
    tools(surf, s)
    if s.line is not None:
        text_panel(surf, s)
    if s.choosing:
        choices(surf, s)
    if s.vote_face is not None:
        face = portrait(s)
        if face is not None:
            blit_face(surf, face, s.vote_face, t.palette.outline)
    if s.app.facilitator:
        s.glass.draw(surf, t, portrait(s))
        s.timeline.draw(surf, t)  # last: a marker's caption may lie over the choices


def stage(surf: pygame.Surface, s: SceneScreen, glass: bool = True) -> None:
    """The place and the partner. With `glass` in facilitator mode the glass box has the
    portrait's column, so the face is drawn there instead (see GlassBox)."""
    images, story = s.app.images, s.play.story
    if s.stage.background:
        surf.blit(images.background(s.stage.background, story.root), (0, 0))
    else:
        surf.blit(images.plain(s.app.theme.palette.backdrop), (0, 0))
    img = portrait(s)
    if img is not None and not (glass and (s.app.facilitator or s.vote)):
        surf.blit(img, portrait_rect().topleft)


def portrait(s: SceneScreen) -> pygame.Surface | None:
    """The partner's portrait for this moment, or None when they are not in the scene."""
    story = s.play.story
    partner = story.meta.characters.partners.get(s.stage.partner)
    if partner is None or not s.portrait_shown():
        return None
    own = {str(k): v for k, v in partner.portraits.items()}
    line = s.line
    # a line may carry its own mood ("{speaker: sam, mood: hurt, ...}") for that moment
    mood = line.mood if line is not None and line.mood and not s.choosing else s.stage.mood
    rel = portrait_path(own, s.stage.partner, mood)
    return s.app.images.portrait(rel, story.root) if rel is not None else None


def tools(surf: pygame.Surface, s: SceneScreen) -> None:
    t = s.app.theme
    p = t.palette
    for i, item in enumerate(s.tools.items):
        rect = s.tools.rects[i]
        hot = s.tools.hover == i or (item.label == "Skip" and s.skipping)  # lit while on
        panel(surf, rect, p.card_focus if hot else p.panel, 255 if hot else p.panel_alpha,
              radius=rect.height // 2, border=p.accent if hot else None,
              width=p.focus_width if hot else 0)
        img = t.text(item.label, t.px(16), p.text)
        surf.blit(img, img.get_rect(center=rect.center))


def text_panel(surf: pygame.Surface, s: SceneScreen) -> None:
    t = s.app.theme
    p = t.palette
    line = s.line
    assert line is not None
    panel(surf, s.panel, p.panel, p.panel_alpha, radius=22)
    if line.speaker != "narrator" and line.name:
        name_plate(surf, s, line.name, line.speaker)
    size = px(s, TEXT_SIZE)
    colour = p.muted if line.speaker == "narrator" else p.text
    typed_text(surf, t, s.wrapped, int(s.typed), (s.panel.x + 40, s.panel.y + 36), size, colour)
    if not s.typing and not s.choosing:
        x, y = s.panel.right - 40, s.panel.bottom - 30
        pygame.draw.polygon(surf, p.accent, [(x - 12, y - 8), (x, y), (x - 12, y + 8)])
    if s.choosing and len(s.answer) > 1:  # the line answered has pages: say how to turn
        mark = t.text(answer_mark(s), t.px(14), p.accent, bold=True)
        surf.blit(mark, (s.panel.right - 32 - mark.get_width(),
                         s.panel.bottom - 16 - mark.get_height()))


def answer_mark(s: SceneScreen) -> str:
    return f"page {s.answer_at + 1} of {len(s.answer)} · ← → or click the text"


def typed_text(surf: pygame.Surface, t: Theme, lines: list[str], shown: int,
               pos: tuple[int, int], size: int, colour: Colour) -> None:
    """The first `shown` characters of wrapped text; whole lines come from the cache."""
    x, y = pos
    step = t.line_height(size)
    left = shown
    for i, line in enumerate(lines):
        if left <= 0:
            break
        if left >= len(line):
            surf.blit(t.text(line, size, colour), (x, y))
        else:
            surf.blit(t.font(size).render(line[:left], True, colour), (x, y))
        # the wrap dropped one space between lines; count it so the pace stays even
        left -= len(line) + (1 if i < len(lines) - 1 else 0)
        y += step


def name_plate(surf: pygame.Surface, s: SceneScreen, name: str, speaker: str) -> None:
    t = s.app.theme
    p = t.palette
    chars = s.play.story.meta.characters
    if t.palette.panel_alpha >= 255:
        colour: Colour = p.name_plate
    elif speaker == "player":
        colour = hex_colour(chars.player.colour)
    else:
        partner = chars.partners.get(speaker)
        colour = hex_colour(partner.colour) if partner else p.name_plate
    rect, lines = name_plate_rect(s, name)
    panel(surf, rect, colour, 255, radius=min(rect.height // 2, 22))
    text_lines(surf, t, lines, (rect.x + 18, rect.y + 7), t.px(19), (24, 24, 30), True)


def choices(surf: pygame.Surface, s: SceneScreen) -> None:
    """The cards; when they scroll, clipped to their room with arrows where more wait."""
    scrolling = overflowing(s)
    view = s.choice_view
    old = surf.get_clip()
    if scrolling:
        surf.set_clip(view)
    for i, c in enumerate(s.view.choices):
        if s.menu.rects[i].colliderect(view) or not scrolling:
            card(surf, s, i, c)
    surf.set_clip(old)
    if scrolling:
        p = s.app.theme.palette
        x = view.right + 14
        if s.menu.rects[0].top < view.top:
            pygame.draw.polygon(surf, p.accent, [(x - 9, view.top + 14), (x + 9, view.top + 14),
                                                 (x, view.top)])
        if s.menu.rects[-1].bottom > view.bottom:
            pygame.draw.polygon(surf, p.accent, [(x - 9, view.bottom - 14),
                                                 (x + 9, view.bottom - 14), (x, view.bottom)])


def card(surf: pygame.Surface, s: SceneScreen, i: int, c: ChoiceView) -> None:
    t = s.app.theme
    p = t.palette
    rect = s.menu.rects[i]
    focused = s.menu.lit == i
    panel(surf, rect, p.card_focus if focused else p.card, 245 if p.panel_alpha < 255 else 255,
          radius=16, border=p.accent if focused else p.outline,
          width=p.focus_width if focused else 1)
    badge(surf, s, (rect.x + 32, rect.centery), i, focused)
    glyph(surf, s, c, (rect.x + 86, rect.centery))
    x, y = rect.x + 122, rect.y + card_pad(s)
    tag = tag_text(c, s.depth_shown)
    if tag:
        img = t.text(tag, px(s, TAG_SIZE), p.accent if focused else p.muted, bold=True)
        surf.blit(img, (x, y))
        y += img.get_height() + 6
    elif len(s.card_lines[i]) == 1:
        y = rect.centery - t.line_height(px(s, CHOICE_SIZE)) // 2 + 2
    text_lines(surf, t, s.card_lines[i], (x, y), px(s, CHOICE_SIZE), p.text)


def badge(surf: pygame.Surface, s: SceneScreen, centre: tuple[int, int], i: int,
          focused: bool) -> None:
    """The choice's key: a number, or in projector mode a big letter for the class vote."""
    t = s.app.theme
    p = t.palette
    vote = t.projector and i < len(VOTE_LETTERS)
    r = 22 if vote else 16
    solid = p.panel_alpha >= 255  # high contrast: outlined badge, so white digits show
    pygame.draw.circle(surf, p.accent if focused else (p.card if solid else p.outline),
                       centre, r)
    if solid and not focused:
        pygame.draw.circle(surf, p.outline, centre, r, 2)
    key = VOTE_LETTERS[i] if vote else str(i + 1)
    img = t.text(key, 30 if vote else t.px(17), p.accent_text if focused else p.text,
                 bold=True)
    surf.blit(img, img.get_rect(center=centre))


def tag_text(c: ChoiceView, depth: bool = True) -> str:
    """The card's small heading: its kind, and (with `depth`, the depth-tags setting) the
    layer a sharing or asking card reaches."""
    kind = KIND_TAGS.get(c.shown_kind)
    if kind is None:
        return ""
    if c.layer is not None and depth:
        return f"{kind.upper()}  ·  {LAYER_NAMES[c.layer]}"
    return kind.upper()


def glyph(surf: pygame.Surface, s: SceneScreen, c: ChoiceView,
          centre: tuple[int, int]) -> None:
    p = s.app.theme.palette
    if c.kind in ("disclose", "ask") and c.layer is not None:
        # with depth tags off, the onion is drawn empty: it still marks a sharing card
        shown = c.layer if s.depth_shown else -1
        onion(surf, centre, 20, shown, p.accent, p.card, p.text)
    elif c.shown_kind == "respond":
        cx, cy = centre
        pygame.draw.ellipse(surf, p.text, (cx - 19, cy - 14, 38, 26), 2)
        pygame.draw.polygon(surf, p.text, [(cx - 8, cy + 9), (cx - 13, cy + 18), (cx + 1, cy + 11)])
    else:
        pygame.draw.circle(surf, p.outline, centre, 5)
