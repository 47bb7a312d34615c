"""Reading monitoring results: executions, the latest finished one, baselines, history, S3 errors.

SageMaker is the local SageMaker (or botocore's Stubber where a response must be exact); S3 is
moto's in-process S3. Report files are copied from ``tests/reports``.
"""

from __future__ import annotations

import datetime
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import boto3
import pytest
from botocore.exceptions import ClientError, EndpointConnectionError
from botocore.stub import Stubber

from sagemon import (
    BaselineReports,
    Client,
    ExecutionHistory,
    ExecutionReports,
    SagemonError,
    from_wire,
)
from sagemon._cli import main
from sagemon._s3 import read_object, split_s3_uri
from sagemon.enums import ExecutionStatus, MonitoringType
from sagemon.errors import (
    NoFinishedExecution,
    NotFoundError,
    ReportAccessDenied,
    ReportError,
    ReportFetchError,
    ReportNotFound,
    ReportsUnavailable,
)
from sagemon.reports import (
    BiasViolations,
    ClarifyAnalysis,
    DataQualityConstraints,
    DataQualityStatistics,
    DataQualityViolations,
    FeatureAttributionViolations,
    ModelQualityConstraints,
    ModelQualityStatistics,
    ModelQualityViolations,
)
from sagemon.shapes import CreateProcessingJobRequest, MonitoringExecutionSummary
from sagemon.testing import LocalSageMaker
from tests.factories import definition, definition_wire, inline_schedule, schedule

REPORTS = Path(__file__).resolve().parent / "reports"
BUCKET = "monitor-results"
ROLE = "arn:aws:iam::123456789012:role/Monitor"
ANALYZER = "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer"
MERGER = "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-groundtruth-merger"

DQ_STATISTICS = REPORTS / "sagemaker-python-sdk__statistics__1.json"
DQ_CONSTRAINTS = REPORTS / "sagemaker-python-sdk__constraints__2.json"
DQ_VIOLATIONS = REPORTS / "sagemaker-python-sdk__violations__1.json"
MQ_STATISTICS = REPORTS / "sagemaker-python-sdk__model-quality-statistics__1.json"
MQ_CONSTRAINTS = REPORTS / "sagemaker-python-sdk__model-quality-constraints__1.json"
MQ_VIOLATIONS = REPORTS / "amazon-sagemaker-examples__model-quality-violations__1.json"
BIAS_ANALYSIS = REPORTS / "amazon-sagemaker-examples__bias-analysis__3.json"
BIAS_VIOLATIONS = REPORTS / "amazon-sagemaker-examples__bias-violations__1.json"
SHAP_ANALYSIS = REPORTS / "amazon-sagemaker-examples__explainability-analysis__1.json"
SHAP_VIOLATIONS = REPORTS / "sagemaker-developer-guide__explainability-violations__1.json"

# What each monitoring type writes when it finds violations, and the models they must load as.
WRITES: dict[str, tuple[dict[str, Path], dict[str, type]]] = {
    "DataQuality": (
        {
            "statistics.json": DQ_STATISTICS,
            "constraints.json": DQ_CONSTRAINTS,
            "constraint_violations.json": DQ_VIOLATIONS,
        },
        {
            "statistics": DataQualityStatistics,
            "constraints": DataQualityConstraints,
            "violations": DataQualityViolations,
        },
    ),
    "ModelQuality": (
        {"statistics.json": MQ_STATISTICS, "constraint_violations.json": MQ_VIOLATIONS},
        {"statistics": ModelQualityStatistics, "violations": ModelQualityViolations},
    ),
    "ModelBias": (
        {"analysis.json": BIAS_ANALYSIS, "constraint_violations.json": BIAS_VIOLATIONS},
        {"analysis": ClarifyAnalysis, "violations": BiasViolations},
    ),
    "ModelExplainability": (
        {"analysis.json": SHAP_ANALYSIS, "constraint_violations.json": SHAP_VIOLATIONS},
        {"analysis": ClarifyAnalysis, "violations": FeatureAttributionViolations},
    ),
}


# ----------------------------------------------------------------------------- helpers


def s3() -> Any:
    return boto3.client("s3", region_name="us-east-1")


@pytest.fixture
def local(local_sagemaker: LocalSageMaker) -> LocalSageMaker:
    s3().create_bucket(Bucket=BUCKET)
    return local_sagemaker


def put(uri: str, content: Path | str | bytes) -> None:
    bucket, key = split_s3_uri(uri)
    body = content.read_bytes() if isinstance(content, Path) else content
    s3().put_object(Bucket=bucket, Key=key, Body=body)


def job_request(name: str, prefix: str, *, image: str = ANALYZER, **extra: Any) -> Any:
    return from_wire(
        CreateProcessingJobRequest,
        {
            "ProcessingJobName": name,
            "ProcessingResources": {
                "ClusterConfig": {
                    "InstanceCount": 1,
                    "InstanceType": "ml.m5.xlarge",
                    "VolumeSizeInGB": 20,
                }
            },
            "AppSpecification": {"ImageUri": image},
            "RoleArn": ROLE,
            "ProcessingOutputConfig": {
                "Outputs": [
                    {
                        "OutputName": "result",
                        "S3Output": {
                            "S3Uri": prefix,
                            "LocalPath": "/opt/ml/processing/output",
                            "S3UploadMode": "EndOfJob",
                        },
                    }
                ]
            },
            **extra,
        },
    )


