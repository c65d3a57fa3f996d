"""Facilitator mode's display-free core: playthrough records, replay, debrief and exports.

The window and the command line call these; nothing here imports pygame (the PNG chart is
drawn by game/ui/chart.py, loaded only when a PNG is asked for).
"""

from game.errors import RecordError, ReplayError
from game.facilitator.compare import Comparison, compare
from game.facilitator.debrief import (
    FLAGGED,
    Criterion,
    Debrief,
    Moment,
    Point,
    debrief,
    main_partner,
)
from game.facilitator.export import FORMATS, export, to_csv, to_markdown
from game.facilitator.record import (
    EndingRecord,
    Line,
    Meters,
    PartnerInfo,
    PlaythroughRecord,
    StepRecord,
    build_record,
    read_record,
    write_record,
)
from game.facilitator.replay import choice_numbers, replay

__all__ = [
    "FLAGGED",
    "FORMATS",
    "Comparison",
    "Criterion",
    "Debrief",
    "EndingRecord",
    "Line",
    "Meters",
    "Moment",
    "PartnerInfo",
    "PlaythroughRecord",
    "Point",
    "RecordError",
    "ReplayError",
    "StepRecord",
    "build_record",
    "choice_numbers",
    "compare",
    "debrief",
    "export",
    "main_partner",
    "read_record",
    "replay",
    "to_csv",
    "to_markdown",
    "write_record",
]
