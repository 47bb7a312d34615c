"""Cross-field rules the SageMaker documentation states in prose (none is enforced by botocore).

Each rule is registered for the shape it constrains, declares the members it reads, and yields
``(member, message)``; the walker applies every rule anywhere in a request, with full wire paths.
A rule runs only when none of the members it reads has a problem of its own, so field problems
and rule problems can be reported together without a rule ever seeing a broken value.
Sources: the "Cross-field rules" table of the project's shape reference, taken from the service
model's member documentation.
"""

from __future__ import annotations

import datetime
import operator
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from sagemon._generated import shapes as s
from sagemon._generated.enums import MonitoringType
from sagemon._generated.shapes import SPECS
from sagemon._schedule import (
    expression_problems,
    frequency,
    now_problems,
    offset_or_message,
    offsets_in_order,
    window_problems,
)
from sagemon._shape import Shape
from sagemon.errors import Problem

__all__ = ["Known", "check_rules", "runtime_problems", "walk_rules"]

#: A rule: the (member, message) problems of an object, as any iterable (empty, or falsy, when
#: it has none: the common case, kept cheap).
Check = Callable[[Any], Iterable[tuple[str, str]]]


class _Rule(NamedTuple):
    check: Check
    #: members (dotted wire paths from the shape) whose values the rule reads
    reads: tuple[str, ...]
    #: members of which the rule reads only whether they are set
    present: tuple[str, ...]


_RULES: dict[type[Shape], list[_Rule]] = {}

#: Longest MaxRuntimeInSeconds for an hourly schedule, by monitoring type (member docs).
HOURLY_RUNTIME_LIMIT = {
    MonitoringType.DATA_QUALITY: 3600,
    MonitoringType.MODEL_EXPLAINABILITY: 3600,
    MonitoringType.MODEL_QUALITY: 1800,
    MonitoringType.MODEL_BIAS: 1800,
}


def _rule(
    *classes: type[Shape], reads: tuple[str, ...] = (), present: tuple[str, ...] = ()
) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        for cls in classes:
            _RULES.setdefault(cls, []).append(_Rule(check, reads, present))
        return check

    return register


def _ancestors(path: str) -> Iterator[str]:
    """``A.B[0].C`` → ``A``, ``A.B``, ``A.B[0]``."""
    for i, ch in enumerate(path):
        if ch in ".[" and i:
            yield path[:i]


class Known:
    """The paths that already have a problem, to keep rules away from broken members."""

    __slots__ = ("_inside", "_paths")

    def __init__(self, problems: Iterable[Problem] = ()) -> None:
        self._paths: set[str] = set()
        self._inside: set[str] = set()
        for problem in problems:
            self.add(problem.path)

    def add(self, path: str) -> None:
        self._paths.add(path)
        self._inside.update(_ancestors(path))

    def broken(self, path: str, *, deep: bool = True) -> bool:
        """Whether ``path`` or a member holding it has a problem (with ``deep``, or one inside it)."""
        if path in self._paths or any(a in self._paths for a in _ancestors(path)):
            return True
        return deep and path in self._inside


def check_rules(obj: Shape, known: Known | Iterable[Problem] = ()) -> list[Problem]:
    """Every cross-field rule ``obj`` (and everything nested in it) breaks.

    ``known`` are problems already found in ``obj`` (paths from its root): a rule that reads a
    member with a problem is skipped, so each cause is reported once and rules can trust types.
    """
    problems: list[Problem] = []
    # No problems known (the common case): no Known to build, and the cheap walk.
    found = known if isinstance(known, Known) else Known(known) if known else None
    if found is None or not found._paths:
        walk_rules(obj, None, problems)
    else:
        _walk(obj, None, problems, found)
    return problems


#: Where an object sits in the tree: (its parent's place, the step to it), rendered only when a
#: problem needs its path.
_Place = tuple["_Place | None", str] | None


def _prefix(place: _Place) -> str:
    steps: list[str] = []
    while place is not None:
        place, step = place
        steps.append(step)
    return "".join(reversed(steps))


#: A walk: every rule problem of an object (at its place) added to the problems.
Walk = Callable[[Shape, _Place, list[Problem]], None]


def walk_rules(obj: Shape, place: _Place, problems: list[Problem]) -> None:
    """Add every rule problem of ``obj`` (at ``place``, ``None`` for the root) to ``problems``:
    what :func:`check_rules` does when no problem is known, for a caller that knows none
    (validate). Every rule applies; each shape has a walk of its own (:func:`_write_walk`)."""
    walk = _WALKS.get(obj.__class__)
    if walk is None:
        if obj.__class__ not in _CLEAN:
            return
        walk = _write_walk(obj.__class__)
    walk(obj, place, problems)


