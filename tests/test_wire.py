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
        "JobDefinitionName: 'bad_name!' has an underscore ('_') at position 4;"
        " use only letters, digits and hyphens",
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
        "VolumeKmsKeyId: 'bad key' has a space (' ') at position 4;"
        " use only letters, digits and : / _ - (a KMS key id, alias or ARN)",
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
    with pytest.raises(ValidationError, match="Subnets: expected a tuple, got a string 's-1'"):
        VpcConfig(security_group_ids=["sg-1"], subnets="s-1")
    with pytest.raises(ValidationError, match="Subnets: expected a tuple, got an object"):
        VpcConfig(security_group_ids=["sg-1"], subnets={"s-1": "s-2"})  # type: ignore[arg-type]


def test_list_members_take_any_iterable_and_maps_any_mapping() -> None:
    """The constructors are annotated ``Iterable``/``Mapping``; they accept what that says."""
    from types import MappingProxyType

    from_generator = VpcConfig(security_group_ids=(g for g in ["sg-1"]), subnets={"s-1"})
    assert from_generator == VpcConfig(security_group_ids=["sg-1"], subnets=["s-1"])
    assert from_generator.subnets == ("s-1",)
    environment = MappingProxyType({"A": "1"})
    spec = ModelQualityAppSpecification(image_uri="i", environment=environment)
    assert spec.environment == {"A": "1"}
    parsed = from_wire(
        ModelQualityAppSpecification,
        MappingProxyType({"ImageUri": "i", "Environment": environment}),
    )
    assert parsed == spec


def test_bool_is_not_an_int_and_str_is_not_a_number() -> None:
    base = {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 20}
    for bad in (True, "1", 1.0):
        with pytest.raises(ValidationError, match="InstanceCount: expected an integer"):
            from_wire(MonitoringClusterConfig, {**base, "InstanceCount": bad})


def test_doubles_accept_ints_and_reject_non_finite() -> None:
    endpoint = {"EndpointName": "e", "LocalPath": "/p", "ProbabilityThresholdAttribute": 1}
    parsed = from_wire(EndpointInput, endpoint)
    # An int stays the int it was: exact, and sent as it was given.
    assert parsed.probability_threshold_attribute == 1
    assert type(parsed.probability_threshold_attribute) is int
    assert to_wire(parsed)["ProbabilityThresholdAttribute"] == 1
    exact = from_wire(EndpointInput, {**endpoint, "ProbabilityThresholdAttribute": 2**53 + 1})
    assert to_wire(exact)["ProbabilityThresholdAttribute"] == 9007199254740993
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
    # A response's members newer than this SDK are kept and written back.
    assert lenient.unknown_members == {"New": 1}
    assert to_wire(lenient) == {"EndpointName": "e", "LocalPath": "/p", "New": 1}
    assert lenient != EndpointInput(endpoint_name="e", local_path="/p")


def test_union_needs_exactly_one_member() -> None:
    with pytest.raises(
        ValidationError,
        match=r"<root>: exactly one of ModelQuantizationConfig, .* must be set, got 0",
    ):
        OptimizationConfig()
    with pytest.raises(ValidationError, match="got 2"):
        from_wire(OptimizationConfig, {"ModelQuantizationConfig": {}, "ModelCompilationConfig": {}})
    # A service response may carry a union member this SDK does not know yet: it is kept, it
    # counts as the member that is set, and it goes back on the wire unchanged.
    newer = from_wire(OptimizationConfig, {"ModelPruningConfig": {"Ratio": 0.5}}, lenient=True)
    assert newer.unknown_members == {"ModelPruningConfig": {"Ratio": 0.5}}
    assert to_wire(newer) == {"ModelPruningConfig": {"Ratio": 0.5}}
    validate(newer)


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
        with pytest.raises(ValidationError, match=r"Key: .* at position \d+; use only letters"):
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
    # One problem per cause: a value of the wrong length is not also matched against the pattern.
    assert problems(info) == [
        "MonitoringScheduleConfig.MonitoringJobDefinition.RoleArn:"
        " length 10 is outside 20..2048 ('not-a-role')"
    ]


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


def test_a_shape_class_is_not_a_shape() -> None:
    """to_wire and validate tell shapes by their class's class: a shape class itself (whose
    class is that metaclass) is still refused."""
    for misuse in (to_wire, validate):
        with pytest.raises(TypeError, match="takes a sagemon shape, not _ShapeType"):
            misuse(Tag)  # type: ignore[arg-type]


def test_not_an_object() -> None:
    with pytest.raises(ValidationError, match=r"<root>: expected an object \(Tag\), got a list"):
        from_wire(Tag, [])
    with pytest.raises(ValidationError, match=r"ClusterConfig: expected an object"):
        from_wire(MonitoringResources, {"ClusterConfig": "x"})


