"""Fluent builders: immutable steps, complete problem reports, and requests that AWS accepts."""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sagemon import (
    DataQualityJobDefinitionBuilder,
    DatasetFormat,
    ModelBiasJobDefinitionBuilder,
    ModelExplainabilityJobDefinitionBuilder,
    ModelQualityJobDefinitionBuilder,
    MonitoringScheduleBuilder,
    OptimizationJobBuilder,
    Schedule,
    ValidationError,
    to_wire,
)
from sagemon._builders import (
    _PY_NAMES,
    BATCH_INPUT_PATH,
    INPUT_PATH,
    Requires,
    _AnalysisConfig,
    _Path,
)
from sagemon.enums import (
    DeploymentInstanceType,
    InstanceType,
    MonitoringType,
    ProblemType,
    S3InputMode,
    S3UploadMode,
    ScheduleStatus,
)
from sagemon.errors import UnknownRegionError
from sagemon.images import clarify_image_uri, model_monitor_image_uri, model_monitor_regions
from sagemon.shapes import MonitoringJobDefinition
from sagemon.testing import LocalSageMaker
from tests.factories import inline_schedule

ROLE = "arn:aws:iam::123456789012:role/Monitor"


class _Printer:
    """The part of IPython's pretty printer that ``_repr_pretty_`` uses."""

    def __init__(self) -> None:
        self.output = ""

    def text(self, text: str) -> None:
        self.output += text


def pretty(obj: object) -> str:
    printer = _Printer()
    obj._repr_pretty_(printer, False)  # type: ignore[attr-defined]
    return printer.output


MINUTES = datetime.timedelta(minutes=1)


def quality_base() -> ModelQualityJobDefinitionBuilder:
    return (
        ModelQualityJobDefinitionBuilder("churn-quality")
        .role(ROLE)
        .image("monitor:1")
        .cluster(InstanceType.ML_M5_XLARGE, count=1, volume_gb=20)
        .output("s3://bucket/reports", upload=S3UploadMode.END_OF_JOB)
    )


def quality() -> ModelQualityJobDefinitionBuilder:
    return (
        quality_base()
        .endpoint(
            "churn",
            inference_attribute="prediction",
            probability_attribute="p",
            probability_threshold=0.5,
        )
        .ground_truth("s3://bucket/ground-truth")
        .problem_type(ProblemType.BINARY_CLASSIFICATION)
        .max_runtime(30 * MINUTES)
    )


def test_steps_return_new_builders_and_never_alias() -> None:
    base = quality_base()
    before = base.to_wire()
    a = base.endpoint("churn").tag("team", "a")
    b = base.batch_transform("s3://bucket/capture").tag("team", "b")
    assert base.to_wire() == before
    assert a is not base
    assert "EndpointInput" in a.to_wire()["ModelQualityJobInput"]
    assert "EndpointInput" not in b.to_wire()["ModelQualityJobInput"]
    assert a.to_wire()["Tags"] == [{"Key": "team", "Value": "a"}]
    assert b.to_wire()["Tags"] == [{"Key": "team", "Value": "b"}]
    wire = a.to_wire()
    wire["RoleArn"] = "changed"
    assert a.to_wire()["RoleArn"] == ROLE


def test_documented_defaults() -> None:
    wire = quality().build().model_quality_job_input.endpoint_input
    assert wire is not None
    assert wire.local_path == "/opt/ml/processing/input/endpoint"
    assert wire.s3_input_mode is S3InputMode.FILE
    batch = (
        quality_base()
        .batch_transform("s3://bucket/capture")
        .to_wire()["ModelQualityJobInput"]["BatchTransformInput"]
    )
    assert batch["LocalPath"] == "/opt/ml/processing/input/batch"
    assert batch["DatasetFormat"] == {"Csv": {}}
    output = quality_base().to_wire()["ModelQualityJobOutputConfig"]["MonitoringOutputs"][0][
        "S3Output"
    ]
    assert output["LocalPath"] == "/opt/ml/processing/output"


def test_build_lists_every_problem_with_what_to_call() -> None:
    builder = (
        ModelQualityJobDefinitionBuilder("bad_name")
        .image("monitor:1")
        .cluster(InstanceType.ML_M5_XLARGE, volume_gb=0)
    )
    with pytest.raises(ValidationError) as info:
        builder.build()
    assert [str(p) for p in info.value.problems] == [
        "RoleArn: role is required; call .role(arn)",
        "ModelQualityJobInput: an input is required; call .endpoint(name) or .batch_transform(s3_uri)",
        "ModelQualityJobOutputConfig: an output is required; call .output(s3_uri)",
        "ModelQualityJobInput.GroundTruthS3Input: ground truth is required; call .ground_truth(s3_uri)",
        "JobDefinitionName: 'bad_name' has an underscore ('_') at position 4; use only letters, digits and hyphens",
        "JobResources.ClusterConfig.VolumeSizeInGB: 0 is outside 1..16384",
    ]


def test_rules_are_checked_in_build() -> None:
    builder = quality().tag("team", "a").tag("team", "b")
    with pytest.raises(ValidationError, match="tag key 'team' appears 2 times"):
        builder.build()


