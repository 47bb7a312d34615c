"""Type checks (never executed) of monitors as code: ``sagemon.deploy``."""

from __future__ import annotations

from pathlib import Path

from typing_extensions import assert_type

from sagemon import Client
from sagemon.deploy import (
    Action,
    ApplyError,
    ApplyResult,
    Change,
    FolderError,
    MemberChange,
    Plan,
    ResourceKind,
    export,
    plan,
)
from sagemon.errors import Problem


def planning(client: Client) -> None:
    found = plan(client, "monitors/", stack="team-a", prune=True, workers=4)
    assert_type(found, Plan)
    assert_type(plan(client, [Path("a.json"), "b"], progress=lambda done, started: None), Plan)
    assert_type(found.has_changes, bool)
    assert_type(found.pending, tuple[Change, ...])
    assert_type(found.counts()[Action.CREATE], int)
    assert_type(found.render(), str)
    assert_type(found.to_dict(), dict[str, object])
    for change in found.changes:
        assert_type(change.kind, ResourceKind)
        assert_type(change.deployed_name, str | None)
        assert_type(change.members, tuple[MemberChange, ...])
        assert_type(change.members[0].before, object)
    result = found.apply(client, on_step=print)
    assert_type(result, ApplyResult)
    assert_type(result.done, tuple[str, ...])
    assert_type(export(client, Path("out"), format="yaml"), list[Path])
    plan(client, 42)  # type: ignore[arg-type]


def failures(folder: FolderError, applied: ApplyError) -> None:
    assert_type(folder.files, dict[str, tuple[Problem, ...]])
    assert_type(applied.done, tuple[str, ...])
    assert_type(applied.not_done, tuple[str, ...])
    assert_type(applied.cause, BaseException | None)
    assert_type(applied.reason, str)