# ----------------------------------------------------------------------------- hardening


def _endpoint(**members: Any) -> dict[str, Any]:
    return {"EndpointName": "e", "LocalPath": "/p", **members}


@pytest.mark.parametrize("huge", [10**400, -(10**400), 2**1024], ids=["1e400", "-1e400", "2**1024"])
def test_numbers_no_double_can_hold_are_problems_never_crashes(huge: int) -> None:
    with pytest.raises(ValidationError, match=r"ProbabilityThresholdAttribute: .* is not a finite"):
        from_wire(EndpointInput, _endpoint(ProbabilityThresholdAttribute=huge))
    with pytest.raises(ValidationError, match=r"ProbabilityThresholdAttribute: .* is not a finite"):
        EndpointInput(endpoint_name="e", local_path="/p", probability_threshold_attribute=huge)
    # A response is read leniently: the value is kept exactly, and written back unchanged.
    lenient = from_wire(EndpointInput, _endpoint(ProbabilityThresholdAttribute=huge), lenient=True)
    assert to_wire(lenient)["ProbabilityThresholdAttribute"] == huge


@pytest.mark.parametrize(
    "value",
    [10**400, -(10**400), 10**20, float("inf"), -1e300],
    ids=["1e400", "-1e400", "1e20", "inf", "-1e300"],
)
def test_timestamps_out_of_range_are_problems_in_both_modes(value: object) -> None:
    for lenient in (False, True):
        with pytest.raises(ValidationError, match="CreationTimeAfter: expected a timestamp"):
            from_wire(
                ListMonitoringExecutionsRequest, {"CreationTimeAfter": value}, lenient=lenient
            )


def test_a_deeply_nested_value_is_described_briefly() -> None:
    deep: list[Any] = []
    for _ in range(5000):
        deep = [deep]
    for lenient in (False, True):
        with pytest.raises(ValidationError) as info:
            from_wire(EndpointInput, _endpoint(EndpointName=deep), lenient=lenient)
        (problem,) = info.value.problems
        assert problem.path == "EndpointName"
        assert problem.message.startswith("expected a string, got a list [[[[[[[[")
        assert len(problem.message) < 120
    huge = 10**100000  # more digits than Python will turn into a string
    with pytest.raises(ValidationError, match="got an integer <an integer of 100001 digits>"):
        from_wire(EndpointInput, _endpoint(EndpointName=huge))


def test_messages_never_render_more_than_they_print() -> None:
    """The YAML alias bomb's value: 9 levels of 9 references, 387 million leaves if expanded."""
    import subprocess
    import sys

    code = (
        "from sagemon import from_wire, ValidationError\n"
        "from sagemon.shapes import CreateMonitoringScheduleRequest\n"
        "node = ['lol']\n"
        "for _ in range(9):\n"
        "    node = [node] * 9\n"
        "try:\n"
        "    from_wire(CreateMonitoringScheduleRequest, {'MonitoringScheduleName': node,\n"
        "        'MonitoringScheduleConfig': {'MonitoringJobDefinitionName': node}})\n"
        "except ValidationError as exc:\n"
        "    print(max(len(p.message) for p in exc.problems))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True
    )
    assert int(done.stdout) < 120


def test_lone_surrogates_cannot_be_sent() -> None:
    with pytest.raises(
        ValidationError, match=r"FeaturesAttribute: .*lone surrogate \(U\+D800 at position 2\)"
    ):
        from_wire(EndpointInput, _endpoint(FeaturesAttribute="a\ud800"))
    # Where a pattern applies, the pattern names the character first (one problem, one cause).
    with pytest.raises(
        ValidationError, match=r"EndpointName: 'a\\ud800' has U\+D800 at position 2"
    ):
        from_wire(EndpointInput, _endpoint(EndpointName="a\ud800"))
    with pytest.raises(ValidationError, match=r"FeaturesAttribute: .*lone surrogate \(U\+DFFF"):
        EndpointInput(endpoint_name="e", local_path="/p", features_attribute="x\udfff")
    # A response carrying one is still read (the value cannot be sent back as it is).
    read = from_wire(EndpointInput, _endpoint(FeaturesAttribute="x\udfff"), lenient=True)
    assert read.features_attribute == "x\udfff"
    with pytest.raises(ValidationError, match="lone surrogate"):
        validate(read)
    # Paired surrogates written as escapes are ordinary characters.
    assert EndpointInput(
        endpoint_name="e", local_path="/p", features_attribute="😀"
    ).features_attribute