def back(
    local: LocalSageMaker, summary: MonitoringExecutionSummary, files: dict[str, Path | str]
) -> str:
    """Give an execution a processing job with ``files`` in its S3 output; the output prefix.

    If the local SageMaker already backs executions with processing jobs, their output is used
    (emptied first); otherwise a job of the execution's name is created.
    """
    assert summary.processing_job_arn is not None
    name = summary.processing_job_arn.rsplit("/", 1)[-1]
    try:
        job = local.client.describe_processing_job(processing_job_name=name)
    except NotFoundError:
        prefix = f"s3://{BUCKET}/monitoring/{summary.monitoring_schedule_name}/{name}"
        local.client.create_processing_job(job_request(name, prefix))
    else:
        assert job.processing_output_config is not None
        output = job.processing_output_config.outputs[0].s3_output
        assert output is not None
        prefix = output.s3_uri
        bucket, key = split_s3_uri(prefix)
        if bucket not in {b["Name"] for b in s3().list_buckets()["Buckets"]}:
            s3().create_bucket(Bucket=bucket)  # a run that wrote nothing made no bucket
        listed = s3().list_objects_v2(Bucket=bucket, Prefix=key).get("Contents", [])
        for item in listed:
            s3().delete_object(Bucket=bucket, Key=item["Key"])
    for file_name, content in files.items():
        put(f"{prefix.rstrip('/')}/{file_name}", content)
    return prefix


def monitored(local: LocalSageMaker, kind: str = "DataQuality", name: str = "churn") -> str:
    """A Scheduled schedule of ``kind`` named ``name``."""
    snake = "".join("_" + c.lower() if c.isupper() else c for c in kind).lstrip("_")
    getattr(local.client, f"create_{snake}_job_definition")(definition(kind, f"{name}-def"))
    local.client.create_monitoring_schedule(schedule(name, f"{name}-def", kind))
    local.client.wait_for_monitoring_schedule(name)
    return name


def run(
    local: LocalSageMaker,
    name: str,
    status: ExecutionStatus,
    files: dict[str, Path | str] | None = None,
    *,
    finish: bool = True,
) -> MonitoringExecutionSummary:
    """One execution of ``name`` ending in ``status`` (finished unless ``finish=False``)."""
    summary = local.run_execution(name, status)
    if finish:
        # An hour on: executions within one hour share their S3 folder (…/yyyy/mm/dd/HH).
        local.clock.advance(3600)
        # Observe the end first, so that files a local SageMaker writes then are replaced below;
        # a finished model-quality or bias run names its analysis job, not the merge job.
        listed = local.client.list_monitoring_executions(monitoring_schedule_name=name).all()
        summary = next(s for s in listed if s.scheduled_time == summary.scheduled_time)
    if files is not None:
        back(local, summary, files)
    return summary


def counting(local: LocalSageMaker, *operations: str) -> dict[str, int]:
    """Counts of the calls to ``operations`` made through the local client from now on."""
    calls = dict.fromkeys(operations, 0)

    def count(event_name: str, **_: Any) -> None:
        calls[event_name.rsplit(".", 1)[-1]] += 1

    for operation in operations:
        local.boto3_client.meta.events.register(
            f"before-parameter-build.sagemaker.{operation}", count
        )
    return calls


# ----------------------------------------------------------------------------- execution reports


@pytest.mark.parametrize("kind", list(WRITES))
def test_latest_reports_reads_what_each_monitoring_type_writes(
    local: LocalSageMaker, kind: str
) -> None:
    name = monitored(local, kind)
    files, models = WRITES[kind]
    summary = run(local, name, ExecutionStatus.COMPLETED_WITH_VIOLATIONS, dict(files))
    found = local.client.latest_reports(name)
    assert isinstance(found, ExecutionReports)
    assert found.monitoring_type is MonitoringType(kind)
    assert found.status is ExecutionStatus.COMPLETED_WITH_VIOLATIONS
    assert found.monitoring_schedule_name == name
    assert found.scheduled_time == summary.scheduled_time
    assert found.processing_job_arn == summary.processing_job_arn
    assert found.execution is not None
    assert found.execution.monitoring_execution_status is ExecutionStatus.COMPLETED_WITH_VIOLATIONS
    for field in ("statistics", "constraints", "violations", "analysis"):
        report = getattr(found, field)
        if field in models:
            assert type(report) is models[field], field
            uri = getattr(found.where, field)
            assert uri is not None
            assert uri.startswith(found.where.prefix)
            file_name = uri.rsplit("/", 1)[-1]
            assert report.to_json(indent=None) == models[field].from_path(files[file_name]).to_json(
                indent=None
            )
        else:
            assert report is None, field
            assert getattr(found.where, field) is None
    assert found.violation_count == len(found.violations or ())
    assert found.violation_count
    assert found.reports == tuple(
        r for r in (found.statistics, found.constraints, found.violations, found.analysis) if r
    )
    text = found.to_text()
    assert f"{kind} execution CompletedWithViolations" in text
    assert "constraint_violations.json" in text
    assert "<table>" in found._repr_html_()


def test_latest_reports_is_the_newest_finished_execution(local: LocalSageMaker) -> None:
    name = monitored(local)
    done = run(
        local, name, ExecutionStatus.COMPLETED, {"statistics.json": DQ_STATISTICS}
    )  # oldest, finished without violations
    run(local, name, ExecutionStatus.FAILED, {}, finish=True)
    run(local, name, ExecutionStatus.STOPPED, {}, finish=True)
    running = run(local, name, ExecutionStatus.COMPLETED_WITH_VIOLATIONS, finish=False)
    assert running.monitoring_execution_status is ExecutionStatus.PENDING
    found = local.client.latest_reports(name)
    assert found.processing_job_arn == done.processing_job_arn
    assert found.status is ExecutionStatus.COMPLETED
    # No violations file for a Completed execution: an empty report, not None and not an error.
    assert isinstance(found.violations, DataQualityViolations)
    assert len(found.violations) == 0
    assert found.violations.to_dict() == {"violations": []}
    assert found.where.violations is None
    assert found.violation_count == 0
    # Model Monitor's data-quality executions may leave constraints.json out too.
    assert found.constraints is None
    assert found.where.constraints is None


