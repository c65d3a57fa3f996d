"""Facilitator mode's display-free core: the debrief, comparisons and exports of a record.

Playthrough records themselves (their data, JSON, files and replay) are game/persist. The
window and the command line call these; nothing here imports pygame or any front end: the
PNG chart is drawn by a front end, which hands its renderer to `export` (game/ui/chart.py).
"""
