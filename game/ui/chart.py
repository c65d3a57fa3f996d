"""The debrief chart: trust and defence over the steps of a playthrough, drawn with pygame.

Self-contained (no other game/ui module), and it never opens a display, so it works headless
(SDL_VIDEODRIVER=dummy) for `confide export --format png` and for the scripted screenshots.
Drawing happens at twice the requested size and is smoothed down, which antialiases every
line and marker. Light background and dark text: it has to read on a projector and on paper.

`chart_surface` returns the picture for the window to blit; `render_chart` writes a PNG.
An optional second debrief (a branch) is overlaid dashed, with the point where they parted.
"""

from __future__ import annotations

import io
import itertools
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.errors import ChartError
from game.persist.atomic import write_atomic
from game.resources import FONTS as FONT_DIR

if TYPE_CHECKING:  # the timeline strip takes this module's colours before any debrief exists
    from game.facilitator.debrief import Debrief, Point

SUPERSAMPLE = 2
Colour = tuple[int, int, int]

BACKGROUND: Colour = (250, 250, 246)
INK: Colour = (30, 32, 38)
MUTED: Colour = (100, 104, 112)
GRID: Colour = (222, 222, 216)
TRUST: Colour = (18, 128, 96)
DEFENCE: Colour = (206, 88, 20)
FLAG: Colour = (196, 30, 44)
LAYER_COLOURS: tuple[Colour, ...] = ((196, 196, 196), (150, 196, 228), (58, 128, 196),
                                     (20, 48, 112))
RESPOND: Colour = (232, 186, 72)
PLAIN: Colour = (255, 255, 255)
LAYER_LABELS = ("small talk", "personal", "private", "core")


class _Pen:
    """Fonts and a scale factor: every size below is given for a 1280x720 chart."""

    def __init__(self, size: tuple[int, int]) -> None:
        self.k = min(size[0] / 1280, size[1] / 720) * SUPERSAMPLE
        if not pygame.font.get_init():
            pygame.font.init()
        self.fonts: dict[tuple[int, bool], pygame.font.Font] = {}

    def px(self, value: float) -> int:
        return max(1, round(value * self.k))

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        key = (size, bold)
        if key not in self.fonts:
            path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
            self.fonts[key] = pygame.font.Font(path if path.exists() else None, self.px(size))
        return self.fonts[key]

    def text(self, surf: pygame.Surface, text: str, pos: tuple[int, int], size: int = 18,
             colour: Colour = INK, bold: bool = False, anchor: str = "topleft",
             width: int = 0) -> pygame.Rect:
        font = self.font(size, bold)
        while width and font.size(text)[0] > width and len(text) > 2:
            text = text[:-2].rstrip() + "\u2026"  # too long for the chart: shorten, don't spill
        img = font.render(text, True, colour)
        rect = img.get_rect(**{anchor: pos})
        surf.blit(img, rect)
        return rect


def chart_surface(debrief: Debrief, size: tuple[int, int] = (1280, 720), *,
                  other: Debrief | None = None, diverged_at: int | None = None,
                  ) -> pygame.Surface:
    """The chart as a surface of exactly `size`; `other` is a branch drawn dashed."""
    w, h = size
    if w < 320 or h < 180:
        raise ChartError(f"the chart needs at least 320x180 pixels, not {w}x{h}")
    pen = _Pen(size)
    big = pygame.Surface((w * SUPERSAMPLE, h * SUPERSAMPLE))
    big.fill(BACKGROUND)
    _title(big, pen, debrief, other)
    legend_w = pen.px(250)
    plot = pygame.Rect(pen.px(84), pen.px(104), big.get_width() - pen.px(84) - legend_w
                       - pen.px(40), big.get_height() - pen.px(104) - pen.px(78))
    steps = max(len(debrief.points), len(other.points) if other else 0) - 1
    _axes(big, pen, plot, steps)
    _targets(big, pen, plot, debrief)
    if other is not None:
        _series(big, pen, plot, steps, other, dashed=True)
        if diverged_at is not None:
            _parting(big, pen, plot, steps, diverged_at)
    _series(big, pen, plot, steps, debrief, dashed=False)
    _legend(big, pen, pygame.Rect(plot.right + pen.px(28), plot.top, legend_w,
                                  plot.height), debrief, other is not None)
    return pygame.transform.smoothscale(big, size)