def test_latest_reports_without_a_finished_execution(local: LocalSageMaker) -> None:
    name = monitored(local)
    with pytest.raises(NoFinishedExecution) as caught:
        local.client.latest_reports(name)
    assert caught.value.seen == 0
    assert caught.value.status is None
    assert "has no execution yet" in str(caught.value)
    local.run_execution(name, ExecutionStatus.FAILED, failure_reason="Out of memory.")
    local.clock.advance(120)
    run(local, name, ExecutionStatus.COMPLETED, finish=False)
    with pytest.raises(NoFinishedExecution) as caught:
        local.client.latest_reports(name)
    error = caught.value
    assert isinstance(error, ReportsUnavailable)
    assert isinstance(error, SagemonError)
    assert error.monitoring_schedule_name == name
    assert error.seen == 2
    assert error.status == "Pending"
    local.clock.advance(1)
    with pytest.raises(NoFinishedExecution, match="the newest is InProgress"):
        local.client.latest_reports(name)


def test_violations_named_by_the_status_but_missing_is_an_error(local: LocalSageMaker) -> None:
    name = monitored(local)
    summary = run(
        local,
        name,
        ExecutionStatus.COMPLETED_WITH_VIOLATIONS,
        {"statistics.json": DQ_STATISTICS},
    )
    with pytest.raises(ReportNotFound) as caught:
        local.client.latest_reports(name)
    assert caught.value.uri.endswith("/constraint_violations.json")
    assert caught.value.code == "NoSuchKey"
    # A finished data-quality execution without statistics is as broken.
    back(local, summary, {"constraint_violations.json": DQ_VIOLATIONS})
    with pytest.raises(ReportNotFound, match=r"statistics\.json: no such object"):
        local.client.latest_reports(name)


def test_failed_and_stopped_executions_give_what_they_wrote(local: LocalSageMaker) -> None:
    name = monitored(local)
    failed = run(local, name, ExecutionStatus.FAILED, {"statistics.json": DQ_STATISTICS})
    found = local.client.execution_reports(failed)
    assert found.status is ExecutionStatus.FAILED
    assert isinstance(found.statistics, DataQualityStatistics)
    assert found.violations is None
    assert found.violation_count is None
    stopped = run(local, name, ExecutionStatus.STOPPED, {})
    nothing = local.client.execution_reports(stopped)
    assert nothing.reports == ()


def test_an_execution_in_progress_has_no_reports_yet(local: LocalSageMaker) -> None:
    name = monitored(local)
    calls = counting(local, "DescribeProcessingJob", "ListMonitoringExecutions")
    summary = run(local, name, ExecutionStatus.COMPLETED, finish=False)
    local.clock.advance(1)
    with pytest.raises(ReportsUnavailable, match="is InProgress: its reports are not written yet"):
        local.client.execution_reports(summary)
    # The summary was Pending when listed: it was listed again (now InProgress), not described.
    assert calls == {"DescribeProcessingJob": 0, "ListMonitoringExecutions": 1}


def test_a_summary_listed_while_running_is_looked_at_again(local: LocalSageMaker) -> None:
    name = monitored(local)
    summary = local.run_execution(name, ExecutionStatus.COMPLETED)
    assert summary.monitoring_execution_status is ExecutionStatus.PENDING
    local.clock.advance(3600)
    back(local, summary, {"statistics.json": DQ_STATISTICS})
    found = local.client.execution_reports(summary)
    assert found.status is ExecutionStatus.COMPLETED
    assert found.execution is not None
    assert found.execution.monitoring_execution_status is ExecutionStatus.COMPLETED


def test_execution_without_a_processing_job(local: LocalSageMaker) -> None:
    name = monitored(local)
    summary = run(local, name, ExecutionStatus.FAILED)
    orphan = attrs.evolve(
        summary,
        monitoring_execution_status=ExecutionStatus.FAILED,
        processing_job_arn=None,
        failure_reason="No capacity.",
    )
    with pytest.raises(ReportsUnavailable, match=r"launched no processing job.*No capacity"):
        local.client.execution_reports(orphan)


def test_reports_from_a_processing_job_or_its_name(local: LocalSageMaker) -> None:
    name = monitored(local)
    prefix = f"s3://{BUCKET}/one-off/"
    for file_name, path in WRITES["DataQuality"][0].items():
        put(prefix + file_name, path)
    c = local.client
    c.create_processing_job(
        job_request(
            "one-off-check", prefix, Environment={"sagemaker_monitoring_schedule_name": name}
        )
    )
    with pytest.raises(ReportsUnavailable, match="InProgress"):
        c.execution_reports("one-off-check")
    local.clock.advance(600)
    job = c.describe_processing_job(processing_job_name="one-off-check")
    for given in (job, "one-off-check", job.processing_job_arn):
        found = c.execution_reports(given)
        assert found.execution is None
        assert found.processing_job == job
        # The job's exit message did not say; its violations file did.
        assert found.status is ExecutionStatus.COMPLETED_WITH_VIOLATIONS
        # The type comes from the schedule named in the job's environment.
        assert found.monitoring_type is MonitoringType.DATA_QUALITY
        assert found.monitoring_schedule_name == name
        assert found.where.prefix == prefix
        assert found.where.statistics == prefix + "statistics.json"
        assert isinstance(found.violations, DataQualityViolations)
        assert len(found.violations) == 7
    # The job's exit message tells violations, as the execution status would.
    violated = attrs.evolve(
        job, exit_message="CompletedWithViolations: Job completed with 7 violations."
    )
    assert c.execution_reports(violated).status is ExecutionStatus.COMPLETED_WITH_VIOLATIONS
    with pytest.raises(TypeError, match="takes a MonitoringExecutionSummary"):
        c.execution_reports(42)  # type: ignore[arg-type]
    with pytest.raises(ReportsUnavailable, match="not a processing job ARN"):
        c.execution_reports("arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn")


