"""The ``sagemon`` command: ``sagemon demo``, ``sagemon validate PATH...``, ``sagemon report FILE...``,
``sagemon serve``, and monitors as code: ``sagemon plan``, ``apply`` and ``export``
(``sagemon._deploy_cli``).

``validate`` never stops at a bad file and never prints a traceback: each file gets a result,
problems go to standard output, files that cannot be checked to standard error. Exit status:
0 every file is valid, 1 some file has problems, 2 a file could not be read or checked (or the
command was misused). ``report`` works the same way (``sagemon._reports_cli``): 0 every file was
read and no violations file lists a violation, 1 violations were found, 2 a file could not be read.
``serve`` (``sagemon.testing._serve``) prints its endpoint's URL and serves until SIGINT or
SIGTERM: 0 after a clean shutdown, 2 when it cannot run.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from sagemon.errors import Problem, ValidationError

__all__ = ["main"]

SUFFIXES = (".json", ".yaml", ".yml")
STDIN = "-"
_STDIN_NAME = "<stdin>"
_ROOT = "<root>"


def main(
    argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; returns the exit status (usage errors raise SystemExit(2))."""
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    parser, check_parser, show_parser = _parser()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        args = _parse(parser, argv)
        if args.command == "report" and not args.files and args.schedule is None:
            show_parser.error("give a FILE (or s3:// URI) or --schedule NAME")
        operation = None
        if args.command == "validate" and args.operation is not None:
            try:
                operation = _operation_name(args.operation)
            except LookupError as exc:
                check_parser.error(f"argument --operation/-o: {exc.args[0]}")
    try:
        if args.command == "demo":
            from sagemon._demo import run

            return run(out)
        if args.command == "serve":
            from sagemon.testing._serve import serve

            return serve(
                port=args.port,
                region=args.region,
                clock=args.clock,
                speed=args.speed,
                log_requests=args.log_requests,
                out=out,
                err=err,
            )
        if args.command in ("plan", "apply", "export"):
            from sagemon._deploy_cli import run as run_deploy

            return run_deploy(args, out, err)
        if args.command == "report":
            from sagemon._reports_cli import report_paths, report_schedule

            status = 0
            if args.schedule is not None:
                status = report_schedule(
                    args.schedule, output=args.format, max_bytes=args.max_bytes, out=out, err=err
                )
            if args.files:
                status = max(
                    status,
                    report_paths(
                        args.files, output=args.format, max_bytes=args.max_bytes, out=out, err=err
                    ),
                )
            return status
        return validate_paths(
            args.paths,
            operation=operation,
            output=args.format,
            max_bytes=args.max_bytes,
            out=out,
            err=err,
        )
    except KeyboardInterrupt:
        err.write("sagemon: interrupted\n")
        return 130
    except BrokenPipeError:  # e.g. `sagemon validate dir | head`: stop quietly, not all reported
        if out is sys.stdout:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 2


