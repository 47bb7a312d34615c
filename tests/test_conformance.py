"""Every structure shape of the model slice, checked against the generated classes.

For each shape: the class exists with exactly the model's members and required/optional split;
hypothesis-generated valid wire dicts round-trip exactly; and every constraint of every member,
when broken, is rejected with a ValidationError naming that member.
"""

from __future__ import annotations

import copy
import html
import json
import re
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sagemon.shapes
from sagemon import ValidationError, from_wire, to_wire, validate
from sagemon._patterns import java_pattern
from tests.model import SHAPES, STRUCTURES, in_model_order, kind, members, sample, strategy

INT32_MAX = 2**31 - 1


def test_every_structure_shape_has_a_class() -> None:
    public = {n for n in sagemon.shapes.__all__ if n != "Shape"}
    assert public == set(STRUCTURES)
    assert len(STRUCTURES) == 133


@pytest.mark.parametrize("name", STRUCTURES)
def test_class_mirrors_the_model(name: str) -> None:
    cls = getattr(sagemon.shapes, name)
    assert attrs.has(cls)
    assert issubclass(cls, sagemon.shapes.Shape)
    fields = attrs.fields(cls)
    assert [f.name for f in fields] == [py for _w, py, _t, _r in members(name)]
    for field, (_wire, _py, _target, required) in zip(fields, members(name), strict=True):
        assert (field.default is attrs.NOTHING) is required, field.name
        if not required:
            assert field.default is None
    obj = from_wire(cls, sample(name))
    for field in fields:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(obj, field.name, None)


@pytest.mark.parametrize("name", STRUCTURES)
def test_sample_round_trips(name: str) -> None:
    cls = getattr(sagemon.shapes, name)
    data = sample(name)
    obj = from_wire(cls, data)
    assert to_wire(obj) == data
    assert from_wire(cls, data, lenient=True) == obj
    validate(obj, rules=False)
    assert attrs.evolve(obj) == obj
    assert hash(attrs.evolve(obj)) == hash(obj)


