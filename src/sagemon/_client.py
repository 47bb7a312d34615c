"""``sagemon.Client``: construction, the validated call path, error mapping, listings, waiters.

The 32 typed operation methods are generated (``sagemon._generated.operations.Operations``);
this module completes them with the call path. boto3 and botocore are imported only when a
client is made or a call fails.
"""

from __future__ import annotations

import difflib
import logging
import math
import re
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TextIO, TypeVar, cast

from sagemon._generated.enums import (
    ExecutionStatus,
    MonitoringExecutionSortKey,
    MonitoringType,
    OptimizationJobStatus,
    ProcessingJobStatus,
    ScheduleStatus,
    SortOrder,
)
from sagemon._generated.operations import (
    DESCRIBE_MONITORING_SCHEDULE,
    DESCRIBE_OPTIMIZATION_JOB,
    DESCRIBE_PROCESSING_JOB,
    LIST_MONITORING_EXECUTIONS,
    Operations,
)
from sagemon._generated.shapes import (
    DescribeMonitoringScheduleResponse,
    DescribeOptimizationJobResponse,
    DescribeProcessingJobResponse,
    MonitoringExecutionSummary,
)
from sagemon._paging import FetchedPage, Listing
from sagemon._reports_json import MAX_REPORT_BYTES
from sagemon._shape import PROBLEMS, Shape, ShapeEnum
from sagemon._spec import Command, ListOperation, Operation, spec_of
from sagemon._wire import from_wire, validate
from sagemon.errors import (
    ConfigurationError,
    ConnectionFailedError,
    CredentialsError,
    MalformedResponseError,
    Problem,
    RequestTimeoutError,
    TransportError,
    ValidationError,
    WaitFailedError,
    WaitStoppedError,
    WaitTimeoutError,
    _shown_number,
    error_class_for_code,
)

if TYPE_CHECKING:
    import datetime

    from boto3.session import Session
    from botocore.config import Config
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_sagemaker import SageMakerClient

    from sagemon._baseline import SuggestedBaseline
    from sagemon._generated.shapes import (
        DescribeDataQualityJobDefinitionResponse,
        DescribeModelBiasJobDefinitionResponse,
        DescribeModelExplainabilityJobDefinitionResponse,
        DescribeModelQualityJobDefinitionResponse,
    )
    from sagemon._results import BaselineReports, ExecutionHistory, ExecutionReports

__all__ = ["Client", "Clock", "WaitProgress"]

log = logging.getLogger("sagemon")

_R = TypeVar("_R")
_Req = TypeVar("_Req", bound=Shape)
_Resp = TypeVar("_Resp", bound=Shape)
_Item = TypeVar("_Item", bound=Shape)


class Clock(Protocol):
    """Time source for waiters; ``sagemon.testing.FakeClock`` makes waiting instant in tests."""

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


Clock.__module__ = "sagemon"  # its public home (set here: a Protocol body cannot)


class _SystemClock:
    monotonic = staticmethod(time.monotonic)
    sleep = staticmethod(time.sleep)


class WaitProgress(NamedTuple):
    """What a waiter saw at one poll, given to its ``on_progress`` callback."""

    resource: str
    status: str
    elapsed: float
    attempt: int


WaitProgress.__module__ = "sagemon"  # its public home (set here: a NamedTuple body cannot)


