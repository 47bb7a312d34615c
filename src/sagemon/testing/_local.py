"""``LocalSageMaker``: moto and the fake behind one boto3 client, and a sagemon ``Client`` on it."""

from __future__ import annotations

import copy
import datetime
import json
import urllib.request
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Any, cast

from sagemon._generated.enums import ExecutionStatus, OptimizationJobStatus
from sagemon._generated.shapes import MonitoringExecutionSummary
from sagemon._s3 import split_s3_uri
from sagemon._wire import from_wire
from sagemon.testing._clock import FakeClock
from sagemon.testing._fake import FakeError, FakeSageMaker, SimulationError
from sagemon.testing._moto import MotoDefinitions, MotoServer, require_server

if TYPE_CHECKING:
    from boto3.session import Session
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_s3.literals import BucketLocationConstraintType
    from mypy_boto3_sagemaker import SageMakerClient

    from sagemon._client import Client
    from sagemon._reports_base import Report
    from sagemon._reports_json import JSONValue
    from sagemon._reports_violations import Violation
    from sagemon.testing._jobs import ViolationRequest

__all__ = ["LocalSageMaker", "local_sagemaker"]

ACCOUNT_ID = "123456789012"


class LocalSageMaker:
    """A SageMaker that runs in this process, for tests and demos: no AWS account needed.

    moto holds job definitions and S3; a small stateful fake serves monitoring schedules,
    executions, alerts, optimization jobs, processing jobs and the tags of what it holds, and
    corrects moto where it departs from the documentation. Statuses follow the documented state
    machines as :attr:`clock` advances (a :class:`RealClock` moves on its own).

    By default moto runs in-process (``moto.mock_aws``): while it runs, every boto3 client in this
    process talks to moto, not AWS, and the fake answers on :attr:`boto3_client` (and clients
    given to :meth:`attach`) through botocore's ``before-call`` events. ``server=True``
    (``pip install 'sagemon[server]'``) serves everything on one HTTP endpoint on 127.0.0.1
    (:attr:`endpoint_url`; ``port``, default a free one) instead: the fake and moto behind it,
    for any client in any process, with control routes for
    :class:`~sagemon.testing.LocalSageMakerControl`. It prints nothing (request lines go to the
    ``sagemon.testing`` logger at DEBUG). Use it as a context manager, or call :meth:`start` and
    :meth:`stop`.
    """

    __module__ = "sagemon.testing"

    def __init__(
        self,
        *,
        region_name: str = "us-east-1",
        server: bool = False,
        clock: FakeClock | None = None,
        port: int = 0,
    ) -> None:
        if server:
            require_server()
        self.region_name = region_name
        self.account_id = ACCOUNT_ID
        self.server = server
        self.port = port
        self.clock = clock if clock is not None else FakeClock(_now())
        self.fake = FakeSageMaker(
            self.clock, region_name, ACCOUNT_ID, MotoDefinitions(ACCOUNT_ID, region_name)
        )
        self.endpoint_url: str | None = None
        self._moto: Any = None
        self._boto3_client: SageMakerClient | None = None
        self._session: Session | None = None
        self._s3: S3Client | None = None
        self._unsubscribe: Any = None
        self._client: Client | None = None

    # ------------------------------------------------------------------------- lifecycle

    def start(self) -> LocalSageMaker:
        if self._moto is not None:
            raise RuntimeError("this LocalSageMaker is already running")
        try:
            import moto
        except ImportError as exc:
            raise ImportError(
                "the local SageMaker needs moto: pip install 'sagemon[testing]'"
            ) from exc
        from botocore.config import Config

        from sagemon._client import Client

        if self.server:
            from sagemon.testing._server import SageMakerApp

            server = MotoServer(port=self.port, wrap=lambda app: SageMakerApp(self, app))
            self.endpoint_url = server.start()  # a taken port raises OSError: not running
            self._moto = server
            self._reset_server()
        else:
            self._moto = moto.mock_aws()
            self._moto.start()
        session = _boto3_session(self.region_name)
        self._session = session
        self._boto3_client = session.client(
            "sagemaker",
            endpoint_url=self.endpoint_url,
            config=Config(retries={"max_attempts": 1, "mode": "standard"}),
        )
        s3 = cast("S3Client", session.client("s3", endpoint_url=self.endpoint_url))
        self._s3 = s3
        self.fake.storage = _S3Storage(s3)
        self._unsubscribe = self.clock._subscribe(self.fake.settle)
        if not self.server:  # the endpoint answers everything itself
            self.attach(self._boto3_client)
        self._client = Client(boto3_client=self._boto3_client, clock=self.clock, s3=s3)
        return self

    def stop(self) -> None:
        if self._moto is None:
            return
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.fake.storage = None
        if self.server:
            self._reset_server()
        self._moto.stop()
        self._moto = None
        # Clients of a stopped local SageMaker would reach AWS: refuse them instead.
        self._boto3_client = self._session = self._s3 = self._client = None

    def __enter__(self) -> LocalSageMaker:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _reset_server(self) -> None:
        assert self.endpoint_url is not None
        request = urllib.request.Request(f"{self.endpoint_url}/moto-api/reset", method="POST")
        # Our own server on 127.0.0.1: never through a proxy.
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with direct.open(request, timeout=10):
            pass

    @property
    def client(self) -> Client:
        """A sagemon ``Client`` on the local SageMaker, whose waiters use :attr:`clock`."""
        if self._client is None:
            raise RuntimeError("start the LocalSageMaker first (use it as a context manager)")
        return self._client

    @property
    def boto3_client(self) -> SageMakerClient:
        """A boto3 SageMaker client of the local SageMaker: attached to it in-process, a plain
        client of :attr:`endpoint_url` in server mode."""
        if self._boto3_client is None:
            raise RuntimeError("start the LocalSageMaker first (use it as a context manager)")
        return self._boto3_client

    @property
    def boto3_session(self) -> Session:
        """The boto3 session of :attr:`boto3_client` and :attr:`s3` (test credentials, this
        region): make other clients of the local AWS from it (in server mode, pass
        :attr:`endpoint_url` too)."""
        if self._session is None:
            raise RuntimeError("start the LocalSageMaker first (use it as a context manager)")
        return self._session

    @property
    def s3(self) -> S3Client:
        """A boto3 S3 client on the local S3, where jobs read datasets and write reports."""
        if self._s3 is None:
            raise RuntimeError("start the LocalSageMaker first (use it as a context manager)")
        return self._s3

    # ------------------------------------------------------------------------- wiring

    def attach(self, boto3_client: SageMakerClient) -> None:
        """Serve the fake's operations on another boto3 SageMaker client too (in-process mode).

        The client must reach moto as well (inside ``moto.mock_aws``). In server mode, a client
        made with :attr:`endpoint_url` needs nothing attached: the endpoint answers everything.
        """
        events = boto3_client.meta.events
        events.register("before-parameter-build.sagemaker", _remember_params)
        for operation in self.fake.operations:
            # botocore-stubs types handlers as returning None; before-call ones may answer.
            events.register(f"before-call.sagemaker.{operation}", self._answer)  # type: ignore[arg-type]

    def _answer(
        self, model: Any, context: dict[str, Any], **_: Any
    ) -> tuple[Any, dict[str, Any]] | None:
        params = context.get("sagemon_params", {})
        try:
            body = self.fake.handle(model.name, params)
        except FakeError as error:
            return _response(
                error.status, {"Error": {"Code": error.code, "Message": error.message}}
            )
        if body is None:
            return None  # moto answers
        return _response(200, copy.deepcopy(body))

    # ------------------------------------------------------------------------- simulation

    def run_execution(
        self,
        monitoring_schedule_name: str,
        status: ExecutionStatus = ExecutionStatus.COMPLETED,
        *,
        failure_reason: str | None = None,
        duration: float | None = None,
        scheduled_time: datetime.datetime | None = None,
        violations: Iterable[Violation | tuple[str, str] | tuple[str, str, str]] | None = None,
        statistics: Report | Mapping[str, JSONValue] | None = None,
    ) -> MonitoringExecutionSummary:
        """Simulate one execution of a schedule: Pending, InProgress, then ``status``.

        It ends after ``duration`` seconds of :attr:`clock` time (default 60); ``Failed``
        executions carry ``failure_reason``. Returns the execution's summary as of now.
        Only a ``Scheduled`` schedule runs: a new or updated one is ``Pending`` for a few seconds
        of clock time, a stopped one must be started again. Anything else raises
        :class:`SimulationError`.

        The execution runs as processing jobs that ``describe_processing_job`` finds (the
        summary's ``processing_job_arn``; ModelQuality and ModelBias runs start with a
        ground-truth merge job). When it ends ``Completed`` or ``CompletedWithViolations``, its
        report files appear in the local S3 (:attr:`s3`) under
        ``<output S3 URI>/<endpoint>/<schedule>/<yyyy>/<mm>/<dd>/<HH>`` (the scheduled hour):
        ``statistics.json`` (and ``constraints.json`` for data quality), or Clarify's
        ``analysis.json``, and ``constraint_violations.json`` only when there are violations.
        ``CompletedWithViolations`` writes one violation unless ``violations`` chooses them:
        ``sagemon.reports`` violation objects, or ``(subject, check type[, description])``
        tuples whose subject is the feature, metric, bias metric or label, such as
        ``("Day Mins", "baseline_drift_check")``, ``("auc", "LessThanThreshold")``,
        ``("DPPL", "bias_drift_check")`` or ``("label0", "feature_attribution_drift_check")``;
        the numbers in made-up descriptions are parsed back by ``sagemon.reports``.
        ``statistics`` (a report or its JSON data) replaces the generated statistics or analysis.
        """
        summary = self.fake.run_execution(
            monitoring_schedule_name,
            ExecutionStatus(status).value,
            failure_reason=failure_reason,
            duration=duration,
            scheduled_time=scheduled_time,
            violations=self._violations(monitoring_schedule_name, violations),
            statistics=self._statistics(monitoring_schedule_name, statistics),
        )
        return from_wire(MonitoringExecutionSummary, summary, lenient=True)

    def _monitoring_type(self, schedule: str) -> str:
        record = self.fake.schedules.get(schedule)
        if record is None:
            raise SimulationError(f"there is no monitoring schedule {schedule!r}")
        return record.monitoring_type

    def _violations(
        self,
        schedule: str,
        violations: Iterable[Violation | tuple[str, str] | tuple[str, str, str]] | None,
    ) -> list[ViolationRequest] | None:
        if violations is None:
            return None
        from sagemon._reports_violations import Violation

        kind = self._monitoring_type(schedule)
        wanted = _VIOLATION_CLASSES.get(kind, "DataQualityViolation")
        if isinstance(violations, (str, bytes, tuple)):
            raise SimulationError(
                "violations is a list of violations, e.g. [('Day Mins', 'baseline_drift_check')]"
            )
        requests: list[ViolationRequest] = []
        for index, given in enumerate(violations):
            item: object = given  # checked at run time: callers need not be type-checked
            if isinstance(item, Violation):
                if type(item).__name__ != wanted:
                    raise SimulationError(
                        f"violations[{index}] is a {type(item).__name__}; a {kind} schedule's"
                        f" violations are {wanted} objects"
                    )
                requests.append(_violation_request(item))
            elif (
                isinstance(item, tuple)
                and len(item) in (2, 3)
                and all(isinstance(part, str) for part in item)
            ):
                parts = [str(part) for part in item]
                requests.append((parts[0], parts[1], parts[2] if len(parts) == 3 else None))
            else:
                raise SimulationError(
                    f"violations[{index}] must be a sagemon.reports violation or a tuple"
                    f" (subject, check_type[, description]) of strings, not {item!r}"
                )
        return requests

    def _statistics(
        self, schedule: str, statistics: Report | Mapping[str, JSONValue] | None
    ) -> dict[str, Any] | None:
        if statistics is None:
            return None
        from sagemon._reports_base import Report

        kind = self._monitoring_type(schedule)
        wanted = _STATISTICS_CLASSES.get(kind, "DataQualityStatistics")
        if isinstance(statistics, Report):
            if type(statistics).__name__ != wanted:
                raise SimulationError(
                    f"statistics is a {type(statistics).__name__}; a {kind} schedule writes a"
                    f" {wanted}"
                )
            return dict(statistics.to_dict())
        if not isinstance(statistics, Mapping):
            raise SimulationError(
                f"statistics must be a report or its JSON data, not {type(statistics).__name__}"
            )
        return copy.deepcopy(dict(statistics))

    def fail_schedule(self, monitoring_schedule_name: str, reason: str) -> None:
        """Put a schedule in ``Failed`` with a failure reason, as AWS does when it cannot run."""
        self.fake.fail_schedule(monitoring_schedule_name, reason)

    def set_optimization_outcome(
        self,
        status: OptimizationJobStatus,
        *,
        reason: str | None = None,
        optimization_job_name: str | None = None,
    ) -> None:
        """How the next optimization job (or the one named) ends: ``COMPLETED`` or ``FAILED``."""
        self.fake.set_optimization_outcome(
            optimization_job_name, OptimizationJobStatus(status).value, reason
        )


