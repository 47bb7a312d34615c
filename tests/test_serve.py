"""The local SageMaker as an HTTP endpoint: plain clients, control routes, clocks, ``sagemon serve``."""

from __future__ import annotations

import datetime
import io
import json
import os
import signal
import subprocess
import sys
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
from sagemon._cli import main
from sagemon.enums import ExecutionStatus, OptimizationJobStatus, ScheduleStatus
from sagemon.testing import (
    FakeClock,
    LocalSageMaker,
    LocalSageMakerControl,
    RealClock,
    SimulationError,
)
from tests.extras import needs_server
from tests.factories import IMAGE, KINDS, ROLE, definition_wire, optimization_job, schedule

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
        # A client that only sleeps, then reads S3, finds the reports of a run that has ended.
        control.run_execution("s1", ExecutionStatus.COMPLETED_WITH_VIOLATIONS, duration=20)
        time.sleep(0.5)
        s3 = _client(local.endpoint_url, "s3")
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket="bucket")["Contents"]]
        assert any(k.endswith("constraint_violations.json") for k in keys), keys


# ----------------------------------------------------------------------------- sagemon serve


def _started(process: subprocess.Popen[str]) -> str:
    """The URL the server prints when ready (failing, with its stderr, if it never does)."""
    import select

    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 60)
    line = process.stdout.readline() if ready else ""
    if not line.startswith("http://127.0.0.1:"):
        process.kill()
        _, err = process.communicate(timeout=10)
        pytest.fail(f"sagemon serve did not start: {line!r} {err}")
    return line.strip()


