"""Fluent builders: immutable steps, complete problem reports, and requests that AWS accepts."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import attrs
import pytest

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
from sagemon._builders import _PY_NAMES
from sagemon.enums import (
    DeploymentInstanceType,
    InstanceType,
    MonitoringType,
    ProblemType,
    S3InputMode,
    S3UploadMode,
    ScheduleStatus,
)
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
