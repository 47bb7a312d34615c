"""sagemon.reports: every real report file (tests/reports, see its INDEX.md) and the typed view.

Every file loads into the model of its kind, recognised from the content, and gives its data back
unchanged; typed access, description parsing, edits and display are checked on representative
files and on small documents built from the documented schemas.
"""

from __future__ import annotations

import json
import math
import pickle
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

from sagemon import SagemonError
from sagemon._files import RefusedFileError
from sagemon._reports_json import json_equal
from sagemon._reports_violations import (
    parse_bias_description,
    parse_data_quality_description,
    parse_feature_attribution_description,
    parse_model_quality_description,
)
from sagemon.reports import (
    BiasStage,
    BiasViolations,
    CheckType,
    ClarifyAnalysis,
    ComparisonOperator,
    DataQualityConstraints,
    DataQualityStatistics,
    DataQualityViolations,
    FeatureAttributionViolations,
    InferredType,
    ModelQualityConstraints,
    ModelQualityStatistics,
    ModelQualityViolations,
    ProblemType,
    Report,
    ReportError,
    load,
    load_path,
    metric_key,
    normalize_metric_name,
    report_type,
)

HERE = Path(__file__).parent / "reports"
FILES = sorted(HERE.glob("*.json"))

# The kind in a corpus file's name (<source>__<kind>__<n>.json) and the model it must load as.
KINDS: dict[str, type[Report]] = {
    "statistics": DataQualityStatistics,
    "constraints": DataQualityConstraints,
    "violations": DataQualityViolations,
    "model-quality-statistics": ModelQualityStatistics,
    "model-quality-constraints": ModelQualityConstraints,
    "model-quality-violations": ModelQualityViolations,
    "bias-analysis": ClarifyAnalysis,
    "explainability-analysis": ClarifyAnalysis,
    "bias-violations": BiasViolations,
    "explainability-violations": FeatureAttributionViolations,
}


def kind_of(path: Path) -> type[Report]:
    return KINDS[path.stem.split("__")[1]]


def corpus(name: str) -> Path:
    return HERE / f"{name}.json"


