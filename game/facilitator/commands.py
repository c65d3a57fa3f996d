"""What `confide export` does; game/cli.py only parses. (Playing with a record is the
terminal front end's: game/textrecord.py.)"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from game.errors import UsageError
from game.facilitator.export import FORMATS, ChartRenderer, export, to_csv, to_markdown
from game.persist.recordjson import read_record

SUFFIXES = {".md": "md", ".markdown": "md", ".csv": "csv", ".png": "png"}


def export_command(path: Path, fmt: str | None, output: str | None, out: TextIO, *,
                   chart: ChartRenderer | None = None) -> int:
    """`confide export`: the format comes from --format or else from the output's suffix;
    a PNG is drawn by `chart`, which the front end running the command provides."""
    fmt = fmt or (SUFFIXES.get(Path(output).suffix.lower()) if output else None)
    if fmt is None:
        raise UsageError("export: say which format with --format "
                         f"{'|'.join(FORMATS)} (or give -o a .md, .csv or .png name)")
    record = read_record(path)
    if output == "-":
        if fmt == "png":
            raise UsageError("export: a PNG cannot go to standard output; give -o FILE.png")
        out.write(to_markdown(record) if fmt == "md" else to_csv(record))
        return 0
    target = Path(output) if output else path.with_suffix(f".{fmt}")
    if target.resolve() == path.resolve():
        raise UsageError(f"export: writing to {target} would overwrite the record")
    export(record, fmt, target, chart=chart)
    print(f"wrote {target}", file=out)
    return 0


__all__ = ["export_command"]
