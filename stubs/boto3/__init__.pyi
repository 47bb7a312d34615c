# Local stub: boto3 ships no types. Only what sagemon uses, typed with mypy_boto3_sagemaker.
from typing import Any, Literal, overload

from boto3.session import Session as Session
from botocore.client import BaseClient
from botocore.config import Config
from mypy_boto3_sagemaker import SageMakerClient

__version__: str

@overload
def client(
    service_name: Literal["sagemaker"],
    region_name: str | None = ...,
    api_version: str | None = ...,
    use_ssl: bool | None = ...,
    verify: bool | str | None = ...,
    endpoint_url: str | None = ...,
    aws_access_key_id: str | None = ...,
    aws_secret_access_key: str | None = ...,
    aws_session_token: str | None = ...,
    config: Config | None = ...,
) -> SageMakerClient: ...
@overload
def client(service_name: str, *args: Any, **kwargs: Any) -> BaseClient: ...
def setup_default_session(**kwargs: Any) -> None: ...
