"""Checked reads from parsed JSON, so a damaged record names the field that is wrong.

Each reader takes the enclosing object, the key and a dotted path such as `steps[3].meters`,
and raises RecordError with that path instead of letting a KeyError or TypeError escape.
"""

from __future__ import annotations

import math
from typing import Any

from game.errors import RecordError
from game.safetext import describe_char, first_control


def obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RecordError(f"{where} must be an object")
    return value


def items(data: dict[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list):
        raise RecordError(f"{where}.{key} must be a list")
    return value


def text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise RecordError(f"{where}.{key} must be text")
    return _clean(value, f"{where}.{key}")


def _clean(value: str, where: str) -> str:
    bad = first_control(value)
    if bad >= 0:  # no story text holds one; drawn or printed, it could do harm
        raise RecordError(f"{where} holds the control character {describe_char(value[bad])}")
    return value


def maybe_text(data: dict[str, Any], key: str, where: str) -> str | None:
    return None if data.get(key) is None else text(data, key, where)


def whole(data: dict[str, Any], key: str, where: str, lo: int = 0, hi: int | None = None) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < lo or (
            hi is not None and value > hi):
        limit = f"{lo}-{hi}" if hi is not None else f"{lo} or more"
        raise RecordError(f"{where}.{key} must be a whole number {limit}: {value!r}")
    return value


def maybe_whole(data: dict[str, Any], key: str, where: str, hi: int) -> int | None:
    return None if data.get(key) is None else whole(data, key, where, 0, hi)


def number(data: dict[str, Any], key: str, where: str, lo: float = 0.0,
           hi: float = 100.0) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(
            value) or not lo <= value <= hi:
        raise RecordError(f"{where}.{key} must be a number in {lo:g}-{hi:g}: {value!r}")
    return float(value)


def flag(data: dict[str, Any], key: str, where: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise RecordError(f"{where}.{key} must be true or false: {value!r}")
    return value


def strings(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = items(data, key, where)
    if not all(isinstance(v, str) for v in values):
        raise RecordError(f"{where}.{key} must be a list of text")
    return tuple(_clean(v, f"{where}.{key}[{i}]") for i, v in enumerate(values))
