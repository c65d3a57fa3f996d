"""Compile a validated `Story` into its runtime form, collecting every semantic error.

Checks that need the whole story (targets, speakers, expressions, kinds of move) run
here, each producing a located diagnostic; nothing stops at the first problem.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import msgspec
import msgspec.structs

from game.errors import ExpressionError
from game.story.apologies import check_apologies, sorry_ids
from game.story.compiled import RUPTURE_FALLBACK, CChoice, CLine, CompiledStory, CScene
from game.story.diagnostics import Diagnostic, Mark, did_you_mean, listing
from game.story.expr import Condition, Effect, Symbols
from game.story.expr_names import NAMED_MOVES
from game.story.kinds import ALLOWED, MUST_LEAD, check_requirements
from game.story.memo import Memo, memo_for
from game.story.named import compile_named
from game.story.plain import Choice, Ending, Line, Scene, Story
from game.story.reasons import cannot_land, check_effect_keys, reason_text, reasons
from game.story.tuning import partner_params
from game.story.yamlread import Located, PathKey

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
SPEAKERS = ("narrator", "player")
# Names that mean something else in text and expressions.
RESERVED = frozenset({"narrator", "player", "flag", "visits", "true", "false", "and", "or",
                      "not", "default", "continue"})


@dataclass
class Builder:
    story: Story
    located: Located
    root: Path
    source: str
    diags: list[Diagnostic] = field(default_factory=list)
    # Whether the process's memo of compiled expressions (game.story.memo.py) serves
    # this build; off, each distinct text is still compiled once per build.
    shared: bool = False
    # With `shared`, each scene's file (the key of its bytes, filecache.part): a scene the
    # last load compiled from the same bytes, equal and in an equal story, is reused.
    scene_keys: Mapping[str, str] | None = None

    def __post_init__(self) -> None:
        s = self.story
        self.partners = s.characters.partners
        self.default_partner = next(iter(self.partners))
        self.symbols = Symbols(
            partners=frozenset(self.partners),
            flags={k: type(v) for k, v in s.flags.items()},
            scenes=frozenset(s.scenes),
            default_partner=self.default_partner,
        )
        choices = frozenset(c.id for sc in s.scenes.values() for c in sc.choices)
        if s.conditions:  # compiled first: every other expression may use them
            named = compile_named(s.conditions, self.symbols, RESERVED, self.expr_error,
                                  self.key_error, choices)
            self.symbols = replace(self.symbols, conditions=named)
        self.memo = memo_for(self.symbols) if self.shared else Memo(self.symbols)
        # An ending scene's lines may also read what its closing sentences name (`cost.ID`):
        # their own memo, so the shared one stays keyed by what every scene may read.
        self.ending_memo = Memo(replace(self.symbols, closing=True, choices=choices))
        self.names = {"player": s.characters.player.name}
        self.names.update({pid: p.name for pid, p in self.partners.items()})

    # -- helpers ---------------------------------------------------------------
    def at(self, loc: PathKey) -> Mark:
        return self.located.mark_for(loc)

    def error(self, loc: PathKey, code: str, message: str, col: int = 0) -> None:
        self.diags.append(self.at(loc).diag(code, message, col))

    def key_error(self, loc: PathKey, code: str, message: str) -> None:
        self.diags.append(self.located.key_mark(loc).diag(code, message))

    def condition(self, source: str | None, loc: PathKey,
                  memo: Memo | None = None) -> Condition | None:
        if source is None:
            return None
        found = (memo or self.memo).condition(source)  # each distinct text once
        if isinstance(found, ExpressionError):
            self.expr_error(found, loc)
            return None
        return found

    def effects(self, sources: list[str], loc: PathKey) -> tuple[Effect, ...]:
        out: list[Effect] = []
        for i, src in enumerate(sources):
            found = self.memo.effect_list(src)
            if isinstance(found, ExpressionError):
                self.expr_error(found, (*loc, i))
            else:
                out.extend(found)
        return tuple(out)

    def effects_on(self, raw: Mapping[str, list[str]], loc: PathKey,
                   move: str) -> dict[str, tuple[Effect, ...]]:
        """`effects:` written per landing, keyed as reactions are."""
        check_effect_keys(raw, loc, move, ALLOWED[move], self.key_error)
        return {key: self.effects(srcs, (*loc, key)) for key, srcs in raw.items()}

    def expr_error(self, exc: ExpressionError, loc: PathKey) -> None:
        mark = self.at(loc)
        self.diags.append(mark.diag(exc.code, exc.message, exc.column + mark.quote))

    def text(self, raw: str, loc: PathKey, keep: tuple[str, ...] = ()) -> str:
        """`raw` with character placeholders filled; those in `keep` (an ending's {cost}...)
        are left for the ending to fill."""
        if "{" not in raw:
            return raw

        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name in self.names:
                return self.names[name]
            if name in keep:
                return m.group(0)
            if name in NAMED_MOVES:  # the right word in the wrong place
                self.error(loc, "W003", f"'{{{name}}}' is filled only in the lines of an "
                           "ending scene, where the closing sentences are known (authoring.md "
                           "section 13); here the player would see it as written")
                return m.group(0)
            known = [*self.names, *keep]
            self.error(loc, "W003", f"unknown placeholder '{{{name}}}'"
                       f"{did_you_mean(name, known)}; "
                       f"known: {listing('{' + n + '}' for n in known)}")
            return m.group(0)

        return PLACEHOLDER.sub(sub, raw)

    def partner(self, pid: str | None, loc: PathKey, fallback: str) -> str:
        if pid is None:
            return fallback
        if pid not in self.partners:
            self.error(loc, "E020", f"unknown partner '{pid}'"
                       f"{did_you_mean(pid, self.partners)}; declared: {listing(self.partners)}")
            return fallback
        return pid

    def target(self, sid: str, loc: PathKey) -> None:
        if sid not in self.story.scenes:
            self.error(loc, "E013", f"no scene called '{sid}'"
                       f"{did_you_mean(sid, self.story.scenes)}")

    # -- compile ---------------------------------------------------------------
    def lines(self, lines: list[Line], loc: PathKey, ending: bool = False) -> tuple[CLine, ...]:
        # The commonest node of a story: a plain line skips the calls that only matter for
        # placeholders, conditions or a problem (this runs on every load, cached or not).
        out = []
        names, partners = self.names, self.partners
        for i, line in enumerate(lines):
            speaker, text, cond = line.speaker, line.text, None
            if speaker not in SPEAKERS and speaker not in partners:
                hint = did_you_mean(speaker, [*SPEAKERS, *partners])
                self.error((*loc, i), "E020", f"unknown speaker '{speaker}'{hint}; use "
                           f"narrator, player or one of: {listing(partners)}")
            recalls: tuple[str, ...] = ()
            if "{" in text:
                text = self.text(text, (*loc, i), NAMED_MOVES if ending else ())
                recalls = tuple(r for r in NAMED_MOVES if f"{{{r}}}" in text) if ending else ()
                for r in (r for r in recalls if text.count(f"{{{r}}}") > 1):
                    self.error((*loc, i), "W003", f"'{{{r}}}' appears more than once in one "
                               "line; only the first is filled")
            if line.if_ is not None:
                cond = self.condition(line.if_, (*loc, i, "if"),
                                      self.ending_memo if ending else None)
            out.append(CLine(speaker, text, cond, line.mood, names.get(speaker, ""), recalls))
        return tuple(out)

    def reactions(self, c: Choice, loc: PathKey, move: str) -> dict[str, tuple[CLine, ...]]:
        allowed = ALLOWED[move]
        out: dict[str, tuple[CLine, ...]] = {}
        raw = c.reactions
        if c.reaction is not None:
            raw = dict(raw)
            raw.setdefault("default", c.reaction)
        for key, value in raw.items():
            # Where this reaction is written: built only when something needs it.
            if key not in allowed:
                self.key_error(self.reaction_loc(c, loc, key), "E023",
                               cannot_land(c.kind, key, allowed))
            if isinstance(value, str):  # narration: no speaker or condition to check
                if "{" in value:
                    value = self.text(value, self.reaction_loc(c, loc, key))
                out[key] = (CLine("narrator", value),)
            else:
                out[key] = self.lines(value, self.reaction_loc(c, loc, key))
        return out

    @staticmethod
    def reaction_loc(c: Choice, loc: PathKey, key: str) -> PathKey:
        return (*loc, "reactions", key) if key in c.reactions else (*loc, "reaction")

    def choice(self, sid: str, c: Choice, loc: PathKey, partner: str,
               fallback: bool) -> CChoice:
        """`fallback`: whether the scene has a way on of its own (see `has_fallback`)."""
        kind, nxt, layer = c.kind, c.next, c.layer
        complete = c.response is not None if kind == "respond" else c.response is None and (
            layer is None if kind == "plain" else layer is not None and (
                kind == "ask" or layer == 0 or c.topic is not None))
        if c.invited or not complete:
            check_requirements(c, loc, self.error)  # a kind of move's field missing or wrong
        move = "small_talk" if kind == "disclose" and layer == 0 else kind
        scenes = self.story.scenes
        targets: dict[str, str] = {}
        if isinstance(nxt, str):
            targets["default"] = nxt
            if nxt not in scenes:
                self.target(nxt, (*loc, "next"))
        elif nxt is not None:
            allowed = ALLOWED[move]
            for key, sid2 in nxt.items():
                if key not in allowed:
                    self.key_error((*loc, "next", key), "E023", cannot_land(kind, key, allowed))
                if sid2 not in scenes:
                    self.target(sid2, (*loc, "next", key))
                targets[key] = sid2
        if not fallback and "default" not in targets and not MUST_LEAD[move] <= targets.keys():
            landings = MUST_LEAD[move]
            missing = "" if not targets else (
                f" for {', '.join(sorted(landings - set(targets)))} (add those, or 'default')")
            self.error(loc, "E018", f"choice '{c.id}' has no 'next'{missing} and scene "
                       f"'{sid}' has no 'next' or 'branches' to fall back on")
        text, say = c.text, c.say
        return CChoice(
            id=c.id, scene=sid, kind=kind,
            label=self.text(text, (*loc, "text")) if "{" in text else text,
            layer=c.layer or 0, topic=c.topic, emotional=c.tone == "emotional",
            response=c.response,
            partner=partner if c.partner is None else self.partner(
                c.partner, (*loc, "partner"), partner),
            say=(self.text(say, (*loc, "say")) if "{" in say else say) if say else None,
            # "premature": a disclosure that skipped a layer, whatever its landing.
            because=reasons(c.because, loc, "small-talk disclosure (layer 0)"
                            if move == "small_talk" else f"{c.kind} move",
                            (*ALLOWED[move], "premature")
                            if move == "disclose" else ALLOWED[move], self.text,
                            self.key_error) if c.because else {},
            sorry_for=sorry_ids(c), invited=bool(c.invited),
            recalled=self.text(c.recalled, (*loc, "recalled")) if c.recalled else "",
            cond=self.condition(c.if_, (*loc, "if")) if c.if_ is not None else None,
            effects=self.effects(c.effects, (*loc, "effects"))
            if isinstance(c.effects, list) and c.effects else (),
            effects_on=self.effects_on(c.effects, (*loc, "effects"), move)
            if isinstance(c.effects, dict) else {},
            reactions=self.reactions(c, loc, move) if c.reactions or c.reaction is not None
            else {}, next=targets,
        )

    def scene(self, sid: str, scene: Scene) -> CScene:
        loc: PathKey = ("scenes", sid)
        partner = self.default_partner
        if scene.partner is not None:
            partner = self.partner(scene.partner, (*loc, "partner"), partner)
        scenes = self.story.scenes
        seen: set[str] = set()
        choices = []
        fallback = has_fallback(scene)
        for i, c in enumerate(scene.choices):
            if c.id in seen:
                self.error((*loc, "choices", i, "id"), "E014",
                           f"choice id '{c.id}' is used twice in scene '{sid}'")
            seen.add(c.id)
            choices.append(self.choice(sid, c, (*loc, "choices", i), partner, fallback))
        branches = []
        for i, b in enumerate(scene.branches):
            if b.to not in scenes:
                self.target(b.to, (*loc, "branches", i, "to"))
            branches.append((self.condition(b.if_, (*loc, "branches", i, "if")), b.to))
        if scene.next is not None and scene.next not in scenes:
            self.target(scene.next, (*loc, "next"))
        self.shape(sid, scene)
        disclosure = scene.partner_discloses
        if disclosure is not None and disclosure.partner is not None:
            self.partner(disclosure.partner, (*loc, "partner_discloses", "partner"), partner)
        return CScene(
            id=sid, title=scene.title, background=scene.background, partner=partner,
            mood=scene.mood, disclosure=disclosure,
            on_enter=self.effects(scene.on_enter, (*loc, "on_enter")) if scene.on_enter else (),
            lines=self.lines(scene.lines, (*loc, "lines"), scene.ending is not None)
            if scene.lines else (),
            choices=tuple(choices), branches=tuple(branches), next=scene.next,
            ending=scene.ending,
            hides_depth=(scene.depth_on_cards or self.story.depth_on_cards) == "hidden",
            hides_kinds=(scene.kinds_on_cards or self.story.kinds_on_cards) == "hidden",
            because=reason_text(scene.because, (*loc, "because"), self.text)
            if scene.because else "",
        )

    def compile_scenes(self) -> dict[str, CScene]:
        """Every scene, compiled or, with `scene_keys`, as the last load of this process
        compiled it with its diagnostics, where that is provably the same (game/story/
        memo.py). Either way the diagnostics come in the scenes' order."""
        keys = self.scene_keys
        if keys is None or not self.shared:
            return {sid: self.scene(sid, sc) for sid, sc in self.story.scenes.items()}
        # What a scene's compiling may read besides the scene: all the rest of the story.
        around = (msgspec.structs.replace(self.story, scenes={}), self.root, self.source)
        before = self.memo.scenes_for(around)
        now: dict[tuple[str, str], tuple[Scene, CScene, tuple[Diagnostic, ...]]] = {}
        out = {}
        for sid, sc in self.story.scenes.items():
            key = (keys.get(sid, ""), sid)  # "": a scene of no one file, never reused
            found = before.get(key) if key[0] else None
            if found is not None and found[0] == sc:
                self.diags.extend(found[2])
            else:
                start = len(self.diags)
                found = (sc, self.scene(sid, sc), tuple(self.diags[start:]))
            now[key] = found
            out[sid] = found[1]
        self.memo.scenes = now
        return out

    def shape(self, sid: str, scene: Scene) -> None:
        loc: PathKey = ("scenes", sid)
        if scene.ending is not None:
            if scene.choices or scene.next or scene.branches:
                self.key_error((*loc, "ending"), "E018", f"ending scene '{sid}' cannot also have "
                           "choices, next or branches")
            return
        if not scene.choices and scene.next is None and not scene.branches:
            self.key_error(loc, "E018", f"scene '{sid}' has no choices, no 'next', no 'branches' "
                           "and no 'ending': the story would stop here")
        if scene.branches and not has_fallback(scene):
            # Branches are the way on when no choice is available (or a choice has no
            # 'next'); if they can all be false, play would stop there.
            self.error((*loc, "branches"), "E018", f"scene '{sid}': every branch has a "
                       "condition; add a last branch without 'if', or a 'next'")

    def rupture(self, scenes: dict[str, CScene]) -> str:
        rid = self.story.rupture
        if rid is None:
            self.diags.append(self.located.key_mark(("id",)).diag(
                "W007", "no 'rupture' scene declared; a plain built-in one will be used"))
            scenes[RUPTURE_FALLBACK] = fallback_rupture(self.default_partner,
                                                        self.names[self.default_partner])
            return RUPTURE_FALLBACK
        self.target(rid, ("rupture",))
        found = self.story.scenes.get(rid)
        if found is not None and (found.ending is None or found.ending.outcome != "ruptured"):
            self.error(("rupture",), "E022", f"rupture scene '{rid}' must be an ending "
                       "with outcome: ruptured")
        return rid

    def build(self) -> CompiledStory:
        s = self.story
        if s.start not in s.scenes:
            self.error(("start",), "E012", f"the start scene '{s.start}' does not exist"
                       f"{did_you_mean(s.start, s.scenes)}")
        for pid in self.partners:
            if pid in RESERVED:
                self.key_error(("characters", "partners", pid), "E020",
                           f"'{pid}' is a reserved word and cannot be a partner id")
        scenes = self.compile_scenes()
        check_apologies(self.story, self.error)
        rupture = self.rupture(scenes)
        return CompiledStory(
            meta=s, root=self.root, source=self.source, scenes=scenes,
            params={pid: partner_params(s, pid, self.error) for pid in self.partners},
            default_partner=self.default_partner,
            rupture=rupture,
        )


def has_fallback(scene: Scene) -> bool:
    """Whether the scene always has somewhere to go when a choice does not say where."""
    return scene.next is not None or bool(scene.branches and scene.branches[-1].if_ is None)


def fallback_rupture(pid: str, name: str) -> CScene:
    text = (f"{name} goes quiet, then finds a reason to leave. Whatever was starting "
            "between you has closed, at least for now.")
    return CScene(
        id=RUPTURE_FALLBACK, title="The door closes", background=None, partner=pid,
        mood="hurt", disclosure=None, on_enter=(), lines=(CLine("narrator", text),),
        choices=(), branches=(), next=None,
        ending=Ending(outcome="ruptured", title="The door closes",
                      reflection="Too much, too soon, or too little care in return."),
    )
