"""``sagemon report FILE...``: show report files as tables, recognising each one's kind.

Files are local paths, directories, ``-`` (standard input) or ``s3://bucket/key`` objects (an
``s3://`` prefix ending in ``/`` gives its ``*.json`` objects), read with a default boto3 session.
Exit status: 0 every file was read and no violations file lists a violation; 1 some violations
file lists violations; 2 a file could not be read or is no report (said on standard error).
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from sagemon._reports_base import Cell, Report
from sagemon._reports_violations import ConstraintViolations

if TYPE_CHECKING:
    from sagemon._client import Client
    from sagemon._results import ExecutionReports

__all__ = ["report_paths", "report_schedule"]

STDIN = "-"
_STDIN_NAME = "<stdin>"


def report_paths(
    paths: list[str], *, output: str = "text", max_bytes: int, out: TextIO, err: TextIO
) -> int:
    """Show every report ``paths`` name (files, directories of ``*.json``, ``-``); the exit status."""
    status = 0
    first = True
    s3 = _LazyS3()
    for name, path, problem in _sources(paths, s3):
        report, error = (None, problem) if problem is not None else _read(name, path, max_bytes, s3)
        if error is not None:
            err.write(f"{name}: {error}\n")
            status = 2
        if report is not None and isinstance(report, ConstraintViolations) and len(report) > 0:
            status = max(status, 1)
        if output == "json":
            out.write(json.dumps(_record(name, report, error), ensure_ascii=False) + "\n")
        elif report is not None:
            if not first:
                out.write("\n")
            first = False
            out.write(f"{name}: {report.to_text()}\n")
    return status


class _LazyS3:
    """The boto3 S3 client of a default session, made when the first ``s3://`` file is read."""

    def __init__(self) -> None:
        self._client: Any = None

    def __call__(self) -> Any:
        if self._client is None:
            import boto3.session

            self._client = boto3.session.Session().client("s3")
        return self._client


def report_schedule(
    name: str, *, output: str = "text", max_bytes: int, out: TextIO, err: TextIO
) -> int:
    """Show the reports of the schedule's latest finished execution; the exit status."""
    from sagemon.errors import SagemonError

    try:
        reports = _client().latest_reports(name, max_bytes=max_bytes)
    except SagemonError as exc:
        message = " ".join(str(exc).split())
        err.write(f"--schedule {name}: {message}\n")
        if output == "json":
            out.write(json.dumps(_schedule_record(name, None, message)) + "\n")
        return 2
    if output == "json":
        out.write(json.dumps(_schedule_record(name, reports, None), ensure_ascii=False) + "\n")
    else:
        out.write(f"--schedule {name}: {reports.to_text()}\n")
    return 1 if reports.violation_count else 0


def _client() -> Client:
    """The client ``--schedule`` reads through: a default boto3 session."""
    from sagemon._client import Client

    return Client()


def _schedule_record(
    name: str, reports: ExecutionReports | None, error: str | None
) -> dict[str, object]:
    if reports is None:
        return {"schedule": name, "status": None, "violations": None, "files": {}, "error": error}
    where = reports.where
    files = {
        "statistics": where.statistics,
        "constraints": where.constraints,
        "violations": where.violations,
        "analysis": where.analysis,
    }
    return {
        "schedule": name,
        "processing_job": reports.processing_job_name,
        "monitoring_type": reports.monitoring_type.value if reports.monitoring_type else None,
        "status": reports.status.value,
        "violations": reports.violation_count,
        "prefix": where.prefix,
        "files": {k: v for k, v in files.items() if v is not None},
        "tables": {
            t.key: [{c: _strict(v) for c, v in record.items()} for record in t.records()]
            for t in reports._tables()
        },
        "error": None,
    }


