"""Random stories built to the format's shape, so that many of them load and can be played.

Random YAML rarely survives validation, and mutants of the bundled stories keep their
authors' careful structure. These stories have random graphs, random conditions and
effects on every hook, random kinds of move and partial `next` maps: the combinations a
new author writes, which is where a story that loads can still trip the runtime.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from .strategies import ASSETS
from .strategies import bool_expr as any_bool_expr
from .strategies import effect_expr as any_effect_expr

ENDINGS = {"close": "deepened", "polite": "acquaintance", "gone": "ruptured"}
# Only names these stories declare, so most expressions compile and the story loads.
NUMS = ("sam.trust", "sam.defence", "sam.reached", "sam.opened", "sam.topics", "trust",
        "defence", "flag.count", "visits.s0", "visits.close")
BOOLS = ("flag.waved", "flag.met", "sam.deepened", "sam.ruptured")
LANDINGS = {"disclose": ["supportive", "reciprocated", "neutral", "judgemental"],
            "ask": ["welcome", "intrusion"], "respond": ["supportive", "neutral",
                                                        "dismissive", "judgemental"],
            "plain": []}


def bool_expr() -> st.SearchStrategy[str]:
    return any_bool_expr(NUMS, BOOLS)


def effect_expr() -> st.SearchStrategy[str]:
    return any_effect_expr(NUMS, BOOLS, ("sam.trust", "sam.defence", "trust", "defence"))


TUNING = ("thresholds", "skip_penalty", "noise", "neutral_band", "support_trust",
          "emotional_weight", "judge_trust", "judge_defence", "premature_defence",
          "reciprocity", "probe_step", "rupture_trust", "rupture_defence", "deepen_trust",
          "deepen_layer", "deepen_topics", "small_talk_ceiling", "cushion_floor")
# Mostly ordinary values, with the edges a model section can hold: 0, negatives, huge,
# and "1e999", which YAML leaves as text and the schema turns into infinity.
tuning_value = st.one_of(
    st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 1)),
    st.integers(0, 3),
    st.sampled_from([-1, -0.5, 1e300, "1e999", "-1e999", 1e-300, 500]),
)
triple = st.lists(st.one_of(st.floats(-100, 200, allow_nan=False), st.just("1e999")),
                  min_size=3, max_size=3)


@st.composite
def tuning(draw: st.DrawFn) -> dict[str, Any]:
    keys = draw(st.lists(st.sampled_from(TUNING), unique=True, max_size=4))
    return {k: draw(triple if k in ("thresholds", "reciprocity") else tuning_value)
            for k in keys}


def maybe(draw: st.DrawFn, strategy: st.SearchStrategy[Any], chance: int = 3) -> Any:
    """A value from `strategy` one time in `chance`, else None."""
    return draw(strategy) if draw(st.integers(1, chance)) == 1 else None


@st.composite
def choice(draw: st.DrawFn, cid: str, targets: list[str]) -> dict[str, Any]:
    kind = draw(st.sampled_from(["disclose", "ask", "respond", "plain"]))
    c: dict[str, Any] = {"id": cid, "text": f"Choice {cid}", "kind": kind}
    if kind in ("disclose", "ask"):
        c["layer"] = draw(st.integers(0, 3))
        c["topic"] = draw(st.sampled_from(["work", "family", "fear", "music"]))
        c["tone"] = draw(st.sampled_from(["factual", "emotional"]))
    if kind == "respond":
        c["response"] = draw(st.sampled_from(LANDINGS["respond"]))
    if (cond := maybe(draw, bool_expr())) is not None:
        c["if"] = cond
    if (eff := maybe(draw, effect_expr())) is not None:
        c["effects"] = [eff]
    if draw(st.booleans()):
        c["reactions"] = {k: f"{{sam}} reacts: {k}." for k in
                          draw(st.lists(st.sampled_from([*LANDINGS[kind], "default"]),
                                        unique=True, max_size=3))}
    shape = draw(st.sampled_from(["one", "map", "none", "one"]))
    if shape == "one":
        c["next"] = draw(st.sampled_from(targets))
    elif shape == "map":
        keys = draw(st.lists(st.sampled_from([*LANDINGS[kind], "default"]), unique=True,
                             max_size=4))
        c["next"] = {k: draw(st.sampled_from(targets)) for k in keys}
    return c


@st.composite
def scene(draw: st.DrawFn, sid: str, targets: list[str]) -> dict[str, Any]:
    s: dict[str, Any] = {"lines": ["A room.", {"sam": "Hello, {player}."}]}
    if (line_if := maybe(draw, bool_expr(), 4)) is not None:
        s["lines"].append({"speaker": "narrator", "text": "Only sometimes.", "if": line_if})
    n = draw(st.integers(0, 3))
    s["choices"] = [draw(choice(f"c{i}", targets)) for i in range(n)]
    if draw(st.integers(1, 3)) == 1:
        branches = [{"if": draw(bool_expr()), "to": draw(st.sampled_from(targets))}
                    for _ in range(draw(st.integers(1, 2)))]
        if draw(st.integers(1, 4)) > 1:  # usually a last branch with no condition
            branches.append({"to": draw(st.sampled_from(targets))})
        s["branches"] = branches
    if n == 0 or draw(st.integers(1, 3)) == 1:
        s["next"] = draw(st.sampled_from(targets))
    if (enter := maybe(draw, effect_expr(), 4)) is not None:
        s["on_enter"] = [enter]
    if draw(st.integers(1, 8)) == 1:
        s["background"] = draw(ASSETS)
    if draw(st.integers(1, 5)) == 1:
        s["partner_discloses"] = {"layer": draw(st.integers(1, 3)), "topic": "work"}
    return s


@st.composite
def story_docs(draw: st.DrawFn) -> dict[str, Any]:
    names = [f"s{i}" for i in range(draw(st.integers(1, 5)))]
    targets = [*names, *ENDINGS]
    partners: dict[str, Any] = {"sam": {"name": "Sam", "trust": draw(st.integers(0, 100)),
                                        "defence": draw(st.integers(0, 100))}}
    if draw(st.integers(1, 8)) == 1:
        partners["sam"]["portraits"] = {"neutral": draw(ASSETS)}
    if draw(st.integers(1, 6)) == 1:
        partners["sam"]["traits"] = draw(tuning())
    if draw(st.booleans()):
        partners["kim"] = {"name": "Kim"}
    model = draw(tuning()) if draw(st.integers(1, 6)) == 1 else {}
    return {
        "model": model,
        "id": "fuzzed", "title": "Fuzzed", "start": "s0", "rupture": "gone",
        "characters": {"partners": partners},
        "flags": {"waved": False, "met": False, "count": 0},
        "scenes": {
            **{sid: draw(scene(sid, targets)) for sid in names},
            **{sid: {"ending": {"outcome": outcome, "title": sid.title()}}
               for sid, outcome in ENDINGS.items()},
        },
    }
