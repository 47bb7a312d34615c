"""Monitors as code: ``sagemon.deploy`` and ``sagemon plan``/``apply``/``export``."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sagemon import Client, from_wire
from sagemon._cli import main
from sagemon._deploy_plan import diff
from sagemon._generated import operations as ops
from sagemon._spec import spec_of
from sagemon.deploy import (
    NAME_TAG,
    STACK_TAG,
    Action,
    ApplyError,
    FolderError,
    Plan,
    apply,
    export,
    plan,
)
from sagemon.enums import OptimizationJobStatus
from sagemon.errors import ResourceNotFound
from sagemon.testing import LocalSageMaker
from tests.extras import needs_server, needs_yaml
from tests.factories import ROLE, definition, definition_wire, optimization_job, schedule

pytestmark = pytest.mark.moto

ALERT = "model-quality-violations"


def _schedule(name: str, definition: str, kind: str = "ModelQuality", **extra: Any) -> Any:
    return {
        "MonitoringScheduleName": name,
        "MonitoringScheduleConfig": {
            "ScheduleConfig": {"ScheduleExpression": "cron(0 * ? * * *)"},
            "MonitoringJobDefinitionName": definition,
            "MonitoringType": kind,
        },
        **extra,
    }


def _write(folder: Path, name: str, document: object) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document))
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A model quality definition and its schedule (with alert settings), a data quality
    definition."""
    root = tmp_path / "monitors"
    _write(root, "quality.json", definition_wire("ModelQuality", "churn-quality"))
    _write(
        root,
        "data.json",
        {
            "operation": "CreateDataQualityJobDefinition",
            "payload": definition_wire("DataQuality", "churn-data"),
        },
    )
    _write(
        root,
        "schedules/hourly.json",
        {
            "operation": "CreateMonitoringSchedule",
            "payload": _schedule(
                "churn-hourly", "churn-quality", Tags=[{"Key": "team", "Value": "ml"}]
            ),
            "alerts": [
                {"MonitoringAlertName": ALERT, "DatapointsToAlert": 2, "EvaluationPeriod": 3}
            ],
        },
    )
    return root


def _edit(path: Path, change: Any) -> None:
    document = json.loads(path.read_text())
    change(document.get("payload", document))
    path.write_text(json.dumps(document))


def _actions(found: Plan) -> dict[tuple[str, str], Action]:
    return {(c.kind.value, c.name): c.action for c in found.changes}


def _tags(client: Client, arn: str) -> dict[str, str]:
    tags = client.boto3_client.list_tags(ResourceArn=arn)["Tags"]
    return {t["Key"]: t["Value"] for t in tags}


# ----------------------------------------------------------------------------- the cycle


def test_an_empty_account_plans_creates_and_apply_makes_them(
    local_sagemaker: LocalSageMaker, folder: Path
) -> None:
    client = local_sagemaker.client
    first = plan(client, folder)
    assert first.has_changes
    assert set(_actions(first).values()) == {Action.CREATE}
    assert len(first.changes) == 3

    result = first.apply(client)

    assert result.done[:2] == (
        "create DataQualityJobDefinition churn-data",
        "create ModelQualityJobDefinition churn-quality",
    )
    assert "create MonitoringSchedule churn-hourly" in result.done
    described = client.describe_monitoring_schedule(monitoring_schedule_name="churn-hourly")
    assert described.monitoring_schedule_config.monitoring_job_definition_name == "churn-quality"
    tags = _tags(client, described.monitoring_schedule_arn)
    assert tags == {"team": "ml", STACK_TAG: "default", NAME_TAG: "churn-hourly"}
    alerts = {
        a.monitoring_alert_name: a
        for a in client.list_monitoring_alerts(monitoring_schedule_name="churn-hourly")
    }
    assert (alerts[ALERT].datapoints_to_alert, alerts[ALERT].evaluation_period) == (2, 3)
    again = plan(client, folder)
    assert not again.has_changes
    assert set(_actions(again).values()) == {Action.NONE}
    assert again.apply(client).done == ()