def test_environment_values_are_never_displayed() -> None:
    secret = "AKIAVERYSECRETVALUE"
    spec = ModelQualityAppSpecification(
        image_uri="i", environment={"AWS_SECRET_ACCESS_KEY": secret, "LOG": "debug"}
    )
    assert spec.environment == {"AWS_SECRET_ACCESS_KEY": secret, "LOG": "debug"}
    assert to_wire(spec)["Environment"]["AWS_SECRET_ACCESS_KEY"] == secret
    shown = [repr(spec), spec._repr_html_(), _pretty(spec), repr(_nested(spec))]
    for text in shown:
        assert "AWS_SECRET_ACCESS_KEY" in text
        assert secret not in text
        assert "debug" not in text
    # Problems name the key but never print the value.
    for bad in ({"K": secret + "x" * 300}, {"K": 12345}, {"K": secret + "\ud800"}):
        with pytest.raises(ValidationError) as info:
            from_wire(ModelQualityAppSpecification, {"ImageUri": "i", "Environment": bad})
        assert info.value.paths == ("Environment['K']",)
        assert secret not in str(info.value)
        assert "12345" not in str(info.value)


def _nested(spec: ModelQualityAppSpecification) -> Any:
    from sagemon.shapes import MonitoringJobDefinition

    data = sample("MonitoringJobDefinition")
    data["Environment"] = dict(spec.environment or {})
    return from_wire(MonitoringJobDefinition, data)


def _pretty(obj: Any) -> str:
    lines: list[str] = []

    class Printer:
        def text(self, text: str) -> None:
            lines.append(text)

    obj._repr_pretty_(Printer(), False)
    return "\n".join(lines)


def test_a_misspelled_constructor_keyword_says_what_was_meant() -> None:
    with pytest.raises(
        TypeError, match=r"Tag\(\) got unexpected keyword argument 'kye' \(did you mean 'key'\?\)"
    ):
        Tag(kye="team", value="ml")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="'vaule' \\(did you mean 'value'\\?\\), 'zzz'"):
        Tag(key="team", vaule="ml", zzz=1)  # type: ignore[call-arg]
    # Missing required members are reported with every other problem, not one at a time.
    with pytest.raises(ValidationError) as info:
        Tag()  # type: ignore[call-arg]
    assert problems(info) == ["Key: required", "Value: required"]


def test_unknown_members_survive_copies_and_pickles() -> None:
    import copy

    newer = from_wire(EndpointInput, _endpoint(NewMember={"A": [1, 2]}), lenient=True)
    for again in (pickle.loads(pickle.dumps(newer)), copy.copy(newer), copy.deepcopy(newer)):
        assert again == newer
        assert again.unknown_members == {"NewMember": {"A": [1, 2]}}
    wire = to_wire(newer)
    wire["NewMember"]["A"].append(3)  # the caller's copy, not the shape's
    assert newer.unknown_members == {"NewMember": {"A": [1, 2]}}
    assert "unknown_members={'NewMember': {'A': [1, 2]}}" in repr(newer)
    with pytest.raises(ValidationError, match=r"\[3\]: member names are strings"):
        from_wire(EndpointInput, {**_endpoint(), 3: "x"}, lenient=True)  # type: ignore[dict-item]
    deep: list[Any] = []
    for _ in range(10000):
        deep = [deep]
    hostile = from_wire(EndpointInput, _endpoint(Deep=deep), lenient=True)
    copied, depth = to_wire(hostile)["Deep"], 0
    while copied:
        assert copied is not deep  # a copy all the way down
        copied, deep, depth = copied[0], deep[0], depth + 1
    assert depth == 10000
    assert "unknown_members={'Deep': [[[[" in repr(hostile)


def test_a_dataset_format_newer_than_this_sdk_round_trips() -> None:
    from sagemon.shapes import BatchTransformInput

    data = {
        "DataCapturedDestinationS3Uri": "s3://b/capture",
        "DatasetFormat": {"Avro": {}},
        "LocalPath": "/p",
    }
    read = from_wire(BatchTransformInput, data, lenient=True)
    assert read.dataset_format.unknown_members == {"Avro": {}}
    assert to_wire(read) == data
    validate(read)  # it counts as the one format the rule asks for
    both = from_wire(
        BatchTransformInput, {**data, "DatasetFormat": {"Avro": {}, "Csv": {}}}, lenient=True
    )
    with pytest.raises(
        ValidationError, match=r"exactly one of Csv, Json or Parquet .got Csv and Avro"
    ):
        validate(both)


def test_display_hooks_belong_to_instances_only() -> None:
    """Printers that look hooks up on a class (hypothesis's does) get the class repr."""
    from hypothesis.vendor.pretty import pretty

    assert pretty(Tag).endswith(".Tag")
    assert pretty(Tag(key="k", value="v")).startswith("Tag")
    assert Tag._repr_html_ is None
