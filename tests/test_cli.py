"""The sagemon command: validate for pipeline CI, and the demo."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sagemon import to_json, to_wire
from sagemon._cli import main
from tests.factories import definition_wire, optimization_job

REALWORLD = Path(__file__).parent / "realworld"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), out)
    return status, out.getvalue()


def test_valid_files_pass(tmp_path: Path) -> None:
    (tmp_path / "job.json").write_text(to_json(optimization_job("job")))
    (tmp_path / "quality.yaml").write_text(yaml.safe_dump(definition_wire("ModelQuality", "churn")))
    status, out = run("validate", str(tmp_path / "job.json"), str(tmp_path / "quality.yaml"))
    assert status == 0
    assert out.splitlines() == [
        f"{tmp_path / 'job.json'}: CreateOptimizationJob: OK",
        f"{tmp_path / 'quality.yaml'}: CreateModelQualityJobDefinition: OK",
    ]


def test_every_problem_is_printed_with_its_path(tmp_path: Path) -> None:
    data = definition_wire("DataQuality", "churn_quality")
    data["JobResources"]["ClusterConfig"]["InstanceType"] = "ml.m5.10xlarge"
    data["DataQualityJobInput"]["BatchTransformInput"] = definition_wire(
        "DataQuality", "x", batch=True
    )["DataQualityJobInput"]["BatchTransformInput"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    status, out = run("validate", str(path))
    assert status == 1
    lines = out.splitlines()
    assert lines[0] == f"{path}: CreateDataQualityJobDefinitionRequest: 3 problems"
    assert lines[1].startswith("  JobDefinitionName: 'churn_quality' does not match")
    assert lines[2].startswith("  JobResources.ClusterConfig.InstanceType: 'ml.m5.10xlarge' is not")
    # Broken rules are listed with broken members (they used to wait until members were valid).
    assert lines[3].startswith(
        "  DataQualityJobInput: set EndpointInput or BatchTransformInput, not"
    )


def test_rules_are_checked_too(tmp_path: Path) -> None:
    data = definition_wire("DataQuality", "churn")
    data["DataQualityJobInput"]["BatchTransformInput"] = definition_wire(
        "DataQuality", "x", batch=True
    )["DataQualityJobInput"]["BatchTransformInput"]
    (tmp_path / "both.json").write_text(json.dumps(data))
    status, out = run("validate", str(tmp_path / "both.json"))
    assert status == 1
    assert "DataQualityJobInput: set EndpointInput or BatchTransformInput, not both" in out


def test_operation_can_be_given(tmp_path: Path) -> None:
    (tmp_path / "describe.json").write_text(json.dumps({"MonitoringScheduleName": "churn"}))
    status, out = run("validate", str(tmp_path / "describe.json"))
    assert status == 1
    assert "could be DeleteMonitoringSchedule, DescribeMonitoringSchedule, " in out
    assert "StopMonitoringSchedule; pass --operation NAME" in out
    assert "pass --operation NAME" in out
    assert (
        run(
            "validate", "--operation", "DescribeMonitoringSchedule", str(tmp_path / "describe.json")
        )[0]
        == 0
    )
    assert (
        run("validate", "-o", "stop_monitoring_schedule", str(tmp_path / "describe.json"))[0] == 0
    )
    status, out = run(
        "validate", "-o", "DescribeMonitoringSchedules", str(tmp_path / "describe.json")
    )
    assert status == 1
    assert "did you mean DescribeMonitoringSchedule" in out


def test_realworld_files_are_understood() -> None:
    """The envelope {"operation", "payload"} names the operation; the INDEX says which are valid."""
    clean = REALWORLD / "cfn-user-guide__CreateModelQualityJobDefinition__1.json"
    broken = REALWORLD / "sagemaker-python-sdk-v2-serve__CreateOptimizationJob__4.json"
    assert run("validate", str(clean)) == (0, f"{clean}: CreateModelQualityJobDefinition: OK\n")
    status, out = run("validate", str(clean), str(broken))
    assert status == 1
    assert "StoppingCondition: required" in out


def test_unreadable_files(tmp_path: Path) -> None:
    status, out = run("validate", str(tmp_path / "missing.json"))
    assert status == 2
    assert "cannot read" in out
    (tmp_path / "list.json").write_text("[1, 2]")
    status, out = run("validate", str(tmp_path / "list.json"))
    assert status == 1
    assert "a request file holds an object" in out
    (tmp_path / "broken.json").write_text("{")
    assert "not valid JSON" in run("validate", str(tmp_path / "broken.json"))[1]


def test_demo_tells_the_whole_story() -> None:
    status, out = run("demo")
    assert status == 0
    for expected in (
        "1. Build a model quality job definition",
        "call .ground_truth(s3_uri)",
        "MaxRuntimeInSeconds 5400 exceeds the 1800 s allowed for an hourly ModelQuality schedule",
        "schedule is Scheduled (ModelQuality)",
        "model quality definition churn-model-quality on churn-endpoint",
        "execution finished: CompletedWithViolations",
        "STARTING -> INPROGRESS -> COMPLETED",
    ):
        assert expected in out


def test_the_installed_command() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sagemon",
            "validate",
            str(REALWORLD / "moto__CreateModelQualityJobDefinition__1.json"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (
        done.returncode,
        done.stdout.strip().endswith("CreateModelQualityJobDefinition: OK"),
    ) == (0, True)
    usage = subprocess.run(
        [sys.executable, "-m", "sagemon"], capture_output=True, text=True, check=False
    )
    assert usage.returncode == 2
    assert "demo" in usage.stderr
    assert "validate" in usage.stderr


@pytest.mark.parametrize("argv", [["validate"], ["nope"]])
def test_usage_errors(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv, io.StringIO())
    assert info.value.code == 2


def test_to_wire_is_what_validate_reads(tmp_path: Path) -> None:
    job = optimization_job("job")
    (tmp_path / "job.json").write_text(json.dumps(to_wire(job)))
    assert run("validate", str(tmp_path / "job.json"))[0] == 0
