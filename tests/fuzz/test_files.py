"""Saves, settings and records as a stranger could write them: never a crash, only a reason.

Each test feeds its reader generated files: random bytes and JSON, envelopes around random
bodies with a correct (recomputed) checksum, and real files with one field replaced by a
random value. The contract: reading gives a result or the reader's own error (SaveError,
RestoreError, RecordError); whatever is accepted is then used as the game would use it.
`make fuzz` runs 10,000 documents for each; `make test` a small fixed set.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from game.errors import RecordError, RestoreError, SaveError
from game.facilitator.export import to_csv, to_markdown
from game.persist.envelope import canonical
from game.persist.record import PlaythroughRecord, build_record
from game.persist.recordjson import read_record, record_to_json
from game.persist.saves import SaveStore, SlotMeta
from game.persist.settings import Settings
from game.persist.snapshot import snapshot
from game.story.loader import load
from game.textplay import TextGame

from .harness import FILES, count

ROOT = Path(__file__).resolve().parents[2]
MINI = load(ROOT / "tests" / "fixtures" / "mini.yaml")
DOCUMENTS = int(os.environ.get("CONFIDE_FUZZ_EXAMPLES", "0") or 0)
EACH = settings(settings.get_profile("confide-fuzz"), max_examples=DOCUMENTS or 40)

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70),
              st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
              st.sampled_from(["\x00", "\x1b]0;x\x07", "=1+1", "<script>", "hello/weather",
                               "hello", "gone", "middle", "mini", "sam", "", "1" * 50])),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=12)


def _game(choices: list[int]) -> TextGame:
    game = TextGame(MINI, io.StringIO(), seed=5)
    game.run(iter(()), choices)
    return game


REAL_SAVE = {"meta": asdict(SlotMeta("mini", "Mini", "", "middle", "Middle",
                                     "2026-01-01T00:00:00+00:00", 3.0, 1)),
             "snapshot": snapshot(_game([1]).session)}
REAL_RECORD = record_to_json(build_record(_game([1, 1]).session))


def _paths(data: Any) -> list[tuple[Any, ...]]:
    """Every place in `data` a value could be replaced."""
    out: list[tuple[Any, ...]] = [()]
    if isinstance(data, dict):
        for k, v in data.items():
            out += [(k, *p) for p in _paths(v)]
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += [(i, *p) for p in _paths(v)]
    return out


def _replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = json.loads(json.dumps(data))
    node = copy
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return copy


@st.composite
def mutated(draw: st.DrawFn, real: Any) -> Any:
    paths = _paths(real)
    return _replaced(real, paths[draw(st.integers(0, len(paths) - 1))], draw(json_values))


@st.composite
def envelopes(draw: st.DrawFn, kind: str, real: Any) -> bytes:
    """A file for `kind`: bytes, JSON, or an envelope with a recomputed checksum."""
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return draw(st.binary(max_size=200))
    if choice == 1:
        return json.dumps(draw(json_values)).encode()
    body = draw(mutated(real)) if choice >= 4 else draw(json_values)
    try:
        digest = hashlib.sha256(canonical(body)).hexdigest()
    except (TypeError, ValueError):
        digest = "0"
    version = draw(st.sampled_from([1, 1, 1, 0, 2, "1", None]))
    envelope = {"confide": kind, "format": version, "sha256": digest, "body": body}
    return json.dumps(envelope, allow_nan=True).encode("utf-8", "surrogatepass")


@given(envelopes("save", REAL_SAVE))
@EACH
def test_fuzzed_saves(raw: bytes) -> None:
    count("save", FILES)
    with tempfile.TemporaryDirectory() as tmp:
        store = SaveStore(Path(tmp))
        store.saves_dir.mkdir(parents=True)
        store.path("slot1").write_bytes(raw)
        info = store.info("slot1")
        assert info.status in ("ok", "damaged")
        if info.meta is not None:
            assert info.meta.date_text and info.meta.play_time_text
        try:
            session = store.restore("slot1", MINI)
        except (SaveError, RestoreError):
            return
        view = session.view()
        if view.choices:
            session.choose(view.choices[0].id)


@given(envelopes("settings", {"text_speed": "fast", "text_size": "large",
                              "high_contrast": True, "fullscreen": False,
                              "facilitator": False, "projector": False}))
@EACH
def test_fuzzed_settings(raw: bytes) -> None:
    count("settings", FILES)
    with tempfile.TemporaryDirectory() as tmp:
        store = SaveStore(Path(tmp))
        store.root.mkdir(parents=True, exist_ok=True)
        store.settings_path.write_bytes(raw)
        loaded = store.load_settings()
        assert isinstance(loaded, Settings)
        assert Settings.from_json(loaded.to_json()) == loaded
        store.save_settings(loaded)  # a damaged file is kept aside, never lost
        assert store.load_settings() == loaded


@given(st.one_of(mutated(REAL_RECORD), json_values, st.binary(max_size=100)))
@EACH
def test_fuzzed_records(data: Any) -> None:
    count("record", FILES)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "record.json"
        raw = data if isinstance(data, bytes) else json.dumps(data).encode(
            "utf-8", "surrogatepass")
        path.write_bytes(raw)
        try:
            record = read_record(path)
        except RecordError:
            return
    assert isinstance(record, PlaythroughRecord)
    for row in csv.reader(io.StringIO(to_csv(record))):
        assert not any(cell.lstrip(" ").startswith(("=", "+", "-", "@")) for cell in row)
    text = to_markdown(record)
    assert "<" not in text and "\x1b" not in text