def raw(name: str) -> Any:
    return json.loads(corpus(name).read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- the corpus


def test_the_corpus_is_here_and_indexed() -> None:
    assert len(FILES) >= 26
    index = (HERE / "INDEX.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| ([\w.-]+\.json) \|", index, re.MULTILINE))
    assert {p.name for p in FILES} <= listed
    assert {kind_of(p) for p in FILES} == set(KINDS.values())


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_file_loads_as_its_kind_and_gives_its_data_back(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    cls = kind_of(path)

    report = load_path(path)
    assert type(report) is cls
    assert report_type(data) is cls
    # Exactly the data: same keys in the same order, same values of the same types.
    assert json.dumps(report.to_dict()) == json.dumps(data)
    assert json_equal(report.to_dict(), data)

    for again in (cls.from_json(text), cls.from_json(path.read_bytes()), cls.from_dict(data)):
        assert again == report
        assert hash(again) == hash(report)
        assert json.dumps(again.to_dict()) == json.dumps(data)
    assert load(text) == report
    assert load(data) == report
    assert cls.from_path(path) == report
    # Written back and read again, nothing changes.
    assert json.dumps(cls.from_json(report.to_json()).to_dict()) == json.dumps(data)
    assert pickle.loads(pickle.dumps(report)) == report


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_file_displays(path: Path) -> None:
    report = load_path(path)
    text = str(report)
    assert text.startswith(type(report).__name__ + ": ")
    assert report.to_text() == text
    page = report._repr_html_()
    assert page.startswith("<div>")
    assert "<table>" in page
    assert repr(report).startswith(f"<{type(report).__name__}: ")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_data_is_never_shared(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    report = kind_of(path).from_dict(data)
    data.clear()
    given = report.to_dict()
    given.clear()
    assert report.to_dict() == json.loads(path.read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- data quality


def test_data_quality_statistics_typed() -> None:
    stats = DataQualityStatistics.from_path(corpus("sagemaker-python-sdk__statistics__1"))
    assert stats.version == 0.0
    assert stats.item_count == 418
    assert stats.evaluation_time is None
    (feature,) = stats.features
    assert feature.name == "message"
    assert feature.inferred_type == InferredType.STRING
    assert feature.numerical is None
    assert feature.string is not None
    assert feature.string.distinct_count == 1.0
    assert feature.num_present == 418
    assert feature.num_missing == 0
    assert feature.completeness == 1.0
    (bucket,) = feature.string.buckets
    assert bucket.value == "preproc-not-YET-supported-for-csv-json"
    assert bucket.count == 418
    assert stats.feature("message") is feature
    assert stats.feature("nope") is None


NUMERIC_STATISTICS = {
    "version": 0.0,
    "dataset": {"item_count": 10, "evaluation_time": "2023-01-01T00:00:00.000Z"},
    "features": [
        {
            "name": "Area Code_510",
            "inferred_type": "Integral",
            "numerical_statistics": {
                "common": {"num_present": 8, "num_missing": 2},
                "mean": 0.5,
                "sum": 4,
                "std_dev": 0.25,
                "min": 0,
                "max": 1,
                "distribution": {
                    "kll": {
                        "buckets": [
                            {"lower_bound": 0.0, "upper_bound": 0.5, "count": 4.0},
                            {"lower_bound": 0.5, "upper_bound": 1.0, "count": 4.0},
                        ],
                        "sketch": {
                            "parameters": {"c": 0.64, "k": 2048.0},
                            "data": [[0.0, 1.0, 1.0], [], [0.5]],
                        },
                    }
                },
            },
        },
        {"name": "new", "inferred_type": "Timestamp"},
        {
            "name": "code",
            "inferred_type": "String",
            "string_statistics": {
                "common": {"num_present": 3, "num_missing": 0},
                "distinct_count": 2,
                "distribution": {
                    "categorical": {
                        "buckets": [{"value": 510, "count": 2}, {"value": "x", "count": 1.0}]
                    }
                },
            },
        },
    ],
}


def test_numerical_statistics_as_documented() -> None:
    stats = DataQualityStatistics.from_dict(NUMERIC_STATISTICS)
    assert stats.evaluation_time == "2023-01-01T00:00:00.000Z"
    feature = stats.features[0]
    num = feature.numerical
    assert num is not None
    assert (num.num_present, num.num_missing) == (8, 2)
    assert (num.mean, num.sum, num.std_dev, num.min, num.max) == (0.5, 4.0, 0.25, 0.0, 1.0)
    assert isinstance(num.sum, float)
    assert [(b.lower_bound, b.upper_bound, b.count) for b in num.buckets] == [
        (0.0, 0.5, 4.0),
        (0.5, 1.0, 4.0),
    ]
    assert num.sketch is not None
    assert (num.sketch.c, num.sketch.k) == (0.64, 2048.0)
    assert num.sketch.data == ((0.0, 1.0, 1.0), (), (0.5,))
    assert feature.completeness == 0.8
    # An inferred type this SDK does not know is kept as it is.
    unknown = stats.feature("new")
    assert unknown is not None
    assert unknown.inferred_type == "Timestamp"
    assert unknown.completeness is None
    code = stats.feature("code")
    assert code is not None
    assert code.string is not None
    assert [(b.value, b.count) for b in code.string.buckets] == [("510", 2), ("x", 1)]
    assert code.string.distinct_count == 2.0
    assert json.dumps(stats.to_dict()) == json.dumps(NUMERIC_STATISTICS)


def test_data_quality_constraints_typed() -> None:
    legacy = DataQualityConstraints.from_path(corpus("sagemaker-python-sdk__constraints__1"))
    message, second = legacy.features
    assert message.overrides is not None
    assert message.overrides.evaluate_constraints == "Enabled"
    assert message.overrides.emit_metrics == "Enabled"
    assert message.domains == ("preproc-not-YET-supported-for-csv-json",)
    assert message.is_non_negative is None
    assert second.overrides is None
    config = legacy.monitoring_config
    assert config is not None
    assert config.datatype_check_threshold is None
    assert config.distribution_constraints is not None
    # The older vocabulary: comparison_threshold is typed, the rest stays in the data.
    assert config.distribution_constraints.comparison_threshold == 1.0
    assert config.distribution_constraints.perform_comparison is None
    assert legacy.to_dict()["monitoring_config"]["distribution_constraints"] == {
        "enable_comparisons": True,
        "min_domain_mass": 1.0,
        "comparison_threshold": 1.0,
    }

    current = DataQualityConstraints.from_path(corpus("sagemaker-python-sdk__constraints__2"))
    assert [f.name for f in current.features] == [f"_c{i}" for i in range(6)]
    assert all(f.is_non_negative is True and f.completeness == 1.0 for f in current.features)
    config = current.monitoring_config
    assert config is not None
    assert (config.evaluate_constraints, config.emit_metrics) == ("Enabled", "Enabled")
    assert config.datatype_check_threshold == 1.0
    assert config.distribution_constraints is not None
    assert config.distribution_constraints.comparison_method == "Robust"
    assert config.distribution_constraints.perform_comparison == "Enabled"
    assert config.distribution_constraints.categorical_drift_method is None

    bad = DataQualityConstraints.from_path(corpus("sagemaker-python-sdk__constraints__3"))
    c5 = bad.feature("_c5")
    assert c5 is not None
    assert (c5.inferred_type, c5.is_non_negative) == ("String", True)


def test_documented_feature_level_overrides_are_read() -> None:
    data = {
        "version": 0,
        "features": [
            {"name": "a", "inferred_type": "Integral", "monitoringConfigOverrides": {}},
            {
                "name": "b",
                "inferred_type": "Fractional",
                "monitoring_config_overrides": {"evaluate_constraints": "Disabled"},
                "num_constraints": {"monitoring_config_overrides": {"emit_metrics": "Disabled"}},
            },
        ],
    }
    constraints = DataQualityConstraints.from_dict(data)
    a, b = constraints.features
    assert a.overrides is not None
    assert (a.overrides.evaluate_constraints, a.overrides.emit_metrics) == (None, None)
    assert b.overrides is not None
    assert (b.overrides.evaluate_constraints, b.overrides.emit_metrics) == ("Disabled", "Disabled")
    assert constraints.version == 0
    assert json.dumps(constraints.to_dict()) == json.dumps(data)


def test_data_quality_violations_typed() -> None:
    violations = DataQualityViolations.from_path(corpus("sagemaker-python-sdk__violations__1"))
    assert violations.version is None
    assert len(violations) == 7
    assert bool(violations)
    first = violations.violations[0]
    assert first.feature_name == "store_and_fwd_flag"
    assert first.subject == "store_and_fwd_flag"
    assert first.check_type == CheckType.CATEGORICAL_VALUES
    assert first.observed == 0.009009009009009009
    assert first.threshold is None
    assert first.description is not None
    assert first.description.endswith("! ")  # the trailing space is kept
    assert [v.check_type for v in violations].count(CheckType.DATA_TYPE) == 5
    empty = DataQualityViolations.from_dict({"violations": []})
    assert not empty
    assert len(empty) == 0


# ----------------------------------------------------------------------------- model quality


def test_model_quality_statistics_typed() -> None:
    stats = ModelQualityStatistics.from_path(
        corpus("sagemaker-python-sdk__model-quality-statistics__1")
    )
    assert stats.problem_type == ProblemType.REGRESSION
    assert stats.section == "regression_metrics"
    assert stats.item_count == 100
    assert set(stats.metrics) == {"mae", "mse", "rmse", "r2"}
    mae = stats.metrics["mae"]
    assert mae.value == 0.5040653554420981
    assert mae.standard_deviation is not None
    assert math.isnan(mae.standard_deviation)
    assert stats.to_dict()["regression_metrics"]["mae"]["standard_deviation"] == "NaN"
    assert stats.confusion_matrix is None
    assert stats.roc_curve is None


def test_binary_statistics_typed() -> None:
    stats = ModelQualityStatistics.from_path(
        corpus("sagemaker-python-sdk__model-quality-statistics__3")
    )
    assert stats.problem_type == ProblemType.BINARY_CLASSIFICATION
    assert stats.version is None
    assert stats.item_count is None
    auc = stats.metrics["auc"]
    assert (auc.value, auc.standard_deviation) == (1.0, 0.1)
    assert isinstance(auc.value, float)
    assert stats.to_dict()["binary_classification_metrics"]["auc"]["value"] == 1  # int kept
    assert "confusion_matrix" not in stats.metrics
    matrix = stats.confusion_matrix
    assert matrix is not None
    assert matrix.labels == ("0", "1")
    assert {k: dict(v) for k, v in matrix.counts.items()} == {
        "0": {"0": 1, "1": 2},
        "1": {"0": 0, "1": 1},
    }
    assert matrix.count("0", "1") == 2
    assert matrix.count("7", "1") == 0
    assert matrix.total == 4
    assert matrix.accuracy == 0.5 == stats.metrics["accuracy"].value
    assert stats.roc_curve is not None
    assert stats.roc_curve.true_positive_rates == (0.0, 0.25, 0.5, 0.75, 1.0, 1.0)
    assert stats.precision_recall_curve is not None
    assert stats.precision_recall_curve.recalls == (0.0, 0.25, 0.5, 0.75, 1.0)
    # Any spelling finds a metric.
    tpr = stats.metric("truePositiveRate")
    assert tpr is not None
    assert tpr.name == "true_positive_rate"
    f05 = stats.metric("f05BestConstantClassifier")
    assert f05 is not None
    assert f05.name == "f0_5_best_constant_classifier"
    assert stats.metric("brier") is None


def test_model_quality_constraints_typed() -> None:
    constraints = ModelQualityConstraints.from_path(
        corpus("sagemaker-python-sdk__model-quality-constraints__1")
    )
    assert constraints.problem_type == ProblemType.REGRESSION
    assert constraints.section == "regression_constraints"
    r2 = constraints.thresholds["r2"]
    assert r2.comparison_operator == ComparisonOperator.LESS_THAN
    assert r2.threshold == -3.208758170289026
    assert constraints.threshold("R2") is r2
    mae = constraints.thresholds["mae"]
    assert mae.comparison_operator == ComparisonOperator.GREATER_THAN
    assert mae.is_violated_by(0.6) is True
    assert mae.is_violated_by(0.5) is False
    assert mae.is_violated_by(math.nan) is None
    assert mae.is_violated_by(None) is None
    assert attrs.evolve(mae, threshold=math.nan).is_violated_by(1.0) is None
    assert attrs.evolve(mae, comparison_operator="Sideways").is_violated_by(1.0) is None
    assert r2.is_violated_by(-4.0) is True


def test_comparison_of_statistics_with_their_thresholds() -> None:
    stats = ModelQualityStatistics.from_path(
        corpus("sagemaker-python-sdk__model-quality-statistics__1")
    )
    constraints = ModelQualityConstraints.from_path(
        corpus("sagemaker-python-sdk__model-quality-constraints__1")
    )
    worse = constraints.with_threshold("mae", 0.4)
    comparison = stats.compare(worse)
    assert [c.name for c in comparison.checks] == ["mae", "mse", "rmse", "r2"]
    assert [c.name for c in comparison.violations] == ["mae"]
    mae = comparison.checks[0]
    assert (mae.value, mae.threshold, mae.comparison_operator) == (
        0.5040653554420981,
        0.4,
        "GreaterThanThreshold",
    )
    # A threshold without a metric, and an unknown operator, cannot be judged.
    extra = worse.with_threshold("f1", 0.5, "SomeNewOperator")
    checks = {c.name: c for c in stats.compare(extra).checks}
    assert checks["f1"].value is None
    assert checks["f1"].violated is None
    assert "Metrics and thresholds" in str(stats.compare(extra))
    assert "<table>" in stats.compare(extra)._repr_html_()


def test_model_quality_violations_typed() -> None:
    violations = ModelQualityViolations.from_path(
        corpus("amazon-sagemaker-examples__model-quality-violations__1")
    )
    assert len(violations) == 10
    tpr = violations.violations[2]
    assert tpr.metric_name == "truePositiveRate"
    assert tpr.normalized_metric_name == "true_positive_rate"
    assert tpr.comparison_operator == tpr.check_type == "LessThanThreshold"
    assert tpr.observed == 0.11456752655538695
    assert tpr.standard_deviation == 0.0031164575525145627
    assert tpr.threshold == 0.5714285714285714
    # The camelCase names match the statistics' and constraints' snake_case keys.
    stats = ModelQualityStatistics.from_path(
        corpus("sagemaker-developer-guide__model-quality-statistics__2")
    )
    for violation in violations:
        assert violation.metric_name is not None
        assert stats.metric(violation.metric_name) is not None, violation.metric_name


@pytest.mark.parametrize(
    ("name", "snake"),
    [
        ("truePositiveRate", "true_positive_rate"),
        ("falseNegativeRate", "false_negative_rate"),
        ("auc", "auc"),
        ("f0_5", "f0_5"),
        ("f1BestConstantClassifier", "f1_best_constant_classifier"),
        ("weightedF2", "weighted_f2"),
        ("r2", "r2"),
    ],
)
def test_metric_names(name: str, snake: str) -> None:
    assert normalize_metric_name(name) == snake
    assert metric_key(name) == metric_key(snake)


# ----------------------------------------------------------------------------- Clarify


def test_bias_analysis_typed() -> None:
    analysis = ClarifyAnalysis.from_path(corpus("amazon-sagemaker-examples__bias-analysis__1"))
    assert analysis.version == "1.0"
    post = analysis.post_training_bias
    assert post is not None
    assert post.stage == BiasStage.POST_TRAINING
    assert (post.label, post.label_value_or_threshold) == ("fraud", "0")
    (group,) = post.facets["customer_gender_female"]
    assert group.value_or_threshold == "1"
    cddpl = group.metric("CDDPL")
    assert cddpl is not None
    assert cddpl.value is None
    assert cddpl.error == "Group variable is empty or not provided"
    dcr = group.metric("DCR")
    assert dcr is not None
    assert dcr.value == 0.0
    assert isinstance(dcr.value, float)
    assert dcr.error is None
    assert analysis.pre_training_bias is not None
    assert analysis.bias_metrics[0].stage == BiasStage.PRE_TRAINING
    (ci,) = analysis.bias_metric("CI")
    assert (ci.facet, ci.facet_value, ci.description) == (
        "customer_gender_female",
        "1",
        "Class Imbalance (CI)",
    )
    assert analysis.bias_metric("CI", stage=BiasStage.POST_TRAINING) == ()
    assert analysis.kernel_shap == {}
    assert analysis.pdp == ()


def test_bias_facet_with_two_groups() -> None:
    analysis = ClarifyAnalysis.from_path(corpus("sagemaker-python-sdk__bias-analysis__3"))
    post = analysis.post_training_bias
    assert post is not None
    assert [g.value_or_threshold for g in post.facets["Gender"]] == ["0", "1"]
    assert len(analysis.bias_metric("AD", facet="Gender")) == 2
    assert len(analysis.bias_metric("AD", facet="Gender", facet_value="1")) == 1


def test_explanations_typed() -> None:
    odd = ClarifyAnalysis.from_path(corpus("amazon-sagemaker-examples__explainability-analysis__3"))
    (label,) = odd.kernel_shap
    assert label == "0.7956783771514893"
    explanation = odd.kernel_shap[label]
    assert explanation.expected_value == 0.2506232261657715
    assert len(explanation.global_shap_values) == 14
    assert (
        explanation.top_features(2)
        == (
            ("Education-Num", 0.09897500295961109),
            ("Capital Gain", 0.09933718978948747),
        )[::-1]
    )
    assert explanation.global_top_shap_text is None
    assert odd.pre_training_bias is None
    assert odd.bias_metrics == ()

    made = ClarifyAnalysis.from_path(corpus("sagemaker-python-sdk__explainability-analysis__1"))
    assert set(made.kernel_shap) == {"label0", "label1"}
    text = made.kernel_shap["label0"].global_top_shap_text
    assert text is not None
    assert dict(text["[feature_name_1]"]) == {
        "charming": 0.04089221769072609,
        "magnificent": 0.03013490694249078,
    }
    age, animal = made.pdp
    assert (age.feature_name, age.data_type) == ("Age", "numerical")
    assert age.feature_values[1] == 24.6
    assert animal.feature_values == ("Cat", "Dog", "Horse", "Bird")
    assert animal.label_headers == ("label0",)
    assert len(animal.model_predictions[0]) == 4
    assert animal.data_distribution == (0.1, 0.11, 0.245, 0.06)


def test_bias_violations_typed() -> None:
    real = BiasViolations.from_path(corpus("amazon-sagemaker-examples__bias-violations__1"))
    assert real.version == "1.0"
    te = real.violations[-1]
    assert (te.metric_name, te.facet, te.facet_value) == ("TE", "Sex", "0")
    assert te.subject == "TE (Sex=0)"
    assert te.check_type == CheckType.BIAS_DRIFT
    assert te.observed == math.inf
    assert te.threshold == 2.916666666666667
    documented = BiasViolations.from_path(corpus("sagemaker-developer-guide__bias-violations__1"))
    ci = documented.violations[0]
    assert (ci.observed, ci.threshold) == (0.0751544567666083, None)


def test_feature_attribution_violations_typed() -> None:
    violations = FeatureAttributionViolations.from_path(
        corpus("sagemaker-developer-guide__explainability-violations__1")
    )
    first = violations.violations[0]
    assert (first.label, first.metric_name, first.subject) == ("label0", "shap", "label0")
    assert first.check_type == CheckType.FEATURE_ATTRIBUTION_DRIFT
    assert (first.observed, first.threshold) == (0.7639720923277322, 0.9)


# ----------------------------------------------------------------------------- descriptions

DATA_QUALITY_DESCRIPTIONS = [
    ("Value: 0.0 does not meet the constraint requirement! ", (0.0, None)),
    (
        "Value: 0.4994994994994995 does not meet the constraint requirement!",
        (0.4994994994994995, None),
    ),
    ("Value: 4 does not meet the constraint requirement!Should be greater than 5!", (4.0, None)),
    ("Value: 1.0E-4 does not meet the constraint requirement! ", (1e-4, None)),
    (
        "Data type match requirement is not met. Expected data type: Integral, Expected match: "
        "100.0%. Observed: Only 99.71751412429379% of data is Integral.",
        (0.9971751412429379, 1.0),
    ),
    (
        "Data type match requirement is not met.\n    Expected data type: Integral, Expected "
        "match: 100.0%.  \n    Observed: Only 0.0% of data is Integral.",
        (0.0, 1.0),
    ),
    ("Numerical distance: 0.27 exceeds numerical threshold: 0", (0.27, 0.0)),
    ("Categorical distance: 0.5 exceeds categorical threshold: 0.1", (0.5, 0.1)),
    ("Baseline drift distance: 0.2 exceeds threshold: 0.1", (0.2, 0.1)),
    ("Could not read predictions for 3 req/res pairs (1.00% of total)", (None, None)),
    ("", (None, None)),
    ("Value: abc does not meet the constraint requirement!", (None, None)),
]


@pytest.mark.parametrize(("text", "expected"), DATA_QUALITY_DESCRIPTIONS)
def test_data_quality_descriptions(text: str, expected: tuple[float | None, ...]) -> None:
    observed, threshold = parse_data_quality_description(text)
    assert observed == pytest.approx(expected[0]) if expected[0] is not None else observed is None
    assert threshold == expected[1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Metric auc with 0.515363047795135 +/- 0.012887520442626008 was LessThanThreshold"
            " '0.9395127993393898'",
            (0.515363047795135, 0.012887520442626008, 0.9395127993393898),
        ),
        (
            "Metric falsePositiveRate with 0.13 +/- NaN was GreaterThanThreshold '0.0'",
            (0.13, math.nan, 0.0),
        ),
        ("Metric mae with 1 +/- 0.5 was GreaterThanThreshold 0.25", (1.0, 0.5, 0.25)),
        ("Metric mae exceeded its threshold", (None, None, None)),
    ],
)
def test_model_quality_descriptions(text: str, expected: tuple[float | None, ...]) -> None:
    got = parse_model_quality_description(text)
    for value, want in zip(got, expected, strict=True):
        if want is None:
            assert value is None
        elif math.isnan(want):
            assert value is not None
            assert math.isnan(value)
        else:
            assert value == want


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Metric value 0.374894782529513 doesn't meet the baseline constraint requirement"
            " 0.28176563733194276",
            (0.374894782529513, 0.28176563733194276),
        ),
        (
            "Metric value Infinity doesn't meet the baseline constraint requirement 2.9",
            (math.inf, 2.9),
        ),
        (
            "Metric value -Infinity does not meet the baseline constraint requirement -1",
            (-math.inf, -1.0),
        ),
        (
            "Value -0.0791244970125596 does not meet the constraint requirement",
            (-0.0791244970125596, None),
        ),
        ("Bias drifted", (None, None)),
    ],
)
def test_bias_descriptions(text: str, expected: tuple[float | None, ...]) -> None:
    assert parse_bias_description(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Feature attribution drift 0.7639720923277322 exceeds threshold 0.9",
            (0.7639720923277322, 0.9),
        ),
        ("Feature attribution drift 0.5 exceeds the threshold 0.9", (0.5, 0.9)),
        ("nDCG fell", (None, None)),
    ],
)
def test_feature_attribution_descriptions(text: str, expected: tuple[float | None, ...]) -> None:
    assert parse_feature_attribution_description(text) == expected


