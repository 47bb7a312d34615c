"""sagemon.Client against botocore's Stubber: exact requests, typed responses, errors, paging."""

from __future__ import annotations

import json
import logging
import pickle
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import boto3.session
import pytest
from botocore import exceptions as bx
from botocore.config import Config
from botocore.stub import Stubber

import sagemon
from sagemon import Client, SkippedItem, ValidationError, from_wire, to_wire
from sagemon._generated.operations import OPERATIONS
from sagemon._spec import ListOperation
from sagemon.enums import InstanceType, ScheduleStatus, SortOrder
from sagemon.errors import (
    AccessDeniedError,
    AccessDeniedException,
    ClientSideError,
    ConfigurationError,
    ConflictError,
    ConflictException,
    ConnectionFailedError,
    CredentialsError,
    InternalFailure,
    InvalidRequestError,
    LimitExceededError,
    MalformedResponseError,
    NotFoundError,
    PaginationError,
    RequestTimeoutError,
    ResourceAlreadyExists,
    ResourceInUse,
    ResourceLimitExceeded,
    ResourceNotFound,
    SagemonError,
    ServerSideError,
    ServiceError,
    ServiceUnavailable,
    ThrottledError,
    ThrottlingException,
    TransportError,
    ValidationException,
)
from sagemon.shapes import (
    DescribeMonitoringScheduleRequest,
    ListMonitoringSchedulesRequest,
    MonitoringScheduleSummary,
)
from tests.model import sample


@cache
def _session() -> boto3.session.Session:
    """The session of the tests' raw clients. Each client is new, with its own event handlers
    and stubber; the session reads SageMaker's service model once, not once per test."""
    return boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    )


def _boto3_client() -> Any:
    return _session().client(
        "sagemaker", config=Config(retries={"max_attempts": 1, "mode": "standard"})
    )


@pytest.fixture
def stubbed() -> Iterator[tuple[Client, Stubber]]:
    raw = _boto3_client()
    with Stubber(raw) as stubber:
        yield Client(boto3_client=raw), stubber
        stubber.assert_no_pending_responses()


# ----------------------------------------------------------------------------- construction


def test_construction_injects_never_hides(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _boto3_client()
    assert Client(boto3_client=raw).boto3_client is raw
    session = boto3.session.Session(
        aws_access_key_id="a", aws_secret_access_key="b", region_name="eu-west-1"
    )
    # The client wins over the session; the session over the defaults.
    assert Client(boto3_client=raw, boto3_session=session).boto3_client is raw
    from_session = Client(boto3_session=session)
    assert from_session.boto3_client.meta.region_name == "eu-west-1"
    configured = Client(
        boto3_session=session,
        region_name="eu-central-1",
        boto_config=Config(retries={"max_attempts": 7, "mode": "adaptive"}, read_timeout=11),
    )
    assert configured.boto3_client.meta.region_name == "eu-central-1"
    assert configured.boto3_client.meta.config.retries == {
        "mode": "adaptive",
        "total_max_attempts": 8,
    }
    assert configured.boto3_client.meta.config.read_timeout == 11
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-2")
    assert Client().boto3_client.meta.region_name == "ap-southeast-2"
    assert "ap-southeast-2" in repr(Client())


@pytest.fixture
def no_aws_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> pytest.MonkeyPatch:
    """An environment with no AWS region, profile or config file."""
    for name in ("AWS_DEFAULT_REGION", "AWS_REGION", "AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    return monkeypatch


def test_no_region_is_a_configuration_error(no_aws_config: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigurationError) as info:
        Client()
    assert isinstance(info.value, SagemonError)
    assert isinstance(info.value.__cause__, bx.NoRegionError)
    message = str(info.value)
    assert "no AWS region" in message
    assert "region_name=" in message
    assert "AWS_DEFAULT_REGION" in message
    session = boto3.session.Session(aws_access_key_id="a", aws_secret_access_key="b")
    with pytest.raises(ConfigurationError, match="no AWS region"):
        Client(boto3_session=session)
    assert Client(region_name="eu-west-1").boto3_client.meta.region_name == "eu-west-1"


def test_an_unknown_profile_is_a_configuration_error(no_aws_config: pytest.MonkeyPatch) -> None:
    no_aws_config.setenv("AWS_PROFILE", "ghost")
    with pytest.raises(ConfigurationError, match=r"profile 'ghost' does not exist.*AWS_PROFILE"):
        Client(region_name="us-east-1")


def _setting_id(options: dict[str, Any]) -> str:
    """The same test id in every process (pytest-xdist's workers): a Config's repr holds its
    address."""
    shown = {k: "Config(...)" if isinstance(v, Config) else v for k, v in options.items()}
    return str(shown)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"endpoint_url": "not a url"}, "endpoint_url 'not a url' is not a valid URL"),
        ({"endpoint_url": "http://"}, "endpoint_url 'http://' is not a valid URL"),
        ({"endpoint_url": 8080}, "endpoint_url must be a string, not int"),
        ({"region_name": "us east 1"}, "region_name 'us east 1' is not a valid AWS region"),
        ({"region_name": ["us-east-1"]}, "region_name must be a string, not list"),
        ({"boto_config": Config(defaults_mode="fast")}, "check boto_config.*defaults mode: fast"),
        ({"boto_config": {"retries": 3}}, "boto_config must be a botocore.config.Config, not dict"),
        ({"boto3_session": "default"}, "boto3_session must be a boto3.session.Session, not str"),
    ],
    ids=lambda v: _setting_id(v) if isinstance(v, dict) else None,
)
def test_bad_client_settings_are_configuration_errors(options: dict[str, Any], match: str) -> None:
    options = {"region_name": "us-east-1"} | options
    with pytest.raises(ConfigurationError, match=match):
        Client(**options)


