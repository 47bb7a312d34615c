"""Every documented cross-field rule: broken, it is reported at its path with what to change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.stub import Stubber

from sagemon import Client, ValidationError, from_wire, validate
from sagemon._generated.operations import OPERATIONS
from tests.factories import definition_wire, optimization_job
from tests.model import sample
from tests.test_client import _boto3_client


def _schedule_wire(**config: Any) -> dict[str, Any]:
    data = sample("CreateMonitoringScheduleRequest")
    data["MonitoringScheduleConfig"].update(config)
    return data


def _without(data: dict[str, Any], *path: str) -> dict[str, Any]:
    node = data
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return data


BATCH = definition_wire("ModelQuality", "x", batch=True)["ModelQualityJobInput"][
    "BatchTransformInput"
]
INLINE = sample("CreateMonitoringScheduleRequest")["MonitoringScheduleConfig"][
    "MonitoringJobDefinition"
]

# (operation, wire request, path of the problem, words of the message)
CASES: list[tuple[str, Callable[[], dict[str, Any]], str, str]] = [
    (
        "CreateModelQualityJobDefinition",
        lambda: (
            definition_wire("ModelQuality", "x")
            | {
                "ModelQualityJobInput": definition_wire("ModelQuality", "x")["ModelQualityJobInput"]
                | {"BatchTransformInput": BATCH}
            }
        ),
        "ModelQualityJobInput",
        "set EndpointInput or BatchTransformInput, not both",
    ),
    (
        "CreateDataQualityJobDefinition",
        lambda: definition_wire("DataQuality", "x") | {"DataQualityJobInput": {}},
        "DataQualityJobInput",
        "one of them is required",
    ),
    (
        "CreateModelBiasJobDefinition",
        lambda: (
            definition_wire("ModelBias", "x")
            | {"ModelBiasJobInput": {"GroundTruthS3Input": {"S3Uri": "s3://b/gt"}}}
        ),
        "ModelBiasJobInput",
        "one of them is required",
    ),
    (
        "CreateModelExplainabilityJobDefinition",
        lambda: (
            definition_wire("ModelExplainability", "x", batch=True)
            | {
                "ModelExplainabilityJobInput": {
                    "BatchTransformInput": BATCH | {"DatasetFormat": {"Csv": {}, "Parquet": {}}},
                }
            }
        ),
        "ModelExplainabilityJobInput.BatchTransformInput.DatasetFormat",
        "set exactly one of Csv, Json or Parquet (got Csv and Parquet)",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(MonitoringJobDefinitionName="def", MonitoringType="DataQuality"),
        "MonitoringScheduleConfig",
        "an inline MonitoringJobDefinition or a MonitoringJobDefinitionName, not both",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _without(_schedule_wire(), "MonitoringScheduleConfig", "MonitoringJobDefinition"),
        "MonitoringScheduleConfig",
        "give a MonitoringJobDefinitionName (with its MonitoringType) or an inline",
    ),
    (
        "UpdateMonitoringSchedule",
        lambda: {
            "MonitoringScheduleName": "s",
            "MonitoringScheduleConfig": {"MonitoringJobDefinitionName": "def"},
        },
        "MonitoringScheduleConfig.MonitoringType",
        "MonitoringType is required with MonitoringJobDefinitionName",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(ScheduleConfig={"ScheduleExpression": "cron(0 12 * * ? *)"}),
        "MonitoringScheduleConfig.ScheduleConfig.ScheduleExpression",
        "is not a supported schedule; use cron(0 * ? * * *) (hourly), cron(0 H ? * * *) (daily at hour H)",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(
            ScheduleConfig={"ScheduleExpression": "NOW", "DataAnalysisEndTime": "-PT1H"}
        ),
        "MonitoringScheduleConfig.ScheduleConfig.DataAnalysisStartTime",
        "a NOW schedule needs DataAnalysisStartTime and DataAnalysisEndTime",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(
            ScheduleConfig={
                "ScheduleExpression": "NOW",
                "DataAnalysisStartTime": "-P2D",
                "DataAnalysisEndTime": "-PT1H",
            }
        ),
        "MonitoringScheduleConfig.ScheduleConfig.DataAnalysisStartTime",
        "the analysis window is 47 hours; shorten it to at most 24 hours",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(
            ScheduleConfig={
                "ScheduleExpression": "NOW",
                "DataAnalysisStartTime": "-PT1H",
                "DataAnalysisEndTime": "-PT2H",
            }
        ),
        "MonitoringScheduleConfig.ScheduleConfig.DataAnalysisStartTime",
        "must start before it ends",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(
            ScheduleConfig={
                "ScheduleExpression": "NOW",
                "DataAnalysisStartTime": "yesterday",
                "DataAnalysisEndTime": "-PT2H",
            }
        ),
        "MonitoringScheduleConfig.ScheduleConfig",
        "is not an ISO 8601 duration",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(
            MonitoringJobDefinition=INLINE | {"StoppingCondition": {"MaxRuntimeInSeconds": 3601}}
        ),
        "MonitoringScheduleConfig.MonitoringJobDefinition.StoppingCondition.MaxRuntimeInSeconds",
        "MaxRuntimeInSeconds 3601 exceeds the 3600 s allowed for an hourly DataQuality schedule",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(
            ScheduleConfig={"ScheduleExpression": "cron(0 0/2 ? * * *)"},
            MonitoringJobDefinition=INLINE | {"StoppingCondition": {"MaxRuntimeInSeconds": 7201}},
        ),
        "MonitoringScheduleConfig.MonitoringJobDefinition.StoppingCondition.MaxRuntimeInSeconds",
        "exceeds the 7200 s allowed",
    ),
    (
        "CreateOptimizationJob",
        lambda: (
            sample("CreateOptimizationJobRequest")
            | {"StoppingCondition": {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 600}}
        ),
        "StoppingCondition.MaxWaitTimeInSeconds",
        "MaxWaitTimeInSeconds (600) must be at least MaxRuntimeInSeconds (3600)",
    ),
    (
        "CreateOptimizationJob",
        lambda: (
            sample("CreateOptimizationJobRequest")
            | {"ModelSource": {"S3": {"S3Uri": "s3://b/m"}, "SageMakerModel": {"ModelName": "m"}}}
        ),
        "ModelSource",
        "set exactly one model source: S3 or SageMakerModel",
    ),
    (
        "CreateOptimizationJob",
        lambda: sample("CreateOptimizationJobRequest") | {"ModelSource": {}},
        "ModelSource",
        "set exactly one model source",
    ),
    (
        "UpdateMonitoringAlert",
        lambda: {
            "MonitoringScheduleName": "s",
            "MonitoringAlertName": "a",
            "DatapointsToAlert": 5,
            "EvaluationPeriod": 3,
        },
        "DatapointsToAlert",
        "DatapointsToAlert (5) cannot exceed EvaluationPeriod (3)",
    ),
    (
        "ListOptimizationJobs",
        lambda: {"OptimizationContains": "Pruning"},
        "OptimizationContains",
        "'Pruning' is not a filter value; use Quantization or Compilation",
    ),
    (
        "CreateDataQualityJobDefinition",
        lambda: (
            definition_wire("DataQuality", "x")
            | {"Tags": [{"Key": "team", "Value": "a"}, {"Key": "team", "Value": "b"}]}
        ),
        "Tags",
        "tag key 'team' appears 2 times; tag keys must be unique",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(
            MonitoringJobDefinition=INLINE
            | {
                "MonitoringInputs": [
                    {
                        "EndpointInput": INLINE["MonitoringInputs"][0]["EndpointInput"],
                        "BatchTransformInput": BATCH,
                    }
                ]
            }
        ),
        "MonitoringScheduleConfig.MonitoringJobDefinition.MonitoringInputs[0]",
        "not both",
    ),
]


@pytest.mark.parametrize(
    ("operation", "build", "path", "words"), CASES, ids=[f"{c[0]}:{c[3][:30]}" for c in CASES]
)
def test_rule(operation: str, build: Callable[[], dict[str, Any]], path: str, words: str) -> None:
    op = OPERATIONS[operation]
    request = from_wire(op.input, build())  # the model's constraints alone accept it
    validate(request, rules=False)
    with pytest.raises(ValidationError) as info:
        validate(request)
    assert [(p.path, words in p.message) for p in info.value.problems] == [(path, True)], (
        info.value.problems
    )
    # The client refuses to send it: the stubber has nothing queued and is never reached.
    raw = _boto3_client()
    with Stubber(raw), pytest.raises(ValidationError, match="problem"):
        getattr(Client(boto3_client=raw), op.method)(request)


def test_valid_requests_pass_every_rule() -> None:
    for name in OPERATIONS:
        validate(from_wire(OPERATIONS[name].input, sample(OPERATIONS[name].input.__name__)))
    validate(optimization_job("job"))


def test_monitoring_outputs_must_be_exactly_one() -> None:
    """Documented as a rule; the model encodes it (1..1), so plain validation reports it."""
    data = definition_wire("DataQuality", "x")
    data["DataQualityJobOutputConfig"]["MonitoringOutputs"] *= 2
    with pytest.raises(
        ValidationError,
        match=r"DataQualityJobOutputConfig\.MonitoringOutputs: 2 items is outside 1\.\.1",
    ):
        from_wire(OPERATIONS["CreateDataQualityJobDefinition"].input, data)
