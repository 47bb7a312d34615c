"""Clarify ``analysis.json``: bias metrics (pre- and post-training) and explanations.

The same file is what a ModelBias or ModelExplainability baselining job writes, and it is then
the constraints those monitors compare against.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import attrs

from sagemon._reports_base import Cell, Report, Table, plural
from sagemon._reports_json import (
    FrozenMap,
    JSONObject,
    JSONValue,
    as_float,
    as_float_tuple,
    as_str_tuple,
    get_float,
    get_list,
    get_object,
    get_str,
    type_name,
)

__all__ = [
    "BiasMetric",
    "BiasSection",
    "BiasStage",
    "ClarifyAnalysis",
    "FacetGroup",
    "LabelExplanation",
    "PartialDependence",
]


class BiasStage:
    """The two bias sections of ``analysis.json``, as their keys name them (without the suffix)."""

    __module__ = "sagemon.reports"

    PRE_TRAINING: Final = "pre_training"
    POST_TRAINING: Final = "post_training"


_SECTIONS = (
    (BiasStage.PRE_TRAINING, "pre_training_bias_metrics"),
    (BiasStage.POST_TRAINING, "post_training_bias_metrics"),
)


@attrs.frozen(kw_only=True)
class BiasMetric:
    """One bias metric of one facet group; ``value`` is None when Clarify could not compute it,
    and ``error`` then says why. Values may be infinite."""

    __module__ = "sagemon.reports"

    stage: str
    """``pre_training`` or ``post_training`` (see :class:`BiasStage`)."""
    facet: str
    facet_value: str | None
    """The facet group: a value (``"0"``) or an interval (``"(40, 75]"``)."""
    name: str | None
    """The short name (``CI``, ``DPPL``, ``GE``, …); an open vocabulary."""
    description: str | None
    value: float | None
    error: str | None


@attrs.frozen(kw_only=True)
class FacetGroup:
    """The metrics of one group (value or threshold) of a facet."""

    __module__ = "sagemon.reports"

    facet: str
    value_or_threshold: str | None
    metrics: tuple[BiasMetric, ...]

    def metric(self, name: str) -> BiasMetric | None:
        """The metric with short name ``name``, or None."""
        return next((m for m in self.metrics if m.name == name), None)


@attrs.frozen(kw_only=True)
class BiasSection:
    """``pre_training_bias_metrics`` or ``post_training_bias_metrics``."""

    __module__ = "sagemon.reports"

    stage: str
    label: str | None
    """The label column or header the metrics are about."""
    label_value_or_threshold: str | None
    facets: Mapping[str, tuple[FacetGroup, ...]]
    """Each facet's groups, by facet name (several groups per facet are possible)."""

    @property
    def metrics(self) -> tuple[BiasMetric, ...]:
        """Every metric of every facet group, in file order."""
        return tuple(m for groups in self.facets.values() for g in groups for m in g.metrics)

    @classmethod
    def _of(cls, stage: str, data: JSONObject) -> BiasSection:
        facets: dict[str, tuple[FacetGroup, ...]] = {}
        for facet, groups in (get_object(data, "facets") or {}).items():
            if not isinstance(groups, list):
                continue
            facets[facet] = tuple(
                _group(stage, facet, group) for group in groups if isinstance(group, dict)
            )
        return cls(
            stage=stage,
            label=_text(data.get("label")),
            label_value_or_threshold=_text(data.get("label_value_or_threshold")),
            facets=FrozenMap(facets),
        )


def _group(stage: str, facet: str, data: JSONObject) -> FacetGroup:
    value = _text(data.get("value_or_threshold"))
    metrics = tuple(
        BiasMetric(
            stage=stage,
            facet=facet,
            facet_value=value,
            name=get_str(m, "name"),
            description=get_str(m, "description"),
            value=get_float(m, "value"),
            error=get_str(m, "error"),
        )
        for m in get_list(data, "metrics") or ()
        if isinstance(m, dict)
    )
    return FacetGroup(facet=facet, value_or_threshold=value, metrics=metrics)