def _parse(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """The arguments; usage errors exit 2, or 1 for plan/apply/export, as Terraform's do (their
    2 means "changes pending")."""
    try:
        return parser.parse_args(argv)
    except SystemExit as exc:
        given = sys.argv[1:] if argv is None else argv
        command = next((a for a in given if not a.startswith("-")), None)
        if exc.code == 2 and command in ("plan", "apply", "export"):
            raise SystemExit(1) from None
        raise


def _parser() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser, argparse.ArgumentParser]:
    """The command's parser, and those of ``validate`` and ``report``."""
    from sagemon import __version__
    from sagemon._files import MAX_BYTES
    from sagemon._reports_json import MAX_REPORT_BYTES

    parser = argparse.ArgumentParser(
        prog="sagemon",
        description="Typed tooling for SageMaker Model Monitor and optimization jobs.",
    )
    parser.add_argument("--version", action="version", version=f"sagemon {__version__}")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="{demo,validate,report,serve,plan,apply,export}"
    )
    commands.add_parser(
        "demo",
        help="walk through the SDK against a local SageMaker (no AWS account needed)",
        description="Build, validate, create and run a model quality monitor against a local "
        "SageMaker in this process, printing each step. Needs no AWS account or network.",
    )
    check = commands.add_parser(
        "validate",
        help="check request files (JSON or YAML, wire format) against every constraint and rule",
        description="Check wire-format request files against every documented constraint and "
        "cross-field rule, reporting every problem with its path. Directories are searched "
        "recursively for *.json, *.yaml and *.yml files (hidden ones skipped, in sorted order); "
        "'-' reads standard input (JSON or YAML). The operation is inferred from each file's "
        'members (or from an {"operation": ..., "payload": ...} envelope); a file several '
        "operations fit is checked against each of them and is valid only if valid for all. "
        "Exit status: 0 all valid, 1 problems found, 2 a file could not be read or checked.",
    )
    check.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a request file, a directory of them, or - for standard input",
    )
    check.add_argument(
        "--operation",
        "-o",
        metavar="NAME",
        help="the operation every file is a request of, e.g. CreateMonitoringSchedule or "
        "create_monitoring_schedule (default: inferred from each file)",
    )
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default): a line per file and one per problem; json: one JSON object per "
        'file and line: {"path", "operations", "ok", "problems": [{"path", "message", '
        '"operations"}], "error"}',
    )
    check.add_argument(
        "--max-bytes",
        type=_size,
        default=MAX_BYTES,
        metavar="SIZE",
        help=f"refuse larger files; a number of bytes with an optional k, M or G suffix "
        f"(default: {MAX_BYTES // 1024**2}M)",
    )
    show = commands.add_parser(
        "report",
        help="show Model Monitor and Clarify report files (statistics, constraints, violations, "
        "analyses) as tables",
        description="Show report files as tables: statistics.json, constraints.json, "
        "constraint_violations.json and Clarify's analysis.json, each file's kind recognised "
        "from its content. Directories are searched recursively for *.json files (hidden ones "
        "skipped, in sorted order); '-' reads standard input; s3://bucket/key reads an S3 "
        "object and s3://bucket/prefix/ every *.json object under the prefix (default boto3 "
        "credentials and region). Exit status: 0 every file was "
        "read and no violations file lists a violation, 1 some violations file lists "
        "violations, 2 a file could not be read or is no report.",
    )
    show.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="a report file, a directory of them, - for standard input, or an s3:// URI",
    )
    show.add_argument(
        "--schedule",
        metavar="NAME",
        help="show the reports of the monitoring schedule's latest finished execution (the "
        "default AWS credentials and region)",
    )
    show.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default): the tables; json: one JSON object per file and line: "
        '{"path", "kind", "violations" (a count, for violations files), "tables": '
        '{name: [row objects]}, "error"}; NaN and infinities as the strings "NaN", '
        '"Infinity" and "-Infinity"',
    )
    show.add_argument(
        "--max-bytes",
        type=_size,
        default=MAX_REPORT_BYTES,
        metavar="SIZE",
        help=f"refuse larger files; a number of bytes with an optional k, M or G suffix "
        f"(default: {MAX_REPORT_BYTES // 1024**2}M)",
    )
    served = commands.add_parser(
        "serve",
        help="run a local SageMaker endpoint on 127.0.0.1 for any client (sagemon[server])",
        description="Serve a local SageMaker on 127.0.0.1 for any client in any process (boto3, "
        "the AWS CLI, the SageMaker Python SDK): every monitoring, job-definition, optimization "
        "and processing-job operation sagemon covers, tags, and S3 for the reports. Prints the "
        "endpoint's URL on a line of its own when ready, then serves until interrupted (SIGINT "
        "or SIGTERM). Control routes under /_sagemon/ run executions and move the clock "
        "(sagemon.testing.LocalSageMakerControl). Needs pip install 'sagemon[server]'. "
        "Exit status: 0 after a clean shutdown, 2 when it cannot run.",
    )
    served.add_argument(
        "--port", type=_port, default=0, help="the port (default 0: a free one, as printed)"
    )
    served.add_argument(
        "--region", default="us-east-1", help="the region of the ARNs (default us-east-1)"
    )
    served.add_argument(
        "--clock",
        choices=("real", "manual"),
        default="real",
        help="real (default): time passes on its own, so clients that sleep between polls see "
        "status changes; manual: time moves only when advanced over HTTP (for tests that "
        "drive it)",
    )
    served.add_argument(
        "--speed",
        type=_speed,
        default=1.0,
        metavar="N",
        help="with --clock real, time passes N times as fast (default 1)",
    )
    served.add_argument(
        "--log-requests",
        action="store_true",
        help="log each request line to standard error",
    )
    from sagemon._deploy_cli import add_commands

    add_commands(commands, _size)
    return parser, check, show


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 0 to 65535, not {text!r}")
    return int(text)


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number > 0, not {text!r}")
    return value


def _size(text: str) -> int:
    """A size in bytes: ``1000``, ``500k``, ``4M``, ``4MiB``, ``1G`` (powers of 1024)."""
    match = re.fullmatch(r"\s*(\d+)\s*(?:([kmg])(?:i?b)?|b)?\s*", text, re.IGNORECASE)
    if match is None or int(match[1]) == 0:
        raise argparse.ArgumentTypeError(f"expected a size such as 500k or 4M, not {text!r}")
    unit: str = (match[2] or " ").lower()
    return int(match[1]) << 10 * " kmg".index(unit)


# ----------------------------------------------------------------------------- the files


class Source(NamedTuple):
    """One document to check: its name as shown, and its path (None for standard input)."""

    name: str
    path: Path | None


