"""The report files the local SageMaker's jobs write, as the containers write them.

Pure functions from data to JSON-ready dicts: data-quality statistics and suggested constraints
inferred from CSV rows (cheaply: types, counts, moments, ten-bucket histograms), model-quality
metrics computed from labels and predictions, Clarify ``analysis.json`` sections, and violation
records in the wording the containers use (so ``sagemon.reports`` parses their numbers). Layouts
and wordings follow ``monitoring-reports.md``; the numbers are made up where no data says them.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "DEFAULT_FEATURES",
    "analyzer_json",
    "bias_analysis",
    "bias_violation",
    "data_quality_constraints",
    "data_quality_statistics",
    "data_quality_violation",
    "default_rows",
    "explainability_analysis",
    "feature_attribution_violation",
    "model_quality_constraints",
    "model_quality_statistics",
    "model_quality_violation",
    "read_csv",
]

Json = dict[str, Any]

#: Columns of the default data when a job has no dataset to read (a churn-like table).
DEFAULT_FEATURES: tuple[tuple[str, str], ...] = (
    ("Account Length", "Integral"),
    ("Day Mins", "Fractional"),
    ("Eve Mins", "Fractional"),
    ("State", "String"),
)
_STATES = ("CA", "NY", "TX", "WA", "OH")

# Suggested operators seen in real baselines (monitoring-reports.md §6.2).
_GREATER = frozenset({"false_positive_rate", "false_negative_rate", "mae", "mse", "rmse"})


def default_rows(count: int = 200) -> list[list[str]]:
    """Deterministic rows for :data:`DEFAULT_FEATURES`."""
    rows = []
    for i in range(count):
        rows.append(
            [
                str(1 + (i * 37) % 240),
                f"{100 + (i * 13.7) % 250:.1f}",
                f"{80 + (i * 7.3) % 260:.1f}",
                _STATES[(i * 3) % len(_STATES)],
            ]
        )
    return rows


def read_csv(text: str, header: bool) -> tuple[list[str], list[list[str]]]:
    """Column names and rows of a CSV text; header-less data gets ``_c0``, ``_c1``, …"""
    rows = [row for row in csv.reader(io.StringIO(text)) if row]
    if not rows:
        return [], []
    if header:
        names, rows = rows[0], rows[1:]
    else:
        names = [f"_c{i}" for i in range(max(len(r) for r in rows))]
    width = len(names)
    return names, [(row + [""] * width)[:width] for row in rows]


def _infer(values: Sequence[str]) -> str:
    present = [v for v in values if v.strip() != ""]
    if not present:
        return "Unknown"
    try:
        for v in present:
            int(v)
        return "Integral"
    except ValueError:
        pass
    try:
        for v in present:
            if not math.isfinite(float(v)):
                raise ValueError(v)
        return "Fractional"
    except ValueError:
        return "String"


def _columns(
    names: Sequence[str], rows: Sequence[Sequence[str]]
) -> list[tuple[str, str, list[str]]]:
    return [
        (name, _infer(column), list(column))
        for name, column in zip(
            names, zip(*rows, strict=False) if rows else [()] * len(names), strict=False
        )
    ]


def _number(value: float) -> float | int:
    return float(value)


def _numerical_statistics(values: Sequence[float], missing: int) -> Json:
    count = len(values)
    total = sum(values)
    mean = total / count
    std = math.sqrt(sum((v - mean) ** 2 for v in values) / count)
    low, high = min(values), max(values)
    width = (high - low) / 10 or 1.0
    counts = [0] * 10
    for v in values:
        counts[min(int((v - low) / width), 9)] += 1
    buckets = [
        {
            "lower_bound": _number(low + i * width),
            "upper_bound": _number(low + (i + 1) * width if i < 9 else high),
            "count": float(counts[i]),
        }
        for i in range(10)
    ]
    return {
        "common": {"num_present": count, "num_missing": missing},
        "mean": mean,
        "sum": float(total),
        "std_dev": std,
        "min": float(low),
        "max": float(high),
        "distribution": {
            "kll": {
                "buckets": buckets,
                "sketch": {
                    "parameters": {"c": 0.64, "k": 2048.0},
                    "data": [[float(v) for v in values]],
                },
            }
        },
    }


def _string_statistics(values: Sequence[str], missing: int) -> Json:
    counts = Counter(values)
    return {
        "common": {"num_present": len(values), "num_missing": missing},
        "distinct_count": float(len(counts)),
        "distribution": {
            "categorical": {
                "buckets": [{"value": v, "count": n} for v, n in counts.most_common(10)]
            }
        },
    }


def data_quality_statistics(
    names: Sequence[str], rows: Sequence[Sequence[str]], *, shift: float = 0.0
) -> Json:
    """A data-quality ``statistics.json`` of the rows (numbers scaled by ``1 + shift``)."""
    features = []
    for name, inferred, column in _columns(names, rows):
        present = [v for v in column if v.strip() != ""]
        missing = len(column) - len(present)
        feature: Json = {"name": name, "inferred_type": inferred}
        if inferred in ("Integral", "Fractional"):
            numbers = [float(v) * (1 + shift) for v in present]
            if inferred == "Integral" and shift:
                numbers = [float(round(v)) for v in numbers]
            feature["numerical_statistics"] = _numerical_statistics(numbers, missing)
        elif inferred == "String":
            feature["string_statistics"] = _string_statistics(present, missing)
        features.append(feature)
    return {"version": 0.0, "dataset": {"item_count": len(rows)}, "features": features}


def data_quality_constraints(
    names: Sequence[str], rows: Sequence[Sequence[str]], *, drift_method: str | None = None
) -> Json:
    """The ``constraints.json`` the analyzer suggests for the rows (its defaults as seen in real
    suggested baselines: thresholds ``1.0`` for data types and domains, ``Robust`` drift at 0.1)."""
    features = []
    for name, inferred, column in _columns(names, rows):
        present = [v for v in column if v.strip() != ""]
        feature: Json = {
            "name": name,
            "inferred_type": inferred,
            "completeness": len(present) / len(column) if column else 1.0,
        }
        if inferred in ("Integral", "Fractional"):
            feature["num_constraints"] = {"is_non_negative": all(float(v) >= 0 for v in present)}
        elif inferred == "String":
            distinct = sorted(set(present))
            if len(distinct) <= 20:
                feature["string_constraints"] = {"domains": distinct}
        features.append(feature)
    distribution: Json = {
        "perform_comparison": "Enabled",
        "comparison_threshold": 0.1,
        "comparison_method": "Robust",
        "categorical_comparison_threshold": 0.1,
        "categorical_drift_method": drift_method or "LInfinity",
    }
    return {
        "version": 0.0,
        "features": features,
        "monitoring_config": {
            "evaluate_constraints": "Enabled",
            "emit_metrics": "Enabled",
            "datatype_check_threshold": 1.0,
            "domain_content_threshold": 1.0,
            "distribution_constraints": distribution,
        },
    }


def data_quality_violation(
    feature: str, check_type: str, inferred_type: str | None, index: int = 0
) -> Json:
    """A data-quality violation record, worded as the analyzer words that check."""
    observed = round(0.93 - 0.04 * index, 4)
    if check_type == "data_type_check":
        expected = inferred_type or "Integral"
        description = (
            f"Data type match requirement is not met. Expected data type: {expected},"
            f" Expected match: 100.0%. Observed: Only {observed * 100:.1f}% of data is {expected}."
        )
    elif check_type == "baseline_drift_check":
        kind = "Categorical" if inferred_type == "String" else "Numerical"
        distance = round(0.21 + 0.05 * index, 4)
        description = f"{kind} distance: {distance} exceeds {kind.lower()} threshold: 0.1"
    else:  # Deequ's wording, used by the analyzer for the other checks
        description = f"Value: {observed} does not meet the constraint requirement! "
    return {
        "feature_name": feature,
        "constraint_check_type": check_type,
        "description": description,
    }


# ----------------------------------------------------------------------------- model quality

_BINARY = {
    "recall": 0.8,
    "precision": 0.75,
    "accuracy": 0.82,
    "recall_best_constant_classifier": 1.0,
    "precision_best_constant_classifier": 0.4,
    "accuracy_best_constant_classifier": 0.4,
    "true_positive_rate": 0.8,
    "true_negative_rate": 0.83,
    "false_positive_rate": 0.17,
    "false_negative_rate": 0.2,
    "auc": 0.89,
    "f0_5": 0.76,
    "f1": 0.77,
    "f2": 0.79,
    "f0_5_best_constant_classifier": 0.45,
    "f1_best_constant_classifier": 0.57,
    "f2_best_constant_classifier": 0.77,
}
_MULTICLASS = {
    "accuracy": 0.76,
    "weighted_recall": 0.76,
    "weighted_precision": 0.77,
    "weighted_f0_5": 0.77,
    "weighted_f1": 0.76,
    "weighted_f2": 0.76,
    "accuracy_best_constant_classifier": 0.35,
    "weighted_recall_best_constant_classifier": 0.35,
    "weighted_precision_best_constant_classifier": 0.12,
    "weighted_f0_5_best_constant_classifier": 0.15,
    "weighted_f1_best_constant_classifier": 0.18,
    "weighted_f2_best_constant_classifier": 0.27,
}
_REGRESSION = {"mae": 0.5, "mse": 0.37, "rmse": 0.61, "r2": 0.71}
_SECTIONS = {
    "BinaryClassification": "binary_classification",
    "MulticlassClassification": "multiclass_classification",
    "Regression": "regression",
}


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _f(beta: float, precision: float, recall: float) -> float:
    b2 = beta * beta
    return _ratio((1 + b2) * precision * recall, b2 * precision + recall)


def _auc(positive: Sequence[bool], scores: Sequence[float]) -> float | None:
    """The area under the ROC curve: the chance a positive outranks a negative (ties: half)."""
    pos = [s for p, s in zip(positive, scores, strict=True) if p]
    neg = [s for p, s in zip(positive, scores, strict=True) if not p]
    if not pos or not neg:
        return None
    wins = sum((a > b) + 0.5 * (a == b) for a in pos for b in neg)
    return wins / (len(pos) * len(neg))


def _binary_metrics(
    actual: Sequence[str], predicted: Sequence[str], scores: Sequence[float] | None = None
) -> tuple[Json, Json]:
    labels = sorted(set(actual) | set(predicted))
    positive = "1" if "1" in labels else labels[-1]
    tp = sum(a == positive and p == positive for a, p in zip(actual, predicted, strict=True))
    fp = sum(a != positive and p == positive for a, p in zip(actual, predicted, strict=True))
    fn = sum(a == positive and p != positive for a, p in zip(actual, predicted, strict=True))
    tn = len(actual) - tp - fp - fn
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    share = _ratio(tp + fn, len(actual))  # the best constant classifier predicts "positive"
    values = {
        "recall": recall,
        "precision": precision,
        "accuracy": _ratio(tp + tn, len(actual)),
        "recall_best_constant_classifier": 1.0,
        "precision_best_constant_classifier": share,
        "accuracy_best_constant_classifier": max(share, 1 - share),
        "true_positive_rate": recall,
        "true_negative_rate": _ratio(tn, tn + fp),
        "false_positive_rate": _ratio(fp, fp + tn),
        "false_negative_rate": _ratio(fn, fn + tp),
        "auc": (recall + _ratio(tn, tn + fp)) / 2,
        "f0_5": _f(0.5, precision, recall),
        "f1": _f(1, precision, recall),
        "f2": _f(2, precision, recall),
        "f0_5_best_constant_classifier": _f(0.5, share, 1.0),
        "f1_best_constant_classifier": _f(1, share, 1.0),
        "f2_best_constant_classifier": _f(2, share, 1.0),
    }
    auc = _auc([a == positive for a in actual], scores) if scores else None
    if auc is not None:  # without scores, the area under the one-point ROC curve
        values["auc"] = auc
    matrix: Json = {}
    for a in labels:
        matrix[a] = {
            p: sum(x == a and y == p for x, y in zip(actual, predicted, strict=True))
            for p in labels
        }
    return values, matrix


def _multiclass_metrics(actual: Sequence[str], predicted: Sequence[str]) -> tuple[Json, Json]:
    labels = sorted(set(actual) | set(predicted))
    counts = Counter(actual)
    total = len(actual)
    weighted = {"precision": 0.0, "recall": 0.0, "f0_5": 0.0, "f1": 0.0, "f2": 0.0}
    for label in labels:
        tp = sum(a == label and p == label for a, p in zip(actual, predicted, strict=True))
        precision = _ratio(tp, sum(p == label for p in predicted))
        recall = _ratio(tp, counts[label])
        weight = _ratio(counts[label], total)
        weighted["precision"] += weight * precision
        weighted["recall"] += weight * recall
        for beta, key in ((0.5, "f0_5"), (1.0, "f1"), (2.0, "f2")):
            weighted[key] += weight * _f(beta, precision, recall)
    top = _ratio(counts.most_common(1)[0][1], total) if counts else 0.0
    values = {
        "accuracy": _ratio(sum(a == p for a, p in zip(actual, predicted, strict=True)), total),
        **{f"weighted_{k}": v for k, v in weighted.items()},
        "accuracy_best_constant_classifier": top,
        "weighted_recall_best_constant_classifier": top,
        "weighted_precision_best_constant_classifier": top * top,
        "weighted_f0_5_best_constant_classifier": _f(0.5, top, top) * top,
        "weighted_f1_best_constant_classifier": _f(1, top, top) * top,
        "weighted_f2_best_constant_classifier": _f(2, top, top) * top,
    }
    matrix = {
        a: {
            p: sum(x == a and y == p for x, y in zip(actual, predicted, strict=True))
            for p in labels
        }
        for a in labels
    }
    return values, matrix


def _regression_metrics(actual: Sequence[float], predicted: Sequence[float]) -> Json:
    n = len(actual)
    errors = [p - a for a, p in zip(actual, predicted, strict=True)]
    mse = sum(e * e for e in errors) / n
    mean = sum(actual) / n
    spread = sum((a - mean) ** 2 for a in actual)
    return {
        "mae": sum(abs(e) for e in errors) / n,
        "mse": mse,
        "rmse": math.sqrt(mse),
        "r2": 1 - _ratio(sum(e * e for e in errors), spread) if spread else 0.0,
    }


def model_quality_statistics(
    problem_type: str,
    *,
    actual: Sequence[str] | None = None,
    predicted: Sequence[str] | None = None,
    scores: Sequence[float] | None = None,
    overrides: Mapping[str, float] | None = None,
    evaluation_time: str | None = None,
) -> Json:
    """A model-quality ``statistics.json``: metrics computed from labels and predictions when
    given (else plausible values; ``scores``, the probabilities, for the AUC), with
    ``overrides`` replacing single metric values."""
    section = _SECTIONS.get(problem_type, "binary_classification")
    matrix: Json | None = None
    count = len(actual) if actual is not None else 250
    values: Json
    if actual is not None and predicted is not None and actual:
        if section == "regression":
            values = _regression_metrics([float(a) for a in actual], [float(p) for p in predicted])
        elif section == "multiclass_classification":
            values, matrix = _multiclass_metrics(actual, predicted)
        else:
            values, matrix = _binary_metrics(actual, predicted, scores)
    else:
        values = dict(
            {"regression": _REGRESSION, "multiclass_classification": _MULTICLASS}.get(
                section, _BINARY
            )
        )
        if section == "binary_classification":
            matrix = {"0": {"0": 125, "1": 25}, "1": {"0": 20, "1": 80}}
        elif section == "multiclass_classification":
            matrix = {
                "cat": {"cat": 60, "dog": 10, "bird": 5},
                "dog": {"cat": 12, "dog": 70, "bird": 8},
                "bird": {"cat": 6, "dog": 9, "bird": 70},
            }
    values.update(overrides or {})
    deviation: float | str = "NaN" if count < 200 else 0.004
    metrics: Json = {
        name: {"value": float(value), "standard_deviation": deviation}
        for name, value in values.items()
    }
    if matrix is not None:
        metrics["confusion_matrix"] = matrix
    dataset: Json = {"item_count": count}
    if evaluation_time is not None:
        dataset["evaluation_time"] = evaluation_time
    return {"version": 0.0, "dataset": dataset, f"{section}_metrics": metrics}


def model_quality_constraints(statistics: Json) -> Json:
    """The thresholds a baseline job suggests: each scalar metric's own value, with the operator
    seen in real baselines (error rates and errors ``GreaterThanThreshold``, the rest ``Less``)."""
    section, metrics = next((k, v) for k, v in statistics.items() if k.endswith("_metrics"))
    constraints = {
        name: {
            "threshold": entry["value"],
            "comparison_operator": "GreaterThanThreshold"
            if name in _GREATER
            else "LessThanThreshold",
        }
        for name, entry in metrics.items()
        if isinstance(entry, dict)
        and "value" in entry
        and not name.endswith("_best_constant_classifier")
    }
    return {"version": 0.0, section.replace("_metrics", "_constraints"): constraints}


def camel_metric(name: str) -> str:
    """``true_positive_rate`` → ``truePositiveRate``, as model-quality violations name metrics."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def model_quality_violation(
    metric: str, operator: str, observed: float, threshold: float, deviation: float | str
) -> Json:
    shown = "NaN" if isinstance(deviation, str) else repr(deviation)
    camel = metric if "_" not in metric else camel_metric(metric)
    return {
        "constraint_check_type": operator,
        "metric_name": camel,
        "description": f"Metric {camel} with {observed!r} +/- {shown} was {operator} '{threshold!r}'",
    }


