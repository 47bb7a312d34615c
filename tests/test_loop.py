"""The loop closed offline: executions write reports into the local S3; baselining jobs suggest."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path
from typing import Any

import pytest
from botocore import xform_name
from hypothesis import given
from hypothesis import strategies as st

from sagemon import (
    BaselineDatasetFormat,
    DataQualityBaselineJobBuilder,
    DataQualityJobDefinitionBuilder,
    ModelQualityBaselineJobBuilder,
    MonitoringScheduleBuilder,
    Schedule,
    SuggestedBaseline,
    ValidationError,
)
from sagemon import reports as r
from sagemon import shapes as s
from sagemon.enums import (
    ExecutionStatus,
    MonitoringProblemType,
    MonitoringType,
    ProcessingInstanceType,
    ProcessingJobStatus,
    ProcessingS3DataType,
    ProcessingS3UploadMode,
)
from sagemon.errors import (
    ReportError,
    ReportNotFound,
    ResourceNotFound,
    WaitFailedError,
    WaitStoppedError,
    WaitTimeoutError,
)
from sagemon.images import clarify_image_uri, model_monitor_image_uri
from sagemon.testing import LocalSageMaker, SimulationError
from sagemon.testing import _outputs as outputs
from tests.extras import needs_server
from tests.factories import KINDS, ROLE, definition, definition_wire, inline_schedule, schedule

UTC = datetime.timezone.utc
SCHEDULED = datetime.datetime(2026, 3, 1, 5, 0, tzinfo=UTC)
REPORTS = Path(__file__).parent / "reports"

_STATISTICS = {
    "DataQuality": r.DataQualityStatistics,
    "ModelQuality": r.ModelQualityStatistics,
    "ModelBias": r.ClarifyAnalysis,
    "ModelExplainability": r.ClarifyAnalysis,
}
_VIOLATIONS = {
    "DataQuality": r.DataQualityViolations,
    "ModelQuality": r.ModelQualityViolations,
    "ModelBias": r.BiasViolations,
    "ModelExplainability": r.FeatureAttributionViolations,
}
_FILES = {
    "DataQuality": {"statistics.json", "constraints.json"},
    "ModelQuality": {"statistics.json"},
    "ModelBias": {"analysis.json"},
    "ModelExplainability": {"analysis.json"},
}
_PREFIX = {
    "DataQuality": "model-monitoring-",
    "ModelQuality": "model-quality-monitoring-",
    "ModelBias": "model-bias-monitoring-",
    "ModelExplainability": "explainability-monitoring-",
}


def _monitor(local: LocalSageMaker, kind: str, *, batch: bool = False) -> str:
    """A Scheduled schedule of ``kind`` on a new definition; its name."""
    snake = xform_name(kind)
    name = f"{snake.replace('_', '-')}-{'batch' if batch else 'endpoint'}"
    getattr(local.client, f"create_{snake}_job_definition")(
        definition(kind, f"{name}-def", batch=batch)
    )
    local.client.create_monitoring_schedule(schedule(name, f"{name}-def", kind))
    local.client.wait_for_monitoring_schedule(name)
    return name


def _objects(local: LocalSageMaker, uri: str) -> dict[str, bytes]:
    bucket, _, prefix = uri.removeprefix("s3://").partition("/")
    if bucket not in {b["Name"] for b in local.s3.list_buckets().get("Buckets", [])}:
        return {}
    listed = local.s3.list_objects_v2(Bucket=bucket, Prefix=prefix + "/").get("Contents", [])
    return {
        o["Key"].rsplit("/", 1)[-1]: local.s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read()
        for o in listed
    }


def _job_name(arn: str | None) -> str:
    assert arn is not None
    return arn.rsplit("/", 1)[-1]


def _finish(local: LocalSageMaker, schedule_name: str) -> Any:
    """Wait for the latest execution and describe its (analysis) processing job."""
    summary = local.client.wait_for_latest_monitoring_execution(schedule_name, poll_interval=10)
    return summary, local.client.describe_processing_job(
        processing_job_name=_job_name(summary.processing_job_arn)
    )


def _uri(job: Any) -> str:
    (output,) = job.processing_output_config.outputs
    return str(output.s3_output.s3_uri)


# ----------------------------------------------------------------------------- executions


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("batch", [False, True], ids=["endpoint", "batch-transform"])
def test_execution_writes_its_reports_under_the_documented_layout(
    local_sagemaker: LocalSageMaker, kind: str, batch: bool
) -> None:
    local = local_sagemaker
    name = _monitor(local, kind, batch=batch)
    local.run_execution(name, ExecutionStatus.COMPLETED_WITH_VIOLATIONS, scheduled_time=SCHEDULED)
    summary, job = _finish(local, name)
    assert summary.monitoring_execution_status is ExecutionStatus.COMPLETED_WITH_VIOLATIONS
    assert job.processing_job_name.startswith(_PREFIX[kind] + "202603010500-")
    assert job.processing_job_status is ProcessingJobStatus.COMPLETED
    assert (
        job.exit_message == "CompletedWithViolations: Job completed successfully with 1 violations."
    )
    described = local.client.describe_monitoring_schedule(monitoring_schedule_name=name)
    assert job.monitoring_schedule_arn == described.monitoring_schedule_arn
    assert (
        job.app_specification.image_uri
        == definition_wire(kind, "x")[f"{kind}AppSpecification"]["ImageUri"]
    )
    assert job.processing_start_time <= job.processing_end_time <= summary.last_modified_time
    where = "" if batch else "churn/"
    assert _uri(job) == f"s3://bucket/reports/{where}{name}/2026/03/01/05"
    environment = job.environment
    assert environment["sagemaker_monitoring_schedule_name"] == name
    assert environment["start_time"] == "2026-03-01T04:00:00Z"
    assert environment["end_time"] == "2026-03-01T05:00:00Z"
    assert environment["output_path"] == "/opt/ml/processing/output"
    assert environment["publish_cloudwatch_metrics"] == "Enabled"
    assert ("sagemaker_endpoint_name" in environment) is not batch
    files = _objects(local, _uri(job))
    assert set(files) == _FILES[kind] | {"constraint_violations.json"}
    for file_name, body in files.items():
        report = r.load(body.decode())
        if file_name == "constraint_violations.json":
            assert type(report) is _VIOLATIONS[kind]
            assert len(report) == 1
            (violation,) = report
            assert violation.observed is not None  # worded as the container words it
        elif file_name == "constraints.json":
            assert type(report) is r.DataQualityConstraints
        else:
            assert type(report) is _STATISTICS[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_a_completed_execution_writes_no_violations_file(
    local_sagemaker: LocalSageMaker, kind: str
) -> None:
    local = local_sagemaker
    name = _monitor(local, kind)
    local.run_execution(name, ExecutionStatus.COMPLETED, scheduled_time=SCHEDULED)
    _summary, job = _finish(local, name)
    assert job.exit_message == "Completed: Job completed successfully with no violations."
    assert set(_objects(local, _uri(job))) == _FILES[kind]


def test_reports_appear_when_the_execution_finishes(local_sagemaker: LocalSageMaker) -> None:
    local = local_sagemaker
    name = _monitor(local, "DataQuality")
    summary = local.run_execution(name, ExecutionStatus.COMPLETED_WITH_VIOLATIONS, duration=120)
    job = local.client.describe_processing_job(
        processing_job_name=_job_name(summary.processing_job_arn)
    )
    assert job.processing_job_status is ProcessingJobStatus.IN_PROGRESS
    assert job.exit_message is None
    assert job.processing_end_time is None
    assert _objects(local, _uri(job)) == {}
    local.clock.advance(119)
    assert _objects(local, _uri(job)) == {}
    local.clock.advance(1)  # no SageMaker call in between: the clock alone finishes the job
    assert set(_objects(local, _uri(job))) == {
        "statistics.json",
        "constraints.json",
        "constraint_violations.json",
    }


@pytest.mark.parametrize("kind", ["ModelQuality", "ModelBias"])
def test_ground_truth_merge_job_runs_first(local_sagemaker: LocalSageMaker, kind: str) -> None:
    local = local_sagemaker
    name = _monitor(local, kind)
    summary = local.run_execution(name, scheduled_time=SCHEDULED, duration=100)
    merge_name = _job_name(summary.processing_job_arn)
    assert merge_name.startswith("groundtruth-merge-202603010500-")
    merge = local.client.describe_processing_job(processing_job_name=merge_name)
    assert merge.app_specification.image_uri.endswith("/sagemaker-model-monitor-groundtruth-merger")
    assert _uri(merge) == "s3://bucket/reports/merge"
    assert merge.environment["ground_truth_source"] == "/opt/ml/processing/groundtruth"
    local.clock.advance(60)
    (running,) = local.client.list_monitoring_executions(monitoring_schedule_name=name)
    assert running.monitoring_execution_status is ExecutionStatus.IN_PROGRESS
    analysis_name = _job_name(running.processing_job_arn)
    assert analysis_name == merge_name.replace("groundtruth-merge-", _PREFIX[kind])
    merged = local.client.describe_processing_job(processing_job_name=merge_name)
    assert merged.processing_job_status is ProcessingJobStatus.COMPLETED
    assert _objects(local, "s3://bucket/reports/churn") == {}


def test_an_analysis_job_is_not_found_before_it_starts(local_sagemaker: LocalSageMaker) -> None:
    local = local_sagemaker
    name = _monitor(local, "ModelQuality")
    local.run_execution(name, scheduled_time=SCHEDULED, duration=100)
    job = next(j for j in local.fake.processing_jobs if j.startswith("model-quality-"))
    with pytest.raises(ResourceNotFound):
        local.client.describe_processing_job(processing_job_name=job)


def test_model_quality_environment(local_sagemaker: LocalSageMaker) -> None:
    local = local_sagemaker
    name = _monitor(local, "ModelQuality")
    local.run_execution(name, scheduled_time=SCHEDULED)
    _summary, job = _finish(local, name)
    environment = job.environment
    assert environment["analysis_type"] == "MODEL_QUALITY"
    assert environment["problem_type"] == "BinaryClassification"
    assert json.loads(environment["dataset_format"]) == {
        "sagemakerMergeJson": {"captureIndexNames": ["endpointOutput"]}
    }
    (data,) = job.processing_inputs
    assert data.s3_input.s3_uri.startswith("s3://bucket/reports/merge/churn/AllTraffic/")


@pytest.mark.parametrize(
    ("status", "job_status"),
    [
        (ExecutionStatus.FAILED, ProcessingJobStatus.FAILED),
        (ExecutionStatus.STOPPED, ProcessingJobStatus.STOPPED),
    ],
)
def test_unfinished_executions_write_nothing(
    local_sagemaker: LocalSageMaker, status: ExecutionStatus, job_status: ProcessingJobStatus
) -> None:
    local = local_sagemaker
    name = _monitor(local, "DataQuality")
    summary = local.run_execution(name, status, failure_reason="OOM", duration=0)
    job = local.client.describe_processing_job(
        processing_job_name=_job_name(summary.processing_job_arn)
    )
    assert job.processing_job_status is job_status
    assert job.exit_message is None
    assert (job.failure_reason == "OOM") is (status is ExecutionStatus.FAILED)
    assert _objects(local, _uri(job)) == {}


def test_processing_job_waiter_stops_on_stopped_and_times_out(
    local_sagemaker: LocalSageMaker,
) -> None:
    local = local_sagemaker
    name = _monitor(local, "DataQuality")
    stopped = local.run_execution(name, ExecutionStatus.STOPPED, duration=30)
    with pytest.raises(WaitStoppedError, match="is Stopped"):
        local.client.wait_for_processing_job(_job_name(stopped.processing_job_arn))
    _data_quality().create(local.client)
    with pytest.raises(WaitTimeoutError, match="still InProgress after 30s"):
        local.client.wait_for_processing_job("churn-baseline", timeout=30, poll_interval=10)
    assert local.client.wait_for_processing_job("churn-baseline").processing_end_time is not None


def test_inline_schedule_runs_like_a_data_quality_definition(
    local_sagemaker: LocalSageMaker,
) -> None:
    local = local_sagemaker
    local.client.create_monitoring_schedule(inline_schedule("inline"))
    local.client.wait_for_monitoring_schedule("inline")
    local.run_execution("inline", ExecutionStatus.COMPLETED_WITH_VIOLATIONS)
    _summary, job = _finish(local, "inline")
    assert job.processing_job_name.startswith("model-monitoring-")
    assert r.load(_objects(local, _uri(job))["constraint_violations.json"].decode())


# ----------------------------------------------------------------------------- chosen violations


def test_chosen_data_quality_violations(local_sagemaker: LocalSageMaker) -> None:
    local = local_sagemaker
    name = _monitor(local, "DataQuality")
    local.run_execution(
        name,
        ExecutionStatus.COMPLETED_WITH_VIOLATIONS,
        violations=[
            ("Day Mins", r.CheckType.BASELINE_DRIFT),
            ("Account Length", r.CheckType.DATA_TYPE),
            (
                "State",
                r.CheckType.COMPLETENESS,
                "Value: 0.5 does not meet the constraint requirement! ",
            ),
        ],
    )
    _summary, job = _finish(local, name)
    assert (
        job.exit_message == "CompletedWithViolations: Job completed successfully with 3 violations."
    )
    found = r.DataQualityViolations.from_json(
        _objects(local, _uri(job))["constraint_violations.json"].decode()
    )
    assert [(v.feature_name, v.check_type) for v in found] == [
        ("Day Mins", "baseline_drift_check"),
        ("Account Length", "data_type_check"),
        ("State", "completeness_check"),
    ]
    drift, data_type, completeness = found
    assert drift.threshold == 0.1
    assert drift.observed is not None
    assert drift.observed > 0.1
    assert data_type.threshold == 1.0
    assert data_type.observed is not None
    assert completeness.observed == 0.5


def test_chosen_model_quality_violations_use_camel_case_names(
    local_sagemaker: LocalSageMaker,
) -> None:
    local = local_sagemaker
    name = _monitor(local, "ModelQuality")
    local.run_execution(
        name,
        ExecutionStatus.COMPLETED_WITH_VIOLATIONS,
        violations=[
            ("true_positive_rate", "LessThanThreshold"),
            ("falsePositiveRate", "GreaterThanThreshold"),
        ],
    )
    _summary, job = _finish(local, name)
    files = _objects(local, _uri(job))
    found = r.ModelQualityViolations.from_json(files["constraint_violations.json"].decode())
    assert [v.metric_name for v in found] == ["truePositiveRate", "falsePositiveRate"]
    assert [v.normalized_metric_name for v in found] == [
        "true_positive_rate",
        "false_positive_rate",
    ]
    statistics = r.ModelQualityStatistics.from_json(files["statistics.json"].decode())
    for violation in found:
        assert violation.normalized_metric_name is not None
        metric = statistics.metric(violation.normalized_metric_name)
        assert metric is not None
        assert metric.value == violation.observed
        assert violation.threshold is not None
        assert violation.observed is not None
        if violation.check_type == "LessThanThreshold":
            assert violation.observed < violation.threshold
        else:
            assert violation.observed > violation.threshold


def test_chosen_violations_as_report_objects(local_sagemaker: LocalSageMaker) -> None:
    local = local_sagemaker
    bias = _monitor(local, "ModelBias")
    local.run_execution(
        bias,
        ExecutionStatus.COMPLETED_WITH_VIOLATIONS,
        violations=[
            r.BiasViolation(
                metric_name="DI",
                facet="Sex",
                facet_value="0",
                check_type=r.CheckType.BIAS_DRIFT,
                description=None,
                observed=0.42,
                threshold=None,
            )
        ],
    )
    _summary, job = _finish(local, bias)
    (violation,) = r.BiasViolations.from_json(
        _objects(local, _uri(job))["constraint_violations.json"].decode()
    )
    assert (violation.metric_name, violation.facet, violation.facet_value) == ("DI", "Sex", "0")
    assert violation.observed == 0.42
    explain = _monitor(local, "ModelExplainability")
    local.run_execution(
        explain,
        ExecutionStatus.COMPLETED_WITH_VIOLATIONS,
        violations=[
            (
                "label1",
                "feature_attribution_drift_check",
                "Feature attribution drift 0.5 exceeds threshold 0.9",
            )
        ],
    )
    _summary, job = _finish(local, explain)
    files = _objects(local, _uri(job))
    (attribution,) = r.FeatureAttributionViolations.from_json(
        files["constraint_violations.json"].decode()
    )
    assert (attribution.label, attribution.observed, attribution.threshold) == ("label1", 0.5, 0.9)
    analysis = r.ClarifyAnalysis.from_json(files["analysis.json"].decode())
    assert analysis.to_dict()["explanations"]["kernel_shap"].keys() >= {"label1"}


def test_chosen_statistics_are_written_as_given(local_sagemaker: LocalSageMaker) -> None:
    local = local_sagemaker
    name = _monitor(local, "ModelQuality")
    given = r.ModelQualityStatistics.from_path(
        REPORTS / "sagemaker-python-sdk__model-quality-statistics__1.json"
    )
    local.run_execution(name, ExecutionStatus.COMPLETED, statistics=given)
    _summary, job = _finish(local, name)
    written = r.load(_objects(local, _uri(job))["statistics.json"].decode())
    assert written.to_dict() == given.to_dict()


@pytest.mark.parametrize(
    ("status", "options", "message"),
    [
        (ExecutionStatus.COMPLETED, {"violations": [("a", "b")]}, "only a CompletedWithViolations"),
        (ExecutionStatus.COMPLETED_WITH_VIOLATIONS, {"violations": []}, "at least one violation"),
        (ExecutionStatus.FAILED, {"statistics": {}}, "writes no statistics"),
        (
            ExecutionStatus.COMPLETED_WITH_VIOLATIONS,
            {"violations": [("only-one",)]},
            r"violations\[0\] must be",
        ),
        (
            ExecutionStatus.COMPLETED_WITH_VIOLATIONS,
            {
                "violations": [
                    r.ModelQualityViolation(
                        metric_name="auc",
                        check_type="LessThanThreshold",
                        description=None,
                        observed=None,
                        threshold=None,
                        standard_deviation=None,
                    )
                ]
            },
            "DataQualityViolation objects",
        ),
        (
            ExecutionStatus.COMPLETED,
            {"statistics": r.ClarifyAnalysis.from_dict({"version": "1.0", "explanations": {}})},
            "writes a DataQualityStatistics",
        ),
    ],
)
def test_impossible_simulations_are_refused(
    local_sagemaker: LocalSageMaker,
    status: ExecutionStatus,
    options: dict[str, Any],
    message: str,
) -> None:
    name = _monitor(local_sagemaker, "DataQuality")
    with pytest.raises(SimulationError, match=message):
        local_sagemaker.run_execution(name, status, **options)
    assert not local_sagemaker.client.list_monitoring_executions().all()


# ----------------------------------------------------------------------------- baselines

_CSV = (
    "age,income,state,churn,predicted,probability\n"
    "34,1200.5,CA,1,1,0.91\n"
    "45,900.25,NY,0,0,0.12\n"
    ",300.0,CA,1,0,0.44\n"
    "22,1500.0,TX,0,1,0.73\n"
    "51,640.0,NY,1,1,0.88\n"
)


def _dataset(local: LocalSageMaker, text: str = _CSV) -> str:
    local.s3.create_bucket(Bucket="data")
    local.s3.put_object(Bucket="data", Key="train/part-0.csv", Body=text.encode())
    return "s3://data/train/"


def _data_quality(name: str = "churn-baseline") -> DataQualityBaselineJobBuilder:
    return (
        DataQualityBaselineJobBuilder(name)
        .role(ROLE)
        .dataset("s3://data/train/")
        .output("s3://data/baseline")
    )


def test_data_quality_baseline_request_follows_the_sdk() -> None:
    request = _data_quality().region("eu-west-1").max_runtime(3600).build()
    assert request.app_specification.image_uri == model_monitor_image_uri("eu-west-1")
    assert request.environment == {
        "publish_cloudwatch_metrics": "Disabled",
        "dataset_format": '{"csv": {"header": true, "output_columns_position": "START"}}',
        "dataset_source": "/opt/ml/processing/input/baseline_dataset_input",
        "output_path": "/opt/ml/processing/output",
    }
    (data,) = request.processing_inputs or []
    assert data.input_name == "baseline_dataset_input"
    assert data.s3_input is not None
    assert data.s3_input.local_path == "/opt/ml/processing/input/baseline_dataset_input"
    assert data.s3_input.s3_data_type.value == "S3Prefix"
    (output,) = request.processing_output_config.outputs if request.processing_output_config else []
    assert output.output_name == "monitoring_output"
    assert output.s3_output is not None
    assert (output.s3_output.local_path, output.s3_output.s3_upload_mode.value) == (
        "/opt/ml/processing/output",
        "EndOfJob",
    )
    cluster = request.processing_resources.cluster_config
    assert (cluster.instance_count, cluster.instance_type, cluster.volume_size_in_gb) == (
        1,
        ProcessingInstanceType.ML_M5_XLARGE,
        30,
    )
    assert request.stopping_condition is not None
    assert request.stopping_condition.max_runtime_in_seconds == 3600


def test_baseline_builders_are_immutable_and_report_every_problem() -> None:
    base = DataQualityBaselineJobBuilder("b").role(ROLE)
    branch = base.dataset("s3://data/train/", BaselineDatasetFormat.json(lines=True))
    assert "ProcessingInputs" not in base.to_wire()
    assert json.loads(branch.to_wire()["Environment"]["dataset_format"]) == {
        "json": {"lines": True}
    }
    with pytest.raises(ValidationError) as info:
        ModelQualityBaselineJobBuilder("m").name("bad name!").build()
    paths = {p.path for p in info.value.problems}
    assert paths >= {
        "ProcessingJobName",
        "RoleArn",
        "AppSpecification",
        "ProcessingInputs",
        "ProcessingOutputConfig",
        "Environment.problem_type",
        "Environment.inference_attribute",
        "Environment.ground_truth_attribute",
    }
    with pytest.raises(ValidationError, match=r"Environment\.probability_attribute"):
        (
            ModelQualityBaselineJobBuilder("m")
            .role(ROLE)
            .region("us-east-1")
            .dataset("s3://data/train/")
            .output("s3://data/out")
            .problem_type(MonitoringProblemType.REGRESSION)
            .attributes(inference="predicted", ground_truth="churn", probability="probability")
            .build()
        )
    with pytest.raises(ValidationError, match="MonitoringProblemType"):
        ModelQualityBaselineJobBuilder("m").problem_type("Regression")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="LInfinity"):
        base.categorical_drift_method("KS")
    with pytest.raises(ValidationError, match="START"):
        BaselineDatasetFormat.csv(output_columns_position="MIDDLE")


def test_data_quality_baseline_from_a_csv_dataset(local_sagemaker: LocalSageMaker) -> None:
    local = local_sagemaker
    _dataset(local)
    response = _data_quality().categorical_drift_method("ChiSquared").create(local.client)
    assert response.processing_job_arn.endswith("processing-job/churn-baseline")
    seen: list[str] = []
    done = local.client.wait_for_processing_job(
        "churn-baseline", poll_interval=20, on_progress=lambda p: seen.append(p.status)
    )
    assert seen == ["InProgress"] * 4 + ["Completed"]
    assert done.app_specification.image_uri == model_monitor_image_uri("us-east-1")
    reports = local.client.baseline_job_reports("churn-baseline")
    assert isinstance(reports, SuggestedBaseline)
    assert reports.constraints_uri == "s3://data/baseline/constraints.json"
    statistics, constraints = reports.statistics, reports.constraints
    assert isinstance(statistics, r.DataQualityStatistics)
    assert isinstance(constraints, r.DataQualityConstraints)
    assert [(f.name, f.inferred_type) for f in statistics.features] == [
        ("age", "Integral"),
        ("income", "Fractional"),
        ("state", "String"),
        ("churn", "Integral"),
        ("predicted", "Integral"),
        ("probability", "Fractional"),
    ]
    age = statistics.feature("age")
    assert age is not None
    assert (age.num_present, age.num_missing) == (4, 1)
    state = constraints.feature("state")
    assert state is not None
    assert state.domains == ("CA", "NY", "TX")
    assert constraints.feature("age") is not None
    assert constraints.feature("age").completeness == 0.8  # type: ignore[union-attr]
    config = constraints.monitoring_config
    assert config is not None
    assert config.distribution_constraints is not None
    assert config.distribution_constraints.categorical_drift_method == "ChiSquared"


def test_baseline_without_a_dataset_in_the_local_s3_uses_default_data(
    local_sagemaker: LocalSageMaker,
) -> None:
    local = local_sagemaker
    _data_quality().create(local.client)
    local.client.wait_for_processing_job("churn-baseline")
    statistics = local.client.baseline_job_reports("churn-baseline").statistics
    assert isinstance(statistics, r.DataQualityStatistics)
    assert [f.name for f in statistics.features] == [
        "Account Length",
        "Day Mins",
        "Eve Mins",
        "State",
    ]


def test_model_quality_baseline_computes_metrics(local_sagemaker: LocalSageMaker) -> None:
    local = local_sagemaker
    _dataset(local)
    (
        ModelQualityBaselineJobBuilder("churn-quality")
        .role(ROLE)
        .dataset("s3://data/train/")
        .output("s3://data/quality")
        .problem_type(MonitoringProblemType.BINARY_CLASSIFICATION)
        .attributes(inference="predicted", ground_truth="churn", probability="probability")
        .create(local.client)
    )
    job = local.client.wait_for_processing_job("churn-quality")
    assert job.environment is not None
    assert job.environment["analysis_type"] == "MODEL_QUALITY"
    assert job.environment["probability_attribute"] == "probability"
    reports = local.client.baseline_job_reports("churn-quality")
    statistics, constraints = reports.statistics, reports.constraints
    assert isinstance(statistics, r.ModelQualityStatistics)
    assert isinstance(constraints, r.ModelQualityConstraints)
    assert statistics.problem_type == "BinaryClassification"
    # probabilities 0.91 0.12 0.44 0.73 0.88 at 0.5 -> 1 0 0 1 1 against 1 0 1 0 1
    assert statistics.metric("accuracy").value == pytest.approx(0.6)  # type: ignore[union-attr]
    assert statistics.metric("recall").value == pytest.approx(2 / 3)  # type: ignore[union-attr]
    # positives 0.91 0.44 0.88 against negatives 0.12 0.73: 5 of 6 pairs ranked right
    assert statistics.metric("auc").value == pytest.approx(5 / 6)  # type: ignore[union-attr]
    matrix = statistics.confusion_matrix
    assert matrix is not None
    assert matrix.count("1", "0") == 1
    threshold = constraints.threshold("recall")
    assert threshold is not None
    assert (threshold.threshold, threshold.comparison_operator) == (
        pytest.approx(2 / 3),
        "LessThanThreshold",
    )
    false_positives = constraints.threshold("false_positive_rate")
    assert false_positives is not None
    assert false_positives.comparison_operator == "GreaterThanThreshold"


def test_a_baseline_that_cannot_read_its_data_fails(local_sagemaker: LocalSageMaker) -> None:
    local = local_sagemaker
    _dataset(local, "label,prediction\ncat,dog\n")
    (
        ModelQualityBaselineJobBuilder("broken")
        .role(ROLE)
        .dataset("s3://data/train/")
        .output("s3://data/quality")
        .problem_type(MonitoringProblemType.REGRESSION)
        .attributes(inference="prediction", ground_truth="label")
        .create(local.client)
    )
    with pytest.raises(ReportError, match="InProgress"):
        local.client.baseline_job_reports("broken")
    with pytest.raises(WaitFailedError, match="AlgorithmError"):
        local.client.wait_for_processing_job("broken")
    with pytest.raises(ReportError, match="is Failed: AlgorithmError"):
        local.client.baseline_job_reports("broken")


def test_missing_baseline_files_raise_report_not_found(local_sagemaker: LocalSageMaker) -> None:
    local = local_sagemaker
    _data_quality().create(local.client)
    local.client.wait_for_processing_job("churn-baseline")
    local.s3.delete_object(Bucket="data", Key="baseline/statistics.json")
    with pytest.raises(ReportNotFound, match=r"s3://data/baseline/statistics.json: no such object"):
        local.client.baseline_job_reports("churn-baseline")


def test_edited_constraints_drive_the_next_executions(local_sagemaker: LocalSageMaker) -> None:
    local = local_sagemaker
    _dataset(local)
    _data_quality().create(local.client)
    local.client.wait_for_processing_job("churn-baseline")
    suggested = local.client.baseline_job_reports("churn-baseline")
    assert isinstance(suggested.constraints, r.DataQualityConstraints)
    edited = (
        suggested.constraints.with_feature("age", completeness=0.5)
        .with_feature_overrides("income", evaluate_constraints=False)
        .with_monitoring_config(comparison_threshold=0.2)
    )
    assert suggested.constraints.feature("age").completeness == 0.8  # type: ignore[union-attr]
    local.s3.put_object(
        Bucket="data", Key="baseline/edited/constraints.json", Body=edited.to_json().encode()
    )
    (
        DataQualityJobDefinitionBuilder("churn-dq")
        .role(ROLE)
        .image(model_monitor_image_uri("us-east-1"))
        .endpoint("churn")
        .cluster(ProcessingInstanceType.ML_M5_XLARGE, volume_gb=20)
        .output("s3://data/monitoring")
        .baseline(
            constraints="s3://data/baseline/edited/constraints.json",
            statistics=suggested.statistics_uri,
            job_name="churn-baseline",
        )
        .create(local.client)
    )
    (
        MonitoringScheduleBuilder("churn-hourly")
        .definition("churn-dq", MonitoringType.DATA_QUALITY)
        .schedule(Schedule.hourly())
        .create(local.client)
    )
    local.client.wait_for_monitoring_schedule("churn-hourly")
    local.run_execution("churn-hourly", ExecutionStatus.COMPLETED_WITH_VIOLATIONS)
    _summary, job = _finish(local, "churn-hourly")
    inputs = {i.input_name: i.s3_input.s3_uri for i in job.processing_inputs if i.s3_input}
    assert inputs["constraints"] == "s3://data/baseline/edited/constraints.json"
    assert inputs["baseline"] == "s3://data/baseline/statistics.json"
    assert job.environment["baseline_constraints"] == (
        "/opt/ml/processing/baseline/constraints/constraints.json"
    )
    files = _objects(local, _uri(job))
    assert r.load(files["constraints.json"].decode()).to_dict() == edited.to_dict()
    statistics = r.DataQualityStatistics.from_json(files["statistics.json"].decode())
    assert [f.name for f in statistics.features] == [f.name for f in edited.features]
    (violation,) = r.DataQualityViolations.from_json(files["constraint_violations.json"].decode())
    assert violation.feature_name == "age"  # the first numerical feature drifted


def test_the_local_clients_s3_client_reads_the_local_s3(
    local_sagemaker: LocalSageMaker,
) -> None:
    local = local_sagemaker
    _dataset(local)
    s3 = local.client.s3_client
    assert s3.get_object(Bucket="data", Key="train/part-0.csv")["Body"].read() == _CSV.encode()
    assert local.boto3_session.region_name == "us-east-1"


@pytest.mark.moto
@needs_server
def test_the_loop_over_http() -> None:
    with LocalSageMaker(server=True) as local:
        _dataset(local)
        _data_quality().create(local.client)
        local.client.wait_for_processing_job("churn-baseline")
        reports = local.client.baseline_job_reports("churn-baseline")
        assert len(reports.statistics.to_dict()["features"]) == 6
        name = _monitor(local, "DataQuality")
        local.run_execution(name, ExecutionStatus.COMPLETED_WITH_VIOLATIONS)
        _summary, job = _finish(local, name)
        assert "constraint_violations.json" in _objects(local, _uri(job))


# ----------------------------------------------------------------------------- generated files

_cells = st.one_of(
    st.integers(-1000, 1000).map(str),
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: f"{f:.3f}"),
    st.sampled_from(["", "CA", "NY", "a,b", 'say "hi"']),
)


@given(
    st.integers(1, 4).flatmap(
        lambda width: st.lists(st.lists(_cells, min_size=width, max_size=width), max_size=12)
    )
)
def test_suggested_baselines_describe_any_csv(rows: list[list[str]]) -> None:
    width = len(rows[0]) if rows else 2
    names = [f"col {i}" for i in range(width)]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([names, *rows])
    read_names, read_rows = outputs.read_csv(buffer.getvalue(), header=True)
    assert read_names == names
    assert read_rows == rows
    statistics = r.load(outputs.analyzer_json(outputs.data_quality_statistics(names, rows)))
    constraints = r.load(outputs.analyzer_json(outputs.data_quality_constraints(names, rows)))
    assert isinstance(statistics, r.DataQualityStatistics)
    assert isinstance(constraints, r.DataQualityConstraints)
    assert [f.name for f in statistics.features] == names == [f.name for f in constraints.features]
    for index, feature in enumerate(statistics.features):
        present = sum(row[index] != "" for row in rows)
        if feature.inferred_type != "Unknown":
            assert (feature.num_present, feature.num_missing) == (present, len(rows) - present)
        limits = constraints.features[index]
        assert limits.completeness == (present / len(rows) if rows else 1.0)
        assert limits.inferred_type == feature.inferred_type


def test_analyzer_files_are_written_in_the_analyzer_style() -> None:
    text = outputs.analyzer_json({"version": 0.0, "violations": [{"feature_name": "a : b"}]})
    assert '"version" : 0.0' in text
    assert '"feature_name" : "a : b"' in text
    assert json.loads(text) == {"version": 0.0, "violations": [{"feature_name": "a : b"}]}


def test_clarify_runs_write_an_analysis_and_bias_executions_name_the_configured_facet(
    local_sagemaker: LocalSageMaker,
) -> None:
    local = local_sagemaker
    local.s3.create_bucket(Bucket="bucket")
    config = {
        "label": "churn",
        "label_values_or_threshold": [1],
        "facet": [{"name_or_index": "Sex", "value_or_threshold": [0]}],
        "methods": {"post_training_bias": {"methods": "all"}},
    }
    local.s3.put_object(Bucket="bucket", Key="analysis.json", Body=json.dumps(config).encode())
    local.client.create_processing_job(
        s.CreateProcessingJobRequest(
            processing_job_name="bias-baseline",
            processing_resources=s.ProcessingResources(
                cluster_config=s.ProcessingClusterConfig(
                    instance_count=1,
                    instance_type=ProcessingInstanceType.ML_M5_XLARGE,
                    volume_size_in_gb=30,
                )
            ),
            app_specification=s.AppSpecification(image_uri=clarify_image_uri("us-east-1")),
            role_arn=ROLE,
            processing_inputs=[
                s.ProcessingInput(
                    input_name="analysis_config",
                    s3_input=s.ProcessingS3Input(
                        s3_uri="s3://bucket/analysis.json",
                        local_path="/opt/ml/processing/input/config",
                        s3_data_type=ProcessingS3DataType.S3_PREFIX,
                    ),
                )
            ],
            processing_output_config=s.ProcessingOutputConfig(
                outputs=[
                    s.ProcessingOutput(
                        output_name="analysis_result",
                        s3_output=s.ProcessingS3Output(
                            s3_uri="s3://bucket/bias-baseline",
                            local_path="/opt/ml/processing/output",
                            s3_upload_mode=ProcessingS3UploadMode.END_OF_JOB,
                        ),
                    )
                ]
            ),
        )
    )
    done = local.client.wait_for_processing_job("bias-baseline")
    assert done.exit_message == "Completed: SageMaker XAI Analyzer ran successfully"
    analysis = r.load(_objects(local, "s3://bucket/bias-baseline")["analysis.json"].decode())
    assert isinstance(analysis, r.ClarifyAnalysis)
    section = analysis.post_training_bias
    assert section is not None
    assert analysis.pre_training_bias is None
    assert (section.label, list(section.facets)) == ("churn", ["Sex"])
    name = _monitor(local, "ModelBias")  # its definition's ConfigUri is s3://bucket/analysis.json
    local.run_execution(name, ExecutionStatus.COMPLETED_WITH_VIOLATIONS)
    _summary, job = _finish(local, name)
    (violation,) = r.BiasViolations.from_json(
        _objects(local, _uri(job))["constraint_violations.json"].decode()
    )
    assert (violation.metric_name, violation.facet, violation.facet_value) == ("DPPL", "Sex", "0")
