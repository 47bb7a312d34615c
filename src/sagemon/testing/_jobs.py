"""The processing jobs behind the local SageMaker's monitoring executions and baselining jobs.

A monitoring execution runs as processing jobs, as in AWS: ModelQuality and ModelBias first run
a ground-truth merge job (``groundtruth-merge-<yyyymmddHHMM>-<hash>``), then the analysis job
(``model-quality-monitoring-<same stamp and hash>``). The jobs' requests are made from the
schedule's job definition as real job descriptions show them (inputs under
``/opt/ml/processing``, the analyzer's environment variables, the output
``<S3Uri>/<endpoint>/<schedule>/<yyyy>/<mm>/<dd>/<HH>``), and a finished job's report files are
made here as ``{s3 uri: body}``. Everything is wire dicts; ``sagemon.reports`` reads the files.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sagemon.testing import _outputs as out

__all__ = [
    "JobSpec",
    "Storage",
    "ViolationRequest",
    "baseline_outputs",
    "clarify_outputs",
    "execution_jobs",
    "execution_outputs",
    "is_baselining",
    "is_clarify",
    "spec_of_definition",
    "spec_of_inline",
]

Wire = dict[str, Any]

#: A violation asked for: a complete JSON record, or (subject, check type, description or None).
ViolationRequest = Wire | tuple[str, str, str | None]

_PREFIXES = {
    "DataQuality": "model-monitoring",
    "ModelQuality": "model-quality-monitoring",
    "ModelBias": "model-bias-monitoring",
    "ModelExplainability": "explainability-monitoring",
}
_MERGER = "sagemaker-model-monitor-groundtruth-merger"
ANALYZER = "sagemaker-model-monitor-analyzer"
CLARIFY = "sagemaker-clarify-processing"
_BASE = "/opt/ml/processing"


class Storage(Protocol):
    """The local S3, as the fake's jobs use it."""

    def put(self, uri: str, body: bytes) -> None: ...

    def read(self, uri: str) -> bytes | None: ...

    def list(self, uri: str) -> list[str]: ...


@dataclass
class JobSpec:
    """What a monitoring job definition (named or inline) says, normalised across the kinds."""

    monitoring_type: str
    image: str
    role: str | None
    cluster: Wire
    output: Wire  # MonitoringS3Output
    environment: dict[str, str] = field(default_factory=dict)
    entrypoint: list[str] | None = None
    arguments: list[str] | None = None
    endpoint_input: Wire | None = None
    batch_input: Wire | None = None
    ground_truth: str | None = None
    kms_key: str | None = None
    stopping: Wire | None = None
    network: Wire | None = None
    constraints_uri: str | None = None
    statistics_uri: str | None = None
    problem_type: str | None = None
    config_uri: str | None = None


def spec_of_definition(kind: str, described: Wire) -> JobSpec:
    """The spec of a Describe<kind>JobDefinition response."""
    app = described.get(f"{kind}AppSpecification", {})
    job_input = described.get(f"{kind}JobInput", {})
    outputs = described.get(f"{kind}JobOutputConfig", {})
    baseline = described.get(f"{kind}BaselineConfig") or {}
    return JobSpec(
        monitoring_type=kind,
        image=app.get("ImageUri", ""),
        role=described.get("RoleArn"),
        cluster=described.get("JobResources", {}).get("ClusterConfig", {}),
        output=outputs.get("MonitoringOutputs", [{}])[0].get("S3Output", {}),
        kms_key=outputs.get("KmsKeyId"),
        environment=dict(app.get("Environment") or {}),
        entrypoint=app.get("ContainerEntrypoint"),
        arguments=app.get("ContainerArguments"),
        endpoint_input=job_input.get("EndpointInput"),
        batch_input=job_input.get("BatchTransformInput"),
        ground_truth=(job_input.get("GroundTruthS3Input") or {}).get("S3Uri"),
        stopping=described.get("StoppingCondition"),
        network=described.get("NetworkConfig"),
        constraints_uri=(baseline.get("ConstraintsResource") or {}).get("S3Uri"),
        statistics_uri=(baseline.get("StatisticsResource") or {}).get("S3Uri"),
        problem_type=app.get("ProblemType"),
        config_uri=app.get("ConfigUri"),
    )


