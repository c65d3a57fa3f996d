"""Entry point of the standalone app: the same `confide` command line as the package."""

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main())
