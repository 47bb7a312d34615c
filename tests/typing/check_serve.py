"""Type checks (never executed) of the local SageMaker endpoint's public API."""

from __future__ import annotations

import datetime

from typing_extensions import assert_type

from sagemon.enums import ExecutionStatus, OptimizationJobStatus
from sagemon.shapes import MonitoringExecutionSummary
from sagemon.testing import FakeClock, LocalSageMaker, LocalSageMakerControl, RealClock


def endpoint() -> None:
    clock = RealClock(speed=60)
    assert_type(clock.speed, float)
    local = LocalSageMaker(server=True, clock=clock, port=0)  # a RealClock is a FakeClock
    assert_type(local.endpoint_url, str | None)
    control = LocalSageMakerControl("http://127.0.0.1:8642", timeout=5)
    summary = control.run_execution(
        "churn",
        ExecutionStatus.COMPLETED_WITH_VIOLATIONS,
        violations=[("Day Mins", "baseline_drift_check"), ("auc", "LessThanThreshold", "low")],
        duration=30,
    )
    assert_type(summary, MonitoringExecutionSummary)
    control.fail_schedule("churn", "No data capture.")
    control.set_optimization_outcome(OptimizationJobStatus.FAILED, reason="Out of memory.")
    assert_type(control.advance(datetime.timedelta(minutes=1)), datetime.datetime)
    assert_type(control.now(), datetime.datetime)
    manual: FakeClock = FakeClock()
    LocalSageMaker(clock=manual)
    control.run_execution("churn", violations=[("a", "b", "c", "d")])  # type: ignore[list-item]
