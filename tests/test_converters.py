"""cattrs for real: sagemon shapes inside a user's own attrs classes, through their converters."""

from __future__ import annotations

import pickle
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import given, settings

import sagemon
from sagemon import ValidationError, configure_converter, from_wire, make_converter, to_wire
from sagemon.enums import InstanceType, MonitoringType
from sagemon.shapes import (
    CreateMonitoringScheduleRequest,
    MonitoringClusterConfig,
    MonitoringResources,
    Tag,
)
from tests.model import STRUCTURES, sample, strategy


@attrs.frozen
class Deployment:
    """A platform's own record, holding sagemon shapes."""

    team: str
    resources: MonitoringResources
    tags: list[Tag]
    kind: MonitoringType
    schedule: CreateMonitoringScheduleRequest | None = None


RESOURCES = {
    "ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 20}
}


def _record() -> dict[str, Any]:
    return {
        "team": "ml-platform",
        "resources": RESOURCES,
        "tags": [{"Key": "team", "Value": "ml"}],
        "kind": "DataQuality",
    }


def test_shapes_inside_a_users_attrs_class_convert_to_and_from_wire_dicts() -> None:
    converter = make_converter()
    record = converter.structure(_record(), Deployment)
    assert record.resources == from_wire(MonitoringResources, RESOURCES)
    assert record.tags == [Tag(key="team", value="ml")]
    assert record.kind is MonitoringType.DATA_QUALITY
    assert converter.unstructure(record) == {**_record(), "schedule": None}


def test_structure_is_strict_by_default() -> None:
    bad = _record()
    bad["resources"] = {"ClusterConfig": {**RESOURCES["ClusterConfig"], "InstanceType": "ml.q9"}}
    with pytest.raises(Exception) as info:  # noqa: PT011  (cattrs wraps ours in its group)
        make_converter().structure(bad, Deployment)
    found = _leaves(info.value)
    assert any(isinstance(e, ValidationError) for e in found)
    assert any("ClusterConfig.InstanceType" in str(e) for e in found)


def test_lenient_keeps_values_newer_than_the_sdk_and_round_trips_them() -> None:
    newer = _record()
    newer["resources"] = {
        "ClusterConfig": {**RESOURCES["ClusterConfig"], "InstanceType": "ml.q9.48xlarge"},
        "NewMember": {"X": 1},
    }
    newer["kind"] = "SomethingNew"
    converter = make_converter(lenient=True)
    record = converter.structure(newer, Deployment)
    assert record.resources.cluster_config.instance_type == InstanceType.unlisted("ml.q9.48xlarge")
    assert record.kind == MonitoringType.unlisted("SomethingNew")
    assert converter.unstructure(record) == {**newer, "schedule": None}


def test_configure_converter_teaches_an_existing_converter() -> None:
    converter = cattrs.Converter()
    configure_converter(converter)
    cluster = MonitoringClusterConfig(
        instance_count=1, instance_type=InstanceType.ML_M5_XLARGE, volume_size_in_gb=20
    )
    assert converter.unstructure(cluster) == to_wire(cluster)
    assert converter.structure(to_wire(cluster), MonitoringClusterConfig) == cluster
    # A preconf converter (JSON-ready types) works the same way.
    from cattrs.preconf.json import make_converter as json_converter

    json = json_converter()
    configure_converter(json)
    assert json.loads(json.dumps(cluster), MonitoringClusterConfig) == cluster


def test_the_converters_use_the_same_hooks_as_to_wire_and_from_wire() -> None:
    """No ContextVar: strict and lenient converters coexist, in any order and any thread."""
    strict, lenient = make_converter(), make_converter(lenient=True)
    newer = {"InstanceCount": 1, "InstanceType": "ml.q9.48xlarge", "VolumeSizeInGB": 20}
    assert lenient.structure(newer, MonitoringClusterConfig) == from_wire(
        MonitoringClusterConfig, newer, lenient=True
    )
    with pytest.raises(ValidationError):
        strict.structure(newer, MonitoringClusterConfig)


@pytest.mark.parametrize("name", STRUCTURES[::7])
def test_every_shape_round_trips_through_a_converter(name: str) -> None:
    cls = getattr(sagemon.shapes, name)
    converter = make_converter()

    @settings(max_examples=8, deadline=None, database=None)
    @given(strategy(name))
    def round_trip(data: dict[str, Any]) -> None:
        obj = converter.structure(data, cls)
        assert obj == from_wire(cls, data)
        assert converter.unstructure(obj) == to_wire(obj) == data

    round_trip()


def test_shapes_are_attrs_classes() -> None:
    tag = Tag(key="team", value="ml")
    assert attrs.has(Tag)
    assert not attrs.has(sagemon.shapes.Shape)
    assert [f.name for f in attrs.fields(Tag)] == ["key", "value"]
    assert attrs.evolve(tag, value="ops") == Tag(key="team", value="ops")
    assert attrs.asdict(tag) == {"key": "team", "value": "ml"}
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        tag.key = "x"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(tag)) == tag
    # A plain cattrs converter, knowing nothing of sagemon, treats them as attrs classes too.
    plain = cattrs.Converter()
    assert plain.structure(plain.unstructure(tag), Tag) == tag


def test_make_converter_does_not_touch_the_request_path() -> None:
    """Importing cattrs is the converters' cost alone (see test_packaging for the path)."""
    data = sample("MonitoringResources")
    assert make_converter().structure(data, MonitoringResources) == from_wire(
        MonitoringResources, data
    )


def _leaves(error: BaseException) -> list[BaseException]:
    inner = getattr(error, "exceptions", None)  # an exception group (3.11, or cattrs' backport)
    if inner is not None:
        return [leaf for each in inner for leaf in _leaves(each)]
    return [error]


def test_every_shapes_annotations_resolve_where_it_says_it_lives() -> None:
    """typing.get_type_hints evaluates annotations in the module a class reports."""
    import typing

    for name in STRUCTURES:
        cls = getattr(sagemon.shapes, name)
        hints = typing.get_type_hints(cls)
        assert {f.name for f in attrs.fields(cls)} <= set(hints)
