"""Every operation against the local SageMaker, in-process, through sagemon.Client."""

from __future__ import annotations

import datetime
import re
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs
import pytest
from botocore import xform_name

from sagemon import SagemonError, ValidationError, to_wire
from sagemon._generated.operations import OPERATIONS
from sagemon.enums import (
    ExecutionStatus,
    MonitoringAlertStatus,
    MonitoringJobDefinitionSortKey,
    MonitoringScheduleSortKey,
    MonitoringType,
    OptimizationJobStatus,
    ProcessingInstanceType,
    ScheduleStatus,
    SortOrder,
)
from sagemon.errors import ResourceInUse, ResourceNotFound, ValidationException
from sagemon.shapes import AppSpecification, ProcessingClusterConfig, ProcessingResources
from sagemon.testing import LocalSageMaker, SimulationError
from tests.extras import needs_server
from tests.factories import (
    IMAGE,
    KINDS,
    ROLE,
    definition,
    definition_wire,
    inline_schedule,
    optimization_job,
    schedule,
)


def test_without_moto_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "moto", None)
    with pytest.raises(ImportError, match=r"pip install 'sagemon\[testing\]'"):
        LocalSageMaker().start()


@pytest.mark.moto
def test_each_local_sagemaker_has_a_session_of_its_own() -> None:
    """The sessions share the service models they read, nothing else: credentials, region and
    event handlers stay each LocalSageMaker's own."""
    called: list[str] = []
    with LocalSageMaker() as first:
        session = first.boto3_session
        session.events.register("before-call.s3.ListBuckets", lambda **_: called.append("first"))
        session.client("s3").list_buckets()
        assert called == ["first"]
    with LocalSageMaker(region_name="eu-west-1") as second:
        assert second.boto3_session is not session
        assert second.boto3_session.region_name == "eu-west-1"
        assert second.boto3_client.meta.region_name == "eu-west-1"
        credentials = second.boto3_session.get_credentials()
        assert credentials is not None
        assert credentials.access_key == "testing"
        second.boto3_session.client("s3").list_buckets()
        second.s3.list_buckets()
        assert called == ["first"]


@pytest.mark.moto
def test_a_new_data_path_gets_a_loader_of_its_own_and_the_old_one_is_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sagemon.testing import _local

    loaders = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        monkeypatch.setenv("AWS_DATA_PATH", str(tmp_path / name))
        with LocalSageMaker() as local:
            loader = local.boto3_session._session.get_component("data_loader")
            assert str(tmp_path / name) in loader.search_paths
            loaders.append(loader)
    assert loaders[0] is not loaders[1]
    assert list(_local._LOADERS.values()) == [loaders[1]]


@pytest.fixture(
    params=[False, pytest.param(True, marks=needs_server)], ids=["in-process", "server"]
)
def local_sagemaker(request: pytest.FixtureRequest) -> Iterator[LocalSageMaker]:
    """Each test twice: the fake answering through hooks in this process, and over HTTP."""
    with LocalSageMaker(server=request.param) as local:
        yield local


def _snake(kind: str) -> str:
    return xform_name(kind)