def spec_of_inline(monitoring_type: str, definition: Wire) -> JobSpec:
    """The spec of a schedule's inline ``MonitoringJobDefinition``."""
    app = definition.get("MonitoringAppSpecification", {})
    first = (definition.get("MonitoringInputs") or [{}])[0]
    outputs = definition.get("MonitoringOutputConfig", {})
    baseline = definition.get("BaselineConfig") or {}
    return JobSpec(
        monitoring_type=monitoring_type,
        image=app.get("ImageUri", ""),
        role=definition.get("RoleArn"),
        cluster=definition.get("MonitoringResources", {}).get("ClusterConfig", {}),
        output=outputs.get("MonitoringOutputs", [{}])[0].get("S3Output", {}),
        kms_key=outputs.get("KmsKeyId"),
        environment=dict(definition.get("Environment") or {}),
        entrypoint=app.get("ContainerEntrypoint"),
        arguments=app.get("ContainerArguments"),
        endpoint_input=first.get("EndpointInput"),
        batch_input=first.get("BatchTransformInput"),
        stopping=definition.get("StoppingCondition"),
        network=definition.get("NetworkConfig"),
        constraints_uri=(baseline.get("ConstraintsResource") or {}).get("S3Uri"),
        statistics_uri=(baseline.get("StatisticsResource") or {}).get("S3Uri"),
    )


def _join(uri: str, *parts: str) -> str:
    return "/".join([uri.rstrip("/"), *(p.strip("/") for p in parts if p)])


def _hour(at: datetime.datetime) -> str:
    return f"{at:%Y/%m/%d/%H}"


def _iso(at: datetime.datetime) -> str:
    return at.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _s3_input(name: str, uri: str, local: str, *, compression: bool = True) -> Wire:
    s3: Wire = {
        "S3Uri": uri,
        "LocalPath": local,
        "S3DataType": "S3Prefix",
        "S3InputMode": "File",
        "S3DataDistributionType": "FullyReplicated",
    }
    if compression:
        s3["S3CompressionType"] = "None"
    return {"InputName": name, "AppManaged": False, "S3Input": s3}


def _merger_image(analyzer_image: str, region: str) -> str:
    """The ground-truth merger: the analyzer's registry, its own repository."""
    registry = analyzer_image.split("/", 1)[0] if "/" in analyzer_image else ""
    if not registry:
        from sagemon.images import model_monitor_image_uri

        try:
            registry = model_monitor_image_uri(region).split("/", 1)[0]
        except ValueError:
            registry = f"000000000000.dkr.ecr.{region}.amazonaws.com"
    return f"{registry}/{_MERGER}"


def _window(spec: JobSpec, scheduled: datetime.datetime) -> tuple[datetime.datetime, ...]:
    """Start and end of the analysed data: the hour before the scheduled hour, or the
    definition's offsets from it."""
    from sagemon._schedule import offset_or_message

    hour = scheduled.replace(minute=0, second=0, microsecond=0)
    source = spec.endpoint_input or spec.batch_input or {}
    start, end = hour - datetime.timedelta(hours=1), hour
    for key, default in (("StartTimeOffset", None), ("EndTimeOffset", None)):
        text = source.get(key, default)
        if text:
            value = offset_or_message(text)
            if isinstance(value, datetime.timedelta):
                if key == "StartTimeOffset":
                    start = hour + value
                else:
                    end = hour + value
    return start, end


def _dataset_format(spec: JobSpec, merged: bool) -> str:
    if merged:
        return json.dumps({"sagemakerMergeJson": {"captureIndexNames": ["endpointOutput"]}})
    if spec.batch_input is not None:
        wire = spec.batch_input.get("DatasetFormat") or {"Csv": {}}
        if "Csv" in wire:
            return json.dumps({"csv": {"header": bool(wire["Csv"].get("Header", False))}})
        if "Json" in wire:
            return json.dumps({"json": {"line": bool(wire["Json"].get("Line", False))}})
        return json.dumps({"parquet": {}})
    indexes = ["endpointInput", "endpointOutput"]
    return json.dumps({"sagemakerCaptureJson": {"captureIndexNames": indexes}})


