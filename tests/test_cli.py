"""The sagemon command: validate for pipeline CI, and the demo."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import sagemon
import sagemon._wire
from sagemon import Problem, ValidationError, to_json, to_wire
from sagemon._cli import main
from tests.extras import needs_yaml
from tests.factories import definition_wire, optimization_job, schedule
from tests.test_files import alias_bomb

REALWORLD = Path(__file__).parent / "realworld"
SCHEDULE_OPERATIONS = "CreateMonitoringSchedule, UpdateMonitoringSchedule"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def usage_error(*argv: str) -> str:
    """What the command prints to stderr when ``argv`` is a usage error (exit status 2)."""
    err = io.StringIO()
    with pytest.raises(SystemExit) as info:
        main(list(argv), io.StringIO(), err)
    assert info.value.code == 2
    return err.getvalue()


def schedule_wire(name: str = "churn-hourly") -> dict[str, Any]:
    return {**to_wire(schedule("churn-hourly", "churn-quality")), "MonitoringScheduleName": name}


def yaml_text(data: Any) -> str:
    import yaml

    text: str = yaml.safe_dump(data)
    return text


@needs_yaml
def test_valid_files_pass(tmp_path: Path) -> None:
    (tmp_path / "job.json").write_text(to_json(optimization_job("job")))
    (tmp_path / "quality.yaml").write_text(yaml_text(definition_wire("ModelQuality", "churn")))
    status, out, err = run("validate", str(tmp_path / "job.json"), str(tmp_path / "quality.yaml"))
    assert (status, err) == (0, "")
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
    status, out, _ = run("validate", str(path))
    assert status == 1
    lines = out.splitlines()
    assert lines[0] == f"{path}: CreateDataQualityJobDefinitionRequest: 3 problems"
    assert lines[1].startswith("  JobDefinitionName: 'churn_quality' has an underscore")
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
    status, out, _ = run("validate", str(tmp_path / "both.json"))
    assert status == 1
    assert "DataQualityJobInput: set EndpointInput or BatchTransformInput, not both" in out


def test_a_file_several_operations_fit_is_checked_against_each(tmp_path: Path) -> None:
    path = tmp_path / "describe.json"
    path.write_text(json.dumps({"MonitoringScheduleName": "churn"}))
    status, out, _ = run("validate", str(path))
    assert status == 0
    fits = (
        "DeleteMonitoringSchedule, DescribeMonitoringSchedule, ListMonitoringAlertHistory, "
        "ListMonitoringAlerts, ListMonitoringExecutions, StartMonitoringSchedule, "
        "StopMonitoringSchedule"
    )
    assert out == f"{path}: {fits}: OK\n"
    path.write_text(json.dumps({"MonitoringScheduleName": "churn_v2"}))
    status, out, _ = run("validate", str(path))
    assert status == 1
    shapes = ", ".join(f"{name}Request" for name in fits.split(", "))
    assert out.splitlines()[0] == f"{path}: {shapes}: 1 problem"
    assert out.splitlines()[1].startswith("  MonitoringScheduleName: 'churn_v2' ")


@needs_yaml
def test_a_schedule_fits_create_and_update(tmp_path: Path) -> None:
    (tmp_path / "schedule.json").write_text(json.dumps(schedule_wire()))
    status, out, _ = run("validate", str(tmp_path / "schedule.json"))
    assert (status, out) == (0, f"{tmp_path / 'schedule.json'}: {SCHEDULE_OPERATIONS}: OK\n")
    tagged = {**schedule_wire(), "Tags": [{"Key": "team", "Value": "churn"}]}
    (tmp_path / "tagged.json").write_text(json.dumps(tagged))
    status, out, _ = run("validate", str(tmp_path / "tagged.json"))
    assert (status, out) == (0, f"{tmp_path / 'tagged.json'}: CreateMonitoringSchedule: OK\n")
    broken = schedule_wire()
    broken["MonitoringScheduleConfig"]["ScheduleConfig"]["ScheduleExpression"] = "hourly"
    (tmp_path / "broken.yaml").write_text(yaml_text(broken))
    status, out, _ = run("validate", str(tmp_path / "broken.yaml"))
    assert status == 1
    assert out.startswith(
        f"{tmp_path / 'broken.yaml'}: CreateMonitoringScheduleRequest, "
        "UpdateMonitoringScheduleRequest: 1 problem\n"
        "  MonitoringScheduleConfig.ScheduleConfig.ScheduleExpression: "
    )


def test_a_file_is_ok_only_if_valid_for_every_operation_it_fits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = sagemon._wire.validate_wire

    def stricter_update(cls: Any, data: Any) -> Any:
        if cls.__name__ == "UpdateMonitoringScheduleRequest":
            raise ValidationError([Problem("MonitoringScheduleName", "taken")], "Update")
        return real(cls, data)

    monkeypatch.setattr(sagemon._wire, "validate_wire", stricter_update)
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(schedule_wire()))
    status, out, _ = run("validate", str(path))
    assert (status, out) == (
        1,
        f"{path}: UpdateMonitoringScheduleRequest: 1 problem\n  MonitoringScheduleName: taken\n",
    )
    status, out, _ = run("validate", "--format", "json", str(path))
    assert json.loads(out)["problems"] == [
        {
            "path": "MonitoringScheduleName",
            "message": "taken",
            "operations": ["UpdateMonitoringSchedule"],
        }
    ]


def test_the_operation_can_be_given(tmp_path: Path) -> None:
    path = tmp_path / "describe.json"
    path.write_text(json.dumps({"MonitoringScheduleName": "churn"}))
    status, out, _ = run("validate", "--operation", "DescribeMonitoringSchedule", str(path))
    assert (status, out) == (0, f"{path}: DescribeMonitoringSchedule: OK\n")
    status, out, _ = run("validate", "-o", "stop_monitoring_schedule", str(path))
    assert (status, out) == (0, f"{path}: StopMonitoringSchedule: OK\n")
    status, out, _ = run("validate", "-o", "CreateMonitoringSchedule", str(path))
    assert status == 1
    assert "  MonitoringScheduleConfig: required" in out


def test_an_unknown_operation_is_a_usage_error() -> None:
    err = usage_error("validate", "-o", "DescribeMonitoringSchedules", "file.json")
    assert "usage: sagemon validate" in err
    assert "unknown operation 'DescribeMonitoringSchedules'" in err
    assert "did you mean DescribeMonitoringSchedule or DeleteMonitoringSchedule?" in err
    assert "valid operations: CreateDataQualityJobDefinition, " in err
    assert ", UpdateMonitoringSchedule" in err


def test_no_operation_fits(tmp_path: Path) -> None:
    path = tmp_path / "typo.json"
    path.write_text(json.dumps({"MonitoringScheduleNam": "churn"}))
    status, out, _ = run("validate", str(path))
    assert status == 1
    assert out.splitlines()[1] == (
        "  <root>: no operation's request has a member MonitoringScheduleNam"
        " (did you mean MonitoringScheduleName?); pass --operation NAME"
    )
    path.write_text(json.dumps({"MonitoringScheduleName": "churn", "NameContains": "c"}))
    status, out, _ = run("validate", str(path))
    assert status == 1
    assert "closest: DeleteMonitoringSchedule has no NameContains" in out


def test_realworld_files_are_understood() -> None:
    """The envelope {"operation", "payload"} names the operation; the INDEX says which are valid."""
    clean = REALWORLD / "cfn-user-guide__CreateModelQualityJobDefinition__1.json"
    broken = REALWORLD / "sagemaker-python-sdk-v2-serve__CreateOptimizationJob__4.json"
    assert run("validate", str(clean)) == (0, f"{clean}: CreateModelQualityJobDefinition: OK\n", "")
    status, out, _ = run("validate", str(clean), str(broken))
    assert status == 1
    assert "StoppingCondition: required" in out


def test_a_bad_envelope_never_stops_the_other_files(tmp_path: Path) -> None:
    """Reproducer: ``{"operation": ["x"], ...}`` raised TypeError and skipped every later file."""
    (tmp_path / "op.json").write_text('{"operation": ["x"], "payload": {}}')
    (tmp_path / "payload.json").write_text('{"operation": "StopMonitoringSchedule", "payload": 1}')
    (tmp_path / "name.json").write_text('{"operation": "StopMonitoringSchedul", "payload": {}}')
    (tmp_path / "ok.json").write_text(json.dumps(schedule_wire()))
    names = ["op.json", "payload.json", "name.json", "ok.json"]
    status, out, err = run("validate", *(str(tmp_path / name) for name in names))
    assert (status, err) == (1, "")
    assert out.replace(f"{tmp_path}{os.sep}", "").splitlines() == [
        "op.json: 1 problem",
        "  operation: expected an operation name, got a list",
        "payload.json: 1 problem",
        "  payload: expected an object (the request), got an integer",
        "name.json: 1 problem",
        out.splitlines()[5],
        f"ok.json: {SCHEDULE_OPERATIONS}: OK",
    ]
    assert out.splitlines()[5].startswith(
        "  operation: unknown operation 'StopMonitoringSchedul'; did you mean StopMonitoringSchedule"
    )


def test_an_internal_error_is_reported_and_the_other_files_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = sagemon._wire.validate_wire
    calls = []

    def broken_once(cls: Any, data: Any) -> Any:
        calls.append(cls)
        if len(calls) == 1:
            raise TypeError("unhashable type: 'list'")
        return real(cls, data)

    monkeypatch.setattr(sagemon._wire, "validate_wire", broken_once)
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text(to_json(optimization_job("job")))
    status, out, err = run("validate", str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert status == 2
    assert err == f"{tmp_path / 'a.json'}: internal error: TypeError: unhashable type: 'list'\n"
    assert out == f"{tmp_path / 'b.json'}: CreateOptimizationJob: OK\n"
    assert "Traceback" not in out + err


def test_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "ok.json").write_text(json.dumps(schedule_wire()))
    status, out, err = run("validate", str(tmp_path / "missing.json"), str(tmp_path / "ok.json"))
    assert status == 2
    assert err == f"{tmp_path / 'missing.json'}: cannot read: No such file or directory\n"
    assert out == f"{tmp_path / 'ok.json'}: {SCHEDULE_OPERATIONS}: OK\n"
    (tmp_path / "list.json").write_text("[1, 2]")
    status, out, _ = run("validate", str(tmp_path / "list.json"))
    assert status == 1
    assert "<root>: a request file holds an object, not a list" in out
    (tmp_path / "broken.json").write_text("{")
    assert "<root>: not valid JSON" in run("validate", str(tmp_path / "broken.json"))[1]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifos_and_devices_are_refused_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")  # nobody writes to it: reading would never end
    (tmp_path / "ok.json").write_text(json.dumps(schedule_wire()))
    paths = [str(tmp_path / "pipe.json"), "/dev/zero", str(tmp_path / "ok.json")]
    status, out, err = run("validate", *paths)
    assert status == 2
    assert err.splitlines() == [
        f"{tmp_path / 'pipe.json'}: cannot read: not a regular file (a FIFO)",
        "/dev/zero: cannot read: not a regular file (a character device)",
    ]
    assert out == f"{tmp_path / 'ok.json'}: {SCHEDULE_OPERATIONS}: OK\n"


def test_the_size_limit_can_be_raised(tmp_path: Path) -> None:
    path = tmp_path / "job.json"
    path.write_text(to_json(optimization_job("job")) + " " * 5000)
    status, _, err = run("validate", "--max-bytes", "4k", str(path))
    assert (status, err) == (2, f"{path}: cannot read: larger than the limit of 4,096 bytes\n")
    assert run("validate", "--max-bytes", "1M", str(path))[0] == 0
    assert run("validate", str(path))[0] == 0  # the default, 1 MiB
    assert "argument --max-bytes: expected a size" in usage_error(
        "validate", "--max-bytes", "x", "-"
    )


@needs_yaml
def test_an_alias_bomb_is_refused(tmp_path: Path) -> None:
    """Reproducer: 448 bytes of YAML took 98 s and 3.1 GB; the node budget refuses it at once."""
    (tmp_path / "bomb.yaml").write_text(alias_bomb())
    status, out, _ = run("validate", "--operation", "CreateMonitoringSchedule", str(tmp_path))
    assert status == 1
    assert out.splitlines() == [
        f"{tmp_path / 'bomb.yaml'}: 1 problem",
        "  <root>: YAML aliases expand the document beyond 1,048,576 values"
        " (the budget is one value per byte of the size limit)",
    ]


def test_yaml_without_pyyaml_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "yaml", None)
    (tmp_path / "job.json").write_text(to_json(optimization_job("job")))
    (tmp_path / "schedule.yaml").write_text("MonitoringScheduleName: churn-hourly\n")
    status, out, err = run("validate", str(tmp_path))
    assert (status, out) == (2, f"{tmp_path / 'job.json'}: CreateOptimizationJob: OK\n")
    assert err == (
        f"{tmp_path / 'schedule.yaml'}: YAML support needs PyYAML: pip install 'sagemon[yaml]'\n"
    )


def test_deep_json_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    status, out, _ = run("validate", str(tmp_path / "deep.json"))
    assert status == 1
    assert "  <root>: nested more than 100 levels deep" in out


@needs_yaml
def test_duplicate_keys_are_problems(tmp_path: Path) -> None:
    text = json.dumps(schedule_wire())
    text = text.replace('"ScheduleConfig": {', '"ScheduleConfig": {"ScheduleExpression": "x", ', 1)
    (tmp_path / "twice.json").write_text(text)
    (tmp_path / "twice.yaml").write_text(
        yaml_text(schedule_wire()) + "MonitoringScheduleName: other\n"
    )
    status, out, _ = run("validate", str(tmp_path))
    assert status == 1
    assert out.replace(f"{tmp_path}{os.sep}", "").splitlines() == [
        f"twice.json: {SCHEDULE_OPERATIONS.replace(',', 'Request,')}Request: 1 problem",
        "  MonitoringScheduleConfig.ScheduleConfig.ScheduleExpression: duplicate key"
        " 'ScheduleExpression'; only the last value would be used",
        f"twice.yaml: {SCHEDULE_OPERATIONS.replace(',', 'Request,')}Request: 1 problem",
        "  MonitoringScheduleName: duplicate key 'MonitoringScheduleName';"
        " only the last value would be used",
    ]


@needs_yaml
def test_directories_are_searched_in_sorted_order(tmp_path: Path) -> None:
    """A mixed folder (definitions, schedules, JSON and YAML, nested) in one command."""
    (tmp_path / "monitoring" / "schedules").mkdir(parents=True)
    (tmp_path / "monitoring" / ".cache").mkdir()
    (tmp_path / "monitoring" / "b-quality.yml").write_text(
        yaml_text(definition_wire("ModelQuality", "churn"))
    )
    (tmp_path / "monitoring" / "a-job.JSON").write_text(to_json(optimization_job("job")))
    (tmp_path / "monitoring" / "schedules" / "hourly.yaml").write_text(yaml_text(schedule_wire()))
    (tmp_path / "monitoring" / "notes.txt").write_text("not a request")
    (tmp_path / "monitoring" / ".cache" / "junk.json").write_text("{")
    (tmp_path / "monitoring" / ".hidden.json").write_text("{")
    (tmp_path / "z.json").write_text(json.dumps({"MonitoringScheduleName": "z"}))
    status, out, err = run(
        "validate", "-o", "CreateMonitoringSchedule", str(tmp_path / "z.json"), "--format", "text"
    )
    assert status == 1
    status, out, err = run("validate", str(tmp_path / "monitoring"), str(tmp_path / "z.json"))
    assert (status, err) == (0, "")
    assert [line.split(": ")[0] for line in out.splitlines()] == [
        str(tmp_path / "monitoring" / "a-job.JSON"),
        str(tmp_path / "monitoring" / "b-quality.yml"),
        str(tmp_path / "monitoring" / "schedules" / "hourly.yaml"),
        str(tmp_path / "z.json"),
    ]
    (tmp_path / "empty").mkdir()
    status, out, err = run("validate", str(tmp_path / "empty"))
    assert (status, out) == (2, "")
    assert err == f"{tmp_path / 'empty'}: no *.json, *.yaml, *.yml files in this directory\n"


def test_a_directory_that_cannot_be_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok.json").write_text(json.dumps(schedule_wire()))
    real_walk = os.walk

    def walk(top: Any, onerror: Any = None, **options: Any) -> Any:
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        return real_walk(top, onerror=onerror, **options)

    monkeypatch.setattr(os, "walk", walk)
    status, out, err = run("validate", "--format", "json", str(tmp_path))
    assert status == 2
    assert err == f"{tmp_path / 'locked'}: cannot read: Permission denied\n"
    assert [json.loads(line)["ok"] for line in out.splitlines()] == [True, False]


@needs_yaml
def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    for text in (json.dumps(schedule_wire()), yaml_text(schedule_wire())):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
        assert run("validate", "-") == (0, f"<stdin>: {SCHEDULE_OPERATIONS}: OK\n", "")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"{" * 2000)))
    status, _, err = run("validate", "--max-bytes", "1000", "-")
    assert (status, err) == (2, "<stdin>: cannot read: larger than the limit of 1,000 bytes\n")


def test_json_output(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(schedule_wire()))
    (tmp_path / "b.json").write_text(json.dumps(schedule_wire("churn_v2")))
    (tmp_path / "c.json").write_text("{")
    status, out, err = run("validate", "--format", "json", str(tmp_path), str(tmp_path / "d.json"))
    assert status == 2
    assert err == f"{tmp_path / 'd.json'}: cannot read: No such file or directory\n"
    records = [json.loads(line) for line in out.splitlines()]
    operations = SCHEDULE_OPERATIONS.split(", ")
    assert records[0] == {
        "path": str(tmp_path / "a.json"),
        "operations": operations,
        "ok": True,
        "problems": [],
        "error": None,
    }
    assert records[1]["ok"] is False
    assert records[1]["operations"] == operations
    [problem] = records[1]["problems"]
    assert problem["path"] == "MonitoringScheduleName"
    assert problem["message"].startswith("'churn_v2' ")
    assert problem["operations"] == operations
    assert records[2]["problems"] == [
        {"path": "<root>", "message": records[2]["problems"][0]["message"], "operations": []}
    ]
    assert records[2]["problems"][0]["message"].startswith("not valid JSON")
    assert records[3] == {
        "path": str(tmp_path / "d.json"),
        "operations": [],
        "ok": False,
        "problems": [],
        "error": "cannot read: No such file or directory",
    }


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    with pytest.raises(SystemExit) as info:
        main(["--version"], out)
    assert (info.value.code, out.getvalue()) == (0, f"sagemon {sagemon.__version__}\n")
    for command, words in {
        "demo": "local SageMaker",
        "validate": "Exit status: 0 all valid, 1 problems found, 2",
    }.items():
        out = io.StringIO()
        with pytest.raises(SystemExit) as info:
            main([command, "--help"], out)
        assert info.value.code == 0
        assert f"usage: sagemon {command}" in out.getvalue()
        assert words in " ".join(out.getvalue().split())


def test_demo_without_moto_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "moto", None)
    assert run("demo") == (
        1,
        "sagemon demo runs against the local SageMaker, which needs moto:\n"
        "  pip install 'sagemon[testing]'\n",
        "",
    )


@pytest.mark.moto
def test_demo_tells_the_whole_story() -> None:
    status, out, _ = run("demo")
    assert status == 0
    for expected in (
        "1. Suggest a baseline",
        "suggested <ModelQualityConstraints: BinaryClassification, 11 thresholds>",
        "relaxed the auc threshold to 0.85",
        "2. Build a model quality job definition",
        "call .ground_truth(s3_uri)",
        "MaxRuntimeInSeconds 5400 exceeds the 1800 s allowed for an hourly ModelQuality schedule",
        "schedule is Scheduled (ModelQuality)",
        "model quality definition churn-model-quality on churn-endpoint",
        "execution finished: CompletedWithViolations",
        "reports under s3://churn-ml/reports/quality/churn-endpoint/churn-quality-hourly/",
        "is LessThanThreshold 0.850",  # the edited baseline's threshold
        "alert model-quality-violations: InAlert",
        "STARTING -> INPROGRESS -> COMPLETED",
    ):
        assert expected in out


@needs_yaml
def test_the_installed_command(tmp_path: Path) -> None:
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
    piped = subprocess.run(
        [sys.executable, "-m", "sagemon", "validate", "-"],
        input=yaml_text(schedule_wire()),
        capture_output=True,
        text=True,
        check=False,
    )
    assert (piped.returncode, piped.stdout) == (0, f"<stdin>: {SCHEDULE_OPERATIONS}: OK\n")
    usage = subprocess.run(
        [sys.executable, "-m", "sagemon"], capture_output=True, text=True, check=False
    )
    assert usage.returncode == 2
    assert "demo" in usage.stderr
    assert "validate" in usage.stderr


class ClosedPipe(io.StringIO):
    """Standard output piped into a command that has exited (``sagemon validate . | head``)."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path) -> None:
    (tmp_path / "job.json").write_text(to_json(optimization_job("job")))
    err = io.StringIO()
    assert main(["validate", str(tmp_path / "job.json")], ClosedPipe(), err) == 2
    assert err.getvalue() == ""


@pytest.mark.parametrize("argv", [["validate"], ["nope"], ["validate", "--format", "xml", "-"]])
def test_usage_errors(argv: list[str]) -> None:
    assert "usage: sagemon" in usage_error(*argv)


def test_to_wire_is_what_validate_reads(tmp_path: Path) -> None:
    job = optimization_job("job")
    (tmp_path / "job.json").write_text(json.dumps(to_wire(job)))
    assert run("validate", str(tmp_path / "job.json"))[0] == 0
