"""`python -m game` runs the same CLI as the `confide` script."""

from game.cli import main

raise SystemExit(main())