def test_very_long_descriptions_are_not_parsed() -> None:
    text = "Value: 1 does not meet the constraint requirement!" + " x" * 5000
    assert parse_data_quality_description(text) == (None, None)


# ----------------------------------------------------------------------------- recognition


@pytest.mark.parametrize(
    ("data", "cls"),
    [
        ({"violations": []}, DataQualityViolations),
        ({"version": "1.0", "violations": []}, BiasViolations),
        ({"violations": [{"feature_name": "a", "description": "x"}]}, DataQualityViolations),
        ({"violations": [{"metric_name": "auc"}]}, ModelQualityViolations),
        (
            {"violations": [{"constraint_check_type": "GreaterThanOrEqualToThreshold"}]},
            ModelQualityViolations,
        ),
        ({"violations": [{"label": "l", "metric_name": "shap"}]}, FeatureAttributionViolations),
        ({"version": "1.0", "violations": [{"facet": "f"}]}, BiasViolations),
        (
            {"violations": [{"constraint_check_type": "missing_column_check"}]},
            DataQualityViolations,
        ),
        ({"features": []}, DataQualityStatistics),
        ({"features": [], "monitoring_config": {}}, DataQualityConstraints),
        ({"features": [{"name": "a", "completeness": 1.0}]}, DataQualityConstraints),
        (
            {"version": 0.0, "monitoring_config": {"emit_metrics": "Disabled"}},
            DataQualityConstraints,
        ),
        ({"multiclass_classification_metrics": {}}, ModelQualityStatistics),
        ({"ranking_metrics": {"ndcg": {"value": 1}}}, ModelQualityStatistics),
        ({"multiclass_classification_constraints": {}}, ModelQualityConstraints),
        ({"version": "1.0", "explanations": {"pdp": []}}, ClarifyAnalysis),
        ({"post_training_bias_metrics": {}}, ClarifyAnalysis),
    ],
)
def test_recognition(data: dict[str, Any], cls: type[Report]) -> None:
    assert report_type(data) is cls
    assert type(load(data)) is cls


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "it is an empty object"),
        ({"foo": 1, "bar": []}, "it has the members 'foo', 'bar'"),
        ({"violations": "none"}, "its 'violations' member is not a list"),
        ({"explanations": []}, "its 'explanations' member is not an object"),
        (
            {"pre_training_bias_metrics": 1},
            "its 'pre_training_bias_metrics' member is not an object",
        ),
    ],
)
def test_unrecognisable_content_says_what_it_saw(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ReportError, match="cannot tell which report this is") as info:
        load(data)
    assert message in str(info.value)
    assert isinstance(info.value, SagemonError)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("cls", "name", "message"),
    [
        (
            DataQualityStatistics,
            "sagemaker-python-sdk__constraints__2",
            "looks like data-quality constraints",
        ),
        (
            DataQualityConstraints,
            "sagemaker-python-sdk__statistics__1",
            "looks like data-quality statistics",
        ),
        (
            ModelQualityViolations,
            "sagemaker-python-sdk__violations__1",
            "look like data-quality violations",
        ),
        (
            DataQualityViolations,
            "amazon-sagemaker-examples__bias-violations__1",
            "look like bias violations",
        ),
        (ClarifyAnalysis, "sagemaker-python-sdk__violations__1", "it has none of"),
        (
            ModelQualityStatistics,
            "sagemaker-python-sdk__model-quality-constraints__1",
            "'regression_metrics'",
        ),
        (
            ModelQualityConstraints,
            "sagemaker-python-sdk__model-quality-statistics__1",
            "'regression_constraints'",
        ),
        (
            DataQualityStatistics,
            "amazon-sagemaker-examples__bias-analysis__1",
            "no 'features' list",
        ),
    ],
)
def test_another_kind_is_refused(cls: type[Report], name: str, message: str) -> None:
    with pytest.raises(ReportError, match=f"this is not {cls.TITLE}") as info:
        cls.from_dict(raw(name))
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "'' is not JSON text"),
        (b"", "not valid JSON"),
        ("{", "not valid JSON"),
        ("[1, 2]", "holds a JSON object, not a list"),
        ('"x"', "not JSON text"),
        ("report.json", "is not JSON text; for a file, use load_path(path)"),
        ('{"violations": [], "violations": []}', "the key 'violations' appears twice"),
        ("[" * 5000 + "]" * 5000, "nested more than 100 levels"),
        ('{"a":' * 150 + "1" + "}" * 150, "nested more than 100 levels"),
        ('{"n": 1' + "0" * 5000 + "}", "not valid JSON"),
        (b'{"violations": [\xff]}', "not valid JSON"),
    ],
)
def test_unreadable_text(text: str | bytes, message: str) -> None:
    with pytest.raises(ReportError) as info:
        load(text)
    assert message in str(info.value)


