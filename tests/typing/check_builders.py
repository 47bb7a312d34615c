"""mypy --strict: builder steps keep their type (Self); build/create give the typed shapes (not run)."""

from __future__ import annotations

import datetime

from typing_extensions import assert_type

from sagemon import (
    Client,
    DataQualityJobDefinitionBuilder,
    DatasetFormat,
    ModelBiasJobDefinitionBuilder,
    ModelExplainabilityJobDefinitionBuilder,
    ModelQualityJobDefinitionBuilder,
    MonitoringScheduleBuilder,
    OptimizationJobBuilder,
    Schedule,
    format_offset,
    parse_offset,
    to_json,
)
from sagemon import shapes as s
from sagemon.enums import (
    DeploymentInstanceType,
    InstanceType,
    MonitoringType,
    ProblemType,
    S3UploadMode,
)


def builders(client: Client) -> None:
    quality = (
        ModelQualityJobDefinitionBuilder("churn")
        .role("arn:aws:iam::123456789012:role/r")
        .endpoint("churn", probability_threshold=0.5, start_offset=datetime.timedelta(hours=-2))
        .problem_type(ProblemType.REGRESSION)
        .cluster(InstanceType.ML_M5_XLARGE, count=1, volume_gb=20)
        .output("s3://b/o", upload=S3UploadMode.END_OF_JOB)
        .max_runtime(datetime.timedelta(minutes=30))
        .tag("team", "ml")
    )
    assert_type(quality, ModelQualityJobDefinitionBuilder)
    assert_type(quality.build(), s.CreateModelQualityJobDefinitionRequest)
    assert_type(quality.create(client), s.CreateModelQualityJobDefinitionResponse)
    assert_type(
        DataQualityJobDefinitionBuilder("d").baseline(statistics="s3://b/s.json").build(),
        s.CreateDataQualityJobDefinitionRequest,
    )
    assert_type(ModelBiasJobDefinitionBuilder("b").analysis_config("s3://b/a.json"), ModelBiasJobDefinitionBuilder)
    assert_type(
        ModelExplainabilityJobDefinitionBuilder("e").batch_transform("s3://b/c", dataset_format=DatasetFormat.parquet()),
        ModelExplainabilityJobDefinitionBuilder,
    )
    schedule = MonitoringScheduleBuilder("s").definition(quality).schedule(Schedule.daily(hour=3))
    assert_type(schedule.build(), s.CreateMonitoringScheduleRequest)
    MonitoringScheduleBuilder("s").definition("name", MonitoringType.DATA_QUALITY)
    job = OptimizationJobBuilder("j").deploy_on(DeploymentInstanceType.ML_G5_2XLARGE).quantize(OPTION_QUANTIZE="awq")
    assert_type(job.create(client), s.CreateOptimizationJobResponse)
    described = client.describe_model_quality_job_definition(job_definition_name="churn")
    assert_type(ModelQualityJobDefinitionBuilder.from_request(described), ModelQualityJobDefinitionBuilder)
    assert_type(parse_offset("-PT1H"), datetime.timedelta)
    assert_type(format_offset(datetime.timedelta(hours=-1)), str)
    assert_type(to_json(quality.build()), str)


def mistakes() -> None:
    ModelQualityJobDefinitionBuilder("c").cluster("ml.m5.xlarge", volume_gb=20)  # type: ignore[arg-type]
    ModelQualityJobDefinitionBuilder("c").cluster(InstanceType.ML_M5_XLARGE)  # type: ignore[call-arg]
    DataQualityJobDefinitionBuilder("d").ground_truth("s3://b/gt")  # type: ignore[attr-defined]
    ModelQualityJobDefinitionBuilder("c").analysis_config("s3://b/a.json")  # type: ignore[attr-defined]
    ModelQualityJobDefinitionBuilder("c").baseline(statistics="s3://b/s.json")  # type: ignore[call-arg]
    OptimizationJobBuilder("j").deploy_on(InstanceType.ML_M5_XLARGE)  # type: ignore[arg-type]
