"""``sagemon report FILE...``: show local report files as tables, recognising each one's kind.

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
from typing import TextIO

from sagemon._reports_base import Cell, Report
from sagemon._reports_violations import ConstraintViolations

__all__ = ["report_paths"]

STDIN = "-"
_STDIN_NAME = "<stdin>"


def report_paths(
    paths: list[str], *, output: str = "text", max_bytes: int, out: TextIO, err: TextIO
) -> int:
    """Show every report ``paths`` name (files, directories of ``*.json``, ``-``); the exit status."""
    status = 0
    first = True
    for name, path, problem in _sources(paths):
        report, error = (None, problem) if problem is not None else _read(name, path, max_bytes)
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


def _sources(paths: list[str]) -> Iterator[tuple[str, Path | None, str | None]]:
    """``(name, path, problem)`` for each file to show; a directory gives its ``*.json`` files."""
    for given in paths:
        if given == STDIN:
            yield _STDIN_NAME, None, None
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


def _read(name: str, path: Path | None, max_bytes: int) -> tuple[Report | None, str | None]:
    """The report a file holds, or why there is none; never raises (one file must not stop
    the others)."""
    from sagemon._files import RefusedFileError, read_limited
    from sagemon._reports_load import load
    from sagemon.errors import ReportError

    try:
        if path is None:
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                return None, f"cannot read: larger than the limit of {max_bytes:,} bytes"
        else:
            data = read_limited(path, max_bytes=max_bytes)
    except (OSError, RefusedFileError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return None, f"cannot read: {reason}"
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
