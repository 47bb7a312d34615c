"""ECR image URIs of the Model Monitor analyzer and the Clarify processing container, by region.

The table is data with a source and a date, not a closed list: AWS adds regions. It comes from
the SageMaker Python SDK's ``src/sagemaker/image_uri_config/model-monitor.json`` and
``clarify.json`` at commit ``fc582aaa`` of its ``master-v2`` branch (release 2.257.6,
2026-08-10; both files are byte-identical in the v3 SDK), checked on 2026-11-23. One entry is
not in those files: the Model Monitor account for ``us-gov-west-1`` is from the Developer Guide's
table of analyzer images (``model-monitor-pre-built-container``, 2023), which the SDK dropped.

An image URI is ``{account}.dkr.ecr.{region}.{domain}/{repository}[:{tag}]``: the analyzer has no
tag, Clarify's tag is ``1.0``. The domain is ``amazonaws.com``, except ``amazonaws.com.cn`` in
the China regions and ``csp.hci.ic.gov`` in the ISO-F regions (the SDK's ``ALTERNATE_DOMAINS``).
"""

from __future__ import annotations

import difflib
from typing import Final

from sagemon.errors import UnknownRegionError

__all__ = [
    "CLARIFY_REPOSITORY",
    "CLARIFY_TAG",
    "MODEL_MONITOR_REPOSITORY",
    "clarify_image_uri",
    "clarify_regions",
    "model_monitor_image_uri",
    "model_monitor_regions",
    "registry_domain",
]

MODEL_MONITOR_REPOSITORY: Final = "sagemaker-model-monitor-analyzer"
CLARIFY_REPOSITORY: Final = "sagemaker-clarify-processing"
CLARIFY_TAG: Final = "1.0"

# region: (Model Monitor analyzer account, Clarify processing account); None: no image known.
_ACCOUNTS: Final[dict[str, tuple[str | None, str | None]]] = {
    "af-south-1": ("875698925577", "811711786498"),
    "ap-east-1": ("001633400207", "098760798382"),
    "ap-northeast-1": ("574779866223", "377024640650"),
    "ap-northeast-2": ("709848358524", "263625296855"),
    "ap-northeast-3": ("990339680094", "912233562940"),
    "ap-south-1": ("126357580389", "452307495513"),
    "ap-southeast-1": ("245545462676", "834264404009"),
    "ap-southeast-2": ("563025443158", "007051062584"),
    "ap-southeast-3": ("669540362728", "705930551576"),
    "ca-central-1": ("536280801234", "675030665977"),
    "cn-north-1": ("453000072557", "122526803553"),
    "cn-northwest-1": ("453252182341", "122578899357"),
    "eu-central-1": ("048819808253", "017069133835"),
    "eu-central-2": ("590183933784", "730335477804"),
    "eu-north-1": ("895015795356", "763603941244"),
    "eu-south-1": ("933208885752", "638885417683"),
    "eu-south-2": ("437450045455", None),
    "eu-west-1": ("468650794304", "131013547314"),
    "eu-west-2": ("749857270468", "440796970383"),
    "eu-west-3": ("680080141114", "341593696636"),
    "il-central-1": ("843974653677", None),
    "me-central-1": ("588750061953", None),
    "me-south-1": ("607024016150", "835444307964"),
    "sa-east-1": ("539772159869", "520018980103"),
    "us-east-1": ("156813124566", "205585389593"),
    "us-east-2": ("777275614652", "211330385671"),
    "us-gov-west-1": ("362178532790", "598674086554"),  # analyzer: Developer Guide (2023)
    "us-isof-east-1": ("853188333426", "579539705040"),
    "us-isof-south-1": ("467912361380", "411392592546"),
    "us-west-1": ("890145073186", "740489534195"),
    "us-west-2": ("159807026194", "306415355426"),
}

_DOMAINS: Final = {
    "cn-north-1": "amazonaws.com.cn",
    "cn-northwest-1": "amazonaws.com.cn",
    "us-isof-east-1": "csp.hci.ic.gov",
    "us-isof-south-1": "csp.hci.ic.gov",
}


def registry_domain(region: str) -> str:
    """The ECR registry domain of ``region``: ``amazonaws.com`` unless the region's partition
    has its own (China: ``amazonaws.com.cn``; ISO-F: ``csp.hci.ic.gov``)."""
    return _DOMAINS.get(region, "amazonaws.com")


def model_monitor_regions() -> tuple[str, ...]:
    """The regions with a known Model Monitor analyzer image, sorted."""
    return tuple(r for r, (account, _) in _ACCOUNTS.items() if account is not None)


def clarify_regions() -> tuple[str, ...]:
    """The regions with a known Clarify processing image, sorted."""
    return tuple(r for r, (_, account) in _ACCOUNTS.items() if account is not None)


def model_monitor_image_uri(region: str) -> str:
    """The Model Monitor analyzer image (data and model quality) for ``region``, untagged.

    >>> model_monitor_image_uri("us-west-2")
    '159807026194.dkr.ecr.us-west-2.amazonaws.com/sagemaker-model-monitor-analyzer'

    Raises :class:`~sagemon.errors.UnknownRegionError` (a ValueError) listing the known regions.
    """
    account = _account(region, 0, "Model Monitor analyzer", model_monitor_regions())
    return f"{account}.dkr.ecr.{region}.{registry_domain(region)}/{MODEL_MONITOR_REPOSITORY}"


def clarify_image_uri(region: str) -> str:
    """The Clarify processing image (bias and explainability monitors) for ``region``.

    >>> clarify_image_uri("cn-north-1")
    '122526803553.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-clarify-processing:1.0'

    Raises :class:`~sagemon.errors.UnknownRegionError` (a ValueError) listing the known regions.
    """
    account = _account(region, 1, "Clarify processing", clarify_regions())
    return (
        f"{account}.dkr.ecr.{region}.{registry_domain(region)}/{CLARIFY_REPOSITORY}:{CLARIFY_TAG}"
    )


def _account(region: str, column: int, image: str, known: tuple[str, ...]) -> str:
    if not isinstance(region, str):
        raise UnknownRegionError(
            image,
            repr(region),
            known,
            f"region must be a string such as 'us-east-1', not {region!r}",
        )
    entry = _ACCOUNTS.get(region)
    account = entry[column] if entry is not None else None
    if account is not None:
        return account
    shown = region if len(region) <= 40 else region[:37] + "..."
    if entry is not None:
        reason = f"no {image} image is known for {shown!r}"
    else:
        close = difflib.get_close_matches(region.strip().lower(), known, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        reason = f"no {image} image is known for the region {shown!r}{hint}"
    raise UnknownRegionError(
        image,
        region,
        known,
        f"{reason}; the known regions are {', '.join(known)} (this table is from the SageMaker"
        " Python SDK, 2026-08-10; for a newer region pass the image URI yourself)",
    )