def render_chart(debrief: Debrief, path: Path | str, size: tuple[int, int] = (1280, 720), *,
                 other: Debrief | None = None, diverged_at: int | None = None) -> Path:
    """Write the chart as a PNG of exactly `size`, atomically; returns the path."""
    surf = chart_surface(debrief, size, other=other, diverged_at=diverged_at)
    return save_png(surf, Path(path))


def save_png(surf: pygame.Surface, path: Path) -> Path:
    """Write `surf` as a PNG, atomically; ChartError (never a pygame.error) if it cannot be.

    The image is encoded in memory and written by the atomic writer, which refuses to
    replace a folder, a device or a link, so `-o /dev/full` or a folder name is an error
    message and nothing is destroyed.
    """
    buffer = io.BytesIO()
    try:
        pygame.image.save(surf, buffer, "image.png")  # the name hint picks the format
        write_atomic(path, buffer.getvalue())
    except (OSError, pygame.error) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ChartError(f"cannot write {path}: {why}") from exc
    return path


def _title(surf: pygame.Surface, pen: _Pen, d: Debrief, other: Debrief | None) -> None:
    room = surf.get_width() - pen.px(64)
    pen.text(surf, f"{d.title}: trust and defence, step by step", (pen.px(32), pen.px(20)),
             28, bold=True, width=room)
    ending = f" (\u201c{d.ending_title}\u201d)" if d.ending_title else ""
    sub = (f"{d.player_name} and {d.partner_name}. Outcome: {d.outcome}{ending}. "
           f"Layers reached: you {d.reached}, {d.partner_name} {d.opened}; "
           f"topics shared: {len(d.topics)}.")
    if other is not None:
        sub = f"Solid: branch A, {d.outcome}. Dashed: branch B, {other.outcome}."
    pen.text(surf, sub, (pen.px(32), pen.px(60)), 17, MUTED, width=room)


def _x(plot: pygame.Rect, steps: int, step: float) -> int:
    return plot.left + round(plot.width * step / max(1, steps))


def _y(plot: pygame.Rect, value: float) -> int:
    return plot.bottom - round(plot.height * max(0.0, min(100.0, value)) / 100)


