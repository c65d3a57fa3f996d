"""Conformance v2: predictions 10-23, the behaviours model v2 added (docs/simulate.md).

Outcome predictions read the archetypes' tallies; the rest play the model directly with the
story's own parameters (modelchecks.py). A story that cannot exercise a prediction reports
it as N/A with the reason; nothing passes silently.
"""

from __future__ import annotations

from game.analysis import invariants as inv
from game.analysis.check import Check
from game.analysis.modelchecks import (
    apology_effects,
    fastest_deepening,
    invited_effects,
    low_trust_reply,
    maturity_ease,
    missing_criteria,
    question_effects,
    topic_gap,
    withdrawal,
)
from game.analysis.simulate import Tally
from game.story.compiled import CompiledStory

PACING = 6
"""No archetype may first meet the deepened criteria in fewer model moves than this."""


def rate(tallies: dict[str, Tally], name: str, outcome: str) -> float:
    """How often policy `name` ended with `outcome` (0 when it played no runs)."""
    t = tallies[name]
    return t.outcomes[outcome] / t.runs if t.runs else 0.0


def mean_trust(story: CompiledStory, tally: Tally) -> float:
    """Mean final trust over every partner (0-1), so multi-partner stories compare alike."""
    total = sum(tally.meters[f"{pid}.trust"] for pid in story.params)
    return total / 100 / max(1, tally.runs * len(story.params))


def responsiveness(tallies: dict[str, Tally]) -> list[Check]:
    """10 and 11: answering the partner warmly matters."""
    g = rate(tallies, "gradual", "deepened")
    out = []
    for number, name, how in ((10, "neutral", "answers every partner disclosure neutrally"),
                              (11, "ignorer", "leaves partner disclosures unanswered")):
        c = Check(number, f"a player who {how} deepens far less often than one who answers "
                  "warmly")
        if tallies[name].picks == tallies["gradual"].picks:
            c.not_applicable(f"{name} made the same choices as gradual in every run: the story "
                             "never offers that alternative to a warm answer")
        else:
            p = rate(tallies, name, "deepened")
            c.need(g - p >= 0.3, f"P(deepened | gradual) - P(deepened | {name}) = {g:.3f} - "
                   f"{p:.3f} = {g - p:.3f} >= 0.3", **{f"{name}_deepened": p})
        out.append(c)
    return out


def emotional(tallies: dict[str, Tally]) -> Check:
    """12: feelings build closeness faster than facts, in outcomes."""
    c = Check(12, "emotional disclosure deepens more often, or sooner, than factual")
    g, f = tallies["gradual"], tallies["factual"]
    if g.picks == f.picks:
        c.not_applicable("gradual and factual made the same choices in every run: the story "
                         "never offers a factual alternative to an emotional disclosure")
        return c
    pg, pf = rate(tallies, "gradual", "deepened"), rate(tallies, "factual", "deepened")
    later = None if g.earliest is None else (f.earliest - g.earliest if f.earliest else 99)
    ok = pg - pf >= 0.2 or (later is not None and later >= 2)
    c.need(ok, f"P(deepened) gradual {pg:.3f} - factual {pf:.3f} = {pg - pf:.3f} >= 0.2, or "
           f"factual's earliest deepening {f.earliest} is >= 2 moves after gradual's "
           f"{g.earliest}", factual_deepened=pf, factual_earliest=f.earliest,
           gradual_earliest=g.earliest)
    return c


def pacing(story: CompiledStory, tallies: dict[str, Tally]) -> Check:
    """13: no path reaches the deepened criteria in fewer than PACING model moves."""
    c = Check(13, f"no player meets the deepened criteria within {PACING - 1} model moves, "
              "whatever the starting meters")
    for pid, move in fastest_deepening(story).items():
        c.need(move is None or move >= PACING, f"{pid}: an ideal player from trust 100, "
               f"defence 0 first meets them after move {move}", **{f"{pid}_fastest": move})
    for name, t in tallies.items():
        e = t.earliest
        c.need(e is None or e >= PACING, f"{name}: earliest_deepened_turn = {e}",
               **{f"{name}_earliest": e})
    return c


