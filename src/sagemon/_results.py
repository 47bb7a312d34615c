"""From monitoring executions, schedules and job definitions to their typed reports in S3.

The lookup follows the documented path: execution summary → its processing job
(``DescribeProcessingJob``) → the job's S3 output (``ProcessingOutputConfig.Outputs[].S3Output``,
the authoritative location) → the files the monitoring type writes there. The client's methods
(``execution_reports``, ``latest_reports``, ``baseline_reports``, ``execution_history``) delegate
here.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from sagemon._generated.enums import (
    ExecutionStatus,
    MonitoringExecutionSortKey,
    MonitoringType,
    ProcessingJobStatus,
    SortOrder,
)
from sagemon._generated.shapes import (
    DataQualityBaselineConfig,
    DescribeDataQualityJobDefinitionResponse,
    DescribeModelBiasJobDefinitionResponse,
    DescribeModelExplainabilityJobDefinitionResponse,
    DescribeModelQualityJobDefinitionResponse,
    DescribeMonitoringScheduleResponse,
    DescribeProcessingJobResponse,
    ModelBiasBaselineConfig,
    ModelExplainabilityBaselineConfig,
    ModelQualityBaselineConfig,
    MonitoringBaselineConfig,
    MonitoringExecutionSummary,
)
from sagemon._reports_base import Cell, Report, Table, Tabular, plural
from sagemon._reports_clarify import ClarifyAnalysis
from sagemon._reports_data import DataQualityConstraints, DataQualityStatistics
from sagemon._reports_json import MAX_REPORT_BYTES
from sagemon._reports_load import AnyConstraints, AnyStatistics, AnyViolations
from sagemon._reports_model import ModelQualityConstraints, ModelQualityStatistics
from sagemon._reports_violations import (
    BiasViolations,
    DataQualityViolations,
    FeatureAttributionViolations,
    ModelQualityViolations,
)
from sagemon._s3 import join_uri, read_report
from sagemon.errors import (
    NoFinishedExecution,
    NotFoundError,
    Problem,
    ReportError,
    ReportFetchError,
    ReportNotFound,
    ReportsUnavailable,
    ValidationError,
)

if TYPE_CHECKING:
    import matplotlib.axes
    import pandas

    from sagemon._client import Client

__all__ = [
    "BaselineReports",
    "ExecutionEntry",
    "ExecutionHistory",
    "ExecutionReports",
    "ReportLocation",
    "baseline_reports",
    "execution_history",
    "execution_reports",
    "latest_reports",
]

log = logging.getLogger("sagemon")

_JobDefinitionDescription: TypeAlias = (
    DescribeDataQualityJobDefinitionResponse
    | DescribeModelQualityJobDefinitionResponse
    | DescribeModelBiasJobDefinitionResponse
    | DescribeModelExplainabilityJobDefinitionResponse
)
"""What one of the four ``Describe…JobDefinition`` operations returns."""

STATISTICS = "statistics.json"
CONSTRAINTS = "constraints.json"
VIOLATIONS = "constraint_violations.json"
ANALYSIS = "analysis.json"

_VIOLATION_KINDS = (
    DataQualityViolations,
    ModelQualityViolations,
    BiasViolations,
    FeatureAttributionViolations,
)
_FINISHED = (ExecutionStatus.COMPLETED, ExecutionStatus.COMPLETED_WITH_VIOLATIONS)
_ENDED = (ExecutionStatus.FAILED, ExecutionStatus.STOPPED)
_MERGE_JOB_PREFIX = "groundtruth-merge-"
_MERGE_IMAGE = "sagemaker-model-monitor-groundtruth-merger"


class _Files:
    """Which report model each file is, for one monitoring type (``None``: not written)."""

    def __init__(
        self,
        statistics: type[AnyStatistics] | None,
        constraints: type[AnyConstraints] | None,
        violations: type[AnyViolations],
        analysis: type[ClarifyAnalysis] | None,
    ) -> None:
        self.statistics = statistics
        self.constraints = constraints
        self.violations = violations
        self.analysis = analysis


_EXECUTION_FILES = {
    MonitoringType.DATA_QUALITY: _Files(
        DataQualityStatistics, DataQualityConstraints, DataQualityViolations, None
    ),
    MonitoringType.MODEL_QUALITY: _Files(
        ModelQualityStatistics, None, ModelQualityViolations, None
    ),
    MonitoringType.MODEL_BIAS: _Files(None, None, BiasViolations, ClarifyAnalysis),
    MonitoringType.MODEL_EXPLAINABILITY: _Files(
        None, None, FeatureAttributionViolations, ClarifyAnalysis
    ),
}


# ----------------------------------------------------------------------------- results


@attrs.frozen(kw_only=True)
class ReportLocation:
    """Where an execution's reports live: its output prefix and the URI of each file read.

    A file's URI is ``None`` when it was not read: the monitoring type does not write it, or the
    execution did not write it (``violations`` of an execution that completed without any).
    """

    __module__ = "sagemon"

    prefix: str
    """The processing job's output (``ProcessingOutputConfig.Outputs[].S3Output.S3Uri``)."""
    statistics: str | None = None
    constraints: str | None = None
    violations: str | None = None
    analysis: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class ExecutionReports(Tabular):
    """The typed reports one monitoring execution wrote, and where they came from.

    Which fields hold a report depends on the monitoring type:

    ======================  ==============  ===============  ==============  ========
    type                    ``statistics``  ``constraints``  ``violations``  analysis
    ======================  ==============  ===============  ==============  ========
    DataQuality             yes             if written       yes             ``None``
    ModelQuality            yes             ``None``         yes             ``None``
    ModelBias               ``None``        ``None``         yes             yes
    ModelExplainability     ``None``        ``None``         yes             yes
    ======================  ==============  ===============  ==============  ========

    ``violations`` of a ``Completed`` execution that wrote no violations file is an *empty*
    report of the type's kind (a missing file means "no violations"; ``where.violations`` is
    then ``None``). It is ``None`` when the execution failed or was stopped without writing one,
    or when the monitoring type is unknown (a custom container) and no file was written. Failed
    and stopped executions give what they wrote, ``None`` for the rest; a finished execution
    whose statistics (or analysis) is missing raises :class:`~sagemon.errors.ReportNotFound`.
    """

    __module__ = "sagemon"

    monitoring_type: MonitoringType | None
    """From the execution summary or its schedule; ``None`` if unknown (files recognised by content)."""
    status: ExecutionStatus
    """The execution's status (derived from the processing job when read from a job alone)."""
    monitoring_schedule_name: str | None
    scheduled_time: datetime.datetime | None
    processing_job_name: str
    processing_job_arn: str
    execution: MonitoringExecutionSummary | None
    """The summary the reports were read for; ``None`` when read from a processing job."""
    processing_job: DescribeProcessingJobResponse
    where: ReportLocation
    statistics: AnyStatistics | None
    constraints: AnyConstraints | None
    violations: AnyViolations | None
    analysis: ClarifyAnalysis | None

    @property
    def violation_count(self) -> int | None:
        """How many violations: ``len(violations)``, or ``None`` when there is no violations report."""
        return None if self.violations is None else len(self.violations)

    @property
    def reports(self) -> tuple[Report, ...]:
        """The reports read, in file order (statistics, constraints, violations, analysis)."""
        found = (self.statistics, self.constraints, self.violations, self.analysis)
        return tuple(r for r in found if r is not None)

    def _title(self) -> str:
        what = self.monitoring_type.value if self.monitoring_type is not None else "monitoring"
        count = self.violation_count
        tail = f", {plural(count, 'violation')}" if count is not None else ""
        return f"ExecutionReports: {what} execution {self.status.value}{tail} ({self.processing_job_name})"

    def _tables(self) -> tuple[Table, ...]:
        rows: list[tuple[Cell, ...]] = []
        for name, report, uri in (
            (STATISTICS, self.statistics, self.where.statistics),
            (CONSTRAINTS, self.constraints, self.where.constraints),
            (VIOLATIONS, self.violations, self.where.violations),
            (ANALYSIS, self.analysis, self.where.analysis),
        ):
            if report is not None:
                shown = uri if uri is not None else "(no file: no violations)"
                rows.append((name, type(report).__name__, report._summary(), shown))
        files = Table(
            "files",
            f"Reports under {self.where.prefix}",
            ("file", "kind", "summary", "uri"),
            tuple(rows),
        )
        extra = self.violations._tables() if self.violations else ()
        return (files, *extra)

    def __repr__(self) -> str:
        return f"<{self._title()}>"


