"""Arbitrary input to from_wire raises ValidationError and nothing else, strict or lenient."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import sagemon.shapes
from sagemon import ValidationError, from_wire, to_wire, validate
from tests.model import STRUCTURES, sample

CLASSES = st.sampled_from([getattr(sagemon.shapes, n) for n in STRUCTURES])
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.binary(max_size=5)
    | st.datetimes()
)
JSONISH = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=12) | st.integers(), inner, max_size=4)
    ),
    max_leaves=12,
)


def _parse(cls: type[Any], data: Any) -> None:
    for lenient in (False, True):
        try:
            obj = from_wire(cls, data, lenient=lenient)
        except ValidationError as exc:
            assert exc.problems
            assert all(p.path and p.message for p in exc.problems)
        else:
            # Whatever parsed must convert back, and check against constraints and documented
            # rules, without surprises.
            assert isinstance(to_wire(obj), dict)
            try:
                validate(obj)
            except ValidationError as exc:
                assert all(p.path and p.message for p in exc.problems)


@settings(max_examples=1500)
@given(CLASSES, JSONISH)
def test_arbitrary_values(cls: type[Any], data: Any) -> None:
    _parse(cls, data)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*prefix, index))
    return out


@st.composite
def mutated(draw: st.DrawFn) -> tuple[type[Any], Any]:
    """A valid sample with one value somewhere inside replaced by something arbitrary."""
    name = draw(st.sampled_from(STRUCTURES))
    data = copy.deepcopy(sample(name))
    path = draw(st.sampled_from(_paths(data)))
    replacement = draw(JSONISH)
    if not path:
        return getattr(sagemon.shapes, name), replacement
    node = data
    for key in path[:-1]:
        node = node[key]
    if draw(st.booleans()) and isinstance(node, dict):
        node[draw(st.text(max_size=8) | st.integers())] = replacement
    else:
        node[path[-1]] = replacement
    return getattr(sagemon.shapes, name), data


@settings(max_examples=1500)
@given(mutated())
def test_mutated_valid_payloads(case: tuple[type[Any], Any]) -> None:
    _parse(*case)
