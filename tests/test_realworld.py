"""The 72 real payloads from other people's code (tests/realworld, see its INDEX.md).

Valid payloads round-trip exactly; invalid requests are rejected naming exactly the members the
file's notes list; responses parse leniently unless a required member is missing or has the
wrong type, which is reported with the same paths.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from botocore.session import get_session
from botocore.validate import ParamValidator

from sagemon import ValidationError, from_wire, to_wire, validate
from sagemon._coerce import timestamp
from sagemon._generated.operations import OPERATIONS

FILES = sorted((Path(__file__).parent / "realworld").glob("*.json"))
SERVICE = get_session().get_service_model("sagemaker")

_MISSING = re.compile(r"^(.*): missing required member '([^']+)'")
_UNKNOWN = re.compile(r"^(.*): unknown member '([^']+)'")
_STRUCTURAL = (
    "missing required member",
    "expected object",
    "not a parseable timestamp",
    "null value",
)


def violations(notes: str) -> list[tuple[str, str]]:
    """(path, message) for each violation a file's notes list, with paths as sagemon writes them."""
    if "VIOLATIONS: " not in notes:
        return []
    out = []
    for item in notes.split("VIOLATIONS: ", 1)[1].rstrip(".").split(" | "):
        path, message = item.split(": ", 1)
        for rx in (_MISSING, _UNKNOWN):
            m = rx.match(item)
            if m:
                path = m.group(2) if m.group(1) == "<root>" else f"{m.group(1)}.{m.group(2)}"
        out.append((path, message))
    return out


def _normalise(value: Any) -> Any:
    """Timestamp strings as the aware datetimes a parse turns them into (as botocore would)."""
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, str) and re.match(r"^\d{4}-\d\d-\d\d[T ]\d\d:", value):
        return timestamp(value)
    return value


def _without(data: dict[str, Any], path: str) -> None:
    *parents, last = re.split(r"\.|\[(\d+)\]\.?", path)
    node: Any = data
    for part in [p for p in parents if p]:
        node = node[int(part)] if part.isdigit() else node[part]
    node.pop(last, None)


def test_all_files_are_here() -> None:
    assert len(FILES) == 72


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_payload(path: Path) -> None:
    record = json.loads(path.read_text(encoding="utf-8"))
    operation = OPERATIONS[record["operation"]]
    payload = record["payload"]
    found = violations(record["notes"])
    if record["direction"] == "request":
        if found:
            with pytest.raises(ValidationError) as info:
                from_wire(operation.input, payload)
            assert {p.path for p in info.value.problems} == {p for p, _m in found}
            return
        request = from_wire(operation.input, payload)
        validate(request)
        assert to_wire(request) == _normalise(payload)
        # botocore's own validator agrees with what we send.
        input_shape = SERVICE.operation_model(operation.name).input_shape
        report = ParamValidator().validate(to_wire(request), input_shape)
        assert not report.has_errors(), report.generate_report()
        return

    assert operation.output is not None
    structural = {p for p, m in found if m.startswith(_STRUCTURAL) or "expected object" in m}
    if structural:
        with pytest.raises(ValidationError) as info:
            from_wire(operation.output, payload, lenient=True)
        assert {p.path for p in info.value.problems} == structural
        return
    response = from_wire(operation.output, payload, lenient=True)
    expected = _normalise(payload)
    for p, m in found:
        if m.startswith("unknown member"):
            _without(expected, p)
    assert to_wire(response) == expected
    assert from_wire(operation.output, to_wire(response), lenient=True) == response
    if not found:
        assert from_wire(operation.output, payload) == response


def test_notes_parsing_reads_every_violation() -> None:
    """Guard for the helper above: a file with several kinds of violation is fully read."""
    record = json.loads(
        (
            FILES[0].parent / "sagemaker-python-sdk-v3-core__CreateMonitoringSchedule__1.json"
        ).read_text()
    )
    paths = [p for p, _m in violations(record["notes"])]
    assert (
        "MonitoringScheduleConfig.MonitoringJobDefinition.MonitoringInputs[0].EndpointInput.LocalPath"
        in paths
    )
    assert "MonitoringScheduleConfig.MonitoringJobDefinition.Environment" in paths
