"""The stateful fake behind the local SageMaker.

It serves the 16 operations moto lacks (monitoring schedules, executions, alerts, optimization
jobs) and processing jobs (which moto describes without their resources), and corrects moto
where it departs from the documentation for job definitions. Requests and responses are wire
dicts, exactly as boto3 passes and returns them.
"""

from __future__ import annotations

import datetime
import logging
import re
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sagemon._coerce import timestamp
from sagemon._generated.operations import OPERATIONS
from sagemon._generated.shapes import (
    DescribeOptimizationJobResponse,
    DescribeProcessingJobResponse,
)
from sagemon._spec import spec_of
from sagemon._wire import validate_wire
from sagemon.errors import SagemonError, ValidationError
from sagemon.testing import _jobs

if TYPE_CHECKING:
    from sagemon.testing._clock import FakeClock
    from sagemon.testing._jobs import Storage, ViolationRequest
    from sagemon.testing._moto import MotoDefinitions

__all__ = ["FakeError", "FakeSageMaker", "SimulationError"]

UTC = datetime.timezone.utc
_logger = logging.getLogger("sagemon.testing")
Wire = dict[str, Any]

_RECOMMENDED_IMAGE = "763104351884.dkr.ecr.{}.amazonaws.com/djl-inference:0.31.0-lmi13.0.0-cu124"
JOB_DEFINITION_KINDS = ("ModelQuality", "ModelExplainability", "DataQuality", "ModelBias")
_SCHEDULE_HINTS = {
    "Pending": "advance the clock past its activation, or wait_for_monitoring_schedule() first",
    "Stopped": "start_monitoring_schedule() first",
    "Failed": "update_monitoring_schedule() first",
}
_OPTIMIZATION_TYPES = {
    "ModelQuantizationConfig": "Quantization",
    "ModelCompilationConfig": "Compilation",
    "ModelShardingConfig": "Sharding",
    "ModelSpeculativeDecodingConfig": "SpeculativeDecoding",
}


