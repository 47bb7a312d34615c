"""Cross-field rules the SageMaker documentation states in prose (none is enforced by botocore).

Each rule is registered for the shape it constrains and yields ``(member, message)``; the walker
applies every rule anywhere in a request, with full wire paths. Sources: the "Cross-field rules"
table of the project's shape reference, taken from the service model's member documentation.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from sagemon._generated import shapes as s
from sagemon._generated.enums import MonitoringType
from sagemon._generated.shapes import CHILDREN, FIELDS
from sagemon._runtime import Shape
from sagemon._schedule import Schedule, parse_offset
from sagemon.errors import Problem

__all__ = ["check_rules", "runtime_problems"]

Rule = Callable[[Any], Iterator[tuple[str, str]]]
_RULES: dict[type[Shape], list[Rule]] = {}

#: Longest MaxRuntimeInSeconds for an hourly schedule, by monitoring type (member docs).
HOURLY_RUNTIME_LIMIT = {
    MonitoringType.DATA_QUALITY: 3600,
    MonitoringType.MODEL_EXPLAINABILITY: 3600,
    MonitoringType.MODEL_QUALITY: 1800,
    MonitoringType.MODEL_BIAS: 1800,
}


def _rule(*classes: type[Shape]) -> Callable[[Rule], Rule]:
    def register(rule: Rule) -> Rule:
        for cls in classes:
            _RULES.setdefault(cls, []).append(rule)
        return rule

    return register


def check_rules(obj: Shape) -> list[Problem]:
    """Every cross-field rule ``obj`` (and everything nested in it) breaks."""
    problems: list[Problem] = []
    _walk(obj, "", problems)
    return problems


def _walk(obj: Shape, prefix: str, problems: list[Problem]) -> None:
    cls = type(obj)
    for rule in _RULES.get(cls, ()):
        for member, message in rule(obj):
            path = f"{prefix}{member}" if member else prefix[:-1]
            problems.append(Problem(path or "<root>", message))
    for py, wire, is_list in CHILDREN[cls]:
        value = getattr(obj, py)
        if value is None:
            continue
        if is_list:
            for index, item in enumerate(value):
                _walk(item, f"{prefix}{wire}[{index}].", problems)
        else:
            _walk(value, f"{prefix}{wire}.", problems)


def _unique_tag_keys(obj: Any) -> Iterator[tuple[str, str]]:
    if obj.tags:
        for key, count in Counter(tag.key for tag in obj.tags).items():
            if count > 1:
                yield "Tags", f"tag key {key!r} appears {count} times; tag keys must be unique"


for _cls, _fields in FIELDS.items():
    if any(wire == "Tags" for _py, wire, _req in _fields):
        _RULES.setdefault(_cls, []).append(_unique_tag_keys)


def runtime_problems(
    schedule: Schedule, max_runtime: int | None, monitoring_type: MonitoringType, path: str
) -> list[Problem]:
    """The max runtime must fit the schedule's frequency (hourly: 1800 s or 3600 s by type)."""
    frequency = schedule.frequency
    if frequency is None or max_runtime is None:
        return []
    limit = int(frequency.total_seconds())
    if frequency == datetime.timedelta(hours=1):
        limit = HOURLY_RUNTIME_LIMIT.get(monitoring_type, limit)
    if max_runtime <= limit:
        return []
    what = "an hourly" if frequency == datetime.timedelta(hours=1) else f"a {schedule.expression}"
    return [
        Problem(
            path,
            f"MaxRuntimeInSeconds {max_runtime} exceeds the {limit} s allowed for {what} "
            f"{monitoring_type.value} schedule; lower it to at most {limit}",
        )
    ]


# ----------------------------------------------------------------------------- the rules


@_rule(
    s.ModelQualityJobInput,
    s.ModelExplainabilityJobInput,
    s.DataQualityJobInput,
    s.ModelBiasJobInput,
    s.MonitoringInput,
)
def _one_input(obj: Any) -> Iterator[tuple[str, str]]:
    if obj.endpoint_input is not None and obj.batch_transform_input is not None:
        yield "", "set EndpointInput or BatchTransformInput, not both; remove one of them"
    elif obj.endpoint_input is None and obj.batch_transform_input is None:
        yield "", "set EndpointInput or BatchTransformInput; one of them is required"