def test_bare_nan_and_infinity_tokens_are_read_and_written() -> None:
    text = (
        '{"version": "1.0", "post_training_bias_metrics": {"label": "y", "facets": {"f": ['
        '{"value_or_threshold": "1", "metrics": [{"name": "TE", "value": Infinity}, '
        '{"name": "DI", "value": NaN}, {"name": "X", "value": -Infinity}]}]}}}'
    )
    analysis = load(text)
    assert isinstance(analysis, ClarifyAnalysis)
    values = [m.value for m in analysis.bias_metrics]
    assert values[0] == math.inf
    assert values[1] is not None
    assert math.isnan(values[1])
    assert values[2] == -math.inf
    assert "Infinity" in analysis.to_json()
    assert load(analysis.to_json()) == analysis
    assert load("\ufeff" + text) == analysis


def test_a_path_given_as_text_gets_a_hint() -> None:
    with pytest.raises(ReportError, match=r"for a file, use from_path\(path\) or load_path"):
        DataQualityStatistics.from_json("statistics.json")


def test_size_limit() -> None:
    text = json.dumps({"violations": [], "pad": "x" * 1000})
    with pytest.raises(ReportError, match="the limit is 100"):
        load(text, max_bytes=100)
    with pytest.raises(ReportError, match="the limit is 100"):
        DataQualityViolations.from_json(text.encode(), max_bytes=100)