class Client(Operations):
    """A typed SageMaker client for Model Monitor and model optimization jobs.

    Every method takes the operation's request shape, or its members as keywords, validates it
    completely before anything is sent, and returns the typed response. List methods return a
    lazy :class:`~sagemon.Listing` that follows NextToken. Construct with ``Client()``,
    ``Client(boto3_client=...)`` or ``Client(boto3_session=..., region_name=...,
    boto_config=...)``.
    """

    __module__ = "sagemon"
    __slots__ = ("_boto", "_boto_config", "_clock", "_s3", "_s3_lock", "_session")

    def __init__(
        self,
        *,
        boto3_client: SageMakerClient | None = None,
        boto3_session: Session | None = None,
        region_name: str | None = None,
        boto_config: Config | None = None,
        endpoint_url: str | None = None,
        clock: Clock | None = None,
        s3: S3Client | None = None,
    ) -> None:
        """Use ``boto3_client`` if given, else make one from ``boto3_session`` (else a new session).

        ``region_name``, ``boto_config`` (retries, timeouts) and ``endpoint_url`` apply only when
        sagemon makes the client. ``clock`` drives the waiters. ``s3`` is the boto3 S3 client
        that reads reports (default: made on first use, see :attr:`s3_client`). Anything wrong
        with these settings or the AWS configuration (no region, an unknown profile, an invalid
        endpoint URL) raises :class:`~sagemon.errors.ConfigurationError` saying what to set.
        """
        if boto3_client is None:
            boto3_client, boto3_session = _make_boto3_client(
                boto3_session, region_name, boto_config, endpoint_url
            )
        self._boto = boto3_client
        self._boto_config = boto_config
        self._clock: Clock = clock if clock is not None else _SystemClock()
        self._s3 = s3
        self._s3_lock = threading.Lock()
        self._session = boto3_session

    @property
    def boto3_client(self) -> SageMakerClient:
        """The boto3 SageMaker client every call goes through."""
        return self._boto

    @property
    def s3_client(self) -> S3Client:
        """The boto3 S3 client that reads reports.

        The one given as ``s3=``; else one made on first use (once, thread-safely) from the
        session the SageMaker client was made from (``boto3_session``, or the default session
        ``Client()`` made), in the SageMaker client's region and with ``boto_config`` (proxies,
        timeouts, retries). ``endpoint_url`` is SageMaker's and does not apply to S3. With an
        injected ``boto3_client`` and neither ``s3=`` nor ``boto3_session=``, sagemon cannot know
        that client's credentials: the first use raises
        :class:`~sagemon.errors.ConfigurationError`.
        """
        if self._s3 is None:
            with self._s3_lock:
                if self._s3 is None:
                    self._s3 = self._make_s3_client()
        return self._s3

    def _make_s3_client(self) -> S3Client:
        if self._session is None:
            raise ConfigurationError(
                "reading reports needs an S3 client, and sagemon cannot make one with the "
                "credentials of an injected boto3_client: pass s3= (an S3 client with the same "
                "credentials), e.g. Client(boto3_client=sm, s3=session.client('s3')), or "
                "boto3_session= as well"
            )
        from botocore import exceptions as bx

        # Only the user's settings: sagemon's parameter_validation=False is for SageMaker
        # requests, which it validates itself; it does not validate S3 requests.
        try:
            made = self._session.client(
                "s3", region_name=self._boto.meta.region_name, config=self._boto_config
            )
        except (bx.BotoCoreError, ValueError) as exc:
            raise ConfigurationError(f"could not make the boto3 S3 client: {exc}") from exc
        return cast("S3Client", made)

    def __repr__(self) -> str:
        meta = self._boto.meta
        return f"<sagemon.Client region={meta.region_name!r} endpoint={meta.endpoint_url!r}>"

    # ------------------------------------------------------------------------- call path

    def _request(
        self,
        op: Operation[_Req, Any] | Command[_Req],
        request: _Req | None,
        members: dict[str, Any],
    ) -> _Req:
        """The validated request for ``op``, from a request object or from keywords.

        ``members`` maps keywords to values, ``None`` for a keyword not given.
        """
        spec = spec_of(op.input)
        for name in members:
            if name not in spec.by_python:
                if name == "request":
                    hint = "; pass the request object positionally"
                else:
                    close = difflib.get_close_matches(name, spec.by_python, n=1)
                    hint = f"; did you mean {close[0]!r}?" if close else ""
                raise TypeError(f"{op.method}() got an unexpected keyword argument {name!r}{hint}")
        given = {name: value for name, value in members.items() if value is not None}
        if request is None:
            # Missing required members become None, and the constructor collects every problem
            # instead of raising, so that one error lists them with the broken documented rules.
            problems: list[Problem] = []
            required = {m.python: None for m in spec.members if m.required}
            made = op.input(**(required | given), **{PROBLEMS: problems})
            if problems:
                from sagemon._rules import check_rules

                problems += check_rules(made, problems)
                raise ValidationError(problems, spec.name)
            request = made
        elif given:
            raise TypeError(f"{op.method}() takes a request object or keywords, not both")
        elif type(request) is not op.input:
            raise TypeError(f"{op.method}() takes a {spec.name}, not {type(request).__name__}")
        validate(request)
        return request

    def _send(self, op: Operation[Any, Any] | Command[Any], wire: dict[str, Any]) -> dict[str, Any]:
        log.debug("calling %s", op.name)
        try:
            response: dict[str, Any] = getattr(self._boto, op.method)(**wire)
        except Exception as exc:
            mapped = _translate(op.name, op.input.__name__, exc)
            if mapped is None:
                raise
            raise mapped from exc
        return response

    def _send_untyped(self, name: str, method: str, **wire: Any) -> dict[str, Any]:
        """Call a SageMaker operation outside sagemon's spec (the tag operations), its failures
        mapped like any other's."""
        try:
            response: dict[str, Any] = getattr(self._boto, method)(**wire)
        except Exception as exc:
            mapped = _translate(name, f"{name}Request", exc)
            if mapped is None:
                raise
            raise mapped from exc
        return response

    def _parse(self, op: Operation[Any, _Resp], raw: dict[str, Any]) -> _Resp:
        data = {k: v for k, v in raw.items() if k != "ResponseMetadata"}
        try:
            return from_wire(op.output, data, lenient=True)
        except ValidationError as exc:
            raise MalformedResponseError(op.name, exc.problems, response=raw) from exc

    def _call(
        self, operation: Operation[_Req, _Resp], request: _Req | None, members: dict[str, Any]
    ) -> _Resp:
        sent = self._request_wire(operation, request, members)
        return self._parse(operation, self._send(operation, sent))

    def _run(self, operation: Command[_Req], request: _Req | None, members: dict[str, Any]) -> None:
        self._send(operation, self._request_wire(operation, request, members))

    def _request_wire(
        self,
        op: Operation[_Req, Any] | Command[_Req],
        request: _Req | None,
        members: dict[str, Any],
    ) -> dict[str, Any]:
        made = self._request(op, request, members)
        return made._spec.unparse(made)

    def _list(
        self,
        operation: ListOperation[_Req, _Resp, _Item],
        request: _Req | None,
        members: dict[str, Any],
    ) -> Listing[_Item, _Resp]:
        first = self._request(operation, request, members)
        wire = first._spec.unparse(first)

        def fetch(token: str | None) -> FetchedPage[_Resp]:
            page = dict(wire)
            if token is None:
                page.pop("NextToken", None)
            else:
                page["NextToken"] = token
            return self._parse_page(operation, self._send(operation, page))

        return Listing(operation.name, first, fetch, operation.items, wire.get("NextToken"))

    def _parse_page(
        self, op: ListOperation[Any, _Resp, Any], raw: dict[str, Any]
    ) -> FetchedPage[_Resp]:
        """A list response with its valid items; malformed items are set apart, not fatal."""
        key = op.result_key
        data = {k: v for k, v in raw.items() if k != "ResponseMetadata"}
        try:
            response = from_wire(op.output, data, lenient=True)
        except ValidationError as exc:
            problems = exc.problems
            cause = exc
        else:
            return FetchedPage(response, len(op.items(response) or ()))
        listed = data.get(key)
        bad: dict[int, list[Problem]] = {}
        item_path = re.compile(rf"{re.escape(key)}\[(\d+)\](?![^.\[])")
        for problem in problems:
            found = item_path.match(problem.path)
            if not isinstance(listed, list) or found is None or int(found[1]) >= len(listed):
                # Damage beyond the items: the page as a whole cannot be trusted.
                raise MalformedResponseError(op.name, problems, response=raw) from cause
            bad.setdefault(int(found[1]), []).append(problem)
        assert isinstance(listed, list)
        valid = [item for index, item in enumerate(listed) if index not in bad]
        try:
            response = from_wire(op.output, data | {key: valid}, lenient=True)
        except ValidationError as exc:
            raise MalformedResponseError(op.name, problems, response=raw) from exc
        error = MalformedResponseError(
            op.name,
            problems,
            response=raw,
            items=op.items(response) or (),
            next_token=getattr(response, "next_token", None),
        )
        error.__cause__ = cause
        skipped = tuple((index, listed[index], tuple(bad[index])) for index in sorted(bad))
        return FetchedPage(response, len(listed), skipped, error)

    # ------------------------------------------------------------------------- results

    def execution_reports(
        self,
        execution: MonitoringExecutionSummary | DescribeProcessingJobResponse | str,
        *,
        monitoring_type: MonitoringType | None = None,
        max_bytes: int = MAX_REPORT_BYTES,
    ) -> ExecutionReports:
        """The typed reports one monitoring execution wrote (see :class:`~sagemon.ExecutionReports`).

        ``execution`` is a summary from :meth:`list_monitoring_executions`, the execution's
        processing job (:meth:`describe_processing_job`), or that job's name or ARN. The files
        are read from the job's S3 output with :attr:`s3_client`, each up to ``max_bytes``. The
        monitoring type comes from ``monitoring_type``, the summary, or the job's schedule; if
        none says, each file's kind is recognised from its content.

        Raises:

        - :class:`~sagemon.errors.ReportsUnavailable`: the execution is still running, launched
          no processing job, its job is the ground-truth merge job or has no S3 output, or the
          ARN given is not a processing job's;
        - :class:`~sagemon.errors.ReportNotFound` (a file the execution must have written is
          missing), :class:`~sagemon.errors.ReportAccessDenied` (permissions or refused
          credentials) or another :class:`~sagemon.errors.ReportFetchError` (S3 did not answer):
          all with the file's ``uri``;
        - :class:`~sagemon.reports.ReportError`: a file is not the report expected, not JSON,
          or larger than ``max_bytes`` (the message starts with its URI);
        - the client's errors of ``DescribeProcessingJob`` (e.g.
          :class:`~sagemon.errors.ResourceNotFound` for an unknown job name) and
          ``ListMonitoringExecutions``;
        - :class:`~sagemon.errors.ConfigurationError`: no S3 client can be made (see
          :attr:`s3_client`);
        - ``TypeError``: ``execution`` is none of the accepted types.
        """
        from sagemon._results import execution_reports

        return execution_reports(
            self, execution, monitoring_type=monitoring_type, max_bytes=max_bytes
        )

    def latest_reports(
        self, monitoring_schedule_name: str, *, max_bytes: int = MAX_REPORT_BYTES
    ) -> ExecutionReports:
        """The reports of the schedule's latest *finished* execution.

        Finished means ``Completed`` or ``CompletedWithViolations``, by scheduled time: runs in
        progress, failed and stopped runs and merge jobs are passed over. Raises
        :class:`~sagemon.errors.NoFinishedExecution` (saying the newest execution's status and
        failure reason) when the schedule has none,
        :class:`~sagemon.errors.ResourceNotFound` when there is no such schedule, and what
        :meth:`execution_reports` raises for the execution it reads.
        """
        from sagemon._results import latest_reports

        return latest_reports(self, monitoring_schedule_name, max_bytes=max_bytes)

    def baseline_reports(
        self,
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
        """The baseline (statistics and constraints) a job definition or schedule points at.

        Give one of: a ``Describe…JobDefinitionResponse`` or ``DescribeMonitoringScheduleResponse``;
        ``monitoring_schedule_name`` (its inline definition, or the job definition it names);
        or ``job_definition_name`` with ``monitoring_type``. The files are the
        ``…BaselineConfig``'s ``StatisticsResource`` and ``ConstraintsResource`` S3 URIs.
        """
        from sagemon._results import baseline_reports

        return baseline_reports(
            self,
            source,
            monitoring_schedule_name=monitoring_schedule_name,
            job_definition_name=job_definition_name,
            monitoring_type=monitoring_type,
            max_bytes=max_bytes,
        )

    def execution_history(
        self,
        monitoring_schedule_name: str,
        *,
        scheduled_after: datetime.datetime | None = None,
        scheduled_before: datetime.datetime | None = None,
        limit: int | None = None,
        page_size: int = 100,
        max_bytes: int = MAX_REPORT_BYTES,
    ) -> ExecutionHistory:
        """The schedule's executions, newest scheduled first, as a lazy :class:`~sagemon.ExecutionHistory`.

        Pages (``page_size`` executions each) are listed as the history is iterated, at most
        ``limit`` executions; each item reads its reports only when asked
        (one ``DescribeProcessingJob`` then). ``to_pandas()`` and ``plot()`` tabulate and plot
        violation counts or a metric.
        """
        from sagemon._results import execution_history

        return execution_history(
            self,
            monitoring_schedule_name,
            scheduled_after=scheduled_after,
            scheduled_before=scheduled_before,
            limit=limit,
            page_size=page_size,
            max_bytes=max_bytes,
        )

    # ------------------------------------------------------------------------- waiters

    def wait_for_monitoring_schedule(
        self,
        monitoring_schedule_name: str,
        *,
        timeout: float = 600.0,
        poll_interval: float = 15.0,
        on_progress: Callable[[WaitProgress], None] | None = None,
        progress: bool = False,
    ) -> DescribeMonitoringScheduleResponse:
        """Wait until the schedule is ``Scheduled``; fail fast on ``Failed`` (with its reason).

        Raises :class:`~sagemon.errors.WaitFailedError`, :class:`~sagemon.errors.WaitStoppedError`
        (``Stopped``) or :class:`~sagemon.errors.WaitTimeoutError`. ``progress=True`` shows the
        status and elapsed time on stderr; ``on_progress`` is called after every poll.
        """
        resource = f"monitoring schedule {monitoring_schedule_name!r}"

        def poll() -> tuple[bool, str, DescribeMonitoringScheduleResponse]:
            found = self._call(
                DESCRIBE_MONITORING_SCHEDULE,
                None,
                {"monitoring_schedule_name": monitoring_schedule_name},
            )
            status = found.monitoring_schedule_status
            _stop_on(
                resource,
                status,
                found.failure_reason,
                ScheduleStatus.FAILED,
                ScheduleStatus.STOPPED,
            )
            return status is ScheduleStatus.SCHEDULED, status.value, found

        return self._wait(
            "wait_for_monitoring_schedule",
            resource,
            poll,
            timeout,
            poll_interval,
            on_progress,
            progress,
        )

    def wait_for_optimization_job(
        self,
        optimization_job_name: str,
        *,
        timeout: float = 7200.0,
        poll_interval: float = 30.0,
        on_progress: Callable[[WaitProgress], None] | None = None,
        progress: bool = False,
    ) -> DescribeOptimizationJobResponse:
        """Wait until the optimization job is ``COMPLETED``.

        Raises :class:`~sagemon.errors.WaitFailedError` on ``FAILED`` (with the failure reason),
        :class:`~sagemon.errors.WaitStoppedError` on ``STOPPED`` and
        :class:`~sagemon.errors.WaitTimeoutError` when ``timeout`` seconds pass.
        """
        return self._wait_for_job(
            "wait_for_optimization_job",
            f"optimization job {optimization_job_name!r}",
            DESCRIBE_OPTIMIZATION_JOB,
            {"optimization_job_name": optimization_job_name},
            lambda found: (found.optimization_job_status, found.failure_reason),
            (
                OptimizationJobStatus.COMPLETED,
                OptimizationJobStatus.FAILED,
                OptimizationJobStatus.STOPPED,
            ),
            (timeout, poll_interval, on_progress, progress),
        )

    def wait_for_processing_job(
        self,
        processing_job_name: str,
        *,
        timeout: float = 7200.0,
        poll_interval: float = 30.0,
        on_progress: Callable[[WaitProgress], None] | None = None,
        progress: bool = False,
    ) -> DescribeProcessingJobResponse:
        """Wait until the processing job (a baselining job, say) is ``Completed``.

        Raises :class:`~sagemon.errors.WaitFailedError` on ``Failed`` (with the failure reason),
        :class:`~sagemon.errors.WaitStoppedError` on ``Stopped`` and
        :class:`~sagemon.errors.WaitTimeoutError` when ``timeout`` seconds pass.
        """
        return self._wait_for_job(
            "wait_for_processing_job",
            f"processing job {processing_job_name!r}",
            DESCRIBE_PROCESSING_JOB,
            {"processing_job_name": processing_job_name},
            lambda found: (found.processing_job_status, found.failure_reason),
            (
                ProcessingJobStatus.COMPLETED,
                ProcessingJobStatus.FAILED,
                ProcessingJobStatus.STOPPED,
            ),
            (timeout, poll_interval, on_progress, progress),
        )

    def suggested_baseline(
        self, processing_job_name: str, *, max_bytes: int = MAX_REPORT_BYTES
    ) -> SuggestedBaseline:
        """The statistics and constraints a ``Completed`` baselining job suggested, typed.

        Reads ``statistics.json`` and ``constraints.json`` (each up to ``max_bytes``) under the
        job's S3 output with :attr:`s3_client`. Raises
        :class:`~sagemon.errors.ReportsUnavailable` for a job that is not ``Completed``, has no
        S3 output or is not a baselining job (a monitoring execution's job: read it with
        :meth:`execution_reports`); :class:`~sagemon.errors.ReportNotFound`,
        :class:`~sagemon.errors.ReportAccessDenied` or
        :class:`~sagemon.errors.ReportFetchError` when a file cannot be fetched; and
        :class:`~sagemon.reports.ReportError` (naming the file) when it is not the expected
        report or is larger than ``max_bytes``.
        """
        from sagemon._baseline import read_suggested_baseline

        return read_suggested_baseline(self, processing_job_name, max_bytes=max_bytes)

    def wait_for_latest_monitoring_execution(
        self,
        monitoring_schedule_name: str,
        *,
        timeout: float = 7200.0,
        poll_interval: float = 30.0,
        on_progress: Callable[[WaitProgress], None] | None = None,
        progress: bool = False,
    ) -> MonitoringExecutionSummary:
        """Wait until the schedule's latest execution finishes; return its summary.

        ``Completed`` and ``CompletedWithViolations`` are finished (check the status for
        violations). ``Failed`` raises :class:`~sagemon.errors.WaitFailedError` with the reason,
        ``Stopped`` raises :class:`~sagemon.errors.WaitStoppedError`. While the schedule has no
        execution yet, the waiter keeps waiting.
        """
        resource = f"latest execution of {monitoring_schedule_name!r}"
        query = {
            "monitoring_schedule_name": monitoring_schedule_name,
            "sort_by": MonitoringExecutionSortKey.SCHEDULED_TIME,
            "sort_order": SortOrder.DESCENDING,
            "max_results": 1,
        }
        finished = (ExecutionStatus.COMPLETED, ExecutionStatus.COMPLETED_WITH_VIOLATIONS)

        def poll() -> tuple[bool, str, MonitoringExecutionSummary | None]:
            page = self._call(LIST_MONITORING_EXECUTIONS, None, query)
            if not page.monitoring_execution_summaries:
                return False, "no execution yet", None
            latest = page.monitoring_execution_summaries[0]
            status = latest.monitoring_execution_status
            _stop_on(
                resource,
                status,
                latest.failure_reason,
                ExecutionStatus.FAILED,
                ExecutionStatus.STOPPED,
            )
            return status in finished, status.value, latest

        result = self._wait(
            "wait_for_latest_monitoring_execution",
            resource,
            poll,
            timeout,
            poll_interval,
            on_progress,
            progress,
        )
        assert result is not None
        return result

    def _wait_for_job(
        self,
        waiter: str,
        resource: str,
        describe: Operation[Any, _Resp],
        members: dict[str, Any],
        state: Callable[[_Resp], tuple[ShapeEnum, str | None]],
        statuses: tuple[ShapeEnum, ShapeEnum, ShapeEnum],
        options: tuple[float, float, Callable[[WaitProgress], None] | None, bool],
    ) -> _Resp:
        """Poll ``describe`` until a job is done; ``statuses`` are (done, failed, stopped)."""
        done, failed, stopped = statuses

        def poll() -> tuple[bool, str, _Resp]:
            found = self._call(describe, None, members)
            status, reason = state(found)
            _stop_on(resource, status, reason, failed, stopped)
            return status is done, status.value, found

        return self._wait(waiter, resource, poll, *options)

    def _wait(
        self,
        waiter: str,
        resource: str,
        poll: Callable[[], tuple[bool, str, _R]],
        timeout: float,
        poll_interval: float,
        on_progress: Callable[[WaitProgress], None] | None,
        progress: bool,
    ) -> _R:
        timeout = _check_wait_arguments(waiter, timeout, poll_interval)
        line = _ProgressLine(sys.stderr) if progress else None
        start = self._clock.monotonic()
        attempt = 0
        try:
            while True:
                attempt += 1
                done, status, result = poll()
                elapsed = self._clock.monotonic() - start
                report = WaitProgress(resource, status, elapsed, attempt)
                if line is not None:
                    line(report)
                if on_progress is not None:
                    on_progress(report)
                if done:
                    return result
                if elapsed >= timeout:
                    raise WaitTimeoutError(
                        resource,
                        status,
                        None,
                        f"{resource} is still {status} after {elapsed:.0f}s (timeout {timeout:g}s)",
                    )
                self._clock.sleep(min(poll_interval, timeout - elapsed))
        finally:
            if line is not None:
                line.close()


def _make_boto3_client(
    session: Session | None,
    region_name: str | None,
    config: Config | None,
    endpoint_url: str | None,
) -> tuple[SageMakerClient, Session]:
    """A boto3 SageMaker client and its session, or a :class:`ConfigurationError` saying what
    to set."""
    import boto3.session
    from botocore import exceptions as bx
    from botocore.config import Config

    for name, value, expected in (
        ("region_name", region_name, str),
        ("endpoint_url", endpoint_url, str),
        ("boto_config", config, Config),
        ("boto3_session", session, boto3.session.Session),
    ):
        if value is not None and not isinstance(value, expected):
            what = (
                f"{expected.__module__}.{expected.__name__}" if expected is not str else "a string"
            )
            article = "a " if expected is not str else ""
            raise ConfigurationError(f"{name} must be {article}{what}, not {type(value).__name__}")
    # sagemon checks every constraint botocore's parameter validation checks (and more) before
    # sending, so a client it makes does not check each request twice.
    no_second_check = Config(parameter_validation=False)
    config = no_second_check if config is None else config.merge(no_second_check)
    try:
        if session is None:
            session = boto3.session.Session()
        made = session.client(
            "sagemaker", region_name=region_name, config=config, endpoint_url=endpoint_url
        )
        return made, session
    except bx.NoRegionError as exc:
        raise ConfigurationError(
            "no AWS region is configured: pass region_name='us-east-1' (or a boto3_session with a "
            "region), or set AWS_DEFAULT_REGION or the region of your AWS config profile"
        ) from exc
    except bx.ProfileNotFound as exc:
        profile = exc.kwargs.get("profile")
        raise ConfigurationError(
            f"the AWS profile {profile!r} does not exist: set AWS_PROFILE (or the session's "
            "profile_name) to a profile of your AWS config file, or unset it"
        ) from exc
    except bx.InvalidRegionError as exc:
        raise ConfigurationError(
            f"region_name {exc.kwargs.get('region_name')!r} is not a valid AWS region name: "
            "pass one such as 'us-east-1'"
        ) from exc
    except (bx.BotoCoreError, ValueError) as exc:
        if endpoint_url is not None and "endpoint" in str(exc).lower():
            raise ConfigurationError(
                f"endpoint_url {endpoint_url!r} is not a valid URL: pass a full URL such as "
                "'https://api.sagemaker.us-east-1.amazonaws.com' or 'http://127.0.0.1:5000'"
            ) from exc
        raise ConfigurationError(
            f"could not make the boto3 SageMaker client (check boto_config and the AWS "
            f"configuration): {exc}"
        ) from exc


def _check_wait_arguments(waiter: str, timeout: object, poll_interval: object) -> float:
    """The timeout as a float (``math.inf``: no limit), or every problem with the arguments."""
    problems = []
    limit = math.nan
    if isinstance(timeout, (int, float)) and not isinstance(timeout, bool):
        try:
            limit = float(timeout)
        except OverflowError:  # an int beyond floats: no limit in practice
            limit = math.inf
    if not limit >= 0:
        problems.append(
            Problem(
                "timeout",
                "must be a number of seconds >= 0 (math.inf: no limit), "
                f"got {_shown_number(timeout)}",
            )
        )
    if (
        not isinstance(poll_interval, (int, float))
        or isinstance(poll_interval, bool)
        or not 0 < poll_interval < math.inf
    ):
        problems.append(
            Problem(
                "poll_interval",
                f"must be a finite number of seconds > 0, got {_shown_number(poll_interval)}",
            )
        )
    if problems:
        raise ValidationError(problems, f"{waiter}()")
    return limit


def _stop_on(
    resource: str, status: ShapeEnum, reason: str | None, failed: ShapeEnum, stopped: ShapeEnum
) -> None:
    """Raise for a state the resource will not leave: failed (with its reason) or stopped."""
    if status is failed:
        raise WaitFailedError(
            resource,
            status.value,
            reason,
            f"{resource} is {status}" + (f": {reason}" if reason else ""),
        )
    if status is stopped:
        raise WaitStoppedError(resource, status.value, None, f"{resource} is {status}")


class _ProgressLine:
    """Status and elapsed time on one updating line (a line per change when not a terminal)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty() or "ipykernel" in sys.modules
        self.width = 0
        self.last: str | None = None

    def __call__(self, report: WaitProgress) -> None:
        text = f"{report.resource}: {report.status} ({report.elapsed:.0f}s)"
        if self.live:
            self.stream.write("\r" + text.ljust(self.width))
            self.width = len(text)
        elif report.status != self.last:
            self.stream.write(text + "\n")
        self.last = report.status
        self.stream.flush()

    def close(self) -> None:
        if self.live and self.width:
            self.stream.write("\n")
            self.stream.flush()


def _translate(operation: str, subject: str, exc: Exception) -> Exception | None:
    """The sagemon error for a botocore failure of ``operation`` (whose request shape is
    ``subject``), or None for anything else."""
    from botocore import exceptions as bx

    if isinstance(exc, bx.ClientError):
        response: dict[str, Any] = dict(exc.response)
        error = response.get("Error", {})
        meta = response.get("ResponseMetadata", {})
        code = str(error.get("Code", ""))
        status = meta.get("HTTPStatusCode")
        status = status if isinstance(status, int) else None
        request_id = meta.get("RequestId")
        return error_class_for_code(code, status)(
            operation=operation,
            code=code,
            message=str(error.get("Message", "")),
            request_id=request_id if isinstance(request_id, str) else None,
            http_status=status,
            response=response,
        )
    if isinstance(exc, bx.ParamValidationError):
        return ValidationError(
            [Problem("<root>", f"botocore rejected the request: {exc}")], subject
        )
    if isinstance(exc, (bx.ConnectTimeoutError, bx.ReadTimeoutError)):
        return RequestTimeoutError(operation, str(exc))
    if isinstance(exc, (bx.EndpointConnectionError, bx.ConnectionError, bx.HTTPClientError)):
        return ConnectionFailedError(operation, str(exc))
    credentials = (
        bx.NoCredentialsError,
        bx.PartialCredentialsError,
        bx.CredentialRetrievalError,
        bx.NoRegionError,
        bx.TokenRetrievalError,
        bx.UnauthorizedSSOTokenError,
    )
    if isinstance(exc, credentials):
        return CredentialsError(operation, str(exc))
    if isinstance(exc, bx.BotoCoreError):
        return TransportError(operation, str(exc))
    return None