def test_boto3_is_imported_only_when_a_client_is_made() -> None:
    code = (
        "import sys, sagemon; sagemon.Client; sagemon.Listing; import sagemon.errors;"
        " print('boto3' in sys.modules, 'botocore' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.split() == ["False", "False"]


# ----------------------------------------------------------------------------- requests, responses


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_exactly_the_wire_request_reaches_botocore(
    stubbed: tuple[Client, Stubber], name: str
) -> None:
    client, stubber = stubbed
    op = OPERATIONS[name]
    request = from_wire(op.input, sample(op.input.__name__))
    response = sample(op.output.__name__) if op.output else {}
    stubber.add_response(op.method, response, expected_params=to_wire(request))
    result = getattr(client, op.method)(request)
    if op.output is None:
        assert result is None
    elif isinstance(op, ListOperation):
        page = result.first_page()
        assert page == from_wire(op.output, response)
    else:
        assert result == from_wire(op.output, response)


def test_keywords_build_the_request(stubbed: tuple[Client, Stubber]) -> None:
    client, stubber = stubbed
    response = sample("DescribeMonitoringScheduleResponse")
    stubber.add_response(
        "describe_monitoring_schedule", response, {"MonitoringScheduleName": "churn"}
    )
    described = client.describe_monitoring_schedule(monitoring_schedule_name="churn")
    assert described.monitoring_schedule_status is ScheduleStatus(
        response["MonitoringScheduleStatus"]
    )


def test_keyword_mistakes(stubbed: tuple[Client, Stubber]) -> None:
    client, _stubber = stubbed
    with pytest.raises(
        TypeError,
        match="argument 'monitoring_schedule'; did you mean 'monitoring_schedule_name'",
    ):
        client.describe_monitoring_schedule(monitoring_schedule="x")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="argument 'monitoring_schedule_nam'; did you mean"):
        client.describe_monitoring_schedule(  # type: ignore[call-overload]
            DescribeMonitoringScheduleRequest(monitoring_schedule_name="x"),
            monitoring_schedule_nam="x",
        )
    with pytest.raises(
        TypeError,
        match=r"^describe_monitoring_schedule\(\) got an unexpected keyword argument 'request'; "
        r"pass the request object positionally$",
    ):
        client.describe_monitoring_schedule(  # type: ignore[call-overload]
            request=DescribeMonitoringScheduleRequest(monitoring_schedule_name="x")
        )
    with pytest.raises(TypeError, match="takes from 1 to 2 positional arguments but 3 were given"):
        client.describe_monitoring_schedule(  # type: ignore[call-overload]
            DescribeMonitoringScheduleRequest(monitoring_schedule_name="x"), "y"
        )
    with pytest.raises(TypeError, match="a request object or keywords, not both"):
        client.describe_monitoring_schedule(
            DescribeMonitoringScheduleRequest(monitoring_schedule_name="x"),
            monitoring_schedule_name="x",
        )  # type: ignore[call-overload]
    with pytest.raises(
        TypeError,
        match="takes a DescribeMonitoringScheduleRequest, not ListMonitoringSchedulesRequest",
    ):
        client.describe_monitoring_schedule(ListMonitoringSchedulesRequest())  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as info:
        client.update_monitoring_alert(monitoring_alert_name="bad name", datapoints_to_alert=0)  # type: ignore[call-overload]
    assert [str(p) for p in info.value.problems] == [
        "MonitoringScheduleName: required",
        "MonitoringAlertName: 'bad name' has a space (' ') at position 4; use only letters, digits and hyphens",
        "DatapointsToAlert: 0 is outside 1..100",
        "EvaluationPeriod: required",
    ]


def test_a_keyword_given_as_none_is_not_given(stubbed: tuple[Client, Stubber]) -> None:
    client, stubber = stubbed
    response = {"MonitoringScheduleSummaries": []}
    stubber.add_response("list_monitoring_schedules", response, {"MaxResults": 5})
    stubber.add_response("list_monitoring_schedules", response, {"MaxResults": 5})
    assert client.list_monitoring_schedules(max_results=5, name_contains=None).all() == []
    request = ListMonitoringSchedulesRequest(max_results=5)
    assert client.list_monitoring_schedules(request, name_contains=None).all() == []  # type: ignore[call-overload]
    with pytest.raises(ValidationError, match="MonitoringScheduleName: required"):
        client.describe_monitoring_schedule(monitoring_schedule_name=None)  # type: ignore[arg-type]


def test_nothing_is_sent_for_an_invalid_request(stubbed: tuple[Client, Stubber]) -> None:
    """The stubber has no response queued: any call reaching botocore would fail differently."""
    client, _stubber = stubbed
    data = sample("CreateMonitoringScheduleRequest")
    data["MonitoringScheduleConfig"]["MonitoringJobDefinition"]["RoleArn"] = "not-a-role"
    described = from_wire(sagemon.shapes.CreateMonitoringScheduleRequest, data, lenient=True)
    with pytest.raises(
        ValidationError, match=r"MonitoringScheduleConfig\.MonitoringJobDefinition\.RoleArn"
    ):
        client.create_monitoring_schedule(described)


