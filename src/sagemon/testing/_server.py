"""The local SageMaker's HTTP endpoint: a WSGI app in front of moto's server app.

SageMaker requests (JSON 1.1: ``X-Amz-Target: SageMaker.<Operation>``) for the operations the
fake answers go to the fake, exactly as the in-process hooks send them: the JSON body is read
back into the parameters botocore was given (timestamps and blobs per botocore's model), the
answer goes out as AWS's JSON protocol writes it (timestamps as epoch seconds, errors as
``{"__type", "message"}`` with the fake's HTTP status). Everything else (job-definition deletes,
S3, other services) goes to moto. Control routes under ``/_sagemon/`` drive the simulation
from other processes (``sagemon.testing.LocalSageMakerControl``).

One lock story: every SageMaker request, answered by the fake or by moto, runs under the fake's
lock, so concurrent duplicate creates have exactly one winner over HTTP as in-process. S3
requests never wait for it (the fake writes reports into moto's S3 over this same endpoint while
holding it); they only settle finished jobs first when it is free.
"""

from __future__ import annotations

import base64
import datetime
import io
import json
import logging
import uuid
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from sagemon.errors import SagemonError
from sagemon.testing._fake import FakeError

if TYPE_CHECKING:
    from botocore.model import Shape

    from sagemon.testing._local import LocalSageMaker

__all__ = ["CONTROL_PREFIX", "SageMakerApp"]

CONTROL_PREFIX = "/_sagemon/"
_JSON = "application/x-amz-json-1.1"
_logger = logging.getLogger("sagemon.testing")
StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class SageMakerApp:
    """The endpoint's WSGI app: the fake's operations and the control routes here, the rest to
    ``moto_app``."""

    def __init__(self, local: LocalSageMaker, moto_app: WSGIApp) -> None:
        self.local = local
        self.fake = local.fake
        self.moto_app = moto_app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path.startswith(CONTROL_PREFIX):
            return self._control(path[len(CONTROL_PREFIX) :], environ, start_response)
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if not target.startswith("SageMaker."):
            self._settle()
            return self.moto_app(environ, start_response)
        operation = target.partition(".")[2]
        body = _read(environ)
        with self.fake.lock:
            if operation in self.fake.operations:
                answered = self._answer(operation, body, start_response)
                if answered is not None:
                    return answered
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
            return list(self.moto_app(environ, start_response))  # consumed under the lock

    def _settle(self) -> None:
        """Write the reports of jobs finished by now before S3 answers, so a client that reads
        S3 after sleeping finds them (with a real clock, no SageMaker request need come first).

        Skipped while another thread holds the lock: that may be a settle writing reports over
        this endpoint, whose requests must not wait for it.
        """
        if self.fake.lock.acquire(blocking=False):
            try:
                self.fake.settle()
            finally:
                self.fake.lock.release()

    def _answer(
        self, operation: str, body: bytes, start_response: StartResponse
    ) -> list[bytes] | None:
        try:
            data = json.loads(body or b"{}")
            if not isinstance(data, dict):
                raise ValueError("the body is not a JSON object")
            params = _from_json(_input_shape(operation), data)
        except (ValueError, TypeError) as exc:
            return _error(start_response, 400, "SerializationException", str(exc))
        try:
            answer = self.fake.handle(operation, params)
        except FakeError as error:
            return _error(start_response, error.status, error.code, error.message)
        except Exception as exc:  # a defect of the fake: AWS answers 500 InternalFailure
            _logger.exception("local SageMaker failed on %s", operation)
            return _error(start_response, 500, "InternalFailure", f"{type(exc).__name__}: {exc}")
        if answer is None:
            return None
        return _respond(start_response, 200, answer)

    # ------------------------------------------------------------------------- control routes

    def _control(
        self, route: str, environ: dict[str, Any], start_response: StartResponse
    ) -> list[bytes]:
        from sagemon.testing._control import handle_control

        if environ.get("REQUEST_METHOD") != "POST":
            return _error(start_response, 405, "MethodNotAllowed", "control routes take POST")
        try:
            data = json.loads(_read(environ) or b"{}")
            if not isinstance(data, dict):
                raise ValueError("the body is not a JSON object")
        except ValueError as exc:
            return _error(start_response, 400, "SerializationException", str(exc))
        try:
            answer = handle_control(self.local, route, data)
        except LookupError:
            return _error(start_response, 404, "NotFound", f"no control route {route!r}")
        except SagemonError as exc:
            return _error(start_response, 400, type(exc).__name__, str(exc))
        except (TypeError, ValueError) as exc:
            return _error(start_response, 400, "ValidationError", str(exc))
        return _respond(start_response, 200, answer)


def _read(environ: dict[str, Any]) -> bytes:
    stream = environ.get("wsgi.input")
    if stream is None:
        return b""
    length = environ.get("CONTENT_LENGTH")
    if length:
        data: bytes = stream.read(int(length))
        return data
    if environ.get("wsgi.input_terminated"):
        return bytes(stream.read())
    return b""


def _respond(start_response: StartResponse, status: int, body: dict[str, Any]) -> list[bytes]:
    raw = json.dumps(body, default=_json_default, separators=(",", ":")).encode()
    reason = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}
    start_response(
        f"{status} {reason.get(status, 'Error')}",
        [
            ("Content-Type", _JSON),
            ("Content-Length", str(len(raw))),
            ("x-amzn-RequestId", str(uuid.uuid4())),
        ],
    )
    return [raw]


def _error(start_response: StartResponse, status: int, code: str, message: str) -> list[bytes]:
    return _respond(start_response, status, {"__type": code, "message": message})


def _json_default(value: object) -> object:
    """AWS's JSON protocol: timestamps as epoch seconds, blobs as base64."""
    if isinstance(value, datetime.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=datetime.timezone.utc)
        return aware.timestamp()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


@cache
def _model() -> Any:
    import botocore.session

    return botocore.session.get_session().get_service_model("sagemaker")


def _input_shape(operation: str) -> Shape | None:
    return _model().operation_model(operation).input_shape  # type: ignore[no-any-return]


def _from_json(shape: Shape | None, value: Any) -> Any:
    """Read a JSON request value back into what botocore was given: timestamps (epoch seconds
    or ISO 8601) as aware datetimes, blobs as bytes; members the model does not know as sent."""
    if shape is None or value is None:
        return value
    kind = shape.type_name
    if kind == "structure" and isinstance(value, dict):
        members = shape.members  # type: ignore[attr-defined]
        return {
            key: _from_json(members.get(key), item) if key in members else item
            for key, item in value.items()
        }
    if kind == "list" and isinstance(value, list):
        return [_from_json(shape.member, item) for item in value]  # type: ignore[attr-defined]
    if kind == "map" and isinstance(value, dict):
        return {k: _from_json(shape.value, v) for k, v in value.items()}  # type: ignore[attr-defined]
    if kind == "timestamp" and isinstance(value, (int, float, str)) and not isinstance(value, bool):
        from botocore.utils import parse_timestamp

        parsed: datetime.datetime = parse_timestamp(value)  # type: ignore[arg-type]  # numbers too
        return parsed.astimezone(datetime.timezone.utc)
    if kind == "blob" and isinstance(value, str):
        return base64.b64decode(value)
    return value
