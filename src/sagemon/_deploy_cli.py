"""``sagemon plan``, ``sagemon apply`` and ``sagemon export``: monitors as code on the command line.

Exit statuses follow Terraform's: 0 success, 1 an error (problems in the files, a service error,
an apply not confirmed); ``plan --detailed-exitcode`` gives 0 for no changes and 2 for changes
pending.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from sagemon._client import Client
    from sagemon._deploy_model import Plan

__all__ = ["add_commands", "run"]

_WORKERS = 8


def add_commands(commands: Any, size: Any) -> None:
    """Add the three commands to the ``sagemon`` parser's subparsers."""
    from sagemon._deploy_model import DEFAULT_STACK
    from sagemon._files import MAX_BYTES

    def account_options(parser: argparse.ArgumentParser) -> None:
        where = parser.add_argument_group("the account")
        where.add_argument(
            "--endpoint-url",
            metavar="URL",
            help="SageMaker's endpoint, e.g. the URL `sagemon serve` prints",
        )
        where.add_argument("--region", help="the AWS region (default: the AWS configuration's)")
        where.add_argument("--profile", help="the AWS config profile (default: the default one)")
        where.add_argument(
            "--workers",
            type=_workers,
            default=_WORKERS,
            metavar="N",
            help=f"read the account with up to N concurrent calls (default {_WORKERS}); "
            "throttled calls are retried with backoff",
        )

    def folder_options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "folder", metavar="DIR", nargs="+", help="a folder of request files (or single files)"
        )
        parser.add_argument(
            "--stack",
            default=DEFAULT_STACK,
            help=f"the name the folder's resources are tagged with (sagemon:stack); --prune "
            f"deletes only this stack's resources (default {DEFAULT_STACK!r})",
        )
        parser.add_argument(
            "--prune",
            action="store_true",
            help="delete the stack's resources that the folder no longer has (default: keep "
            "them, and say so)",
        )
        parser.add_argument(
            "--max-bytes",
            type=size,
            default=MAX_BYTES,
            metavar="SIZE",
            help=f"refuse larger files (default: {MAX_BYTES // 1024**2}M)",
        )
        account_options(parser)

    planned = commands.add_parser(
        "plan",
        help="compare a folder of request files with the account: what apply would change",
        description="Read and validate every request file of the folder (every problem at "
        "once), compare with what is deployed and print a diff per resource: create, update "
        "(schedules: their configuration, tags and alerts), replace (job definitions and "
        "optimization jobs cannot be updated: a changed one is created anew, its schedules "
        "repointed, the old one deleted after) or delete (--prune). Exit status: 0 success, "
        "1 error; with --detailed-exitcode 0 no changes, 1 error, 2 changes pending.",
    )
    folder_options(planned)
    planned.add_argument(
        "--detailed-exitcode",
        action="store_true",
        help="exit 2 when there are changes, 0 when there are none",
    )
    planned.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help='text (default) or json: {"stack", "prune", "changes": [{"action", "kind", "name", '
        '"deployed_name", "new_name", "source", "members": [{"path", "before", "after"}], '
        '"notes", "request"}], "summary"}; problems in the files as {"problems": {FILE: '
        '[{"path", "message"}]}}',
    )
    applied = commands.add_parser(
        "apply",
        help="make the account match a folder of request files",
        description="Plan, show the plan, ask for confirmation (or --yes), then converge: job "
        "definitions and optimization jobs first, then schedules (repointed to replaced "
        "definitions), tags and alerts, and deletions last. Stops at the first service error, "
        "saying what was done and what was not; running it again continues. Exit status: 0 "
        "success (or nothing to do), 1 error or not confirmed.",
    )
    folder_options(applied)
    applied.add_argument("--yes", "-y", action="store_true", help="apply without asking")
    exported = commands.add_parser(
        "export",
        help="write the account's job definitions, schedules and optimization jobs as request "
        "files",
        description="Write every job definition (all four kinds), monitoring schedule (with "
        "its alerts' settings) and optimization job of the account as one request file each, "
        "in a folder per kind, such that planning the folder shows no changes. Exit status: "
        "0 success, 1 error.",
    )
    exported.add_argument("folder", metavar="DIR", help="the folder to write")
    exported.add_argument(
        "--format",
        choices=("json", "yaml"),
        default="json",
        help="the files' format (default json; yaml needs sagemon[yaml])",
    )
    exported.add_argument(
        "--force", action="store_true", help="write into a folder that holds request files"
    )
    exported.add_argument(
        "--stack",
        default=DEFAULT_STACK,
        help="the stack to export: resources tagged for other stacks are left out (default "
        f"{DEFAULT_STACK!r})",
    )
    account_options(exported)