COMPLETE: list[Callable[[], Any]] = [
    quality,
    lambda: (
        quality_base()
        .batch_transform(
            "s3://bucket/capture",
            dataset_format=DatasetFormat.json(line=True),
            start_offset=-2 * MINUTES * 60,
            end_offset="-PT1H",
        )
        .ground_truth("s3://bucket/gt")
        .baseline(constraints="s3://bucket/constraints.json", job_name="baseline-1")
        .container(entrypoint=["python3"], arguments=["run.py"])
        .environment(LOG_LEVEL="INFO")
        .vpc(["subnet-1"], ["sg-1"])
        .network(isolation=True, encrypt_inter_container=True)
    ),
    lambda: (
        DataQualityJobDefinitionBuilder("churn-data")
        .role(ROLE)
        .image("monitor:1")
        .endpoint("churn")
        .baseline(constraints="s3://bucket/c.json", statistics="s3://bucket/s.json")
        .cluster(InstanceType.ML_M5_LARGE, volume_gb=10)
        .output("s3://bucket/out")
        .max_runtime(3600)
    ),
    lambda: (
        ModelBiasJobDefinitionBuilder("churn-bias")
        .role(ROLE)
        .image("clarify:1")
        .analysis_config("s3://bucket/analysis.json")
        .endpoint("churn")
        .ground_truth("s3://bucket/gt")
        .cluster(InstanceType.ML_M5_LARGE, volume_gb=10)
        .output("s3://bucket/out")
    ),
    lambda: (
        ModelExplainabilityJobDefinitionBuilder("churn-explain")
        .role(ROLE)
        .image("clarify:1")
        .analysis_config("s3://bucket/analysis.json")
        .batch_transform("s3://bucket/capture", dataset_format=DatasetFormat.parquet())
        .cluster(InstanceType.ML_M5_LARGE, volume_gb=10)
        .output("s3://bucket/out")
    ),
]
COMPLETE_IDS = [
    "quality-endpoint",
    "quality-batch-everything",
    "data-quality",
    "bias",
    "explainability",
]


@pytest.mark.parametrize("builder", COMPLETE, ids=COMPLETE_IDS)
def test_each_definition_builder_creates(local_sagemaker: LocalSageMaker, builder: object) -> None:
    built = builder()  # type: ignore[operator]
    request = built.build()
    response = built.create(local_sagemaker.client)
    assert response.job_definition_arn.endswith(request.job_definition_name)


def test_schedule_builder(local_sagemaker: LocalSageMaker) -> None:
    client = local_sagemaker.client
    definition = quality()
    definition.create(client)
    schedule = (
        MonitoringScheduleBuilder("churn-hourly")
        .definition(definition)
        .schedule(Schedule.hourly())
        .tag("team", "ml")
    )
    request = schedule.build()
    assert request.monitoring_schedule_config.monitoring_type is MonitoringType.MODEL_QUALITY
    assert request.monitoring_schedule_config.monitoring_job_definition_name == "churn-quality"
    schedule.create(client)
    assert (
        client.wait_for_monitoring_schedule("churn-hourly").monitoring_schedule_status
        is ScheduleStatus.SCHEDULED
    )
    # By name, with the type; from a Describe response; inline.
    described = client.describe_model_quality_job_definition(job_definition_name="churn-quality")
    by_name = (
        MonitoringScheduleBuilder("a")
        .definition("churn-quality", MonitoringType.MODEL_QUALITY)
        .build()
    )
    from_described = MonitoringScheduleBuilder("a").definition(described).build()
    assert by_name == from_described
    inline = inline_schedule("x").monitoring_schedule_config.monitoring_job_definition
    assert isinstance(inline, MonitoringJobDefinition)
    built_inline = (
        MonitoringScheduleBuilder("inline")
        .definition(inline)
        .schedule(Schedule.daily(hour=3))
        .build()
    )
    assert built_inline.monitoring_schedule_config.monitoring_job_definition == inline
    with pytest.raises(ValueError, match="is ModelQuality, not DataQuality"):
        MonitoringScheduleBuilder("a").definition(definition, MonitoringType.DATA_QUALITY)
    with pytest.raises(TypeError, match="takes a name, a job definition or its builder"):
        MonitoringScheduleBuilder("a").definition(Schedule.hourly().config())  # type: ignore[arg-type]


def test_schedule_runtime_must_fit_the_frequency() -> None:
    too_long = quality().max_runtime(45 * MINUTES)
    hourly = MonitoringScheduleBuilder("s").definition(too_long).schedule(Schedule.hourly())
    with pytest.raises(ValidationError) as info:
        hourly.build()
    # The problem points at the member to change: the referenced definition's max runtime.
    assert [str(p) for p in info.value.problems] == [
        "MonitoringJobDefinition[churn-quality].StoppingCondition.MaxRuntimeInSeconds: "
        "MaxRuntimeInSeconds 2700 exceeds the 1800 s allowed for an hourly ModelQuality "
        "schedule; lower the definition's max runtime to at most 1800 or schedule less often"
    ]
    assert (
        MonitoringScheduleBuilder("s")
        .definition(too_long)
        .schedule(Schedule.every(hours=2))
        .build()
    )
    with pytest.raises(ValidationError, match="a NOW schedule needs"):
        MonitoringScheduleBuilder("s").definition(too_long).schedule("NOW").build()
    with pytest.raises(ValidationError, match=r"a job definition is required; call \.definition"):
        MonitoringScheduleBuilder("s").schedule(Schedule.hourly()).build()


def test_build_reports_member_and_rule_problems_together() -> None:
    """A bad name used to hide an unsupported cron (rules ran only once members were valid)."""
    builder = (
        MonitoringScheduleBuilder("churn_v2")
        .definition(quality().max_runtime(45 * MINUTES))
        .schedule("cron(0 12 * * ? *)")
    )
    with pytest.raises(ValidationError) as info:
        builder.build()
    assert info.value.paths == (
        "MonitoringScheduleName",
        "MonitoringScheduleConfig.ScheduleConfig.ScheduleExpression",
    )
    # No definition yet: what is missing, a broken member and a broken rule, all at once.
    lone = MonitoringScheduleBuilder("churn_v2").schedule("cron(0 12 * * ? *)").tag("a", "1")
    with pytest.raises(ValidationError) as info:
        lone.tag("a", "2").build()
    assert info.value.paths == (
        "MonitoringScheduleConfig",
        "MonitoringScheduleName",
        "Tags",
        "MonitoringScheduleConfig.ScheduleConfig.ScheduleExpression",
    )
    definition = quality_base().endpoint("churn", start_offset="-PT1H", end_offset="-PT2H")
    with pytest.raises(ValidationError) as info:
        definition.name("bad_name").build()
    assert info.value.paths == (
        "ModelQualityJobInput.GroundTruthS3Input",
        "JobDefinitionName",
        "ModelQualityJobInput.EndpointInput.StartTimeOffset",
    )