def late_stakes(tallies: dict[str, Tally]) -> Check:
    """14: a relationship going well can still be lost late."""
    c = Check(14, "turning cold after a good start (turncoat) rarely ends deepened")
    if tallies["turncoat"].picks == tallies["gradual"].picks:
        c.not_applicable("the story offers no cold answer or probe after six moves")
        return c
    p = rate(tallies, "turncoat", "deepened")
    c.need(p <= 0.3, f"P(deepened | turncoat) = {p:.3f} <= 0.3", turncoat_deepened=p)
    return c


def depenetration(story: CompiledStory) -> Check:
    """15: after a judged confidence at layer j, the partner shares below j for 2 moves."""
    c = Check(15, "after a judgemental answer to a layer-j confidence the partner's next "
              "reciprocations stay below j for two moves")
    for pid, params in story.params.items():
        for j in (2, 3):
            control, judged = withdrawal(params, j)
            c.need(control >= j and max(judged) < j, f"{pid}, layer {j}: warm answer then "
                   f"reciprocation at {control}; judged, then {judged[0]} and {judged[1]}",
                   **{f"{pid}_{j}_control": control, f"{pid}_{j}_judged": list(judged)})
    return c


def breadth(story: CompiledStory) -> Check:
    """16: breadth before depth."""
    c = Check(16, "a deep disclosure on a topic never opened at the layer above lands well "
              "less often than one on familiar ground")
    for pid, params in story.params.items():
        gap, worse = topic_gap(params)
        c.need(gap >= 0.2 and worse == 0, f"{pid}: P(supportive) lower by {gap:.2f} on a new "
               f"topic (needs >= 0.2); {worse} states where the new topic did better",
               **{f"{pid}_gap": round(gap, 3)})
    return c


def maturity(story: CompiledStory) -> Check:
    """17: reciprocity pressure eases as the relationship matures."""
    c = Check(17, "a one-layer imbalance costs less after many good exchanges than at the start")
    for pid, (first, later, good) in maturity_ease(story).items():
        c.need(good > 0 and later < first, f"{pid}: imbalance penalty {first:.1f} at the start, "
               f"{later:.1f} after {good} good exchanges", **{f"{pid}_first": first,
                                                             f"{pid}_later": later})
    return c


def questions(story: CompiledStory, tallies: dict[str, Tally]) -> Check:
    """18: well-timed questions build trust; only unearned deep ones intrude."""
    c = Check(18, "personal and follow-up questions raise trust, an unearned private question "
              "raises defence, and the questioner ends with more trust than the guarded player")
    for pid, (ask1, follow, pried, ask1_d) in question_effects(story).items():
        c.need(ask1 > 0 and follow > 0 and ask1_d <= 0 and pried > 0,
               f"{pid}: personal question trust {ask1:+.1f} defence {ask1_d:+.1f}; follow-up "
               f"trust {follow:+.1f}; unearned private question defence {pried:+.1f}")
    tq, tg = mean_trust(story, tallies["questioner"]), mean_trust(story, tallies["guarded"])
    c.need(tq > tg, f"mean final trust: questioner {tq:.2f} > guarded {tg:.2f}",
           questioner_trust=tq, guarded_trust=tg)
    return c


def oversharing(tallies: dict[str, Tally]) -> Check:
    """19: reckless over-sharing ruptures, but one misstep can be lived down."""
    c = Check(19, "the over-sharer usually ruptures, yet one premature disclosure followed by "
              "gradual play can still deepen")
    r = rate(tallies, "oversharer", "ruptured")
    c.need(r >= 0.5, f"P(ruptured | oversharer) = {r:.3f} >= 0.5", oversharer_ruptured=r)
    if tallies["misstep"].picks == tallies["gradual"].picks:
        c.measured.append("the story offers no premature disclosure on the misstep's first "
                          "move; only the first half applies")
        return c
    m = rate(tallies, "misstep", "deepened")
    c.need(m > 0, f"P(deepened | one misstep, then gradual) = {m:.3f} > 0", misstep_deepened=m)
    return c