@pytest.mark.parametrize("name", STRUCTURES)
def test_generated_dicts_round_trip(name: str) -> None:
    cls = getattr(sagemon.shapes, name)

    @settings(
        max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    @given(strategy(name))
    def round_trip(data: dict[str, Any]) -> None:
        obj = from_wire(cls, data)
        assert to_wire(obj) == data
        # Members come out in model order, as boto3 users write them: the same bytes on the wire.
        assert json.dumps(to_wire(obj), default=str) == json.dumps(
            in_model_order(name, data), default=str
        )
        validate(obj, rules=False)
        # Constructing from the parsed members runs the same checks and accepts them.
        assert attrs.evolve(obj) == obj

    round_trip()


def _with_newer_members(name: str, data: Any) -> Any:
    """``data``, a wire value of shape ``name``, with a member newer than this SDK in every object."""
    shape = SHAPES[name]
    k = kind(name)
    if k == "structure":
        known = {w: _with_newer_members(t, data[w]) for w, _py, t, _r in members(name) if w in data}
        return {**known, "MemberNewerThanThisSdk": {"Nested": [1]}}
    if k == "list":
        return [_with_newer_members(shape["member"]["shape"], v) for v in data]
    if k == "map":
        return {key: _with_newer_members(shape["value"]["shape"], v) for key, v in data.items()}
    return data


@pytest.mark.parametrize("name", STRUCTURES)
def test_newer_members_anywhere_are_written_back(name: str) -> None:
    """Parents write small nested shapes inline, unless the nested object has members newer than
    this SDK: those still come back, at every depth and in every list."""
    cls = getattr(sagemon.shapes, name)

    @settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(strategy(name))
    def round_trip(data: dict[str, Any]) -> None:
        newer = _with_newer_members(name, data)
        obj = from_wire(cls, newer, lenient=True)
        assert to_wire(obj) == newer
        assert to_wire(from_wire(cls, data)) == data

    newer = _with_newer_members(name, sample(name))
    assert to_wire(from_wire(cls, newer, lenient=True)) == newer
    round_trip()


# ----------------------------------------------------------------------------- violations

_BAD_PATTERN_CANDIDATES = ["!", "a b", " ", "\n", "a\rb", "-", "_", "é", "!" * 25, "!" * 60]


def bad_string(target: str) -> str | None:
    """A string within the length bounds of ``target`` that breaks its pattern, if any can."""
    shape = SHAPES[target]
    if "pattern" not in shape:
        return None
    check = java_pattern(shape["pattern"])
    lo, hi = shape.get("min", 0), shape.get("max", 99)
    return next((c for c in _BAD_PATTERN_CANDIDATES if not check(c) and lo <= len(c) <= hi), None)


def _wrong_types(target: str) -> list[Any]:
    return {
        "string": [12345, True],
        "enum": [12345],
        "integer": ["1", True, 1.5],
        "double": ["0.5", True],
        "boolean": ["yes", 1],
        "timestamp": [[], "not a time"],
        "structure": ["x", []],
        "list": ["x", {"a": 1}],
        "map": [["x"], "x"],
    }[kind(target)]


def violations(name: str) -> list[tuple[str, str, dict[str, Any], bool]]:
    """(member, rule, bad wire dict, is_constraint) for every member and rule of a structure.

    ``is_constraint`` marks values a lenient parse accepts (length, range, pattern, size, enum).
    """
    base = sample(name)
    out: list[tuple[str, str, dict[str, Any], bool]] = []

    def with_value(wire: str, value: Any) -> dict[str, Any]:
        data = copy.deepcopy(base)
        data[wire] = value
        return data

    for wire, _py, target, required in members(name):
        shape = SHAPES[target]
        k = kind(target)
        if required:
            data = copy.deepcopy(base)
            del data[wire]
            out.append((wire, "required", data, False))
        out += [(wire, f"type {v!r}", with_value(wire, v), False) for v in _wrong_types(target)]
        if k == "string":
            lo, hi = shape.get("min", 0), shape.get("max")
            if lo > 0:
                out.append((wire, "too short", with_value(wire, "a" * (lo - 1)), True))
            if hi is not None:
                out.append((wire, "too long", with_value(wire, sample(target) + "a" * hi), True))
            bad = bad_string(target)
            if bad is not None:
                out.append((wire, "pattern", with_value(wire, bad), True))
            else:
                assert shape.get("pattern") in (None, "[\\S\\s]*", "[\\s\\S]+"), target
        if k == "enum":
            # Lenient parsing keeps it as an unlisted member, which requests may use on purpose.
            out.append((wire, "enum", with_value(wire, "NotAValue"), False))
        if k == "integer":
            lo, hi = shape.get("min", -(2**31)), shape.get("max", INT32_MAX)
            out.append((wire, "below range", with_value(wire, lo - 1), True))
            out.append((wire, "above range", with_value(wire, hi + 1), True))
        if k == "double":
            out.append((wire, "not finite", with_value(wire, float("inf")), True))
        if k == "list":
            item = sample(shape["member"]["shape"])
            if shape.get("min", 0) > 0:
                out.append((wire, "too few items", with_value(wire, []), True))
            if "max" in shape:
                out.append(
                    (wire, "too many items", with_value(wire, [item] * (shape["max"] + 1)), True)
                )
            out.append((wire, "bad item", with_value(wire, [12345]), False))
        if k == "map":
            value = sample(shape["value"]["shape"])
            if "max" in shape:
                many = {f"K{i}": value for i in range(shape["max"] + 1)}
                out.append((wire, "too many entries", with_value(wire, many), True))
            bad_key = bad_string(shape["key"]["shape"])
            assert bad_key is not None
            out.append((wire, "bad key", with_value(wire, {bad_key: value}), True))
            out.append((wire, "bad value", with_value(wire, {"K": 12345}), False))
        out.append((wire, "null", with_value(wire, None), False))
    out.append(("Bogus", "unknown key", {**base, "Bogus": 1}, False))
    if SHAPES[name].get("union"):
        out.append(("", "union: none set", {}, True))
        out.append(
            ("", "union: two set", {w: sample(t) for w, _p, t, _r in members(name)[:2]}, True)
        )
    return out


def _names(problem_path: str, wire: str) -> bool:
    if not wire:
        return problem_path == "<root>"
    return problem_path == wire or problem_path.startswith((wire + ".", wire + "["))


@pytest.mark.parametrize("name", STRUCTURES)
def test_every_violation_is_rejected_naming_the_member(name: str) -> None:
    cls = getattr(sagemon.shapes, name)
    cases = violations(name)
    assert cases
    for wire, rule, data, is_constraint in cases:
        with pytest.raises(ValidationError) as info:
            from_wire(cls, data)
        paths = [p.path for p in info.value.problems]
        assert any(_names(p, wire) for p in paths), (name, wire, rule, paths)
        assert wire in str(info.value), (name, wire, rule)
        if is_constraint and wire:
            # A lenient parse (service responses) keeps the value; constructing or validating
            # the object again applies the constraint.
            obj = from_wire(cls, data, lenient=True)
            with pytest.raises(ValidationError) as deep:
                validate(obj, rules=False)
            assert any(_names(p.path, wire) for p in deep.value.problems), (name, wire, rule)
            with pytest.raises(ValidationError):
                attrs.evolve(obj)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(st.sampled_from(STRUCTURES), st.data())
def test_every_problem_is_reported_at_once(name: str, data: st.DataObject) -> None:
    """Breaking several members at once reports each of them in one error."""
    cases = [
        c
        for c in violations(name)
        if c[1] in ("too long", "pattern", "enum", "above range") and c[0]
    ]
    if len({c[0] for c in cases}) < 2:
        return
    chosen = data.draw(
        st.lists(st.sampled_from(cases), min_size=2, max_size=4, unique_by=lambda c: c[0])
    )
    merged = sample(name) | {wire: bad[wire] for wire, _rule, bad, _c in chosen}
    with pytest.raises(ValidationError) as info:
        from_wire(getattr(sagemon.shapes, name), merged)
    paths = [p.path for p in info.value.problems]
    for wire, _rule, _bad, _c in chosen:
        assert any(_names(p, wire) for p in paths), (wire, paths)


@pytest.mark.parametrize("name", STRUCTURES)
def test_docstrings_carry_the_model_documentation(name: str) -> None:
    """Notebooks show the class docstring; it documents every field with the model's words."""
    cls = getattr(sagemon.shapes, name)
    doc = " ".join((cls.__doc__ or "").split())
    assert "<p>" not in doc
    for wire, py, _target, required in members(name):
        raw = SHAPES[name]["members"][wire].get("documentation", "")
        first_words = " ".join(re.sub(r"<[^>]+>", "", html.unescape(raw)).split()[:4])
        assert f"{py}: {'(required) ' if required else ''}" in doc, py
        assert first_words in doc, (py, first_words)
