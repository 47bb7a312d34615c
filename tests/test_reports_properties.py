"""Properties of sagemon.reports: no data is ever lost, nothing but ReportError is ever raised.

Real files are mutated at random (values replaced by arbitrary JSON, keys added and removed) to
stand for the files this SDK has not seen: whatever a model accepts it gives back exactly, and
its typed view and display never fail.
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sagemon._reports_json import json_equal
from sagemon._reports_violations import (
    parse_bias_description,
    parse_data_quality_description,
    parse_feature_attribution_description,
    parse_model_quality_description,
)
from sagemon.reports import (
    REPORT_TYPES,
    DataQualityConstraints,
    ModelQualityConstraints,
    Report,
    ReportError,
    load,
)

FILES = sorted((Path(__file__).parent / "reports").glob("*.json"))
DOCUMENTS = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in FILES}

# Keys and strings that mean something to the readers, so mutations reach the typed code.
KEYS = [
    "version",
    "violations",
    "features",
    "name",
    "inferred_type",
    "completeness",
    "value",
    "standard_deviation",
    "threshold",
    "comparison_operator",
    "constraint_check_type",
    "description",
    "feature_name",
    "metric_name",
    "facet",
    "facet_value",
    "label",
    "metrics",
    "facets",
    "kernel_shap",
    "global_shap_values",
    "expected_value",
    "confusion_matrix",
    "monitoring_config",
    "monitoring_config_overrides",
    "monitoringConfigOverrides",
    "num_constraints",
    "string_constraints",
    "numerical_statistics",
    "string_statistics",
    "distribution",
    "kll",
    "buckets",
    "sketch",
    "pdp",
    "regression_metrics",
    "binary_classification_constraints",
    "post_training_bias_metrics",
    "explanations",
]
WORDS = [
    "NaN",
    "Infinity",
    "-Infinity",
    "Enabled",
    "Disabled",
    "LessThanThreshold",
    "bias_drift_check",
    "data_type_check",
    "Value: 0.5 does not meet the constraint requirement! ",
    "Metric auc with NaN +/- NaN was LessThanThreshold '1e400'",
    "Metric value -Infinity doesn't meet the baseline constraint requirement 1E-9",
    "Feature attribution drift 0.1 exceeds threshold 0.9",
    "Numerical distance: 1 exceeds numerical threshold: 0",
]

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**300, max_value=10**330)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(WORDS)
)
keys = st.sampled_from(KEYS) | st.text(max_size=10)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=12,
)


def _slots(data: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in ``data``."""
    found: list[tuple[Any, Any]] = []
    stack = [data]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            found.append((node, key))
            if isinstance(value, (dict, list)):
                stack.append(value)
    return found


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    name = draw(st.sampled_from(sorted(DOCUMENTS)))
    data = copy.deepcopy(DOCUMENTS[name])
    for _ in range(draw(st.integers(1, 4))):
        slots = _slots(data)
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if not slots or action == "add":
            targets = [data] + [c[k] for c, k in slots if isinstance(c[k], (dict, list))]
            target = draw(st.sampled_from(targets))
            if isinstance(target, dict):
                target[draw(keys)] = draw(json_values)
            else:
                target.insert(draw(st.integers(0, len(target))), draw(json_values))
            continue
        container, key = draw(st.sampled_from(slots))
        if action == "replace":
            container[key] = draw(json_values)
        else:
            del container[key]
    return name, data


def _touch(value: Any, depth: int = 0) -> None:
    """Read every field and property of a typed view, recursively."""
    if depth > 12:
        return
    if isinstance(value, (tuple, list)):
        for item in value:
            _touch(item, depth + 1)
        return
    if hasattr(value, "items") and not isinstance(value, Report):
        for key, item in value.items():
            _touch(key, depth + 1)
            _touch(item, depth + 1)
        return
    cls = type(value)
    if not attrs.has(cls):
        return
    for name in dir(cls):
        if name.startswith("_"):
            continue
        attribute = getattr(cls, name, None)
        if isinstance(attribute, property) or name in attrs.fields_dict(cls):
            _touch(getattr(value, name), depth + 1)
    if hasattr(value, "top_features"):
        value.top_features(3)
    if hasattr(value, "accuracy"):
        assert value.accuracy is None or 0 <= value.accuracy <= 1


def _exercise(report: Report, data: dict[str, Any]) -> None:
    assert json.dumps(report.to_dict()) == json.dumps(data)
    assert json_equal(report.to_dict(), data)
    _touch(report)
    assert str(report).startswith(type(report).__name__)
    assert report._repr_html_().startswith("<div>")
    assert repr(report)
    hash(report)
    again = type(report).from_json(report.to_json())
    assert again == report
    assert json.dumps(again.to_dict()) == json.dumps(data)
    try:
        assert load(data) is not None
    except ReportError:
        pytest.fail("a file one model accepts must be recognisable")


@given(mutated_files())
def test_mutated_files_survive_every_model(case: tuple[str, dict[str, Any]]) -> None:
    _name, data = case
    accepted = 0
    for cls in REPORT_TYPES:
        try:
            report = cls.from_dict(data)
        except ReportError:
            continue
        accepted += 1
        _exercise(report, data)
    if accepted == 0:
        with pytest.raises(ReportError):
            load(data)


@given(st.dictionaries(keys, json_values, max_size=6))
def test_any_json_object_is_a_report_or_a_report_error(data: dict[str, Any]) -> None:
    try:
        report = load(data)
    except ReportError as exc:
        message = str(exc)
    else:
        _exercise(report, data)
        return
    assert message.startswith("cannot tell which report this is: ")