def _add(found: Iterable[tuple[str, str]], place: _Place, problems: list[Problem]) -> None:
    for member, message in found:
        prefix = _prefix(place)
        path = f"{prefix}{member}" if member else prefix[:-1]
        problems.append(Problem(path or "<root>", message))


def _walk(obj: Shape, place: _Place, problems: list[Problem], known: Known | None) -> None:
    rules, _, children = _PLAN.get(type(obj), _NOTHING)
    for rule in rules:
        if known is not None:
            prefix = _prefix(place)
            if any(known.broken(prefix + member) for member in rule.reads) or any(
                known.broken(prefix + member, deep=False) for member in rule.present
            ):
                continue
        found = rule.check(obj)
        if found:
            _add(found, place, problems)
    members = obj.__dict__
    for python, wire, step, cls, many in children:
        value = members.get(python)
        if value is None or (known is not None and _prefix(place) + wire in known._paths):
            continue
        # The class the model says first: cheaper than isinstance with a metaclass.
        if many:
            if isinstance(value, tuple):
                for index, item in enumerate(value):
                    if item.__class__ is cls or isinstance(item, Shape):
                        _walk(item, (place, f"{wire}[{index}]."), problems, known)
        elif value.__class__ is cls or isinstance(value, Shape):
            _walk(value, (place, step), problems, known)


@_rule(
    *(spec.cls for spec in SPECS.values() if "Tags" in spec.by_wire),
    reads=("Tags",),
)
def _unique_tag_keys(obj: Any) -> Sequence[tuple[str, str]]:
    tags = obj.tags
    if not tags:
        return ()
    if len(tags) < 3:  # one or two tags (the usual case): a comparison, not a set
        if len(tags) == 1 or tags[0].key != tags[1].key:
            return ()
    elif len(set(map(_key, tags))) == len(tags):
        return ()
    keys = list(map(_key, tags))
    return [
        ("Tags", f"tag key {key!r} appears {count} times; tag keys must be unique")
        for key, count in Counter(keys).items()
        if count > 1
    ]


_key = operator.attrgetter("key")


def runtime_problems(
    expression: str, max_runtime: int | None, monitoring_type: MonitoringType, path: str, fix: str
) -> list[Problem]:
    """The max runtime must fit the schedule's frequency (hourly: 1800 s or 3600 s by type).

    ``path`` is the member to change; ``fix`` names it in the advice ("lower {fix} ...").
    """
    every = frequency(expression)
    if every is None or max_runtime is None:
        return []
    hourly = every == datetime.timedelta(hours=1)
    limit = int(every.total_seconds())
    if hourly:
        limit = HOURLY_RUNTIME_LIMIT.get(monitoring_type, limit)
    if max_runtime <= limit:
        return []
    what = "an hourly" if hourly else f"a {expression}"
    return [
        Problem(
            path,
            f"MaxRuntimeInSeconds {max_runtime} exceeds the {limit} s allowed for {what} "
            f"{monitoring_type.value} schedule; lower {fix} to at most {limit} "
            "or schedule less often",
        )
    ]


# ----------------------------------------------------------------------------- the rules


@_rule(
    s.ModelQualityJobInput,
    s.ModelExplainabilityJobInput,
    s.DataQualityJobInput,
    s.ModelBiasJobInput,
    s.MonitoringInput,
    present=("EndpointInput", "BatchTransformInput"),
)
def _one_input(obj: Any) -> Sequence[tuple[str, str]]:
    if obj.endpoint_input is not None and obj.batch_transform_input is not None:
        return [("", "set EndpointInput or BatchTransformInput, not both; remove one of them")]
    if obj.endpoint_input is None and obj.batch_transform_input is None:
        return [("", "set EndpointInput or BatchTransformInput; one of them is required")]
    return ()


@_rule(s.MonitoringDatasetFormat, present=("Csv", "Json", "Parquet"))
def _one_format(obj: s.MonitoringDatasetFormat) -> Iterator[tuple[str, str]]:
    chosen = [
        name
        for name, v in (("Csv", obj.csv), ("Json", obj.json), ("Parquet", obj.parquet))
        if v is not None
    ]
    # A format newer than this SDK, kept from a response, is a format too.
    chosen += list(obj.unknown_members)
    if len(chosen) != 1:
        got = " and ".join(chosen) or "none"
        yield "", f"set exactly one of Csv, Json or Parquet (got {got})"


