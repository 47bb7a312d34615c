"""Requests kept in files: JSON and YAML in the wire format, both ways."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import sagemon.shapes
from sagemon import ValidationError, from_json, from_wire, from_yaml, to_json, to_wire, to_yaml
from tests.factories import optimization_job
from tests.model import strategy

NAMES = [
    "CreateModelQualityJobDefinitionRequest",
    "CreateMonitoringScheduleRequest",
    "CreateOptimizationJobRequest",
    "DescribeMonitoringScheduleResponse",
    "ListMonitoringExecutionsRequest",
]


@pytest.mark.parametrize("name", NAMES)
def test_json_and_yaml_round_trip(name: str) -> None:
    cls = getattr(sagemon.shapes, name)

    @settings(max_examples=15, suppress_health_check=list(HealthCheck), database=None)
    @given(strategy(name))
    def round_trip(data: dict[str, Any]) -> None:
        obj = from_wire(cls, data)
        assert from_json(cls, to_json(obj)) == obj
        assert from_yaml(cls, to_yaml(obj)) == obj

    round_trip()


def test_json_is_the_wire_format() -> None:
    job = optimization_job("job")
    document = json.loads(to_json(job))
    assert document == to_wire(job)
    assert to_json(job, indent=None).startswith('{"OptimizationJobName": "job"')


def test_timestamps_are_iso_strings() -> None:
    request = from_wire(
        sagemon.shapes.ListMonitoringExecutionsRequest,
        {"CreationTimeAfter": "2026-01-02T03:04:05Z"},
    )
    assert json.loads(to_json(request)) == {"CreationTimeAfter": "2026-01-02T03:04:05+00:00"}
    assert "CreationTimeAfter: '2026-01-02T03:04:05+00:00'" in to_yaml(request)


def test_bad_documents_are_validation_errors() -> None:
    with pytest.raises(ValidationError, match="<root>: not valid JSON"):
        from_json(sagemon.shapes.Tag, "{'Key': 1")
    with pytest.raises(ValidationError, match="<root>: not valid YAML"):
        from_yaml(sagemon.shapes.Tag, "Key: [unclosed")
    with pytest.raises(ValidationError, match="Value: required"):
        from_yaml(sagemon.shapes.Tag, "Key: team")
    with pytest.raises(ValidationError, match="not valid JSON"):
        from_json(sagemon.shapes.Tag, b"\xff\xfe")
