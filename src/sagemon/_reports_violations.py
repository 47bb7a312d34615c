"""``constraint_violations.json`` of the four monitoring types, and the numbers in descriptions.

A violation record names what it is about (a feature, a metric, a facet, a label) and says what
was measured only in its free-text ``description``. Where the wording is known, the numbers are
parsed out (``observed``, ``threshold``); otherwise they are None and the text is kept. The
wording has changed between container versions, so parsed numbers are best effort.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Iterator
from typing import ClassVar, Final, Generic, TypeVar

import attrs

from sagemon._reports_base import Cell, Report, Table, plural
from sagemon._reports_json import JSONObject, JSONValue, as_float, get_list, get_str, type_name

__all__ = [
    "BiasViolation",
    "BiasViolations",
    "CheckType",
    "ConstraintViolations",
    "DataQualityViolation",
    "DataQualityViolations",
    "FeatureAttributionViolation",
    "FeatureAttributionViolations",
    "ModelQualityViolation",
    "ModelQualityViolations",
    "Violation",
    "entry_kind",
    "parse_bias_description",
    "parse_data_quality_description",
    "parse_feature_attribution_description",
    "parse_model_quality_description",
]


class CheckType:
    """The documented ``constraint_check_type`` values (model quality uses the operator instead).

    Any other string parses and round-trips too.
    """

    __module__ = "sagemon.reports"

    DATA_TYPE: Final = "data_type_check"
    COMPLETENESS: Final = "completeness_check"
    BASELINE_DRIFT: Final = "baseline_drift_check"
    MISSING_COLUMN: Final = "missing_column_check"
    EXTRA_COLUMN: Final = "extra_column_check"
    CATEGORICAL_VALUES: Final = "categorical_values_check"
    BIAS_DRIFT: Final = "bias_drift_check"
    FEATURE_ATTRIBUTION_DRIFT: Final = "feature_attribution_drift_check"


_DATA_QUALITY_CHECKS = frozenset(
    {
        CheckType.DATA_TYPE,
        CheckType.COMPLETENESS,
        CheckType.BASELINE_DRIFT,
        CheckType.MISSING_COLUMN,
        CheckType.EXTRA_COLUMN,
        CheckType.CATEGORICAL_VALUES,
    }
)

# ----------------------------------------------------------------------------- descriptions

# A number as Java and Python print them: 0.5, -3, 1.0E-4, NaN, Infinity, -Infinity.
_NUM = r"(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?Infinity|NaN)"
_LONGEST = 2000  # longer descriptions are not parsed (no real one comes close)

# Deequ's wording, used by older analyzers for every check: "Value: 0.97 does not meet the
# constraint requirement! " (Deequ may append a hint after the "!").
_DQ_VALUE = re.compile(rf"\s*Value:\s*({_NUM})\s+does not meet the constraint requirement\b")
# 2021+ data_type_check: "... Expected match: 100.0%. Observed: Only 99.63% of data is Integral."
_DQ_DATA_TYPE = re.compile(
    rf"\s*Data type match requirement is not met\..*?Expected match:\s*({_NUM})\s*%.*?"
    rf"Observed:\s*Only\s+({_NUM})\s*%\s+of data",
    re.DOTALL,
)
# baseline_drift_check: "Numerical distance: 0.27 exceeds numerical threshold: 0.1"
_DQ_DISTANCE = re.compile(
    rf"(?:^|\s)(?:\w+\s+)?distance:\s*({_NUM})\s+exceeds\s+(?:\w+\s+)?threshold:\s*({_NUM})",
    re.IGNORECASE,
)
# "Metric truePositiveRate with 0.11 +/- 0.003 was LessThanThreshold '0.57'"
_MQ = re.compile(
    rf"\s*Metric\s+(\S+)\s+with\s+({_NUM})\s*\+/-\s*({_NUM})\s+was\s+(\w+)\s+'?({_NUM})'?"
)
# 2023+ Clarify: "Metric value 0.37 doesn't meet the baseline constraint requirement 0.28"
_BIAS = re.compile(
    rf"\s*Metric value\s+({_NUM})\s+(?:doesn't|does not)\s+meet the baseline constraint"
    rf" requirement\s+({_NUM})"
)
# The Developer Guide's example: "Value 0.0751 does not meet the constraint requirement"
_BIAS_OLD = re.compile(
    rf"\s*Value:?\s+({_NUM})\s+(?:doesn't|does not) meet the constraint requirement"
)
# "Feature attribution drift 0.76 exceeds threshold 0.9"
_ATTRIBUTION = re.compile(
    rf"\s*Feature attribution drift\s+({_NUM})\s+exceeds\s+(?:the\s+)?threshold\s+({_NUM})"
)


def _number(text: str | None) -> float | None:
    return as_float(text) if text is not None else None


def _share(percent: str) -> float | None:
    """A percentage as a share, exactly as the decimal text says (``49.7`` → ``0.497``)."""
    try:
        return float(decimal.Decimal(percent) / 100)
    except decimal.DecimalException:  # an exponent beyond decimal's range: floats will do
        number = as_float(percent)
        return number / 100 if number is not None else None


def parse_data_quality_description(text: str) -> tuple[float | None, float | None]:
    """``(observed, threshold)`` from a data-quality violation's description; None if unknown.

    Percentages (``Observed: Only 99.6% of data is Integral``) are given as shares (0.996), as
    the older ``Value: 0.996 …`` wording gives them.
    """
    if len(text) > _LONGEST:
        return None, None
    if match := _DQ_VALUE.match(text):
        return _number(match[1]), None
    if match := _DQ_DATA_TYPE.match(text):
        return _share(match[2]), _share(match[1])
    if match := _DQ_DISTANCE.search(text):
        return _number(match[1]), _number(match[2])
    return None, None


def parse_model_quality_description(
    text: str,
) -> tuple[float | None, float | None, float | None]:
    """``(observed, standard_deviation, threshold)`` from a model-quality violation's
    description (``Metric auc with 0.51 +/- 0.01 was LessThanThreshold '0.93'``)."""
    if len(text) <= _LONGEST and (match := _MQ.match(text)):
        return _number(match[2]), _number(match[3]), _number(match[5])
    return None, None, None


def parse_bias_description(text: str) -> tuple[float | None, float | None]:
    """``(observed, baseline)`` from a bias drift violation's description; the baseline value
    is the requirement the observed value was held to. None where not stated or not known."""
    if len(text) > _LONGEST:
        return None, None
    if match := _BIAS.match(text):
        return _number(match[1]), _number(match[2])
    if match := _BIAS_OLD.match(text):
        return _number(match[1]), None
    return None, None


def parse_feature_attribution_description(text: str) -> tuple[float | None, float | None]:
    """``(observed, threshold)`` from a feature attribution drift description: the nDCG score
    of the SHAP ranking against the baseline's, and the threshold it fell below."""
    if len(text) <= _LONGEST and (match := _ATTRIBUTION.match(text)):
        return _number(match[1]), _number(match[2])
    return None, None


