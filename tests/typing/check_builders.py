"""mypy --strict: builder steps keep their type; build/create give the typed shapes; from_request and
definition() take exactly what they accept (not run)."""

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
    assert_type(quality.model_monitor_image("us-east-1"), ModelQualityJobDefinitionBuilder)
    assert_type(DataQualityJobDefinitionBuilder("d").model_monitor_image("us-east-1"), DataQualityJobDefinitionBuilder)
    assert_type(ModelBiasJobDefinitionBuilder("b").clarify_image("us-east-1"), ModelBiasJobDefinitionBuilder)
    assert_type(
        ModelExplainabilityJobDefinitionBuilder("e").clarify_image("us-east-1"),
        ModelExplainabilityJobDefinitionBuilder,
    )
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
    ModelQualityJobDefinitionBuilder("c").clarify_image("us-east-1")  # type: ignore[attr-defined]


class ChurnQuality(ModelQualityJobDefinitionBuilder):
    """A user's own builder keeps its type through inherited steps."""

    def churn_defaults(self) -> ChurnQuality:
        return self.role("arn:aws:iam::123456789012:role/r").image("monitor:1")


def precise_types(client: Client, inline: s.MonitoringJobDefinition) -> None:
    assert_type(ChurnQuality("c").endpoint("churn").tag("a", "b").churn_defaults(), ChurnQuality)
    assert_type(ChurnQuality.from_request(ChurnQuality("c").build()), ChurnQuality)
    quality = client.describe_model_quality_job_definition(job_definition_name="q")
    bias = client.describe_model_bias_job_definition(job_definition_name="b")
    explain = client.describe_model_explainability_job_definition(job_definition_name="e")
    data = client.describe_data_quality_job_definition(job_definition_name="d")
    schedule = client.describe_monitoring_schedule(monitoring_schedule_name="s")
    job = client.describe_optimization_job(optimization_job_name="j")
    assert_type(
        ModelQualityJobDefinitionBuilder.from_request(quality).name("q2").max_runtime(60),
        ModelQualityJobDefinitionBuilder,
    )
    assert_type(ModelBiasJobDefinitionBuilder.from_request(bias), ModelBiasJobDefinitionBuilder)
    assert_type(
        ModelExplainabilityJobDefinitionBuilder.from_request(explain),
        ModelExplainabilityJobDefinitionBuilder,
    )
    assert_type(DataQualityJobDefinitionBuilder.from_request(data), DataQualityJobDefinitionBuilder)
    assert_type(
        MonitoringScheduleBuilder.from_request(schedule).name("s2").tag("a", "b"), MonitoringScheduleBuilder
    )
    assert_type(
        MonitoringScheduleBuilder.from_request(MonitoringScheduleBuilder("s").build()), MonitoringScheduleBuilder
    )
    assert_type(OptimizationJobBuilder.from_request(job).name("j2").shard(), OptimizationJobBuilder)
    assert_type(
        OptimizationJobBuilder("j").tags({"a": "b"}).max_pending(1800).training_plan("arn"),
        OptimizationJobBuilder,
    )
    built = DataQualityJobDefinitionBuilder("d").build()
    for source in (quality, bias, explain, data, built, inline, ChurnQuality("c")):
        assert_type(MonitoringScheduleBuilder("s").definition(source), MonitoringScheduleBuilder)
    MonitoringScheduleBuilder("s").definition(data, MonitoringType.DATA_QUALITY)
    MonitoringScheduleBuilder("s").definition("d", MonitoringType.DATA_QUALITY).schedule("cron(0 * ? * * *)")


def imprecise_calls(client: Client) -> None:
    quality = client.describe_model_quality_job_definition(job_definition_name="q")
    schedule = client.describe_monitoring_schedule(monitoring_schedule_name="s")
    DataQualityJobDefinitionBuilder.from_request(quality)  # type: ignore[arg-type]
    ModelQualityJobDefinitionBuilder.from_request(quality.model_quality_job_input)  # type: ignore[arg-type]
    MonitoringScheduleBuilder.from_request(quality)  # type: ignore[arg-type]
    OptimizationJobBuilder.from_request(schedule)  # type: ignore[arg-type]
    MonitoringScheduleBuilder("s").definition(schedule)  # type: ignore[call-overload]
    MonitoringScheduleBuilder("s").definition(Schedule.hourly())  # type: ignore[call-overload]
    MonitoringScheduleBuilder("s").definition(OptimizationJobBuilder("j"))  # type: ignore[call-overload]
    MonitoringScheduleBuilder("s").definition("by-name-needs-a-type")  # type: ignore[call-overload]
    MonitoringScheduleBuilder("s").definition("d", "DataQuality")  # type: ignore[call-overload]
    Schedule.once(start=3600, end=0)  # type: ignore[arg-type]
