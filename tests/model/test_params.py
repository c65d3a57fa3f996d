"""One parameter table: Params, the schema's Tuning and the docs all come from SPECS."""

from __future__ import annotations

import dataclasses
import math

import pytest

from game.errors import ConfideError
from game.model import SPECS, ModelError, Params
from game.story.schema import Tuning


def test_params_fields_and_defaults_are_the_table() -> None:
    assert [f.name for f in dataclasses.fields(Params)] == [s.name for s in SPECS]
    params = Params()
    for spec in SPECS:
        assert getattr(params, spec.name) == spec.default, spec.name


def test_tuning_fields_and_bounds_are_the_table() -> None:
    assert list(Tuning.model_fields) == [s.name for s in SPECS]
    props = Tuning.model_json_schema()["properties"]
    for spec in SPECS:
        if spec.shape == "triple":
            continue
        bounds = next(b for b in props[spec.name]["anyOf"] if b.get("type") != "null")
        assert (bounds["minimum"], bounds["maximum"]) == (spec.low, spec.high), spec.name


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_every_bound_is_exact(spec: object) -> None:
    assert hasattr(spec, "name")
    s = SPECS[[x.name for x in SPECS].index(spec.name)]  # type: ignore[attr-defined]
    if s.shape == "triple":
        Params(**{s.name: (s.high, s.high, s.high)})
        with pytest.raises(ModelError):
            Params(**{s.name: (s.high + 1, s.high, s.high)})
        return
    step = 1 if s.shape == "whole" else 0.001
    for ok in (s.low, s.high):
        Params(**{s.name: type(s.default)(ok)})
    for bad in (s.low - step, s.high + step):
        with pytest.raises(ModelError, match=f"model.{s.name} must be within"):
            Params(**{s.name: type(s.default)(bad)})


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 1e308])
def test_no_finite_or_infinite_extreme_is_accepted(value: float) -> None:
    with pytest.raises(ModelError):
        Params(support_defence=value)


def test_from_mapping_overrides_only_given_keys() -> None:
    params = Params.from_mapping({"skip_penalty": 40, "thresholds": [-40, -10, 20]})
    assert params.skip_penalty == 40.0 and isinstance(params.skip_penalty, float)
    assert params.thresholds == (-40.0, -10.0, 20.0)
    assert Params.from_mapping(params.to_json()) == params


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"skip_penalti": 3}, "model.skip_penalti is not a model parameter"),
        ({"noise": "loud"}, "model.noise must be a number"),
        ({"noise": True}, "model.noise must be a number"),
        ({"thresholds": [1, 2]}, "model.thresholds must be a list of three numbers"),
        ({"deepen_layer": 2.5}, "model.deepen_layer must be a whole number"),
        ({"deepen_layer": 4}, "model.deepen_layer must be within 0 to 3"),
        ({"rupture_defence": 120}, "model.rupture_defence must be within 0 to 100"),
    ],
)
def test_bad_values_are_refused(data: dict[str, object], fragment: str) -> None:
    with pytest.raises(ConfideError, match=fragment):
        Params.from_mapping(data)