@_rule(s.MonitoringDatasetFormat)
def _one_format(obj: s.MonitoringDatasetFormat) -> Iterator[tuple[str, str]]:
    chosen = [
        name
        for name, v in (("Csv", obj.csv), ("Json", obj.json), ("Parquet", obj.parquet))
        if v is not None
    ]
    if len(chosen) != 1:
        got = " and ".join(chosen) or "none"
        yield "", f"set exactly one of Csv, Json or Parquet (got {got})"


@_rule(s.OptimizationJobModelSource)
def _one_model_source(obj: s.OptimizationJobModelSource) -> Iterator[tuple[str, str]]:
    if (obj.s3 is None) == (obj.sage_maker_model is None):
        yield "", "set exactly one model source: S3 or SageMakerModel"


@_rule(s.MonitoringScheduleConfig)
def _schedule_config(obj: s.MonitoringScheduleConfig) -> Iterator[tuple[str, str]]:
    inline, name = obj.monitoring_job_definition, obj.monitoring_job_definition_name
    if inline is not None and name is not None:
        yield (
            "",
            "give an inline MonitoringJobDefinition or a MonitoringJobDefinitionName, not both",
        )
    elif inline is None and name is None:
        yield (
            "",
            "give a MonitoringJobDefinitionName (with its MonitoringType) or an inline MonitoringJobDefinition",
        )
    elif name is not None and obj.monitoring_type is None:
        yield (
            "MonitoringType",
            "MonitoringType is required with MonitoringJobDefinitionName; set the definition's type",
        )
    config = obj.schedule_config
    if config is None:
        return
    try:
        schedule = Schedule(
            config.schedule_expression,
            _maybe_offset(config.data_analysis_start_time),
            _maybe_offset(config.data_analysis_end_time),
        )
    except ValueError as exc:
        yield "ScheduleConfig", str(exc)
        return
    for problem in schedule.problems("ScheduleConfig."):
        yield problem.path, problem.message
    if inline is not None and inline.stopping_condition is not None:
        kind = obj.monitoring_type or MonitoringType.DATA_QUALITY
        path = "MonitoringJobDefinition.StoppingCondition.MaxRuntimeInSeconds"
        for problem in runtime_problems(
            schedule, inline.stopping_condition.max_runtime_in_seconds, kind, path
        ):
            yield problem.path, problem.message


def _maybe_offset(value: str | None) -> datetime.timedelta | None:
    return None if value is None else parse_offset(value)


@_rule(s.StoppingCondition)
def _wait_covers_runtime(obj: s.StoppingCondition) -> Iterator[tuple[str, str]]:
    wait, runtime = obj.max_wait_time_in_seconds, obj.max_runtime_in_seconds
    if wait is not None and runtime is not None and wait < runtime:
        yield (
            "MaxWaitTimeInSeconds",
            f"MaxWaitTimeInSeconds ({wait}) must be at least MaxRuntimeInSeconds ({runtime}); raise it",
        )


@_rule(s.UpdateMonitoringAlertRequest)
def _datapoints_within_period(obj: s.UpdateMonitoringAlertRequest) -> Iterator[tuple[str, str]]:
    if obj.datapoints_to_alert > obj.evaluation_period:
        yield (
            "DatapointsToAlert",
            f"DatapointsToAlert ({obj.datapoints_to_alert}) cannot exceed EvaluationPeriod "
            f"({obj.evaluation_period}); lower it or widen the period",
        )


@_rule(s.ListOptimizationJobsRequest)
def _optimization_filter(obj: s.ListOptimizationJobsRequest) -> Iterator[tuple[str, str]]:
    if obj.optimization_contains is not None and obj.optimization_contains not in (
        "Quantization",
        "Compilation",
    ):
        yield (
            "OptimizationContains",
            f"{obj.optimization_contains!r} is not a filter value; use Quantization or Compilation",
        )