def test_every_operation_is_served(local_sagemaker: LocalSageMaker) -> None:
    local = local_sagemaker
    seen: set[str] = set()
    local.boto3_client.meta.events.register(
        "after-call.sagemaker", lambda model, **_: seen.add(model.name)
    )
    c = local.client
    for kind in KINDS:
        snake = _snake(kind)
        arn = getattr(c, f"create_{snake}_job_definition")(
            definition(kind, f"{snake.replace('_', '-')}-def")
        )
        described = getattr(c, f"describe_{snake}_job_definition")(
            job_definition_name=f"{snake.replace('_', '-')}-def"
        )
        assert described.job_definition_arn == arn.job_definition_arn
        assert [
            s.monitoring_job_definition_name for s in getattr(c, f"list_{snake}_job_definitions")()
        ] == [f"{snake.replace('_', '-')}-def"]
    c.create_monitoring_schedule(schedule("churn-quality", "model-quality-def"))
    assert (
        c.describe_monitoring_schedule(monitoring_schedule_name="churn-quality").monitoring_type
        is MonitoringType.MODEL_QUALITY
    )
    c.update_monitoring_schedule(
        monitoring_schedule_name="churn-quality",
        monitoring_schedule_config=schedule(
            "churn-quality", "model-quality-def"
        ).monitoring_schedule_config,
    )
    assert len(c.list_monitoring_schedules().all()) == 1
    c.stop_monitoring_schedule(monitoring_schedule_name="churn-quality")
    c.start_monitoring_schedule(monitoring_schedule_name="churn-quality")
    local.run_execution("churn-quality", ExecutionStatus.COMPLETED_WITH_VIOLATIONS, duration=0)
    assert len(c.list_monitoring_executions(monitoring_schedule_name="churn-quality").all()) == 1
    (alert,) = c.list_monitoring_alerts(monitoring_schedule_name="churn-quality")
    c.update_monitoring_alert(
        monitoring_schedule_name="churn-quality",
        monitoring_alert_name=alert.monitoring_alert_name,
        datapoints_to_alert=1,
        evaluation_period=2,
    )
    assert c.list_monitoring_alert_history(monitoring_schedule_name="churn-quality").all()
    c.create_optimization_job(optimization_job("llama-awq"))
    assert (
        c.describe_optimization_job(optimization_job_name="llama-awq").optimization_job_name
        == "llama-awq"
    )
    assert len(c.list_optimization_jobs().all()) == 1
    c.stop_optimization_job(optimization_job_name="llama-awq")
    c.delete_optimization_job(optimization_job_name="llama-awq")
    c.create_processing_job(
        processing_job_name="churn-baseline",
        processing_resources=ProcessingResources(
            cluster_config=ProcessingClusterConfig(
                instance_count=1,
                instance_type=ProcessingInstanceType.ML_M5_XLARGE,
                volume_size_in_gb=20,
            )
        ),
        app_specification=AppSpecification(image_uri=IMAGE),
        role_arn=ROLE,
    )
    assert (
        c.describe_processing_job(processing_job_name="churn-baseline").processing_job_name
        == "churn-baseline"
    )
    c.delete_monitoring_schedule(monitoring_schedule_name="churn-quality")
    for kind in KINDS:
        snake = _snake(kind)
        getattr(c, f"delete_{snake}_job_definition")(
            job_definition_name=f"{snake.replace('_', '-')}-def"
        )
    assert seen == set(OPERATIONS)


# ----------------------------------------------------------------------------- job definitions


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("batch", [False, True], ids=["endpoint", "batch-transform"])
def test_definition_round_trip(local_sagemaker: LocalSageMaker, kind: str, batch: bool) -> None:
    c = local_sagemaker.client
    snake = _snake(kind)
    request = definition(kind, "churn-def", batch=batch)
    getattr(c, f"create_{snake}_job_definition")(request)
    described = getattr(c, f"describe_{snake}_job_definition")(job_definition_name="churn-def")
    job_input = getattr(described, f"{snake}_job_input")
    assert to_wire(job_input) == to_wire(getattr(request, f"{snake}_job_input"))
    assert described.role_arn == request.role_arn  # type: ignore[attr-defined]
    with pytest.raises(ResourceInUse):
        getattr(c, f"create_{snake}_job_definition")(request)
    getattr(c, f"delete_{snake}_job_definition")(job_definition_name="churn-def")
    with pytest.raises(ResourceNotFound) as info:
        getattr(c, f"describe_{snake}_job_definition")(job_definition_name="churn-def")
    assert info.value.operation == f"Describe{kind}JobDefinition"
    assert info.value.http_status == 400


