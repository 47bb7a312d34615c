"""Data-quality ``statistics.json`` and ``constraints.json`` (the Model Monitor analyzer's files)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Final

import attrs
from typing_extensions import Self

from sagemon._reports_base import Cell, Report, Table, plural
from sagemon._reports_json import (
    JSONObject,
    JSONValue,
    as_float,
    as_float_tuple,
    as_str_tuple,
    copy_json,
    get_bool,
    get_float,
    get_int,
    get_list,
    get_object,
    get_str,
    type_name,
)
from sagemon.errors import ReportError

__all__ = [
    "CategoricalBucket",
    "DataQualityConstraints",
    "DataQualityStatistics",
    "DistributionConstraints",
    "DriftMethod",
    "FeatureConstraints",
    "FeatureOverrides",
    "FeatureStatistics",
    "InferredType",
    "KLLBucket",
    "KLLSketch",
    "MonitoringConfig",
    "NumericalStatistics",
    "StringStatistics",
    "Toggle",
]


class InferredType:
    """The ``inferred_type`` values the documentation lists; a file may hold any other string."""

    __module__ = "sagemon.reports"

    INTEGRAL: Final = "Integral"
    FRACTIONAL: Final = "Fractional"
    STRING: Final = "String"
    UNKNOWN: Final = "Unknown"


class Toggle:
    """``Enabled`` and ``Disabled``, the values of the switches in ``constraints.json``."""

    __module__ = "sagemon.reports"

    ENABLED: Final = "Enabled"
    DISABLED: Final = "Disabled"


class DriftMethod:
    """``categorical_drift_method`` values the documentation and the SageMaker SDK name."""

    __module__ = "sagemon.reports"

    L_INFINITY: Final = "LInfinity"
    CHI_SQUARED: Final = "ChiSquared"


_STATISTICS_KEYS = ("numerical_statistics", "string_statistics")
_CONSTRAINT_KEYS = ("completeness", "num_constraints", "string_constraints")
_OVERRIDES = "monitoring_config_overrides"
_DG_OVERRIDES = "monitoringConfigOverrides"


def _features(data: JSONObject) -> list[JSONObject]:
    return [f for f in get_list(data, "features") or () if isinstance(f, dict)]


def _markers(data: JSONObject) -> tuple[int, int]:
    """Evidence for (statistics, constraints) in a file with a ``features`` list."""
    features = _features(data)
    statistics = int("dataset" in data) + sum(
        any(k in f for k in _STATISTICS_KEYS) for f in features
    )
    constraints = int("monitoring_config" in data) + sum(
        any(k in f for k in (*_CONSTRAINT_KEYS, _OVERRIDES, _DG_OVERRIDES)) for f in features
    )
    return statistics, constraints


def _features_evidence(
    data: JSONObject, mine: int, theirs: int, other: str, alone: str = ""
) -> tuple[int, str]:
    """Evidence for a kind with a ``features`` list (or, if ``alone`` names one, that object)."""
    if "features" not in data:
        if alone and isinstance(data.get(alone), dict):
            return 1 + mine, ""
        return 0, "it has no 'features' list"
    if not isinstance(data["features"], list):
        return 0, f"its 'features' member is {type_name(data['features'])}, not a list"
    if mine == 0 and theirs > 0:
        return 0, f"it looks like {other}"
    return 1 + mine, ""


def _text(value: JSONValue) -> str | None:
    """A string, or a number as the text it stands for (a category that looked numeric)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _version(data: JSONObject) -> str | float | None:
    value = data.get("version")
    if isinstance(value, str):
        return value
    return as_float(value)


# ----------------------------------------------------------------------------- statistics


@attrs.frozen(kw_only=True)
class KLLBucket:
    """One bucket of a numerical feature's histogram (the KLL sketch, materialised)."""

    __module__ = "sagemon.reports"

    lower_bound: float | None
    upper_bound: float | None
    count: float | None


@attrs.frozen(kw_only=True)
class KLLSketch:
    """The KLL sketch itself: its parameters and compactor levels (often large)."""

    __module__ = "sagemon.reports"

    c: float | None
    k: float | None
    data: tuple[tuple[float, ...], ...]


