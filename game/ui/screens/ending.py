"""The ending: its title, the outcome, a short reflection, and where to go next."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.runtime.causes import closing_sentences
from game.ui.actions import Act, Input
from game.ui.screen import Screen
from game.ui.theme import HEIGHT, WIDTH, Colour
from game.ui.widgets import Item, Menu, dim, panel, text_lines

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.screens.scene import SceneScreen

OUTCOMES = {"deepened": "You grew closer", "acquaintance": "Still acquaintances",
            "ruptured": "The bond broke"}
BOX = pygame.Rect(WIDTH // 2 - 400, 70, 800, HEIGHT - 140)


class EndingScreen(Screen):
    name = "ending"

    def __init__(self, app: App, scene: SceneScreen) -> None:
        super().__init__(app)
        self.scene = scene
        # Debrief comes last so the keys of the first three stay where players learnt them.
        self.menu = Menu([Item("Play again", self.again), Item("Take back last choice", self.back),
                          Item("Return to title", self.title), Item("Debrief", self.debrief)],
                         columns=4)
        self.reflection: list[str] = []
        self.box = BOX.copy()

    def layout(self) -> None:
        t = self.app.theme
        ending = self.scene.view.ending
        causes = " ".join(closing_sentences(self.scene.play.session))
        text = f"{ending.reflection} {causes}".strip() if ending else ""
        self.reflection = t.wrap(text, t.px(20), BOX.width - 120)
        titles = len(t.wrap(ending.title if ending else "", t.px(38), BOX.width - 120, True))
        meters = len(self.scene.play.session.state.partners) if self.app.facilitator else 0
        h = (44 + t.px(18) + 14 + 26 + titles * t.line_height(t.px(38)) + 18
             + len(self.reflection) * t.line_height(t.px(20)) + 16 + meters * 26 + 40 + 52 + 36)
        self.box = pygame.Rect(BOX.x, 0, BOX.width, min(HEIGHT - 40, max(320, h)))
        self.box.centery = HEIGHT // 2
        size = t.px(18)
        widths = [t.font(size, True).size(it.label)[0] + 36 for it in self.menu.items]
        total = sum(widths) + 12 * (len(widths) - 1)
        if total > self.box.width - 48:  # large text: the box widens to keep one row
            self.box.width = min(WIDTH - 40, total + 48)
            self.box.centerx = WIDTH // 2
        x = self.box.centerx - total // 2
        for i, w in enumerate(widths):
            self.menu.rects[i] = pygame.Rect(x, self.box.bottom - 88, w, 52)
            x += w + 12

    def again(self) -> None:
        """A new game of the same story; the finished one is kept as a branch to compare."""
        play = self.scene.play
        play.keep_branch()
        self.app.start(play.story, branches=play.branches)

    def debrief(self) -> None:
        self.scene.open_debrief()

    def back(self) -> None:
        self.app.pop()
        self.scene.undo()

    def title(self) -> None:
        from game.ui.screens.title import TitleScreen

        self.app.reset(TitleScreen(self.app))

    def handle(self, inp: Input) -> None:
        if inp.act == Act.UNDO:
            self.back()
        elif inp.act == Act.BACK:
            self.title()
        else:
            self.menu.handle(inp)

    def outcome_colour(self, outcome: str) -> Colour:
        p = self.app.theme.palette
        return {"deepened": p.good, "ruptured": p.bad}.get(outcome, p.middle)

    def draw(self, surf: pygame.Surface) -> None:
        t = self.app.theme
        p = t.palette
        from game.ui.screens import scene_draw

        scene_draw.stage(surf, self.scene)  # the place and the face, without the old text
        dim(surf, p.dim_alpha)
        panel(surf, self.box, p.panel, max(p.panel_alpha, 240), radius=26, border=p.outline,
              width=1)
        ending = self.scene.view.ending
        if ending is None:
            return
        colour = self.outcome_colour(ending.outcome)
        label = t.text(OUTCOMES.get(ending.outcome, ending.outcome), t.px(18), p.accent_text,
                       bold=True)
        pill = pygame.Rect(0, self.box.y + 44, label.get_width() + 40, label.get_height() + 14)
        pill.centerx = self.box.centerx
        panel(surf, pill, colour, 255, radius=pill.height // 2)
        surf.blit(label, label.get_rect(center=pill.center))
        y = pill.bottom + 26
        for line in t.wrap(ending.title, t.px(38), self.box.width - 120, True):
            img = t.text(line, t.px(38), p.text, bold=True)
            surf.blit(img, (self.box.centerx - img.get_width() // 2, y))
            y += t.line_height(t.px(38))
        y = text_lines(surf, t, self.reflection, (self.box.x + 60, y + 18), t.px(20), p.text)
        if self.app.facilitator:
            self.draw_meters(surf, y + 16)
        self.menu.draw(surf, t, size=18)

    def draw_meters(self, surf: pygame.Surface, y: int) -> None:
        t = self.app.theme
        play = self.scene.play
        for pid, ps in play.session.state.partners.items():
            line = (f"{play.story.name_of(pid)}: trust {ps.trust:.0f}, defence {ps.defence:.0f}, "
                    f"reached layer {ps.reached}, opened layer {ps.opened}, "
                    f"{len(ps.topics)} topics")
            surf.blit(t.text(line, t.px(16), t.palette.muted), (self.box.x + 60, y))
            y += 26
