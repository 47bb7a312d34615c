"""Where moto departs from the SageMaker documentation, and the local SageMaker does not.

Each ``test_moto_*`` shows a defect of plain moto; when a moto upgrade fixes one, its test fails,
and the matching correction in ``sagemon.testing`` can go. The ``test_local_*`` twin shows the
documented behaviour the local SageMaker gives instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3.session
import pytest
from botocore import xform_name

from sagemon.errors import ResourceInUse
from sagemon.testing import LocalSageMaker
from tests.factories import definition, definition_wire

mock_aws = pytest.importorskip("moto", reason="needs moto: pip install 'sagemon[testing]'").mock_aws
pytestmark = pytest.mark.moto


@pytest.fixture
def moto_client() -> Iterator[Any]:
    with mock_aws():
        session = boto3.session.Session(
            aws_access_key_id="a", aws_secret_access_key="b", region_name="us-east-1"
        )
        yield session.client("sagemaker")


def _create(client: Any, kind: str, name: str, **options: Any) -> Any:
    return getattr(client, f"create_{xform_name(kind)}_job_definition")(
        **definition_wire(kind, name, **options)
    )


def _names(client: Any, kind: str, **query: Any) -> list[str]:
    listed = getattr(client, f"list_{xform_name(kind)}_job_definitions")(**query)
    return [s["MonitoringJobDefinitionName"] for s in listed["JobDefinitionSummaries"]]


@pytest.mark.parametrize("kind", ["ModelQuality", "ModelExplainability"])
def test_moto_crashes_on_batch_transform_input(moto_client: Any, kind: str) -> None:
    with pytest.raises(KeyError, match="EndpointInput"):
        _create(moto_client, kind, "batch-def", batch=True)


@pytest.mark.parametrize("kind", ["ModelQuality", "ModelExplainability"])
def test_local_accepts_batch_transform_input(local_sagemaker: LocalSageMaker, kind: str) -> None:
    client = local_sagemaker.boto3_client
    _create(client, kind, "batch-def", batch=True)
    described = getattr(client, f"describe_{xform_name(kind)}_job_definition")(
        JobDefinitionName="batch-def"
    )
    assert (
        described[f"{kind}JobInput"]
        == definition_wire(kind, "batch-def", batch=True)[f"{kind}JobInput"]
    )


@pytest.mark.parametrize("kind", ["DataQuality", "ModelBias"])
def test_moto_overwrites_duplicates(moto_client: Any, kind: str) -> None:
    _create(moto_client, kind, "dup")
    _create(moto_client, kind, "dup", endpoint="other")  # no ResourceInUse


@pytest.mark.parametrize("kind", ["DataQuality", "ModelBias"])
def test_local_rejects_duplicates(local_sagemaker: LocalSageMaker, kind: str) -> None:
    _create(local_sagemaker.boto3_client, kind, "dup")
    with pytest.raises(local_sagemaker.boto3_client.exceptions.ResourceInUse):
        _create(local_sagemaker.boto3_client, kind, "dup")
    with pytest.raises(ResourceInUse):
        getattr(local_sagemaker.client, f"create_{xform_name(kind)}_job_definition")(
            definition(kind, "dup")
        )


@pytest.mark.parametrize("kind", ["DataQuality", "ModelBias"])
def test_moto_ignores_list_filters_and_page_size(moto_client: Any, kind: str) -> None:
    _create(moto_client, kind, "alpha")
    _create(moto_client, kind, "beta")
    assert _names(moto_client, kind, NameContains="alp") == ["alpha", "beta"]
    assert _names(moto_client, kind, MaxResults=1) == ["alpha", "beta"]


@pytest.mark.parametrize(
    "kind", ["ModelQuality", "ModelExplainability", "DataQuality", "ModelBias"]
)
def test_moto_lists_oldest_first(moto_client: Any, kind: str) -> None:
    _create(moto_client, kind, "first")
    _create(moto_client, kind, "second")
    assert _names(moto_client, kind) == [
        "first",
        "second",
    ]  # the documented default is newest first


@pytest.mark.parametrize(
    "kind", ["ModelQuality", "ModelExplainability", "DataQuality", "ModelBias"]
)
def test_local_lists_as_documented(local_sagemaker: LocalSageMaker, kind: str) -> None:
    client = local_sagemaker.boto3_client
    _create(client, kind, "alpha")
    _create(client, kind, "beta")
    assert _names(client, kind) == ["beta", "alpha"]
    assert _names(client, kind, NameContains="alp") == ["alpha"]
    page = getattr(client, f"list_{xform_name(kind)}_job_definitions")(MaxResults=1)
    assert len(page["JobDefinitionSummaries"]) == 1
    assert "NextToken" in page


def _describe(client: Any, kind: str, name: str) -> dict[str, Any]:
    described: dict[str, Any] = getattr(client, f"describe_{xform_name(kind)}_job_definition")(
        JobDefinitionName=name
    )
    described.pop("ResponseMetadata", None)
    return described


@pytest.mark.parametrize("kind", ["DataQuality", "ModelBias"])
def test_moto_describes_absent_members_as_empty(moto_client: Any, kind: str) -> None:
    """moto answers ``StoppingCondition: {}``, which breaks its required MaxRuntimeInSeconds."""
    wire = definition_wire(kind, "no-limit")
    del wire["StoppingCondition"]
    getattr(moto_client, f"create_{xform_name(kind)}_job_definition")(**wire)
    described = _describe(moto_client, kind, "no-limit")
    assert described["StoppingCondition"] == {}
    assert described["NetworkConfig"] == {}
    assert described[f"{kind}BaselineConfig"] == {}


def test_moto_loses_the_explainability_stopping_condition(moto_client: Any) -> None:
    """moto describes it as ``StoppingConditions``, which botocore drops."""
    _create(moto_client, "ModelExplainability", "limited")
    assert "StoppingCondition" not in _describe(moto_client, "ModelExplainability", "limited")


@pytest.mark.parametrize(
    "kind", ["ModelQuality", "ModelExplainability", "DataQuality", "ModelBias"]
)
@pytest.mark.parametrize("limited", [True, False], ids=["max-runtime", "no-max-runtime"])
@pytest.mark.parametrize("batch", [False, True], ids=["endpoint", "batch-transform"])
def test_local_describes_what_was_created(
    local_sagemaker: LocalSageMaker, kind: str, limited: bool, batch: bool
) -> None:
    """Describe repeats the request's members, no more (no invented empty ones), no fewer."""
    wire = definition_wire(kind, "churn-def", batch=batch)
    if not limited:
        del wire["StoppingCondition"]
    getattr(local_sagemaker.boto3_client, f"create_{xform_name(kind)}_job_definition")(**wire)
    described = _describe(local_sagemaker.boto3_client, kind, "churn-def")
    assert described.keys() - wire.keys() == {"JobDefinitionArn", "CreationTime"}
    assert {key: described[key] for key in wire} == wire
    typed = getattr(local_sagemaker.client, f"describe_{xform_name(kind)}_job_definition")(
        job_definition_name="churn-def"
    )
    if limited:
        assert typed.stopping_condition.max_runtime_in_seconds == 1800
    else:
        assert typed.stopping_condition is None


@pytest.mark.parametrize(
    "kind", ["ModelQuality", "ModelExplainability", "DataQuality", "ModelBias"]
)
def test_moto_lets_names_differ_only_in_case(moto_client: Any, kind: str) -> None:
    """SageMaker names ignore case (its ARNs are lower case): moto keeps both."""
    _create(moto_client, kind, "Churn")
    _create(moto_client, kind, "churn")
    assert sorted(_names(moto_client, kind)) == ["Churn", "churn"]
