"""Every error class in ``sagemon.errors``: one family, and intact across process boundaries."""

from __future__ import annotations

import pickle
import sys

import pytest

from sagemon import errors, from_wire
from sagemon.errors import Problem, SagemonError
from sagemon.shapes import MonitoringScheduleSummary
from tests.model import sample

_CLASSES = [
    getattr(errors, name)
    for name in errors.__all__
    if isinstance(getattr(errors, name), type) and issubclass(getattr(errors, name), BaseException)
]


def _example(cls: type[SagemonError]) -> SagemonError:
    """One instance of ``cls`` with every attribute set (a new class must be added here)."""
    if issubclass(cls, errors.ServiceError):
        return cls(
            operation="DescribeMonitoringSchedule",
            code="SomeCode",
            message="it went wrong",
            request_id="req-1",
            http_status=400,
            response={"Error": {"Code": "SomeCode"}, "ResponseMetadata": {"RequestId": "req-1"}},
        )
    if issubclass(cls, errors.ValidationError):
        return cls([Problem("RoleArn", "required"), Problem("Name", "too long")], "Request")
    if issubclass(cls, errors.TransportError):
        return cls("DescribeMonitoringSchedule", "connection refused")
    if issubclass(cls, errors.MalformedResponseError):
        summary = from_wire(MonitoringScheduleSummary, sample("MonitoringScheduleSummary"))
        return cls(
            "ListMonitoringSchedules",
            (Problem("MonitoringScheduleSummaries[1].CreationTime", "required"),),
            response={"ResponseMetadata": {"RequestId": "req-1", "HTTPStatusCode": 200}},
            items=(summary,),
            next_token="t2",
        )
    if issubclass(cls, errors.PaginationError):
        return cls("ListMonitoringSchedules", "the token repeats", token="t1", pages=2)
    if issubclass(cls, errors.WaitError):
        return cls("job 'x'", "Failed", "out of memory", "job 'x' is Failed: out of memory")
    if cls is errors.UnknownRegionError:
        return cls("clarify", "mars-1", ("us-east-1",), "no clarify image is known for mars-1")
    if issubclass(cls, errors.ReportFetchError):
        return cls("s3://bucket/reports/statistics.json", "access denied", code="AccessDenied")
    if issubclass(cls, errors.NoFinishedExecution):
        return cls("no finished execution", monitoring_schedule_name="s", seen=3, status="Failed")
    if issubclass(cls, errors.ReportsUnavailable):
        return cls("in progress", status="InProgress", processing_job_name="job-1")
    if cls is errors.FolderError:
        return cls({"monitors/a.json": [Problem("RoleArn", "required")]})
    if cls is errors.ApplyError:
        cause = errors.ResourceInUse(
            operation="CreateMonitoringSchedule", code="ResourceInUse", message="taken"
        )
        return cls(["create X a"], "create Y b", ["delete X c"], cause)
    if cls in (SagemonError, errors.ConfigurationError, errors.ReportError):
        return cls("something went wrong")
    raise AssertionError(f"add an example of {cls.__name__} to this test")


def test_every_exported_error_is_a_sagemon_error() -> None:
    assert _CLASSES
    assert all(issubclass(cls, SagemonError) for cls in _CLASSES)


@pytest.mark.parametrize("cls", _CLASSES, ids=lambda c: c.__name__)
def test_errors_pickle_with_their_notes(cls: type[SagemonError]) -> None:
    """Errors cross process boundaries (process pools, distributed schedulers) intact."""
    error = _example(cls)
    assert type(error) is cls
    for note in ("while checking the nightly schedules", "second note"):
        if sys.version_info >= (3, 11):
            error.add_note(note)
        else:  # what add_note does, for Python 3.10
            error.__notes__ = [*getattr(error, "__notes__", ()), note]
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is cls
    assert str(again) == str(error)
    assert again.args == error.args
    assert vars(again) == vars(error)
    assert again.__notes__ == ["while checking the nightly schedules", "second note"]


@pytest.mark.parametrize("cls", _CLASSES, ids=lambda c: c.__name__)
def test_errors_pickle_without_notes(cls: type[SagemonError]) -> None:
    error = _example(cls)
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), str(again), vars(again)) == (cls, str(error), vars(error))
    assert not hasattr(again, "__notes__")


def test_a_malformed_page_says_where_its_valid_items_are() -> None:
    error = _example(errors.MalformedResponseError)
    assert str(error) == (
        "ListMonitoringSchedules returned a malformed response (HTTP 200, request req-1): "
        "MonitoringScheduleSummaries[1].CreationTime: required. The page's 1 valid item is in "
        ".items; the listing goes on from .next_token"
    )
