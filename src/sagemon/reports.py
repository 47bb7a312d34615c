"""Typed, lossless models of the files Model Monitor and Clarify jobs write.

One frozen model per kind of file: ``DataQualityStatistics``, ``DataQualityConstraints`` and
``DataQualityViolations``; ``ModelQualityStatistics``, ``ModelQualityConstraints`` and
``ModelQualityViolations``; ``ClarifyAnalysis`` (bias and explanations), ``BiasViolations`` and
``FeatureAttributionViolations``. Each reads with ``from_json(text)``, ``from_dict(data)`` or
``from_path(path)`` and gives back exactly what it read with ``to_dict()`` (unknown keys,
``"NaN"`` strings, ``int`` versus ``float`` and all); :func:`load` and :func:`load_path`
recognise the kind from the content. Parsing is local: no S3, no AWS.

The typed fields are derived from the data and are ``None`` wherever a file has no usable
value, so an odd file never raises while it is read. Open vocabularies (check types, operators,
metric names, inferred types) are plain strings; the classes of constants name the known values.
In Jupyter the reports display as tables; ``str(report)`` is the same as text, and
``to_pandas()`` gives a DataFrame (``pip install "sagemon[pandas]"``).

Reading reports from S3 is the client's part: ``sagemon.Client.execution_reports``,
``latest_reports``, ``baseline_reports`` and ``execution_history`` return
``sagemon.ExecutionReports``, ``sagemon.BaselineReports`` and ``sagemon.ExecutionHistory``, whose
fields are typed with the models here (``AnyStatistics``, ``AnyConstraints`` and
``AnyViolations`` name the unions of the kinds).
"""

from __future__ import annotations

from sagemon._reports_base import Report
from sagemon._reports_clarify import (
    BiasMetric,
    BiasSection,
    BiasStage,
    ClarifyAnalysis,
    FacetGroup,
    LabelExplanation,
    PartialDependence,
)
from sagemon._reports_data import (
    CategoricalBucket,
    DataQualityConstraints,
    DataQualityStatistics,
    DistributionConstraints,
    DriftMethod,
    FeatureConstraints,
    FeatureOverrides,
    FeatureStatistics,
    InferredType,
    KLLBucket,
    KLLSketch,
    MonitoringConfig,
    NumericalStatistics,
    StringStatistics,
    Toggle,
)
from sagemon._reports_json import MAX_REPORT_BYTES, JSONObject, JSONValue
from sagemon._reports_load import (
    REPORT_TYPES,
    AnyConstraints,
    AnyStatistics,
    AnyViolations,
    load,
    load_path,
    report_type,
)
from sagemon._reports_model import (
    ComparisonOperator,
    ConfusionMatrix,
    MetricCheck,
    MetricComparison,
    MetricValue,
    ModelQualityConstraints,
    ModelQualityStatistics,
    PrecisionRecallCurve,
    ProblemType,
    RocCurve,
    Threshold,
    metric_key,
    normalize_metric_name,
)
from sagemon._reports_violations import (
    BiasViolation,
    BiasViolations,
    CheckType,
    ConstraintViolations,
    DataQualityViolation,
    DataQualityViolations,
    FeatureAttributionViolation,
    FeatureAttributionViolations,
    ModelQualityViolation,
    ModelQualityViolations,
    Violation,
)
from sagemon.errors import ReportError

__all__ = [
    "MAX_REPORT_BYTES",
    "REPORT_TYPES",
    "AnyConstraints",
    "AnyStatistics",
    "AnyViolations",
    "BiasMetric",
    "BiasSection",
    "BiasStage",
    "BiasViolation",
    "BiasViolations",
    "CategoricalBucket",
    "CheckType",
    "ClarifyAnalysis",
    "ComparisonOperator",
    "ConfusionMatrix",
    "ConstraintViolations",
    "DataQualityConstraints",
    "DataQualityStatistics",
    "DataQualityViolation",
    "DataQualityViolations",
    "DistributionConstraints",
    "DriftMethod",
    "FacetGroup",
    "FeatureAttributionViolation",
    "FeatureAttributionViolations",
    "FeatureConstraints",
    "FeatureOverrides",
    "FeatureStatistics",
    "InferredType",
    "JSONObject",
    "JSONValue",
    "KLLBucket",
    "KLLSketch",
    "LabelExplanation",
    "MetricCheck",
    "MetricComparison",
    "MetricValue",
    "ModelQualityConstraints",
    "ModelQualityStatistics",
    "ModelQualityViolation",
    "ModelQualityViolations",
    "MonitoringConfig",
    "NumericalStatistics",
    "PartialDependence",
    "PrecisionRecallCurve",
    "ProblemType",
    "Report",
    "ReportError",
    "RocCurve",
    "StringStatistics",
    "Threshold",
    "Toggle",
    "Violation",
    "load",
    "load_path",
    "metric_key",
    "normalize_metric_name",
    "report_type",
]