def test_a_changed_definition_is_replaced_and_its_schedule_repointed(
    local_sagemaker: LocalSageMaker, folder: Path
) -> None:
    client = local_sagemaker.client
    plan(client, folder).apply(client)
    _edit(
        folder / "quality.json",
        lambda p: p["JobResources"]["ClusterConfig"].update(InstanceCount=2),
    )

    found = plan(client, folder)

    actions = _actions(found)
    assert actions[("ModelQualityJobDefinition", "churn-quality")] is Action.REPLACE
    assert actions[("MonitoringSchedule", "churn-hourly")] is Action.UPDATE
    assert actions[("DataQualityJobDefinition", "churn-data")] is Action.NONE
    (replace,) = [c for c in found.changes if c.action is Action.REPLACE]
    assert [str(m) for m in replace.members] == [
        "~ JobResources.ClusterConfig.InstanceCount: 1 -> 2"
    ]
    assert replace.deployed_name == "churn-quality"
    assert replace.new_name is not None
    assert replace.new_name.startswith("churn-quality-")
    (update,) = [c for c in found.changes if c.action is Action.UPDATE]
    assert [m.path for m in update.members] == [
        "MonitoringScheduleConfig.MonitoringJobDefinitionName"
    ]

    done = found.apply(client).done

    assert (
        done.index(f"create ModelQualityJobDefinition {replace.new_name}")
        < done.index("update MonitoringSchedule churn-hourly")
        < done.index("delete ModelQualityJobDefinition churn-quality")
    )
    config = client.describe_monitoring_schedule(
        monitoring_schedule_name="churn-hourly"
    ).monitoring_schedule_config
    assert config.monitoring_job_definition_name == replace.new_name
    names = [d.monitoring_job_definition_name for d in client.list_model_quality_job_definitions()]
    assert names == [replace.new_name]
    new = client.describe_model_quality_job_definition(job_definition_name=replace.new_name)
    assert new.job_resources.cluster_config.instance_count == 2
    assert _tags(client, new.job_definition_arn)[NAME_TAG] == "churn-quality"
    assert not plan(client, folder).has_changes
    # Changed back: replaced again, under the folder's own name (free again).
    _edit(
        folder / "quality.json",
        lambda p: p["JobResources"]["ClusterConfig"].update(InstanceCount=1),
    )
    back = plan(client, folder)
    (replace,) = [c for c in back.changes if c.action is Action.REPLACE]
    assert replace.new_name == "churn-quality"
    back.apply(client)
    assert not plan(client, folder).has_changes


def test_a_changed_schedule_is_updated_in_place_with_its_tags_and_alerts(
    local_sagemaker: LocalSageMaker, folder: Path
) -> None:
    client = local_sagemaker.client
    plan(client, folder).apply(client)

    def change(document: Any) -> None:
        document["MonitoringScheduleConfig"]["ScheduleConfig"]["ScheduleExpression"] = (
            "cron(0 0 ? * * *)"
        )
        document["Tags"] = [{"Key": "team", "Value": "risk"}, {"Key": "tier", "Value": "1"}]

    _edit(folder / "schedules/hourly.json", change)
    document = json.loads((folder / "schedules/hourly.json").read_text())
    document["alerts"][0]["EvaluationPeriod"] = 5
    (folder / "schedules/hourly.json").write_text(json.dumps(document))

    found = plan(client, folder)

    (update,) = found.pending
    assert update.action is Action.UPDATE
    assert [str(m) for m in update.members] == [
        '~ MonitoringScheduleConfig.ScheduleConfig.ScheduleExpression: "cron(0 * ? * * *)" -> '
        '"cron(0 0 ? * * *)"',
        '~ Tags[\'team\']: "ml" -> "risk"',
        "+ Tags['tier'] = \"1\"",
        f"~ alerts['{ALERT}'].EvaluationPeriod: 3 -> 5",
    ]
    found.apply(client)
    described = client.describe_monitoring_schedule(monitoring_schedule_name="churn-hourly")
    expression = described.monitoring_schedule_config.schedule_config.schedule_expression
    assert expression == "cron(0 0 ? * * *)"
    assert _tags(client, described.monitoring_schedule_arn)["tier"] == "1"
    alerts = list(client.list_monitoring_alerts(monitoring_schedule_name="churn-hourly"))
    assert alerts[0].evaluation_period == 5
    assert not plan(client, folder).has_changes


def test_removed_tags_are_deleted(local_sagemaker: LocalSageMaker, folder: Path) -> None:
    client = local_sagemaker.client
    plan(client, folder).apply(client)
    _edit(folder / "schedules/hourly.json", lambda p: p.pop("Tags"))
    (update,) = plan(client, folder).pending
    assert [str(m) for m in update.members] == ["- Tags['team'] (was \"ml\")"]
    update_plan = plan(client, folder)
    update_plan.apply(client)
    arn = client.describe_monitoring_schedule(
        monitoring_schedule_name="churn-hourly"
    ).monitoring_schedule_arn
    assert "team" not in _tags(client, arn)
    assert STACK_TAG in _tags(client, arn)  # sagemon's own tags stay
    assert not plan(client, folder).has_changes


# ----------------------------------------------------------------------------- export


