"""The debrief as plain data: the meter series, the onion, the key moments and the outcome.

The window's debrief screen, the Markdown export and the PNG chart all draw from one
`Debrief`, so a class sees the same numbers and words wherever it looks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from game.model.wording import LAYER_AREAS, number
from game.persist.record import PlaythroughRecord, StepRecord

FLAGGED = ("judgemental", "intrusion", "dismissive")
"""Landings that went badly; the chart flags them and the transcript marks them."""
MAX_MOMENTS = 5
MIN_MOMENTS = 3
MOMENT_SHARE = 0.25  # past the third, a moment must be a quarter as big as the biggest


@dataclass(frozen=True, slots=True, kw_only=True)
class Point:
    """The partner's meters after one step; step 0 is the start, before any choice."""

    step: int
    trust: float
    defence: float
    trust_change: float
    defence_change: float
    label: str  # the choice's text; empty at the start
    kind: str  # disclose | ask | respond | plain, or "start"
    layer: int | None  # disclose and ask only
    landing: str  # empty at the start
    flag: str | None  # the landing when it is one of FLAGGED
    ruptured: bool

    @property
    def magnitude(self) -> float:
        return abs(self.trust_change) + abs(self.defence_change)


@dataclass(frozen=True, slots=True, kw_only=True)
class Moment:
    """One of the biggest changes, with the explanation a teacher can read aloud."""

    point: Point
    sentences: tuple[str, ...]
    rules: tuple[str, ...]

    @property
    def headline(self) -> str:
        p = self.point
        return (f"Step {p.step}, \"{p.label}\": trust {signed(p.trust_change)}, "
                f"defence {signed(p.defence_change)}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Criterion:
    """One condition of the deepened outcome, checked against the final meters."""

    key: str  # trust | defence | reached | opened | topics | moves | heard | hurt | closeness
    label: str
    value: float
    target: float
    at_least: bool  # True: value >= target is needed; False: value <= target
    met: bool

    @property
    def need(self) -> str:
        return f"{number(self.target)} {'or more' if self.at_least else 'or less'}"

    @property
    def text(self) -> str:
        return f"{self.label} {number(self.value)} (needs {self.need})"


@dataclass(frozen=True, slots=True, kw_only=True)
class Debrief:
    title: str
    partner: str
    partner_name: str
    player_name: str
    outcome: str  # deepened | acquaintance | ruptured | unfinished
    ending_title: str | None
    verdict: str  # the model's own verdict on the final meters
    points: tuple[Point, ...]
    reached: int  # deepest layer the player reached with the partner
    opened: int  # deepest layer the partner opened
    topics: tuple[str, ...]
    moments: tuple[Moment, ...]
    criteria: tuple[Criterion, ...]
    deepen_trust: float
    deepen_defence: float
    led_to: tuple[str, ...]  # "what led to it", a few sentences

    @property
    def finished(self) -> bool:
        return self.outcome != "unfinished"

    @property
    def flagged(self) -> tuple[Point, ...]:
        return tuple(p for p in self.points if p.flag)


def signed(value: float) -> str:
    text = number(value)
    return text if text.startswith("-") or text == "0" else f"+{text}"


def main_partner(record: PlaythroughRecord) -> str:
    """The partner most steps address; the story's first partner when there are no steps."""
    counts = Counter(s.partner for s in record.steps if s.kind != "plain")
    return counts.most_common(1)[0][0] if counts else next(iter(record.partners))


def debrief(record: PlaythroughRecord, partner: str | None = None) -> Debrief:
    """The debrief of one partner (by default the main one) over the whole record."""
    pid = partner or main_partner(record)
    info = record.partners[pid]
    points = _points(record, pid)
    final = record.meters_at(len(record.steps), pid)
    criteria = _criteria(record, pid)
    verdict = "ruptured" if final.ruptured else (
        "deepened" if all(c.met for c in criteria) else "acquaintance")
    outcome = record.outcome or "unfinished"
    moments = _moments(record, points)
    d = Debrief(
        title=record.title, partner=pid, partner_name=info.name, player_name=record.player,
        outcome=outcome, ending_title=record.ending.title if record.ending else None,
        verdict=verdict, points=points, reached=final.reached, opened=final.opened,
        topics=final.topics, moments=moments, criteria=criteria,
        deepen_trust=info.criteria["deepen_trust"],
        deepen_defence=info.criteria["deepen_defence"], led_to=(),
    )
    return _with_summary(d)


def _points(record: PlaythroughRecord, pid: str) -> tuple[Point, ...]:
    start = record.partners[pid].start
    out = [Point(step=0, trust=start.trust, defence=start.defence, trust_change=0.0,
                 defence_change=0.0, label="", kind="start", layer=None, landing="", flag=None,
                 ruptured=start.ruptured)]
    for s in record.steps:
        m, before = s.meters[pid], out[-1]
        landing = s.landing if s.partner == pid else ""
        out.append(Point(step=s.step, trust=m.trust, defence=m.defence,
                         trust_change=m.trust - before.trust,
                         defence_change=m.defence - before.defence, label=s.label,
                         kind=s.kind, layer=s.layer, landing=landing,
                         flag=landing if landing in FLAGGED else None, ruptured=m.ruptured))
    return tuple(out)


def _moments(record: PlaythroughRecord, points: tuple[Point, ...]) -> tuple[Moment, ...]:
    ranked = sorted((p for p in points[1:] if p.magnitude > 0),
                    key=lambda p: (-p.magnitude, p.step))[:MAX_MOMENTS]
    if ranked:
        floor = ranked[0].magnitude * MOMENT_SHARE
        ranked = ranked[:MIN_MOMENTS] + [p for p in ranked[MIN_MOMENTS:] if p.magnitude >= floor]
    return tuple(_moment(record.steps[p.step - 1], p)
                 for p in sorted(ranked, key=lambda p: p.step))


def _moment(step: StepRecord, point: Point) -> Moment:
    sentences = step.sentences or ("No model move: the story's own effects changed the "
                                   "meters at this point.",)
    return Moment(point=point, sentences=sentences, rules=step.rules)


def _criteria(record: PlaythroughRecord, pid: str) -> tuple[Criterion, ...]:
    final = record.meters_at(len(record.steps), pid)
    c = record.partners[pid].criteria
    rows: list[tuple[str, str, float | None, float | None, bool]] = [
        ("trust", "Trust", final.trust, c["deepen_trust"], True),
        ("defence", "Defence", final.defence, c["deepen_defence"], False),
        ("reached", "Layer you reached", final.reached, c["deepen_layer"], True),
        ("opened", "Layer they opened", final.opened, c["deepen_layer"], True),
        ("topics", "Topics shared", len(final.topics), c["deepen_topics"], True),
        # Model v2 (meets_deepened in game/model/rules.py); a format 1 record has none.
        ("moves", "Moves made together", final.moves, c.get("deepen_moves"), True),
        ("heard", "Times they felt heard", final.heard, c.get("deepen_heard"), True),
        ("hurt", "Hurts not yet repaired", final.hurt, c.get("deepen_hurt"), False),
        ("closeness", "Closeness", final.closeness, c.get("deepen_closeness"), True),
    ]
    return tuple(
        Criterion(key=key, label=label, value=float(value), target=target, at_least=at_least,
                  met=value >= target if at_least else value <= target)
        for key, label, value, target, at_least in rows
        if value is not None and target is not None
    )


def _with_summary(d: Debrief) -> Debrief:
    lines = [_outcome_sentence(d), *_criteria_sentences(d), *_turning_points(d)]
    bad = d.flagged
    if bad:
        steps = _join([str(p.step) for p in bad])
        lines.append(f"{len(bad)} move{'s' * (len(bad) != 1)} went badly (judged, "
                     f"intrusive or dismissive): step{'s' * (len(bad) != 1)} {steps}.")
    return replace(d, led_to=tuple(lines))


def _outcome_sentence(d: Debrief) -> str:
    p = d.partner_name
    last = d.points[-1].step
    if d.outcome == "unfinished":
        return (f"The playthrough stopped after step {last}, before an ending; by the "
                f"model's measure it was heading for {d.verdict}.")
    title = f" (\"{d.ending_title}\")" if d.ending_title else ""
    text = {
        "deepened": f"The story ended with you and {p} close{title}.",
        "acquaintance": f"The story ended with {p} still an acquaintance{title}.",
        "ruptured": f"The relationship with {p} ruptured{title}.",
    }[d.outcome]
    if d.outcome != d.verdict:
        text += (f" The story chose this ending by its own conditions; by the model's "
                 f"measure alone the relationship was {d.verdict}.")
    return text


def _criteria_sentences(d: Debrief) -> list[str]:
    if d.verdict == "ruptured":
        broke = next((p for p in d.points if p.ruptured), d.points[-1])
        return [f"It broke at step {broke.step}, \"{broke.label}\": trust {number(broke.trust)}"
                f", defence {number(broke.defence)}. A rupture cannot be repaired."]
    met = [c.text for c in d.criteria if c.met]
    missed = [c.text for c in d.criteria if not c.met]
    if not missed:
        return ["Every condition for a deepened relationship was met: " + _join(met) + "."]
    out = ["A deepened relationship still needed: " + _join(missed) + "."]
    if met:
        out.append("Already met: " + _join(met) + ".")
    return out


def _turning_points(d: Debrief) -> list[str]:
    def gain(m: Moment) -> float:
        return m.point.trust_change - m.point.defence_change

    out = []
    best = max(d.moments, key=gain, default=None)
    if best is not None and gain(best) > 0:
        out.append(f"The biggest step forward was {_cite(best)}")
    worst = min(d.moments, key=gain, default=None)
    if worst is not None and gain(worst) < 0:
        out.append(f"The biggest setback was {_cite(worst)}")
    return out


def _cite(m: Moment) -> str:
    return f"step {m.point.step}, \"{m.point.label}\": {m.sentences[0]}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def layer_area(layer: int) -> str:
    """A layer as a place in the onion ("the private layer"), for the onion diagram."""
    return LAYER_AREAS[layer]
