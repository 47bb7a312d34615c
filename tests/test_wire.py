"""Wire conversion and validation behaviour, example by example."""

from __future__ import annotations

import datetime
import pickle
from typing import Any

import attrs
import pytest

from sagemon import Problem, SagemonError, ValidationError, from_wire, to_wire, validate
from sagemon.enums import InstanceType, ProblemType, S3InputMode
from sagemon.shapes import (
    CreateModelQualityJobDefinitionRequest,
    DescribeMonitoringScheduleResponse,
    EndpointInput,
    ListMonitoringExecutionsRequest,
    ModelQualityAppSpecification,
    MonitoringClusterConfig,
    MonitoringResources,
    OptimizationConfig,
    Tag,
    VpcConfig,
)
from tests.model import sample

UTC = datetime.timezone.utc


def mq_request(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = sample("CreateModelQualityJobDefinitionRequest")
    data.update(overrides)
    return data


def problems(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_messages_name_the_wire_path_and_the_rule() -> None:
    data = mq_request(JobDefinitionName="bad_name!")
    del data["ModelQualityJobInput"]["EndpointInput"]["LocalPath"]
    with pytest.raises(ValidationError) as info:
        from_wire(CreateModelQualityJobDefinitionRequest, data)
    assert problems(info) == [
        "JobDefinitionName: 'bad_name!' does not match [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}",
        "ModelQualityJobInput.EndpointInput.LocalPath: required",
    ]
    assert str(info.value).startswith("2 problems in CreateModelQualityJobDefinitionRequest:\n")


def test_validation_error_is_a_value_error_and_pickles() -> None:
    exc = ValidationError([Problem("A.B", "required")], "X")
    assert isinstance(exc, SagemonError)
    assert isinstance(exc, ValueError)
    again = pickle.loads(pickle.dumps(exc))
    assert again.problems == exc.problems
    assert str(again) == str(exc) == "1 problem in X: A.B: required"
    assert exc.paths == ("A.B",)


def test_to_wire_gives_exactly_what_boto3_takes() -> None:
    request = from_wire(CreateModelQualityJobDefinitionRequest, mq_request())
    wire = to_wire(request)
    assert wire == mq_request()
    cluster = wire["JobResources"]["ClusterConfig"]
    assert type(cluster["InstanceType"]) is str
    assert type(wire["Tags"]) is list
    assert type(wire["ModelQualityAppSpecification"]["Environment"]) is dict


def test_none_members_are_omitted() -> None:
    endpoint = EndpointInput(endpoint_name="churn", local_path="/opt/ml/processing/input")
    assert to_wire(endpoint) == {"EndpointName": "churn", "LocalPath": "/opt/ml/processing/input"}


def test_lists_are_tuples_and_maps_are_private_copies() -> None:
    env = {"A": "1"}
    subnets = ["subnet-1"]
    spec = ModelQualityAppSpecification(
        image_uri="img", environment=env, container_arguments=["--x"]
    )
    vpc = VpcConfig(security_group_ids=("sg-1",), subnets=subnets)
    env["A"] = "2"
    subnets.append("subnet-2")
    assert spec.environment == {"A": "1"}
    assert spec.container_arguments == ("--x",)
    assert vpc.subnets == ("subnet-1",)
    parsed = from_wire(VpcConfig, {"SecurityGroupIds": ("sg-1",), "Subnets": ["s-1"]})
    assert parsed.security_group_ids == ("sg-1",)
    assert hash(spec) == hash(
        ModelQualityAppSpecification(
            image_uri="img", environment={"A": "1"}, container_arguments=["--x"]
        )
    )


def test_shapes_are_frozen_and_compare_by_value() -> None:
    tag = Tag(key="team", value="ml")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        tag.key = "other"  # type: ignore[misc]
    assert tag == Tag(key="team", value="ml")
    assert tag != Tag(key="team", value="ops")
    assert {tag, Tag(key="team", value="ml")} == {tag}
    assert repr(tag) == "Tag(key='team', value='ml')"
    assert attrs.evolve(tag, value="ops") == Tag(key="team", value="ops")


def test_construction_validates_every_member_at_once() -> None:
    with pytest.raises(ValidationError) as info:
        MonitoringClusterConfig(
            instance_count=0,
            instance_type=InstanceType.ML_M5_XLARGE,
            volume_size_in_gb=True,  # type: ignore[arg-type]
            volume_kms_key_id="bad key",
        )
    assert problems(info) == [
        "InstanceCount: 0 is outside 1..100",
        "VolumeSizeInGB: expected an integer, got a boolean True",
        "VolumeKmsKeyId: 'bad key' does not match [a-zA-Z0-9:/_-]*",
    ]


def test_required_member_given_as_none_is_reported() -> None:
    with pytest.raises(ValidationError, match="LocalPath: required"):
        EndpointInput(endpoint_name="churn", local_path=None)  # type: ignore[arg-type]


def test_wrong_nested_type_is_reported() -> None:
    with pytest.raises(
        ValidationError, match="ClusterConfig: expected MonitoringClusterConfig, got a string"
    ):
        MonitoringResources(cluster_config="ml.m5.xlarge")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"Subnets\[1\]: expected a string, got an integer 3"):
        VpcConfig(security_group_ids=["sg-1"], subnets=["s-1", 3])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="Subnets: expected a tuple, got set"):
        VpcConfig(security_group_ids=["sg-1"], subnets={"s-1"})


def test_bool_is_not_an_int_and_str_is_not_a_number() -> None:
    base = {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 20}
    for bad in (True, "1", 1.0):
        with pytest.raises(ValidationError, match="InstanceCount: expected an integer"):
            from_wire(MonitoringClusterConfig, {**base, "InstanceCount": bad})


