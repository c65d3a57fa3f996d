"""The transcript History shows: every step taken, then the current scene so far.

Built from the session's history (never from what the scene screen drew), so it is the same
after a rewind or a restore; only the count of lines still waiting comes from the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.runtime import LineView, View

if TYPE_CHECKING:
    from game.ui.play import Play

Row = tuple[str, str, str]  # (style, name, text); style: narration, speech, choice, note


def row(ln: LineView) -> Row:
    return ("narration" if ln.speaker == "narrator" else "speech", ln.name, ln.text)


def all_rows(play: Play, view: View, notes: bool) -> list[Row]:
    """Every line of every step and of the current scene's `view`; `notes` adds each move's full
    explanation (facilitator mode: the live panel may shorten it)."""
    rows: list[Row] = []
    you = play.story.name_of("player")
    for step in play.session.history:
        rows += [row(ln) for ln in step.lines]
        rows.append(("choice", you, step.result.choice.label))
        if step.result.said:
            rows.append(("speech", you, step.result.said))
        rows += [row(ln) for ln in step.result.reaction]
        if notes:
            rows += [("note", "", s) for s in step.explained(play.story)]
    rows += [row(ln) for ln in view.lines]
    return rows


def shown_rows(play: Play, view: View, notes: bool, pending: int) -> list[Row]:
    """Only what has been on screen: the last `pending` lines (the rest of a reaction, the
    next scene, still queued) are left out until they appear."""
    rows = all_rows(play, view, notes)
    for i in range(len(rows) - 1, -1, -1):
        if pending <= 0:
            break
        if rows[i][0] in ("narration", "speech"):
            del rows[i]
            pending -= 1
    return rows
