"""Pausing Python's cyclic garbage collector around work that makes many objects and no
garbage cycles: loading a story, a batch of simulated runs.

Reference counting frees every object such work drops, as soon as it is dropped; the
collector only finds cycles, and its passes over the many young objects such work makes
would find none: they are pure cost, and a pass over a big heap costs more per object than
one over a small heap (its walk leaves the processor's caches), so they made loading grow
faster than the story. Tests prove the loader makes no cycles (tests/story/
test_collector.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(keep: bool = False) -> Iterator[None]:
    """The collector off for the block, on again after it if it was on.

    With `keep`, for work whose results live on (a loaded story), whatever the collector
    tracks when the block ends goes straight to its oldest generation: otherwise the first
    allocation after the block would start a pass over every object the block made (they
    are all young while the collector is off), a sixth of loading a changed story, to
    find nothing. Nothing is lost: the oldest generation is still collected, in the full
    passes that run as the program allocates on."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()  # every tracked object to the permanent generation, counts reset
            gc.unfreeze()  # and from there to the oldest generation: no object is scanned
        if was:
            gc.enable()
