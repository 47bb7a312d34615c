"""Baselining jobs: the Model Monitor analyzer suggests statistics and constraints from a dataset.

A baselining job is a plain processing job (``CreateProcessingJob``) running the Model Monitor
analyzer image with the environment the SageMaker Python SDK's ``DefaultModelMonitor.
suggest_baseline`` and ``ModelQualityMonitor.suggest_baseline`` give it: the dataset as the input
``baseline_dataset_input`` at ``/opt/ml/processing/input/baseline_dataset_input``, the output
``monitoring_output`` from ``/opt/ml/processing/output``, ``dataset_format`` (the analyzer's own
JSON, not the API's ``DatasetFormat``), ``dataset_source``, ``output_path``,
``publish_cloudwatch_metrics: Disabled``, and for model quality ``analysis_type: MODEL_QUALITY``,
``problem_type`` and the column locators. It writes ``statistics.json`` and ``constraints.json``
under the output S3 URI; :func:`read_suggested_baseline` reads them typed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Final, TypeVar

import attrs

from sagemon._builders import (
    Requires,
    _Builder,
    _from_request,
    _get,
    _has,
    _Network,
    _Path,
    _Role,
    _seconds,
    _Tags,
)
from sagemon._generated import shapes as s
from sagemon._generated.enums import (
    MonitoringProblemType,
    ProcessingInstanceType,
    ProcessingJobStatus,
)
from sagemon._reports_base import Cell, Table, Tabular
from sagemon._rules import Known
from sagemon.errors import Problem, ReportError, ReportsUnavailable, ValidationError

if TYPE_CHECKING:
    import datetime

    from sagemon._client import Client
    from sagemon._reports_data import DataQualityConstraints, DataQualityStatistics
    from sagemon._reports_model import ModelQualityConstraints, ModelQualityStatistics

__all__ = [
    "BASELINE_DATASET_PATH",
    "BaselineDatasetFormat",
    "DataQualityBaselineJobBuilder",
    "ModelQualityBaselineJobBuilder",
    "SuggestedBaseline",
    "read_suggested_baseline",
]

_B = TypeVar("_B", bound="_BaselineJob")

#: Container paths, as the SageMaker Python SDK's ``suggest_baseline`` sets them.
PROCESSING_BASE: Final = "/opt/ml/processing"
BASELINE_DATASET_INPUT: Final = "baseline_dataset_input"
BASELINE_DATASET_PATH: Final = f"{PROCESSING_BASE}/input/{BASELINE_DATASET_INPUT}"
OUTPUT_PATH: Final = f"{PROCESSING_BASE}/output"
OUTPUT_NAME: Final = "monitoring_output"
_POST_ANALYTICS_INPUT: Final = "post_analytics_processor_script_input"
_RECORD_PREPROCESSOR_INPUT: Final = "record_preprocessor_script_input"
_DRIFT_METHODS: Final = ("LInfinity", "ChiSquared")


_FORMAT_OPTIONS: Final[dict[str, dict[str, tuple[object, ...]]]] = {
    "csv": {"header": (True, False), "output_columns_position": ("START", "END")},
    "json": {"lines": (True, False)},
    "sagemakerCaptureJson": {},
}


@attrs.frozen(init=False, repr=False)
class BaselineDatasetFormat:
    """The baseline dataset's format as the analyzer reads it (its ``dataset_format`` variable).

    Not the API's :class:`~sagemon.DatasetFormat` (``{"Csv": {"Header": …}}``): the analyzer
    takes its own lower-case JSON, as the SageMaker Python SDK's baselining ``DatasetFormat``
    writes it. ``BaselineDatasetFormat.csv()`` (with a header row) is the default. A frozen,
    hashable value: it holds the JSON text; :attr:`data` is a fresh copy of it as a dict.
    ``BaselineDatasetFormat(data)`` takes that dict and checks it as the constructors do
    (:class:`~sagemon.errors.ValidationError`).
    """

    __module__ = "sagemon"

    _text: str

    def __init__(self, data: Mapping[str, Mapping[str, bool | str]]) -> None:
        self.__attrs_init__(json.dumps(_checked_format(data), sort_keys=True))

    @property
    def data(self) -> dict[str, dict[str, bool | str]]:
        """The format as the analyzer's JSON object (a copy: editing it changes nothing)."""
        found: dict[str, dict[str, bool | str]] = json.loads(self._text)
        return found

    @classmethod
    def csv(
        cls, header: bool = True, output_columns_position: str = "START"
    ) -> BaselineDatasetFormat:
        """CSV, with or without a header row; ``output_columns_position`` ``START`` or ``END``
        says where a model's outputs are in each row."""
        return cls({"csv": {"header": header, "output_columns_position": output_columns_position}})

    @classmethod
    def json(cls, lines: bool = True) -> BaselineDatasetFormat:
        """JSON, one object per line (``lines=True``) or one document."""
        return cls({"json": {"lines": lines}})

    @classmethod
    def sagemaker_capture_json(cls) -> BaselineDatasetFormat:
        """Data captured from an endpoint (SageMaker's capture JSON Lines)."""
        return cls({"sagemakerCaptureJson": {}})

    def to_json(self) -> str:
        """The value of the ``dataset_format`` environment variable."""
        return self._text

    def __repr__(self) -> str:
        return f"BaselineDatasetFormat({self.data!r})"