def test_export_writes_files_that_plan_as_no_changes(
    local_sagemaker: LocalSageMaker, folder: Path, tmp_path: Path
) -> None:
    client = local_sagemaker.client
    plan(client, folder).apply(client)
    _edit(
        folder / "quality.json",
        lambda p: p["JobResources"]["ClusterConfig"].update(InstanceCount=2),
    )
    plan(client, folder).apply(client)  # the definition now has a suffixed name
    # Resources made without sagemon: all four kinds, an inline schedule, an optimization job.
    client.create_model_bias_job_definition(definition("ModelBias", "modelbias-x"))
    client.create_model_explainability_job_definition(
        definition("ModelExplainability", "modelexplainability-x")
    )
    client.create_optimization_job(optimization_job("shrink"))

    written = export(client, tmp_path / "exported")

    names = sorted(str(p.relative_to(tmp_path / "exported")) for p in written)
    assert names == [
        "data-quality/churn-data.json",
        "model-bias/modelbias-x.json",
        "model-explainability/modelexplainability-x.json",
        "model-quality/churn-quality.json",
        "optimization-jobs/shrink.json",
        "schedules/churn-hourly.json",
    ]
    schedule = json.loads((tmp_path / "exported/schedules/churn-hourly.json").read_text())
    assert (
        schedule["payload"]["MonitoringScheduleConfig"]["MonitoringJobDefinitionName"]
        == "churn-quality"
    )
    assert schedule["payload"]["Tags"] == [{"Key": "team", "Value": "ml"}]
    assert schedule["alerts"] == [
        {"MonitoringAlertName": ALERT, "DatapointsToAlert": 2, "EvaluationPeriod": 3}
    ]
    quality = json.loads((tmp_path / "exported/model-quality/churn-quality.json").read_text())
    assert quality["operation"] == "CreateModelQualityJobDefinition"
    assert quality["payload"]["JobDefinitionName"] == "churn-quality"
    assert "JobDefinitionArn" not in quality["payload"]
    assert "CreationTime" not in quality["payload"]
    job = json.loads((tmp_path / "exported/optimization-jobs/shrink.json").read_text())
    assert set(job["payload"]) <= set(spec_of(ops.CREATE_OPTIMIZATION_JOB.input).by_wire)

    assert not plan(client, tmp_path / "exported").has_changes
    with pytest.raises(FileExistsError, match="overwrite"):
        export(client, tmp_path / "exported")
    assert len(export(client, tmp_path / "exported", overwrite=True)) == 6


@needs_yaml
def test_export_writes_yaml_that_plans_as_no_changes(
    local_sagemaker: LocalSageMaker, folder: Path, tmp_path: Path
) -> None:
    client = local_sagemaker.client
    plan(client, folder).apply(client)
    written = export(client, tmp_path / "yaml", format="yaml")
    assert {p.suffix for p in written} == {".yaml"}
    assert (
        "operation: CreateMonitoringSchedule"
        in (tmp_path / "yaml/schedules/churn-hourly.yaml").read_text()
    )
    assert not plan(client, tmp_path / "yaml").has_changes


# ----------------------------------------------------------------------------- prune and stacks


def test_resources_the_folder_dropped_are_kept_unless_pruned(
    local_sagemaker: LocalSageMaker, folder: Path
) -> None:
    client = local_sagemaker.client
    plan(client, folder).apply(client)
    (folder / "schedules/hourly.json").unlink()
    (folder / "quality.json").unlink()

    kept = plan(client, folder)
    assert not kept.has_changes
    noted = {c.name: c.notes for c in kept.changes if c.notes}
    assert noted == {
        "churn-hourly": ("not in the folder: kept; --prune deletes it",),
        "churn-quality": ("not in the folder: kept; --prune deletes it",),
    }

    pruned = plan(client, folder, prune=True)
    done = pruned.apply(client).done
    assert done == (
        "delete MonitoringSchedule churn-hourly",
        "delete ModelQualityJobDefinition churn-quality",
    )
    assert list(client.list_monitoring_schedules()) == []
    assert not plan(client, folder, prune=True).has_changes


def test_prune_never_deletes_what_the_stack_did_not_create(
    local_sagemaker: LocalSageMaker, folder: Path
) -> None:
    client = local_sagemaker.client
    client.create_data_quality_job_definition(definition("DataQuality", "by-hand"))
    plan(client, folder, stack="team-a").apply(client)
    other = folder.parent / "other"
    _write(other, "d.json", definition_wire("DataQuality", "team-b-data"))
    plan(client, other, stack="team-b").apply(client)

    pruned = plan(client, other, stack="team-b", prune=True)

    assert not pruned.has_changes
    assert {c.name for c in pruned.changes} == {"team-b-data"}


def test_a_resource_of_another_stack_is_a_problem_not_a_takeover(
    local_sagemaker: LocalSageMaker, folder: Path
) -> None:
    client = local_sagemaker.client
    plan(client, folder, stack="team-a").apply(client)
    with pytest.raises(FolderError) as caught:
        plan(client, folder, stack="team-b")
    problems = caught.value.files[str(folder / "quality.json")]
    assert problems[0].message == (
        "ModelQualityJobDefinition 'churn-quality' is deployed for the stack 'team-a', not 'team-b'"
    )


def test_an_untagged_resource_of_the_same_name_is_adopted(
    local_sagemaker: LocalSageMaker, folder: Path
) -> None:
    client = local_sagemaker.client
    client.create_model_quality_job_definition(definition("ModelQuality", "churn-quality"))
    found = plan(client, folder)
    assert _actions(found)[("ModelQualityJobDefinition", "churn-quality")] is Action.NONE
    found.apply(client)
    assert not plan(client, folder).has_changes