class Result(NamedTuple):
    """What checking one document found.

    ``groups`` pairs operations with the problems found for all of them (the same problems for
    every operation in a group; file-level problems have no operations). ``error`` says why the
    document could not be checked at all.
    """

    name: str
    operations: tuple[str, ...]
    groups: tuple[tuple[tuple[str, ...], tuple[Problem, ...]], ...]
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and not any(problems for _, problems in self.groups)


def validate_paths(
    paths: list[str],
    *,
    operation: str | None = None,
    output: str = "text",
    max_bytes: int | None = None,
    out: TextIO,
    err: TextIO,
) -> int:
    """Check every document ``paths`` name and print the results; returns the exit status."""
    from sagemon._files import MAX_BYTES

    limit = MAX_BYTES if max_bytes is None else max_bytes
    status = 0
    for source in _sources(paths):
        result = source if isinstance(source, Result) else check(source, operation, limit)
        _report(result, output, out, err)
        status = max(status, 0 if result.ok else 2 if result.error else 1)
    return status


def _sources(paths: list[str]) -> Iterator[Source | Result]:
    """The documents ``paths`` name, in order; a directory gives its request files, sorted.

    A directory with none, or one that cannot be listed, gives a Result with its error.
    """
    for given in paths:
        if given == STDIN:
            yield Source(_STDIN_NAME, None)
            continue
        path = Path(given)
        if not path.is_dir():
            yield Source(given, path)
            continue
        errors: list[OSError] = []
        found = sorted(_request_files(path, errors), key=lambda p: p.parts)
        yield from (Source(str(p), p) for p in found)
        for error in errors:
            where = error.filename if error.filename is not None else given
            yield Result(str(where), (), (), f"cannot read: {error.strerror or error}")
        if not found and not errors:
            kinds = ", ".join(f"*{suffix}" for suffix in SUFFIXES)
            yield Result(given, (), (), f"no {kinds} files in this directory")