def test_responses_are_lenient() -> None:
    """A field or enum value newer than this SDK never breaks a call."""
    client = Client(boto3_client=_boto3_client())
    response = sample("DescribeMonitoringScheduleResponse") | {"BrandNewField": {"X": 1}}
    response["MonitoringScheduleStatus"] = "Paused"
    cluster = response["MonitoringScheduleConfig"]["MonitoringJobDefinition"][
        "MonitoringResources"
    ]["ClusterConfig"]
    cluster["InstanceType"] = "ml.q9.48xlarge"
    _answer(client, response)
    described = client.describe_monitoring_schedule(monitoring_schedule_name="churn")
    assert described.monitoring_schedule_status == ScheduleStatus.unlisted("Paused")
    job = described.monitoring_schedule_config.monitoring_job_definition
    assert job is not None
    assert job.monitoring_resources.cluster_config.instance_type == InstanceType.unlisted(
        "ml.q9.48xlarge"
    )


def test_numbers_beyond_a_double_in_a_response_never_crash() -> None:
    """The reproducer: a huge number in a response raised a raw OverflowError."""
    data = sample("DescribeModelQualityJobDefinitionResponse")
    endpoint = data["ModelQualityJobInput"]["EndpointInput"]
    endpoint["ProbabilityThresholdAttribute"] = 10**400
    client, _sent = _http((200, json.dumps(data, default=str).encode()))
    described = client.describe_model_quality_job_definition(job_definition_name="churn")
    threshold = described.model_quality_job_input.endpoint_input
    assert threshold is not None
    assert threshold.probability_threshold_attribute == 10**400


def test_the_http_body_is_the_boto3_dict_byte_for_byte() -> None:
    """Numbers keep their type (an int for a double stays ``1``) and members keep model order."""
    from botocore.awsrequest import AWSResponse

    wire = sample("CreateModelQualityJobDefinitionRequest")
    wire["ModelQualityJobInput"]["EndpointInput"]["ProbabilityThresholdAttribute"] = 1
    wire["ModelQualityJobInput"]["EndpointInput"]["StartTimeOffset"] = "-PT2H"
    wire["ModelQualityJobInput"]["EndpointInput"]["EndTimeOffset"] = "-PT1H"
    request = from_wire(sagemon.shapes.CreateModelQualityJobDefinitionRequest, wire)
    bodies: dict[str, bytes] = {}

    def capture(name: str) -> Any:
        def send(request: Any, **_: Any) -> AWSResponse:
            bodies[name] = request.body
            answer = json.dumps({"JobDefinitionArn": "arn:x"}).encode()
            return AWSResponse(request.url, 200, {}, _RawBody(answer))  # type: ignore[arg-type]

        return send

    raw = _boto3_client()
    raw.meta.events.register("before-send.sagemaker", capture("raw"))
    raw.create_model_quality_job_definition(**wire)
    client = Client(boto3_client=_boto3_client())
    client.boto3_client.meta.events.register("before-send.sagemaker", capture("sagemon"))
    client.create_model_quality_job_definition(request)
    assert bodies["sagemon"] == bodies["raw"]
    assert b'"ProbabilityThresholdAttribute": 1,' in bodies["sagemon"]


def test_keywords_report_member_and_rule_problems_together(stubbed: tuple[Client, Stubber]) -> None:
    """A bad name does not hide an unsupported schedule (nothing is sent)."""
    client, _stubber = stubbed
    config = sagemon.shapes.MonitoringScheduleConfig(
        schedule_config=sagemon.shapes.ScheduleConfig(schedule_expression="cron(0 0 * * ? *)"),
        monitoring_job_definition_name="churn-quality",
        monitoring_type=sagemon.enums.MonitoringType.MODEL_QUALITY,
    )
    with pytest.raises(ValidationError) as info:
        client.create_monitoring_schedule(
            monitoring_schedule_name="churn_hourly", monitoring_schedule_config=config
        )
    assert info.value.paths == (
        "MonitoringScheduleName",
        "MonitoringScheduleConfig.ScheduleConfig.ScheduleExpression",
    )


class _RawBody:
    """The undecoded body botocore reads from the HTTP response."""

    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self.body


def _json(data: Any) -> bytes:
    """A wire dict as SageMaker's JSON protocol sends it (timestamps in epoch seconds)."""
    return json.dumps(data, default=lambda value: value.timestamp()).encode()


def _http(*answers: tuple[int, bytes]) -> tuple[Client, list[dict[str, Any]]]:
    """A client whose calls get these HTTP answers in turn, parsed by botocore itself.

    Also returns the list of request bodies sent, as dicts.
    """
    from botocore.awsrequest import AWSResponse

    no_retries = Config(retries={"total_max_attempts": 1, "mode": "standard"})
    raw = _session().client("sagemaker", config=no_retries)
    sent: list[dict[str, Any]] = []
    queue = list(answers)

    def send(request: Any, **_: Any) -> AWSResponse:
        sent.append(json.loads(request.body))
        status, body = queue.pop(0)
        headers = {"x-amzn-RequestId": f"req-{len(sent)}"}
        return AWSResponse(request.url, status, headers, _RawBody(body))  # type: ignore[arg-type]

    raw.meta.events.register("before-send.sagemaker", send)
    return Client(boto3_client=raw), sent


def _http_error(status: int, body: bytes) -> Client:
    """A client whose next call gets this HTTP status and body."""
    return _http((status, body))[0]