@attrs.frozen(kw_only=True, repr=False)
class BaselineReports(Tabular):
    """The baseline a job definition or schedule points at (its ``…BaselineConfig``), typed.

    ``constraints`` is the ``ConstraintsResource`` of data and model quality, ``statistics`` the
    ``StatisticsResource`` (data quality and inline definitions only). For bias and
    explainability the constraints resource is Clarify's ``analysis.json``: it is in
    ``analysis``. A resource the configuration does not name is ``None``, as is its URI.
    """

    __module__ = "sagemon"

    monitoring_type: MonitoringType | None
    monitoring_schedule_name: str | None
    job_definition_name: str | None
    """``None`` for a schedule's inline (legacy) definition."""
    baselining_job_name: str | None
    statistics_uri: str | None
    constraints_uri: str | None
    statistics: AnyStatistics | None
    constraints: AnyConstraints | None
    analysis: ClarifyAnalysis | None

    def _title(self) -> str:
        source = self.job_definition_name or self.monitoring_schedule_name or "?"
        what = self.monitoring_type.value if self.monitoring_type is not None else "monitoring"
        return f"BaselineReports: {what} baseline of {source}"

    def _tables(self) -> tuple[Table, ...]:
        rows: list[tuple[Cell, ...]] = []
        for role, report, uri in (
            ("statistics", self.statistics, self.statistics_uri),
            ("constraints", self.constraints, self.constraints_uri),
            ("constraints", self.analysis, self.constraints_uri),
        ):
            if report is not None:
                rows.append((role, type(report).__name__, report._summary(), uri))
        return (Table("files", "Baseline", ("resource", "kind", "summary", "uri"), tuple(rows)),)

    def __repr__(self) -> str:
        return f"<{self._title()}>"


