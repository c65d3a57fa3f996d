"""Confide: a narrative engine about how closeness is built between people."""

__version__ = "0.1.0"