def test_a_replaced_definition_another_schedule_uses_is_kept(
    local_sagemaker: LocalSageMaker, folder: Path
) -> None:
    client = local_sagemaker.client
    plan(client, folder).apply(client)
    client.create_monitoring_schedule(schedule("by-hand", "churn-quality"))
    _edit(folder / "quality.json", lambda p: p.update(RoleArn=ROLE + "2"))

    found = plan(client, folder)

    (replace,) = [c for c in found.changes if c.action is Action.REPLACE]
    assert replace.notes == ("churn-quality is kept: schedule by-hand still use(s) it",)
    done = found.apply(client).done
    assert not any(step.startswith("delete") for step in done)
    client.describe_model_quality_job_definition(job_definition_name="churn-quality")


# ----------------------------------------------------------------------------- optimization jobs


def test_a_changed_optimization_job_is_stopped_deleted_and_created_anew(
    local_sagemaker: LocalSageMaker, tmp_path: Path
) -> None:
    from sagemon import to_wire

    client = local_sagemaker.client
    root = tmp_path / "jobs"
    wire = to_wire(optimization_job("shrink"))
    _write(root, "shrink.json", wire)
    plan(client, root).apply(client)
    assert client.describe_optimization_job(
        optimization_job_name="shrink"
    ).optimization_job_status in (OptimizationJobStatus.STARTING, OptimizationJobStatus.INPROGRESS)
    wire["DeploymentInstanceType"] = "ml.g5.4xlarge"
    _write(root, "shrink.json", wire)

    found = plan(client, root)
    (replace,) = found.pending
    assert replace.action is Action.REPLACE
    assert [str(m) for m in replace.members] == [
        '~ DeploymentInstanceType: "ml.g5.2xlarge" -> "ml.g5.4xlarge"'
    ]
    steps: list[str] = []
    found.apply(client, on_step=steps.append)

    assert steps == [f"create OptimizationJob {replace.new_name}", "delete OptimizationJob shrink"]
    with pytest.raises(ResourceNotFound):
        client.describe_optimization_job(optimization_job_name="shrink")
    assert not plan(client, root).has_changes


# ----------------------------------------------------------------------------- failures


def test_apply_stops_at_the_first_service_error_and_a_rerun_converges(
    local_sagemaker: LocalSageMaker, folder: Path
) -> None:
    client = local_sagemaker.client
    found = plan(client, folder)
    # Someone else takes the schedule's name between plan and apply.
    client.create_model_quality_job_definition(definition("ModelQuality", "elsewhere"))
    client.create_monitoring_schedule(schedule("churn-hourly", "elsewhere"))

    with pytest.raises(ApplyError) as caught:
        found.apply(client)

    error = caught.value
    assert error.done == (
        "create DataQualityJobDefinition churn-data",
        "create ModelQualityJobDefinition churn-quality",
    )
    assert error.failed == "create MonitoringSchedule churn-hourly"
    assert error.not_done == ("set the alerts of MonitoringSchedule churn-hourly",)
    assert error.cause.__class__.__name__ == "ResourceInUse"
    again = plan(client, folder)
    assert _actions(again) == {
        ("DataQualityJobDefinition", "churn-data"): Action.NONE,
        ("ModelQualityJobDefinition", "churn-quality"): Action.NONE,
        ("MonitoringSchedule", "churn-hourly"): Action.UPDATE,
    }
    again.apply(client)
    assert not plan(client, folder).has_changes


def test_every_problem_of_every_file_is_reported_at_once(tmp_path: Path) -> None:
    root = tmp_path / "bad"
    bad = definition_wire("ModelQuality", "q")
    bad["JobResources"]["ClusterConfig"]["InstanceCount"] = 0
    bad["RoleArn"] = "role"
    _write(root, "a.json", bad)
    _write(root, "b.json", definition_wire("ModelQuality", "dup"))
    _write(root, "h.json", definition_wire("ModelQuality", "dup"))
    _write(root, "c.json", {"MonitoringScheduleName": "s"})
    _write(
        root,
        "d.json",
        {"operation": "DescribeMonitoringSchedule", "payload": {"MonitoringScheduleName": "s"}},
    )
    _write(
        root,
        "e.json",
        {**definition_wire("DataQuality", "e"), "Tags": [{"Key": "sagemon:stack", "Value": "x"}]},
    )
    _write(
        root,
        "f.json",
        {
            "operation": "CreateMonitoringSchedule",
            "payload": _schedule("s", "q"),
            "alerts": [{"MonitoringAlertName": "a", "DatapointsToAlert": 0, "EvaluationPeriod": 1}],
        },
    )
    (root / "g.json").write_text("{not json")

    with pytest.raises(FolderError) as caught:
        plan(Client(boto3_client=_unused_client()), root)

    files = {
        Path(name).name: [f"{p.path}: {p.message}" for p in problems]
        for name, problems in caught.value.files.items()
    }
    assert set(files) == {"a.json", "c.json", "d.json", "e.json", "f.json", "g.json", "h.json"}
    assert any(
        line.startswith("JobResources.ClusterConfig.InstanceCount") for line in files["a.json"]
    )
    assert any(line.startswith("RoleArn") for line in files["a.json"])
    assert files["h.json"] == [
        f"JobDefinitionName: ModelQualityJobDefinition 'dup' is also in {root / 'b.json'}"
    ]
    assert "not a resource to deploy" in files["d.json"][0]
    assert files["e.json"][0].startswith("Tags: tag key 'sagemon:stack'")
    assert files["f.json"][0].startswith("alerts[0].DatapointsToAlert")


