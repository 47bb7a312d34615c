"""Waiters against the local SageMaker: success, failure with reason, stop, timeout, progress.

The client's clock is the local SageMaker's FakeClock, so a wait of hours takes no real time.
"""

from __future__ import annotations

import io

import pytest

from sagemon import WaitProgress
from sagemon._client import _ProgressLine
from sagemon.enums import ExecutionStatus, OptimizationJobStatus, ScheduleStatus
from sagemon.errors import WaitFailedError, WaitStoppedError, WaitTimeoutError
from sagemon.testing import LocalSageMaker
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


def test_bad_arguments(local: LocalSageMaker) -> None:
    with pytest.raises(ValueError, match="poll_interval"):
        local.client.wait_for_monitoring_schedule("s1", poll_interval=0)