def test_a_malformed_response_keeps_the_response() -> None:
    response = sample("DescribeMonitoringScheduleResponse")
    del response["CreationTime"]
    client, _sent = _http((200, _json(response)))
    with pytest.raises(MalformedResponseError) as info:
        client.describe_monitoring_schedule(monitoring_schedule_name="churn")
    error = info.value
    assert error.operation == "DescribeMonitoringSchedule"
    assert [str(p) for p in error.problems] == ["CreationTime: required"]
    assert (error.request_id, error.http_status) == ("req-1", 200)
    assert error.response["MonitoringScheduleName"] == response["MonitoringScheduleName"]
    assert error.response["ResponseMetadata"]["RequestId"] == "req-1"
    assert (error.items, error.next_token) == ((), None)
    assert str(error) == (
        "DescribeMonitoringSchedule returned a malformed response (HTTP 200, request req-1): "
        "CreationTime: required"
    )
    assert isinstance(error.__cause__, ValidationError)


@pytest.mark.parametrize(
    ("name", "created"),
    [
        ("CreateMonitoringSchedule", "DescribeMonitoringSchedule"),
        ("CreateDataQualityJobDefinition", "DescribeDataQualityJobDefinition"),
        ("CreateOptimizationJob", "DescribeOptimizationJob"),
    ],
)
def test_a_create_answering_nothing_says_the_resource_was_created(name: str, created: str) -> None:
    op = OPERATIONS[name]
    client, _sent = _http((200, b"{}"))
    with pytest.raises(MalformedResponseError) as info:
        getattr(client, op.method)(from_wire(op.input, sample(op.input.__name__)))
    message = str(info.value)
    assert message.startswith(f"{name} returned a malformed response (HTTP 200, request req-1): ")
    assert message.endswith(
        f". The call succeeded, so the resource was probably created: call {created} before "
        "creating it again"
    )
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_an_update_answering_nothing_says_the_change_was_made() -> None:
    op = OPERATIONS["UpdateMonitoringSchedule"]
    client, _sent = _http((200, b"{}"))
    with pytest.raises(MalformedResponseError, match="the change was probably made"):
        client.update_monitoring_schedule(from_wire(op.input, sample(op.input.__name__)))


def test_a_long_list_of_problems_is_cut_short() -> None:
    page = {"MonitoringScheduleSummaries": [{"MonitoringScheduleName": f"s{i}"} for i in range(40)]}
    client, _sent = _http((200, _json(page)))
    with pytest.raises(MalformedResponseError) as info:
        client.list_monitoring_schedules().all()
    assert len(info.value.problems) == 40 * 4
    assert str(info.value).count("required") == 10
    assert "; and 150 more" in str(info.value)


def _answer(client: Client, body: dict[str, Any]) -> None:
    """Answer the next call with ``body`` as is (the Stubber would reject it against the model)."""
    from botocore.awsrequest import AWSResponse

    def handler(**_: Any) -> tuple[Any, dict[str, Any]]:
        return AWSResponse("https://x", 200, {}, None), dict(body)  # type: ignore[arg-type]

    client.boto3_client.meta.events.register_first("before-call.sagemaker", handler)


# ----------------------------------------------------------------------------- paging


def _summary(name: str) -> dict[str, Any]:
    return sample("MonitoringScheduleSummary") | {"MonitoringScheduleName": name}


def test_listing_is_lazy_and_follows_next_token(stubbed: tuple[Client, Stubber]) -> None:
    client, stubber = stubbed
    listing = client.list_monitoring_schedules(max_results=2, name_contains="churn")
    stubber.add_response(
        "list_monitoring_schedules",
        {"MonitoringScheduleSummaries": [_summary("a"), _summary("b")], "NextToken": "t1"},
        {"MaxResults": 2, "NameContains": "churn"},
    )
    stubber.add_response(
        "list_monitoring_schedules",
        {"MonitoringScheduleSummaries": [_summary("c")]},
        {"MaxResults": 2, "NameContains": "churn", "NextToken": "t1"},
    )
    assert [s.monitoring_schedule_name for s in listing] == ["a", "b", "c"]
    assert listing.next_token is None


