"""Requests kept in files: JSON and YAML in the wire format, both ways."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import sagemon.shapes
from sagemon import (
    ValidationError,
    _files,
    from_json,
    from_wire,
    from_yaml,
    to_json,
    to_wire,
    to_yaml,
)
from sagemon._files import (
    MAX_BYTES,
    RefusedFileError,
    parse_document,
    read_limited,
)
from sagemon.shapes import CreateOptimizationJobRequest
from tests.extras import needs_yaml
from tests.factories import optimization_job
from tests.model import strategy


def load_document(text: str | bytes, kind: str, *, max_bytes: int = MAX_BYTES) -> Any:
    """``parse_document``'s data, raising the problems it returns as ``from_json`` does."""
    data, problems = parse_document(text, kind, max_bytes=max_bytes)
    if problems:
        raise ValidationError(problems)
    return data


NAMES = [
    "CreateModelQualityJobDefinitionRequest",
    "CreateMonitoringScheduleRequest",
    "CreateOptimizationJobRequest",
    "DescribeMonitoringScheduleResponse",
    "ListMonitoringExecutionsRequest",
]


@needs_yaml
@pytest.mark.parametrize("name", NAMES)
def test_json_and_yaml_round_trip(name: str) -> None:
    cls = getattr(sagemon.shapes, name)

    @settings(max_examples=15, suppress_health_check=list(HealthCheck), database=None)
    @given(strategy(name))
    def round_trip(data: dict[str, Any]) -> None:
        obj = from_wire(cls, data)
        assert from_json(cls, to_json(obj)) == obj
        assert from_yaml(cls, to_yaml(obj)) == obj

    round_trip()


def test_json_is_the_wire_format() -> None:
    job = optimization_job("job")
    document = json.loads(to_json(job))
    assert document == to_wire(job)
    assert to_json(job, indent=None).startswith('{"OptimizationJobName": "job"')


@needs_yaml
def test_timestamps_are_iso_strings() -> None:
    request = from_wire(
        sagemon.shapes.ListMonitoringExecutionsRequest,
        {"CreationTimeAfter": "2026-01-02T03:04:05Z"},
    )
    assert json.loads(to_json(request)) == {"CreationTimeAfter": "2026-01-02T03:04:05+00:00"}
    assert "CreationTimeAfter: '2026-01-02T03:04:05+00:00'" in to_yaml(request)


@needs_yaml
def test_bad_documents_are_validation_errors() -> None:
    with pytest.raises(ValidationError, match="<root>: not valid JSON"):
        from_json(sagemon.shapes.Tag, "{'Key': 1")
    with pytest.raises(ValidationError, match="<root>: not valid YAML"):
        from_yaml(sagemon.shapes.Tag, "Key: [unclosed")
    with pytest.raises(ValidationError, match="Value: required"):
        from_yaml(sagemon.shapes.Tag, "Key: team")
    with pytest.raises(ValidationError, match="not valid JSON"):
        from_json(sagemon.shapes.Tag, b"\xff\xfe")


def test_yaml_without_pyyaml_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "yaml", None)
    extra = r"pip install 'sagemon\[yaml\]'"
    with pytest.raises(ImportError, match=extra):
        from_yaml(sagemon.shapes.Tag, "Key: team\nValue: churn\n")
    with pytest.raises(ImportError, match=extra):
        to_yaml(sagemon.shapes.Tag(key="team", value="churn"))
    with pytest.raises(ImportError, match=extra):
        parse_document("Key: team\n", "auto")
    assert parse_document('{"Key": "team"}', "auto") == ({"Key": "team"}, [])  # JSON needs none


