"""Immutable fluent builders for the six things people create.

A builder's state is the wire request it will send; every step returns a new builder, so a
notebook cell can branch from a shared base. ``build()`` reports every problem at once: steps
not taken, broken constraints and broken documented rules. Enum parameters are the one thing
checked at the step, as shape constructors check them: they take members, never plain strings.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast, overload

from sagemon._generated import shapes as s
from sagemon._generated.enums import (
    ModelSpeculativeDecodingS3DataType,
    ModelSpeculativeDecodingTechnique,
    MonitoringProblemType,
    MonitoringType,
    OptimizationJobDeploymentInstanceType,
    ProcessingInstanceType,
    ProcessingS3DataDistributionType,
    ProcessingS3InputMode,
    ProcessingS3UploadMode,
)
from sagemon._generated.shapes import SPECS
from sagemon._problems import not_an_enum_member
from sagemon._rules import Known, check_rules, runtime_problems
from sagemon._schedule import Schedule, format_offset
from sagemon._shape import Shape, ShapeEnum
from sagemon._wire import parse_wire, to_wire
from sagemon.errors import Problem, ValidationError

if TYPE_CHECKING:
    from sagemon._client import Client

__all__ = [
    "DataQualityJobDefinitionBuilder",
    "DatasetFormat",
    "ModelBiasJobDefinitionBuilder",
    "ModelExplainabilityJobDefinitionBuilder",
    "ModelQualityJobDefinitionBuilder",
    "MonitoringScheduleBuilder",
    "OptimizationJobBuilder",
]

_R = TypeVar("_R", bound=Shape)
_O = TypeVar("_O", bound=Shape)
# Steps are typed with self-typed TypeVars rather than ``Self``: mypy reads both, and Jedi (the
# completion engine of IPython and Jupyter) follows these through a chain of steps.
_B = TypeVar("_B", bound="_Base")
_T = TypeVar("_T", bound="_Tags")
_J = TypeVar("_J", bound="_JobDefinition")
_X = TypeVar("_X", bound="OptimizationJobBuilder")

#: Python member names by wire name, for display (a wire name has one Python name everywhere).
_PY_NAMES = {m.wire: m.python for spec in SPECS.values() for m in spec.members}

#: Where Model Monitor containers read and write (the SageMaker documentation's layout).
INPUT_PATH = "/opt/ml/processing/input/endpoint"
BATCH_INPUT_PATH = "/opt/ml/processing/input/batch"
OUTPUT_PATH = "/opt/ml/processing/output"


class DatasetFormat:
    """The format of captured batch-transform data: ``DatasetFormat.csv(header=True)`` etc."""

    __module__ = "sagemon"

    @staticmethod
    def csv(header: bool | None = None) -> s.MonitoringDatasetFormat:
        return s.MonitoringDatasetFormat(csv=s.MonitoringCsvDatasetFormat(header=header))

    @staticmethod
    def json(line: bool | None = None) -> s.MonitoringDatasetFormat:
        return s.MonitoringDatasetFormat(json=s.MonitoringJsonDatasetFormat(line=line))

    @staticmethod
    def parquet() -> s.MonitoringDatasetFormat:
        return s.MonitoringDatasetFormat(parquet=s.MonitoringParquetDatasetFormat())


def _seconds(value: datetime.timedelta | int, step: str) -> int:
    if isinstance(value, datetime.timedelta):
        seconds = value.total_seconds()
        if seconds != int(seconds):
            raise ValueError(f"{step}() takes whole seconds, not {value}")
        return int(seconds)
    if type(value) is not int:
        raise TypeError(f"{step}() takes a timedelta or whole seconds, not {type(value).__name__}")
    return value


def _offset(value: datetime.timedelta | str | None) -> str | None:
    return format_offset(value) if isinstance(value, datetime.timedelta) else value


def _wire_of(value: Any) -> Any:
    """Shapes anywhere inside a step's value, in wire form."""
    if isinstance(value, Shape):
        return to_wire(value)
    if isinstance(value, dict):
        return {k: _wire_of(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_wire_of(v) for v in value]
    return value


def _input_options(
    input_mode: ProcessingS3InputMode | None,
    distribution: ProcessingS3DataDistributionType | None,
    features_attribute: str | None,
    inference_attribute: str | None,
    probability_attribute: str | None,
    probability_threshold: float | None,
    start_offset: datetime.timedelta | str | None,
    end_offset: datetime.timedelta | str | None,
    exclude_features: str | None,
) -> dict[str, Any]:
    """The members endpoint and batch-transform inputs share, in wire form (unset ones left out)."""
    values = {
        "S3InputMode": input_mode,
        "S3DataDistributionType": distribution,
        "FeaturesAttribute": features_attribute,
        "InferenceAttribute": inference_attribute,
        "ProbabilityAttribute": probability_attribute,
        "ProbabilityThresholdAttribute": probability_threshold,
        "StartTimeOffset": _offset(start_offset),
        "EndTimeOffset": _offset(end_offset),
        "ExcludeFeaturesAttribute": exclude_features,
    }
    return {k: v for k, v in values.items() if v is not None}


# ----------------------------------------------------------------------------- the base


class _Base:
    """State, copying and display shared by every builder and step mixin."""

    _request: ClassVar[type[Shape]]
    _described: ClassVar[type[Shape] | None] = None
    _create_method: ClassVar[str]
    _name_key: ClassVar[str]
    #: (path, what to do, paths any one of which satisfies it)
    _required: ClassVar[tuple[tuple[str, str, tuple[str, ...]], ...]] = ()

    __slots__ = ("_context", "_wire")

    def __init__(self, name: str | None = None) -> None:
        self._wire: dict[str, Any] = {}
        self._context: dict[str, Any] = {}
        if name is not None:
            self._wire[self._name_key] = name

    def _with(self: _B, path: str, value: Any) -> _B:
        """A copy with ``value`` at the dotted wire ``path`` (``None`` removes it)."""
        new = object.__new__(type(self))
        new._wire = copy.deepcopy(self._wire)
        new._context = dict(self._context)
        *parents, last = path.split(".")
        node = new._wire
        for key in parents:
            node = node.setdefault(key, {})
        if value is None:
            node.pop(last, None)
        else:
            node[last] = copy.deepcopy(_wire_of(value))
        return new

    def _merge(self: _B, path: str, values: Mapping[str, Any]) -> _B:
        new = self
        for key, value in values.items():
            new = new._with(f"{path}.{key}" if path else key, value)
        return new

    def _has(self, path: str) -> bool:
        node: Any = self._wire
        for key in path.split("."):
            if not isinstance(node, dict) or key not in node:
                return False
            node = node[key]
        return True

    def name(self: _B, name: str) -> _B:
        """The resource's name (unique in the account and region)."""
        return self._with(self._name_key, name)

    def _requirements(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        return self._required

    def missing(self) -> list[Problem]:
        """The steps still needed, each with what to call."""
        return [
            Problem(path, hint)
            for path, hint, any_of in self._requirements()
            if not any(self._has(p) for p in any_of or (path,))
        ]

    def to_wire(self) -> dict[str, Any]:
        """The request as it stands, in wire form (possibly incomplete)."""
        return copy.deepcopy(self._wire)

    def _enums(self, *checks: tuple[Any, type[ShapeEnum], str]) -> None:
        """Enum parameters take members, as shape constructors do: a plain string (or anything
        else) is refused at the step, naming the member to use. ``checks`` are
        ``(value, enum, wire path)``; ``None`` means not given."""
        problems: list[Problem] = []
        for value, enum, path in checks:
            if value is not None and not isinstance(value, enum):
                not_an_enum_member(problems, path, value, enum)
        if problems:
            raise ValidationError(problems, self._request.__name__)

    # notebook display ------------------------------------------------------

    def _tree(self) -> Any:
        """The request as it stands, as shapes display it (Python names, set members only)."""
        from sagemon._display import shape_tree

        obj, _problems = parse_wire(self._request, self._wire, strict=False)
        return shape_tree(obj)

    def __repr__(self) -> str:
        name = self._wire.get(self._name_key)
        parts = [repr(name)] if name is not None else []
        done = [_py_path(k) for k in self._wire if k != self._name_key]
        if done:
            parts.append("set: " + ", ".join(done))
        missing = self.missing()
        if missing:
            parts.append("missing: " + ", ".join(_py_path(p.path) for p in missing))
        return f"{type(self).__name__}({'; '.join(parts)})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        from sagemon._display import pretty_lines

        lines = [type(self).__name__, *pretty_lines(self._tree(), 1)]
        missing = self.missing()
        if missing:
            lines += ["  still missing:", *(f"    - {p.message}" for p in missing)]
        printer.text("\n".join(lines))

    def _repr_html_(self) -> str:
        from sagemon._display import html_block

        return html_block(type(self).__name__, self._tree(), [p.message for p in self.missing()])


def _py_path(path: str) -> str:
    """``JobResources.ClusterConfig`` → ``job_resources.cluster_config``."""
    return ".".join(_PY_NAMES.get(part, part) for part in path.split("."))


class _Builder(_Base, Generic[_R, _O]):
    """``build()`` and ``create()`` for one request type."""

    __slots__ = ()

    def _extra_problems(self, known: Known) -> list[Problem]:
        """Rules that need what only the builder knows (e.g. a referenced definition)."""
        return []

    def build(self) -> _R:
        """The validated request, or one ValidationError listing every problem: steps not
        taken, broken constraints and broken documented rules, all at once."""
        problems = self.missing()
        reported = {p.path for p in problems}
        request, found = parse_wire(self._request, self._wire)
        problems += [p for p in found if not (p.path in reported and p.message == "required")]
        if request is not None:
            known = Known(found)
            rules = check_rules(request, known) + self._extra_problems(known)
            problems += [p for p in rules if p.path not in reported]
        if problems or request is None:
            raise ValidationError(problems, self._request.__name__)
        return cast("_R", request)

    def create(self, client: Client) -> _O:
        """Build, send with ``client`` and return the typed response."""
        response: _O = getattr(client, self._create_method)(self.build())
        return response


def _from_request(cls: type[_B], request: Shape) -> _B:
    """A ``cls`` builder holding the request members of ``request`` (a request or a Describe
    response of the same resource; anything else is refused, for callers mypy does not check)."""
    allowed = (cls._request, cls._described)
    if type(request) not in allowed:
        names = " or ".join(c.__name__ for c in allowed if c is not None)
        raise TypeError(
            f"{cls.__name__}.from_request() takes a {names}, not {type(request).__name__}"
        )
    keep = set(cls._request._spec.by_wire)
    builder = cls()
    builder._wire = {k: v for k, v in to_wire(request).items() if k in keep}
    return builder


# ----------------------------------------------------------------------------- shared steps


class _Role(_Base):
    __slots__ = ()

    def role(self: _B, arn: str) -> _B:
        """The IAM role SageMaker assumes to run the job."""
        return self._with("RoleArn", arn)


class _Tags(_Base):
    __slots__ = ()

    def tag(self: _T, key: str, value: str) -> _T:
        """Add a tag (keys must be unique; a repeated key is reported by ``build()``)."""
        tags = [*self._wire.get("Tags", []), {"Key": key, "Value": value}]
        return self._with("Tags", tags)

    def tags(self: _T, tags: Mapping[str, str]) -> _T:
        """Add several tags."""
        new = self
        for key, value in tags.items():
            new = new.tag(key, value)
        return new


class _JobDefinition(_Role, _Tags):
    """Steps every monitoring job definition has."""

    _kind: ClassVar[str]
    __slots__ = ()

    def image(self: _J, uri: str) -> _J:
        """The monitoring container image (the Model Monitor or Clarify image of your region)."""
        return self._with(f"{self._kind}AppSpecification.ImageUri", uri)

    def environment(self: _J, **variables: str) -> _J:
        """Environment variables for the monitoring container."""
        current = dict(self._wire.get(f"{self._kind}AppSpecification", {}).get("Environment", {}))
        return self._with(f"{self._kind}AppSpecification.Environment", current | variables)

    def endpoint(
        self: _J,
        name: str,
        *,
        local_path: str = INPUT_PATH,
        input_mode: ProcessingS3InputMode | None = ProcessingS3InputMode.FILE,
        distribution: ProcessingS3DataDistributionType | None = None,
        features_attribute: str | None = None,
        inference_attribute: str | None = None,
        probability_attribute: str | None = None,
        probability_threshold: float | None = None,
        start_offset: datetime.timedelta | str | None = None,
        end_offset: datetime.timedelta | str | None = None,
        exclude_features: str | None = None,
    ) -> _J:
        """Monitor the data captured from a real-time endpoint (replaces a batch transform input).

        Defaults: ``local_path`` under ``/opt/ml/processing/input`` and ``File`` input mode, as
        the SageMaker documentation gives them. Offsets are timedeltas (``-1 h``) or ISO 8601.
        """
        where = f"{self._kind}JobInput.EndpointInput"
        self._enums(
            (input_mode, ProcessingS3InputMode, f"{where}.S3InputMode"),
            (distribution, ProcessingS3DataDistributionType, f"{where}.S3DataDistributionType"),
        )
        values = {
            "EndpointName": name,
            "LocalPath": local_path,
            **_input_options(
                input_mode,
                distribution,
                features_attribute,
                inference_attribute,
                probability_attribute,
                probability_threshold,
                start_offset,
                end_offset,
                exclude_features,
            ),
        }
        new = self._with(f"{self._kind}JobInput.BatchTransformInput", None)
        return new._with(f"{self._kind}JobInput.EndpointInput", values)

    def batch_transform(
        self: _J,
        data_captured_s3_uri: str,
        *,
        dataset_format: s.MonitoringDatasetFormat | None = None,
        local_path: str = BATCH_INPUT_PATH,
        input_mode: ProcessingS3InputMode | None = ProcessingS3InputMode.FILE,
        distribution: ProcessingS3DataDistributionType | None = None,
        features_attribute: str | None = None,
        inference_attribute: str | None = None,
        probability_attribute: str | None = None,
        probability_threshold: float | None = None,
        start_offset: datetime.timedelta | str | None = None,
        end_offset: datetime.timedelta | str | None = None,
        exclude_features: str | None = None,
    ) -> _J:
        """Monitor data captured from batch transform jobs (replaces an endpoint input).

        ``dataset_format`` defaults to ``DatasetFormat.csv()``.
        """
        where = f"{self._kind}JobInput.BatchTransformInput"
        self._enums(
            (input_mode, ProcessingS3InputMode, f"{where}.S3InputMode"),
            (distribution, ProcessingS3DataDistributionType, f"{where}.S3DataDistributionType"),
        )
        values = {
            "DataCapturedDestinationS3Uri": data_captured_s3_uri,
            "DatasetFormat": dataset_format if dataset_format is not None else DatasetFormat.csv(),
            "LocalPath": local_path,
            **_input_options(
                input_mode,
                distribution,
                features_attribute,
                inference_attribute,
                probability_attribute,
                probability_threshold,
                start_offset,
                end_offset,
                exclude_features,
            ),
        }
        new = self._with(f"{self._kind}JobInput.EndpointInput", None)
        return new._with(f"{self._kind}JobInput.BatchTransformInput", values)

    def cluster(
        self: _J,
        instance_type: ProcessingInstanceType,
        *,
        count: int = 1,
        volume_gb: int,
        volume_kms_key: str | None = None,
    ) -> _J:
        """The processing cluster: instance type, count (default 1) and volume size in GB."""
        self._enums(
            (instance_type, ProcessingInstanceType, "JobResources.ClusterConfig.InstanceType")
        )
        values = {
            "InstanceCount": count,
            "InstanceType": instance_type,
            "VolumeSizeInGB": volume_gb,
            "VolumeKmsKeyId": volume_kms_key,
        }
        return self._with(
            "JobResources.ClusterConfig", {k: v for k, v in values.items() if v is not None}
        )

    def output(
        self: _J,
        s3_uri: str,
        *,
        local_path: str = OUTPUT_PATH,
        upload: ProcessingS3UploadMode | None = None,
        kms_key: str | None = None,
    ) -> _J:
        """Where reports go: an S3 URI, written from ``local_path`` (``/opt/ml/processing/output``)."""
        where = f"{self._kind}JobOutputConfig.MonitoringOutputs[0].S3Output.S3UploadMode"
        self._enums((upload, ProcessingS3UploadMode, where))
        s3 = {"S3Uri": s3_uri, "LocalPath": local_path, "S3UploadMode": upload}
        config: dict[str, Any] = {
            "MonitoringOutputs": [{"S3Output": {k: v for k, v in s3.items() if v is not None}}]
        }
        if kms_key is not None:
            config["KmsKeyId"] = kms_key
        return self._with(f"{self._kind}JobOutputConfig", config)

    def vpc(self: _J, subnets: Iterable[str], security_groups: Iterable[str]) -> _J:
        """Run inside a VPC."""
        config = {"Subnets": list(subnets), "SecurityGroupIds": list(security_groups)}
        return self._with("NetworkConfig.VpcConfig", config)

    def network(
        self: _J, *, isolation: bool | None = None, encrypt_inter_container: bool | None = None
    ) -> _J:
        """Network isolation and inter-container traffic encryption."""
        return self._merge(
            "NetworkConfig",
            {
                "EnableNetworkIsolation": isolation,
                "EnableInterContainerTrafficEncryption": encrypt_inter_container,
            },
        )

    def max_runtime(self: _J, value: datetime.timedelta | int) -> _J:
        """How long one monitoring job may run (at most the schedule's frequency)."""
        return self._with("StoppingCondition.MaxRuntimeInSeconds", _seconds(value, "max_runtime"))

    _extra_required: ClassVar[tuple[tuple[str, str, tuple[str, ...]], ...]] = ()

    def _requirements(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        kind = self._kind
        return (
            (
                "JobDefinitionName",
                "a name is required; pass it to the builder or call .name(...)",
                (),
            ),
            ("RoleArn", "role is required; call .role(arn)", ()),
            (f"{kind}AppSpecification.ImageUri", "image is required; call .image(uri)", ()),
            (
                f"{kind}JobInput",
                "an input is required; call .endpoint(name) or .batch_transform(s3_uri)",
                (f"{kind}JobInput.EndpointInput", f"{kind}JobInput.BatchTransformInput"),
            ),
            (f"{kind}JobOutputConfig", "an output is required; call .output(s3_uri)", ()),
            (
                "JobResources",
                "a cluster is required; call .cluster(instance_type, volume_gb=...)",
                (),
            ),
            *self._extra_required,
        )


class _GroundTruth(_JobDefinition):
    __slots__ = ()

    def ground_truth(self: _J, s3_uri: str) -> _J:
        """Where the ground-truth labels are uploaded."""
        return self._with(f"{self._kind}JobInput.GroundTruthS3Input", {"S3Uri": s3_uri})


class _Container(_JobDefinition):
    __slots__ = ()

    def container(
        self: _J,
        *,
        entrypoint: Iterable[str] | None = None,
        arguments: Iterable[str] | None = None,
        record_preprocessor: str | None = None,
        post_analytics_processor: str | None = None,
    ) -> _J:
        """Container entrypoint and arguments, and S3 URIs of pre/post-processing scripts."""
        return self._merge(
            f"{self._kind}AppSpecification",
            {
                "ContainerEntrypoint": None if entrypoint is None else list(entrypoint),
                "ContainerArguments": None if arguments is None else list(arguments),
                "RecordPreprocessorSourceUri": record_preprocessor,
                "PostAnalyticsProcessorSourceUri": post_analytics_processor,
            },
        )


class _AnalysisConfig(_JobDefinition):
    __slots__ = ()

    def analysis_config(self: _J, s3_uri: str) -> _J:
        """The Clarify analysis configuration (JSON in S3)."""
        return self._with(f"{self._kind}AppSpecification.ConfigUri", s3_uri)


class _ConstraintsBaseline(_JobDefinition):
    __slots__ = ()

    def baseline(self: _J, *, constraints: str | None = None, job_name: str | None = None) -> _J:
        """Baseline constraints (S3 URI) and/or the name of the baselining job."""
        config: dict[str, Any] = {"BaseliningJobName": job_name}
        if constraints is not None:
            config["ConstraintsResource"] = {"S3Uri": constraints}
        return self._merge(f"{self._kind}BaselineConfig", config)


# ----------------------------------------------------------------------------- job definitions


class ModelQualityJobDefinitionBuilder(
    _GroundTruth,
    _Container,
    _ConstraintsBaseline,
    _Builder[s.CreateModelQualityJobDefinitionRequest, s.CreateModelQualityJobDefinitionResponse],
):
    """Build a ``CreateModelQualityJobDefinitionRequest`` step by step."""

    __module__ = "sagemon"

    _kind = "ModelQuality"
    _request = s.CreateModelQualityJobDefinitionRequest
    _described = s.DescribeModelQualityJobDefinitionResponse
    _create_method = "create_model_quality_job_definition"
    _name_key = "JobDefinitionName"
    __slots__ = ()

    @classmethod
    def from_request(
        cls: type[_J],
        request: s.CreateModelQualityJobDefinitionRequest
        | s.DescribeModelQualityJobDefinitionResponse,
    ) -> _J:
        """A builder holding ``request`` or a described definition, e.g. to copy it under a
        new name: ``ModelQualityJobDefinitionBuilder.from_request(described).name("copy")``."""
        return _from_request(cls, request)

    def problem_type(self: _J, problem_type: MonitoringProblemType) -> _J:
        """Binary classification, multiclass classification or regression."""
        self._enums(
            (problem_type, MonitoringProblemType, "ModelQualityAppSpecification.ProblemType")
        )
        return self._with("ModelQualityAppSpecification.ProblemType", problem_type)

    _extra_required = (
        (
            "ModelQualityJobInput.GroundTruthS3Input",
            "ground truth is required; call .ground_truth(s3_uri)",
            (),
        ),
    )


class ModelBiasJobDefinitionBuilder(
    _GroundTruth,
    _AnalysisConfig,
    _ConstraintsBaseline,
    _Builder[s.CreateModelBiasJobDefinitionRequest, s.CreateModelBiasJobDefinitionResponse],
):
    """Build a ``CreateModelBiasJobDefinitionRequest`` step by step."""

    __module__ = "sagemon"

    _kind = "ModelBias"
    _request = s.CreateModelBiasJobDefinitionRequest
    _described = s.DescribeModelBiasJobDefinitionResponse
    _create_method = "create_model_bias_job_definition"
    _name_key = "JobDefinitionName"
    __slots__ = ()

    @classmethod
    def from_request(
        cls: type[_J],
        request: s.CreateModelBiasJobDefinitionRequest | s.DescribeModelBiasJobDefinitionResponse,
    ) -> _J:
        """A builder holding ``request`` or a described definition, e.g. to copy it under a
        new name: ``ModelBiasJobDefinitionBuilder.from_request(described).name("copy")``."""
        return _from_request(cls, request)

    _extra_required = (
        (
            "ModelBiasAppSpecification.ConfigUri",
            "an analysis config is required; call .analysis_config(s3_uri)",
            (),
        ),
        (
            "ModelBiasJobInput.GroundTruthS3Input",
            "ground truth is required; call .ground_truth(s3_uri)",
            (),
        ),
    )


class ModelExplainabilityJobDefinitionBuilder(
    _AnalysisConfig,
    _ConstraintsBaseline,
    _Builder[
        s.CreateModelExplainabilityJobDefinitionRequest,
        s.CreateModelExplainabilityJobDefinitionResponse,
    ],
):
    """Build a ``CreateModelExplainabilityJobDefinitionRequest`` step by step."""

    __module__ = "sagemon"

    _kind = "ModelExplainability"
    _request = s.CreateModelExplainabilityJobDefinitionRequest
    _described = s.DescribeModelExplainabilityJobDefinitionResponse
    _create_method = "create_model_explainability_job_definition"
    _name_key = "JobDefinitionName"
    __slots__ = ()

    @classmethod
    def from_request(
        cls: type[_J],
        request: s.CreateModelExplainabilityJobDefinitionRequest
        | s.DescribeModelExplainabilityJobDefinitionResponse,
    ) -> _J:
        """A builder holding ``request`` or a described definition, e.g. to copy it under a
        new name: ``ModelExplainabilityJobDefinitionBuilder.from_request(described).name("copy")``."""
        return _from_request(cls, request)

    _extra_required = (
        (
            "ModelExplainabilityAppSpecification.ConfigUri",
            "an analysis config is required; call .analysis_config(s3_uri)",
            (),
        ),
    )


class DataQualityJobDefinitionBuilder(
    _Container,
    _Builder[s.CreateDataQualityJobDefinitionRequest, s.CreateDataQualityJobDefinitionResponse],
):
    """Build a ``CreateDataQualityJobDefinitionRequest`` step by step."""

    __module__ = "sagemon"

    _kind = "DataQuality"
    _request = s.CreateDataQualityJobDefinitionRequest
    _described = s.DescribeDataQualityJobDefinitionResponse
    _create_method = "create_data_quality_job_definition"
    _name_key = "JobDefinitionName"
    __slots__ = ()

    @classmethod
    def from_request(
        cls: type[_J],
        request: s.CreateDataQualityJobDefinitionRequest
        | s.DescribeDataQualityJobDefinitionResponse,
    ) -> _J:
        """A builder holding ``request`` or a described definition, e.g. to copy it under a
        new name: ``DataQualityJobDefinitionBuilder.from_request(described).name("copy")``."""
        return _from_request(cls, request)

    def baseline(
        self: _J,
        *,
        constraints: str | None = None,
        statistics: str | None = None,
        job_name: str | None = None,
    ) -> _J:
        """Baseline constraints and statistics (S3 URIs) and/or the baselining job's name."""
        config: dict[str, Any] = {"BaseliningJobName": job_name}
        if constraints is not None:
            config["ConstraintsResource"] = {"S3Uri": constraints}
        if statistics is not None:
            config["StatisticsResource"] = {"S3Uri": statistics}
        return self._merge("DataQualityBaselineConfig", config)


_DEFINITION_TYPES: dict[type[Shape], MonitoringType] = {
    s.CreateModelQualityJobDefinitionRequest: MonitoringType.MODEL_QUALITY,
    s.DescribeModelQualityJobDefinitionResponse: MonitoringType.MODEL_QUALITY,
    s.CreateModelBiasJobDefinitionRequest: MonitoringType.MODEL_BIAS,
    s.DescribeModelBiasJobDefinitionResponse: MonitoringType.MODEL_BIAS,
    s.CreateModelExplainabilityJobDefinitionRequest: MonitoringType.MODEL_EXPLAINABILITY,
    s.DescribeModelExplainabilityJobDefinitionResponse: MonitoringType.MODEL_EXPLAINABILITY,
    s.CreateDataQualityJobDefinitionRequest: MonitoringType.DATA_QUALITY,
    s.DescribeDataQualityJobDefinitionResponse: MonitoringType.DATA_QUALITY,
}

#: What ``MonitoringScheduleBuilder.definition()`` takes besides a name.
DefinitionSource = (
    s.MonitoringJobDefinition
    | s.CreateModelQualityJobDefinitionRequest
    | s.DescribeModelQualityJobDefinitionResponse
    | s.CreateModelBiasJobDefinitionRequest
    | s.DescribeModelBiasJobDefinitionResponse
    | s.CreateModelExplainabilityJobDefinitionRequest
    | s.DescribeModelExplainabilityJobDefinitionResponse
    | s.CreateDataQualityJobDefinitionRequest
    | s.DescribeDataQualityJobDefinitionResponse
    | ModelQualityJobDefinitionBuilder
    | ModelBiasJobDefinitionBuilder
    | ModelExplainabilityJobDefinitionBuilder
    | DataQualityJobDefinitionBuilder
)


# ----------------------------------------------------------------------------- schedules


class MonitoringScheduleBuilder(
    _Tags, _Builder[s.CreateMonitoringScheduleRequest, s.CreateMonitoringScheduleResponse]
):
    """Build a ``CreateMonitoringScheduleRequest``: a name, a job definition and a schedule."""

    __module__ = "sagemon"

    _request = s.CreateMonitoringScheduleRequest
    _described = s.DescribeMonitoringScheduleResponse
    _create_method = "create_monitoring_schedule"
    _name_key = "MonitoringScheduleName"
    _required = (
        (
            "MonitoringScheduleName",
            "a name is required; pass it to the builder or call .name(...)",
            (),
        ),
        (
            "MonitoringScheduleConfig",
            "a job definition is required; call .definition(...)",
            (
                "MonitoringScheduleConfig.MonitoringJobDefinitionName",
                "MonitoringScheduleConfig.MonitoringJobDefinition",
            ),
        ),
    )
    __slots__ = ()

    @classmethod
    def from_request(
        cls: type[_B],
        request: s.CreateMonitoringScheduleRequest | s.DescribeMonitoringScheduleResponse,
    ) -> _B:
        """A builder holding ``request`` or a described schedule, e.g. to copy it under a new
        name: ``MonitoringScheduleBuilder.from_request(described).name("copy").build()``."""
        builder = _from_request(cls, request)
        config = builder._wire.get("MonitoringScheduleConfig", {})
        kind = getattr(request, "monitoring_type", None)  # a Describe response has it on top
        if "MonitoringJobDefinitionName" in config and "MonitoringType" not in config and kind:
            config["MonitoringType"] = kind
        return builder

    def schedule(self: _B, schedule: Schedule | str) -> _B:
        """When to run: a :class:`Schedule` or an expression (without one, SageMaker picks a
        daily time). ``build()`` checks an expression against the supported forms."""
        config = (
            schedule.config()
            if isinstance(schedule, Schedule)
            else {"ScheduleExpression": schedule}
        )
        return self._with("MonitoringScheduleConfig.ScheduleConfig", config)

    @overload
    def definition(self: _B, definition: str, monitoring_type: MonitoringType) -> _B: ...

    @overload
    def definition(
        self: _B, definition: DefinitionSource, monitoring_type: MonitoringType | None = None
    ) -> _B: ...

    def definition(
        self: _B,
        definition: str | DefinitionSource,
        monitoring_type: MonitoringType | None = None,
    ) -> _B:
        """The job definition to run: its name with ``monitoring_type``, a job-definition
        request, a Describe response or builder (type inferred, and its max runtime checked
        against the schedule), or an inline ``MonitoringJobDefinition``."""
        config = "MonitoringScheduleConfig"
        self._enums((monitoring_type, MonitoringType, f"{config}.MonitoringType"))
        new = self._with(f"{config}.MonitoringJobDefinition", None)._with(
            f"{config}.MonitoringJobDefinitionName", None
        )
        new._context = {}
        if isinstance(definition, s.MonitoringJobDefinition):
            return new._with(f"{config}.MonitoringJobDefinition", definition)._with(
                f"{config}.MonitoringType", monitoring_type
            )
        name: str | None
        if isinstance(definition, str):
            name, kind, runtime = definition, monitoring_type, None
        else:
            if isinstance(definition, _JobDefinition):
                kind = MonitoringType(definition._kind)
                wire = definition.to_wire()
            elif type(definition) in _DEFINITION_TYPES:
                kind = _DEFINITION_TYPES[type(definition)]
                wire = to_wire(definition)
            else:
                raise TypeError(
                    "definition() takes a name, a job definition or its builder, "
                    f"not {type(definition).__name__}"
                )
            name = wire.get("JobDefinitionName")
            runtime = wire.get("StoppingCondition", {}).get("MaxRuntimeInSeconds")
            if monitoring_type is not None and monitoring_type is not kind:
                raise ValidationError(
                    [
                        Problem(
                            f"{config}.MonitoringType",
                            f"the definition is {kind.value}, not {monitoring_type.value}; "
                            "leave monitoring_type out to take the definition's",
                        )
                    ],
                    self._request.__name__,
                )
        new = new._with(f"{config}.MonitoringJobDefinitionName", name)._with(
            f"{config}.MonitoringType", kind
        )
        if kind is not None:
            new._context = {"monitoring_type": kind, "max_runtime": runtime, "name": name}
        return new

    def _extra_problems(self, known: Known) -> list[Problem]:
        """A referenced definition's max runtime must fit the schedule (only the builder knows
        it); the problem points at the definition's member, which is what to change."""
        config = self._wire.get("MonitoringScheduleConfig", {})
        expression = config.get("ScheduleConfig", {}).get("ScheduleExpression")
        runtime = self._context.get("max_runtime")
        if (
            type(expression) is not str
            or type(runtime) is not int
            or known.broken("MonitoringScheduleConfig.ScheduleConfig.ScheduleExpression")
        ):
            return []
        name = self._context.get("name") or "unnamed"
        return runtime_problems(
            expression,
            runtime,
            self._context["monitoring_type"],
            f"MonitoringJobDefinition[{name}].StoppingCondition.MaxRuntimeInSeconds",
            "the definition's max runtime",
        )


# ----------------------------------------------------------------------------- optimization jobs


class OptimizationJobBuilder(
    _Role, _Tags, _Builder[s.CreateOptimizationJobRequest, s.CreateOptimizationJobResponse]
):
    """Build a ``CreateOptimizationJobRequest``: a model, techniques, a target and an output."""

    __module__ = "sagemon"

    _request = s.CreateOptimizationJobRequest
    _described = s.DescribeOptimizationJobResponse
    _create_method = "create_optimization_job"
    _name_key = "OptimizationJobName"
    _required = (
        (
            "OptimizationJobName",
            "a name is required; pass it to the builder or call .name(...)",
            (),
        ),
        ("RoleArn", "role is required; call .role(arn)", ()),
        ("ModelSource", "a model is required; call .model(s3_uri) or .sagemaker_model(name)", ()),
        ("DeploymentInstanceType", "a target is required; call .deploy_on(instance_type)", ()),
        (
            "OptimizationConfigs",
            "a technique is required; call .quantize(), .compile(), .shard() or .speculative_decoding()",
            (),
        ),
        ("OutputConfig", "an output is required; call .output(s3_uri)", ()),
        ("StoppingCondition", "a time limit is required; call .max_runtime(timedelta(...))", ()),
    )
    __slots__ = ()

    @classmethod
    def from_request(
        cls: type[_X], request: s.CreateOptimizationJobRequest | s.DescribeOptimizationJobResponse
    ) -> _X:
        """A builder holding ``request`` or a described job, e.g. to copy it under a
        new name: ``OptimizationJobBuilder.from_request(described).name("copy")``."""
        return _from_request(cls, request)

    def model(self: _X, s3_uri: str, *, accept_eula: bool | None = None) -> _X:
        """The model to optimize, from S3 (``accept_eula=True`` for models that need it)."""
        source: dict[str, Any] = {"S3Uri": s3_uri}
        if accept_eula is not None:
            source["ModelAccessConfig"] = {"AcceptEula": accept_eula}
        return self._with("ModelSource", {"S3": source})

    def sagemaker_model(self: _X, name: str) -> _X:
        """The model to optimize, by its SageMaker model name."""
        return self._with("ModelSource", {"SageMakerModel": {"ModelName": name}})

    def deploy_on(
        self: _X,
        instance_type: OptimizationJobDeploymentInstanceType,
        *,
        max_instances: int | None = None,
    ) -> _X:
        """The instance type the optimized model is for (and at most how many)."""
        self._enums(
            (instance_type, OptimizationJobDeploymentInstanceType, "DeploymentInstanceType")
        )
        return self._with("DeploymentInstanceType", instance_type)._with(
            "MaxInstanceCount", max_instances
        )

    def _technique(self: _X, key: str, config: dict[str, Any]) -> _X:
        configs = [c for c in self._wire.get("OptimizationConfigs", []) if key not in c]
        return self._with("OptimizationConfigs", [*configs, {key: config}])

    def _container(self: _X, key: str, image: str | None, env: dict[str, str]) -> _X:
        config: dict[str, Any] = {}
        if image is not None:
            config["Image"] = image
        if env:
            config["OverrideEnvironment"] = env
        return self._technique(key, config)

    def quantize(self: _X, *, image: str | None = None, **env: str) -> _X:
        """Apply quantization (e.g. ``OPTION_QUANTIZE="awq"``)."""
        return self._container("ModelQuantizationConfig", image, env)

    def compile(self: _X, *, image: str | None = None, **env: str) -> _X:
        """Apply compilation for the target instance."""
        return self._container("ModelCompilationConfig", image, env)

    def shard(self: _X, *, image: str | None = None, **env: str) -> _X:
        """Apply sharding (e.g. ``OPTION_TENSOR_PARALLEL_DEGREE="4"``)."""
        return self._container("ModelShardingConfig", image, env)

    def speculative_decoding(
        self: _X,
        technique: ModelSpeculativeDecodingTechnique = ModelSpeculativeDecodingTechnique.EAGLE,
        *,
        training_data: str | None = None,
        data_type: ModelSpeculativeDecodingS3DataType = ModelSpeculativeDecodingS3DataType.S3_PREFIX,
    ) -> _X:
        """Apply speculative decoding, optionally trained on data in S3."""
        key = "ModelSpeculativeDecodingConfig"
        index = sum(key not in c for c in self._wire.get("OptimizationConfigs", []))
        where = f"OptimizationConfigs[{index}].{key}"
        self._enums(
            (technique, ModelSpeculativeDecodingTechnique, f"{where}.Technique"),
            (
                data_type,
                ModelSpeculativeDecodingS3DataType,
                f"{where}.TrainingDataSource.S3DataType",
            ),
        )
        config: dict[str, Any] = {"Technique": technique}
        if training_data is not None:
            config["TrainingDataSource"] = {"S3Uri": training_data, "S3DataType": data_type}
        return self._technique("ModelSpeculativeDecodingConfig", config)

    def environment(self: _X, **variables: str) -> _X:
        """Environment variables for the optimization container."""
        return self._with(
            "OptimizationEnvironment",
            dict(self._wire.get("OptimizationEnvironment", {})) | variables,
        )

    def output(
        self: _X, s3_uri: str, *, kms_key: str | None = None, model_name: str | None = None
    ) -> _X:
        """Where the optimized model goes (and, optionally, a SageMaker model to create)."""
        config: dict[str, Any] = {"S3OutputLocation": s3_uri, "KmsKeyId": kms_key}
        if model_name is not None:
            config["SageMakerModel"] = {"ModelName": model_name}
        return self._with("OutputConfig", {k: v for k, v in config.items() if v is not None})

    def max_runtime(self: _X, value: datetime.timedelta | int) -> _X:
        """How long the job may run."""
        return self._with("StoppingCondition.MaxRuntimeInSeconds", _seconds(value, "max_runtime"))

    def max_wait(self: _X, value: datetime.timedelta | int) -> _X:
        """How long to wait for capacity plus run (at least the max runtime)."""
        return self._with("StoppingCondition.MaxWaitTimeInSeconds", _seconds(value, "max_wait"))

    def max_pending(self: _X, value: datetime.timedelta | int) -> _X:
        """How long the job may stay pending (30 minutes to 28 days)."""
        return self._with(
            "StoppingCondition.MaxPendingTimeInSeconds", _seconds(value, "max_pending")
        )

    def vpc(self: _X, subnets: Iterable[str], security_groups: Iterable[str]) -> _X:
        """Run inside a VPC."""
        return self._with(
            "VpcConfig", {"Subnets": list(subnets), "SecurityGroupIds": list(security_groups)}
        )

    def training_plan(self: _X, arn: str) -> _X:
        """Run on the capacity of a SageMaker training plan."""
        return self._with("TrainingPlanArns", [arn])