def test_runtime_rule_waits_for_a_valid_expression() -> None:
    too_long = quality().max_runtime(45 * MINUTES)
    builder = MonitoringScheduleBuilder("s").definition(too_long).schedule(42)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as info:
        builder.build()
    assert [p.path for p in info.value.problems] == [
        "MonitoringScheduleConfig.ScheduleConfig.ScheduleExpression"
    ]
    assert "expected a string" in info.value.problems[0].message


def test_from_request_takes_a_described_schedule(local_sagemaker: LocalSageMaker) -> None:
    """The README promised Describe responses work; for schedules it raised TypeError."""
    client = local_sagemaker.client
    quality().create(client)
    original = schedule()
    original.create(client)
    described = client.describe_monitoring_schedule(monitoring_schedule_name="churn-hourly")
    copy = MonitoringScheduleBuilder.from_request(described)
    request = copy.name("churn-hourly-2").build()
    expected = original.build()
    assert request.monitoring_schedule_config == expected.monitoring_schedule_config
    assert request.monitoring_schedule_name == "churn-hourly-2"
    copy.name("churn-hourly-2").create(client)
    assert MonitoringScheduleBuilder.from_request(expected).build() == expected
    # A described config without its own MonitoringType takes the response's.
    config = described.monitoring_schedule_config
    assert config.monitoring_type is MonitoringType.MODEL_QUALITY
    bare = attrs.evolve(
        described, monitoring_schedule_config=attrs.evolve(config, monitoring_type=None)
    )
    assert MonitoringScheduleBuilder.from_request(bare).build() == attrs.evolve(expected, tags=None)
    with pytest.raises(
        TypeError,
        match="takes a CreateMonitoringScheduleRequest or DescribeMonitoringScheduleResponse",
    ):
        MonitoringScheduleBuilder.from_request(config)  # type: ignore[arg-type]


def test_from_request_copies_under_a_new_name(local_sagemaker: LocalSageMaker) -> None:
    client = local_sagemaker.client
    quality().create(client)
    described = client.describe_model_quality_job_definition(job_definition_name="churn-quality")
    copy = (
        ModelQualityJobDefinitionBuilder.from_request(described)
        .name("churn-quality-v2")
        .max_runtime(20 * MINUTES)
    )
    copy.create(client)
    again = client.describe_model_quality_job_definition(job_definition_name="churn-quality-v2")
    assert again.stopping_condition is not None
    assert again.stopping_condition.max_runtime_in_seconds == 1200
    assert to_wire(again.model_quality_job_input) == to_wire(described.model_quality_job_input)
    request = quality().build()
    assert ModelQualityJobDefinitionBuilder.from_request(request).build() == request
    with pytest.raises(
        TypeError,
        match="takes a CreateModelQualityJobDefinitionRequest or DescribeModelQualityJobDefinitionResponse",
    ):
        ModelQualityJobDefinitionBuilder.from_request(request.model_quality_job_input)


def test_optimization_builder(local_sagemaker: LocalSageMaker) -> None:
    job = (
        OptimizationJobBuilder("llama-awq")
        .role(ROLE)
        .model("s3://bucket/model/", accept_eula=True)
        .deploy_on(DeploymentInstanceType.ML_G5_2XLARGE, max_instances=2)
        .quantize(OPTION_QUANTIZE="awq")
        .compile(image="neuron:1")
        .quantize(OPTION_QUANTIZE="fp8")  # replaces the earlier quantization
        .speculative_decoding(training_data="s3://bucket/draft/")
        .environment(HF_TOKEN="x")
        .output("s3://bucket/optimized/", model_name="llama-fp8")
        .max_runtime(datetime.timedelta(hours=1))
        .max_wait(datetime.timedelta(hours=2))
        .vpc(["subnet-1"], ["sg-1"])
    )
    request = job.build()
    assert [next(iter(to_wire(c))) for c in request.optimization_configs] == [
        "ModelCompilationConfig",
        "ModelQuantizationConfig",
        "ModelSpeculativeDecodingConfig",
    ]
    job.create(local_sagemaker.client)
    assert (
        local_sagemaker.client.wait_for_optimization_job("llama-awq").optimization_job_name
        == "llama-awq"
    )
    with pytest.raises(ValidationError, match="must be at least MaxRuntimeInSeconds"):
        job.max_wait(60).build()
    with pytest.raises(ValueError, match="whole seconds"):
        job.max_runtime(datetime.timedelta(seconds=1.5))
    missing = OptimizationJobBuilder().missing()
    assert [p.path for p in missing] == [
        "OptimizationJobName",
        "RoleArn",
        "ModelSource",
        "DeploymentInstanceType",
        "OptimizationConfigs",
        "OutputConfig",
        "StoppingCondition",
    ]
    assert OptimizationJobBuilder("x").sagemaker_model("m").to_wire()["ModelSource"] == {
        "SageMakerModel": {"ModelName": "m"}
    }