@attrs.frozen(kw_only=True)
class CategoricalBucket:
    """One of a string feature's most frequent values and how often it occurred."""

    __module__ = "sagemon.reports"

    value: str | None
    count: int | None


@attrs.frozen(kw_only=True)
class NumericalStatistics:
    """``numerical_statistics`` of an ``Integral`` or ``Fractional`` feature."""

    __module__ = "sagemon.reports"

    num_present: int | None
    num_missing: int | None
    mean: float | None
    sum: float | None
    std_dev: float | None
    min: float | None
    max: float | None
    buckets: tuple[KLLBucket, ...]
    sketch: KLLSketch | None

    @classmethod
    def _of(cls, data: JSONObject) -> NumericalStatistics:
        common = get_object(data, "common")
        kll = get_object(get_object(data, "distribution"), "kll")
        buckets = tuple(
            KLLBucket(
                lower_bound=get_float(b, "lower_bound"),
                upper_bound=get_float(b, "upper_bound"),
                count=get_float(b, "count"),
            )
            for b in get_list(kll, "buckets") or ()
            if isinstance(b, dict)
        )
        sketch_data = get_object(kll, "sketch")
        sketch = None
        if sketch_data is not None:
            parameters = get_object(sketch_data, "parameters")
            levels = get_list(sketch_data, "data") or []
            sketch = KLLSketch(
                c=get_float(parameters, "c"),
                k=get_float(parameters, "k"),
                data=tuple(
                    as_float_tuple(level) or () for level in levels if isinstance(level, list)
                ),
            )
        return cls(
            num_present=get_int(common, "num_present"),
            num_missing=get_int(common, "num_missing"),
            mean=get_float(data, "mean"),
            sum=get_float(data, "sum"),
            std_dev=get_float(data, "std_dev"),
            min=get_float(data, "min"),
            max=get_float(data, "max"),
            buckets=buckets,
            sketch=sketch,
        )


@attrs.frozen(kw_only=True)
class StringStatistics:
    """``string_statistics`` of a ``String`` feature."""

    __module__ = "sagemon.reports"

    num_present: int | None
    num_missing: int | None
    distinct_count: float | None
    buckets: tuple[CategoricalBucket, ...]

    @classmethod
    def _of(cls, data: JSONObject) -> StringStatistics:
        common = get_object(data, "common")
        categorical = get_object(get_object(data, "distribution"), "categorical")
        return cls(
            num_present=get_int(common, "num_present"),
            num_missing=get_int(common, "num_missing"),
            distinct_count=get_float(data, "distinct_count"),
            buckets=tuple(
                CategoricalBucket(value=_text(b.get("value")), count=get_int(b, "count"))
                for b in get_list(categorical, "buckets") or ()
                if isinstance(b, dict)
            ),
        )


@attrs.frozen(kw_only=True)
class FeatureStatistics:
    """One feature (column) of a data-quality ``statistics.json``."""

    __module__ = "sagemon.reports"

    name: str | None
    inferred_type: str | None
    """``Integral``, ``Fractional``, ``String`` (see :class:`InferredType`) or another value."""
    numerical: NumericalStatistics | None
    string: StringStatistics | None

    @property
    def num_present(self) -> int | None:
        """Values present (not null), from whichever statistics the feature has."""
        stats = self.numerical or self.string
        return stats.num_present if stats is not None else None

    @property
    def num_missing(self) -> int | None:
        """Values missing (null), from whichever statistics the feature has."""
        stats = self.numerical or self.string
        return stats.num_missing if stats is not None else None

    @property
    def completeness(self) -> float | None:
        """The share of values present, ``num_present / (num_present + num_missing)``."""
        present, missing = self.num_present, self.num_missing
        if present is None or missing is None or present + missing <= 0:
            return None
        return present / (present + missing)

    @classmethod
    def _of(cls, data: JSONObject) -> FeatureStatistics:
        numerical = get_object(data, "numerical_statistics")
        string = get_object(data, "string_statistics")
        return cls(
            name=get_str(data, "name"),
            inferred_type=get_str(data, "inferred_type"),
            numerical=NumericalStatistics._of(numerical) if numerical is not None else None,
            string=StringStatistics._of(string) if string is not None else None,
        )


