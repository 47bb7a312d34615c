"""Monitors as code: export an account to a folder of request files, plan, and apply.

A folder holds one request file per resource (the files ``sagemon validate`` checks): the
Create request of a job definition (any of the four kinds), a monitoring schedule or an
optimization job, plain or as ``{"operation": NAME, "payload": REQUEST}``; a schedule's file may
add ``"alerts"``, a list of ``{"MonitoringAlertName", "DatapointsToAlert", "EvaluationPeriod"}``
settings::

    from sagemon import Client
    from sagemon.deploy import plan

    changes = plan(Client(), "monitors/")
    print(changes.render())
    if changes.has_changes:
        changes.apply(Client())

Job definitions and optimization jobs cannot be updated: a changed one is *replaced* (created
anew under a name with a content suffix, the schedules using it repointed, the old one deleted).
What a stack creates carries the tags ``sagemon:stack`` and ``sagemon:name``; with
``prune=True`` the stack's resources that the folder no longer has are deleted. No state file
is kept. ``sagemon plan``, ``sagemon apply`` and ``sagemon export`` are the command line.
"""

from __future__ import annotations

from sagemon._deploy_apply import ApplyResult, apply, export
from sagemon._deploy_model import (
    DEFAULT_STACK,
    NAME_TAG,
    STACK_TAG,
    Action,
    Change,
    MemberChange,
    Plan,
    ResourceKind,
)
from sagemon._deploy_plan import plan
from sagemon.errors import ApplyError, FolderError

__all__ = [
    "DEFAULT_STACK",
    "NAME_TAG",
    "STACK_TAG",
    "Action",
    "ApplyError",
    "ApplyResult",
    "Change",
    "FolderError",
    "MemberChange",
    "Plan",
    "ResourceKind",
    "apply",
    "export",
    "plan",
]
