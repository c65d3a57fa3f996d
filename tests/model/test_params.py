"""Params: defaults from DESIGN section 5, documentation and loading from a story."""

from __future__ import annotations

import dataclasses

import pytest

from game.errors import ConfideError
from game.model import ModelError, Params


def test_defaults_are_the_design_values() -> None:
    params = Params()
    assert params.thresholds == (-45.0, -15.0, 15.0)
    assert (params.skip_penalty, params.imbalance_penalty, params.noise) == (30.0, 10.0, 10.0)
    assert params.reciprocity == (30.0, 50.0, 70.0)
    assert (params.rupture_trust, params.rupture_defence) == (10.0, 90.0)
    assert (params.deepen_trust, params.deepen_defence) == (70.0, 35.0)
    assert (params.deepen_layer, params.deepen_topics) == (2, 3)


def test_every_field_is_documented_in_order() -> None:
    names = [field.name for field in dataclasses.fields(Params)]
    docs = Params.fields_doc()
    assert list(docs) == names
    assert all(text.strip() and "\n" not in text for text in docs.values())


def test_fields_doc_is_a_fresh_copy() -> None:
    Params.fields_doc()["noise"] = "changed"
    assert Params.fields_doc()["noise"] != "changed"


def test_from_mapping_overrides_only_given_keys() -> None:
    params = Params.from_mapping({"skip_penalty": 40, "thresholds": [-40, -10, 20]})
    assert params.skip_penalty == 40.0
    assert isinstance(params.skip_penalty, float)
    assert params.thresholds == (-40.0, -10.0, 20.0)
    assert params.noise == 10.0


def test_to_json_round_trips() -> None:
    params = Params(noise=0.0, deepen_topics=4)
    assert Params.from_mapping(params.to_json()) == params
    assert Params.defaults()["reciprocity"] == [30.0, 50.0, 70.0]


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"skip_penalti": 3}, "model.skip_penalti is not a model parameter"),
        ({"noise": "loud"}, "model.noise must be a number"),
        ({"noise": True}, "model.noise must be a number"),
        ({"thresholds": [1, 2]}, "model.thresholds must be a list of three numbers"),
        ({"reciprocity": [1, "a", 3]}, "model.reciprocity must be a list of three numbers"),
        ({"deepen_layer": 2.5}, "model.deepen_layer must be a whole number"),
        ({"deepen_layer": 4}, "model.deepen_layer must be 0-3"),
        ({"skip_penalty": -1}, "model.skip_penalty must not be negative"),
        ({"rupture_defence": 120}, "model.rupture_defence must be within 0-100"),
        ({"reciprocity": [10, 50, 170]}, "model.reciprocity values must be in 0-100"),
        ({"deepen_topics": -1}, "model.deepen_topics must not be negative"),
        ({"noise": float("nan")}, "model.noise must be a finite number"),
        ({"thresholds": [0, float("inf"), 1]}, "model.thresholds must be finite numbers"),
    ],
)
def test_bad_values_name_the_key(data: dict[str, object], fragment: str) -> None:
    with pytest.raises(ModelError) as caught:
        Params.from_mapping(data)
    assert fragment in str(caught.value)
    assert isinstance(caught.value, ConfideError)