@attrs.frozen(eq=False, repr=False)
class DataQualityStatistics(Report):
    """A data-quality ``statistics.json``: per-feature counts, moments and distributions."""

    __module__ = "sagemon.reports"

    KIND = "data-quality-statistics"
    TITLE = "data-quality statistics"
    FILE_NAME = "statistics.json"

    version: str | float | None = attrs.field(init=False)
    """``0.0`` as the analyzer writes it (a number; a string in other writers' files)."""
    item_count: int | None = attrs.field(init=False)
    """How many records were analysed (``dataset.item_count``)."""
    evaluation_time: str | None = attrs.field(init=False)
    """``dataset.evaluation_time`` when present (an ISO 8601 string)."""
    features: tuple[FeatureStatistics, ...] = attrs.field(init=False)

    @classmethod
    def _evidence(cls, data: JSONObject) -> tuple[int, str]:
        statistics, constraints = _markers(data)
        return _features_evidence(data, statistics, constraints, "data-quality constraints")

    def _derive(self) -> None:
        dataset = get_object(self._data, "dataset")
        self._set(
            version=_version(self._data),
            item_count=get_int(dataset, "item_count"),
            evaluation_time=get_str(dataset, "evaluation_time"),
            features=tuple(FeatureStatistics._of(f) for f in _features(self._data)),
        )

    def feature(self, name: str) -> FeatureStatistics | None:
        """The feature called ``name`` (the first, if a file repeats it), or None."""
        return next((f for f in self.features if f.name == name), None)

    def _summary(self) -> str:
        items = f", {plural(self.item_count, 'item')}" if self.item_count is not None else ""
        return plural(len(self.features), "feature") + items

    def _tables(self) -> tuple[Table, ...]:
        rows: list[tuple[Cell, ...]] = []
        for f in self.features:
            num, text = f.numerical, f.string
            top = None
            if text is not None and text.buckets:
                top = max(text.buckets, key=lambda b: b.count or 0).value
            rows.append(
                (
                    f.name,
                    f.inferred_type,
                    f.num_present,
                    f.num_missing,
                    f.completeness,
                    num.mean if num else None,
                    num.std_dev if num else None,
                    num.min if num else None,
                    num.max if num else None,
                    text.distinct_count if text else None,
                    top,
                )
            )
        columns = (
            "feature",
            "type",
            "present",
            "missing",
            "completeness",
            "mean",
            "std_dev",
            "min",
            "max",
            "distinct",
            "top value",
        )
        return (Table("features", "Features", columns, tuple(rows)),)


# ----------------------------------------------------------------------------- constraints


@attrs.frozen(kw_only=True)
class DistributionConstraints:
    """``monitoring_config.distribution_constraints``: the drift comparison's settings."""

    __module__ = "sagemon.reports"

    perform_comparison: str | None
    comparison_threshold: float | None
    comparison_method: str | None
    """``Robust`` in real files (the documentation also names ``Simple``, ``linf_simple``, …)."""
    categorical_comparison_threshold: float | None
    categorical_drift_method: str | None
    """``LInfinity`` or ``ChiSquared`` (see :class:`DriftMethod`), or absent."""


@attrs.frozen(kw_only=True)
class MonitoringConfig:
    """``monitoring_config``: the file-wide switches and thresholds."""

    __module__ = "sagemon.reports"

    evaluate_constraints: str | None
    emit_metrics: str | None
    datatype_check_threshold: float | None
    domain_content_threshold: float | None
    distribution_constraints: DistributionConstraints | None

    @classmethod
    def _of(cls, data: JSONObject) -> MonitoringConfig:
        distribution = get_object(data, "distribution_constraints")
        return cls(
            evaluate_constraints=get_str(data, "evaluate_constraints"),
            emit_metrics=get_str(data, "emit_metrics"),
            datatype_check_threshold=get_float(data, "datatype_check_threshold"),
            domain_content_threshold=get_float(data, "domain_content_threshold"),
            distribution_constraints=None
            if distribution is None
            else DistributionConstraints(
                perform_comparison=get_str(distribution, "perform_comparison"),
                comparison_threshold=get_float(distribution, "comparison_threshold"),
                comparison_method=get_str(distribution, "comparison_method"),
                categorical_comparison_threshold=get_float(
                    distribution, "categorical_comparison_threshold"
                ),
                categorical_drift_method=get_str(distribution, "categorical_drift_method"),
            ),
        )