# ----------------------------------------------------------------------------- records


@attrs.frozen(kw_only=True)
class Violation:
    """What every violation record has: its check, description, and the numbers parsed from it.

    ``observed`` is the measured value and ``threshold`` the requirement it missed, each None
    when the description does not state it in a known wording.
    """

    __module__ = "sagemon.reports"

    check_type: str | None
    """``constraint_check_type``: the check (see :class:`CheckType`), or for model quality the
    comparison operator that was breached."""
    description: str | None
    observed: float | None
    threshold: float | None

    @property
    def subject(self) -> str | None:
        """What the violation is about, as one string (a feature, metric, facet or label)."""
        raise NotImplementedError


@attrs.frozen(kw_only=True)
class DataQualityViolation(Violation):
    """A data-quality violation: a feature failed a check."""

    __module__ = "sagemon.reports"

    feature_name: str | None

    @property
    def subject(self) -> str | None:
        return self.feature_name

    @classmethod
    def _of(cls, data: JSONValue) -> DataQualityViolation:
        description = get_str(data, "description")
        observed, threshold = (
            parse_data_quality_description(description) if description else (None, None)
        )
        return cls(
            feature_name=get_str(data, "feature_name"),
            check_type=get_str(data, "constraint_check_type"),
            description=description,
            observed=observed,
            threshold=threshold,
        )


@attrs.frozen(kw_only=True)
class ModelQualityViolation(Violation):
    """A model-quality violation: a metric breached its threshold.

    ``metric_name`` is camelCase as the container writes it (``truePositiveRate``);
    ``normalized_metric_name`` is the snake_case key of statistics and constraints files.
    """

    __module__ = "sagemon.reports"

    metric_name: str | None
    standard_deviation: float | None

    @property
    def subject(self) -> str | None:
        return self.metric_name

    @property
    def comparison_operator(self) -> str | None:
        """The operator that was breached (``constraint_check_type`` in this file)."""
        return self.check_type

    @property
    def normalized_metric_name(self) -> str | None:
        """``metric_name`` in snake_case: ``truePositiveRate`` → ``true_positive_rate``."""
        from sagemon._reports_model import normalize_metric_name

        return normalize_metric_name(self.metric_name) if self.metric_name is not None else None

    @classmethod
    def _of(cls, data: JSONValue) -> ModelQualityViolation:
        description = get_str(data, "description")
        observed, deviation, threshold = (
            parse_model_quality_description(description) if description else (None, None, None)
        )
        return cls(
            metric_name=get_str(data, "metric_name"),
            check_type=get_str(data, "constraint_check_type"),
            description=description,
            observed=observed,
            standard_deviation=deviation,
            threshold=threshold,
        )