def _unused_client() -> Any:
    """A boto3 client that fails any call: planning a bad folder must not read the account."""
    import boto3

    return boto3.session.Session(
        aws_access_key_id="x", aws_secret_access_key="x", region_name="us-east-1"
    ).client("sagemaker", endpoint_url="http://127.0.0.1:9")


def test_a_schedule_whose_definition_is_nowhere_is_a_problem(
    local_sagemaker: LocalSageMaker, tmp_path: Path
) -> None:
    root = tmp_path / "s"
    _write(root, "s.json", _schedule("s", "missing"))
    _write(root, "t.json", _schedule("t", "q", kind="DataQuality"))
    _write(root, "q.json", definition_wire("ModelQuality", "q"))
    with pytest.raises(FolderError) as caught:
        plan(local_sagemaker.client, root)
    files = {Path(n).name: [p.message for p in ps] for n, ps in caught.value.files.items()}
    assert files == {
        "s.json": ["no ModelQuality job definition 'missing' in the folder or the account"],
        "t.json": [
            "'q' is a ModelQuality job definition, but the schedule's MonitoringType is DataQuality"
        ],
    }


def test_an_unknown_alert_fails_the_apply_with_the_alerts_there_are(
    local_sagemaker: LocalSageMaker, folder: Path
) -> None:
    document = json.loads((folder / "schedules/hourly.json").read_text())
    document["alerts"][0]["MonitoringAlertName"] = "nope"
    (folder / "schedules/hourly.json").write_text(json.dumps(document))
    with pytest.raises(ApplyError, match=f"has no alert 'nope' \\(it has: {ALERT}\\)"):
        plan(local_sagemaker.client, folder).apply(local_sagemaker.client)


def test_a_bad_stack_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="stack must be"):
        plan(Client(boto3_client=_unused_client()), tmp_path, stack="no spaces")


# ----------------------------------------------------------------------------- comparing


def test_documented_defaults_and_unknown_members_make_no_change() -> None:
    spec = spec_of(ops.CREATE_DATA_QUALITY_JOB_DEFINITION.input)
    wanted = definition_wire("DataQuality", "d")
    deployed = json.loads(json.dumps(wanted))
    endpoint = deployed["DataQualityJobInput"]["EndpointInput"]
    endpoint.update(S3InputMode="File", S3DataDistributionType="FullyReplicated", NewMember=1)
    deployed["SomethingNew"] = {"x": 1}
    assert diff(spec, wanted, deployed) == []
    endpoint["S3InputMode"] = "Pipe"
    assert [str(c) for c in diff(spec, wanted, deployed)] == [
        '- DataQualityJobInput.EndpointInput.S3InputMode (was "Pipe")'
    ]


def test_environment_values_are_never_shown() -> None:
    spec = spec_of(ops.CREATE_DATA_QUALITY_JOB_DEFINITION.input)
    wanted = definition_wire("DataQuality", "d")
    deployed = json.loads(json.dumps(wanted))
    wanted["DataQualityAppSpecification"]["Environment"] = {"TOKEN": "secret-2"}
    deployed["DataQualityAppSpecification"]["Environment"] = {"TOKEN": "secret-1"}
    (change,) = diff(spec, wanted, deployed)
    assert change.sensitive
    assert "secret" not in str(change)
    assert (
        str(change)
        == '~ DataQualityAppSpecification.Environment[\'TOKEN\']: "(sensitive)" -> "(sensitive)"'
    )


_names = st.text("abc-", min_size=1, max_size=5)
_values = st.recursive(
    st.none() | st.integers(-3, 3) | _names,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_names, inner, max_size=3),
    max_leaves=10,
)


@given(
    st.dictionaries(
        st.sampled_from(list(spec_of(ops.CREATE_MODEL_QUALITY_JOB_DEFINITION.input).by_wire)),
        _values,
    )
)
def test_a_value_never_differs_from_itself_and_any_difference_is_reported(
    data: dict[str, Any],
) -> None:
    spec = spec_of(ops.CREATE_MODEL_QUALITY_JOB_DEFINITION.input)
    assert diff(spec, data, json.loads(json.dumps(data))) == []
    for member, value in data.items():
        changed = {**data, member: ["changed"] if value != ["changed"] else None}
        found = diff(spec, changed, data)
        assert found, (member, data)
        assert all(c.path.startswith(member) for c in found)


# ----------------------------------------------------------------------------- the command line


