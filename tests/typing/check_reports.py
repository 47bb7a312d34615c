"""mypy --strict: the report models' typed view, edits and loaders (not run)."""

from __future__ import annotations

from collections.abc import Mapping

from typing_extensions import assert_type

from sagemon.images import clarify_image_uri, model_monitor_image_uri, model_monitor_regions
from sagemon.reports import (
    BiasMetric,
    BiasViolation,
    BiasViolations,
    ClarifyAnalysis,
    ConfusionMatrix,
    DataQualityConstraints,
    DataQualityStatistics,
    DataQualityViolation,
    DataQualityViolations,
    FeatureConstraints,
    FeatureStatistics,
    JSONValue,
    LabelExplanation,
    MetricComparison,
    MetricValue,
    ModelQualityConstraints,
    ModelQualityStatistics,
    ModelQualityViolation,
    ModelQualityViolations,
    NumericalStatistics,
    Report,
    Threshold,
    load,
    load_path,
)


def reading(text: str, data: dict[str, object]) -> None:
    assert_type(load(text), Report)
    assert_type(load(data), Report)
    assert_type(load_path("statistics.json"), Report)
    assert_type(DataQualityStatistics.from_json(text), DataQualityStatistics)
    assert_type(DataQualityStatistics.from_dict(data), DataQualityStatistics)
    assert_type(ModelQualityViolations.from_path("v.json"), ModelQualityViolations)
    assert_type(DataQualityStatistics.from_json(text).to_dict(), dict[str, JSONValue])
    assert_type(DataQualityStatistics.from_json(text).to_json(), str)
    DataQualityStatistics.from_json(1)  # type: ignore[arg-type]


def typed_view(
    stats: DataQualityStatistics,
    constraints: DataQualityConstraints,
    violations: DataQualityViolations,
    quality: ModelQualityStatistics,
    thresholds: ModelQualityConstraints,
    quality_violations: ModelQualityViolations,
    analysis: ClarifyAnalysis,
    bias: BiasViolations,
) -> None:
    assert_type(stats.features, tuple[FeatureStatistics, ...])
    assert_type(stats.item_count, int | None)
    assert_type(stats.feature("x"), FeatureStatistics | None)
    feature = stats.features[0]
    assert_type(feature.numerical, NumericalStatistics | None)
    assert_type(feature.completeness, float | None)
    assert_type(feature.inferred_type, str | None)
    assert_type(constraints.features, tuple[FeatureConstraints, ...])
    assert_type(violations.violations, tuple[DataQualityViolation, ...])
    for violation in violations:
        assert_type(violation, DataQualityViolation)
        assert_type(violation.observed, float | None)
    assert_type(quality.metrics, Mapping[str, MetricValue])
    assert_type(quality.metric("auc"), MetricValue | None)
    assert_type(quality.confusion_matrix, ConfusionMatrix | None)
    assert_type(quality.compare(thresholds), MetricComparison)
    assert_type(thresholds.thresholds, Mapping[str, Threshold])
    assert_type(quality_violations.violations, tuple[ModelQualityViolation, ...])
    assert_type(quality_violations.violations[0].standard_deviation, float | None)
    assert_type(analysis.bias_metrics, tuple[BiasMetric, ...])
    assert_type(analysis.kernel_shap, Mapping[str, LabelExplanation])
    assert_type(bias.violations, tuple[BiasViolation, ...])
    stats.item_count = 3  # type: ignore[misc]


def editing(constraints: DataQualityConstraints, thresholds: ModelQualityConstraints) -> None:
    assert_type(
        constraints.with_monitoring_config(comparison_threshold=0.2), DataQualityConstraints
    )
    assert_type(constraints.with_evaluation(False, feature="age"), DataQualityConstraints)
    assert_type(
        constraints.with_feature_overrides("age", emit_metrics="Disabled"), DataQualityConstraints
    )
    assert_type(thresholds.with_threshold("auc", 0.9), ModelQualityConstraints)
    constraints.with_feature("age", completeness="high")  # type: ignore[arg-type]


def images() -> None:
    assert_type(model_monitor_image_uri("us-east-1"), str)
    assert_type(clarify_image_uri("us-east-1"), str)
    assert_type(model_monitor_regions(), tuple[str, ...])
