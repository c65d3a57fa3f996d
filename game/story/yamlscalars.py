"""What a plain YAML scalar means: the YAML 1.1 core types PyYAML's safe loader resolves
(null, bool, int, float), else the text itself. Kept apart from the tree builder
(yamlread.py) because it is a rule of the format, not of reading: the builder inlines the
first test (`NUMERIC_START`, `SPECIAL`) for ordinary text, its hot path."""

from __future__ import annotations

import re
from typing import Any

_TRUE = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"}
_FALSE = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"}
_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9][0-9_]*)?\.[0-9_]+([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
SPECIAL = {*_TRUE, *_FALSE, *_NULL}
NUMERIC_START = frozenset("0123456789+-.")


def scalar_value(value: str, plain: bool) -> Any:
    """YAML 1.1 core scalars only: null, bool, int, float, else the string itself."""
    if not plain or (value and value[0] not in NUMERIC_START and value not in SPECIAL):
        return value  # the common case: ordinary text
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value) and len(value) <= 18:
        return int(value.replace("_", ""))
    if _FLOAT.match(value) and len(value) <= 40:
        try:
            return float(value.replace("_", ""))
        except ValueError:  # '._' matches the YAML 1.1 pattern but is no number
            return value
    return value