def test_reprs_for_notebooks_and_terminals() -> None:
    half = ModelQualityJobDefinitionBuilder("churn").role(ROLE)
    assert repr(half) == (
        "ModelQualityJobDefinitionBuilder('churn'; set: role_arn; missing: "
        "model_quality_app_specification.image_uri, model_quality_job_input, "
        "model_quality_job_output_config, job_resources, model_quality_job_input.ground_truth_s3_input)"
    )
    text = pretty(half)
    assert text.splitlines()[:3] == [
        "ModelQualityJobDefinitionBuilder",
        "  job_definition_name: 'churn'",
        f"  role_arn: '{ROLE}'",
    ]
    assert "    - image is required; call .image(uri)" in text
    html = half._repr_html_()
    assert "still missing" in html
    assert "call .image(uri)" in html
    request = quality().build()
    shape_text = pretty(request)
    assert shape_text.startswith(
        "CreateModelQualityJobDefinitionRequest\n  job_definition_name: 'churn-quality'"
    )
    assert "      instance_type: ml.m5.xlarge" in shape_text
    assert "<table>" in request._repr_html_()
    assert "instance_type" in request._repr_html_()
    assert repr(request).startswith(
        "CreateModelQualityJobDefinitionRequest(job_definition_name='churn-quality', "
    )


def optimization() -> OptimizationJobBuilder:
    return (
        OptimizationJobBuilder("llama-awq")
        .role(ROLE)
        .model("s3://bucket/model/", accept_eula=True)
        .deploy_on(DeploymentInstanceType.ML_G5_2XLARGE, max_instances=2)
        .quantize(OPTION_QUANTIZE="awq")
        .environment(HF_TOKEN="x")
        .output("s3://bucket/optimized/", model_name="llama-fp8")
        .max_runtime(datetime.timedelta(hours=1))
        .tag("team", "ml")
    )


def schedule() -> MonitoringScheduleBuilder:
    return (
        MonitoringScheduleBuilder("churn-hourly")
        .definition(quality())
        .schedule(Schedule.hourly())
        .tag("team", "ml")
    )


@pytest.mark.parametrize(
    "builder", [*COMPLETE, schedule, optimization], ids=[*COMPLETE_IDS, "schedule", "optimization"]
)
def test_builders_display_what_their_request_displays(builder: Callable[[], Any]) -> None:
    """One vocabulary: a complete builder shows the Python names its built shape shows."""
    built = builder()
    request = built.build()
    title, shape_title = type(built).__name__, type(request).__name__
    assert pretty(built).splitlines()[1:] == pretty(request).splitlines()[1:]
    assert built._repr_html_() == request._repr_html_().replace(shape_title, title, 1)
    wire_names = {wire for wire in _PY_NAMES if wire != _PY_NAMES[wire]}
    assert not wire_names & set(re.findall(r"\w+", pretty(built) + repr(built)))


# Every step that takes an enum: (call with a plain string, wire path, member to use)
ENUM_STEPS: list[tuple[Callable[[], object], str, str]] = [
    (
        lambda: quality_base().cluster("ml.m5.xlarge", volume_gb=20),  # type: ignore[arg-type]
        "JobResources.ClusterConfig.InstanceType",
        "ProcessingInstanceType.ML_M5_XLARGE",
    ),
    (
        lambda: quality_base().endpoint("e", input_mode="Pipe"),  # type: ignore[arg-type]
        "ModelQualityJobInput.EndpointInput.S3InputMode",
        "ProcessingS3InputMode.PIPE",
    ),
    (
        lambda: DataQualityJobDefinitionBuilder("d").endpoint(
            "e",
            distribution="ShardedByS3Key",  # type: ignore[arg-type]
        ),
        "DataQualityJobInput.EndpointInput.S3DataDistributionType",
        "ProcessingS3DataDistributionType.SHARDED_BY_S3_KEY",
    ),
    (
        lambda: quality_base().batch_transform("s3://b/c", input_mode="File"),  # type: ignore[arg-type]
        "ModelQualityJobInput.BatchTransformInput.S3InputMode",
        "ProcessingS3InputMode.FILE",
    ),
    (
        lambda: ModelBiasJobDefinitionBuilder("b").batch_transform(
            "s3://b/c",
            distribution="FullyReplicated",  # type: ignore[arg-type]
        ),
        "ModelBiasJobInput.BatchTransformInput.S3DataDistributionType",
        "ProcessingS3DataDistributionType.FULLY_REPLICATED",
    ),
    (
        lambda: ModelExplainabilityJobDefinitionBuilder("e").output("s3://b/o", upload="EndOfJob"),  # type: ignore[arg-type]
        "ModelExplainabilityJobOutputConfig.MonitoringOutputs[0].S3Output.S3UploadMode",
        "ProcessingS3UploadMode.END_OF_JOB",
    ),
    (
        lambda: quality_base().problem_type("Regression"),  # type: ignore[arg-type]
        "ModelQualityAppSpecification.ProblemType",
        "MonitoringProblemType.REGRESSION",
    ),
    (
        lambda: OptimizationJobBuilder("j").deploy_on("ml.g5.2xlarge"),  # type: ignore[arg-type]
        "DeploymentInstanceType",
        "OptimizationJobDeploymentInstanceType.ML_G5_2XLARGE",
    ),
    (
        lambda: OptimizationJobBuilder("j").compile().speculative_decoding("EAGLE"),  # type: ignore[arg-type]
        "OptimizationConfigs[1].ModelSpeculativeDecodingConfig.Technique",
        "ModelSpeculativeDecodingTechnique.EAGLE",
    ),
    (
        lambda: OptimizationJobBuilder("j").speculative_decoding(data_type="S3Prefix"),  # type: ignore[arg-type]
        "OptimizationConfigs[0].ModelSpeculativeDecodingConfig.TrainingDataSource.S3DataType",
        "ModelSpeculativeDecodingS3DataType.S3_PREFIX",
    ),
    (
        lambda: MonitoringScheduleBuilder("s").definition("d", "DataQuality"),  # type: ignore[call-overload]
        "MonitoringScheduleConfig.MonitoringType",
        "MonitoringType.DATA_QUALITY",
    ),
]