def test_local_files(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"violations": [], "pad": "x" * 1000}))
    with pytest.raises(RefusedFileError):
        load_path(big, max_bytes=100)
    with pytest.raises(RefusedFileError, match="not a regular file"):
        load_path(tmp_path)
    with pytest.raises(FileNotFoundError):
        load_path(tmp_path / "missing.json")
    assert isinstance(load_path(big), DataQualityViolations)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"violations": [{1: "x"}]}, "violations[0]: the key 1 is not a string"),
        ({"violations": [{"a": {1, 2}}]}, "violations[0].a: a set is not a JSON value"),
        ({"features": [], "x": object()}, "x: a object is not a JSON value"),
    ],
)
def test_data_that_is_not_json_is_refused_with_its_path(data: Any, message: str) -> None:
    with pytest.raises(ReportError) as info:
        load(data)
    assert message in str(info.value)


def test_data_is_normalised_to_plain_json() -> None:
    class Count(int):
        pass

    report = DataQualityViolations.from_dict(
        {"violations": (Count(3),), "flag": True}  # type: ignore[dict-item]
    )
    assert report.to_dict() == {"violations": [3], "flag": True}
    assert type(report.to_dict()["violations"][0]) is int  # type: ignore[index]
    with pytest.raises(ReportError, match="a report is a JSON object"):
        DataQualityViolations.from_dict([])  # type: ignore[arg-type]
    with pytest.raises(ReportError, match="load\\(\\) takes JSON text or a mapping"):
        load(3)  # type: ignore[arg-type]