@_rule(s.OptimizationJobModelSource, present=("S3", "SageMakerModel"))
def _one_model_source(obj: s.OptimizationJobModelSource) -> Iterator[tuple[str, str]]:
    if (obj.s3 is None) == (obj.sage_maker_model is None):
        yield "", "set exactly one model source: S3 or SageMakerModel"


@_rule(
    s.MonitoringScheduleConfig,
    reads=("MonitoringType",),
    present=("MonitoringJobDefinition", "MonitoringJobDefinitionName"),
)
def _one_definition(obj: s.MonitoringScheduleConfig) -> Iterator[tuple[str, str]]:
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


@_rule(s.ScheduleConfig, reads=("ScheduleExpression",))
def _supported_expression(obj: s.ScheduleConfig) -> Iterator[tuple[str, str]]:
    yield from expression_problems(obj.schedule_expression, "ScheduleExpression")


@_rule(
    s.ScheduleConfig,
    reads=("ScheduleExpression",),
    present=("DataAnalysisStartTime", "DataAnalysisEndTime"),
)
def _now_needs_window(obj: s.ScheduleConfig) -> Iterator[tuple[str, str]]:
    has_start = obj.data_analysis_start_time is not None
    has_end = obj.data_analysis_end_time is not None
    yield from now_problems(obj.schedule_expression, has_start, has_end, "")


def _offset_check(py: str, wire: str) -> Check:
    """The member holds an ISO 8601 duration (the model only checks a loose pattern, if any)."""

    def check(obj: Any) -> Sequence[tuple[str, str]]:
        text = obj.__dict__.get(py)
        if text is None:
            return ()
        value = offset_or_message(text)
        return [(wire, value)] if isinstance(value, str) else ()

    return check


def _offsets(
    obj: Any, start: str, end: str
) -> tuple[datetime.timedelta, datetime.timedelta] | None:
    """Both offsets, if both are set and valid (an invalid one is reported by its own rule)."""
    first, last = getattr(obj, start), getattr(obj, end)
    if first is None or last is None:
        return None
    first, last = offset_or_message(first), offset_or_message(last)
    if isinstance(first, str) or isinstance(last, str):
        return None
    return first, last


for _py, _wire in (
    ("data_analysis_start_time", "DataAnalysisStartTime"),
    ("data_analysis_end_time", "DataAnalysisEndTime"),
):
    _rule(s.ScheduleConfig, reads=(_wire,))(_offset_check(_py, _wire))
_start_offset = _offset_check("start_time_offset", "StartTimeOffset")
_end_offset = _offset_check("end_time_offset", "EndTimeOffset")
_rule(s.EndpointInput, s.BatchTransformInput, reads=("StartTimeOffset",))(_start_offset)
_rule(s.EndpointInput, s.BatchTransformInput, reads=("EndTimeOffset",))(_end_offset)


@_rule(s.ScheduleConfig, reads=("DataAnalysisStartTime", "DataAnalysisEndTime"))
def _analysis_window(obj: s.ScheduleConfig) -> Iterator[tuple[str, str]]:
    both = _offsets(obj, "data_analysis_start_time", "data_analysis_end_time")
    if both is not None:
        yield from window_problems(*both, "")


@_rule(s.EndpointInput, s.BatchTransformInput, reads=("StartTimeOffset", "EndTimeOffset"))
def _input_window(obj: s.EndpointInput | s.BatchTransformInput) -> Sequence[tuple[str, str]]:
    both = _offsets(obj, "start_time_offset", "end_time_offset")
    if both is None or both[0] < both[1]:
        return ()
    return [
        (
            "StartTimeOffset",
            f"the window must start before it ends: StartTimeOffset {obj.start_time_offset} is "
            f"not before EndTimeOffset {obj.end_time_offset}; swap them (e.g. -P8D and -P1D)",
        )
    ]


def _input_offsets(obj: s.EndpointInput | s.BatchTransformInput) -> Sequence[tuple[str, str]]:
    """The two offset rules and the window rule of an input, in their order, each offset read
    once: what the walker runs instead of those three when no member is known to be broken."""
    members = obj.__dict__
    start, end = members["start_time_offset"], members["end_time_offset"]
    if type(start) is str and type(end) is str:
        in_order = offsets_in_order(start, end)
        if in_order is not None:  # the usual case, both in the one-unit form
            return () if in_order else list(_input_window(obj))
    elif start is None and end is None:
        return ()
    return [*_start_offset(obj), *_end_offset(obj), *_input_window(obj)]


#: Rules a shape has in a row that share what they read, and the one check that runs them all
#: (with the problems in the same order) when no member is known to be broken.
_TOGETHER: dict[Check, tuple[Check, ...]] = {
    _input_offsets: (_start_offset, _end_offset, _input_window),
}


