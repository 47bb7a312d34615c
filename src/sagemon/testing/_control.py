"""Driving the local SageMaker from another process: its control routes, and a client for them.

The routes live under ``/_sagemon/`` on the endpoint (``POST``, a JSON object in and out):

==================== ================================================================== ==========
route                body                                                               answer
==================== ================================================================== ==========
``run-execution``    ``schedule``, ``status`` (default ``Completed``), ``failure_reason``, ``summary``
                     ``duration``, ``scheduled_time`` (epoch seconds or ISO 8601),
                     ``violations`` (``[[subject, check_type, description?], ...]``),
                     ``statistics`` (a report's JSON data)
``fail-schedule``    ``schedule``, ``reason``                                           ``{}``
``optimization-      ``status`` (``COMPLETED`` or ``FAILED``), ``reason``,                ``{}``
outcome``            ``optimization_job_name`` (default: the next job)
``advance``          ``seconds``                                                        the clock
``clock``            ``{}``                                                             the clock
==================== ================================================================== ==========

The clock answers ``{"now": epoch seconds, "mode": "manual" | "real", "speed": number}``.
Errors answer HTTP 400 ``{"__type": "SimulationError" | "ValidationError", "message": ...}``.
"""

from __future__ import annotations

import datetime
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sagemon._coerce import timestamp
from sagemon._generated.enums import ExecutionStatus, OptimizationJobStatus
from sagemon._generated.shapes import MonitoringExecutionSummary
from sagemon._wire import from_wire, to_wire
from sagemon.testing._clock import RealClock
from sagemon.testing._fake import SimulationError

if TYPE_CHECKING:
    from sagemon._reports_base import Report
    from sagemon._reports_json import JSONValue
    from sagemon.testing._local import LocalSageMaker

__all__ = ["LocalSageMakerControl", "handle_control"]

Body = dict[str, Any]


def handle_control(local: LocalSageMaker, route: str, body: Body) -> Body:
    """Answer one control route (LookupError: no such route)."""
    handlers: dict[str, Callable[[LocalSageMaker, Body], Body]] = {
        "run-execution": _run_execution,
        "fail-schedule": _fail_schedule,
        "optimization-outcome": _optimization_outcome,
        "advance": _advance,
        "clock": lambda local, _body: _clock(local),
    }
    handler = handlers.get(route.strip("/"))
    if handler is None:
        raise LookupError(route)
    return handler(local, body)


def _text(body: Body, key: str) -> str | None:
    value = body.get(key)
    return None if value is None else _required(body, key)


def _required(body: Body, key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str):
        raise SimulationError(f"{key} must be a string, not {value!r}")
    return value


def _run_execution(local: LocalSageMaker, body: Body) -> Body:
    schedule = _required(body, "schedule")
    status = _text(body, "status") or "Completed"
    if status not in {e.value for e in ExecutionStatus}:
        raise SimulationError(f"status {status!r} is not an execution status")
    duration = body.get("duration")
    if duration is not None and (
        not isinstance(duration, (int, float)) or isinstance(duration, bool)
    ):
        raise SimulationError(f"duration must be a number of seconds, not {duration!r}")
    scheduled = body.get("scheduled_time")
    scheduled_time = None
    if scheduled is not None:
        scheduled_time = timestamp(scheduled)
        if scheduled_time is None:
            raise SimulationError(f"scheduled_time {scheduled!r} is not a timestamp")
    violations = body.get("violations")
    if violations is not None:
        if not isinstance(violations, list):
            raise SimulationError("violations must be a list of [subject, check_type] lists")
        violations = [tuple(v) if isinstance(v, list) else v for v in violations]
    statistics = body.get("statistics")
    if statistics is not None and not isinstance(statistics, dict):
        raise SimulationError("statistics must be a JSON object")
    summary = local.run_execution(
        schedule,
        ExecutionStatus(status),
        failure_reason=_text(body, "failure_reason"),
        duration=duration,
        scheduled_time=scheduled_time,
        violations=violations,
        statistics=statistics,
    )
    return {"summary": to_wire(summary)}


def _fail_schedule(local: LocalSageMaker, body: Body) -> Body:
    local.fail_schedule(_required(body, "schedule"), _required(body, "reason"))
    return {}


def _optimization_outcome(local: LocalSageMaker, body: Body) -> Body:
    status = _required(body, "status")
    if status not in {s.value for s in OptimizationJobStatus}:
        raise SimulationError(f"status {status!r} is not an optimization job status")
    local.set_optimization_outcome(
        OptimizationJobStatus(status),
        reason=_text(body, "reason"),
        optimization_job_name=_text(body, "optimization_job_name"),
    )
    return {}


