"""The desktop window: everything that imports pygame lives in this package."""

import os

# pygame prints a banner on import; the game and its tests have no use for it.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
