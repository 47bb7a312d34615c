"""Applying a plan in a safe order, and exporting an account as a folder of request files."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from sagemon._deploy_model import (
    DEFAULT_STACK,
    DEFINITIONS,
    KINDS,
    Action,
    Change,
    Plan,
    ResourceKind,
)
from sagemon._deploy_plan import MAX_WORKERS, Deployed, Progress, choose, read_account
from sagemon._generated import operations as ops
from sagemon._spec import spec_of
from sagemon.errors import ApplyError, Problem, SagemonError, ValidationError

if TYPE_CHECKING:
    from sagemon._client import Client

__all__ = ["ApplyResult", "apply", "export"]

_RUNNING = ("STARTING", "INPROGRESS", "STOPPING")


@attrs.frozen
class ApplyResult:
    """What applying a plan did: each step, in order."""

    done: tuple[str, ...]


ApplyResult.__module__ = "sagemon.deploy"


class _Step(NamedTuple):
    what: str
    run: Callable[[Client], None]
    kind: ResourceKind


_DELETE_ORDER = {
    kind: 0
    if kind is ResourceKind.MONITORING_SCHEDULE
    else 2
    if kind is ResourceKind.OPTIMIZATION_JOB
    else 1
    for kind in ResourceKind
}


def apply(
    client: Client,
    plan: Plan,
    *,
    on_step: Callable[[str], None] | None = None,
    stop_timeout: float = 3600.0,
) -> ApplyResult:
    """Apply ``plan`` with ``client``, one step at a time, in a safe order.

    Job definitions and optimization jobs are created first, then schedules are created and
    updated (repointed to replaced definitions), tags and alerts set, and only then is anything
    deleted: schedules before the definitions they used, running optimization jobs stopped
    first (waiting up to ``stop_timeout`` seconds). ``on_step`` is told each step before it
    runs. The first failure stops it: :class:`~sagemon.errors.ApplyError` says what was done,
    what failed and what was not done. Planning and applying again converges from there.
    """
    from sagemon._client import Client

    if not isinstance(client, Client):
        raise TypeError(f"client must be a sagemon.Client, not {type(client).__name__}")
    if not isinstance(plan, Plan):
        raise TypeError(f"plan must be a sagemon.deploy.Plan, not {type(plan).__name__}")
    steps = _steps(plan, stop_timeout)
    done: list[str] = []
    for index, step in enumerate(steps):
        if on_step is not None:
            on_step(step.what)
        try:
            step.run(client)
        except SagemonError as exc:
            raise ApplyError(done, step.what, [s.what for s in steps[index + 1 :]], exc) from exc
        done.append(step.what)
    return ApplyResult(tuple(done))


def _steps(plan: Plan, stop_timeout: float) -> list[_Step]:
    creates: list[_Step] = []
    updates: list[_Step] = []
    settings: list[_Step] = []
    deletes: list[_Step] = []
    for change in plan.changes:
        label = f"{change.kind.value} {change.name}"
        if change.action in (Action.CREATE, Action.REPLACE) and change.request is not None:
            target = creates if change.kind is not ResourceKind.MONITORING_SCHEDULE else updates
            target.append(
                _Step(f"create {change.kind.value} {change.new_name}", _create(change), change.kind)
            )
            if change.alerts:
                settings.append(
                    _Step(
                        f"set the alerts of {label}", _alerts(change, change.new_name), change.kind
                    )
                )
            if change.action is Action.REPLACE and not change.keep_deployed:
                deletes.append(
                    _Step(
                        f"delete {change.kind.value} {change.deployed_name}",
                        _delete(change, stop_timeout),
                        change.kind,
                    )
                )
        elif change.action is Action.UPDATE:
            if change.request is not None:
                updates.append(_Step(f"update {label}", _update(change), change.kind))
            if change.tags_to_add or change.tags_to_remove:
                settings.append(_Step(f"set the tags of {label}", _tags(change), change.kind))
            if change.alerts:
                settings.append(
                    _Step(
                        f"set the alerts of {label}",
                        _alerts(change, change.deployed_name),
                        change.kind,
                    )
                )
        elif change.action is Action.DELETE:
            deletes.append(
                _Step(
                    f"delete {change.kind.value} {change.deployed_name}",
                    _delete(change, stop_timeout),
                    change.kind,
                )
            )
    # Schedules go before the definitions they use; optimization jobs last (they may wait).
    deletes.sort(key=lambda step: _DELETE_ORDER[step.kind])
    return [*creates, *updates, *settings, *deletes]


def _create(change: Change) -> Callable[[Client], None]:
    def run(client: Client) -> None:
        op = KINDS[change.kind].create
        client._call(op, _request(op.input, change.request), {})

    return run


def _update(change: Change) -> Callable[[Client], None]:
    def run(client: Client) -> None:
        op = ops.UPDATE_MONITORING_SCHEDULE
        client._call(op, _request(op.input, change.request), {})

    return run


def _request(cls: Any, wire: Mapping[str, object] | None) -> Any:
    from sagemon._wire import from_wire

    return from_wire(cls, dict(wire or {}))


def _tags(change: Change) -> Callable[[Client], None]:
    def run(client: Client) -> None:
        if change.tags_to_add:
            client._send_untyped(
                "AddTags",
                "add_tags",
                ResourceArn=change.deployed_arn,
                Tags=[{"Key": k, "Value": v} for k, v in change.tags_to_add.items()],
            )
        if change.tags_to_remove:
            client._send_untyped(
                "DeleteTags",
                "delete_tags",
                ResourceArn=change.deployed_arn,
                TagKeys=list(change.tags_to_remove),
            )

    return run


def _alerts(change: Change, schedule: str | None) -> Callable[[Client], None]:
    def run(client: Client) -> None:
        known = {
            alert.monitoring_alert_name
            for alert in client._list(
                ops.LIST_MONITORING_ALERTS, None, {"monitoring_schedule_name": schedule}
            )
        }
        for name, (points, period) in change.alerts.items():
            if name not in known:
                raise ValidationError(
                    [
                        Problem(
                            f"alerts[{json.dumps(name)}]",
                            f"schedule {schedule!r} has no alert {name!r} (it has: "
                            f"{', '.join(sorted(known)) or 'none'})",
                        )
                    ]
                )
            client._call(
                ops.UPDATE_MONITORING_ALERT,
                None,
                {
                    "monitoring_schedule_name": schedule,
                    "monitoring_alert_name": name,
                    "datapoints_to_alert": points,
                    "evaluation_period": period,
                },
            )

    return run


def _delete(change: Change, stop_timeout: float) -> Callable[[Client], None]:
    def run(client: Client) -> None:
        info = KINDS[change.kind]
        (member,) = spec_of(info.delete.input).members
        if change.kind is ResourceKind.OPTIMIZATION_JOB:
            _stop(client, str(change.deployed_name), stop_timeout)
        client._run(info.delete, None, {member.python: change.deployed_name})

    return run


def _stop(client: Client, name: str, timeout: float) -> None:
    """Stop an optimization job that is still running, and wait until it has stopped."""
    from sagemon.errors import WaitTimeoutError

    describe = ops.DESCRIBE_OPTIMIZATION_JOB
    status = client._call(describe, None, {"optimization_job_name": name}).optimization_job_status
    if status.value not in _RUNNING:
        return
    if status.value != "STOPPING":
        client._run(ops.STOP_OPTIMIZATION_JOB, None, {"optimization_job_name": name})
    clock = client._clock
    start = clock.monotonic()
    while True:
        found = client._call(describe, None, {"optimization_job_name": name})
        if found.optimization_job_status.value not in _RUNNING:
            return
        elapsed = clock.monotonic() - start
        if elapsed >= timeout:
            status_text = found.optimization_job_status.value
            raise WaitTimeoutError(
                f"optimization job {name!r}",
                status_text,
                None,
                f"optimization job {name!r} is still {status_text} after {elapsed:.0f}s "
                f"(timeout {timeout:g}s): it must stop before it can be deleted",
            )
        clock.sleep(min(15.0, max(timeout - elapsed, 0.0)))


# ----------------------------------------------------------------------------- export


def export(
    client: Client,
    directory: str | os.PathLike[str],
    *,
    stack: str = DEFAULT_STACK,
    format: str = "json",
    overwrite: bool = False,
    workers: int = MAX_WORKERS,
    progress: Progress | None = None,
) -> list[Path]:
    """Write every job definition, monitoring schedule (with its alerts' settings) and
    optimization job of the account as request files under ``directory``.

    One file per resource, in a folder per kind (``data-quality/``, ``model-quality/``,
    ``model-bias/``, ``model-explainability/``, ``schedules/``, ``optimization-jobs/``), each
    ``{"operation": "Create...", "payload": REQUEST}`` (schedules add ``"alerts"``) in JSON, or
    YAML with ``format="yaml"`` (needs PyYAML). Read-only members are left out, so planning the
    folder for ``stack`` against the same account shows no changes: resources tagged for other
    stacks are left out, and a replaced job definition is written under its folder name. A
    folder that already holds request files is refused unless ``overwrite``. Returns the files
    written.
    """
    from sagemon._deploy_plan import check_options

    check_options(client, stack=stack, workers=workers)
    if not isinstance(directory, (str, os.PathLike)):
        raise TypeError(f"directory must be a path, not {type(directory).__name__}")
    if format not in ("json", "yaml"):
        raise ValueError(f"format must be 'json' or 'yaml', not {format!r}")
    dump = _dumper(format)
    root = Path(directory)
    if not overwrite and root.is_dir():
        from sagemon._cli import _request_files

        found = sorted(_request_files(root, []))
        if found:
            more = f" and {len(found) - 1} more" if len(found) > 1 else ""
            raise FileExistsError(
                f"{root} already holds request files ({found[0]}{more}): export to a new folder, "
                "or overwrite (--force)"
            )
    account, deployed = read_account(client, workers=workers, progress=progress)
    in_use = {s.uses for s in deployed[ResourceKind.MONITORING_SCHEDULE] if s.uses is not None}
    chosen: dict[tuple[ResourceKind, str], Deployed] = {}
    for kind, resources in deployed.items():
        groups: dict[str, list[Deployed]] = {}
        for resource in resources:
            if resource.stack in (None, stack):
                groups.setdefault(resource.logical, []).append(resource)
        for logical, group in groups.items():
            current = choose(group, logical, in_use)
            if current is not None:
                chosen[(kind, logical)] = current
    account.run([functools.partial(account.describe, r) for r in chosen.values()])
    schedules = [r for (k, _), r in chosen.items() if k is ResourceKind.MONITORING_SCHEDULE]
    account.run([functools.partial(account.alerts, r) for r in schedules])
    logical_of = {(r.kind, r.name): logical for (_, logical), r in chosen.items()}
    files: dict[Path, str] = {}
    for (kind, logical), resource in sorted(chosen.items(), key=lambda i: (i[0][0].value, i[0][1])):
        files[root / KINDS[kind].folder / f"{logical}.{format}"] = dump(
            _document(kind, logical, resource, logical_of)
        )
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)


def _document(
    kind: ResourceKind,
    logical: str,
    resource: Any,
    logical_of: Mapping[tuple[ResourceKind, str], str],
) -> dict[str, object]:
    info = KINDS[kind]
    payload: dict[str, Any] = {**(resource.request or {}), info.name: logical}
    if kind is ResourceKind.MONITORING_SCHEDULE:
        config = dict(payload.get("MonitoringScheduleConfig") or {})
        used = config.get("MonitoringJobDefinitionName")
        if used is not None:
            for definition in DEFINITIONS:
                if (definition, used) in logical_of and config.get("MonitoringType") in (
                    None,
                    KINDS[definition].monitoring_type,
                ):
                    config["MonitoringJobDefinitionName"] = logical_of[(definition, used)]
                    break
            payload["MonitoringScheduleConfig"] = config
    tags = resource.user_tags
    if tags:
        payload["Tags"] = [{"Key": k, "Value": v} for k, v in tags.items()]
    document: dict[str, object] = {"operation": info.create.name, "payload": payload}
    if kind is ResourceKind.MONITORING_SCHEDULE and resource.alerts:
        document["alerts"] = [
            {"MonitoringAlertName": name, "DatapointsToAlert": points, "EvaluationPeriod": period}
            for name, (points, period) in sorted(resource.alerts.items())
        ]
    return document


def _dumper(format: str) -> Callable[[dict[str, object]], str]:
    from sagemon._files import _plain, _yaml_support, dump_yaml

    if format == "yaml":
        _yaml_support()  # needs PyYAML: say so before the account is read
        return dump_yaml
    return lambda doc: json.dumps(_plain(doc), indent=2, ensure_ascii=False) + "\n"
