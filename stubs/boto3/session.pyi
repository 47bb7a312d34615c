from typing import Any, Literal, overload

from botocore.client import BaseClient
from botocore.config import Config
from botocore.session import Session as BotocoreSession
from mypy_boto3_sagemaker import SageMakerClient

class Session:
    def __init__(
        self,
        aws_access_key_id: str | None = ...,
        aws_secret_access_key: str | None = ...,
        aws_session_token: str | None = ...,
        region_name: str | None = ...,
        botocore_session: BotocoreSession | None = ...,
        profile_name: str | None = ...,
    ) -> None: ...
    @property
    def region_name(self) -> str | None: ...
    @overload
    def client(
        self,
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
    def client(self, service_name: str, *args: Any, **kwargs: Any) -> BaseClient: ...