class FakeError(Exception):
    """An error response: HTTP status, AWS error code and message."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


class SimulationError(SagemonError, ValueError):
    """A simulation the local SageMaker cannot run: an unknown resource, a state that forbids it.

    Raised by :class:`~sagemon.testing.LocalSageMaker`'s simulation methods
    (``run_execution``, ``fail_schedule``, ``set_optimization_outcome``), never by an operation:
    those answer as SageMaker would.
    """

    __module__ = "sagemon.testing"


def _not_found(what: str) -> FakeError:
    return FakeError("ResourceNotFound", f"Could not find {what}.")


@dataclass
class _Timeline:
    """Status changes at clock times; the status at a time is the last change at or before it."""

    changes: list[tuple[datetime.datetime, str]]

    def status(self, now: datetime.datetime) -> str:
        current = self.changes[0][1]
        for at, status in self.changes:
            if at <= now:
                current = status
        return current

    def since(self, now: datetime.datetime) -> datetime.datetime:
        """When the current status began."""
        return max(at for at, _status in self.changes if at <= now)

    def when(self, status: str, now: datetime.datetime) -> datetime.datetime | None:
        return next((at for at, s in self.changes if s == status and at <= now), None)

    def replace_future(
        self, now: datetime.datetime, *changes: tuple[datetime.datetime, str]
    ) -> None:
        self.changes = [c for c in self.changes if c[0] <= now] + list(changes)


@dataclass
class _Schedule:
    uid: str  # names can be reused after a delete; executions belong to one schedule
    name: str
    arn: str
    config: Wire
    created: datetime.datetime
    modified: datetime.datetime
    timeline: _Timeline
    monitoring_type: str
    endpoint_name: str | None
    definition_name: str | None
    failure_reason: str | None = None
    alerts: dict[str, _Alert] = field(default_factory=dict)
    tags: list[Wire] = field(default_factory=list)


@dataclass
class _Alert:
    name: str
    created: datetime.datetime
    modified: datetime.datetime
    datapoints: int = 1
    period: int = 1


@dataclass
class _Execution:
    schedule: str
    schedule_uid: str
    scheduled: datetime.datetime
    created: datetime.datetime
    timeline: _Timeline
    processing_job_arn: str
    endpoint_name: str | None
    definition_name: str | None
    monitoring_type: str
    failure_reason: str | None
    merge_job_arn: str | None = None
    analysis_created: datetime.datetime | None = None

    def job_arn(self, now: datetime.datetime) -> str:
        """The job the summary names: the merge job until the analysis job starts."""
        pending = self.analysis_created is not None and now < self.analysis_created
        if self.merge_job_arn is not None and pending:
            return self.merge_job_arn
        return self.processing_job_arn


@dataclass
class _ProcessingJob:
    name: str
    arn: str
    request: Wire
    created: datetime.datetime
    timeline: _Timeline
    started: datetime.datetime | None = None
    exit_messages: dict[str, str] = field(default_factory=dict)  # by final status
    failure_reason: str | None = None
    outputs: dict[str, bytes] = field(default_factory=dict)  # S3 URI -> body, on Completed
    written: bool = False
    tags: list[Wire] = field(default_factory=list)


@dataclass
class _OptimizationJob:
    name: str
    arn: str
    request: Wire
    created: datetime.datetime
    timeline: _Timeline
    failure_reason: str | None
    tags: list[Wire] = field(default_factory=list)


class FakeSageMaker:
    """State and behaviour of the local SageMaker, driven by a :class:`FakeClock`.

    ``handle(operation, params)`` returns the response body, ``None`` to let moto answer, or
    raises :class:`FakeError`. The timings below are the simulated durations, in seconds.
    """

    schedule_activation = 5.0
    execution_start = 1.0
    execution_duration = 60.0
    optimization_start = 10.0
    optimization_duration = 300.0
    optimization_stop = 5.0
    processing_start = 1.0
    processing_duration = 60.0

    def __init__(
        self, clock: FakeClock, region: str, account_id: str, definitions: MotoDefinitions
    ) -> None:
        self.clock = clock
        self.region = region
        self.account_id = account_id
        self.definitions = definitions
        self.schedules: dict[str, _Schedule] = {}
        self.executions: list[_Execution] = []
        self.optimization_jobs: dict[str, _OptimizationJob] = {}
        self.processing_jobs: dict[str, _ProcessingJob] = {}
        self.storage: Storage | None = None  # the local S3, set by LocalSageMaker
        self._outcomes: dict[str | None, tuple[str, str | None]] = {}
        self._tokens: dict[str, tuple[str, int]] = {}  # NextToken -> (listing, offset)
        self._lock = threading.RLock()
        self._handlers: dict[str, Callable[[Wire], Wire | None]] = {
            name: getattr(self, "_" + op.method)
            for name, op in OPERATIONS.items()
            if hasattr(self, "_" + op.method)
        }
        self._tag_handlers: dict[str, Callable[[Wire], Wire | None]] = {
            "AddTags": self._add_tags,
            "ListTags": self._list_tags,
            "DeleteTags": self._delete_tags,
        }
        for kind in JOB_DEFINITION_KINDS:
            self._handlers[f"Create{kind}JobDefinition"] = self._create_definition(kind)
            self._handlers[f"Describe{kind}JobDefinition"] = self._describe_definition(kind)
            self._handlers[f"List{kind}JobDefinitions"] = self._list_definitions(kind)

    @property
    def operations(self) -> frozenset[str]:
        """The operations this fake answers (the rest go to moto): sagemon's, and the tag
        operations for the resources it holds."""
        return frozenset(self._handlers) | TAG_OPERATIONS

    @property
    def lock(self) -> threading.RLock:
        """The lock every operation holds: one client may be shared across threads, as a boto3
        client can, and an HTTP server answers each request in its own thread."""
        return self._lock

    def handle(self, operation: str, params: Wire) -> Wire | None:
        """Answer as SageMaker would, rejecting what breaks a constraint or a documented rule."""
        if operation in TAG_OPERATIONS:
            problems = _tag_problems(operation, params)
            if problems:
                raise FakeError("ValidationException", "; ".join(problems))
            with self._lock:
                return self._tag_handlers[operation](params)
        try:
            validate_wire(OPERATIONS[operation].input, params)
        except ValidationError as exc:
            raise FakeError("ValidationException", "; ".join(map(str, exc.problems))) from exc
        with self._lock:
            self.settle()
            return self._handlers[operation](params)

    def settle(self) -> None:
        """Write the files of the processing jobs that have completed by now (once each)."""
        with self._lock:
            now = self.clock.now()
            for job in list(self.processing_jobs.values()):
                if job.written or not job.outputs or job.timeline.status(now) != "Completed":
                    continue
                job.written = True
                if self.storage is None:
                    continue
                for uri, body in job.outputs.items():
                    try:
                        self.storage.put(uri, body)
                    except Exception as exc:  # the job's upload failed; the test sees a warning
                        _logger.warning("local SageMaker could not write %s: %s", uri, exc)

    # ------------------------------------------------------------------------- helpers

    def _arn(self, kind: str, name: str) -> str:
        return f"arn:aws:sagemaker:{self.region}:{self.account_id}:{kind}/{name.lower()}"

    def _schedule(self, name: str) -> _Schedule:
        found = self.schedules.get(name)
        if found is None:
            raise _not_found(f"monitoring schedule {name!r}")
        return found

    def _job(self, name: str) -> _OptimizationJob:
        found = self.optimization_jobs.get(name)
        if found is None:
            raise _not_found(f"optimization job {name!r}")
        return found

    # ------------------------------------------------------------------------- schedules

    def _create_monitoring_schedule(self, params: Wire) -> Wire:
        name = params["MonitoringScheduleName"]
        taken = _same_name(self.schedules, name)
        if taken is not None:
            raise FakeError("ResourceInUse", f"Monitoring schedule {taken!r} already exists.")
        record = self._schedule_from(name, params["MonitoringScheduleConfig"])
        record.tags = _tag_list(params)
        self.schedules[name] = record
        alert = f"{record.monitoring_type}-violations".replace("Quality", "-quality").lower()
        record.alerts[alert] = _Alert(alert, record.created, record.created)
        return {"MonitoringScheduleArn": record.arn}

    def _schedule_from(self, name: str, config: Wire) -> _Schedule:
        now = self.clock.now()
        inline = config.get("MonitoringJobDefinition")
        definition = config.get("MonitoringJobDefinitionName")
        monitoring_type = config.get("MonitoringType", "DataQuality")
        if inline is not None:
            endpoint = inline["MonitoringInputs"][0].get("EndpointInput", {}).get("EndpointName")
        elif definition is not None:
            described = self.definitions.describe(monitoring_type, definition)
            if described is None:
                raise FakeError(
                    "ValidationException",
                    f"{monitoring_type} job definition {definition!r} does not exist.",
                )
            endpoint = (
                described[f"{monitoring_type}JobInput"].get("EndpointInput", {}).get("EndpointName")
            )
        else:
            raise FakeError(
                "ValidationException",
                "MonitoringScheduleConfig needs MonitoringJobDefinition"
                " or MonitoringJobDefinitionName.",
            )
        return _Schedule(
            uid=uuid.uuid4().hex,
            name=name,
            arn=self._arn("monitoring-schedule", name),
            config=config,
            created=now,
            modified=now,
            timeline=_Timeline(
                [(now, "Pending"), (now + _s(self.schedule_activation), "Scheduled")]
            ),
            monitoring_type=monitoring_type,
            endpoint_name=endpoint,
            definition_name=definition,
        )

    def _describe_monitoring_schedule(self, params: Wire) -> Wire:
        record = self._schedule(params["MonitoringScheduleName"])
        now = self.clock.now()
        out = {
            "MonitoringScheduleArn": record.arn,
            "MonitoringScheduleName": record.name,
            "MonitoringScheduleStatus": record.timeline.status(now),
            "MonitoringType": record.monitoring_type,
            "CreationTime": record.created,
            "LastModifiedTime": max(record.modified, record.timeline.since(now)),
            "MonitoringScheduleConfig": record.config,
        }
        if record.failure_reason and out["MonitoringScheduleStatus"] == "Failed":
            out["FailureReason"] = record.failure_reason
        if record.endpoint_name:
            out["EndpointName"] = record.endpoint_name
        runs = [x for x in self.executions if x.schedule_uid == record.uid and x.created <= now]
        if runs:
            out["LastMonitoringExecutionSummary"] = self._execution_summary(
                max(runs, key=lambda x: x.scheduled)
            )
        return out

    def _update_monitoring_schedule(self, params: Wire) -> Wire:
        record = self._schedule(params["MonitoringScheduleName"])
        updated = self._schedule_from(record.name, params["MonitoringScheduleConfig"])
        now = self.clock.now()
        record.config = updated.config
        record.monitoring_type = updated.monitoring_type
        record.endpoint_name = updated.endpoint_name
        record.definition_name = updated.definition_name
        record.modified = now
        if record.timeline.status(now) != "Stopped":
            record.timeline.replace_future(
                now, (now, "Pending"), (now + _s(self.schedule_activation), "Scheduled")
            )
        return {"MonitoringScheduleArn": record.arn}

    def _delete_monitoring_schedule(self, params: Wire) -> Wire:
        record = self._schedule(params["MonitoringScheduleName"])
        del self.schedules[record.name]  # its executions stay listed, as documented
        return {}

    def _start_monitoring_schedule(self, params: Wire) -> Wire:
        record = self._schedule(params["MonitoringScheduleName"])
        now = self.clock.now()
        record.timeline.replace_future(now, (now, "Scheduled"))
        return {}

    def _stop_monitoring_schedule(self, params: Wire) -> Wire:
        record = self._schedule(params["MonitoringScheduleName"])
        now = self.clock.now()
        record.timeline.replace_future(now, (now, "Stopped"))
        return {}

    def _list_monitoring_schedules(self, params: Wire) -> Wire:
        now = self.clock.now()
        rows = []
        for record in self.schedules.values():
            row = {
                "MonitoringScheduleName": record.name,
                "MonitoringScheduleArn": record.arn,
                "CreationTime": record.created,
                "LastModifiedTime": max(record.modified, record.timeline.since(now)),
                "MonitoringScheduleStatus": record.timeline.status(now),
                "MonitoringType": record.monitoring_type,
            }
            if record.endpoint_name:
                row["EndpointName"] = record.endpoint_name
            if record.definition_name:
                row["MonitoringJobDefinitionName"] = record.definition_name
            rows.append(row)
        rows = _filter(
            rows,
            params,
            name="MonitoringScheduleName",
            equal={
                "EndpointName": "EndpointName",
                "StatusEquals": "MonitoringScheduleStatus",
                "MonitoringJobDefinitionName": "MonitoringJobDefinitionName",
                "MonitoringTypeEquals": "MonitoringType",
            },
        )
        return self._page(
            rows, params, "MonitoringScheduleSummaries", 10, "MonitoringScheduleName", "Descending"
        )

    # ------------------------------------------------------------------------- executions

    def run_execution(
        self,
        schedule: str,
        status: str,
        *,
        failure_reason: str | None,
        duration: float | None,
        scheduled_time: datetime.datetime | None,
        violations: list[ViolationRequest] | None = None,
        statistics: Wire | None = None,
    ) -> Wire:
        if status not in ("Completed", "CompletedWithViolations", "Failed", "Stopped"):
            raise SimulationError(
                "an execution ends Completed, CompletedWithViolations, Failed or Stopped,"
                f" not {status!r}"
            )
        if violations is not None and status != "CompletedWithViolations":
            raise SimulationError(
                f"only a CompletedWithViolations execution has violations, not a {status} one"
            )
        if violations is not None and not violations:
            raise SimulationError(
                "a CompletedWithViolations execution has at least one violation"
                " (leave violations out for the default one)"
            )
        if statistics is not None and status not in ("Completed", "CompletedWithViolations"):
            raise SimulationError(f"a {status} execution writes no statistics")
        with self._lock:
            record = self._simulated_schedule(schedule)
            current = record.timeline.status(self.clock.now())
            if current != "Scheduled":
                raise SimulationError(
                    f"monitoring schedule {record.name!r} is {current}; only a Scheduled"
                    f" schedule runs executions ({_SCHEDULE_HINTS[current]})"
                )
            return self._run(
                record, status, failure_reason, duration, scheduled_time, violations, statistics
            )

    def fail_schedule(self, schedule: str, reason: str) -> None:
        with self._lock:
            record = self._simulated_schedule(schedule)
            now = self.clock.now()
            record.timeline.replace_future(now, (now, "Failed"))
            record.failure_reason = reason

    def _simulated_schedule(self, name: str) -> _Schedule:
        found = self.schedules.get(name)
        if found is None:
            raise SimulationError(f"there is no monitoring schedule {name!r}")
        return found

    def _run(
        self,
        record: _Schedule,
        status: str,
        failure_reason: str | None,
        duration: float | None,
        scheduled_time: datetime.datetime | None,
        violations: list[ViolationRequest] | None,
        statistics: Wire | None,
    ) -> Wire:
        now = self.clock.now()
        end = now + _s(self.execution_duration if duration is None else duration)
        start = min(now + _s(self.execution_start), end)
        scheduled = _aware(scheduled_time) if scheduled_time is not None else now
        reason = (failure_reason or "Simulated failure.") if status == "Failed" else None
        spec = self._job_spec(record)
        merge, analysis, report_uri = _jobs.execution_jobs(
            spec,
            schedule=record.name,
            schedule_arn=record.arn,
            scheduled=scheduled,
            region=self.region,
            account=self.account_id,
            token=uuid.uuid4().hex[:24],
        )
        # The ground-truth merge job takes the first half of the run, the analysis the rest.
        analysis_start = start + (end - start) / 2 if merge is not None else now
        merge_arn = None
        if merge is not None:
            merge_job = self._processing_job(
                merge, now, start, analysis_start, "Completed", "Completed: Job completed."
            )
            merge_arn = merge_job.arn
        if status == "CompletedWithViolations" and violations is None:
            violations = [_jobs.default_violation(record.monitoring_type, spec, self.storage)]
        final = {"CompletedWithViolations": "Completed"}.get(status, status)
        count = len(violations or ())
        exit_message = (
            f"CompletedWithViolations: Job completed successfully with {count} violations."
            if count
            else "Completed: Job completed successfully with no violations."
        )
        job = self._processing_job(
            analysis,
            analysis_start,
            max(start, analysis_start),
            end,
            final,
            exit_message if final == "Completed" else None,
            failure_reason=reason,
        )
        if final == "Completed":
            job.outputs = _jobs.execution_outputs(
                spec,
                report_uri,
                violations=violations,
                statistics=statistics,
                storage=self.storage,
                evaluation_time=end,
            )
        run = _Execution(
            schedule=record.name,
            schedule_uid=record.uid,
            scheduled=scheduled,
            created=now,
            timeline=_Timeline([(now, "Pending"), (start, "InProgress"), (end, status)]),
            processing_job_arn=job.arn,
            endpoint_name=record.endpoint_name,
            definition_name=record.definition_name,
            monitoring_type=record.monitoring_type,
            failure_reason=reason,
            merge_job_arn=merge_arn,
            analysis_created=analysis_start,
        )
        self.executions.append(run)
        self.settle()
        return self._execution_summary(run)

    def _job_spec(self, record: _Schedule) -> _jobs.JobSpec:
        """What the schedule's job definition (named or inline) says, as of now."""
        inline = record.config.get("MonitoringJobDefinition")
        if inline is not None:
            return _jobs.spec_of_inline(record.monitoring_type, inline)
        assert record.definition_name is not None
        described = self.definitions.describe(record.monitoring_type, record.definition_name)
        if described is None:
            raise SimulationError(
                f"the {record.monitoring_type} job definition {record.definition_name!r} of"
                f" monitoring schedule {record.name!r} no longer exists"
            )
        return _jobs.spec_of_definition(record.monitoring_type, described)

    def _processing_job(
        self,
        request: Wire,
        created: datetime.datetime,
        started: datetime.datetime,
        ended: datetime.datetime,
        final: str,
        exit_message: str | None,
        *,
        failure_reason: str | None = None,
    ) -> _ProcessingJob:
        name = request["ProcessingJobName"]
        changes = [(created, "InProgress"), (ended, final)]
        if final == "Stopped":
            changes.insert(1, (ended, "Stopping"))
        job = _ProcessingJob(
            name=name,
            arn=self._arn("processing-job", name),
            request=request,
            created=created,
            timeline=_Timeline(changes),
            started=started,
            exit_messages={final: exit_message} if exit_message else {},
            failure_reason=failure_reason if final == "Failed" else None,
        )
        self.processing_jobs[name] = job
        return job

    def _execution_summary(self, run: _Execution) -> Wire:
        now = self.clock.now()
        status = run.timeline.status(now)
        out: Wire = {
            "MonitoringScheduleName": run.schedule,
            "ScheduledTime": run.scheduled,
            "CreationTime": run.created,
            "LastModifiedTime": run.timeline.since(now),
            "MonitoringExecutionStatus": status,
            "ProcessingJobArn": run.job_arn(now),
            "MonitoringType": run.monitoring_type,
        }
        if run.endpoint_name:
            out["EndpointName"] = run.endpoint_name
        if run.definition_name:
            out["MonitoringJobDefinitionName"] = run.definition_name
        if status == "Failed" and run.failure_reason:
            out["FailureReason"] = run.failure_reason
        return out

    def _list_monitoring_executions(self, params: Wire) -> Wire:
        now = self.clock.now()
        rows = [self._execution_summary(x) for x in self.executions if x.created <= now]
        rows = _filter(
            rows,
            params,
            equal={
                "MonitoringScheduleName": "MonitoringScheduleName",
                "EndpointName": "EndpointName",
                "StatusEquals": "MonitoringExecutionStatus",
                "MonitoringJobDefinitionName": "MonitoringJobDefinitionName",
                "MonitoringTypeEquals": "MonitoringType",
            },
            times={"Scheduled": "ScheduledTime"},
        )
        return self._page(
            rows, params, "MonitoringExecutionSummaries", 10, "ScheduledTime", "Descending"
        )

    # ------------------------------------------------------------------------- alerts

    def _alert_history(
        self, record: _Schedule, alert: _Alert
    ) -> list[tuple[datetime.datetime, str]]:
        """Replay finished executions: InAlert when enough of the last ``period`` violated."""
        now = self.clock.now()
        finished = []
        for run in self.executions:
            if run.schedule_uid != record.uid:
                continue
            status = run.timeline.status(now)
            if status in ("Completed", "CompletedWithViolations", "Failed"):
                finished.append((run.timeline.since(now), status == "CompletedWithViolations"))
        finished.sort()
        history: list[tuple[datetime.datetime, str]] = []
        current = "OK"
        for index, (at, _violated) in enumerate(finished):
            window = finished[max(0, index + 1 - alert.period) : index + 1]
            status = "InAlert" if sum(v for _t, v in window) >= alert.datapoints else "OK"
            if status != current:
                history.append((at, status))
                current = status
        return history

    def _list_monitoring_alerts(self, params: Wire) -> Wire:
        record = self._schedule(params["MonitoringScheduleName"])
        rows = []
        for alert in record.alerts.values():
            history = self._alert_history(record, alert)
            rows.append(
                {
                    "MonitoringAlertName": alert.name,
                    "CreationTime": alert.created,
                    "LastModifiedTime": max([alert.modified, *(at for at, _s in history)]),
                    "AlertStatus": history[-1][1] if history else "OK",
                    "DatapointsToAlert": alert.datapoints,
                    "EvaluationPeriod": alert.period,
                    "Actions": {"ModelDashboardIndicator": {"Enabled": True}},
                }
            )
        return self._page(
            rows, params, "MonitoringAlertSummaries", 100, "CreationTime", "Descending"
        )

    def _update_monitoring_alert(self, params: Wire) -> Wire:
        record = self._schedule(params["MonitoringScheduleName"])
        alert = record.alerts.get(params["MonitoringAlertName"])
        if alert is None:
            raise _not_found(f"monitoring alert {params['MonitoringAlertName']!r}")
        alert.datapoints = params["DatapointsToAlert"]
        alert.period = params["EvaluationPeriod"]
        alert.modified = self.clock.now()
        return {"MonitoringScheduleArn": record.arn, "MonitoringAlertName": alert.name}

    def _list_monitoring_alert_history(self, params: Wire) -> Wire:
        if "MonitoringScheduleName" in params:
            schedules = [self._schedule(params["MonitoringScheduleName"])]
        else:
            schedules = list(self.schedules.values())
        rows = []
        for record in schedules:
            for alert in record.alerts.values():
                rows += [
                    {
                        "MonitoringScheduleName": record.name,
                        "MonitoringAlertName": alert.name,
                        "CreationTime": at,
                        "AlertStatus": status,
                    }
                    for at, status in self._alert_history(record, alert)
                ]
        rows = _filter(
            rows,
            params,
            equal={"MonitoringAlertName": "MonitoringAlertName", "StatusEquals": "AlertStatus"},
        )
        return self._page(
            rows,
            params,
            "MonitoringAlertHistory",
            100,
            "CreationTime",
            "Descending",
            status="AlertStatus",
        )

    # ------------------------------------------------------------------------- processing jobs

    def _create_processing_job(self, params: Wire) -> Wire:
        name = params["ProcessingJobName"]
        taken = _same_name(self.processing_jobs, name)
        if taken is not None:
            raise FakeError("ResourceInUse", f"Processing job {taken!r} already exists.")
        now = self.clock.now()
        started = now + _s(self.processing_start)
        ended = started + _s(self.processing_duration)
        outputs: dict[str, bytes] = {}
        final, message, reason = "Completed", None, None
        if _jobs.is_baselining(params):
            try:
                outputs = _jobs.baseline_outputs(params, self.storage)
            except (ValueError, KeyError, IndexError) as exc:
                final = "Failed"
                reason = f"AlgorithmError: the baseline dataset could not be analysed ({exc})"
            else:
                message = "Completed: Job completed successfully with no violations."
        elif _jobs.is_clarify(params):
            outputs = _jobs.clarify_outputs(params, self.storage)
            message = "Completed: SageMaker XAI Analyzer ran successfully"
        job = self._processing_job(
            params, now, started, ended, final, message, failure_reason=reason
        )
        job.outputs = outputs
        job.tags = _tag_list(params)
        return {"ProcessingJobArn": job.arn}

    def _describe_processing_job(self, params: Wire) -> Wire:
        name = params["ProcessingJobName"]
        now = self.clock.now()
        job = self.processing_jobs.get(name)
        if job is None or job.created > now:
            raise _not_found(f"processing job {name!r}")
        status = job.timeline.status(now)
        out: Wire = {
            key: job.request[key]
            for key in spec_of(DescribeProcessingJobResponse).by_wire
            if key in job.request  # the request's members the description repeats
        }
        out.update(
            ProcessingJobArn=job.arn,
            ProcessingJobStatus=status,
            CreationTime=job.created,
            LastModifiedTime=job.timeline.since(now),
        )
        if job.started is not None and job.started <= now:
            out["ProcessingStartTime"] = job.started
        if status in ("Completed", "Failed", "Stopped"):
            out["ProcessingEndTime"] = job.timeline.since(now)
            if status in job.exit_messages:
                out["ExitMessage"] = job.exit_messages[status]
        if status == "Failed" and job.failure_reason:
            out["FailureReason"] = job.failure_reason
        return out

    # ------------------------------------------------------------------------- optimization jobs

    def set_optimization_outcome(self, name: str | None, status: str, reason: str | None) -> None:
        if status not in ("COMPLETED", "FAILED"):
            raise SimulationError(
                "an optimization job ends COMPLETED or FAILED (stop it to get STOPPED)"
            )
        with self._lock:
            self._outcomes[name] = (status, reason)

    def _create_optimization_job(self, params: Wire) -> Wire:
        name = params["OptimizationJobName"]
        taken = _same_name(self.optimization_jobs, name)
        if taken is not None:
            raise FakeError("ResourceInUse", f"Optimization job {taken!r} already exists.")
        if name in self._outcomes:
            status, reason = self._outcomes.pop(name)
        else:
            status, reason = self._outcomes.pop(None, ("COMPLETED", None))
        now = self.clock.now()
        started = now + _s(self.optimization_start)
        ended = started + _s(self.optimization_duration)
        job = _OptimizationJob(
            name=name,
            arn=self._arn("optimization-job", name),
            request=params,
            created=now,
            timeline=_Timeline([(now, "STARTING"), (started, "INPROGRESS"), (ended, status)]),
            failure_reason=(reason or "Simulated failure.") if status == "FAILED" else None,
            tags=_tag_list(params),
        )
        self.optimization_jobs[name] = job
        return {"OptimizationJobArn": job.arn}

    def _job_view(self, job: _OptimizationJob) -> Wire:
        now = self.clock.now()
        status = job.timeline.status(now)
        out: Wire = {
            "OptimizationJobArn": job.arn,
            "OptimizationJobName": job.name,
            "OptimizationJobStatus": status,
            "CreationTime": job.created,
            "LastModifiedTime": job.timeline.since(now),
            "DeploymentInstanceType": job.request["DeploymentInstanceType"],
        }
        started = job.timeline.when("INPROGRESS", now)
        if started is not None:
            out["OptimizationStartTime"] = started
        if status in ("COMPLETED", "FAILED", "STOPPED"):
            out["OptimizationEndTime"] = job.timeline.since(now)
        if "MaxInstanceCount" in job.request:
            out["MaxInstanceCount"] = job.request["MaxInstanceCount"]
        return out

    def _describe_optimization_job(self, params: Wire) -> Wire:
        job = self._job(params["OptimizationJobName"])
        out = self._job_view(job)
        for key in spec_of(DescribeOptimizationJobResponse).by_wire:
            if key in job.request:  # the request's members the description repeats
                out.setdefault(key, job.request[key])
        if out["OptimizationJobStatus"] == "FAILED":
            out["FailureReason"] = job.failure_reason
        if out["OptimizationJobStatus"] == "COMPLETED":
            out["OptimizationOutput"] = {
                "RecommendedInferenceImage": _RECOMMENDED_IMAGE.format(self.region)
            }
        return out

    def _list_optimization_jobs(self, params: Wire) -> Wire:
        rows = []
        for job in self.optimization_jobs.values():
            row = self._job_view(job)
            row["OptimizationTypes"] = [
                _OPTIMIZATION_TYPES[key]
                for config in job.request["OptimizationConfigs"]
                for key in config
            ]
            rows.append(row)
        contains = params.get("OptimizationContains")
        if contains is not None:
            rows = [r for r in rows if any(contains in t for t in r["OptimizationTypes"])]
        rows = _filter(
            rows,
            params,
            name="OptimizationJobName",
            equal={"StatusEquals": "OptimizationJobStatus"},
        )
        return self._page(
            rows,
            params,
            "OptimizationJobSummaries",
            50,
            "OptimizationJobName",
            "Ascending",
            status="OptimizationJobStatus",
        )

    def _stop_optimization_job(self, params: Wire) -> Wire:
        job = self._job(params["OptimizationJobName"])
        now = self.clock.now()
        status = job.timeline.status(now)
        if status in ("COMPLETED", "FAILED"):
            raise FakeError(
                "ValidationException", f"Optimization job {job.name!r} is already {status}."
            )
        if status in ("STARTING", "INPROGRESS"):
            job.timeline.replace_future(
                now, (now, "STOPPING"), (now + _s(self.optimization_stop), "STOPPED")
            )
        return {}

    def _delete_optimization_job(self, params: Wire) -> Wire:
        job = self._job(params["OptimizationJobName"])
        del self.optimization_jobs[job.name]
        return {}

    def _page(
        self,
        rows: list[Wire],
        params: Wire,
        key: str,
        default_size: int,
        name: str,
        default_order: str,
        *,
        status: str | None = None,
        unsorted: bool = False,
    ) -> Wire:
        """Sort (SortBy/SortOrder, default CreationTime) and cut one page (MaxResults/NextToken)."""
        sort_keys: dict[str, Callable[[Wire], Any]] = {
            "Name": lambda r: r[name],
            "CreationTime": lambda r: r["CreationTime"],
            "ScheduledTime": lambda r: r["ScheduledTime"],
            "Status": lambda r: r[status or next(k for k in r if k.endswith("Status"))],
        }
        if not unsorted:
            sort_by = params.get("SortBy", "CreationTime")
            rows = sorted(rows, key=lambda r: r.get(name, ""))
            rows.sort(
                key=sort_keys[sort_by],
                reverse=params.get("SortOrder", default_order) == "Descending",
            )
        token = params.get("NextToken")
        start = 0
        if token:  # an empty token asks for the first page
            # Only a token this listing issued: AWS rejects any other (a made-up "-1" too).
            issued = self._tokens.get(token)
            if issued is None or issued[0] != key:
                raise FakeError("ValidationException", "The NextToken is not valid.")
            start = issued[1]
        size = params.get("MaxResults", default_size)
        out: Wire = {key: rows[start : start + size]}
        if start + size < len(rows):
            out["NextToken"] = next_token = uuid.uuid4().hex
            self._tokens[next_token] = (key, start + size)
        return out

    # ------------------------------------------------------------------------- tags

    def _tags_of(self, arn: str) -> list[Wire] | None:
        """The tag list of the resource ``arn`` names (None: a kind of resource moto holds).

        Job definitions are moto's: their tags are moto's lists, corrected here (moto appends a
        key given again instead of replacing its value).
        """
        parts = arn.split(":", 5)
        if len(parts) != 6 or parts[2] != "sagemaker":
            return None
        kind = parts[5].partition("/")[0]
        records: Iterable[_Schedule | _OptimizationJob | _ProcessingJob]
        if kind == "monitoring-schedule":
            records = self.schedules.values()
        elif kind == "optimization-job":
            records = self.optimization_jobs.values()
        elif kind == "processing-job":
            records = self.processing_jobs.values()
        elif kind in _DEFINITION_ARN_KINDS:
            found = self.definitions.tags(_DEFINITION_ARN_KINDS[kind], arn)
            if found is None:
                raise FakeError("ValidationException", f"Resource {arn} does not exist.")
            return found
        else:
            return None
        now = self.clock.now()
        for record in records:
            if record.arn.casefold() == arn.casefold() and record.created <= now:
                return record.tags
        raise FakeError("ValidationException", f"Resource {arn} does not exist.")

    def _add_tags(self, params: Wire) -> Wire | None:
        tags = self._tags_of(params["ResourceArn"])
        if tags is None:
            return None
        merged = {t["Key"]: t.get("Value", "") for t in tags}
        for tag in params["Tags"]:
            merged[tag["Key"]] = tag.get("Value", "")
        if len(merged) > _MAX_TAGS:
            raise FakeError("ValidationException", f"A resource can have at most {_MAX_TAGS} tags.")
        tags[:] = [{"Key": k, "Value": v} for k, v in merged.items()]
        return {"Tags": [dict(t) for t in params["Tags"]]}

    def _list_tags(self, params: Wire) -> Wire | None:
        tags = self._tags_of(params["ResourceArn"])
        if tags is None:
            return None
        return self._page([dict(t) for t in tags], params, "Tags", 50, "", "", unsorted=True)

    def _delete_tags(self, params: Wire) -> Wire | None:
        tags = self._tags_of(params["ResourceArn"])
        if tags is None:
            return None
        tags[:] = [t for t in tags if t["Key"] not in params["TagKeys"]]
        return {}

    # ------------------------------------------------------------------------- job definitions

    def _create_definition(self, kind: str) -> Callable[[Wire], Wire]:
        # Created here, under the lock, rather than by moto: moto overwrites DataQuality and
        # ModelBias duplicates silently and crashes on batch-transform inputs for the others.
        def create(params: Wire) -> Wire:
            name = params["JobDefinitionName"]
            taken = _same_name(self.definitions.names(kind), name)
            if taken is not None:
                raise FakeError("ResourceInUse", f"Job definition {taken!r} already exists.")
            return {"JobDefinitionArn": self.definitions.create(kind, params)}

        return create

    def _describe_definition(self, kind: str) -> Callable[[Wire], Wire]:
        def describe(params: Wire) -> Wire:
            described = self.definitions.describe(kind, params["JobDefinitionName"])
            if described is None:
                raise _not_found(f"job definition {params['JobDefinitionName']!r}")
            return described

        return describe

    def _list_definitions(self, kind: str) -> Callable[[Wire], Wire]:
        # moto ignores filters, sort order and page size for some kinds: answer from its store.
        def list_definitions(params: Wire) -> Wire:
            rows = []
            for described in self.definitions.all(kind):
                job_input = described[f"{kind}JobInput"]
                rows.append(
                    {
                        "MonitoringJobDefinitionName": described["JobDefinitionName"],
                        "MonitoringJobDefinitionArn": described["JobDefinitionArn"],
                        "CreationTime": _aware(described["CreationTime"]),
                        "EndpointName": job_input.get("EndpointInput", {}).get("EndpointName", ""),
                    }
                )
            rows = _filter(
                rows,
                params,
                name="MonitoringJobDefinitionName",
                equal={"EndpointName": "EndpointName"},
            )
            return self._page(
                rows,
                params,
                "JobDefinitionSummaries",
                10,
                "MonitoringJobDefinitionName",
                "Descending",
            )

        return list_definitions