def _text(value: JSONValue) -> str | None:
    """A string, or a number written as text (label values are strings in every real file)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


@attrs.frozen(kw_only=True)
class LabelExplanation:
    """Kernel SHAP results for one model output (label); label keys are arbitrary strings."""

    __module__ = "sagemon.reports"

    label: str
    global_shap_values: Mapping[str, float]
    """The aggregated SHAP value of each feature."""
    expected_value: float | None
    """The model's mean output on the SHAP baseline."""
    global_top_shap_text: Mapping[str, Mapping[str, float]] | None
    """For text features (NLP runs): the top tokens' SHAP values per feature."""

    def top_features(self, count: int | None = None) -> tuple[tuple[str, float], ...]:
        """``(feature, value)`` pairs by decreasing absolute SHAP value; the first ``count``."""
        ranked = sorted(self.global_shap_values.items(), key=lambda kv: -abs(kv[1]))
        return tuple(ranked if count is None else ranked[:count])

    @classmethod
    def _of(cls, label: str, data: JSONObject) -> LabelExplanation:
        text = get_object(data, "global_top_shap_text")
        return cls(
            label=label,
            global_shap_values=_numbers(get_object(data, "global_shap_values")),
            expected_value=get_float(data, "expected_value"),
            global_top_shap_text=None
            if text is None
            else FrozenMap(
                {f: _numbers(tokens) for f, tokens in text.items() if isinstance(tokens, dict)}
            ),
        )


def _numbers(data: JSONObject | None) -> Mapping[str, float]:
    return FrozenMap({k: f for k, v in (data or {}).items() if (f := as_float(v)) is not None})


@attrs.frozen(kw_only=True)
class PartialDependence:
    """One ``pdp`` entry: the model's predictions over a grid of one feature's values."""

    __module__ = "sagemon.reports"

    feature_name: str | None
    data_type: str | None
    """``numerical`` or ``categorical``."""
    feature_values: tuple[int | float | str, ...]
    data_distribution: tuple[float, ...]
    model_predictions: tuple[tuple[float, ...], ...]
    """One row per label, aligned with ``feature_values``."""
    label_headers: tuple[str, ...]

    @classmethod
    def _of(cls, data: JSONObject) -> PartialDependence:
        values = tuple(
            v
            for v in get_list(data, "feature_values") or ()
            if isinstance(v, (int, float, str)) and not isinstance(v, bool)
        )
        predictions = tuple(
            as_float_tuple(row) or ()
            for row in get_list(data, "model_predictions") or ()
            if isinstance(row, list)
        )
        return cls(
            feature_name=get_str(data, "feature_name"),
            data_type=get_str(data, "data_type"),
            feature_values=values,
            data_distribution=as_float_tuple(get_list(data, "data_distribution")) or (),
            model_predictions=predictions,
            label_headers=as_str_tuple(get_list(data, "label_headers")) or (),
        )


