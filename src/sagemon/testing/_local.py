"""``LocalSageMaker``: moto and the fake behind one boto3 client, and a sagemon ``Client`` on it."""

from __future__ import annotations

import copy
import datetime
import json
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sagemon._generated.enums import ExecutionStatus, OptimizationJobStatus
from sagemon._generated.shapes import MonitoringExecutionSummary
from sagemon._wire import from_wire
from sagemon.testing._clock import FakeClock
from sagemon.testing._fake import FakeError, FakeSageMaker
from sagemon.testing._moto import MotoDefinitions, MotoServer, require_server

if TYPE_CHECKING:
    from mypy_boto3_sagemaker import SageMakerClient

    from sagemon._client import Client

__all__ = ["LocalSageMaker", "local_sagemaker"]

ACCOUNT_ID = "123456789012"


class LocalSageMaker:
    """A SageMaker that runs in this process, for tests and demos: no AWS account needed.

    moto serves the 16 job-definition operations; a small stateful fake serves monitoring
    schedules, executions, alerts and optimization jobs, registered on the same boto3 client
    through botocore's ``before-call`` events, and corrects moto where it departs from the
    documentation. Statuses follow the documented state machines as :attr:`clock` advances.

    By default moto runs in-process (``moto.mock_aws``): while it runs, every boto3 client in this
    process talks to moto, not AWS. ``server=True`` (``pip install 'sagemon[server]'``) runs
    moto's HTTP server on 127.0.0.1 instead, so job-definition calls cross real HTTP; it prints
    nothing (request lines go to the ``sagemon.testing`` logger at DEBUG). Use it as a context
    manager, or call :meth:`start` and :meth:`stop`.
    """

    __module__ = "sagemon.testing"

    def __init__(
        self,
        *,
        region_name: str = "us-east-1",
        server: bool = False,
        clock: FakeClock | None = None,
    ) -> None:
        if server:
            require_server()
        self.region_name = region_name
        self.account_id = ACCOUNT_ID
        self.server = server
        self.clock = clock if clock is not None else FakeClock(_now())
        self.fake = FakeSageMaker(
            self.clock, region_name, ACCOUNT_ID, MotoDefinitions(ACCOUNT_ID, region_name)
        )
        self.endpoint_url: str | None = None
        self._moto: Any = None
        self._boto3_client: SageMakerClient | None = None
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
        import boto3.session
        from botocore.config import Config

        from sagemon._client import Client

        if self.server:
            self._moto = MotoServer()
            self.endpoint_url = self._moto.start()
            self._reset_server()
        else:
            self._moto = moto.mock_aws()
            self._moto.start()
        session = boto3.session.Session(
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            region_name=self.region_name,
        )
        self._boto3_client = session.client(
            "sagemaker",
            endpoint_url=self.endpoint_url,
            config=Config(retries={"max_attempts": 1, "mode": "standard"}),
        )
        self.attach(self._boto3_client)
        self._client = Client(boto3_client=self._boto3_client, clock=self.clock)
        return self

    def stop(self) -> None:
        if self._moto is None:
            return
        if self.server:
            self._reset_server()
        self._moto.stop()
        self._moto = None

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
        """The boto3 SageMaker client the local SageMaker is attached to."""
        if self._boto3_client is None:
            raise RuntimeError("start the LocalSageMaker first (use it as a context manager)")
        return self._boto3_client

    # ------------------------------------------------------------------------- wiring

    def attach(self, boto3_client: SageMakerClient) -> None:
        """Serve the fake's operations on another boto3 SageMaker client too.

        The client must reach moto as well (inside ``moto.mock_aws``, or with this instance's
        :attr:`endpoint_url` in server mode).
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
    ) -> MonitoringExecutionSummary:
        """Simulate one execution of a schedule: Pending, InProgress, then ``status``.

        It ends after ``duration`` seconds of :attr:`clock` time (default 60); ``Failed``
        executions carry ``failure_reason``. Returns the execution's summary as of now.
        Only a ``Scheduled`` schedule runs: a new or updated one is ``Pending`` for a few seconds
        of clock time, a stopped one must be started again. Anything else raises
        :class:`SimulationError`.
        """
        summary = self.fake.run_execution(
            monitoring_schedule_name,
            ExecutionStatus(status).value,
            failure_reason=failure_reason,
            duration=duration,
            scheduled_time=scheduled_time,
        )
        return from_wire(MonitoringExecutionSummary, summary, lenient=True)

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


@contextmanager
def local_sagemaker(
    *, region_name: str = "us-east-1", server: bool = False, clock: FakeClock | None = None
) -> Iterator[LocalSageMaker]:
    """A running :class:`LocalSageMaker`, stopped on exit."""
    with LocalSageMaker(region_name=region_name, server=server, clock=clock) as local:
        yield local


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