def _serve(*options: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    return subprocess.Popen(
        [sys.executable, "-m", "sagemon", "serve", "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _every_operation(url: str) -> set[str]:
    """Every operation sagemon covers, and the tag operations, by a plain boto3 client of
    ``url`` (in this process: another one than the server's); returns the operations called."""
    raw, s3, control = _client(url), _client(url, "s3"), LocalSageMakerControl(url)
    seen: set[str] = set()
    raw.meta.events.register("after-call.sagemaker", lambda model, **_: seen.add(model.name))
    tags = [{"Key": "team", "Value": "churn"}]
    for kind in KINDS:
        name = f"{kind.lower()}-def"
        arn = getattr(raw, f"create_{_snake(kind)}_job_definition")(
            **definition_wire(kind, name), Tags=tags
        )["JobDefinitionArn"]
        described = getattr(raw, f"describe_{_snake(kind)}_job_definition")(JobDefinitionName=name)
        assert described["JobDefinitionArn"] == arn
        listed = getattr(raw, f"list_{_snake(kind)}_job_definitions")()["JobDefinitionSummaries"]
        assert [d["MonitoringJobDefinitionName"] for d in listed] == [name]
        assert raw.list_tags(ResourceArn=arn)["Tags"] == tags
    arn = raw.create_monitoring_schedule(
        **to_wire(schedule("churn", "modelquality-def")), Tags=tags
    )["MonitoringScheduleArn"]
    raw.add_tags(ResourceArn=arn, Tags=[{"Key": "stage", "Value": "dev"}])
    assert raw.list_tags(ResourceArn=arn)["Tags"] == [*tags, {"Key": "stage", "Value": "dev"}]
    raw.delete_tags(ResourceArn=arn, TagKeys=["stage"])
    assert raw.list_tags(ResourceArn=arn)["Tags"] == tags
    raw.update_monitoring_schedule(**to_wire(schedule("churn", "modelquality-def")))
    control.advance(5)
    assert (
        raw.list_monitoring_schedules()["MonitoringScheduleSummaries"][0][
            "MonitoringScheduleStatus"
        ]
        == "Scheduled"
    )
    raw.stop_monitoring_schedule(MonitoringScheduleName="churn")
    raw.start_monitoring_schedule(MonitoringScheduleName="churn")
    control.run_execution("churn", ExecutionStatus.COMPLETED_WITH_VIOLATIONS, duration=10)
    control.advance(10)
    (run,) = raw.list_monitoring_executions(MonitoringScheduleName="churn")[
        "MonitoringExecutionSummaries"
    ]
    assert run["MonitoringExecutionStatus"] == "CompletedWithViolations"
    assert (
        raw.describe_monitoring_schedule(MonitoringScheduleName="churn")[
            "LastMonitoringExecutionSummary"
        ]["ProcessingJobArn"]
        == run["ProcessingJobArn"]
    )
    job = raw.describe_processing_job(ProcessingJobName=run["ProcessingJobArn"].rsplit("/", 1)[1])
    assert job["ProcessingJobStatus"] == "Completed"
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket="bucket")["Contents"]]
    assert any(k.endswith("constraint_violations.json") for k in keys), keys
    (alert,) = raw.list_monitoring_alerts(MonitoringScheduleName="churn")[
        "MonitoringAlertSummaries"
    ]
    raw.update_monitoring_alert(
        MonitoringScheduleName="churn",
        MonitoringAlertName=alert["MonitoringAlertName"],
        DatapointsToAlert=1,
        EvaluationPeriod=1,
    )
    history = raw.list_monitoring_alert_history(MonitoringScheduleName="churn")
    assert [h["AlertStatus"] for h in history["MonitoringAlertHistory"]] == ["InAlert"]
    control.set_optimization_outcome(OptimizationJobStatus.FAILED, reason="Out of memory.")
    arn = raw.create_optimization_job(**to_wire(optimization_job("llama")), Tags=tags)[
        "OptimizationJobArn"
    ]
    assert raw.list_tags(ResourceArn=arn)["Tags"] == tags
    control.advance(310)
    assert raw.describe_optimization_job(OptimizationJobName="llama")["FailureReason"] == (
        "Out of memory."
    )
    assert len(raw.list_optimization_jobs()["OptimizationJobSummaries"]) == 1
    raw.create_optimization_job(**to_wire(optimization_job("llama-2")))
    raw.stop_optimization_job(OptimizationJobName="llama-2")
    raw.delete_optimization_job(OptimizationJobName="llama-2")
    arn = raw.create_processing_job(
        ProcessingJobName="baseline",
        ProcessingResources={
            "ClusterConfig": {
                "InstanceCount": 1,
                "InstanceType": "ml.m5.xlarge",
                "VolumeSizeInGB": 20,
            }
        },
        AppSpecification={"ImageUri": IMAGE},
        RoleArn=ROLE,
        Tags=tags,
    )["ProcessingJobArn"]
    assert raw.describe_processing_job(ProcessingJobName="baseline")["ProcessingJobArn"] == arn
    assert raw.list_tags(ResourceArn=arn)["Tags"] == tags
    raw.delete_monitoring_schedule(MonitoringScheduleName="churn")
    for kind in KINDS:
        getattr(raw, f"delete_{_snake(kind)}_job_definition")(
            JobDefinitionName=f"{kind.lower()}-def"
        )
    return seen


def _snake(kind: str) -> str:
    from botocore import xform_name

    return str(xform_name(kind))


@needs_server
def test_sagemon_serve_answers_every_operation_to_another_process() -> None:
    from sagemon._generated.operations import OPERATIONS

    process = _serve("--clock", "manual", "--log-requests")
    try:
        url = _started(process)
        seen = _every_operation(url)
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    assert seen == set(OPERATIONS) | {"AddTags", "ListTags", "DeleteTags"}
    assert process.returncode == 0, err
    assert out == ""  # the URL line was read already
    assert "SageMaker.CreateMonitoringSchedule" in err  # --log-requests
    assert err.rstrip().endswith("sagemon serve: stopped")
    assert "Traceback" not in err


@needs_server
def test_sagemon_serve_stops_cleanly_on_sigint() -> None:
    process = _serve("--clock", "real", "--speed", "60")
    try:
        url = _started(process)
        control = LocalSageMakerControl(url)
        first = control.now()
        time.sleep(0.1)
        assert control.now() - first >= datetime.timedelta(seconds=3)
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "clock: real time x60" in err
    assert "moto server" not in err  # requests are logged only when asked


def test_serve_without_flask_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "flask", None)
    out, err = io.StringIO(), io.StringIO()
    assert main(["serve"], out, err) == 2
    assert "pip install 'sagemon[server]'" in err.getvalue()
    assert out.getvalue() == ""


@pytest.mark.parametrize(
    "argv",
    [
        ["serve", "--port", "70000"],
        ["serve", "--port", "-1"],
        ["serve", "--speed", "0"],
        ["serve", "--speed", "fast"],
        ["serve", "--clock", "sundial"],
    ],
)
def test_serve_usage_errors(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv, io.StringIO(), io.StringIO())
    assert info.value.code == 2


