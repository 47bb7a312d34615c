"""moto: where job definitions live, read and written directly so the fake can correct it."""

from __future__ import annotations

import copy
import datetime
import inspect
from typing import Any

from botocore import xform_name

from sagemon._generated.operations import OPERATIONS
from sagemon._generated.shapes import FIELDS

__all__ = ["MotoDefinitions"]


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
        for _py, key, required in FIELDS[output]:
            value = raw.get(key)
            if value is None or (value == {} and not required):
                continue  # the documentation gives no default for an absent member
            described[key] = copy.deepcopy(value)
        created = described["CreationTime"]
        if isinstance(created, datetime.datetime) and created.tzinfo is None:
            described["CreationTime"] = created.replace(tzinfo=datetime.timezone.utc)
        return described

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
        wire = {py: w for py, w, _req in FIELDS[OPERATIONS[f"Create{kind}JobDefinition"].input]}
        arguments = {
            name: copy.deepcopy(params.get(wire[name]))
            for name in inspect.signature(create).parameters
            if name in wire
        }
        if "account_id" in inspect.signature(create).parameters:
            arguments["account_id"] = self.account_id
        arguments["tags"] = arguments.get("tags") or []
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