def test_unknown_monitoring_type_recognises_files_by_content(local: LocalSageMaker) -> None:
    prefix = f"s3://{BUCKET}/byoc/"
    put(prefix + "statistics.json", MQ_STATISTICS)
    put(prefix + "constraint_violations.json", MQ_VIOLATIONS)
    # Not the analyzer's image: the local SageMaker would take it for a baselining job.
    byoc = "123456789012.dkr.ecr.us-east-1.amazonaws.com/byoc:1"
    local.client.create_processing_job(job_request("byoc-check", prefix, image=byoc))
    local.clock.advance(600)
    found = local.client.execution_reports("byoc-check")
    assert found.monitoring_type is None
    assert isinstance(found.statistics, ModelQualityStatistics)
    assert isinstance(found.violations, ModelQualityViolations)
    assert found.constraints is None
    assert found.analysis is None
    # An explicit type picks the models (and a wrong one says which file did not fit).
    with pytest.raises(ReportError, match=r"byoc/statistics\.json: this is not data-quality"):
        local.client.execution_reports("byoc-check", monitoring_type=MonitoringType.DATA_QUALITY)


def test_a_file_that_is_no_report_names_its_uri(local: LocalSageMaker) -> None:
    name = monitored(local)
    run(
        local,
        name,
        ExecutionStatus.COMPLETED,
        {"statistics.json": "not json", "constraint_violations.json": '{"violations": []}'},
    )
    with pytest.raises(ReportError, match=r"statistics\.json: "):
        local.client.latest_reports(name)


# ----------------------------------------------------------------------------- merge jobs (Stubber)


def _summary(name: str, status: str, job: str, hour: int) -> dict[str, Any]:
    when = datetime.datetime(2026, 5, 26, hour, tzinfo=datetime.timezone.utc)
    return {
        "MonitoringScheduleName": name,
        "ScheduledTime": when,
        "CreationTime": when,
        "LastModifiedTime": when,
        "MonitoringExecutionStatus": status,
        "ProcessingJobArn": f"arn:aws:sagemaker:us-east-1:123456789012:processing-job/{job}",
        "MonitoringType": "ModelQuality",
    }


def _job(name: str, image: str, prefix: str) -> dict[str, Any]:
    when = datetime.datetime(2026, 5, 26, 3, tzinfo=datetime.timezone.utc)
    return {
        "ProcessingJobName": name,
        "ProcessingJobArn": f"arn:aws:sagemaker:us-east-1:123456789012:processing-job/{name}",
        "ProcessingJobStatus": "Completed",
        "ProcessingResources": {
            "ClusterConfig": {
                "InstanceCount": 1,
                "InstanceType": "ml.m5.xlarge",
                "VolumeSizeInGB": 20,
            }
        },
        "AppSpecification": {"ImageUri": image},
        "ProcessingOutputConfig": {
            "Outputs": [
                {
                    "OutputName": "result",
                    "S3Output": {"S3Uri": prefix, "S3UploadMode": "EndOfJob"},
                }
            ]
        },
        "CreationTime": when,
    }


@pytest.fixture
def stubbed() -> Iterator[tuple[Client, Stubber]]:
    import moto

    with moto.mock_aws():
        s3().create_bucket(Bucket=BUCKET)
        boto = boto3.session.Session(
            aws_access_key_id="x", aws_secret_access_key="x", region_name="us-east-1"
        ).client("sagemaker")
        with Stubber(boto) as stubber:
            yield Client(boto3_client=boto, s3=s3()), stubber
            stubber.assert_no_pending_responses()


@pytest.mark.moto  # the stubbed fixture's S3 is moto's
def test_latest_reports_passes_over_ground_truth_merge_jobs(
    stubbed: tuple[Client, Stubber],
) -> None:
    client, stubber = stubbed
    prefix = f"s3://{BUCKET}/results/quality"
    put(prefix + "/statistics.json", MQ_STATISTICS)
    stubber.add_response(
        "list_monitoring_executions",
        {
            "MonitoringExecutionSummaries": [
                # Still pointing at the merge job although finished: known by its name, no call.
                _summary("q", "CompletedWithViolations", "groundtruth-merge-202605260500-ab12", 5),
                # Known as the merge job only by its image: one DescribeProcessingJob.
                _summary("q", "Completed", "model-quality-monitoring-202605260400-cd34", 4),
                _summary("q", "Completed", "model-quality-monitoring-202605260300-ef56", 3),
            ]
        },
    )
    stubber.add_response(
        "describe_processing_job",
        _job("model-quality-monitoring-202605260400-cd34", MERGER, prefix + "/merge"),
        {"ProcessingJobName": "model-quality-monitoring-202605260400-cd34"},
    )
    stubber.add_response(
        "describe_processing_job",
        _job("model-quality-monitoring-202605260300-ef56", ANALYZER, prefix),
        {"ProcessingJobName": "model-quality-monitoring-202605260300-ef56"},
    )
    found = client.latest_reports("q")
    assert found.processing_job_name == "model-quality-monitoring-202605260300-ef56"
    assert isinstance(found.statistics, ModelQualityStatistics)
    assert isinstance(found.violations, ModelQualityViolations)
    assert not found.violations


