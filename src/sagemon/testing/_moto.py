"""moto: where job definitions live (read and written directly, so the fake can correct it),
and its HTTP server for ``LocalSageMaker(server=True)``."""

from __future__ import annotations

import contextlib
import copy
import datetime
import errno
import importlib
import inspect
import io
import logging
import threading
from collections.abc import Callable
from typing import Any

from botocore import xform_name

from sagemon._generated.operations import OPERATIONS
from sagemon._spec import spec_of

__all__ = ["MotoDefinitions", "MotoServer", "require_server"]

_logger = logging.getLogger("sagemon.testing")


class MotoDefinitions:
    """moto's job-definition store, with moto's departures from the documentation corrected.

    Creates go straight to moto's backend (the fake calls them under its lock, so a duplicate
    name never wins twice), and descriptions are cut to the documented response members. moto's
    HTTP server runs in this process, so the same store serves both modes.
    """

    def __init__(self, account_id: str, region: str) -> None:
        self.account_id = account_id
        self.region = region

    @property
    def _backend(self) -> Any:
        from moto.sagemaker.models import sagemaker_backends

        return sagemaker_backends[self.account_id][self.region]

    def _store(self, kind: str) -> dict[str, Any]:
        store: dict[str, Any] = getattr(self._backend, f"{xform_name(kind)}_job_definitions")
        return store

    def names(self, kind: str) -> list[str]:
        """The names of the definitions of one kind, oldest first."""
        return list(self._store(kind))

    def describe(self, kind: str, name: str) -> dict[str, Any] | None:
        """The Describe response body for a definition, or None if there is none.

        moto describes members the request left out as ``{}`` (DataQuality, ModelBias; an empty
        ``StoppingCondition`` lacks its required ``MaxRuntimeInSeconds``) and names the
        ModelExplainability stopping condition ``StoppingConditions``. The answer holds the
        documented members only, each as it was created, none invented.
        """
        if name not in self._store(kind):
            return None
        raw: dict[str, Any] = getattr(self._backend, f"describe_{xform_name(kind)}_job_definition")(
            name
        )
        if raw.get("StoppingCondition") is None:
            raw["StoppingCondition"] = raw.get("StoppingConditions")
        output = OPERATIONS[f"Describe{kind}JobDefinition"].output
        assert output is not None
        described: dict[str, Any] = {}
        for member in spec_of(output).members:
            key = member.wire
            value = raw.get(key)
            if value is None or (value == {} and not member.required):
                continue  # the documentation gives no default for an absent member
            described[key] = copy.deepcopy(value)
        created = described["CreationTime"]
        if isinstance(created, datetime.datetime) and created.tzinfo is None:
            described["CreationTime"] = created.replace(tzinfo=datetime.timezone.utc)
        return described

    def tags(self, kind: str, arn: str) -> list[dict[str, Any]] | None:
        """The tag list (moto's own, to change in place) of the definition ``arn`` names."""
        for stored in self._store(kind).values():
            if str(stored.arn).casefold() == arn.casefold():
                if getattr(stored, "tags", None) is None:
                    stored.tags = []
                tags: list[dict[str, Any]] = stored.tags
                return tags
        return None

    def all(self, kind: str) -> list[dict[str, Any]]:
        return [d for name in self.names(kind) if (d := self.describe(kind, name)) is not None]

    def create(self, kind: str, params: dict[str, Any]) -> str:
        """Create a definition from a validated request; return its ARN.

        moto reads ``EndpointInput.EndpointName`` unconditionally for ModelQuality and
        ModelExplainability, crashing on a batch-transform input: give it a placeholder, then
        store the real input.
        """
        snake = xform_name(kind)
        create = getattr(self._backend, f"create_{snake}_job_definition")
        # moto's parameter names are the members' python names, as sagemon's are.
        request = spec_of(OPERATIONS[f"Create{kind}JobDefinition"].input)
        wire = {m.python: m.wire for m in request.members}
        arguments = {
            name: copy.deepcopy(params.get(wire[name]))
            for name in inspect.signature(create).parameters
            if name in wire
        }
        if "account_id" in inspect.signature(create).parameters:
            arguments["account_id"] = self.account_id
        # One tag per key, the last value winning (moto would keep both).
        given = {t["Key"]: t.get("Value", "") for t in arguments.get("tags") or []}
        arguments["tags"] = [{"Key": k, "Value": v} for k, v in given.items()]
        job_input = f"{snake}_job_input"
        batch = "EndpointInput" not in params[f"{kind}JobInput"]
        if batch:
            arguments[job_input] = {"EndpointInput": {"EndpointName": ""}}
        create(**arguments)
        stored = self._store(kind)[params["JobDefinitionName"]]
        if batch:
            setattr(stored, job_input, copy.deepcopy(params[f"{kind}JobInput"]))
            if hasattr(stored, "endpoint_name"):
                stored.endpoint_name = None
        return str(stored.arn)