@pytest.mark.parametrize(
    ("step", "path", "member"), ENUM_STEPS, ids=[p for _s, p, _m in ENUM_STEPS]
)
def test_enum_steps_refuse_plain_strings_as_shapes_do(
    step: Callable[[], object], path: str, member: str
) -> None:
    with pytest.raises(ValidationError) as info:
        step()
    [problem] = info.value.problems
    assert problem.path == path
    assert problem.message.endswith(f"; use {member}")
    assert problem.message.startswith(
        f"expected {member.split('.', maxsplit=1)[0]}, got the string "
    )


def test_enum_steps_take_members_and_unlisted_values() -> None:
    newer = InstanceType.unlisted("ml.q9.48xlarge")
    request = quality().cluster(newer, volume_gb=20).build()
    assert request.job_resources.cluster_config.instance_type is newer
    with pytest.raises(
        ValidationError,
        match=r"InstanceType: expected a ProcessingInstanceType value, got an integer 5",
    ):
        quality().cluster(5, volume_gb=20)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- steps tested nowhere else


def optimization_base() -> OptimizationJobBuilder:
    return (
        OptimizationJobBuilder("llama")
        .role(ROLE)
        .model("s3://bucket/model/")
        .deploy_on(DeploymentInstanceType.ML_G5_2XLARGE)
        .output("s3://bucket/optimized/")
        .max_runtime(3600)
    )


def test_tags_adds_after_earlier_tags_and_is_validated_in_build() -> None:
    builder = quality().tag("team", "ml").tags({"cost-center": "42", "env": "prod"})
    assert builder.to_wire()["Tags"] == [
        {"Key": "team", "Value": "ml"},
        {"Key": "cost-center", "Value": "42"},
        {"Key": "env", "Value": "prod"},
    ]
    assert [(t.key, t.value) for t in builder.build().tags or ()] == [
        ("team", "ml"),
        ("cost-center", "42"),
        ("env", "prod"),
    ]
    assert quality().tags({}) == quality()
    assert "Tags" not in quality().tags({}).to_wire()
    with pytest.raises(ValidationError) as info:
        quality().tags({"team": "a", "bad!": "x" * 300}).build()
    assert info.value.paths == ("Tags[1].Key", "Tags[1].Value")
    with pytest.raises(ValidationError, match="tag key 'team' appears 2 times"):
        quality().tags({"team": "a"}).tags({"team": "b"}).build()
    schedule_tags = MonitoringScheduleBuilder("s").tags({"a": "1"}).to_wire()["Tags"]
    assert schedule_tags == [{"Key": "a", "Value": "1"}]


def test_shard_writes_a_sharding_config_that_replaces_an_earlier_one() -> None:
    builder = optimization_base().quantize(OPTION_QUANTIZE="awq").shard(image="shard:1")
    sharded = builder.shard(OPTION_TENSOR_PARALLEL_DEGREE="4")
    assert sharded.to_wire()["OptimizationConfigs"] == [
        {"ModelQuantizationConfig": {"OverrideEnvironment": {"OPTION_QUANTIZE": "awq"}}},
        {"ModelShardingConfig": {"OverrideEnvironment": {"OPTION_TENSOR_PARALLEL_DEGREE": "4"}}},
    ]
    assert builder.to_wire()["OptimizationConfigs"][1] == {
        "ModelShardingConfig": {"Image": "shard:1"}
    }
    request = sharded.build()
    [_, config] = request.optimization_configs
    assert config.model_sharding_config is not None
    assert config.model_sharding_config.override_environment == {
        "OPTION_TENSOR_PARALLEL_DEGREE": "4"
    }
    with pytest.raises(ValidationError) as info:
        optimization_base().shard(image="x" * 300).build()
    assert info.value.paths == ("OptimizationConfigs[0].ModelShardingConfig.Image",)


def test_max_pending_takes_a_timedelta_or_seconds_within_the_documented_range() -> None:
    builder = optimization_base().max_pending(datetime.timedelta(hours=2))
    assert builder.to_wire()["StoppingCondition"] == {
        "MaxRuntimeInSeconds": 3600,
        "MaxPendingTimeInSeconds": 7200,
    }
    stopping = builder.max_pending(1800).compile().build().stopping_condition
    assert stopping.max_pending_time_in_seconds == 1800
    assert stopping.max_runtime_in_seconds == 3600
    with pytest.raises(ValidationError) as info:
        optimization_base().compile().max_pending(60).build()
    assert [str(p) for p in info.value.problems] == [
        "StoppingCondition.MaxPendingTimeInSeconds: 60 is outside 1800..2419200"
    ]
    with pytest.raises(ValueError, match=r"max_pending\(\) takes whole seconds"):
        optimization_base().max_pending(datetime.timedelta(seconds=1800.5))
    with pytest.raises(TypeError, match=r"max_pending\(\) takes a timedelta or whole seconds"):
        optimization_base().max_pending(1800.0)  # type: ignore[arg-type]


def test_training_plan_sets_the_one_plan_arn() -> None:
    plan = "arn:aws:sagemaker:us-east-1:123456789012:training-plan/p4d-plan"
    other = "arn:aws:sagemaker:us-east-1:123456789012:training-plan/other-plan"
    builder = optimization_base().training_plan(plan)
    assert builder.to_wire()["TrainingPlanArns"] == [plan]
    assert builder.training_plan(other).to_wire()["TrainingPlanArns"] == [other]
    assert optimization_base().training_plan(plan).quantize().build().training_plan_arns == (plan,)
    with pytest.raises(ValidationError) as info:
        optimization_base().quantize().training_plan("plan-1").build()
    assert info.value.paths == ("TrainingPlanArns[0]",)