def _checked_format(data: object) -> dict[str, dict[str, object]]:
    """``data`` as a plain dict if it is one of the analyzer's formats; else every problem."""
    problems: list[Problem] = []
    kinds = ", ".join(repr(k) for k in _FORMAT_OPTIONS)
    if not isinstance(data, Mapping) or len(data) != 1:
        problems.append(Problem("<root>", f"must be a mapping with one key of {kinds}"))
    else:
        ((kind, options),) = data.items()
        allowed = _FORMAT_OPTIONS.get(kind) if isinstance(kind, str) else None
        if allowed is None:
            problems.append(Problem(str(kind), f"is not a dataset format; use one of {kinds}"))
        elif not isinstance(options, Mapping):
            problems.append(Problem(kind, "must be a mapping of options"))
        else:
            for name, value in options.items():
                values = allowed.get(name) if isinstance(name, str) else None
                if values is None:
                    known = ", ".join(repr(n) for n in allowed) or "none"
                    problems.append(
                        Problem(f"{kind}.{name}", f"is not an option (options: {known})")
                    )
                elif not any(value is v if isinstance(v, bool) else value == v for v in values):
                    shown = " or ".join(repr(v) for v in values)
                    problems.append(Problem(f"{kind}.{name}", f"must be {shown}, not {value!r}"))
            if not problems:
                return {kind: dict(options)}
    raise ValidationError(problems, "BaselineDatasetFormat")