def require_server() -> None:
    """Fail early, naming the extra, when moto's HTTP server cannot run.

    ``sagemon[testing]`` installs moto alone (enough in-process); the server needs Flask.
    """
    try:
        for module in ("flask", "flask_cors"):
            importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            "LocalSageMaker(server=True) needs moto's HTTP server, which is not installed:"
            " pip install 'sagemon[server]'",
            name=exc.name,
        ) from exc


def _log(self: Any, type: str, message: str, *args: Any) -> None:
    _logger.debug("moto server %s: " + message.rstrip(), type, *args)


def _log_request(self: Any, code: int | str = "-", size: int | str = "-") -> None:
    target = self.headers.get("X-Amz-Target") if getattr(self, "headers", None) else None
    shown = f" {target}" if target else ""
    _logger.debug('moto server: "%s" %s %s%s', self.requestline, code, size, shown)


class MotoServer:
    """moto's HTTP server on 127.0.0.1 (``port``, default a free one), in a daemon thread of this
    process; ``wrap`` puts an app in front of moto's (it gets moto's app, returns the one served).

    Unlike moto's ``ThreadedMotoServer``, it prints nothing: werkzeug would log every request to
    stderr (installing its own handler); here request lines and server errors go to the
    ``sagemon.testing`` logger at DEBUG, for whoever configures logging to see them.
    """

    def __init__(self, *, port: int = 0, wrap: Callable[[Any], Any] | None = None) -> None:
        require_server()
        self.port = port
        self.wrap = wrap  # makes the app served from moto's: the local SageMaker's endpoint
        self._server: Any = None
        self._thread: threading.Thread | None = None

    def start(self) -> str:
        """Serve; return the endpoint URL."""
        # Imported by name: the server's packages (Flask, werkzeug) are optional, and typed or
        # not depending on the environment.
        moto_app = importlib.import_module("moto.moto_server.werkzeug_app")
        serving = importlib.import_module("werkzeug.serving")
        quiet = {"log": _log}
        handler = type(
            "QuietHandler", (moto_app.MotoRequestHandler,), {**quiet, "log_request": _log_request}
        )
        server = type("QuietServer", (serving.ThreadedWSGIServer,), quiet)
        app = moto_app.DomainDispatcherApplication(moto_app.create_backend_app)
        if self.wrap is not None:
            app = self.wrap(app)
        # werkzeug prints a bind failure and exits; raise it as the OSError it is.
        with contextlib.redirect_stderr(io.StringIO()) as printed:
            try:
                self._server = server("127.0.0.1", self.port, app, handler)
            except SystemExit:
                reason = printed.getvalue().splitlines()[:1] or ["cannot bind"]
                raise OSError(errno.EADDRINUSE, reason[0]) from None
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},  # how long stop() waits
            name="sagemon-moto-server",
            daemon=True,
        )
        self._thread.start()
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join()
        self._server = self._thread = None