@pytest.mark.parametrize("kind", KINDS)
def test_definition_list_filters_sorting_and_pages(
    local_sagemaker: LocalSageMaker, kind: str
) -> None:
    c = local_sagemaker.client
    snake = _snake(kind)
    create = getattr(c, f"create_{snake}_job_definition")
    listing = getattr(c, f"list_{snake}_job_definitions")
    for name, endpoint in [("b-one", "ep-1"), ("a-two", "ep-2"), ("c-three", "ep-1")]:
        create(definition(kind, name, endpoint=endpoint))

    def names(**query: Any) -> list[str]:
        return [s.monitoring_job_definition_name for s in listing(**query)]

    assert names() == ["c-three", "a-two", "b-one"]  # documented default: newest first
    by_name = MonitoringJobDefinitionSortKey.NAME
    assert names(sort_by=by_name, sort_order=SortOrder.ASCENDING) == ["a-two", "b-one", "c-three"]
    assert names(sort_by=by_name) == ["c-three", "b-one", "a-two"]  # documented default: Descending
    assert names(name_contains="o") == ["a-two", "b-one"]
    assert names(endpoint_name="ep-1") == ["c-three", "b-one"]
    pages = list(listing(max_results=2, sort_by=by_name, sort_order=SortOrder.ASCENDING).pages())
    assert [
        [s.monitoring_job_definition_name for s in p.job_definition_summaries] for p in pages
    ] == [
        ["a-two", "b-one"],
        ["c-three"],
    ]
    future = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
    assert names(creation_time_after=future) == []
    assert len(names(creation_time_before=future)) == 3


@pytest.mark.moto
@pytest.mark.parametrize(
    "server", [False, pytest.param(True, marks=needs_server)], ids=["in-process", "server"]
)
@pytest.mark.parametrize("kind", KINDS)
def test_concurrent_duplicate_creates_have_one_winner(kind: str, server: bool) -> None:
    """Threads that create the same definition at once: exactly one succeeds, every round."""
    threads, rounds = 8, 20
    with LocalSageMaker(server=server) as local:
        create = getattr(local.boto3_client, f"create_{_snake(kind)}_job_definition")
        in_use = local.boto3_client.exceptions.ResourceInUse
        barrier = threading.Barrier(threads)

        def attempt(name: str) -> bool:
            barrier.wait()
            try:
                create(**definition_wire(kind, name))
            except in_use:
                return False
            return True

        with ThreadPoolExecutor(max_workers=threads) as pool:
            winners = [sum(pool.map(attempt, [f"dup-{r}"] * threads)) for r in range(rounds)]
    assert winners == [1] * rounds


@pytest.mark.parametrize("kind", KINDS)
def test_definition_names_differing_only_in_case_conflict(
    local_sagemaker: LocalSageMaker, kind: str
) -> None:
    create = getattr(local_sagemaker.client, f"create_{_snake(kind)}_job_definition")
    create(definition(kind, "Churn-Def"))
    with pytest.raises(ResourceInUse, match="'Churn-Def' already exists"):
        create(definition(kind, "churn-def"))
    listed = getattr(local_sagemaker.client, f"list_{_snake(kind)}_job_definitions")()
    assert [s.monitoring_job_definition_name for s in listed] == ["Churn-Def"]


# ----------------------------------------------------------------------------- schedules


@pytest.fixture
def with_definition(local_sagemaker: LocalSageMaker) -> LocalSageMaker:
    local_sagemaker.client.create_model_quality_job_definition(definition("ModelQuality", "mq-def"))  # type: ignore[arg-type]
    return local_sagemaker


def test_schedule_status_machine(with_definition: LocalSageMaker) -> None:
    local, c = with_definition, with_definition.client

    def status() -> ScheduleStatus:
        return c.describe_monitoring_schedule(
            monitoring_schedule_name="s1"
        ).monitoring_schedule_status

    c.create_monitoring_schedule(schedule("s1", "mq-def"))
    assert status() is ScheduleStatus.PENDING
    local.clock.advance(5)
    assert status() is ScheduleStatus.SCHEDULED
    c.stop_monitoring_schedule(monitoring_schedule_name="s1")
    assert status() is ScheduleStatus.STOPPED
    c.start_monitoring_schedule(monitoring_schedule_name="s1")
    assert status() is ScheduleStatus.SCHEDULED
    new_config = schedule("s1", "mq-def").monitoring_schedule_config
    c.update_monitoring_schedule(
        monitoring_schedule_name="s1", monitoring_schedule_config=new_config
    )
    assert status() is ScheduleStatus.PENDING
    local.clock.advance(5)
    assert status() is ScheduleStatus.SCHEDULED
    local.fail_schedule("s1", "The endpoint churn has no data capture.")
    described = c.describe_monitoring_schedule(monitoring_schedule_name="s1")
    assert described.monitoring_schedule_status is ScheduleStatus.FAILED
    assert described.failure_reason == "The endpoint churn has no data capture."
    assert described.endpoint_name == "churn"


