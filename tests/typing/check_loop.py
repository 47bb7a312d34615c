"""mypy --strict: baselining builders keep their type through their steps, the waiter and the
readers give typed results, and the local SageMaker's simulation takes typed violations (not run)."""

from __future__ import annotations

import datetime

from mypy_boto3_s3 import S3Client
from typing_extensions import assert_type

from sagemon import (
    BaselineDatasetFormat,
    Client,
    DataQualityBaselineJobBuilder,
    ModelQualityBaselineJobBuilder,
    SuggestedBaseline,
)
from sagemon import reports as r
from sagemon import shapes as s
from sagemon.enums import ExecutionStatus, InstanceType, ProblemType
from sagemon.testing import LocalSageMaker


def baselines(client: Client) -> None:
    data = (
        DataQualityBaselineJobBuilder("churn-baseline")
        .role("arn:aws:iam::123456789012:role/r")
        .model_monitor_image("us-east-1")
        .dataset("s3://bucket/train/", BaselineDatasetFormat.csv(header=False))
        .output("s3://bucket/baseline", kms_key="alias/reports")
        .cluster(InstanceType.ML_M5_2XLARGE, volume_gb=50)
        .max_runtime(datetime.timedelta(hours=1))
        .record_preprocessor("s3://bucket/code/pre.py")
        .categorical_drift_method("ChiSquared")
        .tag("team", "ml")
    )
    assert_type(data, DataQualityBaselineJobBuilder)
    assert_type(data.build(), s.CreateProcessingJobRequest)
    assert_type(data.create(client), s.CreateProcessingJobResponse)
    quality = (
        ModelQualityBaselineJobBuilder("churn-quality")
        .role("arn:aws:iam::123456789012:role/r")
        .dataset("s3://bucket/scored/")
        .output("s3://bucket/quality")
        .problem_type(ProblemType.BINARY_CLASSIFICATION)
        .attributes(inference="prediction", ground_truth="label", probability_threshold=0.6)
        .post_analytics_processor("s3://bucket/code/post.py")
    )
    assert_type(quality, ModelQualityBaselineJobBuilder)
    described = client.wait_for_processing_job("churn-baseline", timeout=600, poll_interval=10)
    assert_type(described, s.DescribeProcessingJobResponse)
    found = client.suggested_baseline("churn-baseline")
    assert_type(found, SuggestedBaseline)
    assert_type(found.statistics, r.DataQualityStatistics | r.ModelQualityStatistics)
    assert_type(found.constraints, r.DataQualityConstraints | r.ModelQualityConstraints)
    assert_type(found.constraints_uri, str)
    if isinstance(found.constraints, r.DataQualityConstraints):
        edited = found.constraints.with_feature("age", completeness=0.9)
        assert_type(edited.to_json(), str)
    assert_type(found.statistics_uri, str)
    assert_type(found.s3_uri, str)
    assert_type(found.data_quality(), tuple[r.DataQualityStatistics, r.DataQualityConstraints])
    assert_type(found.model_quality(), tuple[r.ModelQualityStatistics, r.ModelQualityConstraints])


def readme_baselines(client: Client) -> None:
    """The README's Baselines example, as written there."""
    suggested = client.suggested_baseline("churn-baseline")
    statistics, constraints = suggested.data_quality()
    features = [(f.name, f.inferred_type, f.completeness) for f in constraints.features]
    assert_type(features, list[tuple[str | None, str | None, float | None]])
    edited = constraints.with_feature("age", completeness=0.5)
    assert_type(edited, r.DataQualityConstraints)
    assert_type(statistics, r.DataQualityStatistics)
    assert_type(client.suggested_baseline("b", max_bytes=1024), SuggestedBaseline)


def local_loop(local: LocalSageMaker, s3: S3Client) -> None:
    assert_type(local.s3, S3Client)
    summary = local.run_execution(
        "churn",
        ExecutionStatus.COMPLETED_WITH_VIOLATIONS,
        violations=[
            ("Day Mins", r.CheckType.BASELINE_DRIFT),
            ("State", r.CheckType.COMPLETENESS, "Value: 0.5 does not meet the constraint requirement! "),
        ],
        statistics={"version": 0.0, "dataset": {"item_count": 1}, "features": []},
    )
    assert_type(summary, s.MonitoringExecutionSummary)
    local.run_execution("churn", statistics=r.DataQualityStatistics.from_json("{}"))
    local.run_execution("churn", violations=[1])  # type: ignore[list-item]
    assert_type(local.client.s3_client, S3Client)
