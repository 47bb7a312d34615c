"""The local SageMaker as an HTTP endpoint: plain clients, control routes, clocks, ``sagemon serve``."""

from __future__ import annotations

import datetime
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
import pytest
from botocore.config import Config

from sagemon import ValidationError, to_wire
from sagemon.enums import ExecutionStatus, OptimizationJobStatus, ScheduleStatus
from sagemon.testing import (
    FakeClock,
    LocalSageMaker,
    LocalSageMakerControl,
    RealClock,
    SimulationError,
)
from tests.extras import needs_server
from tests.factories import definition_wire, optimization_job, schedule

pytestmark = pytest.mark.moto

_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _client(url: str, service: str = "sagemaker") -> Any:
    """A plain boto3 client of the endpoint: no hooks, nothing of sagemon's."""
    return boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    ).client(service, endpoint_url=url, config=Config(retries={"max_attempts": 1}))


@pytest.fixture
def served() -> Iterator[LocalSageMaker]:
    with LocalSageMaker(server=True) as local:
        yield local


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with _DIRECT.open(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


# ----------------------------------------------------------------------------- the wire


@needs_server
def test_a_plain_client_gets_the_fakes_answers(served: LocalSageMaker) -> None:
    """No hooks: the endpoint itself answers the fake's operations and corrects moto."""
    assert served.endpoint_url is not None
    raw = _client(served.endpoint_url)
    raw.create_model_quality_job_definition(**definition_wire("ModelQuality", "mq-def"))
    raw.create_monitoring_schedule(**to_wire(schedule("s1", "mq-def")))
    described = raw.describe_monitoring_schedule(MonitoringScheduleName="s1")
    assert described["MonitoringScheduleStatus"] == "Pending"
    assert described["CreationTime"] == served.clock.now()
    assert described["CreationTime"].tzinfo is not None
    served.clock.advance(5)
    assert (
        raw.describe_monitoring_schedule(MonitoringScheduleName="s1")["MonitoringScheduleStatus"]
        == "Scheduled"
    )
    later = served.clock.now() + datetime.timedelta(hours=1)
    assert (
        raw.list_monitoring_schedules(CreationTimeAfter=later)["MonitoringScheduleSummaries"] == []
    )
    assert (
        len(raw.list_monitoring_schedules(CreationTimeBefore=later)["MonitoringScheduleSummaries"])
        == 1
    )
    with pytest.raises(raw.exceptions.ResourceInUse):
        raw.create_monitoring_schedule(**to_wire(schedule("S1", "mq-def")))
    with pytest.raises(raw.exceptions.ResourceNotFound) as info:
        raw.describe_monitoring_schedule(MonitoringScheduleName="nope")
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    # moto's answers come through for what the fake leaves to it
    raw.delete_model_quality_job_definition(JobDefinitionName="mq-def")
    with pytest.raises(raw.exceptions.ResourceNotFound):
        raw.describe_model_quality_job_definition(JobDefinitionName="mq-def")


@needs_server
def test_malformed_requests_and_routes(served: LocalSageMaker) -> None:
    url = served.endpoint_url
    assert url is not None
    target = {"X-Amz-Target": "SageMaker.ListMonitoringSchedules"}
    status, body = _post(url, b"{not json", target)
    assert (status, body["__type"]) == (400, "SerializationException")
    status, body = _post(url, b"[]", target)
    assert (status, body["__type"]) == (400, "SerializationException")
    status, body = _post(url, b"{}", target)
    assert (status, body) == (200, {"MonitoringScheduleSummaries": []})
    status, body = _post(f"{url}/_sagemon/nope", b"{}", {})
    assert (status, body["__type"]) == (404, "NotFound")
    with pytest.raises(urllib.error.HTTPError) as info:
        _DIRECT.open(f"{url}/_sagemon/clock", timeout=10)
    assert info.value.code == 405


@needs_server
def test_concurrent_duplicate_creates_over_http_have_one_winner(served: LocalSageMaker) -> None:
    """Each thread its own plain client, so only the endpoint's lock can pick the winner."""
    assert served.endpoint_url is not None
    url = served.endpoint_url
    _client(url).create_model_quality_job_definition(**definition_wire("ModelQuality", "mq-def"))
    threads, rounds = 8, 5
    clients = [_client(url) for _ in range(threads)]
    barrier = threading.Barrier(threads)

    def attempt(index: int, name: str, kind: str) -> bool:
        raw = clients[index]
        barrier.wait()
        try:
            if kind == "schedule":
                raw.create_monitoring_schedule(**to_wire(schedule(name, "mq-def")))
            else:
                raw.create_data_quality_job_definition(**definition_wire("DataQuality", name))
        except raw.exceptions.ResourceInUse:
            return False
        return True

    with ThreadPoolExecutor(max_workers=threads) as pool:
        for kind in ("schedule", "definition"):
            for r in range(rounds):
                won = pool.map(attempt, range(threads), [f"{kind}-{r}"] * threads, [kind] * threads)
                assert sum(won) == 1


# ----------------------------------------------------------------------------- control


@needs_server
def test_the_control_client_drives_the_simulation(served: LocalSageMaker) -> None:
    assert served.endpoint_url is not None
    raw = _client(served.endpoint_url)
    control = LocalSageMakerControl(served.endpoint_url + "/")
    assert control.now() == served.clock.now()
    raw.create_model_quality_job_definition(**definition_wire("ModelQuality", "mq-def"))
    raw.create_monitoring_schedule(**to_wire(schedule("s1", "mq-def")))
    with pytest.raises(SimulationError, match="'s1' is Pending"):
        control.run_execution("s1")
    before = control.now()
    assert control.advance(datetime.timedelta(seconds=5)) == before + datetime.timedelta(seconds=5)
    summary = control.run_execution(
        "s1",
        ExecutionStatus.COMPLETED_WITH_VIOLATIONS,
        duration=30,
        violations=[("auc", "LessThanThreshold"), ("f1", "LessThanThreshold", "f1 fell")],
        scheduled_time=datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.timezone.utc),
    )
    assert summary.monitoring_execution_status is ExecutionStatus.PENDING
    assert summary.scheduled_time == datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.timezone.utc)
    control.advance(31)
    (run,) = raw.list_monitoring_executions()["MonitoringExecutionSummaries"]
    assert run["MonitoringExecutionStatus"] == "CompletedWithViolations"
    job = raw.describe_processing_job(ProcessingJobName=run["ProcessingJobArn"].rsplit("/", 1)[1])
    assert job["ProcessingJobStatus"] == "Completed"
    assert "2 violations" in job["ExitMessage"]
    found = served.client.latest_reports("s1").violations
    assert found is not None
    assert [v.metric_name for v in found] == ["auc", "f1"]  # type: ignore[union-attr]

    control.fail_schedule("s1", "No data capture.")
    described = raw.describe_monitoring_schedule(MonitoringScheduleName="s1")
    assert (described["MonitoringScheduleStatus"], described["FailureReason"]) == (
        "Failed",
        "No data capture.",
    )
    control.set_optimization_outcome(
        OptimizationJobStatus.FAILED, reason="Out of memory.", optimization_job_name="job"
    )
    raw.create_optimization_job(**to_wire(optimization_job("job")))
    control.advance(400)
    job = raw.describe_optimization_job(OptimizationJobName="job")
    assert (job["OptimizationJobStatus"], job["FailureReason"]) == ("FAILED", "Out of memory.")
    for call, message in [
        (lambda: control.run_execution("nope"), "no monitoring schedule 'nope'"),
        (lambda: control.fail_schedule("nope", "x"), "no monitoring schedule 'nope'"),
        (lambda: control.advance(-1), "must be a finite number >= 0"),
        (
            lambda: control.set_optimization_outcome(OptimizationJobStatus.STOPPED),
            "COMPLETED or FAILED",
        ),
        (
            lambda: control.run_execution("s1", violations=[("a", "b")]),
            "only a CompletedWithViolations",
        ),
    ]:
        with pytest.raises(SimulationError, match=message):
            call()