class _BaselineJob(
    _Role,
    _Tags,
    _Network,
    _Builder[s.CreateProcessingJobRequest, s.CreateProcessingJobResponse],
):
    """Steps every baselining job has; the cluster defaults to the SDK's (one ml.m5.xlarge,
    30 GB)."""

    _request = s.CreateProcessingJobRequest
    _described = s.DescribeProcessingJobResponse
    _create_method = "create_processing_job"
    _name_key = "ProcessingJobName"
    _analysis: ClassVar[dict[str, str]] = {}

    _IMAGE_URI: ClassVar[_Path] = _Path("AppSpecification.ImageUri")
    _ENVIRONMENT: ClassVar[_Path] = _Path("Environment")
    _INPUTS: ClassVar[_Path] = _Path("ProcessingInputs")
    _OUTPUT: ClassVar[_Path] = _Path("ProcessingOutputConfig")
    _CLUSTER: ClassVar[_Path] = _Path("ProcessingResources.ClusterConfig")
    _MAX_RUNTIME: ClassVar[_Path] = _Path("StoppingCondition.MaxRuntimeInSeconds")
    _requires: ClassVar[tuple[Requires, ...]] = (
        Requires(
            "AppSpecification.ImageUri",
            "image is required; call .image(uri) or .model_monitor_image(region) (create() uses"
            " the client's region)",
        ),
        Requires("ProcessingInputs", "a dataset is required; call .dataset(s3_uri)"),
        Requires("ProcessingOutputConfig", "an output is required; call .output(s3_uri)"),
    )
    _environment_requires: ClassVar[tuple[tuple[str, str], ...]] = ()
    """Environment variables the analyzer needs, with the step that sets each (map keys are
    not members of the spec, so ``Requires`` cannot name them)."""
    __slots__ = ()

    def __init__(self, name: str | None = None) -> None:
        super().__init__(name)
        defaults = self._edit(
            (
                self._CLUSTER,
                {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 30},
            ),
            (self._ENVIRONMENT, {"publish_cloudwatch_metrics": "Disabled", **self._analysis}),
        )
        object.__setattr__(self, "_wire", defaults._wire)

    def missing(self) -> list[Problem]:
        environment = _get(self._wire, self._ENVIRONMENT.keys) or {}
        return super().missing() + [
            Problem(f"Environment.{key}", hint)
            for key, hint in self._environment_requires
            if key not in environment
        ]

    def _env(self: _B, **variables: str | None) -> _B:
        current = dict(_get(self._wire, self._ENVIRONMENT.keys) or {})
        for key, value in variables.items():
            if value is None:
                current.pop(key, None)
            else:
                current[key] = value
        return self._with(self._ENVIRONMENT, current)

    def _input(self: _B, name: str, entry: dict[str, Any] | None) -> _B:
        """A copy with the input called ``name`` replaced (``None``: removed), others kept."""
        current = _get(self._wire, self._INPUTS.keys) or []
        inputs = [i for i in current if i.get("InputName") != name]
        if entry is not None:
            inputs.append(entry)
            inputs.sort(key=lambda i: i.get("InputName") != BASELINE_DATASET_INPUT)
        return self._with(self._INPUTS, inputs or None)

    def image(self: _B, uri: str) -> _B:
        """The analyzer image; :meth:`model_monitor_image` picks the Model Monitor analyzer of a
        region, and :meth:`create` the one of the client's region when no image is set."""
        return self._with(self._IMAGE_URI, uri)

    def model_monitor_image(self: _B, region: str) -> _B:
        """Use the Model Monitor analyzer image of ``region`` (``sagemon.images``)."""
        from sagemon.images import model_monitor_image_uri

        return self.image(model_monitor_image_uri(region))

    def dataset(self: _B, s3_uri: str, dataset_format: BaselineDatasetFormat | None = None) -> _B:
        """The baseline dataset: an S3 prefix (or object) the analyzer reads, CSV with a header
        row unless ``dataset_format`` says otherwise."""
        chosen = dataset_format if dataset_format is not None else BaselineDatasetFormat.csv()
        entry = _s3_input(BASELINE_DATASET_INPUT, s3_uri, BASELINE_DATASET_PATH)
        new = self._input(BASELINE_DATASET_INPUT, entry)
        return new._env(dataset_format=chosen.to_json(), dataset_source=BASELINE_DATASET_PATH)

    def output(self: _B, s3_uri: str, *, kms_key: str | None = None) -> _B:
        """Where ``statistics.json`` and ``constraints.json`` go (written at the end of the job)."""
        config: dict[str, Any] = {
            "Outputs": [
                {
                    "OutputName": OUTPUT_NAME,
                    "S3Output": {
                        "S3Uri": s3_uri,
                        "LocalPath": OUTPUT_PATH,
                        "S3UploadMode": "EndOfJob",
                    },
                }
            ]
        }
        if kms_key is not None:
            config["KmsKeyId"] = kms_key
        return self._with(self._OUTPUT, config)._env(output_path=OUTPUT_PATH)

    def cluster(
        self: _B,
        instance_type: ProcessingInstanceType = ProcessingInstanceType.ML_M5_XLARGE,
        *,
        count: int = 1,
        volume_gb: int = 30,
        volume_kms_key: str | None = None,
    ) -> _B:
        """The processing cluster (default: one ml.m5.xlarge with 30 GB, as the SDK's)."""
        self._enums(
            (
                instance_type,
                ProcessingInstanceType,
                "ProcessingResources.ClusterConfig.InstanceType",
            )
        )
        values = {
            "InstanceCount": count,
            "InstanceType": instance_type,
            "VolumeSizeInGB": volume_gb,
            "VolumeKmsKeyId": volume_kms_key,
        }
        return self._with(self._CLUSTER, {k: v for k, v in values.items() if v is not None})

    def max_runtime(self: _B, value: datetime.timedelta | int) -> _B:
        """How long the job may run (the API's default: a day)."""
        return self._with(self._MAX_RUNTIME, _seconds(value, "max_runtime"))

    def environment(self: _B, **variables: str) -> _B:
        """More environment variables for the analyzer."""
        return self._env(**variables)

    def post_analytics_processor(self: _B, s3_uri: str) -> _B:
        """A post-analytics processor script (S3 URI of a ``.py`` file) the analyzer runs."""
        local = f"{PROCESSING_BASE}/input/{_POST_ANALYTICS_INPUT}"
        new = self._input(_POST_ANALYTICS_INPUT, _s3_input(_POST_ANALYTICS_INPUT, s3_uri, local))
        return new._env(post_analytics_processor_script=f"{local}/{_basename(s3_uri)}")

    def create(self, client: Client) -> s.CreateProcessingJobResponse:
        """Build and start the job with ``client``; without an image, the Model Monitor analyzer
        of the client's region."""
        builder = self
        if not _has(self._wire, self._IMAGE_URI.keys):
            region = client.boto3_client.meta.region_name
            if region:
                builder = self.model_monitor_image(region)
        return client.create_processing_job(builder.build())