def test_schedule_errors(with_definition: LocalSageMaker) -> None:
    c = with_definition.client
    c.create_monitoring_schedule(schedule("s1", "mq-def"))
    with pytest.raises(ResourceInUse, match="already exists"):
        c.create_monitoring_schedule(schedule("s1", "mq-def"))
    with pytest.raises(ValidationException, match="does not exist"):
        c.create_monitoring_schedule(schedule("s2", "no-such-def"))
    for method in ("describe", "delete", "start", "stop"):
        with pytest.raises(ResourceNotFound):
            getattr(c, f"{method}_monitoring_schedule")(monitoring_schedule_name="nope")


def test_schedule_list_filters_and_pages(with_definition: LocalSageMaker) -> None:
    local, c = with_definition, with_definition.client
    for index in range(12):
        c.create_monitoring_schedule(schedule(f"mq-{index:02}", "mq-def"))
        local.clock.advance(1)
    c.create_monitoring_schedule(inline_schedule("inline-one", endpoint="fraud"))
    c.stop_monitoring_schedule(monitoring_schedule_name="mq-03")
    everything = c.list_monitoring_schedules()
    first = everything.first_page()
    assert len(first.monitoring_schedule_summaries) == 10  # documented default page size
    assert (
        first.monitoring_schedule_summaries[0].monitoring_schedule_name == "inline-one"
    )  # newest first
    assert len(everything.all()) == 13
    assert [
        s.monitoring_schedule_name
        for s in c.list_monitoring_schedules(status_equals=ScheduleStatus.STOPPED)
    ] == ["mq-03"]
    assert [
        s.monitoring_schedule_name for s in c.list_monitoring_schedules(endpoint_name="fraud")
    ] == ["inline-one"]
    assert (
        len(c.list_monitoring_schedules(monitoring_type_equals=MonitoringType.MODEL_QUALITY).all())
        == 12
    )
    assert len(c.list_monitoring_schedules(monitoring_job_definition_name="mq-def").all()) == 12
    assert [
        s.monitoring_schedule_name for s in c.list_monitoring_schedules(name_contains="mq-1")
    ] == ["mq-11", "mq-10"]
    by_name = MonitoringScheduleSortKey.NAME
    listing = c.list_monitoring_schedules(
        max_results=5, sort_by=by_name, sort_order=SortOrder.ASCENDING
    )
    pages = list(listing.pages())
    assert [len(p.monitoring_schedule_summaries) for p in pages] == [5, 5, 3]
    assert listing.next_token is None
    resumed = c.list_monitoring_schedules(
        max_results=5,
        sort_by=by_name,
        sort_order=SortOrder.ASCENDING,
        next_token=pages[0].next_token,
    )
    assert next(iter(resumed)).monitoring_schedule_name == "mq-04"


def test_executions_and_describe_summary(with_definition: LocalSageMaker) -> None:
    local, c = with_definition, with_definition.client
    c.create_monitoring_schedule(schedule("s1", "mq-def"))
    local.clock.advance(5)  # Pending until then
    local.run_execution(
        "s1", ExecutionStatus.FAILED, failure_reason="No ground truth.", duration=30
    )
    (running,) = c.list_monitoring_executions(monitoring_schedule_name="s1")
    assert running.monitoring_execution_status is ExecutionStatus.PENDING
    local.clock.advance(1)
    assert (
        c.list_monitoring_executions()
        .first_page()
        .monitoring_execution_summaries[0]
        .monitoring_execution_status
        is ExecutionStatus.IN_PROGRESS
    )
    local.clock.advance(30)
    (failed,) = c.list_monitoring_executions(status_equals=ExecutionStatus.FAILED)
    assert failed.failure_reason == "No ground truth."
    assert failed.monitoring_job_definition_name == "mq-def"
    local.run_execution("s1", ExecutionStatus.COMPLETED, duration=0)
    summary = c.describe_monitoring_schedule(
        monitoring_schedule_name="s1"
    ).last_monitoring_execution_summary
    assert summary is not None
    assert summary.monitoring_execution_status is ExecutionStatus.COMPLETED
    assert len(c.list_monitoring_executions(monitoring_schedule_name="s1").all()) == 2
    assert c.list_monitoring_executions(monitoring_schedule_name="other").all() == []