@attrs.frozen(kw_only=True)
class FeatureOverrides:
    """A feature's ``monitoring_config_overrides``: per-feature ``Enabled``/``Disabled`` switches."""

    __module__ = "sagemon.reports"

    evaluate_constraints: str | None
    emit_metrics: str | None


@attrs.frozen(kw_only=True)
class FeatureConstraints:
    """One feature of a data-quality ``constraints.json``."""

    __module__ = "sagemon.reports"

    name: str | None
    inferred_type: str | None
    completeness: float | None
    """The least share of non-null values allowed (the baseline's share, as suggested)."""
    is_non_negative: bool | None
    """``num_constraints.is_non_negative``: every baseline value was at least 0."""
    domains: tuple[str, ...] | None
    """``string_constraints.domains``: the allowed values of a low-cardinality string feature."""
    overrides: FeatureOverrides | None
    """Per-feature switches, wherever the file keeps them: ``monitoring_config_overrides`` on
    the feature or in ``string_constraints``/``num_constraints``, or the documentation's
    ``monitoringConfigOverrides``; the first place that sets a switch wins."""

    @classmethod
    def _of(cls, data: JSONObject) -> FeatureConstraints:
        found = _override_objects(data)
        overrides = None
        if found:

            def first(key: str) -> str | None:
                return next((v for o in found if (v := get_str(o, key)) is not None), None)

            overrides = FeatureOverrides(
                evaluate_constraints=first("evaluate_constraints"),
                emit_metrics=first("emit_metrics"),
            )
        return cls(
            name=get_str(data, "name"),
            inferred_type=get_str(data, "inferred_type"),
            completeness=get_float(data, "completeness"),
            is_non_negative=get_bool(get_object(data, "num_constraints"), "is_non_negative"),
            domains=as_str_tuple(get_list(get_object(data, "string_constraints"), "domains")),
            overrides=overrides,
        )


def _override_objects(feature: JSONObject) -> list[JSONObject]:
    """Every overrides object a feature has, in reading precedence.

    Real files and the SageMaker SDK keep them in ``string_constraints``; the documentation's
    schema puts ``monitoringConfigOverrides`` on the feature itself.
    """
    found = [get_object(feature, _OVERRIDES), get_object(feature, _DG_OVERRIDES)]
    for section in ("string_constraints", "num_constraints"):
        found.append(get_object(get_object(feature, section), _OVERRIDES))
    return [o for o in found if o is not None]


