"""Save and load slots: autosave, quicksave and six manual slots.

Each card shows what the slot's small metadata block says (story, scene, date, play time)
without restoring anything; a damaged slot is drawn as damaged and the others still work.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.persist.saves import ALL_SLOTS, AUTO, MANUAL_SLOTS, QUICK, SlotInfo
from game.ui.actions import Act, Input
from game.ui.backdrop import behind, fit
from game.ui.screen import Screen
from game.ui.theme import HEIGHT, WIDTH
from game.ui.thumbs import read_thumbnail, thumb_path
from game.ui.widgets import Item, Menu, button, heading, panel

if TYPE_CHECKING:
    from game.ui.app import App

CARD_W, CARD_H, GAP = 560, 104, 16
CARD_PAD = 12  # above the slot's name and below its last line
TOP = 140  # the first row of cards, under the heading
THUMB_PAD = 8  # the thumbnail's margin inside its card


class SavesScreen(Screen):
    name = "saves"

    def __init__(self, app: App, mode: str) -> None:
        super().__init__(app)
        self.mode = mode  # "save" or "load"
        self.slots: list[SlotInfo] = []
        self.menu = Menu([], columns=2)
        self.thumbs: dict[str, pygame.Surface | None] = {}
        self.back = pygame.Rect(0, 0, 0, 0)

    def layout(self) -> None:
        self.slots = self.app.store.slots(ALL_SLOTS)
        saves = self.app.store.saves_dir
        h = CARD_H - 2 * THUMB_PAD  # scaled once here, not every frame
        self.thumbs = {}
        for info in self.slots:
            img = read_thumbnail(thumb_path(saves, info.name)) if info.status == "ok" else None
            self.thumbs[info.name] = None if img is None else \
                pygame.transform.smoothscale(img, (h * 16 // 9, h))
        items = [Item(info.label, partial(self.pick, info.name), self._usable(info))
                 for info in self.slots]
        items.append(Item("Back", self.app.pop))
        self.menu.set_items(items)
        x0 = WIDTH // 2 - CARD_W - GAP // 2
        card_h = max(CARD_H, self._text_height())  # a card holds its text at any text size
        back = pygame.Rect(WIDTH // 2 - 120, HEIGHT - 84, 240, 52)
        rows = (len(self.slots) + 1) // 2
        # Taller cards close the gaps between rows, so the last row stays above Back.
        gap = max(4, min(GAP, (back.top - GAP // 2 - TOP - rows * card_h) // max(1, rows - 1)))
        for i in range(len(self.slots)):
            col, row = i % 2, i // 2
            self.menu.rects[i] = pygame.Rect(x0 + col * (CARD_W + GAP),
                                             TOP + row * (card_h + gap), CARD_W, card_h)
        self.menu.rects[-1] = back

    def _usable(self, info: SlotInfo) -> bool:
        if self.mode == "save":
            return info.name in MANUAL_SLOTS
        return info.status == "ok"

    def pick(self, slot: str) -> None:
        if self.mode == "load":
            self.app.load_slot(slot)
            return
        info = next((i for i in self.slots if i.name == slot), None)
        if info is not None and info.status != "empty":
            self._confirm(info)
            return
        self._write(slot)

    def _write(self, slot: str) -> None:
        if self.app.save_to(slot):
            self.layout()

    def _confirm(self, info: SlotInfo) -> None:
        """Overwriting a slot asks first; the focus starts on keeping the old save."""
        what = "a damaged save" if info.meta is None else \
            f"{info.meta.story_title} · {info.meta.scene_title}, saved {info.meta.date_text}"
        slot = info.name

        def overwrite() -> None:
            self.app.pop()
            self._write(slot)

        self.app.push_screen("dialog", f"Overwrite {info.label}?",
                             [f"{info.label} holds {what}. Saving here replaces it."],
                             [Item("Overwrite", overwrite), Item("Keep it", self.app.pop)],
                             focus=1)

    def handle(self, inp: Input) -> None:
        if inp.act == Act.BACK:
            self.app.pop()
            return
        if inp.act == Act.CLICK:
            hit = self.menu.at(inp.pos)
            if hit is not None and not self.menu.items[hit].enabled:
                self._explain(self.slots[hit])
                return
        self.menu.handle(inp)

    def _explain(self, info: SlotInfo) -> None:
        if info.status == "damaged":
            self.app.toast(f"{info.label} is damaged and cannot be loaded")
        elif self.mode == "save" and info.name in (AUTO, QUICK):
            self.app.toast(f"{info.label} is written by the game (F5 quicksaves)")
        else:
            self.app.toast(f"{info.label} is empty")

    def draw(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        behind(surf, self.app)
        heading(surf, t, "Save the story" if self.mode == "save" else "Load a story", 70)
        for i, info in enumerate(self.slots):
            self.card(surf, i, info)
        back = len(self.menu.items) - 1
        button(surf, t, self.menu.rects[back], "Back", self.menu.focus == back)

    def card(self, surf: pygame.Surface, i: int, info: SlotInfo) -> None:
        t = self.app.theme
        p = t.palette
        rect = self.menu.rects[i]
        focused = self.menu.focus == i
        enabled = self.menu.items[i].enabled
        damaged = info.status == "damaged"
        panel(surf, rect, p.card_focus if focused else p.card, 245 if p.panel_alpha < 255 else 255,
              radius=16, border=p.bad if damaged else (p.accent if focused else p.outline),
              width=p.focus_width if focused or damaged else 1)
        x, y = rect.x + 22, rect.y + CARD_PAD
        thumb = self.thumbs.get(info.name)
        if thumb is not None:  # the scene when it was saved
            surf.blit(thumb, (rect.x + THUMB_PAD, rect.y + THUMB_PAD))
            x = rect.x + THUMB_PAD + thumb.get_width() + 14
        width = rect.right - 16 - x
        colour = p.text if enabled or info.status == "ok" else p.muted
        surf.blit(t.text(fit(t, info.label, t.px(19), width), t.px(19), colour, bold=True),
                  (x, y))
        # A card's lines are labels, not reading text: they stack at the font's own line
        # height, so the line-spacing setting cannot push them out of the card.
        y += t.font(t.px(19), bold=True).get_linesize()
        step = t.font(t.px(16)).get_linesize()
        for j, (options, tone) in enumerate(self.describe(info)):
            text = next((o for o in options if t.font(t.px(16)).size(o)[0] <= width), None)
            surf.blit(t.text(text or fit(t, options[-1], t.px(16), width), t.px(16), tone),
                      (x, y + j * step))

    def _text_height(self) -> int:
        """The height a card needs for its title and two lines at the current text size."""
        t = self.app.theme
        return (2 * CARD_PAD + t.font(t.px(19), bold=True).get_linesize()
                + 2 * t.font(t.px(16)).get_linesize())

    def describe(self, info: SlotInfo) -> list[tuple[tuple[str, ...], tuple[int, int, int]]]:
        """Each line under the slot's name, as wordings from the fullest to the shortest:
        the card shows the first that fits its width at the current text size."""
        p = self.app.theme.palette
        if info.status == "empty":
            return [(("Empty",), p.muted)]
        if info.status == "damaged" or info.meta is None:
            return [(("Damaged: this save cannot be read", "Damaged: cannot be read"), p.bad),
                    ((_clip(info.problem, 60),), p.muted)]
        m = info.meta
        place = _clip(f"{m.story_title} · {m.scene_title}", 56)
        return [((place, m.scene_title or place), p.text),
                ((f"{m.date_text} · played {m.play_time_text}",
                  f"{m.date_text} · {m.play_time_text}", m.date_text), p.muted)]


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