def test_alerts_follow_violations(with_definition: LocalSageMaker) -> None:
    local, c = with_definition, with_definition.client
    c.create_monitoring_schedule(schedule("s1", "mq-def"))
    local.clock.advance(5)  # Pending until then
    (alert,) = c.list_monitoring_alerts(monitoring_schedule_name="s1")
    assert alert.alert_status is MonitoringAlertStatus.OK
    name = alert.monitoring_alert_name
    updated = c.update_monitoring_alert(
        monitoring_schedule_name="s1",
        monitoring_alert_name=name,
        datapoints_to_alert=2,
        evaluation_period=3,
    )
    assert updated.monitoring_alert_name == name
    for status in ("CompletedWithViolations", "Completed", "CompletedWithViolations"):
        local.run_execution("s1", ExecutionStatus(status), duration=0)
        local.clock.advance(1)
    (alert,) = c.list_monitoring_alerts(monitoring_schedule_name="s1")
    assert alert.alert_status is MonitoringAlertStatus.IN_ALERT  # 2 violations within the last 3
    history = c.list_monitoring_alert_history(
        monitoring_schedule_name="s1", sort_order=SortOrder.ASCENDING
    ).all()
    assert [h.alert_status for h in history] == [MonitoringAlertStatus.IN_ALERT]
    with pytest.raises(ValidationError, match="cannot exceed EvaluationPeriod"):
        c.update_monitoring_alert(
            monitoring_schedule_name="s1",
            monitoring_alert_name=name,
            datapoints_to_alert=4,
            evaluation_period=3,
        )
    raw = with_definition.boto3_client
    with pytest.raises(raw.exceptions.ClientError) as info:
        raw.update_monitoring_alert(
            MonitoringScheduleName="s1",
            MonitoringAlertName=name,
            DatapointsToAlert=4,
            EvaluationPeriod=3,
        )
    assert info.value.response["Error"]["Code"] == "ValidationException"
    with pytest.raises(ResourceNotFound):
        c.update_monitoring_alert(
            monitoring_schedule_name="s1",
            monitoring_alert_name="nope",
            datapoints_to_alert=1,
            evaluation_period=1,
        )
    with pytest.raises(ResourceNotFound):
        c.list_monitoring_alerts(monitoring_schedule_name="nope").all()


# ----------------------------------------------------------------------------- optimization jobs


def test_optimization_job_status_machine(local_sagemaker: LocalSageMaker) -> None:
    local, c = local_sagemaker, local_sagemaker.client

    def describe(name: str) -> Any:
        return c.describe_optimization_job(optimization_job_name=name)

    c.create_optimization_job(optimization_job("job-ok"))
    assert describe("job-ok").optimization_job_status is OptimizationJobStatus.STARTING
    local.clock.advance(10)
    assert describe("job-ok").optimization_job_status is OptimizationJobStatus.INPROGRESS
    local.clock.advance(300)
    done = describe("job-ok")
    assert done.optimization_job_status is OptimizationJobStatus.COMPLETED
    assert done.optimization_output is not None
    assert done.optimization_end_time - done.optimization_start_time == datetime.timedelta(
        seconds=300
    )

    local.set_optimization_outcome(OptimizationJobStatus.FAILED, reason="Out of GPU memory.")
    c.create_optimization_job(optimization_job("job-bad"))
    local.clock.advance(310)
    assert describe("job-bad").failure_reason == "Out of GPU memory."

    c.create_optimization_job(optimization_job("job-stop", "ModelCompilationConfig"))
    c.stop_optimization_job(optimization_job_name="job-stop")
    assert describe("job-stop").optimization_job_status is OptimizationJobStatus.STOPPING
    local.clock.advance(5)
    assert describe("job-stop").optimization_job_status is OptimizationJobStatus.STOPPED
    with pytest.raises(ValidationException, match="already COMPLETED"):
        c.stop_optimization_job(optimization_job_name="job-ok")
    with pytest.raises(ResourceInUse):
        c.create_optimization_job(optimization_job("job-ok"))

    names = [j.optimization_job_name for j in c.list_optimization_jobs()]
    assert names == ["job-ok", "job-bad", "job-stop"]  # documented default: oldest first
    compiled = c.list_optimization_jobs(optimization_contains="Compilation").all()
    assert [j.optimization_job_name for j in compiled] == ["job-stop"]
    assert compiled[0].optimization_types == ("Compilation",)
    failed = c.list_optimization_jobs(status_equals=OptimizationJobStatus.FAILED).all()
    assert [j.optimization_job_name for j in failed] == ["job-bad"]
    c.delete_optimization_job(optimization_job_name="job-bad")
    with pytest.raises(ResourceNotFound):
        describe("job-bad")


