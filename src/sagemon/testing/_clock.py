"""A controllable clock shared by the local SageMaker and the client's waiters."""

from __future__ import annotations

import datetime
import threading

__all__ = ["FakeClock"]

_EPOCH = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


class FakeClock:
    """Time that moves only when told to: by :meth:`advance`, or by :meth:`sleep` (instantly).

    Resources of the local SageMaker change status as this clock passes their transition times,
    so a waiter polling through a ``Client`` built with this clock finishes without real sleeping.
    """

    def __init__(self, start: datetime.datetime = _EPOCH) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs a timezone-aware start time")
        self._start = start
        self._elapsed = 0.0
        self._lock = threading.Lock()

    def now(self) -> datetime.datetime:
        """The current fake wall-clock time (timezone-aware)."""
        return self._start + datetime.timedelta(seconds=self._elapsed)

    def monotonic(self) -> float:
        """Seconds since the clock started."""
        return self._elapsed

    def advance(self, seconds: float | datetime.timedelta) -> None:
        """Move time forward."""
        if isinstance(seconds, datetime.timedelta):
            seconds = seconds.total_seconds()
        if seconds < 0:
            raise ValueError("time only moves forward")
        with self._lock:
            self._elapsed += seconds

    def sleep(self, seconds: float) -> None:
        """Return at once, with the clock moved forward by ``seconds``."""
        self.advance(max(seconds, 0.0))

    def __repr__(self) -> str:
        return f"FakeClock(now={self.now().isoformat()})"
