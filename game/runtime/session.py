"""A deterministic playthrough of one story.

Same story + same seed + same choices gives the same playthrough everywhere: the window,
the terminal, the simulator and the tests. The only randomness is the model's noise,
derived from (seed, turn) by a pure hash, so nothing hidden needs saving.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import partial
from typing import Any

from game.errors import RestoreError, SessionError
from game.model import verdict
from game.runtime.causes import Closing, closing_of
from game.runtime.moves import Transition, available, enter, transition
from game.runtime.state import Env, State, initial_state
from game.runtime.views import ChoiceView, EndingView, LineView, Result, Step, View
from game.story.compiled import CONTINUE, CChoice, CLine, CompiledStory, CScene

MOODS = {"supportive": "warm", "reciprocated": "warm", "welcome": "warm",
         "judgemental": "guarded", "intrusion": "guarded", "dismissive": "hurt"}


class Session:
    def __init__(self, story: CompiledStory, seed: int = 0, *, noise: bool = True) -> None:
        self.story = story
        self.seed = seed
        self.noise = noise
        self.state = initial_state(story)
        self.history: list[Step] = []
        self._stack: list[State] = []
        self._mood = "neutral"
        self.changed_story = False  # set when restored into an edited story
        # What entering the start scene changed belongs to the start, not to step 1.
        self.state, self.opening = enter(story, self.state, story.start)

    @classmethod
    def start(cls, story: CompiledStory, seed: int = 0) -> Session:
        return cls(story, seed)

    # -- reading ---------------------------------------------------------------
    def ending_lines(self, lines: tuple[CLine, ...],
                     found: Closing | None = None) -> tuple[LineView, ...]:
        """An ending scene's lines: conditions may read what the closing sentences name, and
        {cost}, {helped}, {standing} and {broke} are those moves' `recalled:` words; a line
        naming a move the closing does not name, or one with no such words, is left out.
        `found`: the run's closing when the caller has it already (each one replays the run)."""
        if found is None and self.state.ending is not None:
            found = closing_of(self)
        if found is None:
            return self.lines(lines)
        env, words = Env(self.state, self.story.params, found.facts()), found.recalled()
        return tuple(LineView(ln.speaker, ln.name, _filled(ln.text, words) if ln.recalls
                              else ln.text, ln.mood) for ln in lines if ln.shown(env, words))

    @property
    def scene(self) -> CScene:
        return self.story.scenes[self.state.scene]

    @property
    def ended(self) -> bool:
        return self.state.ending is not None

    def ending(self) -> EndingView | None:
        if self.state.ending is None:
            return None
        scene = self.story.scenes[self.state.ending]
        assert scene.ending is not None  # an ending id always names an ending scene
        e = scene.ending
        return EndingView(scene=scene.id, title=e.title, outcome=e.outcome,
                          reflection=e.reflection)

    def available(self) -> tuple[CChoice, ...]:
        """The choices the player may take now, in story order."""
        return available(self.story, self.state)

    def view(self, facilitator: bool = False) -> View:
        scene = self.scene
        return View(
            scene=scene.id, title=scene.title, background=scene.background,
            partner=scene.partner, partner_name=self.story.name_of(scene.partner),
            mood=scene.mood or self._mood,
            lines=self.ending_lines(scene.lines) if scene.ending else self.lines(scene.lines),
            choices=choice_views(self.available(), waiting(self.state), scene.hides_kinds),
            ending=self.ending(), turn=self.state.turn,
            meters=self.meters() if facilitator else None, hides_depth=scene.hides_depth,
        )

    def lines(self, lines: tuple[CLine, ...], state: State | None = None) -> tuple[LineView, ...]:
        """The lines whose conditions hold in `state` (by default the current one)."""
        env = Env(self.state if state is None else state, self.story.params)
        return tuple(LineView(ln.speaker, ln.name, ln.text, ln.mood)
                     for ln in lines if ln.cond is None or ln.cond.evaluate(env))

    def meters(self) -> dict[str, dict[str, Any]]:
        out = {}
        for pid, p in self.state.partners.items():
            data = p.to_json()
            data["verdict"] = verdict(p, self.story.params[pid])
            out[pid] = data
        return out

    # -- moving ----------------------------------------------------------------
    def choose(self, choice_id: str) -> Result:
        if self.ended:
            raise SessionError("the story has ended; there is nothing left to choose")
        choice = self._find(choice_id)
        if choice is None:
            ids = ", ".join(c.id for c in self.available())
            raise SessionError(f"'{choice_id}' is not a choice here (scene "
                               f"'{self.state.scene}'; choices: {ids})")
        before, scene_lines = self.state, self.scene.lines
        t = self.transition(choice)
        reaction = self._reaction(choice, t.landing, t.after_move)
        self._stack.append(before)
        self.state = t.state
        self._mood = MOODS.get(t.landing, "neutral")
        result = Result(choice_view(choice), choice.say, t.landing, reaction,
                        t.explanation, choice.partner, t.target, t.ruptured,
                        self.ending() if t.state.ending else None)
        # What was on screen is worked out only if someone reads the history.
        self.history.append(Step(before.scene, result,
                                 partial(self.lines, scene_lines, before)))
        return result

    def transition(self, choice: CChoice) -> Transition:
        """What taking an available choice would do, without doing it (see `moves`)."""
        return transition(self.story, self.state, choice, self.seed, self.noise)

    def advance(self, choice: CChoice) -> Transition:
        """Take an available choice without text, history or undo: the simulator's move."""
        t = transition(self.story, self.state, choice, self.seed, self.noise)
        self.state = t.state
        return t

    def _find(self, choice_id: str) -> CChoice | None:
        """The available choice with this id, without building the whole list."""
        choice = self.scene.choice(choice_id)
        if choice is not None:
            ok = choice.cond is None or choice.cond.evaluate(Env(self.state, self.story.params))
            return choice if ok else None
        return next((c for c in self.available() if c.id == choice_id), None)

    def _reaction(self, c: CChoice, landing: str, state: State) -> tuple[LineView, ...]:
        lines = c.reactions.get(landing)
        if lines is None and landing == "reciprocated":
            lines = c.reactions.get("supportive")
        if lines is None:
            lines = c.reactions.get("default", ())
        return self.lines(lines, state) if lines else ()

    # -- time travel -----------------------------------------------------------
    def undo(self) -> bool:
        """Take back the last choice; False when there is nothing to undo."""
        if not self._stack:
            return False
        self.state = self._stack.pop()
        self.history.pop()
        self._mood = MOODS.get(self.history[-1].result.landing, "neutral") \
            if self.history else "neutral"
        return True

    @property
    def choices_made(self) -> list[str]:
        return [step.result.choice.id for step in self.history]