def _s3_input(name: str, s3_uri: str, local_path: str) -> dict[str, Any]:
    return {
        "InputName": name,
        "S3Input": {
            "S3Uri": s3_uri,
            "LocalPath": local_path,
            "S3DataType": "S3Prefix",
            "S3InputMode": "File",
            "S3DataDistributionType": "FullyReplicated",
        },
    }


def _basename(uri: str) -> str:
    return uri.rstrip("/").rsplit("/", 1)[-1]


class DataQualityBaselineJobBuilder(_BaselineJob):
    """Build the ``CreateProcessingJobRequest`` of a data-quality baselining job.

    >>> request = (
    ...     DataQualityBaselineJobBuilder("churn-baseline")
    ...     .role("arn:aws:iam::123456789012:role/Monitor")
    ...     .model_monitor_image("us-east-1")
    ...     .dataset("s3://bucket/train/")
    ...     .output("s3://bucket/baseline")
    ...     .build()
    ... )
    >>> request.environment["dataset_source"]
    '/opt/ml/processing/input/baseline_dataset_input'
    """

    __module__ = "sagemon"
    __slots__ = ()

    @classmethod
    def from_request(
        cls, request: s.CreateProcessingJobRequest | s.DescribeProcessingJobResponse
    ) -> DataQualityBaselineJobBuilder:
        """A builder holding ``request`` or a described job, e.g. to run it again under a new
        name."""
        return _from_request(cls, request)

    def record_preprocessor(self, s3_uri: str) -> DataQualityBaselineJobBuilder:
        """A record preprocessor script (S3 URI of a ``.py`` file) applied to each record."""
        local = f"{PROCESSING_BASE}/input/{_RECORD_PREPROCESSOR_INPUT}"
        entry = _s3_input(_RECORD_PREPROCESSOR_INPUT, s3_uri, local)
        new = self._input(_RECORD_PREPROCESSOR_INPUT, entry)
        return new._env(record_preprocessor_script=f"{local}/{_basename(s3_uri)}")

    def categorical_drift_method(self, method: str) -> DataQualityBaselineJobBuilder:
        """How suggested constraints compare categorical features: ``"LInfinity"`` (the
        analyzer's default) or ``"ChiSquared"`` (``sagemon.reports.DriftMethod``)."""
        if method not in _DRIFT_METHODS:
            raise ValidationError(
                [
                    Problem(
                        "Environment.categorical_drift_method",
                        f"must be 'LInfinity' or 'ChiSquared', not {method!r}",
                    )
                ],
                "CreateProcessingJobRequest",
            )
        return self._env(categorical_drift_method=method)