# ----------------------------------------------------------------------------- executions


def execution_reports(
    client: Client,
    execution: MonitoringExecutionSummary | DescribeProcessingJobResponse | str,
    *,
    monitoring_type: MonitoringType | None = None,
    max_bytes: int = MAX_REPORT_BYTES,
) -> ExecutionReports:
    """The reports of one execution (a summary, its processing job, or the job's name or ARN)."""
    return _Execution.of(client, execution, monitoring_type).reports(max_bytes)


def latest_reports(
    client: Client,
    monitoring_schedule_name: str,
    *,
    max_bytes: int = MAX_REPORT_BYTES,
) -> ExecutionReports:
    """The reports of the schedule's newest finished execution; NoFinishedExecution if none."""
    seen = 0
    newest: MonitoringExecutionSummary | None = None
    for summary in _executions(client, monitoring_schedule_name, 100, None, None):
        seen += 1
        newest = newest or summary
        if summary.monitoring_execution_status not in _FINISHED:
            continue
        try:
            execution = _Execution.of(client, summary, None)
        except ReportsUnavailable as exc:  # no processing job, or the merge job
            log.info("latest_reports(%r): skipping an execution: %s", monitoring_schedule_name, exc)
            continue
        return execution.reports(max_bytes)
    if newest is None:
        # Listing a schedule that does not exist lists nothing: a typo must not read as "no
        # execution yet". Raises ResourceNotFound for a missing schedule.
        client.describe_monitoring_schedule(monitoring_schedule_name=monitoring_schedule_name)
        message = f"monitoring schedule {monitoring_schedule_name!r} has no execution yet"
        status = None
    else:
        status = newest.monitoring_execution_status.value
        reason = f": {newest.failure_reason}" if newest.failure_reason else ""
        message = (
            f"monitoring schedule {monitoring_schedule_name!r} has no finished execution with "
            f"reports among its {plural(seen, 'execution')}; the newest is {status}{reason}"
        )
    raise NoFinishedExecution(
        message, monitoring_schedule_name=monitoring_schedule_name, seen=seen, status=status
    )


def _executions(
    client: Client,
    monitoring_schedule_name: str,
    page_size: int,
    after: datetime.datetime | None,
    before: datetime.datetime | None,
) -> Iterator[MonitoringExecutionSummary]:
    """The schedule's executions, newest scheduled first, page by page."""
    return iter(
        client.list_monitoring_executions(
            monitoring_schedule_name=monitoring_schedule_name,
            sort_by=MonitoringExecutionSortKey.SCHEDULED_TIME,
            sort_order=SortOrder.DESCENDING,
            max_results=page_size,
            scheduled_time_after=after,
            scheduled_time_before=before,
        )
    )


