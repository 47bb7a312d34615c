"""Planning: read a folder of request files and the account, and compare them.

Resources are matched by name: a folder's resource is the deployed resource of that name, or,
for job definitions and optimization jobs that were replaced (they cannot be updated, so a
changed one is created anew under another name), the one whose ``sagemon:name`` tag names it.
No state file is kept: what a stack created carries a ``sagemon:stack`` tag, which is what
``prune`` deletes by.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from sagemon._deploy_model import (
    BY_CREATE,
    DEFAULT_STACK,
    DEFINITIONS,
    KINDS,
    NAME_TAG,
    STACK_TAG,
    Action,
    Change,
    MemberChange,
    Plan,
    ResourceKind,
    masked_value,
    sensitive,
)
from sagemon._generated import operations as ops
from sagemon._problems import key_text
from sagemon._spec import Member, ShapeSpec, spec_of
from sagemon.errors import FolderError, Problem, ValidationError

if TYPE_CHECKING:
    from sagemon._client import Client

__all__ = ["Account", "Deployed", "Wanted", "load", "plan", "read_account"]

_T = TypeVar("_T")
Wire = dict[str, Any]
Progress = Callable[[int, int], None]
"""Called with (finished, started) reads while the account is read."""

MAX_WORKERS = 8
"""Concurrent reads by default: a few hundred resources plan in seconds, well within
SageMaker's request rates (botocore retries what is throttled)."""
_MAX_WORKERS = 64
_RESERVED = ("sagemon:", "aws:")
_MAX_USER_TAGS = 48  # the service's 50, less sagemon's two
_STACK = re.compile(r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")
_NAME_LIMIT = 63
_FILE = "<file>"
_NO_DEFAULT = object()

# Members the documentation gives a default: a file that leaves one out means the default.
_DEFAULTS: Mapping[tuple[str, str], object] = {
    ("EndpointInput", "S3InputMode"): "File",
    ("EndpointInput", "S3DataDistributionType"): "FullyReplicated",
    ("BatchTransformInput", "S3InputMode"): "File",
    ("BatchTransformInput", "S3DataDistributionType"): "FullyReplicated",
}


# ----------------------------------------------------------------------------- the folder


@attrs.frozen
class Wanted:
    """A resource as a folder's file describes it.

    ``request`` is the validated Create request in wire form, without ``Tags`` (they are in
    ``tags``); ``alerts`` the alert settings the file manages (``None``: it manages none).
    """

    kind: ResourceKind
    name: str
    source: str
    request: Wire
    tags: dict[str, str]
    alerts: dict[str, tuple[int, int]] | None


def load(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    max_bytes: int | None = None,
) -> list[Wanted]:
    """Read and validate every request file under ``paths`` (files or folders).

    Raises :class:`~sagemon.errors.FolderError` with every problem of every file: the checks
    of ``sagemon validate``, plus that each file is the Create request of a resource a folder
    deploys, that names are unique per kind, and that tags leave room for sagemon's own.
    """
    from sagemon._cli import Result, Source, _sources
    from sagemon._files import MAX_BYTES

    given = _paths(paths)
    if max_bytes is not None and (type(max_bytes) is not int or max_bytes < 1):
        raise ValueError(f"max_bytes must be a positive whole number, not {max_bytes!r}")
    limit = MAX_BYTES if max_bytes is None else max_bytes
    found: list[Wanted] = []
    problems: dict[str, list[Problem]] = {}
    read: set[Path] = set()
    for source in _sources(given):
        if isinstance(source, Source) and source.path is not None:
            if source.path.resolve() in read:
                continue  # named twice (a folder and a file in it): read once
            read.add(source.path.resolve())
        if isinstance(source, Result):
            problems.setdefault(source.name, []).append(Problem(_FILE, str(source.error)))
            continue
        try:
            found.append(_load_file(source, limit))
        except ValidationError as exc:
            problems.setdefault(source.name, []).extend(exc.problems)
    seen: dict[tuple[ResourceKind, str], str] = {}
    for wanted in found:
        first = seen.setdefault((wanted.kind, wanted.name), wanted.source)
        if first != wanted.source:
            member = KINDS[wanted.kind].name
            problems.setdefault(wanted.source, []).append(
                Problem(member, f"{wanted.kind.value} {wanted.name!r} is also in {first}")
            )
    if problems:
        raise FolderError(problems)
    return found


def _paths(paths: object) -> list[str]:
    """The paths given, as strings; a TypeError or ValueError for anything else."""
    items = [paths] if isinstance(paths, (str, os.PathLike)) else paths
    if not isinstance(items, (list, tuple)) or not all(
        isinstance(p, (str, os.PathLike)) for p in items
    ):
        raise TypeError(
            f"expected a path or a list of paths (str or os.PathLike), not {_kind(paths)}"
        )
    given: list[object] = [os.fspath(p) for p in items]  # bytes from a PathLike[bytes]
    if not given or not all(isinstance(p, str) and p for p in given):
        raise ValueError("no folder given: name at least one folder or file of request files")
    return [str(p) for p in given]


def _kind(value: object) -> str:
    if isinstance(value, (list, tuple)):
        inner = {type(v).__name__ for v in value}
        return f"a {type(value).__name__} of {', '.join(sorted(inner))}"
    return type(value).__name__


def _load_file(source: Any, limit: int) -> Wanted:
    """One file as a Wanted, or a ValidationError with all its problems."""
    from sagemon._cli import _document_kind, _operations_and_payload, _read, _unreadable
    from sagemon._files import RefusedFileError, parse_document
    from sagemon._wire import to_wire, validate_wire

    try:
        data = _read(source, limit)
    except (OSError, RefusedFileError) as exc:
        raise ValidationError([Problem(_FILE, _unreadable(exc))]) from None
    except ImportError as exc:
        raise ValidationError([Problem(_FILE, str(exc))]) from None
    try:
        document, problems = parse_document(data, _document_kind(source), max_bytes=limit)
    except ImportError as exc:
        raise ValidationError([Problem(_FILE, str(exc))]) from None
    if isinstance(document, dict) and "alerts" in document and "payload" not in document:
        raise ValidationError(
            [
                *problems,
                Problem(
                    "alerts",
                    "a schedule file with alerts names its operation: write it as "
                    '{"operation": "CreateMonitoringSchedule", "payload": REQUEST, "alerts": [...]}',
                ),
            ]
        )
    names, payload = _operations_and_payload(document, None)
    deployable = [name for name in names if name in BY_CREATE]
    if len(deployable) != 1:
        fits = ", ".join(names)
        why = (
            f"it fits {', '.join(deployable)}: write it as "
            '{"operation": NAME, "payload": REQUEST}'
            if deployable
            else f"it is a {fits} request; a folder deploys "
            + ", ".join(sorted(BY_CREATE))
            + " requests"
        )
        raise ValidationError([*problems, Problem("<root>", f"not a resource to deploy: {why}")])
    kind = BY_CREATE[deployable[0]]
    info = KINDS[kind]
    try:
        request = to_wire(validate_wire(info.create.input, payload))
    except ValidationError as exc:
        problems += exc.problems
        request = {}
    tags = {t["Key"]: t.get("Value", "") for t in request.pop("Tags", None) or []}
    for key in tags:
        if key.startswith(_RESERVED):
            problems.append(
                Problem(
                    "Tags",
                    f"tag key {key!r}: keys starting with "
                    f"{' or '.join(_RESERVED)} are the service's and sagemon's",
                )
            )
    if len(tags) > _MAX_USER_TAGS:
        problems.append(
            Problem(
                "Tags",
                f"{len(tags)} tags; at most {_MAX_USER_TAGS} leave room "
                f"for sagemon's {STACK_TAG} and {NAME_TAG}",
            )
        )
    alerts = None
    if isinstance(document, dict) and "alerts" in document and "payload" in document:
        alerts = _alerts(document["alerts"], kind, request.get(info.name), problems)
    if problems:
        raise ValidationError(problems, info.create.input.__name__)
    return Wanted(kind, request[info.name], source.name, request, tags, alerts)


def _alerts(
    given: object, kind: ResourceKind, schedule: object, problems: list[Problem]
) -> dict[str, tuple[int, int]]:
    """A schedule file's ``alerts``: a list of UpdateMonitoringAlert requests without the
    schedule's name."""
    from sagemon._problems import describe
    from sagemon._wire import validate_wire

    if kind is not ResourceKind.MONITORING_SCHEDULE:
        problems.append(Problem("alerts", "only a monitoring schedule's file has alerts"))
        return {}
    if not isinstance(given, list):
        problems.append(Problem("alerts", f"expected a list of alerts, got {describe(given)}"))
        return {}
    found: dict[str, tuple[int, int]] = {}
    for index, alert in enumerate(given):
        where = f"alerts[{index}]"
        if not isinstance(alert, dict):
            problems.append(Problem(where, f"expected an object, got {describe(alert)}"))
            continue
        if "MonitoringScheduleName" in alert:
            problems.append(
                Problem(
                    f"{where}.MonitoringScheduleName",
                    "an alert is the schedule's own: leave the schedule's name out",
                )
            )
            continue
        try:
            request = validate_wire(
                ops.UPDATE_MONITORING_ALERT.input,
                {"MonitoringScheduleName": schedule or "schedule", **alert},
            )
        except ValidationError as exc:
            problems += [p._replace(path=f"{where}.{p.path}") for p in exc.problems]
            continue
        name = request.monitoring_alert_name
        if name in found:
            problems.append(
                Problem(f"{where}.MonitoringAlertName", f"alert {name!r} is listed twice")
            )
        found[name] = (request.datapoints_to_alert, request.evaluation_period)
    return found


# ----------------------------------------------------------------------------- the account


@attrs.define
class Deployed:
    """A deployed resource: from its listing, its tags and (when needed) its Describe."""

    kind: ResourceKind
    name: str
    arn: str
    created: Any = None
    status: str | None = None
    uses: str | None = None
    """A schedule's job definition (from the listing)."""
    uses_type: str | None = None
    tags: dict[str, str] = attrs.field(factory=dict)
    request: Wire | None = None
    alerts: dict[str, tuple[int, int]] | None = None

    @property
    def stack(self) -> str | None:
        return self.tags.get(STACK_TAG)

    @property
    def logical(self) -> str:
        """The folder name it was created for: its ``sagemon:name`` tag, else its own name."""
        return self.tags.get(NAME_TAG) or self.name

    @property
    def user_tags(self) -> dict[str, str]:
        return {k: v for k, v in self.tags.items() if not k.startswith(_RESERVED)}


class Account:
    """Reads an account's resources with a bounded pool of concurrent calls."""

    def __init__(self, client: Client, *, workers: int, progress: Progress | None) -> None:
        self.client = client
        self.workers = workers
        self._progress = progress
        self._lock = threading.Lock()
        self._started = self._finished = 0

    def run(self, calls: Iterable[Callable[[], _T]]) -> list[_T]:
        """Run ``calls`` concurrently; their results in order, or the first failure raised."""
        todo = list(calls)
        if not todo:
            return []
        with self._lock:
            self._started += len(todo)
        self._report()
        with ThreadPoolExecutor(min(self.workers, len(todo))) as pool:
            futures = [pool.submit(self._counted, call) for call in todo]
            done, _ = wait(futures, return_when=FIRST_EXCEPTION)
            failed = next((f for f in futures if f in done and f.exception() is not None), None)
            if failed is not None:
                for future in futures:
                    future.cancel()
                raise _exception(failed)
        return [future.result() for future in futures]

    def _counted(self, call: Callable[[], _T]) -> _T:
        try:
            return call()
        finally:
            with self._lock:
                self._finished += 1
            self._report()

    def _report(self) -> None:
        if self._progress is not None:
            with self._lock:
                self._progress(self._finished, self._started)

    # ------------------------------------------------------------------------- reads

    def listing(self, kind: ResourceKind) -> list[Deployed]:
        info = KINDS[kind]
        found = []
        for item in self.client._list(info.list, None, {}):
            wire = _wire(item)
            name = str(wire.get(_LIST_NAME[kind], ""))
            found.append(
                Deployed(
                    kind,
                    name,
                    str(wire.get(_LIST_NAME[kind].replace("Name", "Arn"), "")),
                    created=wire.get("CreationTime"),
                    status=wire.get("OptimizationJobStatus")
                    or wire.get("MonitoringScheduleStatus"),
                    uses=wire.get("MonitoringJobDefinitionName"),
                    uses_type=wire.get("MonitoringType"),
                )
            )
        return found

    def tags(self, resource: Deployed) -> None:
        tags: dict[str, str] = {}
        token: str | None = None
        while True:
            page = self.client._send_untyped(
                "ListTags",
                "list_tags",
                ResourceArn=resource.arn,
                MaxResults=100,
                **({"NextToken": token} if token else {}),
            )
            tags.update({t["Key"]: t.get("Value", "") for t in page.get("Tags") or []})
            token = page.get("NextToken")
            if not token:
                break
        resource.tags = tags

    def describe(self, resource: Deployed) -> None:
        info = KINDS[resource.kind]
        spec = spec_of(info.describe.input)
        (member,) = spec.members
        found = _wire(self.client._call(info.describe, None, {member.python: resource.name}))
        create = spec_of(info.create.input)
        resource.request = _project(
            create, {m.wire: found[m.wire] for m in create.members if m.wire in found}
        )
        resource.status = (
            found.get("MonitoringScheduleStatus") or found.get("OptimizationJobStatus")
        ) or resource.status
        if resource.kind is ResourceKind.MONITORING_SCHEDULE:
            config = found.get("MonitoringScheduleConfig") or {}
            resource.uses = config.get("MonitoringJobDefinitionName") or resource.uses
            resource.uses_type = config.get("MonitoringType") or found.get("MonitoringType")

    def alerts(self, resource: Deployed) -> None:
        found = {}
        for alert in self.client._list(
            ops.LIST_MONITORING_ALERTS, None, {"monitoring_schedule_name": resource.name}
        ):
            found[alert.monitoring_alert_name] = (
                alert.datapoints_to_alert,
                alert.evaluation_period,
            )
        resource.alerts = found


_LIST_NAME = {
    **dict.fromkeys(DEFINITIONS, "MonitoringJobDefinitionName"),
    ResourceKind.MONITORING_SCHEDULE: "MonitoringScheduleName",
    ResourceKind.OPTIMIZATION_JOB: "OptimizationJobName",
}


def _exception(future: Future[Any]) -> BaseException:
    error = future.exception()
    assert error is not None
    return error


def _wire(obj: Any) -> Wire:
    from sagemon._wire import to_wire

    found: Wire = to_wire(obj)
    return found


def _project(spec: ShapeSpec[Any], data: Mapping[str, Any]) -> Wire:
    """``data`` with only the members ``spec`` knows, deeply: what a request file can hold."""
    out: Wire = {}
    for member in spec.members:
        if member.wire not in data or data[member.wire] is None:
            continue
        value = data[member.wire]
        if member.shape is not None:
            inner = spec_of(member.shape)
            if member.kind == "structure" and isinstance(value, Mapping):
                value = _project(inner, value)
            elif member.kind == "list" and isinstance(value, list):
                value = [_project(inner, v) if isinstance(v, Mapping) else v for v in value]
            elif member.kind == "map" and isinstance(value, Mapping):
                value = {
                    k: _project(inner, v) if isinstance(v, Mapping) else v for k, v in value.items()
                }
        out[member.wire] = value
    return out


def read_account(
    client: Client,
    *,
    kinds: Iterable[ResourceKind] = tuple(ResourceKind),
    workers: int = MAX_WORKERS,
    progress: Progress | None = None,
) -> tuple[Account, dict[ResourceKind, list[Deployed]]]:
    """Every resource of ``kinds`` in the account, with its tags (not yet described)."""
    account = Account(client, workers=workers, progress=progress)
    kinds = tuple(kinds)
    listed = account.run([functools.partial(account.listing, kind) for kind in kinds])
    everything = [resource for found in listed for resource in found]
    account.run([functools.partial(account.tags, r) for r in everything])
    return account, dict(zip(kinds, listed, strict=True))


# ----------------------------------------------------------------------------- comparing


def diff(
    spec: ShapeSpec[Any],
    wanted: Mapping[str, Any],
    deployed: Mapping[str, Any],
    path: str = "",
    skip: Iterable[str] = (),
) -> list[MemberChange]:
    """The members that differ between two wire values of ``spec``, by wire path.

    Members ``spec`` does not know are ignored; a member the file leaves out that is deployed
    with its documented default is no change.
    """
    out: list[MemberChange] = []
    skipped = set(skip)
    for member in spec.members:
        if member.wire in skipped:
            continue
        where = f"{path}.{member.wire}" if path else member.wire
        _diff_member(
            spec.name, member, wanted.get(member.wire), deployed.get(member.wire), where, out
        )
    return out


def _diff_member(
    owner: str, member: Member, want: Any, have: Any, where: str, out: list[MemberChange]
) -> None:
    default = _DEFAULTS.get((owner, member.wire), _NO_DEFAULT)
    if want is None and have is None:
        return
    if default is not _NO_DEFAULT and want in (None, default) and have in (None, default):
        return
    inner = spec_of(member.shape) if member.shape is not None else None
    if have is None and isinstance(want, (dict, list)):
        have = type(want)()  # an addition: shown member by member
    if member.kind == "structure" and inner and isinstance(want, dict) and isinstance(have, dict):
        out += diff(inner, want, have, where)
    elif member.kind == "list" and isinstance(want, list) and isinstance(have, list):
        for index in range(max(len(want), len(have))):
            a = want[index] if index < len(want) else None
            b = have[index] if index < len(have) else None
            _diff_item(inner, member, a, b, f"{where}[{index}]", out)
    elif member.kind == "map" and isinstance(want, dict) and isinstance(have, dict):
        for key in sorted(set(want) | set(have), key=str):
            at = f"{where}[{key_text(key)}]"
            _diff_item(inner, member, want.get(key), have.get(key), at, out)
    elif want != have:
        out.append(_change(where, have, want, member))


def _diff_item(
    inner: ShapeSpec[Any] | None,
    member: Member,
    want: Any,
    have: Any,
    where: str,
    out: list[MemberChange],
) -> None:
    """One item of a list or value of a map."""
    if inner is not None and isinstance(want, dict) and isinstance(have, (dict, type(None))):
        out += diff(inner, want, have or {}, where)
    elif want != have:
        out.append(_change(where, have, want, member))


def _change(path: str, before: object, after: object, member: Member) -> MemberChange:
    """A change as shown: values of members that can hold credentials masked, deeply."""
    if member.secret:
        return MemberChange(path, sensitive(before), sensitive(after), sensitive=True)
    return MemberChange(path, masked_value(member, before), masked_value(member, after))


def _tag_changes(wanted: Mapping[str, str], deployed: Mapping[str, str]) -> list[MemberChange]:
    return [
        MemberChange(f"Tags[{key_text(key)}]", deployed.get(key), wanted.get(key))
        for key in sorted(set(wanted) | set(deployed))
        if wanted.get(key) != deployed.get(key)
    ]


def _alert_changes(
    wanted: Mapping[str, tuple[int, int]] | None, deployed: Mapping[str, tuple[int, int]] | None
) -> list[MemberChange]:
    out = []
    for name, (points, period) in (wanted or {}).items():
        have = (deployed or {}).get(name, (None, None))
        for member, want, was in (
            ("DatapointsToAlert", points, have[0]),
            ("EvaluationPeriod", period, have[1]),
        ):
            if want != was:
                out.append(MemberChange(f"alerts[{key_text(name)}].{member}", was, want))
    return out


# ----------------------------------------------------------------------------- planning


def plan(
    client: Client,
    folder: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    stack: str = DEFAULT_STACK,
    prune: bool = False,
    workers: int = MAX_WORKERS,
    progress: Progress | None = None,
    max_bytes: int | None = None,
) -> Plan:
    """Compare a folder of request files with the account.

    Reads the account with up to ``workers`` concurrent calls (``progress`` is told how many
    are done); files larger than ``max_bytes`` (default 1 MiB) are refused. Raises
    :class:`~sagemon.errors.FolderError` for problems in the files, including schedules whose
    job definition neither the folder nor the account has.
    """
    check_options(client, stack=stack, workers=workers)
    wanted = load(folder, max_bytes=max_bytes)
    account, deployed = read_account(client, workers=workers, progress=progress)
    return _Planner(account, deployed, wanted, stack, prune).run()


def check_options(client: object, *, stack: object, workers: object) -> None:
    """Refuse arguments that cannot work, saying why (before anything is read)."""
    from sagemon._client import Client

    if not isinstance(client, Client):
        raise TypeError(f"client must be a sagemon.Client, not {type(client).__name__}")
    if not isinstance(stack, str) or _STACK.fullmatch(stack) is None:
        raise ValueError(
            "stack must be 1 to 63 letters, digits and hyphens (not starting or ending with "
            f"one), not {stack!r}"
        )
    if type(workers) is not int or not 1 <= workers <= _MAX_WORKERS:
        raise ValueError(
            f"workers must be a whole number from 1 to {_MAX_WORKERS}, not {workers!r}"
        )


class _Planner:
    """Decides each resource's change. Deletions are decided last, once every schedule's job
    definition after the apply is known: nothing a schedule will still use is deleted."""

    def __init__(
        self,
        account: Account,
        deployed: dict[ResourceKind, list[Deployed]],
        wanted: list[Wanted],
        stack: str,
        prune: bool,
    ) -> None:
        self.account = account
        self.deployed = deployed
        self.wanted = wanted
        self.stack = stack
        self.prune = prune
        self.problems: dict[str, list[Problem]] = {}
        self.changes: list[Change] = []
        self.physical: dict[tuple[ResourceKind, str], str] = {}
        self.uses: dict[str, tuple[str, str | None]] = {}
        """Each folder schedule's job definition after the apply: (name, MonitoringType)."""
        self.deletions: list[tuple[Deployed, str]] = []
        self.in_use = {
            s.uses for s in deployed[ResourceKind.MONITORING_SCHEDULE] if s.uses is not None
        }

    def run(self) -> Plan:
        candidates = [self._candidates(wanted) for wanted in self.wanted]
        to_describe = {id(r): r for found in candidates for r in found}
        schedules = [
            r
            for w, found in zip(self.wanted, candidates, strict=True)
            if w.alerts is not None
            for r in found
        ]
        self.account.run(
            [functools.partial(self.account.describe, r) for r in to_describe.values()]
        )
        self.account.run([functools.partial(self.account.alerts, r) for r in schedules])
        pairs = list(zip(self.wanted, candidates, strict=True))
        for wanted, found in pairs:
            if wanted.kind is not ResourceKind.MONITORING_SCHEDULE:
                self._plan_immutable(wanted, found)
        for wanted, found in pairs:
            if wanted.kind is ResourceKind.MONITORING_SCHEDULE:
                self._plan_schedule(wanted, found[0] if found else None)
        self._plan_leftovers()
        self._decide_deletions()
        if self.problems:
            raise FolderError(self.problems)
        kinds = list(ResourceKind)
        self.changes.sort(key=lambda c: (kinds.index(c.kind), c.name, c.deployed_name or ""))
        return Plan(self.stack, self.prune, tuple(self.changes))

    def _problem(self, wanted: Wanted, path: str, message: str) -> None:
        self.problems.setdefault(wanted.source, []).append(Problem(path, message))

    def _candidates(self, wanted: Wanted) -> list[Deployed]:
        """The deployed resources that are this file's: by name, or by sagemon's tags."""
        found = []
        for resource in self.deployed[wanted.kind]:
            ours = resource.stack == self.stack and resource.logical == wanted.name
            if resource.name == wanted.name:
                if resource.stack not in (None, self.stack):
                    self._problem(
                        wanted,
                        KINDS[wanted.kind].name,
                        f"{wanted.kind.value} {wanted.name!r} is deployed for the stack "
                        f"{resource.stack!r}, not {self.stack!r}",
                    )
                    continue
                found.append(resource)
            elif ours and wanted.kind.immutable:
                found.append(resource)
        return found

    # ------------------------------------------------------------------------- one resource

    def _plan_immutable(self, wanted: Wanted, candidates: list[Deployed]) -> None:
        info = KINDS[wanted.kind]
        spec = spec_of(info.create.input)

        changes = {
            id(r): diff(spec, wanted.request, r.request or {}, skip=(info.name, "Tags"))
            for r in candidates
        }
        same = [r for r in candidates if not changes[id(r)]]
        current = choose(same or candidates, wanted.name, self.in_use)
        if current is None:
            new_name = self._new_name(wanted)
            self.physical[(wanted.kind, wanted.name)] = new_name
            self.changes.append(
                Change(
                    Action.CREATE,
                    wanted.kind,
                    wanted.name,
                    new_name=new_name,
                    members=(
                        *diff(spec, wanted.request, {}, skip=(info.name, "Tags")),
                        *_tag_changes(wanted.tags, {}),
                    ),
                    request=self._create_request(wanted, new_name),
                    tags=wanted.tags,
                    source=wanted.source,
                )
            )
            return
        members = changes[id(current)]
        if members:
            new_name = self._new_name(wanted)
            self.physical[(wanted.kind, wanted.name)] = new_name
            self.changes.append(
                Change(
                    Action.REPLACE,
                    wanted.kind,
                    wanted.name,
                    deployed_name=current.name,
                    new_name=new_name,
                    members=tuple(members),
                    request=self._create_request(wanted, new_name),
                    tags=wanted.tags,
                    deployed_arn=current.arn,
                    source=wanted.source,
                )
            )
        else:
            self.physical[(wanted.kind, wanted.name)] = current.name
            tag_changes = _tag_changes(wanted.tags, current.user_tags)
            self.changes.append(self._tagged(wanted, current, tag_changes))
        newest = self.physical[(wanted.kind, wanted.name)]
        for stale in candidates:
            if stale is not current and (stale.stack == self.stack or stale.name == wanted.name):
                self.deletions.append((stale, f"superseded by {newest}"))

    def _tagged(self, wanted: Wanted, current: Deployed, tag_changes: list[MemberChange]) -> Change:
        return Change(
            Action.UPDATE if tag_changes else Action.NONE,
            wanted.kind,
            wanted.name,
            deployed_name=current.name,
            members=tuple(tag_changes),
            tags=wanted.tags,
            tags_to_add={k: v for k, v in wanted.tags.items() if current.user_tags.get(k) != v},
            tags_to_remove=tuple(k for k in current.user_tags if k not in wanted.tags),
            deployed_arn=current.arn,
            source=wanted.source,
        )

    def _plan_schedule(self, wanted: Wanted, current: Deployed | None) -> None:
        request = self._resolve(wanted)
        config = request.get("MonitoringScheduleConfig") or {}
        if config.get("MonitoringJobDefinitionName") is not None:
            self.uses[wanted.name] = (
                config["MonitoringJobDefinitionName"],
                config.get("MonitoringType"),
            )
        spec = spec_of(KINDS[wanted.kind].create.input)
        if current is None:
            self.changes.append(
                Change(
                    Action.CREATE,
                    wanted.kind,
                    wanted.name,
                    new_name=wanted.name,
                    members=(
                        *diff(spec, request, {}, skip=("MonitoringScheduleName", "Tags")),
                        *_tag_changes(wanted.tags, {}),
                        *_alert_changes(wanted.alerts, None),
                    ),
                    request=self._create_request(wanted, wanted.name, request),
                    tags=wanted.tags,
                    alerts=wanted.alerts or {},
                    source=wanted.source,
                )
            )
            return
        members = diff(
            spec, request, current.request or {}, skip=("MonitoringScheduleName", "Tags")
        )
        alerts = _alert_changes(wanted.alerts, current.alerts)
        tagged = self._tagged(wanted, current, _tag_changes(wanted.tags, current.user_tags))
        every = [*members, *tagged.members, *alerts]
        self.changes.append(
            attrs.evolve(
                tagged,
                action=Action.UPDATE if every else Action.NONE,
                members=tuple(every),
                request=(
                    {
                        "MonitoringScheduleName": current.name,
                        "MonitoringScheduleConfig": request["MonitoringScheduleConfig"],
                    }
                    if members
                    else None
                ),
                alerts={
                    name: value
                    for name, value in (wanted.alerts or {}).items()
                    if (current.alerts or {}).get(name) != value
                },
            )
        )

    def _resolve(self, wanted: Wanted) -> Wire:
        """The schedule's request with its job definition's deployed (or planned) name."""
        config = wanted.request.get("MonitoringScheduleConfig") or {}
        name = config.get("MonitoringJobDefinitionName")
        if name is None:
            return wanted.request
        given_type = config.get("MonitoringType")
        kinds = [k for k in DEFINITIONS if given_type in (None, KINDS[k].monitoring_type)]
        planned = [k for k in kinds if (k, name) in self.physical]
        where = "MonitoringScheduleConfig.MonitoringJobDefinitionName"
        if len(planned) > 1:
            self._problem(
                wanted,
                where,
                f"{name!r} names job definitions of several kinds "
                f"({', '.join(KINDS[k].monitoring_type or '' for k in planned)}): "
                "give MonitoringScheduleConfig.MonitoringType",
            )
            return wanted.request
        if planned:
            physical = self.physical[(planned[0], name)]
        else:
            other = [k for k in DEFINITIONS if (k, name) in self.physical]
            if other:
                self._problem(
                    wanted,
                    where,
                    f"{name!r} is a {KINDS[other[0]].monitoring_type} "
                    f"job definition, but the schedule's MonitoringType is {given_type}",
                )
                return wanted.request
            if not any(r.name == name for k in kinds for r in self.deployed[k]):
                kind_text = f"{given_type} " if given_type else ""
                self._problem(
                    wanted,
                    where,
                    f"no {kind_text}job definition {name!r} in the folder or the account",
                )
                return wanted.request
            physical = name
        resolved = {**config, "MonitoringJobDefinitionName": physical}
        return {**wanted.request, "MonitoringScheduleConfig": resolved}

    # ------------------------------------------------------------------------- deletions

    def _plan_leftovers(self) -> None:
        """Resources of the stack the folder no longer has: deleted with ``prune``."""
        wanted = {(w.kind, w.name) for w in self.wanted}
        for kind, found in self.deployed.items():
            for resource in found:
                if resource.stack != self.stack or (kind, resource.logical) in wanted:
                    continue
                if self.prune:
                    self.deletions.append((resource, "not in the folder"))
                else:
                    self.changes.append(
                        Change(
                            Action.NONE,
                            kind,
                            resource.logical,
                            deployed_name=resource.name,
                            deployed_arn=resource.arn,
                            notes=("not in the folder: kept; --prune deletes it",),
                        )
                    )

    def _decide_deletions(self) -> None:
        """Delete what no schedule uses after the apply; keep the rest, saying why."""
        for index, change in enumerate(self.changes):
            if change.action is not Action.REPLACE or change.deployed_name is None:
                continue
            users = self._users(change.kind, change.deployed_name)
            note = (
                f"{change.deployed_name} is kept: {', '.join(users)} still use(s) it"
                if users
                else f"then {change.deployed_name} is deleted"
            )
            self.changes[index] = attrs.evolve(change, notes=(note,), keep_deployed=bool(users))
        for resource, why in self.deletions:
            users = self._users(resource.kind, resource.name)
            self.changes.append(
                Change(
                    Action.NONE if users else Action.DELETE,
                    resource.kind,
                    resource.logical,
                    deployed_name=resource.name,
                    deployed_arn=resource.arn,
                    notes=(f"{why}, but kept: {', '.join(users)} still use(s) it",)
                    if users
                    else (why,),
                )
            )

    def _users(self, kind: ResourceKind, name: str) -> list[str]:
        """The schedules that will use a job definition after the apply."""
        type_ = KINDS[kind].monitoring_type
        if type_ is None:
            return []
        users = [
            f"schedule {schedule}"
            for schedule, (used, used_type) in self.uses.items()
            if used == name and used_type in (None, type_)
        ]
        folder = {w.name for w in self.wanted if w.kind is ResourceKind.MONITORING_SCHEDULE}
        for schedule in self.deployed[ResourceKind.MONITORING_SCHEDULE]:
            if schedule.uses != name or schedule.uses_type not in (None, type_):
                continue
            if schedule.name in folder:
                continue  # what it uses after the apply is in self.uses
            if self.prune and schedule.stack == self.stack:
                continue  # pruned before the definition is deleted
            users.append(f"schedule {schedule.name}")
        return users

    # ------------------------------------------------------------------------- naming

    def _new_name(self, wanted: Wanted) -> str:
        """The folder's name if no resource of the kind has it, else one with a content hash."""
        taken = {r.name for r in self.deployed[wanted.kind]}
        if wanted.name not in taken:
            return wanted.name
        body = {k: v for k, v in wanted.request.items() if k != KINDS[wanted.kind].name}
        digest = hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()[
            :8
        ]
        return f"{wanted.name[: _NAME_LIMIT - 9].rstrip('-')}-{digest}"

    def _create_request(self, wanted: Wanted, name: str, request: Wire | None = None) -> Wire:
        tags = {**wanted.tags, STACK_TAG: self.stack, NAME_TAG: wanted.name}
        return {
            **(request if request is not None else wanted.request),
            KINDS[wanted.kind].name: name,
            "Tags": [{"Key": k, "Value": v} for k, v in tags.items()],
        }


def choose(found: Sequence[Deployed], name: str, in_use: set[str]) -> Deployed | None:
    """The deployed resource that is the current one of a folder's resource: one a schedule
    uses, else the one of the folder's name, else the newest."""
    if not found:
        return None
    return max(
        found,
        key=lambda r: (r.name in in_use, r.name == name, r.created is not None, r.created or 0),
    )