class ModelQualityBaselineJobBuilder(_BaselineJob):
    """Build the ``CreateProcessingJobRequest`` of a model-quality baselining job: the dataset
    holds the model's predictions and the ground truth, located by :meth:`attributes`."""

    __module__ = "sagemon"
    __slots__ = ()
    _analysis: ClassVar[dict[str, str]] = {"analysis_type": "MODEL_QUALITY"}

    @classmethod
    def from_request(
        cls, request: s.CreateProcessingJobRequest | s.DescribeProcessingJobResponse
    ) -> ModelQualityBaselineJobBuilder:
        """A builder holding ``request`` or a described job, e.g. to run it again under a new
        name."""
        return _from_request(cls, request)

    def problem_type(self, problem_type: MonitoringProblemType) -> ModelQualityBaselineJobBuilder:
        """Binary classification, multiclass classification or regression."""
        self._enums((problem_type, MonitoringProblemType, "Environment.problem_type"))
        return self._env(problem_type=problem_type.value)

    def attributes(
        self,
        *,
        inference: str | int | None = None,
        ground_truth: str | int | None = None,
        probability: str | int | None = None,
        probability_threshold: float | None = None,
    ) -> ModelQualityBaselineJobBuilder:
        """Where the prediction, the ground truth and (binary classification) the probability
        are: a column name or 0-based column index (an ``int``, written as its digits) in CSV, a
        JSONPath in JSON; ``probability_threshold`` turns probabilities into labels (default
        0.5). ``None`` leaves a locator as it is."""
        located: dict[str, str | None] = {}
        problems = []
        for key, value in (
            ("inference_attribute", inference),
            ("ground_truth_attribute", ground_truth),
            ("probability_attribute", probability),
        ):
            if isinstance(value, bool) or (isinstance(value, int) and value < 0):
                problems.append(
                    Problem(
                        f"Environment.{key}",
                        f"must be a column name or a 0-based index, not {value!r}",
                    )
                )
            located[key] = str(value) if isinstance(value, int) else value
        if problems:
            raise ValidationError(problems, "CreateProcessingJobRequest")
        threshold = None if probability_threshold is None else repr(float(probability_threshold))
        return self._env(**located, probability_threshold_attribute=threshold)

    _environment_requires = (
        (
            "problem_type",
            "a problem type is required; call .problem_type(MonitoringProblemType...)",
        ),
        (
            "inference_attribute",
            "the prediction's location is required; call .attributes(inference=...)",
        ),
        (
            "ground_truth_attribute",
            "the ground truth's location is required; call .attributes(ground_truth=...)",
        ),
    )

    def _extra_problems(self, known: Known) -> list[Problem]:
        environment = _get(self._wire, self._ENVIRONMENT.keys) or {}
        problem = environment.get("problem_type")
        problems = []
        for key in ("probability_attribute", "probability_threshold_attribute"):
            if key in environment and problem not in (None, "BinaryClassification"):
                problems.append(
                    Problem(
                        f"Environment.{key}",
                        f"applies to BinaryClassification only, not {problem}",
                    )
                )
        return problems


# ----------------------------------------------------------------------------- reading


@attrs.frozen(kw_only=True, repr=False)
class SuggestedBaseline(Tabular):
    """What a finished baselining job suggested: its statistics and constraints, typed, and
    where they are.

    ``statistics`` and ``constraints`` are ``DataQuality…`` or ``ModelQuality…`` reports, as the
    job's ``analysis_type`` says; :meth:`data_quality` and :meth:`model_quality` give them typed
    as the kind you expect. Edit the constraints (``with_…``) and write them back with
    ``to_json()`` before pointing a job definition at them.
    """

    __module__ = "sagemon"

    processing_job_name: str
    s3_uri: str
    """The job's output prefix, where the analyzer wrote both files."""
    statistics_uri: str
    """``statistics.json`` under :attr:`s3_uri`."""
    constraints_uri: str
    """``constraints.json`` under :attr:`s3_uri`."""
    statistics: DataQualityStatistics | ModelQualityStatistics
    constraints: DataQualityConstraints | ModelQualityConstraints

    def data_quality(self) -> tuple[DataQualityStatistics, DataQualityConstraints]:
        """The statistics and constraints of a data-quality baselining job;
        :class:`~sagemon.reports.ReportError` if the job suggested model-quality ones."""
        from sagemon._reports_data import DataQualityConstraints, DataQualityStatistics

        statistics, constraints = self.statistics, self.constraints
        if isinstance(statistics, DataQualityStatistics) and isinstance(
            constraints, DataQualityConstraints
        ):
            return statistics, constraints
        raise ReportError(self._wrong_kind("data_quality", "model_quality"))

    def model_quality(self) -> tuple[ModelQualityStatistics, ModelQualityConstraints]:
        """The statistics and constraints of a model-quality baselining job;
        :class:`~sagemon.reports.ReportError` if the job suggested data-quality ones."""
        from sagemon._reports_model import ModelQualityConstraints, ModelQualityStatistics

        statistics, constraints = self.statistics, self.constraints
        if isinstance(statistics, ModelQualityStatistics) and isinstance(
            constraints, ModelQualityConstraints
        ):
            return statistics, constraints
        raise ReportError(self._wrong_kind("model_quality", "data_quality"))

    def _wrong_kind(self, asked: str, other: str) -> str:
        return (
            f"baselining job {self.processing_job_name!r} suggested "
            f"{type(self.statistics).__name__} and {type(self.constraints).__name__}, not "
            f"{asked.replace('_', ' ')} reports: call .{other}()"
        )

    def _title(self) -> str:
        return f"SuggestedBaseline: of baselining job {self.processing_job_name}"

    def _tables(self) -> tuple[Table, ...]:
        rows: tuple[tuple[Cell, ...], ...] = tuple(
            (role, type(report).__name__, report._summary(), uri)
            for role, report, uri in (
                ("statistics", self.statistics, self.statistics_uri),
                ("constraints", self.constraints, self.constraints_uri),
            )
        )
        return (
            Table(
                "files", f"Suggested under {self.s3_uri}", ("file", "kind", "summary", "uri"), rows
            ),
        )

    def __repr__(self) -> str:
        return f"<{self._title()}>"


