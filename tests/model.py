"""Test-side view of the checked-in model slice: shapes, hypothesis strategies, samples.

Written independently of the generator so that the tests check the generated code against the
model rather than against itself.
"""

from __future__ import annotations

import copy
import datetime
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from botocore import xform_name
from hypothesis import strategies as st

from sagemon._patterns import LINE_TERMINATORS, LINEAR_FORMS, java_pattern, translate

ROOT = Path(__file__).resolve().parent.parent
SLICE = json.loads((ROOT / "codegen" / "sagemaker-slice.json").read_text(encoding="utf-8"))
SHAPES: dict[str, Any] = SLICE["shapes"]
STRUCTURES = sorted(
    n for n, s in SHAPES.items() if s["type"] == "structure" and not s.get("exception")
)
ENUMS = sorted(n for n, s in SHAPES.items() if "enum" in s)
INT32 = (-(2**31), 2**31 - 1)
MAX_ITEMS = 2


def kind(name: str) -> str:
    shape = SHAPES[name]
    return "enum" if "enum" in shape else shape["type"]


def members(name: str) -> list[tuple[str, str, str, bool]]:
    """(wire name, python name, target shape, required) for each member of a structure."""
    shape = SHAPES[name]
    required = set(shape.get("required", []))
    return [(w, xform_name(w), m["shape"], w in required) for w, m in shape["members"].items()]


# ----------------------------------------------------------------------------- strategies

_ALPHABET = st.characters(codec="utf-8", exclude_characters=LINE_TERMINATORS)
_TAG_ALPHABET = st.characters(categories=["L", "Z", "N"], include_characters="_.:/=+-@")


def _length_ok(shape: dict[str, Any]) -> Any:
    lo, hi = shape.get("min", 0), shape.get("max", 10**9)
    return lambda s: lo <= len(s) <= hi


@cache
def strategy(name: str) -> st.SearchStrategy[Any]:
    """Valid wire values for a shape."""
    shape = SHAPES[name]
    k = kind(name)
    if k == "enum":
        return st.sampled_from(shape["enum"])
    if k == "string":
        lo, hi = shape.get("min", 0), shape.get("max", 64)
        pattern = shape.get("pattern")
        if pattern is None:
            return st.text(_ALPHABET, min_size=lo, max_size=min(hi, 64))
        if "\\p{" in pattern:
            return st.text(_TAG_ALPHABET, min_size=lo, max_size=min(hi, 64))
        # Any Java "." becomes Python's: hypothesis draws from an alphabet without terminators.
        python = translate(
            LINEAR_FORMS.get(pattern, pattern), {"L": "a-zA-Z", "Z": " ", "N": "0-9"}.__getitem__
        )
        rx = re.compile(python.replace(f"[^{LINE_TERMINATORS}]", "."), re.ASCII)
        check = java_pattern(pattern)
        return (
            st.from_regex(rx, fullmatch=True, alphabet=_ALPHABET)
            .filter(_length_ok(shape))
            .filter(check)
        )
    if k == "integer":
        return st.integers(shape.get("min", INT32[0]), shape.get("max", INT32[1]))
    if k == "double":
        return st.floats(allow_nan=False, allow_infinity=False)
    if k == "boolean":
        return st.booleans()
    if k == "timestamp":
        return st.datetimes(timezones=st.just(datetime.timezone.utc))
    if k == "list":
        lo = shape.get("min", 0)
        hi = min(shape.get("max", MAX_ITEMS), max(lo, MAX_ITEMS))
        return st.lists(strategy(shape["member"]["shape"]), min_size=lo, max_size=hi)
    if k == "map":
        hi = min(shape.get("max", MAX_ITEMS), MAX_ITEMS)
        return st.dictionaries(
            strategy(shape["key"]["shape"]), strategy(shape["value"]["shape"]), max_size=hi
        )
    fields = members(name)
    if shape.get("union"):
        return st.one_of(
            [
                st.fixed_dictionaries({w: st.deferred(lambda t=t: strategy(t))})
                for w, _p, t, _r in fields
            ]
        )
    required = {w: st.deferred(lambda t=t: strategy(t)) for w, _p, t, r in fields if r}
    optional = {w: st.deferred(lambda t=t: strategy(t)) for w, _p, t, r in fields if not r}
    return st.fixed_dictionaries(required, optional=optional)


