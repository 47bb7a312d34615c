"""Realistic requests for the client and local-SageMaker tests, as typed shapes."""

from __future__ import annotations

from typing import Any

from sagemon import from_wire
from sagemon._generated.operations import OPERATIONS
from sagemon.shapes import (
    CreateMonitoringScheduleRequest,
    CreateOptimizationJobRequest,
    Shape,
)

ROLE = "arn:aws:iam::123456789012:role/Monitor"
IMAGE = "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer"
KINDS = ("ModelQuality", "ModelExplainability", "DataQuality", "ModelBias")


def _output() -> dict[str, Any]:
    return {
        "MonitoringOutputs": [
            {"S3Output": {"S3Uri": "s3://bucket/reports", "LocalPath": "/opt/ml/processing/output"}}
        ]
    }


def _cluster() -> dict[str, Any]:
    return {
        "ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 20}
    }


def definition_wire(
    kind: str, name: str, *, endpoint: str = "churn", batch: bool = False
) -> dict[str, Any]:
    """A Create<kind>JobDefinition request as a wire dict."""
    if batch:
        source: dict[str, Any] = {
            "BatchTransformInput": {
                "DataCapturedDestinationS3Uri": "s3://bucket/capture",
                "DatasetFormat": {"Csv": {"Header": True}},
                "LocalPath": "/opt/ml/processing/input",
            }
        }
    else:
        source = {
            "EndpointInput": {"EndpointName": endpoint, "LocalPath": "/opt/ml/processing/input"}
        }
    if kind in ("ModelQuality", "ModelBias"):
        source["GroundTruthS3Input"] = {"S3Uri": "s3://bucket/ground-truth"}
    if kind in ("ModelQuality", "DataQuality"):
        app: dict[str, Any] = {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/monitor:1"}
        if kind == "ModelQuality":
            app["ProblemType"] = "BinaryClassification"
    else:
        app = {
            "ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/clarify:1",
            "ConfigUri": "s3://bucket/analysis.json",
        }
    return {
        "JobDefinitionName": name,
        f"{kind}AppSpecification": app,
        f"{kind}JobInput": source,
        f"{kind}JobOutputConfig": _output(),
        "JobResources": _cluster(),
        "RoleArn": ROLE,
        "StoppingCondition": {"MaxRuntimeInSeconds": 1800},
    }


def definition(kind: str, name: str, **options: Any) -> Shape:
    return from_wire(
        OPERATIONS[f"Create{kind}JobDefinition"].input, definition_wire(kind, name, **options)
    )


def schedule(
    name: str, definition_name: str, kind: str = "ModelQuality"
) -> CreateMonitoringScheduleRequest:
    return from_wire(
        CreateMonitoringScheduleRequest,
        {
            "MonitoringScheduleName": name,
            "MonitoringScheduleConfig": {
                "ScheduleConfig": {"ScheduleExpression": "cron(0 * ? * * *)"},
                "MonitoringJobDefinitionName": definition_name,
                "MonitoringType": kind,
            },
        },
    )


def inline_schedule(name: str, endpoint: str = "churn") -> CreateMonitoringScheduleRequest:
    return from_wire(
        CreateMonitoringScheduleRequest,
        {
            "MonitoringScheduleName": name,
            "MonitoringScheduleConfig": {
                "ScheduleConfig": {"ScheduleExpression": "cron(0 * ? * * *)"},
                "MonitoringJobDefinition": {
                    "MonitoringInputs": [
                        {
                            "EndpointInput": {
                                "EndpointName": endpoint,
                                "LocalPath": "/opt/ml/processing/input",
                            }
                        }
                    ],
                    "MonitoringOutputConfig": _output(),
                    "MonitoringResources": _cluster(),
                    "MonitoringAppSpecification": {
                        "ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/monitor:1"
                    },
                    "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
                    "RoleArn": ROLE,
                },
            },
        },
    )


def optimization_job(
    name: str, technique: str = "ModelQuantizationConfig"
) -> CreateOptimizationJobRequest:
    return from_wire(
        CreateOptimizationJobRequest,
        {
            "OptimizationJobName": name,
            "RoleArn": ROLE,
            "ModelSource": {
                "S3": {"S3Uri": "s3://bucket/model/", "ModelAccessConfig": {"AcceptEula": True}}
            },
            "DeploymentInstanceType": "ml.g5.2xlarge",
            "OptimizationConfigs": [
                {technique: {"OverrideEnvironment": {"OPTION_QUANTIZE": "awq"}}}
            ],
            "OutputConfig": {"S3OutputLocation": "s3://bucket/optimized/"},
            "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
        },
    )
