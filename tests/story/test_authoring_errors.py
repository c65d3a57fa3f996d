"""The mistakes a beginner makes, each answered with the fix at the right place, in one run.

Each fixture under fixtures/authoring/ starts with `# expect: CODE at LINE:COL: FRAGMENT`:
the message that must come out there.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.story.loader import check
from game.story.yamlhints import Where, explain

FIXTURES = Path(__file__).parent / "fixtures" / "authoring"
EXPECT = re.compile(r"# expect: ([EW]\d{3}) at (\d+):(\d+): (.+)")
STORY = """id: mine
title: Mine
start: hall
characters:
  partners:
    idris: {name: Idris}
"""


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.stem)
def test_each_mistake_names_its_fix_at_its_place(path: Path) -> None:
    m = EXPECT.match(path.read_text(encoding="utf-8").split("\n", 1)[0])
    assert m, f"{path.name} has no '# expect:' line"
    code, line, col, fragment = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
    _, diags = check(path)
    hits = [d for d in diags if (d.code, d.line, d.col) == (code, line, col)]
    assert hits, [str(d) for d in diags]
    assert fragment in hits[0].message


def test_cli_prints_the_plain_message_not_a_traceback() -> None:
    path = FIXTURES / "quote_then_text.yaml"
    done = subprocess.run([sys.executable, "-m", "game", "check", "--shallow", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert f"{path}:14:28: error[E004]: YAML syntax error: text continues after a " \
        "closing quote" in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("source", "fragment"), [
    ('a: "He said "hi" loudly"\n', "a double quote inside double quotes"),
    ("a: @sam hi\n", "cannot start with '@'"),
    ('a: "C:\\path"\n', "a backslash inside double quotes"),
    ("a: - x\n", "cannot follow a key on the same line"),
    ("a: 1\nsome text here\nb: 2\n", "line 2 is not 'key: value'"),
    ("a: [x, y\nb: 1\n", "is not closed with ']'"),
    ("a: {x: 1, y\nb: 2\n", "is not closed with '}'"),
    ("a: ]\n", "a value is missing here"),
    ("a: ? x\n", "cannot start with '?'"),
    ("%hello\na: 1\n", "YAML directive"),
    ("a: !a!b x\n", "cannot start with '!'"),
    ("a: | text\n", "after '>' or '|'"),
    ('a:\n  - Hello.\n  -sam: "hi"\n', "a list item needs a space after the '-': write '- sam"),
    ("a:\n  title Hall\n  next: b\n", "line 2 has no ':' after its key: write 'title: Hall'"),
])
def test_more_libyaml_messages_are_translated(tmp_path: Path, source: str,
                                               fragment: str) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(source, encoding="utf-8")
    _, diags = check(f)
    assert diags[0].code == "E004" and fragment in diags[0].message, diags[0]


def test_pure_python_parser_wording_is_translated_too() -> None:
    # PyYAML without libyaml says "expected <block end>" where libyaml says "expected key".
    where = Where("expected <block end>, but found '<scalar>'", "while parsing a block mapping",
                  ['a:', '  - text: "Left here," he says'], 2, 24, 1)
    assert explain(where).startswith("text continues after a closing quote")


def test_every_file_of_a_folder_reports_in_one_run(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "story.yaml").write_text(STORY, encoding="utf-8")
    (folder / "act1.yaml").write_text(
        'scenes:\n  hall:\n    lines:\n      - text: "Hi," he says\n    next: corridor\n',
        encoding="utf-8")
    (folder / "act2.yaml").write_text(
        "scenes:\n  corridor:\n    ending: {title: End}\n  side:\n    next: nowhere\n"
        "  other:\n    choices:\n      - {id: a, text: A, kind: disclose, layer: 7, next: side}\n",
        encoding="utf-8")
    _, diags = check(folder)
    found = {(Path(d.path).name, d.line, d.code) for d in diags}
    assert ("act1.yaml", 4, "E004") in found
    assert ("act2.yaml", 3, "E010") in found  # a shape error in another file
    assert ("act2.yaml", 8, "E011") in found
    # 'nowhere' might be defined in the unreadable file: not reported while it is broken.
    assert not any(d.code == "E013" for d in diags)


def test_reference_errors_come_with_shape_errors(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(STORY + "scenes:\n  hall:\n    next: coridor\n  corridor:\n"
                 "    ending: {title: End}\n  other:\n    choices:\n"
                 "      - {id: a, text: A, if: flag.nope, next: hall}\n", encoding="utf-8")
    _, diags = check(f)
    codes = {(d.code, d.line) for d in diags}
    assert {("E013", 9), ("E010", 11), ("E016", 14)} <= codes, codes


ASK_LATER = STORY + """rupture: gone
scenes:
  hall:
    choices:
      - {id: job, kind: disclose, layer: 1, topic: work, text: Talk about work, next: cafe}
  cafe:
    partner_discloses: {layer: 1, topic: family}
    choices:
      - {id: hers, kind: disclose, layer: 2, topic: fear, text: Share a worry, next: park}
  park:
    choices:
      - id: family
        kind: ask
        layer: 2
        text: Ask about family
        reactions: {welcome: He tells you., intrusion: He looks away.}
        next: gone
  gone:
    ending: {outcome: ruptured, title: Gone}