def read_suggested_baseline(
    client: Client, processing_job_name: str, *, max_bytes: int
) -> SuggestedBaseline:
    """The typed reports of a ``Completed`` baselining job (see ``Client.suggested_baseline``)."""
    from sagemon._reports_data import DataQualityConstraints, DataQualityStatistics
    from sagemon._reports_model import ModelQualityConstraints, ModelQualityStatistics
    from sagemon._s3 import join_uri, read_report

    job = client.describe_processing_job(processing_job_name=processing_job_name)
    environment = job.environment or {}
    if "sagemaker_monitoring_schedule_name" in environment or "dataset_source" not in environment:
        schedule = environment.get("sagemaker_monitoring_schedule_name")
        whose = f" of {schedule!r}" if schedule else ""
        raise ReportsUnavailable(
            f"processing job {processing_job_name!r} is not a baselining job (its environment "
            "has no analyzer dataset_source): it is a monitoring execution's job"
            f"{whose}; read it with client.execution_reports({processing_job_name!r})",
            processing_job_name=processing_job_name,
        )
    status = job.processing_job_status
    if status is not ProcessingJobStatus.COMPLETED:
        why = f": {job.failure_reason}" if job.failure_reason else ""
        raise ReportsUnavailable(
            f"baselining job {processing_job_name!r} is {status.value}{why}; its reports are"
            " written when it is Completed (wait_for_processing_job() first)",
            status=status.value,
            processing_job_name=processing_job_name,
        )
    outputs = job.processing_output_config.outputs if job.processing_output_config else []
    found = next((o.s3_output for o in outputs if o.s3_output is not None), None)
    if found is None:
        raise ReportsUnavailable(
            f"baselining job {processing_job_name!r} has no S3 output, so it wrote no reports "
            "to S3",
            status=status.value,
            processing_job_name=processing_job_name,
        )
    model_quality = environment.get("analysis_type") == "MODEL_QUALITY"
    s3 = client.s3_client
    statistics_uri = join_uri(found.s3_uri, "statistics.json")
    constraints_uri = join_uri(found.s3_uri, "constraints.json")
    statistics: DataQualityStatistics | ModelQualityStatistics
    constraints: DataQualityConstraints | ModelQualityConstraints
    if model_quality:
        statistics = read_report(s3, statistics_uri, ModelQualityStatistics, max_bytes=max_bytes)
        constraints = read_report(s3, constraints_uri, ModelQualityConstraints, max_bytes=max_bytes)
    else:
        statistics = read_report(s3, statistics_uri, DataQualityStatistics, max_bytes=max_bytes)
        constraints = read_report(s3, constraints_uri, DataQualityConstraints, max_bytes=max_bytes)
    return SuggestedBaseline(
        processing_job_name=processing_job_name,
        s3_uri=found.s3_uri,
        statistics_uri=statistics_uri,
        constraints_uri=constraints_uri,
        statistics=statistics,
        constraints=constraints,
    )
