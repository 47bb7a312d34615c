"""The full lifecycle over real HTTP: job definitions go to moto's server on 127.0.0.1."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3.session
import pytest

from sagemon.enums import MonitoringJobDefinitionSortKey, ScheduleStatus, SortOrder
from sagemon.errors import ResourceNotFound
from sagemon.testing import LocalSageMaker, local_sagemaker
from tests.extras import needs_server
from tests.factories import definition, schedule

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def server() -> Iterator[LocalSageMaker]:
    with local_sagemaker(server=True) as local:
        yield local


def _plain_client(endpoint_url: str) -> Any:
    """A boto3 client on the same server, without the local SageMaker's fake attached."""
    session = boto3.session.Session(
        aws_access_key_id="a", aws_secret_access_key="b", region_name="us-east-1"
    )
    return session.client("sagemaker", endpoint_url=endpoint_url)


@needs_server
def test_lifecycle_over_http(server: LocalSageMaker) -> None:
    assert server.endpoint_url is not None
    assert server.endpoint_url.startswith("http://127.0.0.1:")
    c = server.client
    http_statuses: list[int] = []
    server.boto3_client.meta.events.register(
        "after-call.sagemaker",
        lambda http_response, **_: http_statuses.append(http_response.status_code),
    )
    for name, endpoint in [("churn-a", "churn"), ("churn-b", "churn"), ("fraud-a", "fraud")]:
        c.create_model_quality_job_definition(definition("ModelQuality", name, endpoint=endpoint))  # type: ignore[arg-type]

    # The definitions live in the server: a client without the fake sees them.
    plain = _plain_client(server.endpoint_url)
    assert (
        plain.describe_model_quality_job_definition(JobDefinitionName="churn-a")[
            "JobDefinitionName"
        ]
        == "churn-a"
    )

    described = c.describe_model_quality_job_definition(job_definition_name="churn-b")
    assert described.model_quality_job_input.endpoint_input is not None
    assert described.model_quality_job_input.endpoint_input.endpoint_name == "churn"
    by_name = MonitoringJobDefinitionSortKey.NAME
    listing = c.list_model_quality_job_definitions(
        endpoint_name="churn", max_results=1, sort_by=by_name, sort_order=SortOrder.ASCENDING
    )
    pages = list(listing.pages())
    assert [
        [s.monitoring_job_definition_name for s in p.job_definition_summaries] for p in pages
    ] == [
        ["churn-a"],
        ["churn-b"],
    ]
    assert [
        s.monitoring_job_definition_name
        for s in c.list_model_quality_job_definitions(name_contains="fraud")
    ] == ["fraud-a"]

    c.create_monitoring_schedule(schedule("churn-hourly", "churn-a"))
    server.clock.advance(5)
    c.update_monitoring_schedule(
        monitoring_schedule_name="churn-hourly",
        monitoring_schedule_config=schedule("churn-hourly", "churn-b").monitoring_schedule_config,
    )
    waited = c.wait_for_monitoring_schedule("churn-hourly", poll_interval=1)
    assert waited.monitoring_schedule_status is ScheduleStatus.SCHEDULED
    described_schedule = c.describe_monitoring_schedule(monitoring_schedule_name="churn-hourly")
    assert described_schedule.monitoring_schedule_config.monitoring_job_definition_name == "churn-b"
    c.stop_monitoring_schedule(monitoring_schedule_name="churn-hourly")
    assert (
        c.describe_monitoring_schedule(
            monitoring_schedule_name="churn-hourly"
        ).monitoring_schedule_status
        is ScheduleStatus.STOPPED
    )
    c.start_monitoring_schedule(monitoring_schedule_name="churn-hourly")
    assert (
        c.describe_monitoring_schedule(
            monitoring_schedule_name="churn-hourly"
        ).monitoring_schedule_status
        is ScheduleStatus.SCHEDULED
    )

    c.delete_monitoring_schedule(monitoring_schedule_name="churn-hourly")
    for name in ("churn-a", "churn-b", "fraud-a"):
        c.delete_model_quality_job_definition(job_definition_name=name)
    with pytest.raises(ResourceNotFound) as info:
        c.describe_model_quality_job_definition(job_definition_name="churn-a")
    assert info.value.http_status == 400
    assert info.value.request_id
    with pytest.raises(ResourceNotFound):
        c.describe_monitoring_schedule(monitoring_schedule_name="churn-hourly")
    assert 200 in http_statuses


def _a_few_calls(local: LocalSageMaker) -> None:
    local.client.create_data_quality_job_definition(definition("DataQuality", "dq"))  # type: ignore[arg-type]
    assert _plain_client(local.endpoint_url or "").list_data_quality_job_definitions()
    with pytest.raises(ResourceNotFound):
        local.client.delete_model_bias_job_definition(job_definition_name="nope")


@needs_server
def test_server_mode_prints_nothing() -> None:
    """A fresh process, so no earlier test has configured werkzeug's logger."""
    script = (
        "from sagemon.testing import local_sagemaker\n"
        "from tests.test_http import _a_few_calls\n"
        "with local_sagemaker(server=True) as local:\n"
        "    _a_few_calls(local)\n"
        "print('done')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "done\n", "")


@needs_server
def test_server_mode_logs_requests_when_asked(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG), local_sagemaker(server=True) as local:
        _a_few_calls(local)
    assert not [r for r in caplog.records if r.name == "werkzeug"]
    requests = [r.getMessage() for r in caplog.records if r.name == "sagemon.testing"]
    assert any('"POST / HTTP/1.1" 200' in m for m in requests), requests
    assert any('"POST / HTTP/1.1" 400' in m for m in requests), requests
    assert all(r.levelno == logging.DEBUG for r in caplog.records if r.name == "sagemon.testing")


def test_server_mode_without_its_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "flask", None)
    with pytest.raises(ImportError, match=r"pip install 'sagemon\[server\]'"):
        LocalSageMaker(server=True)
    LocalSageMaker()  # in-process needs moto alone