class _Execution:
    """An execution resolved to its processing job, output prefix and monitoring type."""

    def __init__(
        self,
        client: Client,
        summary: MonitoringExecutionSummary | None,
        job: DescribeProcessingJobResponse,
        monitoring_type: MonitoringType | None,
    ) -> None:
        self.client = client
        self.summary = summary
        self.job = job
        self.monitoring_type = monitoring_type
        self.status = (
            summary.monitoring_execution_status if summary is not None else _job_status(job)
        )
        self.prefix = _output_prefix(job)

    @classmethod
    def of(
        cls,
        client: Client,
        execution: MonitoringExecutionSummary | DescribeProcessingJobResponse | str,
        monitoring_type: MonitoringType | None,
    ) -> _Execution:
        summary: MonitoringExecutionSummary | None = None
        if isinstance(execution, MonitoringExecutionSummary):
            summary = execution
            status = summary.monitoring_execution_status
            if status not in _FINISHED and status not in _ENDED:
                # Listed while it ran (maybe as its merge job): look at it as it is now.
                summary = _refreshed(client, summary)
            job = _describe_execution_job(client, summary)
        elif isinstance(execution, DescribeProcessingJobResponse):
            job = execution
        elif isinstance(execution, str):
            job = client.describe_processing_job(processing_job_name=_job_name(execution))
        else:
            raise TypeError(
                "execution_reports() takes a MonitoringExecutionSummary, a "
                "DescribeProcessingJobResponse or a processing job name or ARN, not "
                f"{type(execution).__name__}"
            )
        if _is_merge_job(job.processing_job_name, job):
            raise ReportsUnavailable(
                f"processing job {job.processing_job_name!r} is the ground-truth merge job, which "
                "writes no reports; the execution's analysis job follows it (list the "
                "executions again once the execution has finished)",
                status=summary.monitoring_execution_status.value if summary else None,
                processing_job_name=job.processing_job_name,
            )
        if monitoring_type is None and summary is not None:
            monitoring_type = summary.monitoring_type
        if monitoring_type is None:
            monitoring_type = _schedule_type(client, job)
        return cls(client, summary, job, monitoring_type)

    @property
    def finished(self) -> bool:
        return self.status in _FINISHED

    def _read(
        self, name: str, model: type[Report] | None, *, required: bool, max_bytes: int
    ) -> tuple[Report | None, str | None]:
        """The report in file ``name`` under the prefix and its URI; ``(None, None)`` if absent."""
        uri = join_uri(self.prefix, name)
        try:
            return read_report(self.client.s3_client, uri, model, max_bytes=max_bytes), uri
        except ReportNotFound:
            if required:
                raise
            return None, None

    def violations(self, max_bytes: int) -> tuple[AnyViolations | None, str | None]:
        """The violations report (empty for a Completed execution without the file) and its URI."""
        files = _EXECUTION_FILES.get(self.monitoring_type) if self.monitoring_type else None
        required = self.status is ExecutionStatus.COMPLETED_WITH_VIOLATIONS
        report, uri = self._read(
            VIOLATIONS, files.violations if files else None, required=required, max_bytes=max_bytes
        )
        if report is None and files is not None and self.status is ExecutionStatus.COMPLETED:
            report = files.violations.from_dict({"violations": []})
        if report is None or isinstance(report, _VIOLATION_KINDS):
            return report, uri
        raise ReportError(f"{uri}: holds {report.TITLE}, not constraint violations")

    def statistics(self, max_bytes: int) -> AnyStatistics | None:
        files = _EXECUTION_FILES.get(self.monitoring_type) if self.monitoring_type else None
        model = files.statistics if files else None
        if files is not None and model is None:
            return None
        report, _ = self._read(STATISTICS, model, required=False, max_bytes=max_bytes)
        return (
            report if isinstance(report, (DataQualityStatistics, ModelQualityStatistics)) else None
        )

    def reports(self, max_bytes: int) -> ExecutionReports:
        if not self.finished and self.status not in _ENDED:
            raise ReportsUnavailable(
                f"execution of processing job {self.job.processing_job_name!r} is "
                f"{self.status.value}: its reports are not written yet (wait for it, e.g. with "
                "client.wait_for_latest_monitoring_execution)",
                status=self.status.value,
                processing_job_name=self.job.processing_job_name,
            )
        files = _EXECUTION_FILES.get(self.monitoring_type) if self.monitoring_type else None
        finished = self.finished

        def read(name: str, model: type[Report] | None, required: bool) -> tuple[Any, str | None]:
            if files is not None and model is None:
                return None, None  # this monitoring type does not write the file
            needed = required and finished and files is not None
            return self._read(name, model, required=needed, max_bytes=max_bytes)

        statistics, statistics_uri = read(STATISTICS, files.statistics if files else None, True)
        constraints, constraints_uri = read(
            CONSTRAINTS, files.constraints if files else None, False
        )
        analysis, analysis_uri = read(ANALYSIS, files.analysis if files else None, True)
        violations, violations_uri = self.violations(max_bytes)
        if files is None:  # kinds recognised from the content: keep only the fitting ones
            statistics = _kind(statistics, (DataQualityStatistics, ModelQualityStatistics))
            constraints = _kind(constraints, (DataQualityConstraints, ModelQualityConstraints))
            analysis = _kind(analysis, (ClarifyAnalysis,))
        summary = self.summary
        status = self.status
        if summary is None and status is ExecutionStatus.COMPLETED and violations:
            status = ExecutionStatus.COMPLETED_WITH_VIOLATIONS  # the job's exit message did not say
        return ExecutionReports(
            monitoring_type=self.monitoring_type,
            status=status,
            monitoring_schedule_name=(
                summary.monitoring_schedule_name
                if summary is not None
                else _schedule_name(self.job)
            ),
            scheduled_time=summary.scheduled_time if summary is not None else None,
            processing_job_name=self.job.processing_job_name,
            processing_job_arn=self.job.processing_job_arn,
            execution=summary,
            processing_job=self.job,
            where=ReportLocation(
                prefix=self.prefix,
                statistics=statistics_uri if statistics is not None else None,
                constraints=constraints_uri if constraints is not None else None,
                violations=violations_uri,
                analysis=analysis_uri if analysis is not None else None,
            ),
            statistics=statistics,
            constraints=constraints,
            violations=violations,
            analysis=analysis,
        )


def _kind(report: Report | None, kinds: tuple[type[Report], ...]) -> Any:
    return report if isinstance(report, kinds) else None


def _refreshed(client: Client, summary: MonitoringExecutionSummary) -> MonitoringExecutionSummary:
    """The execution's summary as listed now (the same one if it cannot be found again)."""
    second = datetime.timedelta(seconds=1)
    for now in client.list_monitoring_executions(
        monitoring_schedule_name=summary.monitoring_schedule_name,
        scheduled_time_after=summary.scheduled_time - second,
        scheduled_time_before=summary.scheduled_time + second,
    ):
        if (
            now.scheduled_time == summary.scheduled_time
            and now.creation_time == summary.creation_time
        ):
            return now
    return summary