def _environment(
    spec: JobSpec,
    schedule: str,
    endpoint: str | None,
    merged: bool,
    source: str,
    output_path: str,
    start: datetime.datetime,
    end: datetime.datetime,
    inputs: list[Wire],
) -> dict[str, str]:
    """The analysis job's environment, as real job descriptions show it; baseline inputs are
    appended to ``inputs``."""
    environment: dict[str, str] = {
        "dataset_format": _dataset_format(spec, merged),
        "dataset_source": source,
        "end_time": _iso(end),
        "output_path": output_path,
        "publish_cloudwatch_metrics": "Enabled",
        "sagemaker_monitoring_schedule_name": schedule,
        "start_time": _iso(start),
    }
    if endpoint:
        environment["sagemaker_endpoint_name"] = endpoint
    if spec.monitoring_type == "ModelQuality":
        environment["analysis_type"] = "MODEL_QUALITY"
        environment["metric_time"] = _iso(start)
        if spec.problem_type:
            environment["problem_type"] = spec.problem_type
        source_input = spec.endpoint_input or spec.batch_input or {}
        for key, name in (
            ("InferenceAttribute", "inference_attribute"),
            ("ProbabilityAttribute", "probability_attribute"),
            ("ProbabilityThresholdAttribute", "probability_threshold_attribute"),
        ):
            if source_input.get(key) is not None:
                environment[name] = str(source_input[key])
    if spec.statistics_uri:
        inputs.append(_s3_input("baseline", spec.statistics_uri, f"{_BASE}/baseline/stats"))
        name = spec.statistics_uri.rstrip("/").rsplit("/", 1)[-1]
        environment["baseline_statistics"] = f"{_BASE}/baseline/stats/{name}"
    if spec.constraints_uri:
        inputs.append(
            _s3_input("constraints", spec.constraints_uri, f"{_BASE}/baseline/constraints")
        )
        name = spec.constraints_uri.rstrip("/").rsplit("/", 1)[-1]
        environment["baseline_constraints"] = f"{_BASE}/baseline/constraints/{name}"
    if spec.config_uri:
        inputs.append(_s3_input("analysis_config", spec.config_uri, f"{_BASE}/input/config"))
    return environment


def execution_jobs(
    spec: JobSpec,
    *,
    schedule: str,
    schedule_arn: str,
    scheduled: datetime.datetime,
    region: str,
    account: str,
    token: str,
) -> tuple[Wire | None, Wire, str]:
    """The merge job request (or None), the analysis job request, and the report prefix."""
    stamp = f"{scheduled:%Y%m%d%H%M}"
    hour = _hour(scheduled.replace(minute=0, second=0, microsecond=0))
    start, end = _window(spec, scheduled)
    data_hour = _hour(start)
    endpoint = (spec.endpoint_input or {}).get("EndpointName")
    base = spec.output.get("S3Uri", "")
    report_uri = _join(base, endpoint or "", schedule, hour)
    output_path = spec.output.get("LocalPath") or f"{_BASE}/output"
    resources = {"ClusterConfig": dict(spec.cluster)}
    common: Wire = {"ProcessingResources": resources, "MonitoringScheduleArn": schedule_arn}
    if spec.role:
        common["RoleArn"] = spec.role
    if spec.stopping:
        common["StoppingCondition"] = dict(spec.stopping)
    if spec.network:
        common["NetworkConfig"] = dict(spec.network)

    def outputs(uri: str, mode: str) -> Wire:
        config: Wire = {
            "Outputs": [
                {
                    "OutputName": "result",
                    "S3Output": {"S3Uri": uri, "LocalPath": output_path, "S3UploadMode": mode},
                    "AppManaged": False,
                }
            ]
        }
        if spec.kms_key:
            config["KmsKeyId"] = spec.kms_key
        return config

    if spec.endpoint_input is not None:
        capture = f"s3://sagemaker-{region}-{account}/datacapture/{endpoint}/AllTraffic"
        data_uri = _join(capture, data_hour)
    else:
        capture = (spec.batch_input or {}).get("DataCapturedDestinationS3Uri", "")
        data_uri = _join(capture, data_hour)
    merged = spec.monitoring_type in ("ModelQuality", "ModelBias")
    merge: Wire | None = None
    if merged:
        merge_uri = _join(base, "merge")
        merge = {
            "ProcessingJobName": f"groundtruth-merge-{stamp}-{token}",
            "ProcessingInputs": [
                _s3_input(
                    "groundtruth_input_1",
                    _join(spec.ground_truth or "", data_hour),
                    f"{_BASE}/groundtruth/{data_hour}",
                ),
                _s3_input(
                    "endpoint_input_1" if endpoint else "batch_input_1",
                    data_uri,
                    f"{_BASE}/input_data/{endpoint or schedule}/AllTraffic/{data_hour}",
                ),
            ],
            "ProcessingOutputConfig": outputs(merge_uri, "EndOfJob"),
            "AppSpecification": {"ImageUri": _merger_image(spec.image, region)},
            "Environment": {
                "dataset_source": f"{_BASE}/input_data",
                "ground_truth_source": f"{_BASE}/groundtruth",
                "output_path": output_path,
            },
            **common,
        }
        local = f"{_BASE}/input_data/{endpoint or schedule}/AllTraffic/{data_hour}"
        inputs = [
            _s3_input(
                "endpoint_input_1",
                _join(merge_uri, endpoint or schedule, "AllTraffic", data_hour),
                local,
            )
        ]
        source = f"{_BASE}/input_data"
    else:
        source = (spec.endpoint_input or spec.batch_input or {}).get("LocalPath") or (
            f"{_BASE}/input/endpoint"
        )
        local = _join(source, endpoint or "", "AllTraffic" if endpoint else "", data_hour)
        inputs = [_s3_input("input_1", data_uri, local)]
    environment = _environment(
        spec, schedule, endpoint, merged, source, output_path, start, end, inputs
    )
    environment.update(spec.environment)
    app: Wire = {"ImageUri": spec.image}
    if spec.entrypoint:
        app["ContainerEntrypoint"] = list(spec.entrypoint)
    if spec.arguments:
        app["ContainerArguments"] = list(spec.arguments)
    analysis = {
        "ProcessingJobName": f"{_PREFIXES[spec.monitoring_type]}-{stamp}-{token}",
        "ProcessingInputs": inputs,
        "ProcessingOutputConfig": outputs(report_uri, "Continuous"),
        "AppSpecification": app,
        "Environment": environment,
        **common,
    }
    return merge, analysis, report_uri