@attrs.frozen(kw_only=True)
class BiasViolation(Violation):
    """A bias drift violation: a metric of a facet group drifted from its baseline value.

    ``threshold`` is the baseline value named in the description.
    """

    __module__ = "sagemon.reports"

    metric_name: str | None
    facet: str | None
    facet_value: str | None

    @property
    def subject(self) -> str | None:
        if self.metric_name is None and self.facet is None:
            return None
        where = f" ({self.facet}={self.facet_value})" if self.facet is not None else ""
        return f"{self.metric_name or '?'}{where}"

    @classmethod
    def _of(cls, data: JSONValue) -> BiasViolation:
        description = get_str(data, "description")
        observed, baseline = parse_bias_description(description) if description else (None, None)
        return cls(
            metric_name=get_str(data, "metric_name"),
            facet=get_str(data, "facet"),
            facet_value=get_str(data, "facet_value"),
            check_type=get_str(data, "constraint_check_type"),
            description=description,
            observed=observed,
            threshold=baseline,
        )


@attrs.frozen(kw_only=True)
class FeatureAttributionViolation(Violation):
    """A feature attribution drift violation: a label's SHAP ranking drifted (nDCG below the
    threshold, 0.9 in the documentation)."""

    __module__ = "sagemon.reports"

    label: str | None
    metric_name: str | None
    """``shap``, the only value documented."""

    @property
    def subject(self) -> str | None:
        return self.label

    @classmethod
    def _of(cls, data: JSONValue) -> FeatureAttributionViolation:
        description = get_str(data, "description")
        observed, threshold = (
            parse_feature_attribution_description(description) if description else (None, None)
        )
        return cls(
            label=get_str(data, "label"),
            metric_name=get_str(data, "metric_name"),
            check_type=get_str(data, "constraint_check_type"),
            description=description,
            observed=observed,
            threshold=threshold,
        )


# ----------------------------------------------------------------------------- files

_V = TypeVar("_V", bound=Violation)

# The four kinds as entry_kind names them.
DATA_QUALITY: Final = "data-quality"
MODEL_QUALITY: Final = "model-quality"
BIAS: Final = "bias"
FEATURE_ATTRIBUTION: Final = "feature-attribution"


def entry_kind(entry: JSONValue) -> str | None:
    """Which monitoring type a violation record is from, judged by its check type, else by its
    keys; None when it does not say."""
    if not isinstance(entry, dict):
        return None
    check = get_str(entry, "constraint_check_type")
    if check in _DATA_QUALITY_CHECKS:
        return DATA_QUALITY
    if check == CheckType.BIAS_DRIFT:
        return BIAS
    if check == CheckType.FEATURE_ATTRIBUTION_DRIFT:
        return FEATURE_ATTRIBUTION
    if check is not None and check.endswith("Threshold"):
        return MODEL_QUALITY
    if "feature_name" in entry:
        return DATA_QUALITY
    if "facet" in entry or "facet_value" in entry:
        return BIAS
    if "label" in entry:
        return FEATURE_ATTRIBUTION
    if "metric_name" in entry:
        return MODEL_QUALITY
    return None