def _axes(surf: pygame.Surface, pen: _Pen, plot: pygame.Rect, steps: int) -> None:
    for value in range(0, 101, 10):
        y = _y(plot, value)
        pygame.draw.line(surf, GRID, (plot.left, y), (plot.right, y), pen.px(1))
        if value % 20 == 0:
            pen.text(surf, str(value), (plot.left - pen.px(10), y), 15, MUTED, anchor="midright")
    every = max(1, -(-steps * pen.px(44) // max(1, plot.width)))  # labels >= 44 px apart
    for step in range(steps + 1):
        x = _x(plot, steps, step)
        pygame.draw.line(surf, GRID, (x, plot.top), (x, plot.bottom), pen.px(1))
        if step % every == 0 or step == steps:
            pen.text(surf, str(step), (x, plot.bottom + pen.px(8)), 15, MUTED, anchor="midtop")
    pygame.draw.rect(surf, MUTED, plot, pen.px(1))
    pen.text(surf, "Step (0 = the start, before any choice)",
             (plot.centerx, plot.bottom + pen.px(34)), 16, MUTED, anchor="midtop")
    label = pen.font(16).render("Meter (0-100)", True, MUTED)
    label = pygame.transform.rotate(label, 90)
    surf.blit(label, label.get_rect(midleft=(pen.px(18), plot.centery)))


def _targets(surf: pygame.Surface, pen: _Pen, plot: pygame.Rect, d: Debrief) -> None:
    """Dashed lines at the deepened outcome's trust and defence targets (named in the legend)."""
    for value, colour in ((d.deepen_trust, TRUST), (d.deepen_defence, DEFENCE)):
        y = _y(plot, value)
        _dashed(surf, _tint(colour), [(plot.left, y), (plot.right, y)], pen.px(2), pen.px(10))


def _series(surf: pygame.Surface, pen: _Pen, plot: pygame.Rect, steps: int, d: Debrief,
            dashed: bool) -> None:
    trust = [(_x(plot, steps, p.step), _y(plot, p.trust)) for p in d.points]
    defence = [(_x(plot, steps, p.step), _y(plot, p.defence)) for p in d.points]
    for pts, colour in ((trust, TRUST), (defence, DEFENCE)):
        if dashed:
            _dashed(surf, _tint(colour, 0.45), pts, pen.px(3), pen.px(12))
        elif len(pts) > 1:
            pygame.draw.lines(surf, colour, False, pts, pen.px(4))
    if dashed:
        return
    # Markers shrink when steps crowd together, so a long game stays readable.
    r = max(pen.px(3), min(pen.px(9), plot.width // max(1, steps) // 3))
    for x, y in defence:
        half = max(pen.px(2), r * 5 // 9)
        pygame.draw.rect(surf, DEFENCE, (x - half, y - half, 2 * half, 2 * half))
    for p, (x, y) in zip(d.points, trust, strict=True):
        if p.flag:
            _flag(surf, pen, plot, x, p)
        _marker(surf, pen, p, (x, y), r)


def _marker(surf: pygame.Surface, pen: _Pen, p: Point, at: tuple[int, int], r: int) -> None:
    if p.kind == "start":
        pygame.draw.circle(surf, INK, at, r * 2 // 3)
        return
    pygame.draw.circle(surf, _fill(p), at, r)
    pygame.draw.circle(surf, INK, at, r, pen.px(2))
    if p.ruptured:
        x, y = at
        r = r * 3 // 2  # larger than the marker, so the cross shows around it
        pygame.draw.line(surf, FLAG, (x - r, y - r), (x + r, y + r), pen.px(3))
        pygame.draw.line(surf, FLAG, (x - r, y + r), (x + r, y - r), pen.px(3))


def _fill(p: Point) -> Colour:
    if p.layer is not None:
        return LAYER_COLOURS[p.layer]
    return RESPOND if p.kind == "respond" else PLAIN


def _flag(surf: pygame.Surface, pen: _Pen, plot: pygame.Rect, x: int, p: Point) -> None:
    """A red dashed rule through the step and a warning triangle above the plot."""
    _dashed(surf, FLAG, [(x, plot.top), (x, plot.bottom)], pen.px(2), pen.px(8))
    top = plot.top - pen.px(6)
    size = pen.px(11)
    pygame.draw.polygon(surf, FLAG, [(x, top - 2 * size), (x - size, top), (x + size, top)])
    pen.text(surf, "!", (x, top - pen.px(1)), 13, BACKGROUND, bold=True, anchor="midbottom")


def _parting(surf: pygame.Surface, pen: _Pen, plot: pygame.Rect, steps: int,
             diverged_at: int) -> None:
    x = _x(plot, steps, max(0, diverged_at - 1))
    pygame.draw.line(surf, INK, (x, plot.top), (x, plot.bottom), pen.px(2))
    pen.text(surf, f"branches part after step {max(0, diverged_at - 1)}",
             (x + pen.px(6), plot.top + pen.px(6)), 14, INK)


def _legend(surf: pygame.Surface, pen: _Pen, box: pygame.Rect, d: Debrief,
            branch: bool) -> None:
    x, y, row = box.left, box.top, pen.px(30)
    lines = [(TRUST, "Trust", False), (DEFENCE, "Defence", False)]
    if branch:
        lines.append((_tint(INK, 0.3), "Other branch", True))
    lines += [(_tint(TRUST), f"deepened: trust \u2265 {d.deepen_trust:g}", True),
              (_tint(DEFENCE), f"deepened: defence \u2264 {d.deepen_defence:g}", True)]
    for colour, text, dashed in lines:
        ends = [(x, y + row // 2), (x + pen.px(34), y + row // 2)]
        if dashed:
            _dashed(surf, colour, ends, pen.px(3), pen.px(7))
        else:
            pygame.draw.line(surf, colour, ends[0], ends[1], pen.px(4))
        pen.text(surf, text, (x + pen.px(44), y + row // 2), 16, anchor="midleft")
        y += row
    _legend_marks(surf, pen, x, y + pen.px(10), row, d)


def _legend_marks(surf: pygame.Surface, pen: _Pen, x: int, y: int, row: int,
                  d: Debrief) -> None:
    """The legend's second half: marker colours by layer, the flag and the rupture cross."""
    pen.text(surf, "Each choice:", (x, y), 16, bold=True)
    y += row
    fills = [*((c, f"layer {i}: {LAYER_LABELS[i]}") for i, c in enumerate(LAYER_COLOURS)),
             (RESPOND, "answer to them"), (PLAIN, "no model move")]
    for colour, text in fills:
        centre = (x + pen.px(17), y + row // 2)
        pygame.draw.circle(surf, colour, centre, pen.px(9))
        pygame.draw.circle(surf, INK, centre, pen.px(9), pen.px(2))
        pen.text(surf, text, (x + pen.px(44), y + row // 2), 16, anchor="midleft")
        y += row
    y += pen.px(10)
    size = pen.px(11)
    cx, base = x + pen.px(17), y + row // 2 + size
    pygame.draw.polygon(surf, FLAG, [(cx, base - 2 * size), (cx - size, base), (cx + size, base)])
    pen.text(surf, "went badly: judged,", (x + pen.px(44), y + row // 2), 16, anchor="midleft")
    pen.text(surf, "intrusive, dismissive", (x + pen.px(44), y + row + row // 2), 16,
             anchor="midleft")
    if any(p.ruptured for p in d.points):
        y += 2 * row + pen.px(6)
        c, r = (x + pen.px(17), y + row // 2), pen.px(9)
        pygame.draw.line(surf, FLAG, (c[0] - r, c[1] - r), (c[0] + r, c[1] + r), pen.px(3))
        pygame.draw.line(surf, FLAG, (c[0] - r, c[1] + r), (c[0] + r, c[1] - r), pen.px(3))
        pen.text(surf, "the relationship ruptured", (x + pen.px(44), c[1]), 16,
                 anchor="midleft")


def _tint(colour: Colour, amount: float = 0.55) -> Colour:
    """`colour` mixed towards the background, for secondary marks."""
    r, g, b = (round(c + (bg - c) * amount) for c, bg in zip(colour, BACKGROUND, strict=True))
    return (r, g, b)


def _dashed(surf: pygame.Surface, colour: Colour, pts: list[tuple[int, int]], width: int,
            dash: int) -> None:
    """A dashed polyline: dashes and gaps of `dash` pixels, restarting at each corner."""
    for (x0, y0), (x1, y1) in itertools.pairwise(pts):
        length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        if length == 0:
            continue
        pos = 0.0
        while pos < length:
            end = min(length, pos + dash)
            a = (x0 + (x1 - x0) * pos / length, y0 + (y1 - y0) * pos / length)
            b = (x0 + (x1 - x0) * end / length, y0 + (y1 - y0) * end / length)
            pygame.draw.line(surf, colour, a, b, width)
            pos += 2 * dash