def _workers(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"expected a number from 1 to 64, not {text!r}")
    return int(text)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``plan``, ``apply`` or ``export``; returns the exit status."""
    from sagemon.errors import FolderError, SagemonError

    try:
        if args.command == "export":
            return _export(args, out, err)
        changes = _plan(args, err)
        if args.command == "plan":
            if args.format == "json":
                out.write(json.dumps(changes.to_dict(), ensure_ascii=False, default=str) + "\n")
            else:
                out.write(changes.render())
            return 2 if args.detailed_exitcode and changes.has_changes else 0
        return _apply(args, changes, out, err)
    except FolderError as exc:
        if getattr(args, "format", "text") == "json":
            files = {
                name: [{"path": p.path, "message": p.message} for p in problems]
                for name, problems in exc.files.items()
            }
            out.write(json.dumps({"problems": files}, ensure_ascii=False) + "\n")
        else:
            _problems(exc, out)
        return 1
    except (SagemonError, OSError, ValueError, ImportError) as exc:
        err.write(f"sagemon {args.command}: {exc}\n")
        return 1


def _client(args: argparse.Namespace) -> Client:
    import boto3.session
    from botocore import exceptions as bx
    from botocore.config import Config

    from sagemon._client import Client
    from sagemon.errors import ConfigurationError

    try:
        session = boto3.session.Session(profile_name=args.profile, region_name=args.region)
    except bx.ProfileNotFound as exc:
        raise ConfigurationError(f"the AWS profile {args.profile!r} does not exist") from exc
    config = Config(
        retries={"mode": "adaptive", "max_attempts": 10},
        max_pool_connections=args.workers + 2,
    )
    return Client(boto3_session=session, endpoint_url=args.endpoint_url, boto_config=config)


def _plan(args: argparse.Namespace, err: TextIO) -> Plan:
    from sagemon._deploy_plan import plan

    client = _client(args)
    with _Progress(err, "reading the account") as progress:
        return plan(
            client,
            args.folder,
            stack=args.stack,
            prune=args.prune,
            workers=args.workers,
            progress=progress,
            max_bytes=args.max_bytes,
        )


def _apply(args: argparse.Namespace, changes: Plan, out: TextIO, err: TextIO) -> int:
    from sagemon.errors import ApplyError

    out.write(changes.render())
    if not changes.has_changes:
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            err.write("sagemon apply: not applied: pass --yes to apply without a terminal\n")
            return 1
        out.write("Apply these changes? Only 'yes' applies them: ")
        out.flush()
        if sys.stdin.readline().strip() != "yes":
            err.write("sagemon apply: not applied\n")
            return 1
    try:
        done = changes.apply(_client(args), on_step=lambda step: print(f"  {step}", file=out))
    except ApplyError as exc:
        err.write(f"sagemon apply: stopped: {exc.failed} failed: {exc.reason}\n")
        err.write(f"  done ({len(exc.done)}): {'; '.join(exc.done) or 'nothing'}\n")
        err.write(f"  not done ({len(exc.not_done)}): {'; '.join(exc.not_done) or 'nothing'}\n")
        return 1
    out.write(f"Applied: {len(done.done)} step{'s' if len(done.done) != 1 else ''}.\n")
    return 0


def _export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from sagemon._deploy_apply import export

    client = _client(args)
    with _Progress(err, "reading the account") as progress:
        files = export(
            client,
            args.folder,
            format=args.format,
            overwrite=args.force,
            workers=args.workers,
            progress=progress,
        )
    out.writelines(f"{path}\n" for path in files)
    out.write(f"Exported {len(files)} resource{'s' if len(files) != 1 else ''} to {args.folder}\n")
    return 0


def _problems(exc: Any, out: TextIO) -> None:
    for name, problems in exc.files.items():
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        out.write(f"{name}: {count}\n")
        out.writelines(f"  {problem}\n" for problem in problems)


class _Progress:
    """``reading the account: 12/40`` on one line of a terminal; nothing elsewhere."""

    def __init__(self, stream: TextIO, what: str) -> None:
        self.stream = stream
        self.what = what
        self.live = stream.isatty()
        self.shown = False

    def __enter__(self) -> _Progress | None:
        return self if self.live else None

    def __call__(self, finished: int, started: int) -> None:
        self.stream.write(f"\r{self.what}: {finished}/{started}")
        self.stream.flush()
        self.shown = True

    def __exit__(self, *exc: object) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
