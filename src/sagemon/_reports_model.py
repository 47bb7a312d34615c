"""Model-quality ``statistics.json`` (metrics) and ``constraints.json`` (thresholds).

Metric names are an open vocabulary: the snake_case keys of these files (``true_positive_rate``),
and the camelCase spelling the violations file uses for the same metric (``truePositiveRate``).
Lookups by name accept either (:func:`normalize_metric_name`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Final, TypeVar

import attrs
from typing_extensions import Self

from sagemon._reports_base import Cell, Report, Table, Tabular, plural
from sagemon._reports_json import (
    FrozenMap,
    JSONObject,
    as_float,
    as_float_tuple,
    as_int,
    copy_json,
    get_float,
    get_int,
    get_list,
    get_object,
    get_str,
    type_name,
)
from sagemon.errors import ReportError

__all__ = [
    "ComparisonOperator",
    "ConfusionMatrix",
    "MetricCheck",
    "MetricComparison",
    "MetricValue",
    "ModelQualityConstraints",
    "ModelQualityStatistics",
    "PrecisionRecallCurve",
    "ProblemType",
    "RocCurve",
    "Threshold",
    "metric_key",
    "normalize_metric_name",
]


class ProblemType:
    """The problem types whose sections the documentation describes."""

    __module__ = "sagemon.reports"

    BINARY_CLASSIFICATION: Final = "BinaryClassification"
    MULTICLASS_CLASSIFICATION: Final = "MulticlassClassification"
    REGRESSION: Final = "Regression"


class ComparisonOperator:
    """The ``comparison_operator`` values seen in real files; others are kept as they are."""

    __module__ = "sagemon.reports"

    LESS_THAN: Final = "LessThanThreshold"
    """A violation when the metric is below the threshold (accuracy, recall, auc, …)."""
    GREATER_THAN: Final = "GreaterThanThreshold"
    """A violation when the metric is above the threshold (error rates, mae, …)."""


_PREFIXES = {
    "binary_classification": ProblemType.BINARY_CLASSIFICATION,
    "multiclass_classification": ProblemType.MULTICLASS_CLASSIFICATION,
    "regression": ProblemType.REGRESSION,
}
# Clarify's sections end in "_metrics" too; they are never a model-quality section.
_NOT_SECTIONS = frozenset({"pre_training_bias_metrics", "post_training_bias_metrics"})
_OPERATORS = {
    "LessThanThreshold": lambda value, threshold: value < threshold,
    "GreaterThanThreshold": lambda value, threshold: value > threshold,
    "LessThanOrEqualToThreshold": lambda value, threshold: value <= threshold,
    "GreaterThanOrEqualToThreshold": lambda value, threshold: value >= threshold,
}
_T = TypeVar("_T")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def normalize_metric_name(name: str) -> str:
    """The snake_case spelling of a metric name: ``truePositiveRate`` → ``true_positive_rate``.

    Names that are snake_case already are unchanged (``f0_5``, ``auc``).
    """
    return _CAMEL.sub("_", name).lower()


def metric_key(name: str) -> str:
    """A key under which every spelling of a metric name matches (letters and digits, lower case).

    ``true_positive_rate``, ``truePositiveRate`` and ``TruePositiveRate`` share a key; so do
    ``f0_5`` and ``f05`` (how violations spell it is undocumented).
    """
    return "".join(c for c in name.lower() if c.isalnum())


def _lookup(entries: Mapping[str, _T], name: str) -> _T | None:
    found = entries.get(name)
    if found is not None:
        return found
    key = metric_key(name)
    return next((v for k, v in entries.items() if metric_key(k) == key), None)


def _section(data: JSONObject, suffix: str) -> tuple[str | None, str | None]:
    """The key of the model-quality section ending in ``suffix``, and its problem type."""
    for prefix, problem in _PREFIXES.items():
        if isinstance(data.get(prefix + suffix), dict):
            return prefix + suffix, problem
    for key, value in data.items():
        if key.endswith(suffix) and key not in _NOT_SECTIONS and isinstance(value, dict):
            return key, None
    return None, None


def _section_evidence(data: JSONObject, suffix: str) -> tuple[int, str]:
    key, problem = _section(data, suffix)
    if key is None:
        names = ", ".join(f"'{p}{suffix}'" for p in _PREFIXES)
        return 0, f"it has no {names} (or other '…{suffix}') object"
    return 2 if problem is not None else 1, ""


def _version(data: JSONObject) -> str | float | None:
    value = data.get("version")
    return value if isinstance(value, str) else as_float(value)


# ----------------------------------------------------------------------------- statistics


@attrs.frozen(kw_only=True)
class MetricValue:
    """A metric's value and standard deviation (``"NaN"`` in the file is ``math.nan`` here).

    The standard deviation comes from five 80% samples and is ``"NaN"`` when fewer than 200
    records were available.
    """

    __module__ = "sagemon.reports"

    name: str
    value: float | None
    standard_deviation: float | None


@attrs.frozen(kw_only=True)
class ConfusionMatrix:
    """Counts by actual (outer key, the ground truth) and predicted (inner key) class label.

    Labels are strings, as in the file; cells that are not whole numbers are left out.
    """

    __module__ = "sagemon.reports"

    counts: Mapping[str, Mapping[str, int]]

    @property
    def labels(self) -> tuple[str, ...]:
        """Every class label, actual or predicted, in the order the file first names it."""
        seen: dict[str, None] = {}
        for actual, row in self.counts.items():
            seen[actual] = None
            seen.update(dict.fromkeys(row))
        return tuple(seen)

    def count(self, actual: str, predicted: str) -> int:
        """How many records of class ``actual`` were predicted as ``predicted`` (0 if none)."""
        return self.counts.get(actual, {}).get(predicted, 0)

    @property
    def total(self) -> int:
        """How many records the matrix counts."""
        return sum(sum(row.values()) for row in self.counts.values())

    @property
    def accuracy(self) -> float | None:
        """The share of records on the diagonal; a check on metrics reported as 0.0 by mistake
        (aws/sagemaker-python-sdk#2953)."""
        if any(n < 0 for row in self.counts.values() for n in row.values()):
            return None
        total = self.total
        if total <= 0:
            return None
        return sum(row.get(label, 0) for label, row in self.counts.items()) / total

    @classmethod
    def _of(cls, data: JSONObject) -> ConfusionMatrix:
        counts: dict[str, Mapping[str, int]] = {}
        for actual, row in data.items():
            if isinstance(row, dict):
                cells = {p: n for p, c in row.items() if (n := as_int(c)) is not None}
                counts[actual] = FrozenMap(cells)
        return cls(counts=FrozenMap(counts))


@attrs.frozen(kw_only=True)
class RocCurve:
    """``receiver_operating_characteristic_curve``: points of the ROC curve."""

    __module__ = "sagemon.reports"

    false_positive_rates: tuple[float, ...]
    true_positive_rates: tuple[float, ...]


@attrs.frozen(kw_only=True)
class PrecisionRecallCurve:
    """``precision_recall_curve``: points of the precision-recall curve."""

    __module__ = "sagemon.reports"

    precisions: tuple[float, ...]
    recalls: tuple[float, ...]


@attrs.frozen(eq=False, repr=False)
class ModelQualityStatistics(Report):
    """A model-quality ``statistics.json``: the metrics of one problem type, by name."""

    __module__ = "sagemon.reports"

    KIND = "model-quality-statistics"
    TITLE = "model-quality statistics"
    FILE_NAME = "statistics.json"

    version: str | float | None = attrs.field(init=False)
    item_count: int | None = attrs.field(init=False)
    """How many merged prediction and ground-truth records were evaluated."""
    evaluation_time: str | None = attrs.field(init=False)
    section: str | None = attrs.field(init=False)
    """The key of the metrics object, e.g. ``binary_classification_metrics``."""
    problem_type: str | None = attrs.field(init=False)
    """``BinaryClassification``, ``MulticlassClassification``, ``Regression`` (see
    :class:`ProblemType`), or None for a section this SDK does not know."""
    metrics: Mapping[str, MetricValue] = attrs.field(init=False)
    """Every scalar metric (an entry with a ``value``), by its name in the file."""
    confusion_matrix: ConfusionMatrix | None = attrs.field(init=False)
    roc_curve: RocCurve | None = attrs.field(init=False)
    precision_recall_curve: PrecisionRecallCurve | None = attrs.field(init=False)

    @classmethod
    def _evidence(cls, data: JSONObject) -> tuple[int, str]:
        return _section_evidence(data, "_metrics")

    def _derive(self) -> None:
        section, problem = _section(self._data, "_metrics")
        body = get_object(self._data, section) if section is not None else None
        metrics: dict[str, MetricValue] = {}
        for name, entry in (body or {}).items():
            if isinstance(entry, dict) and ("value" in entry or "standard_deviation" in entry):
                metrics[name] = MetricValue(
                    name=name,
                    value=get_float(entry, "value"),
                    standard_deviation=get_float(entry, "standard_deviation"),
                )
        matrix = get_object(body, "confusion_matrix")
        roc = get_object(body, "receiver_operating_characteristic_curve")
        pr = get_object(body, "precision_recall_curve")
        dataset = get_object(self._data, "dataset")
        self._set(
            version=_version(self._data),
            item_count=get_int(dataset, "item_count"),
            evaluation_time=get_str(dataset, "evaluation_time"),
            section=section,
            problem_type=problem,
            metrics=FrozenMap(metrics),
            confusion_matrix=ConfusionMatrix._of(matrix) if matrix is not None else None,
            roc_curve=None
            if roc is None
            else RocCurve(
                false_positive_rates=as_float_tuple(get_list(roc, "false_positive_rates")) or (),
                true_positive_rates=as_float_tuple(get_list(roc, "true_positive_rates")) or (),
            ),
            precision_recall_curve=None
            if pr is None
            else PrecisionRecallCurve(
                precisions=as_float_tuple(get_list(pr, "precisions")) or (),
                recalls=as_float_tuple(get_list(pr, "recalls")) or (),
            ),
        )

    def metric(self, name: str) -> MetricValue | None:
        """The metric called ``name`` in any spelling (``truePositiveRate`` finds
        ``true_positive_rate``), or None."""
        return _lookup(self.metrics, name)

    def compare(self, constraints: ModelQualityConstraints) -> MetricComparison:
        """Each metric beside its threshold in ``constraints``, and whether it breaches it."""
        rows = []
        for name, metric in self.metrics.items():
            threshold = constraints.threshold(name)
            rows.append(_check(name, metric, threshold))
        known = {metric_key(name) for name in self.metrics}
        rows.extend(
            _check(name, None, threshold)
            for name, threshold in constraints.thresholds.items()
            if metric_key(name) not in known
        )
        return MetricComparison(checks=tuple(rows))

    def _summary(self) -> str:
        kind = self.problem_type or self.section or "no section"
        return f"{kind}, {plural(len(self.metrics), 'metric')}"

    def _tables(self) -> tuple[Table, ...]:
        rows = tuple((m.name, m.value, m.standard_deviation) for m in self.metrics.values())
        tables = [Table("metrics", "Metrics", ("metric", "value", "standard_deviation"), rows)]
        matrix = self.confusion_matrix
        if matrix is not None and matrix.counts:
            labels = matrix.labels
            matrix_rows: tuple[tuple[Cell, ...], ...] = tuple(
                (actual, *(matrix.count(actual, p) for p in labels)) for actual in matrix.counts
            )
            tables.append(
                Table(
                    "confusion_matrix",
                    "Confusion matrix (rows: actual, columns: predicted)",
                    ("actual", *labels),
                    matrix_rows,
                )
            )
        return tuple(tables)


# ----------------------------------------------------------------------------- constraints


@attrs.frozen(kw_only=True)
class Threshold:
    """A metric's threshold and comparison operator: a violation when
    ``value <operator> threshold`` holds (``LessThanThreshold``: ``value < threshold``)."""

    __module__ = "sagemon.reports"

    name: str
    threshold: float | None
    comparison_operator: str | None

    def is_violated_by(self, value: float | None) -> bool | None:
        """Whether ``value`` breaches this threshold; None if that cannot be told (no value,
        NaN, or an operator this SDK does not know)."""
        compare = _OPERATORS.get(self.comparison_operator or "")
        threshold = self.threshold
        if compare is None or value is None or threshold is None:
            return None
        if math.isnan(value) or math.isnan(threshold):
            return None
        return bool(compare(value, self.threshold))


@attrs.frozen(eq=False, repr=False)
class ModelQualityConstraints(Report):
    """A model-quality ``constraints.json``: a threshold and operator per metric.

    Edits (``with_threshold``, ``without_threshold``) return a new object; write it back with
    ``to_json()``.
    """

    __module__ = "sagemon.reports"

    KIND = "model-quality-constraints"
    TITLE = "model-quality constraints"
    FILE_NAME = "constraints.json"

    version: str | float | None = attrs.field(init=False)
    section: str | None = attrs.field(init=False)
    """The key of the thresholds object, e.g. ``binary_classification_constraints``."""
    problem_type: str | None = attrs.field(init=False)
    thresholds: Mapping[str, Threshold] = attrs.field(init=False)
    """Every metric's threshold, by its (snake_case) name in the file."""

    @classmethod
    def _evidence(cls, data: JSONObject) -> tuple[int, str]:
        return _section_evidence(data, "_constraints")

    def _derive(self) -> None:
        section, problem = _section(self._data, "_constraints")
        body = get_object(self._data, section) if section is not None else None
        thresholds = {
            name: Threshold(
                name=name,
                threshold=get_float(entry, "threshold"),
                comparison_operator=get_str(entry, "comparison_operator"),
            )
            for name, entry in (body or {}).items()
            if isinstance(entry, dict)
        }
        self._set(
            version=_version(self._data),
            section=section,
            problem_type=problem,
            thresholds=FrozenMap(thresholds),
        )

    def threshold(self, name: str) -> Threshold | None:
        """The threshold of metric ``name`` in any spelling, or None."""
        return _lookup(self.thresholds, name)

    def with_threshold(
        self,
        metric: str,
        threshold: float | None = None,
        comparison_operator: str | None = None,
    ) -> Self:
        """A copy with ``metric``'s threshold and/or operator changed (``None``: unchanged).

        ``metric`` may be spelled either way; a metric the file does not have yet is added
        (under its snake_case name) and needs both a threshold and an operator.
        """
        if threshold is not None and not _finite_number(threshold):
            raise ReportError(f"threshold must be a finite number, not {type_name(threshold)}")
        if comparison_operator is not None and not _nonempty_string(comparison_operator):
            raise ReportError(
                "comparison_operator must be a non-empty string such as 'LessThanThreshold',"
                f" not {type_name(comparison_operator)}"
            )
        data = _copy(self._data)
        body = self._body(data)
        existing = self.threshold(metric)
        if existing is None:
            if threshold is None or comparison_operator is None:
                raise ReportError(
                    f"{self.section} has no metric {metric!r}; to add it, give both a threshold"
                    " and a comparison_operator"
                )
            entry: JSONObject = {}
            body[normalize_metric_name(metric)] = entry
        else:
            found = body[existing.name]
            assert isinstance(found, dict)  # thresholds only holds object entries
            entry = found
        if threshold is not None:
            entry["threshold"] = float(threshold)
        if comparison_operator is not None:
            entry["comparison_operator"] = comparison_operator
        return self._edited(data)

    def without_threshold(self, metric: str) -> Self:
        """A copy without ``metric``'s constraint (any spelling); ReportError if it has none."""
        existing = self.threshold(metric)
        if existing is None:
            names = ", ".join(self.thresholds) or "none"
            raise ReportError(f"no threshold for {metric!r}; the metrics are {names}")
        data = _copy(self._data)
        del self._body(data)[existing.name]
        return self._edited(data)

    def _body(self, data: JSONObject) -> JSONObject:
        assert self.section is not None  # _evidence requires a section
        body = data[self.section]
        assert isinstance(body, dict)
        return body

    def _summary(self) -> str:
        kind = self.problem_type or self.section or "no section"
        return f"{kind}, {plural(len(self.thresholds), 'threshold')}"

    def _tables(self) -> tuple[Table, ...]:
        rows = tuple((t.name, t.comparison_operator, t.threshold) for t in self.thresholds.values())
        return (
            Table("thresholds", "Thresholds", ("metric", "comparison_operator", "threshold"), rows),
        )


# ----------------------------------------------------------------------------- comparison


@attrs.frozen(kw_only=True)
class MetricCheck:
    """A metric beside its threshold; ``violated`` is None when it cannot be told."""

    __module__ = "sagemon.reports"

    name: str
    value: float | None
    standard_deviation: float | None
    threshold: float | None
    comparison_operator: str | None
    violated: bool | None


@attrs.frozen(kw_only=True)
class MetricComparison(Tabular):
    """Metrics with their thresholds (:meth:`ModelQualityStatistics.compare`)."""

    __module__ = "sagemon.reports"

    checks: tuple[MetricCheck, ...]

    @property
    def violations(self) -> tuple[MetricCheck, ...]:
        """The checks whose metric breaches its threshold."""
        return tuple(c for c in self.checks if c.violated)

    def _title(self) -> str:
        breached = len(self.violations)
        return f"MetricComparison: {plural(len(self.checks), 'metric')}, {breached} breached"

    def _tables(self) -> tuple[Table, ...]:
        columns = ("metric", "value", "standard_deviation", "operator", "threshold", "violated")
        rows: tuple[tuple[Cell, ...], ...] = tuple(
            (c.name, c.value, c.standard_deviation, c.comparison_operator, c.threshold, c.violated)
            for c in self.checks
        )
        return (Table("checks", "Metrics and thresholds", columns, rows),)


def _check(name: str, metric: MetricValue | None, threshold: Threshold | None) -> MetricCheck:
    value = metric.value if metric is not None else None
    return MetricCheck(
        name=name,
        value=value,
        standard_deviation=metric.standard_deviation if metric is not None else None,
        threshold=threshold.threshold if threshold is not None else None,
        comparison_operator=threshold.comparison_operator if threshold is not None else None,
        violated=threshold.is_violated_by(value) if threshold is not None else None,
    )


def _finite_number(value: object) -> bool:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    number = as_float(value)  # an integer beyond the float range is infinite here
    return number is not None and math.isfinite(number)


def _nonempty_string(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _copy(data: JSONObject) -> JSONObject:
    result = copy_json(data)
    assert isinstance(result, dict)
    return result
