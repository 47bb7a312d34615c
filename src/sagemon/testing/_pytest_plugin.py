"""pytest plugin (registered as the ``sagemon`` entry point): the ``local_sagemaker`` fixture.

pytest loads this module in every run where sagemon is installed, so it imports nothing heavy
until a test asks for the fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from sagemon.testing._local import LocalSageMaker

__all__ = ["local_sagemaker"]


@pytest.fixture
def local_sagemaker() -> Iterator[LocalSageMaker]:
    """A running local SageMaker (in-process moto plus sagemon's fake), fresh for each test."""
    from sagemon.testing._local import LocalSageMaker

    with LocalSageMaker() as local:
        yield local