# ----------------------------------------------------------------------------- bounded input


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """Each anchor holds ``width`` aliases of the one before: ``width ** levels`` values in all."""
    lines = [f"l0: &l0 [{', '.join(['a'] * width)}]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, levels)]
    return "\n".join(lines) + f"\nMonitoringScheduleName: *l{levels - 1}\n"


@pytest.fixture(params=["libyaml", "python"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with PyYAML's libyaml parser and with its pure Python one."""
    yaml = pytest.importorskip("yaml", reason="needs PyYAML: pip install 'sagemon[yaml]'")
    if request.param == "libyaml" and not yaml.__with_libyaml__:
        pytest.skip("PyYAML is built without libyaml")
    classes = _files._yaml_classes
    monkeypatch.setattr(_files, "_yaml_classes", lambda: classes(request.param == "libyaml"))
    return str(request.param)


def test_an_alias_bomb_is_refused_by_the_node_budget(yaml_parser: str) -> None:
    bomb = alias_bomb()
    assert len(bomb) < 500
    budget = "<root>: YAML aliases expand the document beyond 1,048,576 values"
    with pytest.raises(ValidationError, match=budget):
        load_document(bomb, "yaml")
    with pytest.raises(ValidationError, match=budget):
        from_yaml(sagemon.shapes.CreateMonitoringScheduleRequest, bomb)
    # the budget follows the size limit: alias_bomb(4) expands to 15,689 values
    assert load_document(alias_bomb(4), "yaml", max_bytes=15_689)["l3"][8][8][8] == ["a"] * 9
    with pytest.raises(ValidationError, match="beyond 15,688 values"):
        load_document(alias_bomb(4), "yaml", max_bytes=15_688)


def test_aliases_within_the_budget_are_fine(yaml_parser: str) -> None:
    text = "tags: &tags [{Key: team, Value: churn}]\nTags: *tags\n"
    assert load_document(text, "yaml")["Tags"] == [{"Key": "team", "Value": "churn"}]


def test_a_recursive_alias_is_refused(yaml_parser: str) -> None:
    with pytest.raises(ValidationError, match=r"<root>: the YAML alias \*a refers to a node"):
        load_document("&a [1, *a]", "yaml")


@pytest.mark.parametrize("kind", ["json", pytest.param("yaml", marks=needs_yaml)])
def test_deep_nesting_is_a_problem_not_a_recursion_error(kind: str) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(ValidationError, match="<root>: nested more than 100 levels deep"):
        load_document(deep, kind)
    with pytest.raises(ValidationError, match="nested more than 100 levels deep"):
        load_document("[" * 101 + "]" * 101, kind)
    hundred = load_document("[" * 100 + "1" + "]" * 100, kind)
    for _ in range(99):
        hundred = hundred[0]
    assert hundred == [1]
    with pytest.raises(ValidationError, match="nested more than 100 levels deep"):
        from_json(sagemon.shapes.Tag, '{"Key": ' + "[" * 5000 + "]" * 5000 + "}")


def test_aliases_cannot_nest_deeper_than_the_limit(yaml_parser: str) -> None:
    text = f"a: &a {'[' * 60}{']' * 60}\nb: {'[' * 60}*a{']' * 60}\n"
    with pytest.raises(ValidationError, match="nested more than 100 levels deep"):
        load_document(text, "yaml")


@needs_yaml
def test_the_size_limit() -> None:
    text = to_json(optimization_job("job"))
    size = len(text.encode())
    assert from_json(CreateOptimizationJobRequest, text, max_bytes=size) == optimization_job("job")
    message = f"<root>: the document is {size:,} bytes; the limit is {size - 1:,}"
    with pytest.raises(ValidationError, match=message):
        from_json(CreateOptimizationJobRequest, text, max_bytes=size - 1)
    with pytest.raises(ValidationError, match=message):
        from_yaml(CreateOptimizationJobRequest, text, max_bytes=size - 1)
    with pytest.raises(ValidationError, match="the document is 4 bytes; the limit is 3"):
        load_document('"é"', "json", max_bytes=3)  # bytes of UTF-8, not characters
    with pytest.raises(ValidationError, match="the limit is 1,048,576"):
        load_document(" " * (1024 * 1024) + "{}", "json")


def test_reading_a_file_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "ok.json"
    path.write_bytes(b"{}")
    assert read_limited(path) == b"{}"
    assert read_limited(path, max_bytes=2) == b"{}"
    with pytest.raises(RefusedFileError, match="larger than the limit of 1 bytes"):
        read_limited(path, max_bytes=1)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as stream:
        stream.truncate(1 << 40)  # a sparse terabyte: only a read of at most limit + 1 bytes ends
    with pytest.raises(RefusedFileError, match="larger than the limit of 1,048,576 bytes"):
        read_limited(huge)
    with pytest.raises(RefusedFileError, match=r"not a regular file \(a directory\)"):
        read_limited(tmp_path)
    with pytest.raises(FileNotFoundError):
        read_limited(tmp_path / "missing.json")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifos_are_refused_without_reading_them(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)  # nobody writes: reading it would wait forever
    with pytest.raises(RefusedFileError, match=r"not a regular file \(a FIFO\)"):
        read_limited(fifo)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_devices_are_refused_without_reading_them() -> None:
    with pytest.raises(RefusedFileError, match=r"not a regular file \(a character device\)"):
        read_limited(Path("/dev/zero"))


def test_duplicate_keys_are_problems_at_their_paths(yaml_parser: str) -> None:
    json_text = '{"Key": "a", "Value": "b", "Key": "c"}'
    with pytest.raises(ValidationError) as info:
        from_json(sagemon.shapes.Tag, json_text)
    assert [str(p) for p in info.value.problems] == [
        "Key: duplicate key 'Key'; only the last value would be used"
    ]
    yaml_text = "Key: a\nValue: b\n'Key': c\n"
    with pytest.raises(ValidationError) as info:
        from_yaml(sagemon.shapes.Tag, yaml_text)
    assert [str(p) for p in info.value.problems] == [
        "Key: duplicate key 'Key'; only the last value would be used"
    ]
    nested = {
        "json": '{"A": [{"B": {"C": 1, "C": 2, "odd key": 1, "odd key": 2}}]}',
        "yaml": "A:\n- B: {C: 1, C: 2, odd key: 1, odd key: 2}\n",
    }
    for kind, text in nested.items():
        data, problems = parse_document(text, kind)
        assert data == {"A": [{"B": {"C": 2, "odd key": 2}}]}
        assert [str(p) for p in problems] == [
            "A[0].B.C: duplicate key 'C'; only the last value would be used",
            "A[0].B.odd key: duplicate key 'odd key'; only the last value would be used",
        ]


def test_duplicate_keys_are_reported_with_the_other_problems() -> None:
    with pytest.raises(ValidationError) as info:
        from_json(sagemon.shapes.Tag, '{"Key": "a", "Key": "b"}')
    assert [str(p) for p in info.value.problems] == [
        "Key: duplicate key 'Key'; only the last value would be used",
        "Value: required",
    ]


def test_json_has_no_nan() -> None:
    with pytest.raises(ValidationError, match="<root>: not valid JSON: NaN is not a JSON number"):
        load_document('{"MaxRuntimeInSeconds": NaN}', "json")


@needs_yaml
def test_auto_reads_json_or_yaml() -> None:
    assert parse_document('{"Key": "a"}', "auto") == ({"Key": "a"}, [])
    assert parse_document("{Key: a}", "auto") == ({"Key": "a"}, [])
    assert parse_document("Key: a\n", "auto") == ({"Key": "a"}, [])
    with pytest.raises(ValidationError, match="not valid JSON"):
        parse_document('{"Key": ', "auto")
    with pytest.raises(ValueError, match="kind must be"):
        parse_document("{}", "toml")


# ----------------------------------------------------------------------------- every string


SPECIAL = ["\x85", "\u2028", "\u2029", "\ufeff", "\t", "\r\n", " lead", "trail ", "\x00", "\x7f"]


@pytest.mark.parametrize("text", [*SPECIAL, "".join(SPECIAL), "a\x85b \u2028 c\u2029"])
def test_yaml_keeps_characters_yaml_treats_specially(text: str, yaml_parser: str) -> None:
    job = attrs.evolve(optimization_job("job"), optimization_environment={"K": text})
    assert from_yaml(CreateOptimizationJobRequest, to_yaml(job)) == job


@needs_yaml
@settings(max_examples=300, database=None)
@given(
    st.dictionaries(
        st.text(min_size=1, max_size=300), st.text(max_size=256), min_size=1, max_size=3
    )
)
def test_every_string_round_trips(environment: dict[str, str]) -> None:
    """Any text (lone surrogates aside, which the data layer rejects) survives JSON and YAML."""
    try:
        job = attrs.evolve(optimization_job("job"), optimization_environment=environment)
    except ValidationError:  # keys are non-blank single lines of at most 256 characters
        assume(False)
    assert from_yaml(CreateOptimizationJobRequest, to_yaml(job)) == job
    assert from_json(CreateOptimizationJobRequest, to_json(job)) == job