@attrs.frozen(eq=False, repr=False)
class DataQualityConstraints(Report):
    """A data-quality ``constraints.json``: per-feature constraints and the monitoring config.

    Edits (``with_…``) return a new object whose data differs only where the edit says; write it
    back with ``to_json()``.
    """

    __module__ = "sagemon.reports"

    KIND = "data-quality-constraints"
    TITLE = "data-quality constraints"
    FILE_NAME = "constraints.json"

    version: str | float | None = attrs.field(init=False)
    features: tuple[FeatureConstraints, ...] = attrs.field(init=False)
    monitoring_config: MonitoringConfig | None = attrs.field(init=False)

    @classmethod
    def _evidence(cls, data: JSONObject) -> tuple[int, str]:
        statistics, constraints = _markers(data)
        return _features_evidence(
            data, constraints, statistics, "data-quality statistics", alone="monitoring_config"
        )

    def _derive(self) -> None:
        config = get_object(self._data, "monitoring_config")
        self._set(
            version=_version(self._data),
            features=tuple(FeatureConstraints._of(f) for f in _features(self._data)),
            monitoring_config=MonitoringConfig._of(config) if config is not None else None,
        )

    def feature(self, name: str) -> FeatureConstraints | None:
        """The feature called ``name`` (the first, if a file repeats it), or None."""
        return next((f for f in self.features if f.name == name), None)

    # -- edits

    def with_monitoring_config(
        self,
        *,
        evaluate_constraints: bool | str | None = None,
        emit_metrics: bool | str | None = None,
        datatype_check_threshold: float | None = None,
        domain_content_threshold: float | None = None,
        perform_comparison: bool | str | None = None,
        comparison_threshold: float | None = None,
        comparison_method: str | None = None,
        categorical_comparison_threshold: float | None = None,
        categorical_drift_method: str | None = None,
    ) -> Self:
        """A copy with the given ``monitoring_config`` settings changed (``None``: unchanged).

        Switches take a bool or ``"Enabled"``/``"Disabled"``; thresholds are shares from 0 to 1.
        """
        data = _copy(self._data)
        config = _object_at(data, "monitoring_config", "")
        _put(config, "evaluate_constraints", _toggle(evaluate_constraints, "evaluate_constraints"))
        _put(config, "emit_metrics", _toggle(emit_metrics, "emit_metrics"))
        for key, share in (
            ("datatype_check_threshold", datatype_check_threshold),
            ("domain_content_threshold", domain_content_threshold),
        ):
            _put(config, key, _share(share, key))
        distribution_values: dict[str, JSONValue] = {
            "perform_comparison": _toggle(perform_comparison, "perform_comparison"),
            "comparison_threshold": _share(comparison_threshold, "comparison_threshold"),
            "comparison_method": _name(comparison_method, "comparison_method"),
            "categorical_comparison_threshold": _share(
                categorical_comparison_threshold, "categorical_comparison_threshold"
            ),
            "categorical_drift_method": _name(categorical_drift_method, "categorical_drift_method"),
        }
        if any(v is not None for v in distribution_values.values()):
            distribution = _object_at(config, "distribution_constraints", "monitoring_config")
            for key, value in distribution_values.items():
                _put(distribution, key, value)
        return self._edited(data)

    def with_feature(
        self,
        name: str,
        *,
        completeness: float | None = None,
        is_non_negative: bool | None = None,
        domains: Iterable[str] | None = None,
    ) -> Self:
        """A copy with feature ``name``'s constraints changed (``None``: unchanged).

        ``completeness`` is the least share of non-null values allowed; ``is_non_negative`` goes
        into ``num_constraints`` and ``domains`` (the allowed strings) into ``string_constraints``.
        """
        data = _copy(self._data)
        for feature, where in _matching_features(data, name):
            _put(feature, "completeness", _share(completeness, "completeness"))
            if is_non_negative is not None:
                if not isinstance(is_non_negative, bool):
                    raise ReportError(
                        f"is_non_negative must be True or False, not {type_name(is_non_negative)}"
                    )
                _object_at(feature, "num_constraints", where)["is_non_negative"] = is_non_negative
            if domains is not None:
                values = list(domains) if not isinstance(domains, str) else None
                if values is None or not all(isinstance(v, str) for v in values):
                    raise ReportError("domains must be an iterable of strings (not one string)")
                string_constraints = _object_at(feature, "string_constraints", where)
                domain_values: list[JSONValue] = [*values]
                string_constraints["domains"] = domain_values
        return self._edited(data)

    def with_feature_overrides(
        self,
        name: str,
        *,
        evaluate_constraints: bool | str | None = None,
        emit_metrics: bool | str | None = None,
    ) -> Self:
        """A copy with feature ``name``'s per-feature switches set, whatever its type.

        The switches are written where the feature already keeps overrides (every such place, so
        they cannot disagree); a feature with none, or only the documentation's camelCase
        ``monitoringConfigOverrides``, gets ``monitoring_config_overrides`` on the feature
        itself, where the documented schema puts them, in the file's snake_case. Unlike the
        SageMaker SDK's ``set_monitoring`` (aws/sagemaker-python-sdk#2745), numerical features
        work too.
        """
        values = {
            "evaluate_constraints": _toggle(evaluate_constraints, "evaluate_constraints"),
            "emit_metrics": _toggle(emit_metrics, "emit_metrics"),
        }
        data = _copy(self._data)
        for feature, where in _matching_features(data, name):
            found = _override_objects(feature)
            documented = get_object(feature, _DG_OVERRIDES)
            targets = [o for o in found if o is not documented]
            if not targets:  # the documented camelCase object alone is not seen in real files
                targets = [_object_at(feature, _OVERRIDES, where)]
            if documented is not None:
                targets.append(documented)
            for target in targets:
                for key, value in values.items():
                    _put(target, key, value)
        return self._edited(data)

    def with_evaluation(self, enabled: bool, feature: str | None = None) -> Self:
        """A copy that evaluates constraints (or not) for the whole file, or for one feature."""
        if feature is None:
            return self.with_monitoring_config(evaluate_constraints=enabled)
        return self.with_feature_overrides(feature, evaluate_constraints=enabled)

    # -- display

    def _summary(self) -> str:
        return plural(len(self.features), "feature")

    def _tables(self) -> tuple[Table, ...]:
        rows: tuple[tuple[Cell, ...], ...] = tuple(
            (
                f.name,
                f.inferred_type,
                f.completeness,
                f.is_non_negative,
                len(f.domains) if f.domains is not None else None,
                f.overrides.evaluate_constraints if f.overrides else None,
                f.overrides.emit_metrics if f.overrides else None,
            )
            for f in self.features
        )
        columns = (
            "feature",
            "type",
            "completeness",
            "non-negative",
            "domain values",
            "evaluate",
            "emit metrics",
        )
        tables = [Table("features", "Feature constraints", columns, rows)]
        config = self.monitoring_config
        if config is not None:
            distribution = config.distribution_constraints
            settings: list[tuple[Cell, ...]] = [
                ("evaluate_constraints", config.evaluate_constraints),
                ("emit_metrics", config.emit_metrics),
                ("datatype_check_threshold", config.datatype_check_threshold),
                ("domain_content_threshold", config.domain_content_threshold),
            ]
            if distribution is not None:
                settings += [
                    ("perform_comparison", distribution.perform_comparison),
                    ("comparison_threshold", distribution.comparison_threshold),
                    ("comparison_method", distribution.comparison_method),
                    (
                        "categorical_comparison_threshold",
                        distribution.categorical_comparison_threshold,
                    ),
                    ("categorical_drift_method", distribution.categorical_drift_method),
                ]
            shown = tuple(s for s in settings if s[1] is not None)
            tables.append(
                Table("monitoring_config", "Monitoring config", ("setting", "value"), shown)
            )
        return tuple(tables)