_VIOLATION_CLASSES = {
    "DataQuality": "DataQualityViolation",
    "ModelQuality": "ModelQualityViolation",
    "ModelBias": "BiasViolation",
    "ModelExplainability": "FeatureAttributionViolation",
}
_STATISTICS_CLASSES = {
    "DataQuality": "DataQualityStatistics",
    "ModelQuality": "ModelQualityStatistics",
    "ModelBias": "ClarifyAnalysis",
    "ModelExplainability": "ClarifyAnalysis",
}


def _violation_request(item: Violation) -> ViolationRequest:
    """A violation object as the record to write; without a description, as a request the
    local SageMaker words itself."""
    from sagemon.testing import _outputs

    fields = {
        key: value
        for key in ("feature_name", "metric_name", "facet", "facet_value", "label")
        if isinstance(value := getattr(item, key, None), str)
    }
    subject = fields.get("feature_name") or fields.get("label") or fields.get("metric_name")
    check = item.check_type or ""
    if item.description is None:
        facet = fields.get("facet")
        if facet is None or "metric_name" not in fields:
            return (subject or "?", check, None)
        observed = item.observed if item.observed is not None else 0.3
        record = _outputs.bias_violation(
            fields["metric_name"], facet, fields.get("facet_value", "1"), observed
        )
        record["constraint_check_type"] = check or record["constraint_check_type"]
        return record
    return {"constraint_check_type": check, **fields, "description": item.description}