# ----------------------------------------------------------------------------- images by region


def test_image_steps_take_a_region() -> None:
    quality_image = quality().model_monitor_image("us-west-2").build()
    assert quality_image.model_quality_app_specification.image_uri == model_monitor_image_uri(
        "us-west-2"
    )
    data = DataQualityJobDefinitionBuilder("d").model_monitor_image("cn-north-1").to_wire()
    assert data["DataQualityAppSpecification"]["ImageUri"] == model_monitor_image_uri("cn-north-1")
    bias = ModelBiasJobDefinitionBuilder("b").clarify_image("eu-west-1").to_wire()
    assert bias["ModelBiasAppSpecification"]["ImageUri"] == clarify_image_uri("eu-west-1")
    explain = ModelExplainabilityJobDefinitionBuilder("e").clarify_image("us-east-1").to_wire()
    assert explain["ModelExplainabilityAppSpecification"]["ImageUri"] == clarify_image_uri(
        "us-east-1"
    )
    # Each builder offers the image its monitor runs, and says so when the image is missing.
    assert not hasattr(ModelQualityJobDefinitionBuilder, "clarify_image")
    assert not hasattr(ModelBiasJobDefinitionBuilder, "model_monitor_image")
    [image] = [p for p in ModelBiasJobDefinitionBuilder("b").missing() if "image" in p.message]
    assert image.message == "image is required; call .image(uri) or .clarify_image(region)"


def test_image_steps_refuse_an_unknown_region_with_the_known_ones() -> None:
    with pytest.raises(UnknownRegionError, match=r"did you mean us-east-1\?") as info:
        quality_base().model_monitor_image("us-east1")
    assert "us-west-2" in info.value.known
    with pytest.raises(UnknownRegionError, match="no Clarify processing image is known"):
        ModelBiasJobDefinitionBuilder("b").clarify_image("eu-south-2")


# ----------------------------------------------------------------------------- values


def test_builders_are_frozen_attrs_values() -> None:
    builder = quality()
    assert attrs.has(type(builder))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        builder._wire = {}  # type: ignore[misc]
    assert quality() == quality()
    assert hash(quality()) == hash(quality())
    assert len({quality(), quality(), quality().tag("a", "b")}) == 2
    assert quality() != quality().max_runtime(60)
    # Enum members and their wire strings are equal and hash alike, so a builder made by steps
    # equals the one read back from its request.
    again = ModelQualityJobDefinitionBuilder.from_request(quality().build())
    assert again == quality()
    assert hash(again) == hash(quality())
    # Same wire, another builder class: not equal.
    data = DataQualityJobDefinitionBuilder("x")
    assert data.to_wire() == ModelQualityJobDefinitionBuilder("x").to_wire()
    any_builder: object = data
    assert any_builder != ModelQualityJobDefinitionBuilder("x")
    # A schedule also remembers what it knows of a referenced definition.
    short = MonitoringScheduleBuilder("s").definition(quality().max_runtime(60))
    long = MonitoringScheduleBuilder("s").definition(quality())
    assert short.to_wire() == long.to_wire()
    assert short != long
    assert len({short, long, MonitoringScheduleBuilder("s").definition(quality())}) == 2


def test_a_step_leaves_the_original_and_siblings_share_no_mutable_state() -> None:
    base = quality().environment(A="1").tag("team", "ml")
    before = base.to_wire()
    left = base.environment(B="2").tag("left", "1").baseline(constraints="s3://b/l.json")
    right = base.environment(C="3").tag("right", "1").network(isolation=True)
    assert base.to_wire() == before
    spec = "ModelQualityAppSpecification"
    assert left.to_wire()[spec]["Environment"] == {"A": "1", "B": "2"}
    assert right.to_wire()[spec]["Environment"] == {"A": "1", "C": "3"}
    assert [t["Key"] for t in left.to_wire()["Tags"]] == ["team", "left"]
    assert [t["Key"] for t in right.to_wire()["Tags"]] == ["team", "right"]
    assert "NetworkConfig" not in left.to_wire()
    assert "ModelQualityBaselineConfig" not in right.to_wire()
    # Deleting through one branch (endpoint replaced by batch transform) leaves the others.
    batch = left.batch_transform("s3://b/capture")
    assert "EndpointInput" in left.to_wire()["ModelQualityJobInput"]
    assert "EndpointInput" not in batch.to_wire()["ModelQualityJobInput"]


def test_what_the_caller_holds_is_never_shared_with_the_builder() -> None:
    builder = quality().vpc(["subnet-1"], ["sg-1"])
    wire = builder.to_wire()
    wire["ModelQualityJobInput"]["EndpointInput"]["EndpointName"] = "changed"
    wire["NetworkConfig"]["VpcConfig"]["Subnets"].append("subnet-2")
    wire["Tags"] = []
    assert builder.to_wire() == quality().vpc(["subnet-1"], ["sg-1"]).to_wire()
    # Lists and dicts passed to a step are copied in.
    subnets, entrypoint = ["subnet-1"], ["python3"]
    config = {"ScheduleExpression": "cron(0 * ? * * *)"}
    vpc = quality().vpc(subnets, ["sg-1"]).container(entrypoint=entrypoint)
    subnets.append("subnet-2")
    entrypoint.append("x.py")
    assert vpc.to_wire()["NetworkConfig"]["VpcConfig"]["Subnets"] == ["subnet-1"]
    assert vpc.to_wire()["ModelQualityAppSpecification"]["ContainerEntrypoint"] == ["python3"]
    tags = {"team": "ml"}
    tagged = quality().tags(tags)
    tags["team"] = "other"
    assert tagged.to_wire()["Tags"] == [{"Key": "team", "Value": "ml"}]
    schedule = MonitoringScheduleBuilder("s")._with(MonitoringScheduleBuilder._SCHEDULE, config)
    config["ScheduleExpression"] = "NOW"
    assert schedule.to_wire()["MonitoringScheduleConfig"]["ScheduleConfig"] == {
        "ScheduleExpression": "cron(0 * ? * * *)"
    }
    # A built request shares nothing with the builder either.
    with_environment = quality().environment(A="1")
    environment = with_environment.build().model_quality_app_specification.environment
    assert isinstance(environment, dict)
    environment["B"] = "2"
    assert with_environment.to_wire()["ModelQualityAppSpecification"]["Environment"] == {"A": "1"}


