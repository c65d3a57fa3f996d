"""Limits for a story as a whole, across every file of a folder and every alias.

Each file has its own limits (game/story/yamlread.py), but a folder of a hundred files
each under them, or aliases that repeat a long text thousands of times, could still make
everything done after reading (validation, compiling, the content hash, the deep lint)
exhaust memory. One `StoryBudget` is shared by every file of a story while it is read; it
counts bytes read, nodes and characters of text *as expanded* (an alias counts as a copy
of all it repeats), and the reader stops at the first limit passed. The limits sit well
above the largest story the benchmarks load (10,000 scenes: 10.5 MB, 860,000 nodes) and
well below what fits in memory; docs/security.md gives the reasons for each.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_STORY_FILES = 200
"""Story files in one folder."""
MAX_STORY_BYTES = 16 * 1024 * 1024
"""Bytes of all the files of one story together."""
MAX_STORY_NODES = 1_000_000
"""YAML nodes of the whole story, every alias counted as the size of what it repeats."""
MAX_STORY_TEXT = 32_000_000
"""Characters of text of the whole story, every alias counted as a copy of what it repeats."""


@dataclass
class StoryBudget:
    """What the files read so far have used; `read_yaml` adds each file's share."""

    bytes: int = 0
    nodes: int = 0
    text: int = 0

    def add_bytes(self, n: int) -> str | None:
        """Count `n` more bytes; the message to report once the story is too large."""
        self.bytes += n
        if self.bytes > MAX_STORY_BYTES:
            return (f"the story's files add up to more than {MAX_STORY_BYTES:,} bytes; "
                    "the limit is for the whole story")
        return None

    def fits(self, nbytes: int, nodes: int, text: int) -> bool:
        """Whether a file of this size would keep the story within every limit."""
        return (self.bytes + nbytes <= MAX_STORY_BYTES and self.nodes + nodes <= MAX_STORY_NODES
                and self.text + text <= MAX_STORY_TEXT)

    def add(self, nbytes: int, nodes: int, text: int) -> None:
        """Count a file read before, from the file cache (game/story/filecache.py)."""
        self.bytes += nbytes
        self.nodes += nodes
        self.text += text

    def nodes_left(self) -> int:
        return MAX_STORY_NODES - self.nodes

    def text_left(self) -> int:
        return MAX_STORY_TEXT - self.text


def too_many_nodes() -> str:
    return (f"the story expands to more than {MAX_STORY_NODES:,} nodes in all (counting "
            "every alias as a copy of what it repeats)")


def too_much_text() -> str:
    return (f"the story's text expands to more than {MAX_STORY_TEXT:,} characters in all "
            "(counting every alias as a copy of what it repeats)")