@pytest.fixture
def served() -> Iterator[str]:
    from sagemon.testing import LocalSageMaker

    with LocalSageMaker(server=True) as local:
        assert local.endpoint_url is not None
        yield local.endpoint_url


def _run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)


@needs_server
@pytest.mark.usefixtures("credentials")
def test_the_commands_against_a_served_endpoint(served: str, folder: Path, tmp_path: Path) -> None:
    where = ["--endpoint-url", served, "--region", "us-east-1"]

    status, out, _ = _run("plan", str(folder), *where, "--detailed-exitcode")
    assert status == 2
    assert "+ create    ModelQualityJobDefinition churn-quality" in out
    assert out.endswith("Plan: 3 to create, 0 to update, 0 to replace, 0 to delete; 0 unchanged.\n")

    status, _, err = _run("apply", str(folder), *where)
    assert (status, err) == (
        1,
        "sagemon apply: not applied: pass --yes to apply without a terminal\n",
    )
    status, out, _ = _run("apply", str(folder), *where, "--yes")
    assert status == 0
    assert out.endswith("Applied: 4 steps.\n")

    status, out, _ = _run("plan", str(folder), *where, "--detailed-exitcode")
    assert status == 0
    assert "No changes" in out

    _edit(folder / "quality.json", lambda p: p.update(RoleArn=ROLE + "2"))
    status, out, _ = _run("plan", str(folder), *where, "--detailed-exitcode", "--format", "json")
    assert status == 2
    document = json.loads(out)
    replaced = [c for c in document["changes"] if c["action"] == "replace"]
    assert replaced[0]["members"] == [{"path": "RoleArn", "before": ROLE, "after": ROLE + "2"}]
    assert document["summary"] == {"create": 0, "update": 1, "replace": 1, "delete": 0, "none": 1}
    assert _run("apply", str(folder), *where, "--yes")[0] == 0
    client = Client(region_name="us-east-1", endpoint_url=served)
    used = client.describe_monitoring_schedule(monitoring_schedule_name="churn-hourly")
    new_name = used.monitoring_schedule_config.monitoring_job_definition_name
    assert new_name == replaced[0]["new_name"]
    assert [
        d.monitoring_job_definition_name for d in client.list_model_quality_job_definitions()
    ] == [new_name]

    status, out, _ = _run("export", str(tmp_path / "exported"), *where)
    assert status == 0
    assert out.endswith(f"Exported 3 resources to {tmp_path / 'exported'}\n")
    assert _run("plan", str(tmp_path / "exported"), *where, "--detailed-exitcode")[0] == 0
    assert _run("export", str(tmp_path / "exported"), *where)[0] == 1


@pytest.mark.usefixtures("credentials")
def test_the_commands_report_problems_and_errors_with_status_1(tmp_path: Path) -> None:
    _write(tmp_path / "bad", "a.json", {"MonitoringScheduleName": "s"})
    status, out, _ = _run("plan", str(tmp_path / "bad"), "--region", "us-east-1")
    assert status == 1
    assert out.startswith(f"{tmp_path / 'bad' / 'a.json'}: 1 problem\n  <root>: ")
    status, _, err = _run("plan", str(tmp_path), "--profile", "no-such-profile")
    assert status == 1
    assert "the AWS profile 'no-such-profile' does not exist" in err
    status, _, err = _run("plan", str(tmp_path), "--stack", "a b", "--region", "us-east-1")
    assert status == 1
    assert "stack must be" in err


@needs_server
def test_plan_and_apply_in_other_processes_against_sagemon_serve(folder: Path) -> None:
    """The issue's cycle, every step a process of its own against a ``sagemon serve`` process."""
    import subprocess
    import sys

    from tests.test_serve import _serve, _started

    server = _serve("--clock", "manual")
    try:
        url = _started(server)
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        env |= {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}

        def sagemon(*args: str) -> tuple[int, str]:
            where = ["--endpoint-url", url, "--region", "us-east-1"]
            done = subprocess.run(
                [sys.executable, "-m", "sagemon", *args, *where],
                capture_output=True,
                text=True,
                env=env,
                timeout=120,
                check=False,
            )
            return done.returncode, done.stdout

        assert sagemon("plan", str(folder), "--detailed-exitcode")[0] == 2
        assert sagemon("apply", str(folder), "--yes")[0] == 0
        assert sagemon("plan", str(folder), "--detailed-exitcode")[0] == 0
        _edit(folder / "quality.json", lambda p: p.update(RoleArn=ROLE + "2"))
        status, out = sagemon("plan", str(folder), "--detailed-exitcode")
        assert status == 2
        assert "-/+ replace   ModelQualityJobDefinition churn-quality" in out
        assert sagemon("apply", str(folder), "--yes")[0] == 0
        assert sagemon("plan", str(folder), "--detailed-exitcode")[0] == 0
        assert sagemon("export", str(folder.parent / "exported"))[0] == 0
        assert sagemon("plan", str(folder.parent / "exported"), "--detailed-exitcode")[0] == 0
    finally:
        server.terminate()
        server.communicate(timeout=30)