def _sources(paths: list[str], s3: _LazyS3) -> Iterator[tuple[str, Path | str | None, str | None]]:
    """``(name, source, problem)`` for each file to show: a path, an ``s3://`` URI or ``None``
    (standard input); a directory (or an ``s3://`` prefix ending in ``/``) gives its
    ``*.json`` files."""
    from sagemon._s3 import is_s3_uri

    for given in paths:
        if given == STDIN:
            yield _STDIN_NAME, None, None
            continue
        if is_s3_uri(given):
            yield from _s3_sources(given, s3)
            continue
        path = Path(given)
        if not path.is_dir():
            yield given, path, None
            continue
        errors: list[OSError] = []
        found = []
        for root, dirs, files in os.walk(path, onerror=errors.append):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [
                Path(root, f)
                for f in files
                if not f.startswith(".") and f.lower().endswith(".json")
            ]
        for file in sorted(found, key=lambda p: p.parts):
            yield str(file), file, None
        for error in errors:
            where = error.filename if error.filename is not None else given
            yield str(where), None, f"cannot read: {error.strerror or error}"
        if not found and not errors:
            yield given, None, "no *.json files in this directory"


def _s3_sources(uri: str, s3: _LazyS3) -> Iterator[tuple[str, str | None, str | None]]:
    from sagemon._s3 import list_json_objects, split_s3_uri
    from sagemon.errors import ReportError, ReportFetchError

    try:
        _, key = split_s3_uri(uri)
    except ReportError as exc:
        yield uri, None, str(exc)
        return
    if key and not key.endswith("/"):
        yield uri, uri, None
        return
    found = False
    try:
        for object_uri in list_json_objects(s3(), uri):
            found = True
            yield object_uri, object_uri, None
    except ReportFetchError as exc:
        yield uri, None, _reason(uri, exc)
        return
    if not found:
        yield uri, None, "no *.json objects under this prefix"


def _reason(name: str, exc: Exception) -> str:
    """An error's message without the leading ``name: `` (the name is printed before it)."""
    text = str(exc)
    return text[len(name) + 2 :] if text.startswith(f"{name}: ") else text


def _read(
    name: str, path: Path | str | None, max_bytes: int, s3: _LazyS3
) -> tuple[Report | None, str | None]:
    """The report a file holds, or why there is none; never raises (one file must not stop
    the others)."""
    from sagemon._files import RefusedFileError, read_limited
    from sagemon._reports_load import load
    from sagemon.errors import ReportError, ReportFetchError

    try:
        if isinstance(path, str):
            from sagemon._s3 import read_object

            data = read_object(s3(), path, max_bytes=max_bytes)
        elif path is None:
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                return None, f"cannot read: larger than the limit of {max_bytes:,} bytes"
        else:
            data = read_limited(path, max_bytes=max_bytes)
    except (OSError, RefusedFileError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return None, f"cannot read: {reason}"
    except (ReportFetchError, ReportError) as exc:
        return None, f"cannot read: {_reason(name, exc)}"
    except Exception as exc:  # e.g. botocore cannot be configured: one line, no traceback
        return None, f"cannot read: {type(exc).__name__}: {str(exc)[:300]}"
    try:
        return load(data, max_bytes=max_bytes), None
    except ReportError as exc:
        return None, str(exc)
    except Exception as exc:  # a bug must not hide the other files' reports
        detail = f"{type(exc).__name__}: {exc}"
        return None, f"internal error: {detail[:300]}"


def _record(name: str, report: Report | None, error: str | None) -> dict[str, object]:
    """The JSON line of one file: its kind, violation count (violations files only) and tables.

    Numbers that JSON cannot hold (NaN, infinities) are written as the strings ``"NaN"``,
    ``"Infinity"`` and ``"-Infinity"``, so every line is strict JSON.
    """
    if report is None:
        return {"path": name, "kind": None, "violations": None, "tables": {}, "error": error}
    count = len(report) if isinstance(report, ConstraintViolations) else None
    tables = {
        t.key: [{c: _strict(v) for c, v in record.items()} for record in t.records()]
        for t in report._tables()
    }
    return {"path": name, "kind": report.KIND, "violations": count, "tables": tables, "error": None}


def _strict(value: Cell) -> Cell:
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"
    return value