@needs_server
def test_control_routes_check_their_bodies(served: LocalSageMaker) -> None:
    url = f"{served.endpoint_url}/_sagemon"
    for route, body, message in [
        ("run-execution", {}, "schedule must be a string"),
        ("run-execution", {"schedule": "s", "status": "Done"}, "not an execution status"),
        ("run-execution", {"schedule": "s", "duration": "1"}, "duration must be a number"),
        ("run-execution", {"schedule": "s", "scheduled_time": "soon"}, "not a timestamp"),
        ("run-execution", {"schedule": "s", "violations": "x"}, "violations must be a list"),
        ("run-execution", {"schedule": "s", "statistics": []}, "statistics must be a JSON object"),
        ("optimization-outcome", {"status": "DONE"}, "not an optimization job status"),
        ("fail-schedule", {"schedule": "s"}, "reason must be a string"),
        ("advance", {"seconds": "1"}, "must be a finite number"),
    ]:
        status, answer = _post(f"{url}/{route}", json.dumps(body).encode(), {})
        assert status == 400, (route, body)
        assert message in answer["message"], (route, body, answer)


@needs_server
def test_an_unreachable_endpoint_is_an_os_error() -> None:
    with pytest.raises(OSError):  # noqa: PT011  # refused, or timed out: either is an OSError
        LocalSageMakerControl("http://127.0.0.1:9", timeout=2).now()


# ----------------------------------------------------------------------------- clocks


def test_a_real_clock_passes_on_its_own() -> None:
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    clock = RealClock(start, speed=1000)
    time.sleep(0.02)
    assert clock.now() - start >= datetime.timedelta(seconds=20)
    clock.advance(3600)
    assert clock.now() - start >= datetime.timedelta(hours=1)
    began = time.monotonic()
    clock.sleep(100)  # 0.1 real seconds
    assert 0.05 < time.monotonic() - began < 5
    assert "speed=1000" in repr(clock)
    assert isinstance(clock, FakeClock)
    for speed in (0, -1, float("nan"), float("inf"), True, "2"):
        with pytest.raises(ValidationError, match="speed"):
            RealClock(speed=speed)  # type: ignore[arg-type]


@needs_server
def test_a_sleeping_client_sees_statuses_change_with_a_real_clock() -> None:
    """A third-party poller that sleeps between polls: no one advances the clock."""
    with LocalSageMaker(server=True, clock=RealClock(speed=100)) as local:
        assert local.endpoint_url is not None
        raw = _client(local.endpoint_url)
        raw.create_model_quality_job_definition(**definition_wire("ModelQuality", "mq-def"))
        raw.create_monitoring_schedule(**to_wire(schedule("s1", "mq-def")))
        deadline = time.monotonic() + 10
        status = "Pending"
        while status == "Pending" and time.monotonic() < deadline:
            time.sleep(0.02)
            status = raw.describe_monitoring_schedule(MonitoringScheduleName="s1")[
                "MonitoringScheduleStatus"
            ]
        assert status == "Scheduled"
        assert local.client.wait_for_monitoring_schedule("s1").monitoring_schedule_status is (
            ScheduleStatus.SCHEDULED
        )
        control = LocalSageMakerControl(local.endpoint_url)
        control.run_execution("s1", duration=60)
        summary = local.client.wait_for_latest_monitoring_execution("s1", poll_interval=5)
        assert summary.monitoring_execution_status is ExecutionStatus.COMPLETED