@needs_server
def test_a_taken_port_is_reported() -> None:
    from sagemon.testing._serve import serve

    ready, stop = threading.Event(), threading.Event()
    out, err = io.StringIO(), io.StringIO()
    options: dict[str, Any] = {"region": "us-east-1", "clock": "manual", "speed": 1.0}
    thread = threading.Thread(
        target=serve,
        kwargs={
            "port": 0,
            "log_requests": False,
            "out": out,
            "err": err,
            "ready": ready,
            "stop": stop,
            **options,
        },
    )
    thread.start()
    try:
        assert ready.wait(30)
        port = int(out.getvalue().strip().rsplit(":", 1)[1])
        again = io.StringIO()
        status = serve(port=port, log_requests=False, out=io.StringIO(), err=again, **options)
        assert status == 2
        assert f"cannot listen on 127.0.0.1:{port}" in again.getvalue()
    finally:
        stop.set()
        thread.join(30)
    assert err.getvalue().endswith("sagemon serve: stopped\n")


# ----------------------------------------------------------------------------- the app itself


def _call(app: Any, environ: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    statuses: list[str] = []
    body = b"".join(app(environ, lambda status, headers: statuses.append(status)))
    return statuses[0], json.loads(body) if body else {}


def _environ(body: bytes, **extra: Any) -> dict[str, Any]:
    return {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        **extra,
    }


def test_the_app_answers_a_defect_of_the_fake_as_aws_does(monkeypatch: pytest.MonkeyPatch) -> None:
    from sagemon.testing._server import SageMakerApp

    passed: list[bytes] = []

    def moto(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        passed.append(environ["wsgi.input"].read())
        start_response("200 OK", [])
        return [b"{}"]

    local = LocalSageMaker()
    app = SageMakerApp(local, moto)
    target = {"HTTP_X_AMZ_TARGET": "SageMaker.ListMonitoringSchedules"}

    def broken(operation: str, params: dict[str, Any]) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(local.fake, "handle", broken)
    status, body = _call(app, _environ(b"{}", **target))
    assert status.startswith("500")
    assert body == {"__type": "InternalFailure", "message": "RuntimeError: boom"}
    # moto gets the body of what the fake leaves to it; other services go to moto as sent
    monkeypatch.setattr(local.fake, "handle", lambda operation, params: None)
    assert _call(app, _environ(b'{"a": 1}', **target)) == ("200 OK", {})
    target = {"HTTP_X_AMZ_TARGET": "SageMaker.DeleteDataQualityJobDefinition"}
    assert _call(app, _environ(b'{"b": 2}', **target)) == ("200 OK", {})
    assert _call(app, _environ(b"<xml/>", PATH_INFO="/bucket")) == ("200 OK", {})
    assert passed == [b'{"a": 1}', b'{"b": 2}', b"<xml/>"]
    # control routes: a body that is no JSON object
    for raw in (b"[]", b"{"):
        status, body = _call(app, _environ(raw, PATH_INFO="/_sagemon/clock"))
        assert (status[:3], body["__type"]) == ("400", "SerializationException")
    status, body = _call(app, _environ(b"", PATH_INFO="/_sagemon/clock"))
    assert (status, body["mode"]) == ("200 OK", "manual")
    # a settle in progress (the lock held elsewhere) never holds up an S3 request
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with local.fake.lock:
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(10)
    try:
        assert _call(app, _environ(b"x", PATH_INFO="/bucket")) == ("200 OK", {})
    finally:
        release.set()
        holder.join()


def test_request_bodies_and_values_as_botocore_sends_them() -> None:
    from sagemon.testing._server import _from_json, _input_shape, _json_default, _read

    assert _read({}) == b""
    assert _read({"wsgi.input": io.BytesIO(b"chunked"), "wsgi.input_terminated": True}) == (
        b"chunked"
    )
    assert _read({"wsgi.input": io.BytesIO(b"no length")}) == b""
    naive = datetime.datetime(2026, 1, 1)
    assert _json_default(naive) == 1767225600.0
    assert _json_default(b"\x00\x01") == "AAE="
    with pytest.raises(TypeError, match="set is not JSON serializable"):
        _json_default({1})
    params = _from_json(
        _input_shape("CreateProcessingJob"),
        {
            "ProcessingJobName": "job",
            "Environment": {"A": "1"},
            "Unknown": 1,
            "ProcessingInputs": [{"InputName": "in", "S3Input": {"S3Uri": "s3://b/k"}}],
        },
    )
    assert params["Environment"] == {"A": "1"}
    assert params["Unknown"] == 1
    assert params["ProcessingInputs"][0]["S3Input"]["S3Uri"] == "s3://b/k"
    listed = _from_json(
        _input_shape("ListMonitoringSchedules"),
        {"CreationTimeAfter": 1767225600, "CreationTimeBefore": "2026-01-02T00:00:00Z"},
    )
    assert listed["CreationTimeAfter"] == datetime.datetime(
        2026, 1, 1, tzinfo=datetime.timezone.utc
    )
    assert listed["CreationTimeBefore"] == datetime.datetime(
        2026, 1, 2, tzinfo=datetime.timezone.utc
    )


@needs_server
def test_serve_logs_requests_only_while_it_serves() -> None:
    import logging

    from sagemon.testing._serve import serve

    logger = logging.getLogger("sagemon.testing")
    handlers, level = list(logger.handlers), logger.level
    ready, stop = threading.Event(), threading.Event()
    out, err = io.StringIO(), io.StringIO()
    thread = threading.Thread(
        target=serve,
        kwargs={
            "port": 0,
            "region": "eu-west-1",
            "clock": "real",
            "speed": 2.0,
            "log_requests": True,
            "out": out,
            "err": err,
            "ready": ready,
            "stop": stop,
        },
    )
    thread.start()
    try:
        assert ready.wait(30)
        url = out.getvalue().strip()
        raw = boto3.session.Session(
            aws_access_key_id="testing", aws_secret_access_key="testing", region_name="eu-west-1"
        ).client("sagemaker", endpoint_url=url)
        arn = raw.create_optimization_job(**to_wire(optimization_job("job")))["OptimizationJobArn"]
        assert arn.startswith("arn:aws:sagemaker:eu-west-1:")
    finally:
        stop.set()
        thread.join(30)
    assert "200 - SageMaker.CreateOptimizationJob" in err.getvalue()
    assert "clock: real time x2" in err.getvalue()
    assert (logger.handlers, logger.level) == (handlers, level)


@needs_server
def test_control_statistics_failures_and_odd_answers(served: LocalSageMaker) -> None:
    from sagemon.reports import load

    assert served.endpoint_url is not None
    raw = _client(served.endpoint_url)
    control = LocalSageMakerControl(served.endpoint_url)
    assert repr(control) == f"LocalSageMakerControl({served.endpoint_url!r})"
    raw.create_model_quality_job_definition(**definition_wire("ModelQuality", "mq-def"))
    raw.create_monitoring_schedule(**to_wire(schedule("s1", "mq-def")))
    control.advance(5)
    failed = control.run_execution(
        "s1", ExecutionStatus.FAILED, failure_reason="No ground truth.", duration=0
    )
    assert failed.failure_reason == "No ground truth."
    statistics = {
        "version": 0.0,
        "dataset": {"item_count": 10, "evaluation_time": "2026-01-01T00:00:00.000Z"},
        "binary_classification_metrics": {"auc": {"value": 0.5, "standard_deviation": 0.01}},
    }
    for given in (statistics, load(json.dumps(statistics))):
        control.advance(1)
        control.run_execution("s1", statistics=given, duration=0)  # type: ignore[arg-type]
        written = served.client.latest_reports("s1").statistics
        assert written is not None
        assert written.to_dict()["binary_classification_metrics"]["auc"]["value"] == 0.5

    def teapot(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("418 I'm a teapot", [])
        return [b"not json"]

    from wsgiref.simple_server import WSGIRequestHandler, make_server

    quiet = type("Quiet", (WSGIRequestHandler,), {"log_message": lambda *a: None})
    with make_server("127.0.0.1", 0, teapot, handler_class=quiet) as server:
        thread = threading.Thread(target=server.handle_request)
        thread.start()
        with pytest.raises(SimulationError, match="418"):
            LocalSageMakerControl(f"http://127.0.0.1:{server.server_port}").now()
        thread.join(10)
    clock = RealClock(speed=2)
    began = time.monotonic()
    for pause in (0, -1, float("nan")):
        clock.sleep(pause)
    assert time.monotonic() - began < 1
