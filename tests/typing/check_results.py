"""mypy --strict: reading results through the client (not run)."""

from __future__ import annotations

import datetime

from typing_extensions import assert_type

from sagemon import (
    BaselineReports,
    Client,
    ExecutionEntry,
    ExecutionHistory,
    ExecutionReports,
    ReportLocation,
)
from sagemon.enums import ExecutionStatus, MonitoringType
from sagemon.errors import (
    NoFinishedExecution,
    ReportAccessDenied,
    ReportFetchError,
    ReportNotFound,
    ReportsUnavailable,
    SagemonError,
)
from sagemon.reports import (
    AnyConstraints,
    AnyStatistics,
    AnyViolations,
    ClarifyAnalysis,
    DataQualityViolations,
)
from sagemon.shapes import (
    DescribeModelBiasJobDefinitionResponse,
    DescribeMonitoringScheduleResponse,
    DescribeProcessingJobResponse,
    MonitoringExecutionSummary,
)


def reading(
    client: Client,
    summary: MonitoringExecutionSummary,
    job: DescribeProcessingJobResponse,
    schedule: DescribeMonitoringScheduleResponse,
    bias: DescribeModelBiasJobDefinitionResponse,
) -> None:
    found = client.execution_reports(summary)
    assert_type(found, ExecutionReports)
    assert_type(client.execution_reports(job), ExecutionReports)
    assert_type(client.execution_reports("model-monitoring-202605260100-ab12cd34"), ExecutionReports)
    assert_type(client.execution_reports(summary, monitoring_type=MonitoringType.DATA_QUALITY, max_bytes=1024), ExecutionReports)
    assert_type(client.latest_reports("churn"), ExecutionReports)
    assert_type(found.monitoring_type, MonitoringType | None)
    assert_type(found.status, ExecutionStatus)
    assert_type(found.monitoring_schedule_name, str | None)
    assert_type(found.scheduled_time, datetime.datetime | None)
    assert_type(found.processing_job_name, str)
    assert_type(found.processing_job_arn, str)
    assert_type(found.execution, MonitoringExecutionSummary | None)
    assert_type(found.processing_job, DescribeProcessingJobResponse)
    assert_type(found.where, ReportLocation)
    assert_type(found.where.prefix, str)
    assert_type(found.where.violations, str | None)
    assert_type(found.statistics, AnyStatistics | None)
    assert_type(found.constraints, AnyConstraints | None)
    assert_type(found.violations, AnyViolations | None)
    assert_type(found.analysis, ClarifyAnalysis | None)
    assert_type(found.violation_count, int | None)
    if isinstance(found.violations, DataQualityViolations):
        for violation in found.violations:
            assert_type(violation.feature_name, str | None)
    found.status = ExecutionStatus.FAILED  # type: ignore[misc]  # frozen

    for baseline in (
        client.baseline_reports(schedule),
        client.baseline_reports(bias),
        client.baseline_reports(monitoring_schedule_name="churn"),
        client.baseline_reports(job_definition_name="d", monitoring_type=MonitoringType.MODEL_BIAS),
    ):
        assert_type(baseline, BaselineReports)
        assert_type(baseline.statistics, AnyStatistics | None)
        assert_type(baseline.constraints, AnyConstraints | None)
        assert_type(baseline.analysis, ClarifyAnalysis | None)
        assert_type(baseline.constraints_uri, str | None)
    client.baseline_reports(summary)  # type: ignore[arg-type]

    history = client.execution_history("churn", scheduled_after=datetime.datetime(2026, 1, 1), limit=10)
    assert_type(history, ExecutionHistory)
    for entry in history:
        assert_type(entry, ExecutionEntry)
        assert_type(entry.summary, MonitoringExecutionSummary)
        assert_type(entry.status, ExecutionStatus)
        assert_type(entry.finished, bool)
        assert_type(entry.violation_count, int | None)
        assert_type(entry.violations(), AnyViolations | None)
        assert_type(entry.reports(), ExecutionReports)
        assert_type(entry.metric("accuracy"), float | None)


def errors(error: SagemonError) -> None:
    if isinstance(error, ReportFetchError):
        assert_type(error.uri, str)
        assert_type(error.code, str | None)
    assert issubclass(ReportNotFound, ReportFetchError)
    assert issubclass(ReportAccessDenied, ReportFetchError)
    if isinstance(error, NoFinishedExecution):
        assert_type(error.monitoring_schedule_name, str)
        assert_type(error.seen, int)
        assert_type(error.status, str | None)
    if isinstance(error, ReportsUnavailable):
        assert_type(error.processing_job_name, str | None)


def construction(client: Client) -> None:
    from mypy_boto3_s3 import S3Client

    s3 = client.s3_client
    assert_type(s3, S3Client)
    Client(s3=s3)