# ----------------------------------------------------------------------------- report files


def _load(storage: Storage | None, uri: str | None) -> Wire | None:
    if storage is None or not uri:
        return None
    try:
        body = storage.read(uri)
    except Exception:  # an unreadable baseline: the job uses its defaults
        return None
    if body is None:
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _analyzer(data: Wire) -> bytes:
    return out.analyzer_json(data).encode()


def _clarify(data: Wire) -> bytes:
    return json.dumps(data, indent=4).encode()


def execution_outputs(
    spec: JobSpec,
    report_uri: str,
    *,
    violations: Sequence[ViolationRequest] | None,
    statistics: Wire | None,
    storage: Storage | None,
    evaluation_time: datetime.datetime,
) -> dict[str, bytes]:
    """The files a finished analysis job writes under ``report_uri``.

    ``violations`` None means none (no ``constraint_violations.json``, as documented for runs
    without violations). ``statistics`` replaces the generated statistics or analysis file.
    """
    make = {
        "DataQuality": _data_quality_files,
        "ModelQuality": _model_quality_files,
        "ModelBias": _bias_files,
    }.get(spec.monitoring_type, _explainability_files)
    files = make(spec, list(violations or ()), statistics, storage, evaluation_time)
    return {_join(report_uri, name): body for name, body in files.items()}


def _data_quality_files(
    spec: JobSpec,
    requested: list[ViolationRequest],
    statistics: Wire | None,
    storage: Storage | None,
    _at: datetime.datetime,
) -> dict[str, bytes]:
    baseline = _load(storage, spec.constraints_uri)
    features = _features_of(baseline, _load(storage, spec.statistics_uri))
    names = [n for n, _t in features]
    rows = _rows_for(features)
    types = dict(features)
    records = [
        entry
        if isinstance(entry, dict)
        else _with_description(
            entry, out.data_quality_violation(entry[0], entry[1], types.get(entry[0]), i)
        )
        for i, entry in enumerate(requested)
    ]
    stats = statistics or out.data_quality_statistics(names, rows, shift=0.3 if records else 0)
    files = {
        "statistics.json": _analyzer(stats),
        "constraints.json": _analyzer(baseline or out.data_quality_constraints(names, rows)),
    }
    if records:
        files["constraint_violations.json"] = _analyzer({"violations": records})
    return files


