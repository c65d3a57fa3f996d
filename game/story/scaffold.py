"""`confide new NAME`: a small story folder that passes `confide check --strict` and plays.

The story is a starting point for an author who has read nothing yet: one partner, three
scenes that use each kind of move, one ending per outcome, comments that point at the
sections of docs/authoring.md, and the `$schema` line so editors autocomplete. The JSON
Schema goes in a sub-folder, where the loader does not look for story files.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from game.errors import ConfideError
from game.story.editorschema import json_schema

SCHEMA_PATH = Path("schema") / "story.schema.json"


def story_id(name: str) -> str:
    """A valid story id from a folder name: 'My Story!' -> 'my_story'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")
    if not slug or not slug[0].isalpha():
        slug = "story_" + slug
    return slug[:64].rstrip("_")


def title_of(name: str) -> str:
    words = re.sub(r"[_\-]+", " ", name).strip()
    return (words[:1].upper() + words[1:])[:120] or "My story"


def create(folder: Path) -> list[Path]:
    """Write the new story into `folder` (which must not exist or be empty)."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ConfideError(f"'{folder}' already exists and is not an empty folder; "
                           "choose a new name")
    name = folder.resolve().name
    text = TEMPLATE.replace("__ID__", story_id(name))
    text = text.replace("__TITLE__", json.dumps(title_of(name), ensure_ascii=False))
    try:
        (folder / SCHEMA_PATH.parent).mkdir(parents=True, exist_ok=True)
        story = folder / "story.yaml"
        story.write_text(text, encoding="utf-8")
        schema = folder / SCHEMA_PATH
        schema.write_text(json.dumps(json_schema(), indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise ConfideError(f"cannot write the new story in '{folder}': "
                           f"{exc.strerror or exc}") from None
    return [story, schema]


TEMPLATE = """# yaml-language-server: $schema=schema/story.schema.json
#
# A new Confide story. Play it with:   confide play FOLDER --text   (or without --text)
# Check it with:                        confide check --strict FOLDER
# Every key below is explained in docs/authoring.md (the "Writing stories" guide);
# section numbers are given in the comments. Change anything: the checker will tell you,
# with a line number, if something no longer fits.

format: 1
id: __ID__
title: __TITLE__
summary: >-
  Two people meet at a bus stop on a rainy evening and find out, a layer at a time, whether they
  want to know each other better.
minutes: 5
start: bus_stop          # the first scene (authoring.md section 5)
rupture: walked_off      # where play goes if the relationship breaks (section 14)

characters:              # section 4
  player:
    name: You
  partners:
    alex:
      name: Alex
      pronouns: they/them
      trust: 50          # 0-100: how much Alex trusts you at the start
      defence: 30        # 0-100: how guarded Alex is at the start

model:                   # section 15: this story is short, so closeness can come sooner
  deepen_moves: 3
  deepen_heard: 1
  deepen_closeness: 3
  deepen_topics: 2

scenes:                  # sections 5 to 13
  bus_stop:
    title: The bus stop
    background: backgrounds/street_night.png   # pictures: section 17
    lines:
      - The rain has been going for an hour. The bus is late.
      - alex: "Twenty minutes, the sign says. It said twenty minutes ten minutes ago."
    choices:             # section 7: disclose, ask, respond or plain
      - id: weather
        kind: disclose
        layer: 0         # small talk
        text: Say something about the rain.
        reaction:
          - alex: "It has opinions today, doesn't it."
        next: shelter
      - id: new_job
        kind: disclose
        layer: 1         # something personal
        topic: work
        text: Say you are on your way back from your first week at a new job.
        reactions:       # section 9: one text per way the move can land
          supportive: [alex: "First week! How was it?"]
          neutral: "Alex nods, and looks back at the road."
          judgemental: "Alex raises an eyebrow and says nothing."
        next: shelter

  shelter:
    title: Under the shelter
    background: backgrounds/street_night.png   # each scene names its own picture
    partner_discloses:   # section 12: Alex opens up as the scene begins
      layer: 1
      topic: home
    lines:
      - alex: "I only moved here in the spring. I still get lost between the station and my flat."
    choices:
      - id: kind_reply
        kind: respond
        response: supportive
        text: Say that the first months in a new place are the hardest.
        reaction: [alex: "They are. Thank you."]
        next: waiting
      - id: shrug
        kind: respond
        response: dismissive
        text: Shrug. Everyone gets lost.
        reaction: "Alex goes quiet."
        next: waiting
      - id: miss_home
        kind: disclose
        layer: 2         # something private
        topic: family
        tone: emotional
        text: Say that you moved too, and that you miss your sister.
        reactions:
          supportive: [alex: "I'm sorry. Do you get to see her?"]
          neutral: "Alex gives a small, careful smile."
          judgemental: "Alex looks away, as if you had said too much."
        next: waiting

  waiting:
    title: Still waiting
    background: backgrounds/street_night.png
    lines:
      - The bus appears at the end of the road.
    choices:
      - id: worry
        kind: disclose
        layer: 2
        topic: fears
        tone: emotional
        text: Admit that you worry you will never feel at home here.
        reactions:
          supportive: [alex: "Me too. Maybe we could get lost together sometime."]
          neutral: "Alex says nothing, but stays close."
          judgemental: "Alex checks the time."
      - id: ask_move
        kind: ask
        layer: 1
        topic: home
        text: Ask Alex what brought them here.
        reactions:       # everyday and personal questions are always welcome
          welcome: [alex: "A job, and a fresh start. Mostly the fresh start."]
      - id: say_bye
        text: Say goodbye as the bus pulls in.
    branches:            # section 10: where play goes after a choice
      - if: alex.deepened
        to: friends
      - to: nod_goodbye

  friends:
    ending:              # section 13: one ending per outcome
      outcome: deepened
      title: A number in your phone
      reflection: You shared a little at a time, and listened when Alex shared too.
  nod_goodbye:
    ending:
      outcome: acquaintance
      title: See you around
      reflection: Friendly, but neither of you let the other in very far.
  walked_off:
    ending:
      outcome: ruptured
      title: Another bus
      reflection: Too much, too soon, or too little care for what Alex told you.
"""
