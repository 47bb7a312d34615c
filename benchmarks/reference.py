"""The reference request and response the benchmarks measure (every member set, as users write it).

Imports only sagemon, so that a fresh process importing it measures sagemon alone.
"""

from __future__ import annotations

import datetime
from typing import Any

from sagemon import to_wire
from sagemon.enums import (
    InstanceType,
    ProblemType,
    S3DataDistributionType,
    S3InputMode,
    S3UploadMode,
)
from sagemon.shapes import (
    CreateModelQualityJobDefinitionRequest,
    EndpointInput,
    ModelQualityAppSpecification,
    ModelQualityBaselineConfig,
    ModelQualityJobInput,
    MonitoringClusterConfig,
    MonitoringConstraintsResource,
    MonitoringGroundTruthS3Input,
    MonitoringNetworkConfig,
    MonitoringOutput,
    MonitoringOutputConfig,
    MonitoringResources,
    MonitoringS3Output,
    MonitoringStoppingCondition,
    Tag,
    VpcConfig,
)

__all__ = ["ACCOUNT", "NOW", "ROLE", "build_request", "build_response"]

NOW = datetime.datetime(2026, 11, 1, 12, 0, tzinfo=datetime.timezone.utc)
ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/service-role/SageMakerMonitor"


def build_request() -> CreateModelQualityJobDefinitionRequest:
    """Every member set (but the alternative batch-transform input), built as a user writes it."""
    return CreateModelQualityJobDefinitionRequest(
        job_definition_name="churn-model-quality",
        model_quality_baseline_config=ModelQualityBaselineConfig(
            baselining_job_name="churn-baseline-2026-11-01",
            constraints_resource=MonitoringConstraintsResource(
                s3_uri="s3://ml-bucket/baseline/constraints.json"
            ),
        ),
        model_quality_app_specification=ModelQualityAppSpecification(
            image_uri="156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer",
            container_entrypoint=["python3", "/opt/program/analyze.py"],
            container_arguments=["--verbose", "--metrics", "all"],
            record_preprocessor_source_uri="s3://ml-bucket/code/preprocess.py",
            post_analytics_processor_source_uri="s3://ml-bucket/code/postprocess.py",
            problem_type=ProblemType.BINARY_CLASSIFICATION,
            environment={"LOG_LEVEL": "INFO", "THRESHOLD": "0.5", "FEATURES": "a,b,c"},
        ),
        model_quality_job_input=ModelQualityJobInput(
            endpoint_input=EndpointInput(
                endpoint_name="churn-endpoint",
                local_path="/opt/ml/processing/input/endpoint",
                s3_input_mode=S3InputMode.FILE,
                s3_data_distribution_type=S3DataDistributionType.FULLY_REPLICATED,
                features_attribute="features",
                inference_attribute="prediction",
                probability_attribute="probability",
                probability_threshold_attribute=0.5,
                start_time_offset="-PT2H",
                end_time_offset="-PT1H",
                exclude_features_attribute="customer_id",
            ),
            ground_truth_s3_input=MonitoringGroundTruthS3Input(
                s3_uri="s3://ml-bucket/ground-truth"
            ),
        ),
        model_quality_job_output_config=MonitoringOutputConfig(
            monitoring_outputs=[
                MonitoringOutput(
                    s3_output=MonitoringS3Output(
                        s3_uri="s3://ml-bucket/reports",
                        local_path="/opt/ml/processing/output",
                        s3_upload_mode=S3UploadMode.END_OF_JOB,
                    )
                )
            ],
            kms_key_id="arn:aws:kms:us-east-1:123456789012:key/abcd-1234",
        ),
        job_resources=MonitoringResources(
            cluster_config=MonitoringClusterConfig(
                instance_count=2,
                instance_type=InstanceType.ML_M5_XLARGE,
                volume_size_in_gb=30,
                volume_kms_key_id="arn:aws:kms:us-east-1:123456789012:key/abcd-1234",
            )
        ),
        network_config=MonitoringNetworkConfig(
            enable_inter_container_traffic_encryption=True,
            enable_network_isolation=False,
            vpc_config=VpcConfig(
                security_group_ids=["sg-0123456789abcdef0"], subnets=["subnet-0abc", "subnet-0def"]
            ),
        ),
        role_arn=ROLE,
        stopping_condition=MonitoringStoppingCondition(max_runtime_in_seconds=1800),
        tags=[Tag(key="team", value="ml-platform"), Tag(key="cost-center", value="4711")],
    )


def build_response() -> dict[str, Any]:
    """A full DescribeMonitoringSchedule response, as boto3 returns it."""
    definition = to_wire(build_request())
    job = {
        "BaselineConfig": {
            "BaseliningJobName": "churn-baseline",
            "ConstraintsResource": {"S3Uri": "s3://ml-bucket/baseline/constraints.json"},
            "StatisticsResource": {"S3Uri": "s3://ml-bucket/baseline/statistics.json"},
        },
        "MonitoringInputs": [
            {"EndpointInput": definition["ModelQualityJobInput"]["EndpointInput"]}
        ],
        "MonitoringOutputConfig": definition["ModelQualityJobOutputConfig"],
        "MonitoringResources": definition["JobResources"],
        "MonitoringAppSpecification": {
            k: v
            for k, v in definition["ModelQualityAppSpecification"].items()
            if k not in ("ProblemType", "Environment")
        },
        "StoppingCondition": {"MaxRuntimeInSeconds": 1800},
        "Environment": {"LOG_LEVEL": "INFO"},
        "NetworkConfig": definition["NetworkConfig"],
        "RoleArn": ROLE,
    }
    return {
        "MonitoringScheduleArn": f"arn:aws:sagemaker:us-east-1:{ACCOUNT}:monitoring-schedule/churn",
        "MonitoringScheduleName": "churn",
        "MonitoringScheduleStatus": "Scheduled",
        "MonitoringType": "DataQuality",
        "FailureReason": "",
        "CreationTime": NOW,
        "LastModifiedTime": NOW,
        "MonitoringScheduleConfig": {
            "ScheduleConfig": {"ScheduleExpression": "cron(0 * ? * * *)"},
            "MonitoringJobDefinition": job,
        },
        "EndpointName": "churn-endpoint",
        "LastMonitoringExecutionSummary": {
            "MonitoringScheduleName": "churn",
            "ScheduledTime": NOW,
            "CreationTime": NOW,
            "LastModifiedTime": NOW,
            "MonitoringExecutionStatus": "CompletedWithViolations",
            "ProcessingJobArn": "arn:aws:sagemaker:us-east-1:123456789012:processing-job/churn-1",
            "EndpointName": "churn-endpoint",
            "MonitoringJobDefinitionName": "churn-data-quality",
            "MonitoringType": "DataQuality",
        },
    }