class _S3Storage:
    """The local S3 as the fake's jobs use it: a bucket is made on first write."""

    def __init__(self, s3: S3Client) -> None:
        self.s3 = s3

    def put(self, uri: str, body: bytes) -> None:
        bucket, key = split_s3_uri(uri)
        try:
            self.s3.head_bucket(Bucket=bucket)
        except Exception:
            region = self.s3.meta.region_name
            if region == "us-east-1":  # the one region S3 refuses a location constraint for
                self.s3.create_bucket(Bucket=bucket)
            else:
                self.s3.create_bucket(
                    Bucket=bucket,
                    CreateBucketConfiguration={
                        "LocationConstraint": cast("BucketLocationConstraintType", region)
                    },
                )
        self.s3.put_object(Bucket=bucket, Key=key, Body=body)

    def read(self, uri: str) -> bytes | None:
        bucket, key = split_s3_uri(uri)
        try:
            return self.s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        except Exception:
            return None

    def list(self, uri: str) -> list[str]:
        bucket, prefix = split_s3_uri(uri)
        found: list[str] = []
        try:
            pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
            for page in pages:
                found += [f"s3://{bucket}/{o['Key']}" for o in page.get("Contents", [])]
        except Exception:
            return []
        return sorted(found)


@contextmanager
def local_sagemaker(
    *,
    region_name: str = "us-east-1",
    server: bool = False,
    clock: FakeClock | None = None,
    port: int = 0,
) -> Iterator[LocalSageMaker]:
    """A running :class:`LocalSageMaker`, stopped on exit."""
    with LocalSageMaker(region_name=region_name, server=server, clock=clock, port=port) as local:
        yield local