def _advance(local: LocalSageMaker, body: Body) -> Body:
    local.clock.advance(body.get("seconds"))  # type: ignore[arg-type]  # checked by advance
    return _clock(local)


def _clock(local: LocalSageMaker) -> Body:
    clock = local.clock
    real = isinstance(clock, RealClock)
    return {
        "now": clock.now(),
        "mode": "real" if real else "manual",
        "speed": clock.speed if isinstance(clock, RealClock) else 0,
    }


class LocalSageMakerControl:
    """Drive a local SageMaker endpoint (``sagemon serve``, or ``LocalSageMaker(server=True)``)
    from any process: what :class:`LocalSageMaker`'s simulation methods do in-process.

    ``endpoint_url`` is the endpoint's URL (``http://127.0.0.1:PORT``). Requests go straight to
    it, never through a proxy. A refused simulation raises :class:`SimulationError` with the
    endpoint's message; an endpoint that cannot be reached raises :class:`OSError`.
    """

    __module__ = "sagemon.testing"

    def __init__(self, endpoint_url: str, *, timeout: float = 30.0) -> None:
        self.endpoint_url = endpoint_url.rstrip("/")
        self.timeout = timeout
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def _post(self, route: str, body: Body) -> Body:
        request = urllib.request.Request(
            f"{self.endpoint_url}/_sagemon/{route}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                answer: Body = json.loads(response.read())
        except urllib.error.HTTPError as error:
            try:
                message = json.loads(error.read()).get("message", str(error))
            except ValueError:
                message = str(error)
            raise SimulationError(message) from None
        return answer

    def run_execution(
        self,
        monitoring_schedule_name: str,
        status: ExecutionStatus = ExecutionStatus.COMPLETED,
        *,
        failure_reason: str | None = None,
        duration: float | None = None,
        scheduled_time: datetime.datetime | None = None,
        violations: Sequence[tuple[str, str] | tuple[str, str, str]] | None = None,
        statistics: Report | Mapping[str, JSONValue] | None = None,
    ) -> MonitoringExecutionSummary:
        """Simulate one execution of a schedule, as :meth:`LocalSageMaker.run_execution` does
        (violations as ``(subject, check_type[, description])`` tuples)."""
        body: Body = {"schedule": monitoring_schedule_name, "status": ExecutionStatus(status).value}
        if failure_reason is not None:
            body["failure_reason"] = failure_reason
        if duration is not None:
            body["duration"] = duration
        if scheduled_time is not None:
            body["scheduled_time"] = scheduled_time.isoformat()
        if violations is not None:
            body["violations"] = [list(v) for v in violations]
        if statistics is not None:
            from sagemon._reports_base import Report

            data = statistics.to_dict() if isinstance(statistics, Report) else statistics
            body["statistics"] = dict(data)
        summary = self._post("run-execution", body)["summary"]
        return from_wire(MonitoringExecutionSummary, summary, lenient=True)

    def fail_schedule(self, monitoring_schedule_name: str, reason: str) -> None:
        """Put a schedule in ``Failed`` with a failure reason."""
        self._post("fail-schedule", {"schedule": monitoring_schedule_name, "reason": reason})

    def set_optimization_outcome(
        self,
        status: OptimizationJobStatus,
        *,
        reason: str | None = None,
        optimization_job_name: str | None = None,
    ) -> None:
        """How the next optimization job (or the one named) ends: ``COMPLETED`` or ``FAILED``."""
        body: Body = {"status": OptimizationJobStatus(status).value}
        if reason is not None:
            body["reason"] = reason
        if optimization_job_name is not None:
            body["optimization_job_name"] = optimization_job_name
        self._post("optimization-outcome", body)

    def advance(self, seconds: float | datetime.timedelta) -> datetime.datetime:
        """Move the endpoint's clock forward; returns its new time."""
        if isinstance(seconds, datetime.timedelta):
            seconds = seconds.total_seconds()
        return _now(self._post("advance", {"seconds": seconds}))

    def now(self) -> datetime.datetime:
        """The endpoint's clock time."""
        return _now(self._post("clock", {}))

    def __repr__(self) -> str:
        return f"LocalSageMakerControl({self.endpoint_url!r})"


def _now(answer: Body) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(answer["now"], datetime.timezone.utc)
