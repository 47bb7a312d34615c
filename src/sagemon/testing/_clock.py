"""A controllable clock shared by the local SageMaker and the client's waiters."""

from __future__ import annotations

import datetime
import math
import threading
import time
from collections.abc import Callable

from sagemon.errors import Problem, ValidationError, _shown_number

__all__ = ["FakeClock", "RealClock"]

_EPOCH = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


class FakeClock:
    """Time that moves only when told to: by :meth:`advance`, or by :meth:`sleep` (instantly).

    Resources of the local SageMaker change status as this clock passes their transition times,
    so a waiter polling through a ``Client`` built with this clock finishes without real sleeping.
    """

    __module__ = "sagemon.testing"

    def __init__(self, start: datetime.datetime = _EPOCH) -> None:
        if start.tzinfo is None:
            raise ValidationError(
                [Problem("start", "must be a timezone-aware datetime")], "FakeClock()"
            )
        self._start = start
        self._elapsed = 0.0
        self._lock = threading.Lock()
        self._listeners: list[Callable[[], None]] = []

    def now(self) -> datetime.datetime:
        """The current fake wall-clock time (timezone-aware)."""
        return self._start + datetime.timedelta(seconds=self._elapsed)

    def monotonic(self) -> float:
        """Seconds since the clock started."""
        return self._elapsed

    def advance(self, seconds: float | datetime.timedelta) -> None:
        """Move time forward by a finite, non-negative amount.

        Anything else (``nan``, infinities, negative amounts, a move past ``datetime.max``)
        raises :class:`~sagemon.ValidationError` and leaves the clock as it was.
        """
        value: object = seconds
        if isinstance(value, datetime.timedelta):
            value = value.total_seconds()
        if (
            not isinstance(value, (int, float))
            or isinstance(value, bool)
            or not 0 <= value < math.inf
        ):
            raise _refused(f"must be a finite number >= 0, got {_shown_number(value)}")
        with self._lock:
            try:
                elapsed = self._elapsed + value
                self._start + datetime.timedelta(seconds=elapsed)
            except OverflowError:
                raise _refused(f"moves the clock past {datetime.MAXYEAR}-12-31") from None
            self._elapsed = elapsed
        for listener in list(self._listeners):
            listener()

    def sleep(self, seconds: float) -> None:
        """Return at once, with the clock moved forward by ``seconds`` (a negative time: none)."""
        value: object = seconds
        self.advance(0.0 if isinstance(value, (int, float)) and -math.inf < value < 0 else seconds)

    def _subscribe(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` after every move of the clock (the local SageMaker writes the files
        of jobs that finish); returns the function that unsubscribes it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def __repr__(self) -> str:
        return f"FakeClock(now={self.now().isoformat()})"


def _refused(message: str) -> ValidationError:
    return ValidationError([Problem("seconds", message)], "FakeClock.advance()")


class RealClock(FakeClock):
    """Time that passes on its own, ``speed`` times as fast as real time, for clients that sleep
    between polls (the AWS CLI's waiters, the SageMaker Python SDK, a service in another
    process). :meth:`advance` still jumps ahead; :meth:`sleep` really sleeps (``seconds /
    speed``).

    Use :class:`FakeClock` for your own tests, where the test decides when time passes; use
    this clock when a client you do not control waits for a status change.
    """

    __module__ = "sagemon.testing"

    def __init__(self, start: datetime.datetime | None = None, *, speed: float = 1.0) -> None:
        value: object = speed
        if (
            not isinstance(value, (int, float))
            or isinstance(value, bool)
            or not 0 < value < math.inf
        ):
            raise ValidationError(
                [Problem("speed", f"must be a finite number > 0, got {_shown_number(value)}")],
                "RealClock()",
            )
        if start is None:
            start = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        super().__init__(start)
        self.speed = float(speed)
        self._origin = time.monotonic()

    def monotonic(self) -> float:
        """Seconds since the clock started: real seconds times ``speed``, plus any advance."""
        return self._elapsed + (time.monotonic() - self._origin) * self.speed

    def now(self) -> datetime.datetime:
        return self._start + datetime.timedelta(seconds=self.monotonic())

    def sleep(self, seconds: float) -> None:
        """Sleep ``seconds`` of this clock's time (``seconds / speed`` real seconds)."""
        value: object = seconds
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
            time.sleep(min(value / self.speed, threading.TIMEOUT_MAX))

    def __repr__(self) -> str:
        return f"RealClock(now={self.now().isoformat()}, speed={self.speed:g})"
