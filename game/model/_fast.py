"""Fast construction of the model's frozen dataclasses on the hot path.

The `__init__` a frozen dataclass generates stores each field through
`object.__setattr__`, which costs about a microsecond for a seven-field record; the
simulator builds several records per choice. Writing the slots directly through their
descriptors gives the identical object at less than half the cost. Each builder unpacks
`slot_setters` into one name per field, so adding a field without updating its builder fails
at import time rather than producing a half-built record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

Setter = Callable[[object, Any], None]


def slot_setters(cls: type) -> tuple[Setter, ...]:
    """The slot descriptors' setters of a slotted dataclass, in field order."""
    return tuple(getattr(cls, field.name).__set__ for field in fields(cls))
