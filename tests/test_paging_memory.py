"""A listing streams: iterating 10,000 items holds one page at a time, not every item seen."""

from __future__ import annotations

import datetime
import gc
import tracemalloc
from typing import Any

from sagemon import Client

PAGE = 100
WHEN = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)


class PagedService:
    """A boto3 SageMaker client stand-in that makes each page of summaries when asked for it,
    so that the service's own data costs nothing between pages."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.calls = 0

    def list_monitoring_schedules(self, **request: Any) -> dict[str, Any]:
        self.calls += 1
        assert request["MaxResults"] == PAGE
        start = int(request.get("NextToken", "0"))
        end = min(start + PAGE, self.total)
        page: dict[str, Any] = {
            "MonitoringScheduleSummaries": [
                {
                    "MonitoringScheduleName": f"schedule-{i}",
                    "MonitoringScheduleArn": f"arn:aws:sagemaker:us-east-1:123456789012:monitoring-schedule/schedule-{i}",
                    "CreationTime": WHEN,
                    "LastModifiedTime": WHEN,
                    "MonitoringScheduleStatus": "Scheduled",
                    "EndpointName": "churn",
                    "MonitoringJobDefinitionName": "churn-quality",
                    "MonitoringType": "ModelQuality",
                }
                for i in range(start, end)
            ]
        }
        if end < self.total:
            page["NextToken"] = str(end)
        return page


def _client(total: int) -> tuple[Client, PagedService]:
    service = PagedService(total)
    return Client(boto3_client=service), service  # type: ignore[arg-type]


def _peak_while_streaming(total: int) -> int:
    """The peak of memory allocated while iterating ``total`` items, each dropped when seen."""
    client, service = _client(total)
    listing = client.list_monitoring_schedules(max_results=PAGE)
    gc.collect()
    tracemalloc.start()
    try:
        seen = 0
        for item in listing:
            assert item.monitoring_schedule_name == f"schedule-{seen}"
            seen += 1
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (seen, service.calls, listing.next_token) == (total, -(-total // PAGE), None)
    return peak


def _kept(total: int) -> int:
    """The memory that keeping ``total`` items costs (what a listing that accumulated would)."""
    client, _ = _client(total)
    listing = client.list_monitoring_schedules(max_results=PAGE)
    gc.collect()
    tracemalloc.start()
    try:
        items = listing.all()
        size = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(items) == total
    return size


def test_listing_10000_items_streams_in_constant_memory() -> None:
    _peak_while_streaming(2 * PAGE)  # first use: lazy imports, regexes compiled on first use
    small = _peak_while_streaming(1_000)
    large = _peak_while_streaming(10_000)
    hundred_items = _kept(1_000) // 10
    # Ten times the items, and the peak grows by less than keeping 100 of them would cost (it
    # grows only by the NextToken of each page, kept to refuse a repeated one); accumulating
    # the 9,000 extra items would cost 90 times that.
    assert large - small < hundred_items, (small, large, hundred_items)
    # And the peak is about one page's worth: well under what 1,000 kept items cost.
    assert large < 10 * hundred_items, (large, hundred_items)
