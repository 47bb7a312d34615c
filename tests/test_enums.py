"""Enums: wire values, names, friendly aliases, and values newer than this SDK."""

from __future__ import annotations

import pickle
import re

import pytest

from sagemon import ValidationError, enums, from_wire, to_wire, validate
from sagemon.shapes import MonitoringClusterConfig
from tests.model import ENUMS, SHAPES


def test_all_twenty_eight_enums_with_exact_wire_values() -> None:
    assert len(ENUMS) == 28
    for name in ENUMS:
        cls = getattr(enums, name)
        assert [m.value for m in cls] == SHAPES[name]["enum"]
        for member in cls:
            assert type(member.value) is str
            assert re.fullmatch(r"_?[A-Z0-9]+(_[A-Z0-9]+)*", member.name), member.name


@pytest.mark.parametrize(
    ("member", "value"),
    [
        (enums.ProblemType.BINARY_CLASSIFICATION, "BinaryClassification"),
        (enums.InstanceType.ML_M5_XLARGE, "ml.m5.xlarge"),
        (enums.DeploymentInstanceType.ML_P4D_24XLARGE, "ml.p4d.24xlarge"),
        (enums.S3InputMode.FILE, "File"),
        (enums.S3UploadMode.END_OF_JOB, "EndOfJob"),
        (enums.S3DataDistributionType.SHARDED_BY_S3_KEY, "ShardedByS3Key"),
        (enums.MonitoringType.MODEL_EXPLAINABILITY, "ModelExplainability"),
        (enums.ScheduleStatus.SCHEDULED, "Scheduled"),
        (enums.ExecutionStatus.COMPLETED_WITH_VIOLATIONS, "CompletedWithViolations"),
        (enums.OptimizationJobStatus.INPROGRESS, "INPROGRESS"),
        (enums.MonitoringAlertStatus.IN_ALERT, "InAlert"),
    ],
)
def test_friendly_names(member: enums.ShapeEnum, value: str) -> None:
    assert member.value == value
    assert member == value
    assert str(member) == value
    assert f"{member}" == value


def test_aliases_are_the_model_enums() -> None:
    assert enums.ProblemType is enums.MonitoringProblemType
    assert enums.InstanceType is enums.ProcessingInstanceType
    assert enums.S3InputMode is enums.ProcessingS3InputMode
    assert enums.S3UploadMode is enums.ProcessingS3UploadMode
    assert enums.S3DataDistributionType is enums.ProcessingS3DataDistributionType
    assert enums.DeploymentInstanceType is enums.OptimizationJobDeploymentInstanceType


def test_unlisted_members() -> None:
    new = enums.InstanceType.unlisted("ml.q9.48xlarge")
    assert isinstance(new, enums.InstanceType)
    assert new is enums.InstanceType.unlisted("ml.q9.48xlarge")
    assert new.value == "ml.q9.48xlarge" == new
    assert not new.is_listed
    assert enums.InstanceType.ML_M5_XLARGE.is_listed
    assert repr(new) == "ProcessingInstanceType.unlisted('ml.q9.48xlarge')"
    assert enums.InstanceType.unlisted("ml.m5.xlarge") is enums.InstanceType.ML_M5_XLARGE
    assert pickle.loads(pickle.dumps(new)) is new
    assert new not in list(enums.InstanceType)
    with pytest.raises(ValueError, match="is not a valid"):
        enums.InstanceType("ml.q9.48xlarge")
    with pytest.raises(TypeError):
        enums.InstanceType.unlisted(5)  # type: ignore[arg-type]


WIRE = {"InstanceCount": 1, "InstanceType": "ml.q9.48xlarge", "VolumeSizeInGB": 20}


def test_requests_reject_unknown_values_with_a_hint() -> None:
    with pytest.raises(ValidationError) as info:
        from_wire(MonitoringClusterConfig, WIRE)
    (problem,) = info.value.problems
    assert problem.path == "InstanceType"
    assert "ProcessingInstanceType.unlisted()" in problem.message
    with pytest.raises(ValidationError, match=r"did you mean ml\.m5\.12xlarge"):
        from_wire(MonitoringClusterConfig, {**WIRE, "InstanceType": "ml.m5.10xlarge"})


def test_responses_keep_unknown_values_and_round_trip() -> None:
    cluster = from_wire(MonitoringClusterConfig, WIRE, lenient=True)
    assert cluster.instance_type == enums.InstanceType.unlisted("ml.q9.48xlarge")
    assert to_wire(cluster) == WIRE
    assert type(to_wire(cluster)["InstanceType"]) is str


def test_unlisted_is_the_explicit_escape_hatch_for_requests() -> None:
    cluster = MonitoringClusterConfig(
        instance_count=1,
        instance_type=enums.InstanceType.unlisted("ml.q9.48xlarge"),
        volume_size_in_gb=20,
    )
    validate(cluster)
    assert to_wire(cluster) == WIRE


def test_plain_strings_are_not_members() -> None:
    with pytest.raises(ValidationError, match=r"use ProcessingInstanceType\.ML_M5_XLARGE"):
        MonitoringClusterConfig(
            instance_count=1,
            instance_type="ml.m5.xlarge",  # type: ignore[arg-type]
            volume_size_in_gb=20,
        )
    with pytest.raises(ValidationError, match="is not a ProcessingInstanceType value"):
        MonitoringClusterConfig(
            instance_count=1,
            instance_type="ml.nope",  # type: ignore[arg-type]
            volume_size_in_gb=20,
        )