def _describe_execution_job(
    client: Client, summary: MonitoringExecutionSummary
) -> DescribeProcessingJobResponse:
    status = summary.monitoring_execution_status
    arn = summary.processing_job_arn
    if arn is None:
        raise ReportsUnavailable(
            f"the execution of {summary.monitoring_schedule_name!r} scheduled at "
            f"{summary.scheduled_time:%Y-%m-%d %H:%M} ({status.value}) launched no processing "
            "job, so it has no reports"
            + (f": {summary.failure_reason}" if summary.failure_reason else ""),
            status=status.value,
        )
    name = _job_name(arn)
    if status not in _FINISHED and status not in _ENDED:
        raise ReportsUnavailable(
            f"the execution of {summary.monitoring_schedule_name!r} scheduled at "
            f"{summary.scheduled_time:%Y-%m-%d %H:%M} is {status.value}: its reports are not "
            "written yet (wait for it, e.g. with client.wait_for_latest_monitoring_execution)",
            status=status.value,
            processing_job_name=name,
        )
    if name.startswith(_MERGE_JOB_PREFIX):
        raise ReportsUnavailable(
            f"the execution's processing job {name!r} is the ground-truth merge job, which "
            "writes no reports (list the executions again: a finished execution points at "
            "its analysis job)",
            status=status.value,
            processing_job_name=name,
        )
    return client.describe_processing_job(processing_job_name=name)


def _job_name(arn_or_name: str) -> str:
    """A processing job's name from its ARN (or the name itself)."""
    if not arn_or_name.startswith("arn:"):
        return arn_or_name
    parts = arn_or_name.split(":", 5)
    if len(parts) == 6 and parts[5].startswith("processing-job/") and len(parts[5]) > 15:
        return parts[5][len("processing-job/") :]
    raise ReportsUnavailable(f"{arn_or_name!r} is not a processing job ARN")


def _is_merge_job(name: str, job: DescribeProcessingJobResponse) -> bool:
    return name.startswith(_MERGE_JOB_PREFIX) or _MERGE_IMAGE in job.app_specification.image_uri


def _output_prefix(job: DescribeProcessingJobResponse) -> str:
    config = job.processing_output_config
    for output in config.outputs if config is not None else ():
        if output.s3_output is not None:
            return output.s3_output.s3_uri
    raise ReportsUnavailable(
        f"processing job {job.processing_job_name!r} has no S3 output, so it wrote no reports "
        "to S3",
        processing_job_name=job.processing_job_name,
    )


def _job_status(job: DescribeProcessingJobResponse) -> ExecutionStatus:
    """The execution status a processing job stands for (its exit message tells violations)."""
    status = job.processing_job_status
    if status is ProcessingJobStatus.COMPLETED:
        message = (job.exit_message or "").lstrip()
        if message.startswith(ExecutionStatus.COMPLETED_WITH_VIOLATIONS.value):
            return ExecutionStatus.COMPLETED_WITH_VIOLATIONS
        return ExecutionStatus.COMPLETED
    known = {s.value: s for s in ExecutionStatus}
    return known.get(status.value, ExecutionStatus.IN_PROGRESS)


def _schedule_name(job: DescribeProcessingJobResponse) -> str | None:
    arn = job.monitoring_schedule_arn
    if arn:
        return arn.rsplit("/", 1)[-1] or None
    environment = job.environment or {}
    return environment.get("sagemaker_monitoring_schedule_name") or None


def _schedule_type(client: Client, job: DescribeProcessingJobResponse) -> MonitoringType | None:
    """The monitoring type of the schedule that launched ``job`` (None: unknown or deleted)."""
    name = _schedule_name(job)
    if name is None:
        return None
    try:
        schedule = client.describe_monitoring_schedule(monitoring_schedule_name=name)
    except NotFoundError:
        return None
    return schedule.monitoring_type or schedule.monitoring_schedule_config.monitoring_type


# ----------------------------------------------------------------------------- baselines


