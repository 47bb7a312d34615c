"""Clients no one here wrote, against ``sagemon serve`` in its own process: the AWS CLI and the
SageMaker Python SDK v2's four monitor classes.

They run only when ``SAGEMON_INTEROP`` is set (they take a while, and need clients that are no
dependency of sagemon's): ``nox -s interop`` installs them (``awscli``, ``sagemaker<3``) and runs
this file alone.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sagemon.testing import LocalSageMakerControl
from tests.extras import needs_server
from tests.factories import KINDS, definition_wire, optimization_job
from tests.test_serve import _serve, _started

pytestmark = [
    pytest.mark.moto,
    needs_server,
    pytest.mark.skipif(
        not os.environ.get("SAGEMON_INTEROP"), reason="runs in nox -s interop (SAGEMON_INTEROP=1)"
    ),
]

_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}
ROLE = "arn:aws:iam::123456789012:role/Monitor"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """``sagemon serve`` with a real clock 60 times as fast: these clients sleep between polls."""
    process = _serve("--speed", "60")
    try:
        yield _started(process)
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err


# ----------------------------------------------------------------------------- the AWS CLI


def _aws(url: str, *args: str, text: bool = False) -> Any:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()} | _CREDENTIALS
    done = subprocess.run(
        ["aws", "--endpoint-url", url, "--output", "json", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, (args, done.stderr)
    if text:
        return done.stdout
    return json.loads(done.stdout) if done.stdout.strip() else None


def test_the_aws_cli(endpoint: str, tmp_path: Path) -> None:
    if shutil.which("aws") is None:
        pytest.skip("needs the AWS CLI: nox -s interop installs it")
    sm = ("sagemaker",)
    for kind in KINDS:
        request = tmp_path / f"{kind}.json"
        request.write_text(json.dumps(definition_wire(kind, f"cli-{kind.lower()}")))
        dashed = {"DataQuality": "data-quality", "ModelQuality": "model-quality"}.get(
            kind, kind.replace("Model", "model-").lower()
        )
        _aws(
            endpoint,
            *sm,
            f"create-{dashed}-job-definition",
            "--cli-input-json",
            f"file://{request}",
        )
        described = _aws(
            endpoint,
            *sm,
            f"describe-{dashed}-job-definition",
            "--job-definition-name",
            f"cli-{kind.lower()}",
        )
        assert described["JobDefinitionName"] == f"cli-{kind.lower()}"
    config = {
        "ScheduleConfig": {"ScheduleExpression": "cron(0 * ? * * *)"},
        "MonitoringJobDefinitionName": "cli-dataquality",
        "MonitoringType": "DataQuality",
    }
    arn = _aws(
        endpoint,
        *sm,
        "create-monitoring-schedule",
        "--monitoring-schedule-name",
        "cli-s",
        "--monitoring-schedule-config",
        json.dumps(config),
        "--tags",
        "Key=team,Value=churn",
    )["MonitoringScheduleArn"]
    time.sleep(0.2)  # 5 clock seconds Pending
    _aws(
        endpoint,
        *sm,
        "update-monitoring-schedule",
        "--monitoring-schedule-name",
        "cli-s",
        "--monitoring-schedule-config",
        json.dumps(config),
    )
    time.sleep(0.2)
    described = _aws(
        endpoint, *sm, "describe-monitoring-schedule", "--monitoring-schedule-name", "cli-s"
    )
    assert described["MonitoringScheduleStatus"] == "Scheduled"
    LocalSageMakerControl(endpoint).run_execution("cli-s", duration=30)
    time.sleep(1)
    runs = _aws(endpoint, *sm, "list-monitoring-executions", "--monitoring-schedule-name", "cli-s")
    (run,) = runs["MonitoringExecutionSummaries"]
    assert run["MonitoringExecutionStatus"] == "Completed"
    job = _aws(
        endpoint,
        *sm,
        "describe-processing-job",
        "--processing-job-name",
        run["ProcessingJobArn"].rsplit("/", 1)[1],
    )
    assert job["ProcessingJobStatus"] == "Completed"
    listed = _aws(endpoint, "s3", "ls", "--recursive", "s3://bucket/reports/", text=True)
    assert "/cli-s/" in listed
    assert "statistics.json" in listed
    _aws(endpoint, *sm, "add-tags", "--resource-arn", arn, "--tags", "Key=stage,Value=dev")
    _aws(endpoint, *sm, "delete-tags", "--resource-arn", arn, "--tag-keys", "team")
    assert _aws(endpoint, *sm, "list-tags", "--resource-arn", arn)["Tags"] == [
        {"Key": "stage", "Value": "dev"}
    ]
    _aws(endpoint, *sm, "stop-monitoring-schedule", "--monitoring-schedule-name", "cli-s")
    _aws(endpoint, *sm, "start-monitoring-schedule", "--monitoring-schedule-name", "cli-s")
    alerts = _aws(endpoint, *sm, "list-monitoring-alerts", "--monitoring-schedule-name", "cli-s")
    assert len(alerts["MonitoringAlertSummaries"]) == 1
    _aws(endpoint, *sm, "delete-monitoring-schedule", "--monitoring-schedule-name", "cli-s")
    request = tmp_path / "optimization.json"
    from sagemon import to_wire

    request.write_text(json.dumps(to_wire(optimization_job("cli-opt"))))
    _aws(endpoint, *sm, "create-optimization-job", "--cli-input-json", f"file://{request}")
    _aws(endpoint, *sm, "stop-optimization-job", "--optimization-job-name", "cli-opt")
    time.sleep(0.2)
    stopped = _aws(endpoint, *sm, "describe-optimization-job", "--optimization-job-name", "cli-opt")
    assert stopped["OptimizationJobStatus"] == "STOPPED"
    _aws(endpoint, *sm, "delete-optimization-job", "--optimization-job-name", "cli-opt")


# ----------------------------------------------------------------------------- the SageMaker SDK

_MONITORS = [
    "DefaultModelMonitor",
    "ModelQualityMonitor",
    "ModelBiasMonitor",
    "ModelExplainabilityMonitor",
]


@pytest.fixture(scope="module")
def session(endpoint: str) -> Any:
    sagemaker = pytest.importorskip("sagemaker", reason="needs sagemaker<3: nox -s interop")
    import boto3

    boto = boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    )
    s3 = boto.client("s3", endpoint_url=endpoint)
    s3.create_bucket(Bucket="bucket")
    made = sagemaker.Session(
        boto_session=boto,
        sagemaker_client=boto.client("sagemaker", endpoint_url=endpoint),
        sagemaker_runtime_client=boto.client("sagemaker-runtime", endpoint_url=endpoint),
        default_bucket="bucket",
    )
    made.s3_client = s3
    made.s3_resource = boto.resource("s3", endpoint_url=endpoint)
    return made


def _create(kind: str, monitor: Any, name: str) -> None:
    from sagemaker.clarify import BiasConfig, ModelConfig, SHAPConfig
    from sagemaker.model_monitor import (
        BiasAnalysisConfig,
        CronExpressionGenerator,
        EndpointInput,
        ExplainabilityAnalysisConfig,
    )

    common: dict[str, Any] = {
        "output_s3_uri": "s3://bucket/reports",
        "schedule_cron_expression": CronExpressionGenerator.hourly(),
        "monitor_schedule_name": name,
    }
    if kind == "DefaultModelMonitor":
        monitor.create_monitoring_schedule(endpoint_input="churn", **common)
    elif kind == "ModelQualityMonitor":
        monitor.create_monitoring_schedule(
            endpoint_input="churn",
            ground_truth_input="s3://bucket/ground-truth",
            problem_type="BinaryClassification",
            **common,
        )
    elif kind == "ModelBiasMonitor":
        monitor.create_monitoring_schedule(
            analysis_config=BiasAnalysisConfig(
                BiasConfig(label_values_or_threshold=[1], facet_name="a"),
                headers=["label", "a", "b"],
                label="label",
            ),
            endpoint_input=EndpointInput(
                endpoint_name="churn",
                destination="/opt/ml/processing/input/endpoint",
                start_time_offset="-PT1H",
                end_time_offset="-PT0H",
                probability_threshold_attribute=0.8,
            ),
            ground_truth_input="s3://bucket/ground-truth",
            **common,
        )
    else:
        monitor.create_monitoring_schedule(
            analysis_config=ExplainabilityAnalysisConfig(
                SHAPConfig(baseline=[[1, 2]], num_samples=10, agg_method="mean_abs"),
                model_config=ModelConfig(
                    model_name="model", instance_count=1, instance_type="ml.m5.xlarge"
                ),
                headers=["a", "b"],
            ),
            endpoint_input="churn",
            **common,
        )


@pytest.mark.parametrize("kind", _MONITORS)
def test_the_sagemaker_sdk_monitors(endpoint: str, session: Any, kind: str) -> None:
    """create, describe, update, list executions, attach, stop, start, delete."""
    from sagemaker import model_monitor

    monitor_class = getattr(model_monitor, kind)
    monitor = monitor_class(
        role=ROLE, instance_count=1, instance_type="ml.m5.xlarge", sagemaker_session=session
    )
    name = f"sdk-{kind.lower()[:-7]}"
    _create(kind, monitor, name)
    assert monitor.describe_schedule()["MonitoringScheduleName"] == name
    time.sleep(0.2)  # Pending for 5 clock seconds
    monitor.update_monitoring_schedule(max_runtime_in_seconds=1200)  # waits for Scheduled
    LocalSageMakerControl(endpoint).run_execution(name, "CompletedWithViolations", duration=30)  # type: ignore[arg-type]
    time.sleep(1)
    (execution,) = monitor.list_executions()
    assert execution.describe()["ProcessingJobStatus"] == "Completed"
    if kind == "DefaultModelMonitor":
        violations = monitor.latest_monitoring_constraint_violations()
        assert violations.body_dict["violations"]
    attached = monitor_class.attach(name, sagemaker_session=session)
    assert attached.monitoring_schedule_name == name
    monitor.stop_monitoring_schedule()
    assert monitor.describe_schedule()["MonitoringScheduleStatus"] == "Stopped"
    monitor.start_monitoring_schedule()
    monitor.delete_monitoring_schedule()
