"""Everything Confide writes to disk, and reads back: one package, one home per file kind.

Layer: above game/runtime (it snapshots and replays sessions), below analysis, facilitator
and the front ends. Nothing here draws or imports a front end.

- `formats`: every on-disk format version and kind, in one module.
- `atomic`: the crash-safe writer (temp file, fsync, rename, fsync the folder).
- `envelope`: the checked envelope (`confide`, `format`, `sha256`, `body`) of saves, settings
  and the seen-lines file.
- `savecheck`: the field-by-field validator of a save's contents (a checksum can be forged).
- `saves`: save slots, autosave and quicksave (`SaveStore`), and where settings are kept.
- `settings`: the player's settings.
- `snapshot`: a session's snapshot and its restore (strict on an unchanged story, non-strict
  on an edited one: see that module).
- `replay`: the one replay loop, `replay(story, moves, *, strict, ...)`, used by restore and
  by playthrough-record replay.
- `record`, `recordjson`, `votes`, `_fields`: playthrough records (data, JSON, files).
- `commands`: the `confide saves` command. It stays here, beside the store it lists, as
  `game/classroom/commands.py` does for the classroom: it prints plain text and JSON and needs no
  front end, and cli.py registers it with one line.

Only files a release wrote are read: no release wrote "format 0" saves or settings (format 1
was the first), so they are not migrated; `classroom.json` was released (main at 61a522c)
and is still read once for projector mode. Any file of a format this version does not read
gets one clear message naming it.
"""
