"""The JSON form of a playthrough record, its strict reader, and record files.

Reading checks every field, because records are files people mail to each other: a foreign or
damaged file must fail with the name of the bad field, never half-load or crash later.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from game.errors import RecordError
from game.persist import _fields as f
from game.persist.atomic import write_atomic
from game.persist.formats import RECORD_FORMAT, RECORD_KIND, RECORD_READS
from game.persist.record import (
    CRITERIA,
    CRITERIA_V1,
    MAX_FILE,
    Line,
    Meters,
    PartnerInfo,
    PlaythroughRecord,
    StepRecord,
)
from game.persist.votes import ClassVote
from game.runtime import EndingView
from game.safeio import UnsafeFile, check_writable, read_capped

KINDS = ("disclose", "ask", "respond", "plain")
OUTCOMES = ("deepened", "acquaintance", "ruptured")


def record_to_json(r: PlaythroughRecord) -> dict[str, Any]:
    return {
        "confide": RECORD_KIND,
        "format": r.format,
        "created": r.created,
        "story": {"id": r.story, "title": r.title, "hash": r.story_hash, "source": r.source},
        "seed": r.seed,
        "noise": r.noise,
        "player": r.player,
        "partners": {pid: {"name": p.name, "start": p.start.to_json(),
                           "criteria": dict(p.criteria)} for pid, p in r.partners.items()},
        "choices": list(r.choices),
        "steps": [_step_json(s) for s in r.steps],
        "ending": None if r.ending is None else {
            "scene": r.ending.scene, "title": r.ending.title, "outcome": r.ending.outcome,
            "reflection": r.ending.reflection},
    }


def _step_json(s: StepRecord) -> dict[str, Any]:
    out: dict[str, Any] = {
        "step": s.step, "turn": s.turn, "scene": s.scene, "scene_title": s.scene_title,
        "choice": {"id": s.choice, "label": s.label, "kind": s.kind, "layer": s.layer,
                   "topic": s.topic, "tone": s.tone, "response": s.response},
        "said": s.said, "partner": s.partner, "landing": s.landing,
        "shown": [ln.to_json() for ln in s.shown],
        "reaction": [ln.to_json() for ln in s.reaction],
        "meters": {pid: m.to_json() for pid, m in s.meters.items()},
        "explanation": s.explanation,
    }
    if s.votes is not None:  # optional: only classroom live writes it
        out["votes"] = s.votes.to_json()
    return out


def record_from_json(data: Any) -> PlaythroughRecord:
    d = f.obj(data, "the file")
    if d.get("confide") != RECORD_KIND:
        raise RecordError("not a Confide playthrough record (it has no "
                          f"\"confide\": \"{RECORD_KIND}\" marker)")
    version = d.get("format")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise RecordError(f"the record format {version!r} is not a version number")
    if version > RECORD_FORMAT:
        raise RecordError(f"the record has format {version}, newer than this version of "
                          f"Confide reads ({RECORD_FORMAT}); update Confide to open it")
    if version not in RECORD_READS:
        raise RecordError(f"the record has format {version}, which no release of Confide "
                          f"wrote (this version reads {', '.join(map(str, RECORD_READS))})")
    try:
        return _body(d, version)
    except RecordError as exc:
        raise RecordError(f"the record is damaged: {exc}") from exc


def _body(d: dict[str, Any], version: int) -> PlaythroughRecord:
    story = f.obj(d.get("story"), "story")
    partners = _partners(d.get("partners"), version)
    steps = tuple(_step(raw, i, partners, version)
                  for i, raw in enumerate(f.items(d, "steps", "record")))
    choices = f.strings(d, "choices", "record")
    if choices != tuple(s.ref for s in steps):
        raise RecordError("the record's choices do not match its steps")
    return PlaythroughRecord(
        story=f.text(story, "id", "story"), title=f.text(story, "title", "story"),
        story_hash=f.text(story, "hash", "story"), source=f.text(story, "source", "story"),
        seed=_seed(d), player=f.text(d, "player", "record"), partners=partners, steps=steps,
        ending=_ending(d.get("ending")), noise=f.flag(d, "noise", "record"),
        created=_created(d), format=version,
    )


def _created(d: dict[str, Any]) -> str:
    """When the record was made: an ISO 8601 date and time, or nothing."""
    created = d.get("created") or ""
    if not isinstance(created, str):
        return ""
    try:
        datetime.fromisoformat(created) if created else None
    except ValueError as exc:
        raise RecordError(f"record.created must be a date and time: {created[:40]!r}") from exc
    return created


def _seed(d: dict[str, Any]) -> int:
    seed = d.get("seed")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise RecordError(f"record.seed must be a whole number: {seed!r}")
    return seed


def _partners(data: Any, version: int) -> dict[str, PartnerInfo]:
    found = f.obj(data, "partners")
    if not found:
        raise RecordError("the record names no partners")
    out = {}
    for pid, raw in found.items():
        where = f"partners.{pid}"
        p = f.obj(raw, where)
        crit = f.obj(p.get("criteria"), f"{where}.criteria")
        keys = CRITERIA if version >= 2 else CRITERIA_V1
        criteria = {k: f.number(crit, k, f"{where}.criteria") for k in keys}
        out[pid] = PartnerInfo(id=pid, name=f.text(p, "name", where), criteria=criteria,
                               start=Meters.from_json(p.get("start"), f"{where}.start", version))
    return out


def _step(data: Any, index: int, partners: dict[str, PartnerInfo], version: int) -> StepRecord:
    where = f"steps[{index}]"
    d = f.obj(data, where)
    c = f.obj(d.get("choice"), f"{where}.choice")
    cw = f"{where}.choice"
    kind = f.text(c, "kind", cw)
    if kind not in KINDS:
        raise RecordError(f"{cw}.kind must be one of {', '.join(KINDS)}: {kind!r}")
    partner = f.text(d, "partner", where)
    meters = f.obj(d.get("meters"), f"{where}.meters")
    if partner not in partners or set(meters) != set(partners):
        raise RecordError(f"{where} names partners the record does not list")
    explanation = d.get("explanation")
    if explanation is not None:
        _check_explanation(f.obj(explanation, f"{where}.explanation"), f"{where}.explanation")
    return StepRecord(
        step=f.whole(d, "step", where, index + 1, index + 1), turn=f.whole(d, "turn", where),
        scene=f.text(d, "scene", where), scene_title=f.maybe_text(d, "scene_title", where),
        choice=f.text(c, "id", cw), label=f.text(c, "label", cw), kind=kind,
        layer=f.maybe_whole(c, "layer", cw, 3), topic=f.maybe_text(c, "topic", cw),
        tone=f.maybe_text(c, "tone", cw), response=f.maybe_text(c, "response", cw),
        said=f.maybe_text(d, "said", where), partner=partner,
        landing=f.text(d, "landing", where),
        shown=_lines(d, "shown", where), reaction=_lines(d, "reaction", where),
        meters={pid: Meters.from_json(m, f"{where}.meters.{pid}", version)
                for pid, m in meters.items()},
        explanation=explanation,
        votes=None if d.get("votes") is None else ClassVote.from_json(d["votes"],
                                                                       f"{where}.votes"),
    )


def _check_explanation(e: dict[str, Any], where: str) -> None:
    # Only what the debrief and exports read is checked; the rest is kept as it was written.
    f.text(e, "move", where)
    f.text(e, "landing", where)
    f.strings(e, "rules", where)
    if "sentences" in e:
        f.strings(e, "sentences", where)
    for i, delta in enumerate(f.items(e, "deltas", where)):
        dw = f"{where}.deltas[{i}]"
        dd = f.obj(delta, dw)
        f.text(dd, "meter", dw)
        f.text(dd, "rule", dw)
        for key in ("before", "after", "change"):
            f.number(dd, key, dw, -1000.0, 1000.0)


def _lines(d: dict[str, Any], key: str, where: str) -> tuple[Line, ...]:
    return tuple(Line.from_json(ln, f"{where}.{key}[{i}]")
                 for i, ln in enumerate(f.items(d, key, where)))


def _ending(data: Any) -> EndingView | None:
    if data is None:
        return None
    d = f.obj(data, "ending")
    outcome = f.text(d, "outcome", "ending")
    if outcome not in OUTCOMES:
        raise RecordError(f"ending.outcome must be one of {', '.join(OUTCOMES)}: {outcome!r}")
    return EndingView(scene=f.text(d, "scene", "ending"), title=f.text(d, "title", "ending"),
                      outcome=outcome, reflection=f.text(d, "reflection", "ending"))


# -- files ----------------------------------------------------------------------------------
def write_record(record: PlaythroughRecord, path: Path | str) -> Path:
    """Write the record as JSON so that `path` holds either the old file or the new one."""
    data = json.dumps(record_to_json(record), indent=1, ensure_ascii=False) + "\n"
    return write_file(Path(path), data.encode("utf-8"))


def write_file(path: Path, data: bytes) -> Path:
    """Write atomically (a crash never leaves half a file), or raise RecordError."""
    try:
        return write_atomic(path, data)
    except OSError as exc:
        raise RecordError(f"cannot write {path}: {exc.strerror or exc}") from exc


def check_record_target(path: Path) -> None:
    """RecordError now, before a game or lesson starts, if a record could not be written at
    `path` when it ends (a folder, a device, a folder that takes no files)."""
    try:
        check_writable(path)
    except OSError as exc:
        raise RecordError(f"cannot write {path}: {exc.strerror or exc}") from exc


def read_record(path: Path | str) -> PlaythroughRecord:
    """Read a record, or raise RecordError saying plainly what is wrong with the file."""
    path = Path(path)
    try:
        raw = read_capped(path, MAX_FILE)
    except UnsafeFile as exc:
        raise RecordError(f"{path} cannot be a playthrough record: {exc.strerror}") from exc
    except OSError as exc:
        raise RecordError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise RecordError(f"{path} is not a playthrough record (it is not text)") from exc
    except json.JSONDecodeError as exc:
        raise RecordError(f"{path} is not valid JSON at line {exc.lineno}, column {exc.colno} "
                          f"(it may have been cut short or edited)") from exc
    except (ValueError, RecursionError) as exc:  # absurd numbers or nesting: not ours
        raise RecordError(f"{path} is not a playthrough record (its JSON is too deeply "
                          f"nested or holds impossible numbers)") from exc
    try:
        return record_from_json(data)
    except RecordError as exc:
        raise RecordError(f"{path}: {exc}") from exc