# The loader of the latest search path (AWS_DATA_PATH can differ between tests): it holds the
# service models and endpoint data it read, shared by the sessions of every LocalSageMaker in
# this process (see _boto3_session). One only, so that a changing path keeps no stale models.
_LOADERS: dict[tuple[str, ...], Any] = {}


def _boto3_session(region_name: str) -> Session:
    """A new boto3 session with test credentials, whose data loader is shared in this process.

    Each botocore session reads and parses its own copy of the service models (SageMaker's alone
    is tens of thousands of objects) when its first client is made: a fresh LocalSageMaker per
    test would parse them again each time, and make the garbage collector walk them. The loaded
    files are only read, as botocore's clients of one session already share them; sessions stay
    separate in everything else (credentials, configuration, event handlers). The one thing
    they share: a ``service-data-loaded`` handler that edits a model in place (botocore's hook
    for patching models) edits it for the later LocalSageMakers of the process too.
    """
    import boto3.session
    import botocore.session

    core = botocore.session.get_session()
    session = boto3.session.Session(
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name=region_name,
        botocore_session=core,
    )
    own = core.get_component("data_loader")  # with boto3's data path added by boto3
    key = tuple(own.search_paths)
    shared = _LOADERS.get(key)
    if shared is None:
        _LOADERS.clear()
        shared = _LOADERS[key] = own
    core.register_component("data_loader", shared)
    return session


def _remember_params(params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
    context["sagemon_params"] = params


class _Body:
    def __init__(self, data: bytes) -> None:
        self._data = data

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._data


def _response(status: int, body: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    from botocore.awsrequest import AWSResponse
    from botocore.compat import HTTPHeaders

    request_id = str(uuid.uuid4())
    headers = {"x-amzn-requestid": request_id, "content-type": "application/x-amz-json-1.1"}
    body["ResponseMetadata"] = {
        "RequestId": request_id,
        "HTTPStatusCode": status,
        "HTTPHeaders": headers,
        "RetryAttempts": 0,
    }
    raw = json.dumps({k: v for k, v in body.items() if k == "Error"}).encode()
    http = AWSResponse(
        "https://sagemaker.local/", status, HTTPHeaders.from_dict(headers), _Body(raw)
    )
    return http, body


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
