"""sagemon.images: the analyzer and Clarify image URIs of every region in the checked-in table."""

from __future__ import annotations

import pickle
import re

import pytest

from sagemon import SagemonError
from sagemon.errors import UnknownRegionError
from sagemon.images import (
    clarify_image_uri,
    clarify_regions,
    model_monitor_image_uri,
    model_monitor_regions,
    registry_domain,
)

URI = re.compile(r"(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.([a-z.]+)/([a-z-]+)(?::([\d.]+))?")


def test_the_table_has_every_region_it_should() -> None:
    assert len(model_monitor_regions()) == 31  # the SDK's 30 and us-gov-west-1 (Developer Guide)
    assert len(clarify_regions()) == 28
    assert model_monitor_regions() == tuple(sorted(model_monitor_regions()))
    assert clarify_regions() == tuple(sorted(clarify_regions()))
    assert set(clarify_regions()) - set(model_monitor_regions()) == set()
    assert set(model_monitor_regions()) - set(clarify_regions()) == {
        "eu-south-2",
        "il-central-1",
        "me-central-1",
    }


@pytest.mark.parametrize(
    ("region", "uri"),
    [
        (
            "us-west-2",
            "159807026194.dkr.ecr.us-west-2.amazonaws.com/sagemaker-model-monitor-analyzer",
        ),
        (
            "us-east-1",
            "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer",
        ),
        (
            "cn-north-1",
            "453000072557.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-model-monitor-analyzer",
        ),
        (
            "cn-northwest-1",
            "453252182341.dkr.ecr.cn-northwest-1.amazonaws.com.cn/sagemaker-model-monitor-analyzer",
        ),
        (
            "us-isof-east-1",
            "853188333426.dkr.ecr.us-isof-east-1.csp.hci.ic.gov/sagemaker-model-monitor-analyzer",
        ),
        (
            "us-gov-west-1",
            "362178532790.dkr.ecr.us-gov-west-1.amazonaws.com/sagemaker-model-monitor-analyzer",
        ),
        (
            "il-central-1",
            "843974653677.dkr.ecr.il-central-1.amazonaws.com/sagemaker-model-monitor-analyzer",
        ),
    ],
)
def test_model_monitor_images(region: str, uri: str) -> None:
    assert model_monitor_image_uri(region) == uri


@pytest.mark.parametrize(
    ("region", "uri"),
    [
        (
            "us-west-2",
            "306415355426.dkr.ecr.us-west-2.amazonaws.com/sagemaker-clarify-processing:1.0",
        ),
        (
            "ap-northeast-3",
            "912233562940.dkr.ecr.ap-northeast-3.amazonaws.com/sagemaker-clarify-processing:1.0",
        ),
        (
            "cn-northwest-1",
            "122578899357.dkr.ecr.cn-northwest-1.amazonaws.com.cn/sagemaker-clarify-processing:1.0",
        ),
        (
            "us-isof-south-1",
            "411392592546.dkr.ecr.us-isof-south-1.csp.hci.ic.gov/sagemaker-clarify-processing:1.0",
        ),
        (
            "us-gov-west-1",
            "598674086554.dkr.ecr.us-gov-west-1.amazonaws.com/sagemaker-clarify-processing:1.0",
        ),
    ],
)
def test_clarify_images(region: str, uri: str) -> None:
    assert clarify_image_uri(region) == uri


def test_every_uri_is_well_formed() -> None:
    for region in model_monitor_regions():
        match = URI.fullmatch(model_monitor_image_uri(region))
        assert match is not None
        assert match[2] == region
        assert match[3] == registry_domain(region)
        assert match[4] == "sagemaker-model-monitor-analyzer"
        assert match[5] is None
    for region in clarify_regions():
        match = URI.fullmatch(clarify_image_uri(region))
        assert match is not None
        assert (match[2], match[4], match[5]) == (region, "sagemaker-clarify-processing", "1.0")
    domains = {registry_domain(r) for r in model_monitor_regions()}
    assert domains == {"amazonaws.com", "amazonaws.com.cn", "csp.hci.ic.gov"}
    assert all(
        registry_domain(r) == "amazonaws.com.cn"
        for r in model_monitor_regions()
        if r.startswith("cn-")
    )


def test_an_unknown_region_lists_the_known_ones() -> None:
    with pytest.raises(UnknownRegionError) as info:
        model_monitor_image_uri("us-west-3")
    error = info.value
    assert isinstance(error, ValueError)
    assert isinstance(error, SagemonError)
    assert (error.region, error.known) == ("us-west-3", model_monitor_regions())
    message = str(error)
    assert "no Model Monitor analyzer image is known for the region 'us-west-3'" in message
    assert "(did you mean us-west-2?)" in message
    assert "the known regions are af-south-1, ap-east-1," in message
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), str(again), again.known) == (UnknownRegionError, message, error.known)


def test_a_region_without_a_clarify_image() -> None:
    with pytest.raises(
        UnknownRegionError, match="no Clarify processing image is known for 'il-central-1'"
    ):
        clarify_image_uri("il-central-1")


@pytest.mark.parametrize("region", ["", "US-WEST-2", " us-west-2", "x" * 500])
def test_other_strings_are_unknown_regions(region: str) -> None:
    with pytest.raises(UnknownRegionError) as info:
        clarify_image_uri(region)
    assert len(str(info.value)) < 1200


def test_a_region_that_is_not_a_string() -> None:
    with pytest.raises(UnknownRegionError, match="region must be a string"):
        model_monitor_image_uri(None)  # type: ignore[arg-type]