def test_doubles_accept_ints_and_reject_non_finite() -> None:
    endpoint = {"EndpointName": "e", "LocalPath": "/p", "ProbabilityThresholdAttribute": 1}
    parsed = from_wire(EndpointInput, endpoint)
    assert parsed.probability_threshold_attribute == 1.0
    assert type(parsed.probability_threshold_attribute) is float
    with pytest.raises(ValidationError, match="is not a finite number"):
        from_wire(EndpointInput, {**endpoint, "ProbabilityThresholdAttribute": float("nan")})
    with pytest.raises(ValidationError, match="expected a number, got a boolean"):
        from_wire(EndpointInput, {**endpoint, "ProbabilityThresholdAttribute": True})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.datetime(2026, 1, 2, tzinfo=UTC), datetime.datetime(2026, 1, 2, tzinfo=UTC)),
        ("2026-01-02T03:04:05Z", datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2026-01-02 03:04:05", datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2026-01-02T03:04:05+02:00", datetime.datetime(2026, 1, 2, 1, 4, 5, tzinfo=UTC)),
        (1767323045, datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)),
    ],
)
def test_timestamps(value: object, expected: datetime.datetime) -> None:
    parsed = from_wire(ListMonitoringExecutionsRequest, {"CreationTimeAfter": value})
    assert parsed.creation_time_after == expected
    assert to_wire(parsed) == {"CreationTimeAfter": parsed.creation_time_after}


@pytest.mark.parametrize("value", ["yesterday", "", 1e300, float("nan"), True, []])
def test_bad_timestamps(value: object) -> None:
    with pytest.raises(ValidationError, match="CreationTimeAfter: expected a timestamp"):
        from_wire(ListMonitoringExecutionsRequest, {"CreationTimeAfter": value})


def test_unknown_keys_and_nulls_in_requests() -> None:
    with pytest.raises(ValidationError) as info:
        from_wire(
            EndpointInput,
            {"EndpointName": "e", "LocalPath": "/p", "LocalPth": "/q", "S3InputMode": None},
        )
    assert problems(info) == [
        "LocalPth: unknown member of EndpointInput (did you mean LocalPath?)",
        "S3InputMode: null is not allowed; omit the member instead",
    ]
    lenient = from_wire(
        EndpointInput,
        {"EndpointName": "e", "LocalPath": "/p", "New": 1, "S3InputMode": None},
        lenient=True,
    )
    assert lenient == EndpointInput(endpoint_name="e", local_path="/p")


def test_union_needs_exactly_one_member() -> None:
    with pytest.raises(
        ValidationError,
        match=r"<root>: exactly one of ModelQuantizationConfig, .* must be set, got 0",
    ):
        OptimizationConfig()
    with pytest.raises(ValidationError, match="got 2"):
        from_wire(OptimizationConfig, {"ModelQuantizationConfig": {}, "ModelCompilationConfig": {}})
    # A service response may carry a union member this SDK does not know yet.
    assert from_wire(OptimizationConfig, {"ModelPruningConfig": {}}, lenient=True) == from_wire(
        OptimizationConfig, {}, lenient=True
    )


@pytest.mark.parametrize(
    ("key", "ok"),
    [
        ("team", True),
        ("Ünïcödé 名前 ١٢٣", True),  # letters, separators, numbers in any script
        ("a_b.c:d/e=f+g-h@i", True),
        ("tab\there", False),  # control character
        ("emoji😀", False),  # a symbol, not a letter
        ("a\u2028b", True),  # line separator is category Zl
    ],
)
def test_tag_patterns_use_unicode_categories(key: str, ok: bool) -> None:
    if ok:
        assert Tag(key=key, value=key).key == key
    else:
        with pytest.raises(ValidationError, match=r"Key: .* does not match"):
            Tag(key=key, value="v")


@pytest.mark.parametrize("uri", ["img\nx", "img\rx", "img\x85x", "img\u2028x"])
def test_java_dot_excludes_every_line_terminator(uri: str) -> None:
    with pytest.raises(ValidationError, match="ImageUri"):
        ModelQualityAppSpecification(image_uri=uri)


def test_deep_validation_catches_what_a_lenient_parse_let_through() -> None:
    data = sample("DescribeMonitoringScheduleResponse")
    data["MonitoringScheduleConfig"]["MonitoringJobDefinition"]["RoleArn"] = "not-a-role"
    described = from_wire(DescribeMonitoringScheduleResponse, data, lenient=True)
    with pytest.raises(ValidationError) as info:
        validate(described)
    assert info.value.paths == ("MonitoringScheduleConfig.MonitoringJobDefinition.RoleArn",)
    assert len(info.value.problems) == 2  # too short, and not an IAM role ARN


def test_enum_members_in_wire_dicts_are_accepted() -> None:
    spec = from_wire(
        ModelQualityAppSpecification, {"ImageUri": "i", "ProblemType": ProblemType.REGRESSION}
    )
    assert spec.problem_type is ProblemType.REGRESSION
    endpoint = from_wire(
        EndpointInput, {"EndpointName": "e", "LocalPath": "/p", "S3InputMode": "Pipe"}
    )
    assert endpoint.s3_input_mode is S3InputMode.PIPE


def test_api_misuse_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="takes a sagemon shape"):
        to_wire({"a": 1})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="takes a sagemon shape class"):
        from_wire(dict, {})  # type: ignore[type-var]
    with pytest.raises(TypeError, match="takes a sagemon shape"):
        validate("x")  # type: ignore[arg-type]


def test_not_an_object() -> None:
    with pytest.raises(ValidationError, match=r"<root>: expected an object \(Tag\), got a list"):
        from_wire(Tag, [])
    with pytest.raises(ValidationError, match=r"ClusterConfig: expected an object"):
        from_wire(MonitoringResources, {"ClusterConfig": "x"})
