"""Waiters against the local SageMaker: success, failure with reason, stop, timeout, progress.

The client's clock is the local SageMaker's FakeClock, so a wait of hours takes no real time.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from math import inf, nan
from typing import Any

import pytest

from sagemon import ValidationError, WaitProgress
from sagemon._client import _ProgressLine
from sagemon.enums import ExecutionStatus, OptimizationJobStatus, ScheduleStatus
from sagemon.errors import WaitFailedError, WaitStoppedError, WaitTimeoutError
from sagemon.testing import FakeClock, LocalSageMaker
from tests.factories import definition, optimization_job, schedule


@pytest.fixture
def local(local_sagemaker: LocalSageMaker) -> LocalSageMaker:
    local_sagemaker.client.create_model_quality_job_definition(definition("ModelQuality", "mq-def"))  # type: ignore[arg-type]
    local_sagemaker.client.create_monitoring_schedule(schedule("s1", "mq-def"))
    return local_sagemaker


def test_schedule_becomes_scheduled(local: LocalSageMaker) -> None:
    seen: list[WaitProgress] = []
    start = local.clock.monotonic()
    done = local.client.wait_for_monitoring_schedule("s1", poll_interval=2, on_progress=seen.append)
    assert done.monitoring_schedule_status is ScheduleStatus.SCHEDULED
    assert [p.status for p in seen] == ["Pending", "Pending", "Pending", "Scheduled"]
    assert [p.elapsed for p in seen] == [0, 2, 4, 6]
    assert [p.attempt for p in seen] == [1, 2, 3, 4]
    assert seen[0].resource == "monitoring schedule 's1'"
    assert local.clock.monotonic() - start == 6


def test_schedule_failure_fails_fast_with_its_reason(local: LocalSageMaker) -> None:
    local.fail_schedule("s1", "Endpoint churn has no data capture configured.")
    with pytest.raises(WaitFailedError) as info:
        local.client.wait_for_monitoring_schedule("s1")
    assert info.value.reason == "Endpoint churn has no data capture configured."
    assert info.value.status == "Failed"
    assert "no data capture" in str(info.value)
    assert local.clock.monotonic() == 0  # no polling after the first answer


def test_stopped_schedule(local: LocalSageMaker) -> None:
    local.client.stop_monitoring_schedule(monitoring_schedule_name="s1")
    with pytest.raises(WaitStoppedError, match="is Stopped"):
        local.client.wait_for_monitoring_schedule("s1")


def test_timeout(local: LocalSageMaker) -> None:
    local.client.create_optimization_job(optimization_job("job"))
    with pytest.raises(WaitTimeoutError) as info:
        local.client.wait_for_optimization_job("job", timeout=100, poll_interval=30)
    assert info.value.status == "INPROGRESS"
    assert isinstance(info.value, TimeoutError)
    assert local.clock.monotonic() == 100  # the last poll lands exactly on the timeout


def test_optimization_job_outcomes(local: LocalSageMaker) -> None:
    c = local.client
    c.create_optimization_job(optimization_job("ok"))
    done = c.wait_for_optimization_job("ok")
    assert done.optimization_job_status is OptimizationJobStatus.COMPLETED
    local.set_optimization_outcome(OptimizationJobStatus.FAILED, reason="Unsupported architecture.")
    c.create_optimization_job(optimization_job("bad"))
    with pytest.raises(WaitFailedError, match="Unsupported architecture"):
        c.wait_for_optimization_job("bad")
    c.create_optimization_job(optimization_job("stopped"))
    c.stop_optimization_job(optimization_job_name="stopped")
    with pytest.raises(WaitStoppedError):
        c.wait_for_optimization_job("stopped")


def test_latest_execution(local: LocalSageMaker) -> None:
    c = local.client
    with pytest.raises(WaitTimeoutError, match="no execution yet"):
        c.wait_for_latest_monitoring_execution("s1", timeout=60)
    local.run_execution("s1", ExecutionStatus.COMPLETED_WITH_VIOLATIONS, duration=600)
    finished = c.wait_for_latest_monitoring_execution("s1")
    assert finished.monitoring_execution_status is ExecutionStatus.COMPLETED_WITH_VIOLATIONS
    local.run_execution(
        "s1", ExecutionStatus.FAILED, failure_reason="Baseline constraints missing."
    )
    with pytest.raises(WaitFailedError) as info:
        c.wait_for_latest_monitoring_execution("s1")
    assert info.value.reason == "Baseline constraints missing."
    local.run_execution("s1", ExecutionStatus.STOPPED)
    with pytest.raises(WaitStoppedError):
        c.wait_for_latest_monitoring_execution("s1")


def test_progress_line_on_stderr(local: LocalSageMaker, capsys: pytest.CaptureFixture[str]) -> None:
    local.client.wait_for_monitoring_schedule("s1", poll_interval=1, progress=True)
    err = capsys.readouterr().err
    # Not a terminal: one line per status change.
    assert (
        err == "monitoring schedule 's1': Pending (0s)\nmonitoring schedule 's1': Scheduled (5s)\n"
    )


def test_nothing_is_printed_by_default(
    local: LocalSageMaker, capsys: pytest.CaptureFixture[str]
) -> None:
    local.client.wait_for_monitoring_schedule("s1")
    assert capsys.readouterr() == ("", "")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_in_a_terminal_rewrites_itself() -> None:
    stream = _Terminal()
    line = _ProgressLine(stream)
    line(WaitProgress("job 'x'", "INPROGRESS", 0.0, 1))
    line(WaitProgress("job 'x'", "STOPPING", 75.2, 2))
    line.close()
    # The shorter second text is padded to wipe the end of the first.
    assert stream.getvalue() == "\rjob 'x': INPROGRESS (0s)\rjob 'x': STOPPING (75s) \n"


def _at_most(polls: int) -> Callable[[WaitProgress], None]:
    """An ``on_progress`` that stops a waiter which would otherwise poll forever."""

    def check(report: WaitProgress) -> None:
        if report.attempt >= polls:
            raise RuntimeError(f"still polling after {polls} attempts")

    return check


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"poll_interval": 0}, "poll_interval: must be a finite number of seconds > 0, got 0"),
        ({"poll_interval": -1}, "poll_interval: must be a finite number of seconds > 0, got -1"),
        ({"poll_interval": nan}, "poll_interval: must be a finite number of seconds > 0, got nan"),
        ({"poll_interval": inf}, "poll_interval: must be a finite number of seconds > 0, got inf"),
        (
            {"poll_interval": "5"},
            "poll_interval: must be a finite number of seconds > 0, got a str",
        ),
        (
            {"timeout": nan},
            "timeout: must be a number of seconds >= 0 (math.inf: no limit), got nan",
        ),
        (
            {"timeout": -inf},
            "timeout: must be a number of seconds >= 0 (math.inf: no limit), got -inf",
        ),
        ({"timeout": -1}, "timeout: must be a number of seconds >= 0 (math.inf: no limit), got -1"),
        (
            {"timeout": None},
            "timeout: must be a number of seconds >= 0 (math.inf: no limit), got a NoneType",
        ),
        (
            {"timeout": True},
            "timeout: must be a number of seconds >= 0 (math.inf: no limit), got a bool",
        ),
    ],
    ids=repr,
)
def test_bad_arguments_are_refused_before_polling(
    local: LocalSageMaker, options: dict[str, Any], problem: str
) -> None:
    waiters = [
        local.client.wait_for_monitoring_schedule,
        local.client.wait_for_optimization_job,
        local.client.wait_for_latest_monitoring_execution,
    ]
    for waiter in waiters:
        with pytest.raises(ValidationError) as info:
            waiter("s1", on_progress=_at_most(100), **options)
        assert isinstance(info.value, ValueError)
        assert [str(p) for p in info.value.problems] == [problem]
        assert info.value.subject == f"{waiter.__name__}()"
    assert local.clock.monotonic() == 0  # nothing was polled


def test_both_bad_arguments_are_reported_at_once(local: LocalSageMaker) -> None:
    with pytest.raises(ValidationError) as info:
        local.client.wait_for_monitoring_schedule("s1", timeout=nan, poll_interval=nan)
    assert info.value.paths == ("timeout", "poll_interval")


def test_an_infinite_timeout_waits_without_limit(local: LocalSageMaker) -> None:
    done = local.client.wait_for_monitoring_schedule("s1", timeout=inf, poll_interval=1)
    assert done.monitoring_schedule_status is ScheduleStatus.SCHEDULED
    local.client.create_optimization_job(optimization_job("job"))
    finished = local.client.wait_for_optimization_job("job", timeout=10**400, poll_interval=60)
    assert finished.optimization_job_status is OptimizationJobStatus.COMPLETED


# ----------------------------------------------------------------------------- FakeClock


@pytest.mark.parametrize(
    ("seconds", "problem"),
    [
        (nan, "seconds: must be a finite number >= 0, got nan"),
        (inf, "seconds: must be a finite number >= 0, got inf"),
        (-inf, "seconds: must be a finite number >= 0, got -inf"),
        (-1, "seconds: must be a finite number >= 0, got -1"),
        (datetime.timedelta(seconds=-1), "seconds: must be a finite number >= 0, got -1"),
        ("60", "seconds: must be a finite number >= 0, got a str"),
        (1e300, "seconds: moves the clock past 9999-12-31"),
        (datetime.timedelta.max, "seconds: moves the clock past 9999-12-31"),
    ],
    ids=repr,
)
def test_fake_clock_refuses_impossible_moves(seconds: Any, problem: str) -> None:
    clock = FakeClock()
    clock.advance(5)
    # Sleeping a negative time is sleeping no time (as the waiters may ask); moving back is not.
    negative = problem.endswith("got -1")
    for move in (clock.advance,) if negative else (clock.advance, clock.sleep):
        with pytest.raises(ValidationError) as info:
            move(seconds)
        assert [str(p) for p in info.value.problems] == [problem]
        assert isinstance(info.value, ValueError)
    assert clock.monotonic() == 5  # unchanged, and the clock still tells the time
    assert clock.now() == datetime.datetime(2026, 1, 1, 0, 0, 5, tzinfo=datetime.timezone.utc)


def test_fake_clock_moves_forward() -> None:
    clock = FakeClock()
    clock.advance(datetime.timedelta(minutes=1))
    clock.sleep(-3)
    clock.sleep(0.5)
    assert clock.monotonic() == 60.5
    with pytest.raises(ValidationError, match="timezone-aware"):
        FakeClock(datetime.datetime(2026, 1, 1))
