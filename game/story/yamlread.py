"""Read one YAML file into plain Python data plus a map from data paths to positions.

The tree is built from the parser's event stream with an explicit stack rather than
PyYAML's recursive composer, so deep nesting and alias bombs are refused after a bounded
amount of work instead of exhausting the stack or the memory. Only safe scalar types
are constructed; no tag can create a Python object.

Why libyaml through PyYAML, and not rapidyaml: rapidyaml's Python binding (0.15.x) gives
no line or column for a node, and every diagnostic here needs one; and walking its tree
through the binding, one call per node, took longer (about 185 ms per MB of story, CPU)
than libyaml's whole event stream (about 90-110 ms per MB). So one parser, the reference.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from game.safeio import UnsafeFile, read_capped
from game.safetext import first_control
from game.story.budgets import StoryBudget, too_many_nodes, too_much_text
from game.story.diagnostics import Diagnostic, Mark
from game.story.yamlscalars import NUMERIC_START, SPECIAL, scalar_value

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_STRING = 100_000

PathKey = tuple[str | int, ...]


class YamlProblem(Exception):
    """Internal: stops reading one file; converted to a Diagnostic by `read_yaml`."""

    def __init__(self, mark: Mark, code: str, message: str) -> None:
        super().__init__(message)
        self.diagnostic = mark.diag(code, message)


Pos = tuple[str, int, int, int]  # (file, line, col, quote): cheap to store per node


@dataclass
class Located:
    """Data read from one file, with positions for every node and mapping key."""

    path: str
    data: Any
    marks: dict[PathKey, Pos] = field(default_factory=dict)
    key_marks: dict[PathKey, Pos] = field(default_factory=dict)

    def key_mark(self, loc: PathKey) -> Mark:
        """Where the key naming `loc` is written: the best place to point at a whole entry."""
        pos = self.key_marks.get(loc)
        return Mark(*pos) if pos is not None else self.mark_for(loc)

    def mark_for(self, loc: PathKey) -> Mark:
        """The position of the deepest recorded node on the way to `loc`."""
        best = self.marks.get((), (self.path, 1, 1, 0))
        for end in range(1, len(loc) + 1):
            found = self.marks.get(loc[:end])
            if found is None:
                break
            best = found
        return Mark(*best)


def read_yaml(path: Path, shown: str, budget: StoryBudget | None = None) -> Located | Diagnostic:
    """Read `path`; on any problem return one located Diagnostic instead of raising.

    `budget` is shared by every file of one story, so its limits hold for the whole story.
    """
    budget = budget if budget is not None else StoryBudget()
    start = Mark(shown, 1, 1)
    try:
        # A pipe or device never ends; only regular files are stories (game/safeio.py).
        raw = read_capped(path, MAX_FILE_BYTES)
    except UnsafeFile as exc:
        return start.diag("E003" if exc.errno == errno.EFBIG else "E001", exc.strerror or "")
    except OSError as exc:
        return start.diag("E001", f"cannot read file: {exc.strerror or exc}")
    return read_bytes(raw, shown, budget)[0]


def read_bytes(raw: bytes, shown: str, budget: StoryBudget) -> tuple[Located | Diagnostic, bool]:
    """`read_yaml` for bytes already read, and whether the file defines an anchor (then
    nodes of its data may be shared, and positions are recorded once for each shared node).
    """
    # Reading YAML and wording its errors (with the hints) is a full load's: a story served
    # from the cache imports neither.
    from game.story.yamlerrors import (  # lazy: as above
        bad_character,
        decode,
        only_comments,
        refused_character,
        syntax_error,
    )

    start = Mark(shown, 1, 1)
    too_big = budget.add_bytes(len(raw))
    if too_big:
        return start.diag("E030", too_big), False
    text = decode(raw, shown)
    if isinstance(text, Diagnostic):
        return text, False
    if only_comments(text):
        return start.diag("E007", "file is empty; a story file is a mapping such as "
                          "'title: ...'"), False
    refused = refused_character(text, shown)
    if refused is not None:
        return refused, False
    import yaml  # lazy: start-up (a story read from the cache parses no YAML)

    loader_class: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = None
    try:
        loader = loader_class(text)
        builder = _Builder(shown, budget)
        return builder.build(loader), bool(builder.anchors)
    except YamlProblem as problem:
        return problem.diagnostic, False
    except yaml.MarkedYAMLError as exc:
        return syntax_error(exc, shown, text), False
    except yaml.reader.ReaderError as exc:
        return bad_character(exc, shown, text), False
    except yaml.YAMLError as exc:
        return start.diag("E004", f"YAML error: {exc}"), False
    finally:
        if loader is not None:
            loader.dispose()


_PLAIN_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class _Frame:
    """One open mapping or sequence. What it expands to (nodes and characters, aliases
    counted as copies) is the growth of the builder's counters between `nodes0, text0`,
    taken when it opens, and its end: so nothing is added up per scalar."""

    __slots__ = ("anchor", "container", "has_key", "is_map", "key_pos", "loc", "nodes0",
                 "pending_key", "text0")

    def __init__(self, container: dict[Any, Any] | list[Any], loc: PathKey,
                 anchor: str | None, nodes0: int, text0: int) -> None:
        self.container = container
        self.is_map = isinstance(container, dict)
        self.loc = loc
        self.anchor = anchor
        self.pending_key: Any = None
        self.has_key = False
        self.key_pos: Pos | None = None
        self.nodes0 = nodes0
        self.text0 = text0


class _Builder:
    """Builds data from parser events with an explicit stack (no recursion).

    `build` handles scalars, containers and their ends, nearly every event of a story,
    in one loop with the counters in local variables: this loop is most of the time a
    changed story takes to read. Its checks run in the same order as the rare events'
    methods (`alias`, `document`) so the first problem in the file is the one reported.
    """

    def __init__(self, shown: str, budget: StoryBudget) -> None:
        self.shown = shown
        self.budget = budget
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.nodes = 0
        self.text = 0
        # The tighter of the file's own limit and what the story's budget has left, worked
        # out once so the check per node stays one comparison.
        self.node_limit = min(MAX_NODES, budget.nodes_left())
        self.text_limit = budget.text_left()
        self.located = Located(shown, None)
        self.stack: list[_Frame] = []
        self.documents = 0
        import yaml  # lazy: start-up, as in read_yaml

        self.scalar_event = yaml.ScalarEvent

    def rare(self) -> dict[type, Callable[[Any], None]]:
        """The handler of every other event that matters. Made for each `build`, never
        kept on the builder: bound methods kept there would make a reference cycle, and
        the file's data and positions would wait for the garbage collector (paused while
        a story loads) instead of being freed with the builder."""
        import yaml  # lazy: start-up, as in read_yaml

        return {
            yaml.MappingStartEvent: partial(self.open, is_map=True),
            yaml.SequenceStartEvent: partial(self.open, is_map=False),
            yaml.MappingEndEvent: self.close,
            yaml.SequenceEndEvent: self.close,
            yaml.AliasEvent: self.alias,
            yaml.DocumentStartEvent: self.document,
        }

    def pos(self, event: Any, quote: int = 0) -> Pos:
        m = event.start_mark
        return (self.shown, m.line + 1, m.column + 1, quote)

    def problem(self, event: Any, code: str, message: str) -> YamlProblem:
        return YamlProblem(Mark(*self.pos(event)), code, message)

    def build(self, loader: Any) -> Located:
        # One function on purpose: the loop runs once per scalar, and a call per scalar
        # for the checks or the placing would cost a tenth of reading a story.
        get_event, shown, stack = loader.get_event, self.shown, self.stack
        scalar_event, rare = self.scalar_event, self.rare()
        marks, key_marks = self.located.marks, self.located.key_marks
        node_limit, text_limit = self.node_limit, self.text_limit
        nodes = text = 0  # self.nodes and self.text, kept in locals between rare events
        while (event := get_event()) is not None:
            kind = event.__class__
            if kind is not scalar_event:
                handler = rare.get(kind)
                if handler is not None:
                    self.nodes, self.text = nodes, text
                    handler(event)
                    nodes, text = self.nodes, self.text
                continue
            nodes += 1
            if nodes > node_limit:
                self.nodes = nodes
                self.count(0, event)
            value = event.value
            size = len(value)
            if size > MAX_STRING:
                raise self.problem(event, "E024", f"string of {size:,} characters; the "
                                   f"limit is {MAX_STRING:,}")
            text += size
            if text > text_limit:
                self.text = text
                self.count_text(0, event)
            style = event.style
            if style == '"' and first_control(value) >= 0:  # only escapes such as \e do this
                from game.story.yamlerrors import control_message  # lazy: see read_bytes

                raise self.problem(event, "E032", control_message(value[first_control(value)]))
            if event.tag is not None:
                self.refuse_tag(event)
            quote = 0
            if style:
                data: Any = value
                quote = 1 if style == "'" or style == '"' else 0
            elif not event.implicit[0] or (
                    value and value[0] not in NUMERIC_START and value not in SPECIAL):
                data = value  # scalar_value's own first test, inlined for ordinary text
            else:
                data = scalar_value(value, True)
            if event.anchor:
                self.anchors[event.anchor] = (data, 1, size)
            m = event.start_mark
            pos = (shown, m.line + 1, m.column + 1, quote)
            if not stack:
                self.place(data, pos)
                continue
            frame = stack[-1]
            if not frame.is_map:
                container: Any = frame.container
                loc = frame.loc + (len(container),)  # noqa: RUF005 (quicker)
                container.append(data)
            elif not frame.has_key:
                if data.__class__ is not str or data in frame.container:
                    self.key(frame, data, pos)  # refused: say why
                frame.pending_key = data
                frame.has_key = True
                frame.key_pos = pos
                continue
            else:
                key = frame.pending_key
                loc = frame.loc + (key,)  # noqa: RUF005 (quicker than unpacking)
                frame.container[key] = data
                frame.has_key = False
                key_marks[loc] = frame.key_pos  # type: ignore[assignment]
            marks[loc] = pos
        self.nodes, self.text = nodes, text
        if self.documents == 0:
            raise YamlProblem(Mark(self.shown, 1, 1), "E007", "file is empty")
        self.budget.nodes += self.nodes
        self.budget.text += self.text
        return self.located

    def document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise self.problem(event, "E004",
                               "only one YAML document per file; remove the extra '---'")

    def close(self, _end: Any) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.container, self.nodes - frame.nodes0,
                                          self.text - frame.text0)

    def count(self, n: int, event: Any) -> None:
        self.nodes += n
        if self.nodes > self.node_limit:
            if self.node_limit < MAX_NODES:
                raise self.problem(event, "E031", too_many_nodes())
            raise self.problem(event, "E006", f"document expands to more than {MAX_NODES:,} "
                               "nodes (too many aliases or too much data)")

    def count_text(self, n: int, event: Any) -> None:
        self.text += n
        if self.text > self.text_limit:
            raise self.problem(event, "E031", too_much_text())

    def refuse_tag(self, event: Any) -> None:
        """Explicit tags are how YAML builds objects; a story never needs one."""
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
            raise self.problem(event, "E011", f"YAML tag '{tag}' is not allowed in a story "
                               "(text that starts with '!' must be in quotes)")

    def open(self, event: Any, *, is_map: bool) -> None:
        self.count(1, event)
        self.refuse_tag(event)
        if len(self.stack) >= MAX_DEPTH:
            raise self.problem(event, "E006", f"nesting deeper than {MAX_DEPTH} levels")
        container: dict[Any, Any] | list[Any] = {} if is_map else []
        loc = self.place(container, self.pos(event))
        self.stack.append(_Frame(container, loc, event.anchor, self.nodes - 1, self.text))

    def alias(self, event: Any) -> None:
        if event.anchor not in self.anchors:
            raise self.problem(event, "E004", f"unknown alias '*{event.anchor}'")
        value, size, chars = self.anchors[event.anchor]
        self.count(size, event)
        self.count_text(chars, event)
        self.place(value, self.pos(event))

    def place(self, value: Any, pos: Pos) -> PathKey:
        """Put a value where the events say; `build` inlines this for scalars."""
        stack = self.stack
        if not stack:
            self.located.data = value
            self.located.marks[()] = pos
            return ()
        frame = stack[-1]
        container = frame.container
        if not frame.is_map:
            loc = (*frame.loc, len(container))
            container.append(value)  # type: ignore[union-attr]
        elif not frame.has_key:
            self.key(frame, value, pos)
            return frame.loc
        else:
            loc = (*frame.loc, frame.pending_key)
            container[frame.pending_key] = value
            frame.has_key = False
            if frame.key_pos is not None:
                self.located.key_marks[loc] = frame.key_pos
        self.located.marks[loc] = pos
        return loc

    def key(self, frame: _Frame, value: Any, pos: Pos) -> None:
        if isinstance(value, (dict, list)):
            raise YamlProblem(Mark(*pos), "E011", "a mapping key must be a plain value")
        if not isinstance(value, str):
            # Every key of a story is a name; a bare ~, 1.5 or yes is read as null, a number
            # or true, which later checks could only report at the wrong place.
            raise YamlProblem(Mark(*pos), "E033", f"key {_key_text(value)} is not a name; a "
                              "key is text such as 'title' or a scene id (quote it if needed)")
        if value in frame.container:
            first = self.located.key_marks.get((*frame.loc, value))
            where = f" (first set at line {first[1]})" if first is not None else ""
            raise YamlProblem(Mark(*pos), "E005", f"duplicate key '{value}'{where}: keep one "
                              "of the two; YAML would silently keep only the last")
        frame.pending_key = value
        frame.has_key = True
        frame.key_pos = pos


def _key_text(value: Any) -> str:
    if value is None:
        return "'~' (null)"
    if isinstance(value, bool):
        return f"read as {str(value).lower()} (yes, no, on, off, true and false are)"
    return f"'{value}' (a number)"