def test_invalid_requests_get_a_validation_exception(local_sagemaker: LocalSageMaker) -> None:
    """Plain boto3 users of the local SageMaker get AWS's answer to an invalid request."""
    request = to_wire(optimization_job("job")) | {"OptimizationJobName": "job_with_underscore"}
    with pytest.raises(local_sagemaker.boto3_client.exceptions.ClientError) as info:
        local_sagemaker.boto3_client.create_optimization_job(**request)
    assert info.value.response["Error"]["Code"] == "ValidationException"
    assert "OptimizationJobName" in info.value.response["Error"]["Message"]


def test_a_client_is_shared_safely_across_threads(with_definition: LocalSageMaker) -> None:
    c = with_definition.client
    for index in range(8):
        c.create_monitoring_schedule(schedule(f"s{index}", "mq-def"))

    def describe(index: int) -> str:
        return c.describe_monitoring_schedule(
            monitoring_schedule_name=f"s{index}"
        ).monitoring_schedule_name

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(describe, list(range(8)) * 4)) == [f"s{i}" for i in range(8)] * 4


def test_responses_are_copies(with_definition: LocalSageMaker) -> None:
    """Mutating what boto3 returned does not change the local SageMaker's state."""
    c = with_definition.client
    c.create_monitoring_schedule(schedule("s1", "mq-def"))
    raw = with_definition.boto3_client.describe_monitoring_schedule(MonitoringScheduleName="s1")
    raw["MonitoringScheduleConfig"]["MonitoringType"] = "DataQuality"
    assert (
        c.describe_monitoring_schedule(
            monitoring_schedule_name="s1"
        ).monitoring_schedule_config.monitoring_type
        is MonitoringType.MODEL_QUALITY
    )
    assert attrs.has(type(c.describe_monitoring_schedule(monitoring_schedule_name="s1")))


# ----------------------------------------------------------------------------- documented behaviour


def test_deleting_a_schedule_keeps_its_execution_history(with_definition: LocalSageMaker) -> None:
    """DeleteMonitoringSchedule "does not delete the job execution history" (API reference)."""
    local, c = with_definition, with_definition.client
    c.create_monitoring_schedule(schedule("s1", "mq-def"))
    local.clock.advance(5)
    local.run_execution("s1", ExecutionStatus.COMPLETED, duration=0)
    local.clock.advance(1)
    local.run_execution("s1", ExecutionStatus.COMPLETED_WITH_VIOLATIONS, duration=0)
    c.delete_monitoring_schedule(monitoring_schedule_name="s1")
    kept = c.list_monitoring_executions(monitoring_schedule_name="s1").all()
    assert [e.monitoring_execution_status for e in kept] == [
        ExecutionStatus.COMPLETED_WITH_VIOLATIONS,
        ExecutionStatus.COMPLETED,
    ]
    assert len(c.list_monitoring_executions().all()) == 2
    # A new schedule of the same name starts with no history of its own.
    c.create_monitoring_schedule(schedule("s1", "mq-def"))
    described = c.describe_monitoring_schedule(monitoring_schedule_name="s1")
    assert described.last_monitoring_execution_summary is None
    (alert,) = c.list_monitoring_alerts(monitoring_schedule_name="s1")
    assert alert.alert_status is MonitoringAlertStatus.OK