def test_odd_values_are_none_in_the_typed_view() -> None:
    odd = {
        "version": [1],
        "dataset": {"item_count": 2.5},
        "features": [
            "not an object",
            {
                "name": 3,
                "inferred_type": None,
                "numerical_statistics": {
                    "common": {"num_present": True, "num_missing": "1"},
                    "mean": "NaN",
                    "max": "Infinity",
                    "min": {"x": 1},
                    "distribution": {"kll": {"buckets": [1, {"count": "many"}], "sketch": []}},
                },
                "string_statistics": [],
            },
        ],
    }
    stats = DataQualityStatistics.from_dict(odd)
    assert stats.version is None
    assert stats.item_count is None
    (feature,) = stats.features
    assert (feature.name, feature.inferred_type, feature.string) == (None, None, None)
    num = feature.numerical
    assert num is not None
    assert (num.num_present, num.num_missing, num.min) == (None, None, None)
    assert num.mean is not None
    assert math.isnan(num.mean)
    assert num.max == math.inf
    assert len(num.buckets) == 1
    assert num.buckets[0].count is None
    assert num.sketch is None
    assert feature.completeness is None
    assert "Features" in str(stats)
    assert json.dumps(stats.to_dict()) == json.dumps(odd)


# ----------------------------------------------------------------------------- edits


def test_edit_monitoring_config() -> None:
    original = DataQualityConstraints.from_path(corpus("sagemaker-python-sdk__constraints__2"))
    edited = original.with_monitoring_config(
        datatype_check_threshold=0.1,
        emit_metrics=False,
        comparison_threshold=0.2,
        categorical_drift_method="ChiSquared",
    )
    expected = original.to_dict()
    config = expected["monitoring_config"]
    config["datatype_check_threshold"] = 0.1
    config["emit_metrics"] = "Disabled"
    config["distribution_constraints"]["comparison_threshold"] = 0.2
    config["distribution_constraints"]["categorical_drift_method"] = "ChiSquared"
    assert json.dumps(edited.to_dict()) == json.dumps(expected)
    assert edited.monitoring_config is not None
    assert edited.monitoring_config.emit_metrics == "Disabled"
    assert original.to_dict() == raw("sagemaker-python-sdk__constraints__2")  # unchanged
    assert json.loads(edited.to_json()) == expected
    assert original.with_monitoring_config() == original