def snake_metric(name: str) -> str:
    """``truePositiveRate`` → ``true_positive_rate`` (``f0_5`` and snake_case names unchanged)."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", lambda m: "_" + m[1].lower(), name)


# ----------------------------------------------------------------------------- Clarify

_PRE = (
    ("CI", "Class Imbalance (CI)"),
    ("DPL", "Difference in Positive Proportions in Labels (DPL)"),
)
_POST = (
    ("DPPL", "Difference in Positive Proportions in Predicted Labels (DPPL)"),
    ("DI", "Disparate Impact (DI)"),
    ("AD", "Accuracy Difference (AD)"),
    ("TE", "Treatment Equality (TE)"),
)


def bias_analysis(
    label: str, label_value: str, facet: str, facet_value: str, overrides: Mapping[str, float]
) -> Json:
    """A ModelBias ``analysis.json``: pre- and post-training sections for one facet group."""

    def section(metrics: Iterable[tuple[str, str]], base: float) -> Json:
        entries = [
            {"name": name, "description": text, "value": overrides.get(name, base + 0.01 * i)}
            for i, (name, text) in enumerate(metrics)
        ]
        return {
            "label": label,
            "label_value_or_threshold": label_value,
            "facets": {facet: [{"value_or_threshold": facet_value, "metrics": entries}]},
        }

    return {
        "version": "1.0",
        "post_training_bias_metrics": section(_POST, 0.05),
        "pre_training_bias_metrics": section(_PRE, 0.02),
    }


def bias_violation(metric: str, facet: str, facet_value: str, observed: float) -> Json:
    return {
        "constraint_check_type": "bias_drift_check",
        "facet": facet,
        "facet_value": facet_value,
        "metric_name": metric,
        "description": (
            f"Metric value {observed!r} doesn't meet the baseline constraint requirement 0.05"
        ),
    }


def explainability_analysis(features: Sequence[str], labels: Sequence[str]) -> Json:
    """A ModelExplainability ``analysis.json`` with kernel SHAP values per label."""
    kernel = {
        label: {
            "global_shap_values": {
                feature: round(0.3 / (i + 1) + 0.01 * j, 6) for i, feature in enumerate(features)
            },
            "expected_value": 0.4 + 0.05 * j,
        }
        for j, label in enumerate(labels)
    }
    return {"version": "1.0", "explanations": {"kernel_shap": kernel}}


def feature_attribution_violation(label: str, score: float) -> Json:
    return {
        "label": label,
        "metric_name": "shap",
        "constraint_check_type": "feature_attribution_drift_check",
        "description": f"Feature attribution drift {score!r} exceeds threshold 0.9",
    }


def analyzer_json(data: Json) -> str:
    """JSON as the Scala analyzer writes it (``"key" : value``); Clarify files use plain
    ``json.dumps(indent=4)``."""
    import json

    text = json.dumps(data, indent=2)
    return re.sub(r'^(\s*"(?:[^"\\]|\\.)*"): ', r"\1 : ", text, flags=re.MULTILINE)