def test_reads_run_concurrently_within_the_bound_and_report_progress() -> None:
    import threading
    import time

    from sagemon._deploy_plan import Account

    seen: list[tuple[int, int]] = []
    running = peak = 0
    lock = threading.Lock()

    def call(value: int) -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.02)
        with lock:
            running -= 1
        return value * 2

    account = Account(
        Client(boto3_client=_unused_client()), workers=3, progress=lambda *p: seen.append(p)
    )
    results = account.run([lambda v=v: call(v) for v in range(12)])

    assert results == [v * 2 for v in range(12)]
    assert peak == 3
    assert seen[0] == (0, 12)
    assert seen[-1] == (12, 12)


def test_the_first_failed_read_is_raised() -> None:
    from sagemon._deploy_plan import Account

    def fail() -> int:
        raise ResourceNotFound(operation="X", code="ResourceNotFound", message="gone")

    account = Account(Client(boto3_client=_unused_client()), workers=2, progress=None)
    with pytest.raises(ResourceNotFound, match="gone"):
        account.run([lambda: 1, fail, lambda: 3])


# ----------------------------------------------------------------------------- review findings


def test_prune_keeps_a_definition_a_folder_schedule_still_uses(
    local_sagemaker: LocalSageMaker, folder: Path
) -> None:
    client = local_sagemaker.client
    plan(client, folder).apply(client)
    (folder / "quality.json").unlink()  # the schedule still names churn-quality

    found = plan(client, folder, prune=True)

    (kept,) = [c for c in found.changes if c.name == "churn-quality"]
    assert kept.action is Action.NONE
    assert kept.notes == ("not in the folder, but kept: schedule churn-hourly still use(s) it",)
    found.apply(client)
    client.describe_model_quality_job_definition(job_definition_name="churn-quality")


def test_an_interrupted_replace_of_an_adopted_definition_converges_without_leaks(
    local_sagemaker: LocalSageMaker, folder: Path
) -> None:
    client = local_sagemaker.client
    client.create_model_quality_job_definition(definition("ModelQuality", "churn-quality"))
    plan(client, folder).apply(client)
    _edit(folder / "quality.json", lambda p: p.update(RoleArn=ROLE + "2"))
    (replace,) = [c for c in plan(client, folder).changes if c.action is Action.REPLACE]
    # Only the new definition was created before the apply stopped.
    assert replace.request is not None
    client.create_model_quality_job_definition(
        from_wire(ops.CREATE_MODEL_QUALITY_JOB_DEFINITION.input, dict(replace.request))
    )

    found = plan(client, folder)

    assert {(c.action, c.deployed_name) for c in found.pending} == {
        (Action.UPDATE, "churn-hourly"),
        (Action.DELETE, "churn-quality"),
    }
    found.apply(client)
    names = [d.monitoring_job_definition_name for d in client.list_model_quality_job_definitions()]
    assert names == [replace.new_name]
    assert not plan(client, folder).has_changes


def test_export_is_per_stack_and_writes_the_definition_in_use(
    local_sagemaker: LocalSageMaker, folder: Path, tmp_path: Path
) -> None:
    client = local_sagemaker.client
    plan(client, folder, stack="prod").apply(client)
    _edit(folder / "quality.json", lambda p: p.update(RoleArn=ROLE + "2"))
    plan(client, folder, stack="prod").apply(client)
    other = tmp_path / "other"
    _write(other, "d.json", definition_wire("DataQuality", "team-b-data"))
    plan(client, other, stack="team-b").apply(client)

    written = export(client, tmp_path / "prod", stack="prod")

    assert len(written) == 3  # not team-b's
    quality = json.loads((tmp_path / "prod/model-quality/churn-quality.json").read_text())
    assert quality["payload"]["RoleArn"] == ROLE + "2"
    assert not plan(client, tmp_path / "prod", stack="prod").has_changes


def test_a_file_named_twice_is_read_once(local_sagemaker: LocalSageMaker, folder: Path) -> None:
    found = plan(local_sagemaker.client, [folder, folder / "quality.json"])
    assert len(found.changes) == 3