def test_names_differing_only_in_case_conflict(with_definition: LocalSageMaker) -> None:
    """SageMaker names ignore case (its ARNs are lower case): one resource per ARN."""
    c = with_definition.client
    arn = c.create_monitoring_schedule(schedule("Churn", "mq-def")).monitoring_schedule_arn
    assert arn.endswith(":monitoring-schedule/churn")
    with pytest.raises(ResourceInUse, match="'Churn' already exists"):
        c.create_monitoring_schedule(schedule("churn", "mq-def"))
    assert [s.monitoring_schedule_arn for s in c.list_monitoring_schedules()] == [arn]
    c.create_optimization_job(optimization_job("Llama-Awq"))
    with pytest.raises(ResourceInUse, match="'Llama-Awq' already exists"):
        c.create_optimization_job(optimization_job("LLAMA-AWQ"))
    assert [j.optimization_job_name for j in c.list_optimization_jobs()] == ["Llama-Awq"]
    # Deleted, the name is free again in any case.
    c.delete_monitoring_schedule(monitoring_schedule_name="Churn")
    c.create_monitoring_schedule(schedule("churn", "mq-def"))


def test_executions_run_on_scheduled_schedules_only(with_definition: LocalSageMaker) -> None:
    local, c = with_definition, with_definition.client
    c.create_monitoring_schedule(schedule("s1", "mq-def"))
    with pytest.raises(SimulationError, match="'s1' is Pending; only a Scheduled") as info:
        local.run_execution("s1")
    assert isinstance(info.value, SagemonError)
    c.wait_for_monitoring_schedule("s1")
    local.run_execution("s1", duration=0)
    c.stop_monitoring_schedule(monitoring_schedule_name="s1")
    with pytest.raises(SimulationError, match=r"is Stopped.*start_monitoring_schedule"):
        local.run_execution("s1")
    c.start_monitoring_schedule(monitoring_schedule_name="s1")
    local.run_execution("s1", duration=0)
    local.fail_schedule("s1", "No data capture.")
    with pytest.raises(SimulationError, match="is Failed"):
        local.run_execution("s1")
    assert len(c.list_monitoring_executions(monitoring_schedule_name="s1").all()) == 2
    with pytest.raises(SimulationError, match="no monitoring schedule 'nope'"):
        local.run_execution("nope")
    with pytest.raises(SimulationError, match="no monitoring schedule 'nope'"):
        local.fail_schedule("nope", "reason")
    with pytest.raises(SimulationError, match="not 'InProgress'"):
        local.run_execution("s1", ExecutionStatus.IN_PROGRESS)
    with pytest.raises(SimulationError, match="COMPLETED or FAILED"):
        local.set_optimization_outcome(OptimizationJobStatus.STOPPED)


_LISTINGS = {
    "ListMonitoringSchedules": {},
    "ListMonitoringExecutions": {},
    "ListMonitoringAlerts": {"MonitoringScheduleName": "s0"},
    "ListMonitoringAlertHistory": {},
    "ListOptimizationJobs": {},
    **{f"List{kind}JobDefinitions": {} for kind in KINDS},
}


@pytest.mark.parametrize("operation", sorted(_LISTINGS))
def test_next_tokens_must_be_issued(with_definition: LocalSageMaker, operation: str) -> None:
    """Any NextToken the service did not hand out is a ValidationException, not a page."""
    raw = with_definition.boto3_client
    raw.create_monitoring_schedule(**to_wire(schedule("s0", "mq-def")))
    method = getattr(raw, xform_name(operation))
    for token in ["-1", "0", "1", "10", "not-a-token", "x" * 8192]:
        with pytest.raises(raw.exceptions.ClientError) as info:
            method(NextToken=token, **_LISTINGS[operation])
        assert info.value.response["Error"]["Code"] == "ValidationException"
        assert "NextToken" in info.value.response["Error"]["Message"]


def test_next_tokens_resume_their_own_listing_only(with_definition: LocalSageMaker) -> None:
    local, raw = with_definition, with_definition.boto3_client
    for index in range(3):
        raw.create_monitoring_schedule(**to_wire(schedule(f"s{index}", "mq-def")))
        raw.create_optimization_job(**to_wire(optimization_job(f"job-{index}")))
    local.clock.advance(5)
    first = raw.list_monitoring_schedules(MaxResults=2, SortBy="Name", SortOrder="Ascending")
    token = first["NextToken"]
    for _ in range(2):  # a token can be used again
        again = raw.list_monitoring_schedules(
            MaxResults=2, SortBy="Name", SortOrder="Ascending", NextToken=token
        )
        assert [s["MonitoringScheduleName"] for s in again["MonitoringScheduleSummaries"]] == ["s2"]
        assert "NextToken" not in again
    with pytest.raises(raw.exceptions.ClientError, match="NextToken"):
        raw.list_optimization_jobs(NextToken=token)
    assert raw.list_monitoring_schedules(NextToken="")["MonitoringScheduleSummaries"]


