"""mypy --strict: every Client method with a typed request, and its typed response (not run)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from typing_extensions import assert_type

from sagemon import Client, Listing, Problem, SkippedItem, from_wire
from sagemon import shapes as s
from sagemon.enums import ScheduleStatus
from sagemon.errors import MalformedResponseError, PaginationError


def every_operation(client: Client) -> None:
    assert_type(client.create_model_quality_job_definition(from_wire(s.CreateModelQualityJobDefinitionRequest, {})), s.CreateModelQualityJobDefinitionResponse)
    assert_type(client.describe_model_quality_job_definition(from_wire(s.DescribeModelQualityJobDefinitionRequest, {})), s.DescribeModelQualityJobDefinitionResponse)
    assert_type(client.list_model_quality_job_definitions(from_wire(s.ListModelQualityJobDefinitionsRequest, {})), Listing[s.MonitoringJobDefinitionSummary, s.ListModelQualityJobDefinitionsResponse])
    assert_type(client.delete_model_quality_job_definition(from_wire(s.DeleteModelQualityJobDefinitionRequest, {})), None)
    assert_type(client.create_model_explainability_job_definition(from_wire(s.CreateModelExplainabilityJobDefinitionRequest, {})), s.CreateModelExplainabilityJobDefinitionResponse)
    assert_type(client.describe_model_explainability_job_definition(from_wire(s.DescribeModelExplainabilityJobDefinitionRequest, {})), s.DescribeModelExplainabilityJobDefinitionResponse)
    assert_type(client.list_model_explainability_job_definitions(from_wire(s.ListModelExplainabilityJobDefinitionsRequest, {})), Listing[s.MonitoringJobDefinitionSummary, s.ListModelExplainabilityJobDefinitionsResponse])
    assert_type(client.delete_model_explainability_job_definition(from_wire(s.DeleteModelExplainabilityJobDefinitionRequest, {})), None)
    assert_type(client.create_data_quality_job_definition(from_wire(s.CreateDataQualityJobDefinitionRequest, {})), s.CreateDataQualityJobDefinitionResponse)
    assert_type(client.describe_data_quality_job_definition(from_wire(s.DescribeDataQualityJobDefinitionRequest, {})), s.DescribeDataQualityJobDefinitionResponse)
    assert_type(client.list_data_quality_job_definitions(from_wire(s.ListDataQualityJobDefinitionsRequest, {})), Listing[s.MonitoringJobDefinitionSummary, s.ListDataQualityJobDefinitionsResponse])
    assert_type(client.delete_data_quality_job_definition(from_wire(s.DeleteDataQualityJobDefinitionRequest, {})), None)
    assert_type(client.create_model_bias_job_definition(from_wire(s.CreateModelBiasJobDefinitionRequest, {})), s.CreateModelBiasJobDefinitionResponse)
    assert_type(client.describe_model_bias_job_definition(from_wire(s.DescribeModelBiasJobDefinitionRequest, {})), s.DescribeModelBiasJobDefinitionResponse)
    assert_type(client.list_model_bias_job_definitions(from_wire(s.ListModelBiasJobDefinitionsRequest, {})), Listing[s.MonitoringJobDefinitionSummary, s.ListModelBiasJobDefinitionsResponse])
    assert_type(client.delete_model_bias_job_definition(from_wire(s.DeleteModelBiasJobDefinitionRequest, {})), None)
    assert_type(client.create_monitoring_schedule(from_wire(s.CreateMonitoringScheduleRequest, {})), s.CreateMonitoringScheduleResponse)
    assert_type(client.describe_monitoring_schedule(from_wire(s.DescribeMonitoringScheduleRequest, {})), s.DescribeMonitoringScheduleResponse)
    assert_type(client.update_monitoring_schedule(from_wire(s.UpdateMonitoringScheduleRequest, {})), s.UpdateMonitoringScheduleResponse)
    assert_type(client.list_monitoring_schedules(from_wire(s.ListMonitoringSchedulesRequest, {})), Listing[s.MonitoringScheduleSummary, s.ListMonitoringSchedulesResponse])
    assert_type(client.delete_monitoring_schedule(from_wire(s.DeleteMonitoringScheduleRequest, {})), None)
    assert_type(client.start_monitoring_schedule(from_wire(s.StartMonitoringScheduleRequest, {})), None)
    assert_type(client.stop_monitoring_schedule(from_wire(s.StopMonitoringScheduleRequest, {})), None)
    assert_type(client.list_monitoring_executions(from_wire(s.ListMonitoringExecutionsRequest, {})), Listing[s.MonitoringExecutionSummary, s.ListMonitoringExecutionsResponse])
    assert_type(client.list_monitoring_alerts(from_wire(s.ListMonitoringAlertsRequest, {})), Listing[s.MonitoringAlertSummary, s.ListMonitoringAlertsResponse])
    assert_type(client.update_monitoring_alert(from_wire(s.UpdateMonitoringAlertRequest, {})), s.UpdateMonitoringAlertResponse)
    assert_type(client.list_monitoring_alert_history(from_wire(s.ListMonitoringAlertHistoryRequest, {})), Listing[s.MonitoringAlertHistorySummary, s.ListMonitoringAlertHistoryResponse])
    assert_type(client.create_optimization_job(from_wire(s.CreateOptimizationJobRequest, {})), s.CreateOptimizationJobResponse)
    assert_type(client.describe_optimization_job(from_wire(s.DescribeOptimizationJobRequest, {})), s.DescribeOptimizationJobResponse)
    assert_type(client.list_optimization_jobs(from_wire(s.ListOptimizationJobsRequest, {})), Listing[s.OptimizationJobSummary, s.ListOptimizationJobsResponse])
    assert_type(client.stop_optimization_job(from_wire(s.StopOptimizationJobRequest, {})), None)
    assert_type(client.delete_optimization_job(from_wire(s.DeleteOptimizationJobRequest, {})), None)


def typed_results(client: Client) -> None:
    described = client.describe_monitoring_schedule(monitoring_schedule_name="churn")
    assert_type(described.monitoring_schedule_status, ScheduleStatus)
    assert_type(described.creation_time, datetime.datetime)
    for summary in client.list_monitoring_schedules(max_results=10):
        assert_type(summary, s.MonitoringScheduleSummary)
        assert_type(summary.monitoring_schedule_name, str)
    listing = client.list_optimization_jobs()
    assert_type(listing.next_token, str | None)
    skipping = listing.skip_malformed()
    assert_type(skipping, Listing[s.OptimizationJobSummary, s.ListOptimizationJobsResponse])
    assert_type(skipping.skipped, tuple[SkippedItem, ...])
    assert_type(skipping.skipped[0].data, object)
    assert_type(skipping.skipped[0].problems, tuple[Problem, ...])
    assert_type(listing.max_empty_pages, int)
    assert_type(listing.first_page().optimization_job_summaries, tuple[s.OptimizationJobSummary, ...])
    assert_type(client.wait_for_monitoring_schedule("churn"), s.DescribeMonitoringScheduleResponse)
    assert_type(client.wait_for_optimization_job("job"), s.DescribeOptimizationJobResponse)
    assert_type(client.wait_for_latest_monitoring_execution("churn"), s.MonitoringExecutionSummary)


def errors(error: MalformedResponseError, stopped: PaginationError) -> None:
    assert_type(error.items, tuple[s.Shape, ...])
    assert_type(error.request_id, str | None)
    assert_type(error.http_status, int | None)
    assert_type(error.next_token, str | None)
    assert_type(error.response, Mapping[str, Any])
    assert_type(stopped.token, str | None)
    assert_type(stopped.pages, int)


def keyword_mistakes(client: Client) -> None:
    client.describe_monitoring_schedule(monitoring_schedule="x")  # type: ignore[call-overload]
    client.describe_monitoring_schedule()  # type: ignore[call-overload]
    client.describe_monitoring_schedule(s.ListMonitoringSchedulesRequest())  # type: ignore[call-overload]
    client.list_monitoring_schedules(max_results="10")  # type: ignore[call-overload]
    client.delete_optimization_job(optimization_job_name="job").x  # type: ignore[attr-defined]
