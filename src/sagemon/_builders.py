"""Immutable fluent builders for the six things people create.

A builder is a frozen value holding the wire request it will send; every step returns a new
builder that copies only the dicts along the path it changes and shares the rest, so a notebook
cell can branch from a shared base and a step costs a few microseconds. What each step writes
and what each builder requires are declared once, as wire paths checked against the service
model when the builder class is defined: a misspelt path fails at import, not at ``build()``.
``build()`` reports every problem at once: steps not taken, broken constraints and broken
documented rules. Enum parameters are the one thing checked at the step, as shape constructors
check them: they take members, never plain strings.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, NamedTuple, TypeVar, cast, overload

import attrs

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
from sagemon._spec import ShapeSpec, spec_of
from sagemon._wire import parse_wire, to_wire
from sagemon.errors import Problem, ValidationError
from sagemon.images import clarify_image_uri, model_monitor_image_uri

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
_RO = TypeVar("_RO", bound="_Role")
_T = TypeVar("_T", bound="_Tags")
_N = TypeVar("_N", bound="_Network")
_J = TypeVar("_J", bound="_JobDefinition")
_G = TypeVar("_G", bound="_GroundTruth")
_C = TypeVar("_C", bound="_Container")
_A = TypeVar("_A", bound="_AnalysisConfig")
_CB = TypeVar("_CB", bound="_ConstraintsBaseline")
_MQ = TypeVar("_MQ", bound="ModelQualityJobDefinitionBuilder")
_DQ = TypeVar("_DQ", bound="DataQualityJobDefinitionBuilder")
_M = TypeVar("_M", bound="MonitoringScheduleBuilder")
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
    """A step's value as the builder stores it: shapes anywhere inside in wire form, and dicts
    and lists copied, so that nothing the caller holds is shared with the builder."""
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


# ----------------------------------------------------------------------------- paths and needs


class _Path:
    """A wire path that steps write, declared as a class attribute of a builder or step mixin.

    The declaration is a template (``{kind}``: a job definition's kind such as ``ModelQuality``;
    ``{name}``: the request's name member). Every builder class gets its own copy, resolved and
    checked against its request's spec when the class is defined (see ``_Base``).
    """

    __slots__ = ("keys", "template", "text")

    def __init__(self, template: str, keys: tuple[str, ...] = ()) -> None:
        self.template = template
        self.keys = keys
        self.text = ".".join(keys)

    def __repr__(self) -> str:
        return f"_Path({self.text or self.template!r})"


class Requires(NamedTuple):
    """What a builder needs before ``build()``: the wire ``path`` must be set (or, with
    ``any_of``, one of those paths), else ``hint`` says what to call. Paths are templates, as
    for ``_Path``; the hint may name ``{image_step}``."""

    path: str
    hint: str
    any_of: tuple[str, ...] = ()


class _Need(NamedTuple):
    """A requirement resolved for one builder class: the keys of every path that satisfies it."""

    path: str
    hint: str
    keys: tuple[tuple[str, ...], ...]


class _Reference(NamedTuple):
    """What a schedule knows of a job definition it references by name (for the runtime rule)."""

    monitoring_type: MonitoringType
    max_runtime: object
    name: str | None


def _put(node: Mapping[str, Any], keys: tuple[str, ...], value: Any, at: int = 0) -> dict[str, Any]:
    """A copy of ``node`` with ``value`` at ``keys`` (``None`` removes it), copying only the dicts
    along the path; every other subtree is shared. Missing parents are created (even to remove),
    so a step that clears a member leaves its parent in place."""
    new = dict(node)
    key = keys[at]
    if at + 1 == len(keys):
        if value is None:
            new.pop(key, None)
        else:
            new[key] = value
    else:
        child = node.get(key)
        new[key] = _put(child if isinstance(child, dict) else {}, keys, value, at + 1)
    return new


def _get(node: Any, keys: tuple[str, ...]) -> Any:
    """The value at ``keys``, or ``None``."""
    for key in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def _has(node: Any, keys: tuple[str, ...]) -> bool:
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
    return True


def _copy(value: Any) -> Any:
    """A copy of wire data the caller owns (dicts and lists copied; the rest is immutable)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _frozen(value: Any) -> Any:
    """A hashable form of wire data, equal whenever the data is (dicts compare unordered)."""
    if isinstance(value, dict):
        return frozenset((k, _frozen(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


_PLACEHOLDERS = (("kind", "_kind"), ("name", "_name_key"), ("image_step", "_image_step"))


def _fill(cls: type, template: str, where: str) -> str:
    names = {key: getattr(cls, attr) for key, attr in _PLACEHOLDERS if hasattr(cls, attr)}
    try:
        return template.format_map(names)
    except (KeyError, IndexError, ValueError) as exc:
        raise TypeError(f"{where}: {template!r} has a bad placeholder ({exc})") from None


def _resolve(cls: type, spec: ShapeSpec[Any], template: str, where: str) -> tuple[str, ...]:
    """The keys of ``template`` for ``cls``, each checked to be a member of the request (and
    every parent a structure): a misspelt path fails when the builder class is defined."""
    path = _fill(cls, template, where)
    keys = tuple(path.split("."))
    node = spec
    for depth, key in enumerate(keys):
        member = node.by_wire.get(key)
        if member is None:
            close = difflib.get_close_matches(key, list(node.by_wire), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise TypeError(f"{where}: {path!r} names no member {key!r} of {node.name}{hint}")
        if depth + 1 < len(keys):
            if member.kind != "structure" or member.shape is None:
                raise TypeError(
                    f"{where}: {path!r} goes inside {node.name}.{key}, which is a "
                    f"{member.kind}, not a structure"
                )
            node = spec_of(member.shape)
    return keys


# ----------------------------------------------------------------------------- the base


def _new(cls: type[_B], wire: dict[str, Any], ref: _Reference | None) -> _B:
    new = object.__new__(cls)
    object.__setattr__(new, "_wire", wire)
    object.__setattr__(new, "_ref", ref)
    return new


@attrs.frozen(init=False, repr=False)
class _Base:
    """State, copying, requirements and display shared by every builder and step mixin.

    A builder is a frozen attrs value: ``_wire`` is the request so far in wire form, never
    changed once built (steps copy the dicts along the path they change and share the rest),
    and holding only data the builder owns (step values are copied in, ``to_wire()`` copies
    out). Two builders of one class with the same state are equal and hash alike.

    Declarations, checked when a builder class (one with a ``_request``) is defined:

    - every ``_Path`` class attribute is the path a step writes; the class gets it resolved
      against its request's spec, so a misspelt member raises ``TypeError`` at import;
    - ``_requires`` lists each class's own requirements; a builder requires those of all its
      classes, base classes first (a step mixin requires what its steps set).
    """

    _request: ClassVar[type[Shape]]
    _described: ClassVar[type[Shape] | None] = None
    _create_method: ClassVar[str]
    _name_key: ClassVar[str]
    _requires: ClassVar[tuple[Requires, ...]] = (
        Requires("{name}", "a name is required; pass it to the builder or call .name(...)"),
    )
    _needs: ClassVar[tuple[_Need, ...]] = ()
    """Every requirement of the class, resolved (built from ``_requires`` along the MRO)."""

    _NAME: ClassVar[_Path] = _Path("{name}")

    _wire: dict[str, Any]
    _ref: _Reference | None

    def __init__(self, name: str | None = None) -> None:
        object.__setattr__(self, "_wire", {} if name is None else {self._NAME.keys[0]: name})
        object.__setattr__(self, "_ref", None)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not hasattr(cls, "_request"):
            return  # a step mixin: its paths are resolved in the builders that use it
        spec = spec_of(cls._request)
        paths: dict[str, _Path] = {}
        needs: list[_Need] = []
        for klass in reversed(cls.__mro__):
            paths.update((k, v) for k, v in vars(klass).items() if isinstance(v, _Path))
            for need in vars(klass).get("_requires", ()):
                where = f"{cls.__name__} requirement {need.path!r}"
                keys = _resolve(cls, spec, need.path, where)
                any_of = tuple(_resolve(cls, spec, p, where) for p in need.any_of)
                hint = _fill(cls, need.hint, where)
                needs.append(_Need(".".join(keys), hint, any_of or (keys,)))
        for attr, declared in paths.items():
            keys = _resolve(cls, spec, declared.template, f"{cls.__name__}.{attr}")
            setattr(cls, attr, _Path(declared.template, keys))
        cls._needs = tuple(needs)

    def __hash__(self) -> int:
        return hash((type(self), _frozen(self._wire), self._ref))

    def _with(self: _B, path: _Path, value: Any) -> _B:
        """A copy with ``value`` at ``path`` (``None`` removes it)."""
        stored = None if value is None else _wire_of(value)
        return _new(type(self), _put(self._wire, path.keys, stored), self._ref)

    def _edit(self: _B, *changes: tuple[_Path, Any]) -> _B:
        """A copy with several values set (``None`` removes one)."""
        wire = self._wire
        for path, value in changes:
            wire = _put(wire, path.keys, None if value is None else _wire_of(value))
        return _new(type(self), wire, self._ref)

    def name(self: _B, name: str) -> _B:
        """The resource's name (unique in the account and region)."""
        return self._with(self._NAME, name)

    def missing(self) -> list[Problem]:
        """The steps still needed, each with what to call."""
        wire = self._wire
        return [
            Problem(need.path, need.hint)
            for need in self._needs
            if not any(_has(wire, keys) for keys in need.keys)
        ]

    def to_wire(self) -> dict[str, Any]:
        """The request as it stands, in wire form (possibly incomplete); yours to change."""
        wire: dict[str, Any] = _copy(self._wire)
        return wire

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
        name_key = self._NAME.text
        name = self._wire.get(name_key)
        parts = [repr(name)] if name is not None else []
        done = [_py_path(k) for k in self._wire if k != name_key]
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
    keep = spec_of(cls._request).by_wire
    return _new(cls, {k: v for k, v in to_wire(request).items() if k in keep}, None)


# ----------------------------------------------------------------------------- shared steps


class _Role(_Base):
    _ROLE_ARN: ClassVar[_Path] = _Path("RoleArn")
    _requires: ClassVar[tuple[Requires, ...]] = (
        Requires("RoleArn", "role is required; call .role(arn)"),
    )
    __slots__ = ()

    def role(self: _RO, arn: str) -> _RO:
        """The IAM role SageMaker assumes to run the job."""
        return self._with(self._ROLE_ARN, arn)


class _Tags(_Base):
    _TAGS: ClassVar[_Path] = _Path("Tags")
    __slots__ = ()

    def tag(self: _T, key: str, value: str) -> _T:
        """Add a tag (keys must be unique; a repeated key is reported by ``build()``)."""
        tags = [*(_get(self._wire, self._TAGS.keys) or ()), {"Key": key, "Value": value}]
        return self._with(self._TAGS, tags)

    def tags(self: _T, tags: Mapping[str, str]) -> _T:
        """Add several tags."""
        added = [{"Key": key, "Value": value} for key, value in tags.items()]
        if not added:
            return self
        return self._with(self._TAGS, [*(_get(self._wire, self._TAGS.keys) or ()), *added])


class _Network(_Base):
    """VPC and network steps, shared by every job that runs containers."""

    _VPC: ClassVar[_Path] = _Path("NetworkConfig.VpcConfig")
    _ISOLATION: ClassVar[_Path] = _Path("NetworkConfig.EnableNetworkIsolation")
    _ENCRYPTION: ClassVar[_Path] = _Path("NetworkConfig.EnableInterContainerTrafficEncryption")
    __slots__ = ()

    def vpc(self: _N, subnets: Iterable[str], security_groups: Iterable[str]) -> _N:
        """Run inside a VPC."""
        config = {"Subnets": list(subnets), "SecurityGroupIds": list(security_groups)}
        return self._with(self._VPC, config)

    def network(
        self: _N, *, isolation: bool | None = None, encrypt_inter_container: bool | None = None
    ) -> _N:
        """Network isolation and inter-container traffic encryption."""
        return self._edit((self._ISOLATION, isolation), (self._ENCRYPTION, encrypt_inter_container))


class _JobDefinition(_Role, _Tags, _Network):
    """Steps every monitoring job definition has."""

    _kind: ClassVar[str]
    _image_step: ClassVar[str]
    """The step that sets the image of the kind's container from a region."""

    _IMAGE_URI: ClassVar[_Path] = _Path("{kind}AppSpecification.ImageUri")
    _ENVIRONMENT: ClassVar[_Path] = _Path("{kind}AppSpecification.Environment")
    _ENDPOINT_INPUT: ClassVar[_Path] = _Path("{kind}JobInput.EndpointInput")
    _BATCH_INPUT: ClassVar[_Path] = _Path("{kind}JobInput.BatchTransformInput")
    _CLUSTER: ClassVar[_Path] = _Path("JobResources.ClusterConfig")
    _OUTPUT: ClassVar[_Path] = _Path("{kind}JobOutputConfig")
    _MAX_RUNTIME: ClassVar[_Path] = _Path("StoppingCondition.MaxRuntimeInSeconds")
    _requires: ClassVar[tuple[Requires, ...]] = (
        Requires(
            "{kind}AppSpecification.ImageUri",
            "image is required; call .image(uri) or .{image_step}(region)",
        ),
        Requires(
            "{kind}JobInput",
            "an input is required; call .endpoint(name) or .batch_transform(s3_uri)",
            any_of=("{kind}JobInput.EndpointInput", "{kind}JobInput.BatchTransformInput"),
        ),
        Requires("{kind}JobOutputConfig", "an output is required; call .output(s3_uri)"),
        Requires(
            "JobResources", "a cluster is required; call .cluster(instance_type, volume_gb=...)"
        ),
    )
    __slots__ = ()

    def image(self: _J, uri: str) -> _J:
        """The monitoring container image (the Model Monitor or Clarify image of your region:
        ``.model_monitor_image(region)`` or ``.clarify_image(region)`` set it for you)."""
        return self._with(self._IMAGE_URI, uri)

    def environment(self: _J, **variables: str) -> _J:
        """Environment variables for the monitoring container."""
        current = _get(self._wire, self._ENVIRONMENT.keys) or {}
        return self._with(self._ENVIRONMENT, current | variables)

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
        where = self._ENDPOINT_INPUT.text
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
        return self._edit((self._BATCH_INPUT, None), (self._ENDPOINT_INPUT, values))

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
        where = self._BATCH_INPUT.text
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
        return self._edit((self._ENDPOINT_INPUT, None), (self._BATCH_INPUT, values))

    def cluster(
        self: _J,
        instance_type: ProcessingInstanceType,
        *,
        count: int = 1,
        volume_gb: int,
        volume_kms_key: str | None = None,
    ) -> _J:
        """The processing cluster: instance type, count (default 1) and volume size in GB."""
        self._enums((instance_type, ProcessingInstanceType, f"{self._CLUSTER.text}.InstanceType"))
        values = {
            "InstanceCount": count,
            "InstanceType": instance_type,
            "VolumeSizeInGB": volume_gb,
            "VolumeKmsKeyId": volume_kms_key,
        }
        return self._with(self._CLUSTER, {k: v for k, v in values.items() if v is not None})

    def output(
        self: _J,
        s3_uri: str,
        *,
        local_path: str = OUTPUT_PATH,
        upload: ProcessingS3UploadMode | None = None,
        kms_key: str | None = None,
    ) -> _J:
        """Where reports go: an S3 URI, written from ``local_path`` (``/opt/ml/processing/output``)."""
        where = f"{self._OUTPUT.text}.MonitoringOutputs[0].S3Output.S3UploadMode"
        self._enums((upload, ProcessingS3UploadMode, where))
        s3 = {"S3Uri": s3_uri, "LocalPath": local_path, "S3UploadMode": upload}
        config: dict[str, Any] = {
            "MonitoringOutputs": [{"S3Output": {k: v for k, v in s3.items() if v is not None}}]
        }
        if kms_key is not None:
            config["KmsKeyId"] = kms_key
        return self._with(self._OUTPUT, config)

    def max_runtime(self: _J, value: datetime.timedelta | int) -> _J:
        """How long one monitoring job may run (at most the schedule's frequency)."""
        return self._with(self._MAX_RUNTIME, _seconds(value, "max_runtime"))


class _AnalyzerImage(_JobDefinition):
    _image_step = "model_monitor_image"
    __slots__ = ()

    def model_monitor_image(self: _J, region: str) -> _J:
        """The Model Monitor analyzer image of ``region`` (from :mod:`sagemon.images`); a region
        with no known image raises :class:`~sagemon.errors.UnknownRegionError`."""
        return self._with(self._IMAGE_URI, model_monitor_image_uri(region))


class _ClarifyImage(_JobDefinition):
    _image_step = "clarify_image"
    __slots__ = ()

    def clarify_image(self: _J, region: str) -> _J:
        """The Clarify processing image of ``region`` (from :mod:`sagemon.images`); a region
        with no known image raises :class:`~sagemon.errors.UnknownRegionError`."""
        return self._with(self._IMAGE_URI, clarify_image_uri(region))


class _GroundTruth(_JobDefinition):
    _GROUND_TRUTH: ClassVar[_Path] = _Path("{kind}JobInput.GroundTruthS3Input")
    _requires: ClassVar[tuple[Requires, ...]] = (
        Requires(
            "{kind}JobInput.GroundTruthS3Input",
            "ground truth is required; call .ground_truth(s3_uri)",
        ),
    )
    __slots__ = ()

    def ground_truth(self: _G, s3_uri: str) -> _G:
        """Where the ground-truth labels are uploaded."""
        return self._with(self._GROUND_TRUTH, {"S3Uri": s3_uri})


class _Container(_JobDefinition):
    _ENTRYPOINT: ClassVar[_Path] = _Path("{kind}AppSpecification.ContainerEntrypoint")
    _ARGUMENTS: ClassVar[_Path] = _Path("{kind}AppSpecification.ContainerArguments")
    _PREPROCESSOR: ClassVar[_Path] = _Path("{kind}AppSpecification.RecordPreprocessorSourceUri")
    _POSTPROCESSOR: ClassVar[_Path] = _Path(
        "{kind}AppSpecification.PostAnalyticsProcessorSourceUri"
    )
    __slots__ = ()

    def container(
        self: _C,
        *,
        entrypoint: Iterable[str] | None = None,
        arguments: Iterable[str] | None = None,
        record_preprocessor: str | None = None,
        post_analytics_processor: str | None = None,
    ) -> _C:
        """Container entrypoint and arguments, and S3 URIs of pre/post-processing scripts."""
        return self._edit(
            (self._ENTRYPOINT, None if entrypoint is None else list(entrypoint)),
            (self._ARGUMENTS, None if arguments is None else list(arguments)),
            (self._PREPROCESSOR, record_preprocessor),
            (self._POSTPROCESSOR, post_analytics_processor),
        )


class _AnalysisConfig(_JobDefinition):
    _CONFIG_URI: ClassVar[_Path] = _Path("{kind}AppSpecification.ConfigUri")
    _requires: ClassVar[tuple[Requires, ...]] = (
        Requires(
            "{kind}AppSpecification.ConfigUri",
            "an analysis config is required; call .analysis_config(s3_uri)",
        ),
    )
    __slots__ = ()

    def analysis_config(self: _A, s3_uri: str) -> _A:
        """The Clarify analysis configuration (JSON in S3)."""
        return self._with(self._CONFIG_URI, s3_uri)


class _ConstraintsBaseline(_JobDefinition):
    _BASELINE_JOB: ClassVar[_Path] = _Path("{kind}BaselineConfig.BaseliningJobName")
    _CONSTRAINTS: ClassVar[_Path] = _Path("{kind}BaselineConfig.ConstraintsResource")
    __slots__ = ()

    def baseline(self: _CB, *, constraints: str | None = None, job_name: str | None = None) -> _CB:
        """Baseline constraints (S3 URI) and/or the name of the baselining job."""
        changes: list[tuple[_Path, Any]] = [(self._BASELINE_JOB, job_name)]
        if constraints is not None:
            changes.append((self._CONSTRAINTS, {"S3Uri": constraints}))
        return self._edit(*changes)


# ----------------------------------------------------------------------------- job definitions


class ModelQualityJobDefinitionBuilder(
    _GroundTruth,
    _Container,
    _ConstraintsBaseline,
    _AnalyzerImage,
    _Builder[s.CreateModelQualityJobDefinitionRequest, s.CreateModelQualityJobDefinitionResponse],
):
    """Build a ``CreateModelQualityJobDefinitionRequest`` step by step."""

    __module__ = "sagemon"

    _kind = "ModelQuality"
    _request = s.CreateModelQualityJobDefinitionRequest
    _described = s.DescribeModelQualityJobDefinitionResponse
    _create_method = "create_model_quality_job_definition"
    _name_key = "JobDefinitionName"
    _PROBLEM_TYPE: ClassVar[_Path] = _Path("ModelQualityAppSpecification.ProblemType")
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

    def problem_type(self: _MQ, problem_type: MonitoringProblemType) -> _MQ:
        """Binary classification, multiclass classification or regression."""
        self._enums((problem_type, MonitoringProblemType, self._PROBLEM_TYPE.text))
        return self._with(self._PROBLEM_TYPE, problem_type)


class ModelBiasJobDefinitionBuilder(
    _GroundTruth,
    _AnalysisConfig,
    _ConstraintsBaseline,
    _ClarifyImage,
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


class ModelExplainabilityJobDefinitionBuilder(
    _AnalysisConfig,
    _ConstraintsBaseline,
    _ClarifyImage,
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


class DataQualityJobDefinitionBuilder(
    _Container,
    _AnalyzerImage,
    _Builder[s.CreateDataQualityJobDefinitionRequest, s.CreateDataQualityJobDefinitionResponse],
):
    """Build a ``CreateDataQualityJobDefinitionRequest`` step by step."""

    __module__ = "sagemon"

    _kind = "DataQuality"
    _request = s.CreateDataQualityJobDefinitionRequest
    _described = s.DescribeDataQualityJobDefinitionResponse
    _create_method = "create_data_quality_job_definition"
    _name_key = "JobDefinitionName"
    _BASELINE_JOB: ClassVar[_Path] = _Path("DataQualityBaselineConfig.BaseliningJobName")
    _CONSTRAINTS: ClassVar[_Path] = _Path("DataQualityBaselineConfig.ConstraintsResource")
    _STATISTICS: ClassVar[_Path] = _Path("DataQualityBaselineConfig.StatisticsResource")
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
        self: _DQ,
        *,
        constraints: str | None = None,
        statistics: str | None = None,
        job_name: str | None = None,
    ) -> _DQ:
        """Baseline constraints and statistics (S3 URIs) and/or the baselining job's name."""
        changes: list[tuple[_Path, Any]] = [(self._BASELINE_JOB, job_name)]
        if constraints is not None:
            changes.append((self._CONSTRAINTS, {"S3Uri": constraints}))
        if statistics is not None:
            changes.append((self._STATISTICS, {"S3Uri": statistics}))
        return self._edit(*changes)


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
    _SCHEDULE: ClassVar[_Path] = _Path("MonitoringScheduleConfig.ScheduleConfig")
    _EXPRESSION: ClassVar[_Path] = _Path(
        "MonitoringScheduleConfig.ScheduleConfig.ScheduleExpression"
    )
    _INLINE: ClassVar[_Path] = _Path("MonitoringScheduleConfig.MonitoringJobDefinition")
    _DEFINITION: ClassVar[_Path] = _Path("MonitoringScheduleConfig.MonitoringJobDefinitionName")
    _TYPE: ClassVar[_Path] = _Path("MonitoringScheduleConfig.MonitoringType")
    _requires: ClassVar[tuple[Requires, ...]] = (
        Requires(
            "MonitoringScheduleConfig",
            "a job definition is required; call .definition(...)",
            any_of=(
                "MonitoringScheduleConfig.MonitoringJobDefinitionName",
                "MonitoringScheduleConfig.MonitoringJobDefinition",
            ),
        ),
    )
    __slots__ = ()

    @classmethod
    def from_request(
        cls: type[_M],
        request: s.CreateMonitoringScheduleRequest | s.DescribeMonitoringScheduleResponse,
    ) -> _M:
        """A builder holding ``request`` or a described schedule, e.g. to copy it under a new
        name: ``MonitoringScheduleBuilder.from_request(described).name("copy").build()``."""
        builder = _from_request(cls, request)
        kind = getattr(request, "monitoring_type", None)  # a Describe response has it on top
        if (
            kind
            and _has(builder._wire, cls._DEFINITION.keys)
            and not _has(builder._wire, cls._TYPE.keys)
        ):
            return builder._with(cls._TYPE, kind)
        return builder

    def schedule(self: _M, schedule: Schedule | str) -> _M:
        """When to run: a :class:`Schedule` or an expression (without one, SageMaker picks a
        daily time). ``build()`` checks an expression against the supported forms."""
        config = (
            schedule.config()
            if isinstance(schedule, Schedule)
            else {"ScheduleExpression": schedule}
        )
        return self._with(self._SCHEDULE, config)

    @overload
    def definition(self: _M, definition: str, monitoring_type: MonitoringType) -> _M: ...

    @overload
    def definition(
        self: _M, definition: DefinitionSource, monitoring_type: MonitoringType | None = None
    ) -> _M: ...

    def definition(
        self: _M,
        definition: str | DefinitionSource,
        monitoring_type: MonitoringType | None = None,
    ) -> _M:
        """The job definition to run: its name with ``monitoring_type``, a job-definition
        request, a Describe response or builder (type inferred, and its max runtime checked
        against the schedule), or an inline ``MonitoringJobDefinition``."""
        self._enums((monitoring_type, MonitoringType, self._TYPE.text))
        if isinstance(definition, s.MonitoringJobDefinition):
            new = self._edit(
                (self._DEFINITION, None),
                (self._INLINE, definition),
                (self._TYPE, monitoring_type),
            )
            return _new(type(self), new._wire, None)
        name: Any
        runtime: object
        if isinstance(definition, str):
            name, kind, runtime = definition, monitoring_type, None
        else:
            if isinstance(definition, _JobDefinition):
                kind = MonitoringType(definition._kind)
                wire = definition._wire  # read only
            elif type(definition) in _DEFINITION_TYPES:
                kind = _DEFINITION_TYPES[type(definition)]
                wire = to_wire(definition)
            else:
                raise TypeError(
                    "definition() takes a name, a job definition or its builder, "
                    f"not {type(definition).__name__}"
                )
            name = wire.get("JobDefinitionName")
            runtime = _get(wire, ("StoppingCondition", "MaxRuntimeInSeconds"))
            if monitoring_type is not None and monitoring_type is not kind:
                raise ValidationError(
                    [
                        Problem(
                            self._TYPE.text,
                            f"the definition is {kind.value}, not {monitoring_type.value}; "
                            "leave monitoring_type out to take the definition's",
                        )
                    ],
                    self._request.__name__,
                )
        new = self._edit((self._INLINE, None), (self._DEFINITION, name), (self._TYPE, kind))
        ref = None if kind is None else _Reference(kind, runtime, name)
        return _new(type(self), new._wire, ref)

    def _extra_problems(self, known: Known) -> list[Problem]:
        """A referenced definition's max runtime must fit the schedule (only the builder knows
        it); the problem points at the definition's member, which is what to change."""
        expression = _get(self._wire, self._EXPRESSION.keys)
        ref = self._ref
        if (
            ref is None
            or type(expression) is not str
            or type(ref.max_runtime) is not int
            or known.broken(self._EXPRESSION.text)
        ):
            return []
        return runtime_problems(
            expression,
            ref.max_runtime,
            ref.monitoring_type,
            f"MonitoringJobDefinition[{ref.name or 'unnamed'}].StoppingCondition.MaxRuntimeInSeconds",
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
    _MODEL: ClassVar[_Path] = _Path("ModelSource")
    _TARGET: ClassVar[_Path] = _Path("DeploymentInstanceType")
    _MAX_INSTANCES: ClassVar[_Path] = _Path("MaxInstanceCount")
    _CONFIGS: ClassVar[_Path] = _Path("OptimizationConfigs")
    _ENVIRONMENT: ClassVar[_Path] = _Path("OptimizationEnvironment")
    _OUTPUT: ClassVar[_Path] = _Path("OutputConfig")
    _MAX_RUNTIME: ClassVar[_Path] = _Path("StoppingCondition.MaxRuntimeInSeconds")
    _MAX_WAIT: ClassVar[_Path] = _Path("StoppingCondition.MaxWaitTimeInSeconds")
    _MAX_PENDING: ClassVar[_Path] = _Path("StoppingCondition.MaxPendingTimeInSeconds")
    _VPC: ClassVar[_Path] = _Path("VpcConfig")
    _TRAINING_PLANS: ClassVar[_Path] = _Path("TrainingPlanArns")
    _requires: ClassVar[tuple[Requires, ...]] = (
        Requires(
            "ModelSource", "a model is required; call .model(s3_uri) or .sagemaker_model(name)"
        ),
        Requires("DeploymentInstanceType", "a target is required; call .deploy_on(instance_type)"),
        Requires(
            "OptimizationConfigs",
            "a technique is required; call .quantize(), .compile(), .shard() or .speculative_decoding()",
        ),
        Requires("OutputConfig", "an output is required; call .output(s3_uri)"),
        Requires(
            "StoppingCondition", "a time limit is required; call .max_runtime(timedelta(...))"
        ),
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
        return self._with(self._MODEL, {"S3": source})

    def sagemaker_model(self: _X, name: str) -> _X:
        """The model to optimize, by its SageMaker model name."""
        return self._with(self._MODEL, {"SageMakerModel": {"ModelName": name}})

    def deploy_on(
        self: _X,
        instance_type: OptimizationJobDeploymentInstanceType,
        *,
        max_instances: int | None = None,
    ) -> _X:
        """The instance type the optimized model is for (and at most how many)."""
        self._enums((instance_type, OptimizationJobDeploymentInstanceType, self._TARGET.text))
        return self._edit((self._TARGET, instance_type), (self._MAX_INSTANCES, max_instances))

    def _technique(self: _X, key: str, config: dict[str, Any]) -> _X:
        configs = [c for c in _get(self._wire, self._CONFIGS.keys) or () if key not in c]
        return self._with(self._CONFIGS, [*configs, {key: config}])

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
        index = sum(key not in c for c in _get(self._wire, self._CONFIGS.keys) or ())
        where = f"{self._CONFIGS.text}[{index}].{key}"
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
        return self._technique(key, config)

    def environment(self: _X, **variables: str) -> _X:
        """Environment variables for the optimization container."""
        current = _get(self._wire, self._ENVIRONMENT.keys) or {}
        return self._with(self._ENVIRONMENT, current | variables)

    def output(
        self: _X, s3_uri: str, *, kms_key: str | None = None, model_name: str | None = None
    ) -> _X:
        """Where the optimized model goes (and, optionally, a SageMaker model to create)."""
        config: dict[str, Any] = {"S3OutputLocation": s3_uri, "KmsKeyId": kms_key}
        if model_name is not None:
            config["SageMakerModel"] = {"ModelName": model_name}
        return self._with(self._OUTPUT, {k: v for k, v in config.items() if v is not None})

    def max_runtime(self: _X, value: datetime.timedelta | int) -> _X:
        """How long the job may run."""
        return self._with(self._MAX_RUNTIME, _seconds(value, "max_runtime"))

    def max_wait(self: _X, value: datetime.timedelta | int) -> _X:
        """How long to wait for capacity plus run (at least the max runtime)."""
        return self._with(self._MAX_WAIT, _seconds(value, "max_wait"))

    def max_pending(self: _X, value: datetime.timedelta | int) -> _X:
        """How long the job may stay pending (30 minutes to 28 days)."""
        return self._with(self._MAX_PENDING, _seconds(value, "max_pending"))

    def vpc(self: _X, subnets: Iterable[str], security_groups: Iterable[str]) -> _X:
        """Run inside a VPC."""
        return self._with(
            self._VPC, {"Subnets": list(subnets), "SecurityGroupIds": list(security_groups)}
        )

    def training_plan(self: _X, arn: str) -> _X:
        """Run on the capacity of a SageMaker training plan."""
        return self._with(self._TRAINING_PLANS, [arn])