def test_a_step_copies_only_the_path_it_changes() -> None:
    base = quality().container(entrypoint=["python3"])
    new = base.max_runtime(60)
    spec = "ModelQualityAppSpecification"
    assert new._wire is not base._wire
    assert new._wire["StoppingCondition"] is not base._wire["StoppingCondition"]
    assert new._wire[spec] is base._wire[spec]
    assert new._wire["ModelQualityJobInput"] is base._wire["ModelQualityJobInput"]


# ----------------------------------------------------------------------------- declarations


def test_a_misspelt_step_path_fails_when_the_class_is_defined() -> None:
    with pytest.raises(
        TypeError,
        match=r"Typo\._WRONG: 'ModelQualityAppSpecification\.ImageUrl' names no member "
        r"'ImageUrl' of ModelQualityAppSpecification; did you mean 'ImageUri'\?",
    ):

        class Typo(ModelQualityJobDefinitionBuilder):
            _WRONG = _Path("{kind}AppSpecification.ImageUrl")
            __slots__ = ()

    with pytest.raises(
        TypeError, match=r"goes inside CreateModelQualityJobDefinitionRequest\.RoleArn"
    ):

        class Deep(ModelQualityJobDefinitionBuilder):
            _WRONG = _Path("RoleArn.Name")
            __slots__ = ()

    # A step mixin's paths are checked in every builder that uses it: ``ConfigUri`` is a
    # Clarify member, not a model-quality one.
    with pytest.raises(TypeError, match="names no member 'ConfigUri'"):

        class Mixed(_AnalysisConfig, ModelQualityJobDefinitionBuilder):
            __slots__ = ()


def test_a_misspelt_requirement_fails_when_the_class_is_defined() -> None:
    with pytest.raises(
        TypeError,
        match=r"Typo requirement 'ModelQualityJobInput.GroundTruth': .* did you mean "
        r"'GroundTruthS3Input'\?",
    ):

        class Typo(ModelQualityJobDefinitionBuilder):
            _requires = (Requires("ModelQualityJobInput.GroundTruth", "call .ground_truth()"),)
            __slots__ = ()

    with pytest.raises(TypeError, match=r"'\{knd\}JobInput' has a bad placeholder"):

        class Placeholder(ModelQualityJobDefinitionBuilder):
            _requires = (Requires("{knd}JobInput", "call .endpoint()"),)
            __slots__ = ()


def test_a_subclass_extends_the_requirements_in_one_way() -> None:
    class Labelled(ModelQualityJobDefinitionBuilder):
        """A platform's builder that insists on a baseline."""

        _requires = (
            Requires(
                "{kind}BaselineConfig.ConstraintsResource",
                "a baseline is required; call .baseline(constraints=...)",
            ),
        )
        __slots__ = ()

    missing = Labelled("x").missing()
    assert [p.path for p in missing][-2:] == [
        "ModelQualityJobInput.GroundTruthS3Input",
        "ModelQualityBaselineConfig.ConstraintsResource",
    ]
    done = Labelled.from_request(quality().build()).baseline(constraints="s3://b/c.json")
    assert done.missing() == []
    assert repr(Labelled.from_request(quality().build())).endswith(
        "missing: model_quality_baseline_config.constraints_resource)"
    )
    with pytest.raises(ValidationError, match="a baseline is required"):
        Labelled.from_request(quality().build()).build()
    assert done.build() == quality().baseline(constraints="s3://b/c.json").build()


# ----------------------------------------------------------------------------- the property


def _at(wire: dict[str, Any], path: str) -> dict[str, Any]:
    """The dict at ``path`` in a hand-built request, created as needed."""
    for key in path.split("."):
        wire = wire.setdefault(key, {})
    return wire