def test_edit_creates_what_is_missing() -> None:
    bare = DataQualityConstraints.from_dict({"features": [{"name": "a", "completeness": 1}]})
    edited = bare.with_monitoring_config(evaluate_constraints="Disabled", perform_comparison=True)
    assert edited.to_dict() == {
        "features": [{"name": "a", "completeness": 1}],
        "monitoring_config": {
            "evaluate_constraints": "Disabled",
            "distribution_constraints": {"perform_comparison": "Enabled"},
        },
    }


@pytest.mark.parametrize("name", ["_c0", "_c5"])
def test_per_feature_overrides_for_numerical_features(name: str) -> None:
    """The SageMaker SDK's set_monitoring fails for non-string features (#2745); this works."""
    original = DataQualityConstraints.from_path(corpus("sagemaker-python-sdk__constraints__3"))
    edited = original.with_evaluation(False, feature=name)
    expected = original.to_dict()
    target = next(f for f in expected["features"] if f["name"] == name)
    target["monitoring_config_overrides"] = {"evaluate_constraints": "Disabled"}
    assert json.dumps(edited.to_dict()) == json.dumps(expected)
    feature = edited.feature(name)
    assert feature is not None
    assert feature.overrides is not None
    assert feature.overrides.evaluate_constraints == "Disabled"


def test_overrides_stay_where_the_file_keeps_them() -> None:
    original = DataQualityConstraints.from_path(corpus("sagemaker-python-sdk__constraints__1"))
    edited = original.with_feature_overrides(
        "message", evaluate_constraints=False
    ).with_feature_overrides("second_message", emit_metrics="Disabled")
    data = edited.to_dict()
    message, second = data["features"]
    assert message["string_constraints"]["monitoring_config_overrides"] == {
        "evaluate_constraints": "Disabled",
        "emit_metrics": "Enabled",
    }
    assert "monitoring_config_overrides" not in message
    assert second["monitoring_config_overrides"] == {"emit_metrics": "Disabled"}
    assert (
        edited.with_evaluation(True).to_dict()["monitoring_config"]["evaluate_constraints"]
        == "Enabled"
    )


def test_documented_camel_case_overrides_get_the_snake_case_form_too() -> None:
    constraints = DataQualityConstraints.from_dict(
        {"features": [{"name": "a", "inferred_type": "Integral", "monitoringConfigOverrides": {}}]}
    )
    edited = constraints.with_feature_overrides("a", emit_metrics=False)
    assert edited.to_dict()["features"][0] == {
        "name": "a",
        "inferred_type": "Integral",
        "monitoringConfigOverrides": {"emit_metrics": "Disabled"},
        "monitoring_config_overrides": {"emit_metrics": "Disabled"},
    }


def test_edit_feature_constraints() -> None:
    original = DataQualityConstraints.from_path(corpus("sagemaker-python-sdk__constraints__1"))
    edited = original.with_feature("message", completeness=0.9, domains=["a", "b"]).with_feature(
        "second_message", is_non_negative=False
    )
    data = edited.to_dict()
    assert data["features"][0]["completeness"] == 0.9
    assert data["features"][0]["string_constraints"]["domains"] == ["a", "b"]
    assert data["features"][0]["string_constraints"]["monitoring_config_overrides"] == {
        "evaluate_constraints": "Enabled",
        "emit_metrics": "Enabled",
    }
    assert data["features"][1]["num_constraints"] == {"is_non_negative": False}
    message = edited.feature("message")
    assert message is not None
    assert (message.completeness, message.domains) == (0.9, ("a", "b"))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda c: c.with_feature("nope", completeness=0.5),
            "no feature is called 'nope'; the features are '_c0'",
        ),
        (
            lambda c: c.with_feature("_c0", completeness=1.5),
            "completeness must be a number from 0 to 1",
        ),
        (lambda c: c.with_feature("_c0", completeness=math.nan), "completeness must be a number"),
        (lambda c: c.with_feature("_c0", completeness=True), "completeness must be a number"),
        (lambda c: c.with_feature("_c0", domains="abc"), "domains must be an iterable of strings"),
        (lambda c: c.with_feature("_c0", domains=[1]), "domains must be an iterable of strings"),
        (
            lambda c: c.with_feature("_c0", is_non_negative=1),
            "is_non_negative must be True or False",
        ),
        (
            lambda c: c.with_monitoring_config(emit_metrics="yes"),
            "emit_metrics must be True, False",
        ),
        (
            lambda c: c.with_monitoring_config(comparison_method=""),
            "comparison_method must be a non-empty",
        ),
        (
            lambda c: c.with_monitoring_config(domain_content_threshold="0.1"),
            "domain_content_threshold must be a number",
        ),
    ],
)
def test_bad_edits(edit: Any, message: str) -> None:
    original = DataQualityConstraints.from_path(corpus("sagemaker-python-sdk__constraints__2"))
    with pytest.raises(ReportError) as info:
        edit(original)
    assert message in str(info.value)


def test_an_edit_never_overwrites_odd_data() -> None:
    odd = DataQualityConstraints.from_dict({"features": [], "monitoring_config": "default"})
    with pytest.raises(
        ReportError, match="monitoring_config is the string 'default', not an object"
    ):
        odd.with_monitoring_config(emit_metrics=True)