def test_export_refuses_a_folder_of_request_files(
    local_sagemaker: LocalSageMaker, folder: Path
) -> None:
    with pytest.raises(FileExistsError, match="already holds request files"):
        export(local_sagemaker.client, folder)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda c: plan(c, 123), TypeError, "expected a path or a list of paths"),
        (lambda c: plan(c, [b"/tmp"]), TypeError, "a list of bytes"),
        (lambda c: plan(c, []), ValueError, "no folder given"),
        (lambda c: plan(c, ".", workers=0), ValueError, "workers must be"),
        (lambda c: plan(c, ".", workers="4"), ValueError, "workers must be"),
        (lambda c: plan(c, ".", max_bytes="1"), ValueError, "max_bytes must be"),
        (lambda c: plan(None, "."), TypeError, "client must be a sagemon.Client, not NoneType"),
        (lambda c: export(c, 5), TypeError, "directory must be a path"),
        (lambda c: export(c, ".", format="xml"), ValueError, "format must be"),
        (lambda c: apply(c, "plan"), TypeError, "plan must be a sagemon.deploy.Plan"),
    ],
)
def test_bad_arguments_are_clear_errors(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call(Client(boto3_client=_unused_client()))


@pytest.mark.usefixtures("credentials")
def test_usage_errors_of_plan_exit_1_not_changes_pending(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        _run("plan", str(tmp_path), "--detailed-exitcode", "--workers", "0")
    assert caught.value.code == 1


@pytest.mark.usefixtures("credentials")
def test_plan_json_reports_problems_as_json(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", {"MonitoringScheduleName": "s", "alerts": []})
    status, out, _ = _run("plan", str(tmp_path), "--format", "json", "--region", "us-east-1")
    assert status == 1
    (problem,) = json.loads(out)["problems"][str(tmp_path / "a.json")]
    assert problem["path"] == "alerts"
    assert "names its operation" in problem["message"]


def test_the_json_plan_shows_what_a_create_sends_with_secrets_masked(
    local_sagemaker: LocalSageMaker, folder: Path
) -> None:
    _edit(
        folder / "data.json",
        lambda p: p["DataQualityAppSpecification"].update(Environment={"TOKEN": "s3cret"}),
    )
    found = plan(local_sagemaker.client, folder)
    (data,) = [c.to_dict() for c in found.changes if c.name == "churn-data"]
    request: Any = data["request"]
    assert request["DataQualityAppSpecification"]["Environment"] == {"TOKEN": "(sensitive)"}
    assert request["JobDefinitionName"] == "churn-data"
    assert "s3cret" not in json.dumps(found.to_dict())


def test_progress_is_a_line_on_a_terminal_and_nothing_elsewhere() -> None:
    from sagemon._deploy_cli import _Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    with _Progress(terminal, "reading the account") as progress:
        assert progress is not None
        progress(0, 6)
        progress(6, 6)
    assert terminal.getvalue() == ("\rreading the account: 0/6\rreading the account: 6/6\r\x1b[K")
    with _Progress(io.StringIO(), "reading the account") as progress:
        assert progress is None


def test_a_create_lists_every_member_it_sets(local_sagemaker: LocalSageMaker, folder: Path) -> None:
    found = plan(local_sagemaker.client, folder)
    (schedule,) = [c for c in found.changes if c.kind.value == "MonitoringSchedule"]
    assert [str(m) for m in schedule.members] == [
        '+ MonitoringScheduleConfig.ScheduleConfig.ScheduleExpression = "cron(0 * ? * * *)"',
        '+ MonitoringScheduleConfig.MonitoringJobDefinitionName = "churn-quality"',
        '+ MonitoringScheduleConfig.MonitoringType = "ModelQuality"',
        "+ Tags['team'] = \"ml\"",
        f"+ alerts['{ALERT}'].DatapointsToAlert = 2",
        f"+ alerts['{ALERT}'].EvaluationPeriod = 3",
    ]
    (quality,) = [c for c in found.changes if c.name == "churn-quality"]
    assert "+ JobResources.ClusterConfig.InstanceCount = 1" in [str(m) for m in quality.members]


def test_secrets_stay_masked_when_a_list_grows_or_shrinks() -> None:
    from sagemon import to_wire

    spec = spec_of(ops.CREATE_OPTIMIZATION_JOB.input)
    deployed = to_wire(optimization_job("shrink"))
    wanted = json.loads(json.dumps(deployed))
    wanted["OptimizationConfigs"].append(
        {"ModelCompilationConfig": {"OverrideEnvironment": {"TOKEN": "s3cret"}}}
    )
    changes = diff(spec, wanted, deployed)
    assert [str(c) for c in changes] == [
        "+ OptimizationConfigs[1].ModelCompilationConfig.OverrideEnvironment['TOKEN'] = "
        '"(sensitive)"'
    ]
    removed = diff(spec, deployed, wanted)
    assert "s3cret" not in json.dumps([c.to_dict() for c in removed])
    assert [c.path for c in removed] == ["OptimizationConfigs[1]"]


@needs_server
@pytest.mark.usefixtures("credentials")
@pytest.mark.parametrize(("answer", "status"), [("yes\n", 0), ("y\n", 1), ("", 1)])
def test_apply_asks_on_a_terminal_and_applies_only_on_yes(
    served: str, folder: Path, monkeypatch: pytest.MonkeyPatch, answer: str, status: int
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal(answer))
    where = ["--endpoint-url", served, "--region", "us-east-1"]
    done, out, err = _run("apply", str(folder), *where)
    assert done == status
    assert "Apply these changes? Only 'yes' applies them: " in out
    applied = _run("plan", str(folder), *where, "--detailed-exitcode")[0] == 0
    assert applied is (status == 0)
    assert err == ("" if status == 0 else "sagemon apply: not applied\n")