# ----------------------------------------------------------------------------- editing helpers


def _copy(data: JSONObject) -> JSONObject:
    result = copy_json(data)
    assert isinstance(result, dict)
    return result


def _object_at(parent: JSONObject, key: str, where: str) -> JSONObject:
    """``parent[key]``, made an empty object if absent; ReportError if it is something else."""
    value = parent.setdefault(key, {})
    if not isinstance(value, dict):
        path = f"{where}.{key}" if where else key
        raise ReportError(f"{path} is {type_name(value)}, not an object, so it cannot be edited")
    return value


def _put(target: JSONObject, key: str, value: JSONValue) -> None:
    if value is not None:
        target[key] = value


def _matching_features(data: JSONObject, name: str) -> list[tuple[JSONObject, str]]:
    """Every feature called ``name`` (a file may repeat one) with its path; ReportError if none."""
    features = get_list(data, "features") or []
    found = [
        (f, f"features[{i}]")
        for i, f in enumerate(features)
        if isinstance(f, dict) and f.get("name") == name
    ]
    if not found:
        names = [n for f in features if (n := get_str(f, "name")) is not None]
        shown = ", ".join(repr(n) for n in names[:20]) + (" …" if len(names) > 20 else "")
        raise ReportError(
            f"no feature is called {name!r}; the features are {shown}"
            if names
            else f"no feature is called {name!r}; this file has no named features"
        )
    return found


def _toggle(value: object, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return Toggle.ENABLED if value else Toggle.DISABLED
    if value == Toggle.ENABLED or value == Toggle.DISABLED:  # noqa: PLR1714 (value: object)
        return str(value)
    raise ReportError(
        f"{what} must be True, False, 'Enabled' or 'Disabled', not {type_name(value)}"
    )


def _share(value: object, what: str) -> float | None:
    if value is None:
        return None
    number = as_float(value) if isinstance(value, (int, float)) else None
    if number is None or not math.isfinite(number) or not 0 <= number <= 1:
        raise ReportError(f"{what} must be a number from 0 to 1, not {type_name(value)}")
    return number


def _name(value: object, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ReportError(f"{what} must be a non-empty string, not {type_name(value)}")
    return value