def accounting(tallies: dict[str, Tally]) -> Check:
    """20: the glass box never says anything the meters did not do."""
    c = Check(20, "under random play, every step's meter change for every partner equals the "
              "sum of the changes its explanation lists")
    counts = tallies["random"].checks
    steps = counts[inv.STEPS]
    if not steps:
        c.not_applicable("random play made no moves")
        return c
    c.need(counts[inv.UNEXPLAINED] == 0, f"{inv.UNEXPLAINED}: {counts[inv.UNEXPLAINED]} in "
           f"{steps} moves", unexplained=counts[inv.UNEXPLAINED])
    return c


def criteria(story: CompiledStory) -> Check:
    """21: deepened means depth, breadth, mutuality and feeling heard, all at once."""
    c = Check(21, "a relationship missing depth, breadth, mutuality or feeling heard, or "
              "holding an unrepaired hurt, is not deepened")
    for pid, params in story.params.items():
        wrong = [what for what, met in missing_criteria(params).items() if met]
        c.need(not wrong, f"{pid}: counted as deepened without "
               f"{', '.join(wrong) if wrong else 'any one of them: never'}")
    return c


def trust_to_confide(story: CompiledStory) -> Check:
    """22: partners confide in those they trust, not in anyone who is kind once."""
    c = Check(22, "a partner with low trust does not confide at the private layer, even after "
              "receiving a private disclosure well")
    for pid, params in story.params.items():
        reply = low_trust_reply(params)
        c.need(0 <= reply < 2, f"{pid}: at trust 20 the partner reciprocated at layer {reply}"
               if reply >= 0 else f"{pid}: the disclosure was not received well",
               **{f"{pid}_reply": reply})
    return c


def apology(story: CompiledStory) -> Check:
    """23: owning a hurt is never judged, and an apology taken mends it."""
    c = Check(23, "an apology that owns a hurt is never judged and never lowers trust, and "
              "one taken warmly (or shown taken) mends one hurt")
    for pid, params in story.params.items():
        n = apology_effects(params)
        c.need(n["judged"] == 0 and n["trust_fell"] == 0,
               f"{pid}: of {n['tried']} apologies over the grid, {n['judged']} judged and "
               f"{n['trust_fell']} lowered trust", **{f"{pid}_judged": n["judged"]})
        c.need(n["warm"] > 0 and n["unmended"] == 0 and n["plain_mended"] == 1,
               f"{pid}: {n['warm']} taken warmly, {n['unmended']} of them left the hurt; a "
               f"plain apology {'mended' if n['plain_mended'] else 'left'} it",
               **{f"{pid}_unmended": n["unmended"]})
    return c


def invited(story: CompiledStory) -> Check:
    """24: the partner who asked set the depth; an honest answer is not judged for pace."""
    c = Check(24, "an answer to a question the partner asked is never judged, never drawn "
              "the guard of going too fast, and never lowers trust")
    for pid, params in story.params.items():
        n = invited_effects(params)
        c.need(n["judged"] == 0 and n["paced"] == 0 and n["trust_fell"] == 0,
               f"{pid}: of {n['tried']} invited answers over the grid, {n['judged']} judged, "
               f"{n['paced']} drew the pace's guard and {n['trust_fell']} lowered trust",
               **{f"{pid}_paced": n["paced"]})
    return c


def evaluate_v2(story: CompiledStory, tallies: dict[str, Tally]) -> list[Check]:
    return [*responsiveness(tallies), emotional(tallies), pacing(story, tallies),
            late_stakes(tallies), depenetration(story), breadth(story), maturity(story),
            questions(story, tallies), oversharing(tallies), accounting(tallies),
            criteria(story), trust_to_confide(story), apology(story), invited(story)]