_INLINE_RUNTIME = "MonitoringJobDefinition.StoppingCondition.MaxRuntimeInSeconds"


@_rule(
    s.MonitoringScheduleConfig,
    reads=("ScheduleConfig.ScheduleExpression", _INLINE_RUNTIME, "MonitoringType"),
)
def _inline_runtime_fits(obj: s.MonitoringScheduleConfig) -> Iterator[tuple[str, str]]:
    inline, config = obj.monitoring_job_definition, obj.schedule_config
    if inline is None or config is None or inline.stopping_condition is None:
        return
    kind = obj.monitoring_type or MonitoringType.DATA_QUALITY
    runtime = inline.stopping_condition.max_runtime_in_seconds
    yield from runtime_problems(
        config.schedule_expression, runtime, kind, _INLINE_RUNTIME, "MaxRuntimeInSeconds"
    )


@_rule(s.StoppingCondition, reads=("MaxWaitTimeInSeconds", "MaxRuntimeInSeconds"))
def _wait_covers_runtime(obj: s.StoppingCondition) -> Iterator[tuple[str, str]]:
    wait, runtime = obj.max_wait_time_in_seconds, obj.max_runtime_in_seconds
    if wait is not None and runtime is not None and wait < runtime:
        yield (
            "MaxWaitTimeInSeconds",
            f"MaxWaitTimeInSeconds ({wait}) must be at least MaxRuntimeInSeconds ({runtime}); raise it",
        )


@_rule(s.UpdateMonitoringAlertRequest, reads=("DatapointsToAlert", "EvaluationPeriod"))
def _datapoints_within_period(obj: s.UpdateMonitoringAlertRequest) -> Iterator[tuple[str, str]]:
    if obj.datapoints_to_alert > obj.evaluation_period:
        yield (
            "DatapointsToAlert",
            f"DatapointsToAlert ({obj.datapoints_to_alert}) cannot exceed EvaluationPeriod "
            f"({obj.evaluation_period}); lower it or widen the period",
        )


@_rule(s.ListOptimizationJobsRequest, reads=("OptimizationContains",))
def _optimization_filter(obj: s.ListOptimizationJobsRequest) -> Iterator[tuple[str, str]]:
    if obj.optimization_contains is not None and obj.optimization_contains not in (
        "Quantization",
        "Compilation",
    ):
        yield (
            "OptimizationContains",
            f"{obj.optimization_contains!r} is not a filter value; use Quantization or Compilation",
        )


def _plan() -> dict[type[Shape], _Plan]:
    """For each shape, its rules and the members worth walking into (those whose shapes hold a
    rule somewhere)."""
    holds: dict[type[Shape], bool] = {}

    def holds_rules(cls: type[Shape]) -> bool:
        if cls not in holds:
            holds[cls] = cls in _RULES  # also ends a cycle in the model, should one appear
            holds[cls] = cls in _RULES or any(
                m.shape is not None and holds_rules(m.shape) for m in SPECS[cls.__name__].children
            )
        return holds[cls]

    return {
        spec.cls: (
            tuple(_RULES.get(spec.cls, ())),
            _together(_RULES.get(spec.cls, [])),
            tuple(
                (m.python, m.wire, m.wire + ".", m.shape, m.kind == "list")
                for m in spec.children
                if m.shape is not None and holds_rules(m.shape)
            ),
        )
        for spec in SPECS.values()
    }


def _together(rules: list[_Rule]) -> tuple[_Rule, ...]:
    """``rules``, with each run of rules in :data:`_TOGETHER` replaced by its one check."""
    checks = [rule.check for rule in rules]
    out = list(rules)
    for combined, parts in _TOGETHER.items():
        if parts[0] in checks:
            at = checks.index(parts[0])
            if tuple(checks[at : at + len(parts)]) != parts:
                raise AssertionError(f"{combined.__name__}: its rules are not registered in a row")
            out[at : at + len(parts)] = [_Rule(combined, (), ())]
            checks[at : at + len(parts)] = [combined]
    return tuple(out)


#: A shape's rules, the same with rules that run together as one (when nothing is known to be
#: broken), and the members to walk into: (python name, wire name, the step into it, its shape,
#: whether a list).
_Plan = tuple[
    tuple[_Rule, ...], tuple[_Rule, ...], tuple[tuple[str, str, str, type[Shape], bool], ...]
]
_NOTHING: _Plan = ((), (), ())
_PLAN = _plan()
#: A shape's checks when no member is known to be broken (rules that run together as one), then
#: the members to walk into: single shapes as (python name, the step into it, its shape, and its
#: checks if it has nothing to walk into itself, else None), lists as (python name, wire name,
#: the shape of their items).
_Clean = tuple[
    tuple[Check, ...],
    tuple[tuple[str, str, type[Shape], tuple[Check, ...] | None], ...],
    tuple[tuple[str, str, type[Shape]], ...],
]