def baseline_reports(
    client: Client,
    source: DescribeDataQualityJobDefinitionResponse
    | DescribeModelQualityJobDefinitionResponse
    | DescribeModelBiasJobDefinitionResponse
    | DescribeModelExplainabilityJobDefinitionResponse
    | DescribeMonitoringScheduleResponse
    | None = None,
    *,
    monitoring_schedule_name: str | None = None,
    job_definition_name: str | None = None,
    monitoring_type: MonitoringType | None = None,
    max_bytes: int = MAX_REPORT_BYTES,
) -> BaselineReports:
    """The baseline of a job definition or schedule (see ``Client.baseline_reports``)."""
    given = [x for x in (source, monitoring_schedule_name, job_definition_name) if x is not None]
    if len(given) != 1:
        raise TypeError(
            "baseline_reports() takes one of: a Describe…JobDefinition or DescribeMonitoringSchedule "
            "response, monitoring_schedule_name=, or job_definition_name= with monitoring_type="
        )
    if monitoring_schedule_name is not None:
        source = client.describe_monitoring_schedule(
            monitoring_schedule_name=monitoring_schedule_name
        )
    elif job_definition_name is not None:
        if monitoring_type is None:
            raise TypeError("baseline_reports(job_definition_name=...) needs monitoring_type=")
        source = _describe_definition(client, job_definition_name, monitoring_type)
    schedule_name: str | None = None
    if isinstance(source, DescribeMonitoringScheduleResponse):
        schedule_name = source.monitoring_schedule_name
        config = source.monitoring_schedule_config
        kind = source.monitoring_type or config.monitoring_type
        if config.monitoring_job_definition is not None:
            return _baseline(
                client,
                config.monitoring_job_definition.baseline_config,
                kind,
                schedule_name,
                None,
                max_bytes,
            )
        if config.monitoring_job_definition_name is None or kind is None:
            raise ReportsUnavailable(
                f"monitoring schedule {schedule_name!r} names no job definition and type"
            )
        source = _describe_definition(client, config.monitoring_job_definition_name, kind)
    baseline: _BaselineConfig | None
    if isinstance(source, DescribeDataQualityJobDefinitionResponse):
        kind, baseline = MonitoringType.DATA_QUALITY, source.data_quality_baseline_config
    elif isinstance(source, DescribeModelQualityJobDefinitionResponse):
        kind, baseline = MonitoringType.MODEL_QUALITY, source.model_quality_baseline_config
    elif isinstance(source, DescribeModelBiasJobDefinitionResponse):
        kind, baseline = MonitoringType.MODEL_BIAS, source.model_bias_baseline_config
    elif isinstance(source, DescribeModelExplainabilityJobDefinitionResponse):
        kind = MonitoringType.MODEL_EXPLAINABILITY
        baseline = source.model_explainability_baseline_config
    else:
        raise TypeError(
            "baseline_reports() takes a Describe…JobDefinitionResponse or a "
            f"DescribeMonitoringScheduleResponse, not {type(source).__name__}"
        )
    return _baseline(client, baseline, kind, schedule_name, source.job_definition_name, max_bytes)


def _describe_definition(
    client: Client, name: str, kind: MonitoringType
) -> _JobDefinitionDescription:
    if kind is MonitoringType.DATA_QUALITY:
        return client.describe_data_quality_job_definition(job_definition_name=name)
    if kind is MonitoringType.MODEL_QUALITY:
        return client.describe_model_quality_job_definition(job_definition_name=name)
    if kind is MonitoringType.MODEL_BIAS:
        return client.describe_model_bias_job_definition(job_definition_name=name)
    if kind is MonitoringType.MODEL_EXPLAINABILITY:
        return client.describe_model_explainability_job_definition(job_definition_name=name)
    raise ReportsUnavailable(f"no job definition kind is known for monitoring type {kind.value!r}")


_BaselineConfig: TypeAlias = (
    DataQualityBaselineConfig
    | ModelQualityBaselineConfig
    | ModelBiasBaselineConfig
    | ModelExplainabilityBaselineConfig
    | MonitoringBaselineConfig
)


def _baseline(
    client: Client,
    config: _BaselineConfig | None,
    kind: MonitoringType | None,
    schedule_name: str | None,
    definition_name: str | None,
    max_bytes: int,
) -> BaselineReports:
    constraints_uri = statistics_uri = None
    job_name = None
    if config is not None:
        job_name = config.baselining_job_name
        if config.constraints_resource is not None:
            constraints_uri = config.constraints_resource.s3_uri
        if isinstance(config, (DataQualityBaselineConfig, MonitoringBaselineConfig)):
            resource = config.statistics_resource
            statistics_uri = resource.s3_uri if resource is not None else None
    files = _EXECUTION_FILES.get(kind) if kind is not None else None

    def read(uri: str | None, model: type[Report] | None) -> Report | None:
        if uri is None:
            return None
        return read_report(client.s3_client, uri, model, max_bytes=max_bytes)

    clarify = kind in (MonitoringType.MODEL_BIAS, MonitoringType.MODEL_EXPLAINABILITY)
    statistics = read(statistics_uri, files.statistics if files else None)
    if clarify:
        constraints = read(constraints_uri, ClarifyAnalysis)
    else:
        constraints_model = files.constraints if files else None
        if kind is MonitoringType.MODEL_QUALITY:
            constraints_model = ModelQualityConstraints
        constraints = read(constraints_uri, constraints_model)
    return BaselineReports(
        monitoring_type=kind,
        monitoring_schedule_name=schedule_name,
        job_definition_name=definition_name,
        baselining_job_name=job_name,
        statistics_uri=statistics_uri,
        constraints_uri=constraints_uri,
        statistics=_kind(statistics, (DataQualityStatistics, ModelQualityStatistics)),
        constraints=_kind(constraints, (DataQualityConstraints, ModelQualityConstraints)),
        analysis=_kind(constraints, (ClarifyAnalysis,)),
    )


# ----------------------------------------------------------------------------- history


