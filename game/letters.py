"""The letters a class votes with, in a module of its own so anything may import it cheaply.

One sequence for the projector, the keyboard and the pupils' page alike: H, M, N, T and V
are skipped because they are the window's keys for History, Mute, Numbers, Timeline and
Voice, which a letter key would otherwise shadow.
"""

VOTE_LETTERS = "ABCDEFGIJKLOPQRSUWXYZ"