"""


def test_an_ask_after_deeper_sharing_is_not_warned(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(ASK_LATER, encoding="utf-8")
    story, diags = check(f)
    assert story is not None
    assert not [d for d in diags if d.code in ("W010", "W011")], diags
    # The same question moved to the first scene can never be welcome.
    early = ASK_LATER.replace("start: hall", "start: park")
    f.write_text(early, encoding="utf-8")
    _, diags = check(f)
    assert [(d.code, d.line) for d in diags if d.code == "W010"] == [("W010", 18)]


def test_an_everyday_question_needs_no_intrusion_reaction(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(STORY + "rupture: gone\nscenes:\n  hall:\n    choices:\n"
                 "      - {id: day, kind: ask, layer: 0, text: Ask, reactions: {welcome: Fine.},"
                 " next: gone}\n  gone:\n    ending: {outcome: ruptured, title: Gone}\n",
                 encoding="utf-8")
    story, diags = check(f)
    assert story is not None and not [d for d in diags if d.code == "W005"], diags


def test_a_separate_dialogue_line_is_not_swallowed(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(STORY + "rupture: gone\nscenes:\n  hall:\n    lines:\n      - >-\n"
                 "        The corridor is long; the sign says idris: left.\n"
                 "      - idris: \"Left here.\"\n    next: gone\n"
                 "  gone:\n    ending: {outcome: ruptured, title: Gone}\n", encoding="utf-8")
    _, diags = check(f)
    assert not [d for d in diags if d.code == "W009"], diags


def test_every_message_in_the_guides_table_is_one_checks_really_give() -> None:
    guide = (Path(__file__).parents[2] / "docs" / "authoring.md").read_text(encoding="utf-8")
    table = guide.split("### What `confide check` says, and what to do", 1)[1]
    table = table.split("### Other things", 1)[0]
    quoted = [re.findall(r"`([^`]+)`", row.split(" | ")[1])[0]
              for row in table.splitlines() if row.startswith("| ") and " | `" in row
              and not row.startswith("| You wrote")]
    fixtures = [*FIXTURES.glob("*.yaml"), *(FIXTURES.parent / "diag").glob("W0*.yaml")]
    messages = [d.message for f in fixtures for d in check(f)[1]]
    assert len(quoted) >= 22
    missing = [q for q in quoted if not any(q in m for m in messages)]
    assert missing == []


def test_bad_values_outside_the_scenes_still_let_references_be_checked(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text("id: Mixed Up\ntitle: Mixed\nminutes: 0\nstart: a\ncharacters:\n  partners:\n"
                 "    sam: {name: Sam, trust: 150}\nflags:\n  met: maybe\nscenes:\n  a:\n"
                 "    choices:\n      - {id: x, text: X, if: flag.mett, next: nowhere}\n"
                 "    next: b\n  b:\n    ending: {outcome: deepened, title: B}\n",
                 encoding="utf-8")
    _, diags = check(f)
    assert [(d.line, d.code) for d in diags] == [
        (1, "E011"), (3, "E011"), (7, "E011"), (9, "E011"), (13, "E016"), (13, "E013")]


def test_hash_in_a_choice_label_and_a_reaction_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(STORY + "rupture: gone\nscenes:\n  hall:\n    choices:\n      - id: a\n"
                 "        text: Say you are its #1 fan\n        reaction: Sure, #2 at best.\n"
                 "        next: gone\n  gone:\n    ending: {outcome: ruptured, title: Gone}\n",
                 encoding="utf-8")
    _, diags = check(f)
    assert [(d.line, d.col) for d in diags if d.code == "W013"] == [(12, 31), (13, 25)]


_LISTS = STORY + """rupture: gone
scenes:
  hall:
    lines:
      - The corridor is long.
      - idris: "Which way?"
    choices:
      - id: my_marking
        text: Say it
        next: gone
      - id: say_nothing
        text: Say nothing
        next: gone
    branches:
      - if: true
        to: gone
      - to: gone
  gone:
    ending: {outcome: ruptured, title: Gone}
