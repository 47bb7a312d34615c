"""Arbitrary input to from_wire raises ValidationError and nothing else, strict or lenient."""

from __future__ import annotations

import copy
from types import MappingProxyType
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import sagemon.shapes
from sagemon import ValidationError, from_wire, to_wire, validate
from sagemon._wire import parse_wire
from sagemon.errors import Problem
from tests.model import STRUCTURES, sample

CLASSES = st.sampled_from([getattr(sagemon.shapes, n) for n in STRUCTURES])
# Hostile values the Hardening issue found crashes with: numbers beyond a double or an epoch,
# deep nesting, lone surrogates, very long strings with line breaks, mappings that are not dicts.
_EXTREME = (10**400, -(10**400), 2**1024, 10**5000, float("inf"), float("nan"), "a\ud800", "\udfff")
# Drawn by index: hypothesis cannot print a 5,000-digit integer in its reports.
EXTREMES = st.integers(0, len(_EXTREME) - 1).map(_EXTREME.__getitem__) | st.builds(
    lambda n, tail: "s3://" + "a" * n + tail,
    st.integers(0, 3000),
    st.sampled_from(["/\n", "", "/x"]),
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.binary(max_size=5)
    | st.datetimes()
    | EXTREMES
)


def _deep(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


JSONISH = st.recursive(
    SCALARS,
    lambda inner: (
        (
            st.lists(inner, max_size=4)
            | st.tuples(inner, inner)
            | st.dictionaries(st.text(max_size=12) | st.integers(), inner, max_size=4)
            | st.dictionaries(st.text(max_size=12), inner, max_size=4).map(MappingProxyType)
        )
        | st.integers(100, 3000).map(_deep)
    ),
    max_leaves=12,
)


_NOT_A_NAME = "member names are strings"  # the strict parse calls such a key unknown


def _is_type_problem(problem: Problem) -> bool:
    return problem.message == "required" or problem.message.startswith("expected ")


def _parse(cls: type[Any], data: Any) -> None:
    # The lenient parser is generated apart from the strict one: wherever it finds a problem, the
    # strict one finds one too (it checks less, never otherwise), and a wrong type or a missing
    # member is reported by both in the same words.
    strict_found = parse_wire(cls, data)[1]
    lenient_found = parse_wire(cls, data, strict=False)[1]
    assert {p.path for p in lenient_found} <= {p.path for p in strict_found}
    assert [p for p in lenient_found if p not in strict_found and p.message != _NOT_A_NAME] == []
    assert [p for p in strict_found if _is_type_problem(p) and p not in lenient_found] == []
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