def _clean() -> dict[type[Shape], _Clean]:
    checks = {
        cls: tuple(rule.check for rule in together) for cls, (_, together, _) in _PLAN.items()
    }

    def leaf(cls: type[Shape]) -> tuple[Check, ...] | None:
        return checks[cls] if not _PLAN[cls][2] else None

    return {
        cls: (
            checks[cls],
            tuple((py, step, child, leaf(child)) for py, _, step, child, many in kids if not many),
            tuple((py, wire, child) for py, wire, _, child, many in kids if many),
        )
        for cls, (_, together, kids) in _PLAN.items()
        if together or kids
    }


_CLEAN = _clean()


#: Each shape's walk, written on its first use: straight-line code that runs the shape's checks
#: and goes into the members that hold rules, as the general walk does with nothing known, but
#: with no loop over a plan (each step of a loop costs more than the checks it runs).
_WALKS: dict[type[Shape], Walk] = {}
#: The names the walks' code uses: its helpers, the walks (by shape name), then the shapes and
#: checks they refer to (:func:`_name`).
_SCOPE: dict[str, Any] = {"_add": _add, "Shape": Shape, "walk_rules": walk_rules}
_NAMES: dict[object, str] = {}
#: Held while a walk is written (names are given in order, one at a time).
_WRITING = threading.Lock()


def _name(thing: type[Shape] | Check) -> str:
    """The name ``thing`` has in the walks' code."""
    name = _NAMES.get(thing)
    if name is None:
        name = _NAMES[thing] = f"_{len(_NAMES)}"
        _SCOPE[name] = thing
    return name


def _walk_name(cls: type[Shape]) -> str:
    """The name of ``cls``'s walk; until the walk is written, it names one that writes it."""
    name = f"walk_{cls.__name__}"
    if name not in _SCOPE:

        def first(obj: Shape, place: _Place, problems: list[Problem]) -> None:
            _write_walk(cls)(obj, place, problems)

        _SCOPE[name] = first
    return name


def _write_walk(cls: type[Shape]) -> Walk:
    """``cls``'s walk, written now if it has none yet."""
    with _WRITING:
        walk = _WALKS.get(cls)
        if walk is None:
            walk = _WALKS[cls] = _SCOPE[f"walk_{cls.__name__}"] = _compile_walk(cls)
    return walk


def _compile_walk(cls: type[Shape]) -> Walk:
    """``cls``'s walk, written from :data:`_CLEAN` (the walks it calls are written when first
    called, so only the shapes a request holds cost their writing)."""
    checks, singles, lists = _CLEAN[cls]
    code = ["def walk(obj, place, problems):"]
    for check in checks:
        code += [
            f"    found = {_name(check)}(obj)",
            "    if found:",
            "        _add(found, place, problems)",
        ]
    if singles or lists:
        code += ["    members = obj.__dict__"]
    for python, step, child, leaf in singles:
        at = f"(place, {step!r})"
        code += [
            f"    value = members.get({python!r})",
            f"    if value.__class__ is {_name(child)}:",
        ]
        if leaf is None:
            code += [f"        {_walk_name(child)}(value, {at}, problems)"]
        for check in leaf or ():
            code += [
                f"        found = {_name(check)}(value)",
                "        if found:",
                f"            _add(found, {at}, problems)",
            ]
        code += [
            "    elif value is not None and isinstance(value, Shape):",
            f"        walk_rules(value, {at}, problems)",
        ]
    for python, wire, child in lists:
        at = f"(place, f{wire + '[{index}].'!r})"
        code += [
            f"    value = members.get({python!r})",
            "    if isinstance(value, tuple):",
            "        for index, item in enumerate(value):",
            f"            if item.__class__ is {_name(child)}:",
            f"                {_walk_name(child)}(item, {at}, problems)",
            "            elif isinstance(item, Shape):",
            f"                walk_rules(item, {at}, problems)",
        ]
    scope: dict[str, Any] = {}
    exec("\n".join(code), _SCOPE, scope)  # code written above from the plan, holding no input
    walk: Walk = scope["walk"]
    walk.__qualname__ = walk.__name__ = f"walk_{cls.__name__}"
    return walk