"""


@pytest.mark.parametrize("shift", [1, -1])
@pytest.mark.parametrize(("item", "sibling", "sibling_line"), [
    ('- idris: "Which way?"', "- The corridor is long.", 11),
    ("- id: say_nothing", "- id: my_marking", 14),
    ("- to: gone", "- if: true", 21),
])
def test_an_item_out_of_line_is_compared_with_the_item_above_it(
        tmp_path: Path, item: str, sibling: str, sibling_line: int, shift: int) -> None:
    # Not with the line just above it, which is often a key inside the sibling item.
    old = f"      {item}\n"
    new = (" " * (6 + shift)) + item + "\n"
    f = tmp_path / "s.yaml"
    f.write_text(_LISTS.replace(old, new), encoding="utf-8")
    _, diags = check(f)
    line = _LISTS.splitlines().index(old.rstrip("\n")) + 1
    assert diags[0].line == line, diags[0]
    assert (f"indented by {6 + shift} spaces, but the list item above it on line "
            f"{sibling_line} by 6") in diags[0].message, diags[0]
    assert f"line it up with '{sibling}' on line {sibling_line} (6 spaces)" in diags[0].message


@pytest.mark.parametrize("shift", [1, -1])
@pytest.mark.parametrize(("key", "sibling", "sibling_line"), [
    ("text: Say it", "id: my_marking", 14),  # the key of '- id:' starts after the '- '
    ("next: gone", "text: Say nothing", 18),
    ("to: gone", "if: true", 21),
])
def test_a_key_out_of_line_is_compared_with_the_key_above_it(
        tmp_path: Path, key: str, sibling: str, sibling_line: int, shift: int) -> None:
    old = f"        {key}\n"
    at = _LISTS.rindex(old) if key == "next: gone" else _LISTS.index(old)
    f = tmp_path / "s.yaml"
    f.write_text(_LISTS[:at] + " " * (8 + shift) + key + "\n" + _LISTS[at + len(old):],
                 encoding="utf-8")
    _, diags = check(f)
    assert diags[0].line == _LISTS[:at].count("\n") + 1, diags[0]
    assert f"this key is indented by {8 + shift} spaces" in diags[0].message, diags[0]
    assert f"line it up with '{sibling}' on line {sibling_line} (8 spaces)" in diags[0].message


@pytest.mark.parametrize(("shift", "way"), [(1, "left"), (-1, "right")])
def test_the_line_at_an_odd_column_is_the_one_named_even_when_it_is_above(
        tmp_path: Path, shift: int, way: str) -> None:
    # '- id: my_marking' one space out; YAML stops at the correctly placed line below it.
    f = tmp_path / "s.yaml"
    f.write_text(_LISTS.replace("      - id: my_marking", " " * (6 + shift) + "- id: my_marking"),
                 encoding="utf-8")
    _, diags = check(f)
    assert diags[0].line == 15, diags[0]
    assert f"'id: my_marking' on line 14 starts at {8 + shift} spaces, but this key at 8" \
        in diags[0].message
    assert f"move line 14 one space to the {way}" in diags[0].message
