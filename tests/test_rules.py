"""Every documented cross-field rule: broken, it is reported at its path with what to change."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable
from typing import Any

import pytest
from botocore.stub import Stubber
from hypothesis import given
from hypothesis import strategies as st

from sagemon import Client, Problem, ValidationError, from_wire, validate
from sagemon._generated import shapes as s
from sagemon._generated.operations import OPERATIONS
from sagemon._rules import _PLAN, _RULES, _walk, walk_rules
from sagemon._shape import store
from sagemon._wire import validate_wire
from tests.factories import definition_wire, optimization_job
from tests.model import sample
from tests.test_client import _boto3_client


def _schedule_wire(**config: Any) -> dict[str, Any]:
    data = sample("CreateMonitoringScheduleRequest")
    data["MonitoringScheduleConfig"].update(config)
    return data


def _without(data: dict[str, Any], *path: str) -> dict[str, Any]:
    node = data
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return data


BATCH = definition_wire("ModelQuality", "x", batch=True)["ModelQualityJobInput"][
    "BatchTransformInput"
]
INLINE = sample("CreateMonitoringScheduleRequest")["MonitoringScheduleConfig"][
    "MonitoringJobDefinition"
]

# (operation, wire request, path of the problem, words of the message)
CASES: list[tuple[str, Callable[[], dict[str, Any]], str, str]] = [
    (
        "CreateModelQualityJobDefinition",
        lambda: (
            definition_wire("ModelQuality", "x")
            | {
                "ModelQualityJobInput": definition_wire("ModelQuality", "x")["ModelQualityJobInput"]
                | {"BatchTransformInput": BATCH}
            }
        ),
        "ModelQualityJobInput",
        "set EndpointInput or BatchTransformInput, not both",
    ),
    (
        "CreateDataQualityJobDefinition",
        lambda: definition_wire("DataQuality", "x") | {"DataQualityJobInput": {}},
        "DataQualityJobInput",
        "one of them is required",
    ),
    (
        "CreateModelBiasJobDefinition",
        lambda: (
            definition_wire("ModelBias", "x")
            | {"ModelBiasJobInput": {"GroundTruthS3Input": {"S3Uri": "s3://b/gt"}}}
        ),
        "ModelBiasJobInput",
        "one of them is required",
    ),
    (
        "CreateModelExplainabilityJobDefinition",
        lambda: (
            definition_wire("ModelExplainability", "x", batch=True)
            | {
                "ModelExplainabilityJobInput": {
                    "BatchTransformInput": BATCH | {"DatasetFormat": {"Csv": {}, "Parquet": {}}},
                }
            }
        ),
        "ModelExplainabilityJobInput.BatchTransformInput.DatasetFormat",
        "set exactly one of Csv, Json or Parquet (got Csv and Parquet)",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(MonitoringJobDefinitionName="def", MonitoringType="DataQuality"),
        "MonitoringScheduleConfig",
        "an inline MonitoringJobDefinition or a MonitoringJobDefinitionName, not both",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _without(_schedule_wire(), "MonitoringScheduleConfig", "MonitoringJobDefinition"),
        "MonitoringScheduleConfig",
        "give a MonitoringJobDefinitionName (with its MonitoringType) or an inline",
    ),
    (
        "UpdateMonitoringSchedule",
        lambda: {
            "MonitoringScheduleName": "s",
            "MonitoringScheduleConfig": {"MonitoringJobDefinitionName": "def"},
        },
        "MonitoringScheduleConfig.MonitoringType",
        "MonitoringType is required with MonitoringJobDefinitionName",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(ScheduleConfig={"ScheduleExpression": "cron(0 12 * * ? *)"}),
        "MonitoringScheduleConfig.ScheduleConfig.ScheduleExpression",
        "is not a supported schedule; use cron(0 * ? * * *) (hourly), cron(0 H ? * * *) (daily at hour H)",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(
            ScheduleConfig={"ScheduleExpression": "NOW", "DataAnalysisEndTime": "-PT1H"}
        ),
        "MonitoringScheduleConfig.ScheduleConfig.DataAnalysisStartTime",
        "a NOW schedule needs DataAnalysisStartTime and DataAnalysisEndTime",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(
            ScheduleConfig={
                "ScheduleExpression": "NOW",
                "DataAnalysisStartTime": "-P2D",
                "DataAnalysisEndTime": "-PT1H",
            }
        ),
        "MonitoringScheduleConfig.ScheduleConfig.DataAnalysisStartTime",
        "the analysis window is 47 hours; shorten it to at most 24 hours",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(
            ScheduleConfig={
                "ScheduleExpression": "NOW",
                "DataAnalysisStartTime": "-PT1H",
                "DataAnalysisEndTime": "-PT2H",
            }
        ),
        "MonitoringScheduleConfig.ScheduleConfig.DataAnalysisStartTime",
        "must start before it ends",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(
            ScheduleConfig={
                "ScheduleExpression": "NOW",
                "DataAnalysisStartTime": "yesterday",
                "DataAnalysisEndTime": "-PT2H",
            }
        ),
        "MonitoringScheduleConfig.ScheduleConfig.DataAnalysisStartTime",
        "is not an ISO 8601 duration",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(
            MonitoringJobDefinition=INLINE | {"StoppingCondition": {"MaxRuntimeInSeconds": 3601}}
        ),
        "MonitoringScheduleConfig.MonitoringJobDefinition.StoppingCondition.MaxRuntimeInSeconds",
        "MaxRuntimeInSeconds 3601 exceeds the 3600 s allowed for an hourly DataQuality schedule",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(
            ScheduleConfig={"ScheduleExpression": "cron(0 0/2 ? * * *)"},
            MonitoringJobDefinition=INLINE | {"StoppingCondition": {"MaxRuntimeInSeconds": 7201}},
        ),
        "MonitoringScheduleConfig.MonitoringJobDefinition.StoppingCondition.MaxRuntimeInSeconds",
        "exceeds the 7200 s allowed",
    ),
    (
        "CreateOptimizationJob",
        lambda: (
            sample("CreateOptimizationJobRequest")
            | {"StoppingCondition": {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 600}}
        ),
        "StoppingCondition.MaxWaitTimeInSeconds",
        "MaxWaitTimeInSeconds (600) must be at least MaxRuntimeInSeconds (3600)",
    ),
    (
        "CreateOptimizationJob",
        lambda: (
            sample("CreateOptimizationJobRequest")
            | {"ModelSource": {"S3": {"S3Uri": "s3://b/m"}, "SageMakerModel": {"ModelName": "m"}}}
        ),
        "ModelSource",
        "set exactly one model source: S3 or SageMakerModel",
    ),
    (
        "CreateOptimizationJob",
        lambda: sample("CreateOptimizationJobRequest") | {"ModelSource": {}},
        "ModelSource",
        "set exactly one model source",
    ),
    (
        "UpdateMonitoringAlert",
        lambda: {
            "MonitoringScheduleName": "s",
            "MonitoringAlertName": "a",
            "DatapointsToAlert": 5,
            "EvaluationPeriod": 3,
        },
        "DatapointsToAlert",
        "DatapointsToAlert (5) cannot exceed EvaluationPeriod (3)",
    ),
    (
        "ListOptimizationJobs",
        lambda: {"OptimizationContains": "Pruning"},
        "OptimizationContains",
        "'Pruning' is not a filter value; use Quantization or Compilation",
    ),
    (
        "CreateDataQualityJobDefinition",
        lambda: (
            definition_wire("DataQuality", "x")
            | {"Tags": [{"Key": "team", "Value": "a"}, {"Key": "team", "Value": "b"}]}
        ),
        "Tags",
        "tag key 'team' appears 2 times; tag keys must be unique",
    ),
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(
            MonitoringJobDefinition=INLINE
            | {
                "MonitoringInputs": [
                    {
                        "EndpointInput": INLINE["MonitoringInputs"][0]["EndpointInput"],
                        "BatchTransformInput": BATCH,
                    }
                ]
            }
        ),
        "MonitoringScheduleConfig.MonitoringJobDefinition.MonitoringInputs[0]",
        "not both",
    ),
]


def _with_input(kind: str, batch: bool, **offsets: str) -> dict[str, Any]:
    data = definition_wire(kind, "x", batch=batch)
    source = "BatchTransformInput" if batch else "EndpointInput"
    data[f"{kind}JobInput"][source].update(offsets)
    return data


# Input windows: StartTimeOffset before EndTimeOffset, each an ISO 8601 duration in range.
CASES += [
    (
        f"Create{kind}JobDefinition",
        lambda kind=kind, batch=batch, offsets=offsets: _with_input(kind, batch, **offsets),
        f"{kind}JobInput.{'BatchTransformInput' if batch else 'EndpointInput'}.{member}",
        words,
    )
    for kind, batch in (("ModelQuality", False), ("ModelBias", True), ("DataQuality", True))
    for offsets, member, words in (
        (
            {"StartTimeOffset": "-PT1H", "EndTimeOffset": "-PT2H"},
            "StartTimeOffset",
            "StartTimeOffset -PT1H is not before EndTimeOffset -PT2H; swap them",
        ),
        (
            {"StartTimeOffset": "-P1D", "EndTimeOffset": "-PT24H"},
            "StartTimeOffset",
            "the window must start before it ends",
        ),
        (
            {"StartTimeOffset": "-P9999999999D", "EndTimeOffset": "-PT1H"},
            "StartTimeOffset",
            "'-P9999999999D' is out of range",
        ),
        ({"EndTimeOffset": "-P1H"}, "EndTimeOffset", "is not an ISO 8601 duration"),
    )
]
CASES += [
    (
        "CreateMonitoringSchedule",
        lambda: _schedule_wire(
            ScheduleConfig={
                "ScheduleExpression": "NOW",
                "DataAnalysisStartTime": "-P9999999999D",
                "DataAnalysisEndTime": "-PT1H",
            }
        ),
        "MonitoringScheduleConfig.ScheduleConfig.DataAnalysisStartTime",
        "'-P9999999999D' is out of range; an offset is at most 999999999 days",
    ),
]


@pytest.mark.parametrize(
    ("operation", "build", "path", "words"), CASES, ids=[f"{c[0]}:{c[3][:30]}" for c in CASES]
)
def test_rule(operation: str, build: Callable[[], dict[str, Any]], path: str, words: str) -> None:
    op = OPERATIONS[operation]
    request = from_wire(op.input, build())  # the model's constraints alone accept it
    validate(request, rules=False)
    with pytest.raises(ValidationError) as info:
        validate(request)
    assert [(p.path, words in p.message) for p in info.value.problems] == [(path, True)], (
        info.value.problems
    )
    # The client refuses to send it: the stubber has nothing queued and is never reached.
    raw = _boto3_client()
    with Stubber(raw), pytest.raises(ValidationError, match="problem"):
        getattr(Client(boto3_client=raw), op.method)(request)


@pytest.mark.parametrize(
    ("operation", "build", "path", "words"), CASES, ids=[f"{c[0]}:{c[3][:30]}" for c in CASES]
)
def test_the_walk_with_nothing_known_finds_what_the_general_walk_finds(
    operation: str, build: Callable[[], dict[str, Any]], path: str, words: str
) -> None:
    """The walk validate takes when no member has a problem (shapes with nothing to walk into
    checked in place, rules that read the same members run as one) reports the same problems,
    at the same paths, as the general walk that takes each rule alone."""
    request = from_wire(OPERATIONS[operation].input, build())
    clean: list[Problem] = []
    general: list[Problem] = []
    walk_rules(request, None, clean)
    _walk(request, None, general, None)
    assert clean == general
    assert [p.path for p in clean] == [path]


def _walks_agree(obj: Any) -> list[Problem]:
    """The problems both walks find in ``obj`` (the same, in the same order, or both fail the
    same way: a rule trusts the types of what it reads when no problem is known)."""
    found: list[list[Problem] | str] = []
    for walk in (walk_rules, lambda o, p, out: _walk(o, p, out, None)):
        problems: list[Problem] = []
        try:
            walk(obj, None, problems)
        except AttributeError as error:
            found.append(str(error))
        else:
            found.append(problems)
    assert found[0] == found[1]
    return found[0] if isinstance(found[0], list) else []


@pytest.mark.parametrize("name", sorted(s.SPECS))
def test_each_shapes_walk_finds_what_the_general_walk_finds(name: str) -> None:
    """The walk written for each shape, on a sample with every member set (and so breaking
    rules such as "one input, not both" at many paths), and again with each member that holds
    a shape given another shape with rules (walked as that shape, as the general walk does)."""
    cls = s.SPECS[name].cls
    obj = from_wire(cls, sample(name))
    _walks_agree(obj)
    swapped = BATCH | {"StartTimeOffset": "-PT1H", "EndTimeOffset": "-PT2H"}
    odd = [from_wire(s.BatchTransformInput, swapped), from_wire(s.MonitoringInput, {})]
    for python, *_ in _PLAN[cls][2]:
        member = s.SPECS[name].by_python[python]
        for other in odd:
            changed = object.__new__(cls)
            value = (other, other) if member.kind == "list" else other
            store(changed, {**obj.__dict__, member.python: value})
            _walks_agree(changed)


def test_a_list_of_shapes_is_walked_item_by_item() -> None:
    data = sample("CreateMonitoringScheduleRequest")
    job = data["MonitoringScheduleConfig"]["MonitoringJobDefinition"]
    job["MonitoringInputs"] = [{"EndpointInput": job["MonitoringInputs"][0]["EndpointInput"]}] * 3
    job["MonitoringInputs"][1] = {
        "BatchTransformInput": BATCH | {"StartTimeOffset": "-PT1H", "EndTimeOffset": "-PT2H"}
    }
    problems = _walks_agree(from_wire(s.CreateMonitoringScheduleRequest, data, lenient=True))
    assert [p.path for p in problems] == [
        "MonitoringScheduleConfig.MonitoringJobDefinition.MonitoringInputs[1]."
        "BatchTransformInput.StartTimeOffset"
    ]


def test_valid_requests_pass_every_rule() -> None:
    for name in OPERATIONS:
        validate(from_wire(OPERATIONS[name].input, sample(OPERATIONS[name].input.__name__)))
    validate(optimization_job("job"))


def test_monitoring_outputs_must_be_exactly_one() -> None:
    """Documented as a rule; the model encodes it (1..1), so plain validation reports it."""
    data = definition_wire("DataQuality", "x")
    data["DataQualityJobOutputConfig"]["MonitoringOutputs"] *= 2
    with pytest.raises(
        ValidationError,
        match=r"DataQualityJobOutputConfig\.MonitoringOutputs: 2 items is outside 1\.\.1",
    ):
        from_wire(OPERATIONS["CreateDataQualityJobDefinition"].input, data)


# ----------------------------------------------------------------------------- with field checks


def test_member_problems_and_rule_problems_are_reported_together() -> None:
    """A bad name no longer hides an unsupported schedule (one error lists both)."""
    data = _schedule_wire(ScheduleConfig={"ScheduleExpression": "cron(0 12 * * ? *)"})
    data["MonitoringScheduleName"] = "churn_v2"
    with pytest.raises(ValidationError) as info:
        validate_wire(OPERATIONS["CreateMonitoringSchedule"].input, data)
    assert info.value.paths == (
        "MonitoringScheduleName",
        "MonitoringScheduleConfig.ScheduleConfig.ScheduleExpression",
    )
    assert "is not a supported schedule" in info.value.problems[1].message
    # The same through a lenient parse and validate().
    request = from_wire(OPERATIONS["CreateMonitoringSchedule"].input, data, lenient=True)
    with pytest.raises(ValidationError) as again:
        validate(request)
    assert again.value.problems == info.value.problems


def test_validate_wire_returns_what_from_wire_returns() -> None:
    for name in OPERATIONS:
        cls = OPERATIONS[name].input
        data = sample(cls.__name__)
        assert validate_wire(cls, data) == from_wire(cls, data)
    with pytest.raises(TypeError, match="takes a sagemon shape class"):
        validate_wire(dict, {})  # type: ignore[type-var]
    with pytest.raises(ValidationError, match=r"<root>: expected an object"):
        validate_wire(OPERATIONS["CreateMonitoringSchedule"].input, [])


@pytest.mark.parametrize(
    ("operation", "data", "paths"),
    [
        (  # the rule compares the two; a string would make it crash
            "UpdateMonitoringAlert",
            {
                "MonitoringScheduleName": "s",
                "MonitoringAlertName": "a",
                "DatapointsToAlert": "5",
                "EvaluationPeriod": 3,
            },
            ["DatapointsToAlert"],
        ),
        (
            "UpdateMonitoringAlert",
            {"MonitoringScheduleName": "s", "MonitoringAlertName": "a", "EvaluationPeriod": 3},
            ["DatapointsToAlert"],
        ),
        (
            "CreateDataQualityJobDefinition",
            definition_wire("DataQuality", "x") | {"Tags": ["team", {"Key": "team", "Value": "a"}]},
            ["Tags[0]"],
        ),
        (
            "CreateMonitoringSchedule",
            _schedule_wire(ScheduleConfig={"ScheduleExpression": 7}),
            ["MonitoringScheduleConfig.ScheduleConfig.ScheduleExpression"],
        ),
        (  # an input that is not an object is not a missing input
            "CreateDataQualityJobDefinition",
            definition_wire("DataQuality", "x") | {"DataQualityJobInput": {"EndpointInput": "e"}},
            ["DataQualityJobInput.EndpointInput"],
        ),
        (
            "CreateMonitoringSchedule",
            _schedule_wire(
                MonitoringJobDefinition=INLINE
                | {"StoppingCondition": {"MaxRuntimeInSeconds": "3601"}}
            ),
            [
                "MonitoringScheduleConfig.MonitoringJobDefinition.StoppingCondition.MaxRuntimeInSeconds"
            ],
        ),
    ],
)
def test_a_rule_skips_members_that_already_have_a_problem(
    operation: str, data: dict[str, Any], paths: list[str]
) -> None:
    with pytest.raises(ValidationError) as info:
        validate_wire(OPERATIONS[operation].input, data)
    assert list(info.value.paths) == paths, info.value.problems


_ODD_VALUES: list[Any] = [None, "", "x", -1, 10**30, 0.5, True, [], [1], {}, {"x": 1}]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*prefix, index))
    return out


def _replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    data = copy.deepcopy(data)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_any_member_of_any_type_gives_problems_never_a_crash(operation: str) -> None:
    """Every member of a valid request replaced by values of every kind: the rules, which run
    beside the member checks now, only ever add problems."""
    cls = OPERATIONS[operation].input
    data = sample(cls.__name__)
    for path in _paths(data):
        for value in _ODD_VALUES:
            with contextlib.suppress(ValidationError):
                validate_wire(cls, _replaced(data, path, value))


_OFFSET = st.one_of(
    st.none(),
    st.sampled_from(["-PT1H", "-PT2H", "-P1D", "-P8D", "PT0S", "-PT1H30M", "-P1DT2H", "+PT5H"]),
    st.from_regex(r"[+-]?PT?[0-9]{0,8}[WDHMS]\n?", fullmatch=True),
    st.from_regex(r"[+-]?PT?[0-9]{1,2}[WDHMS]\n[+-]?PT?[0-9]{1,2}[WDHMS]", fullmatch=True),
    st.sampled_from(["soon", "-PT", "P1Y", "-PT1H ", "-P9999999999D"]),
)


@given(_OFFSET, _OFFSET, st.booleans())
def test_input_offset_rules_run_together_as_they_do_apart(
    start: str | None, end: str | None, batch: bool
) -> None:
    """The one check the walker runs for an input's offsets reports exactly what the offset
    rules and the window rule report one by one, in the same order."""
    cls = s.BatchTransformInput if batch else s.EndpointInput
    obj = object.__new__(cls)
    members = {m.python: None for m in s.SPECS[cls.__name__].members}
    store(obj, {**members, "start_time_offset": start, "end_time_offset": end})
    apart = [problem for rule in _RULES[cls] for problem in rule.check(obj)]
    (together,) = _PLAN[cls][1]
    assert list(together.check(obj)) == apart


@given(st.lists(st.text("abAé:", min_size=1, max_size=2), max_size=6))
def test_tag_keys_must_be_unique(keys: list[str]) -> None:
    """Each key that appears more than once is reported once, in order of first appearance, for
    any number of tags (one or two are compared directly, more through a set)."""
    data = definition_wire("ModelQuality", "x") | {"Tags": [{"Key": k, "Value": "v"} for k in keys]}
    request = from_wire(s.CreateModelQualityJobDefinitionRequest, data)
    twice = [key for key in dict.fromkeys(keys) if keys.count(key) > 1]
    assert [(p.path, p.message) for p in _walks_agree(request)] == [
        ("Tags", f"tag key {key!r} appears {keys.count(key)} times; tag keys must be unique")
        for key in twice
    ]