@pytest.mark.moto  # the stubbed fixture's S3 is moto's
def test_execution_reports_of_a_merge_job_is_unavailable(stubbed: tuple[Client, Stubber]) -> None:
    client, stubber = stubbed
    merge = from_wire(
        MonitoringExecutionSummary,
        _summary("q", "InProgress", "groundtruth-merge-202605260500-ab12", 5),
    )
    stubber.add_response("list_monitoring_executions", {"MonitoringExecutionSummaries": []})
    with pytest.raises(ReportsUnavailable, match="InProgress"):
        client.execution_reports(merge)
    with pytest.raises(ReportsUnavailable, match="ground-truth merge job") as caught:
        client.execution_reports(
            attrs.evolve(merge, monitoring_execution_status=ExecutionStatus.COMPLETED)
        )
    assert caught.value.processing_job_name == "groundtruth-merge-202605260500-ab12"
    stubber.add_response(
        "describe_processing_job",
        _job("merge-by-image", MERGER, f"s3://{BUCKET}/m"),
        {"ProcessingJobName": "merge-by-image"},
    )
    with pytest.raises(ReportsUnavailable, match="ground-truth merge job"):
        client.execution_reports("merge-by-image")


# ----------------------------------------------------------------------------- S3 errors


class _Refusing:
    """An S3 client whose every call fails as given."""

    def __init__(self, error: Exception) -> None:
        self.error = error
        self.calls = 0

    def get_object(self, **_: Any) -> Any:
        self.calls += 1
        raise self.error

    list_objects_v2 = get_object


def _client_error(code: str, status: int, message: str = "") -> ClientError:
    return ClientError(
        {
            "Error": {"Code": code, "Message": message} if code else {},
            "ResponseMetadata": {"HTTPStatusCode": status},
        },
        "GetObject",
    )


def test_s3_errors_are_typed_and_carry_the_uri(local: LocalSageMaker) -> None:
    uri = f"s3://{BUCKET}/nothing/here.json"
    with pytest.raises(ReportNotFound) as missing:
        read_object(s3(), uri, max_bytes=1000)
    assert missing.value.uri == uri
    assert missing.value.code == "NoSuchKey"
    assert str(missing.value) == f"{uri}: no such object"
    with pytest.raises(ReportNotFound, match="the bucket does not exist"):
        read_object(s3(), "s3://no-such-bucket-here/a.json", max_bytes=1000)
    for error in (
        _client_error("AccessDenied", 403, "Access Denied"),
        _client_error("", 403),  # a HEAD-style answer: no code, no body
        _client_error("KMS.AccessDeniedException", 400, "no kms:Decrypt"),
    ):
        with pytest.raises(ReportAccessDenied, match="s3:GetObject") as denied:
            read_object(_Refusing(error), uri, max_bytes=1000)
        assert denied.value.uri == uri
        assert isinstance(denied.value, ReportFetchError)
        assert isinstance(denied.value, SagemonError)
    with pytest.raises(ReportFetchError, match="SlowDown: Reduce your request rate") as other:
        read_object(
            _Refusing(_client_error("SlowDown", 503, "Reduce your request rate")), uri, max_bytes=9
        )
    assert type(other.value) is ReportFetchError
    offline = EndpointConnectionError(endpoint_url="https://s3.amazonaws.com")
    with pytest.raises(ReportFetchError, match="did not complete: EndpointConnectionError"):
        read_object(_Refusing(offline), uri, max_bytes=9)
    with pytest.raises(ReportError, match="names a folder"):
        read_object(s3(), f"s3://{BUCKET}/folder/", max_bytes=9)
    with pytest.raises(ReportError, match="not an S3 location"):
        read_object(s3(), "/local/path.json", max_bytes=9)


def test_s3_objects_are_read_within_the_size_limit(local: LocalSageMaker) -> None:
    uri = f"s3://{BUCKET}/big/statistics.json"
    put(uri, b"x" * 2000)
    with pytest.raises(ReportError, match="2,000 bytes, larger than the limit of 1,000 bytes"):
        read_object(s3(), uri, max_bytes=1000)
    assert read_object(s3(), uri, max_bytes=2000) == b"x" * 2000


def test_access_denied_through_the_client(local: LocalSageMaker) -> None:
    name = monitored(local)
    run(local, name, ExecutionStatus.COMPLETED, {"statistics.json": DQ_STATISTICS})
    refusing = _Refusing(_client_error("AccessDenied", 403, "Access Denied"))
    client = Client(boto3_client=local.boto3_client, clock=local.clock, s3=refusing)  # type: ignore[arg-type]
    assert client.s3_client is refusing
    with pytest.raises(ReportAccessDenied, match=r"statistics\.json: access denied"):
        client.latest_reports(name)


@pytest.mark.parametrize(
    ("uri", "bucket", "key"),
    [
        ("s3://b/k/statistics.json", "b", "k/statistics.json"),
        ("s3://b", "b", ""),
        ("https://b.s3.us-west-2.amazonaws.com/k/x.json", "b", "k/x.json"),
        ("https://b.s3.amazonaws.com/x.json", "b", "x.json"),
        ("https://s3.eu-west-1.amazonaws.com/b/k/x.json", "b", "k/x.json"),
        ("https://b.s3.cn-north-1.amazonaws.com.cn/x.json", "b", "x.json"),
    ],
)
def test_s3_uris(uri: str, bucket: str, key: str) -> None:
    assert split_s3_uri(uri) == (bucket, key)


@pytest.mark.parametrize("uri", ["s3://", "s3:///k", "https://example.com/b/k", "b/k"])
def test_not_s3_uris(uri: str) -> None:
    with pytest.raises(ReportError, match="not an S3 location"):
        split_s3_uri(uri)