def choice_view(c: CChoice, answering: bool = False, hide_kind: bool = False) -> ChoiceView:
    """A card as the player sees it; with `hide_kind` it keeps no layer or tone either, which
    would tell a sharing card from an answer."""
    layered = c.kind in ("disclose", "ask") and not hide_kind
    return ChoiceView(
        id=c.id, label=c.label, kind=c.kind, layer=c.layer if layered else None,
        topic=c.topic, tone=("emotional" if c.emotional else "factual") if layered else None,
        response=None if hide_kind else c.response, answering=answering,
        kind_hidden=hide_kind,
    )


def _filled(text: str, words: dict[str, str]) -> str:
    # Each place once (the story's check warns of a second): a line grows by at most the
    # four places' words, however many placeholders a stranger's story repeats.
    for place, recalled in words.items():
        text = text.replace(f"{{{place}}}", recalled, 1)
    return text


def waiting(state: State) -> frozenset[str]:
    """The partners waiting for an answer to what they last told the player."""
    return frozenset(pid for pid, p in state.partners.items() if p.pending)


def choice_views(offered: tuple[CChoice, ...], waiting: Collection[str] | None = None,
                 hide_kinds: bool = False) -> tuple[ChoiceView, ...]:
    """A menu as the player sees it: when it holds an answer to a partner who is waiting for
    one, every plain choice in it is shown as an answer too (ChoiceView.shown_kind), because
    taking it moves on from what they said (model rule R-UNANSWERED). Where no one is
    waiting (an apology for last week beside small talk), a plain choice is only talk and
    is shown as such. With `waiting` unknown (a scene drawn without a state), any answer on
    offer counts."""
    answering = any(c.kind == "respond" and (waiting is None or c.partner in waiting)
                    for c in offered)
    return tuple(choice_view(c, answering, hide_kinds) for c in offered)


__all__ = ["CONTINUE", "RestoreError", "Session", "Transition"]