def in_model_order(name: str, data: Any) -> Any:
    """``data`` (a wire value of shape ``name``) with every object's keys in model order."""
    k = kind(name)
    shape = SHAPES[name]
    if k == "list":
        return [in_model_order(shape["member"]["shape"], item) for item in data]
    if k == "map":
        return {key: in_model_order(shape["value"]["shape"], v) for key, v in data.items()}
    if k != "structure":
        return data
    return {w: in_model_order(t, data[w]) for w, _p, t, _r in members(name) if w in data}


# ----------------------------------------------------------------------------- samples

_SAMPLE_STRINGS = [
    "a",
    "abc",
    "s3://bucket/key",
    "arn:aws:iam::123456789012:role/Role",
    "arn:aws:sagemaker:us-east-1:123456789012:optimization-job/job",
    "arn:aws:sagemaker:us-east-1:123456789012:processing-job/job",
    "arn:aws:sagemaker:us-east-1:123456789012:training-plan/plan-one",
    "arn:aws:sagemaker:us-east-1:123456789012:automl-job/job",
    "arn:aws:sagemaker:us-east-1:123456789012:training-job/job",
    "-PT1H",
]


def string_ok(shape: dict[str, Any], value: str) -> bool:
    ok = shape.get("min", 0) <= len(value) <= shape.get("max", 10**9)
    return ok and ("pattern" not in shape or java_pattern(shape["pattern"])(value))


def sample(name: str) -> Any:
    """A deterministic, valid, fully populated wire value for a shape (a fresh copy each call)."""
    return copy.deepcopy(_sample(name))


@cache
def _sample(name: str) -> Any:
    shape = SHAPES[name]
    k = kind(name)
    if k == "enum":
        return shape["enum"][0]
    if k == "string":
        for candidate in _SAMPLE_STRINGS:
            if string_ok(shape, candidate):
                return candidate
        raise AssertionError(f"no sample string fits {name}")
    if k == "integer":
        return shape.get("min", 1)
    if k == "double":
        return 0.5
    if k == "boolean":
        return True
    if k == "timestamp":
        return datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    if k == "list":
        return [sample(shape["member"]["shape"])] * max(shape.get("min", 1), 1)
    if k == "map":
        return {sample(shape["key"]["shape"]): sample(shape["value"]["shape"])}
    fields = members(name)
    if shape.get("union"):
        wire, _py, target, _req = fields[0]
        return {wire: sample(target)}
    out = {w: sample(t) for w, _p, t, _r in fields}
    for key in _RULE_DROPS.get(name, ()):
        del out[key]
    out.update(_RULE_VALUES.get(name, {}))
    return out


# The documented cross-field rules (sagemon._rules) allow only one of some members, and give
# some strings a meaning the model does not encode; samples follow them.
_JOB_INPUTS = (
    "ModelQualityJobInput",
    "ModelBiasJobInput",
    "DataQualityJobInput",
    "ModelExplainabilityJobInput",
)
_RULE_DROPS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys((*_JOB_INPUTS, "MonitoringInput"), ("BatchTransformInput",)),
    "MonitoringDatasetFormat": ("Json", "Parquet"),
    "OptimizationJobModelSource": ("SageMakerModel",),
    "MonitoringScheduleConfig": ("MonitoringJobDefinitionName", "MonitoringType"),
}
_RULE_VALUES: dict[str, dict[str, Any]] = {
    "ScheduleConfig": {
        "ScheduleExpression": "cron(0 * ? * * *)",
        "DataAnalysisStartTime": "-PT2H",
        "DataAnalysisEndTime": "-PT1H",
    },
    "EndpointInput": {"StartTimeOffset": "-PT2H", "EndTimeOffset": "-PT1H"},
    "BatchTransformInput": {"StartTimeOffset": "-PT2H", "EndTimeOffset": "-PT1H"},
    "ListOptimizationJobsRequest": {"OptimizationContains": "Quantization"},
}