def _set(wire: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node = _at(wire, ".".join(parents)) if parents else wire
    if value is None:
        node.pop(last, None)
    else:
        node[last] = value


_SPEC = "ModelQualityAppSpecification"
_INPUT = "ModelQualityJobInput"
_text = st.text(alphabet="abc-1", min_size=1, max_size=4)
_maybe_text = st.none() | _text
_maybe_bool = st.none() | st.booleans()


def _endpoint(wire: dict[str, Any], name: str) -> None:
    _set(wire, f"{_INPUT}.BatchTransformInput", None)
    _set(
        wire,
        f"{_INPUT}.EndpointInput",
        {"EndpointName": name, "LocalPath": INPUT_PATH, "S3InputMode": S3InputMode.FILE},
    )


def _batch(wire: dict[str, Any], uri: str) -> None:
    _set(wire, f"{_INPUT}.EndpointInput", None)
    _set(
        wire,
        f"{_INPUT}.BatchTransformInput",
        {
            "DataCapturedDestinationS3Uri": uri,
            "DatasetFormat": {"Csv": {}},
            "LocalPath": BATCH_INPUT_PATH,
            "S3InputMode": S3InputMode.FILE,
        },
    )


def _add_tags(wire: dict[str, Any], tags: dict[str, str]) -> None:
    if tags:
        wire["Tags"] = [*wire.get("Tags", []), *({"Key": k, "Value": v} for k, v in tags.items())]


def _network(wire: dict[str, Any], isolation: bool | None, encrypt: bool | None) -> None:
    _set(wire, "NetworkConfig.EnableNetworkIsolation", isolation)
    _set(wire, "NetworkConfig.EnableInterContainerTrafficEncryption", encrypt)


def _baseline(wire: dict[str, Any], constraints: str | None, job: str | None) -> None:
    _set(wire, "ModelQualityBaselineConfig.BaseliningJobName", job)
    if constraints is not None:
        _set(wire, "ModelQualityBaselineConfig.ConstraintsResource", {"S3Uri": constraints})


def _container(wire: dict[str, Any], entrypoint: list[str] | None, script: str | None) -> None:
    _set(wire, f"{_SPEC}.ContainerEntrypoint", None if entrypoint is None else list(entrypoint))
    _set(wire, f"{_SPEC}.ContainerArguments", None)
    _set(wire, f"{_SPEC}.RecordPreprocessorSourceUri", script)
    _set(wire, f"{_SPEC}.PostAnalyticsProcessorSourceUri", None)


#: (arguments, the step on a builder, the same change made by hand to a plain dict)
_Step = tuple[
    st.SearchStrategy[tuple[Any, ...]],
    Callable[..., ModelQualityJobDefinitionBuilder],
    Callable[..., None],
]
STEPS: list[_Step] = [
    (
        st.tuples(_maybe_text),
        lambda b, n: b.name(n),
        lambda w, n: _set(w, "JobDefinitionName", n),
    ),
    (st.tuples(_text), lambda b, a: b.role(a), lambda w, a: _set(w, "RoleArn", a)),
    (
        st.tuples(_text),
        lambda b, u: b.image(u),
        lambda w, u: _set(w, f"{_SPEC}.ImageUri", u),
    ),
    (
        st.tuples(st.sampled_from(model_monitor_regions())),
        lambda b, r: b.model_monitor_image(r),
        lambda w, r: _set(w, f"{_SPEC}.ImageUri", model_monitor_image_uri(r)),
    ),
    (
        st.tuples(st.dictionaries(st.sampled_from("ABC"), _text, max_size=2)),
        lambda b, env: b.environment(**env),
        lambda w, env: _set(
            w, f"{_SPEC}.Environment", {**_at(w, _SPEC).get("Environment", {}), **env}
        ),
    ),
    (
        st.tuples(_text, _text),
        lambda b, k, v: b.tag(k, v),
        lambda w, k, v: _add_tags(w, {k: v}),
    ),
    (
        st.tuples(st.dictionaries(_text, _text, max_size=2)),
        lambda b, tags: b.tags(tags),
        _add_tags,
    ),
    (
        st.tuples(st.integers(1, 86400)),
        lambda b, n: b.max_runtime(n),
        lambda w, n: _set(w, "StoppingCondition.MaxRuntimeInSeconds", n),
    ),
    (
        st.tuples(_text),
        lambda b, u: b.ground_truth(u),
        lambda w, u: _set(w, f"{_INPUT}.GroundTruthS3Input", {"S3Uri": u}),
    ),
    (st.tuples(_text), lambda b, n: b.endpoint(n), _endpoint),
    (st.tuples(_text), lambda b, u: b.batch_transform(u), _batch),
    (
        st.tuples(_maybe_bool, _maybe_bool),
        lambda b, i, e: b.network(isolation=i, encrypt_inter_container=e),
        _network,
    ),
    (
        st.tuples(st.lists(_text, max_size=2), st.lists(_text, max_size=2)),
        lambda b, n, g: b.vpc(n, g),
        lambda w, n, g: _set(
            w, "NetworkConfig.VpcConfig", {"Subnets": list(n), "SecurityGroupIds": list(g)}
        ),
    ),
    (
        st.tuples(st.none() | st.lists(_text, max_size=2), _maybe_text),
        lambda b, e, s: b.container(entrypoint=e, record_preprocessor=s),
        _container,
    ),
    (
        st.tuples(_maybe_text, _maybe_text),
        lambda b, c, j: b.baseline(constraints=c, job_name=j),
        _baseline,
    ),
    (
        st.tuples(st.sampled_from(ProblemType)),
        lambda b, p: b.problem_type(p),
        lambda w, p: _set(w, f"{_SPEC}.ProblemType", p),
    ),
]


@given(
    st.lists(
        st.sampled_from(range(len(STEPS))).flatmap(lambda i: st.tuples(st.just(i), STEPS[i][0])),
        max_size=12,
    )
)
def test_any_steps_give_the_wire_built_by_hand(calls: list[tuple[int, tuple[Any, ...]]]) -> None:
    """Path copying is invisible: every step gives what the same change to a plain dict gives,
    and every builder along the way still holds what it held when it was made."""
    builder = ModelQualityJobDefinitionBuilder("start")
    by_hand: dict[str, Any] = {"JobDefinitionName": "start"}
    seen = [(builder, copy.deepcopy(by_hand))]
    for index, args in calls:
        _strategy, step, change = STEPS[index]
        builder = step(builder, *copy.deepcopy(args))
        change(by_hand, *args)
        seen.append((builder, copy.deepcopy(by_hand)))
    assert builder.to_wire() == by_hand
    for earlier, wire in seen:
        assert earlier.to_wire() == wire
    rebuilt = ModelQualityJobDefinitionBuilder()
    for index, args in calls:
        rebuilt = STEPS[index][1](rebuilt, *args)
    assert rebuilt.name("start") == builder.name("start")
    assert hash(rebuilt.name("start")) == hash(builder.name("start"))