class ExecutionEntry:
    """One execution of a history: its summary now, its reports when asked for.

    Nothing is read until asked: :meth:`reports` and :meth:`violations` call
    ``DescribeProcessingJob`` once (cached) and read from S3 (cached);
    :attr:`violation_count` is 0 for a ``Completed`` execution without reading anything.
    """

    __module__ = "sagemon"
    __slots__ = ("_client", "_execution", "_max_bytes", "_reports", "_violations", "summary")

    def __init__(self, client: Client, summary: MonitoringExecutionSummary, max_bytes: int) -> None:
        self._client = client
        self._max_bytes = max_bytes
        self._execution: _Execution | None = None
        self._reports: ExecutionReports | None = None
        self._violations: tuple[AnyViolations | None] | None = None
        self.summary: MonitoringExecutionSummary = summary
        """The execution's summary, as listed."""

    @property
    def status(self) -> ExecutionStatus:
        return self.summary.monitoring_execution_status

    @property
    def scheduled_time(self) -> datetime.datetime:
        return self.summary.scheduled_time

    @property
    def finished(self) -> bool:
        """Whether it is ``Completed`` or ``CompletedWithViolations`` (it has reports)."""
        return self.status in _FINISHED

    def _resolved(self) -> _Execution:
        if self._execution is None:
            self._execution = _Execution.of(self._client, self.summary, None)
        return self._execution

    def reports(self) -> ExecutionReports:
        """Its reports, as :meth:`Client.execution_reports` reads them (once; then cached)."""
        if self._reports is None:
            self._reports = self._resolved().reports(self._max_bytes)
        return self._reports

    def violations(self) -> AnyViolations | None:
        """Its violations report only; ``None`` when it has none (not finished, failed…)."""
        if self._reports is not None:
            return self._reports.violations
        if self._violations is None:
            if not self.finished:
                self._violations = (None,)
            else:
                self._violations = (self._resolved().violations(self._max_bytes)[0],)
        return self._violations[0]

    @property
    def violation_count(self) -> int | None:
        """Violations found: 0 for ``Completed`` (nothing is read), the violations file's count
        for ``CompletedWithViolations``, ``None`` for an execution that has not finished."""
        if self.status is ExecutionStatus.COMPLETED:
            return 0
        if self.status is not ExecutionStatus.COMPLETED_WITH_VIOLATIONS:
            return None
        found = self.violations()
        return None if found is None else len(found)

    def metric(self, name: str) -> float | None:
        """A number from its ``statistics.json`` (see :meth:`ExecutionHistory.to_pandas`)."""
        if not self.finished:
            return None
        if self._reports is not None:
            statistics = self._reports.statistics
        else:
            statistics = self._resolved().statistics(self._max_bytes)
        return _metric(statistics, name)

    def __repr__(self) -> str:
        return (
            f"<ExecutionEntry {self.summary.monitoring_schedule_name!r} "
            f"{self.scheduled_time:%Y-%m-%d %H:%M} {self.status.value}>"
        )


def _metric(statistics: AnyStatistics | None, name: str) -> float | None:
    """``accuracy`` (model quality) or ``feature.statistic`` (data quality) from statistics."""
    if isinstance(statistics, ModelQualityStatistics):
        found = statistics.metric(name)
        return found.value if found is not None else None
    if isinstance(statistics, DataQualityStatistics):
        feature_name, _, statistic = name.rpartition(".")
        feature = statistics.feature(feature_name) if feature_name else None
        if feature is None:
            return None
        if statistic in ("completeness", "num_present", "num_missing"):
            value = getattr(feature, statistic)
        elif feature.numerical is not None and statistic in _NUMERICAL:
            value = getattr(feature.numerical, statistic)
        elif feature.string is not None and statistic == "distinct_count":
            value = feature.string.distinct_count
        else:
            return None
        return float(value) if value is not None else None
    return None


_NUMERICAL = ("mean", "sum", "std_dev", "min", "max")