TAG_OPERATIONS = frozenset({"AddTags", "ListTags", "DeleteTags"})
_MAX_TAGS = 50
_DEFINITION_ARN_KINDS = {
    "data-quality-job-definition": "DataQuality",
    "model-quality-job-definition": "ModelQuality",
    "model-bias-job-definition": "ModelBias",
    "model-explainability-job-definition": "ModelExplainability",
}
_TAG_TEXT = re.compile(r"[\w\s.:/=+\-@]*")
_ARN = re.compile(r"arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:.+")


def _tag_list(params: Wire) -> list[Wire]:
    """The tags a Create request gives, as stored: one per key, the last value winning."""
    merged = {t["Key"]: t.get("Value", "") for t in params.get("Tags") or []}
    return [{"Key": k, "Value": v} for k, v in merged.items()]


def _tag_problems(operation: str, params: Wire) -> list[str]:
    """What breaks the documented constraints of a tag request (not in sagemon's model slice,
    so checked here: these requests come from other clients)."""
    problems: list[str] = []
    arn = params.get("ResourceArn")
    if not isinstance(arn, str) or not 0 < len(arn) <= 256 or not _ARN.fullmatch(arn):
        problems.append(
            f"ResourceArn: must be a SageMaker ARN of at most 256 characters, got {arn!r}"
        )
    if operation == "AddTags":
        tags = params.get("Tags")
        if not isinstance(tags, list) or len(tags) > _MAX_TAGS:
            problems.append(f"Tags: must be a list of at most {_MAX_TAGS} tags")
        else:
            for index, tag in enumerate(tags):
                key = tag.get("Key") if isinstance(tag, dict) else None
                value = tag.get("Value", "") if isinstance(tag, dict) else None
                if (
                    not isinstance(key, str)
                    or not 0 < len(key) <= 128
                    or not _TAG_TEXT.fullmatch(key)
                ):
                    problems.append(
                        f"Tags[{index}].Key: must be 1 to 128 letters, digits, spaces or _.:/=+-@"
                    )
                if not isinstance(value, str) or len(value) > 256 or not _TAG_TEXT.fullmatch(value):
                    problems.append(
                        f"Tags[{index}].Value: must be at most 256 letters, digits, spaces or _.:/=+-@"
                    )
    elif operation == "DeleteTags":
        keys = params.get("TagKeys")
        if (
            not isinstance(keys, list)
            or not 0 < len(keys) <= _MAX_TAGS
            or not all(isinstance(k, str) for k in keys)
        ):
            problems.append(f"TagKeys: must be a list of 1 to {_MAX_TAGS} keys")
    else:
        size = params.get("MaxResults", 50)
        if not isinstance(size, int) or isinstance(size, bool) or size < 50:
            problems.append(f"MaxResults: must be an integer of at least 50, got {size!r}")
        token = params.get("NextToken")
        if token is not None and not isinstance(token, str):
            problems.append("NextToken: must be a string")
    return problems


