"""moto: where job definitions live, and the two ways of running it (in-process or HTTP server)."""

from __future__ import annotations

import copy
import inspect
from typing import Any

from botocore import xform_name

from sagemon._generated.operations import OPERATIONS
from sagemon._generated.shapes import FIELDS

__all__ = ["MotoDefinitions"]


class MotoDefinitions:
    """Read access to moto's job-definition store, plus the one write moto cannot do itself.

    moto's ``ThreadedMotoServer`` runs in this process, so the same store serves both modes.
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

    def describe(self, kind: str, name: str) -> dict[str, Any] | None:
        """The Describe response body for a definition, or None if there is none."""
        if name not in self._store(kind):
            return None
        described: dict[str, Any] = getattr(
            self._backend, f"describe_{xform_name(kind)}_job_definition"
        )(name)
        return described

    def all(self, kind: str) -> list[dict[str, Any]]:
        return [
            d for name in list(self._store(kind)) if (d := self.describe(kind, name)) is not None
        ]

    def create_with_batch_input(self, kind: str, params: dict[str, Any]) -> str:
        """Create a ModelQuality/ModelExplainability definition whose input is a batch transform.

        moto reads ``EndpointInput.EndpointName`` unconditionally; give it a placeholder, then
        store the real input.
        """
        snake = xform_name(kind)
        create = getattr(self._backend, f"create_{snake}_job_definition")
        # moto's parameter names are the members' python names, as sagemon's are.
        wire = {py: w for py, w, _req in FIELDS[OPERATIONS[f"Create{kind}JobDefinition"].input]}
        arguments = {
            name: copy.deepcopy(params.get(wire[name]))
            for name in inspect.signature(create).parameters
        }
        arguments[f"{snake}_job_input"] = {"EndpointInput": {"EndpointName": ""}}
        arguments["tags"] = arguments.get("tags") or []
        arn: str = create(**arguments)
        stored = self._store(kind)[params["JobDefinitionName"]]
        setattr(stored, f"{snake}_job_input", copy.deepcopy(params[f"{kind}JobInput"]))
        stored.endpoint_name = None
        return arn