def _model_quality_files(
    spec: JobSpec,
    requested: list[ViolationRequest],
    statistics: Wire | None,
    storage: Storage | None,
    at: datetime.datetime,
) -> dict[str, bytes]:
    baseline = _load(storage, spec.constraints_uri) or {}
    thresholds: Wire = next((v for k, v in baseline.items() if k.endswith("_constraints")), {})
    problem = spec.problem_type or "BinaryClassification"
    default_stats = out.model_quality_statistics(problem)
    metrics = next(v for k, v in default_stats.items() if k.endswith("_metrics"))
    records: list[Wire] = []
    overrides: dict[str, float] = {}
    for i, entry in enumerate(requested):
        if isinstance(entry, dict):
            records.append(entry)
            continue
        metric, operator = out.snake_metric(entry[0]), entry[1]
        threshold = float(
            (thresholds.get(metric) or {}).get("threshold")
            or metrics.get(metric, {}).get("value", 0.8)
        )
        step = 0.1 * (i + 1) * max(abs(threshold), 0.1)
        observed = threshold + step if operator == "GreaterThanThreshold" else threshold - step
        overrides[metric] = observed
        made = out.model_quality_violation(metric, operator, observed, threshold, 0.004)
        records.append(_with_description(entry, made))
    stats = statistics or out.model_quality_statistics(
        problem, overrides=overrides, evaluation_time=_iso(at)
    )
    files = {"statistics.json": _analyzer(stats)}
    if records:
        files["constraint_violations.json"] = _analyzer({"violations": records})
    return files


def _bias_files(
    spec: JobSpec,
    requested: list[ViolationRequest],
    statistics: Wire | None,
    storage: Storage | None,
    _at: datetime.datetime,
) -> dict[str, bytes]:
    config = _load(storage, spec.config_uri) or {}
    label, label_value, facet, facet_value = _bias_setting(config)
    records: list[Wire] = []
    overrides: dict[str, float] = {}
    for i, entry in enumerate(requested):
        if isinstance(entry, dict):
            records.append(entry)
            continue
        observed = round(0.3 + 0.05 * i, 4)
        overrides[entry[0]] = observed
        made = out.bias_violation(entry[0], facet, facet_value, observed)
        records.append(_with_description(entry, made))
    analysis = statistics or out.bias_analysis(label, label_value, facet, facet_value, overrides)
    return _clarify_files(analysis, records)


def _explainability_files(
    spec: JobSpec,
    requested: list[ViolationRequest],
    statistics: Wire | None,
    storage: Storage | None,
    _at: datetime.datetime,
) -> dict[str, bytes]:
    config = _load(storage, spec.config_uri) or {}
    headers = [h for h in config.get("headers") or [] if isinstance(h, str)]
    label = config.get("label") if isinstance(config.get("label"), str) else None
    features = [h for h in headers if h != label] or [n for n, _t in out.DEFAULT_FEATURES]
    records: list[Wire] = []
    for i, entry in enumerate(requested):
        if isinstance(entry, dict):
            records.append(entry)
            continue
        made = out.feature_attribution_violation(entry[0], round(0.77 - 0.05 * i, 4))
        records.append(_with_description(entry, made))
    labels = sorted({str(r["label"]) for r in records if r.get("label")} | {"label0"})
    analysis = statistics or out.explainability_analysis(features, labels)
    return _clarify_files(analysis, records)


def _clarify_files(analysis: Wire, records: list[Wire]) -> dict[str, bytes]:
    files = {"analysis.json": _clarify(analysis)}
    if records:
        files["constraint_violations.json"] = _clarify({"version": "1.0", "violations": records})
    return files


def default_violation(kind: str, spec: JobSpec, storage: Storage | None) -> ViolationRequest:
    """The one violation a ``CompletedWithViolations`` run writes when none was chosen."""
    if kind == "DataQuality":
        baseline = _load(storage, spec.constraints_uri)
        features = _features_of(baseline, _load(storage, spec.statistics_uri))
        numeric = next((n for n, t in features if t in ("Integral", "Fractional")), features[0][0])
        return (numeric, "baseline_drift_check", None)
    if kind == "ModelQuality":
        problem = spec.problem_type or "BinaryClassification"
        metric = {"Regression": "mae", "MulticlassClassification": "accuracy"}.get(problem, "auc")
        operator = "GreaterThanThreshold" if metric == "mae" else "LessThanThreshold"
        return (metric, operator, None)
    if kind == "ModelBias":
        return ("DPPL", "bias_drift_check", None)
    return ("label0", "feature_attribution_drift_check", None)