def _request_files(directory: Path, errors: list[OSError]) -> Iterator[Path]:
    """Request files below ``directory``, hidden entries skipped, links to directories not followed.

    A directory that cannot be listed is added to ``errors``.
    """
    for root, dirs, files in os.walk(directory, onerror=errors.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                yield Path(root, name)


def check(source: Source, operation: str | None, max_bytes: int) -> Result:
    """Check one document; never raises (an unexpected exception becomes an internal error)."""
    from sagemon._files import RefusedFileError

    try:
        try:
            data = _read(source, max_bytes)
        except (OSError, RefusedFileError) as exc:
            return Result(source.name, (), (), _unreadable(exc))
        return _check_document(source, data, operation, max_bytes)
    except ImportError as exc:  # YAML without PyYAML
        return Result(source.name, (), (), str(exc))
    except Exception as exc:  # one bad file must not stop the others
        detail = _shorten(f"{type(exc).__name__}: {exc}", 300)
        return Result(source.name, (), (), f"internal error: {detail}")


def _unreadable(exc: Exception) -> str:
    """Why a file could not be read (an OSError or a RefusedFileError), as reported."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return f"cannot read: {reason}"


def _document_kind(source: Source) -> str:
    """How to parse a document: by its file's suffix, else whichever it looks like."""
    suffix = source.path.suffix.lower() if source.path is not None else ""
    return "yaml" if suffix in (".yaml", ".yml") else "json" if suffix == ".json" else "auto"


def _read(source: Source, max_bytes: int) -> bytes:
    from sagemon._files import RefusedFileError, read_limited

    if source.path is not None:
        return read_limited(source.path, max_bytes=max_bytes)
    data: bytes = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise RefusedFileError(f"larger than the limit of {max_bytes:,} bytes")
    return data


def _check_document(source: Source, data: bytes, operation: str | None, max_bytes: int) -> Result:
    from sagemon._files import parse_document
    from sagemon._generated.operations import OPERATIONS
    from sagemon._wire import validate_wire

    try:
        document, found = parse_document(data, _document_kind(source), max_bytes=max_bytes)
        names, payload = _operations_and_payload(document, operation)
    except ValidationError as exc:
        return Result(source.name, (), (((), exc.problems),))
    results: dict[str, tuple[Problem, ...]] = {}
    for name in names:
        try:
            validate_wire(OPERATIONS[name].input, payload)
            results[name] = tuple(found)
        except ValidationError as exc:
            results[name] = (*found, *exc.problems)
    groups: dict[tuple[Problem, ...], list[str]] = {}
    for name, problems in results.items():
        groups.setdefault(problems, []).append(name)
    return Result(
        source.name,
        tuple(names),
        tuple((tuple(ops), problems) for problems, ops in groups.items() if problems),
    )


def _operations_and_payload(document: Any, operation: str | None) -> tuple[list[str], Any]:
    """The operations a document is to be checked as, and the request itself.

    An envelope ``{"operation": NAME, "payload": REQUEST}`` (extra keys allowed) names its
    operation; ``operation`` (from the command line) overrides it.
    """
    from sagemon._problems import describe

    if isinstance(document, dict) and "operation" in document and "payload" in document:
        given, document = document["operation"], document["payload"]
        if operation is None:
            if not isinstance(given, str):
                raise ValidationError(
                    [Problem("operation", f"expected an operation name, got {describe(given)}")]
                )
            try:
                operation = _operation_name(given)
            except LookupError as exc:
                raise ValidationError([Problem("operation", exc.args[0])]) from None
        if not isinstance(document, dict):
            raise ValidationError(
                [Problem("payload", f"expected an object (the request), got {describe(document)}")]
            )
    if not isinstance(document, dict):
        raise ValidationError(
            [Problem(_ROOT, f"a request file holds an object, not {describe(document)}")]
        )
    if operation is not None:
        return [operation], document
    return _infer(document), document


def _operation_name(given: str) -> str:
    """The operation ``given`` names (by API or boto3 method name); LookupError if none."""
    from sagemon._generated.operations import OPERATIONS

    by_method = {op.method: name for name, op in OPERATIONS.items()}
    name = given if given in OPERATIONS else by_method.get(given)
    if name is None:
        close = difflib.get_close_matches(given, [*OPERATIONS, *by_method], n=4)
        names = list(dict.fromkeys(by_method.get(c, c) for c in close))[:2]
        hint = f"did you mean {' or '.join(names)}? " if names else ""
        raise LookupError(
            f"unknown operation {_shorten(given)!r}; {hint}"
            f"valid operations: {', '.join(sorted(OPERATIONS))}"
        )
    return name


def _infer(document: dict[Any, Any]) -> list[str]:
    """Every operation whose request has all the document's keys and all its required members."""
    from sagemon._generated.operations import OPERATIONS
    from sagemon._spec import spec_of

    keys = set(document)
    fits, near = [], []
    every_member: set[str] = set()
    for name, op in sorted(OPERATIONS.items()):
        spec = spec_of(op.input)
        members = set(spec.by_wire)
        required = {m.wire for m in spec.members if m.required}
        every_member |= members
        unknown, missing = keys - members, required - keys
        if not unknown and not missing:
            fits.append(name)
        near.append((-len(keys & members), len(unknown) + len(missing), name, unknown, missing))
    if fits:
        return fits
    strangers = keys - every_member
    if strangers:
        first = sorted(strangers, key=str)[0]
        close = difflib.get_close_matches(first, every_member, n=1) if type(first) is str else []
        hint = f" (did you mean {close[0]}?)" if close else ""
        message = f"no operation's request has a member {_names(strangers)}{hint}"
    else:
        _, _, name, unknown, missing = min(near, key=lambda n: n[:3])
        details = [f"{name} has no {_names(unknown)}"] if unknown else []
        details += [f"{name} needs {_names(missing)}"] if missing else []
        message = (
            f"no operation's request has exactly these members (closest: {'; '.join(details)})"
        )
    raise ValidationError([Problem(_ROOT, f"{message}; pass --operation NAME")])


def _names(keys: set[Any]) -> str:
    shown = sorted(_shorten(str(k)) for k in keys)
    return ", ".join(shown[:3]) + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


# ----------------------------------------------------------------------------- output


def _report(result: Result, output: str, out: TextIO, err: TextIO) -> None:
    if result.error is not None:
        err.write(f"{result.name}: {result.error}\n")
    if output == "json":
        out.write(json.dumps(_record(result), ensure_ascii=False) + "\n")
        return
    if result.error is not None:
        return
    if result.ok:
        out.write(f"{result.name}: {', '.join(result.operations)}: OK\n")
        return
    from sagemon._generated.operations import OPERATIONS

    for operations, problems in result.groups:
        subject = ", ".join(OPERATIONS[name].input.__name__ for name in operations)
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        out.write(
            f"{result.name}: {subject}: {count}\n" if subject else f"{result.name}: {count}\n"
        )
        out.writelines(f"  {problem}\n" for problem in problems)


def _record(result: Result) -> dict[str, Any]:
    """The JSON form of a result: each distinct problem once, with the operations it applies to."""
    problems: dict[Problem, list[str]] = {}
    for operations, found in result.groups:
        for problem in found:
            problems.setdefault(problem, []).extend(operations)
    return {
        "path": result.name,
        "operations": list(result.operations),
        "ok": result.ok,
        "problems": [
            {"path": problem.path, "message": problem.message, "operations": operations}
            for problem, operations in problems.items()
        ],
        "error": result.error,
    }
