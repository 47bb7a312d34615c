"""Checked by ``mypy --strict`` (nox -s typecheck), never executed.

``assert_type`` lines pin the inferred types; ``type: ignore[code]`` lines are expected errors
(with warn_unused_ignores, mypy fails if one of them stops being an error).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import boto3
from mypy_boto3_sagemaker import SageMakerClient
from typing_extensions import assert_type

import sagemon
from sagemon import Problem, ValidationError, from_wire, to_wire, validate
from sagemon.enums import InstanceType, ProblemType, S3UploadMode, ScheduleStatus
from sagemon.shapes import (
    CreateModelQualityJobDefinitionRequest,
    DescribeMonitoringScheduleResponse,
    ModelQualityAppSpecification,
    MonitoringClusterConfig,
    MonitoringS3Output,
    Shape,
    Tag,
)

cluster = MonitoringClusterConfig(
    instance_count=1, instance_type=InstanceType.ML_M5_XLARGE, volume_size_in_gb=20
)
assert_type(cluster.instance_count, int)
assert_type(cluster.instance_type, InstanceType)
assert_type(cluster.volume_kms_key_id, str | None)

spec = ModelQualityAppSpecification(
    image_uri="img", problem_type=ProblemType.REGRESSION, container_arguments=["--x"]
)
assert_type(spec.container_arguments, tuple[str, ...] | None)
assert_type(spec.environment, Mapping[str, str] | None)
assert_type(spec.problem_type, ProblemType | None)

output = MonitoringS3Output(
    s3_uri="s3://b/k", local_path="/opt/ml/processing/output", upload_mode=None
)  # type: ignore[call-arg]
output = MonitoringS3Output(
    s3_uri="s3://b/k", local_path="/p", s3_upload_mode=S3UploadMode.END_OF_JOB
)

wire = to_wire(cluster)
assert_type(wire, dict[str, Any])
request = from_wire(CreateModelQualityJobDefinitionRequest, {})
assert_type(request, CreateModelQualityJobDefinitionRequest)
response = from_wire(DescribeMonitoringScheduleResponse, {}, lenient=True)
assert_type(response.monitoring_schedule_status, ScheduleStatus)
assert_type(response.creation_time, datetime.datetime)
response.last_monitoring_execution_summary.failure_reason  # type: ignore[union-attr]
if response.last_monitoring_execution_summary is not None:
    assert_type(response.last_monitoring_execution_summary.failure_reason, str | None)
validate(request)
assert_type(sagemon.to_wire, Any)  # type: ignore[assert-type]

newer = InstanceType.unlisted("ml.q9.48xlarge")
assert_type(newer, InstanceType)
assert_type(newer.is_listed, bool)

MonitoringClusterConfig(
    instance_count="1",  # type: ignore[arg-type]
    instance_type=InstanceType.ML_M5_XLARGE,
    volume_size_in_gb=20,
)
MonitoringClusterConfig(instance_count=1, instance_type="ml.m5.xlarge", volume_size_in_gb=20)  # type: ignore[arg-type]
MonitoringClusterConfig(instance_count=1, volume_size_in_gb=20)  # type: ignore[call-arg]
Tag("k", "v")  # type: ignore[call-arg]
cluster.instance_count = 2  # type: ignore[misc]
to_wire({"a": 1})  # type: ignore[arg-type]
from_wire(dict, {})  # type: ignore[type-var]


# The local boto3 stub (stubs/boto3) types the client sagemon wraps.
assert_type(boto3.client("sagemaker"), SageMakerClient)
assert_type(boto3.session.Session(region_name="us-east-1").client("sagemaker"), SageMakerClient)


def first_problem(exc: ValidationError) -> Problem:
    assert_type(exc.problems, tuple[Problem, ...])
    assert_type(exc.problems[0].path, str)
    return exc.problems[0]


def any_shape(obj: Shape) -> dict[str, Any]:
    return to_wire(obj)
