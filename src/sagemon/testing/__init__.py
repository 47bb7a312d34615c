"""A local SageMaker for tests and demos, so pipelines can be tested without an AWS account.

Install with ``pip install 'sagemon[testing]'`` (it needs moto; ``server=True`` needs
``pip install 'sagemon[server]'``)::

    from sagemon.testing import local_sagemaker

    with local_sagemaker() as local:
        local.client.create_monitoring_schedule(...)
        local.clock.advance(60)

With pytest, request the ``local_sagemaker`` fixture instead (registered by sagemon's plugin).
``LocalSageMaker(server=True)`` and ``sagemon serve`` serve it on one HTTP endpoint for any
client in any process; :class:`LocalSageMakerControl` drives that endpoint from outside, and a
:class:`RealClock` lets time pass on its own for clients that sleep between polls.
Names load on first use, so the plugin costs nothing in test runs that do not use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sagemon._lazy import lazy_attributes

if TYPE_CHECKING:
    from sagemon.testing._clock import FakeClock, RealClock
    from sagemon.testing._control import LocalSageMakerControl
    from sagemon.testing._fake import SimulationError
    from sagemon.testing._local import LocalSageMaker, local_sagemaker

__all__ = [
    "FakeClock",
    "LocalSageMaker",
    "LocalSageMakerControl",
    "RealClock",
    "SimulationError",
    "local_sagemaker",
]

_LAZY = {
    "FakeClock": "sagemon.testing._clock",
    "LocalSageMaker": "sagemon.testing._local",
    "LocalSageMakerControl": "sagemon.testing._control",
    "RealClock": "sagemon.testing._clock",
    "SimulationError": "sagemon.testing._fake",
    "local_sagemaker": "sagemon.testing._local",
}


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, __all__)