@given(st.text(max_size=200) | st.binary(max_size=200))
def test_any_text_is_a_report_or_a_report_error(text: str | bytes) -> None:
    try:
        report = load(text)
    except ReportError:
        return
    assert report.to_dict() is not None


@given(st.sampled_from(sorted(DOCUMENTS)), st.integers(min_value=0, max_value=4))
def test_any_indentation_reads_the_same(name: str, indent: int) -> None:
    data = DOCUMENTS[name]
    assert load(json.dumps(data, indent=indent or None)) == load(data)


# ----------------------------------------------------------------------------- descriptions

numbers = st.floats(allow_nan=True, allow_infinity=True) | st.integers(-(10**6), 10**6)


def _java(value: float | int) -> str:
    """A number as the Scala analyzer or Python's repr would write it."""
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, float) and math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return repr(value).replace("e", "E")


def _same(parsed: float | None, value: float | int) -> bool:
    if parsed is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return math.isnan(parsed)
    return parsed == float(value)


@given(numbers, numbers, numbers)
def test_description_numbers_parse_back(a: float, b: float, c: float) -> None:
    observed, threshold = parse_bias_description(
        f"Metric value {_java(a)} doesn't meet the baseline constraint requirement {_java(b)}"
    )
    assert _same(observed, a)
    assert _same(threshold, b)
    observed, deviation, threshold = parse_model_quality_description(
        f"Metric falsePositiveRate with {_java(a)} +/- {_java(b)} was GreaterThanThreshold"
        f" '{_java(c)}'"
    )
    assert _same(observed, a)
    assert _same(deviation, b)
    assert _same(threshold, c)
    observed, threshold = parse_feature_attribution_description(
        f"Feature attribution drift {_java(a)} exceeds threshold {_java(b)}"
    )
    assert _same(observed, a)
    assert _same(threshold, b)
    observed, threshold = parse_data_quality_description(
        f"Value: {_java(a)} does not meet the constraint requirement! "
    )
    assert _same(observed, a)
    assert threshold is None
    observed, threshold = parse_data_quality_description(
        f"Numerical distance: {_java(a)} exceeds numerical threshold: {_java(b)}"
    )
    assert _same(observed, a)
    assert _same(threshold, b)


@given(numbers, numbers)
def test_percentages_parse_back_as_shares(a: float, b: float) -> None:
    observed, expected = parse_data_quality_description(
        "Data type match requirement is not met. Expected data type: Fractional, Expected match:"
        f" {_java(b)}%. Observed: Only {_java(a)}% of data is Fractional."
    )
    for parsed, value in ((observed, a), (expected, b)):
        assert parsed is not None
        if math.isnan(value):
            assert math.isnan(parsed)
        else:
            assert parsed == pytest.approx(value / 100, rel=1e-15)


@given(st.text(max_size=300))
def test_descriptions_never_fail(text: str) -> None:
    parse_data_quality_description(text)
    parse_model_quality_description(text)
    parse_bias_description(text)
    parse_feature_attribution_description(text)


# ----------------------------------------------------------------------------- edits

shares = st.floats(min_value=0, max_value=1) | st.integers(0, 1)


@given(
    st.sampled_from([n for n in DOCUMENTS if "__constraints__" in n]),
    st.data(),
    st.booleans(),
    shares,
    shares,
)
def test_constraint_edits_change_only_what_they_say(
    name: str, data: st.DataObject, enabled: bool, threshold: float, completeness: float
) -> None:
    original = DataQualityConstraints.from_dict(DOCUMENTS[name])
    names = [f.name for f in original.features if f.name is not None]
    feature = data.draw(st.sampled_from(names))
    edited = (
        original.with_monitoring_config(comparison_threshold=threshold)
        .with_feature(feature, completeness=completeness)
        .with_evaluation(enabled, feature=feature)
    )
    expected = original.to_dict()
    expected["monitoring_config"]["distribution_constraints"]["comparison_threshold"] = float(
        threshold
    )
    toggle = "Enabled" if enabled else "Disabled"
    for item in expected["features"]:
        if item["name"] != feature:
            continue
        item["completeness"] = float(completeness)
        places = [
            o
            for o in (
                item.get("monitoring_config_overrides"),
                item.get("string_constraints", {}).get("monitoring_config_overrides"),
                item.get("num_constraints", {}).get("monitoring_config_overrides"),
            )
            if o is not None
        ]
        if not places:
            item["monitoring_config_overrides"] = {}
            places = [item["monitoring_config_overrides"]]
        if "monitoringConfigOverrides" in item:
            places.append(item["monitoringConfigOverrides"])
        for place in places:
            place["evaluate_constraints"] = toggle
    assert json.dumps(edited.to_dict()) == json.dumps(expected)
    assert DataQualityConstraints.from_json(edited.to_json()) == edited
    assert original.to_dict() == DOCUMENTS[name]


@given(
    st.data(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["LessThanThreshold", "GreaterThanThreshold", "SomethingNew"]),
)
def test_threshold_edits_change_only_what_they_say(
    data: st.DataObject, threshold: float, operator: str
) -> None:
    name = "sagemaker-python-sdk__model-quality-constraints__1"
    original = ModelQualityConstraints.from_dict(DOCUMENTS[name])
    metric = data.draw(st.sampled_from(sorted(original.thresholds)))
    edited = original.with_threshold(metric, threshold, operator)
    expected = original.to_dict()
    expected["regression_constraints"][metric] = {
        "threshold": threshold,
        "comparison_operator": operator,
    }
    assert json.dumps(edited.to_dict()) == json.dumps(expected)
    assume(not math.isnan(threshold))
    assert edited.thresholds[metric].threshold == threshold