class ExecutionHistory:
    """A schedule's executions, newest scheduled first, fetched page by page as iterated.

    Each item is an :class:`ExecutionEntry`; its reports are read only when asked for. Iterating
    again lists again (the history may have grown). ``to_pandas()`` needs pandas, ``plot()``
    matplotlib.
    """

    __module__ = "sagemon"

    def __init__(
        self,
        client: Client,
        monitoring_schedule_name: str,
        *,
        scheduled_after: datetime.datetime | None,
        scheduled_before: datetime.datetime | None,
        limit: int | None,
        page_size: int,
        max_bytes: int,
    ) -> None:
        self._client = client
        self.monitoring_schedule_name = monitoring_schedule_name
        self._after = scheduled_after
        self._before = scheduled_before
        self._limit = limit
        self._page_size = page_size
        self._max_bytes = max_bytes

    def __iter__(self) -> Iterator[ExecutionEntry]:
        if self._limit is not None and self._limit <= 0:
            return
        listed = _executions(
            self._client, self.monitoring_schedule_name, self._page_size, self._after, self._before
        )
        for count, summary in enumerate(listed, 1):
            yield ExecutionEntry(self._client, summary, self._max_bytes)
            if self._limit is not None and count >= self._limit:
                return

    def finished(self) -> Iterator[ExecutionEntry]:
        """Only the ``Completed`` and ``CompletedWithViolations`` executions."""
        return (entry for entry in self if entry.finished)

    def __repr__(self) -> str:
        limit = f" limit={self._limit}" if self._limit is not None else ""
        return f"<ExecutionHistory of {self.monitoring_schedule_name!r}{limit}>"

    def to_pandas(self, *, metric: str | None = None, violations: bool = True) -> pandas.DataFrame:
        """One row per execution: scheduled time, status, violations, job and failure reason.

        ``violations`` counts (reading the violations file of each ``CompletedWithViolations``
        execution; ``False``: no column, nothing read), as a nullable integer column (``Int64``:
        ``<NA>`` for an execution without a count). ``metric`` adds a float column read from each
        finished execution's ``statistics.json``: a model-quality metric (``"accuracy"``,
        ``"f1"``…) or ``"<feature>.<statistic>"`` for data quality (``completeness``, ``mean``,
        ``sum``, ``std_dev``, ``min``, ``max``, ``num_missing``, ``num_present``,
        ``distinct_count``); ``NaN`` where there is none. A file that cannot be fetched (expired
        by an S3 lifecycle rule, access denied: a :class:`~sagemon.errors.ReportFetchError`)
        gives ``<NA>``/``NaN`` in its row, logged as a warning, and the other rows are still
        read; ask the entry itself (:attr:`ExecutionEntry.violation_count`) to see the error.
        ``metric`` may not be one of the other columns' names (``ValidationError``). Needs
        ``pip install "sagemon[pandas]"``.
        """
        if metric is not None and metric in _COLUMNS:
            raise ValidationError(
                [
                    Problem(
                        "metric",
                        f"{metric!r} is the name of a column to_pandas() always has "
                        f"({', '.join(_COLUMNS)}); name a metric instead",
                    )
                ],
                "ExecutionHistory.to_pandas()",
            )
        try:
            import pandas
        except ImportError as exc:
            raise ImportError('to_pandas() needs pandas: pip install "sagemon[pandas]"') from exc
        rows = []
        for entry in self:
            row: dict[str, object] = {
                "scheduled_time": entry.scheduled_time,
                "status": entry.status.value,
            }
            if violations:
                row["violations"] = _or_none(entry, lambda e: e.violation_count)
            if metric is not None:
                row[metric] = _or_none(entry, lambda e: e.metric(metric))
            arn = entry.summary.processing_job_arn
            row["processing_job_name"] = arn.rsplit("/", 1)[-1] if arn else None
            row["failure_reason"] = entry.summary.failure_reason
            rows.append(row)
        columns = ["scheduled_time", "status"]
        columns += ["violations"] if violations else []
        columns += [metric] if metric is not None else []
        columns += ["processing_job_name", "failure_reason"]
        frame: pandas.DataFrame = pandas.DataFrame(rows, columns=columns)
        if violations:
            frame["violations"] = frame["violations"].astype("Int64")
        if metric is not None:
            frame[metric] = frame[metric].astype("float64")
        return frame

    def plot(
        self, metric: str | None = None, *, ax: matplotlib.axes.Axes | None = None
    ) -> matplotlib.axes.Axes:
        """Plot violation counts (default) or ``metric`` (as in :meth:`to_pandas`) over
        scheduled time, oldest left; returns the matplotlib Axes. Executions without a value,
        or whose file cannot be fetched (logged as a warning, as in :meth:`to_pandas`), are left
        out. Needs ``pip install "sagemon[plot]"``.
        """
        try:
            import matplotlib.pyplot as plt
        except ImportError as exc:
            raise ImportError('plot() needs matplotlib: pip install "sagemon[plot]"') from exc
        points: list[tuple[datetime.datetime, float]] = []
        for entry in self:
            value = _or_none(
                entry, lambda e: e.violation_count if metric is None else e.metric(metric)
            )
            if value is not None:
                points.append((entry.scheduled_time, float(value)))
        points.reverse()
        if ax is None:
            _, ax = plt.subplots()
        # matplotlib plots datetimes through its converters; its stubs type only numbers.
        draw: Callable[..., object] = ax.plot
        draw(
            [t for t, _ in points],
            [v for _, v in points],
            marker="o",
            drawstyle="steps-post" if metric is None else "default",
        )
        ax.set_title(f"{self.monitoring_schedule_name}: {metric or 'violations'}")
        ax.set_xlabel("scheduled time")
        ax.set_ylabel(metric or "violations")
        return ax


_COLUMNS = ("scheduled_time", "status", "violations", "processing_job_name", "failure_reason")
"""The columns ``ExecutionHistory.to_pandas()`` makes besides a metric's."""


def _or_none(
    entry: ExecutionEntry, value: Callable[[ExecutionEntry], float | int | None]
) -> float | int | None:
    """``value(entry)``, or ``None`` (with a warning) when a file cannot be fetched from S3."""
    try:
        return value(entry)
    except ReportFetchError as exc:
        log.warning("%r: left empty: %s", entry, exc)
        return None


def execution_history(
    client: Client,
    monitoring_schedule_name: str,
    *,
    scheduled_after: datetime.datetime | None = None,
    scheduled_before: datetime.datetime | None = None,
    limit: int | None = None,
    page_size: int = 100,
    max_bytes: int = MAX_REPORT_BYTES,
) -> ExecutionHistory:
    """A lazy history of the schedule's executions (see ``Client.execution_history``)."""
    return ExecutionHistory(
        client,
        monitoring_schedule_name,
        scheduled_after=scheduled_after,
        scheduled_before=scheduled_before,
        limit=limit,
        page_size=page_size,
        max_bytes=max_bytes,
    )