@attrs.frozen(eq=False, repr=False)
class ClarifyAnalysis(Report):
    """A Clarify ``analysis.json``: bias sections and/or explanations.

    For ModelBias and ModelExplainability monitors, the baselining job's analysis is the
    constraints file: executions compare their bias metrics and SHAP rankings against it.
    """

    __module__ = "sagemon.reports"

    KIND = "clarify-analysis"
    TITLE = "a Clarify analysis"
    FILE_NAME = "analysis.json"

    version: str | float | None = attrs.field(init=False)
    """``"1.0"`` (a string) as Clarify writes it."""
    pre_training_bias: BiasSection | None = attrs.field(init=False)
    post_training_bias: BiasSection | None = attrs.field(init=False)
    kernel_shap: Mapping[str, LabelExplanation] = attrs.field(init=False)
    """``explanations.kernel_shap``: SHAP results by label key (empty when there are none)."""
    pdp: tuple[PartialDependence, ...] = attrs.field(init=False)
    """``explanations.pdp``: partial dependence plots (empty when there are none)."""

    @classmethod
    def _evidence(cls, data: JSONObject) -> tuple[int, str]:
        keys = ("pre_training_bias_metrics", "post_training_bias_metrics", "explanations")
        found = [k for k in keys if isinstance(data.get(k), dict)]
        if found:
            return 1 + len(found) + int(isinstance(data.get("version"), str)), ""
        odd = [f"'{k}' is {type_name(data[k])}" for k in keys if k in data]
        if odd:
            return 0, ", ".join(odd) + ", not an object"
        return 0, "it has none of " + ", ".join(f"'{k}'" for k in keys)

    def _derive(self) -> None:
        sections = {}
        for stage, key in _SECTIONS:
            body = get_object(self._data, key)
            sections[stage] = BiasSection._of(stage, body) if body is not None else None
        explanations = get_object(self._data, "explanations")
        shap = get_object(explanations, "kernel_shap") or {}
        version = self._data.get("version")
        self._set(
            version=version if isinstance(version, str) else as_float(version),
            pre_training_bias=sections[BiasStage.PRE_TRAINING],
            post_training_bias=sections[BiasStage.POST_TRAINING],
            kernel_shap=FrozenMap(
                {
                    label: LabelExplanation._of(label, body)
                    for label, body in shap.items()
                    if isinstance(body, dict)
                }
            ),
            pdp=tuple(
                PartialDependence._of(p)
                for p in get_list(explanations, "pdp") or ()
                if isinstance(p, dict)
            ),
        )

    @property
    def bias_metrics(self) -> tuple[BiasMetric, ...]:
        """Every bias metric, pre-training first."""
        return tuple(
            m
            for section in (self.pre_training_bias, self.post_training_bias)
            if section is not None
            for m in section.metrics
        )

    def bias_metric(
        self,
        name: str,
        *,
        facet: str | None = None,
        facet_value: str | None = None,
        stage: str | None = None,
    ) -> tuple[BiasMetric, ...]:
        """The bias metrics with short name ``name``, narrowed by facet, group and stage."""
        return tuple(
            m
            for m in self.bias_metrics
            if m.name == name
            and (facet is None or m.facet == facet)
            and (facet_value is None or m.facet_value == facet_value)
            and (stage is None or m.stage == stage)
        )

    def _summary(self) -> str:
        parts = []
        if self.pre_training_bias is not None or self.post_training_bias is not None:
            parts.append(plural(len(self.bias_metrics), "bias metric"))
        if self.kernel_shap:
            parts.append(f"SHAP values for {plural(len(self.kernel_shap), 'label')}")
        if self.pdp:
            parts.append(plural(len(self.pdp), "partial dependence plot"))
        return ", ".join(parts) or "no results"

    def _tables(self) -> tuple[Table, ...]:
        tables = []
        for section in (self.pre_training_bias, self.post_training_bias):
            if section is None:
                continue
            title = section.stage.replace("_", "-").capitalize() + " bias"
            if section.label is not None:
                title += f" (label {section.label}"
                if section.label_value_or_threshold is not None:
                    title += f" = {section.label_value_or_threshold}"
                title += ")"
            rows: tuple[tuple[Cell, ...], ...] = tuple(
                (m.facet, m.facet_value, m.name, m.value, m.error or m.description)
                for m in section.metrics
            )
            tables.append(
                Table(
                    f"{section.stage}_bias",
                    title,
                    ("facet", "facet value", "metric", "value", "description / error"),
                    rows,
                )
            )
        if self.kernel_shap:
            shap_rows = tuple(
                (label, feature, value)
                for label, explanation in self.kernel_shap.items()
                for feature, value in explanation.top_features()
            )
            notes = tuple(
                f"expected value of {label}: {e.expected_value!r}"
                for label, e in self.kernel_shap.items()
                if e.expected_value is not None
            )
            tables.append(
                Table(
                    "kernel_shap",
                    "Global SHAP values (by decreasing magnitude)",
                    ("label", "feature", "shap value"),
                    shap_rows,
                    notes,
                )
            )
        if self.pdp:
            pdp_rows = tuple(
                (p.feature_name, p.data_type, len(p.feature_values), ", ".join(p.label_headers))
                for p in self.pdp
            )
            tables.append(
                Table(
                    "pdp",
                    "Partial dependence plots",
                    ("feature", "data type", "grid points", "labels"),
                    pdp_rows,
                )
            )
        if not tables:
            tables.append(Table("results", "Results", ("section",), ()))
        return tuple(tables)
