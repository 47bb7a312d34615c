"""Recognising a report's kind from its content, and loading text, data or a local file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TypeAlias

from sagemon._reports_base import Report
from sagemon._reports_clarify import ClarifyAnalysis
from sagemon._reports_data import DataQualityConstraints, DataQualityStatistics
from sagemon._reports_json import MAX_REPORT_BYTES, JSONObject, normalise, parse_json
from sagemon._reports_model import ModelQualityConstraints, ModelQualityStatistics
from sagemon._reports_violations import (
    BiasViolations,
    DataQualityViolations,
    FeatureAttributionViolations,
    ModelQualityViolations,
)
from sagemon.errors import ReportError

__all__ = [
    "REPORT_TYPES",
    "AnyConstraints",
    "AnyStatistics",
    "AnyViolations",
    "load",
    "load_path",
    "report_type",
]

AnyStatistics: TypeAlias = DataQualityStatistics | ModelQualityStatistics
"""A ``statistics.json``: data quality or model quality."""
AnyConstraints: TypeAlias = DataQualityConstraints | ModelQualityConstraints
"""A ``constraints.json``: data quality or model quality."""
AnyViolations: TypeAlias = (
    DataQualityViolations | ModelQualityViolations | BiasViolations | FeatureAttributionViolations
)
"""A ``constraint_violations.json`` of any monitoring type."""

REPORT_TYPES: tuple[type[Report], ...] = (
    DataQualityStatistics,
    DataQualityConstraints,
    DataQualityViolations,
    ModelQualityStatistics,
    ModelQualityConstraints,
    ModelQualityViolations,
    ClarifyAnalysis,
    BiasViolations,
    FeatureAttributionViolations,
)
"""Every report model; on equal evidence the earlier one is chosen."""


def report_type(data: Mapping[str, object]) -> type[Report]:
    """The report model whose kind ``data`` (a parsed report file) is; ReportError if none.

    An empty violations file does not say which monitor wrote it: it is taken for data quality,
    or for bias drift if it has Clarify's string ``version``.
    """
    if not isinstance(data, Mapping):
        raise ReportError(f"a report is a JSON object, not {type(data).__name__}")
    return _best(normalise(data))


def _best(data: JSONObject) -> type[Report]:
    best: type[Report] | None = None
    best_score = 0
    for kind in REPORT_TYPES:
        score, _ = kind._evidence(data)
        if score > best_score:
            best, best_score = kind, score
    if best is None:
        raise ReportError(f"cannot tell which report this is: {_seen(data)}")
    return best


def _seen(data: JSONObject) -> str:
    """What a file that is no report holds, and what a report would have."""
    hints = []
    for key in ("violations", "features"):
        if key in data and not isinstance(data[key], list):
            hints.append(f"its '{key}' member is not a list")
    for key in ("pre_training_bias_metrics", "post_training_bias_metrics", "explanations"):
        if key in data and not isinstance(data[key], dict):
            hints.append(f"its '{key}' member is not an object")
    keys = [repr(k if len(k) <= 40 else k[:37] + "...") for k in data]
    if not keys:
        held = "it is an empty object"
    else:
        shown = ", ".join(keys[:8]) + (f" and {len(keys) - 8} more" if len(keys) > 8 else "")
        held = f"it has the member{'s' if len(keys) != 1 else ''} {shown}"
    if hints:
        held += " (" + "; ".join(hints) + ")"
    return (
        f"{held}; a report has a 'violations' list, a 'features' list, a '…_metrics' or"
        " '…_constraints' object (model quality), or a Clarify section"
        " ('pre_training_bias_metrics', 'post_training_bias_metrics', 'explanations')"
    )


def load(
    source: str | bytes | Mapping[str, object], *, max_bytes: int = MAX_REPORT_BYTES
) -> Report:
    """The report in ``source`` (JSON text, or the parsed data), as the model of its kind.

    The kind is recognised from the content; ReportError says what the content held if it is
    none. For a local file use :func:`load_path` (a ``str`` here is JSON text, not a path).
    """
    if isinstance(source, (str, bytes)):
        if isinstance(source, str) and not source.lstrip("\ufeff \t\r\n").startswith(("{", "[")):
            shown = source if len(source) <= 60 else source[:57] + "..."
            raise ReportError(
                f"not a report: {shown!r} is not JSON text; for a file, use load_path(path)"
            )
        data = parse_json(source, max_bytes=max_bytes)
    elif isinstance(source, Mapping):
        data = normalise(source)
    else:
        raise ReportError(
            f"load() takes JSON text or a mapping, not {type(source).__name__}; for a file, use"
            " load_path(path)"
        )
    return _best(data)._of(data)


def load_path(path: str | os.PathLike[str], *, max_bytes: int = MAX_REPORT_BYTES) -> Report:
    """The report in the local file ``path``, as the model of its kind.

    Only regular files are read, and at most ``max_bytes`` of them (default 64 MiB). Raises
    ReportError for a file that is no report, ``RefusedFileError`` for one that is too large or
    not a regular file, and OSError if it cannot be read.
    """
    from sagemon._files import read_limited

    return load(read_limited(path, max_bytes=max_bytes), max_bytes=max_bytes)