# ----------------------------------------------------------------------------- tags

_TAGS = [{"Key": "team", "Value": "churn"}, {"Key": "stage", "Value": "dev"}]


def test_tags_of_every_resource(with_definition: LocalSageMaker) -> None:
    """Tags given at Create are kept; AddTags replaces a key's value, DeleteTags removes keys;
    an ARN of a resource that does not exist is refused (moto crashes on them)."""
    raw = with_definition.boto3_client
    arns = [
        raw.create_monitoring_schedule(**to_wire(schedule("s1", "mq-def")), Tags=_TAGS)[
            "MonitoringScheduleArn"
        ],
        raw.create_optimization_job(**to_wire(optimization_job("job")), Tags=_TAGS)[
            "OptimizationJobArn"
        ],
        raw.create_processing_job(
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
            Tags=_TAGS,
        )["ProcessingJobArn"],
        raw.create_data_quality_job_definition(
            **definition_wire("DataQuality", "dq-def"), Tags=_TAGS
        )["JobDefinitionArn"],
    ]
    for arn in arns:
        assert raw.list_tags(ResourceArn=arn)["Tags"] == _TAGS, arn
        added = raw.add_tags(ResourceArn=arn, Tags=[{"Key": "stage", "Value": "prod"}])
        assert added["Tags"] == [{"Key": "stage", "Value": "prod"}]
        raw.add_tags(ResourceArn=arn, Tags=[{"Key": "owner", "Value": "ml"}])
        assert raw.list_tags(ResourceArn=arn)["Tags"] == [
            {"Key": "team", "Value": "churn"},
            {"Key": "stage", "Value": "prod"},
            {"Key": "owner", "Value": "ml"},
        ]
        raw.delete_tags(ResourceArn=arn, TagKeys=["team", "owner", "absent"])
        assert raw.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "stage", "Value": "prod"}]
    raw.delete_monitoring_schedule(MonitoringScheduleName="s1")
    for arn in [arns[0], arns[0].replace("/s1", "/nope"), arns[3].replace("/dq-def", "/nope")]:
        for call, extra in (
            (raw.list_tags, {}),
            (raw.add_tags, {"Tags": _TAGS}),
            (raw.delete_tags, {"TagKeys": ["team"]}),
        ):
            with pytest.raises(raw.exceptions.ClientError) as info:
                call(ResourceArn=arn, **extra)  # type: ignore[operator]
            assert info.value.response["Error"]["Code"] == "ValidationException"
            assert "does not exist" in info.value.response["Error"]["Message"]


def test_tag_requests_are_checked(with_definition: LocalSageMaker) -> None:
    raw = with_definition.boto3_client
    arn = raw.create_monitoring_schedule(**to_wire(schedule("s1", "mq-def")))[
        "MonitoringScheduleArn"
    ]
    assert raw.list_tags(ResourceArn=arn)["Tags"] == []
    for tags, wrong in [
        ([{"Key": "bad\x00key", "Value": "v"}], "Tags[0].Key"),
        ([{"Key": "k", "Value": "v" * 257}], "Tags[0].Value"),
        ([{"Key": f"k{i}", "Value": "v"} for i in range(51)], "Tags"),
    ]:
        with pytest.raises(raw.exceptions.ClientError, match=re.escape(wrong)):
            raw.add_tags(ResourceArn=arn, Tags=tags)
    with pytest.raises(raw.exceptions.ClientError, match="ResourceArn"):
        raw.list_tags(ResourceArn="arn:aws:s3:::bucket")
    many = [{"Key": f"k{i:02}", "Value": "v"} for i in range(50)]
    raw.add_tags(ResourceArn=arn, Tags=many)
    with pytest.raises(raw.exceptions.ClientError, match="at most 50 tags"):
        raw.add_tags(ResourceArn=arn, Tags=[{"Key": "one-more", "Value": "v"}])
    assert raw.list_tags(ResourceArn=arn)["Tags"] == many
