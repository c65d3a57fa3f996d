"""The story format as JSON Schema, for editors: generated from the pydantic models.

The models describe a whole, merged story after the loader's own steps. Two of those
steps change what a single file on disk may look like, so the schema says them too:

- a line may be written short: a plain string (narration) or `{speaker: text}`; the Line
  model turns both into its long form before validating;
- a folder story spreads its top-level keys over several files, so no file alone has to
  carry `scenes` or the other required keys. The schema asks instead that the story's
  details travel together: a file with one of them (`id`, `title`, ...) has them all.
  `confide check` still reports a whole story that lacks any of them (E010).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from game.story.loader import MERGED_KEYS
from game.story.schema import Story

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def json_schema() -> dict[str, Any]:
    """What `confide schema` prints: the schema of a story file."""
    return editor_schema(Story)


def editor_schema(story: type[BaseModel]) -> dict[str, Any]:
    schema = story.model_json_schema(by_alias=True)
    schema["$schema"] = DRAFT
    schema["title"] = "Confide story"
    schema["description"] = ("A Confide story, or one file of a story folder "
                             "(see docs/authoring.md).")
    details = [key for key in schema.pop("required", []) if key not in MERGED_KEYS]
    schema["dependentRequired"] = {key: [o for o in details if o != key] for key in details}
    # The same rule in draft-07's spelling: the VS Code YAML extension reads draft-07 and
    # skips the keywords it does not know, so without this it would not check the rule.
    schema["dependencies"] = schema["dependentRequired"]
    schema["minProperties"] = 1
    defs = schema["$defs"]
    defs["Line"] = line_forms(defs["Line"])
    return schema


def line_forms(long_form: dict[str, Any]) -> dict[str, Any]:
    """A line: narration as a plain string, `{speaker: text}`, or the long form."""
    fields = sorted(long_form["properties"])
    speech = {
        "type": "object", "minProperties": 1, "maxProperties": 1,
        "propertyNames": {"not": {"enum": fields}},
        "additionalProperties": {"type": "string"},
        "description": "speech: the speaker's id and what they say, e.g. {sam: \"Hi.\"}",
    }
    narration = {"type": "string", "description": "narration"}
    return {"title": "Line", "description": long_form.get("description", ""),
            "anyOf": [narration, speech, long_form]}
