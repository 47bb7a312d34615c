"""``sagemon serve``: the local SageMaker as an endpoint for any client, until interrupted."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType
from typing import Any, TextIO

__all__ = ["serve"]


def serve(
    *,
    port: int,
    region: str,
    clock: str,
    speed: float,
    log_requests: bool,
    out: TextIO,
    err: TextIO,
    ready: threading.Event | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Serve until SIGINT or SIGTERM (or ``stop`` is set); returns the exit status.

    The endpoint's URL goes to ``out`` on a line of its own once it accepts requests; notes and
    request lines (``log_requests``) go to ``err``. Exit status: 0 after a clean shutdown, 2 when
    the endpoint cannot run (the ``server`` extra missing, the port taken).
    """
    try:
        from sagemon.testing._moto import require_server

        require_server()
        import moto  # noqa: F401  # the error below names the extra for both
    except ImportError:
        err.write(
            "sagemon serve: the local SageMaker endpoint needs moto's HTTP server:"
            " pip install 'sagemon[server]'\n"
        )
        return 2
    from sagemon.testing._clock import FakeClock, RealClock
    from sagemon.testing._local import LocalSageMaker

    stop = stop if stop is not None else threading.Event()
    chosen: FakeClock = RealClock(speed=speed) if clock == "real" else FakeClock(_now())
    handler: logging.Handler | None = None
    logger = logging.getLogger("sagemon.testing")
    level = logger.level
    if log_requests:
        handler = logging.StreamHandler(err)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    previous = _on_signals(stop)
    try:
        local = LocalSageMaker(server=True, region_name=region, clock=chosen, port=port)
        try:
            local.start()
        except OSError as exc:
            err.write(f"sagemon serve: cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}\n")
            return 2
        try:
            pace = f"real time x{speed:g}" if clock == "real" else "manual (advance it over HTTP)"
            err.write(
                f"sagemon serve: a local SageMaker ({region}, clock: {pace}); interrupt to stop\n"
            )
            err.flush()
            out.write(f"{local.endpoint_url}\n")
            out.flush()
            if ready is not None:
                ready.set()
            while not stop.wait(0.5):
                pass
        finally:
            local.stop()
    finally:
        _restore(previous)
        if handler is not None:
            logger.removeHandler(handler)
            logger.setLevel(level)
    err.write("sagemon serve: stopped\n")
    return 0


def _on_signals(stop: threading.Event) -> dict[int, Any]:
    """Set ``stop`` on SIGINT and SIGTERM (from the main thread only, as Python allows)."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def handle(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous: dict[int, Any] = {}
    for number in (signal.SIGINT, signal.SIGTERM):
        previous[number] = signal.signal(number, handle)
    return previous


def _restore(previous: dict[int, Any]) -> None:
    for number, handler in previous.items():
        signal.signal(number, handler)


def _now() -> Any:
    import datetime

    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