def test_s3_client_comes_from_the_client_session(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[tuple[str, str | None]] = []

    class Session(boto3.session.Session):
        def client(self, service_name: str, *args: Any, **kwargs: Any) -> Any:
            made.append((service_name, kwargs.get("region_name")))
            return super().client(service_name, *args, **kwargs)

    session = Session(aws_access_key_id="a", aws_secret_access_key="b", region_name="eu-west-1")
    client = Client(boto3_session=session)
    assert made == [("sagemaker", None)]
    s3_client = client.s3_client
    assert made[-1] == ("s3", "eu-west-1")
    assert client.s3_client is s3_client
    assert s3_client.meta.region_name == "eu-west-1"


# ----------------------------------------------------------------------------- baselines


def _with_baseline(kind: str, name: str, **resources: str) -> Any:
    from sagemon._generated.operations import OPERATIONS

    wire = definition_wire(kind, name)
    config: dict[str, Any] = {"BaseliningJobName": "baseline-suggestion-job-1"}
    for resource, uri in resources.items():
        config[f"{resource}Resource"] = {"S3Uri": uri}
    wire[f"{kind}BaselineConfig"] = config
    return from_wire(OPERATIONS[f"Create{kind}JobDefinition"].input, wire)


def test_baseline_reports_of_a_referenced_definition(local: LocalSageMaker) -> None:
    c = local.client
    constraints, statistics = f"s3://{BUCKET}/baseline/c.json", f"s3://{BUCKET}/baseline/s.json"
    put(constraints, DQ_CONSTRAINTS)
    put(statistics, DQ_STATISTICS)
    c.create_data_quality_job_definition(
        _with_baseline("DataQuality", "dq-def", Constraints=constraints, Statistics=statistics)
    )
    c.create_monitoring_schedule(schedule("dq", "dq-def", "DataQuality"))
    described = c.describe_data_quality_job_definition(job_definition_name="dq-def")
    for found in (
        c.baseline_reports(monitoring_schedule_name="dq"),
        c.baseline_reports(c.describe_monitoring_schedule(monitoring_schedule_name="dq")),
        c.baseline_reports(
            job_definition_name="dq-def", monitoring_type=MonitoringType.DATA_QUALITY
        ),
        c.baseline_reports(described),
    ):
        assert isinstance(found, BaselineReports)
        assert found.monitoring_type is MonitoringType.DATA_QUALITY
        assert found.job_definition_name == "dq-def"
        assert found.baselining_job_name == "baseline-suggestion-job-1"
        assert found.constraints_uri == constraints
        assert found.statistics_uri == statistics
        assert found.constraints == DataQualityConstraints.from_path(DQ_CONSTRAINTS)
        assert found.statistics == DataQualityStatistics.from_path(DQ_STATISTICS)
        assert found.analysis is None
        assert "DataQualityConstraints" in found.to_text()
    assert c.baseline_reports(monitoring_schedule_name="dq").monitoring_schedule_name == "dq"


def test_baseline_reports_of_model_quality_and_clarify(local: LocalSageMaker) -> None:
    c = local.client
    put(f"s3://{BUCKET}/mq/constraints.json", MQ_CONSTRAINTS)
    put(f"s3://{BUCKET}/bias/analysis.json", BIAS_ANALYSIS)
    c.create_model_quality_job_definition(
        _with_baseline("ModelQuality", "mq-def", Constraints=f"s3://{BUCKET}/mq/constraints.json")
    )
    c.create_model_bias_job_definition(
        _with_baseline("ModelBias", "bias-def", Constraints=f"s3://{BUCKET}/bias/analysis.json")
    )
    quality = c.baseline_reports(
        job_definition_name="mq-def", monitoring_type=MonitoringType.MODEL_QUALITY
    )
    assert isinstance(quality.constraints, ModelQualityConstraints)
    assert quality.statistics is None
    assert quality.statistics_uri is None
    c.create_monitoring_schedule(schedule("bias", "bias-def", "ModelBias"))
    bias = c.baseline_reports(monitoring_schedule_name="bias")
    assert bias.monitoring_type is MonitoringType.MODEL_BIAS
    assert isinstance(bias.analysis, ClarifyAnalysis)
    assert bias.constraints is None
    assert bias.constraints_uri == f"s3://{BUCKET}/bias/analysis.json"


def test_baseline_reports_of_an_inline_definition(local: LocalSageMaker) -> None:
    c = local.client
    put(f"s3://{BUCKET}/inline/constraints.json", DQ_CONSTRAINTS)
    request = inline_schedule("inline")
    config = request.monitoring_schedule_config
    assert config.monitoring_job_definition is not None
    from sagemon.shapes import (
        MonitoringBaselineConfig,
        MonitoringConstraintsResource,
    )

    baseline = MonitoringBaselineConfig(
        constraints_resource=MonitoringConstraintsResource(
            s3_uri=f"s3://{BUCKET}/inline/constraints.json"
        )
    )
    request = attrs.evolve(
        request,
        monitoring_schedule_config=attrs.evolve(
            config,
            monitoring_job_definition=attrs.evolve(
                config.monitoring_job_definition, baseline_config=baseline
            ),
        ),
    )
    c.create_monitoring_schedule(request)
    found = c.baseline_reports(monitoring_schedule_name="inline")
    assert found.job_definition_name is None
    assert found.monitoring_schedule_name == "inline"
    assert isinstance(found.constraints, DataQualityConstraints)
    assert found.statistics is None


def test_baseline_reports_without_a_baseline_or_with_a_missing_file(
    local: LocalSageMaker,
) -> None:
    c = local.client
    c.create_data_quality_job_definition(definition("DataQuality", "plain"))
    found = c.baseline_reports(
        job_definition_name="plain", monitoring_type=MonitoringType.DATA_QUALITY
    )
    assert (found.constraints, found.statistics, found.constraints_uri) == (None, None, None)
    c.create_data_quality_job_definition(
        _with_baseline("DataQuality", "gone", Constraints=f"s3://{BUCKET}/gone/constraints.json")
    )
    with pytest.raises(ReportNotFound, match=r"gone/constraints\.json: no such object"):
        c.baseline_reports(job_definition_name="gone", monitoring_type=MonitoringType.DATA_QUALITY)
    with pytest.raises(TypeError, match="needs monitoring_type"):
        c.baseline_reports(job_definition_name="gone")
    with pytest.raises(TypeError, match="takes one of"):
        c.baseline_reports()
    with pytest.raises(TypeError, match="takes one of"):
        c.baseline_reports(monitoring_schedule_name="a", job_definition_name="b")


# ----------------------------------------------------------------------------- history


def _history_of_five(local: LocalSageMaker) -> str:
    """Five executions, newest first: CWV, Completed, Failed, CWV, Completed."""
    name = monitored(local)
    for status in (
        ExecutionStatus.COMPLETED,
        ExecutionStatus.COMPLETED_WITH_VIOLATIONS,
        ExecutionStatus.FAILED,
        ExecutionStatus.COMPLETED,
        ExecutionStatus.COMPLETED_WITH_VIOLATIONS,
    ):
        files: dict[str, Path | str] = {"statistics.json": DQ_STATISTICS}
        if status is ExecutionStatus.COMPLETED_WITH_VIOLATIONS:
            files["constraint_violations.json"] = DQ_VIOLATIONS
        run(local, name, status, files)
    return name


def test_history_is_lazy(local: LocalSageMaker) -> None:
    name = _history_of_five(local)
    calls = counting(local, "ListMonitoringExecutions", "DescribeProcessingJob")
    history = local.client.execution_history(name, page_size=2)
    assert isinstance(history, ExecutionHistory)
    assert calls == {"ListMonitoringExecutions": 0, "DescribeProcessingJob": 0}
    newest = next(iter(history))
    assert calls == {"ListMonitoringExecutions": 1, "DescribeProcessingJob": 0}
    assert newest.status is ExecutionStatus.COMPLETED_WITH_VIOLATIONS
    entries = list(history)
    assert calls == {"ListMonitoringExecutions": 4, "DescribeProcessingJob": 0}  # 1 + 3 pages
    assert [e.status.value for e in entries] == [
        "CompletedWithViolations",
        "Completed",
        "Failed",
        "CompletedWithViolations",
        "Completed",
    ]
    assert [e.scheduled_time for e in entries] == sorted(
        (e.scheduled_time for e in entries), reverse=True
    )
    # Counting violations reads only the CompletedWithViolations executions' files.
    assert [e.violation_count for e in entries] == [7, 0, None, 7, 0]
    assert calls["DescribeProcessingJob"] == 2
    assert [e.violation_count for e in entries] == [7, 0, None, 7, 0]
    assert calls["DescribeProcessingJob"] == 2  # cached
    reports = entries[1].reports()
    assert calls["DescribeProcessingJob"] == 3
    assert entries[1].reports() is reports
    assert entries[0].reports().violation_count == 7
    assert calls["DescribeProcessingJob"] == 3  # resolved when its violations were counted
    assert entries[2].violations() is None
    assert [e.finished for e in entries] == [True, True, False, True, True]
    assert len(list(history.finished())) == 4
    assert "ExecutionEntry 'churn'" in repr(entries[0])
    assert repr(history) == "<ExecutionHistory of 'churn'>"


def test_history_limit_and_window(local: LocalSageMaker) -> None:
    name = _history_of_five(local)
    calls = counting(local, "ListMonitoringExecutions")
    assert len(list(local.client.execution_history(name, limit=3, page_size=2))) == 3
    assert calls["ListMonitoringExecutions"] == 2
    assert list(local.client.execution_history(name, limit=0)) == []
    every = list(local.client.execution_history(name))
    middle = every[2].scheduled_time
    after = list(
        local.client.execution_history(name, scheduled_after=middle - datetime.timedelta(seconds=1))
    )
    assert [e.scheduled_time for e in after] == [e.scheduled_time for e in every[:3]]


def test_history_metric(local: LocalSageMaker) -> None:
    name = _history_of_five(local)
    entries = list(local.client.execution_history(name))
    feature = DataQualityStatistics.from_path(DQ_STATISTICS).features[0]
    assert feature.name is not None
    value = entries[0].metric(f"{feature.name}.completeness")
    assert value == feature.completeness
    assert entries[2].metric(f"{feature.name}.completeness") is None  # Failed
    assert entries[0].metric("no-such-feature.mean") is None
    assert entries[0].metric("accuracy") is None


def test_history_to_pandas(local: LocalSageMaker) -> None:
    pytest.importorskip("pandas")
    name = _history_of_five(local)
    frame = local.client.execution_history(name).to_pandas()
    assert list(frame.columns) == [
        "scheduled_time",
        "status",
        "violations",
        "processing_job_name",
        "failure_reason",
    ]
    assert list(frame["status"]) == [
        "CompletedWithViolations",
        "Completed",
        "Failed",
        "CompletedWithViolations",
        "Completed",
    ]


def test_history_extras_are_named_when_missing(
    local: LocalSageMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    history = local.client.execution_history("churn")
    with pytest.raises(ImportError, match=r'pip install "sagemon\[pandas\]"'):
        history.to_pandas()
    with pytest.raises(ImportError, match=r'pip install "sagemon\[plot\]"'):
        history.plot()


def test_history_plot(local: LocalSageMaker) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    name = _history_of_five(local)
    ax = local.client.execution_history(name).plot()
    line = ax.get_lines()[0]
    assert list(line.get_ydata()) == [0.0, 7.0, 0.0, 7.0]  # oldest first; Failed left out
    assert ax.get_ylabel() == "violations"


# ----------------------------------------------------------------------------- the command line


def _report(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["report", *args], out, err)
    return status, out.getvalue(), err.getvalue()


def test_cli_reads_s3_objects(local: LocalSageMaker) -> None:
    put(f"s3://{BUCKET}/run/constraint_violations.json", DQ_VIOLATIONS)
    put(f"s3://{BUCKET}/run/statistics.json", DQ_STATISTICS)
    put(f"s3://{BUCKET}/run/notes.txt", "not a report")
    status, out, err = _report(f"s3://{BUCKET}/run/constraint_violations.json")
    assert status == 1
    assert out.startswith(
        f"s3://{BUCKET}/run/constraint_violations.json: DataQualityViolations: 7 violations"
    )
    assert err == ""
    status, out, err = _report(f"s3://{BUCKET}/run/")
    assert status == 1
    assert f"s3://{BUCKET}/run/statistics.json: DataQualityStatistics" in out
    assert "notes.txt" not in out


def test_cli_s3_errors_are_one_line(local: LocalSageMaker, monkeypatch: pytest.MonkeyPatch) -> None:
    status, out, err = _report(f"s3://{BUCKET}/none.json", f"s3://{BUCKET}/empty/")
    assert status == 2
    assert out == ""
    assert err == (
        f"s3://{BUCKET}/none.json: cannot read: no such object\n"
        f"s3://{BUCKET}/empty/: no *.json objects under this prefix\n"
    )
    import sagemon._reports_cli as cli

    refusing = _Refusing(_client_error("AccessDenied", 403, "Access Denied"))
    monkeypatch.setattr(cli._LazyS3, "__call__", lambda self: refusing)
    status, out, err = _report(f"s3://{BUCKET}/x.json", f"s3://{BUCKET}/folder/")
    assert status == 2
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"s3://{BUCKET}/x.json: cannot read: access denied (Access Denied)")
    assert lines[1].startswith(f"s3://{BUCKET}/folder/: access denied")
    assert "Traceback" not in err


def test_cli_s3_without_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    import sagemon._reports_cli as cli

    offline = _Refusing(EndpointConnectionError(endpoint_url="https://s3.amazonaws.com"))
    monkeypatch.setattr(cli._LazyS3, "__call__", lambda self: offline)
    status, _, err = _report("s3://b/k.json")
    assert status == 2
    assert err.startswith("s3://b/k.json: cannot read: the request did not complete")
    assert err.count("\n") == 1


def test_cli_latest_reports_of_a_schedule(
    local: LocalSageMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    import sagemon._reports_cli as cli

    monkeypatch.setattr(cli, "_client", lambda: local.client)
    name = monitored(local)
    status, out, err = _report("--schedule", name)
    assert (status, out) == (2, "")
    assert err == f"--schedule {name}: monitoring schedule '{name}' has no execution yet\n"
    run(
        local,
        name,
        ExecutionStatus.COMPLETED_WITH_VIOLATIONS,
        {"statistics.json": DQ_STATISTICS, "constraint_violations.json": DQ_VIOLATIONS},
    )
    status, out, err = _report("--schedule", name)
    assert (status, err) == (1, "")
    assert out.startswith(
        f"--schedule {name}: ExecutionReports: DataQuality execution CompletedWithViolations, "
        "7 violations"
    )
    assert "Violations" in out
    status, out, err = _report("--schedule", name, "--format", "json")
    record = json.loads(out)
    assert record["violations"] == 7
    assert record["status"] == "CompletedWithViolations"
    assert set(record["files"]) == {"statistics", "violations"}
    assert len(record["tables"]["violations"]) == 7
    # With files as well: both are shown, the worst status wins.
    put(f"s3://{BUCKET}/ok/statistics.json", DQ_STATISTICS)
    status, out, _ = _report("--schedule", name, f"s3://{BUCKET}/ok/statistics.json")
    assert status == 1
    assert "ok/statistics.json: DataQualityStatistics" in out


def test_cli_report_needs_a_file_or_a_schedule(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["report"])
    assert caught.value.code == 2
    assert "give a FILE (or s3:// URI) or --schedule NAME" in capsys.readouterr().err


def test_reports_pickle_and_compare(local: LocalSageMaker) -> None:
    import pickle

    name = monitored(local)
    run(local, name, ExecutionStatus.COMPLETED, {"statistics.json": DQ_STATISTICS})
    found = local.client.latest_reports(name)
    again = pickle.loads(pickle.dumps(found))
    assert again == found
    assert again.violations == found.violations
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        found.status = ExecutionStatus.FAILED  # type: ignore[misc]


def test_default_s3_client_follows_an_injected_sagemaker_client(local: LocalSageMaker) -> None:
    client = Client(boto3_client=local.boto3_client)
    assert client.s3_client.meta.service_model.service_name == "s3"
    assert client.s3_client.meta.region_name == local.region_name


def test_history_of_a_model_quality_metric(local: LocalSageMaker) -> None:
    name = monitored(local, "ModelQuality", "quality")
    for _ in range(2):
        run(local, name, ExecutionStatus.COMPLETED, {"statistics.json": MQ_STATISTICS})
    expected = ModelQualityStatistics.from_path(MQ_STATISTICS).metric("mae")
    assert expected is not None
    history = local.client.execution_history(name)
    assert [e.metric("mae") for e in history] == [expected.value] * 2
    if _importable("pandas"):
        frame = history.to_pandas(metric="mae", violations=False)
        assert list(frame.columns) == [
            "scheduled_time",
            "status",
            "mae",
            "processing_job_name",
            "failure_reason",
        ]
        assert list(frame["mae"]) == [expected.value] * 2
    if _importable("matplotlib"):
        import matplotlib

        matplotlib.use("Agg")
        ax = history.plot("mae")
        assert list(ax.get_lines()[0].get_ydata()) == [expected.value] * 2
        assert ax.get_ylabel() == "mae"


def _importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None
