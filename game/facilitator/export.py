"""Exports of a playthrough record: a Markdown transcript, a CSV of meters, the debrief chart
and the record's own JSON.

Markdown, CSV and JSON are built here without pygame. The PNG is drawn by a front end: the
caller hands `export` its `chart` renderer (the window's game/ui/chart.py render_chart), so
the facilitator core imports no front end.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from game.errors import ConfideError
from game.facilitator.debrief import FLAGGED, Debrief, debrief, signed
from game.facilitator.votes import SplitRow, class_split, split_text
from game.glossary import LAYER_NAMES
from game.model.wording import LAYER_AREAS, landing_words, number
from game.persist.record import COUNTERS, Line, Meters, PlaythroughRecord, StepRecord
from game.persist.recordjson import write_file, write_record
from game.safetext import csv_cell, markdown

FORMATS = ("md", "csv", "png")  # what `confide export` writes
EXPORTS = (*FORMATS, "json")  # the window also exports the record itself
CSV_FIELDS = ("step", "scene", "choice", "kind", "layer", "topic", "landing", "trust",
              "defence", "reached", "opened", "topics", "partner", "label")
COUNTER_FIELDS = COUNTERS  # model v2's counters, in records that keep them (format 2)
VOTE_FIELDS = ("votes", "votes_for_choice", "split")  # only in records with class votes
CSV_ENCODING = "utf-8-sig"  # the BOM makes Excel read UTF-8; other tools skip it
ChartRenderer = Callable[[Debrief, Path, tuple[int, int]], Path]
"""Draws a debrief's chart as a PNG of that size at that path; a front end provides it."""


def export(record: PlaythroughRecord, fmt: str, out: Path | str, *,
           partner: str | None = None, size: tuple[int, int] = (1280, 720),
           chart: ChartRenderer | None = None) -> Path:
    """Write one export of `record` to `out`, atomically; returns the path written.

    A PNG needs `chart`, the renderer of the front end asking for it."""
    path = Path(out)
    if fmt == "png":
        if chart is None:
            raise ConfideError("a PNG chart can only be drawn by the window's chart renderer, "
                               "which is not available here")
        return chart(debrief(record, partner), path, size)
    if fmt == "csv":
        return write_file(path, to_csv(record, partner).encode(CSV_ENCODING))
    if fmt == "md":
        return write_file(path, to_markdown(record, partner).encode("utf-8"))
    if fmt == "json":
        return write_record(record, path)
    raise ConfideError(f"unknown export format '{fmt}' (choose {', '.join(EXPORTS)})")


# -- CSV --------------------------------------------------------------------------------------
def to_csv(record: PlaythroughRecord, partner: str | None = None) -> str:
    """One row for the start (step 0), then one per step; meters are those of the partner
    the step's choice addressed (the start row: the debrief's partner)."""
    d = debrief(record, partner)
    voted = any(s.votes is not None for s in record.steps)
    buffer = io.StringIO()
    names = CSV_FIELDS + (COUNTER_FIELDS if record.has_counters else ()) + (
        VOTE_FIELDS if voted else ())
    writer = csv.DictWriter(buffer, fieldnames=names, restval="")
    writer.writeheader()
    splits = {row.step: row for row in class_split(record)}
    rows = [_csv_row(0, "", "", "start", None, "", "", record.meters_at(0, d.partner),
                     d.partner, "")]
    for s in record.steps:
        row = _csv_row(s.step, s.scene, s.choice, s.kind, s.layer, s.topic or "",
                       s.landing, s.meters[s.partner], s.partner, s.label)
        if s.votes is not None:
            row |= {"votes": s.votes.total, "votes_for_choice": s.votes.counts.get(s.choice, 0),
                    "split": split_text(splits[s.step])}
        rows.append(row)
    for row in rows:
        # Every text cell, whatever field it is: a record is a file anyone can edit.
        writer.writerow({k: csv_cell(v) if isinstance(v, str) else v for k, v in row.items()})
    return buffer.getvalue()


def _csv_row(step: int, scene: str, choice: str, kind: str, layer: int | None, topic: str,
             landing: str, m: Meters, partner: str, label: str) -> dict[str, object]:
    return {
        "step": step, "scene": scene, "choice": choice, "kind": kind,
        "layer": "" if layer is None else layer, "topic": topic, "landing": landing,
        "trust": round(m.trust, 2), "defence": round(m.defence, 2), "reached": m.reached,
        "opened": m.opened, "topics": len(m.topics), "partner": partner, "label": label,
    } | {k: getattr(m, k) for k in COUNTER_FIELDS if getattr(m, k) is not None}


# -- Markdown ---------------------------------------------------------------------------------
def to_markdown(record: PlaythroughRecord, partner: str | None = None) -> str:
    d = debrief(record, partner)
    out = [f"# {md(record.title)}: a Confide playthrough", ""]
    out += _front(record, d)
    out += ["", "## Transcript", ""]
    for s in record.steps:
        out += _md_step(record, s)
    if not record.steps:
        out += ["No choices were made.", ""]
    out += _md_debrief(d)
    out += _md_split(class_split(record))
    return "\n".join(out).rstrip() + "\n"


def md(text: str) -> str:
    """Text from a record or story for one line of Markdown: shown as written, never as
    markup or HTML (game/safetext.py)."""
    return markdown(text)


def _front(record: PlaythroughRecord, d: Debrief) -> list[str]:
    names = ", ".join(md(p.name) for p in record.partners.values())
    ending = f" (\"{md(d.ending_title)}\")" if d.ending_title else ""
    n = len(record.steps)
    lines = [
        f"- **Story:** {md(record.title)} ({md(record.story)}), seed {record.seed}",
        f"- **Player:** {md(record.player)}; **with:** {names}",
        f"- **Outcome:** {md(d.outcome)}{ending}, after {n} choice{'' if n == 1 else 's'}",
    ]
    if record.created:
        lines.append(f"- **Recorded:** {md(record.created)}")
    return lines