def test_listing_pages_and_resume(stubbed: tuple[Client, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_response(
        "list_monitoring_schedules",
        {"MonitoringScheduleSummaries": [_summary("a")], "NextToken": "t1"},
        {"MaxResults": 1},
    )
    listing = client.list_monitoring_schedules(max_results=1)
    first = listing.first_page()
    assert [s.monitoring_schedule_name for s in first.monitoring_schedule_summaries] == ["a"]
    assert listing.next_token == "t1"
    stubber.add_response(
        "list_monitoring_schedules",
        {"MonitoringScheduleSummaries": [_summary("b")]},
        {"MaxResults": 1, "NextToken": "t1"},
    )
    resumed = client.list_monitoring_schedules(max_results=1, next_token=listing.next_token)
    assert [s.monitoring_schedule_name for s in resumed] == ["b"]


def test_a_repeated_token_is_a_pagination_error(stubbed: tuple[Client, Stubber]) -> None:
    """Following a repeated token would loop; stopping silently would look complete."""
    client, stubber = stubbed
    for token in (None, "t1"):
        expected = {} if token is None else {"NextToken": token}
        stubber.add_response(
            "list_monitoring_schedules",
            {"MonitoringScheduleSummaries": [_summary(f"after-{token}")], "NextToken": "t1"},
            expected,
        )
    listing = client.list_monitoring_schedules()
    seen = []

    def consume() -> None:
        for summary in listing:
            seen.append(summary.monitoring_schedule_name)

    with pytest.raises(PaginationError) as info:
        consume()
    assert seen == ["after-None", "after-t1"]  # every page fetched was delivered
    error = info.value
    assert (error.operation, error.token, error.pages) == ("ListMonitoringSchedules", "t1", 2)
    assert str(error) == (
        "ListMonitoringSchedules listing stopped after 2 pages: "
        "the service returned NextToken 't1' again; following it would repeat pages"
    )
    assert listing.next_token == "t1"  # not None: the listing is not complete


def test_a_repeated_start_token_is_a_pagination_error(stubbed: tuple[Client, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_response(
        "list_monitoring_schedules",
        {"MonitoringScheduleSummaries": [], "NextToken": "t0"},
        {"NextToken": "t0"},
    )
    with pytest.raises(PaginationError, match=r"after 1 page: .*NextToken 't0' again"):
        client.list_monitoring_schedules(next_token="t0").all()


def test_a_long_repeated_token_is_shortened_in_the_message(stubbed: tuple[Client, Stubber]) -> None:
    client, stubber = stubbed
    token = "x" * 5000
    stubber.add_response(
        "list_monitoring_schedules",
        {"MonitoringScheduleSummaries": [], "NextToken": token},
        {"NextToken": token},
    )
    with pytest.raises(PaginationError) as info:
        client.list_monitoring_schedules(next_token=token).all()
    assert info.value.token == token
    assert len(str(info.value)) < 200


def _endless_empty_pages(client: Client, limit: int = 1000) -> list[dict[str, Any]]:
    """Answer every list call with an empty page and a fresh token; return the requests seen."""
    requests: list[dict[str, Any]] = []

    def handler(params: dict[str, Any], **_: Any) -> tuple[Any, dict[str, Any]]:
        from botocore.awsrequest import AWSResponse

        requests.append(json.loads(params["body"]))
        if len(requests) > limit:
            raise RuntimeError(f"still listing after {limit} calls")
        body = {"MonitoringScheduleSummaries": [], "NextToken": f"t{len(requests)}"}
        return AWSResponse("https://x", 200, {}, None), body  # type: ignore[arg-type]

    client.boto3_client.meta.events.register_first("before-call.sagemaker", handler)
    return requests


def test_endless_empty_pages_are_a_pagination_error() -> None:
    client = Client(boto3_client=_boto3_client())
    requests = _endless_empty_pages(client)
    listing = client.list_monitoring_schedules()
    assert listing.max_empty_pages == 100
    with pytest.raises(PaginationError) as info:
        listing.all()
    assert len(requests) == 101
    assert (info.value.token, info.value.pages) == ("t101", 101)
    assert "more than 100 empty pages in a row" in str(info.value)
    assert "max_empty_pages" in str(info.value)
    assert listing.next_token == "t101"  # resumable, e.g. with a higher limit

    requests.clear()
    listing.max_empty_pages = 2
    with pytest.raises(PaginationError, match="after 3 pages: more than 2 empty pages in a row"):
        listing.all()
    assert [r.get("NextToken") for r in requests] == [None, "t1", "t2"]


def test_empty_pages_between_items_are_followed(stubbed: tuple[Client, Stubber]) -> None:
    client, stubber = stubbed
    pages = [([], "t1"), (["a"], "t2"), ([], "t3"), ([], "t4"), (["b"], None)]
    token = None
    for names, next_token in pages:
        body: dict[str, Any] = {"MonitoringScheduleSummaries": [_summary(n) for n in names]}
        if next_token:
            body["NextToken"] = next_token
        stubber.add_response(
            "list_monitoring_schedules", body, {"NextToken": token} if token else {}
        )
        token = next_token
    listing = client.list_monitoring_schedules()
    listing.max_empty_pages = 2
    assert [s.monitoring_schedule_name for s in listing] == ["a", "b"]


@pytest.mark.parametrize("limit", [0, -1, 2.5, "3", True, None, -(10**400)])
def test_max_empty_pages_is_a_positive_int(limit: Any) -> None:
    listing = Client(boto3_client=_boto3_client()).list_monitoring_schedules()
    with pytest.raises(ValidationError, match="max_empty_pages: must be an int >= 1"):
        listing.max_empty_pages = limit
    assert listing.max_empty_pages == 100


def _malformed_pages() -> list[tuple[int, bytes]]:
    """Three pages; the second has a summary without CreationTime between two good ones."""
    bad = _summary("bad")
    del bad["CreationTime"]
    return [
        (200, _json({"MonitoringScheduleSummaries": [_summary("x")], "NextToken": "t1"})),
        (
            200,
            _json(
                {
                    "MonitoringScheduleSummaries": [_summary("a"), bad, _summary("c")],
                    "NextToken": "t2",
                }
            ),
        ),
        (200, _json({"MonitoringScheduleSummaries": [_summary("d")]})),
    ]


def test_a_malformed_item_raises_with_the_valid_items_of_its_page() -> None:
    client, sent = _http(*_malformed_pages())
    listing = client.list_monitoring_schedules(max_results=3)
    names: list[str] = []

    def consume() -> None:
        for summary in listing:
            names.append(summary.monitoring_schedule_name)

    with pytest.raises(MalformedResponseError) as info:
        consume()
    error = info.value
    assert names == ["x"]
    assert [str(p) for p in error.problems] == [
        "MonitoringScheduleSummaries[1].CreationTime: required"
    ]
    assert all(isinstance(item, MonitoringScheduleSummary) for item in error.items)
    assert [item.monitoring_schedule_name for item in error.items] == ["a", "c"]  # type: ignore[attr-defined]
    assert (error.next_token, listing.next_token) == ("t2", "t2")
    assert (error.request_id, error.http_status) == ("req-2", 200)
    assert error.response["MonitoringScheduleSummaries"][1]["MonitoringScheduleName"] == "bad"
    assert str(error).endswith(
        "The page's 2 valid items are in .items; the listing goes on from .next_token"
    )
    # Resuming from the listing's next_token loses nothing valid.
    names += [item.monitoring_schedule_name for item in error.items]  # type: ignore[attr-defined]
    names += [
        s.monitoring_schedule_name
        for s in client.list_monitoring_schedules(max_results=3, next_token=listing.next_token)
    ]
    assert names == ["x", "a", "c", "d"]
    assert [r.get("NextToken") for r in sent] == [None, "t1", "t2"]
    assert all(r["MaxResults"] == 3 for r in sent)


def test_a_listing_can_skip_malformed_items(caplog: pytest.LogCaptureFixture) -> None:
    client, _sent = _http(*_malformed_pages())
    listing = client.list_monitoring_schedules().skip_malformed()
    assert listing.skipped == ()
    with caplog.at_level(logging.WARNING, logger="sagemon"):
        pages = list(listing.pages())
    assert [
        [s.monitoring_schedule_name for s in p.monitoring_schedule_summaries] for p in pages
    ] == [
        ["x"],
        ["a", "c"],
        ["d"],
    ]
    assert len(listing.skipped) == 1
    skipped = listing.skipped[0]
    assert isinstance(skipped, SkippedItem)
    assert (skipped.page, skipped.position) == (2, 1)
    assert isinstance(skipped.data, dict)
    assert skipped.data["MonitoringScheduleName"] == "bad"
    assert [str(p) for p in skipped.problems] == [
        "MonitoringScheduleSummaries[1].CreationTime: required"
    ]
    assert caplog.messages == [
        "ListMonitoringSchedules: skipped malformed item 1 of page 2: "
        "MonitoringScheduleSummaries[1].CreationTime: required"
    ]
    assert listing.next_token is None


def test_skipping_restarts_with_each_iteration() -> None:
    client, _sent = _http(*_malformed_pages(), *_malformed_pages())
    listing = client.list_monitoring_schedules().skip_malformed()
    assert [s.monitoring_schedule_name for s in listing] == ["x", "a", "c", "d"]
    assert [s.monitoring_schedule_name for s in listing.all()] == ["x", "a", "c", "d"]
    assert len(listing.skipped) == 1


def test_items_that_are_not_objects_are_skipped_too() -> None:
    page = {"MonitoringScheduleSummaries": ["junk", _summary("a"), None, 7]}
    client = Client(boto3_client=_boto3_client())
    _answer(client, page)  # botocore's own parser would fail on these
    listing = client.list_monitoring_schedules().skip_malformed()
    assert [s.monitoring_schedule_name for s in listing] == ["a"]
    assert [(s.position, s.data) for s in listing.skipped] == [(0, "junk"), (2, None), (3, 7)]


def test_a_page_malformed_beyond_its_items_raises_even_when_skipping() -> None:
    page = {"MonitoringScheduleSummaries": [_summary("a")], "NextToken": 7}
    client = Client(boto3_client=_boto3_client())
    _answer(client, page)
    with pytest.raises(MalformedResponseError) as info:
        client.list_monitoring_schedules().skip_malformed().all()
    assert [p.path for p in info.value.problems] == ["NextToken"]
    assert (info.value.items, info.value.next_token) == ((), None)
    client = Client(boto3_client=_boto3_client())
    _answer(client, {"MonitoringScheduleSummaries": "a"})
    with pytest.raises(MalformedResponseError, match="MonitoringScheduleSummaries: "):
        client.list_monitoring_schedules().skip_malformed().all()


def test_a_page_of_only_malformed_items_is_not_an_empty_page() -> None:
    bad = _summary("bad")
    del bad["CreationTime"]
    pages = [
        (200, _json({"MonitoringScheduleSummaries": [bad], "NextToken": f"t{i}"})) for i in range(3)
    ]
    client, _sent = _http(*pages, (200, _json({"MonitoringScheduleSummaries": []})))
    listing = client.list_monitoring_schedules().skip_malformed()
    listing.max_empty_pages = 1
    assert listing.all() == []
    assert [s.page for s in listing.skipped] == [1, 2, 3]


def test_skip_malformed_keeps_the_settings() -> None:
    listing = Client(boto3_client=_boto3_client()).list_monitoring_schedules(next_token="t5")
    listing.max_empty_pages = 7
    skipping = listing.skip_malformed()
    assert skipping is not listing
    assert (skipping.max_empty_pages, skipping.next_token) == (7, "t5")


def test_a_listing_shows_its_request_without_fetching(stubbed: tuple[Client, Stubber]) -> None:
    client, _stubber = stubbed  # nothing queued: any call would fail
    listing = client.list_monitoring_schedules(
        max_results=2, name_contains="churn", sort_order=SortOrder.DESCENDING
    )
    assert repr(listing) == (
        "<Listing ListMonitoringSchedules(sort_order=SortOrder.DESCENDING, max_results=2, "
        "name_contains='churn')>"
    )
    assert repr(client.list_optimization_jobs().skip_malformed()) == (
        "<Listing ListOptimizationJobs() skipping malformed items>"
    )


def test_a_listing_is_true_when_it_has_an_item(stubbed: tuple[Client, Stubber]) -> None:
    """bool() fetches until the first item and no further (the stubber has no third page)."""
    client, stubber = stubbed
    stubber.add_response(
        "list_monitoring_schedules", {"MonitoringScheduleSummaries": [], "NextToken": "t1"}, {}
    )
    stubber.add_response(
        "list_monitoring_schedules",
        {"MonitoringScheduleSummaries": [_summary("a")], "NextToken": "t2"},
        {"NextToken": "t1"},
    )
    listing = client.list_monitoring_schedules()
    assert listing
    assert listing.next_token is None  # bool() did not move the listing


def test_an_empty_listing_is_false(stubbed: tuple[Client, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_response(
        "list_monitoring_schedules", {"MonitoringScheduleSummaries": [], "NextToken": "t1"}, {}
    )
    stubber.add_response(
        "list_monitoring_schedules", {"MonitoringScheduleSummaries": []}, {"NextToken": "t1"}
    )
    assert not client.list_monitoring_schedules()


def test_a_listing_in_a_notebook_shows_its_first_page(stubbed: tuple[Client, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_response(
        "list_monitoring_schedules",
        {"MonitoringScheduleSummaries": [_summary("a"), _summary("b")], "NextToken": "t1"},
        {"MaxResults": 2},
    )
    listing = client.list_monitoring_schedules(max_results=2)
    shown = listing._repr_html_()
    assert shown.startswith(
        "<div><strong>Listing ListMonitoringSchedules(max_results=2)</strong><table>"
    )
    assert "<th style='text-align:left'>monitoring_schedule_name</th>" in shown
    assert "<td>a</td>" in shown
    assert "<td>b</td>" in shown
    assert "<td>Pending</td>" in shown
    assert "<td>2026-01-02 03:04:05+00:00</td>" in shown
    assert "2 items on the first page; more pages follow" in shown
    assert listing.next_token is None  # showing it did not move it


def test_a_listing_in_a_notebook_escapes_and_notes_what_it_left_out() -> None:
    bad = _summary("bad")
    del bad["CreationTime"]
    page = {"MonitoringScheduleSummaries": [_summary("<script>"), bad]}
    client, _sent = _http((200, _json(page)))
    shown = client.list_monitoring_schedules()._repr_html_()
    assert "<script>" not in shown
    assert "<td>&lt;script&gt;</td>" in shown
    assert "1 item on the first page; 1 malformed left out; no more pages" in shown


def test_a_listing_in_a_notebook_shows_why_it_could_not_fetch(
    stubbed: tuple[Client, Stubber],
) -> None:
    client, stubber = stubbed
    stubber.add_client_error("list_monitoring_schedules", "AccessDeniedException", "no <access>")
    shown = client.list_monitoring_schedules()._repr_html_()
    assert "could not fetch the first page: ListMonitoringSchedules failed with" in shown
    assert "no &lt;access&gt;" in shown


# ----------------------------------------------------------------------------- errors

ERRORS: list[tuple[str, type[ServiceError], tuple[type[ServiceError], ...], int]] = [
    ("ResourceNotFound", ResourceNotFound, (NotFoundError, ClientSideError), 400),
    ("ResourceInUse", ResourceInUse, (ConflictError, ClientSideError), 400),
    ("ResourceAlreadyExists", ResourceAlreadyExists, (ConflictError, ClientSideError), 400),
    ("ConflictException", ConflictException, (ConflictError, ClientSideError), 409),
    ("ResourceLimitExceeded", ResourceLimitExceeded, (LimitExceededError, ClientSideError), 400),
    ("ValidationException", ValidationException, (InvalidRequestError, ClientSideError), 400),
    ("ThrottlingException", ThrottlingException, (ThrottledError,), 400),
    ("Throttling", ThrottlingException, (ThrottledError,), 400),
    ("AccessDeniedException", AccessDeniedException, (AccessDeniedError, ClientSideError), 403),
    ("InternalFailure", InternalFailure, (ServerSideError,), 500),
    ("ServiceUnavailable", ServiceUnavailable, (ServerSideError,), 503),
]


@pytest.mark.parametrize(
    ("code", "cls", "categories", "status"), ERRORS, ids=[e[0] for e in ERRORS]
)
def test_every_error_code_maps_to_its_class(
    stubbed: tuple[Client, Stubber],
    code: str,
    cls: type[ServiceError],
    categories: tuple[type[ServiceError], ...],
    status: int,
) -> None:
    client, stubber = stubbed
    stubber.add_client_error(
        "describe_monitoring_schedule",
        service_error_code=code,
        service_message="it went wrong",
        http_status_code=status,
        response_meta={"RequestId": "req-123"},
    )
    with pytest.raises(cls) as info:
        client.describe_monitoring_schedule(monitoring_schedule_name="churn")
    error = info.value
    assert type(error) is cls
    assert all(isinstance(error, c) for c in categories)
    assert isinstance(error, SagemonError)
    assert (error.operation, error.code, error.message) == (
        "DescribeMonitoringSchedule",
        code,
        "it went wrong",
    )
    assert (error.http_status, error.request_id) == (status, "req-123")
    assert error.response["Error"]["Code"] == code
    assert isinstance(error.__cause__, bx.ClientError)
    assert (
        str(error)
        == f"DescribeMonitoringSchedule failed with {code} (HTTP {status}): it went wrong"
    )
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), again.code, again.request_id) == (cls, code, "req-123")


@pytest.mark.parametrize(
    ("status", "body", "category"),
    [
        (500, b"", ServerSideError),
        (502, b"<html><body>Bad Gateway</body></html>", ServerSideError),
        (503, b"", ServerSideError),
        (503, b'{"message": "slow down"}', ServerSideError),
        (504, b"{}", ServerSideError),
        (429, b"", ThrottledError),
        (403, b"", AccessDeniedError),
    ],
)
def test_a_bare_http_status_maps_to_its_category(
    status: int, body: bytes, category: type[ServiceError]
) -> None:
    """No error code in the body: botocore puts the status there; the status decides."""
    client = _http_error(status, body)
    with pytest.raises(ServiceError) as info:
        client.describe_monitoring_schedule(monitoring_schedule_name="churn")
    assert type(info.value) is category
    assert info.value.http_status == status
    assert info.value.code == str(status)
    assert f"HTTP {status}" in str(info.value)


def test_a_stubbed_error_without_code_maps_by_status(stubbed: tuple[Client, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_client_error(
        "describe_monitoring_schedule", service_error_code="", http_status_code=503
    )
    with pytest.raises(ServerSideError) as info:
        client.describe_monitoring_schedule(monitoring_schedule_name="churn")
    assert type(info.value) is ServerSideError
    assert str(info.value) == "DescribeMonitoringSchedule failed with HTTP 503 and no error code"


@pytest.mark.parametrize(
    "code",
    [
        "ExpiredTokenException",
        "ExpiredToken",
        "UnrecognizedClientException",
        "InvalidSignatureException",
        "MissingAuthenticationToken",
        "MissingAuthenticationTokenException",
        "IncompleteSignature",
        "InvalidClientTokenId",
        "SignatureDoesNotMatch",
        "NotAuthorized",
    ],
)
def test_authentication_failures_are_access_denied(code: str) -> None:
    body = b'{"__type": "com.amazonaws#%s", "message": "no"}' % code.encode()
    client = _http_error(400 if code == "UnrecognizedClientException" else 403, body)
    with pytest.raises(AccessDeniedError) as info:
        client.describe_monitoring_schedule(monitoring_schedule_name="churn")
    assert isinstance(info.value, ClientSideError)
    assert (info.value.code, info.value.message, info.value.request_id) == (code, "no", "req-1")


def test_a_known_code_wins_over_the_status() -> None:
    client = _http_error(503, b'{"__type": "ThrottlingException", "message": "slow"}')
    with pytest.raises(ThrottlingException):
        client.describe_monitoring_schedule(monitoring_schedule_name="churn")


def test_an_unknown_code_is_a_plain_service_error(stubbed: tuple[Client, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_client_error("delete_optimization_job", "SomethingNew", "new failure", 418)
    with pytest.raises(ServiceError) as info:
        client.delete_optimization_job(optimization_job_name="job")
    assert type(info.value) is ServiceError
    assert info.value.code == "SomethingNew"
    assert info.value.http_status == 418


@pytest.mark.parametrize(
    ("status", "category"), [(500, ServerSideError), (429, ThrottledError), (400, ServiceError)]
)
def test_an_unknown_code_takes_the_category_of_its_status(
    stubbed: tuple[Client, Stubber], status: int, category: type[ServiceError]
) -> None:
    client, stubber = stubbed
    stubber.add_client_error("delete_optimization_job", "SomethingNew", "new failure", status)
    with pytest.raises(ServiceError) as info:
        client.delete_optimization_job(optimization_job_name="job")
    assert type(info.value) is category
    assert info.value.code == "SomethingNew"


# Each test makes the exception it raises: an exception object shared through the parameters
# would keep its last traceback, and with it that test's client and service model, to the end
# of the run.
TRANSPORT_FAILURES: list[tuple[Callable[[], Exception], type[TransportError]]] = [
    (lambda: bx.EndpointConnectionError(endpoint_url="https://x"), ConnectionFailedError),
    (lambda: bx.ConnectionClosedError(endpoint_url="https://x"), ConnectionFailedError),
    (lambda: bx.ConnectTimeoutError(endpoint_url="https://x"), RequestTimeoutError),
    (lambda: bx.ReadTimeoutError(endpoint_url="https://x"), RequestTimeoutError),
    (bx.NoCredentialsError, CredentialsError),
    (
        lambda: bx.PartialCredentialsError(provider="env", cred_var="AWS_SECRET_ACCESS_KEY"),
        CredentialsError,
    ),
    (lambda: bx.DataNotFoundError(data_path="x"), TransportError),
]


@pytest.mark.parametrize(
    ("make", "expected"),
    TRANSPORT_FAILURES,
    ids=[type(make()).__name__ for make, _ in TRANSPORT_FAILURES],
)
def test_transport_failures(make: Callable[[], Exception], expected: type[TransportError]) -> None:
    raw = _boto3_client()
    raised = make()

    def fail(**_: Any) -> None:
        raise raised

    raw.meta.events.register("before-send.sagemaker", fail)
    with pytest.raises(expected) as info:
        Client(boto3_client=raw).describe_monitoring_schedule(monitoring_schedule_name="churn")
    assert type(info.value) is expected
    assert info.value.operation == "DescribeMonitoringSchedule"
    assert info.value.__cause__ is raised


def test_a_refused_connection_is_a_connection_error() -> None:
    """A real connection attempt to a closed port on this machine."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    session = boto3.session.Session(
        aws_access_key_id="a", aws_secret_access_key="b", region_name="us-east-1"
    )
    client = Client(
        boto3_session=session,
        endpoint_url=f"http://127.0.0.1:{port}",
        boto_config=Config(retries={"max_attempts": 1, "mode": "standard"}, connect_timeout=2),
    )
    with pytest.raises(ConnectionFailedError, match="DescribeMonitoringSchedule"):
        client.describe_monitoring_schedule(monitoring_schedule_name="churn")


def test_other_exceptions_pass_through() -> None:
    raw = _boto3_client()

    def fail(**_: Any) -> None:
        raise KeyboardInterrupt

    raw.meta.events.register("before-send.sagemaker", fail)
    with pytest.raises(KeyboardInterrupt):
        Client(boto3_client=raw).describe_monitoring_schedule(monitoring_schedule_name="churn")
