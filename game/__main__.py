"""`python -m game` runs the same CLI as the `confide` script."""

from game.cli import main

if __name__ == "__main__":  # importing this module (e.g. to list modules) must not start a game
    raise SystemExit(main())
