"""The values of monitors as code: resource kinds, member changes, changes and plans.

A :class:`Plan` says, for every resource of a folder (and every resource the stack manages that
the folder no longer has), what applying it does. It holds plain wire data only, so platform
code can inspect it, render it, or send it on as JSON.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from sagemon._generated import operations as ops
from sagemon._spec import Member, ShapeSpec, spec_of

if TYPE_CHECKING:
    from sagemon._client import Client
    from sagemon._deploy_apply import ApplyResult
    from sagemon._spec import Command, ListOperation, Operation

__all__ = [
    "DEFAULT_STACK",
    "NAME_TAG",
    "STACK_TAG",
    "Action",
    "Change",
    "MemberChange",
    "Plan",
    "ResourceKind",
]

STACK_TAG = "sagemon:stack"
"""The tag naming the stack a resource was created for: what ``prune`` may delete."""
NAME_TAG = "sagemon:name"
"""The tag naming the file's resource a job definition or optimization job was created for
(its own name differs after a replace)."""
DEFAULT_STACK = "default"


class ResourceKind(enum.Enum):
    """The kinds of resource a folder deploys, by their API name."""

    DATA_QUALITY_JOB_DEFINITION = "DataQualityJobDefinition"
    MODEL_QUALITY_JOB_DEFINITION = "ModelQualityJobDefinition"
    MODEL_BIAS_JOB_DEFINITION = "ModelBiasJobDefinition"
    MODEL_EXPLAINABILITY_JOB_DEFINITION = "ModelExplainabilityJobDefinition"
    MONITORING_SCHEDULE = "MonitoringSchedule"
    OPTIMIZATION_JOB = "OptimizationJob"

    @property
    def immutable(self) -> bool:
        """Whether a change is a replace (job definitions and optimization jobs cannot be
        updated)."""
        return self is not ResourceKind.MONITORING_SCHEDULE


class Action(enum.Enum):
    """What applying a plan does to one resource."""

    CREATE = "create"
    UPDATE = "update"
    REPLACE = "replace"
    DELETE = "delete"
    NONE = "none"


class _Kind(NamedTuple):
    """How the service handles one kind: its operations and the names of its members."""

    create: Operation[Any, Any]
    describe: Operation[Any, Any]
    delete: Command[Any]
    list: ListOperation[Any, Any, Any]
    name: str
    """The wire member naming the resource in its Create request."""
    arn: str
    """The wire member of the Describe response holding its ARN."""
    monitoring_type: str | None
    folder: str
    """The folder ``export`` writes it to."""


def _definition(prefix: str, folder: str) -> _Kind:
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in prefix).lstrip("_").upper()
    return _Kind(
        getattr(ops, f"CREATE_{snake}_JOB_DEFINITION"),
        getattr(ops, f"DESCRIBE_{snake}_JOB_DEFINITION"),
        getattr(ops, f"DELETE_{snake}_JOB_DEFINITION"),
        getattr(ops, f"LIST_{snake}_JOB_DEFINITIONS"),
        "JobDefinitionName",
        "JobDefinitionArn",
        prefix,
        folder,
    )


KINDS: Mapping[ResourceKind, _Kind] = {
    ResourceKind.DATA_QUALITY_JOB_DEFINITION: _definition("DataQuality", "data-quality"),
    ResourceKind.MODEL_QUALITY_JOB_DEFINITION: _definition("ModelQuality", "model-quality"),
    ResourceKind.MODEL_BIAS_JOB_DEFINITION: _definition("ModelBias", "model-bias"),
    ResourceKind.MODEL_EXPLAINABILITY_JOB_DEFINITION: _definition(
        "ModelExplainability", "model-explainability"
    ),
    ResourceKind.MONITORING_SCHEDULE: _Kind(
        ops.CREATE_MONITORING_SCHEDULE,
        ops.DESCRIBE_MONITORING_SCHEDULE,
        ops.DELETE_MONITORING_SCHEDULE,
        ops.LIST_MONITORING_SCHEDULES,
        "MonitoringScheduleName",
        "MonitoringScheduleArn",
        None,
        "schedules",
    ),
    ResourceKind.OPTIMIZATION_JOB: _Kind(
        ops.CREATE_OPTIMIZATION_JOB,
        ops.DESCRIBE_OPTIMIZATION_JOB,
        ops.DELETE_OPTIMIZATION_JOB,
        ops.LIST_OPTIMIZATION_JOBS,
        "OptimizationJobName",
        "OptimizationJobArn",
        None,
        "optimization-jobs",
    ),
}
BY_CREATE: Mapping[str, ResourceKind] = {info.create.name: kind for kind, info in KINDS.items()}
DEFINITIONS = tuple(kind for kind, info in KINDS.items() if info.monitoring_type is not None)

_SENSITIVE = "(sensitive)"


@attrs.frozen
class MemberChange:
    """One member that differs, by its wire path: ``before`` is deployed, ``after`` wanted.

    ``None`` stands for a member that is not set. Values of members that can hold credentials
    (environment maps) are never shown: ``sensitive`` is then true and both read
    ``"(sensitive)"``.
    """

    path: str
    before: object
    after: object
    sensitive: bool = False

    def to_dict(self) -> dict[str, object]:
        """The change as JSON data."""
        return {"path": self.path, "before": self.before, "after": self.after}

    def __str__(self) -> str:
        if self.before is None:
            return f"+ {self.path} = {_show(self.after)}"
        if self.after is None:
            return f"- {self.path} (was {_show(self.before)})"
        return f"~ {self.path}: {_show(self.before)} -> {_show(self.after)}"


def _show(value: object, limit: int = 120) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@attrs.frozen
class Change:
    """What applying a plan does to one resource, and why.

    ``name`` is the resource's name in the folder. ``deployed_name`` is the deployed resource it
    corresponds to (``None`` if there is none); ``new_name`` the name a created resource gets:
    the folder's name, or, when a job definition or optimization job is replaced (they cannot be
    updated), the folder's name with a suffix from its content. ``request`` is the wire request
    that creates (``create``, ``replace``) or updates (``update`` of a schedule's configuration)
    the resource; ``tags`` the tags it should have besides sagemon's own; ``alerts`` the alert
    settings (``DatapointsToAlert``, ``EvaluationPeriod``) to make so, by alert name.
    """

    action: Action
    kind: ResourceKind
    name: str
    deployed_name: str | None = None
    new_name: str | None = None
    members: tuple[MemberChange, ...] = ()
    source: str | None = None
    notes: tuple[str, ...] = ()
    request: Mapping[str, object] | None = None
    tags: Mapping[str, str] = attrs.field(factory=dict)
    tags_to_add: Mapping[str, str] = attrs.field(factory=dict)
    tags_to_remove: tuple[str, ...] = ()
    alerts: Mapping[str, tuple[int, int]] = attrs.field(factory=dict)
    deployed_arn: str | None = None
    keep_deployed: bool = False
    """A replace keeps the old resource (something the folder does not manage still uses it)."""

    @property
    def pending(self) -> bool:
        """Whether applying the plan changes this resource."""
        return self.action is not Action.NONE

    def to_dict(self) -> dict[str, object]:
        """The change as JSON data: with the request it sends (sensitive values masked)."""
        return {
            "action": self.action.value,
            "kind": self.kind.value,
            "name": self.name,
            "deployed_name": self.deployed_name,
            "new_name": self.new_name,
            "source": self.source,
            "members": [member.to_dict() for member in self.members],
            "notes": list(self.notes),
            "request": None
            if self.request is None
            else _masked(self._request_spec(), self.request),
        }

    def _request_spec(self) -> ShapeSpec[Any]:
        if self.action is Action.UPDATE:
            return spec_of(ops.UPDATE_MONITORING_SCHEDULE.input)
        return spec_of(KINDS[self.kind].create.input)

    def headline(self) -> str:
        """One line: the action, the kind and the name."""
        mark = {
            Action.CREATE: "+",
            Action.UPDATE: "~",
            Action.REPLACE: "-/+",
            Action.DELETE: "-",
            Action.NONE: " ",
        }[self.action]
        words = {Action.NONE: "no change"}.get(self.action, self.action.value)
        text = f"{mark:>3} {words:<9} {self.kind.value} {self.name}"
        if self.new_name is not None and (
            self.action is Action.REPLACE or self.new_name != self.name
        ):
            text += f" (as {self.new_name})"
        elif self.deployed_name is not None and self.deployed_name != self.name:
            text += f" (deployed as {self.deployed_name})"
        return text


_ORDER = (Action.CREATE, Action.UPDATE, Action.REPLACE, Action.DELETE)


@attrs.frozen
class Plan:
    """What applying a folder to an account does, resource by resource.

    ``changes`` has every resource of the folder (``Action.NONE`` when it is already deployed
    as the folder says) and every resource of the stack that the folder no longer has
    (``Action.DELETE`` with ``prune``, else ``Action.NONE`` with a note). Apply it with
    :meth:`apply` (or ``sagemon apply``); it converges in a safe order and stops at the first
    failure.
    """

    stack: str
    prune: bool
    changes: tuple[Change, ...]

    @property
    def pending(self) -> tuple[Change, ...]:
        """The changes that do something."""
        return tuple(change for change in self.changes if change.pending)

    @property
    def has_changes(self) -> bool:
        """Whether applying the plan changes anything."""
        return any(change.pending for change in self.changes)

    def counts(self) -> dict[Action, int]:
        """How many resources each action applies to."""
        found = dict.fromkeys(Action, 0)
        for change in self.changes:
            found[change.action] += 1
        return found

    def summary(self) -> str:
        """``Plan: 1 to create, 0 to update, 1 to replace, 0 to delete; 3 unchanged.``"""
        counts = self.counts()
        parts = ", ".join(f"{counts[action]} to {action.value}" for action in _ORDER)
        return f"Plan: {parts}; {counts[Action.NONE]} unchanged."

    def render(self, *, unchanged: bool = False) -> str:
        """The plan as text: a line per change, a line per changed member, then the summary."""
        lines: list[str] = []
        for change in self.changes:
            if not change.pending and not (unchanged or change.notes):
                continue
            lines.append(change.headline())
            lines += [f"        {member}" for member in change.members]
            lines += [f"        ({note})" for note in change.notes]
        if not self.has_changes:
            lines.append("No changes: the account matches the folder.")
        lines.append(self.summary())
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, object]:
        """The plan as JSON data."""
        return {
            "stack": self.stack,
            "prune": self.prune,
            "changes": [change.to_dict() for change in self.changes],
            "summary": {action.value: count for action, count in self.counts().items()},
        }

    def apply(
        self,
        client: Client,
        *,
        on_step: Callable[[str], None] | None = None,
        stop_timeout: float = 3600.0,
    ) -> ApplyResult:
        """Apply the plan with ``client``: see :func:`sagemon.deploy.apply`."""
        from sagemon._deploy_apply import apply

        return apply(client, self, on_step=on_step, stop_timeout=stop_timeout)


def _masked(spec: ShapeSpec[Any], wire: Mapping[str, object]) -> dict[str, object]:
    """A wire request with the values of sensitive members masked, deeply."""
    return {key: masked_value(spec.by_wire.get(key), value) for key, value in wire.items()}


def masked_value(member: Member | None, value: object) -> object:
    """A member's value with the values of sensitive members in it masked."""
    if member is None:
        return value
    if member.secret:
        return dict.fromkeys(value, _SENSITIVE) if isinstance(value, Mapping) else _SENSITIVE
    if member.shape is None:
        return value
    inner = spec_of(member.shape)
    if isinstance(value, Mapping):
        return _masked(inner, value)
    if isinstance(value, list):
        return [_masked(inner, v) if isinstance(v, Mapping) else v for v in value]
    return value


def sensitive(value: object) -> object:
    """What a sensitive value shows as: nothing when unset, else a mask."""
    return None if value is None else _SENSITIVE


for _cls in (MemberChange, Change, Plan, ResourceKind, Action):
    _cls.__module__ = "sagemon.deploy"