def _with_description(entry: tuple[str, str, str | None], record: Wire) -> Wire:
    if entry[2] is not None:
        record["description"] = entry[2]
    if "constraint_check_type" in record:
        record["constraint_check_type"] = entry[1]
    return record


def _bias_setting(config: Wire) -> tuple[str, str, str, str]:
    label = config.get("label") if isinstance(config.get("label"), str) else "label"
    values = config.get("label_values_or_threshold")
    label_value = str(values[0]) if isinstance(values, list) and values else "1"
    facets = config.get("facet")
    first = facets[0] if isinstance(facets, list) and facets and isinstance(facets[0], dict) else {}
    facet = str(first.get("name_or_index", "facet"))
    groups = first.get("value_or_threshold")
    facet_value = str(groups[0]) if isinstance(groups, list) and groups else "1"
    return str(label), label_value, facet, facet_value


def _features_of(constraints: Wire | None, statistics: Wire | None) -> list[tuple[str, str]]:
    for source in (constraints, statistics):
        listed = (source or {}).get("features")
        if isinstance(listed, list):
            found = [
                (str(f["name"]), str(f.get("inferred_type", "Fractional")))
                for f in listed
                if isinstance(f, dict) and isinstance(f.get("name"), str)
            ]
            if found:
                return found
    return list(out.DEFAULT_FEATURES)


def _rows_for(features: Sequence[tuple[str, str]], count: int = 200) -> list[list[str]]:
    """Rows with these features' types (the default data, cycled onto the columns)."""
    defaults = out.default_rows(count)
    by_type = {"Integral": 0, "Fractional": 1, "String": 3}
    return [
        [row[by_type.get(kind, 1)] if kind != "Unknown" else "" for _n, kind in features]
        for row in defaults
    ]


# ----------------------------------------------------------------------------- baselining


def _repository(request: Wire) -> str:
    image = request.get("AppSpecification", {}).get("ImageUri", "")
    return str(image).rsplit("/", 1)[-1].split(":", 1)[0].split("@", 1)[0]


def is_baselining(request: Wire) -> bool:
    """A Model Monitor analyzer run outside a schedule: the suggestion of a baseline."""
    environment = request.get("Environment") or {}
    return _repository(request) == ANALYZER and "sagemaker_monitoring_schedule_name" not in (
        environment
    )


def is_clarify(request: Wire) -> bool:
    """A Clarify processing run (a bias or explainability baseline, or a one-off analysis)."""
    return _repository(request) == CLARIFY


def clarify_outputs(request: Wire, storage: Storage | None) -> dict[str, bytes]:
    """``analysis.json`` for a Clarify run: bias sections when its analysis config asks for
    bias metrics, SHAP values when it asks for ``shap`` (the config is the input the SDK calls
    ``analysis_config``, an ``analysis_config.json`` object or a prefix holding one)."""
    outputs = (request.get("ProcessingOutputConfig") or {}).get("Outputs") or []
    target = next((o["S3Output"]["S3Uri"] for o in outputs if o.get("S3Output")), None)
    if target is None:
        return {}
    config: Wire = {}
    for entry in request.get("ProcessingInputs") or []:
        uri = (entry.get("S3Input") or {}).get("S3Uri")
        if entry.get("InputName") == "analysis_config" and uri:
            config = _load(storage, uri) or _load(storage, _join(uri, "analysis_config.json")) or {}
    listed = config.get("methods")
    methods: Wire = listed if isinstance(listed, dict) else {}
    if "shap" in methods or not any("bias" in key for key in methods):
        headers = [h for h in config.get("headers") or [] if isinstance(h, str)]
        label = config.get("label")
        features = [h for h in headers if h != label] or [n for n, _t in out.DEFAULT_FEATURES]
        analysis = out.explainability_analysis(features, ["label0"])
    else:
        analysis = out.bias_analysis(*_bias_setting(config), {})
        if "post_training_bias" not in methods:
            del analysis["post_training_bias_metrics"]
        if "pre_training_bias" not in methods:
            del analysis["pre_training_bias_metrics"]
    return {_join(target, "analysis.json"): _clarify(analysis)}