def test_edit_model_quality_thresholds() -> None:
    original = ModelQualityConstraints.from_path(
        corpus("sagemaker-python-sdk__model-quality-constraints__1")
    )
    edited = original.with_threshold("R2", -1, ComparisonOperator.LESS_THAN).with_threshold(
        "mae", comparison_operator="GreaterThanOrEqualToThreshold"
    )
    expected = original.to_dict()
    expected["regression_constraints"]["r2"]["threshold"] = -1.0
    expected["regression_constraints"]["mae"]["comparison_operator"] = (
        "GreaterThanOrEqualToThreshold"
    )
    assert json.dumps(edited.to_dict()) == json.dumps(expected)
    assert edited.thresholds["mae"].is_violated_by(0.5040653554420981) is True

    added = edited.with_threshold("meanAbsolutePercentageError", 0.1, "GreaterThanThreshold")
    assert added.to_dict()["regression_constraints"]["mean_absolute_percentage_error"] == {
        "threshold": 0.1,
        "comparison_operator": "GreaterThanThreshold",
    }
    removed = added.without_threshold("mean_absolute_percentage_error").without_threshold("rmse")
    assert list(removed.thresholds) == ["mae", "mse", "r2"]
    with pytest.raises(ReportError, match="give both a threshold and a comparison_operator"):
        original.with_threshold("f1", 0.5)
    with pytest.raises(ReportError, match="no threshold for 'f1'; the metrics are mae, mse"):
        original.without_threshold("f1")
    with pytest.raises(ReportError, match="threshold must be a finite number"):
        original.with_threshold("mae", math.inf)
    with pytest.raises(ReportError, match="comparison_operator must be a non-empty string"):
        original.with_threshold("mae", comparison_operator=" ")


# ----------------------------------------------------------------------------- display


def test_violations_display() -> None:
    violations = BiasViolations.from_path(corpus("amazon-sagemaker-examples__bias-violations__1"))
    text = violations.to_text()
    lines = text.splitlines()
    assert lines[0] == "BiasViolations: 8 violations"
    assert lines[2] == "Violations"
    header = lines[3].split()
    assert header[:2] == ["check", "metric"]
    assert "observed" in header
    assert "baseline" in header
    te = next(line for line in lines if " TE " in line)
    assert "Infinity" in te
    assert "2.91667" in te
    page = violations._repr_html_()
    assert page.count("<tr>") == 9
    assert "<th style='text-align:right'>observed</th>" in page
    assert "Metric value Infinity doesn&#x27;t meet" in page


def test_html_escapes_everything_from_the_file() -> None:
    nasty = "<script>alert(1)</script>"
    violations = DataQualityViolations.from_dict(
        {
            "violations": [
                {"feature_name": nasty, "constraint_check_type": "x&y", "description": nasty}
            ]
        }
    )
    page = violations._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "x&amp;y" in page


def test_empty_tables_say_so() -> None:
    empty = DataQualityViolations.from_dict({"violations": []})
    assert "(none)" in str(empty)
    assert "<em>none</em>" in empty._repr_html_()
    assert "Results" in str(ClarifyAnalysis.from_dict({"explanations": {}}))


def test_pretty_printing_in_ipython() -> None:
    printed: list[str] = []

    class Printer:
        def text(self, value: str) -> None:
            printed.append(value)

    report = load_path(corpus("sagemaker-python-sdk__statistics__1"))
    report._repr_pretty_(Printer(), cycle=False)
    report._repr_pretty_(Printer(), cycle=True)
    assert printed == [str(report), repr(report)]


def test_to_pandas() -> None:
    pandas = pytest.importorskip("pandas", reason="needs pandas: pip install 'sagemon[pandas]'")
    stats = ModelQualityStatistics.from_path(
        corpus("sagemaker-developer-guide__model-quality-statistics__2")
    )
    frame = stats.to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["metric", "value", "standard_deviation"]
    assert frame.loc[frame.metric == "auc", "value"].item() == 1.0
    assert frame["standard_deviation"].isna().all()
    matrix = stats.to_pandas("confusion_matrix")
    assert matrix.set_index("actual").loc["0", "1"] == 2
    with pytest.raises(ReportError, match="no table 'nope' here; the tables are 'metrics'"):
        stats.to_pandas("nope")
    violations = load_path(corpus("amazon-sagemaker-examples__bias-violations__1"))
    assert violations.to_pandas()["observed"].iloc[-1] == math.inf


def test_to_pandas_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    report = load_path(corpus("sagemaker-python-sdk__statistics__1"))
    with pytest.raises(ImportError, match=r'pip install "sagemon\[pandas\]"'):
        report.to_pandas()


def test_importing_reports_is_light() -> None:
    code = "import sys, json, sagemon.reports; print(json.dumps(sorted(m for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded = set(json.loads(out.stdout))
    heavy = {"boto3", "botocore", "cattrs", "pandas", "matplotlib", "sagemon._generated.shapes"}
    assert not heavy & loaded
    out = subprocess.run(
        [sys.executable, "-c", "import sys, sagemon; print('sagemon.reports' in sys.modules)"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert out.stdout.strip() == "False"


def test_no_any_in_the_public_api() -> None:
    """Annotations of every public name, field and method: no ``Any`` (JSON is ``JSONValue``)."""
    import inspect

    import sagemon.images
    import sagemon.reports

    def annotations(obj: object) -> list[str]:
        found = [str(a) for a in getattr(obj, "__annotations__", {}).values()]
        if inspect.isclass(obj):
            for klass in obj.__mro__:
                if klass.__module__.startswith("sagemon"):
                    found += [str(a) for a in vars(klass).get("__annotations__", {}).values()]
                    for name, member in vars(klass).items():
                        if (
                            name.startswith("__")
                            or not name.startswith("_")
                            or name
                            in (
                                "_repr_html_",
                                "_repr_pretty_",
                            )
                        ):
                            target = getattr(member, "fget", None) or getattr(
                                member, "__func__", member
                            )
                            found += [
                                str(a) for a in getattr(target, "__annotations__", {}).values()
                            ]
        return found

    seen = 0
    for module in (sagemon.reports, sagemon.images):
        for name in module.__all__:
            for text in annotations(getattr(module, name)):
                seen += 1
                assert not re.search(r"\bAny\b", text), (name, text)
    assert seen > 300