def _same_name(names: Iterable[str], name: str) -> str | None:
    """The existing name that ``name`` collides with: SageMaker names ignore case."""
    folded = name.casefold()
    return next((n for n in names if n.casefold() == folded), None)


def _s(seconds: float) -> datetime.timedelta:
    return datetime.timedelta(seconds=seconds)


def _aware(value: datetime.datetime) -> datetime.datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _when(value: Any) -> datetime.datetime:
    parsed = timestamp(value)
    if parsed is None:
        raise FakeError("ValidationException", f"{value!r} is not a timestamp.")
    return _aware(parsed)


def _filter(
    rows: list[Wire],
    params: Wire,
    *,
    name: str | None = None,
    equal: dict[str, str] | None = None,
    times: dict[str, str] | None = None,
) -> list[Wire]:
    """Apply the documented List filters: NameContains, equality filters and time windows."""
    if name is not None and "NameContains" in params:
        rows = [r for r in rows if params["NameContains"] in r[name]]
    for param, key in (equal or {}).items():
        if param in params:
            rows = [r for r in rows if r.get(key) == params[param]]
    windows = {"Creation": "CreationTime", "LastModified": "LastModifiedTime", **(times or {})}
    for prefix, key in windows.items():
        if f"{prefix}TimeBefore" in params:
            limit = _when(params[f"{prefix}TimeBefore"])
            rows = [r for r in rows if key in r and r[key] < limit]
        if f"{prefix}TimeAfter" in params:
            limit = _when(params[f"{prefix}TimeAfter"])
            rows = [r for r in rows if key in r and r[key] > limit]
    return rows