def baseline_outputs(request: Wire, storage: Storage | None) -> dict[str, bytes]:
    """``statistics.json`` and ``constraints.json`` for a baselining job's request: inferred from
    the baseline dataset, which must be CSV in the local S3 (default data only without storage).

    Raises ``ValueError`` with the container's kind of message when the data cannot be used.
    """
    environment: Mapping[str, str] = request.get("Environment") or {}
    outputs = (request.get("ProcessingOutputConfig") or {}).get("Outputs") or []
    target = next((o["S3Output"]["S3Uri"] for o in outputs if o.get("S3Output")), None)
    if target is None:
        return {}
    names, rows = _baseline_dataset(request, environment, storage)
    if environment.get("analysis_type") == "MODEL_QUALITY":
        stats = _model_quality_baseline(environment, names, rows)
        constraints = out.model_quality_constraints(stats)
    else:
        if not rows:
            names = [n for n, _t in out.DEFAULT_FEATURES]
            rows = out.default_rows()
        stats = out.data_quality_statistics(names, rows)
        constraints = out.data_quality_constraints(
            names, rows, drift_method=environment.get("categorical_drift_method")
        )
    return {
        _join(target, "statistics.json"): _analyzer(stats),
        _join(target, "constraints.json"): _analyzer(constraints),
    }


def _baseline_dataset(
    request: Wire, environment: Mapping[str, str], storage: Storage | None
) -> tuple[list[str], list[list[str]]]:
    """The column names and rows of the CSV dataset mounted at ``dataset_source``.

    Like the analyzer, this fails on data it cannot use rather than suggest a made-up baseline;
    only without storage (no local S3) are there no rows, and then default data is used.
    """
    source = environment.get("dataset_source")
    dataset = next(
        (
            i["S3Input"]["S3Uri"]
            for i in request.get("ProcessingInputs") or []
            if i.get("S3Input") and i["S3Input"].get("LocalPath") == source
        ),
        None,
    )
    try:
        dataset_format = json.loads(environment.get("dataset_format") or "{}")
    except ValueError:
        raise ValueError("dataset_format is not JSON") from None
    csv_format = dataset_format.get("csv") if isinstance(dataset_format, dict) else None
    names: list[str] = []
    rows: list[list[str]] = []
    if storage is None:
        return names, rows
    if dataset is None:
        raise ValueError(f"no input is mounted at dataset_source {source!r}")
    if not isinstance(csv_format, dict):
        raise ValueError("the local SageMaker infers baselines from CSV datasets only")
    header = bool(csv_format.get("header", True))
    for uri in storage.list(dataset):
        body = storage.read(uri)
        if body is not None:
            found_names, found_rows = out.read_csv(body.decode("utf-8", "replace"), header)
            names = names or found_names
            rows += found_rows
    if not rows:
        raise ValueError(f"the baseline dataset {dataset} holds no records")
    return names, rows


def _model_quality_baseline(
    environment: Mapping[str, str], names: list[str], rows: list[list[str]]
) -> Wire:
    """Model-quality statistics of the predictions and labels the environment locates."""
    problem = environment.get("problem_type", "BinaryClassification")
    actual = _column(names, rows, environment.get("ground_truth_attribute"))
    predicted = _column(names, rows, environment.get("inference_attribute"))
    for variable, found in (("ground_truth_attribute", actual), ("inference_attribute", predicted)):
        if rows and found is None:
            raise ValueError(
                f"{variable} {environment.get(variable)!r} names no column of the dataset"
            )
    scores = None
    if actual is not None and predicted is not None and problem != "Regression":
        threshold = environment.get("probability_threshold_attribute")
        probability = _column(names, rows, environment.get("probability_attribute"))
        if probability is not None and problem == "BinaryClassification":
            cut = float(threshold) if threshold else 0.5
            scores = [float(p) for p in probability]
            predicted = ["1" if p >= cut else "0" for p in scores]
        predicted = [_label(p) for p in predicted]
        actual = [_label(a) for a in actual]
    return out.model_quality_statistics(problem, actual=actual, predicted=predicted, scores=scores)


def _column(
    names: Sequence[str], rows: Sequence[Sequence[str]], key: str | None
) -> list[str] | None:
    """A column by name or by 0-based index, as the analyzer's ``*_attribute`` variables say."""
    if key is None or not rows:
        return None
    index = names.index(key) if key in names else int(key) if key.isdigit() else None
    if index is None or index >= len(names):
        return None
    return [row[index] for row in rows]


def _label(value: str) -> str:
    """``1.0`` → ``1``: labels as the analyzer prints them."""
    try:
        number = float(value)
    except ValueError:
        return value
    return str(int(number)) if number.is_integer() else value
