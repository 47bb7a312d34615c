"""A local SageMaker for tests and demos, so pipelines can be tested without an AWS account.

Install with ``pip install 'sagemon[testing]'`` (it needs moto)::

    from sagemon.testing import local_sagemaker

    with local_sagemaker() as local:
        local.client.create_monitoring_schedule(...)
        local.clock.advance(60)

With pytest, request the ``local_sagemaker`` fixture instead (registered by sagemon's plugin).
"""

from sagemon.testing._clock import FakeClock
from sagemon.testing._local import LocalSageMaker, local_sagemaker

__all__ = ["FakeClock", "LocalSageMaker", "local_sagemaker"]
