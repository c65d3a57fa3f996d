"""Untrusted text made safe for where it goes: a terminal, a spreadsheet, a Markdown file.

Story files, saves, records and file names all come from strangers. Printed raw, an ESC or
BEL in them could retitle a terminal, write the clipboard (OSC 52) or clear the screen; a
CSV cell starting with `=` is run as a formula by spreadsheet programs; `<script>` in a
Markdown transcript is live HTML in most viewers. Each function here neutralises one
destination, and every writer to that destination calls it (see docs/security.md).
"""

from __future__ import annotations

import io
import re
from typing import TextIO

# C0 controls other than tab and newline, DEL, C1 controls, and the bidirectional
# overrides and isolates that can make a terminal show text in a misleading order.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMES = {0: "NUL", 7: "BEL", 8: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR", 0x1B: "ESC",
          0x7F: "DEL", 0x9B: "CSI"}
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_MD_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;",
                             **{c: "\\" + c for c in "\\`*_[]|#!"}})


def _visible(m: re.Match[str]) -> str:
    return f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"


def terminal(text: str) -> str:
    """`text` with every control character shown as a visible escape such as `\\x1b`."""
    return _UNSAFE.sub(_visible, text) if _UNSAFE.search(text) else text


def first_control(text: str) -> int:
    """The index of the first character a story's text may not contain, or -1."""
    m = _UNSAFE.search(text)
    return -1 if m is None else m.start()


def describe_char(ch: str) -> str:
    """`U+001B (ESC)`: how a refused character is named in a message."""
    code = ord(ch)
    name = _NAMES.get(code)
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def csv_cell(text: str) -> str:
    """A cell that spreadsheet programs show as text, never run as a formula (OWASP).

    A cell whose first character, or first character after leading whitespace of any
    kind (a no-break or ideographic space too, which some programs trim on import), could
    start a formula gets a leading apostrophe; control characters are made visible as well.
    """
    text = terminal(text)
    # Both: a tab or line break is itself a formula start, and lstrip() would remove it.
    risky = text.lstrip(" ").startswith(CSV_FORMULA_START) or \
        text.lstrip().startswith(CSV_FORMULA_START)
    return "'" + text if risky else text


def markdown(text: str) -> str:
    """Text for one line of Markdown: whitespace collapsed, HTML and markup escaped.

    `<`, `>` and `&` become entities, which every renderer shows literally (a backslash
    before `<` is not understood by all of them), and Markdown's markup characters are
    backslash-escaped, so nothing from a record can open a tag, a link or a heading.
    """
    return terminal(" ".join(text.split())).translate(_MD_ESCAPES)


class SafeStream(io.TextIOBase):
    """A text stream that shows control characters visibly instead of writing them.

    The CLI wraps standard output and error in it, so nothing Confide prints (story text,
    file names, values quoted in messages) can send a terminal a control sequence.
    """

    def __init__(self, raw: TextIO) -> None:
        super().__init__()
        self.raw = raw

    def write(self, text: str) -> int:
        # A CRLF line end (the csv module's, for one) is a line end, not a control sequence:
        # escaped, it put a literal "\x0d" at the end of every row of `export -o -`.
        self.raw.write(terminal(text.replace("\r\n", "\n")))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def writable(self) -> bool:
        return True