@attrs.frozen(eq=False, repr=False)
class ConstraintViolations(Report, Generic[_V]):
    """Base of the four ``constraint_violations.json`` models: a version and the violations.

    An empty report is falsy and has length 0; iterating gives the violations.
    """

    __module__ = "sagemon.reports"

    FILE_NAME = "constraint_violations.json"
    _ENTRY_KIND: ClassVar[str] = ""
    _CLARIFY: ClassVar[bool] = False

    version: str | float | None = attrs.field(init=False)
    """Absent (None) in Model Monitor files; ``"1.0"`` in Clarify's."""
    violations: tuple[_V, ...] = attrs.field(init=False)

    @classmethod
    def _entry(cls, data: JSONValue) -> _V:
        raise NotImplementedError

    @classmethod
    def _evidence(cls, data: JSONObject) -> tuple[int, str]:
        if "violations" not in data:
            return 0, "it has no 'violations' list"
        entries = data["violations"]
        if not isinstance(entries, list):
            return 0, f"its 'violations' member is {type_name(entries)}, not a list"
        votes: dict[str, int] = {}
        for entry in entries:
            kind = entry_kind(entry)
            if kind is not None:
                votes[kind] = votes.get(kind, 0) + 1
        mine = votes.get(cls._ENTRY_KIND, 0)
        if mine == 0 and votes:
            other = max(votes, key=lambda k: votes[k])
            return 0, f"its violations look like {other} violations"
        version = data.get("version")
        style = isinstance(version, str) == cls._CLARIFY if version is not None else True
        return 1 + 10 * mine + int(style), ""

    def _derive(self) -> None:
        version = self._data.get("version")
        self._set(
            version=version if isinstance(version, str) else as_float(version),
            violations=tuple(self._entry(e) for e in get_list(self._data, "violations") or ()),
        )

    def __len__(self) -> int:
        return len(self.violations)

    def __iter__(self) -> Iterator[_V]:
        return iter(self.violations)

    def __bool__(self) -> bool:
        return bool(self.violations)

    def _summary(self) -> str:
        return plural(len(self.violations), "violation")

    def _columns(self) -> tuple[str, ...]:
        return ("check", "subject", "observed", "threshold", "description")

    def _row(self, violation: _V) -> tuple[Cell, ...]:
        return (
            violation.check_type,
            violation.subject,
            violation.observed,
            violation.threshold,
            violation.description,
        )

    def _tables(self) -> tuple[Table, ...]:
        rows = tuple(self._row(v) for v in self.violations)
        return (Table("violations", "Violations", self._columns(), rows),)


@attrs.frozen(eq=False, repr=False)
class DataQualityViolations(ConstraintViolations[DataQualityViolation]):
    """A data-quality ``constraint_violations.json``."""

    __module__ = "sagemon.reports"

    KIND = "data-quality-violations"
    TITLE = "data-quality violations"
    _ENTRY_KIND = DATA_QUALITY

    @classmethod
    def _entry(cls, data: JSONValue) -> DataQualityViolation:
        return DataQualityViolation._of(data)

    def _columns(self) -> tuple[str, ...]:
        return ("check", "feature", "observed", "threshold", "description")


@attrs.frozen(eq=False, repr=False)
class ModelQualityViolations(ConstraintViolations[ModelQualityViolation]):
    """A model-quality ``constraint_violations.json``."""

    __module__ = "sagemon.reports"

    KIND = "model-quality-violations"
    TITLE = "model-quality violations"
    _ENTRY_KIND = MODEL_QUALITY

    @classmethod
    def _entry(cls, data: JSONValue) -> ModelQualityViolation:
        return ModelQualityViolation._of(data)

    def _columns(self) -> tuple[str, ...]:
        return ("operator", "metric", "observed", "+/-", "threshold", "description")

    def _row(self, violation: ModelQualityViolation) -> tuple[Cell, ...]:
        return (
            violation.check_type,
            violation.metric_name,
            violation.observed,
            violation.standard_deviation,
            violation.threshold,
            violation.description,
        )


@attrs.frozen(eq=False, repr=False)
class BiasViolations(ConstraintViolations[BiasViolation]):
    """A bias drift (ModelBias) ``constraint_violations.json``."""

    __module__ = "sagemon.reports"

    KIND = "bias-violations"
    TITLE = "bias drift violations"
    _ENTRY_KIND = BIAS
    _CLARIFY = True

    @classmethod
    def _entry(cls, data: JSONValue) -> BiasViolation:
        return BiasViolation._of(data)

    def _columns(self) -> tuple[str, ...]:
        return ("check", "metric", "facet", "facet value", "observed", "baseline", "description")

    def _row(self, violation: BiasViolation) -> tuple[Cell, ...]:
        return (
            violation.check_type,
            violation.metric_name,
            violation.facet,
            violation.facet_value,
            violation.observed,
            violation.threshold,
            violation.description,
        )


@attrs.frozen(eq=False, repr=False)
class FeatureAttributionViolations(ConstraintViolations[FeatureAttributionViolation]):
    """A feature attribution drift (ModelExplainability) ``constraint_violations.json``."""

    __module__ = "sagemon.reports"

    KIND = "feature-attribution-violations"
    TITLE = "feature attribution drift violations"
    _ENTRY_KIND = FEATURE_ATTRIBUTION
    _CLARIFY = True

    @classmethod
    def _entry(cls, data: JSONValue) -> FeatureAttributionViolation:
        return FeatureAttributionViolation._of(data)

    def _columns(self) -> tuple[str, ...]:
        return ("check", "label", "metric", "observed", "threshold", "description")

    def _row(self, violation: FeatureAttributionViolation) -> tuple[Cell, ...]:
        return (
            violation.check_type,
            violation.label,
            violation.metric_name,
            violation.observed,
            violation.threshold,
            violation.description,
        )
