"""The ``sagemon`` command: ``sagemon demo`` and ``sagemon validate FILE...``."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import Any, TextIO

from sagemon.errors import Problem, ValidationError

__all__ = ["main"]


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    out = out if out is not None else sys.stdout
    parser = argparse.ArgumentParser(
        prog="sagemon",
        description="Typed tooling for SageMaker Model Monitor and optimization jobs.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="{demo,validate}")
    commands.add_parser(
        "demo", help="walk through the SDK against a local SageMaker (no AWS account needed)"
    )
    check = commands.add_parser(
        "validate",
        help="check request files (JSON or YAML, wire format) against every constraint and rule",
        description="Check wire-format request files against every documented constraint and "
        "cross-field rule. Exits 1 if any file has a problem, 2 if a file cannot be read.",
    )
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    check.add_argument(
        "--operation",
        "-o",
        help="the operation the files are requests of (default: inferred from each file's members)",
    )
    args = parser.parse_args(argv)
    if args.command == "demo":
        from sagemon._demo import run

        return run(out)
    return validate_files(args.files, args.operation, out)


def validate_files(files: list[Path], operation: str | None, out: TextIO) -> int:
    """Print every problem of every file; 0 if all are valid, 1 if not, 2 if one is unreadable."""
    from sagemon._files import load_document
    from sagemon._generated.operations import OPERATIONS
    from sagemon._wire import validate_wire

    status = 0
    for path in files:
        try:
            text = path.read_bytes()
        except OSError as exc:
            out.write(f"{path}: cannot read: {exc.strerror or exc}\n")
            status = 2
            continue
        kind = "yaml" if path.suffix.lower() in (".yaml", ".yml") else "json"
        try:
            document = load_document(text, kind)
            name, payload = _operation_and_payload(document, operation, OPERATIONS)
            validate_wire(OPERATIONS[name].input, payload)
        except ValidationError as exc:
            where = f"{path}: {exc.subject}" if exc.subject else f"{path}"
            out.write(
                f"{where}: {len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''}\n"
            )
            out.writelines(f"  {problem}\n" for problem in exc.problems)
            status = max(status, 1)
        except ImportError as exc:
            out.write(f"{path}: {exc}\n")
            status = 2
        else:
            out.write(f"{path}: {name}: OK\n")
    return status


def _operation_and_payload(
    document: Any, operation: str | None, operations: dict[str, Any]
) -> tuple[str, Any]:
    """Which operation a document is a request of, and the request itself."""
    if isinstance(document, dict) and set(document) >= {"operation", "payload"}:
        operation = operation or document["operation"]
        document = document["payload"]
    if operation is not None:
        return _operation_name(operation, operations), document
    if not isinstance(document, dict):
        raise ValidationError(
            [Problem("<root>", "a request file holds an object; this one does not")]
        )
    return _infer(document, operations), document


def _operation_name(given: str, operations: dict[str, Any]) -> str:
    by_method = {op.method: name for name, op in operations.items()}
    name = given if given in operations else by_method.get(given)
    if name is None:
        close = difflib.get_close_matches(given, [*operations, *by_method], n=3)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise ValidationError([Problem("<root>", f"unknown operation {given!r}{hint}")])
    return name


def _infer(document: dict[str, Any], operations: dict[str, Any]) -> str:
    """The single operation whose request members cover the document's keys and required ones."""
    from sagemon._generated.shapes import FIELDS

    keys = set(document)
    candidates = []
    for name, op in operations.items():
        members = {wire for _py, wire, _req in FIELDS[op.input]}
        required = {wire for _py, wire, req in FIELDS[op.input] if req}
        if keys <= members and required <= keys:
            candidates.append(name)
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        message = "no operation's request has exactly these members; pass --operation NAME"
    else:
        message = f"could be {', '.join(sorted(candidates))}; pass --operation NAME"
    raise ValidationError([Problem("<root>", message)])