def describe(s: StepRecord) -> str:
    """The kind of move in words: "share, layer 2 (private), about family, emotional"."""
    if s.kind in ("disclose", "ask") and s.layer is not None:
        verb = "share" if s.kind == "disclose" else "ask"
        parts = [f"{verb}, layer {s.layer} ({LAYER_NAMES[s.layer]})"]
        if s.topic:
            parts.append(f"about {s.topic}")
        if s.tone == "emotional":
            parts.append("emotional")
        return ", ".join(parts)
    if s.kind == "respond":
        return f"respond: {s.response}"
    return "no model move"


def _md_step(record: PlaythroughRecord, s: StepRecord) -> list[str]:
    title = s.scene_title or s.scene
    out = [f"### Step {s.step}: {md(title)}", ""]
    if s.shown:
        out += [*_quote(s.shown), ""]
    flag = " (went badly)" if s.landing in FLAGGED else ""
    out.append(f"- **You chose:** {md(s.label)} *({md(describe(s))})*")
    if s.votes is not None:
        out.append(f"- **The class voted:** {_md_votes(s)}")
    if s.said:
        out.append(f"- **You said:** {md(s.said)}")
    who = record.partners.get(s.partner)
    landed = landing_words(s.kind, s.landing, who.name if who else s.partner)
    if landed:
        out.append(f"- **How it landed:** {md(landed)}{flag}")
    out.append(f"- **Meters:** {_meter_text(record, s)}")
    out.append("")
    if s.reaction:
        out += [*_quote(s.reaction), ""]
    if s.sentences:
        out += ["Why:", "", *(f"- {md(t)}" for t in s.sentences), ""]
    return out


def _meter_text(record: PlaythroughRecord, s: StepRecord) -> str:
    before = record.meters_at(s.step - 1, s.partner)
    after = s.meters[s.partner]
    name = md(record.partners[s.partner].name)
    return (f"{name}'s trust {number(before.trust)} → {number(after.trust)} "
            f"({signed(after.trust - before.trust)}), defence {number(before.defence)} → "
            f"{number(after.defence)} ({signed(after.defence - before.defence)}); "
            f"you reached {LAYER_NAMES[after.reached]}, {name} opened "
            f"{LAYER_NAMES[after.opened]}, topics {len(after.topics)}"
            f"{counter_text(after)}")


def counter_text(m: Meters) -> str:
    """Model v2's counters as a clause ("; moves 4, heard 2, hurt 0, closeness 3"), or
    nothing for a format 1 record, which did not keep them."""
    shown = [f"{k} {getattr(m, k)}" for k in COUNTERS if getattr(m, k) is not None]
    return "; " + ", ".join(shown) if shown else ""


def _quote(lines: tuple[Line, ...]) -> list[str]:
    out: list[str] = []
    for ln in lines:
        if out:
            out.append(">")
        who = f"**{md(ln.name)}:** " if ln.name else ""
        out.append(f"> {who}{md(ln.text)}")
    return out


def _md_debrief(d: Debrief) -> list[str]:
    out = ["## Debrief", "", "### The outcome and what led to it", ""]
    out += [f"- {md(t)}" for t in d.led_to]
    out += ["", "### Layers and topics", ""]
    out.append(f"- You reached {LAYER_AREAS[d.reached]} with {md(d.partner_name)} "
               f"(layer {d.reached} of 3).")
    out.append(f"- {md(d.partner_name)} let you into {LAYER_AREAS[d.opened]} "
               f"(layer {d.opened} of 3).")
    topics = ", ".join(md(t) for t in d.topics) or "none yet"
    out.append(f"- Topics shared ({len(d.topics)}): {topics}.")
    out += ["", "### What a deepened relationship needs", "",
            "| Condition | Value | Needs | Met |", "|---|---:|---|---|"]
    out += [f"| {md(c.label)} | {number(c.value)} | {c.need} | {'yes' if c.met else 'no'} |"
            for c in d.criteria]
    out += ["", "### Key moments", ""]
    for i, m in enumerate(d.moments, 1):
        out.append(f"{i}. **{md(m.headline)}**")
        out += [f"   - {md(t)}" for t in m.sentences]
    if not d.moments:
        out.append("No choice changed the meters.")
    out += ["", "### Trust and defence by step", "",
            "| Step | Choice | Move | Landing | Trust | Defence |",
            "|---:|---|---|---|---:|---:|"]
    for p in d.points:
        label = md(p.label) if p.step else "(start)"
        layer = f" {p.layer}" if p.layer is not None else ""
        move = "" if p.kind == "start" else f"{p.kind}{layer}"
        landing = f"**{md(p.landing)}**" if p.flag else md(p.landing)
        out.append(f"| {p.step} | {label} | {md(move)} | {landing} | {number(p.trust)} | "
                   f"{number(p.defence)} |")
    return out


def _md_votes(s: StepRecord) -> str:
    assert s.votes is not None
    parts = [f"{md(o.label)} ({o.votes})" for o in s.votes.options]
    return "; ".join(parts) + f", {s.votes.total} in all"


def _md_split(rows: list[SplitRow]) -> list[str]:
    """The class's split at every decision it voted on (classroom live)."""
    if not rows:
        return []
    out = ["", "### How the class split", "",
           "| Step | Scene | Votes | Taken |", "|---:|---|---|---|"]
    out += [f"| {r.step} | {md(r.title)} | {md(split_text(r))} | {r.chosen} |" for r in rows]
    return out
