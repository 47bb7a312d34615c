"""Data-layer benchmarks: medians per operation and ratios against baselines from the same run.

    python benchmarks/bench_wire.py [--quick]

Targets (issue "The typed data layer"):
- construct + validate + to_wire of a full CreateModelQualityJobDefinitionRequest costs no more
  than botocore's own ParamValidator.validate on the same dict (ratio <= 1.0);
- lenient from_wire of a full DescribeMonitoringScheduleResponse costs no more than 2x a plain
  recursive dict copy (ratio <= 2.0);
- ``import sagemon`` does not import boto3 and adds under 50 ms.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from botocore.session import get_session
from botocore.validate import ParamValidator

from sagemon import from_wire, to_wire, validate
from sagemon.enums import (
    InstanceType,
    ProblemType,
    S3DataDistributionType,
    S3InputMode,
    S3UploadMode,
)
from sagemon.shapes import (
    CreateModelQualityJobDefinitionRequest,
    DescribeMonitoringScheduleResponse,
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


def dict_copy(value: Any) -> Any:
    """The baseline for parsing: a plain recursive copy of the same data."""
    if isinstance(value, dict):
        return {k: dict_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [dict_copy(v) for v in value]
    return value


def median_us(fn: Callable[[], object], rounds: int) -> float:
    """Median of ``rounds`` timings, each over enough calls to last ~10 ms, in microseconds."""
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        if time.perf_counter() - start > 0.01:
            break
        calls *= 2
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        samples.append((time.perf_counter() - start) / calls)
    return statistics.median(samples) * 1e6


def import_ms(statement: str, runs: int) -> tuple[float, bool]:
    """Median cost of ``python -c statement`` over ``python -c pass``, and whether boto3 loaded."""

    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    base = statistics.median(run("pass") for _ in range(runs))
    cost = statistics.median(run(statement) for _ in range(runs))
    probe = subprocess.run(
        [sys.executable, "-c", f"{statement}; import sys; print('boto3' in sys.modules)"],
        check=True,
        capture_output=True,
        text=True,
    )
    return (cost - base) * 1000, probe.stdout.strip() == "True"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (for a smoke run)")
    args = parser.parse_args()
    rounds = 5 if args.quick else 25

    service = get_session().get_service_model("sagemaker")
    input_shape = service.operation_model("CreateModelQualityJobDefinition").input_shape
    validator = ParamValidator()
    request_wire = to_wire(build_request())
    response_wire = build_response()
    from_wire(DescribeMonitoringScheduleResponse, response_wire, lenient=True)  # warm up and check

    botocore_validate = median_us(lambda: validator.validate(request_wire, input_shape), rounds)
    copy = median_us(lambda: dict_copy(response_wire), rounds)
    rows = [
        (
            "botocore ParamValidator.validate (baseline A)",
            botocore_validate,
            botocore_validate,
            None,
        ),
        (
            "construct + to_wire",
            median_us(lambda: to_wire(build_request()), rounds),
            botocore_validate,
            1.0,
        ),
        (
            "construct + validate(deep, rules) + to_wire",
            median_us(lambda: (r := build_request(), validate(r), to_wire(r)), rounds),
            botocore_validate,
            1.0,
        ),
        (
            "from_wire strict (request dict)",
            median_us(
                lambda: from_wire(CreateModelQualityJobDefinitionRequest, request_wire), rounds
            ),
            botocore_validate,
            None,
        ),
        ("recursive dict copy (baseline B)", copy, copy, None),
        (
            "from_wire lenient (describe response)",
            median_us(
                lambda: from_wire(DescribeMonitoringScheduleResponse, response_wire, lenient=True),
                rounds,
            ),
            copy,
            2.0,
        ),
        (
            "from_wire strict (describe response)",
            median_us(lambda: from_wire(DescribeMonitoringScheduleResponse, response_wire), rounds),
            copy,
            None,
        ),
    ]
    print(f"{'operation':<46} {'median':>10} {'ratio':>7}  target")
    for name, us, base, target in rows:
        ratio = us / base
        verdict = (
            "" if target is None else f"<= {target:.1f} {'ok' if ratio <= target else 'MISSED'}"
        )
        print(f"{name:<46} {us:>8.1f}us {ratio:>6.2f}x  {verdict}")

    runs = 5 if args.quick else 15
    cost, boto3_loaded = import_ms("import sagemon", runs)
    print(
        f"\nimport sagemon: +{cost:.1f} ms over bare python (target < 50 ms),"
        f" boto3 imported: {boto3_loaded}"
    )
    cost, _ = import_ms("import sagemon.shapes, sagemon.enums, sagemon._wire", runs)
    print(f"import sagemon.shapes + enums + wire layer: +{cost:.1f} ms (attrs and cattrs included)")


if __name__ == "__main__":
    main()
